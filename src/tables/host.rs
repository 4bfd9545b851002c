//! The host's server: one listening socket, a thread per table. A table's WebSocket opens with a
//! `hello` ([`TableMsg::Hello`]); the host checks the room code and the version, lets it in by
//! its name, and from then on keeps what it says in the [`RoomState`] and sends it the room's
//! orders ([`Host::start_round`], [`Host::pause`], [`Host::tempo`], [`Host::skip`]).

use std::collections::HashMap;
use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use tungstenite::protocol::WebSocketConfig;
use tungstenite::{Message, WebSocket};

use crate::phones::RoomCode;

use super::line::{Got, close, read_step, send};
use super::protocol::{
    HostMsg, MAX_MESSAGE_BYTES, PROTOCOL_VERSION, RefusedWhy, RoundPlan, TableMsg, clean_name,
    game_version,
};
use super::report::{TableResult, verify_round};
use super::room::{MAX_TABLES, RoomState};

/// The most connections open at once (tables, and strangers still saying hello).
const MAX_CONNECTIONS: usize = 2 * MAX_TABLES + 16;

/// How long a connection has to open its WebSocket and say hello.
const HELLO_WITHIN: Duration = Duration::from_secs(5);

/// How long a table may say nothing (it pings every few seconds) before the host takes it for
/// gone: a line that dropped without a goodbye frees the table's name for its return.
const SILENT_FOR: Duration = Duration::from_secs(10);

/// How long one read waits before the connection's outgoing messages are looked at.
const READ_STEP: Duration = Duration::from_millis(20);

/// The scenario a room plays: its file name and text.
#[derive(Debug, Clone)]
pub struct RoomScenario {
    /// The scenario's file name.
    pub name: String,
    /// The scenario file's text, sent to every table.
    pub text: String,
    /// The scenario's own seed: round N plays seed + N − 1 at every table.
    pub seed: u64,
}

/// What happened in the room, for whoever shows it (the host's screen logs them).
#[derive(Debug, Clone, PartialEq)]
pub enum HostEvent {
    /// A table came in (`back`: it had been in before).
    Joined {
        /// The table's name.
        table: String,
        /// Whether it had been in before.
        back: bool,
    },
    /// A table went away.
    Left {
        /// The table's name.
        table: String,
    },
    /// A table was refused.
    Refused {
        /// Why.
        why: RefusedWhy,
    },
    /// A table's report of a round was kept.
    Reported {
        /// The table's name.
        table: String,
        /// The round.
        round: u32,
    },
    /// A table's report was not kept, and why.
    BadReport {
        /// The table's name.
        table: String,
        /// Why, in words.
        why: String,
    },
}

/// What every thread of the host shares.
struct Shared {
    room: Mutex<RoomState>,
    /// The outgoing queue of each connected table.
    outs: Mutex<HashMap<String, (u64, Sender<HostMsg>)>>,
    code: RoomCode,
    scenario: RoomScenario,
    started: Instant,
    stop: AtomicBool,
    open: AtomicU64,
    events: Mutex<Sender<HostEvent>>,
    serial: AtomicU64,
}

impl Shared {
    fn room(&self) -> MutexGuard<'_, RoomState> {
        self.room.lock().unwrap_or_else(|e| e.into_inner())
    }
    fn outs(&self) -> MutexGuard<'_, HashMap<String, (u64, Sender<HostMsg>)>> {
        self.outs.lock().unwrap_or_else(|e| e.into_inner())
    }
    fn now_ms(&self) -> f64 {
        self.started.elapsed().as_secs_f64() * 1000.0
    }
    fn event(&self, e: HostEvent) {
        let _ = self
            .events
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .send(e);
    }
    fn broadcast(&self, msg: &HostMsg) {
        for (_, tx) in self.outs().values() {
            let _ = tx.send(msg.clone());
        }
    }
}

/// A running host. Dropping it stops listening and closes every table's connection (the tables
/// play on and come back when a host with the same room code listens again).
pub struct Host {
    shared: Arc<Shared>,
    accept: Option<thread::JoinHandle<()>>,
    events: Mutex<Receiver<HostEvent>>,
    addr: SocketAddr,
}

impl Host {
    /// Listens on `addr` for tables of room `code` playing `scenario`; `room` is the room's state
    /// so far (a host restarted between rounds gives the one it kept).
    pub fn bind(
        addr: SocketAddr,
        code: RoomCode,
        scenario: RoomScenario,
        room: RoomState,
    ) -> io::Result<Host> {
        let listener = TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let (tx, events) = mpsc::channel();
        let shared = Arc::new(Shared {
            room: Mutex::new(room),
            outs: Mutex::default(),
            code,
            scenario,
            started: Instant::now(),
            stop: AtomicBool::new(false),
            open: AtomicU64::new(0),
            events: Mutex::new(tx),
            serial: AtomicU64::new(0),
        });
        let s = Arc::clone(&shared);
        let accept = thread::Builder::new()
            .name("host-accept".into())
            .spawn(move || accept_loop(&listener, &s))?;
        Ok(Host {
            shared,
            accept: Some(accept),
            events: Mutex::new(events),
            addr,
        })
    }

