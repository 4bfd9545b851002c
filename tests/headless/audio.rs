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
pub(crate) fn spectrum(samples: &[f32]) -> Vec<f64> {
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
pub(crate) fn peaks(spec: &[f64], n: usize, floor: f64) -> Vec<(f64, f64)> {
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

// ---- Issue 10: the failure heard (the phone, the hanging phrase, strays and double work) ----

use tutti::audio::phone::{CADENCE, PHONE_SECS};
use tutti::audio::{Hang, cues_for};
use tutti::sim::{Beat, CaseId, Event};

/// Three departments; a phrase of two own notes and the call back as a gap note between the
/// second and the third.
fn three_chairs() -> tutti::scenario::Scenario {
    tutti::scenario::load_str(
        "chairs.ron",
        r#"Scenario(
        title: "chairs", tempo_bpm: 120,
        departments: [
            Department(id: "a", instrument: Violin),
            Department(id: "b", instrument: Clarinet),
            Department(id: "c", instrument: Marimba),
        ],
        cases: [Case(id: "x", steps: [
            Note(by: "a", pitch: "C4"), Note(by: "b", pitch: "E4"),
            Gap(between: ("b", "c"), pitch: "G4"),
        ])],
    )"#,
    )
    .unwrap()
}

fn cues_of(s: &tutti::scenario::Scenario, kind: EventKind) -> Vec<Cue> {
    let e = Event {
        at: Beat(8.0),
        kind,
    };
    cues_for(s, &e, Tempo::from_bpm(120.0), |_| false)
}

#[test]
fn a_lost_case_rings_the_phone_and_an_unanswered_one_also_hangs() {
    let s = three_chairs();
    let lost = |solved_but_unanswered| EventKind::Lost {
        case: CaseId(7),
        step: 2,
        solved_but_unanswered,
    };
    assert_eq!(cues_of(&s, lost(false)), vec![Cue::Phone]);
    assert_eq!(
        cues_of(&s, lost(true)),
        vec![Cue::Phone, Cue::Hang { case: 7 }]
    );
    // The phrase to hang is remembered on arrival: the notes before the last, in their
    // departments' instruments, then a suspended fourth on the last note heard (E4: E A B).
    let arrived = cues_of(
        &s,
        EventKind::Arrived {
            case: CaseId(7),
            template: tutti::scenario::TemplateId(0),
            dues: vec![Beat(2.0), Beat(4.0), Beat(6.0)],
        },
    );
    let [Cue::Phrase { case: 7, hang }] = &arrived[..] else {
        panic!("{arrived:?}");
    };
    let notes: Vec<(Instrument, Pitch)> = hang.notes.iter().map(|n| (n.0, n.1)).collect();
    assert_eq!(
        notes,
        vec![
            (Instrument::Violin, Pitch(60)),
            (Instrument::Clarinet, Pitch(64))
        ]
    );
    assert_eq!(hang.suspension, vec![Pitch(64), Pitch(69), Pitch(71)]);
}

#[test]
fn a_stray_is_a_muted_wrong_note_and_double_work_a_clash() {
    let s = three_chairs();
    let b = s.department_index("b").unwrap();
    let c = s.department_index("c").unwrap();
    let [
        Cue::Muted {
            instrument, pitch, ..
        },
    ] = cues_of(&s, EventKind::Stray { dept: b })[..]
    else {
        panic!("a stray is one muted note");
    };
    assert_eq!(instrument, Instrument::Clarinet);
    assert_eq!(pitch, Pitch(65), "a semitone above b's own E4");
    // c owns no note: its wrong note is a semitone off the gap note it may take (G4).
    let c_stray = cues_of(&s, EventKind::Stray { dept: c });
    assert!(matches!(
        c_stray[..],
        [Cue::Muted {
            instrument: Instrument::Marimba,
            pitch: Pitch(68),
            ..
        }]
    ));
    let clash = cues_of(
        &s,
        EventKind::DoubleWork {
            case: CaseId(1),
            step: 2,
            dept: c,
        },
    );
    assert!(
        matches!(
            clash[..],
            [Cue::Clash {
                instrument: Instrument::Marimba,
                ..
            }]
        ),
        "{clash:?}"
    );
}

/// Root-mean-square level of `samples[from..to]` (seconds).
fn rms(samples: &[f32], from: f64, to: f64) -> f64 {
    let part = &samples[(from * RATE) as usize..(to * RATE) as usize];
    (part.iter().map(|s| f64::from(*s).powi(2)).sum::<f64>() / part.len() as f64).sqrt()
}

/// The frequency with the most energy in `samples`.
fn dominant(samples: &[f32]) -> f64 {
    let n = samples.len().next_power_of_two();
    let spec = spectrum(samples);
    let i = (1..spec.len())
        .max_by(|&a, &b| spec[a].total_cmp(&spec[b]))
        .unwrap();
    i as f64 * RATE / n as f64
}

#[test]
fn the_phone_rings_where_a_phone_rings_in_its_cadence_unlike_the_crash() {
    let at0 = |cue| vec![Timed { at: 0.0, cue }];
    let phone = render(at0(Cue::Phone), 3.0);
    for &(on, off) in &CADENCE {
        let f = dominant(&phone[((on + 0.05) * RATE) as usize..((off - 0.05) * RATE) as usize]);
        assert!((390.0..=460.0).contains(&f), "ring at {on} s: {f:.1} Hz");
    }
    // Energy on, off, on: each ring is loud, each pause silent, and it ends.
    // As loud as a played note: it must be heard over the orchestra.
    let ring = rms(&phone, 0.05, 0.35);
    let played = rms(&render(note(Instrument::Violin, Pitch(69)), 0.5), 0.1, 0.4);
    eprintln!("phone rms {ring:.3}, violin A4 rms {played:.3}");
    assert!(ring > played, "ring {ring} vs note {played}");
    for (on, off) in [(0.42, 0.58), (1.02, 1.58), (2.02, 2.18), (PHONE_SECS, 3.0)] {
        let pause = rms(&phone, on, off);
        assert!(
            pause < ring * 0.01,
            "pause {on}–{off} s: {pause} vs ring {ring}"
        );
    }
    for &(on, off) in &CADENCE {
        let r = rms(&phone, on + 0.05, off - 0.05);
        assert!(r > ring * 0.7, "ring {on}–{off} s: {r}");
    }
    // The drop's crash has its energy low, far below the phone's bells.
    let crash = render(at0(Cue::Crash), 0.3);
    let f = dominant(&crash[500..14_000]);
    assert!(f < 200.0, "crash at {f:.1} Hz");
}

#[test]
fn a_stray_is_short_and_softer_than_a_note_and_a_clash_a_short_semitone_milder_than_a_crash() {
    let at0 = |cue| vec![Timed { at: 0.0, cue }];
    let peak = |s: &[f32]| s.iter().fold(0.0f32, |m, x| m.max(x.abs()));
    for instrument in Instrument::ALL {
        let played = render(note(instrument, Pitch(62)), 0.5);
        let stray = render(
            at0(Cue::Muted {
                instrument,
                pitch: Pitch(63),
                pan: 0.0,
            }),
            0.5,
        );
        assert!(
            peak(&stray) < 0.5 * peak(&played),
            "{instrument:?}: stray {} vs note {}",
            peak(&stray),
            peak(&played)
        );
        assert!(peak(&stray) > 0.0);
        assert!(
            peak(&stray[(0.13 * RATE) as usize..]) == 0.0,
            "{instrument:?} over in 130 ms"
        );
    }
    let clash = render(
        at0(Cue::Clash {
            instrument: Instrument::Flute,
            pitch: Pitch(69),
            pan: 0.0,
        }),
        0.5,
    );
    let spec = spectrum(&clash[500..7_000]);
    let n = 6_500usize.next_power_of_two();
    let lines: Vec<f64> = peaks(&spec, n, 0.3).into_iter().map(|p| p.0).collect();
    eprintln!("clash lines {lines:?}");
    assert!(lines.iter().any(|f| (f - 440.0).abs() < 12.0), "{lines:?}");
    assert!(lines.iter().any(|f| (f - 466.2).abs() < 12.0), "{lines:?}");
    assert!(peak(&clash[(0.25 * RATE) as usize..]) == 0.0, "short");
    let crash = render(at0(Cue::Crash), 0.5);
    assert!(peak(&clash) < peak(&crash), "milder than the crash");
}

#[test]
fn a_hanging_phrase_plays_all_but_its_last_note_and_holds_a_suspended_fourth() {
    let s = three_chairs();
    let hang =
        tutti::audio::score::hang_of(&s, tutti::scenario::TemplateId(0), Tempo::from_bpm(120.0));
    let cues = vec![
        Timed {
            at: 0.0,
            cue: Cue::Phrase {
                case: 3,
                hang: hang.clone(),
            },
        },
        Timed {
            at: 1.0,
            cue: Cue::Hang { case: 3 },
        },
    ];
    let samples = render(cues, 8.0);
    let start = 1.0 + Hang::DELAY;
    assert!(
        rms(&samples, 0.0, start - 0.01) == 0.0,
        "silent until the phone has rung"
    );
    let step = f64::from(hang.step_secs);
    for (i, (_, pitch, _)) in hang.notes.iter().enumerate() {
        let from = start + step * i as f64;
        let f = dominant(
            &samples[((from + 0.03) * RATE) as usize..((from + step * 0.8) * RATE) as usize],
        );
        assert!(
            (f - pitch.hz()).abs() / pitch.hz() < 0.03,
            "note {i}: {f:.1} Hz"
        );
    }
    let sus = start + hang.suspension_at();
    assert_suspended_fourth(&samples, sus, &hang.suspension);
    // It fades without resolving: quieter after two seconds, then gone.
    let held = rms(&samples, sus + 0.1, sus + 0.5);
    assert!(rms(&samples, sus + 1.5, sus + 2.0) < held * 0.6);
    assert!(rms(&samples, sus + 2.7, 8.0) == 0.0);
    // A hang for a case never remembered is silent.
    assert!(
        render(
            vec![Timed {
                at: 0.0,
                cue: Cue::Hang { case: 9 }
            }],
            6.0
        )
        .iter()
        .all(|s| *s == 0.0)
    );
}

/// The suspended chord starting at `sus` seconds: root, fourth and fifth sound; the third they
/// lean towards never does.
fn assert_suspended_fourth(samples: &[f32], sus: f64, suspension: &[Pitch]) {
    let window = &samples[((sus + 0.1) * RATE) as usize..((sus + 0.6) * RATE) as usize];
    let n = window.len().next_power_of_two();
    let lines: Vec<f64> = peaks(&spectrum(window), n, 0.08)
        .into_iter()
        .map(|p| p.0)
        .collect();
    let has = |hz: f64| lines.iter().any(|f| (f - hz).abs() / hz < 0.01);
    for p in suspension {
        assert!(has(p.hz()), "{:.1} Hz missing from {lines:?}", p.hz());
    }
    let root = suspension[0];
    assert!(
        !has(Pitch(root.0 + 4).hz()) && !has(Pitch(root.0 + 3).hz()),
        "{lines:?}"
    );
}

/// Level 04's calls nobody makes: every lost case in a performance rings the phone at its loss,
/// the unanswered ones hang, and the whole render, phones and all, never clips.
#[test]
fn in_a_performance_each_loss_rings_and_nothing_clips() {
    let s = load_file("levels/04-the-call-nobody-makes.en.ron".as_ref()).unwrap();
    let events = SimBuilder::new(&s).seed(1).build().run_to_end();
    let tempo = Tempo::from_bpm(s.tempo_bpm);
    let secs = |b: Beat| tempo.millis(b).0 / 1000.0;
    let lost: Vec<(f64, bool)> = events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Lost {
                solved_but_unanswered,
                ..
            } => Some((secs(e.at), solved_but_unanswered)),
            _ => None,
        })
        .collect();
    eprintln!("losses (seconds, solved but unanswered): {lost:?}");
    assert!(lost.iter().any(|l| l.1), "seed 1 leaves a call unmade");
    let cues = cues_from_events(&s, &events, tempo);
    for &(at, unanswered) in &lost {
        let here = |c: &Cue| cues.iter().any(|t| t.at == at && t.cue == *c);
        assert!(here(&Cue::Phone), "a phone at {at}");
        assert_eq!(
            cues.iter()
                .any(|t| t.at == at && matches!(t.cue, Cue::Hang { .. })),
            unanswered
        );
    }
    let loud = Levels {
        master: 1.0,
        music: 1.0,
        effects: 1.0,
    };
    let mut r = Renderer::new(cues, loud);
    let mut out = Vec::new();
    let mut block = [[0.0f32; 2]; 512];
    while !r.is_done() {
        r.render(&mut block);
        out.extend(block.iter().map(|f| f[0].abs().max(f[1].abs())));
    }
    let peak = out.iter().fold(0.0f32, |m, x| m.max(*x));
    assert!(peak <= tutti::audio::render::CEILING + 1e-4, "peak {peak}");
    // Around the first loss the bells dominate the mix.
    let (at, _) = lost[0];
    let left = render_left(&s, &events, tempo, at + 0.05, at + 0.35);
    let f = dominant(&left);
    assert!(
        (390.0..=460.0).contains(&f),
        "at the loss the mix peaks at {f:.1} Hz"
    );
}

/// The left channel of a whole performance's render between `from` and `to` seconds.
fn render_left(
    s: &tutti::scenario::Scenario,
    events: &[Event],
    tempo: Tempo,
    from: f64,
    to: f64,
) -> Vec<f32> {
    let samples = render(cues_from_events(s, events, tempo), to);
    samples[(from * RATE) as usize..].to_vec()
}

#[test]
fn a_press_too_early_is_heard_as_a_wrong_note_then_the_crash_of_the_missed_note() {
    let s = three_chairs();
    let b = s.department_index("b").unwrap();
    let (case, step) = (CaseId(1), 1);
    let heard: Vec<Vec<Cue>> = [
        EventKind::Stray { dept: b },
        EventKind::TooEarly {
            dept: b,
            case,
            step,
        },
        EventKind::Dropped { case, step },
    ]
    .into_iter()
    .map(|k| cues_of(&s, k))
    .collect();
    assert!(matches!(heard[0][..], [Cue::Muted { .. }]), "{heard:?}");
    assert!(
        heard[1].is_empty(),
        "being too early adds no sound of its own"
    );
    assert!(matches!(heard[2][..], [Cue::Crash]), "{heard:?}");
}
