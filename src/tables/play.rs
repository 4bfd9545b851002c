//! A table without a window (`tutti table`): its seats played by the simulate strategies, the
//! round played out in time from the host's count-in (faster with a speed factor, for tests), a
//! report to the host once a bar and its replay at the end. The figures are those `tutti
//! simulate` gives for the same seats and seed: the performance is played at once, then heard
//! bar by bar.

use std::time::{Duration, Instant};

use crate::rounds::Replay;
use crate::rounds::replay::Recording;
use crate::rounds::setup::ReplaySetup;
use crate::scenario::Scenario;
use crate::sim::{Beat, DebriefFold, Played, Seat, play_seated_kept};

use super::protocol::{LiveReport, RoundPlan};

/// A round a table without a window plays.
pub struct RoundPlayer<'a> {
    scenario: &'a Scenario,
    /// The scenario's file name and text, as the replay keeps them.
    source: (&'a str, &'a str),
    setup: ReplaySetup,
    start_beat: Beat,
    plan: RoundPlan,
    played: Played,
    /// When the count-in's first beat falls here.
    start: Instant,
    /// One beat, as the table plays it.
    beat: Duration,
    /// When the pause began, if paused; and all the time paused so far.
    paused_at: Option<Instant>,
    paused_for: Duration,
    /// Where the host ended the round early.
    cut: Option<Beat>,
    fold: DebriefFold,
    folded: usize,
    bar_sent: u32,
    /// Whether the table has noted when its count-in began.
    pub marked: bool,
}

/// What a round player has to say after a step.
#[derive(Debug, Clone, PartialEq)]
pub enum Heard {
    /// Nothing new.
    Nothing,
    /// A bar began (or the round was paused or ended early): the table's report.
    Bar(LiveReport),
    /// The round is over: its last report and the replay's text.
    Done(LiveReport, String),
}

impl<'a> RoundPlayer<'a> {
    /// Round `plan` of `scenario`, `seats` played by their strategies; its count-in begins at
    /// `start`, and it plays `speed` times as fast as the scenario's tempo.
    pub fn new(
        scenario: &'a Scenario,
        source: (&'a str, &'a str),
        plan: RoundPlan,
        seats: &[Seat],
        start: Instant,
        speed: f64,
    ) -> RoundPlayer<'a> {
        let beat_s = 60.0 / scenario.tempo_bpm.max(1.0) / speed.max(0.01);
        RoundPlayer {
            scenario,
            source,
            setup: ReplaySetup::simulated(scenario, seats),
            start_beat: crate::sim::SimBuilder::new(scenario)
                .seed(plan.seed)
                .build()
                .start_beat(),
            played: play_seated_kept(scenario, plan.seed, seats),
            plan,
            start,
            beat: Duration::from_secs_f64(beat_s),
            paused_at: None,
            paused_for: Duration::ZERO,
            cut: None,
            fold: DebriefFold::new(scenario),
            folded: 0,
            bar_sent: 0,
            marked: false,
        }
    }

    /// The round's number.
    pub fn round(&self) -> u32 {
        self.plan.round
    }

    /// When the count-in begins on the host's clock, ms.
    pub fn start_at(&self) -> f64 {
        self.plan.start_at
    }

    /// How long from `now` until the count-in begins; `None` once it has.
    pub fn count_in_from(&self, now: Instant) -> Option<Duration> {
        (now < self.start).then(|| self.start - now)
    }

    /// The song clock at `now`, in beats (before the piece's first beat during the count-in).
    fn beat_at(&self, now: Instant) -> Beat {
        let paused = self.paused_for + self.paused_at.map_or(Duration::ZERO, |p| now - p);
        let played = now
            .saturating_duration_since(self.start)
            .saturating_sub(paused);
        let count_in = f64::from(self.scenario.beats_per_bar);
        Beat(self.start_beat.0 - count_in + played.as_secs_f64() / self.beat.as_secs_f64())
    }

    /// Pauses the round, or lets it go on.
    pub fn pause(&mut self, paused: bool, now: Instant) {
        match (paused, self.paused_at) {
            (true, None) => self.paused_at = Some(now),
            (false, Some(at)) => {
                self.paused_for += now - at;
                self.paused_at = None;
            }
            _ => {}
        }
    }

    /// Ends the round where it is now.
    pub fn skip(&mut self, now: Instant) {
        let at = self.beat_at(now).0.max(0.0);
        self.cut = Some(Beat(at.min(self.played.until.0)));
    }

    /// Plays on to `now`: the bar's report when one began, the replay when the round is over.
    pub fn step(&mut self, now: Instant) -> Heard {
        let end = self.cut.unwrap_or(self.played.until);
        let beat = self.beat_at(now);
        let until = if beat.0 >= end.0 { end } else { beat };
        while let Some(e) = self.played.events.get(self.folded) {
            if e.at.0 > until.0 {
                break;
            }
            self.fold.apply(self.scenario, e);
            self.folded += 1;
        }
        if beat.0 >= end.0 {
            return Heard::Done(self.report(until, true), self.replay(end));
        }
        let bar = self.bar_of(beat);
        if bar > self.bar_sent {
            self.bar_sent = bar;
            return Heard::Bar(self.report(beat, false));
        }
        Heard::Nothing
    }

    fn bar_of(&self, beat: Beat) -> u32 {
        let bpb = f64::from(self.scenario.beats_per_bar.max(1));
        if beat.0 < 0.0 {
            0
        } else {
            (beat.0 / bpb).floor() as u32 + 1
        }
    }

    /// The report of the round at `beat`.
    fn report(&self, beat: Beat, ended: bool) -> LiveReport {
        let d = self.fold.debrief();
        LiveReport {
            round: self.plan.round,
            bar: self.bar_of(beat).max(1),
            audience: (d.audience_final * 10.0).round() / 10.0,
            taken: d.departments.iter().map(|s| s.claims).sum::<u32>() + d.rescues,
            missed: d.gap_drops,
            ended,
        }
    }

    /// The replay of the round, played to `until`: the presses made before it.
    fn replay(&self, until: Beat) -> String {
        let whole = until.0 >= self.played.until.0;
        let inputs: Vec<_> = self
            .played
            .inputs
            .iter()
            .filter(|i| whole || i.starts_at().0 < until.0)
            .cloned()
            .collect();
        let recording = Recording {
            scenario_name: self.source.0,
            scenario_text: self.source.1,
            seed: self.plan.seed,
            setup: self.setup.clone(),
            round: Some(self.plan.round),
            agreement: None,
            inputs: &inputs,
            until,
        };
        let mut replay = Replay::record(self.scenario, recording, &self.played.events);
        if !whole {
            // Ended early: sealed with the events its presses give up to the cut.
            let _ = replay.reseal();
        }
        replay.to_text().unwrap_or_default()
    }
}
