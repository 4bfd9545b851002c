//! The commands that need no window: `check` and `simulate`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::{CompareArgs, SimulateArgs};
use crate::rounds::Replay;
use crate::rounds::compare::Column;
use crate::rounds::replay::{Recording, ReplaySetup};
use crate::scenario::{Scenario, load_file};
use crate::sim::{Debrief, Seat, SimBuilder, play_seated};

/// `tutti check`: validates each file; exit 0 when all pass.
pub fn check(files: &[impl AsRef<Path>], out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    let mut failed = false;
    for f in files {
        let f = f.as_ref();
        match load_file(f) {
            Ok(scenario) => {
                let _ = writeln!(out, "{}: ok", f.display());
                for warning in clash_warnings(&scenario)
                    .into_iter()
                    .chain(goal_warnings(&scenario))
                {
                    let _ = writeln!(out, "{}: warning: {warning}", f.display());
                }
                let word = crate::rounds::teaching::warning_word(&scenario);
                for warning in name_warnings(&scenario)
                    .into_iter()
                    .chain(ignored_warnings(&scenario))
                {
                    let _ = writeln!(out, "{}: {word}: {warning}", f.display());
                }
                for warning in crate::rounds::teaching::teaching_warnings(&scenario) {
                    let _ = writeln!(out, "{}: {word}: {warning}", f.display());
                }
            }
            Err(e) => {
                failed = true;
                let _ = writeln!(err, "{e}");
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

pub use crate::rounds::{DeptSummary, RunSummary};

/// `tutti new`: writes a starting scenario (never over an existing file) and checks it.
pub fn new_scenario(
    args: &crate::cli::NewArgs,
    out: &mut impl Write,
    err: &mut impl Write,
) -> ExitCode {
    if args.file.exists() {
        let _ = writeln!(
            err,
            "tutti: {} is there already; choose another name (nothing was written)",
            args.file.display()
        );
        return ExitCode::FAILURE;
    }
    let text = crate::scenario::starter::starter(args.lang == "da", usize::from(args.departments));
    if let Err(e) = crate::files::write_atomic(&args.file, text.as_bytes()) {
        let _ = writeln!(err, "tutti: could not write {}: {e}", args.file.display());
        return ExitCode::FAILURE;
    }
    let _ = writeln!(
        out,
        "wrote {}: edit it, then `tutti check {0}` and `tutti simulate {0} --runs 20`",
        args.file.display()
    );
    ExitCode::SUCCESS
}

/// What `check` says of scripted arrivals that bring two notes of one department onto one beat.
fn clash_warnings(s: &Scenario) -> Vec<String> {
    let metre = crate::sim::Metre {
        beats_per_bar: s.beats_per_bar,
    };
    let case = |c: crate::sim::ClashingCase| {
        let name = s.cases.get(c.template.0).map_or("?", |t| t.name.as_str());
        format!("“{name}” (arriving in bar {})", c.arrival_bar)
    };
    crate::sim::clashes(s)
        .into_iter()
        .map(|c| {
            let d = s.department(c.dept);
            let bar = metre.bar_of(c.at);
            let beat = (c.at.0 - metre.bar_start(bar).0).round() as u32 + 1;
            format!(
                "{} ({}) has two notes due at bar {bar}, beat {beat}: one of {} and one of {}. \
                 A person can press once, so the second moves to the next free beat, and the rest \
                 of its phrase with it",
                d.name,
                d.id,
                case(c.first),
                case(c.second)
            )
        })
        .collect()
}

/// What `check` says, in the scenario's language, of department names longer than the stage
/// always shows whole ([`SHOWN_NAME_CHARS`](crate::scenario::limits::SHOWN_NAME_CHARS)).
fn name_warnings(s: &Scenario) -> Vec<String> {
    use crate::scenario::limits::SHOWN_NAME_CHARS as MOST;
    s.departments
        .iter()
        .filter_map(|d| {
            let n = d.name.chars().count();
            (n > MOST).then(|| match s.language.as_str() {
                "da" => format!(
                    "afdelingen »{}« ({}) har et navn på {n} tegn: scenen viser navne på op til \
                     {MOST} tegn hele, så navnet kan blive afkortet med »…«. Forkort det til højst \
                     {MOST} tegn",
                    d.name, d.id
                ),
                _ => format!(
                    "department “{}” ({}) has a name of {n} characters: the stage shows names of \
                     up to {MOST} characters whole, so it may be shortened with “…”. Keep it to \
                     {MOST} characters or fewer",
                    d.name, d.id
                ),
            })
        })
        .collect()
}

/// What `check` says, in the scenario's language, of the fields it reads and ignores (a former
/// version's: a department's `button`).
fn ignored_warnings(s: &Scenario) -> Vec<String> {
    s.ignored
        .iter()
        .map(|field| match field {
            crate::scenario::Ignored::Button(d) => {
                let d = s.department(*d);
                match s.language.as_str() {
                    "da" => format!(
                        "afdelingen »{}« ({}): `button` bruges ikke længere og ignoreres (en \
                         gamepad spiller den plads, den tager, med alle sine knapper); linjen kan \
                         slettes",
                        d.name, d.id
                    ),
                    _ => format!(
                        "department “{}” ({}): `button` is no longer used and is ignored (a \
                         gamepad plays the seat it takes with any of its buttons); the line can go",
                        d.name, d.id
                    ),
                }
            }
        })
        .collect()
}

/// What `check` says of a `Takes(N)` goal that can never be met: no case has a note between the
/// chairs, or (with scripted arrivals) fewer than N such notes ever arrive.
fn goal_warnings(s: &Scenario) -> Vec<String> {
    use crate::scenario::{Arrivals, Goal, Owner};
    let gaps = |t: crate::scenario::TemplateId| {
        s.cases.get(t.0).map_or(0, |c| {
            c.steps
                .iter()
                .filter(|st| matches!(st.owner, Owner::Gap(_)))
                .count() as u32
        })
    };
    let available = match &s.arrivals {
        Arrivals::Scripted(list) => Some(list.iter().map(|a| gaps(a.template)).sum::<u32>()),
        Arrivals::Random { .. } => {
            let any = (0..s.cases.len()).any(|t| gaps(crate::scenario::TemplateId(t)) > 0);
            (!any).then_some(0)
        }
    };
    s.goals
        .iter()
        .filter_map(|g| match (g, available) {
            (Goal::Takes(n), Some(k)) if k < *n => Some(format!(
                "goal Takes({n}) can never be met: only {k} notes between the chairs ever arrive \
                 (a case's Gap steps)"
            )),
            _ => None,
        })
        .collect()
}

/// Plays `scenario` once with `seed`, every department by its colleague.
pub fn simulate_once(scenario: &Scenario, seed: u64) -> Debrief {
    simulate_seated(scenario, seed, &[])
}

/// Plays `scenario` once with `seed`, the seated departments by their strategies, every other
/// department by its colleague.
pub fn simulate_seated(scenario: &Scenario, seed: u64, seats: &[Seat]) -> Debrief {
    let events = if seats.is_empty() {
        SimBuilder::new(scenario).seed(seed).build().run_to_end()
    } else {
        play_seated(scenario, seed, seats)
    };
    Debrief::from_events(scenario, &events)
}

/// The seats of `--seat DEPT=STRATEGY`, checked against the scenario's department ids; an unknown
/// id is an error naming the ids that exist.
pub(crate) fn resolve_seats(
    scenario: &Scenario,
    args: &[crate::cli::SeatArg],
) -> Result<Vec<Seat>, String> {
    args.iter()
        .map(|a| {
            let dept = scenario.department_index(&a.dept).ok_or_else(|| {
                let ids = scenario.departments.iter().map(|d| d.id.as_str());
                format!(
                    "--seat {}={}: no department \"{}\"{}; the departments are {}",
                    a.dept,
                    a.strategy,
                    a.dept,
                    crate::scenario::suggest::hint(&a.dept, ids.clone()),
                    crate::scenario::suggest::quoted_list(ids)
                )
            })?;
            Ok(Seat::new(dept, a.strategy))
        })
        .collect()
}

/// Renders one performance of `scenario` (every department by its colleague) to a WAV file, the
/// instruments played from `source`.
fn render_wav(
    scenario: &Scenario,
    seed: u64,
    source: &crate::audio::SoundSource,
    path: &Path,
) -> Result<u64, String> {
    let events = SimBuilder::new(scenario).seed(seed).build().run_to_end();
    let tempo = crate::sim::Tempo::from_bpm(scenario.tempo_bpm);
    let cues = crate::audio::cues_from_events(scenario, &events, tempo);
    let mut renderer =
        crate::audio::Renderer::new(cues, crate::audio::Levels::default()).with_source(source);
    crate::audio::wav::write_wav(&mut renderer, path)
}

/// The sound source of `simulate --wav` for `scenario`: what its notes need of the SoundFont of
/// the game's lookup (`TUTTI_SOUNDFONT`, the settings, FluidR3), as the game loads it; a SoundFont
/// that does not load is a warning on `err`, and the synthesis plays.
fn wav_source(scenario: &Scenario, err: &mut impl Write) -> crate::audio::SoundSource {
    use crate::audio::soundfont;
    let lookup = soundfont::find_soundfont_here(crate::settings::soundfont_in_config().as_deref());
    let loaded = soundfont::resolve(&lookup, &crate::audio::score::font_needs(scenario));
    if let Some(w) = &loaded.warning {
        let _ = writeln!(err, "tutti: warning: {w}");
    }
    loaded.source
}

/// `tutti simulate`.
pub fn simulate(args: &SimulateArgs, out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    let (scenario, text) = match crate::scenario::read_file(&args.file) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(named) = &args.rooms {
        let first = args.seed.unwrap_or(scenario.seed);
        return rooms(args, &scenario, named.as_deref(), first, out, err);
    }
    let seats = match resolve_seats(&scenario, &args.seat) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "tutti: {e}");
            return ExitCode::FAILURE;
        }
    };
    let first = args.seed.unwrap_or(scenario.seed);
    if !args.set.is_empty() {
        return sweep(args, &text, first, &seats, out, err);
    }
    if let Err(e) = write_first_run(args, &scenario, &text, first, &seats, err) {
        let _ = writeln!(err, "tutti: {e}");
        return ExitCode::FAILURE;
    }
    // Many runs print one summary, unless each is asked for (or JSON, one line per run).
    let summarise = args.runs() > 1 && !args.each && !args.json;
    let mut runs = Vec::new();
    for run in 0..u64::from(args.runs()) {
        let seed = first.wrapping_add(run);
        let debrief = simulate_seated(&scenario, seed, &seats);
        let summary = RunSummary::of(&scenario, seed, &debrief);
        let text = if summarise {
            runs.push(summary);
            continue;
        } else if args.json {
            serde_json::to_string(&summary).unwrap_or_default()
        } else {
            run_table(&scenario, seed, &debrief)
        };
        if writeln!(out, "{text}").is_err() {
            return ExitCode::SUCCESS; // The reader went away (e.g. `| head`): stop quietly.
        }
    }
    if summarise {
        let texts = texts_of(&scenario);
        let say = |k: &str, a: &[crate::rounds::Arg]| texts.t_args(k, a);
        let table = crate::rounds::runs::summary_table(&scenario.title, &runs, &say);
        let _ = write!(out, "{table}");
    }
    ExitCode::SUCCESS
}

/// `simulate --rooms`: the same seeds played once per room, the departments `named` (ids,
/// comma-separated) or every department seated; a table, or a JSON line per room; and the chart
/// when asked.
fn rooms(
    args: &SimulateArgs,
    scenario: &Scenario,
    named: Option<&str>,
    first: u64,
    out: &mut impl Write,
    err: &mut impl Write,
) -> ExitCode {
    use crate::rounds::rooms::{RoomPlan, play_rooms, resolve_seated, rooms_table};
    let seated = match named {
        None => Ok(scenario.dept_ids().collect()),
        Some(ids) => resolve_seated(scenario, &ids.split(',').collect::<Vec<_>>()),
    };
    let plan = match seated {
        Ok(seated) => RoomPlan {
            seated,
            first_seed: first,
            runs: args.runs(),
        },
        Err(e) => {
            let _ = writeln!(err, "tutti: {e}");
            return ExitCode::FAILURE;
        }
    };
    let rows = play_rooms(scenario, &plan);
    if args.json {
        for r in &rows {
            let line = serde_json::to_string(r).unwrap_or_default();
            if writeln!(out, "{line}").is_err() {
                break;
            }
        }
    } else {
        let texts = texts_of(scenario);
        let say = |k: &str, a: &[crate::rounds::Arg]| texts.t_args(k, a);
        let _ = write!(out, "{}", rooms_table(scenario, &plan, &rows, &say));
    }
    if let Some(path) = &args.chart {
        let chart = crate::rounds::chart::RoomsChart {
            title: &scenario.title,
            subtitle: rooms_subtitle(scenario, &plan),
            rows: &rows,
        };
        if let Err(e) = crate::rounds::chart::draw_rooms(path, &chart) {
            let _ = writeln!(err, "tutti: {e}");
            return ExitCode::FAILURE;
        }
        let _ = writeln!(err, "tutti: wrote {}", path.display());
    }
    ExitCode::SUCCESS
}

/// The line under the rooms chart's title: the runs, the seeds and who is seated.
fn rooms_subtitle(scenario: &Scenario, plan: &crate::rounds::rooms::RoomPlan) -> String {
    use crate::rounds::rooms::{seated_words, seeds_words};
    format!(
        "Means of {} runs per room ({}); {}",
        plan.runs,
        seeds_words(plan),
        seated_words(scenario, plan)
    )
}

/// `simulate --set`: every combination of the values set, played `--runs` times each (the same
/// seeds for every combination, so they differ only by the values); a table of means, or a JSON
/// line per combination.
fn sweep(
    args: &SimulateArgs,
    text: &str,
    first: u64,
    seats: &[Seat],
    out: &mut impl Write,
    err: &mut impl Write,
) -> ExitCode {
    let name = args.file.to_string_lossy();
    for setting in &args.set {
        if let Err(e) = crate::scenario::sweep::check_setting(&name, text, setting) {
            let _ = writeln!(err, "tutti: {e}");
            return ExitCode::FAILURE;
        }
    }
    let combos = combinations(&args.set);
    let total = combos.len().saturating_mul(args.runs() as usize);
    if total > MAX_SWEEP_RUNS {
        let _ = writeln!(
            err,
            "tutti: {} settings × {} runs is {total} performances, more than {MAX_SWEEP_RUNS}: \
             try fewer values or runs",
            combos.len(),
            args.runs()
        );
        return ExitCode::FAILURE;
    }
    let rows = match play_combinations(args, text, first, seats, combos) {
        Ok(rows) => rows,
        Err(e) => {
            let _ = writeln!(err, "tutti: {e}");
            return ExitCode::FAILURE;
        }
    };
    print_sweep(args, text, &rows, out);
    if let Some(chart) = &args.chart {
        let drawn = match args.set.as_slice() {
            [one] => crate::rounds::chart::draw_sweep(chart, &one.path, &rows),
            _ => Err("--chart draws one swept field: give exactly one --set".to_owned()),
        };
        if let Err(e) = drawn {
            let _ = writeln!(err, "tutti: {e}");
            return ExitCode::FAILURE;
        }
        let _ = writeln!(err, "tutti: wrote {}", chart.display());
    }
    ExitCode::SUCCESS
}

/// The most performances one sweep plays (settings × runs), so a slip cannot keep the machine
/// busy for hours.
const MAX_SWEEP_RUNS: usize = 200_000;

/// Every combination of the values of `settings` (the first setting changing slowest).
fn combinations(settings: &[crate::scenario::sweep::Setting]) -> Vec<Vec<(String, f64)>> {
    settings.iter().fold(vec![Vec::new()], |acc, s| {
        acc.iter()
            .flat_map(|c| {
                s.values.iter().map(move |v| {
                    let mut c = c.clone();
                    c.push((s.path.clone(), *v));
                    c
                })
            })
            .collect()
    })
}

/// Every combination played `--runs` times from the seed `first`: a row of runs each.
fn play_combinations(
    args: &SimulateArgs,
    text: &str,
    first: u64,
    seats: &[Seat],
    combos: Vec<Vec<(String, f64)>>,
) -> Result<Vec<crate::rounds::runs::SweepRow>, String> {
    let name = args.file.to_string_lossy();
    combos
        .into_iter()
        .map(|combination| {
            let t = set_all(text, &combination)?;
            let s = crate::scenario::load_str(&name, &t).map_err(|e| e.to_string())?;
            let runs = (0..u64::from(args.runs()))
                .map(|run| {
                    let seed = first.wrapping_add(run);
                    RunSummary::of(&s, seed, &simulate_seated(&s, seed, seats))
                })
                .collect();
            Ok(crate::rounds::runs::SweepRow {
                set: combination,
                runs,
            })
        })
        .collect()
}

/// The text with every value of `combination` set.
fn set_all(text: &str, combination: &[(String, f64)]) -> Result<String, String> {
    combination
        .iter()
        .try_fold(text.to_owned(), |t, (path, v)| {
            crate::scenario::sweep::set_number(&t, path, *v)
        })
}

/// The sweep's table, or its JSON lines.
fn print_sweep(
    args: &SimulateArgs,
    text: &str,
    rows: &[crate::rounds::runs::SweepRow],
    out: &mut impl Write,
) {
    if !args.json {
        let texts = crate::scenario::load_str("", text)
            .map_or_else(|_| crate::texts::Texts::default(), |s| texts_of(&s));
        let title = crate::scenario::load_str("", text).map_or_else(|_| String::new(), |s| s.title);
        let say = |k: &str, a: &[crate::rounds::Arg]| texts.t_args(k, a);
        let _ = write!(
            out,
            "{}",
            crate::rounds::runs::sweep_table(&title, rows, &say)
        );
        return;
    }
    for row in rows {
        let mut line = serde_json::Map::new();
        let set: serde_json::Map<String, serde_json::Value> = row
            .set
            .iter()
            .map(|(p, v)| (p.clone(), serde_json::json!(v)))
            .collect();
        line.insert("set".into(), set.into());
        line.insert("runs".into(), row.runs.len().into());
        line.extend(crate::rounds::runs::means(&row.runs));
        if writeln!(out, "{}", serde_json::Value::Object(line)).is_err() {
            return;
        }
    }
}

/// What `simulate` writes of its first run: the replay, the WAV and the export, as asked.
fn write_first_run(
    args: &SimulateArgs,
    scenario: &Scenario,
    text: &str,
    seed: u64,
    seats: &[Seat],
    err: &mut impl Write,
) -> Result<(), String> {
    if let Some(path) = &args.replay_out {
        let replay = seated_replay(args, scenario, text, seed, seats);
        replay
            .save(path)
            .map_err(|e| format!("could not write {}: {e}", path.display()))?;
        let _ = writeln!(err, "tutti: wrote {}", path.display());
    }
    if let Some(path) = &args.wav {
        render_wav(scenario, seed, &wav_source(scenario, err), path)?;
    }
    if let Some(dir) = &args.export {
        export_run(args, scenario, seed, seats, dir.as_deref(), err)?;
    }
    Ok(())
}

/// `simulate --export [DIR]`: the run's `cases.csv`, `departments.csv`, `about.csv` and
/// `results.xlsx` (in English, as the command line speaks) into `dir`, or into a new folder in
/// the results folder.
fn export_run(
    args: &SimulateArgs,
    scenario: &Scenario,
    seed: u64,
    seats: &[Seat],
    dir: Option<&Path>,
    err: &mut impl Write,
) -> Result<(), String> {
    let dir = dir.map_or_else(
        || {
            let stem = crate::export::scenario_stem(&args.file.to_string_lossy());
            crate::export::results_dir(
                &crate::export::results_root(),
                &stem,
                std::time::SystemTime::now(),
            )
        },
        Path::to_path_buf,
    );
    let debrief = simulate_seated(scenario, seed, seats);
    let setup = simulate_setup(scenario, seats);
    let about = crate::export::AboutRow::of(scenario, &args.file.to_string_lossy(), seed, &setup);
    crate::export::write_csvs(&dir, scenario, &debrief, &about).map_err(|e| e.to_string())?;
    // The workbook speaks as the tables do: the scenario's language and words.
    let texts = texts_of(scenario);
    crate::export::write_xlsx(&dir, scenario, &debrief, &about, &|k| texts.t(k))
        .map_err(|e| e.to_string())?;
    let _ = writeln!(err, "tutti: wrote {}", dir.display());
    Ok(())
}

/// How `simulate` sets a run up (see [`ReplaySetup::simulated`]).
fn simulate_setup(scenario: &Scenario, seats: &[Seat]) -> ReplaySetup {
    ReplaySetup::simulated(scenario, seats)
}

/// The replay of one `simulate` run: the seated departments by their strategies.
fn seated_replay(
    args: &SimulateArgs,
    scenario: &Scenario,
    text: &str,
    seed: u64,
    seats: &[Seat],
) -> Replay {
    let played = crate::sim::play_seated_kept(scenario, seed, seats);
    let recording = Recording {
        scenario_name: &args.file.to_string_lossy(),
        scenario_text: text,
        seed,
        setup: simulate_setup(scenario, seats),
        round: None,
        agreement: None,
        inputs: &played.inputs,
        until: played.until,
    };
    Replay::record(scenario, recording, &played.events)
}

/// `tutti replay FILE --verify`: re-simulates the replay and checks its seals.
pub fn verify_replay(path: &Path, out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    let result = Replay::load(path).and_then(|r| r.verify().map(|v| (r, v)));
    match result {
        Ok((replay, (scenario, debrief))) => {
            let _ = writeln!(
                out,
                "{}: ok ({}, seed {}, {} inputs; the same {} cases and events as recorded)",
                path.display(),
                scenario.title,
                replay.seed,
                replay.inputs.len(),
                debrief.total
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(err, "{}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}

/// `tutti compare`: the replays' rounds side by side, or one JSON object per replay per line.
pub fn compare(args: &CompareArgs, out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    let mut columns = Vec::new();
    for path in &args.files {
        match compare_column(path) {
            Ok(c) => columns.push(c),
            Err(e) => {
                let _ = writeln!(err, "{}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    if args.json {
        for c in &columns {
            let line = serde_json::to_string(&c.summary).unwrap_or_default();
            if writeln!(out, "{line}").is_err() {
                break;
            }
        }
    } else {
        let _ = write!(out, "{}", crate::rounds::compare::table(&columns));
    }
    ExitCode::SUCCESS
}

/// One replay as a column: its figures as the game computes them now from its inputs.
fn compare_column(path: &Path) -> Result<Column, crate::rounds::ReplayError> {
    let replay = Replay::load(path)?;
    let scenario = replay.load_scenario()?;
    let debrief = Debrief::from_events(&scenario, &replay.simulate(&scenario));
    Ok(Column {
        title: scenario.title.clone(),
        seed: replay.seed,
        round: replay.round,
        summary: RunSummary::of(&scenario, replay.seed, &debrief),
        agreement: replay.agreement.clone(),
    })
}

/// The texts a scenario's tables speak: its language and its words.
fn texts_of(scenario: &Scenario) -> crate::texts::Texts {
    let lang = crate::texts::Lang::of_code(&scenario.language);
    crate::texts::Texts::for_scenario(lang, scenario)
}

/// One run's table, in the scenario's language and words.
pub fn run_table(scenario: &Scenario, seed: u64, debrief: &Debrief) -> String {
    let texts = texts_of(scenario);
    let why = debrief
        .walk_out
        .as_ref()
        .map(|w| crate::texts::walk_out::walk_out_sentence(&texts, w));
    let say = |k: &str, a: &[crate::rounds::Arg]| texts.t_args(k, a);
    crate::rounds::table::table(scenario, seed, debrief, why.as_deref(), &say)
}
