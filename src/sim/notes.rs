//! The life of a case on the score: it arrives, its notes go live and are played or dropped,
//! dropped notes come back loose until picked up or the case is lost; and the audience follows.

use crate::scenario::{DeptId, Owner, TemplateId};

use super::case::{CaseState, Claim, Outcome, StepStatus};
use super::colleague::NoteKey;
use super::engine::Sim;
use super::events::{CaseId, Cause, Event, EventKind, PlayKind};
use super::judge::judge;
use super::queue::Job;
use super::time::Beat;

impl Sim {
    /// A bar begins: impatient cases drain the audience; the piece may be over.
    pub(super) fn start_bar(&mut self, at: Beat, bar: u32, out: &mut Vec<Event>) {
        self.emit(out, at, EventKind::BarStarted { bar });
        let mut drain = 0.0;
        for i in self.cases.open() {
            let c = &self.cases[i];
            if self.is_impatient(c, at) {
                drain += self.audience.rules().wait_drain;
                out.push(Event {
                    at,
                    kind: EventKind::Waiting { case: c.id },
                });
            }
        }
        if drain > 0.0 {
            self.change_audience(at, -drain, Cause::Waiting, out);
        }
        if self.programme.over_at_bar(bar) {
            self.finish(at, out);
        }
        self.check_end(at, out);
        if !self.timeline.is_ended() {
            let next = at + self.pace.metre().bar();
            self.timeline.schedule(next, Job::Bar(bar + 1));
        }
    }

    /// A customer arrives: the case's steps are laid out and its first note goes live.
    pub(super) fn arrive(&mut self, at: Beat, template: TemplateId, out: &mut Vec<Event>) {
        let id = self.cases.next_id();
        let dues = self.lay_out(template, 0, at + self.book.lead(), None);
        let i = self.cases.arrive(CaseState::new(id, template, at, &dues));
        self.programme.arrived();
        self.emit(
            out,
            at,
            EventKind::Arrived {
                case: id,
                template,
                dues,
            },
        );
        self.make_live(i, 0);
    }

    /// The due beats of steps `from..` of a case made from `template`: the first at `first`, each
    /// next after the previous one's length plus the handoff gap; a department's note whose beat
    /// is already taken on its staff (by a note still to be played of another open case, not
    /// `except`) moves to the next free beat, and the rest of the phrase with it (docs/rules.md
    /// §4).
    pub(super) fn lay_out(
        &self,
        template: TemplateId,
        from: usize,
        first: Beat,
        except: Option<usize>,
    ) -> Vec<Beat> {
        self.book
            .lay_out(template, from, first, |d, b| self.beat_taken(d, b, except))
    }

    /// Whether department `dept` has a note still to be played at `beat` (of an open case other
    /// than `except`): one due there, or a dropped one of its own coming back there.
    fn beat_taken(&self, dept: DeptId, beat: Beat, except: Option<usize>) -> bool {
        let at = |b: Beat| (b.0 - beat.0).abs() < 1e-6;
        self.cases.open().filter(|&i| Some(i) != except).any(|i| {
            let c = &self.cases[i];
            let steps = &self.book.template(c.template).steps;
            // Steps before the current one are played: only it and those after can be taken.
            c.steps.iter().zip(steps).skip(c.current).any(|(s, t)| {
                t.owner == Owner::Dept(dept)
                    && match s.status {
                        StepStatus::Pending | StepStatus::Live => at(s.due),
                        StepStatus::Loose {
                            dropped_due,
                            appearance,
                        } => (appearance.max(1)..=self.book.rescue_bars())
                            .any(|a| at(self.pace.loose_due(dropped_due, a))),
                        _ => false,
                    }
            })
        })
    }

    /// Gives step `step` of case `i` the baton and lets the colleagues plan for it.
    fn make_live(&mut self, i: usize, step: usize) {
        let case = &mut self.cases[i];
        case.current = step;
        case.epoch += 1;
        case.steps[step].status = StepStatus::Live;
        let (id, epoch, due) = (case.id, case.epoch, case.steps[step].due);
        let owner = self.owner(&self.cases[i], step);
        let closes = due + self.pace.ok_beats() + self.allowance_beats(owner);
        self.timeline
            .schedule(closes, Job::Close { case: id, epoch });
        match owner {
            Owner::Dept(d) => {
                let note = NoteKey {
                    case: id,
                    step,
                    appearance: 0,
                };
                let (metre, tempo) = (self.pace.metre(), self.pace.tempo());
                if let Some(ai) = self.band.colleague(d)
                    && let Some(t) = ai.plan_play(note, due, metre, tempo)
                {
                    let job = Job::Play {
                        dept: d,
                        case: id,
                        epoch,
                    };
                    let now = self.timeline.now();
                    self.timeline.schedule(Beat(t.0.max(now.0)), job);
                }
            }
            Owner::Gap(_) => self.plan_claims(i, 0, due, self.timeline.now()),
        }
    }

