//! Feedback on what just happened: judgement pop-ups, notes falling to the floor, the discord
//! flash (no movement under reduced motion) and captions for every sound event.

use bevy::prelude::*;

use crate::game::performance::{Performance, SimEvent};
use crate::scenario::Owner;
use crate::settings::Settings;
use crate::sim::{EventKind, Grade, PlayKind};
use crate::states::AppSet;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;

use super::layout::*;
use super::{OnStage, stage_text};

/// Seconds a pop-up lives.
const POPUP_SECS: f32 = 0.9;
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
        (show_feedback, fade_feedback, show_captions)
            .chain()
            .in_set(AppSet::Update)
            .run_if(in_state(OnStage)),
    );
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
        stage_text("", 15.0, palette.dim),
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

fn show_feedback(
    mut commands: Commands,
    mut events: MessageReader<SimEvent>,
    perf: Option<Res<Performance>>,
    palette: Res<Palette>,
    texts: Res<Texts>,
    settings: Res<Settings>,
    mut log: ResMut<CaptionLog>,
    mut flash: Query<&mut Sprite, With<Flash>>,
) {
    let Some(perf) = perf else { return };
    let layout = Layout {
        n: perf.departments().len(),
    };
    let motion = if settings.reduced_motion { 0.0 } else { 1.0 };
    for SimEvent(e) in events.read() {
        match &e.kind {
            EventKind::Played {
                dept,
                kind,
                judgement,
                ..
            } => {
                let y = layout.staff_y(dept.0);
                let mut text = texts.t(grade_key(judgement.grade));
                if judgement.grade != Grade::Perfect {
                    text = format!(
                        "{text} · {}",
                        texts.t(if judgement.is_early() {
                            "judge-early"
                        } else {
                            "judge-late"
                        })
                    );
                }
                match kind {
                    PlayKind::Own => {}
                    PlayKind::Claim => {
                        text = format!("{} · {text}", texts.t("judge-claimed"));
                        log.0.push(texts.t_args(
                            "caption-claimed",
                            &[("dept", perf.departments()[dept.0].name.clone().into())],
                        ));
                    }
                    PlayKind::Rescue => {
                        text = format!("{} · {text}", texts.t("judge-rescued"));
                        log.0.push(texts.t_args(
                            "caption-rescued",
                            &[("dept", perf.departments()[dept.0].name.clone().into())],
                        ));
                    }
                }
                let color = match judgement.grade {
                    Grade::Perfect => palette.good,
                    Grade::Good => palette.accent,
                    Grade::Ok => palette.warn,
                };
                commands.spawn((
                    DespawnOnExit(OnStage),
                    stage_text(text, 18.0, color),
                    Transform::from_xyz(LINE_X + 70.0, y + 18.0, 10.0),
                    Fading {
                        left: POPUP_SECS,
                        total: POPUP_SECS,
                        velocity: Vec2::new(0.0, 30.0 * motion),
                        gravity: 0.0,
                    },
                    Popup(judgement.grade),
                ));
            }
            EventKind::Dropped { case, step } => {
                let c = &perf.sim().cases()[case.0 as usize];
                let (y, glyph_text, color) = match perf.sim().owner(c, *step) {
                    Owner::Dept(d) => (
                        layout.staff_y(d.0),
                        glyph(perf.departments()[d.0].shape),
                        color_of(perf.departments()[d.0].color),
                    ),
                    Owner::Gap(_) => (layout.gap_under(0), "◯", palette.text),
                };
                commands.spawn((
                    DespawnOnExit(OnStage),
                    stage_text(glyph_text, 34.0, color),
                    Transform::from_xyz(LINE_X, y, 9.0),
                    Fading {
                        left: 1.2,
                        total: 1.2,
                        velocity: Vec2::new(-40.0 * motion, 60.0 * motion),
                        gravity: -900.0 * motion,
                    },
                ));
                if let Ok(mut s) = flash.single_mut() {
                    s.color =
                        palette
                            .bad
                            .with_alpha(if settings.reduced_motion { 0.12 } else { 0.25 });
                }
                log.0.push(texts.t("caption-discord"));
            }
            EventKind::Completed { harmony, .. } => {
                log.0.push(texts.t(if *harmony {
                    "caption-harmony"
                } else {
                    "caption-reply"
                }));
            }
            EventKind::Lost {
                solved_but_unanswered,
                ..
            } => {
                log.0.push(texts.t(if *solved_but_unanswered {
                    "caption-unanswered"
                } else {
                    "caption-lost"
                }));
            }
            EventKind::DoubleWork { dept, .. } => {
                log.0.push(texts.t_args(
                    "caption-double",
                    &[("dept", perf.departments()[dept.0].name.clone().into())],
                ));
            }
            EventKind::WalkedOut => log.0.push(texts.t("caption-walkout")),
            _ => {}
        }
    }
    let excess = log.0.len().saturating_sub(CAPTION_LINES);
    log.0.drain(..excess);
}

fn fade_feedback(
    mut commands: Commands,
    time: Res<Time>,
    mut fading: Query<(Entity, &mut Fading, &mut Transform, &mut TextColor)>,
    mut flash: Query<(&mut Sprite, &mut Visibility), With<Flash>>,
) {
    let dt = time.delta_secs();
    for (entity, mut f, mut t, mut color) in &mut fading {
        f.left -= dt;
        if f.left <= 0.0 {
            commands.entity(entity).despawn();
            continue;
        }
        f.velocity.y += f.gravity * dt;
        t.translation += (f.velocity * dt).extend(0.0);
        let a = (f.left / f.total).clamp(0.0, 1.0);
        color.0 = color.0.with_alpha(a);
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
