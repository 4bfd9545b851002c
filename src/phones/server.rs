//! The server: one listening socket, a thread per connection. `GET /` is answered with the
//! embedded page; `GET /ws` becomes the phone's WebSocket. What happens reaches the game as
//! [`PhoneEvent`]s on a channel ([`PhoneServer::poll`]); the game answers through the handle's
//! methods. Dropping the handle stops listening and closes every connection.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use tungstenite::protocol::WebSocketConfig;
use tungstenite::{Message, WebSocket};

use super::PAGE_HTML;
use super::clock::{ClockEstimator, Sample};
use super::protocol::{
    self, ClientMsg, MAX_FRAME_BYTES, MAX_MESSAGE_BYTES, PhoneId, SeatInfo, ServerMsg,
};
use super::room::{RateLimit, RoomCode, WrongCodes};
use super::room_state::{PhoneEvent, PhoneInfo, Refusal, Room};
use super::slots::{self, AddressSlot, SharedConnections, Slot};
use super::vote::{VoteCounts, VoteQuestion};

pub use super::slots::{MAX_CONNECTIONS, MAX_HEADS, SLOW_HEAD, SLOW_HELLO};

/// The most phones a room takes. Every phone that joined counts, away ones too (they hold a seat
/// token); a phone coming back with its token always gets in, even when the room is full.
pub const MAX_PHONES: usize = 40;

/// Frames a connection may send a second, and at once: every frame counts (text, binary, and the
/// WebSocket's own ping, pong and close).
const RATE_PER_SEC: f64 = 40.0;
const RATE_BURST: f64 = 80.0;

/// Refused messages after which a connection is closed.
const MAX_REFUSED: u32 = 200;

/// The longest HTTP request head read, bytes.
const MAX_HEAD_BYTES: usize = 8192;

/// How the server is set up.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The page's language at first (`en` or `da`).
    pub lang: String,
    /// The room code; a random one when `None`.
    pub code: Option<RoomCode>,
    /// The most phones.
    pub max_phones: usize,
    /// The most connections one address may hold open at once.
    pub max_per_address: usize,
}

/// Connections one address may hold open at once by default: a phone needs one, and a moment
/// more while its page loads or it reconnects; a stranger on the Wi-Fi cannot take all
/// [`MAX_CONNECTIONS`] and keep the room's phones out.
pub const MAX_PER_ADDRESS: usize = 10;

impl Default for ServerConfig {
    fn default() -> ServerConfig {
        ServerConfig {
            lang: "en".into(),
            code: None,
            max_phones: MAX_PHONES,
            max_per_address: MAX_PER_ADDRESS,
        }
    }
}

/// What every thread of the server shares.
struct Shared {
    room: Mutex<Room>,
    stop: AtomicBool,
    started: Instant,
    /// The next connection's id.
    serial: AtomicU64,
    /// Connections open now (see [`Slot`]).
    conns: SharedConnections,
    /// Wrong room codes per remote address.
    wrong_codes: Mutex<WrongCodes>,
    /// Connections open now per remote address (see [`AddressSlot`]), and the most allowed.
    per_address: Arc<Mutex<HashMap<IpAddr, usize>>>,
    max_per_address: usize,
}

impl Shared {
    fn room(&self) -> MutexGuard<'_, Room> {
        self.room.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn now_ms(&self) -> f64 {
        self.started.elapsed().as_secs_f64() * 1000.0
    }
}

/// The running server: listening from [`PhoneServer::bind`] until dropped.
pub struct PhoneServer {
    shared: Arc<Shared>,
    accept: Option<thread::JoinHandle<()>>,
    /// Behind a mutex so the handle can be shared (a Bevy resource).
    events: Mutex<Receiver<PhoneEvent>>,
    addr: SocketAddr,
    code: RoomCode,
}

impl std::fmt::Debug for PhoneServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PhoneServer")
            .field("addr", &self.addr)
            .field("code", &self.code)
            .finish()
    }
}

impl PhoneServer {
    /// Listens on `addr` (port 0: any free port). Fails, saying so, when the port is taken.
    pub fn bind(addr: SocketAddr, config: ServerConfig) -> io::Result<PhoneServer> {
        let listener = TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let code = config.code.unwrap_or_else(RoomCode::random);
        let (tx, events) = mpsc::channel();
        let shared = Arc::new(Shared {
            room: Mutex::new(Room::new(code.clone(), config.max_phones, &config.lang, tx)),
            stop: AtomicBool::new(false),
            started: Instant::now(),
            serial: AtomicU64::new(0),
            conns: SharedConnections::default(),
            wrong_codes: Mutex::new(WrongCodes::default()),
            per_address: Arc::default(),
            max_per_address: config.max_per_address,
        });
        let s = Arc::clone(&shared);
        let accept = thread::Builder::new()
            .name("phones-accept".into())
            .spawn(move || accept_loop(&listener, &s))?;
        Ok(PhoneServer {
            shared,
            accept: Some(accept),
            events: Mutex::new(events),
            addr,
            code,
        })
    }

