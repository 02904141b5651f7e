// Opening the user's own files: the File menu (open, recent, reload, built-in data),
// files dropped on the window, the progress shown for a slow load, the problems panel
// for a file that does not open, and the column-mapping step for a CSV file whose
// header orgpath does not recognise. The backend opens every dialog and reads every
// file; the page never handles a path it could send back.
import { toBackendError, type Backend, type Failed, type Opened, type RecentEntry } from "./backend";
import type { CsvHeader, Problem, Report } from "./generated/types";
import { fileText as text, t, ui, type Lang } from "./i18n";
import { shown } from "./shown";
import { $, h } from "./dom";
import { setPhrased } from "./phrases";

export interface FilesHost {
  backend: Backend;
  lang(): Lang;
  /** A dataset was opened or reloaded: fetch and draw it. */
  opened(o: Opened): Promise<void>;
  /** Runs `change`, which resizes the diagram canvas, and fits the diagram to the
   * space left (the notes bar docks below it). */
  resizing(change: () => void): void;
}

/** Where a problem is, as a person reads it: "people.csv · line 12, column 3 (parent)". */
export function where(p: Problem, file: string, lang: Lang): string {
  const parts: string[] = [];
  const at = p.at as Problem["at"] & { file?: string };
  const name = (at.file ?? file).split(/[\\/]/).pop() ?? file;
  parts.push(name);
  const lc: string[] = [];
  if (at.line != null) lc.push(lang === "ja" ? `${at.line} ${t(text.line, lang)}` : `${t(text.line, lang)} ${at.line}`);
  if (at.column != null) lc.push(lang === "ja" ? `${at.column} ${t(text.column, lang)}目` : `${t(text.column, lang)} ${at.column}`);
  if (lc.length) parts.push(lc.join(lang === "ja" ? "・" : ", "));
  if (at.field) parts.push(lang === "ja" ? `列「${at.field}」` : `column “${at.field}”`);
  if (at.pointer) parts.push(at.pointer === "" ? "/" : at.pointer);
  return parts.join(" · ");
}

/** Problems grouped by file, then by what is wrong (their code), in the order found. */
export function groupProblems(report: Report): { file: string; groups: { code: string; problems: Problem[] }[] }[] {
  const files = new Map<string, Map<string, Problem[]>>();
  for (const p of report.problems) {
    const file = (p.at as { file?: string }).file ?? report.file;
    if (!files.has(file)) files.set(file, new Map());
    const codes = files.get(file)!;
    if (!codes.has(p.code)) codes.set(p.code, []);
    codes.get(p.code)!.push(p);
  }
  return [...files].map(([file, codes]) => ({ file, groups: [...codes].map(([code, problems]) => ({ code, problems })) }));
}

export class Files {
  private failed: Failed | null = null;
  /** The failure on show is the file the app was started with: the built-in dataset
   * is on show instead of it, not kept from before. */
  private atStart = false;
  /** The warnings and notices of the file on show, while their panel is up. */
  private notes: { name: string; report: Report } | null = null;
  /** The notes bar's list is open (its disclosure), kept across a language switch. */
  private notesOpen = false;
  private menuOpen = false;
  private loadingTimer = 0;
  private statusTimer = 0;
  private currentTitle = "";

  constructor(private host: FilesHost) {}

  /** Call once: wires the menu, the keys, the drop target and the backend's events. */
  wire() {
    $("file-open").addEventListener("click", () => this.toggleMenu());
    document.addEventListener("click", (e) => {
      if (this.menuOpen && !(e.target as Element).closest?.("#file-menu, #file-open")) this.closeMenu();
    });
    $("file-menu").addEventListener("keydown", (e) => this.menuKey(e));
    $("problems-close").addEventListener("click", () => this.hideProblems());
    const backend = this.host.backend;
    backend.onLoading((name) => this.loading(name));
    backend.onDataset((opened) => void this.onOpened(opened));
    backend.onProblems((failed) => {
      this.atStart = false;
      this.onFailed(failed);
    });
    // The desktop's drag and drop: the backend opens what is dropped; the page only
    // shows where to drop.
    backend.onDrag((what) => {
      if (what === "enter") document.body.dataset.dropping = "true";
      else delete document.body.dataset.dropping;
    });
    this.render();
    // A file named on the command line (or opened from a file manager) sent no event:
    // ask once for its notes, or for its problems when it did not open and the
    // built-in dataset is on show instead.
    void this.host.backend
      .currentFile()
      .then((c) => {
        if (c && c.notices.problems.length && !this.failed) this.showNotes(c.name, c.notices);
      })
      .catch(() => {});
    void this.host.backend
      .refusedFile()
      .then((f) => {
        if (f && !this.failed) {
          this.atStart = true;
          this.onFailed(f);
        }
      })
      .catch(() => {});
  }

