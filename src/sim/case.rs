//! The state of one case on the score: its steps, which one holds the baton, and how it ended.

use crate::scenario::{DeptId, TemplateId};

use super::events::{CaseId, PlayKind};
use super::judge::Judgement;
use super::time::Beat;

/// Where one step stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StepStatus {
    /// Laid out on the score, waiting for the baton.
    Pending,
    /// Holds the baton: may be played in its window.
    Live,
    /// Played.
    Played {
        /// The department that played it.
        dept: DeptId,
        /// Own note, claim or rescue.
        kind: PlayKind,
        /// How well it was timed.
        judgement: Judgement,
        /// When it was played.
        at: Beat,
    },
    /// Dropped and lying loose in the gap; comes back each bar after `dropped_due`.
    Loose {
        /// When it was due when it dropped.
        dropped_due: Beat,
        /// How many times it has come back, from 0.
        appearance: u32,
    },
    /// Never picked up: the case is lost.
    Gone,
}

/// One step of a case.
#[derive(Debug, Clone, PartialEq)]
pub struct StepState {
    /// When it is due on the current layout.
    pub due: Beat,
    /// Where it stands: pending, live, played, loose or gone.
    pub status: StepStatus,
    /// Times this step was dropped (0 or 1).
    pub drops: u32,
}

/// How a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Outcome {
    /// Still on its way.
    Open,
    /// Its answer reached the customer.
    Completed,
    /// The customer gave up.
    Lost,
}

/// The last gap or loose note claimed in a case, still open to double work until its window
/// closes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Claim {
    pub step: usize,
    /// When the note was due.
    pub due: Beat,
    /// Who claimed it.
    pub by: DeptId,
    /// Who else played it too.
    pub also: Vec<DeptId>,
}

/// One customer request on its way through the orchestra.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseState {
    /// The case, by order of arrival.
    pub id: CaseId,
    /// Its template in the scenario's `cases`.
    pub template: TemplateId,
    /// When the customer arrived.
    pub arrival: Beat,
    /// Its steps, in order.
    pub steps: Vec<StepState>,
    /// The step holding the baton (or the last one, once resolved).
    pub current: usize,
    /// Open, completed or lost.
    pub outcome: Outcome,
    /// Bumped on every change of the current step, so that stale scheduled work is ignored.
    pub(crate) epoch: u32,
    /// The last gap or loose note claimed, still open to double work until its window closes.
    pub(crate) last_claim: Option<Claim>,
}

impl CaseState {
    /// A case whose steps are due at `dues` (see [`super::Sim`]'s layout).
    pub(crate) fn new(id: CaseId, template: TemplateId, arrival: Beat, dues: &[Beat]) -> CaseState {
        let steps = dues
            .iter()
            .map(|&due| StepState {
                due,
                status: StepStatus::Pending,
                drops: 0,
            })
            .collect();
        CaseState {
            id,
            template,
            arrival,
            steps,
            current: 0,
            outcome: Outcome::Open,
            epoch: 0,
            last_claim: None,
        }
    }

    /// Lays the steps from `from` on out again at `dues` (one for each).
    pub(crate) fn relay_from(&mut self, from: usize, dues: &[Beat]) {
        for (step, &due) in self.steps.iter_mut().skip(from).zip(dues) {
            step.due = due;
        }
    }

    /// The due beat of every step on the current layout.
    pub fn dues(&self) -> Vec<Beat> {
        self.steps.iter().map(|s| s.due).collect()
    }

    /// True when any step was dropped.
    pub(crate) fn had_drop(&self) -> bool {
        self.steps.iter().any(|s| s.drops > 0)
    }

    /// Still waiting for an answer.
    pub(crate) fn is_open(&self) -> bool {
        self.outcome == Outcome::Open
    }
}
