//! The performance in progress: the simulation, the song clock in beats, every event and what
//! is folded from them (the score, the debrief), and what its replay needs. The folder's one
//! record of the piece: its fields are changed only in `game::performance` (the systems in
//! `mod.rs`, the inputs in `apply.rs`).

use bevy::prelude::*;

use crate::rounds::Replay;
use crate::rounds::replay::{Recording, ReplaySetup};
use crate::scenario::{BarRange, Department, DeptId, Scenario};
use crate::sim::{
    Beat, Debrief, DebriefFold, Event, PlannedNote, Press, Score, Sim, SimBuilder, Tempo,
};

use super::record::{Kept, PerformanceSource, Playback, Script};
use super::setup::Setup;

/// The serial number of the next performance.
static NEXT_SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A new start of the same performance (a restart, or the practice loop starting over): views
/// forget the old performance's notes.
#[derive(Message, Debug, Clone, Copy)]
pub(crate) struct Restarted;

/// The performance in progress (from the count-in to the debrief).
#[derive(Resource)]
pub struct Performance {
    /// The scenario, with the player's keys.
    pub(super) scenario: Scenario,
    pub(super) sim: Sim,
    /// What is on the score now, folded from the events (what views read).
    pub(super) score: Score,
    /// The debrief's figures so far, folded from the same events.
    pub(super) debrief: DebriefFold,
    /// Every event so far.
    pub(super) events: Vec<Event>,
    /// The song clock in beats; negative during the count-in.
    pub(super) beat: f64,
    /// Presses received this frame, fed to the simulation next.
    pub(super) pending: Vec<Press>,
    /// Seconds since the simulation ended.
    pub(super) ended_for: f32,
    /// The first beat played (0, or the start of the practice loop).
    pub(super) start: f64,
    /// What is played, for its replay: the level and its text, the seed, the setup at the start.
    pub(super) source: Kept,
    /// A replay being played back: its inputs, fed as the song clock reaches them.
    pub(super) script: Option<Script>,
    /// Tells this performance from every other one since the game started.
    pub(super) serial: u64,
}

impl Performance {
    /// A fresh performance of `scenario` as set up, starting with a one-bar count-in. Each
    /// seat's allowance ([`Setup::allowance_ms`], with the players' `audio_offset_ms`) is fixed
    /// now for the whole piece, and kept in its replay.
    pub fn new(
        scenario: &Scenario,
        setup: &Setup,
        keys: &[(String, String)],
        source: PerformanceSource,
        audio_offset_ms: f64,
    ) -> Performance {
        let seed = setup.seed(scenario.seed);
        let mut builder = SimBuilder::new(scenario)
            .seed(seed)
            .window_scale(setup.difficulty().window_scale())
            .tempo_scale(setup.tempo_scale());
        for d in scenario.dept_ids().filter(|d| setup.is_person(*d)) {
            builder = builder.human(d);
        }
        if let Some(p) = setup.practice() {
            builder = builder.bars(BarRange::new(p.from, p.to));
        }
        let scenario = scenario.with_key_overrides(keys);
        let kept = Kept {
            setup: setup.replay_setup(&scenario.departments),
            source,
            seed,
        };
        let mut sim = builder.build();
        for d in scenario.dept_ids() {
            let ms = setup.allowance_ms(d, audio_offset_ms);
            sim.set_allowance(d, crate::sim::Millis(ms));
            if ms > 0.0 {
                let name = &scenario.department(d).name;
                info!(
                    "allowance: {name}'s presses are judged by when they were made, up to {ms:.0} ms late"
                );
            }
        }
        Performance::with_sim(scenario, sim, kept)
    }

