//! Tidy tree layout in linear time, for cards of any size, in four directions.
//!
//! Each subtree owns an exclusive band across the growth direction (its "cross"
//! interval): leaves take the next free band in order, and a parent is centred on its
//! children's band. Levels take the depth direction ("main" axis), each as deep as its
//! deepest card. Because bands never overlap and levels are separated by gaps, cards
//! cannot overlap, and an orthogonal edge that turns in the gap before the child's
//! level stays inside its parent's band: no edge crosses a card.
//!
//! Compact mode (top-down and bottom-up only) stacks the leaf children of a node in a
//! column under it, the way org-chart tools handle wide levels.
//!
//! Iterative throughout: a chain of 100k nodes must not overflow the stack.

use std::collections::HashSet;

use crate::model::LineStyle;
use crate::scene::{Card, Edge, EdgeRole, Point, SizedCard, TypeScale};

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

    fn horizontal(self) -> bool {
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
    /// Ids whose children are not drawn.
    pub collapsed: HashSet<String>,
}

impl Default for TreeOptions {
    fn default() -> Self {
        TreeOptions {
            direction: Direction::LeftRight,
            compact: false,
            collapsed: HashSet::new(),
        }
    }
}

/// Lays out a forest. Returns cards (in pre-order) and edges (primary then secondary).
pub fn layout(
    roots: Vec<TreeItem>,
    options: &TreeOptions,
    ts: &TypeScale,
) -> (Vec<Card>, Vec<Edge>) {
    let horizontal = options.direction.horizontal();
    let gap = ts.sibling_gap;
    let level_gap = ts.level_gap;
    // Compact stacking works across the growth direction only in vertical trees.
    let compact = options.compact && !horizontal;
    let indent = ts.pad * 2.0;

    // Flatten into pre-order, without recursion. Cards wait apart from the flat arrays
    // the coordinate pass walks; each card moves once, into its place.
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
    let n = pending.len();
    // Children of each node, in order (a stable counting sort by parent).
    let mut child_start = vec![0u32; n + 1];
    for &p in &shape.parent {
        if p != ROOT {
            child_start[p as usize + 1] += 1;
        }
    }
    for i in 0..n {
        child_start[i + 1] += child_start[i];
    }
    let mut children = vec![0u32; child_start[n] as usize];
    let mut fill = child_start.clone();
    for (i, &p) in shape.parent.iter().enumerate() {
        if p != ROOT {
            children[fill[p as usize] as usize] = i as u32;
            fill[p as usize] += 1;
        }
    }
    let kids = |i: usize| &children[child_start[i] as usize..child_start[i + 1] as usize];
    // Ids are read from the cards (one owner, no copies) until the cards are placed.
    let ids: Vec<&str> = pending.iter().map(|c| c.0.id.as_str()).collect();
    if compact {
        // A secondary edge must reach its ends from the level gaps, which a stack
        // would block: its endpoints and their parents are never stacked.
        let mut ends: HashSet<&str> = HashSet::new();
        for (i, parents) in &extra {
            ends.insert(ids[*i as usize]);
            ends.extend(parents.iter().map(String::as_str));
        }
        shape.stacked = (0..n)
            .map(|i| {
                let k = kids(i);
                k.len() >= 2
                    && !ends.contains(ids[i])
                    && k.iter()
                        .all(|&c| kids(c as usize).is_empty() && !ends.contains(ids[c as usize]))
            })
            .collect();
    }
    // Secondary edges run along the gaps between levels, so when there are any, each
    // stack counts as part of the level below its parent and the gaps stay clear.
    // Without them a stack may hang past the next level's start: its band is its own.
    let spacing = Spacing {
        gap,
        level_gap,
        indent,
        stacks_in_levels: compact && !extra.is_empty(),
    };
    let Positions {
        main,
        cross,
        depth,
        level_start,
        level_ext,
    } = positions(&shape, spacing).expect("a forest flattened in pre-order is a valid shape");
    let stacked = |i: usize| !shape.stacked.is_empty() && shape.stacked[i];
    let (main_ext, cross_ext) = (&shape.main_ext, &shape.cross_ext);

    // Map (main, cross) to (x, y) in the chosen direction.
    let total_main =
        level_start.last().copied().unwrap_or(0.0) + level_ext.last().copied().unwrap_or(0.0);
    let max_main = (0..n)
        .map(|i| main[i] + main_ext[i])
        .fold(total_main, f32::max);
    // Routes are built in (main, cross) coordinates and mapped like the cards.
    let map = |main: f32, cross: f32| -> Point {
        match options.direction {
            Direction::LeftRight => Point::new(main, cross),
            Direction::RightLeft => Point::new(max_main - main, cross),
            Direction::TopDown => Point::new(cross, main),
            Direction::BottomUp => Point::new(cross, max_main - main),
        }
    };
    let corner = |i: usize| -> (f32, f32) {
        match options.direction {
            Direction::LeftRight => (main[i], cross[i]),
            Direction::RightLeft => (max_main - main[i] - main_ext[i], cross[i]),
            Direction::TopDown => (cross[i], main[i]),
            Direction::BottomUp => (cross[i], max_main - main[i] - main_ext[i]),
        }
    };
    let centre = |i: usize| cross[i] + cross_ext[i] / 2.0;
    let mut edges = Vec::with_capacity(n);
    for s in 0..n {
        for &c in kids(s) {
            let k = c as usize;
            let points = if stacked(s) {
                // Down a trunk beside the stack, then into the child's side.
                let trunk = cross[s] + indent / 2.0;
                let row = main[k] + main_ext[k] / 2.0;
                vec![
                    map(main[s] + main_ext[s], trunk),
                    map(row, trunk),
                    map(row, cross[k]),
                ]
            } else {
                let mid = level_start[depth[k] as usize] - level_gap / 2.0;
                vec![
                    map(main[s] + main_ext[s], centre(s)),
                    map(mid, centre(s)),
                    map(mid, centre(k)),
                    map(main[k], centre(k)),
                ]
            };
            edges.push(Edge {
                dimmed: false,
                from: ids[s].to_owned(),
                to: ids[k].to_owned(),
                role: EdgeRole::Hierarchy,
                style: LineStyle::Solid,
                points: dedup(points),
                arrow: false,
                kind: "hierarchy".into(),
                label: None,
            });
        }
    }

    // Secondary (matrix) parents: out of the parent into the gap after its level, along
    // that gap to a lane beyond every card, across to the gap before the child's level,
    // and into the child. Gaps and the lane hold no cards, so the route crosses none.
    let index: std::collections::HashMap<&str, usize> = if extra.is_empty() {
        Default::default()
    } else {
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect()
    };
    let min_cross = cross.iter().copied().fold(f32::INFINITY, f32::min);
    let mut lane = 0.0;
    for (si, parents) in &extra {
        let s = *si as usize;
        for p in parents {
            let Some(&p) = index.get(p.as_str()) else {
                continue;
            };
            lane += gap / 2.0;
            let lane_cross = min_cross - gap - lane;
            let (dp, ds) = (depth[p] as usize, depth[s] as usize);
            let after = level_start[dp] + level_ext[dp] + level_gap / 2.0 - lane / 4.0;
            let before = level_start[ds] - level_gap / 2.0 + lane / 4.0;
            let points = vec![
                map(main[p] + main_ext[p], centre(p)),
                map(after, centre(p)),
                map(after, lane_cross),
                map(before, lane_cross),
                map(before, centre(s)),
                map(main[s], centre(s)),
            ];
            edges.push(Edge {
                dimmed: false,
                from: ids[p].to_owned(),
                to: ids[s].to_owned(),
                role: EdgeRole::Secondary,
                style: LineStyle::Dashed,
                points: dedup(points),
                arrow: true,
                kind: "secondary".into(),
                label: None,
            });
        }
    }
    drop(ids);
    let cards: Vec<Card> = pending
        .into_iter()
        .enumerate()
        .map(|(i, card)| {
            let (x, y) = corner(i);
            card.place(x, y)
        })
        .collect();
    (cards, edges)
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
    /// Nodes whose children (all leaves) are stacked in a column under them (compact
    /// mode). Empty when nothing is stacked.
    pub stacked: Vec<bool>,
}

