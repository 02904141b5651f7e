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
//! Pure and deterministic; iterative, no recursion.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::font::{wrap, Metrics, Weight};
use crate::scene::{
    baseline, label_box, Accent, Card, Edge, EdgeLabel, EdgeRole, Point, Rect, Region, SizedCard,
    TextRole, TextRun, TypeScale,
};
use orgpath_model::raw::LineStyle;

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
/// The phases, before the cards are placed: the cells of the rows and lanes (`Grid`),
/// the corridors and their tracks (`corridors`), the entry ports (`ports`), the labels
/// and slots (`measure_slots`), the channel tracks (`channel_tracks`), the widths
/// across (`Across`), the cards' x (`place_x`) and the heights down (`stack_rows`).
/// After: the ports' x (`port_xs`), the routes (`routes`), the labels
/// (`place_labels`), the edges (`edges`), the lane regions (`lane_regions`) and the
/// bounds.
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
    let slots = measure_slots(cx, &ports);
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
    let routes = routes(&drawn, &channels, &down, &across, &port_x);
    let labels = place_labels(&drawn, &ports, slots, &slot_x, &port_x, gaps.label_gap);
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

/// The corridors the links take.
struct Corridors {
    /// Each link's corridor; `None` when it drops straight into the next row.
    of: Vec<Option<usize>>,
    /// Each link's track in its corridor.
    track: Vec<usize>,
    /// How many tracks each corridor holds.
    tracks: Vec<usize>,
}

