//! Live sound through kira: a kira [`Sound`] that runs the same
//! [`Renderer`] as the offline export, fed with cues from the game over a channel, and counting
//! the frames it has played (the audio clock).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use kira::Frame;
use kira::info::Info;
use kira::sound::{Sound, SoundData};

use super::render::{Levels, Renderer};
use super::score::Cue;
use super::soundfont::SoundSource;

/// A message from the game to the audio thread.
#[derive(Debug, Clone)]
pub enum LiveCommand {
    /// Start a cue as soon as possible.
    Play(Cue),
    /// Start a cue at this time of the audio clock ([`LiveHandle::seconds`]), to the sample; a
    /// time already past plays at once.
    PlayAt {
        /// When, in seconds of the audio clock.
        seconds: f64,
        /// The sound.
        cue: Cue,
    },
    /// New mix levels.
    Levels(Levels),
    /// Drop the cues scheduled at or after this time of the audio clock (a pause, a restart).
    CancelFrom(f64),
    /// Play the instruments from this source from the next note on (the game sends it only
    /// between pieces).
    Source(SoundSource),
}

/// The game's side: sends cues and reads the audio clock.
#[derive(Debug, Clone)]
pub struct LiveHandle {
    sender: Sender<LiveCommand>,
    /// Seconds of the audio clock, as `f64` bits.
    clock: Arc<AtomicU64>,
}

impl LiveHandle {
    /// Sends a command; a closed audio thread is ignored (the game never blocks on sound).
    pub fn send(&self, command: LiveCommand) {
        let _ = self.sender.send(command);
    }

    /// A handle with no audio thread behind it, and the [`LiveProbe`] that stands in for one: the
    /// probe sets the audio clock and reads what the game sent. For tests of the game's timing.
    pub fn probe() -> (LiveHandle, LiveProbe) {
        let (sender, receiver) = channel();
        let clock = Arc::new(AtomicU64::new(0f64.to_bits()));
        (
            LiveHandle {
                sender,
                clock: clock.clone(),
            },
            LiveProbe { receiver, clock },
        )
    }

    /// Seconds of sound played so far, by the audio device's own clock.
    pub fn seconds(&self) -> f64 {
        f64::from_bits(self.clock.load(Ordering::Relaxed))
    }
}

/// The audio thread's side of [`LiveHandle::probe`].
pub struct LiveProbe {
    receiver: Receiver<LiveCommand>,
    clock: Arc<AtomicU64>,
}

impl LiveProbe {
    /// Moves the audio clock to `seconds`.
    pub fn set_seconds(&self, seconds: f64) {
        self.clock.store(seconds.to_bits(), Ordering::Relaxed);
    }

    /// The commands sent since the last call.
    pub fn drain(&self) -> Vec<LiveCommand> {
        self.receiver.try_iter().collect()
    }
}

/// The sound data that starts the live synthesiser on a kira track.
pub(crate) struct LiveSynthData {
    levels: Levels,
}

impl LiveSynthData {
    /// A live synthesiser at `levels`.
    pub fn new(levels: Levels) -> Self {
        LiveSynthData { levels }
    }
}

impl SoundData for LiveSynthData {
    type Error = ();
    type Handle = LiveHandle;

    fn into_sound(self) -> Result<(Box<dyn Sound>, Self::Handle), Self::Error> {
        let (sender, receiver) = channel();
        let clock = Arc::new(AtomicU64::new(0f64.to_bits()));
        let sound = LiveSynth {
            receiver,
            renderer: None,
            levels: self.levels,
            source: SoundSource::Synthesis,
            clock: clock.clone(),
            buffer: Vec::new(),
        };
        Ok((Box::new(sound), LiveHandle { sender, clock }))
    }
}

/// Carries out one command on the renderer (the audio thread's side).
fn apply(renderer: &mut Renderer, command: LiveCommand) {
    match command {
        LiveCommand::Play(cue) => renderer.push(renderer.position(), cue),
        LiveCommand::PlayAt { seconds, cue } => {
            renderer.push(frame_at(seconds, renderer.sample_rate()), cue);
        }
        LiveCommand::Levels(levels) => renderer.set_levels(levels),
        LiveCommand::CancelFrom(seconds) => {
            renderer.cancel_from(frame_at(seconds, renderer.sample_rate()));
        }
        LiveCommand::Source(source) => renderer.set_source(&source),
    }
}

/// The frame of the audio clock at `seconds` (the renderer starts anything in the past at once).
fn frame_at(seconds: f64, rate: u32) -> u64 {
    if seconds.is_finite() && seconds > 0.0 {
        (seconds * f64::from(rate)).round() as u64
    } else {
        0
    }
}