    /// Where it listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The room code tables must send.
    pub fn code(&self) -> &RoomCode {
        &self.shared.code
    }

    /// The host's clock, ms since it started: a round's start is given on it.
    pub fn now_ms(&self) -> f64 {
        self.shared.now_ms()
    }

    /// The room, locked: its tables, the round, the reports.
    pub fn room(&self) -> MutexGuard<'_, RoomState> {
        self.shared.room()
    }

    /// Everything that happened since the last call.
    pub fn poll(&self) -> Vec<HostEvent> {
        let rx = self.events.lock().unwrap_or_else(|e| e.into_inner());
        rx.try_iter().collect()
    }

    /// Starts the next round at every table connected, on one count-in `lead_ms` from now, with
    /// the same seed at every table.
    pub fn start_round(&self, lead_ms: f64) -> RoundPlan {
        let mut room = self.shared.room();
        let round = room.next_round();
        let plan = RoundPlan {
            round,
            seed: self.shared.scenario.seed.wrapping_add(u64::from(round) - 1),
            start_at: self.now_ms() + lead_ms,
        };
        room.start(plan.clone());
        drop(room);
        self.shared.broadcast(&HostMsg::Start(plan.clone()));
        plan
    }

    /// Pauses every table, or lets them go on.
    pub fn pause(&self, paused: bool) {
        self.shared.room().set_paused(paused);
        self.shared.broadcast(&HostMsg::Pause { paused });
    }

    /// Sets every table's tempo, % of the scenario's.
    pub fn tempo(&self, pct: u32) {
        self.shared.room().set_tempo(pct);
        self.shared.broadcast(&HostMsg::Tempo { pct });
    }

    /// Ends the round at every table: their debriefs come on.
    pub fn skip(&self) {
        self.shared.broadcast(&HostMsg::Skip);
    }

    /// Tells every table the event is over.
    pub fn over(&self) {
        self.shared.broadcast(&HostMsg::Over);
    }

    /// How many connections are open now.
    pub fn open_connections(&self) -> u64 {
        self.shared.open.load(Ordering::Relaxed)
    }
}

impl Drop for Host {
    /// Stops listening (the port is free when this returns) and closes every connection.
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

/// Accepts connections until the host stops, each on its own thread.
fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    while !shared.stop.load(Ordering::Relaxed) {
        match listener.accept() {
            Ok((stream, _)) => {
                if shared.open.load(Ordering::Relaxed) >= MAX_CONNECTIONS as u64 {
                    continue; // Dropped: closed at once.
                }
                shared.open.fetch_add(1, Ordering::Relaxed);
                let s = Arc::clone(shared);
                let spawned = thread::Builder::new()
                    .name("host-table".into())
                    .spawn(move || {
                        let _ = serve(stream, &s);
                        s.open.fetch_sub(1, Ordering::Relaxed);
                    });
                if spawned.is_err() {
                    shared.open.fetch_sub(1, Ordering::Relaxed);
                }
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                thread::sleep(Duration::from_millis(10));
            }
            Err(_) => thread::sleep(Duration::from_millis(50)),
        }
    }
}

type Socket = WebSocket<TcpStream>;

/// One connection: the handshake, the hello, then the table's messages until it goes.
fn serve(stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(HELLO_WITHIN))?;
    stream.set_write_timeout(Some(Duration::from_secs(5)))?;
    let config = WebSocketConfig::default()
        .max_message_size(Some(MAX_MESSAGE_BYTES))
        .max_frame_size(Some(MAX_MESSAGE_BYTES));
    let mut ws = tungstenite::accept_with_config(stream, Some(config))
        .map_err(|_| io::Error::from(io::ErrorKind::InvalidData))?;
    let serial = shared.serial.fetch_add(1, Ordering::Relaxed);
    let (tx, rx) = mpsc::channel();
    let Some(name) = greet(&mut ws, shared, Door { serial, tx })? else {
        return Ok(());
    };
    ws.get_ref().set_read_timeout(Some(READ_STEP))?;
    let result = converse(&mut ws, &rx, &name, shared);
    let mut outs = shared.outs();
    if outs.get(&name).is_some_and(|(s, _)| *s == serial) {
        outs.remove(&name);
        drop(outs);
        shared.room().left(&name);
        shared.event(HostEvent::Left { table: name });
    }
    result
}

/// Where the room's orders to one connection go: its serial and its outgoing queue.
struct Door {
    serial: u64,
    tx: Sender<HostMsg>,
}

