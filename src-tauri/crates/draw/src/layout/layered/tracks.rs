//! Tracks: which corridor each edge takes and on which track, where it enters its
//! target, and the channels' tracks.

use std::collections::BTreeMap;

use super::{Ctx, Side};

/// The corridors the links take.
pub(super) struct Corridors {
    /// Each link's corridor; `None` when it drops straight into the next row or runs
    /// along a side.
    pub(super) of: Vec<Option<usize>>,
    /// Each link's track in its corridor (a side link's: its side track).
    pub(super) track: Vec<usize>,
    /// How many tracks each corridor holds.
    pub(super) tracks: Vec<usize>,
    /// Each link that runs along a side: the side, and its corridor.
    pub(super) side: Vec<Option<(Side, usize)>>,
    /// How many side tracks each corridor holds, for the lane on its left (that
    /// lane's right side) and for the lane on its right (its left side).
    pub(super) side_tracks: Vec<[usize; 2]>,
}

impl Side {
    /// Which of a corridor's two groups of side tracks a link along this side takes:
    /// a lane's right side is the corridor's left group.
    pub(super) fn group(self) -> usize {
        match self {
            Side::Right => 0,
            Side::Left => 1,
        }
    }
}

/// Takes the grid and the links; gives each link that asks for a side and can have
/// it (both cards at that edge of their cells, in one lane or both in full rows) the
/// side and the corridor beside it.
fn sides(cx: Ctx) -> Vec<Option<(Side, usize)>> {
    let (items, grid) = (cx.items, cx.grid);
    let lane_count = grid.lane_count.max(1);
    let cell_of = |i: usize| {
        let it = &items[i];
        if grid.laned(it.row) {
            Some(it.lane.min(lane_count - 1))
        } else {
            None
        }
    };
    let at_edge = |i: usize, side: Side| {
        let cell = &grid.cells[items[i].row][cell_of(i).unwrap_or(0)];
        match side {
            Side::Left => cell.first() == Some(&i),
            Side::Right => cell.last() == Some(&i),
        }
    };
    cx.links
        .iter()
        .map(|l| {
            let side = l.side?;
            let lane = cell_of(l.from);
            if lane != cell_of(l.to) || !at_edge(l.from, side) || !at_edge(l.to, side) {
                return None;
            }
            let k = match (side, lane) {
                (Side::Left, Some(k)) => k,
                (Side::Right, Some(k)) => k + 1,
                (Side::Left, None) => 0,
                (Side::Right, None) => grid.right(),
            };
            Some((side, k))
        })
        .collect()
}

/// Takes the side links; gives each its side track and each corridor's count per
/// group. A shorter span takes a track nearer the lane than any longer span it
/// overlaps (rows counted inclusively, so two links that meet at a card still get
/// tracks of their own).
fn side_tracks(cx: Ctx, side: &[Option<(Side, usize)>], track: &mut [usize]) -> Vec<[usize; 2]> {
    let items = cx.items;
    let span = |li: usize| {
        let l = &cx.links[li];
        let (a, b) = (items[l.from].row, items[l.to].row);
        (a.min(b), a.max(b))
    };
    let mut order: Vec<usize> = (0..side.len()).filter(|&li| side[li].is_some()).collect();
    order.sort_by_key(|&li| (span(li).1 - span(li).0, li));
    let mut counts = vec![[0usize; 2]; cx.grid.right() + 1];
    for (n, &li) in order.iter().enumerate() {
        let Some((s, k)) = side[li] else { continue };
        let (lo, hi) = span(li);
        let t = order[..n]
            .iter()
            .filter(|&&o| side[o] == side[li])
            .filter(|&&o| span(o).0 <= hi && lo <= span(o).1)
            .map(|&o| track[o] + 1)
            .max()
            .unwrap_or(0);
        track[li] = t;
        let c = &mut counts[k][s.group()];
        *c = (*c).max(t + 1);
    }
    counts
}

