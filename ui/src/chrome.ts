// The window's chrome: the sidebar's view list, layout, legend heading, zoom and tool
// buttons, language and theme switches, the tours list and the dataset's title and
// source, all rendered again in the current language and state. What its buttons do
// is in the areas above it, reached through actions.ts.
import { drawnCompact, offeredViews, state, type Theme } from "./state";
import { t, ui } from "./i18n";
import { $, h } from "./dom";
import { phrases, setPhrased } from "./phrases";
import { fitPhrases } from "./place";
import { actions } from "./actions";
import { renderAbout } from "./about";

export function renderChrome() {
  const lang = state.lang;
  document.documentElement.lang = lang;
  document.documentElement.dataset.theme = state.theme;
  $("views-heading").textContent = t(ui.views, lang);
  const list = $("views");
  list.replaceChildren();
  offeredViews().forEach((v, i) => {
    const li = h("li");
    const b = h("button", `view${v === state.view ? " current" : ""}`, t(ui[v], lang));
    b.type = "button";
    b.id = `view-${v}`;
    b.title = `${t(ui[v], lang)} (${i + 1})`;
    if (v === state.view) b.setAttribute("aria-current", "page");
    b.addEventListener("click", () => actions.setView(v));
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
  setPhrased($("compact-label"), t(ui.compact, lang));
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
  search.title = t(ui.searchTip, lang);
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
  actions.files.render();
  renderAbout();
  const meta = state.meta;
  if (!meta) return;
  actions.files.setCurrentTitle(meta.title[lang]);
  renderTitle(meta.title[lang]);
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

export function renderTours() {
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
    b.append(h("span", "", `▶ ${tour.title[lang]}`), h("small", "", `${tour.steps} ${t(ui.steps, lang)}`));
    b.addEventListener("click", () => void actions.startTour(tour));
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

/** What may end a phrase but not a cut title: spaces and separators ("Microsoft CSS:"). */
const TAIL = /[\s:：、，,・—–-]+$/u;

/** The dataset's title in the top bar, one span a phrase (its separators apart), so
 * that `fitTitle` can cut it between phrases. Its text stays whole (textContent), and
 * the full name is its tooltip and accessible name. */
function renderTitle(full: string) {
  const el = $("dataset-title");
  el.title = full;
  el.setAttribute("aria-label", full);
  el.replaceChildren(
    ...phrases(full).map((p) => {
      const tail = TAIL.exec(p)?.[0] ?? "";
      const span = h("span", "title-phrase");
      span.append(p.slice(0, p.length - tail.length));
      if (tail) span.append(h("span", "title-tail", tail));
      return span;
    }),
  );
  fitTitle();
}

let measure: CanvasRenderingContext2D | null = null;

/** Shows as many of the title's phrases as fit the room the top bar leaves it, with an
 * ellipsis after them when some are left out: never a word cut in two. */
export function fitTitle() {
  const el = $("dataset-title");
  const parts = [...el.querySelectorAll<HTMLElement>(".title-phrase")];
  for (const e of el.querySelectorAll<HTMLElement>("[hidden]")) e.hidden = false;
  el.classList.remove("cut");
  // Whole, the title is shrunk by the bar to the room it has (it gives way first).
  const room = el.clientWidth;
  if (el.scrollWidth <= room) return;
  const style = getComputedStyle(el);
  measure ??= document.createElement("canvas").getContext("2d");
  if (measure) measure.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const ellipsis = measure ? measure.measureText("…").width : parseFloat(style.fontSize);
  const n = fitPhrases(
    parts.map((p) => p.getBoundingClientRect().width),
    ellipsis,
    room,
  );
  parts.forEach((p, i) => (p.hidden = i >= n));
  const tail = parts[n - 1]?.querySelector<HTMLElement>(".title-tail");
  if (tail) tail.hidden = true;
  el.classList.add("cut");
}

window.addEventListener("resize", fitTitle);
