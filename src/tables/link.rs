//! A table's line to its host: a thread that connects, says hello, keeps the host's clock, sends
//! what the table reports and hands the host's orders over. When the host goes away the table
//! plays on; the line tries again every moment and, once back, sends its seats, its round as it
//! stands and every round report the host has not said it received: nothing is lost.

use std::collections::{BTreeMap, VecDeque};
use std::io;
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use tungstenite::WebSocket;
use tungstenite::protocol::WebSocketConfig;
use tungstenite::stream::MaybeTlsStream;

use crate::phones::clock::{ClockEstimator, Sample};

use super::join::JoinUrl;
use super::line::{Got, close, read_step, send};
use super::protocol::{
    HostMsg, LiveReport, MAX_MESSAGE_BYTES, PROTOCOL_VERSION, RefusedWhy, RoundPlan, SeatReport,
    TableMsg, game_version,
};

/// How long the line waits before trying the host again.
const RETRY: Duration = Duration::from_millis(400);

/// How long one read waits before the outgoing reports are looked at.
const READ_STEP: Duration = Duration::from_millis(20);

/// Pings: quick ones at first to learn the clock, then one every few seconds to keep it.
const FIRST_PINGS: u64 = 8;
const QUICK_PING: Duration = Duration::from_millis(100);
const SLOW_PING: Duration = Duration::from_secs(2);

/// Where the line stands.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkStatus {
    /// Trying to reach the host.
    Connecting,
    /// In the room.
    In,
    /// The host is gone; trying again.
    Away,
    /// The host refused the table, in words; the line has stopped.
    Refused(String),
}

/// What the host said when it let the table in.
#[derive(Debug, Clone, PartialEq)]
pub struct Welcome {
    /// The name the table is known by.
    pub name: String,
    /// The scenario's file name on the host.
    pub scenario_name: String,
    /// The scenario's text, which every table plays.
    pub scenario: String,
    /// The round under way when the table came in.
    pub round: Option<RoundPlan>,
}

/// What the table has to say, kept until the host has it.
#[derive(Debug, Default)]
struct Outbox {
    seats: Option<Vec<SeatReport>>,
    seats_sent: bool,
    live: Option<LiveReport>,
    live_sent: bool,
    vote: Option<(u32, Vec<u32>)>,
    vote_sent: bool,
    /// Round reports the host has not said it received.
    rounds: BTreeMap<u32, String>,
    /// Round reports sent on this connection (sent again on the next).
    rounds_sent: Vec<u32>,
}

impl Outbox {
    /// The host is gone: everything goes again on the next connection.
    fn unsent(&mut self) {
        self.seats_sent = false;
        self.live_sent = false;
        self.vote_sent = false;
        self.rounds_sent.clear();
    }

    /// The messages not yet sent on this connection.
    fn due(&mut self) -> Vec<TableMsg> {
        let mut due = Vec::new();
        if let (Some(seats), false) = (&self.seats, self.seats_sent) {
            due.push(TableMsg::Seats {
                seats: seats.clone(),
            });
            self.seats_sent = true;
        }
        if let (Some(live), false) = (&self.live, self.live_sent) {
            due.push(TableMsg::Live(live.clone()));
            self.live_sent = true;
        }
        if let (Some((round, counts)), false) = (&self.vote, self.vote_sent) {
            due.push(TableMsg::Vote {
                round: *round,
                counts: counts.clone(),
            });
            self.vote_sent = true;
        }
        for (round, replay) in &self.rounds {
            if !self.rounds_sent.contains(round) {
                due.push(TableMsg::RoundDone {
                    round: *round,
                    replay: replay.clone(),
                });
                self.rounds_sent.push(*round);
            }
        }
        due
    }
}

/// What the line's thread and the table share.
struct Shared {
    url: JoinUrl,
    name: String,
    stop: AtomicBool,
    started: Instant,
    status: Mutex<LinkStatus>,
    /// Why the host refused the table, and the host's version, once it has.
    refusal: Mutex<Option<(RefusedWhy, String)>>,
    welcome: Mutex<Option<Welcome>>,
    inbox: Mutex<VecDeque<HostMsg>>,
    outbox: Mutex<Outbox>,
    clock: Mutex<ClockEstimator>,
}

/// Locks `m`, whatever a panicking thread left in it.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    fn local_ms(&self) -> f64 {
        self.started.elapsed().as_secs_f64() * 1000.0
    }
}

/// A table's line to its host. Dropping it closes the line.
pub struct TableLink {
    shared: Arc<Shared>,
    thread: Option<thread::JoinHandle<()>>,
}

