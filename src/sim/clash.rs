//! Notes of one department due on the same beat. The simulation never lets them happen (a note
//! whose beat is taken on its staff moves to the next free beat: see `Book::lay_out`), but a
//! facilitator should know when their scripted arrivals would bring them, because the phrase
//! that moves no longer sounds as written: `tutti check` warns.

use crate::scenario::{Arrivals, DeptId, Owner, Scenario, TemplateId};

use super::arrivals::plan_arrivals;
use super::book::lay_out;
use super::time::{Beat, Metre};

/// Two scripted cases whose notes for one department fall on one beat, as written (everyone
/// playing on time).
#[derive(Debug, Clone, PartialEq)]
pub struct Clash {
    /// The department whose two notes fall on one beat.
    pub dept: DeptId,
    /// The beat both notes are due on.
    pub at: Beat,
    /// The case that was there first, and the one whose note moves.
    pub first: ClashingCase,
    /// The case whose note moves.
    pub second: ClashingCase,
}

/// One of the two cases of a [`Clash`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClashingCase {
    /// The case template as written in the file.
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
    // Everyone playing on time: every note laid out stays where it is until played.
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
        let holder = |d: DeptId, b: Beat, t: &[(DeptId, Beat, ClashingCase)]| {
            t.iter()
                .find(|x| x.0 == d && (x.1.0 - b.0).abs() < 1e-6)
                .map(|x| x.2)
        };
        let mut moved = |d: DeptId, b: Beat| {
            if let Some(first) = holder(d, b, &taken) {
                found.push(Clash {
                    dept: d,
                    at: b,
                    first,
                    second: case,
                });
            }
        };
        let first = a.at + Beat(f64::from(s.lead_beats));
        let dues = lay_out(
            &template.steps,
            first,
            s.handoff_gap_beats,
            |d, b| holder(d, b, &taken).is_some(),
            &mut moved,
        );
        for (step, due) in template.steps.iter().zip(dues) {
            if let Owner::Dept(d) = step.owner {
                taken.push((d, due, case));
            }
        }
    }
    found
}
