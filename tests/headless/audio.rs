//! Offline renders measured: pitch, dissonance, headroom and timing of the synthesised sound.

use tutti::audio::score::{Cue, Timed};
use tutti::audio::{Levels, Renderer, SAMPLE_RATE, cues_from_events};
use tutti::scenario::{Instrument, Pitch, load_file};
use tutti::sim::{EventKind, SimBuilder, Tempo};

const RATE: f64 = SAMPLE_RATE as f64;

/// Renders `cues` for `secs` seconds; returns the left channel.
fn render(cues: Vec<Timed>, secs: f64) -> Vec<f32> {
    let mut r = Renderer::new(cues, Levels::default());
    let mut out = vec![[0.0f32; 2]; (secs * RATE) as usize];
    for block in out.chunks_mut(512) {
        r.render(block);
    }
    out.iter().map(|f| f[0]).collect()
}

/// In-place radix-2 FFT of (re, im) pairs; `buf.len()` is a power of two.
fn fft(buf: &mut [(f64, f64)]) {
    let n = buf.len();
    let mut j = 0;
    for i in 1..n {
        let mut bit = n >> 1;
        while j & bit != 0 {
            j ^= bit;
            bit >>= 1;
        }
        j |= bit;
        if i < j {
            buf.swap(i, j);
        }
    }
    let mut len = 2;
    while len <= n {
        let ang = -std::f64::consts::TAU / len as f64;
        for start in (0..n).step_by(len) {
            for k in 0..len / 2 {
                let (s, c) = (ang * k as f64).sin_cos();
                let (a, b) = (buf[start + k], buf[start + k + len / 2]);
                let t = (b.0 * c - b.1 * s, b.0 * s + b.1 * c);
                buf[start + k] = (a.0 + t.0, a.1 + t.1);
                buf[start + k + len / 2] = (a.0 - t.0, a.1 - t.1);
            }
        }
        len <<= 1;
    }
}

/// Magnitude spectrum with a Hann window (bin width RATE / n, n the next power of two).
fn spectrum(samples: &[f32]) -> Vec<f64> {
    let n = samples.len().next_power_of_two();
    let mut buf: Vec<(f64, f64)> = (0..n)
        .map(|i| match samples.get(i) {
            Some(&s) => {
                let w = 0.5 - 0.5 * (std::f64::consts::TAU * i as f64 / samples.len() as f64).cos();
                (f64::from(s) * w, 0.0)
            }
            None => (0.0, 0.0),
        })
        .collect();
    fft(&mut buf);
    buf[..n / 2].iter().map(|c| c.0.hypot(c.1)).collect()
}

/// Spectral peaks above `floor` × the highest: (frequency, amplitude).
fn peaks(spec: &[f64], n: usize, floor: f64) -> Vec<(f64, f64)> {
    let max = spec.iter().cloned().fold(0.0, f64::max);
    let bin = RATE / n as f64;
    (2..spec.len() - 1)
        .filter(|&i| spec[i] > spec[i - 1] && spec[i] >= spec[i + 1] && spec[i] > max * floor)
        .map(|i| {
            // Parabolic interpolation of the peak.
            let (a, b, c) = (spec[i - 1].ln(), spec[i].ln(), spec[i + 1].ln());
            let p = 0.5 * (a - c) / (a - 2.0 * b + c);
            ((i as f64 + p) * bin, spec[i])
        })
        .collect()
}

fn note(instrument: Instrument, pitch: Pitch) -> Vec<Timed> {
    vec![Timed {
        at: 0.0,
        cue: Cue::Note {
            instrument,
            pitch,
            secs: 1.0,
            pan: 0.0,
        },
    }]
}

#[test]
fn every_instrument_sounds_at_the_asked_pitch() {
    for instrument in Instrument::ALL {
        for pitch in [Pitch(50), Pitch(62), Pitch(69), Pitch(74)] {
            let samples = render(note(instrument, pitch), 1.0);
            let spec = spectrum(&samples[2_000..40_000]);
            let n = (38_000usize).next_power_of_two();
            let lowest = peaks(&spec, n, 0.2)
                .into_iter()
                .map(|p| p.0)
                .find(|f| *f > 30.0)
                .expect("a peak");
            // Vibrato spreads a line: take the centroid of the power within 3 % of the peak.
            let bin = RATE / n as f64;
            let (lo, hi) = (
                (lowest * 0.97 / bin) as usize,
                (lowest * 1.03 / bin) as usize + 1,
            );
            let (num, den) = (lo..=hi).fold((0.0, 0.0), |(a, b), i| {
                let p = spec[i] * spec[i];
                (a + p * i as f64 * bin, b + p)
            });
            let lowest = num / den;
            let want = pitch.hz();
            assert!(
                (lowest - want).abs() / want < 0.01,
                "{instrument:?} at {want:.1} Hz sounds at {lowest:.1} Hz"
            );
        }
    }
}

