//! The debrief: solved-but-never-answered first, then the other outcomes, a row per department,
//! the audience curve, a timeline row per case (where it waited, where it dropped), and the
//! scenario's discussion questions.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use crate::game::catalog::{Catalog, CurrentLevel};
use crate::game::performance::{Performance, PerformanceInput, Setup};
use crate::keymap::{Context, Control};
use crate::scenario::Scenario;
use crate::scores::BestScores;
use crate::sim::{CaseRecord, Debrief, Outcome};
use crate::states::{AppSet, Screen};
use crate::ui::i18n::Texts;
use crate::ui::keys::pressed;
use crate::ui::palette::Palette;
use crate::ui::widgets::{self, Action, MenuFocus};

/// Cases drawn on the timeline at most (the rest are summarised).
const TIMELINE_ROWS: usize = 24;
/// Columns of the audience curve at most.
const CURVE_COLUMNS: usize = 64;

/// The debrief figures of the performance just played.
#[derive(Resource, Debug, Clone)]
pub struct LastDebrief(pub Debrief);

/// Where E on the debrief writes its results folder (`results/` where the game was started).
#[derive(Resource, Debug, Clone)]
pub struct ExportRoot(pub PathBuf);

impl Default for ExportRoot {
    fn default() -> Self {
        ExportRoot(PathBuf::from(crate::export::DEFAULT_ROOT))
    }
}

/// What the last export from this debrief did: the folder written, or why it failed.
#[derive(Resource, Debug, Clone, Default)]
pub struct LastExport(pub Option<Result<PathBuf, String>>);

#[derive(Component)]
struct ExportLine;

/// What the debrief says about the level's best score, decided as it opens by
/// [`record_best_score`].
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq)]
enum BestScoreLine {
    /// Nothing: not a whole piece played to its end, or no best to show.
    #[default]
    Hidden,
    /// This performance set a new best for the level.
    New,
    /// The level's best, not beaten this time.
    Standing(f64),
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ExportRoot>();
    app.init_resource::<LastExport>();
    app.init_resource::<BestScoreLine>();
    app.add_systems(
        OnEnter(Screen::Debrief),
        (
            reset_debrief,
            store_debrief,
            record_best_score,
            spawn_debrief,
        )
            .chain(),
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

/// Entering the debrief: the focus on the first button, no export yet.
fn reset_debrief(mut focus: ResMut<MenuFocus>, mut last_export: ResMut<LastExport>) {
    focus.0 = 0;
    last_export.0 = None;
}

/// Folds the events of the performance just played into its figures, [`LastDebrief`].
fn store_debrief(mut commands: Commands, perf: Option<Res<Performance>>) {
    if let Some(perf) = perf {
        let d = Debrief::from_events(perf.scenario(), perf.events());
        commands.insert_resource(LastDebrief(d));
    }
}

/// Keeps the audience score as the level's best when it beats it, and notes what the debrief is
/// to say about it. Only a whole piece played to its end counts (not a practice loop, not a piece
/// skipped to the debrief), and a walk-out is not a score to beat.
fn record_best_score(
    mut line: ResMut<BestScoreLine>,
    perf: Option<Res<Performance>>,
    debrief: Option<Res<LastDebrief>>,
    level: (Res<Catalog>, Res<CurrentLevel>),
    mut best: ResMut<BestScores>,
    setup: Res<Setup>,
) {
    *line = BestScoreLine::Hidden;
    let (Some(perf), Some(d)) = (perf, debrief) else {
        return;
    };
    let Some(name) = level.0.levels.get(level.1.0).map(|l| &l.name) else {
        return;
    };
    // Only a whole piece played to its end, with somebody in a seat, counts for the best score:
    // not a practice loop, not a demo the computer played alone.
    if !perf.is_ended() || perf.practice_bars().is_some() || !setup.anyone_seated() {
        return;
    }
    *line = if !d.0.walked_out && best.record(name, d.0.audience_final) {
        BestScoreLine::New
    } else {
        best.get(name)
            .map_or(BestScoreLine::Hidden, BestScoreLine::Standing)
    };
}

/// The debrief of the performance just played: the figures on the left, the audience curve and
/// the timeline on the right.
fn spawn_debrief(
    mut commands: Commands,
    perf: Option<Res<Performance>>,
    debrief: Option<Res<LastDebrief>>,
    best_line: Res<BestScoreLine>,
    palette: Res<Palette>,
    texts: Res<Texts>,
) {
    let (Some(perf), Some(d)) = (perf, debrief) else {
        return;
    };
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
                flex_direction: FlexDirection::Row,
                padding: UiRect::all(px(24)),
                column_gap: px(24),
                ..default()
            },
        ))
        .with_children(|root| {
            spawn_figures(root, perf.scenario(), &d.0, best_line, &texts, &palette);
            spawn_charts(root, perf.scenario(), &d.0, &texts, &palette);
        });
}

