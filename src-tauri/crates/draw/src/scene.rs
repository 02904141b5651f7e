//! The scene: positioned cards, text runs, edges with routes, labels and a legend.
//!
//! Layouts produce a [`Scene`]; painters draw it (the SVG writer, which the window
//! shows and the exporter saves, and the PNG renderer on top of that SVG). A scene is
//! already in one language and one type scale; colours are left to the painter's
//! theme, so the scene names roles ([`Accent`], [`EdgeRole`]) rather than colours.

use serde::Serialize;

use crate::font::{wrap, Metrics, Weight};
pub use orgpath_model::{Lang, View};

/// Sizes in px (at scale 1) for one type scale. Layouts take all their measures from
/// here, so the projector theme's large type reflows the diagram instead of
/// overflowing it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TypeScale {
    pub title: f32,
    pub caption: f32,
    pub label: f32,
    pub view_title: f32,
    /// Card padding.
    pub pad: f32,
    /// Height of the tinted strip at a card's top.
    pub strip: f32,
    /// Widest a card's title may be before it wraps.
    pub max_title_width: f32,
    pub min_card_width: f32,
    /// Gap between siblings and between levels of a tree.
    pub sibling_gap: f32,
    pub level_gap: f32,
    /// Outer padding of the whole diagram: exports are never cropped.
    pub margin: f32,
}

impl TypeScale {
    /// DESIGN.md: 12 caption, 14 body, 16 card title, 28 view title; 8 px grid.
    pub const STANDARD: TypeScale = TypeScale {
        title: 16.0,
        caption: 12.0,
        label: 12.0,
        view_title: 28.0,
        pad: 12.0,
        strip: 6.0,
        max_title_width: 260.0,
        min_card_width: 112.0,
        sibling_gap: 16.0,
        level_gap: 64.0,
        margin: 32.0,
    };

    /// DESIGN.md's projector sizes at 1920x1080: 36 card title, 28 body (captions and
    /// labels too: a slide draws the diagram at zoom 2/3 or more, and 28 px at 2/3 is
    /// the 18 px a label needs from the back row), 48 view title.
    pub const PROJECTOR: TypeScale = TypeScale {
        title: 36.0,
        caption: 28.0,
        label: 28.0,
        view_title: 48.0,
        pad: 20.0,
        strip: 10.0,
        max_title_width: 520.0,
        min_card_width: 200.0,
        sibling_gap: 28.0,
        level_gap: 112.0,
        margin: 56.0,
    };

    pub fn title_line(&self) -> f32 {
        (self.title * 1.3).round()
    }

    pub fn caption_line(&self) -> f32 {
        (self.caption * 1.5).round()
    }
}

/// A colour role; the painter's theme turns it into a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ts_rs::TS)]
#[serde(tag = "type", content = "index", rename_all = "snake_case")]
pub enum Accent {
    /// A node group, by its position in the dataset's group list. The first
    /// [`GROUP_HUES`] groups each get a colour of their own; later ones reuse the
    /// colours with a pattern ([`Accent::pattern`]), never a silently repeated colour.
    Group(u32),
    /// A career track, by its position in the dataset's track list.
    Track(u32),
    Neutral,
}

/// How many distinct colours the painters' themes have for groups.
pub const GROUP_HUES: u32 = 12;

/// How many patterns tell groups of one colour apart: plain, then stripes, dots and
/// checks, so [`GROUP_HUES`] x 4 groups each have a look of their own.
pub const GROUP_PATTERNS: u32 = 4;

impl Accent {
    /// The pattern a group's colour is drawn with: 0 (plain) for the first
    /// [`GROUP_HUES`] groups, 1, 2, 3 for the next ones; every other accent is plain.
    pub fn pattern(self) -> u32 {
        match self {
            Accent::Group(i) => (i / GROUP_HUES) % GROUP_PATTERNS,
            _ => 0,
        }
    }
}

/// How many line colours the painters' themes have for relation kinds.
pub const LINE_HUES: u32 = 8;

