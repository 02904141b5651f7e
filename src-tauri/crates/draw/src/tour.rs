//! Guided tours: a step as a scene (its view, the spotlight dimming the rest, where the
//! camera looks) and what the window and the slides need to present it.
//!
//! The window and the slides share this: a step looks the same in presentation mode,
//! in a PNG slide and on a page of the PDF deck.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::scene::{Rect, Scene, TypeScale, View};
use crate::views::{self, SceneOptions};
use orgpath_model::dataset::{Dataset, Passage, Text, Tour, TourStep};

/// A slide, in px at scale 1 (16:9).
pub const SLIDE_WIDTH: f32 = 1920.0;
pub const SLIDE_HEIGHT: f32 = 1080.0;

/// Where a slide draws the diagram, between the title band and the caption band. A
/// camera's zoom is relative to it: zoom 1 frames a box of its size (in projector type
/// scale units), so the diagram's type is drawn at its size on the slide.
pub const DIAGRAM_AREA: Rect = Rect {
    x: 48.0,
    y: 128.0,
    w: 1824.0,
    h: 688.0,
};

/// The least a slide draws its text at, in px at 1920x1080, so that it reads from the
/// back of the room: card titles, and every other text of the diagram (labels,
/// captions on cards, headings, badges).
pub const SLIDE_TITLE_PX: f32 = 24.0;
pub const SLIDE_TEXT_PX: f32 = 18.0;

/// The least zoom (slide px per diagram unit) at which a diagram set in `ts` reads on a
/// slide: its titles at [`SLIDE_TITLE_PX`] or more, the rest at [`SLIDE_TEXT_PX`].
pub fn readable_zoom(ts: &TypeScale) -> f32 {
    (SLIDE_TITLE_PX / ts.title).max(SLIDE_TEXT_PX / ts.label.min(ts.caption))
}

/// What a step's camera frames, in the units of the step's diagram (the scene's
/// `width` and `height`). Fit it into the screen whole, keeping its proportions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
pub struct CameraBox {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// One tour, for a picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct TourSummary {
    pub id: String,
    pub title: Text,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// How many steps it has.
    pub steps: u32,
}

/// The step of a tour the window is showing, beside its drawing.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct StepInfo {
    /// The tour's id.
    pub tour: String,
    /// The tour's title.
    pub title: Text,
    /// 0-based; the progress reads `index + 1` / `count`.
    pub index: u32,
    pub count: u32,
    /// The view the step shows.
    pub view: View,
    pub caption: Text,
    /// Presenter notes.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
    /// The next step's caption; absent on the last step.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_caption: Option<Text>,
    /// Ids of the spotlit cards (every other card is dimmed; none when empty).
    pub spotlight: Vec<String>,
    /// What to frame, in diagram units.
    pub camera: CameraBox,
    /// The passage of the source the step rests on.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Passage>,
}

/// Every tour of the dataset, in file order.
pub fn summaries(dataset: &Dataset) -> Vec<TourSummary> {
    dataset
        .tours()
        .iter()
        .map(|t| TourSummary {
            id: t.id.clone(),
            title: t.title.clone(),
            description: t.description.clone(),
            steps: t.steps.len() as u32,
        })
        .collect()
}

/// The tour with `id`, or a message naming the tours there are.
pub fn find<'d>(dataset: &'d Dataset, id: &str) -> Result<&'d Tour, String> {
    dataset.tour(id).ok_or_else(|| {
        let ids: Vec<String> = dataset
            .tours()
            .iter()
            .map(|t| format!("\"{}\"", t.id))
            .collect();
        if ids.is_empty() {
            format!("no tour has the id \"{id}\": the dataset has no tours")
        } else {
            format!(
                "no tour has the id \"{id}\"; the tours are {}",
                ids.join(", ")
            )
        }
    })
}

/// A step, drawn and framed.
#[derive(Debug, Clone)]
pub struct StepView<'d> {
    pub tour: &'d Tour,
    pub index: usize,
    pub step: &'d TourStep,
    /// The passage of the source the step rests on, if it names one.
    pub source: Option<&'d Passage>,
    /// The step's view, the cards and links outside the spotlight dimmed.
    pub scene: Scene,
    pub camera: CameraBox,
}

