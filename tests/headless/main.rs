//! Headless tests: the rules, the scenario format, the campaign and the commands, with no window.

mod app;
mod audio;
mod clash;
mod cli;
mod compare;
mod debrief;
mod determinism;
mod errors;
mod export;
mod focus;
mod home;
mod keys;
mod levels;
mod live;
mod loader_props;
mod orchestra;
mod phone_seats;
mod replays;
mod rounds;
mod rules;
mod score;
mod seats;
mod soundfont;
mod stage;
mod support;
mod workshop;