impl TableLink {
    /// Opens a line to the host at `url` for the table `name`; it connects in the background.
    pub fn open(url: JoinUrl, name: &str) -> io::Result<TableLink> {
        let shared = Arc::new(Shared {
            url,
            name: name.to_owned(),
            stop: AtomicBool::new(false),
            started: Instant::now(),
            status: Mutex::new(LinkStatus::Connecting),
            refusal: Mutex::new(None),
            welcome: Mutex::new(None),
            inbox: Mutex::default(),
            outbox: Mutex::default(),
            clock: Mutex::new(ClockEstimator::new()),
        });
        let s = Arc::clone(&shared);
        let thread = thread::Builder::new()
            .name("table-link".into())
            .spawn(move || keep_line(&s))?;
        Ok(TableLink {
            shared,
            thread: Some(thread),
        })
    }

    /// Where the line stands.
    pub fn status(&self) -> LinkStatus {
        lock(&self.shared.status).clone()
    }

    /// Why the host refused the table and the host's version, once it has (for a table that says
    /// it in its own language; [`LinkStatus::Refused`] says it in English).
    pub fn refusal(&self) -> Option<(RefusedWhy, String)> {
        lock(&self.shared.refusal).clone()
    }

    /// What the host said when it last let the table in.
    pub fn welcome(&self) -> Option<Welcome> {
        lock(&self.shared.welcome).clone()
    }

    /// The host's orders since the last call.
    pub fn poll(&self) -> Vec<HostMsg> {
        lock(&self.shared.inbox).drain(..).collect()
    }

    /// The table's own clock, ms since the line opened.
    pub fn local_ms(&self) -> f64 {
        self.shared.local_ms()
    }

    /// The host's clock now, ms, once the line has learnt it.
    pub fn host_ms(&self) -> Option<f64> {
        let offset = lock(&self.shared.clock).offset()?;
        Some(self.local_ms() + offset)
    }

    /// When host time `host_ms` falls on this machine, once the line has learnt the clock.
    pub fn local_instant(&self, host_ms: f64) -> Option<Instant> {
        let offset = lock(&self.shared.clock).offset()?;
        let local = host_ms - offset;
        let from_start = Duration::from_secs_f64(local.max(0.0) / 1000.0);
        Some(self.shared.started + from_start)
    }

    /// Reports who sits where.
    pub fn seats(&self, seats: Vec<SeatReport>) {
        let mut out = lock(&self.shared.outbox);
        out.seats = Some(seats);
        out.seats_sent = false;
    }

    /// Reports the round as it goes.
    pub fn live(&self, live: LiveReport) {
        let mut out = lock(&self.shared.outbox);
        out.live = Some(live);
        out.live_sent = false;
    }

    /// Reports the table's vote so far.
    pub fn vote(&self, round: u32, counts: Vec<u32>) {
        let mut out = lock(&self.shared.outbox);
        out.vote = Some((round, counts));
        out.vote_sent = false;
    }

    /// Reports a round played: its replay's text. Kept and sent again until the host has it.
    pub fn round_done(&self, round: u32, replay: String) {
        let mut out = lock(&self.shared.outbox);
        out.rounds.insert(round, replay);
        out.rounds_sent.retain(|r| *r != round);
    }

    /// Round reports the host has not yet said it received.
    pub fn rounds_unreceived(&self) -> usize {
        lock(&self.shared.outbox).rounds.len()
    }
}

