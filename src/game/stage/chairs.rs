//! Who may take a note between the chairs, on stage: a gap note carries a bracket that reaches
//! both chairs it lies between, in both departments' colours, with their shapes at its ends; a
//! gap note anyone may take says so; a loose note shows the shapes of the departments that may
//! pick it up; and while such a note comes up to the conductor's line, the musicians who may
//! take it are lit. The rule of who may take what is the simulation's ([`may_pick_up`]).

use std::collections::HashMap;

use bevy::prelude::*;

use crate::game::performance::{Performance, Restarted};
use crate::scenario::{Between, DeptId, Owner, Reach};
use crate::sim::{ScoreCase, ScoreStep, StepStatus, may_pick_up};
use crate::states::AppSet;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;

use super::OnStage;
use super::layout::step_position;
use super::layout::*;
use super::text::{MIN_TEXT, stage_text};
use super::visibility::show;

/// Beats before its due time from which a gap or loose note lights its musicians.
const LIGHT_AHEAD_BEATS: f64 = 3.0;
/// Beats after its due time until which it keeps them lit.
const LIGHT_AFTER_BEATS: f64 = 0.5;

/// The marks of a note, keyed by (case, step).
#[derive(Resource, Default)]
struct ChairMarks(HashMap<(u32, usize), MarkView>);

struct MarkView {
    /// One per mark: a shape glyph, or the "anyone" word.
    marks: Vec<Entity>,
    /// Whether they were made for the note lying loose (its takers change when it drops).
    loose: bool,
    seen: bool,
}

/// A halo behind musician `0`, lit while a note it may take comes up to the line.
#[derive(Component, Debug, Clone, Copy)]
pub struct ChairLight(pub DeptId);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ChairMarks>();
    app.add_systems(OnEnter(OnStage), forget_marks);
    app.add_systems(
        Update,
        (
            forget_marks_on_restart,
            sync_marks,
            light_chairs,
            draw_brackets.run_if(resource_exists::<bevy::gizmos::config::GizmoConfigStore>),
        )
            .chain()
            .in_set(AppSet::Update)
            .run_if(in_state(OnStage)),
    );
}

fn forget_marks(mut marks: ResMut<ChairMarks>) {
    marks.0.clear();
}

fn forget_marks_on_restart(
    mut commands: Commands,
    mut restarted: MessageReader<Restarted>,
    mut marks: ResMut<ChairMarks>,
) {
    if restarted.read().count() == 0 {
        return;
    }
    for (_, v) in marks.0.drain() {
        for e in v.marks {
            commands.entity(e).despawn();
        }
    }
}

/// The departments that may take a step now, or `None` for a department's own live note (it
/// is nobody else's).
fn takers(step: &ScoreStep, reaches: &[Reach]) -> Option<Vec<DeptId>> {
    let loose = matches!(step.status, StepStatus::Loose { .. });
    if matches!(step.owner, Owner::Dept(_)) && !loose {
        return None;
    }
    Some(
        (0..reaches.len())
            .map(DeptId)
            .filter(|d| may_pick_up(step.owner, *d, reaches[d.0]))
            .collect(),
    )
}

/// Where the marks of a note go: at the ends of its bracket for a gap note between two chairs,
/// else in a row beside the note.
fn mark_spots(
    layout: Layout,
    step: &ScoreStep,
    at: Vec2,
    takers: &[DeptId],
    size: f32,
) -> Vec<Vec2> {
    let beside = at.x + size * 0.75;
    match (step.owner, step.status) {
        // Each chair's own shape at its end of the bracket.
        (Owner::Gap(Some(_)), StepStatus::Pending | StepStatus::Live) => takers
            .iter()
            .map(|d| Vec2::new(beside, layout.staff_y(d.0)))
            .collect(),
        _ => (0..takers.len())
            .map(|i| Vec2::new(beside + i as f32 * size * 0.6, at.y + size * 0.5))
            .collect(),
    }
}

/// The marks of one note: the takers' shapes in their colours, or "anyone".
fn spawn_marks(
    commands: &mut Commands,
    perf: &Performance,
    takers: &[DeptId],
    style: MarkStyle,
    texts: &Texts,
    palette: &Palette,
) -> Vec<Entity> {
    let place = |i: usize| {
        let at = style.spots.get(i).copied().unwrap_or_default();
        (Transform::from_translation(at.extend(4.0)), style.shown)
    };
    if takers.len() == perf.departments().len() && takers.len() > 2 {
        let word = stage_text(texts.t("stage-anyone"), MIN_TEXT, palette.text);
        return vec![
            commands
                .spawn((DespawnOnExit(OnStage), word, place(0)))
                .id(),
        ];
    }
    takers
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let dept = perf.department(*d);
            let mark = stage_text(
                glyph(dept.shape),
                (style.size * 0.45).max(MIN_TEXT),
                color_of(dept.color),
            );
            commands
                .spawn((DespawnOnExit(OnStage), mark, place(i)))
                .id()
        })
        .collect()
}

/// A note still waiting for its turn shows only its faint bracket: marks on the staves would read
/// as notes.
fn marks_visibility(step: &ScoreStep) -> Visibility {
    if step.status == StepStatus::Pending {
        Visibility::Hidden
    } else {
        Visibility::Inherited
    }
}

/// Where and how a note's marks are drawn this frame.
struct MarkStyle<'a> {
    spots: &'a [Vec2],
    shown: Visibility,
    size: f32,
}

