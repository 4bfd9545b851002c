//! Checks of meaning after parsing: ranges, ids, references, limits. Every error points at the
//! text it is about.

use std::collections::HashMap;

use super::error::{ScenarioError, at_path, unknown_id};
use super::file::{ArrivalsFile, Goal, ScenarioFile, ScriptedArrivalFile, StepFile};
use super::keys::canonical_key;
use super::limits as lim;
use super::locate::SourceMap;
use super::pitch::parse_pitch;
use super::resolve::parse_color;

/// Collects errors for one file.
struct Checker<'a> {
    file: &'a str,
    src: &'a str,
    /// Where fields are written; built on the first error only (a good file never needs it).
    map: Option<SourceMap>,
    errors: Vec<ScenarioError>,
}

impl Checker<'_> {
    fn error(&mut self, path: &str, message: impl Into<String>) {
        let map = self.map.get_or_insert_with(|| SourceMap::build(self.src));
        let e = at_path(self.file, self.src, map, path, message.into());
        self.errors.push(e);
    }

    fn range_f(&mut self, path: &str, value: f64, (lo, hi): (f64, f64), unit: &str) {
        if !value.is_finite() || value < lo || value > hi {
            self.error(
                path,
                format!("{value} is out of range; expected {unit} from {lo} to {hi}"),
            );
        }
    }

    fn range_u(&mut self, path: &str, value: u32, (lo, hi): (u32, u32), unit: &str) {
        if value < lo || value > hi {
            self.error(
                path,
                format!("{value} is out of range; expected {unit} from {lo} to {hi}"),
            );
        }
    }

    fn count(&mut self, path: &str, n: usize, (lo, hi): (usize, usize), what: &str) {
        if n < lo || n > hi {
            self.error(
                path,
                format!("{n} {what}; a scenario may have {lo} to {hi}"),
            );
        }
    }

    fn text(&mut self, path: &str, text: &str, required: bool) {
        if required && text.trim().is_empty() {
            self.error(path, "must not be empty");
        } else if text.chars().count() > lim::MAX_TEXT_CHARS {
            self.error(
                path,
                format!("is longer than {} characters", lim::MAX_TEXT_CHARS),
            );
        }
    }

    fn dept_ref(&mut self, path: &str, id: &str, ids: &[&str]) {
        if !ids.contains(&id) {
            self.error(path, unknown_id("department", id, ids.iter().copied()));
        }
    }
}

/// Checks a parsed scenario file; returns every problem found.
pub(crate) fn validate(file: &str, src: &str, s: &ScenarioFile) -> Vec<ScenarioError> {
    let mut c = Checker {
        file,
        src,
        map: None,
        errors: Vec::new(),
    };
    check_header(&mut c, s);
    check_departments(&mut c, s);
    let ids: Vec<&str> = s.departments.iter().map(|d| d.id.as_str()).collect();
    check_cases(&mut c, s, &ids);
    check_arrivals(&mut c, s);
    check_audience(&mut c, s);
    check_colleagues(&mut c, s, &ids);
    check_debrief(&mut c, s);
    check_goals(&mut c, &s.goals);
    if let Some(words) = &s.words {
        for (field, message) in super::words::problems(words, &s.language) {
            c.error(&format!("words.{field}"), message);
        }
    }
    c.errors
}

/// The title, summary and language, and the piece's tempo and lengths.
fn check_header(c: &mut Checker, s: &ScenarioFile) {
    c.text("title", &s.title, true);
    c.text("summary", &s.summary, false);
    if !matches!(s.language.as_str(), "da" | "en") {
        c.error(
            "language",
            format!(
                "unknown language \"{}\"; expected \"da\" or \"en\"",
                s.language
            ),
        );
    }
    c.range_f("tempo_bpm", s.tempo_bpm, lim::TEMPO_BPM, "beats per minute");
    c.range_u(
        "beats_per_bar",
        s.beats_per_bar,
        lim::BEATS_PER_BAR,
        "beats",
    );
    c.range_u("length_bars", s.length_bars, lim::LENGTH_BARS, "bars");
    c.range_u("lead_beats", s.lead_beats, lim::LEAD_BEATS, "beats");
    c.range_u(
        "handoff_gap_beats",
        s.handoff_gap_beats,
        lim::HANDOFF_GAP_BEATS,
        "beats",
    );
    c.range_u("rescue_bars", s.rescue_bars, lim::RESCUE_BARS, "bars");
}

