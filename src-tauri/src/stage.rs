//! Presenting: fullscreen for the window that presents, and the presenter window (a
//! second window with the caption, the notes, the next step and a timer) kept in step
//! with it. The main window says where the tour is; the backend remembers it and tells
//! the presenter window, and passes the presenter's keys back. Events go to one named
//! window each, never broadcast.
//!
//! The commands are `async`, so none runs on the main thread, where Tauri runs a plain
//! command (and where building a window from a command can deadlock on Windows).

use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State, WebviewUrl, WebviewWindowBuilder};

use orgpath_explore::Lang;

use crate::error::{Error, Result};
use crate::events::{StageCommand, COMMAND_EVENT, STAGE_EVENT};

/// The presenter window's label (its capability names it).
pub const PRESENTER: &str = "presenter";

/// Where a tour on show is, as the presenter window needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Stage {
    pub tour: String,
    pub step: u32,
    pub lang: Lang,
    /// When this tour started, in milliseconds since the Unix epoch (the timer).
    #[ts(type = "number")]
    pub started_ms: u64,
}

#[derive(Default)]
pub struct StageState(pub Mutex<Option<Stage>>);

/// Fullscreen on or off, for the window that asks.
#[tauri::command(async)]
pub fn present(window: tauri::WebviewWindow, on: bool) -> Result<()> {
    window
        .set_fullscreen(on)
        .map_err(|e| Error::BadRequest(format!("fullscreen: {e}")))
}

/// Opens the presenter window, or brings it forward.
#[tauri::command(async)]
pub fn open_presenter(app: AppHandle) -> Result<()> {
    if let Some(w) = app.get_webview_window(PRESENTER) {
        return w
            .set_focus()
            .map_err(|e| Error::BadRequest(format!("presenter window: {e}")));
    }
    WebviewWindowBuilder::new(
        &app,
        PRESENTER,
        WebviewUrl::App("index.html?presenter".into()),
    )
    .title("orgpath — presenter")
    .inner_size(960.0, 640.0)
    .min_inner_size(640.0, 480.0)
    .build()
    .map(|_| ())
    .map_err(|e| Error::BadRequest(format!("presenter window: {e}")))
}

/// The main window's tour moved (or ended: `tour` empty).
#[tauri::command(async)]
pub fn set_stage(
    app: AppHandle,
    state: State<'_, StageState>,
    tour: String,
    step: u32,
    lang: Lang,
) -> Result<()> {
    let mut current = state
        .0
        .lock()
        .map_err(|_| Error::BadRequest("stage".into()))?;
    let next = if tour.is_empty() {
        None
    } else {
        let started_ms = match current.as_ref() {
            Some(s) if s.tour == tour => s.started_ms,
            _ => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64),
        };
        Some(Stage {
            tour,
            step,
            lang,
            started_ms,
        })
    };
    *current = next.clone();
    drop(current);
    if app.get_webview_window(PRESENTER).is_some() {
        let _ = app.emit_to(PRESENTER, STAGE_EVENT, next);
    }
    Ok(())
}

/// Where the tour is now (the presenter window asks when it opens).
#[tauri::command(async)]
pub fn get_stage(state: State<'_, StageState>) -> Result<Option<Stage>> {
    Ok(state
        .0
        .lock()
        .map_err(|_| Error::BadRequest("stage".into()))?
        .clone())
}

/// A key from the presenter window, passed to the main window.
#[tauri::command(async)]
pub fn stage_command(app: AppHandle, command: StageCommand) -> Result<()> {
    app.emit_to("main", COMMAND_EVENT, command)
        .map_err(|e| Error::BadRequest(format!("presenter command: {e}")))
}
