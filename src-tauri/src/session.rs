//! The dataset on show and where it came from; opening another one (the open dialog, a
//! recent file, a file dropped on the window) and reloading it when it changes on disk.
//!
//! Every way in goes through [`open`], so each reports the same way: a successful open
//! swaps the dataset and tells the window (`orgpath://dataset`); a failed one leaves
//! the dataset on show as it was and sends the problems (`orgpath://problems`), the
//! same [`Report`] `orgpath validate` prints. orgpath only ever reads the files it
//! opens.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use orgpath_explore::load::{CsvHeader, LoadOptions};
use orgpath_explore::search::SearchIndex;
use orgpath_explore::{Dataset, Report};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager};

use crate::settings::{self, Recent, Settings};

use crate::events::{DATASET_EVENT, LOADING_EVENT, PROBLEMS_EVENT};

/// A file the user picked, and how to read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub path: PathBuf,
    pub options: LoadOptions,
}

/// What is on show.
pub struct Session {
    pub dataset: Arc<Dataset>,
    /// The dataset's search index, built on a worker as soon as the dataset is on
    /// show (see [`Session::show`]), so the first search of a large file does not pay
    /// for it.
    pub search: Arc<OnceLock<SearchIndex>>,
    /// `None` for the built-in dataset.
    pub source: Option<Source>,
    /// Counts opens and reloads, so the window can tell a new dataset from the last.
    pub generation: u64,
}

impl Session {
    fn new(dataset: Dataset, source: Option<Source>) -> Session {
        let dataset = Arc::new(dataset);
        Session {
            search: index_later(&dataset),
            dataset,
            source,
            generation: 0,
        }
    }

    /// Puts `dataset` on show, with a new search index.
    fn show(&mut self, dataset: Dataset, source: Option<Source>) {
        self.dataset = Arc::new(dataset);
        self.search = index_later(&self.dataset);
        self.source = source;
    }
}

/// The search index of `dataset`, started on a thread of its own: a search that comes
/// before it is done waits for it instead of building another.
fn index_later(dataset: &Arc<Dataset>) -> Arc<OnceLock<SearchIndex>> {
    let search: Arc<OnceLock<SearchIndex>> = Arc::default();
    let (d, s) = (dataset.clone(), search.clone());
    let started = std::thread::Builder::new()
        .name("search-index".into())
        .spawn(move || {
            s.get_or_init(|| SearchIndex::new(&d));
        });
    if let Err(e) = started {
        // The first search builds it instead.
        eprintln!("orgpath: could not start indexing for search: {e}");
    }
    search
}

/// Everything the commands share.
pub struct AppState {
    session: RwLock<Session>,
    /// The last file the user picked that did not open: the column-mapping step
    /// reopens it with a map, without the window ever naming a path.
    pending: Mutex<Option<Source>>,
    /// The file named on the command line (or by the desktop, double-clicked) when it
    /// did not open: the window starts on the built-in dataset and shows these
    /// problems, which it asks for once it is up (an event sent before would be lost).
    refused: Mutex<Option<Failed>>,
    /// Swapping in what a load made, one at a time. Held only for the swap, never while
    /// a file is read: a read that hangs (a network drive) or takes long (a large file)
    /// must not keep another open, or the window's commands, waiting.
    opening: Mutex<Applied>,
    /// Tickets for opens, in the order the user asked for them (see [`Applied`]).
    requested: AtomicU64,
    watcher: Mutex<Option<FileWatcher>>,
    settings: Mutex<Settings>,
    settings_file: Option<PathBuf>,
}

impl AppState {
    pub fn new(dataset: Dataset, source: Option<Source>, settings_file: Option<PathBuf>) -> Self {
        let settings = settings_file
            .as_deref()
            .map(settings::load)
            .unwrap_or_default();
        AppState {
            session: RwLock::new(Session::new(dataset, source)),
            pending: Mutex::new(None),
            refused: Mutex::new(None),
            opening: Mutex::new(Applied::default()),
            requested: AtomicU64::new(0),
            watcher: Mutex::new(None),
            settings: Mutex::new(settings),
            settings_file,
        }
    }

    /// The dataset on show. An `Arc`, so a command can read it while a reload swaps in
    /// the next one.
    pub fn dataset(&self) -> Arc<Dataset> {
        self.session
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .dataset
            .clone()
    }

