//! Speed of the simulation and of `check`.
//!
//! `cargo bench --bench simulate` measures:
//! - `simulate/stress-16x2000`: a whole 16-department, 2,000-bar, 120 BPM piece with two arrivals
//!   a bar (about 4,000 cases), every department a colleague (goal: under 20 ms);
//! - `check/1mib`: parsing and validating a 1 MiB scenario (goal: well under 100 ms);
//! - `audio/example-whole-piece`: rendering the example's ~89 s offline (goal: 50× real time);
//! - `audio/512-frame-block-16-departments`: one audio block in a busy 16-department passage
//!   (goal: well inside its 10.7 ms).
//!
//! It also writes that 1 MiB scenario to `target/bench-data/big-1mib.ron` so the whole process
//! can be timed too (see docs/speed.md).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tutti::audio::{Levels, Renderer, cues_from_events};
use tutti::scenario::{load_file, load_str};
use tutti::sim::{SimBuilder, Tempo};

const STRESS: &str = "benches/data/stress-16x2000.ron";

/// A valid scenario of about 1 MiB: 200 case templates of 32 labelled steps, 16 departments,
/// and 20,000 scripted arrivals.
fn big_scenario() -> String {
    let mut s = String::from(
        "Scenario(\n    title: \"Big\",\n    tempo_bpm: 120,\n    beats_per_bar: 16,\n    length_bars: 2000,\n    departments: [\n",
    );
    for d in 0..16 {
        s += &format!("        Department(id: \"dept{d}\", name: \"Department number {d}\"),\n");
    }
    s += "    ],\n    cases: [\n";
    for c in 0..200 {
        s += &format!(
            "        Case(id: \"case{c}\", name: \"Customer request number {c}\", steps: [\n"
        );
        for st in 0..32 {
            s += &format!(
                "            Note(by: \"dept{}\", pitch: \"D4\", beats: 1, label: \"Step {st} of request {c}\"),\n",
                (c + st) % 16
            );
        }
        s += "        ]),\n";
    }
    s += "    ],\n    arrivals: Scripted([\n";
    let mut bar = 1;
    while s.len() < 1024 * 1024 - 64 && bar <= 2000 * 10 {
        s += &format!(
            "        (bar: {}, case: \"case{}\"),\n",
            bar / 10 + 1,
            bar % 200
        );
        bar += 1;
    }
    s += "    ]),\n)\n";
    s
}

fn benches(c: &mut Criterion) {
    let stress = load_file(STRESS.as_ref()).expect("stress scenario");
    let cases = SimBuilder::new(&stress).build().run_to_end();
    eprintln!("stress-16x2000: {} events", cases.len());
    c.bench_function("simulate/stress-16x2000", |b| {
        b.iter(|| black_box(SimBuilder::new(&stress).build().run_to_end().len()))
    });

    let big = big_scenario();
    assert!(big.len() <= 1024 * 1024, "{} bytes", big.len());
    load_str("big.ron", &big).expect("the big scenario is valid");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::write(dir.join("big-1mib.ron"), &big);
    }
    c.bench_function("check/1mib", |b| {
        b.iter(|| black_box(load_str("big.ron", &big).is_ok()))
    });

    // Offline audio: the whole example piece (about 89 s of music), and one 512-frame block in
    // the stress piece's thick of it.
    let example = load_file("levels/00-mandag-i-kundeservice.da.ron".as_ref()).expect("example");
    let events = SimBuilder::new(&example).build().run_to_end();
    let cues = cues_from_events(&example, &events, Tempo::from_bpm(example.tempo_bpm));
    c.bench_function("audio/example-whole-piece", |b| {
        b.iter(|| {
            let mut r = Renderer::new(cues.clone(), Levels::default());
            let mut block = [[0.0f32; 2]; 512];
            while !r.is_done() {
                r.render(&mut block);
            }
            black_box(r.position())
        })
    });
    let mut short = stress.clone();
    short.length_bars = 60;
    let events = SimBuilder::new(&short).build().run_to_end();
    let cues = cues_from_events(&short, &events, Tempo::from_bpm(short.tempo_bpm));
    let mut r = Renderer::new(cues, Levels::default());
    let mut block = [[0.0f32; 2]; 512];
    for _ in 0..(30 * 48_000 / 512) {
        r.render(&mut block);
    }
    c.bench_function("audio/512-frame-block-16-departments", |b| {
        b.iter(|| {
            r.render(&mut block);
            black_box(block[0][0])
        })
    });
}

criterion_group! {
    name = simulate;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(simulate);
