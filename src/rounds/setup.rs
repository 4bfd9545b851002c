//! How a performance was set up: who played each department, the difficulty, the tempo and the
//! practice bars. A replay keeps it, and the rows a performance is written as say it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::scenario::BarRange;

/// Who played a department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Who {
    /// Its colleague (the computer).
    Colleague,
    /// A person at this key of the keyboard.
    Key(String),
    /// A person with gamepad number N (from 1).
    Gamepad(u32),
    /// A person on a phone, by the name it showed.
    Phone(String),
    /// A scripted player of `tutti simulate --seat` (its strategy's name).
    Strategy(String),
}

impl Who {
    /// Whether a person (or a scripted one) played the seat, rather than its colleague.
    pub fn is_person(&self) -> bool {
        !matches!(self, Who::Colleague)
    }
}

impl fmt::Display for Who {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Who::Colleague => write!(f, "colleague"),
            Who::Key(k) => write!(f, "key {k}"),
            Who::Gamepad(n) => write!(f, "gamepad {n}"),
            Who::Phone(name) => write!(f, "phone {name}"),
            Who::Strategy(s) => write!(f, "{s}"),
        }
    }
}

/// Who sat at one department at the start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatRecord {
    /// The department's id in the scenario.
    pub dept: String,
    /// Who sat there: a person, a strategy or the colleague.
    pub who: Who,
}

/// How the performance was set up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplaySetup {
    /// One per department, in the scenario's order.
    pub seats: Vec<SeatRecord>,
    /// `relaxed`, `normal` or `strict`.
    pub difficulty: String,
    /// The timing windows × this (what the difficulty means).
    pub window_scale: f64,
    /// The tempo at the start, in per cent of the scenario's.
    pub tempo_pct: u32,
    /// The practice loop's bars, when only some bars were played.
    pub practice: Option<BarRange>,
}

impl ReplaySetup {
    /// How `tutti simulate` (and a table without a window) sets a run up: the seated departments
    /// by their strategies (the rest by their colleagues), normal difficulty, the scenario's own
    /// tempo.
    pub fn simulated(
        scenario: &crate::scenario::Scenario,
        seats: &[crate::sim::Seat],
    ) -> ReplaySetup {
        let seat_records = scenario
            .dept_ids()
            .map(|d| {
                let strategy = seats.iter().rev().find(|s| s.dept == d).map(|s| s.strategy);
                SeatRecord {
                    dept: scenario.department(d).id.clone(),
                    who: match strategy {
                        None | Some(crate::sim::Strategy::Colleague) => Who::Colleague,
                        Some(s) => Who::Strategy(s.name().to_owned()),
                    },
                }
            })
            .collect();
        ReplaySetup {
            seats: seat_records,
            difficulty: "normal".to_owned(),
            window_scale: 1.0,
            tempo_pct: 100,
            practice: None,
        }
    }
}
