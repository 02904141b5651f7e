//! What the window asks for: a view drawn as SVG by the same painter exports use,
//! its legend, and the details of one item. Types here cross to the UI (generated
//! TypeScript in `ui/src/generated/types.ts`).

use serde::{Deserialize, Serialize};

use crate::explore::{career_step, CareerStep};
use orgpath_draw::scene::{
    legend_sections, EdgeRole, Lang, LegendSection, Point, Rect, Scene, Swatch, View,
};
use orgpath_draw::tour::{CameraBox, StepInfo};
use orgpath_draw::views::{self, Direction};
use orgpath_model::dataset::{Attribute, Dataset, Meta, Passage, Text};
use orgpath_model::raw::LineStyle;
use orgpath_render::export::{ExportOptions, Format, SlideFormat};
use orgpath_render::pdf::PaperSize;
use orgpath_render::theme::Palette;
use orgpath_render::{svg::legend_swatch, Background, SvgOptions, Theme};

/// Which way the organisation tree grows, or "auto": the arrangement that fits the
/// window (or a 16:9 screen) best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum DirectionChoice {
    Auto,
    Lr,
    Rl,
    Td,
    Bu,
}

impl DirectionChoice {
    /// In the order the window's D key cycles through them.
    pub const ALL: [DirectionChoice; 5] = [
        DirectionChoice::Auto,
        DirectionChoice::Td,
        DirectionChoice::Lr,
        DirectionChoice::Bu,
        DirectionChoice::Rl,
    ];

    /// The direction asked for, or `None` for "auto".
    pub fn fixed(self) -> Option<Direction> {
        match self {
            DirectionChoice::Auto => None,
            DirectionChoice::Lr => Some(Direction::LeftRight),
            DirectionChoice::Rl => Some(Direction::RightLeft),
            DirectionChoice::Td => Some(Direction::TopDown),
            DirectionChoice::Bu => Some(Direction::BottomUp),
        }
    }
}

impl From<Direction> for DirectionChoice {
    fn from(d: Direction) -> DirectionChoice {
        match d {
            Direction::LeftRight => DirectionChoice::Lr,
            Direction::RightLeft => DirectionChoice::Rl,
            Direction::TopDown => DirectionChoice::Td,
            Direction::BottomUp => DirectionChoice::Bu,
        }
    }
}

/// The window's choice of view and look.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ViewRequest {
    pub view: View,
    pub lang: Lang,
    pub theme: Theme,
    /// Organisation view: which way the tree grows, or "auto": the direction and
    /// compaction that fit `viewport` best (16:9 without one); the payload says which.
    pub direction: DirectionChoice,
    /// Organisation view: children in grids of columns (with "auto": decided there).
    pub compact: bool,
    /// The window's diagram area in CSS px. The organisation view then fits it: "auto"
    /// picks the arrangement for it, compact grids get their columns for it, and a
    /// tree opened with nothing folded (and `user_folds` unset) folds whole levels
    /// until its text is readable when the drawing fits it (`views::org::fit`).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub viewport: Option<Viewport>,
    /// The folds are the user's: `collapsed` is drawn as it is, even when empty (the
    /// user unfolded everything), and nothing is folded for them.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_folds: Option<bool>,
    /// Organisation view: unfold one level of this folded unit before drawing: it
    /// leaves `collapsed` and its children with children join it (shown with "+N").
    /// The payload's `collapsed` is the result.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unfold: Option<String>,
    /// Organisation view: fold the whole tree to this many levels (1: the roots alone,
    /// each with its "+N"; more than the tree has: nothing folded) before `unfold` and
    /// `reveal` apply. The folds are then the user's, whatever `user_folds` says.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fold_level: Option<u32>,
    /// Organisation view: unfold what hides this unit (each folded unit above it opens
    /// one level), so a search result or a jump shows it.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reveal: Option<String>,
    /// Relationship view: the node at the centre.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    /// Organisation view: ids whose subtrees are folded away (shown with a count).
    #[serde(default)]
    pub collapsed: Vec<String>,
    /// Legend entries switched off, by their `LegendItem::key`: "kind:<relation kind
    /// id>", "group:<group id>", "secondary" (matrix lines) and "illustrative".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden: Vec<String>,
    /// Presenting: the id of a tour. The drawing is then the step's view and focus,
    /// with the cards and links outside its spotlight dimmed; `view`, `focus`,
    /// `collapsed` and `hidden` give way to the step, the look (language, theme, tree
    /// direction) stays the request's.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tour: Option<String>,
    /// Presenting: the step of `tour`, 0-based (default 0).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<u32>,
}

