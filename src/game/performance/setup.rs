//! What the lobby chose and the piece keeps: who sits on each seat, the tempo, the difficulty and
//! the practice loop. Kept in one place ([`Setup`]) and changed only by the performance's own
//! systems, from [`super::PerformanceInput`] messages.

use bevy::prelude::*;

use crate::phones::{FRAME_MARGIN_MS, NETWORK_ALLOWANCE_MS, PhoneId};
use crate::rounds::replay::ReplaySetup;
use crate::rounds::{SeatRecord, Who};
use crate::scenario::DeptId;

/// How forgiving the timing windows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Difficulty {
    /// Wider windows.
    Relaxed,
    /// The scenario's windows as written.
    #[default]
    Normal,
    /// Narrower windows.
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

    /// Its name in files (replays, `session.csv`).
    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Relaxed => "relaxed",
            Difficulty::Normal => "normal",
            Difficulty::Strict => "strict",
        }
    }

    /// The difficulty of a name in a file; an unknown name is normal.
    fn from_name(name: &str) -> Difficulty {
        match name {
            "relaxed" => Difficulty::Relaxed,
            "strict" => Difficulty::Strict,
            _ => Difficulty::Normal,
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

/// The seat a level keeps for the player, taken for them on arrival in the lobby: the one
/// department of a one-department level, or the one department that reaches the whole stage
/// (`reach: Anywhere`) in a solo level.
pub(crate) fn player_seat(s: &crate::scenario::Scenario) -> Option<DeptId> {
    if s.departments.len() == 1 {
        return Some(DeptId(0));
    }
    let mut anywhere = s
        .dept_ids()
        .filter(|d| s.department(*d).reach == crate::scenario::Reach::Anywhere);
    match (anywhere.next(), anywhere.next()) {
        (Some(d), None) => Some(d),
        _ => None,
    }
}

/// A gamepad on a seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PadSeat {
    /// The gamepad's entity.
    pub pad: Entity,
    /// Number shown in the lobby ("gamepad 1"), in order of joining.
    pub number: u32,
    /// False while the pad is unplugged: the colleague plays its seat meanwhile.
    pub connected: bool,
}

/// A phone on a seat (its player's name is kept beside, in [`Setup::phone_name`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhoneSeat {
    /// The phone's number in the room.
    pub phone: PhoneId,
    /// False while the phone is away (locked, out of Wi-Fi): the colleague plays its seat.
    pub connected: bool,
}

/// Who plays a department.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Seat {
    /// Its colleague, the computer.
    #[default]
    Colleague,
    /// A person at the keyboard (or the mouse).
    Keyboard,
    /// A person with a gamepad.
    Pad(PadSeat),
    /// A person with a phone.
    Phone(PhoneSeat),
}

impl Seat {
    /// Played by a person now (an unplugged pad's seat is the colleague's until it is back).
    pub fn is_person(self) -> bool {
        match self {
            Seat::Colleague => false,
            Seat::Keyboard => true,
            Seat::Pad(p) => p.connected,
            Seat::Phone(p) => p.connected,
        }
    }
}

/// Practice at home: only bars `from..=to` are played, over and over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PracticeLoop {
    /// The first bar played.
    pub from: u32,
    /// The last bar played, included.
    pub to: u32,
}

impl PracticeLoop {
    /// Its length in bars.
    pub fn bars(self) -> u32 {
        self.to.saturating_sub(self.from) + 1
    }

    /// The loop kept within a piece of `length` bars, or none if it starts after the end.
    fn within(self, length: u32) -> Option<PracticeLoop> {
        (self.from <= length).then(|| PracticeLoop {
            from: self.from,
            to: self.to.min(length),
        })
    }
}

/// The slowest and fastest tempo the lobby offers, in per cent of the scenario's.
pub(crate) const TEMPO_RANGE: (u32, u32) = (50, 100);
/// One step of the tempo keys, in per cent.
pub(crate) const TEMPO_STEP: u32 = 10;

/// Who sits where, tempo, difficulty and the practice loop: the one record of them.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Setup {
    seats: Vec<Seat>,
    tempo_pct: u32,
    difficulty: Difficulty,
    practice: Option<PracticeLoop>,
    /// The seed played, when not the scenario's own ("Play again" with a new one).
    seed: Option<u64>,
    /// The phones' players: names shown on screen (never written to a file) and calibrations.
    phone_players: Vec<PhonePlayer>,
}

