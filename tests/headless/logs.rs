//! What the game writes to its log, read as the facilitator reads it: each test runs again in a
//! process of its own (this test binary, the test alone) with Bevy's log on, as the game has it,
//! and the parent reads what it wrote. A phone's seat changes write no warning (a key's don't
//! either), and the debrief's export is logged once its picture is on disk.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use bevy::log::tracing::field::{Field, Visit};
use bevy::log::tracing::{Event, Subscriber};
use bevy::log::tracing_subscriber::Layer;
use bevy::log::tracing_subscriber::layer::Context;
use bevy::log::{BoxedLayer, LogPlugin};
use bevy::prelude::*;

use super::app::{app_with, press, press_twice, run_until, screen};
use super::phones_game::{InGame, connect, hello};
use tutti::game::phones::Phones;
use tutti::states::Screen;

/// Set in the process that runs a test for its log.
const CHILD: &str = "TUTTI_LOG_CHILD";

/// Where the child's part begins in its log.
const BEGIN: &str = "=== begin ===";

/// Whether this process is the one whose log is read.
fn in_child() -> bool {
    std::env::var_os(CHILD).is_some()
}

/// Runs test `name` (its path in this binary) alone in a process of its own: what it wrote to
/// its log from [`BEGIN`] on.
fn log_of(name: &str) -> String {
    let out = Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--nocapture", "--test-threads", "1"])
        .env(CHILD, "1")
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "the child failed:\n{stdout}\n{stderr}"
    );
    let log = format!("{stderr}{stdout}");
    let begun = log.find(BEGIN).expect("the child began");
    log[begun..].to_owned()
}

/// Bevy's log as the game has it (`warn`, Tutti's `info`), with `layer` too.
fn game_log(layer: fn(&mut App) -> Option<BoxedLayer>) -> LogPlugin {
    LogPlugin {
        filter: "warn,tutti=info".into(),
        custom_layer: layer,
        ..default()
    }
}

fn no_layer(_: &mut App) -> Option<BoxedLayer> {
    None
}

/// The lines of `log` that are warnings (or worse).
fn warnings(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| l.contains("WARN") || l.contains("ERROR"))
        .collect()
}

/// A phone taking, leaving and changing seats in the lobby writes nothing to the log but what a
/// key's seat changes write: no warning.
#[test]
fn a_phones_seat_changes_write_no_warning() {
    if !in_child() {
        let log = log_of("logs::a_phones_seat_changes_write_no_warning");
        assert!(log.contains("phone seats done"), "{log}");
        let warned = warnings(&log);
        assert!(
            warned.is_empty(),
            "{} warnings:\n{}",
            warned.len(),
            warned.join("\n")
        );
        return;
    }
    let mut app = app_with("levels/03-busy-colleague.en.ron", false, 5, |app| {
        app.add_plugins(game_log(no_layer));
        let phones = Phones::start_on("127.0.0.1:0".parse().unwrap(), "en").unwrap();
        app.insert_resource(phones);
    });
    for _ in 0..5 {
        app.update();
    }
    eprintln!("{BEGIN}");
    // The keyboard, for comparison.
    press(&mut app, KeyCode::KeyA);
    press(&mut app, KeyCode::KeyA);
    let mut phone = connect(&app);
    hello(&mut app, &mut phone, None);
    for ask in [
        r#"{"type":"seat","dept":1}"#,
        r#"{"type":"seat","dept":2}"#,
        r#"{"type":"audience"}"#,
        r#"{"type":"seat","dept":3}"#,
    ] {
        phone.send(ask);
        let answer = if ask.contains("audience") {
            "unseated"
        } else {
            "seated"
        };
        phone.wait(&mut app, answer);
        for _ in 0..10 {
            app.update();
        }
    }
    eprintln!("phone seats done");
}

/// The results folder of the export test's child.
static RESULTS: OnceLock<PathBuf> = OnceLock::new();

/// Whether a `debrief.png` lies anywhere under `dir`.
fn picture_under(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            let path = e.path();
            path.file_name().is_some_and(|n| n == "debrief.png") || picture_under(&path)
        })
    })
}

/// Says, when the export is logged, whether its picture is on disk by then.
struct ExportWatch;

