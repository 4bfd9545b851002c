//! Compare rounds: the rounds of the level just played in this workshop session side by side, a
//! column per round under the same rows as `tutti compare`, and their audience curves laid over
//! each other, each round in its own colour and its own line style (solid, dashed, dotted, …) so
//! they are told apart on a projector and without telling colours apart.

use bevy::prelude::*;

use crate::game::performance::Performance;
use crate::game::session::Workshop;
use crate::keymap::{Context, Control};
use crate::rounds::RoundRecord;
use crate::rounds::compare::Figure;
use crate::settings::{Settings, Theme};
use crate::states::{AppSet, Screen};
use crate::ui::i18n::Texts;
use crate::ui::keys::pressed;
use crate::ui::palette::Palette;
use crate::ui::widgets::{self, MenuFocus};

/// Rounds shown at most: the last ones played.
const MAX_ROUNDS: usize = 6;

/// Width of the row names' column.
const LABEL_WIDTH: f32 = 290.0;
/// Width of a round's column.
const COLUMN_WIDTH: f32 = 158.0;
/// Height of a row of figures.
const ROW_HEIGHT: f32 = 30.0;
/// Width of the chart's plot area.
const PLOT_WIDTH: f32 = 850.0;
/// Height of the plot area when the rounds' headings have no line for an agreement or an early
/// stop; it gives up a line's height for each (two for an agreement), so 1280×720 holds it all.
const PLOT_HEIGHT: f32 = 190.0;
/// Height of a line of the rounds' headings.
const HEADING_LINE: f32 = 19.0;
/// Width of the chart's legend.
const LEGEND_WIDTH: f32 = 310.0;
/// Thickness of a curve, and of the samples of its style.
const LINE: f32 = 4.0;
/// Characters of an agreement shown under its round, at most.
const AGREEMENT_CHARS: usize = 24;

/// A mark of a round's audience curve in the chart (the round's number).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurveMark(pub u32);

/// A round named in the chart's legend (the round's number).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegendEntry(pub u32);

/// A round's column heading in the table (the round's number).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundHeading(pub u32);

/// A figure of a round in the table.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureCell {
    /// The figure (the table's row).
    pub figure: Figure,
    /// The round's number.
    pub round: u32,
}

/// The comparison is laid out on entering the screen, and left with Esc or its button.
/// The comparison's one button: back to the debrief.
#[derive(Component, Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackButton;

pub(super) fn plugin(app: &mut App) {
    widgets::add_buttons::<BackButton>(app);
    app.add_systems(OnEnter(Screen::Compare), spawn_comparison);
    app.add_systems(
        Update,
        leave_comparison
            .in_set(AppSet::RecordInput)
            .run_if(in_state(Screen::Compare)),
    );
}

/// A line style, each with a pattern of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineStyle {
    Solid,
    Dashed,
    Dotted,
    DashDot,
    DashDotDot,
    LongDash,
}

impl LineStyle {
    /// One style per round shown.
    const ALL: [LineStyle; MAX_ROUNDS] = [
        LineStyle::Solid,
        LineStyle::Dashed,
        LineStyle::Dotted,
        LineStyle::DashDot,
        LineStyle::DashDotDot,
        LineStyle::LongDash,
    ];

    /// Lengths drawn and left out in turn, in pixels along the line; empty: solid.
    fn pattern(self) -> &'static [f32] {
        match self {
            LineStyle::Solid => &[],
            LineStyle::Dashed => &[16.0, 8.0],
            LineStyle::Dotted => &[4.0, 6.0],
            LineStyle::DashDot => &[16.0, 6.0, 4.0, 6.0],
            LineStyle::DashDotDot => &[16.0, 6.0, 4.0, 6.0, 4.0, 6.0],
            LineStyle::LongDash => &[36.0, 10.0],
        }
    }
}

