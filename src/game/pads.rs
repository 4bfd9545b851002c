//! Gamepads: in the lobby any pad's face button (A / Cross, Bevy's `South`) takes the next free
//! seat, and again leaves it; in play a seated pad plays its department with any face button or
//! shoulder button. A pad unplugged mid-piece pauses the game with a message and hands its seat to
//! the colleague; pressing a button on it again (once it is back) takes the seat back.

use bevy::input::gamepad::{GamepadConnection, GamepadConnectionEvent};
use bevy::prelude::*;

use super::input::{KeyHit, press_time};
use super::performance::{LobbyChoice, Performance};
use crate::states::{AppSet, Screen};

/// The buttons that play a seated pad's department.
const PLAY_BUTTONS: [GamepadButton; 6] = [
    GamepadButton::South,
    GamepadButton::East,
    GamepadButton::West,
    GamepadButton::North,
    GamepadButton::LeftTrigger,
    GamepadButton::RightTrigger,
];

/// A pad on a seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PadSeat {
    /// The gamepad's entity.
    pub pad: Entity,
    /// The department it plays.
    pub dept: usize,
    /// Number shown in the lobby ("pad 1"), in order of joining.
    pub number: u32,
    /// False while the pad is unplugged: the colleague plays its seat meanwhile.
    pub connected: bool,
}

/// What happened to a pad that the players should know about (shown on the pause overlay).
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct PadNotice(pub Option<PadChange>);

/// A pad left or came back in the middle of a piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PadChange {
    /// Unplugged: its department is played by the colleague until it comes back.
    Unplugged { number: u32, dept: usize },
    /// Back on its seat.
    Back { number: u32, dept: usize },
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<PadNotice>();
    app.add_systems(Update, seat_pads.run_if(in_state(Screen::Lobby)));
    app.add_systems(
        Update,
        play_with_pads
            .in_set(AppSet::RecordInput)
            .run_if(in_state(Screen::Playing)),
    );
    app.add_systems(
        PreUpdate,
        notice_pad_connections.after(bevy::input::InputSystems),
    );
    app.add_systems(OnEnter(Screen::Lobby), clear_pad_notice);
    app.add_systems(OnExit(Screen::Paused), clear_pad_notice);
    app.add_systems(OnEnter(Screen::CountIn), clear_pad_notice);
}

/// Takes (or leaves) a seat for every pad whose face button went down this frame.
fn seat_pads(pads: Query<(Entity, &Gamepad)>, mut choice: ResMut<LobbyChoice>) {
    for (pad, gamepad) in &pads {
        if gamepad.just_pressed(GamepadButton::South) {
            choice.toggle_pad(pad);
        }
    }
}

/// Feeds a seated pad's presses to the simulation, like a key.
fn play_with_pads(
    pads: Query<&Gamepad>,
    choice: Res<LobbyChoice>,
    perf: Option<ResMut<Performance>>,
    settings: Option<Res<crate::settings::Settings>>,
    mut hits: MessageWriter<KeyHit>,
) {
    let Some(mut perf) = perf else { return };
    let at = press_time(&perf, settings.as_deref());
    for seat in choice.pads.iter().filter(|s| s.connected) {
        let Ok(gamepad) = pads.get(seat.pad) else {
            continue;
        };
        if perf.is_human(seat.dept) && PLAY_BUTTONS.iter().any(|b| gamepad.just_pressed(*b)) {
            perf.pending.push(crate::sim::Press::new(
                at,
                crate::scenario::DeptId(seat.dept),
            ));
            hits.write(KeyHit { dept: seat.dept });
        }
    }
}

/// An unplugged seated pad hands its seat to the colleague and pauses a running piece; a pad that
/// comes back takes its seat again (if nobody took it meanwhile).
fn notice_pad_connections(
    mut events: MessageReader<GamepadConnectionEvent>,
    mut choice: ResMut<LobbyChoice>,
    perf: Option<ResMut<Performance>>,
    state: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut notice: ResMut<PadNotice>,
) {
    let mut perf = perf;
    let playing = matches!(
        state.get(),
        Screen::CountIn | Screen::Playing | Screen::Paused
    );
    for e in events.read() {
        let connected = matches!(e.connection, GamepadConnection::Connected { .. });
        let Some(i) = choice.pads.iter().position(|s| s.pad == e.gamepad) else {
            continue;
        };
        let seat = choice.pads[i];
        if seat.connected == connected {
            continue;
        }
        if connected && choice.humans.get(seat.dept).copied().unwrap_or(false) {
            // Someone took the seat by key meanwhile: the pad is free again.
            choice.pads.remove(i);
            continue;
        }
        choice.pads[i].connected = connected;
        if let Some(h) = choice.humans.get_mut(seat.dept) {
            *h = connected;
        }
        if let Some(perf) = perf.as_deref_mut() {
            perf.set_human(seat.dept, connected);
        }
        if connected {
            info!("gamepad {} is back on seat {}", seat.number, seat.dept);
            // Said on the pause overlay; a pad back mid-play needs no words.
            notice.0 = (*state.get() == Screen::Paused).then_some(PadChange::Back {
                number: seat.number,
                dept: seat.dept,
            });
        } else {
            warn!(
                "gamepad {} unplugged; a colleague plays its seat",
                seat.number
            );
            notice.0 = Some(PadChange::Unplugged {
                number: seat.number,
                dept: seat.dept,
            });
            if playing && *state.get() != Screen::Paused {
                next.set(Screen::Paused);
            }
        }
    }
}

fn clear_pad_notice(mut notice: ResMut<PadNotice>) {
    notice.0 = None;
}