/// A box in CSS px.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Viewport {
    pub width: f32,
    pub height: f32,
}

impl Eq for Viewport {}

/// The box "auto" fits when the request has no viewport: a 16:9 screen.
pub const DEFAULT_TARGET: Viewport = Viewport {
    width: 1920.0,
    height: 1080.0,
};

impl ViewRequest {
    /// Whether the organisation view picks its own direction and compaction.
    pub fn auto_direction(&self) -> bool {
        self.direction == DirectionChoice::Auto
    }

    /// Export options for this request, or what is wrong with it. With "auto", the
    /// direction is top-down until [`view`] fits the tree (exports from the window
    /// send the direction the payload reports).
    pub fn export_options(
        &self,
        format: orgpath_render::export::Format,
    ) -> Result<ExportOptions, String> {
        let mut o = ExportOptions::new(self.view, self.lang, format);
        o.theme = self.theme;
        // With "auto", top-down until the tree is fitted.
        o.direction = self.direction.fixed().unwrap_or(Direction::TopDown);
        o.compact = self.compact;
        o.focus = self.focus.clone();
        o.collapsed = self.collapsed.iter().cloned().collect();
        o.hidden = self.hidden.iter().cloned().collect();
        Ok(o)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct LegendItem {
    /// A small SVG drawing of the swatch, in the view's theme.
    pub swatch_svg: String,
    pub label: String,
    /// The filter key this entry toggles (put it in `ViewRequest::hidden` to switch
    /// the entry off); absent for entries that cannot be filtered.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Switched off: the view leaves out (or dims) what the entry stands for.
    pub hidden: bool,
    /// How many links of the view the entry stands for (a relation kind's).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// The name of the family the entry is listed under (one of
    /// `ViewPayload::families`); a family's entries follow each other.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
}

/// A family of relation kinds in the legend: its heading.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct LegendFamily {
    pub name: String,
    /// The links its kinds have, together.
    pub count: u32,
    /// A solid line in the family's colour with its arrowhead, when its kinds share
    /// one colour.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub swatch_svg: Option<String>,
}

/// One view, ready to show.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ViewPayload {
    pub svg: String,
    pub width: f32,
    pub height: f32,
    pub title: String,
    pub legend: Vec<LegendItem>,
    /// The headings of the legend's families, in the legend's order.
    pub families: Vec<LegendFamily>,
    /// Ids of the cards drawn, in drawing order.
    pub ids: Vec<String>,
    /// The view drawn (a tour step picks its own).
    pub view: View,
    /// Where everything in `svg` is, from the scene: the window reads geometry here,
    /// never from the SVG's text or attributes.
    pub geometry: Geometry,
    /// Organisation view: the ids whose subtrees are folded in this drawing. Equal to
    /// the request's, unless the request folded nothing and the tree is too large to
    /// open whole (see [`auto_collapse`]): then the window adopts these.
    pub collapsed: Vec<String>,
    /// Organisation view: the direction drawn, which "auto" chose; other views: the
    /// request's.
    pub direction: DirectionChoice,
    /// Organisation view: whether the drawing is compact (which "auto" chose).
    pub compact: bool,
    /// Organisation view: how many levels the whole tree has (what "fold to level"
    /// can ask for), folded or not; 0 in the other views.
    pub levels: u32,
    /// Presenting: the step drawn, when the request named a tour.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<StepInfo>,
    /// Presenting: the step as its slide, the very SVG `export-tour` writes (title
    /// band, the diagram as the camera frames it, the caption). The window shows this
    /// on the projector, so the room sees exactly the slide; `svg` (the whole step) is
    /// what the camera glides over between two framings of one view.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slide: Option<String>,
    /// Presenting: the part of `svg` the slide's diagram area shows (its `viewBox`), which
    /// the camera glides between.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slide_frame: Option<CameraBox>,
}

