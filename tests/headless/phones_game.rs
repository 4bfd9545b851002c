//! Phones in the game without a window: a phone's server on 127.0.0.1 (port 0), a WebSocket
//! client that takes a seat in the lobby, plays its department's note, goes away (the colleague
//! plays) and comes back with its token.

use std::time::Duration;

use bevy::prelude::*;
use serde_json::Value;
use tutti::game::performance::{Performance, Seat, Setup};
use tutti::game::phones::Phones;
use tutti::scenario::DeptId;
use tutti::sim::{EventKind, PlayKind, StepStatus};
use tutti::states::Screen;

use super::app::{app_with, press, run_until, screen, texts_on_screen};

/// Four departments: Customer service (A), Finance (S), IT (D), Warehouse (F).
const LEVEL_3: &str = "levels/03-busy-colleague.en.ron";

pub(crate) use super::phone::Phone;

/// A phone on the app's server.
pub(crate) fn connect(app: &App) -> Phone {
    Phone::connect(app.world().resource::<Phones>().server().addr())
}

/// A test phone beside a running game: the app updates while the phone waits.
pub(crate) trait InGame {
    /// Updates the app until a message of type `kind` comes.
    fn wait(&mut self, app: &mut App, kind: &str) -> Value;
    /// Updates the app until the phone is given a customer (skipping other customer lines, such
    /// as the count-in's "waiting for your customer").
    fn wait_customer(&mut self, app: &mut App) -> String;
    /// Updates the app until `done`, answering pings as the page does (a phone that falls silent
    /// for a few seconds is away).
    fn run_until(&mut self, app: &mut App, max_updates: usize, done: impl Fn(&App) -> bool)
    -> bool;
}

impl InGame for Phone {
    fn wait(&mut self, app: &mut App, kind: &str) -> Value {
        self.wait_for(kind, 2_000, || app.update())
    }

    fn wait_customer(&mut self, app: &mut App) -> String {
        for _ in 0..100 {
            let text = self.wait(app, "customer")["text"]
                .as_str()
                .unwrap()
                .to_owned();
            if text.starts_with("Your customer:") {
                return text;
            }
        }
        panic!("no customer was given");
    }

    fn run_until(
        &mut self,
        app: &mut App,
        max_updates: usize,
        done: impl Fn(&App) -> bool,
    ) -> bool {
        for i in 0..max_updates {
            if done(app) {
                return true;
            }
            if i % 25 == 0 {
                self.drain();
            }
            app.update();
        }
        done(app)
    }
}

fn phone_app() -> App {
    app_with(LEVEL_3, false, 5, |app| {
        let phones = Phones::start_on("127.0.0.1:0".parse().unwrap(), "en").unwrap();
        app.insert_resource(phones);
    })
}

pub(crate) fn hello(app: &mut App, phone: &mut Phone, token: Option<&str>) -> Value {
    let code = app.world().resource::<Phones>().server().code().to_string();
    phone.say_hello(&code, "Ann", token);
    phone.wait(app, "welcome")
}

/// A phone that joined as Ann and took seat 1 (Finance).
fn seat_a_phone(app: &mut App) -> Phone {
    seat_a_phone_with_token(app).0
}

