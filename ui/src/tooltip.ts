// The diagram's tooltip: a card's full name and description, a link's ends and kind,
// what a "+N" does. The painter writes these as SVG <title>s, which the browser shows
// wherever it likes: over the details panel, and the whole diagram's title over empty
// canvas. Here each <title> is taken out as the drawing arrives (the names stay for
// screen readers as aria-labels) and shown in the window's own tooltip instead, placed
// beside the pointer inside the diagram canvas, clear of the panels over it
// (place.ts), or not at all. A new drawing (a language switch) hides it, so no tooltip
// outlives the words it was made from. The window's controls get the same tooltip for
// their `title`s, which the browser would keep showing in the old language after a
// switch and put over the details panel: beside the control, off the panels with text.
import { $, h } from "./dom";
import { placeBeside, placeTip, type Rect } from "./place";

/** Each element's tooltip text, taken from its <title>. */
const tips = new WeakMap<Element, string>();

/** What an element shows on hover; also its accessible name. */
export function setTip(el: Element, text: string) {
  tips.set(el, text);
}

/** Takes `el`'s own <title> out of the drawing, keeps its text as `el`'s tooltip, and
 * returns it (null when there is none). */
export function takeTitle(el: Element): string | null {
  const title = el.querySelector(":scope > title");
  if (!title) return null;
  const text = title.textContent ?? "";
  title.remove();
  tips.set(el, text);
  return text;
}

/** The whole diagram's <title> names it for screen readers (aria-label), never as a
 * tooltip: hovering empty canvas shows nothing. */
export function nameDiagram(svg: SVGSVGElement) {
  const title = svg.querySelector(":scope > title");
  if (!title) return;
  svg.setAttribute("aria-label", title.textContent ?? "");
  title.remove();
  svg.removeAttribute("aria-labelledby");
  if (svg.querySelector(":scope > desc[id]")) svg.setAttribute("aria-describedby", svg.querySelector(":scope > desc")!.id);
}

/** What floats over the diagram canvas and must stay readable: the problems and notes
 * panel, the status line, the minimap and zoom buttons, the loading note. */
const OVER_CANVAS = ["problems", "file-status", "minimap", "zoom", "loading", "search-results", "file-menu"];

/** An element's box on screen while it is shown, else null. */
export function shownRect(el: Element | null): Rect | null {
  if (!el || (el as HTMLElement).hidden || !el.getClientRects().length) return null;
  const style = getComputedStyle(el);
  if (style.visibility === "hidden" || style.display === "none") return null;
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}

/** The boxes of everything shown over the canvas (see `OVER_CANVAS`), but `except`. */
export function overCanvas(except: string[] = []): Rect[] {
  return OVER_CANVAS.filter((id) => !except.includes(id))
    .map((id) => shownRect($(id)))
    .filter((r): r is Rect => !!r);
}

/** How long the pointer rests on something before its tooltip shows. */
const DELAY_MS = 450;

let timer = 0;
/** The element whose tooltip is on show or waited for. */
let over: Element | null = null;

/** Hides the tooltip (and forgets one about to show). */
export function hideTip() {
  window.clearTimeout(timer);
  timer = 0;
  over = null;
  const tip = $("tip");
  tip.hidden = true;
  delete document.body.dataset.tip;
}

/** Shows `text` where `place` puts a box its size, or nowhere when it has no place. */
function show(text: string, place: (size: { width: number; height: number }) => { left: number; top: number } | null) {
  const tip = $("tip");
  const [head, ...rest] = text.split("\n");
  tip.replaceChildren(h("strong", "tip-head", head), ...rest.filter((l) => l.trim()).map((l) => h("span", "tip-line", l)));
  // Measured where it cannot be seen, then placed or left hidden.
  tip.style.left = "0px";
  tip.style.top = "0px";
  tip.style.visibility = "hidden";
  tip.hidden = false;
  const at = place({ width: tip.offsetWidth, height: tip.offsetHeight });
  if (!at) {
    tip.hidden = true;
    return;
  }
  tip.style.left = `${at.left}px`;
  tip.style.top = `${at.top}px`;
  tip.style.visibility = "";
  document.body.dataset.tip = "shown";
}

