//! Tauri commands: each fetches state, calls the core, and maps the error.
//!
//! None runs on the main thread: Tauri runs a plain command there, where even a short
//! stall stops the window drawing and taking input. Commands that lay out, search,
//! walk the dataset, render or write run their work in the blocking pool ([`work`]),
//! so a long export or a large layout never holds one of the async runtime's few
//! workers, which every other command needs to answer. The rest are `async`, and
//! quick. Dialogs go through the dialog plugin's callbacks ([`pick`]): the plugin
//! shows them on the main thread and the command awaits the answer.

use std::path::PathBuf;

use orgpath_explore::explore::{
    self, CareerRoutes, EdgeDetails, NodeEntry, PathPair, PathsResult, Place, TrackColumn,
};
use orgpath_explore::export::{Exported, Format, TourExportOptions, TourFormat};
use orgpath_explore::search::{SearchHit, SearchIndex};
use orgpath_explore::tour::TourSummary;
use orgpath_explore::view_model::{
    self, DatasetMeta, Details, ExportRequest, ExportSaved, TourExportRequest, ViewPayload,
    ViewRequest,
};
use orgpath_explore::{Dataset, Lang};
use tauri::{AppHandle, State};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder, FilePath};

use crate::error::{Error, Result};
use crate::session::{self, AppState, Outcome, Source, Why};

/// Replaces the save dialog (and the folder picker) for automation.
const SAVE_PATH: &str = "ORGPATH_SAVE_PATH";
/// Replaces the open dialog for automation.
const OPEN_PATH: &str = "ORGPATH_OPEN_PATH";

/// Runs `job` in the blocking pool and waits for it without holding an async worker.
async fn work<T: Send + 'static>(job: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tauri::async_runtime::spawn_blocking(job)
        .await
        .map_err(|e| Error::BadRequest(format!("the work stopped: {e}")))?
}

/// Runs `job` on the dataset on show (shared: a reload may swap in the next one
/// meanwhile) in the blocking pool.
async fn with_dataset<T: Send + 'static>(
    state: &AppState,
    job: impl FnOnce(&Dataset) -> Result<T> + Send + 'static,
) -> Result<T> {
    let dataset = state.dataset();
    work(move || job(&dataset)).await
}

/// [`with_dataset`] for the core's questions that tell a bad request by its message.
async fn answer<T: Send + 'static>(
    state: &AppState,
    job: impl FnOnce(&Dataset) -> std::result::Result<T, String> + Send + 'static,
) -> Result<T> {
    with_dataset(state, move |d| job(d).map_err(Error::BadRequest)).await
}

/// Which dialog [`pick`] shows.
enum Dialog {
    Save,
    Folder,
    Open,
}

/// Shows a file dialog through the plugin's non-blocking API and waits for the pick;
/// `None` when cancelled. With the automation variable `var` set, no dialog opens and
/// its path is the pick.
async fn pick(
    var: &str,
    kind: Dialog,
    dialog: impl FnOnce() -> FileDialogBuilder<tauri::Wry>,
) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(var) {
        return Some(PathBuf::from(p));
    }
    let (tx, mut rx) = tauri::async_runtime::channel(1);
    let answer = move |p: Option<FilePath>| {
        let _ = tx.try_send(p);
    };
    match kind {
        Dialog::Save => dialog().save_file(answer),
        Dialog::Folder => dialog().pick_folder(answer),
        Dialog::Open => dialog().pick_file(answer),
    }
    rx.recv().await.flatten().and_then(|p| p.into_path().ok())
}

/// Title, description and source of the loaded dataset, and the views it has data for.
#[tauri::command(async)]
pub fn get_meta(state: State<'_, AppState>) -> Result<DatasetMeta> {
    Ok(view_model::meta(&state.dataset()))
}

/// One view drawn as SVG by the painter exports use.
#[tauri::command]
pub async fn get_view(state: State<'_, AppState>, request: ViewRequest) -> Result<ViewPayload> {
    answer(&state, move |d| view_model::view(d, &request)).await
}

/// The details panel's content for a node or flow step.
#[tauri::command]
pub async fn get_details(state: State<'_, AppState>, id: String) -> Result<Details> {
    with_dataset(&state, move |d| {
        view_model::details(d, &id).ok_or(Error::NotFound(id))
    })
    .await
}

/// Incremental search over every label, title and description, in both languages.
#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    query: String,
    lang: Lang,
) -> Result<Vec<SearchHit>> {
    let (dataset, index) = state.searchable();
    work(move || {
        let index = index.get_or_init(|| SearchIndex::new(&dataset));
        Ok(index.search(&dataset, &query, lang))
    })
    .await
}

/// Every node with its label, for pickers.
#[tauri::command]
pub async fn list_nodes(state: State<'_, AppState>) -> Result<Vec<NodeEntry>> {
    with_dataset(&state, |d| Ok(explore::node_list(d))).await
}

