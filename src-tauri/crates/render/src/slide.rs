//! A tour step as a 16:9 slide (1920x1080 px at scale 1): a title band with the
//! tour's title and the progress, the step's diagram framed by its camera, and a
//! caption band in projector type. A pure formatter like the SVG painter, whose
//! drawing of the diagram it reuses: same input, same bytes.

use std::fmt::Write;

use orgpath_draw::font::{wrap, Metrics, Weight, FAMILY_LIST};

use orgpath_draw::scene::TypeScale;
use orgpath_draw::scene::{baseline, Lang, Rect, Scene, TextRole, TextRun, View};
use orgpath_draw::tour::{
    keep_inside, readable_zoom, CameraBox, StepView, DIAGRAM_AREA, SLIDE_HEIGHT, SLIDE_WIDTH,
};

pub use super::clip::text_box;
use super::clip::{clip, Policy};
use super::png::{missing_in, rasterise, PngError};
use super::svg::{content, defs, escape, num, text};
use super::theme::{Palette, Theme};

/// Left and right margin of the bands.
const SIDE: f32 = 64.0;
/// The title band's height; the progress bar sits under it.
const TITLE_BAND: f32 = 104.0;
const PROGRESS_BAR: f32 = 6.0;
/// Where the caption band starts (under the diagram area, with a gap).
const CAPTION_TOP: f32 = DIAGRAM_AREA.y + DIAGRAM_AREA.h + 16.0;
const CAPTION_PAD: f32 = 28.0;
/// Tall subjects (a path down the inquiry flow) get the diagram on the left and the
/// caption in a panel on the right: they are drawn larger that way.
const SIDE_AREA: Rect = Rect {
    x: 40.0,
    y: 128.0,
    w: 1176.0,
    h: 928.0,
};
/// Subjects taller still (a worked example down the whole inquiry flow) get the
/// diagram at the slide's full height, and the title band moves into the panel.
const TALL_AREA: Rect = Rect {
    x: 40.0,
    y: 8.0,
    w: 1176.0,
    h: 1064.0,
};
const PANEL_LEFT: f32 = 1248.0;
const PANEL_PAD: f32 = 48.0;
/// Most lines of the tour's title in a tall slide's panel.
const TALL_TITLE_LINES: usize = 2;
/// DESIGN.md's projector sizes at 1920x1080.
const TITLE_SIZE: f32 = 44.0;
const PROGRESS_SIZE: f32 = 36.0;
const VIEW_SIZE: f32 = 28.0;
/// Caption type: 32 px; a caption too long for its band is set at 28 px.
const CAPTION_SIZES: [f32; 2] = [32.0, 28.0];
const SOURCE_SIZE: f32 = 24.0;

/// Where the caption goes, and so where the diagram is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Diagram across the slide, caption in a band under it.
    Bottom,
    /// Diagram on the left, caption in a panel on the right.
    Side,
    /// Diagram on the left at the slide's full height; the title, the progress and
    /// the caption in a panel on the right.
    Tall,
}

impl Layout {
    pub fn area(self) -> Rect {
        match self {
            Layout::Bottom => DIAGRAM_AREA,
            Layout::Side => SIDE_AREA,
            Layout::Tall => TALL_AREA,
        }
    }

    /// Width and most lines of the caption.
    fn caption_box(self) -> (f32, usize) {
        match self {
            Layout::Bottom => (SLIDE_WIDTH - 2.0 * SIDE, 3),
            Layout::Side | Layout::Tall => (SLIDE_WIDTH - PANEL_LEFT - 2.0 * PANEL_PAD, 12),
        }
    }

