//! Tutti: an orchestra game that teaches shared responsibility in organisations.
//!
//! - [`scenario`]: the RON scenario format, its validation and error messages.
//! - [`sim`]: the rules as a deterministic simulation, and the debrief figures.
//! - [`audio`]: synthesised instruments, the mix, offline WAV export.
//! - [`headless`]: the `check` and `simulate` commands.
//! - [`export`]: the debrief as CSV files for the facilitator.
//! - [`files`]: atomic writes, and damaged files set aside.
//! - [`phones`]: the phones' page and WebSocket server on the local network, no engine.
//! - [`rounds`]: replays, the workshop session's rounds, and comparing them.
//! - [`app`]: the game assembled; [`states`]: the screens and frame order every part shares.
//! - [`game`], [`screens`], [`ui`], [`settings`], [`scores`]: the game on Bevy.
#![warn(missing_docs)]

pub mod app;
pub mod audio;
pub mod cli;
pub mod export;
pub mod files;
pub mod game;
pub mod headless;
pub mod keymap;
pub mod phones;
pub mod rounds;
pub mod scenario;
pub mod scores;
pub mod screens;
pub mod settings;
pub mod sim;
pub mod states;
pub mod tables;
pub mod texts;
pub mod ui;
