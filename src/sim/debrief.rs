//! The debrief: the figures of a performance, computed from its event stream alone.

use crate::scenario::{DeptId, Owner, Scenario, TemplateId};

use super::band::may_pick_up;
use super::case::Outcome;
use super::chairs::{ChairRecord, CloseCall, Lying};
use super::events::{CaseId, Cause, Event, EventKind, PlayKind};
use super::judge::Grade;
use super::time::Beat;

/// One department's row.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct DeptStats {
    /// The department's id in the file.
    pub id: String,
    /// Its display name.
    pub name: String,
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
    /// When it was played.
    pub at: Beat,
    /// The department that played it.
    pub dept: DeptId,
    /// Own note, claim or rescue.
    pub kind: PlayKind,
    /// How well it was timed.
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
    /// The case, by order of arrival.
    pub id: CaseId,
    /// The case template it was made from.
    pub template: TemplateId,
    /// When the customer arrived.
    pub arrival: Beat,
    /// Each step's record, in order.
    pub steps: Vec<StepRecord>,
    /// Open, completed or lost.
    pub outcome: Outcome,
    /// When it was completed or lost.
    pub resolved_at: Option<Beat>,
    /// Every step but the last was played, and the customer still gave up.
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
    /// Gap notes nobody claimed in time.
    pub gap_drops: u32,
    /// Presses that played nothing.
    pub strays: u32,
    /// Strays that came in the beat before a note and missed it (docs/rules.md §6).
    pub too_early: u32,
    /// The satisfaction meter at the end, 0–100.
    pub audience_final: f64,
    /// The lowest the meter went, 0–100.
    pub audience_min: f64,
    /// The audience walked out before the end.
    pub walked_out: bool,
    /// One row per department, in the file's order.
    pub departments: Vec<DeptStats>,
    /// Every case's timeline, by order of arrival.
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
    /// Why the audience walked out, when it did: the bar, and what each cause cost the meter.
    pub walk_out: Option<WalkOut>,
}

impl Debrief {
    /// Computes the debrief of `scenario` from the events of a performance.
    pub fn from_events(scenario: &Scenario, events: &[Event]) -> Debrief {
        let mut fold = DebriefFold::new(scenario);
        for e in events {
            fold.apply(scenario, e);
        }
        fold.debrief()
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
            walk_out: None,
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
                self.handoff(scenario, e.at, *case, *to_step)
            }
            EventKind::LooseReturned { case, step, .. } => self.chance(scenario, *case, *step),
            EventKind::DoubleWork { dept, .. } => self.doubled(*dept),
            EventKind::Stray { dept } => self.stray(*dept),
            EventKind::TooEarly { dept, .. } => self.early(*dept),
            EventKind::Dropped { case, step } => self.dropped(scenario, e.at, *case, *step),
            EventKind::Completed { case, .. } => self.answered(*case, e.at),
            EventKind::Lost {
                case,
                step,
                solved_but_unanswered,
            } => self.lost(scenario, e.at, *case, *step, *solved_but_unanswered),
            EventKind::Waiting { case } => self.cases[case.0 as usize].bars_waited += 1,
            EventKind::Audience { value, .. } => self.meter_moved(e.at, *value),
            EventKind::WalkedOut => self.walked_out = true,
            EventKind::BarStarted { .. } | EventKind::Ended { .. } => {}
        }
    }

    /// `case`, of `template`, arrived at `at` with its steps due at `dues`.
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

    /// The piece moved on to step `to_step` of `case`: it is live from `at`.
    fn handoff(&mut self, scenario: &Scenario, at: Beat, case: CaseId, to_step: usize) {
        self.cases[case.0 as usize].steps[to_step].live_at = Some(at);
        self.chance(scenario, case, to_step);
    }

    /// `dept` played a note another department had already played.
    fn doubled(&mut self, dept: DeptId) {
        self.double_work += 1;
        self.departments[dept.0].double_work += 1;
    }

    /// `dept` pressed in the beat before its note and missed it.
    fn early(&mut self, dept: DeptId) {
        self.too_early += 1;
        self.departments[dept.0].too_early += 1;
    }

    /// `case` was answered at `at`.
    fn answered(&mut self, case: CaseId, at: Beat) {
        self.completed += 1;
        self.resolve(case, Outcome::Completed, at);
    }

    /// The meter moved to `value` at `at`.
    fn meter_moved(&mut self, at: Beat, value: f64) {
        self.audience_final = value;
        self.audience_min = self.audience_min.min(value);
        self.curve.push((at, value));
    }

    /// `dept` pressed with no note to play.
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