    /// The layout that draws `camera` larger, never closer than `max_zoom` (the step's
    /// own, 1 unless it asks): the bottom band on a tie or near-tie, so a side panel
    /// is used only where the diagram is drawn larger for it, and the tall layout only
    /// where the side panel's is smaller still. A layout that reads (at the projector's
    /// [`readable_zoom`]) is kept over one that would draw only a little larger; one
    /// that does not read gives way to any that draws larger.
    pub fn for_camera(camera: &CameraBox, max_zoom: f32) -> Layout {
        let zoom = |l: Layout| {
            let a = l.area();
            (a.w / camera.w).min(a.h / camera.h).min(max_zoom)
        };
        let reads = readable_zoom(&TypeScale::PROJECTOR);
        let mut best = Layout::Bottom;
        for l in [Layout::Side, Layout::Tall] {
            let (z, b) = (zoom(l), zoom(best));
            if z > b * 1.1 || (b < reads && z > b) {
                best = l;
            }
        }
        best
    }
}

/// The viewBox that shows `camera` in `area`: the camera box widened to the area's
/// shape, never closer than `max_zoom`, and kept inside the diagram where it can be.
pub fn fit(camera: &CameraBox, area: &Rect, max_zoom: f32, scene: &Scene) -> CameraBox {
    let aspect = area.w / area.h;
    let (mut w, mut h) = (camera.w, camera.h);
    if w / h > aspect {
        h = w / aspect;
    } else {
        w = h * aspect;
    }
    if area.w / w > max_zoom {
        w = area.w / max_zoom;
        h = area.h / max_zoom;
    }
    let (cx, cy) = (camera.x + camera.w / 2.0, camera.y + camera.h / 2.0);
    let (x, y) = keep_inside(cx, cy, w, h, scene);
    CameraBox { x, y, w, h }
}

/// One slide: its SVG and what it draws.
#[derive(Debug, Clone)]
pub struct Slide {
    pub svg: String,
    /// The step's whole scene, before the frame.
    pub scene: Scene,
    /// What the diagram area shows of it (see [`framed`]): the diagram's part of the
    /// SVG is drawn from this alone.
    pub shown: Scene,
    /// The part of the scene the diagram area shows, in the scene's units.
    pub view_box: CameraBox,
    /// Where on the slide the diagram is drawn, in slide px.
    pub area: Rect,
    /// The text of the bands (title, progress, caption, source).
    pub texts: Vec<TextRun>,
}

impl Slide {
    /// The slide as PNG: 1920x1080 at scale 1, 3840x2160 at scale 2.
    pub fn png(&self, scale: f32) -> Result<Vec<u8>, PngError> {
        let mut missing = super::png::missing_glyphs(&self.shown);
        missing.extend(missing_in(&self.texts));
        missing.sort_unstable();
        missing.dedup();
        if !missing.is_empty() {
            return Err(PngError::MissingGlyphs { chars: missing });
        }
        rasterise(&self.svg, self.scene.lang, scale)
    }
}

/// Whether the caption fits its box at `size`, and its lines.
fn caption_lines(caption: &str, size: f32, layout: Layout) -> (bool, Vec<String>) {
    let (width, most) = layout.caption_box();
    let lines = wrap(caption, size, Weight::Regular, width, most);
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    (squash(&lines.concat()) == squash(caption), lines)
}

/// The caption's type size and lines: the largest size that holds it whole, else the
/// smallest, ellipsized (the whole caption stays in the slide's `<desc>`).
pub fn caption_layout(caption: &str, layout: Layout) -> (f32, Vec<String>) {
    for size in CAPTION_SIZES {
        let (fits, lines) = caption_lines(caption, size, layout);
        if fits {
            return (size, lines);
        }
    }
    let size = CAPTION_SIZES[CAPTION_SIZES.len() - 1];
    (size, caption_lines(caption, size, layout).1)
}

fn run(x: f32, y: f32, text: &str, size: f32, weight: Weight, role: TextRole) -> TextRun {
    TextRun {
        x,
        y,
        text: text.to_owned(),
        size,
        weight,
        role,
        width: Metrics::get().width(text, size, weight),
    }
}

/// "3 / 8".
fn progress(index: usize, count: usize) -> String {
    format!("{} / {count}", index + 1)
}

