//! The pace of a performance: its metre, the tempo at a scale of the scenario's, and the timing
//! windows as they may be at that tempo. One rule, for the start of a piece and for a change of
//! tempo during it.

use super::judge::Windows;
use super::time::{Beat, Metre, Millis, Tempo};

/// A performance's timing: its metre, the tempo it is played at now and the windows in use.
#[derive(Debug)]
pub(super) struct Pace {
    metre: Metre,
    base_bpm: f64,
    tempo: Tempo,
    /// The windows asked for (scenario × difficulty).
    wanted: Windows,
    /// The windows in use: never wider than [`MAX_WINDOW_BEATS`] of a beat.
    windows: Windows,
}

impl Pace {
    /// `metre` at `scale` × `base_bpm`, with the `wanted` windows as they may be at that tempo.
    pub(super) fn new(metre: Metre, base_bpm: f64, scale: f64, wanted: Windows) -> Pace {
        let (tempo, windows) = pace(base_bpm, scale, wanted);
        Pace {
            metre,
            base_bpm,
            tempo,
            wanted,
            windows,
        }
    }

    /// The tempo becomes `scale` × the scenario's, and the windows follow it.
    pub(super) fn set_scale(&mut self, scale: f64) {
        (self.tempo, self.windows) = pace(self.base_bpm, scale, self.wanted);
    }

    /// The metre.
    pub(super) fn metre(&self) -> Metre {
        self.metre
    }

    /// The current tempo.
    pub(super) fn tempo(&self) -> Tempo {
        self.tempo
    }

    /// The timing windows in use.
    pub(super) fn windows(&self) -> Windows {
        self.windows
    }

    /// `ms` in beats at the current tempo.
    pub(super) fn beats(&self, ms: Millis) -> Beat {
        self.tempo.beats(ms)
    }

    /// The widest window, in beats at the current tempo.
    pub(super) fn ok_beats(&self) -> Beat {
        self.tempo.beats(self.windows.ok)
    }

    /// Whether `t` is inside the widest window around `due`.
    pub(super) fn in_window(&self, t: Beat, due: Beat) -> bool {
        self.tempo.millis(t - due).0.abs() <= self.windows.ok.0
    }

    /// Where the `appearance`-th return of a note dropped at `dropped_due` is due.
    pub(super) fn loose_due(&self, dropped_due: Beat, appearance: u32) -> Beat {
        self.metre.loose_due(dropped_due, appearance)
    }
}

/// The widest a timing window may be, as a share of a beat: wider windows would overlap the
/// next beat's notes.
const MAX_WINDOW_BEATS: f64 = 0.45;

/// A factor on the tempo or the timing windows as the simulation takes it: from 1/20 to 20 times
/// (what a replay file says may be anything); not a positive number at all: 1.
pub(super) fn sane_scale(scale: f64) -> f64 {
    if scale.is_finite() && scale > 0.0 {
        scale.clamp(0.05, 20.0)
    } else {
        1.0
    }
}

/// The tempo at `scale` × `base_bpm`, and the `wanted` windows at that tempo: none wider than
/// [`MAX_WINDOW_BEATS`] of a beat.
fn pace(base_bpm: f64, scale: f64, wanted: Windows) -> (Tempo, Windows) {
    let tempo = Tempo::from_bpm(base_bpm * sane_scale(scale));
    let max = tempo.beat_length().0 * MAX_WINDOW_BEATS;
    let windows = Windows {
        perfect: Millis(wanted.perfect.0.min(max)),
        good: Millis(wanted.good.0.min(max)),
        ok: Millis(wanted.ok.0.min(max)),
    };
    (tempo, windows)
}
