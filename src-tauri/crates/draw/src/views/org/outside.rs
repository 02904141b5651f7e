//! Units outside the organisation (customers, partner companies: external units with
//! nothing under them) as a group of their own beside the tree, under a heading.
//! Drawn as roots of the tree they floated beside it as if they were parts of the
//! organisation without a parent; stacked in a framed column they read as what the
//! article says they are, the people the organisation works with.

use crate::font::{Metrics, Weight};
use crate::layout::tidy::{self, Spacing};
use crate::scene::{
    baseline, Accent, Card, Lang, Rect, Region, SizedCard, TextRole, TextRun, TypeScale,
};
use orgpath_model::dataset::Dataset;
use orgpath_model::org_tree::TreeNode;
use orgpath_model::raw::NodeKind;

/// The roots outside the organisation, and the heading their group is drawn under.
pub struct Outside<'t> {
    pub nodes: Vec<&'t TreeNode>,
    /// The group's name when they share one (the built-in data's "社外"), else a
    /// general one.
    pub heading: String,
    /// Their group's colour (neutral when they do not share one).
    pub accent: Accent,
}

/// Splits the roots into those of the organisation and those outside it: external
/// units without children. A forest with no root of the organisation keeps its roots
/// as they are (there is nothing to stand beside).
pub fn split<'t>(
    dataset: &Dataset,
    roots: &'t [TreeNode],
    lang: Lang,
) -> (Vec<&'t TreeNode>, Option<Outside<'t>>) {
    let outside = |n: &TreeNode| {
        n.children.is_empty()
            && dataset
                .node(&n.id)
                .is_some_and(|node| node.kind == NodeKind::External)
    };
    let (out, inside): (Vec<&TreeNode>, Vec<&TreeNode>) = roots.iter().partition(|n| outside(n));
    if out.is_empty() || inside.is_empty() {
        return (roots.iter().collect(), None);
    }
    let groups: Vec<Option<&str>> = out
        .iter()
        .map(|n| dataset.node(&n.id).and_then(|node| node.group.as_deref()))
        .collect();
    let shared = groups
        .first()
        .copied()
        .flatten()
        .filter(|g| groups.iter().all(|o| *o == Some(g)))
        .and_then(|g| dataset.group(g));
    let heading = match (shared, lang) {
        (Some(g), _) => lang.pick(&g.label).to_owned(),
        (None, Lang::Ja) => "組織の外".to_owned(),
        (None, Lang::En) => "Outside the organisation".to_owned(),
    };
    let accent = shared
        .and_then(|g| dataset.groups().iter().position(|x| x.id == g.id))
        .map_or(Accent::Neutral, |i| Accent::Group(i as u32));
    (
        inside,
        Some(Outside {
            nodes: out,
            heading,
            accent,
        }),
    )
}

/// The group's measures: padding, the heading's size and line, the gap between cards.
struct Gauge {
    pad: f32,
    heading: f32,
    line: f32,
    gap: f32,
}

impl Gauge {
    fn of(ts: &TypeScale) -> Gauge {
        // The heading at body size (DESIGN.md: 14 at 100 %), never under a caption.
        let heading = (ts.title * 0.875).round().max(ts.caption);
        Gauge {
            pad: ts.pad,
            heading,
            line: (heading * 1.5).round(),
            gap: ts.sibling_gap,
        }
    }
}

/// The group's size for cards of `sizes` (width, height) under `heading`.
pub fn block(sizes: &[(f32, f32)], heading: &str, ts: &TypeScale) -> (f32, f32) {
    let g = Gauge::of(ts);
    let heading_w = Metrics::get().width(heading, g.heading, Weight::Bold);
    let widest = sizes.iter().map(|s| s.0).fold(heading_w, f32::max);
    let tall: f32 =
        sizes.iter().map(|s| s.1).sum::<f32>() + g.gap * sizes.len().saturating_sub(1) as f32;
    (widest + 2.0 * g.pad, g.line + 2.0 * g.pad + tall)
}

/// Places the group's cards beside the tree whose cards span `tree` (at the origin
/// when there is none), top-aligned, stacked under the heading; gives them placed and
/// the group's framed region.
pub fn place(
    sized: Vec<SizedCard>,
    outside: &Outside,
    tree: Option<Rect>,
    ts: &TypeScale,
) -> (Vec<Card>, Region) {
    let g = Gauge::of(ts);
    let sizes: Vec<(f32, f32)> = sized.iter().map(|c| (c.width(), c.height())).collect();
    let (w, h) = block(&sizes, &outside.heading, ts);
    let (x, y) = tree.map_or((0.0, 0.0), |r| {
        (r.right() + tidy::beside_gap(Spacing::of(ts)), r.y)
    });
    let mut top = y + g.pad + g.line;
    let mut cards = Vec::with_capacity(sized.len());
    for c in sized {
        let h = c.height();
        cards.push(c.place(x + g.pad, top));
        top += h + g.gap;
    }
    let text = TextRun {
        x: x + g.pad,
        y: y + g.pad * 0.5 + baseline(g.heading, g.line),
        text: outside.heading.clone(),
        size: g.heading,
        weight: Weight::Bold,
        role: TextRole::Heading,
        width: Metrics::get().width(&outside.heading, g.heading, Weight::Bold),
    };
    let region = Region {
        id: "outside".into(),
        rect: Rect { x, y, w, h },
        accent: outside.accent,
        texts: vec![text],
    };
    (cards, region)
}
