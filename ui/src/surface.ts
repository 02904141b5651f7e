// The diagram on screen, below the drawing itself: the viewport (scroll and zoom) and
// the minimap, fitting, bringing a card into view, keyboard focus and arrow moves
// between cards, and the marks on drawn cards (selection, a flash).
import { fitZoom, stepZoom, clampZoom } from "./zoom";
import { Minimap, Viewport } from "./viewport";
import { spatialNext, treeNext, treeOf, type Arrow } from "./diagram";
import { $ } from "./dom";
import { drawnDirection, state, viewportSize } from "./state";
import { CORNERS, chooseCorner, intersects, rect, type Corner, type Rect } from "./place";
import { overCanvas, shownRect } from "./tooltip";

export function applyZoom() {
  const p = state.payload;
  const svg = $("scroller").querySelector("svg");
  if (!p || !svg) return;
  svg.setAttribute("width", String(Math.round(p.width * state.zoom)));
  svg.setAttribute("height", String(Math.round(p.height * state.zoom)));
  $("zoom-reset").textContent = `${Math.round(state.zoom * 100)}%`;
  // The exact zoom, for tests (the button shows it rounded).
  document.body.dataset.zoom = String(state.zoom);
  minimap.draw();
}

/** Zooms about the middle of the window (buttons and keys); the wheel zooms about
 * the pointer. */
export function setZoom(z: number) {
  if (!state.payload) {
    state.zoom = clampZoom(z);
    return;
  }
  viewport.zoomAbout(z);
}

export const viewport = new Viewport({
  scroller: $("scroller"),
  svg: () => $("scroller").querySelector("svg"),
  size: () => (state.payload ? { width: state.payload.width, height: state.payload.height } : null),
  zoom: () => state.zoom,
  applyZoom: (z) => {
    state.zoom = clampZoom(z);
    applyZoom();
  },
  moved: () => {
    minimap.draw();
    redrawVisible();
    settleMinimap();
  },
});

/** A large diagram: put in what is now visible (at once, or on the next frame). */
export function redrawVisible(now = false) {
  const v = state.virtual;
  const box = viewport.visible();
  if (!v || !box) return;
  if (now) v.now(box, state.zoom);
  else v.update(box, state.zoom, { x: 0, y: 0 });
}
export const minimap = new Minimap($<HTMLCanvasElement>("minimap"), viewport);

/** Brings a card into view (eased), unless it is already in view. */
export function reveal(id: string) {
  const b = state.index?.boxes.get(id);
  if (b && !viewport.shows(b)) viewport.centreOnBox(b);
}

/** Moves keyboard focus to a card (and the one tab stop with it). */
export function focusCard(id: string) {
  const index = state.index;
  const card = index?.cards.get(id);
  if (!index || !card) return;
  state.virtual?.ensure(id);
  for (const c of $("scroller").querySelectorAll('g.card[tabindex="0"]')) c.setAttribute("tabindex", "-1");
  card.setAttribute("tabindex", "0");
  card.focus({ preventScroll: true });
  reveal(id);
  placeMinimap();
}

export function arrowFrom(id: string, key: Arrow): string | null {
  const index = state.index;
  if (!index) return null;
  if (state.view === "org") {
    const t = treeOf(index);
    return treeNext(id, key, drawnDirection(), t.parent, t.children, t.roots) ?? null;
  }
  return spatialNext(index.boxes, id, key);
}

/** Zooms so the whole drawing fits the window, and centres it. */
export function fit() {
  const p = state.payload;
  if (!p) return;
  const box = viewportSize();
  viewport.unpin();
  viewport.zoomAbout(fitZoom(p.width, p.height, box.width, box.height));
  viewport.centreOn(p.width / 2, p.height / 2, false);
}

/** Runs `change`, which resizes the diagram canvas: a diagram that was shown whole is
 * fitted again to the new size; else the point in the middle stays in the middle. */
