//! Rounds in the game: every performance kept as a replay that re-simulates to the same events,
//! rounds numbered per level and kept on disk so a restart resumes the session, the same
//! situation or a new one, and a replay played back that ignores the players and never counts.

use std::time::Duration;

use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;
use tutti::game::performance::{Performance, Playback, Setup};
use tutti::game::session::{ResultsRoot, Workshop};
use tutti::rounds::Replay;
use tutti::screens::TitleButton;
use tutti::screens::debrief::DebriefButton;
use tutti::screens::level_select::LevelButton;
use tutti::states::Screen;

use super::app::texts_on_screen;

use super::app::{app_with, press, press_twice, run_until, screen};

const LEVEL_1: &str = "levels/01-own-part.en.ron";
/// Three departments: Sales (S), Support (D), Billing (F).
const LEVEL_3: &str = "levels/03-busy-colleague.en.ron";

fn results(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tutti-rounds-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn game(level: &str, dir: &std::path::Path) -> App {
    let root = ResultsRoot(Some(dir.to_owned()));
    app_with(level, false, 20, move |a| {
        a.insert_resource(root);
    })
}

/// A button of the screen shown, as if clicked.
fn act(app: &mut App, button: impl Message) {
    app.world_mut().write_message(button);
    app.update();
    app.update();
}

/// From the lobby, with the keys given already pressed there, to the piece playing.
fn start(app: &mut App) {
    press(app, KeyCode::Enter);
    press(app, KeyCode::Enter);
    assert!(run_until(app, 3_000, |a| screen(a) == Screen::Playing));
}

/// Plays until the debrief, pressing S every `every` frames and slowing down once.
fn play_to_the_debrief(app: &mut App, every: usize, skip_after: Option<usize>) {
    for frame in 1..40_000 {
        if screen(app) == Screen::Debrief {
            return;
        }
        if frame % every == 0 {
            press(app, KeyCode::KeyS);
        } else if frame == 700 {
            press(app, KeyCode::Minus);
        } else if skip_after == Some(frame) {
            press_twice(app, KeyCode::F9);
        } else {
            app.update();
        }
    }
    panic!("the debrief never came");
}

fn last_replay(app: &App) -> Replay {
    let workshop = app.world().resource::<Workshop>();
    workshop
        .last()
        .expect("the performance was kept")
        .replay
        .clone()
}

#[test]
fn a_round_played_with_keys_and_a_tempo_change_replays_to_the_same_events() {
    let dir = results("live");
    let mut app = game(LEVEL_3, &dir);
    press(&mut app, KeyCode::KeyS);
    start(&mut app);
    play_to_the_debrief(&mut app, 23, None);
    let replay = last_replay(&app);
    let perf = app.world().resource::<Performance>();
    assert!(perf.is_ended(), "played to its end");
    assert!(replay.inputs.len() > 20, "the presses are kept");
    assert!(
        replay
            .inputs
            .iter()
            .any(|i| matches!(i, tutti::sim::SimInput::Tempo { .. })),
        "the tempo change is kept"
    );
    let (scenario, _) = replay.verify().expect("the replay verifies");
    assert_eq!(
        replay.simulate(&scenario),
        perf.events(),
        "the same events, one by one"
    );
    // Kept on disk, in the round's own folder, and it verifies from there too.
    let workshop = app.world().resource::<Workshop>();
    let folder = workshop.last_folder(&dir).unwrap();
    assert!(
        folder.ends_with("01-03-busy-colleague.en-round-1"),
        "{folder:?}"
    );
    let from_disk = Replay::load(&folder.join("round.replay")).unwrap();
    assert!(from_disk.verify().is_ok());
    assert_eq!(from_disk.round, Some(1));
}

#[test]
fn a_piece_skipped_to_the_debrief_replays_to_where_it_stopped() {
    let dir = results("skipped");
    let mut app = game(LEVEL_3, &dir);
    press(&mut app, KeyCode::KeyS);
    start(&mut app);
    play_to_the_debrief(&mut app, 31, Some(1_200));
    let replay = last_replay(&app);
    let perf = app.world().resource::<Performance>();
    assert!(!perf.is_ended(), "stopped early");
    let (scenario, _) = replay.verify().expect("the replay verifies");
    assert_eq!(replay.simulate(&scenario), perf.events());
    let workshop = app.world().resource::<Workshop>();
    assert!(workshop.session().rounds[0].stopped_early);
}

#[test]
fn rounds_are_counted_per_level_and_a_restart_of_the_game_resumes_the_session() {
    let dir = results("resume");
    let mut app = game(LEVEL_1, &dir);
    start(&mut app);
    press_twice(&mut app, KeyCode::F9);
    assert_eq!(screen(&app), Screen::Debrief);
    let first_seed = app.world().resource::<Performance>().seed();
    act(&mut app, DebriefButton::Again); // The same situation again.
    assert!(run_until(&mut app, 3_000, |a| screen(a) == Screen::Playing));
    press_twice(&mut app, KeyCode::F9);
    assert_eq!(
        app.world().resource::<Performance>().seed(),
        first_seed,
        "the same seed"
    );
    act(&mut app, DebriefButton::AgainNewSeed);
    assert!(run_until(&mut app, 3_000, |a| screen(a) == Screen::Playing));
    press_twice(&mut app, KeyCode::F9);
    assert_ne!(
        app.world().resource::<Performance>().seed(),
        first_seed,
        "a new seed"
    );
    let rounds: Vec<(u32, u64)> = app
        .world()
        .resource::<Workshop>()
        .session()
        .rounds
        .iter()
        .map(|r| (r.round, r.seed))
        .collect();
    assert_eq!(
        rounds,
        [(1, first_seed), (2, first_seed), (3, first_seed + 1)]
    );
    let started = app.world().resource::<Workshop>().session().started.clone();
    drop(app);

    // The game started again: the session goes on.
    let again = game(LEVEL_1, &dir);
    let workshop = again.world().resource::<Workshop>();
    assert_eq!(workshop.session().started, started);
    assert_eq!(workshop.session().rounds.len(), 3);
    assert_eq!(workshop.session().next_round("01-own-part.en.ron"), 4);
    let csv = std::fs::read_to_string(workshop.session().folder(&dir).join("session.csv")).unwrap();
    assert_eq!(csv.lines().count(), 4, "a header and three rounds: {csv}");
}

#[test]
fn a_new_session_starts_counting_again_and_keeps_the_old_one_on_disk() {
    let dir = results("new-session");
    let mut app = game(LEVEL_1, &dir);
    start(&mut app);
    press_twice(&mut app, KeyCode::F9);
    let old = app.world().resource::<Workshop>().session().folder(&dir);
    act(&mut app, DebriefButton::Levels);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Title);
    act(&mut app, TitleButton::NewSession);
    let workshop = app.world().resource::<Workshop>();
    assert!(workshop.session().rounds.is_empty());
    let new = workshop.session().folder(&dir);
    assert_ne!(new, old);
    assert!(
        new.join("session.ron").exists(),
        "the new session is on disk at once"
    );
    assert!(
        old.join("session.csv").exists(),
        "the old session stays on disk"
    );
}

