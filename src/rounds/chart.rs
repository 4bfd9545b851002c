//! The charts of `tutti simulate … --chart OUT.png|svg`. A sweep's (`--set`): solved but never
//! answered and lost (per run, left axis) and the final audience (right axis, 0–100) against the
//! values of the field swept, with labelled axes and a legend. The rooms' (`--rooms`): a group of
//! bars per room (the share of customers answered, the final and the lowest audience, all 0–100)
//! and how often the audience walked out, for a slide. Text is laid out with the game's own font,
//! so no system font libraries are needed.

use std::path::Path;

use plotters::chart::DualCoordChartContext;
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::rooms::RoomFigures;
use super::runs::{SweepRow, spread};

/// The chart's size in pixels.
const SIZE: (u32, u32) = (1000, 620);

/// Draws the sweep of the field `path` to `out` (`.png` or `.svg`).
pub(crate) fn draw_sweep(out: &Path, path: &str, rows: &[SweepRow]) -> Result<(), String> {
    match format(out)? {
        Format::Svg => draw(&SVGBackend::new(out, SIZE).into_drawing_area(), path, rows),
        Format::Png => draw(
            &BitMapBackend::new(out, SIZE).into_drawing_area(),
            path,
            rows,
        ),
    }
}

/// What a chart is written as.
enum Format {
    Png,
    Svg,
}

/// The format `out`'s extension names, with the game's font registered for it (both lay their
/// text out with it).
fn format(out: &Path) -> Result<Format, String> {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let format = match ext.as_deref() {
        Some("svg") => Format::Svg,
        Some("png") => Format::Png,
        _ => {
            return Err(format!(
                "--chart {}: a chart is a .png or a .svg file",
                out.display()
            ));
        }
    };
    register_font()?;
    Ok(format)
}

/// The rooms chart's size in pixels: a slide.
const ROOMS_SIZE: (u32, u32) = (1280, 720);

/// What the rooms chart shows: its title, the line under it, and a row per room.
pub(crate) struct RoomsChart<'a> {
    /// The scenario's title.
    pub title: &'a str,
    /// The seeds and who is seated, in words.
    pub subtitle: String,
    pub rows: &'a [RoomFigures],
}

/// Draws the rooms to `out` (`.png` or `.svg`), 1280×720.
pub(crate) fn draw_rooms(out: &Path, chart: &RoomsChart) -> Result<(), String> {
    match format(out)? {
        Format::Svg => draw_rooms_on(&SVGBackend::new(out, ROOMS_SIZE).into_drawing_area(), chart),
        Format::Png => draw_rooms_on(
            &BitMapBackend::new(out, ROOMS_SIZE).into_drawing_area(),
            chart,
        ),
    }
}

/// A bar of each room's group: its name in the legend, its colour (Okabe–Ito, colour-blind
/// safe) and its value.
struct Bar {
    name: &'static str,
    colour: RGBColor,
    value: fn(&RoomFigures) -> f64,
}

const BARS: [Bar; 3] = [
    Bar {
        name: "customers answered (%)",
        colour: RGBColor(0, 158, 115),
        value: RoomFigures::answered_percent,
    },
    Bar {
        name: "final audience",
        colour: RGBColor(0, 114, 178),
        value: |r| r.audience_final,
    },
    Bar {
        name: "lowest audience",
        colour: RGBColor(86, 180, 233),
        value: |r| r.audience_min,
    },
];

/// The title, the line under it and the legend, across the top of the slide.
fn rooms_header<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &RoomsChart,
) -> Result<(), String> {
    let e = |x: DrawingAreaErrorKind<DB::ErrorType>| x.to_string();
    let title = ("sans-serif", 34).into_font().color(&BLACK);
    area.draw_text(
        &format!("{}: what each room gets", chart.title),
        &title,
        (40, 18),
    )
    .map_err(e)?;
    let sub = ("sans-serif", 20).into_font().color(&RGBColor(60, 60, 60));
    area.draw_text(&chart.subtitle, &sub, (40, 64)).map_err(e)?;
    let label = ("sans-serif", 20).into_font().color(&BLACK);
    let mut x = 40;
    for bar in &BARS {
        area.draw(&Rectangle::new(
            [(x, 102), (x + 22, 124)],
            bar.colour.filled(),
        ))
        .map_err(e)?;
        area.draw_text(bar.name, &label, (x + 30, 102)).map_err(e)?;
        x += 60 + 11 * bar.name.chars().count() as i32;
    }
    Ok(())
}

