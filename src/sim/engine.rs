//! The rules of the game as a deterministic, event-driven simulation: timestamped presses in,
//! events out. [`Sim::advance`] processes everything that falls due up to a time, so the game can
//! drive it frame by frame from its clock and `tutti simulate` can run a whole piece at once.
//!
//! This file holds the performance's state as its groups (timing in [`super::pace`], who plays in
//! [`super::band`], the cases' templates in [`super::book`], the cases in [`super::caseload`], the
//! audience in [`super::audience`], the piece's extent in [`super::programme`], song time and
//! schedule in [`super::timeline`]), what others may ask of it, and the dispatch of scheduled
//! work; a press is in [`super::press`], the life of a note in [`super::notes`].

use crate::scenario::{BarRange, CaseTemplate, DeptId, Owner, Reach, TemplateId};

use super::audience::Satisfaction;
use super::band::Band;
use super::book::Book;
use super::case::{CaseState, StepStatus};
use super::caseload::Caseload;
use super::events::{CaseId, Event, EventKind, PlayKind};
use super::input::{Press, SimInput};
use super::judge::Windows;
use super::pace::Pace;
use super::programme::Programme;
use super::queue::Job;
use super::time::{Beat, Metre, Millis, Tempo};
use super::timeline::Timeline;

/// A note a colleague is going to play: known ahead, so that its sound can be scheduled on the
/// audio clock and land exactly on its time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlannedNote {
    /// When it will be played.
    pub at: Beat,
    /// The colleague's department.
    pub dept: DeptId,
    /// The case the note belongs to.
    pub case: CaseId,
    /// The case's template.
    pub template: TemplateId,
    /// The step, from 0.
    pub step: usize,
}

/// One performance of a scenario: its state grouped by what it is about, each group with its
/// rules beside it. Built by [`super::SimBuilder`].
#[derive(Debug)]
pub struct Sim {
    /// Metre, tempo and timing windows.
    pub(super) pace: Pace,
    /// Who plays each department.
    pub(super) band: Band,
    /// The case templates and the layout rule's numbers.
    pub(super) book: Book,
    /// Every case so far, the open ones, the recently claimed ones.
    pub(super) cases: Caseload,
    /// The audience's satisfaction.
    pub(super) audience: Satisfaction,
    /// The piece's length, practice bars, customers to come.
    pub(super) programme: Programme,
    /// Song time, scheduled work, the end, the log of changes.
    pub(super) timeline: Timeline,
}

impl Sim {
    /// Hands department `dept` to a person (`true`) or to its colleague (`false`) from now on: a
    /// note already live stays with whoever had it; the next ones follow the new choice. Used when
    /// a gamepad is unplugged mid-piece and plugged back in.
    pub(crate) fn set_human(&mut self, dept: DeptId, human: bool) {
        if self.band.set_human(dept, human) {
            let at = self.timeline.now();
            self.timeline.record(SimInput::Seat {
                at,
                dept,
                person: human,
            });
        }
    }

    /// Lets department `dept`'s presses come up to `ms` late (bounded to
    /// `MAX_ALLOWANCE_MS`): a press stamped that long ago is still judged by its stamp,
    /// and its own notes are dropped only that long after their window. 0 (keys and pads) judges
    /// at once.
    pub fn set_allowance(&mut self, dept: DeptId, ms: Millis) {
        if let Some(ms) = self.band.set_allowance(dept, ms) {
            let at = self.timeline.now();
            self.timeline
                .record(SimInput::Allowance { at, dept, ms: ms.0 });
        }
    }

    /// Department `dept`'s network allowance.
    pub fn allowance(&self, dept: DeptId) -> Millis {
        self.band.allowance(dept)
    }

    /// How long after its window a note waits for a late press, in beats at the current tempo:
    /// its owner's allowance; for a gap note, which anyone may claim, the largest.
    pub(super) fn allowance_beats(&self, owner: Owner) -> Beat {
        match owner {
            Owner::Dept(d) => self.pace.beats(self.band.allowance(d)),
            Owner::Gap(_) => self.latest_press_beats(),
        }
    }

    /// The largest allowance of any department, in beats: the latest a press may still come.
    pub(super) fn latest_press_beats(&self) -> Beat {
        self.pace.beats(self.band.latest_allowance())
    }

    /// The earliest a press of `dept` may count now: now, less its allowance.
    fn earliest_press(&self, dept: DeptId) -> Beat {
        let allowance = self.pace.beats(self.band.allowance(dept));
        let (now, start) = (self.timeline.now(), self.programme.start());
        Beat((now.0 - allowance.0).max(start.0.min(now.0)))
    }

    /// Every change applied so far (presses, tempo, seats), in order: with the scenario, the seed
    /// and the setup, all a replay needs.
    pub fn inputs(&self) -> &[SimInput] {
        self.timeline.inputs()
    }

    /// Applies a recorded log to this fresh simulation, then runs on to `until` (where the
    /// recorded performance stopped), appending the events to `out`.
    pub fn replay(&mut self, inputs: &[SimInput], until: Beat, out: &mut Vec<Event>) {
        for input in inputs {
            self.apply(input, out);
        }
        self.advance(until, &[], out);
    }

