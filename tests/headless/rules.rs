//! One test per rule of docs/rules.md, each failing if its rule broke.

use tutti::scenario::{DeptId, TemplateId};
use tutti::sim::{Beat, Cause, EventKind, Grade, PlayKind, SimBuilder};

use crate::support::*;

const ONE: &str = r#"(bar: 1, case: "one")"#;
const AB: &str = r#"(bar: 1, case: "ab")"#;

fn played(events: &[tutti::sim::Event]) -> Vec<(usize, usize, PlayKind, Grade)> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Played {
                step,
                dept,
                kind,
                judgement,
                ..
            } => Some((*step, dept.0, *kind, judgement.grade)),
            _ => None,
        })
        .collect()
}

#[test]
fn arrival_is_on_the_first_beat_of_its_bar_and_the_first_note_lead_beats_later() {
    let s = scenario(r#"(bar: 3, case: "one")"#, "");
    let mut sim = all_human(&s);
    let ev = run(&mut sim, &[]);
    let arrived = find(&ev, |k| matches!(k, EventKind::Arrived { .. })).unwrap();
    assert_eq!(arrived.at, Beat(8.0), "bar 3 starts on beat 8 in 4/4");
    assert_eq!(sim.cases()[0].steps[0].due, Beat(12.0));
}

#[test]
fn a_press_is_judged_by_its_distance_from_the_beat() {
    let s = scenario(
        r#"(bar: 1, case: "one"), (bar: 2, case: "one"), (bar: 3, case: "one")"#,
        "",
    );
    // Notes due at beats 4, 8 and 12 (60 BPM: a beat is 1000 ms).
    let ev = run(&mut all_human(&s), &[(4.02, 0), (7.94, 0), (12.12, 0)]);
    let grades: Vec<_> = played(&ev).iter().map(|p| p.3).collect();
    assert_eq!(grades, [Grade::Perfect, Grade::Good, Grade::Ok]);
    let offsets: Vec<f64> = ev
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Played { judgement, .. } => Some(judgement.offset.0),
            _ => None,
        })
        .collect();
    assert!(offsets[1] < 0.0, "60 ms early is shown as early");
    assert!(offsets[2] > 0.0, "120 ms late is shown as late");
}

#[test]
fn a_press_outside_every_window_is_a_stray_note_and_costs_half_a_point_by_default() {
    let s = scenario(ONE, "");
    // A beat and a half before the note: too far from it to be too early for it.
    let ev = run(&mut all_human(&s), &[(2.5, 0), (4.0, 0)]);
    assert_eq!(
        count(&ev, |k| matches!(k, EventKind::Stray { dept: DeptId(0) })),
        1
    );
    assert_eq!(
        played(&ev).len(),
        1,
        "the note is still there for the press on the beat"
    );
    assert_eq!(count(&ev, |k| matches!(k, EventKind::TooEarly { .. })), 0);
    // Strays are no longer free (docs/rules.md §6): the default `stray_penalty` is 0.5.
    let costs: Vec<f64> = ev
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Audience {
                cause: Cause::Stray,
                delta,
                ..
            } => Some(delta),
            _ => None,
        })
        .collect();
    assert_eq!(costs, [-0.5]);
}

/// The events of kind `Dropped`, `TooEarly` and `Played`, in order, as short names.
fn drops_and_plays(ev: &[tutti::sim::Event]) -> Vec<&'static str> {
    ev.iter()
        .filter_map(|e| match e.kind {
            EventKind::TooEarly { .. } => Some("too early"),
            EventKind::Dropped { .. } => Some("dropped"),
            EventKind::Played { .. } => Some("played"),
            _ => None,
        })
        .collect()
}

