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

struct Slot {
    parent: Option<usize>,
    children: Vec<usize>,
    extra_parents: Vec<String>,
    depth: usize,
    /// Extents along the growth direction (main) and across it (cross).
    main_ext: f32,
    cross_ext: f32,
    main: f32,
    cross: f32,
    /// Pending shift for descendants (applied in a final pass).
    shift: f32,
    /// Leaf children stacked under this node (compact mode).
    stacked: bool,
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

    // Flatten into an arena in pre-order, without recursion.
    // Cards live apart from the slots the loops below walk, so those stay small and
    // cache-friendly; each card moves once, into its place.
    let mut slots: Vec<Slot> = Vec::new();
    let mut pending: Vec<SizedCard> = Vec::new();
    let mut roots_ix = Vec::new();
    let mut stack: Vec<(TreeItem, Option<usize>, usize)> =
        roots.into_iter().rev().map(|r| (r, None, 0)).collect();
    while let Some((item, parent, depth)) = stack.pop() {
        let ix = slots.len();
        let (w, h) = (item.card.width(), item.card.height());
        let collapsed =
            !options.collapsed.is_empty() && options.collapsed.contains(&item.card.0.id);
        pending.push(item.card);
        slots.push(Slot {
            parent,
            children: Vec::new(),
            extra_parents: item.extra_parents,
            depth,
            main_ext: if horizontal { w } else { h },
            cross_ext: if horizontal { h } else { w },
            main: 0.0,
            cross: 0.0,
            shift: 0.0,
            stacked: false,
        });
        match parent {
            Some(p) => slots[p].children.push(ix),
            None => roots_ix.push(ix),
        }
        if !collapsed {
            for child in item.children.into_iter().rev() {
                stack.push((child, Some(ix), depth + 1));
            }
        }
    }
    // Ids are read from the cards (one owner, no copies) until the cards are placed.
    let ids: Vec<&str> = pending.iter().map(|c| c.0.id.as_str()).collect();
    // Children were pushed in reverse; pre-order visited them in order, so the lists
    // are already in file order.
    if compact {
        // A secondary edge must reach its ends from the level gaps, which a stack
        // would block: its endpoints and their parents are never stacked.
        let mut ends: HashSet<&str> = HashSet::new();
        for (i, s) in slots.iter().enumerate() {
            if !s.extra_parents.is_empty() {
                ends.insert(ids[i]);
                ends.extend(s.extra_parents.iter().map(String::as_str));
            }
        }
        let stacked: Vec<bool> = (0..slots.len())
            .map(|i| {
                let kids = &slots[i].children;
                kids.len() >= 2
                    && !ends.contains(ids[i])
                    && kids
                        .iter()
                        .all(|&c| slots[c].children.is_empty() && !ends.contains(ids[c]))
            })
            .collect();
        for (s, st) in slots.iter_mut().zip(stacked) {
            s.stacked = st;
        }
    }

    // Level depths along the main axis (stacked leaves do not widen their level).
    let depth_count = slots.iter().map(|s| s.depth + 1).max().unwrap_or(0);
    let mut level_ext = vec![0.0f32; depth_count];
    // Secondary edges run along the gaps between levels, so when there are any, each
    // stack counts as part of the level below its parent and the gaps stay clear.
    // Without them a stack may hang past the next level's start: its band is its own.
    let stacks_in_levels = compact && slots.iter().any(|s| !s.extra_parents.is_empty());
    for s in &slots {
        let in_stack = s.parent.is_some_and(|p| slots[p].stacked);
        if !in_stack {
            level_ext[s.depth] = level_ext[s.depth].max(s.main_ext);
        }
        if s.stacked && stacks_in_levels {
            let stack: f32 = s
                .children
                .iter()
                .map(|&c| slots[c].main_ext + gap)
                .sum::<f32>()
                - gap;
            level_ext[s.depth + 1] = level_ext[s.depth + 1].max(stack);
        }
    }
    let mut level_start = vec![0.0f32; depth_count];
    for d in 1..depth_count {
        level_start[d] = level_start[d - 1] + level_ext[d - 1] + level_gap;
    }

    // Cross positions: post-order over the arena (children after parents in pre-order,
    // so reverse pre-order would break sibling order; walk explicitly instead).
    let mut cursor = 0.0f32;
    let mut post: Vec<(usize, bool)> = roots_ix.iter().rev().map(|&r| (r, false)).collect();
    let mut first_root = true;
    let mut subtree_start: Vec<f32> = vec![0.0; slots.len()];
    while let Some((i, children_done)) = post.pop() {
        if !children_done {
            if slots[i].parent.is_none() {
                if !first_root {
                    cursor += gap * 1.5;
                }
                first_root = false;
            }
            subtree_start[i] = cursor;
            if slots[i].children.is_empty() || slots[i].stacked {
                place_leaf_or_stack(
                    &mut slots,
                    i,
                    &mut cursor,
                    gap,
                    indent,
                    &level_start,
                    stacks_in_levels,
                );
                continue;
            }
            post.push((i, true));
            for &c in slots[i].children.iter().rev() {
                post.push((c, false));
            }
            continue;
        }
        let kids = &slots[i].children;
        let (f, l) = (kids[0], kids[kids.len() - 1]);
        let centre =
            (slots[f].cross + slots[f].cross_ext / 2.0 + slots[l].cross + slots[l].cross_ext / 2.0)
                / 2.0;
        let mut cross = centre - slots[i].cross_ext / 2.0;
        let start = subtree_start[i];
        if cross < start {
            // The parent is wider than its children's band: move the band.
            let s = start - cross;
            cross += s;
            slots[i].shift += s;
            cursor += s;
        }
        slots[i].cross = cross;
        slots[i].main = level_start[slots[i].depth];
        cursor = cursor.max(cross + slots[i].cross_ext + gap);
    }
    // Apply pending shifts down the tree (pre-order: parents before children).
    for i in 0..slots.len() {
        if let Some(p) = slots[i].parent {
            let s = slots[p].shift;
            if s != 0.0 {
                slots[i].cross += s;
                slots[i].shift += s;
            }
        }
    }

