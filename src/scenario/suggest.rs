//! "Did you mean …": the nearest known name to a misspelt one.

/// The candidate closest to `found`, if it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    found: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = found.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| {
            *d <= (c.chars().count().max(found.chars().count()) / 3).max(1)
                + usize::from(c.len() > 4)
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The field most likely meant by a misspelt or shortened field name: a near miss
/// (`tempo_bmp` → `tempo_bpm`), else the one field that starts with it, that it starts with,
/// or that has it as a word (`from` → `from_bar`, `ident` → `id`, `bpm` → `tempo_bpm`).
pub(crate) fn nearest_field<'a>(
    found: &str,
    fields: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    if let Some(near) = did_you_mean(found, fields.clone()) {
        return Some(near);
    }
    let lower = found.to_lowercase();
    if lower.len() < 2 {
        return None;
    }
    let mut words = fields.into_iter().filter(|f| {
        f.starts_with(lower.as_str())
            || (f.len() >= 2 && lower.starts_with(f))
            || f.split('_').any(|w| w == lower)
    });
    match (words.next(), words.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// `"a", "b", "c"`: a list of names for a message.
pub(crate) fn quoted_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// ` (did you mean "x"?)` or nothing.
pub fn hint<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(found, candidates)
        .map_or_else(String::new, |s| format!(" (did you mean \"{s}\"?)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_are_suggested() {
        let ids = ["service", "billing", "it", "sales"];
        assert_eq!(did_you_mean("biling", ids), Some("billing"));
        assert_eq!(did_you_mean("Service", ids), Some("service"));
        assert_eq!(
            did_you_mean("tempo", ["tempo_bpm", "title"]),
            Some("tempo_bpm")
        );
        assert_eq!(did_you_mean("speed", ["tempo_bpm", "title"]), None);
        assert_eq!(
            did_you_mean("tempo_bmp", ["tempo_bpm", "title"]),
            Some("tempo_bpm")
        );
        assert_eq!(did_you_mean("marketing", ids), None);
    }

    #[test]
    fn shortened_fields_are_suggested() {
        let range = ["from_bar", "until_bar"];
        assert_eq!(nearest_field("from", range), Some("from_bar"));
        assert_eq!(nearest_field("until", range), Some("until_bar"));
        assert_eq!(nearest_field("to", range), None);
        assert_eq!(nearest_field("ident", ["id", "name"]), Some("id"));
        assert_eq!(
            nearest_field("bpm", ["title", "tempo_bpm"]),
            Some("tempo_bpm")
        );
        assert_eq!(
            nearest_field("bars", ["length_bars", "rescue_bars"]),
            None,
            "two fit: no guess"
        );
    }
}
