//! What a frame shows of a scene: the one clipper behind poster tiles and slides.
//!
//! Both print only what they can show whole. A card the frame would cut is left out,
//! and so is any text the frame would cut: a PDF keeps clipped text, and searching or
//! copying would find it. Lines may run off the frame's edge. What else follows
//! from a cut differs, and is the [`Policy`].

use std::collections::HashSet;

use orgpath_draw::font::Metrics;
use orgpath_draw::scene::{Card, Edge, EdgeLabel, Rect, Region, Scene, TextRun};

/// How a frame treats what it cuts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Policy {
    /// A poster tile: a neighbouring tile prints whole what this one leaves out. Lines
    /// reaching into the tile (arrowhead included) are kept and cut at its edge, a
    /// region keeps only its texts wholly inside, and the legend is left to the
    /// overview page.
    Tile,
    /// A slide: nothing else shows what it leaves out. The lines ending on a card it
    /// leaves out go too (a line to a card that is not there reads as a mistake),
    /// while lines to cards wholly outside run off the edge into the fade. A region's
    /// heading the frame cuts slides into the part that shows (a panel without its
    /// name reads as a different panel); with no room for it the panel is left out,
    /// not drawn nameless. A panel none of whose cards shows is left out (an empty
    /// stub at the edge, a lane heading without its cards). The legend stays.
    Slide,
}

impl Policy {
    /// How far past the frame a thing may reach and still count as inside: a slide's
    /// frame is the camera box, computed in floats, so half a unit for rounding.
    fn slack(self) -> f32 {
        match self {
            Policy::Tile => 0.0,
            Policy::Slide => 0.5,
        }
    }

    /// Whether `r` reaches into `frame` at all.
    fn meets(self, r: &Rect, frame: &Rect) -> bool {
        match self {
            Policy::Tile => {
                r.x < frame.right()
                    && r.right() > frame.x
                    && r.y < frame.bottom()
                    && r.bottom() > frame.y
            }
            Policy::Slide => r.overlaps(frame),
        }
    }

    /// Whether any of `e` shows in `frame`: for a tile its points' box widened by an
    /// arrowhead, for a slide one of its segments touching the frame.
    fn shows_edge(self, e: &Edge, frame: &Rect) -> bool {
        match self {
            Policy::Tile => self.meets(&edge_box(e), frame),
            Policy::Slide => e.points.windows(2).any(|w| {
                let r = Rect {
                    x: w[0].x.min(w[1].x),
                    y: w[0].y.min(w[1].y),
                    w: (w[0].x - w[1].x).abs(),
                    h: (w[0].y - w[1].y).abs(),
                };
                r.x <= frame.right()
                    && r.right() >= frame.x
                    && r.y <= frame.bottom()
                    && r.bottom() >= frame.y
            }),
        }
    }
}

/// The part of `scene` that `frame` shows under `policy`: cards and edge labels
/// wholly inside, edges and regions reaching in, as [`Policy`] says. The scene keeps
/// its size and order; labels point at their edges' new places.
pub(crate) fn clip(scene: &Scene, frame: &Rect, policy: Policy) -> Scene {
    let (cards, cut) = cards(scene, frame, policy);
    let (edges, index) = edges(scene, frame, policy, &cut);
    let labels = labels(scene, frame, policy, &index);
    let regions = regions(scene, frame, policy, &cards);
    Scene {
        view: scene.view,
        lang: scene.lang,
        width: scene.width,
        height: scene.height,
        title: scene.title.clone(),
        description: scene.description.clone(),
        regions,
        edges,
        cards,
        labels,
        legend: match policy {
            Policy::Tile => Vec::new(),
            Policy::Slide => scene.legend.clone(),
        },
    }
}

/// Takes the scene's cards; gives those wholly in the frame, and the ids of those it
/// cuts.
fn cards<'s>(scene: &'s Scene, frame: &Rect, policy: Policy) -> (Vec<Card>, HashSet<&'s str>) {
    let mut kept = Vec::new();
    let mut cut = HashSet::new();
    for c in &scene.cards {
        if within(&c.rect, frame, policy.slack()) {
            kept.push(c.clone());
        } else if policy.meets(&c.rect, frame) {
            cut.insert(c.id.as_str());
        }
    }
    (kept, cut)
}

/// Takes the scene's edges and the cut cards; gives the edges that show, and for
/// each old edge index its new one (`u32::MAX` when it is gone), for the labels.
fn edges(
    scene: &Scene,
    frame: &Rect,
    policy: Policy,
    cut: &HashSet<&str>,
) -> (Vec<Edge>, Vec<u32>) {
    let mut kept = Vec::new();
    let mut index = vec![u32::MAX; scene.edges.len()];
    for (i, e) in scene.edges.iter().enumerate() {
        let to_cut_card = policy == Policy::Slide
            && (cut.contains(e.from.as_str()) || cut.contains(e.to.as_str()));
        if policy.shows_edge(e, frame) && !to_cut_card {
            index[i] = kept.len() as u32;
            kept.push(e.clone());
        }
    }
    (kept, index)
}

