//! For automated checks: `--screenshot SECONDS:PATH` and `--exit-after SECONDS`.

use bevy::prelude::*;

use crate::states::Launch;

/// Screenshots already requested (indices into `Launch::screenshots`).
#[derive(Resource, Default)]
struct Taken(Vec<bool>);

/// Scripted presses done, and the key to release next frame.
#[derive(Resource, Default)]
struct Pressed {
    done: usize,
    held: Option<KeyCode>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Taken>();
    app.init_resource::<Pressed>();
    app.add_systems(Update, (take_screenshots, exit_after));
    app.add_systems(
        PreUpdate,
        // Before the menus read the keys (they run after the UI's focus), so a scripted Enter is
        // never missed by a menu that happened to run first.
        press_scripted_keys
            .after(bevy::input::InputSystems)
            .before(bevy::ui::UiSystems::Focus),
    );
}

/// `--press SECONDS:KEY`: presses a key as if a person did, and lets it go the next frame.
fn press_scripted_keys(
    time: Res<Time<Real>>,
    launch: Option<Res<Launch>>,
    mut pressed: ResMut<Pressed>,
    keys: Option<ResMut<ButtonInput<KeyCode>>>,
) {
    let (Some(launch), Some(mut keys)) = (launch, keys) else {
        return;
    };
    if let Some(k) = pressed.held.take() {
        keys.release(k);
        return;
    }
    if let Some(press) = launch.presses.get(pressed.done)
        && time.elapsed_secs() >= press.at_secs
    {
        keys.press(press.key);
        pressed.held = Some(press.key);
        pressed.done += 1;
    }
}

fn take_screenshots(
    mut commands: Commands,
    time: Res<Time<Real>>,
    launch: Option<Res<Launch>>,
    mut taken: ResMut<Taken>,
) {
    let Some(launch) = launch else { return };
    if taken.0.len() != launch.screenshots.len() {
        taken.0 = vec![false; launch.screenshots.len()];
    }
    let now = time.elapsed_secs();
    for (i, shot) in launch.screenshots.iter().enumerate() {
        let path = &shot.path;
        if !taken.0[i] && now >= shot.at_secs {
            taken.0[i] = true;
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                let _ = std::fs::create_dir_all(dir);
            }
            info!("screenshot {}", path.display());
            commands
                .spawn(bevy::render::view::screenshot::Screenshot::primary_window())
                .observe(bevy::render::view::screenshot::save_to_disk(path.clone()));
        }
    }
}

fn exit_after(
    time: Res<Time<Real>>,
    launch: Option<Res<Launch>>,
    mut exit: MessageWriter<AppExit>,
) {
    if let Some(limit) = launch.and_then(|l| l.exit_after)
        && time.elapsed_secs() >= limit
    {
        exit.write(AppExit::Success);
    }
}
