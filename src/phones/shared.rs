//! What every thread of the phones' server shares (the room, the connections open, the clock,
//! the stop flag), and a connection's handle on it: the layer under both the server, which
//! accepts connections, and each connection, which runs a phone's WebSocket.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use super::room::WrongCodes;
use super::room_state::Room;
use super::slots::{self, SharedConnections};

/// What every thread of the server shares.
pub(super) struct Shared {
    pub(super) room: Mutex<Room>,
    pub(super) stop: AtomicBool,
    pub(super) started: Instant,
    /// The next connection's id.
    pub(super) serial: AtomicU64,
    /// Connections open now (see [`Slot`](super::slots::Slot)).
    pub(super) conns: SharedConnections,
    /// Wrong room codes per remote address.
    pub(super) wrong_codes: Mutex<WrongCodes>,
    /// Connections open now per remote address (see [`AddressSlot`](super::slots::AddressSlot)), and the most allowed.
    pub(super) per_address: Arc<Mutex<HashMap<IpAddr, usize>>>,
    pub(super) max_per_address: usize,
}

impl Shared {
    /// The room, locked (a thread that panicked holding it leaves it as it was).
    pub(super) fn room(&self) -> MutexGuard<'_, Room> {
        self.room.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The server's clock: ms since it started.
    pub(super) fn now_ms(&self) -> f64 {
        self.started.elapsed().as_secs_f64() * 1000.0
    }
}

/// What a connection needs of the server, where it comes from, and its id.
pub(super) struct Handle<'a> {
    shared: &'a Shared,
    pub(super) ip: IpAddr,
    pub(super) id: u64,
}

impl<'a> Handle<'a> {
    /// Connection `id`, from `ip`, of the server that shares `shared`.
    pub(super) fn new(shared: &'a Shared, ip: IpAddr, id: u64) -> Handle<'a> {
        Handle { shared, ip, id }
    }

    /// The room, locked.
    pub(super) fn room(&self) -> MutexGuard<'_, Room> {
        self.shared.room()
    }
    /// The server's clock, ms.
    pub(super) fn now_ms(&self) -> f64 {
        self.shared.now_ms()
    }
    /// Whether the server is stopping.
    pub(super) fn stopped(&self) -> bool {
        self.shared.stop.load(Ordering::Relaxed)
    }
    /// The connection joined: it never gives way to another.
    pub(super) fn joined(&self) {
        slots::lock(&self.shared.conns).joined(self.id, Instant::now());
    }
    /// The wrong room codes per address, locked.
    pub(super) fn wrong_codes(&self) -> MutexGuard<'_, WrongCodes> {
        self.shared
            .wrong_codes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }
}
