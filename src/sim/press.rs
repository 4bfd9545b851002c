//! A key press: what it finds to play, and what it does with it.

use crate::scenario::{DeptId, Owner};

use super::case::StepStatus;
use super::engine::Sim;
use super::events::{Cause, Event, EventKind, PlayKind};
use super::time::Beat;

/// What a press found to play: a case (by index) and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Its own live note.
    Own(usize),
    /// A live gap note it may claim.
    Claim(usize),
    /// A loose note it may pick up.
    Rescue(usize),
    /// A gap or loose note somebody else just claimed.
    Double(usize),
}

/// The earliest-due candidate so far: (due, case index).
type Best = Option<(Beat, usize)>;

/// Whether a note due at `due` comes strictly before the best so far.
fn earlier(best: Option<Beat>, due: Beat) -> bool {
    best.is_none_or(|b| due.0 < b.0)
}

impl Sim {
    /// A key press of `dept` at `t`: plays its earliest own live note in the window; else claims
    /// the earliest gap or loose note it may; else doubles a claim; else is a stray note.
    pub(super) fn press(&mut self, dept: DeptId, t: Beat, out: &mut Vec<Event>) {
        self.forget_closed_claims(t);
        match self.find_target(dept, t) {
            Some(Target::Own(i)) => self.play(t, i, dept, PlayKind::Own, out),
            Some(Target::Claim(i)) => self.play(t, i, dept, PlayKind::Claim, out),
            Some(Target::Rescue(i)) => self.play(t, i, dept, PlayKind::Rescue, out),
            Some(Target::Double(i)) => self.double_work(t, i, dept, out),
            None => self.stray(t, dept, out),
        }
    }

    /// Claims whose window has closed by `t` are no longer open to double work.
    fn forget_closed_claims(&mut self, t: Beat) {
        let ok = self.pace.ok_beats();
        self.cases.forget_claims_closed_by(t, ok);
    }

    /// What a press of `dept` at `t` plays, in order of precedence.
    fn find_target(&self, dept: DeptId, t: Beat) -> Option<Target> {
        if let Some((_, i)) = self.own_note(dept, t) {
            return Some(Target::Own(i));
        }
        if let Some((_, i, rescue)) = self.claimable_note(dept, t) {
            return Some(if rescue {
                Target::Rescue(i)
            } else {
                Target::Claim(i)
            });
        }
        self.doubled_claim(dept, t).map(|(_, i)| Target::Double(i))
    }

    /// The earliest-due live note of `dept`'s own in the window at `t`.
    fn own_note(&self, dept: DeptId, t: Beat) -> Best {
        let mut best: Best = None;
        for i in self.cases.open() {
            let c = &self.cases[i];
            let st = &c.steps[c.current];
            if st.status == StepStatus::Live
                && self.pace.in_window(t, st.due)
                && self.owner(c, c.current) == Owner::Dept(dept)
                && earlier(best.map(|b| b.0), st.due)
            {
                best = Some((st.due, i));
            }
        }
        best
    }

    /// The earliest-due gap note `dept` may claim, or loose note it may pick up, in the window at
    /// `t`: (due, case index, whether it is a rescue).
    fn claimable_note(&self, dept: DeptId, t: Beat) -> Option<(Beat, usize, bool)> {
        let mut best: Option<(Beat, usize, bool)> = None;
        for i in self.cases.open() {
            let c = &self.cases[i];
            let st = &c.steps[c.current];
            let (due, rescue) = match st.status {
                StepStatus::Live if matches!(self.owner(c, c.current), Owner::Gap(_)) => {
                    (st.due, false)
                }
                StepStatus::Loose {
                    dropped_due,
                    appearance,
                } if appearance > 0 => (self.pace.loose_due(dropped_due, appearance), true),
                _ => continue,
            };
            if self.pace.in_window(t, due)
                && self.may_pick_up(c, c.current, dept)
                && earlier(best.map(|b| b.0), due)
            {
                best = Some((due, i, rescue));
            }
        }
        best
    }

