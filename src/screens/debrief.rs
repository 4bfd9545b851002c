//! The debrief: solved-but-never-answered first, then the other outcomes, a row per department,
//! the audience curve, a timeline row per case (where it waited, where it dropped), and the
//! scenario's discussion questions.

use bevy::prelude::*;

use crate::game::export::{ExportRequest, LastExport};
use crate::game::finished::{BestScoreLine, FinishedPiece};
use crate::game::input::{Controls, Given};
use crate::game::performance::{Performance, PerformanceInput, Setup};
use crate::game::phones::Phones;
use crate::game::session::Workshop;
use crate::game::stage::color_of;
use crate::game::vote::VoteTally;
use crate::keymap::{Context, Control};
use crate::scenario::Scenario;
use crate::sim::{CaseRecord, Debrief, Outcome};
use crate::states::{AppSet, Screen};
use crate::texts::walk_out::walk_out_sentence;
use crate::ui::i18n::Texts;
use crate::ui::keys::pressed;
use crate::ui::palette::Palette;
use crate::ui::text_entry::TextEntry;
use crate::ui::widgets::{self, MenuFocus};

/// Cases drawn on the timeline at most (the rest are summarised).
const TIMELINE_ROWS: usize = 11;

/// Columns of the audience curve at most.
const CURVE_COLUMNS: usize = 64;

#[derive(Component)]
struct ExportLine;

/// What the debrief's buttons do.
#[derive(Component, Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum DebriefButton {
    /// Play again with the same seed: a fair second round.
    Again,
    /// Play again with a new seed (not for a replay, which plays as it went).
    AgainNewSeed,
    /// The rounds of this level side by side.
    Compare,
    /// Write or change the group's agreement.
    Agreement,
    /// Back to the levels.
    Levels,
    /// Export the results.
    Export,
}

pub(super) fn plugin(app: &mut App) {
    widgets::add_buttons::<DebriefButton>(app);
    app.add_systems(
        OnEnter(Screen::Debrief),
        (reset_debrief, spawn_debrief)
            .chain()
            .after(crate::game::finished::RecordPiece)
            .after(crate::game::session::keep_round)
            .after(crate::game::vote::open_vote),
    );
    app.add_systems(
        Update,
        (
            act_on_debrief.in_set(AppSet::RecordInput),
            show_export.in_set(AppSet::Update),
        )
            .run_if(in_state(Screen::Debrief)),
    );
}

/// Entering the debrief: the focus on the first button.
fn reset_debrief(mut focus: ResMut<MenuFocus>) {
    focus.0 = 0;
}

/// The debrief of the performance just played: the figures on the left, the audience curve and
/// the timeline on the right.
fn spawn_debrief(
    mut commands: Commands,
    perf: Option<Res<Performance>>,
    finished: Res<FinishedPiece>,
    best_line: Res<BestScoreLine>,
    setup: Res<Setup>,
    palette: Res<Palette>,
    texts: Res<Texts>,
    workshop: Res<Workshop>,
    (phones, tally): (Option<Res<Phones>>, Res<VoteTally>),
) {
    let (Some(perf), Some(record)) = (perf, finished.0.as_ref()) else {
        return;
    };
    // With phones on: the room's vote on this performance, and the taps late over the network.
    let vote = phones.as_ref().map(|p| PhonesLines {
        tally: (tally.serial == Some(perf.serial())).then_some(&*tally),
        late_network: p.late_network,
    });
    let compare = !perf.is_playback() && workshop.rounds_of(perf.level()).count() >= 2;
    let best_line = match *best_line {
        BestScoreLine::Hidden => None,
        BestScoreLine::New => Some(texts.t("best-new")),
        BestScoreLine::Standing(b) => {
            Some(texts.t_args("best-score", &[("score", b.round().into())]))
        }
    };
    commands
        .spawn((
            DespawnOnExit(Screen::Debrief),
            Node {
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                padding: UiRect::all(px(24)),
                row_gap: px(6),
                ..default()
            },
        ))
        .with_children(|root| {
            let view = DebriefView {
                scenario: perf.scenario(),
                d: &record.debrief,
                setup: &setup,
                texts: &texts,
                p: &palette,
                compare,
                workshop: &workshop,
                replay_line: perf.is_playback().then(|| replay_line(&perf, &texts)),
                people: record.players.clone(),
                whole: record.whole(),
                phones: vote,
            };
            spawn_debrief_view(root, &view, best_line);
        });
}

