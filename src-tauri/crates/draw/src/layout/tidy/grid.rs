//! The compact arrangement's coordinate pass: every subtree a block, children's
//! blocks in a grid.

use super::{child_lists, grid_columns, Children, Shape, Spacing, ROOT};

/// Where [`grid_positions`] put every node, plus what the connectors need.
#[derive(Debug, Clone, Default)]
pub struct GridPositions {
    /// Each card's near corner along and across the growth direction.
    pub main: Vec<f32>,
    pub cross: Vec<f32>,
    /// Where each node's block (its card and its children's grid) starts across.
    pub block: Vec<f32>,
    /// Across, where the trunk to a node's later rows runs; NaN when one row holds
    /// all its children (or it has none).
    pub trunk: Vec<f32>,
    /// How deep the blank band above each grid row is.
    pub band: f32,
    /// The whole forest's extent along and across.
    pub main_size: f32,
    pub cross_size: f32,
}

/// Places a forest given as a [`Shape`] in the compact arrangement (the module
/// comment describes it). `columns` sets each grid's columns ([`grid_columns`]).
/// Linear time: one backward pass sizes the blocks (children come after their parent
/// in pre-order, so they are sized first), one forward pass places them; no recursion.
/// `None` when the shape is not well formed (a parent after its child, arrays of
/// different lengths).
pub fn grid_positions(shape: &Shape, columns: f32, spacing: Spacing) -> Option<GridPositions> {
    if !shape.well_formed() {
        return None;
    }
    let Spacing { gap, level_gap } = spacing;
    let compact = Compact {
        shape,
        children: child_lists(&shape.parent),
        columns,
        gap,
        band: level_gap / 2.0,
    };
    let blocks = compact.size_blocks();
    Some(compact.place_blocks(&blocks))
}

/// What both passes of [`grid_positions`] read.
struct Compact<'a> {
    shape: &'a Shape,
    children: Children,
    columns: f32,
    gap: f32,
    /// How deep the blank band above each grid row is.
    band: f32,
}

/// One row of a grid: its children (the parent's list up to `end`, from the row
/// before's end), how wide it is across and how deep along.
#[derive(Debug, Clone, Copy)]
struct GridRow {
    end: u32,
    width: f32,
    depth: f32,
}

/// The blocks' sizes, from [`Compact::size_blocks`].
struct Blocks {
    /// Each block's extent along and across.
    main: Vec<f32>,
    cross: Vec<f32>,
    /// Each node's children's grid's extent across.
    grid_cross: Vec<f32>,
    /// Each node's grid rows: `rows[span.0..span.1]`.
    span: Vec<(u32, u32)>,
    rows: Vec<GridRow>,
}

