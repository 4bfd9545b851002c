//! Every change to the performance arrives as a [`PerformanceInput`] message, whoever sent it
//! (keys, gamepads, the mouse, scripted presses, later phones), and is applied here, in one place.

use bevy::prelude::*;

use crate::phones::PhoneId;
use crate::scenario::DeptId;
use crate::sim::Press;
use crate::states::{AppSet, Screen};

use super::piece::{Performance, Restarted};
use super::setup::{PadChange, Setup};
use crate::game::catalog::{Catalog, CurrentLevel};

/// A change asked of the performance.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum PerformanceInput {
    /// A department's key, button or tap, at a song time.
    Press(Press),
    /// The keyboard (or a click) takes a department's seat, or leaves it.
    ToggleSeat(DeptId),
    /// A gamepad takes the next free seat, or leaves its seat.
    TogglePadSeat(Entity),
    /// A seated gamepad was unplugged, or came back.
    PadConnection {
        /// The gamepad.
        pad: Entity,
        /// It came back; `false`: it was unplugged.
        connected: bool,
    },
    /// A phone takes seat `dept` (in the lobby, if nobody sits there), or leaves its seat
    /// (`None`); `name` is what its player typed.
    PhoneSeat {
        /// The phone.
        phone: PhoneId,
        /// The seat it takes; `None`: it leaves its seat.
        dept: Option<DeptId>,
        /// What its player typed.
        name: String,
    },
    /// A seated phone went away (the colleague plays its seat) or came back.
    PhoneConnection {
        /// The phone.
        phone: PhoneId,
        /// It came back; `false`: it went away.
        connected: bool,
    },
    /// A phone's player calibrated their taps: they tap `ms` late (from the next piece on, the
    /// seat's allowance covers it).
    PhoneCalibration {
        /// The phone.
        phone: PhoneId,
        /// How many ms late its player taps.
        ms: f64,
    },
    /// The phones were turned off: every phone's seat goes back to the colleague and the phones'
    /// names are forgotten (a later server's phone 0 is someone else).
    PhonesOff,
    /// Tempo one step slower (−1) or faster (+1).
    Tempo(i32),
    /// The next difficulty.
    CycleDifficulty,
    /// The practice loop on or off.
    CyclePractice,
    /// The practice loop's next length.
    CycleLoopLength,
    /// Pause the piece, and why.
    Pause(PauseReason),
    /// Resume the piece.
    Resume,
    /// The same setup again from its count-in, with the same seed.
    Restart,
    /// Play again from the debrief with the next seed (Restart keeps it: a fair second round).
    RestartNewSeed,
    /// Straight to the debrief.
    SkipToDebrief,
    /// Back to the level list.
    Leave,
    /// A room's host starts a round (see [`crate::game::table`]): the whole piece with the
    /// host's seed, its count-in now, from whatever screen the table is on.
    HostRound {
        /// The round's seed, the same at every table.
        seed: u64,
    },
}

impl PerformanceInput {
    /// Whether it acts on a replay being played back: pausing, restarting, skipping and leaving
    /// do; presses, seats, pads and tempo do not (the replay has its own).
    fn plays_back(&self) -> bool {
        matches!(
            self,
            PerformanceInput::Pause(_)
                | PerformanceInput::Resume
                | PerformanceInput::Restart
                | PerformanceInput::SkipToDebrief
                | PerformanceInput::Leave
        )
    }
}

/// Why the piece paused: said on the pause overlay and in the screen log.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PauseReason {
    /// The facilitator's pause key or a click.
    #[default]
    Asked,
    /// The window lost the focus (another program came to the front).
    FocusLost,
    /// A seated gamepad was unplugged.
    PadUnplugged,
}

impl PauseReason {
    /// How the screen log says it.
    pub(crate) fn log_text(self) -> &'static str {
        match self {
            PauseReason::Asked => "asked",
            PauseReason::FocusLost => "focus lost",
            PauseReason::PadUnplugged => "gamepad unplugged",
        }
    }
}

/// What happened to a pad that the players should know about (shown on the pause overlay).
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct PadNotice(pub Option<PadChange>);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<PerformanceInput>();
    app.init_resource::<PauseReason>();
    app.init_resource::<PadNotice>();
    app.add_systems(Update, apply_inputs.in_set(AppSet::Simulate));
    app.add_systems(OnEnter(Screen::Lobby), clear_pad_notice);
    app.add_systems(OnExit(Screen::Paused), clear_pad_notice);
    app.add_systems(OnEnter(Screen::CountIn), clear_pad_notice);
}