    /// The colleagues who may pick up the current step of case `i` (a gap note at `appearance`
    /// 0, or a loose one at its return `appearance`) decide whether to reach for it, due at `due`,
    /// not before `not_before`.
    fn plan_claims(&mut self, i: usize, appearance: u32, due: Beat, not_before: Beat) {
        let (case, epoch) = (self.cases[i].id, self.cases[i].epoch);
        let note = NoteKey {
            case,
            step: self.cases[i].current,
            appearance,
        };
        let tempo = self.pace.tempo();
        for d in 0..self.band.len() {
            let dept = DeptId(d);
            if let Some(ai) = self.band.colleague(dept)
                && self.may_pick_up(&self.cases[i], self.cases[i].current, dept)
                && let Some(t) = ai.plan_claim(note, due, appearance > 0, tempo)
            {
                let job = Job::Claim { dept, case, epoch };
                self.timeline.schedule(Beat(t.0.max(not_before.0)), job);
            }
        }
    }

    /// `dept` plays the current step of case `i` at `t` (if `t` is in its window): a rescue lays
    /// the rest of the case out again; then the baton passes on, or the case is complete.
    pub(super) fn play(
        &mut self,
        t: Beat,
        i: usize,
        dept: DeptId,
        kind: PlayKind,
        out: &mut Vec<Event>,
    ) {
        let step = self.cases[i].current;
        let due = match self.cases[i].steps[step].status {
            StepStatus::Loose {
                dropped_due,
                appearance,
            } => self.pace.loose_due(dropped_due, appearance),
            _ => self.cases[i].steps[step].due,
        };
        let windows = self.pace.windows();
        let Some(judgement) = judge(self.pace.tempo().millis(t - due), &windows) else {
            return;
        };
        let (id, template) = (self.cases[i].id, self.cases[i].template);
        if kind == PlayKind::Rescue {
            // The rescued note on the beat it was picked up for; the rest follow on free beats.
            let after = self.book.after_step(template, step, due);
            let mut dues = vec![due];
            dues.extend(self.lay_out(template, step + 1, after, Some(i)));
            let case = &mut self.cases[i];
            case.relay_from(step, &dues);
            let dues = case.dues();
            self.emit(out, t, EventKind::Relaid { case: id, dues });
        }
        self.band.note_heard(dept, due);
        let case = &mut self.cases[i];
        case.epoch += 1;
        case.steps[step].status = StepStatus::Played {
            dept,
            kind,
            judgement,
            at: t,
        };
        case.last_claim = (kind != PlayKind::Own).then(|| Claim {
            step,
            due,
            by: dept,
            also: Vec::new(),
        });
        if kind != PlayKind::Own {
            self.cases.mark_claimed(i);
        }
        let played = EventKind::Played {
            case: id,
            template,
            step,
            dept,
            kind,
            judgement,
        };
        self.emit(out, t, played);
        self.pass_baton(t, i, step, out);
    }

    /// After step `step` of case `i` was played: the next step goes live, or the case is
    /// complete.
    fn pass_baton(&mut self, t: Beat, i: usize, step: usize, out: &mut Vec<Event>) {
        if step + 1 == self.cases[i].steps.len() {
            self.complete(t, i, out);
        } else {
            let handoff = EventKind::Handoff {
                case: self.cases[i].id,
                from_step: step,
                to_step: step + 1,
            };
            self.emit(out, t, handoff);
            self.make_live(i, step + 1);
        }
    }

    /// The last step was played: the answer reaches the customer.
    fn complete(&mut self, t: Beat, i: usize, out: &mut Vec<Event>) {
        let case = &mut self.cases[i];
        case.outcome = Outcome::Completed;
        let harmony = !case.had_drop();
        let (id, template) = (case.id, case.template);
        self.cases.close(i);
        let completed = EventKind::Completed {
            case: id,
            template,
            harmony,
        };
        self.emit(out, t, completed);
        let rules = self.audience.rules();
        let (reward, bonus) = (rules.reply_reward, rules.harmony_bonus);
        self.change_audience(t, reward, Cause::Reply, out);
        if harmony {
            self.change_audience(t, bonus, Cause::Harmony, out);
        }
        self.check_end(t, out);
    }

    /// A live note's window closes unplayed: it drops and lies loose, coming back each bar for
    /// `rescue_bars` bars (or the case is lost at once if it may not come back).
    pub(super) fn close_window(&mut self, t: Beat, case: CaseId, epoch: u32, out: &mut Vec<Event>) {
        let i = case.0 as usize;
        let c = &self.cases[i];
        if c.epoch != epoch || !c.is_open() || c.steps[c.current].status != StepStatus::Live {
            return;
        }
        // The tempo may have changed since this was scheduled: the window closes at its own time.
        let closes = c.steps[c.current].due
            + self.pace.ok_beats()
            + self.allowance_beats(self.owner(c, c.current));
        if closes.0 > t.0 + 1e-9 {
            self.timeline.schedule(closes, Job::Close { case, epoch });
            return;
        }
        self.drop_live(t, i, out);
    }

