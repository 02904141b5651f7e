// The house rules for the window's code, checked on every test run: no function over
// 150 lines and no module over 600 (generated files and tests aside). Measured with the
// TypeScript compiler's own parse, so nested and arrow functions count too.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname);
const MAX_FUNCTION = 150;
const MAX_FILE = 600;

function sources(): string[] {
  return readdirSync(SRC).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith(".d.ts"));
}

/** Every function-like node of a file with its line count, from its first line to its last. */
function functions(file: string): { name: string; lines: number }[] {
  const text = readFileSync(join(SRC, file), "utf8");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: { name: string; lines: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : "(anonymous)";
      out.push({ name: `${file}:${start + 1} ${name}`, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe("the house", () => {
  it("has no function over 150 lines", () => {
    const long = sources().flatMap(functions).filter((f) => f.lines > MAX_FUNCTION);
    expect(long).toEqual([]);
  });
  it("has no module over 600 lines", () => {
    const long = sources()
      .map((f) => ({ f, lines: readFileSync(join(SRC, f), "utf8").split("\n").length }))
      .filter((x) => x.lines > MAX_FILE);
    expect(long).toEqual([]);
  });
  it("measures what it should", () => {
    expect(sources()).toContain("main.ts");
    expect(functions("main.ts").length).toBeGreaterThan(2);
  });
});
