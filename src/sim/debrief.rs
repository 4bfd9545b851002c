//! The debrief: the figures of a performance, computed from its event stream alone.

use crate::scenario::{DeptId, Owner, Scenario, TemplateId};

use super::case::Outcome;
use super::chairs::{ChairRecord, CloseCall, Lying};
use super::engine::may_pick_up;
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
    /// Of those, presses in the beat before a note it could play, which missed that note.
    pub too_early: u32,
    /// Notes it played that someone had already claimed.
    pub double_work: u32,
    /// Appearances of a gap note or loose note it could have taken (claimed or rescued): each
    /// live gap note and each return of a loose note counts once for every department that may
    /// take it.
    pub chances: u32,
    /// Those it took (its claims and rescues).
    pub chances_taken: u32,
}

impl DeptStats {
    /// Chances it let pass.
    pub fn chances_missed(&self) -> u32 {
        self.chances.saturating_sub(self.chances_taken)
    }
}

/// When, by whom and how a step was played.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct PlayedRecord {
    pub at: Beat,
    pub dept: DeptId,
    pub kind: PlayKind,
    pub grade: Grade,
}

/// What happened to one step of a case.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct StepRecord {
    /// When it got the baton.
    pub live_at: Option<Beat>,
    /// When, by whom and how it was played.
    pub played: Option<PlayedRecord>,
    /// When it was dropped.
    pub dropped_at: Option<Beat>,
    /// When it is due on the latest layout (a rescue lays the rest of a case out again).
    pub due: Beat,
    /// The beat it was due on when it dropped.
    pub dropped_due: Option<Beat>,
}

/// One case's timeline.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CaseRecord {
    pub id: CaseId,
    pub template: TemplateId,
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
            .filter(|s| s.played.is_some_and(|p| p.kind == PlayKind::Rescue))
            .count()
    }

    /// The department that played the last step: who answered the customer.
    pub fn answered_by(&self) -> Option<DeptId> {
        if self.outcome != Outcome::Completed {
            return None;
        }
        self.steps.last().and_then(|s| s.played).map(|p| p.dept)
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
    /// Strays that came in the beat before a note and missed it (DESIGN.md §1).
    pub too_early: u32,
    pub audience_final: f64,
    pub audience_min: f64,
    pub walked_out: bool,
    pub departments: Vec<DeptStats>,
    pub cases: Vec<CaseRecord>,
    /// The satisfaction meter over time: (beat, value), starting with the start value.
    pub curve: Vec<(Beat, f64)>,
    /// When the performance ended (or the last event, if it has not).
    pub ended_at: Beat,
    /// "Between the chairs": one record per lost case (solved-but-never-answered ones included),
    /// in the order they were lost: the step never played and where it lay.
    pub between_chairs: Vec<ChairRecord>,
    /// Every loose note picked up, in the order they were: where it lay and for how long.
    pub rescued: Vec<ChairRecord>,
}

impl Debrief {
    /// Computes the debrief of `scenario` from the events of a performance.
    pub fn from_events(scenario: &Scenario, events: &[Event]) -> Debrief {
        let mut d = Debrief::new(scenario);
        for e in events {
            d.apply(scenario, e);
        }
        d
    }

    /// The debrief before anything happened.
    fn new(scenario: &Scenario) -> Debrief {
        let start = scenario.audience.start.clamp(0.0, 100.0);
        Debrief {
            total: 0,
            completed: 0,
            lost: 0,
            solved_but_unanswered: 0,
            double_work: 0,
            rescues: 0,
            gap_drops: 0,
            strays: 0,
            too_early: 0,
            audience_final: start,
            audience_min: start,
            walked_out: false,
            departments: scenario
                .departments
                .iter()
                .map(|i| DeptStats {
                    id: i.id.clone(),
                    name: i.name.clone(),
                    ..DeptStats::default()
                })
                .collect(),
            cases: Vec::new(),
            curve: vec![(Beat(0.0), start)],
            ended_at: Beat(0.0),
            between_chairs: Vec::new(),
            rescued: Vec::new(),
        }
    }

