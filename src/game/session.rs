//! The workshop session in the game: every performance that reaches the debrief is kept as a
//! replay in its own folder, and every whole piece (not a playback, not a practice loop) as a round
//! of the session, saved at once so that a crash or a restart resumes it. The group's agreement,
//! typed on the debrief, is in force for the rounds after it.

use std::path::{Path, PathBuf};

use bevy::prelude::*;

use crate::rounds::session::clean_agreement;
use crate::rounds::{AudienceCurve, RoundRecord, RunSummary, Session};
use crate::sim::Debrief;
use crate::states::{AppSet, Screen};

use super::catalog::Catalog;
use super::performance::Performance;

/// The file name of a round's replay inside its folder.
const REPLAY_FILE: &str = "round.replay";

/// Where results go: the per-user results folder (see `crate::export::results_root`); `None`:
/// nothing is kept on disk (headless tests).
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct ResultsRoot(pub Option<PathBuf>);

/// The session (its rounds and the agreement in force) and the performance just played. Changed
/// only here, by `SessionInput` messages and when a performance ends.
#[derive(Resource, Debug, Clone, Default)]
pub struct Workshop {
    session: Session,
    /// The performance just played: its folder and its round, if it was one.
    last: Option<LastRound>,
    /// Why the last save failed, or why the session on disk could not be resumed, if so (the
    /// session stays in memory).
    warning: Option<String>,
}

/// A change asked of the workshop session, from the title screen or the debrief.
#[derive(Message, Debug, Clone, PartialEq)]
pub(crate) enum SessionInput {
    /// Begin a new session (the old one stays on disk).
    NewSession,
    /// The group's agreement for the next rounds (cleaned; empty removes it).
    Agreement(String),
    /// The performance just played was written again (E on the debrief): the warning goes.
    KeptAgain,
}

/// The performance the debrief shows, as kept.
#[derive(Debug, Clone, PartialEq)]
pub struct LastRound {
    /// Its folder inside the session's folder (its replay, and the export of its debrief).
    pub folder: String,
    /// Its replay.
    pub replay: crate::rounds::Replay,
    /// The performance's serial number (see [`Performance::serial`]).
    pub serial: u64,
}

impl Workshop {
    /// A new session begun now: no rounds, no agreement.
    fn fresh() -> Workshop {
        Workshop {
            session: Session::new(&crate::export::utc_stamp(std::time::SystemTime::now())),
            ..Workshop::default()
        }
    }

    /// The session.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The group's agreement in force, shown on the briefing and on stage.
    pub fn agreement(&self) -> Option<&str> {
        self.session.agreement.as_deref()
    }

    /// The performance just played, as kept.
    pub fn last(&self) -> Option<&LastRound> {
        self.last.as_ref()
    }

    /// Why something could not be saved or resumed, if so.
    pub fn warning(&self) -> Option<&str> {
        self.warning.as_deref()
    }

    /// The folder of the performance just played, inside `results`.
    pub fn last_folder(&self, results: &Path) -> Option<PathBuf> {
        let last = self.last.as_ref()?;
        Some(self.session.folder(results).join(&last.folder))
    }

    /// Writes the performance just played (its replay) and the session (`session.ron`,
    /// `session.csv`) into `results`, atomically; returns the performance's folder.
    pub(crate) fn write_last(&self, results: &Path) -> std::io::Result<PathBuf> {
        let Some(last) = &self.last else {
            return Err(std::io::Error::other("no performance to keep"));
        };
        let dir = self.session.folder(results).join(&last.folder);
        last.replay.save(&dir.join(REPLAY_FILE))?;
        self.session.save(results)?;
        Ok(dir)
    }

