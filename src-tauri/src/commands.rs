//! Tauri commands: each fetches state, calls the core, and maps the error.
//!
//! Commands that lay out, search or walk the dataset are `async`: Tauri runs a plain
//! command on the main thread, where a large organisation's layout would stop the
//! window drawing and taking input until it was done.

use std::path::PathBuf;
use std::sync::Arc;

use orgpath_explore::dataset::Meta;
use orgpath_explore::explore::{
    self, CareerRoutes, EdgeDetails, NodeEntry, PathsResult, Place, SearchHit, TrackColumn,
};
use orgpath_explore::export::{ExportOptions, Format};
use orgpath_explore::tour::TourSummary;
use orgpath_explore::view_model::{
    self, Details, ExportRequest, ExportSaved, TourExportRequest, ViewPayload, ViewRequest,
};
use orgpath_explore::Lang;
use tauri::{AppHandle, State};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_dialog::DialogExt;

use crate::error::{Error, Result};
use crate::session::{self, AppState, Outcome, Source, Why};

/// The dataset on show (shared: a reload may swap in the next one meanwhile).
fn dataset(state: &AppState) -> Arc<orgpath_explore::Dataset> {
    state.dataset()
}

/// Title, description and source of the loaded dataset.
#[tauri::command]
pub fn get_meta(state: State<'_, AppState>) -> Result<Meta> {
    Ok(dataset(&state).meta().clone())
}

/// One view drawn as SVG by the painter exports use.
#[tauri::command(async)]
pub fn get_view(state: State<'_, AppState>, request: ViewRequest) -> Result<ViewPayload> {
    view_model::view(&dataset(&state), &request).map_err(Error::BadRequest)
}

/// The details panel's content for a node or flow step.
#[tauri::command(async)]
pub fn get_details(state: State<'_, AppState>, id: String) -> Result<Details> {
    view_model::details(&dataset(&state), &id).ok_or(Error::NotFound(id))
}

/// Incremental search over every label, title and description, in both languages.
#[tauri::command(async)]
pub fn search(state: State<'_, AppState>, query: String, lang: Lang) -> Result<Vec<SearchHit>> {
    Ok(explore::search(&dataset(&state), &query, lang))
}

/// Every node with its label, for pickers.
#[tauri::command(async)]
pub fn list_nodes(state: State<'_, AppState>) -> Result<Vec<NodeEntry>> {
    Ok(explore::node_list(&dataset(&state)))
}

/// How two nodes connect through the hierarchy and the relations.
#[tauri::command(async)]
pub fn find_paths(
    state: State<'_, AppState>,
    from: String,
    to: String,
    max_len: usize,
    max_paths: usize,
) -> Result<PathsResult> {
    explore::paths(&dataset(&state), &from, &to, max_len, max_paths).map_err(Error::BadRequest)
}

/// The career routes from one place to another.
#[tauri::command(async)]
pub fn career_routes(
    state: State<'_, AppState>,
    from: String,
    to: String,
    max_routes: usize,
) -> Result<CareerRoutes> {
    explore::career_routes(&dataset(&state), &from, &to, max_routes).map_err(Error::BadRequest)
}

/// Every place on the career graph, in career order.
#[tauri::command(async)]
pub fn career_places(state: State<'_, AppState>) -> Result<Vec<Place>> {
    Ok(explore::career_places(&dataset(&state)))
}

/// The career tracks side by side.
#[tauri::command(async)]
pub fn compare_tracks(state: State<'_, AppState>) -> Result<Vec<TrackColumn>> {
    Ok(explore::compare_tracks(&dataset(&state)))
}

