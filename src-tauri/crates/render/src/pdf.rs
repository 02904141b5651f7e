//! Slides to a PDF deck, one page per slide, with krilla and krilla-svg.
//!
//! Each slide's SVG is read by usvg with the same font database the PNG painter uses
//! (the embedded Noto Sans JP only), and drawn onto a page with its text kept as text:
//! the fonts are embedded as subsets with a Unicode map, so captions and labels can be
//! searched, selected and copied, Japanese included.

use krilla::destination::XyzDestination;
use krilla::geom::{Point, Size};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::Document;
use krilla_svg::{SurfaceExt, SvgSettings};
use resvg::usvg;
use serde::{Deserialize, Serialize};

use std::fmt::Write;

use orgpath_draw::font::{wrap, Metrics, Weight, FAMILY_LIST};
use orgpath_draw::scene::{Lang, Rect, Scene, TextRole, TextRun};

use super::clip::{clip, text_box, Policy};
use super::png::usvg_options;
use super::svg::{canvas_size, content, defs, escape, layer, layers, num, text, SvgOptions};
use super::theme::{Background, Palette};

/// A page in PDF points: 13.33 x 7.5 in, the usual widescreen slide.
pub const PAGE_WIDTH: f32 = 960.0;
pub const PAGE_HEIGHT: f32 = 540.0;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PdfError {
    #[error("the deck has no pages")]
    Empty,
    #[error("slide {page} could not be read: {message}")]
    Svg { page: usize, message: String },
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// One page of a deck: its SVG and the title of its bookmark.
pub struct Page<'a> {
    pub svg: &'a str,
    pub bookmark: String,
}

/// A deck of `pages`, titled `title`, in `lang`.
pub fn deck(pages: &[Page<'_>], title: &str, lang: Lang) -> Result<Vec<u8>, PdfError> {
    if pages.is_empty() {
        return Err(PdfError::Empty);
    }
    let options = usvg_options(lang);
    let size = Size::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("a positive page size");
    let mut document = Document::new();
    let mut outline = Outline::new();
    for (i, page) in pages.iter().enumerate() {
        let tree = usvg::Tree::from_str(page.svg, &options).map_err(|e| PdfError::Svg {
            page: i + 1,
            message: e.to_string(),
        })?;
        let mut p = document.start_page_with(PageSettings::new(size));
        let mut surface = p.surface();
        surface.draw_svg(
            &tree,
            size,
            SvgSettings {
                embed_text: true,
                ..SvgSettings::default()
            },
        );
        surface.finish();
        p.finish();
        outline.push_child(OutlineNode::new(
            page.bookmark.clone(),
            XyzDestination::new(i, Point::from_xy(0.0, 0.0)),
        ));
    }
    document.set_outline(outline);
    document.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language(lang.as_str().to_owned())
            .creator("orgpath".to_owned()),
    );
    document
        .finish()
        .map_err(|e| PdfError::Write(e.to_string()))
}

// ---------------------------------------------------------------------------------
// Posters: any view as a PDF, one page or tiled.

/// A paper size in PDF points (1/72 in), portrait.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paper {
    pub name: &'static str,
    pub width: f32,
    pub height: f32,
}

/// A paper by name: "a4", "a3", "a2", "a1", "letter", "legal" or "tabloid".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum PaperSize {
    A4,
    A3,
    A2,
    A1,
    Letter,
    Legal,
    Tabloid,
}

impl PaperSize {
    pub const ALL: [PaperSize; 7] = [
        PaperSize::A4,
        PaperSize::A3,
        PaperSize::A2,
        PaperSize::A1,
        PaperSize::Letter,
        PaperSize::Legal,
        PaperSize::Tabloid,
    ];

    /// Its size ([`PAPERS`] is in the same order).
    pub fn paper(self) -> Paper {
        PAPERS[self as usize]
    }
}

