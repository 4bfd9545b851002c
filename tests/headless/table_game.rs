//! The game as a table of a room (`tutti play --join URL --name NAME`), headless, with a host in
//! the test: the host's scenario opens in the lobby, the seats reach the host's wall, the host's
//! round starts the table's count-in with the round's seed, pause, tempo and skip follow the host,
//! and the round's replay reaches the host and verifies there. A refused table says why. Join a
//! room on the title does what `--join` does; a wrong address there is said and joins nothing.

use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;
use tutti::game::performance::{Performance, Setup};
use tutti::game::table::{TableLine, TableRoom};
use tutti::phones::room::RoomCode;
use tutti::settings::{Lang, SettingsStore, SystemLang};
use tutti::states::{Launch, Screen, TableJoin};
use tutti::tables::host::{Host, RoomScenario};
use tutti::tables::join::JoinUrl;
use tutti::tables::link::LinkStatus;
use tutti::tables::room::RoomState;

use super::app::{press, screen, texts_on_screen};

/// A level with calls between the chairs.
const LEVEL: &str = "levels/04-the-call-nobody-makes.en.ron";

/// A host of `LEVEL` on a free port of 127.0.0.1, room code KMPT.
fn host() -> Host {
    let text = std::fs::read_to_string(LEVEL).unwrap();
    let seed = tutti::scenario::load_str(LEVEL, &text).unwrap().seed;
    let scenario = RoomScenario {
        name: LEVEL.to_owned(),
        text,
        seed,
    };
    let addr = "127.0.0.1:0".parse().unwrap();
    Host::bind(
        addr,
        RoomCode::from_typed("KMPT"),
        scenario,
        RoomState::new(64),
    )
    .unwrap()
}

/// The game joining `host` as table `name` with `code`, every seat its colleague's (a demo
/// table), the song clock stepping 50 ms per update, on a Danish system.
fn table(host: &Host, name: &str, code: &str) -> App {
    let url = format!("http://{}/?room={code}", host.addr());
    game(Some(TableJoin {
        url: JoinUrl::parse(&url, None).unwrap(),
        name: name.to_owned(),
    }))
}

/// The game on its title, joining the room `join` says from the start (`--join`), as a demo
/// table, the song clock stepping 50 ms per update, on a Danish system.
fn game(join: Option<TableJoin>) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, bevy::input::InputPlugin));
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
        50,
    )));
    app.insert_resource(SettingsStore::default());
    app.insert_resource(SystemLang(Lang::Da));
    app.insert_resource(Launch {
        join,
        autoplay: true,
        window: (1280, 720),
        ..Launch::default()
    });
    tutti::app::core_plugin(&mut app);
    app.update();
    app
}

/// Updates the app (a few ms of real time apart, for the line's thread) until `done`, for at
/// most `secs` seconds of real time.
fn wait_for(app: &mut App, secs: f64, done: impl Fn(&mut App) -> bool) -> bool {
    let since = Instant::now();
    while since.elapsed().as_secs_f64() < secs {
        if done(app) {
            return true;
        }
        app.update();
        std::thread::sleep(Duration::from_millis(2));
    }
    done(app)
}

/// Joins: the lobby opens on the host's scenario and the host's wall has the table's seats.
fn joined(host: &Host, name: &str) -> App {
    let mut app = table(host, name, "kmpt");
    assert_eq!(
        screen(&app),
        Screen::Title,
        "waits for the host on the title"
    );
    assert!(
        wait_for(&mut app, 20.0, |a| screen(a) == Screen::Lobby),
        "the lobby opened on the host's scenario"
    );
    assert!(
        wait_for(&mut app, 20.0, |_| host
            .room()
            .tables()
            .iter()
            .any(|t| t.name == name && t.seats.len() == 4)),
        "the host's wall has the table's four seats"
    );
    app
}

/// Starts a round at the host and waits for the table's count-in.
fn start_round(host: &Host, app: &mut App) -> tutti::tables::protocol::RoundPlan {
    let plan = host.start_round(400.0);
    assert!(
        wait_for(app, 20.0, |a| screen(a) == Screen::CountIn),
        "the host's round counted in"
    );
    let perf = app.world().resource::<Performance>();
    assert_eq!(perf.seed(), plan.seed, "the round's seed");
    plan
}

