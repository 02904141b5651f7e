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
//! *block*: its card centred at the top and, below it, its children's blocks in a grid
//! of `⌈columns·√k⌉` columns (k children, clamped to 1..=k; `columns` is
//! [`TreeOptions::columns`], which the automatic choice tunes). Leaves and subtrees
//! share the grid: a column is as wide as its widest block, a row as deep as its
//! deepest, and a blank row band (half a level gap) lies above every row. Connectors
//! are orthogonal and use only blank space:
//! - the parent's line drops into the band above the first row (its *bus*), runs
//!   along it and drops into each first-row child;
//! - for later rows, a *trunk* runs down the gap between the two middle columns (with
//!   one column, down a lane left of it) to the band above that row, whose bus feeds
//!   the row's children.
//!
//! Column gaps and row bands hold no card, and blocks never overlap (each sits in its
//! own grid cell), so no connector crosses a card. Secondary (matrix) edges climb out:
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

use std::collections::{HashMap, HashSet};

use crate::scene::{Card, Edge, EdgeRole, Point, SizedCard, TypeScale};
use orgpath_model::raw::LineStyle;

/// Which way the tree grows from its roots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    LeftRight,
    RightLeft,
    TopDown,
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
    /// Ids whose children are not drawn.
    pub collapsed: HashSet<String>,
}

impl Default for TreeOptions {
    fn default() -> Self {
        TreeOptions {
            direction: Direction::LeftRight,
            compact: false,
            columns: 1.0,
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
/// The phases: `flatten` the forest into a [`Shape`], place it ([`positions`] or
/// [`grid_positions`]), route the primary edges (`Router::primary`) and the secondary
/// ones (`Router::secondary`), all in (main, cross) coordinates mapped to x and y for
/// the direction (`Frame`), then place the cards.
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
            grid_positions(&shape, options.columns, spacing)
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

/// Maps (main, cross) to (x, y) in the chosen direction.
struct Frame<'a> {
    direction: Direction,
    /// The far end of the deepest card along the growth direction.
    max_main: f32,
    main: &'a [f32],
    cross: &'a [f32],
    main_ext: &'a [f32],
    cross_ext: &'a [f32],
}

impl<'a> Frame<'a> {
    fn new(direction: Direction, main: &'a [f32], cross: &'a [f32], shape: &'a Shape) -> Self {
        let (main_ext, cross_ext) = (&shape.main_ext[..], &shape.cross_ext[..]);
        let max_main = (0..main.len())
            .map(|i| main[i] + main_ext[i])
            .fold(0.0, f32::max);
        Frame {
            direction,
            max_main,
            main,
            cross,
            main_ext,
            cross_ext,
        }
    }

    /// A point of a route, given along and across.
    fn map(&self, main: f32, cross: f32) -> Point {
        match self.direction {
            Direction::LeftRight => Point::new(main, cross),
            Direction::RightLeft => Point::new(self.max_main - main, cross),
            Direction::TopDown => Point::new(cross, main),
            Direction::BottomUp => Point::new(cross, self.max_main - main),
        }
    }

    /// Node `i`'s card's top-left corner.
    fn corner(&self, i: usize) -> (f32, f32) {
        let (main, cross, max_main) = (self.main, self.cross, self.max_main);
        match self.direction {
            Direction::LeftRight => (main[i], cross[i]),
            Direction::RightLeft => (max_main - main[i] - self.main_ext[i], cross[i]),
            Direction::TopDown => (cross[i], main[i]),
            Direction::BottomUp => (cross[i], max_main - main[i] - self.main_ext[i]),
        }
    }

    /// Node `i`'s card's middle across.
    fn centre(&self, i: usize) -> f32 {
        self.cross[i] + self.cross_ext[i] / 2.0
    }
}

/// Route: what the edges are built from.
struct Router<'a> {
    frame: &'a Frame<'a>,
    placed: &'a Placed,
    shape: &'a Shape,
    children: &'a Children,
    ids: &'a [&'a str],
    spacing: Spacing,
}

