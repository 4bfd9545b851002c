//! The scenario file format: the serde types a `.ron` scenario deserialises into, as written.
//!
//! Every field but `title`, `tempo_bpm`, `departments` and `cases` has a default (see
//! [`super::defaults`]); unknown fields are errors. Meaning (ids, ranges) is checked afterwards by
//! [`super::validate`], and [`super::resolve`] turns the file into the [`super::Scenario`] everything
//! else uses. The types only found in the file keep their serde names (`Scenario(`, `Department(`,
//! `Case(`, …), which RON checks where a file writes them and error messages quote. See
//! `docs/scenarios.md` for the facilitator's view of every field.

use serde::Deserialize;

use super::defaults as d;

/// A whole scenario file: the orchestra, the kinds of customer request, and how the piece is
/// played.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename = "Scenario")]
pub(crate) struct ScenarioFile {
    /// Shown on the level list and the briefing.
    pub title: String,
    /// One or two sentences for the briefing.
    #[serde(default)]
    pub summary: String,
    /// `"da"` or `"en"`: the language the scenario's own texts are written in.
    #[serde(default = "d::language")]
    pub language: String,
    /// Beats per minute at 100 % tempo (30–300).
    pub tempo_bpm: f64,
    /// Beats in one bar (1–16).
    #[serde(default = "d::beats_per_bar")]
    pub beats_per_bar: u32,
    /// How many bars customers may arrive in (1–2,000). The piece plays on after it until every
    /// open case is answered or lost.
    #[serde(default = "d::length_bars")]
    pub length_bars: u32,
    /// Seed of the random arrivals and of the colleagues' play.
    #[serde(default = "d::seed")]
    pub seed: u64,
    /// Beats between a case's arrival and its first note being due.
    #[serde(default = "d::lead_beats")]
    pub lead_beats: u32,
    /// Beats of silence between the end of one step and the next step being due.
    #[serde(default = "d::handoff_gap_beats")]
    pub handoff_gap_beats: u32,
    /// Bars a dropped (loose) note keeps coming back before its case is lost.
    #[serde(default = "d::rescue_bars")]
    pub rescue_bars: u32,
    /// The musicians, top staff first (1–16).
    pub departments: Vec<DepartmentFile>,
    /// The kinds of customer request (1–200).
    pub cases: Vec<CaseFile>,
    /// When customers arrive.
    #[serde(default)]
    pub arrivals: ArrivalsFile,
    /// The satisfaction meter and what moves it.
    #[serde(default)]
    pub audience: Audience,
    /// The timing windows of the judgement.
    #[serde(default)]
    pub timing: Timing,
    /// How the computer plays departments nobody has taken.
    #[serde(default)]
    pub colleagues: Vec<ColleagueFile>,
    /// Discussion questions for the pause overlay and the debrief.
    #[serde(default)]
    pub debrief: Vec<String>,
    /// One line on what the level teaches, for Level select (may be empty).
    #[serde(default)]
    pub lesson: String,
    /// Goals tied to the lesson (0–3), judged at the end of a whole piece.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// One question for a player alone to think about after the piece (may be empty).
    #[serde(default)]
    pub reflection: String,
    /// Whether the level is about what falls between two chairs; `false` for a level that
    /// teaches something before that (one's own part, passing a case on), so `tutti check` does
    /// not warn that nothing can fall between two chairs.
    #[serde(default = "d::teaches_gaps")]
    pub teaches_gaps: bool,
    /// What the organisation calls the one who waits, the answer and the audience (optional).
    #[serde(default)]
    pub words: Option<super::words::WordsFile>,
}

