//! Hub layout: one card at the centre, groups of cards in two columns beside it, and
//! labelled orthogonal edges in the channels between them.
//!
//! ```text
//!  outer channel | left column | inner channel |  hub  | inner channel | right column
//!                 ┌─────────┐                   ┌─────┐                 ┌─────────┐
//!    ┌─── label ──┤  card   ├── label ──┐       │     ├──┐    label ───►│  card   │
//!    │            └─────────┘           └──────►│     │  └─────────────►│         │
//!    │            ┌─────────┐                   │     │     label ─────►│         │
//!    └──────────►─┤  card   ├── label ─────────►│     │                 └─────────┘
//!                 └─────────┘                   └─────┘
//! ```
//!
//! Every edge end on a card gets its own lane (a height on the card's border); a
//! labelled end's lane is as tall as its label, so the label sits on the edge's last
//! straight run, in a zone of the channel that only those runs cross. Labels are
//! therefore disjoint from each other, from cards and from region headings by
//! construction, whatever the data. Edges to the hub end on the hub's border in the
//! same order as their lanes, and bend in nested columns, so they never cross each
//! other. Edges between two cards of one column run in the channel on its outer side,
//! with nested vertical runs wherever the order of the cards allows; edges between the
//! columns go over the top. The order of groups in a column and of cards in a group is
//! chosen to make those outer edges short and uncrossed.
//!
//! Pure and deterministic: no hash maps, ties broken by input order.

use std::collections::BTreeMap;

use crate::font::Weight;
use crate::scene::{
    baseline, label_box, Accent, Card, Edge, EdgeLabel, EdgeRole, Point, Rect, Region, SizedCard,
    TextRole, TextRun, TypeScale,
};
use orgpath_model::raw::LineStyle;

/// A group of cards, drawn as a region with a heading.
pub struct HubGroup {
    pub id: String,
    pub heading: String,
    pub accent: Accent,
    pub cards: Vec<SizedCard>,
}

/// A directed, labelled edge between two cards (by id).
pub struct HubLink {
    pub from: String,
    pub to: String,
    pub role: EdgeRole,
    pub style: LineStyle,
    pub label: String,
    /// What the edge is (a relation kind's id), passed to [`Edge::kind`].
    pub kind: String,
}

/// The placed result. `edges` and `links` correspond one to one, in input order
/// (links with an unknown end, or from a card to itself, are left out);
/// `labels[i].edge` indexes `edges`.
#[derive(Debug, Clone, PartialEq)]
pub struct HubLayout {
    pub hub: Card,
    pub cards: Vec<Card>,
    pub regions: Vec<Region>,
    pub edges: Vec<Edge>,
    /// For each edge, the index of the link it draws.
    pub links: Vec<usize>,
    pub labels: Vec<EdgeLabel>,
}

const HUB: usize = usize::MAX;
const LEFT: usize = 0;
const RIGHT: usize = 1;

/// Measures, derived from the type scale.
struct Gauge {
    /// Region padding around its cards.
    rp: f32,
    /// Gap between a region's border and the labels beside it.
    label_gap: f32,
    /// Gap between lanes on a card border.
    lane_gap: f32,
    /// Lanes keep this far from a card's corners.
    lane_margin: f32,
    /// Height of a lane without a label.
    bare_lane: f32,
    /// Lane pitch on the hub's border, and its corner margin.
    hub_pitch: f32,
    hub_margin: f32,
    /// Pitch of the vertical runs in a channel.
    run_pitch: f32,
    /// Gap between the label zone and the first vertical run.
    zone_gap: f32,
    /// Length of the straight run at the hub before an edge bends.
    hub_run: f32,
    /// Gap between regions in a column.
    region_gap: f32,
    /// What an edge between the columns costs, against a difference in their heights.
    detour: f32,
    heading_size: f32,
    heading_line: f32,
}

impl Gauge {
    fn new(ts: &TypeScale) -> Gauge {
        Gauge {
            rp: ts.pad,
            label_gap: ts.pad,
            lane_gap: (ts.pad * 0.5).round(),
            lane_margin: (ts.pad * 0.5).round(),
            bare_lane: ts.label,
            hub_pitch: (ts.label * 1.5).round(),
            hub_margin: ts.pad,
            run_pitch: ts.pad,
            zone_gap: ts.pad * 1.5,
            hub_run: ts.pad * 2.0,
            region_gap: ts.sibling_gap * 1.5,
            detour: ts.level_gap * 2.0,
            heading_size: ts.title,
            heading_line: ts.title_line(),
        }
    }

