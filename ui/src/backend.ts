// The one place the UI talks to the Rust backend: its commands, and the events it sends
// (nothing else in the window subscribes to them). Failures become BackendError with
// the `{code, message}` shape the backend pins (src-tauri/src/error.rs). Every type and
// event name that crosses is generated from Rust (./generated/).
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { EVENTS, type About, type CurrentFile, type Failed, type Opened, type Outcome, type RecentEntry, type Stage, type StageCommand } from "./generated/shell";
import type {
  CareerRoutes,
  Lang,
  Details,
  EdgeDetails,
  ExportRequest,
  ExportSaved,
  DatasetMeta,
  NodeEntry,
  PathPair,
  PathsResult,
  Place,
  SearchHit,
  TourExportRequest,
  TourSummary,
  TrackColumn,
  ViewPayload,
  ViewRequest,
} from "./generated/types";

export type { About, CurrentFile, Failed, Opened, Outcome, RecentEntry, Stage, StageCommand };

export class BackendError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "BackendError";
  }
}

export function toBackendError(e: unknown): BackendError {
  if (e instanceof BackendError) return e;
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    return new BackendError(String(code), String(message));
  }
  return new BackendError("ipc", String(e));
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toBackendError(e);
  }
}

export interface Backend {
  meta(): Promise<DatasetMeta>;
  view(request: ViewRequest): Promise<ViewPayload>;
  details(id: string): Promise<Details>;
  /** Opens the save dialog (in the backend) and writes; null when cancelled. */
  exportView(request: ExportRequest): Promise<ExportSaved | null>;
  copyPng(request: ExportRequest): Promise<void>;
  /** Incremental search; at most 50 hits, best first. An empty query finds nothing. */
  search(query: string, lang: Lang): Promise<SearchHit[]>;
  /** Every node in file order, for pickers. */
  nodes(): Promise<NodeEntry[]>;
  /** How two nodes connect (hierarchy and relations, either direction). */
  findPaths(from: string, to: string, maxLen: number, maxPaths: number): Promise<PathsResult>;
  /** Two linked nodes for the path panel: `from` (else the dataset's subject) and the
   * node most related to it; null when nothing is linked. */
  pathPair(from: string | null): Promise<PathPair | null>;
  careerRoutes(from: string, to: string, maxRoutes: number): Promise<CareerRoutes>;
  careerPlaces(): Promise<Place[]>;
  compareTracks(): Promise<TrackColumn[]>;
  /** What links two cards; null when nothing does. */
  edgeDetails(from: string, to: string): Promise<EdgeDetails | null>;
  /** The view as plain text, in its language. */
  outline(request: ViewRequest): Promise<string>;
  copyText(text: string): Promise<void>;
  /** The dataset's guided tours, in file order. A step is drawn by `view` with
   * `tour` and `step` set in the request; its payload then carries `step`. */
  listTours(): Promise<TourSummary[]>;
  /** Exports a tour's slides: opens the save dialog (pdf) or the folder picker (png)
   * in the backend and writes there; resolves to the files written, [] when cancelled. */
  exportTour(request: TourExportRequest): Promise<string[]>;
  /** Fullscreen on or off for this window (presenting). */
  present(on: boolean): Promise<void>;
  openPresenter(): Promise<void>;
  /** Where the tour on show is (an empty tour: none), for the presenter window. */
  setStage(tour: string, step: number, lang: Lang): Promise<void>;
  getStage(): Promise<Stage | null>;
  /** A presenter-window key, for the main window's tour. */
  stageCommand(command: StageCommand): Promise<void>;
  /** File > Open: the backend shows the open dialog and loads the pick; null when
   * cancelled. The outcome also arrives as an event. */
  openFile(lang: Lang): Promise<Outcome | null>;
  recentFiles(): Promise<RecentEntry[]>;
  openRecent(index: number): Promise<Outcome>;
  /** Opens the file that last failed again, with columns mapped by the user. */
  openMapped(map: [string, string][], encoding: string | null): Promise<Outcome>;
  reloadFile(): Promise<Outcome>;
  openBuiltin(): Promise<Outcome>;
  currentFile(): Promise<CurrentFile | null>;
  /** The problems of the file the app was started with, when it did not open (the
   * built-in dataset is on show instead); null otherwise. */
  refusedFile(): Promise<Failed | null>;
  /** Help > About: the version, the licence and the built-in dataset's article. */
  about(): Promise<About>;
  /** The backend's events. Each call subscribes `f` for the window's life. */
  onLoading(f: (name: string) => void): void;
  onDataset(f: (opened: Opened) => void): void;
  onProblems(f: (failed: Failed) => void): void;
  /** A file dragged over the window, left, or dropped (the backend opens drops). */
  onDrag(f: (what: "enter" | "leave" | "drop") => void): void;
  onStageCommand(f: (command: StageCommand) => void): void;
  /** The presenter window: where the tour is; resolves once subscribed. */
  onStage(f: (stage: Stage | null) => void): Promise<void>;
}

