//! Lanes: where each edge end sits on a card's border and on the hub's, and which
//! vertical run each edge takes in the channels.

use std::collections::BTreeMap;

use super::{centre_y, end_y, End, Gauge, Item, Link, Net, LEFT, RIGHT};
use crate::scene::{Rect, SizedCard};

/// Lanes on card borders: takes the placed cards, the links and each card's column;
/// sets every end's `y`, inner ends first then far-side ends, each list centred on
/// its card. Far-side ends are ordered so that runs to the same neighbour nest: ends
/// going up first, nearest neighbour first.
pub(super) fn place_lanes(items: &mut [Item], ls: &[Link], item_side: &[usize], g: &Gauge) {
    for i in 0..items.len() {
        let my = centre_y(items, i);
        let mut inner: Vec<End> = items[i].ends.iter().filter(|e| e.inner).cloned().collect();
        let mut outer: Vec<End> = items[i].ends.iter().filter(|e| !e.inner).cloned().collect();
        inner.sort_by_key(|e| e.link);
        // Rank 0: edges to the other column, which leave upwards and come back down
        // on the far side, ordered like their other ends so the detours nest; rank 1:
        // up the column; rank 2: down.
        let key = |e: &End| {
            let o = ls[e.link].other(i);
            let oy = centre_y(items, o);
            let rank = if item_side[o] != item_side[i] {
                0u8
            } else if oy <= my {
                1
            } else {
                2
            };
            (rank, oy, e.link)
        };
        outer.sort_by(|p, q| {
            let (pr, py, pl) = key(p);
            let (qr, qy, ql) = key(q);
            pr.cmp(&qr).then(match pr {
                0 => py.total_cmp(&qy).then(pl.cmp(&ql)),
                1 => qy.total_cmp(&py).then(ql.cmp(&pl)),
                _ => qy.total_cmp(&py).then(pl.cmp(&ql)),
            })
        });
        let (top, h) = (items[i].y, items[i].card.height());
        for list in [&mut inner, &mut outer] {
            let slots: Vec<f32> = list
                .iter()
                .map(|e| e.label.map_or(g.bare_lane, |l| l.1))
                .collect();
            let total =
                slots.iter().sum::<f32>() + g.lane_gap * slots.len().saturating_sub(1) as f32;
            let mut y = (top + (h - total) / 2.0).round();
            for (e, s) in list.iter_mut().zip(&slots) {
                e.y = y + s / 2.0;
                y += s + g.lane_gap;
            }
        }
        items[i].ends = inner.into_iter().chain(outer).collect();
    }
}

/// The hub: takes the hub card and the placed card lanes; grows the hub tall enough
/// for its lanes on each side (its text kept centred) and gives, per side, the card
/// lane height of each hub link with the link (top to bottom), and the hub's rectangle,
/// centred on the origin.
pub(super) fn fit_hub(
    hub: &mut SizedCard,
    net: &Net,
    item_side: &[usize],
    g: &Gauge,
) -> ([Vec<(f32, usize)>; 2], Rect) {
    let mut hub_lanes: [Vec<(f32, usize)>; 2] = [Vec::new(), Vec::new()];
    for (li, l) in net.ls.iter().enumerate() {
        if l.touches_hub() {
            let c = l.card_end();
            hub_lanes[item_side[c]].push((end_y(&net.items, c, li), li));
        }
    }
    for lanes in &mut hub_lanes {
        lanes.sort_by(|p, q| p.0.total_cmp(&q.0).then(p.1.cmp(&q.1)));
    }
    let most = hub_lanes[0].len().max(hub_lanes[1].len());
    let need = g.hub_pitch * most.saturating_sub(1) as f32 + 2.0 * g.hub_margin;
    let h0 = hub.height();
    if need > h0 {
        let h = need.ceil();
        let dy = ((h - h0) / 2.0).round();
        hub.0.rect.h = h;
        for t in &mut hub.0.texts {
            t.y += dy;
        }
    }
    let (hub_w, hub_h) = (hub.width(), hub.height());
    let hub_rect = Rect {
        x: -(hub_w / 2.0).round(),
        y: -(hub_h / 2.0).round(),
        w: hub_w,
        h: hub_h,
    };
    (hub_lanes, hub_rect)
}

/// How the edges to the hub run.
pub(super) struct HubRuns {
    /// Each hub link's lane height on the hub's border.
    pub(super) y: BTreeMap<usize, f32>,
    /// Each bending hub link's vertical run, counted out from the hub.
    pub(super) bend: BTreeMap<usize, usize>,
    /// How many vertical runs each side's channel holds.
    pub(super) bends: [usize; 2],
}

