//! Judgement: how far from the beat a press landed, as a pure function of the offset.

use super::time::Millis;

/// How well a note was played.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Grade {
    /// Within the perfect window.
    Perfect,
    /// Within the good window.
    Good,
    /// Within the widest window: played, only just.
    Ok,
}

/// A grade and the signed offset from the beat (negative: early).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Judgement {
    /// The window it fell in.
    pub grade: Grade,
    /// Press time minus due time (negative: early).
    pub offset: Millis,
}

impl Judgement {
    /// Early (before the beat) rather than on it or late.
    pub(crate) fn is_early(&self) -> bool {
        self.offset.0 < 0.0
    }
}

/// The timing windows, each the largest |offset| that earns its grade.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Windows {
    /// The largest offset graded perfect.
    pub perfect: Millis,
    /// The largest offset graded good.
    pub good: Millis,
    /// The largest offset that still plays the note.
    pub ok: Millis,
}

impl Windows {
    /// All windows multiplied by `scale` (difficulty: 1.5 relaxed, 1 normal, 0.5 strict).
    pub(crate) fn scaled(self, scale: f64) -> Windows {
        Windows {
            perfect: Millis(self.perfect.0 * scale),
            good: Millis(self.good.0 * scale),
            ok: Millis(self.ok.0 * scale),
        }
    }
}

/// Judges a press `offset` from the note's due time; `None` outside the widest window.
pub(crate) fn judge(offset: Millis, w: &Windows) -> Option<Judgement> {
    let d = offset.0.abs();
    let grade = if d <= w.perfect.0 {
        Grade::Perfect
    } else if d <= w.good.0 {
        Grade::Good
    } else if d <= w.ok.0 {
        Grade::Ok
    } else {
        return None;
    };
    Some(Judgement { grade, offset })
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: Windows = Windows {
        perfect: Millis(45.0),
        good: Millis(90.0),
        ok: Millis(150.0),
    };

    #[test]
    fn grades_by_distance_from_the_beat() {
        assert_eq!(judge(Millis(0.0), &W).unwrap().grade, Grade::Perfect);
        assert_eq!(judge(Millis(-45.0), &W).unwrap().grade, Grade::Perfect);
        assert_eq!(judge(Millis(60.0), &W).unwrap().grade, Grade::Good);
        let late = judge(Millis(120.0), &W).unwrap();
        assert_eq!(late.grade, Grade::Ok);
        assert!(!late.is_early());
        assert!(judge(Millis(-120.0), &W).unwrap().is_early());
        assert_eq!(judge(Millis(150.1), &W), None);
    }

    #[test]
    fn difficulty_scales_windows() {
        assert_eq!(judge(Millis(100.0), &W.scaled(0.5)), None);
        assert_eq!(
            judge(Millis(200.0), &W.scaled(1.5)).unwrap().grade,
            Grade::Ok
        );
    }
}
