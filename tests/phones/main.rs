//! The phones' server on 127.0.0.1 (port 0), driven by WebSocket clients: the page, joining,
//! seats, clock sync against a phone clock 500 ms off over a slow network, reconnection, a crowd
//! with hostile traffic, a server process stopped and continued, and a second client written
//! from `docs/phones.md` alone.

mod crowd;
mod doc_client;
mod hardening;
// The test phone the headless tests use too (each binary uses part of it).
#[allow(dead_code)]
#[path = "../common/phone.rs"]
mod phone;
#[path = "../common/stand_in.rs"]
mod stand_in;
mod stop;
mod timing;
mod vote;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tutti::phones::room_state::PhoneEvent;
use tutti::phones::{PhoneServer, RoomCode, SeatInfo, ServerConfig};

use phone::Phone;
use stand_in::StandIn;

/// A server on a free local port with room code `ABCD` and `n` seats, the game's part played
/// beside it.
pub fn server(n: usize) -> StandIn {
    let addr: SocketAddr = "127.0.0.1:0".parse().unwrap();
    // Every test phone comes from 127.0.0.1: the crowd of 40 and more may all connect.
    let config = ServerConfig {
        code: Some(RoomCode::from_rng(&mut rand_seeded())),
        max_per_address: tutti::phones::server::MAX_CONNECTIONS,
        ..ServerConfig::default()
    };
    StandIn::new(PhoneServer::bind(addr, config).unwrap(), seats(n))
}

fn rand_seeded() -> rand_chacha::ChaCha8Rng {
    use rand::SeedableRng;
    rand_chacha::ChaCha8Rng::seed_from_u64(1)
}

/// `n` seats as the game would offer them.
pub fn seats(n: usize) -> Vec<SeatInfo> {
    (0..n)
        .map(|d| SeatInfo {
            dept: d,
            name: format!("Dept {d}"),
            instrument: "cello".into(),
            colour: "#aa3355".into(),
            shape: "circle".into(),
            taken_by: None,
        })
        .collect()
}