/// A box in the drawing's coordinates (the SVG's user units).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
pub struct Bounds {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl From<&Rect> for Bounds {
    fn from(r: &Rect) -> Bounds {
        Bounds {
            x: r.x,
            y: r.y,
            w: r.w,
            h: r.h,
        }
    }
}

/// A card as drawn: the `i`th `g.card` of the SVG is the `i`th of these.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct CardBox {
    pub id: String,
    pub bounds: Bounds,
    /// Organisation view: how many units are folded under it (drawn as "+N").
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folded: Option<u32>,
    /// The view's subject (the relationship map's focal card).
    pub emphasis: bool,
}

/// A link as drawn: the `i`th `g.edge` of the SVG is the `i`th of these.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct EdgeBox {
    pub from: String,
    pub to: String,
    /// A relation's kind id; empty for the tree's and the flow's own lines.
    pub kind: String,
    pub bounds: Bounds,
    /// The route's corners, x and y in turn.
    pub points: Vec<f32>,
}

/// The colours of the plain parts, for drawing far-out zooms as blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Colours {
    pub card: String,
    pub border: String,
    pub line: String,
}

/// Where the drawing's cards, links and link labels are, in the order the SVG has them.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Geometry {
    pub cards: Vec<CardBox>,
    pub edges: Vec<EdgeBox>,
    /// The `i`th `g.edge-label` of the SVG is in the `i`th box.
    pub labels: Vec<Bounds>,
    pub colours: Colours,
}

impl Geometry {
    /// The geometry of `scene` as `orgpath_render::svg` paints it in `theme`.
    pub fn of(scene: &Scene, theme: Theme) -> Geometry {
        let cards = scene
            .cards
            .iter()
            .map(|c| CardBox {
                id: c.id.clone(),
                bounds: Bounds::from(&c.rect),
                folded: c.collapsed,
                emphasis: c.emphasis,
            })
            .collect();
        let edges = orgpath_render::svg::painting_order(scene)
            .filter(|e| orgpath_render::svg::is_drawn(e))
            .map(|e| EdgeBox {
                from: e.from.clone(),
                to: e.to.clone(),
                kind: e.kind.clone(),
                bounds: route_bounds(&e.points),
                points: e.points.iter().flat_map(|p| [p.x, p.y]).collect(),
            })
            .collect();
        let p = Palette::of(theme);
        Geometry {
            cards,
            edges,
            labels: scene.labels.iter().map(|l| Bounds::from(&l.rect)).collect(),
            colours: Colours {
                card: p.surface.to_owned(),
                border: p.border.to_owned(),
                line: p.edge(EdgeRole::Hierarchy).to_owned(),
            },
        }
    }
}

