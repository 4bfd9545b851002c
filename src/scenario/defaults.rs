//! Default values of optional scenario fields, one function per field for serde. The values
//! only: the types they fill (and their `Default`s) are in `file.rs`, which builds on this.

pub(crate) fn language() -> String {
    "en".to_owned()
}
pub(crate) fn beats_per_bar() -> u32 {
    4
}
pub(crate) fn length_bars() -> u32 {
    32
}
pub(crate) fn seed() -> u64 {
    1
}
pub(crate) fn lead_beats() -> u32 {
    8
}
pub(crate) fn handoff_gap_beats() -> u32 {
    1
}
pub(crate) fn rescue_bars() -> u32 {
    4
}
pub(crate) fn weight() -> f64 {
    1.0
}
pub(crate) fn patience_bars() -> u32 {
    8
}
pub(crate) fn step_beats() -> u32 {
    1
}
pub(crate) fn teaches_gaps() -> bool {
    true
}
pub(crate) fn per_bar() -> f64 {
    0.5
}
pub(crate) fn from_bar() -> u32 {
    1
}
pub(crate) fn start() -> f64 {
    70.0
}
pub(crate) fn discord_penalty() -> f64 {
    8.0
}
pub(crate) fn lost_penalty() -> f64 {
    15.0
}
pub(crate) fn reply_reward() -> f64 {
    6.0
}
pub(crate) fn harmony_bonus() -> f64 {
    3.0
}
pub(crate) fn wait_drain() -> f64 {
    0.5
}
/// Strays are no longer free (docs/rules.md §6): pressing on every beat must never pay as well as
/// listening.
pub(crate) fn stray_penalty() -> f64 {
    0.5
}
pub(crate) fn double_work_penalty() -> f64 {
    1.0
}
pub(crate) fn perfect_ms() -> f64 {
    45.0
}
pub(crate) fn good_ms() -> f64 {
    90.0
}
pub(crate) fn ok_ms() -> f64 {
    150.0
}
pub(crate) fn skill() -> f64 {
    0.9
}
pub(crate) fn timing_sd_ms() -> f64 {
    35.0
}
pub(crate) fn busy_skill() -> f64 {
    0.3
}
pub(crate) fn initiative() -> f64 {
    0.3
}
pub(crate) fn follow_up() -> f64 {
    0.3
}

/// Default keys by department position. P, R, N and H are left free for the facilitator.
pub(crate) const KEYS: [&str; 16] = [
    "A", "S", "D", "F", "G", "J", "K", "L", "Q", "W", "E", "T", "Y", "U", "I", "O",
];

/// Okabe–Ito colour-blind-safe palette, then lighter companions, by department position.
pub(crate) const COLORS: [&str; 16] = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999",
    "#FFC857", "#9BD3F5", "#5FD3A8", "#FFF48F", "#5FA8DD", "#FF9A5C", "#E8B3D4", "#CCCCCC",
];

/// Pitches given to steps without one, by step index: a C major pentatonic climbing from C4.
pub(crate) const PITCHES: [&str; 10] = ["C4", "D4", "E4", "G4", "A4", "C5", "D5", "E5", "G5", "A5"];
