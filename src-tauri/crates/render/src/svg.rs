//! Scene to SVG: a pure formatter. No I/O, its own escaping, fixed number formatting,
//! so the same scene gives the same bytes. The window shows this SVG and the exporter
//! saves it (and renders it to PNG), so what you see is what you save.

use std::fmt::Write;

use orgpath_draw::font::{Weight, FAMILY_LIST};
use orgpath_draw::scene::{
    baseline, legend_sections, Accent, Avatar, Card, Edge, EdgeRole, Head, Lang, LegendEntry,
    LegendSection, Rect, Scene, Swatch, TextRole, TextRun,
};
use orgpath_model::raw::LineStyle;

use super::theme::{Background, Palette, Theme};

/// How to paint a scene.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SvgOptions {
    pub theme: Theme,
    pub background: Background,
    /// Draw the legend under the diagram (exports); the window shows its own.
    pub legend: bool,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            theme: Theme::Light,
            background: Background::Theme,
            legend: true,
        }
    }
}

/// Escapes text for element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0, nor are U+FFFE and U+FFFF
            // (a CSV file can hold them; the fuzzer found one in a label).
            c if c.is_control() && c != '\n' && c != '\t' => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A number with at most two decimals and no trailing zeros: stable across runs.
/// Integer arithmetic, not float formatting: it was most of the SVG writer's time.
pub fn num(v: f32) -> String {
    let hundredths = (v * 100.0).round() as i64;
    let mut out = String::with_capacity(10);
    if hundredths < 0 {
        out.push('-');
    }
    let a = hundredths.unsigned_abs();
    let _ = write!(out, "{}", a / 100);
    let frac = a % 100;
    if frac != 0 {
        out.push('.');
        out.push(char::from(b'0' + (frac / 10) as u8));
        if !frac.is_multiple_of(10) {
            out.push(char::from(b'0' + (frac % 10) as u8));
        }
    }
    out
}

struct Legend {
    height: f32,
}

/// Height the legend adds under the diagram.
fn legend_layout(scene: &Scene) -> Legend {
    if scene.legend.is_empty() {
        return Legend { height: 0.0 };
    }
    let rows = legend_grid(scene).rows;
    Legend {
        height: 24.0 + (rows as f32 + 0.5) * legend_row(scene),
    }
}

/// One row of the exported legend.
enum LegendRow<'a> {
    /// A family's name and how many links its kinds have.
    Heading { name: &'a str, count: u32 },
    /// An entry; `indent` under a family's heading.
    Entry {
        entry: &'a LegendEntry,
        indent: bool,
    },
}

/// The exported legend's rows, each with its column and row: the sections (a family
/// with its kinds, or one entry) kept whole, filling the columns top to bottom, left
/// to right, as few rows deep as that allows.
struct LegendGrid<'a> {
    rows: usize,
    cells: Vec<(usize, usize, LegendRow<'a>)>,
}

fn legend_grid(scene: &Scene) -> LegendGrid<'_> {
    let sections = legend_sections(&scene.legend);
    let cols = legend_columns(scene);
    let total: usize = sections.iter().map(LegendSection::rows).sum();
    let tallest = sections.iter().map(LegendSection::rows).max().unwrap_or(0);
    let mut depth = tallest.max(total.div_ceil(cols));
    loop {
        let (mut col, mut row) = (0, 0);
        let mut cells = Vec::with_capacity(total);
        for (i, section) in sections.iter().enumerate() {
            // A family is kept whole; so is a run of single entries after a family
            // (the groups), when it fits in one column.
            let n = match section {
                LegendSection::Single(_)
                    if i > 0 && matches!(sections[i - 1], LegendSection::Family { .. }) =>
                {
                    sections[i..]
                        .iter()
                        .take_while(|s| matches!(s, LegendSection::Single(_)))
                        .count()
                        .min(depth)
                }
                _ => section.rows(),
            };
            if row > 0 && row + n > depth {
                (col, row) = (col + 1, 0);
            }
            if col >= cols {
                break;
            }
            match *section {
                LegendSection::Single(entry) => {
                    let indent = false;
                    cells.push((col, row, LegendRow::Entry { entry, indent }));
                }
                LegendSection::Family {
                    name,
                    count,
                    entries,
                    ..
                } => {
                    cells.push((col, row, LegendRow::Heading { name, count }));
                    for (i, entry) in entries.iter().enumerate() {
                        let indent = true;
                        cells.push((col, row + 1 + i, LegendRow::Entry { entry, indent }));
                    }
                }
            }
            row += section.rows();
        }
        if cells.len() == total {
            return LegendGrid { rows: depth, cells };
        }
        depth += 1;
    }
}

