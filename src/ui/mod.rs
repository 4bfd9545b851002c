//! Look and words: themes, fonts, texts in Danish and English, and small widget functions.

pub(crate) mod fonts;
pub mod i18n;
pub mod keys;
pub(crate) mod palette;
pub(crate) mod text_entry;
pub mod widgets;

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    fonts::plugin(app);
    i18n::plugin(app);
    palette::plugin(app);
    widgets::plugin(app);
    text_entry::plugin(app);
}
