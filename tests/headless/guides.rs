//! The facilitator guides match the game: each names every `tutti` subcommand (from the command
//! line's definition) and no other, every campaign chapter with its number and title (from the
//! campaign's chapter list and the levels' own titles) and no chapter beyond the campaign, and
//! says what `simulate --export` writes.

use clap::CommandFactory;
use tutti::game::catalog::CHAPTERS;

/// The guides and their languages.
const GUIDES: [(&str, &str); 2] = [
    ("docs/facilitator-guide.md", "en"),
    ("docs/facilitator-guide.da.md", "da"),
];

/// What `simulate --export` writes (see `export.rs`, which checks the files are there).
const EXPORT_FILES: [&str; 4] = ["cases.csv", "departments.csv", "about.csv", "results.xlsx"];

/// Words that number a chapter in the guides, in both languages (lower case).
const CHAPTER_WORDS: [&str; 14] = [
    "chapter",
    "chapters",
    "level",
    "levels",
    "kapitel",
    "kapitlet",
    "kapitler",
    "kapitlerne",
    "bane",
    "banen",
    "baner",
    "banerne",
    "niveau",
    "niveauer",
];

/// Words that join chapter numbers in a list (`chapter 6 or 8`, `bane 1 og 2`).
const JOINERS: [&str; 4] = ["and", "or", "og", "eller"];

/// Numbers written as words, from one: English and Danish (not Danish `en` and `to`, which are
/// also "a" and "two" is also the English "to").
const NUMBER_WORDS: [&[&str]; 12] = [
    &["one"],
    &["two"],
    &["three", "tre"],
    &["four", "fire"],
    &["five", "fem"],
    &["six", "seks"],
    &["seven", "syv"],
    &["eight", "otte"],
    &["nine", "ni"],
    &["ten", "ti"],
    &["eleven", "elleve"],
    &["twelve", "tolv"],
];

/// What the game has, that a guide must name.
struct Facts {
    /// The subcommands of `tutti`.
    subcommands: Vec<String>,
    /// Each chapter's number and its title in the guide's language.
    chapters: Vec<(u32, String)>,
}

impl Facts {
    /// The game's subcommands and chapters, the titles read from the chapters' files in `lang`.
    fn of(lang: &str) -> Facts {
        let subcommands = tutti::cli::Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_owned())
            .filter(|name| name != "help")
            .collect();
        let chapters = CHAPTERS
            .iter()
            .map(|c| {
                let path = std::path::Path::new("levels").join(c.file(lang));
                let scenario = tutti::scenario::load_file(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                (c.number, scenario.title)
            })
            .collect();
        Facts {
            subcommands,
            chapters,
        }
    }
}

/// Every `tutti WORD` in `text`: the word after the program's name, where the name stands on its
/// own (not in a path such as `~/.config/tutti/`, not `Tutti` in prose) and a word follows it.
fn tutti_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for (at, _) in text.match_indices("tutti") {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || "/\\._-=".contains(c)) {
            continue;
        }
        let rest = &text[at + "tutti".len()..];
        if !rest.starts_with([' ', '\n', '\t']) {
            continue;
        }
        if let Some(word) = rest.split_whitespace().next() {
            words.push(
                word.trim_end_matches(['`', ',', '.', ';', ':', ')'])
                    .to_owned(),
            );
        }
    }
    words
}

/// Whether `word` after `tutti` is a file or a placeholder for one (`my.ron`, `FILE`, `DIR`), an
/// option (`--version`), or a comment after a bare `tutti` in a code block.
fn is_file_option_or_comment(word: &str) -> bool {
    let placeholder = word.len() > 1
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    word.is_empty()
        || word.starts_with(['-', '#', '[', '<', '$'])
        || word.contains(['.', '/', '\\'])
        || placeholder
}

/// What is wrong with the guide's commands: a subcommand it never names, a `tutti WORD` whose
/// word is no subcommand, file or option.
fn command_problems(text: &str, facts: &Facts) -> Vec<String> {
    let words = tutti_words(text);
    let mut problems: Vec<String> = facts
        .subcommands
        .iter()
        .filter(|s| !words.contains(s))
        .map(|s| format!("never names `tutti {s}`"))
        .collect();
    for word in &words {
        if !facts.subcommands.contains(word) && !is_file_option_or_comment(word) {
            problems.push(format!(
                "`tutti {word}`: no such subcommand (there are {})",
                facts.subcommands.join(", ")
            ));
        }
    }
    problems
}

/// The text cut into sentences (and table rows and list items), each on its own.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for paragraph in text.split("\n\n") {
        for line_group in split_rows(paragraph) {
            let mut current = String::new();
            let chars: Vec<char> = line_group.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                current.push(*c);
                let ends = matches!(c, '.' | '!' | '?')
                    && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
                if ends {
                    out.push(std::mem::take(&mut current));
                }
            }
            out.push(current);
        }
    }
    out.retain(|s| !s.trim().is_empty());
    out
}

