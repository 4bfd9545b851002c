//! A host and its tables as processes: two rounds at 8 tables, a line that drops mid-round, a
//! wrong room code, a host restarted between rounds.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

use crate::support::{HostProc, finish, folder, kept_replays, simulated, table, wait_for};

/// The figures of a JSON line, without the table's name and round.
fn figures(line: &Value) -> Value {
    let mut v = line.clone();
    let o = v.as_object_mut().unwrap();
    o.remove("table");
    o.remove("round");
    v
}

/// The four kinds of table of the big test, each run twice in one process (`--count 2`).
const KINDS: [(&str, &[&str]); 4] = [
    ("Attentive", &["it=attentive", "service=attentive"]),
    ("Own", &["it=own", "service=own"]),
    ("Masher", &["it=masher"]),
    ("Colleagues", &[]),
];

fn seat_args(seats: &[&str]) -> Vec<String> {
    seats
        .iter()
        .flat_map(|s| ["--seat".to_owned(), (*s).to_owned()])
        .collect()
}

#[test]
fn a_host_and_eight_tables_play_two_rounds_and_the_room_is_the_sum_of_its_tables() {
    let dir = folder("eight");
    let host = HostProc::start(&[
        "--tables",
        "8",
        "--rounds",
        "2",
        "--session",
        dir.to_str().unwrap(),
    ]);
    let tables: Vec<_> = KINDS
        .iter()
        .map(|(name, seats)| {
            let mut args = seat_args(seats);
            args.extend(["--count".to_owned(), "2".to_owned()]);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            table(&host.url(), name, &args)
        })
        .collect();
    let lines = host.json_lines(18, Duration::from_secs(120));
    assert!(host.wait(Duration::from_secs(20)).success());
    for t in tables {
        let (ok, said) = finish(t);
        assert!(ok, "a table failed: {said}");
    }
    let mut fell = 0;
    for (round, chunk) in [1u32, 2].into_iter().zip(lines.chunks(9)) {
        let (tables, room) = chunk.split_at(8);
        let seed = 404 + u64::from(round) - 1;
        check_tables_play_as_simulate(tables, round, seed);
        check_room_is_the_sum(&dir, round, tables, &room[0]);
        fell += room[0]["between_chairs"].as_array().unwrap().len();
    }
    assert!(
        fell > 0,
        "some cases fell between the chairs at the tables of own players"
    );
}

/// Every table's line is what `tutti simulate` gives for its seats and the round's seed.
fn check_tables_play_as_simulate(tables: &[Value], round: u32, seed: u64) {
    for line in tables {
        assert_eq!(line["round"], round);
        let name = line["table"].as_str().unwrap();
        let (_, seats) = KINDS.iter().find(|(k, _)| name.starts_with(k)).unwrap();
        assert_eq!(
            figures(line),
            simulated(seed, seats),
            "{name}, round {round}"
        );
    }
}

/// The room's line is the sum of the replays the host kept, played again here, to the case.
fn check_room_is_the_sum(dir: &std::path::Path, round: u32, tables: &[Value], room: &Value) {
    let kept = kept_replays(dir, round);
    assert_eq!(kept.len(), 8);
    let mut sums: BTreeMap<&str, u64> = BTreeMap::new();
    let mut chairs: BTreeMap<String, u64> = BTreeMap::new();
    for (name, replay) in &kept {
        let (scenario, d) = replay.verify().unwrap();
        let line = tables
            .iter()
            .find(|l| l["table"].as_str().unwrap().replace(' ', "-") == *name)
            .unwrap();
        assert_eq!(line["total"], d.total);
        assert_eq!(line["lost"], d.lost);
        for (key, v) in [
            ("total", d.total),
            ("completed", d.completed),
            ("lost", d.lost),
            ("solved_but_unanswered", d.solved_but_unanswered),
            ("rescues", d.rescues),
            ("strays", d.strays),
        ] {
            *sums.entry(key).or_default() += u64::from(v);
        }
        for r in &d.between_chairs {
            let ids: Vec<String> = r
                .chairs
                .named()
                .iter()
                .map(|&i| scenario.department(i).id.clone())
                .collect();
            let step = r.label.clone().unwrap_or_default();
            *chairs
                .entry(format!("{}|{step}", ids.join("+")))
                .or_default() += 1;
        }
    }
    for (key, sum) in sums {
        assert_eq!(room[key], sum, "{key}, round {round}");
    }
    let listed: BTreeMap<String, u64> = room["between_chairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let ids: Vec<&str> = c["chairs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            (
                format!("{}|{}", ids.join("+"), c["step"].as_str().unwrap()),
                c["count"].as_u64().unwrap(),
            )
        })
        .fold(BTreeMap::new(), |mut m, (k, n)| {
            *m.entry(k).or_default() += n;
            m
        });
    assert_eq!(
        listed, chairs,
        "round {round}: where cases fell between the chairs"
    );
}