fn draw_rooms_on<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &RoomsChart,
) -> Result<(), String> {
    let e = |x: DrawingAreaErrorKind<DB::ErrorType>| x.to_string();
    area.fill(&WHITE).map_err(e)?;
    let (top, body) = area.split_vertically(140);
    rooms_header(&top, chart)?;
    let rows = chart.rows;
    let last = rows.len().max(1) as f64 - 0.5;
    let mut plot = ChartBuilder::on(&body)
        .margin_left(20)
        .margin_right(40)
        .margin_bottom(10)
        .x_label_area_size(50)
        .y_label_area_size(70)
        .build_cartesian_2d(-0.5..last, 0.0..121.0)
        .map_err(e)?;
    let percent = |y: &f64| {
        if *y > 100.0 {
            String::new()
        } else {
            format!("{y:.0}")
        }
    };
    plot.configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_label_formatter(&percent)
        .y_labels(12)
        .y_desc("answered (%), audience (0–100)")
        .label_style(("sans-serif", 22))
        .axis_desc_style(("sans-serif", 20))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(225, 225, 225))
        .draw()
        .map_err(e)?;
    rooms_bars(&mut plot, rows)?;
    // The rooms' names under their groups, where the axis would put its labels.
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let name = ("sans-serif", 24)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    for (i, room) in rows.iter().enumerate() {
        let (x, y) = plot.backend_coord(&(i as f64, 0.0));
        area.draw_text(&format!("room {}", room.room.name()), &name, (x, y + 12))
            .map_err(e)?;
    }
    area.present().map_err(e)
}

/// Each room's bars with their values on top, and above them its walk-outs and the cases solved
/// but never answered.
fn rooms_bars<DB: DrawingBackend, X: Ranged<ValueType = f64>>(
    plot: &mut ChartContext<'_, DB, Cartesian2d<X, plotters::coord::types::RangedCoordf64>>,
    rows: &[RoomFigures],
) -> Result<(), String> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let e = |x: DrawingAreaErrorKind<DB::ErrorType>| x.to_string();
    let above = Pos::new(HPos::Center, VPos::Bottom);
    let value_font = ("sans-serif", 18).into_font().color(&BLACK).pos(above);
    for (i, room) in rows.iter().enumerate() {
        let centre = i as f64;
        for (k, bar) in BARS.iter().enumerate() {
            let mid = centre + (k as f64 - 1.0) * 0.27;
            let v = (bar.value)(room).clamp(0.0, 100.0);
            plot.draw_series([Rectangle::new(
                [(mid - 0.12, 0.0), (mid + 0.12, v)],
                bar.colour.filled(),
            )])
            .map_err(e)?;
            plot.draw_series([Text::new(
                format!("{v:.0}"),
                (mid, v + 1.0),
                value_font.clone(),
            )])
            .map_err(e)?;
        }
        let (words, colour) = match room.walk_out_bar {
            Some(bar) => (
                format!("walked out {}/{} (bar {bar:.0})", room.walk_outs, room.runs),
                RGBColor(213, 94, 0),
            ),
            None => (format!("walked out 0/{}", room.runs), RGBColor(90, 90, 90)),
        };
        let style = ("sans-serif", 18).into_font().color(&colour).pos(above);
        plot.draw_series([Text::new(words, (centre, 115.5), style)])
            .map_err(e)?;
        let unanswered = format!("{:.1} solved, never answered", room.solved_but_unanswered);
        let colour = if room.solved_but_unanswered > 0.0 {
            RGBColor(213, 94, 0)
        } else {
            RGBColor(90, 90, 90)
        };
        let style = ("sans-serif", 18).into_font().color(&colour).pos(above);
        plot.draw_series([Text::new(unanswered, (centre, 108.5), style)])
            .map_err(e)?;
    }
    Ok(())
}

