//! The game without a window: MinimalPlugins, states and input, driven by synthetic key presses
//! and a fixed time step. Screen flow, and input through the simulation to what is on screen.

use std::time::Duration;

use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;
use tutti::game::performance::{Performance, Setup};
use tutti::game::stage::feedback::Popup;
use tutti::settings::SettingsStore;
use tutti::sim::{EventKind, Grade, StepStatus};
use tutti::states::{Launch, Screen};

/// A game app on `level`, with time advancing `step_ms` per update.
pub(crate) fn app(level: &str, autoplay: bool, step_ms: u64) -> App {
    app_with(level, autoplay, step_ms, |_| {})
}

/// [`app`], with `extra` set up before the first update (e.g. a sound probe).
pub(crate) fn app_with(
    level: &str,
    autoplay: bool,
    step_ms: u64,
    extra: impl FnOnce(&mut App),
) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, bevy::input::InputPlugin));
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
        step_ms,
    )));
    app.insert_resource(SettingsStore::default());
    app.insert_resource(Launch {
        file: Some(level.into()),
        autoplay,
        window: (1280, 720),
        ..Launch::default()
    });
    tutti::app::core_plugin(&mut app);
    extra(&mut app);
    app.update();
    app.update();
    app
}

pub(crate) fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

pub(crate) fn press(app: &mut App, key: KeyCode) {
    for state in [ButtonState::Pressed, ButtonState::Released] {
        app.world_mut().write_message(KeyboardInput {
            key_code: key,
            logical_key: Key::Unidentified(bevy::input::keyboard::NativeKey::Unidentified),
            state,
            text: None,
            repeat: false,
            window: Entity::PLACEHOLDER,
        });
        app.update();
    }
}

/// Which seats a person has taken, by department.
pub(crate) fn seated(app: &App) -> Vec<bool> {
    let setup = app.world().resource::<Setup>();
    (0..setup.seats().len())
        .map(|d| setup.is_person(tutti::scenario::DeptId(d)))
        .collect()
}

/// Presses a key twice (a restart, skip or leave asks for the second press).
pub(crate) fn press_twice(app: &mut App, key: KeyCode) {
    press(app, key);
    press(app, key);
}

pub(crate) fn run_until(app: &mut App, max_updates: usize, done: impl Fn(&App) -> bool) -> bool {
    for _ in 0..max_updates {
        if done(app) {
            return true;
        }
        app.update();
    }
    done(app)
}

const LEVEL_1: &str = "levels/01-own-part.en.ron";

#[test]
fn play_opens_the_lobby_and_the_screens_follow_in_order() {
    let mut app = app(LEVEL_1, false, 10);
    assert_eq!(screen(&app), Screen::Lobby);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Briefing);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Lobby, "Esc goes back");
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::LevelSelect);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Title);
}

#[test]
fn a_key_pressed_on_the_beat_is_a_perfect_hit_on_screen() {
    let mut app = app(LEVEL_1, false, 5);
    // Take the only seat (Customer service, key A), then start.
    press(&mut app, KeyCode::KeyA);
    assert_eq!(seated(&app), [true], "pressing A took the seat");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(run_until(&mut app, 2_000, |a| screen(a) == Screen::Playing));
    // Wait until the first live note is due, then press A on its beat.
    let on_beat = |a: &App| {
        let perf = a.world().resource::<Performance>();
        perf.score().cases().iter().any(|c| {
            c.steps[c.current].status == StepStatus::Live
                && (perf.beat() - c.steps[c.current].due.0).abs() < 0.004
        })
    };
    assert!(run_until(&mut app, 20_000, on_beat), "a note came due");
    press(&mut app, KeyCode::KeyA);
    let perf = app.world().resource::<Performance>();
    let perfect = perf.events().iter().any(|e| {
        matches!(&e.kind, EventKind::Played { judgement, dept: tutti::scenario::DeptId(0), .. } if judgement.grade == Grade::Perfect)
    });
    assert!(perfect, "the simulation judged it Perfect");
    let mut popups = app.world_mut().query::<&Popup>();
    assert!(
        popups.iter(app.world()).any(|p| p.0 == Grade::Perfect),
        "a Perfect pop-up is on screen"
    );
}