/// A TCP proxy to the host whose lines can be cut (as a Wi-Fi drops) and restored.
struct Proxy {
    port: u16,
    cut: Arc<AtomicBool>,
    open: Arc<Mutex<Vec<TcpStream>>>,
}

impl Proxy {
    fn start(to: u16) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let cut = Arc::new(AtomicBool::new(false));
        let open: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
        let (c, o) = (Arc::clone(&cut), Arc::clone(&open));
        std::thread::spawn(move || {
            for client in listener.incoming().map_while(Result::ok) {
                if c.load(Ordering::SeqCst) {
                    continue; // Dropped: the network is down.
                }
                let Ok(server) = TcpStream::connect(("127.0.0.1", to)) else {
                    continue;
                };
                o.lock()
                    .unwrap()
                    .extend([client.try_clone().unwrap(), server.try_clone().unwrap()]);
                pipe(client.try_clone().unwrap(), server.try_clone().unwrap());
                pipe(server, client);
            }
        });
        Proxy { port, cut, open }
    }

    /// Cuts every line and lets none through until [`Proxy::restore`].
    fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
        for s in self.open.lock().unwrap().drain(..) {
            let _ = s.shutdown(Shutdown::Both);
        }
    }

    fn restore(&self) {
        self.cut.store(false, Ordering::SeqCst);
    }
}

fn pipe(mut from: TcpStream, mut to: TcpStream) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 || to.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        let _ = to.shutdown(Shutdown::Both);
    });
}

#[test]
fn a_table_whose_line_drops_mid_round_plays_on_and_reports_the_round_when_it_is_back() {
    let dir = folder("drop");
    let host = HostProc::start(&[
        "--tables",
        "1",
        "--rounds",
        "1",
        "--session",
        dir.to_str().unwrap(),
    ]);
    let proxy = Proxy::start(host.port);
    let url = format!("http://127.0.0.1:{}/?room={}", proxy.port, host.code);
    // At 10 times the tempo the round lasts about 8 s: the line is cut from 3 s to 5 s in.
    let t = crate::support::tutti()
        .args([
            "table", "--join", &url, "--name", "Table 1", "--speed", "10", "--seat", "it=own",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_for(|| host.said("round 1 starts"));
    std::thread::sleep(Duration::from_secs(3));
    proxy.cut();
    wait_for(|| host.said("Table 1 went away"));
    std::thread::sleep(Duration::from_secs(2));
    proxy.restore();
    let lines = host.json_lines(2, Duration::from_secs(60));
    assert!(
        host.said("Table 1 is in again"),
        "{:#?}",
        host.log.lock().unwrap()
    );
    assert_eq!(figures(&lines[0]), simulated(404, &["it=own"]));
    let (ok, said) = finish(t);
    assert!(ok, "{said}");
}

#[test]
fn a_table_with_a_wrong_room_code_is_refused_and_told_why() {
    let dir = folder("code");
    let host = HostProc::start(&["--tables", "1", "--session", dir.to_str().unwrap()]);
    let wrong = if host.code == "ZZZZ" { "YYYY" } else { "ZZZZ" };
    let url = format!("http://127.0.0.1:{}/?room={wrong}", host.port);
    let (ok, said) = finish(table(&url, "Table 9", &[]));
    assert!(!ok);
    assert!(said.contains("room code"), "{said}");
    wait_for(|| host.said("refused"));
}

#[test]
fn a_host_restarted_between_rounds_opens_the_same_room_and_its_tables_come_back() {
    let dir = folder("restart");
    let session = dir.to_str().unwrap();
    let first = HostProc::start(&["--tables", "1", "--rounds", "2", "--session", session]);
    let t = table(&first.url(), "Table 1", &["--seat", "service=attentive"]);
    let round1 = first.json_lines(2, Duration::from_secs(60));
    assert_eq!(round1[0]["round"], 1);
    let (port, code) = (first.port.to_string(), first.code.clone());
    drop(first); // Killed between rounds.
    let second = HostProc::start(&[
        "--port",
        &port,
        "--tables",
        "1",
        "--rounds",
        "2",
        "--session",
        session,
    ]);
    assert_eq!(second.code, code, "the same room code");
    assert!(second.said("host again"));
    let round2 = second.json_lines(2, Duration::from_secs(60));
    assert_eq!(round2[0]["round"], 2);
    assert_eq!(round2[0]["table"], "Table 1");
    assert_eq!(figures(&round2[0]), simulated(405, &["service=attentive"]));
    assert!(second.wait(Duration::from_secs(20)).success());
    let (ok, said) = finish(t);
    assert!(ok, "{said}");
    assert_eq!(kept_replays(&dir, 1).len(), 1);
    assert_eq!(kept_replays(&dir, 2).len(), 1);
}
