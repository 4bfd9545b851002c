//! The screens as states: title, level select, lobby, briefing, play and pause, debrief, settings.
//! Each spawns its UI on enter, scoped to be despawned on exit.

mod briefing;
pub mod debrief;
mod level_select;
mod lobby;
mod play;
mod settings;
mod title;

use bevy::prelude::*;

pub use play::Restarted;

pub(super) fn plugin(app: &mut App) {
    title::plugin(app);
    level_select::plugin(app);
    lobby::plugin(app);
    briefing::plugin(app);
    play::plugin(app);
    debrief::plugin(app);
    settings::plugin(app);
}
