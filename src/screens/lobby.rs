//! The lobby: press your department's key to take its seat (again to leave it); seats nobody
//! takes are played by the colleague AI. The options' keys come from the input map, and their
//! buttons are the map's controls too; every change goes to the performance as a
//! [`PerformanceInput`], a control's through [`crate::game::input::input_of`].

use bevy::prelude::*;

use crate::game::catalog::OnStage;
use crate::game::input::{Controls, Given};
use crate::game::orchestra::SoundSourceStatus;
use crate::game::performance::{PerformanceInput, Seat, Setup, departments_with_keys};
use crate::keymap::{self, Context, Control};
use crate::scenario::{DeptId, Scenario};
use crate::scores::BestScores;
use crate::settings::Settings;
use crate::states::{AppSet, Screen};
use crate::ui::i18n::Texts;
use crate::ui::keys::{key_code, pressed};
use crate::ui::palette::Palette;
use crate::ui::widgets::{self, MenuFocus};

#[derive(Component)]
struct LobbyRoot;

/// The lobby's line that says the orchestra is loading (empty once it has loaded).
#[derive(Component)]
struct OrchestraLine;

/// "Sound: loading the orchestra… (the SoundFont FluidR3_GM)" while a SoundFont loads for the
/// level (a count-in started now waits for it).
fn show_orchestra_line(
    source: Option<Res<SoundSourceStatus>>,
    texts: Res<Texts>,
    mut line: Query<&mut Text, With<OrchestraLine>>,
) {
    let text = match source.as_ref().and_then(|s| s.loading.clone()) {
        Some(name) => texts.t_args("title-sound-loading", &[("name", name.into())]),
        None => String::new(),
    };
    for mut t in &mut line {
        if t.0 != text {
            t.0.clone_from(&text);
        }
    }
}

/// What the lobby's buttons do.
#[derive(Component, Message, Debug, Clone, Copy, PartialEq, Eq)]
enum LobbyButton {
    /// On to the briefing.
    Continue,
    /// Take the department's seat, or leave it.
    Seat(DeptId),
    /// An option the map has keys for too: tempo up, difficulty, the practice loop, its length.
    Control(Control),
}

/// The department whose key is being changed (F3 on its row, then the new key).
#[derive(Resource, Default, PartialEq)]
struct Remapping(Option<usize>);

pub(super) fn plugin(app: &mut App) {
    widgets::add_buttons::<LobbyButton>(app);
    app.init_resource::<Remapping>();
    app.add_systems(OnEnter(Screen::Lobby), reset_lobby);
    app.add_systems(OnExit(Screen::Lobby), log_seats);
    app.add_systems(
        Update,
        (
            (remap_key, take_seats, act_on_lobby)
                .chain()
                .in_set(AppSet::RecordInput),
            spawn_lobby.in_set(AppSet::Update).in_set(SpawnLobby),
            show_orchestra_line.after(SpawnLobby),
        )
            .run_if(in_state(Screen::Lobby)),
    );
}

/// Entering the lobby: no key being changed, the focus on Continue, the level in the log (`lobby:
/// level FILE`). (The performance fits the seats to the level.)
fn reset_lobby(mut focus: ResMut<MenuFocus>, mut remapping: ResMut<Remapping>, stage: OnStage) {
    remapping.0 = None;
    focus.0 = 0;
    if let Some(level) = stage.level() {
        info!("lobby: level {}", level.name);
    }
}

/// Leaving the lobby: the log says who sits where (`lobby: seats service=person it=colleague`),
/// so a bug report shows the seats the piece was played with.
fn log_seats(
    setup: Res<Setup>,
    stage: OnStage,
    mut trail: ResMut<crate::game::screen_log::ScreenTrail>,
) {
    if let Some(s) = stage.scenario() {
        trail.note(seats_line(s, &setup));
    }
}

/// `lobby: seats ID=WHO …`, WHO being `person` (at the keyboard), `gamepadN`, `phoneN` (never
/// the player's name) or `colleague`.
pub(crate) fn seats_line(s: &Scenario, setup: &Setup) -> String {
    let seats: Vec<String> = s
        .departments
        .iter()
        .enumerate()
        .map(|(d, dept)| {
            let who = match setup.seat(DeptId(d)) {
                Seat::Keyboard => "person".to_owned(),
                Seat::Pad(p) if p.connected => format!("gamepad{}", p.number),
                Seat::Phone(p) if p.connected => format!("phone{}", p.phone.0 + 1),
                Seat::Pad(_) | Seat::Phone(_) | Seat::Colleague => "colleague".to_owned(),
            };
            format!("{}={who}", dept.id)
        })
        .collect();
    format!("lobby: seats {}", seats.join(" "))
}

