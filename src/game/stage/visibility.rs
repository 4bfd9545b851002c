//! Showing and hiding a part of the stage.

use bevy::prelude::*;

/// Shows or hides a part, touching it only when that changes.
pub(super) fn show(vis: &mut Visibility, shown: bool) {
    let want = if shown {
        Visibility::Inherited
    } else {
        Visibility::Hidden
    };
    if *vis != want {
        *vis = want;
    }
}
