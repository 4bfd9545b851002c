//! The rules of the game as a deterministic, event-driven simulation: timestamped presses in,
//! events out. [`Sim::advance`] processes everything that falls due up to a time, so the game can
//! drive it frame by frame from its clock and `tutti simulate` can run a whole piece at once.
//!
//! This file holds the performance's state, what others may ask of it, and the dispatch of
//! scheduled work; a press is in [`super::press`], the life of a note in [`super::notes`].

use crate::scenario::{Audience, BarRange, CaseTemplate, DeptId, Owner, Reach, TemplateId};

use super::case::{CaseState, StepStatus};
use super::colleague::ColleagueAi;
use super::events::{CaseId, Event, EventKind, PlayKind};
use super::judge::Windows;
use super::pace::pace;
use super::queue::{Job, Schedule};
use super::time::{Beat, Metre, Millis, Tempo};

/// A key press: department `dept` pressed its key at song time `at`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Press {
    pub at: Beat,
    pub dept: DeptId,
}

impl Press {
    /// A press of department `dept` at beat `at`.
    pub fn new(at: Beat, dept: DeptId) -> Press {
        Press { at, dept }
    }
}

/// One change the simulation applied, as it applied it: its log ([`Sim::inputs`]) replayed on a
/// fresh simulation of the same scenario, seed and setup ([`Sim::replay`]) gives the same events.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum SimInput {
    /// Presses fed in one step: the simulation stood at `after`, took `presses` (each at the time
    /// it counted, never before `after`) and ran on to `until`.
    Presses {
        after: Beat,
        until: Beat,
        presses: Vec<Press>,
    },
    /// The tempo became `scale` × the scenario's at `at`.
    Tempo { at: Beat, scale: f64 },
    /// Department `dept` was handed to a person (`person`) or to its colleague at `at`.
    Seat {
        at: Beat,
        dept: DeptId,
        person: bool,
    },
    /// Department `dept`'s presses may come up to `ms` late (a phone over Wi-Fi) from `at` on.
    Allowance { at: Beat, dept: DeptId, ms: f64 },
}

impl SimInput {
    /// Where the simulation stood when the input was applied (a playback feeds it once its song
    /// clock is there, and never runs past it before).
    pub fn starts_at(&self) -> Beat {
        match self {
            SimInput::Presses { after, .. } => *after,
            SimInput::Tempo { at, .. }
            | SimInput::Seat { at, .. }
            | SimInput::Allowance { at, .. } => *at,
        }
    }
}

/// The largest network allowance a department may have, ms.
pub const MAX_ALLOWANCE_MS: f64 = 500.0;

/// Beats the simulation runs past the last arrival at most, so no file can make it run forever.
const MAX_CODA_BEATS: f64 = 100_000.0;

/// A note a colleague is going to play: known ahead, so that its sound can be scheduled on the
/// audio clock and land exactly on its time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlannedNote {
    pub at: Beat,
    pub dept: DeptId,
    pub case: CaseId,
    /// The case's template.
    pub template: TemplateId,
    pub step: usize,
}

/// One performance of a scenario. Built by [`super::SimBuilder`].
#[derive(Debug)]
pub struct Sim {
    pub(super) depts: usize,
    pub(super) metre: Metre,
    pub(super) base_bpm: f64,
    pub(super) tempo: Tempo,
    /// The windows asked for (scenario × difficulty).
    pub(super) wanted_windows: Windows,
    /// The windows in use: never wider than [`super::pace::MAX_WINDOW_BEATS`] of a beat.
    pub(super) windows: Windows,
    pub(super) lead: Beat,
    pub(super) gap: u32,
    pub(super) rescue_bars: u32,
    pub(super) length_bars: u32,
    pub(super) audience_rules: Audience,
    pub(super) audience: f64,
    pub(super) ai: Vec<ColleagueAi>,
    pub(super) humans: Vec<bool>,
    /// How late each department's presses may come (a phone's network allowance; 0 for keys
    /// and pads, whose presses are judged at once).
    pub(super) allowance: Vec<Millis>,
    /// Each department's reach (see [`may_pick_up`]).
    pub(super) reaches: Vec<Reach>,
    /// The due beat of each department's latest note, played or dropped: a stray nearer to it
    /// than to the next note is late for it rather than early for the next.
    pub(super) last_note: Vec<Option<Beat>>,
    pub(super) total_arrivals: usize,
    pub(super) arrivals_left: usize,
    pub(super) last_arrival: Beat,
    pub(super) templates: Vec<CaseTemplate>,
    /// Each template's step lengths in beats.
    pub(super) lengths: Vec<Vec<u32>>,
    pub(super) cases: Vec<CaseState>,
    pub(super) open: Vec<usize>,
    /// Cases whose last gap or loose note was claimed recently: open to double work.
    pub(super) claimed: Vec<usize>,
    pub(super) queue: Schedule,
    pub(super) now: Beat,
    pub(super) ended: bool,
    /// Practice: the bars played (the performance ends when the last is over).
    pub(super) bars: Option<BarRange>,
    /// The first beat played.
    pub(super) start: Beat,
    /// Every change applied so far, in order.
    pub(super) log: Vec<SimInput>,
}