/// "label (4)": a legend label with how many links it stands for.
fn counted(label: &str, count: Option<u32>, lang: Lang) -> String {
    match (count, lang) {
        (None, _) => label.to_owned(),
        (Some(n), Lang::Ja) => format!("{label}（{n}）"),
        (Some(n), Lang::En) => format!("{label} ({n})"),
    }
}

fn legend_scale(scene: &Scene) -> f32 {
    // The type scale is not stored in the scene: read it back from the text drawn.
    let small = scene
        .texts()
        .filter(|t| matches!(t.role, TextRole::Caption | TextRole::Label))
        .map(|t| t.size)
        .fold(0.0, f32::max);
    if small > 0.0 {
        return small;
    }
    let title = scene
        .texts()
        .filter(|t| t.role == TextRole::Title)
        .map(|t| t.size)
        .fold(0.0, f32::max);
    if title > 0.0 {
        (title * 0.75).round()
    } else {
        12.0
    }
}

fn legend_row(scene: &Scene) -> f32 {
    (legend_scale(scene) * 2.0).round()
}

/// The legend's column width: as wide as its widest row needs (swatch, label and
/// count), at least 20 and at most 30 times its type size.
fn legend_column_width(scene: &Scene) -> f32 {
    let size = legend_scale(scene);
    let m = orgpath_draw::font::Metrics::get();
    let widest = scene
        .legend
        .iter()
        .map(|e| {
            // Past the widest column a label is cut anyway: measure no further.
            let head: String = e.label.chars().take(120).collect();
            let label = counted(&head, e.count, scene.lang);
            let indent = if e.family.is_some() { 0.67 } else { 0.0 };
            let swatch = if matches!(e.swatch, Swatch::Line { .. }) {
                3.0
            } else {
                1.5
            };
            m.width(&label, size, Weight::Regular) + size * (indent + swatch + 0.67 + 1.0)
        })
        .fold(0.0, f32::max);
    widest.clamp(size * 20.0, size * 30.0)
}

fn legend_columns(scene: &Scene) -> usize {
    let col = legend_column_width(scene);
    ((scene.width - 64.0) / col).floor().max(1.0) as usize
}

/// The size of the SVG document for `scene`: the diagram and, below it, the legend.
pub fn canvas_size(scene: &Scene, options: &SvgOptions) -> (f32, f32) {
    let legend = if options.legend {
        legend_layout(scene)
    } else {
        Legend { height: 0.0 }
    };
    (scene.width, scene.height + legend.height)
}

/// A slice of a scene to paint: ranges in paint order (regions, then edges with the
/// dimmed ones first, then cards, then edge labels), plus whether the background and
/// the legend go in. Layers drawn in order onto one canvas give the whole document:
/// a drawing too big for one usvg document is rasterised layer by layer.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub regions: std::ops::Range<usize>,
    pub edges: std::ops::Range<usize>,
    pub cards: std::ops::Range<usize>,
    pub labels: std::ops::Range<usize>,
    pub background: bool,
    pub legend: bool,
    /// Text smaller than this (drawing pixels) is left out: a PNG drawn so small that
    /// it would be under a pixel or two tall is only noise, and shaping 100,000 such
    /// runs was most of a huge export's time. 0 draws all text.
    pub min_text: f32,
}

impl Layer {
    /// The whole scene in one layer.
    pub fn whole(scene: &Scene) -> Layer {
        Layer {
            regions: 0..scene.regions.len(),
            edges: 0..scene.edges.len(),
            cards: 0..scene.cards.len(),
            labels: 0..scene.labels.len(),
            background: true,
            legend: true,
            min_text: 0.0,
        }
    }
}

/// Upper bounds of the XML nodes (elements and text) each item adds to a document.
fn card_nodes(c: &Card) -> usize {
    8 + 3 * c.texts.len()
}

