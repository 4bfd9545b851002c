//! The stream under a phone's WebSocket: the request head the server already read, then the
//! socket, with signals' interruptions tried again.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::Instant;

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

impl Prefixed {
    /// `inner`, whose first bytes `head` were already read; reads wait until `deadline`, at
    /// most, until [`Prefixed::handshake_done`].
    pub(super) fn new(head: Vec<u8>, deadline: Instant, inner: TcpStream) -> Prefixed {
        Prefixed {
            head,
            pos: 0,
            deadline: Some(deadline),
            inner,
        }
    }

    /// The WebSocket handshake is over: reads no longer wait for its deadline.
    pub(super) fn handshake_done(&mut self) {
        self.deadline = None;
    }
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
