// The Export panel: the same options as `orgpath export`, sent to the backend, which
// opens the save dialog itself and writes through the same exporter as the CLI.
import { toBackendError } from "./backend";
import type { ExportRequest, ViewRequest } from "./generated/types";
import { t, ui, type Lang } from "./i18n";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export interface ExportHost {
  lang(): Lang;
  current(): ViewRequest;
  save(request: ExportRequest): Promise<string | null>;
  copy(request: ExportRequest): Promise<void>;
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

function syncScale() {
  $<HTMLSelectElement>("export-scale").disabled = $<HTMLSelectElement>("export-format").value !== "png";
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
  $("export-view").focus();
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
    if (action === "save") {
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
  $("export-dialog").addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      closeExport();
    }
  });
}
