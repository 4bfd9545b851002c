//! `tutti table`: a table without a window. It joins the host, reports its seats, plays every
//! round the host starts (its seats by the simulate strategies) and reports it; it stops when the
//! host says the event is over. `--count N` runs N tables in one process, a load for benchmarks,
//! and prints how far apart their count-ins started.

use std::io::Write;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::cli::TableArgs;
use crate::scenario::Scenario;
use crate::sim::Seat;

use super::join::JoinUrl;
use super::link::{LinkStatus, TableLink};
use super::play::{Heard, RoundPlayer};
use super::protocol::{HostMsg, RoundPlan, SeatReport};

/// How often a table without a window plays on.
const TICK: Duration = Duration::from_millis(2);

/// When one table's count-in began, on the host's clock as the table knew it, against the time
/// the host gave.
#[derive(Debug, Clone, Copy)]
struct StartMark {
    round: u32,
    /// The table's start − the host's start, ms.
    off_by: f64,
}

/// `tutti table`.
pub fn table(args: &TableArgs, out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    let url = match JoinUrl::parse(&args.join, args.code.as_deref()) {
        Ok(u) => u,
        Err(e) => {
            let _ = writeln!(err, "tutti: {e}");
            return ExitCode::FAILURE;
        }
    };
    if args.count == 1 {
        return match play_table(&url, &args.name, args, None) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                let _ = writeln!(err, "tutti: {}: {e}", args.name);
                ExitCode::FAILURE
            }
        };
    }
    many_tables(&url, args, out, err)
}