/// A paragraph's table rows each on their own, the rest of it as one.
fn split_rows(paragraph: &str) -> Vec<String> {
    let (rows, rest): (Vec<&str>, Vec<&str>) = paragraph
        .lines()
        .partition(|l| l.trim_start().starts_with('|'));
    let mut out: Vec<String> = rows.into_iter().map(str::to_owned).collect();
    out.push(rest.join("\n"));
    out
}

/// The numbers in a token such as `4`, `1–8,`, `(6` or `8.`, with whether it was a range; `None`
/// when it holds no number.
fn numbers_in(token: &str) -> Option<(Vec<u32>, bool)> {
    let t = token.trim_matches(|c: char| "()[],.;:*`".contains(c));
    let parts: Vec<&str> = t.split(['–', '-']).collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    numbers.map(|n| (n, parts.len() > 1))
}

/// A chapter number named in a sentence (`chapter 6 or 8`: two of them), and the ranges named
/// (`chapters 1–8`: from 1 to 8).
#[derive(Debug, Default)]
struct Numbered {
    numbers: Vec<u32>,
    ranges: Vec<(u32, u32)>,
}

/// The chapter numbers `sentence` names after a chapter word.
fn chapter_numbers(sentence: &str) -> Numbered {
    let tokens: Vec<String> = sentence
        .split_whitespace()
        .map(|t| t.to_lowercase())
        .collect();
    let mut found = Numbered::default();
    for (i, token) in tokens.iter().enumerate() {
        let word = token.trim_matches(|c: char| !c.is_alphanumeric());
        if !CHAPTER_WORDS.contains(&word) {
            continue;
        }
        let mut j = i + 1;
        while let Some((numbers, range)) = tokens.get(j).and_then(|t| numbers_in(t)) {
            if range && let (Some(a), Some(b)) = (numbers.first(), numbers.last()) {
                found.ranges.push((*a, *b));
            }
            found.numbers.extend(numbers);
            let joined = tokens
                .get(j + 1)
                .is_some_and(|t| JOINERS.contains(&t.as_str()));
            j += if joined { 2 } else { 1 };
            if !joined && !tokens[j - 1].ends_with(',') {
                break;
            }
        }
    }
    found
}