/// Layers of at most about `max_nodes` XML nodes each, covering `scene` in paint order.
pub fn layers(scene: &Scene, max_nodes: usize) -> Vec<Layer> {
    // (kind, index, nodes): kind 0 regions, 1 edges (paint order), 2 cards, 3 labels.
    let items = scene
        .regions
        .iter()
        .enumerate()
        .map(|(i, r)| (0, i, 4 + 2 * r.texts.len()))
        .chain((0..scene.edges.len()).map(|i| (1, i, 5)))
        .chain(
            scene
                .cards
                .iter()
                .enumerate()
                .map(|(i, c)| (2, i, card_nodes(c))),
        )
        .chain(
            scene
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| (3, i, 4 + 2 * l.texts.len())),
        );
    let empty = Layer {
        regions: 0..0,
        edges: 0..0,
        cards: 0..0,
        labels: 0..0,
        background: false,
        legend: false,
        min_text: 0.0,
    };
    let mut out: Vec<Layer> = Vec::new();
    let mut current = Layer {
        background: true,
        ..empty.clone()
    };
    let mut nodes = 0usize;
    let grow = |r: &mut std::ops::Range<usize>, i: usize| {
        if r.start == r.end {
            *r = i..i + 1;
        } else {
            r.end = i + 1;
        }
    };
    for (kind, i, n) in items {
        if nodes + n > max_nodes && nodes > 0 {
            out.push(std::mem::replace(&mut current, empty.clone()));
            nodes = 0;
        }
        nodes += n;
        match kind {
            0 => grow(&mut current.regions, i),
            1 => grow(&mut current.edges, i),
            2 => grow(&mut current.cards, i),
            _ => grow(&mut current.labels, i),
        }
    }
    current.legend = true;
    out.push(current);
    out
}

/// The SVG document for `scene`.
pub fn svg(scene: &Scene, options: &SvgOptions) -> String {
    layer(scene, options, &Layer::whole(scene))
}

/// The SVG document of one layer of `scene`: the whole document's size and viewBox,
/// holding only the layer's part. [`svg`] is the layer of everything.
pub fn layer(scene: &Scene, options: &SvgOptions, part: &Layer) -> String {
    let p = Palette::of(options.theme);
    let (w, h) = canvas_size(scene, options);
    let mut o = String::with_capacity(4096 + part.cards.len() * 900 + part.edges.len() * 200);
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{ff}\" lang=\"{lang}\" data-view=\"{view}\" role=\"img\" aria-labelledby=\"orgpath-title orgpath-desc\">",
        w = num(w),
        h = num(h),
        ff = escape(FAMILY_LIST),
        lang = scene.lang.as_str(),
        view = scene.view.as_str(),
    );
    let _ = writeln!(
        o,
        "<title id=\"orgpath-title\">{}</title>",
        escape(&scene.title)
    );
    let _ = writeln!(
        o,
        "<desc id=\"orgpath-desc\">{}</desc>",
        escape(&scene.description)
    );
    defs(&mut o, scene, &p);
    match options.background {
        _ if !part.background => {}
        Background::Transparent => {}
        Background::White => {
            let _ = writeln!(
                o,
                "<rect class=\"background\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
                num(w),
                num(h)
            );
        }
        Background::Theme => {
            let _ = writeln!(
                o,
                "<rect class=\"background\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                num(w),
                num(h),
                p.canvas
            );
        }
    }

    content_part(&mut o, scene, &p, part);
    if options.legend && part.legend && !scene.legend.is_empty() {
        draw_legend(&mut o, scene, &p);
    }
    o.push_str("</svg>\n");
    o
}

/// The arrowheads and group patterns the scene uses (its legend's too), as a
/// `<defs>` element.
pub(crate) fn defs(o: &mut String, scene: &Scene, p: &Palette) {
    o.push_str("<defs>\n");
    // One arrowhead per shape and colour in use, so heads match their lines.
    let legend_lines = scene.legend.iter().filter_map(|l| match l.swatch {
        Swatch::Line { role, .. } => swatch_has_head(role).then_some(role),
        _ => None,
    });
    let mut heads: Vec<(Head, &str)> = scene
        .edges
        .iter()
        .filter(|e| e.arrow)
        .map(|e| e.role)
        .chain(legend_lines)
        .map(|role| (role.head(), p.edge(role)))
        .collect();
    heads.sort_by_key(|&(h, c)| (h as u8, c));
    heads.dedup();
    for (head, colour) in heads {
        marker(o, head, colour);
    }
    // One pattern per patterned group colour in use.
    let legend_fills = scene.legend.iter().filter_map(|l| match l.swatch {
        Swatch::Fill { accent } => Some(accent),
        _ => None,
    });
    let mut patterns: Vec<(u32, &str)> = scene
        .cards
        .iter()
        .map(|c| c.accent)
        .chain(scene.regions.iter().map(|r| r.accent))
        .chain(legend_fills)
        .filter(|a| a.pattern() > 0)
        .map(|a| (a.pattern(), p.accent(a)))
        .collect();
    patterns.sort_unstable();
    patterns.dedup();
    for (pattern, colour) in patterns {
        pattern_def(o, pattern, colour);
    }
    o.push_str("</defs>\n");
}

/// Whether a legend swatch of a line of `role` shows its arrowhead: a relation kind's
/// head, and a flow shortcut's, is part of how it is told apart.
fn swatch_has_head(role: EdgeRole) -> bool {
    matches!(role, EdgeRole::Relation { .. } | EdgeRole::FlowShortcut)
}