/// The paper sizes `--paper` (and `--fit` for PNG) name, in [`PaperSize`]'s order.
pub const PAPERS: [Paper; 7] = [
    Paper {
        name: "a4",
        width: 595.28,
        height: 841.89,
    },
    Paper {
        name: "a3",
        width: 841.89,
        height: 1190.55,
    },
    Paper {
        name: "a2",
        width: 1190.55,
        height: 1683.78,
    },
    Paper {
        name: "a1",
        width: 1683.78,
        height: 2383.94,
    },
    Paper {
        name: "letter",
        width: 612.0,
        height: 792.0,
    },
    Paper {
        name: "legal",
        width: 612.0,
        height: 1008.0,
    },
    Paper {
        name: "tabloid",
        width: 792.0,
        height: 1224.0,
    },
];

impl Paper {
    /// A paper by name, case-insensitive ("A4", "letter").
    pub fn parse(name: &str) -> Option<Paper> {
        let name = name.to_ascii_lowercase();
        PAPERS.iter().copied().find(|p| p.name == name)
    }

    /// The names, for messages: "a4, a3, …".
    pub fn names() -> String {
        PAPERS.iter().map(|p| p.name).collect::<Vec<_>>().join(", ")
    }

    /// (width, height) turned to match a `w` x `h` drawing: landscape for a wide one.
    pub fn oriented(self, w: f32, h: f32) -> (f32, f32) {
        if w > h {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }
}

/// Points per CSS pixel: a drawing at its natural size (96 px to the inch).
const NATURAL: f32 = 0.75;
/// The smallest printed size of a card title on a tiled poster (points).
pub const READABLE_PT: f32 = 8.0;
/// At most this many pages, the overview included; beyond it the tiles shrink.
pub const MAX_PAGES: usize = 100;
/// Page margin (points): inside what office printers can reach.
const MARGIN: f32 = 28.0;
/// The label band above each tile: the title, and the page's place in the grid.
const BAND: f32 = 22.0;
const LABEL_SIZE: f32 = 9.0;
/// Small drawings get one page of their own size when they fit this (A3, either way)
/// at their natural size, or shrunk with card titles still readable.
const OWN_PAGE_MAX: (f32, f32) = (841.89, 1190.55);
/// Drawn on a page's own, a drawing is not enlarged past this (points per pixel).
const MAX_FIT: f32 = 1.5;

/// One tile of a poster: where it is in the grid, and what part of the drawing it
/// shows (in drawing pixels).
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    pub row: usize,
    pub col: usize,
    pub rect: Rect,
}

/// How a drawing is laid onto pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Page size in points.
    pub page: (f32, f32),
    /// Points per drawing pixel.
    pub scale: f32,
    /// One page holding the whole drawing (legend included), or tiles after an
    /// overview page.
    pub tiles: Vec<Tile>,
    pub rows: usize,
    pub cols: usize,
    /// The smallest card title as printed (points).
    pub title_pt: f32,
    /// The paper's name, or None for a page the drawing's own size.
    pub paper: Option<&'static str>,
}

impl Plan {
    pub fn single(&self) -> bool {
        self.tiles.is_empty()
    }

    /// Pages in the PDF: one, or the overview and the tiles.
    pub fn pages(&self) -> usize {
        if self.single() {
            1
        } else {
            1 + self.tiles.len()
        }
    }
}

/// The smallest card title of `scene` in drawing pixels (or of any text, with no
/// titles; 12 for a scene with no text).
fn smallest_title(scene: &Scene) -> f32 {
    let min = |it: &mut dyn Iterator<Item = f32>| it.fold(f32::INFINITY, f32::min);
    let titles = min(&mut scene
        .cards
        .iter()
        .flat_map(|c| c.texts.iter())
        .filter(|t| t.role == TextRole::Title)
        .map(|t| t.size));
    if titles.is_finite() {
        return titles;
    }
    let any = min(&mut scene.texts().map(|t| t.size));
    if any.is_finite() {
        any
    } else {
        12.0
    }
}

/// The widest and tallest thing that must be whole on some page: cards, edge labels
/// and region texts (drawing pixels).
fn largest_item(scene: &Scene) -> (f32, f32) {
    let m = Metrics::get();
    let rects = scene
        .cards
        .iter()
        .map(|c| (c.rect.w, c.rect.h))
        .chain(scene.labels.iter().map(|l| (l.rect.w, l.rect.h)))
        .chain(
            scene
                .regions
                .iter()
                .flat_map(|r| r.texts.iter())
                .map(|t| (t.width, (m.ascent() + m.descent()) * t.size)),
        );
    rects.fold((0.0, 0.0), |(w, h), (a, b)| (w.max(a), h.max(b)))
}