impl Router<'_> {
    fn edge(&self, from: usize, to: usize, points: Vec<Point>, secondary: bool) -> Edge {
        Edge {
            dimmed: false,
            from: self.ids[from].to_owned(),
            to: self.ids[to].to_owned(),
            role: if secondary {
                EdgeRole::Secondary
            } else {
                EdgeRole::Hierarchy
            },
            style: if secondary {
                LineStyle::Dashed
            } else {
                LineStyle::Solid
            },
            points: dedup(points),
            arrow: secondary,
            kind: if secondary { "secondary" } else { "hierarchy" }.into(),
            label: None,
        }
    }

    /// Gives the edges from each parent to its children, in pre-order: tidy ones turn
    /// in the gap before the child's level; compact ones run along the first row's
    /// bus, and to later rows down the trunk to theirs.
    fn primary(&self) -> Vec<Edge> {
        let f = self.frame;
        let (main, main_ext) = (f.main, f.main_ext);
        let n = main.len();
        let mut edges = Vec::with_capacity(n);
        for s in 0..n {
            let k = self.children.of(s);
            let Some(&first) = k.first() else { continue };
            let out = f.map(main[s] + main_ext[s], f.centre(s));
            for &c in k {
                let c = c as usize;
                let points = match self.placed {
                    Placed::Tidy(p) => {
                        let mid = p.level_start[p.depth[c] as usize] - self.spacing.level_gap / 2.0;
                        vec![
                            out,
                            f.map(mid, f.centre(s)),
                            f.map(mid, f.centre(c)),
                            f.map(main[c], f.centre(c)),
                        ]
                    }
                    Placed::Grid(g) => {
                        let first = first as usize;
                        let bus0 = main[first] - g.band / 2.0;
                        let mut points = vec![out, f.map(bus0, f.centre(s))];
                        if (main[c] - main[first]).abs() > 0.01 {
                            let bus = main[c] - g.band / 2.0;
                            points.push(f.map(bus0, g.trunk[s]));
                            points.push(f.map(bus, g.trunk[s]));
                            points.push(f.map(bus, f.centre(c)));
                        } else {
                            points.push(f.map(bus0, f.centre(c)));
                        }
                        points.push(f.map(main[c], f.centre(c)));
                        points
                    }
                };
                edges.push(self.edge(s, c, points, false));
            }
        }
        edges
    }

    /// Adds the secondary (matrix) edges, from each extra parent found by id to its
    /// child, each in a lane of its own.
    fn secondary(&self, extra: &[(u32, Vec<String>)], edges: &mut Vec<Edge>) {
        if extra.is_empty() {
            return;
        }
        let index: HashMap<&str, usize> = self
            .ids
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i))
            .collect();
        let min_cross = self
            .frame
            .cross
            .iter()
            .copied()
            .fold(f32::INFINITY, f32::min);
        let mut lane = 0.0;
        for (si, parents) in extra {
            let s = *si as usize;
            for from in parents {
                let Some(&f) = index.get(from.as_str()) else {
                    continue;
                };
                lane += self.spacing.gap / 2.0;
                let points = match self.placed {
                    Placed::Tidy(p) => {
                        self.tidy_detour(p, f, s, min_cross - self.spacing.gap - lane, lane)
                    }
                    Placed::Grid(g) => {
                        let top = -g.band / 2.0 - lane;
                        let mut points = self.climb(g, f, top);
                        let mut back = self.climb(g, s, top);
                        back.reverse();
                        points.append(&mut back);
                        points
                    }
                };
                edges.push(self.edge(f, s, points, true));
            }
        }
    }

    /// A tidy secondary edge from `f` to `s`, its `lane` (how far out it runs) at
    /// `lane_cross`: out of the parent into the gap after its level, along that gap to
    /// the lane beyond every card, across to the gap before the child's level, and into
    /// the child. Gaps and the lane hold no cards, so the route crosses none.
    fn tidy_detour(
        &self,
        p: &Positions,
        f: usize,
        s: usize,
        lane_cross: f32,
        lane: f32,
    ) -> Vec<Point> {
        let fr = self.frame;
        let level_gap = self.spacing.level_gap;
        let (df, ds) = (p.depth[f] as usize, p.depth[s] as usize);
        let after = p.level_start[df] + p.level_ext[df] + level_gap / 2.0 - lane / 4.0;
        let before = p.level_start[ds] - level_gap / 2.0 + lane / 4.0;
        vec![
            fr.map(fr.main[f] + fr.main_ext[f], fr.centre(f)),
            fr.map(after, fr.centre(f)),
            fr.map(after, lane_cross),
            fr.map(before, lane_cross),
            fr.map(before, fr.centre(s)),
            fr.map(fr.main[s], fr.centre(s)),
        ]
    }

    /// A compact secondary edge's climb from node `x` to the band at `top`, above the
    /// roots (see the module comment).
    fn climb(&self, g: &GridPositions, x: usize, top: f32) -> Vec<Point> {
        let f = self.frame;
        let mut at = f.main[x] - g.band / 2.0;
        let mut points = vec![f.map(f.main[x], f.centre(x))];
        let mut across = f.centre(x);
        let mut cur = x;
        while self.shape.parent[cur] != ROOT {
            let p = self.shape.parent[cur] as usize;
            points.push(f.map(at, across));
            across = g.block[p] - self.spacing.gap / 2.0;
            points.push(f.map(at, across));
            at = f.main[p] - g.band / 2.0;
            cur = p;
        }
        points.push(f.map(top, across));
        points
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

/// Where [`positions`] put every node: its near corner along and across the growth
/// direction, plus the levels it used.
#[derive(Debug, Clone, Default)]
pub struct Positions {
    pub main: Vec<f32>,
    pub cross: Vec<f32>,
    pub depth: Vec<u32>,
    /// Where each level starts along the growth direction, and how deep it is.
    pub level_start: Vec<f32>,
    pub level_ext: Vec<f32>,
}

/// Places a forest given as a [`Shape`] in the tidy arrangement: the coordinate pass
/// of [`layout`], which then builds cards and edge routes around it. Linear time,
/// three forward passes over flat arrays, no recursion and no allocation per node.
/// `None` when the shape is not what [`Shape`] documents (not in pre-order, arrays of
/// different lengths).
pub fn positions(shape: &Shape, spacing: Spacing) -> Option<Positions> {
    let n = shape.parent.len();
    if shape.main_ext.len() != n || shape.cross_ext.len() != n || n >= ROOT as usize {
        return None;
    }
    let Spacing { gap, level_gap } = spacing;
    let parent = &shape.parent[..];
    let Levels {
        depth,
        start: level_start,
        ext: level_ext,
    } = levels(parent, &shape.main_ext, level_gap)?;
    let (mut cross, mut shift) = bands(parent, &shape.cross_ext, gap)?;

    // 3. Pending shifts down the tree (pre-order: parents first), and along: each node
    //    at its level's start.
    let mut main = vec![0.0f32; n];
    for i in 0..n {
        main[i] = level_start[depth[i] as usize];
        let p = parent[i];
        if p == ROOT {
            continue;
        }
        let s = shift[p as usize];
        if s != 0.0 {
            cross[i] += s;
            shift[i] += s;
        }
    }
    Some(Positions {
        main,
        cross,
        depth,
        level_start,
        level_ext,
    })
}

/// Each node's depth, and where each level starts and how deep it is.
struct Levels {
    depth: Vec<u32>,
    start: Vec<f32>,
    ext: Vec<f32>,
}

/// [`positions`]' pass 1: takes each node's parent and extent along; gives the depths
/// and the levels, each as deep as its deepest card, `level_gap` apart. `None` when a
/// parent comes after its child.
fn levels(parent: &[u32], main_ext: &[f32], level_gap: f32) -> Option<Levels> {
    let n = parent.len();
    let mut depth = vec![0u32; n];
    let mut level_ext: Vec<f32> = Vec::new();
    for i in 0..n {
        let p = parent[i];
        let d = if p == ROOT {
            0
        } else if (p as usize) < i {
            depth[p as usize] + 1
        } else {
            return None;
        };
        depth[i] = d;
        let d = d as usize;
        if level_ext.len() <= d {
            level_ext.resize(d + 1, 0.0);
        }
        level_ext[d] = level_ext[d].max(main_ext[i]);
    }
    let mut level_start = vec![0.0f32; level_ext.len()];
    for d in 1..level_ext.len() {
        level_start[d] = level_start[d - 1] + level_ext[d - 1] + level_gap;
    }
    Some(Levels {
        depth,
        start: level_start,
        ext: level_ext,
    })
}

/// [`positions`]' pass 2, across: takes each node's parent and extent across; gives
/// each node's position across before the pending shifts, and those shifts (to apply
/// to each node's descendants). Leaves take the next free band in order, and a parent
/// is centred on its first and last child once its subtree is done, moving its band
/// when it is wider than its children's. The open ancestors of the current node are
/// on `open`; a node's subtree is done when the walk reaches a node that is not inside
/// it. `None` when the nodes are not in pre-order.
fn bands(parent: &[u32], cross_ext: &[f32], gap: f32) -> Option<(Vec<f32>, Vec<f32>)> {
    let n = parent.len();
    let mut band = Bands {
        cross: vec![0.0; n],
        shift: vec![0.0; n],
        start: vec![0.0; n],
        first: vec![f32::NAN; n],
        last: vec![0.0; n],
        cursor: 0.0,
    };
    let mut open: Vec<u32> = Vec::new();
    for i in 0..n {
        let p = parent[i];
        while let Some(&top) = open.last() {
            if top == p {
                break;
            }
            open.pop();
            band.close(top as usize, parent, cross_ext, gap);
        }
        if p == ROOT {
            if i > 0 {
                band.cursor += gap * 1.5;
            }
        } else if open.is_empty() {
            // Its parent's subtree was already closed: not in pre-order.
            return None;
        }
        let has_children = i + 1 < n && parent[i + 1] as usize == i;
        if has_children {
            band.start[i] = band.cursor;
            open.push(i as u32);
            continue;
        }
        let at = band.cursor;
        band.cross[i] = at;
        band.child_done(p, at + cross_ext[i] / 2.0);
        band.cursor += cross_ext[i] + gap;
    }
    while let Some(top) = open.pop() {
        band.close(top as usize, parent, cross_ext, gap);
    }
    Some((band.cross, band.shift))
}

/// The scratch space of [`bands`].
struct Bands {
    cross: Vec<f32>,
    /// Pending shift of each node's descendants.
    shift: Vec<f32>,
    /// Per open node: where its band starts, and its first and last child's centres.
    start: Vec<f32>,
    first: Vec<f32>,
    last: Vec<f32>,
    /// The next free position across.
    cursor: f32,
}

impl Bands {
    /// A child of `p` (if any) is placed, centred at `centre`.
    fn child_done(&mut self, p: u32, centre: f32) {
        if p != ROOT {
            let p = p as usize;
            if self.first[p].is_nan() {
                self.first[p] = centre;
            }
            self.last[p] = centre;
        }
    }

    /// Node `k`'s subtree is placed: centre `k` on its children.
    fn close(&mut self, k: usize, parent: &[u32], cross_ext: &[f32], gap: f32) {
        let mut c = (self.first[k] + self.last[k]) / 2.0 - cross_ext[k] / 2.0;
        if c < self.start[k] {
            // The parent is wider than its children's band: move the band.
            let s = self.start[k] - c;
            c += s;
            self.shift[k] += s;
            self.cursor += s;
        }
        self.cross[k] = c;
        self.cursor = self.cursor.max(c + cross_ext[k] + gap);
        self.child_done(parent[k], c + cross_ext[k] / 2.0);
    }
}

/// Where [`grid_positions`] put every node, plus what the connectors need.
#[derive(Debug, Clone, Default)]
pub struct GridPositions {
    /// Each card's near corner along and across the growth direction.
    pub main: Vec<f32>,
    pub cross: Vec<f32>,
    /// Where each node's block (its card and its children's grid) starts across.
    pub block: Vec<f32>,
    /// Across, where the trunk to a node's later rows runs; NaN when one row holds
    /// all its children (or it has none).
    pub trunk: Vec<f32>,
    /// How deep the blank band above each grid row is.
    pub band: f32,
    /// The whole forest's extent along and across.
    pub main_size: f32,
    pub cross_size: f32,
}

/// Places a forest given as a [`Shape`] in the compact arrangement (the module
/// comment describes it). `columns` sets each grid's columns ([`grid_columns`]).
/// Linear time: one backward pass sizes the blocks (children come after their parent
/// in pre-order, so they are sized first), one forward pass places them; no recursion.
/// `None` when the shape is not well formed (a parent after its child, arrays of
/// different lengths).
pub fn grid_positions(shape: &Shape, columns: f32, spacing: Spacing) -> Option<GridPositions> {
    if !shape.well_formed() {
        return None;
    }
    let Spacing { gap, level_gap } = spacing;
    let compact = Compact {
        shape,
        children: child_lists(&shape.parent),
        columns,
        gap,
        band: level_gap / 2.0,
    };
    let blocks = compact.size_blocks();
    Some(compact.place_blocks(&blocks))
}

/// What both passes of [`grid_positions`] read.
struct Compact<'a> {
    shape: &'a Shape,
    children: Children,
    columns: f32,
    gap: f32,
    /// How deep the blank band above each grid row is.
    band: f32,
}

