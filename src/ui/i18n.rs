//! The game's texts as a Bevy resource: [`crate::texts::Texts`], whose language follows the
//! settings, the system and the scenario on screen (see `crate::screens`, which knows the screens
//! and the levels).

use bevy::prelude::*;

/// The texts in use in the window (see [`crate::texts::Texts`]).
#[derive(Resource, Default, Deref, DerefMut)]
pub struct Texts(pub crate::texts::Texts);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Texts>();
}