impl Sim {
    /// Hands department `dept` to a person (`true`) or to its colleague (`false`) from now on: a
    /// note already live stays with whoever had it; the next ones follow the new choice. Used when
    /// a gamepad is unplugged mid-piece and plugged back in.
    pub fn set_human(&mut self, dept: DeptId, human: bool) {
        if let Some(h) = self.humans.get_mut(dept.0)
            && *h != human
        {
            *h = human;
            self.log.push(SimInput::Seat {
                at: self.now,
                dept,
                person: human,
            });
        }
    }

    /// Lets department `dept`'s presses come up to `ms` late (bounded to [`MAX_ALLOWANCE_MS`]):
    /// a press stamped that long ago is still judged by its stamp, and its own notes are dropped
    /// only that long after their window. 0 (keys and pads) judges at once.
    pub fn set_allowance(&mut self, dept: DeptId, ms: Millis) {
        let ms = Millis(if ms.0.is_finite() {
            ms.0.clamp(0.0, MAX_ALLOWANCE_MS)
        } else {
            0.0
        });
        if let Some(a) = self.allowance.get_mut(dept.0)
            && a.0 != ms.0
        {
            *a = ms;
            self.log.push(SimInput::Allowance {
                at: self.now,
                dept,
                ms: ms.0,
            });
        }
    }

    /// Department `dept`'s network allowance.
    pub fn allowance(&self, dept: DeptId) -> Millis {
        self.allowance.get(dept.0).copied().unwrap_or(Millis(0.0))
    }

    /// How long after its window a note waits for a late press, in beats at the current tempo:
    /// its owner's allowance; for a gap note, which anyone may claim, the largest.
    pub(super) fn allowance_beats(&self, owner: Owner) -> Beat {
        match owner {
            Owner::Dept(d) => self.tempo.beats(self.allowance(d)),
            Owner::Gap(_) => self.latest_press_beats(),
        }
    }

    /// The largest allowance of any department, in beats: the latest a press may still come.
    pub(super) fn latest_press_beats(&self) -> Beat {
        let ms = self.allowance.iter().map(|a| a.0).fold(0.0, f64::max);
        self.tempo.beats(Millis(ms))
    }

    /// The earliest a press of `dept` may count now: now, less its allowance.
    fn earliest_press(&self, dept: DeptId) -> Beat {
        let allowance = self.tempo.beats(self.allowance(dept));
        Beat((self.now.0 - allowance.0).max(self.start.0.min(self.now.0)))
    }

