//! The game as a table of a room (`tutti play --join URL --name NAME`, or Join a room on the
//! title; `docs/tables.md`): its line to the host ([`TableLine`]) opens on a [`JoinRoom`]; once
//! the host lets the table in, the host's scenario, from its text, opens in the lobby, where
//! people take their seats as ever. The host's orders arrive as the performance's own inputs
//! ([`PerformanceInput`]): a round starts its count-in at the host's instant with the host's
//! seed, and pause, tempo and skip follow the host. The table reports its seats, its round once a
//! bar, its replay when the round is over and its phones' vote. A line in a corner of every
//! screen says where the line stands.

use std::time::{Duration, Instant};

use bevy::prelude::*;

use crate::scenario::{DeptId, Scenario};
use crate::sim::EventKind;
use crate::states::{AppSet, Launch, Screen, TableJoin};
use crate::tables::link::{LinkStatus, TableLink};
use crate::tables::protocol::{HostMsg, LiveReport, RefusedWhy, RoundPlan, SeatReport};
use crate::ui::i18n::Texts;

use super::catalog::{Catalog, CurrentLevel};
use super::finished::PieceFinished;
use super::performance::{
    PauseReason, Performance, PerformanceInput, Seat, Setup, SimEvent, TEMPO_RANGE, TEMPO_STEP,
};
use super::session::Workshop;
use super::vote::VoteTally;

/// The table's line to its host; there once the game joined a room (`--join`, or Join a room on
/// the title: [`JoinRoom`]).
#[derive(Resource)]
pub struct TableLine {
    link: TableLink,
    join: TableJoin,
}

impl TableLine {
    /// Where the line stands.
    pub fn status(&self) -> LinkStatus {
        self.link.status()
    }

    /// The table's name on the host's wall.
    pub fn name(&self) -> &str {
        &self.join.name
    }
}

/// What the table knows of the room, kept by this module's systems.
#[derive(Resource, Debug, Default)]
pub struct TableRoom {
    /// The host's scenario in the catalog, once the host has let the table in.
    level: Option<usize>,
    /// What stands in the way: no line, or a scenario that does not load.
    problem: Option<TableProblem>,
    /// The line's status as last seen (what changed is logged).
    last_status: Option<LinkStatus>,
    /// A round the host started whose count-in is still to come here, and when it comes.
    pending: Option<(RoundPlan, Instant)>,
    /// The room's round this table plays, or played last.
    round: Option<TableRound>,
    /// The host's tempo, % of the scenario's.
    tempo: Option<u32>,
    /// The seats as last reported.
    seats: Option<Vec<SeatReport>>,
    /// The host said the event is over.
    over: bool,
}

impl TableRoom {
    /// The room's round this table plays or played last, by its number.
    pub fn round(&self) -> Option<u32> {
        self.round.as_ref().map(|r| r.plan.round)
    }

    /// Whether this table's report of its last round is made (sent, or kept to be sent).
    pub fn round_reported(&self) -> bool {
        self.round.as_ref().is_some_and(|r| r.done)
    }
}

/// What keeps a table from playing the room's rounds.
#[derive(Debug, Clone, PartialEq)]
enum TableProblem {
    /// The line could not be opened.
    NoLine(String),
    /// The host's scenario does not load here.
    BadScenario(String),
}

/// A room's round at this table.
#[derive(Debug, Clone)]
struct TableRound {
    plan: RoundPlan,
    /// The serial of the performance there was when the round was ordered (the round's own
    /// performance is a later one).
    before: u64,
    /// The performance that plays it, once built (a restart of the round is a new one).
    serial: Option<u64>,
    /// The bar reported last.
    bar: u32,
    /// Its replay is handed to the line.
    done: bool,
    /// The vote's counts as last reported.
    votes: Vec<u32>,
}

/// Join a room as a table: opens the line to the host (a line open before is closed, and what the
/// table knew of that room forgotten). Sent at start by `--join` and by the title's Join a room.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct JoinRoom(pub TableJoin);

/// Marks the line that says where the table's line stands.
#[derive(Component)]
struct TableStatusLine;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<TableRoom>();
    app.add_message::<JoinRoom>();
    app.add_systems(Startup, join_at_start);
    app.add_systems(Update, open_line.in_set(AppSet::RecordInput));
    app.add_systems(
        Update,
        (
            (watch_line, heed_host, start_due_round, follow_host_tempo)
                .chain()
                .after(open_line)
                .in_set(AppSet::RecordInput),
            (report_seats, report_bars, report_round, report_vote)
                .chain()
                .in_set(AppSet::Update),
        )
            .run_if(resource_exists::<TableLine>),
    );
    app.add_systems(Update, show_status.in_set(AppSet::Update));
}