#[test]
fn a_replay_played_back_ignores_the_keys_and_never_counts_as_a_round() {
    let dir = results("playback");
    let mut app = game(LEVEL_3, &dir);
    press(&mut app, KeyCode::KeyS);
    start(&mut app);
    play_to_the_debrief(&mut app, 29, Some(900));
    let recorded = app.world().resource::<Performance>().events().to_vec();
    let folder = app
        .world()
        .resource::<Workshop>()
        .last_folder(&dir)
        .unwrap();
    let playback = tutti::game::playback::open(&folder.join("round.replay")).unwrap();

    // Back to the levels, and the replay played back.
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::LevelSelect);
    let replays = app
        .world()
        .resource::<tutti::game::playback::Replays>()
        .0
        .clone();
    assert_eq!(replays.len(), 1, "Level select lists the round's replay");
    act(&mut app, LevelButton::Replay(0));
    assert_eq!(screen(&app), Screen::Briefing);
    press(&mut app, KeyCode::Escape);
    assert_eq!(
        screen(&app),
        Screen::LevelSelect,
        "a replay's seats are not to be chosen"
    );
    act(&mut app, LevelButton::Replay(0));
    assert_eq!(screen(&app), Screen::Briefing);
    assert!(app.world().get_resource::<Playback>().is_some());
    // Played back at another frame rate than it was played: the same performance all the same.
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
        13,
    )));
    press(&mut app, KeyCode::Enter);
    for frame in 0..40_000 {
        if screen(&app) == Screen::Debrief {
            break;
        }
        if frame % 7 == 0 {
            press(&mut app, KeyCode::KeyD); // Nobody's presses count.
        } else {
            app.update();
        }
    }
    assert_eq!(screen(&app), Screen::Debrief);
    let perf = app.world().resource::<Performance>();
    assert!(perf.is_playback());
    assert_eq!(perf.events(), recorded, "the performance as it went");
    assert_eq!(
        app.world().resource::<Workshop>().session().rounds.len(),
        1,
        "not a round"
    );
    drop(playback);
}

