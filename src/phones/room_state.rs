//! The room as the server keeps it between its connections: every phone that joined (its name,
//! token and live connection), the rules of joining, and the gates a seat request passes (seating
//! open, not too often) before it goes on to the game as a [`PhoneEvent`]. Who sits where is the
//! game's alone: it decides each request and the room relays its answer ([`Room::tell_seat`],
//! [`Room::set_seats`]) to the phones as [`ServerMsg`]s, keeping only what a phone coming back is
//! welcomed with.

use std::sync::mpsc::Sender;

use super::protocol::{PROTOCOL_VERSION, PhoneId, SeatInfo, ServerMsg, clean_name};
use super::room::{RateLimit, RoomCode, SeatToken};
use super::vote::{Ballot, VoteCounts, VoteQuestion, VoteRefusal};

/// Seat changes (take a seat, join the audience) a phone may ask for a second, and at once: a
/// person trying seats is never held back, a phone toggling seats in a loop is refused.
const SEAT_CHANGES_PER_SEC: f64 = 0.5;
const SEAT_CHANGES_BURST: f64 = 4.0;

/// What happened among the phones, for the game.
#[derive(Debug, Clone, PartialEq)]
pub enum PhoneEvent {
    /// A new phone joined (in the audience until it takes a seat).
    Joined {
        /// The phone's number.
        phone: PhoneId,
        /// What its player typed.
        name: String,
    },
    /// A phone asks for seat `dept` (its player's name with it): the game gives it or refuses it.
    SeatWanted {
        /// The phone's number.
        phone: PhoneId,
        /// The department's index on the score.
        dept: usize,
        /// What its player typed.
        name: String,
    },
    /// A phone asks to leave its seat for the audience.
    SeatLeft {
        /// The phone's number.
        phone: PhoneId,
    },
    /// A phone's tap calibration was set: its player taps `ms` late (bounded to ±300 ms).
    Calibrated {
        /// The phone's number.
        phone: PhoneId,
        /// How many ms late its player taps.
        ms: f64,
    },
    /// A phone lost its connection (locked, out of Wi-Fi); its seat, if any, is kept.
    Away {
        /// The phone's number.
        phone: PhoneId,
    },
    /// A phone came back with its token.
    Back {
        /// The phone's number.
        phone: PhoneId,
    },
    /// A phone tapped at game time `at_ms` (its stamp through its clock offset, never after
    /// `received_ms`; its calibration is the game's to add); the tap reached the game at
    /// `received_ms`. The game plays it on the phone's seat, if it gave it one.
    Tap {
        /// The phone's number.
        phone: PhoneId,
        /// The tap on the game's clock, ms.
        at_ms: f64,
        /// When the tap reached the game, ms.
        received_ms: f64,
    },
}

/// One phone that joined, as the game and the lobby see it.
#[derive(Debug, Clone, PartialEq)]
pub struct PhoneInfo {
    /// The phone's number.
    pub phone: PhoneId,
    /// What its player typed (shown on screen only).
    pub name: String,
    /// False while it is away (locked, out of Wi-Fi).
    pub connected: bool,
}

/// Why a `hello` was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Another protocol version, or no whole number.
    Version,
    /// The wrong room code.
    Room,
    /// No visible name left.
    Name,
    /// The room has no place left.
    Full,
    /// The room takes no new phones now.
    Closed,
    /// The address sent too many wrong room codes lately.
    Wait,
}

impl Refusal {
    /// The reason as the phone reads it.
    pub fn reason(self) -> &'static str {
        match self {
            Refusal::Version => "version",
            Refusal::Room => "room",
            Refusal::Name => "name",
            Refusal::Full => "full",
            Refusal::Closed => "closed",
            Refusal::Wait => "wait",
        }
    }
}

/// One phone that joined.
#[derive(Debug)]
struct Entry {
    name: String,
    token: SeatToken,
    /// The seat the game last told it it plays: what it is welcomed with when it comes back.
    told: Option<usize>,
    /// Its seat changes (kept with the phone, so a new connection does not refill it).
    seat_changes: RateLimit,
    /// Its live connection: a serial number and where its messages go.
    conn: Option<(u64, Sender<ServerMsg>)>,
}

