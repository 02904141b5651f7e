//! Place: the widths across, every card's x, and the heights down the page.

use super::measure::{Headings, Slots};
use super::tracks::{Channels, Corridors, Ports};
use super::{Ctx, Gaps, Side};
use crate::scene::Rect;

/// Widths: slots make cells; cells make lanes and full rows; lanes and corridors make
/// the width. Gives every lane's and corridor's x.
pub(super) struct Across<'a> {
    pub(super) gaps: Gaps,
    pub(super) corridors: &'a Corridors,
    pub(super) right: usize,
    /// The content's width, corridors between lanes included.
    pub(super) width: f32,
    pub(super) lane_w: Vec<f32>,
    pub(super) lane_x: Vec<f32>,
}

impl<'a> Across<'a> {
    /// Takes the slots, the headings and the corridors; gives the lanes' widths and x,
    /// the lanes centred in the width.
    pub(super) fn new(
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

    /// Corridor `k`'s width, for its tracks and side tracks (between lanes, at least
    /// the lane gap).
    fn corridor_w(&self, k: usize) -> f32 {
        let (gap, track) = (self.gaps.lane_gap, self.gaps.track);
        let [a, b] = self.corridors.side_tracks[k];
        gap.max((self.corridors.tracks[k] + 1) as f32 * track + (a + b) as f32 * self.gaps.side)
    }

    /// The x of track `t` of corridor `k`; an inner corridor's tracks are centred in
    /// what its side tracks leave, the outer ones' run outside their side tracks.
    pub(super) fn corridor_x(&self, k: usize, t: usize) -> f32 {
        let (track, outer, side) = (self.gaps.track, self.gaps.outer, self.gaps.side);
        let [a, b] = self.corridors.side_tracks[k];
        if k == 0 {
            -outer - b as f32 * side - t as f32 * track
        } else if k == self.right {
            self.width + outer + a as f32 * side + t as f32 * track
        } else {
            let left = self.lane_x[k - 1] + self.lane_w[k - 1] + a as f32 * side;
            let room = self.corridor_w(k) - (a + b) as f32 * side;
            let used = (self.corridors.tracks[k].max(1) - 1) as f32 * track;
            left + (room - used) / 2.0 + t as f32 * track
        }
    }

    /// The x of side track `t` of corridor `k`, in the group of `side` (see
    /// [`Side::group`]): track 0 nearest the lane whose side it is.
    pub(super) fn side_x(&self, k: usize, side: Side, t: usize) -> f32 {
        let (outer, pitch) = (self.gaps.outer, self.gaps.side);
        let out = t as f32 * pitch;
        if k == 0 {
            -outer - out
        } else if k == self.right {
            self.width + outer + out
        } else if side == Side::Right {
            self.lane_x[k - 1] + self.lane_w[k - 1] + pitch / 2.0 + out
        } else {
            self.lane_x[k] - pitch / 2.0 - out
        }
    }

    /// Bounds: takes the content's bottom; gives the content plus any corridor in use
    /// outside it.
    pub(super) fn bounds(&self, bottom: f32) -> Rect {
        let tracks = &self.corridors.tracks;
        let sides = &self.corridors.side_tracks;
        let mut left = 0.0f32;
        if tracks[0] > 0 {
            left = left.min(self.corridor_x(0, tracks[0] - 1));
        }
        if sides[0][1] > 0 {
            left = left.min(self.side_x(0, Side::Left, sides[0][1] - 1));
        }
        let mut right_x = self.width;
        if tracks[self.right] > 0 {
            right_x = right_x.max(self.corridor_x(self.right, tracks[self.right] - 1));
        }
        if sides[self.right][0] > 0 {
            right_x = right_x.max(self.side_x(self.right, Side::Right, sides[self.right][0] - 1));
        }
        Rect {
            x: left,
            y: 0.0,
            w: right_x - left,
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
pub(super) fn place_x(cx: Ctx, slots: &Slots, across: &Across) -> (Vec<f32>, Vec<f32>) {
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
pub(super) struct Down {
    /// Where each channel starts.
    pub(super) channel_top: Vec<f32>,
    /// Where each row's cards start.
    pub(super) row_top: Vec<f32>,
    /// The lane regions' top and bottom.
    pub(super) region_top: f32,
    pub(super) region_bottom: f32,
    /// The bottom of everything.
    pub(super) bottom: f32,
}

/// Place down: takes the channels, the label stacks and the headings; gives the
/// heights, top to bottom: channel, (heading band), label strip, row.
pub(super) fn stack_rows(
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
