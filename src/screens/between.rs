//! The debrief's first section, "Between the chairs": a row per lost case (the customer, the step
//! never played, the chairs it lay between, for how long, and who sat in those chairs), or, with
//! none, one line that says so and names the case that came closest.

use bevy::prelude::*;

use crate::game::performance::{Seat, Setup};
use crate::scenario::{DeptId, Scenario};
use crate::sim::{ChairRecord, Chairs, Debrief};
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets;

/// Rows shown at most (the export has them all); a player alone, whose own share of the result
/// follows, gets one, so the debrief still fits 1280×720.
pub(crate) const ROWS: usize = 3;

/// The section: its heading and at most `rows` rows.
pub(crate) fn spawn_between_chairs(
    parent: &mut ChildSpawnerCommands,
    scenario: &Scenario,
    d: &Debrief,
    setup: &Setup,
    rows: usize,
    (texts, p): (&Texts, &Palette),
) {
    let color = if d.between_chairs.is_empty() {
        p.good
    } else {
        p.bad
    };
    parent.spawn(widgets::heading(texts.t("debrief-between"), 26.0, color));
    if d.between_chairs.is_empty() {
        parent.spawn(widgets::label(none_line(scenario, d, texts), 18.0, p.text));
        return;
    }
    // Solved but never answered first: the failure the game exists to show.
    let mut records: Vec<&ChairRecord> = d.between_chairs.iter().collect();
    records.sort_by_key(|r| !r.solved_but_unanswered);
    for record in records.into_iter().take(rows) {
        let line = format!(
            "{} {}",
            record_line(scenario, record, texts),
            seats_line(scenario, &record.chairs, setup, texts)
        );
        parent.spawn(widgets::label(line, 16.0, p.text));
    }
    if d.between_chairs.len() > rows {
        let more = texts.t_args(
            "between-more",
            &[("n", (d.between_chairs.len() - rows).into())],
        );
        parent.spawn(widgets::label(more, 16.0, p.dim));
    }
}

fn name(scenario: &Scenario, d: DeptId) -> String {
    scenario
        .departments
        .get(d.0)
        .map_or_else(|| "?".to_owned(), |x| x.name.clone())
}

/// "☎ Wrong bill (bar 12): “Call the customer” lay between IT and Customer service for 4 bars."
fn record_line(scenario: &Scenario, r: &ChairRecord, texts: &Texts) -> String {
    let mut args = vec![
        ("case", r.name.clone().into()),
        ("bar", r.arrival_bar.into()),
        ("step", step_words(r, texts).into()),
        ("bars", r.bars_lying.into()),
    ];
    let key = match &r.chairs {
        Chairs::Between { a, b } => {
            args.push(("a", name(scenario, *a).into()));
            args.push(("b", name(scenario, *b).into()));
            "between-row"
        }
        Chairs::Anyone => "between-row-anyone",
        Chairs::Owner { owner, neighbours } => {
            let others: Vec<String> = neighbours.iter().map(|d| name(scenario, *d)).collect();
            let owner = name(scenario, *owner);
            let owners = crate::scenario::words::possessive(&owner, texts.lang.code());
            args.push(("owners", owners.into()));
            args.push(("others", others.join(", ").into()));
            "between-row-owner"
        }
    };
    let line = texts.t_args(key, &args);
    if r.solved_but_unanswered {
        format!("{line} {}", texts.t("between-unanswered"))
    } else {
        line
    }
}

/// Who sat in the chairs: "IT: computer · Customer service: you".
fn seats_line(scenario: &Scenario, chairs: &Chairs, setup: &Setup, texts: &Texts) -> String {
    // A note anyone could take: the people in the room by name, the rest summed up.
    let depts = match chairs {
        Chairs::Anyone => (0..scenario.departments.len())
            .map(DeptId)
            .filter(|d| setup.seat(*d) != Seat::Colleague)
            .collect(),
        other => other.named(),
    };
    let mut seats: Vec<String> = depts
        .iter()
        .map(|d| format!("{}: {}", name(scenario, *d), who(setup, *d, texts)))
        .collect();
    if *chairs == Chairs::Anyone && depts.len() < scenario.departments.len() {
        seats.push(texts.t("between-everyone-else"));
    }
    texts.t_args("between-seats", &[("seats", seats.join(" · ").into())])
}

fn who(setup: &Setup, dept: DeptId, texts: &Texts) -> String {
    match setup.seat(dept) {
        Seat::Colleague => texts.t("stage-computer"),
        Seat::Keyboard => texts.t("seat-you"),
        Seat::Pad(p) => texts.t_args("seat-pad", &[("n", p.number.into())]),
        Seat::Phone(p) => texts.t_args(
            "seat-phone",
            &[("name", setup.phone_name(p.phone).to_owned().into())],
        ),
    }
}

/// With nobody left without an answer: says so, and names the case that came closest.
fn none_line(scenario: &Scenario, d: &Debrief, texts: &Texts) -> String {
    // Skipped to the debrief: customers still waiting have not been answered either.
    let waiting = d.total.saturating_sub(d.completed + d.lost);
    if waiting > 0 {
        return texts.t_args("between-waiting", &[("n", waiting.into())]);
    }
    let none = texts.t("between-none");
    let Some(call) = d.closest_call(scenario) else {
        return none;
    };
    let closest = match &call.rescued {
        Some(r) => texts.t_args(
            "between-closest-rescued",
            &[
                ("case", call.name.clone().into()),
                ("bar", call.arrival_bar.into()),
                ("step", step_words(r, texts).into()),
                ("bars", r.bars_lying.into()),
                (
                    "dept",
                    r.rescued_by
                        .map(|x| name(scenario, x))
                        .unwrap_or_default()
                        .into(),
                ),
            ],
        ),
        None => texts.t_args(
            "between-closest-waited",
            &[
                ("case", call.name.clone().into()),
                ("bar", call.arrival_bar.into()),
                ("bars", call.bars_to_answer.into()),
            ],
        ),
    };
    format!("{none} {closest}")
}

/// The step's label, or "step N" in the interface's language where it has none.
fn step_words(r: &ChairRecord, texts: &Texts) -> String {
    let say = |k: &str, a: &[crate::rounds::Arg]| texts.t_args(k, a);
    crate::rounds::table::step_words(r, &say)
}