/// Lays a `width` x `height` drawing (the scene's size, `full_height` with the
/// legend) onto pages of `paper`, or its own page when `paper` is None and it is small.
pub fn plan(scene: &Scene, full_height: f32, paper: Option<Paper>) -> Plan {
    let (w, h) = (scene.width.max(1.0), full_height.max(1.0));
    let title_px = smallest_title(scene);
    let single = |page: (f32, f32), scale: f32, paper: Option<&'static str>| Plan {
        page,
        scale,
        tiles: Vec::new(),
        rows: 1,
        cols: 1,
        title_pt: title_px * scale,
        paper,
    };
    let readable = READABLE_PT / title_px;
    let paper = match paper {
        Some(p) => p,
        None => {
            // Its own page: at its natural size, or shrunk to A3 while the titles
            // stay readable.
            let fit = (OWN_PAGE_MAX.0 / w.min(h)).min(OWN_PAGE_MAX.1 / w.max(h));
            let s = NATURAL.min(fit);
            if s >= readable {
                return single((w * s, h * s), s, None);
            }
            PAPERS[0]
        }
    };
    // On one sheet of the paper if it is readable there.
    let (pw, ph) = paper.oriented(w, h);
    let fit = ((pw - 2.0 * MARGIN) / w).min((ph - 2.0 * MARGIN) / h);
    if fit >= readable {
        return single((pw, ph), fit.min(MAX_FIT), Some(paper.name));
    }
    // Tiles, on whichever orientation needs fewer pages.
    let portrait = tile_grid(scene, (paper.width, paper.height), readable);
    let landscape = tile_grid(scene, (paper.height, paper.width), readable);
    let mut best = if landscape.tiles.len() < portrait.tiles.len() {
        landscape
    } else {
        portrait
    };
    best.title_pt = title_px * best.scale;
    best.paper = Some(paper.name);
    best
}

/// Tiles of `scene` on `page`-sized pages at `scale` points per pixel or less: each
/// tile overlaps its neighbours by the largest card, so every card lies whole on some
/// tile. Only the tiles [`covering_tiles`] picks are printed (a sparse tree leaves
/// many tiles with nothing whole on them), and the scale shrinks until they and the
/// overview fit [`MAX_PAGES`].
fn tile_grid(scene: &Scene, page: (f32, f32), scale: f32) -> Plan {
    let (w, h) = (scene.width.max(1.0), scene.height.max(1.0));
    let (item_w, item_h) = largest_item(scene);
    // Overlap: the largest item and a little air.
    let (ox, oy) = (item_w + 16.0, item_h + 16.0);
    let (cw, ch) = (page.0 - 2.0 * MARGIN, page.1 - 2.0 * MARGIN - BAND);
    // A tile holds at least two of the largest item across, so it always advances.
    let mut s = scale.min(cw / (2.0 * ox)).min(ch / (2.0 * oy));
    let items = whole_items(scene);
    loop {
        let (tw, th) = (cw / s, ch / s);
        let count = |total: f32, tile: f32, step: f32| {
            if total <= tile {
                1
            } else {
                ((total - tile) / step).ceil() as usize + 1
            }
        };
        let (sx, sy) = (tw - ox, th - oy);
        let (cols, rows) = (count(w, tw, sx), count(h, th, sy));
        // Centre the grid on the drawing.
        let x0 = -(((cols - 1) as f32 * sx + tw) - w) / 2.0;
        let y0 = -(((rows - 1) as f32 * sy + th) - h) / 2.0;
        let axis_x = Axis {
            start: x0,
            step: sx,
            size: tw,
            count: cols,
        };
        let axis_y = Axis {
            start: y0,
            step: sy,
            size: th,
            count: rows,
        };
        let home = covering_tiles(&items, &axis_x, &axis_y);
        let used = home.iter().filter(|h| **h).count();
        if used < MAX_PAGES {
            let tiles = (0..rows)
                .flat_map(|row| (0..cols).map(move |col| (row, col)))
                .filter(|(row, col)| home[row * cols + col])
                .map(|(row, col)| Tile {
                    row,
                    col,
                    rect: Rect {
                        x: axis_x.at(col),
                        y: axis_y.at(row),
                        w: tw,
                        h: th,
                    },
                })
                .collect();
            return Plan {
                page,
                scale: s,
                tiles,
                rows,
                cols,
                title_pt: 0.0,
                paper: None,
            };
        }
        s *= 0.97;
    }
}

