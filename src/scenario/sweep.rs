//! Setting number fields of a scenario's text by their path, for `tutti simulate --set`: the
//! text is changed where the value is written (comments and layout stay), so the file is loaded
//! and checked as usual.

use super::locate::SourceMap;

/// One `--set PATH=V1,V2,…`: a path (`colleagues.*.follow_up`, `audience.wait_drain`,
/// `cases.0.patience_bars`; `*` stands for every element of a list) and the values to try.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    pub path: String,
    pub values: Vec<f64>,
    /// The values as typed, for messages (`0,3,0,4`).
    pub written: String,
}

impl std::str::FromStr for Setting {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (path, written) = s.split_once('=').ok_or_else(|| {
            format!("expected PATH=V1,V2,…, e.g. colleagues.*.follow_up=0.1,0.3,0.5; got {s}")
        })?;
        let values = written
            .split(',')
            .map(|v| {
                v.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|x| x.is_finite())
                    .ok_or_else(|| format!("{path}: \"{}\" is not a number (decimal point, values separated by commas)", v.trim()))
            })
            .collect::<Result<Vec<f64>, String>>()?;
        Ok(Setting {
            path: path.trim().to_owned(),
            values,
            written: written.trim().to_owned(),
        })
    }
}

/// `colleagues[0].follow_up` and `colleagues.0.follow_up` alike, as segments.
fn segments(path: &str) -> Vec<String> {
    path.replace('[', ".")
        .replace(']', "")
        .split('.')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether a written path matches a pattern (`*` matches any list index).
fn matches(written: &[String], pattern: &[String]) -> bool {
    written.len() == pattern.len()
        && written
            .iter()
            .zip(pattern)
            .all(|(w, p)| w == p || (p == "*" && w.chars().all(|c| c.is_ascii_digit())))
}

/// Where numbers are written at a path matching `path` in `src`.
fn number_spans(src: &str, path: &str) -> Vec<std::ops::Range<usize>> {
    let pattern = segments(path);
    let map = SourceMap::build(src);
    map.written()
        .filter(|(p, _)| matches(&segments(p), &pattern))
        .map(|(_, r)| r.start..r.end)
        .filter(|r| {
            src.get(r.start..r.end)
                .is_some_and(|t| t.trim().parse::<f64>().is_ok())
        })
        .collect()
}

/// Checks a `--set` before anything is played, the way the file's own numbers are read: values
/// that look like decimal commas (the file writes a fraction there, and every value was typed
/// whole: `per_bar=0,3,0,4` for 0.3 and 0.4), and each value the file would refuse (out of its
/// range, a fraction where a whole number belongs). Every message names the `--set`, not a line
/// of the file, which says something else.
pub(crate) fn check_setting(file: &str, src: &str, setting: &Setting) -> Result<(), String> {
    let given = format!("--set {}={}", setting.path, setting.written);
    let written_fraction = number_spans(src, &setting.path)
        .iter()
        .any(|r| src[r.clone()].contains('.'));
    let all_whole = !setting.written.contains('.');
    if written_fraction && all_whole && setting.values.len() > 1 {
        return Err(format!(
            "`{given}` looks like decimal commas: write {} (a decimal point, values separated by \
             commas)",
            decimal_points(&setting.values)
        ));
    }
    if super::load_str(file, src).is_err() {
        return Ok(()); // The file itself is wrong: loading it says so, with its lines.
    }
    for &v in &setting.values {
        let refused = set_number(src, &setting.path, v)
            .and_then(|t| super::load_str(file, &t).map_err(|e| e.0[0].message.clone()));
        if let Err(why) = refused {
            let v = number_text(v);
            return Err(format!("--set {}={v}: {why}", setting.path));
        }
    }
    Ok(())
}

/// What whole numbers typed with decimal commas meant: `0,3,0,4` → `0.3,0.4` (in pairs; an odd
/// count is shown as an example).
fn decimal_points(values: &[f64]) -> String {
    if values.len().is_multiple_of(2) {
        values
            .chunks(2)
            .map(|p| format!("{}.{}", number_text(p[0]), number_text(p[1])))
            .collect::<Vec<_>>()
            .join(",")
    } else {
        format!("e.g. {}.{}", number_text(values[0]), number_text(values[1]))
    }
}

/// `src` with every number written at a path matching `path` set to `value`. A path that matches
/// no number written in the file is an error naming it (a field left to its default must be
/// written before it can be swept).
pub(crate) fn set_number(src: &str, path: &str, value: f64) -> Result<String, String> {
    let mut spans = number_spans(src, path);
    if spans.is_empty() {
        return Err(format!(
            "--set {path}: no number is written at that path in the file (write the field first, \
             e.g. follow_up: 0.3, then sweep it)"
        ));
    }
    spans.sort_by_key(|r| std::cmp::Reverse(r.start));
    let text = number_text(value);
    let mut out = src.to_owned();
    for r in spans {
        out.replace_range(r.start..r.end, &text);
    }
    Ok(out)
}

/// A number as RON writes it: whole numbers without a decimal point (so whole-number fields
/// take them), others with a point.
fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_star_sets_every_element_and_whole_numbers_stay_whole() {
        let src = "Scenario(colleagues: [Colleague(department: \"a\", follow_up: 0.3), Colleague(department: \"b\", follow_up: 0.25)], length_bars: 8)";
        let out = set_number(src, "colleagues.*.follow_up", 0.5).unwrap();
        assert_eq!(out.matches("follow_up: 0.5").count(), 2, "{out}");
        let out = set_number(src, "length_bars", 12.0).unwrap();
        assert!(out.contains("length_bars: 12)"), "{out}");
        assert!(set_number(src, "colleagues.*.initiative", 0.1).is_err());
        assert!("x=1,zwei".parse::<Setting>().is_err());
        assert_eq!("a.b=1, 2.5".parse::<Setting>().unwrap().values, [1.0, 2.5]);
    }

    const FILE: &str = r#"Scenario(
        title: "t",
        tempo_bpm: 100,
        beats_per_bar: 4,
        length_bars: 8,
        departments: [Department(id: "a")],
        cases: [Case(id: "one", steps: [Note(by: "a")])],
        arrivals: Random(per_bar: 0.4),
        colleagues: [Colleague(department: "a", follow_up: 0.2)],
    )"#;

    fn check(set: &str) -> Result<(), String> {
        check_setting("t.ron", FILE, &set.parse::<Setting>().unwrap())
    }

    #[test]
    fn decimal_commas_are_named_with_the_fix() {
        let e = check("arrivals.per_bar=0,3,0,4").unwrap_err();
        assert_eq!(
            e,
            "`--set arrivals.per_bar=0,3,0,4` looks like decimal commas: write 0.3,0.4 (a decimal \
             point, values separated by commas)"
        );
        let e = check("colleagues.*.follow_up=0,2,0,4").unwrap_err();
        assert!(e.contains("write 0.2,0.4"), "{e}");
        assert!(check("arrivals.per_bar=0.3,0.4").is_ok());
        // Typed with a point, whole values are meant: 1.0 and 2.0 arrivals a bar.
        assert!(check("arrivals.per_bar=1.0,2.0").is_ok());
        // A whole-number field takes whole numbers.
        assert!(check("length_bars=8,12,16").is_ok());
    }

    #[test]
    fn a_value_out_of_range_names_the_set_not_the_file() {
        let e = check("arrivals.per_bar=0.5,9").unwrap_err();
        assert!(e.starts_with("--set arrivals.per_bar=9: "), "{e}");
        assert!(!e.contains("t.ron"), "{e}");
        let e = check("colleagues.*.follow_up=0.5,1.5").unwrap_err();
        assert!(e.starts_with("--set colleagues.*.follow_up=1.5: "), "{e}");
        let e = check("length_bars=8,12.5").unwrap_err();
        assert!(e.starts_with("--set length_bars=12.5: "), "{e}");
    }
}
