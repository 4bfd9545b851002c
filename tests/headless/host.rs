//! The host's screen without a window: `tutti host FILE` opens the wall on a room listening on
//! 127.0.0.1 (any free port); tables join it as [`TableLink`]s, as a table's game does. The wall
//! shows each table as it joins, the room's keys reach every table, a round reported by every
//! table brings on the room's debrief and writes `room.csv` and `room.xlsx`, whose writer is
//! tested on its own too.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;
use tutti::scenario::{DeptId, Scenario};
use tutti::screens::host_room::{HostRoom, WallView};
use tutti::settings::SettingsStore;
use tutti::sim::{Seat, Strategy};
use tutti::states::{HostLaunch, Launch, Screen};
use tutti::tables::export::{TableRow, write_room};
use tutti::tables::join::JoinUrl;
use tutti::tables::link::{LinkStatus, TableLink};
use tutti::tables::play::{Heard, RoundPlayer};
use tutti::tables::protocol::{HostMsg, RoundPlan, SeatReport};
use tutti::tables::report::{TableResult, verify_round};
use tutti::tables::room::RoomState;

use super::app::texts_on_screen as texts;
use super::app::{press, screen};
use super::export::{sheet_names, xlsx_part};

const LEVEL: &str = "levels/04-the-call-nobody-makes.en.ron";

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tutti-host-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The game started as `tutti host LEVEL --port 0 --session DIR --lead 1`.
fn host_app(session: &std::path::Path) -> App {
    host_app_of(LEVEL, session)
}

/// The game started as `tutti host FILE --port 0 --session DIR --lead 1`.
fn host_app_of(file: &str, session: &std::path::Path) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, bevy::input::InputPlugin));
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
        10,
    )));
    app.insert_resource(SettingsStore::default());
    app.insert_resource(Launch {
        host: Some(HostLaunch {
            file: file.into(),
            port: 0,
            session: Some(session.to_path_buf()),
            lead_secs: 1.0,
        }),
        window: (1280, 720),
        ..Launch::default()
    });
    tutti::app::core_plugin(&mut app);
    app.update();
    app.update();
    app
}

/// A table joining the app's room by its address, as the wall shows it.
fn join(app: &App, name: &str) -> TableLink {
    let room = app.world().resource::<HostRoom>();
    let port = room.open.host.addr().port();
    let url = format!("http://127.0.0.1:{port}/?room={}", room.open.host.code());
    TableLink::open(JoinUrl::parse(&url, None).unwrap(), name).unwrap()
}