/// The two columns above the buttons. The columns take what the buttons leave and cut what does
/// not fit: the buttons always show, on one line along the bottom.
fn spawn_debrief_view(root: &mut ChildSpawnerCommands, view: &DebriefView, best: Option<String>) {
    root.spawn(Node {
        flex_direction: FlexDirection::Row,
        column_gap: px(24),
        flex_grow: 1.0,
        min_height: px(0),
        overflow: Overflow::clip(),
        ..default()
    })
    .with_children(|columns| {
        spawn_figures(columns, view, best);
        spawn_charts(columns, view);
    });
    let menu = debrief_menu(view.compare, view.replay_line.is_some());
    widgets::spawn_menu_row(root, &menu, 0, view.texts, view.p);
}

/// "Replay of round N, situation S" for a replay's debrief.
fn replay_line(perf: &Performance, texts: &Texts) -> String {
    let what = match perf.round() {
        Some(n) => texts.t_args("stage-replay-round", &[("n", n.into())]),
        None => texts.t("stage-replay"),
    };
    let seed = texts.t_args("seed-n", &[("seed", perf.seed().to_string().into())]);
    format!("{what} · {seed}")
}

/// What the debrief shows, and how.
struct DebriefView<'a> {
    scenario: &'a Scenario,
    d: &'a Debrief,
    setup: &'a Setup,
    texts: &'a Texts,
    p: &'a Palette,
    /// The level has been played before in this session: the rounds can be compared.
    compare: bool,
    workshop: &'a Workshop,
    /// For a replay played back: says so, and which round it was.
    replay_line: Option<String>,
    /// The departments people played.
    people: Vec<crate::scenario::DeptId>,
    /// The whole piece was played to its end (not skipped, not a practice loop): its goals are
    /// judged.
    whole: bool,
    /// With phones on: their vote and late taps.
    phones: Option<PhonesLines<'a>>,
}

/// What the debrief shows of the phones, when they are on.
struct PhonesLines<'a> {
    /// The room's vote on this performance, if there is one.
    tally: Option<&'a VoteTally>,
    /// Phone taps that came late over the network in this performance.
    late_network: u32,
}

/// The left column: between the chairs first, then the outcomes, the best score, the scenario's
/// questions and the buttons.
fn spawn_figures(parent: &mut ChildSpawnerCommands, v: &DebriefView, best_line: Option<String>) {
    let (d, texts, p) = (v.d, v.texts, v.p);
    let lines = super::figure_lines(texts, d);
    parent
        .spawn(Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(5),
            width: percent(48),
            ..default()
        })
        .with_children(|left| {
            left.spawn(widgets::heading(
                format!("{} · {}", texts.t("debrief-heading"), v.scenario.title),
                24.0,
                p.text,
            ));
            if let Some(line) = &v.replay_line {
                left.spawn(widgets::label(line.clone(), 18.0, p.warn));
            }
            let why = d.walk_out.as_ref().map(|w| walk_out_sentence(texts, w));
            let rows = match super::practice::lone_player(&v.people) {
                Some(_) => 1,
                None => between_rows(v.scenario, why.as_deref()),
            };
            super::between::spawn_between_chairs(left, v.scenario, d, v.setup, rows, (texts, p));
            left.spawn(widgets::label(lines[1].clone(), 17.0, p.text));
            left.spawn(widgets::label(lines[2].clone(), 18.0, p.text));
            // Why the audience walked out, under the meter's figures: the causes by cost.
            if let Some(why) = why {
                left.spawn(widgets::label(why, 17.0, p.bad));
            }
            if let Some(line) = best_line {
                left.spawn(widgets::label(line, 18.0, p.accent));
            }
            let alone = super::practice::spawn_home_practice(
                left, v.scenario, d, &v.people, v.whole, texts, p,
            );
            // A player alone gets the reflection question; a group the discussion questions.
            for q in v.scenario.debrief.iter().filter(|_| !alone) {
                left.spawn(widgets::label(format!("• {q}"), 16.0, p.accent));
            }
            super::agreement::spawn_agreement_line(left, v.workshop, texts, p);
        });
}

