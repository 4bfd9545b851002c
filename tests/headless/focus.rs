//! Pausing on focus loss only when it is real: flickers while the window appears, is resized or
//! switches to fullscreen keep the piece playing; a lasting loss after play began pauses and says
//! why; with nobody seated, or the setting off, a focus loss never pauses.

use bevy::prelude::*;
use bevy::window::{WindowMode, WindowResized};
use tutti::game::performance::PauseReason;
use tutti::states::Screen;

use super::app::{app, press, run_until, screen};

const LEVEL_1: &str = "levels/01-own-part.en.ron";

/// Level 1 with its one seat taken by a person, a window, and the piece counting in.
fn seated_with_window() -> (App, Entity) {
    let mut app = app(LEVEL_1, false, 10);
    let window = app.world_mut().spawn(Window::default()).id();
    press(&mut app, KeyCode::KeyA);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::CountIn);
    (app, window)
}

fn set_focus(app: &mut App, window: Entity, focused: bool) {
    app.world_mut().get_mut::<Window>(window).unwrap().focused = focused;
}

/// `frames` updates of 10 ms with the window's focus as given.
fn hold(app: &mut App, window: Entity, focused: bool, frames: usize) {
    set_focus(app, window, focused);
    for _ in 0..frames {
        app.update();
    }
}

fn on_stage(app: &App) -> bool {
    matches!(screen(app), Screen::CountIn | Screen::Playing)
}

#[test]
fn flickers_at_start_up_during_a_resize_and_a_fullscreen_switch_keep_the_piece_playing() {
    let (mut app, window) = seated_with_window();
    // The window manager maps the window: focused, unfocused, focused again.
    hold(&mut app, window, false, 3);
    hold(&mut app, window, true, 2);
    hold(&mut app, window, false, 5);
    hold(&mut app, window, true, 100);
    assert!(on_stage(&app), "start-up flicker: {:?}", screen(&app));

    // A resize: the window manager takes the focus away for a third of a second.
    app.world_mut().write_message(WindowResized {
        window,
        width: 1920.0,
        height: 1080.0,
    });
    hold(&mut app, window, false, 35);
    hold(&mut app, window, true, 100);
    assert!(on_stage(&app), "resize flicker: {:?}", screen(&app));

    // Fullscreen (F11): the same.
    app.world_mut().get_mut::<Window>(window).unwrap().mode =
        WindowMode::BorderlessFullscreen(bevy::window::MonitorSelection::Current);
    app.update();
    hold(&mut app, window, false, 40);
    hold(&mut app, window, true, 100);
    assert!(on_stage(&app), "fullscreen flicker: {:?}", screen(&app));
    assert!(run_until(&mut app, 2_000, |a| screen(a) == Screen::Playing));
}

#[test]
fn a_lasting_loss_after_play_began_pauses_and_the_overlay_says_so() {
    let (mut app, window) = seated_with_window();
    hold(&mut app, window, true, 100);
    // A blink shorter than a quarter of a second is not enough.
    hold(&mut app, window, false, 15);
    hold(&mut app, window, true, 20);
    assert!(on_stage(&app));
    hold(&mut app, window, false, 30);
    assert_eq!(screen(&app), Screen::Paused, "a real loss pauses");
    assert_eq!(
        *app.world().resource::<PauseReason>(),
        PauseReason::FocusLost
    );
    app.update();
    let mut texts = app.world_mut().query::<&Text>();
    assert!(
        texts
            .iter(app.world())
            .any(|t| t.0 == "Paused: the window lost focus"),
        "the overlay says why"
    );
}

#[test]
fn with_the_setting_off_a_focus_loss_does_not_pause() {
    let (mut app, window) = seated_with_window();
    app.world_mut()
        .resource_mut::<tutti::settings::Settings>()
        .pause_on_focus_loss = false;
    hold(&mut app, window, true, 100);
    hold(&mut app, window, false, 100);
    assert!(on_stage(&app), "{:?}", screen(&app));
}

#[test]
fn the_screen_log_names_the_screens_and_the_reason_for_a_pause() {
    use tutti::game::screen_log::line;
    assert_eq!(
        line(
            Some(Screen::Playing),
            Screen::Paused,
            PauseReason::FocusLost
        ),
        "screen: Playing -> Paused (focus lost)"
    );
    assert_eq!(
        line(
            Some(Screen::Lobby),
            Screen::Briefing,
            PauseReason::FocusLost
        ),
        "screen: Lobby -> Briefing"
    );
    assert_eq!(
        line(None, Screen::Title, PauseReason::Asked),
        "screen: start -> Title"
    );
}