#[test]
fn a_stray_in_the_beat_before_a_note_is_too_early_and_misses_it() {
    let s = scenario(ONE, "");
    // Half a beat (500 ms) before the note due at beat 4: outside every window, too early.
    let ev = run(&mut all_human(&s), &[(3.5, 0), (4.0, 0)]);
    assert_eq!(
        drops_and_plays(&ev),
        ["too early", "dropped"],
        "the press on the beat finds nothing: the note already fell"
    );
    let early = find(&ev, |k| matches!(k, EventKind::TooEarly { .. })).unwrap();
    assert_eq!(early.at, Beat(3.5));
    assert!(matches!(
        early.kind,
        EventKind::TooEarly {
            dept: DeptId(0),
            step: 0,
            ..
        }
    ));
    // The missed note costs what a dropped note costs, and the stray its own half point.
    let causes: Vec<Cause> = ev
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Audience { cause, .. } if e.at == Beat(3.5) => Some(cause),
            _ => None,
        })
        .collect();
    assert_eq!(causes, [Cause::Stray, Cause::Discord]);
    // It lies loose and comes back a bar later, as any dropped note: a rescue saves the case.
    let ev = run(&mut all_human(&s), &[(3.5, 0), (8.0, 0)]);
    assert_eq!(drops_and_plays(&ev), ["too early", "dropped", "played"]);
    assert_eq!(count(&ev, |k| matches!(k, EventKind::Completed { .. })), 1);
}

#[test]
fn a_press_a_little_early_on_a_note_plays_it_as_before() {
    let s = scenario(ONE, "");
    // 140 ms early: inside the Ok window.
    let ev = run(&mut all_human(&s), &[(3.86, 0)]);
    assert_eq!(drops_and_plays(&ev), ["played"]);
}