    // Map (main, cross) to (x, y) in the chosen direction.
    let total_main =
        level_start.last().copied().unwrap_or(0.0) + level_ext.last().copied().unwrap_or(0.0);
    let max_main = slots
        .iter()
        .map(|s| s.main + s.main_ext)
        .fold(total_main, f32::max);
    let xy = |s: &Slot| -> (f32, f32) {
        match options.direction {
            Direction::LeftRight => (s.main, s.cross),
            Direction::RightLeft => (max_main - s.main - s.main_ext, s.cross),
            Direction::TopDown => (s.cross, s.main),
            Direction::BottomUp => (s.cross, max_main - s.main - s.main_ext),
        }
    };

    // Routes are built in (main, cross) coordinates and mapped like the cards.
    let map = |main: f32, cross: f32| -> Point {
        match options.direction {
            Direction::LeftRight => Point::new(main, cross),
            Direction::RightLeft => Point::new(max_main - main, cross),
            Direction::TopDown => Point::new(cross, main),
            Direction::BottomUp => Point::new(cross, max_main - main),
        }
    };
    let centre = |s: &Slot| s.cross + s.cross_ext / 2.0;
    let mut edges = Vec::with_capacity(slots.len());
    for (si, s) in slots.iter().enumerate() {
        for &c in &s.children {
            let k = &slots[c];
            let points = if s.stacked {
                // Down a trunk beside the stack, then into the child's side.
                let trunk = s.cross + indent / 2.0;
                let row = k.main + k.main_ext / 2.0;
                vec![
                    map(s.main + s.main_ext, trunk),
                    map(row, trunk),
                    map(row, k.cross),
                ]
            } else {
                let mid = level_start[k.depth] - level_gap / 2.0;
                vec![
                    map(s.main + s.main_ext, centre(s)),
                    map(mid, centre(s)),
                    map(mid, centre(k)),
                    map(k.main, centre(k)),
                ]
            };
            edges.push(Edge {
                from: ids[si].to_owned(),
                to: ids[c].to_owned(),
                role: EdgeRole::Hierarchy,
                style: LineStyle::Solid,
                points: dedup(points),
                arrow: false,
            });
        }
    }

    // Secondary (matrix) parents: out of the parent into the gap after its level, along
    // that gap to a lane beyond every card, across to the gap before the child's level,
    // and into the child. Gaps and the lane hold no cards, so the route crosses none.
    let any_extra = slots.iter().any(|s| !s.extra_parents.is_empty());
    let index: std::collections::HashMap<&str, usize> = if any_extra {
        slots.iter().enumerate().map(|(i, _)| (ids[i], i)).collect()
    } else {
        Default::default()
    };
    let min_cross = slots.iter().map(|s| s.cross).fold(f32::INFINITY, f32::min);
    let mut lane = 0.0;
    for (si, s) in slots.iter().enumerate() {
        for p in &s.extra_parents {
            let Some(&pi) = index.get(p.as_str()) else {
                continue;
            };
            let p = &slots[pi];
            lane += gap / 2.0;
            let lane_cross = min_cross - gap - lane;
            let after = level_start[p.depth] + level_ext[p.depth] + level_gap / 2.0 - lane / 4.0;
            let before = level_start[s.depth] - level_gap / 2.0 + lane / 4.0;
            let points = vec![
                map(p.main + p.main_ext, centre(p)),
                map(after, centre(p)),
                map(after, lane_cross),
                map(before, lane_cross),
                map(before, centre(s)),
                map(s.main, centre(s)),
            ];
            edges.push(Edge {
                from: ids[pi].to_owned(),
                to: ids[si].to_owned(),
                role: EdgeRole::Secondary,
                style: LineStyle::Dashed,
                points: dedup(points),
                arrow: true,
            });
        }
    }
    drop(ids);
    let cards: Vec<Card> = pending
        .into_iter()
        .zip(&slots)
        .map(|(card, s)| {
            let (x, y) = xy(s);
            card.place(x, y)
        })
        .collect();
    (cards, edges)
}

fn place_leaf_or_stack(
    slots: &mut [Slot],
    i: usize,
    cursor: &mut f32,
    gap: f32,
    indent: f32,
    level_start: &[f32],
    stacks_in_levels: bool,
) {
    let depth = slots[i].depth;
    slots[i].cross = *cursor;
    slots[i].main = level_start[depth];
    if !slots[i].stacked {
        *cursor += slots[i].cross_ext + gap;
        return;
    }
    // Leaf children in a column under the parent, indented past the trunk line.
    let mut main = if stacks_in_levels {
        level_start[depth + 1]
    } else {
        slots[i].main + slots[i].main_ext + gap
    };
    let mut widest: f32 = slots[i].cross_ext;
    let kids = slots[i].children.clone();
    for c in kids {
        slots[c].cross = *cursor + indent;
        slots[c].main = main;
        main += slots[c].main_ext + gap;
        widest = widest.max(indent + slots[c].cross_ext);
    }
    *cursor += widest + gap;
}

fn dedup(mut points: Vec<Point>) -> Vec<Point> {
    points.dedup_by(|a, b| (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() < 0.01);
    points
}
