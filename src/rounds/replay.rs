//! A performance kept as a small file: the scenario's text, the seed, the setup and every change
//! the simulation applied (see [`SimInput`]), sealed with hashes of each part and of the events
//! that came of them. Re-simulating it gives the same events, so a replay can be played back,
//! compared with other rounds, and checked ([`Replay::verify`]) after a change to the rules.

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::scenario::{BarRange, Scenario, load_str};
use crate::sim::{Beat, Debrief, Event, SimBuilder, SimInput};

use super::seal;

pub use super::setup::{ReplaySetup, SeatRecord, Who};

/// The replay format this version writes and reads.
const FORMAT: u32 = 1;

/// The file extension of replays.
const EXTENSION: &str = "replay";

/// The largest replay read (the scenario text is at most 256 KiB; presses are small).
const MAX_BYTES: u64 = 8 * 1024 * 1024;

/// The seals: a hash of each part as recorded, and of the events they gave, with a line per case
/// so that a difference can be told in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Seals {
    pub scenario: String,
    pub setup: String,
    pub inputs: String,
    pub events: String,
    /// One line per case: how it went.
    pub cases: Vec<String>,
}

/// One performance, kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Replay {
    /// The replay format (`FORMAT`).
    pub format: u32,
    /// The version of Tutti that recorded it.
    pub game_version: String,
    /// The scenario's file name (or path).
    pub scenario_name: String,
    /// The scenario file's text.
    pub scenario: String,
    /// The seed the performance was played with.
    pub seed: u64,
    /// Who sat where, the tempo and the difficulty at the start.
    pub setup: ReplaySetup,
    /// The round of the workshop session (from 1), when it was one.
    pub round: Option<u32>,
    /// The group's agreement on stage during the round.
    pub agreement: Option<String>,
    /// Every press, tempo change and seat change as the simulation applied it (times in beats).
    pub inputs: Vec<SimInput>,
    /// Where the performance stopped: its end, or where the facilitator skipped to the debrief.
    pub until: Beat,
    pub(crate) seals: Seals,
}

/// Just enough of a replay to tell its format before reading the rest.
#[derive(Deserialize)]
#[serde(rename = "Replay")]
struct Header {
    format: u32,
    game_version: String,
}

/// Why a replay cannot be used or does not verify.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplayError {
    /// The file cannot be read.
    Unreadable(String),
    /// Not a Tutti replay at all.
    Foreign,
    /// A replay, but cut short or damaged.
    Damaged(String),
    /// From a newer Tutti.
    Newer {
        /// The replay format it was written in.
        format: u32,
        /// The version of Tutti that wrote it.
        game_version: String,
    },
    /// Its scenario no longer loads.
    Scenario(String),
    /// Re-simulated, it does not match: what differs, in words.
    Differs(Vec<String>),
}

