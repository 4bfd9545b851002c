//! DejaVu Sans (with æøå and the shape glyphs) replaces Bevy's built-in font, so every text uses it.

use bevy::prelude::*;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The bold face, for headings and big figures.
#[derive(Resource, Clone)]
pub struct Fonts {
    pub bold: Handle<Font>,
}

pub(super) fn plugin(app: &mut App) {
    let Some(mut fonts) = app.world_mut().get_resource_mut::<Assets<Font>>() else {
        return;
    };
    // The default handle is what every TextFont uses unless told otherwise.
    let _ = fonts.insert(AssetId::default(), Font::from_bytes(REGULAR.to_vec()));
    let bold = fonts.add(Font::from_bytes(BOLD.to_vec()));
    app.insert_resource(Fonts { bold });
}
