//! A real room's hostile corners: a flood of WebSocket control frames, a phone toggling seats in a
//! loop, someone guessing the room code, another website's page on a phone, a full room that
//! still takes back its own phones, oversized messages and unreadable hellos answered, names with
//! nothing visible refused, and strangers holding every connection they can.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use tungstenite::client::IntoClientRequest;
use tungstenite::{Message, WebSocket};
use tutti::phones::MAX_PHONES;
use tutti::phones::room::WRONG_CODES_ALLOWED;
use tutti::phones::room_state::PhoneEvent;

use super::phone::Phone;
use super::{server, wait_event};

/// Whether the server closes `ws` within `within` (its reads answered, nothing sent).
fn closed_within(ws: &mut WebSocket<TcpStream>, within: Duration) -> bool {
    ws.get_ref()
        .set_read_timeout(Some(Duration::from_millis(20)))
        .unwrap();
    let end = Instant::now() + within;
    while Instant::now() < end {
        match ws.read() {
            Ok(Message::Close(_)) => return true,
            Ok(_) => {}
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return true,
        }
    }
    false
}

/// A WebSocket to `/ws` sent with the header `Origin: origin`.
fn with_origin(addr: SocketAddr, origin: &str) -> Result<WebSocket<TcpStream>, String> {
    let mut request = format!("ws://{addr}/ws").into_client_request().unwrap();
    request
        .headers_mut()
        .insert("Origin", origin.parse().unwrap());
    let stream = TcpStream::connect(addr).unwrap();
    match tungstenite::client(request, stream) {
        Ok((ws, _)) => Ok(ws),
        Err(tungstenite::HandshakeError::Failure(tungstenite::Error::Http(r))) => {
            Err(r.status().to_string())
        }
        Err(e) => Err(e.to_string()),
    }
}

