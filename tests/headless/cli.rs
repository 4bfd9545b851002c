//! The `check` and `simulate` commands as a facilitator runs them.

use std::process::Command;

/// Runs the `tutti` binary with `args`: (exit code, stdout, stderr).
pub(crate) fn tutti(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tutti"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn temp_file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("tutti-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

const EXAMPLE: &str = "levels/00-mandag-i-kundeservice.da.ron";

#[test]
fn check_says_ok_for_good_files_and_exits_0() {
    let (code, out, _) = tutti(&["check", EXAMPLE]);
    assert_eq!(code, 0);
    // The example's own room walks out (see `rooms.rs`): a teaching warning after the ok.
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some(format!("{EXAMPLE}: ok").as_str()));
    assert!(
        lines.all(|l| crate::rooms::teaching_kind(l).is_some()),
        "{out}"
    );
}

#[test]
fn check_prints_file_line_col_for_bad_files_and_exits_1() {
    let bad = std::fs::read_to_string(EXAMPLE)
        .unwrap()
        .replace(r#"by: "billing""#, r#"by: "biling""#);
    let bad = temp_file("typo.ron", &bad);
    let (code, out, err) = tutti(&["check", EXAMPLE, &bad]);
    assert_eq!(code, 1);
    assert!(
        out.contains(&format!("{EXAMPLE}: ok")),
        "the good file is still reported: {out}"
    );
    let line = err.lines().next().unwrap();
    assert!(line.starts_with(&format!("{bad}:")), "{line}");
    assert!(line.contains("did you mean \"billing\""), "{line}");
}

#[test]
fn check_reports_a_missing_file_without_panicking() {
    let (code, _, err) = tutti(&["check", "no/such/file.ron"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no/such/file.ron: cannot open the file"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn simulate_json_prints_one_object_per_run_with_exactly_the_debrief_keys() {
    let (code, out, err) = tutti(&["simulate", EXAMPLE, "--runs", "3", "--seed", "5", "--json"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    for line in &lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "audience_final",
                "audience_min",
                "case_types",
                "completed",
                "departments",
                "double_work",
                "lost",
                "rescues",
                "seed",
                "solved_but_unanswered",
                "strays",
                "total",
                "walked_out"
            ]
        );
        let depts = v["departments"].as_array().unwrap();
        assert_eq!(depts.len(), 4);
        let mut dkeys: Vec<&str> = depts[0]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        dkeys.sort_unstable();
        assert_eq!(
            dkeys,
            [
                "chances",
                "chances_taken",
                "claims",
                "double_work",
                "drops",
                "good",
                "id",
                "ok",
                "perfect",
                "rescues",
                "strays"
            ]
        );
        assert_eq!(
            v["total"].as_u64(),
            Some(v["completed"].as_u64().unwrap() + v["lost"].as_u64().unwrap()),
            "every case ends answered or lost"
        );
    }
    // --runs N runs seeds seed … seed+N−1: the third line is the run with seed 7.
    let (_, seven, _) = tutti(&["simulate", EXAMPLE, "--seed", "7", "--json"]);
    assert_eq!(seven.trim(), lines[2]);
}

#[test]
fn simulate_prints_a_readable_table_naming_the_unanswered_customers_first() {
    let (code, out, _) = tutti(&["simulate", EXAMPLE]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Mandag i kundeservice (seed 2026)"),
        "{out}"
    );
    let second = out.lines().nth(1).unwrap();
    assert!(
        second.contains("løst, men aldrig besvaret"),
        "a Danish file's table is Danish: {out}"
    );
    assert!(out.contains("Kundeservice") && out.contains("Økonomi"));
}

#[test]
fn simulate_refuses_a_broken_file_with_its_errors() {
    let bad = temp_file("broken.ron", "Scenario(title: \"x\", tempo_bpm: 96,");
    let (code, out, err) = tutti(&["simulate", &bad]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.starts_with(&format!("{bad}:1:")), "{err}");
}

#[test]
fn simulate_json_carries_the_seed_and_how_each_case_type_fared() {
    let (code, out, err) = tutti(&["simulate", EXAMPLE, "--runs", "3", "--seed", "5", "--json"]);
    assert_eq!(code, 0, "{err}");
    for (i, line) in out.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["seed"], 5 + i as u64);
        let types = v["case_types"].as_array().unwrap();
        assert!(!types.is_empty());
        let sum = |key: &str| -> u64 { types.iter().map(|t| t[key].as_u64().unwrap()).sum() };
        assert_eq!(sum("total"), v["total"].as_u64().unwrap());
        assert_eq!(sum("completed"), v["completed"].as_u64().unwrap());
        assert_eq!(sum("lost"), v["lost"].as_u64().unwrap());
        assert_eq!(
            sum("solved_but_unanswered"),
            v["solved_but_unanswered"].as_u64().unwrap()
        );
    }
}

