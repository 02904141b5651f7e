//! The orgpath app shell: the window, its commands and the command line.
//!
//! Everything that knows about data lives in `orgpath-core`; this crate wires it to
//! Tauri and to the terminal.

pub mod cli;
mod commands;
pub mod error;
mod pinch;
mod stage;

use orgpath_core::Dataset;
use tauri::Manager;

/// What the window's commands can see.
pub struct AppState {
    pub dataset: Option<Dataset>,
}

/// The app, ready to run: tests can build it without starting the event loop.
pub fn builder(dataset: Dataset) -> tauri::Builder<tauri::Wry> {
    // The window title shows both languages: the in-page switch cannot retitle the
    // window without a wider capability, and the title must read right in either.
    let meta = dataset.meta();
    let title = format!("orgpath — {} · {}", meta.title.ja, meta.title.en);
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        // Window size and position come back as the user left them (the official
        // plugin; the choices shown inside the window are kept by the window itself).
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .manage(stage::StageState::default())
        .manage(AppState {
            dataset: Some(dataset),
        })
        .invoke_handler(tauri::generate_handler![
            commands::get_meta,
            commands::get_view,
            commands::get_details,
            commands::export_view,
            commands::copy_png,
            commands::search,
            commands::list_nodes,
            commands::find_paths,
            commands::career_routes,
            commands::career_places,
            commands::compare_tracks,
            commands::edge_details,
            commands::outline,
            commands::copy_text,
            commands::list_tours,
            commands::export_tour,
            stage::present,
            stage::open_presenter,
            stage::set_stage,
            stage::get_stage,
            stage::stage_command
        ])
        .setup(move |app| {
            if let Some(window) = app.get_webview_window("main") {
                window.set_title(&title)?;
                #[cfg(target_os = "linux")]
                pinch::take_over(&window);
            }
            Ok(())
        })
}

/// Opens the window on `dataset` and runs until it closes.
pub fn run(dataset: Dataset) -> Result<(), tauri::Error> {
    builder(dataset).run(tauri::generate_context!())
}
