//! The room's export, into the host's session folder: `room.csv` (a row per table per round: the
//! figures `tutti simulate --json` prints, and the table's agreement) and `room.xlsx` (a sheet for
//! the room, a row per round of its sums and the places where cases fell between the chairs, then a
//! sheet per table, a row per round). Both are written whole, atomically, and again at each round's
//! end: the last write holds every round.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use serde::Serialize;

use crate::export::{ExportError, Words};
use crate::scenario::Scenario;

use super::report::{RoomRound, TableResult};
use super::room::RoomState;

/// The columns of `room.csv`, in order (the fields of [`TableRow`]).
pub const TABLE_HEADER: &[&str] = &[
    "table",
    "round",
    "seed",
    "total",
    "completed",
    "lost",
    "solved_but_unanswered",
    "double_work",
    "rescues",
    "strays",
    "audience_final",
    "audience_min",
    "walked_out",
    "agreement",
];

/// The columns of the room's sheet, a row per round (fields of [`RoomRound`]).
const ROOM_HEADER: &[&str] = &[
    "round",
    "tables",
    "total",
    "completed",
    "lost",
    "solved_but_unanswered",
    "double_work",
    "rescues",
    "strays",
    "walked_out",
    "audience_mean",
];

/// The columns of the room's list of places where cases fell between the chairs.
const CHAIRS_HEADER: &[&str] = &["round", "chairs", "case", "step", "count"];

/// One table's round, as a row of `room.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct TableRow {
    /// The table's name.
    pub table: String,
    /// The round, from 1.
    pub round: u32,
    /// The seed as text: a spreadsheet's numbers would round a large one.
    pub seed: String,
    /// Customers who came.
    pub total: u32,
    /// Customers answered.
    pub completed: u32,
    /// Customers lost.
    pub lost: u32,
    /// Cases solved but never answered.
    pub solved_but_unanswered: u32,
    /// Notes played twice.
    pub double_work: u32,
    /// Loose notes picked up.
    pub rescues: u32,
    /// Presses that played nothing.
    pub strays: u32,
    /// The audience at the end, 0–100.
    pub audience_final: f64,
    /// The audience at its lowest, 0–100.
    pub audience_min: f64,
    /// Whether the audience walked out.
    pub walked_out: bool,
    /// The table's agreement on stage during the round ("" when none).
    pub agreement: String,
}

impl TableRow {
    /// The row of one table's round.
    pub fn of(r: &TableResult) -> TableRow {
        let s = &r.summary;
        TableRow {
            table: r.table.clone(),
            round: r.round,
            seed: s.seed.to_string(),
            total: s.total,
            completed: s.completed,
            lost: s.lost,
            solved_but_unanswered: s.solved_but_unanswered,
            double_work: s.double_work,
            rescues: s.rescues,
            strays: s.strays,
            audience_final: s.audience_final,
            audience_min: s.audience_min,
            walked_out: s.walked_out,
            agreement: r.replay.agreement.clone().unwrap_or_default(),
        }
    }
}

/// Every table's rounds, round by round, each round in the tables' order.
pub fn table_rows(room: &RoomState) -> Vec<TableRow> {
    room.rounds()
        .into_iter()
        .flat_map(|round| room.results(round).iter().map(TableRow::of))
        .collect()
}

/// The room's sums, a [`RoomRound`] per round with reports.
pub fn room_rounds(scenario: &Scenario, room: &RoomState) -> Vec<RoomRound> {
    room.rounds()
        .into_iter()
        .map(|round| {
            let results: Vec<&TableResult> = room.results(round).iter().collect();
            RoomRound::of(scenario, round, &results)
        })
        .collect()
}

/// Writes `room.csv` and `room.xlsx` into `dir`; the spreadsheet's headers in the words `words`
/// gives (`room-col-…` and `room-sheet-…` keys). Returns the two paths.
pub fn write_room(
    dir: &Path,
    scenario: &Scenario,
    room: &RoomState,
    words: Words,
) -> Result<[PathBuf; 2], ExportError> {
    let fail = |path: &Path, reason: String| ExportError {
        path: path.to_owned(),
        reason,
    };
    let csv_path = dir.join("room.csv");
    let rows = table_rows(room);
    crate::export::write_csv(&csv_path, TABLE_HEADER, &rows)?;
    let xlsx_path = dir.join("room.xlsx");
    let bytes = workbook(scenario, room, &rows, words)
        .and_then(|mut w| w.save_to_buffer())
        .map_err(|e| fail(&xlsx_path, e.to_string()))?;
    crate::files::write_atomic(&xlsx_path, &bytes).map_err(|e| fail(&xlsx_path, e.to_string()))?;
    Ok([csv_path, xlsx_path])
}