#[test]
fn simulate_with_many_runs_prints_one_summary_and_each_keeps_the_tables() {
    let (code, out, err) = tutti(&["simulate", EXAMPLE, "--runs", "6", "--seed", "1"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.lines().count() < 30,
        "one summary, not six tables:\n{out}"
    );
    assert!(out.contains(": 6 gennemspilninger, seeds 1–6"), "{out}");
    assert!(out.contains("gennemsnit") && out.contains("laveste") && out.contains("højeste"));
    assert!(
        out.contains("af 6 gennemspilninger"),
        "walk-outs counted: {out}"
    );
    // The means are the JSON runs' means.
    let (_, json, _) = tutti(&["simulate", EXAMPLE, "--runs", "6", "--seed", "1", "--json"]);
    let lost: f64 = json
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["lost"]
                .as_f64()
                .unwrap()
        })
        .sum::<f64>()
        / 6.0;
    let row = out
        .lines()
        .find(|l| l.trim_start().starts_with("tabt"))
        .unwrap();
    assert!(
        row.contains(&format!("{lost:.2}")),
        "{row} has the mean {lost:.2}"
    );
    // Every case type has its line.
    let s = tutti::scenario::load_file(std::path::Path::new(EXAMPLE)).unwrap();
    for t in &s.cases {
        assert!(
            out.lines().any(|l| l.trim_start().starts_with(&t.id)),
            "{} in {out}",
            t.id
        );
    }
    let (_, each, _) = tutti(&["simulate", EXAMPLE, "--runs", "6", "--seed", "1", "--each"]);
    assert_eq!(each.matches("(seed ").count(), 6, "six tables with --each");
}