/// The id of the marker drawing `head` in `colour` (`#RRGGBB`).
fn marker_id(head: Head, colour: &str) -> String {
    match head {
        // The triangle keeps the id it always had.
        Head::Triangle => format!("arrow-{}", &colour[1..]),
        _ => format!("head-{}-{}", head.as_str(), &colour[1..]),
    }
}

/// Writes the marker for `head` in `colour`: sized by the line's width, its tip at
/// the line's end.
fn marker(o: &mut String, head: Head, colour: &str) {
    let shape = match head {
        Head::Triangle => format!("<path d=\"M0 1L10 5L0 9z\" fill=\"{colour}\"/>"),
        Head::Chevron => format!("<path d=\"M1.5 1.5L9 5L1.5 8.5\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.8\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>"),
        Head::Circle => format!("<circle cx=\"5.5\" cy=\"5\" r=\"3.5\" fill=\"{colour}\"/>"),
        Head::Diamond => format!("<path d=\"M0 5L5 1.5L10 5L5 8.5z\" fill=\"{colour}\"/>"),
    };
    let _ = writeln!(
        o,
        "<marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\" markerUnits=\"strokeWidth\">{shape}</marker>",
        id = marker_id(head, colour),
    );
}

/// The id of the pattern drawing `colour` (`#RRGGBB`) as pattern `n` (1, 2 or 3).
fn pattern_id(n: u32, colour: &str) -> String {
    let name = match n {
        1 => "stripes",
        2 => "dots",
        _ => "checks",
    };
    format!("group-{name}-{}", &colour[1..])
}

/// Writes pattern `n` of `colour`: diagonal stripes, dots or checks on a 6 px tile,
/// the gaps left clear so the card (or the legend's canvas) shows through.
fn pattern_def(o: &mut String, n: u32, colour: &str) {
    let (transform, marks) = match n {
        1 => (
            " patternTransform=\"rotate(45)\"",
            format!("<rect width=\"3.5\" height=\"6\" fill=\"{colour}\"/>"),
        ),
        2 => (
            "",
            format!("<circle cx=\"3\" cy=\"3\" r=\"2.1\" fill=\"{colour}\"/>"),
        ),
        _ => (
            "",
            format!("<path d=\"M0 0h3v3h-3zM3 3h3v3h-3z\" fill=\"{colour}\"/>"),
        ),
    };
    let _ = writeln!(
        o,
        "<pattern id=\"{}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"{transform}>{marks}</pattern>",
        pattern_id(n, colour)
    );
}

/// What fills an accent's strip or swatch: its colour, or the pattern that tells a
/// group past the twelfth from the group with the same colour.
fn accent_fill(a: Accent, p: &Palette) -> String {
    let colour = p.accent(a);
    match a.pattern() {
        0 => colour.to_owned(),
        n => format!("url(#{})", pattern_id(n, colour)),
    }
}

/// The scene's regions, edges, cards and edge labels (no background, no legend), in
/// the scene's coordinates: the body of an export, and of a slide's diagram area.
pub(crate) fn content(o: &mut String, scene: &Scene, p: &Palette) {
    content_part(o, scene, p, &Layer::whole(scene));
}

/// The part of [`content`] that `part` names, bottom to top: regions, edges, cards,
/// edge labels.
fn content_part(o: &mut String, scene: &Scene, p: &Palette, part: &Layer) {
    regions(o, scene, p, part);
    edges(o, scene, p, part);
    o.push_str("<g class=\"cards\">\n");
    for (i, c) in scene
        .cards
        .iter()
        .enumerate()
        .skip(part.cards.start)
        .take(part.cards.len())
    {
        card(o, c, i, p, part.min_text);
    }
    o.push_str("</g>\n");
    edge_labels(o, scene, p, part);
}

/// Writes the regions of `part`: each a tinted panel under its heading.
fn regions(o: &mut String, scene: &Scene, p: &Palette, part: &Layer) {
    for r in &scene.regions[part.regions.clone()] {
        let _ = writeln!(
            o,
            "<g class=\"region\" data-id=\"{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\" fill-opacity=\"{}\" stroke=\"{}\" stroke-opacity=\"0.5\"/>",
            escape(&r.id),
            num(r.rect.x),
            num(r.rect.y),
            num(r.rect.w),
            num(r.rect.h),
            num(12.0),
            p.accent(r.accent),
            p.region_opacity,
            p.accent(r.accent),
        );
        for t in r.texts.iter().filter(|t| t.size >= part.min_text) {
            text(o, t, p.ink2);
        }
        o.push_str("</g>\n");
    }
}