/// The rounds' colours for a theme: the Okabe–Ito colours, told apart with most kinds of colour
/// blindness, in an order that starts with those that stand out most on the theme's background.
fn round_colors(theme: Theme) -> [Color; MAX_ROUNDS] {
    let rgb = |r: u8, g: u8, b: u8| Color::srgb_u8(r, g, b);
    match theme {
        Theme::Stage => [
            rgb(0x56, 0xb4, 0xe9),
            rgb(0xe6, 0x9f, 0x00),
            rgb(0xf2, 0xf2, 0xf2),
            rgb(0x00, 0xb0, 0x80),
            rgb(0xe0, 0x8c, 0xbc),
            rgb(0xf0, 0xe4, 0x42),
        ],
        Theme::Projector => [
            rgb(0x00, 0x72, 0xb2),
            rgb(0xd5, 0x5e, 0x00),
            rgb(0x00, 0x00, 0x00),
            rgb(0x00, 0x9e, 0x73),
            rgb(0xcc, 0x79, 0xa7),
            rgb(0xe6, 0x9f, 0x00),
        ],
    }
}

/// How a round is drawn: its colour and line style, the same in the table, chart and legend.
#[derive(Debug, Clone, Copy)]
struct Look {
    color: Color,
    style: LineStyle,
}

/// The looks of the rounds shown: by round number, so a round keeps its look as later rounds
/// are added; by place when the numbers would share one.
fn looks_of(rounds: &[&RoundRecord], theme: Theme) -> Vec<Look> {
    let colors = round_colors(theme);
    let by_number: Vec<usize> = rounds
        .iter()
        .map(|r| (r.round.max(1) as usize - 1) % MAX_ROUNDS)
        .collect();
    let distinct = by_number
        .iter()
        .enumerate()
        .all(|(i, a)| !by_number[..i].contains(a));
    (0..rounds.len())
        .map(|i| {
            let k = if distinct {
                by_number[i]
            } else {
                i % MAX_ROUNDS
            };
            Look {
                color: colors[k],
                style: LineStyle::ALL[k],
            }
        })
        .collect()
}

/// What the comparison shows, and how.
struct CompareView<'a> {
    /// The rounds shown, in the order played.
    rounds: &'a [&'a RoundRecord],
    /// Each round's colour and line style, in the same order.
    looks: Vec<Look>,
    texts: &'a Texts,
    p: &'a Palette,
    /// The bold face, where fonts are loaded (not in the headless tests).
    bold: Option<Handle<Font>>,
}

impl CompareView<'_> {
    /// A text in the bold face (where there is one) of `size`.
    fn bold(&self, text: String, size: f32, color: Color) -> impl Bundle {
        let font = self.bold.clone().map(Into::into).unwrap_or_default();
        (
            Text::new(text),
            TextFont {
                font,
                font_size: FontSize::Px(size),
                ..default()
            },
            TextColor(color),
        )
    }

    /// "Round N".
    fn round_name(&self, r: &RoundRecord) -> String {
        self.texts.t_args("compare-round", &[("n", r.round.into())])
    }
}

/// The comparison of the level just played: the heading, the table, the chart with its legend
/// and the way back.
fn spawn_comparison(
    mut commands: Commands,
    perf: Option<Res<Performance>>,
    workshop: Res<Workshop>,
    ui: (Res<Palette>, Res<Texts>, Res<Settings>),
    fonts: Option<Res<crate::ui::fonts::Fonts>>,
    mut focus: ResMut<MenuFocus>,
) {
    let (palette, texts, settings) = ui;
    focus.0 = 0;
    let level = perf.as_ref().map_or("", |p| p.level());
    let all: Vec<&RoundRecord> = workshop.rounds_of(level).collect();
    let shown = &all[all.len().saturating_sub(MAX_ROUNDS)..];
    let title = shown.last().map_or_else(
        || {
            perf.as_ref()
                .map_or_else(String::new, |p| p.scenario().title.clone())
        },
        |r| r.title.clone(),
    );
    let view = CompareView {
        rounds: shown,
        looks: looks_of(shown, settings.theme),
        texts: &texts,
        p: &palette,
        bold: fonts.map(|f| f.bold.clone()),
    };
    commands
        .spawn((
            DespawnOnExit(Screen::Compare),
            Node {
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                padding: UiRect::axes(px(16), px(12)),
                row_gap: px(8),
                ..default()
            },
        ))
        .with_children(|root| {
            spawn_heading(root, &view, &title, all.len());
            spawn_table(root, &view);
            spawn_chart_row(root, &view);
            widgets::spawn_menu_row(root, &[("compare-back", BackButton)], 0, &texts, &palette);
        });
}

