//! What comes into a performance from outside: a key press, and every change the simulation
//! applied, as it applied it (the log a replay is made of).

use crate::scenario::DeptId;

use super::time::Beat;

/// A key press: department `dept` pressed its key at song time `at`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Press {
    /// When the key went down, on the song clock.
    pub at: Beat,
    /// The department whose key it was.
    pub dept: DeptId,
}

impl Press {
    /// A press of department `dept` at beat `at`.
    pub fn new(at: Beat, dept: DeptId) -> Press {
        Press { at, dept }
    }
}

/// One change the simulation applied, as it applied it: its log ([`super::Sim::inputs`]) replayed
/// on a fresh simulation of the same scenario, seed and setup ([`super::Sim::replay`]) gives the
/// same events.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum SimInput {
    /// Presses fed in one step: the simulation stood at `after`, took `presses` (each at the time
    /// it counted, never before `after`) and ran on to `until`.
    Presses {
        /// Where the simulation stood before the step.
        after: Beat,
        /// Where it ran on to.
        until: Beat,
        /// The presses taken in the step, in order.
        presses: Vec<Press>,
    },
    /// The tempo became `scale` × the scenario's at `at`.
    Tempo {
        /// When the tempo changed.
        at: Beat,
        /// The new tempo as a multiple of the scenario's.
        scale: f64,
    },
    /// Department `dept` was handed to a person (`person`) or to its colleague at `at`.
    Seat {
        /// When the seat changed hands.
        at: Beat,
        /// The department seated.
        dept: DeptId,
        /// A person took it; `false`: its colleague did.
        person: bool,
    },
    /// Department `dept`'s presses may come up to `ms` late (a phone over Wi-Fi) from `at` on.
    Allowance {
        /// From when the allowance holds.
        at: Beat,
        /// The department (a phone's seat).
        dept: DeptId,
        /// How late its presses may come, ms.
        ms: f64,
    },
}

impl SimInput {
    /// Where the simulation stood when the input was applied (a playback feeds it once its song
    /// clock is there, and never runs past it before).
    pub(crate) fn starts_at(&self) -> Beat {
        match self {
            SimInput::Presses { after, .. } => *after,
            SimInput::Tempo { at, .. }
            | SimInput::Seat { at, .. }
            | SimInput::Allowance { at, .. } => *at,
        }
    }
}