/// The box around a route's corners.
fn route_bounds(points: &[Point]) -> Bounds {
    let (mut x0, mut y0) = (f32::INFINITY, f32::INFINITY);
    let (mut x1, mut y1) = (f32::NEG_INFINITY, f32::NEG_INFINITY);
    for p in points {
        (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
    }
    Bounds {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    }
}

/// Above this many units, an organisation opened with nothing folded opens folded.
pub const OPEN_WHOLE_UP_TO: usize = 20_000;
/// About how many cards a large organisation opens with.
pub const OPEN_WITH: usize = 2_000;

/// What to fold so a large organisation opens usable: every unit with children at the
/// deepest level that keeps the cards shown within [`OPEN_WITH`] (at least the roots'
/// children are shown). Empty for a tree of up to [`OPEN_WHOLE_UP_TO`] units.
/// Breadth first and iterative: any depth.
pub fn auto_collapse(tree: &orgpath_model::org_tree::OrgTree) -> Vec<String> {
    let mut level: Vec<&orgpath_model::org_tree::TreeNode> = tree.roots.iter().collect();
    let mut levels: Vec<Vec<&orgpath_model::org_tree::TreeNode>> = Vec::new();
    let mut total = 0usize;
    while !level.is_empty() {
        total += level.len();
        let next = level.iter().flat_map(|n| n.children.iter()).collect();
        levels.push(std::mem::replace(&mut level, next));
    }
    if total <= OPEN_WHOLE_UP_TO {
        return Vec::new();
    }
    // Show levels 0..=d, folding the units at level d that have children.
    let mut shown = levels[0].len();
    let mut d = 0;
    while d + 1 < levels.len() && (d == 0 || shown + levels[d + 1].len() <= OPEN_WITH) {
        shown += levels[d + 1].len();
        d += 1;
    }
    let mut out: Vec<String> = levels[d]
        .iter()
        .filter(|n| !n.children.is_empty())
        .map(|n| n.id.clone())
        .collect();
    out.sort();
    out
}

/// Draws the requested view for the window (without the legend, which the window
/// shows beside the diagram).
pub fn view(dataset: &Dataset, request: &ViewRequest) -> Result<ViewPayload, String> {
    if let Some(tour) = &request.tour {
        return step_view(dataset, request, tour);
    }
    if request.step.is_some() {
        return Err("\"step\" needs a \"tour\": name the tour the step belongs to".into());
    }
    let options = request.export_options(orgpath_render::export::Format::Svg)?;
    if let Some(focus) = &options.focus {
        if dataset.node(focus).is_none() {
            return Err(format!("no node has the id \"{focus}\""));
        }
    }
    let mut scene_options = options.scene_options();
    let mut direction = request.direction;
    let mut compact = request.compact;
    if options.view == View::Org {
        org_layout(dataset, request, &mut scene_options)?;
        direction = DirectionChoice::from(scene_options.direction);
        compact = scene_options.compact;
    }
    let scene = views::scene(dataset, options.view, &scene_options);
    let collapsed = if options.view == View::Org {
        let mut c: Vec<String> = scene_options.collapsed.iter().cloned().collect();
        c.sort();
        c
    } else {
        Vec::new()
    };
    let mut p = payload(&scene, options.theme, collapsed, None);
    p.direction = direction;
    p.compact = compact;
    if options.view == View::Org {
        p.levels = u32::try_from(dataset.org_tree().levels()).unwrap_or(u32::MAX);
    }
    Ok(p)
}

/// The organisation view's arrangement and folds for a request: folds to the level it
/// asks for, unfolds what it asks to, fits the viewport when it gives one (see [`ViewRequest::viewport`]), and
/// without one folds a tree too large to open whole ([`auto_collapse`]).
fn org_layout(
    dataset: &Dataset,
    request: &ViewRequest,
    options: &mut views::SceneOptions,
) -> Result<(), String> {
    if let Some(level) = request.fold_level {
        options.collapsed = views::org::fold_to_level(dataset, level as usize);
    }
    if let Some(id) = &request.unfold {
        if dataset.node(id).is_none() {
            return Err(format!("no node has the id \"{id}\" to unfold"));
        }
        views::org::unfold_one_level(dataset, &mut options.collapsed, id);
    }
    if let Some(id) = &request.reveal {
        views::org::reveal(dataset, &mut options.collapsed, id);
    }
    let fold = request.user_folds != Some(true)
        && request.fold_level.is_none()
        && options.collapsed.is_empty();
    let viewport = match request.viewport {
        Some(v)
            if v.width.is_finite() && v.height.is_finite() && v.width >= 1.0 && v.height >= 1.0 =>
        {
            Some(v)
        }
        Some(v) => {
            return Err(format!(
                "the viewport must be at least 1x1 px, not {}x{}",
                v.width, v.height
            ))
        }
        None => None,
    };
    let auto = request.auto_direction();
    if viewport.is_none() && fold {
        options.collapsed = auto_collapse(dataset.org_tree()).into_iter().collect();
    }
    if viewport.is_some() || auto || options.compact {
        let target = viewport.unwrap_or(DEFAULT_TARGET);
        let fitted = views::org::fit(
            dataset,
            options,
            views::org::FitTarget {
                width: target.width,
                height: target.height,
                auto,
                prefers_top_down: views::org::prefers_top_down(dataset),
                fold: fold && viewport.is_some(),
            },
        );
        options.direction = fitted.arrangement.direction;
        options.compact = fitted.arrangement.compact;
        options.columns = fitted.arrangement.columns;
        options.shape = fitted.arrangement.shape;
        options.collapsed = fitted.collapsed.into_iter().collect();
    }
    Ok(())
}

/// The headings of the scene's legend families.
fn families(scene: &Scene, theme: Theme) -> Vec<LegendFamily> {
    legend_sections(&scene.legend)
        .into_iter()
        .filter_map(|s| match s {
            LegendSection::Family {
                name,
                count,
                hue,
                entries,
            } => {
                let swatch = hue.zip(entries.first()).and_then(|(_, e)| match e.swatch {
                    Swatch::Line { role, .. } => Some(Swatch::Line {
                        role,
                        style: LineStyle::Solid,
                    }),
                    _ => None,
                });
                Some(LegendFamily {
                    name: name.to_owned(),
                    count,
                    swatch_svg: swatch.map(|s| legend_swatch(&s, theme)),
                })
            }
            LegendSection::Single(_) => None,
        })
        .collect()
}

/// A drawn scene as the window takes it: the SVG without the legend (the window shows
/// its own, with each entry's filter key) and the ids of the cards.
fn payload(
    scene: &Scene,
    theme: Theme,
    collapsed: Vec<String>,
    step: Option<StepInfo>,
) -> ViewPayload {
    let svg = orgpath_render::svg(
        scene,
        &SvgOptions {
            theme,
            background: Background::Theme,
            legend: false,
        },
    );
    let legend = scene
        .legend
        .iter()
        .map(|e| LegendItem {
            swatch_svg: legend_swatch(&e.swatch, theme),
            label: e.label.clone(),
            key: e.key.clone(),
            hidden: e.hidden,
            count: e.count,
            family: e.family.clone(),
        })
        .collect();
    ViewPayload {
        svg,
        width: scene.width,
        height: scene.height,
        title: scene.title.clone(),
        legend,
        families: families(scene, theme),
        ids: scene.cards.iter().map(|c| c.id.clone()).collect(),
        view: scene.view,
        geometry: Geometry::of(scene, theme),
        collapsed,
        direction: DirectionChoice::Auto,
        compact: false,
        levels: 0,
        step,
        slide: None,
        slide_frame: None,
    }
}

/// A step of a tour, drawn for the window.
fn step_view(dataset: &Dataset, request: &ViewRequest, tour: &str) -> Result<ViewPayload, String> {
    // The request's view may be anything the window had open: the step picks its own.
    let mut look = request.clone();
    look.view = View::Org;
    if look.auto_direction() {
        // A step frames parts of a tree, not the whole: "auto" has nothing to fit, so
        // the tree is drawn as the tour's slides draw it (`TourExportOptions::new`:
        // left-right).
        look.direction = DirectionChoice::Lr;
    }
    let options = look.export_options(orgpath_render::export::Format::Svg)?;
    let index = request.step.unwrap_or(0) as usize;
    let step = orgpath_draw::tour::step(dataset, tour, index, &options.scene_options())?;
    let slide = orgpath_render::slide::slide(&step, options.theme);
    let mut p = payload(&step.scene, options.theme, Vec::new(), Some(step.info()));
    p.direction = DirectionChoice::from(options.direction);
    p.compact = options.compact;
    p.slide = Some(slide.svg);
    p.slide_frame = Some(slide.view_box);
    Ok(p)
}

/// Everything the details panel shows about one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Details {
    pub id: String,
    /// What the item is, e.g. "部門" / "Department" or "対応の手順" / "Step".
    pub kind: Text,
    pub label: Text,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<Text>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub track: Option<Text>,
    pub illustrative: bool,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Passage>,
    /// Parents, in hierarchy order (labels).
    pub parents: Vec<Text>,
    /// Relationships touching the item, as "kind → other" lines.
    pub relations: Vec<Text>,
    /// How many units sit under it in the organisation tree.
    pub children: u32,
    /// The same relationships grouped by kind, kinds in the dataset's order.
    pub relation_groups: Vec<RelationGroup>,
    /// Career moves into the item, in file order.
    pub transitions_in: Vec<CareerStep>,
    /// Career moves out of the item, in file order.
    pub transitions_out: Vec<CareerStep>,
    /// Further facts as "name: value" lines, in file order (a CSV file's other columns).
    pub attributes: Vec<Attribute>,
}

