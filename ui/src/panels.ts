// The explorer's side panels (paths between two items, career routes and the two
// tracks compared, the text outline, a link explained) and the search box. Every
// answer comes from the backend (petgraph in Rust); this file only lays it out.
import { toBackendError, type Backend } from "./backend";
import type {
  CareerStep,
  EdgeDetails,
  NodePath,
  Place,
  SearchHit,
  Text,
  TrackColumn,
  ViewRequest,
} from "./generated/types";
import { t, ui, type Lang } from "./i18n";
import { h } from "./dom";

export function button(text: string, cls = "link-button", id?: string): HTMLButtonElement {
  const b = h("button", cls, text);
  b.type = "button";
  if (id) b.id = id;
  return b;
}

export interface PanelHost {
  backend: Backend;
  lang(): Lang;
  request(): ViewRequest;
  /** Shows content in the side panel (replacing what was there). */
  open(kind: string, ...content: Node[]): void;
  /** Selects an item, switching to a view that draws it when the current one does not. */
  jump(id: string, views?: string[]): void;
  /** Highlights a chain of items in the diagram (and in every view drawn later). */
  showPath(ids: string[], view?: string): void;
  /** Every node, for pickers: id and label. */
  nodes(): Promise<{ id: string; label: Text }[]>;
}

function select(id: string, label: string, options: { id: string; label: string }[], value?: string) {
  const wrap = h("label", "field");
  wrap.htmlFor = id;
  wrap.append(h("span", "field-label", label));
  const s = h("select");
  s.id = id;
  for (const o of options) {
    const e = h("option", "", o.label);
    e.value = o.id;
    s.append(e);
  }
  if (value && options.some((o) => o.id === value)) s.value = value;
  wrap.append(s);
  return { wrap, select: s };
}

function errorLine(lang: Lang, e: unknown) {
  return h("p", "status error", t(ui.failed, lang) + toBackendError(e).message);
}

/** A clickable item name: selects it (in a view that draws it). */
function itemLink(host: PanelHost, id: string, label: Text) {
  const b = button(label[host.lang()], "item-link");
  b.dataset.id = id;
  b.addEventListener("click", () => host.jump(id));
  return b;
}

// --- Paths between two items ----------------------------------------------------------

let pathFrom: string | undefined;
let pathTo: string | undefined;
/** Counts the path questions asked: an answer to an older one is dropped. */
let pathRuns = 0;

/** Forgets results on show (the panel was closed). */
export function forgetResults() {
  routeShown = false;
}

export async function showPaths(host: PanelHost, from?: string, to?: string) {
  const lang = host.lang();
  if (from) pathFrom = from;
  if (to) pathTo = to;
  const nodes = (await host.nodes()).map((n) => ({ id: n.id, label: n.label[lang] }));
  // Open on an answer: the item asked for (or the dataset's subject) and the one most
  // related to it, which are linked. Opened again as it was (P with nothing selected,
  // a language switch), the ends picked before stay.
  if (from || to || pathFrom === undefined || pathTo === undefined) {
    const asked = from ?? to;
    const pair = await host.backend.pathPair(asked ?? null).catch(() => null);
    // An item linked to nothing keeps its end: the answer then says it is not connected.
    if (pair && (!asked || pair.from === asked)) {
      if (to && !from) pathFrom = pair.to;
      else [pathFrom, pathTo] = [pair.from, pair.to];
    }
  }
  const a = select("path-from", t(ui.from, lang), nodes, pathFrom ?? nodes[0]?.id);
  const b = select("path-to", t(ui.to, lang), nodes, pathTo ?? nodes[nodes.length - 1]?.id);
  const go = button(t(ui.show, lang), "primary", "path-go");
  const results = h("div", "results");
  results.id = "path-results";
  const form = h("div", "picker");
  form.append(a.wrap, b.wrap, go);
  const hint = h("p", "muted path-hint", t(ui.pathsHint, lang));
  hint.id = "path-hint";
  const run = async () => {
    pathFrom = a.select.value;
    pathTo = b.select.value;
    results.replaceChildren();
    // Only the newest answer is shown (Show pressed while the opening answer is on its way).
    const asked = ++pathRuns;
    try {
      const r = await host.backend.findPaths(pathFrom, pathTo, 6, 8);
      if (asked !== pathRuns) return;
      const paths = [r.shortest, ...r.others].filter((p): p is NodePath => !!p);
      if (!paths.length) {
        results.append(h("p", "muted", t(ui.noPath, lang)));
        host.showPath([]);
        return;
      }
      paths.forEach((p, i) => {
        if (i === 1) results.append(h("h3", "", t(ui.otherPaths, lang)));
        results.append(pathCard(host, p, i === 0 ? t(ui.shortest, lang) : null, i));
      });
      if (r.truncated) results.append(h("p", "muted", t(ui.morePaths, lang)));
      host.showPath(paths[0].nodes);
      results.querySelector(".path")?.classList.add("current");
    } catch (e) {
      if (asked === pathRuns) results.append(errorLine(lang, e));
    }
  };
  go.addEventListener("click", () => void run());
  host.open("paths", h("h2", "panel-title", t(ui.pathsTitle, lang)), form, hint, results);
  if (pathFrom !== undefined && pathTo !== undefined) await run();
}

