//! A performance kept as a replay, and a replay played back: its inputs fed to the simulation as
//! the song clock reaches them, in place of keys, pads and phones.

use std::path::PathBuf;

use bevy::prelude::*;

use crate::rounds::Replay;
use crate::rounds::replay::ReplaySetup;
use crate::scenario::Scenario;
use crate::sim::{Beat, Event, Sim, SimInput};

/// The level a performance plays: its name and the text of the version played.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PerformanceSource {
    /// The level's name (its file name, or path for files on disk).
    pub level: String,
    /// The scenario text of the version played.
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
    /// The replay.
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
    /// The inputs of `replay`, none fed yet.
    pub fn of(replay: &Replay) -> Script {
        Script {
            inputs: replay.inputs.clone(),
            next: 0,
            until: replay.until,
            round: replay.round,
        }
    }

    /// The round the replay was.
    pub fn round(&self) -> Option<u32> {
        self.round
    }

    /// Feeds every input the song clock has reached, then runs on to `now`, never past the next
    /// input's start (so it is applied where it was) nor past where the recording stopped.
    pub(crate) fn feed(&mut self, sim: &mut Sim, now: Beat, out: &mut Vec<Event>) {
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
