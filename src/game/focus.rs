//! Pausing when the window loses the focus, only when the loss is real: the window had the focus
//! for a moment after the piece began, and stays without it for a quarter of a second. Flickers
//! while the window is created, moved, resized, switched to fullscreen or moved to another screen
//! are the window manager's, not a person's, and do not pause. With nobody seated (a demo) a focus
//! loss never pauses, and the setting can turn it off.

use bevy::prelude::*;
use bevy::window::{WindowCreated, WindowMoved, WindowResized, WindowScaleFactorChanged};

use super::performance::{PauseReason, PerformanceInput, Setup};
use crate::states::{AppSet, Screen};

/// Seconds the window must have held the focus since the piece began (or resumed) before a loss
/// can pause it.
const HELD_SECS: f32 = 0.5;
/// Seconds a loss must last to pause.
const LOST_SECS: f32 = 0.25;
/// Seconds after the window was created, moved, resized, rescaled or switched to or from
/// fullscreen during which a loss is taken for the window manager's flicker.
const SETTLING_SECS: f32 = 1.0;

/// Watches the focus over time and tells a real loss from a flicker. Bevy-free and testable.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
struct FocusWatch {
    /// When the window last got the focus.
    focused_since: Option<f32>,
    /// When the window last lost the focus.
    lost_since: Option<f32>,
    /// Losses that begin before this time count only from it.
    settling_until: f32,
    /// The window has held the focus long enough since the piece began.
    armed: bool,
}

impl FocusWatch {
    /// The piece begins or resumes: the window must hold the focus again before a loss counts.
    pub fn restart(&mut self) {
        let settling_until = self.settling_until;
        *self = FocusWatch {
            settling_until,
            ..FocusWatch::default()
        };
    }

    /// The window was created, moved, resized, rescaled or switched to or from fullscreen at `now`.
    fn window_changed(&mut self, now: f32) {
        self.settling_until = self.settling_until.max(now + SETTLING_SECS);
    }

    /// The window's focus at `now` (seconds); true when this is a real loss and the piece should
    /// pause (once: the watch then waits for the focus again).
    pub(crate) fn observe(&mut self, now: f32, focused: bool) -> bool {
        if focused {
            self.lost_since = None;
            let since = *self.focused_since.get_or_insert(now);
            self.armed |= now - since >= HELD_SECS;
            return false;
        }
        self.focused_since = None;
        if !self.armed {
            return false;
        }
        let since = self.lost_since.get_or_insert(now).max(self.settling_until);
        let real = now - since >= LOST_SECS;
        if real {
            self.armed = false;
        }
        real
    }
}

pub(super) fn plugin(app: &mut App) {
    // Registered by the window plugin too; here for headless tests, which have none.
    app.add_message::<WindowResized>();
    app.add_message::<WindowMoved>();
    app.add_message::<WindowCreated>();
    app.add_message::<WindowScaleFactorChanged>();
    app.init_resource::<FocusWatch>();
    app.add_systems(OnEnter(Screen::CountIn), restart_watch);
    app.add_systems(OnExit(Screen::Paused), restart_watch);
    app.add_systems(
        Update,
        (
            notice_window_changes,
            pause_on_focus_loss
                .run_if(in_state(Screen::CountIn).or_else(in_state(Screen::Playing))),
        )
            .chain()
            .in_set(AppSet::RecordInput),
    );
}

fn restart_watch(mut watch: ResMut<FocusWatch>) {
    watch.restart();
}

/// Moves, resizes, new windows, scale changes (another screen) and fullscreen switches.
fn notice_window_changes(
    time: Res<Time<Real>>,
    mut watch: ResMut<FocusWatch>,
    mut resized: MessageReader<WindowResized>,
    mut moved: MessageReader<WindowMoved>,
    mut created: MessageReader<WindowCreated>,
    mut rescaled: MessageReader<WindowScaleFactorChanged>,
    modes: Query<&Window, Changed<Window>>,
    mut last_mode: Local<Option<bevy::window::WindowMode>>,
) {
    let mut changed = resized.read().count() + moved.read().count() > 0;
    changed |= created.read().count() + rescaled.read().count() > 0;
    for window in &modes {
        changed |= last_mode.is_some_and(|m| m != window.mode);
        *last_mode = Some(window.mode);
    }
    if changed {
        watch.window_changed(time.elapsed_secs());
    }
}

fn pause_on_focus_loss(
    time: Res<Time<Real>>,
    windows: Query<&Window>,
    setup: Res<Setup>,
    settings: Option<Res<crate::settings::Settings>>,
    mut watch: ResMut<FocusWatch>,
    mut out: MessageWriter<PerformanceInput>,
) {
    let Some(window) = windows.iter().next() else {
        return;
    };
    let wanted = settings.is_none_or(|s| s.pause_on_focus_loss) && setup.anyone_seated();
    if watch.observe(time.elapsed_secs(), window.focused) && wanted {
        out.write(PerformanceInput::Pause(PauseReason::FocusLost));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Frames of 1/60 s from `from` to `to` with the focus as given; true if any paused.
    fn run(w: &mut FocusWatch, from: f32, to: f32, focused: bool) -> bool {
        let mut t = from;
        let mut paused = false;
        while t < to {
            paused |= w.observe(t, focused);
            t += 1.0 / 60.0;
        }
        paused
    }

    #[test]
    fn a_flicker_while_the_window_appears_does_not_pause() {
        let mut w = FocusWatch::default();
        assert!(!run(&mut w, 0.0, 0.1, true));
        assert!(!run(&mut w, 0.1, 0.2, false), "not held long enough yet");
        assert!(!run(&mut w, 0.2, 3.0, true));
    }

    #[test]
    fn a_short_loss_after_play_began_does_not_pause_but_a_lasting_one_does_once() {
        let mut w = FocusWatch::default();
        assert!(!run(&mut w, 0.0, 2.0, true));
        assert!(!run(&mut w, 2.0, 2.15, false), "a blink");
        assert!(!run(&mut w, 2.15, 3.0, true));
        let mut pauses = 0;
        let mut t = 3.0;
        while t < 5.0 {
            pauses += usize::from(w.observe(t, false));
            t += 1.0 / 60.0;
        }
        assert_eq!(pauses, 1);
    }

    #[test]
    fn a_loss_during_a_resize_or_fullscreen_switch_does_not_pause() {
        let mut w = FocusWatch::default();
        assert!(!run(&mut w, 0.0, 2.0, true));
        w.window_changed(2.0);
        assert!(
            !run(&mut w, 2.0, 2.8, false),
            "the window manager's flicker"
        );
        assert!(!run(&mut w, 2.8, 4.0, true));
        // A loss that outlasts the settling time is real after all.
        w.window_changed(4.0);
        assert!(run(&mut w, 4.0, 6.0, false));
    }
}