/// The relationships of one kind touching an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RelationGroup {
    /// The relation kind's id.
    pub kind: String,
    /// The kind's label, e.g. "質問する" / "asks questions of".
    pub label: Text,
    pub items: Vec<RelationItem>,
}

/// One relationship, from the item's side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RelationItem {
    /// The other end.
    pub id: String,
    pub label: Text,
    /// The item is the relation's `from`.
    pub outgoing: bool,
    /// The relation's own label, or its kind's.
    pub text: Text,
}

/// Details of a node or a flow step, by id.
pub fn details(dataset: &Dataset, id: &str) -> Option<Details> {
    let source = |s: &Option<String>| s.as_deref().and_then(|s| dataset.source(s)).cloned();
    if let Some(n) = dataset.node(id) {
        let label_of = |id: &str| dataset.node(id).map(|n| n.label.clone());
        let relations = dataset
            .relations_of(id)
            .filter_map(|r| {
                let kind = dataset.relation_kinds().iter().find(|k| k.id == r.kind)?;
                let text = r.label.as_ref().unwrap_or(&kind.label);
                let (arrow, other) = if r.from == id {
                    ("→", label_of(&r.to)?)
                } else {
                    ("←", label_of(&r.from)?)
                };
                Some(Text {
                    ja: format!("{} {arrow} {}", text.ja, other.ja),
                    en: format!("{} {arrow} {}", text.en, other.en),
                })
            })
            .collect();
        return Some(Details {
            id: n.id.clone(),
            kind: views::kind_name(n.kind),
            label: n.label.clone(),
            title: n.title.clone(),
            description: n.description.clone(),
            group: n
                .group
                .as_deref()
                .and_then(|g| dataset.group(g))
                .map(|g| g.label.clone()),
            track: n
                .track
                .as_deref()
                .and_then(|t| dataset.tracks().iter().find(|x| x.id == t))
                .map(|t| t.label.clone()),
            illustrative: n.illustrative,
            source: source(&n.source),
            parents: dataset
                .parents(id)
                .into_iter()
                .filter_map(label_of)
                .collect(),
            relations,
            children: dataset.children(id).len() as u32,
            relation_groups: relation_groups(dataset, id),
            transitions_in: dataset
                .transitions()
                .iter()
                .filter(|t| t.to == id)
                .map(|t| career_step(dataset, t))
                .collect(),
            transitions_out: dataset
                .transitions()
                .iter()
                .filter(|t| t.from == id)
                .map(|t| career_step(dataset, t))
                .collect(),
            attributes: n.attributes.clone(),
        });
    }
    let step = dataset
        .flows()
        .iter()
        .flat_map(|f| f.steps.iter())
        .find(|s| s.id == id)?;
    Some(Details {
        id: step.id.clone(),
        kind: Text {
            ja: "対応の手順".into(),
            en: "Step".into(),
        },
        label: step.label.clone(),
        title: step
            .actor
            .as_deref()
            .and_then(|a| dataset.node(a))
            .map(|a| a.label.clone()),
        description: step.description.clone(),
        group: None,
        track: None,
        illustrative: step.illustrative,
        source: source(&step.source),
        parents: Vec::new(),
        relations: Vec::new(),
        children: 0,
        relation_groups: Vec::new(),
        transitions_in: Vec::new(),
        transitions_out: Vec::new(),
        attributes: Vec::new(),
    })
}