/// Takes the grid and the links; gives each link that skips rows or goes back the
/// corridor nearest both its ends (inner ones only below the full rows, with two lanes
/// or more), and its track there, by greedy interval colouring over channel spans.
fn corridors(cx: Ctx) -> Corridors {
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
struct Ports {
    /// Each item's incoming links, in arrival order.
    incoming: Vec<Vec<usize>>,
    /// Whether each item has an outgoing link.
    has_out: Vec<bool>,
    /// Each link's entry port on its target: its place and the target's port count.
    port_of: Vec<(usize, usize)>,
}

impl Ports {
    /// Where link `li`'s port sits along its target's top, as a fraction of its width.
    fn frac(&self, li: usize) -> f32 {
        let (k, count) = self.port_of[li];
        (k + 1) as f32 / (count + 1) as f32
    }
}

/// Takes the links and their corridors; gives each target's incoming edges, ordered by
/// where they come from (outer corridor tracks arriving from further out).
fn ports(cx: Ctx, corridors: &Corridors) -> Ports {
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

/// A label measured at the origin: its box and its text runs.
type Measured = (Rect, Vec<TextRun>);

/// The labels, and the slots of the items that take them.
struct Slots {
    /// Each link's label, measured at the origin.
    labels: Vec<Option<Measured>>,
    /// Each item's slot width: its card's, or its widest incoming label's.
    w: Vec<f32>,
    /// How tall each item's stack of incoming labels is.
    stack_h: Vec<f32>,
    gap: f32,
}

impl Slots {
    /// A cell's width: its slots side by side.
    fn cell_width(&self, cell: &[usize]) -> f32 {
        if cell.is_empty() {
            0.0
        } else {
            cell.iter().map(|&i| self.w[i]).sum::<f32>() + self.gap * (cell.len() - 1) as f32
        }
    }

    /// Where, relative to a cell's left end, each slot starts.
    fn offsets(&self, cell: &[usize]) -> Vec<f32> {
        let mut x = 0.0;
        cell.iter()
            .map(|&i| {
                let here = x;
                x += self.w[i] + self.gap;
                here
            })
            .collect()
    }
}

/// Measure: takes the links and the entry ports; gives the labels, measured at the
/// origin, and each item's slot width and label stack height.
fn measure_slots(cx: Ctx, ports: &Ports) -> Slots {
    let (items, links, gaps, ts) = (cx.items, cx.links, cx.gaps, cx.ts);
    let n = items.len();
    let labels: Vec<Option<Measured>> = links
        .iter()
        .map(|l| l.label.as_ref().map(|t| measure_label(t, ts)))
        .collect();
    let mut slot_w = vec![0.0f32; n];
    let mut stack_h = vec![0.0f32; n];
    for i in 0..n {
        slot_w[i] = items[i].card.width();
        for &li in &ports.incoming[i] {
            if let Some((r, _)) = &labels[li] {
                slot_w[i] = slot_w[i].max(r.w);
                stack_h[i] += r.h + gaps.label_gap;
            }
        }
    }
    Slots {
        labels,
        w: slot_w,
        stack_h,
        gap: gaps.slot_gap,
    }
}

/// The channels' tracks. Channel c runs above row c (channel row_count below the last).
struct Channels {
    /// How many tracks each channel holds.
    tracks_in: Vec<usize>,
    /// Each corridor link's track in the channel above its target.
    entry_track: Vec<usize>,
    /// Each source's track in the channel below it.
    source_track: Vec<usize>,
}

/// Takes the corridors and the ports; gives the channel tracks. Edges arriving from
/// corridors take the upper tracks, inner corridor tracks first, so they cross
/// neither each other nor the edges leaving below them.
fn channel_tracks(cx: Ctx, corridors: &Corridors, ports: &Ports) -> Channels {
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

/// The lanes' headings.
struct Headings {
    /// Each lane's heading, wrapped (none for a lane without a region).
    lines: Vec<Vec<String>>,
    /// Each lane's heading width.
    w: Vec<f32>,
    /// The most lines any heading takes.
    count: usize,
    /// Whether any lane region is drawn (some lane has one, and there are laned rows).
    drawn: bool,
    /// Whether each lane has a region.
    region: Vec<bool>,
}

impl Headings {
    fn new(lanes: &[Lane], grid: &Grid, ts: &TypeScale) -> Headings {
        let m = Metrics::get();
        let lines: Vec<Vec<String>> = lanes
            .iter()
            .map(|l| {
                l.region.as_ref().map_or_else(Vec::new, |r| {
                    wrap(&r.heading, ts.title, Weight::Bold, ts.max_title_width, 2)
                })
            })
            .collect();
        let w: Vec<f32> = lines
            .iter()
            .map(|h| {
                h.iter()
                    .map(|s| m.width(s, ts.title, Weight::Bold))
                    .fold(0.0, f32::max)
            })
            .collect();
        let count = lines.iter().map(Vec::len).max().unwrap_or(0);
        let drawn = lanes.iter().any(|l| l.region.is_some()) && grid.row_count > grid.full_rows;
        Headings {
            lines,
            w,
            count,
            drawn,
            region: lanes.iter().map(|l| l.region.is_some()).collect(),
        }
    }
}

/// Widths: slots make cells; cells make lanes and full rows; lanes and corridors make
/// the width. Gives every lane's and corridor's x.
struct Across<'a> {
    gaps: Gaps,
    corridors: &'a Corridors,
    right: usize,
    /// The content's width, corridors between lanes included.
    width: f32,
    lane_w: Vec<f32>,
    lane_x: Vec<f32>,
}

impl<'a> Across<'a> {
    /// Takes the slots, the headings and the corridors; gives the lanes' widths and x,
    /// the lanes centred in the width.
    fn new(
        cx: Ctx,
        ports: &Ports,
        slots: &Slots,
        heads: &Headings,
        corridors: &'a Corridors,
    ) -> Across<'a> {
        let (grid, gaps) = (cx.grid, cx.gaps);
        let lane_w = lane_widths(cx, ports, slots, heads);
        let mut across = Across {
            gaps: *gaps,
            corridors,
            right: grid.right(),
            width: 0.0,
            lane_x: vec![0.0f32; lane_w.len()],
            lane_w,
        };
        let lane_count = grid.lane_count;
        let lanes_w: f32 = across.lane_w.iter().sum::<f32>()
            + (1..lane_count).map(|k| across.corridor_w(k)).sum::<f32>();
        let full_w = (0..grid.full_rows.min(grid.row_count))
            .map(|r| slots.cell_width(&grid.cells[r][0]))
            .fold(0.0, f32::max);
        across.width = lanes_w.max(full_w);
        let mut x = (across.width - lanes_w) / 2.0;
        for k in 0..lane_count {
            if k > 0 {
                x += across.corridor_w(k);
            }
            across.lane_x[k] = x;
            x += across.lane_w[k];
        }
        across
    }

    /// Corridor `k`'s width, for its tracks (between lanes, at least the lane gap).
    fn corridor_w(&self, k: usize) -> f32 {
        let (gap, track) = (self.gaps.lane_gap, self.gaps.track);
        gap.max((self.corridors.tracks[k] + 1) as f32 * track)
    }

    /// The x of track `t` of corridor `k`; an inner corridor's tracks are centred in it.
    fn corridor_x(&self, k: usize, t: usize) -> f32 {
        let (track, outer) = (self.gaps.track, self.gaps.outer);
        if k == 0 {
            -outer - t as f32 * track
        } else if k == self.right {
            self.width + outer + t as f32 * track
        } else {
            let left = self.lane_x[k - 1] + self.lane_w[k - 1];
            let used = (self.corridors.tracks[k].max(1) - 1) as f32 * track;
            left + (self.corridor_w(k) - used) / 2.0 + t as f32 * track
        }
    }

    /// Bounds: takes the content's bottom; gives the content plus any corridor in use
    /// outside it.
    fn bounds(&self, bottom: f32) -> Rect {
        let tracks = &self.corridors.tracks;
        let left = if tracks[0] > 0 {
            self.corridor_x(0, tracks[0] - 1)
        } else {
            0.0
        };
        let right_x = if tracks[self.right] > 0 {
            self.corridor_x(self.right, tracks[self.right] - 1)
        } else {
            self.width
        };
        Rect {
            x: left.min(0.0),
            y: 0.0,
            w: right_x.max(self.width) - left.min(0.0),
            h: bottom,
        }
    }
}

/// Takes the slots, the ports and the headings; gives each lane's width: its widest
/// cell or heading, padded.
fn lane_widths(cx: Ctx, ports: &Ports, slots: &Slots, heads: &Headings) -> Vec<f32> {
    let (items, grid, gaps, ts) = (cx.items, cx.grid, cx.gaps, cx.ts);
    let (full_rows, row_count) = (grid.full_rows, grid.row_count);
    let mut lane_w = vec![0.0f32; grid.lane_count];
    for (k, w) in lane_w.iter_mut().enumerate() {
        let content = (full_rows..row_count)
            .map(|r| slots.cell_width(&grid.cells[r][k]))
            .fold(heads.w[k], f32::max);
        *w = content + 2.0 * gaps.lane_pad;
        // Edges into the lane's first row cross the heading band: keep their ports
        // to the right of the heading by widening the lane (content stays centred).
        if heads.region[k] && full_rows < row_count {
            let cell = &grid.cells[full_rows][k];
            let x0 = (*w - slots.cell_width(cell)) / 2.0;
            let offsets = slots.offsets(cell);
            let mut min_port = f32::INFINITY;
            for (j, &i) in cell.iter().enumerate() {
                let card_x = x0 + offsets[j] + (slots.w[i] - items[i].card.width()) / 2.0;
                for &li in &ports.incoming[i] {
                    min_port = min_port.min(card_x + items[i].card.width() * ports.frac(li));
                }
            }
            let need = gaps.lane_pad + heads.w[k] + ts.pad;
            if min_port < need {
                *w += 2.0 * (need - min_port).ceil();
            }
        }
    }
    lane_w
}

/// Place across: takes the slots and the widths; gives each item's card x and slot x,
/// each cell centred in its lane (or a full row in the width).
fn place_x(cx: Ctx, slots: &Slots, across: &Across) -> (Vec<f32>, Vec<f32>) {
    let (items, grid) = (cx.items, cx.grid);
    let n = items.len();
    let mut card_x = vec![0.0f32; n];
    let mut slot_x = vec![0.0f32; n];
    for (r, row) in grid.cells.iter().enumerate() {
        for (k, cell) in row.iter().enumerate() {
            let cw = slots.cell_width(cell);
            let x0 = if grid.laned(r) {
                across.lane_x[k] + (across.lane_w[k] - cw) / 2.0
            } else {
                (across.width - cw) / 2.0
            };
            for (j, off) in slots.offsets(cell).into_iter().enumerate() {
                let i = cell[j];
                slot_x[i] = x0 + off;
                card_x[i] = (x0 + off + (slots.w[i] - items[i].card.width()) / 2.0).round();
            }
        }
    }
    (card_x, slot_x)
}

/// Where things are down the page.
struct Down {
    /// Where each channel starts.
    channel_top: Vec<f32>,
    /// Where each row's cards start.
    row_top: Vec<f32>,
    /// The lane regions' top and bottom.
    region_top: f32,
    region_bottom: f32,
    /// The bottom of everything.
    bottom: f32,
}

/// Place down: takes the channels, the label stacks and the headings; gives the
/// heights, top to bottom: channel, (heading band), label strip, row.
fn stack_rows(
    cx: Ctx,
    ports: &Ports,
    slots: &Slots,
    channels: &Channels,
    heads: &Headings,
) -> Down {
    let (items, grid, gaps, ts) = (cx.items, cx.grid, cx.gaps, cx.ts);
    let (row_count, tracks_in, track) = (grid.row_count, &channels.tracks_in, gaps.track);
    let mut channel_top = vec![0.0f32; row_count + 1];
    let mut row_top = vec![0.0f32; row_count];
    let mut region_top = 0.0;
    let mut y = 0.0f32;
    let mut prev_bottom: Option<f32> = None;
    let heading_h = heads.count as f32 * ts.title_line();
    for r in 0..row_count {
        channel_top[r] = y;
        if tracks_in[r] > 0 {
            y += (tracks_in[r] + 1) as f32 * track;
        }
        if heads.drawn && r == grid.full_rows {
            region_top = y;
            y += gaps.lane_pad + heading_h + gaps.lane_pad * 0.5;
        }
        let cards_here = || grid.cells[r].iter().flatten();
        let strip = cards_here().map(|&i| slots.stack_h[i]).fold(0.0, f32::max);
        let entries = cards_here().any(|&i| !ports.incoming[i].is_empty());
        y += if strip > 0.0 {
            strip + gaps.label_gap
        } else if entries {
            gaps.stub
        } else {
            0.0
        };
        if let Some(bottom) = prev_bottom {
            y = y.max(bottom + gaps.row_gap);
        }
        y = y.round();
        row_top[r] = y;
        y += cards_here()
            .map(|&i| items[i].card.height())
            .fold(0.0, f32::max);
        prev_bottom = Some(y);
    }
    let region_bottom = y + gaps.lane_pad;
    if heads.drawn {
        y = region_bottom;
    }
    channel_top[row_count] = y;
    let bottom = y + if tracks_in[row_count] > 0 {
        (tracks_in[row_count] + 1) as f32 * track
    } else {
        0.0
    };
    Down {
        channel_top,
        row_top,
        region_top,
        region_bottom,
        bottom,
    }
}

/// What the phases after the cards are placed read.
struct Drawn<'a> {
    cards: &'a [Card],
    links: &'a [Link],
    /// Each card's row.
    rows: &'a [usize],
    corridors: &'a Corridors,
}

