//! The piece being played, with one owner: this module. [`Setup`] (who sits where, tempo,
//! difficulty, practice loop) and [`Performance`] (the simulation, its song clock and events) are
//! changed only here, by the [`PerformanceInput`] messages that keys, pads, the mouse and scripted
//! presses send alike. Views read [`Performance`] and the `SimEvent` messages.

mod apply;
mod piece;
mod record;
mod setup;

use bevy::prelude::*;

pub use apply::{PadNotice, PauseReason, PerformanceInput};
pub use piece::Performance;
pub(crate) use piece::Restarted;
pub use record::{PerformanceSource, Playback};
pub use setup::{Difficulty, PadChange, PadSeat, PhoneSeat, PracticeLoop, Seat, Setup};
pub(crate) use setup::{TEMPO_RANGE, TEMPO_STEP, player_seat};

use crate::scenario::{Department, Scenario};
use crate::sim::{Beat, Event};
use crate::states::{AppSet, Launch, Screen};

use super::catalog::{Catalog, CurrentLevel, OnStage};

/// Building the performance on entering the count-in: what must see the old one runs before.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct StartPerformance;

/// While true, the count-in does not start: the song clock stands at its first beat (the sound
/// is getting ready, see [`crate::game::orchestra`]).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CountInHeld(pub bool);

/// Seconds the last chord rings before the debrief opens.
const END_PAUSE_SECS: f32 = 2.0;

/// The scenario's departments with the player's key overrides (department id → key) applied,
/// where the key is playable and not taken by another department.
pub(crate) fn departments_with_keys(
    scenario: &Scenario,
    overrides: &[(String, String)],
) -> Vec<Department> {
    scenario.with_key_overrides(overrides).departments
}

/// One event of the simulation, as a message for views and sound.
#[derive(Message, Debug, Clone)]
pub(crate) struct SimEvent(pub Event);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<SimEvent>();
    app.add_message::<Restarted>();
    app.init_resource::<Setup>();
    app.init_resource::<PracticeRound>();
    app.init_resource::<SongClock>();
    app.init_resource::<CountInHeld>();
    apply::plugin(app);
    app.add_systems(OnExit(Screen::Paused), resync_song_clock);
    app.add_systems(OnEnter(Screen::Lobby), (fit_setup, reset_practice_round));
    app.add_systems(OnEnter(Screen::Briefing), keep_setup_within_level);
    app.add_systems(
        OnEnter(Screen::CountIn),
        start_performance.in_set(StartPerformance),
    );
    app.add_systems(
        Update,
        (
            tick_song_clock
                .in_set(AppSet::TickClock)
                .in_set(SongClockStep)
                .run_if(in_state(Screen::CountIn).or_else(in_state(Screen::Playing))),
            advance_simulation
                .in_set(AppSet::Simulate)
                .after(apply::apply_inputs)
                .run_if(in_state(Screen::Playing)),
            finish_performance
                .in_set(AppSet::Update)
                .run_if(in_state(Screen::Playing)),
        ),
    );
}

/// Entering the lobby: the setup fits the chosen level (see [`Setup::fit`]).
fn fit_setup(
    mut setup: ResMut<Setup>,
    catalog: Res<Catalog>,
    current: Res<CurrentLevel>,
    mut last_level: Local<Option<usize>>,
) {
    let scenario = catalog
        .levels
        .get(current.0)
        .and_then(|l| l.scenario.as_ref().ok());
    let (depts, length) = scenario.map_or((0, 1), |s| (s.departments.len(), s.length_bars));
    let same = *last_level == Some(current.0) && setup.seats().len() == depts;
    setup.fit(depts, length, same);
    // Arriving at another level: its own seat for the player is taken for them.
    if !same && let Some(d) = scenario.and_then(player_seat) {
        setup.seat_player(d);
    }
    *last_level = Some(current.0);
    setup.set_changed();
}

/// Entering the Briefing (again after a reload of its file): the seats and the loop fit the level
/// as it is now, so the briefing shows who really plays.
pub(crate) fn keep_setup_within_level(
    mut setup: ResMut<Setup>,
    stage: OnStage,
    playback: Option<Res<Playback>>,
) {
    if playback.is_some() {
        return; // A replay's briefing: the players' setup is not its business.
    }
    if let Some(s) = stage.scenario() {
        setup.fit(s.departments.len(), s.length_bars, true);
    }
}

