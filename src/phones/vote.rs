//! The debrief's vote: one question put to every phone in the room ("who should have made the
//! call?"), its options (the departments that could have taken the call, and nobody's job), and
//! each phone's choice: one a phone, which it may change while the vote is open.

use std::collections::BTreeMap;

use super::protocol::{MAX_MESSAGE_BYTES, PhoneId, ServerMsg, VoteOption, to_text};

/// A question put to the room.
#[derive(Debug, Clone, PartialEq)]
pub struct VoteQuestion {
    /// Which vote this is (the game uses its performance's serial): a vote opened again with the
    /// same id keeps its choices.
    pub id: u64,
    /// The question in words ("Who should have given the patient the news?").
    pub question: String,
    /// The call asked about, as "Between the chairs" names it (its label).
    pub call: String,
    /// Its case's name (the customer).
    pub case: String,
    /// The options, in order.
    pub options: Vec<VoteOption>,
}

/// Why a vote was refused (it changes nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteRefusal {
    /// No vote is open.
    Closed,
    /// No such option.
    Option,
}

impl VoteRefusal {
    /// The reason as the phone reads it.
    pub fn reason(self) -> &'static str {
        match self {
            VoteRefusal::Closed => "vote_closed",
            VoteRefusal::Option => "vote_option",
        }
    }
}

/// The counts of a vote, an entry per option in the question's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteCounts {
    /// The vote's id.
    pub id: u64,
    /// The votes for each option.
    pub counts: Vec<u32>,
    /// Whether it is still open.
    pub open: bool,
}

/// A vote in the room: its question, whether it is open, and each phone's choice.
#[derive(Debug, Clone)]
pub(crate) struct Ballot {
    question: VoteQuestion,
    open: bool,
    choices: BTreeMap<PhoneId, usize>,
}

impl Ballot {
    /// A fresh, open vote on `question` (its texts shortened so its message fits).
    pub fn new(question: VoteQuestion) -> Ballot {
        Ballot {
            question: fit(question),
            open: true,
            choices: BTreeMap::new(),
        }
    }

    /// The question as the phones get it.
    pub fn question(&self) -> &VoteQuestion {
        &self.question
    }

    /// Whether phones may vote.
    pub(crate) fn is_open(&self) -> bool {
        self.open
    }

    /// Opens or closes the vote (the choices stay).
    pub(crate) fn set_open(&mut self, open: bool) {
        self.open = open;
    }

    /// `phone` chooses `option` (again, or instead of its earlier choice).
    pub fn cast(&mut self, phone: PhoneId, option: usize) -> Result<(), VoteRefusal> {
        if !self.open {
            return Err(VoteRefusal::Closed);
        }
        if option >= self.question.options.len() {
            return Err(VoteRefusal::Option);
        }
        self.choices.insert(phone, option);
        Ok(())
    }

    /// `phone`'s choice, if it voted.
    pub fn choice(&self, phone: PhoneId) -> Option<usize> {
        self.choices.get(&phone).copied()
    }

    /// The votes for each option.
    pub fn counts(&self) -> VoteCounts {
        let mut counts = vec![0; self.question.options.len()];
        for &o in self.choices.values() {
            counts[o] += 1;
        }
        VoteCounts {
            id: self.question.id,
            counts,
            open: self.open,
        }
    }

    /// The message that shows `phone` the vote, with its choice.
    pub fn message(&self, phone: PhoneId) -> ServerMsg {
        message_of(&self.question, self.choice(phone))
    }
}

fn message_of(q: &VoteQuestion, chosen: Option<usize>) -> ServerMsg {
    ServerMsg::Vote {
        id: q.id,
        question: q.question.clone(),
        call: q.call.clone(),
        case: q.case.clone(),
        options: q.options.clone(),
        chosen,
    }
}

/// At most `n` characters of `text`, an ellipsis ending one that was cut.
fn cut(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(n.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// `q` with its names and texts shortened until its message, with any choice, fits in
/// [`MAX_MESSAGE_BYTES`]. The options are never dropped.
fn fit(mut q: VoteQuestion) -> VoteQuestion {
    let fits = |q: &VoteQuestion| {
        [None, Some(q.options.len())]
            .into_iter()
            .all(|chosen| to_text(&message_of(q, chosen)).len() <= MAX_MESSAGE_BYTES)
    };
    let mut n = 60;
    while !fits(&q) && n > 2 {
        n -= 2;
        q.call = cut(&q.call, n * 2);
        q.case = cut(&q.case, n);
        for o in &mut q.options {
            o.name = cut(&o.name, n);
            o.colour = cut(&o.colour, 7);
            o.shape = cut(&o.shape, 10);
        }
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(id: u64, n: usize) -> VoteQuestion {
        VoteQuestion {
            id,
            question: String::new(),
            call: "Call the customer back".into(),
            case: "Wrong bill".into(),
            options: (0..n)
                .map(|d| VoteOption {
                    dept: Some(d),
                    name: format!("D{d}"),
                    colour: "#112233".into(),
                    shape: "circle".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn one_vote_a_phone_which_it_may_change() {
        let mut b = Ballot::new(question(1, 3));
        assert_eq!(b.cast(PhoneId(0), 1), Ok(()));
        assert_eq!(b.cast(PhoneId(1), 1), Ok(()));
        assert_eq!(b.counts().counts, vec![0, 2, 0]);
        assert_eq!(b.cast(PhoneId(1), 2), Ok(()));
        assert_eq!(b.counts().counts, vec![0, 1, 1]);
        assert_eq!(b.choice(PhoneId(1)), Some(2));
        assert_eq!(b.cast(PhoneId(2), 3), Err(VoteRefusal::Option));
        b.set_open(false);
        assert_eq!(b.cast(PhoneId(0), 0), Err(VoteRefusal::Closed));
        let counts = b.counts();
        assert_eq!((counts.counts, counts.open), (vec![0, 1, 1], false));
    }

    #[test]
    fn a_vote_of_seventeen_long_names_fits_in_a_message() {
        let mut q = question(7, 16);
        for o in &mut q.options {
            o.name = "Kundeservice og økonomi, afdeling ✓".repeat(4);
        }
        q.options.push(VoteOption {
            dept: None,
            name: "Ingens opgave".into(),
            colour: crate::phones::NEUTRAL_COLOUR.into(),
            shape: "none".into(),
        });
        q.call = "Ring kunden op ".repeat(40);
        let mut b = Ballot::new(q);
        let text = to_text(&b.message(PhoneId(0)));
        assert!(text.len() <= MAX_MESSAGE_BYTES, "{}", text.len());
        b.cast(PhoneId(0), 16).unwrap();
        let text = to_text(&b.message(PhoneId(0)));
        assert!(text.len() <= MAX_MESSAGE_BYTES, "{}", text.len());
        assert_eq!(b.question().options.len(), 17);
        assert!(b.question().options[0].name.ends_with('…'));
        assert_eq!(b.question().options[16].name, "Ingens opgave");
        // A short question is sent as it is.
        assert_eq!(Ballot::new(question(1, 3)).question(), &question(1, 3));
    }
}