/// Waits until an event matching `f` comes (collecting the others into `seen`).
pub fn wait_event(
    s: &StandIn,
    seen: &mut Vec<PhoneEvent>,
    f: impl Fn(&PhoneEvent) -> bool,
) -> PhoneEvent {
    let end = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(i) = seen.iter().position(&f) {
            return seen.remove(i);
        }
        assert!(Instant::now() < end, "no such event; saw {seen:?}");
        seen.extend(s.poll());
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn serves_the_page_and_nothing_else() {
    let s = server(2);
    let page = phone::http_get(s.addr(), "/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("pointerdown") && page.contains("Rumkode"));
    // The page says hello in the server's protocol version.
    let v = tutti::phones::protocol::PROTOCOL_VERSION;
    assert!(page.contains(&format!("type: \"hello\", v: {v},")), "v{v}");
    assert!(phone::http_get(s.addr(), "/secret").starts_with("HTTP/1.1 404"));
}

/// A client dripping its request head a byte a second is closed once the handshake's few seconds
/// are up, not kept for as long as it keeps dripping.
#[test]
fn a_slow_drip_is_closed_within_seconds() {
    use std::io::{Read, Write};
    let s = server(2);
    let mut sock = std::net::TcpStream::connect(s.addr()).unwrap();
    sock.set_read_timeout(Some(Duration::from_millis(50)))
        .unwrap();
    let start = Instant::now();
    let head = b"GET /ws HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    let mut closed = None;
    for &b in head.iter().cycle() {
        if sock.write_all(&[b]).is_err() {
            closed = Some(start.elapsed());
            break;
        }
        let mut buf = [0u8; 64];
        match sock.read(&mut buf) {
            Ok(0) => {
                closed = Some(start.elapsed());
                break;
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            _ => {
                closed = Some(start.elapsed());
                break;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(12),
            "still open after 12 s"
        );
        std::thread::sleep(Duration::from_millis(950));
    }
    let closed = closed.unwrap();
    assert!(
        closed < Duration::from_millis(6500),
        "closed after {closed:?}"
    );
    assert!(
        closed > Duration::from_secs(3),
        "closed too soon, after {closed:?}"
    );
}

#[test]
fn a_taken_port_says_so() {
    let s = server(1);
    let again = PhoneServer::bind(s.addr(), ServerConfig::default());
    assert_eq!(
        again.unwrap_err().kind(),
        std::io::ErrorKind::AddrInUse,
        "a second server on the same port"
    );
}

#[test]
fn join_take_and_leave_seats() {
    let s = server(3);
    let code = s.code().to_string();
    let mut seen = Vec::new();
    let mut a = Phone::connect(s.addr());
    let mut b = Phone::connect(s.addr());
    let wa = a.hello(&code, "Ann", None);
    assert_eq!(wa["seat"], serde_json::Value::Null);
    b.hello(&code, "  Bo\\u0007 ", None);
    wait_event(
        &s,
        &mut seen,
        |e| matches!(e, PhoneEvent::Joined { name, .. } if name == "Bo"),
    );
    a.send(r#"{"type":"seat","dept":1}"#);
    a.expect("seated");
    wait_event(
        &s,
        &mut seen,
        |e| matches!(e, PhoneEvent::SeatWanted { dept: 1, name, .. } if name == "Ann"),
    );
    b.send(r#"{"type":"seat","dept":1}"#);
    assert_eq!(b.expect("refused")["reason"], "taken");
    b.send(r#"{"type":"seat","dept":7}"#);
    assert_eq!(b.expect("refused")["reason"], "taken");
    a.send(r#"{"type":"audience"}"#);
    a.expect("unseated");
    wait_event(&s, &mut seen, |e| matches!(e, PhoneEvent::SeatLeft { .. }));
    b.send(r#"{"type":"seat","dept":1}"#);
    b.expect("seated");
    let phones = s.phones();
    assert_eq!(phones.len(), 2);
    assert_eq!(s.seat_of(phones[1].phone), Some(1));
}

#[test]
fn a_key_seat_is_never_a_phones_and_the_facilitator_frees_one() {
    let s = server(2);
    let mut a = Phone::connect(s.addr());
    a.hello(&s.code().to_string(), "Ann", None);
    s.key_on(0);
    a.send(r#"{"type":"seat","dept":0}"#);
    assert_eq!(a.expect("refused")["reason"], "taken");
    a.send(r#"{"type":"seat","dept":1}"#);
    a.expect("seated");
    let phone = s.phones()[0].phone;
    s.free_seat(phone);
    a.expect("unseated");
    assert_eq!(s.seat_of(phone), None);
}

#[test]
fn wrong_code_version_or_closed_joining_are_refused() {
    let s = server(2);
    let mut a = Phone::connect(s.addr());
    a.send(r#"{"type":"hello","v":2,"room":"QQQQ","name":"Ann"}"#);
    assert_eq!(a.expect("refused")["reason"], "room");
    a.send(r#"{"type":"hello","v":9,"room":"ABCD","name":"Ann"}"#);
    assert_eq!(a.expect("refused")["reason"], "version");
    a.send(r#"{"type":"hello","v":2,"room":"ABCD","name":"   "}"#);
    let code = s.code().to_string();
    let mut b = Phone::connect(s.addr());
    let token = b.hello(&code, "Bo", None)["token"]
        .as_str()
        .unwrap()
        .to_string();
    drop(b);
    s.set_joining(false);
    let mut c = Phone::connect(s.addr());
    c.send(&format!(
        r#"{{"type":"hello","v":2,"room":"{code}","name":"Cy"}}"#
    ));
    assert_eq!(c.expect("refused")["reason"], "closed");
    let mut b = Phone::connect(s.addr());
    b.hello(&code, "Bo", Some(&token));
    assert!(s.phones().iter().all(|p| p.name != "Cy"));
}

#[test]
fn a_phone_that_comes_back_keeps_its_seat() {
    let s = server(3);
    let code = s.code().to_string();
    let mut seen = Vec::new();
    let mut a = Phone::connect(s.addr());
    let token = a.hello(&code, "Ann", None)["token"]
        .as_str()
        .unwrap()
        .to_string();
    a.send(r#"{"type":"seat","dept":2}"#);
    a.expect("seated");
    drop(a);
    let away = wait_event(&s, &mut seen, |e| matches!(e, PhoneEvent::Away { .. }));
    let mut other = Phone::connect(s.addr());
    other.hello(&code, "Bo", None);
    other.send(r#"{"type":"seat","dept":2}"#);
    assert_eq!(other.expect("refused")["reason"], "taken");
    let mut a = Phone::connect(s.addr());
    let welcome = a.hello(&code, "Ann", Some(&token));
    assert_eq!(welcome["seat"], 2);
    let PhoneEvent::Away { phone } = away else {
        unreachable!()
    };
    wait_event(&s, &mut seen, |e| *e == PhoneEvent::Back { phone });
    assert_eq!(s.seat_of(phone), Some(2));
}
