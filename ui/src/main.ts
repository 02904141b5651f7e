// The main window's entry point: fills in the calls that go up the module stack
// (actions.ts), wires each area in turn and draws the dataset. The areas, bottom up:
// dom.ts and state.ts (helpers and the one shared state object), surface.ts (viewport,
// zoom, focus), chrome.ts (sidebar), views.ts (drawing, settings), details.ts (side
// panel, search), presenting.ts and dataset.ts (tours, files), cards.ts and keys.ts
// (the diagram's and the document's events).
import { tauriBackend, toBackendError, type Backend } from "./backend";
import { t, ui } from "./i18n";
import { openExport, wireExport } from "./export";
import { startPresenter } from "./presenter";
import { $, showMessage } from "./dom";
import { exportRequest, offeredViews, setMeta, state } from "./state";
import { link } from "./actions";
import { wireZoom } from "./surface";
import { renderChrome } from "./chrome";
import { draw, setView, wireSettings } from "./views";
import { panelHost, renderDetails, wirePanels, wireSearch } from "./details";
import { presentation, wirePresent } from "./presenting";
import { files, wireFiles } from "./dataset";
import { wireDiagram } from "./cards";
import { wireKeys } from "./keys";
import { wireControlTips } from "./tooltip";
import { wireAbout } from "./about";

link({
  setView,
  renderDetails,
  startTour: (tour) => presentation.start(tour),
  files,
});

/** The Export button and panel (export.ts), which export the view on show as drawn. */
function wireExportPanel() {
  $("export-open").addEventListener("click", openExport);
  wireExport({
    lang: () => state.lang,
    current: exportRequest,
    save: (r) => state.backend.exportView(r),
    copy: (r) => state.backend.copyPng(r),
    tours: () => state.tours,
    views: offeredViews,
    saveTour: (r) => state.backend.exportTour(r),
  });
}

/** Every listener of the window, area by area, in the order they have always been
 * added. */
function wire() {
  wireFiles();
  wireSettings();
  wireZoom();
  wirePanels();
  wirePresent();
  const search = wireSearch();
  wireExportPanel();
  wireDiagram();
  wireControlTips();
  wireKeys(search);
  wireAbout();
}

export async function start(backend: Backend) {
  if (new URLSearchParams(location.search).has("presenter")) {
    await document.fonts.load('400 16px "Noto Sans JP"');
    return startPresenter(backend);
  }
  state.backend = backend;
  panelHost.backend = backend;
  // The presenter window's keys arrive through the backend.
  backend.onStageCommand((command) => presentation.command(command));
  wire();
  renderChrome();
  try {
    // Card widths were measured in Rust with the bundled font; draw with the same one.
    // The fonts load while the backend answers: neither waits for the other.
    const [meta, tours] = await Promise.all([
      backend.meta(),
      backend.listTours(),
      document.fonts.load('700 16px "Noto Sans JP"'),
      document.fonts.load('400 16px "Noto Sans JP"'),
    ]);
    setMeta(meta);
    state.tours = tours;
  } catch (e) {
    showMessage(t(ui.loadFailed, state.lang), toBackendError(e).message);
    return;
  }
  renderChrome();
  await draw();
}

void start(tauriBackend);