/// Updates the app (in real time: the tables talk over sockets) until `done`, for at most 10 s.
fn wait(app: &mut App, what: &str, done: impl Fn(&mut App) -> bool) {
    let until = Instant::now() + Duration::from_secs(10);
    while Instant::now() < until {
        app.update();
        if done(app) {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("never: {what}");
}

fn shows(app: &mut App, text: &str) -> bool {
    texts(app).iter().any(|t| t.contains(text))
}

/// What the table has heard from the host, waiting until `want` is among it.
fn hear(app: &mut App, link: &TableLink, want: impl Fn(&HostMsg) -> bool) -> HostMsg {
    let heard = std::cell::RefCell::new(None);
    wait(app, "the table hears the host's order", |_| {
        let found = link.poll().into_iter().find(&want);
        let got = found.is_some();
        *heard.borrow_mut() = found;
        got
    });
    heard.into_inner().unwrap()
}

#[test]
fn the_wall_shows_the_room_code_and_each_table_as_it_joins_with_its_seats() {
    let dir = folder("wall");
    let mut app = host_app(&dir);
    assert_eq!(screen(&app), Screen::Host);
    let code = app
        .world()
        .resource::<HostRoom>()
        .open
        .host
        .code()
        .to_string();
    assert!(shows(&mut app, &code), "the room code, large");
    assert!(shows(&mut app, "No table has joined yet"));

    let first = join(&app, "Table 1");
    first.seats(vec![
        SeatReport {
            dept: "service".into(),
            who: "Ann".into(),
        },
        SeatReport {
            dept: "it".into(),
            who: String::new(),
        },
    ]);
    wait(&mut app, "Table 1 on the wall", |a| shows(a, "Table 1"));
    wait(&mut app, "its seats", |a| shows(a, "1/2 seats"));
    assert!(shows(&mut app, "ready"));
    let second = join(&app, "Table 2");
    wait(&mut app, "Table 2 on the wall", |a| {
        shows(a, "Table 2") && shows(a, "2 tables")
    });
    drop(second);
    wait(&mut app, "Table 2 away", |a| shows(a, "away"));
    assert_eq!(first.status(), LinkStatus::In);
}

#[test]
fn the_start_key_starts_every_tables_round_on_one_count_in_and_p_and_the_arrows_reach_them() {
    let dir = folder("keys");
    let mut app = host_app(&dir);
    press(&mut app, KeyCode::KeyS);
    assert!(shows(&mut app, "No table has joined yet: start a round"));
    let tables = [join(&app, "Table 1"), join(&app, "Table 2")];
    wait(&mut app, "both in", |a| {
        a.world()
            .resource::<HostRoom>()
            .open
            .host
            .room()
            .connected()
            == 2
    });

    press(&mut app, KeyCode::KeyS);
    let seed = tutti::scenario::load_file(LEVEL.as_ref()).unwrap().seed;
    let mut starts = Vec::new();
    for t in &tables {
        match hear(&mut app, t, |m| matches!(m, HostMsg::Start(_))) {
            HostMsg::Start(plan) => starts.push(plan),
            _ => unreachable!(),
        }
    }
    assert_eq!(starts[0], starts[1], "one count-in, the same seed");
    assert_eq!((starts[0].round, starts[0].seed), (1, seed));
    assert!(shows(&mut app, "Round 1 · playing"));

    press(&mut app, KeyCode::KeyP);
    for t in &tables {
        hear(&mut app, t, |m| *m == HostMsg::Pause { paused: true });
    }
    assert!(shows(&mut app, "PAUSED"));
    press(&mut app, KeyCode::ArrowRight);
    hear(&mut app, &tables[0], |m| *m == HostMsg::Tempo { pct: 105 });

    // The round is still on at both tables: S asks first, a second S starts round 2.
    press(&mut app, KeyCode::KeyS);
    assert!(shows(&mut app, "press S again"));
    press(&mut app, KeyCode::KeyS);
    hear(
        &mut app,
        &tables[1],
        |m| matches!(m, HostMsg::Start(p) if p.round == 2 && p.seed == seed + 1),
    );
}

/// Table `name`'s round `plan` played at once, its seats by `strategy`: the replay it reports.
fn played(scenario: &Scenario, plan: RoundPlan, strategy: Strategy) -> String {
    let text = std::fs::read_to_string(LEVEL).unwrap();
    let seats: Vec<Seat> = (0..scenario.departments.len())
        .map(|d| Seat::new(DeptId(d), strategy))
        .collect();
    let now = Instant::now();
    let mut player = RoundPlayer::new(scenario, (LEVEL, &text), plan, &seats, now, 1000.0);
    for _ in 0..100_000 {
        if let Heard::Done(_, replay) = player.step(now + Duration::from_secs(3600)) {
            return replay;
        }
    }
    panic!("the round never ended");
}

#[test]
fn when_every_table_has_reported_the_rooms_debrief_comes_on_and_the_room_is_written_out() {
    let dir = folder("debrief");
    let mut app = host_app(&dir);
    let scenario = tutti::scenario::load_file(LEVEL.as_ref()).unwrap();
    // One after the other: the tables are in the room (and its export) in the order they came.
    let tables = ["Table 1", "Table 2"].map(|name| {
        let t = join(&app, name);
        wait(&mut app, "in", |a| shows(a, name));
        t
    });
    press(&mut app, KeyCode::KeyS);
    for (t, strategy) in tables.iter().zip([Strategy::Own, Strategy::Attentive]) {
        let HostMsg::Start(plan) = hear(&mut app, t, |m| matches!(m, HostMsg::Start(_))) else {
            unreachable!()
        };
        t.round_done(1, played(&scenario, plan, strategy));
    }
    wait(&mut app, "the room's debrief", |a| {
        *a.world().resource::<WallView>() == WallView::Debrief
    });
    wait(&mut app, "its title", |a| {
        shows(a, "The room's debrief · round 1")
    });
    assert!(shows(&mut app, "Where cases fell between the chairs"));
    assert!(shows(&mut app, "IT ↔"), "a pair of chairs by their names");
    let rows: Vec<TableRow> = csv::Reader::from_path(dir.join("room.csv"))
        .unwrap()
        .deserialize()
        .map(Result::unwrap)
        .collect();
    let names: Vec<&str> = rows.iter().map(|r| r.table.as_str()).collect();
    assert_eq!(names, ["Table 1", "Table 2"]);
    assert!(
        rows[0].lost > rows[1].lost,
        "the table that claims nothing between the chairs lost more: {rows:?}"
    );
    assert!(dir.join("room.xlsx").exists());
    // R goes back to the tables; Esc twice leaves for the title.
    press(&mut app, KeyCode::KeyR);
    assert_eq!(*app.world().resource::<WallView>(), WallView::Tables);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Host, "the first Esc asks");
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Title);
    hear(&mut app, &tables[0], |m| *m == HostMsg::Over);
}