/// Lines of 16–18 px text the left column holds at 1280×720 (the UI scales with the window), and
/// about how many characters one of its lines takes.
const LEFT_LINES: usize = 29;
const LEFT_LINE_CHARS: usize = 60;

/// How many calls between the chairs the left column has room for beside the group's discussion
/// questions and the reason the audience walked out, `why`, if it did (each call takes about four
/// lines; the other figures about ten): at least one, at most [`super::between::ROWS`].
fn between_rows(scenario: &Scenario, why: Option<&str>) -> usize {
    let lines = |text: &str| text.chars().count().div_ceil(LEFT_LINE_CHARS);
    let questions: usize = scenario.debrief.iter().map(|q| lines(q)).sum();
    let why = why.map_or(0, lines);
    let goals = usize::from(!scenario.goals.is_empty()) * 2;
    let free = LEFT_LINES.saturating_sub(10 + goals + questions + why);
    (free / 4).clamp(1, super::between::ROWS)
}

/// The debrief's buttons: play again with the same seed (a fair second round) or a new one (not
/// for a replay, which plays as it went), the comparison when there is something to compare, the
/// agreement, the levels, the export.
fn debrief_menu(compare: bool, playback: bool) -> Vec<(&'static str, DebriefButton)> {
    let mut items = vec![("debrief-again", DebriefButton::Again)];
    if !playback {
        items.push(("debrief-again-new-seed", DebriefButton::AgainNewSeed));
    }
    if compare {
        items.push(("debrief-compare", DebriefButton::Compare));
    }
    items.extend([
        ("debrief-agreement", DebriefButton::Agreement),
        ("debrief-levels", DebriefButton::Levels),
        ("debrief-export", DebriefButton::Export),
    ]);
    items
}

/// The right column: the audience curve, the department table, with phones on their vote, the
/// timeline of the cases and the export line.
fn spawn_charts(parent: &mut ChildSpawnerCommands, v: &DebriefView) {
    let (d, texts, p) = (v.d, v.texts, v.p);
    parent
        .spawn(Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(6),
            flex_grow: 1.0,
            ..default()
        })
        .with_children(|right| {
            right.spawn(widgets::label(texts.t("debrief-curve"), 16.0, p.dim));
            spawn_curve(right, d, p);
            spawn_table(right, d, p, texts);
            let taken = v.phones.as_ref().map_or(0, |ph| {
                super::vote_chart::spawn_vote_section(
                    right,
                    ph.tally,
                    ph.late_network,
                    v.scenario,
                    (texts, p),
                )
            });
            right.spawn(widgets::label(texts.t("debrief-timeline"), 16.0, p.dim));
            spawn_legend(right, v.scenario, texts, p);
            spawn_timeline(right, v.scenario, d, (p, texts), taken);
            right.spawn((widgets::label("", 16.0, p.dim), ExportLine));
        });
}

/// The departments' colours and shapes, as the timeline marks the steps they played.
fn spawn_legend(
    parent: &mut ChildSpawnerCommands,
    scenario: &Scenario,
    texts: &Texts,
    p: &Palette,
) {
    parent
        .spawn(Node {
            flex_direction: FlexDirection::Row,
            flex_wrap: FlexWrap::Wrap,
            column_gap: px(12),
            ..default()
        })
        .with_children(|row| {
            row.spawn(widgets::label(texts.t("debrief-legend"), 16.0, p.dim));
            for dept in &scenario.departments {
                let text = format!("{} {}", crate::game::glyph(dept.shape), dept.name);
                row.spawn(widgets::label(text, 16.0, color_of(dept.color)));
            }
        });
}

/// Column widths of the department table.
const TABLE_COLUMNS: [f32; 6] = [190.0, 64.0, 84.0, 70.0, 64.0, 70.0];

fn table_row(parent: &mut ChildSpawnerCommands, cells: [String; 6], color: Color, size: f32) {
    parent
        .spawn(Node {
            flex_direction: FlexDirection::Row,
            ..default()
        })
        .with_children(|row| {
            for (i, (cell, width)) in cells.into_iter().zip(TABLE_COLUMNS).enumerate() {
                row.spawn(Node {
                    width: px(width),
                    justify_content: if i == 0 {
                        JustifyContent::FlexStart
                    } else {
                        JustifyContent::FlexEnd
                    },
                    ..default()
                })
                .with_children(|c| {
                    c.spawn(widgets::label(cell, size, color));
                });
            }
        });
}

