//! When the audience walks out, the debrief says why: the causes by what they cost the meter, in
//! the scenario's language, on the debrief, in `tutti simulate`'s table and in `session.csv`.

use bevy::prelude::*;
use tutti::game::session::{ResultsRoot, Workshop};
use tutti::rounds::session::SessionRow;
use tutti::scenario::load_file;
use tutti::settings::Lang;
use tutti::sim::{Cause, Seat, Strategy};
use tutti::states::Screen;
use tutti::texts::walk_out::walk_out_sentence_in;

use super::app::{app_with, finished_debrief, press, run_until, screen, texts_on_screen};
use super::cli::tutti;

const LEVEL_4_EN: &str = "levels/04-the-call-nobody-makes.en.ron";
const LEVEL_4_DA: &str = "levels/04-the-call-nobody-makes.da.ron";

fn results(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tutti-walkout-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Level 4 with Customer service (A) and IT (D) taken and both keys pressed over and over, far
/// more often than any note comes, until the audience walks out and the debrief opens.
fn mash_until_the_audience_walks_out(level: &str, dir: &std::path::Path) -> App {
    let root = ResultsRoot(Some(dir.to_owned()));
    let mut app = app_with(level, false, 20, move |a| {
        a.insert_resource(root);
    });
    press(&mut app, KeyCode::KeyA);
    press(&mut app, KeyCode::KeyD);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(run_until(&mut app, 3_000, |a| screen(a) == Screen::Playing));
    for frame in 0..20_000 {
        if screen(&app) == Screen::Debrief {
            break;
        }
        match frame % 8 {
            0 => press(&mut app, KeyCode::KeyA),
            4 => press(&mut app, KeyCode::KeyD),
            _ => app.update(),
        }
    }
    assert_eq!(screen(&app), Screen::Debrief, "the debrief never came");
    app.update();
    app
}

/// The debrief shows why, in `lang`, and `session.csv`'s `walked_out_why` holds the same words.
fn the_debrief_and_the_session_say_why(level: &str, lang: Lang, name: &str) -> String {
    let dir = results(name);
    let mut app = mash_until_the_audience_walks_out(level, &dir);
    let d = finished_debrief(&app);
    assert!(d.walked_out);
    let w = d.walk_out.clone().expect("a reason for the walk-out");
    assert_eq!(w.causes[0].cause, Cause::Stray, "{w:?}");
    let why = walk_out_sentence_in(lang, &w);
    let shown = texts_on_screen(&mut app);
    assert!(shown.contains(&why), "{why}\n{shown:#?}");

    let folder = app.world().resource::<Workshop>().session().folder(&dir);
    let csv = folder.join("session.csv");
    let mut reader = csv::Reader::from_path(&csv).unwrap();
    let header = reader.headers().unwrap().clone();
    assert!(header.iter().any(|h| h == "walked_out_why"), "{header:?}");
    let rows: Vec<SessionRow> = reader.deserialize().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].walked_out);
    assert_eq!(rows[0].walked_out_why, why);
    let _ = std::fs::remove_dir_all(&dir);
    why
}

#[test]
fn a_walk_out_is_explained_on_the_debrief_and_in_session_csv_in_english() {
    let why = the_debrief_and_the_session_say_why(LEVEL_4_EN, Lang::En, "en");
    assert!(why.starts_with("The audience walked out in bar "), "{why}");
    assert!(why.contains(" presses that played nothing cost "), "{why}");
}

#[test]
fn a_walk_out_is_explained_on_the_debrief_and_in_session_csv_in_danish() {
    let why = the_debrief_and_the_session_say_why(LEVEL_4_DA, Lang::Da, "da");
    assert!(why.starts_with("Publikum forlod salen i takt "), "{why}");
    assert!(why.contains(" fejltryk kostede "), "{why}");
}

#[test]
fn simulate_prints_why_the_mashers_lost_the_audience() {
    let (code, out, err) = tutti(&[
        "simulate",
        LEVEL_4_EN,
        "--seed",
        "1",
        "--seat",
        "service=masher",
        "--seat",
        "it=masher",
    ]);
    assert_eq!(code, 0, "{err}");
    let s = load_file(LEVEL_4_EN.as_ref()).unwrap();
    let seats =
        ["service", "it"].map(|id| Seat::new(s.department_index(id).unwrap(), Strategy::Masher));
    let d = tutti::headless::simulate_seated(&s, 1, &seats);
    let why = walk_out_sentence_in(Lang::En, d.walk_out.as_ref().unwrap());
    let line = format!("  {why}\n");
    assert_eq!(out.matches(&line).count(), 1, "{out}");
    assert!(why.contains("missed by pressing too early"), "{why}");
}
