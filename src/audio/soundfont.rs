//! The orchestra from a General MIDI SoundFont: where one is looked for ([`find_soundfont`], one
//! rule for the game and `simulate --wav`), loading what a scenario's notes need of it without
//! trusting it ([`load`]: only those presets, instruments and samples, read from the file where they
//! lie; `subset.rs`), and the notes it plays inside the mixer ([`FontPlayer`]).
//!
//! Every note gets a small synthesiser of its own (taken from a pool), started on the note's very
//! sample: rustysynth renders in blocks of [`FONT_BLOCK`] frames and applies a key press only at
//! the start of one, so a synthesiser shared by all notes would start them up to a block late. A
//! note's key is let go on one of its own block boundaries (its length rounded up to a whole
//! block, at most 1.3 ms longer). Each note is panned by the mixer, like a synthesised voice.

use std::ffi::OsStr;
use std::io::{BufReader, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustysynth::{SoundFont, Synthesizer, SynthesizerSettings};

use super::needs::Needs;
use crate::scenario::{Instrument, Pitch};

/// The environment variable naming a SoundFont; when it is set, the only place looked (set but
/// empty: none, the built-in synthesis).
const ENV: &str = "TUTTI_SOUNDFONT";
/// Debian's `fluid-soundfont-gm` (FluidR3, MIT licence).
pub const DEFAULT_PATH: &str = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
/// Frames a note's synthesiser renders at a time.
pub const FONT_BLOCK: usize = 64;
/// A larger file is not read (FluidR3 is 141 MB).
const MAX_BYTES: u64 = 1 << 30;
/// Key velocity of every note (the mixer sets the level).
const VELOCITY: i32 = 100;
/// Synthesisers made ready with a player (once, when the game switches to the SoundFont between
/// pieces): enough for a 16-department piece's notes, chords and their release tails, so notes
/// never make one on the audio thread.
const POOL: usize = 48;
/// The most synthesisers a player keeps: a piece that sounds more notes at once than the pool
/// holds makes more once, and they are kept for the next notes (never freed per note).
const POOL_MAX: usize = 256;
/// After its key is let go, a note is cut off after this long whatever its release.
const MAX_RELEASE_SECS: f64 = 4.0;
/// A released note that has been silent this many frames is over.
const SILENT_FRAMES: u32 = 256;

/// Where a SoundFont to try was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `ENV`.
    Env,
    /// The settings file's `soundfont`.
    Settings,
    /// [`DEFAULT_PATH`], which exists.
    Default,
}

/// What the lookup decided: a file to load, or the built-in synthesis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// No SoundFont named or installed.
    Synthesis,
    /// Load this file (its origin says why).
    Try {
        /// The SoundFont file.
        path: PathBuf,
        /// Where the name came from.
        origin: Origin,
    },
}

/// The one rule: `ENV` when it is set (then the only place looked; empty means none); else the
/// settings' path when there is one (also the only place looked); else `default` if it exists;
/// else the synthesis.
pub fn find_soundfont(env: Option<&OsStr>, settings: Option<&Path>, default: &Path) -> Lookup {
    let named = |path: &Path, origin| {
        if path.as_os_str().is_empty() {
            Lookup::Synthesis
        } else {
            Lookup::Try {
                path: path.to_path_buf(),
                origin,
            }
        }
    };
    if let Some(env) = env {
        return named(Path::new(env), Origin::Env);
    }
    if let Some(path) = settings {
        return named(path, Origin::Settings);
    }
    if default.is_file() {
        return named(default, Origin::Default);
    }
    Lookup::Synthesis
}

/// [`find_soundfont`] with this process's environment and [`DEFAULT_PATH`].
pub(crate) fn find_soundfont_here(settings: Option<&Path>) -> Lookup {
    find_soundfont(
        std::env::var_os(ENV).as_deref(),
        settings,
        Path::new(DEFAULT_PATH),
    )
}

