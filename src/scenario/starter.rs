//! `tutti new`: a commented starting scenario in Danish or English that passes `check` and shows
//! the lesson (the colleagues at the call-back rarely take it, so a case is now and then solved
//! but never answered).

/// The departments a starting scenario picks from, in order: id, Danish name, English name,
/// instrument, key.
const DEPARTMENTS: [(&str, &str, &str, &str, &str); 8] = [
    ("service", "Kundeservice", "Customer service", "Violin", "A"),
    ("billing", "Økonomi", "Finance", "Cello", "S"),
    ("it", "IT", "IT", "Clarinet", "D"),
    ("sales", "Salg", "Sales", "Flute", "F"),
    ("warehouse", "Lager", "Warehouse", "Marimba", "G"),
    ("legal", "Jura", "Legal", "Horn", "H"),
    ("management", "Ledelse", "Management", "Piano", "J"),
    ("hr", "HR", "HR", "Timpani", "K"),
];

/// The fewest and most departments a starting scenario has.
const DEPARTMENTS_RANGE: (usize, usize) = (2, 8);

/// The words of a starting scenario in one language.
struct Words {
    lang: &'static str,
    title: &'static str,
    summary: &'static str,
    bill: &'static str,
    order: &'static str,
    question: &'static str,
    call_back: &'static str,
    who_answers: &'static str,
    questions: [&'static str; 3],
    comments: [&'static str; 8],
    lesson: &'static str,
    reflection: &'static str,
}

const DA: Words = Words {
    lang: "da",
    title: "Vores egen afdeling",
    summary: "Alle gør deres del. Men hvem ringer kunden op?",
    bill: "Fejl på regningen",
    order: "Ny ordre",
    question: "Spørgsmål",
    call_back: "Ring kunden op",
    who_answers: "Hvem svarer?",
    questions: [
        "Hvor faldt sagerne mellem to stole?",
        "Hvem tog ansvar for svaret til kunden?",
        "Hvilken ene aftale laver vi, så opkaldet ikke falder mellem to stole?",
    ],
    comments: [
        "// Et startscenarie skrevet af `tutti new`. Ret navne, sager og tal, så det ligner jer.\n// Tjek det med `tutti check FIL`, og prøv det med `tutti simulate FIL --runs 20`.",
        "// Afdelingerne: id (bruges i resten af filen), navn (vises), instrument og tast.",
        "// Sagerne: hver sag er en frase af noder. Note(by: ...) er en afdelings egen node;\n    // Gap(between: (...)) ligger mellem to stole, og kun de to må tage den.",
        "// Kunderne kommer tilfældigt: i gennemsnit per_bar sager pr. takt.",
        "// Publikums tilfredshed (0-100): hvad en node på gulvet, en tabt sag og et svar koster eller giver.",
        "// Kollegerne (computeren) tager sjældent noden mellem stolene: det er pointen.\n    // Hæv initiative og follow_up, og færre sager falder mellem stolene.",
        "// Hvad banen lærer (vises i Vælg en bane), dens mål (1-3, bedømmes, når hele stykket er\n    // spillet; se docs/scenarios.md) og ét spørgsmål til den, der spiller alene.",
        "// Jeres egne ord for den, der venter, svaret og publikum (se docs/glossary.md). Et hospital\n    // skriver patient, patienter, patienten, patienterne; en kommune borger, borgere, borgeren, borgerne.",
    ],
    lesson: "Tag opkaldet mellem stolene, ellers hører kunden aldrig fra jer.",
    reflection: "Hvem skulle have ringet kunden op, og hvornår vidste du det?",
};

const EN: Words = Words {
    lang: "en",
    title: "Our own department",
    summary: "Everyone does their part. But who calls the customer back?",
    bill: "Wrong bill",
    order: "New order",
    question: "A question",
    call_back: "Call the customer back",
    who_answers: "Who answers?",
    questions: [
        "Where did the cases fall between two chairs?",
        "Who took responsibility for the answer to the customer?",
        "What one agreement will we make so that the call does not fall between two chairs?",
    ],
    comments: [
        "// A starting scenario written by `tutti new`. Change names, cases and figures to fit you.\n// Check it with `tutti check FILE`, and try it with `tutti simulate FILE --runs 20`.",
        "// The departments: id (used in the rest of the file), name (shown), instrument and key.",
        "// The cases: each case is a phrase of notes. Note(by: ...) is a department's own note;\n    // Gap(between: (...)) lies between two chairs, and only those two may take it.",
        "// Customers arrive at random: on average per_bar cases a bar.",
        "// The audience's satisfaction (0-100): what a drop, a lost case and an answer cost or give.",
        "// The colleagues (the computer) at the gap rarely take the note: that is the lesson.\n    // Raise initiative and follow_up, and fewer cases fall between the chairs.",
        "// What the level teaches (shown in Level select), its goals (1-3, judged when the whole\n    // piece is played; see docs/scenarios.md) and one question for a player alone.",
        "// Your organisation's words for the one who waits, the answer and the audience (see\n    // docs/glossary.md): a hospital writes patient and patients, a municipality citizen and citizens.",
    ],
    lesson: "Take the call between the chairs, or the customer never hears back.",
    reflection: "Who should have called the customer back, and when did you know?",
};

/// The text of a starting scenario with `departments` departments (kept within
/// `DEPARTMENTS_RANGE`), in Danish (`danish`) or English.
pub fn starter(danish: bool, departments: usize) -> String {
    let w = if danish { &DA } else { &EN };
    let n = departments.clamp(DEPARTMENTS_RANGE.0, DEPARTMENTS_RANGE.1);
    let depts = &DEPARTMENTS[..n];
    let mut t = String::new();
    t.push_str(w.comments[0]);
    t.push_str(&format!(
        "\nScenario(\n    title: \"{}\",\n    summary: \"{}\",\n    language: \"{}\",\n    tempo_bpm: 90,\n    beats_per_bar: 4,\n    length_bars: 32,\n    seed: 1,\n    lead_beats: 8,\n    handoff_gap_beats: 1,\n    rescue_bars: 3,\n\n    {}\n    departments: [\n",
        w.title, w.summary, w.lang, w.comments[1]
    ));
    for (id, da, en, instrument, key) in depts {
        let name = if danish { da } else { en };
        t.push_str(&format!(
            "        Department(id: \"{id}\", name: \"{name}\", instrument: {instrument}, key: \"{key}\"),\n"
        ));
    }
    t.push_str(&format!("    ],\n\n    {}\n    cases: [\n", w.comments[2]));
    t.push_str(&cases(w, depts));
    t.push_str(&tail(w, depts));
    t
}

/// The three cases: a bill passed along and a call-back between two chairs, an order, a question
/// anyone may answer.
fn cases(w: &Words, depts: &[(&str, &str, &str, &str, &str)]) -> String {
    let id = |i: usize| depts[i.min(depts.len() - 1)].0;
    let mut bill = vec![
        format!("Note(by: \"{}\", pitch: \"D4\")", id(0)),
        format!("Note(by: \"{}\", pitch: \"F#4\", beats: 2)", id(1)),
    ];
    let last = if depts.len() > 2 {
        bill.push(format!("Note(by: \"{}\", pitch: \"A4\")", id(2)));
        id(2)
    } else {
        id(1)
    };
    bill.push(format!(
        "Gap(between: (\"{last}\", \"{}\"), pitch: \"D5\", label: \"{}\")",
        id(0),
        w.call_back
    ));
    let order = [
        format!("Note(by: \"{}\", pitch: \"A4\")", id(depts.len() - 1)),
        format!("Note(by: \"{}\", pitch: \"E4\")", id(1)),
        format!("Note(by: \"{}\", pitch: \"F#4\")", id(0)),
    ];
    let question = [
        format!("Note(by: \"{}\", pitch: \"E4\")", id(0)),
        format!("Gap(pitch: \"B4\", label: \"{}\")", w.who_answers),
    ];
    let case = |cid: &str, name: &str, weight: u32, steps: &[String]| {
        let steps: String = steps
            .iter()
            .map(|s| format!("                {s},\n"))
            .collect();
        format!(
            "        Case(\n            id: \"{cid}\",\n            name: \"{name}\",\n            weight: {weight},\n            patience_bars: 8,\n            steps: [\n{steps}            ],\n        ),\n"
        )
    };
    case("bill", w.bill, 3, &bill)
        + &case("order", w.order, 2, &order)
        + &case("question", w.question, 1, &question)
}

/// Arrivals, audience, colleagues and the debrief's questions.
fn tail(w: &Words, depts: &[(&str, &str, &str, &str, &str)]) -> String {
    let gap_chair = depts[2.min(depts.len() - 1)].0;
    let questions: String = w
        .questions
        .iter()
        .map(|q| format!("        \"{q}\",\n"))
        .collect();
    format!(
        "    ],\n\n    {}\n    arrivals: Random(per_bar: 0.5, from_bar: 2, until_bar: 26),\n\n    {}\n    audience: Audience(start: 70, discord_penalty: 4, lost_penalty: 8, reply_reward: 6, harmony_bonus: 3, wait_drain: 0.25),\n\n    {}\n    colleagues: [\n        Colleague(department: \"{}\", initiative: 0.15, follow_up: 0.2),\n        Colleague(department: \"{gap_chair}\", initiative: 0.15, follow_up: 0.2),\n    ],\n\n    debrief: [\n{questions}    ],\n\n    {}\n    lesson: \"{}\",\n    goals: [NoUnanswered, AudienceAbove(50)],\n    reflection: \"{}\",\n\n    {}\n    {}\n)\n",
        w.comments[3],
        w.comments[4],
        w.comments[5],
        depts[0].0,
        w.comments[6],
        w.lesson,
        w.reflection,
        w.comments[7],
        words_section(w.lang)
    )
}

/// The `words` section filled in with the language's own words, so a facilitator sees where to
/// write theirs.
fn words_section(lang: &str) -> String {
    let w = super::Words::of_language(lang);
    format!(
        "words: Words(one: \"{}\", many: \"{}\", the_one: \"{}\", the_many: \"{}\", answer: \"{}\", audience: \"{}\"),",
        w.one, w.many, w.the_one, w.the_many, w.answer, w.audience
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_starting_scenario_loads() {
        for danish in [true, false] {
            for n in 0..=10 {
                let text = starter(danish, n);
                let s = match crate::scenario::load_str("new.ron", &text) {
                    Ok(s) => s,
                    Err(e) => panic!("{n} departments, danish {danish}:\n{e}\n{text}"),
                };
                // It shows the fields a home player sees: what it teaches, goals, a question.
                assert_eq!(s.goals.len(), 2);
                assert!(!s.lesson.is_empty() && !s.reflection.is_empty());
            }
        }
    }
}
