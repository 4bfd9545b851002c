//! Level select: the campaign, levels found on disk and the file from the command line. A broken
//! file is listed with its first error.

use bevy::prelude::*;
use bevy::ui::UiGlobalTransform;

use crate::game::catalog::{Catalog, CurrentLevel, Level};
use crate::game::playback::{self, ReplayInfo, Replays};
use crate::states::Screen;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets::{self, Action, MenuFocus};

/// The scrolling list of levels.
#[derive(Component)]
struct LevelList;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::LevelSelect), spawn_level_list);
    app.add_systems(
        Update,
        (act_on_level_list, scroll_to_focus).run_if(in_state(Screen::LevelSelect)),
    );
}

/// Keeps the highlighted level in view: the list scrolls as the keyboard moves down a long list,
/// and shows the level being played when the screen opens.
fn scroll_to_focus(
    focus: Res<MenuFocus>,
    mut lists: Query<(&mut ScrollPosition, &ComputedNode, &UiGlobalTransform), With<LevelList>>,
    items: Query<(&widgets::MenuItem, &ComputedNode, &UiGlobalTransform)>,
) {
    let Ok((mut scroll, list, list_at)) = lists.single_mut() else {
        return;
    };
    let Some((_, item, item_at)) = items.iter().find(|(m, ..)| m.0 == focus.0) else {
        return;
    };
    // Logical pixels, relative to the list's centre (layout is from the last frame).
    let k = list.inverse_scale_factor;
    let centre = (item_at.translation.y - list_at.translation.y) * k;
    let (half_view, half_item) = (list.size.y * k / 2.0, item.size.y * k / 2.0);
    if half_view <= 0.0 {
        return;
    }
    if centre - half_item < -half_view {
        scroll.0.y += centre - half_item + half_view;
    } else if centre + half_item > half_view {
        scroll.0.y += centre + half_item - half_view;
    }
}

/// The list of levels, the highlight on the level being played (or where it was, when a changed
/// file shows the list again).
fn spawn_level_list(
    mut commands: Commands,
    palette: Res<Palette>,
    texts: Res<Texts>,
    catalog: Res<Catalog>,
    current: Res<CurrentLevel>,
    mut focus: ResMut<MenuFocus>,
    best: Res<crate::scores::BestScores>,
    replays: Res<Replays>,
    mut transitions: MessageReader<StateTransitionEvent<Screen>>,
) {
    // Shown again because a file changed (Level select to Level select): the highlight stays on
    // the level being edited.
    let again = transitions
        .read()
        .last()
        .is_some_and(|t| t.exited == Some(Screen::LevelSelect));
    let listed = listed_levels(&catalog);
    if !again {
        focus.0 = listed
            .iter()
            .position(|(i, _)| *i == current.0)
            .unwrap_or(0);
    }
    focus.0 = focus
        .0
        .min((listed.len() + replays.0.len()).saturating_sub(1));
    commands
        .spawn((DespawnOnExit(Screen::LevelSelect), widgets::root()))
        .with_children(|p| {
            p.spawn(widgets::heading(
                texts.t("levels-heading"),
                40.0,
                palette.text,
            ));
            p.spawn((
                LevelList,
                Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: px(6),
                    max_height: px(560),
                    overflow: Overflow::scroll_y(),
                    ..default()
                },
            ))
            .with_children(|list| {
                for (item, (i, level)) in listed.iter().enumerate() {
                    let text = level_line(level, best.get(&level.name));
                    let action = Action::SelectLevel(*i);
                    list.spawn(widgets::button(text, action, item, &palette));
                }
                spawn_replays(list, &replays, listed.len(), &texts, &palette);
            });
            p.spawn(widgets::label(texts.t("levels-hint"), 16.0, palette.dim));
        });
}

/// The levels listed, with their index in the catalog (a replay's scenario is not one of them).
fn listed_levels(catalog: &Catalog) -> Vec<(usize, &Level)> {
    catalog
        .levels
        .iter()
        .enumerate()
        .filter(|(_, l)| l.replay.is_none())
        .collect()
}

/// The replays of the results folder, after the levels (menu items from `first` on).
fn spawn_replays(
    list: &mut ChildSpawnerCommands,
    replays: &Replays,
    first: usize,
    texts: &Texts,
    palette: &Palette,
) {
    if replays.0.is_empty() {
        return;
    }
    list.spawn(widgets::label(texts.t("levels-replays"), 20.0, palette.dim));
    for (k, entry) in replays.0.iter().enumerate() {
        let text = match &entry.info {
            Ok(info) => replay_line(info, texts),
            Err(e) => format!("⚠ {}: {e}", entry.path.display()),
        };
        list.spawn(widgets::button(
            text,
            Action::SelectReplay(k),
            first + k,
            palette,
        ));
    }
}

/// A replay as the list shows it: ▶, its scenario, round, situation (seed) and agreement.
fn replay_line(info: &ReplayInfo, texts: &Texts) -> String {
    let mut line = format!("▶ {}", info.title);
    if let Some(r) = info.round {
        line.push_str(&format!(
            " · {}",
            texts.t_args("round-n", &[("n", r.into())])
        ));
    }
    line.push_str(&format!(
        " · {}",
        texts.t_args("seed-n", &[("seed", info.seed.to_string().into())])
    ));
    if let Some(a) = &info.agreement {
        let quoted = texts.t_args("compare-agreement", &[("text", a.clone().into())]);
        line.push_str(&format!(" · {quoted}"));
    }
    line
}

/// A level as the list shows it: its title, language and best score, ⚠ when its file has a
/// problem, or the first error of a file that cannot be played.
fn level_line(level: &Level, best: Option<f64>) -> String {
    let lang = level
        .scenario
        .as_ref()
        .map(|s| s.language.to_uppercase())
        .unwrap_or_default();
    let best = best
        .map(|b| format!("   ★ {}", b.round()))
        .unwrap_or_default();
    match &level.scenario {
        Ok(_) if level.problem.is_some() => format!("⚠ {}   [{lang}]{best}", level.title()),
        Ok(_) => format!("{}   [{lang}]{best}", level.title()),
        Err(e) => format!("⚠ {}", e.lines().next().unwrap_or_default()),
    }
}

fn act_on_level_list(
    mut commands: Commands,
    mut actions: MessageReader<Action>,
    mut next: ResMut<NextState<Screen>>,
    mut current: ResMut<CurrentLevel>,
    mut catalog: ResMut<Catalog>,
    mut replays: ResMut<Replays>,
    keys: Res<ButtonInput<KeyCode>>,
) {
    for a in actions.read() {
        match a {
            Action::SelectLevel(i)
                if catalog.levels.get(*i).is_some_and(|l| l.scenario.is_ok()) =>
            {
                current.0 = *i;
                next.set(Screen::Lobby);
            }
            Action::SelectReplay(k) => {
                let Some(entry) = replays.0.get_mut(*k) else {
                    continue;
                };
                match playback::open(&entry.path) {
                    Ok(p) => playback::start(&mut commands, p, &mut catalog, &mut next),
                    // Said on its line; the list stays.
                    Err(e) => entry.info = Err(e),
                }
            }
            _ => {}
        }
    }
    if crate::ui::keys::pressed(
        &keys,
        crate::keymap::Control::Back,
        crate::keymap::Context::Menu,
    ) {
        next.set(Screen::Title);
    }
}
