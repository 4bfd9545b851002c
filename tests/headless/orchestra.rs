//! The orchestra as the room sees it: musicians who play when their note sounds (the computer's
//! too), a busy colleague turned to another score in exactly its busy bars, a rescuer leaning
//! over, customers seated with their number, impatient, applauding or leaving with the phone
//! ringing, answers flying to them, and no text on the play screen under 18 px.

use std::collections::{BTreeMap, BTreeSet};

use bevy::prelude::*;
use tutti::game::performance::Performance;
use tutti::game::stage::audience::{Answer, AudienceSeat, Mood};
use tutti::game::stage::players::Musician;
use tutti::game::stage::{MIN_TEXT, StageText};
use tutti::sim::{EventKind, PlayKind};
use tutti::states::Screen;

use super::app::{app, screen};

const LEVEL_3: &str = "levels/03-busy-colleague.en.ron";
const LEVEL_4: &str = "levels/04-the-call-nobody-makes.en.ron";
const STRESS: &str = "benches/data/stress-16x2000.ron";

fn musicians(app: &mut App) -> Vec<Musician> {
    let mut q = app.world_mut().query::<&Musician>();
    q.iter(app.world()).cloned().collect()
}

fn seats(app: &mut App) -> Vec<AudienceSeat> {
    let mut q = app.world_mut().query::<&AudienceSeat>();
    q.iter(app.world()).copied().collect()
}

/// The events that happened in the last update.
fn new_events(app: &App, seen: &mut usize) -> Vec<EventKind> {
    let events = app.world().resource::<Performance>().events();
    let new = events[*seen..].iter().map(|e| e.kind.clone()).collect();
    *seen = events.len();
    new
}

#[test]
fn every_musician_plays_visibly_when_its_note_sounds_the_computers_too() {
    let mut app = app(LEVEL_4, true, 20);
    let (mut seen, mut played, mut moved) = (0, BTreeSet::new(), BTreeSet::new());
    for _ in 0..1_500 {
        app.update();
        for kind in new_events(&app, &mut seen) {
            if let EventKind::Played { dept, .. } = kind {
                played.insert(dept.0);
            }
        }
        for m in musicians(&mut app) {
            if m.playing > 0.5 {
                moved.insert(m.dept.0);
            }
        }
    }
    assert_eq!(played.len(), 4, "every chair played in 30 s");
    assert_eq!(moved, played, "and each was seen playing");
    let at_rest = musicians(&mut app);
    assert_eq!(at_rest.len(), 4, "one figure per chair");
}

#[test]
fn a_busy_colleague_turns_to_another_score_in_its_busy_bars_only() {
    let mut app = app(LEVEL_3, true, 25);
    let (mut busy_bars, mut free_bars) = (BTreeSet::new(), BTreeSet::new());
    while screen(&app) != Screen::Debrief && busy_bars.len() + free_bars.len() < 24 {
        app.update();
        let Some(perf) = app.world().get_resource::<Performance>() else {
            continue;
        };
        if perf.beat() < perf.start() {
            continue;
        }
        let bar = (perf.beat() / f64::from(perf.scenario().beats_per_bar)).floor() as u32 + 1;
        let it = perf.scenario().department_index("it").expect("IT plays");
        let turned = musicians(&mut app).iter().any(|m| m.dept == it && m.busy);
        let others = musicians(&mut app).iter().any(|m| m.dept != it && m.busy);
        assert!(!others, "only IT is ever busy (bar {bar})");
        assert_eq!(turned, (11..=18).contains(&bar), "bar {bar}");
        if turned {
            busy_bars.insert(bar);
        } else {
            free_bars.insert(bar);
        }
    }
    assert_eq!(busy_bars, (11..=18).collect(), "turned away for bars 11–18");
}

#[test]
fn a_rescuer_leans_over_to_the_chair_it_helps() {
    let mut app = app(LEVEL_4, true, 20);
    let mut seen = 0;
    let mut leaned = BTreeMap::new();
    for _ in 0..6_000 {
        app.update();
        let rescuers: Vec<usize> = new_events(&app, &mut seen)
            .into_iter()
            .filter_map(|k| match k {
                EventKind::Played {
                    dept,
                    kind: PlayKind::Rescue | PlayKind::Claim,
                    ..
                } => Some(dept.0),
                _ => None,
            })
            .collect();
        for m in musicians(&mut app) {
            if rescuers.contains(&m.dept.0) {
                leaned.insert(m.dept.0, (m.reaching, m.reach_side));
            }
        }
        if leaned.len() >= 2 || screen(&app) == Screen::Debrief {
            break;
        }
    }
    assert!(
        !leaned.is_empty(),
        "someone took a note beside another chair"
    );
    for (dept, (reaching, side)) in leaned {
        assert!(reaching > 0.9, "chair {dept} leans at once");
        assert!(side != 0.0, "chair {dept} leans towards the other chair");
    }
}

