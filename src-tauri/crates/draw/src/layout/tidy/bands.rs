//! The tidy arrangement's coordinate pass: each subtree owns a band across, levels
//! take the depth.

use super::{Shape, Spacing, ROOT};

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
/// of [`layout`](super::layout), which then builds cards and edge routes around it.
/// Linear time, three forward passes over flat arrays, no recursion and no allocation
/// per node.
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