    /// Every change applied so far (presses, tempo, seats), in order: with the scenario, the seed
    /// and the setup, all a replay needs.
    pub fn inputs(&self) -> &[SimInput] {
        &self.log
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
        if start.0 > self.now.0 {
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
        if self.ended {
            return Vec::new();
        }
        let mut notes: Vec<PlannedNote> = self
            .queue
            .iter()
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
        self.humans.get(dept.0).copied().unwrap_or(false)
    }

    /// Processes everything due up to `to`, with `presses` (any order; each at or after the
    /// current time, less its department's allowance; earlier ones count as that), appending what
    /// happened to `out`.
    pub fn advance(&mut self, to: Beat, presses: &[Press], out: &mut Vec<Event>) {
        let taken: Vec<Press> = presses
            .iter()
            .filter(|p| p.dept.0 < self.depts && p.at.0.is_finite() && !self.ended)
            .map(|p| Press::new(Beat(p.at.0.max(self.earliest_press(p.dept).0)), p.dept))
            .collect();
        for p in &taken {
            self.queue.push(p.at, Job::Press(p.dept));
        }
        if !taken.is_empty() {
            self.log.push(SimInput::Presses {
                after: self.now,
                until: Beat(to.0.max(self.now.0)),
                presses: taken,
            });
        }
        while !self.ended {
            let Some((at, job)) = self.queue.pop_until(to) else {
                break;
            };
            self.now = Beat(self.now.0.max(at.0));
            self.run(at, job, out);
        }
        if !self.ended && to.0 > self.now.0 {
            self.now = to;
        }
    }

    /// Plays the whole piece with no presses (every department as set up) and returns its events.
    pub fn run_to_end(&mut self) -> Vec<Event> {
        let mut out = Vec::new();
        let limit = self.coda_limit().0;
        while !self.ended {
            let Some(next) = self.queue.next_at() else {
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
        Beat(
            self.last_arrival.0 + self.metre.bar().0 * f64::from(self.length_bars) + MAX_CODA_BEATS,
        )
    }

    /// When the next piece of scheduled work is due (it may turn out to have nothing to do).
    pub(super) fn next_job_at(&self) -> Option<Beat> {
        self.queue.next_at()
    }

    /// The practice bars, if only some bars are played.
    pub fn practice_bars(&self) -> Option<BarRange> {
        self.bars
    }

    /// The first beat played: 0, or the first beat of a practice range.
    pub fn start_beat(&self) -> Beat {
        self.start
    }

    /// The current song time.
    pub fn now(&self) -> Beat {
        self.now
    }

    /// The audience's satisfaction, 0–100.
    pub fn audience(&self) -> f64 {
        self.audience
    }

    /// The performance is over (every case resolved after the last arrival, or a walk-out).
    pub fn is_ended(&self) -> bool {
        self.ended
    }

    /// Every case that has arrived so far, in order of arrival.
    pub fn cases(&self) -> &[CaseState] {
        &self.cases
    }

    /// The cases still waiting for an answer, in order of arrival.
    pub fn open_cases(&self) -> impl Iterator<Item = &CaseState> {
        self.open.iter().map(|&i| &self.cases[i])
    }

    /// The case templates with their resolved steps (the scenario's `cases`).
    pub fn templates(&self) -> &[CaseTemplate] {
        &self.templates
    }

    /// The metre.
    pub fn metre(&self) -> Metre {
        self.metre
    }

    /// The current tempo.
    pub fn tempo(&self) -> Tempo {
        self.tempo
    }

    /// The timing windows in use (after difficulty).
    pub fn windows(&self) -> Windows {
        self.windows
    }

    /// How many customers will arrive in all.
    pub fn total_arrivals(&self) -> usize {
        self.total_arrivals
    }

    /// Changes the tempo to `scale` × the scenario's, from now on.
    pub fn set_tempo_scale(&mut self, scale: f64) {
        (self.tempo, self.windows) = pace(self.base_bpm, scale, self.wanted_windows);
        self.log.push(SimInput::Tempo {
            at: self.now,
            scale,
        });
    }

    /// Who may play step `step` of a case.
    pub fn owner(&self, case: &CaseState, step: usize) -> Owner {
        self.templates[case.template.0].steps[step].owner
    }

    /// True when `case` has waited longer than its patience at `at` (it drains the audience).
    pub fn is_impatient(&self, case: &CaseState, at: Beat) -> bool {
        let patience = self.templates[case.template.0].patience_bars;
        self.metre.past_patience(case.arrival, at, patience)
    }

    /// Where the current appearance of a loose note is due.
    pub fn loose_due(&self, dropped_due: Beat, appearance: u32) -> Beat {
        self.metre.loose_due(dropped_due, appearance)
    }

    /// The widest window, in beats at the current tempo.
    pub(super) fn ok_beats(&self) -> Beat {
        self.tempo.beats(self.windows.ok)
    }

    /// Department `dept` had a note due at `due`, played or dropped.
    pub(super) fn note_heard(&mut self, dept: DeptId, due: Beat) {
        let last = &mut self.last_note[dept.0];
        if last.is_none_or(|b| b.0 < due.0) {
            *last = Some(due);
        }
    }

    /// Whether `t` is inside the widest window around `due`.
    pub(super) fn in_window(&self, t: Beat, due: Beat) -> bool {
        self.tempo.millis(t - due).0.abs() <= self.windows.ok.0
    }

    /// May `dept` pick up step `step` of `case`: claim it as a gap note, pick it up once it was
    /// dropped, or (once someone has claimed it) double its work? See [`may_pick_up`].
    pub(super) fn may_pick_up(&self, case: &CaseState, step: usize, dept: DeptId) -> bool {
        may_pick_up(self.owner(case, step), dept, self.reaches[dept.0])
    }

    /// Each department's reach, top staff first.
    pub fn reaches(&self) -> &[Reach] {
        &self.reaches
    }

    /// Appends an event, unless the performance is over.
    pub(super) fn emit(&self, out: &mut Vec<Event>, at: Beat, kind: EventKind) {
        if !self.ended {
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
            && self.in_window(at, st.due)
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
            } if appearance > 0 => {
                Some((self.loose_due(dropped_due, appearance), PlayKind::Rescue))
            }
            _ => None,
        };
        if let Some((due, kind)) = target
            && c.epoch == epoch
            && c.is_open()
            && self.in_window(at, due)
            && !self.has_own_in_window(dept, at)
        {
            self.play(at, i, dept, kind, out);
        }
    }

    /// Whether `dept` has its own live note in the window at `t`.
    fn has_own_in_window(&self, dept: DeptId, t: Beat) -> bool {
        self.open.iter().any(|&i| {
            let c = &self.cases[i];
            let st = &c.steps[c.current];
            st.status == StepStatus::Live
                && self.owner(c, c.current) == Owner::Dept(dept)
                && self.in_window(t, st.due)
        })
    }
}

/// The rule of who may pick up a note that is not, or no longer, one department's own
/// (docs/rules.md §9, §10): a gap note may be claimed by the two departments it lies between (by
/// anyone, if it lies between nobody in particular); a dropped note may be picked up by its own
/// department and its neighbours on the score. A department of [`Reach::Anywhere`] may take any
/// gap note or loose note on the stage. The same rule says who may double a claim.
pub fn may_pick_up(owner: Owner, dept: DeptId, reach: Reach) -> bool {
    if reach == Reach::Anywhere {
        return true;
    }
    match owner {
        Owner::Dept(o) => o == dept || o.0 + 1 == dept.0 || dept.0 + 1 == o.0,
        Owner::Gap(between) => between.is_none_or(|b| b.a == dept || b.b == dept),
    }
}
