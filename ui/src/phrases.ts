// Where Japanese text in the window's HTML may break: between phrases, as the drawing
// breaks it (src-tauri/crates/draw/src/font.rs, `breaks_between`). Both read BudouX's model
// from the one file data/budoux/ja.json; here the npm package's own parser scores it,
// and the kinsoku characters and the unspaced scripts come generated from the Rust
// lists. WebKitGTK has no `word-break: auto-phrase`, so the page marks the breaks with
// <wbr> and keeps everything else whole (style.css, `.phrased`). Imports nothing of
// the app's own but generated types.
import { Parser } from "budoux";
import model from "../../data/budoux/ja.json";
import { NO_LINE_END, NO_LINE_START, UNSPACED } from "./generated/types";

const parser = new Parser(model);
const noStart = new Set(NO_LINE_START);
const noEnd = new Set(NO_LINE_END);

const unspaced = (c: string) => {
  const p = c.codePointAt(0) ?? 0;
  return UNSPACED.some(([lo, hi]) => p >= lo && p <= hi);
};

/** Where a line may break in `text`, as UTF-16 offsets: after a space; between phrases
 * where Japanese meets anything; never before a space or a character that may not
 * start a line, nor after one that may not end a line. Pure, for tests. */
export function breaks(text: string): number[] {
  const chars = [...text];
  // BudouX only matters where Japanese is: Latin text breaks at its spaces.
  const phrase = chars.some(unspaced) ? new Set(parser.parseBoundaries(text)) : new Set<number>();
  const out: number[] = [];
  let at = 0;
  chars.forEach((b, i) => {
    const a = chars[i - 1];
    if (a !== undefined && b !== " " && !noStart.has(b) && !noEnd.has(a)) {
      if (a === " " || ((unspaced(a) || unspaced(b)) && phrase.has(at))) out.push(at);
    }
    at += b.length;
  });
  return out;
}

/** `text` cut at every place a line may break; joined, they give back the text. */
export function phrases(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (const at of breaks(text)) {
    out.push(text.slice(from, at));
    from = at;
  }
  if (from < text.length) out.push(text.slice(from));
  return out;
}

/** Sets `el`'s text, with a <wbr> wherever a line may break between phrases (at spaces
 * the browser breaks by itself), and marks it `phrased`: the stylesheet keeps what lies
 * between the breaks whole and breaks inside a phrase only when it is wider than the
 * line. The text stays one string to read (textContent, innerText, copying). */
export function setPhrased(el: HTMLElement, text: string) {
  const parts: (string | HTMLElement)[] = [];
  let from = 0;
  for (const at of breaks(text)) {
    if (text[at - 1] === " ") continue;
    parts.push(text.slice(from, at), document.createElement("wbr"));
    from = at;
  }
  parts.push(text.slice(from));
  el.replaceChildren(...parts);
  el.classList.add("phrased");
}