/// Takes the card lane heights of the hub links per side ([`fit_hub`]) and the hub;
/// gives their lanes on the hub, as close to the card lane as the order allows so
/// edges that can run straight do, and the vertical runs of those that cannot.
pub(super) fn route_hub(hub_lanes: &[Vec<(f32, usize)>; 2], hub_rect: &Rect, g: &Gauge) -> HubRuns {
    let mut hub_y: BTreeMap<usize, f32> = BTreeMap::new();
    for lanes in hub_lanes {
        let n = lanes.len();
        let lo = hub_rect.y + g.hub_margin;
        let hi = hub_rect.bottom() - g.hub_margin - g.hub_pitch * n.saturating_sub(1) as f32;
        for (k, &(yc, li)) in lanes.iter().enumerate() {
            let off = g.hub_pitch * k as f32;
            let y = (yc - off).clamp(lo, hi.max(lo)) + off;
            hub_y.insert(li, y);
        }
    }

    // Going up, the lower bends farther from the hub; going down, the upper does.
    // Then the runs nest and never cross.
    let mut bend: BTreeMap<usize, usize> = BTreeMap::new();
    let mut bends = [0usize; 2];
    for (s, lanes) in hub_lanes.iter().enumerate() {
        let up: Vec<usize> = lanes
            .iter()
            .filter(|(yc, li)| *yc < hub_y[li] - 0.5)
            .map(|&(_, li)| li)
            .collect();
        let down: Vec<usize> = lanes
            .iter()
            .filter(|(yc, li)| *yc > hub_y[li] + 0.5)
            .map(|&(_, li)| li)
            .collect();
        for (k, &li) in up.iter().enumerate() {
            bend.insert(li, k);
        }
        for (k, &li) in down.iter().enumerate() {
            bend.insert(li, down.len() - 1 - k);
        }
        bends[s] = up.len().max(down.len());
    }
    HubRuns {
        y: hub_y,
        bend,
        bends,
    }
}

/// The label zones' widths per column: inner (hub edges) and outer (far-side edges).
pub(super) struct Zones {
    pub(super) inner: [f32; 2],
    pub(super) outer: [f32; 2],
}

/// Takes the cards with their ends and each group's column; gives each column's label
/// zones, as wide as their widest label.
pub(super) fn label_zones(items: &[Item], side: &[usize]) -> Zones {
    let mut inner_zone = [0.0f32; 2];
    let mut outer_zone = [0.0f32; 2];
    for it in items {
        let s = side[it.group];
        for e in &it.ends {
            if let Some((w, _)) = e.label {
                let z = if e.inner {
                    &mut inner_zone[s]
                } else {
                    &mut outer_zone[s]
                };
                *z = z.max(w.ceil());
            }
        }
    }
    Zones {
        inner: inner_zone,
        outer: outer_zone,
    }
}

/// Far-side vertical runs: takes the placed lanes; gives, per (column, link), the run
/// each far-side edge takes in that column's outer channel, counted outwards. Runs are
/// nested intervals, longer ones farther out; edges between the columns run up to
/// the top first.
pub(super) fn far_lanes(
    net: &Net,
    item_side: &[usize],
    g: &Gauge,
) -> BTreeMap<(usize, usize), usize> {
    let top_sentinel = f32::NEG_INFINITY;
    let mut far_lane: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for s in [LEFT, RIGHT] {
        let mut iv: Vec<(f32, f32, usize)> = Vec::new();
        for (li, l) in net.ls.iter().enumerate() {
            if l.touches_hub() {
                continue;
            }
            let ends: Vec<f32> = [l.a, l.b]
                .iter()
                .filter(|&&i| item_side[i] == s)
                .map(|&i| end_y(&net.items, i, li))
                .collect();
            match ends.len() {
                2 => iv.push((ends[0].min(ends[1]), ends[0].max(ends[1]), li)),
                1 => iv.push((top_sentinel, ends[0], li)),
                _ => {}
            }
        }
        iv.sort_by(|p, q| {
            let lp = if p.0.is_finite() {
                p.1 - p.0
            } else {
                f32::INFINITY
            };
            let lq = if q.0.is_finite() {
                q.1 - q.0
            } else {
                f32::INFINITY
            };
            lp.total_cmp(&lq)
                .then(p.1.total_cmp(&q.1))
                .then(p.2.cmp(&q.2))
        });
        let mut placed: Vec<(f32, f32, usize)> = Vec::new();
        for &(lo, hi, li) in &iv {
            let lane = placed
                .iter()
                .filter(|(plo, phi, _)| lo < *phi + g.lane_gap && *plo < hi + g.lane_gap)
                .map(|&(_, _, k)| k + 1)
                .max()
                .unwrap_or(0);
            placed.push((lo, hi, lane));
            far_lane.insert((s, li), lane);
        }
    }
    far_lane
}
