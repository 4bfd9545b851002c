//! The workshop: seats by key and by gamepad, a pad unplugged mid-piece, export from the debrief.

use bevy::input::gamepad::{
    GamepadConnection, GamepadConnectionEvent, RawGamepadButtonChangedEvent, RawGamepadEvent,
};
use bevy::prelude::*;
use tutti::game::export::LastExport;
use tutti::game::performance::{PadChange, PadNotice, PadSeat, Performance, Setup};
use tutti::game::session::ResultsRoot;
use tutti::scenario::DeptId;
use tutti::states::Screen;

use super::app::{app, finished_debrief, press, press_twice, run_until, screen, texts_on_screen};

/// Three departments: Sales (S), Support (D), Billing (F).
const LEVEL_3: &str = "levels/03-busy-colleague.en.ron";

fn plug_in(app: &mut App) -> Entity {
    let pad = app.world_mut().spawn_empty().id();
    connect(app, pad);
    pad
}

/// The pad (new or plugged back in) reports itself connected.
fn connect(app: &mut App, pad: Entity) {
    app.world_mut().write_message(GamepadConnectionEvent::new(
        pad,
        GamepadConnection::Connected {
            name: "Test pad".into(),
            vendor_id: None,
            product_id: None,
        },
    ));
    app.update();
}

fn unplug(app: &mut App, pad: Entity) {
    app.world_mut().write_message(GamepadConnectionEvent::new(
        pad,
        GamepadConnection::Disconnected,
    ));
    app.update();
}

fn press_button(app: &mut App, pad: Entity, button: GamepadButton) {
    for value in [1.0, 0.0] {
        app.world_mut()
            .write_message(RawGamepadEvent::Button(RawGamepadButtonChangedEvent::new(
                pad, button, value,
            )));
        app.update();
    }
}

fn humans(app: &App) -> Vec<bool> {
    let setup = app.world().resource::<Setup>();
    (0..setup.seats().len())
        .map(|d| setup.is_person(DeptId(d)))
        .collect()
}

/// The seated pads with their departments, in order of their numbers.
fn pads(app: &App) -> Vec<(DeptId, PadSeat)> {
    let mut pads: Vec<_> = app.world().resource::<Setup>().pads().collect();
    pads.sort_by_key(|(_, p)| p.number);
    pads
}

#[test]
fn keys_and_gamepads_take_and_leave_seats() {
    let mut app = app(LEVEL_3, false, 10);
    assert_eq!(screen(&app), Screen::Lobby);
    let n = humans(&app).len();
    assert!(n >= 3, "level 3 has at least three seats");

    // A key takes its own seat; a pad takes the next free one, a second pad the one after.
    let key = app
        .world()
        .resource::<tutti::settings::Settings>()
        .keys
        .clone();
    assert!(key.is_empty());
    press(&mut app, KeyCode::KeyA);
    let first = humans(&app);
    let by_key = first.iter().position(|h| *h).expect("A took a seat");
    let pad1 = plug_in(&mut app);
    let pad2 = plug_in(&mut app);
    press_button(&mut app, pad1, GamepadButton::South);
    press_button(&mut app, pad2, GamepadButton::South);
    let seated = humans(&app);
    assert_eq!(seated.iter().filter(|h| **h).count(), 3, "{seated:?}");
    let seated_pads = pads(&app);
    assert_eq!(seated_pads.len(), 2);
    assert_ne!(seated_pads[0].0, DeptId(by_key));
    assert_ne!(seated_pads[1].0, seated_pads[0].0);
    assert_eq!(seated_pads[0].1.number, 1);
    assert_eq!(seated_pads[1].1.number, 2);

    // A second press leaves: the seat goes back to the colleague.
    let left = seated_pads[0].0;
    press_button(&mut app, pad1, GamepadButton::South);
    assert!(!humans(&app)[left.0], "pad 1 left its seat");
    assert_eq!(pads(&app).len(), 1);
    press(&mut app, KeyCode::KeyA);
    assert!(!humans(&app)[by_key], "A left its seat");
}