/// The workbook: the room's sheet, then one per table.
fn workbook(
    scenario: &Scenario,
    room: &RoomState,
    rows: &[TableRow],
    words: Words,
) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name(words("room-sheet-room"))?;
    room_sheet(sheet, scenario, &room_rounds(scenario, room), words)?;
    let mut names: Vec<String> = vec![words("room-sheet-room").to_lowercase()];
    for t in room.tables() {
        let name = sheet_name(&t.name, &names);
        names.push(name.to_lowercase());
        let sheet = book.add_worksheet().set_name(&name)?;
        let own: Vec<serde_json::Value> = rows
            .iter()
            .filter(|r| r.table == t.name)
            .map(|r| serde_json::to_value(r).unwrap_or_default())
            .collect();
        grid(sheet, 0, &TABLE_HEADER[1..], &own, words)?;
        sheet.set_column_width(TABLE_HEADER.len() as u16 - 2, 60)?;
    }
    Ok(book)
}

/// The room's sheet: a row per round of its sums, and under them where cases fell between the
/// chairs (the departments by name), the most often first in each round.
fn room_sheet(
    sheet: &mut Worksheet,
    scenario: &Scenario,
    rounds: &[RoomRound],
    words: Words,
) -> Result<(), XlsxError> {
    let sums: Vec<serde_json::Value> = rounds
        .iter()
        .map(|r| serde_json::to_value(r).unwrap_or_default())
        .collect();
    grid(sheet, 0, ROOM_HEADER, &sums, words)?;
    let chairs: Vec<serde_json::Value> = rounds
        .iter()
        .flat_map(|r| {
            r.between_chairs.iter().map(move |c| {
                serde_json::json!({
                    "round": r.round,
                    "chairs": chair_names(scenario, &c.chairs),
                    "case": case_name(scenario, &c.case),
                    "step": c.step,
                    "count": c.count,
                })
            })
        })
        .collect();
    grid(
        sheet,
        rounds.len() as u32 + 2,
        CHAIRS_HEADER,
        &chairs,
        words,
    )?;
    sheet.set_column_width(1, 28)?;
    Ok(())
}

/// The names of the departments a step lay between ("anyone" for a note anyone could take).
pub fn chair_names(scenario: &Scenario, ids: &[String]) -> String {
    if ids.is_empty() {
        return "—".to_owned();
    }
    ids.iter()
        .map(|id| {
            scenario
                .departments
                .iter()
                .find(|d| d.id == *id)
                .map_or_else(|| id.clone(), |d| d.name.clone())
        })
        .collect::<Vec<_>>()
        .join(" ↔ ")
}

/// A case's name by its id.
pub fn case_name(scenario: &Scenario, id: &str) -> String {
    scenario
        .cases
        .iter()
        .find(|c| c.id == id)
        .map_or_else(|| id.to_owned(), |c| c.name.clone())
}

/// A header row at `top` and a row per record under it: numbers as numbers, yes/no in words.
fn grid(
    sheet: &mut Worksheet,
    top: u32,
    columns: &[&str],
    rows: &[serde_json::Value],
    words: Words,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (c, field) in columns.iter().enumerate() {
        let col = c as u16;
        sheet.write_string_with_format(top, col, words(&format!("room-col-{field}")), &bold)?;
        sheet.set_column_width(col, 14)?;
        for (r, row) in rows.iter().enumerate() {
            let at = top + 1 + r as u32;
            match &row[*field] {
                serde_json::Value::Number(n) => {
                    sheet.write_number(at, col, n.as_f64().unwrap_or_default())?;
                }
                serde_json::Value::Bool(b) => {
                    sheet.write_string(at, col, words(if *b { "xlsx-yes" } else { "xlsx-no" }))?;
                }
                serde_json::Value::String(s) => {
                    sheet.write_string(at, col, s)?;
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// A sheet name for table `name`: at most 31 characters, none of `[]:*?/\`, and not one of
/// `taken` (lower case; a number is added).
fn sheet_name(name: &str, taken: &[String]) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let clean = if clean.is_empty() { "table" } else { clean };
    let base: String = clean.chars().take(31).collect();
    let mut n = 1;
    let mut candidate = base.clone();
    while taken.contains(&candidate.to_lowercase()) {
        n += 1;
        let tail = format!(" {n}");
        let keep = 31 - tail.chars().count();
        candidate = format!("{}{tail}", base.chars().take(keep).collect::<String>());
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_name_is_short_clean_and_unique() {
        let taken = vec!["room".to_owned(), "table 1".to_owned()];
        assert_eq!(sheet_name("Table 2", &taken), "Table 2");
        assert_eq!(sheet_name("Table 1", &taken), "Table 1 2");
        assert_eq!(sheet_name("Room", &taken), "Room 2");
        assert_eq!(sheet_name("a/b:c", &taken), "a-b-c");
        let long = "x".repeat(40);
        assert_eq!(sheet_name(&long, &taken).chars().count(), 31);
    }
}