/// How two nodes connect through the hierarchy and the relations.
#[tauri::command]
pub async fn find_paths(
    state: State<'_, AppState>,
    from: String,
    to: String,
    max_len: usize,
    max_paths: usize,
) -> Result<PathsResult> {
    let paths = move |d: &Dataset| explore::paths(d, &from, &to, max_len, max_paths);
    answer(&state, paths).await
}

/// The two nodes the path panel proposes: `from` (the selected item) and the node
/// most related to it; `null` when nothing in the dataset is linked.
#[tauri::command]
pub async fn path_pair(
    state: State<'_, AppState>,
    from: Option<String>,
) -> Result<Option<PathPair>> {
    answer(&state, move |d: &Dataset| {
        explore::path_pair(d, from.as_deref())
    })
    .await
}

/// The career routes from one place to another.
#[tauri::command]
pub async fn career_routes(
    state: State<'_, AppState>,
    from: String,
    to: String,
    max_routes: usize,
) -> Result<CareerRoutes> {
    let routes = move |d: &Dataset| explore::career_routes(d, &from, &to, max_routes);
    answer(&state, routes).await
}

/// Every place on the career graph, in career order.
#[tauri::command]
pub async fn career_places(state: State<'_, AppState>) -> Result<Vec<Place>> {
    with_dataset(&state, |d| Ok(explore::career_places(d))).await
}

/// The career tracks side by side.
#[tauri::command]
pub async fn compare_tracks(state: State<'_, AppState>) -> Result<Vec<TrackColumn>> {
    with_dataset(&state, |d| Ok(explore::compare_tracks(d))).await
}

/// What links two cards; `null` when nothing does.
#[tauri::command]
pub async fn edge_details(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Result<Option<EdgeDetails>> {
    with_dataset(&state, move |d| {
        for id in [&from, &to] {
            if view_model::details(d, id).is_none() {
                return Err(Error::NotFound(id.clone()));
            }
        }
        Ok(explore::edge_details(d, &from, &to))
    })
    .await
}

/// The current view as plain text, for screen readers and copying.
#[tauri::command]
pub async fn outline(state: State<'_, AppState>, request: ViewRequest) -> Result<String> {
    answer(&state, move |d| view_model::outline(d, &request)).await
}

/// Most text `copy_text` takes: an outline is a few kilobytes.
const MAX_COPY_BYTES: usize = 1 << 20;

/// Copies text (the outline) to the clipboard.
#[tauri::command(async)]
pub fn copy_text(app: AppHandle, text: String) -> Result<()> {
    if text.len() > MAX_COPY_BYTES {
        return Err(Error::BadRequest(format!(
            "refusing to copy {} bytes (at most {MAX_COPY_BYTES})",
            text.len()
        )));
    }
    app.clipboard()
        .write_text(text)
        .map_err(|e| Error::Export(format!("the clipboard refused the text: {e}")))
}

/// An export, made by the same core function as `orgpath export`.
fn export_bytes(dataset: &Dataset, request: &ExportRequest) -> Result<(Format, Exported)> {
    let options = request.export_options().map_err(Error::BadRequest)?;
    let exported = orgpath_explore::export::export_file(dataset, &options)
        .map_err(|e| Error::Export(e.to_string()))?;
    Ok((options.format, exported))
}

/// Writes an export where the user picked, with the format's extension.
fn save_export(mut path: PathBuf, format: Format, exported: Exported) -> Result<ExportSaved> {
    if Format::of_path(&path) != Some(format) {
        path.set_extension(format.extension());
    }
    orgpath_explore::export::write_atomic(&path, &exported.bytes)
        .map_err(|e| Error::Export(e.to_string()))?;
    Ok(ExportSaved {
        path: path.display().to_string(),
        summary: exported.summary,
        note: exported.note.map(|n| n.text),
    })
}

/// Saves a view. The save dialog is opened here, in Rust, so the file written is
/// always one the user picked: the window never passes a path. `ORGPATH_SAVE_PATH`
/// replaces the dialog for automation (the end-to-end test uses it).
#[tauri::command]
pub async fn export_view(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ExportRequest,
) -> Result<Option<ExportSaved>> {
    let (name, ja) = (request.file_name(), request.view.lang == Lang::Ja);
    let (format, exported) = with_dataset(&state, move |d| export_bytes(d, &request)).await?;
    let ext = format.extension();
    let title = if ja {
        "図を書き出す"
    } else {
        "Export diagram"
    };
    let dialog = || {
        app.dialog()
            .file()
            .set_title(title)
            .set_file_name(name)
            .add_filter(ext.to_uppercase(), &[ext])
    };
    let Some(path) = pick(SAVE_PATH, Dialog::Save, dialog).await else {
        return Ok(None);
    };
    work(move || save_export(path, format, exported))
        .await
        .map(Some)
}

/// Copies a view to the clipboard as an image.
#[tauri::command]
pub async fn copy_png(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ExportRequest,
) -> Result<()> {
    let request = ExportRequest {
        format: Format::Png,
        ..request
    };
    with_dataset(&state, move |d| {
        let (_, exported) = export_bytes(d, &request)?;
        let image = tauri::image::Image::from_bytes(&exported.bytes)
            .map_err(|e| Error::Export(e.to_string()))?;
        app.clipboard()
            .write_image(&image)
            .map_err(|e| Error::Export(format!("the clipboard refused the image: {e}")))
    })
    .await
}

/// The guided tours of the loaded dataset, in file order.
#[tauri::command(async)]
pub fn list_tours(state: State<'_, AppState>) -> Result<Vec<TourSummary>> {
    Ok(orgpath_explore::tour::summaries(&state.dataset()))
}

/// Exports a tour: a PDF deck to a file picked in the save dialog, or one PNG per step
/// into a folder picked in the folder dialog. Both dialogs are opened here, so only
/// what the user picks is written. `ORGPATH_SAVE_PATH` replaces the dialog for
/// automation. Returns the files written; an empty list when cancelled.
#[tauri::command]
pub async fn export_tour(
    app: AppHandle,
    state: State<'_, AppState>,
    request: TourExportRequest,
) -> Result<Vec<String>> {
    let options = request.options().map_err(Error::BadRequest)?;
    let dataset = state.dataset();
    // An unknown tour is the caller's mistake, told before any dialog opens.
    orgpath_explore::tour::find(&dataset, &options.tour).map_err(Error::BadRequest)?;
    let (kind, dialog) = tour_dialog(&app, &request, options.format);
    let Some(path) = pick(SAVE_PATH, kind, dialog).await else {
        return Ok(Vec::new());
    };
    work(move || save_tour(&dataset, &options, path)).await
}

/// Draws a tour's slides and writes them where the user picked: a PDF deck (given the
/// extension if it lacks it) or a folder of PNGs. Returns the files written.
fn save_tour(
    dataset: &Dataset,
    options: &TourExportOptions,
    mut path: PathBuf,
) -> Result<Vec<String>> {
    if options.format == TourFormat::Pdf
        && !path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        path.set_extension("pdf");
    }
    let files = orgpath_explore::export::export_tour(dataset, options)
        .map_err(|e| Error::Export(e.to_string()))?;
    let written = orgpath_explore::export::write_tour(&files, &path, &options.tour)
        .map_err(|e| Error::Export(e.to_string()))?;
    Ok(written.iter().map(|p| p.display().to_string()).collect())
}