/// Table `name`'s round `round` of `scenario`, reported and verified as the host keeps it.
fn result(scenario: &Scenario, name: &str, round: u32, strategy: Strategy) -> TableResult {
    let plan = RoundPlan {
        round,
        seed: scenario.seed + u64::from(round) - 1,
        start_at: 0.0,
    };
    let mut replay =
        tutti::rounds::Replay::parse(&played(scenario, plan.clone(), strategy)).unwrap();
    replay.agreement = Some(format!("{name}: vi ringer tilbage inden for en time"));
    let text = replay.to_text().unwrap();
    let source = std::fs::read_to_string(LEVEL).unwrap();
    verify_round(name, round, &text, &source, plan.seed).unwrap()
}

#[test]
fn the_rooms_export_holds_a_row_per_table_per_round_and_a_sheet_per_table() {
    let scenario = tutti::scenario::load_file(LEVEL.as_ref()).unwrap();
    let mut room = RoomState::new(64);
    for name in ["Bord 1 · æøå", "Table/2"] {
        room.join(name).unwrap();
    }
    for round in [1, 2] {
        room.add_result(result(&scenario, "Table/2", round, Strategy::Attentive));
        room.add_result(result(&scenario, "Bord 1 · æøå", round, Strategy::Own));
    }
    let dir = folder("export");
    std::fs::create_dir_all(&dir).unwrap();
    let texts = tutti::texts::Texts::in_lang(tutti::texts::Lang::Da);
    write_room(&dir, &scenario, &room, &|k| texts.t(k)).unwrap();

    let csv = std::fs::read_to_string(dir.join("room.csv")).unwrap();
    assert!(
        csv.starts_with('\u{feff}'),
        "a byte-order mark, so æøå come through"
    );
    let rows: Vec<TableRow> = csv::Reader::from_path(dir.join("room.csv"))
        .unwrap()
        .deserialize()
        .map(Result::unwrap)
        .collect();
    let order: Vec<(&str, u32)> = rows.iter().map(|r| (r.table.as_str(), r.round)).collect();
    assert_eq!(
        order,
        [
            ("Bord 1 · æøå", 1),
            ("Table/2", 1),
            ("Bord 1 · æøå", 2),
            ("Table/2", 2)
        ]
    );
    for r in &rows {
        let kept = &room
            .results(r.round)
            .iter()
            .find(|x| x.table == r.table)
            .unwrap()
            .summary;
        assert_eq!(
            (r.total, r.completed, r.lost),
            (kept.total, kept.completed, kept.lost)
        );
        assert_eq!(r.audience_final, kept.audience_final);
        assert_eq!(r.seed, kept.seed.to_string());
        assert!(r.agreement.contains("vi ringer tilbage"));
    }
    let xlsx = dir.join("room.xlsx");
    assert_eq!(sheet_names(&xlsx), ["Rummet", "Bord 1 · æøå", "Table-2"]);
    let strings = xlsx_part(&xlsx, "xl/sharedStrings.xml");
    for word in [
        "Publikum til sidst, gennemsnit",
        "Faldt mellem",
        "Tabt",
        "Aftale",
    ] {
        assert!(strings.contains(word), "{word} in the workbook");
    }
    assert!(strings.contains(" ↔ "), "the chairs by their names");
}

#[test]
fn the_wall_of_a_danish_scenario_speaks_danish_from_its_first_frame() {
    let dir = folder("dansk");
    let mut app = host_app_of("levels/04-the-call-nobody-makes.da.ron", &dir);
    assert_eq!(screen(&app), Screen::Host);
    for said in ["Bordene går med på", "Rumkode", "Ingen runde endnu"] {
        assert!(shows(&mut app, said), "{said}: {:?}", texts(&mut app));
    }
    assert!(!shows(&mut app, "Room code"), "{:?}", texts(&mut app));
}
