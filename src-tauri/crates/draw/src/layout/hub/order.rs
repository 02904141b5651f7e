//! Order and place down the page: which column each group goes in, the order of the
//! groups and of their cards, the columns' widths and every card's y.

use std::collections::BTreeMap;

use super::{Columns, Gauge, Item, Link, Net};
use crate::font::Weight;
use crate::scene::TypeScale;

/// Order and place down the page: takes the measured net; gives the columns, with the
/// groups and cards in `net` ordered ([`order`]), widened ([`fit_columns`]) and placed
/// down the page ([`stack_columns`]).
pub(super) fn arrange(net: &mut Net, ts: &TypeScale, g: &Gauge) -> Columns {
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