/// A player who hears the music 80 ms late (the calibrated audio offset) and presses 80 ms after
/// the beat on the song clock pressed on the beat they heard: judged on the beat, not 80 ms late.
#[test]
fn a_calibrated_audio_offset_judges_a_key_by_the_beat_the_player_heard() {
    let mut app = app(LEVEL_1, false, 5);
    app.world_mut()
        .resource_mut::<tutti::settings::Settings>()
        .audio_offset_ms = 80.0;
    press(&mut app, KeyCode::KeyA);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(run_until(&mut app, 2_000, |a| screen(a) == Screen::Playing));
    let perf = app.world().resource::<Performance>();
    assert_eq!(perf.allowance_ms(tutti::scenario::DeptId(0)), 80.0);
    let heard_late = |a: &App| {
        let perf = a.world().resource::<Performance>();
        let late = 0.080 * perf.beats_per_second();
        perf.score().cases().iter().any(|c| {
            c.steps[c.current].status == StepStatus::Live
                && (perf.beat() - c.steps[c.current].due.0 - late).abs() < 0.004
        })
    };
    assert!(run_until(&mut app, 20_000, heard_late), "a note came due");
    press(&mut app, KeyCode::KeyA);
    let perf = app.world().resource::<Performance>();
    let offsets: Vec<f64> = perf
        .events()
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Played { judgement, .. } => Some(judgement.offset.0),
            _ => None,
        })
        .collect();
    assert_eq!(offsets.len(), 1, "{offsets:?}");
    assert!(offsets[0].abs() < 15.0, "judged {} ms off", offsets[0]);
}

#[test]
fn esc_pauses_and_resumes_and_the_clock_stands_still_while_paused() {
    let mut app = app(LEVEL_1, true, 10);
    assert!(run_until(&mut app, 2_000, |a| screen(a) == Screen::Playing));
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Paused);
    let before = app.world().resource::<Performance>().beat();
    for _ in 0..50 {
        app.update();
    }
    assert_eq!(app.world().resource::<Performance>().beat(), before);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Playing);
}

#[test]
fn the_end_of_the_piece_opens_the_debrief_with_its_figures() {
    let mut app = app(LEVEL_1, true, 50);
    assert!(
        run_until(&mut app, 10_000, |a| screen(a) == Screen::Debrief),
        "the debrief opened"
    );
    let debrief = &finished_debrief(&app);
    let perf = app.world().resource::<Performance>();
    assert!(perf.is_ended());
    let arrived = perf
        .events()
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Arrived { .. }))
        .count();
    assert_eq!(debrief.total as usize, arrived);
    assert_eq!(debrief.total, debrief.completed + debrief.lost);
    assert!(debrief.total >= 10);
}

#[test]
fn facilitator_keys_restart_and_skip_to_the_debrief_once_confirmed() {
    let mut app = app(LEVEL_1, true, 20);
    assert!(run_until(&mut app, 2_000, |a| {
        screen(a) == Screen::Playing && a.world().resource::<Performance>().beat() > 12.0
    }));
    // Letters are the departments': R, N and P do nothing for the facilitator.
    for key in [KeyCode::KeyR, KeyCode::KeyN, KeyCode::KeyP, KeyCode::KeyH] {
        press(&mut app, key);
        assert_eq!(screen(&app), Screen::Playing, "{key:?}");
    }
    // One press of the restart key only asks; the second within 2 s restarts.
    press(&mut app, KeyCode::F8);
    assert_eq!(
        screen(&app),
        Screen::Playing,
        "one press asks for a confirmation"
    );
    press(&mut app, KeyCode::F8);
    assert_eq!(screen(&app), Screen::CountIn);
    assert!(
        app.world().resource::<Performance>().beat() < 0.0,
        "a fresh count-in"
    );
    assert!(run_until(&mut app, 2_000, |a| screen(a) == Screen::Playing));
    press(&mut app, KeyCode::Minus);
    assert_eq!(app.world().resource::<Performance>().tempo_pct(), 90);
    assert_eq!(
        app.world().resource::<Setup>().tempo_pct(),
        90,
        "one record"
    );
    press_twice(&mut app, KeyCode::F9);
    assert_eq!(screen(&app), Screen::Debrief);
}

#[test]
fn a_tiny_or_minimised_window_does_not_panic_and_a_demo_never_pauses_on_focus_loss() {
    let mut app = app(LEVEL_1, true, 20);
    let window = app
        .world_mut()
        .spawn(Window {
            resolution: bevy::window::WindowResolution::new(320, 200),
            focused: true,
            ..Window::default()
        })
        .id();
    assert!(run_until(&mut app, 2_000, |a| screen(a) == Screen::Playing));
    for _ in 0..100 {
        app.update();
    }
    // Minimised: winit reports a zero-sized window.
    app.world_mut()
        .get_mut::<Window>(window)
        .unwrap()
        .resolution
        .set_physical_resolution(0, 0);
    for _ in 0..100 {
        app.update();
    }
    assert_eq!(screen(&app), Screen::Playing);
    app.world_mut().get_mut::<Window>(window).unwrap().focused = false;
    for _ in 0..100 {
        app.update();
    }
    assert_eq!(
        screen(&app),
        Screen::Playing,
        "nobody is seated: the facilitator pauses with the pause key"
    );
}