/// The gaps [`positions`] leaves.
#[derive(Debug, Clone, Copy)]
pub struct Spacing {
    /// Between neighbouring subtrees across the growth direction.
    pub gap: f32,
    /// Between levels.
    pub level_gap: f32,
    /// How far a stack is indented past its parent's edge (room for the trunk line).
    pub indent: f32,
    /// Secondary edges need the level gaps clear: a stack then counts as part of the
    /// level below its parent instead of hanging from the parent's own edge.
    pub stacks_in_levels: bool,
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

/// Places a forest given as a [`Shape`]: the coordinate pass of [`layout`], which
/// then builds cards and edge routes around it. Linear time, three forward passes over
/// flat arrays, no recursion and no allocation per node. `None` when the shape is not
/// what [`Shape`] documents (not in pre-order, arrays of different lengths, a stacked
/// node with a grandchild).
pub fn positions(shape: &Shape, spacing: Spacing) -> Option<Positions> {
    let n = shape.parent.len();
    if shape.main_ext.len() != n
        || shape.cross_ext.len() != n
        || !(shape.stacked.is_empty() || shape.stacked.len() == n)
        || n >= ROOT as usize
    {
        return None;
    }
    let Spacing {
        gap,
        level_gap,
        indent,
        stacks_in_levels,
    } = spacing;
    let parent = &shape.parent[..];
    let main_ext = &shape.main_ext[..];
    let cross_ext = &shape.cross_ext[..];
    let stacked = |i: usize| !shape.stacked.is_empty() && shape.stacked[i];
    let in_stack = |i: usize| parent[i] != ROOT && stacked(parent[i] as usize);

    // 1. Depths and how deep each level is. Stacked leaves do not deepen their level,
    //    unless stacks count as part of the level below.
    let mut depth = vec![0u32; n];
    let mut level_ext: Vec<f32> = Vec::new();
    let mut stack_len = vec![0.0f32; if stacks_in_levels { n } else { 0 }];
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
        if !in_stack(i) {
            level_ext[d] = level_ext[d].max(main_ext[i]);
        } else if stacks_in_levels {
            let p = p as usize;
            stack_len[p] += main_ext[i] + if stack_len[p] > 0.0 { gap } else { 0.0 };
            level_ext[d] = level_ext[d].max(stack_len[p]);
        }
    }
    let mut level_start = vec![0.0f32; level_ext.len()];
    for d in 1..level_ext.len() {
        level_start[d] = level_start[d - 1] + level_ext[d - 1] + level_gap;
    }