/// At start with `--join`: joins the room, as Join a room on the title does.
fn join_at_start(launch: Option<Res<Launch>>, mut joins: MessageWriter<JoinRoom>) {
    if let Some(join) = launch.and_then(|l| l.join.clone()) {
        joins.write(JoinRoom(join));
    }
}

/// Joins a room: opens the line to the host (the one before, if any, is closed and what the table
/// knew of its room forgotten), and the line in the corner that says where it stands.
fn open_line(
    mut joins: MessageReader<JoinRoom>,
    mut commands: Commands,
    mut room: ResMut<TableRoom>,
    corner: Query<(), With<TableStatusLine>>,
) {
    let Some(JoinRoom(join)) = joins.read().last().cloned() else {
        return;
    };
    commands.queue(close_line);
    *room = TableRoom::default();
    match TableLink::open(join.url.clone(), &join.name) {
        Ok(link) => {
            info!(
                "table {}: joining the host at {} (room {})",
                join.name, join.url.authority, join.url.code
            );
            commands.insert_resource(TableLine { link, join });
        }
        Err(e) => {
            error!("table {}: no line to the host: {e}", join.name);
            room.problem = Some(TableProblem::NoLine(e.to_string()));
        }
    }
    if corner.is_empty() {
        commands.spawn(status_line());
    }
}

/// Closes the line there is, if any, without waiting for its thread (which may be a few seconds
/// in a connect to a host that does not answer).
fn close_line(world: &mut World) {
    if let Some(old) = world.remove_resource::<TableLine>() {
        info!(
            "table {}: leaving the room at {}",
            old.name(),
            old.join.url.authority
        );
        let closing = std::thread::Builder::new().name("table-link-close".into());
        let _ = closing.spawn(move || drop(old));
    }
}

/// The line in the bottom left corner, above every screen (the stage's captions are on the right).
fn status_line() -> impl Bundle {
    (
        Node {
            position_type: PositionType::Absolute,
            left: px(12),
            bottom: px(6),
            ..default()
        },
        GlobalZIndex(50),
        Text::new(""),
        TextFont {
            font_size: FontSize::Px(15.0),
            ..default()
        },
        TextColor(Color::srgb(0.6, 0.6, 0.65)),
        TableStatusLine,
    )
}

/// Follows the line: in, the host's scenario opens (from the title, in the lobby); away and
/// refused are logged.
fn watch_line(
    line: Res<TableLine>,
    mut room: ResMut<TableRoom>,
    mut catalog: ResMut<Catalog>,
    mut current: ResMut<CurrentLevel>,
    state: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
) {
    let status = line.link.status();
    if room.last_status.as_ref() == Some(&status) {
        return;
    }
    let name = line.name();
    match &status {
        LinkStatus::In => {
            let Some(welcome) = line.link.welcome() else {
                return; // the welcome is kept just after the status: next frame
            };
            info!(
                "table {name}: in the room, playing {}",
                welcome.scenario_name
            );
            match catalog.add_text(&welcome.scenario_name, &welcome.scenario) {
                // Back after the host was away: the table stays where it is.
                Ok(i) if room.level == Some(i) => {}
                Ok(i) => {
                    room.level = Some(i);
                    room.problem = None;
                    current.0 = i;
                    if *state.get() == Screen::Title {
                        next.set(Screen::Lobby);
                    }
                }
                Err(e) => {
                    error!("table {name}: the host's scenario does not load: {e}");
                    room.problem = Some(TableProblem::BadScenario(e));
                }
            }
        }
        LinkStatus::Away => warn!("table {name}: the host is away; the table plays on"),
        LinkStatus::Refused(why) => error!("table {name}: the host refused the table: {why}"),
        LinkStatus::Connecting => {}
    }
    room.last_status = Some(status);
}

/// Takes the host's orders: a round to start at its instant, pause, tempo, skip, the end.
fn heed_host(
    line: Res<TableLine>,
    mut room: ResMut<TableRoom>,
    mut inputs: MessageWriter<PerformanceInput>,
) {
    for msg in line.link.poll() {
        match msg {
            HostMsg::Start(plan) => {
                let at = line
                    .link
                    .local_instant(plan.start_at)
                    .unwrap_or_else(Instant::now);
                info!(
                    "table {}: round {} (seed {}) counts in in {:.2} s",
                    line.name(),
                    plan.round,
                    plan.seed,
                    at.saturating_duration_since(Instant::now()).as_secs_f64()
                );
                room.pending = Some((plan, at));
            }
            HostMsg::Pause { paused: true } => {
                inputs.write(PerformanceInput::Pause(PauseReason::Asked));
            }
            HostMsg::Pause { paused: false } => {
                inputs.write(PerformanceInput::Resume);
            }
            HostMsg::Tempo { pct } => room.tempo = Some(pct.clamp(TEMPO_RANGE.0, TEMPO_RANGE.1)),
            HostMsg::Skip => {
                inputs.write(PerformanceInput::SkipToDebrief);
            }
            HostMsg::Over => {
                info!("table {}: the host says the event is over", line.name());
                room.over = true;
            }
            _ => {}
        }
    }
}