/// The blocks' sizes, from [`Compact::size_blocks`].
struct Blocks {
    /// Each block's extent along and across.
    main: Vec<f32>,
    cross: Vec<f32>,
    /// Each node's children's grid's extent across.
    grid_cross: Vec<f32>,
    /// Where each node's column widths, then its row depths, start in `lines`.
    line_start: Vec<u32>,
    lines: Vec<f32>,
}

impl Compact<'_> {
    /// With one column and more than one row (of `k` children), the trunk needs a lane
    /// left of the column.
    fn lead(&self, k: usize, cols: usize) -> f32 {
        if cols == 1 && k > 1 {
            self.gap
        } else {
            0.0
        }
    }

    /// Pass 1, children before parents: gives every block's size, and keeps each
    /// grid's column widths and row depths for the placing pass.
    fn size_blocks(&self) -> Blocks {
        let n = self.shape.parent.len();
        let (main_ext, cross_ext) = (&self.shape.main_ext[..], &self.shape.cross_ext[..]);
        let (gap, band) = (self.gap, self.band);
        let mut block_main = vec![0.0f32; n];
        let mut block_cross = vec![0.0f32; n];
        let mut grid_cross = vec![0.0f32; n];
        let mut line_start = vec![0u32; n];
        let mut lines: Vec<f32> = Vec::new();
        for i in (0..n).rev() {
            let k = self.children.of(i);
            if k.is_empty() {
                block_main[i] = main_ext[i];
                block_cross[i] = cross_ext[i];
                continue;
            }
            let cols = grid_columns(k.len(), self.columns);
            let rows = k.len().div_ceil(cols);
            let at = lines.len();
            line_start[i] = at as u32;
            lines.resize(at + cols + rows, 0.0);
            for (j, &c) in k.iter().enumerate() {
                let c = c as usize;
                let (r, col) = (j / cols, j % cols);
                lines[at + col] = lines[at + col].max(block_cross[c]);
                lines[at + cols + r] = lines[at + cols + r].max(block_main[c]);
            }
            let widths: f32 = lines[at..at + cols].iter().sum();
            let depths: f32 = lines[at + cols..at + cols + rows].iter().sum();
            grid_cross[i] = self.lead(k.len(), cols) + widths + gap * (cols - 1) as f32;
            block_cross[i] = cross_ext[i].max(grid_cross[i]);
            block_main[i] = main_ext[i] + depths + band * rows as f32;
        }
        Blocks {
            main: block_main,
            cross: block_cross,
            grid_cross,
            line_start,
            lines,
        }
    }

    /// Pass 2, parents before children: takes the blocks' sizes; gives every node's
    /// place. Roots sit side by side, each node's card centred at its block's top, its
    /// children's blocks centred in their cells.
    fn place_blocks(&self, blocks: &Blocks) -> GridPositions {
        let n = self.shape.parent.len();
        let (main_ext, cross_ext) = (&self.shape.main_ext[..], &self.shape.cross_ext[..]);
        let (gap, band, lines) = (self.gap, self.band, &blocks.lines);
        let mut main = vec![0.0f32; n];
        let mut cross = vec![0.0f32; n];
        let mut block = vec![0.0f32; n];
        let mut trunk = vec![f32::NAN; n];
        let mut cursor = 0.0f32;
        let mut main_size = 0.0f32;
        let mut cells: Vec<f32> = Vec::new();
        for i in 0..n {
            if self.shape.parent[i] == ROOT {
                if i > 0 {
                    cursor += gap * 1.5;
                }
                block[i] = cursor;
                cursor += blocks.cross[i];
                main_size = main_size.max(blocks.main[i]);
            }
            let (b, m) = (block[i], main[i]);
            cross[i] = b + (blocks.cross[i] - cross_ext[i]) / 2.0;
            let k = self.children.of(i);
            if k.is_empty() {
                continue;
            }
            let cols = grid_columns(k.len(), self.columns);
            let rows = k.len().div_ceil(cols);
            let at = blocks.line_start[i] as usize;
            let left = b + (blocks.cross[i] - blocks.grid_cross[i]) / 2.0;
            // Cell corners: each column's start across, then each row's start along.
            cells.clear();
            let mut x = left + self.lead(k.len(), cols);
            for w in &lines[at..at + cols] {
                cells.push(x);
                x += w + gap;
            }
            let mut y = m + main_ext[i] + band;
            for d in &lines[at + cols..at + cols + rows] {
                cells.push(y);
                y += d + band;
            }
            if rows > 1 {
                trunk[i] = if cols == 1 {
                    left + gap / 2.0
                } else {
                    cells[cols / 2] - gap / 2.0
                };
            }
            for (j, &c) in k.iter().enumerate() {
                let c = c as usize;
                let (r, col) = (j / cols, j % cols);
                block[c] = cells[col] + (lines[at + col] - blocks.cross[c]) / 2.0;
                main[c] = cells[cols + r];
            }
        }
        GridPositions {
            main,
            cross,
            block,
            trunk,
            band,
            main_size,
            cross_size: cursor,
        }
    }
}

