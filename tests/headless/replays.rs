//! Replays: kept, verified, refused when altered or damaged, and the campaign replays under
//! `tests/replays/` as regression tests (`TUTTI_BLESS=1 cargo test` records them again after an
//! intended change to the rules or the levels).

use std::path::{Path, PathBuf};

use tutti::rounds::replay::event_lines;
use tutti::rounds::{Replay, ReplayError};
use tutti::scenario::{DeptId, load_str};
use tutti::sim::{EventKind, Seat, Strategy, play_seated};

use crate::cli::tutti;

const REPLAYS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/replays");

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tutti-replays-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn campaign_replays() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(REPLAYS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "replay"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "the campaign replays are there");
    files
}

/// Records a replay again: the level's text as it is now, the same presses, the rules as they are.
fn bless(path: &Path, mut replay: Replay) {
    let level = Path::new("levels").join(&replay.scenario_name);
    replay.scenario = std::fs::read_to_string(&level).unwrap();
    let events = replay.reseal().unwrap();
    replay.save(path).unwrap();
    let lines = event_lines(&events).join("\n") + "\n";
    std::fs::write(path.with_extension("events"), lines).unwrap();
}

#[test]
fn the_campaign_replays_play_out_as_recorded() {
    let blessing = std::env::var_os("TUTTI_BLESS").is_some();
    for path in campaign_replays() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let replay = Replay::load(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        if blessing {
            bless(&path, replay);
            continue;
        }
        assert!(
            replay.setup.seats.iter().any(|s| s.who.is_person()),
            "{name}: a replay with persons' presses"
        );
        let level = std::fs::read_to_string(Path::new("levels").join(&replay.scenario_name));
        assert_eq!(
            level.unwrap(),
            replay.scenario,
            "{name}: its level was edited since it was recorded; if that was meant, record the \
             replays again with TUTTI_BLESS=1 cargo test"
        );
        let scenario = replay.load_scenario().unwrap();
        let now = event_lines(&replay.simulate(&scenario));
        let recorded = std::fs::read_to_string(path.with_extension("events")).unwrap();
        let was: Vec<&str> = recorded.lines().collect();
        if let Some(i) = (0..now.len().max(was.len()))
            .find(|&i| now.get(i).map(String::as_str) != was.get(i).copied())
        {
            panic!(
                "{name}: the performance turns out differently from event {} on:\n  recorded: {}\n  now:      {}\n{}\n(if the change was meant, record the replays again with TUTTI_BLESS=1 cargo test)",
                i + 1,
                was.get(i).unwrap_or(&"(nothing)"),
                now.get(i).map_or("(nothing)", String::as_str),
                replay
                    .verify()
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default()
            );
        }
        replay.verify().unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

fn sample_replay(name: &str) -> (PathBuf, String) {
    let dir = temp_dir(name);
    let path = dir.join("round.replay");
    let (code, _, err) = tutti(&[
        "simulate",
        "levels/04-the-call-nobody-makes.en.ron",
        "--seat",
        "service=attentive",
        "--replay-out",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

#[test]
fn a_simulated_round_kept_as_a_replay_verifies() {
    let (path, _) = sample_replay("sample1");
    let (code, out, err) = tutti(&["replay", path.to_str().unwrap(), "--verify"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(": ok (The call nobody makes, seed 404"),
        "{out}"
    );
}

fn verify_text(name: &str, text: &str) -> (i32, String) {
    let path = temp_dir(name).join(name);
    std::fs::write(&path, text).unwrap();
    let (code, _, err) = tutti(&["replay", path.to_str().unwrap(), "--verify"]);
    (code, err)
}

#[test]
fn an_altered_replay_fails_and_says_what_differs() {
    let (_, text) = sample_replay("sample2");
    let (code, err) = verify_text(
        "text.replay",
        &text.replacen("initiative: 0.", "initiative: 0.0", 1),
    );
    assert_eq!(code, 1);
    assert!(err.contains("the scenario's text was changed"), "{err}");

    let (code, err) = verify_text(
        "setup.replay",
        &text.replacen("\n    seed: 404,", "\n    seed: 405,", 1),
    );
    assert_eq!(code, 1);
    assert!(err.contains("the setup"), "{err}");
    assert!(err.contains("turns out differently"), "{err}");
    assert!(err.contains("recorded: case"), "which case: {err}");

    let first_press = text.find("dept: 0)").expect("a press by service");
    let mut moved = text.clone();
    moved.replace_range(first_press..first_press + 8, "dept: 1)");
    let (code, err) = verify_text("presses.replay", &moved);
    assert_eq!(code, 1);
    assert!(err.contains("the presses"), "{err}");
}

#[test]
fn a_damaged_foreign_or_newer_replay_gets_a_clear_message_not_a_panic() {
    let (_, text) = sample_replay("sample3");
    let (code, err) = verify_text("cut.replay", &text[..text.len() / 2]);
    assert_eq!(code, 1);
    assert!(err.contains("damaged or cut short"), "{err}");

    let (code, err) = verify_text(
        "scenario.replay",
        &std::fs::read_to_string("levels/01-own-part.en.ron").unwrap(),
    );
    assert_eq!(code, 1);
    assert!(err.contains("not a Tutti replay"), "{err}");

    let (code, err) = verify_text("binary.replay", "\u{0}\u{1}PNG");
    assert_eq!(code, 1);
    assert!(err.contains("not a Tutti replay"), "{err}");

    let (code, err) = verify_text(
        "newer.replay",
        &text.replacen("format: 1,", "format: 7,", 1),
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("replay format 7") && err.contains("update Tutti"),
        "{err}"
    );

    let (code, err) = verify_text("empty.replay", "");
    assert_eq!(code, 1);
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn replays_of_different_rounds_compare_side_by_side_with_the_simulate_json_keys() {
    let (a, _) = sample_replay("sample4");
    let b = temp_dir("compare").join("b.replay");
    let (code, _, _) = tutti(&[
        "simulate",
        "levels/02-pass-the-baton.en.ron",
        "--seed",
        "9",
        "--replay-out",
        b.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let (code, out, err) = tutti(&["compare", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].contains("The call nobody makes") && lines[0].contains("Pass the baton"),
        "{out}"
    );
    assert!(
        lines[1].contains("seed 404") && lines[1].contains("seed 9"),
        "{out}"
    );
    for row in [
        "solved but never answered",
        "lost",
        "answered",
        "double work",
        "strays",
        "rescues",
        "chances taken",
        "audience, final",
        "audience, lowest",
    ] {
        assert!(out.lines().any(|l| l.starts_with(row)), "row {row}: {out}");
    }

    let (code, json, _) = tutti(&[
        "compare",
        "--json",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let (_, simulated, _) = tutti(&[
        "simulate",
        "levels/02-pass-the-baton.en.ron",
        "--seed",
        "9",
        "--json",
    ]);
    assert_eq!(json.lines().count(), 2);
    assert_eq!(
        json.lines().nth(1).unwrap(),
        simulated.trim(),
        "the same keys and figures as simulate --json"
    );
}

/// The colleagues' luck on a note does not shift with what the people did before: the same seed
/// is a fair second round.
#[test]
fn a_colleague_decides_the_same_on_the_same_note_whatever_the_people_did() {
    let text = std::fs::read_to_string("levels/02-pass-the-baton.en.ron").unwrap();
    let s = load_str("02.ron", &text).unwrap();
    let quiet = play_seated(&s, 11, &[Seat::new(DeptId(0), Strategy::Silent)]);
    let busy = play_seated(&s, 11, &[Seat::new(DeptId(0), Strategy::Masher)]);
    let (a, b) = (colleague_timing(&quiet), colleague_timing(&busy));
    let both: Vec<_> = a.iter().filter(|(k, _)| b.contains_key(k)).collect();
    assert!(
        both.len() > 10,
        "many notes played by colleagues in both rounds"
    );
    for (note, offset) in both {
        assert_eq!(
            Some(offset),
            b.get(note),
            "case {} step {}: the same timing",
            note.0,
            note.1
        );
    }
}

/// How far from its due beat each colleague played its own note, by (case, step), in
/// millionths of a beat.
fn colleague_timing(events: &[tutti::sim::Event]) -> std::collections::BTreeMap<(u32, usize), i64> {
    let mut dues: std::collections::BTreeMap<u32, Vec<f64>> = Default::default();
    let mut timing = std::collections::BTreeMap::new();
    for e in events {
        match &e.kind {
            EventKind::Arrived { case, dues: d, .. } | EventKind::Relaid { case, dues: d } => {
                dues.insert(case.0, d.iter().map(|b| b.0).collect());
            }
            EventKind::Played {
                case,
                step,
                dept,
                kind: tutti::sim::PlayKind::Own,
                ..
            } if *dept != DeptId(0) => {
                let due = dues[&case.0][*step];
                timing.insert((case.0, *step), ((e.at.0 - due) * 1e6).round() as i64);
            }
            _ => {}
        }
    }
    timing
}

/// A replay edited by hand into nonsense (a zero tempo, no timing windows, a press at the end of
/// time, a department that does not exist) is refused with a message, never a panic or a hang.
#[test]
fn a_hostile_replay_is_refused_with_a_message() {
    let (_, text) = sample_replay("hostile");
    let mut hostile = text
        .replacen("tempo_pct: 100", "tempo_pct: 0", 1)
        .replacen("window_scale: 1.0", "window_scale: NaN", 1)
        .replacen("dept: 0)", "dept: 99)", 1);
    // The first press, at the end of time.
    let opening = "presses: [(at: (";
    let from = hostile.find(opening).expect("a press") + opening.len();
    let to = from + hostile[from..].find(')').unwrap();
    hostile.replace_range(from..to, "1e300");
    let (code, err) = verify_text("hostile.replay", &hostile);
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains("does not verify") || err.contains("damaged"),
        "{err}"
    );
}

#[test]
fn an_unreadable_replay_is_an_error_not_a_panic() {
    let missing = Replay::load(Path::new("/nonexistent/round.replay"));
    assert!(matches!(missing, Err(ReplayError::Unreadable(_))));
}

/// A tempo change before anything has run (in the count-in of a practice loop whose first bar
/// brings a customer) is replayed before the first bar too: the same events.
#[test]
fn an_input_applied_before_the_first_bar_is_replayed_before_it() {
    let text = std::fs::read_to_string("levels/01-own-part.en.ron").unwrap();
    let s = load_str("01.ron", &text).unwrap();
    let build = || {
        tutti::sim::SimBuilder::new(&s)
            .bars(tutti::scenario::BarRange::new(5, 8))
            .human(DeptId(0))
            .build()
    };
    let mut live = build();
    live.set_tempo_scale(0.5);
    let events = live.run_to_end();
    assert!(
        events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Dropped { .. })),
        "nobody plays: the notes drop when their windows close"
    );
    let mut again = build();
    let mut replayed = Vec::new();
    again.replay(live.inputs(), live.now(), &mut replayed);
    assert_eq!(replayed, events);
}