/// Control frames count like any other: a flood of pings is refused and closes the connection,
/// and a phone already in plays on.
#[test]
fn a_flood_of_pings_is_closed() {
    let s = server(2);
    let code = s.code().to_string();
    let mut honest = Phone::connect(s.addr());
    honest.hello(&code, "Ann", None);
    let stream = TcpStream::connect(s.addr()).unwrap();
    let (mut ws, _) = tungstenite::client(format!("ws://{}/ws", s.addr()), stream).unwrap();
    for _ in 0..500 {
        if ws.send(Message::Ping(vec![1, 2, 3].into())).is_err() {
            break;
        }
    }
    assert!(
        closed_within(&mut ws, Duration::from_secs(5)),
        "a ping flood keeps its connection"
    );
    honest.send(r#"{"type":"seat","dept":0}"#);
    honest.expect("seated");
}

/// Seat changes have their own small limit: a phone toggling in a loop is refused without effect.
#[test]
fn toggling_seats_in_a_loop_is_refused() {
    let s = server(2);
    let mut seen = Vec::new();
    let mut a = Phone::connect(s.addr());
    a.hello(&s.code().to_string(), "Ann", None);
    for _ in 0..20 {
        a.send(r#"{"type":"seat","dept":0}"#);
        a.send(r#"{"type":"audience"}"#);
    }
    assert_eq!(a.expect("refused")["reason"], "too_fast");
    std::thread::sleep(Duration::from_millis(300));
    seen.extend(s.poll());
    let seated = seen
        .iter()
        .filter(|e| matches!(e, PhoneEvent::SeatWanted { .. }))
        .count();
    assert!(seated <= 2, "{seated} seat changes went through");
    assert_eq!(s.seat_of(s.phones()[0].phone), None);
}

/// A few typos still get in; an address that keeps guessing is refused for a while, even with
/// the right code, and the phones already in play on.
#[test]
fn guessing_the_room_code_is_refused_for_a_while() {
    let s = server(2);
    let code = s.code().to_string();
    let wrong = r#"{"type":"hello","v":2,"room":"ZZZZZ","name":"x"}"#;
    let mut a = Phone::connect(s.addr());
    for _ in 0..2 {
        a.send(wrong);
        assert_eq!(a.expect("refused")["reason"], "room");
    }
    a.hello(&code, "Ann", None);
    let mut guesser = Phone::connect(s.addr());
    for _ in 0..WRONG_CODES_ALLOWED {
        guesser.send(wrong);
        assert_eq!(guesser.expect("refused")["reason"], "room");
    }
    let mut again = Phone::connect(s.addr());
    again.send(&format!(
        r#"{{"type":"hello","v":2,"room":"{code}","name":"Bo"}}"#
    ));
    assert_eq!(again.expect("refused")["reason"], "wait");
    assert_eq!(s.phones().len(), 1);
    a.send(r#"{"type":"seat","dept":1}"#);
    a.expect("seated");
}

/// A page from another website (its `Origin` is not this server) cannot open a socket; the
/// game's own page can.
#[test]
fn another_origin_is_refused() {
    let s = server(1);
    let refused = with_origin(s.addr(), "http://evil.example").unwrap_err();
    assert!(refused.contains("403"), "{refused}");
    let refused = with_origin(s.addr(), "http://127.0.0.1:1").unwrap_err();
    assert!(refused.contains("403"), "{refused}");
    let own = format!("http://{}", s.addr());
    let mut ws = with_origin(s.addr(), &own).expect("the page's own origin");
    let hello = format!(
        r#"{{"type":"hello","v":2,"room":"{}","name":"Ann"}}"#,
        s.code()
    );
    ws.send(Message::text(hello)).unwrap();
    let end = Instant::now() + Duration::from_secs(5);
    while s.phones().is_empty() && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(s.phones().len(), 1);
}

/// Away phones count toward the 40 (they keep their seat token), and a phone with its token always
/// gets back in: away, or on a new connection while its old one still looks open.
#[test]
fn a_full_room_still_takes_back_its_own_phones() {
    let s = server(2);
    let code = s.code().to_string();
    let mut seen = Vec::new();
    let mut tokens = Vec::new();
    let mut phones: Vec<Phone> = (0..MAX_PHONES)
        .map(|i| {
            let mut c = Phone::connect(s.addr());
            let welcome = c.hello(&code, &format!("P{i}"), None);
            tokens.push(welcome["token"].as_str().unwrap().to_owned());
            c
        })
        .collect();
    drop(phones.remove(0));
    wait_event(&s, &mut seen, |e| matches!(e, PhoneEvent::Away { .. }));
    let mut stranger = Phone::connect(s.addr());
    stranger.send(&format!(
        r#"{{"type":"hello","v":2,"room":"{code}","name":"late"}}"#
    ));
    assert_eq!(stranger.expect("refused")["reason"], "full");
    let mut back = Phone::connect(s.addr());
    assert_eq!(back.hello(&code, "P0", Some(&tokens[0]))["phone"], 0);
    // Phone 1's old connection is still open: its new one replaces it.
    let mut again = Phone::connect(s.addr());
    assert_eq!(again.hello(&code, "P1", Some(&tokens[1]))["phone"], 1);
    assert_eq!(s.phones().len(), MAX_PHONES);
    again.send(r#"{"type":"seat","dept":1}"#);
    again.expect("seated");
}

/// A seated phone that falls silent (out of Wi-Fi, or a locked phone whose page is frozen while
/// its socket still looks open) is away within a few seconds, so the colleague plays its seat; it
/// comes back with its token.
#[test]
fn a_silent_phone_is_away_and_comes_back() {
    let s = server(2);
    let mut seen = Vec::new();
    let mut a = Phone::connect(s.addr());
    let token = a.hello(s.code().as_str(), "Ann", None)["token"]
        .as_str()
        .unwrap()
        .to_owned();
    a.send(r#"{"type":"seat","dept":1}"#);
    a.expect("seated");
    let quiet = Instant::now();
    // Ann stops answering, but keeps her socket open.
    wait_event(&s, &mut seen, |e| matches!(e, PhoneEvent::Away { .. }));
    let after = quiet.elapsed();
    assert!(
        after.as_secs_f64() * 1000.0 >= tutti::phones::QUIET_MS - 1500.0
            && after < Duration::from_secs(8),
        "away after {after:?}"
    );
    let ann = s.phones()[0].phone;
    assert_eq!(s.seat_of(ann), Some(1), "the seat waits for her");
    assert!(!s.phones()[0].connected);
    drop(a);
    let mut back = Phone::connect(s.addr());
    let welcome = back.hello(s.code().as_str(), "Ann", Some(&token));
    assert_eq!(welcome["seat"], 1);
    wait_event(&s, &mut seen, |e| matches!(e, PhoneEvent::Back { .. }));
}

/// One address may hold only so many connections: a device opening socket after socket cannot
/// keep the room's phones out, and a closed one gives its place back.
#[test]
fn one_address_cannot_hold_every_connection() {
    let config = tutti::phones::ServerConfig {
        max_per_address: 2,
        ..tutti::phones::ServerConfig::default()
    };
    let s = tutti::phones::PhoneServer::bind("127.0.0.1:0".parse().unwrap(), config).unwrap();
    let open = |addr: SocketAddr| {
        let stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        tungstenite::client(format!("ws://{addr}/ws"), stream)
            .map(|(ws, _)| ws)
            .map_err(|e| e.to_string())
    };
    let first = open(s.addr()).expect("the first connection");
    let _second = open(s.addr()).expect("the second connection");
    assert!(open(s.addr()).is_err(), "a third from the same address");
    drop(first);
    let end = Instant::now() + Duration::from_secs(5);
    while s.open_connections() > 1 && Instant::now() < end {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(open(s.addr()).is_ok(), "a closed one gives its place back");
}

/// A message over 2 KiB from a seated phone (text or binary, up to the 64 KiB read at all) is
/// refused `too_long` without effect: the connection and its seat stay.
#[test]
fn a_frame_over_2_kib_is_refused_and_the_phone_keeps_its_seat() {
    let s = server(2);
    let mut seen = Vec::new();
    let mut a = Phone::connect(s.addr());
    a.hello(s.code().as_str(), "Ann", None);
    a.send(r#"{"type":"seat","dept":0}"#);
    a.expect("seated");
    for size in [2049, 3000, 10_000, 60_000] {
        let pad = "x".repeat(size - r#"{"type":"tap","t":1,"pad":""}"#.len());
        let text = format!(r#"{{"type":"tap","t":1,"pad":"{pad}"}}"#);
        assert_eq!(text.len(), size);
        a.send(&text);
        assert_eq!(a.expect("refused")["reason"], "too_long", "{size} bytes");
    }
    a.send_binary(vec![7; 3000]);
    assert_eq!(a.expect("refused")["reason"], "too_long", "binary");
    // Still connected, still seated, still tapping.
    a.send(r#"{"type":"tap","t":1}"#);
    wait_event(
        &s,
        &mut seen,
        |e| matches!(e, PhoneEvent::Tap { phone, .. } if s.seat_of(*phone) == Some(0)),
    );
    assert!(!seen.iter().any(|e| matches!(e, PhoneEvent::Away { .. })));
    let phones = s.phones();
    let seat = s.seat_of(phones[0].phone);
    assert_eq!((seat, phones[0].connected), (Some(0), true));
}

/// A `hello` whose `v` is not a number the server reads (beyond a u32, negative, a fraction, a
/// string, missing) is refused `version`, not left unanswered; a malformed one of the right
/// version `hello`.
#[test]
fn a_hello_whose_version_cannot_be_read_is_refused() {
    let s = server(1);
    let code = s.code().to_string();
    let mut a = Phone::connect(s.addr());
    for v in [
        r#""v":4294967296,"#,
        r#""v":18446744073709551616,"#,
        r#""v":-2,"#,
        r#""v":2.5,"#,
        r#""v":"2","#,
        r#""v":null,"#,
        "",
    ] {
        a.send(&format!(
            r#"{{"type":"hello",{v}"room":"{code}","name":"Ann"}}"#
        ));
        assert_eq!(a.expect("refused")["reason"], "version", "{v}");
    }
    a.send(&format!(r#"{{"type":"hello","v":2,"room":"{code}"}}"#));
    assert_eq!(a.expect("refused")["reason"], "hello", "no name");
    assert!(s.phones().is_empty());
    a.hello(&code, "Ann", None);
}

/// Names with nothing visible left (invisible, bidi, filler and tag characters, marks on nothing)
/// are refused `name`; a name of stacked marks keeps two on its letter.
#[test]
fn a_name_with_nothing_visible_is_refused() {
    let s = server(1);
    let code = s.code().to_string();
    for name in [
        r"\u2060",
        r"\u061c",
        r"\u3164",
        r"\u2800",
        r"\u00ad",
        r"\u180e",
        r"\u206a",
        r"\u034f",
        r"\udb40\udc41\udb40\udc7f",
        r"\u0301\u0301",
        r" \u200b ",
    ] {
        let mut a = Phone::connect(s.addr());
        a.send(&format!(
            r#"{{"type":"hello","v":2,"room":"{code}","name":"{name}"}}"#
        ));
        assert_eq!(a.expect("refused")["reason"], "name", "{name}");
    }
    assert!(s.phones().is_empty());
    let mut z = Phone::connect(s.addr());
    z.hello(&code, &format!("Z{}", r"\u0301".repeat(19)), None);
    assert_eq!(s.phones()[0].name, "Z\u{301}\u{301}");
}

/// Holds `n` requests whose heads never end (a byte every 100 ms), opening another whenever the
/// server closes one, until `stop`: how many it opened.
fn slow_requests(addr: SocketAddr, n: usize, stop: Arc<AtomicBool>) -> JoinHandle<usize> {
    thread::spawn(move || {
        let mut held: Vec<TcpStream> = Vec::new();
        let mut opened = 0;
        while !stop.load(Ordering::Relaxed) {
            while held.len() < n {
                let Ok(mut s) = TcpStream::connect(addr) else {
                    break;
                };
                let _ = s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ");
                let _ = s.set_nonblocking(true);
                held.push(s);
                opened += 1;
            }
            held.retain_mut(|s| {
                let mut buf = [0u8; 64];
                match s.read(&mut buf) {
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        s.write_all(b"x").is_ok()
                    }
                    _ => false,
                }
            });
            thread::sleep(Duration::from_millis(100));
        }
        opened
    })
}

/// Opens `n` WebSockets that never say hello, opening another whenever the server closes one,
/// until `stop`.
fn silent_sockets(addr: SocketAddr, n: usize, stop: Arc<AtomicBool>) -> JoinHandle<usize> {
    thread::spawn(move || {
        let mut held: Vec<WebSocket<TcpStream>> = Vec::new();
        let mut opened = 0;
        while !stop.load(Ordering::Relaxed) {
            while held.len() < n {
                let Ok(stream) = TcpStream::connect(addr) else {
                    break;
                };
                let Ok((ws, _)) = tungstenite::client(format!("ws://{addr}/ws"), stream) else {
                    break;
                };
                let _ = ws.get_ref().set_nonblocking(true);
                held.push(ws);
                opened += 1;
            }
            held.retain_mut(|ws| match ws.read() {
                Err(tungstenite::Error::Io(e)) => e.kind() == std::io::ErrorKind::WouldBlock,
                Ok(Message::Close(_)) | Err(_) => false,
                Ok(_) => true,
            });
            thread::sleep(Duration::from_millis(100));
        }
        opened
    })
}

/// Strangers holding every connection they can (150 requests whose heads never end, 64 sockets
/// that never say hello, each reopened as soon as it is closed) keep nobody out: while they hold
/// them, a fresh page loads, a phone comes back with its token to its seat, and a new phone
/// joins.
#[test]
fn strangers_holding_every_connection_keep_no_phone_out() {
    use tutti::phones::server::{MAX_CONNECTIONS, MAX_HEADS, SLOW_HELLO};
    // Every test connection comes from 127.0.0.1: as if each stranger had an address of its own.
    let config = tutti::phones::ServerConfig {
        max_per_address: 10_000,
        ..tutti::phones::ServerConfig::default()
    };
    let s = tutti::phones::PhoneServer::bind("127.0.0.1:0".parse().unwrap(), config).unwrap();
    let s = super::StandIn::new(s, super::seats(2));
    let code = s.code().to_string();
    let mut seen = Vec::new();
    let mut ann = Phone::connect(s.addr());
    let token = ann.hello(&code, "Ann", None)["token"]
        .as_str()
        .unwrap()
        .to_owned();
    ann.send(r#"{"type":"seat","dept":1}"#);
    ann.expect("seated");
    drop(ann);
    wait_event(&s, &mut seen, |e| matches!(e, PhoneEvent::Away { .. }));

    let stop = Arc::new(AtomicBool::new(false));
    let addr = s.addr();
    let mut strangers = vec![silent_sockets(addr, MAX_CONNECTIONS, Arc::clone(&stop))];
    let full = Instant::now() + Duration::from_secs(10);
    while s.open_connections() < MAX_CONNECTIONS && Instant::now() < full {
        thread::sleep(Duration::from_millis(20));
    }
    strangers.extend((0..3).map(|_| slow_requests(addr, 50, Arc::clone(&stop))));
    while s.open_connections() < MAX_CONNECTIONS + MAX_HEADS && Instant::now() < full {
        thread::sleep(Duration::from_millis(20));
    }
    // Every socket and every request being sent (before issue 24: every one of the 64
    // connections of any kind).
    let held = s.open_connections();
    assert!(
        held >= MAX_CONNECTIONS,
        "the strangers hold {held} connections"
    );
    // The silent sockets have said nothing for long enough to give way.
    thread::sleep(SLOW_HELLO + Duration::from_millis(300));

    let page = super::phone::http_get(addr, "/");
    assert!(page.starts_with("HTTP/1.1 200"), "a fresh page: {page:?}");
    let mut back = Phone::connect(addr);
    assert_eq!(back.hello(&code, "Ann", Some(&token))["seat"], 1);
    wait_event(&s, &mut seen, |e| matches!(e, PhoneEvent::Back { .. }));
    let mut bo = Phone::connect(addr);
    bo.hello(&code, "Bo", None);
    bo.send(r#"{"type":"seat","dept":0}"#);
    bo.expect("seated");
    assert!(
        s.open_connections() >= MAX_CONNECTIONS,
        "the strangers still hold {} connections",
        s.open_connections()
    );
    stop.store(true, Ordering::Relaxed);
    let opened: usize = strangers.into_iter().map(|t| t.join().unwrap()).sum();
    assert!(opened >= 150 + MAX_CONNECTIONS, "{opened}");
    back.send(r#"{"type":"tap","t":1}"#);
    wait_event(
        &s,
        &mut seen,
        |e| matches!(e, PhoneEvent::Tap { phone, .. } if s.seat_of(*phone) == Some(1)),
    );
}
