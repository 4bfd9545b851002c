//! Where things go on the 1280×720 stage.

use bevy::prelude::*;

use crate::game::performance::Performance;
use crate::scenario::{Between, Owner};
use crate::sim::{ScoreCase, StepStatus};

/// Width of the virtual stage.
pub(crate) const WIDTH: f32 = 1280.0;
/// Height of the virtual stage.
pub(crate) const HEIGHT: f32 = 720.0;
/// The conductor's line, where notes are due.
pub(crate) const LINE_X: f32 = -250.0;
/// The right edge of the score.
pub(crate) const SCORE_RIGHT: f32 = 630.0;
/// Horizontal distance of one beat.
const BEAT_PX: f32 = 72.0;
/// Top and bottom of the staves.
pub(crate) const STAVES_TOP: f32 = 270.0;
pub(crate) const STAVES_BOTTOM: f32 = -170.0;
/// The musicians' column.
pub(crate) const MUSICIAN_X: f32 = -625.0;
/// The centre of the key caps, just before the conductor's line.
pub(crate) const KEY_CAP_X: f32 = LINE_X - 45.0;
/// The largest key cap's side.
pub(crate) const KEY_CAP_MAX: f32 = 40.0;
/// The right edge of the musicians' column (figures, names and key caps), with a little air:
/// note labels stay right of it.
pub(crate) const NAMES_RIGHT: f32 = KEY_CAP_X + KEY_CAP_MAX / 2.0 + 5.0;
/// The audience's row.
pub(crate) const AUDIENCE_Y: f32 = -268.0;

/// Positions of staves and gaps for `n` departments.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Layout {
    pub n: usize,
}

impl Layout {
    /// Distance between two staves.
    pub fn spacing(self) -> f32 {
        (STAVES_TOP - STAVES_BOTTOM) / self.n.max(1) as f32
    }

    /// The y of department `d`'s staff.
    pub(crate) fn staff_y(self, d: usize) -> f32 {
        STAVES_TOP - (d as f32 + 0.5) * self.spacing()
    }

    /// The y of the gap under staff `d` (the last staff's gap is just below it).
    pub(crate) fn gap_under(self, d: usize) -> f32 {
        self.staff_y(d) - self.spacing() / 2.0
    }

    /// The x of a note due at `due` when the clock reads `now` (beats).
    fn note_x(now: f64, due: f64) -> f32 {
        LINE_X + ((due - now) as f32) * BEAT_PX
    }

    /// Where a step sits vertically: on its staff, or in the gap it falls into. `prev` is the
    /// department of the step before (a gap without `between` lies under it).
    ///
    /// A gap note between two neighbours lies in the gap between them. Between chairs further
    /// apart it lies in the gap beside the chair the baton comes from (or the upper one), on the
    /// side of the other chair; the stage draws a bracket from it to both chairs.
    pub(crate) fn step_y(self, owner: Owner, prev: Option<usize>) -> f32 {
        match owner {
            Owner::Dept(d) => self.staff_y(d.0),
            Owner::Gap(Some(Between { a, b })) => {
                let (a, b) = (a.0, b.0);
                let near = if prev == Some(b) {
                    b
                } else if prev == Some(a) {
                    a
                } else {
                    a.min(b)
                };
                let other = if near == a { b } else { a };
                if other > near {
                    self.gap_under(near)
                } else {
                    self.gap_under(near.saturating_sub(1))
                }
            }
            Owner::Gap(None) => self.gap_under(prev.unwrap_or(0)),
        }
    }
}

/// A note's visibility on the score (it is drawn only between these x).
fn on_score(x: f32) -> bool {
    (LINE_X - 200.0..=SCORE_RIGHT).contains(&x)
}

/// Colour from the scenario's RGB.
pub(crate) fn color_of(rgb: crate::scenario::Rgb) -> Color {
    Color::srgb_u8(rgb.0, rgb.1, rgb.2)
}

/// The glyph drawn for a shape.
pub(crate) fn glyph(shape: crate::scenario::Shape) -> &'static str {
    use crate::scenario::Shape::*;
    match shape {
        Circle => "●",
        Square => "■",
        Triangle => "▲",
        Diamond => "◆",
        Star => "★",
        Hexagon => "⬢",
        Cross => "✚",
        Heart => "♥",
    }
}

/// Where a step is drawn now, or `None` when it is not on the score.
pub(crate) fn step_position(perf: &Performance, case: &ScoreCase, step: usize) -> Option<Vec2> {
    let layout = Layout {
        n: perf.departments().len(),
    };
    let st = &case.steps[step];
    // A gap without `between` lies under the last department that played before it.
    let prev = case.steps[..step].iter().rev().find_map(|s| match s.owner {
        Owner::Dept(d) => Some(d.0),
        Owner::Gap(Some(between)) => Some(between.a.0),
        Owner::Gap(None) => None,
    });
    let y = match (st.status, st.owner) {
        (StepStatus::Pending | StepStatus::Live, owner) => layout.step_y(owner, prev),
        (StepStatus::Loose { .. }, Owner::Dept(d)) => layout.gap_under(d.0),
        (StepStatus::Loose { .. }, gap) => layout.step_y(gap, prev),
        (StepStatus::Played { .. } | StepStatus::Gone, _) => return None,
    };
    let x = Layout::note_x(perf.beat(), perf.score().shown_due(st).0);
    on_score(x).then_some(Vec2::new(x, y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::DeptId;

    fn between(a: usize, b: usize) -> Owner {
        Owner::Gap(Some(Between {
            a: DeptId(a),
            b: DeptId(b),
        }))
    }

    #[test]
    fn a_gap_note_lies_beside_its_chairs() {
        let l = Layout { n: 4 };
        // Neighbours: in the gap between them, whichever order they are named in.
        assert_eq!(l.step_y(between(1, 2), Some(1)), l.gap_under(1));
        assert_eq!(l.step_y(between(2, 1), None), l.gap_under(1));
        // "Ring kunden op" between IT (2) and Kundeservice (0), after IT played: beside IT,
        // towards Kundeservice; after Kundeservice: under Kundeservice, towards IT.
        assert_eq!(l.step_y(between(2, 0), Some(2)), l.gap_under(1));
        assert_eq!(l.step_y(between(2, 0), Some(0)), l.gap_under(0));
        assert_eq!(l.step_y(between(0, 3), Some(3)), l.gap_under(2));
    }
}
