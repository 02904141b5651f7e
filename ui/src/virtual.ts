// Large diagrams stay fluid by drawing only what is visible. The painter's SVG keeps
// cards, edges and edge labels in three layers (g.cards, g.edges, g.labels); for a big
// diagram their children are taken out, filed in a grid by their boxes (the payload's
// geometry, in the layers' order), and put back
// only while they are within a screen of the visible part. Zoomed far out, where text
// would be under a few pixels anyway, the layers are emptied and a canvas the size of
// the window draws cards as blocks and edges as lines instead.
import { layer, paired } from "./diagram";
import type { Geometry } from "./generated/types";
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
  /** Cards: the card's id. */
  card?: string;
}

/** Grid cells a box touches. Pure. */
export function cellsOf(b: Box, cell = CELL): string[] {
  const out: string[] = [];
  for (let i = Math.floor(b.x / cell); i <= Math.floor((b.x + b.w) / cell); i++) {
    for (let j = Math.floor(b.y / cell); j <= Math.floor((b.y + b.h) / cell); j++) out.push(`${i},${j}`);
  }
  return out;
}

export class Virtual {
  private items: Item[] = [];
  /** The items in the drawing now. */
  private live = new Set<Item>();
  private grid = new Map<string, Item[]>();
  private byId = new Map<string, Item>();
  private blocks = false;
  private frame = 0;
  private colours: Geometry["colours"];

  constructor(
    private svg: SVGSVGElement,
    private canvas: HTMLCanvasElement,
    geometry: Geometry,
  ) {
    this.colours = geometry.colours;
    const cards = paired(layer(svg, "cards"), geometry.cards, "cards");
    const edges = paired(layer(svg, "edges"), geometry.edges, "links");
    const labels = paired(layer(svg, "labels"), geometry.labels, "link labels");
    const items: Item[] = [
      ...edges.map(([el, e]) => ({ el, box: e.bounds, layer: el.parentElement!, live: false, points: e.points })),
      ...labels.map(([el, box]) => ({ el, box, layer: el.parentElement!, live: false })),
      ...cards.map(([el, c]) => {
        const item = { el, box: c.bounds, layer: el.parentElement!, live: false, card: c.id };
        this.byId.set(c.id, item);
        return item;
      }),
    ];
    for (const item of items) {
      item.el.remove();
      this.items.push(item);
      for (const c of cellsOf(item.box)) {
        const list = this.grid.get(c);
        if (list) list.push(item);
        else this.grid.set(c, [item]);
      }
    }
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
      if (item.card && x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h) return item.card;
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
        else if (item.card) cards.push(item);
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