/// One direction of a tile grid: tile `i` spans `start + i * step` to that `+ size`.
struct Axis {
    start: f32,
    step: f32,
    size: f32,
    count: usize,
}

impl Axis {
    fn at(&self, i: usize) -> f32 {
        self.start + i as f32 * self.step
    }

    /// The tiles that hold `pos..pos + len` whole (one or two: tiles overlap by at
    /// least `len`). The neighbours of the guess are checked too, against rounding.
    fn holders(&self, pos: f32, len: f32) -> impl Iterator<Item = usize> + '_ {
        let guess = ((pos - self.start) / self.step).floor().max(0.0) as usize;
        let guess = guess.min(self.count - 1);
        let first = guess.saturating_sub(1);
        let last = (guess + 1).min(self.count - 1);
        (first..=last).filter(move |&i| pos >= self.at(i) && pos + len <= self.at(i) + self.size)
    }
}

/// Which tiles of the grid to print so that every item lies whole on one of them,
/// fewest first: the tiles holding most items are taken first, and a tile whose items
/// all lie whole on tiles already taken is left out. (Taking each item's first tile
/// printed pages with two or three cards that a fuller neighbour also printed whole.)
fn covering_tiles(items: &[Rect], x: &Axis, y: &Axis) -> Vec<bool> {
    let tiles = x.count * y.count;
    let mut holds: Vec<Vec<u32>> = vec![Vec::new(); tiles];
    for (k, r) in items.iter().enumerate() {
        for row in y.holders(r.y, r.h) {
            for col in x.holders(r.x, r.w) {
                holds[row * x.count + col].push(k as u32);
            }
        }
    }
    let mut order: Vec<usize> = (0..tiles).filter(|&t| !holds[t].is_empty()).collect();
    order.sort_by_key(|&t| std::cmp::Reverse(holds[t].len()));
    // How many taken tiles hold each item whole.
    let mut cover = vec![0u32; items.len()];
    let mut taken = vec![false; tiles];
    for &t in &order {
        if holds[t].iter().any(|&k| cover[k as usize] == 0) {
            taken[t] = true;
            for &k in &holds[t] {
                cover[k as usize] += 1;
            }
        }
    }
    // Tiles taken later may print all an earlier one held: drop such tiles, the
    // sparsest first.
    for &t in order.iter().rev() {
        if taken[t] && holds[t].iter().all(|&k| cover[k as usize] > 1) {
            taken[t] = false;
            for &k in &holds[t] {
                cover[k as usize] -= 1;
            }
        }
    }
    taken
}

/// The rectangles that must each be printed whole: cards, edge labels, region texts.
fn whole_items(scene: &Scene) -> Vec<Rect> {
    scene
        .cards
        .iter()
        .map(|c| c.rect.clone())
        .chain(scene.labels.iter().map(|l| l.rect.clone()))
        .chain(
            scene
                .regions
                .iter()
                .flat_map(|r| r.texts.iter())
                .map(text_box),
        )
        .collect()
}

/// The part of `scene` one tile prints (`clip::Policy::Tile`): cards and edge labels
/// wholly inside it (one crossing the tile's edge is printed whole by a neighbour),
/// edges and regions that reach into it (lines may be cut at the edge; text may not),
/// region texts wholly inside. Nothing else is in the page, so the PDF holds each
/// page's own text only.
pub fn tile_scene(scene: &Scene, tile: &Rect) -> Scene {
    clip(scene, tile, Policy::Tile)
}

/// A poster: the PDF and how it was laid out.
#[derive(Debug, Clone)]
pub struct Poster {
    pub pdf: Vec<u8>,
    pub plan: Plan,
}