impl fmt::Display for ReplayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplayError::Unreadable(e) => write!(f, "cannot read it: {e}"),
            ReplayError::Foreign => write!(f, "this is not a Tutti replay"),
            ReplayError::Damaged(e) => {
                write!(f, "the replay is damaged or cut short ({e})")
            }
            ReplayError::Newer {
                format,
                game_version,
            } => write!(
                f,
                "the replay was recorded by Tutti {game_version} in replay format {format}; this \
                 Tutti ({}) reads format {FORMAT}: update Tutti to play it",
                env!("CARGO_PKG_VERSION")
            ),
            ReplayError::Scenario(e) => write!(f, "its scenario does not load:\n{e}"),
            ReplayError::Differs(lines) => {
                write!(f, "it does not verify:")?;
                for l in lines {
                    write!(f, "\n  - {l}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ReplayError {}

/// What a performance was, for [`Replay::record`].
#[derive(Debug, Clone)]
pub struct Recording<'a> {
    /// The scenario's file name (or path).
    pub scenario_name: &'a str,
    pub(crate) scenario_text: &'a str,
    /// The seed it was played with.
    pub seed: u64,
    /// Who sat where at the start.
    pub setup: ReplaySetup,
    /// The round of the workshop session (from 1), when it was one.
    pub round: Option<u32>,
    /// The group's agreement on stage, if any.
    pub agreement: Option<String>,
    /// Every change the simulation applied.
    pub inputs: &'a [SimInput],
    /// Where the performance stopped.
    pub until: Beat,
}

impl Replay {
    /// Keeps a performance of `scenario` that gave `events`.
    pub fn record(scenario: &Scenario, r: Recording, events: &[Event]) -> Replay {
        let mut replay = Replay {
            format: FORMAT,
            game_version: env!("CARGO_PKG_VERSION").to_owned(),
            scenario_name: r.scenario_name.to_owned(),
            scenario: r.scenario_text.to_owned(),
            seed: r.seed,
            setup: r.setup,
            round: r.round,
            agreement: r.agreement,
            inputs: r.inputs.to_vec(),
            until: r.until,
            seals: Seals {
                scenario: String::new(),
                setup: String::new(),
                inputs: String::new(),
                events: events_seal(events),
                cases: case_lines(scenario, events),
            },
        };
        replay.seals.scenario = replay.scenario_seal();
        replay.seals.setup = replay.setup_seal();
        replay.seals.inputs = replay.inputs_seal();
        replay
    }

    fn scenario_seal(&self) -> String {
        seal(self.scenario.as_bytes())
    }

    fn setup_seal(&self) -> String {
        let text = serde_json::to_string(&(self.seed, &self.setup)).unwrap_or_default();
        seal(text.as_bytes())
    }

    fn inputs_seal(&self) -> String {
        let text = serde_json::to_string(&(&self.inputs, self.until)).unwrap_or_default();
        seal(text.as_bytes())
    }

    /// The replay as RON text (a press to a line).
    pub fn to_text(&self) -> Result<String, ron::Error> {
        let config = ron::ser::PrettyConfig::default().depth_limit(3);
        ron::ser::to_string_pretty(self, config)
    }

    /// Writes the replay atomically.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let text = self.to_text().map_err(std::io::Error::other)?;
        crate::files::write_atomic(path, text.as_bytes())
    }

    /// Reads a replay: a foreign, damaged or newer file is a clear error, never a panic.
    pub fn load(path: &Path) -> Result<Replay, ReplayError> {
        use std::io::Read;
        let file = std::fs::File::open(path).map_err(|e| ReplayError::Unreadable(e.to_string()))?;
        let mut bytes = Vec::new();
        file.take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| ReplayError::Unreadable(e.to_string()))?;
        if bytes.len() as u64 > MAX_BYTES {
            return Err(ReplayError::Damaged("larger than any replay".to_owned()));
        }
        let text = String::from_utf8(bytes).map_err(|_| ReplayError::Foreign)?;
        Replay::parse(&text)
    }

    /// Reads a replay from its text.
    pub fn parse(text: &str) -> Result<Replay, ReplayError> {
        let opening = text.trim_start();
        if !opening.starts_with("Replay(") && !opening.starts_with("(") {
            return Err(ReplayError::Foreign);
        }
        let header: Header = ron::from_str(text).map_err(|e| damaged(&e))?;
        if header.format > FORMAT {
            return Err(ReplayError::Newer {
                format: header.format,
                game_version: header.game_version,
            });
        }
        ron::from_str(text).map_err(|e| damaged(&e))
    }

    /// The scenario, loaded from the replay's own text.
    pub fn load_scenario(&self) -> Result<Scenario, ReplayError> {
        load_str(&self.scenario_name, &self.scenario)
            .map_err(|e| ReplayError::Scenario(e.to_string()))
    }

    /// The practice bars, if only some were played, kept within the piece of `length` bars.
    pub fn practice(&self, length: u32) -> Option<BarRange> {
        let p = self.setup.practice?;
        let from = p.from_bar.clamp(1, length.max(1));
        Some(BarRange::new(
            from,
            p.until_bar.clamp(from, length.max(from)),
        ))
    }

    /// Plays the performance again from its inputs: the events it gives.
    pub fn simulate(&self, scenario: &Scenario) -> Vec<Event> {
        let mut sim = self.builder(scenario).build();
        let mut events = Vec::new();
        sim.replay(&self.inputs, self.until, &mut events);
        events
    }

    /// The simulation as the recorded performance began: seed, seats, difficulty, tempo, loop.
    pub fn builder<'a>(&self, scenario: &'a Scenario) -> SimBuilder<'a> {
        let mut builder = SimBuilder::new(scenario)
            .seed(self.seed)
            .window_scale(self.setup.window_scale)
            .tempo_scale(f64::from(self.setup.tempo_pct) / 100.0);
        for d in scenario.dept_ids() {
            let person = self
                .setup
                .seats
                .iter()
                .any(|s| s.who.is_person() && scenario.department(d).id == s.dept);
            if person {
                builder = builder.human(d);
            }
        }
        if let Some(range) = self.practice(scenario.length_bars) {
            builder = builder.bars(range);
        }
        builder
    }

    /// Re-simulates and checks every seal: `Ok` with the scenario and the debrief when all hold,
    /// else what differs (the scenario text, the setup, the inputs, or the outcome: which case).
    pub fn verify(&self) -> Result<(Scenario, Debrief), ReplayError> {
        let mut differs = Vec::new();
        if self.scenario_seal() != self.seals.scenario {
            differs.push("the scenario's text was changed after the recording".to_owned());
        }
        if self.setup_seal() != self.seals.setup {
            differs.push(
                "the setup (seed, seats, difficulty, tempo or practice loop) was changed after \
                 the recording"
                    .to_owned(),
            );
        }
        if self.inputs_seal() != self.seals.inputs {
            differs.push(
                "the presses or the facilitator's actions were changed after the recording"
                    .to_owned(),
            );
        }
        let scenario = match self.load_scenario() {
            Ok(s) => s,
            Err(e) if differs.is_empty() => return Err(e),
            Err(e) => {
                differs.push(e.to_string());
                return Err(ReplayError::Differs(differs));
            }
        };
        let events = self.simulate(&scenario);
        if events_seal(&events) != self.seals.events {
            differs.extend(self.outcome_differences(&scenario, &events));
        }
        if differs.is_empty() {
            let debrief = Debrief::from_events(&scenario, &events);
            Ok((scenario, debrief))
        } else {
            Err(ReplayError::Differs(differs))
        }
    }

    /// Seals the replay afresh with its scenario text as it is now and the events its inputs give
    /// under the rules as they are now (after an intended change to either).
    pub fn reseal(&mut self) -> Result<Vec<Event>, ReplayError> {
        let scenario = self.load_scenario()?;
        let events = self.simulate(&scenario);
        self.game_version = env!("CARGO_PKG_VERSION").to_owned();
        self.seals = Seals {
            scenario: self.scenario_seal(),
            setup: self.setup_seal(),
            inputs: self.inputs_seal(),
            events: events_seal(&events),
            cases: case_lines(&scenario, &events),
        };
        Ok(events)
    }

    /// How the re-simulated outcome differs from the recorded one, case by case.
    fn outcome_differences(&self, scenario: &Scenario, events: &[Event]) -> Vec<String> {
        let now = case_lines(scenario, events);
        let was = &self.seals.cases;
        let mut lines: Vec<String> = was
            .iter()
            .zip(&now)
            .filter(|(a, b)| a != b)
            .map(|(a, b)| format!("recorded: {a}\n    now:      {b}"))
            .collect();
        if was.len() != now.len() {
            lines.push(format!(
                "{} cases were recorded, {} now",
                was.len(),
                now.len()
            ));
        }
        let version = if self.game_version == env!("CARGO_PKG_VERSION") {
            String::new()
        } else {
            format!(
                " (recorded by Tutti {}, this is {})",
                self.game_version,
                env!("CARGO_PKG_VERSION")
            )
        };
        if lines.is_empty() {
            lines.push(format!(
                "the events differ although every case ends as recorded{version}"
            ));
        } else {
            lines.insert(0, format!("the performance turns out differently{version}"));
        }
        lines
    }
}