/// Sethares' roughness of a set of partials: how dissonant they sound together.
fn roughness(partials: &[(f64, f64)]) -> f64 {
    let mut r = 0.0;
    for (i, &(f1, a1)) in partials.iter().enumerate() {
        for &(f2, a2) in &partials[i + 1..] {
            let (lo, hi) = if f1 < f2 { (f1, f2) } else { (f2, f1) };
            let s = 0.24 / (0.021 * lo + 19.0);
            let d = hi - lo;
            r += a1 * a2 * ((-3.5 * s * d).exp() - (-5.75 * s * d).exp());
        }
    }
    r
}

fn normalised_roughness(cue: Cue) -> f64 {
    let samples = render(vec![Timed { at: 0.0, cue }], 0.5);
    let n = (20_000usize).next_power_of_two();
    let spec = spectrum(&samples[500..20_500]);
    let p = peaks(&spec, n, 0.05);
    let energy: f64 = p.iter().map(|x| x.1 * x.1).sum();
    roughness(&p) / energy.max(1e-12)
}

#[test]
fn a_drop_crash_is_far_more_dissonant_than_a_completed_phrase_chord() {
    // The example's "bill" phrase: D4 F#4 A4 D5, a D major chord.
    let chord = normalised_roughness(Cue::Chord {
        pitches: vec![Pitch(62), Pitch(66), Pitch(69), Pitch(74)],
    });
    let crash = normalised_roughness(Cue::Crash);
    eprintln!("roughness: chord {chord:.4}, crash {crash:.4}");
    assert!(crash > 3.0 * chord, "crash {crash} vs chord {chord}");
}

#[test]
fn the_mix_never_clips_even_with_sixteen_departments_at_once() {
    let s = load_file("benches/data/stress-16x2000.ron".as_ref()).unwrap();
    let mut short = s.clone();
    short.length_bars = 40;
    let events = SimBuilder::new(&short).build().run_to_end();
    let cues = cues_from_events(&short, &events, Tempo::from_bpm(short.tempo_bpm));
    let mut r = Renderer::new(
        cues,
        Levels {
            master: 1.0,
            music: 1.0,
            effects: 1.0,
        },
    );
    let mut block = [[0.0f32; 2]; 512];
    let (mut peak, mut frames) = (0.0f32, 0u64);
    while !r.is_done() {
        r.render(&mut block);
        frames += 512;
        for f in &block {
            peak = peak.max(f[0].abs()).max(f[1].abs());
        }
    }
    assert!(frames > 48_000 * 60, "a minute and more of music");
    assert!(peak <= tutti::audio::render::CEILING + 1e-4, "peak {peak}");
    assert!(peak > 0.1, "and it is not silent: {peak}");
    let limited = r.limited_frames as f64 / frames as f64;
    eprintln!(
        "peak {peak:.3}, limiter active in {:.2} % of frames",
        limited * 100.0
    );
    assert!(
        limited < 0.05,
        "the mix is staged so the limiter rarely works: {limited}"
    );
}

#[test]
fn colleague_notes_start_on_their_beats_without_drift() {
    // One marimba colleague playing a note on the first beat of every bar (a second) at 120 BPM,
    // with no timing spread, for 30 minutes: each onset must fall within 1 ms of its beat.
    let arrivals: Vec<String> = (1..=1800)
        .map(|b| format!("(bar: {b}, case: \"c\")"))
        .collect();
    let src = format!(
        r#"Scenario(
        title: "metronome", tempo_bpm: 120, beats_per_bar: 2, length_bars: 1800, lead_beats: 2,
        departments: [Department(id: "m", instrument: Marimba)],
        cases: [Case(id: "c", patience_bars: 100, steps: [Note(by: "m", pitch: "A4")])],
        arrivals: Scripted([{}]),
        colleagues: [Colleague(department: "m", skill: 1.0, timing_sd_ms: 0)],
    )"#,
        arrivals.join(",")
    );
    let s = tutti::scenario::load_str("metronome.ron", &src).unwrap();
    let events = SimBuilder::new(&s).build().run_to_end();
    let tempo = Tempo::from_bpm(120.0);
    let presses: Vec<f64> = events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Played { .. }))
        .map(|e| {
            assert_eq!(e.at.0.fract(), 0.0, "the colleague presses on the beat");
            e.at.0 * 0.5
        })
        .collect();
    assert!(presses.len() >= 1_700, "{} notes", presses.len());
    assert!(
        *presses.last().unwrap() > 29.0 * 60.0,
        "the render spans 30 minutes"
    );
    let cues: Vec<Timed> = cues_from_events(&s, &events, tempo)
        .into_iter()
        .filter(|t| matches!(t.cue, Cue::Note { .. }))
        .collect();
    let mut r = Renderer::new(cues, Levels::default());
    let mut block = vec![[0.0f32; 2]; 512];
    let mut found = Vec::new();
    let mut quiet = 10_000usize;
    let mut frame = 0usize;
    while !r.is_done() {
        r.render(&mut block);
        for f in &block {
            if f[0].abs() > 1e-4 {
                if quiet > 2_000 {
                    found.push(frame);
                }
                quiet = 0;
            } else {
                quiet += 1;
            }
            frame += 1;
        }
    }
    assert_eq!(found.len(), presses.len(), "one onset per note");
    let worst = found
        .iter()
        .zip(&presses)
        .map(|(&f, &t)| (f as f64 / RATE - t).abs() * 1000.0)
        .fold(0.0, f64::max);
    eprintln!(
        "worst onset error over {} notes: {worst:.3} ms",
        found.len()
    );
    assert!(worst < 1.0, "{worst} ms");
}