fn label_run(x: f32, y: f32, text: &str, weight: Weight) -> TextRun {
    TextRun {
        x,
        y,
        text: text.to_owned(),
        size: LABEL_SIZE,
        weight,
        role: TextRole::Label,
        width: Metrics::get().width(text, LABEL_SIZE, weight),
    }
}

/// The label band of a page: `title` on the left (shortened to fit), `place` on
/// the right. Returns the runs drawn, for the glyph check.
fn band(o: &mut String, page_w: f32, title: &str, place: &str, p: &Palette) -> Vec<TextRun> {
    let m = Metrics::get();
    let y = MARGIN + BAND - 9.0;
    let place_w = m.width(place, LABEL_SIZE, Weight::Regular);
    let right = label_run(page_w - MARGIN - place_w, y, place, Weight::Regular);
    let room = (page_w - 2.0 * MARGIN - place_w - 24.0).max(0.0);
    let line = wrap(title, LABEL_SIZE, Weight::Bold, room, 1).concat();
    let left = label_run(MARGIN, y, &line, Weight::Bold);
    text(o, &left, p.ink);
    text(o, &right, p.ink2);
    vec![left, right]
}

fn page_open(o: &mut String, w: f32, h: f32, lang: Lang) {
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{ff}\" lang=\"{lang}\">",
        w = num(w),
        h = num(h),
        ff = escape(FAMILY_LIST),
        lang = lang.as_str(),
    );
}

/// The words of the poster's labels, in the drawing's language.
struct Words {
    overview: &'static str,
    place: fn(usize, usize, usize, usize) -> String,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Ja => Words {
            overview: "全体図",
            place: |row, col, n, m| format!("{row}行 {col}列 · {n} / {m} ページ"),
        },
        Lang::En => Words {
            overview: "Overview",
            place: |row, col, n, m| format!("Row {row}, column {col} · page {n} of {m}"),
        },
    }
}

/// `scene` (drawn with `options`) as a PDF with real text: one page when it is small or
/// fits `paper` readably, else an overview page and tiles (see [`plan`]). `title` is
/// the document's title and heads every page.
pub fn poster(
    scene: &Scene,
    options: &SvgOptions,
    paper: Option<Paper>,
    title: &str,
) -> Result<Poster, PdfError> {
    let (_, full_h) = canvas_size(scene, options);
    let plan = plan(scene, full_h, paper);
    let usvg_opts = usvg_options(scene.lang);
    let p = Palette::of(options.theme);
    let w = words(scene.lang);
    let mut document = Document::new();
    let mut outline = Outline::new();
    let total = plan.pages();
    let read = |svg: &str, page: usize| {
        usvg::Tree::from_str(svg, &usvg_opts).map_err(|e| PdfError::Svg {
            page,
            message: e.to_string(),
        })
    };
    let size_of = |(a, b): (f32, f32)| Size::from_wh(a, b).expect("a positive page size");
    if plan.single() {
        // The whole drawing, layer by layer when it is large (usvg reads at most a
        // million nodes at once), scaled onto the page inside the margin.
        let (pw, ph) = plan.page;
        let (cw, ch) = canvas_size(scene, options);
        let (dw, dh) = (cw * plan.scale, ch * plan.scale);
        let (x, y) = ((pw - dw) / 2.0, (ph - dh) / 2.0);
        let mut page = document.start_page_with(PageSettings::new(size_of(plan.page)));
        let mut surface = page.surface();
        surface.push_transform(&krilla::geom::Transform::from_translate(x, y));
        for part in layers(scene, super::png::LAYER_NODES) {
            let tree = read(&layer(scene, options, &part), 1)?;
            surface.draw_svg(&tree, size_of((dw, dh)), svg_settings());
        }
        surface.pop();
        surface.finish();
        page.finish();
        outline.push_child(OutlineNode::new(
            title.to_owned(),
            XyzDestination::new(0, Point::from_xy(0.0, 0.0)),
        ));
    } else {
        let svg = overview(scene, options, &plan, title, &w, &p);
        let tree = read(&svg, 1)?;
        drop(svg);
        draw_page(&mut document, &tree, overview_page(scene, &plan));
        outline.push_child(OutlineNode::new(
            w.overview.to_owned(),
            XyzDestination::new(0, Point::from_xy(0.0, 0.0)),
        ));
        for (i, tile) in plan.tiles.iter().enumerate() {
            let place = (w.place)(tile.row + 1, tile.col + 1, i + 2, total);
            let svg = tile_page(scene, options, &plan, tile, title, &place, &p);
            let tree = read(&svg, i + 2)?;
            drop(svg);
            draw_page(&mut document, &tree, plan.page);
            outline.push_child(OutlineNode::new(
                place,
                XyzDestination::new(i + 1, Point::from_xy(0.0, 0.0)),
            ));
        }
    }
    document.set_outline(outline);
    document.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language(scene.lang.as_str().to_owned())
            .creator("orgpath".to_owned()),
    );
    let pdf = document
        .finish()
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(Poster { pdf, plan })
}

