//! `results.xlsx`: the debrief as a spreadsheet ready for a slide: first a sheet that says where
//! the performance came from (`about.csv`'s fields), then a sheet of cases and one of departments
//! with names (not ids) and headers in the interface language, each header explained in a note
//! and on a sheet of its own, the audience over the bars, and native charts (the audience curve,
//! the department figures).

use std::path::Path;

use rust_xlsxwriter::{Chart, ChartType, Format, Note, Workbook, Worksheet, XlsxError};

use crate::rounds::AudienceCurve;
use crate::scenario::Scenario;
use crate::sim::Debrief;

use super::{
    ABOUT_HEADER, AboutRow, CASE_HEADER, DEPARTMENT_HEADER, ExportError, case_rows, department_rows,
};

/// The CSV columns that hold ids: the spreadsheet shows the names beside them instead.
const ID_COLUMNS: [&str; 4] = ["case", "answered_by", "fell_between", "id"];

/// The columns of a sheet: the CSV's (`header`), less those holding ids (`keep` is kept even so:
/// the case's number).
fn shown(header: &'static [&'static str], keep: &str) -> Vec<&'static str> {
    header
        .iter()
        .copied()
        .filter(|c| *c == keep || !ID_COLUMNS.contains(c))
        .collect()
}

/// The words of the spreadsheet, by text key (`xlsx-…` in the interface's Fluent files).
pub type Words<'a> = &'a dyn Fn(&str) -> String;

/// Writes `results.xlsx` into `dir`, atomically; its first sheet holds `about`.
pub fn write_xlsx(
    dir: &Path,
    scenario: &Scenario,
    debrief: &Debrief,
    about: &AboutRow,
    words: Words,
) -> Result<(), ExportError> {
    let path = dir.join("results.xlsx");
    let fail = |e: XlsxError| ExportError {
        path: path.clone(),
        reason: e.to_string(),
    };
    let bytes = workbook(scenario, debrief, about, words)
        .and_then(|mut w| w.save_to_buffer())
        .map_err(fail)?;
    crate::files::write_atomic(&path, &bytes).map_err(|e| ExportError {
        path: path.clone(),
        reason: e.to_string(),
    })
}

/// The workbook: about, cases, departments (with a chart), the audience (with a chart), the
/// columns.
fn workbook(
    scenario: &Scenario,
    debrief: &Debrief,
    about_row: &AboutRow,
    words: Words,
) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name(words("xlsx-sheet-about"))?;
    about(sheet, about_row, words)?;
    let cases: Vec<serde_json::Value> = case_rows(scenario, debrief)
        .iter()
        .map(|r| serde_json::to_value(r).unwrap_or_default())
        .collect();
    let depts: Vec<serde_json::Value> = department_rows(debrief)
        .iter()
        .map(|r| serde_json::to_value(r).unwrap_or_default())
        .collect();
    let sheet = book.add_worksheet().set_name(words("xlsx-sheet-cases"))?;
    table(sheet, &shown(CASE_HEADER, "id"), &cases, words)?;
    let name = words("xlsx-sheet-departments");
    let sheet = book.add_worksheet().set_name(&name)?;
    table(sheet, &shown(DEPARTMENT_HEADER, ""), &depts, words)?;
    department_chart(sheet, &name, depts.len(), words)?;
    let name = words("xlsx-sheet-audience");
    let sheet = book.add_worksheet().set_name(&name)?;
    audience(sheet, &name, &AudienceCurve::of(scenario, debrief), words)?;
    let sheet = book.add_worksheet().set_name(words("xlsx-sheet-columns"))?;
    columns(sheet, words)?;
    Ok(book)
}

/// Where the performance came from: a row per field of [`AboutRow`], its name in the interface's
/// language (explained in a note) and its value. The seed is written as text, so that a seed too
/// large for a spreadsheet's numbers keeps every digit.
fn about(sheet: &mut Worksheet, row: &AboutRow, words: Words) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, words("xlsx-col-field"), &bold)?;
    sheet.write_string_with_format(0, 1, words("xlsx-col-value"), &bold)?;
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, 60)?;
    let values = serde_json::to_value(row).unwrap_or_default();
    for (i, field) in ABOUT_HEADER.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, words(&format!("xlsx-col-{field}")))?;
        sheet.insert_note(r, 0, &Note::new(words(&format!("xlsx-help-{field}"))))?;
        match &values[*field] {
            serde_json::Value::Number(n) if *field != "seed" => {
                sheet.write_number(r, 1, n.as_f64().unwrap_or_default())?;
            }
            serde_json::Value::String(s) => {
                sheet.write_string(r, 1, s)?;
            }
            other => {
                sheet.write_string(r, 1, other.to_string())?;
            }
        }
    }
    Ok(())
}

