//! Seats played by a strategy (`tutti simulate --seat DEPT=STRATEGY`), the chances at the chairs
//! and the "Between the chairs" figures: the lesson, measured.

use tutti::headless::simulate_seated;
use tutti::scenario::{DeptId, Scenario, load_file};
use tutti::sim::{Cause, Chairs, Debrief, EventKind, PlayKind, Seat, Strategy, play_seated};

use super::cli::tutti;
use crate::support::{all_human, count, run, scenario};

fn level(path: &str) -> Scenario {
    load_file(std::path::Path::new(path)).unwrap()
}

fn dept(s: &Scenario, id: &str) -> DeptId {
    s.department_index(id)
        .unwrap_or_else(|| panic!("no department {id}"))
}

/// Twenty runs from seed 1 (as `--seed 1 --runs 20`) with both departments on `strategy`.
fn runs(s: &Scenario, a: &str, b: &str, strategy: Strategy) -> Vec<Debrief> {
    let seats = [
        Seat::new(dept(s, a), strategy),
        Seat::new(dept(s, b), strategy),
    ];
    (1..=20)
        .map(|seed| simulate_seated(s, seed, &seats))
        .collect()
}

fn mean(ds: &[Debrief], f: impl Fn(&Debrief) -> f64) -> f64 {
    ds.iter().map(f).sum::<f64>() / ds.len() as f64
}

/// The lesson on one level: mashing ends lower than listening, and lower than only playing
/// your own part.
fn masher_ends_lowest(path: &str, a: &str, b: &str) -> [Vec<Debrief>; 3] {
    let s = level(path);
    let own = runs(&s, a, b, Strategy::Own);
    let attentive = runs(&s, a, b, Strategy::Attentive);
    let masher = runs(&s, a, b, Strategy::Masher);
    let aud = |d: &Debrief| d.audience_final;
    let (o, t, m) = (mean(&own, aud), mean(&attentive, aud), mean(&masher, aud));
    assert!(
        m < t,
        "{path}: masher {m:.1} must end below attentive {t:.1}"
    );
    assert!(m < o, "{path}: masher {m:.1} must end below own {o:.1}");
    let strays = |ds: &[Debrief]| ds.iter().map(|d| d.strays).sum::<u32>();
    assert!(strays(&masher) > 0, "{path}: the masher strays");
    assert_eq!(
        strays(&own) + strays(&attentive),
        0,
        "{path}: listeners never stray"
    );
    [own, attentive, masher]
}

#[test]
fn on_level_4_mashing_ends_lowest_and_own_leaves_calls_unanswered() {
    let [own, attentive, _] =
        masher_ends_lowest("levels/04-the-call-nobody-makes.en.ron", "service", "it");
    let sbna = |d: &Debrief| f64::from(d.solved_but_unanswered);
    assert!(
        mean(&own, sbna) > mean(&attentive, sbna),
        "own {:.2} vs attentive {:.2}",
        mean(&own, sbna),
        mean(&attentive, sbna)
    );
    // Two attentive seats that may both take the call never both jump.
    assert!(attentive.iter().all(|d| d.double_work == 0));
}

#[test]
fn on_level_6_mashing_ends_lowest() {
    masher_ends_lowest("levels/06-full-orchestra.en.ron", "service", "legal");
}

#[test]
fn on_the_normative_example_mashing_ends_lowest() {
    masher_ends_lowest(
        "levels/00-mandag-i-kundeservice.da.ron",
        "service",
        "billing",
    );
}

#[test]
fn seated_runs_are_deterministic() {
    let s = level("levels/04-the-call-nobody-makes.en.ron");
    for strategy in Strategy::ALL {
        let seats = [
            Seat::new(dept(&s, "service"), strategy),
            Seat::new(dept(&s, "it"), Strategy::Masher),
        ];
        assert_eq!(play_seated(&s, 9, &seats), play_seated(&s, 9, &seats));
    }
}

#[test]
fn colleague_seats_play_as_without_seats() {
    let s = level("levels/04-the-call-nobody-makes.en.ron");
    let seats = [Seat::new(dept(&s, "it"), Strategy::Colleague)];
    let plain = tutti::sim::SimBuilder::new(&s).seed(3).build().run_to_end();
    assert_eq!(play_seated(&s, 3, &seats), plain);
}

