// DOM helpers for the window's modules: look up an element, make one (its text broken
// between Japanese phrases, as the drawing breaks it), and show or hide the message over
// the diagram area. Imports nothing of the app's own but phrases.ts.
import { setPhrased } from "./phrases";

export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) setPhrased(e, text);
  return e;
}

export function showMessage(text: string, detail?: string) {
  const m = $("message");
  m.replaceChildren(h("h2", "", text));
  if (detail) m.append(h("p", "", detail));
  m.hidden = false;
}

export function hideMessage() {
  $("message").hidden = true;
}
