//! The debrief's vote over WebSockets: phones see the question when it opens (and when they join
//! while it is open), vote once each and may change their vote; votes from a connection that never
//! joined, for no option, or when no vote is open change nothing; closing tells every phone.

use tutti::phones::{VoteOption, VoteQuestion};

use super::phone::Phone;
use super::server;

pub(crate) fn question(id: u64) -> VoteQuestion {
    let option = |dept: Option<usize>, name: &str| VoteOption {
        dept,
        name: name.into(),
        colour: "#aa3355".into(),
        shape: "circle".into(),
    };
    VoteQuestion {
        id,
        question: "Who should have given the customer the answer?".into(),
        call: "Call the customer back".into(),
        case: "Wrong bill".into(),
        options: vec![
            option(Some(0), "Customer service"),
            option(Some(2), "IT"),
            option(None, "Nobody's job"),
        ],
    }
}

/// The server's counts now (they change as the phones' messages are read).
fn counts_after(s: &tutti::phones::PhoneServer, want: &[u32]) -> Vec<u32> {
    let end = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let counts = s.vote_counts().map(|c| c.counts).unwrap_or_default();
        if counts == want || std::time::Instant::now() > end {
            return counts;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[test]
fn phones_vote_once_each_may_change_and_refusals_change_nothing() {
    let s = server(3);
    let code = s.code().to_string();
    let mut a = Phone::connect(s.addr());
    let mut b = Phone::connect(s.addr());
    let mut c = Phone::connect(s.addr());
    let mut stranger = Phone::connect(s.addr());
    a.hello(&code, "Ann", None);
    b.hello(&code, "Bo", None);
    c.hello(&code, "Cy", None);
    // Nothing open yet.
    a.send(r#"{"type":"vote","option":0}"#);
    assert_eq!(a.expect("refused")["reason"], "vote_closed");
    assert_eq!(s.vote_counts(), None);

    s.open_vote(question(1));
    for p in [&mut a, &mut b, &mut c] {
        let vote = p.expect("vote");
        assert_eq!(vote["call"], "Call the customer back");
        assert_eq!(vote["options"][1]["name"], "IT");
        assert_eq!(vote["options"][2]["dept"], serde_json::Value::Null);
        assert_eq!(vote["chosen"], serde_json::Value::Null);
    }
    stranger.send(r#"{"type":"vote","option":1}"#);
    a.send(r#"{"type":"vote","option":1}"#);
    assert_eq!(a.expect("voted")["option"], 1);
    b.send(r#"{"type":"vote","option":1}"#);
    b.expect("voted");
    b.send(r#"{"type":"vote","option":2}"#);
    assert_eq!(b.expect("voted")["option"], 2);
    c.send(r#"{"type":"vote","option":3}"#);
    assert_eq!(c.expect("refused")["reason"], "vote_option");
    c.send(r#"{"type":"vote","option":-1}"#);
    c.send(r#"{"type":"vote","option":0}"#);
    c.expect("voted");
    assert_eq!(counts_after(&s, &[1, 1, 1]), [1, 1, 1]);

    // A phone joining while the vote is open sees it; one coming back sees its own choice.
    let mut late = Phone::connect(s.addr());
    late.hello(&code, "Di", None);
    assert_eq!(late.expect("vote")["chosen"], serde_json::Value::Null);

    s.close_vote();
    for p in [&mut a, &mut b, &mut c, &mut late] {
        p.expect("vote_closed");
    }
    a.send(r#"{"type":"vote","option":0}"#);
    assert_eq!(a.expect("refused")["reason"], "vote_closed");
    let closed = s.vote_counts().unwrap();
    assert_eq!((closed.counts, closed.open), (vec![1, 1, 1], false));

    // The same debrief again: the votes stand and each phone is shown its own.
    s.open_vote(question(1));
    assert_eq!(a.expect("vote")["chosen"], 1);
    assert_eq!(b.expect("vote")["chosen"], 2);
    // The next performance's vote starts from none.
    s.open_vote(question(2));
    let next = a.expect("vote");
    assert_eq!(
        (&next["id"], &next["chosen"]),
        (&2.into(), &serde_json::Value::Null)
    );
    assert_eq!(s.vote_counts().unwrap().counts, [0, 0, 0]);
}
