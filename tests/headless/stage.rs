//! The stage shows who may take a note between the chairs: "Ring kunden op" between IT and
//! Kundeservice lights exactly those two musicians as it comes up to the line, and its marks are
//! their shapes.

use bevy::prelude::*;
use tutti::game::performance::Performance;
use tutti::game::stage::chairs::ChairLight;
use tutti::scenario::{Between, Owner};
use tutti::sim::StepStatus;
use tutti::states::Screen;

use super::app::{app, run_until, screen};

/// The shared test scenario (four departments a–d) with one customer: a's note, then a call
/// between b and c.
fn one_call_file() -> std::path::PathBuf {
    let src = super::support::BASE
        .replace("ARRIVALS", "(bar: 1, case: \"gap\")")
        .replace("EXTRA", "");
    let dir = std::env::temp_dir().join(format!("tutti-stage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("one-call.ron");
    std::fs::write(&file, src).unwrap();
    file
}

/// The chairs between which a live gap note is due within the next beat, if one is.
fn call_coming_up(app: &App) -> Option<Between> {
    let perf = app.world().resource::<Performance>();
    perf.score().cases().iter().find_map(|c| {
        c.steps.iter().find_map(|s| match (s.owner, s.status) {
            (Owner::Gap(Some(between)), StepStatus::Live)
                if (s.due.0 - perf.beat()).abs() < 1.0 =>
            {
                Some(between)
            }
            _ => None,
        })
    })
}

#[test]
fn a_call_between_two_chairs_lights_exactly_those_two_musicians() {
    let file = one_call_file();
    let mut app = app(file.to_str().unwrap(), true, 20);
    assert!(run_until(&mut app, 2_000, |a| screen(a) == Screen::Playing));
    assert!(
        run_until(&mut app, 20_000, |a| call_coming_up(a).is_some()),
        "a call between two chairs came up"
    );
    let between = call_coming_up(&app).expect("the call is coming up");
    let mut lights = app.world_mut().query::<(&ChairLight, &Sprite)>();
    let lit: Vec<usize> = lights
        .iter(app.world())
        .filter(|(_, s)| s.color.alpha() > 0.1)
        .map(|(l, _)| l.0.0)
        .collect();
    let mut expected = vec![between.a.0, between.b.0];
    expected.sort_unstable();
    let mut lit_sorted = lit.clone();
    lit_sorted.sort_unstable();
    assert_eq!(lit_sorted, expected, "only the two chairs are lit");
    assert_eq!(expected, [1, 2], "b and c");
}

#[test]
fn a_press_with_no_note_to_play_is_a_stray_marked_on_stage() {
    use super::app::press;
    let mut app = app("levels/01-own-part.en.ron", false, 10);
    seat_a_and_play(&mut app);
    // The first customer's note is due bars later: this press matches nothing.
    press(&mut app, KeyCode::KeyA);
    let perf = app.world().resource::<Performance>();
    let strays = perf
        .events()
        .iter()
        .filter(|e| matches!(e.kind, tutti::sim::EventKind::Stray { .. }))
        .count();
    assert_eq!(strays, 1, "the simulation counted the stray");
    let mut marks = app
        .world_mut()
        .query::<&tutti::game::stage::feedback::StrayMark>();
    assert_eq!(marks.iter(app.world()).count(), 1, "and it shows on stage");
}

#[test]
fn a_lost_customer_makes_the_phone_ring_at_their_seat() {
    let mut app = app("levels/04-the-call-nobody-makes.en.ron", true, 50);
    let lost = |a: &App| {
        a.world()
            .resource::<Performance>()
            .events()
            .iter()
            .any(|e| matches!(e.kind, tutti::sim::EventKind::Lost { .. }))
    };
    assert!(run_until(&mut app, 20_000, lost), "a customer gave up");
    // Its customer leaves the seat while the phone rings there.
    let mut seats = app
        .world_mut()
        .query::<&tutti::game::stage::audience::AudienceSeat>();
    assert!(
        seats.iter(app.world()).any(|s| matches!(
            s.customer,
            Some((_, tutti::game::stage::audience::Mood::Leaving))
        )),
        "the seat rings"
    );
    let captions = app
        .world()
        .resource::<tutti::game::stage::feedback::CaptionLog>();
    assert!(
        captions
            .0
            .iter()
            .any(|c| c.starts_with("☎ the phone rings")),
        "{:?}",
        captions.0
    );
}

#[test]
fn pausing_and_resuming_keeps_the_stage_as_it_was() {
    use super::app::press;
    let mut app = app("levels/00-mandag-i-kundeservice.da.ron", true, 20);
    let notes = |a: &mut App| {
        let mut q = a
            .world_mut()
            .query_filtered::<Entity, With<tutti::game::stage::notes::NoteMark>>();
        let mut v: Vec<Entity> = q.iter(a.world()).collect();
        v.sort();
        v
    };
    assert!(run_until(&mut app, 20_000, |a| {
        a.world().resource::<Performance>().score().cases().len() >= 2
    }));
    let before = notes(&mut app);
    assert!(!before.is_empty());
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Paused);
    assert_eq!(
        notes(&mut app),
        before,
        "the notes stay under the pause overlay"
    );
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Playing);
    let after = notes(&mut app);
    assert!(
        before.iter().filter(|e| after.contains(e)).count() >= before.len() / 2,
        "the same notes play on (not despawned and spawned again)"
    );
}