  /** Keys for the mapping dialog and the problems panel; true when taken. */
  key(e: KeyboardEvent): boolean {
    if (!$("mapping-dialog").hidden) {
      if (e.key === "Escape") {
        $("mapping-dialog").hidden = true;
        e.preventDefault();
      }
      // The dialog owns the keyboard while it is open.
      return true;
    }
    if (e.key === "Escape" && !$("problems").hidden) {
      this.hideProblems();
      e.preventDefault();
      return true;
    }
    return false;
  }

  /** The title of the dataset on show, named when a file fails and it stays. */
  setCurrentTitle(title: string) {
    this.currentTitle = title;
  }

  render() {
    const lang = this.host.lang();
    $("file-open").textContent = t(text.file, lang);
    $("file-open").title = t(text.fileTip, lang);
    $("drop-title").textContent = t(text.dropHere, lang);
    $("drop-formats").textContent = t(text.dropFormats, lang);
    $("problems-close").title = t(text.close, lang);
    $("problems-close").setAttribute("aria-label", t(text.close, lang));
    if (this.failed && !$("problems").hidden) this.showProblems(this.failed);
    else if (this.notes && !$("problems").hidden) this.showNotes(this.notes.name, this.notes.report);
    if (this.menuOpen) void this.fillMenu();
  }

  async openDialog() {
    this.closeMenu();
    try {
      await this.host.backend.openFile(this.host.lang());
    } catch (e) {
      this.status(toBackendError(e).message, true);
    }
  }

  private toggleMenu() {
    if (this.menuOpen) this.closeMenu();
    else void this.fillMenu(true);
  }

  private closeMenu() {
    this.menuOpen = false;
    $("file-menu").hidden = true;
    $("file-open").setAttribute("aria-expanded", "false");
  }

  private async fillMenu(focus = false) {
    const lang = this.host.lang();
    const menu = $("file-menu");
    const [recent, current] = await Promise.all([
      this.host.backend.recentFiles().catch(() => [] as RecentEntry[]),
      this.host.backend.currentFile().catch(() => null),
    ]);
    menu.replaceChildren();
    const item = (label: string, action: () => void, opts: { key?: string; id?: string; detail?: string; disabled?: boolean } = {}) => {
      const b = h("button", "menu-item");
      b.type = "button";
      b.setAttribute("role", "menuitem");
      if (opts.id) b.id = opts.id;
      b.append(h("span", "menu-label", label));
      if (opts.detail) b.append(h("span", "menu-detail", opts.detail));
      if (opts.key) b.append(h("kbd", "", opts.key));
      b.disabled = !!opts.disabled;
      b.addEventListener("click", () => {
        this.closeMenu();
        action();
      });
      menu.append(b);
      return b;
    };
    item(t(text.open, lang), () => void this.openDialog(), { key: "Ctrl+O", id: "menu-open" });
    menu.append(h("div", "menu-heading", t(text.recent, lang)));
    if (!recent.length) menu.append(h("div", "menu-empty", t(text.noRecent, lang)));
    recent.forEach((r, i) =>
      item(r.name, () => void this.openRecent(i), {
        detail: r.exists ? r.folder : `${r.folder} — ${t(text.missing, lang)}`,
        disabled: !r.exists,
        id: `menu-recent-${i}`,
      }),
    );
    menu.append(h("hr"));
    item(t(text.reload, lang), () => void this.reload(), { key: "Ctrl+R", disabled: !current, id: "menu-reload" });
    item(t(text.builtin, lang), () => void this.host.backend.openBuiltin().catch((e) => this.status(toBackendError(e).message, true)), {
      disabled: !current,
      id: "menu-builtin",
    });
    this.menuOpen = true;
    menu.hidden = false;
    $("file-open").setAttribute("aria-expanded", "true");
    if (focus) menu.querySelector<HTMLButtonElement>("button:not(:disabled)")?.focus();
  }

  private menuKey(e: KeyboardEvent) {
    const items = [...$("file-menu").querySelectorAll<HTMLButtonElement>("button:not(:disabled)")];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      e.stopPropagation();
      const next = items[(i + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length];
      next?.focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      this.closeMenu();
      $("file-open").focus();
    }
  }

  async openRecent(index: number) {
    try {
      await this.host.backend.openRecent(index);
    } catch (e) {
      this.status(toBackendError(e).message, true);
    }
  }

  async reload() {
    try {
      await this.host.backend.reloadFile();
    } catch (e) {
      this.status(toBackendError(e).message, true);
    }
  }

  /** A load started: show progress only if it takes more than 300 ms, so a quick
   * open does not flash. */
  private loading(name: string) {
    window.clearTimeout(this.loadingTimer);
    this.loadingTimer = window.setTimeout(() => {
      $("loading-text").textContent = `${t(text.opening, this.host.lang())}${name}`;
      $("loading").hidden = false;
      document.body.dataset.loading = "true";
    }, 300);
  }

