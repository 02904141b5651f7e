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
    grid_rows(shape, Rows::Factor(columns), spacing)
}

/// How each grid's rows are filled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rows {
    /// Up to the width `⌈factor·√k⌉` average children take, everywhere ([`grid_columns`]).
    Factor(f32),
    /// Grids of leaves the width that brings the drawing nearest to filling a box of
    /// this shape (across ÷ along); a grid with a subtree in it keeps its children in
    /// one row, as tidy trees do, so no trunk runs past a subtree to a later row (the
    /// eye cannot follow one). Org charts draw this "mixed" look: teams side by side,
    /// each team's members in a block under it.
    Shape(f32),
}

/// [`grid_positions`] with each grid's rows filled as `rows` says.
pub fn grid_rows(shape: &Shape, rows: Rows, spacing: Spacing) -> Option<GridPositions> {
    if !shape.well_formed() {
        return None;
    }
    let Spacing { gap, level_gap } = spacing;
    let compact = Compact {
        shape,
        children: child_lists(&shape.parent),
        rows,
        gap,
        band: level_gap / 2.0,
    };
    let blocks = compact.refined_blocks();
    Some(compact.place_blocks(&blocks))
}

/// What both passes of [`grid_positions`] read.
struct Compact<'a> {
    shape: &'a Shape,
    children: Children,
    rows: Rows,
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
    /// Each grid's row width, in average children (0 for a leaf).
    cols: Vec<u32>,
}

/// Most grids [`Compact::refined_blocks`] refines as a whole.
const REFINED: usize = 32;

