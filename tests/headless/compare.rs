//! Compare rounds: a level played twice in the session, its rounds side by side from the debrief,
//! and back to the debrief with Esc.

use std::collections::BTreeSet;

use bevy::prelude::*;
use tutti::game::performance::Performance;
use tutti::game::session::Workshop;
use tutti::rounds::RoundRecord;
use tutti::rounds::compare::Figure;
use tutti::screens::compare::BackButton;
use tutti::screens::compare::{CurveMark, FigureCell, LegendEntry, RoundHeading};
use tutti::states::Screen;
use tutti::ui::i18n::Texts;

use super::app::{app, press, press_twice, run_until, screen, texts_on_screen};

const LEVEL: &str = "levels/01-own-part.en.ron";

/// Plays until the piece is past `beat`, then skips to the debrief (F9 twice).
fn play_and_skip(app: &mut App, beat: f64) {
    assert!(run_until(app, 5_000, |a| {
        screen(a) == Screen::Playing && a.world().resource::<Performance>().beat() > beat
    }));
    press_twice(app, KeyCode::F9);
    assert_eq!(screen(app), Screen::Debrief);
}

fn rounds(app: &App) -> Vec<RoundRecord> {
    let level = app.world().resource::<Performance>().level().to_owned();
    app.world()
        .resource::<Workshop>()
        .rounds_of(&level)
        .cloned()
        .collect()
}

fn numbers<C: Component>(app: &mut App, round: impl Fn(&C) -> u32) -> BTreeSet<u32> {
    let mut q = app.world_mut().query::<&C>();
    q.iter(app.world()).map(round).collect()
}

/// Two rounds of the level, the second the same situation again, and the debrief on screen.
fn two_rounds() -> App {
    let mut app = app(LEVEL, true, 20);
    play_and_skip(&mut app, 16.0);
    assert!(
        !texts_on_screen(&mut app)
            .iter()
            .any(|t| t == "Compare rounds"),
        "one round: nothing to compare yet"
    );
    // Enter on the first button: "Same situation again".
    press(&mut app, KeyCode::Enter);
    assert_ne!(screen(&app), Screen::Debrief);
    play_and_skip(&mut app, 32.0);
    app
}

/// The debrief's "Compare rounds", by the keyboard: it is the third button.
fn open_comparison(app: &mut App) {
    assert!(
        texts_on_screen(app).iter().any(|t| t == "Compare rounds"),
        "the debrief offers the comparison"
    );
    press(app, KeyCode::ArrowDown);
    press(app, KeyCode::ArrowDown);
    press(app, KeyCode::Enter);
    app.update();
    assert_eq!(screen(app), Screen::Compare);
}

#[test]
fn two_rounds_are_compared_side_by_side_and_esc_returns_to_the_debrief() {
    let mut app = two_rounds();
    let played = rounds(&app);
    assert_eq!(played.len(), 2);
    assert_eq!(played[0].seed, played[1].seed, "the same situation");
    open_comparison(&mut app);

    let shown = texts_on_screen(&mut app);
    let texts = app.world().resource::<Texts>();
    let heading = shown.iter().find(|t| t.starts_with("Compare rounds · "));
    assert!(
        heading.is_some_and(|h| h.ends_with(&played[0].title)),
        "{shown:#?}"
    );
    for name in ["Round 1", "Round 2"] {
        let times = shown.iter().filter(|t| *t == name).count();
        assert_eq!(times, 2, "{name} heads its column and is in the legend");
    }
    assert!(
        shown
            .iter()
            .any(|t| t == &format!("situation {}", played[0].seed))
    );
    assert!(
        shown.iter().any(|t| t == "stopped early"),
        "both were skipped"
    );
    for figure in Figure::ALL {
        let label = texts.t(figure.text_key());
        assert_ne!(label, figure.text_key(), "the row has a text");
        assert!(shown.contains(&label), "{label} is on screen");
    }

    // Every figure shown is the round's as kept in the session.
    let mut cells = app.world_mut().query::<(&FigureCell, &Text)>();
    let cells: Vec<(FigureCell, String)> = cells
        .iter(app.world())
        .map(|(c, t)| (*c, t.0.clone()))
        .collect();
    assert_eq!(cells.len(), Figure::ALL.len() * 2);
    for (cell, text) in &cells {
        let round = &played[cell.round as usize - 1];
        assert_eq!(text, &cell.figure.value(&round.summary), "{cell:?}");
    }
    assert_ne!(
        played[0].summary, played[1].summary,
        "the rounds were stopped at different bars"
    );

    let both = BTreeSet::from([1, 2]);
    assert_eq!(numbers(&mut app, |h: &RoundHeading| h.0), both);
    assert_eq!(numbers(&mut app, |l: &LegendEntry| l.0), both);
    assert_eq!(
        numbers(&mut app, |m: &CurveMark| m.0),
        both,
        "both curves drawn"
    );

    press(&mut app, KeyCode::Escape);
    app.update();
    assert_eq!(screen(&app), Screen::Debrief);
    assert_eq!(rounds(&app).len(), 2, "the round is not kept twice");
    assert_eq!(app.world().resource::<Workshop>().session().rounds.len(), 2);
    assert!(
        texts_on_screen(&mut app)
            .iter()
            .any(|t| t == "Compare rounds"),
        "the debrief is back as it was"
    );

    // And the button back: it returns to the debrief too, not to the levels.
    open_comparison(&mut app);
    app.world_mut().write_message(BackButton);
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Debrief);
    assert_eq!(rounds(&app).len(), 2);
}

#[test]
fn with_more_than_six_rounds_the_last_six_are_shown_and_the_screen_says_so() {
    let played = rounds(&two_rounds());
    // Seven rounds on disk, as if played earlier in the session, and an agreement in force.
    let dir = std::env::temp_dir().join(format!("tutti-compare-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut session = tutti::rounds::Session::new("2026-11-30_09-00-00");
    for round in 1..=7 {
        let mut r = played[1].clone();
        r.round = round;
        r.stopped_early = false;
        session.rounds.push(r);
    }
    session.agreement = Some("Whoever solves the case calls the customer back".into());
    session.save(&dir).unwrap();
    // The game started again: the session goes on, and round 8 is played.
    let root = tutti::game::session::ResultsRoot(Some(dir.clone()));
    let mut app = super::app::app_with(LEVEL, true, 20, move |a| {
        a.insert_resource(root);
    });
    play_and_skip(&mut app, 16.0);
    open_comparison(&mut app);

    assert_eq!(
        numbers(&mut app, |h: &RoundHeading| h.0),
        (3..=8).collect::<BTreeSet<_>>()
    );
    assert_eq!(numbers(&mut app, |m: &CurveMark| m.0).len(), 6);
    let shown = texts_on_screen(&mut app);
    assert!(
        shown.iter().any(|t| t == "the last 6 of 8 rounds"),
        "{shown:#?}"
    );
    assert!(!shown.iter().any(|t| t == "Round 1"));
    assert!(
        shown
            .iter()
            .any(|t| t.starts_with("“Whoever") && t.ends_with("…”")),
        "the agreement, cut short: {shown:#?}"
    );
}
