//! A validated scenario with every default filled in, in the shape the simulation and the game
//! use: the one [`Scenario`] the loaders return.

use super::defaults;
use super::file::{
    ArrivalsFile, Audience, BarRange, CaseFile, ColleagueFile, DepartmentFile, Goal, Instrument,
    Reach, ScenarioFile, Shape, StepFile, Timing,
};
use super::ids::{DeptId, TemplateId};
use super::keys::canonical_key;
use super::pitch::{Pitch, parse_pitch};

/// An RGB colour, each channel 0–255.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Parses `"#RRGGBB"`.
pub(crate) fn parse_color(text: &str) -> Option<Rgb> {
    let hex = text.trim().strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
}

/// A loaded scenario: validated, every default applied, every id resolved to an index.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Shown on the level list and the briefing.
    pub title: String,
    /// One or two sentences for the briefing (may be empty).
    pub summary: String,
    /// `"da"` or `"en"`: the language the scenario's own texts are written in.
    pub language: String,
    /// Beats per minute at 100 % tempo.
    pub tempo_bpm: f64,
    /// Beats in one bar.
    pub beats_per_bar: u32,
    /// How many bars customers may arrive in.
    pub length_bars: u32,
    /// Seed of the random arrivals and of the colleagues' play.
    pub seed: u64,
    /// Beats between a case's arrival and its first note being due.
    pub lead_beats: u32,
    /// Beats of silence between the end of one step and the next step being due.
    pub handoff_gap_beats: u32,
    /// Bars a dropped (loose) note keeps coming back before its case is lost.
    pub rescue_bars: u32,
    /// The musicians, top staff first; [`DeptId`] indexes this list.
    pub departments: Vec<Department>,
    /// The kinds of customer request; [`TemplateId`] indexes this list.
    pub cases: Vec<CaseTemplate>,
    /// When customers arrive.
    pub arrivals: Arrivals,
    /// The satisfaction meter and what moves it.
    pub audience: Audience,
    /// The timing windows of the judgement.
    pub timing: Timing,
    /// How the computer plays each department, in department order (the defaults where the file
    /// has no entry).
    pub colleagues: Vec<Colleague>,
    /// Discussion questions for the pause overlay and the debrief.
    pub debrief: Vec<String>,
    /// One line on what the level teaches (may be empty).
    pub lesson: String,
    /// Goals tied to the lesson (0–3).
    pub goals: Vec<Goal>,
    /// One question for a player alone, after the piece (may be empty).
    pub reflection: String,
    /// Whether the level is about what falls between two chairs (`teaches_gaps`, default
    /// `true`); `tutti check` warns of a level that is, but where nothing can.
    pub teaches_gaps: bool,
    /// What the organisation calls the one who waits, the answer and the audience, in the
    /// scenario's language (its own words where the file names none).
    pub words: super::words::Words,
    /// What the file writes that this version reads and ignores (a former version's fields),
    /// for `tutti check` to say.
    pub ignored: Vec<Ignored>,
}

/// A field of the file that is read and ignored: a former version's, kept loading so that a
/// facilitator's older file never breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ignored {
    /// A department's `button:` (each gamepad takes a seat in the lobby and plays it with any face
    /// or shoulder button).
    Button(DeptId),
}

/// A department with every default applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Department {
    /// The id steps and colleagues use in the file, e.g. `"it"`.
    pub id: String,
    /// Display name (the id where the file gives none).
    pub name: String,
    /// The instrument its notes sound on.
    pub instrument: Instrument,
    /// Canonical key name, see [`super::keys`].
    pub key: &'static str,
    /// Its colour on the stage.
    pub color: Rgb,
    /// Its shape on the stage, for telling departments apart without colour.
    pub shape: Shape,
    /// Which gap and loose notes its key may take besides its own.
    pub reach: Reach,
}

/// A gap note's two departments: only they may claim it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Between {
    /// One of the two departments.
    pub a: DeptId,
    /// The other.
    pub b: DeptId,
}

