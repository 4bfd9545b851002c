//! The fixed part of the stage: staves and gaps, the conductor's line, the musicians with their
//! instrument, name, key cap, colour and shape, and the bar counter.

use bevy::prelude::*;

use crate::scenario::DeptId;

use crate::game::performance::Performance;
use crate::states::AppSet;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;

use super::OnStage;
use super::art::ArtKit;
use super::layout::*;
use super::names::{LINE, Set, set_within};
use super::players::spawn_figure;
use super::text::{MIN_TEXT, stage_text};

/// The "bar 12 · beat 3" text.
#[derive(Component)]
struct BarCounter;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(OnStage), spawn_stage);
    app.add_systems(
        Update,
        update_bar_counter
            .in_set(AppSet::Update)
            .run_if(in_state(OnStage)),
    );
}

fn instrument_key(i: crate::scenario::Instrument) -> &'static str {
    use crate::scenario::Instrument::*;
    match i {
        Violin => "instrument-violin",
        Cello => "instrument-cello",
        Flute => "instrument-flute",
        Clarinet => "instrument-clarinet",
        Horn => "instrument-horn",
        Piano => "instrument-piano",
        Marimba => "instrument-marimba",
        Timpani => "instrument-timpani",
    }
}

/// The score's staves and gaps, each musician at its staff, the conductor's line, the title and
/// the bar counter.
fn spawn_stage(
    mut commands: Commands,
    perf: Option<Res<Performance>>,
    palette: Res<Palette>,
    texts: Res<Texts>,
    kit: Option<Res<ArtKit>>,
    mut meshes: Option<ResMut<Assets<Mesh>>>,
) {
    let Some(perf) = perf else { return };
    let layout = Layout {
        n: perf.departments().len(),
    };
    spawn_gaps(&mut commands, layout, &palette);
    for (d, info) in perf.departments().iter().enumerate() {
        let who = if perf.is_human(DeptId(d)) && perf.is_playback() {
            texts.t("stage-person")
        } else if perf.is_human(DeptId(d)) {
            texts.t("seat-you")
        } else {
            texts.t("stage-computer")
        };
        let instrument = format!("{} · {who}", texts.t(instrument_key(info.instrument)));
        spawn_musician(&mut commands, layout, d, info, instrument, &palette);
        spawn_figure(
            &mut commands,
            kit.as_deref(),
            meshes.as_deref_mut(),
            layout,
            d,
            info,
        );
    }
    let scope = DespawnOnExit(OnStage);
    // The conductor's line.
    commands.spawn((
        scope.clone(),
        Sprite::from_color(
            palette.line,
            Vec2::new(4.0, STAVES_TOP - STAVES_BOTTOM + 30.0),
        ),
        Transform::from_xyz(LINE_X, (STAVES_TOP + STAVES_BOTTOM) / 2.0, 0.0),
    ));
    commands.spawn((
        scope.clone(),
        stage_text(perf.scenario().title.clone(), 22.0, palette.text),
        bevy::sprite::Anchor::CENTER_LEFT,
        Transform::from_xyz(-620.0, 330.0, 1.0),
    ));
    commands.spawn((
        scope,
        stage_text("", 20.0, palette.dim),
        bevy::sprite::Anchor::CENTER_LEFT,
        Transform::from_xyz(-620.0, 300.0, 1.0),
        BarCounter,
    ));
}

/// Where a staff line begins: a little before the conductor's line, under the key cap.
const STAFF_START: f32 = LINE_X - 120.0;
/// A staff line's thickness.
const STAFF_THICKNESS: f32 = 3.0;

/// The gaps between the chairs: a tinted band under every staff.
fn spawn_gaps(commands: &mut Commands, layout: Layout, palette: &Palette) {
    let left = -WIDTH / 2.0;
    let (width, mid) = ((SCORE_RIGHT - left), (SCORE_RIGHT + left) / 2.0);
    let height = (layout.spacing() * 0.36).min(48.0);
    let seam = palette.gap.darker(0.04);
    for d in 0..layout.n {
        let y = layout.gap_under(d);
        commands.spawn((
            DespawnOnExit(OnStage),
            Sprite::from_color(palette.gap, Vec2::new(width, height)),
            Transform::from_xyz(mid, y, -2.0),
        ));
        // Floorboards: the seams along the floor between the chairs, where there is room.
        let seams: &[f32] = if height >= 24.0 { &[-1.0, 1.0] } else { &[] };
        for &k in seams {
            commands.spawn((
                DespawnOnExit(OnStage),
                Sprite::from_color(seam, Vec2::new(width, 1.5)),
                Transform::from_xyz(mid, y + k * height / 6.0, -1.9),
            ));
        }
    }
}

/// A musician's name, whole (on one or two lines) unless it is too long for its row.
#[derive(Component, Debug, Clone, Copy)]
pub struct MusicianName(pub DeptId);

/// A department's key cap by the conductor's line (its sprite).
#[derive(Component, Debug, Clone, Copy)]
pub struct KeyCap(pub DeptId);

