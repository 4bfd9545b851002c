//! The notes on the score: each open case's steps scroll right to left towards the conductor's
//! line, linked by slurs; the live note carries the baton; loose notes lie in the gap under their
//! staff; gap notes lie between their two staves with their labels.

use std::collections::HashMap;

use bevy::prelude::*;

use crate::game::performance::Performance;
use crate::scenario::Owner;
use crate::sim::{CaseState, StepStatus};
use crate::states::AppSet;
use crate::ui::palette::Palette;

use super::layout::*;
use super::{OnStage, stage_text};

/// The glyph of a gap note (nobody's).
const GAP_GLYPH: &str = "◯";
/// How fast the baton travels to the next live note (per second, exponential approach).
const BATON_SPEED: f32 = 14.0;
/// The glyph of the baton ring around a live note.
const BATON_GLYPH: &str = "◎";

/// A note's entities, keyed by (case, step).
#[derive(Resource, Default)]
struct NoteViews(HashMap<(u32, usize), NoteView>);

struct NoteView {
    glyph: Entity,
    label: Option<Entity>,
    seen: bool,
}

/// Marks the baton ring.
#[derive(Component)]
struct Baton;

/// A note on the score (for tests and tools).
#[derive(Component, Debug, Clone, Copy)]
pub struct NoteMark {
    pub case: u32,
    pub step: usize,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<NoteViews>();
    app.add_systems(OnEnter(OnStage), (clear_note_views, spawn_baton));
    app.add_systems(
        Update,
        (
            forget_notes_on_restart,
            sync_notes,
            draw_slurs.run_if(resource_exists::<bevy::gizmos::config::GizmoConfigStore>),
        )
            .chain()
            .in_set(AppSet::Update)
            .run_if(in_state(OnStage)),
    );
}

fn clear_note_views(mut views: ResMut<NoteViews>) {
    views.0.clear();
}

/// After a restart the case ids start again: forget the old notes.
fn forget_notes_on_restart(
    mut commands: Commands,
    mut restarted: MessageReader<crate::game::performance::Restarted>,
    mut views: ResMut<NoteViews>,
) {
    if restarted.read().count() == 0 {
        return;
    }
    for (_, v) in views.0.drain() {
        commands.entity(v.glyph).despawn();
        if let Some(l) = v.label {
            commands.entity(l).despawn();
        }
    }
}

fn spawn_baton(mut commands: Commands, palette: Res<Palette>) {
    commands.spawn((
        DespawnOnExit(OnStage),
        stage_text(BATON_GLYPH, 46.0, palette.line),
        Transform::from_xyz(-2000.0, 0.0, 2.0),
        Visibility::Hidden,
        Baton,
    ));
}

/// Where a step is drawn now, or `None` when it is not on the score.
pub fn step_position(perf: &Performance, case: &CaseState, step: usize) -> Option<Vec2> {
    let layout = Layout {
        n: perf.departments().len(),
    };
    let owner = perf.sim().owner(case, step);
    // A gap without `between` lies under the last department that played before it.
    let prev = (0..step)
        .rev()
        .find_map(|k| match perf.sim().owner(case, k) {
            Owner::Dept(d) => Some(d.0),
            Owner::Gap(Some(between)) => Some(between.a.0),
            Owner::Gap(None) => None,
        });
    let st = &case.steps[step];
    let (due, y) = match st.status {
        StepStatus::Pending | StepStatus::Live => (st.due.0, layout.step_y(owner, prev)),
        StepStatus::Loose {
            dropped_due,
            appearance,
        } => {
            let due = perf.sim().loose_due(dropped_due, appearance.max(1)).0;
            let y = match owner {
                Owner::Dept(d) => layout.gap_under(d.0),
                gap => layout.step_y(gap, prev),
            };
            (due, y)
        }
        StepStatus::Played { .. } | StepStatus::Gone => return None,
    };
    let x = Layout::note_x(perf.beat(), due);
    on_score(x).then_some(Vec2::new(x, y))
}

