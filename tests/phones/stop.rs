//! A paused process keeps its phones: the server runs in a process of its own (this test binary,
//! started again to run [`server_process`] alone), which is stopped and continued ten times in a
//! row (`kill -STOP`, `kill -CONT`: Ctrl-Z and `fg`, a debugger) while phones are seated. A
//! socket with a receive timeout returns `EINTR` after that; no connection may end for it.

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::client::Client;

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
    let mut phones: Vec<Client> = (0..4)
        .map(|d| {
            let mut c = Client::connect(addr);
            c.hello(&code, &format!("P{d}"), None);
            c.send(&format!(r#"{{"type":"seat","dept":{d}}}"#));
            c.expect("seated");
            c
        })
        .collect();
    let pump = |phones: &mut Vec<Client>, time: Duration| {
        let end = Instant::now() + time;
        while Instant::now() < end {
            for (i, p) in phones.iter_mut().enumerate() {
                if let Err(e) = p.pump(Duration::from_millis(5)) {
                    panic!("phone {i}'s connection ended: {e}");
                }
            }
        }
    };
    pump(&mut phones, Duration::from_millis(500));
    for _ in 0..10 {
        assert!(signal(&process.0, "-STOP"), "kill -STOP");
        thread::sleep(Duration::from_millis(60));
        assert!(signal(&process.0, "-CONT"), "kill -CONT");
        pump(&mut phones, Duration::from_millis(120));
    }
    // Every phone is still in: its connection answers, and it still had its seat to leave.
    pump(&mut phones, Duration::from_millis(1500));
    for (d, p) in phones.iter_mut().enumerate() {
        let pings = p.pump(Duration::from_millis(1200)).unwrap();
        assert!(pings >= 1, "phone {d} heard no ping");
        p.send(r#"{"type":"audience"}"#);
        p.expect("unseated");
    }
    drop(process);
}
