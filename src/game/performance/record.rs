//! A performance kept as a replay, and a replay played back: its inputs fed to the simulation as
//! the song clock reaches them, in place of keys, pads and phones.

use std::path::PathBuf;

use bevy::prelude::*;

use crate::rounds::Replay;
use crate::rounds::replay::{Recording, ReplaySetup};
use crate::scenario::Scenario;
use crate::sim::{Beat, Event, Sim, SimInput};

use super::Performance;

/// The level a performance plays: its name and the text of the version played.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PerformanceSource {
    pub level: String,
    pub text: String,
}

/// What a replay of the performance needs beside the simulation's inputs.
#[derive(Debug, Clone)]
pub(super) struct Kept {
    pub source: PerformanceSource,
    pub seed: u64,
    pub setup: ReplaySetup,
}

/// A replay being played back in the window.
#[derive(Resource, Debug, Clone)]
pub struct Playback {
    pub replay: Replay,
    /// Its scenario, loaded from the replay's own text.
    pub scenario: Scenario,
    /// Where it was read from.
    pub path: PathBuf,
}

/// The recorded inputs still to feed.
#[derive(Debug, Clone)]
pub(super) struct Script {
    inputs: Vec<SimInput>,
    next: usize,
    until: Beat,
    /// The round it was.
    round: Option<u32>,
}

impl Script {
    /// Feeds every input the song clock has reached, then runs on to `now`, never past the next
    /// input's start (so it is applied where it was) nor past where the recording stopped.
    pub fn feed(&mut self, sim: &mut Sim, now: Beat, out: &mut Vec<Event>) {
        while let Some(input) = self.inputs.get(self.next) {
            if input.starts_at().0 > now.0 {
                break;
            }
            sim.apply(input, out);
            self.next += 1;
        }
        let limit = self
            .inputs
            .get(self.next)
            .map_or(self.until, SimInput::starts_at);
        sim.advance(Beat(now.0.min(limit.0).min(self.until.0)), &[], out);
    }

    /// Whether the recording stopped before its end (skipped to the debrief) and the song clock
    /// is there.
    pub fn stopped(&self, now: f64) -> bool {
        self.next >= self.inputs.len() && now >= self.until.0
    }
}

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
        perf.script = Some(Script {
            inputs: p.replay.inputs.clone(),
            next: 0,
            until: p.replay.until,
            round: p.replay.round,
        });
        perf
    }

    /// The round of a replay played back, if it was one.
    pub fn round(&self) -> Option<u32> {
        self.script.as_ref().and_then(|s| s.round)
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
    pub fn replay_setup(&self) -> &ReplaySetup {
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
