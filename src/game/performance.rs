//! The performance being played: the simulation, the song clock that drives it, and the lobby's
//! choices (who plays what, tempo, difficulty). Views read [`Performance`] and [`SimEvent`]s.

use bevy::prelude::*;

use crate::scenario::{BarRange, Department, DeptId, Scenario};
use crate::sim::{Beat, Event, Press, Sim, SimBuilder};

use super::catalog::{Catalog, CurrentLevel};
use crate::states::{AppSet, Launch, Screen};

/// Seconds the last chord rings before the debrief opens.
const END_PAUSE_SECS: f32 = 2.0;

/// How forgiving the timing windows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Difficulty {
    Relaxed,
    #[default]
    Normal,
    Strict,
}

impl Difficulty {
    /// The factor on every timing window.
    pub fn window_scale(self) -> f64 {
        match self {
            Difficulty::Relaxed => 1.5,
            Difficulty::Normal => 1.0,
            Difficulty::Strict => 0.5,
        }
    }

    /// The next one, for cycling.
    pub fn next(self) -> Difficulty {
        match self {
            Difficulty::Relaxed => Difficulty::Normal,
            Difficulty::Normal => Difficulty::Strict,
            Difficulty::Strict => Difficulty::Relaxed,
        }
    }

    /// The text key of its name.
    pub fn text_key(self) -> &'static str {
        match self {
            Difficulty::Relaxed => "difficulty-relaxed",
            Difficulty::Normal => "difficulty-normal",
            Difficulty::Strict => "difficulty-strict",
        }
    }
}

/// What the lobby chose.
#[derive(Resource, Debug, Clone)]
pub struct LobbyChoice {
    /// Departments played by people (the rest by colleagues).
    pub humans: Vec<bool>,
    /// 50–100.
    pub tempo_pct: u32,
    pub difficulty: Difficulty,
    /// Gamepads on seats, in order of joining.
    pub pads: Vec<super::pads::PadSeat>,
    /// Practice at home: loop bars `from..=to` instead of playing the whole piece.
    pub practice: Option<(u32, u32)>,
}

impl Default for LobbyChoice {
    fn default() -> Self {
        LobbyChoice {
            humans: Vec::new(),
            tempo_pct: 100,
            difficulty: Difficulty::Normal,
            pads: Vec::new(),
            practice: None,
        }
    }
}

impl LobbyChoice {
    /// A key takes or leaves seat `dept`; a pad on it leaves with it.
    pub fn toggle_seat(&mut self, dept: usize) {
        if let Some(h) = self.humans.get_mut(dept) {
            *h = !*h;
            self.pads.retain(|s| s.dept != dept);
        }
    }

    /// A pad's face button: leaves its seat if it has one, else takes the first free seat (none
    /// left: nothing happens).
    pub fn toggle_pad(&mut self, pad: Entity) {
        if let Some(i) = self.pads.iter().position(|s| s.pad == pad) {
            let seat = self.pads.remove(i);
            if let Some(h) = self.humans.get_mut(seat.dept) {
                *h = false;
            }
            return;
        }
        if let Some(dept) = self.humans.iter().position(|h| !h) {
            self.humans[dept] = true;
            let number = (1..)
                .find(|n| self.pads.iter().all(|s| s.number != *n))
                .unwrap_or(1);
            self.pads.push(super::pads::PadSeat {
                pad,
                dept,
                number,
                connected: true,
            });
        }
    }

    /// The next practice loop of a piece of `length` bars: off → bars 1–4 → 5–8 → … → off, in
    /// steps of the loop's length (4 bars unless changed).
    pub fn cycle_practice(&mut self, length: u32) {
        let length = length.max(1);
        self.practice = match self.practice {
            None => Some((1, 4.min(length))),
            Some((from, to)) => {
                let len = to - from + 1;
                let next = from + len;
                (next <= length).then(|| (next, (next + len - 1).min(length)))
            }
        };
    }

    /// The practice loop's next length: 2 → 4 → 8 → 2 bars, from the same first bar.
    pub fn cycle_loop_length(&mut self, length: u32) {
        if let Some((from, to)) = self.practice {
            let len = match to - from + 1 {
                0..=2 => 4,
                3..=4 => 8,
                _ => 2,
            };
            // Near the end of the piece the loop reaches back rather than being cut short.
            let length = length.max(1);
            let from = from.min(length.saturating_sub(len - 1).max(1));
            self.practice = Some((from, (from + len - 1).min(length)));
        }
    }

