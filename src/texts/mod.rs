//! Every text of the game in Danish and English, from Fluent files under `assets/locales/`, with
//! the scenario's own words for the one who waits ([`crate::scenario::Words`]). Knows nothing of
//! Bevy: the command line's tables speak with it as the window does (through
//! `crate::ui::i18n::Texts`).

pub mod walk_out;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use serde::{Deserialize, Serialize};

use crate::scenario::Words;

/// Interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Danish.
    Da,
}

impl Lang {
    /// The language of a scenario's `language` field (`"da"` or `"en"`).
    pub(crate) fn of_code(code: &str) -> Lang {
        if code == "da" { Lang::Da } else { Lang::En }
    }

    /// The language of a system locale such as `da_DK.UTF-8`: Danish for `da*`, else English.
    pub(crate) fn of_locale(locale: &str) -> Lang {
        if locale.trim().to_ascii_lowercase().starts_with("da") {
            Lang::Da
        } else {
            Lang::En
        }
    }

    /// The code a scenario's `language` field uses.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Da => "da",
        }
    }
}

const EN: &str = include_str!("../../assets/locales/en/main.ftl");
const DA: &str = include_str!("../../assets/locales/da/main.ftl");

/// The texts of both languages and the one in use.
pub struct Texts {
    en: FluentBundle<FluentResource>,
    da: FluentBundle<FluentResource>,
    /// The language in use (follows the settings).
    pub lang: Lang,
    /// The scenario's own words for the one who waits, the answer and the audience, with their
    /// forms as the texts name them, while the interface speaks the scenario's language; `None`:
    /// the language's own.
    words: Option<(Words, Forms)>,
    /// Each language's own words as the texts name them, made once.
    own_forms: [Forms; 2],
}

/// The words' forms as the texts name them ([`Words::forms`]).
type Forms = [(&'static str, String); 12];

fn bundle(lang: &str, source: &str) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, _)| r);
    let _ = bundle.add_resource(resource);
    bundle
}

impl Default for Texts {
    fn default() -> Self {
        Texts {
            en: bundle("en", EN),
            da: bundle("da", DA),
            lang: Lang::En,
            words: None,
            own_forms: [
                Words::of_language("en").forms(),
                Words::of_language("da").forms(),
            ],
        }
    }
}

impl Texts {
    fn current(&self) -> &FluentBundle<FluentResource> {
        match self.lang {
            Lang::En => &self.en,
            Lang::Da => &self.da,
        }
    }

    /// The texts in `lang`, with the language's own words.
    pub fn in_lang(lang: Lang) -> Texts {
        Texts {
            lang,
            ..Texts::default()
        }
    }

    /// The texts in `lang` with a scenario's `words` (used only where `lang` is the scenario's
    /// language, whose words they are): for what is written outside the window, such as
    /// `simulate`'s tables and the exports.
    pub fn for_scenario(lang: Lang, scenario: &crate::scenario::Scenario) -> Texts {
        let mut texts = Texts {
            lang,
            ..Texts::default()
        };
        texts.use_words_of(scenario);
        texts
    }

    /// Speaks of the one who waits with `scenario`'s words while the interface speaks its
    /// language, else with the language's own.
    pub(crate) fn use_words_of(&mut self, scenario: &crate::scenario::Scenario) {
        let wanted = (Lang::of_code(&scenario.language) == self.lang).then_some(&scenario.words);
        if self.words.as_ref().map(|(w, _)| w) != wanted {
            self.words = wanted.map(|w| (w.clone(), w.forms()));
        }
    }

    /// Back to the language's own words (no scenario is shown).
    pub(crate) fn forget_words(&mut self) {
        self.words = None;
    }

    /// Whether a scenario's words are in use.
    pub(crate) fn has_scenario_words(&self) -> bool {
        self.words.is_some()
    }

    /// The words in use: the scenario's, or the language's own.
    pub fn words(&self) -> Words {
        self.words
            .as_ref()
            .map_or_else(|| Words::of_language(self.lang.code()), |(w, _)| w.clone())
    }

    /// The forms of the words in use, as the texts name them.
    fn forms(&self) -> &Forms {
        match (&self.words, self.lang) {
            (Some((_, forms)), _) => forms,
            (None, Lang::En) => &self.own_forms[0],
            (None, Lang::Da) => &self.own_forms[1],
        }
    }

    /// The text for `key` in the current language (the key itself if missing).
    pub fn t(&self, key: &str) -> String {
        self.t_args(key, &[])
    }

    /// The text for `key` with arguments, e.g. `[("n", 3.into())]`. Every text may also use the
    /// words for the one who waits (`$one`, `$One`, `$the_many`, `$answer`, `$audience`, …: see
    /// [`Words::forms`]).
    pub fn t_args(&self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut a = FluentArgs::new();
        for (k, v) in self.forms() {
            a.set(*k, v.as_str());
        }
        for (k, v) in args {
            a.set(*k, v.clone());
        }
        self.format(key, Some(&a))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs>) -> String {
        let bundle = self.current();
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }

    /// True when both languages define `key`.
    pub fn has(&self, key: &str) -> bool {
        self.en.has_message(key) && self.da.has_message(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(src: &str) -> Vec<&str> {
        src.lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
            .filter(|k| !k.starts_with('#') && !k.is_empty() && !k.starts_with(' '))
            .collect()
    }

    #[test]
    fn every_text_exists_in_both_languages() {
        let en = keys(EN);
        let da = keys(DA);
        assert!(en.len() > 40);
        for k in &en {
            assert!(da.contains(k), "{k} missing in Danish");
        }
        for k in &da {
            assert!(en.contains(k), "{k} missing in English");
        }
    }

    #[test]
    fn texts_follow_the_language() {
        let mut t = Texts::default();
        assert_eq!(t.t("menu-play"), "Play");
        t.lang = Lang::Da;
        assert_eq!(t.t("menu-play"), "Spil");
        assert_eq!(
            t.t_args("lobby-tempo", &[("pct", 80.into())]),
            "Tempo: 80 %"
        );
    }
}
