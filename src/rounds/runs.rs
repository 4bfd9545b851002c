//! Many runs of one scenario summed up (`tutti simulate --runs N`): per figure the mean, lowest and
//! highest, the walk-outs, and how each case type fared over all runs.

use std::fmt::Write as _;

use super::Say;
use super::summary::RunSummary;

/// One row of the summary: the text key of a figure's name and how to read it from a run.
struct Row {
    name: &'static str,
    value: fn(&RunSummary) -> f64,
}

const ROWS: [Row; 8] = [
    Row {
        name: "sim-row-unanswered",
        value: |r| f64::from(r.solved_but_unanswered),
    },
    Row {
        name: "sim-row-lost",
        value: |r| f64::from(r.lost),
    },
    Row {
        name: "sim-row-completed",
        value: |r| f64::from(r.completed),
    },
    Row {
        name: "sim-row-double",
        value: |r| f64::from(r.double_work),
    },
    Row {
        name: "sim-row-rescues",
        value: |r| f64::from(r.rescues),
    },
    Row {
        name: "sim-row-strays",
        value: |r| f64::from(r.strays),
    },
    Row {
        name: "sim-row-final",
        value: |r| r.audience_final,
    },
    Row {
        name: "sim-row-lowest",
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

/// The summary of `runs` of the scenario titled `title`, in the language and words of `say`.
pub(crate) fn summary_table(title: &str, runs: &[RunSummary], say: Say) -> String {
    let mut t = String::new();
    let seeds = match (runs.first(), runs.last()) {
        (Some(a), Some(b)) if runs.len() > 1 => say(
            "sim-seed-range",
            &[
                ("from", a.seed.to_string().into()),
                ("to", b.seed.to_string().into()),
            ],
        ),
        (Some(a), _) => say("sim-seed-one", &[("seed", a.seed.to_string().into())]),
        _ => String::new(),
    };
    let head = [
        ("title", title.to_owned().into()),
        ("runs", runs.len().into()),
        ("seeds", seeds.into()),
    ];
    let _ = writeln!(t, "{}", say("sim-runs-title", &head));
    let names: Vec<String> = ROWS.iter().map(|r| say(r.name, &[])).collect();
    let width = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .max(27);
    let [mean, lowest, highest] =
        ["sim-col-mean", "sim-col-lowest", "sim-col-highest"].map(|k| say(k, &[]));
    let w = [&mean, &lowest, &highest]
        .iter()
        .map(|h| h.chars().count())
        .max()
        .unwrap_or(0)
        .max(8);
    let _ = writeln!(t, "  {:<width$} {mean:>w$} {lowest:>w$} {highest:>w$}", "");
    for (row, name) in ROWS.iter().zip(&names) {
        let (mean, lo, hi) = spread(runs.iter().map(row.value));
        let _ = writeln!(t, "  {name:<width$} {mean:>w$.2} {lo:>w$.1} {hi:>w$.1}");
    }
    let walked = runs.iter().filter(|r| r.walked_out).count();
    let _ = writeln!(
        t,
        "  {}",
        say(
            "sim-walked-out",
            &[("walked", walked.into()), ("runs", runs.len().into())]
        )
    );
    case_type_lines(&mut t, runs, say);
    t
}

/// How each case type fared over all runs: how many came, answered, lost, solved but never
/// answered.
fn case_type_lines(t: &mut String, runs: &[RunSummary], say: Say) {
    let Some(first) = runs.first() else { return };
    let heads = [
        "sim-col-case-type",
        "sim-col-many",
        "sim-col-answered",
        "sim-col-lost",
        "sim-col-unanswered-long",
    ]
    .map(|k| say(k, &[]));
    let width = first
        .case_types
        .iter()
        .map(|c| c.id.chars().count())
        .chain([heads[0].chars().count()])
        .max()
        .unwrap_or(0);
    let w: Vec<usize> = heads.iter().map(|h| h.chars().count().max(6)).collect();
    let _ = writeln!(
        t,
        "  {:<width$} {:>w1$} {:>w2$} {:>w3$} {:>w4$}",
        heads[0],
        heads[1],
        heads[2],
        heads[3],
        heads[4],
        w1 = w[1],
        w2 = w[2],
        w3 = w[3],
        w4 = w[4]
    );
    for (i, c) in first.case_types.iter().enumerate() {
        let sum = |f: fn(&super::CaseTypeSummary) -> u32| -> u32 {
            runs.iter().filter_map(|r| r.case_types.get(i)).map(f).sum()
        };
        let _ = writeln!(
            t,
            "  {:<width$} {:>w1$} {:>w2$} {:>w3$} {:>w4$}",
            c.id,
            sum(|c| c.total),
            sum(|c| c.completed),
            sum(|c| c.lost),
            sum(|c| c.solved_but_unanswered),
            w1 = w[1],
            w2 = w[2],
            w3 = w[3],
            w4 = w[4]
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
pub(crate) struct SweepRow {
    pub set: Vec<(String, f64)>,
    pub runs: Vec<RunSummary>,
}

/// The sweep as a table: a row per combination, the values set, then the mean figures, in the
/// language and words of `say`.
pub(crate) fn sweep_table(title: &str, rows: &[SweepRow], say: Say) -> String {
    let mut t = String::new();
    let runs = rows.first().map_or(0, |r| r.runs.len());
    let head = [
        ("title", title.to_owned().into()),
        ("runs", runs.into()),
        ("settings", rows.len().into()),
    ];
    let _ = writeln!(t, "{}", say("sim-sweep-title", &head));
    let Some(first) = rows.first() else { return t };
    for (path, _) in &first.set {
        let _ = write!(t, "{path:>24} ");
    }
    let heads = [
        "sim-col-unanswered",
        "sim-col-lost",
        "sim-col-answered",
        "sim-col-audience",
        "sim-col-lowest",
        "sim-col-walk-outs",
    ]
    .map(|k| say(k, &[]));
    let w: Vec<usize> = heads
        .iter()
        .zip([11, 6, 9, 9, 7, 9])
        .map(|(h, n)| h.chars().count().max(n))
        .collect();
    let cells: Vec<String> = heads
        .iter()
        .zip(&w)
        .map(|(h, w)| format!("{h:>w$}"))
        .collect();
    let _ = writeln!(t, "{}", cells.join(" "));
    for row in rows {
        for (_, v) in &row.set {
            let _ = write!(t, "{v:>24} ");
        }
        let m = |f: fn(&RunSummary) -> f64| spread(row.runs.iter().map(f)).0;
        let walked = row.runs.iter().filter(|r| r.walked_out).count();
        let values = [
            format!("{:.2}", m(|r| f64::from(r.solved_but_unanswered))),
            format!("{:.2}", m(|r| f64::from(r.lost))),
            format!("{:.2}", m(|r| f64::from(r.completed))),
            format!("{:.1}", m(|r| r.audience_final)),
            format!("{:.1}", m(|r| r.audience_min)),
            format!("{walked}/{}", row.runs.len()),
        ];
        let cells: Vec<String> = values
            .iter()
            .zip(&w)
            .map(|(v, w)| format!("{v:>w$}"))
            .collect();
        let _ = writeln!(t, "{}", cells.join(" "));
    }
    t
}
