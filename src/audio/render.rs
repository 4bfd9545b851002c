//! The mixer: starts each cue on its exact sample, mixes the voices, the pulse and the crowd, and
//! keeps the sum under full scale with a peak limiter. Renders block by block, so the same code
//! serves a live audio callback and an offline WAV export.

use std::collections::BTreeMap;

use crate::scenario::{Instrument, Pitch};

use super::phone::Ring;
use super::score::{Cue, Hang, Timed, busy_pitch};
use super::soundfont::{FontNote, FontPlayer, FontVoice, Scratch, SoundSource};
use super::synth::{Partial, Timbre, Voice, timbre};

/// A SoundFont note of `instrument` at the mixer's level for it, `cents` off its pitch.
fn font_note_of(
    instrument: Instrument,
    pitch: Pitch,
    secs: f32,
    gain: f32,
    pan: f32,
    cents: f32,
) -> FontNote {
    FontNote {
        instrument,
        pitch,
        secs,
        gain: gain * font_gain(instrument),
        pan,
        cents,
        fade: None,
    }
}

/// Output sample rate.
pub const SAMPLE_RATE: u32 = 48_000;
/// The limiter keeps every sample within this level.
pub const CEILING: f32 = 0.9;

/// Mix levels, 0–1 (the settings' volumes).
#[derive(Debug, Clone, Copy)]
pub struct Levels {
    /// Everything, 0–1.
    pub master: f32,
    /// The notes, 0–1.
    pub music: f32,
    /// The effects (crash, applause, murmur, phone), 0–1.
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
/// The phone, before the effects volume: as loud as the crash, but bright and light.
const PHONE_GAIN: f32 = 0.6;
/// A stray press's muted note: well under a played note.
const MUTED_GAIN: f32 = 0.15;
const MUTED_SECS: f32 = 0.08;
/// Each of double work's two clashing notes.
const CLASH_GAIN: f32 = 0.2;
const CLASH_SECS: f32 = 0.15;
/// A hanging phrase's suspended chord: held, then fading for seconds.
const SUSPENDED_HOLD_SECS: f32 = 0.5;
const SUSPENDED_FADE_SECS: f32 = 2.0;
/// How many phrases the mixer keeps for a [`Cue::Hang`].
const REMEMBERED_PHRASES: usize = 512;
/// A busy colleague's tune: each note well under a played note, and this many cents sharp.
const BUSY_GAIN: f32 = 0.12;
const BUSY_CENTS: f32 = 40.0;
/// A rescue's cheer, before the effects volume.
const CHEER_GAIN: f32 = 0.12;
/// SoundFont notes against synthesised ones: about the same loudness at the same level (FluidR3's
/// notes measured against the synthesis', [`font_gain`]).
const FONT_GAIN: f32 = 3.2;
/// The limiter's release per sample (about 100 ms).
const LIMITER_RELEASE_SECS: f32 = 0.1;

/// Renders cues to stereo frames, block by block.
pub struct Renderer {
    cues: Vec<(u64, Cue)>,
    next: usize,
    voices: Vec<Voice>,
    /// The SoundFont the instruments play from, if one is in use ([`SoundSource`]).
    font: Option<FontPlayer>,
    /// SoundFont notes sounding.
    font_voices: Vec<FontVoice>,
    scratch: Scratch,
    /// Phones ringing.
    rings: Vec<Ring>,
    /// Each open case's hanging phrase, by case, for a [`Cue::Hang`].
    phrases: BTreeMap<u32, Hang>,
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
            font: None,
            font_voices: Vec::new(),
            scratch: Scratch::default(),
            rings: Vec::new(),
            phrases: BTreeMap::new(),
            pos: 0,
            levels,
            murmur: (0.0, 0.0),
            rng: 0x1234_5678,
            limiter_gain: 1.0,
            limited_frames: 0,
            rate: sample_rate.max(1),
        }
    }

    /// The same renderer playing its instruments from `source` (see [`Renderer::set_source`]).
    pub fn with_source(mut self, source: &SoundSource) -> Renderer {
        self.set_source(source);
        self
    }

    /// Plays the instruments from `source` from the next note on (notes sounding ring on as
    /// they are). The game changes it only between pieces. A SoundFont that cannot play at this
    /// rate leaves the synthesis.
    pub fn set_source(&mut self, source: &SoundSource) {
        self.font = match source {
            SoundSource::Synthesis => None,
            SoundSource::SoundFont(font) => match self.font.take() {
                Some(player) if player.plays(font) => Some(player),
                _ => FontPlayer::new(font.clone(), self.rate),
            },
        };
    }

    /// What the instruments play from now.
    pub fn source(&self) -> SoundSource {
        self.font.as_ref().map_or(SoundSource::Synthesis, |p| {
            SoundSource::SoundFont(p.font().clone())
        })
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
    pub(crate) fn cancel_from(&mut self, from: u64) {
        // Cues asked to play now (queued at the current frame) are never taken back.
        let from = from.max(self.pos + 1);
        let keep = self.next + self.cues[self.next..].partition_point(|c| c.0 < from);
        self.cues.truncate(keep);
    }

    /// The cues not started yet, with their times in seconds (to carry them over to a renderer
    /// at another sample rate).
    pub(crate) fn pending(&self) -> Vec<(f64, Cue)> {
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
        self.next >= self.cues.len()
            && self.voices.is_empty()
            && self.font_voices.is_empty()
            && self.rings.is_empty()
    }

    /// Starts the sound of one cue at frame `now` (the sounds a cue places later, such as a
    /// hanging phrase's notes, are queued from there).
    fn start(&mut self, cue: &Cue, now: u64) {
        let music = self.levels.music * self.levels.master;
        let effects = self.levels.effects * self.levels.master;
        match cue {
            Cue::Note {
                instrument,
                pitch,
                secs,
                pan,
            } => self.note(*instrument, *pitch, *secs, NOTE_GAIN * music, *pan),
            Cue::Pulse { downbeat } => {
                let freq = if *downbeat { 1568.0 } else { 1046.5 };
                let gain = PULSE_GAIN * music * if *downbeat { 1.4 } else { 1.0 };
                let rate = self.rate as f32;
                self.voices
                    .push(Voice::new(&click(), freq, 0.0, gain, 0.0, rate));
            }
            Cue::Chord { pitches } => self.chord(pitches, music),
            Cue::Crash => self.crash(effects),
            Cue::Applause => self.applause(effects),
            Cue::Murmur { level } => self.murmur.0 = *level,
            Cue::Phone => self
                .rings
                .push(Ring::new(PHONE_GAIN * effects, self.rate as f32)),
            Cue::Muted {
                instrument,
                pitch,
                pan,
            } => self.voice(
                &muted(*instrument),
                *pitch,
                MUTED_SECS,
                MUTED_GAIN * music,
                *pan,
            ),
            Cue::Clash {
                instrument,
                pitch,
                pan,
            } => self.clash(*instrument, *pitch, *pan, music),
            Cue::Phrase { case, hang } => self.remember(*case, hang.clone()),
            Cue::Hang { case } => self.hang(*case, now),
            Cue::Suspended { pitches } => self.suspended(pitches, music),
            Cue::Busy(tune) => self.busy(tune, now),
            Cue::Hum {
                instrument,
                pitch,
                secs,
                pan,
            } => self.hum(*instrument, *pitch, *secs, BUSY_GAIN * music, *pan),
            Cue::Cheer => self.cheer(effects),
        }
    }

    /// A played note of `instrument`: from the SoundFont when one is in use, else synthesised.
    fn note(&mut self, instrument: Instrument, pitch: Pitch, secs: f32, gain: f32, pan: f32) {
        let note = font_note_of(instrument, pitch, secs, gain, pan, 0.0);
        if !self.font_note(&note) {
            self.voice(&timbre(instrument), pitch, secs, gain, pan);
        }
    }

    /// Starts `note` on the SoundFont; false when none is in use.
    fn font_note(&mut self, note: &FontNote) -> bool {
        match self.font.as_mut().and_then(|f| f.start(note)) {
            Some(voice) => {
                self.font_voices.push(voice);
                true
            }
            None => false,
        }
    }

    /// Queues a busy colleague's tune over its bar, from frame `now`: one soft note a beat.
    fn busy(&mut self, tune: &super::score::BusyTune, now: u64) {
        let rate = f64::from(self.rate);
        for beat in 0..tune.beats {
            let at = now + (f64::from(tune.beat_secs) * f64::from(beat) * rate).round() as u64;
            let cue = Cue::Hum {
                instrument: tune.instrument,
                pitch: busy_pitch(tune.root, beat),
                secs: tune.beat_secs * 0.7,
                pan: tune.pan,
            };
            self.push(at, cue);
        }
    }

    /// One note of a busy tune: soft, and [`BUSY_CENTS`] sharp.
    fn hum(&mut self, instrument: Instrument, pitch: Pitch, secs: f32, gain: f32, pan: f32) {
        let note = font_note_of(instrument, pitch, secs, gain, pan, BUSY_CENTS);
        if !self.font_note(&note) {
            let rate = self.rate as f32;
            let hz = pitch.hz() as f32 * 2f32.powf(BUSY_CENTS / 1200.0);
            let t = timbre(instrument);
            self.voices.push(Voice::new(&t, hz, secs, gain, pan, rate));
        }
    }

    /// A rescue: the crowd's short cheer, a rising shout over a burst of noise.
    fn cheer(&mut self, effects: f32) {
        let rate = self.rate as f32;
        let gain = CHEER_GAIN * effects;
        let shout = Timbre {
            partials: harmonics_of(&[1.0, 0.5, 0.3]),
            attack: 0.03,
            release: 0.35,
            vibrato: (0.02, 6.0),
            noise: 0.6,
        };
        for (hz, pan) in [(523.3, -0.3), (659.3, 0.3), (784.0, 0.0)] {
            self.voices
                .push(Voice::new(&shout, hz, 0.25, gain / 3.0, pan, rate));
        }
    }

    /// Starts one voice of `timbre` at `pitch`.
    fn voice(&mut self, timbre: &Timbre, pitch: Pitch, secs: f32, gain: f32, pan: f32) {
        let rate = self.rate as f32;
        self.voices
            .push(Voice::new(timbre, pitch.hz() as f32, secs, gain, pan, rate));
    }

    /// A reply: a short burst of noise.
    fn applause(&mut self, effects: f32) {
        let t = Timbre {
            partials: vec![],
            attack: 0.02,
            release: 0.5,
            vibrato: (0.0, 0.0),
            noise: 1.0,
        };
        let rate = self.rate as f32;
        let gain = APPLAUSE_GAIN * effects;
        self.voices
            .push(Voice::new(&t, 1000.0, 0.2, gain, 0.0, rate));
    }

    /// Double work: the instrument, muted, on `pitch` and the semitone above at once.
    fn clash(&mut self, instrument: Instrument, pitch: Pitch, pan: f32, music: f32) {
        let t = muted(instrument);
        for p in [pitch, Pitch(pitch.0.saturating_add(1))] {
            self.voice(&t, p, CLASH_SECS, CLASH_GAIN * music, pan);
        }
    }

    /// A completed phrase: every pitch on horn and piano together.
    fn chord(&mut self, pitches: &[Pitch], music: f32) {
        let gain = CHORD_GAIN * music / (pitches.len().max(1) as f32).sqrt();
        for &pitch in pitches {
            self.note(Instrument::Horn, pitch, 1.0, gain, 0.0);
            self.note(Instrument::Piano, pitch, 0.6, gain, 0.0);
        }
    }

    /// A drop: a cluster of semitones and a tritone, low and loud, with a noisy edge.
    fn crash(&mut self, effects: f32) {
        let t = crash();
        // Root, minor second, tritone, fifth, minor sixth (equal temperament).
        for semitones in [0u8, 1, 6, 7, 8] {
            self.voice(
                &t,
                Pitch(41 + semitones),
                0.25,
                CRASH_GAIN * effects / 5.0,
                0.0,
            );
        }
    }

    /// A suspended chord on the horn, held briefly and fading slowly, never resolved.
    fn suspended(&mut self, pitches: &[Pitch], music: f32) {
        let mut t = timbre(Instrument::Horn);
        t.release = SUSPENDED_FADE_SECS;
        let gain = CHORD_GAIN * music / (pitches.len().max(1) as f32).sqrt();
        for &pitch in pitches {
            let note = FontNote {
                instrument: Instrument::Horn,
                pitch,
                secs: SUSPENDED_HOLD_SECS,
                gain: gain * font_gain(Instrument::Horn),
                pan: 0.0,
                cents: 0.0,
                fade: Some(SUSPENDED_FADE_SECS),
            };
            if !self.font_note(&note) {
                self.voice(&t, pitch, SUSPENDED_HOLD_SECS, gain, 0.0);
            }
        }
    }

    /// Keeps case `case`'s hanging phrase for a [`Cue::Hang`] (the oldest are let go).
    fn remember(&mut self, case: u32, hang: Hang) {
        self.phrases.insert(case, hang);
        while self.phrases.len() > REMEMBERED_PHRASES {
            self.phrases.pop_first();
        }
    }

    /// Queues case `case`'s phrase to hang, from [`Hang::DELAY`] after frame `now`.
    fn hang(&mut self, case: u32, now: u64) {
        let Some(hang) = self.phrases.remove(&case) else {
            return;
        };
        let rate = f64::from(self.rate);
        let frame = |secs: f64| now + ((Hang::DELAY + secs) * rate).round() as u64;
        for (i, &(instrument, pitch, pan)) in hang.notes.iter().enumerate() {
            let cue = Cue::Note {
                instrument,
                pitch,
                secs: hang.step_secs * 0.9,
                pan,
            };
            self.push(frame(f64::from(hang.step_secs) * i as f64), cue);
        }
        let pitches = hang.suspension.clone();
        self.push(frame(hang.suspension_at()), Cue::Suspended { pitches });
    }

    /// The phrases remembered for [`Cue::Hang`] (to carry them to a renderer at another rate).
    pub(crate) fn take_phrases(&mut self) -> Vec<Cue> {
        std::mem::take(&mut self.phrases)
            .into_iter()
            .map(|(case, hang)| Cue::Phrase { case, hang })
            .collect()
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
                let (at, cue) = (*at, cue.clone());
                self.start(&cue, at.max(start));
                self.next += 1;
            }
            let stop = match self.cues.get(self.next) {
                Some((at, _)) if *at < start + len as u64 => (*at - start) as usize,
                _ => len,
            };
            for v in &mut self.voices {
                v.add_to(&mut out[done..stop]);
            }
            for v in &mut self.font_voices {
                v.add_to(&mut out[done..stop], &mut self.scratch);
            }
            for r in &mut self.rings {
                r.add_to(&mut out[done..stop]);
            }
            done = stop;
            if done >= len {
                break;
            }
        }
        self.voices.retain(|v| !v.is_done());
        self.retire_font_voices();
        self.rings.retain(|r| !r.is_done());
        self.add_murmur(out);
        self.limit(out);
        self.pos = start + len as u64;
    }

    /// Lets finished SoundFont notes go, their synthesisers back to the pool.
    fn retire_font_voices(&mut self) {
        let mut i = 0;
        while i < self.font_voices.len() {
            if self.font_voices[i].is_done() {
                let voice = self.font_voices.swap_remove(i);
                if let Some(player) = &mut self.font {
                    player.recycle(voice);
                }
            } else {
                i += 1;
            }
        }
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
                // Released, but never so far that this very frame goes over the ceiling.
                let release = 1.0 / (LIMITER_RELEASE_SECS * self.rate as f32);
                let most = if peak > 0.0 { CEILING / peak } else { 1.0 };
                self.limiter_gain = (self.limiter_gain + release).min(1.0).min(most);
            }
            if self.limiter_gain < 1.0 {
                self.limited_frames += 1;
            }
            f[0] *= self.limiter_gain;
            f[1] *= self.limiter_gain;
        }
    }
}

/// The level of a SoundFont note of `instrument` for the same loudness as its synthesised note:
/// FluidR3's flute and its short timpani strokes are quieter than the rest.
fn font_gain(instrument: Instrument) -> f32 {
    FONT_GAIN
        * match instrument {
            Instrument::Flute => 1.5,
            Instrument::Timpani => 2.5,
            _ => 1.0,
        }
}

/// Harmonic partials at these levels, held (no decay).
fn harmonics_of(levels: &[f32]) -> Vec<Partial> {
    levels
        .iter()
        .enumerate()
        .map(|(k, &level)| Partial {
            ratio: (k + 1) as f32,
            level,
            decay: 0.0,
        })
        .collect()
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

/// An instrument muted: its lowest three partials only, damped at once after the note.
fn muted(instrument: Instrument) -> Timbre {
    let mut t = timbre(instrument);
    t.partials.retain(|p| p.ratio < 3.5);
    t.attack = t.attack.min(0.01);
    t.release = 0.04;
    t.vibrato = (0.0, 0.0);
    t.noise = 0.0;
    t
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
