// The window's keys: the shortcuts that work anywhere (a tour's clicker keys, F5,
// F1, Ctrl+O, Ctrl+R, Ctrl+F, the file dialogs' own keys), then, when no text field has
// focus, the number and letter keys, Shift+numbers and Shift+arrows. The keys on a focused card are
// in cards.ts.
import { stepZoom } from "./zoom";
import { exportOpen, openExport } from "./export";
import { showCareer, showOutline, showPaths, type Search } from "./panels";
import { $ } from "./dom";
import { DIRECTIONS, THEMES, drawnCompact, offeredViews, state } from "./state";
import { fit, setZoom, viewport } from "./surface";
import { foldToLevel, setCompact, setDirection, setLang, setTheme, setView, toggleCollapse, unfoldAll } from "./views";
import { closePanel, panelHost } from "./details";
import { presentation } from "./presenting";
import { files } from "./dataset";
import { aboutOpen, openAbout } from "./about";

function cycle<T>(list: readonly T[], current: T): T {
  return list[(list.indexOf(current) + 1) % list.length];
}

/** The document's one keydown listener (Ctrl+F needs the search box). */
export function wireKeys(search: Search) {
  document.addEventListener("keydown", (e) => {
    if (commandKey(e, search)) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    // The export and About panels own the keyboard while open.
    if (exportOpen() || aboutOpen()) return;
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
    // Shift + a number folds the tree to that many levels. By the key's place, not its
    // character: Shift+1 types "!" (or another sign, by keyboard layout).
    const level = /^Digit([1-9])$/.exec(e.code);
    if (e.shiftKey && level) {
      foldToLevel(Number(level[1]));
      e.preventDefault();
      return;
    }
    if (plainKey(e.key)) e.preventDefault();
  });
}

/** The keys that come first, modifiers or not: true when one was taken (nothing more
 * is done with it). */
function commandKey(e: KeyboardEvent, search: Search): boolean {
  // A tour on show takes the keys a clicker sends.
  if (presentation.active) {
    presentation.key(e);
    if (!e.ctrlKey && !e.metaKey) e.preventDefault();
    return true;
  }
  if (e.key === "F1") {
    e.preventDefault();
    void openAbout();
    return true;
  }
  if (e.key === "F5" && state.tours.length) {
    e.preventDefault();
    void presentation.start(state.tours[0]);
    return true;
  }
  if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === "o" || e.key === "O")) {
    e.preventDefault();
    void files.openDialog();
    return true;
  }
  if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === "r" || e.key === "R")) {
    // The page must never reload itself (it would lose the view); Ctrl+R reads the
    // opened file again instead.
    e.preventDefault();
    void files.reload();
    return true;
  }
  if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "f" || e.key === "F")) {
    e.preventDefault();
    search.focus();
    return true;
  }
  return files.key(e);
}

/** A number (a view) or a letter without modifiers: true when it means something
 * (its default action is then prevented). */
function plainKey(key: string): boolean {
  const n = Number(key);
  const views = offeredViews();
  if (n >= 1 && n <= views.length) {
    setView(views[n - 1]);
    return true;
  }
  switch (key) {
    case "l":
    case "L":
      setLang(state.lang === "ja" ? "en" : "ja");
      return true;
    case "t":
    case "T":
      setTheme(cycle(THEMES, state.theme));
      return true;
    case "d":
    case "D":
      if (state.view === "org") setDirection(cycle(DIRECTIONS, state.direction));
      return true;
    case "c":
    case "C":
      if (state.view === "org") setCompact(!drawnCompact());
      return true;
    case "+":
    case "=":
      setZoom(stepZoom(state.zoom, 1));
      return true;
    case "-":
      setZoom(stepZoom(state.zoom, -1));
      return true;
    case "0":
      setZoom(1);
      return true;
    case "f":
    case "F":
      fit();
      return true;
    case "x":
    case "X":
      if (state.view === "org" && state.selected) toggleCollapse(state.selected);
      return true;
    case "u":
    case "U":
      unfoldAll();
      return true;
    case "e":
    case "E":
      openExport();
      return true;
    case "p":
    case "P":
      void showPaths(panelHost, state.selected ?? undefined);
      return true;
    case "r":
    case "R":
      void showCareer(panelHost);
      return true;
    case "o":
    case "O":
      void showOutline(panelHost);
      return true;
    case "Escape":
      closePanel();
      return true;
    default:
      return false;
  }
}