impl<S: Subscriber> Layer<S> for ExportWatch {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        struct Message(String);
        impl Visit for Message {
            fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
                if field.name() == "message" {
                    self.0 = format!("{value:?}");
                }
            }
        }
        let mut message = Message(String::new());
        event.record(&mut message);
        if message.0.contains("exported the debrief") {
            let on_disk = RESULTS.get().is_some_and(|r| picture_under(r));
            eprintln!("export logged; picture on disk: {on_disk}");
        }
    }
}

fn export_watch(_: &mut App) -> Option<BoxedLayer> {
    Some(Box::new(ExportWatch))
}

/// E on the debrief with a window: the log says the debrief was exported only once its picture
/// is on disk (quitting at that line loses nothing).
#[test]
fn the_export_is_logged_once_its_picture_is_on_disk() {
    if !in_child() {
        let log = log_of("logs::the_export_is_logged_once_its_picture_is_on_disk");
        let said: Vec<&str> = log
            .lines()
            .filter(|l| l.contains("export logged"))
            .collect();
        assert_eq!(said, ["export logged; picture on disk: true"], "{log}");
        return;
    }
    use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};
    use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};
    use bevy::window::PrimaryWindow;
    let results = std::env::temp_dir().join(format!("tutti-export-log-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&results);
    RESULTS.set(results.clone()).unwrap();
    let mut app = app_with("levels/01-own-part.en.ron", true, 50, |app| {
        app.add_plugins(game_log(export_watch));
        app.world_mut().spawn((Window::default(), PrimaryWindow));
    });
    app.insert_resource(tutti::game::session::ResultsRoot(Some(results.clone())));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(run_until(&mut app, 2_000, |a| screen(a) == Screen::Playing));
    press_twice(&mut app, KeyCode::F9);
    assert_eq!(screen(&app), Screen::Debrief);
    eprintln!("{BEGIN}");
    press(&mut app, KeyCode::KeyE);
    app.update();
    assert!(!picture_under(&results), "no picture yet");
    // The renderer captures the window a frame or two later.
    let shot = app
        .world_mut()
        .query_filtered::<Entity, With<Screenshot>>()
        .single(app.world())
        .expect("a screenshot is asked for");
    let image = Image::new_fill(
        Extent3d {
            width: 4,
            height: 4,
            depth_or_array_layers: 1,
        },
        TextureDimension::D2,
        &[200, 40, 40, 255],
        TextureFormat::Rgba8UnormSrgb,
        default(),
    );
    app.world_mut().trigger(ScreenshotCaptured {
        entity: shot,
        image,
    });
    app.update();
    assert!(picture_under(&results), "the picture is written");
    let _ = std::fs::remove_dir_all(&results);
}

/// With a SoundFont found, `play FILE --autoplay`: the log says which SoundFont the instruments
/// play from before the first piece leaves its count-in.
#[test]
fn the_soundfont_is_named_before_the_first_piece_plays() {
    if !in_child() {
        let log = log_of("logs::the_soundfont_is_named_before_the_first_piece_plays");
        let named = log
            .find("the instruments play from the SoundFont layered-gm")
            .unwrap_or_else(|| panic!("named:\n{log}"));
        let playing = log
            .find("screen: CountIn -> Playing")
            .unwrap_or_else(|| panic!("played:\n{log}"));
        assert!(named < playing, "{log}");
        return;
    }
    use tutti::audio::live::LiveHandle;
    use tutti::audio::soundfont::{Lookup, Origin};
    eprintln!("{BEGIN}");
    let (handle, probe) = LiveHandle::probe();
    let mut app = app_with(super::font_subset::SIXTEEN, true, 50, |app| {
        app.add_plugins(game_log(no_layer));
        tutti::game::sound::plugin_with(app, handle);
        app.insert_resource(tutti::game::orchestra::FontLookup(Lookup::Try {
            path: super::font_subset::LAYERED.into(),
            origin: Origin::Env,
        }));
    });
    let mut clock = 3.0;
    for _ in 0..400 {
        clock += 0.05;
        probe.set_seconds(clock);
        app.update();
        if screen(&app) == Screen::Playing {
            return;
        }
    }
    panic!("the piece never started");
}
