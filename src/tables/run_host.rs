//! `tutti host FILE --headless`: a room with no screen, for tests, benchmarks and a facilitator
//! with a terminal. It waits for its tables, starts each round on one count-in, prints a JSON line
//! per table per round and one for the room, keeps everything in its session folder and exits.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::cli::HostArgs;
use crate::scenario::Scenario;

use super::host::{Host, HostEvent, RoomScenario};
use super::protocol::TableRoundLine;
use super::report::RoomRound;
use super::room::MAX_TABLES;
use super::store::Store;

/// How often the headless host looks at its room.
const TICK: Duration = Duration::from_millis(20);

/// `tutti host FILE --headless`.
pub fn host_headless(args: &HostArgs, out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    match run(args, out, err) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "tutti: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A room, opened and listening: the host, its scenario and its folder.
pub struct OpenRoom {
    /// The host, listening.
    pub host: Host,
    /// The scenario every table plays.
    pub scenario: Scenario,
    /// The room's session folder.
    pub store: Store,
}

/// Opens the room of `args` (again, when its session folder holds one) and listens.
pub fn open_room(args: &HostArgs, err: &mut impl Write) -> Result<OpenRoom, String> {
    let (scenario, text) = crate::scenario::read_file(&args.file).map_err(|e| e.to_string())?;
    let name = args.file.to_string_lossy().into_owned();
    let dir = args.session.clone().unwrap_or_else(|| {
        let stem = crate::export::scenario_stem(&name);
        crate::export::results_dir(
            &crate::export::results_root(),
            &format!("{stem}-room"),
            std::time::SystemTime::now(),
        )
    });
    let opened = Store::open(&dir, &name, &text, scenario.seed, MAX_TABLES)?;
    let room = RoomScenario {
        name,
        text,
        seed: scenario.seed,
    };
    let addr = SocketAddr::from((Ipv4Addr::UNSPECIFIED, args.port));
    let host = Host::bind(addr, opened.code, room, opened.room).map_err(|e| {
        format!(
            "cannot listen on port {}: {e} (another host running? try --port)",
            args.port
        )
    })?;
    let ip = crate::phones::local_ips()[0];
    let resumed = if opened.resumed { " again" } else { "" };
    let _ = writeln!(
        err,
        "tutti: host{resumed}: tables join http://{ip}:{}/?room={} (room code {})",
        host.addr().port(),
        host.code(),
        host.code()
    );
    let _ = writeln!(
        err,
        "tutti: host: session folder {}",
        opened.store.dir().display()
    );
    Ok(OpenRoom {
        host,
        scenario,
        store: opened.store,
    })
}

fn run(args: &HostArgs, out: &mut impl Write, err: &mut impl Write) -> Result<(), String> {
    let mut room = open_room(args, err)?;
    let first = room.host.room().next_round();
    for round in first..=args.rounds {
        wait_for_tables(&mut room, args.tables as usize, err);
        let plan = room.host.start_round(args.lead * 1000.0);
        let _ = writeln!(
            err,
            "tutti: host: round {} starts (seed {})",
            plan.round, plan.seed
        );
        let deadline = Instant::now() + Duration::from_secs_f64(args.lead + args.wait.max(1.0));
        while !room.host.room().waiting_for().is_empty() && Instant::now() < deadline {
            heed_events(&mut room, err);
            std::thread::sleep(TICK);
        }
        heed_events(&mut room, err);
        let missing = room.host.room().waiting_for();
        if !missing.is_empty() {
            let _ = writeln!(
                err,
                "tutti: host: round {round} without {}",
                missing.join(", ")
            );
        }
        print_round(&room, round, out);
    }
    room.host.over();
    std::thread::sleep(Duration::from_millis(300));
    let _ = writeln!(
        err,
        "tutti: host: done; everything is in {}",
        room.store.dir().display()
    );
    Ok(())
}

/// Waits until `n` tables are in the room.
fn wait_for_tables(room: &mut OpenRoom, n: usize, err: &mut impl Write) {
    loop {
        heed_events(room, err);
        if room.host.room().connected() >= n {
            return;
        }
        std::thread::sleep(TICK);
    }
}

/// Logs what happened and keeps every round report in the session folder.
pub fn heed_events(room: &mut OpenRoom, err: &mut impl Write) {
    for e in room.host.poll() {
        match &e {
            HostEvent::Joined { table, back } => {
                let names: Vec<String> = room
                    .host
                    .room()
                    .tables()
                    .iter()
                    .map(|t| t.name.clone())
                    .collect();
                if let Err(why) = room.store.note_tables(names.iter().map(String::as_str)) {
                    let _ = writeln!(err, "tutti: host: {why}");
                }
                let again = if *back { " again" } else { "" };
                let _ = writeln!(err, "tutti: host: {table} is in{again}");
            }
            HostEvent::Left { table } => {
                let _ = writeln!(err, "tutti: host: {table} went away");
            }
            HostEvent::Refused { why } => {
                let _ = writeln!(err, "tutti: host: a table was refused: {why:?}");
            }
            HostEvent::Reported { table, round } => keep_report(room, table, *round, err),
            HostEvent::BadReport { table, why } => {
                let _ = writeln!(err, "tutti: host: {table}: {why}");
            }
        }
    }
}

/// Writes table `table`'s report of `round` into the session folder.
fn keep_report(room: &OpenRoom, table: &str, round: u32, err: &mut impl Write) {
    let state = room.host.room();
    let Some(result) = state.results(round).iter().find(|r| r.table == table) else {
        return;
    };
    if let Err(why) = room.store.keep(result) {
        let _ = writeln!(
            err,
            "tutti: host: could not keep {table}'s round {round}: {why}"
        );
    }
}

/// Prints round `round`: a line per table that reported it, then the room's.
fn print_round(room: &OpenRoom, round: u32, out: &mut impl Write) {
    let state = room.host.room();
    let results = state.results(round);
    for r in results {
        let line = TableRoundLine {
            table: r.table.clone(),
            round,
            summary: r.summary.clone(),
        };
        let _ = writeln!(out, "{}", serde_json::to_string(&line).unwrap_or_default());
    }
    let all: Vec<_> = results.iter().collect();
    let line = RoomRound::of(&room.scenario, round, &all);
    let _ = writeln!(out, "{}", serde_json::to_string(&line).unwrap_or_default());
    let _ = out.flush();
}
