//! Route and label: with the cards placed, the edges' ports, points and labels, and
//! the lane regions.

use super::measure::{Headings, Slots};
use super::place::{Across, Down};
use super::tracks::{Channels, Corridors, Ports};
use super::{simplify, Lane, Link, Side};
use crate::font::{Metrics, Weight};
use crate::scene::{
    baseline, Card, Edge, EdgeLabel, Point, Rect, Region, TextRole, TextRun, TypeScale,
};

/// What the phases after the cards are placed read.
pub(super) struct Drawn<'a> {
    pub(super) cards: &'a [Card],
    pub(super) links: &'a [Link],
    /// Each card's row.
    pub(super) rows: &'a [usize],
    pub(super) corridors: &'a Corridors,
}

/// Takes the placed cards and the ports; gives each link's entry port x, spread along
/// its target's top in arrival order. An edge dropping from a source right above
/// comes straight down, the others spread either side; not into the row under the
/// lane headings (`heading_row`), whose ports keep clear of the headings.
pub(super) fn port_xs(d: &Drawn, ports: &Ports, heading_row: Option<usize>, pad: f32) -> Vec<f32> {
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

/// Route: takes the placed cards, the tracks and the ports; gives each link's
/// points: down from the source's bottom into the channel below, through its corridor
/// when it has one, and down into its port; or, for a side link, out of its source's
/// side to its side track, along it, and into its target's side.
pub(super) fn routes(
    d: &Drawn,
    channels: &Channels,
    down: &Down,
    across: &Across,
    (port_x, side_at): (&[f32], &[(f32, f32)]),
) -> Vec<Vec<Point>> {
    let (cards, track) = (d.cards, across.gaps.track);
    let mut routes: Vec<Vec<Point>> = vec![Vec::new(); d.links.len()];
    for (li, l) in d.links.iter().enumerate() {
        let (s, t) = (&cards[l.from].rect, &cards[l.to].rect);
        if let Some((side, k)) = d.corridors.side[li] {
            let x = across.side_x(k, side, d.corridors.track[li]).round();
            let edge = |r: &Rect| match side {
                Side::Left => r.x,
                Side::Right => r.right(),
            };
            let (fs, ft) = side_at[li];
            let (ys, yt) = ((s.y + s.h * fs).round(), (t.y + t.h * ft).round());
            routes[li] = vec![
                Point::new(edge(s), ys),
                Point::new(x, ys),
                Point::new(x, yt),
                Point::new(edge(t), yt),
            ];
            continue;
        }
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

/// Label: takes the measured labels, the slots' x, the ports' x and the routes;
/// gives the labels, in edge order, each above its target, stacked upwards: side
/// links' labels first, each beside the innermost side line entering the target on
/// its side; then the others at their ports (kept inside the target's slot), in port
/// order.
pub(super) fn place_labels(
    d: &Drawn,
    ports: &Ports,
    slots: Slots,
    slot_x: &[f32],
    port_x: &[f32],
    routes: &[Vec<Point>],
    label_gap: f32,
) -> Vec<EdgeLabel> {
    let (cards, links) = (d.cards, d.links);
    let Slots {
        labels: mut label_of,
        w: slot_w,
        ..
    } = slots;
    let side_of = |li: usize| d.corridors.side[li].map(|(s, _)| s);
    // The line of side link `li`, where it runs down.
    let line_x = |li: usize| routes[li].get(1).map_or(0.0, |p| p.x);
    let mut labels = Vec::new();
    let mut stacked = vec![0.0f32; cards.len()];
    let mut order: Vec<usize> = (0..links.len()).collect();
    order.sort_by_key(|&li| (links[li].to, side_of(li).is_none(), ports.port_of[li].0, li));
    for li in order {
        let Some((rect, texts)) = label_of[li].take() else {
            continue;
        };
        let l = &links[li];
        let t = &cards[l.to].rect;
        let beside = ports.side_in[l.to]
            .iter()
            .filter(|&&o| side_of(o) == side_of(li))
            .map(|&o| line_x(o));
        let x = match side_of(li) {
            Some(Side::Left) => beside.fold(f32::MIN, f32::max) + label_gap,
            Some(Side::Right) => beside.fold(f32::MAX, f32::min) - label_gap - rect.w,
            None => {
                let px = port_x[li];
                let lo = slot_x[l.to];
                let hi = lo + slot_w[l.to];
                (px - rect.w / 2.0).clamp(lo, (hi - rect.w).max(lo))
            }
        };
        let y = t.y - label_gap - stacked[l.to] - rect.h;
        stacked[l.to] += rect.h + label_gap;
        let (dx, dy) = (x - rect.x, y - rect.y);
        // A side label's lines align on the side of its line, so they read as its.
        let inset = (rect.w - texts.iter().map(|r| r.width).fold(0.0, f32::max)) / 2.0;
        let align = |r: &TextRun| match side_of(li) {
            Some(Side::Left) => x + inset,
            Some(Side::Right) => x + rect.w - inset - r.width,
            None => r.x + dx,
        };
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
                    r.x = align(&r);
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
pub(super) fn edges(cards: &[Card], links: &[Link], routes: Vec<Vec<Point>>) -> Vec<Edge> {
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
pub(super) fn lane_regions(
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