/// "Compare rounds · title", and which rounds are shown when not all of them fit.
fn spawn_heading(parent: &mut ChildSpawnerCommands, v: &CompareView, title: &str, played: usize) {
    parent
        .spawn(Node {
            flex_direction: FlexDirection::Row,
            align_items: AlignItems::Baseline,
            column_gap: px(24),
            ..default()
        })
        .with_children(|row| {
            let heading = v
                .texts
                .t_args("compare-heading", &[("title", title.into())]);
            row.spawn(v.bold(heading, 28.0, v.p.text));
            if played > v.rounds.len() {
                let note = v.texts.t_args(
                    "compare-last-rounds",
                    &[("shown", v.rounds.len().into()), ("total", played.into())],
                );
                row.spawn(widgets::label(note, 20.0, v.p.warn));
            }
        });
}

/// The table: a heading per round, then a row per figure.
fn spawn_table(parent: &mut ChildSpawnerCommands, v: &CompareView) {
    parent
        .spawn(Node {
            flex_direction: FlexDirection::Column,
            align_self: AlignSelf::FlexStart,
            ..default()
        })
        .with_children(|table| {
            table
                .spawn(Node {
                    flex_direction: FlexDirection::Row,
                    align_items: AlignItems::FlexEnd,
                    margin: UiRect::bottom(px(4)),
                    ..default()
                })
                .with_children(|row| {
                    row.spawn(Node {
                        width: px(LABEL_WIDTH),
                        ..default()
                    });
                    for (r, look) in v.rounds.iter().zip(&v.looks) {
                        spawn_round_heading(row, v, r, *look);
                    }
                });
            for (i, figure) in Figure::ALL.into_iter().enumerate() {
                spawn_figure_row(table, v, figure, i % 2 == 0);
            }
        });
}

/// A round's column heading: its name and seed, who played, the agreement in force, whether it
/// was stopped early, and a sample of its line in the chart.
fn spawn_round_heading(
    parent: &mut ChildSpawnerCommands,
    v: &CompareView,
    r: &RoundRecord,
    look: Look,
) {
    let (texts, p) = (v.texts, v.p);
    let seed = texts.t_args("compare-seed", &[("seed", r.seed.to_string().into())]);
    let people = r.seats.iter().filter(|s| s.who.is_person()).count();
    let seats = if people == 0 {
        texts.t("compare-seats-none")
    } else {
        texts.t_args(
            "compare-seats",
            &[("n", people.into()), ("total", r.seats.len().into())],
        )
    };
    parent
        .spawn((
            RoundHeading(r.round),
            Node {
                width: px(COLUMN_WIDTH),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                padding: UiRect::horizontal(px(6)),
                ..default()
            },
        ))
        .with_children(|c| {
            c.spawn(v.bold(v.round_name(r), 22.0, p.text));
            c.spawn(centered(seed, 16.0, p.dim));
            c.spawn(centered(seats, 16.0, p.dim));
            if let Some(a) = &r.agreement {
                let quoted = texts.t_args("compare-agreement", &[("text", shorten(a).into())]);
                c.spawn(centered(quoted, 16.0, p.accent));
            }
            if r.stopped_early {
                c.spawn(centered(texts.t("compare-stopped"), 16.0, p.warn));
            }
            c.spawn(Node {
                height: px(4),
                ..default()
            });
            spawn_sample(c, look, COLUMN_WIDTH - 24.0);
        });
}

/// A line of text centred in its column, wrapped when it is too long.
fn centered(text: String, size: f32, color: Color) -> impl Bundle {
    (
        widgets::label(text, size, color),
        TextLayout::justify(Justify::Center),
    )
}

/// An agreement cut short to fit a column, with "…" when cut.
fn shorten(text: &str) -> String {
    if text.chars().count() <= AGREEMENT_CHARS {
        return text.to_owned();
    }
    let kept: String = text.chars().take(AGREEMENT_CHARS - 1).collect();
    format!("{}…", kept.trim_end())
}

