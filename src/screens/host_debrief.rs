//! The room's debrief on the host's wall: of the last round, across every table that reported
//! it, where cases fell between which chairs (the most often first), each table's round against
//! the round before (its final audience, lost and answered), the tables' agreements and the
//! phones' vote of every table summed per option.

use bevy::prelude::*;

use crate::scenario::Scenario;
use crate::tables::export::{case_name, chair_names};
use crate::tables::report::{RoomRound, TableResult};
use crate::tables::room::RoomState;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets::label;

/// The most lines of a list the wall shows (the rest are counted).
const MOST_BETWEEN: usize = 5;
/// The most tables in the round-against-round table.
const MOST_ROWS: usize = 8;
/// The most agreements shown.
const MOST_AGREEMENTS: usize = 3;

/// One table's round in the round-against-round table: its final audience, lost and answered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoundCell {
    pub audience: f64,
    pub lost: u32,
    pub answered: u32,
}

/// A row of the round-against-round table.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareRow {
    pub table: String,
    /// One per round compared, `None` where the table did not report it.
    pub cells: Vec<Option<RoundCell>>,
}

/// The phones' vote on one call, summed over the tables that asked it.
#[derive(Debug, Clone, PartialEq)]
pub struct VoteSum {
    /// The call asked about.
    pub call: String,
    /// Each option's name and votes, the most first.
    pub options: Vec<(String, u32)>,
}

/// What the room's debrief shows.
#[derive(Debug, Clone, PartialEq)]
pub struct DebriefView {
    pub round: u32,
    pub sums: RoomRound,
    /// Tables still expected to report the round.
    pub waiting: Vec<String>,
    /// Where cases fell: the chairs by name, the case and step, how many times over the tables.
    pub between: Vec<(String, String, u32)>,
    /// The rounds compared (the one before, when there is one, and this one).
    pub rounds: Vec<u32>,
    pub rows: Vec<CompareRow>,
    /// Each table's agreement: the table, the text.
    pub agreements: Vec<(String, String)>,
    pub votes: Vec<VoteSum>,
}

impl DebriefView {
    /// The debrief of the room's last round (the one under way, else the last reported).
    pub fn of(scenario: &Scenario, room: &RoomState, texts: &Texts) -> DebriefView {
        let round = room
            .round()
            .map(|p| p.round)
            .or_else(|| room.rounds().last().copied())
            .unwrap_or(1);
        let results: Vec<&TableResult> = room.results(round).iter().collect();
        let sums = RoomRound::of(scenario, round, &results);
        let between = sums
            .between_chairs
            .iter()
            .map(|c| {
                let step = format!("{}: {}", case_name(scenario, &c.case), c.step);
                (chair_names(scenario, &c.chairs), step, c.count)
            })
            .collect();
        let rounds: Vec<u32> = if round > 1 {
            vec![round - 1, round]
        } else {
            vec![round]
        };
        DebriefView {
            round,
            waiting: if room.round().is_some_and(|p| p.round == round) {
                room.waiting_for()
            } else {
                Vec::new()
            },
            between,
            rows: compare_rows(room, &rounds),
            rounds,
            agreements: results
                .iter()
                .filter_map(|r| Some((r.table.clone(), r.replay.agreement.clone()?)))
                .filter(|(_, a)| !a.trim().is_empty())
                .collect(),
            votes: vote_sums(scenario, room, round, &texts.t("vote-nobody")),
            sums,
        }
    }
}

/// A row per table that reported any of `rounds`, in the tables' order.
fn compare_rows(room: &RoomState, rounds: &[u32]) -> Vec<CompareRow> {
    room.tables()
        .iter()
        .map(|t| CompareRow {
            table: t.name.clone(),
            cells: rounds
                .iter()
                .map(|&r| {
                    let result = room.results(r).iter().find(|x| x.table == t.name)?;
                    Some(RoundCell {
                        audience: result.summary.audience_final,
                        lost: result.summary.lost,
                        answered: result.summary.completed,
                    })
                })
                .collect(),
        })
        .filter(|row| row.cells.iter().any(Option::is_some))
        .collect()
}

