//! The `tutti` binary: parses the command line and runs a headless command or the game.

use std::process::ExitCode;

use clap::Parser;
use tutti::cli::{Cli, Command};
use tutti::headless;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    match cli.command {
        Some(Command::Check { files }) => headless::check(&files, &mut out, &mut err),
        Some(Command::Simulate(args)) => headless::simulate(&args, &mut out, &mut err),
        Some(Command::Play(_)) | None => {
            eprintln!(
                "tutti: the game window is not part of this build yet; use `tutti check` or `tutti simulate`."
            );
            ExitCode::FAILURE
        }
    }
}
