//! Small scenarios and helpers shared by the tests.

use tutti::scenario::{DeptId, Scenario, load_str};
use tutti::sim::{Beat, Event, EventKind, Press, Sim, SimBuilder};

/// 60 BPM so one beat is one second; four departments a–d; lead 4 beats, gap 1 beat.
/// A case arriving at bar 1 has its first note due at beat 4, its second at beat 6.
pub const BASE: &str = r#"Scenario(
    title: "test",
    tempo_bpm: 60,
    beats_per_bar: 4,
    length_bars: 8,
    lead_beats: 4,
    handoff_gap_beats: 1,
    rescue_bars: 2,
    departments: [
        Department(id: "a"), Department(id: "b"), Department(id: "c"), Department(id: "d"),
    ],
    cases: [
        Case(id: "ab", patience_bars: 100, steps: [Note(by: "a"), Note(by: "b")]),
        Case(id: "gap", patience_bars: 100, steps: [Note(by: "a"), Gap(between: ("b", "c"), label: "call back")]),
        Case(id: "any", patience_bars: 100, steps: [Note(by: "a"), Gap(label: "who?")]),
        Case(id: "one", patience_bars: 100, steps: [Note(by: "a")]),
        Case(id: "abc", patience_bars: 100, steps: [Note(by: "a"), Note(by: "b"), Note(by: "c")]),
        Case(id: "cgap", patience_bars: 100, steps: [Note(by: "c"), Gap(between: ("b", "c"))]),
        Case(id: "bnote", patience_bars: 100, steps: [Note(by: "b")]),
    ],
    arrivals: Scripted([ARRIVALS]),
    audience: Audience(start: 50, discord_penalty: 8, lost_penalty: 15, reply_reward: 6, harmony_bonus: 3, wait_drain: 0.5),
    timing: Timing(perfect_ms: 45, good_ms: 90, ok_ms: 150),
    EXTRA
)"#;

/// The base scenario with these scripted arrivals and extra top-level fields.
pub fn scenario(arrivals: &str, extra: &str) -> Scenario {
    let src = BASE.replace("ARRIVALS", arrivals).replace("EXTRA", extra);
    load_str("test.ron", &src).unwrap_or_else(|e| panic!("test scenario invalid:\n{e}"))
}

/// A performance with every department played by a person (no colleague plays).
pub fn all_human(s: &Scenario) -> Sim {
    let mut b = SimBuilder::new(s);
    for d in 0..s.departments.len() {
        b = b.human(DeptId(d));
    }
    b.build()
}

/// Runs `sim` to the end with presses at (beat, department).
pub fn run(sim: &mut Sim, presses: &[(f64, usize)]) -> Vec<Event> {
    let presses: Vec<Press> = presses
        .iter()
        .map(|&(t, d)| Press::new(Beat(t), DeptId(d)))
        .collect();
    let mut out = Vec::new();
    sim.advance(Beat(10_000.0), &presses, &mut out);
    out
}

/// The first event matching `f`.
pub fn find(events: &[Event], f: impl Fn(&EventKind) -> bool) -> Option<&Event> {
    events.iter().find(|e| f(&e.kind))
}

/// How many events match `f`.
pub fn count(events: &[Event], f: impl Fn(&EventKind) -> bool) -> usize {
    events.iter().filter(|e| f(&e.kind)).count()
}

/// The last audience value.
pub fn audience(events: &[Event]) -> Option<f64> {
    events.iter().rev().find_map(|e| match e.kind {
        EventKind::Audience { value, .. } => Some(value),
        _ => None,
    })
}
