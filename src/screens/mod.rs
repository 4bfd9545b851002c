//! The screens as states: title, level select, lobby, briefing, play and pause, debrief, the
//! comparison of rounds, settings, the host's wall of a room of many tables, and the form that
//! joins one as a table.
//! Each spawns its UI on enter, scoped to be despawned on exit.

mod agreement;
mod between;
mod briefing;
pub(crate) mod calibration;
pub mod compare;
pub mod debrief;
mod figures;
pub mod help;
pub mod host;
mod host_debrief;
pub mod host_room;
mod host_wall;
mod join;
pub mod level_select;
mod lobby;
mod lobby_phones;
mod play;
pub(crate) mod practice;
pub mod problems;
mod settings;
mod title;
pub mod vote_chart;

use bevy::prelude::*;

use crate::states::Screen;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        PreUpdate,
        (track_player_keys, follow_language).before(bevy::input::InputSystems),
    );
    // Also between leaving one screen and entering the next, so a screen is laid out in its
    // language from its first frame.
    app.add_systems(
        StateTransition,
        follow_language
            .after(bevy::state::state::StateTransitionSystems::ExitSchedules)
            .before(bevy::state::state::StateTransitionSystems::EnterSchedules),
    );
    title::plugin(app);
    level_select::plugin(app);
    lobby::plugin(app);
    lobby_phones::plugin(app);
    briefing::plugin(app);
    play::plugin(app);
    problems::plugin(app);
    debrief::plugin(app);
    vote_chart::plugin(app);
    agreement::plugin(app);
    compare::plugin(app);
    help::plugin(app);
    host::plugin(app);
    join::plugin(app);
    settings::plugin(app);
    calibration::plugin(app);
}

/// Keeps [`PlayerKeys`](crate::ui::widgets::PlayerKeys) to the current level's department keys
/// on the screens where players may be pressing them: the lobby, the pause and the debrief.
fn track_player_keys(
    state: Res<State<Screen>>,
    catalog: Res<crate::game::catalog::Catalog>,
    current: Res<crate::game::catalog::CurrentLevel>,
    settings: Res<crate::settings::Settings>,
    mut player_keys: ResMut<crate::ui::widgets::PlayerKeys>,
) {
    if !(state.is_changed()
        || catalog.is_changed()
        || current.is_changed()
        || settings.is_changed())
    {
        return;
    }
    let playing = matches!(
        state.get(),
        Screen::Lobby | Screen::Paused | Screen::Debrief
    );
    let keys = catalog
        .levels
        .get(current.0)
        .and_then(|l| l.scenario.as_ref().ok())
        .filter(|_| playing)
        .map(|s| {
            crate::game::performance::departments_with_keys(s, &settings.keys)
                .iter()
                .filter_map(|d| crate::ui::keys::key_code(d.key))
                .collect()
        })
        .unwrap_or_default();
    player_keys.set_if_neq(crate::ui::widgets::PlayerKeys(keys));
}

pub use lobby_phones::PhoneButton;
pub(crate) use practice::goal_text;
pub use title::TitleButton;

/// The figures in words, as the debrief screen names them (`super::figure_lines`).
pub(crate) use figures::figure_lines;

/// Whether `screen` shows or plays one scenario (whose language Automatic follows).
fn shows_a_scenario(screen: Screen) -> bool {
    matches!(
        screen,
        Screen::Lobby
            | Screen::Briefing
            | Screen::CountIn
            | Screen::Playing
            | Screen::Paused
            | Screen::Debrief
            | Screen::Compare
            | Screen::Host
    )
}

/// Keeps the interface language as Settings → Language says: an explicit choice; Automatic: the
/// language of the scenario shown or played, elsewhere the system's.
fn follow_language(
    settings: Res<crate::settings::Settings>,
    system: Option<Res<crate::settings::SystemLang>>,
    state: Option<Res<State<Screen>>>,
    catalog: Option<Res<crate::game::catalog::Catalog>>,
    current: Option<Res<crate::game::catalog::CurrentLevel>>,
    mut texts: ResMut<crate::ui::i18n::Texts>,
) {
    let shown = state.is_some_and(|s| shows_a_scenario(*s.get()));
    let scenario = match (&catalog, &current) {
        (Some(catalog), Some(current)) if shown => catalog
            .levels
            .get(current.0)
            .and_then(|l| l.scenario.as_ref().ok()),
        _ => None,
    };
    let system = system.map_or(crate::settings::Lang::En, |s| s.0);
    let lang = settings
        .language
        .resolve(system, scenario.map(|s| s.language.as_str()));
    if texts.lang != lang {
        texts.lang = lang;
    }
    match scenario {
        Some(s) => texts.use_words_of(s),
        None if texts.has_scenario_words() => texts.forget_words(),
        None => {}
    }
}
