//! The lesson holds in every scenario, by rule (docs/rules.md §6): over files nobody tuned — every
//! shipped level with a gap note, `tutti new`'s output and generated scenarios — pressing on
//! every beat ends far below listening, and below the colleagues; playing only one's own part
//! leaves more calls solved but never answered than listening does.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tutti::headless::simulate_seated;
use tutti::scenario::{DeptId, Owner, Scenario, load_file, load_str, starter::starter};
use tutti::sim::{Debrief, Seat, Strategy};

/// Seeds 1–20, as `simulate --seed 1 --runs 20`.
const SEEDS: std::ops::RangeInclusive<u64> = 1..=20;

/// How far below attentive the masher must end, in audience points.
const MARGIN: f64 = 30.0;

/// The two departments of the first gap note that names its chairs; for a gap note anyone may
/// take, the first two departments. `None` without a gap note.
fn gap_pair(s: &Scenario) -> Option<[DeptId; 2]> {
    let gaps: Vec<Owner> = s
        .cases
        .iter()
        .flat_map(|c| c.steps.iter().map(|st| st.owner))
        .filter(|o| matches!(o, Owner::Gap(_)))
        .collect();
    let named = gaps.iter().find_map(|o| match o {
        Owner::Gap(Some(b)) => Some([b.a, b.b]),
        _ => None,
    });
    named
        .or_else(|| (!gaps.is_empty() && s.departments.len() > 1).then_some([DeptId(0), DeptId(1)]))
}

/// Whether some case ends with the only gap note in it, one the pair may take: a call that,
/// left to nobody, leaves the customer solved but never answered.
fn ends_between(s: &Scenario, pair: [DeptId; 2]) -> bool {
    s.cases.iter().any(|c| {
        let gaps = c
            .steps
            .iter()
            .filter(|st| matches!(st.owner, Owner::Gap(_)));
        let last = match c.steps.last().map(|st| st.owner) {
            Some(Owner::Gap(Some(b))) => b.includes(pair[0]) && b.includes(pair[1]),
            _ => false,
        };
        last && c.steps.len() >= 2 && gaps.count() == 1
    })
}

/// The mean of a figure over the seeds with the pair on `strategy` (`None`: their colleagues).
struct Room {
    audience: f64,
    unanswered: f64,
}

fn room(s: &Scenario, pair: [DeptId; 2], strategy: Option<Strategy>) -> Room {
    let seats: Vec<Seat> = strategy
        .map(|k| pair.iter().map(|&d| Seat::new(d, k)).collect())
        .unwrap_or_default();
    let runs: Vec<Debrief> = SEEDS.map(|seed| simulate_seated(s, seed, &seats)).collect();
    let n = runs.len() as f64;
    Room {
        audience: runs.iter().map(|d| d.audience_final).sum::<f64>() / n,
        unanswered: runs
            .iter()
            .map(|d| f64::from(d.solved_but_unanswered))
            .sum::<f64>()
            / n,
    }
}

/// The lesson on one scenario; `None` when it holds, else what went wrong.
fn lesson_fails(name: &str, s: &Scenario) -> Option<String> {
    let pair = gap_pair(s)?;
    let colleagues = room(s, pair, None);
    let own = room(s, pair, Some(Strategy::Own));
    let attentive = room(s, pair, Some(Strategy::Attentive));
    let masher = room(s, pair, Some(Strategy::Masher));
    let figures = format!(
        "{name} (seats {} and {}): colleagues {:.1}, own {:.1} ({:.2} unanswered), attentive \
         {:.1} ({:.2} unanswered), masher {:.1}",
        s.department(pair[0]).id,
        s.department(pair[1]).id,
        colleagues.audience,
        own.audience,
        own.unanswered,
        attentive.audience,
        attentive.unanswered,
        masher.audience
    );
    let mut wrong = Vec::new();
    if masher.audience > attentive.audience - MARGIN {
        wrong.push("masher within 30 of attentive");
    }
    if masher.audience >= colleagues.audience {
        wrong.push("masher not below the colleagues");
    }
    if ends_between(s, pair) && own.unanswered <= attentive.unanswered {
        wrong.push("own leaves no more calls unanswered than attentive");
    }
    (!wrong.is_empty()).then(|| format!("{figures}: {}", wrong.join("; ")))
}

/// Checks every scenario and reports all that fail at once.
fn assert_lesson(scenarios: &[(String, Scenario)]) {
    let failures: Vec<String> = scenarios
        .iter()
        .filter_map(|(name, s)| lesson_fails(name, s))
        .collect();
    assert!(
        failures.is_empty(),
        "the lesson fails:\n{}",
        failures.join("\n")
    );
}

