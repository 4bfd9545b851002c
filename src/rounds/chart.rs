//! The chart of a sweep (`tutti simulate --set … --chart OUT.png|svg`): solved but never
//! answered and lost (per run, left axis) and the final audience (right axis, 0–100) against the
//! values of the field swept, with labelled axes and a legend. Text is laid out with the game's
//! own font, so no system font libraries are needed.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::runs::{SweepRow, spread};

/// The chart's size in pixels.
const SIZE: (u32, u32) = (1000, 620);

/// Draws the sweep of the field `path` to `out` (`.png` or `.svg`).
pub fn draw_sweep(out: &Path, path: &str, rows: &[SweepRow]) -> Result<(), String> {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    // Both lay their text out with the game's own font.
    register_font()?;
    match ext.as_deref() {
        Some("svg") => draw(&SVGBackend::new(out, SIZE).into_drawing_area(), path, rows),
        Some("png") => draw(
            &BitMapBackend::new(out, SIZE).into_drawing_area(),
            path,
            rows,
        ),
        _ => Err(format!(
            "--chart {}: a chart is a .png or a .svg file",
            out.display()
        )),
    }
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

fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    path: &str,
    rows: &[SweepRow],
) -> Result<(), String> {
    let e = |x: DrawingAreaErrorKind<DB::ErrorType>| x.to_string();
    let pts = points(rows);
    let (x0, x1) = pts
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let (x0, x1) = if x0 < x1 {
        (x0, x1)
    } else {
        (x0 - 1.0, x0 + 1.0)
    };
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
    area.present().map_err(e)
}
