//! Text on stage: the smallest size, the bundle every stage text is spawned with, kept sharp at
//! the window's scale, and the number a customer and its phrase carry.

use bevy::prelude::*;

use super::layout::{HEIGHT, WIDTH};

/// The smallest text on the play screen, at 1280×720 (it scales with the window): readable from
/// the back of a room on a projector.
pub const MIN_TEXT: f32 = 18.0;

/// Text on stage with its size at 1280×720; kept crisp at any window size.
#[derive(Component, Debug, Clone, Copy)]
pub struct StageText(pub f32);

/// A text bundle for the stage.
pub(crate) fn stage_text(text: impl Into<String>, size: f32, color: Color) -> impl Bundle {
    (
        Text2d::new(text),
        TextFont {
            font_size: FontSize::Px(size),
            ..default()
        },
        TextColor(color),
        StageText(size),
    )
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(PostUpdate, sharpen_stage_text);
}

/// The number a customer and its phrase carry.
pub(crate) fn customer_number(case: u32) -> String {
    (case + 1).to_string()
}

/// Rasterises stage text at the window's scale and shrinks it back, so it stays sharp on 4K.
fn sharpen_stage_text(
    windows: Query<&Window>,
    mut texts: Query<(Ref<StageText>, &mut TextFont, &mut Transform)>,
    mut last: Local<f32>,
) {
    let Some(window) = windows.iter().next() else {
        return;
    };
    let scale = (window.width() / WIDTH)
        .min(window.height() / HEIGHT)
        .clamp(0.25, 4.0);
    let changed = (scale - *last).abs() > 1e-3;
    *last = scale;
    for (size, mut font, mut transform) in &mut texts {
        if changed || size.is_added() {
            font.font_size = FontSize::Px(size.0 * scale);
            transform.scale = Vec3::splat(1.0 / scale);
        }
    }
}