/// What links two cards; `null` when nothing does.
#[tauri::command(async)]
pub fn edge_details(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Result<Option<EdgeDetails>> {
    let d = &dataset(&state);
    for id in [&from, &to] {
        if view_model::details(d, id).is_none() {
            return Err(Error::NotFound(id.clone()));
        }
    }
    Ok(explore::edge_details(d, &from, &to))
}

/// The current view as plain text, for screen readers and copying.
#[tauri::command(async)]
pub fn outline(state: State<'_, AppState>, request: ViewRequest) -> Result<String> {
    view_model::outline(&dataset(&state), &request).map_err(Error::BadRequest)
}

/// Most text `copy_text` takes: an outline is a few kilobytes.
const MAX_COPY_BYTES: usize = 1 << 20;

/// Copies text (the outline) to the clipboard.
#[tauri::command]
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
fn export_bytes(
    state: &AppState,
    request: &ExportRequest,
) -> Result<(ExportOptions, orgpath_explore::export::Exported)> {
    let options = request.export_options().map_err(Error::BadRequest)?;
    let exported = orgpath_explore::export::export_file(&dataset(state), &options)
        .map_err(|e| Error::Export(e.to_string()))?;
    Ok((options, exported))
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
    let (options, exported) = export_bytes(&state, &request)?;
    let path = match std::env::var_os("ORGPATH_SAVE_PATH") {
        Some(p) => Some(PathBuf::from(p)),
        None => {
            let ext = options.format.extension();
            let title = if request.view.lang == Lang::Ja {
                "図を書き出す"
            } else {
                "Export diagram"
            };
            app.dialog()
                .file()
                .set_title(title)
                .set_file_name(request.file_name())
                .add_filter(ext.to_uppercase(), &[ext])
                .blocking_save_file()
                .and_then(|p| p.into_path().ok())
        }
    };
    let Some(mut path) = path else {
        return Ok(None);
    };
    if orgpath_explore::export::Format::of_path(&path) != Some(options.format) {
        path.set_extension(options.format.extension());
    }
    orgpath_explore::export::write_atomic(&path, &exported.bytes)
        .map_err(|e| Error::Export(e.to_string()))?;
    Ok(Some(ExportSaved {
        path: path.display().to_string(),
        summary: exported.summary,
        note: exported.note,
    }))
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
    let (_, exported) = export_bytes(&state, &request)?;
    let image = tauri::image::Image::from_bytes(&exported.bytes)
        .map_err(|e| Error::Export(e.to_string()))?;
    app.clipboard()
        .write_image(&image)
        .map_err(|e| Error::Export(format!("the clipboard refused the image: {e}")))
}

/// The guided tours of the loaded dataset, in file order.
#[tauri::command]
pub fn list_tours(state: State<'_, AppState>) -> Result<Vec<TourSummary>> {
    Ok(orgpath_explore::tour::summaries(&dataset(&state)))
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
    use orgpath_explore::export::TourFormat;

    let options = request.options().map_err(Error::BadRequest)?;
    let d = &dataset(&state);
    // An unknown tour is the caller's mistake, told before any dialog opens.
    orgpath_explore::tour::find(d, &options.tour).map_err(Error::BadRequest)?;
    let ja = request.lang == Lang::Ja;
    let path = match std::env::var_os("ORGPATH_SAVE_PATH") {
        Some(p) => Some(PathBuf::from(p)),
        None => match options.format {
            TourFormat::Pdf => app
                .dialog()
                .file()
                .set_title(if ja {
                    "スライドを PDF に書き出す"
                } else {
                    "Export slides as PDF"
                })
                .set_file_name(format!(
                    "orgpath-{}-{}.pdf",
                    request.tour,
                    request.lang.as_str()
                ))
                .add_filter("PDF", &["pdf"])
                .blocking_save_file()
                .and_then(|p| p.into_path().ok()),
            TourFormat::Png { .. } => app
                .dialog()
                .file()
                .set_title(if ja {
                    "スライドの PNG を保存するフォルダー"
                } else {
                    "Folder for the slide PNGs"
                })
                .blocking_pick_folder()
                .and_then(|p| p.into_path().ok()),
        },
    };
    let Some(mut path) = path else {
        return Ok(Vec::new());
    };
    if options.format == TourFormat::Pdf
        && !path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        path.set_extension("pdf");
    }
    let files = orgpath_explore::export::export_tour(d, &options)
        .map_err(|e| Error::Export(e.to_string()))?;
    let written = orgpath_explore::export::write_tour(&files, &path, &options.tour)
        .map_err(|e| Error::Export(e.to_string()))?;
    Ok(written.iter().map(|p| p.display().to_string()).collect())
}

/// A file in the File menu's recent list, as the window shows it: the name and the
/// folder, never a path the window could send back (it sends the index).
#[derive(Debug, Clone, serde::Serialize)]
pub struct RecentEntry {
    pub name: String,
    pub folder: String,
    /// Still there: a moved or deleted file is listed greyed out.
    pub exists: bool,
}

/// The file on show, if any (`null` for the built-in dataset).
#[derive(Debug, Clone, serde::Serialize)]
pub struct CurrentFile {
    pub name: String,
    pub path: String,
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

/// Runs an open off the async runtime's threads: loading a large file takes a while.
async fn open_in_background(app: AppHandle, source: Source, why: Why) -> Result<Outcome> {
    tauri::async_runtime::spawn_blocking(move || session::open(&app, source, why))
        .await
        .map_err(|e| Error::BadRequest(format!("the file could not be opened: {e}")))
}

/// File > Open: the backend opens the dialog, so only a file the user picks is read.
/// `ORGPATH_OPEN_PATH` replaces the dialog for automation (the end-to-end tests).
/// `null` when cancelled; otherwise the outcome, also sent as an event.
#[tauri::command]
pub async fn open_file(app: AppHandle, lang: String) -> Result<Option<Outcome>> {
    let path = match std::env::var_os("ORGPATH_OPEN_PATH") {
        Some(p) => Some(PathBuf::from(p)),
        None => app
            .dialog()
            .file()
            .set_title(if lang == "ja" {
                "組織のファイルを開く"
            } else {
                "Open an organisation"
            })
            .add_filter(
                if lang == "ja" {
                    "組織データ (JSON, CSV, TSV)"
                } else {
                    "Organisation (JSON, CSV, TSV)"
                },
                &["json", "csv", "tsv", "tab", "txt"],
            )
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(path) = path else { return Ok(None) };
    let source = Source {
        path,
        options: Default::default(),
    };
    open_in_background(app, source, Why::Open).await.map(Some)
}

/// The recent files, newest first.
#[tauri::command]
pub fn recent_files(state: State<'_, AppState>) -> Vec<RecentEntry> {
    state
        .settings()
        .recent
        .iter()
        .map(|r| {
            let (folder, name) = folder_and_name(&r.path);
            RecentEntry {
                name,
                folder,
                exists: r.path.is_file(),
            }
        })
        .collect()
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
pub fn open_builtin(app: AppHandle) -> Result<Outcome> {
    Ok(session::open_builtin(&app))
}

/// The file on show; `null` for the built-in dataset.
#[tauri::command]
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