/// Draws `step` as a slide in `theme` (the projector theme for a room).
pub fn slide(step: &StepView<'_>, theme: Theme) -> Slide {
    let scene = &step.scene;
    let p = Palette::of(theme);
    let max_zoom = step.step.camera.as_ref().map_or(1.0, |c| c.zoom);
    let layout = Layout::for_camera(&step.camera, max_zoom);
    let band = title_band(step, layout);
    let area = layout.area();
    let view_box = fit(&step.camera, &area, max_zoom, scene);
    let caption = caption_band(step, layout, band.bottom);
    let shown = framed(scene, &view_box);

    let mut o = String::with_capacity(8192 + scene.cards.len() * 900);
    svg_open(&mut o, step, &band, &p);
    diagram(&mut o, &shown, &area, &view_box, &p);
    // The caption's panel first: a tall slide's title band is drawn on it.
    draw_caption_band(&mut o, &caption, layout, &p);
    draw_title_band(&mut o, &band, step, layout, &p);
    o.push_str("</svg>\n");

    let mut texts = band.title;
    texts.extend([band.view, band.progress]);
    texts.extend(caption.lines);
    texts.extend(caption.source);
    Slide {
        svg: o,
        scene: scene.clone(),
        shown,
        view_box,
        area,
        texts,
    }
}

/// The title band's text: the tour's title on the left; the view and the progress
/// on the right (in a tall slide's panel: the view and the progress, the title's
/// lines under them).
struct TitleBand {
    title: Vec<TextRun>,
    view: TextRun,
    progress: TextRun,
    /// Where the band's text ends, in slide px.
    bottom: f32,
}

/// Takes the step and the layout; gives its title band's runs, set right to left: the
/// progress first, then the view's name, and the tour's title cut to the room left
/// (in a tall slide, wrapped under them across the panel).
fn title_band(step: &StepView<'_>, layout: Layout) -> TitleBand {
    let scene = &step.scene;
    let lang = scene.lang;
    let m = Metrics::get();
    let band_base = |size: f32| (TITLE_BAND - size * 1.3) / 2.0 + baseline(size, size * 1.3);
    let progress_text = progress(step.index, step.tour.steps.len());
    let progress_w = m.width(&progress_text, PROGRESS_SIZE, Weight::Bold);
    let progress = run(
        SLIDE_WIDTH - SIDE - progress_w,
        band_base(PROGRESS_SIZE),
        &progress_text,
        PROGRESS_SIZE,
        Weight::Bold,
        TextRole::Heading,
    );
    let left = match layout {
        Layout::Tall => PANEL_LEFT + PANEL_PAD,
        Layout::Bottom | Layout::Side => SIDE,
    };
    let view_name = view_label(scene, lang);
    let view_name = wrap(
        &view_name,
        VIEW_SIZE,
        Weight::Regular,
        progress.x - 40.0 - left,
        1,
    )
    .concat();
    let view_w = m.width(&view_name, VIEW_SIZE, Weight::Regular);
    let view = run(
        progress.x - 40.0 - view_w,
        band_base(VIEW_SIZE),
        &view_name,
        VIEW_SIZE,
        Weight::Regular,
        TextRole::Caption,
    );
    let title = lang.pick(&step.tour.title);
    let bold = |y: f32, l: &str| run(left, y, l, TITLE_SIZE, Weight::Bold, TextRole::Heading);
    let (title, bottom) = match layout {
        Layout::Bottom | Layout::Side => {
            let line = wrap(title, TITLE_SIZE, Weight::Bold, view.x - 48.0 - SIDE, 1).concat();
            (vec![bold(band_base(TITLE_SIZE), &line)], TITLE_BAND)
        }
        Layout::Tall => {
            let width = SLIDE_WIDTH - PANEL_LEFT - 2.0 * PANEL_PAD;
            let lines = wrap(title, TITLE_SIZE, Weight::Bold, width, TALL_TITLE_LINES);
            let line_h = (TITLE_SIZE * 1.3).round();
            let runs: Vec<TextRun> = lines
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    bold(
                        TITLE_BAND + i as f32 * line_h + baseline(TITLE_SIZE, line_h),
                        l,
                    )
                })
                .collect();
            (runs, TITLE_BAND + line_h * lines.len() as f32)
        }
    };
    TitleBand {
        title,
        view,
        progress,
        bottom,
    }
}

