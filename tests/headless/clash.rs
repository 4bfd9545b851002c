//! No clashes: a staff never has two notes due on one beat. A note whose beat is taken moves,
//! with the rest of its phrase, to the next free beat; `tutti check` warns of scripted arrivals
//! that would clash.

use tutti::scenario::{DeptId, Owner, load_file};
use tutti::sim::{Beat, EventKind, Score, SimBuilder, StepStatus, play_seated};

use crate::cli::tutti;

const CLASH: &str = "tests/scenarios/kommune-clash.da.ron";

#[test]
fn check_warns_of_scripted_arrivals_that_would_clash_and_still_says_ok() {
    let (code, out, err) = tutti(&["check", CLASH]);
    assert_eq!(code, 0, "a warning, not an error: {err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], format!("{CLASH}: ok"));
    assert_eq!(lines.len(), 2, "one clash: {out}");
    let w = lines[1];
    assert!(
        w.starts_with(&format!("{CLASH}: warning: Borgerservice (borger)")),
        "{w}"
    );
    assert!(w.contains("bar 6, beat 1"), "{w}");
    assert!(
        w.contains("“Kan ikke logge ind” (arriving in bar 3)"),
        "{w}"
    );
    assert!(w.contains("“Byggetilladelse” (arriving in bar 4)"), "{w}");
}

#[test]
fn the_campaign_and_the_example_never_clash_as_written() {
    let mut files: Vec<String> = std::fs::read_dir("levels")
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    files.push("../shared/examples/scenario-example.ron".into());
    for f in files {
        let (code, out, _) = tutti(&["check", &f]);
        assert_eq!(code, 0);
        // Only the teaching warnings `rooms.rs` keeps a list of.
        let others: Vec<&str> = out
            .lines()
            .skip(1)
            .filter(|l| crate::rooms::teaching_kind(l).is_none())
            .collect();
        assert!(others.is_empty(), "{out}");
        assert!(!out.contains("two notes due"), "{out}");
    }
}

#[test]
fn the_note_that_would_clash_moves_to_the_next_free_beat_with_the_rest_of_its_phrase() {
    let s = load_file(std::path::Path::new(CLASH)).unwrap();
    let events = SimBuilder::new(&s).build().run_to_end();
    let dues: Vec<Vec<Beat>> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Arrived { dues, .. } => Some(dues.clone()),
            _ => None,
        })
        .collect();
    // Login from bar 3 (beat 8): Borgerservice 12, IT 14, Borgerservice 20.
    assert_eq!(dues[0], [Beat(12.0), Beat(14.0), Beat(20.0)]);
    // The permit from bar 4 (beat 12): Byggesag 16; Borgerservice would be at 20, taken: 21;
    // the letter follows from there.
    assert_eq!(dues[1], [Beat(16.0), Beat(21.0), Beat(23.0)]);
}

/// However people play (a masher, a silent seat) and whatever arrives at random, no staff ever
/// has two notes still to play due on one beat, after rescues too.
#[test]
fn no_staff_ever_has_two_notes_due_on_one_beat() {
    for file in [
        "levels/06-full-orchestra.en.ron",
        "levels/00-mandag-i-kundeservice.da.ron",
        CLASH,
    ] {
        let s = load_file(std::path::Path::new(file)).unwrap();
        for seed in 1..=8 {
            let seats = [tutti::sim::Seat::new(
                DeptId(0),
                tutti::sim::Strategy::Masher,
            )];
            let events = play_seated(&s, seed, if seed % 2 == 0 { &seats } else { &[] });
            let mut score = Score::new(&s);
            for e in &events {
                score.apply(e);
                assert_no_clash(&score, file, seed, e.at);
            }
        }
    }
}

fn assert_no_clash(score: &Score, file: &str, seed: u64, at: Beat) {
    let mut taken: Vec<(DeptId, i64)> = Vec::new();
    for c in score.cases() {
        for step in &c.steps {
            if let (Owner::Dept(d), StepStatus::Pending | StepStatus::Live) =
                (step.owner, step.status)
            {
                let key = (d, (step.due.0 * 1000.0).round() as i64);
                assert!(
                    !taken.contains(&key),
                    "{file} seed {seed} at beat {}: two notes of {d:?} due at {}",
                    at.0,
                    step.due.0
                );
                taken.push(key);
            }
        }
    }
}
