import { BackendError, tauriBackend, type Backend } from "./backend";
import type { OrgTree, TreeNode } from "./generated/types";
import { kindNames, t, ui, type Lang } from "./i18n";
import { drawTree, groupColours, type Drawn } from "./render";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

// Below this the 12 px captions fall under 8 px on screen.
const MIN_FIT = 0.66;
const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];

interface State {
  lang: Lang;
  tree: OrgTree | null;
  selected: TreeNode | null;
  zoom: number;
  drawn: Drawn | null;
}

const state: State = {
  lang: localStorage.getItem("orgpath.lang") === "en" ? "en" : "ja",
  tree: null,
  selected: null,
  zoom: 1,
  drawn: null,
};

function h<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function renderChrome() {
  const lang = state.lang;
  document.documentElement.lang = lang;
  $("views-heading").textContent = t(ui.views, lang);
  $("view-org").textContent = t(ui.orgView, lang);
  $("legend-heading").textContent = t(ui.legend, lang);
  $("zoom-in").title = t(ui.zoomIn, lang);
  $("zoom-out").title = t(ui.zoomOut, lang);
  $("zoom-reset").title = t(ui.zoomReset, lang);
  $("zoom-fit").textContent = t(ui.zoomFit, lang);
  $("zoom-fit").title = t(ui.zoomFitTip, lang);
  $("details-close").title = t(ui.close, lang);
  $("details-close").setAttribute("aria-label", t(ui.close, lang));
  $("lang-switch").title = t(ui.langTip, lang);
  for (const b of document.querySelectorAll<HTMLButtonElement>("#lang-switch button")) {
    b.setAttribute("aria-checked", String(b.dataset.lang === lang));
  }
  const tree = state.tree;
  if (!tree) return;
  $("dataset-title").textContent = tree.meta.title[lang];
  document.title = `orgpath — ${tree.meta.title[lang]}`;

  const legend = $("legend");
  legend.replaceChildren();
  const colours = groupColours(tree.groups);
  const used = new Set<string>();
  const collect = (nodes: TreeNode[]) => nodes.forEach((n) => (n.group && used.add(n.group), collect(n.children)));
  collect(tree.roots);
  // Only the groups this view draws; colours stay tied to the dataset's group order.
  for (const g of tree.groups.filter((g) => used.has(g.id))) {
    const li = h("li");
    const sw = h("span", "swatch");
    sw.style.backgroundColor = colours.get(g.id) ?? "";
    li.append(sw, h("span", "", g.label[lang]));
    legend.append(li);
  }
  const ill = h("li");
  ill.append(h("span", "swatch dashed"), h("span", "", t(ui.illustrative, lang)));
  legend.append(ill);
  if (hasExtraParents(tree.roots)) {
    const sec = h("li");
    sec.append(h("span", "swatch line-dashed"), h("span", "", t(ui.secondary, lang)));
    legend.append(sec);
  }

  const about = $("about");
  about.replaceChildren();
  const src = tree.meta.source;
  if (src) {
    about.append(h("h2", "", t(ui.source, lang)));
    about.append(h("p", "source-title", src.title));
    const by = [src.author, src.date].filter(Boolean).join(" · ");
    if (by) about.append(h("p", "source-by", by));
  }
  if (tree.meta.description) about.append(h("p", "dataset-description", tree.meta.description[lang]));
}

function hasExtraParents(nodes: TreeNode[]): boolean {
  return nodes.some((n) => n.extra_parents.length > 0 || hasExtraParents(n.children));
}

function renderDiagram() {
  const scroller = $("scroller");
  const tree = state.tree;
  if (!tree) return;
  if (tree.roots.length === 0) {
    showMessage(t(ui.empty, state.lang));
    return;
  }
  const first = state.drawn === null;
  state.drawn = drawTree(scroller, tree.roots, tree.groups, state.lang, select);
  // Open on the whole tree, unless that would shrink text below legibility.
  if (first) fitZoom(MIN_FIT);
  else applyZoom();
  markSelection();
}

function applyZoom() {
  const d = state.drawn;
  if (!d) return;
  d.svg.setAttribute("width", String(Math.round(d.layout.width * state.zoom)));
  d.svg.setAttribute("height", String(Math.round(d.layout.height * state.zoom)));
  $("zoom-reset").textContent = `${Math.round(state.zoom * 100)}%`;
}

function setZoom(z: number) {
  state.zoom = Math.min(3, Math.max(0.2, z));
  applyZoom();
}