/// The scene's edges in the order they are painted: dimmed ones first, so a lit one is
/// never drawn under a faint one. An edge of fewer than two points is not drawn.
pub fn painting_order(scene: &Scene) -> impl Iterator<Item = &Edge> {
    let dimmed = scene.edges.iter().filter(|e| e.dimmed);
    dimmed.chain(scene.edges.iter().filter(|e| !e.dimmed))
}

/// Whether [`painting_order`]'s edge is drawn at all.
pub fn is_drawn(e: &Edge) -> bool {
    e.points.len() >= 2
}

/// Writes the edges of `part`, each titled with its ends' names and what it means.
/// Dimmed edges come first, so a lit one is never drawn under a faint one.
fn edges(o: &mut String, scene: &Scene, p: &Palette, part: &Layer) {
    o.push_str("<g class=\"edges\">\n");
    // Card titles by id, to name each edge's ends in its <title>. A scene has a few
    // hundred cards at most per view in the window; a sorted list keeps this simple.
    let mut names: Vec<(&str, &str)> = scene
        .cards
        .iter()
        .map(|c| (c.id.as_str(), c.full_label.as_str()))
        .collect();
    names.sort_unstable();
    let name = |id: &str| {
        names
            .binary_search_by(|(k, _)| (*k).cmp(id))
            .map_or(id, |i| names[i].1)
            .to_owned()
    };
    let order = painting_order(scene)
        .skip(part.edges.start)
        .take(part.edges.len());
    for e in order {
        let what = e
            .label
            .clone()
            .unwrap_or_else(|| role_name(e.role, scene.lang).to_owned());
        let title = if what.is_empty() {
            format!("{} → {}", name(&e.from), name(&e.to))
        } else {
            format!("{} → {}: {what}", name(&e.from), name(&e.to))
        };
        edge(o, e, p, Some(&title));
    }
    o.push_str("</g>\n");
}

/// Writes card `c`, the `i`th of the scene (its clip path's id): its group with the
/// card's flags and tooltip, then its frame, avatar and text down to `min_text`.
fn card(o: &mut String, c: &Card, i: usize, p: &Palette, min_text: f32) {
    let _ = write!(o, "<g class=\"card\" data-id=\"{}\"", escape(&c.id));
    if c.illustrative {
        o.push_str(" data-illustrative=\"true\"");
    }
    if c.emphasis {
        o.push_str(" data-emphasis=\"true\"");
    }
    if c.dimmed {
        o.push_str(" data-dimmed=\"true\" opacity=\"0.25\"");
    }
    o.push('>');
    let tip = match &c.description {
        Some(d) => format!("{}\n{}", c.full_label, d),
        None => c.full_label.clone(),
    };
    let _ = write!(o, "<title>{}</title>", escape(&tip));
    card_frame(o, c, i, p);
    if let Some(a) = &c.avatar {
        avatar(o, a, &c.rect, i, p.accent(c.accent), p);
    }
    for t in c.texts.iter().filter(|t| t.size >= min_text) {
        card_text(o, t, p);
    }
    o.push_str("</g>\n");
}

