//! The audience of a performance: its satisfaction, 0–100, and the scenario's rules for what
//! moves it.

use crate::scenario::Audience;

/// The audience's satisfaction and what moves it.
#[derive(Debug)]
pub(super) struct Satisfaction {
    rules: Audience,
    value: f64,
}

impl Satisfaction {
    /// An audience moved by `rules`, starting where they say (kept within 0–100).
    pub(super) fn new(rules: Audience) -> Satisfaction {
        let value = rules.start.clamp(0.0, 100.0);
        Satisfaction { rules, value }
    }

    /// The satisfaction now, 0–100.
    pub(super) fn value(&self) -> f64 {
        self.value
    }

    /// What moves it: the scenario's penalties and rewards.
    pub(super) fn rules(&self) -> &Audience {
        &self.rules
    }

    /// Moves the satisfaction by `delta`, kept within 0–100; returns how far it moved.
    pub(super) fn change(&mut self, delta: f64) -> f64 {
        let before = self.value;
        self.value = (before + delta).clamp(0.0, 100.0);
        self.value - before
    }

    /// The satisfaction is gone: the audience walks out.
    pub(super) fn walks_out(&self) -> bool {
        self.value <= 0.0
    }
}
