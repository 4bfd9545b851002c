//! The stage: staves, musicians, notes, slurs, the audience and the meter, drawn in a 1280×720
//! world that the camera scales to the window. Reads the performance; decides nothing.

mod art;
pub mod audience;
mod banner;
pub mod chairs;
mod conductor;
pub mod feedback;
mod figures;
mod layout;
mod musicians;
mod names;
pub mod notes;
pub mod players;
mod text;
mod visibility;

use bevy::prelude::*;

pub(crate) use layout::{HEIGHT, WIDTH, color_of, glyph as layout_glyph};
pub use musicians::{KeyCap, MusicianName};
pub use text::{MIN_TEXT, StageText};

pub(crate) use crate::states::OnStage;

pub(super) fn plugin(app: &mut App) {
    app.add_computed_state::<OnStage>();
    art::plugin(app);
    players::plugin(app);
    conductor::plugin(app);
    musicians::plugin(app);
    notes::plugin(app);
    chairs::plugin(app);
    audience::plugin(app);
    feedback::plugin(app);
    banner::plugin(app);
    text::plugin(app);
}
