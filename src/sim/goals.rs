//! A level's goals, judged from the debrief figures of a performance, and what one player did for
//! the shared result ([`PlayerShare`]): both Bevy-free and deterministic, so the debrief, the best
//! scores and Level select agree.

use crate::scenario::{DeptId, Goal, Owner, Scenario};

use super::band::may_pick_up;
use super::case::Outcome;
use super::debrief::Debrief;
use super::events::PlayKind;

/// The people who played, by department: the "players" a goal speaks of. With nobody (a demo,
/// a simulation without seats) it is the whole orchestra.
#[derive(Debug, Clone, Copy)]
pub struct Players<'a>(pub &'a [DeptId]);

impl Players<'_> {
    /// Whether department `d` counts as a player's.
    fn includes(self, d: usize) -> bool {
        self.0.is_empty() || self.0.iter().any(|p| p.0 == d)
    }

    /// A figure summed over the players' departments.
    fn sum(self, d: &Debrief, figure: impl Fn(&super::debrief::DeptStats) -> u32) -> u32 {
        d.departments
            .iter()
            .enumerate()
            .filter(|(i, _)| self.includes(*i))
            .map(|(_, row)| figure(row))
            .sum()
    }
}

/// Whether `goal` was met in the performance with figures `d`.
pub(crate) fn goal_met(goal: Goal, d: &Debrief, players: Players) -> bool {
    match goal {
        Goal::NoUnanswered => d.solved_but_unanswered == 0,
        Goal::NoneLost => d.lost == 0,
        Goal::AudienceAbove(v) => !d.walked_out && d.audience_final > v,
        Goal::Takes(n) => players.sum(d, |r| r.claims) >= n,
        Goal::Rescues(n) => players.sum(d, |r| r.rescues) >= n,
        Goal::StraysAtMost(n) => players.sum(d, |r| r.strays) <= n,
        Goal::DoubleWorkAtMost(n) => d.double_work <= n,
    }
}

/// Each goal of `goals` with whether it was met, in the file's order.
pub fn judge_goals(goals: &[Goal], d: &Debrief, players: Players) -> Vec<(Goal, bool)> {
    goals
        .iter()
        .map(|&g| (g, goal_met(g, d, players)))
        .collect()
}

/// What one department's player did for the shared result, in the lesson's terms: its own
/// notes, the notes between the chairs that were its to take, the loose notes by its chair, and
/// the customers lost where it could have helped. Each note counts once, however often a loose
/// note came back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct PlayerShare {
    /// Its own notes that got the baton.
    pub own_notes: u32,
    /// Of those, played by it on their first appearance.
    pub own_played: u32,
    /// Gap notes (calls between the chairs) it could claim.
    pub calls: u32,
    /// Of those, claimed by it.
    pub calls_made: u32,
    /// Of those, claimed by somebody else.
    pub calls_by_others: u32,
    /// Dropped notes that lay where it could pick them up.
    pub loose: u32,
    /// Of those, picked up by it.
    pub loose_picked: u32,
    /// Customers lost at a note it could have taken.
    pub lost_at_chair: u32,
    /// Of those, solved but never answered.
    pub unanswered_at_chair: u32,
}

