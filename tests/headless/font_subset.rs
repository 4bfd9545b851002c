//! Only what a scenario's notes need of a SoundFont: with `tests/data/layered-gm.sf2` (made by
//! `scripts/make-layered-soundfont.py`, laid out like FluidR3: presets the game never asks for,
//! global zones, a split keyboard, a stereo pair, offsets, soft zones), what is kept plays sample
//! for sample as the whole file does, a note it was not loaded for is synthesised, every level
//! needs what its performance plays, and damaged lists are refused or played, never a panic.

use std::path::Path;

use tutti::audio::score::font_notes;
use tutti::audio::score::{Cue, Timed, font_needs};
use tutti::audio::soundfont::{self, Font, SoundSource};
use tutti::audio::{Levels, Needs, Renderer, cues_from_events};
use tutti::scenario::{Instrument, Pitch, Scenario, load_file};
use tutti::sim::{SimBuilder, Tempo};

use super::soundfont::{note_at, render_from};

pub(crate) const LAYERED: &str = "tests/data/layered-gm.sf2";
pub(crate) const SIXTEEN: &str = "tests/scenarios/sixteen-departments.ron";

/// The layered SoundFont, whole, as rustysynth reads a file.
fn whole() -> Font {
    soundfont::load_whole(Path::new(LAYERED)).expect("the layered SoundFont loads")
}

/// What `needs` need of the layered SoundFont.
fn part(needs: &Needs) -> Font {
    soundfont::load(Path::new(LAYERED), needs).expect("the layered SoundFont loads")
}

fn source(font: &Font) -> SoundSource {
    SoundSource::SoundFont(font.clone())
}

/// Every cue of a performance of `s` with every department played by the computer.
fn performance_cues(s: &Scenario) -> Vec<Timed> {
    let events = SimBuilder::new(s).build().run_to_end();
    cues_from_events(s, &events, Tempo::from_bpm(s.tempo_bpm))
}

#[test]
fn every_note_of_every_instrument_sounds_as_from_the_whole_file() {
    let (whole, part) = (source(&whole()), source(&part(&Needs::every())));
    for instrument in Instrument::ALL {
        for key in [0u8, 21, 45, 59, 60, 62, 72, 99, 100, 121, 127] {
            let cues = vec![
                note_at(0.0, instrument, Pitch(key)),
                Timed {
                    at: 0.3,
                    cue: Cue::Hum {
                        instrument,
                        pitch: Pitch(key),
                        secs: 0.4,
                        pan: 0.5,
                    },
                },
            ];
            let a = render_from(&whole, cues.clone(), 1.6, 512);
            let b = render_from(&part, cues, 1.6, 512);
            // (The layered timpani has no zone for keys 100 to 119.)
            let gap = instrument == Instrument::Timpani && (100..120).contains(&key);
            assert!(
                gap || a.iter().any(|f| f[0] != 0.0),
                "{instrument:?} {key} sounds"
            );
            assert!(a == b, "{instrument:?} at key {key}: not the same samples");
        }
    }
}

#[test]
fn a_whole_performance_of_sixteen_departments_sounds_as_from_the_whole_file() {
    let s = load_file(SIXTEEN.as_ref()).unwrap();
    let cues = performance_cues(&s);
    let needs = font_needs(&s);
    assert_eq!(needs.instruments().count(), 8, "all eight instruments");
    let render = |source: &SoundSource| {
        let mut r = Renderer::new(cues.clone(), Levels::default()).with_source(source);
        let mut block = [[0.0f32; 2]; 512];
        let mut all = Vec::new();
        while !r.is_done() {
            r.render(&mut block);
            all.extend_from_slice(&block);
        }
        all
    };
    let from_part = render(&source(&part(&needs)));
    assert!(
        from_part == render(&source(&whole())),
        "the same samples as from the whole file"
    );
    assert!(
        from_part != render(&SoundSource::Synthesis),
        "and played from the SoundFont"
    );
}

