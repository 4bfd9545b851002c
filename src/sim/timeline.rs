//! Where a performance stands: its song time, the work scheduled ahead, whether it is over, and
//! the log of every change applied to it.

use super::input::SimInput;
use super::queue::{Job, Schedule};
use super::time::Beat;

/// The performance's course in time. The song time only moves forward; once over, it stays over.
#[derive(Debug)]
pub(super) struct Timeline {
    queue: Schedule,
    now: Beat,
    ended: bool,
    /// Every change applied so far, in order.
    log: Vec<SimInput>,
}

impl Timeline {
    /// A performance standing at `start`, with `queue` its first scheduled work.
    pub(super) fn new(start: Beat, queue: Schedule) -> Timeline {
        Timeline {
            queue,
            now: start,
            ended: false,
            log: Vec::new(),
        }
    }

    /// The current song time.
    pub(super) fn now(&self) -> Beat {
        self.now
    }

    /// The performance is over.
    pub(super) fn is_ended(&self) -> bool {
        self.ended
    }

    /// Ends the performance; returns whether it was still going.
    pub(super) fn end(&mut self) -> bool {
        !std::mem::replace(&mut self.ended, true)
    }

    /// Schedules `job` at `at`.
    pub(super) fn schedule(&mut self, at: Beat, job: Job) {
        self.queue.push(at, job);
    }

    /// The next job due at or before `to`, the song time moved on to it (never back).
    pub(super) fn next_until(&mut self, to: Beat) -> Option<(Beat, Job)> {
        let (at, job) = self.queue.pop_until(to)?;
        self.now = Beat(self.now.0.max(at.0));
        Some((at, job))
    }

    /// Once everything due up to `to` is done: the song time stands at `to`, unless it is over.
    pub(super) fn reach(&mut self, to: Beat) {
        if !self.ended && to.0 > self.now.0 {
            self.now = to;
        }
    }

    /// When the next piece of scheduled work is due.
    pub(super) fn next_at(&self) -> Option<Beat> {
        self.queue.next_at()
    }

    /// Every job waiting, in no particular order.
    pub(super) fn jobs(&self) -> impl Iterator<Item = (Beat, Job)> + '_ {
        self.queue.iter()
    }

    /// Records a change applied.
    pub(super) fn record(&mut self, input: SimInput) {
        self.log.push(input);
    }

    /// Every change applied so far, in order.
    pub(super) fn inputs(&self) -> &[SimInput] {
        &self.log
    }
}