function pathCard(host: PanelHost, p: NodePath, heading: string | null, i: number) {
  const lang = host.lang();
  const box = h("section", "path");
  box.dataset.index = String(i);
  const head = h("button", "path-head");
  head.type = "button";
  head.textContent = `${heading ?? `#${i + 1}`} · ${p.steps.length} ${t(ui.steps, lang)}`;
  head.addEventListener("click", () => {
    for (const s of document.querySelectorAll(".path.current")) s.classList.remove("current");
    box.classList.add("current");
    host.showPath(p.nodes);
  });
  const ol = h("ol", "steps");
  if (p.steps.length) {
    const first = h("li", "step-start");
    first.append(itemLink(host, p.steps[0].from, p.steps[0].from_label));
    ol.append(first);
  }
  for (const s of p.steps) {
    const li = h("li");
    li.append(h("span", "step-link", `${s.forward ? "→" : "←"} ${s.text[lang]}`), itemLink(host, s.to, s.to_label));
    ol.append(li);
  }
  box.append(head, ol);
  return box;
}

// --- Career routes and the two tracks ---------------------------------------------------

let routeFrom: string | undefined;
let routeTo: string | undefined;
let routeShown = false;
let places: Place[] | null = null;

export async function showCareer(host: PanelHost, from?: string, to?: string) {
  const lang = host.lang();
  if (from) routeFrom = from;
  if (to) routeTo = to;
  const content: Node[] = [h("h2", "panel-title", t(ui.careerTitle, lang))];
  try {
    places ??= await host.backend.careerPlaces();
  } catch (e) {
    host.open("career", ...content, errorLine(lang, e));
    return;
  }
  const opts = places.map((p) => ({ id: p.id, label: p.label[lang] + (p.track ? ` · ${p.track[lang]}` : "") }));
  const a = select("route-from", t(ui.from, lang), opts, routeFrom ?? opts[0]?.id);
  const b = select("route-to", t(ui.to, lang), opts, routeTo ?? opts[opts.length - 1]?.id);
  const go = button(t(ui.show, lang), "primary", "route-go");
  const form = h("div", "picker");
  form.append(a.wrap, b.wrap, go);
  const results = h("div", "results");
  results.id = "route-results";
  const run = async () => {
    routeFrom = a.select.value;
    routeTo = b.select.value;
    results.replaceChildren();
    try {
      const r = await host.backend.careerRoutes(routeFrom, routeTo, 6);
      if (!r.routes.length) {
        results.append(h("p", "muted", t(ui.noRoute, lang)));
        host.showPath([]);
        return;
      }
      r.routes.forEach((route, i) => results.append(routeCard(host, route.steps, i)));
      if (r.truncated) results.append(h("p", "muted", t(ui.morePaths, lang)));
      routeShown = true;
      const first = r.routes[0].steps;
      host.showPath([first[0].from, ...first.map((s) => s.to)], "career");
      results.querySelector(".path")?.classList.add("current");
    } catch (e) {
      results.append(errorLine(lang, e));
    }
  };
  go.addEventListener("click", () => void run());
  const compare = h("section", "compare");
  compare.id = "track-compare";
  compare.append(h("h3", "", t(ui.compareTracks, lang)));
  try {
    compare.append(trackTable(host, await host.backend.compareTracks()));
  } catch (e) {
    compare.append(errorLine(lang, e));
  }
  host.open("career", ...content, form, results, compare);
  if (from || to || routeShown) await run();
}