fn svg_settings() -> SvgSettings {
    SvgSettings {
        embed_text: true,
        ..SvgSettings::default()
    }
}

fn draw_page(document: &mut Document, tree: &usvg::Tree, page: (f32, f32)) {
    let size = Size::from_wh(page.0, page.1).expect("a positive page size");
    let mut p = document.start_page_with(PageSettings::new(size));
    let mut surface = p.surface();
    surface.draw_svg(tree, size, svg_settings());
    surface.finish();
    p.finish();
}

/// The page of one tile: the label band, then the tile's part of the drawing.
fn tile_page(
    scene: &Scene,
    options: &SvgOptions,
    plan: &Plan,
    tile: &Tile,
    title: &str,
    place: &str,
    p: &Palette,
) -> String {
    let (pw, ph) = plan.page;
    let part = tile_scene(scene, &tile.rect);
    let mut o = String::with_capacity(4096 + part.cards.len() * 900 + part.edges.len() * 200);
    page_open(&mut o, pw, ph, scene.lang);
    defs(&mut o, &part, p);
    page_background(&mut o, pw, ph, options, p);
    band(&mut o, pw, title, place, p);
    let r = &tile.rect;
    let _ = writeln!(
        o,
        "<svg x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" viewBox=\"{} {} {} {}\" overflow=\"hidden\">",
        num(MARGIN),
        num(MARGIN + BAND),
        num(r.w * plan.scale),
        num(r.h * plan.scale),
        num(r.x),
        num(r.y),
        num(r.w),
        num(r.h),
    );
    content(&mut o, &part, p);
    o.push_str("</svg>\n</svg>\n");
    o
}

fn page_background(o: &mut String, w: f32, h: f32, options: &SvgOptions, p: &Palette) {
    let fill = match options.background {
        Background::Transparent => return,
        Background::White => "#ffffff",
        Background::Theme => p.canvas,
    };
    let _ = writeln!(
        o,
        "<rect class=\"background\" width=\"{}\" height=\"{}\" fill=\"{fill}\"/>",
        num(w),
        num(h)
    );
}

/// Cards above this many are drawn on the overview as plain boxes, all of one colour
/// in one path: their text would print at a fraction of a point, and a box per card
/// keeps the overview light whatever the size.
const OVERVIEW_DETAIL: usize = 2_000;

