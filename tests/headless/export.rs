//! The facilitator's export: the CSV files hold exactly the simulation's figures, and every
//! export says where it came from (`about.csv`, the spreadsheet's first sheet).

use std::path::PathBuf;
use std::process::Command;

use tutti::export::{ABOUT_HEADER, AboutRow, CaseRow, DepartmentRow};
use tutti::headless::simulate_once;
use tutti::scenario::load_file;

const LEVEL: &str = "levels/04-the-call-nobody-makes.en.ron";

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tutti-export-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn read<T: serde::de::DeserializeOwned>(path: PathBuf) -> Vec<T> {
    let mut r = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    r.deserialize().map(Result::unwrap).collect()
}

/// Runs the command and expects it to succeed.
fn simulate_ok(command: &mut Command) {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn simulate_export_writes_csvs_whose_rows_and_totals_equal_the_simulation() {
    let dir = temp_dir("cli");
    simulate_ok(
        Command::new(env!("CARGO_BIN_EXE_tutti"))
            .args(["simulate", LEVEL, "--seed", "7", "--export"])
            .arg(&dir),
    );

    let scenario = load_file(LEVEL.as_ref()).unwrap();
    let debrief = simulate_once(&scenario, 7);
    let cases: Vec<CaseRow> = read(dir.join("cases.csv"));
    let depts: Vec<DepartmentRow> = read(dir.join("departments.csv"));

    assert_eq!(cases.len() as u32, debrief.total);
    assert!(debrief.total > 0);
    let count = |o: &str| cases.iter().filter(|c| c.outcome == o).count() as u32;
    assert_eq!(count("completed"), debrief.completed);
    assert_eq!(count("lost"), debrief.lost);
    assert_eq!(
        cases.iter().filter(|c| c.solved_but_unanswered).count() as u32,
        debrief.solved_but_unanswered
    );
    assert_eq!(
        cases.iter().map(|c| c.rescues as u32).sum::<u32>(),
        debrief.rescues
    );
    assert_eq!(
        cases.iter().filter(|c| !c.answered_by.is_empty()).count() as u32,
        debrief.completed
    );
    // A case's steps played never exceed its steps; a completed case played them all.
    for c in &cases {
        assert!(c.steps_played <= c.steps, "{c:?}");
        if c.outcome == "completed" {
            assert_eq!(c.steps_played, c.steps, "{c:?}");
        }
    }
    // A lost case names the step never played, where it lay and for how long; others leave
    // the three empty.
    let lost: Vec<&CaseRow> = cases.iter().filter(|c| c.outcome == "lost").collect();
    assert_eq!(lost.len(), debrief.between_chairs.len());
    for (c, r) in lost.iter().zip(&debrief.between_chairs) {
        assert_eq!(c.id, r.case.0 + 1);
        assert_eq!(c.missing_step, r.step_name());
        assert_eq!(c.fell_between, r.chairs.ids(&scenario));
        assert_eq!(c.bars_lying, Some(r.bars_lying));
    }
    for c in cases.iter().filter(|c| c.outcome != "lost") {
        assert_eq!((c.missing_step.as_str(), c.fell_between.as_str()), ("", ""));
        assert_eq!(c.bars_lying, None);
    }

    assert_eq!(depts.len(), scenario.departments.len());
    for (row, stats) in depts.iter().zip(&debrief.departments) {
        assert_eq!(row.id, stats.id);
        assert_eq!(row.notes_played, stats.perfect + stats.good + stats.ok);
        assert_eq!(row.drops, stats.drops);
        assert_eq!(row.gap_notes_claimed, stats.claims);
        assert_eq!(row.rescues, stats.rescues);
        assert_eq!(row.double_work, stats.double_work);
        assert_eq!(row.strays, stats.strays);
        assert_eq!(row.chances, stats.chances);
        assert_eq!(row.chances_taken, stats.chances_taken);
        assert!(row.chances_taken <= row.chances, "{row:?}");
    }
    let shares: f64 = depts.iter().map(|d| d.share_of_notes).sum();
    assert!((shares - 1.0).abs() < 0.01, "shares add up to {shares}");
    // Decimal points, never commas inside numbers (the file is comma-separated).
    let text = std::fs::read_to_string(dir.join("departments.csv")).unwrap();
    let header = text.lines().next().unwrap();
    assert!(
        header.starts_with("\u{feff}id,name,perfect,good,ok,notes_played"),
        "{header}"
    );
    for line in text.lines().skip(1) {
        assert_eq!(line.split(',').count(), header.split(',').count(), "{line}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The one result folder `simulate --export` made under `root`.
fn only_folder(root: &std::path::Path) -> String {
    let made: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    assert!(
        made[0].starts_with("04-the-call-nobody-makes.en-20"),
        "{made:?}"
    );
    assert!(root.join(&made[0]).join("cases.csv").exists());
    made[0].clone()
}

#[test]
fn export_without_a_folder_goes_to_the_users_results_folder_or_tutti_results_dir() {
    let work = temp_dir("default");
    std::fs::create_dir_all(&work).unwrap();
    let level = std::fs::canonicalize(LEVEL).unwrap();
    // Started anywhere: the results land in the user's data folder, not where it was started.
    simulate_ok(
        Command::new(env!("CARGO_BIN_EXE_tutti"))
            .current_dir(&work)
            .env_remove("TUTTI_RESULTS_DIR")
            .env("XDG_DATA_HOME", work.join("data"))
            .arg("simulate")
            .arg(&level)
            .arg("--export"),
    );
    only_folder(&work.join("data").join("tutti").join("results"));
    assert!(
        !work.join("results").exists(),
        "nothing where it was started"
    );

    simulate_ok(
        Command::new(env!("CARGO_BIN_EXE_tutti"))
            .current_dir(&work)
            .env("TUTTI_RESULTS_DIR", work.join("workshop"))
            .arg("simulate")
            .arg(&level)
            .arg("--export"),
    );
    only_folder(&work.join("workshop"));
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn an_unwritable_results_folder_is_a_clear_message_not_a_panic() {
    let dir = temp_dir("blocked");
    std::fs::create_dir_all(&dir).unwrap();
    // A file where the folder should be: no permission tricks needed, and it fails as root too.
    let blocked = dir.join("results");
    std::fs::write(&blocked, "not a folder").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tutti"))
        .args(["simulate", LEVEL, "--export"])
        .arg(blocked.join("run"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("could not write"), "{err}");
    assert!(err.contains("results"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(std::fs::read_to_string(&blocked).unwrap(), "not a folder");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The spreadsheet for the slide: a valid xlsx with the four sheets, the names (not ids), the
/// headers in the interface's language and two native charts; the CSVs start with a byte-order
/// mark and carry the names too.
#[test]
fn the_export_writes_a_spreadsheet_with_names_notes_and_charts() {
    let dir = temp_dir("xlsx");
    let scenario = tutti::scenario::load_file(std::path::Path::new(
        "levels/00-mandag-i-kundeservice.da.ron",
    ))
    .unwrap();
    let debrief = tutti::headless::simulate_once(&scenario, 3);
    let about = about_row(&scenario, "levels/00-mandag-i-kundeservice.da.ron", 3);
    tutti::export::write_csvs(&dir, &scenario, &debrief, &about).unwrap();
    let texts = tutti::texts::Texts::in_lang(tutti::texts::Lang::Da);
    tutti::export::write_xlsx(&dir, &scenario, &debrief, &about, &|k| texts.t(k)).unwrap();
    let bytes = std::fs::read(dir.join("results.xlsx")).unwrap();
    assert_eq!(&bytes[..2], b"PK", "a zip, as every xlsx is");
    let listing = String::from_utf8_lossy(&bytes);
    for part in [
        "xl/worksheets/sheet5.xml",
        "xl/charts/chart1.xml",
        "xl/charts/chart2.xml",
        "xl/comments1.xml",
    ] {
        assert!(listing.contains(part), "{part} in the workbook");
    }
    let cases = std::fs::read_to_string(dir.join("cases.csv")).unwrap();
    assert!(cases.starts_with('\u{feff}'), "a byte-order mark");
    assert!(cases.lines().next().unwrap().contains("case_name"));
    assert!(
        cases.contains("Fejl på regningen"),
        "the case's name, æøå intact"
    );
    let depts = std::fs::read_to_string(dir.join("departments.csv")).unwrap();
    assert!(depts.contains("Økonomi"));
    let sheets = sheet_names(&dir.join("results.xlsx"));
    assert_eq!(
        sheets,
        ["Om", "Sager", "Afdelinger", "Publikum", "Kolonner"],
        "about first, every sheet named in the interface's language"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The about row of a `simulate` run of `scenario` (every department by its colleague).
fn about_row(scenario: &tutti::scenario::Scenario, file: &str, seed: u64) -> AboutRow {
    let setup = tutti::rounds::replay::ReplaySetup {
        seats: scenario
            .departments
            .iter()
            .map(|d| tutti::rounds::SeatRecord {
                dept: d.id.clone(),
                who: tutti::rounds::Who::Colleague,
            })
            .collect(),
        difficulty: "normal".to_owned(),
        window_scale: 1.0,
        tempo_pct: 100,
        practice: None,
    };
    AboutRow::of(scenario, file, seed, &setup)
}

/// The one row of `about.csv` in `dir`, after checking its header is exactly [`ABOUT_HEADER`].
fn read_about(dir: &std::path::Path) -> AboutRow {
    let text = std::fs::read_to_string(dir.join("about.csv")).unwrap();
    let header = text.lines().next().unwrap();
    assert_eq!(header, format!("\u{feff}{}", ABOUT_HEADER.join(",")));
    let rows: Vec<AboutRow> = read(dir.join("about.csv"));
    assert_eq!(rows.len(), 1, "one header row and one data row: {text}");
    rows.into_iter().next().unwrap()
}

/// A part of the xlsx (a zip) as text.
pub(crate) fn xlsx_part(xlsx: &std::path::Path, part: &str) -> String {
    use std::io::Read;
    let file = std::fs::File::open(xlsx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    zip.by_name(part)
        .unwrap_or_else(|e| panic!("{part}: {e}"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The workbook's sheet names in their order (`xl/workbook.xml`).
pub(crate) fn sheet_names(xlsx: &std::path::Path) -> Vec<String> {
    xlsx_part(xlsx, "xl/workbook.xml")
        .split("<sheet ")
        .skip(1)
        .filter_map(|s| Some(s.split("name=\"").nth(1)?.split('"').next()?.to_owned()))
        .collect()
}

#[test]
fn simulate_export_says_where_it_came_from_in_about_csv_and_the_first_sheet() {
    let dir = temp_dir("about");
    simulate_ok(
        Command::new(env!("CARGO_BIN_EXE_tutti"))
            .args(["simulate", LEVEL, "--seed", "11", "--seat", "it=attentive"])
            .args(["--seat", "sales=masher", "--export"])
            .arg(&dir),
    );
    for file in ["cases.csv", "departments.csv", "about.csv", "results.xlsx"] {
        assert!(dir.join(file).exists(), "{file} written");
    }
    let about = read_about(&dir);
    assert_eq!(about.scenario_title, "The call nobody makes");
    assert_eq!(about.scenario_file, "04-the-call-nobody-makes.en.ron");
    assert_eq!(about.seed, 11);
    assert_eq!(
        about.seats,
        "service=colleague;billing=colleague;it=attentive;sales=masher"
    );
    assert_eq!(
        (about.tempo_pct, about.difficulty.as_str()),
        (100, "normal")
    );
    assert_eq!(about.tutti_version, env!("CARGO_PKG_VERSION"));

    let xlsx = dir.join("results.xlsx");
    assert_eq!(
        sheet_names(&xlsx),
        ["About", "Cases", "Departments", "Audience", "Columns"]
    );
    let strings = xlsx_part(&xlsx, "xl/sharedStrings.xml");
    for value in [
        "The call nobody makes",
        "04-the-call-nobody-makes.en.ron",
        "11",
        "it=attentive",
        env!("CARGO_PKG_VERSION"),
    ] {
        assert!(strings.contains(value), "{value} in the workbook");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The game's export (E on the debrief) says where it came from too: a person at key A, the tempo
/// lowered twice and the difficulty turned twice in the lobby.
#[test]
fn the_games_export_says_where_it_came_from_too() {
    use bevy::prelude::*;
    use tutti::states::Screen;

    use super::app::{app_with, press, press_twice, run_until, screen};

    let dir = temp_dir("game");
    let root = tutti::game::session::ResultsRoot(Some(dir.clone()));
    let mut app = app_with(LEVEL, false, 20, move |a| {
        a.insert_resource(root);
    });
    assert_eq!(screen(&app), Screen::Lobby);
    for key in [
        KeyCode::KeyA,
        KeyCode::Minus,
        KeyCode::Minus,
        KeyCode::F2,
        KeyCode::F2,
    ] {
        press(&mut app, key);
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(run_until(&mut app, 3_000, |a| screen(a) == Screen::Playing));
    press_twice(&mut app, KeyCode::F9);
    assert_eq!(screen(&app), Screen::Debrief);
    press(&mut app, KeyCode::KeyE);
    let export = app
        .world()
        .resource::<tutti::game::export::LastExport>()
        .0
        .clone();
    let Some(Ok(out)) = export else {
        panic!("the export failed: {export:?}")
    };

    let about = read_about(&out);
    assert_eq!(about.scenario_title, "The call nobody makes");
    assert_eq!(about.scenario_file, "04-the-call-nobody-makes.en.ron");
    assert_eq!(about.seed, load_file(LEVEL.as_ref()).unwrap().seed);
    assert_eq!(
        about.seats,
        "service=key A;billing=colleague;it=colleague;sales=colleague"
    );
    assert_eq!(
        (about.tempo_pct, about.difficulty.as_str()),
        (80, "relaxed")
    );
    assert_eq!(about.tutti_version, env!("CARGO_PKG_VERSION"));
    for file in ["cases.csv", "departments.csv", "results.xlsx"] {
        assert!(out.join(file).exists(), "{file} beside about.csv");
    }
    assert_eq!(sheet_names(&out.join("results.xlsx"))[0], "About");
    let _ = std::fs::remove_dir_all(&dir);
}
