//! Typed indices into a resolved [`super::Scenario`]: which department, which case template.

/// A department by its position in the scenario's `departments` (top staff first, from 0).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct DeptId(pub usize);

/// A case template by its position in the scenario's `cases` (from 0).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct TemplateId(pub usize);
