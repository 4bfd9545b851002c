//! Headless tests: the rules, the scenario format, the campaign and the commands, with no window.

mod app;
mod audio;
mod buttons;
mod clash;
mod cli;
mod compare;
mod debrief;
mod determinism;
mod docs;
mod errors;
mod export;
mod first_piece;
mod focus;
mod font_subset;
mod guides;
mod home;
mod host;
mod keys;
mod lesson;
mod levels;
mod live;
mod loader_props;
mod logs;
mod names;
mod orchestra;
// The test phone the phones' tests use too (each binary uses part of it).
#[allow(dead_code)]
#[path = "../common/phone.rs"]
mod phone;
mod phone_seats;
mod phones_game;
mod phones_vote;
mod replays;
mod rooms;
mod rounds;
mod rules;
mod score;
mod seats;
mod soundfont;
mod stage;
mod support;
mod table_game;
mod walkout;
mod words;
mod workshop;
