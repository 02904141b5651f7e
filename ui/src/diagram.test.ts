import { describe, expect, it } from "vitest";
import { spatialNext, treeNext } from "./diagram";
import { ease, scrollFor } from "./viewport";

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