/// The row widths a shaped grid of `k` children tries, in average children: 1, 2, 3,
/// 4, 6, 8, 12, 16, … up to `k`, dense where a few children differ most.
fn row_widths(k: usize) -> impl Iterator<Item = usize> {
    std::iter::successors(Some(1usize), |&c| {
        Some(if c < 4 { c + 1 } else { c + c / 2 })
    })
    .take_while(move |&c| c <= k)
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
    fn pack(&self, widths: &[f32], depths: &[f32], cols: usize, out: &mut Vec<GridRow>) {
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

    /// Breaks children into even rows of about `cols` each: ⌈k / cols⌉ rows, the first
    /// ones a child longer when they do not divide evenly (a grid of leaves reads as a
    /// block, not as rows cut wherever a wide card fell).
    fn pack_even(&self, widths: &[f32], depths: &[f32], cols: usize, out: &mut Vec<GridRow>) {
        let k = widths.len();
        let rows = k.div_ceil(cols.max(1));
        let (base, longer) = (k / rows, k % rows);
        let mut start = 0usize;
        for r in 0..rows {
            let end = start + base + usize::from(r < longer);
            let w = &widths[start..end];
            out.push(GridRow {
                end: end as u32,
                width: w.iter().sum::<f32>() + self.gap * (w.len() - 1) as f32,
                depth: depths[start..end].iter().copied().fold(0.0, f32::max),
            });
            start = end;
        }
    }

    /// The extent across and along of a block whose card is `card` (across, along)
    /// and whose grid has `rows`.
    fn block_of(&self, card: (f32, f32), rows: &[GridRow]) -> (f32, f32) {
        let widest = rows.iter().map(|r| r.width).fold(0.0f32, f32::max);
        let depth: f32 = rows.iter().map(|r| r.depth).sum();
        (
            card.0.max(self.lead(rows.len()) + widest),
            card.1 + depth + self.band * rows.len() as f32,
        )
    }

    /// Packs one grid's children as [`Rows`] says, or in rows `fixed` average children
    /// wide when it is not 0, appending its rows to `out`; gives the width used.
    /// `Shape` tries widths of 1, 2, 3, 4, 6, 8, 12, … average children ([`widths`],
    /// each try linear) and keeps the one whose block is nearest the ratio.
    fn pack_grid(
        &self,
        widths: &[f32],
        depths: &[f32],
        card: (f32, f32),
        (fixed, leaves): (u32, bool),
        out: &mut Vec<GridRow>,
    ) -> u32 {
        let k = widths.len();
        let ratio = match self.rows {
            Rows::Shape(_) if !leaves => {
                self.pack(widths, depths, k, out);
                return k as u32;
            }
            Rows::Shape(_) if fixed > 0 => {
                self.pack_even(widths, depths, fixed as usize, out);
                return fixed;
            }
            _ if fixed > 0 => {
                self.pack(widths, depths, fixed as usize, out);
                return fixed;
            }
            Rows::Factor(columns) => {
                let cols = grid_columns(k, columns);
                self.pack(widths, depths, cols, out);
                return cols as u32;
            }
            Rows::Shape(ratio) => ratio,
        };
        let mut best: Option<(f32, usize, Vec<GridRow>)> = None;
        let mut tried = Vec::new();
        for cols in row_widths(k) {
            tried.clear();
            self.pack_even(widths, depths, cols, &mut tried);
            let (across, along) = self.block_of(card, &tried);
            let miss = (across / along.max(1.0) / ratio).ln().abs();
            if best.as_ref().is_none_or(|(m, _, _)| miss < *m) {
                best = Some((miss, cols, tried.clone()));
            }
        }
        let (_, cols, rows) = best.expect("a grid has a child");
        out.extend(rows);
        cols as u32
    }

    /// Every grid's children in one row (leaves get 0: no grid).
    fn one_row_each(&self) -> Vec<u32> {
        (0..self.shape.parent.len())
            .map(|i| self.children.of(i).len() as u32)
            .collect()
    }

    /// The forest's extent across and along: the roots' blocks side by side.
    fn forest(&self, blocks: &Blocks) -> (f32, f32) {
        let (mut across, mut along, mut roots) = (0.0f32, 0.0f32, 0usize);
        for (i, &p) in self.shape.parent.iter().enumerate() {
            if p == ROOT {
                across += blocks.cross[i];
                along = along.max(blocks.main[i]);
                roots += 1;
            }
        }
        (
            across + self.gap * 1.5 * roots.saturating_sub(1) as f32,
            along,
        )
    }

    /// The blocks, with `Shape` grids refined as a whole when the forest is small: the
    /// shape chosen grid by grid (each nearest the ratio on its own) is the start;
    /// then, twice over, each grid from the top takes the row width that brings the
    /// whole forest nearest to filling a box of the ratio, the others kept. (A grid
    /// chosen on its own cannot know that a flatter one lets its parent stack its
    /// siblings.) At most [`REFINED`] grids are refined: each try sizes every block.
    fn refined_blocks(&self) -> Blocks {
        let blocks = self.size_blocks(&[]);
        let ratio = match self.rows {
            Rows::Shape(ratio) => ratio,
            Rows::Factor(_) => return blocks,
        };
        let grids: Vec<usize> = (0..self.shape.parent.len())
            .filter(|&i| {
                let k = self.children.of(i);
                k.len() > 1 && k.iter().all(|&c| self.children.of(c as usize).is_empty())
            })
            .collect();
        if grids.len() > REFINED {
            return blocks;
        }
        // How large a box of the ratio must be to hold the forest (its height).
        let need = |b: &Blocks| {
            let (across, along) = self.forest(b);
            (across / ratio).max(along)
        };
        // Two starts: each grid's own choice, and every grid in one row (from which
        // folding the deepest grids first finds what single moves from the first
        // cannot).
        let mut fixed = blocks.cols.clone();
        let mut best = need(&blocks);
        for start in [blocks.cols.clone(), self.one_row_each()] {
            let mut mine = start;
            let mut score = need(&self.size_blocks(&mine));
            for pass in 0..3 {
                let order: Box<dyn Iterator<Item = &usize>> = if pass % 2 == 0 {
                    Box::new(grids.iter().rev())
                } else {
                    Box::new(grids.iter())
                };
                for &g in order {
                    // The best width so far: a later, worse try goes back to it.
                    let mut kept = mine[g];
                    for cols in row_widths(self.children.of(g).len()) {
                        mine[g] = cols as u32;
                        let tried = need(&self.size_blocks(&mine));
                        if tried < score - 0.5 {
                            (score, kept) = (tried, mine[g]);
                        } else {
                            mine[g] = kept;
                        }
                    }
                }
            }
            if score < best - 0.5 {
                (best, fixed) = (score, mine);
            }
        }
        self.size_blocks(&fixed)
    }

    /// Pass 1, children before parents: gives every block's size, and keeps each
    /// grid's rows for the placing pass.
    fn size_blocks(&self, fixed: &[u32]) -> Blocks {
        let n = self.shape.parent.len();
        let mut cols = vec![0u32; n];
        let (main_ext, cross_ext) = (&self.shape.main_ext[..], &self.shape.cross_ext[..]);
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
            let mine = fixed.get(i).copied().unwrap_or(0);
            let card = (cross_ext[i], main_ext[i]);
            let leaves = k.iter().all(|&c| self.children.of(c as usize).is_empty());
            cols[i] = self.pack_grid(&widths, &depths, card, (mine, leaves), &mut rows);
            span[i] = (at as u32, rows.len() as u32);
            let mine = &rows[at..];
            let widest = mine.iter().map(|r| r.width).fold(0.0f32, f32::max);
            grid_cross[i] = self.lead(mine.len()) + widest;
            (block_cross[i], block_main[i]) = self.block_of((cross_ext[i], main_ext[i]), mine);
        }
        Blocks {
            main: block_main,
            cross: block_cross,
            grid_cross,
            span,
            rows,
            cols,
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
