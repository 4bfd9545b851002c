//! The host's screen: `tutti host FILE` with a window, or Host a room on the title (the level
//! selected last). It opens the room (the headless host's [`open_room`], its session folder
//! included), shows the wall (`host_wall.rs`) and gives the facilitator the whole room's
//! controls, as keys and as buttons: start every table's round on one count-in, pause all or go
//! on, tempo down and up, skip to the debrief, the room's debrief (`host_debrief.rs`).
//! What happens is logged and every round report kept in the session folder as the headless host
//! does ([`heed_events`]); at each round's end and on leaving, `room.csv` and `room.xlsx` are
//! written there.

use std::io::Write;

use bevy::prelude::*;

use crate::cli::{HostArgs, WindowArgs};
use crate::game::catalog::{Catalog, CurrentLevel, Level};
use crate::states::{AppSet, HostLaunch, Launch, Screen};
use crate::tables::run_host::{OpenRoom, heed_events, open_room};
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets;

use super::host_room::{
    Confirming, HostButton, HostNotice, HostRoom, TEMPO_MAX, TEMPO_MIN, TEMPO_STEP, WallView,
};
use super::host_wall::{self, BodyShown};

/// The port a room opened from the title listens on (any free one when it is taken).
pub const HOST_PORT: u16 = 7878;

/// How long before the count-in the tables are told to start, seconds, from the title.
const LEAD_SECS: f64 = 3.0;

pub(super) fn plugin(app: &mut App) {
    widgets::add_buttons::<HostButton>(app);
    app.init_resource::<WallView>();
    app.init_resource::<HostNotice>();
    app.init_resource::<Confirming>();
    app.init_resource::<BodyShown>();
    app.add_systems(Startup, open_launch_host);
    app.add_systems(OnEnter(Screen::Host), (open_host_room, spawn_host).chain());
    app.add_systems(OnExit(Screen::Host), close_host_room);
    app.add_systems(
        Update,
        (
            (heed_room, end_of_round, read_controls).in_set(AppSet::RecordInput),
            (
                host_wall::show_body,
                host_wall::show_tiles,
                host_wall::show_status,
                host_wall::show_controls,
            )
                .chain()
                .in_set(AppSet::Update),
        )
            .run_if(in_state(Screen::Host)),
    );
}

/// `tutti host FILE` opens on the wall.
fn open_launch_host(launch: Option<Res<Launch>>, mut next: ResMut<NextState<Screen>>) {
    if launch.is_some_and(|l| l.host.is_some()) {
        next.set(Screen::Host);
    }
}

/// The Bevy log, as a writer: the headless host's lines go to it, a line at a time.
#[derive(Default)]
struct LogLines(Vec<u8>);