impl StepView<'_> {
    /// What the window shows beside the drawing.
    pub fn info(&self) -> StepInfo {
        let steps = &self.tour.steps;
        StepInfo {
            tour: self.tour.id.clone(),
            title: self.tour.title.clone(),
            index: self.index as u32,
            count: steps.len() as u32,
            view: self.step.view,
            caption: self.step.caption.clone(),
            notes: self.step.notes.clone(),
            next_caption: steps.get(self.index + 1).map(|s| s.caption.clone()),
            spotlight: self.step.spotlight.clone(),
            camera: self.camera,
            source: self.source.cloned(),
        }
    }
}

/// Step `index` (0-based) of tour `tour`, drawn with `options`' language, type scale
/// and tree direction. The step decides the view and the focus; nothing is folded and
/// no legend filter applies, so every card the step names is there.
pub fn step<'d>(
    dataset: &'d Dataset,
    tour: &str,
    index: usize,
    options: &SceneOptions,
) -> Result<StepView<'d>, String> {
    let tour = find(dataset, tour)?;
    let step = tour.steps.get(index).ok_or_else(|| {
        format!(
            "tour \"{}\" has {} step{} (0 to {}); there is no step {index}",
            tour.id,
            tour.steps.len(),
            if tour.steps.len() == 1 { "" } else { "s" },
            tour.steps.len().saturating_sub(1)
        )
    })?;
    let mut options = options.clone();
    options.focus = step.focus.clone();
    options.collapsed.clear();
    options.hidden.clear();
    let mut scene = views::scene(dataset, step.view, &options);
    if whole_map(step) && step.view == View::Relationships && !reads_whole(&scene, &options.scale) {
        // The whole map would be too small to read: its groups in brief instead, one
        // card each; the steps after it show them in full.
        scene = views::relationships::overview(dataset, &options);
    }
    spotlight(&mut scene, step);
    let camera = camera(&scene, step, &options.scale);
    let source = step.source.as_deref().and_then(|s| dataset.source(s));
    Ok(StepView {
        tour,
        index,
        step,
        source,
        scene,
        camera,
    })
}

/// Whether the step shows its whole view: it spotlights nothing, lights no link and
/// aims its camera at nothing.
fn whole_map(step: &TourStep) -> bool {
    step.spotlight.is_empty() && step.edges.is_empty() && step.camera.is_none()
}

/// Whether the whole of `scene`, fitted into a slide's diagram area, reads there.
fn reads_whole(scene: &Scene, ts: &TypeScale) -> bool {
    let unit = ts.title / TypeScale::PROJECTOR.title;
    let zoom = (DIAGRAM_AREA.w * unit / scene.width).min(DIAGRAM_AREA.h * unit / scene.height);
    zoom >= readable_zoom(ts) * unit
}

/// Dims what the step does not spotlight: cards outside the spotlight, and links
/// that join no two spotlit cards and are not among the step's lit links. A step
/// that follows a worked example lights, of the links between its cards, only those
/// from each step of the example's path to the next. A step that spotlights nothing
/// dims nothing.
pub fn spotlight(scene: &mut Scene, step: &TourStep) {
    if step.spotlight.is_empty() && step.edges.is_empty() {
        return;
    }
    let lit: BTreeSet<&str> = step.spotlight.iter().map(String::as_str).collect();
    if !lit.is_empty() {
        for c in &mut scene.cards {
            c.dimmed |= !lit.contains(c.id.as_str());
        }
    }
    let route = step.route.windows(2).map(|w| (&w[0], &w[1]));
    let lit_links: Vec<(&String, &String)> = step
        .edges
        .iter()
        .map(|(a, b)| (a, b))
        .chain(route)
        .collect();
    for e in &mut scene.edges {
        let between =
            step.route.is_empty() && lit.contains(e.from.as_str()) && lit.contains(e.to.as_str());
        let listed = lit_links
            .iter()
            .any(|&(a, b)| (a == &e.from && b == &e.to) || (a == &e.to && b == &e.from));
        e.dimmed = !(between || listed);
    }
}