    /// Applies one recorded input: runs to where it was applied, then applies it as it was. At
    /// the very start nothing has run yet (not even the first bar): an input applied then, during
    /// the count-in, comes before it, as it did live.
    pub fn apply(&mut self, input: &SimInput, out: &mut Vec<Event>) {
        let start = input.starts_at();
        if start.0 > self.timeline.now().0 {
            self.advance(start, &[], out);
        }
        match input {
            SimInput::Presses { until, presses, .. } => self.advance(*until, presses, out),
            SimInput::Tempo { scale, .. } => self.set_tempo_scale(*scale),
            SimInput::Seat { dept, person, .. } => self.set_human(*dept, *person),
            SimInput::Allowance { dept, ms, .. } => self.set_allowance(*dept, Millis(*ms)),
        }
    }

    /// The colleagues' own notes that will sound up to `until`, as things stand (a tempo change
    /// or a restart can still move them). Their [`EventKind::Played`] events follow when the
    /// simulation reaches them.
    pub fn planned_notes(&self, until: Beat) -> Vec<PlannedNote> {
        if self.timeline.is_ended() {
            return Vec::new();
        }
        let mut notes: Vec<PlannedNote> = self
            .timeline
            .jobs()
            .filter_map(|(at, job)| {
                let Job::Play { dept, case, epoch } = job else {
                    return None;
                };
                let i = case.0 as usize;
                (at.0 <= until.0 && self.cases.get(i).is_some() && self.may_play_own(i, epoch, at))
                    .then(|| PlannedNote {
                        at,
                        dept,
                        case,
                        template: self.cases[i].template,
                        step: self.cases[i].current,
                    })
            })
            .collect();
        notes.sort_by(|a, b| a.at.0.total_cmp(&b.at.0).then(a.case.0.cmp(&b.case.0)));
        notes
    }

    /// Whether department `dept` is played by a person.
    pub fn is_human(&self, dept: DeptId) -> bool {
        self.band.is_human(dept)
    }

    /// Processes everything due up to `to`, with `presses` (any order; each at or after the
    /// current time, less its department's allowance; earlier ones count as that), appending what
    /// happened to `out`.
    pub fn advance(&mut self, to: Beat, presses: &[Press], out: &mut Vec<Event>) {
        let ended = self.timeline.is_ended();
        let taken: Vec<Press> = presses
            .iter()
            .filter(|p| p.dept.0 < self.band.len() && p.at.0.is_finite() && !ended)
            .map(|p| Press::new(Beat(p.at.0.max(self.earliest_press(p.dept).0)), p.dept))
            .collect();
        for p in &taken {
            self.timeline.schedule(p.at, Job::Press(p.dept));
        }
        if !taken.is_empty() {
            let after = self.timeline.now();
            self.timeline.record(SimInput::Presses {
                after,
                until: Beat(to.0.max(after.0)),
                presses: taken,
            });
        }
        while !self.timeline.is_ended() {
            let Some((at, job)) = self.timeline.next_until(to) else {
                break;
            };
            self.run(at, job, out);
        }
        self.timeline.reach(to);
    }

    /// Plays the whole piece with no presses (every department as set up) and returns its events.
    pub fn run_to_end(&mut self) -> Vec<Event> {
        let mut out = Vec::new();
        let limit = self.coda_limit().0;
        while !self.timeline.is_ended() {
            let Some(next) = self.timeline.next_at() else {
                break;
            };
            if next.0 > limit {
                break;
            }
            self.advance(next, &[], &mut out);
        }
        out
    }

    /// The latest time a performance is run to, so that no file can make it run forever.
    pub(super) fn coda_limit(&self) -> Beat {
        self.programme.coda_limit(self.pace.metre().bar())
    }

    /// When the next piece of scheduled work is due (it may turn out to have nothing to do).
    pub(super) fn next_job_at(&self) -> Option<Beat> {
        self.timeline.next_at()
    }

    /// The practice bars, if only some bars are played.
    pub(crate) fn practice_bars(&self) -> Option<BarRange> {
        self.programme.practice_bars()
    }

    /// The first beat played: 0, or the first beat of a practice range.
    pub fn start_beat(&self) -> Beat {
        self.programme.start()
    }

    /// The current song time.
    pub fn now(&self) -> Beat {
        self.timeline.now()
    }

    /// The audience's satisfaction, 0–100.
    pub fn audience(&self) -> f64 {
        self.audience.value()
    }

    /// The performance is over (every case resolved after the last arrival, or a walk-out).
    pub fn is_ended(&self) -> bool {
        self.timeline.is_ended()
    }

    /// Every case that has arrived so far, in order of arrival.
    pub fn cases(&self) -> &[CaseState] {
        self.cases.all()
    }

    /// The cases still waiting for an answer, in order of arrival.
    pub fn open_cases(&self) -> impl Iterator<Item = &CaseState> {
        self.cases.open_cases()
    }

    /// The case templates with their resolved steps (the scenario's `cases`).
    pub fn templates(&self) -> &[CaseTemplate] {
        self.book.templates()
    }

