//! Rounds of a workshop, knowing nothing of Bevy: a performance kept as a [`replay`] (with the
//! `setup` it was played in) and checked again, the `summary` figures every round is compared
//! by, the [`rows`] a performance is written as, the workshop [`session`] that keeps the rounds
//! played, the side-by-side [`compare`] table, the [`rooms`] a scenario is played in once per
//! strategy, and the `teaching` warnings `tutti check` draws from them.

pub(crate) mod chart;
pub mod compare;
pub mod replay;
pub mod rooms;
pub mod rows;
pub(crate) mod runs;
pub mod session;
pub(crate) mod setup;
pub(crate) mod summary;
pub mod table;
pub(crate) mod teaching;

pub use replay::{Replay, ReplayError};
pub use session::{RoundRecord, Session};
pub use setup::{SeatRecord, Who};
pub use summary::{AudienceCurve, CaseTypeSummary, DeptSummary, RunSummary};

/// An argument of a text: its name and value.
pub(crate) type Arg = (&'static str, fluent_bundle::FluentValue<'static>);

/// How the tables speak: the text of a key, with arguments, in the scenario's language and words
/// (the caller holds the texts; the keys are the `sim-*` texts of `assets/locales`).
pub(crate) type Say<'a> = &'a dyn Fn(&str, &[Arg]) -> String;

/// A number with one decimal, as the tables write it.
pub(crate) fn one_decimal(v: f64) -> fluent_bundle::FluentValue<'static> {
    format!("{v:.1}").into()
}

/// A stable 64-bit hash (FNV-1a) as 16 hex digits: the same bytes give the same seal on every
/// machine and in every version of Rust (unlike the standard library's hasher).
pub(crate) fn seal(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}
