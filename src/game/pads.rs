//! Gamepads, through the input map: in the lobby a pad's seat button (A / Cross, Bevy's `South`)
//! takes the next free seat, and again leaves it; in play a seated pad plays its department with
//! any face or shoulder button. A pad unplugged mid-piece hands its seat to the colleague and
//! pauses; once it is back, it plays its seat again. All of it reaches the performance as
//! [`PerformanceInput`] messages.

use bevy::input::gamepad::{GamepadConnection, GamepadConnectionEvent};
use bevy::prelude::*;

use super::input::{Controls, Given};
use super::performance::{Performance, PerformanceInput, Setup};
use crate::keymap::{Context, Control};
use crate::states::{AppSet, Screen};
use crate::ui::keys::pad_pressed;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            seat_pads.run_if(in_state(Screen::Lobby)),
            play_with_pads.run_if(in_state(Screen::Playing)),
        )
            .in_set(AppSet::RecordInput),
    );
    app.add_systems(
        PreUpdate,
        notice_pad_connections.after(bevy::input::InputSystems),
    );
}

/// Takes (or leaves) a seat for every pad whose seat button went down this frame.
fn seat_pads(pads: Query<(Entity, &Gamepad)>, mut controls: Controls) {
    for (pad, gamepad) in &pads {
        if pad_pressed(gamepad, Control::PadSeat, Context::Lobby) {
            controls.ask(Control::PadSeat, Context::Lobby, Given::Pad(pad));
        }
    }
}

/// A seated pad's buttons play its department, like its key.
fn play_with_pads(
    pads: Query<&Gamepad>,
    setup: Res<Setup>,
    perf: Option<Res<Performance>>,
    settings: Option<Res<crate::settings::Settings>>,
    mut out: MessageWriter<PerformanceInput>,
) {
    let Some(perf) = perf else { return };
    let offset = settings.map_or(0.0, |s| f64::from(s.audio_offset_ms));
    let at = perf.press_time(offset);
    for (dept, seat) in setup.pads().filter(|(_, s)| s.connected) {
        if pads
            .get(seat.pad)
            .is_ok_and(|g| pad_pressed(g, Control::PadPlay, Context::Play))
        {
            out.write(PerformanceInput::Press(crate::sim::Press::new(at, dept)));
        }
    }
}

/// Tells the performance when a pad comes or goes (it knows whether the pad has a seat).
fn notice_pad_connections(
    mut events: MessageReader<GamepadConnectionEvent>,
    mut out: MessageWriter<PerformanceInput>,
) {
    for e in events.read() {
        out.write(PerformanceInput::PadConnection {
            pad: e.gamepad,
            connected: matches!(e.connection, GamepadConnection::Connected { .. }),
        });
    }
}
