import { tauriBackend, toBackendError, type Backend } from "./backend";
import type { Details } from "./generated/types";
import { t, ui, type Lang } from "./i18n";
import { stepZoom } from "./zoom";
import { exportOpen, openExport, wireExport } from "./export";
import { Presentation } from "./present";
import { startPresenter } from "./presenter";
import { listen } from "@tauri-apps/api/event";
import { Files } from "./files";
import type { Opened } from "./backend";
import { Search, careerStep, forgetResults, showCareer, showEdge, showOutline, showPaths, type PanelHost } from "./panels";
import { highlight, highlightPath, type Arrow } from "./diagram";
import { $, h, showMessage } from "./dom";
import { DIRECTIONS, THEMES, VIEWS, drawnCompact, exportRequest, request, state, type ViewName } from "./state";
import { link } from "./actions";
import {
  arrowFrom,
  cardOf,
  fit,
  flash,
  focusCard,
  markSelection,
  minimap,
  reveal,
  setZoom,
  viewport,
  wireZoom,
} from "./surface";
import { renderChrome } from "./chrome";
import {
  draw,
  setCompact,
  setDirection,
  setLang,
  setTheme,
  setView,
  showPath,
  toggleCollapse,
  wireSettings,
} from "./views";

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
  wireSettings();
  wireZoom();
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

// Filled in here, below every definition it names (files is a const of this module).
link({
  setView,
  renderDetails,
  startTour: (tour) => presentation.start(tour),
  files,
});

void start(tauriBackend);
