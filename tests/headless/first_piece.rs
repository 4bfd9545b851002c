//! The first piece sounds like the rest: with a SoundFont found, a count-in waits (at its first
//! beat, "Loading the orchestra…") for what the piece needs of it — also when the game starts
//! playing at once (`play FILE --autoplay`) — at most [`WAIT_SECS`], then plays on the synthesis and
//! says so; another level loads what it needs; a SoundFont that loads during a piece waits for its
//! end. A probe stands in for the audio thread (see `live.rs`).

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use tutti::audio::Cue;
use tutti::audio::live::{LiveCommand, LiveHandle, LiveProbe};
use tutti::audio::score::font_needs;
use tutti::audio::score::font_notes;
use tutti::audio::soundfont::{self, Font, Lookup, Origin, SoundSource};
use tutti::game::catalog::{Catalog, CurrentLevel};
use tutti::game::orchestra::{FontLookup, SoundSourceStatus, WAIT_SECS};
use tutti::game::performance::{CountInHeld, Performance};
use tutti::scenario::load_file;
use tutti::states::Screen;

use super::app::{app_with, screen};
use super::font_subset::{LAYERED, SIXTEEN};
use super::soundfont::{note_at, render_from};

const STEP: f64 = 0.050;

/// The game's lookup, finding `path`.
fn lookup(path: &Path) -> Lookup {
    Lookup::Try {
        path: path.to_path_buf(),
        origin: Origin::Env,
    }
}

/// A game on `level` with a probe for the audio thread and the SoundFont at `font` found.
fn game(level: &str, autoplay: bool, font: Option<&Path>) -> (App, LiveProbe) {
    let (handle, probe) = LiveHandle::probe();
    let app = app_with(level, autoplay, (STEP * 1e3) as u64, |app| {
        tutti::game::sound::plugin_with(app, handle);
        if let Some(font) = font {
            app.insert_resource(FontLookup(lookup(font)));
        }
    });
    (app, probe)
}

/// What the game sent the audio thread in one frame, and the screen after it.
struct Frame {
    commands: Vec<LiveCommand>,
    screen: Screen,
    held: bool,
}

/// Runs `frames` frames (the audio clock keeping pace), or until `done`.
fn run_till(
    app: &mut App,
    probe: &LiveProbe,
    frames: usize,
    done: impl Fn(&App) -> bool,
) -> Vec<Frame> {
    let mut out = Vec::new();
    let mut clock = 3.0;
    for _ in 0..frames {
        clock += STEP;
        probe.set_seconds(clock);
        app.update();
        out.push(Frame {
            commands: probe.drain(),
            screen: screen(app),
            held: app.world().resource::<CountInHeld>().0,
        });
        if done(app) {
            break;
        }
    }
    out
}

/// Runs `frames` frames, or until the performance has ended.
fn run(app: &mut App, probe: &LiveProbe, frames: usize) -> Vec<Frame> {
    run_till(app, probe, frames, |app| {
        app.world()
            .get_resource::<Performance>()
            .is_some_and(|p| p.is_ended())
    })
}

/// Runs `frames` frames.
fn run_for(app: &mut App, probe: &LiveProbe, frames: usize) -> Vec<Frame> {
    run_till(app, probe, frames, |_| false)
}

/// The SoundFonts the game handed over, in order.
fn fonts_sent(frames: &[Frame]) -> Vec<Font> {
    frames
        .iter()
        .flat_map(|f| &f.commands)
        .filter_map(|c| match c {
            LiveCommand::Source(SoundSource::SoundFont(font)) => Some(font.clone()),
            _ => None,
        })
        .collect()
}

