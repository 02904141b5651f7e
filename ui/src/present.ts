// Presentation mode: a tour from the dataset, one step at a time, fullscreen in the
// projector theme, driven by a clicker or the keyboard. Each step is drawn by the
// backend (its view, its focus, the rest dimmed) exactly as the exported slides are;
// this file moves the camera, shows the caption and progress, and handles the keys.
import type { StepInfo, TourSummary, ViewPayload } from "./generated/types";

/** What a key does while presenting (null: not ours). Pure, for tests. */
export type PresentAction =
  | { kind: "next" }
  | { kind: "previous" }
  | { kind: "first" }
  | { kind: "last" }
  | { kind: "digit"; digit: number }
  | { kind: "enter" }
  | { kind: "black" }
  | { kind: "white" }
  | { kind: "presenter" }
  | { kind: "leave" };

export function presentAction(key: string): PresentAction | null {
  switch (key) {
    case "ArrowRight":
    case "PageDown":
    case " ":
    case "Spacebar":
    case "ArrowDown":
      return { kind: "next" };
    case "ArrowLeft":
    case "PageUp":
    case "ArrowUp":
    case "Backspace":
      return { kind: "previous" };
    case "Home":
      return { kind: "first" };
    case "End":
      return { kind: "last" };
    case "Enter":
      return { kind: "enter" };
    case "b":
    case "B":
    case ".":
      return { kind: "black" };
    case "w":
    case "W":
    case ",":
      return { kind: "white" };
    case "p":
    case "P":
      return { kind: "presenter" };
    case "Escape":
      return { kind: "leave" };
  }
  if (/^[0-9]$/.test(key)) return { kind: "digit", digit: Number(key) };
  return null;
}

/** The step a typed number means: 1-based, clamped to the tour; null for none. */
export function typedStep(typed: string, count: number): number | null {
  const n = Number(typed);
  if (!typed || !Number.isInteger(n) || n < 1) return null;
  return Math.min(n, count) - 1;
}

export interface PresentHost {
  /** Draws a step (the backend picks its view) and returns what was drawn. */
  drawStep(tour: string, step: number): Promise<ViewPayload | null>;
  /** Moves the camera to a box of the diagram, leaving `bottom` px for the caption. */
  flyTo(box: { x: number; y: number; w: number; h: number }, bottom: number, animate: boolean): void;
  /** Fullscreen and the projector theme on (true) or back as they were (false). */
  setStage(on: boolean): Promise<void>;
  /** Tells the presenter window (if open) where the tour is. */
  publish(tour: TourSummary | null, step: number, info: StepInfo | null): void;
  openPresenter(): void;
  lang(): "ja" | "en";
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export class Presentation {
  private tour: TourSummary | null = null;
  private step = 0;
  private typed = "";
  private idle = 0;
  private busy: Promise<void> = Promise.resolve();
  private lastView: string | null = null;

  constructor(private host: PresentHost) {
    document.addEventListener("mousemove", () => this.wake());
  }

  get active() {
    return this.tour !== null;
  }

  async start(tour: TourSummary, step = 0) {
    this.tour = tour;
    this.step = Math.max(0, Math.min(step, tour.steps - 1));
    this.lastView = null;
    document.body.dataset.presenting = "true";
    this.blank(null);
    await this.host.setStage(true);
    this.wake();
    await this.show(false);
  }

  async leave() {
    if (!this.tour) return;
    this.tour = null;
    this.typed = "";
    delete document.body.dataset.presenting;
    delete document.body.dataset.step;
    document.body.classList.remove("cursor-idle");
    this.blank(null);
    this.host.publish(null, 0, null);
    await this.host.setStage(false);
  }

  /** A key pressed in the presenter window, by name. */
  command(name: string) {
    const keys: Record<string, string> = { next: "ArrowRight", previous: "ArrowLeft", first: "Home", last: "End", black: "b", white: "w", leave: "Escape" };
    const key = keys[name];
    if (key) this.key(new KeyboardEvent("keydown", { key, cancelable: true }));
  }

  /** Handles a key while presenting; true when it was ours. */
  key(e: KeyboardEvent): boolean {
    if (!this.tour || e.ctrlKey || e.metaKey || e.altKey) return false;
    const a = presentAction(e.key);
    if (!a) return false;
    e.preventDefault();
    const count = this.tour.steps;
    switch (a.kind) {
      case "next":
        this.go(this.step + 1);
        break;
      case "previous":
        this.go(this.step - 1);
        break;
      case "first":
        this.go(0);
        break;
      case "last":
        this.go(count - 1);
        break;
      case "digit":
        this.typed = (this.typed + a.digit).slice(-3);
        this.progress();
        break;
      case "enter": {
        const n = typedStep(this.typed, count);
        this.typed = "";
        if (n !== null) this.go(n);
        else this.progress();
        break;
      }
      case "black":
        this.blank(document.body.dataset.blank === "black" ? null : "black");
        break;
      case "white":
        this.blank(document.body.dataset.blank === "white" ? null : "white");
        break;
      case "presenter":
        this.host.openPresenter();
        break;
      case "leave":
        void this.leave();
        break;
    }
    return true;
  }

  go(step: number) {
    if (!this.tour) return;
    const next = Math.max(0, Math.min(step, this.tour.steps - 1));
    this.typed = "";
    if (next === this.step) {
      this.progress();
      return;
    }
    this.step = next;
    this.blank(null);
    // Steps are drawn one after another, in the order asked for.
    this.busy = this.busy.then(() => this.show(true));
  }

  private blank(colour: "black" | "white" | null) {
    if (colour) document.body.dataset.blank = colour;
    else delete document.body.dataset.blank;
    $("blank").hidden = !colour;
  }

  private async show(animate: boolean) {
    const tour = this.tour;
    if (!tour) return;
    const step = this.step;
    const payload = await this.host.drawStep(tour.id, step);
    if (!payload || this.tour !== tour || this.step !== step) return;
    const info = payload.step ?? null;
    const view = payload.svg.match(/data-view="([a-z]+)"/)?.[1] ?? null;
    document.body.dataset.step = String(step + 1);
    this.caption(info);
    this.progress();
    if (info) {
      const bottom = $("present-caption").getBoundingClientRect().height;
      // A move within the same view glides; a new view is a cut.
      this.host.flyTo(info.camera, bottom, animate && view === this.lastView);
    }
    this.lastView = view;
    this.host.publish(tour, step, info);
  }

  private caption(info: StepInfo | null) {
    const lang = this.host.lang();
    $("present-caption-text").textContent = info ? info.caption[lang] : "";
    $("present-title").textContent = this.tour ? this.tour.title[lang] : "";
  }

  private progress() {
    if (!this.tour) return;
    const n = this.tour.steps;
    const text = this.typed ? `${this.typed} ⏎` : `${this.step + 1} / ${n}`;
    $("present-progress").textContent = text;
    $("present-bar").style.width = `${((this.step + 1) / n) * 100}%`;
    $("present-progress").setAttribute("aria-label", `${this.step + 1} / ${n}`);
  }

  /** The pointer shows while it moves and hides after two idle seconds. */
  private wake() {
    document.body.classList.remove("cursor-idle");
    clearTimeout(this.idle);
    if (this.tour) this.idle = window.setTimeout(() => document.body.classList.add("cursor-idle"), 2000);
  }

  /** Where the tour is (for tests and the presenter window). */
  position() {
    return this.tour ? { tour: this.tour.id, step: this.step, count: this.tour.steps } : null;
  }
}
