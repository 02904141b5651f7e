// d3-hierarchy's side of `.ci/bench`: lays out the tree that orgpath's bench wrote
// (tree-N.json, `[{id, parentId, w, h, ...}]`) with d3.tree() and prints the medians.
//
//   node src-tauri/crates/explore/benches/d3-tree.mjs TREE.json [RUNS]
//
// d3-hierarchy is resolved from ui/node_modules (a devDependency of the UI). Reading
// and parsing the file are not timed. Timed, per run: `tree()` alone on a hierarchy
// stratified beforehand (the comparison's number), and `stratify()` + `tree()`.
// d3.tree() takes one node size for every node: the largest card plus orgpath's gaps
// (16 px between siblings, 64 px between levels), as a left-to-right tree.
// `tree()` is timed on one hierarchy stratified once, untimed (tree() only writes x
// and y on its nodes, so it can run again on the same one): the garbage of stratify()
// is then not collected inside tree()'s time. Its own garbage (one wrapper per node
// per run) is, as orgpath's side frees its scratch space inside its time too.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const require = createRequire(path.join(repo, "ui/package.json"));
const d3 = await import(require.resolve("d3-hierarchy"));

const [file, runsArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: node d3-tree.mjs TREE.json [RUNS]");
  process.exit(2);
}
const runs = Number(runsArg ?? 15);
const rows = JSON.parse(readFileSync(file, "utf8"));
const maxW = Math.max(...rows.map((r) => r.w));
const maxH = Math.max(...rows.map((r) => r.h));
// Left to right: d3's x is across the levels' growth (the card height), y along it.
const layout = d3.tree().nodeSize([maxH + 16, maxW + 64]);
const stratify = d3.stratify();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// Warm-up, untimed: at least 10 runs and 500 ms, so V8's optimising tiers have
// compiled the hot paths (orgpath's side warms up too, for caches and the allocator).
for (let i = 0, t = performance.now(); i < 10 || performance.now() - t < 500; i++) layout(stratify(rows));

const treeMs = [];
const bothMs = [];
const root = stratify(rows);
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  layout(root);
  treeMs.push(performance.now() - t0);
}
const placed = root.descendants().filter((d) => Number.isFinite(d.x) && Number.isFinite(d.y)).length;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  layout(stratify(rows));
  bothMs.push(performance.now() - t0);
}
if (placed !== rows.length) throw new Error(`placed ${placed} of ${rows.length} nodes`);
console.log(
  `d3 nodes=${rows.length} runs=${runs} tree_median_ms=${median(treeMs).toFixed(3)} tree_min_ms=${Math.min(...treeMs).toFixed(3)} stratify_tree_median_ms=${median(bothMs).toFixed(3)}`,
);
