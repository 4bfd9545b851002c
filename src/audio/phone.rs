//! The telephone that rings when a customer is lost: a classic electromechanical bell, made of
//! sines so that it needs no sample file.
//!
//! A desk phone's clapper swings between two small bells about twenty times a second. Here the two
//! bells are tuned to 400 Hz and 450 Hz (the pair of tones of the British ring signal) with the
//! inharmonic upper partials of a struck bell; each is struck 20 times a second, the two half a
//! swing apart, and rings down between strikes. That trill is gated in the British double-ring
//! cadence, twice: ring 0.4 s, pause 0.2 s, ring 0.4 s, pause 0.6 s, and again (2.6 s in all).
//! Nothing in it is low or noisy, so it cannot be mistaken for the drop's crash.

use std::f64::consts::TAU;

/// The two bells' fundamentals, Hz.
const BELLS: [f64; 2] = [400.0, 450.0];
/// Clapper strikes per second on each bell.
const STRIKES_PER_SEC: f64 = 20.0;
/// When the bells ring, in seconds from the start: two double rings.
pub const CADENCE: [(f64, f64); 4] = [(0.0, 0.4), (0.6, 1.0), (1.6, 2.0), (2.2, 2.6)];
/// Seconds from the first ring to silence.
pub const PHONE_SECS: f64 = 2.7;

/// A struck bell's partials: ratio to the fundamental and level.
const PARTIALS: [(f64, f64); 3] = [(1.0, 1.0), (2.76, 0.22), (5.40, 0.08)];
/// How fast a bell rings down after a strike (time constant, seconds).
const RING_DOWN: f64 = 0.03;
/// Fade in and out of each ring (seconds), so the gate never clicks.
const EDGE: f64 = 0.008;

/// One ringing phone, rendered sample by sample.
#[derive(Debug, Clone)]
pub struct Ring {
    t: u64,
    rate: f64,
    gain: f32,
}

impl Ring {
    /// A phone ringing from now at `gain`, at `sample_rate` frames per second.
    pub fn new(gain: f32, sample_rate: f32) -> Ring {
        Ring {
            t: 0,
            rate: f64::from(sample_rate.max(1.0)),
            gain,
        }
    }

    /// True once the phone has stopped.
    pub fn is_done(&self) -> bool {
        self.t as f64 / self.rate >= PHONE_SECS
    }

    /// Adds the next `out.len()` frames into `out` (in the middle of the stereo field).
    pub(crate) fn add_to(&mut self, out: &mut [[f32; 2]]) {
        let norm: f64 = PARTIALS.iter().map(|p| p.1).sum::<f64>();
        for frame in out.iter_mut() {
            if self.is_done() {
                break;
            }
            let secs = self.t as f64 / self.rate;
            let v = (sample(secs) / norm) as f32 * self.gain;
            frame[0] += v * std::f32::consts::FRAC_1_SQRT_2;
            frame[1] += v * std::f32::consts::FRAC_1_SQRT_2;
            self.t += 1;
        }
    }
}

/// The phone at `secs` from its start, before normalising: the gate times both bells' sound.
fn sample(secs: f64) -> f64 {
    let gate = gate(secs);
    if gate <= 0.0 {
        return 0.0;
    }
    let mut s = 0.0;
    for (i, bell) in BELLS.iter().enumerate() {
        // The clapper reaches the second bell half a swing after the first.
        let since = ((secs * STRIKES_PER_SEC + 0.5 * i as f64).fract()) / STRIKES_PER_SEC;
        let strike = (-since / RING_DOWN).exp();
        for (ratio, level) in PARTIALS {
            s += level * strike * (TAU * bell * ratio * secs).sin();
        }
    }
    s * gate
}

/// 1 while the bells ring, 0 in the pauses, with short linear edges.
fn gate(secs: f64) -> f64 {
    CADENCE
        .iter()
        .map(|&(on, off)| {
            let rise = ((secs - on) / EDGE).clamp(0.0, 1.0);
            let fall = ((off - secs) / EDGE).clamp(0.0, 1.0);
            rise.min(fall)
        })
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bells_ring_in_the_cadence_and_stop() {
        assert_eq!(gate(0.2), 1.0);
        assert_eq!(gate(0.5), 0.0);
        assert_eq!(gate(0.8), 1.0);
        assert_eq!(gate(1.3), 0.0);
        assert_eq!(gate(2.4), 1.0);
        assert_eq!(gate(2.65), 0.0);
        let mut ring = Ring::new(1.0, 48_000.0);
        let mut out = vec![[0.0f32; 2]; 48_000 * 3];
        ring.add_to(&mut out);
        assert!(ring.is_done());
        let peak = out.iter().map(|f| f[0].abs()).fold(0.0, f32::max);
        assert!(peak > 0.2 && peak <= 1.0, "peak {peak}");
        assert!(out[(2.8 * 48_000.0) as usize..].iter().all(|f| f[0] == 0.0));
    }
}
