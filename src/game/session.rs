//! The workshop session in the game: every performance that reaches the debrief is kept as a
//! replay in its own folder, and every whole piece (not a playback, not a practice loop) as a round
//! of the session, saved at once so that a crash or a restart resumes it. The group's agreement,
//! typed on the debrief, is in force for the rounds after it.

use std::path::{Path, PathBuf};

use bevy::prelude::*;

use crate::rounds::session::clean_agreement;
use crate::rounds::{AudienceCurve, RoundRecord, RunSummary, Session};
use crate::sim::Debrief;
use crate::states::Screen;

use super::catalog::Catalog;
use super::performance::Performance;

/// The file name of a round's replay inside its folder.
pub const REPLAY_FILE: &str = "round.replay";

/// Where results go: the per-user results folder (see [`crate::export::results_root`]); `None`:
/// nothing is kept on disk (headless tests).
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct ResultsRoot(pub Option<PathBuf>);

/// The session, the agreement in force, and the round just played.
#[derive(Resource, Debug, Clone, Default)]
pub struct Workshop {
    pub session: Session,
    /// The group's agreement, shown on the briefing and on stage from the next round on.
    pub agreement: Option<String>,
    /// The performance just played: its folder and its round, if it was one.
    pub last: Option<LastRound>,
    /// Why the last save failed, if it did (the session stays in memory).
    pub warning: Option<String>,
}

/// The performance the debrief shows, as kept.
#[derive(Debug, Clone, PartialEq)]
pub struct LastRound {
    /// Its folder inside the session's folder (its replay, and the export of its debrief).
    pub folder: String,
    /// Its index in the session's rounds, when it counts as a round.
    pub round: Option<usize>,
    /// Its replay.
    pub replay: crate::rounds::Replay,
    /// The performance's serial number (see [`Performance::serial`]).
    pub serial: u64,
}

impl Workshop {
    /// Begins a new session now: no rounds, no agreement.
    pub fn start_new(&mut self) {
        *self = Workshop {
            session: Session::new(&crate::export::utc_stamp(std::time::SystemTime::now())),
            ..Workshop::default()
        };
    }

    /// Sets the agreement (cleaned: one line, at most the length limit; empty removes it).
    pub fn set_agreement(&mut self, text: &str) {
        self.agreement = clean_agreement(text);
    }

    /// The folder of the performance just played, inside `results`.
    pub fn last_folder(&self, results: &Path) -> Option<PathBuf> {
        let last = self.last.as_ref()?;
        Some(self.session.folder(results).join(&last.folder))
    }

    /// Writes the performance just played (its replay) and the session (`session.ron`,
    /// `session.csv`) into `results`, atomically; returns the performance's folder.
    pub fn write_last(&self, results: &Path) -> std::io::Result<PathBuf> {
        let Some(last) = &self.last else {
            return Err(std::io::Error::other("no performance to keep"));
        };
        let dir = self.session.folder(results).join(&last.folder);
        last.replay.save(&dir.join(REPLAY_FILE))?;
        if !self.session.rounds.is_empty() {
            self.session.save(results)?;
        }
        Ok(dir)
    }

    /// The rounds of `level` played in this session.
    pub fn rounds_of<'a>(&'a self, level: &'a str) -> impl Iterator<Item = &'a RoundRecord> + 'a {
        self.session.rounds_of(level)
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ResultsRoot>();
    // A session from the very first frame; the one on disk, if any, takes over at start-up.
    let mut fresh = Workshop::default();
    fresh.start_new();
    app.insert_resource(fresh);
    app.add_systems(Startup, resume_session);
    app.add_systems(OnEnter(Screen::Debrief), keep_round);
}

/// At start: the newest session in the results folder goes on, if there is one.
fn resume_session(root: Res<ResultsRoot>, mut workshop: ResMut<Workshop>) {
    let Some(session) = root.0.as_deref().and_then(Session::resume) else {
        return;
    };
    info!(
        "workshop session {} goes on ({} rounds)",
        session.started,
        session.rounds.len()
    );
    workshop.agreement = session.rounds.last().and_then(|r| r.agreement.clone());
    workshop.session = session;
}

/// Entering the debrief: keeps the performance as a replay in its own folder and, when it was a
/// whole piece and not a playback, as a round of the session; saves both.
pub fn keep_round(
    perf: Option<Res<Performance>>,
    mut workshop: ResMut<Workshop>,
    root: Res<ResultsRoot>,
    catalog: Res<Catalog>,
) {
    let Some(perf) = perf else {
        workshop.last = None;
        return;
    };
    if workshop
        .last
        .as_ref()
        .is_some_and(|l| l.serial == perf.serial())
    {
        return; // Back on its debrief (from the comparison): kept already.
    }
    workshop.last = None;
    if perf.is_playback() {
        return;
    }
    let whole = perf.practice_bars().is_none();
    let debrief = Debrief::from_events(perf.scenario(), perf.events());
    let number = whole.then(|| workshop.session.next_round(perf.level()));
    let folder = round_folder(&workshop.session, perf.level(), number);
    let replay = perf.to_replay(number, workshop.agreement.clone());
    let mut round = None;
    if let Some(n) = number {
        let kept = Kept {
            round: n,
            agreement: workshop.agreement.clone(),
            folder: folder.clone(),
        };
        let record = round_record(&perf, &catalog, &debrief, kept);
        workshop.session.rounds.push(record);
        round = Some(workshop.session.rounds.len() - 1);
    }
    workshop.last = Some(LastRound {
        folder,
        round,
        replay,
        serial: perf.serial(),
    });
    if let Some(results) = root.0.as_deref() {
        workshop.warning = match workshop.write_last(results) {
            Ok(dir) => {
                info!("kept the performance in {}", dir.display());
                None
            }
            Err(e) => {
                warn!(
                    "could not keep the performance in {}: {e}",
                    results.display()
                );
                Some(format!("{}: {e}", results.display()))
            }
        };
    }
}

/// What a round is kept as beside the performance's own figures.
struct Kept {
    round: u32,
    agreement: Option<String>,
    folder: String,
}

/// The session's record of a round just played.
fn round_record(
    perf: &Performance,
    catalog: &Catalog,
    debrief: &Debrief,
    kept: Kept,
) -> RoundRecord {
    let title = catalog
        .levels
        .iter()
        .find(|l| l.name == perf.level())
        .map_or_else(|| perf.scenario().title.clone(), |l| l.title());
    let setup = perf.replay_setup();
    RoundRecord {
        level: perf.level().to_owned(),
        title,
        round: kept.round,
        seed: perf.seed(),
        seats: setup.seats.clone(),
        tempo_pct: setup.tempo_pct,
        difficulty: setup.difficulty.clone(),
        agreement: kept.agreement,
        summary: RunSummary::from(debrief),
        curve: AudienceCurve::of(perf.scenario(), debrief),
        folder: kept.folder,
        stopped_early: !perf.is_ended(),
    }
}

/// `NN-<level>-round-R` (or `-practice`): sorts in the order played.
fn round_folder(session: &Session, level: &str, round: Option<u32>) -> String {
    let stem = crate::export::safe_name(&crate::export::scenario_stem(level));
    let order = session.rounds.len() + 1;
    match round {
        Some(r) => format!("{order:02}-{stem}-round-{r}"),
        None => format!(
            "{order:02}-{stem}-practice-{}",
            crate::export::utc_stamp(std::time::SystemTime::now())
        ),
    }
}
