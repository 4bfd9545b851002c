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
}

impl std::str::FromStr for Setting {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (path, values) = s.split_once('=').ok_or_else(|| {
            format!("expected PATH=V1,V2,…, e.g. colleagues.*.follow_up=0.1,0.3,0.5; got {s}")
        })?;
        let values = values
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

/// `src` with every number written at a path matching `path` set to `value`. A path that matches
/// no number written in the file is an error naming it (a field left to its default must be
/// written before it can be swept).
pub fn set_number(src: &str, path: &str, value: f64) -> Result<String, String> {
    let pattern = segments(path);
    let map = SourceMap::build(src);
    let mut spans: Vec<_> = map
        .written()
        .filter(|(p, _)| matches(&segments(p), &pattern))
        .map(|(_, r)| r)
        .filter(|r| {
            src.get(r.start..r.end)
                .is_some_and(|t| t.trim().parse::<f64>().is_ok())
        })
        .collect();
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
}
