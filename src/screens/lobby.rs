//! The lobby: press your department's key to take its seat (again to leave it); seats nobody
//! takes are played by the colleague AI. − and + set the tempo (50–100 %), F2 the difficulty.

use bevy::prelude::*;

use crate::game::catalog::{Catalog, CurrentLevel};
use crate::game::input::key_code;
use crate::game::performance::{LobbyChoice, departments_with_keys};
use crate::scores::BestScores;
use crate::settings::Settings;
use crate::states::Screen;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets::{self, Action, MenuFocus};

#[derive(Component)]
struct LobbyRoot;

/// The department whose key is being changed (F3 on its row, then the new key).
#[derive(Resource, Default, PartialEq)]
struct Remapping(Option<usize>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Remapping>();
    app.add_systems(OnEnter(Screen::Lobby), reset_lobby);
    app.add_systems(
        Update,
        (remap_key, take_seats, act_on_lobby, spawn_lobby)
            .chain()
            .run_if(in_state(Screen::Lobby)),
    );
}

/// Entering the lobby: another level (or a reloaded one with other departments) starts with
/// free seats and no practice loop; the same level keeps them, the loop kept within the piece.
fn reset_lobby(
    mut choice: ResMut<LobbyChoice>,
    catalog: Res<Catalog>,
    current: Res<CurrentLevel>,
    mut focus: ResMut<MenuFocus>,
    mut remapping: ResMut<Remapping>,
    mut last_level: Local<Option<usize>>,
) {
    let scenario = catalog
        .levels
        .get(current.0)
        .and_then(|l| l.scenario.as_ref().ok());
    let n = scenario.map_or(0, |s| s.departments.len());
    if choice.humans.len() != n || *last_level != Some(current.0) {
        choice.humans = vec![false; n];
        choice.pads.clear();
        choice.practice = None;
    }
    *last_level = Some(current.0);
    if let (Some((from, to)), Some(s)) = (choice.practice, scenario) {
        choice.practice = (from <= s.length_bars).then(|| (from, to.min(s.length_bars)));
    }
    remapping.0 = None;
    focus.0 = 0;
    choice.set_changed();
}

/// F3 on a department's row, then a key: that department plays with the new key from now on
/// (saved in the settings). Esc cancels.
fn remap_key(
    keys: Res<ButtonInput<KeyCode>>,
    focus: Res<MenuFocus>,
    catalog: Res<Catalog>,
    current: Res<CurrentLevel>,
    mut remapping: ResMut<Remapping>,
    mut settings: ResMut<Settings>,
) {
    let Some(Ok(s)) = catalog.levels.get(current.0).map(|l| &l.scenario) else {
        return;
    };
    let Some(d) = remapping.0 else {
        if keys.just_pressed(KeyCode::F3) && (1..=s.departments.len()).contains(&focus.0) {
            remapping.0 = Some(focus.0 - 1);
        }
        return;
    };
    if keys.just_pressed(KeyCode::Escape) {
        remapping.0 = None;
        return;
    }
    let infos = departments_with_keys(s, &settings.keys);
    let pressed = crate::scenario::keys::PLAYABLE
        .iter()
        .find(|name| key_code(name).is_some_and(|k| keys.just_pressed(k)));
    if let Some(name) = pressed
        && let Some(dept) = s.departments.get(d)
        && infos
            .iter()
            .enumerate()
            .all(|(j, i)| j == d || i.key != *name)
    {
        let id = dept.id.clone();
        settings.keys.retain(|(k, _)| *k != id);
        settings.keys.push((id, (*name).to_owned()));
        remapping.0 = None;
    }
}

fn take_seats(
    keys: Res<ButtonInput<KeyCode>>,
    catalog: Res<Catalog>,
    current: Res<CurrentLevel>,
    mut choice: ResMut<LobbyChoice>,
    settings: Res<Settings>,
    remapping: Res<Remapping>,
) {
    let Some(Ok(s)) = catalog.levels.get(current.0).map(|l| &l.scenario) else {
        return;
    };
    if remapping.0.is_some() || remapping.is_changed() {
        return;
    }
    for (d, info) in departments_with_keys(s, &settings.keys).iter().enumerate() {
        if key_code(info.key).is_some_and(|k| keys.just_pressed(k)) {
            choice.toggle_seat(d);
        }
    }
    if keys.just_pressed(KeyCode::Minus) {
        choice.tempo_pct = choice.tempo_pct.saturating_sub(10).max(50);
    }
    if keys.just_pressed(KeyCode::Equal) || keys.just_pressed(KeyCode::NumpadAdd) {
        choice.tempo_pct = (choice.tempo_pct + 10).min(100);
    }
    if keys.just_pressed(KeyCode::F2) {
        choice.difficulty = choice.difficulty.next();
    }
    if keys.just_pressed(KeyCode::F4) {
        choice.cycle_practice(s.length_bars);
    }
    if keys.just_pressed(KeyCode::F5) {
        choice.cycle_loop_length(s.length_bars);
    }
}