/// The first page of a tiled poster: the whole drawing, the tile grid over it, and
/// each tile's page number.
fn overview(
    scene: &Scene,
    options: &SvgOptions,
    plan: &Plan,
    title: &str,
    w: &Words,
    p: &Palette,
) -> String {
    let (pw, ph) = overview_page(scene, plan);
    let (cw, ch) = (pw - 2.0 * MARGIN, ph - 2.0 * MARGIN - BAND);
    let (dw, dh) = (scene.width.max(1.0), scene.height.max(1.0));
    let s = (cw / dw).min(ch / dh);
    let (x, y) = (
        MARGIN + (cw - dw * s) / 2.0,
        MARGIN + BAND + (ch - dh * s) / 2.0,
    );
    let mut o = String::with_capacity(64 * 1024);
    page_open(&mut o, pw, ph, scene.lang);
    // The detailed drawing needs its arrowheads; the plain boxes draw none.
    let detailed = (scene.cards.len() <= OVERVIEW_DETAIL).then(|| {
        let mut plain = scene.clone();
        plain.legend.clear();
        plain
    });
    if let Some(plain) = &detailed {
        defs(&mut o, plain, p);
    }
    page_background(&mut o, pw, ph, options, p);
    let place = format!(
        "{} · {} × {} · 1 / {}",
        w.overview,
        plan.rows,
        plan.cols,
        plan.pages()
    );
    band(&mut o, pw, title, &place, p);
    let _ = writeln!(
        o,
        "<svg x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" overflow=\"hidden\">",
        num(x),
        num(y),
        num(dw * s),
        num(dh * s),
        num(dw),
        num(dh)
    );
    match &detailed {
        Some(plain) => content(&mut o, plain, p),
        None => boxes(&mut o, scene, p),
    }
    // The grid: each tile's outline and its page number, sized to the tile.
    let line = 1.2 / s;
    for (i, t) in plan.tiles.iter().enumerate() {
        let r = &t.rect;
        let _ = writeln!(
            o,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-dasharray=\"{} {}\"/>",
            num(r.x),
            num(r.y),
            num(r.w),
            num(r.h),
            p.progress,
            num(line),
            num(line * 4.0),
            num(line * 3.0),
        );
        let label = (i + 2).to_string();
        let size = (r.w.min(r.h) * 0.18).min(28.0 / s);
        let m = Metrics::get();
        let run = TextRun {
            x: r.x + r.w / 2.0 - m.width(&label, size, Weight::Bold) / 2.0,
            y: r.y + r.h / 2.0 + size * 0.35,
            width: m.width(&label, size, Weight::Bold),
            text: label,
            size,
            weight: Weight::Bold,
            role: TextRole::Heading,
        };
        text(&mut o, &run, p.progress);
    }
    o.push_str("</svg>\n</svg>\n");
    o
}

/// The overview's page: the tiles' paper, turned to the drawing's shape (the tiles
/// are turned to need the fewest pages, which for a long strip is the other way).
fn overview_page(scene: &Scene, plan: &Plan) -> (f32, f32) {
    let (a, b) = (plan.page.0.min(plan.page.1), plan.page.0.max(plan.page.1));
    if scene.width > scene.height {
        (b, a)
    } else {
        (a, b)
    }
}