/// The relations touching `id`, grouped by kind in the dataset's order; within a
/// kind, in file order.
fn relation_groups(dataset: &Dataset, id: &str) -> Vec<RelationGroup> {
    dataset
        .relation_kinds()
        .iter()
        .filter_map(|kind| {
            let items: Vec<RelationItem> = dataset
                .relations_of(id)
                .filter(|r| r.kind == kind.id)
                .filter_map(|r| {
                    let outgoing = r.from == id;
                    let other = if outgoing { &r.to } else { &r.from };
                    Some(RelationItem {
                        id: other.clone(),
                        label: dataset.node(other)?.label.clone(),
                        outgoing,
                        text: r.label.clone().unwrap_or_else(|| kind.label.clone()),
                    })
                })
                .collect();
            (!items.is_empty()).then(|| RelationGroup {
                kind: kind.id.clone(),
                label: kind.label.clone(),
                items,
            })
        })
        .collect()
}

/// The window's Export: a view request plus the file options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ExportRequest {
    pub view: ViewRequest,
    pub format: Format,
    /// PNG pixel scale, 0.25 to 4 (the largest that fits the pixel limits up to this
    /// is used).
    pub scale: f32,
    /// PNG: fit into a box instead of `scale`: "1920x1080", "4k", "a4", … (any size,
    /// so text; see `Fit::parse`).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fit: Option<String>,
    /// PDF: the paper; absent for a page the drawing's size (small drawings) or A4
    /// tiles (large ones).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<PaperSize>,
    pub background: Background,
}