impl Compact<'_> {
    /// With more than one row, the trunk to the later rows needs a lane left of them.
    fn lead(&self, rows: usize) -> f32 {
        if rows > 1 {
            self.gap
        } else {
            0.0
        }
    }

    /// Breaks children of widths `widths` into rows, packed row by row: each row as
    /// wide as its own children, filled up to the width `cols` average children take.
    /// (A grid of shared columns made every column as wide as its widest block, and a
    /// 1,000-person export was mostly empty cells.) Children of one width give the
    /// old grid exactly.
    fn pack(&self, widths: &[f32], depths: &[f32], out: &mut Vec<GridRow>) {
        let cols = grid_columns(widths.len(), self.columns);
        let average = widths.iter().sum::<f32>() / widths.len() as f32;
        let target = cols as f32 * average + (cols - 1) as f32 * self.gap;
        let mut row = GridRow {
            end: 0,
            width: 0.0,
            depth: 0.0,
        };
        for (j, (&w, &d)) in widths.iter().zip(depths).enumerate() {
            let wider = row.width + self.gap + w;
            if row.end > 0 && wider > target + 0.5 {
                out.push(row);
                row = GridRow {
                    end: row.end,
                    width: 0.0,
                    depth: 0.0,
                };
            }
            row.width = if row.width > 0.0 {
                row.width + self.gap + w
            } else {
                w
            };
            row.depth = row.depth.max(d);
            row.end = j as u32 + 1;
        }
        out.push(row);
    }

    /// Pass 1, children before parents: gives every block's size, and keeps each
    /// grid's rows for the placing pass.
    fn size_blocks(&self) -> Blocks {
        let n = self.shape.parent.len();
        let (main_ext, cross_ext) = (&self.shape.main_ext[..], &self.shape.cross_ext[..]);
        let band = self.band;
        let mut block_main = vec![0.0f32; n];
        let mut block_cross = vec![0.0f32; n];
        let mut grid_cross = vec![0.0f32; n];
        let mut span = vec![(0u32, 0u32); n];
        let mut rows: Vec<GridRow> = Vec::new();
        let (mut widths, mut depths) = (Vec::new(), Vec::new());
        for i in (0..n).rev() {
            let k = self.children.of(i);
            if k.is_empty() {
                block_main[i] = main_ext[i];
                block_cross[i] = cross_ext[i];
                continue;
            }
            widths.clear();
            depths.clear();
            widths.extend(k.iter().map(|&c| block_cross[c as usize]));
            depths.extend(k.iter().map(|&c| block_main[c as usize]));
            let at = rows.len();
            self.pack(&widths, &depths, &mut rows);
            span[i] = (at as u32, rows.len() as u32);
            let mine = &rows[at..];
            let widest = mine.iter().map(|r| r.width).fold(0.0f32, f32::max);
            let depth: f32 = mine.iter().map(|r| r.depth).sum();
            grid_cross[i] = self.lead(mine.len()) + widest;
            block_cross[i] = cross_ext[i].max(grid_cross[i]);
            block_main[i] = main_ext[i] + depth + band * mine.len() as f32;
        }
        Blocks {
            main: block_main,
            cross: block_cross,
            grid_cross,
            span,
            rows,
        }
    }

    /// Pass 2, parents before children: takes the blocks' sizes; gives every node's
    /// place. Roots sit side by side, each node's card centred at its block's top, its
    /// children's blocks centred in their cells.
    fn place_blocks(&self, blocks: &Blocks) -> GridPositions {
        let n = self.shape.parent.len();
        let (main_ext, cross_ext) = (&self.shape.main_ext[..], &self.shape.cross_ext[..]);
        let (gap, band) = (self.gap, self.band);
        let mut main = vec![0.0f32; n];
        let mut cross = vec![0.0f32; n];
        let mut block = vec![0.0f32; n];
        let mut trunk = vec![f32::NAN; n];
        let mut cursor = 0.0f32;
        let mut main_size = 0.0f32;
        for i in 0..n {
            if self.shape.parent[i] == ROOT {
                if i > 0 {
                    cursor += gap * 1.5;
                }
                block[i] = cursor;
                cursor += blocks.cross[i];
                main_size = main_size.max(blocks.main[i]);
            }
            let (b, m) = (block[i], main[i]);
            cross[i] = b + (blocks.cross[i] - cross_ext[i]) / 2.0;
            let k = self.children.of(i);
            if k.is_empty() {
                continue;
            }
            let rows = &blocks.rows[blocks.span[i].0 as usize..blocks.span[i].1 as usize];
            let left = b + (blocks.cross[i] - blocks.grid_cross[i]) / 2.0;
            let lead = self.lead(rows.len());
            if rows.len() > 1 {
                trunk[i] = left + gap / 2.0;
            }
            // Row by row: each child's block where the row's cursor is, the row's
            // top after the row before it and its band.
            let mut y = m + main_ext[i] + band;
            let mut j = 0usize;
            for row in rows {
                let mut x = left + lead;
                for &c in &k[j..row.end as usize] {
                    let c = c as usize;
                    block[c] = x;
                    main[c] = y;
                    x += blocks.cross[c] + gap;
                }
                j = row.end as usize;
                y += row.depth + band;
            }
        }
        GridPositions {
            main,
            cross,
            block,
            trunk,
            band,
            main_size,
            cross_size: cursor,
        }
    }
}
