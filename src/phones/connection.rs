//! One phone's WebSocket: its messages read as they come, the game's messages and clock pings
//! written between them, until it closes, misbehaves, falls silent, is replaced by the phone's
//! newer connection, or the server stops. Then the phone is away and its seat waits for it.

use std::io;
use std::sync::mpsc;
use std::time::Duration;

use super::protocol::ServerMsg;
use super::server::{Conn, Handle, PhoneSocket};

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
