// The Export panel: the same options as `orgpath export`, sent to the backend, which
// opens the save dialog itself and writes through the same exporter as the CLI.
import { toBackendError } from "./backend";
import {
  BACKGROUNDS,
  FORMATS,
  LANGS,
  PAPER_SIZES,
  SLIDE_FORMATS,
  THEMES,
  type ExportRequest,
  type ExportSaved,
  type Text,
  type TourExportRequest,
  type TourSummary,
  type View,
  type ViewRequest,
} from "./generated/types";
import { oneOf } from "./values";
import { t, ui, type Lang } from "./i18n";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
/** The value of the <select> with this id. */
const selected = (id: string) => $<HTMLSelectElement>(id).value;

export interface ExportHost {
  lang(): Lang;
  current(): ViewRequest;
  /** Writes the export; what was written (with a note when the PNG had to be drawn
   * smaller than asked), or null when the save dialog was cancelled. */
  save(request: ExportRequest): Promise<ExportSaved | null>;
  copy(request: ExportRequest): Promise<void>;
  /** The dataset's tours, which export as slides. */
  tours(): TourSummary[];
  /** The views the dataset has something to show in. */
  views(): readonly View[];
  /** Writes a tour's slides (a PDF deck or a PNG per step); the files written. */
  saveTour(request: TourExportRequest): Promise<string[]>;
}

let host: ExportHost;
let opener: HTMLElement | null = null;

function option(value: string, label: string): HTMLOptionElement {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = label;
  return o;
}

/** A fixed option: its value, and its label as written or in the window's language. */
type Fixed = readonly [value: string, label: string | Text];

/** The form's rows, in order: a <select id="export-KEY"> after its <label
 * id="export-KEY-label">, shown and hidden together (syncScale). The options listed
 * here are fixed; labels() fills the other selects in the window's language. */
const ROWS: readonly (readonly [key: string, label: Text, options: readonly Fixed[]])[] = [
  ["what", ui.exportWhat, []],
  ["view", ui.view, []],
  ["format", ui.format, [["png", "PNG"], ["svg", "SVG"], ["pdf", "PDF"]]],
  ["size", ui.slideSize, [["1080", "1920 × 1080"], ["2160", "3840 × 2160"]]],
  [
    "scale",
    ui.scale,
    [
      ...["0.25", "0.5", "1", "2", "3", "4"].map((s): Fixed => [s, `${s}×`]),
      ["fit:hd", ui.fitHd],
      ["fit:4k", ui.fit4k],
      ["fit:a4", ui.fitA4],
      ["fit:a3", ui.fitA3],
    ],
  ],
  ["paper", ui.paper, []],
  ["theme", ui.theme, []],
  ["lang", ui.language, [["ja", "日本語"], ["en", "English"]]],
  ["background", ui.background, []],
];

/** Makes the form's rows (see ROWS), once, before anything looks them up. */
function buildRows() {
  const grid = $("export-fields");
  for (const [key, , options] of ROWS) {
    const label = document.createElement("label");
    label.htmlFor = `export-${key}`;
    label.id = `export-${key}-label`;
    const select = document.createElement("select");
    select.id = `export-${key}`;
    select.append(...options.map(([value, text]) => option(value, typeof text === "string" ? text : "")));
    grid.append(label, select);
  }
  $<HTMLSelectElement>("export-scale").value = "1";
}

function labels() {
  const lang = host.lang();
  $("export-title").textContent = t(ui.exportTitle, lang);
  for (const [key, label, options] of ROWS) {
    $(`export-${key}-label`).textContent = t(label, lang);
    const select = $<HTMLSelectElement>(`export-${key}`);
    for (const [value, text] of options) {
      if (typeof text !== "string") select.querySelector<HTMLOptionElement>(`option[value="${value}"]`)!.textContent = t(text, lang);
    }
  }
  const what = $<HTMLSelectElement>("export-what");
  const chosen = what.value;
  what.replaceChildren(
    option("view", t(ui.thisDiagram, lang)),
    ...host.tours().map((tour) => option(`tour:${tour.id}`, `${t(ui.slidesOf, lang)}${tour.title[lang]}`)),
  );
  if ([...what.options].some((o) => o.value === chosen)) what.value = chosen;
  const paper = $<HTMLSelectElement>("export-paper");
  const chosenPaper = paper.value;
  paper.replaceChildren(
    // Small drawings get a page of their own size, large ones A4 tiles (README).
    option("", t(ui.paperAuto, lang)),
    ...PAPER_SIZES.map((p) => option(p, p.length === 2 ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1))),
  );
  paper.value = chosenPaper;
  $("export-save").textContent = t(ui.save, lang);
  $("export-copy").textContent = t(ui.copy, lang);
  $("export-cancel").textContent = t(ui.cancel, lang);
  const view = $<HTMLSelectElement>("export-view");
  view.replaceChildren(...host.views().map((v) => option(v, t(ui[v], lang))));
  const theme = $<HTMLSelectElement>("export-theme");
  theme.replaceChildren(...THEMES.map((v) => option(v, t(ui[v], lang))));
  const bg = $<HTMLSelectElement>("export-background");
  const bgLabel = { theme: ui.bgTheme, white: ui.bgWhite, transparent: ui.bgTransparent } as const;
  bg.replaceChildren(...BACKGROUNDS.map((b) => option(b, t(bgLabel[b], lang))));
}

