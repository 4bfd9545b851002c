//! Limits that keep bad or hostile scenario files from hanging or exhausting the game.

/// Largest scenario file accepted, in bytes (1 MiB).
pub(crate) const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Deepest nesting of brackets the parser follows.
pub(crate) const MAX_NESTING: usize = 32;
/// Departments in one scenario.
pub(crate) const DEPARTMENTS: (usize, usize) = (1, 16);
/// Case templates in one scenario.
pub(crate) const CASES: (usize, usize) = (1, 200);
/// Steps in one case template.
pub(crate) const STEPS: (usize, usize) = (1, 32);
/// Tempo in beats per minute.
pub(crate) const TEMPO_BPM: (f64, f64) = (30.0, 300.0);
/// Beats in a bar.
pub(crate) const BEATS_PER_BAR: (u32, u32) = (1, 16);
/// Length of the arrival period in bars.
pub(crate) const LENGTH_BARS: (u32, u32) = (1, 2000);
/// Beats from arrival to the first note.
pub(crate) const LEAD_BEATS: (u32, u32) = (1, 64);
/// Beats of silence between steps.
pub(crate) const HANDOFF_GAP_BEATS: (u32, u32) = (0, 32);
/// Bars a loose note keeps coming back.
pub(crate) const RESCUE_BARS: (u32, u32) = (0, 64);
/// Length of one step in beats.
pub(crate) const STEP_BEATS: (u32, u32) = (1, 32);
/// Patience of a case in bars.
pub(crate) const PATIENCE_BARS: (u32, u32) = (0, 2000);
/// Average random arrivals per bar.
pub(crate) const PER_BAR: (f64, f64) = (0.0, 8.0);
/// Any audience figure (start, penalties, rewards).
pub const AUDIENCE: (f64, f64) = (0.0, 100.0);
/// Any timing window or timing spread, in milliseconds.
pub(crate) const TIMING_MS: (f64, f64) = (1.0, 1000.0);
/// Longest id, name or label, in characters.
pub(crate) const MAX_TEXT_CHARS: usize = 200;
/// Longest department name the stage always shows whole (on two lines where it must), in
/// characters; `tutti check` warns of a longer one.
pub(crate) const SHOWN_NAME_CHARS: usize = 28;
/// Discussion questions.
pub(crate) const MAX_QUESTIONS: usize = 20;
/// Goals a level may set (Level select and the debrief show them all).
pub(crate) const MAX_GOALS: usize = 3;
/// The most notes a goal may ask the players to take, pick up or keep under.
pub(crate) const MAX_GOAL_COUNT: u32 = 1000;
/// Scripted arrivals in total.
pub(crate) const MAX_SCRIPTED: usize = 20_000;
/// Lowest and highest playable pitch as MIDI note numbers (C1–C8).
pub(crate) const PITCH_MIDI: (i32, i32) = (24, 108);
