import { describe, expect, it } from "vitest";
import { chooseCorner, fitPhrases, inside, intersects, placeBeside, placeTip, rect, type Corner } from "./place";

describe("intersects", () => {
  it("is true for overlapping boxes and false for boxes that only touch", () => {
    expect(intersects(rect(0, 0, 10, 10), rect(5, 5, 10, 10))).toBe(true);
    expect(intersects(rect(0, 0, 10, 10), rect(10, 0, 10, 10))).toBe(false);
    expect(intersects(rect(0, 0, 10, 10), rect(0, 20, 10, 10))).toBe(false);
  });
});

describe("placeTip", () => {
  // The diagram canvas of a 1280x800 window with the details panel open on its right.
  const area = rect(232, 80, 704, 720);
  const size = { width: 200, height: 60 };

  it("goes below and right of the pointer when there is room", () => {
    expect(placeTip({ x: 400, y: 300 }, size, area, [])).toEqual({ left: 412, top: 320 });
  });

  it("goes left of the pointer near the canvas's right edge (the details panel beyond)", () => {
    const at = placeTip({ x: 900, y: 300 }, size, area, [])!;
    expect(at.left + size.width).toBeLessThanOrEqual(area.right);
    expect(at.left + size.width).toBeLessThan(900);
    expect(inside(rect(at.left, at.top, size.width, size.height), area)).toBe(true);
  });

  it("goes above the pointer near the canvas's bottom edge", () => {
    const at = placeTip({ x: 400, y: 780 }, size, area, [])!;
    expect(at.top + size.height).toBeLessThan(780);
  });

  it("keeps off a panel with text, and is not shown when every side covers one", () => {
    const notes = rect(232, 700, 704, 100);
    const at = placeTip({ x: 400, y: 680 }, size, area, [notes])!;
    expect(intersects(rect(at.left, at.top, size.width, size.height), notes)).toBe(false);
    const everywhere = rect(0, 0, 2000, 2000);
    expect(placeTip({ x: 400, y: 300 }, size, area, [everywhere])).toBeNull();
  });

  it("is not shown when it is larger than the canvas", () => {
    expect(placeTip({ x: 400, y: 300 }, { width: 800, height: 60 }, area, [])).toBeNull();
  });
});

describe("chooseCorner", () => {
  const at: Record<Corner, ReturnType<typeof rect>> = {
    br: rect(700, 600, 160, 104),
    bl: rect(250, 640, 160, 104),
    tr: rect(700, 100, 160, 104),
    tl: rect(250, 100, 160, 104),
  };

  it("stays where it is while it covers nothing to keep", () => {
    expect(chooseCorner(at, "tr", [rect(400, 400, 100, 50)])).toBe("tr");
  });

  it("moves off the selected card, to the first free corner", () => {
    const selected = rect(750, 650, 120, 50);
    expect(chooseCorner(at, "br", [selected])).toBe("bl");
    expect(chooseCorner(at, "br", [selected, rect(300, 700, 50, 20)])).toBe("tr");
  });

  it("hides when every corner covers something to keep", () => {
    expect(chooseCorner(at, "br", [rect(0, 0, 2000, 2000)])).toBeNull();
  });
});

describe("fitPhrases", () => {
  it("keeps the whole title when it fits", () => {
    expect(fitPhrases([60, 40, 50], 10, 150)).toBe(3);
  });

  it("cuts between phrases, leaving room for the ellipsis", () => {
    expect(fitPhrases([60, 40, 50], 10, 149)).toBe(2);
    expect(fitPhrases([60, 40, 50], 10, 109)).toBe(1);
    expect(fitPhrases([60, 40, 50], 10, 69)).toBe(0);
  });
});

describe("placeBeside", () => {
  const window = rect(0, 0, 1280, 800);
  const sidebar = rect(0, 48, 232, 752);
  const details = rect(936, 48, 344, 752);
  const size = { width: 180, height: 32 };

  it("goes below a top-bar button, over the diagram", () => {
    expect(placeBeside(rect(600, 8, 60, 32), size, window, [sidebar, details])).toEqual({ left: 600, top: 48 });
  });

  it("keeps off the details panel: beside the last top-bar button instead of below it", () => {
    const at = placeBeside(rect(1200, 8, 64, 32), size, window, [sidebar, details])!;
    expect(intersects(rect(at.left, at.top, size.width, size.height), details)).toBe(false);
    expect(at.left + size.width).toBeLessThanOrEqual(1200);
  });

  it("goes right of the sidebar for its controls (the legend stays readable), left of the details panel for its", () => {
    // A control in a panel is placed beside the panel: the panel's width, the control's height.
    expect(placeBeside(rect(0, 400, 232, 24), size, window, [sidebar, details])).toEqual({ left: 240, top: 400 });
    const at = placeBeside(rect(936, 300, 344, 32), size, window, [sidebar, details])!;
    expect(at).toEqual({ left: 936 - 8 - 180, top: 300 });
  });

  it("is not shown when every side covers a panel", () => {
    expect(placeBeside(rect(600, 400, 60, 32), size, window, [rect(0, 0, 1280, 800)])).toBeNull();
  });
});