    /// The plugged-in pad on seat `dept`, if any.
    pub fn pad_on(&self, dept: usize) -> Option<&super::pads::PadSeat> {
        self.pads.iter().find(|s| s.dept == dept && s.connected)
    }
}

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

/// The performance in progress.
#[derive(Resource)]
pub struct Performance {
    pub scenario: Scenario,
    pub departments: Vec<Department>,
    pub sim: Sim,
    /// Every event so far.
    pub events: Vec<Event>,
    /// The song clock in beats; negative during the count-in.
    pub beat: f64,
    pub tempo_scale: f64,
    /// Presses recorded this frame, fed to the simulation next.
    pub pending: Vec<Press>,
    /// Seconds since the simulation ended.
    pub ended_for: f32,
    /// The first beat played (0, or the start of the practice loop).
    pub start: f64,
}

impl Performance {
    /// A fresh performance of `scenario` with the lobby's choices, starting with a one-bar count-in.
    pub fn new(
        scenario: &Scenario,
        choice: &LobbyChoice,
        keys: &[(String, String)],
    ) -> Performance {
        let mut builder = SimBuilder::new(scenario)
            .window_scale(choice.difficulty.window_scale())
            .tempo_scale(f64::from(choice.tempo_pct) / 100.0);
        for (d, human) in choice.humans.iter().enumerate() {
            if *human {
                builder = builder.human(DeptId(d));
            }
        }
        if let Some((from, to)) = choice.practice {
            builder = builder.bars(BarRange::new(from, to));
        }
        let sim = builder.build();
        let start = sim.start_beat().0;
        Performance {
            departments: departments_with_keys(scenario, keys),
            scenario: scenario.clone(),
            sim,
            events: Vec::new(),
            beat: start - f64::from(scenario.beats_per_bar),
            tempo_scale: f64::from(choice.tempo_pct) / 100.0,
            pending: Vec::new(),
            ended_for: 0.0,
            start,
        }
    }

    /// Beats per second at the current tempo.
    pub fn beats_per_second(&self) -> f64 {
        self.scenario.tempo_bpm * self.tempo_scale / 60.0
    }

    /// Hands department `dept` to a person or to its colleague from now on (a pad unplugged or
    /// back).
    pub fn set_human(&mut self, dept: usize, human: bool) {
        self.sim.set_human(DeptId(dept), human);
    }

    /// Whether department `dept` is played by a person (the simulation's own record).
    pub fn is_human(&self, dept: usize) -> bool {
        self.sim.is_human(DeptId(dept))
    }