    /// The rounds of `level` played in this session.
    pub fn rounds_of<'a>(&'a self, level: &'a str) -> impl Iterator<Item = &'a RoundRecord> + 'a {
        self.session.rounds_of(level)
    }

    /// Saves the session as it is, keeping any failure as the warning.
    fn save(&mut self, results: Option<&Path>) {
        if let Some(results) = results {
            self.warning = self.session.save(results).err().map(|e| {
                warn!("could not save the workshop session: {e}");
                format!("{}: {e}", self.session.folder(results).display())
            });
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ResultsRoot>();
    app.add_message::<SessionInput>();
    // A session from the very first frame; the one on disk, if any, takes over at start-up.
    app.insert_resource(Workshop::fresh());
    app.add_systems(Startup, resume_session);
    app.add_systems(Update, apply_session_inputs.in_set(AppSet::Simulate));
    app.add_systems(
        OnEnter(Screen::Debrief),
        keep_round.after(super::finished::RecordPiece),
    );
    // A performance left unfinished (restarted, left, or the window closed) is kept too.
    app.add_systems(
        OnEnter(Screen::CountIn),
        keep_unfinished.before(super::performance::StartPerformance),
    );
    app.add_systems(OnEnter(Screen::LevelSelect), keep_unfinished);
    app.add_systems(Last, keep_unfinished.run_if(on_message::<AppExit>));
}

/// At start: the newest session in the results folder goes on, if there is one that reads.
fn resume_session(root: Res<ResultsRoot>, mut workshop: ResMut<Workshop>) {
    let Some(results) = root.0.as_deref() else {
        return;
    };
    let resumed = Session::resume(results);
    workshop.warning = resumed.problem;
    if let Some(session) = resumed.session {
        info!(
            "workshop session {} goes on ({} rounds)",
            session.started,
            session.rounds.len()
        );
        workshop.session = session;
    }
}

/// Applies the title's and the debrief's changes to the session, and saves it.
fn apply_session_inputs(
    mut inputs: MessageReader<SessionInput>,
    mut workshop: ResMut<Workshop>,
    root: Res<ResultsRoot>,
) {
    for input in inputs.read() {
        match input {
            SessionInput::NewSession => {
                let started = unused_stamp(root.0.as_deref(), &workshop.session.started);
                *workshop = Workshop {
                    session: Session::new(&started),
                    ..Workshop::default()
                };
                info!("a new workshop session: {started}");
            }
            SessionInput::Agreement(text) => {
                workshop.session.agreement = clean_agreement(text);
                info!("the group's agreement: {:?}", workshop.session.agreement);
            }
            SessionInput::KeptAgain => {
                workshop.warning = None;
                continue;
            }
        }
        workshop.save(root.0.as_deref());
    }
}

/// Now as a session's name, made distinct from `old` and from every session folder in `results`
/// (two sessions begun in the same second get `-2`, `-3`, …).
fn unused_stamp(results: Option<&Path>, old: &str) -> String {
    let now = crate::export::utc_stamp(std::time::SystemTime::now());
    let taken = |s: &str| s == old || results.is_some_and(|r| Session::new(s).folder(r).exists());
    (1..)
        .map(|n| {
            if n == 1 {
                now.clone()
            } else {
                format!("{now}-{n}")
            }
        })
        .find(|s| !taken(s))
        .unwrap_or(now)
}

/// Entering the debrief: keeps the performance as a replay in its own folder and, when it was a
/// whole piece and not a playback, as a round of the session; saves both.
pub(crate) fn keep_round(
    perf: Option<Res<Performance>>,
    finished: Res<super::finished::FinishedPiece>,
    mut workshop: ResMut<Workshop>,
    root: Res<ResultsRoot>,
    catalog: Res<Catalog>,
) {
    let (Some(perf), Some(record)) = (perf, finished.0.as_ref()) else {
        workshop.last = None;
        return;
    };
    if workshop.is_kept(&perf) {
        return; // Back on its debrief (from the comparison): kept already.
    }
    workshop.last = None;
    if perf.is_playback() {
        return;
    }
    let kind = if perf.practice_bars().is_some() {
        Kind::Practice
    } else {
        Kind::Round
    };
    let kept = Keeping {
        kind,
        debrief: Some(&record.debrief),
    };
    workshop.keep(&perf, kept, &catalog, root.0.as_deref());
}

/// A performance that started but reached no debrief (restarted, left, or the window closed):
/// kept as a replay, not a round. Practice loops starting over and replays are not kept.
fn keep_unfinished(
    perf: Option<Res<Performance>>,
    mut workshop: ResMut<Workshop>,
    root: Res<ResultsRoot>,
    catalog: Res<Catalog>,
) {
    let Some(perf) = perf else { return };
    let started = perf
        .events()
        .iter()
        .any(|e| !matches!(e.kind, crate::sim::EventKind::BarStarted { .. }));
    if workshop.is_kept(&perf) || perf.is_playback() || perf.practice_bars().is_some() || !started {
        return;
    }
    let kept = Keeping {
        kind: Kind::Unfinished,
        debrief: None,
    };
    workshop.keep(&perf, kept, &catalog, root.0.as_deref());
}

/// A performance to keep: what it was, and the figures of its record when it finished.
struct Keeping<'a> {
    kind: Kind,
    debrief: Option<&'a Debrief>,
}