fn clear_pad_notice(mut notice: ResMut<PadNotice>) {
    notice.0 = None;
}

/// What a performance input may change: the setup, the piece, the screen.
#[derive(bevy::ecs::system::SystemParam)]
pub(super) struct Conductor<'w> {
    setup: ResMut<'w, Setup>,
    perf: Option<ResMut<'w, Performance>>,
    state: Res<'w, State<Screen>>,
    next: ResMut<'w, NextState<Screen>>,
    restarted: MessageWriter<'w, Restarted>,
    reason: ResMut<'w, PauseReason>,
    notice: ResMut<'w, PadNotice>,
    catalog: Res<'w, Catalog>,
    current: Res<'w, CurrentLevel>,
}

/// Applies this frame's inputs, in the order they were sent.
pub(super) fn apply_inputs(mut inputs: MessageReader<PerformanceInput>, mut conductor: Conductor) {
    for input in inputs.read() {
        conductor.apply(input.clone());
    }
}

impl Conductor<'_> {
    fn apply(&mut self, input: PerformanceInput) {
        let screen = *self.state.get();
        let stage_or_debrief = on_stage(screen) || screen == Screen::Debrief;
        if stage_or_debrief
            && self.perf.as_ref().is_some_and(|p| p.is_playback())
            && !input.plays_back()
        {
            self.keep_connection_during_playback(&input);
            debug!("{input:?} is ignored while a replay plays back");
            return;
        }
        let Err(input) = self.apply_seating(input, screen) else {
            return;
        };
        let length = self.length_bars();
        match input {
            PerformanceInput::Press(press) => self.press(press, screen),
            PerformanceInput::Tempo(direction)
                if matches!(screen, Screen::Lobby | Screen::CountIn | Screen::Playing) =>
            {
                self.tempo(direction)
            }
            PerformanceInput::CycleDifficulty if screen == Screen::Lobby => {
                self.setup.cycle_difficulty()
            }
            PerformanceInput::CyclePractice if screen == Screen::Lobby => {
                self.setup.cycle_practice(length)
            }
            PerformanceInput::CycleLoopLength if screen == Screen::Lobby => {
                self.setup.cycle_loop_length(length)
            }
            PerformanceInput::Pause(reason) => self.pause(reason, screen),
            PerformanceInput::Resume => self.resume(screen),
            PerformanceInput::Restart => self.restart(screen),
            PerformanceInput::RestartNewSeed if screen == Screen::Debrief => {
                if let Some(perf) = self.perf.as_deref().filter(|p| !p.is_playback()) {
                    self.setup.next_seed(perf.seed());
                }
                self.restart(screen)
            }
            PerformanceInput::SkipToDebrief if on_stage(screen) => self.next.set(Screen::Debrief),
            PerformanceInput::HostRound { seed } => self.host_round(seed, screen),
            PerformanceInput::Leave if on_stage(screen) || screen == Screen::Debrief => {
                self.next.set(Screen::LevelSelect)
            }
            other => debug!("{other:?} does nothing on {screen:?}"),
        }
    }

    /// Who plays which seat: keys, pads and phones taking and leaving seats, going away and
    /// coming back, a phone's calibration. Any other input is given back.
    fn apply_seating(
        &mut self,
        input: PerformanceInput,
        screen: Screen,
    ) -> Result<(), PerformanceInput> {
        let lobby = screen == Screen::Lobby;
        match input {
            PerformanceInput::ToggleSeat(d) if lobby => self.setup.toggle_seat(d),
            PerformanceInput::TogglePadSeat(pad) if lobby => self.setup.toggle_pad(pad),
            PerformanceInput::PadConnection { pad, connected } => {
                self.connect_pad(pad, connected, screen)
            }
            PerformanceInput::PhoneSeat { phone, dept, name } if lobby => {
                self.setup.seat_phone(phone, dept, &name);
            }
            PerformanceInput::PhoneConnection { phone, connected } => {
                self.connect_phone(phone, connected)
            }
            PerformanceInput::PhoneCalibration { phone, ms } => {
                self.setup.calibrate_phone(phone, ms)
            }
            PerformanceInput::PhonesOff => self.phones_off(),
            other => return Err(other),
        }
        Ok(())
    }

    fn length_bars(&self) -> u32 {
        self.catalog
            .levels
            .get(self.current.0)
            .and_then(|l| l.scenario.as_ref().ok())
            .map_or(1, |s| s.length_bars)
    }

    /// A press counts while the piece plays, for a department a person plays.
    fn press(&mut self, press: Press, screen: Screen) {
        if let Some(perf) = self.perf.as_deref_mut()
            && screen == Screen::Playing
            && perf.sim.is_human(press.dept)
        {
            perf.pending.push(press);
        }
    }

    /// An unplugged seated pad hands its seat to the colleague and pauses a running piece; a pad
    /// that comes back takes its seat again.
    fn connect_pad(&mut self, pad: Entity, connected: bool, screen: Screen) {
        let Some(change) = self.setup.connect_pad(pad, connected) else {
            return;
        };
        let dept = match change {
            PadChange::Unplugged { dept, .. } | PadChange::Back { dept, .. } => dept,
        };
        if let Some(perf) = self.perf.as_deref_mut() {
            perf.sim.set_human(dept, connected);
        }
        match change {
            PadChange::Back { number, .. } => {
                info!("gamepad {number} is back on seat {}", dept.0);
                // Said on the pause overlay; a pad back mid-play needs no words.
                self.notice.0 = (screen == Screen::Paused).then_some(change);
            }
            PadChange::Unplugged { number, .. } => {
                warn!("gamepad {number} unplugged; a colleague plays its seat");
                self.notice.0 = Some(change);
                self.pause(PauseReason::PadUnplugged, screen);
            }
        }
    }

    /// A phone or pad that went away or came back while a replay plays back: the players' setup
    /// still learns it (the replay's own seats are untouched), so the next live piece gives the
    /// seat to the colleague or the person as they really are.
    fn keep_connection_during_playback(&mut self, input: &PerformanceInput) {
        match *input {
            PerformanceInput::PhoneConnection { phone, connected } => {
                self.setup.connect_phone(phone, connected);
            }
            PerformanceInput::PadConnection { pad, connected } => {
                self.setup.connect_pad(pad, connected);
            }
            _ => {}
        }
    }

    /// A seated phone that went away hands its seat to the colleague (the piece plays on: a
    /// locked phone should not stop a room); back, it plays its seat again.
    fn connect_phone(&mut self, phone: PhoneId, connected: bool) {
        let Some(dept) = self.setup.connect_phone(phone, connected) else {
            return;
        };
        if let Some(perf) = self.perf.as_deref_mut() {
            perf.sim.set_human(dept, connected);
        }
        if connected {
            info!("phone {} is back on seat {}", phone.0 + 1, dept.0);
        } else {
            warn!("phone {} is away; a colleague plays its seat", phone.0 + 1);
        }
    }

    /// Phones off: their seats are the colleague's again.
    fn phones_off(&mut self) {
        for dept in self.setup.unseat_phones() {
            if let Some(perf) = self.perf.as_deref_mut() {
                perf.sim.set_human(dept, false);
            }
        }
    }

    /// The tempo, in the lobby and during the piece (the next round keeps it).
    fn tempo(&mut self, direction: i32) {
        self.setup.step_tempo(direction);
        if let Some(perf) = self.perf.as_deref_mut() {
            perf.sim.set_tempo_scale(self.setup.tempo_scale());
        }
    }

    fn pause(&mut self, reason: PauseReason, screen: Screen) {
        if matches!(screen, Screen::CountIn | Screen::Playing) {
            *self.reason = reason;
            self.next.set(Screen::Paused);
        }
    }

    /// Paused during the count-in: resuming counts in again.
    fn resume(&mut self, screen: Screen) {
        if screen != Screen::Paused {
            return;
        }
        if self.perf.as_ref().is_some_and(|p| p.in_count_in()) {
            self.restarted.write(Restarted);
            self.next.set(Screen::CountIn);
        } else {
            self.next.set(Screen::Playing);
        }
    }

    /// A room's round: the seats as they are, the host's seed, the whole piece, counted in now.
    fn host_round(&mut self, seed: u64, screen: Screen) {
        self.setup.play_round(seed);
        if on_stage(screen) || screen == Screen::Debrief {
            self.restarted.write(Restarted);
        }
        self.next.set(Screen::CountIn);
    }

    /// The same setup again from its count-in (from the piece, the pause or the debrief).
    fn restart(&mut self, screen: Screen) {
        if on_stage(screen) || screen == Screen::Debrief {
            self.restarted.write(Restarted);
            self.next.set(Screen::CountIn);
        }
    }
}

fn on_stage(screen: Screen) -> bool {
    matches!(screen, Screen::CountIn | Screen::Playing | Screen::Paused)
}