/// A goal tied to the level's lesson, judged from the debrief figures of a whole piece (see
/// `crate::sim::goals`). "The players" are the departments people played; with nobody seated
/// (a simulation, a demo) the whole orchestra.
#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq)]
pub enum Goal {
    /// No case solved but never answered.
    NoUnanswered,
    /// No customer lost.
    NoneLost,
    /// The audience above this (0–100) at the end, and it never walked out.
    AudienceAbove(f64),
    /// The players take at least this many calls between the chairs (gap notes claimed).
    Takes(u32),
    /// The players pick up at least this many loose notes.
    Rescues(u32),
    /// At most this many presses that played nothing, by the players.
    StraysAtMost(u32),
    /// At most this many notes played twice, by anyone.
    DoubleWorkAtMost(u32),
}

impl Goal {
    /// A stable name of the goal and its number (`takes-5`, `no-unanswered`): what the best
    /// scores keep of a goal met, so that a goal changed in the file is a new goal.
    pub fn key(&self) -> String {
        match *self {
            Goal::NoUnanswered => "no-unanswered".to_owned(),
            Goal::NoneLost => "none-lost".to_owned(),
            Goal::AudienceAbove(v) => format!("audience-above-{v}"),
            Goal::Takes(n) => format!("takes-{n}"),
            Goal::Rescues(n) => format!("rescues-{n}"),
            Goal::StraysAtMost(n) => format!("strays-at-most-{n}"),
            Goal::DoubleWorkAtMost(n) => format!("double-work-at-most-{n}"),
        }
    }
}

/// Which notes besides its own a department's key may take.
#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq, Eq, Default)]
pub enum Reach {
    /// The rule of the book: gap notes between its chairs (or anyone's), and loose notes of its
    /// own staff and the staves next to it.
    #[default]
    Neighbours,
    /// Any gap note or loose note anywhere on the stage: one seat that owns the whole case.
    Anywhere,
}

/// A department as written: one musician, one staff of the score.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename = "Department")]
pub(crate) struct DepartmentFile {
    /// Short id used by steps and colleagues, e.g. `"it"`.
    pub id: String,
    /// Display name; defaults to the id.
    #[serde(default)]
    pub name: Option<String>,
    /// The instrument, which also sets the timbre; defaults by position.
    #[serde(default)]
    pub instrument: Option<Instrument>,
    /// Keyboard key that plays this department, e.g. `"A"`; defaults by position.
    #[serde(default)]
    pub key: Option<String>,
    /// A gamepad button, as former versions let a file name one: read and ignored (each gamepad
    /// takes one seat in the lobby and plays it with any face or shoulder button), so an older
    /// file still loads; `tutti check` says it is ignored.
    #[serde(default)]
    pub button: Option<serde::de::IgnoredAny>,
    /// `"#RRGGBB"`; defaults to a colour-blind-safe palette by position.
    #[serde(default)]
    pub color: Option<String>,
    /// The shape drawn with the colour, so colour is never the only cue; defaults by position.
    #[serde(default)]
    pub shape: Option<Shape>,
    /// Which gap and loose notes its key may take besides its own; `Neighbours` by default.
    #[serde(default)]
    pub reach: Reach,
}

/// The synthesised instruments.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Instrument {
    /// A bowed string, high.
    Violin,
    /// A bowed string, low.
    Cello,
    /// A woodwind, high and airy.
    Flute,
    /// A reed woodwind.
    Clarinet,
    /// A brass horn.
    Horn,
    /// A struck string, percussive.
    Piano,
    /// Wooden bars, short and mellow.
    Marimba,
    /// A tuned drum.
    Timpani,
}

impl Instrument {
    /// All instruments, in the order used for defaults.
    pub const ALL: [Instrument; 8] = [
        Instrument::Violin,
        Instrument::Cello,
        Instrument::Flute,
        Instrument::Clarinet,
        Instrument::Horn,
        Instrument::Piano,
        Instrument::Marimba,
        Instrument::Timpani,
    ];
}

