//! A room of many tables: one facilitator's host and up to [`room::MAX_TABLES`] tables, each an
//! ordinary game with its own screen, keyboard and phones, on the same network. No engine here:
//! the host's screen and a table's game are built on it in `game` and `screens`.
//!
//! - [`protocol`]: the messages between a table and its host (`docs/tables.md`).
//! - [`join`]: the address a table joins.
//! - [`host`]: the host's server; [`room`]: the room it keeps; [`store`]: its session folder.
//! - [`link`]: a table's line to its host, which survives the host going away.
//! - [`report`]: a table's round verified from its replay, and the room's sums.
//! - [`export`]: the room's `room.csv` and `room.xlsx` in the session folder.
//! - [`play`], [`run_table`], [`run_host`]: the table and host without a window.

pub mod export;
pub mod host;
pub mod join;
mod line;
pub mod link;
pub mod play;
pub mod protocol;
pub mod report;
pub mod room;
pub mod run_host;
pub mod run_table;
pub mod store;
