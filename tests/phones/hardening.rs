//! A real room's hostile corners: a flood of WebSocket control frames, a phone toggling seats in a
//! loop, someone guessing the room code, another website's page on a phone, and a full room that
//! still takes back its own phones.

use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use tungstenite::client::IntoClientRequest;
use tungstenite::{Message, WebSocket};
use tutti::phones::MAX_PHONES;
use tutti::phones::room::WRONG_CODES_ALLOWED;
use tutti::phones::room_state::PhoneEvent;

use super::client::Client;
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
    let mut honest = Client::connect(s.addr());
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
    let mut a = Client::connect(s.addr());
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
        .filter(|e| matches!(e, PhoneEvent::Seated { .. }))
        .count();
    assert!(seated <= 2, "{seated} seat changes went through");
    assert_eq!(s.phones()[0].seat, None);
}

/// A few typos still get in; an address that keeps guessing is refused for a while, even with
/// the right code, and the phones already in play on.
#[test]
fn guessing_the_room_code_is_refused_for_a_while() {
    let s = server(2);
    let code = s.code().to_string();
    let wrong = r#"{"type":"hello","v":2,"room":"ZZZZZ","name":"x"}"#;
    let mut a = Client::connect(s.addr());
    for _ in 0..2 {
        a.send(wrong);
        assert_eq!(a.expect("refused")["reason"], "room");
    }
    a.hello(&code, "Ann", None);
    let mut guesser = Client::connect(s.addr());
    for _ in 0..WRONG_CODES_ALLOWED {
        guesser.send(wrong);
        assert_eq!(guesser.expect("refused")["reason"], "room");
    }
    let mut again = Client::connect(s.addr());
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
    let mut phones: Vec<Client> = (0..MAX_PHONES)
        .map(|i| {
            let mut c = Client::connect(s.addr());
            let welcome = c.hello(&code, &format!("P{i}"), None);
            tokens.push(welcome["token"].as_str().unwrap().to_owned());
            c
        })
        .collect();
    drop(phones.remove(0));
    wait_event(&s, &mut seen, |e| matches!(e, PhoneEvent::Away { .. }));
    let mut stranger = Client::connect(s.addr());
    stranger.send(&format!(
        r#"{{"type":"hello","v":2,"room":"{code}","name":"late"}}"#
    ));
    assert_eq!(stranger.expect("refused")["reason"], "full");
    let mut back = Client::connect(s.addr());
    assert_eq!(back.hello(&code, "P0", Some(&tokens[0]))["phone"], 0);
    // Phone 1's old connection is still open: its new one replaces it.
    let mut again = Client::connect(s.addr());
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
    let mut a = Client::connect(s.addr());
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
    assert_eq!(s.phones()[0].seat, Some(1), "the seat waits for her");
    assert!(!s.phones()[0].connected);
    drop(a);
    let mut back = Client::connect(s.addr());
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
