//! The orchestra from a SoundFont: the lookup rule, bad files, pitch, headroom, onsets to the
//! sample, determinism and the switch between pieces, with the tiny SoundFont made for the tests
//! (`scripts/make-test-soundfont.py`), so no FluidR3 is needed.

use std::path::{Path, PathBuf};

use tutti::audio::score::{Cue, Timed};
use tutti::audio::soundfont::{
    self, FONT_BLOCK, Lookup, Origin, SoundSource, find_soundfont, resolve,
};
use tutti::audio::{Levels, Needs, Renderer, SAMPLE_RATE, cues_from_events};
use tutti::scenario::{Instrument, Pitch, load_file};
use tutti::sim::{SimBuilder, Tempo};

use super::audio::{peaks, spectrum};

const TINY: &str = "tests/data/tiny-gm.sf2";
const RATE: f64 = SAMPLE_RATE as f64;

/// The tiny SoundFont, loaded for every note of every instrument.
pub(crate) fn tiny() -> SoundSource {
    SoundSource::SoundFont(
        soundfont::load(Path::new(TINY), &Needs::every()).expect("the test SoundFont loads"),
    )
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tutti-sf-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_lookup_takes_the_environment_then_the_settings_then_fluidr3() {
    let tiny = Path::new(TINY);
    let missing = Path::new("/nonexistent/none.sf2");
    let env = |p: &str| Some(std::ffi::OsString::from(p));
    // The environment, when set, is the only place looked: even a missing file is tried (and
    // fails with a warning) rather than falling through to the settings or the default.
    assert_eq!(
        find_soundfont(env("/x/a.sf2").as_deref(), Some(tiny), tiny),
        Lookup::Try {
            path: "/x/a.sf2".into(),
            origin: Origin::Env
        }
    );
    // Set but empty: the synthesis.
    assert_eq!(
        find_soundfont(env("").as_deref(), Some(tiny), tiny),
        Lookup::Synthesis
    );
    assert_eq!(
        find_soundfont(None, Some(tiny), missing),
        Lookup::Try {
            path: tiny.into(),
            origin: Origin::Settings
        }
    );
    assert_eq!(
        find_soundfont(None, None, tiny),
        Lookup::Try {
            path: tiny.into(),
            origin: Origin::Default
        }
    );
    // No default installed: the synthesis, and nothing to warn about.
    assert_eq!(find_soundfont(None, None, missing), Lookup::Synthesis);
    let every = Needs::every();
    let loaded = resolve(&find_soundfont(None, None, missing), &every);
    assert!(loaded.source.font_name().is_none() && loaded.warning.is_none());
    let loaded = resolve(&find_soundfont(None, Some(tiny), missing), &every);
    assert_eq!(loaded.source.font_name(), Some("tiny-gm"));
}

#[test]
fn a_missing_truncated_or_corrupt_soundfont_is_a_warning_and_the_synthesis() {
    let dir = scratch_dir("bad");
    let whole = std::fs::read(TINY).unwrap();
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.sf2", Vec::new()),
        ("text.sf2", b"not a soundfont at all".to_vec()),
        ("half.sf2", whole[..whole.len() / 2].to_vec()),
        ("headless.sf2", whole[..40].to_vec()),
    ];
    // A sample chunk that claims four gigabytes.
    let mut huge = whole.clone();
    let at = huge.windows(4).position(|w| w == b"smpl").unwrap();
    huge[at + 4..at + 8].copy_from_slice(&u32::MAX.to_le_bytes());
    cases.push(("huge.sf2", huge));
    // Garbage in the middle of the presets.
    let mut scrambled = whole.clone();
    let at = scrambled.windows(4).position(|w| w == b"pdta").unwrap();
    for (i, b) in scrambled[at + 8..].iter_mut().enumerate() {
        *b = (i * 37 % 251) as u8;
    }
    cases.push(("scrambled.sf2", scrambled));
    for (name, bytes) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let lookup = Lookup::Try {
            path: path.clone(),
            origin: Origin::Env,
        };
        let loaded = resolve(&lookup, &Needs::every());
        // Read whole, as rustysynth reads a file, it is refused too.
        assert!(soundfont::load_whole(&path).is_err(), "{name}");
        assert!(loaded.source.font_name().is_none(), "{name}");
        let warning = loaded.warning.expect(name);
        assert!(
            warning.contains(&*path.to_string_lossy()) && warning.contains("synthesis"),
            "{name}: {warning}"
        );
    }
    let absent = Lookup::Try {
        path: dir.join("absent.sf2"),
        origin: Origin::Settings,
    };
    let loaded = resolve(&absent, &Needs::every());
    assert!(loaded.warning.is_some() && loaded.source.font_name().is_none());
    let _ = std::fs::remove_dir_all(dir);
}

