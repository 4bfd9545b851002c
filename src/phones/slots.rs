//! The server's connections as a room holds them: how many may be open at once, how many from
//! one address, and which give way when the room is full. Strangers (or 200 of them) holding slow
//! requests cannot keep the phones out: a connection still sending its request head holds no
//! phone's place ([`MAX_CONNECTIONS`] counts only the pages and sockets past their heads), and
//! when [`MAX_HEADS`] heads are being sent, a newcomer takes the place of the one that has been
//! sending its head longest; when the sockets are full, a phone's socket takes the place of the
//! one that has been open longest without joining. A joined phone's connection never gives way.

use std::collections::HashMap;
use std::net::{IpAddr, Shutdown, TcpStream};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The most WebSockets open at once (phones, and strangers that have not joined): beyond it,
/// a new one takes the place of one that has not joined for [`SLOW_HELLO`], or is refused.
pub const MAX_CONNECTIONS: usize = 64;

/// The most connections still sending their request heads, or being answered with a page, at
/// once: beyond it, a newcomer takes the place of the one that has been sending its head longest
/// (at least `SLOW_HEAD`), or is closed at once.
pub const MAX_HEADS: usize = 128;

/// A connection still sending its request head after this long may give way to a newcomer (a
/// browser sends its head at once).
pub(crate) const SLOW_HEAD: Duration = Duration::from_millis(250);

/// A WebSocket that has not joined after this long may give way to a phone's (a phone's page
/// says hello as soon as its socket opens).
pub const SLOW_HELLO: Duration = Duration::from_secs(2);

/// How far a connection has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    /// Sending its request head.
    Head,
    /// Its head read: being answered (the page, or a refusal), soon closed.
    Answered,
    /// A WebSocket that has not joined.
    Socket,
    /// A phone's WebSocket that joined: it never gives way.
    Joined,
}

impl Stage {
    /// Whether it counts against [`MAX_HEADS`] (else against [`MAX_CONNECTIONS`]).
    fn is_head(self) -> bool {
        matches!(self, Stage::Head | Stage::Answered)
    }
}

/// One open connection.
#[derive(Debug)]
struct Entry {
    stage: Stage,
    /// When it reached its stage.
    since: Instant,
    /// Closed to make room (its thread ends soon).
    shed: bool,
    /// Where to close it from outside its thread (`None` in tests).
    stream: Option<TcpStream>,
}

/// Every open connection by its id.
#[derive(Debug, Default)]
pub(super) struct Connections {
    open: HashMap<u64, Entry>,
}

impl Connections {
    /// How many are open (those closed to make room too, until their threads end).
    pub(super) fn len(&self) -> usize {
        self.open.len()
    }

    /// How many are open, not closed to make room, and counted in the heads (or the sockets).
    fn live(&self, heads: bool) -> usize {
        self.open
            .values()
            .filter(|e| !e.shed && e.stage.is_head() == heads)
            .count()
    }

    /// Makes room for one more of `stage` (a head, or a socket) at `now`: when the limit is
    /// reached, the one of `stage` there longest (at least `slow`) is closed. False when none has
    /// been there so long.
    fn make_room(&mut self, stage: Stage, limit: usize, slow: Duration, now: Instant) -> bool {
        if self.live(stage.is_head()) < limit {
            return true;
        }
        let victim = self
            .open
            .iter_mut()
            .filter(|(_, e)| {
                !e.shed && e.stage == stage && now.saturating_duration_since(e.since) >= slow
            })
            .min_by_key(|(id, e)| (e.since, **id));
        let Some((_, e)) = victim else {
            return false;
        };
        e.shed = true;
        if let Some(s) = &e.stream {
            let _ = s.shutdown(Shutdown::Both);
        }
        true
    }

    /// Connection `id`'s head is read at `now`: `socket` when it becomes a WebSocket, which
    /// needs one of the [`MAX_CONNECTIONS`] (false when none can be made free: it is refused),
    /// else it is being answered.
    pub(super) fn head_read(&mut self, id: u64, socket: bool, now: Instant) -> bool {
        if socket && !self.make_room(Stage::Socket, MAX_CONNECTIONS, SLOW_HELLO, now) {
            return false;
        }
        let stage = if socket {
            Stage::Socket
        } else {
            Stage::Answered
        };
        self.set_stage(id, stage, now);
        true
    }

    /// Connection `id` joined: it never gives way.
    pub(super) fn joined(&mut self, id: u64, now: Instant) {
        self.set_stage(id, Stage::Joined, now);
    }

    fn set_stage(&mut self, id: u64, stage: Stage, now: Instant) {
        if let Some(e) = self.open.get_mut(&id)
            && e.stage != stage
        {
            e.stage = stage;
            e.since = now;
        }
    }
}

/// The connections of a server, shared by its threads.
pub(super) type SharedConnections = Arc<Mutex<Connections>>;

/// Locks `conns`, even after a thread panicked holding it.
pub(super) fn lock(conns: &SharedConnections) -> MutexGuard<'_, Connections> {
    conns.lock().unwrap_or_else(|e| e.into_inner())
}

/// One open connection, counted while it lives: dropped when its thread ends, however it ends (a
/// panic too), so the count of open connections never leaks.
pub(super) struct Slot {
    conns: SharedConnections,
    id: u64,
}

