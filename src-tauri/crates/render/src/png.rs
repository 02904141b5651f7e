//! SVG to PNG with resvg, drawing text with the embedded Noto Sans JP only.
//!
//! resvg's own font fallback ignores fontconfig and silently draws nothing when a
//! family is missing, so the database holds exactly the embedded faces, every
//! generic family points at them, and the scene's characters are checked for
//! coverage before anything is drawn.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use orgpath_draw::font::{Metrics, Weight, BOLD, FAMILY, REGULAR};
use orgpath_draw::scene::{Lang, Scene};

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PngError {
    #[error("the font cannot draw {}: {list} (fonts: {FAMILY} Regular and Bold, embedded)", if .chars.len() == 1 { "this character" } else { "these characters" }, list = .chars.iter().map(|c| format!("'{c}' U+{:04X}", *c as u32)).collect::<Vec<_>>().join(", "))]
    MissingGlyphs { chars: Vec<char> },
    #[error("scale must be between {MIN_SCALE} and {MAX_SCALE}, not {0}")]
    Scale(f32),
    #[error(
        "the image would be {width}x{height} px, over the PNG limits ({max} px a side, 64 Mpx in all); use a smaller scale"
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
    out.extend(scene.legend.iter().flat_map(|l| {
        let family = l.family.as_deref().unwrap_or("");
        let mut missing = m.missing(&l.label, Weight::Regular);
        missing.extend(m.missing(family, Weight::Bold));
        missing
    }));
    out.sort_unstable();
    out.dedup();
    out
}

/// The largest side a PNG may have: tiny-skia's and most viewers' own limit.
pub const MAX_SIDE: u32 = 16_384;

/// The most pixels a PNG may have: 64 Mpx (for example 8192x8192). The pixmap takes
/// 4 bytes a pixel and encoding copies it once more (tiny-skia un-premultiplies into
/// a second buffer), so the pixels of an export stay under 512 MiB; with the scene
/// and one layer's usvg tree a 100,000-card export peaks well under 1.5 GB. Images
/// this size are already larger than screens or printers use at once: for more
/// detail the PDF and SVG exports are vector.
pub const MAX_PIXELS: u64 = 64 * 1024 * 1024;

/// usvg's own limit on XML nodes (elements and text) in one document.
pub const MAX_ELEMENTS: usize = 1_000_000;

/// How many XML nodes one layer of a large drawing holds: far below usvg's limit, so
/// that only one layer's tree is in memory at a time.
pub const LAYER_NODES: usize = 200_000;

/// Text shorter than this on the image (px) is not drawn: it would be a smudge.
pub const MIN_TEXT_PX: f32 = 1.5;

/// The scales a caller may ask for.
pub const MIN_SCALE: f32 = 0.25;
pub const MAX_SCALE: f32 = 4.0;

/// The pixel size of a `width` x `height` drawing at `scale`.
pub fn pixels(width: f32, height: f32, scale: f32) -> (u32, u32) {
    (
        ((width * scale).ceil() as u32).max(1),
        ((height * scale).ceil() as u32).max(1),
    )
}

/// The largest scale, at most `requested`, at which a `width` x `height` drawing fits
/// [`MAX_SIDE`] and [`MAX_PIXELS`]. Never fails: a huge drawing gets a tiny scale.
pub fn fitting_scale(width: f32, height: f32, requested: f32) -> f32 {
    let fits = |s: f32| {
        let (w, h) = pixels(width, height, s);
        w <= MAX_SIDE && h <= MAX_SIDE && u64::from(w) * u64::from(h) <= MAX_PIXELS
    };
    if fits(requested) {
        return requested;
    }
    let (width, height) = (width.max(1.0), height.max(1.0));
    let side = MAX_SIDE as f32 / width.max(height);
    let area = (MAX_PIXELS as f32 / (width * height)).sqrt();
    // Rounded down to 1/1000 so the note reads well, then nudged until the ceilings
    // of both sides fit too.
    let mut s = (side.min(area).min(requested) * 1000.0).floor() / 1000.0;
    while !fits(s) && s > 1e-6 {
        s *= 0.999;
    }
    s.max(1e-6)
}

