//! A performance's figures in words and colour, as the pause and the debrief both show them.

use bevy::prelude::*;

/// The colour of the solved-but-never-answered line: red while any case is, green when none.
pub(crate) fn unanswered_color(
    d: &crate::sim::Debrief,
    palette: &crate::ui::palette::Palette,
) -> Color {
    if d.solved_but_unanswered > 0 {
        palette.bad
    } else {
        palette.good
    }
}

/// The debrief figures as three lines of text: unanswered, the outcomes, the audience.
pub(crate) fn figure_lines(texts: &crate::ui::i18n::Texts, d: &crate::sim::Debrief) -> [String; 3] {
    [
        texts.t_args(
            "figures-unanswered",
            &[("n", d.solved_but_unanswered.into())],
        ),
        texts.t_args(
            "figures-line",
            &[
                ("total", d.total.into()),
                ("completed", d.completed.into()),
                ("lost", d.lost.into()),
                ("double", d.double_work.into()),
                ("rescues", d.rescues.into()),
            ],
        ),
        texts.t_args(
            "figures-audience",
            &[
                ("now", (d.audience_final.round() as i64).into()),
                ("min", (d.audience_min.round() as i64).into()),
            ],
        ),
    ]
}