/// The mark at the end of a line. Relation kinds take theirs from their hue
/// (`hue % 4`), so the kinds of one family share colour and arrowhead and differ by
/// line style, and families stay apart in greyscale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Head {
    /// A filled triangle.
    Triangle,
    /// An open V.
    Chevron,
    /// A filled circle.
    Circle,
    /// A filled diamond.
    Diamond,
}

impl Head {
    pub const ALL: [Head; 4] = [Head::Triangle, Head::Chevron, Head::Circle, Head::Diamond];

    pub fn as_str(self) -> &'static str {
        match self {
            Head::Triangle => "triangle",
            Head::Chevron => "chevron",
            Head::Circle => "circle",
            Head::Diamond => "diamond",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub fn new(x: f32, y: f32) -> Point {
        Point { x, y }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum TextRole {
    Title,
    Caption,
    Badge,
    Label,
    Heading,
}

/// One line of text, positioned by its baseline's left end.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct TextRun {
    pub x: f32,
    pub y: f32,
    pub text: String,
    pub size: f32,
    pub weight: Weight,
    pub role: TextRole,
    /// Measured width, with the metrics the PNG renderer draws with.
    pub width: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    pub fn centre(&self) -> Point {
        Point::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// True when the two rectangles share interior area (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() - 0.01
            && o.x < self.right() - 0.01
            && self.y < o.bottom() - 0.01
            && o.y < self.bottom() - 0.01
    }
}

/// A node drawn as a card.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Card {
    /// The node's id (written as `data-id` in SVG).
    pub id: String,
    pub rect: Rect,
    pub accent: Accent,
    /// Title lines, caption and badge, in absolute coordinates.
    pub texts: Vec<TextRun>,
    /// Full label, for the tooltip (`<title>`) when the drawn title was shortened.
    pub full_label: String,
    pub description: Option<String>,
    pub illustrative: bool,
    /// The subject of the view (e.g. the focal node of the relationship map).
    pub emphasis: bool,
    /// Children hidden in this view, shown as a count.
    pub collapsed: Option<u32>,
    /// Filtered out by the legend but kept in place (the organisation tree keeps its
    /// shape): painted faintly.
    pub dimmed: bool,
    /// A person's photo, or their initials, at the card's left.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar: Option<Avatar>,
}

/// The round picture on a person's card. Placed relative to the card's corner, so
/// whatever moves the card moves it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Avatar {
    /// Offset of the circle's bounding square from the card's top-left corner.
    pub dx: f32,
    pub dy: f32,
    /// The circle's diameter.
    pub size: f32,
    /// Shown when there is no photo, on the card's accent colour.
    pub initials: String,
    /// The photo as a `data:` URI (PNG or JPEG). Painters embed it; it is never sent
    /// to the window as JSON (the window shows the SVG).
    #[serde(skip)]
    #[ts(skip)]
    pub photo: Option<std::sync::Arc<str>>,
}

/// What an edge means, which sets its colour and default line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "type", content = "index", rename_all = "snake_case")]
pub enum EdgeRole {
    /// Parent to child in the organisation tree.
    Hierarchy,
    /// An extra (matrix) parent.
    Secondary,
    /// A typed relationship: `kind` is the kind's position in the dataset's list,
    /// `hue` its line colour (below [`LINE_HUES`]), chosen so that no two kinds share
    /// both hue and line style (`views::relation_hues`).
    Relation { kind: u32, hue: u32 },
    /// A career move.
    Transition,
    /// The main sequence of a flow.
    FlowNext,
    /// A link of a flow's main sequence that skips steps.
    FlowShortcut,
    /// A side path of a flow.
    FlowBranch,
}

