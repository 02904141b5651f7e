//! The orgpath app shell: the window, its commands and the command line; the top floor.
//!
//! Everything that knows about data lives in the core crates under `src-tauri/crates/`
//! (the front door is `orgpath-explore`); this crate wires them to Tauri and to the
//! terminal, and nothing below it knows Tauri or GTK.

pub mod bindings;
pub mod cli;
mod commands;
pub mod error;
pub mod events;
mod fonts;
mod instance;
mod pinch;
pub mod session;
pub mod settings;
mod stage;

use std::path::PathBuf;

use orgpath_explore::Dataset;
use session::{AppState, Source};
use settings::Geometry;
use tauri::{Manager, PhysicalPosition, PhysicalSize, WebviewWindow, WindowEvent};

/// What the window opens on.
pub struct Startup {
    pub dataset: Dataset,
    /// The file it came from (`orgpath FILE`); `None` for the built-in dataset.
    pub source: Option<Source>,
    /// Every file the load read (to watch for changes).
    pub files: Vec<PathBuf>,
    /// The file named on the command line when it did not open, and why: the window
    /// starts on the built-in dataset with these problems in front.
    pub refused: Option<(Source, orgpath_explore::Report)>,
}

/// Where the settings live: `ORGPATH_CONFIG_DIR` when set (tests give each run its own
/// folder), else the platform's config folder for the app.
fn settings_file(app: &tauri::App) -> Option<PathBuf> {
    let dir = match std::env::var_os("ORGPATH_CONFIG_DIR") {
        Some(d) => PathBuf::from(d),
        None => app.path().app_config_dir().ok()?,
    };
    Some(settings::file_in(&dir))
}

/// The app, ready to run: tests can build it without starting the event loop.
pub fn builder(startup: Startup) -> tauri::Builder<tauri::Wry> {
    let Startup {
        dataset,
        source,
        files,
        refused,
    } = startup;
    let mut first = Some((dataset, source, refused));
    tauri::Builder::default()
        .plugin(instance::plugin())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .register_uri_scheme_protocol(fonts::SCHEME, |_, request| {
            fonts::respond(request.uri().path())
        })
        .manage(stage::StageState::default())
        .invoke_handler(tauri::generate_handler![
            commands::get_meta,
            commands::get_view,
            commands::get_details,
            commands::export_view,
            commands::copy_png,
            commands::search,
            commands::list_nodes,
            commands::find_paths,
            commands::path_pair,
            commands::career_routes,
            commands::career_places,
            commands::compare_tracks,
            commands::edge_details,
            commands::outline,
            commands::copy_text,
            commands::list_tours,
            commands::export_tour,
            commands::open_file,
            commands::recent_files,
            commands::open_recent,
            commands::open_mapped,
            commands::reload_file,
            commands::open_builtin,
            commands::current_file,
            commands::refused_file,
            commands::about,
            stage::present,
            stage::open_presenter,
            stage::set_stage,
            stage::get_stage,
            stage::stage_command
        ])
        .setup(move |app| {
            let (dataset, source, refused) = first.take().expect("setup runs once");
            let state = AppState::new(dataset, source.clone(), settings_file(app));
            if let Some((source, report)) = refused {
                state.refuse_at_start(source, report);
            }
            // A file opened from the command line (or by the desktop, double-clicked)
            // is a recent file like one picked in the dialog.
            if let Some(s) = source {
                state.update_settings(|settings| {
                    settings.remember(settings::Recent {
                        path: s.path,
                        options: s.options,
                    })
                });
            }
            let geometry = state.settings().window;
            app.manage(state);
            session::set_title(app.handle(), &app.state::<AppState>().dataset());
            session::watch_startup(app.handle(), &files);
            if let Some(window) = app.get_webview_window("main") {
                if let Some(g) = geometry {
                    restore(&window, g);
                }
                #[cfg(target_os = "linux")]
                pinch::take_over(&window);
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            if window.label() != "main" {
                return;
            }
            let app = window.app_handle();
            match event {
                WindowEvent::Moved(_) | WindowEvent::Resized(_) => {
                    // Events can come before setup has managed the state.
                    if let (Some(g), Some(state)) =
                        (normal_geometry(window), app.try_state::<AppState>())
                    {
                        state.note_geometry(g);
                    }
                }
                WindowEvent::CloseRequested { .. } => {
                    let maximized = window.is_maximized().unwrap_or(false);
                    let Some(state) = app.try_state::<AppState>() else {
                        return;
                    };
                    state.update_settings(|s| {
                        if let Some(g) = &mut s.window {
                            g.maximized = maximized;
                        }
                    });
                }
                // Files dropped on the window open as if picked in the open dialog. The
                // paths come from the desktop, never from the page.
                WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) => {
                    let app = app.clone();
                    let paths = paths.clone();
                    std::thread::spawn(move || session::open_dropped(&app, &paths));
                }
                _ => {}
            }
        })
}

/// The window's place and size while it is neither maximised, minimised nor
/// fullscreen (presenting), in physical pixels.
fn normal_geometry(window: &tauri::Window) -> Option<Geometry> {
    if window.is_maximized().ok()? || window.is_fullscreen().ok()? || window.is_minimized().ok()? {
        return None;
    }
    let p = window.outer_position().ok()?;
    let s = window.inner_size().ok()?;
    Some(Geometry {
        x: p.x,
        y: p.y,
        width: s.width,
        height: s.height,
        maximized: false,
    })
}

/// Puts the window back where it was, if that place is still on a screen (a monitor
/// may have been unplugged since), at the size it was.
fn restore(window: &WebviewWindow, g: Geometry) {
    let on_screen = window
        .available_monitors()
        .unwrap_or_default()
        .iter()
        .any(|m| {
            let (p, s) = (m.position(), m.size());
            g.x < p.x + s.width as i32
                && g.x + g.width as i32 > p.x
                && g.y < p.y + s.height as i32
                && g.y + g.height as i32 > p.y
        });
    let _ = window.set_size(PhysicalSize::new(g.width.max(800), g.height.max(560)));
    if on_screen {
        let _ = window.set_position(PhysicalPosition::new(g.x, g.y));
    }
    if g.maximized {
        let _ = window.maximize();
    }
}

/// Opens the window and runs until it closes.
pub fn run(startup: Startup) -> Result<(), tauri::Error> {
    builder(startup).run(tauri::generate_context!())
}
