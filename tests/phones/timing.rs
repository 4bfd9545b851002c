//! Fair timing over a slow network: a phone whose clock is 500 ms off, every message delayed
//! 10–60 ms each way (20–120 ms round trips), taps stamped on the phone. Each tap must reach the
//! game within ±10 ms of when it was made.

use std::collections::VecDeque;
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use tungstenite::{Message, WebSocket};

use tutti::phones::room_state::PhoneEvent;

use super::{server, wait_event};

/// The phone's clock: far from the game's, and 500 ms off on top.
fn phone_ms(base: Instant, at: Instant) -> f64 {
    1.0e9 + 500.0 + at.duration_since(base).as_secs_f64() * 1000.0
}

/// A phone on a slow network, run on its own thread: messages to send at their instant.
pub struct SlowPhone {
    to_send: Sender<(Instant, String)>,
    received: Receiver<Value>,
    base: Instant,
}

impl SlowPhone {
    /// Connects, and answers pings after the network's delays.
    pub fn start(addr: SocketAddr, seed: u64) -> SlowPhone {
        let stream = TcpStream::connect(addr).unwrap();
        let (ws, _) = tungstenite::client(format!("ws://{addr}/ws"), stream).unwrap();
        ws.get_ref()
            .set_read_timeout(Some(Duration::from_millis(1)))
            .unwrap();
        let (to_send, rx) = mpsc::channel();
        let (tx, received) = mpsc::channel();
        let base = Instant::now();
        thread::spawn(move || run(ws, base, seed, &rx, &tx));
        SlowPhone {
            to_send,
            received,
            base,
        }
    }

    /// Sends `text` now.
    pub fn send(&self, text: String) {
        let _ = self.to_send.send((Instant::now(), text));
    }

    /// Taps now (stamped now on the phone's clock), the message arriving after `delay`.
    pub fn tap(&self, delay: Duration) {
        let now = Instant::now();
        let t = phone_ms(self.base, now);
        let _ = self
            .to_send
            .send((now + delay, format!(r#"{{"type":"tap","t":{t}}}"#)));
    }

    /// The next message of type `kind`.
    pub fn expect(&self, kind: &str) -> Value {
        loop {
            let v = self.received.recv_timeout(Duration::from_secs(10)).unwrap();
            if v["type"] == kind {
                return v;
            }
        }
    }
}

fn run(
    mut ws: WebSocket<TcpStream>,
    base: Instant,
    seed: u64,
    rx: &Receiver<(Instant, String)>,
    tx: &Sender<Value>,
) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut outbox: VecDeque<(Instant, String)> = VecDeque::new();
    loop {
        outbox.extend(rx.try_iter());
        let now = Instant::now();
        let (due, later): (Vec<_>, Vec<_>) = outbox.drain(..).partition(|(at, _)| *at <= now);
        outbox.extend(later);
        for (_, text) in due {
            if ws.send(Message::text(text)).is_err() {
                return;
            }
        }
        match ws.read() {
            Ok(Message::Text(t)) => {
                let arrived = Instant::now();
                let v: Value = serde_json::from_str(t.as_str()).unwrap();
                if v["type"] == "ping" {
                    let out = Duration::from_secs_f64(rng.random_range(0.010..0.060));
                    let back = Duration::from_secs_f64(rng.random_range(0.010..0.060));
                    let p = phone_ms(base, arrived + out);
                    let text = format!(r#"{{"type":"pong","s":{},"p":{p}}}"#, v["s"]);
                    outbox.push_back((arrived + out + back, text));
                }
                let _ = tx.send(v);
            }
            Ok(_) | Err(tungstenite::Error::Io(_)) => {}
            Err(_) => return,
        }
    }
}

impl SlowPhone {
    /// A slow phone (network seed `seed`) that joined `s` as Ann and asked for seat 0.
    fn seated(s: &tutti::phones::PhoneServer, seed: u64) -> SlowPhone {
        let phone = SlowPhone::start(s.addr(), seed);
        phone.send(format!(
            r#"{{"type":"hello","v":2,"room":"{}","name":"Ann"}}"#,
            s.code()
        ));
        phone.expect("welcome");
        phone.send(r#"{"type":"seat","dept":0}"#.into());
        phone
    }
}

#[test]
fn taps_are_judged_by_when_they_were_made() {
    let s = server(2);
    let mut seen = Vec::new();
    let phone = SlowPhone::seated(&s, 5);
    phone.expect("seated");
    // The quick pings: 20 in about two seconds.
    thread::sleep(Duration::from_millis(2500));
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    for i in 0..20 {
        let made = s.now_ms();
        phone.tap(Duration::from_secs_f64(rng.random_range(0.020..0.120)));
        let tap = wait_event(&s, &mut seen, |e| matches!(e, PhoneEvent::Tap { .. }));
        let PhoneEvent::Tap {
            at_ms, received_ms, ..
        } = tap
        else {
            unreachable!()
        };
        assert!(
            (at_ms - made).abs() <= 10.0,
            "tap {i}: made at {made:.1} ms, judged at {at_ms:.1} ms (arrived {received_ms:.1})"
        );
        assert!(
            received_ms - made >= 19.0,
            "the tap came late over the network"
        );
        thread::sleep(Duration::from_millis(rng.random_range(50..200)));
    }
}

/// The phone's calibration goes to the game as it is (the game adds it to the seat's allowance
/// and to its taps); the tap itself keeps the time it was made, so that what arrives later than
/// it was made is the network's part alone.
#[test]
fn a_calibration_reaches_the_game_and_a_tap_keeps_its_stamp() {
    let s = server(1);
    let mut seen = Vec::new();
    let phone = SlowPhone::seated(&s, 6);
    phone.send(r#"{"type":"calibrate","ms":80}"#.into());
    phone.send(r#"{"type":"calibrate","ms":9000}"#.into());
    phone.expect("seated");
    let calibrated: Vec<f64> = (0..2)
        .map(|_| {
            match wait_event(&s, &mut seen, |e| {
                matches!(e, PhoneEvent::Calibrated { .. })
            }) {
                PhoneEvent::Calibrated { ms, .. } => ms,
                _ => unreachable!(),
            }
        })
        .collect();
    assert_eq!(calibrated, [80.0, 300.0], "bounded to 300 ms");
    thread::sleep(Duration::from_millis(2500));
    let made = s.now_ms();
    phone.tap(Duration::from_millis(30));
    let PhoneEvent::Tap { at_ms, .. } =
        wait_event(&s, &mut seen, |e| matches!(e, PhoneEvent::Tap { .. }))
    else {
        unreachable!()
    };
    assert!((at_ms - made).abs() <= 10.0, "{at_ms} vs {made}");
}
