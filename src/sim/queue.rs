//! The schedule: work due at a time, taken in order of time, then class, then insertion.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::scenario::{DeptId, TemplateId};

use super::events::CaseId;
use super::time::Beat;

/// Work the simulation has scheduled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Job {
    /// A bar begins.
    Bar(u32),
    /// A customer arrives with this template.
    Arrival(TemplateId),
    /// A loose note's `appearance`-th return opens for claiming.
    LooseReturn {
        case: CaseId,
        epoch: u32,
        appearance: u32,
    },
    /// A department's key is pressed (by a person or a colleague).
    Press(DeptId),
    /// A colleague plays its own live note of this case (and nothing else).
    Play {
        dept: DeptId,
        case: CaseId,
        epoch: u32,
    },
    /// A colleague reaches for a gap note or a loose note of this case.
    Claim {
        dept: DeptId,
        case: CaseId,
        epoch: u32,
    },
    /// A live note's window closes.
    Close { case: CaseId, epoch: u32 },
    /// A loose note's last chance closes.
    LooseClose { case: CaseId, epoch: u32 },
}

impl Job {
    /// Order among jobs at the same instant: a bar, then arrivals and returns, then presses, and
    /// windows close last so a press on the very edge still counts.
    fn class(self) -> u8 {
        match self {
            Job::Bar(_) => 0,
            Job::Arrival(_) | Job::LooseReturn { .. } => 1,
            Job::Press(_) | Job::Play { .. } | Job::Claim { .. } => 2,
            Job::Close { .. } | Job::LooseClose { .. } => 3,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    at: Beat,
    class: u8,
    seq: u64,
    job: Job,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: BinaryHeap is a max-heap and we want the earliest first.
        other
            .at
            .0
            .total_cmp(&self.at.0)
            .then(other.class.cmp(&self.class))
            .then(other.seq.cmp(&self.seq))
    }
}

/// A deterministic priority queue of jobs.
#[derive(Debug, Default)]
pub(crate) struct Schedule {
    heap: BinaryHeap<Entry>,
    seq: u64,
}

impl Schedule {
    pub fn push(&mut self, at: Beat, job: Job) {
        self.seq += 1;
        self.heap.push(Entry {
            at,
            class: job.class(),
            seq: self.seq,
            job,
        });
    }

    /// The next job if it is due at or before `to`.
    pub(crate) fn pop_until(&mut self, to: Beat) -> Option<(Beat, Job)> {
        if self.heap.peek()?.at.0 > to.0 {
            return None;
        }
        self.heap.pop().map(|e| (e.at, e.job))
    }

    /// Every job waiting, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (Beat, Job)> + '_ {
        self.heap.iter().map(|e| (e.at, e.job))
    }

    /// When the next job is due.
    pub(crate) fn next_at(&self) -> Option<Beat> {
        self.heap.peek().map(|e| e.at)
    }
}