#[test]
fn mashing_never_pays_on_the_shipped_levels() {
    let mut levels = Vec::new();
    for entry in std::fs::read_dir("levels").unwrap() {
        let path = entry.unwrap().path();
        let s = load_file(&path).unwrap();
        if gap_pair(&s).is_some() {
            levels.push((path.display().to_string(), s));
        }
    }
    assert!(
        levels.len() >= 10,
        "the levels with a gap note: {}",
        levels.len()
    );
    assert_lesson(&levels);
}

#[test]
fn mashing_never_pays_in_tutti_new_scenarios() {
    let mut files = Vec::new();
    for n in 2..=8 {
        for danish in [false, true] {
            let text = starter(danish, n);
            let s = load_str("new.ron", &text).unwrap();
            files.push((format!("tutti new, {n} departments, danish {danish}"), s));
        }
    }
    assert_lesson(&files);
}

#[test]
fn mashing_never_pays_in_generated_scenarios() {
    let files: Vec<(String, Scenario)> = (0..12)
        .map(|k| {
            let text = generated(k);
            let s = load_str("generated.ron", &text)
                .unwrap_or_else(|e| panic!("generated scenario {k} invalid:\n{e}\n{text}"));
            (format!("generated scenario {k}"), s)
        })
        .collect();
    assert_lesson(&files);
}

/// A scenario nobody tuned, drawn from `seed`: 2–7 departments, 2–5 cases of 1–6 steps with gap
/// notes between two departments or anyone's, a busy spell for some colleagues, and the
/// defaults for everything a facilitator would leave out (the audience's values among them).
fn generated(seed: u64) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let depts = rng.random_range(2..=7usize);
    let beats_per_bar = rng.random_range(2..=6u32);
    let length_bars = rng.random_range(16..=40u32);
    let mut t = format!(
        "Scenario(\n title: \"generated {seed}\",\n tempo_bpm: {},\n beats_per_bar: {beats_per_bar},\n \
         length_bars: {length_bars},\n lead_beats: {},\n handoff_gap_beats: {},\n departments: [\n",
        rng.random_range(60..=150u32),
        rng.random_range(2..=8u32),
        rng.random_range(0..=2u32),
    );
    for d in 0..depts {
        t.push_str(&format!("  Department(id: \"d{d}\"),\n"));
    }
    t.push_str(" ],\n cases: [\n");
    let cases = rng.random_range(2..=5usize);
    for c in 0..cases {
        let steps = rng.random_range(1..=6usize);
        let mut list = Vec::new();
        for k in 0..steps {
            let beats = rng.random_range(1..=2u32);
            // The first case is the call between two chairs: notes, then one gap note at its end.
            let gap = k > 0
                && if c == 0 {
                    k + 1 == steps
                } else {
                    rng.random_bool(0.25)
                };
            list.push(if gap && (c == 0 || rng.random_bool(0.8)) {
                let a = rng.random_range(0..depts);
                let b = (a + rng.random_range(1..depts)) % depts;
                format!("Gap(between: (\"d{a}\", \"d{b}\"), beats: {beats})")
            } else if gap {
                format!("Gap(beats: {beats})")
            } else {
                format!(
                    "Note(by: \"d{}\", beats: {beats})",
                    rng.random_range(0..depts)
                )
            });
        }
        if c == 0 && list.len() < 2 {
            list.push("Gap(between: (\"d0\", \"d1\"))".to_owned());
        }
        t.push_str(&format!(
            "  Case(id: \"c{c}\", weight: {}, patience_bars: {}, steps: [{}]),\n",
            if c == 0 {
                3
            } else {
                rng.random_range(1..=3u32)
            },
            rng.random_range(4..=12u32),
            list.join(", ")
        ));
    }
    t.push_str(&format!(
        " ],\n arrivals: Random(per_bar: {:.2}, from_bar: {}),\n colleagues: [\n",
        rng.random_range(0.2..0.9f64),
        rng.random_range(1..=4u32)
    ));
    for d in 0..depts {
        if rng.random_bool(0.4) {
            let from = rng.random_range(1..length_bars);
            let until = (from + rng.random_range(2..8u32)).min(length_bars);
            t.push_str(&format!(
                "  Colleague(department: \"d{d}\", busy: [(from_bar: {from}, until_bar: {until})]),\n"
            ));
        }
    }
    t.push_str(" ],\n)\n");
    t
}
