//! The command line (every command and option: docs/cli.md).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Tutti — every department a musician, every customer request a phrase.
#[derive(Debug, Parser)]
#[command(name = "tutti", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// The command; none: open the game (or `file`).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A scenario (.ron) to open in its lobby, as `tutti play FILE` does, or a replay (.replay) to
    /// play back, as `tutti replay FILE` does: what a file manager's "Open with Tutti" runs.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

impl Cli {
    /// The command to run: the subcommand given, or the one a bare FILE stands for (none: the
    /// title screen).
    pub fn resolved(self) -> Option<Command> {
        match (self.command, self.file) {
            (Some(c), _) => Some(c),
            (None, Some(file)) if file.extension().is_some_and(|e| e == "replay") => {
                Some(Command::Replay(ReplayArgs {
                    file,
                    verify: false,
                    window: WindowArgs::default(),
                }))
            }
            (None, Some(file)) => Some(Command::Play(PlayArgs {
                file: Some(file),
                ..PlayArgs::default()
            })),
            (None, None) => None,
        }
    }
}

/// The subcommands; none opens the title screen.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Opens the game straight into a scenario's lobby.
    Play(PlayArgs),
    /// Validates scenario files; prints FILE: ok or FILE:LINE:COL: message; exits 1 if any fails.
    Check {
        /// Scenario files (.ron).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Plays a scenario headless, every department by its colleague AI, and prints the debrief.
    Simulate(SimulateArgs),
    /// Plays a replay back in the game window; with --verify, re-simulates it and checks it
    /// instead (exit 1 and what differs when it does not match).
    Replay(ReplayArgs),
    /// Prints rounds side by side: a column per replay.
    Compare(CompareArgs),
    /// Writes a commented starting scenario that passes `check` and shows the lesson.
    New(NewArgs),
    /// Hosts a room of many tables: every table plays FILE; the host starts their rounds on one
    /// count-in and gathers their figures (docs/tables.md).
    Host(HostArgs),
    /// A table without a window: joins a host, its seats played by the simulate strategies.
    Table(TableArgs),
}

/// Options of `tutti host`.
#[derive(Debug, Clone, clap::Args)]
pub struct HostArgs {
    /// The scenario every table plays (.ron).
    pub file: PathBuf,
    /// No window: start each round once --tables tables are in, print a JSON line per table per
    /// round and one for the room, and exit after --rounds rounds.
    #[arg(long)]
    pub headless: bool,
    /// The port tables join on.
    #[arg(long, default_value_t = 7878)]
    pub port: u16,
    /// How many tables to wait for before each round (headless).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=64))]
    pub tables: u32,
    /// How many rounds to play (headless).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=99))]
    pub rounds: u32,
    /// The session folder: the room's code, tables and replays; a host restarted with the same
    /// folder opens the same room. Default: a new folder in the results folder.
    #[arg(long, value_name = "DIR")]
    pub session: Option<PathBuf>,
    /// How long before a round's count-in the tables are told to start, seconds.
    #[arg(long, default_value_t = 3.0, value_name = "SECONDS")]
    pub lead: f64,
    /// How long the headless host waits for a round's reports after its count-in, seconds.
    #[arg(long, default_value_t = 900.0, value_name = "SECONDS")]
    pub wait: f64,
    /// The window's options, as `play` takes them.
    #[command(flatten)]
    pub window: WindowArgs,
}

/// Options of `tutti table`.
#[derive(Debug, Clone, clap::Args)]
pub struct TableArgs {
    /// The host's address, as its screen shows it: http://HOST:PORT/?room=CODE.
    #[arg(long, value_name = "URL")]
    pub join: String,
    /// The table's name on the host's wall.
    #[arg(long)]
    pub name: String,
    /// The room code, when the address has none.
    #[arg(long)]
    pub code: Option<String>,
    /// Seat a department with a strategy (as `tutti simulate --seat`); repeatable.
    #[arg(long, value_name = "DEPT=STRATEGY")]
    pub seat: Vec<SeatArg>,
    /// Plays this many times as fast as the scenario's tempo (tests and benchmarks).
    #[arg(long, default_value_t = 1.0)]
    pub speed: f64,
    /// Tables in this one process, named NAME 1 … NAME N: a load for benchmarks; prints how far
    /// apart their count-ins started.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=500))]
    pub count: u32,
    /// Gives up when the host cannot be reached for this long, seconds.
    #[arg(long, default_value_t = 600.0, value_name = "SECONDS")]
    pub give_up: f64,
}

