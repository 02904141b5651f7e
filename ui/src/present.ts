// Presentation mode: a tour from the dataset, one step at a time, fullscreen in the
// projector theme, driven by a clicker or the keyboard. The screen shows each step's
// slide, the SVG the backend draws for `export-tour` too: one layout for the screen,
// the PNG slides and the PDF deck (title band, whole cards only, caption). This file
// glides the camera between two framings of one view, and handles the keys.
import { parseSvg } from "./diagram";
import type { CameraBox, StepInfo, TourSummary, View, ViewPayload } from "./generated/types";
import { ease, reducedMotion } from "./viewport";

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
  private lastView: View | null = null;
  /** The framing of the slide on screen (the payload says it; the SVG is not read). */
  private frameShown: CameraBox | null = null;
  private glide = 0;

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
    cancelAnimationFrame(this.glide);
    this.glide = 0;
    delete document.body.dataset.gliding;
    $("present-slide").replaceChildren();
    $("present-typed").hidden = true;
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
    const view = payload.view;
    document.body.dataset.step = String(step + 1);
    this.caption(info);
    this.progress();
    // A move within the same view glides; a new view is a cut.
    this.showSlide(payload, animate && view === this.lastView);
    this.lastView = view;
    this.host.publish(tour, step, info);
  }

  /** Puts the step's slide on screen. Within a view the camera glides from the last
   * framing to this one (350 ms, zoom changing geometrically), over the whole step's
   * drawing so nothing pops in or out mid-move; at rest the frame holds exactly what
   * the slide holds. */
  private showSlide(payload: ViewPayload, animate: boolean) {
    const stage = $("present-slide");
    cancelAnimationFrame(this.glide);
    this.glide = 0;
    delete document.body.dataset.gliding;
    // The framing on screen now, if a slide is: the camera glides from it.
    const from = stage.querySelector("svg.diagram") ? boxOf(this.frameShown) : null;
    this.frameShown = payload.slide_frame ?? null;
    if (!payload.slide) {
      stage.replaceChildren();
      return;
    }
    const slide = parseSvg(payload.slide);
    slide.setAttribute("width", "100%");
    slide.setAttribute("height", "100%");
    slide.setAttribute("preserveAspectRatio", "xMidYMid meet");
    stage.replaceChildren(slide);
    const frame = slide.querySelector("svg.diagram");
    const to = boxOf(payload.slide_frame ?? null);
    if (!animate || reducedMotion() || !frame || !from || !to || from.every((v, i) => Math.abs(v - to[i]) < 0.5)) return;
    const framed = [...frame.childNodes];
    const whole = parseSvg(payload.svg);
    const drawing = [...whole.childNodes].filter(
      (n) => !(n instanceof Element) || !(n.localName === "title" || n.localName === "desc" || n.classList.contains("background")),
    );
    frame.replaceChildren(...drawing);
    document.body.dataset.gliding = "true";
    const centre = (v: number[], i: number) => v[i] + v[i + 2] / 2;
    const t0 = performance.now();
    const tick = (now: number) => {
      const k = ease((now - t0) / 350);
      const w = from[2] * Math.pow(to[2] / from[2], k);
      const h = from[3] * Math.pow(to[3] / from[3], k);
      const cx = centre(from, 0) + (centre(to, 0) - centre(from, 0)) * k;
      const cy = centre(from, 1) + (centre(to, 1) - centre(from, 1)) * k;
      frame.setAttribute("viewBox", `${cx - w / 2} ${cy - h / 2} ${w} ${h}`);
      if (k < 1) {
        this.glide = requestAnimationFrame(tick);
      } else {
        frame.replaceChildren(...framed);
        frame.setAttribute("viewBox", to.join(" "));
        this.glide = 0;
        delete document.body.dataset.gliding;
      }
    };
    frame.setAttribute("viewBox", from.join(" "));
    this.glide = requestAnimationFrame(tick);
  }

  private caption(info: StepInfo | null) {
    const lang = this.host.lang();
    $("present-caption-text").textContent = info ? info.caption[lang] : "";
    $("present-title").textContent = this.tour ? this.tour.title[lang] : "";
  }

  private progress() {
    if (!this.tour) return;
    const n = this.tour.steps;
    $("present-progress").textContent = `${this.step + 1} / ${n}`;
    // The slide shows the progress; a step number being typed shows over it.
    const typed = $("present-typed");
    typed.textContent = this.typed ? `${this.typed} ⏎` : "";
    typed.hidden = !this.typed;
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

/** A framing as [x, y, w, h], or null when there is none to glide from or to. */
function boxOf(b: CameraBox | null): number[] | null {
  return b && b.w > 0 && b.h > 0 ? [b.x, b.y, b.w, b.h] : null;
}
