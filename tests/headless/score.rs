//! The score fold (`tutti::sim::Score`) agrees with the simulation: over many seeds, random
//! presses and random time slices, after every `advance` it holds exactly the simulation's open
//! cases, each step with its owner, label, due beat and status, and the audience's value.

use proptest::prelude::*;
use tutti::scenario::{DeptId, Scenario, load_file};
use tutti::sim::{Beat, Press, Score, Sim, SimBuilder, StepStatus};

use crate::support::scenario;

/// Checks the fold against the simulation's own state.
fn agree(sim: &Sim, score: &Score) -> Result<(), TestCaseError> {
    prop_assert_eq!(sim.audience(), score.audience());
    if sim.is_ended() {
        // The step that ends a performance may change a case without an event (nothing is
        // reported after the end): from then on only the audience is compared.
        return Ok(());
    }
    let open: Vec<_> = sim.open_cases().collect();
    prop_assert_eq!(open.len(), score.cases().len(), "open cases");
    for (c, v) in open.iter().zip(score.cases()) {
        prop_assert_eq!(c.id, v.id);
        prop_assert_eq!(c.template, v.template);
        prop_assert_eq!(c.arrival, v.arrival);
        prop_assert_eq!(c.current, v.current);
        prop_assert_eq!(c.steps.len(), v.steps.len());
        let template = &sim.templates()[c.template.0];
        for (k, (st, sv)) in c.steps.iter().zip(&v.steps).enumerate() {
            prop_assert_eq!(sv.owner, sim.owner(c, k));
            prop_assert_eq!(&sv.label, &template.steps[k].label);
            prop_assert_eq!(st.due, sv.due, "due of case {} step {}", c.id.0, k);
            prop_assert_eq!(st.status, sv.status, "case {} step {}", c.id.0, k);
            let loose_due = match st.status {
                StepStatus::Loose {
                    dropped_due,
                    appearance,
                } if appearance > 0 => Some(sim.loose_due(dropped_due, appearance)),
                _ => None,
            };
            prop_assert_eq!(loose_due, sv.loose_due);
        }
    }
    Ok(())
}

/// Plays `s` with departments `humans` (a bit mask) pressing at `presses` (beat, department),
/// advancing in slices of `slices` beats (cycled), checking the fold after every advance.
fn play(
    s: &Scenario,
    seed: u64,
    humans: u8,
    presses: &[(f64, usize)],
    slices: &[f64],
) -> Result<usize, TestCaseError> {
    let mut builder = SimBuilder::new(s).seed(seed);
    for d in s.dept_ids().filter(|d| humans & (1 << d.0) != 0) {
        builder = builder.human(d);
    }
    let mut sim = builder.build();
    let mut presses: Vec<Press> = presses
        .iter()
        .map(|&(at, d)| Press::new(Beat(at), DeptId(d % s.departments.len())))
        .collect();
    presses.sort_by(|a, b| a.at.0.total_cmp(&b.at.0));
    let mut score = Score::new(s);
    let (mut out, mut next, mut t, mut events) = (Vec::new(), 0, 0.0, 0);
    for slice in slices.iter().cycle() {
        if sim.is_ended() || t > 400.0 {
            break;
        }
        t += slice;
        let start = next;
        while next < presses.len() && presses[next].at.0 <= t {
            next += 1;
        }
        out.clear();
        sim.advance(Beat(t), &presses[start..next], &mut out);
        for e in &out {
            score.apply(e);
        }
        events += out.len();
        agree(&sim, &score)?;
    }
    Ok(events)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        rng_seed: proptest::test_runner::RngSeed::Fixed(2026),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// The example (random arrivals, gap notes, a busy colleague) with some departments played
    /// by random presses.
    #[test]
    fn the_score_follows_the_example(
        seed in 0u64..10_000,
        humans in 0u8..16,
        presses in prop::collection::vec((0.0f64..200.0, 0usize..4), 0..300),
        slices in prop::collection::vec(0.01f64..3.0, 1..20),
    ) {
        let s = load_file("levels/00-mandag-i-kundeservice.da.ron".as_ref()).unwrap();
        let events = play(&s, seed, humans, &presses, &slices)?;
        prop_assert!(events > 0);
    }

    /// Small cases played only by people pressing at random: drops, rescues that lay a case out
    /// again, double work and lost cases.
    #[test]
    fn the_score_follows_random_presses(
        seed in 0u64..1_000,
        presses in prop::collection::vec((0.0f64..60.0, 0usize..4), 0..200),
        slices in prop::collection::vec(0.01f64..2.0, 1..10),
    ) {
        let s = scenario(
            r#"(bar: 1, case: "abc"), (bar: 1, case: "gap"), (bar: 2, case: "any"),
               (bar: 3, case: "cgap"), (bar: 4, case: "ab"), (bar: 5, case: "abc")"#,
            "",
        );
        play(&s, seed, 0b1111, &presses, &slices)?;
    }
}

/// A rescue is reported with the case's new layout, so the fold moves the rest of the case.
#[test]
fn a_rescue_reports_the_new_layout() {
    let s = scenario(r#"(bar: 1, case: "abc")"#, "");
    // a's note (due at 4) is missed; it comes back a bar later (due 8) and b picks it up; b's own
    // note then follows at 8 + 1 + 1 = 10 instead of 6.
    let mut sim = crate::support::all_human(&s);
    let events = crate::support::run(&mut sim, &[(8.0, 1)]);
    let relaid = events
        .iter()
        .find_map(|e| match &e.kind {
            tutti::sim::EventKind::Relaid { dues, .. } => Some(dues.clone()),
            _ => None,
        })
        .expect("the rescue re-lays the case");
    assert_eq!(relaid, [Beat(8.0), Beat(10.0), Beat(12.0)]);
    // The score just after the rescue: b's own note is live, due at 10.
    let handoff = events
        .iter()
        .position(|e| matches!(e.kind, tutti::sim::EventKind::Handoff { .. }))
        .unwrap();
    let score = Score::from_events(&s, &events[..=handoff]);
    let case = score.case(tutti::sim::CaseId(0)).expect("still open");
    assert_eq!(case.current, 1);
    assert_eq!(case.steps[1].due, Beat(10.0));
    assert_eq!(case.steps[1].status, StepStatus::Live);
    assert!(matches!(case.steps[0].status, StepStatus::Played { .. }));
}