/// Writes a card's frame: its background, the accent strip along its top (clipped to
/// the rounded corners) and its border (heavier when emphasised, dashed when the
/// card is illustrative).
fn card_frame(o: &mut String, c: &Card, i: usize, p: &Palette) {
    let r = &c.rect;
    let radius = 8.0 * p.line_scale;
    let _ = write!(o, "<clipPath id=\"card-clip-{i}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"/></clipPath>", num(r.x), num(r.y), num(r.w), num(r.h), num(radius));
    let fill = if c.emphasis {
        p.emphasis_fill
    } else {
        p.surface
    };
    let _ = write!(o, "<rect class=\"card-bg\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\"/>", num(r.x), num(r.y), num(r.w), num(r.h), num(radius), fill);
    let strip = strip_height(c.texts.first(), r);
    let _ = write!(o, "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" clip-path=\"url(#card-clip-{i})\"/>", num(r.x), num(r.y), num(r.w), num(strip), accent_fill(c.accent, p));
    let (stroke, width) = if c.emphasis {
        (p.ink, 2.5 * p.line_scale)
    } else {
        (p.border, p.line_scale)
    };
    let dash = if c.illustrative {
        format!(
            " stroke-dasharray=\"{} {}\"",
            num(5.0 * p.line_scale),
            num(3.0 * p.line_scale)
        )
    } else {
        String::new()
    };
    let border = if c.illustrative { p.ink2 } else { stroke };
    let _ = write!(
        o,
        "<rect class=\"card-border\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{dash}/>",
        num(r.x + width / 2.0),
        num(r.y + width / 2.0),
        num(r.w - width),
        num(r.h - width),
        num(radius - width / 2.0),
        border,
        num(width),
    );
}

/// Writes one line of a card's text in its role's colour; a badge on its pill.
fn card_text(o: &mut String, t: &TextRun, p: &Palette) {
    match t.role {
        TextRole::Badge => {
            let pad = t.size * 0.55;
            let bh = t.size * 1.45;
            let _ = write!(
                o,
                "<rect class=\"badge\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\" stroke=\"{}\"/>",
                num(t.x - pad),
                num(t.y - t.size * 1.08),
                num(t.width + 2.0 * pad),
                num(bh),
                num(bh / 2.0),
                p.badge_fill,
                p.badge_stroke
            );
            text(o, t, p.badge_ink);
        }
        TextRole::Caption => text(o, t, p.ink2),
        _ => text(o, t, p.ink),
    }
}

/// Writes the edge labels of `part`: each on a pill of the canvas colour, in its
/// edge's text colour, faint when its edge is dimmed.
fn edge_labels(o: &mut String, scene: &Scene, p: &Palette, part: &Layer) {
    o.push_str("<g class=\"labels\">\n");
    for l in &scene.labels[part.labels.clone()] {
        let r = &l.rect;
        let dimmed = scene.edges.get(l.edge as usize).is_some_and(|e| e.dimmed);
        let faint = if dimmed {
            " data-dimmed=\"true\" opacity=\"0.25\""
        } else {
            ""
        };
        let _ = write!(o, "<g class=\"edge-label\" data-edge=\"{}\"{faint}><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\" fill-opacity=\"0.92\"/>", l.edge, num(r.x), num(r.y), num(r.w), num(r.h), num(r.h.min(12.0) / 2.0), p.canvas);
        let colour = scene
            .edges
            .get(l.edge as usize)
            .map_or(p.ink2, |e| p.edge_text(e.role));
        for t in l.texts.iter().filter(|t| t.size >= part.min_text) {
            text(o, t, colour);
        }
        o.push_str("</g>\n");
    }
    o.push_str("</g>\n");
}

/// A person's photo, clipped to a circle; without one, their initials on a tint of the
/// card's colour (dark ink on a light tint reads in every theme and for every accent).
fn avatar(o: &mut String, a: &Avatar, card: &Rect, i: usize, accent: &str, p: &Palette) {
    let (x, y) = (card.x + a.dx, card.y + a.dy);
    let radius = a.size / 2.0;
    let (cx, cy) = (x + radius, y + radius);
    match &a.photo {
        Some(uri) => {
            let _ = write!(
                o,
                "<clipPath id=\"avatar-clip-{i}\"><circle cx=\"{}\" cy=\"{}\" r=\"{}\"/></clipPath><image class=\"avatar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" preserveAspectRatio=\"xMidYMid slice\" clip-path=\"url(#avatar-clip-{i})\" href=\"{}\"/>",
                num(cx),
                num(cy),
                num(radius),
                num(x),
                num(y),
                num(a.size),
                num(a.size),
                escape(uri)
            );
            let _ = write!(
                o,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"/>",
                num(cx),
                num(cy),
                num(radius - 0.5 * p.line_scale),
                p.border,
                num(p.line_scale)
            );
        }
        None => {
            let _ = write!(
                o,
                "<circle class=\"avatar\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{accent}\" fill-opacity=\"0.22\" stroke=\"{accent}\" stroke-width=\"{}\"/>",
                num(cx),
                num(cy),
                num(radius - 0.75 * p.line_scale),
                num(1.5 * p.line_scale)
            );
            if !a.initials.is_empty() {
                let size = (a.size * 0.4).round();
                let _ = writeln!(
                    o,
                    "<text class=\"avatar-initials\" x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"700\" text-anchor=\"middle\" fill=\"{}\" aria-hidden=\"true\">{}</text>",
                    num(cx),
                    num(y + baseline(size, a.size)),
                    num(size),
                    p.ink,
                    escape(&a.initials)
                );
            }
        }
    }
}

/// The strip is as tall as the gap above the first title line allows, at most 6 px
/// per 16 px of title.
fn strip_height(first: Option<&TextRun>, _r: &Rect) -> f32 {
    first.map_or(6.0, |t| (t.size * 0.375).round())
}

pub(crate) fn text(o: &mut String, t: &TextRun, fill: &str) {
    let weight = if t.weight == Weight::Bold {
        " font-weight=\"700\""
    } else {
        ""
    };
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{weight} fill=\"{fill}\">{}</text>",
        num(t.x),
        num(t.y),
        num(t.size),
        escape(&t.text)
    );
}

