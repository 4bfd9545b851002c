//! The test phone both test binaries use (the phones' server alone, and the game without a
//! window): a WebSocket client that answers pings with its own honest clock as the page does,
//! keeping what it read until a test asks for it, and a plain HTTP GET. The second client,
//! `tests/phones/doc_client.rs`, is written from `docs/phones.md` alone and shares nothing with it.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use serde_json::Value;
use tungstenite::{Message, WebSocket};

/// How long one read waits for a message.
const READ_STEP: Duration = Duration::from_millis(5);

/// How long [`Phone::expect`] waits for a message.
const EXPECT_WITHIN: Duration = Duration::from_secs(10);

/// A phone with an honest clock and a fast network.
pub struct Phone {
    ws: WebSocket<TcpStream>,
    start: Instant,
    /// Messages read (pings answered and left out) and not yet asked for, oldest first.
    inbox: VecDeque<Value>,
}

/// What one read of the socket gave.
enum Read1 {
    /// A message (not a ping).
    Message(Value),
    /// A ping, answered.
    Ping,
    /// Nothing within [`READ_STEP`].
    Nothing,
    /// The connection ended, and why.
    Ended(String),
}

impl Phone {
    /// Opens the WebSocket at `/ws` of the server at `addr`.
    pub fn connect(addr: SocketAddr) -> Phone {
        let stream = TcpStream::connect(addr).unwrap();
        let (ws, _) = tungstenite::client(format!("ws://{addr}/ws"), stream).unwrap();
        ws.get_ref().set_read_timeout(Some(READ_STEP)).unwrap();
        Phone {
            ws,
            start: Instant::now(),
            inbox: VecDeque::new(),
        }
    }

    /// Sends one text message.
    pub fn send(&mut self, text: &str) {
        self.ws.send(Message::text(text)).unwrap();
    }

    /// Sends one binary message.
    pub fn send_binary(&mut self, bytes: Vec<u8>) {
        self.ws.send(Message::binary(bytes)).unwrap();
    }

    /// The phone's clock now, ms, as the page stamps a tap.
    pub fn now(&self) -> f64 {
        self.start.elapsed().as_secs_f64() * 1000.0
    }

    /// Says hello to room `code` as `name` (with its seat token when it comes back); the welcome
    /// is for [`Phone::expect`] or [`Phone::wait_for`].
    pub fn say_hello(&mut self, code: &str, name: &str, token: Option<&str>) {
        let token = token.map_or("null".to_owned(), |t| format!("\"{t}\""));
        let v = tutti::phones::protocol::PROTOCOL_VERSION;
        self.send(&format!(
            r#"{{"type":"hello","v":{v},"room":"{code}","name":"{name}","token":{token}}}"#
        ));
    }

    /// Says hello and returns the welcome.
    pub fn hello(&mut self, code: &str, name: &str, token: Option<&str>) -> Value {
        self.say_hello(code, name, token);
        self.expect("welcome")
    }

    /// Reads one message, answering a ping.
    fn read_one(&mut self) -> Read1 {
        let text = match self.ws.read() {
            Ok(Message::Text(t)) => t.to_string(),
            Ok(Message::Close(c)) => return Read1::Ended(format!("closed: {c:?}")),
            Ok(_) => return Read1::Nothing,
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Read1::Nothing;
            }
            Err(e) => return Read1::Ended(e.to_string()),
        };
        let v: Value = serde_json::from_str(&text).unwrap();
        if v["type"] != "ping" {
            return Read1::Message(v);
        }
        let pong = format!(r#"{{"type":"pong","s":{},"p":{}}}"#, v["s"], self.now());
        match self.ws.send(Message::text(pong)) {
            Ok(()) => Read1::Ping,
            Err(e) => Read1::Ended(e.to_string()),
        }
    }

    /// Reads what came, answering pings, into the inbox; why the connection ended, if it did.
    fn read_all(&mut self) -> Result<(), String> {
        loop {
            match self.read_one() {
                Read1::Message(v) => self.inbox.push_back(v),
                Read1::Ping => {}
                Read1::Nothing => return Ok(()),
                Read1::Ended(why) => return Err(why),
            }
        }
    }

    /// Everything that came and was not asked for yet (answering pings), without waiting.
    pub fn drain(&mut self) -> Vec<Value> {
        let _ = self.read_all();
        self.inbox.drain(..).collect()
    }

    /// The first message of type `kind`, the ones before it passed over; `between` runs while
    /// none has come (a game's frame, or a look at the time), at most `tries` times.
    pub fn wait_for(&mut self, kind: &str, tries: usize, mut between: impl FnMut()) -> Value {
        for _ in 0..=tries {
            if let Err(why) = self.read_all() {
                panic!("waiting for {kind}: {why}");
            }
            while let Some(v) = self.inbox.pop_front() {
                if v["type"] == kind {
                    return v;
                }
            }
            between();
        }
        panic!("no {kind} came");
    }

    /// Waits up to ten seconds for a message of type `kind` (the ones before it passed over).
    pub fn expect(&mut self, kind: &str) -> Value {
        let end = Instant::now() + EXPECT_WITHIN;
        self.wait_for(kind, usize::MAX - 1, || {
            assert!(Instant::now() < end, "no {kind} came");
        })
    }

    /// Reads for `time`, answering pings as the page does (the other messages are kept): how many
    /// pings came, or why the connection ended.
    pub fn pump(&mut self, time: Duration) -> Result<usize, String> {
        let end = Instant::now() + time;
        let mut pings = 0;
        while Instant::now() < end {
            match self.read_one() {
                Read1::Message(v) => self.inbox.push_back(v),
                Read1::Ping => pings += 1,
                Read1::Nothing => {}
                Read1::Ended(why) => return Err(why),
            }
        }
        Ok(pings)
    }
}

/// A whole HTTP GET of `path`, as text.
pub fn http_get(addr: SocketAddr, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}