/// Builds the performance for the chosen level as set up.
fn start_performance(
    mut commands: Commands,
    stage: OnStage,
    mut setup: ResMut<Setup>,
    launch: Option<Res<Launch>>,
    settings: Option<Res<crate::settings::Settings>>,
    playback: Option<Res<Playback>>,
    mut next: ResMut<NextState<Screen>>,
) {
    if let Some(p) = playback.as_deref() {
        commands.insert_resource(Performance::playback(p));
        return;
    }
    let Some(level) = stage.level() else {
        next.set(Screen::LevelSelect);
        return;
    };
    let Ok(scenario) = &level.scenario else {
        next.set(Screen::LevelSelect);
        return;
    };
    // The file may have been shortened since the loop was chosen (a reload on the Briefing).
    setup.fit(scenario.departments.len(), scenario.length_bars, true);
    if launch.is_some_and(|l| l.autoplay) {
        setup.seat_nobody();
    }
    let keys = settings
        .as_ref()
        .map(|s| s.keys.clone())
        .unwrap_or_default();
    let offset = settings.map_or(0.0, |s| f64::from(s.audio_offset_ms));
    let source = PerformanceSource {
        level: level.name.clone(),
        text: level.source.clone(),
    };
    commands.insert_resource(Performance::new(scenario, &setup, &keys, source, offset));
}

/// The song clock: follows the audio device's clock when there is one (see
/// [`crate::audio::clock`]), the frame clock otherwise.
#[derive(Resource, Debug, Default)]
pub(crate) struct SongClock(pub crate::audio::clock::ClockSync);

/// What the song clock saw last frame: the tempo and the screen.
#[derive(Default)]
struct LastTick {
    bpm: f64,
    screen: Option<Screen>,
}

/// Where the song clock steps, once a frame (in [`AppSet::TickClock`]): what needs the moment
/// the song time was sampled runs after it (see [`crate::game::phones::SongClockSampled`]).
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct SongClockStep;

fn tick_song_clock(
    time: Res<Time>,
    perf: Option<ResMut<Performance>>,
    state: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut clock: ResMut<SongClock>,
    live: Option<Res<super::device::Live>>,
    mut last: Local<LastTick>,
    held: Res<CountInHeld>,
) {
    let Some(mut perf) = perf else { return };
    if held.0 && *state.get() == Screen::CountIn {
        clock.0.resync(); // the count-in starts afresh when it is let go
        return;
    }
    // After a pause, a restart or a tempo change the song picks up from where it stands (the
    // count-in runs straight on into the piece).
    let screen = *state.get();
    let bpm = perf.sim.tempo().bpm();
    let straight_on = last.screen == Some(Screen::CountIn) && screen == Screen::Playing;
    if (last.screen != Some(screen) && !straight_on) || last.bpm != bpm {
        clock.0.resync();
    }
    *last = LastTick {
        bpm,
        screen: Some(screen),
    };
    let audio = live.map(|l| l.0.seconds());
    let seconds = clock.0.step(time.delta_secs_f64(), audio);
    let step = seconds * perf.beats_per_second();
    perf.beat += step;
    if screen == Screen::CountIn && perf.beat >= perf.start {
        next.set(Screen::Playing);
    }
}

fn advance_simulation(perf: Option<ResMut<Performance>>, mut out: MessageWriter<SimEvent>) {
    let Some(mut perf) = perf else { return };
    let perf = &mut *perf;
    let presses = std::mem::take(&mut perf.pending);
    let first_new = perf.events.len();
    let now = Beat(perf.beat.max(perf.start));
    if let Some(script) = &mut perf.script {
        script.feed(&mut perf.sim, now, &mut perf.events);
    } else {
        perf.sim.advance(now, &presses, &mut perf.events);
    }
    for e in &perf.events[first_new..] {
        perf.score.apply(e);
        perf.debrief.apply(&perf.scenario, e);
        out.write(SimEvent(e.clone()));
    }
}

/// The audio clock went on during the pause: follow it afresh from where the song stands.
fn resync_song_clock(mut clock: ResMut<SongClock>) {
    clock.0.resync();
}

/// How many times the practice loop has started over since the lobby.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PracticeRound(pub u32);

/// The end of the piece opens the debrief; the end of a practice loop starts it again (after the
/// last chord and a count-in).
fn finish_performance(
    time: Res<Time>,
    perf: Option<ResMut<Performance>>,
    mut next: ResMut<NextState<Screen>>,
    mut round: ResMut<PracticeRound>,
    mut restarted: MessageWriter<Restarted>,
) {
    let Some(mut perf) = perf else { return };
    if !perf.sim.is_ended() && !perf.script.as_ref().is_some_and(|s| s.stopped(perf.beat)) {
        return;
    }
    perf.ended_for += time.delta_secs();
    // A practice loop starts over; a replay of one ends on its debrief.
    let looping = perf.sim.practice_bars().is_some() && !perf.is_playback();
    let pause = if looping {
        END_PAUSE_SECS / 2.0
    } else {
        END_PAUSE_SECS
    };
    if perf.ended_for < pause {
        return;
    }
    if looping {
        round.0 += 1;
        restarted.write(Restarted);
        next.set(Screen::CountIn);
    } else {
        next.set(Screen::Debrief);
    }
}

fn reset_practice_round(mut round: ResMut<PracticeRound>) {
    round.0 = 0;
}