/// Options of `tutti new`.
#[derive(Debug, Clone, clap::Args)]
pub struct NewArgs {
    /// The scenario file to write (.ron); an existing file is never overwritten.
    pub file: PathBuf,
    /// The language of its names, texts and comments.
    #[arg(long, value_parser = ["da", "en"], default_value = "da")]
    pub lang: String,
    /// How many departments (2 to 8).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u8).range(2..=8))]
    pub departments: u8,
}

/// Options of `tutti replay`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReplayArgs {
    /// The replay file (.replay).
    pub file: PathBuf,
    /// Re-simulates and checks the replay without opening a window.
    #[arg(long)]
    pub verify: bool,
    /// The window's options, for playing it back.
    #[command(flatten)]
    pub window: WindowArgs,
}

/// The window's options, shared by `play`, `replay` and `host`: its size, and scripted screenshots,
/// presses and exit for automated checks.
#[derive(Debug, Clone, clap::Args, Default)]
pub struct WindowArgs {
    /// Window size, e.g. 1280x720.
    #[arg(long, value_name = "WxH")]
    pub window: Option<String>,
    /// Saves a screenshot after SECONDS to PATH (repeatable), e.g. 5:shot.png.
    #[arg(long, value_name = "SECONDS:PATH")]
    pub screenshot: Vec<String>,
    /// Quits after SECONDS.
    #[arg(long, value_name = "SECONDS")]
    pub exit_after: Option<f64>,
    /// Presses KEY after SECONDS (repeatable), e.g. 5:P to pause: for automated checks.
    #[arg(long, value_name = "SECONDS:KEY")]
    pub press: Vec<String>,
}

/// Options of `tutti compare`.
#[derive(Debug, Clone, clap::Args)]
pub struct CompareArgs {
    /// Replay files (.replay), one column each.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// One JSON object per replay per line (the keys of `simulate --json`) instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Options of `tutti play`: FILE, or `--join URL --name NAME` to play as a table of a room
/// (the host's scenario, so no FILE).
#[derive(Debug, Clone, clap::Args, Default)]
pub struct PlayArgs {
    /// The scenario file (not with --join: a table plays the host's scenario).
    #[arg(required_unless_present = "join", conflicts_with = "join")]
    pub file: Option<PathBuf>,
    /// Plays as a table of a room: the host's address, as its screen shows it
    /// (http://HOST:PORT/?room=CODE). The lobby opens on the host's scenario once the host lets
    /// the table in; the host starts the rounds (docs/tables.md).
    #[arg(long, value_name = "URL", requires = "name")]
    pub join: Option<String>,
    /// The table's name on the host's wall (with --join).
    #[arg(long, requires = "join", conflicts_with = "file")]
    pub name: Option<String>,
    /// The room code, when the address has none (with --join).
    #[arg(long, requires = "join")]
    pub code: Option<String>,
    /// Every department played by its colleague AI: a demo for a projector.
    #[arg(long)]
    pub autoplay: bool,
    /// Phones on the local network may join on this port (the lobby shows a QR code and the room
    /// code), from start to exit; nothing reaches the internet.
    #[arg(long, value_name = "PORT")]
    pub phones: Option<u16>,
    /// On exit, prints frames per second, main-schedule time per frame, time to the first frame
    /// and peak memory.
    #[arg(long)]
    pub frame_report: bool,
    /// The window's options.
    #[command(flatten)]
    pub window: WindowArgs,
}

/// Options of `tutti simulate`.
#[derive(Debug, Clone, clap::Args)]
pub struct SimulateArgs {
    /// The scenario file.
    pub file: PathBuf,
    /// Seed of the first run (replaces the scenario's seed).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Number of runs, with seeds seed, seed+1, … (1; 20 with --rooms)
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub runs: Option<u32>,
    /// One JSON object per run per line instead of a table.
    #[arg(long)]
    pub json: bool,
    /// With --runs: every run's own table instead of one summary of them all.
    #[arg(long)]
    pub each: bool,
    /// Also renders the (first) run to a 48 kHz stereo WAV file with the game's sound and mix (a
    /// SoundFont when one is found, as in the game; `TUTTI_SOUNDFONT=` for the synthesis).
    #[arg(long, value_name = "OUT.wav")]
    pub wav: Option<std::path::PathBuf>,
    /// Writes the (first) run's `cases.csv`, `departments.csv`, `about.csv` (scenario, seed,
    /// seats, tempo, difficulty, version) and `results.xlsx` into DIR; without DIR into
    /// `results/<scenario>-<timestamp>/`.
    #[arg(long, value_name = "DIR", num_args = 0..=1)]
    #[allow(clippy::option_option)]
    pub export: Option<Option<std::path::PathBuf>>,
    /// Plays department DEPT (its id) by STRATEGY instead of its colleague (repeatable):
    /// colleague, silent, own, attentive or masher.
    #[arg(long, value_name = "DEPT=STRATEGY")]
    pub seat: Vec<SeatArg>,
    /// Tries every value of a number field of the file, by its path (repeatable; `*` for every
    /// element of a list), e.g. 'colleagues.*.follow_up=0.1,0.3,0.5': every combination is played
    /// --runs times and its means printed.
    #[arg(long, value_name = "PATH=V1,V2,…")]
    pub set: Vec<crate::scenario::sweep::Setting>,
    /// Plays the same seeds once per room (colleague, silent, own, attentive, masher: every
    /// seated department on that strategy) and prints one table of means, a row per room. Every
    /// department is seated, or only those named (comma-separated ids, e.g. service,it; the rest
    /// played by their colleagues).
    #[arg(
        long,
        value_name = "DEPT,DEPT,…",
        num_args = 0..=1,
        conflicts_with_all = ["set", "seat", "each", "wav", "export", "replay_out"]
    )]
    #[allow(clippy::option_option)]
    pub rooms: Option<Option<String>>,
    /// With one --set: draws solved but never answered, lost and the final audience against the
    /// values swept; with --rooms: the answered share and the audience, a group of bars per room;
    /// to OUT.png or OUT.svg.
    #[arg(long, value_name = "OUT.png|OUT.svg")]
    pub chart: Option<PathBuf>,
    /// Also keeps the (first) run as a replay file (see `tutti replay`).
    #[arg(long, value_name = "PATH")]
    pub replay_out: Option<PathBuf>,
}