/// Takes the placed cards and the ports; gives each link's entry port x, spread along
/// its target's top in arrival order. An edge dropping from a source right above
/// comes straight down, the others spread either side; not into the row under the
/// lane headings (`heading_row`), whose ports keep clear of the headings.
fn port_xs(d: &Drawn, ports: &Ports, heading_row: Option<usize>, pad: f32) -> Vec<f32> {
    let (cards, links) = (d.cards, d.links);
    let mut port_x = vec![0.0f32; links.len()];
    for (i, ins) in ports.incoming.iter().enumerate() {
        let t = &cards[i].rect;
        let straight = if heading_row == Some(d.rows[i]) {
            None
        } else {
            ins.iter().enumerate().find_map(|(k, &li)| {
                let s = &cards[links[li].from].rect;
                let sx = (s.x + s.w / 2.0).round();
                (d.corridors.of[li].is_none() && sx >= t.x + pad && sx <= t.right() - pad)
                    .then_some((k, sx))
            })
        };
        match straight {
            Some((k, sx)) => {
                let (before, after) = (k, ins.len() - k - 1);
                for (j, &li) in ins.iter().enumerate() {
                    port_x[li] = match j.cmp(&k) {
                        std::cmp::Ordering::Less => {
                            (t.x + (sx - t.x) * (j + 1) as f32 / (before + 1) as f32).round()
                        }
                        std::cmp::Ordering::Equal => sx,
                        std::cmp::Ordering::Greater => {
                            (sx + (t.right() - sx) * (j - k) as f32 / (after + 1) as f32).round()
                        }
                    };
                }
            }
            None => {
                for &li in ins {
                    port_x[li] = (t.x + t.w * ports.frac(li)).round();
                }
            }
        }
    }
    port_x
}