/// What the game knows of a phone's player.
#[derive(Debug, Clone, PartialEq)]
struct PhonePlayer {
    phone: PhoneId,
    /// What the player typed.
    name: String,
    /// How late the player taps, ms (the page's tap-along; 0 until calibrated).
    calibration_ms: f64,
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            seats: Vec::new(),
            tempo_pct: TEMPO_RANGE.1,
            difficulty: Difficulty::Normal,
            practice: None,
            seed: None,
            phone_players: Vec::new(),
        }
    }
}

/// A pad that left or came back, as the players should hear of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PadChange {
    /// Unplugged: its department is played by the colleague until it comes back.
    Unplugged {
        /// The pad's number, from 1.
        number: u32,
        /// The department it sat at.
        dept: DeptId,
    },
    /// Back on its seat.
    Back {
        /// The pad's number, from 1.
        number: u32,
        /// The department it sits at again.
        dept: DeptId,
    },
}

impl Setup {
    /// Every seat, by department.
    pub fn seats(&self) -> &[Seat] {
        &self.seats
    }

    /// Who plays department `dept`.
    pub fn seat(&self, dept: DeptId) -> Seat {
        self.seats.get(dept.0).copied().unwrap_or_default()
    }

    /// Whether a person plays department `dept` now.
    pub fn is_person(&self, dept: DeptId) -> bool {
        self.seat(dept).is_person()
    }

    /// Whether anybody plays a seat now (a pad unplugged for the moment does not).
    pub(crate) fn anyone_seated(&self) -> bool {
        self.seats.iter().any(|s| s.is_person())
    }

    /// The tempo, in per cent of the scenario's.
    pub fn tempo_pct(&self) -> u32 {
        self.tempo_pct
    }

    /// The tempo as a factor (0.5–1).
    pub(crate) fn tempo_scale(&self) -> f64 {
        f64::from(self.tempo_pct) / 100.0
    }

    /// The difficulty.
    pub fn difficulty(&self) -> Difficulty {
        self.difficulty
    }

    /// The practice loop, if one is chosen.
    pub fn practice(&self) -> Option<PracticeLoop> {
        self.practice
    }

    /// Fits the setup to a level of `depts` departments and `length` bars: another level (or a
    /// reloaded one with other departments) starts with free seats and no practice loop; the same
    /// level keeps them, the loop kept within the piece.
    pub(super) fn fit(&mut self, depts: usize, length: u32, same_level: bool) {
        if self.seats.len() != depts || !same_level {
            self.seats = vec![Seat::Colleague; depts];
            self.practice = None;
        }
        if !same_level {
            self.seed = None;
        }
        self.practice = self.practice.and_then(|p| p.within(length));
    }

    /// Who sits where, tempo, difficulty and loop, as a replay keeps them; seats named by the
    /// departments of `scenario` (with the player's keys).
    pub(crate) fn replay_setup(&self, departments: &[crate::scenario::Department]) -> ReplaySetup {
        ReplaySetup {
            seats: departments
                .iter()
                .enumerate()
                .map(|(i, d)| SeatRecord {
                    dept: d.id.clone(),
                    who: match self.seat(DeptId(i)) {
                        Seat::Keyboard => Who::Key(d.key.to_owned()),
                        Seat::Pad(p) if p.connected => Who::Gamepad(p.number),
                        // The phone's number, never its player's name.
                        Seat::Phone(p) if p.connected => Who::Phone(format!("{}", p.phone.0 + 1)),
                        // A pad or phone away before the start: the computer plays the seat.
                        Seat::Pad(_) | Seat::Phone(_) | Seat::Colleague => Who::Colleague,
                    },
                })
                .collect(),
            difficulty: self.difficulty.name().to_owned(),
            window_scale: self.difficulty.window_scale(),
            tempo_pct: self.tempo_pct,
            practice: self
                .practice
                .map(|p| crate::scenario::BarRange::new(p.from, p.to)),
        }
    }

    /// The setup of a replay (played back: its seats as the keyboard's, for the stage).
    pub(crate) fn from_replay(setup: &ReplaySetup, seed: u64) -> Setup {
        Setup {
            seats: setup
                .seats
                .iter()
                .map(|s| {
                    if s.who.is_person() {
                        Seat::Keyboard
                    } else {
                        Seat::Colleague
                    }
                })
                .collect(),
            tempo_pct: setup.tempo_pct,
            difficulty: Difficulty::from_name(&setup.difficulty),
            practice: setup.practice.map(|p| PracticeLoop {
                from: p.from_bar,
                to: p.until_bar,
            }),
            seed: Some(seed),
            phone_players: Vec::new(),
        }
    }

    /// The seed to play with, given the scenario's own.
    pub fn seed(&self, scenario_seed: u64) -> u64 {
        self.seed.unwrap_or(scenario_seed)
    }

