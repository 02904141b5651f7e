// The diagram's viewport: zoom about a point, pan (drag, keys), centre on a card with
// a short eased move, and the minimap. The diagram is an <svg> sized by zoom inside a
// scrolling box, so panning is the box's scroll position and the browser's own
// scrolling (wheel, scrollbars, touchpad) keeps working.
import { clampZoom } from "./zoom";

/** A card's box in diagram units (the SVG's own coordinates). */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const reducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;

/** Where to scroll so that the diagram point (px, py) sits at the box point (vx, vy),
 * given the zoom and the diagram's offset inside the scrolled content (centring
 * margins when the diagram is smaller than the box). Pure, for tests. */
export function scrollFor(px: number, py: number, vx: number, vy: number, zoom: number, offsetX = 0, offsetY = 0) {
  return { left: offsetX + px * zoom - vx, top: offsetY + py * zoom - vy };
}

/** Along one axis, how to put a drawing `size` long with its start at `start` (box
 * coordinates) in a box `box` long: the room before it, the room after it (when it is
 * scrolled, so the content is long enough to scroll that far), and the scroll
 * position. Pure, for tests. */
export function room(start: number, size: number, box: number) {
  const before = Math.max(0, start);
  const scroll = Math.max(0, -start);
  return { before, after: scroll > 0 ? Math.max(0, scroll + box - size) : 0, scroll };
}

/** The middle point that shows box `b` with the least move from middle point `c`, for
 * a view `view` wide and high (diagram units) with `margin` inside its edges; a box
 * larger than that is centred. Pure, for tests. */
export function leastPan(c: { x: number; y: number }, b: Box, view: { w: number; h: number }, margin: number) {
  const axis = (c: number, start: number, size: number, extent: number) => {
    const half = extent / 2 - margin;
    if (size > 2 * half) return start + size / 2;
    return Math.min(Math.max(c, start + size - half), start + half);
  };
  return { x: axis(c.x, b.x, b.w, view.w), y: axis(c.y, b.y, b.h, view.h) };
}

/** Eases 0..1 (cubic out): quick start, soft landing. */
export const ease = (t: number) => 1 - Math.pow(1 - Math.min(1, Math.max(0, t)), 3);

export interface ViewportHost {
  scroller: HTMLElement;
  svg(): SVGSVGElement | null;
  /** Diagram size at zoom 1. */
  size(): { width: number; height: number } | null;
  zoom(): number;
  /** Sets the zoom (already clamped) and resizes the SVG; no scrolling. */
  applyZoom(z: number): void;
  /** Called after every move (scroll, zoom), for the minimap. */
  moved(): void;
}

export class Viewport {
  private animation = 0;

  constructor(private host: ViewportHost) {}

  /** The diagram's offset in the scrolled content (non-zero while centred by margins). */
  private offset() {
    const svg = this.host.svg();
    const s = this.host.scroller;
    if (!svg) return { x: 0, y: 0 };
    const r = svg.getBoundingClientRect();
    const b = s.getBoundingClientRect();
    return { x: r.left - b.left + s.scrollLeft, y: r.top - b.top + s.scrollTop };
  }

  /** The diagram point at a box point (box coordinates, from its top-left corner). */
  pointAt(vx: number, vy: number) {
    const o = this.offset();
    const s = this.host.scroller;
    const z = this.host.zoom();
    return { x: (s.scrollLeft + vx - o.x) / z, y: (s.scrollTop + vy - o.y) / z };
  }

  /** Zooms to `z`, keeping the diagram point under box point (vx, vy) where it is. */
  zoomAbout(z: number, vx?: number, vy?: number) {
    const s = this.host.scroller;
    const cx = vx ?? s.clientWidth / 2;
    const cy = vy ?? s.clientHeight / 2;
    const p = this.pointAt(cx, cy);
    this.host.applyZoom(clampZoom(z));
    const o = this.offset();
    const to = scrollFor(p.x, p.y, cx, cy, this.host.zoom(), o.x, o.y);
    s.scrollLeft = to.left;
    s.scrollTop = to.top;
    this.host.moved();
  }

  panBy(dx: number, dy: number) {
    this.stop();
    this.host.scroller.scrollLeft += dx;
    this.host.scroller.scrollTop += dy;
    this.host.moved();
  }

  stop() {
    cancelAnimationFrame(this.animation);
    this.animation = 0;
  }

  /** Scrolls so the diagram point (px, py) is in the middle of the box: an eased move
   * of about 200 ms, or a cut when the user asked for reduced motion. */
  centreOn(px: number, py: number, animate = true) {
    const s = this.host.scroller;
    const o = this.offset();
    const to = scrollFor(px, py, s.clientWidth / 2, s.clientHeight / 2, this.host.zoom(), o.x, o.y);
    this.scrollTo(to.left, to.top, animate);
  }

