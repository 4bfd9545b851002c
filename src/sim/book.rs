//! The cases a performance may bring and how their notes are laid out on the score: the
//! scenario's case templates, the lead before a first note, the handoff gap, and how many bars a
//! dropped note comes back.

use crate::scenario::{CaseTemplate, DeptId, Owner, Scenario, StepTemplate, TemplateId};

use super::case::CaseState;
use super::time::Beat;

/// The scenario's cases and the layout rule's numbers, fixed for a performance.
#[derive(Debug)]
pub(super) struct Book {
    templates: Vec<CaseTemplate>,
    /// Beats from a customer's arrival to its first note.
    lead: Beat,
    /// Beats between one step's end and the next step.
    gap: u32,
    /// Bars a dropped note comes back loose.
    rescue_bars: u32,
}

impl Book {
    /// The book of `scenario`.
    pub(super) fn new(scenario: &Scenario) -> Book {
        Book {
            templates: scenario.cases.clone(),
            lead: Beat(f64::from(scenario.lead_beats)),
            gap: scenario.handoff_gap_beats,
            rescue_bars: scenario.rescue_bars,
        }
    }

    /// The case templates with their resolved steps.
    pub(super) fn templates(&self) -> &[CaseTemplate] {
        &self.templates
    }

    /// The template `id`.
    pub(super) fn template(&self, id: TemplateId) -> &CaseTemplate {
        &self.templates[id.0]
    }

    /// Who may play step `step` of `case`.
    pub(super) fn owner(&self, case: &CaseState, step: usize) -> Owner {
        self.templates[case.template.0].steps[step].owner
    }

    /// How many bars `case`'s customer waits patiently.
    pub(super) fn patience_bars(&self, case: &CaseState) -> u32 {
        self.templates[case.template.0].patience_bars
    }

    /// Beats from a customer's arrival to its first note.
    pub(super) fn lead(&self) -> Beat {
        self.lead
    }

    /// Bars a dropped note comes back loose.
    pub(super) fn rescue_bars(&self) -> u32 {
        self.rescue_bars
    }

    /// Where the step after step `step` of `template` starts, if that step started at `due`.
    pub(super) fn after_step(&self, template: TemplateId, step: usize, due: Beat) -> Beat {
        due + Beat(f64::from(
            self.templates[template.0].steps[step].beats + self.gap,
        ))
    }

    /// The due beats of steps `from..` of `template`, the first at `first`, by [`lay_out`] with
    /// `taken` saying which beats are taken on a department's staff.
    pub(super) fn lay_out(
        &self,
        template: TemplateId,
        from: usize,
        first: Beat,
        taken: impl Fn(DeptId, Beat) -> bool,
    ) -> Vec<Beat> {
        let steps = &self.templates[template.0].steps[from..];
        lay_out(steps, first, self.gap, taken, &mut |_, _| {})
    }
}

/// The one layout rule (docs/rules.md §4): `steps` from `first` on, each next after the previous
/// one's length plus `gap`; a department's note whose beat is `taken` moves to the next free beat,
/// and the rest with it (`moved` hears of each such move: the department and the beat it left).
pub(crate) fn lay_out(
    steps: &[StepTemplate],
    first: Beat,
    gap: u32,
    taken: impl Fn(DeptId, Beat) -> bool,
    moved: &mut impl FnMut(DeptId, Beat),
) -> Vec<Beat> {
    let mut dues = Vec::with_capacity(steps.len());
    let mut due = first;
    for step in steps {
        if let Owner::Dept(d) = step.owner {
            if taken(d, due) {
                moved(d, due);
            }
            while taken(d, due) {
                due = due + Beat(1.0);
            }
        }
        dues.push(due);
        due = due + Beat(f64::from(step.beats + gap));
    }
    dues
}
