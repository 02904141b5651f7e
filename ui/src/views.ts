// Drawing and switching views: asks the backend for the view on show and puts it in
// the window (cards made navigable, "+N" made buttons, the legend as a filter), and
// the settings that redraw it (view, language, theme, direction, compact, folds,
// filters, a path on show).
import { toBackendError } from "./backend";
import type { Geometry, LegendFamily, LegendItem, ViewPayload } from "./generated/types";
import { t, ui, type Lang } from "./i18n";
import { VIRTUAL_FROM, Virtual } from "./virtual";
import { highlightPath, indexDiagram, parseSvg, subtreeBox, type DiagramIndex } from "./diagram";
import { $, h, hideMessage, showMessage } from "./dom";
import {
  drawnDirection,
  refold,
  request,
  save,
  state,
  type Direction,
  type Theme,
  type ViewName,
} from "./state";
import { applyZoom, fit, markSelection, minimap, placeMinimap, redrawVisible, viewport } from "./surface";
import { renderChrome } from "./chrome";
import { actions } from "./actions";
import { hideTip, nameDiagram, setTip, takeTitle } from "./tooltip";

/** A redraw after folds changed: the card to keep where it is on screen (the first of
 * `anchors` still drawn: ids with their box points, from `anchorsOf`), and what opened
 * (a unit's subtree, or "all"), brought into view when it would leave the window. */
export interface Refold {
  anchors: { id: string; x: number; y: number }[];
  opened: string | null;
}

/** Where `ids` (those drawn) are on screen now, for `Refold.anchors`. */
export function anchorsOf(ids: (string | null | undefined)[]): Refold["anchors"] {
  const out: Refold["anchors"] = [];
  for (const id of ids) {
    const b = id ? state.index?.boxes.get(id) : undefined;
    if (id && b) out.push({ id, ...viewport.boxPoint(b.x, b.y) });
  }
  return out;
}

/** Draws the current view. `keepScroll` keeps the scroll position as it is (a reload
 * of the same file: the user stays where they were looking); `refold` keeps a card in
 * place across a change of folds. */
export async function draw(keepScroll = false, refold?: Refold) {
  const generation = ++state.generation;
  const scrolled = keepScroll ? { left: $("scroller").scrollLeft, top: $("scroller").scrollTop } : null;
  let payload: ViewPayload;
  try {
    payload = await state.backend.view(request());
  } catch (e) {
    if (generation === state.generation) showMessage(t(ui.loadFailed, state.lang), toBackendError(e).message);
    return;
  }
  if (generation !== state.generation) return;
  hideMessage();
  state.payload = payload;
  state.unfold = null;
  state.reveal = null;
  state.foldLevel = null;
  // An organisation opens with levels folded to fit: take the backend's folds as the
  // window's own, so unfolding one ("+N") works like any other.
  if (state.view === "org") state.collapsed = new Set(payload.collapsed);
  renderChrome();
  $("view-title").textContent = payload.title;
  renderLegend();
  if (payload.ids.length === 0) {
    $("scroller").replaceChildren();
    showMessage(t(ui.empty, state.lang));
    return;
  }
  // Where the user was looking, to come back to after a redraw of the same view (a
  // language or theme switch, a filter): the same point as a fraction of the diagram.
  const before = state.fitted ? viewport.visible() : null;
  const svg = parseSvg(payload.svg);
  svg.classList.add("diagram");
  // A tooltip of the drawing going away (perhaps in the other language) goes with it.
  hideTip();
  nameDiagram(svg);
  const index = indexDiagram(svg, payload.geometry);
  state.index = index;
  makeNavigable(index);
  state.virtual = index.order.length > VIRTUAL_FROM ? new Virtual(svg, $<HTMLCanvasElement>("blocks"), payload.geometry) : null;
  $<HTMLCanvasElement>("blocks").hidden = true;
  document.body.dataset.virtual = String(!!state.virtual);
  document.body.dataset.cards = String(index.order.length);
  $("scroller").replaceChildren(svg);
  if (state.view === "org" && !state.virtual) markUnfold(index, payload.geometry);
  const opening = !state.fitted;
  if (opening) {
    // Open fitted and centred: the whole drawing in the window (an organisation is
    // folded by the backend so its text stays readable at this zoom).
    state.fitted = true;
    fit();
    if (!viewport.shows({ x: 0, y: 0, w: payload.width, h: payload.height }, 0)) {
      // Too large even at the smallest zoom: open on the subject or the tree's root.
      const sel = state.selected ? index.boxes.get(state.selected) : undefined;
      if (sel) viewport.centreOnBox(sel, false);
      else if (state.view === "org" && index.order.length) viewport.centreOnBox(index.boxes.get(index.order[0])!, false);
      else {
        const subject = payload.geometry.cards.find((c) => c.emphasis);
        if (subject) viewport.centreOnBox(subject.bounds, false);
      }
    }
  } else {
    applyZoom();
    if (refold) {
      keepPlace(refold, index, payload);
    } else if (scrolled) {
      $("scroller").scrollLeft = scrolled.left;
      $("scroller").scrollTop = scrolled.top;
    } else if (before) {
      viewport.centreOn(
        ((before.x + before.w / 2) / before.width) * payload.width,
        ((before.y + before.h / 2) / before.height) * payload.height,
        false,
      );
    }
  }
  redrawVisible(true);
  markSelection();
  minimap.set([...index.boxes.values()], { width: payload.width, height: payload.height });
  placeMinimap(opening);
  if (state.path.length) showPath(state.path);
  document.body.dataset.ready = "true";
  document.body.dataset.view = state.view;
}