/// The round's report, once the host has kept it.
fn kept_round(host: &Host, app: &mut App, round: u32) -> tutti::tables::report::TableResult {
    assert!(
        wait_for(app, 30.0, |_| !host.room().results(round).is_empty()),
        "the host kept round {round}'s report: {:?}",
        host.poll()
    );
    host.room().results(round)[0].clone()
}

#[test]
fn a_table_plays_the_hosts_round_and_its_replay_verifies_at_the_host() {
    let host = host();
    let mut app = joined(&host, "Bord 3");
    let status = texts_on_screen(&mut app);
    assert!(
        status.iter().any(|t| t == "Host: in the room · Bord 3"),
        "the line in the corner, in the English scenario's language: {status:?}"
    );
    let plan = start_round(&host, &mut app);
    assert!(
        wait_for(&mut app, 60.0, |a| screen(a) == Screen::Debrief),
        "the piece was played to its debrief"
    );
    let result = kept_round(&host, &mut app, 1);
    assert_eq!(result.table, "Bord 3");
    assert_eq!(result.replay.seed, plan.seed);
    assert_eq!(result.replay.round, Some(1));
    let perf = app.world().resource::<Performance>();
    assert!(perf.is_ended(), "played to its end");
    let audience = perf.debrief().audience_final;
    assert!((result.debrief.audience_final - audience).abs() < 1e-9);
    let live = host.room().tables()[0].live.clone().expect("live reports");
    assert!(live.ended && live.round == 1 && live.bar > 1, "{live:?}");
    assert!((live.audience - audience).abs() < 0.06, "{live:?}");
    // The next round, from the debrief: the next seed, kept too.
    let second = start_round(&host, &mut app);
    assert_eq!(second.seed, plan.seed + 1);
    assert!(wait_for(&mut app, 60.0, |a| screen(a) == Screen::Debrief));
    assert_eq!(kept_round(&host, &mut app, 2).replay.seed, second.seed);
}

#[test]
fn the_host_sets_the_tempo_pauses_and_skips_and_the_skipped_round_verifies() {
    let host = host();
    let mut app = joined(&host, "Table 5");
    host.tempo(70);
    assert!(
        wait_for(&mut app, 20.0, |a| a
            .world()
            .resource::<Setup>()
            .tempo_pct()
            == 70),
        "the lobby took the host's tempo"
    );
    let plan = start_round(&host, &mut app);
    assert!(wait_for(&mut app, 20.0, |a| {
        a.world().resource::<Performance>().beat() > 8.0
    }));
    host.pause(true);
    assert!(wait_for(&mut app, 20.0, |a| screen(a) == Screen::Paused));
    host.pause(false);
    assert!(wait_for(&mut app, 20.0, |a| screen(a) == Screen::Playing));
    host.skip();
    assert!(wait_for(&mut app, 20.0, |a| screen(a) == Screen::Debrief));
    let result = kept_round(&host, &mut app, 1);
    assert_eq!(result.replay.seed, plan.seed);
    assert_eq!(
        result.replay.setup.tempo_pct, 70,
        "played at the host's tempo"
    );
    assert!(
        !app.world().resource::<Performance>().is_ended(),
        "skipped before its end"
    );
    assert_eq!(app.world().resource::<TableRoom>().round(), Some(1));
}

#[test]
fn a_table_with_the_wrong_code_is_refused_and_says_why() {
    let host = host();
    let mut app = table(&host, "Table 9", "WRNG");
    let refused = |a: &mut App| {
        matches!(
            a.world().resource::<TableLine>().status(),
            LinkStatus::Refused(_)
        )
    };
    assert!(wait_for(&mut app, 20.0, refused), "refused");
    app.update();
    assert_eq!(screen(&app), Screen::Title, "nothing to play");
    let status = texts_on_screen(&mut app);
    assert!(
        status
            .iter()
            .any(|t| t.starts_with("Værten afviste bordet: rumkoden passer ikke")),
        "the refusal, in Danish: {status:?}"
    );
}