impl Slot {
    /// Counts connection `id` (`stream`: a handle to close it by) in `conns` at `now`, sending
    /// its head. When [`MAX_HEADS`] are, the one sending its head longest (at least
    /// [`SLOW_HEAD`]) makes room; `None` when none has been at it so long (the newcomer is closed).
    pub(super) fn take(
        conns: &SharedConnections,
        id: u64,
        stream: Option<TcpStream>,
        now: Instant,
    ) -> Option<Slot> {
        let mut c = lock(conns);
        if !c.make_room(Stage::Head, MAX_HEADS, SLOW_HEAD, now) {
            return None;
        }
        c.open.insert(
            id,
            Entry {
                stage: Stage::Head,
                since: now,
                shed: false,
                stream,
            },
        );
        Some(Slot {
            conns: Arc::clone(conns),
            id,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        lock(&self.conns).open.remove(&self.id);
    }
}

/// One open connection counted against its remote address; given back when dropped.
pub(super) struct AddressSlot {
    counts: Arc<Mutex<HashMap<IpAddr, usize>>>,
    ip: IpAddr,
}

impl AddressSlot {
    /// Counts one more connection from `ip`, unless `max` are open from there already.
    pub(super) fn take(
        counts: &Arc<Mutex<HashMap<IpAddr, usize>>>,
        ip: IpAddr,
        max: usize,
    ) -> Option<AddressSlot> {
        let mut map = counts.lock().unwrap_or_else(|e| e.into_inner());
        let n = map.entry(ip).or_insert(0);
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(AddressSlot {
            counts: Arc::clone(counts),
            ip,
        })
    }
}

impl Drop for AddressSlot {
    fn drop(&mut self) {
        let mut map = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = map.get_mut(&self.ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                map.remove(&self.ip);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::thread;

    use super::*;

    /// One address holds at most its share of connections; another address is not held back,
    /// and a closed connection gives its place back.
    #[test]
    fn one_address_cannot_take_every_connection() {
        let counts = Arc::default();
        let a: IpAddr = "192.168.1.20".parse().unwrap();
        let b: IpAddr = "192.168.1.21".parse().unwrap();
        let held: Vec<AddressSlot> = (0..3)
            .map(|_| AddressSlot::take(&counts, a, 3).unwrap())
            .collect();
        assert!(AddressSlot::take(&counts, a, 3).is_none());
        assert!(AddressSlot::take(&counts, b, 3).is_some());
        drop(held);
        assert!(AddressSlot::take(&counts, a, 3).is_some());
        assert!(
            counts.lock().unwrap().is_empty(),
            "nothing kept for closed connections"
        );
    }

    /// A connection's thread that panics still gives its slot back.
    #[test]
    fn a_panicking_connection_gives_its_slot_back() {
        let conns = SharedConnections::default();
        let now = Instant::now();
        let slots: Vec<Slot> = (0..MAX_HEADS as u64)
            .map(|id| Slot::take(&conns, id, None, now).unwrap())
            .collect();
        assert!(
            Slot::take(&conns, 999, None, now).is_none(),
            "no more than MAX_HEADS, none slow yet"
        );
        drop(slots);
        let slot = Slot::take(&conns, 1000, None, now).unwrap();
        let thread = thread::spawn(move || {
            let _slot = slot;
            panic!("a connection's bug");
        });
        assert!(thread.join().is_err());
        assert_eq!(lock(&conns).len(), 0);
    }

    /// Ids of the connections closed to make room.
    fn shed(conns: &SharedConnections) -> Vec<u64> {
        let mut ids: Vec<u64> = lock(conns)
            .open
            .iter()
            .filter(|(_, e)| e.shed)
            .map(|(id, _)| *id)
            .collect();
        ids.sort_unstable();
        ids
    }

    /// With every head slot taken, a newcomer takes the place of the head sent longest, once one
    /// has been at it for [`SLOW_HEAD`]; a page being answered never gives way.
    #[test]
    fn a_newcomer_takes_the_place_of_the_slowest_head() {
        let conns = SharedConnections::default();
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut slots: Vec<Slot> = (0..MAX_HEADS as u64)
            .map(|id| Slot::take(&conns, id, None, at(id)).unwrap())
            .collect();
        // The first is being answered (its head came at once).
        assert!(lock(&conns).head_read(0, false, at(1)));
        assert!(
            Slot::take(&conns, 500, None, at(200)).is_none(),
            "none slow"
        );
        slots.push(Slot::take(&conns, 501, None, at(252)).unwrap());
        slots.push(Slot::take(&conns, 502, None, at(252)).unwrap());
        assert_eq!(shed(&conns), vec![1, 2], "the longest at their heads");
        assert!(Slot::take(&conns, 503, None, at(252)).is_none());
        assert_eq!(lock(&conns).live(true), MAX_HEADS);
    }

    /// Sockets: a phone's takes the place of the one open longest without joining (for at least
    /// [`SLOW_HELLO`]); a joined one never gives way; heads never take a socket's place.
    #[test]
    fn a_phones_socket_takes_the_place_of_one_that_never_joined() {
        let conns = SharedConnections::default();
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut slots = Vec::new();
        for id in 0..MAX_CONNECTIONS as u64 {
            slots.push(Slot::take(&conns, id, None, at(id)).unwrap());
            let mut c = lock(&conns);
            assert!(c.head_read(id, true, at(id)));
            if id < 10 {
                c.joined(id, at(id));
            }
        }
        slots.push(Slot::take(&conns, 100, None, at(100)).unwrap());
        assert!(
            !lock(&conns).head_read(100, true, at(1000)),
            "none silent for long enough"
        );
        assert!(lock(&conns).head_read(100, true, at(2011)));
        assert_eq!(shed(&conns), vec![10], "the oldest that never joined");
        slots.push(Slot::take(&conns, 101, None, at(3000)).unwrap());
        assert!(lock(&conns).head_read(101, true, at(3000)));
        assert_eq!(shed(&conns), vec![10, 11]);
        assert_eq!(lock(&conns).live(false), MAX_CONNECTIONS);
        assert_eq!(lock(&conns).live(true), 0, "heads are counted apart");
    }
}
