// What the window knows about the drawn diagram, from the payload's geometry (the
// scene's own boxes and links, in the order the SVG paints them): card boxes, who is
// linked to whom, and moving between cards with the arrow keys. The SVG is only shown,
// never read back for geometry.
import { BackendError } from "./backend";
import type { Geometry } from "./generated/types";
import type { Box } from "./viewport";

export type Arrow = "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown";

export interface EdgeInfo {
  from: string;
  to: string;
  kind: string;
  el: SVGGElement;
}

export interface DiagramIndex {
  boxes: Map<string, Box>;
  cards: Map<string, SVGGElement>;
  /** Card ids in drawing order (pre-order in the tree view). */
  order: string[];
  edges: EdgeInfo[];
  byNode: Map<string, EdgeInfo[]>;
  /** Elements carrying each highlight class (some may be out of the document while a
   * large diagram draws only its visible part, so they are tracked, not queried). */
  marked: Map<string, Element[]>;
}

/** Parses SVG made by the Rust painter. DOMParser never runs scripts, and the painter
 * escapes all dataset text, so nothing in a dataset can become markup. */
export function parseSvg(text: string): SVGSVGElement {
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  const root = doc.documentElement;
  if (root.nodeName !== "svg") throw new BackendError("svg", "the diagram could not be read");
  return document.importNode(root, true) as unknown as SVGSVGElement;
}

/** The drawing's layer of `kind` ("cards", "edges", "labels"): the elements the
 * geometry's lists of that kind describe, in the same order. */
export function layer(svg: SVGSVGElement, kind: "cards" | "edges" | "labels"): Element[] {
  return [...(svg.querySelector(`:scope > g.${kind}`)?.children ?? [])];
}

/** Pairs each element of a layer with its entry in the geometry; they come from one
 * scene, so a difference in number means the two are out of step. */
export function paired<T>(els: Element[], entries: T[], what: string): [Element, T][] {
  if (els.length !== entries.length) {
    throw new BackendError("svg", `the drawing has ${els.length} ${what} and its geometry ${entries.length}`);
  }
  return els.map((el, i) => [el, entries[i]]);
}

export function indexDiagram(svg: SVGSVGElement, geometry: Geometry): DiagramIndex {
  const boxes = new Map<string, Box>();
  const cards = new Map<string, SVGGElement>();
  const order: string[] = [];
  for (const [el, card] of paired(layer(svg, "cards"), geometry.cards, "cards")) {
    if (cards.has(card.id)) continue;
    boxes.set(card.id, card.bounds);
    cards.set(card.id, el as SVGGElement);
    order.push(card.id);
  }
  const edges: EdgeInfo[] = [];
  const byNode = new Map<string, EdgeInfo[]>();
  for (const [el, edge] of paired(layer(svg, "edges"), geometry.edges, "links")) {
    const e = { from: edge.from, to: edge.to, kind: edge.kind, el: el as SVGGElement };
    edges.push(e);
    for (const id of [e.from, e.to]) {
      const list = byNode.get(id);
      if (list) list.push(e);
      else byNode.set(id, [e]);
    }
  }
  return { boxes, cards, order, edges, byNode, marked: new Map() };
}

/** The ids linked to `id` by a drawn edge. */
export function neighbours(index: DiagramIndex, id: string): Set<string> {
  const out = new Set<string>();
  for (const e of index.byNode.get(id) ?? []) out.add(e.from === id ? e.to : e.from);
  return out;
}

/** The nearest card in the arrow's direction: within a 45° cone first, scored by
 * distance with sideways offset weighted double; null when there is none. Pure. */
export function spatialNext(boxes: Map<string, Box>, from: string, key: Arrow): string | null {
  const a = boxes.get(from);
  if (!a) return null;
  const ax = a.x + a.w / 2;
  const ay = a.y + a.h / 2;
  let best: string | null = null;
  let bestScore = Infinity;
  for (const [id, b] of boxes) {
    if (id === from) continue;
    const dx = b.x + b.w / 2 - ax;
    const dy = b.y + b.h / 2 - ay;
    const [along, side] =
      key === "ArrowRight" ? [dx, dy] : key === "ArrowLeft" ? [-dx, dy] : key === "ArrowDown" ? [dy, dx] : [-dy, dx];
    if (along <= 1 || Math.abs(side) > along * 1.5 + 1) continue;
    const score = along + 2 * Math.abs(side);
    if (score < bestScore) {
      bestScore = score;
      best = id;
    }
  }
  return best;
}

