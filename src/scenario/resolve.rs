//! A validated scenario with every default filled in, in the shape the simulation and the game use.

use super::defaults;
use super::keys::canonical_key;
use super::pitch::{Pitch, parse_pitch};
use super::schema::{Colleague, Instrument, PadButton, Scenario, Shape, Step};

/// An RGB colour, each channel 0–255.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Parses `"#RRGGBB"`.
pub fn parse_color(text: &str) -> Option<Rgb> {
    let hex = text.trim().strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
}

/// A department with every default applied.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentInfo {
    pub id: String,
    pub name: String,
    pub instrument: Instrument,
    /// Canonical key name, see [`super::keys`].
    pub key: &'static str,
    pub button: PadButton,
    pub color: Rgb,
    pub shape: Shape,
}

/// Who may play a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// A department's own note (its index).
    Dept(usize),
    /// A gap note between two departments (indices), or anyone's when `None`.
    Gap(Option<(usize, usize)>),
}

/// A step with its owner resolved to department indices.
#[derive(Debug, Clone, PartialEq)]
pub struct StepInfo {
    pub owner: Owner,
    pub pitch: Pitch,
    pub beats: u32,
    pub label: Option<String>,
}

/// A case template with resolved steps.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseInfo {
    pub id: String,
    pub name: String,
    pub weight: f64,
    pub patience_bars: u32,
    pub steps: Vec<StepInfo>,
}

impl Scenario {
    /// The index of a department id.
    pub fn department_index(&self, id: &str) -> Option<usize> {
        self.departments.iter().position(|d| d.id == id)
    }

    /// The departments with defaults applied. Call on a validated scenario.
    pub fn department_infos(&self) -> Vec<DepartmentInfo> {
        // Written keys first; departments without one get the next default key nobody uses.
        let written: Vec<Option<&'static str>> = self
            .departments
            .iter()
            .map(|d| d.key.as_deref().and_then(|k| canonical_key(k).ok()))
            .collect();
        let mut free = defaults::KEYS
            .iter()
            .copied()
            .filter(|k| !written.contains(&Some(*k)))
            .chain(
                super::keys::PLAYABLE
                    .iter()
                    .copied()
                    .filter(|k| !written.contains(&Some(*k))),
            );
        let mut keys: Vec<&'static str> = Vec::with_capacity(written.len());
        for w in &written {
            let key = match w {
                Some(k) => *k,
                None => free.by_ref().find(|k| !keys.contains(k)).unwrap_or("A"),
            };
            keys.push(key);
        }
        self.departments
            .iter()
            .enumerate()
            .map(|(i, d)| DepartmentInfo {
                id: d.id.clone(),
                name: d.name.clone().unwrap_or_else(|| d.id.clone()),
                instrument: d
                    .instrument
                    .unwrap_or(Instrument::ALL[i % Instrument::ALL.len()]),
                key: keys[i],
                button: d.button.unwrap_or(PadButton::ALL[i % PadButton::ALL.len()]),
                color: d
                    .color
                    .as_deref()
                    .and_then(parse_color)
                    .or_else(|| parse_color(defaults::COLORS[i % defaults::COLORS.len()]))
                    .unwrap_or(Rgb(200, 200, 200)),
                shape: d.shape.unwrap_or(Shape::ALL[i % Shape::ALL.len()]),
            })
            .collect()
    }

    /// The case templates with owners and pitches resolved. Call on a validated scenario.
    pub fn case_infos(&self) -> Vec<CaseInfo> {
        let dept = |id: &str| self.department_index(id).unwrap_or(0);
        self.cases
            .iter()
            .map(|c| CaseInfo {
                id: c.id.clone(),
                name: c.name.clone().unwrap_or_else(|| c.id.clone()),
                weight: c.weight,
                patience_bars: c.patience_bars,
                steps: c
                    .steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| StepInfo {
                        owner: match s {
                            Step::Note { by, .. } => Owner::Dept(dept(by)),
                            Step::Gap { between, .. } => {
                                Owner::Gap(between.as_ref().map(|(a, b)| (dept(a), dept(b))))
                            }
                        },
                        pitch: s
                            .pitch()
                            .and_then(|p| parse_pitch(p).ok())
                            .or_else(|| {
                                parse_pitch(defaults::PITCHES[i % defaults::PITCHES.len()]).ok()
                            })
                            .unwrap_or(Pitch(60)),
                        beats: s.beats(),
                        label: s.label().map(str::to_owned),
                    })
                    .collect(),
            })
            .collect()
    }

    /// The colleague settings for a department, defaults where the scenario has no entry.
    pub fn colleague(&self, dept: usize) -> Colleague {
        let id = &self.departments[dept].id;
        self.colleagues
            .iter()
            .find(|c| &c.department == id)
            .cloned()
            .unwrap_or_else(|| Colleague {
                department: id.clone(),
                skill: defaults::skill(),
                timing_sd_ms: defaults::timing_sd_ms(),
                busy: Vec::new(),
                busy_skill: defaults::busy_skill(),
                initiative: defaults::initiative(),
                follow_up: defaults::follow_up(),
            })
    }

    /// The last bar random arrivals may fall in.
    pub fn arrivals_until(&self) -> u32 {
        match &self.arrivals {
            super::schema::Arrivals::Random { until_bar, .. } => {
                until_bar.unwrap_or(self.length_bars)
            }
            super::schema::Arrivals::Scripted(_) => self.length_bars,
        }
    }
}