    /// Counts one event.
    fn apply(&mut self, scenario: &Scenario, e: &Event) {
        self.ended_at = e.at;
        match &e.kind {
            EventKind::Arrived {
                case,
                template,
                dues,
            } => {
                self.arrived(e.at, *case, *template, dues);
                self.chance(scenario, *case, 0);
            }
            EventKind::Relaid { case, dues } => self.relaid(*case, dues),
            EventKind::Played {
                case,
                step,
                dept,
                kind,
                judgement,
                ..
            } => self.played(
                *case,
                *step,
                PlayedRecord {
                    at: e.at,
                    dept: *dept,
                    kind: *kind,
                    grade: judgement.grade,
                },
                scenario,
            ),
            EventKind::Handoff { case, to_step, .. } => {
                self.cases[case.0 as usize].steps[*to_step].live_at = Some(e.at);
                self.chance(scenario, *case, *to_step);
            }
            EventKind::LooseReturned { case, step, .. } => self.chance(scenario, *case, *step),
            EventKind::DoubleWork { dept, .. } => {
                self.double_work += 1;
                self.departments[dept.0].double_work += 1;
            }
            EventKind::Stray { dept } => self.stray(*dept),
            EventKind::TooEarly { dept, .. } => {
                self.too_early += 1;
                self.departments[dept.0].too_early += 1;
            }
            EventKind::Dropped { case, step } => self.dropped(scenario, e.at, *case, *step),
            EventKind::Completed { case, .. } => {
                self.completed += 1;
                self.resolve(*case, Outcome::Completed, e.at);
            }
            EventKind::Lost {
                case,
                step,
                solved_but_unanswered,
            } => self.lost(scenario, e.at, *case, *step, *solved_but_unanswered),
            EventKind::Waiting { case } => self.cases[case.0 as usize].bars_waited += 1,
            EventKind::Audience { value, .. } => {
                self.audience_final = *value;
                self.audience_min = self.audience_min.min(*value);
                self.curve.push((e.at, *value));
            }
            EventKind::WalkedOut => self.walked_out = true,
            EventKind::BarStarted { .. } | EventKind::Ended { .. } => {}
        }
    }

    fn arrived(&mut self, at: Beat, case: CaseId, template: TemplateId, dues: &[Beat]) {
        self.total += 1;
        let mut record = CaseRecord {
            id: case,
            template,
            arrival: at,
            steps: dues
                .iter()
                .map(|&due| StepRecord {
                    due,
                    ..StepRecord::default()
                })
                .collect(),
            outcome: Outcome::Open,
            resolved_at: None,
            solved_but_unanswered: false,
            bars_waited: 0,
        };
        record.steps[0].live_at = Some(at);
        self.cases.push(record);
    }

    /// A rescue laid the rest of `case` out again.
    fn relaid(&mut self, case: CaseId, dues: &[Beat]) {
        for (step, due) in self.cases[case.0 as usize].steps.iter_mut().zip(dues) {
            step.due = *due;
        }
    }

    fn stray(&mut self, dept: DeptId) {
        self.strays += 1;
        self.departments[dept.0].strays += 1;
    }

    /// Step `step` of `case` appears where others may take it (a live gap note or a loose note
    /// come back): one chance for every department that may.
    fn chance(&mut self, scenario: &Scenario, case: CaseId, step: usize) {
        let template = self.cases[case.0 as usize].template;
        let owner = scenario.template(template).steps[step].owner;
        let loose = self.cases[case.0 as usize].steps[step].dropped_at.is_some();
        if !loose && matches!(owner, Owner::Dept(_)) {
            return;
        }
        for (d, row) in self.departments.iter_mut().enumerate() {
            if may_pick_up(owner, DeptId(d), scenario.departments[d].reach) {
                row.chances += 1;
            }
        }
    }