/// Every card as a plain box and every edge as a line, in a few paths.
fn boxes(o: &mut String, scene: &Scene, p: &Palette) {
    let mut lines = String::new();
    for e in &scene.edges {
        for (i, pt) in e.points.iter().enumerate() {
            let _ = write!(
                lines,
                "{}{} {}",
                if i == 0 { "M" } else { "L" },
                num(pt.x),
                num(pt.y)
            );
        }
    }
    let _ = writeln!(
        o,
        "<path d=\"{lines}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"/>",
        p.edge(orgpath_draw::scene::EdgeRole::Hierarchy),
        num(p.line_scale)
    );
    let mut cards = String::new();
    for c in &scene.cards {
        let r = &c.rect;
        let _ = write!(
            cards,
            "M{} {}h{}v{}h{}z",
            num(r.x),
            num(r.y),
            num(r.w),
            num(r.h),
            num(-r.w)
        );
    }
    let _ = writeln!(
        o,
        "<path d=\"{cards}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
        p.surface,
        p.border,
        num(p.line_scale)
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_paper_size_names_its_paper() {
        for size in super::PaperSize::ALL {
            let name = serde_json::to_value(size).unwrap();
            assert_eq!(name.as_str(), Some(size.paper().name));
        }
    }

    use super::*;
    use crate::clip::within;
    use orgpath_draw::scene::View;
    use orgpath_draw::views::{self, SceneOptions};

    fn people(n: usize, seed: u64) -> Scene {
        let d = crate::people(n, seed);
        views::scene(&d, View::Org, &SceneOptions::new(Lang::En))
    }

    /// The tiling rule: on every page, every card, edge label and text run lies
    /// wholly inside the page's tile (nothing is cut at a page edge), and every card
    /// of the drawing is printed whole on at least one page.
    fn check_tiles(scene: &Scene, plan: &Plan) {
        assert!(!plan.single());
        assert!(plan.pages() <= MAX_PAGES, "{} pages", plan.pages());
        let mut printed = vec![false; scene.cards.len()];
        let index: std::collections::HashMap<&str, usize> = scene
            .cards
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        for tile in &plan.tiles {
            let part = tile_scene(scene, &tile.rect);
            for c in &part.cards {
                assert!(
                    within(&c.rect, &tile.rect, 0.0),
                    "card {} cut by {:?}",
                    c.id,
                    tile.rect
                );
                printed[index[c.id.as_str()]] = true;
            }
            for t in part.texts() {
                let b = text_box(t);
                assert!(
                    within(&b, &tile.rect, 0.0),
                    "\"{}\" at {b:?} cut by tile {:?}",
                    t.text,
                    tile.rect
                );
            }
            for l in &part.labels {
                assert!(
                    (l.edge as usize) < part.edges.len(),
                    "labels keep their edge"
                );
            }
        }
        let missing: Vec<&str> = scene
            .cards
            .iter()
            .zip(&printed)
            .filter(|(_, p)| !**p)
            .map(|(c, _)| c.id.as_str())
            .collect();
        assert!(missing.is_empty(), "never printed whole: {missing:?}");
    }

    #[test]
    fn tiles_never_cut_a_card_and_print_every_card_whole_somewhere() {
        for (n, seed) in [(300, 1), (1000, 2), (3000, 3)] {
            let scene = people(n, seed);
            for paper in ["a4", "a3", "letter"] {
                let plan = plan(&scene, scene.height, Paper::parse(paper));
                check_tiles(&scene, &plan);
                assert!(
                    plan.title_pt >= READABLE_PT - 0.01 || plan.tiles.len() >= MAX_PAGES / 2,
                    "{n} on {paper}: titles at {} pt on only {} pages",
                    plan.title_pt,
                    plan.pages()
                );
            }
        }
    }

    #[test]
    fn every_printed_tile_prints_something_no_other_page_does() {
        for (n, seed) in [(300, 1), (1000, 2), (3000, 3)] {
            let scene = people(n, seed);
            let items = whole_items(&scene);
            for paper in ["a4", "a3"] {
                let plan = plan(&scene, scene.height, Paper::parse(paper));
                let whole: Vec<Vec<usize>> = plan
                    .tiles
                    .iter()
                    .map(|t| {
                        let inside = |(_, r): &(usize, &Rect)| within(r, &t.rect, 0.0);
                        items
                            .iter()
                            .enumerate()
                            .filter(inside)
                            .map(|(k, _)| k)
                            .collect()
                    })
                    .collect();
                for (i, mine) in whole.iter().enumerate() {
                    let elsewhere = |k: &usize| {
                        whole
                            .iter()
                            .enumerate()
                            .any(|(j, w)| j != i && w.contains(k))
                    };
                    assert!(
                        mine.iter().any(|k| !elsewhere(k)),
                        "{n} on {paper}: page {i} of {} only repeats other pages",
                        whole.len()
                    );
                }
                let fewest = whole.iter().map(Vec::len).min().unwrap_or(0);
                eprintln!(
                    "{n} on {paper}: {} tiles, the sparsest with {fewest} items",
                    whole.len()
                );
            }
        }
    }

    #[test]
    fn small_drawings_get_one_page_and_big_ones_at_most_the_page_cap() {
        let d = crate::builtin();
        let small = views::scene(&d, View::Career, &SceneOptions::new(Lang::En));
        let p = plan(&small, small.height, None);
        assert!(p.single(), "{p:?}");
        assert_eq!(p.page, (small.width * NATURAL, small.height * NATURAL));
        let big = people(20_000, 4);
        let p = plan(&big, big.height, Paper::parse("a4"));
        check_tiles(&big, &p);
        assert!(
            p.title_pt < READABLE_PT,
            "20,000 cards do not fit 100 A4 pages readably"
        );
    }

    #[test]
    fn a_tiled_poster_is_a_pdf_of_the_planned_pages() {
        let scene = people(400, 9);
        let poster = poster(&scene, &SvgOptions::default(), Paper::parse("a4"), "People").unwrap();
        assert!(poster.plan.pages() > 2, "{:?}", poster.plan);
        assert!(poster.pdf.starts_with(b"%PDF-"));
        assert_eq!(poster.plan, plan(&scene, scene.height, Paper::parse("a4")));
    }
}
