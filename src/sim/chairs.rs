//! "Between the chairs": the figures the debrief opens with. For every lost case, the step never
//! played, the chairs it lay between and for how long; with none, the case that came closest.
//! Seats are not in the events, so a record names departments and leaves who sat in them to the
//! game, which knows the seats.

use crate::scenario::{DeptId, Owner, Scenario};

use super::events::CaseId;
use super::time::{Beat, Metre};

use crate::scenario::TemplateId;

/// Where a note that nobody played lay: who could have taken it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Chairs {
    /// A gap note between two departments (`between: (a, b)` in the file, in that order): only
    /// they could claim or rescue it.
    Between {
        /// The first department named in `between`.
        a: DeptId,
        /// The second department named in `between`.
        b: DeptId,
    },
    /// A gap note between nobody in particular: anyone could take it.
    Anyone,
    /// A department's own note that dropped; it or its neighbours on the score (`neighbours`,
    /// top staff first) could rescue it.
    Owner {
        /// The department whose note it was.
        owner: DeptId,
        /// The departments next to it on the score that could rescue it, top staff first.
        neighbours: Vec<DeptId>,
    },
}

impl Chairs {
    /// The chairs of a step owned by `owner` in a scenario of `depts` departments.
    pub fn of(owner: Owner, depts: usize) -> Chairs {
        match owner {
            Owner::Gap(Some(b)) => Chairs::Between { a: b.a, b: b.b },
            Owner::Gap(None) => Chairs::Anyone,
            Owner::Dept(o) => Chairs::Owner {
                owner: o,
                neighbours: [o.0.checked_sub(1), Some(o.0 + 1)]
                    .into_iter()
                    .flatten()
                    .filter(|&d| d < depts)
                    .map(DeptId)
                    .collect(),
            },
        }
    }

    /// The departments named: the two chairs, or the owner alone (its neighbours are not the ones
    /// it fell from); none for a note anyone could take.
    pub fn named(&self) -> Vec<DeptId> {
        match self {
            Chairs::Between { a, b } => vec![*a, *b],
            Chairs::Anyone => Vec::new(),
            Chairs::Owner { owner, .. } => vec![*owner],
        }
    }

    /// Everyone who could have taken the note, top staff first.
    pub fn could_take(&self, depts: usize) -> Vec<DeptId> {
        let mut all = match self {
            Chairs::Between { a, b } => vec![*a, *b],
            Chairs::Anyone => (0..depts).map(DeptId).collect(),
            Chairs::Owner { owner, neighbours } => {
                let mut v = neighbours.clone();
                v.push(*owner);
                v
            }
        };
        all.sort();
        all.dedup();
        all
    }

    /// The departments named, by id, joined by `|` (`it|service`; the owner alone for a dropped
    /// own note; `any` for a gap note anyone could take).
    pub fn ids(&self, scenario: &Scenario) -> String {
        let named = self.named();
        if named.is_empty() {
            return "any".to_owned();
        }
        named
            .iter()
            .map(|d| scenario.departments.get(d.0).map_or("?", |x| x.id.as_str()))
            .collect::<Vec<_>>()
            .join("|")
    }
}

/// A note that lay unplayed between chairs: until its case was lost, or until someone picked it
/// up.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ChairRecord {
    /// The case the note belongs to.
    pub case: CaseId,
    /// The case's template.
    pub template: TemplateId,
    /// The case template's display name (the customer).
    pub name: String,
    /// When the customer arrived.
    pub arrival: Beat,
    /// The bar the customer arrived in (from 1).
    pub arrival_bar: u32,
    /// The step never played (or played late), from 0.
    pub step: usize,
    /// Its label in the file, if any.
    pub label: Option<String>,
    /// Between which chairs it lay.
    pub chairs: Chairs,
    /// When it was due and nobody played it.
    pub due: Beat,
    /// When the case was lost, or when the note was picked up.
    pub until: Beat,
    /// Whole bars from its due beat to `until` (the loose note's appearances, for a rescue).
    pub bars_lying: u32,
    /// Who picked it up in the end; `None`: nobody, the case was lost.
    pub rescued_by: Option<DeptId>,
    /// Every step but this last one was played.
    pub solved_but_unanswered: bool,
}

impl ChairRecord {
    /// The step's label, or `step N` (counting from 1) where it has none.
    pub fn step_name(&self) -> String {
        self.label
            .clone()
            .unwrap_or_else(|| format!("step {}", self.step + 1))
    }
}

/// What [`ChairRecord::new`] needs to know about the note.
pub(super) struct Lying {
    pub case: CaseId,
    pub template: TemplateId,
    pub arrival: Beat,
    pub step: usize,
    pub due: Beat,
    pub until: Beat,
}

impl ChairRecord {
    /// The record of a note of `scenario` that lay from `l.due` to `l.until`.
    pub(super) fn new(scenario: &Scenario, l: &Lying) -> ChairRecord {
        let metre = Metre {
            beats_per_bar: scenario.beats_per_bar,
        };
        let template = scenario.template(l.template);
        let step = &template.steps[l.step];
        let bars = ((l.until - l.due).0 / metre.bar().0).round().max(0.0);
        ChairRecord {
            case: l.case,
            template: l.template,
            name: template.name.clone(),
            arrival: l.arrival,
            arrival_bar: metre.bar_of(l.arrival),
            step: l.step,
            label: step.label.clone(),
            chairs: Chairs::of(step.owner, scenario.departments.len()),
            due: l.due,
            until: l.until,
            bars_lying: bars as u32,
            rescued_by: None,
            solved_but_unanswered: false,
        }
    }
}

/// The completed case that came closest to being lost, for a debrief with nothing between the
/// chairs.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CloseCall {
    /// The case.
    pub case: CaseId,
    /// The case's template.
    pub template: TemplateId,
    /// The case template's display name.
    pub name: String,
    /// The bar the customer arrived in (from 1).
    pub arrival_bar: u32,
    /// Whole bars from its arrival to its answer.
    pub bars_to_answer: u32,
    /// The note of it that lay longest before someone picked it up, if any was dropped.
    pub rescued: Option<ChairRecord>,
}