    /// Where it listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The room code phones must send.
    pub fn code(&self) -> &RoomCode {
        &self.code
    }

    /// The server's clock, ms since it started: taps arrive on it.
    pub fn now_ms(&self) -> f64 {
        self.shared.now_ms()
    }

    /// Everything that happened since the last call.
    pub fn poll(&self) -> Vec<PhoneEvent> {
        let events = self.events.lock().unwrap_or_else(|e| e.into_inner());
        events.try_iter().collect()
    }

    /// The seats to offer and which are taken by a key or a pad.
    pub fn set_seats(&self, seats: Vec<SeatInfo>, others: Vec<bool>) {
        self.shared.room().set_seats(seats, others);
    }

    /// Frees `phone`'s seat (the facilitator's choice).
    pub fn free_seat(&self, phone: PhoneId) {
        self.shared.room().unseat(phone);
    }

    /// Opens or closes seating: while closed, phones' seat, audience and leave requests are
    /// refused (the game changes seats only in its lobby).
    pub fn set_seating(&self, open: bool) {
        self.shared.room().set_seating(open);
    }

    /// Whether phones may take and leave seats.
    pub fn seating(&self) -> bool {
        self.shared.room().seating()
    }

    /// Makes the phones' seats the game's (see [`Room::match_seats`]).
    pub fn match_seats(&self, game: impl Fn(PhoneId) -> Option<usize>) {
        self.shared.room().match_seats(game);
    }

    /// Opens or closes joining.
    pub fn set_joining(&self, open: bool) {
        self.shared.room().set_joining(open);
    }

    /// Whether new phones may join.
    pub fn joining(&self) -> bool {
        self.shared.room().joining()
    }

    /// Sends `msg` to `phone`, if it is connected.
    pub fn send(&self, phone: PhoneId, msg: ServerMsg) {
        self.shared.room().send_to(phone, msg);
    }

    /// Opens the debrief's vote on `question` and shows it to every phone (see
    /// [`Room::open_vote`]).
    pub fn open_vote(&self, question: VoteQuestion) {
        self.shared.room().open_vote(question);
    }

    /// Closes the vote; the phones go back to their own view.
    pub fn close_vote(&self) {
        self.shared.room().close_vote();
    }

    /// The counts of the vote open or last closed.
    pub fn vote_counts(&self) -> Option<VoteCounts> {
        self.shared.room().vote_counts()
    }

    /// Every phone that joined: its name, seat and whether it is connected now.
    pub fn phones(&self) -> Vec<PhoneInfo> {
        self.shared.room().phones()
    }

    /// How many connections are open now.
    pub fn open_connections(&self) -> usize {
        slots::lock(&self.shared.conns).len()
    }
}

impl Drop for PhoneServer {
    /// Stops listening (the port is free when this returns) and closes every connection.
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

/// Accepts connections until the server stops, each on its own thread holding its
/// [`AddressSlot`] and [`Slot`] (a thread that cannot start drops them at once).
fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    while !shared.stop.load(Ordering::Relaxed) {
        match listener.accept() {
            Ok((stream, peer)) => {
                let max = shared.max_per_address;
                let Some(address) = AddressSlot::take(&shared.per_address, peer.ip(), max) else {
                    continue;
                };
                let id = shared.serial.fetch_add(1, Ordering::Relaxed);
                let handle = stream.try_clone().ok();
                let Some(slot) = Slot::take(&shared.conns, id, handle, Instant::now()) else {
                    continue;
                };
                let s = Arc::clone(shared);
                let _ = thread::Builder::new()
                    .name("phones-conn".into())
                    .spawn(move || {
                        let _slot = (slot, address);
                        let _ = serve(stream, peer.ip(), id, &s);
                    });
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                thread::sleep(Duration::from_millis(15));
            }
            Err(_) => thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// A stream whose first bytes were already read: they are read again first. While `deadline`
/// is set (the WebSocket handshake), each read may wait only until then. A read or write
/// interrupted by a signal (the process stopped and continued: Ctrl-Z and `fg`, a debugger) is
/// tried again, so the WebSocket never sees it.
pub(super) struct Prefixed {
    head: Vec<u8>,
    pos: usize,
    deadline: Option<Instant>,
    pub(super) inner: TcpStream,
}

impl Read for Prefixed {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos < self.head.len() {
            let n = buf.len().min(self.head.len() - self.pos);
            buf[..n].copy_from_slice(&self.head[self.pos..self.pos + n]);
            self.pos += n;
            return Ok(n);
        }
        if let Some(deadline) = self.deadline {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(io::ErrorKind::TimedOut.into());
            }
            self.inner.set_read_timeout(Some(left))?;
        }
        again_if_interrupted(|| self.inner.read(buf))
    }
}

impl Write for Prefixed {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        again_if_interrupted(|| self.inner.write(buf))
    }
    fn flush(&mut self) -> io::Result<()> {
        again_if_interrupted(|| self.inner.flush())
    }
}

