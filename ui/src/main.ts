import { BackendError, tauriBackend, toBackendError, type Backend } from "./backend";
import type { Details, Meta, ViewPayload, ViewRequest } from "./generated/types";
import { t, ui, type Lang } from "./i18n";
import { fitZoom, stepZoom, clampZoom } from "./zoom";
import { exportOpen, openExport, wireExport } from "./export";

type ViewName = "org" | "relationships" | "career" | "flow";
type Theme = "light" | "dark" | "projector";
type Direction = "lr" | "td" | "rl" | "bu";

const VIEWS: ViewName[] = ["org", "relationships", "career", "flow"];
const THEMES: Theme[] = ["light", "dark", "projector"];
const DIRECTIONS: Direction[] = ["lr", "td", "rl", "bu"];
// The smallest zoom "fit" opens at: below it captions fall under 8 px on screen
// (12 px captions in the light and dark themes, 24 px on the projector).
const minFit = () => (state.theme === "projector" ? 0.34 : 0.66);

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function stored<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  const v = localStorage.getItem(`orgpath.${key}`);
  return allowed.includes(v as T) ? (v as T) : fallback;
}

const state = {
  backend: tauriBackend as Backend,
  meta: null as Meta | null,
  lang: stored<Lang>("lang", ["ja", "en"], "ja"),
  view: stored<ViewName>("view", VIEWS, "org"),
  theme: stored<Theme>("theme", THEMES, "light"),
  direction: stored<Direction>("direction", DIRECTIONS, "lr"),
  compact: localStorage.getItem("orgpath.compact") === "true",
  focus: null as string | null,
  collapsed: new Set<string>(),
  payload: null as ViewPayload | null,
  zoom: 1,
  fitted: false,
  selected: null as string | null,
  // Drawing requests can overlap (fast key presses): only the newest is shown.
  generation: 0,
};

function save() {
  localStorage.setItem("orgpath.lang", state.lang);
  localStorage.setItem("orgpath.view", state.view);
  localStorage.setItem("orgpath.theme", state.theme);
  localStorage.setItem("orgpath.direction", state.direction);
  localStorage.setItem("orgpath.compact", String(state.compact));
}

function h<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Parses SVG made by the Rust painter. DOMParser never runs scripts, and the painter
 * escapes all dataset text, so nothing in a dataset can become markup. */
function parseSvg(text: string): SVGSVGElement {
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  const root = doc.documentElement;
  if (root.nodeName !== "svg") throw new BackendError("svg", "the diagram could not be read");
  return document.importNode(root, true) as unknown as SVGSVGElement;
}

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
  const compact = $<HTMLInputElement>("compact");
  compact.checked = state.compact;
  compact.disabled = state.direction === "lr" || state.direction === "rl";
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
  const meta = state.meta;
  if (!meta) return;
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
    li.append(sw, h("span", "", item.label));
    legend.append(li);
  }
}

function request(): ViewRequest {
  return {
    view: state.view,
    lang: state.lang,
    theme: state.theme,
    direction: state.direction,
    compact: state.compact,
    collapsed: [...state.collapsed].sort(),
    ...(state.focus ? { focus: state.focus } : {}),
  };
}

async function draw() {
  const generation = ++state.generation;
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
  $("view-title").textContent = payload.title;
  renderLegend();
  if (payload.ids.length === 0) {
    $("scroller").replaceChildren();
    showMessage(t(ui.empty, state.lang));
    return;
  }
  const svg = parseSvg(payload.svg);
  svg.classList.add("diagram");
  for (const card of svg.querySelectorAll<SVGGElement>("g.card")) {
    card.setAttribute("tabindex", "0");
    card.setAttribute("role", "button");
    const label = card.querySelector("title")?.textContent?.split("\n")[0] ?? "";
    card.setAttribute("aria-label", label);
  }
  $("scroller").replaceChildren(svg);
  if (!state.fitted) {
    state.fitted = true;
    fit(minFit());
    centreOnSubject(svg);
  } else {
    applyZoom();
  }
  markSelection();
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
}

function setZoom(z: number) {
  state.zoom = clampZoom(z);
  applyZoom();
}

function fit(floor?: number) {
  const p = state.payload;
  if (!p) return;
  const box = $("scroller").getBoundingClientRect();
  setZoom(fitZoom(p.width, p.height, box.width, box.height, floor));
}

function markSelection() {
  for (const g of document.querySelectorAll("#scroller g.card")) {
    g.classList.toggle("selected", g.getAttribute("data-id") === state.selected);
  }
}

