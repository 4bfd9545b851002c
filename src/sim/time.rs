//! Song time. The simulation counts in beats; milliseconds only matter for timing windows and the
//! colleagues' timing errors, converted at the current tempo.

use std::ops::{Add, Sub};

/// A position or a length on the song clock, in beats. Beat 0 is the first beat of bar 1.
#[derive(
    Debug, Clone, Copy, PartialEq, PartialOrd, Default, serde::Serialize, serde::Deserialize,
)]
pub struct Beat(pub f64);

/// A duration in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, serde::Serialize)]
pub struct Millis(pub f64);

impl Add for Beat {
    type Output = Beat;
    fn add(self, rhs: Beat) -> Beat {
        Beat(self.0 + rhs.0)
    }
}

impl Sub for Beat {
    type Output = Beat;
    fn sub(self, rhs: Beat) -> Beat {
        Beat(self.0 - rhs.0)
    }
}

/// The tempo: how beats and milliseconds relate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tempo {
    bpm: f64,
}

impl Tempo {
    /// A tempo in beats per minute.
    pub fn from_bpm(bpm: f64) -> Tempo {
        Tempo { bpm }
    }

    /// Beats per minute.
    pub(crate) fn bpm(self) -> f64 {
        self.bpm
    }

    /// How long one beat lasts.
    pub(crate) fn beat_length(self) -> Millis {
        Millis(60_000.0 / self.bpm)
    }

    /// A duration as a length in beats.
    pub fn beats(self, ms: Millis) -> Beat {
        Beat(ms.0 / self.beat_length().0)
    }

    /// A length in beats as a duration.
    pub fn millis(self, beats: Beat) -> Millis {
        Millis(beats.0 * self.beat_length().0)
    }
}

/// Bars and beats of a scenario's metre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metre {
    /// Beats in one bar.
    pub beats_per_bar: u32,
}

impl Metre {
    /// The first beat of bar `bar` (bars count from 1).
    pub fn bar_start(self, bar: u32) -> Beat {
        Beat(f64::from(bar.saturating_sub(1)) * f64::from(self.beats_per_bar))
    }

    /// The bar a beat falls in (from 1).
    pub fn bar_of(self, at: Beat) -> u32 {
        (at.0.max(0.0) / f64::from(self.beats_per_bar)).floor() as u32 + 1
    }

    /// Where a loose note dropped when due at `dropped_due` comes back for its `appearance`-th
    /// time (one bar later each time).
    pub fn loose_due(self, dropped_due: Beat, appearance: u32) -> Beat {
        dropped_due + Beat(self.bar().0 * f64::from(appearance))
    }

    /// Whether a customer who arrived at `arrival` has waited longer than `patience_bars` at `at`
    /// (and drains the audience).
    pub(crate) fn past_patience(self, arrival: Beat, at: Beat, patience_bars: u32) -> bool {
        (at - arrival).0 > f64::from(patience_bars) * self.bar().0
    }

    /// The length of one bar.
    pub fn bar(self) -> Beat {
        Beat(f64::from(self.beats_per_bar))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions() {
        let t = Tempo::from_bpm(120.0);
        assert_eq!(t.beat_length(), Millis(500.0));
        assert_eq!(t.beats(Millis(250.0)), Beat(0.5));
        let m = Metre { beats_per_bar: 4 };
        assert_eq!(m.bar_start(1), Beat(0.0));
        assert_eq!(m.bar_start(3), Beat(8.0));
        assert_eq!(m.bar_of(Beat(7.99)), 2);
        assert_eq!(m.bar_of(Beat(8.0)), 3);
    }
}
