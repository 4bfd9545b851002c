//! Home practice: from a fresh start, Enter three times reaches chapter 1's count-in with the
//! player seated, in the system's language; Level select lists the chapters in the interface's
//! language; Play opens the next chapter not yet played; the debrief judges the goals and tells a
//! player alone what they did for the shared result.

use std::time::Duration;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;
use tutti::game::catalog::{Catalog, CurrentLevel};
use tutti::game::performance::Performance;
use tutti::game::screen_log::ScreenTrail;
use tutti::scenario::{DeptId, Owner};
use tutti::settings::{Lang, LanguageChoice, Settings, SettingsStore, SystemLang};
use tutti::states::{Launch, Screen};
use tutti::ui::i18n::Texts;

use super::app::{app, press, screen, seated, texts_on_screen};

/// The game from its title screen, as on a first start (no settings, no best scores), on a
/// system whose language is `system`; `before` runs before the first update.
fn fresh(system: Lang, before: impl FnOnce(&mut App)) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, bevy::input::InputPlugin));
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
        10,
    )));
    app.insert_resource(SettingsStore::default());
    app.insert_resource(SystemLang(system));
    app.insert_resource(Launch {
        window: (1280, 720),
        ..Launch::default()
    });
    tutti::app::core_plugin(&mut app);
    before(&mut app);
    app.update();
    app.update();
    app
}

fn current_name(app: &App) -> String {
    let i = app.world().resource::<CurrentLevel>().0;
    app.world().resource::<Catalog>().levels[i].name.clone()
}

fn lang(app: &App) -> Lang {
    app.world().resource::<Texts>().lang
}

#[test]
fn enter_three_times_from_a_fresh_start_reaches_chapter_one_seated_in_the_systems_language() {
    for (system, file, first_line) in [
        (
            Lang::Da,
            "01-own-part.da.ron",
            "Spil · kapitel 1: Din egen stemme",
        ),
        (
            Lang::En,
            "01-own-part.en.ron",
            "Play · chapter 1: Your own part",
        ),
    ] {
        let mut app = fresh(system, |_| {});
        assert_eq!(screen(&app), Screen::Title);
        assert_eq!(lang(&app), system, "the title speaks the system's language");
        assert!(texts_on_screen(&mut app).iter().any(|t| t == first_line));
        press(&mut app, KeyCode::Enter); // Play
        assert_eq!(screen(&app), Screen::Lobby);
        assert_eq!(current_name(&app), file);
        assert_eq!(seated(&app), [true], "chapter 1's seat is the player's");
        press(&mut app, KeyCode::KeyA);
        assert_eq!(seated(&app), [true], "its key cannot leave it");
        press(&mut app, KeyCode::Enter); // Start
        assert_eq!(screen(&app), Screen::Briefing);
        press(&mut app, KeyCode::Enter); // Start
        assert_eq!(screen(&app), Screen::CountIn);
        assert!(app.world().resource::<Performance>().is_human(DeptId(0)));
        let trail = &app.world().resource::<ScreenTrail>().0;
        let want = [
            "screen: start -> Title",
            "screen: Title -> Lobby",
            "lobby: seats service=person",
            "screen: Lobby -> Briefing",
            "screen: Briefing -> CountIn",
        ];
        assert_eq!(trail, &want, "the log follows the way");
    }
}

#[test]
fn automatic_speaks_a_scenarios_language_while_it_is_shown_and_a_choice_overrides_it() {
    let mut app = app("levels/04-the-call-nobody-makes.da.ron", false, 10);
    app.insert_resource(SystemLang(Lang::En));
    app.update();
    assert_eq!(screen(&app), Screen::Lobby);
    assert_eq!(
        lang(&app),
        Lang::Da,
        "the Danish scenario's lobby is Danish"
    );
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::LevelSelect);
    assert_eq!(lang(&app), Lang::En, "elsewhere the system's language");
    app.world_mut().resource_mut::<Settings>().language = LanguageChoice::English;
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Lobby);
    assert_eq!(
        lang(&app),
        Lang::En,
        "an explicit choice overrides the scenario"
    );
}

#[test]
fn level_select_numbers_the_chapters_in_the_interface_language_and_hides_the_others() {
    let mut app = fresh(Lang::Da, |_| {});
    press(&mut app, KeyCode::ArrowDown); // Levels
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::LevelSelect);
    let shown = texts_on_screen(&mut app);
    let has = |t: &str, shown: &[String]| shown.iter().any(|s| s.starts_with(t));
    assert!(has("1. Din egen stemme", &shown), "{shown:?}");
    assert!(
        has("5. Mandag i kundeservice", &shown),
        "the story in its place"
    );
    assert!(has("7. Hele sagen", &shown));
    assert!(
        !has("1. Your own part", &shown),
        "English behind the toggle"
    );
    assert!(
        shown.iter().any(|t| t.contains("Mål: ○ Ingen tabte sager")),
        "each chapter's goals: {shown:?}"
    );
    for _ in 0..8 {
        press(&mut app, KeyCode::ArrowDown);
    }
    press(&mut app, KeyCode::Enter); // Vis også de engelske udgaver
    let shown = texts_on_screen(&mut app);
    assert!(has("1. Your own part", &shown), "{shown:?}");
    assert!(has("5. Monday in customer service", &shown));
}