impl EdgeRole {
    /// The mark at the end of an edge of this role, when it has an arrow.
    pub fn head(self) -> Head {
        match self {
            EdgeRole::Relation { hue, .. } => Head::ALL[hue as usize % Head::ALL.len()],
            // A shortcut's open head tells it from the next step's filled one where
            // the colours do not show (greyscale print).
            EdgeRole::FlowShortcut => Head::Chevron,
            _ => Head::Triangle,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub role: EdgeRole,
    pub style: orgpath_model::raw::LineStyle,
    /// The route: a polyline from the source's border to the target's border.
    pub points: Vec<Point>,
    /// Draw an arrowhead at the last point.
    pub arrow: bool,
    /// What the edge is, for `data-kind`: a relation kind's id, a transition kind
    /// ("promotion"), "hierarchy", "secondary", "next" or "branch".
    pub kind: String,
    /// The edge's whole label (the drawn one may be wrapped), for its `<title>`.
    pub label: Option<String>,
    /// Not lit by a tour step's spotlight: painted faintly, like a dimmed card.
    pub dimmed: bool,
}

/// Text that belongs to an edge, on a small background of the canvas colour.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct EdgeLabel {
    /// Index into `Scene::edges`.
    pub edge: u32,
    pub rect: Rect,
    pub texts: Vec<TextRun>,
}

/// A background area: a lane of the career view, a group in the relationship map.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Region {
    pub id: String,
    pub rect: Rect,
    pub accent: Accent,
    pub texts: Vec<TextRun>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Swatch {
    Fill {
        accent: Accent,
    },
    Line {
        role: EdgeRole,
        style: orgpath_model::raw::LineStyle,
    },
    Illustrative,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct LegendEntry {
    pub swatch: Swatch,
    pub label: String,
    /// The filter key the entry toggles ("kind:<id>", "group:<id>", "secondary",
    /// "illustrative"); `None` when the view cannot filter by it.
    pub key: Option<String>,
    /// Filtered out: kept in the legend so it can be switched back on.
    pub hidden: bool,
    /// How many of the view's links the entry stands for (a relation kind's); `None`
    /// where the view does not count.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// The family the entry is listed under (a relation kind's): the entries of one
    /// family follow each other, after a heading with the family's name.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
}

impl LegendEntry {
    /// An entry that filters nothing.
    pub fn plain(swatch: Swatch, label: impl Into<String>) -> LegendEntry {
        LegendEntry {
            swatch,
            label: label.into(),
            key: None,
            hidden: false,
            count: None,
            family: None,
        }
    }

    /// An entry that toggles `key`, hidden when `hidden` holds it.
    pub fn keyed(
        swatch: Swatch,
        label: impl Into<String>,
        key: String,
        hidden: &std::collections::BTreeSet<String>,
    ) -> LegendEntry {
        LegendEntry {
            swatch,
            label: label.into(),
            hidden: hidden.contains(&key),
            key: Some(key),
            count: None,
            family: None,
        }
    }
}

/// A run of legend entries as a reader takes them in: one entry on its own, or a
/// family's heading over its entries.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LegendSection<'a> {
    Single(&'a LegendEntry),
    Family {
        name: &'a str,
        /// The links its entries stand for, together.
        count: u32,
        /// The hue all its entries share, if they do (the family's colour).
        hue: Option<u32>,
        entries: &'a [LegendEntry],
    },
}

impl LegendSection<'_> {
    /// The rows the section takes in a list: its entries, and a heading for a family.
    pub fn rows(&self) -> usize {
        match self {
            LegendSection::Single(_) => 1,
            LegendSection::Family { entries, .. } => entries.len() + 1,
        }
    }
}

/// The legend as sections: consecutive entries of one family make one section.
pub fn legend_sections(legend: &[LegendEntry]) -> Vec<LegendSection<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < legend.len() {
        let Some(name) = legend[i].family.as_deref() else {
            out.push(LegendSection::Single(&legend[i]));
            i += 1;
            continue;
        };
        let n = legend[i..]
            .iter()
            .take_while(|e| e.family.as_deref() == Some(name))
            .count();
        let entries = &legend[i..i + n];
        let hue_of = |e: &LegendEntry| match e.swatch {
            Swatch::Line {
                role: EdgeRole::Relation { hue, .. },
                ..
            } => Some(hue),
            _ => None,
        };
        let first = hue_of(&entries[0]);
        let hue = first.filter(|_| entries.iter().all(|e| hue_of(e) == first));
        out.push(LegendSection::Family {
            name,
            count: entries.iter().filter_map(|e| e.count).sum(),
            hue,
            entries,
        });
        i += n;
    }
    out
}