    /// The earliest-due claim by somebody else that `dept` could have made and that is still in
    /// its window at `t`.
    fn doubled_claim(&self, dept: DeptId, t: Beat) -> Best {
        let mut best: Best = None;
        for i in self.cases.claimed() {
            let c = &self.cases[i];
            if let Some(claim) = &c.last_claim
                && claim.by != dept
                && !claim.also.contains(&dept)
                && self.pace.in_window(t, claim.due)
                && self.may_pick_up(c, claim.step, dept)
                && earlier(best.map(|b| b.0), claim.due)
            {
                best = Some((claim.due, i));
            }
        }
        best
    }

    /// `dept` plays a note somebody already claimed in case `i`: counted, and costs the
    /// audience's `double_work_penalty`.
    fn double_work(&mut self, t: Beat, i: usize, dept: DeptId, out: &mut Vec<Event>) {
        let case = &mut self.cases[i];
        let Some(claim) = &mut case.last_claim else {
            return;
        };
        claim.also.push(dept);
        let (id, step) = (case.id, claim.step);
        self.emit(
            out,
            t,
            EventKind::DoubleWork {
                case: id,
                step,
                dept,
            },
        );
        let penalty = self.audience.rules().double_work_penalty;
        if penalty > 0.0 {
            self.change_audience(t, -penalty, Cause::DoubleWork, out);
        }
    }

    /// A press that plays nothing: counted, and costs the audience's `stray_penalty`. Where
    /// strays cost (a positive `stray_penalty`), a stray in the beat before a live note the
    /// department could play is too early for it: that note is missed, as if its window had
    /// passed (docs/rules.md §6). So pressing on every beat drops every note it does not land on a
    /// beat right after another, whatever the scenario's values.
    fn stray(&mut self, t: Beat, dept: DeptId, out: &mut Vec<Event>) {
        self.emit(out, t, EventKind::Stray { dept });
        let penalty = self.audience.rules().stray_penalty;
        if penalty > 0.0 {
            self.change_audience(t, -penalty, Cause::Stray, out);
            if let Some(i) = self.too_early_for(dept, t) {
                let step = self.cases[i].current;
                let case = self.cases[i].id;
                self.emit(out, t, EventKind::TooEarly { dept, case, step });
                self.drop_live(t, i, out);
            }
        }
    }

    /// The live note that a stray of `dept` at `t` came too early for: the earliest of its own,
    /// else the earliest gap note it may claim, due after `t` by at most [`TOO_EARLY`], and no
    /// farther from `t` than the department's last note (a press nearer the note before it is a
    /// late press for that one, not an early one for the next).
    fn too_early_for(&self, dept: DeptId, t: Beat) -> Option<usize> {
        let ahead = |due: Beat| {
            let lead = due.0 - t.0;
            let since = self
                .band
                .last_note(dept)
                .map_or(f64::INFINITY, |b| t.0 - b.0);
            lead > 0.0 && lead <= TOO_EARLY.0 + 1e-9 && lead <= since + 1e-9
        };
        let mut own: Best = None;
        let mut claim: Best = None;
        for i in self.cases.open() {
            let c = &self.cases[i];
            let st = &c.steps[c.current];
            if st.status != StepStatus::Live || !ahead(st.due) {
                continue;
            }
            let slot = match self.owner(c, c.current) {
                Owner::Dept(d) if d == dept => &mut own,
                Owner::Gap(_) if self.may_pick_up(c, c.current, dept) => &mut claim,
                _ => continue,
            };
            if earlier(slot.map(|b| b.0), st.due) {
                *slot = Some((st.due, i));
            }
        }
        own.or(claim).map(|(_, i)| i)
    }
}

/// How far before a live note a press that plays nothing misses it: one beat, so a press on
/// the empty beat before a note is too early for it.
const TOO_EARLY: Beat = Beat(1.0);
