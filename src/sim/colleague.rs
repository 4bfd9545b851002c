//! The seeded colleague AI that plays every department nobody has taken.
//!
//! Each decision is drawn from the seed and the note it concerns (its case, step and appearance),
//! never from a running stream: whatever the people did before, a colleague facing the same note
//! with the same seed decides the same way. That is what makes a second round with the same seed
//! fair.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

use crate::scenario::{Colleague, DeptId};

use super::events::CaseId;

use super::time::{Beat, Metre, Millis, Tempo};

/// How long a colleague takes to notice a note nobody owns before reaching for it.
pub(crate) const REACTION: Millis = Millis(60.0);

/// The note a colleague's decision concerns: which case, which step, and which appearance of it
/// (0: the note as laid out; 1, 2, …: a loose note's returns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NoteKey {
    pub case: CaseId,
    pub step: usize,
    pub appearance: u32,
}

/// One department's colleague: its settings, the seed and its department.
#[derive(Debug, Clone)]
pub(crate) struct ColleagueAi {
    pub settings: Colleague,
    seed: u64,
    dept: DeptId,
}

impl ColleagueAi {
    /// The colleague of department `dept` in a performance with `seed`.
    pub fn new(settings: Colleague, seed: u64, dept: DeptId) -> ColleagueAi {
        ColleagueAi {
            settings,
            seed,
            dept,
        }
    }

    /// The random stream of one decision: the seed, this department and the note, mixed (so
    /// neighbouring notes do not share draws), as a ChaCha stream of its own.
    fn luck(&self, note: NoteKey, what: u64) -> ChaCha8Rng {
        let mut rng = ChaCha8Rng::seed_from_u64(mix(&[
            self.seed,
            self.dept.0 as u64,
            u64::from(note.case.0),
            note.step as u64,
            u64::from(note.appearance),
        ]));
        rng.set_stream(what);
        rng
    }

    /// Busy with other work in the bar of `at`.
    fn is_busy(&self, at: Beat, metre: Metre) -> bool {
        self.settings.is_busy_in(metre.bar_of(at))
    }

    /// Decides whether to play its own note `note`, due at `due`; if so, when.
    pub(crate) fn plan_play(
        &self,
        note: NoteKey,
        due: Beat,
        metre: Metre,
        tempo: Tempo,
    ) -> Option<Beat> {
        let chance = if self.is_busy(due, metre) {
            self.settings.busy_skill
        } else {
            self.settings.skill
        };
        let mut rng = self.luck(note, 1);
        roll(&mut rng, chance).then(|| due + self.timing_error(&mut rng, tempo))
    }

    /// Decides whether to reach for the gap note `note` (`rescue`: a loose one) due at `due`; if
    /// so, when.
    pub(crate) fn plan_claim(
        &self,
        note: NoteKey,
        due: Beat,
        rescue: bool,
        tempo: Tempo,
    ) -> Option<Beat> {
        let chance = if rescue {
            self.settings.follow_up
        } else {
            self.settings.initiative
        };
        let mut rng = self.luck(note, 2);
        roll(&mut rng, chance)
            .then(|| due + tempo.beats(REACTION) + self.timing_error(&mut rng, tempo))
    }

    fn timing_error(&self, rng: &mut ChaCha8Rng, tempo: Tempo) -> Beat {
        let sd = self.settings.timing_sd_ms.max(0.0);
        let ms = Normal::new(0.0, sd).map_or(0.0, |n| n.sample(rng));
        tempo.beats(Millis(ms))
    }
}

fn roll(rng: &mut ChaCha8Rng, chance: f64) -> bool {
    let x: f64 = rng.random();
    x < chance
}

/// Mixes numbers into one seed (SplitMix64's finaliser over each in turn).
fn mix(parts: &[u64]) -> u64 {
    parts.iter().fold(0x9E37_79B9_7F4A_7C15, |acc, &p| {
        let mut z = (acc ^ p).wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    })
}
