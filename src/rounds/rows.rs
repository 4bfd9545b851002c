//! The rows a finished performance is written as: a row per case, a row per department and the
//! one row that says where it came from ([`AboutRow`]), with their column names. `export` writes
//! them (CSV and xlsx); a replay's differences are told in them. Owned here so that `rounds` never
//! reaches up into `export`.

use crate::scenario::Scenario;
use crate::sim::{Debrief, Metre, Outcome};

use super::setup::{ReplaySetup, SeatRecord};

/// The one row of `about.csv` (and the spreadsheet's first sheet): where a performance came from,
/// so that an exported file can be told from another one months later.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AboutRow {
    /// The scenario's title (as shown).
    pub scenario_title: String,
    /// The scenario's file name, without its folder (`04-the-call-nobody-makes.en.ron`).
    pub scenario_file: String,
    /// The seed it was played with.
    pub seed: u64,
    /// Who played each department, as `session.csv` writes it: `dept=who`, `;`-separated (`who`:
    /// `colleague`, `key K`, `gamepad N`, `phone NAME`, or a `simulate --seat` strategy).
    pub seats: String,
    /// The tempo at the start, in per cent of the scenario's.
    pub tempo_pct: u32,
    /// `relaxed`, `normal` or `strict`.
    pub difficulty: String,
    /// The version of Tutti that wrote the export.
    pub tutti_version: String,
}

impl AboutRow {
    /// The row of a performance of `scenario`, read from the file `name` (a file name or a path),
    /// played with `seed` and set up as `setup` (as its replay keeps it).
    pub fn of(scenario: &Scenario, name: &str, seed: u64, setup: &ReplaySetup) -> AboutRow {
        AboutRow {
            scenario_title: scenario.title.clone(),
            scenario_file: file_name(name),
            seed,
            seats: seats_text(&setup.seats),
            tempo_pct: setup.tempo_pct,
            difficulty: setup.difficulty.clone(),
            tutti_version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }
}

/// The column names of `about.csv` (the fields of [`AboutRow`]).
pub const ABOUT_HEADER: &[&str] = &[
    "scenario_title",
    "scenario_file",
    "seed",
    "seats",
    "tempo_pct",
    "difficulty",
    "tutti_version",
];

/// Who sat where as one cell: `dept=who` for every department, `;`-separated
/// (`service=key A;it=colleague`).
pub(crate) fn seats_text(seats: &[SeatRecord]) -> String {
    seats
        .iter()
        .map(|s| format!("{}={}", s.dept, s.who))
        .collect::<Vec<_>>()
        .join(";")
}

/// The last part of a path (`levels/01-own-part.en.ron` → `01-own-part.en.ron`), on any
/// platform's separators; the name itself when it has none.
fn file_name(name: &str) -> String {
    name.rsplit(['/', '\\'])
        .find(|part| !part.is_empty())
        .unwrap_or(name)
        .to_owned()
}

/// One row of `cases.csv`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CaseRow {
    /// The case's number in order of arrival, from 1.
    pub id: u32,
    /// The case template's id in the scenario.
    pub case: String,
    /// The case template's name (as shown).
    pub case_name: String,
    /// The bar the customer arrived in, from 1.
    pub arrival_bar: u32,
    /// `completed`, `lost` or `open` (still open when the performance stopped).
    pub outcome: String,
    /// Lost with every step but the last played.
    pub solved_but_unanswered: bool,
    /// How many steps the case has.
    pub steps: usize,
    /// How many of them were played.
    pub steps_played: usize,
    /// Its notes that fell to the floor.
    pub drops: usize,
    /// Its loose notes someone picked up.
    pub rescues: usize,
    pub(crate) bars_waited: u32,
    /// The department that played the last note (answered the customer); empty if nobody did.
    pub answered_by: String,
    /// Its name (as shown); empty if nobody did.
    pub answered_by_name: String,
    /// For a lost case, the step never played: its label, or `step N` (from 1); else empty.
    pub missing_step: String,
    /// For a lost case, where that step lay: the two departments of a gap note (`it|service`),
    /// the owner alone for its own dropped note, `any` for a gap note anyone could take; else
    /// empty.
    pub fell_between: String,
    /// The same departments by name (`IT | Customer service`), or `anyone`; else empty.
    pub fell_between_names: String,
    /// For a lost case, whole bars from that step's due beat to the loss; else empty.
    pub bars_lying: Option<u32>,
}

/// One row of `departments.csv`: the debrief's department table.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DepartmentRow {
    /// The department's id in the scenario.
    pub id: String,
    /// Its name (as shown).
    pub name: String,
    /// Notes it played graded perfect.
    pub perfect: u32,
    /// Notes it played graded good.
    pub good: u32,
    /// Notes it played graded ok.
    pub ok: u32,
    /// Perfect + good + ok.
    pub notes_played: u32,
    /// Its own notes that fell to the floor.
    pub drops: u32,
    /// Gap notes it claimed.
    pub gap_notes_claimed: u32,
    /// Loose notes it picked up.
    pub rescues: u32,
    /// Its presses that played nothing.
    pub strays: u32,
    /// Notes it played that someone had already claimed.
    pub double_work: u32,
    /// Share of all notes played in the performance, 0–1, three decimals.
    pub share_of_notes: f64,
    /// Appearances of gap or loose notes it could have claimed or rescued.
    pub chances: u32,
    /// Those it claimed or rescued.
    pub chances_taken: u32,
}

