//! The `tutti` binary: parses the command line and runs a headless command or the game.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use tutti::app;
use tutti::cli::{Cli, Command, PlayArgs};
use tutti::headless;
use tutti::states::{Launch, ScriptedPress, ScriptedShot};

/// Default window size.
const WINDOW: (u32, u32) = (1280, 720);

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let cli = Cli::parse();
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    match cli.command {
        Some(Command::Check { files }) => headless::check(&files, &mut out, &mut err),
        Some(Command::Simulate(args)) => headless::simulate(&args, &mut out, &mut err),
        Some(Command::Compare(args)) => headless::compare(&args, &mut out, &mut err),
        Some(Command::Replay(args)) if args.verify => {
            headless::verify_replay(&args.file, &mut out, &mut err)
        }
        Some(Command::Replay(args)) => {
            eprintln!("tutti: playback in the window comes next; use --verify");
            let _ = args;
            ExitCode::FAILURE
        }
        Some(Command::Play(args)) => match launch(&args, started) {
            Ok(launch) => {
                drop((out, err));
                app::run(launch)
            }
            Err(message) => {
                eprintln!("tutti: {message}");
                ExitCode::FAILURE
            }
        },
        None => {
            drop((out, err));
            app::run(Launch {
                window: WINDOW,
                ..Launch::default()
            })
        }
    }
}

/// Turns `tutti play` options into a launch, refusing malformed ones with a message.
fn launch(args: &PlayArgs, started: std::time::Instant) -> Result<Launch, String> {
    if let Err(e) = tutti::scenario::load_file(&args.file) {
        return Err(format!("cannot play this scenario:\n{e}"));
    }
    let mut screenshots = Vec::new();
    for s in &args.screenshot {
        let (secs, path) = s
            .split_once(':')
            .ok_or_else(|| format!("--screenshot {s}: expected SECONDS:PATH, e.g. 5:shot.png"))?;
        let secs: f32 = secs
            .trim()
            .parse()
            .map_err(|_| format!("--screenshot {s}: \"{secs}\" is not a number of seconds"))?;
        screenshots.push(ScriptedShot {
            at_secs: secs,
            path: PathBuf::from(path),
        });
    }
    let mut presses = Vec::new();
    for s in &args.press {
        let (secs, key) = s
            .split_once(':')
            .ok_or_else(|| format!("--press {s}: expected SECONDS:KEY, e.g. 5:P"))?;
        let secs: f32 = secs
            .trim()
            .parse()
            .map_err(|_| format!("--press {s}: \"{secs}\" is not a number of seconds"))?;
        let code = tutti::ui::keys::any_key_code(key.trim())
            .ok_or_else(|| format!("--press {s}: unknown key \"{key}\""))?;
        presses.push(ScriptedPress {
            at_secs: secs,
            key: code,
        });
    }
    let window = match &args.window {
        None => WINDOW,
        Some(w) => {
            let (a, b) = w
                .split_once(['x', 'X'])
                .ok_or_else(|| format!("--window {w}: expected WIDTHxHEIGHT, e.g. 1280x720"))?;
            let parse = |v: &str| {
                v.trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (100..=8192).contains(n))
            };
            match (parse(a), parse(b)) {
                (Some(a), Some(b)) => (a, b),
                _ => {
                    return Err(format!(
                        "--window {w}: sizes from 100 to 8192, like 1920x1080"
                    ));
                }
            }
        }
    };
    Ok(Launch {
        file: Some(args.file.clone()),
        autoplay: args.autoplay,
        screenshots,
        exit_after: args.exit_after.map(|s| s as f32),
        presses,
        window,
        frame_report: args.frame_report.then_some(started),
    })
}