#[test]
fn a_seated_pad_plays_and_an_unplugged_pad_pauses_and_hands_its_seat_to_the_colleague() {
    let mut app = app(LEVEL_3, false, 10);
    let pad = plug_in(&mut app);
    press_button(&mut app, pad, GamepadButton::South);
    let dept = pads(&app)[0].0;
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(run_until(&mut app, 2_000, |a| screen(a) == Screen::Playing));
    assert!(app.world().resource::<Performance>().is_human(dept));

    // Its button presses reach the simulation as that department's presses.
    press_button(&mut app, pad, GamepadButton::East);
    let played = app
        .world()
        .resource::<Performance>()
        .events()
        .iter()
        .any(|e| {
            matches!(&e.kind, tutti::sim::EventKind::Stray { dept: d } if *d == dept)
                || matches!(&e.kind, tutti::sim::EventKind::Played { dept: d, .. } if *d == dept)
        });
    assert!(played, "the pad's press was heard by the simulation");

    unplug(&mut app, pad);
    app.update();
    assert_eq!(screen(&app), Screen::Paused, "unplugging pauses the piece");
    assert_eq!(
        app.world().resource::<PadNotice>().0,
        Some(PadChange::Unplugged { number: 1, dept })
    );
    app.update();
    assert!(
        texts_on_screen(&mut app)
            .iter()
            .any(|t| t.starts_with("Gamepad 1 was unplugged")),
        "the pause overlay says what happened"
    );
    let perf = app.world().resource::<Performance>();
    assert!(!perf.is_human(dept), "the colleague plays the seat now");
    let events_before = perf.events().len();

    // Plugged back in: it takes its seat again; nothing of the performance was lost.
    connect(&mut app, pad);
    let perf = app.world().resource::<Performance>();
    assert!(perf.is_human(dept));
    assert_eq!(perf.events().len(), events_before);
    assert_eq!(
        app.world().resource::<PadNotice>().0,
        Some(PadChange::Back { number: 1, dept })
    );
    app.update();
    assert!(
        texts_on_screen(&mut app)
            .iter()
            .any(|t| t.starts_with("Gamepad 1 is back")),
        "the pause overlay says the pad is back"
    );

    // The round's replay keeps the seat handed over and back, and plays out the same.
    press(&mut app, KeyCode::Escape);
    for _ in 0..300 {
        app.update();
    }
    press_twice(&mut app, KeyCode::F9);
    assert_eq!(screen(&app), Screen::Debrief);
    let workshop = app.world().resource::<tutti::game::session::Workshop>();
    let replay = &workshop.last().expect("kept").replay;
    let seat_changes = replay
        .inputs
        .iter()
        .filter(|i| matches!(i, tutti::sim::SimInput::Seat { .. }))
        .count();
    assert_eq!(seat_changes, 2, "unplugged and back");
    let (scenario, _) = replay.verify().expect("the replay verifies");
    let perf = app.world().resource::<Performance>();
    assert_eq!(replay.simulate(&scenario), perf.events());
}

