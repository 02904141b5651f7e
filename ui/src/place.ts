// Where the window's overlays go so that they never cover what they are about: the
// diagram's tooltip beside the pointer, the minimap in a corner clear of the selected
// card, and how much of the dataset's title fits the top bar. Pure (rectangles in,
// places out), for tests; tooltip.ts, surface.ts and chrome.ts measure and apply.

/** A rectangle in one coordinate space (the window's, in CSS pixels). */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export const rect = (left: number, top: number, width: number, height: number): Rect => ({
  left,
  top,
  right: left + width,
  bottom: top + height,
});

/** Whether two rectangles share any area (touching edges do not). */
export function intersects(a: Rect, b: Rect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Whether `inner` lies wholly inside `outer`. */
export function inside(inner: Rect, outer: Rect): boolean {
  return inner.left >= outer.left && inner.top >= outer.top && inner.right <= outer.right && inner.bottom <= outer.bottom;
}

/** How far a tooltip stands off the pointer: below it clears the cursor's arrow. */
const GAP_X = 12;
const GAP_BELOW = 20;
const GAP_ABOVE = 12;

/** Where a tooltip `size` goes for a pointer at `at`: below and right of it, else below
 * and left, above and right, above and left; the first of these wholly inside `area`
 * (the diagram canvas) that covers none of `avoid` (panels with text, the minimap, the
 * zoom buttons). Null when none does: the tooltip is not shown rather than shown over
 * something. */
export function placeTip(
  at: { x: number; y: number },
  size: { width: number; height: number },
  area: Rect,
  avoid: Rect[],
): { left: number; top: number } | null {
  const right = at.x + GAP_X;
  const left = at.x - GAP_X - size.width;
  const below = at.y + GAP_BELOW;
  const above = at.y - GAP_ABOVE - size.height;
  for (const [x, y] of [
    [right, below],
    [left, below],
    [right, above],
    [left, above],
  ]) {
    const r = rect(x, y, size.width, size.height);
    if (inside(r, area) && !avoid.some((a) => intersects(r, a))) return { left: x, top: y };
  }
  return null;
}

export type Corner = "br" | "bl" | "tr" | "tl";
/** The minimap's corners, in the order it prefers them: bottom right (its usual place,
 * above the zoom buttons) first. */
export const CORNERS: readonly Corner[] = ["br", "bl", "tr", "tl"];

/** The corner for the minimap: `current` if it covers none of `keep` (the selected and
 * the focused card, the cards the view opened fitted to, panels over the canvas), else
 * the first corner, in `CORNERS` order, that covers none. Null when every corner covers
 * one: the minimap is hidden. `at` gives the minimap's box in each corner. */
export function chooseCorner(at: Record<Corner, Rect>, current: Corner, keep: Rect[]): Corner | null {
  const free = (c: Corner) => !keep.some((k) => intersects(at[c], k));
  if (free(current)) return current;
  return CORNERS.find(free) ?? null;
}

/** How many of a title's phrases (their widths, in order) to show in `room` pixels:
 * all when they fit; else as many as fit with an ellipsis `ellipsis` wide after them
 * (perhaps none). A title is cut between phrases, never inside a word. */
export function fitPhrases(widths: number[], ellipsis: number, room: number): number {
  const total = widths.reduce((a, w) => a + w, 0);
  if (total <= room) return widths.length;
  let used = ellipsis;
  let n = 0;
  while (n < widths.length && used + widths[n] <= room) used += widths[n++];
  return n;
}

/** How far a control's tooltip stands off the control. */
const OFF = 8;

/** Where the tooltip `size` of a control at `target` goes: below it, above it, to its
 * right, to its left (slid along that side to stay in `area`, the window); the first
 * place inside `area` that covers neither the control nor any of `avoid` (the panels
 * with text: sidebar, details, notes). For a control inside one of those panels,
 * `target` spans the panel's width, so the tooltip goes beside the panel. Null when
 * no place does. */
export function placeBeside(
  target: Rect,
  size: { width: number; height: number },
  area: Rect,
  avoid: Rect[],
): { left: number; top: number } | null {
  const slide = (start: number, lo: number, hi: number, length: number) => Math.max(lo, Math.min(start, hi - length));
  const x = slide(target.left, area.left, area.right, size.width);
  const y = slide(target.top, area.top, area.bottom, size.height);
  for (const [left, top] of [
    [x, target.bottom + OFF],
    [x, target.top - OFF - size.height],
    [target.right + OFF, y],
    [target.left - OFF - size.width, y],
  ]) {
    const r = rect(left, top, size.width, size.height);
    if (inside(r, area) && !intersects(r, target) && !avoid.some((a) => intersects(r, a))) return { left, top };
  }
  return null;
}