/// A loaded SoundFont, its name (the file's stem, e.g. `FluidR3_GM`) and the notes it was loaded
/// for (`None`: the whole file).
#[derive(Clone)]
pub struct Font {
    name: String,
    data: Arc<SoundFont>,
    needs: Option<Needs>,
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Font({})", self.name)
    }
}

impl Font {
    /// The SoundFont's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The notes it was loaded for; `None`: the whole file, every note.
    pub fn needs(&self) -> Option<&Needs> {
        self.needs.as_ref()
    }

    /// Whether it plays a note of `instrument` at `pitch`.
    pub fn plays(&self, instrument: Instrument, pitch: Pitch) -> bool {
        self.needs
            .as_ref()
            .is_none_or(|mine| mine.plays(instrument, pitch))
    }

    /// Bytes of sample data it holds.
    pub fn sample_bytes(&self) -> usize {
        self.data.get_wave_data().len() * 2
    }
}

/// What the instruments play from.
#[derive(Debug, Clone, Default)]
pub enum SoundSource {
    /// The built-in additive synthesis ([`super::synth`]).
    #[default]
    Synthesis,
    /// A General MIDI SoundFont.
    SoundFont(Font),
}

impl SoundSource {
    /// The SoundFont's name, if one is in use.
    pub fn font_name(&self) -> Option<&str> {
        match self {
            SoundSource::Synthesis => None,
            SoundSource::SoundFont(f) => Some(f.name()),
        }
    }
}

/// The outcome of a lookup: the source to use and, if a named SoundFont could not be used, why.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// What plays the instruments.
    pub source: SoundSource,
    /// Why a named SoundFont could not be used, if it could not.
    pub warning: Option<String>,
}

/// Loads what `needs` need of what `lookup` names; a file that does not load gives a warning and
/// the synthesis.
pub fn resolve(lookup: &Lookup, needs: &Needs) -> Loaded {
    match lookup {
        Lookup::Synthesis => Loaded {
            source: SoundSource::Synthesis,
            warning: None,
        },
        Lookup::Try { path, .. } => match load(path, needs) {
            Ok(font) => Loaded {
                source: SoundSource::SoundFont(font),
                warning: None,
            },
            Err(e) => Loaded {
                source: SoundSource::Synthesis,
                warning: Some(format!("{e}; the built-in synthesis plays instead")),
            },
        },
    }
}

/// Reads what `needs` need of the SoundFont at `path`: the presets of their instruments'
/// programs, the zones that sound on their keys and the samples those play, read from the file
/// only where they lie (FluidR3: 141 MB, of which a scenario's notes need a few MB). A missing,
/// oversized, truncated or corrupt file is an error saying so, never a panic.
pub fn load(path: &Path, needs: &Needs) -> Result<Font, String> {
    let fail = |why: String| format!("the SoundFont {} could not be used: {why}", path.display());
    let (file, len) = open_checked(path).map_err(fail)?;
    let velocity = VELOCITY as u8;
    let mut compact = super::subset::open(file, len, needs, velocity).map_err(fail)?;
    let data = parse(&mut compact).map_err(fail)?;
    Ok(Font {
        name: font_name(path),
        data: Arc::new(data),
        needs: Some(needs.clone()),
    })
}

/// Reads the whole SoundFont at `path`, every preset and sample, as rustysynth reads a file (for
/// comparing with [`load`] and for measuring; the game loads only what it needs). The same
/// checks as [`load`].
pub fn load_whole(path: &Path) -> Result<Font, String> {
    let fail = |why: String| format!("the SoundFont {} could not be used: {why}", path.display());
    let (mut file, len) = open_checked(path).map_err(fail)?;
    super::sf2::layout(&mut file, len).map_err(fail)?;
    file.seek(SeekFrom::Start(0))
        .map_err(|e| fail(e.to_string()))?;
    let mut reader = BufReader::new(file);
    let data = parse(&mut reader).map_err(fail)?;
    Ok(Font {
        name: font_name(path),
        data: Arc::new(data),
        needs: None,
    })
}

