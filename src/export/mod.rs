//! Export of a performance's debrief for the facilitator's own analysis: `cases.csv` (a row per
//! case), `departments.csv` (a row per department) and `about.csv` (where the performance came
//! from: scenario, seed, seats, tempo, difficulty, version), UTF-8 and comma-separated with
//! decimal points whatever the locale, and `results.xlsx`, into
//! `results/<scenario>-<timestamp>/` by default. The game adds `debrief.png` beside them.

mod xlsx;

pub use crate::rounds::rows::{ABOUT_HEADER, AboutRow, CaseRow, DepartmentRow};
pub(crate) use crate::rounds::rows::{CASE_HEADER, DEPARTMENT_HEADER, case_rows, department_rows};
pub use xlsx::{Words, write_xlsx};

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::scenario::Scenario;
use crate::sim::Debrief;

/// The folder results go into when the platform has no data folder, relative to where the game
/// was started.
pub(crate) const DEFAULT_ROOT: &str = "results";

/// The environment variable that moves the results folder.
const RESULTS_ENV: &str = "TUTTI_RESULTS_DIR";

/// The per-user results folder: `$TUTTI_RESULTS_DIR` when set, else `tutti/results` in the
/// platform's data folder (`~/.local/share` on Linux, `~/Library/Application Support` on macOS,
/// `%APPDATA%` on Windows), else `results/` where the game was started.
pub(crate) fn results_root() -> PathBuf {
    match std::env::var_os(RESULTS_ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => dirs::data_dir().map_or_else(
            || PathBuf::from(DEFAULT_ROOT),
            |d| d.join("tutti").join("results"),
        ),
    }
}

/// Why an export failed; nothing already written is removed, and the performance is kept.
#[derive(Debug)]
pub struct ExportError {
    /// The file or folder that could not be written.
    pub path: PathBuf,
    /// What the system said.
    pub reason: String,
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not write {}: {}",
            self.path.display(),
            self.reason
        )
    }
}

impl std::error::Error for ExportError {}

/// `root/<stem>-<YYYY-MM-DD_HH-MM-SS>` (UTC): a results folder name that sorts by time and is
/// safe on every file system. `stem` is the scenario's file name without `.ron`.
pub(crate) fn results_dir(root: &Path, stem: &str, now: SystemTime) -> PathBuf {
    root.join(format!("{}-{}", safe_name(stem), utc_stamp(now)))
}

/// `name` made safe as a folder name on every file system (anything but letters, digits, `-`,
/// `_` and `.` becomes `-`; nothing left: `scenario`).
pub(crate) fn safe_name(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if safe.trim_matches('.').is_empty() {
        "scenario".to_owned()
    } else {
        safe
    }
}

/// The file stem of a scenario's name or path (`levels/01-own-part.en.ron` → `01-own-part.en`).
pub(crate) fn scenario_stem(name: &str) -> String {
    let file = Path::new(name)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_owned());
    file.strip_suffix(".ron").unwrap_or(&file).to_owned()
}

/// `YYYY-MM-DD_HH-MM-SS` in UTC.
pub(crate) fn utc_stamp(now: SystemTime) -> String {
    let secs = now
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}_{:02}-{:02}-{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Writes `cases.csv`, `departments.csv` and `about.csv` (the one row `about`) into `dir` (created
/// if needed). Each file is written atomically (`crate::files::write_atomic`), so a failed
/// export never leaves half a file.
pub fn write_csvs(
    dir: &Path,
    scenario: &Scenario,
    debrief: &Debrief,
    about: &AboutRow,
) -> Result<(), ExportError> {
    std::fs::create_dir_all(dir).map_err(|e| ExportError {
        path: dir.to_owned(),
        reason: e.to_string(),
    })?;
    write_csv(
        &dir.join("cases.csv"),
        CASE_HEADER,
        &case_rows(scenario, debrief),
    )?;
    write_csv(
        &dir.join("departments.csv"),
        DEPARTMENT_HEADER,
        &department_rows(debrief),
    )?;
    write_csv(
        &dir.join("about.csv"),
        ABOUT_HEADER,
        std::slice::from_ref(about),
    )?;
    Ok(())
}

/// Before the first header: tells spreadsheet programs the file is UTF-8, so æøå come through.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes one CSV file: the byte-order mark, `header` and a line per row, atomically.
pub(crate) fn write_csv<T: serde::Serialize>(
    path: &Path,
    header: &[&str],
    rows: &[T],
) -> Result<(), ExportError> {
    let fail = |reason: String| ExportError {
        path: path.to_owned(),
        reason,
    };
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    w.write_record(header).map_err(|e| fail(e.to_string()))?;
    for r in rows {
        w.serialize(r).map_err(|e| fail(e.to_string()))?;
    }
    let mut bytes = UTF8_BOM.to_vec();
    bytes.extend(w.into_inner().map_err(|e| fail(e.to_string()))?);
    crate::files::write_atomic(path, &bytes).map_err(|e| fail(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_gregorian() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        let t = UNIX_EPOCH + std::time::Duration::from_secs(1_795_768_245);
        assert_eq!(utc_stamp(t), "2026-11-27_08-30-45");
    }

    #[test]
    fn headers_name_the_row_fields_and_are_written_without_rows() {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.serialize(CaseRow {
            id: 1,
            case: String::new(),
            case_name: String::new(),
            arrival_bar: 1,
            outcome: String::new(),
            solved_but_unanswered: false,
            steps: 0,
            steps_played: 0,
            drops: 0,
            rescues: 0,
            bars_waited: 0,
            answered_by: String::new(),
            answered_by_name: String::new(),
            missing_step: String::new(),
            fell_between: String::new(),
            fell_between_names: String::new(),
            bars_lying: None,
        })
        .unwrap();
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(text.lines().next().unwrap(), CASE_HEADER.join(","));
        let dir = std::env::temp_dir().join(format!("tutti-empty-{}", std::process::id()));
        let path = dir.join("d.csv");
        std::fs::create_dir_all(&dir).unwrap();
        write_csv::<DepartmentRow>(&path, DEPARTMENT_HEADER, &[]).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text
            .strip_prefix('\u{feff}')
            .expect("a byte-order mark, so spreadsheet programs read æøå");
        assert_eq!(text.trim_end(), DEPARTMENT_HEADER.join(","));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn folder_names_are_safe() {
        let t = UNIX_EPOCH;
        assert_eq!(
            results_dir(Path::new("results"), "min/plan: v2", t),
            Path::new("results/min-plan--v2-1970-01-01_00-00-00")
        );
        assert_eq!(scenario_stem("levels/01-own-part.en.ron"), "01-own-part.en");
        assert!(
            results_dir(Path::new("r"), "..", t)
                .to_string_lossy()
                .contains("scenario-")
        );
    }
}
