//! What the orchestra plays: the simulation's events turned into sound cues. [`cues_for`] is the
//! one mapping from an event to its sounds, used by the live game and by the WAV export alike.

use crate::scenario::{CaseTemplate, DeptId, Instrument, Pitch, Scenario, TemplateId};
use crate::sim::{Beat, Event, EventKind, Tempo};

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
pub fn pan_of(d: DeptId, n: usize) -> f32 {
    if n <= 1 {
        0.0
    } else {
        -0.7 + 1.4 * d.0 as f32 / (n - 1) as f32
    }
}

/// The note department `dept` plays for step `step` of a case made from `template`, at `tempo`.
pub fn note_cue(
    s: &Scenario,
    template: TemplateId,
    step: usize,
    dept: DeptId,
    tempo: Tempo,
) -> Cue {
    let step = &s.template(template).steps[step];
    let secs = tempo.millis(Beat(f64::from(step.beats))).0 / 1000.0;
    Cue::Note {
        instrument: s.department(dept).instrument,
        pitch: step.pitch,
        secs: (secs * 0.9) as f32,
        pan: pan_of(dept, s.departments.len()),
    }
}

/// The chord of a whole phrase, when its case is answered.
pub fn chord_cue(case: &CaseTemplate) -> Cue {
    let mut pitches: Vec<Pitch> = case.steps.iter().map(|s| s.pitch).collect();
    pitches.sort();
    pitches.dedup();
    Cue::Chord { pitches }
}

/// The sounds of one event at `tempo`, in the order they start: a played note; the chord of an
/// answered phrase and the applause; the crash of a drop; the murmur following the audience.
/// Other events make no sound.
pub fn cues_for(s: &Scenario, e: &Event, tempo: Tempo) -> impl Iterator<Item = Cue> + use<> {
    let (first, second) = match &e.kind {
        EventKind::Played {
            template,
            step,
            dept,
            ..
        } => (Some(note_cue(s, *template, *step, *dept, tempo)), None),
        EventKind::Completed { template, .. } => {
            (Some(chord_cue(s.template(*template))), Some(Cue::Applause))
        }
        EventKind::Dropped { .. } => (Some(Cue::Crash), None),
        EventKind::Audience { value, .. } => (
            Some(Cue::Murmur {
                level: (1.0 - *value as f32 / 100.0).clamp(0.0, 1.0),
            }),
            None,
        ),
        _ => (None, None),
    };
    first.into_iter().chain(second)
}

/// The cues of a performance at `tempo`, in time order: every played note, a pulse on every beat,
/// chords, crashes, applause and the murmur following the audience.
pub fn cues_from_events(s: &Scenario, events: &[Event], tempo: Tempo) -> Vec<Timed> {
    let secs = |beats: f64| tempo.millis(Beat(beats)).0 / 1000.0;
    let mut out = Vec::new();
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
        out.extend(cues_for(s, e, tempo).map(|cue| Timed { at, cue }));
    }
    out.sort_by(|a, b| a.at.total_cmp(&b.at));
    out
}
