//! Live sound through kira: a kira [`Sound`](kira::sound::Sound) that runs the same
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

/// A message from the game to the audio thread.
#[derive(Debug, Clone)]
pub enum LiveCommand {
    /// Start a cue as soon as possible.
    Play(Cue),
    /// New mix levels.
    Levels(Levels),
}

/// The game's side: sends cues and reads the audio clock.
#[derive(Debug, Clone)]
pub struct LiveHandle {
    sender: Sender<LiveCommand>,
    frames: Arc<AtomicU64>,
    rate: Arc<AtomicU64>,
}

impl LiveHandle {
    /// Sends a command; a closed audio thread is ignored (the game never blocks on sound).
    pub fn send(&self, command: LiveCommand) {
        let _ = self.sender.send(command);
    }

    /// Seconds of sound played so far, by the audio device's own clock.
    pub fn seconds(&self) -> f64 {
        let rate = self.rate.load(Ordering::Relaxed).max(1);
        self.frames.load(Ordering::Relaxed) as f64 / rate as f64
    }
}

/// The sound data that starts the live synthesiser on a kira track.
pub struct LiveSynthData {
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
        let frames = Arc::new(AtomicU64::new(0));
        let rate = Arc::new(AtomicU64::new(0));
        let sound = LiveSynth {
            receiver,
            renderer: None,
            levels: self.levels,
            frames: frames.clone(),
            rate: rate.clone(),
            buffer: Vec::new(),
        };
        Ok((
            Box::new(sound),
            LiveHandle {
                sender,
                frames,
                rate,
            },
        ))
    }
}

struct LiveSynth {
    receiver: Receiver<LiveCommand>,
    renderer: Option<Renderer>,
    levels: Levels,
    frames: Arc<AtomicU64>,
    rate: Arc<AtomicU64>,
    buffer: Vec<[f32; 2]>,
}

impl Sound for LiveSynth {
    fn process(&mut self, out: &mut [Frame], dt: f64, _info: &Info) {
        let rate = (1.0 / dt).round().max(1.0) as u32;
        let renderer = match &mut self.renderer {
            Some(r) if r.sample_rate() == rate => r,
            _ => {
                self.rate.store(u64::from(rate), Ordering::Relaxed);
                self.renderer
                    .insert(Renderer::with_rate(Vec::new(), self.levels, rate))
            }
        };
        while let Ok(command) = self.receiver.try_recv() {
            match command {
                LiveCommand::Play(cue) => renderer.push(renderer.position(), cue),
                LiveCommand::Levels(levels) => {
                    self.levels = levels;
                    renderer.set_levels(levels);
                }
            }
        }
        self.buffer.resize(out.len(), [0.0, 0.0]);
        renderer.render(&mut self.buffer);
        for (o, f) in out.iter_mut().zip(&self.buffer) {
            *o = Frame {
                left: f[0],
                right: f[1],
            };
        }
        self.frames.fetch_add(out.len() as u64, Ordering::Relaxed);
    }

    fn finished(&self) -> bool {
        false
    }
}