/// The phones' votes of `round`, summed per option over the tables that asked about the same
/// call (each table's question is its own debrief's: the call that fell between the chairs most
/// there). `nobody` names the option "nobody's job".
pub fn vote_sums(scenario: &Scenario, room: &RoomState, round: u32, nobody: &str) -> Vec<VoteSum> {
    let mut sums: Vec<VoteSum> = Vec::new();
    for t in room.tables() {
        let Some((r, counts)) = &t.vote else { continue };
        let result = room.results(round).iter().find(|x| x.table == t.name);
        let (true, Some(result)) = (*r == round, result) else {
            continue;
        };
        let Some(q) = result.debrief.call_in_question(scenario) else {
            continue;
        };
        let names = q
            .could_take
            .iter()
            .map(|&d| scenario.department(d).name.clone())
            .chain(std::iter::once(nobody.to_owned()));
        let at = match sums.iter().position(|s| s.call == q.step_name) {
            Some(at) => at,
            None => {
                sums.push(VoteSum {
                    call: q.step_name.clone(),
                    options: Vec::new(),
                });
                sums.len() - 1
            }
        };
        for (name, n) in names.zip(counts.iter().copied()) {
            let options = &mut sums[at].options;
            match options.iter_mut().find(|(o, _)| *o == name) {
                Some((_, count)) => *count += n,
                None => options.push((name, n)),
            }
        }
    }
    for s in &mut sums {
        s.options.sort_by_key(|o| std::cmp::Reverse(o.1));
    }
    sums.retain(|s| s.options.iter().any(|(_, n)| *n > 0));
    sums
}

/// Spawns the debrief into the wall's body: a heading with the sums, then two columns.
pub fn spawn_debrief(
    body: &mut ChildSpawnerCommands,
    view: &DebriefView,
    texts: &Texts,
    palette: &Palette,
) {
    body.spawn(Node {
        width: percent(100),
        flex_direction: FlexDirection::Column,
        row_gap: px(8),
        ..default()
    })
    .with_children(|p| {
        p.spawn(label(
            texts.t_args("host-debrief-title", &[("n", view.round.into())]),
            34.0,
            palette.line,
        ));
        let s = &view.sums;
        let sums = texts.t_args(
            "host-debrief-sums",
            &[
                ("tables", s.tables.into()),
                ("audience", format!("{:.0}", s.audience_mean).into()),
                ("lost", s.lost.into()),
                ("answered", s.completed.into()),
            ],
        );
        p.spawn(label(sums, 22.0, palette.text));
        if !view.waiting.is_empty() {
            let names = listed(&view.waiting, 6, texts);
            p.spawn(label(
                texts.t_args("host-debrief-waiting", &[("names", names.into())]),
                20.0,
                palette.warn,
            ));
        }
        p.spawn(Node {
            flex_direction: FlexDirection::Row,
            column_gap: px(28),
            margin: UiRect::top(px(6)),
            ..default()
        })
        .with_children(|row| {
            row.spawn(column()).with_children(|c| {
                spawn_between(c, view, texts, palette);
                spawn_votes(c, view, texts, palette);
            });
            row.spawn(column()).with_children(|c| {
                spawn_rounds(c, view, texts, palette);
                spawn_agreements(c, view, texts, palette);
            });
        });
    });
}

/// A column of the debrief, half the width.
fn column() -> Node {
    Node {
        width: percent(50),
        flex_direction: FlexDirection::Column,
        row_gap: px(5),
        ..default()
    }
}

/// "A, B, C … and 3 more".
fn listed(names: &[String], most: usize, texts: &Texts) -> String {
    let mut text = names
        .iter()
        .take(most)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > most {
        text.push(' ');
        text.push_str(&texts.t_args("host-more", &[("n", (names.len() - most).into())]));
    }
    text
}

/// Where cases fell between the chairs, the most often first.
fn spawn_between(
    c: &mut ChildSpawnerCommands,
    view: &DebriefView,
    texts: &Texts,
    palette: &Palette,
) {
    c.spawn(label(texts.t("host-debrief-between"), 22.0, palette.dim));
    if view.between.is_empty() {
        c.spawn(label(
            texts.t("host-debrief-between-none"),
            22.0,
            palette.text,
        ));
    }
    for (chairs, step, count) in view.between.iter().take(MOST_BETWEEN) {
        c.spawn(label(
            format!("{count} × {chairs} — {step}"),
            22.0,
            palette.text,
        ));
    }
    if view.between.len() > MOST_BETWEEN {
        let more = texts.t_args(
            "host-more",
            &[("n", (view.between.len() - MOST_BETWEEN).into())],
        );
        c.spawn(label(more, 18.0, palette.dim));
    }
}