struct LiveSynth {
    receiver: Receiver<LiveCommand>,
    renderer: Option<Renderer>,
    levels: Levels,
    /// What the instruments play from (kept for a renderer at a new device rate).
    source: SoundSource,
    clock: Arc<AtomicU64>,
    buffer: Vec<[f32; 2]>,
}

impl Sound for LiveSynth {
    fn process(&mut self, out: &mut [Frame], dt: f64, _info: &Info) {
        let rate = (1.0 / dt).round().max(1.0) as u32;
        let renderer = match &mut self.renderer {
            Some(r) if r.sample_rate() == rate => r,
            _ => {
                // A new device rate (another output plugged in): the clock goes on from where
                // it was, so cues scheduled on it still land in time.
                let now = f64::from_bits(self.clock.load(Ordering::Relaxed));
                let pending = self.renderer.as_ref().map(Renderer::pending);
                let phrases = self.renderer.as_mut().map(Renderer::take_phrases);
                let fresh = self.renderer.insert(
                    Renderer::with_rate(Vec::new(), self.levels, rate)
                        .with_source(&self.source)
                        .start_at(frame_at(now, rate)),
                );
                for cue in phrases.into_iter().flatten() {
                    fresh.push(fresh.position(), cue);
                }
                for (seconds, cue) in pending.into_iter().flatten() {
                    fresh.push(frame_at(seconds, rate), cue);
                }
                fresh
            }
        };
        while let Ok(command) = self.receiver.try_recv() {
            match &command {
                LiveCommand::Levels(levels) => self.levels = *levels,
                LiveCommand::Source(source) => self.source = source.clone(),
                _ => {}
            }
            apply(renderer, command);
        }
        self.buffer.resize(out.len(), [0.0, 0.0]);
        renderer.render(&mut self.buffer);
        for (o, f) in out.iter_mut().zip(&self.buffer) {
            *o = Frame {
                left: f[0],
                right: f[1],
            };
        }
        let seconds = renderer.position() as f64 / f64::from(renderer.sample_rate());
        self.clock.store(seconds.to_bits(), Ordering::Relaxed);
    }

    fn finished(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cue scheduled on the audio clock starts on its sample, wherever the block boundaries
    /// fall; one asked for in the past starts at once.
    #[test]
    fn a_cue_scheduled_ahead_starts_on_its_sample() {
        let rate = 48_000;
        let mut r = Renderer::with_rate(Vec::new(), Levels::default(), rate);
        let mut block = vec![[0.0f32; 2]; 441];
        r.render(&mut block);
        apply(
            &mut r,
            LiveCommand::PlayAt {
                seconds: 0.25,
                cue: Cue::Pulse { downbeat: true },
            },
        );
        let mut all = Vec::new();
        while r.position() < 24_000 {
            r.render(&mut block);
            all.extend_from_slice(&block);
        }
        // The same cue placed at frame 12000 of an offline render: the very same samples.
        let mut offline = Renderer::with_rate(Vec::new(), Levels::default(), rate);
        offline.push(12_000, Cue::Pulse { downbeat: true });
        let mut expected = vec![[0.0f32; 2]; 441 + all.len()];
        offline.render(&mut expected);
        assert_eq!(&expected[441..], &all[..], "sample for sample");
        let first = all.iter().position(|f| f[0].abs() > 1e-6).unwrap() + 441;
        assert!((12_000..=12_001).contains(&first), "onset at frame {first}");
        assert_eq!(frame_at(-1.0, rate), 0);

        // Cancelled before it starts: silence.
        let mut r = Renderer::with_rate(Vec::new(), Levels::default(), rate);
        apply(
            &mut r,
            LiveCommand::PlayAt {
                seconds: 0.05,
                cue: Cue::Pulse { downbeat: true },
            },
        );
        apply(&mut r, LiveCommand::CancelFrom(0.01));
        let mut block = vec![[0.0f32; 2]; 4_800];
        r.render(&mut block);
        assert!(
            block.iter().all(|f| f[0] == 0.0),
            "a cancelled cue never sounds"
        );

        // A sound asked for now (a click, a hit) is not taken back by a cancel in the same block.
        apply(&mut r, LiveCommand::Play(Cue::Pulse { downbeat: true }));
        apply(&mut r, LiveCommand::CancelFrom(0.0));
        r.render(&mut block);
        assert!(block.iter().any(|f| f[0] != 0.0), "the click still sounds");
        assert_eq!(frame_at(f64::NAN, rate), 0);
    }
}
