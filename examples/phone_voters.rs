//! A room of phones that vote on the debrief: joins the game's phones at `ADDR` with room code
//! `CODE` as one audience phone per vote given, answers the clock pings, and when the debrief's
//! vote opens casts the votes (option indices, one phone each, half a second apart, so the chart
//! is seen to grow). Stays until the vote closes or `SECONDS` pass. Run by
//! `scripts/debrief-vote-screenshot.sh`.
//!
//! `cargo run --example phone_voters -- ADDR CODE SECONDS OPTION...`

use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::Value;
use tungstenite::{Message, WebSocket};
use tutti::phones::protocol::PROTOCOL_VERSION;

type Socket = WebSocket<TcpStream>;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [addr, code, seconds, votes @ ..] = args.as_slice() else {
        return Err("usage: phone_voters ADDR CODE SECONDS OPTION...".into());
    };
    let end = Instant::now() + Duration::from_secs(seconds.parse().map_err(|_| "SECONDS")?);
    let votes: Vec<usize> = votes.iter().filter_map(|v| v.parse().ok()).collect();
    let mut phones = Vec::new();
    for (i, _) in votes.iter().enumerate() {
        phones.push(join(addr, code, &format!("Voter {}", i + 1))?);
    }
    println!("phone_voters: {} phones joined", phones.len());
    let start = Instant::now();
    let mut options = None;
    while options.is_none() && Instant::now() < end {
        for ws in &mut phones {
            if let Some(n) = read(ws, start).into_iter().find_map(|v| vote_options(&v)) {
                options = Some(n);
            }
        }
    }
    let Some(n) = options else {
        return Err("no vote opened".into());
    };
    println!("phone_voters: the vote opened with {n} options");
    for (i, &option) in votes.iter().enumerate() {
        let msg = format!(r#"{{"type":"vote","option":{}}}"#, option % n);
        phones[i]
            .send(Message::text(msg))
            .map_err(|e| e.to_string())?;
        // Every phone keeps answering its pings meanwhile (one silent for 4 s is away).
        let wait = Instant::now() + Duration::from_millis(500);
        while Instant::now() < wait {
            phones.iter_mut().for_each(|ws| drop(read(ws, start)));
        }
    }
    println!("phone_voters: {} votes cast", votes.len());
    while Instant::now() < end {
        for ws in &mut phones {
            if read(ws, start).iter().any(|v| v["type"] == "vote_closed") {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Opens a phone's WebSocket and says hello.
fn join(addr: &str, code: &str, name: &str) -> Result<Socket, String> {
    let stream = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    let (mut ws, _) =
        tungstenite::client(format!("ws://{addr}/ws"), stream).map_err(|e| e.to_string())?;
    ws.get_ref()
        .set_read_timeout(Some(Duration::from_millis(5)))
        .map_err(|e| e.to_string())?;
    let hello =
        format!(r#"{{"type":"hello","v":{PROTOCOL_VERSION},"room":"{code}","name":"{name}"}}"#);
    ws.send(Message::text(hello)).map_err(|e| e.to_string())?;
    Ok(ws)
}

/// The messages that came, answering pings on the phone's clock.
fn read(ws: &mut Socket, start: Instant) -> Vec<Value> {
    let mut got = Vec::new();
    while let Ok(Message::Text(t)) = ws.read() {
        let Ok(v) = serde_json::from_str::<Value>(t.as_str()) else {
            continue;
        };
        if v["type"] == "ping" {
            let p = start.elapsed().as_secs_f64() * 1000.0;
            let pong = format!(r#"{{"type":"pong","s":{},"p":{p}}}"#, v["s"]);
            let _ = ws.send(Message::text(pong));
        }
        got.push(v);
    }
    got
}

/// How many options a `vote` message offers.
fn vote_options(v: &Value) -> Option<usize> {
    (v["type"] == "vote")
        .then(|| v["options"].as_array().map(Vec::len))
        .flatten()
}