/// Takes the grid and the links; gives each link that skips rows or goes back the
/// corridor nearest both its ends (inner ones only below the full rows, with two lanes
/// or more), and its track there, by greedy interval colouring over channel spans.
pub(super) fn corridors(cx: Ctx) -> Corridors {
    let (items, links, grid) = (cx.items, cx.links, cx.grid);
    let right = grid.right();
    let side = sides(cx);
    let mut corridor: Vec<Option<usize>> = Vec::with_capacity(links.len());
    for (li, l) in links.iter().enumerate() {
        let (rs, rt) = (items[l.from].row, items[l.to].row);
        if rt == rs + 1 || side[li].is_some() {
            corridor.push(None);
            continue;
        }
        let lo = (rs + 1).min(rt);
        let inner_ok = grid.lane_count >= 2 && lo >= grid.full_rows;
        let (xs, xt) = (grid.logical_x[l.from], grid.logical_x[l.to]);
        let mut best = (f32::INFINITY, 0usize);
        for k in 0..=right {
            let inner = k != 0 && k != right;
            if inner && !inner_ok {
                continue;
            }
            let cost = (grid.corridor_pos(k) - xs).abs() + (grid.corridor_pos(k) - xt).abs();
            if cost < best.0 - 1e-4 {
                best = (cost, k);
            }
        }
        corridor.push(Some(best.1));
    }

    let mut spans: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); right + 1];
    for (li, l) in links.iter().enumerate() {
        if let Some(k) = corridor[li] {
            let (a, b) = (items[l.from].row + 1, items[l.to].row);
            spans[k].push((a.min(b), a.max(b), li));
        }
    }
    let mut corridor_track = vec![0usize; links.len()];
    let mut corridor_tracks = vec![0usize; right + 1];
    for (k, mut spans) in spans.into_iter().enumerate() {
        spans.sort_unstable();
        let mut last_hi: Vec<usize> = Vec::new();
        for (lo, hi, li) in spans {
            let t = match last_hi.iter().position(|&h| h < lo) {
                Some(t) => t,
                None => {
                    last_hi.push(0);
                    last_hi.len() - 1
                }
            };
            last_hi[t] = hi;
            corridor_track[li] = t;
        }
        corridor_tracks[k] = last_hi.len();
    }
    let side_tracks = side_tracks(cx, &side, &mut corridor_track);
    Corridors {
        of: corridor,
        track: corridor_track,
        tracks: corridor_tracks,
        side,
        side_tracks,
    }
}

/// Where the edges enter their targets.
pub(super) struct Ports {
    /// Each item's incoming links through its top, in arrival order.
    pub(super) incoming: Vec<Vec<usize>>,
    /// Each item's incoming links along a side.
    pub(super) side_in: Vec<Vec<usize>>,
    /// Whether each item has an outgoing link through the channel below it.
    has_out: Vec<bool>,
    /// Each link's entry port on its target: its place and the target's port count.
    pub(super) port_of: Vec<(usize, usize)>,
    /// Each side link's ports on its source's and its target's side, as fractions of
    /// the cards' heights.
    pub(super) side_at: Vec<(f32, f32)>,
}

impl Ports {
    /// Where link `li`'s port sits along its target's top, as a fraction of its width.
    pub(super) fn frac(&self, li: usize) -> f32 {
        let (k, count) = self.port_of[li];
        (k + 1) as f32 / (count + 1) as f32
    }
}

/// Takes the links and their corridors; gives each target's incoming edges, ordered by
/// where they come from (outer corridor tracks arriving from further out), and the
/// side links' ports.
pub(super) fn ports(cx: Ctx, corridors: &Corridors) -> Ports {
    let (items, links, grid) = (cx.items, cx.links, cx.grid);
    let n = items.len();
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut side_in: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut has_out = vec![false; n];
    for (li, l) in links.iter().enumerate() {
        if corridors.side[li].is_some() {
            side_in[l.to].push(li);
        } else {
            incoming[l.to].push(li);
            has_out[l.from] = true;
        }
    }
    let arrival = |li: usize| match corridors.of[li] {
        None => grid.logical_x[links[li].from],
        Some(0) => grid.corridor_pos(0) - corridors.track[li] as f32 * 1e-3,
        Some(k) => grid.corridor_pos(k) + corridors.track[li] as f32 * 1e-3,
    };
    let mut port_of = vec![(0usize, 1usize); links.len()];
    for ins in &mut incoming {
        ins.sort_by(|&a, &b| arrival(a).total_cmp(&arrival(b)).then(a.cmp(&b)));
        for (k, &li) in ins.iter().enumerate() {
            port_of[li] = (k, ins.len());
        }
    }
    Ports {
        incoming,
        side_in,
        has_out,
        port_of,
        side_at: side_ports(cx, corridors),
    }
}