  centreOnBox(b: Box, animate = true) {
    this.centreOn(b.x + b.w / 2, b.y + b.h / 2, animate);
  }

  /** Zooms and scrolls so a diagram box fills the box above `bottom` px (a caption),
   * gliding for up to 350 ms when `animate` (a presentation step), else a cut. */
  flyTo(b: Box, bottom = 0, animate = true) {
    const s = this.host.scroller;
    const w = s.clientWidth;
    const h = Math.max(1, s.clientHeight - bottom);
    const z1 = clampZoom(Math.min((w * 0.9) / Math.max(1, b.w), (h * 0.86) / Math.max(1, b.h)));
    this.glide(z1, { x: b.x + b.w / 2, y: b.y + b.h / 2 }, { w, h }, animate ? 350 : 0, (z, c) => {
      this.host.applyZoom(z);
      const o = this.offset();
      const to = scrollFor(c.x, c.y, w / 2, h / 2, this.host.zoom(), o.x, o.y);
      s.scrollLeft = to.left;
      s.scrollTop = to.top;
    });
  }

  /** Brings a diagram box into view with an eased move of about 250 ms (a cut when the
   * user asked for reduced motion): the least pan that shows it whole at the current
   * zoom, or, when it is larger than the window, zoomed out until it fits (never in).
   * Nothing moves when it is in view already. */
  bringIntoView(b: Box, margin = 24) {
    if (this.shows(b, margin)) return;
    const s = this.host.scroller;
    const box = { w: s.clientWidth, h: s.clientHeight };
    const z0 = this.host.zoom();
    const z1 = clampZoom(Math.min(z0, (box.w - 2 * margin) / Math.max(1, b.w), (box.h - 2 * margin) / Math.max(1, b.h)));
    const c1 = leastPan(this.pointAt(box.w / 2, box.h / 2), b, { w: box.w / z1, h: box.h / z1 }, margin / z1);
    this.glide(z1, c1, box, 250, (z, c) => {
      this.host.applyZoom(z);
      this.pin(c.x, c.y, box.w / 2, box.h / 2);
    });
  }

  /** Moves from the current zoom and middle point to `z1` and `c1` over `duration` ms,
   * eased (a cut for 0 or reduced motion); `place` puts zoom and middle point on screen. */
  private glide(
    z1: number,
    c1: { x: number; y: number },
    box: { w: number; h: number },
    duration: number,
    place: (z: number, c: { x: number; y: number }) => void,
  ) {
    this.stop();
    const z0 = this.host.zoom();
    const c0 = this.pointAt(box.w / 2, box.h / 2);
    const placed = (z: number, c: { x: number; y: number }) => {
      place(z, c);
      this.host.moved();
    };
    if (duration <= 0 || reducedMotion()) {
      placed(z1, c1);
      return;
    }
    const t0 = performance.now();
    const step = (now: number) => {
      const k = ease((now - t0) / duration);
      // Zoom changes geometrically, so the glide feels even in and out.
      placed(z0 * Math.pow(z1 / z0, k), { x: c0.x + (c1.x - c0.x) * k, y: c0.y + (c1.y - c0.y) * k });
      this.animation = k < 1 ? requestAnimationFrame(step) : 0;
    };
    this.animation = requestAnimationFrame(step);
  }

  /** Where diagram point (px, py) is on screen: box coordinates, from the box's
   * top-left corner (the inverse of `pointAt`). */
  boxPoint(px: number, py: number) {
    const o = this.offset();
    const s = this.host.scroller;
    const z = this.host.zoom();
    return { x: px * z + o.x - s.scrollLeft, y: py * z + o.y - s.scrollTop };
  }

  /** Puts diagram point (px, py) at box point (vx, vy), exactly, at the current zoom:
   * by scrolling, and where scrolling cannot reach (a drawing smaller than the window
   * is centred in it), by room around the drawing, which stays until `unpin`. A card
   * unfolded under the pointer stays under it this way. */
  pin(px: number, py: number, vx: number, vy: number) {
    const svg = this.host.svg();
    const size = this.host.size();
    if (!svg || !size) return;
    const s = this.host.scroller;
    const z = this.host.zoom();
    const x = room(vx - px * z, size.width * z, s.clientWidth);
    const y = room(vy - py * z, size.height * z, s.clientHeight);
    svg.style.margin = `${y.before}px ${x.after}px ${y.after}px ${x.before}px`;
    s.scrollLeft = x.scroll;
    s.scrollTop = y.scroll;
    this.host.moved();
  }

  /** Back to the drawing centred in the window when it is smaller (see `pin`). */
  unpin() {
    this.host.svg()?.style.removeProperty("margin");
  }

