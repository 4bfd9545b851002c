//! The game: Bevy plugins that drive the simulation (input, clock) and show it (stage, screens).

mod automation;
pub mod catalog;
pub mod frame_report;
pub mod input;
pub mod pads;
pub mod performance;
pub mod sound;
pub mod stage;

pub use stage::layout_glyph as glyph;

use std::path::PathBuf;
use std::process::ExitCode;

use bevy::prelude::*;
use bevy::window::{WindowMode, WindowResolution};

/// The screens, in the order a player meets them.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Title,
    LevelSelect,
    Lobby,
    Briefing,
    CountIn,
    Playing,
    Paused,
    Debrief,
    Settings,
    Calibration,
}

/// The order of the frame's work.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppSet {
    /// Advance the song clock.
    TickClock,
    /// Read key presses.
    RecordInput,
    /// Feed the simulation and collect its events.
    Simulate,
    /// Show what happened.
    Update,
}

/// How the game was started (from the command line).
#[derive(Resource, Debug, Clone, Default)]
pub struct Launch {
    /// A scenario to open straight away.
    pub file: Option<PathBuf>,
    /// Every department played by its colleague (a demo).
    pub autoplay: bool,
    /// Screenshots to take: (seconds after start, file).
    pub screenshots: Vec<(f32, PathBuf)>,
    /// Quit after this many seconds.
    pub exit_after: Option<f32>,
    /// Window size in logical pixels.
    pub window: (u32, u32),
    /// Keys to press: (seconds after start, key), for automated checks.
    pub presses: Vec<(f32, KeyCode)>,
    /// Print frame timings and memory on exit, counted from this instant (process start).
    pub frame_report: Option<std::time::Instant>,
}

/// Everything but the window and rendering: usable in headless tests with `MinimalPlugins`,
/// `StatesPlugin` and `InputPlugin`.
pub fn core_plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.configure_sets(
        Update,
        (
            AppSet::TickClock,
            AppSet::RecordInput,
            AppSet::Simulate,
            AppSet::Update,
        )
            .chain(),
    );
    crate::settings::plugin(app);
    crate::scores::plugin(app);
    crate::ui::plugin(app);
    catalog::plugin(app);
    performance::plugin(app);
    input::plugin(app);
    pads::plugin(app);
    crate::screens::plugin(app);
    stage::plugin(app);
    automation::plugin(app);
    frame_report::plugin(app);
    app.add_systems(Startup, open_launch_screen);
}

/// `tutti play FILE` opens that scenario's lobby; with `--autoplay` it starts playing at once.
fn open_launch_screen(launch: Option<Res<Launch>>, mut next: ResMut<NextState<Screen>>) {
    let Some(launch) = launch else { return };
    if launch.file.is_some() {
        next.set(if launch.autoplay {
            Screen::CountIn
        } else {
            Screen::Lobby
        });
    }
}

/// Opens the window and runs the game until it is closed.
pub fn run(launch: Launch) -> ExitCode {
    let (w, h) = launch.window;
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Tutti".into(),
                    resolution: WindowResolution::new(w, h),
                    ..default()
                }),
                ..default()
            })
            .set(bevy::log::LogPlugin {
                filter: "warn,tutti=info,wgpu=error,naga=error".into(),
                ..default()
            }),
    );
    if let Some(started) = launch.frame_report {
        app.insert_resource(frame_report::FrameReport::new(started));
    }
    app.insert_resource(launch);
    app.insert_resource(ClearColor(
        crate::ui::palette::Palette::of(crate::settings::Theme::Stage).background,
    ));
    app.add_systems(Startup, spawn_camera);
    sound::plugin(&mut app);
    app.add_systems(Update, (toggle_fullscreen, apply_fullscreen));
    core_plugin(&mut app);
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::FAILURE,
    }
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
    if keys.just_pressed(KeyCode::F11) {
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
