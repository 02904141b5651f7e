// Draws the organisation tree as SVG. DOM APIs only (no innerHTML): dataset text is
// never parsed as markup, and the strict CSP needs no inline styles.
import type { Group, TreeNode } from "./generated/types";
import { kindNames, t, ui, type Lang } from "./i18n";
import { layoutTree, type Size, type TreeLayout } from "./layout";

const SVG = "http://www.w3.org/2000/svg";

// Type scale and card metrics from shared/DESIGN.md: 16 px card title (line 1.3),
// 12 px caption (line 1.5), 12 px padding, 8 px radius, 6 px tinted header.
export const FONT_FAMILY = '"Noto Sans CJK JP", "Noto Sans JP", sans-serif';
const TITLE_FONT = `700 16px ${FONT_FAMILY}`;
const CAPTION_FONT = `400 12px ${FONT_FAMILY}`;
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

let context: CanvasRenderingContext2D | null = null;
function textWidth(text: string, font: string): number {
  context ??= document.createElement("canvas").getContext("2d");
  if (!context) return text.length * 16;
  context.font = font;
  return context.measureText(text).width;
}

export function caption(node: TreeNode, lang: Lang): string {
  const parts = [t(kindNames[node.kind], lang)];
  // The abbreviation only when the name does not already show it ("CE (Customer Engineer)").
  if (node.short && !node.label[lang].includes(node.short[lang])) parts.push(node.short[lang]);
  if (node.title) parts.push(node.title[lang]);
  return parts.join(" · ");
}

function badgeWidth(lang: Lang): number {
  return textWidth(t(ui.example, lang), CAPTION_FONT) + 12;
}

export function measureCard(node: TreeNode, lang: Lang): Size {
  const title = textWidth(node.label[lang], TITLE_FONT);
  let sub = textWidth(caption(node, lang), CAPTION_FONT);
  if (node.illustrative) sub += BADGE_GAP + badgeWidth(lang);
  return { width: Math.ceil(Math.max(MIN_WIDTH, title, sub) + 2 * PAD), height: CARD_HEIGHT };
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

export function drawTree(roots: TreeNode[], groups: Group[], lang: Lang, onSelect: (node: TreeNode) => void): Drawn {
  const layout = layoutTree(roots, (n) => measureCard(n, lang));
  const colours = groupColours(groups);
  const svg = el("svg", {
    xmlns: SVG,
    class: "diagram",
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    width: layout.width,
    height: layout.height,
    role: "img",
    "aria-label": t(ui.orgView, lang),
    lang,
  });
  const links = el("g", { class: "links" }, svg);
  for (const link of layout.links) {
    el("path", { d: link.d, class: link.secondary ? "link secondary" : "link", "data-from": link.from, "data-to": link.to }, links);
  }
  const cards = el("g", { class: "cards" }, svg);
  for (const card of layout.cards) {
    const n = card.node;
    const g = el("g", {
      class: `card kind-${n.kind}${n.illustrative ? " illustrative" : ""}`,
      transform: `translate(${card.x} ${card.y})`,
      "data-node-id": n.id,
      tabindex: 0,
      role: "button",
      "aria-label": n.label[lang],
    }, cards);
    const clip = `clip-${n.id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const defs = el("defs", {}, g);
    const cp = el("clipPath", { id: clip }, defs);
    el("rect", { width: card.width, height: card.height, rx: 8 }, cp);
    el("rect", { class: "card-bg", width: card.width, height: card.height, rx: 8 }, g);
    const colour = n.group ? colours.get(n.group) : undefined;
    el("rect", { class: "card-strip", width: card.width, height: STRIP, "clip-path": `url(#${clip})`, fill: colour ?? "#8a94a6" }, g);
    el("rect", { class: "card-border", width: card.width - 1, height: card.height - 1, x: 0.5, y: 0.5, rx: 7.5 }, g);
    const title = el("text", { class: "card-title", x: PAD, y: STRIP + 10 + 16 }, g);
    title.textContent = n.label[lang];
    const sub = el("text", { class: "card-caption", x: PAD, y: STRIP + 10 + TITLE_LINE + 2 + 13 }, g);
    sub.textContent = caption(n, lang);
    if (n.illustrative) {
      const bx = PAD + textWidth(caption(n, lang), CAPTION_FONT) + BADGE_GAP;
      const by = STRIP + 10 + TITLE_LINE + 2;
      el("rect", { class: "badge-bg", x: bx, y: by, width: badgeWidth(lang), height: 17, rx: 8.5 }, g);
      const b = el("text", { class: "badge", x: bx + 6, y: by + 13 }, g);
      b.textContent = t(ui.example, lang);
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
  }
  return { svg, layout };
}