/// What the player of department `dept` did in the performance of `scenario` with figures `d`.
pub(crate) fn player_share(scenario: &Scenario, d: &Debrief, dept: DeptId) -> PlayerShare {
    let reach = scenario.departments[dept.0].reach;
    let mut share = PlayerShare::default();
    for case in &d.cases {
        let template = scenario.template(case.template);
        for (step, rec) in template.steps.iter().zip(&case.steps) {
            let mine = |k: PlayKind| rec.played.is_some_and(|p| p.dept == dept && p.kind == k);
            let may = may_pick_up(step.owner, dept, reach);
            if step.owner == Owner::Dept(dept) && rec.live_at.is_some() {
                share.own_notes += 1;
                share.own_played += u32::from(mine(PlayKind::Own));
            }
            if matches!(step.owner, Owner::Gap(_)) && rec.live_at.is_some() && may {
                share.calls += 1;
                share.calls_made += u32::from(mine(PlayKind::Claim));
                share.calls_by_others += u32::from(
                    rec.played
                        .is_some_and(|p| p.dept != dept && p.kind == PlayKind::Claim),
                );
            }
            // A call nobody took is counted once, as a call: loose notes are dropped parts.
            if rec.dropped_at.is_some() && may && !matches!(step.owner, Owner::Gap(_)) {
                share.loose += 1;
                share.loose_picked += u32::from(mine(PlayKind::Rescue));
            }
        }
    }
    for lost in &d.between_chairs {
        let owner = scenario.template(lost.template).steps[lost.step].owner;
        let outcome = d.cases.get(lost.case.0 as usize).map(|c| c.outcome);
        if outcome == Some(Outcome::Lost) && may_pick_up(owner, dept, reach) {
            share.lost_at_chair += 1;
            share.unanswered_at_chair += u32::from(lost.solved_but_unanswered);
        }
    }
    share
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{Beat, Press, SimBuilder};

    /// Two departments; a call between them at the end of every case.
    const TWO: &str = r#"Scenario(
        title: "t", tempo_bpm: 60, beats_per_bar: 4, length_bars: 6, lead_beats: 4,
        rescue_bars: 1,
        departments: [Department(id: "a"), Department(id: "b")],
        cases: [Case(id: "c", patience_bars: 50, steps: [Note(by: "a"), Gap(between: ("a", "b"))])],
        arrivals: Scripted([(bar: 1, case: "c"), (bar: 3, case: "c")]),
        colleagues: [Colleague(department: "b", initiative: 0, follow_up: 0)],
        goals: [NoUnanswered, Takes(2), AudienceAbove(40)],
    )"#;

    fn debrief(presses: &[f64]) -> (Scenario, Debrief) {
        let s = crate::scenario::load_str("t.ron", TWO).unwrap();
        let mut sim = SimBuilder::new(&s).human(DeptId(0)).build();
        let presses: Vec<Press> = presses
            .iter()
            .map(|&t| Press::new(Beat(t), DeptId(0)))
            .collect();
        let mut events = Vec::new();
        sim.advance(Beat(1000.0), &presses, &mut events);
        let d = Debrief::from_events(&s, &events);
        (s, d)
    }

    #[test]
    fn a_player_who_makes_every_call_meets_the_goals_and_one_who_does_not_is_told() {
        // Case 1: note at beat 4, call at 6; case 2 (bar 3): note at 12, call at 14.
        let (s, d) = debrief(&[4.0, 6.0, 12.0, 14.0]);
        let met = judge_goals(&s.goals, &d, Players(&[DeptId(0)]));
        assert!(met.iter().all(|(_, m)| *m), "{met:?}");
        let share = player_share(&s, &d, DeptId(0));
        assert_eq!((share.own_notes, share.own_played), (2, 2));
        assert_eq!((share.calls, share.calls_made), (2, 2));

        // Only the own notes: both calls fall between the chairs.
        let (s, d) = debrief(&[4.0, 12.0]);
        let met = judge_goals(&s.goals, &d, Players(&[DeptId(0)]));
        assert_eq!(met[0], (Goal::NoUnanswered, false));
        assert_eq!(met[1], (Goal::Takes(2), false));
        let share = player_share(&s, &d, DeptId(0));
        assert_eq!(
            (share.calls, share.calls_made, share.calls_by_others),
            (2, 0, 0)
        );
        assert_eq!(
            share.loose, 0,
            "a missed call is counted as a call, not again as loose"
        );
        assert_eq!((share.lost_at_chair, share.unanswered_at_chair), (2, 2));
    }

    #[test]
    fn nobody_seated_means_the_whole_orchestra_counts() {
        let (s, d) = debrief(&[4.0, 6.0, 12.0, 14.0]);
        assert!(goal_met(Goal::Takes(2), &d, Players(&[])));
        assert!(!goal_met(Goal::Takes(2), &d, Players(&[DeptId(1)])));
        assert!(goal_met(Goal::StraysAtMost(0), &d, Players(&[])));
        assert!(goal_met(Goal::DoubleWorkAtMost(0), &d, Players(&[])));
        assert!(!goal_met(Goal::Rescues(1), &d, Players(&[])));
        assert_eq!(s.goals.len(), 3);
    }
}
