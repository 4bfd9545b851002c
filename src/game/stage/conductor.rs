//! The conductor on the podium at the top of the line, beating time: the baton comes down on
//! every beat, furthest on the bar's first. Under reduced motion the conductor stands still and
//! a steady marker on the podium lights on the beat instead.

use bevy::prelude::*;

use crate::game::performance::Performance;
use crate::settings::Settings;
use crate::states::AppSet;
use crate::ui::palette::Palette;

use super::OnStage;
use super::art::ArtKit;
use super::figures::{self, HALF};
use super::layout::*;
use super::players::mesh_of;
use super::visibility::show;

/// The conductor's size on stage.
const SCALE: f32 = 0.78;

/// The conductor, following the beat.
#[derive(Component, Debug, Clone, Copy, Default)]
pub(crate) struct Conductor {
    /// Where the baton is in its beat: 1 on the beat, falling to 0 before the next.
    pub stroke: f32,
}

/// The baton arm.
#[derive(Component)]
struct BatonArm;

/// The steady beat marker shown under reduced motion.
#[derive(Component)]
struct BeatMarker;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(OnStage), spawn_conductor);
    app.add_systems(
        Update,
        beat_time.in_set(AppSet::Update).run_if(in_state(OnStage)),
    );
}

/// Where the conductor stands: on the podium at the top of the line.
pub(crate) fn podium() -> Vec2 {
    Vec2::new(LINE_X, STAVES_TOP + 8.0 + HALF * SCALE)
}

fn spawn_conductor(
    mut commands: Commands,
    palette: Res<Palette>,
    kit: Option<Res<ArtKit>>,
    meshes: Option<ResMut<Assets<Mesh>>>,
) {
    let at = podium();
    let mut conductor = commands.spawn((
        DespawnOnExit(OnStage),
        Transform::from_translation(at.extend(1.0)).with_scale(Vec3::new(SCALE, SCALE, 1.0)),
        Visibility::default(),
        Conductor::default(),
    ));
    conductor.with_child((
        Sprite::from_color(palette.line.with_alpha(0.0), Vec2::new(50.0, 10.0)),
        Transform::from_xyz(0.0, -HALF + 8.0, 0.5),
        Visibility::Hidden,
        BeatMarker,
    ));
    let (Some(kit), Some(mut meshes)) = (kit, meshes) else {
        return;
    };
    let art = figures::conductor(1.2 / SCALE);
    conductor.with_children(|p| {
        p.spawn((mesh_of(art.body, &kit, &mut meshes), Transform::default()));
        p.spawn((
            mesh_of(art.action, &kit, &mut meshes),
            Transform::from_translation(art.pivot.extend(0.1)),
            BatonArm,
        ));
    });
}

/// The baton's angle `stroke` of the way back up from the beat (1 on it): low on the beat, high
/// between beats, lowest on the bar's first.
fn baton_angle(stroke: f32, downbeat: bool) -> f32 {
    let depth = if downbeat { 0.7 } else { 0.45 };
    0.25 - depth * stroke * stroke
}

fn beat_time(
    perf: Option<Res<Performance>>,
    settings: Res<Settings>,
    palette: Res<Palette>,
    mut conductor: Query<&mut Conductor>,
    mut arm: Query<&mut Transform, With<BatonArm>>,
    mut marker: Query<(&mut Sprite, &mut Visibility), With<BeatMarker>>,
) {
    let Some(perf) = perf else { return };
    let beat = perf.beat();
    let stroke = (1.0 - beat.rem_euclid(1.0)) as f32;
    let bpb = f64::from(perf.scenario().beats_per_bar.max(1));
    let downbeat = beat.rem_euclid(bpb) < 1.0;
    for mut c in &mut conductor {
        c.stroke = stroke;
    }
    let angle = if settings.reduced_motion {
        0.0
    } else {
        // The arm points left, so turning it anticlockwise brings the baton down.
        -baton_angle(stroke, downbeat)
    };
    for mut t in &mut arm {
        t.rotation = Quat::from_rotation_z(angle);
    }
    let lit = if settings.reduced_motion {
        stroke.powi(3)
    } else {
        0.0
    };
    for (mut s, mut vis) in &mut marker {
        s.color = palette.line.with_alpha(lit);
        // Hidden while dark: the software rasteriser fills even a clear sprite.
        show(&mut vis, lit > 0.01);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_baton_comes_down_on_the_beat_and_furthest_on_the_first() {
        assert!(baton_angle(1.0, false) < baton_angle(0.5, false));
        assert!(baton_angle(0.5, false) < baton_angle(0.0, false));
        assert!(baton_angle(1.0, true) < baton_angle(1.0, false));
    }
}