    fn played(&mut self, case: CaseId, step: usize, played: PlayedRecord, scenario: &Scenario) {
        if played.kind != PlayKind::Own {
            self.departments[played.dept.0].chances_taken += 1;
        }
        if played.kind == PlayKind::Rescue {
            let mut record = ChairRecord::new(scenario, &self.lying(case, step, played.at));
            record.rescued_by = Some(played.dept);
            self.rescued.push(record);
        }
        let row = &mut self.departments[played.dept.0];
        match played.grade {
            Grade::Perfect => row.perfect += 1,
            Grade::Good => row.good += 1,
            Grade::Ok => row.ok += 1,
        }
        match played.kind {
            PlayKind::Own => {}
            PlayKind::Claim => row.claims += 1,
            PlayKind::Rescue => {
                row.rescues += 1;
                self.rescues += 1;
            }
        }
        self.cases[case.0 as usize].steps[step].played = Some(played);
    }

    fn dropped(&mut self, scenario: &Scenario, at: Beat, case: CaseId, step: usize) {
        let record = &mut self.cases[case.0 as usize];
        record.steps[step].dropped_at = Some(at);
        record.steps[step].dropped_due = Some(record.steps[step].due);
        match scenario.template(record.template).steps[step].owner {
            Owner::Dept(o) => self.departments[o.0].drops += 1,
            Owner::Gap(_) => self.gap_drops += 1,
        }
    }

    fn lost(
        &mut self,
        scenario: &Scenario,
        at: Beat,
        case: CaseId,
        step: usize,
        solved_but_unanswered: bool,
    ) {
        let mut record = ChairRecord::new(scenario, &self.lying(case, step, at));
        record.solved_but_unanswered = solved_but_unanswered;
        self.between_chairs.push(record);
        self.lost += 1;
        self.solved_but_unanswered += u32::from(solved_but_unanswered);
        self.resolve(case, Outcome::Lost, at);
        self.cases[case.0 as usize].solved_but_unanswered = solved_but_unanswered;
    }

    fn resolve(&mut self, case: CaseId, outcome: Outcome, at: Beat) {
        let record = &mut self.cases[case.0 as usize];
        record.outcome = outcome;
        record.resolved_at = Some(at);
    }
}

impl Debrief {
    /// Step `step` of `case`, lying from the beat it was due on when it dropped until `until`.
    fn lying(&self, case: CaseId, step: usize, until: Beat) -> Lying {
        let record = &self.cases[case.0 as usize];
        let st = &record.steps[step];
        Lying {
            case,
            template: record.template,
            arrival: record.arrival,
            step,
            due: st.dropped_due.unwrap_or(st.due),
            until,
        }
    }

    /// The completed case that came closest to being lost, for a debrief where nothing fell
    /// between the chairs: of the completed cases with a rescued note, the one whose note lay
    /// longest before it was picked up; where none was rescued, the one that took longest from
    /// arrival to answer. Ties go to the earlier case. `None` when no case was completed.
    pub fn closest_call(&self, scenario: &Scenario) -> Option<CloseCall> {
        let bar = f64::from(scenario.beats_per_bar.max(1));
        self.cases
            .iter()
            .filter(|c| c.outcome == Outcome::Completed)
            .map(|c| {
                let rescued = self
                    .rescued
                    .iter()
                    .filter(|r| r.case == c.id)
                    .max_by_key(|r| r.bars_lying)
                    .cloned();
                let answered = c.resolved_at.unwrap_or(c.arrival);
                let bars = ((answered - c.arrival).0 / bar).round().max(0.0) as u32;
                CloseCall {
                    case: c.id,
                    template: c.template,
                    name: scenario.template(c.template).name.clone(),
                    arrival_bar: (c.arrival.0.max(0.0) / bar).floor() as u32 + 1,
                    bars_to_answer: bars,
                    rescued,
                }
            })
            .min_by_key(|k| {
                let lying = k.rescued.as_ref().map(|r| r.bars_lying);
                (
                    std::cmp::Reverse(lying.is_some()),
                    std::cmp::Reverse(lying.unwrap_or(0)),
                    std::cmp::Reverse(k.bars_to_answer),
                    k.case,
                )
            })
    }
}
