//! Keys and buttons during the piece, read through the one input map ([`crate::keymap`]): a department's key is a
//! press stamped on the song clock; the facilitator's keys are requests, confirmed where the map
//! says so. Both go to the performance as [`PerformanceInput`] messages.

use bevy::prelude::*;

use super::performance::{PauseReason, Performance, PerformanceInput};
use crate::keymap::{self, Context, Control};
use crate::states::{AppSet, Screen};
use crate::ui::keys::{held, pressed};

/// A restart, skip or leave asked once and waiting for its confirmation: a second press (or
/// click) within [`keymap::CONFIRM_SECS`], or the key held for [`keymap::HOLD_SECS`].
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq)]
pub struct Confirmation {
    pending: Option<Pending>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Pending {
    control: Control,
    since: f32,
}

impl Confirmation {
    /// `control` is asked for at `now` (seconds): true when this confirms the same request made
    /// less than [`keymap::CONFIRM_SECS`] ago; otherwise the request waits for its confirmation.
    pub fn ask(&mut self, control: Control, now: f32) -> bool {
        let confirmed = self
            .pending
            .is_some_and(|p| p.control == control && now - p.since <= keymap::CONFIRM_SECS);
        self.pending = (!confirmed).then_some(Pending {
            control,
            since: now,
        });
        confirmed
    }

    /// The request waiting for its confirmation at `now`, if any.
    pub fn waiting(&self, now: f32) -> Option<Control> {
        self.pending
            .filter(|p| now - p.since <= keymap::CONFIRM_SECS)
            .map(|p| p.control)
    }

    /// Confirms a request whose key has been held long enough.
    fn held_long_enough(&mut self, now: f32) -> Option<Control> {
        let p = self.pending?;
        (now - p.since >= keymap::HOLD_SECS).then(|| {
            self.pending = None;
            p.control
        })
    }

    /// Forgets the waiting request.
    pub fn clear(&mut self) {
        self.pending = None;
    }
}

/// The performance input a facilitator control asks for.
pub fn input_of(control: Control) -> Option<PerformanceInput> {
    Some(match control {
        Control::Pause => PerformanceInput::Pause(PauseReason::Asked),
        Control::Resume => PerformanceInput::Resume,
        Control::Restart => PerformanceInput::Restart,
        Control::SkipToDebrief => PerformanceInput::SkipToDebrief,
        Control::Leave => PerformanceInput::Leave,
        Control::TempoDown => PerformanceInput::Tempo(-1),
        Control::TempoUp => PerformanceInput::Tempo(1),
        Control::Difficulty => PerformanceInput::CycleDifficulty,
        Control::PracticeLoop => PerformanceInput::CyclePractice,
        Control::LoopLength => PerformanceInput::CycleLoopLength,
        _ => return None,
    })
}

/// Asks for a facilitator control: at once, or for one that needs it, once confirmed.
pub fn request(
    control: Control,
    confirm: bool,
    now: f32,
    confirmation: &mut Confirmation,
    out: &mut MessageWriter<PerformanceInput>,
) {
    if confirm && !confirmation.ask(control, now) {
        return;
    }
    if let Some(input) = input_of(control) {
        out.write(input);
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Confirmation>();
    app.add_systems(
        Update,
        (
            record_presses.run_if(in_state(Screen::Playing)),
            read_facilitator_keys.run_if(
                in_state(Screen::CountIn)
                    .or_else(in_state(Screen::Playing))
                    .or_else(in_state(Screen::Paused)),
            ),
        )
            .in_set(AppSet::RecordInput),
    );
    for screen in Screen::ALL {
        app.add_systems(OnEnter(screen), forget_confirmation);
    }
}

fn forget_confirmation(mut confirmation: ResMut<Confirmation>) {
    confirmation.clear();
}

/// Sends this frame's presses of the people's keys, at the song time less the calibrated audio
/// offset (a player who hears the beat late presses late by that much).
fn record_presses(
    keys: crate::ui::keys::DeptKeys,
    perf: Option<Res<Performance>>,
    settings: Option<Res<crate::settings::Settings>>,
    mut out: MessageWriter<PerformanceInput>,
) {
    let Some(perf) = perf else { return };
    if !keys.any_just_pressed() {
        return;
    }
    let offset = settings.map_or(0.0, |s| f64::from(s.audio_offset_ms));
    let at = perf.press_time(offset);
    for dept in perf.scenario().dept_ids() {
        let key = perf.department(dept).key;
        if perf.is_human(dept) && keys.just_pressed(key) {
            out.write(PerformanceInput::Press(crate::sim::Press::new(at, dept)));
        }
    }
}

/// The facilitator's keys during the piece and the pause, from the map; restart, skip and leave
/// once confirmed.
fn read_facilitator_keys(
    keys: Res<ButtonInput<KeyCode>>,
    time: Res<Time<Real>>,
    state: Res<State<Screen>>,
    mut confirmation: ResMut<Confirmation>,
    mut out: MessageWriter<PerformanceInput>,
) {
    let context = if *state.get() == Screen::Paused {
        Context::Pause
    } else {
        Context::Play
    };
    let now = time.elapsed_secs();
    for b in keymap::bindings_in(context) {
        if pressed(&keys, b.control, context) {
            request(b.control, b.confirm, now, &mut confirmation, &mut out);
        }
    }
    if let Some(control) = confirmation.waiting(now)
        && held(&keys, control, context)
        && let Some(control) = confirmation.held_long_enough(now)
        && let Some(input) = input_of(control)
    {
        out.write(input);
    }
}
