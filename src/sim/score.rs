//! The score as a view sees it: a fold of the event stream into "what is on the score now", so
//! that views need not read the simulation's internals. It agrees with [`super::Sim::open_cases`]
//! after every [`super::Sim::advance`] (tests/headless/score.rs checks this over random play).

use crate::scenario::{CaseTemplate, Owner, Scenario, TemplateId};

use super::case::StepStatus;
use super::events::{CaseId, Event, EventKind};
use super::time::{Beat, Metre};

/// One step of an open case on the score.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreStep {
    /// Who may play it.
    pub owner: Owner,
    /// The text shown with the note.
    pub label: Option<String>,
    /// When it is due on the current layout (a dropped note keeps the beat it was dropped on).
    pub due: Beat,
    /// Pending, live, played, loose (with its appearance) or gone: as the simulation has it.
    pub status: StepStatus,
    /// Where a loose note that has come back is due now; `None` unless it is loose and back.
    pub loose_due: Option<Beat>,
}

/// An open case on the score.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreCase {
    /// The case, by order of arrival.
    pub id: CaseId,
    /// The case template it is made from.
    pub template: TemplateId,
    /// When the customer arrived.
    pub arrival: Beat,
    /// The step holding the baton.
    pub current: usize,
    /// Its steps, in order.
    pub steps: Vec<ScoreStep>,
}

/// What is on the score now, folded from the events: every open case with its steps, and the
/// audience's satisfaction. Feed it every event of a performance, in order, with [`Score::apply`].
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    templates: Vec<CaseTemplate>,
    /// Beats in a bar.
    metre: Metre,
    cases: Vec<ScoreCase>,
    audience: f64,
    ended: bool,
}

impl Score {
    /// The empty score of a performance of `scenario`, before its first event.
    pub fn new(scenario: &Scenario) -> Score {
        Score {
            templates: scenario.cases.clone(),
            metre: Metre {
                beats_per_bar: scenario.beats_per_bar.max(1),
            },
            cases: Vec::new(),
            audience: scenario.audience.start.clamp(0.0, 100.0),
            ended: false,
        }
    }

    /// The score after `events`.
    pub fn from_events(scenario: &Scenario, events: &[Event]) -> Score {
        let mut score = Score::new(scenario);
        for e in events {
            score.apply(e);
        }
        score
    }

    /// The open cases, in order of arrival.
    pub fn cases(&self) -> &[ScoreCase] {
        &self.cases
    }

    /// An open case.
    pub fn case(&self, id: CaseId) -> Option<&ScoreCase> {
        self.index(id).map(|i| &self.cases[i])
    }

    /// Where a step is drawn on the score: its due beat, or for a loose note where it comes back
    /// (its next appearance, one bar after the drop until it has come back once).
    pub(crate) fn shown_due(&self, step: &ScoreStep) -> Beat {
        match (step.status, step.loose_due) {
            (_, Some(due)) => due,
            (StepStatus::Loose { dropped_due, .. }, None) => self.metre.loose_due(dropped_due, 1),
            _ => step.due,
        }
    }

    /// Whether `case` has waited longer than its patience at `at` (its customer is impatient).
    pub(crate) fn is_impatient(&self, case: &ScoreCase, at: Beat) -> bool {
        self.templates
            .get(case.template.0)
            .is_some_and(|t| self.metre.past_patience(case.arrival, at, t.patience_bars))
    }

    /// The audience's satisfaction, 0–100.
    pub fn audience(&self) -> f64 {
        self.audience
    }

    /// Whether the performance is over.
    pub fn is_ended(&self) -> bool {
        self.ended
    }

    /// Follows one event.
    pub fn apply(&mut self, e: &Event) {
        match &e.kind {
            EventKind::Arrived {
                case,
                template,
                dues,
            } => self.arrive(e.at, *case, *template, dues),
            EventKind::Relaid { case, dues } => {
                if let Some(c) = self.case_mut(*case) {
                    for (step, due) in c.steps.iter_mut().zip(dues) {
                        step.due = *due;
                    }
                }
            }
            EventKind::Played {
                case,
                step,
                dept,
                kind,
                judgement,
                ..
            } => {
                let status = StepStatus::Played {
                    dept: *dept,
                    kind: *kind,
                    judgement: *judgement,
                    at: e.at,
                };
                self.set(*case, *step, status, None);
            }
            EventKind::Handoff { case, to_step, .. } => {
                self.set(*case, *to_step, StepStatus::Live, None);
                if let Some(c) = self.case_mut(*case) {
                    c.current = *to_step;
                }
            }
            EventKind::Dropped { case, step } => self.drop_note(*case, *step),
            EventKind::LooseReturned {
                case,
                step,
                appearance,
                due,
            } => self.loose_return(*case, *step, *appearance, *due),
            EventKind::Completed { case, .. } | EventKind::Lost { case, .. } => {
                if let Some(i) = self.index(*case) {
                    self.cases.remove(i);
                }
            }
            EventKind::Audience { value, .. } => self.audience = *value,
            EventKind::Ended { .. } => self.ended = true,
            EventKind::BarStarted { .. }
            | EventKind::DoubleWork { .. }
            | EventKind::Stray { .. }
            | EventKind::TooEarly { .. }
            | EventKind::Waiting { .. }
            | EventKind::WalkedOut => {}
        }
    }

    fn arrive(&mut self, at: Beat, id: CaseId, template: TemplateId, dues: &[Beat]) {
        let Some(t) = self.templates.get(template.0) else {
            return;
        };
        let steps = t
            .steps
            .iter()
            .zip(dues)
            .enumerate()
            .map(|(i, (step, due))| ScoreStep {
                owner: step.owner,
                label: step.label.clone(),
                due: *due,
                status: if i == 0 {
                    StepStatus::Live
                } else {
                    StepStatus::Pending
                },
                loose_due: None,
            })
            .collect();
        self.cases.push(ScoreCase {
            id,
            template,
            arrival: at,
            current: 0,
            steps,
        });
    }

    fn drop_note(&mut self, case: CaseId, step: usize) {
        let Some(due) = self
            .case(case)
            .and_then(|c| c.steps.get(step))
            .map(|s| s.due)
        else {
            return;
        };
        let status = StepStatus::Loose {
            dropped_due: due,
            appearance: 0,
        };
        self.set(case, step, status, None);
    }

    fn loose_return(&mut self, case: CaseId, step: usize, appearance: u32, due: Beat) {
        let Some(StepStatus::Loose { dropped_due, .. }) = self
            .case(case)
            .and_then(|c| c.steps.get(step))
            .map(|s| s.status)
        else {
            return;
        };
        let status = StepStatus::Loose {
            dropped_due,
            appearance,
        };
        self.set(case, step, status, Some(due));
    }

    fn set(&mut self, case: CaseId, step: usize, status: StepStatus, loose_due: Option<Beat>) {
        if let Some(s) = self.case_mut(case).and_then(|c| c.steps.get_mut(step)) {
            s.status = status;
            s.loose_due = loose_due;
        }
    }

    fn index(&self, id: CaseId) -> Option<usize> {
        self.cases.binary_search_by_key(&id, |c| c.id).ok()
    }

    fn case_mut(&mut self, id: CaseId) -> Option<&mut ScoreCase> {
        self.index(id).map(|i| &mut self.cases[i])
    }
}