    /// The dataset on show and its search index, from the same moment.
    pub fn searchable(&self) -> (Arc<Dataset>, Arc<OnceLock<SearchIndex>>) {
        let s = self.session.read().unwrap_or_else(|e| e.into_inner());
        (s.dataset.clone(), s.search.clone())
    }

    pub fn source(&self) -> Option<Source> {
        self.session
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .source
            .clone()
    }

    pub fn generation(&self) -> u64 {
        self.session
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .generation
    }

    pub fn settings(&self) -> Settings {
        self.settings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Changes the settings and writes them (atomically). A failed write is reported
    /// on stderr: losing the recent list is not worth stopping the user for.
    pub fn update_settings(&self, change: impl FnOnce(&mut Settings)) {
        let mut s = self.settings.lock().unwrap_or_else(|e| e.into_inner());
        change(&mut s);
        if let Some(file) = &self.settings_file {
            if let Err(e) = settings::save(file, &s) {
                eprintln!(
                    "orgpath: could not save the settings to {}: {e}",
                    file.display()
                );
            }
        }
    }

    /// Remembers where the window is, to be written when it closes (not on every
    /// move: a drag sends dozens).
    pub fn note_geometry(&self, g: crate::settings::Geometry) {
        self.settings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .window = Some(g);
    }

    pub fn pending(&self) -> Option<Source> {
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Keeps the problems of the file the app was started with, which did not open: the
    /// window shows them (with the column-mapping step when it applies) over the
    /// built-in dataset.
    pub fn refuse_at_start(&self, source: Source, report: Report) {
        let failed = Failed {
            why: Why::Open,
            name: file_name(&source.path),
            mapping: mapping_for(&source, &report),
            report,
        };
        *self.pending.lock().unwrap_or_else(|e| e.into_inner()) = Some(source);
        *self.refused.lock().unwrap_or_else(|e| e.into_inner()) = Some(failed);
    }

    /// The problems of the file the app was started with, while nothing else has been
    /// opened since.
    pub fn refused(&self) -> Option<Failed> {
        self.refused
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// The ticket of the last open put on show. Opens load side by side, and the one asked
/// for last wins: a slow file picked first does not replace a quick one picked after it
/// when it finally loads.
#[derive(Debug, Default)]
struct Applied(u64);

impl AppState {
    fn ticket(&self) -> u64 {
        self.requested.fetch_add(1, Ordering::SeqCst) + 1
    }
}

/// Why a file is being opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// The user opened it (dialog, recent list, drop, command line).
    Open,
    /// The file changed on disk.
    Reload,
}

/// Sent with [`DATASET_EVENT`].
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Opened {
    #[ts(type = "number")]
    pub generation: u64,
    pub why: Why,
    /// The file's name (no folder), for the window's status line.
    pub name: String,
    pub path: String,
    /// What the file opened with but the user should know (warnings and notices:
    /// photos not shown, web addresses not fetched); the window lists them.
    pub notices: Report,
}

/// Sent with [`PROBLEMS_EVENT`].
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Failed {
    pub why: Why,
    pub name: String,
    pub report: Report,
    /// For a CSV file whose header orgpath could not read: its columns and what each
    /// field would take, for the column-mapping step.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mapping: Option<CsvHeader>,
}

/// What an open came to; commands return it and the events carry the same.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    Opened(Opened),
    Failed(Failed),
    /// Another open asked for later finished first: this one's result is dropped, and
    /// nothing is sent to the window.
    Superseded {
        name: String,
    },
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Loads `source` as `orgpath validate` would: the same function, the same report.
pub fn load(source: &Source) -> Result<orgpath_explore::load::Loaded, Report> {
    orgpath_explore::load_path(&source.path, &source.options)
}

/// The column-mapping step applies to a CSV file whose report says its header lacks
/// a column orgpath needs.
fn mapping_for(source: &Source, report: &Report) -> Option<CsvHeader> {
    let header_problem = report
        .problems
        .iter()
        .any(|p| p.code == orgpath_explore::problem::Code::Header);
    if !header_problem {
        return None;
    }
    orgpath_explore::load::csv_header(&source.path, &source.options).ok()
}

/// Opens `source`: on success it becomes the dataset on show, is watched, and goes to
/// the top of the recent list; on failure the dataset on show stays. Either way the
/// window is told by event, and the outcome is returned.
pub fn open(app: &AppHandle, source: Source, why: Why) -> Outcome {
    let state = app.state::<AppState>();
    let ticket = state.ticket();
    let name = file_name(&source.path);
    if why == Why::Open {
        let _ = app.emit_to("main", LOADING_EVENT, &name);
    }
    // Read with no lock held; only the swap below is one at a time.
    let result = load(&source);
    // The mapping step reads the file's header again: before the lock, too.
    let mapping = result.as_ref().err().and_then(|r| mapping_for(&source, r));
    let mut applied = state.opening.lock().unwrap_or_else(|e| e.into_inner());
    if applied.0 > ticket {
        return Outcome::Superseded { name };
    }
    applied.0 = ticket;
    let outcome = finish(app, &state, source, why, result, mapping);
    drop(applied);
    emit(app, &outcome);
    outcome
}

fn finish(
    app: &AppHandle,
    state: &AppState,
    source: Source,
    why: Why,
    result: Result<orgpath_explore::load::Loaded, Report>,
    mapping: Option<CsvHeader>,
) -> Outcome {
    let name = file_name(&source.path);
    // Whatever this open comes to, the window shows it rather than what the app
    // started with.
    *state.refused.lock().unwrap_or_else(|e| e.into_inner()) = None;
    match result {
        Ok(loaded) => {
            let generation = {
                let mut s = state.session.write().unwrap_or_else(|e| e.into_inner());
                s.show(loaded.dataset, Some(source.clone()));
                s.generation += 1;
                s.generation
            };
            *state.pending.lock().unwrap_or_else(|e| e.into_inner()) = None;
            watch(app, state, &loaded.files);
            if why == Why::Open {
                let recent = Recent {
                    path: source.path.clone(),
                    options: source.options.clone(),
                };
                state.update_settings(|s| s.remember(recent));
            }
            let dataset = state.dataset();
            set_title(app, &dataset);
            Outcome::Opened(Opened {
                generation,
                why,
                name,
                path: source.path.display().to_string(),
                notices: notices(&source.path, &dataset),
            })
        }
        Err(report) => {
            // Kept for the mapping step, whether the file was just picked or changed
            // on disk (its columns renamed) since it opened.
            *state.pending.lock().unwrap_or_else(|e| e.into_inner()) = Some(source);
            Outcome::Failed(Failed {
                why,
                name,
                report,
                mapping,
            })
        }
    }
}

/// The warnings and notices of the dataset on show, as a report on its file (the same
/// lines `orgpath validate` prints after "ok").
pub fn notices(path: &Path, dataset: &Dataset) -> Report {
    Report {
        file: path.display().to_string(),
        problems: dataset.notices().to_vec(),
    }
}

/// The window title names the dataset in both languages: the in-page switch cannot
/// retitle the window without a wider capability, and it must read right in either.
pub fn set_title(app: &AppHandle, dataset: &Dataset) {
    if let Some(w) = app.get_webview_window("main") {
        let meta = dataset.meta();
        let _ = w.set_title(&format!("orgpath — {} · {}", meta.title.ja, meta.title.en));
    }
}

/// Watches the folders of the files on show, and hands on their changes debounced.
type FileWatcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// How long a change is held before it is handed on: editors save in several writes
/// (truncate, write, rename), and one reload at the end is what the user wants.
const SETTLE: Duration = Duration::from_millis(80);
/// How long a file that fails to load right after a change is retried before its
/// problems are shown: the other program may still be writing it.
const RETRY_FOR: Duration = Duration::from_millis(1200);
const RETRY_EVERY: Duration = Duration::from_millis(150);

/// Watches the files the dataset was read from, and reloads when they change.
fn watch(app: &AppHandle, state: &AppState, files: &[PathBuf]) {
    let files: Vec<PathBuf> = files
        .iter()
        .map(|f| std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()))
        .collect();
    let (tx, rx) = channel::<DebounceEventResult>();
    let watcher = match watch_folders(&files, tx) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("orgpath: cannot watch the file for changes: {e}");
            return;
        }
    };
    // Replacing the watcher drops the old one, which closes the old thread's channel.
    *state.watcher.lock().unwrap_or_else(|e| e.into_inner()) = Some(watcher);
    let app = app.clone();
    std::thread::Builder::new()
        .name("orgpath-watch".into())
        .spawn(move || reload_loop(app, files, rx))
        .ok();
}