/// The host's round starts when its instant comes (a frame early, so that its count-in, which
/// begins the frame after, falls on the instant): the host's level, the host's seed.
fn start_due_round(
    mut room: ResMut<TableRoom>,
    real: Res<Time<Real>>,
    perf: Option<Res<Performance>>,
    mut current: ResMut<CurrentLevel>,
    mut inputs: MessageWriter<PerformanceInput>,
) {
    let frame = real.delta().min(Duration::from_millis(50));
    let due = room
        .pending
        .as_ref()
        .is_some_and(|(_, at)| Instant::now() + frame >= *at);
    if !due {
        return;
    }
    let Some((plan, _)) = room.pending.take() else {
        return;
    };
    let Some(level) = room.level else {
        warn!("round {}: the host's scenario is not here", plan.round);
        return;
    };
    if current.0 != level {
        current.0 = level;
    }
    inputs.write(PerformanceInput::HostRound { seed: plan.seed });
    room.round = Some(TableRound {
        plan,
        before: perf.map_or(0, |p| p.serial()),
        serial: None,
        bar: 0,
        done: false,
        votes: Vec::new(),
    });
}

/// The host's tempo, a step at a time, where the tempo may change.
fn follow_host_tempo(
    room: Res<TableRoom>,
    setup: Res<Setup>,
    state: Res<State<Screen>>,
    mut inputs: MessageWriter<PerformanceInput>,
) {
    let Some(pct) = room.tempo else { return };
    let may_change = matches!(
        state.get(),
        Screen::Lobby | Screen::CountIn | Screen::Playing
    );
    // A step while the host's tempo is nearer another step's than the table's.
    let diff = i64::from(pct) - i64::from(setup.tempo_pct());
    if may_change && diff.unsigned_abs() > u64::from(TEMPO_STEP) / 2 {
        inputs.write(PerformanceInput::Tempo(diff.signum() as i32));
    }
}

/// Reports who sits where on the host's scenario whenever it changes.
fn report_seats(
    line: Res<TableLine>,
    mut room: ResMut<TableRoom>,
    setup: Res<Setup>,
    catalog: Res<Catalog>,
    launch: Option<Res<Launch>>,
) {
    let Some(Ok(scenario)) = room
        .level
        .and_then(|i| catalog.levels.get(i))
        .map(|l| l.scenario.as_ref())
    else {
        return;
    };
    let autoplay = launch.is_some_and(|l| l.autoplay);
    let seats = seat_reports(scenario, &setup, autoplay);
    if room.seats.as_ref() != Some(&seats) {
        line.link.seats(seats.clone());
        room.seats = Some(seats);
    }
}

/// Who plays each department of `scenario`, as the host's wall shows it: `keys`, `pad N`,
/// `phone NAME`, or nothing for its colleague (every seat a colleague's in a demo).
fn seat_reports(scenario: &Scenario, setup: &Setup, autoplay: bool) -> Vec<SeatReport> {
    scenario
        .dept_ids()
        .map(|d: DeptId| SeatReport {
            dept: scenario.department(d).id.clone(),
            who: match setup.seat(d) {
                _ if autoplay => String::new(),
                Seat::Keyboard => "keys".to_owned(),
                Seat::Pad(p) if p.connected => format!("pad {}", p.number),
                Seat::Phone(p) if p.connected => match setup.phone_name(p.phone) {
                    "" => "phone".to_owned(),
                    name => format!("phone {name}"),
                },
                Seat::Pad(_) | Seat::Phone(_) | Seat::Colleague => String::new(),
            },
        })
        .collect()
}

/// Finds the round's performance (the newest one of the round's seed since it was ordered, not
/// a replay nor a practice loop) and reports the round at the start of every bar.
fn report_bars(
    line: Res<TableLine>,
    mut room: ResMut<TableRoom>,
    perf: Option<Res<Performance>>,
    mut events: MessageReader<SimEvent>,
) {
    let (Some(round), Some(perf)) = (room.round.as_mut(), perf) else {
        events.clear();
        return;
    };
    let its_own = perf.serial() > round.before
        && perf.seed() == round.plan.seed
        && !perf.is_playback()
        && perf.practice_bars().is_none();
    if !round.done && its_own && round.serial != Some(perf.serial()) {
        round.serial = Some(perf.serial());
        round.bar = 0;
    }
    let bars: Vec<u32> = events
        .read()
        .filter_map(|e| match e.0.kind {
            EventKind::BarStarted { bar } => Some(bar),
            _ => None,
        })
        .collect();
    if round.done || round.serial != Some(perf.serial()) {
        return;
    }
    if let Some(&bar) = bars.last() {
        round.bar = bar;
        line.link
            .live(live_report(&perf, round.plan.round, bar, false));
    }
}

