//! Route: the edges, built along and across the growth direction and mapped to x and
//! y for the chosen direction.

use std::collections::HashMap;

use super::{Children, Direction, GridPositions, Placed, Positions, Shape, Spacing, ROOT};
use crate::scene::{Edge, EdgeRole, Point};
use orgpath_model::raw::LineStyle;

/// Maps (main, cross) to (x, y) in the chosen direction.
pub(super) struct Frame<'a> {
    direction: Direction,
    /// The far end of the deepest card along the growth direction.
    max_main: f32,
    main: &'a [f32],
    cross: &'a [f32],
    main_ext: &'a [f32],
    cross_ext: &'a [f32],
}

impl<'a> Frame<'a> {
    pub(super) fn new(
        direction: Direction,
        main: &'a [f32],
        cross: &'a [f32],
        shape: &'a Shape,
    ) -> Self {
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
    pub(super) fn corner(&self, i: usize) -> (f32, f32) {
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
pub(super) struct Router<'a> {
    pub(super) frame: &'a Frame<'a>,
    pub(super) placed: &'a Placed,
    pub(super) shape: &'a Shape,
    pub(super) children: &'a Children,
    pub(super) ids: &'a [&'a str],
    pub(super) spacing: Spacing,
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
    pub(super) fn primary(&self) -> Vec<Edge> {
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
    pub(super) fn secondary(&self, extra: &[(u32, Vec<String>)], edges: &mut Vec<Edge>) {
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

fn dedup(mut points: Vec<Point>) -> Vec<Point> {
    points.dedup_by(|a, b| (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() < 0.01);
    points
}
