//! The organisation's words: what a scenario calls the one who waits (a customer, a patient, a
//! borger), the answer they wait for and the audience as a whole. Every text of the game that
//! speaks of them uses these words, in the scenario's language; a file without a `words` section
//! gets the language's own ("customer", "kunde").
//!
//! ```ron
//! words: Words(one: "patient", many: "patients", answer: "the news", audience: "the ward"),
//! ```
//!
//! English makes its definite forms with "the"; Danish writes them out (`the_one: "borgeren"`,
//! `the_many: "borgerne"`), because no rule finds them (see `docs/glossary.md`).

use serde::Deserialize;

/// The `words` section as written: every field optional.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename = "Words")]
pub(crate) struct WordsFile {
    /// The one who waits: "customer", "patient", "borger".
    #[serde(default)]
    pub one: Option<String>,
    /// Several of them: "customers", "patients", "borgere".
    #[serde(default)]
    pub many: Option<String>,
    /// The definite singular: "the patient", "borgeren".
    #[serde(default)]
    pub the_one: Option<String>,
    /// The definite plural: "the patients", "borgerne".
    #[serde(default)]
    pub the_many: Option<String>,
    /// What they wait for, definite: "the answer", "the news", "afgørelsen".
    #[serde(default)]
    pub answer: Option<String>,
    /// Everyone in the hall, definite: "the audience", "the ward", "publikum".
    #[serde(default)]
    pub audience: Option<String>,
}

/// The words a scenario speaks of the one who waits with, every form written out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    /// "customer"
    pub one: String,
    /// "customers"
    pub many: String,
    /// "the customer"
    pub the_one: String,
    /// "the customers"
    pub the_many: String,
    /// "the answer"
    pub answer: String,
    /// "the audience"
    pub audience: String,
}

impl Words {
    /// The words of a language (`"da"` or anything else for English) when a file names none.
    pub fn of_language(language: &str) -> Words {
        let w = |s: &str| s.to_owned();
        if language == "da" {
            Words {
                one: w("kunde"),
                many: w("kunder"),
                the_one: w("kunden"),
                the_many: w("kunderne"),
                answer: w("svaret"),
                audience: w("publikum"),
            }
        } else {
            Words {
                one: w("customer"),
                many: w("customers"),
                the_one: w("the customer"),
                the_many: w("the customers"),
                answer: w("the answer"),
                audience: w("the audience"),
            }
        }
    }

    /// The words as written in a file of `language`, the language's own where it names none.
    pub(crate) fn resolve(file: &WordsFile, language: &str) -> Words {
        let mut w = Words::of_language(language);
        let english = language != "da";
        if let Some(one) = &file.one {
            w.one.clone_from(one);
            if english {
                w.the_one = format!("the {one}");
            }
        }
        if let Some(many) = &file.many {
            w.many.clone_from(many);
            if english {
                w.the_many = format!("the {many}");
            }
        }
        let set = |slot: &mut String, v: &Option<String>| {
            if let Some(v) = v {
                slot.clone_from(v);
            }
        };
        set(&mut w.the_one, &file.the_one);
        set(&mut w.the_many, &file.the_many);
        set(&mut w.answer, &file.answer);
        set(&mut w.audience, &file.audience);
        w
    }

