//! The rules of the game as a deterministic, event-driven simulation: timestamped presses in,
//! events out. [`Sim::advance`] processes everything that falls due up to a time, so the game can
//! drive it frame by frame from its clock and `tutti simulate` can run a whole piece at once.

use crate::scenario::{Audience, CaseInfo, Owner, Scenario};

use super::arrivals::plan_arrivals;
use super::case::{CaseState, Outcome, StepStatus};
use super::colleague::ColleagueAi;
use super::events::{CaseId, Cause, Event, EventKind, PlayKind};
use super::judge::{Windows, judge};
use super::queue::{Job, Schedule};
use super::time::{Beat, Metre, Millis, Tempo};

/// A key press: department `dept` pressed its key at song time `at`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Press {
    pub at: Beat,
    pub dept: usize,
}

impl Press {
    /// A press of department `dept` at beat `at`.
    pub fn new(at: Beat, dept: usize) -> Press {
        Press { at, dept }
    }
}

/// Beats the simulation runs past the last arrival at most, so no file can make it run forever.
const MAX_CODA_BEATS: f64 = 100_000.0;

/// A note a colleague is going to play: known ahead, so that its sound can be scheduled on the
/// audio clock and land exactly on its time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlannedNote {
    pub at: Beat,
    pub dept: usize,
    pub case: CaseId,
    pub step: usize,
}

/// Builds a [`Sim`]: who plays which department, difficulty and tempo.
#[derive(Debug, Clone)]
pub struct SimBuilder<'a> {
    scenario: &'a Scenario,
    seed: u64,
    humans: Vec<bool>,
    window_scale: f64,
    tempo_scale: f64,
    bars: Option<(u32, u32)>,
}

