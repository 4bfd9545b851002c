//! The orchestra heard: the simulation's events, the beat and the buttons played through kira
//! with the synthesiser of `audio` (or the SoundFont of [`super::orchestra`]). Without an audio
//! device the game runs silently and says so.

use bevy::prelude::*;

use crate::audio::live::{LiveCommand, LiveHandle};
use crate::audio::score::{Cue, cues_for, note_cue};
use crate::settings::Settings;
use crate::sim::EventKind;
use crate::ui::widgets::Click;

use super::device::{AudioStatus, Live, levels};
use super::performance::{Performance, SimEvent};
use crate::states::{AppSet, Screen};

/// How far ahead colleague notes and the pulse are handed to the audio thread, in seconds:
/// more than a frame and an audio block, so they are placed to the sample.
const LOOKAHEAD: f64 = 0.1;

/// Sounds already scheduled ahead on the audio clock: colleague notes ((case, step) → beat) and
/// the last pulse beat.
#[derive(Resource, Debug, Default)]
struct Scheduled {
    notes: std::collections::HashMap<(u32, usize), f64>,
    pulse: Option<i64>,
}

/// Opens the audio device and plays the performance through it.
pub fn plugin(app: &mut App) {
    super::device::plugin(app);
    add_playback(app);
}

/// Plays through `handle` instead of an audio device: for tests, with
/// [`LiveHandle::probe`] standing in for the audio thread.
pub fn plugin_with(app: &mut App, handle: LiveHandle) {
    app.insert_resource(Live(handle));
    app.insert_resource(AudioStatus::Playing);
    add_playback(app);
}

/// The systems that play the performance through [`Live`], when there is one.
fn add_playback(app: &mut App) {
    super::orchestra::plugin(app);
    app.init_resource::<Scheduled>();
    // Leaving the piece takes back what was handed ahead (the count-in running on into the piece
    // does not); a new count-in (a start or a restart) then forgets it all.
    for screen in [
        Screen::Paused,
        Screen::Debrief,
        Screen::LevelSelect,
        Screen::CountIn,
    ] {
        app.add_systems(
            OnEnter(screen),
            cancel_scheduled.run_if(resource_exists::<Live>),
        );
    }
    app.add_systems(
        OnEnter(Screen::CountIn),
        forget_scheduled.after(cancel_scheduled),
    );
    app.add_systems(
        Update,
        (
            (schedule_ahead, play_events)
                .chain()
                .in_set(AppSet::Update)
                .run_if(in_state(Screen::Playing).or_else(in_state(Screen::CountIn))),
            notice_lost_device,
            play_clicks,
            follow_volumes,
            play_calibration_beats.run_if(in_state(Screen::Calibration)),
        )
            .run_if(resource_exists::<Live>),
    );
}

fn forget_scheduled(mut scheduled: ResMut<Scheduled>) {
    *scheduled = Scheduled::default();
}

/// Leaving the piece (a pause, a restart, the debrief, the menu): the sounds handed ahead that
/// have not started yet are taken back, and forgotten, so that they sound at their own time
/// after a resume.
fn cancel_scheduled(
    perf: Option<Res<Performance>>,
    clock: Res<super::performance::SongClock>,
    live: Res<Live>,
    mut scheduled: ResMut<Scheduled>,
) {
    let Some(now) = clock.0.audio_time(0.0) else {
        return;
    };
    live.0.send(LiveCommand::CancelFrom(now));
    let beat = perf.map_or(f64::NEG_INFINITY, |p| p.beat());
    scheduled.notes.retain(|_, at| *at <= beat);
    scheduled.pulse = Some(beat.floor() as i64);
}

/// Hands the colleagues' next notes and the next beats to the audio thread ahead of time, placed
/// on the audio clock, so they sound exactly on their beat whatever the frame rate. (Without a
/// clock to follow, they sound when the simulation reaches them instead.)
fn schedule_ahead(
    perf: Option<Res<Performance>>,
    clock: Res<super::performance::SongClock>,
    live: Res<Live>,
    mut scheduled: ResMut<Scheduled>,
) {
    let Some(perf) = perf else { return };
    if clock.0.audio_time(0.0).is_none() || perf.is_ended() {
        return;
    }
    let bps = perf.beats_per_second();
    let until = crate::sim::Beat(perf.beat() + LOOKAHEAD * bps);
    let at = |beat: f64| clock.0.audio_time((beat - perf.beat()).max(0.0) / bps);
    let tempo = perf.tempo();
    for note in perf.planned_notes(until) {
        if scheduled
            .notes
            .insert((note.case.0, note.step), note.at.0)
            .is_some()
        {
            continue;
        }
        if let Some(seconds) = at(note.at.0) {
            let cue = note_cue(perf.scenario(), note.template, note.step, note.dept, tempo);
            live.0.send(LiveCommand::PlayAt { seconds, cue });
        }
    }
    let next_beat = perf.beat().floor() as i64 + 1;
    if next_beat as f64 <= until.0 && scheduled.pulse < Some(next_beat) {
        scheduled.pulse = Some(next_beat);
        let bpb = i64::from(perf.scenario().beats_per_bar.max(1));
        if let Some(seconds) = at(next_beat as f64) {
            let cue = Cue::Pulse {
                downbeat: next_beat.rem_euclid(bpb) == 0,
            };
            live.0.send(LiveCommand::PlayAt { seconds, cue });
        }
    }
}

/// The device stopped (unplugged, or taken by another program): play on silently and say so;
/// when it comes back, so does the sound.
fn notice_lost_device(clock: Res<super::performance::SongClock>, mut status: ResMut<AudioStatus>) {
    let lost = clock.0.is_lost();
    match (&*status, lost) {
        (AudioStatus::Playing, true) => {
            warn!("the audio device stopped; playing on silently");
            *status = AudioStatus::Lost;
        }
        (AudioStatus::Lost, false) if clock.0.audio_time(0.0).is_some() => {
            info!("the audio device is back");
            *status = AudioStatus::Playing;
        }
        _ => {}
    }
}

fn play_events(
    mut events: MessageReader<SimEvent>,
    perf: Option<Res<Performance>>,
    live: Res<Live>,
    scheduled: Res<Scheduled>,
) {
    let Some(perf) = perf else { return };
    let tempo = perf.tempo();
    for SimEvent(e) in events.read() {
        if let EventKind::Played { case, step, .. } = &e.kind
            && scheduled.notes.contains_key(&(case.0, *step))
        {
            continue; // already sounding, placed on the audio clock
        }
        for cue in cues_for(perf.scenario(), e, tempo, |d| perf.is_human(d)) {
            live.0.send(LiveCommand::Play(cue));
        }
    }
}

/// The steady beat to tap along with on the calibration screen.
fn play_calibration_beats(
    time: Res<Time>,
    live: Res<Live>,
    mut clock: Local<Option<(f64, i64)>>,
    state: Res<State<Screen>>,
) {
    use crate::audio::calibration::{LEAD_IN, PERIOD};
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

/// A quiet click for every button or menu choice (and every calibration tap).
fn play_clicks(mut clicks: MessageReader<Click>, live: Res<Live>) {
    if clicks.read().next().is_some() {
        live.0
            .send(LiveCommand::Play(Cue::Pulse { downbeat: false }));
    }
}

fn follow_volumes(settings: Res<Settings>, live: Res<Live>) {
    if settings.is_changed() {
        live.0.send(LiveCommand::Levels(levels(&settings)));
    }
}
