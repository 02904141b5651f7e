// Large diagrams stay fluid by drawing only what is visible. The painter's SVG keeps
// cards, edges and edge labels in three layers (g.cards, g.edges, g.labels); for a big
// diagram their children are taken out, filed in a grid by their boxes, and put back
// only while they are within a screen of the visible part. Zoomed far out, where text
// would be under a few pixels anyway, the layers are emptied and a canvas the size of
// the window draws cards as blocks and edges as lines instead.
import type { Box } from "./viewport";

/** Above this many cards a diagram is drawn virtually. */
export const VIRTUAL_FROM = 600;
/** Below this zoom a virtual diagram is drawn as blocks on a canvas. */
export const BLOCKS_BELOW = 0.3;
const CELL = 512;

interface Item {
  el: Element;
  box: Box;
  layer: Element;
  live: boolean;
  /** Edges: the route's points, for the block drawing. */
  points?: number[];
}

/** The bounding box of an SVG path made of M, L and H/V commands (what the painter
 * writes for routes), and its points. */
export function pathBox(d: string): { box: Box; points: number[] } | null {
  const nums = d.match(/-?\d+(?:\.\d+)?/g)?.map(Number) ?? [];
  if (nums.length < 2) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const points: number[] = [];
  for (let i = 0; i + 1 < nums.length; i += 2) {
    const x = nums[i];
    const y = nums[i + 1];
    points.push(x, y);
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return { box: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, points };
}

/** Grid cells a box touches. Pure. */
export function cellsOf(b: Box, cell = CELL): string[] {
  const out: string[] = [];
  for (let i = Math.floor(b.x / cell); i <= Math.floor((b.x + b.w) / cell); i++) {
    for (let j = Math.floor(b.y / cell); j <= Math.floor((b.y + b.h) / cell); j++) out.push(`${i},${j}`);
  }
  return out;
}

const num = (el: Element | null, a: string) => Number(el?.getAttribute(a) ?? 0);

export class Virtual {
  private items: Item[] = [];
  /** The items in the drawing now. */
  private live = new Set<Item>();
  private grid = new Map<string, Item[]>();
  private byId = new Map<string, Item>();
  private blocks = false;
  private frame = 0;
  private colours = { card: "#ffffff", border: "#b9c1cd", line: "#8a94a6" };

  constructor(
    private svg: SVGSVGElement,
    private canvas: HTMLCanvasElement,
  ) {
    for (const layer of svg.querySelectorAll(":scope > g.edges, :scope > g.labels, :scope > g.cards")) {
      for (const el of [...layer.children]) {
        const item = this.file(el, layer);
        if (item) {
          el.remove();
          this.items.push(item);
          for (const c of cellsOf(item.box)) {
            const list = this.grid.get(c);
            if (list) list.push(item);
            else this.grid.set(c, [item]);
          }
        }
      }
    }
    const bg = svg.querySelector(".card-bg");
    const border = svg.querySelector(".card-border");
    const line = svg.querySelector("g.edge path");
    this.colours = {
      card: bg?.getAttribute("fill") ?? this.colours.card,
      border: border?.getAttribute("stroke") ?? this.colours.border,
      line: line?.getAttribute("stroke") ?? this.colours.line,
    };
  }

  private file(el: Element, layer: Element): Item | null {
    if (el.matches("g.card")) {
      const bg = el.querySelector(".card-bg");
      const box = { x: num(bg, "x"), y: num(bg, "y"), w: num(bg, "width"), h: num(bg, "height") };
      const item = { el, box, layer, live: false };
      const id = el.getAttribute("data-id");
      if (id) this.byId.set(id, item);
      return item;
    }
    if (el.matches("g.edge")) {
      const p = pathBox(el.querySelector("path")?.getAttribute("d") ?? "");
      return p ? { el, box: p.box, layer, live: false, points: p.points } : null;
    }
    const r = el.querySelector("rect");
    if (!r) return null;
    return { el, box: { x: num(r, "x"), y: num(r, "y"), w: num(r, "width"), h: num(r, "height") }, layer, live: false };
  }

  get size() {
    return this.items.length;
  }

  /** Puts a card in the drawing now (before focusing it), whatever the viewport. */
  ensure(id: string) {
    const item = this.byId.get(id);
    if (item && !item.live && !this.blocks) {
      item.layer.append(item.el);
      item.live = true;
      this.live.add(item);
    }
  }

  /** The card whose box holds the diagram point, for clicks on the block drawing. */
  cardAt(x: number, y: number): string | null {
    for (const item of this.grid.get(`${Math.floor(x / CELL)},${Math.floor(y / CELL)}`) ?? []) {
      const b = item.box;
      if (item.el.matches("g.card") && x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h) {
        return item.el.getAttribute("data-id");
      }
    }
    return null;
  }

  /** Schedules a redraw for the visible part `v` (diagram units) at zoom `z`. */
  update(v: Box, z: number, offset: { x: number; y: number }) {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.now(v, z, offset));
  }

  /** Redraws at once. `offset`: where the visible part's corner is in the canvas's box. */
  now(v: Box, z: number, offset = { x: 0, y: 0 }) {
    this.frame = 0;
    const blocks = z < BLOCKS_BELOW;
    if (blocks !== this.blocks) {
      this.blocks = blocks;
      this.canvas.hidden = !blocks;
      this.svg.classList.toggle("as-blocks", blocks);
    }
    if (blocks) {
      for (const item of this.live) {
        item.el.remove();
        item.live = false;
      }
      this.live.clear();
      this.paint(v, z, offset);
      return;
    }
    // Within one screen of the visible part: panning finds its next cards already there.
    const m = { x: v.x - v.w, y: v.y - v.h, w: v.w * 3, h: v.h * 3 };
    const want = new Set<Item>();
    for (const c of cellsOf(m)) {
      for (const item of this.grid.get(c) ?? []) {
        const b = item.box;
        if (b.x <= m.x + m.w && b.x + b.w >= m.x && b.y <= m.y + m.h && b.y + b.h >= m.y) want.add(item);
      }
    }
    for (const item of this.live) {
      if (!want.has(item)) {
        item.el.remove();
        item.live = false;
      }
    }
    for (const item of want) {
      if (!item.live) {
        item.layer.append(item.el);
        item.live = true;
      }
    }
    this.live = want;
  }

  private paint(v: Box, z: number, offset: { x: number; y: number }) {
    const c = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth;
    const h = c.clientHeight;
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
      c.width = Math.round(w * dpr);
      c.height = Math.round(h * dpr);
    }
    const g = c.getContext("2d");
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    g.setTransform(dpr * z, 0, 0, dpr * z, dpr * (offset.x - v.x * z), dpr * (offset.y - v.y * z));
    const seen = new Set<Item>();
    const edges: Item[] = [];
    const cards: Item[] = [];
    for (const cell of cellsOf(v)) {
      for (const item of this.grid.get(cell) ?? []) {
        if (seen.has(item)) continue;
        seen.add(item);
        if (item.points) edges.push(item);
        else if (item.el.matches("g.card")) cards.push(item);
      }
    }
    g.strokeStyle = this.colours.line;
    g.lineWidth = 1 / z;
    g.beginPath();
    for (const e of edges) {
      const p = e.points!;
      g.moveTo(p[0], p[1]);
      for (let i = 2; i + 1 < p.length; i += 2) g.lineTo(p[i], p[i + 1]);
    }
    g.stroke();
    g.fillStyle = this.colours.card;
    g.strokeStyle = this.colours.border;
    for (const item of cards) {
      const b = item.box;
      g.fillRect(b.x, b.y, b.w, b.h);
      g.strokeRect(b.x, b.y, b.w, b.h);
    }
  }
}
