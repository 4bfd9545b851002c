//! The pace of a performance: the tempo at a scale of the scenario's, and the timing windows as
//! they may be at that tempo. One rule, for the start of a piece and for a change of tempo
//! during it.

use super::judge::Windows;
use super::time::{Millis, Tempo};

/// The widest a timing window may be, as a share of a beat: wider windows would overlap the
/// next beat's notes.
pub const MAX_WINDOW_BEATS: f64 = 0.45;

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
pub(super) fn pace(base_bpm: f64, scale: f64, wanted: Windows) -> (Tempo, Windows) {
    let tempo = Tempo::from_bpm(base_bpm * sane_scale(scale));
    let max = tempo.beat_length().0 * MAX_WINDOW_BEATS;
    let windows = Windows {
        perfect: Millis(wanted.perfect.0.min(max)),
        good: Millis(wanted.good.0.min(max)),
        ok: Millis(wanted.ok.0.min(max)),
    };
    (tempo, windows)
}
