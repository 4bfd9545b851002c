//! Feedback on what just happened: judgement pop-ups, notes falling to the floor, the discord
//! flash (no movement under reduced motion) and captions for every sound event.

use bevy::prelude::*;

use crate::game::performance::{Performance, SimEvent};
use crate::scenario::Owner;
use crate::settings::Settings;
use crate::sim::{EventKind, Grade, Judgement, PlayKind};
use crate::states::AppSet;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;

use super::OnStage;
use super::layout::*;
use super::text::{MIN_TEXT, stage_text};

/// Seconds a pop-up lives.
const POPUP_SECS: f32 = 0.9;
/// Seconds a stray press's mark lives.
const STRAY_SECS: f32 = 0.6;
/// Captions kept on screen.
const CAPTION_LINES: usize = 4;

/// Something that fades (and maybe moves) and then goes.
#[derive(Component)]
struct Fading {
    left: f32,
    total: f32,
    velocity: Vec2,
    gravity: f32,
}

/// A judgement pop-up (for tests: what the player saw).
#[derive(Component, Debug, Clone, Copy)]
pub struct Popup(pub Grade);

#[derive(Component)]
struct Flash;

/// The mark of a stray press (for tests: what the player saw).
#[derive(Component, Debug, Clone, Copy)]
pub struct StrayMark;

#[derive(Component)]
struct Captions;

/// The latest captions, newest last.
#[derive(Resource, Default)]
pub struct CaptionLog(pub Vec<String>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<CaptionLog>();
    app.add_systems(OnEnter(OnStage), spawn_overlays);
    app.add_systems(
        Update,
        (
            forget_captions_on_restart,
            show_feedback,
            fade_feedback,
            show_captions,
        )
            .chain()
            .in_set(AppSet::Update)
            .run_if(in_state(OnStage)),
    );
}

/// After a restart the captions of the old performance go.
fn forget_captions_on_restart(
    mut restarted: MessageReader<crate::game::performance::Restarted>,
    mut log: ResMut<CaptionLog>,
) {
    if restarted.read().count() > 0 {
        log.0.clear();
    }
}

fn spawn_overlays(mut commands: Commands, palette: Res<Palette>, mut log: ResMut<CaptionLog>) {
    log.0.clear();
    commands.spawn((
        DespawnOnExit(OnStage),
        Sprite::from_color(
            palette.bad.with_alpha(0.0),
            Vec2::new(WIDTH * 2.0, HEIGHT * 2.0),
        ),
        Transform::from_xyz(0.0, 0.0, 20.0),
        Flash,
    ));
    commands.spawn((
        DespawnOnExit(OnStage),
        stage_text("", MIN_TEXT, palette.dim),
        bevy::sprite::Anchor::BOTTOM_RIGHT,
        TextLayout::justify(Justify::Right),
        Transform::from_xyz(625.0, -350.0, 5.0),
        Captions,
    ));
}

fn grade_key(g: Grade) -> &'static str {
    match g {
        Grade::Perfect => "judge-perfect",
        Grade::Good => "judge-good",
        Grade::Ok => "judge-ok",
    }
}

/// The caption of a sound event (what a deaf or hard-of-hearing player reads), if it has one.
fn caption(texts: &Texts, perf: &Performance, kind: &EventKind) -> Option<String> {
    let name = |d: crate::scenario::DeptId| perf.department(d).name.clone();
    Some(match kind {
        EventKind::Played {
            dept,
            kind: PlayKind::Claim,
            ..
        } => texts.t_args("caption-claimed", &[("dept", name(*dept).into())]),
        EventKind::Played {
            dept,
            kind: PlayKind::Rescue,
            ..
        } => texts.t_args("caption-rescued", &[("dept", name(*dept).into())]),
        EventKind::Dropped { .. } => texts.t("caption-discord"),
        EventKind::TooEarly { dept, .. } => {
            texts.t_args("caption-too-early", &[("dept", name(*dept).into())])
        }
        EventKind::Completed { harmony: true, .. } => texts.t("caption-harmony"),
        EventKind::Completed { harmony: false, .. } => texts.t("caption-reply"),
        EventKind::Lost {
            solved_but_unanswered: true,
            ..
        } => texts.t("caption-unanswered"),
        EventKind::Lost { .. } => texts.t("caption-lost"),
        EventKind::DoubleWork { dept, .. } => {
            texts.t_args("caption-double", &[("dept", name(*dept).into())])
        }
        EventKind::WalkedOut => texts.t("caption-walkout"),
        _ => return None,
    })
}

