//! Who plays each department: a person or its colleague, how late a person's presses may come
//! (a phone's network allowance), how far each department reaches, and when its latest note was.

use crate::scenario::{DeptId, Owner, Reach, Scenario};

use super::colleague::ColleagueAi;
use super::time::{Beat, Millis};

/// The largest network allowance a department may have, ms.
pub(crate) const MAX_ALLOWANCE_MS: f64 = 500.0;

/// The departments of a performance, top staff first, and who plays them.
#[derive(Debug)]
pub(super) struct Band {
    colleagues: Vec<ColleagueAi>,
    humans: Vec<bool>,
    /// How late each department's presses may come (a phone's network allowance; 0 for keys
    /// and pads, whose presses are judged at once).
    allowance: Vec<Millis>,
    /// Each department's reach (see [`may_pick_up`]).
    reaches: Vec<Reach>,
    /// The due beat of each department's latest note, played or dropped: a stray nearer to it
    /// than to the next note is late for it rather than early for the next.
    last_note: Vec<Option<Beat>>,
}

impl Band {
    /// The departments of `scenario`, played by a person where `humans` says so, else by their
    /// colleagues deciding from `seed`; every allowance 0.
    pub(super) fn new(scenario: &Scenario, seed: u64, humans: Vec<bool>) -> Band {
        Band {
            colleagues: scenario
                .dept_ids()
                .map(|d| ColleagueAi::new(scenario.colleague(d).clone(), seed, d))
                .collect(),
            allowance: vec![Millis(0.0); humans.len()],
            humans,
            reaches: scenario.reaches(),
            last_note: vec![None; scenario.departments.len()],
        }
    }

    /// How many departments there are.
    pub(super) fn len(&self) -> usize {
        self.humans.len()
    }

    /// Whether department `dept` is played by a person.
    pub(super) fn is_human(&self, dept: DeptId) -> bool {
        self.humans.get(dept.0).copied().unwrap_or(false)
    }

    /// Hands `dept` to a person (`true`) or to its colleague; returns whether that changed it.
    pub(super) fn set_human(&mut self, dept: DeptId, human: bool) -> bool {
        match self.humans.get_mut(dept.0) {
            Some(h) if *h != human => {
                *h = human;
                true
            }
            _ => false,
        }
    }

    /// The colleague playing `dept`, unless a person plays it.
    pub(super) fn colleague(&self, dept: DeptId) -> Option<&ColleagueAi> {
        (!self.humans[dept.0]).then(|| &self.colleagues[dept.0])
    }

    /// Department `dept`'s network allowance.
    pub(super) fn allowance(&self, dept: DeptId) -> Millis {
        self.allowance.get(dept.0).copied().unwrap_or(Millis(0.0))
    }

    /// Sets `dept`'s allowance to `ms`, bounded to [`MAX_ALLOWANCE_MS`] (not a number: 0);
    /// returns the allowance set, if that changed it.
    pub(super) fn set_allowance(&mut self, dept: DeptId, ms: Millis) -> Option<Millis> {
        let ms = Millis(if ms.0.is_finite() {
            ms.0.clamp(0.0, MAX_ALLOWANCE_MS)
        } else {
            0.0
        });
        let a = self.allowance.get_mut(dept.0)?;
        (a.0 != ms.0).then(|| {
            *a = ms;
            ms
        })
    }

    /// The largest allowance of any department: the latest a press may still come.
    pub(super) fn latest_allowance(&self) -> Millis {
        Millis(self.allowance.iter().map(|a| a.0).fold(0.0, f64::max))
    }

    /// Each department's reach, top staff first.
    pub(super) fn reaches(&self) -> &[Reach] {
        &self.reaches
    }

    /// May `dept` pick up a note of `owner`? See [`may_pick_up`].
    pub(super) fn may_pick_up(&self, owner: Owner, dept: DeptId) -> bool {
        may_pick_up(owner, dept, self.reaches[dept.0])
    }

    /// Department `dept` had a note due at `due`, played or dropped.
    pub(super) fn note_heard(&mut self, dept: DeptId, due: Beat) {
        let last = &mut self.last_note[dept.0];
        if last.is_none_or(|b| b.0 < due.0) {
            *last = Some(due);
        }
    }

    /// The due beat of `dept`'s latest note, played or dropped.
    pub(super) fn last_note(&self, dept: DeptId) -> Option<Beat> {
        self.last_note[dept.0]
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