async function select(id: string | null) {
  state.selected = id;
  markSelection();
  await renderDetails();
}

async function renderDetails() {
  const panel = $("details");
  const body = $("details-body");
  const id = state.selected;
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
  if (state.selected !== id) return;
  const lang = state.lang;
  const other: Lang = lang === "ja" ? "en" : "ja";
  body.replaceChildren();
  body.append(h("p", "details-kind", d.kind[lang]));
  body.append(h("h2", "details-title", d.label[lang]));
  body.append(h("p", "details-other", d.label[other]));
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
    const b = h("button", "link-button", t(folded ? ui.expand : ui.collapse, lang) + ` (${d.children})`);
    b.type = "button";
    b.id = "toggle-collapse";
    b.title = t(ui.collapseTip, lang);
    b.addEventListener("click", () => toggleCollapse(d.id));
    body.append(b);
  }
  if (d.relations.length) {
    const sec = h("section", "details-relations");
    sec.append(h("h3", "", t(ui.relations, lang)));
    const ul = h("ul");
    for (const r of d.relations) ul.append(h("li", "", r[lang]));
    sec.append(ul);
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

function toggleCollapse(id: string) {
  if (state.collapsed.has(id)) state.collapsed.delete(id);
  else state.collapsed.add(id);
  void draw().then(renderDetails);
}

function setView(view: ViewName) {
  if (view !== state.view) {
    state.view = view;
    state.fitted = false;
  }
  save();
  renderChrome();
  void draw().then(renderDetails);
}

function setLang(lang: Lang) {
  state.lang = lang;
  save();
  renderChrome();
  void draw().then(renderDetails);
}

function setTheme(theme: Theme) {
  state.theme = theme;
  state.fitted = false;
  save();
  renderChrome();
  void draw();
}

function setDirection(direction: Direction) {
  state.direction = direction;
  state.fitted = false;
  save();
  renderChrome();
  void draw();
}

function showMessage(text: string, detail?: string) {
  const m = $("message");
  m.replaceChildren(h("h2", "", text));
  if (detail) m.append(h("p", "", detail));
  m.hidden = false;
}

function hideMessage() {
  $("message").hidden = true;
}

function cycle<T>(list: readonly T[], current: T): T {
  return list[(list.indexOf(current) + 1) % list.length];
}

function wire() {
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
    state.compact = (e.target as HTMLInputElement).checked;
    state.fitted = false;
    save();
    void draw();
  });
  $("zoom-in").addEventListener("click", () => setZoom(stepZoom(state.zoom, 1)));
  $("zoom-out").addEventListener("click", () => setZoom(stepZoom(state.zoom, -1)));
  $("zoom-reset").addEventListener("click", () => setZoom(1));
  $("zoom-fit").addEventListener("click", () => fit());
  $("details-close").addEventListener("click", () => void select(null));
  $("export-open").addEventListener("click", openExport);
  wireExport({
    lang: () => state.lang,
    current: request,
    save: (r) => state.backend.exportView(r),
    copy: (r) => state.backend.copyPng(r),
  });
  // One listener for every card, whatever view is drawn.
  const scroller = $("scroller");
  const cardOf = (e: Event) => (e.target as Element).closest?.("g.card")?.getAttribute("data-id") ?? null;
  scroller.addEventListener("click", (e) => {
    const id = cardOf(e);
    if (id) void select(id);
  });
  scroller.addEventListener("keydown", (e) => {
    const id = cardOf(e);
    if (id && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      void select(id);
    }
  });
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    // The export panel owns the keyboard while it is open.
    if (exportOpen()) return;
    const target = e.target as HTMLElement;
    if (target.tagName === "INPUT" && (target as HTMLInputElement).type !== "checkbox") return;
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
          if (state.view === "org" && !$<HTMLInputElement>("compact").disabled) {
            state.compact = !state.compact;
            state.fitted = false;
            save();
            renderChrome();
            void draw();
          }
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
        case "Escape":
          void select(null);
          break;
        default:
          return;
      }
    }
    e.preventDefault();
  });
}

export async function start(backend: Backend) {
  state.backend = backend;
  wire();
  renderChrome();
  try {
    // Card widths were measured in Rust with the bundled font; draw with the same one.
    await document.fonts.load('700 16px "Noto Sans JP"');
    await document.fonts.load('400 16px "Noto Sans JP"');
    state.meta = await backend.meta();
  } catch (e) {
    showMessage(t(ui.loadFailed, state.lang), toBackendError(e).message);
    return;
  }
  renderChrome();
  await draw();
}

void start(tauriBackend);