impl SimulateArgs {
    /// The runs asked for: `--runs`, else 20 with `--rooms` and 1 without.
    pub fn runs(&self) -> u32 {
        self.runs.unwrap_or(if self.rooms.is_some() {
            crate::rounds::rooms::DEFAULT_RUNS
        } else {
            1
        })
    }
}

/// One `--seat DEPT=STRATEGY`: the department's id as written (checked against the scenario once
/// it is loaded) and its strategy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatArg {
    /// The department's id as written.
    pub dept: String,
    /// How it plays.
    pub strategy: crate::sim::Strategy,
}

impl std::str::FromStr for SeatArg {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let Some((dept, strategy)) = s.split_once('=') else {
            return Err(format!(
                "expected DEPT=STRATEGY, e.g. service=attentive; the strategies are {}",
                crate::sim::Strategy::names()
            ));
        };
        let dept = dept.trim();
        if dept.is_empty() {
            return Err("the department id before `=` is missing".to_owned());
        }
        Ok(SeatArg {
            dept: dept.to_owned(),
            strategy: strategy.parse()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_file_stands_for_play_or_replay() {
        let play = Cli::parse_from(["tutti", "my-company.ron"]).resolved();
        assert!(
            matches!(play, Some(Command::Play(a)) if a.file.as_deref() == Some(std::path::Path::new("my-company.ron")))
        );
        let replay = Cli::parse_from(["tutti", "round-1.replay"]).resolved();
        assert!(matches!(replay, Some(Command::Replay(a)) if !a.verify));
        assert!(Cli::parse_from(["tutti"]).resolved().is_none());
        let check = Cli::parse_from(["tutti", "check", "a.ron"]).resolved();
        assert!(matches!(check, Some(Command::Check { .. })));
    }

    #[test]
    fn a_table_joins_without_a_file_and_a_file_is_not_a_table() {
        let join = ["tutti", "play", "--join", "http://10.0.0.2:7878/?room=KMPT"];
        let table = Cli::try_parse_from(join.iter().chain(&["--name", "Table 3"]));
        assert!(
            matches!(table.map(Cli::resolved), Ok(Some(Command::Play(a))) if a.file.is_none() && a.name.as_deref() == Some("Table 3"))
        );
        assert!(Cli::try_parse_from(join).is_err(), "--join asks for --name");
        assert!(
            Cli::try_parse_from(["tutti", "play"]).is_err(),
            "FILE or --join"
        );
        let both = [
            "tutti",
            "play",
            "a.ron",
            "--join",
            "h:1/?room=A",
            "--name",
            "T",
        ];
        assert!(
            Cli::try_parse_from(both).is_err(),
            "a table plays the host's scenario"
        );
        assert!(Cli::try_parse_from(["tutti", "play", "a.ron", "--name", "T"]).is_err());
    }
}