/// Renders `cues` from `source` for `secs` seconds, in blocks of `block` frames.
pub(crate) fn render_from(
    source: &SoundSource,
    cues: Vec<Timed>,
    secs: f64,
    block: usize,
) -> Vec<[f32; 2]> {
    let mut r = Renderer::new(cues, Levels::default()).with_source(source);
    let mut out = vec![[0.0f32; 2]; (secs * RATE) as usize];
    for b in out.chunks_mut(block) {
        r.render(b);
    }
    out
}

pub(crate) fn note_at(at: f64, instrument: Instrument, pitch: Pitch) -> Timed {
    Timed {
        at,
        cue: Cue::Note {
            instrument,
            pitch,
            secs: 1.0,
            pan: 0.0,
        },
    }
}

/// The fundamental of `samples`, from the lowest strong spectral peak.
fn fundamental(samples: &[f32]) -> f64 {
    let spec = spectrum(samples);
    let n = samples.len().next_power_of_two();
    peaks(&spec, n, 0.2)
        .into_iter()
        .map(|p| p.0)
        .find(|f| *f > 30.0)
        .expect("a peak")
}

#[test]
fn every_instrument_from_the_soundfont_sounds_at_the_asked_pitch() {
    let source = tiny();
    for instrument in Instrument::ALL {
        for pitch in [Pitch(45), Pitch(62), Pitch(69), Pitch(81)] {
            let out = render_from(&source, vec![note_at(0.0, instrument, pitch)], 1.0, 512);
            let left: Vec<f32> = out[2_000..40_000].iter().map(|f| f[0]).collect();
            let got = fundamental(&left);
            let want = pitch.hz();
            assert!(
                (got - want).abs() / want < 0.01,
                "{instrument:?} at {want:.1} Hz sounds at {got:.1} Hz"
            );
        }
    }
}

#[test]
fn a_busy_tune_from_the_soundfont_is_soft_and_a_little_sharp() {
    let cue = Cue::Hum {
        instrument: Instrument::Flute,
        pitch: Pitch(69),
        secs: 1.0,
        pan: 0.0,
    };
    for source in [SoundSource::Synthesis, tiny()] {
        let hum = render_from(
            &source,
            vec![Timed {
                at: 0.0,
                cue: cue.clone(),
            }],
            1.0,
            512,
        );
        let played = render_from(
            &source,
            vec![note_at(0.0, Instrument::Flute, Pitch(69))],
            1.0,
            512,
        );
        let left: Vec<f32> = hum[2_000..40_000].iter().map(|f| f[0]).collect();
        let cents = 1200.0 * (fundamental(&left) / 440.0).log2();
        assert!(
            (25.0..=55.0).contains(&cents),
            "{source:?}: {cents:.1} cents sharp"
        );
        let rms = |o: &[[f32; 2]]| {
            (o.iter().map(|f| f64::from(f[0]).powi(2)).sum::<f64>() / o.len() as f64).sqrt()
        };
        assert!(
            rms(&hum) < rms(&played) * 0.5,
            "{source:?}: softer than a played note"
        );
    }
}

#[test]
fn soundfont_notes_start_on_their_exact_sample_whatever_the_blocks() {
    let source = tiny();
    // A note at frame 0, and the same note 12,345 frames later rendered in odd blocks: the
    // second is the first moved by exactly 12,345 frames, sample for sample.
    let at = 12_345usize;
    let first = render_from(
        &source,
        vec![note_at(0.0, Instrument::Violin, Pitch(64))],
        0.6,
        512,
    );
    let later = render_from(
        &source,
        vec![note_at(at as f64 / RATE, Instrument::Violin, Pitch(64))],
        0.6 + at as f64 / RATE,
        441,
    );
    assert!(
        later[..at].iter().all(|f| f[0] == 0.0 && f[1] == 0.0),
        "silent before"
    );
    assert_eq!(&later[at..at + first.len()], &first[..], "to the sample");
    let onset = first.iter().position(|f| f[0] != 0.0).unwrap();
    assert!(onset < 4, "sounds from its first frames: {onset}");
    // The key is let go on a whole block: it has stopped well before the 1 s hold plus a
    // quarter-second release of the test font is over.
    let mut r = Renderer::new(
        vec![note_at(0.0, Instrument::Violin, Pitch(64))],
        Levels::default(),
    )
    .with_source(&source);
    let mut block = vec![[0.0f32; 2]; FONT_BLOCK * 3];
    let mut frames = 0;
    while !r.is_done() {
        r.render(&mut block);
        frames += block.len();
        assert!(frames < SAMPLE_RATE as usize * 3, "the note ends");
    }
}

