//! The orchestra heard: the simulation's events, the beat and the buttons played through kira
//! with the synthesiser of `audio`. Without an audio device the game runs silently and says so.

use bevy::prelude::*;
use kira::{AudioManager, AudioManagerSettings, DefaultBackend};

use crate::audio::Levels;
use crate::audio::live::{LiveCommand, LiveHandle, LiveSynthData};
use crate::audio::score::{Cue, chord_cue, note_cue};
use crate::settings::Settings;
use crate::sim::EventKind;
use crate::ui::widgets::Action;

use super::performance::{Performance, SimEvent};
use super::{AppSet, Screen};

/// Whether sound is playing, or why not.
#[derive(Resource, Debug, Clone, PartialEq)]
pub enum AudioStatus {
    Playing,
    /// No device (or it failed): the game plays silently.
    Silent(String),
}

/// The live synthesiser's handle.
#[derive(Resource)]
struct Live(LiveHandle);

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, start_audio);
    app.add_systems(
        Update,
        (
            play_events.in_set(AppSet::Update),
            play_beats
                .in_set(AppSet::Update)
                .run_if(in_state(Screen::Playing).or_else(in_state(Screen::CountIn))),
            play_clicks,
            follow_volumes,
            play_calibration_beats.run_if(in_state(Screen::Calibration)),
        )
            .run_if(resource_exists::<Live>),
    );
}

fn levels(s: &Settings) -> Levels {
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

fn play_events(
    mut events: MessageReader<SimEvent>,
    perf: Option<Res<Performance>>,
    live: Res<Live>,
) {
    let Some(perf) = perf else { return };
    let tempo = perf.sim.tempo();
    for SimEvent(e) in events.read() {
        let cue = match &e.kind {
            EventKind::Played {
                case, step, dept, ..
            } => {
                let template = &perf.sim.templates()[perf.sim.cases()[case.0 as usize].template];
                note_cue(&perf.departments, &template.steps[*step], *dept, tempo)
            }
            EventKind::Completed { case, .. } => {
                let template = &perf.sim.templates()[perf.sim.cases()[case.0 as usize].template];
                live.0.send(LiveCommand::Play(chord_cue(template)));
                Cue::Applause
            }
            EventKind::Dropped { .. } => Cue::Crash,
            EventKind::Audience { value, .. } => Cue::Murmur {
                level: (1.0 - *value as f32 / 100.0).clamp(0.0, 1.0),
            },
            _ => continue,
        };
        live.0.send(LiveCommand::Play(cue));
    }
}

/// A soft pulse on every beat (count-in included).
fn play_beats(perf: Option<Res<Performance>>, live: Res<Live>, mut last: Local<Option<i64>>) {
    let Some(perf) = perf else { return };
    let beat = perf.beat.floor() as i64;
    if *last != Some(beat) {
        if last.is_some_and(|l| l < beat) {
            let bpb = i64::from(perf.scenario.beats_per_bar.max(1));
            live.0.send(LiveCommand::Play(Cue::Pulse {
                downbeat: beat.rem_euclid(bpb) == 0,
            }));
        }
        *last = Some(beat);
    }
}

/// The steady beat to tap along with on the calibration screen.
fn play_calibration_beats(
    time: Res<Time>,
    live: Res<Live>,
    mut clock: Local<Option<(f64, i64)>>,
    state: Res<State<Screen>>,
) {
    use crate::screens::calibration::{LEAD_IN, PERIOD};
    let now = time.elapsed_secs_f64();
    if state.is_changed() || clock.is_none() {
        *clock = Some((now, -1));
    }
    let Some((start, last)) = clock.as_mut() else {
        return;
    };
    let beat = ((now - *start - LEAD_IN) / PERIOD).floor() as i64;
    if beat >= 0 && beat > *last {
        *last = beat;
        live.0.send(LiveCommand::Play(Cue::Pulse {
            downbeat: beat % 4 == 0,
        }));
    }
}

/// A quiet click for every button or menu choice.
fn play_clicks(mut actions: MessageReader<Action>, live: Res<Live>) {
    if actions.read().next().is_some() {
        live.0
            .send(LiveCommand::Play(Cue::Pulse { downbeat: false }));
    }
}

fn follow_volumes(settings: Res<Settings>, live: Res<Live>) {
    if settings.is_changed() {
        live.0.send(LiveCommand::Levels(levels(&settings)));
    }
}