  private doneLoading() {
    window.clearTimeout(this.loadingTimer);
    $("loading").hidden = true;
    delete document.body.dataset.loading;
  }

  private async onOpened(o: Opened) {
    this.failed = null;
    this.atStart = false;
    this.hideProblems();
    $("mapping-dialog").hidden = true;
    // The progress stays up until the new dataset is drawn: for a large file the
    // drawing takes as long as the reading.
    try {
      await this.host.opened(o);
    } finally {
      this.doneLoading();
    }
    const lang = this.host.lang();
    this.status(`${t(o.why === "reload" ? text.reloaded : text.openedFile, lang)}${o.name}`);
    if (o.notices?.problems.length) this.showNotes(o.name, o.notices);
  }

  private onFailed(f: Failed) {
    this.doneLoading();
    this.notes = null;
    delete document.body.dataset.notes;
    this.failed = f;
    this.showProblems(f);
    document.body.dataset.problems = String(f.report.problems.length);
  }

  hideProblems() {
    const docked = !!this.notes && !$("problems").hidden;
    $("problems").hidden = true;
    delete document.body.dataset.problems;
    delete document.body.dataset.notes;
    delete $("problems").dataset.kind;
    $("problems").setAttribute("role", "alertdialog");
    this.notes = null;
    this.notesOpen = false;
    if (docked) this.dock();
  }

  /** Gives the diagram canvas the room the notes bar leaves it (`--dock`, its height
   * while it is shown) and fits the diagram to it. */
  private dock() {
    const panel = $("problems");
    const height = !panel.hidden && panel.dataset.kind === "notes" ? panel.offsetHeight : 0;
    const canvas = $("canvas");
    if (canvas.style.getPropertyValue("--dock") === `${height}px`) return;
    this.host.resizing(() => canvas.style.setProperty("--dock", `${height}px`));
  }

  /** The file opened, but some of it could not be used as written (a photo not found,
   * web addresses not fetched): the same panel as problems, titled as notes, with
   * nothing to fix before going on. */
  showNotes(name: string, report: Report) {
    const lang = this.host.lang();
    if (this.notes?.name !== name || this.notes.report !== report) this.notesOpen = false;
    this.notes = { name, report };
    const panel = $("problems");
    const body = $("problems-body");
    body.replaceChildren();
    const n = report.problems.length;
    // One line under the diagram, never over it: what opened and how many notes, the
    // notes themselves behind a disclosure.
    const head = h("h2", "problems-title", `${name}${t(text.openedWithNotes, lang)}`);
    head.id = "problems-title";
    const toggle = h("button", "notes-toggle", t(this.notesOpen ? text.notesHide : text.notesShow, lang));
    toggle.type = "button";
    toggle.id = "notes-toggle";
    toggle.setAttribute("aria-expanded", String(this.notesOpen));
    toggle.setAttribute("aria-controls", "notes-list");
    toggle.addEventListener("click", () => {
      this.notesOpen = !this.notesOpen;
      this.showNotes(name, report);
    });
    const line = h("div", "notes-line");
    line.append(head, h("p", "problems-count", `${n}${t(n === 1 ? text.noteOne : text.noteCount, lang)}`), toggle);
    const list = h("div", "notes-list");
    list.id = "notes-list";
    list.hidden = !this.notesOpen;
    this.appendList(list, report, lang);
    body.append(line, list);
    panel.dataset.kind = "notes";
    panel.setAttribute("role", "region");
    document.body.dataset.notes = String(n);
    panel.hidden = false;
    panel.scrollTop = 0;
    this.dock();
  }

  private appendList(body: HTMLElement, report: Report, lang: Lang) {
    for (const file of groupProblems(report)) {
      const section = h("section", "problems-file");
      section.append(h("h3", "", file.file.split(/[\\/]/).pop() ?? file.file));
      for (const group of file.groups) {
        const list = h("ul", "problems-list");
        list.dataset.code = group.code;
        for (const p of group.problems) {
          const li = h("li", "problem");
          li.dataset.code = p.code;
          const severity = p.severity ?? "error";
          li.dataset.severity = severity;
          const code = severity === "error" ? p.code : `${t(text[severity], lang)} · ${p.code}`;
          li.append(h("span", "problem-code", code), h("span", "problem-where", shown(where(p, report.file, lang))));
          li.append(h("p", "problem-message", shown(p.message[lang])));
          li.append(h("p", "problem-hint", `${t(text.hint, lang)}${shown(p.hint[lang])}`));
          list.append(li);
        }
        section.append(list);
      }
      body.append(section);
    }
  }

