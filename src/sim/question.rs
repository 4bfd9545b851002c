//! The call the debrief asks the room about ("who should have made the call?"): the call between
//! the chairs (a `Gap` step) that fell between the chairs most often in the piece, and the
//! departments that could have taken it by the one rule of who may pick up a note.

use crate::scenario::{DeptId, Owner, Scenario, TemplateId};

use super::band::may_pick_up;
use super::chairs::Chairs;
use super::debrief::Debrief;

/// A call between the chairs put to the room after the piece.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CallInQuestion {
    /// The case template the call belongs to.
    pub template: TemplateId,
    /// The step, from 0.
    pub step: usize,
    /// Its label, or `step N` (counting from 1) where it has none, as "Between the chairs" names
    /// it.
    pub step_name: String,
    /// Its case template's display name (the customer).
    pub case_name: String,
    /// Between which chairs it lies.
    pub chairs: Chairs,
    /// Cases lost at it (it fell between the chairs).
    pub fell: u32,
    /// Times it dropped to the floor (picked up or not).
    pub dropped: u32,
    /// Times it came up (got the baton).
    pub calls: u32,
    /// Every department that could have taken it ([`may_pick_up`]), top staff first.
    pub could_take: Vec<DeptId>,
}

/// How often one gap step fell, dropped and came up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Tally {
    fell: u32,
    dropped: u32,
    calls: u32,
}

impl Debrief {
    /// The call to ask about: of the scenario's gap steps, the one at which the most cases were
    /// lost; among equals (none lost, say) the one that dropped most, then the one that came up
    /// most; the first in the file when still equal. `None` when the scenario has no gap steps, or
    /// none came up in this performance (a practice loop of bars without one).
    pub fn call_in_question(&self, scenario: &Scenario) -> Option<CallInQuestion> {
        let mut best: Option<(Tally, TemplateId, usize)> = None;
        for (t, template) in scenario.cases.iter().enumerate() {
            for (s, step) in template.steps.iter().enumerate() {
                if !matches!(step.owner, Owner::Gap(_)) {
                    continue;
                }
                let tally = self.tally_of(TemplateId(t), s);
                if best.is_none_or(|(b, _, _)| tally > b) {
                    best = Some((tally, TemplateId(t), s));
                }
            }
        }
        let (tally, template, step) = best.filter(|(t, ..)| t.calls > 0 || t.fell > 0)?;
        let t = scenario.template(template);
        let owner = t.steps[step].owner;
        Some(CallInQuestion {
            template,
            step,
            step_name: t.steps[step]
                .label
                .clone()
                .unwrap_or_else(|| format!("step {}", step + 1)),
            case_name: t.name.clone(),
            chairs: Chairs::of(owner, scenario.departments.len()),
            fell: tally.fell,
            dropped: tally.dropped,
            calls: tally.calls,
            could_take: scenario
                .dept_ids()
                .filter(|&d| may_pick_up(owner, d, scenario.departments[d.0].reach))
                .collect(),
        })
    }

    /// How often step `step` of `template` fell, dropped and came up in this piece.
    fn tally_of(&self, template: TemplateId, step: usize) -> Tally {
        let fell = self
            .between_chairs
            .iter()
            .filter(|r| r.template == template && r.step == step)
            .count() as u32;
        let mut tally = Tally {
            fell,
            ..Tally::default()
        };
        for case in self.cases.iter().filter(|c| c.template == template) {
            let Some(s) = case.steps.get(step) else {
                continue;
            };
            tally.dropped += u32::from(s.dropped_at.is_some());
            tally.calls += u32::from(s.live_at.is_some());
        }
        tally
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::{DeptId, load_file};
    use crate::sim::{Debrief, SimBuilder};

    fn debrief_of(file: &str) -> (crate::scenario::Scenario, Debrief) {
        let scenario = load_file(std::path::Path::new(file)).unwrap();
        let events = SimBuilder::new(&scenario).seed(1).build().run_to_end();
        let d = Debrief::from_events(&scenario, &events);
        (scenario, d)
    }

    #[test]
    fn the_call_that_fell_most_is_asked_about_with_who_could_take_it() {
        // Level 4 by the colleagues: "Call the customer back" falls between IT and Customer
        // service.
        let (scenario, d) = debrief_of("levels/04-the-call-nobody-makes.en.ron");
        let q = d.call_in_question(&scenario).unwrap();
        assert!(q.fell >= 1, "{q:?}");
        let most = d
            .between_chairs
            .iter()
            .filter(|r| matches!(r.chairs, crate::sim::Chairs::Between { .. }))
            .filter(|r| r.template == q.template && r.step == q.step)
            .count() as u32;
        assert_eq!(most, q.fell);
        for r in &d.between_chairs {
            let same = d
                .between_chairs
                .iter()
                .filter(|o| o.template == r.template && o.step == r.step)
                .count() as u32;
            assert!(same <= q.fell, "{r:?} fell more often than {q:?}");
        }
        let crate::sim::Chairs::Between { a, b } = q.chairs else {
            panic!("{q:?}");
        };
        let mut both = vec![a, b];
        both.sort();
        assert_eq!(q.could_take, both);
        assert!(q.calls >= q.fell);
    }

    #[test]
    fn with_nothing_fallen_the_most_frequent_call_and_with_no_gap_steps_none() {
        let (scenario, mut d) = debrief_of("levels/04-the-call-nobody-makes.en.ron");
        d.between_chairs.clear();
        for c in &mut d.cases {
            for s in &mut c.steps {
                s.dropped_at = None;
            }
        }
        let q = d.call_in_question(&scenario).unwrap();
        assert_eq!((q.fell, q.dropped), (0, 0));
        let most_calls = (0..scenario.cases.len())
            .flat_map(|t| (0..scenario.cases[t].steps.len()).map(move |s| (t, s)))
            .filter(|&(t, s)| {
                matches!(
                    scenario.cases[t].steps[s].owner,
                    crate::scenario::Owner::Gap(_)
                )
            })
            .map(|(t, s)| {
                d.cases
                    .iter()
                    .filter(|c| c.template.0 == t && c.steps[s].live_at.is_some())
                    .count() as u32
            })
            .max()
            .unwrap();
        assert_eq!(q.calls, most_calls);
        // None came up (say, a practice loop of bars without one): nothing to ask.
        for c in &mut d.cases {
            for s in &mut c.steps {
                s.live_at = None;
            }
        }
        assert_eq!(d.call_in_question(&scenario), None);
        // Level 1 has one department and no call between the chairs: nothing to ask.
        let (scenario, d) = debrief_of("levels/01-own-part.en.ron");
        assert_eq!(d.call_in_question(&scenario), None);
        assert!(scenario.departments.len() == 1 && scenario.dept_ids().all(|x| x == DeptId(0)));
    }
}
