//! Setting up a performance: who plays which department, difficulty, tempo, practice bars; the
//! builder makes each of [`Sim`]'s groups from the scenario and these choices.

use crate::scenario::{BarRange, DeptId, Scenario};

use super::arrivals::{PlannedArrival, plan_arrivals};
use super::audience::Satisfaction;
use super::band::Band;
use super::book::Book;
use super::caseload::Caseload;
use super::engine::Sim;
use super::judge::Windows;
use super::pace::{Pace, sane_scale};
use super::programme::Programme;
use super::queue::{Job, Schedule};
use super::time::{Metre, Millis};
use super::timeline::Timeline;

/// Builds a [`Sim`]: who plays which department, difficulty and tempo.
#[derive(Debug, Clone)]
pub struct SimBuilder<'a> {
    scenario: &'a Scenario,
    seed: u64,
    humans: Vec<bool>,
    window_scale: f64,
    tempo_scale: f64,
    bars: Option<BarRange>,
}

impl<'a> SimBuilder<'a> {
    /// A performance of `scenario` with its own seed, every department played by its colleague.
    pub fn new(scenario: &'a Scenario) -> SimBuilder<'a> {
        SimBuilder {
            scenario,
            seed: scenario.seed,
            humans: vec![false; scenario.departments.len()],
            window_scale: 1.0,
            tempo_scale: 1.0,
            bars: None,
        }
    }

    /// Plays only the bars of `range` (for practice): the performance starts at the first beat
    /// of its first bar, only the customers arriving in those bars come, and it ends when its
    /// last bar is over (or when the audience walks out). Bars count from 1; a range that ends
    /// before it starts is one bar long.
    pub fn bars(mut self, range: BarRange) -> Self {
        let from = range.from_bar.max(1);
        self.bars = Some(BarRange::new(from, range.until_bar.max(from)));
        self
    }

    /// Replaces the scenario's seed.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Department `dept` is played by a person: its colleague stays silent.
    pub fn human(mut self, dept: DeptId) -> Self {
        if let Some(h) = self.humans.get_mut(dept.0) {
            *h = true;
        }
        self
    }

    /// Timing windows × `scale` (difficulty: 1.5 relaxed, 1 normal, 0.5 strict).
    pub fn window_scale(mut self, scale: f64) -> Self {
        self.window_scale = sane_scale(scale);
        self
    }

    /// Tempo × `scale` (0.5–1 in the lobby).
    pub(crate) fn tempo_scale(mut self, scale: f64) -> Self {
        self.tempo_scale = scale;
        self
    }

    /// Starts the performance at its first beat (0, or the first beat of the practice bars).
    pub fn build(self) -> Sim {
        let s = self.scenario;
        let metre = Metre {
            beats_per_bar: s.beats_per_bar,
        };
        let arrivals = self.arrivals(metre);
        let first_bar = self.bars.map_or(1, |b| b.from_bar);
        let start = metre.bar_start(first_bar);
        let mut queue = Schedule::default();
        queue.push(start, Job::Bar(first_bar));
        for a in &arrivals {
            queue.push(a.at, Job::Arrival(a.template));
        }
        Sim {
            pace: Pace::new(metre, s.tempo_bpm, self.tempo_scale, self.windows()),
            band: Band::new(s, self.seed, self.humans),
            book: Book::new(s),
            cases: Caseload::default(),
            audience: Satisfaction::new(s.audience.clone()),
            programme: Programme::new(s.length_bars, self.bars, start, &arrivals),
            timeline: Timeline::new(start, queue),
        }
    }

    /// The arrivals of this performance: the scenario's plan, only those in the practice bars.
    fn arrivals(&self, metre: Metre) -> Vec<PlannedArrival> {
        let mut arrivals = plan_arrivals(self.scenario, self.seed);
        if let Some(range) = self.bars {
            arrivals.retain(|a| range.contains(metre.bar_of(a.at)));
        }
        arrivals
    }

    /// The scenario's timing windows scaled by the difficulty.
    fn windows(&self) -> Windows {
        let t = &self.scenario.timing;
        Windows {
            perfect: Millis(t.perfect_ms),
            good: Millis(t.good_ms),
            ok: Millis(t.ok_ms),
        }
        .scaled(self.window_scale)
    }
}
