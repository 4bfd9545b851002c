//! The audio device: opened once at start; without one the game plays silently and says so.
//! The song clock follows its clock ([`Live`]); the sound plays through it. With a device, the
//! SoundFont is looked for by the one rule ([`FontLookup`]), for `super::orchestra` to load.

use bevy::prelude::*;
use kira::{AudioManager, AudioManagerSettings, DefaultBackend};

use crate::audio::Levels;
use crate::audio::live::{LiveHandle, LiveSynthData};
use crate::settings::Settings;

/// Whether sound is playing, or why not.
#[derive(Resource, Debug, Clone, PartialEq)]
pub(crate) enum AudioStatus {
    Playing,
    /// No device (or it failed): the game plays silently.
    Silent(String),
    /// The device stopped mid-game: silent until it comes back.
    Lost,
}

/// The live synthesiser's handle: cues in, the audio clock out.
#[derive(Resource)]
pub struct Live(pub(crate) LiveHandle);

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, start_audio);
}

/// The volumes of the settings, for the mixer.
pub(super) fn levels(s: &Settings) -> Levels {
    Levels {
        master: s.master_volume.clamp(0.0, 1.0),
        music: s.music_volume.clamp(0.0, 1.0),
        effects: s.effects_volume.clamp(0.0, 1.0),
    }
}

/// Where the SoundFont is: decided once, when the audio device opens (tests give their own);
/// `super::orchestra` loads what each level needs of it.
#[derive(Resource, Debug, Clone)]
pub struct FontLookup(pub crate::audio::soundfont::Lookup);

fn start_audio(world: &mut World) {
    let levels = world
        .get_resource::<Settings>()
        .map(levels)
        .unwrap_or_default();
    match AudioManager::<DefaultBackend>::new(AudioManagerSettings::default()) {
        Ok(mut manager) => match manager.play(LiveSynthData::new(levels)) {
            Ok(handle) => {
                let named = world
                    .get_resource::<Settings>()
                    .and_then(|s| s.soundfont.clone());
                let lookup = crate::audio::soundfont::find_soundfont_here(named.as_deref());
                world.insert_resource(FontLookup(lookup));
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
