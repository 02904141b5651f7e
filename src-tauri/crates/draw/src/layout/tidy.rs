//! Tree layout in linear time, for cards of any size, in four directions, in two
//! arrangements: tidy and compact.
//!
//! Everything is computed along the growth direction ("main": the depth of a level)
//! and across it ("cross"), then mapped to x and y for the chosen direction, so each
//! arrangement works the same way in all four directions.
//!
//! **Tidy.** Each subtree owns an exclusive band across the growth direction: leaves
//! take the next free band in order, and a parent is centred on its children's band.
//! Levels take the depth direction, each as deep as its deepest card. Because bands
//! never overlap and levels are separated by gaps, cards cannot overlap, and an
//! orthogonal edge that turns in the gap before the child's level stays inside its
//! parent's band: no edge crosses a card.
//!
//! **Compact** (d3-org-chart style, at every level). Every subtree is a rectangular
//! *block*: its card centred at the top and, below it, its children's blocks packed
//! row by row, each row filled up to the width `⌈columns·√k⌉` average children take
//! (k children; `columns` is [`TreeOptions::columns`], which the automatic choice
//! tunes). A row is as wide as its own blocks and as deep as its deepest, so one wide
//! subtree does not widen every row below it; children of one size make a plain grid.
//! A blank row band (half a level gap) lies above every row. Connectors are orthogonal
//! and use only blank space:
//! - the parent's line drops into the band above the first row (its *bus*), runs
//!   along it and drops into each first-row child;
//! - with more than one row, a *trunk* runs down a lane left of the rows to the band
//!   above each later row, whose bus feeds the row's children.
//!
//! The trunk's lane, the gaps between blocks and the row bands hold no card, and
//! blocks never overlap (each has its own place in its row), so no connector crosses
//! a card. Secondary (matrix) edges climb out:
//! from the card's top into the band above it, along that band to just left of its
//! parent's block, up the gap there to the band above the parent, and so on to above
//! the roots, where they cross over to the other end's climb. Every step stays in a
//! band or a column gap of an ancestor's grid (or the gap between roots).
//!
//! The grid turns with the tree: in the left-right directions its columns become bands
//! stacked down the page and its rows follow one another to the right of the parent,
//! each fed by a bus in the gap to its left (right-left mirrors it, bottom-up mirrors
//! top-down).
//!
//! Iterative throughout: a chain of 100k nodes must not overflow the stack.

mod bands;
mod grid;
mod route;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::scene::{Card, Edge, SizedCard, TypeScale};

pub use bands::{positions, Positions};
pub use grid::{grid_positions, grid_rows, GridPositions, Rows};
use route::{Frame, Router};

/// Which way the tree grows from its roots ("lr", "rl", "td", "bu" in files, over IPC
/// and on the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Direction {
    #[serde(rename = "lr")]
    #[cfg_attr(feature = "clap", value(name = "lr"))]
    LeftRight,
    #[serde(rename = "rl")]
    #[cfg_attr(feature = "clap", value(name = "rl"))]
    RightLeft,
    #[serde(rename = "td")]
    #[cfg_attr(feature = "clap", value(name = "td"))]
    TopDown,
    #[serde(rename = "bu")]
    #[cfg_attr(feature = "clap", value(name = "bu"))]
    BottomUp,
}

impl Direction {
    pub const ALL: [Direction; 4] = [
        Direction::LeftRight,
        Direction::RightLeft,
        Direction::TopDown,
        Direction::BottomUp,
    ];

    pub fn horizontal(self) -> bool {
        matches!(self, Direction::LeftRight | Direction::RightLeft)
    }

    pub fn parse(s: &str) -> Option<Direction> {
        match s {
            "lr" | "left-right" => Some(Direction::LeftRight),
            "rl" | "right-left" => Some(Direction::RightLeft),
            "td" | "top-down" => Some(Direction::TopDown),
            "bu" | "bottom-up" => Some(Direction::BottomUp),
            _ => None,
        }
    }

    /// The short name [`parse`](Self::parse) takes ("lr", "rl", "td", "bu").
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::LeftRight => "lr",
            Direction::RightLeft => "rl",
            Direction::TopDown => "td",
            Direction::BottomUp => "bu",
        }
    }
}

