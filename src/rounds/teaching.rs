//! What `tutti check` says when a scenario will not teach: warnings (the file is still ok), each
//! with its figures and what to change, in the scenario's own language. Four things are looked
//! at:
//!
//! - a room that plays only its own part (every department seated `own`) that does not see the
//!   end of the piece: the audience walks out in more than half of [`RUNS`] runs;
//! - pressing on every beat (`masher`) that ends within [`MASHER_MARGIN`] of listening
//!   (`attentive`): mashing is nearly as good as listening; a first contact (a file with
//!   `teaches_gaps: false` and `stray_penalty: 0`, as chapter 1) says on purpose that a press
//!   that plays nothing costs nothing, and is not asked this;
//! - nothing that can fall between two chairs: no `Gap` step, or only gaps whose chairs are all
//!   colleagues that always take them (`initiative: 1`); a file with `teaches_gaps: false` is
//!   not asked this;
//! - a stage that stays empty for long: the first customer after bar [`LAST_FIRST_BAR`].
//!
//! The rooms are played with the seeds from the scenario's own seed on, and each stops as soon as
//! its answer is sure, so checking the whole campaign stays quick.

use crate::scenario::{Arrivals, Owner, Scenario, TemplateId};
use crate::sim::{Strategy, may_pick_up};

use super::rooms::{RoomPlan, RoomTally, play_room_while};

/// Runs per room played to judge a file.
const RUNS: u32 = 20;

/// How close (in audience points) the masher's mean final audience may come to the attentive
/// room's before mashing counts as nearly as good as listening.
const MASHER_MARGIN: f64 = 30.0;

/// The last bar the first customer may arrive in without a warning.
const LAST_FIRST_BAR: u32 = 4;

/// The word before a warning on `check`'s line (`FILE: warning: …`), in the scenario's language.
pub(crate) fn warning_word(s: &Scenario) -> &'static str {
    if danish(s) { "advarsel" } else { "warning" }
}

