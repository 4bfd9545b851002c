//! The mixer: starts each cue on its exact sample, mixes the voices, the pulse and the crowd, and
//! keeps the sum under full scale with a peak limiter. Renders block by block, so the same code
//! serves a live audio callback and an offline WAV export.

use crate::scenario::{Instrument, Pitch};

use super::score::{Cue, Timed};
use super::synth::{Partial, Timbre, Voice, timbre};

/// Output sample rate.
pub const SAMPLE_RATE: u32 = 48_000;
/// The limiter keeps every sample within this level.
pub const CEILING: f32 = 0.9;

/// Mix levels, 0–1 (the settings' volumes).
#[derive(Debug, Clone, Copy)]
pub struct Levels {
    pub master: f32,
    pub music: f32,
    pub effects: f32,
}

impl Default for Levels {
    fn default() -> Self {
        Levels {
            master: 0.8,
            music: 0.8,
            effects: 0.8,
        }
    }
}

/// Per-voice level of a played note, before the music volume.
const NOTE_GAIN: f32 = 0.45;
const PULSE_GAIN: f32 = 0.07;
const CHORD_GAIN: f32 = 0.2;
const CRASH_GAIN: f32 = 0.7;
const APPLAUSE_GAIN: f32 = 0.06;
const MURMUR_GAIN: f32 = 0.05;
/// The limiter's release per sample (about 100 ms).
const LIMITER_RELEASE_SECS: f32 = 0.1;

/// Renders cues to stereo frames, block by block.
pub struct Renderer {
    cues: Vec<(u64, Cue)>,
    next: usize,
    voices: Vec<Voice>,
    /// Frames rendered so far: the audio clock.
    pos: u64,
    levels: Levels,
    murmur: (f32, f32),
    rng: u32,
    limiter_gain: f32,
    /// Frames in which the limiter reduced the level.
    pub limited_frames: u64,
    /// Frames per second.
    rate: u32,
}

impl Renderer {
    /// A renderer of `cues` (seconds from the start), at [`SAMPLE_RATE`].
    pub fn new(cues: Vec<Timed>, levels: Levels) -> Renderer {
        Renderer::with_rate(cues, levels, SAMPLE_RATE)
    }

    /// A renderer at another sample rate (an audio device's).
    pub fn with_rate(cues: Vec<Timed>, levels: Levels, sample_rate: u32) -> Renderer {
        let rate = f64::from(sample_rate.max(1));
        Renderer {
            cues: cues
                .into_iter()
                .map(|t| ((t.at.max(0.0) * rate).round() as u64, t.cue))
                .collect(),
            next: 0,
            voices: Vec::new(),
            pos: 0,
            levels,
            murmur: (0.0, 0.0),
            rng: 0x1234_5678,
            limiter_gain: 1.0,
            limited_frames: 0,
            rate: sample_rate.max(1),
        }
    }

    /// Adds a cue to start at frame `at` (now, if that has passed). For live play.
    pub fn push(&mut self, at: u64, cue: Cue) {
        if self.next > 1024 {
            self.cues.drain(..self.next);
            self.next = 0;
        }
        let at = at.max(self.pos);
        let index = self.next + self.cues[self.next..].partition_point(|c| c.0 <= at);
        self.cues.insert(index, (at, cue));
    }

    /// Drops the cues that have not started by frame `from` (those already sounding ring on):
    /// for a pause or a restart, when sounds were scheduled ahead.
    pub fn cancel_from(&mut self, from: u64) {
        // Cues asked to play now (queued at the current frame) are never taken back.
        let from = from.max(self.pos + 1);
        let keep = self.next + self.cues[self.next..].partition_point(|c| c.0 < from);
        self.cues.truncate(keep);
    }

    /// The cues not started yet, with their times in seconds (to carry them over to a renderer
    /// at another sample rate).
    pub fn pending(&self) -> Vec<(f64, Cue)> {
        let rate = f64::from(self.rate);
        self.cues[self.next..]
            .iter()
            .map(|(at, cue)| (*at as f64 / rate, cue.clone()))
            .collect()
    }

    /// Moves the clock to frame `pos` without sound (a live renderer restarted at another sample
    /// rate keeps the audio clock where it was).
    pub fn start_at(mut self, pos: u64) -> Renderer {
        self.pos = pos;
        self
    }

    /// Changes the mix levels from now on.
    pub fn set_levels(&mut self, levels: Levels) {
        self.levels = levels;
    }

    /// Frames per second.
    pub fn sample_rate(&self) -> u32 {
        self.rate
    }

    /// Frames rendered so far.
    pub fn position(&self) -> u64 {
        self.pos
    }

    /// True when every cue has started and every voice has died away.
    pub fn is_done(&self) -> bool {
        self.next >= self.cues.len() && self.voices.is_empty()
    }