#[test]
fn a_soundfont_performance_never_clips_and_renders_the_same_twice() {
    let s = load_file("benches/data/stress-16x2000.ron".as_ref()).unwrap();
    let mut short = s.clone();
    short.length_bars = 24;
    let events = SimBuilder::new(&short).build().run_to_end();
    let cues = cues_from_events(&short, &events, Tempo::from_bpm(short.tempo_bpm));
    let loud = Levels {
        master: 1.0,
        music: 1.0,
        effects: 1.0,
    };
    let source = tiny();
    let render = || {
        let mut r = Renderer::new(cues.clone(), loud).with_source(&source);
        let mut block = [[0.0f32; 2]; 512];
        let mut all = Vec::new();
        while !r.is_done() {
            r.render(&mut block);
            all.extend_from_slice(&block);
        }
        all
    };
    let a = render();
    let peak = a
        .iter()
        .fold(0.0f32, |m, f| m.max(f[0].abs()).max(f[1].abs()));
    assert!(peak <= tutti::audio::render::CEILING + 1e-4, "peak {peak}");
    assert!(peak > 0.1, "and not silent: {peak}");
    assert!(a == render(), "the same events, the same samples");
}

#[test]
fn the_source_changes_from_the_next_note_on_and_sounding_notes_ring_on() {
    let source = tiny();
    let mut r = Renderer::new(
        vec![note_at(0.0, Instrument::Horn, Pitch(57))],
        Levels::default(),
    );
    let mut block = vec![[0.0f32; 2]; 4_800];
    r.render(&mut block);
    let synth_before = block.clone();
    r.set_source(&source);
    assert_eq!(r.source().font_name(), Some("tiny-gm"));
    r.render(&mut block);
    // The synthesised note rings on exactly as it would have.
    let mut plain = Renderer::new(
        vec![note_at(0.0, Instrument::Horn, Pitch(57))],
        Levels::default(),
    );
    let mut expected = vec![[0.0f32; 2]; 4_800];
    plain.render(&mut expected);
    assert_eq!(expected, synth_before);
    plain.render(&mut expected);
    assert_eq!(
        expected, block,
        "a sounding note is not touched by the switch"
    );
    r.set_source(&SoundSource::Synthesis);
    assert!(r.source().font_name().is_none());
}

/// With FluidR3 installed: each instrument's loudness from the SoundFont against the synthesis
/// (for setting the mixer's SoundFont gain). `cargo test -- --ignored font_levels --nocapture`.
#[test]
#[ignore]
fn font_levels() {
    let Ok(font) = soundfont::load(Path::new(soundfont::DEFAULT_PATH), &Needs::every()) else {
        return;
    };
    let font = SoundSource::SoundFont(font);
    let rms = |o: &[[f32; 2]]| {
        (o.iter()
            .map(|f| f64::from(f[0]).powi(2) + f64::from(f[1]).powi(2))
            .sum::<f64>()
            / o.len() as f64)
            .sqrt()
    };
    for instrument in Instrument::ALL {
        for pitch in [Pitch(50), Pitch(62), Pitch(74)] {
            let cue = || vec![note_at(0.0, instrument, pitch)];
            let synth = rms(&render_from(&SoundSource::Synthesis, cue(), 0.5, 512));
            let sf = rms(&render_from(&font, cue(), 0.5, 512));
            println!(
                "{instrument:?} {pitch:?}: synth {synth:.4} font {sf:.4} ratio {:.2}",
                synth / sf
            );
        }
    }
}