/// The file at `path` and its length, if it can be opened and is not larger than [`MAX_BYTES`].
fn open_checked(path: &Path) -> Result<(std::fs::File, u64), String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let len = file.metadata().map_err(|e| e.to_string())?.len();
    if len > MAX_BYTES {
        return Err(format!("it is larger than {} MiB", MAX_BYTES >> 20));
    }
    Ok((file, len))
}

/// Rustysynth's reading of a SoundFont; its errors, and any panic, are an error.
fn parse(reader: &mut impl std::io::Read) -> Result<SoundFont, String> {
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| SoundFont::new(reader)));
    match parsed {
        Ok(Ok(data)) => Ok(data),
        Ok(Err(e)) => Err(format!("not a valid SoundFont ({e})")),
        Err(_) => Err("not a valid SoundFont".into()),
    }
}

/// A SoundFont's name: its file's stem.
fn font_name(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| "SoundFont".into(), |s| s.to_string_lossy().into_owned())
}

/// One note for the SoundFont to play.
#[derive(Debug, Clone, Copy)]
pub struct FontNote {
    /// The instrument it is played on.
    pub instrument: Instrument,
    /// The note.
    pub pitch: Pitch,
    /// Seconds the key is held.
    pub secs: f32,
    /// Level, before the pan.
    pub gain: f32,
    /// -1 (left) … 1 (right).
    pub pan: f32,
    /// Cents above the pitch (a bend: an off-key note).
    pub cents: f32,
    /// Seconds over which the note fades to silence after its key's `secs`, if it fades out
    /// instead of being let go (the key is then let go at the end of the fade).
    pub fade: Option<f32>,
}

/// A SoundFont at the mixer's rate, with synthesisers ready for its notes.
pub struct FontPlayer {
    font: Font,
    rate: u32,
    spare: Vec<Synthesizer>,
}

impl FontPlayer {
    /// A player of `font` at `rate` frames a second; `None` if rustysynth cannot run at that
    /// rate (then the synthesis plays).
    pub fn new(font: Font, rate: u32) -> Option<FontPlayer> {
        let mut player = FontPlayer {
            font,
            rate,
            spare: Vec::new(),
        };
        for _ in 0..POOL {
            let synth = player.make()?;
            player.spare.push(synth);
        }
        Some(player)
    }

    /// Whether this player plays `font` (the very same loaded data).
    pub fn plays(&self, font: &Font) -> bool {
        Arc::ptr_eq(&self.font.data, &font.data)
    }

    /// The SoundFont played.
    pub fn font(&self) -> &Font {
        &self.font
    }

    fn make(&self) -> Option<Synthesizer> {
        let mut settings = SynthesizerSettings::new(i32::try_from(self.rate).ok()?);
        settings.block_size = FONT_BLOCK;
        settings.maximum_polyphony = 8;
        settings.enable_reverb_and_chorus = false;
        let mut synth = Synthesizer::new(&self.font.data, &settings).ok()?;
        synth.set_master_volume(1.0);
        Some(synth)
    }