/// F3 on a department's row, then a key: that department plays with the new key from now on
/// (saved in the settings). Esc cancels.
fn remap_key(
    keys: Res<ButtonInput<KeyCode>>,
    dept_keys: crate::ui::keys::DeptKeys,
    focus: Res<MenuFocus>,
    stage: OnStage,
    mut remapping: ResMut<Remapping>,
    mut settings: ResMut<Settings>,
) {
    let Some(s) = stage.scenario() else {
        return;
    };
    let Some(d) = remapping.0 else {
        if pressed(&keys, Control::RemapKey, Context::Lobby)
            && (1..=s.departments.len()).contains(&focus.0)
        {
            remapping.0 = Some(focus.0 - 1);
        }
        return;
    };
    if pressed(&keys, Control::Back, Context::Lobby) {
        remapping.0 = None;
        return;
    }
    let infos = departments_with_keys(s, &settings.keys);
    // A letter of another alphabet first: on a Danish keyboard Ø sits on the physical Quote key.
    let pressed = dept_keys.other_letter().or_else(|| {
        crate::scenario::keys::PLAYABLE
            .iter()
            .copied()
            .find(|name| key_code(name).is_some_and(|k| keys.just_pressed(k)))
    });
    if let Some(name) = pressed
        && let Some(dept) = s.departments.get(d)
        && infos
            .iter()
            .enumerate()
            .all(|(j, i)| j == d || i.key != name)
    {
        let id = dept.id.clone();
        settings.keys.retain(|(k, _)| *k != id);
        settings.keys.push((id, (*name).to_owned()));
        remapping.0 = None;
    }
}

/// Department keys take and leave seats; the options' keys (tempo, difficulty, practice loop)
/// change the setup.
fn take_seats(
    keys: Res<ButtonInput<KeyCode>>,
    dept_keys: crate::ui::keys::DeptKeys,
    stage: OnStage,
    settings: Res<Settings>,
    remapping: Res<Remapping>,
    mut controls: Controls,
) {
    let Some(s) = stage.scenario() else {
        return;
    };
    if remapping.0.is_some() || remapping.is_changed() || !dept_keys.any_just_pressed() {
        return;
    }
    for (d, info) in departments_with_keys(s, &settings.keys).iter().enumerate() {
        if dept_keys.just_pressed(info.key) {
            controls.send(PerformanceInput::ToggleSeat(DeptId(d)));
        }
    }
    for b in keymap::bindings_in(Context::Lobby) {
        if pressed(&keys, b.control, Context::Lobby) {
            controls.ask(b.control, Context::Lobby, Given::Key);
        }
    }
}

/// The lobby's buttons, and Esc back to the levels.
fn act_on_lobby(
    mut buttons: MessageReader<LobbyButton>,
    mut next: ResMut<NextState<Screen>>,
    keys: Res<ButtonInput<KeyCode>>,
    remapping: Res<Remapping>,
    mut controls: Controls,
) {
    for button in buttons.read() {
        match *button {
            LobbyButton::Continue => next.set(Screen::Briefing),
            LobbyButton::Seat(d) => controls.send(PerformanceInput::ToggleSeat(d)),
            LobbyButton::Control(c) => controls.ask(c, Context::Lobby, Given::Button),
        }
    }
    if pressed(&keys, Control::Back, Context::Lobby)
        && !remapping.is_changed()
        && remapping.0.is_none()
    {
        next.set(Screen::LevelSelect);
    }
}

/// Where the lobby is spawned: the phone card fills its slot after it (see
/// [`super::lobby_phones`]).
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct SpawnLobby;

/// Where the lobby puts the phone card: under its options (the lobby spawns it,
/// [`super::lobby_phones`] fills it).
#[derive(Component)]
pub(super) struct PhoneSlot;

/// The lobby, spawned again whenever the setup, a key or a setting changes: the level's title
/// and keys, the seats in one column and the options in another.
fn spawn_lobby(
    mut commands: Commands,
    setup: Res<Setup>,
    stage: OnStage,
    palette: Res<Palette>,
    texts: Res<Texts>,
    settings: Res<Settings>,
    remapping: Res<Remapping>,
    old: Query<Entity, With<LobbyRoot>>,
    best: Res<BestScores>,
) {
    if !setup.is_changed() && !remapping.is_changed() && !settings.is_changed() && !old.is_empty() {
        return;
    }
    for e in &old {
        commands.entity(e).despawn();
    }
    let (Some(level), Some(s)) = (stage.level(), stage.scenario()) else {
        return;
    };
    let best = best.get(&level.name);
    commands
        .spawn((DespawnOnExit(Screen::Lobby), LobbyRoot, widgets::root()))
        .with_children(|p| {
            p.spawn(widgets::heading(s.title.clone(), 36.0, palette.text));
            let hint = format!(
                "{}\n{}",
                texts.t("lobby-hint"),
                super::help::key_line(&texts, Context::Lobby)
            );
            p.spawn(widgets::hint(hint, 18.0, palette.dim));
            p.spawn((widgets::hint("", 18.0, palette.dim), OrchestraLine));
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
                spawn_seats(row, s, &setup, &settings, &texts, &palette);
                spawn_options_column(row, &setup, s.departments.len() + 1, best, &texts, &palette);
            });
        });
}