  showProblems(f: Failed) {
    const lang = this.host.lang();
    const panel = $("problems");
    const body = $("problems-body");
    body.replaceChildren();
    const n = f.report.problems.length;
    const head = h("h2", "problems-title", `${f.name}${t(f.why === "reload" ? text.reloadFailed : text.notOpened, lang)}`);
    head.id = "problems-title";
    const count = h("p", "problems-count", `${n}${t(n === 1 ? text.problemOne : text.problemCount, lang)}`);
    body.append(head, count);
    if (this.currentTitle) body.append(h("p", "problems-kept", `${t(this.atStart ? text.instead : text.kept, lang)}${this.currentTitle}`));
    const actions = h("div", "problems-actions");
    if (f.mapping) {
      const map = h("button", "primary", t(text.mapColumns, lang));
      map.type = "button";
      map.id = "problems-map";
      map.addEventListener("click", () => this.showMapping(f.mapping!));
      actions.append(map);
    }
    if (f.why === "reload") {
      const again = h("button", "", t(text.tryAgain, lang));
      again.type = "button";
      again.addEventListener("click", () => void this.reload());
      actions.append(again);
    }
    if (actions.childElementCount) body.append(actions);
    this.appendList(body, f.report, lang);
    delete panel.dataset.kind;
    panel.setAttribute("role", "alertdialog");
    panel.hidden = false;
    panel.scrollTop = 0;
    this.dock();
  }

  /** The column-mapping step: one select per field, the columns of the file as
   * choices, orgpath's guesses filled in. */
  showMapping(header: CsvHeader) {
    const lang = this.host.lang();
    const dialog = $("mapping-dialog");
    const form = $<HTMLFormElement>("mapping-form");
    form.replaceChildren();
    const title = h("h2", "", t(text.mapTitle, lang));
    title.id = "mapping-title";
    form.append(title, h("p", "mapping-intro", t(text.mapIntro, lang)));
    form.append(h("p", "mapping-file", header.file.split(/[\\/]/).pop() ?? header.file));
    const grid = h("div", "form-grid");
    const selects: { field: string; label: string; required: boolean; select: HTMLSelectElement }[] = [];
    for (const f of header.fields) {
      const label = h("label", "", f.label[lang] + (f.required ? ` (${t(text.required, lang)})` : ""));
      const select = h("select");
      select.id = `map-${f.field}`;
      label.htmlFor = select.id;
      select.append(new Option(t(text.none, lang), ""));
      for (const c of header.columns) select.append(new Option(c, c));
      select.value = f.column ?? "";
      grid.append(label, select);
      selects.push({ field: f.field, label: f.label[lang], required: f.required, select });
    }
    const encLabel = h("label", "", t(text.encoding, lang));
    const enc = h("select");
    enc.id = "map-encoding";
    encLabel.htmlFor = enc.id;
    for (const [v, l] of [["auto", t(text.auto, lang)], ["utf8", "UTF-8"], ["utf16", "UTF-16"], ["shift_jis", "Shift_JIS (CP932)"]]) enc.append(new Option(l, v));
    grid.append(encLabel, enc);
    form.append(grid);
    const status = h("p", "status");
    status.setAttribute("role", "status");
    form.append(status);
    const actions = h("div", "actions");
    const cancel = h("button", "", t(ui.cancel, lang));
    cancel.type = "button";
    cancel.addEventListener("click", () => (dialog.hidden = true));
    const ok = h("button", "primary", t(text.openMapped, lang));
    ok.type = "submit";
    ok.id = "mapping-open";
    actions.append(cancel, ok);
    form.append(actions);
    form.onsubmit = async (e) => {
      e.preventDefault();
      const missing = selects.filter((s) => s.required && !s.select.value);
      // First and last name together stand for the name.
      const hasParts = selects.some((s) => s.field === "first_name" && s.select.value) && selects.some((s) => s.field === "last_name" && s.select.value);
      const stillMissing = missing.filter((s) => !(s.field === "name" && hasParts));
      if (stillMissing.length) {
        status.className = "status error";
        status.textContent = t(text.needRequired, lang) + stillMissing.map((s) => s.label).join(lang === "ja" ? "、" : ", ");
        return;
      }
      const map: [string, string][] = selects.filter((s) => s.select.value).map((s) => [s.field, s.select.value]);
      dialog.hidden = true;
      try {
        await this.host.backend.openMapped(map, enc.value === "auto" ? null : enc.value);
      } catch (err) {
        this.status(toBackendError(err).message, true);
      }
    };
    dialog.hidden = false;
    selects[0]?.select.focus();
  }

  /** A short line in the top bar that fades: "Reloaded people.csv". */
  status(message: string, error = false) {
    const s = $("file-status");
    setPhrased(s, message);
    s.classList.toggle("error", error);
    s.hidden = false;
    window.clearTimeout(this.statusTimer);
    this.statusTimer = window.setTimeout(() => (s.hidden = true), error ? 8000 : 3000);
  }
}
