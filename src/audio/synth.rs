//! Synthesised instruments: each a set of partials with its own envelope, so that every
//! department is recognisable without any sample files.

use std::f32::consts::TAU;

use crate::scenario::Instrument;

/// One sine partial: frequency ratio to the fundamental, level, and decay per second.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Partial {
    pub ratio: f32,
    pub level: f32,
    pub decay: f32,
}

/// A timbre: partials plus attack, release and vibrato.
#[derive(Debug, Clone)]
pub(crate) struct Timbre {
    pub partials: Vec<Partial>,
    /// Seconds to full level.
    pub attack: f32,
    /// Seconds to silence after the note ends.
    pub release: f32,
    /// Vibrato depth (fraction of the frequency) and rate (Hz).
    pub vibrato: (f32, f32),
    /// Breath or bow noise level.
    pub noise: f32,
}

/// The first `n` harmonics, each at `level(k)` decaying at `decay(k)` per second; the silent
/// ones (level 0) left out.
fn harmonics(n: usize, level: impl Fn(usize) -> f32, decay: impl Fn(usize) -> f32) -> Vec<Partial> {
    (1..=n)
        .map(|k| Partial {
            ratio: k as f32,
            level: level(k),
            decay: decay(k),
        })
        .filter(|p| p.level > 0.0)
        .collect()
}

/// Partials at free ratios: (ratio, level, decay per second) each, for struck bars and heads
/// whose overtones are not harmonics.
fn modes(list: &[(f32, f32, f32)]) -> Vec<Partial> {
    list.iter()
        .map(|&(ratio, level, decay)| Partial {
            ratio,
            level,
            decay,
        })
        .collect()
}

/// The timbre of an instrument.
pub(crate) fn timbre(instrument: Instrument) -> Timbre {
    match instrument {
        Instrument::Violin => violin(),
        Instrument::Cello => cello(),
        Instrument::Flute => flute(),
        Instrument::Clarinet => clarinet(),
        Instrument::Horn => horn(),
        Instrument::Piano => piano(),
        Instrument::Marimba => marimba(),
        Instrument::Timpani => timpani(),
    }
}

/// Bowed strings: bright saw-like spectrum, soft attack, vibrato.
fn violin() -> Timbre {
    Timbre {
        partials: harmonics(10, |k| 1.0 / k as f32, |_| 0.3),
        attack: 0.04,
        release: 0.12,
        vibrato: (0.006, 5.5),
        noise: 0.01,
    }
}

/// The violin's lower sibling: a stronger fundamental, slower attack and vibrato.
fn cello() -> Timbre {
    Timbre {
        partials: harmonics(12, |k| if k == 1 { 1.0 } else { 0.8 / k as f32 }, |_| 0.2),
        attack: 0.07,
        release: 0.18,
        vibrato: (0.004, 4.8),
        noise: 0.008,
    }
}

/// Flute: almost a sine, with breath.
fn flute() -> Timbre {
    Timbre {
        partials: harmonics(3, |k| [1.0, 0.18, 0.06][k - 1], |_| 0.1),
        attack: 0.05,
        release: 0.1,
        vibrato: (0.003, 5.0),
        noise: 0.03,
    }
}

/// Clarinet: odd harmonics.
fn clarinet() -> Timbre {
    Timbre {
        partials: harmonics(
            9,
            |k| if k % 2 == 1 { 1.0 / k as f32 } else { 0.0 },
            |_| 0.2,
        ),
        attack: 0.03,
        release: 0.1,
        vibrato: (0.0, 0.0),
        noise: 0.004,
    }
}

/// Horn: warm, steep roll-off, slow attack.
fn horn() -> Timbre {
    Timbre {
        partials: harmonics(8, |k| 1.0 / (k as f32).powf(1.6), |_| 0.15),
        attack: 0.08,
        release: 0.2,
        vibrato: (0.002, 4.5),
        noise: 0.0,
    }
}

/// Piano: struck, every partial decays, the higher ones faster.
fn piano() -> Timbre {
    Timbre {
        partials: harmonics(8, |k| 0.9 / k as f32, |k| 1.2 + 0.8 * k as f32),
        attack: 0.004,
        release: 0.3,
        vibrato: (0.0, 0.0),
        noise: 0.0,
    }
}