/// The debrief's questions (a few, none empty), the lesson and the reflection.
fn check_debrief(c: &mut Checker, s: &ScenarioFile) {
    if s.debrief.len() > lim::MAX_QUESTIONS {
        c.error(
            "debrief",
            format!(
                "{} questions; at most {} fit on the debrief",
                s.debrief.len(),
                lim::MAX_QUESTIONS
            ),
        );
    }
    for (i, q) in s.debrief.iter().enumerate() {
        c.text(&format!("debrief[{i}]"), q, true);
    }
    c.text("lesson", &s.lesson, false);
    c.text("reflection", &s.reflection, false);
}

/// 0–3 goals, each with a number that can be reached, none twice.
fn check_goals(c: &mut Checker, goals: &[Goal]) {
    if goals.len() > lim::MAX_GOALS {
        c.error(
            "goals",
            format!(
                "{} goals; a level has at most {} (Level select shows them all)",
                goals.len(),
                lim::MAX_GOALS
            ),
        );
    }
    for (i, g) in goals.iter().enumerate() {
        let p = format!("goals[{i}]");
        match *g {
            Goal::AudienceAbove(v) => c.range_f(&p, v, (0.0, 99.0), "an audience level"),
            Goal::Takes(n) | Goal::Rescues(n) => {
                c.range_u(&p, n, (1, lim::MAX_GOAL_COUNT), "notes")
            }
            Goal::StraysAtMost(n) | Goal::DoubleWorkAtMost(n) => {
                c.range_u(&p, n, (0, lim::MAX_GOAL_COUNT), "presses")
            }
            Goal::NoUnanswered | Goal::NoneLost => {}
        }
        let kind = std::mem::discriminant(g);
        if let Some(first) = goals[..i]
            .iter()
            .position(|o| std::mem::discriminant(o) == kind)
        {
            c.error(
                &p,
                format!("the same kind of goal as goals[{first}]; set it once"),
            );
        }
    }
}

/// The departments: a number the game allows, ids and keys once each, names and colours.
fn check_departments(c: &mut Checker, s: &ScenarioFile) {
    c.count(
        "departments",
        s.departments.len(),
        lim::DEPARTMENTS,
        "departments",
    );
    let mut seen_ids: HashMap<&str, usize> = HashMap::new();
    let mut seen_keys: HashMap<&str, usize> = HashMap::new();
    for (i, d) in s.departments.iter().enumerate() {
        let p = format!("departments[{i}]");
        c.text(&format!("{p}.id"), &d.id, true);
        if let Some(first) = seen_ids.insert(&d.id, i) {
            c.error(
                &format!("{p}.id"),
                format!(
                    "department id \"{}\" is used twice (also departments[{first}])",
                    d.id
                ),
            );
        }
        if let Some(name) = &d.name {
            c.text(&format!("{p}.name"), name, true);
        }
        if let Some(key) = &d.key {
            match canonical_key(key) {
                Ok(k) => {
                    if let Some(first) = seen_keys.insert(k, i) {
                        c.error(
                            &format!("{p}.key"),
                            format!(
                                "key \"{k}\" is already used by \"{}\"",
                                s.departments[first].id
                            ),
                        );
                    }
                }
                Err(msg) => c.error(&format!("{p}.key"), msg),
            }
        }
        if let Some(color) = &d.color
            && parse_color(color).is_none()
        {
            c.error(
                &format!("{p}.color"),
                format!("\"{color}\" is not a colour; write it like \"#0072B2\""),
            );
        }
    }
}