/// A row of the table: the figure's name, then its value in every round. Solved but never
/// answered is red where it happened and green where it did not, as on the debrief.
fn spawn_figure_row(
    parent: &mut ChildSpawnerCommands,
    v: &CompareView,
    figure: Figure,
    stripe: bool,
) {
    let p = v.p;
    let background = if stripe {
        p.button.with_alpha(0.7)
    } else {
        Color::NONE
    };
    parent
        .spawn((
            Node {
                flex_direction: FlexDirection::Row,
                align_items: AlignItems::Center,
                height: px(ROW_HEIGHT),
                ..default()
            },
            BackgroundColor(background),
        ))
        .with_children(|row| {
            row.spawn(Node {
                width: px(LABEL_WIDTH),
                padding: UiRect::left(px(8)),
                ..default()
            })
            .with_children(|c| {
                c.spawn(widgets::label(v.texts.t(figure.text_key()), 20.0, p.text));
            });
            for r in v.rounds {
                let color = match figure {
                    Figure::SolvedButUnanswered if r.summary.solved_but_unanswered > 0 => p.bad,
                    Figure::SolvedButUnanswered => p.good,
                    _ => p.text,
                };
                row.spawn(Node {
                    width: px(COLUMN_WIDTH),
                    justify_content: JustifyContent::Center,
                    ..default()
                })
                .with_children(|c| {
                    let cell = FigureCell {
                        figure,
                        round: r.round,
                    };
                    c.spawn((v.bold(figure.value(&r.summary), 24.0, color), cell));
                });
            }
        });
}

/// The chart of the audience curves, and its legend beside it.
fn spawn_chart_row(parent: &mut ChildSpawnerCommands, v: &CompareView) {
    parent
        .spawn(Node {
            flex_direction: FlexDirection::Row,
            column_gap: px(20),
            margin: UiRect::top(px(4)),
            ..default()
        })
        .with_children(|row| {
            spawn_chart(row, v);
            spawn_legend(row, v);
        });
}

/// The plot: the bars it spans, from the earliest round's first to the latest end of a round,
/// and its height.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Plot {
    first: u32,
    last: u32,
    height: f32,
}

impl Plot {
    /// The plot of `rounds`, as high as the room their headings leave.
    fn of(rounds: &[&RoundRecord]) -> Plot {
        let agreement = rounds.iter().any(|r| r.agreement.is_some());
        let stopped = rounds.iter().any(|r| r.stopped_early);
        // An agreement may take two lines.
        let lines = 2 * u8::from(agreement) + u8::from(stopped);
        let first = rounds.iter().map(|r| r.curve.first_bar).min().unwrap_or(0);
        let last = rounds
            .iter()
            .map(|r| r.curve.first_bar + r.curve.values.len().saturating_sub(1) as u32)
            .max()
            .unwrap_or(first);
        Plot {
            first,
            last: last.max(first + 1),
            height: PLOT_HEIGHT - HEADING_LINE * f32::from(lines),
        }
    }

    /// Where a satisfaction value (0–100) is up the plot.
    fn y(self, value: f64) -> f32 {
        self.height - value.clamp(0.0, 100.0) as f32 / 100.0 * self.height
    }

    /// Where the end of `bar` is across the plot.
    fn x(self, bar: f32) -> f32 {
        (bar - self.first as f32) / (self.last - self.first) as f32 * PLOT_WIDTH
    }

    /// Bars between the numbers under the plot: a power of two, eight numbers or fewer.
    fn step(self) -> u32 {
        let mut step = 1;
        while (self.last - self.first) / step > 8 {
            step *= 2;
        }
        step
    }
}

/// The plot: grid lines every 25, the values up the side, the bars along the bottom, and a
/// curve per round.
fn spawn_chart(parent: &mut ChildSpawnerCommands, v: &CompareView) {
    let chart = Plot::of(v.rounds);
    let p = v.p;
    parent
        .spawn(Node {
            display: Display::Grid,
            grid_template_columns: vec![GridTrack::px(44.0), GridTrack::px(PLOT_WIDTH)],
            grid_template_rows: vec![GridTrack::px(chart.height), GridTrack::px(24.0)],
            ..default()
        })
        .with_children(|grid| {
            grid.spawn(Node::default()).with_children(|axis| {
                for value in [0.0, 50.0, 100.0] {
                    axis.spawn(axis_label(
                        format!("{value}"),
                        0.0,
                        chart.y(value) - 10.0,
                        p,
                    ));
                }
            });
            grid.spawn(Node::default()).with_children(|plot| {
                for value in [0.0, 25.0, 50.0, 75.0, 100.0] {
                    plot.spawn(grid_line(chart.y(value), p.dim.with_alpha(0.4)));
                }
                for (r, look) in v.rounds.iter().zip(&v.looks) {
                    spawn_curve(plot, r, *look, chart);
                }
            });
            grid.spawn(Node::default()).with_children(|corner| {
                corner.spawn(axis_label(v.texts.t("compare-bars"), 0.0, 2.0, p));
            });
            grid.spawn(Node::default()).with_children(|axis| {
                let step = chart.step();
                let first = chart.first.div_ceil(step) * step;
                for bar in (first..=chart.last).step_by(step as usize) {
                    let x = chart.x(bar as f32) - 20.0;
                    axis.spawn((
                        axis_label(bar.to_string(), x, 2.0, p),
                        TextLayout::justify(Justify::Center),
                    ));
                }
            });
        });
}

