//! The debrief's vote with phones on: level 4 played by the colleagues to its debrief, phones in
//! the room vote "who should have made the call?", and the debrief's chart shows the facilitator
//! each option's name and votes as they come, and the phone taps late over the network; leaving
//! the debrief closes the vote.

use bevy::prelude::*;
use serde_json::Value;
use tutti::game::phones::Phones;
use tutti::game::vote::VoteTally;
use tutti::screens::vote_chart::{VoteCount, VoteName, VoteTotal};
use tutti::states::Screen;

use super::app::{app_with, finished_debrief, press, screen};
use super::phones_game::{InGame, Phone, connect, hello};

const LEVEL_4: &str = "levels/04-the-call-nobody-makes.en.ron";

/// What the chart shows: each option's name and count, in order, and its total line.
fn chart(app: &mut App) -> (Vec<(String, String)>, Vec<String>) {
    let world = app.world_mut();
    let mut names: Vec<(usize, String)> = world
        .query::<(&VoteName, &Text)>()
        .iter(world)
        .map(|(n, t)| (n.0, t.0.clone()))
        .collect();
    let mut counts: Vec<(usize, String)> = world
        .query::<(&VoteCount, &Text)>()
        .iter(world)
        .map(|(c, t)| (c.0, t.0.clone()))
        .collect();
    names.sort();
    counts.sort();
    let rows = names
        .into_iter()
        .zip(counts)
        .map(|((_, n), (_, c))| (n, c))
        .collect();
    let totals = world
        .query_filtered::<&Text, With<VoteTotal>>()
        .iter(world)
        .map(|t| t.0.clone())
        .collect();
    (rows, totals)
}

fn all_text(app: &mut App) -> Vec<String> {
    let world = app.world_mut();
    world
        .query::<&Text>()
        .iter(world)
        .map(|t| t.0.clone())
        .collect()
}

/// The index of the option named `name` in a vote message.
fn option(vote: &Value, name: &str) -> usize {
    vote["options"]
        .as_array()
        .unwrap()
        .iter()
        .position(|o| o["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {vote}"))
}

#[test]
fn phones_vote_on_the_debrief_and_the_chart_counts_them() {
    let mut app = app_with(LEVEL_4, true, 50, |app| {
        let phones = Phones::start_on("127.0.0.1:0".parse().unwrap(), "en").unwrap();
        app.insert_resource(phones);
    });
    let mut phones: Vec<Phone> = (0..3).map(|_| connect(&app)).collect();
    for p in &mut phones {
        hello(&mut app, p, None);
    }
    // A connection that never said hello.
    let mut stranger = connect(&app);
    for i in 0..30_000 {
        if screen(&app) == Screen::Debrief {
            break;
        }
        app.update();
        // Two taps that came late over the network in this performance.
        if screen(&app) == Screen::Playing {
            app.world_mut().resource_mut::<Phones>().late_network = 2;
        }
        if i % 50 == 0 {
            phones.iter_mut().for_each(|p| drop(p.drain()));
        }
    }
    assert_eq!(screen(&app), Screen::Debrief);
    let asked = {
        let d = &finished_debrief(&app);
        let perf = app
            .world()
            .resource::<tutti::game::performance::Performance>();
        d.call_in_question(perf.scenario()).unwrap()
    };
    let votes: Vec<Value> = phones
        .iter_mut()
        .map(|p| p.wait(&mut app, "vote"))
        .collect();
    let vote = &votes[0];
    assert_eq!(vote["call"], asked.step_name.as_str(), "{vote}");
    assert_eq!(vote["chosen"], Value::Null);
    let names: Vec<&str> = vote["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), asked.could_take.len() + 1, "{vote}");
    assert_eq!(names.last(), Some(&"Nobody's job"));
    assert_eq!(vote["options"][names.len() - 1]["dept"], Value::Null);
    let (first, second) = (names[0].to_owned(), names[1].to_owned());
    let nobody = names.len() - 1;

    // One vote each; the second phone changes its mind; refused votes change nothing.
    let (a, b) = (option(vote, &first), option(vote, &second));
    stranger.send(&format!(r#"{{"type":"vote","option":{a}}}"#));
    phones[0].send(&format!(r#"{{"type":"vote","option":{a}}}"#));
    phones[1].send(&format!(r#"{{"type":"vote","option":{a}}}"#));
    assert_eq!(phones[1].wait(&mut app, "voted")["option"], a);
    phones[1].send(&format!(r#"{{"type":"vote","option":{b}}}"#));
    assert_eq!(phones[1].wait(&mut app, "voted")["option"], b);
    phones[2].send(r#"{"type":"vote","option":99}"#);
    assert_eq!(phones[2].wait(&mut app, "refused")["reason"], "vote_option");
    phones[2].send(&format!(r#"{{"type":"vote","option":{nobody}}}"#));
    phones[2].wait(&mut app, "voted");
    phones[0].wait(&mut app, "voted");
    for _ in 0..5 {
        app.update();
    }
    let (rows, totals) = chart(&mut app);
    let glyphed = |name: &str| rows.iter().find(|(n, _)| n.ends_with(name)).cloned();
    assert_eq!(rows.len(), names.len(), "{rows:?}");
    assert_eq!(
        glyphed(&first).map(|r| r.1),
        Some("1".to_owned()),
        "{rows:?}"
    );
    assert_eq!(
        glyphed(&second).map(|r| r.1),
        Some("1".to_owned()),
        "{rows:?}"
    );
    assert_eq!(glyphed("Nobody's job").map(|r| r.1), Some("1".to_owned()));
    assert_eq!(totals, ["3 votes"]);
    let title = format!(
        "Who should have given the customer the answer? “{}” ({})",
        asked.step_name, asked.case_name
    );
    let shown = all_text(&mut app);
    assert!(shown.contains(&title), "{title}");
    let late = "2 phone taps came late over the network (not counted).";
    assert!(shown.iter().any(|t| t == late), "{shown:#?}");
    let tally = app.world().resource::<VoteTally>();
    let counts: Vec<u32> = tally.options.iter().map(|o| o.count).collect();
    assert_eq!(counts.iter().sum::<u32>(), 3, "{counts:?}");

    // Leaving the debrief closes the vote: the phones are told, later votes change nothing.
    press(&mut app, KeyCode::Escape);
    assert_ne!(screen(&app), Screen::Debrief);
    phones[0].wait(&mut app, "vote_closed");
    phones[0].send(&format!(r#"{{"type":"vote","option":{nobody}}}"#));
    assert_eq!(phones[0].wait(&mut app, "refused")["reason"], "vote_closed");
    let closed = app
        .world()
        .resource::<Phones>()
        .server()
        .vote_counts()
        .unwrap();
    assert_eq!(closed.counts.iter().sum::<u32>(), 3);
    assert!(!closed.open);
}
