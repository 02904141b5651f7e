import { tauriBackend, toBackendError, type Backend } from "./backend";
import type { Details, ViewPayload } from "./generated/types";
import { t, ui, type Lang } from "./i18n";
import { fitZoom, stepZoom, clampZoom } from "./zoom";
import { exportOpen, openExport, wireExport } from "./export";
import { Minimap, Viewport } from "./viewport";
import { VIRTUAL_FROM, Virtual } from "./virtual";
import { Presentation } from "./present";
import { startPresenter } from "./presenter";
import { listen } from "@tauri-apps/api/event";
import { Files } from "./files";
import type { Opened } from "./backend";
import { Search, careerStep, forgetResults, showCareer, showEdge, showOutline, showPaths, type PanelHost } from "./panels";
import { highlight, highlightPath, indexDiagram, parseSvg, spatialNext, treeNext, treeOf, type Arrow, type DiagramIndex } from "./diagram";
import { $, h, hideMessage, showMessage } from "./dom";
import {
  DIRECTIONS,
  THEMES,
  VIEWS,
  drawnCompact,
  drawnDirection,
  exportRequest,
  refold,
  request,
  save,
  state,
  viewportSize,
  type Direction,
  type Theme,
  type ViewName,
} from "./state";

function renderChrome() {
  const lang = state.lang;
  document.documentElement.lang = lang;
  document.documentElement.dataset.theme = state.theme;
  $("views-heading").textContent = t(ui.views, lang);
  const list = $("views");
  list.replaceChildren();
  VIEWS.forEach((v, i) => {
    const li = h("li");
    const b = h("button", `view${v === state.view ? " current" : ""}`, t(ui[v], lang));
    b.type = "button";
    b.id = `view-${v}`;
    b.title = `${t(ui[v], lang)} (${i + 1})`;
    if (v === state.view) b.setAttribute("aria-current", "page");
    b.addEventListener("click", () => setView(v));
    li.append(b);
    list.append(li);
  });
  $("org-options").hidden = state.view !== "org";
  $("layout-heading").textContent = t(ui.layout, lang);
  $("direction-switch").title = t(ui.directionTip, lang);
  for (const b of document.querySelectorAll<HTMLButtonElement>("#direction-switch button")) {
    b.setAttribute("aria-checked", String(b.dataset.direction === state.direction));
  }
  $("dir-auto").textContent = t(ui.auto, lang);
  $("dir-auto").title = t(ui.autoTip, lang);
  const compact = $<HTMLInputElement>("compact");
  // With "auto" the box shows what the backend chose; ticking it pins the arrangement.
  compact.checked = drawnCompact();
  $("compact-label").textContent = t(ui.compact, lang);
  compact.parentElement!.title = t(ui.compactTip, lang);
  $("legend-heading").textContent = t(ui.legend, lang);
  $("zoom-in").title = t(ui.zoomIn, lang);
  $("zoom-out").title = t(ui.zoomOut, lang);
  $("zoom-reset").title = t(ui.zoomReset, lang);
  $("zoom-fit").textContent = t(ui.zoomFit, lang);
  $("zoom-fit").title = t(ui.zoomFitTip, lang);
  $("details-close").title = t(ui.close, lang);
  $("details-close").setAttribute("aria-label", t(ui.close, lang));
  $("lang-switch").title = t(ui.langTip, lang);
  $("export-open").textContent = t(ui.export, lang);
  const search = $<HTMLInputElement>("search");
  search.placeholder = t(ui.searchPlaceholder, lang);
  search.setAttribute("aria-label", t(ui.search, lang));
  $("paths-open").textContent = t(ui.paths, lang);
  $("paths-open").title = t(ui.pathsTip, lang);
  $("career-open").textContent = t(ui.careerRoutes, lang);
  $("career-open").title = t(ui.careerTip, lang);
  $("outline-open").textContent = t(ui.outline, lang);
  $("present-open").textContent = t(ui.present, lang);
  $("present-open").title = t(ui.presentTip, lang);
  $("present-open").hidden = state.tours.length === 0;
  renderTours();
  $("outline-open").title = t(ui.outlineTip, lang);
  $("export-open").title = t(ui.exportTip, lang);
  $("theme-switch").title = t(ui.themeTip, lang);
  for (const b of document.querySelectorAll<HTMLButtonElement>("#lang-switch button")) {
    b.setAttribute("aria-checked", String(b.dataset.lang === lang));
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>("#theme-switch button")) {
    const theme = b.dataset.theme as Theme;
    b.textContent = t(ui[theme], lang);
    b.setAttribute("aria-checked", String(theme === state.theme));
  }
  files.render();
  const meta = state.meta;
  if (!meta) return;
  files.setCurrentTitle(meta.title[lang]);
  $("dataset-title").textContent = meta.title[lang];
  document.title = `orgpath — ${meta.title[lang]}`;
  const about = $("about");
  about.replaceChildren();
  const src = meta.source;
  if (src) {
    about.append(h("h2", "", t(ui.source, lang)), h("p", "source-title", src.title));
    const by = [src.author, src.date].filter(Boolean).join(" · ");
    if (by) about.append(h("p", "source-by", by));
  }
  if (meta.description) about.append(h("p", "dataset-description", meta.description[lang]));
}

