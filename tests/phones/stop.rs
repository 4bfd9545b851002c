//! A paused process keeps its phones: the server runs in a process of its own (this test binary,
//! started again to run [`server_process`] alone), which is stopped and continued ten times in a
//! row (`kill -STOP`, `kill -CONT`: Ctrl-Z and `fg`, a debugger) while phones are seated. A
//! socket with a receive timeout returns `EINTR` after that; no connection may end for it.

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::phone::Phone;

/// Set in the process started to run the server.
const CHILD: &str = "TUTTI_PHONES_SERVER_PROCESS";

/// Not a test on its own: in the process [`stopping_and_continuing_the_process_keeps_its_phones`]
/// starts, runs a server with four seats and says where, until its input closes.
#[test]
fn server_process() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    let s = super::server(4);
    // On a line of its own (the test harness has begun one).
    println!("\nlistening {} {}", s.addr(), s.code());
    let mut rest = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut rest);
}

/// Reads every phone's messages for `time`, a little each in turn, answering pings: the pings
/// each heard. Panics when a connection ends.
fn pump_all(phones: &mut [Phone], time: Duration) -> Vec<usize> {
    let mut pings = vec![0; phones.len()];
    let end = Instant::now() + time;
    while Instant::now() < end {
        for (i, p) in phones.iter_mut().enumerate() {
            match p.pump(Duration::from_millis(5)) {
                Ok(n) => pings[i] += n,
                Err(e) => panic!("phone {i}'s connection ended: {e}"),
            }
        }
    }
    pings
}

/// The server process, ended however the test ends.
struct ServerProcess(Child);

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = signal(&self.0, "-CONT");
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn signal(child: &Child, sig: &str) -> bool {
    Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status()
        .is_ok_and(|s| s.success())
}

/// Starts the server's process: it, where it listens and its room code.
fn start_server() -> (ServerProcess, SocketAddr, String) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["stop::server_process", "--exact", "--nocapture"])
        .args(["--test-threads", "1"])
        .env(CHILD, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let process = ServerProcess(child);
    let (tx, rx) = std::sync::mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some((_, rest)) = line.split_once("listening ") {
                let _ = tx.send(rest.to_owned());
            }
        }
    });
    let line = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the server's process says where it listens");
    let (addr, code) = line.split_once(' ').unwrap();
    (process, addr.parse().unwrap(), code.to_owned())
}

#[cfg(unix)]
#[test]
fn stopping_and_continuing_the_process_keeps_its_phones() {
    let (process, addr, code) = start_server();
    let mut phones: Vec<Phone> = (0..4)
        .map(|d| {
            let mut c = Phone::connect(addr);
            c.hello(&code, &format!("P{d}"), None);
            c.send(&format!(r#"{{"type":"seat","dept":{d}}}"#));
            c.expect("seated");
            c
        })
        .collect();
    pump_all(&mut phones, Duration::from_millis(500));
    for _ in 0..10 {
        assert!(signal(&process.0, "-STOP"), "kill -STOP");
        thread::sleep(Duration::from_millis(60));
        assert!(signal(&process.0, "-CONT"), "kill -CONT");
        pump_all(&mut phones, Duration::from_millis(120));
    }
    // Every phone is still in: its connection answers, and it still had its seat to leave.
    let pings = pump_all(&mut phones, Duration::from_millis(2500));
    assert!(pings.iter().all(|&n| n >= 1), "pings heard: {pings:?}");
    for p in &mut phones {
        p.send(r#"{"type":"audience"}"#);
        p.expect("unseated");
    }
    drop(process);
}

/// A display for the game: `DISPLAY`, or an `Xvfb` of our own (ended with the test); `None`
/// without either.
fn display() -> Option<(String, Option<ServerProcess>)> {
    if let Some(d) = std::env::var("DISPLAY").ok().filter(|d| !d.is_empty()) {
        return Some((d, None));
    }
    let n = 100 + std::process::id() % 800;
    let xvfb = Command::new("Xvfb")
        .args([format!(":{n}").as_str(), "-nolisten", "tcp", "-screen", "0"])
        .arg("1280x720x24")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let xvfb = ServerProcess(xvfb);
    let socket = format!("/tmp/.X11-unix/X{n}");
    let end = Instant::now() + Duration::from_secs(10);
    while !std::path::Path::new(&socket).exists() && Instant::now() < end {
        thread::sleep(Duration::from_millis(50));
    }
    Some((format!(":{n}"), Some(xvfb)))
}

/// The same with the game itself, `tutti play FILE --phones PORT` (under `DISPLAY`, or an
/// `Xvfb` of its own): it logs where the phones go, four phones take its free seats, and the
/// game is stopped and continued ten times. Ignored by default (it starts the whole game, which
/// draws without a GPU slowly): `cargo test --test phones -- --ignored stop::`.
#[cfg(unix)]
#[test]
#[ignore = "starts the game under a display; run with --ignored"]
fn stopping_and_continuing_the_game_keeps_its_phones() {
    let Some((display, _xvfb)) = display() else {
        eprintln!("no display and no Xvfb: the game cannot start here");
        return;
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut game = Command::new(env!("CARGO_BIN_EXE_tutti"))
        .args(["play", "levels/03-busy-colleague.en.ron", "--phones"])
        .arg(port.to_string())
        .env("DISPLAY", &display)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = game.stderr.take().unwrap();
    let game = ServerProcess(game);
    let (tx, rx) = std::sync::mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            // `phones: open http://IP:PORT/?room=CODE (room code CODE)`
            if let Some((_, rest)) = line.split_once("phones: open http://")
                && let Some((_, code)) = rest.split_once("(room code ")
            {
                let _ = tx.send(code.trim_end_matches(')').to_owned());
            }
        }
    });
    let code = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("the game logs where the phones go");
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let mut free: Vec<u64> = Vec::new();
    let mut phones: Vec<Phone> = Vec::new();
    for i in 0..4 {
        let mut c = Phone::connect(addr);
        c.hello(&code, &format!("P{i}"), None);
        // The game offers its seats once its lobby is up (the server starts before).
        while i == 0 && free.is_empty() {
            let seats = c.expect("seats");
            free = seats["seats"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| s["taken_by"].is_null())
                .map(|s| s["dept"].as_u64().unwrap())
                .collect();
        }
        if let Some(d) = free.get(i) {
            c.send(&format!(r#"{{"type":"seat","dept":{d}}}"#));
            c.expect("seated");
        }
        phones.push(c);
    }
    assert!(free.len() >= 3, "the level's free seats: {free:?}");
    pump_all(&mut phones, Duration::from_millis(500));
    for _ in 0..10 {
        assert!(signal(&game.0, "-STOP"), "kill -STOP");
        thread::sleep(Duration::from_millis(60));
        assert!(signal(&game.0, "-CONT"), "kill -CONT");
        pump_all(&mut phones, Duration::from_millis(120));
    }
    let pings = pump_all(&mut phones, Duration::from_millis(2500));
    assert!(pings.iter().all(|&n| n >= 1), "pings heard: {pings:?}");
    for p in phones.iter_mut().take(free.len()) {
        p.send(r#"{"type":"audience"}"#);
        p.expect("unseated");
    }
}