#[test]
fn strategies_play_as_their_names_say() {
    let s = level("levels/04-the-call-nobody-makes.en.ron");
    let it = dept(&s, "it");
    let by_it = |strategy, kind: Option<PlayKind>| {
        let events = play_seated(&s, 5, &[Seat::new(it, strategy)]);
        let plays = count(&events, |k| {
            matches!(k, EventKind::Played { dept, kind: pk, .. }
                if *dept == it && kind.is_none_or(|want| *pk == want))
        });
        let strays = count(
            &events,
            |k| matches!(k, EventKind::Stray { dept } if *dept == it),
        );
        (plays, strays)
    };
    assert_eq!(by_it(Strategy::Silent, None), (0, 0));
    assert_eq!(by_it(Strategy::Own, Some(PlayKind::Claim)).0, 0);
    assert_eq!(by_it(Strategy::Own, Some(PlayKind::Rescue)).0, 0);
    assert!(by_it(Strategy::Own, Some(PlayKind::Own)).0 > 0);
    assert!(by_it(Strategy::Attentive, Some(PlayKind::Claim)).0 > 0);
    assert_eq!(by_it(Strategy::Attentive, None).1, 0);
    assert!(by_it(Strategy::Masher, None).1 > 0);
}

#[test]
fn chances_count_each_appearance_for_each_department_that_may_take_it() {
    // Case "gap": a plays at beat 4; the gap note between b and c is due at 6, nobody claims
    // it; it comes back twice (rescue_bars 2) and the case is lost.
    let s = scenario("(bar: 1, case: \"gap\")", "");
    let events = run(&mut all_human(&s), &[(4.0, 0)]);
    let d = Debrief::from_events(&s, &events);
    let chances: Vec<u32> = d.departments.iter().map(|r| r.chances).collect();
    assert_eq!(chances, [0, 3, 3, 0]);
    assert!(d.departments.iter().all(|r| r.chances_taken == 0));
    assert_eq!(d.departments[1].chances_missed(), 3);
    // c takes it at its first return (due 6 + 4): one chance taken.
    let events = run(&mut all_human(&s), &[(4.0, 0), (10.0, 2)]);
    let d = Debrief::from_events(&s, &events);
    assert_eq!(d.departments[2].chances, 2);
    assert_eq!(d.departments[2].chances_taken, 1);
    assert_eq!(d.departments[1].chances, 2);
}

#[test]
fn between_the_chairs_names_the_step_the_chairs_and_the_bars() {
    let s = scenario("(bar: 1, case: \"gap\"), (bar: 2, case: \"ab\")", "");
    // a plays both first notes (beats 4 and 8); nobody takes the call, nobody plays b's note.
    let events = run(&mut all_human(&s), &[(4.0, 0), (8.0, 0)]);
    let d = Debrief::from_events(&s, &events);
    assert_eq!(d.between_chairs.len(), 2);
    let call = &d.between_chairs[0];
    assert_eq!((call.name.as_str(), call.arrival_bar), ("gap", 1));
    assert_eq!((call.step, call.step_name()), (1, "call back".to_owned()));
    assert_eq!(
        call.chairs,
        Chairs::Between {
            a: DeptId(1),
            b: DeptId(2)
        }
    );
    assert_eq!(call.chairs.ids(&s), "b|c");
    assert_eq!(call.bars_lying, 2);
    assert!(call.solved_but_unanswered);
    assert_eq!(call.rescued_by, None);
    let dropped = &d.between_chairs[1];
    assert_eq!(dropped.step_name(), "step 2");
    assert_eq!(
        dropped.chairs,
        Chairs::Owner {
            owner: DeptId(1),
            neighbours: vec![DeptId(0), DeptId(2)]
        }
    );
    assert_eq!(dropped.chairs.ids(&s), "b");
    assert_eq!(
        dropped.chairs.could_take(4),
        [DeptId(0), DeptId(1), DeptId(2)]
    );
    assert!(d.closest_call(&s).is_none(), "no case was completed");
}