/// Every teaching warning for `s`, in its language: the quick ones first, then those the rooms
/// tell.
pub fn teaching_warnings(s: &Scenario) -> Vec<String> {
    let plan = RoomPlan::everyone(s, RUNS);
    [
        empty_stage(s),
        nothing_between_chairs(s),
        own_room_walks_out(s, &plan),
        masher_as_good(s, &plan),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn danish(s: &Scenario) -> bool {
    s.language == "da"
}

/// A number as a scenario file writes it (a decimal point, whole numbers without one).
fn num(v: f64) -> String {
    format!("{v}")
}

/// (d) The first customer arrives after bar [`LAST_FIRST_BAR`].
fn empty_stage(s: &Scenario) -> Option<String> {
    let (first, random) = match &s.arrivals {
        Arrivals::Random { from_bar, .. } => (*from_bar, true),
        Arrivals::Scripted(list) => (list.iter().map(|a| a.bar).min()?, false),
    };
    if first <= LAST_FIRST_BAR {
        return None;
    }
    let empty = first - 1;
    Some(match (danish(s), random) {
        (false, true) => format!(
            "the first customer arrives in bar {first} (`arrivals`' `from_bar: {first}`): the \
             stage stays empty for {empty} bars. Let them come by bar {LAST_FIRST_BAR}, e.g. \
             `from_bar: 2`"
        ),
        (false, false) => format!(
            "the first scripted arrival is in bar {first}: the stage stays empty for {empty} \
             bars. Move it to bar {LAST_FIRST_BAR} or earlier, e.g. `(bar: 2, …)`"
        ),
        (true, true) => format!(
            "den første kunde kommer i takt {first} (`from_bar: {first}` i `arrivals`): scenen \
             står tom i {empty} takter. Lad kunderne komme senest i takt {LAST_FIRST_BAR}, fx \
             med `from_bar: 2`"
        ),
        (true, false) => format!(
            "den første kunde i `Scripted` kommer i takt {first}: scenen står tom i {empty} \
             takter. Flyt den til takt {LAST_FIRST_BAR} eller før, fx `(bar: 2, …)`"
        ),
    })
}

/// The case templates customers can be: drawn with a weight above 0, or scripted.
fn arriving(s: &Scenario) -> Vec<TemplateId> {
    (0..s.cases.len())
        .map(TemplateId)
        .filter(|&t| match &s.arrivals {
            Arrivals::Random { .. } => s.template(t).weight > 0.0,
            Arrivals::Scripted(list) => list.iter().any(|a| a.template == t),
        })
        .collect()
}

/// (c) Nothing can fall between two chairs: no `Gap` step among the cases that arrive, or every
/// gap's chairs (the departments that may claim it) are colleagues with `initiative: 1`.
fn nothing_between_chairs(s: &Scenario) -> Option<String> {
    if !s.teaches_gaps {
        return None;
    }
    let reaches = s.reaches();
    let gaps: Vec<Owner> = arriving(s)
        .into_iter()
        .flat_map(|t| s.template(t).steps.iter().map(|st| st.owner))
        .filter(|o| matches!(o, Owner::Gap(_)))
        .collect();
    let da = danish(s);
    if gaps.is_empty() {
        return Some(if da {
            "ingen sag har et `Gap`-trin, så intet kan falde mellem to stole. Tilføj et trin som \
             `Gap(between: (\"it\", \"service\"), label: \"Ring kunden op\")` til en sag (eller \
             skriv `teaches_gaps: false`, hvis banen lærer noget andet)"
                .to_owned()
        } else {
            "no case has a `Gap` step, so nothing can fall between two chairs. Add a step such as \
             `Gap(between: (\"it\", \"service\"), label: \"Call the customer back\")` to a case \
             (or write `teaches_gaps: false` if the level teaches something else)"
                .to_owned()
        });
    }
    let mut chairs: Vec<usize> = Vec::new();
    for &g in &gaps {
        for d in s.dept_ids().filter(|&d| may_pick_up(g, d, reaches[d.0])) {
            if s.colleague(d).initiative < 1.0 {
                return None;
            }
            if !chairs.contains(&d.0) {
                chairs.push(d.0);
            }
        }
    }
    let ids: Vec<String> = chairs
        .iter()
        .map(|&d| format!("\"{}\"", s.departments[d].id))
        .collect();
    let ids = ids.join(", ");
    Some(if da {
        format!(
            "alle, der må tage en node mellem to stole ({ids}), er kolleger med `initiative: 1`: \
             de tager den altid, så intet falder mellem stolene. Sænk deres `initiative` (fx til \
             `initiative: 0.2`), eller tilføj et `Gap(between: (…))`-trin mellem andre stole"
        )
    } else {
        format!(
            "everyone who may take a note between two chairs ({ids}) is a colleague with \
             `initiative: 1`: they always take it, so nothing falls between the chairs. Lower \
             their `initiative` (e.g. `initiative: 0.2`), or add a `Gap(between: (…))` step \
             between other chairs"
        )
    })
}

/// (a) With every department playing only its own part, the audience walks out in more than half
/// of the runs: that room will not see the end. Stops as soon as no warning can come.
fn own_room_walks_out(s: &Scenario, plan: &RoomPlan) -> Option<String> {
    let half = plan.runs / 2;
    let own = play_room_while(s, plan, Strategy::Own, |t| {
        t.walk_outs + (plan.runs - t.runs) > half
    });
    if own.walk_outs <= half {
        return None;
    }
    let f = own.figures();
    let bar = f.walk_out_bar.unwrap_or(0.0).round();
    let (w, n) = (f.walk_outs, f.runs);
    let a = &s.audience;
    let (lost, discord) = (num(a.lost_penalty), num(a.discord_penalty));
    let load = match (&s.arrivals, danish(s)) {
        (Arrivals::Random { per_bar, .. }, _) => format!("`arrivals.per_bar` ({})", num(*per_bar)),
        (Arrivals::Scripted(_), false) => "the number of scripted arrivals".to_owned(),
        (Arrivals::Scripted(_), true) => "antallet af kunder i `Scripted`".to_owned(),
    };
    Some(if danish(s) {
        format!(
            "når hver afdeling kun spiller sin egen stemme (rummet `own` i `tutti simulate FIL \
             --rooms`), går publikum i {w} af {n} gennemspilninger, i gennemsnit i takt {bar}: \
             rummet når ikke at se stykket til ende. Prøv at sænke {load}, \
             `audience.lost_penalty` ({lost}) eller `audience.discord_penalty` ({discord}), \
             eller at hæve sagernes `patience_bars`"
        )
    } else {
        format!(
            "with every department playing only its own part (room `own` of `tutti simulate \
             FILE --rooms`), the audience walks out in {w} of {n} runs, on average in bar {bar}: \
             the room will not see the end of the piece. Try lowering {load}, \
             `audience.lost_penalty` ({lost}) or `audience.discord_penalty` ({discord}), or \
             raising the cases' `patience_bars`"
        )
    })
}

/// A first contact: a file that teaches one's own part before any gap (`teaches_gaps: false`)
/// and lets a press that plays nothing cost nothing (`stray_penalty: 0`), so that a newcomer
/// finds their key without being judged for it.
fn first_contact(s: &Scenario) -> bool {
    !s.teaches_gaps && s.audience.stray_penalty == 0.0
}

/// (b) Pressing on every beat ends within [`MASHER_MARGIN`] of listening. The masher's room stops
/// as soon as its mean cannot come that close any more.
fn masher_as_good(s: &Scenario, plan: &RoomPlan) -> Option<String> {
    if first_contact(s) {
        return None;
    }
    let attentive = play_room_while(s, plan, Strategy::Attentive, |_| true).figures();
    let runs = f64::from(plan.runs);
    // The highest mean the masher could still reach, if every run left ended at 100.
    let best_possible =
        |t: &RoomTally| (t.audience_final + f64::from(plan.runs - t.runs) * 100.0) / runs;
    let masher = play_room_while(s, plan, Strategy::Masher, |t| {
        attentive.audience_final - best_possible(t) < MASHER_MARGIN
    })
    .figures();
    if masher.runs < plan.runs || attentive.audience_final - masher.audience_final >= MASHER_MARGIN
    {
        return None;
    }
    let (m, at) = (masher.audience_final, attentive.audience_final);
    let stray = num(s.audience.stray_penalty);
    Some(if danish(s) {
        // Figures in Danish prose take a decimal comma (values of the file keep their point).
        let (m, at) = (
            format!("{m:.1}").replace('.', ","),
            format!("{at:.1}").replace('.', ","),
        );
        format!(
            "at trykke på hvert slag (rummet `masher` i `tutti simulate FIL --rooms`) ender med \
             publikum på {m} i gennemsnit, mindre end {MASHER_MARGIN:.0} fra at lytte (rummet \
             `attentive`, {at}): at hamre løs er næsten lige så godt som at lytte. Prøv at \
             hæve `audience.stray_penalty` ({stray}), eller giv hver afdeling færre noder med \
             tomme slag imellem"
        )
    } else {
        format!(
            "pressing on every beat (room `masher` of `tutti simulate FILE --rooms`) ends with \
             the audience at {m:.1} on average, within {MASHER_MARGIN:.0} of listening (room \
             `attentive`, {at:.1}): mashing is nearly as good as listening. Try raising \
             `audience.stray_penalty` ({stray}), or give each department fewer notes, with \
             empty beats between them"
        )
    })
}