/// The room shared by the server's threads (behind a mutex).
#[derive(Debug)]
pub struct Room {
    pub(super) code: RoomCode,
    joining: bool,
    /// Whether phones may take and leave seats (the game opens it only in its lobby).
    seating: bool,
    max_phones: usize,
    lang: String,
    /// The seats as the game last showed them (who sits where filled in by the game).
    seats: Vec<SeatInfo>,
    phones: Vec<Entry>,
    events: Sender<PhoneEvent>,
    /// The debrief's vote, open or last closed.
    ballot: Option<Ballot>,
}

impl Room {
    /// An empty room with joining open.
    pub fn new(code: RoomCode, max_phones: usize, lang: &str, events: Sender<PhoneEvent>) -> Room {
        Room {
            code,
            joining: true,
            seating: true,
            max_phones,
            lang: lang.to_string(),
            seats: Vec::new(),
            phones: Vec::new(),
            events,
            ballot: None,
        }
    }

    fn emit(&self, e: PhoneEvent) {
        let _ = self.events.send(e);
    }

    /// Tells the game that `phone` tapped at game time `at_ms`, received at `received_ms`.
    pub fn tap(&self, phone: PhoneId, at_ms: f64, received_ms: f64) {
        self.emit(PhoneEvent::Tap {
            phone,
            at_ms,
            received_ms,
        });
    }

    fn send(&self, phone: PhoneId, msg: ServerMsg) {
        if let Some((_, tx)) = self.entry(phone).and_then(|e| e.conn.as_ref()) {
            let _ = tx.send(msg);
        }
    }

    fn entry(&self, phone: PhoneId) -> Option<&Entry> {
        self.phones.get(phone.0 as usize)
    }

    /// Handles a `hello` on connection `conn`: a new phone, or one back with its token.
    pub fn hello(
        &mut self,
        v: u32,
        room: &str,
        name: &str,
        token: Option<&str>,
        conn: (u64, Sender<ServerMsg>),
    ) -> Result<PhoneId, Refusal> {
        if v != PROTOCOL_VERSION {
            return Err(Refusal::Version);
        }
        if !self.code.matches(room) {
            return Err(Refusal::Room);
        }
        let back = token.and_then(|t| self.phones.iter().position(|e| e.token.as_str() == t));
        let phone = match back {
            Some(i) => self.come_back(PhoneId(i as u32), conn),
            None => self.join(name, conn)?,
        };
        let entry = &self.phones[phone.0 as usize];
        self.send(
            phone,
            ServerMsg::Welcome {
                v: PROTOCOL_VERSION,
                phone,
                token: entry.token.as_str().to_string(),
                seat: entry.told,
                lang: self.lang.clone(),
            },
        );
        self.send(phone, self.seats_msg());
        self.send(phone, ServerMsg::Seating { open: self.seating });
        if let Some(b) = self.ballot.as_ref().filter(|b| b.is_open()) {
            self.send(phone, b.message(phone));
        }
        Ok(phone)
    }

    /// A new phone: refused when joining is closed or the room holds `max_phones` already
    /// (counting away phones, which keep their seat token; one coming back is never refused).
    fn join(&mut self, name: &str, conn: (u64, Sender<ServerMsg>)) -> Result<PhoneId, Refusal> {
        if !self.joining {
            return Err(Refusal::Closed);
        }
        if self.phones.len() >= self.max_phones {
            return Err(Refusal::Full);
        }
        let name = clean_name(name).ok_or(Refusal::Name)?;
        let phone = PhoneId(self.phones.len() as u32);
        self.phones.push(Entry {
            name: name.clone(),
            token: SeatToken::random(),
            told: None,
            seat_changes: RateLimit::new(SEAT_CHANGES_PER_SEC, SEAT_CHANGES_BURST, 0.0),
            conn: Some(conn),
        });
        self.emit(PhoneEvent::Joined { phone, name });
        Ok(phone)
    }

    fn come_back(&mut self, phone: PhoneId, conn: (u64, Sender<ServerMsg>)) -> PhoneId {
        let entry = &mut self.phones[phone.0 as usize];
        let was_away = entry.conn.is_none();
        entry.conn = Some(conn);
        if was_away {
            self.emit(PhoneEvent::Back { phone });
        }
        phone
    }

