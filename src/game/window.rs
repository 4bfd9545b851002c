//! The window's camera, fullscreen (F11 or the setting) and the UI scale that follows the window.

use bevy::prelude::*;
use bevy::window::WindowMode;

use super::stage;

/// The camera, fullscreen and UI scale: only in the windowed game (headless tests have no window).
pub fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn_camera);
    app.add_systems(Update, (toggle_fullscreen, apply_fullscreen));
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn((
        Camera2d,
        // Sprites and text need no multisampling; without it a software renderer keeps up.
        Msaa::Off,
        Projection::Orthographic(OrthographicProjection {
            scaling_mode: bevy::camera::ScalingMode::AutoMin {
                min_width: stage::WIDTH,
                min_height: stage::HEIGHT,
            },
            ..OrthographicProjection::default_2d()
        }),
    ));
}

fn toggle_fullscreen(
    keys: Res<ButtonInput<KeyCode>>,
    mut settings: ResMut<crate::settings::Settings>,
) {
    if crate::ui::keys::pressed(
        &keys,
        crate::keymap::Control::Fullscreen,
        crate::keymap::Context::Anywhere,
    ) {
        settings.fullscreen = !settings.fullscreen;
    }
}

fn apply_fullscreen(
    settings: Res<crate::settings::Settings>,
    mut windows: Query<&mut Window>,
    mut ui_scale: ResMut<UiScale>,
) {
    for mut window in &mut windows {
        if settings.is_changed() {
            window.mode = if settings.fullscreen {
                WindowMode::BorderlessFullscreen(bevy::window::MonitorSelection::Current)
            } else {
                WindowMode::Windowed
            };
        }
        // Menus are laid out for 1280×720 and scaled to the window, so they read on a 4K projector.
        let scale = (window.width() / stage::WIDTH)
            .min(window.height() / stage::HEIGHT)
            .max(0.25);
        if (ui_scale.0 - scale).abs() > 1e-3 {
            ui_scale.0 = scale;
        }
    }
}
