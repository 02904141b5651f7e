// The drawn diagram's own events, with one listener for every card whatever view is
// drawn: dragging and the wheel, hover and keyboard focus lighting a card's links, a
// click selecting a card (or unfolding, or explaining a link), and Enter and the
// arrows on a focused card.
import { highlight, type Arrow } from "./diagram";
import { showEdge } from "./panels";
import { $ } from "./dom";
import { state } from "./state";
import { arrowFrom, cardOf, focusCard, minimap, viewport } from "./surface";
import { toggleCollapse } from "./views";
import { panelHost, select } from "./details";
import { wireTooltip } from "./tooltip";

/** Every listener on the diagram area, in this order: drag, wheel, hover and focus,
 * tooltips, click, keys. */
export function wireDiagram() {
  // One listener for every card, whatever view is drawn.
  const scroller = $("scroller");
  viewport.wireDrag(() => minimap.draw());
  viewport.wireWheel();
  wireHighlight(scroller);
  wireTooltip(scroller);
  wireClick(scroller);
  wireCardKeys(scroller);
}

/** Hover, and keyboard focus, light a card's links. */
function wireHighlight(scroller: HTMLElement) {
  let hovered: string | null = null;
  scroller.addEventListener("pointerover", (e) => {
    const id = cardOf(e);
    if (id === hovered) return;
    hovered = id;
    const svg = scroller.querySelector("svg");
    if (svg && state.index) highlight(svg, state.index, id);
  });
  scroller.addEventListener("pointerleave", () => {
    hovered = null;
    const svg = scroller.querySelector("svg");
    if (svg && state.index) highlight(svg, state.index, null);
  });
  // Keyboard focus lights a card's links as hover does; a click's focus does not (it
  // would leave the rest of the diagram dimmed after the pointer has gone).
  scroller.addEventListener("focusin", (e) => {
    const card = (e.target as Element).closest?.("g.card");
    if (!card?.matches(":focus-visible")) return;
    const svg = scroller.querySelector("svg");
    if (svg && state.index) highlight(svg, state.index, cardOf(e));
  });
  scroller.addEventListener("focusout", () => {
    const svg = scroller.querySelector("svg");
    if (svg && state.index && hovered === null) highlight(svg, state.index, null);
  });
}

/** A click selects the card under it, unfolds a "+N", or explains a link. */
function wireClick(scroller: HTMLElement) {
  scroller.addEventListener("click", (e) => {
    // Zoomed far out, a large diagram is drawn as blocks: find the card under the pointer.
    const b = scroller.getBoundingClientRect();
    const p = viewport.pointAt(e.clientX - b.left, e.clientY - b.top);
    const unfold = (e.target as Element).closest?.("[data-unfold]")?.getAttribute("data-unfold");
    if (unfold && state.view === "org") {
      toggleCollapse(unfold);
      return;
    }
    const id = cardOf(e) ?? state.virtual?.cardAt(p.x, p.y) ?? null;
    if (id) {
      if (state.panel !== "details") state.panel = "details";
      void select(id);
      return;
    }
    // Clicking a link explains it.
    const el = (e.target as Element).closest?.("g.edge");
    const edge = state.index?.edges.find((x) => x.el === el);
    if (edge) void showEdge(panelHost, edge.from, edge.to);
  });
}

/** Enter or space selects the focused card; the arrows move to the next card. */
function wireCardKeys(scroller: HTMLElement) {
  scroller.addEventListener("keydown", (e) => {
    const id = cardOf(e);
    if (!id || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      // Enter on a folded card opens it by one level too.
      if (e.key === "Enter" && state.view === "org" && state.collapsed.has(id)) toggleCollapse(id);
      void select(id);
    } else if (!e.shiftKey && e.key.startsWith("Arrow")) {
      // Arrows move between cards: along the tree in the organisation view (parent,
      // first child, siblings), to the nearest card that way in the others.
      e.preventDefault();
      e.stopPropagation();
      const next = arrowFrom(id, e.key as Arrow);
      if (next) focusCard(next);
    }
  });
}