/// Route: takes the placed cards, the tracks and the ports' x; gives each link's
/// points: down from the source's bottom into the channel below, through its corridor
/// when it has one, and down into its port.
fn routes(
    d: &Drawn,
    channels: &Channels,
    down: &Down,
    across: &Across,
    port_x: &[f32],
) -> Vec<Vec<Point>> {
    let (cards, track) = (d.cards, across.gaps.track);
    let mut routes: Vec<Vec<Point>> = vec![Vec::new(); d.links.len()];
    for (li, l) in d.links.iter().enumerate() {
        let (s, t) = (&cards[l.from].rect, &cards[l.to].rect);
        let sx = (s.x + s.w / 2.0).round();
        let px = port_x[li];
        let ty = down.channel_top[d.rows[l.from] + 1]
            + (channels.source_track[l.from] + 1) as f32 * track;
        let mut points = vec![Point::new(sx, s.bottom()), Point::new(sx, ty)];
        if let Some(k) = d.corridors.of[li] {
            let cx = across.corridor_x(k, d.corridors.track[li]);
            let ey = down.channel_top[d.rows[l.to]] + (channels.entry_track[li] + 1) as f32 * track;
            points.extend([Point::new(cx, ty), Point::new(cx, ey), Point::new(px, ey)]);
        } else {
            points.push(Point::new(px, ty));
        }
        points.push(Point::new(px, t.y));
        routes[li] = simplify(points);
    }
    routes
}