/// A row per department, the shared figures first: chances at its chairs taken and missed,
/// rescues, strays, double work; its hits by judgement on a second, dimmer line (in a piece of
/// many departments, left out to keep the table on screen).
fn spawn_table(parent: &mut ChildSpawnerCommands, d: &Debrief, p: &Palette, texts: &Texts) {
    let head = [
        "table-department",
        "table-taken",
        "table-missed",
        "table-rescues",
        "table-strays",
        "table-double",
    ]
    .map(|k| texts.t(k));
    table_row(parent, head, p.dim, 16.0);
    let second_line = d.departments.len() <= 4;
    for r in &d.departments {
        let cells = [
            r.name.clone(),
            r.chances_taken.to_string(),
            r.chances_missed().to_string(),
            r.rescues.to_string(),
            r.strays.to_string(),
            r.double_work.to_string(),
        ];
        table_row(parent, cells, p.text, 17.0);
        if second_line {
            let hits = texts.t_args(
                "table-hits",
                &[
                    ("perfect", r.perfect.into()),
                    ("good", r.good.into()),
                    ("ok", r.ok.into()),
                ],
            );
            parent.spawn((
                widgets::label(hits, 16.0, p.dim),
                Node {
                    margin: UiRect::left(px(16)),
                    ..default()
                },
            ));
        }
    }
}

/// The audience over time as columns, one per stretch of the piece.
fn spawn_curve(parent: &mut ChildSpawnerCommands, d: &Debrief, p: &Palette) {
    let end = d.ended_at.0.max(1.0);
    parent
        .spawn(Node {
            height: px(90),
            width: percent(100),
            flex_direction: FlexDirection::Row,
            align_items: AlignItems::FlexEnd,
            column_gap: px(1),
            border: UiRect::all(px(1)),
            ..default()
        })
        .insert(BorderColor::all(p.dim))
        .with_children(|c| {
            for i in 0..CURVE_COLUMNS {
                let t = end * (i as f64 + 1.0) / CURVE_COLUMNS as f64;
                let value = d
                    .curve
                    .iter()
                    .take_while(|(at, _)| at.0 <= t)
                    .last()
                    .map_or(0.0, |(_, v)| *v) as f32;
                let color = p.satisfaction(value);
                c.spawn((
                    Node {
                        flex_grow: 1.0,
                        height: percent(value.max(1.0)),
                        ..default()
                    },
                    BackgroundColor(color),
                ));
            }
        });
}

/// A row per case: from arrival to answer (green) or loss (red), each step marked in the colour
/// of the department that played it, the stretches where a note lay on the floor in red.
/// `taken` rows' room is used by the phones' vote above.
fn spawn_timeline(
    parent: &mut ChildSpawnerCommands,
    scenario: &Scenario,
    d: &Debrief,
    (p, texts): (&Palette, &Texts),
    taken: usize,
) {
    let end = d.ended_at.0.max(1.0) as f32;
    // The department table and the vote above take room: fewer rows with more departments.
    let rows = TIMELINE_ROWS
        .saturating_sub(d.departments.len() + taken)
        .max(if taken > 0 { 2 } else { 4 });
    for case in d.cases.iter().take(rows) {
        let name = scenario
            .cases
            .get(case.template.0)
            .map_or("", |c| c.name.as_str());
        spawn_case_row(parent, scenario, case, name, end, p);
    }
    if d.cases.len() > rows {
        parent.spawn(widgets::label(
            texts.t_args(
                "debrief-more-cases",
                &[("n", (d.cases.len() - rows).into())],
            ),
            16.0,
            p.dim,
        ));
    }
}

/// One case on the timeline: its name, then its span over the piece (which ends at beat `end`).
fn spawn_case_row(
    parent: &mut ChildSpawnerCommands,
    scenario: &Scenario,
    case: &CaseRecord,
    name: &str,
    end: f32,
    p: &Palette,
) {
    parent
        .spawn(Node {
            height: px(18),
            width: percent(100),
            flex_direction: FlexDirection::Row,
            column_gap: px(6),
            ..default()
        })
        .with_children(|line| {
            line.spawn(Node {
                width: px(170),
                overflow: Overflow::clip(),
                ..default()
            })
            .with_children(|c| {
                c.spawn(widgets::label(name.to_owned(), 16.0, p.dim));
            });
            line.spawn(Node {
                flex_grow: 1.0,
                height: percent(100),
                ..default()
            })
            .with_children(|row| spawn_case_marks(row, scenario, case, end, p));
        });
}