/// The case templates: a number the game allows, ids once each, and every template's steps.
fn check_cases(c: &mut Checker, s: &ScenarioFile, ids: &[&str]) {
    c.count("cases", s.cases.len(), lim::CASES, "case templates");
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, case) in s.cases.iter().enumerate() {
        let p = format!("cases[{i}]");
        c.text(&format!("{p}.id"), &case.id, true);
        if let Some(first) = seen.insert(&case.id, i) {
            c.error(
                &format!("{p}.id"),
                format!(
                    "case id \"{}\" is used twice (also cases[{first}])",
                    case.id
                ),
            );
        }
        if let Some(name) = &case.name {
            c.text(&format!("{p}.name"), name, true);
        }
        c.range_f(&format!("{p}.weight"), case.weight, (0.0, 1e6), "a weight");
        c.range_u(
            &format!("{p}.patience_bars"),
            case.patience_bars,
            lim::PATIENCE_BARS,
            "bars",
        );
        let n = case.steps.len();
        if n < lim::STEPS.0 || n > lim::STEPS.1 {
            c.error(
                &format!("{p}.steps"),
                format!(
                    "{n} steps; a case has {} to {} steps",
                    lim::STEPS.0,
                    lim::STEPS.1
                ),
            );
        }
        for (j, step) in case.steps.iter().enumerate() {
            check_step(c, &format!("{p}.steps[{j}]"), step, ids);
        }
    }
}

/// One step of a case, at `sp`: who plays it (or which two a gap lies between), its pitch,
/// length and label.
fn check_step(c: &mut Checker, sp: &str, step: &StepFile, ids: &[&str]) {
    match step {
        StepFile::Note { by, .. } => c.dept_ref(&format!("{sp}.by"), by, ids),
        StepFile::Gap {
            between: Some((a, b)),
            ..
        } => {
            let bp = format!("{sp}.between");
            c.dept_ref(&format!("{bp}[0]"), a, ids);
            c.dept_ref(&format!("{bp}[1]"), b, ids);
            if a == b {
                c.error(
                    &bp,
                    format!("a gap lies between two different departments; both are \"{a}\""),
                );
            }
        }
        StepFile::Gap { between: None, .. } => {}
    }
    if let Some(pitch) = step.pitch()
        && let Err(msg) = parse_pitch(pitch)
    {
        c.error(&format!("{sp}.pitch"), msg);
    }
    c.range_u(
        &format!("{sp}.beats"),
        step.beats(),
        lim::STEP_BEATS,
        "beats",
    );
    if let Some(label) = step.label() {
        c.text(&format!("{sp}.label"), label, false);
    }
}

/// The arrivals, random or scripted.
fn check_arrivals(c: &mut Checker, s: &ScenarioFile) {
    match &s.arrivals {
        ArrivalsFile::Random {
            per_bar,
            from_bar,
            until_bar,
        } => check_random_arrivals(c, s, *per_bar, *from_bar, *until_bar),
        ArrivalsFile::Scripted(list) => check_scripted_arrivals(c, s, list),
    }
}

/// Random arrivals: at most one a beat, within the piece, and a case with a weight to draw.
fn check_random_arrivals(
    c: &mut Checker,
    s: &ScenarioFile,
    per_bar: f64,
    from_bar: u32,
    until_bar: Option<u32>,
) {
    let most = lim::PER_BAR.1.min(f64::from(s.beats_per_bar));
    c.range_f(
        "arrivals.per_bar",
        per_bar,
        (lim::PER_BAR.0, most),
        "cases per bar (at most one a beat)",
    );
    let until = until_bar.unwrap_or(s.length_bars);
    c.range_u("arrivals.from_bar", from_bar, (1, s.length_bars), "a bar");
    c.range_u(
        "arrivals.until_bar",
        until,
        (from_bar, s.length_bars),
        "a bar",
    );
    if per_bar > 0.0 && !s.cases.iter().any(|k| k.weight > 0.0) {
        c.error(
            "cases",
            "random arrivals need at least one case with a weight above 0",
        );
    }
}