    /// Height of a region's heading band above its first card.
    fn heading_band(&self) -> f32 {
        self.rp * 0.5 + self.heading_line + self.rp * 0.5
    }
}

/// One end of a link on a card's border.
#[derive(Clone)]
struct End {
    link: usize,
    /// On the border facing the hub (true) or the far border.
    inner: bool,
    /// The label's size when this end carries it.
    label: Option<(f32, f32)>,
    /// The lane's centre, once placed.
    y: f32,
}

struct Item {
    card: SizedCard,
    group: usize,
    ends: Vec<End>,
    x: f32,
    y: f32,
}

struct Link {
    a: usize,
    b: usize,
    input: usize,
    label: (f32, f32),
}

impl Link {
    fn touches_hub(&self) -> bool {
        self.a == HUB || self.b == HUB
    }

    /// The card (not the hub) end of a hub link.
    fn card_end(&self) -> usize {
        if self.a == HUB {
            self.b
        } else {
            self.a
        }
    }

    fn other(&self, i: usize) -> usize {
        if self.a == i {
            self.b
        } else {
            self.a
        }
    }
}

/// Places `hub` at the centre and `groups` beside it, and routes and labels `links`.
pub fn layout(
    hub: SizedCard,
    groups: Vec<HubGroup>,
    links: &[HubLink],
    ts: &TypeScale,
) -> HubLayout {
    let g = Gauge::new(ts);
    // Cards and the ids they answer to (the first of a repeated id wins).
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    ids.insert(hub.0.id.clone(), HUB);
    let mut items: Vec<Item> = Vec::new();
    let mut heads: Vec<(String, String, Accent)> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for grp in groups {
        let gi = heads.len();
        let mut list = Vec::new();
        for card in grp.cards {
            if ids.contains_key(&card.0.id) {
                continue;
            }
            ids.insert(card.0.id.clone(), items.len());
            list.push(items.len());
            items.push(Item {
                card,
                group: gi,
                ends: Vec::new(),
                x: 0.0,
                y: 0.0,
            });
        }
        // A heading is one line, cut with "…" past two card titles' width: it sets
        // its column's width, and with it every card's in the column.
        let heading = crate::font::wrap(
            &grp.heading,
            g.heading_size,
            Weight::Bold,
            ts.max_title_width * 2.0,
            1,
        )
        .concat();
        heads.push((grp.id, heading, grp.accent));
        members.push(list);
    }

    // Links between known, distinct cards.
    let mut ls: Vec<Link> = Vec::new();
    for (input, l) in links.iter().enumerate() {
        let (Some(&a), Some(&b)) = (ids.get(&l.from), ids.get(&l.to)) else {
            continue;
        };
        if a == b {
            continue;
        }
        let (r, _) = label_box(&l.label, Point::new(0.0, 0.0), ts);
        ls.push(Link {
            a,
            b,
            input,
            label: (r.w, r.h),
        });
    }

    // Ends: a hub link's label sits at its card end, any other link's at its source.
    for (li, l) in ls.iter().enumerate() {
        if l.touches_hub() {
            items[l.card_end()].ends.push(End {
                link: li,
                inner: true,
                label: Some(l.label),
                y: 0.0,
            });
        } else {
            items[l.a].ends.push(End {
                link: li,
                inner: false,
                label: Some(l.label),
                y: 0.0,
            });
            items[l.b].ends.push(End {
                link: li,
                inner: false,
                label: None,
                y: 0.0,
            });
        }
    }

    // Cards grow to hold their lanes.
    for it in &mut items {
        let need = |inner: bool| {
            let hs: Vec<f32> = it
                .ends
                .iter()
                .filter(|e| e.inner == inner)
                .map(|e| e.label.map_or(g.bare_lane, |l| l.1))
                .collect();
            if hs.is_empty() {
                0.0
            } else {
                hs.iter().sum::<f32>() + g.lane_gap * (hs.len() - 1) as f32 + 2.0 * g.lane_margin
            }
        };
        let h = it.card.0.rect.h.max(need(true)).max(need(false)).ceil();
        it.card.0.rect.h = h;
    }

    // Groups to columns, then their order within each column.
    let region_h: Vec<f32> = members
        .iter()
        .map(|m| {
            g.heading_band()
                + m.iter().map(|&i| items[i].card.height()).sum::<f32>()
                + ts.sibling_gap * m.len().saturating_sub(1) as f32
                + g.rp
        })
        .collect();
    let side = assign_sides(&members, &region_h, &items, &ls, &g);
    let mut columns: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    for (gi, m) in members.iter().enumerate() {
        if !m.is_empty() {
            columns[side[gi]].push(gi);
        }
    }
    for col in &mut columns {
        order_column(col, &mut members, &items, &ls);
    }

    // Column widths: the widest card or heading; every card takes the column's width.
    let m = crate::font::Metrics::get();
    let mut col_w = [0.0f32; 2];
    for (s, col) in columns.iter().enumerate() {
        for &gi in col {
            col_w[s] = col_w[s].max(m.width(&heads[gi].1, g.heading_size, Weight::Bold).ceil());
            for &i in &members[gi] {
                col_w[s] = col_w[s].max(items[i].card.width());
            }
        }
        for &gi in col {
            for &i in &members[gi] {
                items[i].card.0.rect.w = col_w[s];
            }
        }
    }

    // Vertical placement: each column centred on the hub.
    let mut region_top: Vec<f32> = vec![0.0; heads.len()];
    let mut region_bottom: Vec<f32> = vec![0.0; heads.len()];
    for col in &columns {
        let mut y = 0.0;
        for &gi in col {
            region_top[gi] = y;
            let mut cy = y + g.heading_band();
            for (k, &i) in members[gi].iter().enumerate() {
                if k > 0 {
                    cy += ts.sibling_gap;
                }
                items[i].y = cy;
                cy += items[i].card.height();
            }
            region_bottom[gi] = cy + g.rp;
            y = cy + g.rp + g.region_gap;
        }
        let height = (y - g.region_gap).max(0.0);
        let shift = (-height / 2.0).round();
        for &gi in col {
            region_top[gi] += shift;
            region_bottom[gi] += shift;
            for &i in &members[gi] {
                items[i].y += shift;
            }
        }
    }
    let sides: Vec<usize> = items.iter().map(|it| side[it.group]).collect();
    let item_side = |i: usize| sides[i];
    let centre_y = |items: &[Item], i: usize| items[i].y + items[i].card.height() / 2.0;

    // Lanes on card borders. Far-side ends are ordered so that runs to the same
    // neighbour nest: ends going up first, nearest neighbour first.
    let mut cross: Vec<usize> = Vec::new();
    for (li, l) in ls.iter().enumerate() {
        if !l.touches_hub() && item_side(l.a) != item_side(l.b) {
            cross.push(li);
        }
    }
    for i in 0..items.len() {
        let my = centre_y(&items, i);
        let mut inner: Vec<End> = items[i].ends.iter().filter(|e| e.inner).cloned().collect();
        let mut outer: Vec<End> = items[i].ends.iter().filter(|e| !e.inner).cloned().collect();
        inner.sort_by_key(|e| e.link);
        // Rank 0: edges to the other column, which leave upwards and come back down
        // on the far side, ordered like their other ends so the detours nest; rank 1:
        // up the column; rank 2: down.
        let key = |e: &End| {
            let o = ls[e.link].other(i);
            let oy = centre_y(&items, o);
            let rank = if item_side(o) != item_side(i) {
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
    let end_of = |items: &[Item], i: usize, li: usize| -> End {
        items[i]
            .ends
            .iter()
            .find(|e| e.link == li)
            .cloned()
            .expect("every link has an end on its cards")
    };

    // The hub: tall enough for its lanes on each side, text centred.
    let mut hub = hub;
    let mut hub_lanes: [Vec<(f32, usize)>; 2] = [Vec::new(), Vec::new()];
    for (li, l) in ls.iter().enumerate() {
        if l.touches_hub() {
            let c = l.card_end();
            hub_lanes[item_side(c)].push((end_of(&items, c, li).y, li));
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

    // Hub lane heights: as close to the card lane as the order allows, so edges that
    // can run straight do.
    let mut hub_y: BTreeMap<usize, f32> = BTreeMap::new();
    for lanes in &hub_lanes {
        let n = lanes.len();
        let lo = hub_rect.y + g.hub_margin;
        let hi = hub_rect.bottom() - g.hub_margin - g.hub_pitch * n.saturating_sub(1) as f32;
        for (k, &(yc, li)) in lanes.iter().enumerate() {
            let off = g.hub_pitch * k as f32;
            let y = (yc - off).clamp(lo, hi.max(lo)) + off;
            hub_y.insert(li, y);
        }
    }

    // Bends of hub edges: going up, the lower bends farther from the hub; going down,
    // the upper does. Then the runs nest and never cross.
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

    // Label zones' widths: inner (hub edges) and outer (far-side edges) per column.
    let mut inner_zone = [0.0f32; 2];
    let mut outer_zone = [0.0f32; 2];
    for it in &items {
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

    // Far-side vertical runs: nested intervals, longer ones farther out. Edges between
    // the columns run up to the top first.
    let top_sentinel = f32::NEG_INFINITY;
    let mut far_lane: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut far_lanes = [0usize; 2];
    for s in [LEFT, RIGHT] {
        let mut iv: Vec<(f32, f32, usize)> = Vec::new();
        for (li, l) in ls.iter().enumerate() {
            if l.touches_hub() {
                continue;
            }
            let ends: Vec<f32> = [l.a, l.b]
                .iter()
                .filter(|&&i| item_side(i) == s)
                .map(|&i| end_of(&items, i, li).y)
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
            far_lanes[s] = far_lanes[s].max(lane + 1);
        }
    }

    // Horizontal placement, from the hub outwards.
    let inner_width = |s: usize| {
        g.rp + g.label_gap
            + inner_zone[s]
            + g.zone_gap
            + g.run_pitch * bends[s].saturating_sub(1) as f32
            + g.hub_run
    };
    let mut col_x = [0.0f32; 2];
    col_x[LEFT] = (hub_rect.x - inner_width(LEFT) - col_w[LEFT]).floor();
    col_x[RIGHT] = (hub_rect.right() + inner_width(RIGHT)).ceil();
    // Border facing the hub, border facing away, and the outward direction.
    let inner_x = |s: usize| {
        if s == LEFT {
            col_x[s] + col_w[s]
        } else {
            col_x[s]
        }
    };
    let outer_x = |s: usize| {
        if s == LEFT {
            col_x[s]
        } else {
            col_x[s] + col_w[s]
        }
    };
    let out_dir = |s: usize| if s == LEFT { -1.0 } else { 1.0 };
    let far_run_x = |s: usize, k: usize| {
        outer_x(s)
            + out_dir(s)
                * (g.rp + g.label_gap + outer_zone[s] + g.zone_gap + g.run_pitch * k as f32)
    };
    let bend_x = |s: usize, k: usize| {
        let x0 = if s == LEFT {
            hub_rect.x
        } else {
            hub_rect.right()
        };
        x0 + out_dir(s) * (g.hub_run + g.run_pitch * k as f32)
    };
    for it in &mut items {
        it.x = col_x[side[it.group]];
    }

    // Edges between the columns cross above everything, the farthest runs highest.
    let mut content_top = hub_rect.y;
    for (gi, m) in members.iter().enumerate() {
        if !m.is_empty() {
            content_top = content_top.min(region_top[gi]);
        }
    }
    cross.sort_by_key(|&li| {
        (
            std::cmp::Reverse(far_lane.get(&(LEFT, li)).copied().unwrap_or(0)),
            li,
        )
    });
    let mut over_y: BTreeMap<usize, f32> = BTreeMap::new();
    for (k, &li) in cross.iter().enumerate() {
        over_y.insert(
            li,
            content_top - g.zone_gap - g.run_pitch * (cross.len() - 1 - k) as f32,
        );
    }

    // Routes and labels.
    let mut edges = Vec::new();
    let mut edge_links = Vec::new();
    let mut labels = Vec::new();
    for (li, l) in ls.iter().enumerate() {
        let link = &links[l.input];
        let (points, label_at) = if l.touches_hub() {
            let c = l.card_end();
            let s = item_side(c);
            let yc = end_of(&items, c, li).y;
            let yh = hub_y[&li];
            let xc = inner_x(s);
            let xh = if s == LEFT {
                hub_rect.x
            } else {
                hub_rect.right()
            };
            let mut pts = vec![Point::new(xc, yc)];
            if let Some(&k) = bend.get(&li) {
                let xb = bend_x(s, k);
                pts.push(Point::new(xb, yc));
                pts.push(Point::new(xb, yh));
            }
            pts.push(Point::new(xh, yh));
            if l.a == HUB {
                pts.reverse();
            }
            let w = l.label.0;
            let lx = xc - out_dir(s) * (g.rp + g.label_gap + w / 2.0);
            (pts, Point::new(lx, yc))
        } else {
            let (ea, eb) = (end_of(&items, l.a, li), end_of(&items, l.b, li));
            let (sa, sb) = (item_side(l.a), item_side(l.b));
            let (xa, xb) = (outer_x(sa), outer_x(sb));
            let ra = far_run_x(sa, far_lane[&(sa, li)]);
            let rb = far_run_x(sb, far_lane[&(sb, li)]);
            let pts = if sa == sb {
                vec![
                    Point::new(xa, ea.y),
                    Point::new(ra, ea.y),
                    Point::new(ra, eb.y),
                    Point::new(xb, eb.y),
                ]
            } else {
                let yo = over_y[&li];
                vec![
                    Point::new(xa, ea.y),
                    Point::new(ra, ea.y),
                    Point::new(ra, yo),
                    Point::new(rb, yo),
                    Point::new(rb, eb.y),
                    Point::new(xb, eb.y),
                ]
            };
            let w = l.label.0;
            let lx = xa + out_dir(sa) * (g.rp + g.label_gap + w / 2.0);
            (pts, Point::new(lx, ea.y))
        };
        let (rect, texts) = label_box(&link.label, label_at, ts);
        labels.push(EdgeLabel {
            edge: edges.len() as u32,
            rect,
            texts,
        });
        edges.push(Edge {
            dimmed: false,
            from: link.from.clone(),
            to: link.to.clone(),
            role: link.role,
            style: link.style,
            points,
            arrow: true,
            kind: link.kind.clone(),
            label: Some(link.label.clone()),
        });
        edge_links.push(l.input);
    }

    // Regions and cards.
    let mut regions = Vec::new();
    for s in [LEFT, RIGHT] {
        for &gi in &columns[s] {
            let (id, heading, accent) = &heads[gi];
            let rect = Rect {
                x: col_x[s] - g.rp,
                y: region_top[gi],
                w: col_w[s] + 2.0 * g.rp,
                h: region_bottom[gi] - region_top[gi],
            };
            let w = m.width(heading, g.heading_size, Weight::Bold);
            let text = TextRun {
                x: rect.x + g.rp,
                y: rect.y + g.rp * 0.5 + baseline(g.heading_size, g.heading_line),
                text: heading.clone(),
                size: g.heading_size,
                weight: Weight::Bold,
                role: TextRole::Heading,
                width: w,
            };
            regions.push(Region {
                id: id.clone(),
                rect,
                accent: *accent,
                texts: vec![text],
            });
        }
    }
    let hub_card = hub.place(hub_rect.x, hub_rect.y);
    let mut placed: Vec<Option<Card>> = items
        .into_iter()
        .map(|it| Some(it.card.place(it.x, it.y)))
        .collect();
    let mut cards = Vec::new();
    for s in [LEFT, RIGHT] {
        for &gi in &columns[s] {
            cards.extend(members[gi].iter().filter_map(|&i| placed[i].take()));
        }
    }
    HubLayout {
        hub: hub_card,
        cards,
        regions,
        edges,
        links: edge_links,
        labels,
    }
}

/// Puts each group in the left or right column: few edges between the columns (each
/// costs a detour over the top) and columns of similar height.
fn assign_sides(
    members: &[Vec<usize>],
    region_h: &[f32],
    items: &[Item],
    ls: &[Link],
    g: &Gauge,
) -> Vec<usize> {
    let n = members.len();
    let pairs: Vec<(usize, usize)> = ls
        .iter()
        .filter(|l| !l.touches_hub())
        .map(|l| (items[l.a].group, items[l.b].group))
        .filter(|(p, q)| p != q)
        .collect();
    let cost = |side: &[usize]| {
        let crossing = pairs.iter().filter(|(p, q)| side[*p] != side[*q]).count();
        let mut h = [0.0f32; 2];
        for gi in 0..n {
            if !members[gi].is_empty() {
                h[side[gi]] += region_h[gi] + g.region_gap;
            }
        }
        crossing as f32 * g.detour + (h[0] - h[1]).abs()
    };
    let better = |a: f32, b: f32| a < b - 0.5;
    if n <= 14 {
        let mut best: Option<(Vec<usize>, f32)> = None;
        for mask in 0u32..(1u32 << n) {
            let side: Vec<usize> = (0..n).map(|gi| ((mask >> gi) & 1) as usize).collect();
            let c = cost(&side);
            if best.as_ref().is_none_or(|(_, b)| better(c, *b)) {
                best = Some((side, c));
            }
        }
        // The loop runs at least once (mask 0), so there is always a best split.
        return best.map(|(s, _)| s).expect("at least one split was tried");
    }
    // Many groups: tallest first onto the shorter column, then improve by moving one
    // group at a time.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&p, &q| region_h[q].total_cmp(&region_h[p]).then(p.cmp(&q)));
    let mut side = vec![0usize; n];
    let mut h = [0.0f32; 2];
    for gi in order {
        let s = if h[1] < h[0] { 1 } else { 0 };
        side[gi] = s;
        h[s] += region_h[gi];
    }
    let mut best = cost(&side);
    for _ in 0..8 {
        let mut improved = false;
        for gi in 0..n {
            side[gi] ^= 1;
            let c = cost(&side);
            if better(c, best) {
                best = c;
                improved = true;
            } else {
                side[gi] ^= 1;
            }
        }
        if !improved {
            break;
        }
    }
    side
}

/// Orders the groups of one column and the cards of each group so that far-side
/// edges within the column nest (do not cross) and are short: a hill climb over
/// swaps of neighbours, in a fixed order.
fn order_column(col: &mut [usize], members: &mut [Vec<usize>], items: &[Item], ls: &[Link]) {
    let in_col = |i: usize| col.contains(&items[i].group);
    let relevant: Vec<&Link> = ls
        .iter()
        .filter(|l| !l.touches_hub() && (in_col(l.a) || in_col(l.b)))
        .collect();
    if relevant.is_empty() {
        return;
    }
    let cost = |col: &[usize], members: &[Vec<usize>]| -> u64 {
        let mut pos: BTreeMap<usize, i64> = BTreeMap::new();
        let mut p = 0;
        for &gi in col {
            for &i in &members[gi] {
                pos.insert(i, p);
                p += 1;
            }
        }
        let iv: Vec<(i64, i64)> = relevant
            .iter()
            .map(|l| match (pos.get(&l.a), pos.get(&l.b)) {
                (Some(&x), Some(&y)) => (x.min(y), x.max(y)),
                (Some(&x), None) | (None, Some(&x)) => (-1, x),
                (None, None) => (0, 0),
            })
            .collect();
        let mut crossings = 0u64;
        for (k, &(p1, q1)) in iv.iter().enumerate() {
            for &(p2, q2) in &iv[k + 1..] {
                if (p1 < p2 && p2 < q1 && q1 < q2) || (p2 < p1 && p1 < q2 && q2 < q1) {
                    crossings += 1;
                }
            }
        }
        let length: i64 = iv.iter().map(|(p, q)| q - p).sum();
        crossings * 100_000 + length as u64
    };
    let mut best = cost(col, members);
    // A fixed amount of work, so big maps stay fast (and the result deterministic).
    let cards: usize = col.iter().map(|&gi| members[gi].len()).sum();
    let mut evaluations = 20_000_000 / (relevant.len() * relevant.len() + cards + 1);
    for _ in 0..64 {
        if evaluations == 0 {
            break;
        }
        let mut improved = false;
        for r in 0..col.len().saturating_sub(1) {
            if evaluations == 0 {
                break;
            }
            evaluations -= 1;
            col.swap(r, r + 1);
            let c = cost(col, members);
            if c < best {
                best = c;
                improved = true;
            } else {
                col.swap(r, r + 1);
            }
        }
        for ci in 0..col.len() {
            let gi = col[ci];
            for k in 0..members[gi].len().saturating_sub(1) {
                if evaluations == 0 {
                    break;
                }
                evaluations -= 1;
                members[gi].swap(k, k + 1);
                let c = cost(col, members);
                if c < best {
                    best = c;
                    improved = true;
                } else {
                    members[gi].swap(k, k + 1);
                }
            }
        }
        if !improved {
            break;
        }
    }
}
