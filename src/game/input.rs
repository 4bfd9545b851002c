//! Keys and buttons during the piece, read through the one input map ([`crate::keymap`]): a
//! department's key is a press stamped on the song clock; the facilitator's keys are requests,
//! confirmed where the map says so. Both go to the performance as [`PerformanceInput`] messages.
//! `input_of` is the one place a control becomes one, and `Controls` the way keys, gamepads
//! and every screen's buttons ask for it.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::performance::{
    PauseReason, Performance, PerformanceInput, Setup, TEMPO_RANGE, TEMPO_STEP,
};
use crate::keymap::{self, Context, Control};
use crate::states::{AppSet, Screen};
use crate::ui::keys::{held, pressed};

/// A restart, skip or leave asked once and waiting for its confirmation: a second press (or
/// click) within [`keymap::CONFIRM_SECS`], or the key held for [`keymap::HOLD_SECS`].
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq)]
pub(crate) struct Confirmation {
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

/// How a control was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Given {
    /// By its key: tempo stops at the ends of its range.
    Key,
    /// By its button on screen, clicked or chosen with Enter: the lobby's tempo button steps up,
    /// and from full speed back to the slowest.
    Button,
    /// By a gamepad's button.
    Pad(Entity),
}

/// The performance input `control` asks for, given as `given`, with the tempo at `tempo_pct`:
/// the one place a control of the map becomes a [`PerformanceInput`], for keys, gamepads and
/// every screen's buttons alike (through [`Controls`]).
pub(crate) fn input_of(control: Control, given: Given, tempo_pct: u32) -> Option<PerformanceInput> {
    Some(match (control, given) {
        (Control::Pause, _) => PerformanceInput::Pause(PauseReason::Asked),
        (Control::Resume, _) => PerformanceInput::Resume,
        (Control::Restart, _) => PerformanceInput::Restart,
        (Control::SkipToDebrief, _) => PerformanceInput::SkipToDebrief,
        (Control::Leave, _) => PerformanceInput::Leave,
        (Control::TempoDown, _) => PerformanceInput::Tempo(-1),
        (Control::TempoUp, Given::Button) if tempo_pct >= TEMPO_RANGE.1 => {
            let steps = (TEMPO_RANGE.1 - TEMPO_RANGE.0) / TEMPO_STEP;
            PerformanceInput::Tempo(-(steps as i32))
        }
        (Control::TempoUp, _) => PerformanceInput::Tempo(1),
        (Control::Difficulty, _) => PerformanceInput::CycleDifficulty,
        (Control::PracticeLoop, _) => PerformanceInput::CyclePractice,
        (Control::LoopLength, _) => PerformanceInput::CycleLoopLength,
        (Control::PadSeat, Given::Pad(pad)) => PerformanceInput::TogglePadSeat(pad),
        _ => return None,
    })
}

/// How keys, gamepads and screens ask the performance for a control: through [`input_of`], at
/// once, or where the map says so, once confirmed.
#[derive(SystemParam)]
pub(crate) struct Controls<'w> {
    setup: Res<'w, Setup>,
    time: Res<'w, Time<Real>>,
    confirmation: ResMut<'w, Confirmation>,
    out: MessageWriter<'w, PerformanceInput>,
}

impl Controls<'_> {
    /// Asks for `control` on the screen of `context`: at once, or where the map binds it there
    /// with a confirmation, once confirmed (asked twice within [`keymap::CONFIRM_SECS`]).
    pub fn ask(&mut self, control: Control, context: Context, given: Given) {
        let confirm = keymap::binding(control, context).is_some_and(|b| b.confirm);
        if confirm && !self.confirmation.ask(control, self.time.elapsed_secs()) {
            return;
        }
        self.send_control(control, given);
    }

    /// Sends an input that is no control of the map: a seat taken by its key or button, a new
    /// situation.
    pub fn send(&mut self, input: PerformanceInput) {
        self.out.write(input);
    }

    /// Confirms the request waiting for its confirmation when `held` says its key has been held
    /// for [`keymap::HOLD_SECS`].
    fn confirm_held(&mut self, held: impl Fn(Control) -> bool) {
        let now = self.time.elapsed_secs();
        if let Some(control) = self.confirmation.waiting(now)
            && held(control)
            && let Some(control) = self.confirmation.held_long_enough(now)
        {
            self.send_control(control, Given::Key);
        }
    }

    fn send_control(&mut self, control: Control, given: Given) {
        if let Some(input) = input_of(control, given, self.setup.tempo_pct()) {
            self.out.write(input);
        }
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
    state: Res<State<Screen>>,
    mut controls: Controls,
) {
    let context = if *state.get() == Screen::Paused {
        Context::Pause
    } else {
        Context::Play
    };
    for b in keymap::bindings_in(context) {
        if pressed(&keys, b.control, context) {
            controls.ask(b.control, context, Given::Key);
        }
    }
    controls.confirm_held(|control| held(&keys, control, context));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tempo_button_goes_round_from_full_speed_and_the_tempo_key_stops_there() {
        let full = TEMPO_RANGE.1;
        let steps_down = ((TEMPO_RANGE.1 - TEMPO_RANGE.0) / TEMPO_STEP) as i32;
        let up = |given, pct| input_of(Control::TempoUp, given, pct);
        assert_eq!(
            up(Given::Button, full),
            Some(PerformanceInput::Tempo(-steps_down))
        );
        assert_eq!(
            up(Given::Button, full - TEMPO_STEP),
            Some(PerformanceInput::Tempo(1))
        );
        assert_eq!(up(Given::Key, full), Some(PerformanceInput::Tempo(1)));
        assert_eq!(
            input_of(Control::TempoDown, Given::Button, full),
            Some(PerformanceInput::Tempo(-1))
        );
    }

    #[test]
    fn a_pad_takes_a_seat_with_its_seat_button_and_a_key_cannot() {
        let pad = Entity::from_raw_u32(7).unwrap();
        assert_eq!(
            input_of(Control::PadSeat, Given::Pad(pad), 100),
            Some(PerformanceInput::TogglePadSeat(pad))
        );
        assert_eq!(input_of(Control::PadSeat, Given::Key, 100), None);
        assert_eq!(input_of(Control::Back, Given::Key, 100), None);
    }
}