/// The game's font for the PNG's text (once).
fn register_font() -> Result<(), String> {
    static DONE: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
    DONE.get_or_init(|| {
        plotters::style::register_font(
            "sans-serif",
            FontStyle::Normal,
            include_bytes!("../../assets/fonts/DejaVuSans.ttf"),
        )
        .map_err(|_| "the chart's font could not be read".to_owned())
    })
    .clone()
}

/// The figures per value: (value, unanswered, lost, audience).
fn points(rows: &[SweepRow]) -> Vec<(f64, f64, f64, f64)> {
    rows.iter()
        .map(|r| {
            let m = |f: fn(&super::RunSummary) -> f64| spread(r.runs.iter().map(f)).0;
            (
                r.set.first().map_or(0.0, |(_, v)| *v),
                m(|s| f64::from(s.solved_but_unanswered)),
                m(|s| f64::from(s.lost)),
                m(|s| s.audience_final),
            )
        })
        .collect()
}

/// The sweep chart on `area`: the means per value of the field `path`, the cases on the left
/// axis and the final audience on the right.
fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    path: &str,
    rows: &[SweepRow],
) -> Result<(), String> {
    let e = |x: DrawingAreaErrorKind<DB::ErrorType>| x.to_string();
    let pts = points(rows);
    let (x0, x1) = x_range(&pts);
    let top = pts.iter().map(|p| p.1.max(p.2)).fold(1.0, f64::max) * 1.15;
    area.fill(&WHITE).map_err(e)?;
    let runs = rows.first().map_or(0, |r| r.runs.len());
    let mut chart = ChartBuilder::on(area)
        .caption(
            format!("{path}: means of {runs} runs per value"),
            ("sans-serif", 26),
        )
        .margin(20)
        .x_label_area_size(50)
        .y_label_area_size(60)
        .right_y_label_area_size(60)
        .build_cartesian_2d(x0..x1, 0.0..top)
        .map_err(e)?
        .set_secondary_coord(x0..x1, 0.0..100.0);
    chart
        .configure_mesh()
        .x_desc(path)
        .y_desc("cases per run")
        .label_style(("sans-serif", 16))
        .draw()
        .map_err(e)?;
    chart
        .configure_secondary_axes()
        .y_desc("final audience (0–100)")
        .label_style(("sans-serif", 16))
        .draw()
        .map_err(e)?;
    sweep_lines(&mut chart, &pts)?;
    area.present().map_err(e)
}

/// Both axes of the sweep chart: numbers.
type Plane = Cartesian2d<RangedCoordf64, RangedCoordf64>;

/// The values' range on the x axis: from the lowest to the highest, or one either side of a
/// single value.
fn x_range(pts: &[(f64, f64, f64, f64)]) -> (f64, f64) {
    let (x0, x1) = pts
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    if x0 < x1 {
        (x0, x1)
    } else {
        (x0 - 1.0, x0 + 1.0)
    }
}

/// The sweep's three lines (unanswered and lost on the left axis, the audience on the right)
/// and their legend.
fn sweep_lines<'a, DB: DrawingBackend + 'a>(
    chart: &mut DualCoordChartContext<'a, DB, Plane, Plane>,
    pts: &[(f64, f64, f64, f64)],
) -> Result<(), String> {
    let e = |x: DrawingAreaErrorKind<DB::ErrorType>| x.to_string();
    let red = RGBColor(200, 30, 30);
    let orange = RGBColor(230, 140, 0);
    let blue = RGBColor(0, 90, 180);
    let series = |f: fn(&(f64, f64, f64, f64)) -> f64| {
        pts.iter().map(move |p| (p.0, f(p))).collect::<Vec<_>>()
    };
    chart
        .draw_series(LineSeries::new(series(|p| p.1), red.stroke_width(3)).point_size(5))
        .map_err(e)?
        .label("solved but never answered")
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], red.stroke_width(3)));
    chart
        .draw_series(LineSeries::new(series(|p| p.2), orange.stroke_width(3)).point_size(5))
        .map_err(e)?
        .label("lost")
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], orange.stroke_width(3)));
    chart
        .draw_secondary_series(LineSeries::new(series(|p| p.3), blue.stroke_width(3)).point_size(5))
        .map_err(e)?
        .label("final audience (right axis)")
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 24, y)], blue.stroke_width(3)));
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .label_font(("sans-serif", 16))
        .draw()
        .map_err(e)?;
    Ok(())
}