#[test]
fn with_nothing_between_the_chairs_the_closest_call_is_the_latest_rescue() {
    // Two "ab" cases: the first is played on time; in the second, b's note (due 10) drops
    // and c rescues it at its second return (10 + 8).
    let s = scenario("(bar: 1, case: \"ab\"), (bar: 2, case: \"ab\")", "");
    let events = run(
        &mut all_human(&s),
        &[(4.0, 0), (6.0, 1), (8.0, 0), (18.0, 2)],
    );
    let d = Debrief::from_events(&s, &events);
    assert!(d.between_chairs.is_empty());
    let close = d.closest_call(&s).unwrap();
    assert_eq!(close.arrival_bar, 2);
    let r = close.rescued.unwrap();
    assert_eq!(
        (r.step, r.bars_lying, r.rescued_by),
        (1, 2, Some(DeptId(2)))
    );
    // Without a rescue, the case that took longest to answer.
    let events = run(
        &mut all_human(&s),
        &[(4.0, 0), (6.0, 1), (8.0, 0), (10.0, 1)],
    );
    let d = Debrief::from_events(&s, &events);
    let close = d.closest_call(&s).unwrap();
    assert!(close.rescued.is_none());
    assert_eq!((close.arrival_bar, close.bars_to_answer), (1, 2));
}

#[test]
fn strays_and_double_work_cost_by_default() {
    // A later arrival keeps the piece going after the gap note is played.
    let s = scenario("(bar: 1, case: \"gap\"), (bar: 4, case: \"one\")", "");
    assert_eq!(s.audience.stray_penalty, 0.5);
    assert_eq!(s.audience.double_work_penalty, 1.0);
    // A stray at beat 1; b claims the call at 6 and c doubles it.
    let events = run(
        &mut all_human(&s),
        &[(1.0, 3), (4.0, 0), (6.0, 1), (6.05, 2)],
    );
    let d = Debrief::from_events(&s, &events);
    assert_eq!((d.strays, d.double_work), (1, 1));
    assert_eq!(
        (d.departments[3].strays, d.departments[2].double_work),
        (1, 1)
    );
    let cost = |cause: Cause| -> f64 {
        events
            .iter()
            .filter_map(|e| match e.kind {
                EventKind::Audience {
                    cause: c, delta, ..
                } if c == cause => Some(delta),
                _ => None,
            })
            .sum()
    };
    assert_eq!(cost(Cause::Stray), -0.5);
    assert_eq!(cost(Cause::DoubleWork), -1.0);
}

const LEVEL4: &str = "levels/04-the-call-nobody-makes.en.ron";

#[test]
fn simulate_seat_json_has_the_shared_figures_per_department() {
    let (code, out, err) = tutti(&[
        "simulate",
        LEVEL4,
        "--seed",
        "1",
        "--runs",
        "2",
        "--json",
        "--seat",
        "it=masher",
        "--seat",
        "service=attentive",
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let s = level(LEVEL4);
    for (i, v) in lines.iter().enumerate() {
        assert!(v["solved_but_unanswered"].is_u64());
        let seats = [
            Seat::new(dept(&s, "it"), Strategy::Masher),
            Seat::new(dept(&s, "service"), Strategy::Attentive),
        ];
        let d = simulate_seated(&s, 1 + i as u64, &seats);
        for (row, want) in v["departments"]
            .as_array()
            .unwrap()
            .iter()
            .zip(&d.departments)
        {
            assert_eq!(row["strays"], want.strays);
            assert_eq!(row["double_work"], want.double_work);
            assert_eq!(row["chances"], want.chances);
            assert_eq!(row["chances_taken"], want.chances_taken);
        }
        assert!(v["departments"][2]["strays"].as_u64().unwrap() > 0);
    }
}

#[test]
fn a_bad_seat_is_a_clear_error_not_a_panic() {
    let (code, _, err) = tutti(&["simulate", LEVEL4, "--seat", "servce=own"]);
    assert_eq!(code, 1);
    assert!(err.contains("no department \"servce\""), "{err}");
    assert!(err.contains("did you mean \"service\""), "{err}");
    assert!(
        err.contains("\"service\", \"billing\", \"it\", \"sales\""),
        "{err}"
    );
    let (code, _, err) = tutti(&["simulate", LEVEL4, "--seat", "it=lazy"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("colleague, silent, own, attentive, masher"),
        "{err}"
    );
    let (code, _, err) = tutti(&["simulate", LEVEL4, "--seat", "it"]);
    assert_eq!(code, 2);
    assert!(err.contains("DEPT=STRATEGY"), "{err}");
    assert!(!err.contains("panicked"));
}
