//! The live sound path without a device: a probe stands in for the audio thread, moving the audio
//! clock as a real device does (in 512-frame blocks, a little faster than the frame clock) and
//! reading what the game sends it.

use bevy::prelude::*;
use tutti::audio::Cue;
use tutti::audio::live::{LiveCommand, LiveHandle};
use tutti::game::performance::Performance;
use tutti::sim::{EventKind, PlayKind};
use tutti::states::Screen;

use super::app::{app_with, press, screen};

const BLOCK: f64 = 512.0 / 48_000.0;

/// A device whose clock runs 0.2 % fast against the frame clock and moves in 10.7 ms blocks,
/// started 3 s before the game; `extra` is time it ran on while the game was paused.
fn device_seconds(frame_seconds: f64, extra: f64) -> f64 {
    ((3.0 + frame_seconds * 1.002 + extra) / BLOCK).floor() * BLOCK
}

/// Times of the cues of one kind handed over ahead, in the order sent.
fn play_at(commands: &[LiveCommand], note: bool) -> Vec<f64> {
    commands
        .iter()
        .filter_map(|c| match c {
            LiveCommand::PlayAt { seconds, cue } if matches!(cue, Cue::Note { .. }) == note => {
                matches!(cue, Cue::Note { .. } | Cue::Pulse { .. }).then_some(*seconds)
            }
            _ => None,
        })
        .collect()
}

/// The worst difference between the spacing of `times` and a beat's length.
fn worst_spacing(times: &[f64], beat: f64) -> f64 {
    times
        .windows(2)
        .map(|w| ((w[1] - w[0]) - beat).abs())
        .fold(0.0, f64::max)
}

#[test]
fn colleague_notes_and_beats_are_placed_on_the_audio_clock_once_each() {
    let (handle, probe) = LiveHandle::probe();
    let mut app = app_with("levels/00-mandag-i-kundeservice.da.ron", true, 10, |app| {
        tutti::game::sound::plugin_with(app, handle);
    });
    let mut commands = Vec::new();
    let mut t = 0.0;
    let mut marks = Vec::new(); // (device seconds, song seconds) after the pause and at the end
    let mut earliest_lead = f64::INFINITY;
    let mut paused_for = 0.0;
    let (mut before_pause, mut after_pause) = (0, 0); // indices into `commands`
    // 40 s of the piece, frame by frame, the device clock moving along.
    for frame in 0..4_000 {
        t += 0.010;
        let device = device_seconds(t, paused_for);
        probe.set_seconds(device);
        app.update();
        for c in probe.drain() {
            if let LiveCommand::PlayAt { seconds, .. } = c {
                earliest_lead = earliest_lead.min(seconds - device);
            }
            commands.push(c);
        }
        if frame == 2_100 || frame == 3_999 {
            let perf = app.world().resource::<Performance>();
            marks.push((device, perf.beat() / perf.beats_per_second()));
        }
        if frame == 2_000 {
            // A pause: what was handed ahead and has not started is taken back.
            press(&mut app, KeyCode::Escape);
            assert_eq!(screen(&app), Screen::Paused);
            let cancel = probe.drain().into_iter().find_map(|c| match c {
                LiveCommand::CancelFrom(at) => Some(at),
                _ => None,
            });
            let at = cancel.expect("the pause took back the sounds handed ahead");
            // Those cues never sound: drop them from what the device will play.
            commands
                .retain(|c| !matches!(c, LiveCommand::PlayAt { seconds, .. } if *seconds >= at));
            before_pause = commands.len();
            // A short pause (under the clock's snap limit) while the device clock runs on.
            paused_for = 14.0 * BLOCK;
            probe.set_seconds(device_seconds(t, paused_for));
            press(&mut app, KeyCode::Escape);
            assert_eq!(screen(&app), Screen::Playing);
            after_pause = commands.len();
        }
    }
    assert_eq!(screen(&app), Screen::Playing);
    let perf = app.world().resource::<Performance>();
    let bps = perf.beats_per_second();

    let own: Vec<f64> = perf
        .events()
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
        .events()
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Played { kind, .. } if kind != PlayKind::Own))
        .count();
    let notes = play_at(&commands, true);
    let immediate = commands
        .iter()
        .filter(|c| matches!(c, LiveCommand::Play(Cue::Note { .. })))
        .count();
    assert!(own.len() > 10, "the colleagues played: {}", own.len());
    // Each planned note once, ahead; only reactions (gap notes, rescues) sound when they happen.
    // (The last notes may be handed over but not yet played when the 40 s end.)
    assert!(
        notes.len() >= own.len() && notes.len() <= own.len() + 3,
        "{} handed over for {} played",
        notes.len(),
        own.len()
    );
    assert_eq!(immediate, reactions, "no note sounds twice");

    // The song keeps to the device's clock, not the frame clock (which falls 38 ms behind here).
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
    // Sounds are handed over ahead of their time, never late, after the pause too.
    assert!(
        earliest_lead >= -0.011,
        "a cue came {:.1} ms late",
        -earliest_lead * 1e3
    );

    // The pulse: one per beat, evenly spaced on the audio clock before and after the pause, and
    // the pause's length between the two.
    let (early, late) = (
        play_at(&commands[..before_pause], false),
        play_at(&commands[after_pause..], false),
    );
    assert!(
        early.len() > 20 && late.len() > 20,
        "{} {}",
        early.len(),
        late.len()
    );
    let worst = worst_spacing(&early, 1.0 / bps).max(worst_spacing(&late, 1.0 / bps));
    println!("pulse spacing: worst {:.2} ms off", worst * 1e3);
    assert!(worst < 0.003, "{:.2} ms", worst * 1e3);
    // (`press` runs two frames per key with the device clock held still; in two of those four the
    // song was playing, so it ran 20 ms ahead of the held clock: that much less gap is expected.)
    let across = late[0] - early[early.len() - 1] - 1.0 / bps - paused_for;
    println!("across the pause: {:.2} ms off", across * 1e3);
    assert!((across + 0.020).abs() < BLOCK, "{:.2} ms", across * 1e3);
}