    /// Connection `serial` of `phone` ended: the phone is away (unless it already came back on
    /// another connection).
    pub fn gone(&mut self, phone: PhoneId, serial: u64) {
        let Some(entry) = self.phones.get_mut(phone.0 as usize) else {
            return;
        };
        if entry.conn.as_ref().is_some_and(|(s, _)| *s == serial) {
            entry.conn = None;
            self.emit(PhoneEvent::Away { phone });
        }
    }

    /// Whether `serial` is still `phone`'s live connection.
    pub(crate) fn is_current(&self, phone: PhoneId, serial: u64) -> bool {
        self.entry(phone)
            .and_then(|e| e.conn.as_ref())
            .is_some_and(|(s, _)| *s == serial)
    }

    /// Refuses a seat request at `now_ms` while seating is closed, or when the phone asks too
    /// often ([`SEAT_CHANGES_PER_SEC`]); true when it was refused (and nothing changes).
    fn seat_request_refused(&mut self, phone: PhoneId, now_ms: f64) -> bool {
        let reason = if !self.seating {
            "seating_closed"
        } else if !self
            .phones
            .get_mut(phone.0 as usize)
            .is_some_and(|e| e.seat_changes.allow(now_ms))
        {
            "too_fast"
        } else {
            return false;
        };
        let reason = reason.to_owned();
        self.send(phone, ServerMsg::Refused { reason });
        true
    }

    /// `phone` asks at `now_ms` for seat `dept`: passed on to the game when seating is open and
    /// the phone has not asked too often (the game gives the seat or refuses it).
    pub(crate) fn want_seat(&mut self, phone: PhoneId, dept: usize, now_ms: f64) {
        if self.seat_request_refused(phone, now_ms) {
            return;
        }
        let name = self.phones[phone.0 as usize].name.clone();
        self.emit(PhoneEvent::SeatWanted { phone, dept, name });
    }

    /// `phone` asks at `now_ms` to leave its seat for the audience: passed on to the game while
    /// seating is open and the phone has not asked too often.
    pub(crate) fn leave_seat(&mut self, phone: PhoneId, now_ms: f64) {
        if !self.seat_request_refused(phone, now_ms) {
            self.emit(PhoneEvent::SeatLeft { phone });
        }
    }

    /// The game tells `phone` the seat it plays now (`None`: the audience). Nothing is sent when
    /// it is the seat the phone was told last; a phone moved is told it left its old seat first.
    /// Kept for the phone's welcome when it comes back.
    pub fn tell_seat(&mut self, phone: PhoneId, seat: Option<usize>) {
        let Some(entry) = self.phones.get_mut(phone.0 as usize) else {
            return;
        };
        if entry.told == seat {
            return;
        }
        let was_seated = std::mem::replace(&mut entry.told, seat).is_some();
        if was_seated {
            self.send(phone, ServerMsg::Unseated);
        }
        if let Some(dept) = seat {
            self.send(phone, ServerMsg::Seated { dept });
        }
    }

    /// `phone`'s tap calibration at `now_ms`, bounded to ±300 ms, for the game (which keeps it
    /// with the phone's name: a phone back with its token keeps its number, so its calibration
    /// too). Like a seat change, only in the lobby and not too often: a piece's allowance is fixed
    /// when it starts, and a flood of calibrations would make the game offer its seats again and
    /// again.
    pub(crate) fn set_calibration(&mut self, phone: PhoneId, ms: f64, now_ms: f64) {
        if self.entry(phone).is_none() || self.seat_request_refused(phone, now_ms) {
            return;
        }
        let ms = ms.clamp(-300.0, 300.0);
        self.emit(PhoneEvent::Calibrated { phone, ms });
    }

    /// The seats as the game shows them, who sits where filled in; the phones hear of them only
    /// when they changed.
    pub fn set_seats(&mut self, seats: Vec<SeatInfo>) {
        if self.seats != seats {
            self.seats = seats;
            self.broadcast_seats();
        }
    }

    /// Opens or closes joining (phones with a token still come back).
    pub fn set_joining(&mut self, open: bool) {
        self.joining = open;
    }

