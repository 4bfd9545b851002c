//! The cases of a performance: every case that has arrived, those still waiting for an answer,
//! and those whose last gap or loose note was claimed recently (open to double work).

use std::ops::{Index, IndexMut};

use super::case::CaseState;
use super::events::CaseId;
use super::time::Beat;

/// Every case so far, indexed by arrival (a case's index is its [`CaseId`]).
#[derive(Debug, Default)]
pub(super) struct Caseload {
    cases: Vec<CaseState>,
    /// The cases still waiting for an answer, in order of arrival.
    open: Vec<usize>,
    /// Cases whose last gap or loose note was claimed recently: open to double work.
    claimed: Vec<usize>,
}

impl Caseload {
    /// Every case that has arrived so far, in order of arrival.
    pub(super) fn all(&self) -> &[CaseState] {
        &self.cases
    }

    /// Case `i`, if it has arrived.
    pub(super) fn get(&self, i: usize) -> Option<&CaseState> {
        self.cases.get(i)
    }

    /// The id the next case to arrive will have.
    pub(super) fn next_id(&self) -> CaseId {
        CaseId(self.cases.len() as u32)
    }

    /// `case` arrives and waits for its answer; returns its index.
    pub(super) fn arrive(&mut self, case: CaseState) -> usize {
        let i = case.id.0 as usize;
        self.cases.push(case);
        self.open.push(i);
        i
    }

    /// The indices of the cases still waiting for an answer, in order of arrival.
    pub(super) fn open(&self) -> impl Iterator<Item = usize> + '_ {
        self.open.iter().copied()
    }

    /// The cases still waiting for an answer, in order of arrival.
    pub(super) fn open_cases(&self) -> impl Iterator<Item = &CaseState> {
        self.open.iter().map(|&i| &self.cases[i])
    }

    /// Whether no case is waiting for an answer.
    pub(super) fn none_open(&self) -> bool {
        self.open.is_empty()
    }

    /// Case `i` is answered or lost: it no longer waits.
    pub(super) fn close(&mut self, i: usize) {
        self.open.retain(|&j| j != i);
    }

    /// Case `i`'s current note was claimed: somebody else may double that work.
    pub(super) fn mark_claimed(&mut self, i: usize) {
        if !self.claimed.contains(&i) {
            self.claimed.push(i);
        }
    }

    /// The indices of the cases open to double work, oldest claim first.
    pub(super) fn claimed(&self) -> impl Iterator<Item = usize> + '_ {
        self.claimed.iter().copied()
    }

    /// Claims whose window (`ok` beats after their note) has closed by `t` are no longer open to
    /// double work.
    pub(super) fn forget_claims_closed_by(&mut self, t: Beat, ok: Beat) {
        let cases = &self.cases;
        self.claimed.retain(|&i| {
            cases[i]
                .last_claim
                .as_ref()
                .is_some_and(|c| c.due.0 + ok.0 >= t.0)
        });
    }
}

impl Index<usize> for Caseload {
    type Output = CaseState;

    fn index(&self, i: usize) -> &CaseState {
        &self.cases[i]
    }
}

impl IndexMut<usize> for Caseload {
    fn index_mut(&mut self, i: usize) -> &mut CaseState {
        &mut self.cases[i]
    }
}
