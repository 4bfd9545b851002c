//! What a performance plays and when it is over: the piece's length, the practice bars if only
//! some are played, and the customers still to come.

use crate::scenario::BarRange;

use super::arrivals::PlannedArrival;
use super::time::Beat;

/// Beats the simulation runs past the last arrival at most, so no file can make it run forever.
const MAX_CODA_BEATS: f64 = 100_000.0;

/// The extent of one performance.
#[derive(Debug)]
pub(super) struct Programme {
    length_bars: u32,
    /// Practice: the bars played (the performance ends when the last is over).
    bars: Option<BarRange>,
    /// The first beat played.
    start: Beat,
    total_arrivals: usize,
    arrivals_left: usize,
    last_arrival: Beat,
}

impl Programme {
    /// A piece `length_bars` long, played from `start` (in practice only `bars`), with `arrivals`
    /// to come.
    pub(super) fn new(
        length_bars: u32,
        bars: Option<BarRange>,
        start: Beat,
        arrivals: &[PlannedArrival],
    ) -> Programme {
        Programme {
            length_bars,
            bars,
            start,
            total_arrivals: arrivals.len(),
            arrivals_left: arrivals.len(),
            last_arrival: arrivals.last().map_or(Beat(0.0), |a| a.at),
        }
    }

    /// The practice bars, if only some bars are played.
    pub(super) fn practice_bars(&self) -> Option<BarRange> {
        self.bars
    }

    /// The first beat played.
    pub(super) fn start(&self) -> Beat {
        self.start
    }

    /// One of the customers to come has arrived.
    pub(super) fn arrived(&mut self) {
        self.arrivals_left -= 1;
    }

    /// Whether the piece is over once bar `bar` begins: a piece with no customers at all after
    /// its length, practice after its last bar.
    pub(super) fn over_at_bar(&self, bar: u32) -> bool {
        self.total_arrivals == 0 && bar > self.length_bars
            || self.bars.is_some_and(|range| bar > range.until_bar)
    }

    /// Whether the piece is over as soon as no case waits any more: every customer has come
    /// (and there were some), and it is no practice (a practice range always plays to its end,
    /// like a musician's loop).
    pub(super) fn over_once_answered(&self) -> bool {
        self.bars.is_none() && self.total_arrivals > 0 && self.arrivals_left == 0
    }

    /// The latest time a performance is run to, with bars of `bar` beats, so that no file can
    /// make it run forever.
    pub(super) fn coda_limit(&self, bar: Beat) -> Beat {
        Beat(self.last_arrival.0 + bar.0 * f64::from(self.length_bars) + MAX_CODA_BEATS)
    }
}
