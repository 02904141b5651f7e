// Help > About: the version, the licences (the app's, the font's, BudouX's model) and
// the article the built-in dataset is made from, in the window's language. A dialog
// like Export: opened from the sidebar's button or F1, closed with Esc or its button,
// focus back where it was.
import type { About } from "./backend";
import { $, h } from "./dom";
import { t, ui } from "./i18n";
import { state } from "./state";

let opener: HTMLElement | null = null;
let about: About | null = null;

export function aboutOpen(): boolean {
  return !$("about-dialog").hidden;
}

export async function openAbout() {
  opener = document.activeElement as HTMLElement | null;
  about ??= await state.backend.about();
  renderAbout();
  $("about-dialog").hidden = false;
  $("about-close").focus();
}

export function closeAbout() {
  $("about-dialog").hidden = true;
  opener?.focus();
}

/** The dialog's text in the window's language (again on a language switch). */
export function renderAbout() {
  const lang = state.lang;
  $("about-show").textContent = t(ui.aboutOpen, lang);
  $("about-close").textContent = t(ui.close, lang);
  if (!about) return;
  const licences = h("ul", "about-licences");
  for (const line of [t(ui.aboutApp, lang) + about.licence, t(ui.aboutFont, lang), t(ui.aboutBudoux, lang)]) {
    licences.append(h("li", "", line));
  }
  const title = h("h2", "", t(ui.aboutTitle, lang));
  title.id = "about-heading";
  const body = [
    title,
    h("p", "about-version", t(ui.aboutVersion, lang) + about.version),
    h("h3", "", t(ui.aboutLicences, lang)),
    licences,
  ];
  const src = about.builtin_source;
  if (src) {
    body.push(h("h3", "", t(ui.aboutSource, lang)), h("p", "", t(ui.aboutSourceNote, lang)), h("p", "source-title", src.title));
    const by = [src.author, src.date].filter(Boolean).join(" · ");
    if (by) body.push(h("p", "source-by", by));
  }
  $("about-body").replaceChildren(...body);
}

export function wireAbout() {
  $("about-show").addEventListener("click", () => void openAbout());
  $("about-close").addEventListener("click", closeAbout);
  $("about-dialog").addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      closeAbout();
    }
  });
  // A click on the shade outside the panel closes it, as Esc does.
  $("about-dialog").addEventListener("click", (e) => {
    if (e.target === e.currentTarget) closeAbout();
  });
}