/// The caption band: where it is on the slide and its text.
struct CaptionBand {
    /// The band's top and bottom edges, in slide px.
    top: f32,
    bottom: f32,
    /// The caption's lines.
    lines: Vec<TextRun>,
    /// The source line(s), at the band's foot.
    source: Vec<TextRun>,
}

/// Takes the step, the layout and where the title band's text ends; gives the
/// caption band: the source the step rests on at its foot, the caption above it
/// (centred in a bottom band, from the top in a side panel, under the title in a tall
/// slide's panel).
fn caption_band(step: &StepView<'_>, layout: Layout, title_bottom: f32) -> CaptionBand {
    let lang = step.scene.lang;
    let (text_x, top, bottom) = match layout {
        Layout::Bottom => (SIDE, CAPTION_TOP, SLIDE_HEIGHT),
        Layout::Side => (
            PANEL_LEFT + PANEL_PAD,
            TITLE_BAND + PROGRESS_BAR,
            SLIDE_HEIGHT,
        ),
        Layout::Tall => (PANEL_LEFT + PANEL_PAD, PROGRESS_BAR, SLIDE_HEIGHT),
    };
    let (source, source_top) = source_runs(step, layout, text_x, bottom);
    let caption = lang.pick(&step.step.caption);
    let (size, lines) = caption_layout(caption, layout);
    let line_h = (size * 1.5).round();
    let block = line_h * lines.len() as f32;
    let first = match layout {
        // Centred in the band above the source line.
        Layout::Bottom => top + ((source_top - top - block) / 2.0).max(CAPTION_PAD * 0.75),
        Layout::Side => top + PANEL_PAD,
        Layout::Tall => title_bottom + PANEL_PAD * 0.5,
    };
    let lines = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let y = first + i as f32 * line_h + baseline(size, line_h);
            run(text_x, y, l, size, Weight::Regular, TextRole::Label)
        })
        .collect();
    CaptionBand {
        top,
        bottom,
        lines,
        source,
    }
}

/// Takes the step's source (if it names one), the band's left edge and foot; gives
/// its lines ("Source: section", at most two) set on the band's foot, and where
/// they start.
fn source_runs(
    step: &StepView<'_>,
    layout: Layout,
    text_x: f32,
    bottom: f32,
) -> (Vec<TextRun>, f32) {
    let lang = step.scene.lang;
    let text_w = layout.caption_box().0;
    let source_lines: Vec<String> = step
        .source
        .map(|s| {
            let prefix = match lang {
                Lang::Ja => "出典: ",
                Lang::En => "Source: ",
            };
            let text = format!("{prefix}{}", lang.pick(&s.section));
            wrap(&text, SOURCE_SIZE, Weight::Regular, text_w, 2)
        })
        .unwrap_or_default();
    let source_line_h = (SOURCE_SIZE * 1.5).round();
    let source_top = bottom - CAPTION_PAD * 0.75 - source_line_h * source_lines.len() as f32;
    let runs = source_lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let y = source_top + i as f32 * source_line_h + baseline(SOURCE_SIZE, source_line_h);
            run(
                text_x,
                y,
                l,
                SOURCE_SIZE,
                Weight::Regular,
                TextRole::Caption,
            )
        })
        .collect();
    (runs, source_top)
}

