//! The documents hold together: the README stays a short front page (at most 200 lines, installing
//! within its first 60, the commands that run the game and the tests as `.ci/run` runs them), every
//! link between the README and `docs/` reaches a file that is there and, with a `#`, a heading in
//! it, and nothing cites a design file the repository does not have (the rules are
//! `docs/rules.md`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The README and every Markdown file in `docs/`.
fn documents() -> Vec<PathBuf> {
    let mut docs = vec![PathBuf::from("README.md")];
    let mut more: Vec<PathBuf> = std::fs::read_dir("docs")
        .expect("docs/ is in the repository")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    more.sort();
    docs.extend(more);
    docs
}

/// The text outside fenced code blocks, line by line (code may show `](` without linking).
fn prose(text: &str) -> Vec<&str> {
    let mut fenced = false;
    text.lines()
        .filter(|line| {
            if line.trim_start().starts_with("```") {
                fenced = !fenced;
                return false;
            }
            !fenced
        })
        .collect()
}

/// The targets of the Markdown links and images in `text`: what stands in `](…)`.
fn links(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in prose(text) {
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let end = after.find(')').unwrap_or(after.len());
            let target = after[..end].split_whitespace().next().unwrap_or("");
            found.push(target.to_owned());
            rest = &after[end..];
        }
    }
    found
}

/// The anchors GitHub gives the headings of `text`: lower case, spaces as hyphens, punctuation
/// left out (letters such as æøå kept), a repeated one numbered `-1`, `-2`, ….
fn anchors(text: &str) -> HashSet<String> {
    let mut seen = HashSet::new();
    for line in prose(text) {
        let Some(heading) = line.strip_prefix('#') else {
            continue;
        };
        let heading = heading.trim_start_matches('#').trim();
        let slug: String = heading
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect();
        let mut unique = slug.clone();
        let mut n = 0;
        while seen.contains(&unique) {
            n += 1;
            unique = format!("{slug}-{n}");
        }
        seen.insert(unique);
    }
    seen
}

/// What is wrong with the links of the document at `path`: a file that is not there, or an
/// anchor that no heading of its target gives.
fn link_problems(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let folder = path.parent().unwrap_or(Path::new(""));
    let mut problems = Vec::new();
    for link in links(&text) {
        if link.contains("://") || link.starts_with("mailto:") || link.is_empty() {
            continue;
        }
        let (file, anchor) = match link.split_once('#') {
            Some((file, anchor)) => (file, Some(anchor)),
            None => (link.as_str(), None),
        };
        let target = if file.is_empty() {
            path.to_path_buf()
        } else {
            folder.join(file)
        };
        if !target.exists() {
            problems.push(format!("{}: `{link}`: no such file", path.display()));
            continue;
        }
        if let Some(anchor) = anchor
            && target.extension().is_some_and(|e| e == "md")
        {
            let text = std::fs::read_to_string(&target).unwrap();
            if !anchors(&text).contains(anchor) {
                problems.push(format!(
                    "{}: `{link}`: no heading of {} has that anchor",
                    path.display(),
                    target.display()
                ));
            }
        }
    }
    problems
}

#[test]
fn every_link_in_the_readme_and_the_docs_reaches_its_file_and_heading() {
    let problems: Vec<String> = documents().iter().flat_map(|p| link_problems(p)).collect();
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_link_check_catches_a_missing_file_and_a_missing_heading() {
    let text = "# One heading\n\n## Æblegrød (`x`)\n\n[a](#one-heading) [b](#æblegrød-x) \
                [c](#nowhere) [d](no-such-file.md) [e](README.md) `x` \n```\n[f](gone.md)\n```\n";
    assert_eq!(
        links(text),
        [
            "#one-heading",
            "#æblegrød-x",
            "#nowhere",
            "no-such-file.md",
            "README.md"
        ]
    );
    let found = anchors(text);
    assert!(found.contains("one-heading") && found.contains("æblegrød-x"));
    assert!(!found.contains("nowhere"));
    let dir = std::env::temp_dir().join(format!("tutti-doc-links-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let doc = dir.join("doc.md");
    std::fs::write(&doc, text).unwrap();
    std::fs::write(dir.join("README.md"), "").unwrap();
    let problems = link_problems(&doc);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("#nowhere") && problems[1].contains("no-such-file.md"));
}

#[test]
fn the_readme_is_a_short_front_page_that_starts_with_installing() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let lines: Vec<&str> = readme.lines().collect();
    assert!(
        lines.len() <= 200,
        "README.md has {} lines; keep it to 200 and move the rest into docs/",
        lines.len()
    );
    let top = lines[..lines.len().min(60)].join("\n");
    for install in ["cargo deb", "sudo apt install ./", "cargo install --path ."] {
        assert!(
            top.contains(install),
            "the README's first 60 lines say how to install: `{install}` is missing"
        );
    }
    for command in ["`cargo run --release`", "`cargo test`"] {
        assert!(readme.contains(command), "the README gives {command}");
    }
    let ci = std::fs::read_to_string(".ci/run").unwrap();
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test"),
        ".ci/run runs the README's test command, `cargo test`, as it stands"
    );
}

#[test]
fn nothing_cites_a_design_file_the_repository_does_not_have() {
    let missing = ["DESIGN", ".md"].concat();
    let mut found = Vec::new();
    let mut folders = vec![
        PathBuf::from("src"),
        PathBuf::from("tests"),
        PathBuf::from("docs"),
        PathBuf::from("scripts"),
        PathBuf::from("benches"),
        PathBuf::from("examples"),
    ];
    let mut files = vec![PathBuf::from("README.md")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    for path in files {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        if String::from_utf8_lossy(&bytes).contains(&missing) {
            found.push(path.display().to_string());
        }
    }
    assert!(
        found.is_empty(),
        "{missing} is not in this repository; cite docs/rules.md (the rules) or docs/cli.md \
         instead, in: {}",
        found.join(", ")
    );
}

#[test]
fn the_committed_man_pages_are_the_command_lines_help_now() {
    // The Debian package installs packaging/man (cargo-deb compresses them): made again from the
    // help as it is, they must come out the same (`cargo run --example manpage` writes them).
    use clap::CommandFactory;
    let dir = std::env::temp_dir().join(format!("tutti-man-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    clap_mangen::generate_to(tutti::cli::Cli::command(), &dir).unwrap();
    let names = |d: &std::path::Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let committed = std::path::Path::new("packaging/man");
    assert_eq!(names(&dir), names(committed), "the same pages");
    for name in names(&dir) {
        let now = std::fs::read_to_string(dir.join(&name)).unwrap();
        let kept = std::fs::read_to_string(committed.join(&name)).unwrap();
        assert!(
            now == kept,
            "packaging/man/{name} is out of date: run `cargo run --example manpage`"
        );
    }
}