/// Scripted arrivals: not too many, each in a bar of the piece, of a case that exists, and at
/// most one a beat in any bar.
fn check_scripted_arrivals(c: &mut Checker, s: &ScenarioFile, list: &[ScriptedArrivalFile]) {
    if list.len() > lim::MAX_SCRIPTED {
        c.error(
            "arrivals",
            format!(
                "{} scripted arrivals; at most {}",
                list.len(),
                lim::MAX_SCRIPTED
            ),
        );
        return;
    }
    let case_ids: Vec<&str> = s.cases.iter().map(|k| k.id.as_str()).collect();
    let mut per_bar: HashMap<u32, u32> = HashMap::new();
    for (i, a) in list.iter().enumerate() {
        let p = format!("arrivals[0][{i}]");
        c.range_u(
            &format!("{p}.bar"),
            a.bar,
            (1, s.length_bars),
            "a bar (within length_bars)",
        );
        if !case_ids.contains(&a.case.as_str()) {
            c.error(
                &format!("{p}.case"),
                unknown_id("case", &a.case, case_ids.iter().copied()),
            );
        }
        let n = per_bar.entry(a.bar).or_default();
        *n += 1;
        if *n == s.beats_per_bar + 1 {
            c.error(
                &format!("{p}.bar"),
                format!(
                    "more than {} arrivals in bar {}; at most one a beat",
                    s.beats_per_bar, a.bar
                ),
            );
        }
    }
}

/// The audience's points and the timing windows: in range, and the windows widening.
fn check_audience(c: &mut Checker, s: &ScenarioFile) {
    let a = &s.audience;
    for (name, v) in [
        ("start", a.start),
        ("discord_penalty", a.discord_penalty),
        ("lost_penalty", a.lost_penalty),
        ("reply_reward", a.reply_reward),
        ("harmony_bonus", a.harmony_bonus),
        ("wait_drain", a.wait_drain),
        ("stray_penalty", a.stray_penalty),
        ("double_work_penalty", a.double_work_penalty),
    ] {
        c.range_f(&format!("audience.{name}"), v, lim::AUDIENCE, "points");
    }
    if a.start == 0.0 {
        c.error(
            "audience.start",
            "the audience would walk out before the first note; start above 0",
        );
    }
    let t = &s.timing;
    for (name, v) in [
        ("perfect_ms", t.perfect_ms),
        ("good_ms", t.good_ms),
        ("ok_ms", t.ok_ms),
    ] {
        c.range_f(&format!("timing.{name}"), v, lim::TIMING_MS, "milliseconds");
    }
    if !(t.perfect_ms <= t.good_ms && t.good_ms <= t.ok_ms) {
        c.error(
            "timing",
            "the windows must widen: perfect_ms ≤ good_ms ≤ ok_ms",
        );
    }
}

/// The colleagues: one entry a department at most, chances from 0 to 1, busy spells in order.
fn check_colleagues(c: &mut Checker, s: &ScenarioFile, ids: &[&str]) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, col) in s.colleagues.iter().enumerate() {
        let p = format!("colleagues[{i}]");
        c.dept_ref(&format!("{p}.department"), &col.department, ids);
        if let Some(first) = seen.insert(&col.department, i) {
            c.error(
                &format!("{p}.department"),
                format!(
                    "\"{}\" already has a colleague entry (colleagues[{first}])",
                    col.department
                ),
            );
        }
        for (name, v) in [
            ("skill", col.skill),
            ("busy_skill", col.busy_skill),
            ("initiative", col.initiative),
            ("follow_up", col.follow_up),
        ] {
            c.range_f(&format!("{p}.{name}"), v, (0.0, 1.0), "a chance");
        }
        c.range_f(
            &format!("{p}.timing_sd_ms"),
            col.timing_sd_ms,
            (0.0, lim::TIMING_MS.1),
            "milliseconds",
        );
        for (j, b) in col.busy.iter().enumerate() {
            let bp = format!("{p}.busy[{j}]");
            c.range_u(
                &format!("{bp}.from_bar"),
                b.from_bar,
                (1, lim::LENGTH_BARS.1 * 2),
                "a bar",
            );
            if b.until_bar < b.from_bar {
                c.error(
                    &format!("{bp}.until_bar"),
                    format!(
                        "until_bar {} is before from_bar {}",
                        b.until_bar, b.from_bar
                    ),
                );
            }
        }
    }
}
