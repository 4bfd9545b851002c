//! `--frame-report`: on exit, prints frames per second, the main schedule's CPU time per frame,
//! the time to the first frame and the peak resident memory. For measuring, not for tests.

use std::time::{Duration, Instant};

use bevy::prelude::*;

/// Frame timings collected while the game runs.
#[derive(Resource)]
pub(crate) struct FrameReport {
    /// When the process started (set by `main`).
    pub started: Instant,
    frame_start: Option<Instant>,
    first_frame: Option<Duration>,
    /// Main-schedule time of each frame, in milliseconds.
    update_ms: Vec<f32>,
    /// Seconds of each whole frame.
    frame_secs: Vec<f32>,
    last_frame_end: Option<Instant>,
}

impl FrameReport {
    /// A report counting from `started`.
    pub fn new(started: Instant) -> FrameReport {
        FrameReport {
            started,
            frame_start: None,
            first_frame: None,
            update_ms: Vec::new(),
            frame_secs: Vec::new(),
            last_frame_end: None,
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(First, start_frame_timer);
    app.add_systems(Last, (stop_frame_timer, print_frame_report).chain());
}

fn start_frame_timer(report: Option<ResMut<FrameReport>>) {
    if let Some(mut r) = report {
        r.frame_start = Some(Instant::now());
    }
}

fn stop_frame_timer(report: Option<ResMut<FrameReport>>) {
    let Some(mut r) = report else { return };
    let now = Instant::now();
    if let Some(start) = r.frame_start {
        r.update_ms.push((now - start).as_secs_f32() * 1000.0);
    }
    if r.first_frame.is_none() {
        r.first_frame = Some(now - r.started);
    }
    if let Some(last) = r.last_frame_end {
        r.frame_secs.push((now - last).as_secs_f32());
    }
    r.last_frame_end = Some(now);
}

fn percentile(sorted: &[f32], p: f32) -> f32 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f32 * p).round() as usize]
}

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn print_frame_report(report: Option<Res<FrameReport>>, mut exits: MessageReader<AppExit>) {
    let Some(r) = report else { return };
    if exits.read().next().is_none() {
        return;
    }
    // Skip the first second of frames: start-up is reported on its own.
    let skip = r.frame_secs.iter().scan(0.0, |t, s| {
        *t += s;
        Some(*t)
    });
    let skip = skip.take_while(|t| *t < 1.0).count();
    let frames = &r.frame_secs[skip.min(r.frame_secs.len())..];
    let secs: f32 = frames.iter().sum();
    let mut update: Vec<f32> = r.update_ms[skip.min(r.update_ms.len())..].to_vec();
    update.sort_by(f32::total_cmp);
    println!(
        "frames: {}  over {:.1} s  fps: {:.1}",
        frames.len(),
        secs,
        frames.len() as f32 / secs.max(1e-6)
    );
    println!(
        "main schedule per frame: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        percentile(&update, 0.5),
        percentile(&update, 0.95),
        update.last().copied().unwrap_or(0.0)
    );
    if let Some(first) = r.first_frame {
        println!("first frame: {:.2} s after start", first.as_secs_f32());
    }
    if let Some(mb) = peak_memory_mb() {
        println!("peak resident memory: {mb:.0} MB");
    }
}