    /// Starts `note` now: its sound begins on the next frame rendered. `None` when the SoundFont
    /// was not loaded for it (the synthesis plays it instead).
    pub fn start(&mut self, note: &FontNote) -> Option<FontVoice> {
        if !self.font.plays(note.instrument, note.pitch) {
            return None; // not loaded: the synthesis plays it
        }
        let mut synth = match self.spare.pop() {
            Some(s) => s,
            None => self.make()?,
        };
        synth.reset();
        synth.process_midi_message(0, 0xC0, super::subset::gm_program(note.instrument), 0);
        if note.cents != 0.0 {
            // The default bend range is two semitones either way.
            let bend = (8192.0 + note.cents / 200.0 * 8192.0).clamp(0.0, 16383.0) as i32;
            synth.process_midi_message(0, 0xE0, bend & 0x7F, bend >> 7);
        }
        synth.note_on(0, i32::from(note.pitch.0.min(127)), VELOCITY);
        let rate = f64::from(self.rate);
        let block = FONT_BLOCK as u64;
        let held = (f64::from(note.secs.max(0.0)) * rate).ceil() as u64;
        let fade = note.fade.map(|f| (f64::from(f.max(0.0)) * rate) as u64);
        let release_at = (held + fade.unwrap_or(0)).div_ceil(block).max(1) * block;
        let pan = note.pan.clamp(-1.0, 1.0);
        // The synthesiser pans to the middle (√½ each side); the mixer's equal-power pan instead.
        let side = |s: f32| (s * 0.5).sqrt() * std::f32::consts::SQRT_2 * note.gain;
        Some(FontVoice {
            synth,
            key: note.pitch.0.min(127),
            played: 0,
            release_at,
            end_at: release_at + (MAX_RELEASE_SECS * rate) as u64,
            gains: [side(1.0 - pan), side(1.0 + pan)],
            fade: fade.map(|len| (held, len.max(1))),
            silent: 0,
        })
    }

    /// Takes back the synthesiser of a finished voice of this SoundFont.
    pub(crate) fn recycle(&mut self, voice: FontVoice) {
        if std::ptr::eq(voice.synth.get_sound_font(), &*self.font.data)
            && self.spare.len() < POOL_MAX
        {
            self.spare.push(voice.synth);
        }
    }
}

/// A sounding SoundFont note.
pub struct FontVoice {
    synth: Synthesizer,
    key: u8,
    /// Frames rendered since the onset.
    played: u64,
    /// The frame its key is let go: a whole number of blocks after the onset.
    release_at: u64,
    /// The frame it is cut off, whatever its release.
    end_at: u64,
    /// Left and right gain.
    gains: [f32; 2],
    /// The fade to silence: its first frame and length.
    fade: Option<(u64, u64)>,
    /// Silent frames in a row since the key was let go.
    silent: u32,
}

/// The synthesiser's output for one stretch of frames.
#[derive(Default)]
pub(crate) struct Scratch {
    left: Vec<f32>,
    right: Vec<f32>,
}

impl FontVoice {
    /// True once the note has died away.
    pub fn is_done(&self) -> bool {
        self.played >= self.end_at
            || (self.played > self.release_at && self.silent >= SILENT_FRAMES)
    }

    /// Adds the next `out.len()` frames of the note into `out`.
    pub(crate) fn add_to(&mut self, out: &mut [[f32; 2]], scratch: &mut Scratch) {
        let mut done = 0;
        while done < out.len() && !self.is_done() {
            let mut n = out.len() - done;
            if self.played < self.release_at {
                n = n.min((self.release_at - self.played) as usize);
            }
            self.render(&mut out[done..done + n], scratch);
            if self.played == self.release_at {
                self.synth.note_off(0, i32::from(self.key));
            }
            done += n;
        }
    }

    fn render(&mut self, out: &mut [[f32; 2]], scratch: &mut Scratch) {
        let n = out.len();
        scratch.left.resize(n, 0.0);
        scratch.right.resize(n, 0.0);
        self.synth
            .render(&mut scratch.left[..n], &mut scratch.right[..n]);
        let released = self.played >= self.release_at;
        for (i, f) in out.iter_mut().enumerate() {
            let (l, r) = (scratch.left[i], scratch.right[i]);
            let fade = match self.fade {
                Some((from, len)) => {
                    let t = (self.played + i as u64).saturating_sub(from);
                    1.0 - (t as f32 / len as f32).min(1.0)
                }
                None => 1.0,
            };
            f[0] += l * self.gains[0] * fade;
            f[1] += r * self.gains[1] * fade;
            if released {
                self.silent = if l == 0.0 && r == 0.0 {
                    self.silent.saturating_add(1)
                } else {
                    0
                };
            }
        }
        self.played += n as u64;
    }
}