fn damaged(e: &ron::error::SpannedError) -> ReplayError {
    ReplayError::Damaged(format!(
        "line {}, column {}: {}",
        e.span.start.line, e.span.start.col, e.code
    ))
}

/// The seal of an event stream.
fn events_seal(events: &[Event]) -> String {
    let text = serde_json::to_string(events).unwrap_or_default();
    seal(text.as_bytes())
}

/// One line per event (its beat and what happened), to show where two performances part.
pub fn event_lines(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .map(|e| format!("beat {:.3}: {:?}", e.at.0, e.kind))
        .collect()
}

/// One line per case: its number, template, arrival bar and how it went.
fn case_lines(scenario: &Scenario, events: &[Event]) -> Vec<String> {
    let debrief = Debrief::from_events(scenario, events);
    super::rows::case_rows(scenario, &debrief)
        .iter()
        .map(|c| {
            let mut line = format!(
                "case {} `{}` (bar {}): {}, {}/{} notes played, {} dropped, {} rescued",
                c.id, c.case, c.arrival_bar, c.outcome, c.steps_played, c.steps, c.drops, c.rescues
            );
            if !c.answered_by.is_empty() {
                line.push_str(&format!(", answered by {}", c.answered_by));
            }
            if !c.missing_step.is_empty() {
                line.push_str(&format!(
                    ", \"{}\" lay at {}",
                    c.missing_step, c.fell_between
                ));
            }
            line
        })
        .collect()
}

/// Every replay (`*.replay`) in `dir`, the folders in it and theirs (sessions and their rounds),
/// newest first.
pub(crate) fn find_replays(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<(std::time::SystemTime, std::path::PathBuf)> = Vec::new();
    let mut look = |d: &Path| {
        if let Ok(entries) = std::fs::read_dir(d) {
            for e in entries.filter_map(Result::ok) {
                let p = e.path();
                if p.extension().is_some_and(|x| x == EXTENSION) {
                    let t = e.metadata().and_then(|m| m.modified());
                    found.push((t.unwrap_or(std::time::UNIX_EPOCH), p));
                }
            }
        }
    };
    look(dir);
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.filter_map(Result::ok) {
            if e.path().is_dir() {
                look(&e.path());
                if let Ok(inner) = std::fs::read_dir(e.path()) {
                    for f in inner.filter_map(Result::ok).filter(|f| f.path().is_dir()) {
                        look(&f.path());
                    }
                }
            }
        }
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    found.into_iter().map(|(_, p)| p).collect()
}