    /// The next round gets a new seed: the one after `played`.
    pub(super) fn next_seed(&mut self, played: u64) {
        self.seed = Some(played.wrapping_add(1));
    }

    /// A room's round: the host's seed, and the whole piece (no practice loop).
    pub(super) fn play_round(&mut self, seed: u64) {
        self.seed = Some(seed);
        self.practice = None;
    }

    /// Every seat to the colleagues (a demo).
    pub(super) fn seat_nobody(&mut self) {
        self.seats.fill(Seat::Colleague);
    }

    /// The player takes seat `dept` at the keyboard (a level's own seat for the player, see
    /// [`player_seat`]).
    pub(super) fn seat_player(&mut self, dept: DeptId) {
        if let Some(seat) = self.seats.get_mut(dept.0) {
            *seat = Seat::Keyboard;
        }
    }

    /// Whether the seats are those of a one-department level with its seat taken: the key
    /// cannot leave it (nobody would be left to play but the computer).
    fn seat_is_fixed(&self) -> bool {
        self.seats.len() == 1 && self.seats[0].is_person()
    }

    /// The keyboard takes seat `dept`, or leaves it (a pad on it leaves with it; a phone on it is
    /// freed, never taken). The one seat of a one-department level stays taken.
    pub(super) fn toggle_seat(&mut self, dept: DeptId) {
        if self.seat_is_fixed() {
            return;
        }
        if let Some(seat) = self.seats.get_mut(dept.0) {
            if matches!(seat, Seat::Phone(_)) {
                // A key never takes a phone's seat: it frees it (the facilitator's choice), and
                // the phone is told so.
                *seat = Seat::Colleague;
                return;
            }
            // A key on an unplugged pad's seat takes it; on anyone else's, frees it.
            *seat = if seat.is_person() {
                Seat::Colleague
            } else {
                Seat::Keyboard
            };
        }
    }

    /// A pad's seat button: leaves its seat if it has one, else takes the first free seat (none
    /// left: nothing happens).
    pub(super) fn toggle_pad(&mut self, pad: Entity) {
        if let Some(d) = self.pad_dept(pad) {
            self.seats[d.0] = Seat::Colleague;
            return;
        }
        let number = (1..)
            .find(|n| self.pads().all(|(_, p)| p.number != *n))
            .unwrap_or(1);
        if let Some(seat) = self.seats.iter_mut().find(|s| **s == Seat::Colleague) {
            *seat = Seat::Pad(PadSeat {
                pad,
                number,
                connected: true,
            });
        }
    }

    /// A phone takes seat `dept` if nobody sits there (leaving its old seat), or leaves its seat
    /// (`None`); true when it sits on `dept` afterwards.
    pub(super) fn seat_phone(&mut self, phone: PhoneId, dept: Option<DeptId>, name: &str) -> bool {
        self.player_mut(phone).name = name.to_owned();
        let free = dept.is_some_and(|d| self.seats.get(d.0) == Some(&Seat::Colleague));
        if dept.is_some() && !free {
            return self.phone_dept(phone) == dept;
        }
        if let Some(old) = self.phone_dept(phone) {
            self.seats[old.0] = Seat::Colleague;
        }
        if let Some(d) = dept {
            self.seats[d.0] = Seat::Phone(PhoneSeat {
                phone,
                connected: true,
            });
        }
        free
    }

    /// Every phone's seat goes back to the colleague and the phones' names are forgotten (the
    /// phones were turned off); the departments they sat on.
    pub(super) fn unseat_phones(&mut self) -> Vec<DeptId> {
        self.phone_players.clear();
        let mut freed = Vec::new();
        for (d, seat) in self.seats.iter_mut().enumerate() {
            if matches!(seat, Seat::Phone(_)) {
                *seat = Seat::Colleague;
                freed.push(DeptId(d));
            }
        }
        freed
    }

    /// A seated phone went away or came back: its department, if it has a seat.
    pub(super) fn connect_phone(&mut self, phone: PhoneId, connected: bool) -> Option<DeptId> {
        let dept = self.phone_dept(phone)?;
        if let Seat::Phone(p) = &mut self.seats[dept.0] {
            p.connected = connected;
        }
        Some(dept)
    }

    /// The department a phone sits on.
    pub fn phone_dept(&self, phone: PhoneId) -> Option<DeptId> {
        self.seats
            .iter()
            .position(|s| matches!(s, Seat::Phone(p) if p.phone == phone))
            .map(DeptId)
    }

    /// The name a phone's player typed ("" if none is known).
    pub fn phone_name(&self, phone: PhoneId) -> &str {
        self.player(phone).map_or("", |p| p.name.as_str())
    }