/// Everything a painter needs to draw one view.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Scene {
    pub view: View,
    pub lang: Lang,
    pub width: f32,
    pub height: f32,
    /// For `<title>` and `<desc>`.
    pub title: String,
    pub description: String,
    pub regions: Vec<Region>,
    pub edges: Vec<Edge>,
    pub cards: Vec<Card>,
    pub labels: Vec<EdgeLabel>,
    /// Shown beside the diagram by the window and drawn into exports.
    pub legend: Vec<LegendEntry>,
}

impl Scene {
    /// A scene of `view` with nothing in it yet: the view fills it, then fits it.
    pub fn empty(view: View, lang: Lang, title: String) -> Scene {
        Scene {
            view,
            lang,
            width: 0.0,
            height: 0.0,
            title,
            description: String::new(),
            regions: Vec::new(),
            edges: Vec::new(),
            cards: Vec::new(),
            labels: Vec::new(),
            legend: Vec::new(),
        }
    }

    /// Grows the canvas to hold everything with `margin` on every side, shifting
    /// content so nothing sits at negative coordinates. Exports are never cropped.
    pub fn fit(&mut self, margin: f32) {
        let mut min = Point::new(f32::INFINITY, f32::INFINITY);
        let mut max = Point::new(f32::NEG_INFINITY, f32::NEG_INFINITY);
        let mut take = |r: &Rect| {
            min.x = min.x.min(r.x);
            min.y = min.y.min(r.y);
            max.x = max.x.max(r.right());
            max.y = max.y.max(r.bottom());
        };
        self.cards.iter().for_each(|c| take(&c.rect));
        self.regions.iter().for_each(|r| take(&r.rect));
        self.labels.iter().for_each(|l| take(&l.rect));
        for e in &self.edges {
            for p in &e.points {
                take(&Rect {
                    x: p.x,
                    y: p.y,
                    w: 0.0,
                    h: 0.0,
                });
            }
        }
        if !min.x.is_finite() {
            self.width = 2.0 * margin;
            self.height = 2.0 * margin;
            return;
        }
        let (dx, dy) = (margin - min.x, margin - min.y);
        self.translate(dx, dy);
        self.width = (max.x - min.x + 2.0 * margin).ceil();
        self.height = (max.y - min.y + 2.0 * margin).ceil();
    }

    pub fn translate(&mut self, dx: f32, dy: f32) {
        let shift_rect = |r: &mut Rect| {
            r.x += dx;
            r.y += dy;
        };
        let shift_texts = |ts: &mut Vec<TextRun>| {
            for t in ts {
                t.x += dx;
                t.y += dy;
            }
        };
        for c in &mut self.cards {
            shift_rect(&mut c.rect);
            shift_texts(&mut c.texts);
        }
        for r in &mut self.regions {
            shift_rect(&mut r.rect);
            shift_texts(&mut r.texts);
        }
        for l in &mut self.labels {
            shift_rect(&mut l.rect);
            shift_texts(&mut l.texts);
        }
        for e in &mut self.edges {
            for p in &mut e.points {
                p.x += dx;
                p.y += dy;
            }
        }
    }

    /// Every character the scene draws, for the font coverage check.
    pub fn texts(&self) -> impl Iterator<Item = &TextRun> {
        self.cards
            .iter()
            .flat_map(|c| c.texts.iter())
            .chain(self.regions.iter().flat_map(|r| r.texts.iter()))
            .chain(self.labels.iter().flat_map(|l| l.texts.iter()))
    }
}

/// What goes on a card, before it is placed.
pub struct CardSpec<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub caption: Option<String>,
    pub badge: Option<&'a str>,
    pub accent: Accent,
    pub description: Option<&'a str>,
    pub illustrative: bool,
    pub emphasis: bool,
    pub collapsed: Option<u32>,
}

/// What a person's card adds to a [`CardSpec`].
pub struct PersonSpec {
    /// `Some` when the file has a photo column: the photo, or the initials when the
    /// photo is missing or remote (so every card of the file keeps one shape).
    pub avatar: Option<(Option<std::sync::Arc<str>>, String)>,
    /// A secondary line under the job title, e.g. "12 direct reports".
    pub detail: Option<String>,
}