/// A node to lay out: its card, sized but not placed, and its children.
pub struct TreeItem {
    pub card: SizedCard,
    pub children: Vec<TreeItem>,
    /// Ids of parents other than the one it hangs under (drawn as secondary edges).
    pub extra_parents: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct TreeOptions {
    pub direction: Direction,
    pub compact: bool,
    /// Compact mode: how many grid columns a node with k children gets, as a multiple
    /// of √k (see [`grid_columns`]). 1 makes square-ish grids of cells; less, taller
    /// grids; more, wider ones.
    pub columns: f32,
    /// Compact mode: instead of `columns`, each grid shaped to the box the drawing is
    /// to fill, given as its width ÷ height ([`Rows::Shape`]); the fit sets it.
    pub shape: Option<f32>,
    /// Ids whose children are not drawn.
    pub collapsed: HashSet<String>,
}

impl Default for TreeOptions {
    fn default() -> Self {
        TreeOptions {
            direction: Direction::LeftRight,
            compact: false,
            columns: 1.0,
            shape: None,
            collapsed: HashSet::new(),
        }
    }
}

/// The columns of a compact grid of `k` children: `⌈columns·√k⌉`, at least 1 and at
/// most `k` (a factor that is not a positive number counts as the smallest, 1 column).
pub fn grid_columns(k: usize, columns: f32) -> usize {
    if k == 0 {
        return 0;
    }
    let c = (columns * (k as f32).sqrt()).ceil();
    if c.is_nan() || c < 1.0 {
        1
    } else {
        (c as usize).min(k)
    }
}

/// Lays out a forest. Returns cards (in pre-order) and edges (primary then secondary).
///
/// The phases: `flatten` the forest into a [`Shape`]; place it ([`positions`], in
/// `bands`, or [`grid_positions`], in `grid`); then `route` the primary edges
/// (`Router::primary`) and the secondary ones (`Router::secondary`), all in (main,
/// cross) coordinates mapped to x and y for the direction (`Frame`); last, place the
/// cards.
pub fn layout(
    roots: Vec<TreeItem>,
    options: &TreeOptions,
    ts: &TypeScale,
) -> (Vec<Card>, Vec<Edge>) {
    let Flat {
        shape,
        cards: pending,
        extra,
    } = flatten(roots, options);
    let spacing = Spacing::of(ts);
    let placed = if options.compact {
        Placed::Grid(
            grid_rows(
                &shape,
                rows_of(options.direction, options.columns, options.shape),
                spacing,
            )
            .expect("a forest flattened in pre-order is a valid shape"),
        )
    } else {
        Placed::Tidy(
            positions(&shape, spacing).expect("a forest flattened in pre-order is a valid shape"),
        )
    };
    let (main, cross) = match &placed {
        Placed::Tidy(p) => (&p.main, &p.cross),
        Placed::Grid(g) => (&g.main, &g.cross),
    };
    let frame = Frame::new(options.direction, main, cross, &shape);
    // Ids are read from the cards (one owner, no copies) until the cards are placed.
    let ids: Vec<&str> = pending.iter().map(|c| c.0.id.as_str()).collect();
    let router = Router {
        frame: &frame,
        placed: &placed,
        shape: &shape,
        children: &child_lists(&shape.parent),
        ids: &ids,
        spacing,
    };
    let mut edges = router.primary();
    router.secondary(&extra, &mut edges);
    drop(ids);
    let cards: Vec<Card> = pending
        .into_iter()
        .enumerate()
        .map(|(i, card)| {
            let (x, y) = frame.corner(i);
            card.place(x, y)
        })
        .collect();
    (cards, edges)
}

/// How a compact tree's grids fill their rows: shaped to a box of `shape` (width ÷
/// height; across ÷ along is its inverse when the tree grows sideways), or else by
/// the column factor.
pub fn rows_of(direction: Direction, columns: f32, shape: Option<f32>) -> Rows {
    match shape {
        Some(r) if direction.horizontal() => Rows::Shape(1.0 / r),
        Some(r) => Rows::Shape(r),
        None => Rows::Factor(columns),
    }
}

/// A forest flattened in pre-order.
struct Flat {
    /// What the coordinate passes read.
    shape: Shape,
    /// The cards, waiting apart from the flat arrays until each moves once, into its
    /// place.
    cards: Vec<SizedCard>,
    /// Each node with parents besides its own: its index and their ids.
    extra: Vec<(u32, Vec<String>)>,
}

/// Flatten: takes the forest and the options; gives it in pre-order, without recursion,
/// extents along and across the chosen direction, collapsed subtrees left out.
fn flatten(roots: Vec<TreeItem>, options: &TreeOptions) -> Flat {
    let horizontal = options.direction.horizontal();
    let mut shape = Shape::default();
    let mut pending: Vec<SizedCard> = Vec::new();
    let mut extra: Vec<(u32, Vec<String>)> = Vec::new();
    let mut stack: Vec<(TreeItem, u32)> = roots.into_iter().rev().map(|r| (r, ROOT)).collect();
    while let Some((item, parent)) = stack.pop() {
        let ix = pending.len() as u32;
        let (w, h) = (item.card.width(), item.card.height());
        let collapsed =
            !options.collapsed.is_empty() && options.collapsed.contains(&item.card.0.id);
        pending.push(item.card);
        shape.parent.push(parent);
        shape.main_ext.push(if horizontal { w } else { h });
        shape.cross_ext.push(if horizontal { h } else { w });
        if !item.extra_parents.is_empty() {
            extra.push((ix, item.extra_parents));
        }
        if collapsed {
            // A folded subtree is not drawn; take it apart here, since dropping it
            // whole would recurse once per level.
            let mut folded = item.children;
            while let Some(mut c) = folded.pop() {
                folded.append(&mut c.children);
            }
        } else {
            for child in item.children.into_iter().rev() {
                stack.push((child, ix));
            }
        }
    }
    Flat {
        shape,
        cards: pending,
        extra,
    }
}

/// Where the chosen arrangement put the nodes.
enum Placed {
    Tidy(Positions),
    Grid(GridPositions),
}

/// Children of each node, in order.
struct Children {
    start: Vec<u32>,
    list: Vec<u32>,
}

impl Children {
    /// Node `i`'s children.
    fn of(&self, i: usize) -> &[u32] {
        &self.list[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

/// Children of each node, in order: a stable counting sort by parent.
fn child_lists(parent: &[u32]) -> Children {
    let n = parent.len();
    let mut start = vec![0u32; n + 1];
    for &p in parent {
        if p != ROOT && (p as usize) < n {
            start[p as usize + 1] += 1;
        }
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut children = vec![0u32; start[n] as usize];
    let mut fill = start.clone();
    for (i, &p) in parent.iter().enumerate() {
        if p != ROOT && (p as usize) < n {
            children[fill[p as usize] as usize] = i as u32;
            fill[p as usize] += 1;
        }
    }
    Children {
        start,
        list: children,
    }
}

/// Marks a root in [`Shape::parent`].
pub const ROOT: u32 = u32::MAX;

/// A forest reduced to what placing it needs, flat: nodes in pre-order (every parent
/// before its children, each subtree contiguous, siblings in order), one entry per
/// node in each array. Extents are along the growth direction (`main`, the depth of a
/// level) and across it (`cross`).
#[derive(Debug, Clone, Default)]
pub struct Shape {
    /// The parent's index, or [`ROOT`].
    pub parent: Vec<u32>,
    pub main_ext: Vec<f32>,
    pub cross_ext: Vec<f32>,
}

impl Shape {
    /// Whether the arrays agree in length and every parent comes before its child.
    fn well_formed(&self) -> bool {
        let n = self.parent.len();
        self.main_ext.len() == n
            && self.cross_ext.len() == n
            && n < ROOT as usize
            && self
                .parent
                .iter()
                .enumerate()
                .all(|(i, &p)| p == ROOT || (p as usize) < i)
    }
}

/// The gaps the coordinate passes leave.
#[derive(Debug, Clone, Copy)]
pub struct Spacing {
    /// Between neighbouring subtrees (and grid columns) across the growth direction.
    pub gap: f32,
    /// Between levels; compact grids leave half of it above each row.
    pub level_gap: f32,
}

impl Spacing {
    pub fn of(ts: &TypeScale) -> Spacing {
        Spacing {
            gap: ts.sibling_gap,
            level_gap: ts.level_gap,
        }
    }
}

/// The size along and across of the cards of a forest in an arrangement (`columns`
/// for compact, `None` for tidy): what the automatic choice compares, without
/// building cards or routes. `None` when the shape is not well formed.
pub fn extent(shape: &Shape, compact: Option<Rows>, spacing: Spacing) -> Option<(f32, f32)> {
    // The cards' own extent in both arrangements: a compact block's blank trunk lane
    // is not part of what the drawing shows.
    let (main, cross) = match compact {
        Some(rows) => {
            let g = grid_rows(shape, rows, spacing)?;
            (g.main, g.cross)
        }
        None => {
            let p = positions(shape, spacing)?;
            (p.main, p.cross)
        }
    };
    let (mut lo, mut hi, mut along) = (f32::INFINITY, f32::NEG_INFINITY, 0.0f32);
    for i in 0..shape.parent.len() {
        lo = lo.min(cross[i]);
        hi = hi.max(cross[i] + shape.cross_ext[i]);
        along = along.max(main[i] + shape.main_ext[i]);
    }
    Some((along, if hi > lo { hi - lo } else { 0.0 }))
}

/// One way to arrange a tree: a direction, tidy or compact, and for compact the
/// grids' column factor ([`TreeOptions::columns`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arrangement {
    pub direction: Direction,
    pub compact: bool,
    pub columns: f32,
    /// Compact: grids shaped to a box of this width ÷ height instead of `columns`.
    pub shape: Option<f32>,
}

impl Arrangement {
    pub fn tidy(direction: Direction) -> Arrangement {
        Arrangement {
            direction,
            compact: false,
            columns: 1.0,
            shape: None,
        }
    }

    pub fn compact(direction: Direction, columns: f32) -> Arrangement {
        Arrangement {
            direction,
            compact: true,
            columns,
            shape: None,
        }
    }

    /// Compact, every grid shaped to a box of `shape` (width ÷ height).
    pub fn shaped(direction: Direction, shape: f32) -> Arrangement {
        Arrangement {
            direction,
            compact: true,
            columns: 1.0,
            shape: Some(shape),
        }
    }
}

/// The compact grids' column factors the automatic choice tries: from tall, narrow
/// grids (half a column per √children) to wide ones.
pub const COLUMN_FACTORS: [f32; 6] = [0.5, 0.75, 1.0, 1.5, 2.0, 3.0];

/// The shapes shaped grids try, as multiples of the box's own: a subtree's best shape
/// is near the box's but not always at it (the grid of its parent adds rows and lanes).
pub const SHAPE_FACTORS: [f32; 5] = [0.5, 0.7, 1.0, 1.4, 2.0];

/// How much more of the box (as an area ratio) another arrangement that fits as well
/// must fill to be chosen instead of the preferred one.
pub const FILLS_BETTER: f32 = 1.1;

/// How much better (as a zoom ratio) another arrangement must fit than the preferred
/// one to be chosen instead: a slightly better fit is not worth a less familiar look.
pub const CLEARLY_BETTER: f32 = 1.1;

/// The zoom at which a drawing whose cards span `size` (x, y), plus `margin` on every
/// side as [`crate::scene::Scene::fit`] adds, fits a `target` box. Never above 1: the
/// window does not enlarge a drawing to fit.
pub fn fit_zoom(size: (f32, f32), margin: f32, target: (f32, f32)) -> f32 {
    let w = size.0 + 2.0 * margin;
    let h = size.1 + 2.0 * margin;
    if w <= 0.0 || h <= 0.0 {
        return 1.0;
    }
    (target.0 / w).min(target.1 / h).min(1.0)
}

/// A forest's cards, sized, in pre-order: what comparing arrangements needs.
#[derive(Debug, Clone, Default)]
pub struct Sizes {
    /// The parent's index, or [`ROOT`]; every parent before its children.
    pub parent: Vec<u32>,
    pub width: Vec<f32>,
    pub height: Vec<f32>,
    /// A block drawn beside the forest (right of it, [`beside_gap`] away, top-aligned),
    /// width and height: the organisation view's group of units outside it.
    pub beside: Option<(f32, f32)>,
}

/// How far a block drawn beside a forest stands from it: two sibling gaps, so it does
/// not read as one more subtree.
pub fn beside_gap(spacing: Spacing) -> f32 {
    2.0 * spacing.gap
}

impl Sizes {
    /// The sizes of a forest of items (folded subtrees left out), without recursion.
    pub fn of(roots: &[TreeItem], collapsed: &HashSet<String>) -> Sizes {
        let mut s = Sizes::default();
        let mut stack: Vec<(&TreeItem, u32)> = roots.iter().rev().map(|r| (r, ROOT)).collect();
        while let Some((item, parent)) = stack.pop() {
            let ix = s.parent.len() as u32;
            s.parent.push(parent);
            s.width.push(item.card.width());
            s.height.push(item.card.height());
            if !collapsed.contains(&item.card.0.id) {
                stack.extend(item.children.iter().rev().map(|c| (c, ix)));
            }
        }
        s
    }

    /// The cards' extent (x, y) in an arrangement, or `None` when the sizes are not
    /// in pre-order.
    pub fn extent(&self, a: Arrangement, spacing: Spacing) -> Option<(f32, f32)> {
        let horizontal = a.direction.horizontal();
        let shape = Shape {
            parent: self.parent.clone(),
            main_ext: if horizontal {
                &self.width
            } else {
                &self.height
            }
            .clone(),
            cross_ext: if horizontal {
                &self.height
            } else {
                &self.width
            }
            .clone(),
        };
        let rows = rows_of(a.direction, a.columns, a.shape);
        let (along, across) = extent(&shape, a.compact.then_some(rows), spacing)?;
        let (x, y) = if horizontal {
            (along, across)
        } else {
            (across, along)
        };
        Some(match self.beside {
            Some((w, h)) if self.parent.is_empty() => (w, h),
            Some((w, h)) => (x + beside_gap(spacing) + w, y.max(h)),
            None => (x, y),
        })
    }
}

/// The arrangements the automatic choice tries, the preferred one first, then top-down
/// before left-right and tidy before compact (earlier wins a tie). Bottom-up and
/// right-left are mirror images of these, as large; they are chosen only as the
/// preferred arrangement.
pub fn candidates(preferred: Arrangement, compact: bool, target: (f32, f32)) -> Vec<Arrangement> {
    let mut out = vec![preferred];
    let ratio = target.0 / target.1;
    for direction in [Direction::TopDown, Direction::LeftRight] {
        out.push(Arrangement::tidy(direction));
        if compact {
            out.extend(
                COLUMN_FACTORS
                    .iter()
                    .map(|&c| Arrangement::compact(direction, c)),
            );
            if ratio.is_finite() && ratio > 0.0 {
                out.extend(
                    SHAPE_FACTORS
                        .iter()
                        .map(|&f| Arrangement::shaped(direction, ratio * f)),
                );
            }
        }
    }
    // The preferred arrangement is one of the others too: keep its first place only.
    let mut unique: Vec<Arrangement> = Vec::with_capacity(out.len());
    for a in out {
        if !unique.contains(&a) {
            unique.push(a);
        }
    }
    unique
}

/// The arrangement of `sizes` that fits `target` (x, y) at the largest zoom, with that
/// zoom ([`fit_zoom`]). The first candidate is the preferred one and wins unless
/// another tidy or shaped one ([`Rows::Shape`]) fits [`CLEARLY_BETTER`], or (when the
/// preferred one must shrink to fit) fits as well and fills [`FILLS_BETTER`] times as
/// much of the box; a column-factor grid wins only by fitting clearly better than
/// that choice (a tree drawn narrow in a wide box leaves it half empty); among
/// the others the earliest of the largest wins. `None` when there are no candidates
/// or the sizes are not in pre-order.
pub fn choose(
    sizes: &Sizes,
    candidates: &[Arrangement],
    target: (f32, f32),
    ts: &TypeScale,
) -> Option<(Arrangement, f32)> {
    let spacing = Spacing::of(ts);
    let mut scored = Vec::with_capacity(candidates.len());
    for &a in candidates {
        let (w, h) = sizes.extent(a, spacing)?;
        let zoom = fit_zoom((w, h), ts.margin, target);
        // The share of the box the drawing fills when scaled to it (as an export with
        // a box is): its shape against the box's, whatever the zoom.
        let (w, h) = (w + 2.0 * ts.margin, h + 2.0 * ts.margin);
        let scaled = (target.0 / w).min(target.1 / h);
        let filled = w * h * scaled * scaled / (target.0 * target.1);
        scored.push((a, zoom, filled));
    }
    let (&preferred, others) = scored.split_first()?;
    // Column-factor grids run trunks past subtrees to their later rows: they must fit
    // clearly better than the best of the others, not only than the preferred one.
    let clean = |c: &(Arrangement, f32, f32)| !c.0.compact || c.0.shape.is_some();
    let largest = |wanted: bool| {
        others.iter().copied().filter(|c| clean(c) == wanted).fold(
            None,
            |best: Option<(Arrangement, f32, f32)>, c| match best {
                Some(b) if b.1 >= c.1 => Some(b),
                _ => Some(c),
            },
        )
    };
    let fuller = others
        .iter()
        .copied()
        // A drawing that fits at full size keeps its look.
        .filter(|c| preferred.1 < 1.0 && c.1 >= preferred.1 && clean(c))
        .fold(
            None,
            |best: Option<(Arrangement, f32, f32)>, c| match best {
                Some(b) if b.2 >= c.2 => Some(b),
                _ => Some(c),
            },
        );
    let mut pick = match (largest(true), fuller) {
        (Some(b), _) if b.1 > preferred.1 * CLEARLY_BETTER => b,
        (_, Some(f)) if f.2 > preferred.2 * FILLS_BETTER => f,
        _ => preferred,
    };
    if let Some(f) = largest(false).filter(|f| f.1 > pick.1 * CLEARLY_BETTER) {
        pick = f;
    }
    let (a, zoom, _) = pick;
    Some((a, zoom))
}