/// At most this many seats stand in one column; more make more columns, and their colleagues'
/// seats say it in one word.
const SEATS_PER_COLUMN: usize = 8;

/// The seats: a button per department (its key, shape, name and who plays it) in keyboard order
/// from 1, in columns of at most [`SEATS_PER_COLUMN`], filled evenly.
fn spawn_seats(
    parent: &mut ChildSpawnerCommands,
    s: &Scenario,
    setup: &Setup,
    settings: &Settings,
    texts: &Texts,
    palette: &Palette,
) {
    let seats = departments_with_keys(s, &settings.keys);
    let columns = seats.len().div_ceil(SEATS_PER_COLUMN).max(1);
    let per_column = seats.len().div_ceil(columns).max(1);
    let compact = columns > 1;
    parent
        .spawn(Node {
            flex_direction: FlexDirection::Row,
            column_gap: px(12),
            ..default()
        })
        .with_children(|row| {
            for (c, chunk) in seats.chunks(per_column).enumerate() {
                row.spawn(Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: px(8),
                    ..default()
                })
                .with_children(|column| {
                    for (i, info) in chunk.iter().enumerate() {
                        let d = DeptId(c * per_column + i);
                        let who = match setup.seat(d) {
                            Seat::Colleague if compact => texts.t("seat-colleague-short"),
                            _ => seat_text(texts, setup, d),
                        };
                        let text = format!(
                            "[{}]  {}  {}  —  {who}",
                            crate::scenario::keys::cap_label(info.key),
                            crate::game::glyph(info.shape),
                            info.name
                        );
                        let action = LobbyButton::Seat(d);
                        // A phone's name is drawn inside its row, whatever marks it carries.
                        column
                            .spawn(widgets::sized_button(
                                text,
                                action,
                                d.0 + 1,
                                palette,
                                (300.0, 20.0),
                            ))
                            .entry::<Node>()
                            .and_modify(|mut node| node.overflow = Overflow::clip());
                    }
                });
            }
        });
}

/// The options (see [`spawn_options`]) and the level's best score, if it has one.
fn spawn_options_column(
    parent: &mut ChildSpawnerCommands,
    setup: &Setup,
    n: usize,
    best: Option<f64>,
    texts: &Texts,
    palette: &Palette,
) {
    parent
        .spawn(Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(8),
            ..default()
        })
        .with_children(|options| {
            spawn_options(options, setup, n, texts, palette);
            if let Some(best) = best {
                options.spawn(widgets::label(
                    texts.t_args("best-score", &[("score", best.round().into())]),
                    18.0,
                    palette.dim,
                ));
            }
            options.spawn((
                PhoneSlot,
                Node {
                    margin: UiRect::top(px(8)),
                    ..default()
                },
            ));
        });
}

/// Start, tempo, difficulty and the practice loop, in keyboard order from `n` (after the seats;
/// Continue is 0).
fn spawn_options(
    p: &mut ChildSpawnerCommands,
    setup: &Setup,
    n: usize,
    texts: &Texts,
    palette: &Palette,
) {
    let item = |text: String, action, order| {
        widgets::sized_button(text, action, order, palette, (360.0, 20.0))
    };
    p.spawn(item(texts.t("lobby-continue"), LobbyButton::Continue, 0));
    p.spawn(item(
        texts.t_args("lobby-tempo", &[("pct", setup.tempo_pct().into())]),
        LobbyButton::Control(Control::TempoUp),
        n,
    ));
    p.spawn(item(
        format!(
            "{}: {}",
            texts.t("lobby-difficulty"),
            texts.t(setup.difficulty().text_key())
        ),
        LobbyButton::Control(Control::Difficulty),
        n + 1,
    ));
    let practice = match setup.practice() {
        None => texts.t("lobby-practice-off"),
        Some(p) => texts.t_args(
            "lobby-practice-bars",
            &[("from", p.from.into()), ("to", p.to.into())],
        ),
    };
    p.spawn(item(
        practice,
        LobbyButton::Control(Control::PracticeLoop),
        n + 2,
    ));
    if let Some(p_loop) = setup.practice() {
        p.spawn(item(
            texts.t_args("lobby-loop-length", &[("n", p_loop.bars().into())]),
            LobbyButton::Control(Control::LoopLength),
            n + 3,
        ));
    }
}

/// Who sits on seat `dept`, as the lobby and the briefing say it: a phone by its player's name,
/// and whether it is away.
pub(super) fn seat_text(texts: &Texts, setup: &Setup, dept: DeptId) -> String {
    match setup.seat(dept) {
        Seat::Colleague => texts.t("seat-colleague"),
        Seat::Keyboard => texts.t("seat-you"),
        Seat::Pad(p) => texts.t_args("seat-pad", &[("n", p.number.into())]),
        Seat::Phone(p) => {
            let name = setup.phone_name(p.phone).to_owned();
            let key = if p.connected {
                "seat-phone"
            } else {
                "seat-phone-away"
            };
            texts.t_args(key, &[("name", name.into())])
        }
    }
}