/// What a kept performance was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A whole piece (played to its end or skipped to its debrief): a round of the session.
    Round,
    /// A practice loop skipped to its debrief.
    Practice,
    /// Restarted, left or closed before its debrief.
    Unfinished,
}

impl Workshop {
    /// Whether this performance has been kept already.
    fn is_kept(&self, perf: &Performance) -> bool {
        self.last
            .as_ref()
            .is_some_and(|l| l.serial == perf.serial())
    }

    /// Keeps a performance: its replay in a folder of its own, a round when it is one; saves.
    fn keep(
        &mut self,
        perf: &Performance,
        kept: Keeping,
        catalog: &Catalog,
        results: Option<&Path>,
    ) {
        let kind = kept.kind;
        let number = (kind == Kind::Round).then(|| self.session.next_round(perf.level()));
        self.session.kept = self.session.kept.saturating_add(1);
        let folder = performance_folder(self.session.kept, perf.level(), kind, number);
        let agreement = self.session.agreement.clone();
        let replay = perf.to_replay(number, agreement.clone());
        if let (Some(n), Some(debrief)) = (number, kept.debrief) {
            let kept = Kept {
                round: n,
                agreement,
                folder: folder.clone(),
            };
            let record = round_record(perf, catalog, debrief, kept);
            self.session.rounds.push(record);
        }
        self.last = Some(LastRound {
            folder,
            replay,
            serial: perf.serial(),
        });
        let Some(results) = results else { return };
        self.warning = match self.write_last(results) {
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
        summary: RunSummary::of(perf.scenario(), perf.seed(), debrief),
        curve: AudienceCurve::of(perf.scenario(), debrief),
        folder: kept.folder,
        stopped_early: !perf.is_ended(),
        walked_out_why: debrief.walk_out.as_ref().map_or_else(String::new, |w| {
            let lang = crate::settings::Lang::of_code(&perf.scenario().language);
            crate::texts::walk_out::walk_out_sentence_in(lang, w)
        }),
    }
}

/// `NN-<level>-round-R` (or `-practice`, `-unfinished`), NN counting every performance kept in
/// the session: sorts in the order played, and never two alike.
fn performance_folder(order: u32, level: &str, kind: Kind, round: Option<u32>) -> String {
    let stem = crate::export::safe_name(&crate::export::scenario_stem(level));
    match (kind, round) {
        (Kind::Round, Some(r)) => format!("{order:02}-{stem}-round-{r}"),
        (Kind::Practice, _) => format!("{order:02}-{stem}-practice"),
        _ => format!("{order:02}-{stem}-unfinished"),
    }
}
