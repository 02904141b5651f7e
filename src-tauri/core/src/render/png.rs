//! SVG to PNG with resvg, drawing text with the embedded Noto Sans JP only.
//!
//! resvg's own font fallback ignores fontconfig and silently draws nothing when a
//! family is missing, so the database holds exactly the embedded faces, every
//! generic family points at them, and the scene's characters are checked for
//! coverage before anything is drawn.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::font::{Metrics, Weight, BOLD, FAMILY, REGULAR};
use crate::scene::{Lang, Scene};

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PngError {
    #[error("the font cannot draw {}: {list} (fonts: {FAMILY} Regular and Bold, embedded)", if .chars.len() == 1 { "this character" } else { "these characters" }, list = .chars.iter().map(|c| format!("'{c}' U+{:04X}", *c as u32)).collect::<Vec<_>>().join(", "))]
    MissingGlyphs { chars: Vec<char> },
    #[error("scale must be between 1 and 4, not {0}")]
    Scale(f32),
    #[error(
        "the image would be {width}x{height} px, larger than {max}x{max}; use a smaller scale"
    )]
    TooLarge { width: u32, height: u32, max: u32 },
    #[error("the diagram has {elements} SVG elements, more than the PNG renderer reads ({max}); export SVG instead, or fold subtrees away (--collapse)")]
    TooComplex { elements: usize, max: usize },
    #[error("the SVG could not be read: {0}")]
    Svg(String),
    #[error("the PNG could not be encoded: {0}")]
    Encode(String),
}

/// The font database, built once per process.
pub fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(REGULAR)));
        db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(BOLD)));
        // A name that matches nothing would silently draw no text: make every generic
        // family the embedded one.
        db.set_sans_serif_family(FAMILY);
        db.set_serif_family(FAMILY);
        db.set_monospace_family(FAMILY);
        db.set_cursive_family(FAMILY);
        db.set_fantasy_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Characters of the scene the embedded font cannot draw.
pub fn missing_glyphs(scene: &Scene) -> Vec<char> {
    let m = Metrics::get();
    let mut out: Vec<char> = scene
        .texts()
        .flat_map(|t| m.missing(&t.text, t.weight))
        .collect();
    out.extend(
        scene
            .legend
            .iter()
            .flat_map(|l| m.missing(&l.label, Weight::Regular)),
    );
    out.sort_unstable();
    out.dedup();
    out
}

/// The largest side a PNG may have (tiny-skia and viewers cope; memory stays < 1 GB).
pub const MAX_SIDE: u32 = 16_384;

/// usvg's own limit on elements in one document.
pub const MAX_ELEMENTS: usize = 1_000_000;

/// Characters of `texts` the embedded font cannot draw.
pub fn missing_in(texts: &[crate::scene::TextRun]) -> Vec<char> {
    let m = Metrics::get();
    let mut out: Vec<char> = texts
        .iter()
        .flat_map(|t| m.missing(&t.text, t.weight))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Renders `svg` (made from `scene`) to PNG bytes at `scale` (1–4).
pub fn png(scene: &Scene, svg: &str, scale: f32) -> Result<Vec<u8>, PngError> {
    if !(1.0..=4.0).contains(&scale) {
        return Err(PngError::Scale(scale));
    }
    let missing = missing_glyphs(scene);
    if !missing.is_empty() {
        return Err(PngError::MissingGlyphs { chars: missing });
    }
    rasterise(svg, scene.lang, scale)
}

/// How usvg reads orgpath's SVG: the embedded fonts only, in the drawing's language.
pub fn usvg_options(lang: Lang) -> usvg::Options<'static> {
    usvg::Options {
        font_family: FAMILY.to_owned(),
        fontdb: fontdb(),
        languages: vec![lang.as_str().to_owned()],
        ..usvg::Options::default()
    }
}

/// Renders `svg` to PNG bytes at `scale` (1–4), with no glyph check: callers check
/// the text they drew first.
pub fn rasterise(svg: &str, lang: Lang, scale: f32) -> Result<Vec<u8>, PngError> {
    if !(1.0..=4.0).contains(&scale) {
        return Err(PngError::Scale(scale));
    }
    // usvg stops at a million elements with a bare "nodes limit reached"; say what to do
    // instead. Counting tags over-estimates a little, which errs on the clear side.
    let elements = svg.matches('<').count();
    if elements > MAX_ELEMENTS {
        return Err(PngError::TooComplex {
            elements,
            max: MAX_ELEMENTS,
        });
    }
    let options = usvg_options(lang);
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| PngError::Svg(e.to_string()))?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    if w > MAX_SIDE || h > MAX_SIDE {
        return Err(PngError::TooLarge {
            width: w,
            height: h,
            max: MAX_SIDE,
        });
    }
    let mut pixmap = tiny_skia::Pixmap::new(w.max(1), h.max(1)).ok_or(PngError::TooLarge {
        width: w,
        height: h,
        max: MAX_SIDE,
    })?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}