/// Why the audience walked out: the bar it left in, and what the meter lost to each cause.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WalkOut {
    /// The bar it walked out in (from 1, as the stage counts them).
    pub bar: u32,
    /// Every cause that cost the audience something, the biggest cost first (ties in the order
    /// of [`Cause`]).
    pub causes: Vec<CauseCost>,
}

/// What one cause cost the audience over a performance.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct CauseCost {
    /// The cause.
    pub cause: Cause,
    /// How many times it cost something: presses that played nothing ([`Cause::Stray`]), dropped
    /// notes ([`Cause::Discord`]), customers who gave up ([`Cause::Lost`]), notes played twice
    /// ([`Cause::DoubleWork`]); for [`Cause::Waiting`], the customers who waited too long (each
    /// once, however many bars they waited).
    pub count: u32,
    /// What the meter lost to it, in points: the changes it really made (kept within 0–100),
    /// summed.
    pub cost: f64,
    /// Of the dropped notes, those missed by a press too early ([`EventKind::TooEarly`]); 0 for
    /// any other cause.
    pub too_early: u32,
}

/// A debrief folded one event at a time, as a performance plays: after the same events, the same
/// figures as [`Debrief::from_events`]. The game keeps one beside the score, so the figures of the
/// piece so far, and of a finished piece, are read, never computed again.
#[derive(Debug, Clone)]
pub(crate) struct DebriefFold {
    debrief: Debrief,
    costs: CostTally,
}

impl DebriefFold {
    /// The figures before anything happened.
    pub fn new(scenario: &Scenario) -> DebriefFold {
        DebriefFold {
            debrief: Debrief::new(scenario),
            costs: CostTally::default(),
        }
    }

    /// Folds in the next event.
    pub fn apply(&mut self, scenario: &Scenario, e: &Event) {
        self.debrief.apply(scenario, e);
        self.costs.apply(e);
    }

    /// The figures so far, with why the audience walked out where it did.
    pub fn debrief(&self) -> Debrief {
        let mut d = self.debrief.clone();
        d.walk_out = d.walked_out.then(|| self.costs.walk_out());
        d
    }
}

/// What the meter has lost so far, cause by cause, as [`Debrief::from_events`] folds the events
/// in.
#[derive(Debug, Clone, Default)]
struct CostTally {
    /// The bar being played.
    bar: u32,
    /// The causes that cost something so far, in the order they first did.
    causes: Vec<CauseCost>,
    /// A press came too early for a note: the discord of its drop is counted as too early.
    too_early_pending: bool,
    /// The customers waiting too long at the start of this bar, whose drain is still to come.
    waiting_now: Vec<CaseId>,
    /// The customers whose waiting has cost something, each once.
    waited: Vec<CaseId>,
}

impl CostTally {
    /// Counts one event.
    fn apply(&mut self, e: &Event) {
        match &e.kind {
            EventKind::BarStarted { bar } => {
                self.bar = *bar;
                self.waiting_now.clear();
            }
            EventKind::TooEarly { .. } => self.too_early_pending = true,
            EventKind::Waiting { case } => self.waiting_now.push(*case),
            EventKind::Audience { delta, cause, .. } => self.moved(*delta, *cause),
            _ => {}
        }
    }