/// A watcher on the folders of `files`, sending their changes to `tx` in debounced
/// batches. The folders, not the files: an editor that saves by writing a new file and
/// renaming it over the old one would leave a watch on the file itself pointing at
/// nothing.
fn watch_folders(
    files: &[PathBuf],
    tx: std::sync::mpsc::Sender<DebounceEventResult>,
) -> notify::Result<FileWatcher> {
    let mut watcher = new_debouncer(SETTLE, None, tx)?;
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect();
    folders.sort();
    folders.dedup();
    for folder in &folders {
        if let Err(e) = watcher.watch(folder, RecursiveMode::NonRecursive) {
            eprintln!(
                "orgpath: cannot watch {} for changes: {e}",
                folder.display()
            );
        }
    }
    Ok(watcher)
}

fn touches(event: &notify::Event, files: &[PathBuf]) -> bool {
    use notify::EventKind;
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    event.paths.iter().any(|p| files.iter().any(|f| f == p))
}

/// Reloads on each debounced change to one of `files`, until a reload starts a new
/// watcher (and thread) or this one is dropped.
fn reload_loop(app: AppHandle, files: Vec<PathBuf>, rx: Receiver<DebounceEventResult>) {
    while let Ok(changes) = rx.recv() {
        let ours = changes.is_ok_and(|events| events.iter().any(|e| touches(e, &files)));
        if ours && !reload(&app, &rx) {
            return;
        }
    }
}

