//! Sound: synthesised instruments, the cues a performance plays, and the mixer that renders them
//! block by block (for the live audio device and for offline WAV export). Knows nothing of Bevy.

pub(crate) mod calibration;
pub(crate) mod clock;
pub mod live;
pub(crate) mod needs;
pub mod phone;
pub mod render;
pub mod score;
mod sf2;
pub mod soundfont;
mod subset;
pub mod synth;
pub(crate) mod wav;

pub use needs::Needs;
pub use render::{Levels, Renderer, SAMPLE_RATE};
pub use score::{BusyTune, Cue, Hang, Timed, cues_for, cues_from_events};
pub use soundfont::SoundSource;
