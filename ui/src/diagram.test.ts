import { describe, expect, it } from "vitest";
import { spatialNext, subtreeBox, treeNext, type DiagramIndex, type EdgeInfo } from "./diagram";
import { ease, leastPan, room, scrollFor } from "./viewport";

const boxes = new Map([
  ["a", { x: 0, y: 0, w: 100, h: 40 }],
  ["b", { x: 200, y: 0, w: 100, h: 40 }],
  ["c", { x: 200, y: 100, w: 100, h: 40 }],
  ["d", { x: 0, y: 300, w: 100, h: 40 }],
]);

describe("spatialNext", () => {
  it("moves to the nearest card in the arrow's direction", () => {
    expect(spatialNext(boxes, "a", "ArrowRight")).toBe("b");
    expect(spatialNext(boxes, "b", "ArrowDown")).toBe("c");
    expect(spatialNext(boxes, "c", "ArrowLeft")).toBe("a");
    expect(spatialNext(boxes, "a", "ArrowDown")).toBe("d");
  });
  it("stays put when nothing lies that way", () => {
    expect(spatialNext(boxes, "a", "ArrowUp")).toBeNull();
    expect(spatialNext(boxes, "a", "ArrowLeft")).toBeNull();
    expect(spatialNext(boxes, "zz", "ArrowLeft")).toBeNull();
  });
});

describe("treeNext", () => {
  const parent = new Map([
    ["b", "a"],
    ["c", "a"],
    ["d", "b"],
  ]);
  const children = new Map([
    ["a", ["b", "c"]],
    ["b", ["d"]],
  ]);
  it("follows the tree in a left-to-right layout", () => {
    expect(treeNext("a", "ArrowRight", "lr", parent, children, ["a"])).toBe("b");
    expect(treeNext("b", "ArrowLeft", "lr", parent, children, ["a"])).toBe("a");
    expect(treeNext("b", "ArrowDown", "lr", parent, children, ["a"])).toBe("c");
    expect(treeNext("c", "ArrowUp", "lr", parent, children, ["a"])).toBe("b");
    expect(treeNext("c", "ArrowDown", "lr", parent, children, ["a"])).toBeNull();
    expect(treeNext("d", "ArrowRight", "lr", parent, children, ["a"])).toBeNull();
  });
  it("turns the arrows with the tree", () => {
    expect(treeNext("a", "ArrowDown", "td", parent, children, ["a"])).toBe("b");
    expect(treeNext("b", "ArrowRight", "td", parent, children, ["a"])).toBe("c");
    expect(treeNext("a", "ArrowLeft", "rl", parent, children, ["a"])).toBe("b");
    expect(treeNext("d", "ArrowDown", "bu", parent, children, ["a"])).toBe("b");
  });
});

describe("viewport maths", () => {
  it("scrolls a diagram point to a box point", () => {
    expect(scrollFor(100, 50, 400, 300, 2)).toEqual({ left: -200, top: -200 });
    expect(scrollFor(500, 500, 400, 300, 1, 10, 20)).toEqual({ left: 110, top: 220 });
  });
  it("eases from 0 to 1 and clamps", () => {
    expect(ease(0)).toBe(0);
    expect(ease(1)).toBe(1);
    expect(ease(2)).toBe(1);
    expect(ease(0.5)).toBeGreaterThan(0.5);
  });
});

describe("keeping a card in place", () => {
  it("puts a drawing's start anywhere along an axis: room before it, or scroll", () => {
    // Right of the box's start: room before it, none after (nothing to scroll).
    expect(room(100, 300, 1000)).toEqual({ before: 100, after: 0, scroll: 0 });
    // Left of it: scrolled, with room after when the drawing ends inside the box.
    expect(room(-200, 500, 1000)).toEqual({ before: 0, after: 700, scroll: 200 });
    // A long drawing needs no room at all.
    expect(room(-200, 3000, 1000)).toEqual({ before: 0, after: 0, scroll: 200 });
    // Wherever it is put, the drawing's start lands there: before - scroll = start.
    for (const start of [-500, -1, 0, 1, 250]) {
      const r = room(start, 400, 800);
      expect(r.before - r.scroll).toBe(start);
      // Scrolled: the content is long enough to scroll that far.
      if (r.scroll > 0) expect(r.before + 400 + r.after - 800).toBeGreaterThanOrEqual(r.scroll);
    }
  });
  it("pans the least that shows a box, and centres one too large", () => {
    const view = { w: 1000, h: 600 };
    // In view already: no move.
    expect(leastPan({ x: 500, y: 300 }, { x: 400, y: 200, w: 100, h: 50 }, view, 20)).toEqual({ x: 500, y: 300 });
    // Past the right edge: just far enough that its right side is 20 inside.
    expect(leastPan({ x: 500, y: 300 }, { x: 900, y: 200, w: 200, h: 50 }, view, 20)).toEqual({ x: 620, y: 300 });
    // Above the top edge.
    expect(leastPan({ x: 500, y: 300 }, { x: 400, y: -100, w: 100, h: 50 }, view, 20)).toEqual({ x: 500, y: 180 });
    // Wider than the view: centred on it.
    expect(leastPan({ x: 500, y: 300 }, { x: 0, y: 0, w: 2000, h: 50 }, view, 20).x).toBe(1000);
  });
  it("finds the box around a card and everything drawn under it", () => {
    const edge = (from: string, to: string): EdgeInfo => ({ from, to, kind: "", el: null as unknown as SVGGElement });
    const index: DiagramIndex = {
      boxes: new Map([
        ["a", { x: 0, y: 0, w: 100, h: 40 }],
        ["b", { x: 200, y: 0, w: 100, h: 40 }],
        ["c", { x: 400, y: 100, w: 100, h: 40 }],
        ["d", { x: 200, y: 300, w: 100, h: 40 }],
      ]),
      cards: new Map(),
      order: ["a", "b", "c", "d"],
      edges: [edge("a", "b"), edge("b", "c"), edge("a", "d")],
      byNode: new Map(),
      marked: new Map(),
    };
    expect(subtreeBox(index, "b")).toEqual({ x: 200, y: 0, w: 300, h: 140 });
    expect(subtreeBox(index, "a")).toEqual({ x: 0, y: 0, w: 500, h: 340 });
    expect(subtreeBox(index, "c")).toEqual({ x: 400, y: 100, w: 100, h: 40 });
    expect(subtreeBox(index, "zz")).toBeNull();
  });
});