/// Marimba: fundamental and the bar's fourth partial, fast decay.
fn marimba() -> Timbre {
    Timbre {
        partials: modes(&[(1.0, 1.0, 3.5), (3.93, 0.25, 9.0), (9.2, 0.05, 18.0)]),
        attack: 0.002,
        release: 0.15,
        vibrato: (0.0, 0.0),
        noise: 0.0,
    }
}

/// Timpani: a drum head's inharmonic modes over a clear principal tone.
fn timpani() -> Timbre {
    Timbre {
        partials: modes(&[
            (1.0, 1.0, 2.5),
            (1.5, 0.35, 3.5),
            (1.98, 0.2, 4.5),
            (2.44, 0.12, 6.0),
        ]),
        attack: 0.003,
        release: 0.3,
        vibrato: (0.0, 0.0),
        noise: 0.02,
    }
}

/// A sounding note: a timbre at a frequency for a length, rendered sample by sample.
#[derive(Debug, Clone)]
pub(crate) struct Voice {
    partials: Vec<(f32, f32, f32, f32)>, // (phase step, level, decay per sample, phase)
    attack: f32,
    release: f32,
    vibrato: (f32, f32),
    noise: f32,
    /// Samples the note is held.
    hold: f32,
    /// Samples rendered so far.
    t: f32,
    gain: f32,
    pan: f32,
    rng: u32,
}

impl Voice {
    /// A note of `timbre` at `freq` Hz held for `secs` seconds, at `gain`, panned -1 (left) … 1.
    pub fn new(
        timbre: &Timbre,
        freq: f32,
        secs: f32,
        gain: f32,
        pan: f32,
        sample_rate: f32,
    ) -> Voice {
        let level_sum: f32 = timbre
            .partials
            .iter()
            .map(|p| p.level)
            .sum::<f32>()
            .max(1e-6);
        Voice {
            partials: timbre
                .partials
                .iter()
                .filter(|p| p.ratio * freq < sample_rate * 0.45)
                .map(|p| {
                    (
                        TAU * freq * p.ratio / sample_rate,
                        p.level / level_sum,
                        (-p.decay / sample_rate).exp(),
                        0.0,
                    )
                })
                .collect(),
            attack: (timbre.attack * sample_rate).max(1.0),
            release: (timbre.release * sample_rate).max(1.0),
            vibrato: (timbre.vibrato.0, TAU * timbre.vibrato.1 / sample_rate),
            noise: timbre.noise,
            hold: secs * sample_rate,
            t: 0.0,
            gain,
            pan: pan.clamp(-1.0, 1.0),
            rng: 0x9E37_79B9 ^ (freq.to_bits()),
        }
    }

    /// True once the note has died away.
    pub fn is_done(&self) -> bool {
        self.t >= self.hold + self.release
    }

    /// Adds the next `out.len()` frames of the note into `out`.
    pub(crate) fn add_to(&mut self, out: &mut [[f32; 2]]) {
        let left = ((1.0 - self.pan) * 0.5).sqrt();
        let right = ((1.0 + self.pan) * 0.5).sqrt();
        for frame in out.iter_mut() {
            if self.is_done() {
                break;
            }
            let env = if self.t < self.attack {
                self.t / self.attack
            } else if self.t < self.hold {
                1.0
            } else {
                1.0 - (self.t - self.hold) / self.release
            };
            let vib = 1.0 + self.vibrato.0 * (self.vibrato.1 * self.t).sin();
            let mut s = 0.0;
            for p in &mut self.partials {
                s += p.3.sin() * p.1;
                p.3 += p.0 * vib;
                if p.3 > TAU {
                    p.3 -= TAU;
                }
                p.1 *= p.2;
            }
            if self.noise > 0.0 {
                self.rng ^= self.rng << 13;
                self.rng ^= self.rng >> 17;
                self.rng ^= self.rng << 5;
                s += (self.rng as f32 / u32::MAX as f32 * 2.0 - 1.0) * self.noise;
            }
            let v = s * env * self.gain;
            frame[0] += v * left;
            frame[1] += v * right;
            self.t += 1.0;
        }
    }
}
