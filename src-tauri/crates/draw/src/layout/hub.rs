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

mod lanes;
mod measure;
mod order;
mod route;

use crate::scene::{Accent, Card, Edge, EdgeLabel, EdgeRole, Region, SizedCard, TypeScale};
use orgpath_model::raw::LineStyle;

use lanes::{far_lanes, fit_hub, label_zones, place_lanes, route_hub};
use measure::measure;
use order::arrange;
use route::{over_the_top, regions, route, Across, Routing};

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
/// The phases, one submodule each: `measure` the cards and links; `order` the groups
/// in columns and place them down the page (`arrange`); place the `lanes` on card
/// borders (`place_lanes`) and on the hub (`fit_hub`, `route_hub`) and the channels'
/// runs (`label_zones`, `far_lanes`); then `route`: the channels' x (`Across`,
/// `over_the_top`), the edges with their labels (`route`) and the `regions`.
pub fn layout(
    mut hub: SizedCard,
    groups: Vec<HubGroup>,
    links: &[HubLink],
    ts: &TypeScale,
) -> HubLayout {
    let g = Gauge::new(ts);
    let mut net = measure(&hub.0.id, groups, links, ts, &g);
    let cols = arrange(&mut net, ts, &g);
    place_lanes(&mut net.items, &net.ls, &cols.item_side, &g);
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
