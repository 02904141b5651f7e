import { tauriBackend, toBackendError, type Backend } from "./backend";
import { t, ui } from "./i18n";
import { stepZoom } from "./zoom";
import { exportOpen, openExport, wireExport } from "./export";
import { startPresenter } from "./presenter";
import { listen } from "@tauri-apps/api/event";
import { showCareer, showEdge, showOutline, showPaths } from "./panels";
import { highlight, type Arrow } from "./diagram";
import { $, showMessage } from "./dom";
import { DIRECTIONS, THEMES, VIEWS, drawnCompact, exportRequest, state } from "./state";
import { link } from "./actions";
import { arrowFrom, cardOf, fit, focusCard, minimap, setZoom, viewport, wireZoom } from "./surface";
import { renderChrome } from "./chrome";
import {
  draw,
  setCompact,
  setDirection,
  setLang,
  setTheme,
  setView,
  toggleCollapse,
  wireSettings,
} from "./views";
import { closePanel, panelHost, renderDetails, select, wirePanels, wireSearch } from "./details";
import { presentation, wirePresent } from "./presenting";
import { files, wireFiles } from "./dataset";

link({
  setView,
  renderDetails,
  startTour: (tour) => presentation.start(tour),
  files,
});

function cycle<T>(list: readonly T[], current: T): T {
  return list[(list.indexOf(current) + 1) % list.length];
}

function wire() {
  wireFiles();
  wireSettings();
  wireZoom();
  wirePanels();
  wirePresent();
  const search = wireSearch();
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

void start(tauriBackend);
