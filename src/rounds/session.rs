//! A workshop session: the rounds played since the game started (or since "New session"), per
//! level, kept on disk in the session's own folder so that a crash or a restart resumes it, and
//! exported as `session.csv` beside the rounds' own folders.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::replay::SeatRecord;
use super::summary::{AudienceCurve, RunSummary};

/// The file a session is kept in, inside its folder.
const SESSION_FILE: &str = "session.ron";

/// The session's export, inside its folder.
const SESSION_CSV: &str = "session.csv";

/// The longest agreement kept, in characters.
pub(crate) const AGREEMENT_MAX_CHARS: usize = 120;

/// One round played.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundRecord {
    /// The level's name (its file name, or path for files on disk).
    pub level: String,
    /// The scenario's title.
    pub title: String,
    /// The round of this level in the session, from 1.
    pub round: u32,
    /// The seed it was played with.
    pub seed: u64,
    /// Who sat at each department at the start.
    pub seats: Vec<SeatRecord>,
    /// The tempo at the start, in per cent of the scenario's.
    pub tempo_pct: u32,
    /// `relaxed`, `normal` or `strict`.
    pub difficulty: String,
    /// The group's agreement on stage during the round.
    pub agreement: Option<String>,
    /// Its figures.
    pub summary: RunSummary,
    pub(crate) curve: AudienceCurve,
    /// The round's folder, relative to the session's folder (its replay and exports).
    pub folder: String,
    /// The piece was stopped before its end (skipped to the debrief).
    pub stopped_early: bool,
    /// Why the audience walked out, in the scenario's language ("The audience walked out in bar
    /// 9: …"); empty when it stayed (and in sessions kept before the sentence existed).
    #[serde(default)]
    pub walked_out_why: String,
}

/// The rounds of one workshop.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// When it began, `YYYY-MM-DD_HH-MM-SS` (UTC): also its folder's name after `session-`.
    pub started: String,
    /// The rounds played so far, in order.
    pub rounds: Vec<RoundRecord>,
    /// The group's agreement in force for the next round.
    #[serde(default)]
    pub agreement: Option<String>,
    /// Performances kept so far (rounds, practice loops, unfinished ones): numbers their folders
    /// in the order played.
    #[serde(default)]
    pub kept: u32,
}

/// What [`Session::resume`] found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resumed {
    /// The newest session, when it reads.
    pub session: Option<Session>,
    /// Why the newest session could not be read (it is set aside), if so.
    pub problem: Option<String>,
}

impl Session {
    /// A new session begun at `started`.
    pub fn new(started: &str) -> Session {
        Session {
            started: started.to_owned(),
            ..Session::default()
        }
    }

    /// The session's folder inside `results`.
    pub fn folder(&self, results: &Path) -> PathBuf {
        results.join(format!("session-{}", self.started))
    }

    /// The rounds of `level`, in the order played.
    pub fn rounds_of<'a>(&'a self, level: &'a str) -> impl Iterator<Item = &'a RoundRecord> + 'a {
        self.rounds.iter().filter(move |r| r.level == level)
    }

    /// The number the next round of `level` gets.
    pub fn next_round(&self, level: &str) -> u32 {
        self.rounds_of(level)
            .map(|r| r.round)
            .max()
            .unwrap_or(0)
            .saturating_add(1)
    }

    /// The newest session in `results` (by its folder's name), if there is one that reads; a
    /// damaged one is set aside (see `crate::files::load_or_set_aside`), not resumed, and said.
    /// Agreements read back are cleaned as typed ones are.
    pub fn resume(results: &Path) -> Resumed {
        let Some(file) = newest_session_file(results) else {
            return Resumed::default();
        };
        let loaded: crate::files::Loaded<Session> = crate::files::load_or_set_aside(&file);
        if let Some(problem) = loaded.problem {
            let message = problem.message("The workshop session", "a new session begins");
            return Resumed {
                session: None,
                problem: Some(message),
            };
        }
        let mut session = loaded.value;
        if session.started.is_empty() {
            return Resumed::default();
        }
        session.agreement = session.agreement.as_deref().and_then(clean_agreement);
        for r in &mut session.rounds {
            r.agreement = r.agreement.as_deref().and_then(clean_agreement);
        }
        Resumed {
            session: Some(session),
            problem: None,
        }
    }

    /// Writes `session.ron` and `session.csv` into the session's folder, atomically.
    pub fn save(&self, results: &Path) -> std::io::Result<()> {
        let dir = self.folder(results);
        crate::files::write_ron_atomic(&dir.join(SESSION_FILE), self)?;
        crate::files::write_atomic(&dir.join(SESSION_CSV), &self.csv()?)
    }

    /// `session.csv`: one row per round.
    pub fn csv(&self) -> std::io::Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        for r in &self.rounds {
            w.serialize(SessionRow::of(r))
                .map_err(std::io::Error::other)?;
        }
        w.into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))
    }
}

