//! The commands that need no window: `check` and `simulate`.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::SimulateArgs;
use crate::scenario::{Scenario, load_file};
use crate::sim::{Debrief, SimBuilder};

/// `tutti check`: validates each file; exit 0 when all pass.
pub fn check(files: &[impl AsRef<Path>], out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    let mut failed = false;
    for f in files {
        let f = f.as_ref();
        match load_file(f) {
            Ok(_) => {
                let _ = writeln!(out, "{}: ok", f.display());
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

/// The figures `tutti simulate --json` prints, one object per run.
#[derive(Debug, serde::Serialize)]
pub struct RunSummary {
    pub total: u32,
    pub completed: u32,
    pub lost: u32,
    pub solved_but_unanswered: u32,
    pub double_work: u32,
    pub rescues: u32,
    pub audience_final: f64,
    pub audience_min: f64,
    pub walked_out: bool,
    pub departments: Vec<DeptSummary>,
}

/// One department in [`RunSummary`].
#[derive(Debug, serde::Serialize)]
pub struct DeptSummary {
    pub id: String,
    pub perfect: u32,
    pub good: u32,
    pub ok: u32,
    pub drops: u32,
    pub claims: u32,
    pub rescues: u32,
}

impl From<&Debrief> for RunSummary {
    fn from(d: &Debrief) -> Self {
        RunSummary {
            total: d.total,
            completed: d.completed,
            lost: d.lost,
            solved_but_unanswered: d.solved_but_unanswered,
            double_work: d.double_work,
            rescues: d.rescues,
            audience_final: round1(d.audience_final),
            audience_min: round1(d.audience_min),
            walked_out: d.walked_out,
            departments: d
                .departments
                .iter()
                .map(|r| DeptSummary {
                    id: r.id.clone(),
                    perfect: r.perfect,
                    good: r.good,
                    ok: r.ok,
                    drops: r.drops,
                    claims: r.claims,
                    rescues: r.rescues,
                })
                .collect(),
        }
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Plays `scenario` once with `seed`, every department by its colleague.
pub fn simulate_once(scenario: &Scenario, seed: u64) -> Debrief {
    let events = SimBuilder::new(scenario).seed(seed).build().run_to_end();
    Debrief::from_events(scenario, &events)
}

/// Renders one performance of `scenario` (every department by its colleague) to a WAV file.
pub fn render_wav(scenario: &Scenario, seed: u64, path: &Path) -> Result<u64, String> {
    let events = SimBuilder::new(scenario).seed(seed).build().run_to_end();
    let tempo = crate::sim::Tempo::from_bpm(scenario.tempo_bpm);
    let cues = crate::audio::cues_from_events(scenario, &events, tempo);
    let mut renderer = crate::audio::Renderer::new(cues, crate::audio::Levels::default());
    crate::audio::wav::write_wav(&mut renderer, path)
}

/// `tutti simulate`.
pub fn simulate(args: &SimulateArgs, out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    let scenario = match load_file(&args.file) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return ExitCode::FAILURE;
        }
    };
    let first = args.seed.unwrap_or(scenario.seed);
    if let Some(path) = &args.wav
        && let Err(e) = render_wav(&scenario, first, path)
    {
        let _ = writeln!(err, "tutti: {e}");
        return ExitCode::FAILURE;
    }
    for run in 0..u64::from(args.runs) {
        let seed = first.wrapping_add(run);
        let debrief = simulate_once(&scenario, seed);
        if run == 0
            && let Some(dir) = &args.export
        {
            let dir = dir.clone().unwrap_or_else(|| {
                let stem = crate::export::scenario_stem(&args.file.to_string_lossy());
                crate::export::results_dir(
                    Path::new(crate::export::DEFAULT_ROOT),
                    &stem,
                    std::time::SystemTime::now(),
                )
            });
            match crate::export::write_csvs(&dir, &scenario, &debrief) {
                Ok(()) => {
                    let _ = writeln!(err, "tutti: wrote {}", dir.display());
                }
                Err(e) => {
                    let _ = writeln!(err, "tutti: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        let text = if args.json {
            serde_json::to_string(&RunSummary::from(&debrief)).unwrap_or_default()
        } else {
            table(&scenario, seed, &debrief)
        };
        if writeln!(out, "{text}").is_err() {
            break; // The reader went away (e.g. `| head`): stop quietly.
        }
    }
    ExitCode::SUCCESS
}

/// The debrief figures as a readable table.
pub fn table(s: &Scenario, seed: u64, d: &Debrief) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "{} (seed {seed})", s.title);
    let _ = writeln!(
        t,
        "  solved but never answered: {}\n  cases: {}   completed: {}   lost: {}   double work: {}   rescues: {}",
        d.solved_but_unanswered, d.total, d.completed, d.lost, d.double_work, d.rescues
    );
    let _ = writeln!(
        t,
        "  audience: final {:.1}, lowest {:.1}{}",
        d.audience_final,
        d.audience_min,
        if d.walked_out {
            "; the audience walked out"
        } else {
            ""
        }
    );
    let width = d
        .departments
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(10);
    let _ = writeln!(
        t,
        "  {:<width$}  {:>7} {:>5} {:>4} {:>6} {:>7} {:>8}",
        "department", "perfect", "good", "ok", "drops", "claims", "rescues"
    );
    for r in &d.departments {
        let pad = width - r.name.chars().count();
        let _ = writeln!(
            t,
            "  {}{}  {:>7} {:>5} {:>4} {:>6} {:>7} {:>8}",
            r.name,
            " ".repeat(pad),
            r.perfect,
            r.good,
            r.ok,
            r.drops,
            r.claims,
            r.rescues
        );
    }
    t
}