fn act_on_lobby(
    mut actions: MessageReader<Action>,
    mut next: ResMut<NextState<Screen>>,
    mut choice: ResMut<LobbyChoice>,
    keys: Res<ButtonInput<KeyCode>>,
    remapping: Res<Remapping>,
    catalog: Res<Catalog>,
    current: Res<CurrentLevel>,
) {
    let length = catalog
        .levels
        .get(current.0)
        .and_then(|l| l.scenario.as_ref().ok())
        .map_or(1, |s| s.length_bars);
    for a in actions.read() {
        match a {
            Action::Continue => next.set(Screen::Briefing),
            Action::ToggleSeat(d) => choice.toggle_seat(*d),
            Action::TempoDown => choice.tempo_pct = choice.tempo_pct.saturating_sub(10).max(50),
            Action::TempoUp => choice.tempo_pct = (choice.tempo_pct + 10).min(100),
            Action::CycleDifficulty => choice.difficulty = choice.difficulty.next(),
            Action::CyclePractice => choice.cycle_practice(length),
            Action::CycleLoopLength => choice.cycle_loop_length(length),
            _ => {}
        }
    }
    if keys.just_pressed(KeyCode::Escape) && !remapping.is_changed() && remapping.0.is_none() {
        next.set(Screen::LevelSelect);
    }
}

fn spawn_lobby(
    mut commands: Commands,
    choice: Res<LobbyChoice>,
    catalog: Res<Catalog>,
    current: Res<CurrentLevel>,
    palette: Res<Palette>,
    texts: Res<Texts>,
    settings: Res<Settings>,
    remapping: Res<Remapping>,
    old: Query<Entity, With<LobbyRoot>>,
    best: Res<BestScores>,
) {
    if !choice.is_changed() && !remapping.is_changed() && !settings.is_changed() && !old.is_empty()
    {
        return;
    }
    for e in &old {
        commands.entity(e).despawn();
    }
    let Some(Ok(s)) = catalog.levels.get(current.0).map(|l| &l.scenario) else {
        return;
    };
    let level_name = catalog.levels[current.0].name.clone();
    commands
        .spawn((DespawnOnExit(Screen::Lobby), LobbyRoot, widgets::root()))
        .with_children(|p| {
            p.spawn(widgets::heading(s.title.clone(), 36.0, palette.text));
            p.spawn(widgets::label(texts.t("lobby-hint"), 18.0, palette.dim));
            if let Some(dept) = remapping.0.and_then(|d| s.departments.get(d)) {
                let name = dept.name.clone();
                p.spawn(widgets::label(
                    texts.t_args("lobby-remap-now", &[("dept", name.into())]),
                    20.0,
                    palette.line,
                ));
            }
            p.spawn(Node {
                flex_direction: FlexDirection::Row,
                column_gap: px(32),
                align_items: AlignItems::FlexStart,
                margin: UiRect::top(px(8)),
                ..default()
            })
            .with_children(|row| {
                // The seats: one column, wrapping into more when there are many departments.
                row.spawn(Node {
                    flex_direction: FlexDirection::Column,
                    flex_wrap: FlexWrap::Wrap,
                    max_height: px(540),
                    row_gap: px(8),
                    column_gap: px(12),
                    align_content: AlignContent::FlexStart,
                    ..default()
                })
                .with_children(|seats| {
                    for (d, info) in departments_with_keys(s, &settings.keys).iter().enumerate() {
                        let who = if let Some(seat) = choice.pad_on(d) {
                            texts.t_args("seat-pad", &[("n", seat.number.into())])
                        } else if choice.humans.get(d).copied().unwrap_or(false) {
                            texts.t("seat-you")
                        } else {
                            texts.t("seat-colleague")
                        };
                        let text = format!(
                            "[{}]  {}  {}  —  {who}",
                            info.key,
                            crate::game::glyph(info.shape),
                            info.name
                        );
                        seats.spawn(widgets::sized_button(
                            text,
                            Action::ToggleSeat(d),
                            d + 1,
                            &palette,
                            (300.0, 20.0),
                        ));
                    }
                });
                row.spawn(Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: px(8),
                    ..default()
                })
                .with_children(|options| {
                    spawn_options(options, &choice, s.departments.len() + 1, &texts, &palette);
                    if let Some(best) = best.get(&level_name) {
                        options.spawn(widgets::label(
                            texts.t_args("best-score", &[("score", best.round().into())]),
                            18.0,
                            palette.dim,
                        ));
                    }
                });
            });
        });
}

/// Start, tempo, difficulty and the practice loop, in keyboard order from `n` (after the seats;
/// Continue is 0).
fn spawn_options(
    p: &mut ChildSpawnerCommands,
    choice: &LobbyChoice,
    n: usize,
    texts: &Texts,
    palette: &Palette,
) {
    let item = |text: String, action, order| {
        widgets::sized_button(text, action, order, palette, (360.0, 20.0))
    };
    p.spawn(item(texts.t("lobby-continue"), Action::Continue, 0));
    p.spawn(item(
        texts.t_args("lobby-tempo", &[("pct", choice.tempo_pct.into())]),
        Action::TempoUp,
        n,
    ));
    p.spawn(item(
        format!(
            "{}: {}",
            texts.t("lobby-difficulty"),
            texts.t(choice.difficulty.text_key())
        ),
        Action::CycleDifficulty,
        n + 1,
    ));
    let practice = match choice.practice {
        None => texts.t("lobby-practice-off"),
        Some((from, to)) => texts.t_args(
            "lobby-practice-bars",
            &[("from", from.into()), ("to", to.into())],
        ),
    };
    p.spawn(item(practice, Action::CyclePractice, n + 2));
    if let Some((from, to)) = choice.practice {
        p.spawn(item(
            texts.t_args(
                "lobby-loop-length",
                &[("n", (to.saturating_sub(from) + 1).into())],
            ),
            Action::CycleLoopLength,
            n + 3,
        ));
    }
}
