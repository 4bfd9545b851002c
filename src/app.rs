//! The app, assembled in one place: the window, the plugins of every module in the order they
//! depend on each other, and the headless core the tests use.

use std::process::ExitCode;

use bevy::prelude::*;
use bevy::window::WindowResolution;

use crate::game;
use crate::states::{AppSet, Launch, Screen};

/// Everything but the window, rendering and the audio device: usable in headless tests with
/// `MinimalPlugins`, `StatesPlugin` and `InputPlugin`.
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
    game::plugin(app);
    crate::screens::plugin(app);
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
        app.insert_resource(game::frame_report::FrameReport::new(started));
    }
    app.insert_resource(launch);
    app.insert_resource(game::session::ResultsRoot(Some(
        crate::export::results_root(),
    )));
    app.insert_resource(ClearColor(
        crate::ui::palette::Palette::of(crate::settings::Theme::Stage).background,
    ));
    game::window::plugin(&mut app);
    game::sound::plugin(&mut app);
    core_plugin(&mut app);
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(_) => ExitCode::FAILURE,
    }
}
