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

use crate::game::Screen;
use crate::ui::widgets::Action;

pub use play::Restarted;

pub(super) fn plugin(app: &mut App) {
    // An action clicked on one screen must not act again on the next.
    for screen in [
        Screen::Title,
        Screen::LevelSelect,
        Screen::Lobby,
        Screen::Briefing,
        Screen::CountIn,
        Screen::Playing,
        Screen::Paused,
        Screen::Debrief,
        Screen::Settings,
    ] {
        app.add_systems(OnEnter(screen), clear_stale_actions);
    }
    title::plugin(app);
    level_select::plugin(app);
    lobby::plugin(app);
    briefing::plugin(app);
    play::plugin(app);
    debrief::plugin(app);
    settings::plugin(app);
}

fn clear_stale_actions(mut actions: ResMut<Messages<Action>>) {
    actions.clear();
}