    /// Opens or closes seating (the game opens it in its lobby); the phones are told.
    pub fn set_seating(&mut self, open: bool) {
        if self.seating == open {
            return;
        }
        self.seating = open;
        for (_, tx) in self.phones.iter().filter_map(|e| e.conn.as_ref()) {
            let _ = tx.send(ServerMsg::Seating { open });
        }
    }

    /// Whether phones may take and leave seats.
    pub fn seating(&self) -> bool {
        self.seating
    }

    /// Whether new phones may join.
    pub fn joining(&self) -> bool {
        self.joining
    }

    /// Sends `msg` to `phone` if it is connected.
    pub(crate) fn send_to(&self, phone: PhoneId, msg: ServerMsg) {
        self.send(phone, msg);
    }

    /// Every phone that joined: its name, seat and whether it is connected.
    pub fn phones(&self) -> Vec<PhoneInfo> {
        self.phones
            .iter()
            .enumerate()
            .map(|(i, e)| PhoneInfo {
                phone: PhoneId(i as u32),
                name: e.name.clone(),
                connected: e.conn.is_some(),
            })
            .collect()
    }

    /// Opens a vote on `question` and shows it to every phone. A vote of the same id as the last
    /// one is opened again with its choices; another starts from none.
    pub fn open_vote(&mut self, question: VoteQuestion) {
        match &mut self.ballot {
            Some(b) if b.question().id == question.id => {
                if b.is_open() {
                    return;
                }
                b.set_open(true);
            }
            _ => self.ballot = Some(Ballot::new(question)),
        }
        if let Some(b) = &self.ballot {
            for (i, e) in self.phones.iter().enumerate() {
                if let Some((_, tx)) = &e.conn {
                    let _ = tx.send(b.message(PhoneId(i as u32)));
                }
            }
        }
    }

    /// Closes the vote, if one is open (its counts stay); the phones are told.
    pub fn close_vote(&mut self) {
        let Some(b) = self.ballot.as_mut().filter(|b| b.is_open()) else {
            return;
        };
        b.set_open(false);
        for (_, tx) in self.phones.iter().filter_map(|e| e.conn.as_ref()) {
            let _ = tx.send(ServerMsg::VoteClosed);
        }
    }

    /// `phone` (joined) chooses `option` in the open vote; a refused vote changes nothing and the
    /// phone is told why.
    pub fn vote(&mut self, phone: PhoneId, option: usize) -> Result<(), VoteRefusal> {
        let joined = self.entry(phone).is_some();
        let result = match &mut self.ballot {
            Some(b) if joined => b.cast(phone, option),
            _ => Err(VoteRefusal::Closed),
        };
        let msg = match result {
            Ok(()) => ServerMsg::Voted { option },
            Err(r) => ServerMsg::Refused {
                reason: r.reason().into(),
            },
        };
        self.send(phone, msg);
        result
    }

    /// The counts of the vote open or last closed, if there was one.
    pub fn vote_counts(&self) -> Option<VoteCounts> {
        self.ballot.as_ref().map(Ballot::counts)
    }

    fn seats_msg(&self) -> ServerMsg {
        ServerMsg::Seats {
            seats: self.seats.clone(),
        }
    }