    /// How late a phone's player taps, ms (0 until calibrated).
    pub fn phone_calibration(&self, phone: PhoneId) -> f64 {
        self.player(phone).map_or(0.0, |p| p.calibration_ms)
    }

    /// A phone's player calibrated (bounded to ±300 ms, as the page's tap-along is).
    pub(super) fn calibrate_phone(&mut self, phone: PhoneId, ms: f64) {
        let ms = if ms.is_finite() {
            ms.clamp(-300.0, 300.0)
        } else {
            0.0
        };
        self.player_mut(phone).calibration_ms = ms;
    }

    fn player(&self, phone: PhoneId) -> Option<&PhonePlayer> {
        self.phone_players.iter().find(|p| p.phone == phone)
    }

    fn player_mut(&mut self, phone: PhoneId) -> &mut PhonePlayer {
        if let Some(i) = self.phone_players.iter().position(|p| p.phone == phone) {
            return &mut self.phone_players[i];
        }
        self.phone_players.push(PhonePlayer {
            phone,
            name: String::new(),
            calibration_ms: 0.0,
        });
        let last = self.phone_players.len() - 1;
        &mut self.phone_players[last]
    }

    /// How late department `dept`'s presses may reach the simulation and still be judged by
    /// when they were made, ms: a player who hears the music `audio_offset_ms` late presses that
    /// much after the beat (keys and pads); a phone's tap also crosses the network
    /// (`NETWORK_ALLOWANCE_MS` at most, and up to `FRAME_MARGIN_MS` until the game's frame reads
    /// it) and comes from a player who taps its calibration late.
    /// 0 for the colleague's seats.
    pub fn allowance_ms(&self, dept: DeptId, audio_offset_ms: f64) -> f64 {
        let offset = audio_offset_ms.max(0.0);
        match self.seat(dept) {
            Seat::Colleague => 0.0,
            Seat::Keyboard | Seat::Pad(_) => offset,
            Seat::Phone(p) => {
                let player = (audio_offset_ms + self.phone_calibration(p.phone)).max(0.0);
                NETWORK_ALLOWANCE_MS + FRAME_MARGIN_MS + player
            }
        }
    }