/** After a change of folds: the anchor card where it was on screen, then what opened
 * brought into view if it left the window (the camera otherwise stays: F refits). */
function keepPlace(refold: Refold, index: DiagramIndex, payload: ViewPayload) {
  for (const a of refold.anchors) {
    const b = index.boxes.get(a.id);
    if (!b) continue;
    viewport.pin(b.x, b.y, a.x, a.y);
    break;
  }
  const opened =
    refold.opened === "all"
      ? { x: 0, y: 0, w: payload.width, h: payload.height }
      : refold.opened
        ? subtreeBox(index, refold.opened)
        : null;
  if (opened) viewport.bringIntoView(opened);
}

/** Makes the drawn cards and links reachable from the keyboard and named for screen
 * readers; links also get a wider stroke to click. */
function makeNavigable(index: DiagramIndex) {
  // One tab stop for the whole diagram (roving tabindex): Tab enters it, arrows move.
  const stop = state.selected && index.cards.has(state.selected) ? state.selected : index.order[0];
  for (const [id, card] of index.cards) {
    card.setAttribute("tabindex", id === stop ? "0" : "-1");
    card.setAttribute("role", "button");
    const label = takeTitle(card)?.split("\n")[0] ?? id;
    card.setAttribute("aria-label", label);
  }
  // Lines are thin: give each a wider invisible stroke to click (small diagrams only;
  // a big one is explored through its cards).
  const hit = index.edges.length <= 3000;
  for (const e of index.edges) {
    const line = e.el.querySelector("path");
    if (hit && line) {
      const wide = line.cloneNode() as SVGPathElement;
      for (const a of ["marker-end", "marker-start", "stroke-dasharray"]) wide.removeAttribute(a);
      wide.setAttribute("class", "edge-hit");
      wide.setAttribute("stroke", "transparent");
      wide.setAttribute("stroke-width", "12");
      e.el.append(wide);
    }
    const title = takeTitle(e.el);
    if (title) {
      e.el.setAttribute("role", "img");
      e.el.setAttribute("aria-label", title);
    }
  }
}

/** Makes each folded card's "+N" a button: the count is set in the link colour and
 * underlined, and a click on it (or Enter on the card) unfolds one level. The geometry
 * says which cards are folded and by how many; the count is the end of the card's line
 * that ends with it. */