    fn broadcast_seats(&self) {
        let msg = self.seats_msg();
        for (_, tx) in self.phones.iter().filter_map(|e| e.conn.as_ref()) {
            let _ = tx.send(msg.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::*;

    fn seat(d: usize) -> SeatInfo {
        SeatInfo {
            dept: d,
            name: format!("D{d}"),
            instrument: "cello".into(),
            colour: "#000000".into(),
            shape: "circle".into(),
            taken_by: None,
        }
    }

    /// While seating is closed a request never reaches the game; the game's answers reach the
    /// phone, each once, and the phone is welcomed back with the last.
    #[test]
    fn closed_seating_refuses_and_the_games_answer_is_relayed() {
        let (mut room, game, msgs, p) = room_with_ann();
        let token = msgs.try_iter().find_map(|m| match m {
            ServerMsg::Welcome { token, .. } => Some(token),
            _ => None,
        });
        room.want_seat(p, 0, 0.0);
        let wanted = PhoneEvent::SeatWanted {
            phone: p,
            dept: 0,
            name: "Ann".into(),
        };
        assert_eq!(game.try_iter().last(), Some(wanted));
        room.set_seating(false);
        room.want_seat(p, 1, 0.0);
        room.leave_seat(p, 0.0);
        assert_eq!(game.try_iter().count(), 0, "nothing reaches the game");
        let refused = msgs
            .try_iter()
            .filter(|m| matches!(m, ServerMsg::Refused { reason } if reason == "seating_closed"))
            .count();
        assert_eq!(refused, 2);
        for seat in [Some(0), Some(0), Some(1), None, Some(1)] {
            room.tell_seat(p, seat);
        }
        use ServerMsg::{Seated, Unseated};
        let told = [Seated { dept: 0 }, Unseated, Seated { dept: 1 }, Unseated];
        assert_eq!(msgs.try_iter().collect::<Vec<_>>()[..4], told);
        let (tx, again) = mpsc::channel();
        let code = room.code.clone();
        room.hello(
            PROTOCOL_VERSION,
            code.as_str(),
            "",
            token.as_deref(),
            (2, tx),
        )
        .unwrap();
        assert!(matches!(
            again.try_iter().next(),
            Some(ServerMsg::Welcome { seat: Some(1), .. })
        ));
    }

    /// A room of two seats and Ann, joined: the room, what the game hears, what Ann is sent.
    fn room_with_ann() -> (
        Room,
        mpsc::Receiver<PhoneEvent>,
        mpsc::Receiver<ServerMsg>,
        PhoneId,
    ) {
        let (events, game) = mpsc::channel();
        let code = RoomCode::from_rng(
            &mut <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(3),
        );
        let mut room = Room::new(code.clone(), 4, "en", events);
        room.set_seats(vec![seat(0), seat(1)]);
        let (tx, msgs) = mpsc::channel();
        let p = room
            .hello(PROTOCOL_VERSION, &code.to_string(), "Ann", None, (1, tx))
            .unwrap();
        (room, game, msgs, p)
    }

    /// A calibration counts only in the lobby and not too often: a flood of them neither
    /// reaches the game nor makes the room send its seats to every phone again.
    #[test]
    fn calibrations_are_for_the_lobby_and_limited() {
        let (mut room, game, msgs, p) = room_with_ann();
        for _ in 0..200 {
            room.set_calibration(p, 120.0, 10.0);
        }
        let heard = |game: &mpsc::Receiver<PhoneEvent>| {
            game.try_iter()
                .filter(|e| matches!(e, PhoneEvent::Calibrated { .. }))
                .count()
        };
        assert_eq!(heard(&game), SEAT_CHANGES_BURST as usize);
        let _ = msgs.try_iter().count();
        room.set_seats(vec![seat(0), seat(1)]);
        assert_eq!(
            msgs.try_iter().count(),
            0,
            "the same seats are not sent again"
        );
        room.set_seating(false);
        room.set_calibration(p, 120.0, 1e9);
        assert_eq!(heard(&game), 0, "not during a piece");
    }

    /// A phone toggling seats in a loop is refused after a few changes, which never reach the
    /// game; a change later reaches it again.
    #[test]
    fn seat_changes_are_limited() {
        let (mut room, game, msgs, p) = room_with_ann();
        for i in 0..50 {
            if i % 2 == 0 {
                room.want_seat(p, i / 2 % 2, 10.0);
            } else {
                room.leave_seat(p, 10.0);
            }
        }
        let seated = game
            .try_iter()
            .filter(|e| matches!(e, PhoneEvent::SeatWanted { .. }))
            .count();
        assert_eq!(seated, SEAT_CHANGES_BURST as usize / 2);
        let too_fast = msgs
            .try_iter()
            .filter(|m| matches!(m, ServerMsg::Refused { reason } if reason == "too_fast"))
            .count();
        assert_eq!(too_fast, 50 - SEAT_CHANGES_BURST as usize);
        room.want_seat(p, 1, 10.0 + 1000.0 / SEAT_CHANGES_PER_SEC);
        assert!(matches!(
            game.try_iter().last(),
            Some(PhoneEvent::SeatWanted { dept: 1, .. })
        ));
    }

    fn question(id: u64) -> VoteQuestion {
        VoteQuestion {
            id,
            question: String::new(),
            call: "Call the customer back".into(),
            case: "Wrong bill".into(),
            options: ["IT", "Customer service", "Nobody's job"]
                .iter()
                .enumerate()
                .map(|(d, n)| super::super::protocol::VoteOption {
                    dept: (d < 2).then_some(d),
                    name: (*n).into(),
                    colour: "#000000".into(),
                    shape: "circle".into(),
                })
                .collect(),
        }
    }

    /// A room with seats and `n` joined phones, and what each phone was sent.
    fn room_with(n: usize) -> (Room, Vec<mpsc::Receiver<ServerMsg>>) {
        let (events, _) = mpsc::channel();
        let code = RoomCode::from_rng(
            &mut <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(3),
        );
        let mut room = Room::new(code.clone(), 8, "en", events);
        room.set_seats(vec![seat(0), seat(1)]);
        let mut inboxes = Vec::new();
        for i in 0..n {
            let (tx, msgs) = mpsc::channel();
            room.hello(PROTOCOL_VERSION, code.as_str(), "Ann", None, (i as u64, tx))
                .unwrap();
            inboxes.push(msgs);
        }
        (room, inboxes)
    }

    fn counts(room: &Room) -> Vec<u32> {
        room.vote_counts().map(|c| c.counts).unwrap_or_default()
    }

    #[test]
    fn a_vote_is_counted_once_a_phone_and_may_change() {
        let (mut room, inboxes) = room_with(3);
        let (a, b, c) = (PhoneId(0), PhoneId(1), PhoneId(2));
        // No vote open: refused, nothing counted.
        assert_eq!(room.vote(a, 0), Err(VoteRefusal::Closed));
        assert_eq!(room.vote_counts(), None);
        room.open_vote(question(5));
        for inbox in &inboxes {
            let shown = inbox
                .try_iter()
                .find(|m| matches!(m, ServerMsg::Vote { .. }));
            assert!(
                matches!(&shown, Some(ServerMsg::Vote { id: 5, options, chosen: None, .. }) if options.len() == 3),
                "{shown:?}"
            );
        }
        assert_eq!(room.vote(a, 0), Ok(()));
        assert_eq!(room.vote(b, 0), Ok(()));
        assert_eq!(room.vote(b, 2), Ok(()), "a phone may change its vote");
        assert_eq!(room.vote(c, 3), Err(VoteRefusal::Option));
        assert_eq!(
            room.vote(PhoneId(9), 1),
            Err(VoteRefusal::Closed),
            "not joined"
        );
        assert_eq!(counts(&room), vec![1, 0, 1]);
        assert!(
            inboxes[1]
                .try_iter()
                .any(|m| m == ServerMsg::Voted { option: 2 })
        );
        assert!(
            inboxes[2]
                .try_iter()
                .any(|m| matches!(m, ServerMsg::Refused { reason } if reason == "vote_option"))
        );
    }

    #[test]
    fn a_closed_vote_refuses_keeps_its_counts_and_opens_again_by_id() {
        let (mut room, inboxes) = room_with(2);
        let (a, b) = (PhoneId(0), PhoneId(1));
        room.open_vote(question(5));
        room.vote(a, 1).unwrap();
        room.close_vote();
        assert!(inboxes[1].try_iter().any(|m| m == ServerMsg::VoteClosed));
        assert_eq!(room.vote(b, 1), Err(VoteRefusal::Closed));
        let closed = room.vote_counts().unwrap();
        assert_eq!((closed.counts, closed.open), (vec![0, 1, 0], false));
        // The same debrief again: its votes stand, and a phone sees its own choice.
        room.open_vote(question(5));
        assert!(inboxes[0].try_iter().any(|m| matches!(
            m,
            ServerMsg::Vote {
                chosen: Some(1),
                ..
            }
        )));
        assert_eq!(counts(&room), vec![0, 1, 0]);
        // A new performance's vote starts from nothing.
        room.open_vote(question(6));
        assert_eq!(counts(&room), vec![0, 0, 0]);
        // A phone coming in while it is open is shown it.
        let (tx, late) = mpsc::channel();
        let code = room.code.clone();
        room.hello(PROTOCOL_VERSION, code.as_str(), "Bo", None, (9, tx))
            .unwrap();
        assert!(
            late.try_iter()
                .any(|m| matches!(m, ServerMsg::Vote { id: 6, .. }))
        );
    }
}
