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

/// The blocks' sizes, from [`Compact::size_blocks`].
struct Blocks {
    /// Each block's extent along and across.
    main: Vec<f32>,
    cross: Vec<f32>,
    /// Each node's children's grid's extent across.
    grid_cross: Vec<f32>,
    /// Where each node's column widths, then its row depths, start in `lines`.
    line_start: Vec<u32>,
    lines: Vec<f32>,
}

impl Compact<'_> {
    /// With one column and more than one row (of `k` children), the trunk needs a lane
    /// left of the column.
    fn lead(&self, k: usize, cols: usize) -> f32 {
        if cols == 1 && k > 1 {
            self.gap
        } else {
            0.0
        }
    }

    /// Pass 1, children before parents: gives every block's size, and keeps each
    /// grid's column widths and row depths for the placing pass.
    fn size_blocks(&self) -> Blocks {
        let n = self.shape.parent.len();
        let (main_ext, cross_ext) = (&self.shape.main_ext[..], &self.shape.cross_ext[..]);
        let (gap, band) = (self.gap, self.band);
        let mut block_main = vec![0.0f32; n];
        let mut block_cross = vec![0.0f32; n];
        let mut grid_cross = vec![0.0f32; n];
        let mut line_start = vec![0u32; n];
        let mut lines: Vec<f32> = Vec::new();
        for i in (0..n).rev() {
            let k = self.children.of(i);
            if k.is_empty() {
                block_main[i] = main_ext[i];
                block_cross[i] = cross_ext[i];
                continue;
            }
            let cols = grid_columns(k.len(), self.columns);
            let rows = k.len().div_ceil(cols);
            let at = lines.len();
            line_start[i] = at as u32;
            lines.resize(at + cols + rows, 0.0);
            for (j, &c) in k.iter().enumerate() {
                let c = c as usize;
                let (r, col) = (j / cols, j % cols);
                lines[at + col] = lines[at + col].max(block_cross[c]);
                lines[at + cols + r] = lines[at + cols + r].max(block_main[c]);
            }
            let widths: f32 = lines[at..at + cols].iter().sum();
            let depths: f32 = lines[at + cols..at + cols + rows].iter().sum();
            grid_cross[i] = self.lead(k.len(), cols) + widths + gap * (cols - 1) as f32;
            block_cross[i] = cross_ext[i].max(grid_cross[i]);
            block_main[i] = main_ext[i] + depths + band * rows as f32;
        }
        Blocks {
            main: block_main,
            cross: block_cross,
            grid_cross,
            line_start,
            lines,
        }
    }

    /// Pass 2, parents before children: takes the blocks' sizes; gives every node's
    /// place. Roots sit side by side, each node's card centred at its block's top, its
    /// children's blocks centred in their cells.
    fn place_blocks(&self, blocks: &Blocks) -> GridPositions {
        let n = self.shape.parent.len();
        let (main_ext, cross_ext) = (&self.shape.main_ext[..], &self.shape.cross_ext[..]);
        let (gap, band, lines) = (self.gap, self.band, &blocks.lines);
        let mut main = vec![0.0f32; n];
        let mut cross = vec![0.0f32; n];
        let mut block = vec![0.0f32; n];
        let mut trunk = vec![f32::NAN; n];
        let mut cursor = 0.0f32;
        let mut main_size = 0.0f32;
        let mut cells: Vec<f32> = Vec::new();
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
            let cols = grid_columns(k.len(), self.columns);
            let rows = k.len().div_ceil(cols);
            let at = blocks.line_start[i] as usize;
            let left = b + (blocks.cross[i] - blocks.grid_cross[i]) / 2.0;
            // Cell corners: each column's start across, then each row's start along.
            cells.clear();
            let mut x = left + self.lead(k.len(), cols);
            for w in &lines[at..at + cols] {
                cells.push(x);
                x += w + gap;
            }
            let mut y = m + main_ext[i] + band;
            for d in &lines[at + cols..at + cols + rows] {
                cells.push(y);
                y += d + band;
            }
            if rows > 1 {
                trunk[i] = if cols == 1 {
                    left + gap / 2.0
                } else {
                    cells[cols / 2] - gap / 2.0
                };
            }
            for (j, &c) in k.iter().enumerate() {
                let c = c as usize;
                let (r, col) = (j / cols, j % cols);
                block[c] = cells[col] + (lines[at + col] - blocks.cross[c]) / 2.0;
                main[c] = cells[cols + r];
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
