//! The game: Bevy plugins that drive the simulation (input, clock) and show it (stage, sound).
//! Imports the lower layers and the shared [`crate::states`], never the screens.

pub mod audience_phones;
mod automation;
pub mod catalog;
pub(crate) mod device;
pub mod export;
pub mod finished;
mod focus;
pub(crate) mod frame_report;
pub mod input;
pub mod orchestra;
mod pads;
pub mod performance;
pub mod phones;
pub mod playback;
pub mod screen_log;
pub mod session;
pub mod sound;
pub mod stage;
pub mod table;
pub mod vote;
pub mod window;

pub(crate) use stage::layout_glyph as glyph;

use bevy::prelude::*;

/// The game's plugins that run headless too (no window, no audio device).
pub(crate) fn plugin(app: &mut App) {
    catalog::plugin(app);
    performance::plugin(app);
    playback::plugin(app);
    input::plugin(app);
    pads::plugin(app);
    phones::plugin(app);
    audience_phones::plugin(app);
    vote::plugin(app);
    finished::plugin(app);
    export::plugin(app);
    focus::plugin(app);
    screen_log::plugin(app);
    session::plugin(app);
    stage::plugin(app);
    automation::plugin(app);
    table::plugin(app);
    frame_report::plugin(app);
}