/// Runs `io` again while a signal interrupts it (`EINTR`: a socket with a timeout returns it when
/// the process is stopped and continued).
fn again_if_interrupted<T>(mut io: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    loop {
        match io() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            other => return other,
        }
    }
}

/// How long a connection has to send its request head and finish the WebSocket handshake, all
/// reads together: a client dripping a byte at a time cannot hold a connection slot longer.
const HANDSHAKE_WITHIN: Duration = Duration::from_secs(5);

/// The longest one read waits before the deadline and the stop flag are looked at again.
const READ_STEP: Duration = Duration::from_millis(250);

/// Reads an HTTP request head (to the blank line), refusing long ones, and ones not complete by
/// `deadline` or when the server stops.
fn read_head(stream: &mut TcpStream, deadline: Instant, stop: &AtomicBool) -> io::Result<Vec<u8>> {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stop.load(Ordering::Relaxed) {
            return Err(io::ErrorKind::TimedOut.into());
        }
        stream.set_read_timeout(Some(left.min(READ_STEP)))?;
        let n = match stream.read(&mut buf) {
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                continue;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 || head.len() + n > MAX_HEAD_BYTES {
            return Err(io::ErrorKind::InvalidData.into());
        }
        head.extend_from_slice(&buf[..n]);
    }
    Ok(head)
}

/// A request head's header `name` (any case), its value trimmed.
fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().skip(1).find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

/// Whether a WebSocket request may open: a browser names the page it comes from in `Origin`, and
/// that must be this server (the same host and port as `Host`), so a page from anywhere else open
/// on a phone cannot drive the orchestra. A request without `Origin` (not from a browser page)
/// may open.
pub fn same_origin(head: &str) -> bool {
    let Some(origin) = header(head, "origin") else {
        return true;
    };
    let Some(host) = header(head, "host") else {
        return false;
    };
    let origin = origin.to_ascii_lowercase();
    let named = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"));
    named.is_some_and(|o| !host.is_empty() && o.trim_end_matches('/').eq_ignore_ascii_case(host))
}

/// Serves connection `id` from `ip`: the page, or a phone's WebSocket.
fn serve(mut stream: TcpStream, ip: IpAddr, id: u64, shared: &Shared) -> io::Result<()> {
    let deadline = Instant::now() + HANDSHAKE_WITHIN;
    stream.set_nonblocking(false)?;
    stream.set_write_timeout(Some(Duration::from_secs(3)))?;
    let head = read_head(&mut stream, deadline, &shared.stop)?;
    let text = String::from_utf8_lossy(&head);
    let line = text.lines().next().unwrap_or("");
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let path = path.split('?').next().unwrap_or("");
    let socket = (method, path) == ("GET", "/ws") && same_origin(&text);
    let room = slots::lock(&shared.conns).head_read(id, socket, Instant::now());
    match (method, path) {
        ("GET", "/ws") if !same_origin(&text) => {
            respond(&mut stream, "403 Forbidden", "text/plain", "another origin")
        }
        ("GET", "/ws") if !room => respond(
            &mut stream,
            "503 Service Unavailable",
            "text/plain",
            "the room is full",
        ),
        ("GET", "/ws") => {
            // Messages up to MAX_FRAME_BYTES are read, so one over MAX_MESSAGE_BYTES is refused
            // and the connection stays.
            let config = WebSocketConfig::default()
                .max_message_size(Some(MAX_FRAME_BYTES))
                .max_frame_size(Some(MAX_FRAME_BYTES))
                .write_buffer_size(0)
                .max_write_buffer_size(64 * 1024);
            let stream = Prefixed {
                head,
                pos: 0,
                deadline: Some(deadline),
                inner: stream,
            };
            let mut ws = tungstenite::accept_with_config(stream, Some(config))
                .map_err(|_| io::Error::from(io::ErrorKind::InvalidData))?;
            ws.get_mut().deadline = None;
            super::connection::run(ws, Handle { shared, ip, id })
        }
        ("GET", "/" | "/index.html") => respond(&mut stream, "200 OK", "text/html", PAGE_HTML),
        _ => respond(&mut stream, "404 Not Found", "text/plain", "not found"),
    }
}

