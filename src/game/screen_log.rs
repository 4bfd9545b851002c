//! The screen log: every screen change, pause and resume included, at info level as
//! `screen: FROM -> TO`, with the reason for a pause (`screen: Playing -> Paused (focus lost)`),
//! so that a facilitator's bug report can follow the way through the game.

use bevy::prelude::*;

use super::performance::PauseReason;
use crate::states::Screen;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ScreenTrail>();
    app.add_systems(Update, log_screen_changes);
}

/// The lines of the screen log so far (the newest `TRAIL_LINES`), for tests and bug reports.
#[derive(Resource, Debug, Default, Clone)]
pub struct ScreenTrail(pub Vec<String>);

/// Lines the trail keeps.
const TRAIL_LINES: usize = 200;

impl ScreenTrail {
    /// Logs `line` at info level and keeps it.
    pub fn note(&mut self, line: String) {
        info!("{line}");
        if self.0.len() >= TRAIL_LINES {
            self.0.remove(0);
        }
        self.0.push(line);
    }
}

/// The log line of a screen change.
pub fn line(from: Option<Screen>, to: Screen, reason: PauseReason) -> String {
    let from = from.map_or_else(|| "start".to_owned(), |s| format!("{s:?}"));
    let why = if to == Screen::Paused {
        format!(" ({})", reason.log_text())
    } else {
        String::new()
    };
    format!("screen: {from} -> {to:?}{why}")
}

fn log_screen_changes(
    mut changes: MessageReader<StateTransitionEvent<Screen>>,
    reason: Option<Res<PauseReason>>,
    mut trail: ResMut<ScreenTrail>,
) {
    let reason = reason.map(|r| *r).unwrap_or_default();
    for change in changes.read() {
        if let Some(to) = change.entered
            && change.exited != Some(to)
        {
            trail.note(line(change.exited, to, reason));
        }
    }
}
