// The dataset on show: the file menu (files.ts) and what happens when a file is opened
// or reloaded from disk.
import { Files } from "./files";
import type { Opened } from "./backend";
import { forgetResults } from "./panels";
import { setMeta, state } from "./state";
import { renderChrome } from "./chrome";
import { draw } from "./views";
import { closePanel, renderDetails } from "./details";
import { keepFitted } from "./surface";

/** Another dataset is on show (opened), or the same file changed on disk (reload). A
 * reload keeps the view, zoom, scroll, folds and selection of ids that still exist; an
 * open starts afresh. */
async function datasetChanged(o: Opened) {
  const reload = o.why === "reload";
  const [meta, tours, nodes] = await Promise.all([state.backend.meta(), state.backend.listTours(), state.backend.nodes()]);
  setMeta(meta);
  state.tours = tours;
  state.nodeList = nodes;
  const ids = new Set(nodes.map((n) => n.id));
  if (reload) {
    state.collapsed = new Set([...state.collapsed].filter((id) => ids.has(id)));
    if (state.focus && !ids.has(state.focus)) state.focus = null;
    if (state.path.some((id) => !ids.has(id))) state.path = [];
    if (state.selected) {
      // A selection may be a flow step, which is not a node: ask for its details.
      const still = await state.backend.details(state.selected).then(() => true, () => false);
      if (!still) state.selected = null;
    }
  } else {
    state.collapsed = new Set();
    state.userFolds = false;
    state.hidden = new Set();
    state.selected = null;
    state.path = [];
    state.focus = null;
    state.fitted = false;
    forgetResults();
    closePanel();
  }
  renderChrome();
  await draw(reload);
  if (reload) await renderDetails();
  document.body.dataset.generation = String(o.generation);
}

export const files = new Files({
  get backend() {
    return state.backend;
  },
  lang: () => state.lang,
  opened: datasetChanged,
  resizing: keepFitted,
});

/** The file menu, the drop target and the backend's file events (files.ts). */
export function wireFiles() {
  files.wire();
}
