//! Layered layout in rows and lanes, with edges routed through card-free channels.
//!
//! Cards sit in rows (horizontal bands). The first `full_rows` rows are centred across
//! the whole diagram; the rows after them are split into lanes (vertical strips side by
//! side, each optionally drawn as a headed region). Inside a row, each card owns a
//! slot wide enough for the card and for the labels of the edges that enter it.
//!
//! Routing: between two rows runs a channel, a band that holds no card and no label,
//! where edges travel sideways, each source on its own track. An edge leaves its
//! source from the middle of the bottom side and takes the channel below the source's
//! row. If the target is in the next row it drops straight in; otherwise the edge
//! travels to a corridor, a vertical strip that holds no card (outside everything, or
//! the gap between two lanes), along it to the channel above the target's row, and
//! into the target. Every edge enters its target from the top, through the strip just
//! above the target's row where its label sits, inside the target's slot.
//!
//! Channels, corridors, slots and label strips are disjoint from the other rows' cards
//! and from each other, so no edge crosses a card and no label covers a card or
//! another label, whatever the graph (cycles, skips and backward moves included).
//!
//! A link may ask to run along a [`Side`] instead: it leaves its source's left (or
//! right) side, runs down the corridor beside the lane on its own side track, and
//! enters its target's same side; its label sits above the target, between the line
//! and the target's middle. Side tracks hug the lane, shorter spans inside longer
//! ones, so side links of one side cross neither each other nor a card as long as
//! no two of them interleave (a caller that wants no crossings puts interleaving ones
//! on opposite sides). A link whose cards are not both at that edge of their cells in
//! one lane is routed through the channels as usual.
//!
//! Pure and deterministic; iterative, no recursion.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

mod measure;
mod place;
mod route;
mod tracks;

use crate::scene::{
    Accent, Card, Edge, EdgeLabel, EdgeRole, Point, Rect, Region, SizedCard, TypeScale,
};
use orgpath_model::raw::LineStyle;

use measure::{measure_slots, Headings};
use place::{place_x, stack_rows, Across};
use route::{edges, lane_regions, place_labels, port_xs, routes, Drawn};
use tracks::{channel_tracks, corridors, ports};

/// A column of the laned rows.
pub struct Lane {
    /// Drawn as a headed background region; `None` for an invisible column.
    pub region: Option<LaneRegion>,
}

pub struct LaneRegion {
    pub id: String,
    pub accent: Accent,
    pub heading: String,
}

/// A card and where it goes: its row, and its lane when the row is laned (ignored in
/// full rows). Cards of one row and lane sit side by side in input order.
pub struct Item {
    pub card: SizedCard,
    pub row: usize,
    pub lane: usize,
}

/// An edge between two items (indices into `Layered::items`).
pub struct Link {
    pub from: usize,
    pub to: usize,
    pub role: EdgeRole,
    pub style: LineStyle,
    pub label: Option<LinkLabel>,
    /// What the edge is (e.g. a transition kind), passed to [`Edge::kind`].
    pub kind: String,
    /// Run along this side of the cards (see the module documentation); `None`
    /// through the channels.
    pub side: Option<Side>,
}

/// A side of the cards a link runs along.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// An edge's label: the text, and an optional second part (e.g. what a move builds)
/// set on its own line.
pub struct LinkLabel {
    pub text: String,
    pub note: Option<String>,
}

pub struct Layered {
    pub full_rows: usize,
    pub lanes: Vec<Lane>,
    pub items: Vec<Item>,
    pub links: Vec<Link>,
}

/// The placed diagram. `cards` are in item order; `edges` in link order (links from
/// an item to itself or to a missing item are dropped); `labels` index `edges`.
pub struct Placed {
    pub cards: Vec<Card>,
    pub edges: Vec<Edge>,
    pub labels: Vec<EdgeLabel>,
    pub regions: Vec<Region>,
    /// Everything above, corridors included.
    pub bounds: Rect,
}

/// Longest-path layers of a directed graph on `0..n`, for reading order: a node sits
/// one layer below its lowest predecessor. Cycles are broken deterministically: nodes
/// are ordered by Kahn's algorithm taking the smallest free index first, and when
/// only cycles remain, the smallest remaining index; edges against that order are
/// ignored.
pub fn layers(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for &(a, b) in edges {
        if a < n && b < n && a != b {
            out[a].push(b);
            indegree[b] += 1;
        }
    }
    let mut rank = vec![usize::MAX; n];
    let mut order = Vec::with_capacity(n);
    let mut free: BinaryHeap<Reverse<usize>> =
        (0..n).filter(|&v| indegree[v] == 0).map(Reverse).collect();
    let mut lowest_unplaced = 0;
    while order.len() < n {
        let v = match free.pop() {
            Some(Reverse(v)) => v,
            None => {
                while rank[lowest_unplaced] != usize::MAX {
                    lowest_unplaced += 1;
                }
                lowest_unplaced
            }
        };
        if rank[v] != usize::MAX {
            continue;
        }
        rank[v] = order.len();
        order.push(v);
        for &w in &out[v] {
            if rank[w] == usize::MAX {
                indegree[w] -= 1;
                if indegree[w] == 0 {
                    free.push(Reverse(w));
                }
            }
        }
    }
    let mut layer = vec![0usize; n];
    for &v in &order {
        for &w in &out[v] {
            if rank[w] > rank[v] {
                layer[w] = layer[w].max(layer[v] + 1);
            }
        }
    }
    layer
}