#[test]
fn new_writes_a_starting_scenario_that_passes_check_and_shows_the_lesson() {
    let dir = std::env::temp_dir().join(format!("tutti-new-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (lang, n) in [("da", "2"), ("en", "5"), ("da", "8")] {
        let file = dir.join(format!("ours-{lang}-{n}.ron"));
        let f = file.to_str().unwrap();
        let (code, out, err) = tutti(&["new", f, "--lang", lang, "--departments", n]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("wrote"), "{out}");
        let (code, out, _) = tutti(&["check", f]);
        assert_eq!((code, out.trim()), (0, format!("{f}: ok").as_str()));
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.starts_with("// "), "commented");
        assert_eq!(text.contains("Ring kunden op"), lang == "da");
        // The lesson shows: now and then a case solved but never answered, rarely a walk-out.
        let (_, json, _) = tutti(&["simulate", f, "--runs", "30", "--seed", "1", "--json"]);
        let runs: Vec<serde_json::Value> = json
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let unanswered: f64 = runs
            .iter()
            .map(|r| r["solved_but_unanswered"].as_f64().unwrap())
            .sum::<f64>()
            / 30.0;
        let walked = runs
            .iter()
            .filter(|r| r["walked_out"].as_bool().unwrap())
            .count();
        assert!(
            unanswered >= 0.5,
            "{lang} {n}: {unanswered} unanswered a run"
        );
        assert!(walked <= 5, "{lang} {n}: {walked} walk-outs in 30 runs");
    }
    // Never over an existing file.
    let file = dir.join("ours-da-2.ron");
    std::fs::write(&file, "mine").unwrap();
    let (code, _, err) = tutti(&["new", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("is there already"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    let (code, _, _) = tutti(&[
        "new",
        dir.join("x.ron").to_str().unwrap(),
        "--departments",
        "9",
    ]);
    assert_eq!(code, 2, "2 to 8 departments");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_sweep_plays_every_value_with_the_same_seeds_and_prints_the_means() {
    let (code, out, err) = tutti(&[
        "simulate",
        EXAMPLE,
        "--runs",
        "20",
        "--seed",
        "1",
        "--set",
        "colleagues.*.follow_up=0.1,0.5,0.9",
    ]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert_eq!(rows.len(), 3, "{out}");
    let unanswered = |row: &str| -> f64 { row.split_whitespace().nth(1).unwrap().parse().unwrap() };
    assert!(
        unanswered(rows[0]) > unanswered(rows[2]),
        "following up answers more customers:\n{out}"
    );

    let (code, json, _) = tutti(&[
        "simulate",
        EXAMPLE,
        "--runs",
        "20",
        "--seed",
        "1",
        "--json",
        "--set",
        "colleagues.*.follow_up=0.5",
        "--set",
        "audience.wait_drain=0.5,1",
    ]);
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "every combination");
    assert_eq!(lines[0]["set"]["colleagues.*.follow_up"], 0.5);
    assert_eq!(lines[1]["set"]["audience.wait_drain"], 1.0);
    assert_eq!(lines[0]["runs"], 20);
    // The file's own values give the same means as plain runs: the same seeds.
    let (_, plain, _) = tutti(&["simulate", EXAMPLE, "--runs", "20", "--seed", "1", "--json"]);
    let lost: f64 = plain
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["lost"]
                .as_f64()
                .unwrap()
        })
        .sum::<f64>()
        / 20.0;
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    assert!(text.contains("follow_up: 0.5") && text.contains("wait_drain: 0.5"));
    assert!((lines[0]["lost"].as_f64().unwrap() - lost).abs() < 1e-9);

    let (code, _, err) = tutti(&["simulate", EXAMPLE, "--set", "colleagues.*.initiativ=0.1"]);
    assert_eq!(code, 1);
    assert!(err.contains("no number is written at that path"), "{err}");
    // The file writes 0.5 there: "0,5" is a decimal comma, not the values 0 and 5.
    let (code, _, err) = tutti(&["simulate", EXAMPLE, "--set", "audience.wait_drain=0,5"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("looks like decimal commas: write 0.5"),
        "{err}"
    );
    let (code, _, err) = tutti(&["simulate", EXAMPLE, "--set", "audience.wait_drain=lots"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_sweep_draws_its_chart_as_png_or_svg() {
    let dir = std::env::temp_dir().join(format!("tutti-chart-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sweep = [
        "simulate",
        EXAMPLE,
        "--runs",
        "5",
        "--set",
        "colleagues.*.follow_up=0.1,0.9",
        "--chart",
    ];
    let png = dir.join("f.png");
    let (code, _, err) = tutti(&[&sweep[..], &[png.to_str().unwrap()]].concat());
    assert_eq!(code, 0, "{err}");
    assert_eq!(&std::fs::read(&png).unwrap()[1..4], b"PNG");
    let svg = dir.join("f.svg");
    let (code, _, _) = tutti(&[&sweep[..], &[svg.to_str().unwrap()]].concat());
    assert_eq!(code, 0);
    let text = std::fs::read_to_string(&svg).unwrap();
    for label in [
        "colleagues.*.follow_up",
        "solved but never answered",
        "lost",
        "final audience",
    ] {
        assert!(text.contains(label), "{label} on the chart");
    }
    let (code, _, err) = tutti(&[&sweep[..], &[dir.join("f.gif").to_str().unwrap()]].concat());
    assert_eq!(code, 1);
    assert!(err.contains(".png or a .svg"), "{err}");
    let (code, _, err) = tutti(&[
        "simulate",
        EXAMPLE,
        "--set",
        "colleagues.*.follow_up=0.1",
        "--set",
        "audience.wait_drain=1",
        "--chart",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("exactly one --set"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn play_says_clearly_when_the_phones_port_is_taken() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (code, _, err) = tutti(&["play", "levels/01-own-part.en.ron", "--phones", &port]);
    assert_ne!(code, 0);
    assert!(
        err.contains(&format!("--phones {port}: the port is taken")),
        "{err}"
    );
}

#[test]
fn simulate_set_refuses_decimal_commas_and_values_out_of_range_naming_the_set() {
    let file = "levels/00-mandag-i-kundeservice.da.ron";
    // A Dane's "0,3 and 0,4": refused with the fix, before anything is played.
    let (code, out, err) = tutti(&["simulate", file, "--set", "arrivals.per_bar=0,3,0,4"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.is_empty(), "nothing was played: {out}");
    assert!(
        err.contains("`--set arrivals.per_bar=0,3,0,4` looks like decimal commas: write 0.3,0.4"),
        "{err}"
    );
    let (code, _, err) = tutti(&["simulate", file, "--set", "colleagues.*.follow_up=0.2,1.4"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("tutti: --set colleagues.*.follow_up=1.4: "),
        "{err}"
    );
    assert!(
        !err.contains(".ron:"),
        "the file's lines say 0.5, not 1.4: {err}"
    );
    let (code, _, err) = tutti(&["simulate", file, "--set", "arrivals.per_bar=0.3,0.4"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_bare_file_opens_like_play_and_says_what_is_wrong_with_it() {
    // What a file manager's "Open with Tutti" runs: `tutti FILE.ron`, the same as `tutti play`.
    let broken = temp_file("broken.ron", "Scenario(title: \"x\",");
    let (code, _, err) = tutti(&[&broken]);
    let (play_code, _, play_err) = tutti(&["play", &broken]);
    assert_eq!((code, err.as_str()), (play_code, play_err.as_str()));
    assert_eq!(code, 1);
    assert!(
        err.starts_with("tutti: cannot play this scenario:"),
        "{err}"
    );
}

#[test]
fn an_older_file_that_names_gamepad_buttons_still_loads_and_check_says_they_are_ignored() {
    let da = std::fs::read_to_string(EXAMPLE).unwrap();
    let with_buttons = da
        .replace(r#"key: "A")"#, r#"key: "A", button: South)"#)
        .replace(r#"key: "S")"#, r#"key: "S", button: Some(East))"#);
    assert_ne!(with_buttons, da);
    let old = temp_file("buttons.da.ron", &with_buttons);
    let loaded = tutti::scenario::load_file(std::path::Path::new(&old)).unwrap();
    let mut without = tutti::scenario::load_file(std::path::Path::new(EXAMPLE)).unwrap();
    assert_eq!(
        loaded.ignored,
        [
            tutti::scenario::Ignored::Button(tutti::scenario::DeptId(0)),
            tutti::scenario::Ignored::Button(tutti::scenario::DeptId(1)),
        ]
    );
    without.ignored.clone_from(&loaded.ignored);
    assert_eq!(loaded, without, "the buttons change nothing else");

    let (code, out, _) = tutti(&["check", &old]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with(&format!("{old}: ok\n")), "{out}");
    let ignored: Vec<&str> = out.lines().filter(|l| l.contains("`button`")).collect();
    assert_eq!(ignored.len(), 2, "{out}");
    assert!(
        ignored[0].starts_with(&format!(
            "{old}: advarsel: afdelingen »Kundeservice« (service): `button` bruges ikke længere"
        )),
        "{out}"
    );

    let en = std::fs::read_to_string("levels/01-own-part.en.ron")
        .unwrap()
        .replace(r#"key: "A")"#, r#"key: "A", button: South)"#);
    let old = temp_file("buttons.en.ron", &en);
    let (code, out, _) = tutti(&["check", &old]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!(
            "{old}: warning: department “Customer service” (service): `button` is no longer used \
             and is ignored"
        )),
        "{out}"
    );
}
