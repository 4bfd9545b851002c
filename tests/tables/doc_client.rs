//! A table written from `docs/tables.md` alone: it knows the messages as the page lists them
//! (plain JSON, no type of the crate's), and plays a round as the page says a table does.

use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

use crate::support::{HostProc, folder, tutti};

type Ws = WebSocket<TcpStream>;

/// Opens `ws://127.0.0.1:PORT/table`.
fn open(port: u16) -> Ws {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let (ws, _) = tungstenite::client(format!("ws://127.0.0.1:{port}/table"), stream).unwrap();
    ws
}

fn say(ws: &mut Ws, v: Value) {
    ws.send(Message::text(v.to_string())).unwrap();
}

/// The next JSON message; `None` when the host closed the line.
fn hear(ws: &mut Ws) -> Option<Value> {
    loop {
        match ws.read() {
            Ok(Message::Text(t)) => return Some(serde_json::from_str(&t).unwrap()),
            Ok(Message::Close(_)) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// The next message of `kind`, skipping others.
fn hear_kind(ws: &mut Ws, kind: &str) -> Value {
    let until = Instant::now() + Duration::from_secs(30);
    loop {
        assert!(Instant::now() < until, "no {kind}");
        let m = hear(ws).unwrap_or_else(|| panic!("closed before {kind}"));
        if m["type"] == kind {
            return m;
        }
    }
}

#[test]
fn a_table_written_from_the_page_alone_joins_plays_a_round_and_is_refused_when_it_should_be() {
    let dir = folder("doc");
    let host = HostProc::start(&[
        "--tables",
        "1",
        "--rounds",
        "1",
        "--session",
        dir.to_str().unwrap(),
    ]);
    let version = env!("CARGO_PKG_VERSION");

    // Another version of Tutti is refused, with the host's.
    let mut other = open(host.port);
    say(
        &mut other,
        json!({"type": "hello", "v": 1, "version": "0.0.0-other", "room": host.code, "name": "Old laptop"}),
    );
    let refused = hear(&mut other).unwrap();
    assert_eq!(refused["type"], "refused");
    assert_eq!(refused["why"], "version");
    assert_eq!(refused["host_version"], version);
    assert!(hear(&mut other).is_none(), "the host closes the line");

    // The right version and code: welcome, with the scenario's text.
    let mut ws = open(host.port);
    say(
        &mut ws,
        json!({"type": "hello", "v": 1, "version": version, "room": host.code.to_lowercase(), "name": "  Doc table "}),
    );
    let welcome = hear_kind(&mut ws, "welcome");
    assert_eq!(welcome["name"], "Doc table");
    let level = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(crate::support::LEVEL),
    )
    .unwrap();
    assert_eq!(welcome["scenario"], level.as_str());

    // The clock.
    say(&mut ws, json!({"type": "ping", "id": 7}));
    let pong = hear_kind(&mut ws, "pong");
    assert_eq!(pong["id"], 7);
    assert!(pong["host_ms"].as_f64().unwrap() > 0.0);
    say(
        &mut ws,
        json!({"type": "seats", "seats": [{"dept": "it", "who": "Doc"}]}),
    );

    // The round starts; the table reports a bar, then its replay.
    let start = hear_kind(&mut ws, "start");
    assert_eq!(start["round"], 1);
    assert_eq!(start["seed"], 404);
    say(
        &mut ws,
        json!({"type": "live", "round": 1, "bar": 1, "audience": 70.0, "taken": 0, "missed": 0}),
    );
    let replay = dir.join("doc.replay");
    let made = tutti()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "simulate",
            crate::support::LEVEL,
            "--seed",
            "404",
            "--replay-out",
        ])
        .arg(&replay)
        .output()
        .unwrap();
    assert!(made.status.success());
    // A replay of another seed is not kept (no `received`); the round's is.
    let text = std::fs::read_to_string(&replay).unwrap();
    let other_seed = text.replacen("\n    seed: 404,\n", "\n    seed: 999,\n", 1);
    assert_ne!(other_seed, text);
    say(
        &mut ws,
        json!({"type": "round_done", "round": 1, "replay": other_seed}),
    );
    say(
        &mut ws,
        json!({"type": "round_done", "round": 1, "replay": text}),
    );
    assert_eq!(hear_kind(&mut ws, "received")["round"], 1);
    hear_kind(&mut ws, "over");
    assert!(
        host.said("seed 999"),
        "the other seed's replay is not kept, and the host says why"
    );
    let lines = host.json_lines(2, Duration::from_secs(10));
    assert_eq!(lines[0]["table"], "Doc table");
    assert_eq!(lines[1]["table"], Value::Null);
    assert_eq!(lines[1]["tables"], 1);
}

#[test]
fn a_hostile_line_is_refused_or_ignored_and_the_room_goes_on() {
    let dir = folder("hostile");
    let host = HostProc::start(&[
        "--tables",
        "2",
        "--rounds",
        "1",
        "--session",
        dir.to_str().unwrap(),
    ]);
    let version = env!("CARGO_PKG_VERSION");

    // Garbage instead of a hello: refused `hello`, the line closed.
    let mut stranger = open(host.port);
    say(&mut stranger, json!({"type": "seats", "seats": []}));
    let refused = hear(&mut stranger).unwrap();
    assert_eq!(refused["why"], "hello");
    assert!(hear(&mut stranger).is_none());

    // A table that sends garbage once in: ignored, the line stays and the clock still answers.
    let mut ws = open(host.port);
    say(
        &mut ws,
        json!({"type": "hello", "v": 1, "version": version, "room": host.code, "name": "Noisy"}),
    );
    hear_kind(&mut ws, "welcome");
    ws.send(Message::text("{not json")).unwrap();
    ws.send(Message::binary(vec![0u8; 1024])).unwrap();
    say(&mut ws, json!({"type": "live", "round": "one"}));
    say(
        &mut ws,
        json!({"type": "round_done", "round": 1, "replay": "x".repeat(100_000)}),
    );
    say(&mut ws, json!({"type": "ping", "id": 9}));
    assert_eq!(
        hear_kind(&mut ws, "pong")["id"],
        9,
        "the line stays after garbage"
    );
    crate::support::wait_for(|| host.said("Noisy: the round's replay is not usable"));

    // A name with nothing visible is refused; a message over 4 MiB ends only that line.
    let mut blank = open(host.port);
    say(
        &mut blank,
        json!({"type": "hello", "v": 1, "version": version, "room": host.code, "name": " \u{7} "}),
    );
    assert_eq!(hear(&mut blank).unwrap()["why"], "hello");
    let mut big = open(host.port);
    say(
        &mut big,
        json!({"type": "hello", "v": 1, "version": version, "room": host.code, "name": "Big"}),
    );
    hear_kind(&mut big, "welcome");
    let _ = big.send(Message::text("x".repeat(5 * 1024 * 1024)));
    let _ = big.flush();
    say(&mut ws, json!({"type": "ping", "id": 10}));
    assert_eq!(
        hear_kind(&mut ws, "pong")["id"],
        10,
        "the other table's line is untouched"
    );
}