/// Rows from layers: the nodes of one layer and lane share a row, at most `per_row`
/// of them (in index order); a fuller layer takes as many rows as its fullest lane
/// needs. Returns each node's row and the number of rows.
pub fn rows_from_layers(layer: &[usize], lane: &[usize], per_row: usize) -> (Vec<usize>, usize) {
    let per_row = per_row.max(1);
    let layer_count = layer.iter().map(|&l| l + 1).max().unwrap_or(0);
    let lane_count = lane.iter().map(|&l| l + 1).max().unwrap_or(0);
    // Position of each node within its (layer, lane) group.
    let mut filled = vec![0usize; layer_count * lane_count];
    let mut pos = vec![0usize; layer.len()];
    for i in 0..layer.len() {
        let g = layer[i] * lane_count + lane[i];
        pos[i] = filled[g];
        filled[g] += 1;
    }
    let mut start = vec![0usize; layer_count + 1];
    for l in 0..layer_count {
        let need = (0..lane_count)
            .map(|k| filled[l * lane_count + k].div_ceil(per_row))
            .max()
            .unwrap_or(0)
            .max(1);
        start[l + 1] = start[l] + need;
    }
    let rows = (0..layer.len())
        .map(|i| start[layer[i]] + pos[i] / per_row)
        .collect();
    (rows, start[layer_count])
}

/// Measures and spaces everything; see the module documentation.
///
/// The phases, before the cards are placed: the cells of the rows and lanes (`Grid`);
/// the `tracks`: corridors, entry ports and channel tracks (`corridors`, `ports`,
/// `channel_tracks`); `measure` the labels, the slots and the headings
/// (`measure_slots`, `Headings`); `place` the lanes across (`Across`), the cards' x
/// (`place_x`) and the rows down (`stack_rows`). Then `route`: the ports' x
/// (`port_xs`), the routes (`routes`), the labels (`place_labels`), the edges
/// (`edges`), the lane regions (`lane_regions`) and the bounds.
pub fn layout(input: Layered, ts: &TypeScale) -> Placed {
    let Layered {
        full_rows,
        lanes,
        items,
        links,
    } = input;
    let n = items.len();
    let gaps = Gaps::new(ts);
    let grid = Grid::new(&items, full_rows, lanes.len());
    // Links worth drawing.
    let links: Vec<Link> = links
        .into_iter()
        .filter(|l| l.from < n && l.to < n && l.from != l.to)
        .collect();
    let cx = Ctx {
        items: &items,
        links: &links,
        grid: &grid,
        gaps: &gaps,
        ts,
    };
    let corridors = corridors(cx);
    let ports = ports(cx, &corridors);
    let slots = measure_slots(cx, &ports, &corridors);
    let channels = channel_tracks(cx, &corridors, &ports);
    let heads = Headings::new(&lanes, &grid, ts);
    let across = Across::new(cx, &ports, &slots, &heads, &corridors);
    let (card_x, slot_x) = place_x(cx, &slots, &across);
    let down = stack_rows(cx, &ports, &slots, &channels, &heads);

    let rows: Vec<usize> = items.iter().map(|it| it.row).collect();
    let cards: Vec<Card> = items
        .into_iter()
        .enumerate()
        .map(|(i, it)| it.card.place(card_x[i], down.row_top[it.row]))
        .collect();
    let drawn = Drawn {
        cards: &cards,
        links: &links,
        rows: &rows,
        corridors: &corridors,
    };
    let heading_row = heads.drawn.then_some(full_rows);
    let port_x = port_xs(&drawn, &ports, heading_row, ts.pad);
    let routes = routes(&drawn, &channels, &down, &across, (&port_x, &ports.side_at));
    let labels = place_labels(
        &drawn,
        &ports,
        slots,
        &slot_x,
        &port_x,
        &routes,
        gaps.label_gap,
    );
    let edges = edges(&cards, &links, routes);
    let regions = if heads.drawn {
        lane_regions(&lanes, &heads, &across, &down, ts)
    } else {
        Vec::new()
    };
    let bounds = across.bounds(down.bottom);
    Placed {
        cards,
        edges,
        labels,
        regions,
        bounds,
    }
}

/// The gaps, derived from the type scale.
#[derive(Clone, Copy)]
struct Gaps {
    /// Pitch of the tracks in channels and corridors.
    track: f32,
    /// Pitch of the side tracks: wider, so that lines running side by side for
    /// several rows are told apart at a glance.
    side: f32,
    /// Between the slots of a cell.
    slot_gap: f32,
    /// Inside a lane, around its content.
    lane_pad: f32,
    /// The narrowest corridor between two lanes.
    lane_gap: f32,
    /// Between stacked labels, and between a label and its target.
    label_gap: f32,
    /// The strip above a row that takes edges but no labels.
    stub: f32,
    /// The least gap between a row's cards and the next row's.
    row_gap: f32,
    /// Between the content and an outer corridor's first track.
    outer: f32,
}