/// Label: takes the measured labels, the slots' x and the ports' x; gives the labels,
/// in edge order, each above its target at its port (kept inside the target's slot),
/// stacked upwards in port order.
fn place_labels(
    d: &Drawn,
    ports: &Ports,
    slots: Slots,
    slot_x: &[f32],
    port_x: &[f32],
    label_gap: f32,
) -> Vec<EdgeLabel> {
    let (cards, links) = (d.cards, d.links);
    let Slots {
        labels: mut label_of,
        w: slot_w,
        ..
    } = slots;
    let mut labels = Vec::new();
    let mut stacked = vec![0.0f32; cards.len()];
    let mut order: Vec<usize> = (0..links.len()).collect();
    order.sort_by_key(|&li| (links[li].to, ports.port_of[li].0));
    for li in order {
        let Some((rect, texts)) = label_of[li].take() else {
            continue;
        };
        let l = &links[li];
        let t = &cards[l.to].rect;
        let px = port_x[li];
        let lo = slot_x[l.to];
        let hi = lo + slot_w[l.to];
        let x = (px - rect.w / 2.0).clamp(lo, (hi - rect.w).max(lo));
        let y = t.y - label_gap - stacked[l.to] - rect.h;
        stacked[l.to] += rect.h + label_gap;
        let (dx, dy) = (x - rect.x, y - rect.y);
        labels.push(EdgeLabel {
            edge: li as u32,
            rect: Rect {
                x,
                y,
                w: rect.w,
                h: rect.h,
            },
            texts: texts
                .into_iter()
                .map(|mut r| {
                    r.x += dx;
                    r.y += dy;
                    r
                })
                .collect(),
        });
    }
    labels.sort_by_key(|l| l.edge);
    labels
}

