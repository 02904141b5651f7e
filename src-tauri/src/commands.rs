//! Tauri commands: each fetches state, calls the core, and maps the error.

use orgpath_core::OrgTree;
use tauri::State;

use crate::error::{Error, Result};
use crate::AppState;

/// The organisation tree of the loaded dataset.
#[tauri::command]
pub fn get_org_tree(state: State<'_, AppState>) -> Result<OrgTree> {
    state
        .dataset
        .as_ref()
        .map(|d| d.org_tree())
        .ok_or(Error::NoDataset)
}
