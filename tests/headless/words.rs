//! The organisation's words: a scenario's `words` section names the one who waits, the answer and
//! the audience, and the game's texts, the debrief and `simulate`'s tables speak them.

use bevy::prelude::*;
use tutti::scenario::{Words, load_file, load_str};
use tutti::states::Screen;
use tutti::texts::{Lang, Texts};

use super::app::{app, run_until, screen, texts_on_screen};
use super::cli::tutti;

const HOSPITAL: &str = "docs/examples/hospital-discharge.en.ron";
const MUNICIPALITY: &str = "docs/examples/udskrivning.da.ron";

#[test]
fn the_examples_check_ok_and_keep_their_words() {
    let (code, out, err) = tutti(&["check", HOSPITAL, MUNICIPALITY]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().filter(|l| l.ends_with(": ok")).count(),
        2,
        "{out}"
    );
    let h = load_file(HOSPITAL.as_ref()).unwrap();
    assert_eq!(
        (h.words.one.as_str(), h.words.the_many.as_str()),
        ("patient", "the patients")
    );
    let m = load_file(MUNICIPALITY.as_ref()).unwrap();
    assert_eq!(
        (m.words.the_one.as_str(), m.words.answer.as_str()),
        ("borgeren", "afgørelsen")
    );
}

#[test]
fn without_words_a_file_speaks_of_customers_in_its_language() {
    let en = load_file("levels/04-the-call-nobody-makes.en.ron".as_ref()).unwrap();
    assert_eq!(en.words, Words::of_language("en"));
    let da = load_file("levels/04-the-call-nobody-makes.da.ron".as_ref()).unwrap();
    assert_eq!(da.words.the_many, "kunderne");
}

fn with_words(words: &str) -> String {
    let base = std::fs::read_to_string(HOSPITAL).unwrap();
    let start = base.find("    words: Words(").unwrap();
    let end = start + base[start..].find('\n').unwrap();
    format!("{}    {words}{}", &base[..start], &base[end..])
}

#[test]
fn a_misspelt_word_is_named_with_its_line_and_the_fields_there() {
    let src = with_words(r#"words: Words(one: "patient", anwser: "the news"),"#);
    let e = load_str("h.ron", &src).unwrap_err().to_string();
    assert!(
        e.contains("anwser") && e.contains("did you mean `answer`"),
        "{e}"
    );
    let line = src.lines().position(|l| l.contains("anwser")).unwrap() + 1;
    assert!(e.contains(&format!("h.ron:{line}:")), "{e}");
    let src = with_words(r#"words: Words(one: ""),"#);
    let e = load_str("h.ron", &src).unwrap_err().to_string();
    assert!(e.contains("words.one: must not be empty"), "{e}");
}

#[test]
fn a_danish_file_writes_its_definite_forms() {
    let src = std::fs::read_to_string(MUNICIPALITY).unwrap();
    let bad = src.replace(r#", the_one: "borgeren""#, "");
    let e = load_str("k.ron", &bad).unwrap_err().to_string();
    assert!(e.contains("words.one"), "{e}");
    assert!(e.contains("`the_one: \"borgeren\"`"), "{e}");
}

#[test]
fn the_tables_speak_the_files_words_and_language() {
    let (code, out, err) = tutti(&["simulate", HOSPITAL]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("the patients and relatives: final"), "{out}");
    let (_, out, _) = tutti(&["simulate", HOSPITAL, "--runs", "3"]);
    assert!(out.contains("case type patients"), "{out}");
    assert!(
        out.contains("the patients and relatives walked out in"),
        "{out}"
    );
    let (code, out, err) = tutti(&["simulate", MUNICIPALITY, "--rooms"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("pr. rum"),
        "a Danish file's tables are Danish: {out}"
    );
    assert!(out.contains("hvor borgerne gik"), "{out}");
    let (_, out, _) = tutti(&["simulate", MUNICIPALITY]);
    assert!(out.contains("borgerne: til sidst"), "{out}");
    assert!(out.contains("afdeling"), "{out}");
}

#[test]
fn the_interface_uses_the_words_only_in_the_files_language() {
    let m = load_file(MUNICIPALITY.as_ref()).unwrap();
    let da = Texts::for_scenario(Lang::Da, &m);
    assert_eq!(da.t("caption-reply"), "♪ akkord — borgeren fik afgørelsen");
    assert_eq!(
        da.t("vote-ask"),
        "Hvem burde have givet borgeren afgørelsen?"
    );
    // An interface set to English keeps English words: the file's are Danish.
    let en = Texts::for_scenario(Lang::En, &m);
    assert_eq!(
        en.t("caption-reply"),
        "♪ chord — the customer got the answer"
    );
    let h = load_file(HOSPITAL.as_ref()).unwrap();
    let en = Texts::for_scenario(Lang::En, &h);
    assert_eq!(
        en.t("caption-lost"),
        "☎ the phone rings — the patient gave up"
    );
    assert_eq!(
        en.t_args("walkout-why-none", &[("bar", 9.into())]),
        "The patients and relatives walked out in bar 9."
    );
}

#[test]
fn the_debrief_of_a_hospital_speaks_of_patients() {
    let mut app = app(HOSPITAL, true, 50);
    assert!(run_until(&mut app, 20_000, |a| screen(a) == Screen::Debrief));
    app.update();
    let shown = texts_on_screen(&mut app);
    assert!(
        shown
            .iter()
            .any(|t| t == "The patients and relatives over time"),
        "{shown:#?}"
    );
    assert!(!shown.iter().any(|t| t.contains("customer")), "{shown:#?}");
    // The ward nurses' call, in the right possessive where one of theirs fell to the floor.
    assert!(!shown.iter().any(|t| t.contains("nurses's")), "{shown:#?}");
}

#[test]
fn a_new_scenario_shows_where_the_words_go() {
    for (lang, line) in [
        (
            "en",
            r#"words: Words(one: "customer", many: "customers", the_one: "the customer""#,
        ),
        (
            "da",
            r#"words: Words(one: "kunde", many: "kunder", the_one: "kunden", the_many: "kunderne""#,
        ),
    ] {
        let path =
            std::env::temp_dir().join(format!("tutti-words-{}-{lang}.ron", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let p = path.display().to_string();
        let (code, _, err) = tutti(&["new", &p, "--lang", lang]);
        assert_eq!(code, 0, "{err}");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(line), "{text}");
        assert_eq!(load_file(&path).unwrap().words, Words::of_language(lang));
    }
}