fn path_data(e: &Edge) -> String {
    let mut d = String::new();
    for (i, p) in e.points.iter().enumerate() {
        let _ = write!(
            d,
            "{}{} {}",
            if i == 0 { "M" } else { "L" },
            num(p.x),
            num(p.y)
        );
    }
    d
}

fn dasharray(style: LineStyle, scale: f32) -> String {
    match style {
        LineStyle::Dashed => format!(
            " stroke-dasharray=\"{} {}\"",
            num(7.0 * scale),
            num(4.0 * scale)
        ),
        LineStyle::Dotted => format!(
            " stroke-dasharray=\"{} {}\" stroke-linecap=\"round\"",
            num(0.1),
            num(4.0 * scale)
        ),
        _ => String::new(),
    }
}

/// What an edge without a label of its own is, for its `<title>`.
fn role_name(role: EdgeRole, lang: Lang) -> &'static str {
    match (role, lang) {
        (EdgeRole::Hierarchy, Lang::Ja) => "を含む",
        (EdgeRole::Hierarchy, Lang::En) => "contains",
        (EdgeRole::Secondary, Lang::Ja) => "兼務・副次的に含む",
        (EdgeRole::Secondary, Lang::En) => "also contains (matrix)",
        (EdgeRole::Transition, Lang::Ja) => "キャリアの移動",
        (EdgeRole::Transition, Lang::En) => "career move",
        (EdgeRole::FlowNext, Lang::Ja) => "次の手順",
        (EdgeRole::FlowNext, Lang::En) => "next step",
        (EdgeRole::FlowShortcut, Lang::Ja) => "手順を飛ばす近道",
        (EdgeRole::FlowShortcut, Lang::En) => "shortcut (skips steps)",
        (EdgeRole::FlowBranch, Lang::Ja) => "必要に応じて",
        (EdgeRole::FlowBranch, Lang::En) => "when needed",
        (EdgeRole::Relation { .. }, _) => "",
    }
}

/// Draws one edge; `title` names it for screen readers and tooltips (legend swatches
/// have none).
fn edge(o: &mut String, e: &Edge, p: &Palette, title: Option<&str>) {
    if !is_drawn(e) {
        return;
    }
    let colour = p.edge(e.role);
    let width = match e.role {
        EdgeRole::Hierarchy | EdgeRole::Secondary => 1.5,
        _ => 1.75,
    } * p.line_scale;
    let marker = if e.arrow {
        format!(" marker-end=\"url(#{})\"", marker_id(e.role.head(), colour))
    } else {
        String::new()
    };
    let d = path_data(e);
    let _ = write!(
        o,
        "<g class=\"edge\" data-from=\"{}\" data-to=\"{}\"",
        escape(&e.from),
        escape(&e.to)
    );
    if !e.kind.is_empty() {
        let _ = write!(o, " data-kind=\"{}\"", escape(&e.kind));
    }
    if e.dimmed {
        o.push_str(" data-dimmed=\"true\" opacity=\"0.25\"");
    }
    o.push('>');
    if let Some(t) = title {
        let _ = write!(o, "<title>{}</title>", escape(t));
    }
    if e.style == LineStyle::Double {
        // Two rails: a wide line in the edge colour with a canvas-coloured core.
        // The head goes on the thin core, so it is sized like every other arrowhead.
        let _ = write!(o, "<path d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{}\" stroke-linejoin=\"round\"/>", num(width * 3.0));
        let _ = write!(o, "<path d=\"{d}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\"{marker}/>", p.canvas, num(width));
    } else {
        let _ = write!(o, "<path d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{}\" stroke-linejoin=\"round\"{}{marker}/>", num(width), dasharray(e.style, p.line_scale));
    }
    o.push_str("</g>\n");
}

fn draw_legend(o: &mut String, scene: &Scene, p: &Palette) {
    let size = legend_scale(scene);
    let row = legend_row(scene);
    let cols = legend_columns(scene);
    let col_w = (scene.width - 64.0) / cols as f32;
    let top = scene.height + 8.0;
    o.push_str("<g class=\"legend\">\n");
    let m = orgpath_draw::font::Metrics::get();
    // One line of text from `x`, cut to what fits in its column.
    let line = |o: &mut String, x: f32, right: f32, cy: f32, s: &str, weight: Weight, fill| {
        let lines = orgpath_draw::font::wrap(s, size, weight, right - x, 1);
        let joined = lines.join(" ");
        let t = TextRun {
            x,
            y: cy + baseline(size, row) - row / 2.0,
            width: m.width(&joined, size, weight),
            text: joined,
            size,
            weight,
            role: TextRole::Label,
        };
        text(o, &t, fill);
    };
    for (col, r, cell) in legend_grid(scene).cells {
        let x = 32.0 + col as f32 * col_w;
        let right = x + col_w - size;
        let cy = top + r as f32 * row + row / 2.0;
        match cell {
            LegendRow::Heading { name, count } => {
                let label = counted(name, Some(count), scene.lang);
                line(o, x, right, cy, &label, Weight::Bold, p.ink);
            }
            LegendRow::Entry { entry, indent } => {
                // A filtered-out entry is drawn faintly: the export says what it
                // leaves out.
                if entry.hidden {
                    o.push_str("<g data-hidden=\"true\" opacity=\"0.35\">\n");
                }
                let x = if indent { x + size * 0.67 } else { x };
                let swatch_w = swatch(o, &entry.swatch, x, cy, size * 1.5, p);
                let label = counted(&entry.label, entry.count, scene.lang);
                let tx = x + swatch_w + size * 0.67;
                line(o, tx, right, cy, &label, Weight::Regular, p.ink2);
                if entry.hidden {
                    o.push_str("</g>\n");
                }
            }
        }
    }
    o.push_str("</g>\n");
}