impl Between {
    /// Whether `dept` is one of the two.
    pub fn includes(self, dept: DeptId) -> bool {
        self.a == dept || self.b == dept
    }
}

/// Who may play a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// A department's own note.
    Dept(DeptId),
    /// A gap note between two departments, or anyone's when `None`.
    Gap(Option<Between>),
}

/// One step of a case template, its owner resolved to departments.
#[derive(Debug, Clone, PartialEq)]
pub struct StepTemplate {
    /// Who plays it: a department, or a gap note between two.
    pub owner: Owner,
    /// The note it sounds.
    pub pitch: Pitch,
    /// Length in beats.
    pub beats: u32,
    /// Its label in the file, if any (shown in the debrief).
    pub label: Option<String>,
}

/// A case template with its steps resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseTemplate {
    /// The id the file's arrivals use.
    pub id: String,
    /// Display name (the id where the file gives none).
    pub name: String,
    /// Relative chance of this template for random arrivals.
    pub weight: f64,
    /// Bars a customer waits calmly before the audience starts to drain.
    pub patience_bars: u32,
    /// Its steps, in order.
    pub steps: Vec<StepTemplate>,
}

/// When customers arrive.
#[derive(Debug, Clone, PartialEq)]
pub enum Arrivals {
    /// On average `per_bar` cases a bar between `from_bar` and `until_bar`, templates drawn by
    /// weight.
    Random {
        /// The mean number of arrivals a bar.
        per_bar: f64,
        /// The first bar with arrivals, from 1.
        from_bar: u32,
        /// `None`: until `length_bars`, whatever it is when the piece is played (see
        /// `Scenario::arrivals_until`).
        until_bar: Option<u32>,
    },
    /// A fixed list of arrivals, as written.
    Scripted(Vec<ScriptedArrival>),
}

/// One scripted arrival.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScriptedArrival {
    /// The bar the customer arrives in.
    pub bar: u32,
    /// The case template of its request.
    pub template: TemplateId,
}

/// How the computer plays a department nobody has taken.
#[derive(Debug, Clone, PartialEq)]
pub struct Colleague {
    /// Chance (0–1) to play a live note.
    pub skill: f64,
    /// Standard deviation of the timing error, in milliseconds.
    pub timing_sd_ms: f64,
    /// Spells of bars in which the colleague is busy with other work.
    pub busy: Vec<BarRange>,
    /// Chance to play a live note during a busy spell.
    pub busy_skill: f64,
    /// Chance to claim a gap note it may claim.
    pub initiative: f64,
    /// Chance, each time a loose note it may rescue comes back, to rescue it.
    pub follow_up: f64,
}

impl Colleague {
    /// Whether the colleague is busy with other work in `bar` (bars count from 1).
    pub(crate) fn is_busy_in(&self, bar: u32) -> bool {
        self.busy.iter().any(|r| r.contains(bar))
    }
}

impl Default for Colleague {
    fn default() -> Self {
        Colleague {
            skill: defaults::skill(),
            timing_sd_ms: defaults::timing_sd_ms(),
            busy: Vec::new(),
            busy_skill: defaults::busy_skill(),
            initiative: defaults::initiative(),
            follow_up: defaults::follow_up(),
        }
    }
}

impl Scenario {
    /// The department with this id in the file.
    pub fn department_index(&self, id: &str) -> Option<DeptId> {
        self.departments.iter().position(|d| d.id == id).map(DeptId)
    }

    /// A department. Panics on an index from another scenario.
    pub fn department(&self, d: DeptId) -> &Department {
        &self.departments[d.0]
    }

    /// A case template. Panics on an index from another scenario.
    pub fn template(&self, t: TemplateId) -> &CaseTemplate {
        &self.cases[t.0]
    }

    /// How the computer plays department `d`. Panics on an index from another scenario.
    pub fn colleague(&self, d: DeptId) -> &Colleague {
        &self.colleagues[d.0]
    }

