// The presenter window: for the laptop screen while the projector shows the tour. The
// current caption and the notes, the next step's preview, the step count and a timer;
// its keys drive the tour in the main window.
import { toBackendError, type Backend, type Stage, type StageCommand } from "./backend";
import type { TourSummary, ViewRequest } from "./generated/types";
import { t, ui, type Lang } from "./i18n";
import { parseSvg } from "./diagram";
import { presentAction } from "./present";
import { $, h } from "./dom";
import { setPhrased } from "./phrases";

/** A part of the presenter's layout, of class `presenter-<name>`; `withId` gives it
 * that as its id too, for the parts the page updates (and the e2e tests read). */
function part<K extends keyof HTMLElementTagNameMap>(tag: K, name: string, withId = false) {
  const e = h(tag, `presenter-${name}`);
  if (withId) e.id = e.className;
  return e;
}

/** A part holding others. */
function group<K extends keyof HTMLElementTagNameMap>(tag: K, name: string, ...children: HTMLElement[]) {
  const e = part(tag, name);
  e.append(...children);
  return e;
}

/** mm:ss (or h:mm:ss) since `from`. Pure, for tests. */
export function elapsed(from: number, now: number): string {
  const s = Math.max(0, Math.floor((now - from) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const two = (n: number) => String(n).padStart(2, "0");
  return h ? `${h}:${two(m)}:${two(s % 60)}` : `${two(m)}:${two(s % 60)}`;
}

export async function startPresenter(backend: Backend) {
  document.body.dataset.presenter = "true";
  document.documentElement.dataset.theme = "dark";
  const root = $("app");
  root.className = "presenter";
  root.replaceChildren();
  const title = part("h1", "title");
  const count = part("span", "count", true);
  const timer = part("span", "timer", true);
  const caption = part("p", "caption", true);
  const notes = part("div", "notes", true);
  const nextLabel = part("h2", "next-label");
  const preview = part("div", "preview", true);
  const nextCaption = part("p", "next-caption", true);
  root.append(
    group("header", "head", title, count, timer),
    group("section", "now", caption, notes),
    group("section", "next", nextLabel, preview, nextCaption),
  );

  let tours: TourSummary[] = [];
  let stage: Stage | null = null;
  try {
    tours = await backend.listTours();
    stage = await backend.getStage();
  } catch (e) {
    caption.textContent = toBackendError(e).message;
  }
  let generation = 0;

  const request = (tour: string, step: number, lang: Lang): ViewRequest => ({
    view: "org",
    lang,
    theme: "projector",
    direction: "lr",
    compact: false,
    collapsed: [],
    hidden: [],
    tour,
    step,
  });

  const show = async () => {
    const g = ++generation;
    const lang: Lang = stage?.lang === "en" ? "en" : "ja";
    document.documentElement.lang = lang;
    nextLabel.textContent = t(ui.nextStep, lang);
    if (!stage) {
      title.textContent = "orgpath";
      count.textContent = "";
      caption.textContent = t(ui.noTour, lang);
      notes.replaceChildren();
      preview.replaceChildren();
      nextCaption.textContent = "";
      document.body.dataset.step = "";
      return;
    }
    const tour = tours.find((x) => x.id === stage!.tour);
    title.textContent = tour ? tour.title[lang] : stage.tour;
    const total = tour?.steps ?? 0;
    count.textContent = `${stage.step + 1} / ${total}`;
    try {
      const p = await backend.view(request(stage.tour, stage.step, lang));
      if (g !== generation) return;
      setPhrased(caption, p.step?.caption[lang] ?? "");
      notes.replaceChildren(...(p.step?.notes ? p.step.notes[lang].split(/\n+/).map((line) => h("p", "", line)) : [h("p", "muted", t(ui.noNotes, lang))]));
      document.body.dataset.step = String(stage.step + 1);
      if (stage.step + 1 < total) {
        const q = await backend.view(request(stage.tour, stage.step + 1, lang));
        if (g !== generation) return;
        // The next step as the projector will show it: its slide.
        const svg = parseSvg(q.slide ?? q.svg);
        svg.removeAttribute("width");
        svg.removeAttribute("height");
        preview.replaceChildren(svg);
        setPhrased(nextCaption, q.step?.caption[lang] ?? "");
      } else {
        preview.replaceChildren(h("p", "muted", t(ui.lastStep, lang)));
        nextCaption.textContent = "";
      }
    } catch (e) {
      caption.textContent = toBackendError(e).message;
    }
  };

  const tick = () => {
    timer.textContent = stage ? elapsed(stage.started_ms, Date.now()) : "";
  };
  setInterval(tick, 1000);
  tick();
  await backend.onStage((next) => {
    stage = next;
    tick();
    void show();
  });
  document.addEventListener("keydown", (e) => {
    const a = presentAction(e.key);
    if (!a || e.ctrlKey || e.metaKey || e.altKey) return;
    const commands: Partial<Record<string, StageCommand>> = { next: "next", previous: "previous", first: "first", last: "last", black: "black", white: "white", leave: "leave" };
    const command = commands[a.kind];
    if (!command) return;
    e.preventDefault();
    void backend.stageCommand(command).catch(() => {});
  });
  await show();
  document.body.dataset.ready = "true";
}