function request(): ExportRequest {
  const base = host.current();
  const format = oneOf(selected("export-format"), FORMATS, "png");
  const size = selected("export-scale");
  const paper = selected("export-paper");
  const r: ExportRequest = {
    view: {
      ...base,
      view: oneOf(selected("export-view"), host.views(), base.view),
      theme: oneOf(selected("export-theme"), THEMES, base.theme),
      lang: oneOf(selected("export-lang"), LANGS, base.lang),
    },
    format,
    scale: size.startsWith("fit:") ? 1 : Number(size),
    background: oneOf(selected("export-background"), BACKGROUNDS, "theme"),
  };
  if (size.startsWith("fit:")) r.fit = size.slice(4);
  if (format === "pdf" && paper) r.paper = oneOf(paper, PAPER_SIZES, "a4");
  return r;
}

function status(text: string, error = false) {
  const s = $("export-status");
  s.textContent = text;
  s.classList.toggle("error", error);
}

/** The tour chosen in "What", or null for the current diagram. */
function tourChosen(): string | null {
  const v = $<HTMLSelectElement>("export-what").value;
  return v.startsWith("tour:") ? v.slice(5) : null;
}

/** Shows the rows that apply: a diagram has a view and a background, a PNG size or a
 * PDF paper; a tour has a slide size, and can be a PDF deck. A row that does nothing
 * for the chosen format is hidden rather than left as a dead control. */
function syncScale() {
  const tour = tourChosen() !== null;
  const format = $<HTMLSelectElement>("export-format");
  const svg = format.querySelector<HTMLOptionElement>('option[value="svg"]')!;
  svg.hidden = svg.disabled = tour;
  if (tour && format.value === "svg") format.value = "pdf";
  const png = format.value === "png";
  for (const [id, show] of [
    ["export-view", !tour],
    ["export-scale", !tour && png],
    ["export-paper", !tour && format.value === "pdf"],
    ["export-background", !tour],
    ["export-size", tour && png],
  ] as const) {
    $(id).hidden = !show;
    $(`${id}-label`).hidden = !show;
  }
  $<HTMLButtonElement>("export-copy").disabled = tour;
}

export function openExport() {
  opener = document.activeElement as HTMLElement | null;
  labels();
  const cur = host.current();
  $<HTMLSelectElement>("export-view").value = cur.view;
  $<HTMLSelectElement>("export-theme").value = cur.theme;
  $<HTMLSelectElement>("export-lang").value = cur.lang;
  syncScale();
  status("");
  $("export-dialog").hidden = false;
  $("export-what").focus();
}

export function closeExport() {
  $("export-dialog").hidden = true;
  opener?.focus();
}

export function exportOpen(): boolean {
  return !$("export-dialog").hidden;
}

async function run(action: "save" | "copy") {
  const lang = host.lang();
  const buttons = ["export-save", "export-copy"].map((id) => $<HTMLButtonElement>(id));
  buttons.forEach((b) => (b.disabled = true));
  status(t(ui.saving, lang));
  try {
    const tour = tourChosen();
    if (action === "save" && tour) {
      const request: TourExportRequest = {
        tour,
        lang: oneOf(selected("export-lang"), LANGS, lang),
        size: Number(selected("export-size")),
        format: oneOf(selected("export-format"), SLIDE_FORMATS, "png"),
        theme: oneOf(selected("export-theme"), THEMES, "projector"),
      };
      const files = await host.saveTour(request);
      status(files.length ? t(ui.saved, lang) + (files.length > 1 ? `${files.length} × ${files[0]} …` : files[0]) : t(ui.notSaved, lang));
      document.body.dataset.exported = files.join("\n");
    } else if (action === "save") {
      const saved = await host.save(request());
      // What was written, and, when the PNG had to be drawn smaller than asked, why
      // and what to use for full detail.
      status(saved ? `${t(ui.saved, lang)}${saved.path} (${saved.summary[lang]})${saved.note ? `\n${t(ui.exportNote, lang)}${saved.note[lang]}` : ""}` : t(ui.notSaved, lang));
      document.body.dataset.exported = saved?.path ?? "";
    } else {
      await host.copy(request());
      status(t(ui.copied, lang));
      document.body.dataset.copied = "true";
    }
  } catch (e) {
    status(t(ui.exportFailed, lang) + toBackendError(e).message, true);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

export function wireExport(h: ExportHost) {
  host = h;
  buildRows();
  $("export-form").addEventListener("submit", (e) => {
    e.preventDefault();
    void run("save");
  });
  $("export-copy").addEventListener("click", () => void run("copy"));
  $("export-cancel").addEventListener("click", closeExport);
  $("export-format").addEventListener("change", syncScale);
  $("export-what").addEventListener("change", syncScale);
  $("export-dialog").addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      closeExport();
    }
  });
}
