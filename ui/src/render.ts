// Draws the organisation tree as SVG. DOM APIs only (no innerHTML): dataset text is
// never parsed as markup, and the strict CSP needs no inline styles.
import type { Group, TreeNode } from "./generated/types";
import { kindNames, t, ui, type Lang } from "./i18n";
import { layoutTree, type Size, type TreeLayout } from "./layout";

const SVG = "http://www.w3.org/2000/svg";

// Type scale and card metrics from shared/DESIGN.md: 16 px card title (line 1.3),
// 12 px caption (line 1.5), 12 px padding, 8 px radius, 6 px tinted header.
const PAD = 12;
const STRIP = 6;
const TITLE_LINE = 21;
const CAPTION_LINE = 18;
const CARD_HEIGHT = STRIP + 10 + TITLE_LINE + 2 + CAPTION_LINE + 10;
const MIN_WIDTH = 112;
const BADGE_GAP = 8;

// Okabe–Ito: distinguishable for colour-blind viewers. Groups take colours in the
// order the dataset lists them.
const PALETTE = ["#0072B2", "#D55E00", "#E69F00", "#CC79A7", "#009E73", "#56B4E9", "#F0E442"];

export function groupColours(groups: Group[]): Map<string, string> {
  return new Map(groups.map((g, i) => [g.id, PALETTE[i % PALETTE.length]]));
}

export function caption(node: TreeNode, lang: Lang): string {
  const parts = [t(kindNames[node.kind], lang)];
  // The abbreviation only when the name does not already show it ("CE (Customer Engineer)").
  if (node.short && !node.label[lang].includes(node.short[lang])) parts.push(node.short[lang]);
  if (node.title) parts.push(node.title[lang]);
  return parts.join(" · ");
}

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, parent?: Element): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

export interface Drawn {
  svg: SVGSVGElement;
  layout: TreeLayout;
}

interface CardParts {
  g: SVGGElement;
  title: SVGTextElement;
  caption: SVGTextElement;
  badge?: { bg: SVGRectElement; text: SVGTextElement };
  rects: SVGRectElement[];
}

/**
 * Draws the tree into `container`. Text is created first and measured where it will
 * be drawn, then laid out: measuring the very elements that are shown is the only
 * way to be sure the numbers match (an off-screen probe with the same CSS measured
 * Japanese up to 10 px narrower in WebKitGTK, and cards clipped their titles).
 */
export function drawTree(container: HTMLElement, roots: TreeNode[], groups: Group[], lang: Lang, onSelect: (node: TreeNode) => void): Drawn {
  const colours = groupColours(groups);
  const svg = el("svg", { xmlns: SVG, class: "diagram", role: "img", "aria-label": t(ui.orgView, lang), lang });
  const links = el("g", { class: "links" }, svg);
  const cards = el("g", { class: "cards" }, svg);
  container.replaceChildren(svg);

  const parts = new Map<string, CardParts>();
  const sizes = new Map<string, Size>();
  const make = (n: TreeNode) => {
    const g = el("g", {
      class: `card kind-${n.kind}${n.illustrative ? " illustrative" : ""}`,
      "data-node-id": n.id,
      tabindex: 0,
      role: "button",
      "aria-label": n.label[lang],
    }, cards);
    const clip = `clip-${n.id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const cp = el("clipPath", { id: clip }, el("defs", {}, g));
    const rects = [
      el("rect", { height: CARD_HEIGHT, rx: 8 }, cp),
      el("rect", { class: "card-bg", height: CARD_HEIGHT, rx: 8 }, g),
      el("rect", { class: "card-strip", height: STRIP, "clip-path": `url(#${clip})`, fill: (n.group && colours.get(n.group)) || "#8a94a6" }, g),
    ];
    const border = el("rect", { class: "card-border", height: CARD_HEIGHT - 1, x: 0.5, y: 0.5, rx: 7.5 }, g);
    const title = el("text", { class: "card-title", x: PAD, y: STRIP + 10 + 16 }, g);
    title.textContent = n.label[lang];
    const cap = el("text", { class: "card-caption", x: PAD, y: STRIP + 10 + TITLE_LINE + 2 + 13 }, g);
    cap.textContent = caption(n, lang);
    const part: CardParts = { g, title, caption: cap, rects: [...rects, border] };
    let sub = cap.getComputedTextLength();
    if (n.illustrative) {
      const by = STRIP + 10 + TITLE_LINE + 2;
      const bg = el("rect", { class: "badge-bg", y: by, height: 17, rx: 8.5 }, g);
      const text = el("text", { class: "badge", y: by + 13 }, g);
      text.textContent = t(ui.example, lang);
      part.badge = { bg, text };
      sub += BADGE_GAP + text.getComputedTextLength() + 12;
    }
    const tip = el("title", {}, g);
    tip.textContent = [n.label[lang], n.description?.[lang]].filter(Boolean).join("\n");
    g.addEventListener("click", () => onSelect(n));
    g.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        onSelect(n);
      }
    });
    const width = Math.ceil(Math.max(MIN_WIDTH, title.getComputedTextLength(), sub) + 2 * PAD);
    sizes.set(n.id, { width, height: CARD_HEIGHT });
    parts.set(n.id, part);
    n.children.forEach(make);
  };
  roots.forEach(make);

  const layout = layoutTree(roots, (n) => sizes.get(n.id)!);
  svg.setAttribute("viewBox", `0 0 ${layout.width} ${layout.height}`);
  for (const card of layout.cards) {
    const p = parts.get(card.node.id)!;
    p.g.setAttribute("transform", `translate(${card.x} ${card.y})`);
    for (const r of p.rects) r.setAttribute("width", String(r.classList.contains("card-border") ? card.width - 1 : card.width));
    if (p.badge) {
      const bx = PAD + p.caption.getComputedTextLength() + BADGE_GAP;
      p.badge.bg.setAttribute("x", String(bx));
      p.badge.bg.setAttribute("width", String(p.badge.text.getComputedTextLength() + 12));
      p.badge.text.setAttribute("x", String(bx + 6));
    }
  }
  for (const link of layout.links) {
    el("path", { d: link.d, class: link.secondary ? "link secondary" : "link", "data-from": link.from, "data-to": link.to }, links);
  }
  return { svg, layout };
}