impl Write for LogLines {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for LogLines {
    fn drop(&mut self) {
        for line in String::from_utf8_lossy(&self.0).lines() {
            info!("{}", line.trim_start_matches("tutti: "));
        }
    }
}

/// The options of the room to open: `tutti host`'s, or the level's (a built-in level is written
/// into a new session folder first, for the host reads its scenario from a file).
fn host_args(launch: Option<&HostLaunch>, level: Option<&Level>) -> Result<HostArgs, String> {
    let args = |file, port, session, lead| HostArgs {
        file,
        headless: false,
        port,
        tables: 1,
        rounds: 1,
        session,
        lead,
        wait: 900.0,
        window: WindowArgs::default(),
    };
    if let Some(l) = launch {
        return Ok(args(l.file.clone(), l.port, l.session.clone(), l.lead_secs));
    }
    let level = level.ok_or("no level is selected")?;
    if let Some(path) = &level.path {
        return Ok(args(path.clone(), HOST_PORT, None, LEAD_SECS));
    }
    let stem = crate::export::scenario_stem(&level.name);
    let dir = crate::export::results_dir(
        &crate::export::results_root(),
        &format!("{stem}-room"),
        std::time::SystemTime::now(),
    );
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file = dir.join(&level.name);
    crate::files::write_atomic(&file, level.source.as_bytes())
        .map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(args(file, HOST_PORT, Some(dir), LEAD_SECS))
}

/// Opens the room of `tutti host` (once) or of the level selected; from the title a taken port
/// moves to any free one.
fn open_host_room(
    mut commands: Commands,
    launch: Option<Res<Launch>>,
    level: (Res<Catalog>, Res<CurrentLevel>),
    images: Option<ResMut<Assets<Image>>>,
    mut notice: ResMut<HostNotice>,
    texts: Res<Texts>,
    mut launched: Local<bool>,
) {
    *notice = HostNotice::default();
    let from_launch = launch
        .as_ref()
        .and_then(|l| l.host.clone())
        .filter(|_| !*launched);
    *launched = true;
    let given = from_launch.is_some();
    let opened = host_args(from_launch.as_ref(), level.0.levels.get(level.1.0)).and_then(|args| {
        let mut log = LogLines::default();
        open_room(&args, &mut log).or_else(|e| match given {
            true => Err(e),
            false => open_room(
                &HostArgs {
                    port: 0,
                    ..args.clone()
                },
                &mut log,
            ),
        })
    });
    match opened {
        Ok(open) => {
            let lead_ms = from_launch.map_or(LEAD_SECS, |l| l.lead_secs) * 1000.0;
            commands.insert_resource(host_room(open, lead_ms, images));
        }
        Err(why) => {
            warn!("host: {why}");
            notice.text = texts.t_args("host-failed", &[("why", why.into())]);
            notice.warn = true;
        }
    }
}

/// The room opened, with its address and QR code.
fn host_room(open: OpenRoom, lead_ms: f64, images: Option<ResMut<Assets<Image>>>) -> HostRoom {
    let ip = crate::phones::local_ips()[0];
    let port = open.host.addr().port();
    let url = format!("http://{ip}:{port}/?room={}", open.host.code());
    let qr = images
        .and_then(|mut images| crate::game::phones::qr_image(&url).map(|image| images.add(image)));
    HostRoom {
        address: format!("{ip}:{port}"),
        title: open.scenario.title.clone(),
        url,
        qr,
        lead_ms,
        exported: None,
        debrief_shown_for: None,
        open,
    }
}

/// Lays the wall out.
fn spawn_host(
    mut commands: Commands,
    room: Option<Res<HostRoom>>,
    texts: Res<Texts>,
    palette: Res<Palette>,
    fonts: Option<Res<crate::ui::fonts::Fonts>>,
    mut view: ResMut<WallView>,
    mut shown: ResMut<BodyShown>,
    mut confirming: ResMut<Confirming>,
) {
    *view = WallView::Tables;
    *shown = BodyShown::default();
    confirming.0 = None;
    let bold = fonts.map(|f| f.bold.clone());
    host_wall::spawn_wall(&mut commands, room.as_deref(), &texts, &palette, bold);
}

/// Leaving: the room is written out, the tables are told the event is over, and the host stops.
fn close_host_room(mut commands: Commands, room: Option<ResMut<HostRoom>>, texts: Res<Texts>) {
    let Some(mut room) = room else { return };
    heed_room_now(&mut room);
    export_room(&room, &texts);
    room.open.host.over();
    // The tables hear it before the connections close.
    std::thread::sleep(std::time::Duration::from_millis(200));
    commands.remove_resource::<HostRoom>();
}

/// Logs what happened and keeps every report in the session folder, as the headless host does.
fn heed_room(room: Option<ResMut<HostRoom>>) {
    if let Some(mut room) = room {
        heed_room_now(&mut room);
    }
}

fn heed_room_now(room: &mut HostRoom) {
    let mut log = LogLines::default();
    heed_events(&mut room.open, &mut log);
}

/// Writes `room.csv` and `room.xlsx` into the session folder; the path on success.
fn export_room(room: &HostRoom, texts: &Texts) -> Option<String> {
    let words = |key: &str| texts.t(key);
    let state = room.open.host.room();
    let dir = room.open.store.dir();
    match crate::tables::export::write_room(dir, &room.open.scenario, &state, &words) {
        Ok(_) => {
            info!("host: room.csv and room.xlsx written in {}", dir.display());
            Some(dir.display().to_string())
        }
        Err(e) => {
            warn!("host: {e}");
            None
        }
    }
}

/// When every table has reported the round: the room is written out, and the room's debrief
/// comes on (once a round; R goes back to the tables).
fn end_of_round(
    room: Option<ResMut<HostRoom>>,
    texts: Res<Texts>,
    mut view: ResMut<WallView>,
    mut notice: ResMut<HostNotice>,
) {
    let Some(mut room) = room else { return };
    let done = {
        let state = room.open.host.room();
        let Some(plan) = state.round() else { return };
        let n = state.results(plan.round).len();
        (n > 0 && state.waiting_for().is_empty()).then_some((plan.round, n))
    };
    let Some((round, n)) = done else { return };
    if room.exported != Some((round, n)) {
        room.exported = Some((round, n));
        if let Some(path) = export_room(&room, &texts) {
            *notice = HostNotice {
                text: texts.t_args("host-saved", &[("path", path.into())]),
                warn: false,
            };
        }
    }
    if room.debrief_shown_for != Some(round) {
        room.debrief_shown_for = Some(round);
        *view = WallView::Debrief;
    }
}

/// The room's keys and the clicks on its buttons.
fn read_controls(
    keys: Res<ButtonInput<KeyCode>>,
    mut chosen: MessageReader<HostButton>,
    room: Option<Res<HostRoom>>,
    texts: Res<Texts>,
    mut orders: (ResMut<WallView>, ResMut<HostNotice>, ResMut<Confirming>),
    mut next: ResMut<NextState<Screen>>,
) {
    let pressed = HostButton::ALL
        .into_iter()
        .filter(|b| b.keys().iter().any(|k| keys.just_pressed(*k)))
        .chain(chosen.read().copied())
        .collect::<Vec<_>>();
    let (view, notice, confirming) = (&mut orders.0, &mut orders.1, &mut orders.2);
    for b in pressed {
        let again = confirming.0 == Some(b);
        confirming.0 = None;
        **notice = HostNotice::default();
        let Some(room) = room.as_deref() else {
            if b == HostButton::Leave {
                next.set(Screen::Title);
            }
            continue;
        };
        let order = Order {
            room,
            texts: &texts,
            again,
        };
        match order.carry_out(b, view) {
            Outcome::Done => {}
            Outcome::Say(text, warn) => **notice = HostNotice { text, warn },
            Outcome::Confirm(text) => {
                confirming.0 = Some(b);
                **notice = HostNotice { text, warn: true };
            }
            Outcome::Leave => next.set(Screen::Title),
        }
    }
}

/// One of the room's orders, about to be carried out.
struct Order<'a> {
    room: &'a HostRoom,
    texts: &'a Texts,
    /// The order's key was pressed a second time, to confirm it.
    again: bool,
}