/// The size along and across of the cards of a forest in an arrangement (`columns`
/// for compact, `None` for tidy): what the automatic choice compares, without
/// building cards or routes. `None` when the shape is not well formed.
pub fn extent(shape: &Shape, compact: Option<f32>, spacing: Spacing) -> Option<(f32, f32)> {
    if let Some(columns) = compact {
        let g = grid_positions(shape, columns, spacing)?;
        return Some((g.main_size, g.cross_size));
    }
    let p = positions(shape, spacing)?;
    let (mut lo, mut hi, mut along) = (f32::INFINITY, f32::NEG_INFINITY, 0.0f32);
    for i in 0..shape.parent.len() {
        lo = lo.min(p.cross[i]);
        hi = hi.max(p.cross[i] + shape.cross_ext[i]);
        along = along.max(p.main[i] + shape.main_ext[i]);
    }
    Some((along, if hi > lo { hi - lo } else { 0.0 }))
}

fn dedup(mut points: Vec<Point>) -> Vec<Point> {
    points.dedup_by(|a, b| (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() < 0.01);
    points
}

/// One way to arrange a tree: a direction, tidy or compact, and for compact the
/// grids' column factor ([`TreeOptions::columns`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arrangement {
    pub direction: Direction,
    pub compact: bool,
    pub columns: f32,
}