/** Tree moves in the organisation view: towards the root goes to the parent, away
 * from it to the first child, and across to the previous or next sibling. Which arrow
 * is which follows the tree's direction. Pure: `parent` and `children` come from the
 * hierarchy edges. */
export function treeNext(
  id: string,
  key: Arrow,
  direction: "lr" | "rl" | "td" | "bu",
  parent: Map<string, string>,
  children: Map<string, string[]>,
  roots: string[],
): string | null {
  const out: Record<typeof direction, Arrow> = { lr: "ArrowRight", rl: "ArrowLeft", td: "ArrowDown", bu: "ArrowUp" };
  const back: Record<typeof direction, Arrow> = { lr: "ArrowLeft", rl: "ArrowRight", td: "ArrowUp", bu: "ArrowDown" };
  if (key === out[direction]) return children.get(id)?.[0] ?? null;
  if (key === back[direction]) return parent.get(id) ?? null;
  const p = parent.get(id);
  const siblings = p ? (children.get(p) ?? []) : roots;
  const i = siblings.indexOf(id);
  const forward = direction === "lr" || direction === "rl" ? key === "ArrowDown" : key === "ArrowRight";
  const j = forward ? i + 1 : i - 1;
  return i >= 0 && j >= 0 && j < siblings.length ? siblings[j] : null;
}

/** Parent and children of every card from the tree's primary (hierarchy) edges. */
export function treeOf(index: DiagramIndex) {
  const parent = new Map<string, string>();
  const children = new Map<string, string[]>();
  for (const e of index.edges) {
    if (e.kind !== "hierarchy" && e.kind !== "") continue;
    if (parent.has(e.to)) continue;
    parent.set(e.to, e.from);
    const list = children.get(e.from);
    if (list) list.push(e.to);
    else children.set(e.from, [e.to]);
  }
  // Siblings in drawing order (pre-order), which is their order in the data.
  const rank = new Map(index.order.map((id, i) => [id, i]));
  for (const list of children.values()) list.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
  const roots = index.order.filter((id) => !parent.has(id));
  return { parent, children, roots };
}

/** The box around a card and every card drawn under it in the tree; null for a card
 * not drawn. */
export function subtreeBox(index: DiagramIndex, id: string): Box | null {
  const first = index.boxes.get(id);
  if (!first) return null;
  const { children } = treeOf(index);
  let [x0, y0, x1, y1] = [first.x, first.y, first.x + first.w, first.y + first.h];
  const stack = [...(children.get(id) ?? [])];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const b = index.boxes.get(next);
    if (b) [x0, y0, x1, y1] = [Math.min(x0, b.x), Math.min(y0, b.y), Math.max(x1, b.x + b.w), Math.max(y1, b.y + b.h)];
    stack.push(...(children.get(next) ?? []));
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** Marks a card and what it is linked to; everything else is dimmed by CSS. */
function mark(index: DiagramIndex, cls: string, els: (Element | undefined)[]) {
  for (const el of index.marked.get(cls) ?? []) el.classList.remove(cls);
  const list = els.filter((e): e is Element => !!e);
  for (const el of list) el.classList.add(cls);
  index.marked.set(cls, list);
}

export function highlight(svg: SVGSVGElement, index: DiagramIndex, id: string | null, cls = "hl") {
  const on = id !== null && index.cards.has(id);
  svg.classList.toggle(`has-${cls}`, on);
  const els: (Element | undefined)[] = [];
  if (on) {
    els.push(index.cards.get(id));
    for (const e of index.byNode.get(id) ?? []) els.push(e.el, index.cards.get(e.from === id ? e.to : e.from));
  }
  mark(index, cls, els);
}

/** Marks a set of cards and the drawn edges between consecutive ones (a path). */
export function highlightPath(svg: SVGSVGElement, index: DiagramIndex, ids: string[], cls = "on-path") {
  svg.classList.toggle(`has-${cls}`, ids.some((id) => index.cards.has(id)));
  const els: (Element | undefined)[] = ids.map((id) => index.cards.get(id));
  for (let i = 0; i + 1 < ids.length; i++) {
    for (const e of index.byNode.get(ids[i]) ?? []) {
      if ((e.from === ids[i] && e.to === ids[i + 1]) || (e.to === ids[i] && e.from === ids[i + 1])) els.push(e.el);
    }
  }
  mark(index, cls, els);
}