  /** Whether a diagram box is wholly inside the visible part, with a margin. */
  shows(b: Box, margin = 24) {
    const s = this.host.scroller;
    const a = this.pointAt(margin, margin);
    const z = this.host.zoom();
    const w = (s.clientWidth - 2 * margin) / z;
    const h = (s.clientHeight - 2 * margin) / z;
    return b.x >= a.x && b.y >= a.y && b.x + b.w <= a.x + w && b.y + b.h <= a.y + h;
  }

  private scrollTo(left: number, top: number, animate: boolean) {
    this.stop();
    const s = this.host.scroller;
    const maxL = s.scrollWidth - s.clientWidth;
    const maxT = s.scrollHeight - s.clientHeight;
    left = Math.max(0, Math.min(maxL, left));
    top = Math.max(0, Math.min(maxT, top));
    const from = { left: s.scrollLeft, top: s.scrollTop };
    if (!animate || reducedMotion() || (Math.abs(left - from.left) < 2 && Math.abs(top - from.top) < 2)) {
      s.scrollLeft = left;
      s.scrollTop = top;
      this.host.moved();
      return;
    }
    const t0 = performance.now();
    const duration = 200;
    const step = (now: number) => {
      const k = ease((now - t0) / duration);
      s.scrollLeft = from.left + (left - from.left) * k;
      s.scrollTop = from.top + (top - from.top) * k;
      this.host.moved();
      this.animation = k < 1 ? requestAnimationFrame(step) : 0;
    };
    this.animation = requestAnimationFrame(step);
  }

  /** The visible part, as a fraction of the diagram (for the minimap), and its centre
   * in diagram units (kept across redraws in another language or theme). */
  visible() {
    const s = this.host.scroller;
    const size = this.host.size();
    const z = this.host.zoom();
    if (!size) return null;
    const a = this.pointAt(0, 0);
    return {
      x: a.x,
      y: a.y,
      w: s.clientWidth / z,
      h: s.clientHeight / z,
      width: size.width,
      height: size.height,
    };
  }

  /** Drag to pan: on the background, or on a card once the pointer has moved a few
   * pixels (a click on a card stays a click). */
  wireDrag(onDragEnd: () => void) {
    const s = this.host.scroller;
    let drag: { x: number; y: number; left: number; top: number; moved: boolean; id: number } | null = null;
    s.addEventListener("pointerdown", (e) => {
      if (e.button !== 0) return;
      this.stop();
      drag = { x: e.clientX, y: e.clientY, left: s.scrollLeft, top: s.scrollTop, moved: false, id: e.pointerId };
    });
    s.addEventListener("pointermove", (e) => {
      if (!drag || e.pointerId !== drag.id) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      if (!drag.moved) {
        drag.moved = true;
        s.setPointerCapture(e.pointerId);
        s.classList.add("dragging");
      }
      s.scrollLeft = drag.left - dx;
      s.scrollTop = drag.top - dy;
      this.host.moved();
    });
    const end = (e: PointerEvent) => {
      if (!drag || e.pointerId !== drag.id) return;
      const moved = drag.moved;
      drag = null;
      s.classList.remove("dragging");
      if (moved) {
        // The click that ends a drag must not select the card under the pointer.
        const swallow = (c: Event) => {
          c.stopPropagation();
          c.preventDefault();
        };
        s.addEventListener("click", swallow, { capture: true, once: true });
        setTimeout(() => s.removeEventListener("click", swallow, { capture: true }), 0);
        onDragEnd();
      }
    };
    s.addEventListener("pointerup", end);
    s.addEventListener("pointercancel", end);
  }

  /** Ctrl + wheel (and touchpad pinch, which arrives as Ctrl + wheel) zooms about the
   * pointer; a plain wheel scrolls as usual. */
  wireWheel() {
    const s = this.host.scroller;
    s.addEventListener(
      "wheel",
      (e) => {
        if (!e.ctrlKey && !e.metaKey) return;
        e.preventDefault();
        const b = s.getBoundingClientRect();
        const k = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0025));
        this.zoomAbout(this.host.zoom() * k, e.clientX - b.left, e.clientY - b.top);
      },
      { passive: false },
    );
    // WebKit's own pinch gesture events (where the platform sends them).
    let base = 1;
    s.addEventListener("gesturestart", (e) => {
      e.preventDefault();
      base = this.host.zoom();
    });
    s.addEventListener("gesturechange", (e) => {
      e.preventDefault();
      const g = e as Event & { scale?: number; clientX?: number; clientY?: number };
      const b = s.getBoundingClientRect();
      this.zoomAbout(base * (g.scale ?? 1), (g.clientX ?? b.left + b.width / 2) - b.left, (g.clientY ?? b.top + b.height / 2) - b.top);
    });
    // Linux: WebKitGTK keeps a pinch to itself, so the backend forwards it (pinch.rs).
    window.addEventListener("orgpath-pinch", (e) => {
      const d = (e as CustomEvent<{ phase: string; scale: number; x: number; y: number }>).detail;
      if (!d || !Number.isFinite(d.scale)) return;
      if (d.phase === "begin") {
        base = this.host.zoom();
        return;
      }
      const b = s.getBoundingClientRect();
      const inside = d.x >= b.left && d.x <= b.right && d.y >= b.top && d.y <= b.bottom;
      this.zoomAbout(base * d.scale, inside ? d.x - b.left : undefined, inside ? d.y - b.top : undefined);
    });
    s.addEventListener("scroll", () => this.host.moved(), { passive: true });
  }
}