/// Takes the placed cards, the links and their routes; gives the edges, in link order.
fn edges(cards: &[Card], links: &[Link], routes: Vec<Vec<Point>>) -> Vec<Edge> {
    links
        .iter()
        .zip(routes)
        .map(|(l, points)| Edge {
            dimmed: false,
            from: cards[l.from].id.clone(),
            to: cards[l.to].id.clone(),
            role: l.role,
            style: l.style,
            points,
            arrow: true,
            kind: l.kind.clone(),
            label: l.label.as_ref().map(|t| match &t.note {
                Some(note) => format!("{} ({note})", t.text),
                None => t.text.clone(),
            }),
        })
        .collect()
}

/// Takes the lanes, their headings and where they are; gives the lane regions with
/// their headings.
fn lane_regions(
    lanes: &[Lane],
    heads: &Headings,
    across: &Across,
    down: &Down,
    ts: &TypeScale,
) -> Vec<Region> {
    let m = Metrics::get();
    let lane_pad = across.gaps.lane_pad;
    let mut regions = Vec::new();
    for (k, lane) in lanes.iter().enumerate() {
        let Some(reg) = &lane.region else { continue };
        let texts = heads.lines[k]
            .iter()
            .enumerate()
            .map(|(j, line)| TextRun {
                x: across.lane_x[k] + lane_pad,
                y: down.region_top
                    + lane_pad
                    + j as f32 * ts.title_line()
                    + baseline(ts.title, ts.title_line()),
                text: line.clone(),
                size: ts.title,
                weight: Weight::Bold,
                role: TextRole::Heading,
                width: m.width(line, ts.title, Weight::Bold),
            })
            .collect();
        regions.push(Region {
            id: reg.id.clone(),
            rect: Rect {
                x: across.lane_x[k],
                y: down.region_top,
                w: across.lane_w[k],
                h: down.region_bottom - down.region_top,
            },
            accent: reg.accent,
            texts,
        });
    }
    regions
}

/// An edge label measured at the origin: the text (wrapped by `label_box`), then the
/// note on its own line(s).
fn measure_label(label: &LinkLabel, ts: &TypeScale) -> (Rect, Vec<TextRun>) {
    let (mut rect, mut texts) = label_box(&label.text, Point::new(0.0, 0.0), ts);
    if let Some(note) = &label.note {
        let m = Metrics::get();
        let line_h = ts.caption_line();
        let lines = wrap(note, ts.label, Weight::Regular, ts.max_title_width * 0.8, 2);
        let body_bottom = rect.bottom();
        rect.h += line_h * lines.len() as f32;
        for (j, line) in lines.iter().enumerate() {
            let w = m.width(line, ts.label, Weight::Regular);
            rect.w = rect.w.max(w + ts.pad * 0.67);
            texts.push(TextRun {
                x: -w / 2.0,
                y: body_bottom - 1.0 + j as f32 * line_h + baseline(ts.label, line_h),
                text: line.clone(),
                size: ts.label,
                weight: Weight::Regular,
                role: TextRole::Label,
                width: w,
            });
        }
        rect.x = -rect.w / 2.0;
    }
    (rect, texts)
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