/// Keeps the marks of every visible gap and loose note beside it.
fn sync_marks(
    mut commands: Commands,
    perf: Option<Res<Performance>>,
    texts: Res<Texts>,
    palette: Res<Palette>,
    mut marks: ResMut<ChairMarks>,
    mut transforms: Query<(&mut Transform, &mut Visibility)>,
) {
    let Some(perf) = perf else { return };
    let layout = Layout {
        n: perf.departments().len(),
    };
    let size = (layout.spacing() * 0.5).clamp(14.0, 40.0);
    for v in marks.0.values_mut() {
        v.seen = false;
    }
    let reaches = perf.scenario().reaches();
    for (case, i, step, at) in visible_steps(&perf) {
        let Some(takers) = takers(step, &reaches) else {
            continue;
        };
        let loose = matches!(step.status, StepStatus::Loose { .. });
        let view = marks.0.entry((case.id.0, i)).or_insert_with(|| MarkView {
            marks: Vec::new(),
            loose: !loose,
            seen: true,
        });
        let shown = marks_visibility(step);
        let spots = mark_spots(layout, step, at, &takers, size);
        if view.loose != loose {
            for e in view.marks.drain(..) {
                commands.entity(e).despawn();
            }
            let style = MarkStyle {
                spots: &spots,
                shown,
                size,
            };
            view.marks = spawn_marks(&mut commands, &perf, &takers, style, &texts, &palette);
            view.loose = loose;
        }
        view.seen = true;
        for (e, spot) in view.marks.iter().zip(spots) {
            if let Ok((mut t, mut vis)) = transforms.get_mut(*e) {
                t.translation = spot.extend(4.0);
                vis.set_if_neq(shown);
            }
        }
    }
    marks.0.retain(|_, v| {
        if !v.seen {
            for e in &v.marks {
                commands.entity(*e).despawn();
            }
        }
        v.seen
    });
}

/// Every step on the score now, with its case and where it is drawn.
fn visible_steps(
    perf: &Performance,
) -> impl Iterator<Item = (&ScoreCase, usize, &ScoreStep, Vec2)> {
    perf.score().cases().iter().flat_map(move |case| {
        case.steps
            .iter()
            .enumerate()
            .filter_map(move |(i, step)| step_position(perf, case, i).map(|at| (case, i, step, at)))
    })
}

/// Lights the musicians who may take a gap or loose note coming up to the line.
fn light_chairs(
    perf: Option<Res<Performance>>,
    palette: Res<Palette>,
    mut lights: Query<(&ChairLight, &mut Sprite, &mut Visibility)>,
) {
    let Some(perf) = perf else { return };
    let now = perf.beat();
    let mut lit: Vec<DeptId> = Vec::new();
    let reaches = perf.scenario().reaches();
    for case in perf.score().cases() {
        for step in &case.steps {
            let live = matches!(step.status, StepStatus::Live)
                || matches!(step.status, StepStatus::Loose { appearance, .. } if appearance > 0);
            let due = perf.score().shown_due(step).0;
            let near = (now - LIGHT_AFTER_BEATS..=now + LIGHT_AHEAD_BEATS).contains(&due);
            if live && near {
                lit.extend(takers(step, &reaches).unwrap_or_default());
            }
        }
    }
    for (light, mut sprite, mut vis) in &mut lights {
        let alpha = if lit.contains(&light.0) { 0.8 } else { 0.0 };
        if (sprite.color.alpha() - alpha).abs() > f32::EPSILON {
            sprite.color = palette.line.with_alpha(alpha);
        }
        show(&mut vis, alpha > 0.0);
    }
}

/// The brackets: from a gap note to both chairs it lies between, each half in its chair's colour.
fn draw_brackets(perf: Option<Res<Performance>>, mut gizmos: Gizmos) {
    let Some(perf) = perf else { return };
    let layout = Layout {
        n: perf.departments().len(),
    };
    for (_, _, step, at) in visible_steps(&perf) {
        let Owner::Gap(Some(Between { a, b })) = step.owner else {
            continue;
        };
        let alpha = if step.status == StepStatus::Live {
            0.9
        } else {
            0.35
        };
        for d in [a, b] {
            let color = color_of(perf.department(d).color).with_alpha(alpha);
            let end = Vec2::new(at.x, layout.staff_y(d.0));
            gizmos.line_2d(at, end, color);
            gizmos.line_2d(end - Vec2::X * 6.0, end + Vec2::X * 6.0, color);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_chair_shows_its_own_shape_at_its_end_of_the_bracket() {
        let layout = Layout { n: 4 };
        // "Call the customer back": between ("it", "service"), IT (2) named first.
        let step = ScoreStep {
            owner: Owner::Gap(Some(Between {
                a: DeptId(2),
                b: DeptId(0),
            })),
            label: None,
            due: crate::sim::Beat(8.0),
            status: StepStatus::Live,
            loose_due: None,
        };
        let takers = takers(&step, &[Reach::Neighbours; 4]).unwrap();
        assert_eq!(takers, [DeptId(0), DeptId(2)]);
        let spots = mark_spots(layout, &step, Vec2::ZERO, &takers, 20.0);
        for (d, spot) in takers.iter().zip(spots) {
            assert_eq!(spot.y, layout.staff_y(d.0), "{d:?}'s mark on its own staff");
        }
    }
}
