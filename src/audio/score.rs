//! What the orchestra plays: the simulation's events turned into timed sound cues.

use crate::scenario::{CaseInfo, DepartmentInfo, Instrument, Pitch, Scenario, StepInfo};
use crate::sim::{Event, EventKind, Tempo};

/// One sound to start.
#[derive(Debug, Clone, PartialEq)]
pub enum Cue {
    /// A department plays a note.
    Note {
        instrument: Instrument,
        pitch: Pitch,
        secs: f32,
        pan: f32,
    },
    /// The soft pulse on a beat (louder on the bar's first beat).
    Pulse { downbeat: bool },
    /// A completed phrase rings as a chord of all its pitches.
    Chord { pitches: Vec<Pitch> },
    /// A drop: a dissonant crash.
    Crash,
    /// A reply reached its customer.
    Applause,
    /// The crowd's murmur, 0 (content) to 1 (restless), from now on.
    Murmur { level: f32 },
}

/// A cue at a time in seconds from the first beat.
#[derive(Debug, Clone, PartialEq)]
pub struct Timed {
    pub at: f64,
    pub cue: Cue,
}

/// Where department `d` of `n` sits in the stereo field.
pub fn pan_of(d: usize, n: usize) -> f32 {
    if n <= 1 {
        0.0
    } else {
        -0.7 + 1.4 * d as f32 / (n - 1) as f32
    }
}

/// The note department `dept` plays for a step.
pub fn note_cue(depts: &[DepartmentInfo], step: &StepInfo, dept: usize, tempo: Tempo) -> Cue {
    let secs = tempo.millis(crate::sim::Beat(f64::from(step.beats))).0 / 1000.0;
    Cue::Note {
        instrument: depts[dept].instrument,
        pitch: step.pitch,
        secs: (secs * 0.9) as f32,
        pan: pan_of(dept, depts.len()),
    }
}

/// The chord of a whole phrase, when its case is answered.
pub fn chord_cue(case: &CaseInfo) -> Cue {
    let mut pitches: Vec<Pitch> = case.steps.iter().map(|s| s.pitch).collect();
    pitches.sort();
    pitches.dedup();
    Cue::Chord { pitches }
}

/// The cues of a performance at `tempo`, in time order: every played note, a pulse on every beat,
/// chords, crashes, applause and the murmur following the audience.
pub fn cues_from_events(s: &Scenario, events: &[Event], tempo: Tempo) -> Vec<Timed> {
    let depts = s.department_infos();
    let templates = s.case_infos();
    let secs = |beats: f64| tempo.millis(crate::sim::Beat(beats)).0 / 1000.0;
    let mut out = Vec::new();
    let mut case_templates: Vec<usize> = Vec::new();
    let end = events.last().map_or(0.0, |e| e.at.0);
    let bpb = s.beats_per_bar.max(1);
    let mut beat = 0u32;
    while f64::from(beat) <= end {
        out.push(Timed {
            at: secs(f64::from(beat)),
            cue: Cue::Pulse {
                downbeat: beat.is_multiple_of(bpb),
            },
        });
        beat += 1;
    }
    for e in events {
        let at = secs(e.at.0);
        let cue = match &e.kind {
            EventKind::Arrived { template, .. } => {
                case_templates.push(*template);
                continue;
            }
            EventKind::Played {
                case, step, dept, ..
            } => {
                let Some(&t) = case_templates.get(case.0 as usize) else {
                    continue;
                };
                note_cue(&depts, &templates[t].steps[*step], *dept, tempo)
            }
            EventKind::Completed { case, .. } => {
                let Some(&t) = case_templates.get(case.0 as usize) else {
                    continue;
                };
                out.push(Timed {
                    at,
                    cue: chord_cue(&templates[t]),
                });
                Cue::Applause
            }
            EventKind::Dropped { .. } => Cue::Crash,
            EventKind::Audience { value, .. } => Cue::Murmur {
                level: (1.0 - *value as f32 / 100.0).clamp(0.0, 1.0),
            },
            _ => continue,
        };
        out.push(Timed { at, cue });
    }
    out.sort_by(|a, b| a.at.total_cmp(&b.at));
    out
}