impl TypeScale {
    /// The width of every person's card: one width, so rows and grids of people line
    /// up; names and titles wrap inside it. 248 px at the standard scale (8 px grid).
    pub fn person_card_width(&self) -> f32 {
        (self.title * 15.5).round()
    }

    /// The avatar circle's diameter: 40 px at the standard scale.
    pub fn avatar_size(&self) -> f32 {
        (self.title * 2.5).round()
    }
}

/// A card measured and wrapped but not yet placed (at the origin). Layouts size their
/// rows and columns from `rect`, then call [`place`](Self::place).
pub struct SizedCard(pub Card);

impl SizedCard {
    pub fn new(spec: CardSpec<'_>, ts: &TypeScale) -> SizedCard {
        SizedCard::build(spec, None, ts)
    }

    /// A person's card: one fixed width for every person, the photo or initials at the
    /// left when the file has a photo column, and the detail line under the caption.
    pub fn person(spec: CardSpec<'_>, person: PersonSpec, ts: &TypeScale) -> SizedCard {
        SizedCard::build(spec, Some(person), ts)
    }

    /// Measures and wraps a card at the origin: title, caption (with the folded
    /// count), a person's detail line, then the badge; the card grows to hold them.
    fn build(spec: CardSpec<'_>, person: Option<PersonSpec>, ts: &TypeScale) -> SizedCard {
        let frame = CardFrame::new(person.as_ref(), ts);
        let (avatar, detail) = match person {
            Some(p) => (p.avatar, p.detail),
            None => (None, None),
        };
        let mut column = TextColumn::new(frame.left, frame.top, frame.text_width);
        column.push_wrapped(spec.title, TextStyle::title(ts), 3);
        let caption_text = caption_text(&spec);
        let mut caption_width = 0.0;
        if !caption_text.is_empty() {
            caption_width = column.push_wrapped(&caption_text, TextStyle::caption(ts), 2);
            column.y += 2.0;
        }
        let detail = detail.filter(|d| !d.is_empty());
        let detail_drawn = detail.is_some();
        if let Some(detail) = detail {
            column.push_wrapped(&detail, TextStyle::detail(ts), 1);
            column.y += 2.0;
        }
        if let Some(badge) = spec.badge {
            // The badge sits after the caption's last line, or on its own line.
            let after = (!caption_text.is_empty() && !detail_drawn).then_some(caption_width);
            column.push_badge(badge, after, ts);
        }
        let avatar = avatar.map(|(photo, initials)| Avatar {
            dx: ts.pad,
            dy: frame.top,
            size: frame.avatar_size,
            initials,
            photo,
        });
        let rect = frame.rect(&column, avatar.as_ref(), ts);
        SizedCard(Card {
            id: spec.id.to_owned(),
            rect,
            accent: spec.accent,
            texts: column.texts,
            full_label: spec.title.to_owned(),
            description: spec.description.map(str::to_owned),
            illustrative: spec.illustrative,
            emphasis: spec.emphasis,
            collapsed: spec.collapsed,
            dimmed: false,
            avatar,
        })
    }

    pub fn width(&self) -> f32 {
        self.0.rect.w
    }

    pub fn height(&self) -> f32 {
        self.0.rect.h
    }

    /// Moves the card so its top-left corner is at (x, y).
    pub fn place(mut self, x: f32, y: f32) -> Card {
        self.0.rect.x = x;
        self.0.rect.y = y;
        for t in &mut self.0.texts {
            t.x += x;
            t.y += y;
        }
        self.0
    }
}

/// Where a card's text goes: its top, its left edge (right of the avatar, if any) and
/// how wide it may run before it wraps; a person's card has one fixed width.
struct CardFrame {
    top: f32,
    left: f32,
    text_width: f32,
    fixed_width: Option<f32>,
    avatar_size: f32,
}

