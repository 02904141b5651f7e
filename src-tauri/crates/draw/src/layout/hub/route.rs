//! Route and label: the channels' x, the edges' points and labels, and the regions.

use std::collections::BTreeMap;

use super::lanes::{HubRuns, Zones};
use super::{end_y, Columns, Gauge, HubLink, Item, Link, Net, HUB, LEFT, RIGHT};
use crate::font::Weight;
use crate::scene::{
    baseline, label_box, Accent, Edge, EdgeLabel, Point, Rect, Region, TextRole, TextRun, TypeScale,
};

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
pub(super) struct Across<'a> {
    g: &'a Gauge,
    hub: &'a Rect,
    pub(super) col_x: [f32; 2],
    col_w: [f32; 2],
    outer_zone: [f32; 2],
}

impl<'a> Across<'a> {
    /// Takes the hub, the columns' widths, the label zones and each side's number of
    /// hub-edge runs; gives the columns' x, each past its inner channel.
    pub(super) fn new(
        g: &'a Gauge,
        hub: &'a Rect,
        col_w: [f32; 2],
        zones: &Zones,
        bends: [usize; 2],
    ) -> Self {
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
pub(super) fn over_the_top(
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
pub(super) struct Routing<'a> {
    pub(super) items: &'a [Item],
    pub(super) item_side: &'a [usize],
    pub(super) across: &'a Across<'a>,
    pub(super) hub_runs: &'a HubRuns,
    pub(super) far_lane: &'a BTreeMap<(usize, usize), usize>,
    pub(super) over_y: &'a BTreeMap<usize, f32>,
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
pub(super) fn route(
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
pub(super) fn regions(
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
