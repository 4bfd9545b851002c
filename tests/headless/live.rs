//! The live sound path without a device: a probe stands in for the audio thread, moving the audio
//! clock as a real device does (in 512-frame blocks, a little faster than the frame clock) and
//! reading what the game sends it.

use bevy::prelude::*;
use tutti::audio::Cue;
use tutti::audio::live::{LiveCommand, LiveHandle};
use tutti::game::performance::Performance;
use tutti::sim::{EventKind, PlayKind};

use super::app::{app_with, press, screen};

/// A device whose clock runs 0.2 % fast against the frame clock and moves in 10.7 ms blocks,
/// started 3 s before the game.
fn device_seconds(frame_seconds: f64) -> f64 {
    let block = 512.0 / 48_000.0;
    ((3.0 + frame_seconds * 1.002) / block).floor() * block
}

#[test]
fn colleague_notes_and_beats_are_placed_on_the_audio_clock_once_each() {
    let (handle, probe) = LiveHandle::probe();
    let step = 0.010;
    let mut app = app_with("levels/00-mandag-i-kundeservice.da.ron", true, 10, |app| {
        tutti::game::sound::plugin_with(app, handle);
    });
    let mut commands = Vec::new();
    let mut t = 0.0;
    let mut marks = Vec::new(); // (device seconds, song seconds) at 5 s and at the end
    let mut earliest_lead = f64::INFINITY;
    // 40 s of the piece, frame by frame, the device clock moving along.
    for frame in 0..4_000 {
        t += step;
        let device = device_seconds(t);
        probe.set_seconds(device);
        app.update();
        for c in probe.drain() {
            if let LiveCommand::PlayAt { seconds, .. } = c {
                earliest_lead = earliest_lead.min(seconds - device);
            }
            commands.push(c);
        }
        if frame == 500 || frame == 3_999 {
            let perf = app.world().resource::<Performance>();
            marks.push((device, perf.beat / perf.beats_per_second()));
        }
        if frame == 2_000 {
            // A pause: what was handed ahead and has not started is taken back.
            press(&mut app, KeyCode::KeyP);
            assert_eq!(screen(&app), tutti::game::Screen::Paused);
            let cancel = probe.drain().into_iter().find_map(|c| match c {
                LiveCommand::CancelFrom(at) => Some(at),
                _ => None,
            });
            let at = cancel.expect("the pause took back the sounds handed ahead");
            // Those cues never sound: drop them from what the device will play.
            commands
                .retain(|c| !matches!(c, LiveCommand::PlayAt { seconds, .. } if *seconds >= at));
            press(&mut app, KeyCode::KeyP);
            assert_eq!(screen(&app), tutti::game::Screen::Playing);
        }
    }
    assert_eq!(screen(&app), tutti::game::Screen::Playing);
    let perf = app.world().resource::<Performance>();
    let bps = perf.beats_per_second();

    let own: Vec<f64> = perf
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Played {
                kind: PlayKind::Own,
                ..
            } => Some(e.at.0),
            _ => None,
        })
        .collect();
    let reactions = perf
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Played { kind, .. } if kind != PlayKind::Own))
        .count();
    let scheduled: Vec<f64> = commands
        .iter()
        .filter_map(|c| match c {
            LiveCommand::PlayAt {
                seconds,
                cue: Cue::Note { .. },
            } => Some(*seconds),
            _ => None,
        })
        .collect();
    let immediate = commands
        .iter()
        .filter(|c| matches!(c, LiveCommand::Play(Cue::Note { .. })))
        .count();
    assert!(own.len() > 10, "the colleagues played: {}", own.len());
    // Each planned note once, ahead; only reactions (gap notes, rescues) sound when they happen.
    // (The last notes may be scheduled but not yet played when the 40 s end.)
    let handed = scheduled.len();
    assert!(
        handed >= own.len() && handed <= own.len() + 3,
        "{handed} scheduled for {} played",
        own.len()
    );
    assert_eq!(immediate, reactions, "no note sounds twice");

    // The song keeps to the device's clock, not the frame clock (which falls 70 ms behind here).
    let (device_span, song_span) = (marks[1].0 - marks[0].0, marks[1].1 - marks[0].1);
    println!(
        "over {device_span:.1} s the song moved {:.2} ms from the device clock",
        (song_span - device_span) * 1e3
    );
    assert!(
        (song_span - device_span).abs() < 0.011,
        "the song drifted {:.1} ms from the audio clock",
        (song_span - device_span) * 1e3
    );
    // Sounds are handed over ahead of their time, never late.
    assert!(
        earliest_lead >= -0.011,
        "a cue came {:.1} ms late",
        -earliest_lead * 1e3
    );

    // On the audio clock the notes keep the song's spacing: each lands on its beat.
    let worst = own
        .iter()
        .zip(&scheduled)
        .map(|(beat, secs)| ((secs - scheduled[0]) - (beat - own[0]) / bps).abs())
        .fold(0.0, f64::max);
    println!(
        "colleague notes on the audio clock: worst {:.2} ms off their beats",
        worst * 1e3
    );
    assert!(
        worst < 0.003,
        "a note landed {:.2} ms off its beat",
        worst * 1e3
    );

    // The pulse: one per beat, evenly spaced on the audio clock.
    let pulses: Vec<f64> = commands
        .iter()
        .filter_map(|c| match c {
            LiveCommand::PlayAt {
                seconds,
                cue: Cue::Pulse { .. },
            } => Some(*seconds),
            _ => None,
        })
        .collect();
    assert!(pulses.len() > 50, "{}", pulses.len());
    let worst_gap = pulses
        .windows(2)
        .map(|w| ((w[1] - w[0]) - 1.0 / bps).abs())
        .fold(0.0, f64::max);
    println!("pulse spacing: worst {:.2} ms off", worst_gap * 1e3);
    assert!(worst_gap < 0.003, "{:.2} ms", worst_gap * 1e3);
}