#[test]
fn goals_met_in_one_language_are_met_in_the_other_too() {
    let mut app = fresh(Lang::En, |app| {
        let mut best = tutti::scores::BestScores::default();
        best.record_goals("01-own-part.da.ron", &["none-lost".to_owned()]);
        app.insert_resource(best);
    });
    press(&mut app, KeyCode::ArrowDown); // Levels
    press(&mut app, KeyCode::Enter);
    let shown = texts_on_screen(&mut app);
    assert!(
        shown.iter().any(|t| t.contains("✓ No case lost")),
        "{shown:?}"
    );
}

#[test]
fn play_opens_the_next_chapter_not_yet_played() {
    let mut app = fresh(Lang::En, |app| {
        let mut best = tutti::scores::BestScores::default();
        best.record("01-own-part.da.ron", 80.0);
        best.record("02-pass-the-baton.en.ron", 90.0);
        app.insert_resource(best);
    });
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Lobby);
    assert_eq!(current_name(&app), "03-busy-colleague.en.ron");
    assert_eq!(seated(&app), [false; 4], "a group level: seats are free");
}

/// One department, four one-note customers, two goals and a question.
const SOLO: &str = r#"Scenario(
    title: "Solo", language: "en", tempo_bpm: 120, length_bars: 5, lead_beats: 4,
    departments: [Department(id: "service", name: "Customer service", key: "A")],
    cases: [Case(id: "q", steps: [Note(by: "service")])],
    arrivals: Scripted([(bar: 1, case: "q"), (bar: 2, case: "q"), (bar: 3, case: "q"), (bar: 4, case: "q")]),
    goals: [NoneLost, StraysAtMost(0)],
    reflection: "What did you hear?",
)"#;

fn solo_app(name: &str) -> App {
    let dir = std::env::temp_dir().join(format!("tutti-home-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("solo.ron");
    std::fs::write(&path, SOLO).unwrap();
    let mut app = app(path.to_str().unwrap(), false, 10);
    assert_eq!(seated(&app), [true]);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    app
}

/// Presses A as each live note of the one department reaches the line (or never), to the debrief.
fn play_to_the_end(app: &mut App, play: bool) {
    for _ in 0..20_000 {
        if screen(app) == Screen::Debrief {
            return;
        }
        let perf = app.world().resource::<Performance>();
        let frame = perf.beats_per_second() * 0.010;
        let due = perf.score().cases().iter().any(|c| {
            c.steps.iter().any(|s| {
                let ahead = s.due.0 - perf.beat();
                s.status == tutti::sim::StepStatus::Live
                    && s.owner == Owner::Dept(DeptId(0))
                    && (0.0..=frame).contains(&ahead)
                    && ahead > 0.0
            })
        });
        if play && due {
            press(app, KeyCode::KeyA);
        } else {
            app.update();
        }
    }
    panic!("no debrief");
}

#[test]
fn a_piece_skipped_to_its_debrief_is_not_judged_against_its_goals() {
    let mut app = solo_app("skipped");
    for _ in 0..200 {
        app.update();
    }
    super::app::press_twice(&mut app, KeyCode::F9);
    assert!(super::app::run_until(&mut app, 200, |a| screen(a) == Screen::Debrief));
    let shown = texts_on_screen(&mut app);
    let unjudged = "The goals are judged when the whole piece is played to its end.";
    assert!(shown.iter().any(|t| t == unjudged), "{shown:?}");
    assert!(!shown.iter().any(|t| t.starts_with("Goals:")), "{shown:?}");
    let best = app.world().resource::<tutti::scores::BestScores>();
    assert!(best.met_goals(&current_name(&app)).is_empty());
}

#[test]
fn the_debrief_judges_the_goals_keeps_them_and_tells_a_player_alone_their_share() {
    let mut app = solo_app("played");
    play_to_the_end(&mut app, true);
    let shown = texts_on_screen(&mut app);
    for line in [
        "Goals: ✓ No case lost · ✓ At most 0 stray presses",
        "Your part of the shared result (Customer service):",
        "• You played 4 of your 4 own notes in time.",
        "• No customer gave up at a note you could have taken.",
        "Think about: What did you hear?",
    ] {
        assert!(shown.iter().any(|t| t == line), "{line} in {shown:?}");
    }
    let best = app.world().resource::<tutti::scores::BestScores>();
    let name = current_name(&app);
    assert_eq!(best.met_goals(&name), ["none-lost", "strays-at-most-0"]);

    let mut app = solo_app("silent");
    play_to_the_end(&mut app, false);
    let shown = texts_on_screen(&mut app);
    assert!(
        shown.iter().any(|t| t.starts_with("Goals: ✗ No case lost")),
        "{shown:?}"
    );
    assert!(
        shown
            .iter()
            .any(|t| t == "• 4 loose notes lay by your chair; you picked up 0."),
        "{shown:?}"
    );
}

#[test]
fn check_warns_of_a_takes_goal_that_can_never_be_met() {
    let src = super::support::BASE
        .replace(
            "ARRIVALS",
            "(bar: 1, case: \"gap\"), (bar: 3, case: \"gap\")",
        )
        .replace("EXTRA", "goals: [Takes(5), NoneLost],");
    let dir = std::env::temp_dir().join(format!("tutti-goal-warning-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("takes.ron");
    std::fs::write(&file, src).unwrap();
    let (code, out, err) = crate::cli::tutti(&["check", file.to_str().unwrap()]);
    assert_eq!(code, 0, "a warning, not an error: {err}");
    assert!(
        out.contains("warning: goal Takes(5) can never be met: only 2 notes between the chairs"),
        "{out}"
    );
}