    /// A performance of `scenario` run by `sim`, from its start beat after a one-bar count-in.
    fn with_sim(scenario: Scenario, sim: Sim, source: Kept) -> Performance {
        let start = sim.start_beat().0;
        Performance {
            score: Score::new(&scenario),
            debrief: DebriefFold::new(&scenario),
            beat: start - f64::from(scenario.beats_per_bar),
            scenario,
            sim,
            events: Vec::new(),
            pending: Vec::new(),
            ended_for: 0.0,
            start,
            source,
            script: None,
            serial: NEXT_SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Tells this performance from every other one since the game started (a restart is a new
    /// one): what is kept of it is kept once, however often its debrief is shown.
    pub fn serial(&self) -> u64 {
        self.serial
    }

    /// The scenario being played.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Its departments, with the player's keys.
    pub fn departments(&self) -> &[Department] {
        &self.scenario.departments
    }

    /// Department `d` (with the player's key).
    pub fn department(&self, d: DeptId) -> &Department {
        self.scenario.department(d)
    }

    /// What is on the score now: the open cases and the audience, from the events.
    pub fn score(&self) -> &Score {
        &self.score
    }

    /// The debrief's figures of the piece so far (of the whole piece, once it is over).
    pub fn debrief(&self) -> Debrief {
        self.debrief.debrief()
    }

    /// Whether the piece is over (the debrief or the next round of the loop follows).
    pub fn is_ended(&self) -> bool {
        self.sim.is_ended()
    }

    /// The bars of the practice loop, when only some bars are played.
    pub(crate) fn practice_bars(&self) -> Option<BarRange> {
        self.sim.practice_bars()
    }

    /// The tempo now.
    pub fn tempo(&self) -> Tempo {
        self.sim.tempo()
    }

    /// The colleagues' notes that will sound up to `until`, as things stand: for sound that is
    /// scheduled ahead on the audio clock.
    pub fn planned_notes(&self, until: Beat) -> Vec<PlannedNote> {
        self.sim.planned_notes(until)
    }

    /// Every event so far.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The song clock in beats; before [`Performance::start`] during the count-in.
    pub fn beat(&self) -> f64 {
        self.beat
    }

    /// The first beat played (0, or the start of the practice loop).
    pub fn start(&self) -> f64 {
        self.start
    }

    /// Beats per second at the current tempo.
    pub fn beats_per_second(&self) -> f64 {
        self.sim.tempo().bpm() / 60.0
    }

    /// Whether department `dept` is played by a person (the simulation's own record).
    pub fn is_human(&self, dept: DeptId) -> bool {
        self.sim.is_human(dept)
    }

    /// How late department `dept`'s presses may arrive and still be judged by their stamps, ms
    /// (a phone's network allowance; 0 for keys and pads).
    pub fn allowance_ms(&self, dept: DeptId) -> f64 {
        self.sim.allowance(dept).0
    }

    /// The song time of a press made now by a player who hears the music `offset_ms` late: the
    /// song clock less that offset, never before the first beat.
    pub(crate) fn press_time(&self, offset_ms: f64) -> Beat {
        let offset = self.sim.tempo().beats(crate::sim::Millis(offset_ms));
        Beat((self.beat - offset.0).max(self.start))
    }

    /// The tempo in per cent of the scenario's.
    pub fn tempo_pct(&self) -> u32 {
        (self.sim.tempo().bpm() / self.scenario.tempo_bpm * 100.0).round() as u32
    }

    /// Whether the piece is still in its count-in.
    pub(crate) fn in_count_in(&self) -> bool {
        self.beat < self.start
    }
}

// The performance and its replay: a replay played back, and the performance kept as one.
impl Performance {
    /// A replay played back: its scenario, seed and setup, its inputs fed in time.
    pub fn playback(p: &Playback) -> Performance {
        let sim = p.replay.builder(&p.scenario).build();
        let kept = Kept {
            source: PerformanceSource {
                level: p.replay.scenario_name.clone(),
                text: p.replay.scenario.clone(),
            },
            seed: p.replay.seed,
            setup: p.replay.setup.clone(),
        };
        let mut perf = Performance::with_sim(p.scenario.clone(), sim, kept);
        perf.script = Some(Script::of(&p.replay));
        perf
    }

    /// The round of a replay played back, if it was one.
    pub fn round(&self) -> Option<u32> {
        self.script.as_ref().and_then(Script::round)
    }

    /// Whether this is a replay played back.
    pub fn is_playback(&self) -> bool {
        self.script.is_some()
    }

    /// The level played (its name in the catalog).
    pub fn level(&self) -> &str {
        &self.source.source.level
    }

    /// The seed played.
    pub fn seed(&self) -> u64 {
        self.source.seed
    }

    /// Who sat where, difficulty, tempo and loop at the start.
    pub(crate) fn replay_setup(&self) -> &ReplaySetup {
        &self.source.setup
    }

    /// The performance so far as a replay.
    pub fn to_replay(&self, round: Option<u32>, agreement: Option<String>) -> Replay {
        let recording = Recording {
            scenario_name: &self.source.source.level,
            scenario_text: &self.source.source.text,
            seed: self.source.seed,
            setup: self.source.setup.clone(),
            round,
            agreement,
            inputs: self.sim.inputs(),
            until: self.sim.now(),
        };
        Replay::record(&self.scenario, recording, &self.events)
    }
}
