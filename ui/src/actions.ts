// The calls that go up the module stack. The window's areas call one another in a ring:
// a drawing renders the chrome, whose view buttons switch views, which draws again and
// then refreshes the details panel, whose links switch views. So that imports only go
// one way (dom and state at the bottom, then surface, chrome, views, details, the
// presenting and files areas, keys and main on top), the lower areas make these few
// calls through this table instead of importing the areas above them. main.ts fills
// it in once, before anything is wired or drawn.
import type { Files } from "./files";
import type { TourSummary } from "./generated/types";
import type { ViewName } from "./state";

export interface Actions {
  /** Switches the view (views.ts); the chrome's view buttons call it. */
  setView(view: ViewName, keepPanel?: boolean): void;
  /** Shows the selected item's details or the open tool again (details.ts); called
   * after a redraw by the views area. */
  renderDetails(): Promise<void>;
  /** Starts a tour (presenting.ts); the chrome's tour buttons call it. */
  startTour(tour: TourSummary): Promise<void>;
  /** The file menu (files.ts, made in dataset.ts), which the chrome renders. */
  files: Pick<Files, "render" | "setCurrentTitle">;
}

export const actions = {} as Actions;

/** Fills in the table (main.ts, once at start-up). */
export function link(a: Actions) {
  Object.assign(actions, a);
}
