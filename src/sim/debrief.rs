//! The debrief: the figures of a performance, computed from its event stream alone.

use crate::scenario::{Owner, Scenario};

use super::case::Outcome;
use super::events::{CaseId, Event, EventKind, PlayKind};
use super::judge::Grade;
use super::time::Beat;

/// One department's row.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct DeptStats {
    pub id: String,
    pub name: String,
    pub perfect: u32,
    pub good: u32,
    pub ok: u32,
    /// Its own notes that fell to the floor.
    pub drops: u32,
    /// Gap notes it claimed.
    pub claims: u32,
    /// Loose notes it picked up.
    pub rescues: u32,
    /// Presses that played nothing.
    pub strays: u32,
    /// Notes it played that someone had already claimed.
    pub double_work: u32,
}

/// What happened to one step of a case.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct StepRecord {
    /// When it got the baton.
    pub live_at: Option<Beat>,
    /// When, by whom and how it was played.
    pub played: Option<(Beat, usize, PlayKind, Grade)>,
    /// When it was dropped.
    pub dropped_at: Option<Beat>,
}

/// One case's timeline.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CaseRecord {
    pub id: CaseId,
    pub template: usize,
    pub arrival: Beat,
    pub steps: Vec<StepRecord>,
    pub outcome: Outcome,
    /// When it was completed or lost.
    pub resolved_at: Option<Beat>,
    pub solved_but_unanswered: bool,
    /// Bars in which it drained the audience by waiting.
    pub bars_waited: u32,
}

impl CaseRecord {
    /// Steps played, rescues included.
    pub fn steps_played(&self) -> usize {
        self.steps.iter().filter(|s| s.played.is_some()).count()
    }

    /// Steps dropped.
    pub fn drops(&self) -> usize {
        self.steps.iter().filter(|s| s.dropped_at.is_some()).count()
    }

    /// Steps picked up after a drop.
    pub fn rescues(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| matches!(s.played, Some((_, _, PlayKind::Rescue, _))))
            .count()
    }

    /// The department that played the last step: who answered the customer.
    pub fn answered_by(&self) -> Option<usize> {
        if self.outcome != Outcome::Completed {
            return None;
        }
        self.steps.last().and_then(|s| s.played).map(|p| p.1)
    }
}

/// The figures of one performance.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Debrief {
    pub total: u32,
    pub completed: u32,
    pub lost: u32,
    pub solved_but_unanswered: u32,
    pub double_work: u32,
    pub rescues: u32,
    /// Gap notes nobody claimed in time.
    pub gap_drops: u32,
    pub strays: u32,
    pub audience_final: f64,
    pub audience_min: f64,
    pub walked_out: bool,
    pub departments: Vec<DeptStats>,
    pub cases: Vec<CaseRecord>,
    /// The satisfaction meter over time: (beat, value), starting with the start value.
    pub curve: Vec<(Beat, f64)>,
    /// When the performance ended (or the last event, if it has not).
    pub ended_at: Beat,
}

impl Debrief {
    /// Computes the debrief of `scenario` from the events of a performance.
    pub fn from_events(scenario: &Scenario, events: &[Event]) -> Debrief {
        let templates = scenario.case_infos();
        let start = scenario.audience.start.clamp(0.0, 100.0);
        let mut d = Debrief {
            total: 0,
            completed: 0,
            lost: 0,
            solved_but_unanswered: 0,
            double_work: 0,
            rescues: 0,
            gap_drops: 0,
            strays: 0,
            audience_final: start,
            audience_min: start,
            walked_out: false,
            departments: scenario
                .department_infos()
                .into_iter()
                .map(|i| DeptStats {
                    id: i.id,
                    name: i.name,
                    ..DeptStats::default()
                })
                .collect(),
            cases: Vec::new(),
            curve: vec![(Beat(0.0), start)],
            ended_at: Beat(0.0),
        };
        for e in events {
            d.ended_at = e.at;
            match &e.kind {
                EventKind::Arrived { case, template } => {
                    d.total += 1;
                    let steps = templates[*template].steps.len();
                    let mut record = CaseRecord {
                        id: *case,
                        template: *template,
                        arrival: e.at,
                        steps: vec![StepRecord::default(); steps],
                        outcome: Outcome::Open,
                        resolved_at: None,
                        solved_but_unanswered: false,
                        bars_waited: 0,
                    };
                    record.steps[0].live_at = Some(e.at);
                    d.cases.push(record);
                }
                EventKind::Played {
                    case,
                    step,
                    dept,
                    kind,
                    judgement,
                } => {
                    let row = &mut d.departments[*dept];
                    match judgement.grade {
                        Grade::Perfect => row.perfect += 1,
                        Grade::Good => row.good += 1,
                        Grade::Ok => row.ok += 1,
                    }
                    match kind {
                        PlayKind::Own => {}
                        PlayKind::Claim => row.claims += 1,
                        PlayKind::Rescue => {
                            row.rescues += 1;
                            d.rescues += 1;
                        }
                    }
                    d.cases[case.0 as usize].steps[*step].played =
                        Some((e.at, *dept, *kind, judgement.grade));
                }
                EventKind::Handoff { case, to_step, .. } => {
                    d.cases[case.0 as usize].steps[*to_step].live_at = Some(e.at);
                }
                EventKind::DoubleWork { dept, .. } => {
                    d.double_work += 1;
                    d.departments[*dept].double_work += 1;
                }
                EventKind::Stray { dept } => {
                    d.strays += 1;
                    d.departments[*dept].strays += 1;
                }
                EventKind::Dropped { case, step } => {
                    let record = &mut d.cases[case.0 as usize];
                    record.steps[*step].dropped_at = Some(e.at);
                    match templates[record.template].steps[*step].owner {
                        Owner::Dept(o) => d.departments[o].drops += 1,
                        Owner::Gap(_) => d.gap_drops += 1,
                    }
                }
                EventKind::Completed { case, .. } => {
                    d.completed += 1;
                    let record = &mut d.cases[case.0 as usize];
                    record.outcome = Outcome::Completed;
                    record.resolved_at = Some(e.at);
                }
                EventKind::Lost {
                    case,
                    solved_but_unanswered,
                    ..
                } => {
                    d.lost += 1;
                    d.solved_but_unanswered += u32::from(*solved_but_unanswered);
                    let record = &mut d.cases[case.0 as usize];
                    record.outcome = Outcome::Lost;
                    record.resolved_at = Some(e.at);
                    record.solved_but_unanswered = *solved_but_unanswered;
                }
                EventKind::Waiting { case } => d.cases[case.0 as usize].bars_waited += 1,
                EventKind::Audience { value, .. } => {
                    d.audience_final = *value;
                    d.audience_min = d.audience_min.min(*value);
                    d.curve.push((e.at, *value));
                }
                EventKind::WalkedOut => d.walked_out = true,
                EventKind::BarStarted { .. }
                | EventKind::LooseReturned { .. }
                | EventKind::Ended { .. } => {}
            }
        }
        d
    }
}