/// The pop-up's text for a played note: the grade, early or late, and claimed or rescued.
fn popup_text(texts: &Texts, kind: PlayKind, judgement: Judgement) -> String {
    let mut text = texts.t(grade_key(judgement.grade));
    if judgement.grade != Grade::Perfect {
        let when = if judgement.is_early() {
            "judge-early"
        } else {
            "judge-late"
        };
        text = format!("{text} · {}", texts.t(when));
    }
    match kind {
        PlayKind::Own => text,
        PlayKind::Claim => format!("{} · {text}", texts.t("judge-claimed")),
        PlayKind::Rescue => format!("{} · {text}", texts.t("judge-rescued")),
    }
}

/// Where the first pop-up of a staff stands, and how far along the next one goes.
const POPUP_X: f32 = LINE_X + 80.0;
const POPUP_STEP: f32 = 220.0;

/// The judgement pop-up by the musician who played, at `at`.
fn popup(
    text: String,
    at: Vec2,
    judgement: Judgement,
    palette: &Palette,
    motion: f32,
) -> impl Bundle {
    let color = match judgement.grade {
        Grade::Perfect => palette.good,
        Grade::Good => palette.accent,
        Grade::Ok => palette.warn,
    };
    (
        fading_label(text, at, color, palette, motion),
        Popup(judgement.grade),
    )
}

/// A short label on stage by `at` that rises and fades, on a backing in the theme's background
/// so that it stays legible over notes and slurs.
fn fading_label(
    text: String,
    at: Vec2,
    color: Color,
    palette: &Palette,
    motion: f32,
) -> impl Bundle {
    (
        DespawnOnExit(OnStage),
        stage_text(text, 22.0, color),
        TextBackgroundColor(palette.background.with_alpha(0.85)),
        Transform::from_xyz(at.x, at.y, 10.0),
        Fading {
            left: POPUP_SECS,
            total: POPUP_SECS,
            velocity: Vec2::new(0.0, 30.0 * motion),
            gravity: 0.0,
        },
    )
}

/// "Too early" by the musician whose press, in the beat before a note, missed it.
fn too_early_popup(text: String, at: Vec2, palette: &Palette, motion: f32) -> impl Bundle {
    fading_label(text, at, palette.bad, palette, motion)
}

/// A dropped note falling from the conductor's line to the floor.
fn falling_note(
    perf: &Performance,
    owner: Option<Owner>,
    palette: &Palette,
    motion: f32,
) -> impl Bundle {
    let layout = Layout {
        n: perf.departments().len(),
    };
    let (y, glyph_text, color) = match owner {
        Some(Owner::Dept(d)) => (
            layout.staff_y(d.0),
            glyph(perf.department(d).shape),
            color_of(perf.department(d).color),
        ),
        _ => (layout.gap_under(0), "◯", palette.text),
    };
    (
        DespawnOnExit(OnStage),
        stage_text(glyph_text, 34.0, color),
        Transform::from_xyz(LINE_X, y, 9.0),
        Fading {
            left: 1.2,
            total: 1.2,
            velocity: Vec2::new(-40.0 * motion, 60.0 * motion),
            gravity: -900.0 * motion,
        },
    )
}

/// A stray press: a small cross by the department's key cap that fades (the press cost the
/// audience a little and played a muted wrong note).
fn stray_mark(y: f32, palette: &Palette, motion: f32) -> impl Bundle {
    (
        DespawnOnExit(OnStage),
        stage_text("✗", 22.0, palette.warn),
        Transform::from_xyz(LINE_X - 16.0, y + 10.0, 10.0),
        Fading {
            left: STRAY_SECS,
            total: STRAY_SECS,
            velocity: Vec2::new(0.0, 20.0 * motion),
            gravity: 0.0,
        },
        StrayMark,
    )
}

