//! Tauri commands: each fetches state, calls the core, and maps the error.

use orgpath_core::graph::Meta;
use orgpath_core::window::{self, Details, ViewPayload, ViewRequest};
use tauri::State;

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
