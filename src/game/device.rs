//! The audio device: opened once at start; without one the game plays silently and says so.
//! The song clock follows its clock ([`Live`]); the sound plays through it. With a device, the
//! SoundFont (if one is found) is loaded on a thread of its own after the first frame; the game
//! starts on the synthesis and switches between pieces ([`super::sound`]).

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, TryRecvError};

use bevy::prelude::*;
use kira::{AudioManager, AudioManagerSettings, DefaultBackend};

use crate::audio::Levels;
use crate::audio::live::{LiveHandle, LiveSynthData};
use crate::audio::soundfont::{self, Loaded, Lookup};
use crate::settings::Settings;

/// Whether sound is playing, or why not.
#[derive(Resource, Debug, Clone, PartialEq)]
pub enum AudioStatus {
    Playing,
    /// No device (or it failed): the game plays silently.
    Silent(String),
    /// The device stopped mid-game: silent until it comes back.
    Lost,
}

/// The live synthesiser's handle: cues in, the audio clock out.
#[derive(Resource)]
pub struct Live(pub(crate) LiveHandle);

/// What the instruments play from, for the title screen.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct SoundSourceStatus {
    /// The SoundFont in use; `None`: the built-in synthesis.
    pub font: Option<String>,
    /// A SoundFont being loaded, or loaded and waiting for the end of a piece.
    pub loading: Option<String>,
    /// Why a SoundFont that was named is not used.
    pub warning: Option<String>,
}

/// A SoundFont on its way: the loading thread's answer, then the answer kept until a piece is
/// not playing.
#[derive(Resource)]
pub struct FontLoad {
    receiver: Option<Mutex<Receiver<Loaded>>>,
    ready: Option<Loaded>,
}

impl FontLoad {
    /// A load already done (for tests: as if the thread had answered).
    pub fn ready(loaded: Loaded) -> FontLoad {
        FontLoad {
            receiver: None,
            ready: Some(loaded),
        }
    }

    /// The answer, once there is one (kept until taken).
    pub(super) fn answer(&mut self) -> Option<&Loaded> {
        if let Some(receiver) = &self.receiver {
            let got = match receiver.lock() {
                Ok(r) => r.try_recv(),
                Err(_) => Err(TryRecvError::Disconnected),
            };
            match got {
                Ok(loaded) => {
                    self.ready = Some(loaded);
                    self.receiver = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.receiver = None,
            }
        }
        self.ready.as_ref()
    }

    /// Takes the answer (it has been applied).
    pub(super) fn take(&mut self) -> Option<Loaded> {
        self.ready.take()
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SoundSourceStatus>();
    app.add_systems(Startup, start_audio);
    app.add_systems(
        Update,
        begin_font_load.run_if(resource_exists::<Live>.and_then(not(resource_exists::<FontLoad>))),
    );
}

/// After the first frame, and only with an audio device: looks for a SoundFont by the one rule
/// and loads it on a thread of its own (FluidR3 is 141 MB), so the first frame never waits.
fn begin_font_load(
    mut commands: Commands,
    mut frames: Local<u32>,
    settings: Option<Res<Settings>>,
    status: Option<Res<AudioStatus>>,
    mut source: ResMut<SoundSourceStatus>,
) {
    *frames += 1;
    if *frames < 2 || status.as_deref() != Some(&AudioStatus::Playing) {
        return;
    }
    let named = settings.and_then(|s| s.soundfont.clone());
    let lookup = soundfont::find_soundfont_here(named.as_deref());
    let Lookup::Try { path, .. } = &lookup else {
        commands.insert_resource(FontLoad {
            receiver: None,
            ready: None,
        });
        return;
    };
    source.loading = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let (sender, receiver) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("soundfont".into())
        .spawn(move || {
            let _ = sender.send(soundfont::resolve(&lookup));
        });
    if let Err(e) = spawned {
        warn!("could not start loading the SoundFont: {e}");
        source.loading = None;
    }
    commands.insert_resource(FontLoad {
        receiver: Some(Mutex::new(receiver)),
        ready: None,
    });
}

/// The volumes of the settings, for the mixer.
pub(super) fn levels(s: &Settings) -> Levels {
    Levels {
        master: s.master_volume.clamp(0.0, 1.0),
        music: s.music_volume.clamp(0.0, 1.0),
        effects: s.effects_volume.clamp(0.0, 1.0),
    }
}

fn start_audio(world: &mut World) {
    let levels = world
        .get_resource::<Settings>()
        .map(levels)
        .unwrap_or_default();
    match AudioManager::<DefaultBackend>::new(AudioManagerSettings::default()) {
        Ok(mut manager) => match manager.play(LiveSynthData::new(levels)) {
            Ok(handle) => {
                world.insert_non_send(manager);
                world.insert_resource(Live(handle));
                world.insert_resource(AudioStatus::Playing);
            }
            Err(e) => {
                world.insert_resource(AudioStatus::Silent(format!("{e:?}")));
            }
        },
        Err(e) => {
            warn!("no audio: {e}");
            world.insert_resource(AudioStatus::Silent(e.to_string()));
        }
    }
}