/// Department `d`'s staff and musician: its shape, name, instrument (and who plays it) and key cap.
fn spawn_musician(
    commands: &mut Commands,
    layout: Layout,
    d: usize,
    info: &crate::scenario::Department,
    instrument: String,
    palette: &Palette,
) {
    let scope = DespawnOnExit(OnStage);
    let y = layout.staff_y(d);
    let figure = 2.0 * super::figures::HALF * super::players::figure_scale(layout);
    let text_x = MUSICIAN_X + figure + 14.0;
    let cap = key_cap_size(layout);
    // Up to the key cap: a long name ("Hospital pharmacy and stores") is set smaller, or on two
    // lines, to fit.
    let room = KEY_CAP_X - cap / 2.0 - 6.0 - text_x;
    let (name, instrument_size) = set_row(&info.name, layout.spacing(), room);
    let instrument_height = instrument_size.map_or(0.0, |s| LINE * s);
    let (name_y, name_height) = (y + instrument_height / 2.0, name.height());
    // A line of the name at the staff's height: the staff begins after it.
    let across = name.right_across(text_x, name_y, y, STAFF_THICKNESS);
    let start = across.map_or(STAFF_START, |right| (right + 8.0).max(STAFF_START));
    spawn_staff_line(commands, y, start, color_of(info.color));
    commands.spawn((
        scope.clone(),
        stage_text(name.text, name.size, palette.text),
        bevy::sprite::Anchor::CENTER_LEFT,
        Transform::from_xyz(text_x, name_y, 1.0),
        MusicianName(DeptId(d)),
    ));
    if let Some(size) = instrument_size {
        let line = set_within(&instrument, size, room, LINE * size);
        commands.spawn((
            scope,
            stage_text(line.text, line.size, palette.dim),
            bevy::sprite::Anchor::CENTER_LEFT,
            Transform::from_xyz(text_x, y - name_height / 2.0, 1.0),
        ));
    }
    spawn_key_cap(commands, DeptId(d), info.key, y, cap, palette);
}

/// The side of a key cap in a layout.
fn key_cap_size(layout: Layout) -> f32 {
    (layout.spacing() * 0.9).clamp(24.0, KEY_CAP_MAX)
}

/// A musician's name set for a row `spacing` high and `room` wide, and the size of the
/// instrument line under it, where the row has room for one. A name that would be shortened
/// beside the instrument line gives it up when that lets the name be whole.
fn set_row(name: &str, spacing: f32, room: f32) -> (Set, Option<f32>) {
    let lines = NameLines::for_row(spacing);
    let instrument_height = lines.instrument.map_or(0.0, |s| LINE * s);
    let beside = set_within(name, lines.name, room, spacing - instrument_height);
    if beside.whole || lines.instrument.is_none() {
        return (beside, lines.instrument);
    }
    let alone = set_within(name, lines.name, room, spacing);
    if alone.whole {
        (alone, None)
    } else {
        (beside, lines.instrument)
    }
}

/// The sizes of a musician's name and, where its row has room for a second line, its
/// instrument and who plays it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct NameLines {
    name: f32,
    instrument: Option<f32>,
}

impl NameLines {
    fn for_row(spacing: f32) -> NameLines {
        let name = (spacing * 0.3).clamp(MIN_TEXT, 26.0);
        let two = spacing >= name + MIN_TEXT + 10.0;
        NameLines {
            name,
            instrument: two.then_some(MIN_TEXT.max(name * 0.75)),
        }
    }
}

/// A department's staff: a line across the score in its colour, from `start` to the right edge.
fn spawn_staff_line(commands: &mut Commands, y: f32, start: f32, color: Color) {
    let (width, mid) = (SCORE_RIGHT - start, (SCORE_RIGHT + start) / 2.0);
    commands.spawn((
        DespawnOnExit(OnStage),
        Sprite::from_color(color.with_alpha(0.55), Vec2::new(width, STAFF_THICKNESS)),
        Transform::from_xyz(mid, y, -1.0),
    ));
}

/// A department's key cap by the conductor's line.
fn spawn_key_cap(
    commands: &mut Commands,
    dept: DeptId,
    key: &str,
    y: f32,
    cap: f32,
    palette: &Palette,
) {
    commands.spawn((
        DespawnOnExit(OnStage),
        Sprite::from_color(palette.button, Vec2::splat(cap)),
        Transform::from_xyz(KEY_CAP_X, y, 0.5),
        KeyCap(dept),
    ));
    commands.spawn((
        DespawnOnExit(OnStage),
        stage_text(
            crate::scenario::keys::cap_label(key).to_owned(),
            (cap * 0.62).max(MIN_TEXT),
            palette.text,
        ),
        Transform::from_xyz(KEY_CAP_X, y, 1.0),
    ));
}

fn update_bar_counter(
    perf: Option<Res<Performance>>,
    texts: Res<Texts>,
    mut counter: Query<&mut Text2d, With<BarCounter>>,
    round: Option<Res<crate::game::performance::PracticeRound>>,
) {
    let Some(perf) = perf else { return };
    let bpb = f64::from(perf.scenario().beats_per_bar);
    let text = if perf.beat() < perf.start() {
        let left = (perf.start() - perf.beat()).ceil() as i64;
        texts.t_args("stage-count-in", &[("n", left.into())])
    } else {
        let bar = (perf.beat() / bpb).floor() as i64 + 1;
        let beat = (perf.beat() % bpb).floor() as i64 + 1;
        let mut line = texts.t_args(
            "stage-bar",
            &[
                ("bar", bar.into()),
                ("beat", beat.into()),
                ("tempo", i64::from(perf.tempo_pct()).into()),
            ],
        );
        if let Some(crate::scenario::BarRange {
            from_bar: from,
            until_bar: to,
        }) = perf.practice_bars()
        {
            let round = round.map_or(1, |r| r.0 + 1);
            line.push_str(" · ");
            line.push_str(&texts.t_args(
                "stage-loop",
                &[
                    ("from", from.into()),
                    ("to", to.into()),
                    ("round", round.into()),
                ],
            ));
        }
        line
    };
    for mut t in &mut counter {
        if t.0 != text {
            t.0.clone_from(&text);
        }
    }
}