impl ExportRequest {
    pub fn export_options(&self) -> Result<ExportOptions, String> {
        let mut o = self.view.export_options(self.format)?;
        let (min, max) = (
            orgpath_render::png::MIN_SCALE,
            orgpath_render::png::MAX_SCALE,
        );
        if !(min..=max).contains(&self.scale) {
            return Err(format!(
                "scale must be between {min} and {max}, not {}",
                self.scale
            ));
        }
        o.scale = self.scale;
        o.fit = self
            .fit
            .as_deref()
            .map(orgpath_render::export::Fit::parse)
            .transpose()?;
        o.paper = self.paper.map(PaperSize::paper);
        o.background = self.background;
        Ok(o)
    }

    /// A file name that says what the file holds, e.g. `orgpath-org-ja.png`.
    pub fn file_name(&self) -> String {
        format!(
            "orgpath-{}-{}.{}",
            self.view.view.as_str(),
            self.view.lang.as_str(),
            self.format.extension()
        )
    }
}

/// What the window's Export wrote: the file, what it holds ("1195x17868 px at scale
/// 0.917", "7 pages on A4: …"), and a note when the export differs from what was
/// asked (a PNG drawn at a smaller scale to fit the pixel limits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ExportSaved {
    pub path: String,
    /// In both languages: the window shows its own.
    pub summary: Text,
    pub note: Option<Text>,
}

/// The window's Export of a tour: slides as PNG files in a folder, or a PDF deck.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct TourExportRequest {
    /// The tour's id.
    pub tour: String,
    pub lang: Lang,
    /// PNG height in px: 1080 (1920x1080) or 2160 (3840x2160). The PDF is vector.
    pub size: u32,
    /// PNG (one file per step) or PDF (one page per step).
    pub format: SlideFormat,
    /// The projector's by default.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<Theme>,
}

impl TourExportRequest {
    pub fn options(&self) -> Result<orgpath_render::export::TourExportOptions, String> {
        let format = orgpath_render::export::TourFormat::new(self.format, self.size)?;
        let mut o = orgpath_render::export::TourExportOptions::new(&self.tour, self.lang, format);
        if let Some(theme) = self.theme {
            o.theme = theme;
        }
        Ok(o)
    }
}

/// The current view as indented plain text (see [`crate::explore::outline`]).
pub fn outline(dataset: &Dataset, request: &ViewRequest) -> Result<String, String> {
    let options = request.export_options(orgpath_render::export::Format::Svg)?;
    crate::explore::outline(dataset, &options)
}

/// The dataset's own description, with what the window offers for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DatasetMeta {
    #[serde(flatten)]
    #[ts(flatten)]
    pub meta: Meta,
    /// The views with something to show, in order ([`views::has_data`]): the window
    /// lists only these.
    pub views: Vec<View>,
}

/// What the window shows of `dataset` before any view: its title, source and views.
pub fn meta(dataset: &Dataset) -> DatasetMeta {
    DatasetMeta {
        meta: dataset.meta().clone(),
        views: views::with_data(dataset),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use orgpath_render::export::Fit;
    use orgpath_render::pdf::Paper;

    #[test]
    fn the_window_asks_for_fits_and_papers_by_name() {
        let request: ExportRequest = serde_json::from_value(serde_json::json!({
            "view": { "view": "org", "lang": "en", "theme": "light", "direction": "lr", "compact": false },
            "format": "png", "scale": 0.5, "fit": "4k", "background": "theme"
        }))
        .unwrap();
        let o = request.export_options().unwrap();
        assert_eq!(
            (o.scale, o.fit),
            (
                0.5,
                Some(Fit::Pixels {
                    width: 3840,
                    height: 2160
                })
            )
        );
        let pdf = ExportRequest {
            format: Format::Pdf,
            fit: None,
            paper: Some(PaperSize::A3),
            ..request.clone()
        };
        assert_eq!(pdf.export_options().unwrap().paper, Paper::parse("a3"));
        // A paper that does not exist is refused with the ones that do.
        let bad: Result<ExportRequest, _> = serde_json::from_value(serde_json::json!({
            "view": { "view": "org", "lang": "en", "theme": "light", "direction": "lr", "compact": false },
            "format": "pdf", "scale": 1.0, "paper": "b9", "background": "theme"
        }));
        assert!(bad.unwrap_err().to_string().contains("a4"));
        assert_eq!(
            Fit::parse("a4").unwrap().pixels(3000.0, 1000.0),
            (1754.0, 1240.0)
        );
        assert!(Fit::parse("12x12").is_err() && Fit::parse("wide").is_err());
    }
}
