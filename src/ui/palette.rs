//! Colours of the two themes: Stage (dark) and Projector (light, high contrast).

use bevy::prelude::*;

use crate::settings::{Settings, Theme};

/// The colours in use; follows the theme in the settings.
#[derive(Resource, Clone, Copy, Debug)]
pub struct Palette {
    pub background: Color,
    pub panel: Color,
    pub text: Color,
    pub dim: Color,
    pub staff: Color,
    pub gap: Color,
    pub line: Color,
    pub good: Color,
    pub bad: Color,
    pub warn: Color,
    pub accent: Color,
    pub button: Color,
    pub button_hover: Color,
}

impl Palette {
    /// The colour of a satisfaction value (0–100): red when low, amber in between, green.
    pub(crate) fn satisfaction(&self, value: f32) -> Color {
        if value < 25.0 {
            self.bad
        } else if value < 50.0 {
            self.warn
        } else {
            self.good
        }
    }

    /// The palette of a theme.
    pub fn of(theme: Theme) -> Palette {
        match theme {
            Theme::Stage => Palette {
                background: Color::srgb(0.06, 0.06, 0.10),
                panel: Color::srgba(0.12, 0.12, 0.18, 0.95),
                text: Color::srgb(0.95, 0.94, 0.90),
                dim: Color::srgb(0.60, 0.60, 0.66),
                staff: Color::srgb(0.32, 0.32, 0.40),
                gap: Color::srgba(0.25, 0.22, 0.10, 0.35),
                line: Color::srgb(1.0, 0.85, 0.35),
                good: Color::srgb(0.35, 0.85, 0.45),
                bad: Color::srgb(0.95, 0.30, 0.25),
                warn: Color::srgb(0.95, 0.70, 0.20),
                accent: Color::srgb(0.40, 0.70, 1.0),
                button: Color::srgb(0.18, 0.18, 0.26),
                button_hover: Color::srgb(0.28, 0.28, 0.40),
            },
            Theme::Projector => Palette {
                background: Color::srgb(0.98, 0.98, 0.96),
                panel: Color::srgba(1.0, 1.0, 1.0, 0.97),
                text: Color::srgb(0.0, 0.0, 0.0),
                dim: Color::srgb(0.25, 0.25, 0.30),
                staff: Color::srgb(0.15, 0.15, 0.20),
                gap: Color::srgba(0.95, 0.85, 0.40, 0.45),
                line: Color::srgb(0.80, 0.10, 0.10),
                good: Color::srgb(0.0, 0.50, 0.15),
                bad: Color::srgb(0.80, 0.0, 0.0),
                warn: Color::srgb(0.70, 0.40, 0.0),
                accent: Color::srgb(0.0, 0.30, 0.75),
                button: Color::srgb(0.86, 0.86, 0.90),
                button_hover: Color::srgb(0.72, 0.76, 0.90),
            },
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(Palette::of(Theme::Stage));
    app.add_systems(PreUpdate, follow_theme);
}

fn follow_theme(
    settings: Res<Settings>,
    mut palette: ResMut<Palette>,
    clear: Option<ResMut<ClearColor>>,
) {
    if settings.is_changed() {
        *palette = Palette::of(settings.theme);
        if let Some(mut clear) = clear {
            clear.0 = palette.background;
        }
    }
}