/// Shapes that tell departments apart without colour.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Shape {
    /// A round mark.
    Circle,
    /// A four-cornered mark.
    Square,
    /// A three-cornered mark.
    Triangle,
    /// A square on its point.
    Diamond,
    /// A five-pointed star.
    Star,
    /// A six-sided mark.
    Hexagon,
    /// A plus sign.
    Cross,
    /// A heart.
    Heart,
}

impl Shape {
    /// All shapes, in the order used for defaults.
    pub const ALL: [Shape; 8] = [
        Shape::Circle,
        Shape::Square,
        Shape::Triangle,
        Shape::Diamond,
        Shape::Star,
        Shape::Hexagon,
        Shape::Cross,
        Shape::Heart,
    ];
}

/// A kind of customer request as written: a phrase of steps.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename = "Case")]
pub(crate) struct CaseFile {
    /// Short id used by scripted arrivals.
    pub id: String,
    /// Display name; defaults to the id.
    #[serde(default)]
    pub name: Option<String>,
    /// Relative chance of this template for random arrivals.
    #[serde(default = "d::weight")]
    pub weight: f64,
    /// Bars a customer waits calmly before the audience starts to drain.
    #[serde(default = "d::patience_bars")]
    pub patience_bars: u32,
    /// The notes, in order (1–32).
    pub steps: Vec<StepFile>,
}

/// One step of a case as written: a department's note, or a note in the gap that nobody owns.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename = "Step")]
pub(crate) enum StepFile {
    /// A note owned by one department.
    Note {
        /// The owning department's id.
        by: String,
        /// Scientific pitch such as `"F#4"`; defaults along a pentatonic scale.
        #[serde(default)]
        pitch: Option<String>,
        /// Length in beats.
        #[serde(default = "d::step_beats")]
        beats: u32,
        /// Text shown with the note, e.g. "Ring kunden op".
        #[serde(default)]
        label: Option<String>,
    },
    /// A note nobody owns, lying between two staves.
    Gap {
        /// The two departments it falls between; only they may claim it. Without it, anyone may.
        #[serde(default)]
        between: Option<(String, String)>,
        /// Scientific pitch such as `"D5"`; defaults along a pentatonic scale.
        #[serde(default)]
        pitch: Option<String>,
        /// Length in beats.
        #[serde(default = "d::step_beats")]
        beats: u32,
        /// Text shown with the note, e.g. "Hvem svarer?".
        #[serde(default)]
        label: Option<String>,
    },
}

impl StepFile {
    /// The written pitch, if any.
    pub fn pitch(&self) -> Option<&str> {
        match self {
            StepFile::Note { pitch, .. } | StepFile::Gap { pitch, .. } => pitch.as_deref(),
        }
    }

    /// Length in beats.
    pub fn beats(&self) -> u32 {
        match self {
            StepFile::Note { beats, .. } | StepFile::Gap { beats, .. } => *beats,
        }
    }

    /// The label, if any.
    pub fn label(&self) -> Option<&str> {
        match self {
            StepFile::Note { label, .. } | StepFile::Gap { label, .. } => label.as_deref(),
        }
    }
}

/// When customers arrive, as written.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename = "Arrivals")]
pub(crate) enum ArrivalsFile {
    /// On average `per_bar` cases a bar between `from_bar` and `until_bar`, templates drawn by weight.
    Random {
        #[serde(default = "d::per_bar")]
        per_bar: f64,
        #[serde(default = "d::from_bar")]
        from_bar: u32,
        /// Defaults to `length_bars`.
        #[serde(default)]
        until_bar: Option<u32>,
    },
    /// A fixed list of arrivals.
    Scripted(Vec<ScriptedArrivalFile>),
}

impl Default for ArrivalsFile {
    fn default() -> Self {
        ArrivalsFile::Random {
            per_bar: d::per_bar(),
            from_bar: d::from_bar(),
            until_bar: None,
        }
    }
}

/// One entry of `Scripted([...])`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename = "ScriptedArrival")]
pub(crate) struct ScriptedArrivalFile {
    /// The bar the customer arrives in.
    pub bar: u32,
    /// The case template's id.
    pub case: String,
}

