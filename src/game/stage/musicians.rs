//! The fixed part of the stage: staves and gaps, the conductor's line, the musicians with their
//! instrument, name, key cap, colour and shape, and the bar counter.

use bevy::prelude::*;

use crate::scenario::DeptId;

use crate::game::performance::Performance;
use crate::states::AppSet;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;

use super::layout::*;
use super::{OnStage, stage_text};

/// A musician's shape glyph, which jumps when its key is pressed.
#[derive(Component)]
struct MusicianGlyph {
    dept: usize,
    bump: f32,
    y: f32,
}

/// The "bar 12 · beat 3" text.
#[derive(Component)]
struct BarCounter;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(OnStage), spawn_stage);
    app.add_systems(
        Update,
        (bump_musicians, update_bar_counter)
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

/// The score's horizontal extent: from a little before the conductor's line to the right edge.
fn score_span() -> (f32, f32) {
    let width = SCORE_RIGHT - (LINE_X - 120.0);
    let mid = (SCORE_RIGHT + LINE_X - 120.0) / 2.0;
    (width, mid)
}

/// The gaps between the chairs: a tinted band under every staff.
fn spawn_gaps(commands: &mut Commands, layout: Layout, palette: &Palette) {
    let (width, mid) = score_span();
    for d in 0..layout.n {
        commands.spawn((
            DespawnOnExit(OnStage),
            Sprite::from_color(
                palette.gap,
                Vec2::new(width, (layout.spacing() * 0.36).min(48.0)),
            ),
            Transform::from_xyz(mid, layout.gap_under(d), -2.0),
        ));
    }
}

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
    let color = color_of(info.color);
    spawn_staff_line(commands, y, color);
    let size = (layout.spacing() * 0.55).clamp(14.0, 44.0);
    // The halo that lights the chair while a note it may take comes up (see `chairs`).
    commands.spawn((
        scope.clone(),
        Sprite::from_color(palette.line.with_alpha(0.0), Vec2::splat(size * 1.3)),
        Transform::from_xyz(MUSICIAN_X + size / 2.0, y, 0.5),
        super::chairs::ChairLight(DeptId(d)),
    ));
    commands.spawn((
        scope.clone(),
        stage_text(glyph(info.shape), size, color),
        Transform::from_xyz(MUSICIAN_X + size / 2.0, y, 1.0),
        MusicianGlyph {
            dept: d,
            bump: 0.0,
            y,
        },
    ));
    let small = (layout.spacing() * 0.28).clamp(11.0, 20.0);
    let text_x = MUSICIAN_X + size + 10.0;
    // Up to the key cap: a long name ("Borgerservice og Digitalisering") is set smaller to fit.
    let room = LINE_X - 45.0 - small * 1.2 - text_x;
    commands.spawn((
        scope.clone(),
        stage_text_within(&info.name, small * 1.1, room, palette.text),
        bevy::sprite::Anchor::CENTER_LEFT,
        Transform::from_xyz(text_x, y + small * 0.55, 1.0),
    ));
    commands.spawn((
        scope,
        stage_text_within(&instrument, small * 0.8, room, palette.dim),
        bevy::sprite::Anchor::CENTER_LEFT,
        Transform::from_xyz(text_x, y - small * 0.6, 1.0),
    ));
    spawn_key_cap(commands, info.key, y, small, palette);
}

/// A department's staff: a line across the score in its colour.
fn spawn_staff_line(commands: &mut Commands, y: f32, color: Color) {
    let (width, mid) = score_span();
    commands.spawn((
        DespawnOnExit(OnStage),
        Sprite::from_color(color.with_alpha(0.55), Vec2::new(width, 3.0)),
        Transform::from_xyz(mid, y, -1.0),
    ));
}

/// The font size, at most `size`, at which `text` fits into `room` pixels (DejaVu Sans is at most
/// about 0.7 of the size wide per character, capitals included; never below 8 px: what is longer
/// still wraps within the room, see [`stage_text_within`]).
pub fn fitting(text: &str, size: f32, room: f32) -> f32 {
    let chars = text.chars().count().max(1) as f32;
    size.min(room / (chars * 0.7)).max(8.0)
}

/// Stage text that never runs past `room` pixels: set smaller to fit, and wrapped if even that
/// is too long.
fn stage_text_within(text: &str, size: f32, room: f32, color: Color) -> impl Bundle {
    (
        stage_text(text.to_owned(), fitting(text, size, room), color),
        bevy::text::TextBounds::new_horizontal(room),
    )
}

/// A department's key cap by the conductor's line.
fn spawn_key_cap(commands: &mut Commands, key: &str, y: f32, small: f32, palette: &Palette) {
    commands.spawn((
        DespawnOnExit(OnStage),
        Sprite::from_color(palette.button, Vec2::splat(small * 1.9)),
        Transform::from_xyz(LINE_X - 45.0, y, 0.5),
    ));
    commands.spawn((
        DespawnOnExit(OnStage),
        stage_text(
            crate::scenario::keys::cap_label(key).to_owned(),
            small * 1.1,
            palette.text,
        ),
        Transform::from_xyz(LINE_X - 45.0, y, 1.0),
    ));
}

fn bump_musicians(
    time: Res<Time>,
    mut hits: MessageReader<crate::game::performance::PerformanceInput>,
    mut glyphs: Query<(&mut MusicianGlyph, &mut Transform)>,
    settings: Res<crate::settings::Settings>,
) {
    let hits: Vec<usize> = hits
        .read()
        .filter_map(|input| match input {
            crate::game::performance::PerformanceInput::Press(p) => Some(p.dept.0),
            _ => None,
        })
        .collect();
    for (mut g, mut t) in &mut glyphs {
        if hits.contains(&g.dept) {
            g.bump = 1.0;
        }
        g.bump = (g.bump - time.delta_secs() * 5.0).max(0.0);
        let jump = if settings.reduced_motion {
            0.0
        } else {
            g.bump * 10.0
        };
        t.translation.y = g.y + jump;
    }
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
