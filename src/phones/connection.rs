//! One phone's WebSocket: its messages read as they come, the game's messages and clock pings
//! written between them, until it closes, misbehaves, falls silent, is replaced by the phone's
//! newer connection, or the server stops. Then the phone is away and its seat waits for it.

use std::io;
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

use tungstenite::{Message, WebSocket};

use super::clock::{ClockEstimator, Sample};
use super::protocol::{self, ClientMsg, MAX_MESSAGE_BYTES, PhoneId, ServerMsg};
use super::room::RateLimit;
use super::room_state::Refusal;
use super::shared::Handle;
use super::stream::Prefixed;

/// Pings sent quickly after joining, so the clock is known within a second or two.
const QUICK_PINGS: u32 = 20;
/// Between the quick pings, ms.
const QUICK_PING_MS: f64 = 100.0;
/// Between later pings (the estimate follows the clock during play), ms.
const PING_MS: f64 = 1000.0;
/// How long a connection may stay without saying hello, ms.
const HELLO_WITHIN_MS: f64 = 10_000.0;
/// How long a joined phone may stay silent, ms: it answers a ping every second, so this long
/// without a word means it is gone (out of Wi-Fi, or a locked phone whose page is frozen while its
/// socket still looks open). The connection ends and the phone is away; its seat waits for it.
pub const QUIET_MS: f64 = 4_000.0;

/// Whether a read or write error only means nothing came (or went) in time, or a signal
/// interrupted it (the process was stopped and continued: the socket's timeout makes the call
/// return `EINTR`). The stream tries an interrupted call again itself; this is the second line.
fn is_timeout(e: &tungstenite::Error) -> bool {
    matches!(e, tungstenite::Error::Io(io) if matches!(
        io.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut | io::ErrorKind::Interrupted
    ))
}

/// A connection's work and, once it said hello, its phone: told away when the connection ends
/// however it ends (a panic too), so a phone never stays "connected" with nobody behind it.
struct Live<'a, 'h> {
    conn: Conn,
    h: &'a Handle<'h>,
}

impl Drop for Live<'_, '_> {
    fn drop(&mut self) {
        if let Some(p) = self.conn.phone {
            self.h.room().gone(p, self.conn.serial);
        }
    }
}

/// Runs a phone's connection to its end.
pub(super) fn run(mut ws: PhoneSocket, h: Handle<'_>) -> io::Result<()> {
    ws.get_mut()
        .inner
        .set_read_timeout(Some(Duration::from_millis(10)))?;
    let (tx, rx) = mpsc::channel();
    let serial = h.id;
    let opened = h.now_ms();
    let mut live = Live {
        conn: Conn::new(serial, opened, tx),
        h: &h,
    };
    let conn = &mut live.conn;
    let mut pings = 0u32;
    let mut next_ping = opened;
    let mut heard = opened;
    while !h.stopped() {
        match ws.read() {
            Ok(msg) => {
                heard = h.now_ms();
                if !conn.frame_in(msg, heard, &h) {
                    break;
                }
            }
            Err(e) if is_timeout(&e) => {}
            Err(_) => break,
        }
        let now = h.now_ms();
        let replaced = conn.phone.is_some_and(|p| !h.room().is_current(p, serial));
        let silent = match conn.phone {
            None => now - opened > HELLO_WITHIN_MS,
            Some(_) => now - heard > QUIET_MS,
        };
        if conn.refuse_count_exceeded() || replaced || silent {
            break;
        }
        if conn.phone.is_some() && now >= next_ping {
            let _ = conn.tx.send(ServerMsg::Ping { s: now });
            pings += 1;
            next_ping = now
                + if pings < QUICK_PINGS {
                    QUICK_PING_MS
                } else {
                    PING_MS
                };
        }
        if !write_pending(&mut ws, &rx) {
            break;
        }
    }
    let _ = ws.close(None);
    let _ = ws.flush();
    drop(live);
    Ok(())
}

/// Writes the messages waiting for the phone (a ping is written in the same turn it is stamped);
/// false when the connection failed.
fn write_pending(ws: &mut PhoneSocket, rx: &mpsc::Receiver<ServerMsg>) -> bool {
    let mut wrote = false;
    for msg in rx.try_iter() {
        wrote = true;
        if let Err(e) = ws.write(Conn::frame(&msg))
            && !is_timeout(&e)
        {
            return false;
        }
    }
    if wrote && let Err(e) = ws.flush() {
        return is_timeout(&e);
    }
    true
}

/// Frames a connection may send a second, and at once: every frame counts (text, binary, and the
/// WebSocket's own ping, pong and close).
const RATE_PER_SEC: f64 = 40.0;
const RATE_BURST: f64 = 80.0;

/// Refused messages after which a connection is closed.
const MAX_REFUSED: u32 = 200;

/// The per-connection work, kept apart from the sockets so it reads as the protocol.
struct Conn {
    serial: u64,
    phone: Option<PhoneId>,
    clock: ClockEstimator,
    limit: RateLimit,
    refused: u32,
    tx: Sender<ServerMsg>,
}