/// The audience's satisfaction meter (0–100) and what moves it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Audience {
    /// Satisfaction at the start.
    #[serde(default = "d::start")]
    pub start: f64,
    /// Lost for every dropped note.
    #[serde(default = "d::discord_penalty")]
    pub discord_penalty: f64,
    /// Lost when a case is lost.
    #[serde(default = "d::lost_penalty")]
    pub lost_penalty: f64,
    /// Won when a case is answered.
    #[serde(default = "d::reply_reward")]
    pub reply_reward: f64,
    /// Won on top when a case is answered without any dropped note.
    #[serde(default = "d::harmony_bonus")]
    pub harmony_bonus: f64,
    /// Lost each bar for each case waiting longer than its patience.
    #[serde(default = "d::wait_drain")]
    pub wait_drain: f64,
    /// Lost for a press that plays nothing (0: strays are only counted).
    #[serde(default = "d::stray_penalty")]
    pub stray_penalty: f64,
    /// Lost when a second department plays a note someone already claimed (0: only counted).
    #[serde(default = "d::double_work_penalty")]
    pub double_work_penalty: f64,
}

impl Default for Audience {
    fn default() -> Self {
        Audience {
            start: d::start(),
            discord_penalty: d::discord_penalty(),
            lost_penalty: d::lost_penalty(),
            reply_reward: d::reply_reward(),
            harmony_bonus: d::harmony_bonus(),
            wait_drain: d::wait_drain(),
            stray_penalty: d::stray_penalty(),
            double_work_penalty: d::double_work_penalty(),
        }
    }
}

/// Timing windows, in milliseconds either side of the beat.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Timing {
    /// The perfect window, ms either side of the beat.
    #[serde(default = "d::perfect_ms")]
    pub perfect_ms: f64,
    /// The good window, ms either side of the beat.
    #[serde(default = "d::good_ms")]
    pub good_ms: f64,
    /// The widest window: outside it a press plays nothing.
    #[serde(default = "d::ok_ms")]
    pub ok_ms: f64,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            perfect_ms: d::perfect_ms(),
            good_ms: d::good_ms(),
            ok_ms: d::ok_ms(),
        }
    }
}

/// How the computer plays a department nobody has taken, as written. Departments without an
/// entry get the defaults.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename = "Colleague")]
pub(crate) struct ColleagueFile {
    /// The department's id.
    pub department: String,
    /// Chance (0–1) to play a live note.
    #[serde(default = "d::skill")]
    pub skill: f64,
    /// Standard deviation of the timing error, in milliseconds.
    #[serde(default = "d::timing_sd_ms")]
    pub timing_sd_ms: f64,
    /// Spells of bars in which the colleague is busy with other work.
    #[serde(default)]
    pub busy: Vec<BarRange>,
    /// Chance to play a live note during a busy spell.
    #[serde(default = "d::busy_skill")]
    pub busy_skill: f64,
    /// Chance to claim a gap note it may claim.
    #[serde(default = "d::initiative")]
    pub initiative: f64,
    /// Chance, each time a loose note it may rescue comes back, to rescue it.
    #[serde(default = "d::follow_up")]
    pub follow_up: f64,
}

/// Bars `from_bar` to `until_bar`, both included: a colleague's busy spell, or a practice loop.
#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct BarRange {
    /// The first bar, from 1.
    pub from_bar: u32,
    /// The last bar, included.
    pub until_bar: u32,
}

impl BarRange {
    /// Bars `from_bar` to `until_bar`, both included.
    pub fn new(from_bar: u32, until_bar: u32) -> BarRange {
        BarRange {
            from_bar,
            until_bar,
        }
    }

    /// Whether `bar` lies in the range.
    pub fn contains(self, bar: u32) -> bool {
        (self.from_bar..=self.until_bar).contains(&bar)
    }
}
