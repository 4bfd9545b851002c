//! One run of `tutti simulate` as a table a person reads: the figures, why the audience walked
//! out, "Between the chairs" and a row per department, in the scenario's language and words.

use std::fmt::Write as _;

use crate::scenario::Scenario;
use crate::sim::Debrief;

use super::{Say, one_decimal};

/// The debrief figures of one run as a readable table; `walk_out` is why the audience walked
/// out, in words, if it did.
pub fn table(s: &Scenario, seed: u64, d: &Debrief, walk_out: Option<&str>, say: Say) -> String {
    let mut t = String::new();
    let title = say(
        "sim-title",
        &[
            ("title", s.title.clone().into()),
            ("seed", seed.to_string().into()),
        ],
    );
    let _ = writeln!(t, "{title}");
    let _ = writeln!(
        t,
        "  {}",
        say(
            "sim-unanswered-line",
            &[("n", d.solved_but_unanswered.into())]
        )
    );
    let counts = [
        ("total", d.total),
        ("completed", d.completed),
        ("lost", d.lost),
        ("double", d.double_work),
        ("rescues", d.rescues),
        ("strays", d.strays),
    ]
    .map(|(k, v)| (k, v.into()));
    let _ = writeln!(t, "  {}", say("sim-counts", &counts));
    let audience = [
        ("final", one_decimal(d.audience_final)),
        ("min", one_decimal(d.audience_min)),
    ];
    let _ = writeln!(t, "  {}", say("sim-audience-line", &audience));
    if let Some(why) = walk_out {
        let _ = writeln!(t, "  {why}");
    }
    chairs_lines(&mut t, s, d, say);
    department_lines(&mut t, d, say);
    t
}

/// "Between the chairs": a line per lost case, or the case that came closest.
fn chairs_lines(t: &mut String, s: &Scenario, d: &Debrief, say: Say) {
    for r in &d.between_chairs {
        let line = say(
            "sim-chairs",
            &[
                ("case", r.name.clone().into()),
                ("bar", r.arrival_bar.into()),
                ("step", step_words(r, say).into()),
                ("chairs", r.chairs.ids(s).into()),
                ("bars", r.bars_lying.into()),
            ],
        );
        let unanswered = if r.solved_but_unanswered {
            say("sim-chairs-unanswered", &[])
        } else {
            String::new()
        };
        let _ = writeln!(t, "  {line}{unanswered}");
    }
    if !d.between_chairs.is_empty() {
        return;
    }
    let Some(c) = d.closest_call(s) else { return };
    let how = match &c.rescued {
        None => say("sim-closest-answered", &[("bars", c.bars_to_answer.into())]),
        Some(r) => say(
            "sim-closest-rescued",
            &[
                ("step", step_words(r, say).into()),
                ("chairs", r.chairs.ids(s).into()),
                ("bars", r.bars_lying.into()),
            ],
        ),
    };
    let args = [
        ("case", c.name.clone().into()),
        ("bar", c.arrival_bar.into()),
        ("how", how.into()),
    ];
    let _ = writeln!(t, "  {}", say("sim-closest", &args));
}

/// The columns of the department table, after the name.
const DEPT_COLUMNS: [&str; 9] = [
    "sim-col-perfect",
    "sim-col-good",
    "sim-col-ok",
    "sim-col-drops",
    "sim-col-claims",
    "sim-col-rescues",
    "sim-col-strays",
    "sim-col-double",
    "sim-col-chances",
];

/// The department table: a column as wide as its name, or its figures.
fn department_lines(t: &mut String, d: &Debrief, say: Say) {
    let first = say("sim-col-department", &[]);
    let names: Vec<&str> = d.departments.iter().map(|r| r.name.as_str()).collect();
    let rows: Vec<[String; 9]> = d
        .departments
        .iter()
        .map(|r| {
            [
                r.perfect,
                r.good,
                r.ok,
                r.drops,
                r.claims,
                r.rescues,
                r.strays,
                r.double_work,
            ]
            .map(|v| v.to_string())
            .into_iter()
            .chain([format!("{}/{}", r.chances_taken, r.chances)])
            .collect::<Vec<_>>()
            .try_into()
            .unwrap_or_default()
        })
        .collect();
    let heads = DEPT_COLUMNS.map(|k| say(k, &[]));
    let width = names
        .iter()
        .chain([&first.as_str()])
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = (0..9)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([heads[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |name: &str, cells: &[String]| {
        let mut l = format!("  {}{}", name, " ".repeat(width - name.chars().count()));
        for (cell, w) in cells.iter().zip(&widths) {
            let _ = write!(l, " {cell:>w$}");
        }
        l
    };
    let _ = writeln!(t, "{}", line(&first, &heads));
    for (name, cells) in names.iter().zip(&rows) {
        let _ = writeln!(t, "{}", line(name, cells));
    }
}

/// The step's label, or "step N" in the table's language where it has none.
pub(crate) fn step_words(r: &crate::sim::ChairRecord, say: Say) -> String {
    r.label
        .clone()
        .unwrap_or_else(|| say("step-unnamed", &[("n", (r.step + 1).into())]))
}