/// A number by an axis, placed in its cell.
fn axis_label(text: String, left: f32, top: f32, p: &Palette) -> impl Bundle {
    (
        widgets::label(text, 16.0, p.dim),
        Node {
            position_type: PositionType::Absolute,
            left: px(left),
            top: px(top),
            min_width: px(40),
            ..default()
        },
    )
}

/// A grid line across the plot at `y`.
fn grid_line(y: f32, color: Color) -> impl Bundle {
    (
        Node {
            position_type: PositionType::Absolute,
            left: px(0),
            top: px(y - 0.5),
            width: px(PLOT_WIDTH),
            height: px(1),
            ..default()
        },
        BackgroundColor(color),
    )
}

/// A round's audience curve in its colour and style.
fn spawn_curve(plot: &mut ChildSpawnerCommands, r: &RoundRecord, look: Look, chart: Plot) {
    let points: Vec<Vec2> = r
        .curve
        .values
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let bar = (r.curve.first_bar + i as u32) as f32;
            Vec2::new(chart.x(bar), chart.y(*value))
        })
        .collect();
    for piece in dash_pieces(&points, look.style.pattern()) {
        plot.spawn((piece_node(piece, look.color), CurveMark(r.round)));
    }
}

/// The legend: what the chart shows, then each round's name beside a sample of its line, two
/// to a row.
fn spawn_legend(parent: &mut ChildSpawnerCommands, v: &CompareView) {
    parent
        .spawn(Node {
            flex_direction: FlexDirection::Row,
            flex_wrap: FlexWrap::Wrap,
            align_content: AlignContent::FlexStart,
            row_gap: px(4),
            width: px(LEGEND_WIDTH),
            ..default()
        })
        .with_children(|legend| {
            legend.spawn((
                widgets::label(v.texts.t("compare-curve"), 18.0, v.p.dim),
                Node {
                    width: percent(100),
                    margin: UiRect::bottom(px(2)),
                    ..default()
                },
            ));
            for (r, look) in v.rounds.iter().zip(&v.looks) {
                legend
                    .spawn((
                        LegendEntry(r.round),
                        Node {
                            width: px(LEGEND_WIDTH / 2.0),
                            flex_direction: FlexDirection::Row,
                            align_items: AlignItems::Center,
                            column_gap: px(8),
                            ..default()
                        },
                    ))
                    .with_children(|entry| {
                        spawn_sample(entry, *look, 56.0);
                        entry.spawn(widgets::label(v.round_name(r), 20.0, v.p.text));
                    });
            }
        });
}

/// A straight sample of a round's line, `width` long.
fn spawn_sample(parent: &mut ChildSpawnerCommands, look: Look, width: f32) {
    let height = LINE * 3.0;
    parent
        .spawn(Node {
            width: px(width),
            height: px(height),
            flex_shrink: 0.0,
            ..default()
        })
        .with_children(|sample| {
            let line = [Vec2::new(0.0, height / 2.0), Vec2::new(width, height / 2.0)];
            for piece in dash_pieces(&line, look.style.pattern()) {
                sample.spawn(piece_node(piece, look.color));
            }
        });
}

/// A straight piece of a drawn line.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Piece {
    /// Its middle, in pixels from the top left of what it is drawn in.
    mid: Vec2,
    len: f32,
    /// Its direction, clockwise from the right (the UI's y grows downwards).
    angle: f32,
}

