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
pub fn layout(input: Layered, ts: &TypeScale) -> Placed {
    let Layered {
        full_rows,
        lanes,
        items,
        links,
    } = input;
    let lane_count = lanes.len();
    let n = items.len();

    let track = (ts.sibling_gap * 0.75).round();
    let slot_gap = (ts.sibling_gap * 1.5).round();
    let lane_pad = (ts.pad * 1.5).round();
    let lane_gap = ts.sibling_gap * 2.0;
    let label_gap = (ts.pad * 0.5).round();
    let stub = ts.sibling_gap * 1.25;
    let row_gap = ts.level_gap * 0.5;
    let outer = ts.sibling_gap * 1.5;

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

    // Cells: row by lane (one cell per full row), items in input order.
    let mut cells: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); cell_count]; row_count];
    let mut pos = vec![0usize; n];
    for (i, it) in items.iter().enumerate() {
        let cell = &mut cells[it.row][cell_of(it)];
        pos[i] = cell.len();
        cell.push(i);
    }
    // Logical x, in lane widths, for choosing corridors and ordering ports.
    let logical_x = |i: usize| -> f32 {
        let it = &items[i];
        let c = cell_of(it);
        let k = cells[it.row][c].len() as f32;
        let frac = (pos[i] as f32 + 0.5) / k;
        if laned(it.row) {
            c as f32 + frac
        } else {
            lane_count as f32 / 2.0 + frac - 0.5
        }
    };

    // Links worth drawing.
    let links: Vec<Link> = links
        .into_iter()
        .filter(|l| l.from < n && l.to < n && l.from != l.to)
        .collect();

    // Direct or through a corridor; which corridor. Corridor k: 0 is outside on the
    // left, `right` outside on the right, 1..lane_count-1 the gap before lane k.
    let right = lane_count.max(1);
    let corridor_pos = |k: usize| if lane_count == 0 { 0.0 } else { k as f32 };
    let mut corridor: Vec<Option<usize>> = Vec::with_capacity(links.len());
    for l in &links {
        let (rs, rt) = (items[l.from].row, items[l.to].row);
        if rt == rs + 1 {
            corridor.push(None);
            continue;
        }
        let lo = (rs + 1).min(rt);
        let inner_ok = lane_count >= 2 && lo >= full_rows;
        let (xs, xt) = (logical_x(l.from), logical_x(l.to));
        let mut best = (f32::INFINITY, 0usize);
        for k in 0..=right {
            let inner = k != 0 && k != right;
            if inner && !inner_ok {
                continue;
            }
            let cost = (corridor_pos(k) - xs).abs() + (corridor_pos(k) - xt).abs();
            if cost < best.0 - 1e-4 {
                best = (cost, k);
            }
        }
        corridor.push(Some(best.1));
    }

    // Corridor tracks: greedy interval colouring over channel spans.
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

    // Entry ports: a target's incoming edges, ordered by where they come from.
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut has_out = vec![false; n];
    for (li, l) in links.iter().enumerate() {
        incoming[l.to].push(li);
        has_out[l.from] = true;
    }
    // Outer corridor tracks arrive from further out.
    let arrival = |li: usize| match corridor[li] {
        None => logical_x(links[li].from),
        Some(0) => corridor_pos(0) - corridor_track[li] as f32 * 1e-3,
        Some(k) => corridor_pos(k) + corridor_track[li] as f32 * 1e-3,
    };
    let mut port_of = vec![(0usize, 1usize); links.len()];
    for ins in &mut incoming {
        ins.sort_by(|&a, &b| arrival(a).total_cmp(&arrival(b)).then(a.cmp(&b)));
        for (k, &li) in ins.iter().enumerate() {
            port_of[li] = (k, ins.len());
        }
    }

    // Labels, measured at the origin.
    let mut label_of: Vec<Option<(Rect, Vec<TextRun>)>> = links
        .iter()
        .map(|l| l.label.as_ref().map(|t| measure_label(t, ts)))
        .collect();
    let mut slot_w = vec![0.0f32; n];
    let mut stack_h = vec![0.0f32; n];
    for i in 0..n {
        slot_w[i] = items[i].card.width();
        for &li in &incoming[i] {
            if let Some((r, _)) = &label_of[li] {
                slot_w[i] = slot_w[i].max(r.w);
                stack_h[i] += r.h + label_gap;
            }
        }
    }

    // Channel tracks: channel c runs above row c (channel row_count below the last).
    // Edges arriving from corridors take the upper tracks, inner corridor tracks
    // first, so they cross neither each other nor the edges leaving below them.
    let mut tracks_in = vec![0usize; row_count + 1];
    let mut entry_track = vec![0usize; links.len()];
    let mut entering: Vec<usize> = (0..links.len())
        .filter(|&li| corridor[li].is_some())
        .collect();
    entering.sort_by_key(|&li| (corridor_track[li], li));
    for li in entering {
        let c = items[links[li].to].row;
        entry_track[li] = tracks_in[c];
        tracks_in[c] += 1;
    }
    let mut source_track = vec![0usize; n];
    for (r, row) in cells.iter().enumerate() {
        for cell in row {
            for &i in cell {
                if has_out[i] {
                    source_track[i] = tracks_in[r + 1];
                    tracks_in[r + 1] += 1;
                }
            }
        }
    }

    // Widths: slots make cells; cells make lanes and full rows.
    let cell_width = |cell: &[usize]| -> f32 {
        if cell.is_empty() {
            0.0
        } else {
            cell.iter().map(|&i| slot_w[i]).sum::<f32>() + slot_gap * (cell.len() - 1) as f32
        }
    };
    let m = Metrics::get();
    let headings: Vec<Vec<String>> = lanes
        .iter()
        .map(|l| {
            l.region.as_ref().map_or_else(Vec::new, |r| {
                wrap(&r.heading, ts.title, Weight::Bold, ts.max_title_width, 2)
            })
        })
        .collect();
    let heading_w: Vec<f32> = headings
        .iter()
        .map(|h| {
            h.iter()
                .map(|s| m.width(s, ts.title, Weight::Bold))
                .fold(0.0, f32::max)
        })
        .collect();
    let heading_lines = headings.iter().map(Vec::len).max().unwrap_or(0);
    let has_regions = lanes.iter().any(|l| l.region.is_some()) && row_count > full_rows;

    // Where, relative to a cell's left end, each slot starts.
    let slot_offsets = |cell: &[usize]| -> Vec<f32> {
        let mut x = 0.0;
        cell.iter()
            .map(|&i| {
                let here = x;
                x += slot_w[i] + slot_gap;
                here
            })
            .collect()
    };
    let port_frac = |li: usize| {
        let (k, count) = port_of[li];
        (k + 1) as f32 / (count + 1) as f32
    };

    let mut lane_w = vec![0.0f32; lane_count];
    for (k, w) in lane_w.iter_mut().enumerate() {
        let content = (full_rows..row_count)
            .map(|r| cell_width(&cells[r][k]))
            .fold(heading_w[k], f32::max);
        *w = content + 2.0 * lane_pad;
        // Edges into the lane's first row cross the heading band: keep their ports
        // to the right of the heading by widening the lane (content stays centred).
        if lanes[k].region.is_some() && full_rows < row_count {
            let cell = &cells[full_rows][k];
            let x0 = (*w - cell_width(cell)) / 2.0;
            let offsets = slot_offsets(cell);
            let mut min_port = f32::INFINITY;
            for (j, &i) in cell.iter().enumerate() {
                let card_x = x0 + offsets[j] + (slot_w[i] - items[i].card.width()) / 2.0;
                for &li in &incoming[i] {
                    min_port = min_port.min(card_x + items[i].card.width() * port_frac(li));
                }
            }
            let need = lane_pad + heading_w[k] + ts.pad;
            if min_port < need {
                *w += 2.0 * (need - min_port).ceil();
            }
        }
    }
    let corridor_w = |k: usize| lane_gap.max((corridor_tracks[k] + 1) as f32 * track);
    let lanes_w: f32 = lane_w.iter().sum::<f32>() + (1..lane_count).map(corridor_w).sum::<f32>();
    let full_w = (0..full_rows.min(row_count))
        .map(|r| cell_width(&cells[r][0]))
        .fold(0.0, f32::max);
    let width = lanes_w.max(full_w);
    let mut lane_x = vec![0.0f32; lane_count];
    let mut x = (width - lanes_w) / 2.0;
    for k in 0..lane_count {
        if k > 0 {
            x += corridor_w(k);
        }
        lane_x[k] = x;
        x += lane_w[k];
    }
    let corridor_x = |k: usize, t: usize| -> f32 {
        if k == 0 {
            -outer - t as f32 * track
        } else if k == right {
            width + outer + t as f32 * track
        } else {
            let left = lane_x[k - 1] + lane_w[k - 1];
            let used = (corridor_tracks[k].max(1) - 1) as f32 * track;
            left + (corridor_w(k) - used) / 2.0 + t as f32 * track
        }
    };

    // Card and slot x.
    let mut card_x = vec![0.0f32; n];
    let mut slot_x = vec![0.0f32; n];
    for (r, row) in cells.iter().enumerate() {
        for (k, cell) in row.iter().enumerate() {
            let cw = cell_width(cell);
            let x0 = if laned(r) {
                lane_x[k] + (lane_w[k] - cw) / 2.0
            } else {
                (width - cw) / 2.0
            };
            for (j, off) in slot_offsets(cell).into_iter().enumerate() {
                let i = cell[j];
                slot_x[i] = x0 + off;
                card_x[i] = (x0 + off + (slot_w[i] - items[i].card.width()) / 2.0).round();
            }
        }
    }

    // Heights, top to bottom: channel, (heading band), label strip, row.
    let mut channel_top = vec![0.0f32; row_count + 1];
    let mut row_top = vec![0.0f32; row_count];
    let mut region_top = 0.0;
    let mut y = 0.0f32;
    let mut prev_bottom: Option<f32> = None;
    let heading_h = heading_lines as f32 * ts.title_line();
    for r in 0..row_count {
        channel_top[r] = y;
        if tracks_in[r] > 0 {
            y += (tracks_in[r] + 1) as f32 * track;
        }
        if has_regions && r == full_rows {
            region_top = y;
            y += lane_pad + heading_h + lane_pad * 0.5;
        }
        let cards_here = || cells[r].iter().flatten();
        let strip = cards_here().map(|&i| stack_h[i]).fold(0.0, f32::max);
        let entries = cards_here().any(|&i| !incoming[i].is_empty());
        y += if strip > 0.0 {
            strip + label_gap
        } else if entries {
            stub
        } else {
            0.0
        };
        if let Some(bottom) = prev_bottom {
            y = y.max(bottom + row_gap);
        }
        y = y.round();
        row_top[r] = y;
        y += cards_here()
            .map(|&i| items[i].card.height())
            .fold(0.0, f32::max);
        prev_bottom = Some(y);
    }
    let region_bottom = y + lane_pad;
    if has_regions {
        y = region_bottom;
    }
    channel_top[row_count] = y;
    let bottom = y + if tracks_in[row_count] > 0 {
        (tracks_in[row_count] + 1) as f32 * track
    } else {
        0.0
    };

    // Cards.
    let row: Vec<usize> = items.iter().map(|it| it.row).collect();
    let cards: Vec<Card> = items
        .into_iter()
        .enumerate()
        .map(|(i, it)| it.card.place(card_x[i], row_top[it.row]))
        .collect();

    // Edges and labels.
    let mut edges = Vec::with_capacity(links.len());
    let mut labels = Vec::new();
    let mut stacked = vec![0.0f32; cards.len()];
    let mut order: Vec<usize> = (0..links.len()).collect();
    // Labels stack upwards from their target in port order.
    order.sort_by_key(|&li| (links[li].to, port_of[li].0));
    // Entry ports, spread along the target's top in arrival order. An edge dropping
    // from a source right above comes straight down, the others spread either side.
    let mut port_x = vec![0.0f32; links.len()];
    for (i, ins) in incoming.iter().enumerate() {
        let t = &cards[i].rect;
        let straight = if has_regions && row[i] == full_rows {
            None
        } else {
            ins.iter().enumerate().find_map(|(k, &li)| {
                let s = &cards[links[li].from].rect;
                let sx = (s.x + s.w / 2.0).round();
                (corridor[li].is_none() && sx >= t.x + ts.pad && sx <= t.right() - ts.pad)
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
                    port_x[li] = (t.x + t.w * port_frac(li)).round();
                }
            }
        }
    }
    let mut routes: Vec<Vec<Point>> = vec![Vec::new(); links.len()];
    for (li, l) in links.iter().enumerate() {
        let (s, t) = (&cards[l.from].rect, &cards[l.to].rect);
        let sx = (s.x + s.w / 2.0).round();
        let px = port_x[li];
        let ty = channel_top[row[l.from] + 1] + (source_track[l.from] + 1) as f32 * track;
        let mut points = vec![Point::new(sx, s.bottom()), Point::new(sx, ty)];
        if let Some(k) = corridor[li] {
            let cx = corridor_x(k, corridor_track[li]);
            let ey = channel_top[row[l.to]] + (entry_track[li] + 1) as f32 * track;
            points.extend([Point::new(cx, ty), Point::new(cx, ey), Point::new(px, ey)]);
        } else {
            points.push(Point::new(px, ty));
        }
        points.push(Point::new(px, t.y));
        routes[li] = simplify(points);
    }
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
    for (li, l) in links.iter().enumerate() {
        edges.push(Edge {
            dimmed: false,
            from: cards[l.from].id.clone(),
            to: cards[l.to].id.clone(),
            role: l.role,
            style: l.style,
            points: std::mem::take(&mut routes[li]),
            arrow: true,
            kind: l.kind.clone(),
            label: l.label.as_ref().map(|t| match &t.note {
                Some(note) => format!("{} ({note})", t.text),
                None => t.text.clone(),
            }),
        });
    }

    // Lane regions with their headings.
    let mut regions = Vec::new();
    if has_regions {
        for (k, lane) in lanes.iter().enumerate() {
            let Some(reg) = &lane.region else { continue };
            let texts = headings[k]
                .iter()
                .enumerate()
                .map(|(j, line)| TextRun {
                    x: lane_x[k] + lane_pad,
                    y: region_top
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
                    x: lane_x[k],
                    y: region_top,
                    w: lane_w[k],
                    h: region_bottom - region_top,
                },
                accent: reg.accent,
                texts,
            });
        }
    }

    // Bounds: content, plus any corridor in use outside it.
    let left = if corridor_tracks[0] > 0 {
        corridor_x(0, corridor_tracks[0] - 1)
    } else {
        0.0
    };
    let right_x = if corridor_tracks[right] > 0 {
        corridor_x(right, corridor_tracks[right] - 1)
    } else {
        width
    };
    let bounds = Rect {
        x: left.min(0.0),
        y: 0.0,
        w: right_x.max(width) - left.min(0.0),
        h: bottom,
    };
    Placed {
        cards,
        edges,
        labels,
        regions,
        bounds,
    }
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