/// The left column: the figures, the best score, the department table, the scenario's
/// questions, the buttons and the export line.
fn spawn_figures(
    parent: &mut ChildSpawnerCommands,
    scenario: &Scenario,
    d: &Debrief,
    best_line: Option<String>,
    texts: &Texts,
    p: &Palette,
) {
    let lines = super::figure_lines(texts, d);
    parent
        .spawn(Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(8),
            width: percent(45),
            ..default()
        })
        .with_children(|left| {
            left.spawn(widgets::heading(texts.t("debrief-heading"), 34.0, p.text));
            left.spawn(widgets::label(scenario.title.clone(), 20.0, p.dim));
            left.spawn(widgets::heading(
                lines[0].clone(),
                30.0,
                super::unanswered_color(d, p),
            ));
            left.spawn(widgets::label(lines[1].clone(), 20.0, p.text));
            let audience = lines[2].clone();
            let walked = if d.walked_out {
                format!(" — {}", texts.t("caption-walkout"))
            } else {
                String::new()
            };
            left.spawn(widgets::label(format!("{audience}{walked}"), 20.0, p.text));
            if let Some(line) = best_line {
                left.spawn(widgets::label(line, 18.0, p.accent));
            }
            spawn_table(left, d, p, texts);
            for q in &scenario.debrief {
                left.spawn(widgets::label(format!("• {q}"), 16.0, p.accent));
            }
            widgets::spawn_menu_row(
                left,
                &[
                    ("debrief-again", Action::Restart),
                    ("debrief-levels", Action::Back),
                    ("debrief-export", Action::Export),
                ],
                0,
                texts,
                p,
            );
            left.spawn((widgets::label("", 15.0, p.dim), ExportLine));
        });
}

/// The right column: the audience curve and the timeline of the cases.
fn spawn_charts(
    parent: &mut ChildSpawnerCommands,
    scenario: &Scenario,
    d: &Debrief,
    texts: &Texts,
    p: &Palette,
) {
    parent
        .spawn(Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(6),
            flex_grow: 1.0,
            ..default()
        })
        .with_children(|right| {
            right.spawn(widgets::label(texts.t("debrief-curve"), 18.0, p.dim));
            spawn_curve(right, d, p);
            right.spawn(widgets::label(texts.t("debrief-timeline"), 18.0, p.dim));
            let names: Vec<String> = scenario.cases.iter().map(|c| c.name.clone()).collect();
            spawn_timeline(right, d, &names, p, texts);
        });
}

/// Column widths of the department table.
const TABLE_COLUMNS: [f32; 7] = [170.0, 62.0, 50.0, 40.0, 50.0, 56.0, 62.0];

