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
        files.len() >= 13,
        "six levels in two languages and the example: {files:?}"
    );
    for f in files {
        if let Err(e) = load_file(&f) {
            panic!("{e}");
        }
    }
}

#[test]
fn the_campaign_has_six_levels_in_danish_and_english() {
    let files = level_files();
    for n in 1..=6 {
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
    let shipped = std::fs::read_to_string("levels/00-mandag-i-kundeservice.da.ron").unwrap();
    // The original lives beside the clone (CI has it at ../shared): compared, never skipped.
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/examples/scenario-example.ron"
    );
    let shared = std::fs::read_to_string(example).unwrap_or_else(|e| {
        panic!("{example}: {e}; the shared example must sit beside the clone, in ../shared")
    });
    assert_eq!(shipped, shared, "levels/ holds an unchanged copy");
    let s = load_file("levels/00-mandag-i-kundeservice.da.ron".as_ref()).unwrap();
    assert_eq!(s.title, "Mandag i kundeservice");
    assert_eq!(s.departments.len(), 4);
    assert_eq!(s.cases.len(), 3);
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