function routeCard(host: PanelHost, steps: CareerStep[], i: number) {
  const lang = host.lang();
  const box = h("section", "path");
  box.dataset.index = String(i);
  const head = h("button", "path-head");
  head.type = "button";
  head.textContent = `${t(ui.route, lang)} ${i + 1} · ${steps.length} ${t(ui.steps, lang)}`;
  head.addEventListener("click", () => {
    for (const s of document.querySelectorAll(".path.current")) s.classList.remove("current");
    box.classList.add("current");
    host.showPath([steps[0].from, ...steps.map((s) => s.to)], "career");
  });
  const ol = h("ol", "steps");
  const start = h("li", "step-start");
  start.append(itemLink(host, steps[0].from, steps[0].from_label));
  ol.append(start);
  for (const s of steps) ol.append(careerStep(host, s));
  box.append(head, ol);
  return box;
}

export function careerStep(host: PanelHost, s: CareerStep, showFrom = false) {
  const lang = host.lang();
  const li = h("li");
  const line = h("div", "step-line");
  if (showFrom) {
    // In an item's details: "from → to", then what kind of move it is.
    line.append(itemLink(host, s.from, s.from_label), h("span", "step-link", "→"), itemLink(host, s.to, s.to_label));
    line.append(h("span", "chip", s.kind_label[lang]));
  } else {
    line.append(h("span", "step-link", `→ ${s.kind_label[lang]}`), itemLink(host, s.to, s.to_label));
  }
  if (s.track) line.append(h("span", "chip", s.track[lang]));
  if (s.illustrative) line.append(h("span", "badge-inline", t(ui.example, lang)));
  li.append(line);
  if (s.description) li.append(h("p", "step-note", s.description[lang]));
  if (s.builds.length) li.append(h("p", "step-builds", `${t(ui.builds, lang)}: ${s.builds.map((b) => b[lang]).join("、")}`));
  return li;
}

function trackTable(host: PanelHost, tracks: TrackColumn[]) {
  const lang = host.lang();
  const grid = h("div", "tracks");
  for (const track of tracks) {
    const col = h("div", "track");
    col.dataset.track = track.id;
    col.append(h("h4", "", track.label[lang]));
    if (track.description) col.append(h("p", "track-note", track.description[lang]));
    const ol = h("ol", "track-stages");
    for (const s of track.stages) {
      const li = h("li");
      const name = itemLink(host, s.id, s.label);
      li.append(name);
      if (s.illustrative) li.append(h("span", "badge-inline", t(ui.example, lang)));
      if (s.description) li.append(h("p", "step-note", s.description[lang]));
      if (s.builds.length) li.append(h("p", "step-builds", `${t(ui.builds, lang)}: ${s.builds.map((b) => b[lang]).join("、")}`));
      ol.append(li);
    }
    col.append(ol);
    grid.append(col);
  }
  return grid;
}

// --- Outline ---------------------------------------------------------------------------

export async function showOutline(host: PanelHost) {
  const lang = host.lang();
  const pre = h("pre", "outline");
  pre.id = "outline-text";
  pre.tabIndex = 0;
  const status = h("p", "status");
  status.setAttribute("role", "status");
  const copy = button(t(ui.copyText, lang), "link-button", "outline-copy");
  try {
    pre.textContent = await host.backend.outline(host.request());
  } catch (e) {
    host.open("outline", h("h2", "panel-title", t(ui.outlineTitle, lang)), errorLine(lang, e));
    return;
  }
  copy.addEventListener("click", async () => {
    try {
      await host.backend.copyText(pre.textContent ?? "");
      status.textContent = t(ui.copiedText, lang);
      document.body.dataset.copiedText = "true";
    } catch (e) {
      status.replaceWith(errorLine(lang, e));
    }
  });
  host.open("outline", h("h2", "panel-title", t(ui.outlineTitle, lang)), copy, status, pre);
}

// --- A link explained --------------------------------------------------------------------

/** The link whose panel is open, to show again in another language. */
let shownEdge: { from: string; to: string } | null = null;

