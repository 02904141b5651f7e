// The main window's shared state: one object that every area reads and changes, what
// of it is remembered between runs, and what it asks the backend to draw. The bottom
// of the module stack: it imports no area of the window.
import { tauriBackend, type Backend } from "./backend";
import {
  DIRECTIONS as ALL_DIRECTIONS,
  LANGS,
  THEMES as ALL_THEMES,
  VIEWS as ALL_VIEWS,
  type DirectionChoice,
  type Lang,
  type DatasetMeta,
  type Text,
  type Theme as ThemeName,
  type TourSummary,
  type View,
  type ViewPayload,
  type ViewRequest,
} from "./generated/types";
import { oneOf } from "./values";
import type { Virtual } from "./virtual";
import type { DiagramIndex } from "./diagram";
import { $ } from "./dom";

export type ViewName = View;
export type Theme = ThemeName;
export type Direction = DirectionChoice;
export type DrawnDirection = Exclude<Direction, "auto">;

export const VIEWS = ALL_VIEWS;
export const THEMES = ALL_THEMES;
// D cycles through these (Rust's order): "auto" lets the backend pick the direction and
// compaction that fit the window best.
export const DIRECTIONS = ALL_DIRECTIONS;

function stored<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  return oneOf(localStorage.getItem(`orgpath.${key}`), allowed, fallback);
}

export const state = {
  backend: tauriBackend as Backend,
  meta: null as DatasetMeta | null,
  lang: stored<Lang>("lang", LANGS, "ja"),
  view: stored<ViewName>("view", VIEWS, "org"),
  theme: stored<Theme>("theme", THEMES, "light"),
  direction: stored<Direction>("direction", DIRECTIONS, "auto"),
  compact: localStorage.getItem("orgpath.compact") === "true",
  focus: null as string | null,
  collapsed: new Set<string>(),
  /** The user folded or unfolded something: their folds are drawn as they are. Until
   * then the backend folds whole levels so the text is readable with the tree fitted. */
  userFolds: false,
  /** A folded card to open by one level in the next drawing. */
  unfold: null as string | null,
  /** A card hidden by folds, to show in the next drawing. */
  reveal: null as string | null,
  /** Fold the whole tree to this many levels in the next drawing. */
  foldLevel: null as number | null,
  payload: null as ViewPayload | null,
  zoom: 1,
  fitted: false,
  selected: null as string | null,
  /** The drawn diagram's cards and edges (rebuilt on every drawing). */
  index: null as DiagramIndex | null,
  /** Set while a large diagram draws only its visible part. */
  virtual: null as Virtual | null,
  /** Cards of the path or route on show, highlighted in every view that draws them. */
  path: [] as string[],
  /** Legend keys switched off (relation kinds, groups): the legend is the filter. */
  hidden: new Set<string>(),
  /** What the side panel shows: an item's details, or one of the explorer's tools. */
  panel: "details" as "details" | "paths" | "career" | "outline" | "edge",
  nodeList: null as { id: string; label: Text }[] | null,
  tours: [] as TourSummary[],
  /** While presenting: the step on show, and the theme to go back to. */
  stage: null as { tour: string; step: number; theme: Theme } | null,
  // Drawing requests can overlap (fast key presses): only the newest is shown.
  generation: 0,
};

export function save() {
  localStorage.setItem("orgpath.lang", state.lang);
  localStorage.setItem("orgpath.view", state.view);
  localStorage.setItem("orgpath.theme", state.theme);
  localStorage.setItem("orgpath.direction", state.direction);
  localStorage.setItem("orgpath.compact", String(state.compact));
}

/** The diagram area's size: what "fit" fills, and what the backend fits the tree to. */
export function viewportSize() {
  const b = $("scroller").getBoundingClientRect();
  // A pixel short on each side, so a rounded-up drawing never brings in scrollbars.
  return { width: Math.max(1, Math.floor(b.width) - 2), height: Math.max(1, Math.floor(b.height) - 2) };
}

/** The direction drawn ("auto" resolved by the backend). */
export function drawnDirection(): DrawnDirection {
  const d = state.view === "org" ? state.payload?.direction : undefined;
  if (d === "lr" || d === "td" || d === "rl" || d === "bu") return d;
  return state.direction === "auto" ? "td" : state.direction;
}

export function drawnCompact(): boolean {
  return state.direction === "auto" && state.payload && state.view === "org" ? state.payload.compact : state.compact;
}

export function request(): ViewRequest {
  return {
    view: state.view,
    lang: state.lang,
    theme: state.theme,
    direction: state.direction,
    compact: state.compact,
    collapsed: [...state.collapsed].sort(),
    hidden: [...state.hidden].sort(),
    viewport: viewportSize(),
    ...(state.userFolds ? { user_folds: true } : {}),
    ...(state.unfold ? { unfold: state.unfold } : {}),
    ...(state.reveal ? { reveal: state.reveal } : {}),
    ...(state.foldLevel ? { fold_level: state.foldLevel } : {}),
    ...(state.stage ? { tour: state.stage.tour, step: state.stage.step } : {}),
    ...(state.focus ? { focus: state.focus } : {}),
  };
}

/** What an export of the view on show asks for: the arrangement drawn, not "auto". */
export function exportRequest(): ViewRequest {
  const { unfold: _u, reveal: _r, fold_level: _f, ...r } = request();
  return state.view === "org" ? { ...r, direction: drawnDirection(), compact: drawnCompact(), user_folds: true } : r;
}

/** Folds chosen for the window, not by the user, are chosen again (for the new
 * arrangement or window size) on the next drawing. */
export function refold() {
  if (!state.userFolds) state.collapsed = new Set();
}

/** The views the dataset has something to show in (all of them until it is known):
 * the view list, the number keys and the export dialog offer only these. */
export function offeredViews(): readonly ViewName[] {
  const views = state.meta?.views;
  return views && views.length > 0 ? views : VIEWS;
}

/** A dataset's description arrived: keep the view on one it has data for. */
export function setMeta(meta: DatasetMeta) {
  state.meta = meta;
  const offered = offeredViews();
  if (!offered.includes(state.view)) state.view = offered[0];
}
