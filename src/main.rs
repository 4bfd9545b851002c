//! The `tutti` binary: parses the command line and runs a headless command or the game.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use std::io::Write;
use tutti::app;

use tutti::cli::{Cli, Command, HostArgs, PlayArgs, ReplayArgs, WindowArgs};
use tutti::headless;
use tutti::rounds::Replay;
use tutti::states::{HostLaunch, Launch, ScriptedPress, ScriptedShot, TableJoin};

/// Default window size.
const WINDOW: (u32, u32) = (1280, 720);

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let command = Cli::parse().resolved();
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    match command {
        Some(Command::Check { files }) => headless::check(&files, &mut out, &mut err),
        Some(Command::Simulate(args)) => headless::simulate(&args, &mut out, &mut err),
        Some(Command::Compare(args)) => headless::compare(&args, &mut out, &mut err),
        Some(Command::New(args)) => headless::new_scenario(&args, &mut out, &mut err),
        Some(Command::Host(args)) if args.headless => {
            tutti::tables::run_host::host_headless(&args, &mut out, &mut err)
        }
        Some(Command::Host(args)) => match host_launch(&args) {
            Ok(launch) => {
                drop((out, err));
                app::run(launch)
            }
            Err(message) => {
                let _ = writeln!(err, "tutti: {message}");
                ExitCode::FAILURE
            }
        },
        Some(Command::Table(args)) => tutti::tables::run_table::table(&args, &mut out, &mut err),
        Some(Command::Replay(args)) if args.verify => {
            headless::verify_replay(&args.file, &mut out, &mut err)
        }
        Some(Command::Replay(args)) => match replay_launch(&args, &mut err) {
            Ok(launch) => {
                drop((out, err));
                app::run(launch)
            }
            Err(message) => {
                let _ = writeln!(err, "tutti: {message}");
                ExitCode::FAILURE
            }
        },
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

/// Turns `tutti replay FILE` options into a launch: a replay that cannot be read is refused with
/// a message; one that no longer verifies plays back as this version's rules make it, and says so.
fn replay_launch(args: &ReplayArgs, err: &mut impl Write) -> Result<Launch, String> {
    let replay = Replay::load(&args.file)
        .map_err(|e| format!("cannot play back {}: {e}", args.file.display()))?;
    if let Err(e) = replay.verify() {
        if !matches!(e, tutti::rounds::ReplayError::Differs(_)) {
            return Err(format!("cannot play back {}: {e}", args.file.display()));
        }
        let _ = writeln!(
            err,
            "tutti: {}: {e}\ntutti: it plays back as this version's rules make it",
            args.file.display()
        );
    }
    Ok(Launch {
        replay: Some(args.file.clone()),
        ..window_launch(&args.window)?
    })
}

/// The window's size and the scripted screenshots, presses and exit of a launch.
fn window_launch(args: &WindowArgs) -> Result<Launch, String> {
    Ok(Launch {
        screenshots: screenshots(&args.screenshot)?,
        presses: presses(&args.press)?,
        exit_after: args.exit_after.map(|s| s as f32),
        window: window(args.window.as_deref())?,
        ..Launch::default()
    })
}

/// Turns `tutti host FILE` options into a launch of the host's wall, refusing a scenario that
/// does not load before the window opens.
fn host_launch(args: &HostArgs) -> Result<Launch, String> {
    if let Err(e) = tutti::scenario::load_file(&args.file) {
        return Err(format!("cannot host this scenario:\n{e}"));
    }
    Ok(Launch {
        host: Some(HostLaunch {
            file: args.file.clone(),
            port: args.port,
            session: args.session.clone(),
            lead_secs: args.lead,
        }),
        ..window_launch(&args.window)?
    })
}

/// Turns `tutti play` options into a launch, refusing malformed ones with a message.
fn launch(args: &PlayArgs, started: std::time::Instant) -> Result<Launch, String> {
    if let Some(file) = &args.file
        && let Err(e) = tutti::scenario::load_file(file)
    {
        return Err(format!("cannot play this scenario:\n{e}"));
    }
    if let Some(port) = args.phones {
        check_phones_port(port)?;
    }
    Ok(Launch {
        file: args.file.clone(),
        join: table_join(args)?,
        autoplay: args.autoplay,
        phones: args.phones,
        frame_report: args.frame_report.then_some(started),
        ..window_launch(&args.window)?
    })
}

/// `--join URL --name NAME [--code CODE]`: the table's address and name, checked before the
/// window opens.
fn table_join(args: &PlayArgs) -> Result<Option<TableJoin>, String> {
    let Some(join) = &args.join else {
        return Ok(None);
    };
    let url = tutti::tables::join::JoinUrl::parse(join, args.code.as_deref())
        .map_err(|e| e.to_string())?;
    let name = args
        .name
        .as_deref()
        .and_then(tutti::tables::protocol::clean_name)
        .ok_or("--name: the table needs a name, e.g. --name \"Table 3\"")?;
    Ok(Some(TableJoin { url, name }))
}

/// `--phones PORT`: says clearly, before the window opens, when the port cannot be listened on.
fn check_phones_port(port: u16) -> Result<(), String> {
    let addr = std::net::SocketAddr::from((std::net::Ipv4Addr::UNSPECIFIED, port));
    match tutti::phones::PhoneServer::bind(addr, tutti::phones::ServerConfig::default()) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => Err(format!(
            "--phones {port}: the port is taken (another program, or another Tutti, listens \
             there); choose another port, e.g. --phones {}",
            port.wrapping_add(1).max(1024)
        )),
        Err(e) => Err(format!("--phones {port}: cannot listen on this port: {e}")),
    }
}

/// `--screenshot SECONDS:PATH` options.
fn screenshots(args: &[String]) -> Result<Vec<ScriptedShot>, String> {
    let mut screenshots = Vec::new();
    for s in args {
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
    Ok(screenshots)
}

/// `--press SECONDS:KEY` options.
fn presses(args: &[String]) -> Result<Vec<ScriptedPress>, String> {
    let mut presses = Vec::new();
    for s in args {
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
    Ok(presses)
}

/// `--window WxH`, or the default size.
fn window(arg: Option<&str>) -> Result<(u32, u32), String> {
    Ok(match arg {
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
    })
}