#[test]
fn a_department_on_enter_takes_its_seat_without_starting_the_piece() {
    use super::app::press;
    let src = super::support::BASE
        .replace("ARRIVALS", "(bar: 1, case: \"ab\")")
        .replace("EXTRA", "")
        .replace(
            "Department(id: \"a\")",
            "Department(id: \"a\", key: \"Enter\")",
        );
    let dir = std::env::temp_dir().join(format!("tutti-enter-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("enter.ron");
    std::fs::write(&file, src).unwrap();
    let mut app = app(file.to_str().unwrap(), false, 10);
    assert_eq!(screen(&app), Screen::Lobby);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        screen(&app),
        Screen::Lobby,
        "Enter is department a's key here"
    );
    assert!(super::app::seated(&app)[0], "it took a's seat");
}

#[test]
fn a_press_in_the_beat_before_a_note_shows_too_early_and_the_note_falls() {
    use super::app::press;
    use tutti::scenario::DeptId;
    let mut app = app("levels/02-pass-the-baton.en.ron", false, 10);
    seat_a_and_play(&mut app);
    // Wait until one of Customer service's own notes is live and half a beat or so away.
    let note_ahead = |a: &App| {
        let perf = a.world().resource::<Performance>();
        let now = perf.beat();
        perf.score().cases().iter().any(|c| {
            c.steps.get(c.current).is_some_and(|s| {
                s.owner == Owner::Dept(DeptId(0))
                    && s.status == StepStatus::Live
                    && (0.4..0.8).contains(&(s.due.0 - now))
            })
        })
    };
    assert!(
        run_until(&mut app, 20_000, note_ahead),
        "a note of A coming up"
    );
    press(&mut app, KeyCode::KeyA);
    let perf = app.world().resource::<Performance>();
    let kinds: Vec<&str> = perf
        .events()
        .iter()
        .filter_map(|e| match e.kind {
            tutti::sim::EventKind::TooEarly { .. } => Some("too early"),
            tutti::sim::EventKind::Dropped { .. } => Some("dropped"),
            _ => None,
        })
        .collect();
    assert_eq!(kinds, ["too early", "dropped"]);
    app.update();
    let mut texts = app.world_mut().query::<&Text2d>();
    assert!(
        texts.iter(app.world()).any(|t| t.0 == "Too early"),
        "“Too early” by the staff"
    );
    let captions = app
        .world()
        .resource::<tutti::game::stage::feedback::CaptionLog>();
    assert!(
        captions
            .0
            .iter()
            .any(|c| c == "♪ Customer service pressed too early — the note is missed"),
        "{:?}",
        captions.0
    );
}

/// Takes the first seat (key A) in the lobby, starts from the briefing and waits to play.
pub(crate) fn seat_a_and_play(app: &mut App) {
    use super::app::press;
    press(app, KeyCode::KeyA);
    press(app, KeyCode::Enter);
    press(app, KeyCode::Enter);
    assert!(run_until(app, 2_000, |a| screen(a) == Screen::Playing));
}
