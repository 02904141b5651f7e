import { describe, expect, it } from "vitest";
import type { TreeNode } from "./generated/types";
import { layoutTree, type Card } from "./layout";

function node(id: string, children: TreeNode[] = [], extra: string[] = []): TreeNode {
  return { id, kind: "team", label: { ja: id, en: id }, illustrative: false, extra_parents: extra, children };
}

// Deterministic pseudo-random trees, so a failure names a seed that reproduces it.
function randomTree(seed: number, size: number): TreeNode[] {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const all: TreeNode[] = [node("n0")];
  for (let i = 1; i < size; i++) {
    const n = node(`n${i}`);
    if (rand() < 0.1) all.push(n);
    else all[Math.floor(rand() * all.length)].children.push(n);
    if (!all.includes(n)) all.push(n);
  }
  const childIds = new Set(all.flatMap((n) => n.children.map((c) => c.id)));
  return all.filter((n) => !childIds.has(n.id));
}

function overlaps(a: Card, b: Card): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe("layoutTree", () => {
  it("puts children to the right of their parent and centres the parent", () => {
    const tree = [node("root", [node("a"), node("b")])];
    const l = layoutTree(tree, () => ({ width: 100, height: 40 }));
    const get = (id: string) => l.cards.find((c) => c.node.id === id)!;
    expect(get("a").x).toBeGreaterThan(get("root").x + get("root").width);
    expect(get("root").y + 20).toBeCloseTo((get("a").y + get("b").y) / 2 + 20);
    expect(l.links).toHaveLength(2);
  });

  it("never overlaps cards and keeps every card inside the canvas", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const roots = randomTree(seed, 2 + (seed % 60));
      const l = layoutTree(roots, (n) => ({ width: 60 + (n.id.length * 37) % 140, height: 40 + (n.id.length % 3) * 12 }));
      for (let i = 0; i < l.cards.length; i++) {
        const a = l.cards[i];
        expect(a.x, `seed ${seed}`).toBeGreaterThanOrEqual(0);
        expect(a.y, `seed ${seed}`).toBeGreaterThanOrEqual(0);
        expect(a.x + a.width).toBeLessThanOrEqual(l.width);
        expect(a.y + a.height).toBeLessThanOrEqual(l.height);
        for (let j = i + 1; j < l.cards.length; j++) {
          expect(overlaps(a, l.cards[j]), `seed ${seed}: ${a.node.id} overlaps ${l.cards[j].node.id}`).toBe(false);
        }
      }
    }
  });

  it("draws extra parents as secondary links", () => {
    const tree = [node("a", [node("x", [], ["b"])]), node("b")];
    const l = layoutTree(tree, () => ({ width: 80, height: 30 }));
    expect(l.links.filter((k) => k.secondary)).toEqual([expect.objectContaining({ from: "b", to: "x" })]);
  });
});
