//! The piece being played, with one owner: this module. [`Setup`] (who sits where, tempo,
//! difficulty, practice loop) and [`Performance`] (the simulation, its song clock and events) are
//! changed only here, by the [`PerformanceInput`] messages that keys, pads, the mouse and scripted
//! presses send alike. Views read [`Performance`] and the [`SimEvent`] messages.

mod apply;
mod record;
mod setup;

use bevy::prelude::*;

pub use apply::{PadNotice, PauseReason, PerformanceInput};
pub use record::{PerformanceSource, Playback};
pub use setup::{
    Difficulty, PadChange, PadSeat, PhoneSeat, PracticeLoop, Seat, Setup, TEMPO_RANGE, TEMPO_STEP,
    player_seat,
};

use crate::scenario::{BarRange, Department, DeptId, Scenario};
use crate::sim::{
    Beat, Debrief, DebriefFold, Event, PlannedNote, Press, Score, Sim, SimBuilder, Tempo,
};
use crate::states::{AppSet, Launch, Screen};

use super::catalog::{Catalog, CurrentLevel, OnStage};

/// Building the performance on entering the count-in: what must see the old one runs before.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StartPerformance;

/// While true, the count-in does not start: the song clock stands at its first beat (the sound
/// is getting ready, see [`crate::game::orchestra`]).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CountInHeld(pub bool);

/// The serial number of the next performance.
static NEXT_SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Seconds the last chord rings before the debrief opens.
const END_PAUSE_SECS: f32 = 2.0;

/// The scenario's departments with the player's key overrides (department id → key) applied,
/// where the key is playable and not taken by another department.
pub fn departments_with_keys(
    scenario: &Scenario,
    overrides: &[(String, String)],
) -> Vec<Department> {
    scenario.with_key_overrides(overrides).departments
}

/// A new start of the same performance (a restart, or the practice loop starting over): views
/// forget the old performance's notes.
#[derive(Message, Debug, Clone, Copy)]
pub struct Restarted;

/// One event of the simulation, as a message for views and sound.
#[derive(Message, Debug, Clone)]
pub struct SimEvent(pub Event);

/// The performance in progress (from the count-in to the debrief).
#[derive(Resource)]
pub struct Performance {
    /// The scenario, with the player's keys.
    scenario: Scenario,
    sim: Sim,
    /// What is on the score now, folded from the events (what views read).
    score: Score,
    /// The debrief's figures so far, folded from the same events.
    debrief: DebriefFold,
    /// Every event so far.
    events: Vec<Event>,
    /// The song clock in beats; negative during the count-in.
    beat: f64,
    /// Presses received this frame, fed to the simulation next.
    pending: Vec<Press>,
    /// Seconds since the simulation ended.
    ended_for: f32,
    /// The first beat played (0, or the start of the practice loop).
    start: f64,
    /// What is played, for its replay: the level and its text, the seed, the setup at the start.
    source: record::Kept,
    /// A replay being played back: its inputs, fed as the song clock reaches them.
    script: Option<record::Script>,
    /// Tells this performance from every other one since the game started.
    serial: u64,
}

impl Performance {
    /// A fresh performance of `scenario` as set up, starting with a one-bar count-in. Each
    /// seat's allowance ([`Setup::allowance_ms`], with the players' `audio_offset_ms`) is fixed
    /// now for the whole piece, and kept in its replay.
    pub fn new(
        scenario: &Scenario,
        setup: &Setup,
        keys: &[(String, String)],
        source: PerformanceSource,
        audio_offset_ms: f64,
    ) -> Performance {
        let seed = setup.seed(scenario.seed);
        let mut builder = SimBuilder::new(scenario)
            .seed(seed)
            .window_scale(setup.difficulty().window_scale())
            .tempo_scale(setup.tempo_scale());
        for d in scenario.dept_ids().filter(|d| setup.is_person(*d)) {
            builder = builder.human(d);
        }
        if let Some(p) = setup.practice() {
            builder = builder.bars(BarRange::new(p.from, p.to));
        }
        let scenario = scenario.with_key_overrides(keys);
        let kept = record::Kept {
            setup: setup.replay_setup(&scenario.departments),
            source,
            seed,
        };
        let mut sim = builder.build();
        for d in scenario.dept_ids() {
            let ms = setup.allowance_ms(d, audio_offset_ms);
            sim.set_allowance(d, crate::sim::Millis(ms));
            if ms > 0.0 {
                let name = &scenario.department(d).name;
                info!(
                    "allowance: {name}'s presses are judged by when they were made, up to {ms:.0} ms late"
                );
            }
        }
        Performance::with_sim(scenario, sim, kept)
    }

