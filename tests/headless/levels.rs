//! The campaign: every level passes `check`, and the example teaches the lesson.

use tutti::headless::simulate_once;
use tutti::scenario::load_file;

fn level_files() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir("levels")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_level_passes_check() {
    let files = level_files();
    assert!(
        files.len() >= 16,
        "seven levels and the reference story in two languages: {files:?}"
    );
    for f in files {
        if let Err(e) = load_file(&f) {
            panic!("{e}");
        }
    }
}

#[test]
fn the_campaign_has_seven_levels_in_danish_and_english() {
    let files = level_files();
    for n in 0..=7 {
        for (lang, want) in [("da", "da"), ("en", "en")] {
            let f = files
                .iter()
                .find(|f| {
                    let name = f.file_name().unwrap().to_string_lossy();
                    name.starts_with(&format!("0{n}-")) && name.ends_with(&format!(".{lang}.ron"))
                })
                .unwrap_or_else(|| panic!("level {n} in {lang}"));
            assert_eq!(load_file(f).unwrap().language, want, "{}", f.display());
        }
    }
}

#[test]
fn the_shared_example_loads_unchanged() {
    // The original lives beside the clone (CI has it at ../shared): compared, never skipped.
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/examples/scenario-example.ron"
    );
    let shared = std::fs::read_to_string(example).unwrap_or_else(|e| {
        panic!("{example}: {e}; the shared example must sit beside the clone, in ../shared")
    });
    // The loader accepts the example unchanged.
    let shared = match tutti::scenario::load_str(example, &shared) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    // Level 0 is the example's story, staves, colleagues and questions, with calmer numbers (so
    // that a room playing only its own part sees the end: `tutti check` warns of the example's)
    // and home practice's lines added.
    let level = load_file("levels/00-mandag-i-kundeservice.da.ron".as_ref()).unwrap();
    assert!(!level.goals.is_empty() && !level.lesson.is_empty() && !level.reflection.is_empty());
    assert_ne!(level.audience, shared.audience, "the numbers were tuned");
    let mut story = level.clone();
    story.audience = shared.audience.clone();
    story.arrivals = shared.arrivals.clone();
    story.goals = shared.goals.clone();
    story.lesson = shared.lesson.clone();
    story.reflection = shared.reflection.clone();
    assert_eq!(story, shared, "level 0 tells the shared example's story");
    use tutti::scenario::Arrivals::Random;
    let (
        Random {
            from_bar: a,
            until_bar: b,
            ..
        },
        Random {
            from_bar: c,
            until_bar: d,
            ..
        },
    ) = (&level.arrivals, &shared.arrivals)
    else {
        panic!("both bring customers at random");
    };
    assert_eq!((a, b), (c, d), "in the same bars");
}

/// Every chapter has a line on what it teaches, one to three goals and a reflection question, in
/// both languages, and the two versions set the same goals.
#[test]
fn every_chapter_teaches_one_thing_with_goals_and_a_question_in_both_languages() {
    for c in tutti::game::catalog::CHAPTERS {
        let load = |f: &str| load_file(format!("levels/{f}").as_ref()).unwrap();
        let (da, en) = (load(c.da), load(c.en));
        assert_eq!((da.language.as_str(), en.language.as_str()), ("da", "en"));
        for s in [&da, &en] {
            assert!(
                !s.lesson.is_empty() && !s.reflection.is_empty(),
                "{}",
                s.title
            );
            assert!((1..=3).contains(&s.goals.len()), "{}", s.title);
        }
        assert_eq!(da.goals, en.goals, "chapter {}", c.number);
    }
}

/// The solo level: a player who takes every call anywhere meets every goal; one who only plays
/// their own part meets none, because the colleagues never follow up.
#[test]
fn owning_the_whole_case_alone_is_what_answers_the_customers() {
    use tutti::scenario::DeptId;
    use tutti::sim::{Players, Seat, Strategy, judge_goals};
    let s = load_file("levels/07-the-whole-case.en.ron".as_ref()).unwrap();
    assert_eq!(s.departments[0].reach, tutti::scenario::Reach::Anywhere);
    assert!(
        s.colleagues[1..]
            .iter()
            .all(|c| c.initiative == 0.0 && c.follow_up == 0.0)
    );
    for seed in 0..10 {
        let goals = |strategy| {
            let seat = [Seat::new(DeptId(0), strategy)];
            let d = tutti::headless::simulate_seated(&s, seed, &seat);
            judge_goals(&s.goals, &d, Players(&[DeptId(0)]))
        };
        assert!(
            goals(Strategy::Attentive).iter().all(|(_, met)| *met),
            "seed {seed}"
        );
        assert!(
            goals(Strategy::Own).iter().all(|(_, met)| !*met),
            "seed {seed}"
        );
    }
}

/// The lesson: colleagues who never take initiative nor follow up leave many more customers
/// solved but never answered than colleagues who always do.
#[test]
fn following_cases_to_the_door_answers_the_customers() {
    let base = load_file("levels/00-mandag-i-kundeservice.da.ron".as_ref()).unwrap();
    let with = |initiative: f64, follow_up: f64| {
        let mut s = base.clone();
        for c in &mut s.colleagues {
            c.initiative = initiative;
            c.follow_up = follow_up;
        }
        (0..50)
            .map(|seed| simulate_once(&s, seed).solved_but_unanswered)
            .sum::<u32>()
    };
    let nobody = with(0.0, 0.0);
    let everybody = with(1.0, 1.0);
    assert!(
        nobody >= 20,
        "without initiative many calls are never made: {nobody}"
    );
    assert!(nobody >= 4 * everybody.max(1), "{nobody} vs {everybody}");
}
