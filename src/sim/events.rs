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
    /// A live note fell to the floor unplayed.
    Discord,
    /// A customer gave up.
    Lost,
    /// An answer reached its customer (a reward).
    Reply,
    /// The answer came with no step dropped (a bonus on top of the reply).
    Harmony,
    /// A case waited past its patience for a bar.
    Waiting,
    /// A press played nothing.
    Stray,
    /// A note was played twice.
    DoubleWork,
}

/// One thing that happened, at a time on the song clock.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Event {
    /// When it happened, on the song clock.
    pub at: Beat,
    /// What happened.
    pub kind: EventKind,
}

/// The kinds of event. Each carries what a view needs to follow the score without reading the
/// simulation (see [`super::Score`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum EventKind {
    /// A bar begins (bars count from 1).
    BarStarted {
        /// The bar's number, from 1.
        bar: u32,
    },
    /// A customer arrives with a request made from case template `template`, its steps laid out
    /// on the score at `dues` (one per step); its first step is live from now.
    Arrived {
        /// The new case.
        case: CaseId,
        /// The case template it is made from.
        template: TemplateId,
        /// Each step's due beat, in step order.
        dues: Vec<Beat>,
    },
    /// A rescue lays the case's steps out again: `dues` are now the due beats of every step (the
    /// rescued one on the beat it was picked up for, those after it following on).
    Relaid {
        /// The rescued case.
        case: CaseId,
        /// Each step's new due beat, in step order.
        dues: Vec<Beat>,
    },
    /// A note of a case made from `template` was played by department `dept`.
    Played {
        /// The case the note belongs to.
        case: CaseId,
        /// The case's template.
        template: TemplateId,
        /// The step played, from 0.
        step: usize,
        /// The department that played it.
        dept: DeptId,
        /// Own note, claim or rescue.
        kind: PlayKind,
        /// How well it was timed.
        judgement: Judgement,
    },
    /// The baton passes from one step of a case to the next: that note is now live.
    Handoff {
        /// The case the baton moves in.
        case: CaseId,
        /// The step that passes the baton, from 0.
        from_step: usize,
        /// The step that now holds it.
        to_step: usize,
    },
    /// A second department played a note someone had already claimed.
    DoubleWork {
        /// The case the note belongs to.
        case: CaseId,
        /// The step played twice, from 0.
        step: usize,
        /// The department that played it second.
        dept: DeptId,
    },
    /// A press that matched no note.
    Stray {
        /// The department whose press matched nothing.
        dept: DeptId,
    },
    /// That stray came in the beat before a live note `dept` could play: too early, the note is
    /// missed (a [`EventKind::Dropped`] for it follows at once).
    TooEarly {
        /// The department that pressed too early.
        dept: DeptId,
        /// The case of the note it missed.
        case: CaseId,
        /// The missed step, from 0.
        step: usize,
    },
    /// A live note's window passed unplayed: discord; the note falls to the floor.
    Dropped {
        /// The case the note belongs to.
        case: CaseId,
        /// The dropped step, from 0.
        step: usize,
    },
    /// A loose note comes back in the gap, for the `appearance`-th time (from 1), due at `due`.
    LooseReturned {
        /// The case the loose note belongs to.
        case: CaseId,
        /// The loose step, from 0.
        step: usize,
        /// How many times it has come back, from 1.
        appearance: u32,
        /// When it is due this time.
        due: Beat,
    },
    /// The answer to a case made from `template` reached the customer; `harmony` when no step
    /// was dropped.
    Completed {
        /// The answered case.
        case: CaseId,
        /// The case's template.
        template: TemplateId,
        /// No step of it was dropped.
        harmony: bool,
    },
    /// The customer gave up: a loose note was never picked up.
    Lost {
        /// The case given up.
        case: CaseId,
        /// The loose step nobody picked up, from 0.
        step: usize,
        /// Every step but this last one was played.
        solved_but_unanswered: bool,
    },
    /// A case waited past its patience this bar.
    Waiting {
        /// The case that waited.
        case: CaseId,
    },
    /// The satisfaction meter moved to `value` (0–100) by `delta`.
    Audience {
        /// The meter after the change, 0–100.
        value: f64,
        /// The change, in points (negative: down).
        delta: f64,
        /// What moved it.
        cause: Cause,
    },
    /// Satisfaction reached 0: the audience walks out.
    WalkedOut,
    /// The performance is over.
    Ended {
        /// The audience walked out before the end.
        walked_out: bool,
    },
}