    fn with_sim(scenario: Scenario, sim: Sim, source: record::Kept) -> Performance {
        let start = sim.start_beat().0;
        Performance {
            score: Score::new(&scenario),
            debrief: DebriefFold::new(&scenario),
            beat: start - f64::from(scenario.beats_per_bar),
            scenario,
            sim,
            events: Vec::new(),
            pending: Vec::new(),
            ended_for: 0.0,
            start,
            source,
            script: None,
            serial: NEXT_SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Tells this performance from every other one since the game started (a restart is a new
    /// one): what is kept of it is kept once, however often its debrief is shown.
    pub fn serial(&self) -> u64 {
        self.serial
    }

    /// The scenario being played.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Its departments, with the player's keys.
    pub fn departments(&self) -> &[Department] {
        &self.scenario.departments
    }

    /// Department `d` (with the player's key).
    pub fn department(&self, d: DeptId) -> &Department {
        self.scenario.department(d)
    }

    /// What is on the score now: the open cases and the audience, from the events.
    pub fn score(&self) -> &Score {
        &self.score
    }

    /// The debrief's figures of the piece so far (of the whole piece, once it is over).
    pub fn debrief(&self) -> Debrief {
        self.debrief.debrief()
    }

    /// Whether the piece is over (the debrief or the next round of the loop follows).
    pub fn is_ended(&self) -> bool {
        self.sim.is_ended()
    }

    /// The bars of the practice loop, when only some bars are played.
    pub fn practice_bars(&self) -> Option<BarRange> {
        self.sim.practice_bars()
    }

    /// The tempo now.
    pub fn tempo(&self) -> Tempo {
        self.sim.tempo()
    }

    /// The colleagues' notes that will sound up to `until`, as things stand: for sound that is
    /// scheduled ahead on the audio clock.
    pub fn planned_notes(&self, until: Beat) -> Vec<PlannedNote> {
        self.sim.planned_notes(until)
    }

    /// Every event so far.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The song clock in beats; before [`Performance::start`] during the count-in.
    pub fn beat(&self) -> f64 {
        self.beat
    }

    /// The first beat played (0, or the start of the practice loop).
    pub fn start(&self) -> f64 {
        self.start
    }

    /// Beats per second at the current tempo.
    pub fn beats_per_second(&self) -> f64 {
        self.sim.tempo().bpm() / 60.0
    }

    /// Whether department `dept` is played by a person (the simulation's own record).
    pub fn is_human(&self, dept: DeptId) -> bool {
        self.sim.is_human(dept)
    }

    /// How late department `dept`'s presses may arrive and still be judged by their stamps, ms
    /// (a phone's network allowance; 0 for keys and pads).
    pub fn allowance_ms(&self, dept: DeptId) -> f64 {
        self.sim.allowance(dept).0
    }

    /// The song time of a press made now by a player who hears the music `offset_ms` late: the
    /// song clock less that offset, never before the first beat.
    pub fn press_time(&self, offset_ms: f64) -> Beat {
        let offset = self.sim.tempo().beats(crate::sim::Millis(offset_ms));
        Beat((self.beat - offset.0).max(self.start))
    }

    /// The tempo in per cent of the scenario's.
    pub fn tempo_pct(&self) -> u32 {
        (self.sim.tempo().bpm() / self.scenario.tempo_bpm * 100.0).round() as u32
    }

    /// Whether the piece is still in its count-in.
    pub fn in_count_in(&self) -> bool {
        self.beat < self.start
    }
}

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
pub fn keep_setup_within_level(
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
pub struct SongClock(pub crate::audio::clock::ClockSync);

/// What the song clock saw last frame: the tempo and the screen.
#[derive(Default)]
struct LastTick {
    bpm: f64,
    screen: Option<Screen>,
}

/// Where the song clock steps, once a frame (in [`AppSet::TickClock`]): what needs the moment
/// the song time was sampled runs after it (see [`crate::game::phones::SongClockSampled`]).
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SongClockStep;

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