#[test]
fn a_cue_pushed_while_playing_starts_at_once_and_live_levels_apply() {
    let a4 = || Cue::Note {
        instrument: Instrument::Piano,
        pitch: Pitch(69),
        secs: 0.2,
        pan: 0.0,
    };
    let mut r = Renderer::with_rate(Vec::new(), Levels::default(), 44_100);
    let mut block = vec![[0.0f32; 2]; 441];
    r.render(&mut block);
    assert!(block.iter().all(|f| f[0] == 0.0), "silence before any cue");
    r.push(0, a4());
    r.render(&mut block);
    assert!(
        block[..20].iter().any(|f| f[0] != 0.0),
        "a late cue starts at the current frame"
    );
    // Let the note die away, then turn everything down: a new note is silent.
    for _ in 0..100 {
        r.render(&mut block);
    }
    r.set_levels(Levels {
        master: 0.0,
        music: 0.0,
        effects: 0.0,
    });
    r.push(0, a4());
    r.render(&mut block);
    assert!(
        block.iter().all(|f| f[0] == 0.0),
        "levels set while playing apply to new cues"
    );
    assert_eq!(r.sample_rate(), 44_100);
}

/// The game schedules colleague notes ahead on the audio clock from `Sim::planned_notes`: every
/// own note a colleague plays (gap notes and rescues are reactions, not plans) must have been
/// announced, at its exact time, before the simulation
/// reached it, and nothing announced may fail to sound.
#[test]
fn colleague_notes_are_known_ahead_at_the_time_they_are_played() {
    use std::collections::HashMap;
    let scenario = load_file("levels/00-mandag-i-kundeservice.da.ron".as_ref()).unwrap();
    let mut sim = SimBuilder::new(&scenario).build();
    let mut events = Vec::new();
    let mut announced: HashMap<(u32, usize), f64> = HashMap::new();
    let step = 0.05; // a frame at 60 fps is ~0.03 beat here
    let mut now = 0.0;
    while !sim.is_ended() && now < 2_000.0 {
        for n in sim.planned_notes(tutti::sim::Beat(now + 0.25)) {
            announced.insert((n.case.0, n.step), n.at.0);
        }
        now += step;
        sim.advance(tutti::sim::Beat(now), &[], &mut events);
    }
    let played: HashMap<(u32, usize), f64> = events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Played {
                case,
                step,
                kind: tutti::sim::PlayKind::Own,
                ..
            } => Some(((case.0, step), e.at.0)),
            _ => None,
        })
        .collect();
    assert!(played.len() > 20, "the piece has notes");
    for (key, at) in &played {
        assert_eq!(
            announced.get(key),
            Some(at),
            "note {key:?} played at {at} unannounced"
        );
    }
    for (key, at) in &announced {
        assert_eq!(
            played.get(key),
            Some(at),
            "note {key:?} announced for {at} never sounded"
        );
    }

    // A one-bar practice loop on a bar where a customer arrives ends with that case still open:
    // nothing more is announced after its end.
    let metre = tutti::sim::Metre {
        beats_per_bar: scenario.beats_per_bar,
    };
    let first = tutti::sim::plan_arrivals(&scenario, scenario.seed)[0].at;
    let bar = metre.bar_of(first);
    let mut sim = SimBuilder::new(&scenario)
        .bars(tutti::scenario::BarRange::new(bar, bar))
        .build();
    let mut now = sim.start_beat().0;
    while !sim.is_ended() {
        now += step;
        sim.advance(tutti::sim::Beat(now), &[], &mut events);
    }
    assert!(
        sim.open_cases().next().is_some(),
        "the loop cut cases short"
    );
    assert!(sim.planned_notes(tutti::sim::Beat(now + 100.0)).is_empty());
}