impl<'a> SimBuilder<'a> {
    /// A performance of `scenario` with its own seed, every department played by its colleague.
    pub fn new(scenario: &'a Scenario) -> SimBuilder<'a> {
        SimBuilder {
            scenario,
            seed: scenario.seed,
            humans: vec![false; scenario.departments.len()],
            window_scale: 1.0,
            tempo_scale: 1.0,
            bars: None,
        }
    }

    /// Plays only bars `from..=to` (for practice): the performance starts at the first beat of
    /// bar `from`, only the customers arriving in those bars come, and it ends when bar `to` is
    /// over (or when the audience walks out).
    pub fn bars(mut self, from: u32, to: u32) -> Self {
        let from = from.max(1);
        self.bars = Some((from, to.max(from)));
        self
    }

    /// Replaces the scenario's seed.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Department `dept` is played by a person: its colleague stays silent.
    pub fn human(mut self, dept: usize) -> Self {
        if let Some(h) = self.humans.get_mut(dept) {
            *h = true;
        }
        self
    }

    /// Timing windows × `scale` (difficulty: 1.5 relaxed, 1 normal, 0.5 strict).
    pub fn window_scale(mut self, scale: f64) -> Self {
        self.window_scale = scale;
        self
    }

    /// Tempo × `scale` (0.5–1 in the lobby).
    pub fn tempo_scale(mut self, scale: f64) -> Self {
        self.tempo_scale = scale;
        self
    }

    /// Starts the performance at beat 0.
    pub fn build(self) -> Sim {
        let s = self.scenario;
        let metre = Metre {
            beats_per_bar: s.beats_per_bar,
        };
        let mut arrivals = plan_arrivals(s, self.seed);
        let first_bar = self.bars.map_or(1, |(from, _)| from);
        let start = metre.bar_start(first_bar);
        if let Some((from, to)) = self.bars {
            arrivals.retain(|(at, _)| (from..=to).contains(&metre.bar_of(*at)));
        }
        let mut queue = Schedule::default();
        queue.push(start, Job::Bar(first_bar));
        for &(at, template) in &arrivals {
            queue.push(at, Job::Arrival(template));
        }
        let templates = s.case_infos();
        let lengths = templates
            .iter()
            .map(|c| c.steps.iter().map(|st| st.beats).collect())
            .collect();
        let windows = Windows {
            perfect: Millis(s.timing.perfect_ms),
            good: Millis(s.timing.good_ms),
            ok: Millis(s.timing.ok_ms),
        }
        .scaled(self.window_scale);
        let tempo = Tempo::from_bpm(s.tempo_bpm * self.tempo_scale);
        Sim {
            wanted_windows: windows,
            windows: clamp_windows(windows, tempo),
            depts: s.departments.len(),
            metre,
            base_bpm: s.tempo_bpm,
            tempo,
            lead: Beat(f64::from(s.lead_beats)),
            gap: s.handoff_gap_beats,
            rescue_bars: s.rescue_bars,
            length_bars: s.length_bars,
            audience_rules: s.audience.clone(),
            audience: s.audience.start.clamp(0.0, 100.0),
            ai: (0..s.departments.len())
                .map(|d| ColleagueAi::new(s.colleague(d), self.seed, d))
                .collect(),
            humans: self.humans,
            total_arrivals: arrivals.len(),
            arrivals_left: arrivals.len(),
            last_arrival: arrivals.last().map_or(Beat(0.0), |a| a.0),
            templates,
            lengths,
            cases: Vec::new(),
            open: Vec::new(),
            claimed: Vec::new(),
            queue,
            now: start,
            ended: false,
            last_bar: self.bars.map(|(_, to)| to),
            start,
        }
    }
}

/// One performance of a scenario.
#[derive(Debug)]
pub struct Sim {
    depts: usize,
    metre: Metre,
    base_bpm: f64,
    tempo: Tempo,
    /// The windows asked for (scenario × difficulty).
    wanted_windows: Windows,
    /// The windows in use: never wider than [`MAX_WINDOW_BEATS`] of a beat.
    windows: Windows,
    lead: Beat,
    gap: u32,
    rescue_bars: u32,
    length_bars: u32,
    audience_rules: Audience,
    audience: f64,
    ai: Vec<ColleagueAi>,
    humans: Vec<bool>,
    total_arrivals: usize,
    arrivals_left: usize,
    last_arrival: Beat,
    templates: Vec<CaseInfo>,
    lengths: Vec<Vec<u32>>,
    cases: Vec<CaseState>,
    open: Vec<usize>,
    /// Cases whose last gap or loose note was claimed recently: open to double work.
    claimed: Vec<usize>,
    queue: Schedule,
    now: Beat,
    ended: bool,
    /// Practice: the last bar played (the performance ends when it is over).
    last_bar: Option<u32>,
    /// The first beat played.
    start: Beat,
}

/// What a press found to play.
enum Target {
    Own(usize),
    Claim(usize),
    Rescue(usize),
    Double(usize),
}

impl Sim {
    /// Hands department `dept` to a person (`true`) or to its colleague (`false`) from now on: a
    /// note already live stays with whoever had it; the next ones follow the new choice. Used when
    /// a gamepad is unplugged mid-piece and plugged back in.
    pub fn set_human(&mut self, dept: usize, human: bool) {
        if let Some(h) = self.humans.get_mut(dept) {
            *h = human;
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
                let c = self.cases.get(case.0 as usize)?;
                let st = &c.steps[c.current];
                (at.0 <= until.0
                    && c.epoch == epoch
                    && c.is_open()
                    && st.status == StepStatus::Live
                    && self.in_window(at, st.due))
                .then_some(PlannedNote {
                    at,
                    dept,
                    case,
                    step: c.current,
                })
            })
            .collect();
        notes.sort_by(|a, b| a.at.0.total_cmp(&b.at.0).then(a.case.0.cmp(&b.case.0)));
        notes
    }

    /// Whether department `dept` is played by a person.
    pub fn is_human(&self, dept: usize) -> bool {
        self.humans.get(dept).copied().unwrap_or(false)
    }