    /// The meter moved by `delta` (as it really moved) for `cause`.
    fn moved(&mut self, delta: f64, cause: Cause) {
        let early = cause == Cause::Discord && std::mem::take(&mut self.too_early_pending);
        if delta >= 0.0 {
            return;
        }
        let count = match cause {
            Cause::Waiting => {
                let new: Vec<CaseId> = std::mem::take(&mut self.waiting_now)
                    .into_iter()
                    .filter(|c| !self.waited.contains(c))
                    .collect();
                self.waited.extend(&new);
                new.len() as u32
            }
            _ => 1,
        };
        let i = match self.causes.iter().position(|c| c.cause == cause) {
            Some(i) => i,
            None => {
                self.causes.push(CauseCost {
                    cause,
                    count: 0,
                    cost: 0.0,
                    too_early: 0,
                });
                self.causes.len() - 1
            }
        };
        let row = &mut self.causes[i];
        row.count += count;
        row.cost -= delta;
        row.too_early += u32::from(early);
    }

    /// The reasons as they stand: the biggest cost first.
    fn walk_out(&self) -> WalkOut {
        let mut causes = self.causes.clone();
        causes.sort_by(|a, b| {
            b.cost
                .total_cmp(&a.cost)
                .then_with(|| (a.cause as u8).cmp(&(b.cause as u8)))
        });
        WalkOut {
            bar: self.bar.max(1),
            causes,
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{Metre, Seat, SimBuilder, Strategy, play_seated};

    const LEVEL_4: &str = include_str!("../../levels/04-the-call-nobody-makes.en.ron");

    fn level_4() -> Scenario {
        crate::scenario::load_str("04-the-call-nobody-makes.en.ron", LEVEL_4).unwrap()
    }

    /// The meter's event for a change of `delta`, kept within 0–100 as the engine keeps it.
    fn meter(value: &mut f64, delta: f64, cause: Cause) -> EventKind {
        let before = *value;
        *value = (before + delta).clamp(0.0, 100.0);
        EventKind::Audience {
            value: *value,
            delta: *value - before,
            cause,
        }
    }

    fn cost(w: &WalkOut, cause: Cause) -> Option<CauseCost> {
        w.causes.iter().find(|c| c.cause == cause).copied()
    }

    /// A walk-out written out by hand: a reply, strays (one too early), waiting, a customer
    /// lost, and a last stray the meter could only lose 1 point to.
    fn walk_out_by_hand(s: &Scenario) -> Vec<Event> {
        let mut v = s.audience.start;
        let (case, me) = (CaseId(0), DeptId(0));
        let stray = EventKind::Stray { dept: me };
        let mut kinds = vec![
            EventKind::BarStarted { bar: 1 },
            EventKind::Arrived {
                case,
                template: TemplateId(0),
                dues: [4.0, 6.0, 9.0, 11.0].map(Beat).into(),
            },
            meter(&mut v, 6.0, Cause::Reply),
            stray.clone(),
            meter(&mut v, -1.5, Cause::Stray),
            stray.clone(),
            meter(&mut v, -1.5, Cause::Stray),
            EventKind::TooEarly {
                dept: me,
                case,
                step: 0,
            },
            EventKind::Dropped { case, step: 0 },
            meter(&mut v, -4.0, Cause::Discord),
        ];
        for bar in [2, 3] {
            kinds.push(EventKind::BarStarted { bar });
            kinds.push(EventKind::Waiting { case });
            kinds.push(meter(&mut v, -0.25, Cause::Waiting));
        }
        kinds.push(EventKind::Lost {
            case,
            step: 0,
            solved_but_unanswered: false,
        });
        kinds.push(meter(&mut v, -12.0, Cause::Lost));
        while v > 0.0 {
            kinds.push(stray.clone());
            kinds.push(meter(&mut v, -1.5, Cause::Stray));
        }
        kinds.push(EventKind::WalkedOut);
        kinds.push(EventKind::Ended { walked_out: true });
        kinds
            .into_iter()
            .map(|kind| Event {
                at: Beat(9.0),
                kind,
            })
            .collect()
    }

    #[test]
    fn a_walk_out_sums_what_the_meter_really_lost_to_each_cause_biggest_first() {
        let s = level_4();
        assert_eq!(s.audience.start, 70.0);
        let d = Debrief::from_events(&s, &walk_out_by_hand(&s));
        let w = d.walk_out.expect("the audience walked out");
        assert_eq!(w.bar, 3);
        let order: Vec<Cause> = w.causes.iter().map(|c| c.cause).collect();
        assert_eq!(
            order,
            [Cause::Stray, Cause::Lost, Cause::Discord, Cause::Waiting]
        );
        // 70 + 6 = 76 lost in all; the last stray could only take the 1 point left.
        let strays = cost(&w, Cause::Stray).unwrap();
        assert_eq!((strays.count, strays.cost), (d.strays, 76.0 - 16.5));
        assert_eq!(strays.cost, 1.5 * 39.0 + 1.0);
        let discord = cost(&w, Cause::Discord).unwrap();
        assert_eq!(
            (discord.count, discord.cost, discord.too_early),
            (1, 4.0, 1)
        );
        let lost = cost(&w, Cause::Lost).unwrap();
        assert_eq!((lost.count, lost.cost, lost.too_early), (1, 12.0, 0));
        // One customer waited two bars: counted once, both drains summed.
        let waiting = cost(&w, Cause::Waiting).unwrap();
        assert_eq!((waiting.count, waiting.cost), (1, 0.5));
        assert!(cost(&w, Cause::Reply).is_none(), "a reward costs nothing");
    }

    #[test]
    fn mashers_on_level_4_walk_out_for_strays_and_notes_missed_too_early() {
        let s = level_4();
        let seats = ["service", "it"]
            .map(|id| Seat::new(s.department_index(id).unwrap(), Strategy::Masher));
        let events = play_seated(&s, 1, &seats);
        let d = Debrief::from_events(&s, &events);
        assert!(d.walked_out);
        let w = d.walk_out.clone().expect("a reason for the walk-out");
        // The bar is the one the walk-out came in.
        let at = events
            .iter()
            .find(|e| e.kind == EventKind::WalkedOut)
            .unwrap()
            .at;
        let metre = Metre {
            beats_per_bar: s.beats_per_bar,
        };
        assert_eq!(w.bar, metre.bar_of(at));
        let strays = cost(&w, Cause::Stray).expect("the presses that played nothing cost");
        assert_eq!(strays.count, d.strays);
        let discord = cost(&w, Cause::Discord).expect("notes were dropped");
        assert!(discord.too_early > 0, "{w:?}");
        assert_eq!(discord.too_early, d.too_early);
        // Biggest first; only what cost something; together what the meter lost in all.
        assert!(w.causes.windows(2).all(|p| p[0].cost >= p[1].cost));
        assert!(w.causes.iter().all(|c| c.cost > 0.0 && c.count > 0));
        let gained: f64 = events
            .iter()
            .filter_map(|e| match e.kind {
                EventKind::Audience { delta, .. } if delta > 0.0 => Some(delta),
                _ => None,
            })
            .sum();
        let lost: f64 = w.causes.iter().map(|c| c.cost).sum();
        assert!((lost - (s.audience.start + gained)).abs() < 1e-9, "{lost}");
    }

    #[test]
    fn when_the_audience_stays_there_is_no_reason_to_give() {
        let s = level_4();
        let d = Debrief::from_events(&s, &SimBuilder::new(&s).seed(1).build().run_to_end());
        assert!(!d.walked_out);
        assert_eq!(d.walk_out, None);
    }
}
