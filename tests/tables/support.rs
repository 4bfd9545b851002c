//! Starting hosts and tables as processes, reading what they print, and a folder per test.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The level every test plays: it has calls between the chairs.
pub const LEVEL: &str = "levels/04-the-call-nobody-makes.en.ron";

/// The tutti binary.
pub fn tutti() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tutti"));
    c.env(
        "TUTTI_RESULTS_DIR",
        std::env::temp_dir().join("tutti-tables-results"),
    );
    c
}

/// A fresh folder for one test.
pub fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tutti-tables-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A headless host, running.
pub struct HostProc {
    pub child: Child,
    pub port: u16,
    pub code: String,
    /// Its stdout, a line at a time.
    pub lines: Receiver<String>,
    /// Everything it said on stderr so far.
    pub log: Arc<Mutex<Vec<String>>>,
}

impl HostProc {
    /// Starts `tutti host LEVEL --headless` with `args` (the port, when not given: any free one).
    pub fn start(args: &[&str]) -> HostProc {
        let mut cmd = tutti();
        cmd.args(["host", LEVEL, "--headless", "--lead", "0.5"]);
        if !args.contains(&"--port") {
            cmd.args(["--port", "0"]);
        }
        let mut child = cmd
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = lines_of(child.stdout.take().unwrap());
        let log = Arc::new(Mutex::new(Vec::new()));
        let err = lines_of(child.stderr.take().unwrap());
        let first = err
            .recv_timeout(Duration::from_secs(20))
            .expect("the host says where");
        log.lock().unwrap().push(first.clone());
        let l = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in err {
                l.lock().unwrap().push(line);
            }
        });
        let (port, code) = address_of(&first);
        HostProc {
            child,
            port,
            code,
            lines,
            log,
        }
    }

    /// The address tables join on 127.0.0.1.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/?room={}", self.port, self.code)
    }

    /// The next `n` JSON lines it prints.
    pub fn json_lines(&self, n: usize, within: Duration) -> Vec<serde_json::Value> {
        let until = Instant::now() + within;
        (0..n)
            .map(|_| {
                let left = until.saturating_duration_since(Instant::now());
                let line = self.lines.recv_timeout(left).unwrap_or_else(|_| {
                    panic!(
                        "the host printed too little; its log: {:#?}",
                        self.log.lock().unwrap()
                    )
                });
                serde_json::from_str(&line).unwrap()
            })
            .collect()
    }

    /// Whether its log has a line containing `text`.
    pub fn said(&self, text: &str) -> bool {
        self.log.lock().unwrap().iter().any(|l| l.contains(text))
    }

    /// Waits for it to exit; its status.
    pub fn wait(mut self, within: Duration) -> std::process::ExitStatus {
        let until = Instant::now() + within;
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s;
            }
            assert!(Instant::now() < until, "the host did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for HostProc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `tutti: host: tables join http://IP:PORT/?room=CODE (room code CODE)` → the port and code.
fn address_of(line: &str) -> (u16, String) {
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap();
    let (authority, code) = url
        .trim_start_matches("http://")
        .split_once("/?room=")
        .unwrap();
    let port = authority.rsplit_once(':').unwrap().1.parse().unwrap();
    (port, code.to_owned())
}

/// The lines of a stream, on a channel.
fn lines_of(stream: impl std::io::Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Starts `tutti table` joining `url` as `name` with `args`, at 40 times the tempo.
pub fn table(url: &str, name: &str, args: &[&str]) -> Child {
    tutti()
        .args([
            "table",
            "--join",
            url,
            "--name",
            name,
            "--speed",
            "40",
            "--give-up",
            "60",
        ])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits for a table process to end: its status and what it said.
pub fn finish(child: Child) -> (bool, String) {
    let out = child.wait_with_output().unwrap();
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), said)
}

/// `tutti simulate LEVEL --seed SEED --json` with `seats`: the figures one run gives.
pub fn simulated(seed: u64, seats: &[&str]) -> serde_json::Value {
    let mut cmd = tutti();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).args([
        "simulate",
        LEVEL,
        "--json",
        "--seed",
        &seed.to_string(),
    ]);
    for s in seats {
        cmd.args(["--seat", s]);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The replays a host kept in `dir` for `round`, by file name.
pub fn kept_replays(dir: &Path, round: u32) -> Vec<(String, tutti::rounds::Replay)> {
    let mut list: Vec<_> = std::fs::read_dir(dir.join(format!("round-{round}")))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, tutti::rounds::Replay::load(&p).unwrap())
        })
        .collect();
    list.sort_by(|a, b| a.0.cmp(&b.0));
    list
}

/// Waits until `what` holds, for at most 30 s.
pub fn wait_for(what: impl Fn() -> bool) {
    let until = Instant::now() + Duration::from_secs(30);
    while !what() {
        assert!(Instant::now() < until, "waited in vain");
        std::thread::sleep(Duration::from_millis(20));
    }
}