function stepZoom(dir: 1 | -1) {
  const next = dir > 0 ? ZOOM_STEPS.find((s) => s > state.zoom + 1e-6) : [...ZOOM_STEPS].reverse().find((s) => s < state.zoom - 1e-6);
  setZoom(next ?? state.zoom);
}

function fitZoom(floor = 0.2) {
  const d = state.drawn;
  if (!d) return;
  const box = $("scroller").getBoundingClientRect();
  setZoom(Math.max(floor, Math.min(box.width / d.layout.width, box.height / d.layout.height, 1)));
}

function select(node: TreeNode | null) {
  state.selected = node;
  markSelection();
  renderDetails();
}

function markSelection() {
  for (const g of document.querySelectorAll(".card")) {
    g.classList.toggle("selected", g.getAttribute("data-node-id") === state.selected?.id);
  }
}

function renderDetails() {
  const panel = $("details");
  const body = $("details-body");
  const n = state.selected;
  const lang = state.lang;
  const other: Lang = lang === "ja" ? "en" : "ja";
  panel.hidden = !n;
  if (!n) return;
  body.replaceChildren();
  body.append(h("p", "details-kind", t(kindNames[n.kind], lang)));
  body.append(h("h2", "details-title", n.label[lang]));
  body.append(h("p", "details-other", n.label[other]));
  if (n.illustrative) {
    const note = h("p", "details-illustrative");
    note.append(h("span", "badge-inline", t(ui.example, lang)), document.createTextNode(t(ui.exampleNote, lang)));
    body.append(note);
  }
  if (n.title) body.append(h("p", "details-row", `${t(ui.title, lang)}: ${n.title[lang]}`));
  if (n.group && state.tree) {
    const g = state.tree.groups.find((x) => x.id === n.group);
    if (g) body.append(h("p", "details-row", `${t(ui.group, lang)}: ${g.label[lang]}`));
  }
  if (n.description) body.append(h("p", "details-description", n.description[lang]));
  if (n.extra_parents.length > 0) body.append(h("p", "details-row", `${t(ui.otherParents, lang)}: ${n.extra_parents.join(", ")}`));
  const src = h("section", "details-source");
  src.append(h("h3", "", t(ui.sourcePassage, lang)));
  if (n.source) {
    src.append(h("p", "details-section", n.source.section[lang]));
    src.append(h("blockquote", "", n.source.quote));
  } else {
    src.append(h("p", "muted", t(ui.noSource, lang)));
  }
  body.append(src);
}

function setLang(lang: Lang) {
  if (lang === state.lang) return;
  state.lang = lang;
  localStorage.setItem("orgpath.lang", lang);
  renderChrome();
  renderDiagram();
  renderDetails();
}

function showMessage(text: string, detail?: string) {
  const m = $("message");
  m.replaceChildren(h("h2", "", text));
  if (detail) m.append(h("p", "", detail));
  m.hidden = false;
}

function wire() {
  for (const b of document.querySelectorAll<HTMLButtonElement>("#lang-switch button")) {
    b.addEventListener("click", () => setLang(b.dataset.lang === "en" ? "en" : "ja"));
  }
  $("zoom-in").addEventListener("click", () => stepZoom(1));
  $("zoom-out").addEventListener("click", () => stepZoom(-1));
  $("zoom-reset").addEventListener("click", () => setZoom(1));
  $("zoom-fit").addEventListener("click", () => fitZoom());
  $("details-close").addEventListener("click", () => select(null));
  $("view-org").addEventListener("click", () => $("canvas").focus());
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement;
    if (target.tagName === "INPUT" || target.tagName === "TEXTAREA") return;
    switch (e.key) {
      case "l":
      case "L":
        setLang(state.lang === "ja" ? "en" : "ja");
        break;
      case "+":
      case "=":
        stepZoom(1);
        break;
      case "-":
        stepZoom(-1);
        break;
      case "0":
        setZoom(1);
        break;
      case "f":
      case "F":
        fitZoom();
        break;
      case "Escape":
        select(null);
        break;
      default:
        return;
    }
    e.preventDefault();
  });
}

export async function start(backend: Backend) {
  wire();
  renderChrome();
  try {
    // Measure text only once the bundled and system fonts are ready, or card widths
    // would be computed with a fallback font.
    await document.fonts.ready;
    state.tree = await backend.orgTree();
  } catch (e) {
    const detail = e instanceof BackendError ? `${e.message} (${e.code})` : String(e);
    showMessage(t(ui.loadFailed, state.lang), detail);
    return;
  }
  renderChrome();
  renderDiagram();
  document.body.dataset.ready = "true";
}

void start(tauriBackend);