function markUnfold(index: DiagramIndex, geometry: Geometry) {
  for (const { id, folded } of geometry.cards) {
    const card = index.cards.get(id);
    if (folded == null || !card) continue;
    const count = `+${folded}`;
    for (const text of card.querySelectorAll<SVGTextElement>("text")) {
      const s = text.textContent ?? "";
      if (!s.endsWith(count) || text.childElementCount > 0) continue;
      const at = s.length - count.length;
      const tspan = document.createElementNS("http://www.w3.org/2000/svg", "tspan");
      tspan.setAttribute("class", "unfold-count");
      tspan.textContent = count;
      text.textContent = s.slice(0, at);
      text.append(tspan);
      // The count's box, for a hit area a little larger than the glyphs.
      let box: DOMRect;
      try {
        const first = text.getExtentOfChar(at);
        const last = text.getExtentOfChar(s.length - 1);
        box = new DOMRect(first.x, first.y, last.x + last.width - first.x, first.height);
      } catch {
        continue;
      }
      const hit = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      hit.setAttribute("class", "unfold-hit");
      hit.setAttribute("x", String(box.x - 6));
      hit.setAttribute("y", String(box.y - 4));
      hit.setAttribute("width", String(box.width + 12));
      hit.setAttribute("height", String(box.height + 8));
      hit.setAttribute("rx", "6");
      hit.dataset.unfold = id;
      setTip(hit, `${t(ui.unfold, state.lang)} (${count})`);
      card.append(hit);
    }
  }
}

/** Families of relation kinds the user opened or closed, by name: a redraw keeps them
 * so. A family not in here is open while one of its kinds is switched off. */
const familyOpen = new Map<string, boolean>();

/** The legend, which doubles as the filter: single entries, and relation kinds under
 * their family's heading (a disclosure with the family's colour and link count), so a
 * map with many kinds of link still leaves room for the tours below. */
function renderLegend() {
  const legend = $("legend");
  legend.replaceChildren();
  const items = state.payload?.legend ?? [];
  const families = new Map((state.payload?.families ?? []).map((f) => [f.name, f]));
  for (let i = 0; i < items.length; ) {
    const name = items[i].family;
    const family = name === undefined ? undefined : families.get(name);
    if (name === undefined || !family) {
      legend.append(legendEntry(items[i]));
      i++;
      continue;
    }
    let end = i;
    while (end < items.length && items[end].family === name) end++;
    legend.append(legendFamily(family, items.slice(i, end)));
    i = end;
  }
}

/** A family's heading over its entries, as a disclosure. */
function legendFamily(family: LegendFamily, members: LegendItem[]): HTMLElement {
  const li = h("li", "legend-family");
  const details = h("details");
  details.open = familyOpen.get(family.name) ?? members.some((m) => m.hidden);
  details.addEventListener("toggle", () => familyOpen.set(family.name, details.open));
  const summary = h("summary");
  const sw = h("span", "swatch");
  if (family.swatch_svg) sw.append(parseSvg(family.swatch_svg));
  const off = members.filter((m) => m.hidden).length;
  summary.append(sw, h("span", "legend-label", family.name), h("span", "legend-count", String(family.count)));
  if (off) summary.classList.add("partly-off");
  summary.title = t(ui.familyTip, state.lang);
  const list = h("ul", "legend legend-kinds");
  for (const m of members) list.append(legendEntry(m));
  details.append(summary, list);
  li.append(details);
  return li;
}

/** One legend entry: a toggle when it can be filtered. */
function legendEntry(item: LegendItem): HTMLElement {
  const li = h("li");
  const sw = h("span", "swatch");
  sw.append(parseSvg(item.swatch_svg));
  const parts: HTMLElement[] = [sw, h("span", "legend-label", item.label)];
  if (item.count !== undefined) parts.push(h("span", "legend-count", String(item.count)));
  const key = item.key;
  if (key) {
    // The legend is the filter: each entry that can be hidden is a toggle.
    const b = h("button", `legend-toggle${item.hidden ? " off" : ""}`);
    b.type = "button";
    b.dataset.key = key;
    b.setAttribute("aria-pressed", String(!item.hidden));
    b.title = t(ui.filterTip, state.lang);
    b.append(...parts);
    b.addEventListener("click", () => toggleHidden(key));
    li.append(b);
  } else {
    li.append(...parts);
  }
  return li;
}

function toggleHidden(key: string) {
  if (state.hidden.has(key)) state.hidden.delete(key);
  else state.hidden.add(key);
  void draw();
}