/// A PNG and how it was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Raster {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// The scale drawn at: the one asked for, or less when that would not fit.
    pub scale: f32,
}

/// Characters of `texts` the embedded font cannot draw.
pub fn missing_in(texts: &[orgpath_draw::scene::TextRun]) -> Vec<char> {
    let m = Metrics::get();
    let mut out: Vec<char> = texts
        .iter()
        .flat_map(|t| m.missing(&t.text, t.weight))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Renders `svg` (made from `scene`) to PNG bytes at `scale`, as one document: for
/// drawings of any size use [`scene_png`], which picks a scale that fits and paints
/// in layers.
pub fn png(scene: &Scene, svg: &str, scale: f32) -> Result<Vec<u8>, PngError> {
    if !(MIN_SCALE..=MAX_SCALE).contains(&scale) {
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

/// Renders `svg` to PNG bytes at `scale` ([`MIN_SCALE`] to [`MAX_SCALE`]), with no
/// glyph check: callers check the text they drew first. Slides use this; they are a
/// fixed 1920x1080 and always fit.
pub fn rasterise(svg: &str, lang: Lang, scale: f32) -> Result<Vec<u8>, PngError> {
    if !(MIN_SCALE..=MAX_SCALE).contains(&scale) {
        return Err(PngError::Scale(scale));
    }
    let tree = parse(svg, &usvg_options(lang))?;
    let size = tree.size();
    let (w, h) = pixels(size.width(), size.height(), scale);
    if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(PngError::TooLarge {
            width: w,
            height: h,
            max: MAX_SIDE,
        });
    }
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or(PngError::TooLarge {
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

/// Reads one SVG document, refusing one over usvg's node limit with a message that
/// says what to do (usvg's own is a bare "nodes limit reached").
fn parse(svg: &str, options: &usvg::Options<'_>) -> Result<usvg::Tree, PngError> {
    // Every node is an element or a text node, and there are never more text nodes
    // than elements: twice the tags bounds the count from above.
    let elements = svg.matches('<').count();
    if elements * 2 > MAX_ELEMENTS {
        return Err(PngError::TooComplex {
            elements,
            max: MAX_ELEMENTS / 2,
        });
    }
    usvg::Tree::from_str(svg, options).map_err(|e| PngError::Svg(e.to_string()))
}

/// Draws `scene` as PNG at `scale`, or at the largest smaller scale that fits the
/// pixel limits ([`fitting_scale`]). The drawing is painted in layers of at most
/// [`LAYER_NODES`] nodes onto one pixmap, so any number of cards can be drawn and only
/// one layer's usvg tree is in memory at a time.
pub fn scene_png(
    scene: &Scene,
    options: &super::SvgOptions,
    scale: f32,
) -> Result<Raster, PngError> {
    layered_png(scene, options, scale, LAYER_NODES)
}

/// [`scene_png`] with layers of at most `max_nodes` nodes.
fn layered_png(
    scene: &Scene,
    options: &super::SvgOptions,
    scale: f32,
    max_nodes: usize,
) -> Result<Raster, PngError> {
    // A fitted box may ask for more than MAX_SCALE (a small drawing in 4K); the pixel
    // limits bound the result either way.
    if !(scale.is_finite() && scale > 0.0) {
        return Err(PngError::Scale(scale));
    }
    let missing = missing_glyphs(scene);
    if !missing.is_empty() {
        return Err(PngError::MissingGlyphs { chars: missing });
    }
    let (cw, ch) = super::svg::canvas_size(scene, options);
    let scale = fitting_scale(cw, ch, scale);
    let (w, h) = pixels(cw, ch, scale);
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or(PngError::TooLarge {
        width: w,
        height: h,
        max: MAX_SIDE,
    })?;
    let usvg_options = usvg_options(scene.lang);
    // Text under 1.5 px tall at this scale is left out (see Layer::min_text).
    let min_text = MIN_TEXT_PX / scale;
    let mut todo = super::svg::layers(scene, max_nodes);
    for l in &mut todo {
        l.min_text = min_text;
    }
    todo.reverse();
    while let Some(part) = todo.pop() {
        let svg = super::svg::layer(scene, options, &part);
        let tree = match parse(&svg, &usvg_options) {
            // The estimate was low (very long labels): halve the layer and go on.
            Err(PngError::TooComplex { .. }) if splittable(&part) => {
                let (a, b) = split(&part);
                todo.push(b);
                todo.push(a);
                continue;
            }
            r => r?,
        };
        drop(svg);
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
    }
    let png = pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))?;
    Ok(Raster {
        png,
        width: w,
        height: h,
        scale,
    })
}

fn splittable(l: &super::svg::Layer) -> bool {
    l.regions.len() + l.edges.len() + l.cards.len() + l.labels.len() > 1
}

/// Two layers that together paint what `l` does, in the same order.
fn split(l: &super::svg::Layer) -> (super::svg::Layer, super::svg::Layer) {
    use std::ops::Range;
    let ranges = [&l.regions, &l.edges, &l.cards, &l.labels];
    let total: usize = ranges.iter().map(|r| r.len()).sum();
    let mut left = total / 2;
    let mut a: [Range<usize>; 4] = Default::default();
    let mut b: [Range<usize>; 4] = Default::default();
    for (k, r) in ranges.iter().enumerate() {
        let take = left.min(r.len());
        a[k] = r.start..r.start + take;
        b[k] = r.start + take..r.end;
        left -= take;
    }
    let [ar, ae, ac, al] = a;
    let [br, be, bc, bl] = b;
    (
        super::svg::Layer {
            regions: ar,
            edges: ae,
            cards: ac,
            labels: al,
            background: l.background,
            legend: false,
            min_text: l.min_text,
        },
        super::svg::Layer {
            regions: br,
            edges: be,
            cards: bc,
            labels: bl,
            background: false,
            legend: l.legend,
            min_text: l.min_text,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SvgOptions;
    use orgpath_draw::scene::View;
    use orgpath_draw::views::{self, SceneOptions};

    #[test]
    fn the_fitting_scale_is_the_largest_that_fits() {
        // The strip from issue 11: 1195x17868 at scale 1.
        let s = fitting_scale(1195.0, 17868.0, 1.0);
        let (w, h) = pixels(1195.0, 17868.0, s);
        assert!(h <= MAX_SIDE && w <= MAX_SIDE, "{w}x{h}");
        assert!(s > 0.91 && s < 0.92, "{s}");
        // Square and large: the pixel budget decides, not the side.
        let s = fitting_scale(12000.0, 12000.0, 2.0);
        let (w, h) = pixels(12000.0, 12000.0, s);
        assert!(u64::from(w) * u64::from(h) <= MAX_PIXELS);
        assert!(
            u64::from(w + 20) * u64::from(h + 20) > MAX_PIXELS,
            "not much smaller than it could be"
        );
        // What fits keeps the scale asked for.
        assert_eq!(fitting_scale(800.0, 600.0, 2.5), 2.5);
        // Absurd drawings still get a scale, and a pixmap of at least 1x1.
        let s = fitting_scale(1.0e9, 10.0, 1.0);
        assert!(s > 0.0 && pixels(1.0e9, 10.0, s).0 <= MAX_SIDE);
    }

    #[test]
    fn layers_paint_the_same_pixels_as_one_document() {
        let d = crate::people(60, 5);
        let scene = views::scene(
            &d,
            View::Org,
            &SceneOptions::new(orgpath_draw::scene::Lang::En),
        );
        let options = SvgOptions::default();
        let whole = layered_png(&scene, &options, 0.5, usize::MAX).unwrap();
        let layers = crate::svg::layers(&scene, 300);
        assert!(
            layers.len() > 3,
            "the test splits the drawing: {}",
            layers.len()
        );
        let parts = layered_png(&scene, &options, 0.5, 300).unwrap();
        assert_eq!((whole.width, whole.height), (parts.width, parts.height));
        let (a, b) = (
            tiny_skia::Pixmap::decode_png(&whole.png).unwrap(),
            tiny_skia::Pixmap::decode_png(&parts.png).unwrap(),
        );
        let differ = a
            .pixels()
            .iter()
            .zip(b.pixels())
            .filter(|(x, y)| x != y)
            .count();
        assert!(
            differ * 1000 < a.pixels().len(),
            "{differ} of {} pixels differ",
            a.pixels().len()
        );
    }
}