/// Loads the file on show again and shows it, or its problems with the last good
/// version kept. A load that fails is tried again every [`RETRY_EVERY`] (or on the
/// next change) for [`RETRY_FOR`] first: the writer may not be done. Returns whether
/// this watcher goes on: after a failure, to see the fix; not after a success (a new
/// watcher took over), nor when another file was opened meanwhile.
fn reload(app: &AppHandle, rx: &Receiver<DebounceEventResult>) -> bool {
    let state = app.state::<AppState>();
    let Some(source) = state.source() else {
        return false;
    };
    let first = Instant::now();
    loop {
        let ticket = state.ticket();
        let result = load(&source);
        if result.is_err() && first.elapsed() < RETRY_FOR {
            if let Err(RecvTimeoutError::Disconnected) = rx.recv_timeout(RETRY_EVERY) {
                return false;
            }
            continue;
        }
        let mapping = result.as_ref().err().and_then(|r| mapping_for(&source, r));
        let mut applied = state.opening.lock().unwrap_or_else(|e| e.into_inner());
        // A different file may have been opened meanwhile, or asked for; this
        // watcher is stale.
        if applied.0 > ticket || state.source().as_ref() != Some(&source) {
            return false;
        }
        applied.0 = ticket;
        let outcome = finish(app, &state, source, Why::Reload, result, mapping);
        drop(applied);
        emit(app, &outcome);
        return matches!(outcome, Outcome::Failed(_));
    }
}

/// Starts watching the files the app was started with (`orgpath FILE`).
pub fn watch_startup(app: &AppHandle, files: &[PathBuf]) {
    let state = app.state::<AppState>();
    if state.source().is_some() {
        watch(app, &state, files);
    }
}

/// Back to the built-in dataset: nothing is watched any more.
pub fn open_builtin(app: &AppHandle) -> Outcome {
    let state = app.state::<AppState>();
    let ticket = state.ticket();
    let mut applied = state.opening.lock().unwrap_or_else(|e| e.into_inner());
    applied.0 = applied.0.max(ticket);
    *state.refused.lock().unwrap_or_else(|e| e.into_inner()) = None;
    let outcome = match orgpath_explore::builtin() {
        Ok(dataset) => {
            *state.watcher.lock().unwrap_or_else(|e| e.into_inner()) = None;
            let generation = {
                let mut s = state.session.write().unwrap_or_else(|e| e.into_inner());
                s.show(dataset, None);
                s.generation += 1;
                s.generation
            };
            set_title(app, &state.dataset());
            Outcome::Opened(Opened {
                generation,
                why: Why::Open,
                name: orgpath_explore::BUILTIN_NAME.to_owned(),
                path: String::new(),
                notices: Report {
                    file: orgpath_explore::BUILTIN_NAME.to_owned(),
                    problems: Vec::new(),
                },
            })
        }
        // The built-in dataset is checked by the tests; this cannot happen in a
        // release, but it is reported like any other file if it does.
        Err(report) => Outcome::Failed(Failed {
            why: Why::Open,
            name: orgpath_explore::BUILTIN_NAME.to_owned(),
            report,
            mapping: None,
        }),
    };
    emit(app, &outcome);
    outcome
}

