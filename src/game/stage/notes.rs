//! The notes on the score: each open case's steps scroll right to left towards the conductor's
//! line, linked by slurs; the live note carries the baton; loose notes lie in the gap under their
//! staff; gap notes lie between their two staves with their labels.

use std::collections::HashMap;

use bevy::prelude::*;

use crate::game::performance::Performance;
use crate::scenario::Owner;
use crate::sim::{ScoreStep, StepStatus};
use crate::states::AppSet;
use crate::ui::palette::Palette;

use super::OnStage;
use super::layout::*;
use super::text::{MIN_TEXT, customer_number, stage_text};

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
    /// The customer's number and the step's text.
    label: Entity,
    seen: bool,
}

/// A note's label, with its width on stage.
#[derive(Component, Debug, Clone, Copy)]
pub struct NoteLabel {
    /// The label's width on stage.
    pub width: f32,
}

/// A label that asks to be shown this frame, where.
struct WantedLabel {
    entity: Entity,
    at: Vec2,
}

/// Marks the baton ring.
#[derive(Component)]
struct Baton;

/// A note on the score (for tests and tools).
#[derive(Component, Debug, Clone, Copy)]
pub struct NoteMark {
    /// The case the note belongs to, by order of arrival.
    pub case: u32,
    /// The step, from 0.
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
        commands.entity(v.label).despawn();
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

/// How a note looks now: its colour (faded until it is live; loose notes in the alarm colour).
fn note_color(perf: &Performance, step: &ScoreStep, palette: &Palette) -> Color {
    let loose = matches!(step.status, StepStatus::Loose { .. });
    let color = match step.owner {
        _ if loose => palette.bad,
        Owner::Dept(d) => color_of(perf.department(d).color),
        Owner::Gap(_) => palette.text,
    };
    let alpha = if loose || step.status == StepStatus::Live {
        1.0
    } else {
        0.4
    };
    color.with_alpha(alpha)
}

/// A note's glyph and (if it has one) its label, spawned where it first appears.
fn spawn_note(
    commands: &mut Commands,
    perf: &Performance,
    note: NoteMark,
    step: &ScoreStep,
    at: Vec2,
    style: NoteStyle,
) -> NoteView {
    let glyph_text = match step.owner {
        Owner::Dept(d) => glyph(perf.department(d).shape),
        Owner::Gap(_) => GAP_GLYPH,
    };
    let glyph = commands
        .spawn((
            DespawnOnExit(OnStage),
            stage_text(glyph_text, style.size, style.color),
            Transform::from_xyz(at.x, at.y, 3.0),
            note,
        ))
        .id();
    let number = customer_number(note.case);
    let text = match &step.label {
        Some(l) => format!("{number} · {l}"),
        None => number,
    };
    let label = commands
        .spawn((
            DespawnOnExit(OnStage),
            stage_text(text.clone(), MIN_TEXT, style.label_color),
            Transform::from_xyz(at.x, at.y - style.size * 0.75, 3.0),
            Visibility::Hidden,
            NoteLabel {
                width: crate::ui::fonts::text_width(&text, MIN_TEXT),
            },
        ))
        .id();
    NoteView {
        glyph,
        label,
        seen: true,
    }
}

/// The size and colours a note is spawned with.
#[derive(Debug, Clone, Copy)]
struct NoteStyle {
    size: f32,
    color: Color,
    label_color: Color,
}

/// Keeps one glyph (and label) per visible note where the score says it is, and the baton on the
/// live note nearest the conductor's line.
fn sync_notes(
    mut commands: Commands,
    perf: Option<Res<Performance>>,
    palette: Res<Palette>,
    mut views: ResMut<NoteViews>,
    mut glyphs: Query<(&mut Transform, &mut TextColor), (Without<Baton>, Without<NoteLabel>)>,
    mut labels: Query<LabelItem, LabelFilter>,
    mut baton: Query<(&mut Transform, &mut Visibility), (With<Baton>, Without<NoteLabel>)>,
    time: Res<Time>,
    settings: Res<crate::settings::Settings>,
) {
    let Some(perf) = perf else { return };
    views.0.values_mut().for_each(|v| v.seen = false);
    let size = note_size(Layout {
        n: perf.departments().len(),
    });
    let mut baton_at: Option<Vec2> = None;
    let mut wanted: Vec<WantedLabel> = Vec::new();
    for case in perf.score().cases() {
        for (i, step) in case.steps.iter().enumerate() {
            let Some(pos) = step_position(&perf, case, i) else {
                continue;
            };
            let live = step.status == StepStatus::Live;
            let loose = matches!(step.status, StepStatus::Loose { .. });
            if live && pos.x >= LINE_X - 40.0 && baton_at.is_none_or(|b| pos.x < b.x) {
                baton_at = Some(pos);
            }
            let style = NoteStyle {
                size,
                color: note_color(&perf, step, &palette),
                label_color: palette.text,
            };
            let mark = NoteMark {
                case: case.id.0,
                step: i,
            };
            let view = views
                .0
                .entry((mark.case, i))
                .or_insert_with(|| spawn_note(&mut commands, &perf, mark, step, pos, style));
            view.seen = true;
            move_glyph(view.glyph, pos, style.color, loose, &mut glyphs);
            // Only the note holding the baton and loose notes show their label: less clutter.
            if live || loose {
                wanted.push(WantedLabel {
                    entity: view.label,
                    at: pos - Vec2::Y * (size * 0.55 + 20.0),
                });
            }
        }
    }
    forget_unseen(&mut commands, &mut views);
    place_labels(wanted, &mut labels);
    if let Ok((mut t, mut vis)) = baton.single_mut() {
        let follow = baton_follow(settings.reduced_motion, time.delta_secs());
        move_baton(&mut t, &mut vis, baton_at, follow);
    }
}

/// How much of the way to the live note the baton travels this frame.
fn baton_follow(reduced_motion: bool, dt: f32) -> f32 {
    if reduced_motion {
        1.0
    } else {
        1.0 - (-BATON_SPEED * dt).exp()
    }
}

/// A note's size in a layout: never under the smallest text.
fn note_size(layout: Layout) -> f32 {
    (layout.spacing() * 0.5).clamp(MIN_TEXT + 4.0, 40.0)
}

/// Puts a note's glyph where the note is now; a loose note lies tipped over on the floor.
fn move_glyph(
    glyph: Entity,
    at: Vec2,
    color: Color,
    loose: bool,
    glyphs: &mut Query<(&mut Transform, &mut TextColor), (Without<Baton>, Without<NoteLabel>)>,
) {
    if let Ok((mut t, mut c)) = glyphs.get_mut(glyph) {
        t.translation.x = at.x;
        t.translation.y = at.y;
        t.rotation = Quat::from_rotation_z(if loose { -0.6 } else { 0.0 });
        if c.0 != color {
            c.0 = color;
        }
    }
}

/// Shows the wanted labels nearest the line first, right of the musicians' column; one that would
/// overlap a label already shown moves below its note, and stays hidden if it overlaps there too.
/// The others are hidden.
fn place_labels(wanted: Vec<WantedLabel>, labels: &mut Query<LabelItem, LabelFilter>) {
    let mut wanted = wanted;
    wanted.sort_by(|a, b| a.at.x.total_cmp(&b.at.x));
    let mut placed: Vec<Rect> = Vec::new();
    let mut shown: HashMap<Entity, Vec2> = HashMap::new();
    for w in wanted {
        let Ok((_, label, _, _)) = labels.get(w.entity) else {
            continue;
        };
        let size = Vec2::new(label.width, MIN_TEXT + 4.0);
        let spot = [w.at, w.at - Vec2::Y * (MIN_TEXT + 6.0)]
            .into_iter()
            .filter_map(|at| right_of_names(Rect::from_center_size(at, size)))
            .find(|r| placed.iter().all(|p| p.intersect(*r).is_empty()));
        if let Some(r) = spot {
            placed.push(r);
            shown.insert(w.entity, r.center());
        }
    }
    for (entity, _, mut t, mut vis) in labels.iter_mut() {
        let want = match shown.get(&entity) {
            Some(at) => {
                t.translation.x = at.x;
                t.translation.y = at.y;
                Visibility::Inherited
            }
            None => Visibility::Hidden,
        };
        if *vis != want {
            *vis = want;
        }
    }
}

/// A label's place moved right just clear of the musicians' column (so it never covers a name or
/// a key cap), still under its note; `None` once its note has passed into the column.
fn right_of_names(r: Rect) -> Option<Rect> {
    let shift = (NAMES_RIGHT - r.min.x).max(0.0);
    (r.center().x >= NAMES_RIGHT).then(|| Rect {
        min: r.min + Vec2::X * shift,
        max: r.max + Vec2::X * shift,
    })
}

/// A label's entity, width, place and visibility.
type LabelItem = (
    Entity,
    &'static NoteLabel,
    &'static mut Transform,
    &'static mut Visibility,
);
type LabelFilter = (With<NoteLabel>, Without<Baton>);

/// Despawns the notes no longer on the score.
fn forget_unseen(commands: &mut Commands, views: &mut NoteViews) {
    views.0.retain(|_, v| {
        if !v.seen {
            commands.entity(v.glyph).despawn();
            commands.entity(v.label).despawn();
        }
        v.seen
    });
}

/// The baton travels to the live note (`follow` of the way this frame; 1 jumps, as under reduced
/// motion or when it was hidden), or hides when no note is live.
fn move_baton(t: &mut Transform, vis: &mut Visibility, to: Option<Vec2>, follow: f32) {
    let Some(p) = to else {
        *vis = Visibility::Hidden;
        return;
    };
    let here = t.translation.truncate();
    let at = if *vis == Visibility::Hidden {
        p
    } else {
        here.lerp(p, follow)
    };
    t.translation.x = at.x;
    t.translation.y = at.y;
    *vis = Visibility::Visible;
}

/// Slurs: a line through the visible steps of each open case, in the order they are played,
/// drawn from note edge to note edge so no note is hidden under one.
fn draw_slurs(perf: Option<Res<Performance>>, palette: Res<Palette>, mut gizmos: Gizmos) {
    let Some(perf) = perf else { return };
    let gap = note_size(Layout {
        n: perf.departments().len(),
    }) * 0.6;
    for case in perf.score().cases() {
        let points: Vec<Vec2> = (case.current..case.steps.len())
            .filter_map(|s| step_position(&perf, case, s))
            .collect();
        for pair in points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if a.distance(b) <= 2.0 * gap {
                continue;
            }
            let mid = (a + b) / 2.0 + Vec2::new(0.0, 14.0);
            let from = a + (mid - a).normalize_or_zero() * gap;
            let to = b + (mid - b).normalize_or_zero() * gap;
            gizmos.line_2d(from, mid, palette.dim);
            gizmos.line_2d(mid, to, palette.dim);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_keeps_clear_of_the_musicians_column() {
        let label = |x: f32| Rect::from_center_size(Vec2::new(x, 0.0), Vec2::new(160.0, 22.0));
        // Far to the right: where it is.
        assert_eq!(right_of_names(label(200.0)), Some(label(200.0)));
        // Its note close to the line: moved right until it is clear, still under its note.
        let moved = right_of_names(label(LINE_X)).unwrap();
        assert_eq!(moved.min.x, NAMES_RIGHT);
        assert!(moved.contains(Vec2::new(LINE_X, 0.0)));
        // Its note over the key caps: not shown.
        assert_eq!(right_of_names(label(KEY_CAP_X)), None);
    }
}
