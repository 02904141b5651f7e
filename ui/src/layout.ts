// A left-to-right tree layout: one column per depth, leaves stacked in order, each
// parent centred on its children. Pure: sizes come from the caller's measure function,
// so tests run without a browser. (Issue 3 moves layout into Rust with real font
// metrics; this keeps the first window correct and readable until then.)
import type { TreeNode } from "./generated/types";

export interface Size {
  width: number;
  height: number;
}

export interface Card {
  node: TreeNode;
  depth: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Link {
  from: string;
  to: string;
  secondary: boolean;
  /** SVG path data. */
  d: string;
}

export interface TreeLayout {
  cards: Card[];
  links: Link[];
  width: number;
  height: number;
}

export interface LayoutOptions {
  levelGap: number;
  siblingGap: number;
  rootGap: number;
  margin: number;
}

export const defaultOptions: LayoutOptions = { levelGap: 64, siblingGap: 16, rootGap: 40, margin: 32 };

export function layoutTree(
  roots: TreeNode[],
  measure: (node: TreeNode) => Size,
  options: LayoutOptions = defaultOptions,
): TreeLayout {
  const sizes = new Map<string, Size>();
  const columnWidth: number[] = [];
  const visit = (n: TreeNode, depth: number) => {
    const s = measure(n);
    sizes.set(n.id, s);
    columnWidth[depth] = Math.max(columnWidth[depth] ?? 0, s.width);
    n.children.forEach((c) => visit(c, depth + 1));
  };
  roots.forEach((r) => visit(r, 0));

  const columnX: number[] = [];
  let x = options.margin;
  for (let d = 0; d < columnWidth.length; d++) {
    columnX[d] = x;
    x += columnWidth[d] + options.levelGap;
  }

  const cards: Card[] = [];
  const byId = new Map<string, Card>();
  let cursor = options.margin;
  // Returns the card's centre y.
  const place = (n: TreeNode, depth: number): number => {
    const size = sizes.get(n.id)!;
    let cy: number;
    if (n.children.length === 0) {
      cy = cursor + size.height / 2;
      cursor += size.height + options.siblingGap;
    } else {
      const start = cursor;
      const first = cards.length;
      const centres = n.children.map((c) => place(c, depth + 1));
      cy = (centres[0] + centres[centres.length - 1]) / 2;
      // A parent taller than its children's span would reach above `start` into the
      // previous sibling's rows: move the whole subtree down instead.
      const shift = start - (cy - size.height / 2);
      if (shift > 0) {
        for (let i = first; i < cards.length; i++) cards[i].y += shift;
        cy += shift;
        cursor += shift;
      }
      cursor = Math.max(cursor, cy + size.height / 2 + options.siblingGap);
    }
    const card: Card = { node: n, depth, x: columnX[depth], y: cy - size.height / 2, width: size.width, height: size.height };
    cards.push(card);
    byId.set(n.id, card);
    return cy;
  };
  roots.forEach((r, i) => {
    if (i > 0) cursor += options.rootGap - options.siblingGap;
    place(r, 0);
  });

  const links: Link[] = [];
  for (const card of cards) {
    for (const child of card.node.children) {
      const c = byId.get(child.id)!;
      // The vertical run sits in the gap before the child column, clear of every card.
      const mid = columnX[c.depth] - options.levelGap / 2;
      const y1 = card.y + card.height / 2;
      const y2 = c.y + c.height / 2;
      links.push({ from: card.node.id, to: child.id, secondary: false, d: `M${card.x + card.width} ${y1}H${mid}V${y2}H${c.x}` });
    }
    for (const parentId of card.node.extra_parents) {
      const p = byId.get(parentId);
      if (!p) continue;
      const x1 = p.x + p.width;
      const y1 = p.y + p.height / 2;
      const x2 = card.x;
      const y2 = card.y + card.height / 2;
      const bend = Math.max(40, Math.abs(x2 - x1) / 2);
      links.push({ from: parentId, to: card.node.id, secondary: true, d: `M${x1} ${y1}C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2} ${y2}` });
    }
  }

  const width = Math.max(...cards.map((c) => c.x + c.width), 0) + options.margin;
  const height = Math.max(...cards.map((c) => c.y + c.height), 0) + options.margin;
  return { cards, links, width, height };
}