/// The rows of `cases.csv`.
pub(crate) fn case_rows(scenario: &Scenario, debrief: &Debrief) -> Vec<CaseRow> {
    let metre = Metre {
        beats_per_bar: scenario.beats_per_bar,
    };
    debrief
        .cases
        .iter()
        .map(|c| {
            let chairs = debrief.between_chairs.iter().find(|r| r.case == c.id);
            CaseRow {
                id: c.id.0 + 1,
                case: scenario
                    .cases
                    .get(c.template.0)
                    .map(|t| t.id.clone())
                    .unwrap_or_default(),
                case_name: scenario
                    .cases
                    .get(c.template.0)
                    .map(|t| t.name.clone())
                    .unwrap_or_default(),
                arrival_bar: metre.bar_of(c.arrival),
                outcome: match c.outcome {
                    Outcome::Completed => "completed",
                    Outcome::Lost => "lost",
                    Outcome::Open => "open",
                }
                .to_owned(),
                solved_but_unanswered: c.solved_but_unanswered,
                steps: c.steps.len(),
                steps_played: c.steps_played(),
                drops: c.drops(),
                rescues: c.rescues(),
                bars_waited: c.bars_waited,
                answered_by: c
                    .answered_by()
                    .and_then(|d| debrief.departments.get(d.0))
                    .map(|d| d.id.clone())
                    .unwrap_or_default(),
                answered_by_name: c
                    .answered_by()
                    .and_then(|d| debrief.departments.get(d.0))
                    .map(|d| d.name.clone())
                    .unwrap_or_default(),
                missing_step: chairs.map(|r| r.step_name()).unwrap_or_default(),
                fell_between: chairs.map(|r| r.chairs.ids(scenario)).unwrap_or_default(),
                fell_between_names: chairs
                    .map(|r| names_of(scenario, &r.chairs))
                    .unwrap_or_default(),
                bars_lying: chairs.map(|r| r.bars_lying),
            }
        })
        .collect()
}

/// The rows of `departments.csv`.
pub(crate) fn department_rows(debrief: &Debrief) -> Vec<DepartmentRow> {
    let played = |d: &crate::sim::DeptStats| d.perfect + d.good + d.ok;
    let all: u32 = debrief.departments.iter().map(played).sum();
    debrief
        .departments
        .iter()
        .map(|d| DepartmentRow {
            id: d.id.clone(),
            name: d.name.clone(),
            perfect: d.perfect,
            good: d.good,
            ok: d.ok,
            notes_played: played(d),
            drops: d.drops,
            gap_notes_claimed: d.claims,
            rescues: d.rescues,
            strays: d.strays,
            double_work: d.double_work,
            share_of_notes: if all == 0 {
                0.0
            } else {
                (f64::from(played(d)) / f64::from(all) * 1000.0).round() / 1000.0
            },
            chances: d.chances,
            chances_taken: d.chances_taken,
        })
        .collect()
}

/// The column names of `cases.csv` (the fields of [`CaseRow`]), written even when there are no
/// rows.
pub(crate) const CASE_HEADER: &[&str] = &[
    "id",
    "case",
    "case_name",
    "arrival_bar",
    "outcome",
    "solved_but_unanswered",
    "steps",
    "steps_played",
    "drops",
    "rescues",
    "bars_waited",
    "answered_by",
    "answered_by_name",
    "missing_step",
    "fell_between",
    "fell_between_names",
    "bars_lying",
];

/// The column names of `departments.csv` (the fields of [`DepartmentRow`]).
pub(crate) const DEPARTMENT_HEADER: &[&str] = &[
    "id",
    "name",
    "perfect",
    "good",
    "ok",
    "notes_played",
    "drops",
    "gap_notes_claimed",
    "rescues",
    "strays",
    "double_work",
    "share_of_notes",
    "chances",
    "chances_taken",
];

/// The departments of a gap by name (`IT | Customer service`), or `anyone`.
fn names_of(scenario: &Scenario, chairs: &crate::sim::Chairs) -> String {
    let named = chairs.named();
    if named.is_empty() {
        return "anyone".to_owned();
    }
    named
        .iter()
        .map(|d| scenario.department(*d).name.clone())
        .collect::<Vec<_>>()
        .join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rounds::setup::Who;

    fn setup() -> ReplaySetup {
        ReplaySetup {
            seats: vec![
                SeatRecord {
                    dept: "service".to_owned(),
                    who: Who::Key("A".to_owned()),
                },
                SeatRecord {
                    dept: "it".to_owned(),
                    who: Who::Colleague,
                },
            ],
            difficulty: "relaxed".to_owned(),
            window_scale: 1.5,
            tempo_pct: 80,
            practice: None,
        }
    }

    #[test]
    fn the_about_header_names_the_about_rows_fields() {
        let scenario = crate::scenario::load_str(
            "levels/01-own-part.en.ron",
            include_str!("../../levels/01-own-part.en.ron"),
        )
        .unwrap();
        let row = AboutRow::of(&scenario, "levels/01-own-part.en.ron", 7, &setup());
        let mut w = csv::Writer::from_writer(Vec::new());
        w.serialize(&row).unwrap();
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(text.lines().next().unwrap(), ABOUT_HEADER.join(","));
        assert_eq!(row.scenario_file, "01-own-part.en.ron");
        assert_eq!(row.seats, "service=key A;it=colleague");
        assert_eq!((row.tempo_pct, row.difficulty.as_str()), (80, "relaxed"));
        assert_eq!(row.tutti_version, env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn a_file_name_is_the_last_part_of_any_path() {
        assert_eq!(file_name("a/b/c.ron"), "c.ron");
        assert_eq!(file_name(r"C:\levels\c.ron"), "c.ron");
        assert_eq!(file_name("c.ron"), "c.ron");
        assert_eq!(file_name(""), "");
        assert_eq!(file_name("dir/"), "dir");
    }
}