    /// The metre.
    pub fn metre(&self) -> Metre {
        self.pace.metre()
    }

    /// The current tempo.
    pub fn tempo(&self) -> Tempo {
        self.pace.tempo()
    }

    /// The timing windows in use (after difficulty).
    pub fn windows(&self) -> Windows {
        self.pace.windows()
    }

    /// Changes the tempo to `scale` × the scenario's, from now on.
    pub fn set_tempo_scale(&mut self, scale: f64) {
        self.pace.set_scale(scale);
        let at = self.timeline.now();
        self.timeline.record(SimInput::Tempo { at, scale });
    }

    /// Who may play step `step` of a case.
    pub fn owner(&self, case: &CaseState, step: usize) -> Owner {
        self.book.owner(case, step)
    }

    /// True when `case` has waited longer than its patience at `at` (it drains the audience).
    pub(crate) fn is_impatient(&self, case: &CaseState, at: Beat) -> bool {
        let patience = self.book.patience_bars(case);
        self.pace.metre().past_patience(case.arrival, at, patience)
    }

    /// Where the current appearance of a loose note is due.
    pub fn loose_due(&self, dropped_due: Beat, appearance: u32) -> Beat {
        self.pace.loose_due(dropped_due, appearance)
    }

    /// May `dept` pick up step `step` of `case`: claim it as a gap note, pick it up once it was
    /// dropped, or (once someone has claimed it) double its work? See [`super::may_pick_up`].
    pub(super) fn may_pick_up(&self, case: &CaseState, step: usize, dept: DeptId) -> bool {
        self.band.may_pick_up(self.book.owner(case, step), dept)
    }

    /// Each department's reach, top staff first.
    pub fn reaches(&self) -> &[Reach] {
        self.band.reaches()
    }

    /// Appends an event, unless the performance is over.
    pub(super) fn emit(&self, out: &mut Vec<Event>, at: Beat, kind: EventKind) {
        if !self.timeline.is_ended() {
            out.push(Event { at, kind });
        }
    }

    /// Does one piece of scheduled work.
    fn run(&mut self, at: Beat, job: Job, out: &mut Vec<Event>) {
        match job {
            Job::Bar(bar) => self.start_bar(at, bar, out),
            Job::Arrival(template) => self.arrive(at, template, out),
            Job::Press(dept) => self.press(dept, at, out),
            Job::Play { dept, case, epoch } => self.colleague_play(at, dept, case, epoch, out),
            Job::Claim { dept, case, epoch } => self.colleague_claim(at, dept, case, epoch, out),
            Job::Close { case, epoch } => self.close_window(at, case, epoch, out),
            Job::LooseReturn {
                case,
                epoch,
                appearance,
            } => self.loose_return(at, case, epoch, appearance, out),
            Job::LooseClose { case, epoch } => self.loose_close(at, case, epoch, out),
        }
    }

    /// Whether the own note a colleague planned for (case `i` as of `epoch`) is still live and
    /// `at` is in its window.
    fn may_play_own(&self, i: usize, epoch: u32, at: Beat) -> bool {
        let c = &self.cases[i];
        let st = &c.steps[c.current];
        c.epoch == epoch
            && c.is_open()
            && st.status == StepStatus::Live
            && self.pace.in_window(at, st.due)
    }

    /// A colleague plays the note it planned for, if it is still there in time; a press that
    /// misses its window plays nothing (the note will drop).
    fn colleague_play(
        &mut self,
        at: Beat,
        dept: DeptId,
        case: CaseId,
        epoch: u32,
        out: &mut Vec<Event>,
    ) {
        let i = case.0 as usize;
        if self.may_play_own(i, epoch, at) {
            self.play(at, i, dept, PlayKind::Own, out);
        }
    }

    /// A colleague reaches for this gap or loose note only: if somebody took it first, or its own
    /// note is due, or it is out of time, it does nothing.
    fn colleague_claim(
        &mut self,
        at: Beat,
        dept: DeptId,
        case: CaseId,
        epoch: u32,
        out: &mut Vec<Event>,
    ) {
        let i = case.0 as usize;
        let c = &self.cases[i];
        let target = match c.steps[c.current].status {
            StepStatus::Live => Some((c.steps[c.current].due, PlayKind::Claim)),
            StepStatus::Loose {
                dropped_due,
                appearance,
            } if appearance > 0 => Some((
                self.pace.loose_due(dropped_due, appearance),
                PlayKind::Rescue,
            )),
            _ => None,
        };
        if let Some((due, kind)) = target
            && c.epoch == epoch
            && c.is_open()
            && self.pace.in_window(at, due)
            && !self.has_own_in_window(dept, at)
        {
            self.play(at, i, dept, kind, out);
        }
    }

    /// Whether `dept` has its own live note in the window at `t`.
    fn has_own_in_window(&self, dept: DeptId, t: Beat) -> bool {
        self.cases.open().any(|i| {
            let c = &self.cases[i];
            let st = &c.steps[c.current];
            st.status == StepStatus::Live
                && self.owner(c, c.current) == Owner::Dept(dept)
                && self.pace.in_window(t, st.due)
        })
    }
}
