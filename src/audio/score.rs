//! What the orchestra plays: the simulation's events turned into sound cues. [`cues_for`] is the
//! one mapping from an event to its sounds, used by the live game and by the WAV export alike.

use super::needs::Needs;
use crate::scenario::{CaseTemplate, DeptId, Instrument, Owner, Pitch, Scenario, TemplateId};
use crate::sim::{Beat, Event, EventKind, PlayKind, Tempo};

/// One sound to start.
#[derive(Debug, Clone, PartialEq)]
pub enum Cue {
    /// A department plays a note.
    Note {
        /// The department's instrument.
        instrument: Instrument,
        /// The note.
        pitch: Pitch,
        /// How long it sounds, in seconds.
        secs: f32,
        /// -1 (left) … 1 (right).
        pan: f32,
    },
    /// The soft pulse on a beat (louder on the bar's first beat).
    Pulse {
        /// The bar's first beat.
        downbeat: bool,
    },
    /// A completed phrase rings as a chord of all its pitches.
    Chord {
        /// The phrase's pitches.
        pitches: Vec<Pitch>,
    },
    /// A drop: a dissonant crash.
    Crash,
    /// A reply reached its customer.
    Applause,
    /// The crowd's murmur, 0 (content) to 1 (restless), from now on.
    Murmur {
        /// 0 (content) to 1 (restless).
        level: f32,
    },
    /// A lost customer: a telephone rings (see [`super::phone`]).
    Phone,
    /// A stray press: a short, soft, muted wrong note of the department's instrument.
    Muted {
        /// The department's instrument.
        instrument: Instrument,
        /// The note it would have played.
        pitch: Pitch,
        /// -1 (left) … 1 (right).
        pan: f32,
    },
    /// Double work: two short notes of the instrument a semitone apart (`pitch` and the one
    /// above), a mild clash, not the crash of a drop.
    Clash {
        /// The instrument that played it twice.
        instrument: Instrument,
        /// The lower of the two notes.
        pitch: Pitch,
        /// -1 (left) … 1 (right).
        pan: f32,
    },
    /// Silent: the mixer remembers how case `case`'s phrase would hang (sent on its arrival, so
    /// that [`Cue::Hang`] can play it when the case is lost).
    Phrase {
        /// The case, by order of arrival.
        case: u32,
        /// How its phrase would hang.
        hang: Hang,
    },
    /// The phrase of case `case` hangs unresolved (see [`Hang`]); nothing if it was never
    /// remembered.
    Hang {
        /// The lost case, by order of arrival.
        case: u32,
    },
    /// A suspended chord held where a resolution should come, fading without resolving.
    Suspended {
        /// The chord's pitches.
        pitches: Vec<Pitch>,
    },
    /// A busy colleague's soft, off-key tune of its own over one bar (the mixer places its
    /// notes, each a [`Cue::Hum`]).
    Busy(BusyTune),
    /// One note of a busy tune: soft and a little sharp.
    Hum {
        /// The busy colleague's instrument.
        instrument: Instrument,
        /// The note.
        pitch: Pitch,
        /// How long it sounds, in seconds.
        secs: f32,
        /// -1 (left) … 1 (right).
        pan: f32,
    },
    /// A rescue: the crowd cheers.
    Cheer,
}

/// The tune a busy colleague plays to itself over a bar: one soft note a beat from `root`, a
/// little sharp, on its own instrument.
#[derive(Debug, Clone, PartialEq)]
pub struct BusyTune {
    /// The colleague's instrument.
    pub instrument: Instrument,
    /// The department's home pitch, an octave down where it can go.
    pub root: Pitch,
    /// -1 (left) … 1 (right).
    pub pan: f32,
    /// Seconds a beat.
    pub beat_secs: f32,
    /// Beats in the bar.
    pub beats: u32,
}

/// How a solved-but-never-answered phrase hangs.
///
/// Every step was played but the last, so the ear is left waiting. After the phone has rung
/// ([`Hang::DELAY`]) the phrase comes back briskly, each played note in its department's
/// instrument (gap notes, anyone's, on the piano), half a beat apart; the last note never comes.
/// Where it and the consonant chord of [`Cue::Chord`] would sound, a suspended fourth is held
/// instead: the last note heard as its root, with the fourth and fifth above it (no third).
/// The fourth pulls down towards a third that never sounds; the chord fades over two seconds and
/// stays open, so the phrase ends on a question, not an answer. (In the campaign's phrases the
/// last note heard is usually the dominant, as in D4 F♯4 A4 → D5: the A–D–E heard instead is the
/// dominant suspended, the chord that most wants to go home to the tonic chord that never comes.)
#[derive(Debug, Clone, PartialEq)]
pub struct Hang {
    /// The played notes, in order: instrument, pitch and pan.
    pub notes: Vec<(Instrument, Pitch, f32)>,
    /// Seconds from one note's onset to the next.
    pub step_secs: f32,
    /// The suspended chord, lowest first.
    pub suspension: Vec<Pitch>,
}