/// One end of a side link on a card's side.
#[derive(Clone, Copy)]
struct SideEnd {
    /// Whether the link's other end is below, and the track (negated when it is, so
    /// that outer tracks come first there).
    key: (bool, i64),
    li: usize,
    is_from: bool,
}

/// Takes the side links and their tracks; gives each one's ports down its cards'
/// sides. On one side of a card, the links whose other end is above come first,
/// inner tracks highest; then those whose other end is below, outer tracks highest:
/// so the lines leave and arrive without crossing.
fn side_ports(cx: Ctx, corridors: &Corridors) -> Vec<(f32, f32)> {
    let (items, links) = (cx.items, cx.links);
    // Each (card, side group): its side links' ends, with the key that orders them.
    let mut ends: BTreeMap<(usize, usize), Vec<SideEnd>> = BTreeMap::new();
    for (li, l) in links.iter().enumerate() {
        let Some((side, _)) = corridors.side[li] else {
            continue;
        };
        let t = corridors.track[li] as i64;
        for (card, other, is_from) in [(l.from, l.to, true), (l.to, l.from, false)] {
            let below = items[other].row > items[card].row;
            let key = (below, if below { -t } else { t });
            ends.entry((card, side.group()))
                .or_default()
                .push(SideEnd { key, li, is_from });
        }
    }
    let mut at = vec![(0.5f32, 0.5f32); links.len()];
    for mut list in ends.into_values() {
        list.sort_by_key(|e| (e.key, e.li));
        let m = list.len() as f32;
        for (k, &SideEnd { li, is_from, .. }) in list.iter().enumerate() {
            let f = (k as f32 + 1.0) / (m + 1.0);
            if is_from {
                at[li].0 = f;
            } else {
                at[li].1 = f;
            }
        }
    }
    at
}

/// The channels' tracks. Channel c runs above row c (channel row_count below the last).
pub(super) struct Channels {
    /// How many tracks each channel holds.
    pub(super) tracks_in: Vec<usize>,
    /// Each corridor link's track in the channel above its target.
    pub(super) entry_track: Vec<usize>,
    /// Each source's track in the channel below it.
    pub(super) source_track: Vec<usize>,
}

/// Takes the corridors and the ports; gives the channel tracks. Edges arriving from
/// corridors take the upper tracks, inner corridor tracks first, so they cross
/// neither each other nor the edges leaving below them.
pub(super) fn channel_tracks(cx: Ctx, corridors: &Corridors, ports: &Ports) -> Channels {
    let (items, links, grid) = (cx.items, cx.links, cx.grid);
    let mut tracks_in = vec![0usize; grid.row_count + 1];
    let mut entry_track = vec![0usize; links.len()];
    let mut entering: Vec<usize> = (0..links.len())
        .filter(|&li| corridors.of[li].is_some())
        .collect();
    entering.sort_by_key(|&li| (corridors.track[li], li));
    for li in entering {
        let c = items[links[li].to].row;
        entry_track[li] = tracks_in[c];
        tracks_in[c] += 1;
    }
    let mut source_track = vec![0usize; items.len()];
    for (r, row) in grid.cells.iter().enumerate() {
        for cell in row {
            for &i in cell {
                if ports.has_out[i] {
                    source_track[i] = tracks_in[r + 1];
                    tracks_in[r + 1] += 1;
                }
            }
        }
    }
    Channels {
        tracks_in,
        entry_track,
        source_track,
    }
}
