//! Every screen's own buttons, chosen as a person does: with the arrows and Enter alone, and with
//! a click. The lobby's tempo button goes round from full speed where the tempo key stops; the
//! pause menu's restart asks to be chosen twice, the debrief's does not.

use bevy::prelude::*;
use tutti::game::performance::Setup;
use tutti::screens::TitleButton;
use tutti::states::Screen;

use super::app::{app, press, run_until, screen, seated};

const LEVEL_1: &str = "levels/01-own-part.en.ron";

fn tempo(app: &App) -> u32 {
    app.world().resource::<Setup>().tempo_pct()
}

#[test]
fn the_keyboard_alone_goes_from_the_title_through_the_lobby_to_the_piece_and_its_debrief() {
    let mut app = app(LEVEL_1, false, 20);
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Title);
    press(&mut app, KeyCode::Enter); // Play: the first chapter's lobby
    assert_eq!(screen(&app), Screen::Lobby);

    // Lobby: Continue, then the seat, then tempo.
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::Enter);
    assert_eq!(seated(&app), [true], "the seat's button takes the seat");
    press(&mut app, KeyCode::ArrowDown);
    assert_eq!(tempo(&app), 100);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        tempo(&app),
        50,
        "the tempo button goes round to the slowest"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(tempo(&app), 60);
    for _ in 0..5 {
        press(&mut app, KeyCode::Equal);
    }
    assert_eq!(tempo(&app), 100, "the tempo key stops at full speed");
    press(&mut app, KeyCode::ArrowUp);
    press(&mut app, KeyCode::ArrowUp);
    press(&mut app, KeyCode::Enter); // Continue
    assert_eq!(screen(&app), Screen::Briefing);
    press(&mut app, KeyCode::Enter); // Start
    assert!(run_until(&mut app, 2_000, |a| screen(a) == Screen::Playing));

    // The pause menu: Resume, Restart, Skip, Leave; a restart chosen once only asks.
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Paused);
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Paused, "chosen once, the skip asks");
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Debrief, "chosen again, it skips");

    // The debrief's first button plays again at once.
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::CountIn);
    assert_eq!(seated(&app), [true], "the same seats");
}

#[test]
fn a_click_on_a_button_does_what_it_says_and_moves_no_other_screen() {
    let mut app = app(LEVEL_1, false, 20);
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Title);
    let mut buttons = app.world_mut().query::<(&TitleButton, &mut Interaction)>();
    for (button, mut interaction) in buttons.iter_mut(app.world_mut()) {
        if *button == TitleButton::Settings {
            *interaction = Interaction::Pressed;
        }
    }
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Settings);
    for _ in 0..5 {
        app.update();
    }
    assert_eq!(
        screen(&app),
        Screen::Settings,
        "the click acted once, on the title only"
    );
    assert_eq!(
        app.world().resource::<tutti::settings::Settings>().language,
        tutti::settings::LanguageChoice::Automatic,
        "and not on the settings' first button"
    );
}