/// Files dropped on the window: the first is opened. When two are dropped and one of
/// them is a relations CSV (its header names the columns the relations loader reads:
/// `source`/`target`, `from`/`to`, `起点`/`相手`…), the other is the nodes file and this
/// one goes with it.
pub fn open_dropped(app: &AppHandle, paths: &[PathBuf]) -> Option<Outcome> {
    use orgpath_explore::looks_like_relations;
    let (nodes, relations) = match paths {
        [] => return None,
        [one] => (one.clone(), None),
        [a, b, ..] => {
            if looks_like_relations(b) && !looks_like_relations(a) {
                (a.clone(), Some(b.clone()))
            } else if looks_like_relations(a) && !looks_like_relations(b) {
                (b.clone(), Some(a.clone()))
            } else {
                (a.clone(), None)
            }
        }
    };
    let options = LoadOptions {
        relations,
        ..LoadOptions::default()
    };
    Some(open(
        app,
        Source {
            path: nodes,
            options,
        },
        Why::Open,
    ))
}

fn emit(app: &AppHandle, outcome: &Outcome) {
    let _ = match outcome {
        Outcome::Opened(o) => app.emit_to("main", DATASET_EVENT, o),
        Outcome::Failed(f) => app.emit_to("main", PROBLEMS_EVENT, f),
        Outcome::Superseded { .. } => Ok(()),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_relations_file_is_told_by_its_header() {
        use orgpath_explore::looks_like_relations;
        let dir = std::env::temp_dir().join(format!("orgpath-drop-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, text: &[u8]| {
            let p = dir.join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        assert!(looks_like_relations(&write(
            "links.csv",
            b"source,target,kind\na,b,works_with\n"
        )));
        assert!(looks_like_relations(&write(
            "bom.csv",
            "\u{feff}\"Source\",\"Target\"\n".as_bytes()
        )));
        assert!(looks_like_relations(&write(
            "tabs.tsv",
            b"target\tsource\tlabel\n"
        )));
        assert!(looks_like_relations(&write(
            "from-to.csv",
            b"from,to,kind\na,b,works_with\n"
        )));
        assert!(looks_like_relations(&write(
            "起点.csv",
            "起点,相手\n営業,開発\n".as_bytes()
        )));
        assert!(!looks_like_relations(&write(
            "people.csv",
            b"id,parent,name\na,,A\n"
        )));
        assert!(!looks_like_relations(&dir.join("missing.csv")));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The changes an editor makes saving in place, or by renaming a new file over the
    /// old one, each reach the watcher as a batch that touches the file.
    #[test]
    fn saves_in_place_and_by_rename_are_seen() {
        let dir = std::env::temp_dir().join(format!("orgpath-watch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let dir = std::fs::canonicalize(&dir).unwrap();
        let file = dir.join("people.csv");
        std::fs::write(&file, "id,parent\na,\n").unwrap();
        let files = vec![file.clone()];
        let (tx, rx) = channel();
        let _watcher = watch_folders(&files, tx).unwrap();
        let seen = |what: &str| loop {
            let changes = rx
                .recv_timeout(Duration::from_secs(5))
                .unwrap_or_else(|e| panic!("{what}: no change seen ({e})"));
            if changes.is_ok_and(|events| events.iter().any(|e| touches(e, &files))) {
                return;
            }
        };
        std::fs::write(&file, "id,parent\na,\nb,a\n").unwrap();
        seen("a save in place");
        // What is left of the first save, so the rename is seen on its own.
        std::thread::sleep(SETTLE * 3);
        while rx.try_recv().is_ok() {}
        let new = dir.join(".people.csv.swp");
        std::fs::write(&new, "id,parent\na,\nb,a\nc,a\n").unwrap();
        std::fs::rename(&new, &file).unwrap();
        seen("a rename over the file");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_changes_to_our_files_count() {
        use notify::event::{AccessKind, CreateKind, ModifyKind};
        use notify::{Event, EventKind};
        let files = vec![PathBuf::from("/d/people.csv")];
        let ev = |kind, p: &str| Event {
            kind,
            paths: vec![PathBuf::from(p)],
            attrs: Default::default(),
        };
        assert!(touches(
            &ev(EventKind::Modify(ModifyKind::Any), "/d/people.csv"),
            &files
        ));
        assert!(touches(
            &ev(EventKind::Create(CreateKind::File), "/d/people.csv"),
            &files
        ));
        assert!(!touches(
            &ev(EventKind::Modify(ModifyKind::Any), "/d/other.csv"),
            &files
        ));
        assert!(!touches(
            &ev(EventKind::Access(AccessKind::Any), "/d/people.csv"),
            &files
        ));
    }
}