/// Takes the scene's labels and the edge index from [`edges`]; gives the labels wholly
/// in the frame whose edge stayed, pointing at its new place. A slide also checks the
/// label's text lines against the frame.
fn labels(scene: &Scene, frame: &Rect, policy: Policy, index: &[u32]) -> Vec<EdgeLabel> {
    let slack = policy.slack();
    scene
        .labels
        .iter()
        .filter_map(|l| {
            let to = *index.get(l.edge as usize).filter(|&&to| to != u32::MAX)?;
            let shows = within(&l.rect, frame, slack)
                && (policy == Policy::Tile
                    || l.texts.iter().all(|t| within(&text_box(t), frame, slack)));
            shows.then(|| EdgeLabel {
                edge: to,
                ..l.clone()
            })
        })
        .collect()
}

/// Takes the scene's regions and the cards kept; gives the regions reaching into the
/// frame, their text as the policy says.
fn regions(scene: &Scene, frame: &Rect, policy: Policy, cards: &[Card]) -> Vec<Region> {
    // A slide's panel is there for the cards in it: one whose cards are all left out
    // is a stub with nothing in it, or a heading over an empty lane, and goes too. A
    // panel that holds no card anywhere (a text panel) is not judged by its cards.
    let holds = |r: &Region, cs: &[Card]| cs.iter().any(|c| r.rect.overlaps(&c.rect));
    scene
        .regions
        .iter()
        .filter(|r| policy.meets(&r.rect, frame))
        .filter(|r| policy == Policy::Tile || holds(r, cards) || !holds(r, &scene.cards))
        .filter_map(|r| match policy {
            Policy::Tile => {
                let mut r = r.clone();
                r.texts.retain(|t| within(&text_box(t), frame, 0.0));
                Some(r)
            }
            Policy::Slide => heading_in_frame(r, frame, cards),
        })
        .collect()
}

/// `r` with its heading wholly in the frame: as it is, or slid into the part of the
/// region the frame shows, clear of the cards there; `None` when it does not fit.
fn heading_in_frame(r: &Region, frame: &Rect, cards: &[Card]) -> Option<Region> {
    let slack = Policy::Slide.slack();
    let Some(block) = bounds(r.texts.iter().map(text_box)) else {
        return Some(r.clone());
    };
    if within(&block, frame, slack) {
        return Some(r.clone());
    }
    // The part of the region on the slide, less a little padding.
    let pad = block.h * 0.25;
    let x0 = r.rect.x.max(frame.x) + pad;
    let y0 = r.rect.y.max(frame.y) + pad;
    let x1 = r.rect.right().min(frame.right()) - pad;
    let y1 = r.rect.bottom().min(frame.bottom()) - pad;
    if x1 - x0 < block.w || y1 - y0 < block.h {
        return None;
    }
    let dx = (x0 - block.x).max(0.0) + (x1 - block.right()).min(0.0);
    let dy = (y0 - block.y).max(0.0) + (y1 - block.bottom()).min(0.0);
    let moved = Rect {
        x: block.x + dx,
        y: block.y + dy,
        ..block
    };
    if cards.iter().any(|c| c.rect.overlaps(&moved)) {
        return None;
    }
    let mut r = r.clone();
    for t in &mut r.texts {
        t.x += dx;
        t.y += dy;
    }
    Some(r)
}

/// Whether `r` lies wholly inside `frame`, give or take `slack`.
pub(crate) fn within(r: &Rect, frame: &Rect, slack: f32) -> bool {
    r.x >= frame.x - slack
        && r.y >= frame.y - slack
        && r.right() <= frame.right() + slack
        && r.bottom() <= frame.bottom() + slack
}

/// The box a line of text is drawn in: its width, from the font's ascent above the
/// baseline to its descent below.
pub fn text_box(t: &TextRun) -> Rect {
    let m = Metrics::get();
    let top = t.y - m.ascent() * t.size;
    Rect {
        x: t.x,
        y: top,
        w: t.width,
        h: (m.ascent() + m.descent()) * t.size,
    }
}

/// The box of an edge's points, widened by what an arrowhead and the line's width
/// reach past them.
fn edge_box(e: &Edge) -> Rect {
    let (mut x0, mut y0, mut x1, mut y1) = (
        f32::INFINITY,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NEG_INFINITY,
    );
    for p in &e.points {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    Rect {
        x: x0 - 8.0,
        y: y0 - 8.0,
        w: (x1 - x0).max(0.0) + 16.0,
        h: (y1 - y0).max(0.0) + 16.0,
    }
}

/// The smallest box holding all of `rects`; `None` for none.
fn bounds(rects: impl Iterator<Item = Rect>) -> Option<Rect> {
    rects.reduce(|a, b| {
        let (x, y) = (a.x.min(b.x), a.y.min(b.y));
        Rect {
            x,
            y,
            w: a.right().max(b.right()) - x,
            h: a.bottom().max(b.bottom()) - y,
        }
    })
}