/// Reads the hello and lets the table in, or refuses it; the table's name when it is in.
fn greet(ws: &mut Socket, shared: &Shared, door: Door) -> io::Result<Option<String>> {
    let hello = match ws.read() {
        Ok(Message::Text(text)) => serde_json::from_str::<TableMsg>(&text).ok(),
        _ => None,
    };
    let verdict = match hello {
        Some(TableMsg::Hello {
            v,
            version,
            room,
            name,
        }) => admit(
            shared,
            Hello {
                v,
                version: &version,
                room: &room,
                name: &name,
            },
            door,
        ),
        _ => Err(RefusedWhy::Hello),
    };
    match verdict {
        Ok((name, back)) => {
            let (paused, tempo) = shared.room().pace();
            send(ws, &welcome(shared, &name))?;
            if paused {
                send(ws, &HostMsg::Pause { paused })?;
            }
            if let Some(pct) = tempo {
                send(ws, &HostMsg::Tempo { pct })?;
            }
            shared.event(HostEvent::Joined {
                table: name.clone(),
                back,
            });
            Ok(Some(name))
        }
        Err(why) => {
            let refused = HostMsg::Refused {
                why,
                host_version: game_version().to_owned(),
            };
            let _ = send(ws, &refused);
            let _ = ws.close(None);
            let _ = ws.flush();
            shared.event(HostEvent::Refused { why });
            Ok(None)
        }
    }
}

/// What a `hello` says.
struct Hello<'a> {
    v: u32,
    version: &'a str,
    room: &'a str,
    name: &'a str,
}

/// Whether a hello lets its table in: the table's name, and whether it had been in before. A
/// table let in has its door among the room's at once, under the room's lock: a round started
/// the moment it comes in reaches it.
fn admit(shared: &Shared, hello: Hello, door: Door) -> Result<(String, bool), RefusedWhy> {
    if hello.v != PROTOCOL_VERSION || hello.version != game_version() {
        return Err(RefusedWhy::Version);
    }
    if !shared.code.matches(hello.room) {
        return Err(RefusedWhy::RoomCode);
    }
    let name = clean_name(hello.name).ok_or(RefusedWhy::Hello)?;
    let mut state = shared.room();
    let back = state.tables().iter().any(|t| t.name == name);
    state.join(&name)?;
    shared.outs().insert(name.clone(), (door.serial, door.tx));
    Ok((name, back))
}

/// The welcome of table `name`: the scenario and the round under way.
fn welcome(shared: &Shared, name: &str) -> HostMsg {
    HostMsg::Welcome {
        name: name.to_owned(),
        scenario_name: shared.scenario.name.clone(),
        scenario: shared.scenario.text.clone(),
        round: shared.room().round().cloned(),
    }
}

/// The table's messages, and the room's orders to it, until it goes or the host stops.
fn converse(
    ws: &mut Socket,
    rx: &Receiver<HostMsg>,
    name: &str,
    shared: &Shared,
) -> io::Result<()> {
    let mut heard = Instant::now();
    while !shared.stop.load(Ordering::Relaxed) && heard.elapsed() < SILENT_FOR {
        for msg in rx.try_iter() {
            send(ws, &msg)?;
        }
        let got = read_step::<_, TableMsg>(ws)?;
        if !matches!(got, Got::Nothing) {
            heard = Instant::now();
        }
        match got {
            Got::Msg(msg) => {
                if let Some(answer) = heed(msg, name, shared) {
                    send(ws, &answer)?;
                }
            }
            Got::Closed => return Ok(()),
            Got::Nothing | Got::Other => {}
        }
    }
    close(ws);
    Ok(())
}

/// What a table's message changes in the room, and the answer it gets, if any.
fn heed(msg: TableMsg, name: &str, shared: &Shared) -> Option<HostMsg> {
    match msg {
        TableMsg::Ping { id } => Some(HostMsg::Pong {
            id,
            host_ms: shared.now_ms(),
        }),
        TableMsg::Seats { seats } => {
            shared.room().set_seats(name, seats);
            None
        }
        TableMsg::Live(live) => {
            shared.room().set_live(name, live);
            None
        }
        TableMsg::Vote { round, counts } => {
            shared.room().set_vote(name, round, counts);
            None
        }
        TableMsg::RoundDone { round, replay } => receive_round(shared, name, round, &replay),
        TableMsg::Hello { .. } => None,
    }
}

/// A table's round: verified and kept ([`HostMsg::Received`] goes back), or logged as not kept
/// (unanswered: the table keeps it and sends it again when it comes back).
fn receive_round(shared: &Shared, name: &str, round: u32, replay: &str) -> Option<HostMsg> {
    let seed = shared
        .scenario
        .seed
        .wrapping_add(u64::from(round.max(1)) - 1);
    match verify_round(name, round, replay, &shared.scenario.text, seed) {
        Ok(result) => {
            keep(shared, result);
            shared.event(HostEvent::Reported {
                table: name.to_owned(),
                round,
            });
            Some(HostMsg::Received { round })
        }
        Err(e) => {
            shared.event(HostEvent::BadReport {
                table: name.to_owned(),
                why: e.to_string(),
            });
            None
        }
    }
}

/// Keeps a verified round in the room.
fn keep(shared: &Shared, result: TableResult) {
    shared.room().add_result(result);
}
