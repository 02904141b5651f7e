// The diagram's tooltip: a card's full name and description, a link's ends and kind,
// what a "+N" does. The painter writes these as SVG <title>s, which the browser shows
// wherever it likes: over the details panel, and the whole diagram's title over empty
// canvas. Here each <title> is taken out as the drawing arrives (the names stay for
// screen readers as aria-labels) and shown in the window's own tooltip instead, placed
// beside the pointer inside the diagram canvas, clear of the panels over it
// (place.ts), or not at all. A new drawing (a language switch) hides it, so no tooltip
// outlives the words it was made from.
import { $, h } from "./dom";
import { placeTip, type Rect } from "./place";

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

/** Shows `text` beside the pointer at (x, y), if it has a place (see `placeTip`). */
function show(text: string, x: number, y: number) {
  const tip = $("tip");
  const [head, ...rest] = text.split("\n");
  tip.replaceChildren(h("strong", "tip-head", head), ...rest.filter((l) => l.trim()).map((l) => h("span", "tip-line", l)));
  // Measured where it cannot be seen, then placed or left hidden.
  tip.style.left = "0px";
  tip.style.top = "0px";
  tip.style.visibility = "hidden";
  tip.hidden = false;
  const size = { width: tip.offsetWidth, height: tip.offsetHeight };
  const s = $("scroller").getBoundingClientRect();
  const at = placeTip({ x, y }, size, { left: s.left, top: s.top, right: s.right, bottom: s.bottom }, overCanvas());
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
      if (over === el && el.isConnected) show(tips.get(el) ?? "", x, y);
    }, DELAY_MS);
  });
  scroller.addEventListener("pointerleave", hideTip);
  scroller.addEventListener("pointerdown", hideTip);
  scroller.addEventListener("wheel", hideTip, { passive: true });
  scroller.addEventListener("scroll", hideTip, { passive: true });
  document.addEventListener("keydown", hideTip);
}