/// Types `text` as a keyboard would: a key event per character, with the character as its text.
fn type_text(app: &mut App, text: &str) {
    use bevy::input::ButtonState;
    use bevy::input::keyboard::{Key, KeyboardInput};
    for c in text.chars() {
        let key_code = match c.to_ascii_uppercase() {
            'E' => KeyCode::KeyE,
            'A' => KeyCode::KeyA,
            _ => KeyCode::Unidentified(bevy::input::keyboard::NativeKeyCode::Unidentified),
        };
        for state in [ButtonState::Pressed, ButtonState::Released] {
            app.world_mut().write_message(KeyboardInput {
                key_code,
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

#[test]
fn the_groups_agreement_is_typed_on_the_debrief_and_goes_with_the_next_round() {
    let dir = results("agreement");
    let mut app = game(LEVEL_1, &dir);
    start(&mut app);
    press_twice(&mut app, KeyCode::F9);
    act(&mut app, DebriefButton::Agreement);
    let agreement = "Kundeservice ringer altid kunden op — æøå ÆØÅ";
    type_text(&mut app, agreement);
    assert_eq!(screen(&app), Screen::Debrief, "no letter acted as a hotkey");
    assert!(
        app.world()
            .resource::<tutti::game::export::LastExport>()
            .0
            .is_none(),
        "E typed an E, it did not export"
    );
    assert!(
        texts_on_screen(&mut app)
            .iter()
            .any(|t| t.contains("æøå ÆØÅ▏")),
        "the line being typed is on screen"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        screen(&app),
        Screen::Debrief,
        "Enter kept the line, it did not play again"
    );
    assert_eq!(
        app.world().resource::<Workshop>().agreement(),
        Some(agreement)
    );

    // Esc while typing leaves it as it was.
    act(&mut app, DebriefButton::Agreement);
    type_text(&mut app, " og mere");
    press(&mut app, KeyCode::Escape);
    assert_eq!(
        screen(&app),
        Screen::Debrief,
        "Esc closed the line, it did not leave"
    );
    assert_eq!(
        app.world().resource::<Workshop>().agreement(),
        Some(agreement)
    );

    // The next round: on its briefing, on stage, and kept with it.
    act(&mut app, DebriefButton::Levels);
    assert_eq!(screen(&app), Screen::LevelSelect);
    act(&mut app, LevelButton::Level(0));
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Briefing);
    let wanted = format!("The group's agreement: “{agreement}”");
    assert!(
        texts_on_screen(&mut app).contains(&wanted),
        "on the briefing"
    );
    press(&mut app, KeyCode::Enter);
    assert!(run_until(&mut app, 3_000, |a| screen(a) == Screen::Playing));
    assert!(texts_on_screen(&mut app).contains(&wanted), "on stage");
    press_twice(&mut app, KeyCode::F9);
    let workshop = app.world().resource::<Workshop>();
    let rounds = &workshop.session().rounds;
    assert_eq!(
        rounds[0].agreement, None,
        "the first round was played without one"
    );
    assert_eq!(rounds[1].agreement.as_deref(), Some(agreement));
    assert_eq!(
        workshop.last().unwrap().replay.agreement.as_deref(),
        Some(agreement)
    );
    let csv = std::fs::read_to_string(workshop.session().folder(&dir).join("session.csv")).unwrap();
    assert!(csv.contains(agreement), "{csv}");
}

#[test]
fn an_agreement_is_one_line_of_at_most_120_characters() {
    let dir = results("agreement-limit");
    let mut app = game(LEVEL_1, &dir);
    start(&mut app);
    press_twice(&mut app, KeyCode::F9);
    act(&mut app, DebriefButton::Agreement);
    type_text(&mut app, &"å".repeat(130));
    press(&mut app, KeyCode::Enter);
    let kept = app
        .world()
        .resource::<Workshop>()
        .agreement()
        .unwrap()
        .to_owned();
    assert_eq!(kept.chars().count(), 120);
    // Emptied, it is gone.
    act(&mut app, DebriefButton::Agreement);
    for _ in 0..130 {
        press(&mut app, KeyCode::Backspace);
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.world().resource::<Workshop>().agreement(), None);
}

/// A practice loop with the tempo lowered during its count-in (before anything has run): kept,
/// it replays to the same events; played back, it ends on its debrief and leaves the players'
/// setup as it was.
#[test]
fn a_practice_loop_slowed_in_its_count_in_replays_and_plays_back_to_its_debrief() {
    let dir = results("practice");
    let mut app = game(LEVEL_1, &dir);
    press(&mut app, KeyCode::KeyA);
    press(&mut app, KeyCode::F4); // a practice loop of bars 1–4
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::CountIn);
    press(&mut app, KeyCode::Minus);
    assert!(run_until(&mut app, 3_000, |a| screen(a) == Screen::Playing));
    for frame in 0..400 {
        if frame % 11 == 0 {
            press(&mut app, KeyCode::KeyA);
        } else {
            app.update();
        }
    }
    press_twice(&mut app, KeyCode::F9);
    assert_eq!(screen(&app), Screen::Debrief);
    let replay = last_replay(&app);
    assert!(replay.setup.practice.is_some());
    assert!(
        matches!(replay.inputs[0], tutti::sim::SimInput::Tempo { .. }),
        "slowed first"
    );
    let (scenario, _) = replay.verify().expect("the replay verifies");
    let recorded = app.world().resource::<Performance>().events().to_vec();
    assert_eq!(replay.simulate(&scenario), recorded);
    let setup_before = app.world().resource::<Setup>().clone();

    press(&mut app, KeyCode::Escape);
    act(&mut app, LevelButton::Replay(0));
    press(&mut app, KeyCode::Enter);
    assert!(
        run_until(&mut app, 20_000, |a| screen(a) == Screen::Debrief),
        "it ends"
    );
    assert_eq!(app.world().resource::<Performance>().events(), recorded);
    assert_eq!(
        *app.world().resource::<Setup>(),
        setup_before,
        "the players' setup is as it was"
    );
}

#[test]
fn the_agreement_and_an_unfinished_round_survive_a_restart_of_the_game() {
    let dir = results("survive");
    let mut app = game(LEVEL_1, &dir);
    start(&mut app);
    press_twice(&mut app, KeyCode::F9);
    act(&mut app, DebriefButton::Agreement);
    type_text(&mut app, "Vi ringer tilbage");
    press(&mut app, KeyCode::Enter);
    // The next round is restarted mid-piece: kept as an unfinished replay, not a round.
    act(&mut app, DebriefButton::Again);
    assert!(run_until(&mut app, 3_000, |a| {
        screen(a) == Screen::Playing && a.world().resource::<Performance>().beat() > 6.0
    }));
    press_twice(&mut app, KeyCode::F8);
    app.update();
    let workshop = app.world().resource::<Workshop>();
    assert_eq!(
        workshop.session().rounds.len(),
        1,
        "an unfinished piece is no round"
    );
    let folder = workshop.session().folder(&dir);
    let unfinished = folder
        .join("02-01-own-part.en-unfinished")
        .join("round.replay");
    let replay = Replay::load(&unfinished).expect("the unfinished piece is kept");
    assert_eq!(replay.agreement.as_deref(), Some("Vi ringer tilbage"));
    assert!(replay.verify().is_ok());
    drop(app);

    let again = game(LEVEL_1, &dir);
    let workshop = again.world().resource::<Workshop>();
    assert_eq!(
        workshop.agreement(),
        Some("Vi ringer tilbage"),
        "the agreement goes on"
    );
    assert_eq!(workshop.session().kept, 2);
}

#[test]
fn a_damaged_session_file_is_set_aside_and_said_on_the_title() {
    let dir = results("damaged");
    let folder = dir.join("session-2026-11-30_09-00-00");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("session.ron"),
        "(started: \"2026-11-30_09-00-00\", rounds: [(lev",
    )
    .unwrap();
    let mut app = game(LEVEL_1, &dir);
    assert!(
        folder.join("session.ron.corrupt").exists(),
        "set aside, not lost"
    );
    assert!(
        app.world()
            .resource::<Workshop>()
            .session()
            .rounds
            .is_empty()
    );
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Title);
    assert!(
        texts_on_screen(&mut app)
            .iter()
            .any(|t| t.contains("workshop session") || t.contains("session.ron")),
        "the title says so: {:?}",
        texts_on_screen(&mut app)
    );
}

/// The key of a seated department (Finance S, Warehouse F) whose own live note is due now.
fn due_key(app: &App) -> Option<KeyCode> {
    use tutti::scenario::{DeptId, Owner};
    let perf = app.world().resource::<Performance>();
    perf.score().cases().iter().find_map(|c| {
        let step = c.steps.get(c.current)?;
        let near =
            step.status == tutti::sim::StepStatus::Live && (perf.beat() - step.due.0).abs() < 0.03;
        match step.owner {
            Owner::Dept(DeptId(1)) if near => Some(KeyCode::KeyS),
            Owner::Dept(DeptId(3)) if near => Some(KeyCode::KeyF),
            _ => None,
        }
    })
}

/// Records `tests/replays/03-game-keys-tempo.replay` from the game itself (frame by frame, two
/// people at keys, a tempo change mid-piece, one slowed in the count-in): run it with
/// `cargo test --test headless record_a_game_replay -- --ignored`, then `TUTTI_BLESS=1 cargo test`
/// writes its `.events`.
#[test]
#[ignore = "writes a fixture under tests/replays"]
fn record_a_game_replay() {
    let dir = results("fixture");
    let mut app = game(LEVEL_3, &dir);
    press(&mut app, KeyCode::KeyS);
    press(&mut app, KeyCode::KeyF);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Minus); // in the count-in
    assert!(run_until(&mut app, 3_000, |a| screen(a) == Screen::Playing));
    for frame in 1..40_000 {
        if screen(&app) == Screen::Debrief {
            break;
        }
        if frame == 600 {
            press(&mut app, KeyCode::Equal); // back to full speed mid-piece
        } else if let Some(key) = due_key(&app) {
            press(&mut app, key);
        } else if frame % 97 == 0 {
            press(&mut app, KeyCode::KeyS); // now and then a stray
        } else {
            app.update();
        }
    }
    let replay = last_replay(&app);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/replays/03-game-keys-tempo.replay");
    replay.save(&path).unwrap();
}