/** Shows the open link's panel again (after a language switch or a redraw). */
export async function reopenEdge(host: PanelHost) {
  if (shownEdge) await showEdge(host, shownEdge.from, shownEdge.to);
}

export async function showEdge(host: PanelHost, from: string, to: string) {
  shownEdge = { from, to };
  const lang = host.lang();
  let d: EdgeDetails | null;
  try {
    d = await host.backend.edgeDetails(from, to);
  } catch (e) {
    host.open("edge", h("h2", "panel-title", t(ui.edge, lang)), errorLine(lang, e));
    return;
  }
  if (!d) return;
  const head = h("p", "edge-ends");
  head.append(itemLink(host, d.from, d.from_label), h("span", "step-link", "→"), itemLink(host, d.to, d.to_label));
  const list = h("div", "edge-items");
  for (const item of d.items) {
    const sec = h("section", "edge-item");
    sec.dataset.kind = item.kind;
    sec.append(h("h3", "", item.label[lang]));
    if (item.description) sec.append(h("p", "", item.description[lang]));
    if (item.source) {
      sec.append(h("p", "details-section", item.source.section[lang]), h("blockquote", "", item.source.quote));
    }
    list.append(sec);
  }
  host.open("edge", h("p", "details-kind", t(ui.edge, lang)), head, list);
}

// --- Search ------------------------------------------------------------------------------

export class Search {
  private hits: SearchHit[] = [];
  private active = 0;
  private generation = 0;
  private timer = 0;

  constructor(
    private host: PanelHost,
    private input: HTMLInputElement,
    private list: HTMLElement,
  ) {
    input.addEventListener("input", () => {
      clearTimeout(this.timer);
      this.timer = window.setTimeout(() => void this.run(), 60);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (!this.hits.length) return;
        this.active = (this.active + (e.key === "ArrowDown" ? 1 : this.hits.length - 1)) % this.hits.length;
        this.paint();
      } else if (e.key === "Enter") {
        e.preventDefault();
        clearTimeout(this.timer);
        void this.run().then(() => this.choose(this.active));
      } else if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        this.clear();
      }
    });
    input.addEventListener("blur", () => setTimeout(() => (this.list.hidden = true), 150));
    input.addEventListener("focus", () => (this.list.hidden = !this.hits.length && !input.value.trim()));
  }

  focus() {
    this.input.focus();
    this.input.select();
  }

  clear() {
    this.input.value = "";
    this.hits = [];
    this.list.hidden = true;
    this.list.replaceChildren();
    this.input.blur();
  }

  private async run() {
    const q = this.input.value;
    const generation = ++this.generation;
    if (!q.trim()) {
      this.hits = [];
      this.list.hidden = true;
      return;
    }
    let hits: SearchHit[];
    try {
      hits = await this.host.backend.search(q, this.host.lang());
    } catch (e) {
      if (generation !== this.generation) return;
      this.hits = [];
      this.list.replaceChildren(errorLine(this.host.lang(), e));
      this.list.hidden = false;
      return;
    }
    if (generation !== this.generation) return;
    this.hits = hits;
    this.active = 0;
    this.paint();
  }

  private paint() {
    const lang = this.host.lang();
    this.list.replaceChildren();
    this.list.hidden = false;
    if (!this.hits.length) {
      this.list.append(h("li", "search-none", t(ui.searchNone, lang)));
      return;
    }
    this.hits.forEach((hit, i) => {
      const li = h("li", i === this.active ? "hit active" : "hit");
      li.id = `hit-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", String(i === this.active));
      li.dataset.id = hit.id;
      const name = h("span", "hit-label", hit.label[lang]);
      const kind = h("span", "hit-kind", hit.kind[lang]);
      li.append(name, kind);
      if (hit.field !== "label") li.append(h("span", "hit-snippet", hit.snippet));
      li.addEventListener("pointerdown", (e) => {
        e.preventDefault();
        this.choose(i);
      });
      this.list.append(li);
    });
    this.input.setAttribute("aria-activedescendant", `hit-${this.active}`);
    this.list.querySelector(".active")?.scrollIntoView({ block: "nearest" });
  }

  private choose(i: number) {
    const hit = this.hits[i];
    if (!hit) return;
    this.list.hidden = true;
    this.host.jump(hit.id, hit.views);
  }
}

