//! Level select: the campaign, levels found on disk and the file from the command line. A broken
//! file is listed with its first error.

use bevy::prelude::*;

use crate::game::Screen;
use crate::game::catalog::{Catalog, CurrentLevel};
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets::{self, Action, MenuFocus};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::LevelSelect), spawn_level_list);
    app.add_systems(
        Update,
        act_on_level_list.run_if(in_state(Screen::LevelSelect)),
    );
}

fn spawn_level_list(
    mut commands: Commands,
    palette: Res<Palette>,
    texts: Res<Texts>,
    catalog: Res<Catalog>,
    current: Res<CurrentLevel>,
    mut focus: ResMut<MenuFocus>,
    best: Res<crate::scores::BestScores>,
    mut transitions: MessageReader<StateTransitionEvent<Screen>>,
) {
    // Shown again because a file changed (Level select to Level select): the highlight stays on
    // the level being edited.
    let again = transitions
        .read()
        .last()
        .is_some_and(|t| t.exited == Some(Screen::LevelSelect));
    if !again {
        focus.0 = current.0;
    }
    focus.0 = focus.0.min(catalog.levels.len().saturating_sub(1));
    commands
        .spawn((DespawnOnExit(Screen::LevelSelect), widgets::root()))
        .with_children(|p| {
            p.spawn(widgets::heading(
                texts.t("levels-heading"),
                40.0,
                palette.text,
            ));
            p.spawn(Node {
                flex_direction: FlexDirection::Column,
                row_gap: px(6),
                max_height: px(560),
                overflow: Overflow::scroll_y(),
                ..default()
            })
            .with_children(|list| {
                for (i, level) in catalog.levels.iter().enumerate() {
                    let lang = level
                        .scenario
                        .as_ref()
                        .map(|s| s.language.to_uppercase())
                        .unwrap_or_default();
                    let best = best
                        .get(&level.name)
                        .map(|b| format!("   ★ {}", b.round()))
                        .unwrap_or_default();
                    let text = match &level.scenario {
                        Ok(_) if level.problem.is_some() => {
                            format!("⚠ {}   [{lang}]{best}", level.title())
                        }
                        Ok(_) => format!("{}   [{lang}]{best}", level.title()),
                        Err(e) => format!("⚠ {}", e.lines().next().unwrap_or_default()),
                    };
                    list.spawn(widgets::button(text, Action::SelectLevel(i), i, &palette));
                }
            });
            p.spawn(widgets::label(texts.t("levels-hint"), 16.0, palette.dim));
        });
}

fn act_on_level_list(
    mut actions: MessageReader<Action>,
    mut next: ResMut<NextState<Screen>>,
    mut current: ResMut<CurrentLevel>,
    catalog: Res<Catalog>,
    keys: Res<ButtonInput<KeyCode>>,
) {
    for a in actions.read() {
        if let Action::SelectLevel(i) = a
            && catalog.levels.get(*i).is_some_and(|l| l.scenario.is_ok())
        {
            current.0 = *i;
            next.set(Screen::Lobby);
        }
    }
    if keys.just_pressed(KeyCode::Escape) {
        next.set(Screen::Title);
    }
}
