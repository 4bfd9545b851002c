//! The seeded colleague AI that plays every department nobody has taken.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

use crate::scenario::{Colleague, DeptId};

use super::time::{Beat, Metre, Millis, Tempo};

/// How long a colleague takes to notice a note nobody owns before reaching for it.
pub const REACTION: Millis = Millis(60.0);

/// One department's colleague: its settings and its own random stream.
#[derive(Debug, Clone)]
pub struct ColleagueAi {
    pub settings: Colleague,
    rng: ChaCha8Rng,
}

impl ColleagueAi {
    /// A colleague with its own random stream (stream `dept + 1` of the seed).
    pub fn new(settings: Colleague, seed: u64, dept: DeptId) -> ColleagueAi {
        use rand::SeedableRng;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(dept.0 as u64 + 1);
        ColleagueAi { settings, rng }
    }

    /// Busy with other work in the bar of `at`.
    pub fn is_busy(&self, at: Beat, metre: Metre) -> bool {
        let bar = metre.bar_of(at);
        self.settings.busy.iter().any(|r| r.contains(bar))
    }

    /// Decides whether to play its own note due at `due`; if so, when.
    pub fn plan_play(&mut self, due: Beat, metre: Metre, tempo: Tempo) -> Option<Beat> {
        let chance = if self.is_busy(due, metre) {
            self.settings.busy_skill
        } else {
            self.settings.skill
        };
        self.roll(chance).then(|| due + self.timing_error(tempo))
    }

    /// Decides whether to reach for a gap note (`rescue`: a loose one) due at `due`; if so, when.
    pub fn plan_claim(&mut self, due: Beat, rescue: bool, tempo: Tempo) -> Option<Beat> {
        let chance = if rescue {
            self.settings.follow_up
        } else {
            self.settings.initiative
        };
        self.roll(chance)
            .then(|| due + tempo.beats(REACTION) + self.timing_error(tempo))
    }

    fn roll(&mut self, chance: f64) -> bool {
        // Always draw, so one decision never shifts the stream of the next by its outcome.
        let x: f64 = self.rng.random();
        x < chance
    }

    fn timing_error(&mut self, tempo: Tempo) -> Beat {
        let sd = self.settings.timing_sd_ms.max(0.0);
        let ms = Normal::new(0.0, sd).map_or(0.0, |n| n.sample(&mut self.rng));
        tempo.beats(Millis(ms))
    }
}
