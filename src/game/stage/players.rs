//! The musicians as people: each drawn seated on its chair at its stand with its instrument, in
//! its colour with its shape on the chest. A musician plays visibly when its note sounds (a bow
//! stroke, a strike, a breath, and a glow), the computer's colleagues too; a busy colleague turns
//! round, chair and stand and all, to another score (grey, on its stand) for its busy bars; a
//! rescuer leans over towards the chair it helps. Under reduced motion nothing turns or leans:
//! the glow alone shows who plays, and a busy colleague's other score stands on its stand.

use bevy::prelude::*;

use crate::game::performance::{Performance, PerformanceInput, Restarted, SimEvent};
use crate::scenario::{DeptId, Owner, Scenario};
use crate::settings::Settings;
use crate::sim::{Beat, EventKind, Metre, PlayKind};
use crate::states::AppSet;

use super::OnStage;
use super::art::{Art, ArtKit};
use super::figures::{self, HALF, Look, Motion};
use super::layout::*;
use super::visibility::show;

/// Seconds a stroke, strike or breath takes to settle.
const PLAY_SECS: f32 = 0.3;
/// Seconds a rescuer keeps leaning over.
const REACH_SECS: f32 = 0.8;
/// How far a rescuer leans (radians).
const LEAN: f32 = 0.3;

/// A musician on stage: what it is doing now, as the room sees it.
#[derive(Component, Debug, Clone)]
pub struct Musician {
    /// The department it plays.
    pub dept: DeptId,
    /// 1 when a note has just sounded, falling to 0.
    pub playing: f32,
    /// 1 when it has just rescued or claimed a note beside another chair, falling to 0.
    pub reaching: f32,
    /// Towards the chair it helps: +1 up the stage, −1 down.
    pub reach_side: f32,
    /// Turned away to another score (a colleague in a busy bar).
    pub busy: bool,
    motion: Motion,
    /// The size the figure is drawn at.
    scale: f32,
}

/// The part of a musician that plays (bow arm, mallet, hands, wind instrument).
#[derive(Component)]
struct PlayingPart;

/// The glow behind a musician while it plays.
#[derive(Component)]
struct PlayGlow;

/// The other score a busy colleague turns to.
#[derive(Component)]
struct OtherScore;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (note_playing, follow_busy_spells, animate_musicians)
            .chain()
            .in_set(AppSet::Update)
            .run_if(in_state(OnStage)),
    );
}

/// The scale a figure is drawn at in a layout: its box fills most of a staff's height.
pub(super) fn figure_scale(layout: Layout) -> f32 {
    (layout.spacing() * 0.95 / (2.0 * HALF)).min(1.05)
}

/// Where a figure's centre stands in its row.
pub(super) fn figure_x(scale: f32) -> f32 {
    MUSICIAN_X + HALF * scale
}

/// Spawns department `d`'s figure at its staff: chair, stand, body, instrument and the parts that
/// move. Without an [`ArtKit`] (a headless app) the figure is there without its drawing.
pub(super) fn spawn_figure(
    commands: &mut Commands,
    kit: Option<&ArtKit>,
    meshes: Option<&mut Assets<Mesh>>,
    layout: Layout,
    d: usize,
    info: &crate::scenario::Department,
) {
    let scale = figure_scale(layout);
    let look = Look {
        instrument: info.instrument,
        color: color_of(info.color),
        shape: info.shape,
        chair: d,
    };
    let art = figures::musician(look, 1.2 / scale);
    let mut figure = commands.spawn((
        DespawnOnExit(OnStage),
        Transform::from_xyz(figure_x(scale), layout.staff_y(d), 1.0)
            .with_scale(Vec3::new(scale, scale, 1.0)),
        Visibility::default(),
        Musician {
            dept: DeptId(d),
            playing: 0.0,
            reaching: 0.0,
            reach_side: 0.0,
            busy: false,
            motion: art.motion,
            scale,
        },
    ));
    // The halo that lights the chair while a note it may take comes up (see `chairs`).
    figure.with_child((
        Sprite {
            image: kit.map(|k| k.glow.clone()).unwrap_or_default(),
            color: Color::NONE,
            custom_size: Some(Vec2::splat(3.0 * HALF)),
            ..default()
        },
        Transform::from_xyz(0.0, 0.0, -0.3),
        Visibility::Hidden,
        super::chairs::ChairLight(DeptId(d)),
    ));
    if let (Some(kit), Some(meshes)) = (kit, meshes) {
        figure.with_children(|parent| draw_figure(parent, art, look.color, scale, kit, meshes));
    }
}