    /// Changes the tempo by `delta` (e.g. −0.1), within 50–100 %.
    pub fn change_tempo(&mut self, delta: f64) {
        self.tempo_scale = (self.tempo_scale + delta).clamp(0.5, 1.0);
        self.sim.set_tempo_scale(self.tempo_scale);
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_message::<SimEvent>();
    app.add_message::<Restarted>();
    app.init_resource::<LobbyChoice>();
    app.init_resource::<PracticeRound>();
    app.init_resource::<SongClock>();
    app.add_systems(OnExit(Screen::Paused), resync_song_clock);
    app.add_systems(OnEnter(Screen::Lobby), reset_practice_round);
    app.add_systems(OnEnter(Screen::CountIn), start_performance);
    app.add_systems(
        Update,
        (
            tick_song_clock
                .in_set(AppSet::TickClock)
                .run_if(in_state(Screen::CountIn).or_else(in_state(Screen::Playing))),
            advance_simulation
                .in_set(AppSet::Simulate)
                .run_if(in_state(Screen::Playing)),
            finish_performance
                .in_set(AppSet::Update)
                .run_if(in_state(Screen::Playing)),
        ),
    );
}

/// Builds the performance for the chosen level, unless one is already set up (a restart keeps it).
pub fn start_performance(
    mut commands: Commands,
    catalog: Res<Catalog>,
    current: Res<CurrentLevel>,
    mut choice: ResMut<LobbyChoice>,
    launch: Option<Res<Launch>>,
    settings: Option<Res<crate::settings::Settings>>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(Ok(scenario)) = catalog.levels.get(current.0).map(|l| &l.scenario) else {
        next.set(Screen::LevelSelect);
        return;
    };
    if launch.is_some_and(|l| l.autoplay) {
        choice.humans = vec![false; scenario.departments.len()];
    }
    // The file may have been shortened since the loop was chosen (a reload on the Briefing).
    if let Some((from, to)) = choice.practice {
        choice.practice =
            (from <= scenario.length_bars).then(|| (from, to.min(scenario.length_bars)));
    }
    let keys = settings.map(|s| s.keys.clone()).unwrap_or_default();
    commands.insert_resource(Performance::new(scenario, &choice, &keys));
}

/// The song clock: follows the audio device's clock when there is one (see
/// [`crate::audio::clock`]), the frame clock otherwise.
#[derive(Resource, Debug, Default)]
pub struct SongClock(pub crate::audio::clock::ClockSync);

fn tick_song_clock(
    time: Res<Time>,
    perf: Option<ResMut<Performance>>,
    state: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut clock: ResMut<SongClock>,
    live: Option<Res<super::device::Live>>,
    mut last: Local<(f64, Option<Screen>)>,
) {
    let Some(mut perf) = perf else { return };
    // After a pause, a restart or a tempo change the song picks up from where it stands (the
    // count-in runs straight on into the piece).
    let screen = *state.get();
    let straight_on = last.1 == Some(Screen::CountIn) && screen == Screen::Playing;
    if (last.1 != Some(screen) && !straight_on) || last.0 != perf.tempo_scale {
        clock.0.resync();
    }
    *last = (perf.tempo_scale, Some(screen));
    let audio = live.map(|l| l.0.seconds());
    let seconds = clock.0.step(time.delta_secs_f64(), audio);
    let step = seconds * perf.beats_per_second();
    perf.beat += step;
    if *state.get() == Screen::CountIn && perf.beat >= perf.start {
        next.set(Screen::Playing);
    }
}

fn advance_simulation(perf: Option<ResMut<Performance>>, mut out: MessageWriter<SimEvent>) {
    let Some(mut perf) = perf else { return };
    let perf = &mut *perf;
    let presses = std::mem::take(&mut perf.pending);
    let start = perf.events.len();
    let now = Beat(perf.beat.max(perf.start));
    perf.sim.advance(now, &presses, &mut perf.events);
    for e in &perf.events[start..] {
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
    if perf.sim.is_ended() {
        perf.ended_for += time.delta_secs();
        let pause = if perf.sim.practice_bars().is_some() {
            END_PAUSE_SECS / 2.0
        } else {
            END_PAUSE_SECS
        };
        if perf.ended_for >= pause {
            if perf.sim.practice_bars().is_some() {
                round.0 += 1;
                restarted.write(Restarted);
                next.set(Screen::CountIn);
            } else {
                next.set(Screen::Debrief);
            }
        }
    }
}

fn reset_practice_round(mut round: ResMut<PracticeRound>) {
    round.0 = 0;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_practice_loop_walks_the_piece_and_its_length_reaches_back_at_the_end() {
        let mut c = LobbyChoice::default();
        let mut seen = Vec::new();
        for _ in 0..6 {
            c.cycle_practice(18);
            seen.push(c.practice);
        }
        assert_eq!(
            seen,
            [
                Some((1, 4)),
                Some((5, 8)),
                Some((9, 12)),
                Some((13, 16)),
                Some((17, 18)),
                None
            ]
        );
        c.practice = Some((17, 18));
        c.cycle_loop_length(18);
        assert_eq!(c.practice, Some((15, 18)), "4 bars, ending on the last bar");
        c.cycle_loop_length(18);
        assert_eq!(c.practice, Some((11, 18)), "8 bars");
        c.cycle_loop_length(18);
        assert_eq!(c.practice, Some((11, 12)), "2 bars");
        c.practice = Some((1, 2));
        c.cycle_loop_length(3);
        assert_eq!(
            c.practice,
            Some((1, 3)),
            "a piece shorter than the loop: all of it"
        );
    }
}
