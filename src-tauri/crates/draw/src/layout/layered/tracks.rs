//! Tracks: which corridor each edge takes and on which track, where it enters its
//! target, and the channels' tracks.

use super::Ctx;

/// The corridors the links take.
pub(super) struct Corridors {
    /// Each link's corridor; `None` when it drops straight into the next row.
    pub(super) of: Vec<Option<usize>>,
    /// Each link's track in its corridor.
    pub(super) track: Vec<usize>,
    /// How many tracks each corridor holds.
    pub(super) tracks: Vec<usize>,
}

/// Takes the grid and the links; gives each link that skips rows or goes back the
/// corridor nearest both its ends (inner ones only below the full rows, with two lanes
/// or more), and its track there, by greedy interval colouring over channel spans.
pub(super) fn corridors(cx: Ctx) -> Corridors {
    let (items, links, grid) = (cx.items, cx.links, cx.grid);
    let right = grid.right();
    let mut corridor: Vec<Option<usize>> = Vec::with_capacity(links.len());
    for l in links {
        let (rs, rt) = (items[l.from].row, items[l.to].row);
        if rt == rs + 1 {
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
    Corridors {
        of: corridor,
        track: corridor_track,
        tracks: corridor_tracks,
    }
}

/// Where the edges enter their targets.
pub(super) struct Ports {
    /// Each item's incoming links, in arrival order.
    pub(super) incoming: Vec<Vec<usize>>,
    /// Whether each item has an outgoing link.
    has_out: Vec<bool>,
    /// Each link's entry port on its target: its place and the target's port count.
    pub(super) port_of: Vec<(usize, usize)>,
}

impl Ports {
    /// Where link `li`'s port sits along its target's top, as a fraction of its width.
    pub(super) fn frac(&self, li: usize) -> f32 {
        let (k, count) = self.port_of[li];
        (k + 1) as f32 / (count + 1) as f32
    }
}

/// Takes the links and their corridors; gives each target's incoming edges, ordered by
/// where they come from (outer corridor tracks arriving from further out).
pub(super) fn ports(cx: Ctx, corridors: &Corridors) -> Ports {
    let (items, links, grid) = (cx.items, cx.links, cx.grid);
    let n = items.len();
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut has_out = vec![false; n];
    for (li, l) in links.iter().enumerate() {
        incoming[l.to].push(li);
        has_out[l.from] = true;
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
        has_out,
        port_of,
    }
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