/** The element under the pointer that has a tooltip: a "+N", a card or a link. */
function tipped(target: EventTarget | null): Element | null {
  const el = (target as Element | null)?.closest?.("[data-unfold], g.card, g.edge") ?? null;
  return el && tips.has(el) ? el : null;
}

/** Hover on the diagram shows its tooltips; anything that moves the diagram or the
 * pointer's intent (a press, the wheel, a key, a scroll) hides them. */
export function wireTooltip(scroller: HTMLElement) {
  let x = 0;
  let y = 0;
  scroller.addEventListener("pointermove", (e) => {
    x = e.clientX;
    y = e.clientY;
  });
  scroller.addEventListener("pointerover", (e) => {
    const el = tipped(e.target);
    if (el === over) return;
    hideTip();
    if (!el || e.pointerType === "touch") return;
    over = el;
    x = e.clientX;
    y = e.clientY;
    timer = window.setTimeout(() => {
      if (over !== el || !el.isConnected) return;
      // Beside the pointer, inside the diagram canvas, off what floats over it.
      const area = shownRect($("scroller"));
      show(tips.get(el) ?? "", (size) => (area ? placeTip({ x, y }, size, area, overCanvas()) : null));
    }, DELAY_MS);
  });
  scroller.addEventListener("pointerleave", hideTip);
  scroller.addEventListener("pointerdown", hideTip);
  scroller.addEventListener("wheel", hideTip, { passive: true });
  scroller.addEventListener("scroll", hideTip, { passive: true });
  document.addEventListener("keydown", hideTip);
}

/** The panels with text a control's tooltip keeps off. */
const TEXT_PANELS = ["sidebar", "details", "problems", "file-status"];

/** A control's tooltip text: its `title`, moved to `data-tip` so that the browser has
 * none of its own to show (kept for screen readers as a description, and as a name
 * when the control shows only a sign, like the zoom buttons' − and +). */
function controlTip(el: Element): string | null {
  const title = el.getAttribute("title");
  if (title !== null) {
    el.removeAttribute("title");
    (el as HTMLElement).dataset.tip = title;
    el.setAttribute("aria-description", title);
    const words = (el.textContent ?? "").replace(/[^\p{L}\p{N}]/gu, "");
    if (!words && !el.hasAttribute("aria-label")) el.setAttribute("aria-label", title);
  }
  return (el as HTMLElement).dataset.tip ?? null;
}

/** The control's tooltip, beside it (beside its panel when it is in one). */
function showControlTip(el: Element, text: string) {
  const r = el.getBoundingClientRect();
  const panel = el.closest("#sidebar, #details")?.getBoundingClientRect();
  const target = panel ? { left: panel.left, right: panel.right, top: r.top, bottom: r.bottom } : { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  const area = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
  const avoid = TEXT_PANELS.map((id) => shownRect($(id))).filter((p): p is Rect => !!p);
  show(text, (size) => placeBeside(target, size, area, avoid));
}

/** The window's controls (not the diagram, not the dialogs) show their `title`s in the
 * window's own tooltip. */
export function wireControlTips() {
  const control = (t: EventTarget | null) => {
    const el = (t as Element | null)?.closest?.("[title], [data-tip]");
    return el && !el.closest("#scroller, .overlay, .present") ? el : null;
  };
  // On every move, before the browser reads a title for its own tooltip (a redraw in
  // another language sets them again under a resting pointer).
  document.addEventListener(
    "pointermove",
    (e) => {
      const el = control(e.target);
      if (el?.hasAttribute("title")) controlTip(el);
    },
    true,
  );
  document.addEventListener(
    "pointerover",
    (e) => {
      const el = control(e.target);
      if (el === over || (el === null && over?.closest("#scroller"))) return;
      hideTip();
      const text = el ? controlTip(el) : null;
      if (!el || !text || e.pointerType === "touch") return;
      over = el;
      timer = window.setTimeout(() => over === el && el.isConnected && showControlTip(el, (el as HTMLElement).dataset.tip ?? text), DELAY_MS);
    },
    true,
  );
  document.addEventListener("pointerdown", hideTip, true);
}
