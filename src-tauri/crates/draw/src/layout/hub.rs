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
///
/// The phases: `measure` the cards and links, `arrange` the groups in columns,
/// place the lanes on card borders (`place_lanes`) and on the hub (`fit_hub`,
/// `route_hub`), size the channels (`label_zones`, `far_lanes`, `Across`,
/// `over_the_top`), then `route` and label the edges and draw the `regions`.
pub fn layout(
    hub: SizedCard,
    groups: Vec<HubGroup>,
    links: &[HubLink],
    ts: &TypeScale,
) -> HubLayout {
    let g = Gauge::new(ts);
    let mut net = measure(&hub.0.id, groups, links, ts, &g);
    let cols = arrange(&mut net, ts, &g);
    place_lanes(&mut net.items, &net.ls, &cols.item_side, &g);
    let mut hub = hub;
    let (hub_lanes, hub_rect) = fit_hub(&mut hub, &net, &cols.item_side, &g);
    let hub_runs = route_hub(&hub_lanes, &hub_rect, &g);
    let zones = label_zones(&net.items, &cols.side);
    let far_lane = far_lanes(&net, &cols.item_side, &g);
    let across = Across::new(&g, &hub_rect, cols.w, &zones, hub_runs.bends);
    for it in &mut net.items {
        it.x = across.col_x[cols.side[it.group]];
    }
    let over_y = over_the_top(&net, &cols, &hub_rect, &far_lane, &g);
    let routing = Routing {
        items: &net.items,
        item_side: &cols.item_side,
        across: &across,
        hub_runs: &hub_runs,
        far_lane: &far_lane,
        over_y: &over_y,
    };
    let (edges, edge_links, labels) = route(&net.ls, links, &routing, ts);
    let regions = regions(&net.heads, &cols, &across, &g);

    let hub_card = hub.place(hub_rect.x, hub_rect.y);
    let mut placed: Vec<Option<Card>> = net
        .items
        .into_iter()
        .map(|it| Some(it.card.place(it.x, it.y)))
        .collect();
    let mut cards = Vec::new();
    for s in [LEFT, RIGHT] {
        for &gi in &cols.groups[s] {
            cards.extend(net.members[gi].iter().filter_map(|&i| placed[i].take()));
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

/// The cards, their groups and the links between them, measured.
struct Net {
    items: Vec<Item>,
    /// Each group's id, heading (cut to one line) and accent.
    heads: Vec<(String, String, Accent)>,
    /// Each group's cards (indices into `items`), in order.
    members: Vec<Vec<usize>>,
    ls: Vec<Link>,
}

/// The height of the centre of card `i`.
fn centre_y(items: &[Item], i: usize) -> f32 {
    items[i].y + items[i].card.height() / 2.0
}

/// The lane height of link `li`'s end on card `i`.
fn end_y(items: &[Item], i: usize, li: usize) -> f32 {
    items[i]
        .ends
        .iter()
        .find(|e| e.link == li)
        .expect("every link has an end on its cards")
        .y
}

/// Measure: takes the hub's id, the groups and the links; gives the cards (the first
/// of a repeated id wins, the hub's included), each group's heading and members, the
/// links between known, distinct cards, and each card's link ends, with every card
/// grown tall enough for its lanes. Nothing is placed yet.
fn measure(
    hub_id: &str,
    groups: Vec<HubGroup>,
    links: &[HubLink],
    ts: &TypeScale,
    g: &Gauge,
) -> Net {
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    ids.insert(hub_id.to_owned(), HUB);
    let mut net = Net {
        items: Vec::new(),
        heads: Vec::new(),
        members: Vec::new(),
        ls: Vec::new(),
    };
    for grp in groups {
        let gi = net.heads.len();
        let mut list = Vec::new();
        for card in grp.cards {
            if ids.contains_key(&card.0.id) {
                continue;
            }
            ids.insert(card.0.id.clone(), net.items.len());
            list.push(net.items.len());
            net.items.push(Item {
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
        net.heads.push((grp.id, heading, grp.accent));
        net.members.push(list);
    }
    net.ls = connect(&ids, links, ts);
    add_ends(&mut net.items, &net.ls);
    grow_cards(&mut net.items, g);
    net
}

/// Takes the ids cards answer to and the input links; gives the links between known,
/// distinct cards, with their labels' sizes.
fn connect(ids: &BTreeMap<String, usize>, links: &[HubLink], ts: &TypeScale) -> Vec<Link> {
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
    ls
}

/// Gives each card an end per link it takes part in. A hub link's label sits at its
/// card end, any other link's at its source.
fn add_ends(items: &mut [Item], ls: &[Link]) {
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
}

/// Grows each card to hold the lanes of its ends on either border.
fn grow_cards(items: &mut [Item], g: &Gauge) {
    for it in items {
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
}

/// The two columns: which groups, in what order, how wide, and where each region is.
struct Columns {
    /// Each group's column.
    side: Vec<usize>,
    /// Each card's column.
    item_side: Vec<usize>,
    /// Each column's non-empty groups, top to bottom.
    groups: [Vec<usize>; 2],
    /// Each column's width, which every card in it takes.
    w: [f32; 2],
    /// Each group's region top and bottom.
    top: Vec<f32>,
    bottom: Vec<f32>,
}

/// Order and place down the page: takes the measured net; gives the columns, with the
/// groups and cards in `net` ordered ([`order`]), widened ([`fit_columns`]) and placed
/// down the page ([`stack_columns`]).
fn arrange(net: &mut Net, ts: &TypeScale, g: &Gauge) -> Columns {
    let (side, groups) = order(net, ts, g);
    let w = fit_columns(net, &groups, g);
    let (top, bottom) = stack_columns(net, &groups, ts, g);
    let item_side = net.items.iter().map(|it| side[it.group]).collect();
    Columns {
        side,
        item_side,
        groups,
        w,
        top,
        bottom,
    }
}

/// Order: takes the measured net; gives each group's column ([`assign_sides`]) and
/// each column's non-empty groups, after ordering them and each group's cards in
/// `net.members` ([`order_column`]).
fn order(net: &mut Net, ts: &TypeScale, g: &Gauge) -> (Vec<usize>, [Vec<usize>; 2]) {
    let region_h: Vec<f32> = net
        .members
        .iter()
        .map(|m| {
            g.heading_band()
                + m.iter().map(|&i| net.items[i].card.height()).sum::<f32>()
                + ts.sibling_gap * m.len().saturating_sub(1) as f32
                + g.rp
        })
        .collect();
    let side = assign_sides(&net.members, &region_h, &net.items, &net.ls, g);
    let mut columns: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    for (gi, m) in net.members.iter().enumerate() {
        if !m.is_empty() {
            columns[side[gi]].push(gi);
        }
    }
    for col in &mut columns {
        order_column(col, &mut net.members, &net.items, &net.ls);
    }
    (side, columns)
}

/// Takes the columns' groups; gives each column's width, its widest card or heading,
/// and sets every card in the column to it.
fn fit_columns(net: &mut Net, columns: &[Vec<usize>; 2], g: &Gauge) -> [f32; 2] {
    let m = crate::font::Metrics::get();
    let mut col_w = [0.0f32; 2];
    for (s, col) in columns.iter().enumerate() {
        for &gi in col {
            col_w[s] = col_w[s].max(
                m.width(&net.heads[gi].1, g.heading_size, Weight::Bold)
                    .ceil(),
            );
            for &i in &net.members[gi] {
                col_w[s] = col_w[s].max(net.items[i].card.width());
            }
        }
        for &gi in col {
            for &i in &net.members[gi] {
                net.items[i].card.0.rect.w = col_w[s];
            }
        }
    }
    col_w
}

/// Vertical placement: takes the ordered columns; sets each card's y, each column
/// centred on the hub (y = 0), and gives each group's region top and bottom.
fn stack_columns(
    net: &mut Net,
    columns: &[Vec<usize>; 2],
    ts: &TypeScale,
    g: &Gauge,
) -> (Vec<f32>, Vec<f32>) {
    let mut region_top: Vec<f32> = vec![0.0; net.heads.len()];
    let mut region_bottom: Vec<f32> = vec![0.0; net.heads.len()];
    for col in columns {
        let mut y = 0.0;
        for &gi in col {
            region_top[gi] = y;
            let mut cy = y + g.heading_band();
            for (k, &i) in net.members[gi].iter().enumerate() {
                if k > 0 {
                    cy += ts.sibling_gap;
                }
                net.items[i].y = cy;
                cy += net.items[i].card.height();
            }
            region_bottom[gi] = cy + g.rp;
            y = cy + g.rp + g.region_gap;
        }
        let height = (y - g.region_gap).max(0.0);
        let shift = (-height / 2.0).round();
        for &gi in col {
            region_top[gi] += shift;
            region_bottom[gi] += shift;
            for &i in &net.members[gi] {
                net.items[i].y += shift;
            }
        }
    }
    (region_top, region_bottom)
}

/// Lanes on card borders: takes the placed cards, the links and each card's column;
/// sets every end's `y`, inner ends first then far-side ends, each list centred on
/// its card. Far-side ends are ordered so that runs to the same neighbour nest: ends
/// going up first, nearest neighbour first.
fn place_lanes(items: &mut [Item], ls: &[Link], item_side: &[usize], g: &Gauge) {
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
fn fit_hub(
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
struct HubRuns {
    /// Each hub link's lane height on the hub's border.
    y: BTreeMap<usize, f32>,
    /// Each bending hub link's vertical run, counted out from the hub.
    bend: BTreeMap<usize, usize>,
    /// How many vertical runs each side's channel holds.
    bends: [usize; 2],
}

/// Takes the card lane heights of the hub links per side ([`fit_hub`]) and the hub;
/// gives their lanes on the hub, as close to the card lane as the order allows so
/// edges that can run straight do, and the vertical runs of those that cannot.
fn route_hub(hub_lanes: &[Vec<(f32, usize)>; 2], hub_rect: &Rect, g: &Gauge) -> HubRuns {
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
struct Zones {
    inner: [f32; 2],
    outer: [f32; 2],
}

/// Takes the cards with their ends and each group's column; gives each column's label
/// zones, as wide as their widest label.
fn label_zones(items: &[Item], side: &[usize]) -> Zones {
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
fn far_lanes(net: &Net, item_side: &[usize], g: &Gauge) -> BTreeMap<(usize, usize), usize> {
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

/// Which way is outwards from the hub in column `s`.
fn out_dir(s: usize) -> f32 {
    if s == LEFT {
        -1.0
    } else {
        1.0
    }
}

/// Horizontal placement, from the hub outwards: the columns' x and the x of every
/// vertical run in the channels.
struct Across<'a> {
    g: &'a Gauge,
    hub: &'a Rect,
    col_x: [f32; 2],
    col_w: [f32; 2],
    outer_zone: [f32; 2],
}

impl<'a> Across<'a> {
    /// Takes the hub, the columns' widths, the label zones and each side's number of
    /// hub-edge runs; gives the columns' x, each past its inner channel.
    fn new(g: &'a Gauge, hub: &'a Rect, col_w: [f32; 2], zones: &Zones, bends: [usize; 2]) -> Self {
        let inner_width = |s: usize| {
            g.rp + g.label_gap
                + zones.inner[s]
                + g.zone_gap
                + g.run_pitch * bends[s].saturating_sub(1) as f32
                + g.hub_run
        };
        let mut col_x = [0.0f32; 2];
        col_x[LEFT] = (hub.x - inner_width(LEFT) - col_w[LEFT]).floor();
        col_x[RIGHT] = (hub.right() + inner_width(RIGHT)).ceil();
        Across {
            g,
            hub,
            col_x,
            col_w,
            outer_zone: zones.outer,
        }
    }

    /// The border of column `s`'s cards facing the hub.
    fn inner_x(&self, s: usize) -> f32 {
        if s == LEFT {
            self.col_x[s] + self.col_w[s]
        } else {
            self.col_x[s]
        }
    }

    /// The border of column `s`'s cards facing away from the hub.
    fn outer_x(&self, s: usize) -> f32 {
        if s == LEFT {
            self.col_x[s]
        } else {
            self.col_x[s] + self.col_w[s]
        }
    }

    /// The hub's border facing column `s`.
    fn hub_x(&self, s: usize) -> f32 {
        if s == LEFT {
            self.hub.x
        } else {
            self.hub.right()
        }
    }

    /// The x of run `k` in column `s`'s outer channel.
    fn far_run_x(&self, s: usize, k: usize) -> f32 {
        let g = self.g;
        self.outer_x(s)
            + out_dir(s)
                * (g.rp + g.label_gap + self.outer_zone[s] + g.zone_gap + g.run_pitch * k as f32)
    }

    /// The x of hub-edge run `k` on side `s`.
    fn bend_x(&self, s: usize, k: usize) -> f32 {
        self.hub_x(s) + out_dir(s) * (self.g.hub_run + self.g.run_pitch * k as f32)
    }
}

/// Takes the placed columns and far-side runs; gives the height at which each edge
/// between the columns crosses over, above everything, the farthest runs highest.
fn over_the_top(
    net: &Net,
    cols: &Columns,
    hub_rect: &Rect,
    far_lane: &BTreeMap<(usize, usize), usize>,
    g: &Gauge,
) -> BTreeMap<usize, f32> {
    let mut cross: Vec<usize> = Vec::new();
    for (li, l) in net.ls.iter().enumerate() {
        if !l.touches_hub() && cols.item_side[l.a] != cols.item_side[l.b] {
            cross.push(li);
        }
    }
    let mut content_top = hub_rect.y;
    for (gi, m) in net.members.iter().enumerate() {
        if !m.is_empty() {
            content_top = content_top.min(cols.top[gi]);
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
    over_y
}

/// Everything the routes are made of, from the earlier phases.
struct Routing<'a> {
    items: &'a [Item],
    item_side: &'a [usize],
    across: &'a Across<'a>,
    hub_runs: &'a HubRuns,
    far_lane: &'a BTreeMap<(usize, usize), usize>,
    over_y: &'a BTreeMap<usize, f32>,
}

impl Routing<'_> {
    /// A hub edge's points, source first, and its label's centre: on the card end's
    /// straight run, in the inner label zone.
    fn hub_edge(&self, li: usize, l: &Link) -> (Vec<Point>, Point) {
        let (a, g) = (self.across, self.across.g);
        let c = l.card_end();
        let s = self.item_side[c];
        let yc = end_y(self.items, c, li);
        let yh = self.hub_runs.y[&li];
        let xc = a.inner_x(s);
        let xh = a.hub_x(s);
        let mut pts = vec![Point::new(xc, yc)];
        if let Some(&k) = self.hub_runs.bend.get(&li) {
            let xb = a.bend_x(s, k);
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
    }

    /// A far-side edge's points, source first, through the outer channel (and over
    /// the top to the other column), and its label's centre, in the source's outer
    /// label zone.
    fn far_edge(&self, li: usize, l: &Link) -> (Vec<Point>, Point) {
        let (a, g) = (self.across, self.across.g);
        let (ya, yb) = (end_y(self.items, l.a, li), end_y(self.items, l.b, li));
        let (sa, sb) = (self.item_side[l.a], self.item_side[l.b]);
        let (xa, xb) = (a.outer_x(sa), a.outer_x(sb));
        let ra = a.far_run_x(sa, self.far_lane[&(sa, li)]);
        let rb = a.far_run_x(sb, self.far_lane[&(sb, li)]);
        let pts = if sa == sb {
            vec![
                Point::new(xa, ya),
                Point::new(ra, ya),
                Point::new(ra, yb),
                Point::new(xb, yb),
            ]
        } else {
            let yo = self.over_y[&li];
            vec![
                Point::new(xa, ya),
                Point::new(ra, ya),
                Point::new(ra, yo),
                Point::new(rb, yo),
                Point::new(rb, yb),
                Point::new(xb, yb),
            ]
        };
        let w = l.label.0;
        let lx = xa + out_dir(sa) * (g.rp + g.label_gap + w / 2.0);
        (pts, Point::new(lx, ya))
    }
}

/// Route and label: takes the links and the routing; gives the edges, for each the
/// index of the input link it draws, and the labels.
fn route(
    ls: &[Link],
    links: &[HubLink],
    routing: &Routing,
    ts: &TypeScale,
) -> (Vec<Edge>, Vec<usize>, Vec<EdgeLabel>) {
    let mut edges = Vec::new();
    let mut edge_links = Vec::new();
    let mut labels = Vec::new();
    for (li, l) in ls.iter().enumerate() {
        let link = &links[l.input];
        let (points, label_at) = if l.touches_hub() {
            routing.hub_edge(li, l)
        } else {
            routing.far_edge(li, l)
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
    (edges, edge_links, labels)
}

/// Takes the groups' headings and the placed columns; gives each group's region with
/// its heading, left column first, top to bottom.
fn regions(
    heads: &[(String, String, Accent)],
    cols: &Columns,
    across: &Across,
    g: &Gauge,
) -> Vec<Region> {
    let m = crate::font::Metrics::get();
    let mut regions = Vec::new();
    for s in [LEFT, RIGHT] {
        for &gi in &cols.groups[s] {
            let (id, heading, accent) = &heads[gi];
            let rect = Rect {
                x: across.col_x[s] - g.rp,
                y: cols.top[gi],
                w: cols.w[s] + 2.0 * g.rp,
                h: cols.bottom[gi] - cols.top[gi],
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
    regions
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