/// The dialog a tour export asks where with: the save dialog for a PDF deck, the
/// folder picker for PNGs.
fn tour_dialog<'a>(
    app: &'a AppHandle,
    request: &TourExportRequest,
    format: TourFormat,
) -> (Dialog, impl FnOnce() -> FileDialogBuilder<tauri::Wry> + 'a) {
    let ja = request.lang == Lang::Ja;
    let pdf = format == TourFormat::Pdf;
    let name = format!("orgpath-{}-{}.pdf", request.tour, request.lang.as_str());
    let title = match (pdf, ja) {
        (true, true) => "スライドを PDF に書き出す",
        (true, false) => "Export slides as PDF",
        (false, true) => "スライドの PNG を保存するフォルダー",
        (false, false) => "Folder for the slide PNGs",
    };
    let dialog = move || {
        let d = app.dialog().file().set_title(title);
        if pdf {
            d.set_file_name(name).add_filter("PDF", &["pdf"])
        } else {
            d
        }
    };
    (if pdf { Dialog::Save } else { Dialog::Folder }, dialog)
}

/// A file in the File menu's recent list, as the window shows it: the name and the
/// folder, never a path the window could send back (it sends the index).
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct RecentEntry {
    pub name: String,
    pub folder: String,
    /// Still there: a moved or deleted file is listed greyed out.
    pub exists: bool,
}

/// The file on show, if any (`null` for the built-in dataset).
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct CurrentFile {
    pub name: String,
    pub path: String,
    #[ts(type = "number")]
    pub generation: u64,
    /// Its warnings and notices, for a window that opened with the file already
    /// loaded (from the command line) and so saw no `orgpath://dataset` event.
    pub notices: orgpath_explore::Report,
}

fn folder_and_name(path: &std::path::Path) -> (String, String) {
    (
        path.parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
    )
}

/// Runs an open in the blocking pool: loading a large file takes a while.
async fn open_in_background(app: AppHandle, source: Source, why: Why) -> Result<Outcome> {
    tauri::async_runtime::spawn_blocking(move || session::open(&app, source, why))
        .await
        .map_err(|e| Error::BadRequest(format!("the file could not be opened: {e}")))
}