/// The phones' vote, a line per call asked about.
fn spawn_votes(c: &mut ChildSpawnerCommands, view: &DebriefView, texts: &Texts, palette: &Palette) {
    c.spawn(Node {
        height: px(8),
        ..default()
    });
    if view.votes.is_empty() {
        c.spawn(label(texts.t("host-debrief-vote-none"), 20.0, palette.dim));
    }
    for v in &view.votes {
        let ask = texts.t_args(
            "host-debrief-vote",
            &[("call", format!("«{}»", v.call).into())],
        );
        c.spawn(label(ask, 22.0, palette.dim));
        let line = v
            .options
            .iter()
            .map(|(name, n)| format!("{name} {n}"))
            .collect::<Vec<_>>()
            .join(" · ");
        c.spawn(label(line, 24.0, palette.text));
    }
}

/// Each table's round against the round before: its final audience, lost / answered.
fn spawn_rounds(
    c: &mut ChildSpawnerCommands,
    view: &DebriefView,
    texts: &Texts,
    palette: &Palette,
) {
    let heading = match view.rounds.as_slice() {
        [a, b] => texts.t_args(
            "host-debrief-rounds",
            &[("a", (*a).into()), ("b", (*b).into())],
        ),
        _ => texts.t_args("host-debrief-round", &[("a", view.round.into())]),
    };
    c.spawn(label(heading, 22.0, palette.dim));
    let cells = |row: &[String], color: Color, c: &mut ChildSpawnerCommands| {
        c.spawn(Node {
            flex_direction: FlexDirection::Row,
            ..default()
        })
        .with_children(|r| {
            for (i, text) in row.iter().enumerate() {
                r.spawn((
                    label(text.clone(), 20.0, color),
                    Node {
                        width: percent(if i == 0 { 40.0 } else { 30.0 }),
                        overflow: Overflow::clip(),
                        ..default()
                    },
                ));
            }
        });
    };
    c.spawn(label(texts.t("host-col-lost-answered"), 18.0, palette.dim));
    let mut header = vec![texts.t("host-col-table")];
    for r in &view.rounds {
        header.push(texts.t_args("host-debrief-round", &[("a", (*r).into())]));
    }
    cells(&header, palette.dim, c);
    for row in view.rows.iter().take(MOST_ROWS) {
        let mut line = vec![row.table.clone()];
        for cell in &row.cells {
            line.push(cell.map_or_else(
                || "—".to_owned(),
                |x| format!("{:.0} · {}/{}", x.audience, x.lost, x.answered),
            ));
        }
        cells(&line, palette.text, c);
    }
    if view.rows.len() > MOST_ROWS {
        let more = texts.t_args("host-more", &[("n", (view.rows.len() - MOST_ROWS).into())]);
        c.spawn(label(more, 18.0, palette.dim));
    }
}

/// The tables' agreements, the first few.
fn spawn_agreements(
    c: &mut ChildSpawnerCommands,
    view: &DebriefView,
    texts: &Texts,
    palette: &Palette,
) {
    c.spawn(Node {
        height: px(8),
        ..default()
    });
    c.spawn(label(texts.t("host-debrief-agreements"), 22.0, palette.dim));
    if view.agreements.is_empty() {
        c.spawn(label(
            texts.t("host-debrief-agreements-none"),
            20.0,
            palette.dim,
        ));
    }
    for (table, text) in view.agreements.iter().take(MOST_AGREEMENTS) {
        c.spawn(label(format!("{table}: {text}"), 20.0, palette.text));
    }
    if view.agreements.len() > MOST_AGREEMENTS {
        let more = texts.t_args(
            "host-more",
            &[("n", (view.agreements.len() - MOST_AGREEMENTS).into())],
        );
        c.spawn(label(more, 18.0, palette.dim));
    }
}