impl Drop for TableLink {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

type Socket = WebSocket<MaybeTlsStream<TcpStream>>;

/// Connects, and connects again, until the line is closed or the host refuses the table.
fn keep_line(shared: &Shared) {
    while !shared.stop.load(Ordering::Relaxed) {
        let ended = connect(shared).and_then(|mut ws| converse(&mut ws, shared));
        if let Ok(Ended::Refused) = ended {
            return;
        }
        let mut status = lock(&shared.status);
        if *status == LinkStatus::In {
            *status = LinkStatus::Away;
        }
        drop(status);
        lock(&shared.outbox).unsent();
        let until = Instant::now() + RETRY;
        while Instant::now() < until && !shared.stop.load(Ordering::Relaxed) {
            thread::sleep(Duration::from_millis(20));
        }
    }
}

/// How a connection ended.
enum Ended {
    /// The line was closed here, or the host went.
    Gone,
    /// The host refused the table.
    Refused,
}

/// Opens the WebSocket and says hello.
fn connect(shared: &Shared) -> io::Result<Socket> {
    let tcp = TcpStream::connect_timeout(&shared.url.socket_addr()?, Duration::from_secs(3))?;
    tcp.set_read_timeout(Some(Duration::from_secs(5)))?;
    tcp.set_write_timeout(Some(Duration::from_secs(5)))?;
    tcp.set_nodelay(true)?;
    let config = WebSocketConfig::default()
        .max_message_size(Some(MAX_MESSAGE_BYTES))
        .max_frame_size(Some(MAX_MESSAGE_BYTES));
    let (mut ws, _) = tungstenite::client::client_with_config(
        shared.url.socket_url(),
        MaybeTlsStream::Plain(tcp),
        Some(config),
    )
    .map_err(io::Error::other)?;
    let hello = TableMsg::Hello {
        v: PROTOCOL_VERSION,
        version: game_version().to_owned(),
        room: shared.url.code.clone(),
        name: shared.name.clone(),
    };
    send(&mut ws, &hello)?;
    Ok(ws)
}

/// The host's messages and the table's reports, until the line closes or the host goes.
fn converse(ws: &mut Socket, shared: &Shared) -> io::Result<Ended> {
    if let MaybeTlsStream::Plain(tcp) = ws.get_ref() {
        tcp.set_read_timeout(Some(READ_STEP))?;
    }
    let mut pings = Pings::default();
    while !shared.stop.load(Ordering::Relaxed) {
        if *lock(&shared.status) == LinkStatus::In {
            for msg in lock(&shared.outbox).due() {
                send(ws, &msg)?;
            }
            if let Some(ping) = pings.due(shared.local_ms()) {
                send(ws, &ping)?;
            }
        }
        match read_step::<_, HostMsg>(ws)? {
            Got::Msg(msg) => {
                if let Some(ended) = take(msg, shared, &mut pings) {
                    return Ok(ended);
                }
            }
            Got::Closed => return Ok(Ended::Gone),
            Got::Nothing | Got::Other => {}
        }
    }
    close(ws);
    Ok(Ended::Gone)
}

/// The clock pings of one connection: when each was sent.
#[derive(Debug, Default)]
struct Pings {
    sent: BTreeMap<u64, f64>,
    next_id: u64,
    last: Option<f64>,
}

impl Pings {
    /// The next ping, when one is due at local time `now`.
    fn due(&mut self, now: f64) -> Option<TableMsg> {
        let gap = if self.next_id < FIRST_PINGS {
            QUICK_PING
        } else {
            SLOW_PING
        };
        if self
            .last
            .is_some_and(|l| now - l < gap.as_secs_f64() * 1000.0)
        {
            return None;
        }
        self.last = Some(now);
        let id = self.next_id;
        self.next_id += 1;
        self.sent.insert(id, now);
        if self.sent.len() > 16 {
            self.sent.pop_first();
        }
        Some(TableMsg::Ping { id })
    }

    /// The clock sample of the answer to ping `id`, stamped `host_ms` by the host, back at `now`.
    fn answered(&mut self, id: u64, host_ms: f64, now: f64) -> Option<Sample> {
        let sent = self.sent.remove(&id)?;
        Sample::new(sent, host_ms, now)
    }
}

/// Takes one message from the host; how the connection ends, when it does.
fn take(msg: HostMsg, shared: &Shared, pings: &mut Pings) -> Option<Ended> {
    match msg {
        HostMsg::Welcome {
            name,
            scenario_name,
            scenario,
            round,
        } => {
            *lock(&shared.welcome) = Some(Welcome {
                name,
                scenario_name,
                scenario,
                round,
            });
            *lock(&shared.status) = LinkStatus::In;
        }
        // A table that was in before and finds its name taken is still there for the host (a
        // line dropped without a goodbye): the host lets the old one go when it falls silent.
        HostMsg::Refused {
            why: RefusedWhy::NameTaken,
            ..
        } if lock(&shared.welcome).is_some() => return Some(Ended::Gone),
        HostMsg::Refused { why, host_version } => {
            *lock(&shared.status) = LinkStatus::Refused(why.explain(&host_version));
            *lock(&shared.refusal) = Some((why, host_version));
            return Some(Ended::Refused);
        }
        HostMsg::Pong { id, host_ms } => {
            if let Some(sample) = pings.answered(id, host_ms, shared.local_ms()) {
                lock(&shared.clock).add(sample);
            }
        }
        HostMsg::Received { round } => {
            lock(&shared.outbox).rounds.remove(&round);
        }
        other => lock(&shared.inbox).push_back(other),
    }
    None
}