#[test]
fn e_on_the_debrief_exports_and_a_blocked_folder_says_so_and_keeps_the_debrief() {
    let dir = std::env::temp_dir().join(format!("tutti-debrief-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let blocked = dir.join("blocked");
    std::fs::write(&blocked, "a file, not a folder").unwrap();

    let mut app = app("levels/01-own-part.en.ron", true, 50);
    app.insert_resource(ResultsRoot(Some(blocked.clone())));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(run_until(&mut app, 2_000, |a| screen(a) == Screen::Playing));
    assert!(run_until(&mut app, 5_000, |a| {
        a.world()
            .resource::<Performance>()
            .events()
            .iter()
            .filter(|e| matches!(e.kind, tutti::sim::EventKind::Arrived { .. }))
            .count()
            >= 2
    }));
    press_twice(&mut app, KeyCode::F9);
    assert_eq!(screen(&app), Screen::Debrief);

    press(&mut app, KeyCode::KeyE);
    let failed = app.world().resource::<LastExport>().0.clone();
    let Some(Err(why)) = failed else {
        panic!("expected a failure, got {failed:?}")
    };
    assert!(why.contains("could not write"), "{why}");
    assert_eq!(screen(&app), Screen::Debrief, "the debrief stays");
    let shown = texts_on_screen(&mut app);
    assert!(
        shown.iter().any(|t| t.contains("Nothing was saved")),
        "the failure is on screen: {shown:?}"
    );

    // Fixed: the same debrief is written.
    app.insert_resource(ResultsRoot(Some(dir.join("results"))));
    press(&mut app, KeyCode::KeyE);
    let Some(Ok(out)) = app.world().resource::<LastExport>().0.clone() else {
        panic!("the second export failed")
    };
    assert!(out.starts_with(dir.join("results")));
    let name = out.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(name, "01-01-own-part.en-round-1", "the round's own folder");
    let session = out.parent().unwrap();
    assert!(
        session
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("session-")
    );
    let csv = std::fs::read_to_string(session.join("session.csv")).unwrap();
    assert_eq!(csv.lines().count(), 2, "a header and the round: {csv}");
    assert!(
        out.join("round.replay").exists(),
        "the round's replay is kept too"
    );
    let cases = std::fs::read_to_string(out.join("cases.csv")).unwrap();
    let total = finished_debrief(&app).total as usize;
    assert!(total >= 2);
    assert_eq!(
        cases.lines().count(),
        total + 1,
        "a header and a row per case"
    );
    assert!(out.join("departments.csv").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A scenario file of the facilitator's own, in a fresh folder.
fn own_scenario(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tutti-watch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.ron"));
    std::fs::copy("levels/01-own-part.en.ron", &path).unwrap();
    path
}

fn current_title(app: &App) -> Option<String> {
    let catalog = app.world().resource::<tutti::game::catalog::Catalog>();
    let i = app
        .world()
        .resource::<tutti::game::catalog::CurrentLevel>()
        .0;
    catalog.levels[i]
        .scenario
        .as_ref()
        .ok()
        .map(|s| s.title.clone())
}

fn panel_text(app: &mut App) -> String {
    let mut panels = app
        .world_mut()
        .query_filtered::<&Children, With<tutti::screens::problems::ProblemPanel>>();
    let children: Vec<Entity> = panels
        .iter(app.world())
        .flat_map(|c| c.iter().collect::<Vec<_>>())
        .collect();
    children
        .iter()
        .filter_map(|e| app.world().get::<Text>(*e).map(|t| t.0.clone()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn saving_a_watched_scenario_reloads_it_and_a_broken_save_keeps_the_last_good_version() {
    let path = own_scenario("ours");
    let mut app = app(path.to_str().unwrap(), false, 20);
    assert_eq!(screen(&app), Screen::Lobby);
    let original = current_title(&app).unwrap();

    // The facilitator renames the piece and saves: the lobby shows the new version.
    let text = std::fs::read_to_string(&path).unwrap();
    let renamed = text.replacen(&format!("\"{original}\""), "\"Our own Monday\"", 1);
    assert_ne!(renamed, text, "the title is in the file");
    std::fs::write(&path, &renamed).unwrap();
    assert!(run_until(&mut app, 100, |a| current_title(a).as_deref()
        == Some("Our own Monday")));
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Lobby);
    assert!(
        texts_on_screen(&mut app)
            .iter()
            .any(|t| t == "Our own Monday"),
        "the lobby shows the new title"
    );

    // A half-written save: the error with FILE:LINE:COL is on screen, the good version stays.
    let half = &renamed[..renamed.len() / 2];
    std::fs::write(&path, half).unwrap();
    assert!(run_until(&mut app, 100, |a| {
        let catalog = a.world().resource::<tutti::game::catalog::Catalog>();
        catalog.levels.iter().any(|l| l.problem.is_some())
    }));
    app.update();
    let shown = panel_text(&mut app);
    let file = path.display().to_string();
    assert!(shown.contains(&format!("{file}:")), "{shown}");
    assert!(shown.contains("last good version"), "{shown}");
    assert_eq!(current_title(&app).as_deref(), Some("Our own Monday"));

    // The last good version is still playable.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(run_until(&mut app, 2_000, |a| screen(a) == Screen::Playing));
    assert_eq!(
        app.world().resource::<Performance>().scenario().title,
        "Our own Monday"
    );

    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn a_file_dropped_on_the_window_opens_in_the_lobby() {
    let path = own_scenario("dropped");
    let mut app = app("levels/01-own-part.en.ron", false, 20);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::LevelSelect);
    app.world_mut()
        .write_message(bevy::window::FileDragAndDrop::DroppedFile {
            window: Entity::PLACEHOLDER,
            path_buf: path.clone(),
        });
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Lobby);
    let catalog = app.world().resource::<tutti::game::catalog::Catalog>();
    let i = app
        .world()
        .resource::<tutti::game::catalog::CurrentLevel>()
        .0;
    assert_eq!(catalog.levels[i].path.as_deref(), Some(path.as_path()));
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

#[test]
fn a_practice_range_plays_only_its_bars_and_always_to_its_end() {
    use tutti::sim::{EventKind, Metre, SimBuilder};
    let scenario = tutti::scenario::load_file("levels/03-busy-colleague.en.ron".as_ref()).unwrap();
    let metre = Metre {
        beats_per_bar: scenario.beats_per_bar,
    };
    let events = SimBuilder::new(&scenario)
        .bars(tutti::scenario::BarRange::new(5, 8))
        .build()
        .run_to_end();
    let whole = SimBuilder::new(&scenario).build().run_to_end();
    let arrivals = |ev: &[tutti::sim::Event]| -> Vec<u32> {
        ev.iter()
            .filter(|e| matches!(e.kind, EventKind::Arrived { .. }))
            .map(|e| metre.bar_of(e.at))
            .collect()
    };
    let in_range: Vec<u32> = arrivals(&whole)
        .into_iter()
        .filter(|b| (5..=8).contains(b))
        .collect();
    assert!(!in_range.is_empty(), "the level has customers in bars 5–8");
    assert_eq!(
        arrivals(&events),
        in_range,
        "the same customers, in the same bars"
    );
    assert!(matches!(events[0].kind, EventKind::BarStarted { bar: 5 }));
    let last = events.last().unwrap();
    assert!(matches!(last.kind, EventKind::Ended { walked_out: false }));
    assert_eq!(
        last.at,
        metre.bar_start(9),
        "the loop ends when bar 8 is over"
    );
}

#[test]
fn the_practice_loop_starts_over_instead_of_ending_and_only_whole_pieces_set_a_best_score() {
    // Nobody takes a seat: the colleagues play every part.
    let mut app = app("levels/01-own-part.en.ron", false, 50);
    assert_eq!(screen(&app), Screen::Lobby);
    press(&mut app, KeyCode::F4);
    press(&mut app, KeyCode::F4);
    let practice = app.world().resource::<Setup>().practice();
    assert_eq!(
        practice.map(|p| (p.from, p.to)),
        Some((5, 8)),
        "F4 twice: the second four bars"
    );
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(run_until(&mut app, 2_000, |a| screen(a) == Screen::Playing));
    let perf = app.world().resource::<Performance>();
    let bpb = f64::from(perf.scenario().beats_per_bar);
    assert_eq!(perf.start(), 4.0 * bpb, "play starts on bar 5");
    let round = |a: &App| {
        a.world()
            .resource::<tutti::game::performance::PracticeRound>()
            .0
    };
    assert!(
        run_until(&mut app, 20_000, |a| round(a) == 2),
        "the loop went round twice"
    );
    assert_ne!(screen(&app), Screen::Debrief);
    assert!(
        app.world()
            .resource::<tutti::scores::BestScores>()
            .scores
            .is_empty()
    );
    press_twice(&mut app, KeyCode::F9);
    assert_eq!(screen(&app), Screen::Debrief);
    assert!(
        app.world()
            .resource::<tutti::scores::BestScores>()
            .scores
            .is_empty(),
        "a loop is not a performance"
    );

    // The whole piece, played to its end by the computer alone, is a demo: no best score either.
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::LevelSelect);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Lobby);
    for _ in 0..4 {
        press(&mut app, KeyCode::F4); // 9–12, 13–16, 17–18, off
    }
    assert_eq!(app.world().resource::<Setup>().practice(), None);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(run_until(&mut app, 40_000, |a| screen(a) == Screen::Debrief));
    assert!(
        app.world()
            .resource::<tutti::scores::BestScores>()
            .scores
            .is_empty(),
        "nobody was seated"
    );
}

/// Presses `key` on every live note of department 0 as it reaches the line, until the debrief.
fn play_every_note(app: &mut App, key: KeyCode, max_frames: usize, step_secs: f64) -> bool {
    for _ in 0..max_frames {
        if screen(app) == Screen::Debrief {
            return true;
        }
        let perf = app.world().resource::<Performance>();
        let frame = perf.beats_per_second() * step_secs;
        let due_next_frame = perf.score().cases().iter().any(|c| {
            c.steps.iter().any(|s| {
                let ahead = s.due.0 - perf.beat();
                s.status == tutti::sim::StepStatus::Live
                    && s.owner == tutti::scenario::Owner::Dept(DeptId(0))
                    && ahead > 0.0
                    && ahead <= frame
            })
        });
        if due_next_frame {
            press(app, key);
        } else {
            app.update();
        }
    }
    screen(app) == Screen::Debrief
}

#[test]
fn a_whole_piece_played_by_a_person_sets_the_best_score_and_the_debrief_says_so() {
    let mut app = app("levels/01-own-part.en.ron", false, 10);
    press(&mut app, KeyCode::KeyA);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(play_every_note(&mut app, KeyCode::KeyA, 60_000, 0.010));
    let best = app.world().resource::<tutti::scores::BestScores>();
    let d = &finished_debrief(&app);
    assert!(!d.walked_out && d.completed == d.total, "every note played");
    let catalog = app.world().resource::<tutti::game::catalog::Catalog>();
    let name = &catalog.levels[app
        .world()
        .resource::<tutti::game::catalog::CurrentLevel>()
        .0]
        .name;
    assert_eq!(best.get(name), Some(d.audience_final));
    assert!(
        texts_on_screen(&mut app)
            .iter()
            .any(|t| t.contains("New best")),
        "the debrief says so"
    );
}

#[test]
fn a_new_file_in_a_levels_folder_joins_the_list_and_a_broken_drop_opens_on_level_select() {
    use tutti::game::catalog::Catalog;
    let dir = std::env::temp_dir().join(format!("tutti-newfile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut catalog = Catalog::gather(std::slice::from_ref(&dir), None);
    let before = catalog.levels.len();
    std::fs::copy("levels/02-pass-the-baton.en.ron", dir.join("ours.ron")).unwrap();
    // A file under a campaign level's own name takes its place (and is watched from then on).
    let campaign = dir.join("02-pass-the-baton.en.ron");
    std::fs::copy("levels/02-pass-the-baton.en.ron", &campaign).unwrap();
    assert_eq!(catalog.add_new_files(), 1);
    assert_eq!(catalog.add_new_files(), 0, "listed once");
    assert_eq!(catalog.levels.len(), before + 1);
    let level = catalog
        .levels
        .iter()
        .find(|l| l.name == "02-pass-the-baton.en.ron")
        .expect("the campaign level is still listed under its name");
    assert_eq!(level.path.as_deref(), Some(campaign.as_path()));

    let broken = dir.join("broken.ron");
    std::fs::write(&broken, "Scenario(title: \"half").unwrap();
    let mut app = app("levels/01-own-part.en.ron", false, 20);
    app.world_mut()
        .write_message(bevy::window::FileDragAndDrop::DroppedFile {
            window: Entity::PLACEHOLDER,
            path_buf: broken.clone(),
        });
    app.update();
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::LevelSelect);
    let shown = panel_text(&mut app);
    assert!(shown.contains("broken.ron:1:"), "{shown}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_pause_during_the_count_in_counts_in_again_on_resume() {
    let mut app = app("levels/01-own-part.en.ron", true, 10);
    assert_eq!(screen(&app), Screen::CountIn);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Paused);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::CountIn, "the count-in starts again");
    let perf = app.world().resource::<Performance>();
    assert!(perf.beat() < perf.start(), "before the first beat");
    assert!(run_until(&mut app, 2_000, |a| screen(a) == Screen::Playing));
}

#[test]
fn level_select_highlights_the_level_being_played() {
    let mut app = app("levels/02-pass-the-baton.en.ron", false, 20);
    let current = app
        .world()
        .resource::<tutti::game::catalog::CurrentLevel>()
        .0;
    let catalog = app.world().resource::<tutti::game::catalog::Catalog>();
    assert_eq!(catalog.levels[current].name, "02-pass-the-baton.en.ron");
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::LevelSelect);
    let focus = app.world().resource::<tutti::ui::widgets::MenuFocus>().0;
    assert_eq!(focus, 1, "chapter 2, the list's second item");
    let listed = app
        .world()
        .resource::<tutti::screens::level_select::ListedLevels>();
    assert_eq!(listed.0[focus], Some(current));
}

#[test]
fn a_file_saved_with_another_department_while_the_briefing_shows_it_shows_the_seats_as_they_are() {
    let path = own_scenario("briefing");
    let mut app = app(path.to_str().unwrap(), false, 20);
    press(&mut app, KeyCode::KeyA);
    assert_eq!(humans(&app), [true]);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Briefing);
    // The facilitator adds a department and saves.
    let text = std::fs::read_to_string(&path).unwrap();
    let more = text.replacen(
        "departments: [",
        "departments: [\n        Department(id: \"extra\", name: \"Extra\"),",
        1,
    );
    assert_ne!(more, text);
    std::fs::write(&path, &more).unwrap();
    assert!(run_until(&mut app, 200, |a| humans(a).len() == 2));
    app.update();
    assert_eq!(screen(&app), Screen::Briefing);
    assert_eq!(
        humans(&app),
        [false, false],
        "the seats start free for the new line-up"
    );
    assert!(
        !texts_on_screen(&mut app)
            .iter()
            .any(|t| t.ends_with("—  you")),
        "the briefing no longer says anybody plays"
    );
}