impl Arrangement {
    pub fn tidy(direction: Direction) -> Arrangement {
        Arrangement {
            direction,
            compact: false,
            columns: 1.0,
        }
    }

    pub fn compact(direction: Direction, columns: f32) -> Arrangement {
        Arrangement {
            direction,
            compact: true,
            columns,
        }
    }
}

/// The compact grids' column factors the automatic choice tries: from tall, narrow
/// grids (half a column per √children) to wide ones.
pub const COLUMN_FACTORS: [f32; 6] = [0.5, 0.75, 1.0, 1.5, 2.0, 3.0];

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
        let (along, across) = extent(&shape, a.compact.then_some(a.columns), spacing)?;
        Some(if horizontal {
            (along, across)
        } else {
            (across, along)
        })
    }
}

/// The arrangements the automatic choice tries, the preferred one first, then top-down
/// before left-right and tidy before compact (earlier wins a tie). Bottom-up and
/// right-left are mirror images of these, as large; they are chosen only as the
/// preferred arrangement.
pub fn candidates(preferred: Arrangement, compact: bool) -> Vec<Arrangement> {
    let mut out = vec![preferred];
    for direction in [Direction::TopDown, Direction::LeftRight] {
        out.push(Arrangement::tidy(direction));
        if compact {
            out.extend(
                COLUMN_FACTORS
                    .iter()
                    .map(|&c| Arrangement::compact(direction, c)),
            );
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
/// another fits [`CLEARLY_BETTER`]; among the others the earliest of the largest wins.
/// `None` when there are no candidates or the sizes are not in pre-order.
pub fn choose(
    sizes: &Sizes,
    candidates: &[Arrangement],
    target: (f32, f32),
    ts: &TypeScale,
) -> Option<(Arrangement, f32)> {
    let spacing = Spacing::of(ts);
    let mut scored = Vec::with_capacity(candidates.len());
    for &a in candidates {
        let zoom = fit_zoom(sizes.extent(a, spacing)?, ts.margin, target);
        scored.push((a, zoom));
    }
    let (&preferred, others) = scored.split_first()?;
    let best =
        others
            .iter()
            .copied()
            .fold(None, |best: Option<(Arrangement, f32)>, c| match best {
                Some(b) if b.1 >= c.1 => Some(b),
                _ => Some(c),
            });
    Some(match best {
        Some(b) if b.1 > preferred.1 * CLEARLY_BETTER => b,
        _ => preferred,
    })
}
