//! Why the audience walked out, in words: one sentence from a debrief's [`WalkOut`], in either
//! language, for the debrief screen, `tutti simulate`'s table and `session.csv`.

use fluent_bundle::FluentValue;

use crate::sim::{Cause, CauseCost, WalkOut};

use super::{Lang, Texts};

/// "The audience walked out in bar 9: 140 presses that played nothing cost 70; …", the causes
/// in the order given (the biggest cost first), in `texts`' language.
pub(crate) fn walk_out_sentence(texts: &Texts, w: &WalkOut) -> String {
    let bar = ("bar", FluentValue::from(w.bar));
    if w.causes.is_empty() {
        return texts.t_args("walkout-why-none", &[bar]);
    }
    let causes: Vec<String> = w.causes.iter().map(|c| cause_words(texts, c)).collect();
    texts.t_args("walkout-why", &[bar, ("causes", causes.join("; ").into())])
}

/// `walk_out_sentence` in `lang`, whatever the interface's language.
pub fn walk_out_sentence_in(lang: Lang, w: &WalkOut) -> String {
    let texts = Texts::in_lang(lang);
    walk_out_sentence(&texts, w)
}

/// One cause and its cost: "3 dropped notes cost 24 (2 of them missed by pressing too early)".
fn cause_words(texts: &Texts, c: &CauseCost) -> String {
    let key = match c.cause {
        Cause::Stray => "walkout-stray",
        Cause::Discord if c.too_early == 0 => "walkout-discord",
        Cause::Discord if c.too_early >= c.count => "walkout-discord-all-early",
        Cause::Discord => "walkout-discord-early",
        Cause::Lost => "walkout-lost",
        Cause::Waiting => "walkout-waiting",
        Cause::DoubleWork => "walkout-double-work",
        // Rewards: they never cost anything in a scenario that loads.
        Cause::Reply | Cause::Harmony => "walkout-other",
    };
    texts.t_args(
        key,
        &[
            ("n", c.count.into()),
            ("early", c.too_early.into()),
            ("cost", points(c.cost, texts.lang).into()),
        ],
    )
}

/// A cost in points as the meter shows them: whole points without decimals, else one decimal
/// (a decimal comma in Danish).
fn points(cost: f64, lang: Lang) -> String {
    let tenths = (cost * 10.0).round();
    let text = if tenths % 10.0 == 0.0 {
        format!("{}", tenths / 10.0)
    } else {
        format!("{:.1}", tenths / 10.0)
    };
    match lang {
        Lang::En => text,
        Lang::Da => text.replace('.', ","),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cause(cause: Cause, count: u32, cost: f64, too_early: u32) -> CauseCost {
        CauseCost {
            cause,
            count,
            cost,
            too_early,
        }
    }

    fn example() -> WalkOut {
        WalkOut {
            bar: 9,
            causes: vec![
                cause(Cause::Stray, 140, 70.0, 0),
                cause(Cause::Lost, 2, 24.0, 0),
                cause(Cause::Discord, 3, 12.0, 2),
                cause(Cause::Waiting, 3, 0.75, 0),
            ],
        }
    }

    #[test]
    fn the_sentence_lists_the_causes_with_their_costs_in_english() {
        assert_eq!(
            walk_out_sentence_in(Lang::En, &example()),
            "The audience walked out in bar 9: 140 presses that played nothing cost 70; \
             2 customers who gave up cost 24; 3 dropped notes cost 12 (2 of them missed by \
             pressing too early); 3 customers who waited too long cost 0.8."
        );
    }

    #[test]
    fn the_sentence_lists_the_causes_with_their_costs_in_danish() {
        assert_eq!(
            walk_out_sentence_in(Lang::Da, &example()),
            "Publikum forlod salen i takt 9: 140 fejltryk kostede 70; 2 kunder, der gav op, \
             kostede 24; 3 noder, der faldt på gulvet, kostede 12 (heraf 2, fordi der blev \
             trykket for tidligt); 3 kunder, der ventede for længe, kostede 0,8."
        );
    }

    #[test]
    fn one_of_a_kind_is_singular_and_all_too_early_says_so() {
        let w = WalkOut {
            bar: 2,
            causes: vec![
                cause(Cause::Stray, 1, 1.5, 0),
                cause(Cause::Discord, 1, 4.0, 1),
                cause(Cause::DoubleWork, 1, 1.0, 0),
            ],
        };
        assert_eq!(
            walk_out_sentence_in(Lang::En, &w),
            "The audience walked out in bar 2: 1 press that played nothing cost 1.5; \
             1 dropped note cost 4 (missed by pressing too early); 1 note played twice cost 1."
        );
        assert_eq!(
            walk_out_sentence_in(Lang::Da, &w),
            "Publikum forlod salen i takt 2: 1 fejltryk kostede 1,5; 1 node, der faldt på \
             gulvet, kostede 4 (fordi der blev trykket for tidligt); 1 node med dobbeltarbejde \
             kostede 1."
        );
        let all = WalkOut {
            bar: 5,
            causes: vec![cause(Cause::Discord, 3, 12.0, 3)],
        };
        assert_eq!(
            walk_out_sentence_in(Lang::En, &all),
            "The audience walked out in bar 5: 3 dropped notes cost 12 (all missed by pressing \
             too early)."
        );
        assert_eq!(
            walk_out_sentence_in(Lang::Da, &all),
            "Publikum forlod salen i takt 5: 3 noder, der faldt på gulvet, kostede 12 (alle, \
             fordi der blev trykket for tidligt)."
        );
    }
}
