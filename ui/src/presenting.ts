// Presenting a tour in this window: the Presentation's host (each step drawn as the
// backend picks its view, the projector theme and fullscreen while on show, the
// presenter window told where the tour is) and the sidebar's Present button.
import { Presentation } from "./present";
import { $ } from "./dom";
import { state } from "./state";
import { renderChrome } from "./chrome";
import { draw } from "./views";
import { renderDetails } from "./details";

export const presentation = new Presentation({
  drawStep: async (tour, step) => {
    if (!state.stage) return null;
    state.stage.tour = tour;
    state.stage.step = step;
    await draw();
    return state.payload;
  },
  setStage: async (on) => {
    if (on && !state.stage) {
      state.stage = { tour: "", step: 0, theme: state.theme };
      state.theme = "projector";
      state.fitted = true;
    } else if (!on && state.stage) {
      state.theme = state.stage.theme;
      state.stage = null;
      state.fitted = false;
    }
    renderChrome();
    try {
      await state.backend.present(on);
    } catch {
      // Not fullscreen (a window manager that refuses): the tour still runs.
    }
    if (!on) void draw().then(renderDetails);
  },
  publish: (tour, step) => void state.backend.setStage(tour?.id ?? "", step, state.lang).catch(() => {}),
  openPresenter: () => void state.backend.openPresenter().catch(() => {}),
  lang: () => state.lang,
});

/** The Present button: starts the first tour (F5 does the same, in keys.ts). */
export function wirePresent() {
  $("present-open").addEventListener("click", () => state.tours.length && void presentation.start(state.tours[0]));
}
