//! A phone's seat in the simulation: its presses may arrive up to its network allowance late and
//! are judged by their stamps; its own notes drop only after their window plus the allowance.
//! Keys and pads (no allowance) are judged at once, as before.

use tutti::scenario::DeptId;
use tutti::sim::{Beat, Event, EventKind, Millis, PlayKind, Press, Sim, SimBuilder, SimInput};

use crate::support::{all_human, count, find, scenario};

/// Case "one" arrives at bar 1: department a's note is due at beat 4 (60 BPM, ok window 150 ms).
fn one_note(allowance_ms: f64) -> Sim {
    let mut sim = all_human(&scenario(r#"(bar: 1, case: "one")"#, ""));
    sim.set_allowance(DeptId(0), Millis(allowance_ms));
    sim
}

fn played(events: &[Event]) -> Option<Beat> {
    find(events, |k| {
        matches!(
            k,
            EventKind::Played {
                dept: DeptId(0),
                ..
            }
        )
    })
    .map(|e| e.at)
}

#[test]
fn a_phone_press_arriving_late_is_judged_by_its_stamp() {
    let mut sim = one_note(200.0);
    let mut out = Vec::new();
    // The key's window closed at 4.15; the press made at 4.05 arrives at 4.2.
    sim.advance(Beat(4.2), &[], &mut out);
    assert_eq!(count(&out, |k| matches!(k, EventKind::Dropped { .. })), 0);
    sim.advance(Beat(4.22), &[Press::new(Beat(4.05), DeptId(0))], &mut out);
    sim.advance(Beat(20.0), &[], &mut out);
    assert_eq!(played(&out), Some(Beat(4.05)));
    assert_eq!(count(&out, |k| matches!(k, EventKind::Stray { .. })), 0);
    assert_eq!(count(&out, |k| matches!(k, EventKind::Dropped { .. })), 0);
}

#[test]
fn a_key_press_that_late_is_too_late() {
    let mut sim = one_note(0.0);
    let mut out = Vec::new();
    sim.advance(Beat(4.3), &[], &mut out);
    sim.advance(Beat(4.32), &[Press::new(Beat(4.05), DeptId(0))], &mut out);
    assert_eq!(played(&out), None);
    assert_eq!(count(&out, |k| matches!(k, EventKind::Dropped { .. })), 1);
    let stray = find(&out, |k| matches!(k, EventKind::Stray { .. })).unwrap();
    assert_eq!(stray.at, Beat(4.3), "an early stamp counts as now");
}

#[test]
fn a_phone_seat_drops_only_after_its_allowance() {
    let mut sim = one_note(200.0);
    let mut out = Vec::new();
    sim.advance(Beat(20.0), &[], &mut out);
    let drop = find(&out, |k| matches!(k, EventKind::Dropped { .. })).unwrap();
    assert!((drop.at.0 - 4.35).abs() < 1e-9, "{:?}", drop.at);
}

#[test]
fn a_stamp_older_than_the_allowance_counts_from_the_allowance() {
    let mut sim = one_note(200.0);
    let mut out = Vec::new();
    sim.advance(Beat(6.0), &[], &mut out);
    sim.advance(Beat(6.1), &[Press::new(Beat(4.05), DeptId(0))], &mut out);
    let stray = find(&out, |k| matches!(k, EventKind::Stray { .. })).unwrap();
    assert!((stray.at.0 - 5.8).abs() < 1e-9, "{:?}", stray.at);
}

#[test]
fn late_phone_presses_replay_to_the_same_events() {
    let s = scenario(
        r#"(bar: 1, case: "abc"), (bar: 2, case: "ab"), (bar: 3, case: "one")"#,
        "",
    );
    let mut sim = SimBuilder::new(&s)
        .human(DeptId(0))
        .human(DeptId(1))
        .build();
    sim.set_allowance(DeptId(0), Millis(200.0));
    let mut out = Vec::new();
    // Presses of a arrive 120 ms after they were made; b is a key, judged at once.
    let presses = [(4.02, 0), (6.0, 1), (8.1, 0), (10.0, 1), (12.05, 0)];
    for &(t, d) in &presses {
        let arrives = if d == 0 { t + 0.12 } else { t };
        sim.advance(Beat(arrives), &[Press::new(Beat(t), DeptId(d))], &mut out);
    }
    sim.advance(Beat(60.0), &[], &mut out);
    assert_eq!(count(&out, |k| matches!(k, EventKind::Stray { .. })), 0);
    assert!(out.iter().any(|e| e.at == Beat(4.02)));
    let inputs = sim.inputs().to_vec();
    assert!(matches!(inputs[0], SimInput::Allowance { ms: 200.0, .. }));
    let text = serde_json::to_string(&inputs).unwrap();
    let back: Vec<SimInput> = serde_json::from_str(&text).unwrap();
    let mut again = SimBuilder::new(&s)
        .human(DeptId(0))
        .human(DeptId(1))
        .build();
    let mut replayed = Vec::new();
    again.replay(&back, sim.now(), &mut replayed);
    assert_eq!(out, replayed);
}

#[test]
fn the_allowance_is_bounded() {
    let mut sim = one_note(10_000.0);
    assert_eq!(sim.allowance(DeptId(0)), Millis(500.0));
    sim.set_allowance(DeptId(0), Millis(f64::NAN));
    assert_eq!(sim.allowance(DeptId(0)), Millis(0.0));
    sim.set_allowance(DeptId(9), Millis(100.0));
}

fn plays(events: &[Event], dept: usize, kind: PlayKind) -> Option<Beat> {
    find(events, |k| {
        matches!(k, EventKind::Played { dept: d, kind: pk, .. } if *d == DeptId(dept) && *pk == kind)
    })
    .map(|e| e.at)
}

/// A call between b and c is due at beat 6 (window to 6.15). b's phone taps at 6.05 and the tap
/// arrives at 6.25: the call waits for it and b made it, by its stamp.
#[test]
fn a_phones_late_tap_still_makes_the_call_between_the_chairs() {
    let s = scenario(r#"(bar: 1, case: "gap")"#, "");
    let mut sim = all_human(&s);
    sim.set_allowance(DeptId(1), Millis(200.0));
    let mut out = Vec::new();
    sim.advance(Beat(4.0), &[Press::new(Beat(4.0), DeptId(0))], &mut out);
    sim.advance(Beat(6.25), &[], &mut out);
    assert_eq!(count(&out, |k| matches!(k, EventKind::Dropped { .. })), 0);
    sim.advance(Beat(6.26), &[Press::new(Beat(6.05), DeptId(1))], &mut out);
    sim.advance(Beat(40.0), &[], &mut out);
    assert_eq!(plays(&out, 1, PlayKind::Claim), Some(Beat(6.05)));
    assert_eq!(count(&out, |k| matches!(k, EventKind::Stray { .. })), 0);
    assert_eq!(count(&out, |k| matches!(k, EventKind::Dropped { .. })), 0);
}

/// a's note dropped at beat 4 comes back at 8 and 12 (the last chance, window to 12.15). b's
/// phone picks it up at 12.1 and the tap arrives at 12.28: the case is rescued, not lost.
#[test]
fn a_phones_late_tap_still_picks_up_the_last_chance() {
    let s = scenario(r#"(bar: 1, case: "one")"#, "");
    let mut sim = all_human(&s);
    sim.set_allowance(DeptId(1), Millis(200.0));
    let mut out = Vec::new();
    sim.advance(Beat(12.28), &[], &mut out);
    assert_eq!(count(&out, |k| matches!(k, EventKind::Dropped { .. })), 1);
    assert_eq!(count(&out, |k| matches!(k, EventKind::Lost { .. })), 0);
    sim.advance(Beat(12.29), &[Press::new(Beat(12.1), DeptId(1))], &mut out);
    sim.advance(Beat(40.0), &[], &mut out);
    assert_eq!(plays(&out, 1, PlayKind::Rescue), Some(Beat(12.1)));
    assert_eq!(count(&out, |k| matches!(k, EventKind::Lost { .. })), 0);
    assert_eq!(count(&out, |k| matches!(k, EventKind::Stray { .. })), 0);
}