    /// Each department's reach, top staff first (what [`crate::sim::may_pick_up`] needs).
    pub fn reaches(&self) -> Vec<Reach> {
        self.departments.iter().map(|d| d.reach).collect()
    }

    /// Every department's index, top staff first.
    pub fn dept_ids(&self) -> impl Iterator<Item = DeptId> + use<> {
        (0..self.departments.len()).map(DeptId)
    }

    /// The last bar random arrivals may fall in.
    pub(crate) fn arrivals_until(&self) -> u32 {
        match &self.arrivals {
            Arrivals::Random { until_bar, .. } => until_bar.unwrap_or(self.length_bars),
            Arrivals::Scripted(_) => self.length_bars,
        }
    }

    /// The same scenario with a player's key overrides (department id → key name) applied, all
    /// at once, so that two departments may swap keys. An override that is not a playable key,
    /// names no department, or would give two departments one key is left out (the department
    /// keeps its own key).
    pub fn with_key_overrides(&self, overrides: &[(String, String)]) -> Scenario {
        let mut s = self.clone();
        let mut wanted: Vec<Option<&'static str>> = vec![None; s.departments.len()];
        for (id, key) in overrides {
            if let (Ok(key), Some(d)) = (canonical_key(key), s.department_index(id)) {
                wanted[d.0] = Some(key);
            }
        }
        // Undo overrides that clash, until none do (the scenario's own keys never clash).
        loop {
            let key_of =
                |d: usize, w: &[Option<&'static str>]| w[d].unwrap_or(s.departments[d].key);
            let clash = (0..wanted.len()).find(|&d| {
                wanted[d].is_some()
                    && (0..wanted.len()).any(|o| o != d && key_of(o, &wanted) == key_of(d, &wanted))
            });
            match clash {
                Some(d) => wanted[d] = None,
                None => break,
            }
        }
        for (dept, key) in s.departments.iter_mut().zip(wanted) {
            if let Some(key) = key {
                dept.key = key;
            }
        }
        s
    }
}

/// Resolves a validated file: defaults applied, ids to indices. (On a file that failed
/// validation it still returns something, with unknown ids read as the first department or
/// template; the loaders never do that.)
pub(super) fn resolve(f: ScenarioFile) -> Scenario {
    let departments = resolve_departments(&f.departments);
    let dept = |id: &str| {
        DeptId(
            f.departments
                .iter()
                .position(|d| d.id == id)
                .unwrap_or_default(),
        )
    };
    let cases: Vec<CaseTemplate> = f
        .cases
        .iter()
        .map(|c| CaseTemplate {
            id: c.id.clone(),
            name: c.name.clone().unwrap_or_else(|| c.id.clone()),
            weight: c.weight,
            patience_bars: c.patience_bars,
            steps: c
                .steps
                .iter()
                .enumerate()
                .map(|(i, s)| resolve_step(i, s, &dept))
                .collect(),
        })
        .collect();
    let arrivals = resolve_arrivals(&f.arrivals, &f.cases);
    let colleagues = f
        .departments
        .iter()
        .map(|d| resolve_colleague(f.colleagues.iter().find(|c| c.department == d.id)))
        .collect();
    let words = super::words::Words::resolve(&f.words.unwrap_or_default(), &f.language);
    Scenario {
        title: f.title,
        summary: f.summary,
        language: f.language,
        tempo_bpm: f.tempo_bpm,
        beats_per_bar: f.beats_per_bar,
        length_bars: f.length_bars,
        seed: f.seed,
        lead_beats: f.lead_beats,
        handoff_gap_beats: f.handoff_gap_beats,
        rescue_bars: f.rescue_bars,
        departments,
        cases,
        arrivals,
        audience: f.audience,
        timing: f.timing,
        colleagues,
        debrief: f.debrief,
        lesson: f.lesson,
        goals: f.goals,
        reflection: f.reflection,
        teaches_gaps: f.teaches_gaps,
        words,
        ignored: ignored_fields(&f.departments),
    }
}

/// The former versions' fields the departments write, read and ignored.
fn ignored_fields(departments: &[DepartmentFile]) -> Vec<Ignored> {
    (departments.iter().enumerate())
        .filter(|(_, d)| d.button.is_some())
        .map(|(d, _)| Ignored::Button(DeptId(d)))
        .collect()
}

/// The arrivals, scripted ones with their template's index.
fn resolve_arrivals(written: &ArrivalsFile, cases: &[CaseFile]) -> Arrivals {
    match written {
        ArrivalsFile::Random {
            per_bar,
            from_bar,
            until_bar,
        } => Arrivals::Random {
            per_bar: *per_bar,
            from_bar: *from_bar,
            until_bar: *until_bar,
        },
        ArrivalsFile::Scripted(list) => Arrivals::Scripted(
            list.iter()
                .map(|a| ScriptedArrival {
                    bar: a.bar,
                    template: TemplateId(
                        cases
                            .iter()
                            .position(|c| c.id == a.case)
                            .unwrap_or_default(),
                    ),
                })
                .collect(),
        ),
    }
}

/// The departments with defaults applied.
fn resolve_departments(written: &[DepartmentFile]) -> Vec<Department> {
    // Written keys first; departments without one get the next default key nobody uses.
    let keys_written: Vec<Option<&'static str>> = written
        .iter()
        .map(|d| d.key.as_deref().and_then(|k| canonical_key(k).ok()))
        .collect();
    let mut free = defaults::KEYS
        .iter()
        .copied()
        .filter(|k| !keys_written.contains(&Some(*k)))
        .chain(
            super::keys::PLAYABLE
                .iter()
                .copied()
                .filter(|k| !keys_written.contains(&Some(*k))),
        );
    let mut keys: Vec<&'static str> = Vec::with_capacity(keys_written.len());
    for w in &keys_written {
        let key = match w {
            Some(k) => *k,
            None => free.by_ref().find(|k| !keys.contains(k)).unwrap_or("A"),
        };
        keys.push(key);
    }
    written
        .iter()
        .enumerate()
        .map(|(i, d)| Department {
            id: d.id.clone(),
            name: d.name.clone().unwrap_or_else(|| d.id.clone()),
            instrument: d
                .instrument
                .unwrap_or(Instrument::ALL[i % Instrument::ALL.len()]),
            key: keys[i],
            color: d
                .color
                .as_deref()
                .and_then(parse_color)
                .or_else(|| parse_color(defaults::COLORS[i % defaults::COLORS.len()]))
                .unwrap_or(Rgb(200, 200, 200)),
            shape: d.shape.unwrap_or(Shape::ALL[i % Shape::ALL.len()]),
            reach: d.reach,
        })
        .collect()
}

/// Step `i` of a template, owners resolved with `dept`, the default pitch by position.
fn resolve_step(i: usize, s: &StepFile, dept: &impl Fn(&str) -> DeptId) -> StepTemplate {
    StepTemplate {
        owner: match s {
            StepFile::Note { by, .. } => Owner::Dept(dept(by)),
            StepFile::Gap { between, .. } => Owner::Gap(between.as_ref().map(|(a, b)| Between {
                a: dept(a),
                b: dept(b),
            })),
        },
        pitch: s
            .pitch()
            .and_then(|p| parse_pitch(p).ok())
            .or_else(|| parse_pitch(defaults::PITCHES[i % defaults::PITCHES.len()]).ok())
            .unwrap_or(Pitch(60)),
        beats: s.beats(),
        label: s.label().map(str::to_owned),
    }
}

/// A colleague entry as written, or the defaults.
fn resolve_colleague(written: Option<&ColleagueFile>) -> Colleague {
    written.map_or_else(Colleague::default, |c| Colleague {
        skill: c.skill,
        timing_sd_ms: c.timing_sd_ms,
        busy: c.busy.clone(),
        busy_skill: c.busy_skill,
        initiative: c.initiative,
        follow_up: c.follow_up,
    })
}