export const tauriBackend: Backend = {
  meta: () => call<DatasetMeta>("get_meta"),
  view: (request) => call<ViewPayload>("get_view", { request }),
  details: (id) => call<Details>("get_details", { id }),
  exportView: (request) => call<ExportSaved | null>("export_view", { request }),
  copyPng: (request) => call<void>("copy_png", { request }),
  search: (query, lang) => call<SearchHit[]>("search", { query, lang }),
  nodes: () => call<NodeEntry[]>("list_nodes"),
  findPaths: (from, to, maxLen, maxPaths) =>
    call<PathsResult>("find_paths", { from, to, maxLen, maxPaths }),
  pathPair: (from) => call<PathPair | null>("path_pair", { from }),
  careerRoutes: (from, to, maxRoutes) =>
    call<CareerRoutes>("career_routes", { from, to, maxRoutes }),
  careerPlaces: () => call<Place[]>("career_places"),
  compareTracks: () => call<TrackColumn[]>("compare_tracks"),
  edgeDetails: (from, to) => call<EdgeDetails | null>("edge_details", { from, to }),
  outline: (request) => call<string>("outline", { request }),
  copyText: (text) => call<void>("copy_text", { text }),
  listTours: () => call<TourSummary[]>("list_tours"),
  exportTour: (request) => call<string[]>("export_tour", { request }),
  present: (on) => call<void>("present", { on }),
  openPresenter: () => call<void>("open_presenter"),
  setStage: (tour, step, lang) => call<void>("set_stage", { tour, step, lang }),
  getStage: () => call<Stage | null>("get_stage"),
  stageCommand: (command) => call<void>("stage_command", { command }),
  openFile: (lang) => call<Outcome | null>("open_file", { lang }),
  recentFiles: () => call<RecentEntry[]>("recent_files"),
  openRecent: (index) => call<Outcome>("open_recent", { index }),
  openMapped: (map, encoding) => call<Outcome>("open_mapped", { map, encoding }),
  reloadFile: () => call<Outcome>("reload_file"),
  openBuiltin: () => call<Outcome>("open_builtin"),
  currentFile: () => call<CurrentFile | null>("current_file"),
  refusedFile: () => call<Failed | null>("refused_file"),
  about: () => call<About>("about"),
  onLoading: (f) => void subscribe(EVENTS.loading, f),
  onDataset: (f) => void subscribe(EVENTS.dataset, f),
  onProblems: (f) => void subscribe(EVENTS.problems, f),
  onDrag: (f) => {
    void subscribe("tauri://drag-enter", () => f("enter"));
    void subscribe("tauri://drag-leave", () => f("leave"));
    void subscribe("tauri://drag-drop", () => f("drop"));
  },
  onStageCommand: (f) => void subscribe(EVENTS.stageCommand, f),
  onStage: (f) => subscribe(EVENTS.stage, f),
};

/** Calls `f` with each payload of `event`; a window without the event API (a test
 * page) just never hears it. */
function subscribe<T>(event: string, f: (payload: T) => void): Promise<void> {
  return listen<T>(event, (e) => f(e.payload)).then(
    () => undefined,
    () => undefined,
  );
}