/// The round as it stands: the audience, the calls between the chairs taken and missed.
fn live_report(perf: &Performance, round: u32, bar: u32, ended: bool) -> LiveReport {
    let d = perf.debrief();
    LiveReport {
        round,
        bar: bar.max(1),
        audience: (d.audience_final * 10.0).round() / 10.0,
        taken: d.departments.iter().map(|s| s.claims).sum::<u32>() + d.rescues,
        missed: d.gap_drops,
        ended,
    }
}

/// The round's piece finished (played to its end or skipped): its last report and its replay,
/// of the host's scenario text and the round's seed, go to the host.
fn report_round(
    line: Res<TableLine>,
    mut room: ResMut<TableRoom>,
    perf: Option<Res<Performance>>,
    workshop: Res<Workshop>,
    mut finished: MessageReader<PieceFinished>,
) {
    let Some(PieceFinished(record)) = finished.read().last() else {
        return;
    };
    let (Some(round), Some(perf)) = (room.round.as_mut(), perf) else {
        return;
    };
    if round.done || round.serial != Some(record.serial) || perf.serial() != record.serial {
        return;
    }
    let number = round.plan.round;
    line.link.live(live_report(&perf, number, round.bar, true));
    let agreement = workshop.agreement().map(str::to_owned);
    match perf.to_replay(Some(number), agreement).to_text() {
        Ok(text) => {
            info!(
                "table {}: round {number} played; its replay goes to the host",
                line.name()
            );
            line.link.round_done(number, text);
        }
        Err(e) => error!(
            "table {}: round {number}'s replay cannot be written: {e}",
            line.name()
        ),
    }
    round.done = true;
}

/// The phones' vote on the round's debrief, whenever its counts change.
fn report_vote(line: Res<TableLine>, mut room: ResMut<TableRoom>, tally: Res<VoteTally>) {
    let Some(round) = room.round.as_mut() else {
        return;
    };
    if tally.serial.is_none() || tally.serial != round.serial {
        return;
    }
    let counts: Vec<u32> = tally.options.iter().map(|o| o.count).collect();
    if counts != round.votes {
        line.link.vote(round.plan.round, counts.clone());
        round.votes = counts;
    }
}

/// The corner line: where the table's line stands, in the language on screen.
fn show_status(
    line: Option<Res<TableLine>>,
    room: Res<TableRoom>,
    texts: Res<Texts>,
    mut shown: Query<&mut Text, With<TableStatusLine>>,
) {
    if shown.is_empty() {
        return;
    }
    let text = status_text(&texts, line.as_deref(), &room);
    for mut t in &mut shown {
        if t.0 != text {
            t.0.clone_from(&text);
        }
    }
}

/// What the corner line says.
fn status_text(texts: &Texts, line: Option<&TableLine>, room: &TableRoom) -> String {
    match &room.problem {
        Some(TableProblem::NoLine(e)) => {
            return texts.t_args("table-no-line", &[("error", e.clone().into())]);
        }
        Some(TableProblem::BadScenario(e)) => {
            return texts.t_args("table-bad-scenario", &[("error", e.clone().into())]);
        }
        None => {}
    }
    let Some(line) = line else {
        return String::new();
    };
    let name = || [("name", line.name().to_owned().into())];
    match line.link.status() {
        _ if room.over => texts.t_args("table-over", &name()),
        LinkStatus::Connecting => texts.t_args(
            "table-joining",
            &[("host", line.join.url.authority.clone().into())],
        ),
        LinkStatus::In => texts.t_args("table-in", &name()),
        LinkStatus::Away => texts.t_args("table-away", &name()),
        LinkStatus::Refused(english) => {
            let why = line
                .link
                .refusal()
                .map_or(english, |(why, host)| refusal_text(texts, why, &host));
            texts.t_args("table-refused", &[("why", why.into())])
        }
    }
}

/// Why the host refused the table, in the language on screen.
fn refusal_text(texts: &Texts, why: RefusedWhy, host_version: &str) -> String {
    let key = match why {
        RefusedWhy::RoomCode => "table-refused-room-code",
        RefusedWhy::Version => "table-refused-version",
        RefusedWhy::NameTaken => "table-refused-name-taken",
        RefusedWhy::Full => "table-refused-full",
        RefusedWhy::Hello => "table-refused-hello",
    };
    let version = crate::tables::protocol::game_version();
    texts.t_args(
        key,
        &[
            ("host_version", host_version.to_owned().into()),
            ("version", version.into()),
        ],
    )
}