/// A header row (each header with its explanation as a note) and a row per record.
fn table(
    sheet: &mut Worksheet,
    columns: &[&str],
    rows: &[serde_json::Value],
    words: Words,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (c, field) in columns.iter().enumerate() {
        let col = c as u16;
        sheet.write_string_with_format(0, col, words(&format!("xlsx-col-{field}")), &bold)?;
        sheet.insert_note(0, col, &Note::new(words(&format!("xlsx-help-{field}"))))?;
        sheet.set_column_width(col, 16)?;
        for (r, row) in rows.iter().enumerate() {
            cell(sheet, r as u32 + 1, col, field, &row[*field], words)?;
        }
    }
    Ok(())
}

/// One value: numbers as numbers, yes/no and outcomes in words, text as it is.
fn cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    field: &str,
    value: &serde_json::Value,
    words: Words,
) -> Result<(), XlsxError> {
    match value {
        serde_json::Value::Number(n) => {
            sheet.write_number(row, col, n.as_f64().unwrap_or_default())?;
        }
        serde_json::Value::Bool(b) => {
            sheet.write_string(row, col, words(if *b { "xlsx-yes" } else { "xlsx-no" }))?;
        }
        serde_json::Value::String(s) if field == "outcome" => {
            sheet.write_string(row, col, words(&format!("xlsx-outcome-{s}")))?;
        }
        serde_json::Value::String(s) => {
            sheet.write_string(row, col, s)?;
        }
        _ => {}
    }
    Ok(())
}

/// Notes played, drops and chances taken per department, as bars.
fn department_chart(
    sheet: &mut Worksheet,
    name: &str,
    rows: usize,
    words: Words,
) -> Result<(), XlsxError> {
    if rows == 0 {
        return Ok(());
    }
    let last = rows as u32;
    let mut chart = Chart::new(ChartType::Column);
    chart
        .title()
        .set_name(words("xlsx-chart-departments").as_str());
    let columns = shown(DEPARTMENT_HEADER, "");
    for field in ["notes_played", "drops", "chances_taken"] {
        let col = columns.iter().position(|c| *c == field).unwrap_or(0) as u16;
        chart
            .add_series()
            .set_name((name, 0, col))
            .set_categories((name, 1, 0, last, 0))
            .set_values((name, 1, col, last, col));
    }
    sheet.insert_chart(last + 2, 0, &chart)?;
    Ok(())
}

/// The audience at the end of every bar, and its curve.
fn audience(
    sheet: &mut Worksheet,
    name: &str,
    curve: &AudienceCurve,
    words: Words,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, words("xlsx-col-bar"), &bold)?;
    sheet.write_string_with_format(0, 1, words("xlsx-col-audience"), &bold)?;
    for (i, v) in curve.values.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_number(row, 0, f64::from(curve.first_bar) + i as f64)?;
        sheet.write_number(row, 1, *v)?;
    }
    let last = curve.values.len() as u32;
    if last > 0 {
        let mut chart = Chart::new(ChartType::Line);
        chart
            .title()
            .set_name(words("xlsx-chart-audience").as_str());
        chart.x_axis().set_name(words("xlsx-col-bar").as_str());
        chart.y_axis().set_name(words("xlsx-col-audience").as_str());
        chart
            .add_series()
            .set_name((name, 0, 1))
            .set_categories((name, 1, 0, last, 0))
            .set_values((name, 1, 1, last, 1));
        sheet.insert_chart(1, 3, &chart)?;
    }
    Ok(())
}

/// Every field and column of the other sheets, explained.
fn columns(sheet: &mut Worksheet, words: Words) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, words("xlsx-col-column"), &bold)?;
    sheet.write_string_with_format(0, 1, words("xlsx-col-meaning"), &bold)?;
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, 100)?;
    let cases = shown(CASE_HEADER, "id");
    let depts = shown(DEPARTMENT_HEADER, "");
    let all = ABOUT_HEADER
        .iter()
        .chain(cases.iter())
        .chain(depts.iter().filter(|c| !cases.contains(c)));
    for (i, field) in all.enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, words(&format!("xlsx-col-{field}")))?;
        sheet.write_string(row, 1, words(&format!("xlsx-help-{field}")))?;
    }
    Ok(())
}
