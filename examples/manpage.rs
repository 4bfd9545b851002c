//! Writes Tutti's man pages, made from the command line's own help (clap_mangen): `tutti.1` and
//! one for each command (`tutti-play.1`, `tutti-check.1`, …), into the folder given (default
//! `packaging/man`, where they are committed). The Debian package installs them (cargo-deb
//! compresses them); `tests/headless/docs.rs` checks the committed ones match the help.
//!
//! ```sh
//! cargo run --example manpage -- packaging/man
//! ```

use clap::CommandFactory;

fn main() -> std::process::ExitCode {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "packaging/man".to_owned());
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| clap_mangen::generate_to(tutti::cli::Cli::command(), &dir));
    match written {
        Ok(()) => {
            println!("wrote the man pages into {dir}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("manpage: could not write the man pages into {dir}: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