/// Writes the slide's opening: the `<svg>` element with what it shows, its title
/// and description (the whole caption), the shared definitions and the background.
fn svg_open(o: &mut String, step: &StepView<'_>, band: &TitleBand, p: &Palette) {
    let scene = &step.scene;
    let lang = scene.lang;
    let (w, h) = (num(SLIDE_WIDTH), num(SLIDE_HEIGHT));
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{ff}\" lang=\"{lang}\" data-view=\"{view}\" data-tour=\"{tour}\" data-step=\"{step}\" role=\"img\" aria-labelledby=\"orgpath-title orgpath-desc\">",
        ff = escape(FAMILY_LIST),
        lang = lang.as_str(),
        view = scene.view.as_str(),
        tour = escape(&step.tour.id),
        step = step.index,
    );
    let _ = writeln!(
        o,
        "<title id=\"orgpath-title\">{} — {}</title>",
        escape(lang.pick(&step.tour.title)),
        escape(&band.progress.text)
    );
    let caption = lang.pick(&step.step.caption);
    let _ = writeln!(o, "<desc id=\"orgpath-desc\">{}</desc>", escape(caption));
    defs(o, scene, p);
    let _ = writeln!(
        o,
        "<rect class=\"background\" width=\"{w}\" height=\"{h}\" fill=\"{}\"/>",
        p.canvas
    );
}

/// Writes the diagram: `shown` in `area`, framed by the camera's `view_box`, with
/// its edges fading into the canvas.
fn diagram(o: &mut String, shown: &Scene, area: &Rect, view_box: &CameraBox, p: &Palette) {
    // `meet` keeps the proportions; the camera box already has the area's shape, so
    // it fills the area exactly.
    let (a, c) = (area, view_box);
    let _ = writeln!(
        o,
        "<svg class=\"diagram\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" viewBox=\"{} {} {} {}\" preserveAspectRatio=\"xMidYMid meet\" overflow=\"hidden\">",
        num(a.x),
        num(a.y),
        num(a.w),
        num(a.h),
        num(c.x),
        num(c.y),
        num(c.w),
        num(c.h),
    );
    content(o, shown, p);
    o.push_str("</svg>\n");
    // What the camera cuts at the area's edges fades into the canvas instead of
    // stopping at a hard line.
    fades(o, a, p.canvas);
}

/// Writes the title band's text and the progress bar under it (over the whole slide,
/// at its top edge, in a tall slide).
fn draw_title_band(
    o: &mut String,
    band: &TitleBand,
    step: &StepView<'_>,
    layout: Layout,
    p: &Palette,
) {
    o.push_str("<g class=\"title-band\">\n");
    for t in &band.title {
        text(o, t, p.ink);
    }
    text(o, &band.view, p.ink2);
    text(o, &band.progress, p.ink);
    let count = step.tour.steps.len();
    let done = SLIDE_WIDTH * (step.index + 1) as f32 / count.max(1) as f32;
    let _ = writeln!(
        o,
        "<rect class=\"progress-track\" x=\"0\" y=\"{y}\" width=\"{w}\" height=\"{bar}\" fill=\"{}\" fill-opacity=\"0.25\"/><rect class=\"progress\" x=\"0\" y=\"{y}\" width=\"{}\" height=\"{bar}\" fill=\"{}\"/>",
        p.border,
        num(done),
        p.progress,
        w = num(SLIDE_WIDTH),
        y = num(if layout == Layout::Tall { 0.0 } else { TITLE_BAND }),
        bar = num(PROGRESS_BAR),
    );
    o.push_str("</g>\n");
}

/// Writes the caption band: its panel, the caption, the source.
fn draw_caption_band(o: &mut String, band: &CaptionBand, layout: Layout, p: &Palette) {
    o.push_str("<g class=\"caption-band\">\n");
    let left = match layout {
        Layout::Side | Layout::Tall => PANEL_LEFT,
        Layout::Bottom => 0.0,
    };
    let _ = writeln!(
        o,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
        num(left),
        num(band.top),
        num(SLIDE_WIDTH - left),
        num(band.bottom - band.top),
        p.panel
    );
    for r in &band.lines {
        text(o, r, p.ink);
    }
    for r in &band.source {
        text(o, r, p.ink2);
    }
    o.push_str("</g>\n");
}