#[test]
fn a_seat_key_can_be_changed_in_the_lobby_and_is_saved_in_the_settings() {
    let mut app = app("levels/02-pass-the-baton.en.ron", false, 10);
    press(&mut app, KeyCode::ArrowDown); // focus the first seat row
    press(&mut app, KeyCode::F3);
    press(&mut app, KeyCode::KeyJ);
    let keys = app
        .world()
        .resource::<tutti::settings::Settings>()
        .keys
        .clone();
    assert_eq!(keys, [("service".to_owned(), "J".to_owned())]);
    // J now takes the seat; A no longer does.
    press(&mut app, KeyCode::KeyA);
    assert_eq!(seated(&app), [false, false, false]);
    press(&mut app, KeyCode::KeyJ);
    assert_eq!(seated(&app), [true, false, false]);
}

#[test]
fn settings_switch_the_language_and_theme_of_every_text() {
    let mut app = app(LEVEL_1, false, 10);
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Title);
    press(&mut app, KeyCode::ArrowDown); // Levels
    press(&mut app, KeyCode::ArrowDown); // Settings
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Settings);
    press(&mut app, KeyCode::Enter); // language: Automatic → Dansk
    let settings = app.world().resource::<tutti::settings::Settings>().clone();
    assert_eq!(settings.language, tutti::settings::LanguageChoice::Danish);
    assert_eq!(
        app.world()
            .resource::<tutti::ui::i18n::Texts>()
            .t("menu-play"),
        "Spil"
    );
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::Enter); // theme
    assert_eq!(
        app.world().resource::<tutti::settings::Settings>().theme,
        tutti::settings::Theme::Projector
    );
    let mut texts = app.world_mut().query::<&Text>();
    assert!(
        texts.iter(app.world()).any(|t| t.0.contains("Sprog")),
        "the settings screen itself is now in Danish"
    );
}

#[test]
fn calibration_measures_how_late_the_taps_come_and_saves_it() {
    let mut app = app(LEVEL_1, false, 10);
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::ArrowDown); // Levels
    press(&mut app, KeyCode::ArrowDown); // Settings
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Settings);
    for _ in 0..6 {
        press(&mut app, KeyCode::ArrowDown);
    }
    // On the way: the music volume has its own setting (80 % → 100 %).
    press(&mut app, KeyCode::Enter);
    let s = app.world().resource::<tutti::settings::Settings>();
    assert_eq!((s.music_volume, s.effects_volume), (1.0, 0.8));
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::ArrowDown);
    // The Enter press and its release advance the clock; the run starts on entering the screen.
    app.world_mut().write_message(KeyboardInput {
        key_code: KeyCode::Enter,
        logical_key: Key::Unidentified(bevy::input::keyboard::NativeKey::Unidentified),
        state: ButtonState::Pressed,
        text: None,
        repeat: false,
        window: Entity::PLACEHOLDER,
    });
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Calibration);
    let t0 = app.world().resource::<Time>().elapsed_secs_f64();
    for k in 0..16 {
        let due = t0 + 1.2 + 0.6 * f64::from(k) + 0.030;
        assert!(run_until(&mut app, 1_000, |a| a
            .world()
            .resource::<Time>()
            .elapsed_secs_f64()
            >= due));
        press(&mut app, KeyCode::Space);
    }
    let offset = app
        .world()
        .resource::<tutti::settings::Settings>()
        .audio_offset_ms;
    assert!(
        (20.0..=60.0).contains(&offset),
        "taps about 40 ms late: {offset}"
    );
}

/// Every text on screen now (the `Text` of Bevy's UI and the stage's `Text2d`), for tests that
/// read what a person sees.
pub(crate) fn texts_on_screen(app: &mut App) -> Vec<String> {
    let mut q = app.world_mut().query::<&Text>();
    let mut all: Vec<String> = q.iter(app.world()).map(|t| t.0.clone()).collect();
    let mut q2 = app.world_mut().query::<&Text2d>();
    all.extend(q2.iter(app.world()).map(|t| t.0.clone()));
    all
}

/// The figures of the piece just finished, as its record keeps them (on the debrief).
pub(crate) fn finished_debrief(app: &App) -> tutti::sim::Debrief {
    let record = app
        .world()
        .resource::<tutti::game::finished::FinishedPiece>();
    record.0.as_ref().expect("a finished piece").debrief.clone()
}