impl Gaps {
    fn new(ts: &TypeScale) -> Gaps {
        Gaps {
            track: (ts.sibling_gap * 0.75).round(),
            side: (ts.sibling_gap * 1.5).round(),
            slot_gap: (ts.sibling_gap * 1.5).round(),
            lane_pad: (ts.pad * 1.5).round(),
            lane_gap: ts.sibling_gap * 2.0,
            label_gap: (ts.pad * 0.5).round(),
            stub: ts.sibling_gap * 1.25,
            row_gap: ts.level_gap * 0.5,
            outer: ts.sibling_gap * 1.5,
        }
    }
}

/// The rows and lanes, and the cell every item is in.
struct Grid {
    full_rows: usize,
    lane_count: usize,
    row_count: usize,
    /// Row by lane (one cell per full row), items in input order.
    cells: Vec<Vec<Vec<usize>>>,
    /// Each item's x in lane widths, for choosing corridors and ordering ports.
    logical_x: Vec<f32>,
}

impl Grid {
    /// Takes the items and the numbers of full rows and of lanes; gives the cells and
    /// the items' logical x.
    fn new(items: &[Item], full_rows: usize, lane_count: usize) -> Grid {
        let n = items.len();
        let row_count = items.iter().map(|it| it.row + 1).max().unwrap_or(0);
        let laned = |row: usize| row >= full_rows && lane_count > 0;
        let cell_count = lane_count.max(1);
        let cell_of = |it: &Item| {
            if laned(it.row) {
                it.lane.min(lane_count - 1)
            } else {
                0
            }
        };
        let mut cells: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); cell_count]; row_count];
        let mut pos = vec![0usize; n];
        for (i, it) in items.iter().enumerate() {
            let cell = &mut cells[it.row][cell_of(it)];
            pos[i] = cell.len();
            cell.push(i);
        }
        let logical_x = (0..n)
            .map(|i| {
                let it = &items[i];
                let c = cell_of(it);
                let k = cells[it.row][c].len() as f32;
                let frac = (pos[i] as f32 + 0.5) / k;
                if laned(it.row) {
                    c as f32 + frac
                } else {
                    lane_count as f32 / 2.0 + frac - 0.5
                }
            })
            .collect();
        Grid {
            full_rows,
            lane_count,
            row_count,
            cells,
            logical_x,
        }
    }

    /// Whether `row` is split into lanes.
    fn laned(&self, row: usize) -> bool {
        row >= self.full_rows && self.lane_count > 0
    }

    /// The outer corridor on the right. Corridor 0 is outside on the left, and
    /// 1..lane_count-1 the gap before lane k.
    fn right(&self) -> usize {
        self.lane_count.max(1)
    }

    /// Corridor `k`'s logical x.
    fn corridor_pos(&self, k: usize) -> f32 {
        if self.lane_count == 0 {
            0.0
        } else {
            k as f32
        }
    }
}

/// What every phase before the cards are placed reads.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    items: &'a [Item],
    links: &'a [Link],
    grid: &'a Grid,
    gaps: &'a Gaps,
    ts: &'a TypeScale,
}

/// Drops repeated points and the middle of three collinear ones.
fn simplify(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if out
            .last()
            .is_some_and(|q| (q.x - p.x).abs() < 0.01 && (q.y - p.y).abs() < 0.01)
        {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let same_x = (a.x - b.x).abs() < 0.01 && (b.x - p.x).abs() < 0.01;
            let same_y = (a.y - b.y).abs() < 0.01 && (b.y - p.y).abs() < 0.01;
            if same_x || same_y {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_follow_the_longest_path_and_survive_cycles() {
        assert_eq!(
            layers(4, &[(0, 1), (1, 2), (0, 2), (2, 3)]),
            vec![0, 1, 2, 3]
        );
        // 0 -> 1 -> 2 -> 0: the back edge is ignored.
        assert_eq!(layers(3, &[(0, 1), (1, 2), (2, 0)]), vec![0, 1, 2]);
        assert_eq!(layers(0, &[]), Vec::<usize>::new());
    }

    #[test]
    fn full_layers_spill_into_extra_rows() {
        let (rows, count) = rows_from_layers(&[0, 0, 0, 1], &[0, 0, 0, 0], 2);
        assert_eq!(rows, vec![0, 0, 1, 2]);
        assert_eq!(count, 3);
    }

    #[test]
    fn simplify_drops_collinear_points() {
        let p = |x, y| Point::new(x, y);
        assert_eq!(
            simplify(vec![
                p(0.0, 0.0),
                p(0.0, 5.0),
                p(0.0, 5.0),
                p(0.0, 9.0),
                p(3.0, 9.0)
            ]),
            vec![p(0.0, 0.0), p(0.0, 9.0), p(3.0, 9.0)]
        );
    }
}
