//! Measure: the edge labels, the slots that hold them, and the lanes' headings.

use super::tracks::{Corridors, Ports};
use super::{Ctx, Grid, Lane, LinkLabel};
use crate::font::{wrap, Metrics, Weight};
use crate::scene::{
    baseline, label_box, label_box_within, Point, Rect, TextRole, TextRun, TypeScale,
};

/// A label measured at the origin: its box and its text runs.
pub(super) type Measured = (Rect, Vec<TextRun>);

/// The labels, and the slots of the items that take them.
pub(super) struct Slots {
    /// Each link's label, measured at the origin.
    pub(super) labels: Vec<Option<Measured>>,
    /// Each item's slot width: its card's, or its widest incoming label's.
    pub(super) w: Vec<f32>,
    /// How tall each item's stack of incoming labels is.
    pub(super) stack_h: Vec<f32>,
    pub(super) gap: f32,
}

impl Slots {
    /// A cell's width: its slots side by side.
    pub(super) fn cell_width(&self, cell: &[usize]) -> f32 {
        if cell.is_empty() {
            0.0
        } else {
            cell.iter().map(|&i| self.w[i]).sum::<f32>() + self.gap * (cell.len() - 1) as f32
        }
    }

    /// Where, relative to a cell's left end, each slot starts.
    pub(super) fn offsets(&self, cell: &[usize]) -> Vec<f32> {
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

/// Measure: takes the links, the entry ports and the corridors; gives the labels,
/// measured at the origin, and each item's slot width and label stack height. A side
/// link's label is wrapped to what lies between its line and its target's middle
/// (half the card, and the lane's padding at least); it does not widen the slot.
pub(super) fn measure_slots(cx: Ctx, ports: &Ports, corridors: &Corridors) -> Slots {
    let (items, links, gaps, ts) = (cx.items, cx.links, cx.gaps, cx.ts);
    let n = items.len();
    let labels: Vec<Option<Measured>> = links
        .iter()
        .enumerate()
        .map(|(li, l)| {
            let t = l.label.as_ref()?;
            Some(match corridors.side[li] {
                Some(_) => {
                    let room = items[l.to].card.width() / 2.0 + gaps.lane_pad;
                    measure_side_label(t, ts, room)
                }
                None => measure_label(t, ts),
            })
        })
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
        for &li in &ports.side_in[i] {
            if let Some((r, _)) = &labels[li] {
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

/// The lanes' headings.
pub(super) struct Headings {
    /// Each lane's heading, wrapped (none for a lane without a region).
    pub(super) lines: Vec<Vec<String>>,
    /// Each lane's heading width.
    pub(super) w: Vec<f32>,
    /// The most lines any heading takes.
    pub(super) count: usize,
    /// Whether any lane region is drawn (some lane has one, and there are laned rows).
    pub(super) drawn: bool,
    /// Whether each lane has a region.
    pub(super) region: Vec<bool>,
}

impl Headings {
    pub(super) fn new(lanes: &[Lane], grid: &Grid, ts: &TypeScale) -> Headings {
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

/// A side link's label, at most `width` wide (its text and note run together in up
/// to three lines).
fn measure_side_label(label: &LinkLabel, ts: &TypeScale, width: f32) -> (Rect, Vec<TextRun>) {
    let text = match &label.note {
        Some(note) => format!("{} {note}", label.text),
        None => label.text.clone(),
    };
    label_box_within(&text, Point::new(0.0, 0.0), ts, width - ts.pad * 0.67, 3)
}