#[test]
fn a_table_whose_host_goes_away_plays_on_and_says_so() {
    let host = host();
    let mut app = joined(&host, "Table 7");
    drop(host);
    let away = |a: &mut App| a.world().resource::<TableLine>().status() == LinkStatus::Away;
    assert!(wait_for(&mut app, 20.0, away), "the line noticed");
    app.update();
    assert_eq!(screen(&app), Screen::Lobby, "the table stays where it is");
    let status = texts_on_screen(&mut app);
    assert!(
        status
            .iter()
            .any(|t| t == "Host away — playing on · Table 7"),
        "{status:?}"
    );
}

/// Types `text` as a keyboard would: a key event per character, with the character as its text.
fn type_text(app: &mut App, text: &str) {
    use bevy::input::ButtonState;
    use bevy::input::keyboard::{Key, KeyboardInput, NativeKeyCode};
    for c in text.chars() {
        for state in [ButtonState::Pressed, ButtonState::Released] {
            app.world_mut().write_message(KeyboardInput {
                key_code: KeyCode::Unidentified(NativeKeyCode::Unidentified),
                logical_key: Key::Character(c.to_string().into()),
                state,
                text: (state == ButtonState::Pressed).then(|| c.to_string().into()),
                repeat: false,
                window: Entity::PLACEHOLDER,
            });
        }
        app.update();
    }
}

/// From the title, by keys: Down to Join a room (the title's sixth button), Enter.
fn open_join_form(app: &mut App) {
    for _ in 0..5 {
        press(app, KeyCode::ArrowDown);
    }
    press(app, KeyCode::Enter);
    assert_eq!(screen(app), Screen::Join, "the join form");
}

#[test]
fn a_room_joined_from_the_title_by_keys_plays_the_hosts_scenario() {
    let host = host();
    let mut app = game(None);
    assert!(app.world().get_resource::<TableLine>().is_none());
    open_join_form(&mut app);
    type_text(&mut app, &host.addr().to_string());
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "kmpt");
    press(&mut app, KeyCode::ArrowDown);
    type_text(&mut app, "Bord 4");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        screen(&app),
        Screen::Title,
        "waits for the host on the title"
    );
    assert!(
        wait_for(&mut app, 20.0, |a| screen(a) == Screen::Lobby),
        "the lobby opened on the host's scenario"
    );
    assert!(
        wait_for(&mut app, 20.0, |_| host
            .room()
            .tables()
            .iter()
            .any(|t| t.name == "Bord 4" && t.seats.len() == 4)),
        "the host's wall has the table and its four seats: {:?}",
        host.room().tables()
    );
    let status = texts_on_screen(&mut app);
    assert!(
        status.iter().any(|t| t == "Host: in the room · Bord 4"),
        "the line in the corner: {status:?}"
    );
    let settings = app.world().resource::<tutti::settings::Settings>();
    assert_eq!(
        settings.table_name, "Bord 4",
        "the name is offered next time"
    );
}

#[test]
fn a_wrong_address_on_the_join_form_is_said_and_joins_nothing() {
    let mut app = game(None);
    open_join_form(&mut app);
    type_text(&mut app, "localhost");
    press(&mut app, KeyCode::ArrowDown);
    type_text(&mut app, "ABCD");
    press(&mut app, KeyCode::ArrowDown);
    type_text(&mut app, "Bord 2");
    press(&mut app, KeyCode::Enter);
    app.update();
    assert_eq!(screen(&app), Screen::Join, "the form stays");
    let said = texts_on_screen(&mut app);
    assert!(
        said.iter()
            .any(|t| t.contains("IP:PORT, e.g. 192.168.1.20:7878")
                || t.contains("IP:PORT, f.eks. 192.168.1.20:7878")),
        "the address's problem, on the form, in the screen's language: {said:?}"
    );
    assert!(app.world().get_resource::<TableLine>().is_none());
    // The focus is back on the address at fault: what is typed goes there.
    type_text(&mut app, ":1");
    let said = texts_on_screen(&mut app);
    assert!(said.iter().any(|t| t == "localhost:1▏"), "{said:?}");
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Title, "Esc goes back to the title");
    assert!(app.world().get_resource::<TableLine>().is_none());
}