/// The cues the game handed over (placed ahead or at once).
fn cues_sent(frames: &[Frame]) -> Vec<Cue> {
    frames
        .iter()
        .flat_map(|f| &f.commands)
        .filter_map(|c| match c {
            LiveCommand::Play(cue) | LiveCommand::PlayAt { cue, .. } => Some(cue.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn an_autoplayed_first_piece_plays_from_the_soundfont_from_its_first_note() {
    let (mut app, probe) = game(SIXTEEN, true, Some(Path::new(LAYERED)));
    let frames = run(&mut app, &probe, 4_000);
    assert!(
        app.world().resource::<Performance>().is_ended(),
        "the piece was played to its end"
    );
    // The count-in stood at its first beat until the SoundFont was handed over, in the count-in.
    let handed = frames
        .iter()
        .position(|f| {
            f.commands
                .iter()
                .any(|c| matches!(c, LiveCommand::Source(_)))
        })
        .expect("the SoundFont was handed over");
    assert_eq!(frames[handed].screen, Screen::CountIn);
    let first_note = frames
        .iter()
        .position(|f| {
            f.commands.iter().any(|c| {
                matches!(
                    c,
                    LiveCommand::PlayAt {
                        cue: Cue::Note { .. },
                        ..
                    } | LiveCommand::Play(Cue::Note { .. })
                )
            })
        })
        .expect("notes were played");
    assert!(handed < first_note, "before the first note");
    let fonts = fonts_sent(&frames);
    assert_eq!(fonts.len(), 1, "handed over once");
    let s = load_file(SIXTEEN.as_ref()).unwrap();
    let needs = font_needs(&s);
    assert_eq!(fonts[0].needs(), Some(&needs), "what the piece needs");
    // Every note of the piece is one the SoundFont plays, and sounds as from what `simulate
    // --wav` loads for the file (the same lookup, the same needs) and from the whole file.
    let wav = soundfont::resolve(&lookup(Path::new(LAYERED)), &needs).source;
    let whole = SoundSource::SoundFont(soundfont::load_whole(Path::new(LAYERED)).unwrap());
    let live = SoundSource::SoundFont(fonts[0].clone());
    let mut notes: Vec<_> = cues_sent(&frames).iter().flat_map(font_notes).collect();
    notes.sort_by_key(|(i, p)| (format!("{i:?}"), p.0));
    notes.dedup();
    assert!(notes.len() > 20, "{} notes", notes.len());
    for (instrument, pitch) in notes {
        assert!(fonts[0].plays(instrument, pitch));
        let render = |source: &SoundSource| {
            render_from(source, vec![note_at(0.0, instrument, pitch)], 0.5, 512)
        };
        let heard = render(&live);
        assert!(
            heard == render(&wav) && heard == render(&whole),
            "{instrument:?} {pitch:?}"
        );
    }
}

/// A named pipe nobody writes to: opening it to read waits (a SoundFont on a stalled drive).
#[cfg(unix)]
fn stalled_file(name: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("tutti-{name}-{}.sf2", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    path
}

#[cfg(unix)]
#[test]
fn a_count_in_waits_a_few_seconds_at_most_then_plays_on_the_synthesis_and_says_so() {
    let stalled = stalled_file("stalled");
    let (mut app, probe) = game("levels/01-own-part.en.ron", true, Some(&stalled));
    let frames = run(&mut app, &probe, 400);
    let held = frames.iter().take_while(|f| f.held).count();
    let waited = held as f64 * STEP;
    assert!(
        (WAIT_SECS - 2.0 * STEP..=WAIT_SECS + 2.0 * STEP).contains(&waited),
        "held {waited:.2} s"
    );
    assert!(frames[..held].iter().all(|f| f.screen == Screen::CountIn));
    assert!(
        frames.iter().any(|f| f.screen == Screen::Playing),
        "then the piece plays"
    );
    assert!(fonts_sent(&frames).is_empty(), "on the synthesis");
    let status = app.world().resource::<SoundSourceStatus>();
    assert!(status.late && status.font.is_none(), "{status:?}");
    // Let the loading thread go: the pipe opens, empty, and the file is refused.
    drop(std::fs::OpenOptions::new().write(true).open(&stalled));
    let _ = std::fs::remove_file(&stalled);
}

#[test]
fn another_level_loads_what_it_needs() {
    let first = "levels/01-own-part.en.ron";
    let (mut app, probe) = game(first, false, Some(Path::new(LAYERED)));
    assert_eq!(screen(&app), Screen::Lobby);
    let frames = run_for(&mut app, &probe, 100);
    let fonts = fonts_sent(&frames);
    let own_part = font_needs(&load_file(first.as_ref()).unwrap());
    assert_eq!(fonts.len(), 1, "the lobby's level is loaded");
    assert_eq!(fonts[0].needs(), Some(&own_part));
    assert_eq!(
        app.world().resource::<SoundSourceStatus>().font.as_deref(),
        Some("layered-gm")
    );
    // Back to the list, and on to the sixteen departments.
    let index = {
        let mut catalog = app.world_mut().resource_mut::<Catalog>();
        catalog.add_file(Path::new(SIXTEEN))
    };
    app.world_mut().resource_mut::<CurrentLevel>().0 = index;
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Lobby);
    let fonts = fonts_sent(&run_for(&mut app, &probe, 100));
    assert_eq!(fonts.len(), 1, "the new level's is loaded");
    let sixteen = font_needs(&load_file(SIXTEEN.as_ref()).unwrap());
    assert_eq!(fonts[0].needs(), Some(&sixteen));
    assert!(
        fonts[0].sample_bytes() > 0 && sixteen != own_part,
        "a different part of the file"
    );
}

/// A SoundFont found during a piece (its load answers during it) waits for its end: the game
/// hands it to the audio thread only between pieces (here, on reaching the debrief), once.
#[test]
fn a_soundfont_loaded_during_a_piece_takes_over_only_after_it() {
    let (mut app, probe) = game("levels/00-mandag-i-kundeservice.da.ron", true, None);
    let before = run_till(&mut app, &probe, 400, |app| screen(app) == Screen::Playing);
    assert!(fonts_sent(&before).is_empty());
    app.insert_resource(FontLookup(lookup(Path::new("tests/data/tiny-gm.sf2"))));
    let during = run_till(&mut app, &probe, 4_000, |app| {
        screen(app) != Screen::Playing
    });
    assert_ne!(screen(&app), Screen::Playing, "the piece ended");
    let playing = |f: &&Frame| f.screen == Screen::Playing;
    let switched = |frames: Vec<&Frame>| {
        frames
            .iter()
            .flat_map(|f| &f.commands)
            .filter(|c| matches!(c, LiveCommand::Source(_)))
            .count()
    };
    assert_eq!(
        switched(during.iter().filter(playing).collect()),
        0,
        "never during the piece"
    );
    let after = run_for(&mut app, &probe, 20);
    let ending: Vec<&Frame> = during
        .iter()
        .filter(|f| !playing(f))
        .chain(&after)
        .collect();
    assert_eq!(switched(ending), 1, "one switch, as the piece ends");
    let status = app.world().resource::<SoundSourceStatus>();
    assert_eq!(status.font.as_deref(), Some("tiny-gm"));
    assert!(
        fonts_sent(&run_for(&mut app, &probe, 20)).is_empty(),
        "and only once"
    );
}