impl Conn {
    fn new(serial: u64, now_ms: f64, tx: Sender<ServerMsg>) -> Conn {
        Conn {
            serial,
            phone: None,
            clock: ClockEstimator::new(),
            limit: RateLimit::new(RATE_PER_SEC, RATE_BURST, now_ms),
            refused: 0,
            tx,
        }
    }

    /// Whether the connection has sent too many refused messages (it is closed).
    fn refuse_count_exceeded(&self) -> bool {
        self.refused > MAX_REFUSED
    }

    /// Takes in one frame of any kind at game time `now`; false when the phone closed. Every frame
    /// counts against the rate limit first (control frames too: a flood of pings is refused and
    /// closes the connection like any other).
    fn frame_in(&mut self, msg: Message, now: f64, h: &Handle<'_>) -> bool {
        let closing = matches!(msg, Message::Close(_));
        if !self.limit.allow(now) {
            self.refused += 1;
            return !closing;
        }
        match msg {
            Message::Text(t) => self.handle(t.as_str(), now, h),
            Message::Binary(b) => self.refuse(protocol::ParseError::Invalid, b.len()),
            _ => {}
        }
        !closing
    }

    /// Refuses a message of `len` bytes: one too long is answered `too_long` (whatever it held),
    /// a `hello` the server cannot read is answered before joining; nothing else is.
    fn refuse(&mut self, error: protocol::ParseError, len: usize) {
        self.refused += 1;
        let error = if len > MAX_MESSAGE_BYTES {
            protocol::ParseError::TooLong
        } else {
            error
        };
        let answered = match error {
            protocol::ParseError::TooLong => true,
            protocol::ParseError::Version | protocol::ParseError::Hello => self.phone.is_none(),
            protocol::ParseError::Invalid => false,
        };
        if let Some(reason) = error.reason().filter(|_| answered) {
            let reason = reason.to_owned();
            let _ = self.tx.send(ServerMsg::Refused { reason });
        }
    }

    /// Handles one text message at game time `now` (already counted against the rate limit).
    fn handle(&mut self, text: &str, now: f64, h: &Handle<'_>) {
        let msg = match protocol::parse(text) {
            Ok(msg) => msg,
            Err(e) => return self.refuse(e, text.len()),
        };
        match (self.phone, msg) {
            (
                None,
                ClientMsg::Hello {
                    v,
                    room,
                    name,
                    token,
                },
            ) => self.hello(v, &room, &name, token.as_deref(), now, h),
            (Some(p), msg) => self.handle_joined(p, msg, now, h),
            (None, _) => self.refused += 1,
        }
    }

    /// A `hello`: refused at once from an address that sent too many wrong room codes lately;
    /// a wrong code is counted against the address.
    fn hello(
        &mut self,
        v: u32,
        room: &str,
        name: &str,
        token: Option<&str>,
        now: f64,
        h: &Handle<'_>,
    ) {
        let waiting = h.wrong_codes().refused(h.ip, now);
        let answer = if waiting {
            Err(Refusal::Wait)
        } else {
            let conn = (self.serial, self.tx.clone());
            h.room().hello(v, room, name, token, conn)
        };
        match answer {
            Ok(p) => {
                h.wrong_codes().right(h.ip);
                self.phone = Some(p);
                h.joined();
            }
            Err(r) => {
                if r == Refusal::Room {
                    h.wrong_codes().wrong(h.ip, now);
                }
                let _ = self.tx.send(ServerMsg::Refused {
                    reason: r.reason().into(),
                });
                self.refused += 1;
            }
        }
    }

    fn handle_joined(&mut self, phone: PhoneId, msg: ClientMsg, now: f64, h: &Handle<'_>) {
        match msg {
            ClientMsg::Seat { dept } => h.room().want_seat(phone, dept, now),
            ClientMsg::Audience => h.room().leave_seat(phone, now),
            ClientMsg::Pong { s, p } => {
                if let Some(sample) = Sample::new(s, p, now).filter(|_| s <= now) {
                    self.clock.add(sample);
                }
            }
            ClientMsg::Calibrate { ms } => h.room().set_calibration(phone, ms, now),
            ClientMsg::Tap { t } => self.tap(phone, t, now, h),
            ClientMsg::Vote { option } => {
                if h.room().vote(phone, option).is_err() {
                    self.refused += 1;
                }
            }
            ClientMsg::Hello { .. } => self.refused += 1,
        }
    }

    fn tap(&mut self, phone: PhoneId, t: f64, now: f64, h: &Handle<'_>) {
        // The stamp through the clock offset only (the game adds the phone's calibration): a
        // stamp from the future is a wrong clock and counts as now, so that `received − stamp`
        // is the network's part alone.
        let at_ms = self.clock.to_game(t).unwrap_or(now).min(now);
        h.room().tap(phone, at_ms, now);
    }

    /// The message to send as a WebSocket frame.
    fn frame(msg: &ServerMsg) -> Message {
        Message::text(protocol::to_text(msg))
    }
}

/// A phone's WebSocket, typed for the connection loop.
type PhoneSocket = WebSocket<Prefixed>;