#[test]
fn a_late_press_is_late_for_the_note_before_not_too_early_for_the_next() {
    // Two customers in bar 1: a's notes are due at beats 4 and 5.
    let s = scenario(r#"(bar: 1, case: "one"), (bar: 1, case: "one")"#, "");
    // 300 ms late for the first (a stray nearer it), then on the beat for the second.
    let ev = run(&mut all_human(&s), &[(4.3, 0), (5.0, 0)]);
    assert_eq!(drops_and_plays(&ev), ["dropped", "played"]);
    // Pressing on the empty beat before a note, after playing the one before it, is too early.
    let s = scenario(r#"(bar: 1, case: "one"), (bar: 2, case: "one")"#, "");
    let ev = run(&mut all_human(&s), &[(4.0, 0), (7.0, 0), (8.0, 0)]);
    assert_eq!(drops_and_plays(&ev), ["played", "too early", "dropped"]);
}

#[test]
fn a_stray_before_a_gap_note_it_may_claim_misses_it_for_everyone() {
    // Case "gap": a plays at beat 4, the gap note between b and c is due at 6.
    let s = scenario(r#"(bar: 1, case: "gap")"#, "");
    let ev = run(&mut all_human(&s), &[(4.0, 0), (5.2, 1), (6.0, 2)]);
    assert_eq!(drops_and_plays(&ev), ["played", "too early", "dropped"]);
    // d may not take it: its stray is only a stray.
    let ev = run(&mut all_human(&s), &[(4.0, 0), (5.2, 3), (6.0, 2)]);
    assert_eq!(drops_and_plays(&ev), ["played", "played"]);
}

#[test]
fn without_a_stray_penalty_no_press_is_too_early() {
    let mut s = scenario(ONE, "");
    s.audience.stray_penalty = 0.0;
    let ev = run(&mut all_human(&s), &[(3.5, 0), (4.0, 0)]);
    assert_eq!(drops_and_plays(&ev), ["played"]);
}

#[test]
fn stray_penalty_punishes_stray_notes_when_set() {
    let mut s = scenario(ONE, "");
    s.audience.stray_penalty = 2.0;
    let ev = run(&mut all_human(&s), &[(1.0, 3)]);
    let e = find(&ev, |k| {
        matches!(
            k,
            EventKind::Audience {
                cause: Cause::Stray,
                ..
            }
        )
    })
    .unwrap();
    assert!(matches!(e.kind, EventKind::Audience { delta, .. } if delta == -2.0));
}

#[test]
fn a_note_is_live_only_after_the_previous_step_was_played() {
    let s = scenario(AB, "");
    // b's note is due at beat 6, but a never played: b's press is a stray.
    let ev = run(&mut all_human(&s), &[(6.0, 1)]);
    assert_eq!(
        count(&ev, |k| matches!(k, EventKind::Stray { dept: DeptId(1) })),
        1
    );
    assert!(played(&ev).is_empty());
}

#[test]
fn playing_a_note_passes_the_baton_to_the_next_step() {
    let s = scenario(AB, "");
    let ev = run(&mut all_human(&s), &[(4.0, 0), (6.0, 1)]);
    let handoff = find(&ev, |k| matches!(k, EventKind::Handoff { .. })).unwrap();
    assert_eq!(handoff.at, Beat(4.0));
    assert!(matches!(
        handoff.kind,
        EventKind::Handoff {
            from_step: 0,
            to_step: 1,
            ..
        }
    ));
    assert_eq!(
        played(&ev),
        [
            (0, 0, PlayKind::Own, Grade::Perfect),
            (1, 1, PlayKind::Own, Grade::Perfect)
        ]
    );
}

#[test]
fn a_press_plays_the_earliest_live_note_in_the_window() {
    let s = scenario(r#"(bar: 1, case: "one"), (bar: 1, case: "one")"#, "");
    // Two arrivals in bar 1 come on beats 0 and 1: notes due at 4 and 5. A press at 4.5 is
    // within neither 150 ms window; presses at 4.1 and 4.9 each play the nearest live one.
    let ev = run(&mut all_human(&s), &[(4.1, 0), (4.9, 0)]);
    let cases: Vec<u32> = ev
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Played { case, .. } => Some(case.0),
            _ => None,
        })
        .collect();
    assert_eq!(cases, [0, 1]);
}

#[test]
fn an_unplayed_live_note_drops_with_discord_when_its_window_passes() {
    let s = scenario(ONE, "");
    let ev = run(&mut all_human(&s), &[]);
    let drop = find(&ev, |k| matches!(k, EventKind::Dropped { .. })).unwrap();
    assert!(
        (drop.at.0 - 4.15).abs() < 1e-9,
        "drops when the 150 ms window closes"
    );
    let hit = find(&ev, |k| {
        matches!(
            k,
            EventKind::Audience {
                cause: Cause::Discord,
                ..
            }
        )
    })
    .unwrap();
    assert!(
        matches!(hit.kind, EventKind::Audience { value, delta, .. } if value == 42.0 && delta == -8.0)
    );
}

#[test]
fn a_dropped_note_comes_back_each_bar_and_its_owner_can_rescue_it() {
    let s = scenario(AB, "");
    // a's note at 4 drops; it returns at 8 (one bar later); a rescues it on that beat.
    let mut sim = all_human(&s);
    let ev = run(&mut sim, &[(8.0, 0), (10.0, 1)]);
    assert!(
        find(&ev, |k| matches!(
            k,
            EventKind::LooseReturned { appearance: 1, .. }
        ))
        .is_some()
    );
    assert_eq!(played(&ev)[0], (0, 0, PlayKind::Rescue, Grade::Perfect));
    // The rest is laid out again from the rescue: b's note now due at 8 + 1 + 1 = 10.
    assert_eq!(sim.cases()[0].steps[1].due, Beat(10.0));
    assert_eq!(played(&ev)[1], (1, 1, PlayKind::Own, Grade::Perfect));
    assert!(
        find(&ev, |k| matches!(
            k,
            EventKind::Completed { harmony: false, .. }
        ))
        .is_some()
    );
}

#[test]
fn a_neighbouring_staff_may_rescue_a_loose_note_but_a_distant_one_may_not() {
    let s = scenario(r#"(bar: 1, case: "abc")"#, "");
    // a plays at 4; b's note at 6 drops; it returns at 10. d (two staves away) cannot take it;
    // c (b's neighbour) can.
    let ev = run(&mut all_human(&s), &[(4.0, 0), (10.0, 3), (10.0, 2)]);
    assert_eq!(
        count(&ev, |k| matches!(k, EventKind::Stray { dept: DeptId(3) })),
        1
    );
    assert!(played(&ev).contains(&(1, 2, PlayKind::Rescue, Grade::Perfect)));
}

#[test]
fn a_loose_note_nobody_rescues_within_rescue_bars_loses_the_case() {
    let s = scenario(AB, "");
    let ev = run(&mut all_human(&s), &[]);
    assert_eq!(
        count(&ev, |k| matches!(k, EventKind::LooseReturned { .. })),
        2,
        "rescue_bars: 2"
    );
    let lost = find(&ev, |k| matches!(k, EventKind::Lost { .. })).unwrap();
    // Due at 4, back at 8 and 12; gone when the last window closes.
    assert!((lost.at.0 - 12.15).abs() < 1e-9);
    assert!(matches!(
        lost.kind,
        EventKind::Lost {
            solved_but_unanswered: false,
            ..
        }
    ));
    let hit = find(&ev, |k| {
        matches!(
            k,
            EventKind::Audience {
                cause: Cause::Lost,
                ..
            }
        )
    })
    .unwrap();
    assert!(matches!(hit.kind, EventKind::Audience { delta, .. } if delta == -15.0));
}

#[test]
fn a_gap_note_between_two_departments_can_be_claimed_only_by_them() {
    let s = scenario(r#"(bar: 1, case: "gap")"#, "");
    // Gap between b and c, due at 6. d may not claim it; c may.
    let ev = run(&mut all_human(&s), &[(4.0, 0), (6.0, 3), (6.02, 2)]);
    assert_eq!(
        count(&ev, |k| matches!(k, EventKind::Stray { dept: DeptId(3) })),
        1
    );
    assert!(played(&ev).contains(&(1, 2, PlayKind::Claim, Grade::Perfect)));
    assert!(
        find(&ev, |k| matches!(
            k,
            EventKind::Completed { harmony: true, .. }
        ))
        .is_some()
    );
}

#[test]
fn a_gap_note_without_between_can_be_claimed_by_anyone() {
    let s = scenario(r#"(bar: 1, case: "any")"#, "");
    let ev = run(&mut all_human(&s), &[(4.0, 0), (6.0, 3)]);
    assert!(played(&ev).contains(&(1, 3, PlayKind::Claim, Grade::Perfect)));
}

#[test]
fn a_department_claims_a_gap_note_only_when_none_of_its_own_notes_is_in_the_window() {
    // Arrivals on beats 0, 1, 2 of bar 1: "cgap" c@4 then gap(b,c)@6; "one" a@5; "bnote" b@6.
    let s = scenario(
        r#"(bar: 1, case: "cgap"), (bar: 1, case: "one"), (bar: 1, case: "bnote")"#,
        "",
    );
    let ev = run(&mut all_human(&s), &[(4.0, 2), (6.0, 1), (6.05, 2)]);
    let p = played(&ev);
    // b's press at 6 plays b's own note, not the gap note due at the same beat…
    assert!(p.contains(&(0, 1, PlayKind::Own, Grade::Perfect)), "{p:?}");
    // …which is still there for c to claim.
    assert!(p.contains(&(1, 2, PlayKind::Claim, Grade::Good)), "{p:?}");
    assert_eq!(count(&ev, |k| matches!(k, EventKind::DoubleWork { .. })), 0);
}

#[test]
fn two_departments_claiming_the_same_gap_note_is_double_work() {
    // A later arrival keeps the piece going after the gap note is played.
    let s = scenario(r#"(bar: 1, case: "gap"), (bar: 4, case: "one")"#, "");
    let ev = run(&mut all_human(&s), &[(4.0, 0), (6.0, 1), (6.05, 2)]);
    assert!(played(&ev).contains(&(1, 1, PlayKind::Claim, Grade::Perfect)));
    assert_eq!(
        count(&ev, |k| matches!(
            k,
            EventKind::DoubleWork {
                dept: DeptId(2),
                ..
            }
        )),
        1
    );
}

#[test]
fn completing_a_case_rewards_the_reply_and_harmony_when_nothing_dropped() {
    let s = scenario(AB, "");
    let ev = run(&mut all_human(&s), &[(4.0, 0), (6.0, 1)]);
    let causes: Vec<(Cause, f64)> = ev
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Audience { cause, delta, .. } => Some((cause, delta)),
            _ => None,
        })
        .collect();
    assert_eq!(causes, [(Cause::Reply, 6.0), (Cause::Harmony, 3.0)]);
    assert_eq!(audience(&ev), Some(59.0));
}

#[test]
fn open_cases_older_than_their_patience_drain_the_audience_every_bar() {
    let src = BASE
        .replace("ARRIVALS", r#"(bar: 1, case: "ab")"#)
        .replace("EXTRA", "")
        .replace(
            r#"Case(id: "ab", patience_bars: 100"#,
            r#"Case(id: "ab", patience_bars: 1"#,
        );
    let s = tutti::scenario::load_str("t.ron", &src).unwrap();
    // Arrives at 0; a plays at 4; b rescues its own note late: the case is open through bars 2–4.
    let ev = run(&mut all_human(&s), &[(4.0, 0), (10.0, 1)]);
    // At bar 2 (beat 4) it is exactly 1 bar old: not older. At bar 3 (beat 8) it is: drain.
    let waits: Vec<f64> = ev
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Waiting { .. }))
        .map(|e| e.at.0)
        .collect();
    assert_eq!(waits, [8.0]);
    let drain = find(&ev, |k| {
        matches!(
            k,
            EventKind::Audience {
                cause: Cause::Waiting,
                ..
            }
        )
    })
    .unwrap();
    assert!(matches!(drain.kind, EventKind::Audience { delta, .. } if delta == -0.5));
}

#[test]
fn the_audience_walks_out_at_zero_and_the_performance_ends() {
    let mut s = scenario(
        r#"(bar: 1, case: "one"), (bar: 2, case: "one"), (bar: 3, case: "one")"#,
        "",
    );
    s.audience.start = 10.0;
    let ev = run(&mut all_human(&s), &[]);
    // 10 − 8 (drop) = 2, − 8 (second drop) = 0: walk out.
    let out = ev
        .iter()
        .position(|e| e.kind == EventKind::WalkedOut)
        .expect("walked out");
    assert_eq!(ev[out + 1].kind, EventKind::Ended { walked_out: true });
    assert_eq!(ev.len(), out + 2, "nothing happens after the walk-out");
}

#[test]
fn the_piece_ends_when_every_case_is_answered_or_lost_after_the_last_arrival() {
    let s = scenario(r#"(bar: 1, case: "one"), (bar: 2, case: "ab")"#, "");
    let mut sim = all_human(&s);
    let ev = run(&mut sim, &[(4.0, 0), (8.0, 0), (10.0, 1)]);
    assert_eq!(
        ev.last().unwrap().kind,
        EventKind::Ended { walked_out: false }
    );
    assert_eq!(ev.last().unwrap().at, Beat(10.0));
    assert!(sim.is_ended());
}

#[test]
fn a_lost_case_whose_only_missing_step_is_the_last_is_solved_but_never_answered() {
    let s = scenario(r#"(bar: 1, case: "gap"), (bar: 2, case: "ab")"#, "");
    // Case 0: a plays, nobody calls back: solved but never answered.
    // Case 1: a never plays: lost, but not "solved".
    let ev = run(&mut all_human(&s), &[(4.0, 0)]);
    let lost: Vec<bool> = ev
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Lost {
                solved_but_unanswered,
                ..
            } => Some(solved_but_unanswered),
            _ => None,
        })
        .collect();
    assert_eq!(lost, [true, false]);
}

fn ai(colleague: &str, arrivals: &str) -> Vec<tutti::sim::Event> {
    let s = scenario(arrivals, &format!("colleagues: [{colleague}],"));
    // Only department under test is played by its colleague; the rest are silent people.
    let mut b = SimBuilder::new(&s);
    for d in 1..4 {
        b = b.human(DeptId(d));
    }
    b.build().run_to_end()
}

#[test]
fn a_colleague_with_full_skill_and_no_spread_plays_every_note_perfectly() {
    let arrivals = (1..=6)
        .map(|b| format!(r#"(bar: {b}, case: "one")"#))
        .collect::<Vec<_>>()
        .join(",");
    let ev = ai(
        r#"Colleague(department: "a", skill: 1.0, timing_sd_ms: 0)"#,
        &arrivals,
    );
    assert_eq!(played(&ev).len(), 6);
    assert!(played(&ev).iter().all(|p| p.3 == Grade::Perfect));
    let ev = ai(
        r#"Colleague(department: "a", skill: 0.0, follow_up: 0.0)"#,
        r#"(bar: 1, case: "one"), (bar: 2, case: "one")"#,
    );
    assert_eq!(count(&ev, |k| matches!(k, EventKind::Dropped { .. })), 2);
    assert!(played(&ev).is_empty());
}

#[test]
fn a_colleagues_timing_spread_shows_in_its_judgements() {
    let arrivals = (1..=8)
        .map(|b| format!(r#"(bar: {b}, case: "one")"#))
        .collect::<Vec<_>>()
        .join(",");
    let ev = ai(
        r#"Colleague(department: "a", skill: 1.0, timing_sd_ms: 80)"#,
        &arrivals,
    );
    assert!(
        played(&ev).iter().any(|p| p.3 != Grade::Perfect),
        "80 ms spread is not always perfect"
    );
}

#[test]
fn a_busy_colleague_misses_notes_only_during_its_busy_spell() {
    let arrivals = (1..=8)
        .map(|b| format!(r#"(bar: {b}, case: "one")"#))
        .collect::<Vec<_>>()
        .join(",");
    let ev = ai(
        r#"Colleague(department: "a", skill: 1.0, timing_sd_ms: 0, busy: [(from_bar: 4, until_bar: 6)], busy_skill: 0.0, follow_up: 0)"#,
        &arrivals,
    );
    // Notes are due one bar after arrival: bars 2..=9; those in bars 4, 5, 6 drop.
    let drops: Vec<u32> = ev
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Dropped { case, .. } => Some(case.0),
            _ => None,
        })
        .collect();
    assert_eq!(drops, [2, 3, 4]);
}

#[test]
fn initiative_decides_whether_a_colleague_claims_a_gap_note() {
    let arrivals = r#"(bar: 1, case: "any"), (bar: 3, case: "any")"#;
    let s = scenario(
        arrivals,
        r#"colleagues: [Colleague(department: "a", skill: 1.0, timing_sd_ms: 0, initiative: 1.0)],"#,
    );
    let mut b = SimBuilder::new(&s);
    for d in 1..4 {
        b = b.human(DeptId(d));
    }
    let ev = b.build().run_to_end();
    assert_eq!(
        count(&ev, |k| matches!(
            k,
            EventKind::Played {
                kind: PlayKind::Claim,
                dept: DeptId(0),
                ..
            }
        )),
        2
    );
    assert_eq!(count(&ev, |k| matches!(k, EventKind::Completed { .. })), 2);

    let s = scenario(
        arrivals,
        r#"colleagues: [Colleague(department: "a", skill: 1.0, timing_sd_ms: 0, initiative: 0.0, follow_up: 0.0)],"#,
    );
    let mut b = SimBuilder::new(&s);
    for d in 1..4 {
        b = b.human(DeptId(d));
    }
    let ev = b.build().run_to_end();
    assert_eq!(
        count(&ev, |k| matches!(
            k,
            EventKind::Lost {
                solved_but_unanswered: true,
                ..
            }
        )),
        2
    );
}

#[test]
fn a_colleague_claims_a_gap_note_only_if_nobody_claimed_it_first() {
    // Every colleague has initiative 1: exactly one claims each gap note, with no double work.
    let arrivals = r#"(bar: 1, case: "any"), (bar: 3, case: "any")"#;
    let colleagues = ["a", "b", "c", "d"]
        .map(|d| {
            format!(
                r#"Colleague(department: "{d}", skill: 1.0, timing_sd_ms: 20, initiative: 1.0)"#
            )
        })
        .join(",");
    let s = scenario(arrivals, &format!("colleagues: [{colleagues}],"));
    let ev = SimBuilder::new(&s).build().run_to_end();
    assert_eq!(
        count(&ev, |k| matches!(
            k,
            EventKind::Played {
                kind: PlayKind::Claim,
                ..
            }
        )),
        2
    );
    assert_eq!(count(&ev, |k| matches!(k, EventKind::DoubleWork { .. })), 0);
}

#[test]
fn follow_up_decides_whether_a_colleague_rescues_a_loose_note() {
    let arrivals = r#"(bar: 1, case: "ab")"#;
    // a is a silent person: its note drops. b (a's neighbour) follows up.
    let s = scenario(
        arrivals,
        r#"colleagues: [Colleague(department: "b", skill: 1.0, timing_sd_ms: 0, follow_up: 1.0)],"#,
    );
    let ev = SimBuilder::new(&s)
        .human(DeptId(0))
        .human(DeptId(2))
        .human(DeptId(3))
        .build()
        .run_to_end();
    assert!(
        played(&ev)
            .iter()
            .any(|p| p.1 == 1 && p.2 == PlayKind::Rescue)
    );
    assert_eq!(count(&ev, |k| matches!(k, EventKind::Completed { .. })), 1);

    let s = scenario(
        arrivals,
        r#"colleagues: [Colleague(department: "b", skill: 1.0, timing_sd_ms: 0, follow_up: 0.0)],"#,
    );
    let ev = SimBuilder::new(&s)
        .human(DeptId(0))
        .human(DeptId(2))
        .human(DeptId(3))
        .build()
        .run_to_end();
    assert_eq!(count(&ev, |k| matches!(k, EventKind::Lost { .. })), 1);
}

#[test]
fn random_arrivals_average_per_bar_and_follow_template_weights() {
    let src = BASE
        .replace(
            "arrivals: Scripted([ARRIVALS]),",
            "arrivals: Random(per_bar: 0.5),",
        )
        .replace("EXTRA", "length_bars: 2000,")
        .replace("length_bars: 8,", "");
    let s = tutti::scenario::load_str("t.ron", &src).unwrap();
    let plan = tutti::sim::plan_arrivals(&s, 1);
    let per_bar = plan.len() as f64 / 2000.0;
    assert!((per_bar - 0.5).abs() < 0.05, "{per_bar}");
    let mut weighted = s.clone();
    weighted.cases[0].weight = 9.0;
    let plan = tutti::sim::plan_arrivals(&weighted, 1);
    let first =
        plan.iter().filter(|a| a.template == TemplateId(0)).count() as f64 / plan.len() as f64;
    let expected = 9.0 / (8.0 + s.cases.len() as f64);
    assert!((first - expected).abs() < 0.05, "{first} vs {expected}");
    assert!(
        plan.iter().all(|a| a.at.0.fract() == 0.0),
        "arrivals are on beats"
    );
}

#[test]
fn a_colleague_that_misses_its_window_plays_nothing_else() {
    let arrivals = (1..=8)
        .map(|b| format!(r#"(bar: {b}, case: "one")"#))
        .collect::<Vec<_>>()
        .join(",");
    // A wild timing spread: most presses land outside the window; they must not turn into strays
    // or claims, only into drops of its own notes.
    let ev = ai(
        r#"Colleague(department: "a", skill: 1.0, timing_sd_ms: 1000, initiative: 0.0, follow_up: 0.0)"#,
        &arrivals,
    );
    assert_eq!(count(&ev, |k| matches!(k, EventKind::Stray { .. })), 0);
    assert_eq!(
        count(&ev, |k| matches!(
            k,
            EventKind::Played {
                kind: PlayKind::Claim | PlayKind::Rescue,
                ..
            }
        )),
        0
    );
    assert!(count(&ev, |k| matches!(k, EventKind::Dropped { .. })) > 0);
}

#[test]
fn timing_windows_never_grow_past_half_a_beat() {
    let src = BASE
        .replace("ARRIVALS", r#"(bar: 1, case: "one")"#)
        .replace("EXTRA", "")
        .replace("tempo_bpm: 60", "tempo_bpm: 300");
    let s = tutti::scenario::load_str("fast.ron", &src).unwrap();
    // 300 BPM: a beat is 200 ms. Relaxed asks for 150 × 1.5 = 225 ms.
    let sim = SimBuilder::new(&s).window_scale(1.5).build();
    assert!(
        sim.windows().ok.0 <= 0.45 * 200.0 + 1e-9,
        "{:?}",
        sim.windows()
    );
}

/// `reach: Anywhere`: one key takes a call between two other chairs and a loose note far from its
/// staff; with the default reach the same presses are strays.
#[test]
fn a_department_that_reaches_anywhere_takes_any_gap_or_loose_note() {
    use tutti::scenario::{DeptId, Owner, Reach, load_str};
    use tutti::sim::{Beat, EventKind, PlayKind, Press, SimBuilder, may_pick_up};
    let far = Owner::Gap(Some(tutti::scenario::Between {
        a: DeptId(1),
        b: DeptId(2),
    }));
    assert!(may_pick_up(far, DeptId(0), Reach::Anywhere));
    assert!(!may_pick_up(far, DeptId(0), Reach::Neighbours));
    assert!(may_pick_up(
        Owner::Dept(DeptId(3)),
        DeptId(0),
        Reach::Anywhere
    ));
    assert!(!may_pick_up(
        Owner::Dept(DeptId(3)),
        DeptId(0),
        Reach::Neighbours
    ));
    let play = |reach: &str| {
        let src = format!(
            r#"Scenario(title: "t", tempo_bpm: 60, beats_per_bar: 4, length_bars: 4, lead_beats: 4,
            departments: [Department(id: "a", reach: {reach}), Department(id: "b"), Department(id: "c")],
            cases: [Case(id: "x", steps: [Note(by: "b"), Gap(between: ("b", "c"))])],
            arrivals: Scripted([(bar: 1, case: "x")]),
            colleagues: [Colleague(department: "b", skill: 1, timing_sd_ms: 0, initiative: 0, follow_up: 0),
                         Colleague(department: "c", initiative: 0, follow_up: 0)])"#
        );
        let s = load_str("t.ron", &src).unwrap();
        let mut sim = SimBuilder::new(&s).human(DeptId(0)).build();
        let mut out = Vec::new();
        // b's note at beat 4, the call between b and c at beat 6.
        sim.advance(Beat(100.0), &[Press::new(Beat(6.0), DeptId(0))], &mut out);
        out.iter().any(|e| {
            matches!(
                e.kind,
                EventKind::Played {
                    dept: DeptId(0),
                    kind: PlayKind::Claim,
                    ..
                }
            )
        })
    };
    assert!(play("Anywhere"), "the call far from its chair is taken");
    assert!(!play("Neighbours"), "not with the default reach");
}