    /// Processes everything due up to `to`, with `presses` (any order; each at or after the
    /// current time, earlier ones count as now), appending what happened to `out`.
    pub fn advance(&mut self, to: Beat, presses: &[Press], out: &mut Vec<Event>) {
        for p in presses {
            if p.dept < self.depts && p.at.0.is_finite() {
                self.queue
                    .push(Beat(p.at.0.max(self.now.0)), Job::Press(p.dept));
            }
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
        let limit =
            self.last_arrival.0 + self.metre.bar().0 * f64::from(self.length_bars) + MAX_CODA_BEATS;
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

    /// The practice range, if only some bars are played.
    pub fn practice_bars(&self) -> Option<(u32, u32)> {
        self.last_bar
            .map(|to| (self.metre.bar_of(self.start_beat()), to))
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

    /// The case templates with their resolved steps.
    pub fn templates(&self) -> &[CaseInfo] {
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
        self.tempo = Tempo::from_bpm(self.base_bpm * scale);
        self.windows = clamp_windows(self.wanted_windows, self.tempo);
    }

    /// Who may play step `step` of a case.
    pub fn owner(&self, case: &CaseState, step: usize) -> Owner {
        self.templates[case.template].steps[step].owner
    }

    /// True when `case` has waited longer than its patience at `at` (it drains the audience).
    pub fn is_impatient(&self, case: &CaseState, at: Beat) -> bool {
        let patience = f64::from(self.templates[case.template].patience_bars) * self.metre.bar().0;
        (at - case.arrival).0 > patience
    }

    /// Where the current appearance of a loose note is due.
    pub fn loose_due(&self, dropped_due: Beat, appearance: u32) -> Beat {
        dropped_due + Beat(self.metre.bar().0 * f64::from(appearance))
    }

    fn ok_beats(&self) -> Beat {
        self.tempo.beats(self.windows.ok)
    }

    fn in_window(&self, t: Beat, due: Beat) -> bool {
        self.tempo.millis(t - due).0.abs() <= self.windows.ok.0
    }

    fn emit(&self, out: &mut Vec<Event>, at: Beat, kind: EventKind) {
        if !self.ended {
            out.push(Event { at, kind });
        }
    }

    fn run(&mut self, at: Beat, job: Job, out: &mut Vec<Event>) {
        match job {
            Job::Bar(bar) => self.start_bar(at, bar, out),
            Job::Arrival(template) => self.arrive(at, template, out),
            Job::Press(dept) => self.press(dept, at, out),
            Job::Play { dept, case, epoch } => {
                // A colleague plays the note it planned for, if it is still there in time;
                // a press that misses its window plays nothing (the note will drop).
                let i = case.0 as usize;
                let c = &self.cases[i];
                let st = &c.steps[c.current];
                if c.epoch == epoch
                    && c.is_open()
                    && st.status == StepStatus::Live
                    && self.in_window(at, st.due)
                {
                    self.play(at, i, dept, PlayKind::Own, out);
                }
            }
            Job::Claim { dept, case, epoch } => {
                // A colleague reaches for this gap or loose note only: if somebody took it
                // first, or its own note is due, or it is out of time, it does nothing.
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
            Job::Close { case, epoch } => self.close_window(at, case, epoch, out),
            Job::LooseReturn {
                case,
                epoch,
                appearance,
            } => self.loose_return(at, case, epoch, appearance, out),
            Job::LooseClose { case, epoch } => {
                let i = case.0 as usize;
                let c = &self.cases[i];
                if c.epoch == epoch && c.is_open() {
                    // The tempo may have changed since the drop: the last chance closes at its own time.
                    if let StepStatus::Loose { dropped_due, .. } = c.steps[c.current].status {
                        let closes =
                            self.loose_due(dropped_due, self.rescue_bars) + self.ok_beats();
                        if closes.0 > at.0 + 1e-9 {
                            self.queue.push(closes, Job::LooseClose { case, epoch });
                            return;
                        }
                    }
                    self.lose(at, i, out);
                }
            }
        }
    }

    fn start_bar(&mut self, at: Beat, bar: u32, out: &mut Vec<Event>) {
        self.emit(out, at, EventKind::BarStarted { bar });
        let mut drain = 0.0;
        for &i in &self.open {
            let c = &self.cases[i];
            if self.is_impatient(c, at) {
                drain += self.audience_rules.wait_drain;
                out.push(Event {
                    at,
                    kind: EventKind::Waiting { case: c.id },
                });
            }
        }
        if drain > 0.0 {
            self.change_audience(at, -drain, Cause::Waiting, out);
        }
        if self.total_arrivals == 0 && bar > self.length_bars
            || self.last_bar.is_some_and(|last| bar > last)
        {
            self.finish(at, out);
        }
        self.check_end(at, out);
        if !self.ended {
            self.queue.push(at + self.metre.bar(), Job::Bar(bar + 1));
        }
    }

    fn arrive(&mut self, at: Beat, template: usize, out: &mut Vec<Event>) {
        let id = CaseId(self.cases.len() as u32);
        let case = CaseState::new(
            id,
            template,
            at,
            &self.lengths[template],
            at + self.lead,
            self.gap,
        );
        self.cases.push(case);
        self.open.push(id.0 as usize);
        self.arrivals_left -= 1;
        self.emit(out, at, EventKind::Arrived { case: id, template });
        self.make_live(id.0 as usize, 0);
    }

    /// Gives step `step` of case `i` the baton and lets the colleagues plan for it.
    fn make_live(&mut self, i: usize, step: usize) {
        let case = &mut self.cases[i];
        case.current = step;
        case.epoch += 1;
        case.steps[step].status = StepStatus::Live;
        let (id, epoch, due, template) = (case.id, case.epoch, case.steps[step].due, case.template);
        self.queue
            .push(due + self.ok_beats(), Job::Close { case: id, epoch });
        match self.templates[template].steps[step].owner {
            Owner::Dept(d) => {
                if !self.humans[d]
                    && let Some(t) = self.ai[d].plan_play(due, self.metre, self.tempo)
                {
                    let job = Job::Play {
                        dept: d,
                        case: id,
                        epoch,
                    };
                    self.queue.push(Beat(t.0.max(self.now.0)), job);
                }
            }
            Owner::Gap(between) => {
                for d in 0..self.depts {
                    if !self.humans[d]
                        && gap_eligible(between, d)
                        && let Some(t) = self.ai[d].plan_claim(due, false, self.tempo)
                    {
                        let job = Job::Claim {
                            dept: d,
                            case: id,
                            epoch,
                        };
                        self.queue.push(Beat(t.0.max(self.now.0)), job);
                    }
                }
            }
        }
    }

    fn has_own_in_window(&self, dept: usize, t: Beat) -> bool {
        self.open.iter().any(|&i| {
            let c = &self.cases[i];
            let st = &c.steps[c.current];
            st.status == StepStatus::Live
                && self.owner(c, c.current) == Owner::Dept(dept)
                && self.in_window(t, st.due)
        })
    }

    /// May `dept` pick up the loose current step of `case`?
    fn loose_eligible(&self, case: &CaseState, dept: usize) -> bool {
        match self.owner(case, case.current) {
            Owner::Dept(o) => o == dept || o + 1 == dept || dept + 1 == o,
            Owner::Gap(between) => gap_eligible(between, dept),
        }
    }

    /// A key press of `dept` at `t`: plays its earliest own live note in the window; else claims
    /// the earliest gap or loose note it may; else doubles a claim; else is a stray note.
    fn press(&mut self, dept: usize, t: Beat, out: &mut Vec<Event>) {
        let ok = self.ok_beats();
        let cases = &self.cases;
        self.claimed.retain(|&i| {
            cases[i]
                .last_claim
                .as_ref()
                .is_some_and(|c| c.1.0 + ok.0 >= t.0)
        });
        let mut own: Option<(Beat, usize)> = None;
        let mut claim: Option<(Beat, usize, bool)> = None;
        let mut double: Option<(Beat, usize)> = None;
        let earlier = |best: Option<Beat>, due: Beat| best.is_none_or(|b| due.0 < b.0);
        for &i in &self.open {
            let c = &self.cases[i];
            let st = &c.steps[c.current];
            match st.status {
                StepStatus::Live if self.in_window(t, st.due) => match self.owner(c, c.current) {
                    Owner::Dept(o) if o == dept && earlier(own.map(|o| o.0), st.due) => {
                        own = Some((st.due, i));
                    }
                    Owner::Gap(between)
                        if gap_eligible(between, dept) && earlier(claim.map(|c| c.0), st.due) =>
                    {
                        claim = Some((st.due, i, false));
                    }
                    _ => {}
                },
                StepStatus::Loose {
                    dropped_due,
                    appearance,
                } if appearance > 0 => {
                    let due = self.loose_due(dropped_due, appearance);
                    if self.in_window(t, due)
                        && self.loose_eligible(c, dept)
                        && earlier(claim.map(|c| c.0), due)
                    {
                        claim = Some((due, i, true));
                    }
                }
                _ => {}
            }
        }
        for &i in &self.claimed {
            let c = &self.cases[i];
            if let Some((step, due, by, others)) = &c.last_claim
                && *by != dept
                && !others.contains(&dept)
                && self.in_window(t, *due)
                && self.may_claim(c, *step, dept)
                && earlier(double.map(|d| d.0), *due)
            {
                double = Some((*due, i));
            }
        }
        let target = match (own, claim, double) {
            (Some((_, i)), _, _) => Some(Target::Own(i)),
            (None, Some((_, i, false)), _) => Some(Target::Claim(i)),
            (None, Some((_, i, true)), _) => Some(Target::Rescue(i)),
            (None, None, Some((_, i))) => Some(Target::Double(i)),
            (None, None, None) => None,
        };
        match target {
            Some(Target::Own(i)) => self.play(t, i, dept, PlayKind::Own, out),
            Some(Target::Claim(i)) => self.play(t, i, dept, PlayKind::Claim, out),
            Some(Target::Rescue(i)) => self.play(t, i, dept, PlayKind::Rescue, out),
            Some(Target::Double(i)) => {
                let case = &mut self.cases[i];
                if let Some((step, _, _, others)) = &mut case.last_claim {
                    others.push(dept);
                    let (id, step) = (case.id, *step);
                    self.emit(
                        out,
                        t,
                        EventKind::DoubleWork {
                            case: id,
                            step,
                            dept,
                        },
                    );
                    let penalty = self.audience_rules.double_work_penalty;
                    if penalty > 0.0 {
                        self.change_audience(t, -penalty, Cause::DoubleWork, out);
                    }
                }
            }
            None => {
                self.emit(out, t, EventKind::Stray { dept });
                let penalty = self.audience_rules.stray_penalty;
                if penalty > 0.0 {
                    self.change_audience(t, -penalty, Cause::Stray, out);
                }
            }
        }
    }

    /// Could `dept` have claimed step `step` of `case` (a gap note, or a dropped note)?
    fn may_claim(&self, case: &CaseState, step: usize, dept: usize) -> bool {
        match self.owner(case, step) {
            Owner::Gap(between) => gap_eligible(between, dept),
            Owner::Dept(o) => o == dept || o + 1 == dept || dept + 1 == o,
        }
    }

    fn play(&mut self, t: Beat, i: usize, dept: usize, kind: PlayKind, out: &mut Vec<Event>) {
        let step = self.cases[i].current;
        let due = match self.cases[i].steps[step].status {
            StepStatus::Loose {
                dropped_due,
                appearance,
            } => self.loose_due(dropped_due, appearance),
            _ => self.cases[i].steps[step].due,
        };
        let Some(judgement) = judge(self.tempo.millis(t - due), &self.windows) else {
            return;
        };
        let case = &mut self.cases[i];
        if kind == PlayKind::Rescue {
            case.relay_after(step, due, &self.lengths[case.template], self.gap);
        }
        case.epoch += 1;
        case.steps[step].status = StepStatus::Played {
            dept,
            kind,
            judgement,
            at: t,
        };
        case.last_claim = (kind != PlayKind::Own).then(|| (step, due, dept, Vec::new()));
        let id = case.id;
        if kind != PlayKind::Own && !self.claimed.contains(&i) {
            self.claimed.push(i);
        }
        self.emit(
            out,
            t,
            EventKind::Played {
                case: id,
                step,
                dept,
                kind,
                judgement,
            },
        );
        if step + 1 == self.cases[i].steps.len() {
            self.complete(t, i, out);
        } else {
            self.emit(
                out,
                t,
                EventKind::Handoff {
                    case: id,
                    from_step: step,
                    to_step: step + 1,
                },
            );
            self.make_live(i, step + 1);
        }
    }

    fn complete(&mut self, t: Beat, i: usize, out: &mut Vec<Event>) {
        let case = &mut self.cases[i];
        case.outcome = Outcome::Completed;
        let harmony = !case.had_drop();
        let id = case.id;
        self.open.retain(|&j| j != i);
        self.emit(out, t, EventKind::Completed { case: id, harmony });
        self.change_audience(t, self.audience_rules.reply_reward, Cause::Reply, out);
        if harmony {
            self.change_audience(t, self.audience_rules.harmony_bonus, Cause::Harmony, out);
        }
        self.check_end(t, out);
    }

    fn close_window(&mut self, t: Beat, case: CaseId, epoch: u32, out: &mut Vec<Event>) {
        let i = case.0 as usize;
        let c = &self.cases[i];
        if c.epoch != epoch || !c.is_open() || c.steps[c.current].status != StepStatus::Live {
            return;
        }
        // The tempo may have changed since this was scheduled: the window closes at its own time.
        let closes = c.steps[c.current].due + self.ok_beats();
        if closes.0 > t.0 + 1e-9 {
            self.queue.push(closes, Job::Close { case, epoch });
            return;
        }
        let step = c.current;
        let due = c.steps[step].due;
        let case_state = &mut self.cases[i];
        case_state.epoch += 1;
        case_state.steps[step].drops += 1;
        case_state.steps[step].status = StepStatus::Loose {
            dropped_due: due,
            appearance: 0,
        };
        let epoch = case_state.epoch;
        self.emit(out, t, EventKind::Dropped { case, step });
        self.change_audience(t, -self.audience_rules.discord_penalty, Cause::Discord, out);
        if self.rescue_bars == 0 {
            self.lose(t, i, out);
            return;
        }
        for k in 1..=self.rescue_bars {
            let opens = self.loose_due(due, k) - self.ok_beats();
            let job = Job::LooseReturn {
                case,
                epoch,
                appearance: k,
            };
            self.queue.push(Beat(opens.0.max(t.0)), job);
        }
        let last = self.loose_due(due, self.rescue_bars) + self.ok_beats();
        self.queue.push(last, Job::LooseClose { case, epoch });
    }

    fn loose_return(
        &mut self,
        t: Beat,
        case: CaseId,
        epoch: u32,
        appearance: u32,
        out: &mut Vec<Event>,
    ) {
        let i = case.0 as usize;
        let c = &mut self.cases[i];
        if c.epoch != epoch || !c.is_open() {
            return;
        }
        let step = c.current;
        let StepStatus::Loose { dropped_due, .. } = c.steps[step].status else {
            return;
        };
        c.steps[step].status = StepStatus::Loose {
            dropped_due,
            appearance,
        };
        self.emit(
            out,
            t,
            EventKind::LooseReturned {
                case,
                step,
                appearance,
            },
        );
        let due = self.loose_due(dropped_due, appearance);
        for d in 0..self.depts {
            if !self.humans[d]
                && self.loose_eligible(&self.cases[i], d)
                && let Some(at) = self.ai[d].plan_claim(due, true, self.tempo)
            {
                self.queue.push(
                    Beat(at.0.max(t.0)),
                    Job::Claim {
                        dept: d,
                        case,
                        epoch,
                    },
                );
            }
        }
    }

    fn lose(&mut self, t: Beat, i: usize, out: &mut Vec<Event>) {
        let case = &mut self.cases[i];
        let step = case.current;
        case.outcome = Outcome::Lost;
        case.epoch += 1;
        case.steps[step].status = StepStatus::Gone;
        let sbna = case.steps.len() >= 2 && step + 1 == case.steps.len();
        let id = case.id;
        self.open.retain(|&j| j != i);
        self.emit(
            out,
            t,
            EventKind::Lost {
                case: id,
                step,
                solved_but_unanswered: sbna,
            },
        );
        self.change_audience(t, -self.audience_rules.lost_penalty, Cause::Lost, out);
        self.check_end(t, out);
    }

    fn change_audience(&mut self, t: Beat, delta: f64, cause: Cause, out: &mut Vec<Event>) {
        if self.ended {
            return;
        }
        let before = self.audience;
        self.audience = (before + delta).clamp(0.0, 100.0);
        out.push(Event {
            at: t,
            kind: EventKind::Audience {
                value: self.audience,
                delta: self.audience - before,
                cause,
            },
        });
        if self.audience <= 0.0 {
            out.push(Event {
                at: t,
                kind: EventKind::WalkedOut,
            });
            out.push(Event {
                at: t,
                kind: EventKind::Ended { walked_out: true },
            });
            self.ended = true;
        }
    }

    fn check_end(&mut self, t: Beat, out: &mut Vec<Event>) {
        // A practice range always plays to its end, like a musician's loop.
        if self.last_bar.is_none()
            && self.total_arrivals > 0
            && self.arrivals_left == 0
            && self.open.is_empty()
        {
            self.finish(t, out);
        }
    }

    fn finish(&mut self, t: Beat, out: &mut Vec<Event>) {
        if !self.ended {
            out.push(Event {
                at: t,
                kind: EventKind::Ended { walked_out: false },
            });
            self.ended = true;
        }
    }
}

/// The widest a timing window may be, as a share of a beat: wider windows would overlap the
/// next beat's notes.
pub const MAX_WINDOW_BEATS: f64 = 0.45;

fn clamp_windows(w: Windows, tempo: Tempo) -> Windows {
    let max = tempo.beat_length().0 * MAX_WINDOW_BEATS;
    Windows {
        perfect: Millis(w.perfect.0.min(max)),
        good: Millis(w.good.0.min(max)),
        ok: Millis(w.ok.0.min(max)),
    }
}

/// May `dept` claim a gap note that lies `between` two departments (or anyone's, if `None`)?
fn gap_eligible(between: Option<(usize, usize)>, dept: usize) -> bool {
    between.is_none_or(|(a, b)| a == dept || b == dept)
}