/// What came of an order.
enum Outcome {
    Done,
    /// A line to say (in the warning colour when `true`).
    Say(String, bool),
    /// The order waits for a second press; the line says so.
    Confirm(String),
    Leave,
}

impl Order<'_> {
    fn carry_out(&self, b: HostButton, view: &mut WallView) -> Outcome {
        let host = &self.room.open.host;
        match b {
            HostButton::Start => {
                let outcome = self.start();
                if matches!(outcome, Outcome::Say(_, false)) {
                    // A round started: the tables' tiles again.
                    *view = WallView::Tables;
                }
                outcome
            }
            HostButton::Pause => {
                let paused = host.room().pace().0;
                host.pause(!paused);
                Outcome::Done
            }
            HostButton::Slower | HostButton::Faster => {
                let tempo = self.room.tempo();
                let pct = match b {
                    HostButton::Slower => tempo.saturating_sub(TEMPO_STEP).max(TEMPO_MIN),
                    _ => (tempo + TEMPO_STEP).min(TEMPO_MAX),
                };
                host.tempo(pct);
                Outcome::Done
            }
            HostButton::Skip if !self.again => Outcome::Confirm(self.texts.t("host-confirm-skip")),
            HostButton::Skip => {
                host.skip();
                Outcome::Done
            }
            HostButton::Debrief => {
                *view = match *view {
                    WallView::Tables => WallView::Debrief,
                    WallView::Debrief => WallView::Tables,
                };
                Outcome::Done
            }
            HostButton::Leave if !self.again => {
                Outcome::Confirm(self.texts.t("host-confirm-leave"))
            }
            HostButton::Leave => Outcome::Leave,
        }
    }

    /// Starts the next round at every table on one count-in: only with tables in, and a second
    /// press while tables still play the round under way.
    fn start(&self) -> Outcome {
        let host = &self.room.open.host;
        let (connected, playing, under_way, next) = {
            let state = host.room();
            let under_way = state.round().map_or(0, |p| p.round);
            (
                state.connected(),
                state.waiting_for().len(),
                under_way,
                state.next_round(),
            )
        };
        if connected == 0 {
            return Outcome::Say(self.texts.t("host-need-tables"), true);
        }
        if playing > 0 && !self.again {
            let args = [
                ("n", under_way.into()),
                ("count", playing.into()),
                ("next", next.into()),
            ];
            return Outcome::Confirm(self.texts.t_args("host-confirm-start", &args));
        }
        let plan = host.start_round(self.room.lead_ms);
        info!("host: round {} starts (seed {})", plan.round, plan.seed);
        Outcome::Say(
            self.texts
                .t_args("host-started", &[("n", plan.round.into())]),
            false,
        )
    }
}