/// How many chapters a sentence says the campaign has, as a word or a number before the chapter
/// word (`eight numbered chapters`, `otte nummererede kapitler`, `8 chapters`).
fn counts_named(sentence: &str) -> Vec<u32> {
    let tokens: Vec<String> = sentence
        .split_whitespace()
        .map(|t| {
            t.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let mut counts = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if !CHAPTER_WORDS.contains(&token.as_str()) || i == 0 {
            continue;
        }
        let mut k = i - 1;
        if ["numbered", "nummererede"].contains(&tokens[k].as_str()) && k > 0 {
            k -= 1;
        }
        let word = tokens[k].as_str();
        let n = NUMBER_WORDS
            .iter()
            .position(|w| w.contains(&word))
            .map(|p| p as u32 + 1)
            .or_else(|| word.parse().ok());
        counts.extend(n);
    }
    counts
}

/// What is wrong with the guide's chapter numbers: one beyond the campaign, or a sentence about
/// the campaign that gives it another size (`chapters 1–6`, `seven chapters`).
fn number_problems(text: &str, facts: &Facts) -> Vec<String> {
    let last = facts.chapters.len() as u32;
    let mut problems = Vec::new();
    for sentence in sentences(text) {
        let line = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
        let named = chapter_numbers(&sentence);
        if named.numbers.iter().any(|n| *n == 0 || *n > last) {
            problems.push(format!("a chapter beyond 1–{last}: {line}"));
        }
        let lower = line.to_lowercase();
        if !(lower.contains("campaign") || lower.contains("kampagne")) {
            continue;
        }
        let whole = named.ranges.iter().filter(|(a, _)| *a == 1);
        if whole.clone().any(|(_, b)| *b != last) || counts_named(&line).iter().any(|n| *n != last)
        {
            problems.push(format!("the campaign has {last} chapters: {line}"));
        }
    }
    problems
}

/// The chapter number written just before an italic title on `line` ending at byte `at`
/// (`Chapter 6 (*Follow up*`, `Chapter 7, *The whole case*`, `| 6 | *Follow up*`,
/// `6 *Follow up*`), if there is one.
fn number_before(line: &str, at: usize) -> Option<u32> {
    let before = line[..at].trim_end();
    let before = before
        .strip_suffix(['(', ',', '|'])
        .unwrap_or(before)
        .trim_end();
    let digits: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

/// What is wrong with the guide's chapters by title: a chapter never named with its number and
/// title, or a title given another chapter's number.
fn title_problems(text: &str, facts: &Facts) -> Vec<String> {
    let mut problems = Vec::new();
    for (number, title) in &facts.chapters {
        let italic = format!("*{title}*");
        let mut named = false;
        for line in text.lines() {
            for (at, _) in line.match_indices(&italic) {
                match number_before(line, at) {
                    Some(n) if n == *number => named = true,
                    Some(n) => problems.push(format!(
                        "{n} {italic}: that is chapter {number}: {}",
                        line.trim()
                    )),
                    None => {}
                }
            }
        }
        if !named {
            problems.push(format!("never names chapter {number} {italic}"));
        }
    }
    problems
}

/// What is wrong with what the guide says `simulate --export` writes: a paragraph or table row
/// naming `--export` without every file it writes.
fn export_problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut mentioned = false;
    for paragraph in text.split("\n\n") {
        for unit in split_rows(paragraph) {
            if !unit.contains("--export") {
                continue;
            }
            mentioned = true;
            for file in EXPORT_FILES.iter().filter(|f| !unit.contains(**f)) {
                problems.push(format!("--export without {file}: {}", unit.trim()));
            }
        }
    }
    if !mentioned {
        problems.push("never says what `simulate --export` writes".to_owned());
    }
    problems
}

/// Everything wrong with a guide.
fn problems(text: &str, facts: &Facts) -> Vec<String> {
    let mut all = command_problems(text, facts);
    all.extend(number_problems(text, facts));
    all.extend(title_problems(text, facts));
    all.extend(export_problems(text));
    all
}

#[test]
fn both_guides_name_every_command_and_chapter_and_nothing_that_is_not_there() {
    let mut found = Vec::new();
    for (path, lang) in GUIDES {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let facts = Facts::of(lang);
        assert!(facts.subcommands.len() >= 6, "{:?}", facts.subcommands);
        found.extend(
            problems(&text, &facts)
                .into_iter()
                .map(|p| format!("{path}: {p}")),
        );
    }
    assert!(found.is_empty(), "\n{}", found.join("\n"));
}

/// The checks catch what they are for: an invented command, a chapter beyond the campaign, a
/// campaign of the wrong size, a title under another chapter's number, a command or chapter never
/// named, an export without its files.
#[test]
fn the_checks_catch_a_guide_that_does_not_match() {
    let facts = Facts::of("en");
    let good = std::fs::read_to_string("docs/facilitator-guide.md").unwrap();
    assert!(problems(&good, &facts).is_empty());
    type Check = fn(&str, &Facts) -> Vec<String>;
    let bad: [(&str, Check); 7] = [
        ("Then run `tutti frobnicate my.ron`.", command_problems),
        ("Play chapter 9 last.", number_problems),
        (
            "The campaign is chapters 1–9 in both languages.",
            number_problems,
        ),
        (
            "The built-in campaign (levels 1–6 in English).",
            number_problems,
        ),
        (
            "At home the campaign is a path of seven numbered chapters.",
            number_problems,
        ),
        (
            "Derhjemme er kampagnen en vej gennem ni kapitler.",
            number_problems,
        ),
        (
            "| 35–45 | Follow up | 5 *Follow up* or 8 *The full orchestra* |",
            title_problems,
        ),
    ];
    for (line, check) in bad {
        let text = format!("{good}\n\n{line}\n");
        assert!(!check(&text, &facts).is_empty(), "not caught: {line}");
    }
    let without_new = good.replace("tutti new", "tutti-new");
    assert_eq!(
        command_problems(&without_new, &facts),
        ["never names `tutti new`"]
    );
    let without_chapter = good.replace("*The whole case*", "The whole case");
    assert_eq!(
        title_problems(&without_chapter, &facts),
        ["never names chapter 7 *The whole case*"]
    );
    let without_about = good.replace("about.csv", "about");
    assert!(!export_problems(&without_about).is_empty());
    assert_eq!(
        chapter_numbers("Chapter 6 or 8, then level 4, and chapters 1–3.").numbers,
        [6, 8, 4, 1, 3]
    );
}

/// Every file in `levels/` is a chapter's: the guides' chapters are the whole level list.
#[test]
fn every_level_file_is_a_chapter_of_the_campaign() {
    let mut files = 0;
    for entry in std::fs::read_dir("levels").unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".ron") {
            files += 1;
            assert!(
                tutti::game::catalog::chapter_of(&name).is_some(),
                "{name} is in no chapter"
            );
        }
    }
    assert_eq!(
        files,
        CHAPTERS.len() * 2,
        "a Danish and an English file per chapter"
    );
}