/// `--count N`: N tables on threads; a line per round with the spread of their starts.
fn many_tables(
    url: &JoinUrl,
    args: &TableArgs,
    out: &mut impl Write,
    err: &mut impl Write,
) -> ExitCode {
    let (tx, rx) = mpsc::channel();
    let threads: Vec<_> = (1..=args.count)
        .map(|i| {
            let (url, args, tx) = (url.clone(), args.clone(), tx.clone());
            std::thread::spawn(move || {
                let name = format!("{} {i}", args.name);
                play_table(&url, &name, &args, Some(tx)).map_err(|e| format!("{name}: {e}"))
            })
        })
        .collect();
    drop(tx);
    let mut failed = false;
    for t in threads {
        if let Ok(Err(e)) = t.join() {
            let _ = writeln!(err, "tutti: {e}");
            failed = true;
        }
    }
    let marks: Vec<StartMark> = rx.try_iter().collect();
    let mut rounds: Vec<u32> = marks.iter().map(|m| m.round).collect();
    rounds.dedup();
    for round in rounds {
        let offs: Vec<f64> = marks
            .iter()
            .filter(|m| m.round == round)
            .map(|m| m.off_by)
            .collect();
        let (lo, hi) = offs
            .iter()
            .fold((f64::MAX, f64::MIN), |(l, h), &v| (l.min(v), h.max(v)));
        let line = serde_json::json!({
            "round": round, "tables": offs.len(),
            "start_spread_ms": ((hi - lo) * 100.0).round() / 100.0,
            "start_late_ms_max": (hi * 100.0).round() / 100.0,
        });
        let _ = writeln!(out, "{line}");
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// One table: joins, plays every round it is given, until the host says it is over.
fn play_table(
    url: &JoinUrl,
    name: &str,
    args: &TableArgs,
    marks: Option<mpsc::Sender<StartMark>>,
) -> Result<(), String> {
    let link = TableLink::open(url.clone(), name).map_err(|e| e.to_string())?;
    let welcome = wait_until_in(&link, url, args.give_up)?;
    let scenario = crate::scenario::load_str(&welcome.scenario_name, &welcome.scenario)
        .map_err(|e| format!("the host's scenario does not load: {e}"))?;
    let seats = crate::headless::resolve_seats(&scenario, &args.seat)?;
    link.seats(seat_reports(&scenario, &seats));
    let mut table = Table {
        link: &link,
        scenario: &scenario,
        source: (&welcome.scenario_name, &welcome.scenario),
        seats: &seats,
        speed: args.speed,
        marks,
    };
    table.play_rounds(args.give_up)
}

/// Waits until the host lets the table in; the welcome.
fn wait_until_in(
    link: &TableLink,
    url: &JoinUrl,
    give_up: f64,
) -> Result<super::link::Welcome, String> {
    let since = Instant::now();
    loop {
        match link.status() {
            LinkStatus::In => {
                if let Some(w) = link.welcome() {
                    return Ok(w);
                }
            }
            LinkStatus::Refused(why) => return Err(format!("the host refused the table: {why}")),
            _ if since.elapsed().as_secs_f64() > give_up => {
                return Err(format!(
                    "no host answered at {} for {give_up} s",
                    url.authority
                ));
            }
            _ => {}
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Who sits where, as the host's wall shows it.
fn seat_reports(scenario: &Scenario, seats: &[Seat]) -> Vec<SeatReport> {
    scenario
        .dept_ids()
        .map(|d| SeatReport {
            dept: scenario.department(d).id.clone(),
            who: seats
                .iter()
                .rev()
                .find(|s| s.dept == d)
                .map(|s| s.strategy.name().to_owned())
                .unwrap_or_default(),
        })
        .collect()
}

/// A table without a window, in the room.
struct Table<'a> {
    link: &'a TableLink,
    scenario: &'a Scenario,
    source: (&'a str, &'a str),
    seats: &'a [Seat],
    speed: f64,
    marks: Option<mpsc::Sender<StartMark>>,
}

impl Table<'_> {
    /// Plays the rounds the host starts until it says the event is over and has every report.
    fn play_rounds(&mut self, give_up: f64) -> Result<(), String> {
        let mut player: Option<RoundPlayer> = None;
        let mut over = false;
        let mut away_since: Option<Instant> = None;
        loop {
            for msg in self.link.poll() {
                over |= self.heed(msg, &mut player);
            }
            if let Some(p) = &mut player {
                self.mark_start(p);
                if self.step(p) {
                    player = None;
                }
            }
            match self.link.status() {
                LinkStatus::Refused(why) => {
                    return Err(format!("the host refused the table: {why}"));
                }
                LinkStatus::In => away_since = None,
                _ => {
                    let since = *away_since.get_or_insert_with(Instant::now);
                    if since.elapsed().as_secs_f64() > give_up {
                        return Err(format!("the host has been away for {give_up} s"));
                    }
                }
            }
            if over && player.is_none() && self.link.rounds_unreceived() == 0 {
                return Ok(());
            }
            let wait = player
                .as_ref()
                .and_then(|p| p.count_in_from(Instant::now()));
            std::thread::sleep(wait.map_or(TICK, |w| w.min(TICK)));
        }
    }

    /// Once the count-in has begun here: how far from the host's time it began, for `--count`.
    fn mark_start(&self, p: &mut RoundPlayer) {
        let Some(tx) = &self.marks else {
            return;
        };
        if p.count_in_from(Instant::now()).is_none()
            && !std::mem::replace(&mut p.marked, true)
            && let Some(host_now) = self.link.host_ms()
        {
            let _ = tx.send(StartMark {
                round: p.round(),
                off_by: host_now - p.start_at(),
            });
        }
    }

    /// Takes one of the host's orders; whether the event is over.
    fn heed<'s>(&'s self, msg: HostMsg, player: &mut Option<RoundPlayer<'s>>) -> bool {
        let now = Instant::now();
        match msg {
            HostMsg::Start(plan) => *player = Some(self.start(plan)),
            HostMsg::Pause { paused } => {
                if let Some(p) = player {
                    p.pause(paused, now);
                }
            }
            HostMsg::Skip => {
                if let Some(p) = player {
                    p.skip(now);
                }
            }
            HostMsg::Over => return true,
            // A table without a window plays the scenario's tempo (its strategies' presses are
            // worked out for it); the windowed game follows the host's tempo.
            _ => {}
        }
        false
    }

    /// A round's player, its count-in where the host's clock says.
    fn start(&self, plan: RoundPlan) -> RoundPlayer<'_> {
        let start = self
            .link
            .local_instant(plan.start_at)
            .unwrap_or_else(Instant::now);
        RoundPlayer::new(
            self.scenario,
            self.source,
            plan,
            self.seats,
            start,
            self.speed,
        )
    }

    /// Plays on; whether the round is over (and reported).
    fn step(&self, p: &mut RoundPlayer) -> bool {
        match p.step(Instant::now()) {
            Heard::Nothing => false,
            Heard::Bar(live) => {
                self.link.live(live);
                false
            }
            Heard::Done(live, replay) => {
                self.link.live(live);
                self.link.round_done(p.round(), replay);
                true
            }
        }
    }
}