#[test]
fn only_what_the_notes_need_is_kept_and_other_notes_are_synthesised() {
    let s = load_file(SIXTEEN.as_ref()).unwrap();
    let mut one = Needs::default();
    one.add(Instrument::Violin, Pitch(62));
    let sizes = [
        part(&one).sample_bytes(),
        part(&font_needs(&s)).sample_bytes(),
        part(&Needs::every()).sample_bytes(),
        whole().sample_bytes(),
    ];
    assert!(
        sizes.windows(2).all(|w| w[0] < w[1]),
        "violin D4 < the scenario < every note < the whole file: {sizes:?}"
    );
    let violin = source(&part(&one));
    let note = |instrument, key| vec![note_at(0.0, instrument, Pitch(key))];
    let whole = source(&whole());
    assert!(
        render_from(&violin, note(Instrument::Violin, 62), 1.0, 512)
            == render_from(&whole, note(Instrument::Violin, 62), 1.0, 512)
    );
    for (instrument, key) in [(Instrument::Violin, 63), (Instrument::Piano, 62)] {
        assert!(
            render_from(&violin, note(instrument, key), 1.0, 512)
                == render_from(&SoundSource::Synthesis, note(instrument, key), 1.0, 512),
            "{instrument:?} {key}: synthesised"
        );
    }
}

#[test]
fn every_level_needs_what_its_performance_plays() {
    let mut files: Vec<_> = std::fs::read_dir("levels")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.push(SIXTEEN.into());
    files.push("benches/data/stress-16x2000.ron".into());
    for file in files {
        let mut s = load_file(&file).unwrap();
        s.length_bars = s.length_bars.min(64);
        let needs = font_needs(&s);
        for timed in performance_cues(&s) {
            for (instrument, pitch) in font_notes(&timed.cue) {
                assert!(
                    needs.plays(instrument, pitch),
                    "{}: {instrument:?} {pitch:?} of {:?}",
                    file.display(),
                    timed.cue
                );
            }
        }
    }
}

/// A small, repeatable random number generator (no dependency for the tests).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

#[test]
fn damaged_preset_lists_are_refused_or_loaded_never_a_panic() {
    let whole = std::fs::read(LAYERED).unwrap();
    let pdta = whole.windows(4).position(|w| w == b"pdta").unwrap();
    let dir = std::env::temp_dir().join(format!("tutti-subset-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("damaged.sf2");
    let s = load_file(SIXTEEN.as_ref()).unwrap();
    let needs = [Needs::every(), font_needs(&s)];
    let mut random = Lcg(26);
    let (mut refused, mut loaded) = (0, 0);
    for _ in 0..1_500 {
        let mut bytes = whole.clone();
        for _ in 0..1 + random.next(6) {
            let at = pdta + random.next(whole.len() - pdta);
            bytes[at] = match random.next(3) {
                0 => 0xFF,
                1 => 0,
                _ => random.next(256) as u8,
            };
        }
        std::fs::write(&path, &bytes).unwrap();
        for n in &needs {
            match soundfont::load(&path, n) {
                Ok(_) => loaded += 1,
                Err(e) => {
                    assert!(e.contains(&*path.to_string_lossy()), "{e}");
                    refused += 1;
                }
            }
        }
    }
    println!("{loaded} loaded, {refused} refused");
    assert!(
        loaded > 0 && refused > 0,
        "{loaded} loaded, {refused} refused"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// With FluidR3 installed: what the sixteen departments need of it, and every note of every
/// instrument from what all eight instruments need, sound sample for sample as from the whole
/// file; prints how much is kept. `cargo test --test headless fluidr3_subset -- --ignored
/// --nocapture`.
#[test]
#[ignore]
fn fluidr3_subset_sounds_as_the_whole_file() {
    let path = Path::new(soundfont::DEFAULT_PATH);
    let whole = source(&soundfont::load_whole(path).expect("FluidR3 installed"));
    let s = load_file(SIXTEEN.as_ref()).unwrap();
    for (what, needs) in [
        ("the scenario", font_needs(&s)),
        ("all eight", Needs::every()),
    ] {
        let started = std::time::Instant::now();
        let font = soundfont::load(path, &needs).unwrap();
        println!(
            "{what}: {:.1} MB of samples, loaded in {:?}",
            font.sample_bytes() as f64 / 1e6,
            started.elapsed()
        );
        let part = source(&font);
        for instrument in Instrument::ALL {
            for key in (21..=108).filter(|&k| needs.plays(instrument, Pitch(k))) {
                let cue = || vec![note_at(0.0, instrument, Pitch(key))];
                assert!(
                    render_from(&whole, cue(), 1.0, 512) == render_from(&part, cue(), 1.0, 512),
                    "{instrument:?} {key}"
                );
            }
        }
    }
}