/// A 32x16 SVG of one legend swatch, for the window's sidebar legend, with the
/// arrowhead or pattern it needs.
pub fn legend_swatch(entry: &Swatch, theme: super::Theme) -> String {
    let p = Palette::of(theme);
    let mut o = String::from("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"32\" height=\"16\" viewBox=\"0 0 32 16\">");
    let mut thin = Palette::of(theme);
    thin.line_scale = p.line_scale.min(1.5);
    match entry {
        Swatch::Line { role, .. } if swatch_has_head(*role) => {
            o.push_str("<defs>");
            marker(&mut o, role.head(), thin.edge(*role));
            o.push_str("</defs>");
        }
        Swatch::Fill { accent } if accent.pattern() > 0 => {
            o.push_str("<defs>");
            pattern_def(&mut o, accent.pattern(), thin.accent(*accent));
            o.push_str("</defs>");
        }
        _ => {}
    }
    // Lines fill the 32 px box; squares sit in its middle.
    let x = if matches!(entry, Swatch::Line { .. }) {
        0.0
    } else {
        8.0
    };
    swatch(&mut o, entry, x, 8.0, 16.0, &thin);
    o.push_str("</svg>");
    o
}

/// Draws one legend swatch of size `sw` (lines are twice as long) with its left edge at
/// `x` and its middle at `cy`; returns the width drawn. The exported legend and the
/// window's sidebar both use it, so they show the same marks: a group's colour (and
/// pattern), a line with its style and (a relation kind's) arrowhead.
fn swatch(o: &mut String, entry: &Swatch, x: f32, cy: f32, sw: f32, p: &Palette) -> f32 {
    match entry {
        Swatch::Fill { accent } => {
            // A patterned square gets its colour's outline, so it reads as one mark.
            let (inset, outline) = if accent.pattern() > 0 {
                (0.5, format!(" stroke=\"{}\"", p.accent(*accent)))
            } else {
                (0.0, String::new())
            };
            let _ = write!(
                o,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\"{outline}/>",
                num(x + inset),
                num(cy - sw / 2.0 + inset),
                num(sw - 2.0 * inset),
                num(sw - 2.0 * inset),
                num(sw / 4.0),
                accent_fill(*accent, p)
            );
            sw
        }
        Swatch::Line { role, style } => {
            let points = vec![
                orgpath_draw::scene::Point::new(x + 1.0, cy),
                orgpath_draw::scene::Point::new(x + sw * 2.0 - 1.0, cy),
            ];
            edge(
                o,
                &Edge {
                    dimmed: false,
                    from: String::new(),
                    to: String::new(),
                    role: *role,
                    style: *style,
                    points,
                    arrow: swatch_has_head(*role),
                    kind: String::new(),
                    label: None,
                },
                p,
                None,
            );
            sw * 2.0
        }
        Swatch::Illustrative => {
            let _ = write!(o, "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-dasharray=\"4 2\"/>", num(x + 0.5), num(cy - sw / 2.0 + 0.5), num(sw - 1.0), num(sw - 1.0), num(sw / 4.0), p.surface, p.ink2);
            sw
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(escape("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(escape("a\u{FFFF}b\u{FFFE}c\u{FFFD}"), "abc\u{FFFD}");
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(num(1.234), "1.23");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(100.0), "100");
        assert_eq!(num(-1.5), "-1.5");
        assert_eq!(num(0.05), "0.05");
        assert_eq!(num(12.1), "12.1");
    }

    #[test]
    fn accent_colours_differ_between_groups() {
        let p = Palette::of(Theme::Light);
        assert_ne!(p.accent(Accent::Group(0)), p.accent(Accent::Group(1)));
    }
}