/// The drawn parts of a figure: its glow, body, playing part and the other score it may turn to.
fn draw_figure(
    parent: &mut ChildSpawnerCommands,
    art: figures::MusicianArt,
    color: Color,
    scale: f32,
    kit: &ArtKit,
    meshes: &mut Assets<Mesh>,
) {
    parent.spawn((
        Sprite {
            image: kit.glow.clone(),
            color: color.with_alpha(0.0),
            custom_size: Some(Vec2::splat(2.6 * HALF)),
            ..default()
        },
        Transform::from_xyz(0.0, 4.0, -0.2),
        Visibility::Hidden,
        PlayGlow,
    ));
    parent.spawn((mesh_of(art.body, kit, meshes), Transform::default()));
    parent.spawn((
        mesh_of(art.action, kit, meshes),
        Transform::from_translation(art.pivot.extend(0.1)),
        PlayingPart,
    ));
    parent.spawn((
        mesh_of(other_score(1.2 / scale), kit, meshes),
        Transform::from_xyz(0.0, 0.0, 0.2),
        Visibility::Hidden,
        OtherScore,
    ));
}

/// A drawing as a mesh with the stage's material.
pub(super) fn mesh_of(art: Art, kit: &ArtKit, meshes: &mut Assets<Mesh>) -> impl Bundle {
    (
        Mesh2d(meshes.add(art.into_mesh())),
        MeshMaterial2d(kit.material.clone()),
    )
}

/// The other work a busy colleague turns to: a grey sheet with lines of text, on its stand in
/// place of the part (the whole figure turns, stand and all, so it faces away from the score).
fn other_score(feather: f32) -> Art {
    let mut art = Art::new(feather);
    let grey = Color::srgb(0.62, 0.64, 0.7);
    art.polygon(
        &[
            Vec2::new(37.0, 2.0),
            Vec2::new(47.0, -1.0),
            Vec2::new(52.0, 36.0),
            Vec2::new(42.0, 39.0),
        ],
        grey,
    );
    for k in 0..5 {
        let y = 8.0 + 6.0 * k as f32;
        let x = 42.0 + 0.13 * (y - 8.0);
        art.capsule(
            Vec2::new(x, y),
            Vec2::new(x + 5.0, y - 1.5),
            0.7,
            Color::srgb(0.3, 0.31, 0.37),
        );
    }
    art
}

/// A note sounding sets its musician playing; a rescue or a claim also sets it leaning towards
/// the chair it helps; a press of a seated key lifts the bow a little (the key was heard).
fn note_playing(
    perf: Option<Res<Performance>>,
    mut events: MessageReader<SimEvent>,
    mut inputs: MessageReader<PerformanceInput>,
    mut restarted: MessageReader<Restarted>,
    mut musicians: Query<&mut Musician>,
) {
    let Some(perf) = perf else { return };
    if restarted.read().count() > 0 {
        for mut m in &mut musicians {
            (m.playing, m.reaching) = (0.0, 0.0);
        }
    }
    for SimEvent(e) in events.read() {
        let EventKind::Played {
            dept,
            kind,
            template,
            step,
            ..
        } = e.kind
        else {
            continue;
        };
        for mut m in musicians.iter_mut().filter(|m| m.dept == dept) {
            m.playing = 1.0;
            if kind != PlayKind::Own {
                m.reaching = 1.0;
                m.reach_side = side_towards(perf.scenario(), template, step, dept);
            }
        }
    }
    for input in inputs.read() {
        if let PerformanceInput::Press(p) = input {
            for mut m in musicians.iter_mut().filter(|m| m.dept == p.dept) {
                m.playing = m.playing.max(0.5);
            }
        }
    }
}

/// Which way `dept` leans to reach step `step` of a case from `template`: up the stage (+1) when
/// the chair it helps sits above it, down (−1) when below.
fn side_towards(
    s: &Scenario,
    template: crate::scenario::TemplateId,
    step: usize,
    dept: DeptId,
) -> f32 {
    let other = s
        .cases
        .get(template.0)
        .and_then(|t| t.steps.get(step))
        .map(|st| match st.owner {
            Owner::Dept(d) => d,
            Owner::Gap(Some(b)) if b.a == dept => b.b,
            Owner::Gap(Some(b)) => b.a,
            Owner::Gap(None) => dept,
        });
    match other {
        Some(o) if o.0 < dept.0 => 1.0,
        Some(o) if o.0 > dept.0 => -1.0,
        _ => 0.0,
    }
}