export function keepFitted(change: () => void) {
  const p = state.payload;
  const before = viewport.visible();
  const whole = !!p && viewport.shows({ x: 0, y: 0, w: p.width, h: p.height }, 0);
  change();
  if (!p || !before) return;
  if (whole) fit();
  else viewport.centreOn(before.x + before.w / 2, before.y + before.h / 2, false);
  placeMinimap();
}

export function markSelection() {
  const index = state.index;
  if (!index) return;
  for (const g of index.marked.get("selected") ?? []) g.classList.remove("selected");
  const card = state.selected ? index.cards.get(state.selected) : undefined;
  card?.classList.add("selected");
  index.marked.set("selected", card ? [card] : []);
  placeMinimap();
}

/** A short pulse on a card found by search or picked in a list. */
export function flash(id: string) {
  const card = state.index?.cards.get(id);
  if (!card) return;
  card.classList.remove("flash");
  void card.getBoundingClientRect();
  card.classList.add("flash");
}

/** The card an event happened on (its id), if any. */
export const cardOf = (e: Event) => (e.target as Element).closest?.("g.card")?.getAttribute("data-id") ?? null;

/** The zoom buttons: in, out, back to 100 %, and fit (the keys are in keys.ts). */
export function wireZoom() {
  $("zoom-in").addEventListener("click", () => setZoom(stepZoom(state.zoom, 1)));
  $("zoom-out").addEventListener("click", () => setZoom(stepZoom(state.zoom, -1)));
  $("zoom-reset").addEventListener("click", () => setZoom(1));
  $("zoom-fit").addEventListener("click", () => fit());
}

/** The cards the view opened on, while the camera is still where it opened: the
 * minimap keeps off them until the user moves. */
let opening: { left: number; top: number; zoom: number; boxes: Rect[] } | null = null;

/** The drawn cards on screen now (window coordinates), those in the diagram canvas. */
function cardsOnScreen(): Rect[] {
  const s = $("scroller");
  const area = s.getBoundingClientRect();
  const o = viewport.boxPoint(0, 0);
  const z = state.zoom;
  const out: Rect[] = [];
  for (const b of state.index?.boxes.values() ?? []) {
    const r = rect(area.left + o.x + b.x * z, area.top + o.y + b.y * z, b.w * z, b.h * z);
    if (intersects(r, area)) out.push(r);
  }
  return out;
}

/** Puts the minimap in a corner where it covers neither the selected nor the focused
 * card, nor a panel over the canvas, nor (when the view has just opened, `opened`) any
 * card the camera was fitted to; hidden when no corner is clear. */
export function placeMinimap(opened = false) {
  const map = $<HTMLCanvasElement>("minimap");
  const s = $("scroller");
  const camera = { left: s.scrollLeft, top: s.scrollTop, zoom: state.zoom };
  if (opened) opening = { ...camera, boxes: cardsOnScreen() };
  else if (opening && (opening.left !== camera.left || opening.top !== camera.top || opening.zoom !== camera.zoom)) opening = null;
  const keep = [...(opening?.boxes ?? []), ...overCanvas(["minimap", "search-results", "file-menu"])];
  const focused = (document.activeElement as Element | null)?.closest?.("#scroller g.card");
  for (const card of [state.selected ? state.index?.cards.get(state.selected) : undefined, focused]) {
    const r = card?.isConnected ? shownRect(card) : null;
    if (r) keep.push(r);
  }
  // The minimap's box in each corner, as the stylesheet puts it there.
  const current = (map.dataset.corner ?? "br") as Corner | "none";
  const at = {} as Record<Corner, Rect>;
  for (const c of CORNERS) {
    map.dataset.corner = c;
    const r = map.getBoundingClientRect();
    at[c] = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  }
  map.dataset.corner = chooseCorner(at, current === "none" ? "br" : current, keep) ?? "none";
}

let settling = 0;
/** Places the minimap again once the camera has stopped (a drag, an eased move). */
function settleMinimap() {
  window.clearTimeout(settling);
  settling = window.setTimeout(() => placeMinimap(), 150);
}

/** The canvas changes size (the details panel opens, the notes bar, the window). */
new ResizeObserver(() => settleMinimap()).observe($("scroller"));
