//! The server: one listening socket, a thread per connection. `GET /` is answered with the
//! embedded page; `GET /ws` becomes the phone's WebSocket. What happens reaches the game as
//! [`PhoneEvent`]s on a channel ([`PhoneServer::poll`]): a seat asked for is a request the game
//! decides; the game answers through the handle's methods, which the server relays to the phones. Dropping the handle stops listening and closes every connection.

use std::io::{self, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use tungstenite::protocol::WebSocketConfig;

use super::PAGE_HTML;
use super::protocol::{MAX_FRAME_BYTES, PhoneId, SeatInfo, ServerMsg};
use super::room::{RoomCode, WrongCodes};
use super::room_state::{PhoneEvent, PhoneInfo, Room};
use super::shared::{Handle, Shared};
use super::slots::{self, AddressSlot, SharedConnections, Slot};
use super::stream::Prefixed;
use super::vote::{VoteCounts, VoteQuestion};

pub use super::slots::{MAX_CONNECTIONS, MAX_HEADS, SLOW_HELLO};

/// The most phones a room takes. Every phone that joined counts, away ones too (they hold a seat
/// token); a phone coming back with its token always gets in, even when the room is full.
pub const MAX_PHONES: usize = 40;

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
const MAX_PER_ADDRESS: usize = 10;

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

    /// The seats as the game shows them, who sits where filled in (the phones hear of them when
    /// they change).
    pub fn set_seats(&self, seats: Vec<SeatInfo>) {
        self.shared.room().set_seats(seats);
    }

    /// Tells `phone` the seat the game gives it (`None`: the audience), if it was told another
    /// (see [`Room::tell_seat`]).
    pub fn tell_seat(&self, phone: PhoneId, seat: Option<usize>) {
        self.shared.room().tell_seat(phone, seat);
    }

    /// Opens or closes seating: while closed, phones' seat, audience and calibration requests are
    /// refused before they reach the game (the game changes seats only in its lobby).
    pub fn set_seating(&self, open: bool) {
        self.shared.room().set_seating(open);
    }

    /// Whether phones may take and leave seats.
    pub fn seating(&self) -> bool {
        self.shared.room().seating()
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

    /// Every phone that joined: its name and whether it is connected now.
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
fn same_origin(head: &str) -> bool {
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
            let stream = Prefixed::new(head, deadline, stream);
            let mut ws = tungstenite::accept_with_config(stream, Some(config))
                .map_err(|_| io::Error::from(io::ErrorKind::InvalidData))?;
            ws.get_mut().handshake_done();
            super::connection::run(ws, Handle::new(shared, ip, id))
        }
        ("GET", "/" | "/index.html") => respond(&mut stream, "200 OK", "text/html", PAGE_HTML),
        _ => respond(&mut stream, "404 Not Found", "text/plain", "not found"),
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