fn sync_notes(
    mut commands: Commands,
    perf: Option<Res<Performance>>,
    palette: Res<Palette>,
    mut views: ResMut<NoteViews>,
    mut transforms: Query<(&mut Transform, &mut TextColor), Without<Baton>>,
    mut baton: Query<(&mut Transform, &mut Visibility), With<Baton>>,
    time: Res<Time>,
    settings: Res<crate::settings::Settings>,
) {
    let Some(perf) = perf else { return };
    for v in views.0.values_mut() {
        v.seen = false;
    }
    let size = (Layout {
        n: perf.departments().len(),
    }
    .spacing()
        * 0.5)
        .clamp(14.0, 40.0);
    let mut baton_at: Option<Vec2> = None;
    let mut baton_best = f32::MAX;
    for case in perf.sim().open_cases() {
        for step in 0..case.steps.len() {
            let Some(pos) = step_position(&perf, case, step) else {
                continue;
            };
            let owner = perf.sim().owner(case, step);
            let status = case.steps[step].status;
            let live = status == StepStatus::Live;
            let color = match (owner, status) {
                (_, StepStatus::Loose { .. }) => palette.bad,
                (Owner::Dept(d), _) => color_of(perf.departments()[d.0].color),
                (Owner::Gap(_), _) => palette.text,
            };
            let alpha = if live || matches!(status, StepStatus::Loose { .. }) {
                1.0
            } else {
                0.4
            };
            let color = color.with_alpha(alpha);
            if live && pos.x < baton_best && pos.x >= LINE_X - 40.0 {
                baton_best = pos.x;
                baton_at = Some(pos);
            }
            let key = (case.id.0, step);
            let view = views.0.entry(key).or_insert_with(|| {
                let glyph_text = match owner {
                    Owner::Dept(d) => glyph(perf.departments()[d.0].shape),
                    Owner::Gap(_) => GAP_GLYPH,
                };
                let glyph = commands
                    .spawn((
                        DespawnOnExit(OnStage),
                        stage_text(glyph_text, size, color),
                        Transform::from_xyz(pos.x, pos.y, 3.0),
                        NoteMark {
                            case: case.id.0,
                            step,
                        },
                    ))
                    .id();
                let label = perf.sim().templates()[case.template.0].steps[step]
                    .label
                    .as_ref()
                    .map(|l| {
                        commands
                            .spawn((
                                DespawnOnExit(OnStage),
                                stage_text(l.clone(), 13.0, palette.text),
                                Transform::from_xyz(pos.x, pos.y - size * 0.75, 3.0),
                            ))
                            .id()
                    });
                NoteView {
                    glyph,
                    label,
                    seen: true,
                }
            });
            view.seen = true;
            if let Ok((mut t, mut c)) = transforms.get_mut(view.glyph) {
                t.translation.x = pos.x;
                t.translation.y = pos.y;
                if c.0 != color {
                    c.0 = color;
                }
            }
            // Only the note holding the baton and loose notes show their label: less clutter.
            let show_label = live || matches!(status, StepStatus::Loose { .. });
            if let Some(label) = view.label
                && let Ok((mut t, mut c)) = transforms.get_mut(label)
            {
                t.translation.x = pos.x;
                t.translation.y = pos.y - size * 0.75;
                c.0 = c.0.with_alpha(if show_label { 1.0 } else { 0.0 });
            }
        }
    }
    views.0.retain(|_, v| {
        if !v.seen {
            commands.entity(v.glyph).despawn();
            if let Some(l) = v.label {
                commands.entity(l).despawn();
            }
        }
        v.seen
    });
    if let Ok((mut t, mut vis)) = baton.single_mut() {
        match baton_at {
            Some(p) => {
                // The baton travels to the next musician rather than jumping (unless reduced
                // motion is on, or it was hidden).
                let here = t.translation.truncate();
                let jump = *vis == Visibility::Hidden || settings.reduced_motion;
                let follow = 1.0 - (-BATON_SPEED * time.delta_secs()).exp();
                let at = if jump { p } else { here.lerp(p, follow) };
                t.translation.x = at.x;
                t.translation.y = at.y;
                *vis = Visibility::Visible;
            }
            None => *vis = Visibility::Hidden,
        }
    }
}

/// Slurs: a line through the visible steps of each open case, in the order they are played.
fn draw_slurs(perf: Option<Res<Performance>>, palette: Res<Palette>, mut gizmos: Gizmos) {
    let Some(perf) = perf else { return };
    for case in perf.sim().open_cases() {
        let points: Vec<Vec2> = (case.current..case.steps.len())
            .filter_map(|s| step_position(&perf, case, s))
            .collect();
        for pair in points.windows(2) {
            let mid = (pair[0] + pair[1]) / 2.0 + Vec2::new(0.0, 14.0);
            gizmos.line_2d(pair[0], mid, palette.dim);
            gizmos.line_2d(mid, pair[1], palette.dim);
        }
    }
}