impl CardFrame {
    /// Takes the person's part of the card, if any; gives the text's frame.
    fn new(person: Option<&PersonSpec>, ts: &TypeScale) -> CardFrame {
        let avatar_size = ts.avatar_size();
        let fixed_width = person.map(|_| ts.person_card_width());
        // Text starts right of the avatar; with a fixed width it wraps inside it.
        let left = if person.is_some_and(|p| p.avatar.is_some()) {
            ts.pad + avatar_size + ts.pad * 0.75
        } else {
            ts.pad
        };
        let text_width = match fixed_width {
            Some(w) => w - left - ts.pad,
            None => ts.max_title_width,
        };
        CardFrame {
            top: ts.strip + ts.pad * 0.75,
            left,
            text_width,
            fixed_width,
            avatar_size,
        }
    }

    /// Takes the filled text column and the avatar; gives the card's rectangle at the
    /// origin, tall enough for both.
    fn rect(&self, column: &TextColumn, avatar: Option<&Avatar>, ts: &TypeScale) -> Rect {
        let y = column.y;
        let bottom = avatar.map_or(y, |a| y.max(a.dy + a.size));
        let h = (bottom + ts.pad * 0.75).ceil();
        let w = match self.fixed_width {
            // Never narrower than its text: a word too long to wrap widens its card.
            Some(fixed) => fixed.max(self.left + column.widest + ts.pad).ceil(),
            None => (column.widest.max(ts.min_card_width) + 2.0 * ts.pad).ceil(),
        };
        Rect {
            x: 0.0,
            y: 0.0,
            w,
            h,
        }
    }
}

/// The caption a card draws: the spec's caption, then "+N" when its children are
/// folded away. Empty when there is neither.
fn caption_text(spec: &CardSpec<'_>) -> String {
    let caption = spec.caption.clone().unwrap_or_default();
    match spec.collapsed {
        Some(n) if caption.is_empty() => format!("+{n}"),
        Some(n) => format!("{caption} · +{n}"),
        None => caption,
    }
}

/// How one kind of text is set.
#[derive(Clone, Copy)]
pub(crate) struct TextStyle {
    pub(crate) size: f32,
    pub(crate) weight: Weight,
    pub(crate) role: TextRole,
    /// The line box each line takes.
    pub(crate) line: f32,
    /// Extra space above each line's box, which sets a card's captions off its title.
    pub(crate) nudge: f32,
}

impl TextStyle {
    fn title(ts: &TypeScale) -> TextStyle {
        TextStyle {
            size: ts.title,
            weight: Weight::Bold,
            role: TextRole::Title,
            line: ts.title_line(),
            nudge: 0.0,
        }
    }

    fn caption(ts: &TypeScale) -> TextStyle {
        TextStyle {
            size: ts.caption,
            weight: Weight::Regular,
            role: TextRole::Caption,
            line: ts.caption_line(),
            nudge: 2.0,
        }
    }

    /// A person's detail line: a caption, in bold.
    fn detail(ts: &TypeScale) -> TextStyle {
        TextStyle {
            weight: Weight::Bold,
            ..TextStyle::caption(ts)
        }
    }
}

/// Text stacked top down from `y` at the left edge `left`: a card's, or a panel's
/// beside a diagram.
pub(crate) struct TextColumn {
    pub(crate) left: f32,
    /// Widest a line may be before it wraps.
    pub(crate) width: f32,
    /// The top of the next line.
    pub(crate) y: f32,
    /// The widest line so far.
    pub(crate) widest: f32,
    pub(crate) texts: Vec<TextRun>,
}

impl TextColumn {
    /// An empty column at (`left`, `top`) whose lines wrap at `width`.
    pub(crate) fn new(left: f32, top: f32, width: f32) -> TextColumn {
        TextColumn {
            left,
            width,
            y: top,
            widest: 0.0,
            texts: Vec::new(),
        }
    }

    /// Runs `f` with the column's left edge moved right by `indent` (and its lines
    /// that much narrower), then moves it back.
    pub(crate) fn indented<R>(&mut self, indent: f32, f: impl FnOnce(&mut Self) -> R) -> R {
        let (left, width) = (self.left, self.width);
        self.left = left + indent;
        self.width = width - indent;
        let out = f(self);
        (self.left, self.width) = (left, width);
        out
    }

