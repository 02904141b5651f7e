// The Export panel: the same options as `orgpath export`, sent to the backend, which
// opens the save dialog itself and writes through the same exporter as the CLI.
import { toBackendError } from "./backend";
import type { ExportRequest, TourExportRequest, TourSummary, ViewRequest } from "./generated/types";
import { t, ui, type Lang } from "./i18n";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export interface ExportHost {
  lang(): Lang;
  current(): ViewRequest;
  save(request: ExportRequest): Promise<string | null>;
  copy(request: ExportRequest): Promise<void>;
  /** The dataset's tours, which export as slides. */
  tours(): TourSummary[];
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

function labels() {
  const lang = host.lang();
  $("export-title").textContent = t(ui.exportTitle, lang);
  $("export-what-label").textContent = t(ui.exportWhat, lang);
  $("export-size-label").textContent = t(ui.slideSize, lang);
  const what = $<HTMLSelectElement>("export-what");
  const chosen = what.value;
  what.replaceChildren(
    option("view", t(ui.thisDiagram, lang)),
    ...host.tours().map((tour) => option(`tour:${tour.id}`, `${t(ui.slidesOf, lang)}${tour.title[lang]}`)),
  );
  if ([...what.options].some((o) => o.value === chosen)) what.value = chosen;
  $("export-view-label").textContent = t(ui.view, lang);
  $("export-format-label").textContent = t(ui.format, lang);
  $("export-scale-label").textContent = t(ui.scale, lang);
  $("export-theme-label").textContent = t(ui.theme, lang);
  $("export-lang-label").textContent = t(ui.language, lang);
  $("export-background-label").textContent = t(ui.background, lang);
  $("export-save").textContent = t(ui.save, lang);
  $("export-copy").textContent = t(ui.copy, lang);
  $("export-cancel").textContent = t(ui.cancel, lang);
  const view = $<HTMLSelectElement>("export-view");
  view.replaceChildren(...(["org", "relationships", "career", "flow"] as const).map((v) => option(v, t(ui[v], lang))));
  const theme = $<HTMLSelectElement>("export-theme");
  theme.replaceChildren(...(["light", "dark", "projector"] as const).map((v) => option(v, t(ui[v], lang))));
  const bg = $<HTMLSelectElement>("export-background");
  bg.replaceChildren(option("theme", t(ui.bgTheme, lang)), option("white", t(ui.bgWhite, lang)), option("transparent", t(ui.bgTransparent, lang)));
}

function request(): ExportRequest {
  const base = host.current();
  return {
    view: { ...base, view: $<HTMLSelectElement>("export-view").value, theme: $<HTMLSelectElement>("export-theme").value, lang: $<HTMLSelectElement>("export-lang").value },
    format: $<HTMLSelectElement>("export-format").value,
    scale: Number($<HTMLSelectElement>("export-scale").value),
    background: $<HTMLSelectElement>("export-background").value,
  };
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

/** Shows the rows that apply: a diagram has a view, a scale and a background; a tour
 * has a slide size, and can be a PDF deck. */
function syncScale() {
  const tour = tourChosen() !== null;
  const format = $<HTMLSelectElement>("export-format");
  const pdf = format.querySelector<HTMLOptionElement>('option[value="pdf"]')!;
  const svg = format.querySelector<HTMLOptionElement>('option[value="svg"]')!;
  pdf.hidden = pdf.disabled = !tour;
  svg.hidden = svg.disabled = tour;
  if ((tour && format.value === "svg") || (!tour && format.value === "pdf")) format.value = tour ? "pdf" : "png";
  for (const [id, show] of [
    ["export-view", !tour],
    ["export-scale", !tour],
    ["export-background", !tour],
    ["export-size", tour],
  ] as const) {
    $(id).hidden = !show;
    $(`${id}-label`).hidden = !show;
  }
  $<HTMLSelectElement>("export-scale").disabled = format.value !== "png";
  $<HTMLSelectElement>("export-size").disabled = format.value !== "png";
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
        lang: $<HTMLSelectElement>("export-lang").value,
        size: Number($<HTMLSelectElement>("export-size").value),
        format: $<HTMLSelectElement>("export-format").value,
        theme: $<HTMLSelectElement>("export-theme").value,
      };
      const files = await host.saveTour(request);
      status(files.length ? t(ui.saved, lang) + (files.length > 1 ? `${files.length} × ${files[0]} …` : files[0]) : t(ui.notSaved, lang));
      document.body.dataset.exported = files.join("\n");
    } else if (action === "save") {
      const path = await host.save(request());
      status(path ? t(ui.saved, lang) + path : t(ui.notSaved, lang));
      document.body.dataset.exported = path ?? "";
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
