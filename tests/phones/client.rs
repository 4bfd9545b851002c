//! A test phone: a WebSocket client that answers pings, and a plain HTTP GET.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use serde_json::Value;
use tungstenite::{Message, WebSocket};

/// A phone with an honest clock and a fast network.
pub struct Client {
    ws: WebSocket<TcpStream>,
    start: Instant,
}

impl Client {
    /// Opens the WebSocket at `/ws`.
    pub fn connect(addr: SocketAddr) -> Client {
        let stream = TcpStream::connect(addr).unwrap();
        let (ws, _) = tungstenite::client(format!("ws://{addr}/ws"), stream).unwrap();
        ws.get_ref()
            .set_read_timeout(Some(Duration::from_millis(20)))
            .unwrap();
        Client {
            ws,
            start: Instant::now(),
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

    /// Says hello and returns the welcome.
    pub fn hello(&mut self, code: &str, name: &str, token: Option<&str>) -> Value {
        let token = token.map_or("null".to_string(), |t| format!("\"{t}\""));
        self.send(&format!(
            r#"{{"type":"hello","v":2,"room":"{code}","name":"{name}","token":{token}}}"#
        ));
        self.expect("welcome")
    }

    /// Waits for a message of type `kind`, answering pings and skipping the others.
    pub fn expect(&mut self, kind: &str) -> Value {
        let end = Instant::now() + Duration::from_secs(10);
        while Instant::now() < end {
            let msg = match self.ws.read() {
                Ok(Message::Text(t)) => t.to_string(),
                Ok(_) => continue,
                Err(tungstenite::Error::Io(_)) => continue,
                Err(e) => panic!("waiting for {kind}: {e}"),
            };
            let v: Value = serde_json::from_str(&msg).unwrap();
            if v["type"] == "ping" && kind != "ping" {
                let p = self.start.elapsed().as_secs_f64() * 1000.0;
                self.send(&format!(r#"{{"type":"pong","s":{},"p":{p}}}"#, v["s"]));
            } else if v["type"] == kind {
                return v;
            }
        }
        panic!("no {kind} came");
    }
}

impl Client {
    /// Reads for `time`, answering pings as the page does: how many pings came, or why the
    /// connection ended.
    pub fn pump(&mut self, time: Duration) -> Result<usize, String> {
        let end = Instant::now() + time;
        let mut pings = 0;
        while Instant::now() < end {
            let msg = match self.ws.read() {
                Ok(Message::Text(t)) => t.to_string(),
                Ok(Message::Close(c)) => return Err(format!("closed: {c:?}")),
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    continue;
                }
                Err(e) => return Err(e.to_string()),
            };
            let v: Value = serde_json::from_str(&msg).unwrap();
            if v["type"] == "ping" {
                pings += 1;
                let p = self.start.elapsed().as_secs_f64() * 1000.0;
                let pong = format!(r#"{{"type":"pong","s":{},"p":{p}}}"#, v["s"]);
                self.ws
                    .send(Message::text(pong))
                    .map_err(|e| e.to_string())?;
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