    /// Stacks one line of `style` below the text so far, as it is; gives its width.
    pub(crate) fn push_line(&mut self, line: String, style: TextStyle) -> f32 {
        let w = Metrics::get().width(&line, style.size, style.weight);
        self.widest = self.widest.max(w);
        self.texts.push(TextRun {
            x: self.left,
            y: self.y + style.nudge + baseline(style.size, style.line),
            text: line,
            size: style.size,
            weight: style.weight,
            role: style.role,
            width: w,
        });
        self.y += style.line;
        w
    }

    /// Wraps `text` into at most `max_lines` lines of `style` and stacks them below
    /// the text so far; gives the width of the last line (0 when none is drawn).
    pub(crate) fn push_wrapped(&mut self, text: &str, style: TextStyle, max_lines: usize) -> f32 {
        let mut last = 0.0;
        for line in wrap(text, style.size, style.weight, self.width, max_lines) {
            last = self.push_line(line, style);
        }
        last
    }

    /// Adds the badge: after the caption's last line when `after` (that line's width)
    /// is given and the badge fits beside it, else on a line of its own.
    fn push_badge(&mut self, badge: &str, after: Option<f32>, ts: &TypeScale) {
        // The badge is set at the caption's size: at a fit zoom the window keeps every
        // card's text at 11 px or more, and a smaller badge would fall under that.
        let m = Metrics::get();
        let left = self.left;
        let bw = m.width(badge, ts.caption, Weight::Bold);
        let gap = ts.pad * 0.67;
        let beside = after.filter(|&caption_width| {
            caption_width + gap + bw + ts.pad <= self.widest.max(ts.min_card_width)
        });
        let (bx, by) = match beside {
            Some(caption_width) => (
                left + caption_width + gap + ts.caption * 0.5,
                self.y - 2.0 - ts.caption_line(),
            ),
            None => {
                let at = (left + ts.caption * 0.5, self.y);
                self.y += ts.caption_line();
                at
            }
        };
        self.widest = self.widest.max(bx - left + bw + ts.caption * 0.5);
        self.texts.push(TextRun {
            x: bx,
            y: by + 2.0 + baseline(ts.caption, ts.caption_line()),
            text: badge.to_owned(),
            size: ts.caption,
            weight: Weight::Bold,
            role: TextRole::Badge,
            width: bw,
        });
    }
}

/// Baseline offset of text of `size` set in a line box of `line` px: the glyphs'
/// ascent-descent box centred in the line.
pub fn baseline(size: f32, line: f32) -> f32 {
    let m = Metrics::get();
    let (a, d) = (m.ascent() * size, m.descent() * size);
    ((line - (a + d)) / 2.0 + a).round()
}

/// A text label with a background box, centred at `at` (for edge labels).
pub fn label_box(text: &str, at: Point, ts: &TypeScale) -> (Rect, Vec<TextRun>) {
    label_box_within(text, at, ts, ts.max_title_width * 0.8, 2)
}

/// [`label_box`] wrapped to `width` in at most `max_lines` lines, for a label that
/// must stay in a narrow place.
pub fn label_box_within(
    text: &str,
    at: Point,
    ts: &TypeScale,
    width: f32,
    max_lines: usize,
) -> (Rect, Vec<TextRun>) {
    let m = Metrics::get();
    let lines = wrap(text, ts.label, Weight::Regular, width, max_lines);
    let line_h = ts.caption_line();
    let w = lines
        .iter()
        .map(|l| m.width(l, ts.label, Weight::Regular))
        .fold(0.0, f32::max)
        + ts.pad * 0.67;
    let h = line_h * lines.len() as f32 + 2.0;
    let rect = Rect {
        x: at.x - w / 2.0,
        y: at.y - h / 2.0,
        w,
        h,
    };
    let texts = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let lw = m.width(l, ts.label, Weight::Regular);
            TextRun {
                x: at.x - lw / 2.0,
                y: rect.y + 1.0 + i as f32 * line_h + baseline(ts.label, line_h),
                text: l.clone(),
                size: ts.label,
                weight: Weight::Regular,
                role: TextRole::Label,
                width: lw,
            }
        })
        .collect();
    (rect, texts)
}