fn table_row(parent: &mut ChildSpawnerCommands, cells: [String; 7], color: Color, size: f32) {
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

/// A row per department: hits by judgement, drops, claims, rescues.
fn spawn_table(parent: &mut ChildSpawnerCommands, d: &Debrief, p: &Palette, texts: &Texts) {
    let head = [
        "table-department",
        "judge-perfect",
        "judge-good",
        "judge-ok",
        "table-drops",
        "table-claims",
        "table-rescues",
    ]
    .map(|k| texts.t(k));
    table_row(parent, head, p.dim, 15.0);
    for r in &d.departments {
        table_row(
            parent,
            [
                r.name.clone(),
                r.perfect.to_string(),
                r.good.to_string(),
                r.ok.to_string(),
                r.drops.to_string(),
                r.claims.to_string(),
                r.rescues.to_string(),
            ],
            p.text,
            17.0,
        );
    }
}

/// The audience over time as columns, one per stretch of the piece.
fn spawn_curve(parent: &mut ChildSpawnerCommands, d: &Debrief, p: &Palette) {
    let end = d.ended_at.0.max(1.0);
    parent
        .spawn(Node {
            height: px(140),
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

/// A row per case: from arrival to answer (green) or loss (red), with its drops marked.
fn spawn_timeline(
    parent: &mut ChildSpawnerCommands,
    d: &Debrief,
    d_names: &[String],
    p: &Palette,
    texts: &Texts,
) {
    let end = d.ended_at.0.max(1.0) as f32;
    for case in d.cases.iter().take(TIMELINE_ROWS) {
        spawn_case_row(parent, case, &d_names[case.template.0], end, p);
    }
    if d.cases.len() > TIMELINE_ROWS {
        parent.spawn(widgets::label(
            texts.t_args(
                "debrief-more-cases",
                &[("n", (d.cases.len() - TIMELINE_ROWS).into())],
            ),
            14.0,
            p.dim,
        ));
    }
}

/// One case on the timeline: its name, then its span over the piece (which ends at beat `end`).
fn spawn_case_row(
    parent: &mut ChildSpawnerCommands,
    case: &CaseRecord,
    name: &str,
    end: f32,
    p: &Palette,
) {
    parent
        .spawn(Node {
            height: px(14),
            width: percent(100),
            flex_direction: FlexDirection::Row,
            column_gap: px(6),
            ..default()
        })
        .with_children(|line| {
            line.spawn(Node {
                width: px(150),
                overflow: Overflow::clip(),
                ..default()
            })
            .with_children(|c| {
                c.spawn(widgets::label(name.to_owned(), 11.0, p.dim));
            });
            line.spawn(Node {
                flex_grow: 1.0,
                height: percent(100),
                ..default()
            })
            .with_children(|row| spawn_case_marks(row, case, end, p));
        });
}

/// A case's marks on its row: the span from arrival to answer or loss, a tick per drop, and ☎
/// when it was solved but never answered.
fn spawn_case_marks(row: &mut ChildSpawnerCommands, case: &CaseRecord, end: f32, p: &Palette) {
    let start = case.arrival.0 as f32 / end * 100.0;
    let stop = case.resolved_at.map_or(end, |t| t.0 as f32) / end * 100.0;
    let color = match case.outcome {
        Outcome::Completed => p.good,
        Outcome::Lost => p.bad,
        Outcome::Open => p.dim,
    };
    row.spawn(timeline_mark(
        start,
        percent((stop - start).max(0.5)),
        color.with_alpha(0.7),
    ));
    for at in case.steps.iter().filter_map(|s| s.dropped_at) {
        row.spawn(timeline_mark(at.0 as f32 / end * 100.0, px(4), p.bad));
    }
    if case.solved_but_unanswered {
        row.spawn((
            Node {
                position_type: PositionType::Absolute,
                left: percent(stop.min(97.0)),
                ..default()
            },
            widgets::label("☎", 11.0, p.bad),
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

#[allow(clippy::too_many_arguments)]
fn act_on_debrief(
    mut commands: Commands,
    mut actions: MessageReader<Action>,
    keys: Res<ButtonInput<KeyCode>>,
    mut out: MessageWriter<PerformanceInput>,
    export: (Res<ExportRoot>, ResMut<LastExport>),
    level: (Res<Catalog>, Res<CurrentLevel>),
    perf: Option<Res<Performance>>,
    window: Query<(), With<PrimaryWindow>>,
) {
    let (root, mut last_export) = export;
    let mut wants_export = pressed(&keys, Control::Export, Context::Debrief);
    for a in actions.read() {
        match a {
            Action::Restart => {
                out.write(PerformanceInput::Restart);
            }
            Action::Back => {
                out.write(PerformanceInput::Leave);
            }
            Action::Export => wants_export = true,
            _ => {}
        }
    }
    if wants_export && let Some(perf) = perf {
        let name = level
            .0
            .levels
            .get(level.1.0)
            .map_or_else(|| perf.scenario().title.clone(), |l| l.name.clone());
        let dir = crate::export::results_dir(
            &root.0,
            &crate::export::scenario_stem(&name),
            std::time::SystemTime::now(),
        );
        let d = Debrief::from_events(perf.scenario(), perf.events());
        let result = crate::export::write_csvs(&dir, perf.scenario(), &d);
        if result.is_ok() && !window.is_empty() {
            commands
                .spawn(bevy::render::view::screenshot::Screenshot::primary_window())
                .observe(bevy::render::view::screenshot::save_to_disk(
                    dir.join("debrief.png"),
                ));
        }
        match &result {
            Ok(()) => info!("exported the debrief to {}", dir.display()),
            Err(e) => warn!("export failed: {e}"),
        }
        last_export.0 = Some(result.map(|()| dir).map_err(|e| e.to_string()));
    }
    if pressed(&keys, Control::Back, Context::Menu) {
        out.write(PerformanceInput::Leave);
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