export function showPath(ids: string[], view?: ViewName) {
  state.path = ids;
  if (view && view !== state.view) {
    setView(view, true);
    return;
  }
  const svg = $("scroller").querySelector("svg");
  if (svg && state.index) {
    highlightPath(svg, state.index, ids);
    const boxes = ids.map((id) => state.index?.boxes.get(id)).filter((b) => !!b);
    minimap.set([...state.index.boxes.values()], { width: state.payload!.width, height: state.payload!.height }, boxes);
    // Bring the whole path into view: centre on the box around its cards.
    if (boxes.length && !boxes.every((b) => viewport.shows(b))) {
      const x0 = Math.min(...boxes.map((b) => b.x));
      const y0 = Math.min(...boxes.map((b) => b.y));
      const x1 = Math.max(...boxes.map((b) => b.x + b.w));
      const y1 = Math.max(...boxes.map((b) => b.y + b.h));
      viewport.centreOnBox({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
    }
  }
}

/** Folds a unit, or unfolds a folded one by one level (its children show, folded). The
 * card stays where it is on screen; its opened subtree is brought into view when it
 * would leave the window. */
export function toggleCollapse(id: string) {
  state.userFolds = true;
  const opening = state.collapsed.has(id);
  if (opening) state.unfold = id;
  else state.collapsed.add(id);
  void draw(false, { anchors: anchorsOf([id]), opened: opening ? id : null }).then(actions.renderDetails);
}

/** Opens every folded unit of the organisation: the whole tree (U). */
export function unfoldAll() {
  if (state.view !== "org") return;
  state.userFolds = true;
  state.collapsed = new Set();
  void draw(false, refoldAll()).then(actions.renderDetails);
}

/** Folds the organisation to `level` levels, 1 being the roots alone (Shift+1 to 9). */
export function foldToLevel(level: number) {
  if (state.view !== "org" || !(level >= 1)) return;
  state.userFolds = true;
  state.foldLevel = level;
  void draw(false, refoldAll()).then(actions.renderDetails);
}

/** A change of the whole tree's folds: the selected card stays where it is (else the
 * first root), and the drawing is brought into view when it leaves the window. */
function refoldAll(): Refold {
  return { anchors: anchorsOf([state.selected, state.index?.order[0]]), opened: "all" };
}

export function setView(view: ViewName, keepPanel = false) {
  if (view !== state.view) {
    state.view = view;
    state.fitted = false;
    refold();
  }
  if (!keepPanel && state.panel !== "details") state.panel = "details";
  save();
  renderChrome();
  void draw().then(actions.renderDetails);
}

export function setLang(lang: Lang) {
  hideTip();
  state.lang = lang;
  save();
  renderChrome();
  void draw().then(actions.renderDetails);
}

export function setTheme(theme: Theme) {
  state.theme = theme;
  save();
  renderChrome();
  void draw();
}

export function setDirection(direction: Direction) {
  state.direction = direction;
  state.fitted = false;
  refold();
  save();
  renderChrome();
  void draw();
}

/** Compact on or off. With "auto" this pins the arrangement drawn (its direction),
 * compact or not as asked: C always changes what is on screen. */
export function setCompact(on: boolean) {
  if (state.direction === "auto") state.direction = drawnDirection();
  state.compact = on;
  state.fitted = false;
  refold();
  save();
  renderChrome();
  void draw();
}

/** The sidebar's settings: language, theme, direction and compact (their keys are in
 * keys.ts). */
export function wireSettings() {
  for (const b of document.querySelectorAll<HTMLButtonElement>("#lang-switch button")) {
    b.addEventListener("click", () => setLang(b.dataset.lang === "en" ? "en" : "ja"));
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>("#theme-switch button")) {
    b.addEventListener("click", () => setTheme(b.dataset.theme as Theme));
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>("#direction-switch button")) {
    b.addEventListener("click", () => setDirection(b.dataset.direction as Direction));
  }
  $<HTMLInputElement>("compact").addEventListener("change", (e) => {
    setCompact((e.target as HTMLInputElement).checked);
  });
}