#[test]
fn customers_wait_with_their_number_applaud_their_answer_and_leave_when_lost() {
    let mut app = app(LEVEL_4, true, 20);
    let mut seen = 0;
    let (mut applauded, mut left, mut answered) = (false, false, false);
    for _ in 0..10_000 {
        app.update();
        let events = new_events(&app, &mut seen);
        let open: BTreeSet<u32> = {
            let perf = app.world().resource::<Performance>();
            perf.score().cases().iter().map(|c| c.id.0).collect()
        };
        let seated = seats(&mut app);
        // Every waiting customer has a seat of its own.
        let waiting: BTreeSet<u32> = seated
            .iter()
            .filter_map(|s| s.customer.map(|c| c.0))
            .collect();
        assert!(
            open.is_subset(&waiting),
            "open {open:?}, seated {waiting:?}"
        );
        for s in &seated {
            match s.customer.map(|c| c.1) {
                Some(Mood::Applauding) => applauded = true,
                Some(Mood::Leaving) => left = true,
                _ => {}
            }
        }
        if events
            .iter()
            .any(|e| matches!(e, EventKind::Completed { .. }))
        {
            let mut q = app.world_mut().query::<&Answer>();
            answered |= q.iter(app.world()).count() > 0;
        }
        if applauded && left && answered {
            break;
        }
    }
    assert!(
        answered,
        "a completed case sends its answer to its customer"
    );
    assert!(applauded, "an answered customer applauds");
    assert!(left, "a lost customer leaves");
}

/// The shared test scenario with one customer whose first note nobody plays and nobody picks up,
/// a bar's patience.
fn forgotten_customer_file() -> std::path::PathBuf {
    let nobody = "colleagues: [Colleague(department: \"a\", skill: 0.0, follow_up: 0.0), \
        Colleague(department: \"b\", follow_up: 0.0)],";
    let src = super::support::BASE
        .replace("ARRIVALS", "(bar: 1, case: \"abc\")")
        .replace(
            "Case(id: \"abc\", patience_bars: 100",
            "Case(id: \"abc\", patience_bars: 1",
        )
        .replace("EXTRA", nobody);
    let dir = std::env::temp_dir().join(format!("tutti-orchestra-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("forgotten.ron");
    std::fs::write(&file, src).unwrap();
    file
}

#[test]
fn a_waiting_customer_grows_impatient_then_angry() {
    let file = forgotten_customer_file();
    let mut app = app(file.to_str().unwrap(), true, 20);
    let mut moods = Vec::new();
    for _ in 0..1_500 {
        app.update();
        let mood = seats(&mut app).iter().find_map(|s| s.customer.map(|c| c.1));
        if let Some(m) = mood
            && moods.last() != Some(&m)
        {
            moods.push(m);
        }
        if moods.last() == Some(&Mood::Angry) {
            break;
        }
    }
    assert_eq!(moods, [Mood::Calm, Mood::Impatient, Mood::Angry]);
}

/// Every text on stage after `secs` of the piece, with its size at 1280×720.
fn stage_text_sizes(level: &str, secs: u32) -> Vec<f32> {
    let mut app = app(level, true, 20);
    for _ in 0..secs * 50 {
        app.update();
    }
    let mut q = app.world_mut().query::<&StageText>();
    q.iter(app.world()).map(|t| t.0).collect()
}

#[test]
fn no_text_on_the_play_screen_is_under_18_px_even_with_sixteen_chairs() {
    for level in [LEVEL_4, STRESS] {
        let sizes = stage_text_sizes(level, 25);
        assert!(sizes.len() > 20, "{level}: {} texts", sizes.len());
        let small: Vec<f32> = sizes.into_iter().filter(|s| *s < MIN_TEXT).collect();
        assert!(small.is_empty(), "{level}: texts set at {small:?}");
    }
}
