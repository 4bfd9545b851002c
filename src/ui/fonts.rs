//! DejaVu Sans (with æøå and the shape glyphs) replaces Bevy's built-in font, so every text uses it.

use bevy::prelude::*;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The bold face, for headings and big figures.
#[derive(Resource, Clone)]
pub(crate) struct Fonts {
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

/// The width in pixels of `text` set in DejaVu Sans (regular) at `size`: its widest line. Sums
/// the glyphs' advances without kerning, so it is never narrower than the text is drawn.
pub(crate) fn text_width(text: &str, size: f32) -> f32 {
    use ab_glyph::Font as _;
    let font = regular();
    let em = font.units_per_em().unwrap_or(2048.0);
    let line_width = |line: &str| -> f32 {
        line.chars()
            .map(|c| font.h_advance_unscaled(font.glyph_id(c)))
            .sum()
    };
    text.lines().map(line_width).fold(0.0, f32::max) * size / em
}

/// DejaVu Sans, read once for measuring.
fn regular() -> &'static ab_glyph::FontRef<'static> {
    static FONT: std::sync::OnceLock<ab_glyph::FontRef<'static>> = std::sync::OnceLock::new();
    FONT.get_or_init(|| {
        ab_glyph::FontRef::try_from_slice(REGULAR).expect("DejaVu Sans is built in")
    })
}

#[cfg(test)]
mod tests {
    use super::text_width;

    #[test]
    fn text_is_as_wide_as_its_widest_line_and_grows_with_its_size() {
        let one = text_width("Hospital pharmacy", 18.0);
        // DejaVu Sans: about 0.55 of the size per character for ordinary words.
        assert!((150.0..190.0).contains(&one), "{one}");
        assert_eq!(text_width("Hospital pharmacy\nand", 18.0), one);
        assert!((text_width("Hospital pharmacy", 36.0) - 2.0 * one).abs() < 0.01);
        assert!(text_width("MMMM", 18.0) > text_width("iiii", 18.0));
        assert_eq!(text_width("", 18.0), 0.0);
    }
}
