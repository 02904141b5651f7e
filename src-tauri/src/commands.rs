//! Tauri commands: each fetches state, calls the core, and maps the error.

use std::path::PathBuf;

use orgpath_core::export::ExportOptions;
use orgpath_core::graph::Meta;
use orgpath_core::window::{self, Details, ExportRequest, ViewPayload, ViewRequest};
use tauri::{AppHandle, State};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_dialog::DialogExt;

use crate::error::{Error, Result};
use crate::AppState;

fn dataset(state: &AppState) -> Result<&orgpath_core::Dataset> {
    state.dataset.as_ref().ok_or(Error::NoDataset)
}

/// Title, description and source of the loaded dataset.
#[tauri::command]
pub fn get_meta(state: State<'_, AppState>) -> Result<Meta> {
    Ok(dataset(&state)?.meta().clone())
}

/// One view drawn as SVG by the painter exports use.
#[tauri::command]
pub fn get_view(state: State<'_, AppState>, request: ViewRequest) -> Result<ViewPayload> {
    window::view(dataset(&state)?, &request).map_err(Error::BadRequest)
}

/// The details panel's content for a node or flow step.
#[tauri::command]
pub fn get_details(state: State<'_, AppState>, id: String) -> Result<Details> {
    window::details(dataset(&state)?, &id).ok_or(Error::NotFound(id))
}

/// The bytes of an export, made by the same core function as `orgpath export`.
fn export_bytes(state: &AppState, request: &ExportRequest) -> Result<(ExportOptions, Vec<u8>)> {
    let options = request.export_options().map_err(Error::BadRequest)?;
    let bytes = orgpath_core::export::export(dataset(state)?, &options)
        .map_err(|e| Error::Export(e.to_string()))?;
    Ok((options, bytes))
}

/// Saves a view. The save dialog is opened here, in Rust, so the file written is
/// always one the user picked: the window never passes a path. `ORGPATH_SAVE_PATH`
/// replaces the dialog for automation (the end-to-end test uses it).
#[tauri::command]
pub async fn export_view(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ExportRequest,
) -> Result<Option<String>> {
    let (options, bytes) = export_bytes(&state, &request)?;
    let path = match std::env::var_os("ORGPATH_SAVE_PATH") {
        Some(p) => Some(PathBuf::from(p)),
        None => {
            let ext = options.format.extension();
            let title = if request.view.lang == "ja" {
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
    if orgpath_core::export::Format::of_path(&path) != Some(options.format) {
        path.set_extension(options.format.extension());
    }
    orgpath_core::export::write_atomic(&path, &bytes).map_err(|e| Error::Export(e.to_string()))?;
    Ok(Some(path.display().to_string()))
}

/// Copies a view to the clipboard as an image.
#[tauri::command]
pub async fn copy_png(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ExportRequest,
) -> Result<()> {
    let request = ExportRequest {
        format: "png".into(),
        ..request
    };
    let (_, bytes) = export_bytes(&state, &request)?;
    let image =
        tauri::image::Image::from_bytes(&bytes).map_err(|e| Error::Export(e.to_string()))?;
    app.clipboard()
        .write_image(&image)
        .map_err(|e| Error::Export(format!("the clipboard refused the image: {e}")))
}