/// What the camera frames, in diagram units: around the target at the step's zoom;
/// else the spotlit cards and lit links with a margin (grown, if they are small, so
/// that fitting them into the slide's diagram area would not zoom past 1); else the
/// whole diagram. A painter fits the box into its own area ("meet"), widening it to
/// the area's shape. Kept inside the diagram where the diagram is larger.
pub fn camera(scene: &Scene, step: &TourStep, ts: &TypeScale) -> CameraBox {
    // Zoom 1 shows the diagram area's size at the projector type scale; a scene set in
    // a smaller scale needs a smaller box for the same look.
    let unit = ts.title / TypeScale::PROJECTOR.title;
    let (area_w, area_h) = (DIAGRAM_AREA.w * unit, DIAGRAM_AREA.h * unit);
    let margin = ts.margin;
    // Round what the step lights, half that: the scene's own margin is outside it
    // already, and every unit spent on empty edges is type lost on the slide.
    let lit_margin = margin * 0.5;

    let target = step
        .camera
        .as_ref()
        .and_then(|c| Some((scene.cards.iter().find(|k| k.id == c.target)?, c.zoom)));
    let (cx, cy, w, h) = if let Some((card, zoom)) = target {
        let (mut w, mut h) = (area_w / zoom, area_h / zoom);
        // Never so close that the target itself is cut.
        let grow = ((card.rect.w + 2.0 * margin) / w)
            .max((card.rect.h + 2.0 * margin) / h)
            .max(1.0);
        w *= grow;
        h *= grow;
        let c = card.rect.centre();
        (c.x, c.y, w, h)
    } else if let Some(b) = lit_bounds(scene, step) {
        let (mut w, mut h) = (b.w + 2.0 * lit_margin, b.h + 2.0 * lit_margin);
        let grow = (area_w / w).min(area_h / h);
        if grow > 1.0 {
            w *= grow;
            h *= grow;
        }
        let c = b.centre();
        (c.x, c.y, w, h)
    } else {
        // The scene already has its margin.
        (
            scene.width / 2.0,
            scene.height / 2.0,
            scene.width,
            scene.height,
        )
    };
    let (x, y) = keep_inside(cx, cy, w, h, scene);
    CameraBox { x, y, w, h }
}

/// The top-left corner of a `w` x `h` box centred at (`cx`, `cy`), moved inside the
/// scene along each axis where the scene is larger, else centred on it.
pub fn keep_inside(cx: f32, cy: f32, w: f32, h: f32, scene: &Scene) -> (f32, f32) {
    let place = |centre: f32, size: f32, extent: f32| {
        if size >= extent {
            (extent - size) / 2.0
        } else {
            (centre - size / 2.0).clamp(0.0, extent - size)
        }
    };
    (place(cx, w, scene.width), place(cy, h, scene.height))
}

/// The box around the spotlit cards and the lit links (with their labels), when the
/// step spotlights anything.
fn lit_bounds(scene: &Scene, step: &TourStep) -> Option<Rect> {
    if step.spotlight.is_empty() && step.edges.is_empty() {
        return None;
    }
    let mut rects: Vec<Rect> = scene
        .cards
        .iter()
        .filter(|c| step.spotlight.contains(&c.id))
        .map(|c| c.rect.clone())
        .collect();
    // The heading of each area a spotlit card sits in (a group, a career lane), so the
    // camera does not cut the name of what it shows.
    let spot: Vec<Rect> = rects.clone();
    for r in &scene.regions {
        if spot.iter().any(|c| r.rect.overlaps(c)) {
            rects.extend(r.texts.iter().map(|t| Rect {
                x: t.x,
                y: t.y - t.size,
                w: t.width,
                h: t.size * 1.3,
            }));
        }
    }
    for (i, e) in scene.edges.iter().enumerate() {
        if e.dimmed {
            continue;
        }
        rects.extend(e.points.iter().map(|p| Rect {
            x: p.x,
            y: p.y,
            w: 0.0,
            h: 0.0,
        }));
        rects.extend(
            scene
                .labels
                .iter()
                .filter(|l| l.edge as usize == i)
                .map(|l| l.rect.clone()),
        );
    }
    let first = rects.first()?.clone();
    let (mut x0, mut y0, mut x1, mut y1) = (first.x, first.y, first.right(), first.bottom());
    for r in &rects {
        x0 = x0.min(r.x);
        y0 = y0.min(r.y);
        x1 = x1.max(r.right());
        y1 = y1.max(r.bottom());
    }
    Some(Rect {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    })
}
