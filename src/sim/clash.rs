//! Notes of one department due on the same beat. The simulation never lets them happen (a note
//! whose beat is taken on its staff moves to the next free beat: see `Sim::lay_out`), but a
//! facilitator should know when their scripted arrivals would bring them, because the phrase
//! that moves no longer sounds as written: `tutti check` warns.

use crate::scenario::{Arrivals, DeptId, Owner, Scenario, TemplateId};

use super::arrivals::plan_arrivals;
use super::time::{Beat, Metre};

/// Two scripted cases whose notes for one department fall on one beat, as written (everyone
/// playing on time).
#[derive(Debug, Clone, PartialEq)]
pub struct Clash {
    pub dept: DeptId,
    /// The beat both notes are due on.
    pub at: Beat,
    /// The case that was there first, and the one whose note moves.
    pub first: ClashingCase,
    pub second: ClashingCase,
}

/// One of the two cases of a [`Clash`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClashingCase {
    pub template: TemplateId,
    /// The bar it arrives in (from 1).
    pub arrival_bar: u32,
}

/// Every clash the scripted arrivals of `s` would bring, in time order; random arrivals: none
/// (the simulation moves such notes as they come).
pub fn clashes(s: &Scenario) -> Vec<Clash> {
    if !matches!(s.arrivals, Arrivals::Scripted(_)) {
        return Vec::new();
    }
    let metre = Metre {
        beats_per_bar: s.beats_per_bar,
    };
    let mut taken: Vec<(DeptId, Beat, ClashingCase)> = Vec::new();
    let mut found = Vec::new();
    for a in plan_arrivals(s, s.seed) {
        let case = ClashingCase {
            template: a.template,
            arrival_bar: metre.bar_of(a.at),
        };
        let Some(template) = s.cases.get(a.template.0) else {
            continue;
        };
        let mut due = a.at + Beat(f64::from(s.lead_beats));
        for step in &template.steps {
            if let Owner::Dept(d) = step.owner {
                let same =
                    |t: &&(DeptId, Beat, ClashingCase)| t.0 == d && (t.1.0 - due.0).abs() < 1e-6;
                match taken.iter().find(same) {
                    Some(&(_, _, first)) => found.push(Clash {
                        dept: d,
                        at: due,
                        first,
                        second: case,
                    }),
                    None => taken.push((d, due, case)),
                }
            }
            due = due + Beat(f64::from(step.beats + s.handoff_gap_beats));
        }
    }
    found
}