/** The minimap: every card as a small block, and the visible part as a frame. Drawn
 * on a canvas from the card boxes (cheap at 10,000 cards); click or drag to move. */
export class Minimap {
  private boxes: Box[] = [];
  private emphasis: Box[] = [];
  private size = { width: 1, height: 1 };
  private frame = 0;
  /** The cards, drawn once per set() at the canvas's size; each frame only copies it
   * and draws the frame on top (10,000 blocks per scroll event would not keep up). */
  private layer: HTMLCanvasElement | null = null;

  constructor(
    private canvas: HTMLCanvasElement,
    private viewport: Viewport,
  ) {
    const move = (e: PointerEvent) => {
      const r = this.canvas.getBoundingClientRect();
      const k = this.scale();
      const { ox, oy } = this.origin(k);
      this.viewport.centreOn((e.clientX - r.left - ox) / k, (e.clientY - r.top - oy) / k, false);
    };
    let down = false;
    canvas.addEventListener("pointerdown", (e) => {
      down = true;
      canvas.setPointerCapture(e.pointerId);
      move(e);
    });
    canvas.addEventListener("pointermove", (e) => down && move(e));
    canvas.addEventListener("pointerup", () => (down = false));
    canvas.addEventListener("pointercancel", () => (down = false));
  }

  set(boxes: Box[], size: { width: number; height: number }, emphasis: Box[] = []) {
    this.boxes = boxes;
    this.emphasis = emphasis;
    this.size = size;
    this.layer = null;
    this.draw();
  }

  private scale() {
    return Math.min(this.canvas.clientWidth / this.size.width, this.canvas.clientHeight / this.size.height);
  }

  private origin(k: number) {
    return {
      ox: (this.canvas.clientWidth - this.size.width * k) / 2,
      oy: (this.canvas.clientHeight - this.size.height * k) / 2,
    };
  }

  /** Redraws on the next frame (scroll events come faster than frames). */
  draw() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  private paint() {
    const c = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth;
    const h = c.clientHeight;
    if (w === 0 || h === 0) return;
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
      c.width = Math.round(w * dpr);
      c.height = Math.round(h * dpr);
    }
    const g = c.getContext("2d");
    if (!g) return;
    const css = getComputedStyle(c);
    const k = this.scale();
    const { ox, oy } = this.origin(k);
    if (!this.layer || this.layer.width !== c.width || this.layer.height !== c.height) {
      const layer = document.createElement("canvas");
      layer.width = c.width;
      layer.height = c.height;
      const l = layer.getContext("2d");
      if (!l) return;
      l.setTransform(dpr, 0, 0, dpr, 0, 0);
      l.fillStyle = css.getPropertyValue("--minimap-card") || "#b9c1cd";
      for (const b of this.boxes) l.fillRect(ox + b.x * k, oy + b.y * k, Math.max(1, b.w * k), Math.max(1, b.h * k));
      l.fillStyle = css.getPropertyValue("--minimap-emphasis") || "#0072b2";
      for (const b of this.emphasis) l.fillRect(ox + b.x * k, oy + b.y * k, Math.max(2, b.w * k), Math.max(2, b.h * k));
      this.layer = layer;
    }
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, c.width, c.height);
    g.drawImage(this.layer, 0, 0);
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    const v = this.viewport.visible();
    if (!v) return;
    // Only worth showing when part of the diagram is out of view.
    const all = v.x <= 1 && v.y <= 1 && v.x + v.w >= v.width - 1 && v.y + v.h >= v.height - 1;
    c.classList.toggle("idle", all);
    g.strokeStyle = css.getPropertyValue("--minimap-frame") || "#e69f00";
    g.lineWidth = 2;
    const x = Math.max(0, ox + v.x * k);
    const y = Math.max(0, oy + v.y * k);
    g.strokeRect(x + 1, y + 1, Math.min(w - 2, ox + (v.x + v.w) * k) - x - 2, Math.min(h - 2, oy + (v.y + v.h) * k) - y - 2);
  }
}