/// The `session.ron` of the newest session folder in `results`, if there is one.
fn newest_session_file(results: &Path) -> Option<PathBuf> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(results)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_dir()
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("session-"))
        })
        .collect();
    folders.sort();
    let file = folders.pop()?.join(SESSION_FILE);
    file.exists().then_some(file)
}

/// One row of `session.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRow {
    /// The level's name (its file name, or path for files on disk).
    pub level: String,
    /// The round of this level in the session, from 1.
    pub round: u32,
    /// The seed it was played with.
    pub seed: u64,
    /// `dept=who` for every department, `;`-separated (`who`: colleague, key K, gamepad N, …).
    pub seats: String,
    /// The tempo at the start, in per cent of the scenario's.
    pub tempo_pct: u32,
    /// `relaxed`, `normal` or `strict`.
    pub difficulty: String,
    /// Cases lost with every step but the last played.
    pub solved_but_unanswered: u32,
    /// Customers who gave up.
    pub lost: u32,
    /// Cases answered.
    pub answered: u32,
    /// Customers who arrived.
    pub total: u32,
    /// Notes played twice.
    pub double_work: u32,
    /// Presses that played nothing.
    pub strays: u32,
    /// Loose notes picked up.
    pub rescues: u32,
    /// Appearances of gap or loose notes a department could have taken, summed over departments.
    pub chances: u32,
    /// Those taken (claimed or rescued).
    pub chances_taken: u32,
    /// The satisfaction meter at the end, 0–100.
    pub audience_final: f64,
    /// The lowest the meter went, 0–100.
    pub audience_min: f64,
    /// The audience walked out before the end.
    pub walked_out: bool,
    /// Why the audience walked out, as the debrief says it; empty when it stayed.
    pub walked_out_why: String,
    /// The piece was stopped before its end (skipped to the debrief).
    pub stopped_early: bool,
    /// The group's agreement on stage during the round; empty if none.
    pub agreement: String,
    /// The round's folder, relative to the session's folder.
    pub folder: String,
}

impl SessionRow {
    /// The row of round `r`.
    pub fn of(r: &RoundRecord) -> SessionRow {
        let s = &r.summary;
        let chances = s.chances();
        SessionRow {
            level: r.level.clone(),
            round: r.round,
            seed: r.seed,
            seats: super::rows::seats_text(&r.seats),
            tempo_pct: r.tempo_pct,
            difficulty: r.difficulty.clone(),
            solved_but_unanswered: s.solved_but_unanswered,
            lost: s.lost,
            answered: s.completed,
            total: s.total,
            double_work: s.double_work,
            strays: s.strays,
            rescues: s.rescues,
            chances: chances.all,
            chances_taken: chances.taken,
            audience_final: s.audience_final,
            audience_min: s.audience_min,
            walked_out: s.walked_out,
            walked_out_why: r.walked_out_why.clone(),
            stopped_early: r.stopped_early,
            agreement: r.agreement.clone().unwrap_or_default(),
            folder: r.folder.clone(),
        }
    }
}

/// An agreement as kept: trimmed, one line, at most [`AGREEMENT_MAX_CHARS`] characters; `None`
/// when nothing is left.
pub(crate) fn clean_agreement(text: &str) -> Option<String> {
    let one_line: String = one_line(text).collect();
    let kept: String = one_line.trim().chars().take(AGREEMENT_MAX_CHARS).collect();
    let kept = kept.trim_end().to_owned();
    (!kept.is_empty()).then_some(kept)
}

/// `text` on one line: line breaks and other control characters become spaces.
pub(crate) fn one_line(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().map(|c| if c.is_control() { ' ' } else { c })
}