/// A colleague (a chair the computer plays) is busy in the bars its settings say.
fn follow_busy_spells(perf: Option<Res<Performance>>, mut musicians: Query<&mut Musician>) {
    let Some(perf) = perf else { return };
    let metre = Metre {
        beats_per_bar: perf.scenario().beats_per_bar.max(1),
    };
    let bar = (perf.beat() >= perf.start()).then(|| metre.bar_of(Beat(perf.beat())));
    for mut m in &mut musicians {
        let busy = bar.is_some_and(|bar| {
            !perf.is_human(m.dept) && perf.scenario().colleague(m.dept).is_busy_in(bar)
        });
        if m.busy != busy {
            m.busy = busy;
        }
    }
}

/// Moves every musician as it plays, leans, or turns to its other score.
fn animate_musicians(
    time: Res<Time>,
    settings: Res<Settings>,
    mut musicians: Query<(&mut Musician, &mut Transform, &Children)>,
    mut parts: Query<&mut Transform, (With<PlayingPart>, Without<Musician>)>,
    mut glows: Query<(&mut Sprite, &mut Visibility), (With<PlayGlow>, Without<OtherScore>)>,
    mut sheets: Query<&mut Visibility, With<OtherScore>>,
) {
    let dt = time.delta_secs();
    let motion = if settings.reduced_motion { 0.0 } else { 1.0 };
    for (mut m, mut t, children) in &mut musicians {
        m.playing = (m.playing - dt / PLAY_SECS).max(0.0);
        m.reaching = (m.reaching - dt / REACH_SECS).max(0.0);
        let turned = m.busy && motion > 0.0;
        t.scale.x = if turned { -m.scale } else { m.scale };
        let lean = LEAN * m.reach_side * ease(m.reaching) * motion;
        t.rotation = Quat::from_rotation_z(if turned { -lean } else { lean });
        for child in children.iter() {
            if let Ok(mut part) = parts.get_mut(child) {
                part.rotation = Quat::from_rotation_z(swing(m.motion, m.playing) * motion);
            }
            if let Ok((mut glow, mut vis)) = glows.get_mut(child) {
                let alpha = 0.7 * m.playing.max(m.reaching * 0.6);
                glow.color.set_alpha(alpha);
                // Hidden when dark: the software rasteriser fills even a clear sprite.
                show(&mut vis, alpha > 0.01);
            }
            if let Ok(mut vis) = sheets.get_mut(child) {
                let want = if m.busy {
                    Visibility::Inherited
                } else {
                    Visibility::Hidden
                };
                if *vis != want {
                    *vis = want;
                }
            }
        }
    }
}

/// How far the playing part is turned, `left` of the way through settling (1 at the note).
fn swing(motion: Motion, left: f32) -> f32 {
    let u = 1.0 - left;
    match motion {
        // Down the string and back.
        Motion::Bow => -0.45 * (std::f32::consts::PI * u).sin() * left.sqrt(),
        // Down on the note, back up.
        Motion::Strike => -0.5 * ease(left),
        Motion::Breath => 0.12 * ease(left),
    }
}

/// A smooth 0–1 curve.
fn ease(x: f32) -> f32 {
    let x = x.clamp(0.0, 1.0);
    x * x * (3.0 - 2.0 * x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_musician_at_rest_holds_still_and_moves_when_it_plays() {
        for motion in [Motion::Bow, Motion::Strike, Motion::Breath] {
            assert_eq!(swing(motion, 0.0).abs(), 0.0, "{motion:?}");
            let during = (1..10).map(|k| swing(motion, k as f32 / 10.0).abs());
            assert!(during.fold(0.0, f32::max) > 0.05, "{motion:?}");
        }
    }

    #[test]
    fn sixteen_chairs_still_get_a_figure_a_room_can_see() {
        let s16 = figure_scale(Layout { n: 16 });
        assert!(s16 * 2.0 * HALF >= 25.0, "{s16}");
        assert!(figure_scale(Layout { n: 1 }) <= 1.05);
    }
}