    // 2. Across: leaves take the next free band in order, and a parent is centred on
    //    its first and last child once its subtree is done, moving its band (a shift
    //    applied to its descendants in pass 3) when it is wider than its children's.
    //    The open ancestors of the current node are on `open`; a node's subtree is done
    //    when the walk reaches a node that is not inside it.
    let mut band = Bands {
        cross: vec![0.0; n],
        shift: vec![0.0; n],
        start: vec![0.0; n],
        first: vec![f32::NAN; n],
        last: vec![0.0; n],
        cursor: 0.0,
    };
    let mut open: Vec<u32> = Vec::new();
    let mut i = 0;
    while i < n {
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
        if has_children && !stacked(i) {
            band.start[i] = band.cursor;
            open.push(i as u32);
            i += 1;
            continue;
        }
        // A leaf, or a stack: the node and its column of leaf children.
        let at = band.cursor;
        band.cross[i] = at;
        let mut widest = cross_ext[i];
        let mut j = i + 1;
        if stacked(i) {
            while j < n && parent[j] as usize == i {
                if j + 1 < n && parent[j + 1] as usize == j {
                    return None;
                }
                band.cross[j] = at + indent;
                widest = widest.max(indent + cross_ext[j]);
                j += 1;
            }
        }
        band.child_done(p, at + cross_ext[i] / 2.0);
        band.cursor += widest + gap;
        i = j;
    }
    while let Some(top) = open.pop() {
        band.close(top as usize, parent, cross_ext, gap);
    }
    let Bands {
        mut cross,
        mut shift,
        ..
    } = band;

    // 3. Pending shifts down the tree (pre-order: parents first), and along: each node
    //    at its level's start, stacked leaves one after another below their parent.
    let mut main = vec![0.0f32; n];
    let mut below = 0.0f32;
    for i in 0..n {
        let p = parent[i];
        let d = depth[i] as usize;
        if p == ROOT {
            main[i] = level_start[d];
            continue;
        }
        let p = p as usize;
        let s = shift[p];
        if s != 0.0 {
            cross[i] += s;
            shift[i] += s;
        }
        if stacked(p) {
            if p + 1 == i {
                below = if stacks_in_levels {
                    level_start[d]
                } else {
                    main[p] + main_ext[p] + gap
                };
            }
            main[i] = below;
            below += main_ext[i] + gap;
        } else {
            main[i] = level_start[d];
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

/// The scratch space of [`positions`]' second pass.
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

fn dedup(mut points: Vec<Point>) -> Vec<Point> {
    points.dedup_by(|a, b| (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() < 0.01);
    points
}