/// The pieces that draw the line through `points` in `pattern` (lengths drawn and left out in
/// turn; empty: solid). The pattern runs on round the corners, so a dash may bend.
fn dash_pieces(points: &[Vec2], pattern: &[f32]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let (mut k, mut left) = (0, pattern.first().copied().unwrap_or(f32::INFINITY));
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let length = a.distance(b);
        if length < 1e-3 {
            continue;
        }
        let dir = (b - a) / length;
        let angle = dir.y.atan2(dir.x);
        let mut t = 0.0;
        while t < length {
            let step = left.min(length - t);
            if k % 2 == 0 {
                // A solid line's pieces overlap a little, so its corners have no gaps.
                let extra = if pattern.is_empty() { LINE * 0.5 } else { 0.0 };
                pieces.push(Piece {
                    mid: a + dir * (t + step / 2.0),
                    len: step + extra,
                    angle,
                });
            }
            t += step;
            left -= step;
            if left <= 1e-3 && !pattern.is_empty() {
                k = (k + 1) % pattern.len();
                left = pattern[k];
            }
        }
    }
    pieces
}

/// A piece of a line as a UI node: a thin bar turned to its angle about its middle.
fn piece_node(piece: Piece, color: Color) -> impl Bundle {
    (
        Node {
            position_type: PositionType::Absolute,
            left: px(piece.mid.x - piece.len / 2.0),
            top: px(piece.mid.y - LINE / 2.0),
            width: px(piece.len),
            height: px(LINE),
            ..default()
        },
        BackgroundColor(color),
        UiTransform::from_rotation(Rot2::radians(piece.angle)),
    )
}

/// Back to the debrief: the button, or Esc.
fn leave_comparison(
    mut back: MessageReader<BackButton>,
    keys: Res<ButtonInput<KeyCode>>,
    mut next: ResMut<NextState<Screen>>,
) {
    if back.read().count() > 0 || pressed(&keys, Control::Back, Context::Menu) {
        next.set(Screen::Debrief);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dashed_line_is_drawn_in_its_pattern_and_runs_on_round_corners() {
        let line = [Vec2::ZERO, Vec2::new(20.0, 0.0), Vec2::new(20.0, 20.0)];
        let pieces = dash_pieces(&line, &[16.0, 8.0]);
        let lengths: Vec<f32> = pieces.iter().map(|p| p.len).collect();
        // 16 drawn, 8 left out (4 before the corner, 4 after), then 16 drawn (of 16 left).
        assert_eq!(lengths, [16.0, 16.0]);
        assert_eq!(pieces[1].mid, Vec2::new(20.0, 12.0));
        assert!((pieces[1].angle - std::f32::consts::FRAC_PI_2).abs() < 1e-6);
    }

    #[test]
    fn a_solid_line_is_a_piece_per_segment_overlapping_at_the_corners() {
        let line = [Vec2::ZERO, Vec2::new(10.0, 0.0), Vec2::new(10.0, 10.0)];
        let pieces = dash_pieces(&line, &[]);
        assert_eq!(pieces.len(), 2);
        assert!(pieces.iter().all(|p| p.len > 10.0));
    }

    #[test]
    fn a_long_agreement_is_cut_short_with_an_ellipsis() {
        assert_eq!(shorten("Say who calls"), "Say who calls");
        let short = shorten("Whoever solves it calls the customer back");
        assert_eq!(short.chars().count(), AGREEMENT_CHARS);
        assert!(short.ends_with('…'));
    }

    #[test]
    fn every_round_shown_has_a_look_of_its_own() {
        let record = |round| RoundRecord {
            level: "l".into(),
            title: "t".into(),
            round,
            seed: 1,
            seats: Vec::new(),
            tempo_pct: 100,
            difficulty: "normal".into(),
            agreement: None,
            summary: crate::rounds::RunSummary {
                seed: 1,
                case_types: Vec::new(),
                total: 0,
                completed: 0,
                lost: 0,
                solved_but_unanswered: 0,
                double_work: 0,
                rescues: 0,
                strays: 0,
                audience_final: 50.0,
                audience_min: 50.0,
                walked_out: false,
                departments: Vec::new(),
            },
            curve: crate::rounds::AudienceCurve::default(),
            folder: String::new(),
            stopped_early: false,
            walked_out_why: String::new(),
        };
        let rounds: Vec<RoundRecord> = [3, 4, 5, 6, 7, 8].map(record).into();
        let refs: Vec<&RoundRecord> = rounds.iter().collect();
        let looks = looks_of(&refs, Theme::Stage);
        for (i, a) in looks.iter().enumerate() {
            for b in &looks[..i] {
                assert_ne!(a.style, b.style);
                assert_ne!(a.color, b.color);
            }
        }
        assert_eq!(
            looks[5].style,
            LineStyle::ALL[1],
            "round 8 looks like round 2"
        );
    }
}
