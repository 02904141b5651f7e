// The side panel: an item's details, the explorer's tools (paths, career routes, the
// outline) through the panels' host, selecting an item and jumping to where it is
// drawn, and the search box.
import type { Details } from "./generated/types";
import { t, ui, type Lang } from "./i18n";
import { Search, careerStep, forgetResults, reopenEdge, showCareer, showOutline, showPaths, type PanelHost } from "./panels";
import { highlightPath } from "./diagram";
import { $, h } from "./dom";
import { VIEWS, request, state, type ViewName } from "./state";
import { flash, focusCard, markSelection, reveal, viewport } from "./surface";
import { draw, foldToLevel, setView, showPath, toggleCollapse, unfoldAll } from "./views";

export const panelHost: PanelHost = {
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
export async function jump(id: string, views?: string[]) {
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

export async function select(id: string | null) {
  state.selected = id;
  markSelection();
  if (id) reveal(id);
  await renderDetails();
}

export async function renderDetails() {
  const panel = $("details");
  const body = $("details-body");
  const id = state.selected;
  if (state.panel !== "details" && !panel.hidden) {
    // A tool is open: keep it, in the current language.
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
  body.replaceChildren();
  detailsSummary(body, d, lang);
  detailsTree(body, lang);
  detailsRelations(body, d, lang);
  detailsCareer(body, d, lang);
  detailsTools(body, d, lang);
  detailsSource(body, d, lang);
  panel.hidden = false;
}

/** The item itself: kind, name (in the other language too), rows, description and the
 * fold button. */
function detailsSummary(body: HTMLElement, d: Details, lang: Lang) {
  const other: Lang = lang === "ja" ? "en" : "ja";
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
}

/** The whole tree's folds, in the organisation view: unfold all (U), and fold to
 * level N (Shift+N) for each level the tree has, up to 9. */
function detailsTree(body: HTMLElement, lang: Lang) {
  const levels = Math.min(state.payload?.levels ?? 0, 9);
  if (state.view !== "org" || levels < 2) return;
  const sec = h("div", "details-tree");
  sec.id = "tree-folds";
  const all = h("button", "link-button", t(ui.unfoldAll, lang));
  all.type = "button";
  all.id = "unfold-all";
  all.title = t(ui.unfoldAllTip, lang);
  all.disabled = state.collapsed.size === 0;
  all.addEventListener("click", unfoldAll);
  const row = h("div", "fold-levels");
  row.setAttribute("role", "group");
  const label = h("span", "field-label", t(ui.foldToLevel, lang));
  label.id = "fold-levels-label";
  row.setAttribute("aria-labelledby", label.id);
  row.append(label);
  for (let n = 1; n <= levels; n++) {
    const b = h("button", "level-button", String(n));
    b.type = "button";
    b.id = `fold-level-${n}`;
    b.title = `${t(ui.foldToLevelTip, lang)} (Shift+${n})`;
    b.addEventListener("click", () => foldToLevel(n));
    row.append(b);
  }
  sec.append(all, row);
  body.append(sec);
}

/** The user's extra columns, and the item's relations grouped by kind. */
function detailsRelations(body: HTMLElement, d: Details, lang: Lang) {
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
}

/** The career steps into and out of the item. */
function detailsCareer(body: HTMLElement, d: Details, lang: Lang) {
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
}

/** Paths from and to the item, and centring on it when it is drawn. */
function detailsTools(body: HTMLElement, d: Details, lang: Lang) {
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
}

/** The passage of the source the item comes from. */
function detailsSource(body: HTMLElement, d: Details, lang: Lang) {
  const src = h("section", "details-source");
  src.append(h("h3", "", t(ui.sourcePassage, lang)));
  if (d.source) {
    src.append(h("p", "details-section", d.source.section[lang]), h("blockquote", "", d.source.quote));
  } else {
    src.append(h("p", "muted", t(ui.noSource, lang)));
  }
  body.append(src);
}

/** Shows the open tool again (after a language switch or a redraw). */
export async function reopenTool() {
  switch (state.panel) {
    case "paths":
      return showPaths(panelHost);
    case "career":
      return showCareer(panelHost);
    case "outline":
      return showOutline(panelHost);
    case "edge":
      return reopenEdge(panelHost);
  }
}

export function closePanel() {
  forgetResults();
  state.panel = "details";
  state.path = [];
  const svg = $("scroller").querySelector("svg");
  if (svg && state.index) highlightPath(svg, state.index, []);
  void select(null);
}

/** The tool buttons in the sidebar that open the side panel, and its close button. */
export function wirePanels() {
  $("details-close").addEventListener("click", closePanel);
  $("paths-open").addEventListener("click", () => void showPaths(panelHost, state.selected ?? undefined));
  $("career-open").addEventListener("click", () => void showCareer(panelHost));
  $("outline-open").addEventListener("click", () => void showOutline(panelHost));
}

/** The search box: it lists matches as you type and jumps to the one picked. Returned
 * for Ctrl+F (keys.ts). */
export function wireSearch() {
  return new Search(panelHost, $<HTMLInputElement>("search"), $("search-results"));
}