    /// Each word by the name a text uses for it, lower case and with a capital first letter
    /// (`one`, `One`, `the_one`, `The_one`, …), for the interface's texts.
    pub fn forms(&self) -> [(&'static str, String); 12] {
        [
            ("one", self.one.clone()),
            ("One", capitalised(&self.one)),
            ("many", self.many.clone()),
            ("Many", capitalised(&self.many)),
            ("the_one", self.the_one.clone()),
            ("The_one", capitalised(&self.the_one)),
            ("the_many", self.the_many.clone()),
            ("The_many", capitalised(&self.the_many)),
            ("answer", self.answer.clone()),
            ("Answer", capitalised(&self.answer)),
            ("audience", self.audience.clone()),
            ("Audience", capitalised(&self.audience)),
        ]
    }
}

/// `text` with a capital first letter ("patienten" → "Patienten", "æblet" → "Æblet").
pub(crate) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// `name`'s possessive, for a department's name in either language: English "Finance's", "Ward
/// nurses'"; Danish "Økonomis", "IT's" (an abbreviation), "Jens'" (after s, x or z).
pub fn possessive(name: &str, language: &str) -> String {
    let last = name.chars().last().unwrap_or(' ');
    let hissing = matches!(last.to_ascii_lowercase(), 's' | 'x' | 'z');
    if language == "da" {
        let abbreviation = name.chars().count() > 1
            && name.chars().all(|c| c.is_uppercase() || !c.is_alphabetic());
        if hissing {
            format!("{name}'")
        } else if abbreviation {
            format!("{name}'s")
        } else {
            format!("{name}s")
        }
    } else if last == 's' || last == 'S' {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// The longest a word may be: it stands in sentences on the stage and the phones.
const MAX_WORD_CHARS: usize = 40;

/// Problems with the words written in a file of `language`: (field, message) pairs.
pub(crate) fn problems(file: &WordsFile, language: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let fields = [
        ("one", &file.one),
        ("many", &file.many),
        ("the_one", &file.the_one),
        ("the_many", &file.the_many),
        ("answer", &file.answer),
        ("audience", &file.audience),
    ];
    for (name, value) in fields {
        let Some(v) = value else { continue };
        if v.trim().is_empty() {
            out.push((name, "must not be empty".to_owned()));
        } else if v.chars().count() > MAX_WORD_CHARS {
            out.push((name, format!("is longer than {MAX_WORD_CHARS} characters")));
        } else if v.contains(['\n', '\r']) {
            out.push((name, "must be on one line".to_owned()));
        }
    }
    if language == "da" {
        let pairs = [
            ("one", &file.one, "the_one", &file.the_one, "borgeren"),
            ("many", &file.many, "the_many", &file.the_many, "borgerne"),
        ];
        for (plain, given, definite, written, example) in pairs {
            if given.is_some() && written.is_none() {
                out.push((
                    plain,
                    format!(
                        "a Danish file writes the definite form too: add `{definite}: \
                         \"{example}\"` (or the form of your word) beside `{plain}`"
                    ),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(one: &str, many: &str) -> WordsFile {
        WordsFile {
            one: Some(one.to_owned()),
            many: Some(many.to_owned()),
            ..WordsFile::default()
        }
    }

    #[test]
    fn english_makes_its_definite_forms_with_the() {
        let w = Words::resolve(&file("patient", "patients"), "en");
        assert_eq!(
            (w.the_one.as_str(), w.the_many.as_str()),
            ("the patient", "the patients")
        );
        assert_eq!(
            w.answer, "the answer",
            "what is not written keeps the default"
        );
    }

    #[test]
    fn danish_asks_for_its_definite_forms() {
        let p = problems(&file("borger", "borgere"), "da");
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].1.contains("`the_one: \"borgeren\"`"), "{p:?}");
        let mut written = file("borger", "borgere");
        written.the_one = Some("borgeren".into());
        written.the_many = Some("borgerne".into());
        assert!(problems(&written, "da").is_empty());
        let w = Words::resolve(&written, "da");
        assert_eq!(w.the_many, "borgerne");
        assert_eq!(w.audience, "publikum");
    }

    #[test]
    fn possessives_follow_each_language() {
        assert_eq!(possessive("Finance", "en"), "Finance's");
        assert_eq!(possessive("Ward nurses", "en"), "Ward nurses'");
        assert_eq!(possessive("Økonomi", "da"), "Økonomis");
        assert_eq!(possessive("IT", "da"), "IT's");
        assert_eq!(possessive("Salg", "da"), "Salgs");
        assert_eq!(
            possessive("Hjemmeplejens visitationsteams", "da"),
            "Hjemmeplejens visitationsteams'"
        );
        assert_eq!(capitalised("æblet"), "Æblet");
    }
}