/// What a connection needs of the server, where it comes from, and its id.
pub(super) struct Handle<'a> {
    shared: &'a Shared,
    ip: IpAddr,
    pub(super) id: u64,
}

impl Handle<'_> {
    pub(super) fn room(&self) -> MutexGuard<'_, Room> {
        self.shared.room()
    }
    pub(super) fn now_ms(&self) -> f64 {
        self.shared.now_ms()
    }
    pub(super) fn stopped(&self) -> bool {
        self.shared.stop.load(Ordering::Relaxed)
    }
    /// The connection joined: it never gives way to another.
    fn joined(&self) {
        slots::lock(&self.shared.conns).joined(self.id, Instant::now());
    }
    fn wrong_codes(&self) -> MutexGuard<'_, WrongCodes> {
        self.shared
            .wrong_codes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }
}

/// Writes a whole HTTP response and closes.
fn respond(stream: &mut TcpStream, status: &str, kind: &str, body: &str) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    stream.flush()
}

/// The per-connection work, kept apart from the sockets so it reads as the protocol.
pub(super) struct Conn {
    pub(super) serial: u64,
    pub(super) phone: Option<PhoneId>,
    pub(super) clock: ClockEstimator,
    pub(super) limit: RateLimit,
    pub(super) refused: u32,
    pub(super) tx: Sender<ServerMsg>,
}

impl Conn {
    pub(super) fn new(serial: u64, now_ms: f64, tx: Sender<ServerMsg>) -> Conn {
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
    pub(super) fn refuse_count_exceeded(&self) -> bool {
        self.refused > MAX_REFUSED
    }

    /// Takes in one frame of any kind at game time `now`; false when the phone closed. Every frame
    /// counts against the rate limit first (control frames too: a flood of pings is refused and
    /// closes the connection like any other).
    pub(super) fn frame_in(&mut self, msg: Message, now: f64, h: &Handle<'_>) -> bool {
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
            ClientMsg::Seat { dept } => h.room().take_seat(phone, dept, now),
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
        let room = h.room();
        let Some(dept) = room.seat_of(phone) else {
            return;
        };
        // The stamp through the clock offset only (the game adds the phone's calibration): a
        // stamp from the future is a wrong clock and counts as now, so that `received − stamp`
        // is the network's part alone.
        let at_ms = self.clock.to_game(t).unwrap_or(now).min(now);
        room.emit_tap(PhoneEvent::Tap {
            phone,
            dept,
            at_ms,
            received_ms: now,
        });
    }

    /// The message to send as a WebSocket frame.
    pub(super) fn frame(msg: &ServerMsg) -> Message {
        Message::text(protocol::to_text(msg))
    }
}

/// A phone's WebSocket, typed for the connection loop.
pub(super) type PhoneSocket = WebSocket<Prefixed>;

#[cfg(test)]
mod tests {
    use super::*;

    fn head(lines: &[&str]) -> String {
        format!("GET /ws HTTP/1.1\r\n{}\r\n\r\n", lines.join("\r\n"))
    }

    #[test]
    fn only_this_servers_own_page_may_open_a_socket() {
        let host = "Host: 192.168.1.20:8765";
        assert!(same_origin(&head(&[host])), "no Origin: not a browser page");
        assert!(same_origin(&head(&[
            host,
            "Origin: http://192.168.1.20:8765"
        ])));
        assert!(same_origin(&head(&[
            "origin: HTTP://LOCALHOST:1",
            "HOST: localhost:1"
        ])));
        for other in [
            "Origin: http://evil.example",
            "Origin: http://192.168.1.20:8766",
            "Origin: http://192.168.1.20",
            "Origin: null",
            "Origin: file://",
            "Origin: http://192.168.1.20:8765.evil.example",
        ] {
            assert!(!same_origin(&head(&[host, other])), "{other}");
        }
        assert!(!same_origin(&head(&["Origin: http://x:1"])), "no Host");
        assert!(!same_origin(&head(&["Host: ", "Origin: http://"])));
    }
}