/// The live game and the WAV export turn the same events into the same sounds: every cue the game
/// hands the audio thread for a whole performance (at once, or placed ahead on the audio clock)
/// is one that `cues_from_events` renders for its events, and none is missing.
#[test]
fn the_live_game_and_the_export_play_the_same_cues_for_the_same_events() {
    let (handle, probe) = LiveHandle::probe();
    let mut app = app_with("levels/00-mandag-i-kundeservice.da.ron", true, 50, |app| {
        tutti::game::sound::plugin_with(app, handle);
    });
    let mut commands = Vec::new();
    let mut t = 0.0;
    let mut ended = false;
    for _ in 0..20_000 {
        t += 0.050;
        probe.set_seconds(device_seconds(t, 0.0));
        app.update();
        commands.extend(probe.drain());
        if app
            .world()
            .get_resource::<Performance>()
            .is_some_and(|p| p.is_ended())
        {
            ended = true;
            break;
        }
    }
    assert!(ended, "the performance ended");
    let perf = app.world().resource::<Performance>();
    let key = |c: &Cue| format!("{c:?}");
    let mut live: Vec<String> = commands
        .iter()
        .filter_map(|c| match c {
            LiveCommand::Play(cue) | LiveCommand::PlayAt { cue, .. } => Some(cue),
            _ => None,
        })
        .filter(|cue| !matches!(cue, Cue::Pulse { .. }))
        .map(key)
        .collect();
    let mut offline: Vec<String> =
        tutti::audio::cues_from_events(perf.scenario(), perf.events(), perf.tempo())
            .iter()
            .map(|t| &t.cue)
            .filter(|cue| !matches!(cue, Cue::Pulse { .. }))
            .map(key)
            .collect();
    assert!(offline.len() > 50, "a whole piece: {} cues", offline.len());
    live.sort();
    offline.sort();
    assert_eq!(live, offline);
}