function renderLegend() {
  const legend = $("legend");
  legend.replaceChildren();
  for (const item of state.payload?.legend ?? []) {
    const li = h("li");
    const sw = h("span", "swatch");
    sw.append(parseSvg(item.swatch_svg));
    const key = item.key;
    if (key) {
      // The legend is the filter: each entry that can be hidden is a toggle.
      const b = h("button", `legend-toggle${item.hidden ? " off" : ""}`);
      b.type = "button";
      b.dataset.key = key;
      b.setAttribute("aria-pressed", String(!item.hidden));
      b.title = t(ui.filterTip, state.lang);
      b.append(sw, h("span", "", item.label));
      b.addEventListener("click", () => toggleHidden(key));
      li.append(b);
    } else {
      li.append(sw, h("span", "", item.label));
    }
    legend.append(li);
  }
}

/** Draws the current view. `keepScroll` keeps the scroll position as it is (a reload
 * of the same file: the user stays where they were looking). */
async function draw(keepScroll = false) {
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
  const index = indexDiagram(svg);
  state.index = index;
  // One tab stop for the whole diagram (roving tabindex): Tab enters it, arrows move.
  const stop = state.selected && index.cards.has(state.selected) ? state.selected : index.order[0];
  for (const [id, card] of index.cards) {
    card.setAttribute("tabindex", id === stop ? "0" : "-1");
    card.setAttribute("role", "button");
    const label = card.querySelector("title")?.textContent?.split("\n")[0] ?? id;
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
    const title = e.el.querySelector("title")?.textContent;
    if (title) {
      e.el.setAttribute("role", "img");
      e.el.setAttribute("aria-label", title);
    }
  }
  state.virtual = index.order.length > VIRTUAL_FROM ? new Virtual(svg, $<HTMLCanvasElement>("blocks")) : null;
  $<HTMLCanvasElement>("blocks").hidden = true;
  document.body.dataset.virtual = String(!!state.virtual);
  document.body.dataset.cards = String(index.order.length);
  $("scroller").replaceChildren(svg);
  if (state.view === "org" && !state.virtual) markUnfold(index);
  if (!state.fitted) {
    // Open fitted and centred: the whole drawing in the window (an organisation is
    // folded by the backend so its text stays readable at this zoom).
    state.fitted = true;
    fit();
    if (!viewport.shows({ x: 0, y: 0, w: payload.width, h: payload.height }, 0)) {
      // Too large even at the smallest zoom: open on the subject or the tree's root.
      const sel = state.selected ? index.boxes.get(state.selected) : undefined;
      if (sel) viewport.centreOnBox(sel, false);
      else if (state.view === "org" && index.order.length) viewport.centreOnBox(index.boxes.get(index.order[0])!, false);
      else centreOnSubject(svg);
    }
  } else {
    applyZoom();
    if (scrolled) {
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
  if (state.path.length) showPath(state.path);
  document.body.dataset.ready = "true";
  document.body.dataset.view = state.view;
}

/** When the diagram is larger than the window, open on its subject (the focal card of
 * the relationship map) rather than on its top-left corner. */
function centreOnSubject(svg: SVGSVGElement) {
  const subject = svg.querySelector<SVGGraphicsElement>('g.card[data-emphasis="true"] .card-bg');
  if (!subject) return;
  const scroller = $("scroller");
  const r = subject.getBoundingClientRect();
  const b = scroller.getBoundingClientRect();
  scroller.scrollLeft += r.left + r.width / 2 - (b.left + b.width / 2);
  scroller.scrollTop += r.top + r.height / 2 - (b.top + b.height / 2);
}

function applyZoom() {
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
function setZoom(z: number) {
  if (!state.payload) {
    state.zoom = clampZoom(z);
    return;
  }
  viewport.zoomAbout(z);
}

const viewport = new Viewport({
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
  },
});

/** A large diagram: put in what is now visible (at once, or on the next frame). */
function redrawVisible(now = false) {
  const v = state.virtual;
  const box = viewport.visible();
  if (!v || !box) return;
  if (now) v.now(box, state.zoom);
  else v.update(box, state.zoom, { x: 0, y: 0 });
}
const minimap = new Minimap($<HTMLCanvasElement>("minimap"), viewport);

/** Brings a card into view (eased), unless it is already in view. */
function reveal(id: string) {
  const b = state.index?.boxes.get(id);
  if (b && !viewport.shows(b)) viewport.centreOnBox(b);
}

/** Moves keyboard focus to a card (and the one tab stop with it). */
function focusCard(id: string) {
  const index = state.index;
  const card = index?.cards.get(id);
  if (!index || !card) return;
  state.virtual?.ensure(id);
  for (const c of $("scroller").querySelectorAll('g.card[tabindex="0"]')) c.setAttribute("tabindex", "-1");
  card.setAttribute("tabindex", "0");
  card.focus({ preventScroll: true });
  reveal(id);
}

function arrowFrom(id: string, key: Arrow): string | null {
  const index = state.index;
  if (!index) return null;
  if (state.view === "org") {
    const t = treeOf(index);
    return treeNext(id, key, drawnDirection(), t.parent, t.children, t.roots) ?? null;
  }
  return spatialNext(index.boxes, id, key);
}

/** Zooms so the whole drawing fits the window, and centres it. */
function fit() {
  const p = state.payload;
  if (!p) return;
  const box = viewportSize();
  viewport.zoomAbout(fitZoom(p.width, p.height, box.width, box.height));
  viewport.centreOn(p.width / 2, p.height / 2, false);
}

/** Makes each folded card's "+N" a button: the count is set in the link colour and
 * underlined, and a click on it (or Enter on the card) unfolds one level. */
function markUnfold(index: DiagramIndex) {
  for (const id of state.collapsed) {
    const card = index.cards.get(id);
    if (!card) continue;
    for (const text of card.querySelectorAll<SVGTextElement>("text")) {
      const s = text.textContent ?? "";
      const m = /\+\d+$/.exec(s);
      if (!m || text.childElementCount > 0) continue;
      const tspan = document.createElementNS("http://www.w3.org/2000/svg", "tspan");
      tspan.setAttribute("class", "unfold-count");
      tspan.textContent = m[0];
      text.textContent = s.slice(0, m.index);
      text.append(tspan);
      // The count's box, for a hit area a little larger than the glyphs.
      let box: DOMRect;
      try {
        const first = text.getExtentOfChar(m.index);
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
      const label = document.createElementNS("http://www.w3.org/2000/svg", "title");
      label.textContent = `${t(ui.unfoldTip, state.lang)} (${m[0]})`;
      hit.append(label);
      card.append(hit);
    }
  }
}

function markSelection() {
  const index = state.index;
  if (!index) return;
  for (const g of index.marked.get("selected") ?? []) g.classList.remove("selected");
  const card = state.selected ? index.cards.get(state.selected) : undefined;
  card?.classList.add("selected");
  index.marked.set("selected", card ? [card] : []);
}

function renderTours() {
  const lang = state.lang;
  $("tours-section").hidden = state.tours.length === 0;
  $("tours-heading").textContent = t(ui.tours, lang);
  const list = $("tours");
  list.replaceChildren();
  for (const tour of state.tours) {
    const li = h("li");
    const b = h("button", "tour");
    b.type = "button";
    b.dataset.tour = tour.id;
    b.title = t(ui.presentTip, lang);
    b.append(document.createTextNode(`▶ ${tour.title[lang]}`), h("small", "", `${tour.steps} ${t(ui.steps, lang)}`));
    b.addEventListener("click", () => void presentation.start(tour));
    li.append(b);
    list.append(li);
  }
  const li = h("li");
  const p = h("button", "link-button", t(ui.presenterView, lang));
  p.type = "button";
  p.id = "presenter-open";
  p.title = t(ui.presenterTip, lang);
  p.addEventListener("click", () => void state.backend.openPresenter().catch(() => {}));
  li.append(p);
  list.append(li);
}

const presentation = new Presentation({
  drawStep: async (tour, step) => {
    if (!state.stage) return null;
    state.stage.tour = tour;
    state.stage.step = step;
    await draw();
    return state.payload;
  },
  setStage: async (on) => {
    if (on && !state.stage) {
      state.stage = { tour: "", step: 0, theme: state.theme };
      state.theme = "projector";
      state.fitted = true;
    } else if (!on && state.stage) {
      state.theme = state.stage.theme;
      state.stage = null;
      state.fitted = false;
    }
    renderChrome();
    try {
      await state.backend.present(on);
    } catch {
      // Not fullscreen (a window manager that refuses): the tour still runs.
    }
    if (!on) void draw().then(renderDetails);
  },
  publish: (tour, step) => void state.backend.setStage(tour?.id ?? "", step, state.lang).catch(() => {}),
  openPresenter: () => void state.backend.openPresenter().catch(() => {}),
  lang: () => state.lang,
});

function toggleHidden(key: string) {
  if (state.hidden.has(key)) state.hidden.delete(key);
  else state.hidden.add(key);
  void draw();
}

const panelHost: PanelHost = {
  backend: null as unknown as PanelHost["backend"],
  lang: () => state.lang,
  request,
  open: (kind, ...content) => {
    state.panel = kind as typeof state.panel;
    const panel = $("details");
    panel.dataset.kind = kind;
    $("details-body").replaceChildren(...content);
    panel.hidden = false;
  },
  jump: (id, views) => void jump(id, views),
  showPath: (ids, view) => showPath(ids, view as ViewName | undefined),
  nodes: async () => (state.nodeList ??= await state.backend.nodes()),
};

/** Selects an item where it is drawn: here if this view draws it, else in the first
 * view that does (search hits say which), else at the centre of the relationship map. */
async function jump(id: string, views?: string[]) {
  const keepPanel = state.panel !== "details" && state.panel !== "edge" && !$("details").hidden;
  if (!state.index?.cards.has(id) && state.view === "org" && (views ?? ["org"]).includes("org")) {
    // Folded away in the tree: open the folds above it, then go to it as below.
    state.reveal = id;
    state.userFolds = true;
    await draw();
  }
  if (!state.index?.cards.has(id)) {
    const target = (views ?? []).find((v): v is ViewName => VIEWS.includes(v as ViewName));
    if (target) {
      state.selected = id;
      if (target === "relationships") state.focus = id;
      setView(target, keepPanel);
    } else {
      state.selected = id;
      state.focus = id;
      setView("relationships", keepPanel);
    }
    return;
  }
  if (keepPanel) {
    state.selected = id;
    markSelection();
    focusCard(id);
  } else {
    await select(id);
    focusCard(id);
  }
  flash(id);
}

/** A short pulse on a card found by search or picked in a list. */
function flash(id: string) {
  const card = state.index?.cards.get(id);
  if (!card) return;
  card.classList.remove("flash");
  void card.getBoundingClientRect();
  card.classList.add("flash");
}

function showPath(ids: string[], view?: ViewName) {
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

async function select(id: string | null) {
  state.selected = id;
  markSelection();
  if (id) reveal(id);
  await renderDetails();
}

async function renderDetails() {
  const panel = $("details");
  const body = $("details-body");
  const id = state.selected;
  if (state.panel !== "details" && !panel.hidden) {
    // A tool is open: keep it, in the current language.
    if (state.panel === "edge") return;
    return reopenTool();
  }
  if (!id) {
    panel.hidden = true;
    return;
  }
  let d: Details;
  try {
    d = await state.backend.details(id);
  } catch {
    // A card that is not a node or step (a group heading): nothing more to show.
    panel.hidden = true;
    return;
  }
  if (state.selected !== id || state.panel !== "details") return;
  panel.dataset.kind = "details";
  const lang = state.lang;
  const other: Lang = lang === "ja" ? "en" : "ja";
  body.replaceChildren();
  body.append(h("p", "details-kind", d.kind[lang]));
  body.append(h("h2", "details-title", d.label[lang]));
  // A name given in one language only (a plain CSV) stands for both: say it once.
  if (d.label[other] !== d.label[lang]) body.append(h("p", "details-other", d.label[other]));
  if (d.illustrative) {
    const note = h("p", "details-illustrative");
    note.append(h("span", "badge-inline", t(ui.example, lang)), document.createTextNode(t(ui.exampleNote, lang)));
    body.append(note);
  }
  const row = (label: string, value: string) => body.append(h("p", "details-row", `${label}: ${value}`));
  if (d.title) row(t(ui.title, lang), d.title[lang]);
  if (d.group) row(t(ui.group, lang), d.group[lang]);
  if (d.track) row(t(ui.track, lang), d.track[lang]);
  if (d.parents.length) row(t(ui.parents, lang), d.parents.map((p) => p[lang]).join("、"));
  if (d.description) body.append(h("p", "details-description", d.description[lang]));
  if (state.view === "org" && d.children > 0) {
    const folded = state.collapsed.has(d.id);
    const b = h("button", "link-button", t(folded ? ui.unfold : ui.collapse, lang) + ` (${d.children})`);
    b.type = "button";
    b.id = "toggle-collapse";
    b.title = t(ui.collapseTip, lang);
    b.addEventListener("click", () => toggleCollapse(d.id));
    body.append(b);
  }
  // Columns of the user's file that orgpath has no field for, kept as they were.
  if (d.attributes?.length) {
    const sec = h("section", "details-relations");
    sec.append(h("h3", "", t(ui.attributes, lang)));
    const dl = h("dl", "details-attributes");
    for (const a of d.attributes) dl.append(h("dt", "", a.name), h("dd", "", a.value));
    sec.append(dl);
    body.append(sec);
  }
  if (d.relation_groups.length) {
    const sec = h("section", "details-relations");
    sec.append(h("h3", "", t(ui.relations, lang)));
    for (const g of d.relation_groups) {
      const group = h("div", "relation-group");
      group.dataset.kind = g.kind;
      group.append(h("h4", "", g.label[lang]));
      const ul = h("ul");
      for (const r of g.items) {
        const li = h("li");
        const b = h("button", "item-link", `${r.outgoing ? "→" : "←"} ${r.label[lang]}`);
        b.type = "button";
        b.dataset.id = r.id;
        b.title = r.text[lang];
        b.addEventListener("click", () => void jump(r.id));
        li.append(b);
        ul.append(li);
      }
      group.append(ul);
      sec.append(group);
    }
    if (state.view !== "relationships" || state.focus !== d.id) {
      const b = h("button", "link-button", t(ui.showRelations, lang));
      b.type = "button";
      b.id = "show-relations";
      b.addEventListener("click", () => {
        state.focus = d.id;
        setView("relationships");
      });
      sec.append(b);
    }
    body.append(sec);
  }
  for (const [steps, heading] of [
    [d.transitions_in, ui.transitionsIn],
    [d.transitions_out, ui.transitionsOut],
  ] as const) {
    if (!steps.length) continue;
    const sec = h("section", "details-relations details-career");
    sec.append(h("h3", "", t(heading, lang)));
    const ol = h("ul", "steps");
    for (const s of steps) ol.append(careerStep(panelHost, s, true));
    sec.append(ol);
    body.append(sec);
  }
  const tools = h("div", "details-tools");
  const from = h("button", "link-button", t(ui.pathFromHere, lang));
  from.type = "button";
  from.id = "path-from-here";
  from.addEventListener("click", () => void showPaths(panelHost, d.id));
  const to = h("button", "link-button", t(ui.pathToHere, lang));
  to.type = "button";
  to.id = "path-to-here";
  to.addEventListener("click", () => void showPaths(panelHost, undefined, d.id));
  tools.append(from, to);
  if (state.index?.cards.has(d.id)) {
    const centre = h("button", "link-button", t(ui.centre, lang));
    centre.type = "button";
    centre.id = "centre-on";
    centre.addEventListener("click", () => {
      const b = state.index?.boxes.get(d.id);
      if (b) viewport.centreOnBox(b);
      flash(d.id);
    });
    tools.prepend(centre);
  }
  body.append(tools);
  const src = h("section", "details-source");
  src.append(h("h3", "", t(ui.sourcePassage, lang)));
  if (d.source) {
    src.append(h("p", "details-section", d.source.section[lang]), h("blockquote", "", d.source.quote));
  } else {
    src.append(h("p", "muted", t(ui.noSource, lang)));
  }
  body.append(src);
  panel.hidden = false;
}

/** Folds a unit, or unfolds a folded one by one level (its children show, folded). */
function toggleCollapse(id: string) {
  state.userFolds = true;
  if (state.collapsed.has(id)) state.unfold = id;
  else state.collapsed.add(id);
  void draw().then(renderDetails);
}

function setView(view: ViewName, keepPanel = false) {
  if (view !== state.view) {
    state.view = view;
    state.fitted = false;
    refold();
  }
  if (!keepPanel && state.panel !== "details") state.panel = "details";
  save();
  renderChrome();
  void draw().then(renderDetails);
}

/** Shows the open tool again (after a language switch or a redraw). */
async function reopenTool() {
  switch (state.panel) {
    case "paths":
      return showPaths(panelHost);
    case "career":
      return showCareer(panelHost);
    case "outline":
      return showOutline(panelHost);
  }
}

function closePanel() {
  forgetResults();
  state.panel = "details";
  state.path = [];
  const svg = $("scroller").querySelector("svg");
  if (svg && state.index) highlightPath(svg, state.index, []);
  void select(null);
}

function setLang(lang: Lang) {
  state.lang = lang;
  save();
  renderChrome();
  void draw().then(renderDetails);
}

function setTheme(theme: Theme) {
  state.theme = theme;
  save();
  renderChrome();
  void draw();
}

function setDirection(direction: Direction) {
  state.direction = direction;
  state.fitted = false;
  refold();
  save();
  renderChrome();
  void draw();
}

/** Compact on or off. With "auto" this pins the arrangement drawn (its direction),
 * compact or not as asked: C always changes what is on screen. */
function setCompact(on: boolean) {
  if (state.direction === "auto") state.direction = drawnDirection();
  state.compact = on;
  state.fitted = false;
  refold();
  save();
  renderChrome();
  void draw();
}

function cycle<T>(list: readonly T[], current: T): T {
  return list[(list.indexOf(current) + 1) % list.length];
}

/** Another dataset is on show (opened), or the same file changed on disk (reload). A
 * reload keeps the view, zoom, scroll, folds and selection of ids that still exist; an
 * open starts afresh. */
async function datasetChanged(o: Opened) {
  const reload = o.why === "reload";
  const [meta, tours, nodes] = await Promise.all([state.backend.meta(), state.backend.listTours(), state.backend.nodes()]);
  state.meta = meta;
  state.tours = tours;
  state.nodeList = nodes;
  const ids = new Set(nodes.map((n) => n.id));
  if (reload) {
    state.collapsed = new Set([...state.collapsed].filter((id) => ids.has(id)));
    if (state.focus && !ids.has(state.focus)) state.focus = null;
    if (state.path.some((id) => !ids.has(id))) state.path = [];
    if (state.selected) {
      // A selection may be a flow step, which is not a node: ask for its details.
      const still = await state.backend.details(state.selected).then(() => true, () => false);
      if (!still) state.selected = null;
    }
  } else {
    state.collapsed = new Set();
    state.userFolds = false;
    state.hidden = new Set();
    state.selected = null;
    state.path = [];
    state.focus = null;
    state.fitted = false;
    forgetResults();
    closePanel();
  }
  renderChrome();
  await draw(reload);
  if (reload) await renderDetails();
  document.body.dataset.generation = String(o.generation);
}

const files = new Files({
  get backend() {
    return state.backend;
  },
  lang: () => state.lang,
  opened: datasetChanged,
});

function wire() {
  files.wire();
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
  $("zoom-in").addEventListener("click", () => setZoom(stepZoom(state.zoom, 1)));
  $("zoom-out").addEventListener("click", () => setZoom(stepZoom(state.zoom, -1)));
  $("zoom-reset").addEventListener("click", () => setZoom(1));
  $("zoom-fit").addEventListener("click", () => fit());
  $("details-close").addEventListener("click", closePanel);
  $("paths-open").addEventListener("click", () => void showPaths(panelHost, state.selected ?? undefined));
  $("career-open").addEventListener("click", () => void showCareer(panelHost));
  $("outline-open").addEventListener("click", () => void showOutline(panelHost));
  $("present-open").addEventListener("click", () => state.tours.length && void presentation.start(state.tours[0]));
  const search = new Search(panelHost, $<HTMLInputElement>("search"), $("search-results"));
  $("export-open").addEventListener("click", openExport);
  wireExport({
    lang: () => state.lang,
    current: exportRequest,
    save: (r) => state.backend.exportView(r),
    copy: (r) => state.backend.copyPng(r),
    tours: () => state.tours,
    saveTour: (r) => state.backend.exportTour(r),
  });
  // One listener for every card, whatever view is drawn.
  const scroller = $("scroller");
  viewport.wireDrag(() => minimap.draw());
  viewport.wireWheel();
  let hovered: string | null = null;
  scroller.addEventListener("pointerover", (e) => {
    const id = cardOf(e);
    if (id === hovered) return;
    hovered = id;
    const svg = scroller.querySelector("svg");
    if (svg && state.index) highlight(svg, state.index, id);
  });
  scroller.addEventListener("pointerleave", () => {
    hovered = null;
    const svg = scroller.querySelector("svg");
    if (svg && state.index) highlight(svg, state.index, null);
  });
  // Keyboard focus lights a card's links as hover does; a click's focus does not (it
  // would leave the rest of the diagram dimmed after the pointer has gone).
  scroller.addEventListener("focusin", (e) => {
    const card = (e.target as Element).closest?.("g.card");
    if (!card?.matches(":focus-visible")) return;
    const svg = scroller.querySelector("svg");
    if (svg && state.index) highlight(svg, state.index, cardOf(e));
  });
  scroller.addEventListener("focusout", () => {
    const svg = scroller.querySelector("svg");
    if (svg && state.index && hovered === null) highlight(svg, state.index, null);
  });
  const cardOf = (e: Event) => (e.target as Element).closest?.("g.card")?.getAttribute("data-id") ?? null;
  scroller.addEventListener("click", (e) => {
    // Zoomed far out, a large diagram is drawn as blocks: find the card under the pointer.
    const b = scroller.getBoundingClientRect();
    const p = viewport.pointAt(e.clientX - b.left, e.clientY - b.top);
    const unfold = (e.target as Element).closest?.("[data-unfold]")?.getAttribute("data-unfold");
    if (unfold && state.view === "org") {
      toggleCollapse(unfold);
      return;
    }
    const id = cardOf(e) ?? state.virtual?.cardAt(p.x, p.y) ?? null;
    if (id) {
      if (state.panel !== "details") state.panel = "details";
      void select(id);
      return;
    }
    // Clicking a link explains it.
    const edge = (e.target as Element).closest?.("g.edge");
    const from = edge?.getAttribute("data-from");
    const to = edge?.getAttribute("data-to");
    if (from && to) void showEdge(panelHost, from, to);
  });
  scroller.addEventListener("keydown", (e) => {
    const id = cardOf(e);
    if (!id || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      // Enter on a folded card opens it by one level too.
      if (e.key === "Enter" && state.view === "org" && state.collapsed.has(id)) toggleCollapse(id);
      void select(id);
    } else if (!e.shiftKey && e.key.startsWith("Arrow")) {
      // Arrows move between cards: along the tree in the organisation view (parent,
      // first child, siblings), to the nearest card that way in the others.
      e.preventDefault();
      e.stopPropagation();
      const next = arrowFrom(id, e.key as Arrow);
      if (next) focusCard(next);
    }
  });
  document.addEventListener("keydown", (e) => {
    // A tour on show takes the keys a clicker sends.
    if (presentation.active) {
      presentation.key(e);
      if (!e.ctrlKey && !e.metaKey) e.preventDefault();
      return;
    }
    if (e.key === "F5" && state.tours.length) {
      e.preventDefault();
      void presentation.start(state.tours[0]);
      return;
    }
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === "o" || e.key === "O")) {
      e.preventDefault();
      void files.openDialog();
      return;
    }
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === "r" || e.key === "R")) {
      // The page must never reload itself (it would lose the view); Ctrl+R reads the
      // opened file again instead.
      e.preventDefault();
      void files.reload();
      return;
    }
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "f" || e.key === "F")) {
      e.preventDefault();
      search.focus();
      return;
    }
    if (files.key(e)) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    // The export panel owns the keyboard while it is open.
    if (exportOpen()) return;
    const target = e.target as HTMLElement;
    if (target.tagName === "INPUT" && (target as HTMLInputElement).type !== "checkbox") return;
    if (target.tagName === "SELECT") return;
    if (e.key.startsWith("Arrow")) {
      // Shift + arrows (or arrows when no card has focus) pan by a quarter window.
      const s = $("scroller");
      const dx = e.key === "ArrowLeft" ? -1 : e.key === "ArrowRight" ? 1 : 0;
      const dy = e.key === "ArrowUp" ? -1 : e.key === "ArrowDown" ? 1 : 0;
      viewport.panBy((dx * s.clientWidth) / 4, (dy * s.clientHeight) / 4);
      e.preventDefault();
      return;
    }
    const n = Number(e.key);
    if (n >= 1 && n <= VIEWS.length) {
      setView(VIEWS[n - 1]);
    } else {
      switch (e.key) {
        case "l":
        case "L":
          setLang(state.lang === "ja" ? "en" : "ja");
          break;
        case "t":
        case "T":
          setTheme(cycle(THEMES, state.theme));
          break;
        case "d":
        case "D":
          if (state.view === "org") setDirection(cycle(DIRECTIONS, state.direction));
          break;
        case "c":
        case "C":
          if (state.view === "org") setCompact(!drawnCompact());
          break;
        case "+":
        case "=":
          setZoom(stepZoom(state.zoom, 1));
          break;
        case "-":
          setZoom(stepZoom(state.zoom, -1));
          break;
        case "0":
          setZoom(1);
          break;
        case "f":
        case "F":
          fit();
          break;
        case "x":
        case "X":
          if (state.view === "org" && state.selected) toggleCollapse(state.selected);
          break;
        case "e":
        case "E":
          openExport();
          break;
        case "p":
        case "P":
          void showPaths(panelHost, state.selected ?? undefined);
          break;
        case "r":
        case "R":
          void showCareer(panelHost);
          break;
        case "o":
        case "O":
          void showOutline(panelHost);
          break;
        case "Escape":
          closePanel();
          break;
        default:
          return;
      }
    }
    e.preventDefault();
  });
}

export async function start(backend: Backend) {
  if (new URLSearchParams(location.search).has("presenter")) {
    await document.fonts.load('400 16px "Noto Sans JP"');
    return startPresenter(backend);
  }
  state.backend = backend;
  panelHost.backend = backend;
  // The presenter window's keys arrive through the backend.
  void listen<string>("orgpath://stage-command", (e) => presentation.command(e.payload)).catch(() => {});
  wire();
  renderChrome();
  try {
    // Card widths were measured in Rust with the bundled font; draw with the same one.
    await document.fonts.load('700 16px "Noto Sans JP"');
    await document.fonts.load('400 16px "Noto Sans JP"');
    state.meta = await backend.meta();
    state.tours = await backend.listTours();
  } catch (e) {
    showMessage(t(ui.loadFailed, state.lang), toBackendError(e).message);
    return;
  }
  renderChrome();
  await draw();
}

void start(tauriBackend);
