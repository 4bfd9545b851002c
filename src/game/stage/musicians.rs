//! The fixed part of the stage: staves and gaps, the conductor's line, the musicians with their
//! instrument, name, key cap, colour and shape, and the bar counter.

use bevy::prelude::*;

use crate::scenario::DeptId;

use crate::game::performance::Performance;
use crate::states::AppSet;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;

use super::art::ArtKit;
use super::layout::*;
use super::players::spawn_figure;
use super::{MIN_TEXT, OnStage, stage_text};

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

/// The score's horizontal extent: from a little before the conductor's line to the right edge.
fn score_span() -> (f32, f32) {
    let width = SCORE_RIGHT - (LINE_X - 120.0);
    let mid = (SCORE_RIGHT + LINE_X - 120.0) / 2.0;
    (width, mid)
}

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
    let figure = 2.0 * super::figures::HALF * super::players::figure_scale(layout);
    let text_x = MUSICIAN_X + figure + 14.0;
    let cap = (layout.spacing() * 0.9).clamp(24.0, 40.0);
    let lines = NameLines::for_row(layout.spacing());
    // Up to the key cap: a long name ("Borgerservice og Digitalisering") is set smaller, then
    // shortened, to fit.
    let room = LINE_X - 45.0 - cap / 2.0 - 6.0 - text_x;
    let name_y = if lines.instrument.is_some() {
        y + lines.name * 0.55
    } else {
        y
    };
    commands.spawn((
        scope.clone(),
        stage_text_within(&info.name, lines.name, room, palette.text),
        bevy::sprite::Anchor::CENTER_LEFT,
        Transform::from_xyz(text_x, name_y, 1.0),
    ));
    if let Some(size) = lines.instrument {
        commands.spawn((
            scope,
            stage_text_within(&instrument, size, room, palette.dim),
            bevy::sprite::Anchor::CENTER_LEFT,
            Transform::from_xyz(text_x, y - size * 0.75, 1.0),
        ));
    }
    spawn_key_cap(commands, info.key, y, cap, palette);
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
/// about 0.62 of the size wide per character on average; never below [`MIN_TEXT`]: what is longer
/// is shortened, see [`fit_text`]).
pub fn fitting(text: &str, size: f32, room: f32) -> f32 {
    let chars = text.chars().count().max(1) as f32;
    size.min(room / (chars * 0.62)).max(MIN_TEXT)
}

/// `text` at the size [`fitting`] gives, shortened with "…" when even that is too long.
pub fn fit_text(text: &str, size: f32, room: f32) -> (String, f32) {
    let size = fitting(text, size, room);
    let fits = (room / (size * 0.62)).floor().max(1.0) as usize;
    if text.chars().count() <= fits {
        return (text.to_owned(), size);
    }
    let short: String = text.chars().take(fits.saturating_sub(1)).collect();
    (format!("{}…", short.trim_end()), size)
}

/// Stage text that never runs past `room` pixels: set smaller to fit, and shortened if even that
/// is too long.
fn stage_text_within(text: &str, size: f32, room: f32, color: Color) -> impl Bundle {
    let (text, size) = fit_text(text, size, room);
    stage_text(text, size, color)
}

/// A department's key cap by the conductor's line.
fn spawn_key_cap(commands: &mut Commands, key: &str, y: f32, cap: f32, palette: &Palette) {
    commands.spawn((
        DespawnOnExit(OnStage),
        Sprite::from_color(palette.button, Vec2::splat(cap)),
        Transform::from_xyz(LINE_X - 45.0, y, 0.5),
    ));
    commands.spawn((
        DespawnOnExit(OnStage),
        stage_text(
            crate::scenario::keys::cap_label(key).to_owned(),
            (cap * 0.62).max(MIN_TEXT),
            palette.text,
        ),
        Transform::from_xyz(LINE_X - 45.0, y, 1.0),
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
