//! Many runs of one scenario summed up (`tutti simulate --runs N`): per figure the mean, lowest and
//! highest, the walk-outs, and how each case type fared over all runs.

use std::fmt::Write as _;

use super::summary::RunSummary;

/// One row of the summary: a figure's name and how to read it from a run.
struct Row {
    name: &'static str,
    value: fn(&RunSummary) -> f64,
}

const ROWS: [Row; 8] = [
    Row {
        name: "solved but never answered",
        value: |r| f64::from(r.solved_but_unanswered),
    },
    Row {
        name: "lost",
        value: |r| f64::from(r.lost),
    },
    Row {
        name: "completed",
        value: |r| f64::from(r.completed),
    },
    Row {
        name: "double work",
        value: |r| f64::from(r.double_work),
    },
    Row {
        name: "rescues",
        value: |r| f64::from(r.rescues),
    },
    Row {
        name: "strays",
        value: |r| f64::from(r.strays),
    },
    Row {
        name: "audience, final",
        value: |r| r.audience_final,
    },
    Row {
        name: "audience, lowest",
        value: |r| r.audience_min,
    },
];

/// Mean, lowest and highest of `values` (none: zeros).
pub fn spread(values: impl Iterator<Item = f64>) -> (f64, f64, f64) {
    let (mut n, mut sum, mut lo, mut hi) = (0.0, 0.0, f64::INFINITY, f64::NEG_INFINITY);
    for v in values {
        n += 1.0;
        sum += v;
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if n == 0.0 {
        (0.0, 0.0, 0.0)
    } else {
        (sum / n, lo, hi)
    }
}

/// The summary of `runs` of the scenario titled `title`.
pub fn summary_table(title: &str, runs: &[RunSummary]) -> String {
    let mut t = String::new();
    let seeds = match (runs.first(), runs.last()) {
        (Some(a), Some(b)) if runs.len() > 1 => format!("seeds {}–{}", a.seed, b.seed),
        (Some(a), _) => format!("seed {}", a.seed),
        _ => String::new(),
    };
    let _ = writeln!(t, "{title}: {} runs, {seeds}", runs.len());
    let _ = writeln!(
        t,
        "  {:<27} {:>8} {:>8} {:>8}",
        "", "mean", "lowest", "highest"
    );
    for row in &ROWS {
        let (mean, lo, hi) = spread(runs.iter().map(row.value));
        let _ = writeln!(t, "  {:<27} {mean:>8.2} {lo:>8.1} {hi:>8.1}", row.name);
    }
    let walked = runs.iter().filter(|r| r.walked_out).count();
    let _ = writeln!(
        t,
        "  the audience walked out in {walked} of {} runs",
        runs.len()
    );
    case_type_lines(&mut t, runs);
    t
}

/// How each case type fared over all runs: customers, answered, lost, solved but never answered.
fn case_type_lines(t: &mut String, runs: &[RunSummary]) {
    let Some(first) = runs.first() else { return };
    let width = first
        .case_types
        .iter()
        .map(|c| c.id.chars().count())
        .max()
        .unwrap_or(0)
        .max(9);
    let _ = writeln!(
        t,
        "  {:<width$} {:>9} {:>9} {:>6} {:>26}",
        "case type", "customers", "answered", "lost", "solved but never answered"
    );
    for (i, c) in first.case_types.iter().enumerate() {
        let sum = |f: fn(&super::CaseTypeSummary) -> u32| -> u32 {
            runs.iter().filter_map(|r| r.case_types.get(i)).map(f).sum()
        };
        let _ = writeln!(
            t,
            "  {:<width$} {:>9} {:>9} {:>6} {:>26}",
            c.id,
            sum(|c| c.total),
            sum(|c| c.completed),
            sum(|c| c.lost),
            sum(|c| c.solved_but_unanswered)
        );
    }
}

/// The mean figures of many runs, with the keys of `simulate --json` (`walked_out`: the share of
/// runs in which the audience walked out).
pub fn means(runs: &[RunSummary]) -> serde_json::Map<String, serde_json::Value> {
    let mean = |f: fn(&RunSummary) -> f64| {
        let (m, _, _) = spread(runs.iter().map(f));
        serde_json::json!((m * 1000.0).round() / 1000.0)
    };
    let mut m = serde_json::Map::new();
    m.insert("total".into(), mean(|r| f64::from(r.total)));
    m.insert("completed".into(), mean(|r| f64::from(r.completed)));
    m.insert("lost".into(), mean(|r| f64::from(r.lost)));
    m.insert(
        "solved_but_unanswered".into(),
        mean(|r| f64::from(r.solved_but_unanswered)),
    );
    m.insert("double_work".into(), mean(|r| f64::from(r.double_work)));
    m.insert("rescues".into(), mean(|r| f64::from(r.rescues)));
    m.insert("strays".into(), mean(|r| f64::from(r.strays)));
    m.insert("audience_final".into(), mean(|r| r.audience_final));
    m.insert("audience_min".into(), mean(|r| r.audience_min));
    m.insert(
        "walked_out".into(),
        mean(|r| f64::from(u8::from(r.walked_out))),
    );
    m
}

/// One combination of a sweep: the values set, by path, and the runs played with them.
pub struct SweepRow {
    pub set: Vec<(String, f64)>,
    pub runs: Vec<RunSummary>,
}

/// The sweep as a table: a row per combination, the values set, then the mean figures.
pub fn sweep_table(title: &str, rows: &[SweepRow]) -> String {
    let mut t = String::new();
    let runs = rows.first().map_or(0, |r| r.runs.len());
    let _ = writeln!(
        t,
        "{title}: {runs} runs for each of {} settings (means)",
        rows.len()
    );
    let Some(first) = rows.first() else { return t };
    for (path, _) in &first.set {
        let _ = write!(t, "{path:>24} ");
    }
    let _ = writeln!(
        t,
        "{:>11} {:>6} {:>9} {:>9} {:>7} {:>9}",
        "unanswered", "lost", "answered", "audience", "lowest", "walk-outs"
    );
    for row in rows {
        for (_, v) in &row.set {
            let _ = write!(t, "{v:>24} ");
        }
        let m = |f: fn(&RunSummary) -> f64| spread(row.runs.iter().map(f)).0;
        let walked = row.runs.iter().filter(|r| r.walked_out).count();
        let _ = writeln!(
            t,
            "{:>11.2} {:>6.2} {:>9.2} {:>9.1} {:>7.1} {:>9}",
            m(|r| f64::from(r.solved_but_unanswered)),
            m(|r| f64::from(r.lost)),
            m(|r| f64::from(r.completed)),
            m(|r| r.audience_final),
            m(|r| r.audience_min),
            format!("{walked}/{}", row.runs.len())
        );
    }
    t
}
