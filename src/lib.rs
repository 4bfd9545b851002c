//! Tutti: an orchestra game that teaches shared responsibility in organisations.
//!
//! - [`scenario`]: the RON scenario format, its validation and error messages.
//! - [`sim`]: the rules as a deterministic simulation, and the debrief figures.
//! - [`headless`]: the `check` and `simulate` commands.

pub mod cli;
pub mod headless;
pub mod scenario;
pub mod sim;