/// File > Open: the backend opens the dialog, so only a file the user picks is read.
/// `ORGPATH_OPEN_PATH` replaces the dialog for automation (the end-to-end tests).
/// `null` when cancelled; otherwise the outcome, also sent as an event.
#[tauri::command]
pub async fn open_file(app: AppHandle, lang: Lang) -> Result<Option<Outcome>> {
    let ja = lang == Lang::Ja;
    let (title, filter) = if ja {
        ("組織のファイルを開く", "組織データ (JSON, CSV, TSV)")
    } else {
        ("Open an organisation", "Organisation (JSON, CSV, TSV)")
    };
    let dialog = || {
        let kinds = ["json", "csv", "tsv", "tab", "txt"];
        app.dialog()
            .file()
            .set_title(title)
            .add_filter(filter, &kinds)
    };
    let Some(path) = pick(OPEN_PATH, Dialog::Open, dialog).await else {
        return Ok(None);
    };
    let source = Source {
        path,
        options: Default::default(),
    };
    open_in_background(app, source, Why::Open).await.map(Some)
}

/// The recent files, newest first. In the blocking pool: whether each is still there
/// asks the disk, and a network drive may be slow to answer.
#[tauri::command]
pub async fn recent_files(state: State<'_, AppState>) -> Result<Vec<RecentEntry>> {
    let recent = state.settings().recent;
    work(move || {
        Ok(recent
            .iter()
            .map(|r| {
                let (folder, name) = folder_and_name(&r.path);
                RecentEntry {
                    name,
                    folder,
                    exists: r.path.is_file(),
                }
            })
            .collect())
    })
    .await
}

/// Opens the recent file at `index` with the options it last opened with.
#[tauri::command]
pub async fn open_recent(
    app: AppHandle,
    state: State<'_, AppState>,
    index: usize,
) -> Result<Outcome> {
    let recent = state
        .settings()
        .recent
        .get(index)
        .cloned()
        .ok_or_else(|| Error::BadRequest(format!("no recent file number {index}")))?;
    let source = Source {
        path: recent.path,
        options: recent.options,
    };
    open_in_background(app, source, Why::Open).await
}

/// Opens again the file that last failed to open, with a column map (and encoding)
/// chosen in the window's column-mapping step.
#[tauri::command]
pub async fn open_mapped(
    app: AppHandle,
    state: State<'_, AppState>,
    map: Vec<(String, String)>,
    encoding: Option<orgpath_explore::load::Encoding>,
) -> Result<Outcome> {
    let mut source = state
        .pending()
        .ok_or_else(|| Error::BadRequest("no file is waiting for its columns".into()))?;
    source.options.map = map;
    if let Some(e) = encoding {
        source.options.encoding = e;
    }
    open_in_background(app, source, Why::Open).await
}

/// Reads the file on show again (File > Reload), keeping the window's place.
#[tauri::command]
pub async fn reload_file(app: AppHandle, state: State<'_, AppState>) -> Result<Outcome> {
    let source = state
        .source()
        .ok_or_else(|| Error::BadRequest("the built-in dataset has no file to reload".into()))?;
    open_in_background(app, source, Why::Reload).await
}

/// Goes back to the built-in dataset.
#[tauri::command]
pub async fn open_builtin(app: AppHandle) -> Result<Outcome> {
    work(move || Ok(session::open_builtin(&app))).await
}

/// The file on show; `null` for the built-in dataset.
#[tauri::command(async)]
pub fn current_file(state: State<'_, AppState>) -> Option<CurrentFile> {
    state.source().map(|s| {
        let (_, name) = folder_and_name(&s.path);
        let notices = session::notices(&s.path, &state.dataset());
        CurrentFile {
            name,
            path: s.path.display().to_string(),
            generation: state.generation(),
            notices,
        }
    })
}

/// The problems of the file the app was started with, when it did not open (the window
/// is on the built-in dataset); `null` otherwise, and once another file is opened.
#[tauri::command(async)]
pub fn refused_file(state: State<'_, AppState>) -> Option<session::Failed> {
    state.refused()
}

/// What Help › About shows: the app's version and licence, and the article the
/// built-in dataset is made from (whatever dataset is open). The font's and BudouX's
/// licences are fixed texts of the window.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct About {
    pub version: String,
    /// SPDX, from the workspace's Cargo.toml.
    pub licence: String,
    pub builtin_source: Option<orgpath_explore::dataset::SourceDocument>,
}

#[tauri::command(async)]
pub fn about() -> About {
    About {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        licence: env!("CARGO_PKG_LICENSE").to_owned(),
        builtin_source: orgpath_explore::builtin()
            .ok()
            .and_then(|d| d.meta().source.clone()),
    }
}
