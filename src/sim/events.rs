//! What the simulation reports: one typed event stream that drives the view, the sound, the
//! debrief and the tests.

use crate::scenario::{DeptId, TemplateId};

use super::judge::Judgement;
use super::time::Beat;

/// A case (one customer's request) by its order of arrival, from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct CaseId(pub u32);

/// How a note came to be played.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum PlayKind {
    /// A department played its own note.
    Own,
    /// A department claimed a gap note.
    Claim,
    /// A department picked up a loose (dropped) note.
    Rescue,
}

/// Why the audience's satisfaction moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Cause {
    Discord,
    Lost,
    Reply,
    Harmony,
    Waiting,
    Stray,
    DoubleWork,
}

/// One thing that happened, at a time on the song clock.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Event {
    pub at: Beat,
    pub kind: EventKind,
}

/// The kinds of event. Each carries what a view needs to follow the score without reading the
/// simulation (see [`super::Score`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum EventKind {
    /// A bar begins (bars count from 1).
    BarStarted { bar: u32 },
    /// A customer arrives with a request made from case template `template`, its steps laid out
    /// on the score at `dues` (one per step); its first step is live from now.
    Arrived {
        case: CaseId,
        template: TemplateId,
        dues: Vec<Beat>,
    },
    /// A rescue lays the case's steps out again: `dues` are now the due beats of every step (the
    /// rescued one on the beat it was picked up for, those after it following on).
    Relaid { case: CaseId, dues: Vec<Beat> },
    /// A note of a case made from `template` was played by department `dept`.
    Played {
        case: CaseId,
        template: TemplateId,
        step: usize,
        dept: DeptId,
        kind: PlayKind,
        judgement: Judgement,
    },
    /// The baton passes from one step of a case to the next: that note is now live.
    Handoff {
        case: CaseId,
        from_step: usize,
        to_step: usize,
    },
    /// A second department played a note someone had already claimed.
    DoubleWork {
        case: CaseId,
        step: usize,
        dept: DeptId,
    },
    /// A press that matched no note.
    Stray { dept: DeptId },
    /// That stray came in the beat before a live note `dept` could play: too early, the note is
    /// missed (a [`EventKind::Dropped`] for it follows at once).
    TooEarly {
        dept: DeptId,
        case: CaseId,
        step: usize,
    },
    /// A live note's window passed unplayed: discord; the note falls to the floor.
    Dropped { case: CaseId, step: usize },
    /// A loose note comes back in the gap, for the `appearance`-th time (from 1), due at `due`.
    LooseReturned {
        case: CaseId,
        step: usize,
        appearance: u32,
        due: Beat,
    },
    /// The answer to a case made from `template` reached the customer; `harmony` when no step
    /// was dropped.
    Completed {
        case: CaseId,
        template: TemplateId,
        harmony: bool,
    },
    /// The customer gave up: a loose note was never picked up.
    Lost {
        case: CaseId,
        step: usize,
        solved_but_unanswered: bool,
    },
    /// A case waited past its patience this bar.
    Waiting { case: CaseId },
    /// The satisfaction meter moved to `value` (0–100) by `delta`.
    Audience {
        value: f64,
        delta: f64,
        cause: Cause,
    },
    /// Satisfaction reached 0: the audience walks out.
    WalkedOut,
    /// The performance is over.
    Ended { walked_out: bool },
}
