//! Rounds side by side: the same rows in `tutti compare` and on the game's Compare rounds screen.

use std::fmt::Write as _;

use super::summary::RunSummary;

/// One row of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// Cases lost with every step but the last played.
    SolvedButUnanswered,
    /// Customers who gave up.
    Lost,
    /// Cases answered.
    Answered,
    /// Notes played twice.
    DoubleWork,
    /// Presses that played nothing.
    Strays,
    /// Loose notes picked up.
    Rescues,
    /// The share of chances to take a note that were taken.
    ChancesTaken,
    /// The satisfaction meter at the end.
    AudienceFinal,
    /// The lowest the meter went.
    AudienceLowest,
}

impl Figure {
    /// Every row, in the order shown.
    pub const ALL: [Figure; 9] = [
        Figure::SolvedButUnanswered,
        Figure::Lost,
        Figure::Answered,
        Figure::DoubleWork,
        Figure::Strays,
        Figure::Rescues,
        Figure::ChancesTaken,
        Figure::AudienceFinal,
        Figure::AudienceLowest,
    ];

    /// The row's name in English (the command line's language).
    pub fn label(self) -> &'static str {
        match self {
            Figure::SolvedButUnanswered => "solved but never answered",
            Figure::Lost => "lost",
            Figure::Answered => "answered",
            Figure::DoubleWork => "double work",
            Figure::Strays => "strays",
            Figure::Rescues => "rescues",
            Figure::ChancesTaken => "chances taken",
            Figure::AudienceFinal => "audience, final",
            Figure::AudienceLowest => "audience, lowest",
        }
    }

    /// The key of the row's name in the game's texts.
    pub fn text_key(self) -> &'static str {
        match self {
            Figure::SolvedButUnanswered => "compare-unanswered",
            Figure::Lost => "compare-lost",
            Figure::Answered => "compare-answered",
            Figure::DoubleWork => "compare-double-work",
            Figure::Strays => "compare-strays",
            Figure::Rescues => "compare-rescues",
            Figure::ChancesTaken => "compare-chances",
            Figure::AudienceFinal => "compare-audience-final",
            Figure::AudienceLowest => "compare-audience-lowest",
        }
    }

    /// The value of a round, as shown.
    pub fn value(self, s: &RunSummary) -> String {
        match self {
            Figure::SolvedButUnanswered => s.solved_but_unanswered.to_string(),
            Figure::Lost => s.lost.to_string(),
            Figure::Answered => format!("{}/{}", s.completed, s.total),
            Figure::DoubleWork => s.double_work.to_string(),
            Figure::Strays => s.strays.to_string(),
            Figure::Rescues => s.rescues.to_string(),
            Figure::ChancesTaken => {
                let c = s.chances();
                format!("{}/{}", c.taken, c.all)
            }
            Figure::AudienceFinal => format!("{:.1}", s.audience_final),
            Figure::AudienceLowest => format!("{:.1}", s.audience_min),
        }
    }
}

/// One round in the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The scenario's title.
    pub title: String,
    /// The seed it was played with.
    pub seed: u64,
    /// The round of the session, when known.
    pub round: Option<u32>,
    /// Its figures.
    pub summary: RunSummary,
    /// The group's agreement on stage during the round, if any.
    pub agreement: Option<String>,
}

impl Column {
    /// The column's heading lines: title, seed and round.
    pub fn heading(&self) -> [String; 2] {
        let round = self
            .round
            .map_or_else(String::new, |r| format!("round {r}, "));
        [self.title.clone(), format!("{round}seed {}", self.seed)]
    }
}

/// The rounds side by side as a text table: a column per round.
pub fn table(columns: &[Column]) -> String {
    let label_width = Figure::ALL
        .iter()
        .map(|f| f.label().chars().count())
        .max()
        .unwrap_or(0);
    let width = columns
        .iter()
        .flat_map(|c| c.heading())
        .map(|h| h.chars().count())
        .max()
        .unwrap_or(0)
        .max(8);
    let mut t = String::new();
    for line in 0..2 {
        let _ = write!(t, "{:label_width$}", "");
        for c in columns {
            let _ = write!(t, "  {:>width$}", c.heading()[line]);
        }
        t.push('\n');
    }
    for f in Figure::ALL {
        let _ = write!(t, "{:label_width$}", f.label());
        for c in columns {
            let _ = write!(t, "  {:>width$}", f.value(&c.summary));
        }
        t.push('\n');
    }
    for (i, c) in columns.iter().enumerate() {
        if let Some(a) = &c.agreement {
            let _ = writeln!(t, "agreement of column {}: \"{a}\"", i + 1);
        }
    }
    t
}