/// What a slide shows of `scene` through `view`: only what it can show whole (see
/// [`Policy::Slide`]). Text the camera does not show must not be in the slide either:
/// a PDF keeps clipped text, and searching or copying would find it.
pub(crate) fn framed(scene: &Scene, view: &CameraBox) -> Scene {
    let frame = Rect {
        x: view.x,
        y: view.y,
        w: view.w,
        h: view.h,
    };
    clip(scene, &frame, Policy::Slide)
}

/// How far the diagram fades out at each edge of its area.
const FADE: f32 = 28.0;

/// Four gradients over the edges of the diagram area, from the canvas colour to
/// transparent.
fn fades(o: &mut String, a: &Rect, canvas: &str) {
    o.push_str("<g class=\"fades\">\n");
    // (rect, gradient vector from opaque to clear), in user space: PDF viewers and
    // resvg agree on those.
    let edges = [
        ((a.x, a.y, a.w, FADE), (0.0, a.y, 0.0, a.y + FADE)),
        (
            (a.x, a.bottom() - FADE, a.w, FADE),
            (0.0, a.bottom(), 0.0, a.bottom() - FADE),
        ),
        ((a.x, a.y, FADE, a.h), (a.x, 0.0, a.x + FADE, 0.0)),
        (
            (a.right() - FADE, a.y, FADE, a.h),
            (a.right(), 0.0, a.right() - FADE, 0.0),
        ),
    ];
    for (i, ((x, y, w, h), (x1, y1, x2, y2))) in edges.into_iter().enumerate() {
        let _ = writeln!(
            o,
            "<linearGradient id=\"fade-{i}\" gradientUnits=\"userSpaceOnUse\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"><stop offset=\"0\" stop-color=\"{canvas}\"/><stop offset=\"1\" stop-color=\"{canvas}\" stop-opacity=\"0\"/></linearGradient><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"url(#fade-{i})\"/>",
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            num(x),
            num(y),
            num(w),
            num(h)
        );
    }
    o.push_str("</g>\n");
}

/// The view's name as the slide's title band shows it: the flow's own name for the
/// flow view (a dataset's flow need not be an inquiry flow), else the view's.
fn view_label(scene: &Scene, lang: Lang) -> String {
    match scene.view {
        // A flow's own name, cut with "…" to a third of the band: the tour's title
        // takes what is left of it.
        View::Flow if !scene.title.is_empty() => wrap(
            &scene.title,
            VIEW_SIZE,
            Weight::Regular,
            SLIDE_WIDTH / 3.0,
            1,
        )
        .concat(),
        v => lang.pick(&v.name()).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use orgpath_draw::font::{bad_break, ONCE_BROKEN};
    use orgpath_draw::views::Direction;

    use super::*;
    use crate::export::tour_slides;

    #[test]
    fn slides_break_japanese_captions_between_phrases_and_keep_kinsoku() {
        let d = crate::builtin();
        let (mut problems, mut captions) = (Vec::new(), String::new());
        for tour in d.tours() {
            let slides = tour_slides(
                &d,
                &tour.id,
                Lang::Ja,
                Theme::Projector,
                Direction::LeftRight,
            )
            .unwrap();
            for (i, s) in slides.iter().enumerate() {
                // The caption's lines (labels) and the source's (captions), each a text.
                for w in s.texts.windows(2).filter(|w| w[0].role == w[1].role) {
                    if let Some(p) = bad_break(&w[0].text, &w[1].text, ONCE_BROKEN) {
                        problems.push(format!("{} step {}: {p}", tour.id, i + 1));
                    }
                }
                captions.extend(s.texts.iter().map(|t| t.text.as_str()));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        for w in ONCE_BROKEN {
            assert!(captions.contains(w), "no slide shows {w} whole");
        }
    }
}