impl Hang {
    /// Seconds from the loss to the phrase's first note: the phone rings first.
    pub const DELAY: f64 = super::phone::PHONE_SECS + 0.3;

    /// Seconds from the phrase's first note to its suspended chord.
    pub fn suspension_at(&self) -> f64 {
        f64::from(self.step_secs) * self.notes.len() as f64
    }
}

/// A cue at a time in seconds from the first beat.
#[derive(Debug, Clone, PartialEq)]
pub struct Timed {
    /// Seconds from the first beat.
    pub at: f64,
    /// The sound.
    pub cue: Cue,
}

/// Where department `d` of `n` sits in the stereo field.
fn pan_of(d: DeptId, n: usize) -> f32 {
    if n <= 1 {
        0.0
    } else {
        -0.7 + 1.4 * d.0 as f32 / (n - 1) as f32
    }
}

/// The note department `dept` plays for step `step` of a case made from `template`, at `tempo`.
pub(crate) fn note_cue(
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
fn chord_cue(case: &CaseTemplate) -> Cue {
    let mut pitches: Vec<Pitch> = case.steps.iter().map(|s| s.pitch).collect();
    pitches.sort();
    pitches.dedup();
    Cue::Chord { pitches }
}

/// How the phrase of a case made from `template` hangs if it is solved but never answered.
pub fn hang_of(s: &Scenario, template: TemplateId, tempo: Tempo) -> Hang {
    let steps = &s.template(template).steps;
    let played = &steps[..steps.len().saturating_sub(1)];
    let n = s.departments.len();
    let notes: Vec<(Instrument, Pitch, f32)> = played
        .iter()
        .map(|step| match step.owner {
            Owner::Dept(d) => (s.department(d).instrument, step.pitch, pan_of(d, n)),
            Owner::Gap(_) => (Instrument::Piano, step.pitch, 0.0),
        })
        .collect();
    let half_beat = tempo.millis(Beat(0.5)).0 / 1000.0;
    let root = notes
        .last()
        .map_or_else(|| steps.first().map_or(Pitch(60), |s| s.pitch), |n| n.1);
    let root = Pitch(root.0.clamp(36, 84));
    Hang {
        notes,
        step_secs: half_beat.clamp(0.18, 0.4) as f32,
        suspension: vec![root, Pitch(root.0 + 5), Pitch(root.0 + 7)],
    }
}

/// A pitch department `dept` plausibly plays: its first own note in the scenario, else the first
/// gap note it may take, else middle C.
fn home_pitch(s: &Scenario, dept: DeptId) -> Pitch {
    let steps = || s.cases.iter().flat_map(|c| &c.steps);
    steps()
        .find(|st| st.owner == Owner::Dept(dept))
        .or_else(|| steps().find(|st| matches!(st.owner, Owner::Gap(Some(b)) if b.includes(dept))))
        .map_or(Pitch(60), |st| st.pitch)
}

/// The muted wrong note of a stray press by `dept`: a semitone above its home pitch.
fn stray_cue(s: &Scenario, dept: DeptId) -> Cue {
    Cue::Muted {
        instrument: s.department(dept).instrument,
        pitch: Pitch(home_pitch(s, dept).0.saturating_add(1).min(127)),
        pan: pan_of(dept, s.departments.len()),
    }
}

/// The clash of double work by `dept`: its home pitch and the semitone above.
fn clash_cue(s: &Scenario, dept: DeptId) -> Cue {
    Cue::Clash {
        instrument: s.department(dept).instrument,
        pitch: Pitch(home_pitch(s, dept).0.min(126)),
        pan: pan_of(dept, s.departments.len()),
    }
}

/// The busy tunes of a bar's start: one for each department played by the computer (not
/// `is_person`) whose colleague is busy in `bar`.
pub fn busy_cues(
    s: &Scenario,
    bar: u32,
    tempo: Tempo,
    is_person: impl Fn(DeptId) -> bool,
) -> Vec<Cue> {
    s.dept_ids()
        .filter(|&d| !is_person(d) && s.colleague(d).is_busy_in(bar))
        .map(|d| busy_tune(s, d, tempo))
        .collect()
}

/// The tune department `dept`'s colleague plays to itself over a bar while busy.
fn busy_tune(s: &Scenario, dept: DeptId, tempo: Tempo) -> Cue {
    let home = home_pitch(s, dept).0;
    Cue::Busy(BusyTune {
        instrument: s.department(dept).instrument,
        root: Pitch(if home >= 48 { home - 12 } else { home }),
        pan: pan_of(dept, s.departments.len()),
        beat_secs: (tempo.millis(Beat(1.0)).0 / 1000.0) as f32,
        beats: s.beats_per_bar.max(1),
    })
}

/// The busy tune's steps above its root, one a beat, over and over.
const BUSY_TUNE: [u8; 4] = [0, 4, 2, 5];

/// The pitch of beat `beat` of a busy tune from `root`.
pub(crate) fn busy_pitch(root: Pitch, beat: u32) -> Pitch {
    let step = BUSY_TUNE[beat as usize % BUSY_TUNE.len()];
    Pitch(root.0.saturating_add(step).min(127))
}

/// The notes (instrument and pitch) that `cue` may play from a SoundFont, as the mixer plays it:
/// a played or hummed note; a chord on horn and piano; a suspended chord on the horn; a busy tune's
/// notes; a remembered phrase's notes and suspended chord, should it hang. The other cues are
/// synthesised whatever the source.
pub fn font_notes(cue: &Cue) -> Vec<(Instrument, Pitch)> {
    match cue {
        Cue::Note {
            instrument, pitch, ..
        }
        | Cue::Hum {
            instrument, pitch, ..
        } => vec![(*instrument, *pitch)],
        Cue::Chord { pitches } => pitches
            .iter()
            .flat_map(|&p| [(Instrument::Horn, p), (Instrument::Piano, p)])
            .collect(),
        Cue::Suspended { pitches } => pitches.iter().map(|&p| (Instrument::Horn, p)).collect(),
        Cue::Busy(tune) => (0..tune.beats.min(BUSY_TUNE.len() as u32))
            .map(|beat| (tune.instrument, busy_pitch(tune.root, beat)))
            .collect(),
        Cue::Phrase { hang, .. } => hang
            .notes
            .iter()
            .map(|&(instrument, pitch, _)| (instrument, pitch))
            .chain(hang.suspension.iter().map(|&p| (Instrument::Horn, p)))
            .collect(),
        _ => Vec::new(),
    }
}

/// Every note a performance of `s` can play from a SoundFont ([`font_notes`]):
/// every case's steps played by any department (a rescue plays another's note), the chord and the
/// hanging phrase of every case, and the busy tunes of the colleagues that have busy spells. What
/// the game loads of a SoundFont for the scenario.
pub fn font_needs(s: &Scenario) -> Needs {
    let tempo = Tempo::from_bpm(s.tempo_bpm);
    let mut cues = Vec::new();
    for (t, case) in s.cases.iter().enumerate() {
        let template = TemplateId(t);
        for step in 0..case.steps.len() {
            cues.extend(s.dept_ids().map(|d| note_cue(s, template, step, d, tempo)));
        }
        cues.push(chord_cue(case));
        cues.push(Cue::Phrase {
            case: 0,
            hang: hang_of(s, template, tempo),
        });
    }
    cues.extend(
        s.dept_ids()
            .filter(|&d| !s.colleague(d).busy.is_empty())
            .map(|d| busy_tune(s, d, tempo)),
    );
    let mut needs = Needs::default();
    for (instrument, pitch) in cues.iter().flat_map(font_notes) {
        needs.add(instrument, pitch);
    }
    needs
}

/// The sounds of one event at `tempo`, in the order they start: a played note (and a cheer for
/// a rescue); the chord of an answered phrase and the applause; the crash of a drop; the murmur
/// following the audience; a muted wrong note for a stray press and a clash for double work; for
/// a lost case the phone, and, when it was solved but never answered, its phrase hanging
/// unresolved (remembered from its arrival); at a bar's start the tune of each busy colleague
/// ([`busy_cues`]; `is_person` says which departments people play). Other events make no sound.
pub fn cues_for(
    s: &Scenario,
    e: &Event,
    tempo: Tempo,
    is_person: impl Fn(DeptId) -> bool,
) -> Vec<Cue> {
    let (first, second) = match &e.kind {
        EventKind::BarStarted { bar } => return busy_cues(s, *bar, tempo, is_person),
        EventKind::Arrived { case, template, .. } => (
            Some(Cue::Phrase {
                case: case.0,
                hang: hang_of(s, *template, tempo),
            }),
            None,
        ),
        EventKind::Lost {
            case,
            solved_but_unanswered,
            ..
        } => (
            Some(Cue::Phone),
            solved_but_unanswered.then_some(Cue::Hang { case: case.0 }),
        ),
        EventKind::Stray { dept } => (Some(stray_cue(s, *dept)), None),
        EventKind::DoubleWork { dept, .. } => (Some(clash_cue(s, *dept)), None),
        EventKind::Played {
            template,
            step,
            dept,
            kind,
            ..
        } => (
            Some(note_cue(s, *template, *step, *dept, tempo)),
            (*kind == PlayKind::Rescue).then_some(Cue::Cheer),
        ),
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
    first.into_iter().chain(second).collect()
}

/// The cues of a performance at `tempo`, every department played by the computer, in time order:
/// every played note, a pulse on every beat, chords, crashes, applause, the murmur following the
/// audience and the busy colleagues' tunes.
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
        out.extend(
            cues_for(s, e, tempo, |_| false)
                .into_iter()
                .map(|cue| Timed { at, cue }),
        );
    }
    out.sort_by(|a, b| a.at.total_cmp(&b.at));
    out
}
