//! The debrief opens with "Between the chairs": each lost case, the step never played, the
//! chairs it lay between, for how long and who sat there; with none, the closest call.

use bevy::prelude::*;
use tutti::game::finished::FinishedPiece;
use tutti::states::Screen;

use super::app::{app, finished_debrief, run_until, screen, texts_on_screen};

#[test]
fn the_debrief_names_the_unanswered_calls_their_chairs_and_who_sat_there() {
    // Level 4 played by the colleagues alone: the call back falls between the chairs.
    let mut app = app("levels/04-the-call-nobody-makes.en.ron", true, 50);
    assert!(run_until(&mut app, 20_000, |a| screen(a) == Screen::Debrief));
    app.update();
    let d = finished_debrief(&app);
    assert!(d.solved_but_unanswered >= 2, "{}", d.solved_but_unanswered);
    let shown = texts_on_screen(&mut app);
    assert!(
        shown.iter().any(|t| t == "Between the chairs"),
        "{shown:#?}"
    );
    let rows: Vec<&String> = shown.iter().filter(|t| t.starts_with("☎ ")).collect();
    // Level 4 has goals and four long discussion questions: two calls fit beside them at
    // 1280×720, the rest are counted ("… and N more").
    assert_eq!(rows.len(), d.between_chairs.len().min(2), "{rows:#?}");
    if d.between_chairs.len() > 2 {
        let more = format!("… and {} more", d.between_chairs.len() - 2);
        assert!(shown.iter().any(|t| t.starts_with(&more)), "{shown:#?}");
    }
    // Solved but never answered first, naming the two chairs and who sat in them.
    assert!(
        rows[0].contains("Solved, but never answered."),
        "{}",
        rows[0]
    );
    assert!(rows[0].contains(" lay between "), "{}", rows[0]);
    assert!(
        rows[0].contains("In those chairs: ") && rows[0].contains(": computer"),
        "{}",
        rows[0]
    );
    let first = d
        .between_chairs
        .iter()
        .find(|r| r.solved_but_unanswered)
        .unwrap();
    assert!(rows[0].contains(&first.step_name()), "{}", rows[0]);
    assert!(rows[0].contains(&format!("(bar {})", first.arrival_bar)));
}

#[test]
fn with_nobody_left_unanswered_the_debrief_says_so_and_names_the_closest_call() {
    // Level 1 by the colleague alone: one department, every customer answered.
    let mut app = app("levels/01-own-part.en.ron", true, 50);
    assert!(run_until(&mut app, 20_000, |a| screen(a) == Screen::Debrief));
    app.update();
    let d = finished_debrief(&app);
    assert!(d.between_chairs.is_empty() && d.lost == 0);
    let shown = texts_on_screen(&mut app);
    assert!(
        shown
            .iter()
            .any(|t| t.starts_with("Every customer got the answer. Closest call: ")),
        "{shown:#?}"
    );
}

#[test]
fn skipped_to_the_debrief_with_customers_waiting_it_does_not_claim_all_were_answered() {
    use super::app::press_twice;
    let mut app = app("levels/01-own-part.en.ron", true, 20);
    let arrived = |a: &App| {
        !a.world()
            .resource::<tutti::game::performance::Performance>()
            .score()
            .cases()
            .is_empty()
    };
    assert!(run_until(&mut app, 5_000, arrived));
    press_twice(&mut app, KeyCode::F9);
    assert_eq!(screen(&app), Screen::Debrief);
    app.update();
    let shown = texts_on_screen(&mut app);
    assert!(
        shown
            .iter()
            .any(|t| t.contains("still waiting for the answer when the piece stopped")),
        "{shown:#?}"
    );
    assert!(!shown.iter().any(|t| t.starts_with("No customer was left")));
}

#[test]
fn the_record_of_a_finished_piece_is_the_figures_of_all_its_events_made_once() {
    // Level 4 by the colleagues: the record the debrief draws is what the events add up to.
    let mut app = app("levels/04-the-call-nobody-makes.en.ron", true, 50);
    assert!(run_until(&mut app, 20_000, |a| screen(a) == Screen::Debrief));
    app.update();
    let record = app
        .world()
        .resource::<FinishedPiece>()
        .0
        .clone()
        .expect("a record");
    let perf = app
        .world()
        .resource::<tutti::game::performance::Performance>();
    let again = tutti::sim::Debrief::from_events(perf.scenario(), perf.events());
    assert_eq!(record.debrief, again);
    assert_eq!(record.serial, perf.serial());
    assert!(record.whole() && !record.playback && record.players.is_empty());
}
