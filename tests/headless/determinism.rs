//! Same scenario, seed and presses: the same performance, to the event.

use tutti::scenario::{DeptId, load_file};
use tutti::sim::{Beat, Press, SimBuilder};

fn example() -> tutti::scenario::Scenario {
    load_file("levels/00-mandag-i-kundeservice.da.ron".as_ref()).unwrap()
}

#[test]
fn the_same_seed_gives_the_same_events() {
    let s = example();
    let a = SimBuilder::new(&s).seed(42).build().run_to_end();
    let b = SimBuilder::new(&s).seed(42).build().run_to_end();
    assert!(a.len() > 100, "a real performance: {} events", a.len());
    assert_eq!(a, b);
    let c = SimBuilder::new(&s).seed(43).build().run_to_end();
    assert_ne!(a, c, "another seed plays differently");
}

#[test]
fn the_same_presses_give_the_same_events_however_the_time_is_sliced() {
    let s = example();
    // A person plays "service" (department 0) and presses on every beat of the first 40 bars.
    let presses: Vec<Press> = (0..160)
        .map(|b| Press::new(Beat(f64::from(b) + 0.01), DeptId(0)))
        .collect();
    let whole = {
        let mut sim = SimBuilder::new(&s).human(DeptId(0)).build();
        let mut out = Vec::new();
        sim.advance(Beat(100_000.0), &presses, &mut out);
        out
    };
    // The same, fed frame by frame (60 fps at 96 BPM ≈ 0.027 beats a frame) as the game does.
    let framed = {
        let mut sim = SimBuilder::new(&s).human(DeptId(0)).build();
        let mut out = Vec::new();
        let mut t = 0.0;
        let mut next = 0;
        while !sim.is_ended() && t < 400.0 {
            t += 96.0 / 60.0 / 60.0;
            let start = next;
            while next < presses.len() && presses[next].at.0 <= t {
                next += 1;
            }
            sim.advance(Beat(t), &presses[start..next], &mut out);
        }
        out
    };
    assert_eq!(whole, framed);
}
