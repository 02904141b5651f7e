// Zoom steps and fitting: pure, so they are tested without a window.

export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];
export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 3;

export function clampZoom(z: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));
}

/** The next step up (dir 1) or down (dir -1) from `z`; stays put at the ends. */
export function stepZoom(z: number, dir: 1 | -1): number {
  const next = dir > 0 ? ZOOM_STEPS.find((s) => s > z + 1e-6) : [...ZOOM_STEPS].reverse().find((s) => s < z - 1e-6);
  return next ?? z;
}

/** The zoom that shows a `w`x`h` diagram whole in a `bw`x`bh` box, never above 100 %,
 * and not below `floor` (below it text is too small to read). */
export function fitZoom(w: number, h: number, bw: number, bh: number, floor = MIN_ZOOM): number {
  if (w <= 0 || h <= 0) return 1;
  return clampZoom(Math.max(floor, Math.min(bw / w, bh / h, 1)));
}