/// A case's marks on its row: the span from arrival to answer or loss, the stretches a note lay
/// on the floor, each played step in its department's colour, and ☎ when it was solved but
/// never answered.
fn spawn_case_marks(
    row: &mut ChildSpawnerCommands,
    scenario: &Scenario,
    case: &CaseRecord,
    end: f32,
    p: &Palette,
) {
    let at = |beat: f64| beat as f32 / end * 100.0;
    let start = at(case.arrival.0);
    let stop = case.resolved_at.map_or(end, |t| t.0 as f32) / end * 100.0;
    let color = match case.outcome {
        Outcome::Completed => p.good,
        Outcome::Lost => p.bad,
        Outcome::Open => p.dim,
    };
    row.spawn(timeline_mark(
        start,
        percent((stop - start).max(0.5)),
        color.with_alpha(0.3),
    ));
    for step in &case.steps {
        if let Some(from) = step.dropped_due {
            let to = step.played.map_or(stop, |pl| at(pl.at.0));
            let from = at(from.0);
            row.spawn(timeline_mark(from, percent((to - from).max(0.5)), p.bad));
        }
        if let Some(played) = step.played {
            let dept_color = scenario
                .departments
                .get(played.dept.0)
                .map_or(p.text, |x| color_of(x.color));
            row.spawn(timeline_mark(at(played.at.0), px(6), dept_color));
        }
    }
    if case.solved_but_unanswered {
        row.spawn((
            Node {
                position_type: PositionType::Absolute,
                left: percent(stop.min(97.0)),
                ..default()
            },
            widgets::label("☎", 16.0, p.bad),
        ));
    }
}

/// A bar on a timeline row, from `left` (% of the row) and `width` wide.
fn timeline_mark(left: f32, width: Val, color: Color) -> impl Bundle {
    (
        Node {
            position_type: PositionType::Absolute,
            left: percent(left),
            width,
            height: percent(100),
            ..default()
        },
        BackgroundColor(color),
    )
}

/// The debrief's buttons; E exports, Esc leaves to the levels.
fn act_on_debrief(
    mut buttons: MessageReader<DebriefButton>,
    keys: Res<ButtonInput<KeyCode>>,
    mut controls: Controls,
    mut export: MessageWriter<ExportRequest>,
    mut next: ResMut<NextState<Screen>>,
    agreement: (ResMut<TextEntry>, Res<Workshop>),
) {
    let (mut entry, workshop) = agreement;
    if pressed(&keys, Control::Export, Context::Debrief) {
        export.write(ExportRequest);
    }
    for button in buttons.read() {
        match button {
            DebriefButton::Again => controls.ask(Control::Restart, Context::Debrief, Given::Button),
            DebriefButton::AgainNewSeed => controls.send(PerformanceInput::RestartNewSeed),
            DebriefButton::Compare => next.set(Screen::Compare),
            DebriefButton::Agreement => super::agreement::open_agreement(&mut entry, &workshop),
            DebriefButton::Levels => controls.ask(Control::Leave, Context::Debrief, Given::Button),
            DebriefButton::Export => {
                export.write(ExportRequest);
            }
        }
    }
    if pressed(&keys, Control::Back, Context::Menu) {
        controls.ask(Control::Leave, Context::Debrief, Given::Key);
    }
}

/// Shows where the export went, or why it failed (the debrief stays, so E can be pressed again).
fn show_export(
    last_export: Res<LastExport>,
    texts: Res<Texts>,
    palette: Res<Palette>,
    mut line: Query<(&mut Text, &mut TextColor), With<ExportLine>>,
) {
    if !last_export.is_changed() {
        return;
    }
    let (text, color) = match &last_export.0 {
        None => (String::new(), palette.dim),
        Some(Ok(dir)) => (
            texts.t_args("export-done", &[("dir", dir.display().to_string().into())]),
            palette.good,
        ),
        Some(Err(e)) => (
            texts.t_args("export-failed", &[("error", e.clone().into())]),
            palette.bad,
        ),
    };
    for (mut t, mut c) in &mut line {
        t.0.clone_from(&text);
        c.0 = color;
    }
}
