//! The figures a round is judged and compared by: those `tutti simulate --json` prints, and the
//! audience over the piece.

use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;
use crate::sim::{Debrief, Metre};

/// The figures of one performance (`tutti simulate --json` and `tutti compare --json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunSummary {
    /// The seed played.
    #[serde(default)]
    pub seed: u64,
    /// Customers who arrived.
    pub total: u32,
    /// Cases answered.
    pub completed: u32,
    /// Customers who gave up.
    pub lost: u32,
    /// Of the lost, those with every step but the last played.
    pub solved_but_unanswered: u32,
    /// Notes played twice.
    pub double_work: u32,
    /// Loose notes picked up.
    pub rescues: u32,
    /// Presses that played nothing.
    pub strays: u32,
    /// The satisfaction meter at the end, 0–100.
    pub audience_final: f64,
    /// The lowest the meter went, 0–100.
    pub audience_min: f64,
    /// The audience walked out before the end.
    pub walked_out: bool,
    /// One per department, in the scenario's order.
    pub departments: Vec<DeptSummary>,
    /// How each case type (the scenario's `cases`, by id) fared.
    #[serde(default)]
    pub case_types: Vec<CaseTypeSummary>,
}

/// One case type in [`RunSummary`]: how many of its customers came, and how they fared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseTypeSummary {
    /// The case template's id in the scenario.
    pub id: String,
    /// Its customers who arrived.
    pub total: u32,
    /// Of those, answered.
    pub completed: u32,
    /// Of those, lost.
    pub lost: u32,
    /// Of the lost, those with every step but the last played.
    pub solved_but_unanswered: u32,
}

/// One department in [`RunSummary`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeptSummary {
    /// The department's id in the scenario.
    pub id: String,
    /// Notes it played graded perfect.
    pub perfect: u32,
    /// Notes it played graded good.
    pub good: u32,
    /// Notes it played graded ok.
    pub ok: u32,
    /// Its own notes that fell to the floor.
    pub drops: u32,
    /// Gap notes it claimed.
    pub claims: u32,
    /// Loose notes it picked up.
    pub rescues: u32,
    /// Its presses that played nothing.
    pub strays: u32,
    /// Notes it played that someone had already claimed.
    pub double_work: u32,
    /// Appearances of gap or loose notes it could have taken.
    pub chances: u32,
    /// Those it claimed or rescued.
    pub chances_taken: u32,
}

impl RunSummary {
    /// Chances to take a gap or loose note, and those taken, over every department.
    pub fn chances(&self) -> Chances {
        self.departments
            .iter()
            .fold(Chances::default(), |c, d| Chances {
                all: c.all + d.chances,
                taken: c.taken + d.chances_taken,
            })
    }
}

/// Appearances of gap or loose notes that someone could have taken, and those taken.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Chances {
    pub all: u32,
    pub taken: u32,
}

impl RunSummary {
    /// The figures of a performance of `scenario` with `seed`, from its debrief.
    pub fn of(scenario: &Scenario, seed: u64, d: &Debrief) -> RunSummary {
        RunSummary {
            seed,
            case_types: case_types(scenario, d),
            ..RunSummary::from(d)
        }
    }
}

/// How each of the scenario's case types fared.
fn case_types(scenario: &Scenario, d: &Debrief) -> Vec<CaseTypeSummary> {
    scenario
        .cases
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let of_type = || d.cases.iter().filter(move |c| c.template.0 == i);
            let count = |f: &dyn Fn(&crate::sim::CaseRecord) -> bool| {
                of_type().filter(|c| f(c)).count() as u32
            };
            CaseTypeSummary {
                id: t.id.clone(),
                total: of_type().count() as u32,
                completed: count(&|c| c.outcome == crate::sim::Outcome::Completed),
                lost: count(&|c| c.outcome == crate::sim::Outcome::Lost),
                solved_but_unanswered: count(&|c| c.solved_but_unanswered),
            }
        })
        .collect()
}

impl From<&Debrief> for RunSummary {
    /// The figures without the seed and the case types (which need the scenario).
    fn from(d: &Debrief) -> Self {
        RunSummary {
            seed: 0,
            case_types: Vec::new(),
            total: d.total,
            completed: d.completed,
            lost: d.lost,
            solved_but_unanswered: d.solved_but_unanswered,
            double_work: d.double_work,
            rescues: d.rescues,
            strays: d.strays,
            audience_final: round1(d.audience_final),
            audience_min: round1(d.audience_min),
            walked_out: d.walked_out,
            departments: d
                .departments
                .iter()
                .map(|r| DeptSummary {
                    id: r.id.clone(),
                    perfect: r.perfect,
                    good: r.good,
                    ok: r.ok,
                    drops: r.drops,
                    claims: r.claims,
                    rescues: r.rescues,
                    strays: r.strays,
                    double_work: r.double_work,
                    chances: r.chances,
                    chances_taken: r.chances_taken,
                })
                .collect(),
        }
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The audience's satisfaction at the start and at the end of every bar played (0–100, one
/// decimal): the curve the comparison lays over the other rounds'.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AudienceCurve {
    /// The bar before the first value (0, or the bar before a practice loop).
    pub first_bar: u32,
    /// The value at the start, then at the end of each bar.
    pub values: Vec<f64>,
}

impl AudienceCurve {
    /// The curve of a performance from its debrief.
    pub fn of(scenario: &Scenario, d: &Debrief) -> AudienceCurve {
        let metre = Metre {
            beats_per_bar: scenario.beats_per_bar,
        };
        let Some(&(first_at, start)) = d.curve.first() else {
            return AudienceCurve::default();
        };
        let first_bar = metre.bar_of(first_at).saturating_sub(1);
        let last_bar = metre.bar_of(d.ended_at).max(first_bar + 1);
        let mut values = vec![round1(start)];
        let mut value = start;
        let mut points = d.curve.iter().peekable();
        for bar in first_bar + 1..=last_bar {
            let end = metre.bar_start(bar + 1).0;
            while let Some(&&(at, v)) = points.peek() {
                if at.0 >= end {
                    break;
                }
                value = v;
                points.next();
            }
            values.push(round1(value));
        }
        AudienceCurve { first_bar, values }
    }

    /// The lowest value.
    pub fn lowest(&self) -> Option<f64> {
        self.values.iter().copied().reduce(f64::min)
    }
}