    /// The live note of case `i` drops at `t` (its window passed, or a press came too early for
    /// it): discord, and it lies loose, coming back each bar for `rescue_bars` bars (or the case
    /// is lost at once if it may not come back).
    pub(super) fn drop_live(&mut self, t: Beat, i: usize, out: &mut Vec<Event>) {
        let c = &self.cases[i];
        let (case, step) = (c.id, c.current);
        let due = c.steps[step].due;
        if let Owner::Dept(d) = self.owner(c, step) {
            self.band.note_heard(d, due);
        }
        let case_state = &mut self.cases[i];
        case_state.epoch += 1;
        case_state.steps[step].drops += 1;
        case_state.steps[step].status = StepStatus::Loose {
            dropped_due: due,
            appearance: 0,
        };
        let epoch = case_state.epoch;
        self.emit(out, t, EventKind::Dropped { case, step });
        let penalty = self.audience.rules().discord_penalty;
        self.change_audience(t, -penalty, Cause::Discord, out);
        let rescue_bars = self.book.rescue_bars();
        if rescue_bars == 0 {
            self.lose(t, i, out);
            return;
        }
        for k in 1..=rescue_bars {
            let opens = self.pace.loose_due(due, k) - self.pace.ok_beats();
            let job = Job::LooseReturn {
                case,
                epoch,
                appearance: k,
            };
            self.timeline.schedule(Beat(opens.0.max(t.0)), job);
        }
        let closes = self.last_chance_closes(due);
        self.timeline
            .schedule(closes, Job::LooseClose { case, epoch });
    }

    /// A loose note comes back for its `appearance`-th time; the colleagues who may pick it up
    /// decide whether to.
    pub(super) fn loose_return(
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
        let due = self.pace.loose_due(dropped_due, appearance);
        let returned = EventKind::LooseReturned {
            case,
            step,
            appearance,
            due,
        };
        self.emit(out, t, returned);
        self.plan_claims(i, appearance, due, t);
    }

    /// When the last chance of a note dropped at `dropped_due` closes: its last return's window,
    /// and the latest a person's press may still come (a phone's tap crossing the network).
    fn last_chance_closes(&self, dropped_due: Beat) -> Beat {
        self.pace.loose_due(dropped_due, self.book.rescue_bars())
            + self.pace.ok_beats()
            + self.latest_press_beats()
    }

    /// A loose note's last chance closes: the case is lost, unless it was picked up.
    pub(super) fn loose_close(&mut self, at: Beat, case: CaseId, epoch: u32, out: &mut Vec<Event>) {
        let i = case.0 as usize;
        let c = &self.cases[i];
        if c.epoch != epoch || !c.is_open() {
            return;
        }
        // The tempo may have changed since the drop: the last chance closes at its own time.
        if let StepStatus::Loose { dropped_due, .. } = c.steps[c.current].status {
            let closes = self.last_chance_closes(dropped_due);
            if closes.0 > at.0 + 1e-9 {
                self.timeline
                    .schedule(closes, Job::LooseClose { case, epoch });
                return;
            }
        }
        self.lose(at, i, out);
    }

    /// The customer gives up on case `i`.
    fn lose(&mut self, t: Beat, i: usize, out: &mut Vec<Event>) {
        let case = &mut self.cases[i];
        let step = case.current;
        case.outcome = Outcome::Lost;
        case.epoch += 1;
        case.steps[step].status = StepStatus::Gone;
        let sbna = case.steps.len() >= 2 && step + 1 == case.steps.len();
        let id = case.id;
        self.cases.close(i);
        self.emit(
            out,
            t,
            EventKind::Lost {
                case: id,
                step,
                solved_but_unanswered: sbna,
            },
        );
        let penalty = self.audience.rules().lost_penalty;
        self.change_audience(t, -penalty, Cause::Lost, out);
        self.check_end(t, out);
    }

    /// Moves the audience's satisfaction by `delta` (kept within 0–100); at 0 it walks out and
    /// the performance is over.
    pub(super) fn change_audience(
        &mut self,
        t: Beat,
        delta: f64,
        cause: Cause,
        out: &mut Vec<Event>,
    ) {
        if self.timeline.is_ended() {
            return;
        }
        let delta = self.audience.change(delta);
        out.push(Event {
            at: t,
            kind: EventKind::Audience {
                value: self.audience.value(),
                delta,
                cause,
            },
        });
        if self.audience.walks_out() {
            out.push(Event {
                at: t,
                kind: EventKind::WalkedOut,
            });
            out.push(Event {
                at: t,
                kind: EventKind::Ended { walked_out: true },
            });
            self.timeline.end();
        }
    }

    /// Ends the performance once every customer has come and been answered or lost.
    fn check_end(&mut self, t: Beat, out: &mut Vec<Event>) {
        if self.programme.over_once_answered() && self.cases.none_open() {
            self.finish(t, out);
        }
    }

    /// The performance is over.
    fn finish(&mut self, t: Beat, out: &mut Vec<Event>) {
        if self.timeline.end() {
            out.push(Event {
                at: t,
                kind: EventKind::Ended { walked_out: false },
            });
        }
    }
}
