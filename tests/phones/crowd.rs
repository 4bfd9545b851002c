//! A full room with hostile traffic: 40 phones, the 41st refused, 10,000 garbage, oversized,
//! binary and too-frequent messages from strangers, and every honest tap still arrives.

use std::net::{SocketAddr, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use tungstenite::Message;
use tutti::phones::MAX_PHONES;
use tutti::phones::room_state::PhoneEvent;

use super::phone::Phone;
use super::server;

/// Sends `count` hostile messages, reconnecting whenever the server closes the connection.
fn garbage(addr: SocketAddr, count: usize, seed: usize) {
    let mut sent = 0;
    while sent < count {
        let Ok(stream) = TcpStream::connect(addr) else {
            continue;
        };
        let Ok((mut ws, _)) = tungstenite::client(format!("ws://{addr}/ws"), stream) else {
            continue;
        };
        while sent < count {
            let msg = match (sent + seed) % 6 {
                0 => Message::text("{{{{ not json"),
                1 => Message::text(format!(r#"{{"type":"tap","t":{sent}}}"#)),
                2 => Message::binary(vec![0u8; 64]),
                3 => Message::text(r#"{"type":"hello","v":2,"room":"ZZZZ","name":"x"}"#),
                4 => Message::text(r#"{"type":"seat","dept":18446744073709551615}"#),
                _ => Message::text("x".repeat(100_000)),
            };
            sent += 1;
            if ws.send(msg).is_err() {
                break;
            }
        }
    }
}

#[test]
fn forty_phones_and_ten_thousand_bad_messages() {
    let seats = 8;
    let s = server(seats);
    let code = s.code().to_string();
    let mut phones: Vec<Phone> = (0..MAX_PHONES)
        .map(|i| {
            let mut c = Phone::connect(s.addr());
            c.hello(&code, &format!("P{i}"), None);
            c
        })
        .collect();
    let mut extra = Phone::connect(s.addr());
    extra.send(&format!(
        r#"{{"type":"hello","v":2,"room":"{code}","name":"late"}}"#
    ));
    assert_eq!(extra.expect("refused")["reason"], "full");
    for (d, p) in phones.iter_mut().take(seats).enumerate() {
        p.send(&format!(r#"{{"type":"seat","dept":{d}}}"#));
        p.expect("seated");
    }
    let addr = s.addr();
    let attackers: Vec<_> = (0..4)
        .map(|i| thread::spawn(move || garbage(addr, 2500, i)))
        .collect();
    let taps_each = 5;
    for round in 0..taps_each {
        for p in phones.iter_mut().take(seats) {
            p.send(&format!(r#"{{"type":"tap","t":{round}}}"#));
        }
        thread::sleep(Duration::from_millis(100));
    }
    for a in attackers {
        a.join().unwrap();
    }
    let end = Instant::now() + Duration::from_secs(10);
    let mut taps = 0;
    while taps < seats * taps_each && Instant::now() < end {
        taps += s
            .poll()
            .iter()
            .filter(|e| matches!(e, PhoneEvent::Tap { .. }))
            .count();
        thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(taps, seats * taps_each, "every honest tap arrived");
    assert_eq!(s.phones().len(), MAX_PHONES);
    // The server still answers.
    phones[0].send(r#"{"type":"audience"}"#);
    phones[0].expect("unseated");
    assert!(super::phone::http_get(addr, "/").starts_with("HTTP/1.1 200"));
}