/// [`seat_a_phone`], with the seat token it was given.
fn seat_a_phone_with_token(app: &mut App) -> (Phone, String) {
    let mut phone = connect(app);
    let token = hello(app, &mut phone, None)["token"]
        .as_str()
        .unwrap()
        .to_owned();
    phone.send(r#"{"type":"seat","dept":1}"#);
    phone.wait(app, "seated");
    (phone, token)
}

/// Whether department 1 (Finance) has a live note due now, in its window.
fn finance_note_due(app: &App) -> bool {
    let perf = app.world().resource::<Performance>();
    perf.score().cases().iter().any(|c| {
        let st = &c.steps[c.current];
        st.status == StepStatus::Live && (st.due.0 - perf.beat()).abs() < 0.05 && {
            let t = &perf.scenario().cases[c.template.0];
            t.steps[c.current].owner == tutti::scenario::Owner::Dept(DeptId(1))
        }
    })
}

#[test]
fn a_phone_takes_a_seat_plays_goes_away_and_comes_back() {
    let mut app = phone_app();
    assert_eq!(screen(&app), Screen::Lobby);
    let (mut phone, token) = seat_a_phone_with_token(&mut app);
    assert!(run_until(&mut app, 50, |a| {
        matches!(
            a.world().resource::<Setup>().seat(DeptId(1)),
            Seat::Phone(_)
        )
    }));
    assert_eq!(
        app.world()
            .resource::<Setup>()
            .phone_name(tutti::phones::PhoneId(0)),
        "Ann"
    );
    // The key of a phone's seat never takes it.
    press(&mut app, KeyCode::KeyS);
    app.update();
    assert!(!matches!(
        app.world().resource::<Setup>().seat(DeptId(1)),
        Seat::Keyboard
    ));
    phone.wait(&mut app, "unseated");
    phone.send(r#"{"type":"seat","dept":1}"#);
    phone.wait(&mut app, "seated");
    app.update();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(phone.run_until(&mut app, 4_000, |a| screen(a) == Screen::Playing));
    assert!(
        phone.run_until(&mut app, 40_000, finance_note_due),
        "a Finance note came"
    );
    phone.drain();
    let t = phone.now();
    phone.send(&format!(r#"{{"type":"tap","t":{t}}}"#));
    let judged = phone.wait(&mut app, "judged");
    assert_ne!(judged["what"], "stray", "{judged}");
    // A tap made a second ago reaches the game now: late over the network, counted, never a
    // stray.
    let t = phone.now() - 1000.0;
    phone.send(&format!(r#"{{"type":"tap","t":{t}}}"#));
    assert_eq!(phone.wait(&mut app, "judged")["what"], "late_network");
    assert_eq!(app.world().resource::<Phones>().late_network, 1);
    let perf = app.world().resource::<Performance>();
    assert!(
        !perf
            .events()
            .iter()
            .any(|e| matches!(e.kind, EventKind::Stray { .. }))
    );
    assert!(perf.events().iter().any(|e| matches!(
        e.kind,
        EventKind::Played {
            dept: DeptId(1),
            kind: PlayKind::Own,
            ..
        }
    )));
    assert_eq!(
        perf.allowance_ms(DeptId(1)),
        250.0,
        "network 200 ms + a frame's margin"
    );
    // The replay keeps the tap with its stamped time, names the phone by number only, and
    // verifies.
    let replay = perf.to_replay(None, None);
    let text = replay.to_text().unwrap();
    assert!(
        text.contains("Phone(\"1\")") && !text.contains("Ann"),
        "{text}"
    );
    tutti::rounds::Replay::parse(&text)
        .unwrap()
        .verify()
        .unwrap();

    // Away: the colleague plays the seat; back with the token, the phone plays it again.
    drop(phone);
    assert!(run_until(&mut app, 2_000, |a| {
        !a.world().resource::<Performance>().is_human(DeptId(1))
    }));
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Paused);
    app.update();
    let said: Vec<String> = app
        .world_mut()
        .query::<&Text>()
        .iter(app.world())
        .map(|t| t.0.clone())
        .collect();
    assert!(
        said.iter().any(|t| t.contains("The phone of Ann is away")),
        "{said:?}"
    );
    press(&mut app, KeyCode::Escape);
    let mut phone = connect(&app);
    let welcome = hello(&mut app, &mut phone, Some(&token));
    assert_eq!(welcome["seat"], 1);
    assert!(run_until(&mut app, 2_000, |a| {
        a.world().resource::<Performance>().is_human(DeptId(1))
    }));
}

#[test]
fn an_audience_phone_follows_its_customer_and_never_plays() {
    use tutti::game::audience_phones::AudienceCases;
    let mut app = phone_app();
    let mut phone = connect(&app);
    hello(&mut app, &mut phone, None);
    phone.send(r#"{"type":"audience"}"#);
    phone.send(r#"{"type":"tap","t":1}"#);
    app.update();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(phone.run_until(&mut app, 4_000, |a| screen(a) == Screen::Playing));
    phone.wait_customer(&mut app);
    // The customer's number is the one on stage, their case's path is drawn a mark per step
    // (in its department's colour, or a dashed grey call between the chairs), and the phone
    // hears how far the case gets until it is answered or lost.
    let held = app.world().resource::<AudienceCases>().0[0].clone();
    let perf = app.world().resource::<Performance>();
    let template = perf.score().case(held.case).unwrap().template;
    let steps = perf.scenario().cases[template.0].steps.clone();
    let mut last = Value::Null;
    for _ in 0..60 {
        let m = phone.wait(&mut app, "customer");
        assert_eq!(m["number"], held.case.0 + 1, "{m}");
        let path = m["path"].as_array().unwrap();
        assert_eq!(path.len(), steps.len(), "{m}");
        for (mark, step) in path.iter().zip(&steps) {
            let gap = matches!(step.owner, tutti::scenario::Owner::Gap(_));
            assert_eq!(mark["shape"] == "gap", gap, "{m}");
            assert!(mark["colour"].as_str().unwrap().starts_with('#'), "{m}");
        }
        let done = m["lost"] == true || m["at"].as_u64() == Some(steps.len() as u64);
        last = m;
        if done {
            break;
        }
    }
    assert!(
        last["lost"] == true || last["text"].as_str().unwrap().contains("answered"),
        "the case ends answered or lost: {last}"
    );
    for _ in 0..20 {
        phone.send(r#"{"type":"tap","t":1}"#);
        app.update();
    }
    let perf = app.world().resource::<Performance>();
    assert!(
        !perf
            .events()
            .iter()
            .any(|e| matches!(e.kind, EventKind::Stray { .. })),
        "an audience phone's taps touch nothing"
    );
    assert!((0..4).all(|d| !perf.is_human(DeptId(d))));
}

/// Turning phones off in the lobby gives their seats back to the colleague and forgets their
/// names: a new server's phone 0 inherits nothing.
#[test]
fn turning_phones_off_frees_their_seats() {
    let mut app = phone_app();
    let _phone = seat_a_phone(&mut app);
    assert!(run_until(&mut app, 50, |a| {
        matches!(
            a.world().resource::<Setup>().seat(DeptId(1)),
            Seat::Phone(_)
        )
    }));
    app.world_mut()
        .write_message(tutti::screens::PhoneButton::OnOff);
    app.update();
    app.update();
    assert!(app.world().get_resource::<Phones>().is_none());
    let setup = app.world().resource::<Setup>();
    assert_eq!(setup.seat(DeptId(1)), Seat::Colleague);
    assert_eq!(setup.phones().count(), 0);
    assert_eq!(setup.phone_name(tutti::phones::PhoneId(0)), "");
    assert_eq!(setup.phone_dept(tutti::phones::PhoneId(0)), None);
    // A new server's first phone is nobody's seat.
    let phones = Phones::start_on("127.0.0.1:0".parse().unwrap(), "en").unwrap();
    app.insert_resource(phones);
    app.update();
    let setup = app.world().resource::<Setup>();
    assert_eq!(setup.phone_dept(tutti::phones::PhoneId(0)), None);
    assert_eq!(setup.phone_name(tutti::phones::PhoneId(0)), "");
}

/// Out of the lobby seats are closed: a phone's seat or audience request is refused, and the
/// phone keeps the seat the game gives it (it is told no other).
#[test]
fn seats_are_closed_outside_the_lobby() {
    let mut app = phone_app();
    let mut phone = seat_a_phone(&mut app);
    assert!(run_until(&mut app, 50, |a| {
        a.world()
            .resource::<Setup>()
            .phone_dept(tutti::phones::PhoneId(0))
            == Some(DeptId(1))
    }));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(phone.run_until(&mut app, 4_000, |a| screen(a) != Screen::Lobby));
    let closed = phone.wait(&mut app, "seating");
    assert_eq!(closed["open"], false, "{closed}");
    for ask in [r#"{"type":"seat","dept":2}"#, r#"{"type":"audience"}"#] {
        phone.send(ask);
        let refused = phone.wait(&mut app, "refused");
        assert_eq!(refused["reason"], "seating_closed", "{refused}");
        for _ in 0..10 {
            app.update();
        }
        let told = phone.drain();
        assert!(
            told.iter()
                .all(|m| m["type"] != "seated" && m["type"] != "unseated"),
            "{told:?}"
        );
        let game = app.world().resource::<Setup>();
        assert_eq!(game.phone_dept(tutti::phones::PhoneId(0)), Some(DeptId(1)));
    }
}

/// A request that passed the server while seating was open, but that the game takes in only once
/// the lobby has ended, is refused as seating closed: the phone never sits there.
#[test]
fn a_seat_asked_for_as_the_lobby_ends_is_refused() {
    let mut app = phone_app();
    let mut phone = connect(&app);
    hello(&mut app, &mut phone, None);
    phone.send(r#"{"type":"seat","dept":2}"#);
    std::thread::sleep(Duration::from_millis(150));
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Briefing);
    app.update();
    assert_eq!(screen(&app), Screen::Briefing);
    let refused = phone.wait(&mut app, "refused");
    assert_eq!(refused["reason"], "seating_closed", "{refused}");
    let setup = app.world().resource::<Setup>();
    assert_eq!(setup.phone_dept(tutti::phones::PhoneId(0)), None);
    assert_eq!(setup.seat(DeptId(2)), Seat::Colleague);
    let told = phone.drain();
    assert!(told.iter().all(|m| m["type"] != "seated"), "{told:?}");
}

/// Two phones ask for the same seat and the game takes both requests in in one frame: the first
/// to ask sits there, the second is told it is taken, and both see whose it is.
#[test]
fn the_first_phone_to_ask_for_a_seat_gets_it() {
    let mut app = phone_app();
    let code = app.world().resource::<Phones>().server().code().to_string();
    let mut ann = connect(&app);
    hello(&mut app, &mut ann, None);
    let mut bo = connect(&app);
    bo.say_hello(&code, "Bo", None);
    bo.wait(&mut app, "welcome");
    // Both requests reach the server before the game's next frame.
    ann.send(r#"{"type":"seat","dept":2}"#);
    std::thread::sleep(Duration::from_millis(150));
    bo.send(r#"{"type":"seat","dept":2}"#);
    std::thread::sleep(Duration::from_millis(150));
    app.update();
    assert_eq!(ann.wait(&mut app, "seated")["dept"], 2);
    assert_eq!(bo.wait(&mut app, "refused")["reason"], "taken");
    let setup = app.world().resource::<Setup>();
    assert_eq!(setup.phone_dept(tutti::phones::PhoneId(0)), Some(DeptId(2)));
    assert_eq!(setup.phone_dept(tutti::phones::PhoneId(1)), None);
    for phone in [&mut ann, &mut bo] {
        let seats = phone.wait(&mut app, "seats");
        assert_eq!(seats["seats"][2]["taken_by"], "Ann", "{seats}");
    }
}

/// A player who taps 150 ms late (calibrated in the lobby) on a phone whose taps take 80 ms over
/// the Wi-Fi: 230 ms after the beat on the song clock, more than the network's 200 ms allowance,
/// yet only 80 ms of it is the network's. The tap is judged on the beat, never late over the
/// network or a stray.
#[test]
fn a_calibrated_phone_over_slow_wifi_is_judged_by_the_beat_its_player_meant() {
    let mut app = phone_app();
    let mut phone = seat_a_phone(&mut app);
    phone.send(r#"{"type":"calibrate","ms":150}"#);
    assert!(run_until(&mut app, 200, |a| {
        a.world()
            .resource::<Setup>()
            .phone_calibration(tutti::phones::PhoneId(0))
            == 150.0
    }));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(phone.run_until(&mut app, 4_000, |a| screen(a) == Screen::Playing));
    assert_eq!(
        app.world()
            .resource::<Performance>()
            .allowance_ms(DeptId(1)),
        400.0,
        "network 200 ms + a frame's margin 50 ms + calibration 150 ms"
    );
    let tapped_late = |a: &App| {
        let perf = a.world().resource::<Performance>();
        let late = 0.230 * perf.beats_per_second();
        perf.score().cases().iter().any(|c| {
            let st = &c.steps[c.current];
            let t = &perf.scenario().cases[c.template.0];
            st.status == StepStatus::Live
                && (perf.beat() - st.due.0 - late).abs() < 0.02
                && t.steps[c.current].owner == tutti::scenario::Owner::Dept(DeptId(1))
        })
    };
    for i in 0..40_000 {
        if i % 50 == 0 {
            phone.drain();
        }
        if tapped_late(&app) {
            break;
        }
        app.update();
    }
    assert!(tapped_late(&app), "a Finance note came");
    let t = phone.now() - 80.0;
    phone.send(&format!(r#"{{"type":"tap","t":{t}}}"#));
    let judged = phone.wait(&mut app, "judged");
    assert!(
        !["stray", "late_network"].contains(&judged["what"].as_str().unwrap()),
        "{judged}"
    );
    assert_eq!(app.world().resource::<Phones>().late_network, 0);
    let perf = app.world().resource::<Performance>();
    let offsets: Vec<f64> = perf
        .events()
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Played {
                dept: DeptId(1),
                judgement,
                ..
            } => Some(judgement.offset.0),
            _ => None,
        })
        .collect();
    assert_eq!(offsets.len(), 1, "{offsets:?}");
    assert!(offsets[0].abs() < 30.0, "judged {} ms off", offsets[0]);
}

/// The lobby's phone card tells the room how to join (the address, the room code) and who is in
/// the audience; a seated phone's name stands on its seat instead.
#[test]
fn the_lobby_card_shows_how_to_join_and_who_is_where() {
    let mut app = phone_app();
    let (address, code) = {
        let phones = app.world().resource::<Phones>();
        (phones.address(), phones.server().code().to_string())
    };
    assert!(address.starts_with("http://127.0.0.1:"), "{address}");
    app.update();
    app.update();
    let said = texts_on_screen(&mut app);
    for want in [address.as_str(), code.as_str(), "No phone has joined yet."] {
        assert!(said.iter().any(|t| t == want), "{want} in {said:?}");
    }
    let mut ann = connect(&app);
    hello(&mut app, &mut ann, None);
    ann.send(r#"{"type":"seat","dept":1}"#);
    ann.wait(&mut app, "seated");
    let mut bo = connect(&app);
    let code_json = format!(r#""room":"{code}""#);
    bo.send(&format!(
        r#"{{"type":"hello","v":2,{code_json},"name":"Bo","token":null}}"#
    ));
    bo.wait(&mut app, "welcome");
    bo.send(r#"{"type":"audience"}"#);
    assert!(run_until(&mut app, 200, |a| {
        a.world().resource::<Phones>().server().phones().len() == 2
    }));
    for _ in 0..5 {
        app.update();
    }
    let said = texts_on_screen(&mut app);
    assert!(said.iter().any(|t| t == "In the audience: Bo"), "{said:?}");
    assert!(said.iter().any(|t| t.contains("phone · Ann")), "{said:?}");
    assert!(!said.iter().any(|t| t.contains("In the audience: Ann")));
}

/// An audience phone's customer belongs to one performance: the next piece (through the lobby)
/// starts fresh, the phone is told it waits for a new customer and is given one of the new piece.
#[test]
fn an_audience_phones_case_is_cleared_between_pieces() {
    use tutti::game::audience_phones::AudienceCases;
    use tutti::game::performance::PerformanceInput;
    let mut app = phone_app();
    let mut phone = connect(&app);
    hello(&mut app, &mut phone, None);
    phone.send(r#"{"type":"audience"}"#);
    app.update();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(phone.run_until(&mut app, 4_000, |a| screen(a) == Screen::Playing));
    phone.wait_customer(&mut app);
    assert_eq!(app.world().resource::<AudienceCases>().0.len(), 1);
    app.world_mut()
        .write_message(PerformanceInput::SkipToDebrief);
    assert!(run_until(&mut app, 100, |a| screen(a) == Screen::Debrief));
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Lobby);
    assert!(run_until(&mut app, 100, |a| screen(a) == Screen::Lobby));
    phone.drain();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(phone.run_until(&mut app, 4_000, |a| screen(a) == Screen::CountIn));
    assert!(
        app.world().resource::<AudienceCases>().0.is_empty(),
        "a case of the last piece is still held"
    );
    let fresh = phone.wait(&mut app, "customer");
    assert!(
        fresh["text"]
            .as_str()
            .unwrap()
            .contains("waiting for your customer"),
        "{fresh}"
    );
    phone.wait_customer(&mut app);
}

/// A phone that goes away while a replay plays back is away in the next live piece too: the
/// colleague plays its seat (the playback ignored the phone, but the players' setup did not).
#[test]
fn a_phone_away_during_a_replay_is_away_in_the_next_piece() {
    use bevy::ecs::system::RunSystemOnce;
    use tutti::game::catalog::{Catalog, CurrentLevel};
    use tutti::game::performance::PerformanceInput;
    let mut app = phone_app();
    let (mut phone, token) = seat_a_phone_with_token(&mut app);
    let level = app.world().resource::<CurrentLevel>().0;
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(phone.run_until(&mut app, 4_000, |a| screen(a) == Screen::Playing));
    assert!(app.world().resource::<Performance>().is_human(DeptId(1)));
    app.world_mut()
        .write_message(PerformanceInput::SkipToDebrief);
    assert!(run_until(&mut app, 100, |a| screen(a) == Screen::Debrief));
    let text = app
        .world()
        .resource::<Performance>()
        .to_replay(None, None)
        .to_text()
        .unwrap();
    let path = std::env::temp_dir().join(format!("tutti-away-{}.replay", std::process::id()));
    std::fs::write(&path, text).unwrap();
    let playback = tutti::game::playback::open(&path).unwrap();
    let _ = std::fs::remove_file(&path);
    app.world_mut()
        .run_system_once(
            move |mut commands: Commands,
                  mut catalog: ResMut<Catalog>,
                  mut next: ResMut<NextState<Screen>>| {
                tutti::game::playback::start(
                    &mut commands,
                    playback.clone(),
                    &mut catalog,
                    &mut next,
                );
            },
        )
        .unwrap();
    assert!(run_until(&mut app, 100, |a| screen(a) == Screen::Briefing));
    press(&mut app, KeyCode::Enter);
    assert!(phone.run_until(&mut app, 4_000, |a| screen(a) == Screen::Playing));
    assert!(app.world().resource::<Performance>().is_playback());
    // Away while the replay plays.
    drop(phone);
    assert!(
        run_until(&mut app, 2_000, |a| {
            matches!(
                a.world().resource::<Setup>().seat(DeptId(1)),
                Seat::Phone(p) if !p.connected
            )
        }),
        "the setup never learnt the phone is away"
    );
    // Back to the lobby of the level, and a live piece: the colleague plays the away phone's seat.
    app.insert_resource(CurrentLevel(level));
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Lobby);
    assert!(run_until(&mut app, 100, |a| screen(a) == Screen::Lobby));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(run_until(&mut app, 4_000, |a| screen(a) == Screen::Playing));
    let perf = app.world().resource::<Performance>();
    assert!(!perf.is_playback());
    assert!(
        !perf.is_human(DeptId(1)),
        "nobody taps an away phone's seat"
    );
    // Back with its token, it plays again.
    let mut phone = connect(&app);
    assert_eq!(hello(&mut app, &mut phone, Some(&token))["seat"], 1);
    assert!(run_until(&mut app, 2_000, |a| {
        a.world().resource::<Performance>().is_human(DeptId(1))
    }));
}

/// Stalls the next frame for `.0` ms between its song clock and its phones being read.
#[derive(Resource, Default)]
struct Stall(u64);

fn stall(mut stall: ResMut<Stall>) {
    if stall.0 > 0 {
        std::thread::sleep(Duration::from_millis(stall.0));
        stall.0 = 0;
    }
}

/// A frame that stalls between sampling its song clock and reading the phones (a slow system,
/// a busy machine) never places a tap early: a tap made as the frame's clock reaches a note's
/// beat is judged on the beat, its age counted to the moment the clock was sampled.
#[test]
fn a_stall_within_a_frame_never_places_a_tap_early() {
    use tutti::states::AppSet;
    let mut app = phone_app();
    app.init_resource::<Stall>();
    app.add_systems(
        Update,
        stall.after(AppSet::TickClock).before(AppSet::RecordInput),
    );
    let mut phone = seat_a_phone(&mut app);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(phone.run_until(&mut app, 4_000, |a| screen(a) == Screen::Playing));
    // The next frame (5 ms) steps the song clock onto a Finance note's beat.
    let next_frame_on_the_beat = |a: &App| {
        let perf = a.world().resource::<Performance>();
        let step = 0.005 * perf.beats_per_second();
        perf.score().cases().iter().any(|c| {
            let st = &c.steps[c.current];
            let t = &perf.scenario().cases[c.template.0];
            let ahead = st.due.0 - perf.beat();
            st.status == StepStatus::Live
                && (0.0..step).contains(&ahead)
                && t.steps[c.current].owner == tutti::scenario::Owner::Dept(DeptId(1))
        })
    };
    assert!(
        phone.run_until(&mut app, 40_000, next_frame_on_the_beat),
        "a Finance note came"
    );
    phone.drain();
    let t = phone.now();
    phone.send(&format!(r#"{{"type":"tap","t":{t}}}"#));
    app.world_mut().resource_mut::<Stall>().0 = 150;
    let judged = phone.wait(&mut app, "judged");
    assert!(
        ["perfect", "good"].contains(&judged["what"].as_str().unwrap()),
        "{judged}"
    );
    let perf = app.world().resource::<Performance>();
    let offsets: Vec<f64> = perf
        .events()
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Played {
                dept: DeptId(1),
                judgement,
                ..
            } => Some(judgement.offset.0),
            _ => None,
        })
        .collect();
    assert_eq!(offsets.len(), 1, "{offsets:?}");
    assert!(
        offsets[0].abs() < 20.0,
        "judged {:.1} ms off after a 150 ms stall",
        offsets[0]
    );
}

/// A name of stacked combining marks keeps two on its letter, and its seat's row clips what it
/// draws: it never reaches the text above or below.
#[test]
fn a_name_of_stacked_marks_stays_inside_its_row() {
    let mut app = phone_app();
    let mut phone = connect(&app);
    let code = app.world().resource::<Phones>().server().code().to_string();
    let name = format!("Z{}", "\\u0301".repeat(19));
    phone.send(&format!(
        r#"{{"type":"hello","v":2,"room":"{code}","name":"{name}"}}"#
    ));
    phone.wait(&mut app, "welcome");
    phone.send(r#"{"type":"seat","dept":1}"#);
    phone.wait(&mut app, "seated");
    for _ in 0..5 {
        app.update();
    }
    let mut rows = app
        .world_mut()
        .query::<(&Text, &ChildOf)>()
        .iter(app.world())
        .filter(|(t, _)| t.0.contains("phone · Z"))
        .map(|(t, parent)| (t.0.clone(), parent.parent()))
        .collect::<Vec<_>>();
    assert_eq!(rows.len(), 1, "{rows:?}");
    let (text, row) = rows.remove(0);
    assert!(text.ends_with("phone · Z\u{301}\u{301}"), "{text:?}");
    let node = app.world().get::<Node>(row).unwrap();
    assert_eq!(node.overflow, Overflow::clip());
}