/// Pop-ups, falling notes, the discord flash and captions for this frame's events.
fn show_feedback(
    mut commands: Commands,
    mut events: MessageReader<SimEvent>,
    perf: Option<Res<Performance>>,
    palette: Res<Palette>,
    texts: Res<Texts>,
    settings: Res<Settings>,
    mut log: ResMut<CaptionLog>,
    mut flash: Query<&mut Sprite, With<Flash>>,
    popups: Query<&Transform, With<Popup>>,
) {
    let Some(perf) = perf else { return };
    let layout = Layout {
        n: perf.departments().len(),
    };
    let motion = if settings.reduced_motion { 0.0 } else { 1.0 };
    let mut taken: Vec<Vec2> = popups.iter().map(|t| t.translation.truncate()).collect();
    for SimEvent(e) in events.read() {
        match &e.kind {
            EventKind::Played {
                dept,
                kind,
                judgement,
                ..
            } => {
                let text = popup_text(&texts, *kind, *judgement);
                let at = free_popup_spot(&mut taken, layout.staff_y(dept.0) + 18.0);
                commands.spawn(popup(text, at, *judgement, &palette, motion));
            }
            EventKind::Dropped { case, step } => {
                let owner = perf
                    .score()
                    .case(*case)
                    .and_then(|c| c.steps.get(*step))
                    .map(|s| s.owner);
                commands.spawn(falling_note(&perf, owner, &palette, motion));
                if let Ok(mut s) = flash.single_mut() {
                    s.color = palette.bad.with_alpha(0.25 - 0.13 * (1.0 - motion));
                }
            }
            EventKind::Stray { dept } => {
                commands.spawn(stray_mark(layout.staff_y(dept.0), &palette, motion));
            }
            EventKind::TooEarly { dept, .. } => {
                let at = free_popup_spot(&mut taken, layout.staff_y(dept.0) + 18.0);
                let text = texts.t("judge-too-early");
                commands.spawn(too_early_popup(text, at, &palette, motion));
            }
            _ => {}
        }
        log.0.extend(caption(&texts, &perf, &e.kind));
    }
    let excess = log.0.len().saturating_sub(CAPTION_LINES);
    log.0.drain(..excess);
}

/// Where a new pop-up for the staff at height `y` goes: by the line, or further along the staff
/// when one still shows there (at most three along), and taken.
fn free_popup_spot(taken: &mut Vec<Vec2>, y: f32) -> Vec2 {
    let mut at = Vec2::new(POPUP_X, y);
    for _ in 0..3 {
        let clear = taken
            .iter()
            .all(|t| (t.y - at.y).abs() >= 30.0 || (t.x - at.x).abs() >= POPUP_STEP);
        if clear {
            break;
        }
        at.x += POPUP_STEP;
    }
    taken.push(at);
    at
}

fn fade_feedback(
    mut commands: Commands,
    time: Res<Time>,
    mut fading: Query<(
        Entity,
        &mut Fading,
        &mut Transform,
        &mut TextColor,
        Option<&mut TextBackgroundColor>,
    )>,
    mut flash: Query<(&mut Sprite, &mut Visibility), With<Flash>>,
) {
    let dt = time.delta_secs();
    for (entity, mut f, mut t, mut color, backing) in &mut fading {
        f.left -= dt;
        if f.left <= 0.0 {
            commands.entity(entity).despawn();
            continue;
        }
        f.velocity.y += f.gravity * dt;
        t.translation += (f.velocity * dt).extend(0.0);
        let a = (f.left / f.total).clamp(0.0, 1.0);
        color.0 = color.0.with_alpha(a);
        if let Some(mut b) = backing {
            b.0 = b.0.with_alpha(0.85 * a);
        }
    }
    // The flash covers the whole stage: hide it when it has faded, so it costs nothing.
    if let Ok((mut s, mut vis)) = flash.single_mut() {
        let a = (s.color.alpha() - dt * 1.2).max(0.0);
        if a > 0.0 {
            s.color = s.color.with_alpha(a);
            *vis = Visibility::Visible;
        } else if *vis != Visibility::Hidden {
            *vis = Visibility::Hidden;
        }
    }
}

fn show_captions(log: Res<CaptionLog>, mut captions: Query<&mut Text2d, With<Captions>>) {
    if !log.is_changed() {
        return;
    }
    let text = log.0.join("\n");
    for mut t in &mut captions {
        t.0.clone_from(&text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pop_ups_on_one_staff_stand_side_by_side_and_other_staves_keep_their_place() {
        let mut taken = Vec::new();
        let first = free_popup_spot(&mut taken, 100.0);
        let second = free_popup_spot(&mut taken, 100.0);
        let other_staff = free_popup_spot(&mut taken, 0.0);
        assert_eq!(first, Vec2::new(POPUP_X, 100.0));
        assert_eq!(second, Vec2::new(POPUP_X + POPUP_STEP, 100.0));
        assert_eq!(other_staff, Vec2::new(POPUP_X, 0.0));
    }
}
