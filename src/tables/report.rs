//! What a host makes of a table's round: the replay the table sent, verified by playing it again
//! (the host trusts no figure it did not compute), and the room's sums over its tables with the
//! places where cases fell between the chairs, counted over every table.

use serde::Serialize;

use crate::rounds::{Replay, RunSummary};
use crate::scenario::Scenario;
use crate::sim::{Chairs, Debrief};

/// One table's round, as the host keeps it.
#[derive(Debug, Clone)]
pub struct TableResult {
    /// The table's name.
    pub table: String,
    /// The round, from 1.
    pub round: u32,
    /// The replay the table sent.
    pub replay: Replay,
    /// The figures of the replay, played again here.
    pub debrief: Debrief,
    /// What `tutti simulate --json` prints of it.
    pub summary: RunSummary,
}

/// Why a table's round report is not kept.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportError {
    /// Not a replay this version reads, or it does not play back as recorded.
    Replay(String),
    /// A replay of another scenario than the room's.
    OtherScenario,
    /// A replay of another seed than the round's.
    OtherSeed {
        /// The round's seed.
        expected: u64,
        /// The replay's seed.
        got: u64,
    },
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReportError::Replay(e) => write!(f, "the round's replay is not usable: {e}"),
            ReportError::OtherScenario => f.write_str("the round was played on another scenario"),
            ReportError::OtherSeed { expected, got } => {
                write!(
                    f,
                    "the round was played with seed {got}, not the room's {expected}"
                )
            }
        }
    }
}

/// Reads and verifies table `table`'s replay `text` of round `round`, which must be of
/// `scenario_text` played with `seed`.
pub fn verify_round(
    table: &str,
    round: u32,
    text: &str,
    scenario_text: &str,
    seed: u64,
) -> Result<TableResult, ReportError> {
    let replay = Replay::parse(text).map_err(|e| ReportError::Replay(e.to_string()))?;
    if replay.scenario != scenario_text {
        return Err(ReportError::OtherScenario);
    }
    if replay.seed != seed {
        return Err(ReportError::OtherSeed {
            expected: seed,
            got: replay.seed,
        });
    }
    let (scenario, debrief) = replay
        .verify()
        .map_err(|e| ReportError::Replay(e.to_string()))?;
    let summary = RunSummary::of(&scenario, replay.seed, &debrief);
    Ok(TableResult {
        table: table.to_owned(),
        round,
        replay,
        debrief,
        summary,
    })
}

/// Where cases fell between the chairs, counted over tables: the departments the step lay
/// between (one for a department's own note, none for a note anyone could take) and the step.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ChairCount {
    /// The ids of the chairs the step lay between.
    pub chairs: Vec<String>,
    /// The case's id in the scenario.
    pub case: String,
    /// The step: its label in the file, or "step N" (from 1).
    pub step: String,
    /// How many times, over the tables.
    pub count: u32,
}

/// The room's figures of one round: the sums of its tables' figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoomRound {
    /// Always `null` in the JSON: the line is the room's, not a table's.
    pub table: Option<String>,
    /// The round, from 1.
    pub round: u32,
    /// Tables that reported the round.
    pub tables: u32,
    /// Customers who came, over the tables.
    pub total: u32,
    /// Customers answered, over the tables.
    pub completed: u32,
    /// Customers lost, over the tables.
    pub lost: u32,
    /// Cases solved but never answered, over the tables.
    pub solved_but_unanswered: u32,
    /// Notes played twice, over the tables.
    pub double_work: u32,
    /// Loose notes picked up, over the tables.
    pub rescues: u32,
    /// Presses that played nothing, over the tables.
    pub strays: u32,
    /// Tables whose audience walked out.
    pub walked_out: u32,
    /// The mean final audience over the tables.
    pub audience_mean: f64,
    /// Where cases fell between the chairs, the most often first.
    pub between_chairs: Vec<ChairCount>,
    /// The tables' agreements on stage during the round, one per table that had one.
    pub agreements: Vec<String>,
}

impl RoomRound {
    /// The sums over `results`, all of round `round`, of `scenario`.
    pub fn of(scenario: &Scenario, round: u32, results: &[&TableResult]) -> RoomRound {
        let sum = |f: fn(&RunSummary) -> u32| results.iter().map(|r| f(&r.summary)).sum();
        let n = results.len() as u32;
        let audience: f64 = results.iter().map(|r| r.summary.audience_final).sum();
        RoomRound {
            table: None,
            round,
            tables: n,
            total: sum(|s| s.total),
            completed: sum(|s| s.completed),
            lost: sum(|s| s.lost),
            solved_but_unanswered: sum(|s| s.solved_but_unanswered),
            double_work: sum(|s| s.double_work),
            rescues: sum(|s| s.rescues),
            strays: sum(|s| s.strays),
            walked_out: sum(|s| u32::from(s.walked_out)),
            audience_mean: if n == 0 {
                0.0
            } else {
                (audience / f64::from(n) * 10.0).round() / 10.0
            },
            between_chairs: chair_counts(scenario, results.iter().map(|r| &r.debrief)),
            agreements: results
                .iter()
                .filter_map(|r| r.replay.agreement.clone())
                .filter(|a| !a.trim().is_empty())
                .collect(),
        }
    }
}

/// Counts where the lost cases of `debriefs` fell, the most often first (then by chairs).
pub fn chair_counts<'a>(
    scenario: &Scenario,
    debriefs: impl Iterator<Item = &'a Debrief>,
) -> Vec<ChairCount> {
    let mut counts: std::collections::BTreeMap<(Vec<String>, String, String), u32> =
        std::collections::BTreeMap::new();
    for d in debriefs {
        for record in &d.between_chairs {
            let chairs = named_ids(scenario, &record.chairs);
            let case = scenario
                .cases
                .get(record.template.0)
                .map_or_else(String::new, |t| t.id.clone());
            let step = record
                .label
                .clone()
                .unwrap_or_else(|| format!("step {}", record.step + 1));
            *counts.entry((chairs, case, step)).or_default() += 1;
        }
    }
    let mut list: Vec<ChairCount> = counts
        .into_iter()
        .map(|((chairs, case, step), count)| ChairCount {
            chairs,
            case,
            step,
            count,
        })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.cmp(b)));
    list
}

/// The ids of the departments a step lay between.
fn named_ids(scenario: &Scenario, chairs: &Chairs) -> Vec<String> {
    chairs
        .named()
        .into_iter()
        .map(|d| scenario.department(d).id.clone())
        .collect()
}