/// A colleague busy in bars 16–24 (the example's IT) hums its own tune from bar 16 to 24, when the
/// computer plays it; a department a person plays, or a bar outside the spell, hums nothing.
#[test]
fn a_busy_colleague_hums_only_in_its_busy_bars_and_only_when_the_computer_plays_it() {
    use tutti::audio::score::busy_cues;
    use tutti::scenario::DeptId;
    let s = load_file("levels/00-mandag-i-kundeservice.da.ron".as_ref()).unwrap();
    let tempo = Tempo::from_bpm(s.tempo_bpm);
    let busy: Vec<DeptId> = s
        .dept_ids()
        .filter(|&d| !s.colleague(d).busy.is_empty())
        .collect();
    assert_eq!(busy.len(), 1, "the example has one busy colleague");
    for bar in 1..=s.length_bars {
        let cues = busy_cues(&s, bar, tempo, |_| false);
        if (16..=24).contains(&bar) {
            let [Cue::Busy(tune)] = &cues[..] else {
                panic!("bar {bar}: {cues:?}")
            };
            assert_eq!(tune.instrument, s.department(busy[0]).instrument);
            assert_eq!(tune.beats, s.beats_per_bar);
        } else {
            assert!(cues.is_empty(), "bar {bar}: {cues:?}");
        }
        assert!(busy_cues(&s, bar, tempo, |d| d == busy[0]).is_empty());
    }
    // In a whole performance the tune's bars are there, from its bar-start events.
    let events = SimBuilder::new(&s).build().run_to_end();
    let tunes = cues_from_events(&s, &events, tempo)
        .into_iter()
        .filter(|t| matches!(t.cue, Cue::Busy(_)))
        .count();
    assert_eq!(tunes, 9, "bars 16 to 24");
}

/// A rescued note cheers; an own note does not; the cheer is heard, briefly.
#[test]
fn a_rescue_gets_a_cheer() {
    use tutti::scenario::TemplateId;
    use tutti::sim::{Beat, CaseId, Event, EventKind, Grade, Judgement, Millis, PlayKind};
    let s = load_file("levels/00-mandag-i-kundeservice.da.ron".as_ref()).unwrap();
    let played = |kind| Event {
        at: Beat(8.0),
        kind: EventKind::Played {
            case: CaseId(0),
            template: TemplateId(0),
            step: 0,
            dept: tutti::scenario::DeptId(0),
            kind,
            judgement: Judgement {
                grade: Grade::Perfect,
                offset: Millis(0.0),
            },
        },
    };
    let tempo = Tempo::from_bpm(s.tempo_bpm);
    let cues = tutti::audio::cues_for(&s, &played(PlayKind::Rescue), tempo, |_| false);
    assert!(
        matches!(cues[..], [Cue::Note { .. }, Cue::Cheer]),
        "{cues:?}"
    );
    let cues = tutti::audio::cues_for(&s, &played(PlayKind::Own), tempo, |_| false);
    assert!(matches!(cues[..], [Cue::Note { .. }]), "{cues:?}");
    let out = render_from(
        &SoundSource::Synthesis,
        vec![Timed {
            at: 0.0,
            cue: Cue::Cheer,
        }],
        1.5,
        512,
    );
    let loud = |from: f64, to: f64| {
        out[(from * RATE) as usize..(to * RATE) as usize]
            .iter()
            .any(|f| f[0].abs() > 0.01)
    };
    assert!(loud(0.05, 0.3) && !loud(1.0, 1.5), "a short cheer");
}

/// The example's cues of note between two times (for describing an excerpt):
/// `cargo test -- --ignored example_cues --nocapture`.
#[test]
#[ignore]
fn example_cues() {
    let s = load_file("levels/00-mandag-i-kundeservice.da.ron".as_ref()).unwrap();
    let events = SimBuilder::new(&s).build().run_to_end();
    for t in cues_from_events(&s, &events, Tempo::from_bpm(s.tempo_bpm)) {
        if (20.0..45.0).contains(&t.at) && !matches!(t.cue, Cue::Pulse { .. } | Cue::Phrase { .. })
        {
            println!("{:6.2} {:?}", t.at - 20.0, t.cue);
        }
    }
}

/// How long the audio thread takes, once, to make FluidR3's synthesisers ready when the game
/// switches to it between pieces (docs/playing.md, Sound). Needs `fluid-soundfont-gm`:
/// `cargo test --test headless fluidr3_switch_time -- --ignored --nocapture`.
#[test]
#[ignore]
fn fluidr3_switch_time() {
    let path = std::path::Path::new("/usr/share/sounds/sf2/FluidR3_GM.sf2");
    let font = tutti::audio::soundfont::load(path, &Needs::every()).expect("FluidR3 installed");
    let started = std::time::Instant::now();
    let player = tutti::audio::soundfont::FontPlayer::new(font, 48_000);
    println!("pool ready in {:?}", started.elapsed());
    assert!(player.is_some());
}