    /// The seated phones with their departments.
    pub fn phones(&self) -> impl Iterator<Item = (DeptId, PhoneSeat)> + '_ {
        self.seats.iter().enumerate().filter_map(|(d, s)| match s {
            Seat::Phone(p) => Some((DeptId(d), *p)),
            _ => None,
        })
    }

    /// A seated pad was unplugged or came back; says what changed for whom.
    pub(super) fn connect_pad(&mut self, pad: Entity, connected: bool) -> Option<PadChange> {
        let dept = self.pad_dept(pad)?;
        let Seat::Pad(seat) = &mut self.seats[dept.0] else {
            return None;
        };
        if seat.connected == connected {
            return None;
        }
        seat.connected = connected;
        let number = seat.number;
        Some(if connected {
            PadChange::Back { number, dept }
        } else {
            PadChange::Unplugged { number, dept }
        })
    }

    /// The department a pad sits on.
    fn pad_dept(&self, pad: Entity) -> Option<DeptId> {
        self.pads().find(|(_, p)| p.pad == pad).map(|(d, _)| d)
    }

    /// The seated pads with their departments.
    pub fn pads(&self) -> impl Iterator<Item = (DeptId, PadSeat)> + '_ {
        self.seats.iter().enumerate().filter_map(|(d, s)| match s {
            Seat::Pad(p) => Some((DeptId(d), *p)),
            _ => None,
        })
    }

    /// Tempo one step slower (`-1`) or faster (`1`), within 50–100 %.
    pub(super) fn step_tempo(&mut self, direction: i32) {
        let pct = i64::from(self.tempo_pct) + i64::from(direction) * i64::from(TEMPO_STEP);
        self.tempo_pct = pct.clamp(i64::from(TEMPO_RANGE.0), i64::from(TEMPO_RANGE.1)) as u32;
    }

    /// The next difficulty.
    pub(super) fn cycle_difficulty(&mut self) {
        self.difficulty = self.difficulty.next();
    }

    /// The next practice loop of a piece of `length` bars: off → bars 1–4 → 5–8 → … → off, in
    /// steps of the loop's length (4 bars unless changed).
    pub(super) fn cycle_practice(&mut self, length: u32) {
        let length = length.max(1);
        self.practice = match self.practice {
            None => Some(PracticeLoop {
                from: 1,
                to: 4.min(length),
            }),
            Some(p) => {
                let next = p.from + p.bars();
                (next <= length).then(|| PracticeLoop {
                    from: next,
                    to: (next + p.bars() - 1).min(length),
                })
            }
        };
    }

    /// The practice loop's next length: 2 → 4 → 8 → 2 bars, from the same first bar.
    pub(super) fn cycle_loop_length(&mut self, length: u32) {
        if let Some(p) = self.practice {
            let len = match p.bars() {
                0..=2 => 4,
                3..=4 => 8,
                _ => 2,
            };
            // Near the end of the piece the loop reaches back rather than being cut short.
            let length = length.max(1);
            let from = p.from.min(length.saturating_sub(len - 1).max(1));
            self.practice = Some(PracticeLoop {
                from,
                to: (from + len - 1).min(length),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars(p: Option<PracticeLoop>) -> Option<(u32, u32)> {
        p.map(|p| (p.from, p.to))
    }

    /// Only lateness that is not the player's own choice widens a seat's allowance: an early
    /// player or an early offset never shrinks the network's part, and a colleague's seat has none.
    #[test]
    fn a_seats_allowance_covers_the_audio_offset_calibration_and_network() {
        let mut c = Setup::default();
        c.fit(3, 8, false);
        c.toggle_seat(DeptId(0));
        c.seat_phone(PhoneId(4), Some(DeptId(1)), "Ann");
        assert_eq!(c.allowance_ms(DeptId(0), 80.0), 80.0);
        assert_eq!(c.allowance_ms(DeptId(0), -40.0), 0.0);
        assert_eq!(c.allowance_ms(DeptId(2), 80.0), 0.0);
        let network = NETWORK_ALLOWANCE_MS + FRAME_MARGIN_MS;
        assert_eq!(c.allowance_ms(DeptId(1), 0.0), network);
        c.calibrate_phone(PhoneId(4), 150.0);
        assert_eq!(c.allowance_ms(DeptId(1), 80.0), network + 230.0);
        c.calibrate_phone(PhoneId(4), -100.0);
        assert_eq!(c.allowance_ms(DeptId(1), 0.0), network);
        c.calibrate_phone(PhoneId(4), f64::NAN);
        assert_eq!(c.phone_calibration(PhoneId(4)), 0.0);
        assert_eq!(
            c.phone_name(PhoneId(4)),
            "Ann",
            "the name stays with the calibration"
        );
    }

    #[test]
    fn the_practice_loop_walks_the_piece_and_its_length_reaches_back_at_the_end() {
        let mut c = Setup::default();
        let mut seen = Vec::new();
        for _ in 0..6 {
            c.cycle_practice(18);
            seen.push(bars(c.practice));
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
        c.practice = Some(PracticeLoop { from: 17, to: 18 });
        c.cycle_loop_length(18);
        assert_eq!(
            bars(c.practice),
            Some((15, 18)),
            "4 bars, ending on the last bar"
        );
        c.cycle_loop_length(18);
        assert_eq!(bars(c.practice), Some((11, 18)), "8 bars");
        c.cycle_loop_length(18);
        assert_eq!(bars(c.practice), Some((11, 12)), "2 bars");
        c.practice = Some(PracticeLoop { from: 1, to: 2 });
        c.cycle_loop_length(3);
        assert_eq!(
            bars(c.practice),
            Some((1, 3)),
            "a piece shorter than the loop: all of it"
        );
    }

    #[test]
    fn the_tempo_stays_between_half_and_full_speed() {
        let mut s = Setup::default();
        s.step_tempo(1);
        assert_eq!(s.tempo_pct(), 100);
        for _ in 0..10 {
            s.step_tempo(-1);
        }
        assert_eq!(s.tempo_pct(), 50);
    }

    #[test]
    fn a_pad_takes_the_first_free_seat_and_a_key_on_an_unplugged_pads_seat_takes_it() {
        let mut s = Setup::default();
        s.fit(3, 8, false);
        s.toggle_seat(DeptId(0));
        let pad = Entity::from_raw_u32(7).unwrap();
        s.toggle_pad(pad);
        assert_eq!(s.pad_dept(pad), Some(DeptId(1)));
        assert!(s.is_person(DeptId(1)));
        assert_eq!(
            s.connect_pad(pad, false),
            Some(PadChange::Unplugged {
                number: 1,
                dept: DeptId(1)
            })
        );
        assert!(
            !s.is_person(DeptId(1)),
            "the colleague plays an unplugged pad's seat"
        );
        assert!(s.anyone_seated());
        s.toggle_seat(DeptId(1));
        assert_eq!(
            s.pad_dept(pad),
            None,
            "the key took the unplugged pad's seat"
        );
        assert_eq!(s.seat(DeptId(1)), Seat::Keyboard);
    }
}