    /// Starts the sound of one cue now.
    fn start(&mut self, cue: &Cue) {
        let rate = self.rate as f32;
        let music = self.levels.music * self.levels.master;
        let effects = self.levels.effects * self.levels.master;
        match cue {
            Cue::Note {
                instrument,
                pitch,
                secs,
                pan,
            } => {
                let t = timbre(*instrument);
                self.voices.push(Voice::new(
                    &t,
                    pitch.hz() as f32,
                    *secs,
                    NOTE_GAIN * music,
                    *pan,
                    rate,
                ));
            }
            Cue::Pulse { downbeat } => {
                let t = click();
                let freq = if *downbeat { 1568.0 } else { 1046.5 };
                let gain = PULSE_GAIN * music * if *downbeat { 1.4 } else { 1.0 };
                self.voices.push(Voice::new(&t, freq, 0.0, gain, 0.0, rate));
            }
            Cue::Chord { pitches } => {
                let t = timbre(Instrument::Horn);
                let p = timbre(Instrument::Piano);
                let n = pitches.len().max(1) as f32;
                for pitch in pitches {
                    let f = pitch.hz() as f32;
                    self.voices.push(Voice::new(
                        &t,
                        f,
                        1.0,
                        CHORD_GAIN * music / n.sqrt(),
                        0.0,
                        rate,
                    ));
                    self.voices.push(Voice::new(
                        &p,
                        f,
                        0.6,
                        CHORD_GAIN * music / n.sqrt(),
                        0.0,
                        rate,
                    ));
                }
            }
            Cue::Crash => {
                // A cluster of semitones and a tritone, low and loud, with a noisy edge.
                let t = crash();
                let base = Pitch(41).hz() as f32;
                // Root, minor second, tritone, fifth, minor sixth (equal temperament).
                for semitones in [0.0f32, 1.0, 6.0, 7.0, 8.0] {
                    let ratio = 2f32.powf(semitones / 12.0);
                    self.voices.push(Voice::new(
                        &t,
                        base * ratio,
                        0.25,
                        CRASH_GAIN * effects / 5.0,
                        0.0,
                        rate,
                    ));
                }
            }
            Cue::Applause => {
                let t = Timbre {
                    partials: vec![],
                    attack: 0.02,
                    release: 0.5,
                    vibrato: (0.0, 0.0),
                    noise: 1.0,
                };
                self.voices.push(Voice::new(
                    &t,
                    1000.0,
                    0.2,
                    APPLAUSE_GAIN * effects,
                    0.0,
                    rate,
                ));
            }
            Cue::Murmur { level } => self.murmur.0 = *level,
        }
    }

    /// Renders the next `out.len()` frames into `out` (overwriting it). Each cue starts on its
    /// own sample, wherever it falls in the block.
    pub fn render(&mut self, out: &mut [[f32; 2]]) {
        for f in out.iter_mut() {
            *f = [0.0, 0.0];
        }
        let (start, len) = (self.pos, out.len());
        let mut done = 0usize;
        loop {
            while let Some((at, cue)) = self.cues.get(self.next) {
                if *at > start + done as u64 {
                    break;
                }
                let cue = cue.clone();
                self.start(&cue);
                self.next += 1;
            }
            let stop = match self.cues.get(self.next) {
                Some((at, _)) if *at < start + len as u64 => (*at - start) as usize,
                _ => len,
            };
            for v in &mut self.voices {
                v.add_to(&mut out[done..stop]);
            }
            done = stop;
            if done >= len {
                break;
            }
        }
        self.voices.retain(|v| !v.is_done());
        self.add_murmur(out);
        self.limit(out);
        self.pos = start + len as u64;
    }

    fn add_murmur(&mut self, out: &mut [[f32; 2]]) {
        let gain = MURMUR_GAIN * self.levels.effects * self.levels.master;
        for f in out.iter_mut() {
            self.murmur.1 += (self.murmur.0 - self.murmur.1) * 0.0001;
            if self.murmur.1 < 1e-4 {
                continue;
            }
            self.rng ^= self.rng << 13;
            self.rng ^= self.rng >> 17;
            self.rng ^= self.rng << 5;
            let n = self.rng as f32 / u32::MAX as f32 * 2.0 - 1.0;
            let v = n * self.murmur.1 * gain;
            f[0] += v;
            f[1] += v * 0.8;
        }
    }

    fn limit(&mut self, out: &mut [[f32; 2]]) {
        for f in out.iter_mut() {
            let peak = f[0].abs().max(f[1].abs());
            let needed = if peak * self.limiter_gain > CEILING {
                CEILING / peak
            } else {
                1.0
            };
            if needed < self.limiter_gain {
                self.limiter_gain = needed;
            } else {
                let release = 1.0 / (LIMITER_RELEASE_SECS * self.rate as f32);
                self.limiter_gain = (self.limiter_gain + release).min(1.0);
            }
            if self.limiter_gain < 1.0 {
                self.limited_frames += 1;
            }
            f[0] *= self.limiter_gain;
            f[1] *= self.limiter_gain;
        }
    }
}

fn click() -> Timbre {
    Timbre {
        partials: vec![Partial {
            ratio: 1.0,
            level: 1.0,
            decay: 60.0,
        }],
        attack: 0.001,
        release: 0.04,
        vibrato: (0.0, 0.0),
        noise: 0.0,
    }
}

fn crash() -> Timbre {
    Timbre {
        partials: (1..=6)
            .map(|k| Partial {
                ratio: k as f32 * 1.003,
                level: 1.0 / k as f32,
                decay: 2.0,
            })
            .collect(),
        attack: 0.003,
        release: 0.5,
        vibrato: (0.012, 7.0),
        noise: 0.25,
    }
}
