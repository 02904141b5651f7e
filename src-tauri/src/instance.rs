//! One orgpath per user.
//!
//! A second `orgpath FILE` (a file opened from a file manager while the app runs) hands
//! its command line to the running app over D-Bus (tauri-plugin-single-instance) and
//! exits; the running window opens the file and comes forward. Two apps on one
//! settings folder would also overwrite each other's recent files and window place.

use std::ffi::OsStr;
use std::path::Path;

use clap::Parser;
use tauri::{AppHandle, Manager};

use crate::cli::Cli;
use crate::session::{self, Source, Why};

/// The D-Bus name that makes an instance "the" instance: `None` for the app's
/// identifier (tauri.conf.json), for the user's own settings; with
/// `ORGPATH_CONFIG_DIR` (tests give each run its own folder) one name per folder, so
/// runs on separate folders never meet.
fn instance_id(config_dir: Option<&OsStr>) -> Option<String> {
    let dir = config_dir?;
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    dir.hash(&mut h);
    // A D-Bus name element may not start with a digit.
    Some(format!("dev.orgpath.config_{:016x}", h.finish()))
}

/// The single-instance plugin: registered first, so a second launch exits before it
/// opens anything of its own.
pub fn plugin() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    let mut builder = tauri_plugin_single_instance::Builder::<tauri::Wry>::new()
        .callback(|app, argv, cwd| second_launch(app, &argv, Path::new(&cwd)));
    if let Some(id) = instance_id(std::env::var_os("ORGPATH_CONFIG_DIR").as_deref()) {
        builder = builder.dbus_id(id);
    }
    builder.build()
}

/// The file a second launch named, resolved against the folder it was started in,
/// with its CSV flags; `None` when it named none (or its command line is not one the
/// window takes, which that launch would have refused itself).
fn named_file(argv: &[String], cwd: &Path) -> Option<Source> {
    let cli = Cli::try_parse_from(argv).ok()?;
    if cli.command.is_some() {
        return None;
    }
    let path = cli.dataset_path()?;
    Some(Source {
        path: cwd.join(path),
        options: cli.csv.load_options(),
    })
}

/// Another `orgpath` was started: open what it named here, and bring the window
/// forward (a launch with no file just brings it forward).
fn second_launch(app: &AppHandle, argv: &[String], cwd: &Path) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    if let Some(source) = named_file(argv, cwd) {
        let app = app.clone();
        // Loading may take seconds: never on the D-Bus thread that answers the caller.
        std::thread::spawn(move || session::open(&app, source, Why::Open));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn argv(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_second_launch_names_its_file_from_its_own_folder() {
        let cwd = PathBuf::from("/home/u/docs");
        let s = named_file(
            &argv(&["orgpath", "team.csv", "--encoding", "shift_jis"]),
            &cwd,
        )
        .expect("a file");
        assert_eq!(s.path, PathBuf::from("/home/u/docs/team.csv"));
        assert_eq!(s.options.encoding, orgpath_explore::Encoding::ShiftJis);
        let s = named_file(&argv(&["orgpath", "--data", "/tmp/a.json"]), &cwd).expect("a file");
        assert_eq!(s.path, PathBuf::from("/tmp/a.json"));
        assert!(named_file(&argv(&["orgpath"]), &cwd).is_none());
        assert!(named_file(&argv(&["orgpath", "validate", "x.csv"]), &cwd).is_none());
        assert!(named_file(&argv(&["orgpath", "--no-such-flag"]), &cwd).is_none());
    }

    #[test]
    fn each_settings_folder_is_its_own_instance() {
        let a = instance_id(Some(OsStr::new("/tmp/a"))).expect("a name of its own");
        let b = instance_id(Some(OsStr::new("/tmp/b"))).expect("a name of its own");
        assert_ne!(a, b);
        assert!(a.starts_with("dev.orgpath.config_"));
        assert_eq!(
            instance_id(None),
            None,
            "the user's settings: the app's identifier"
        );
    }
}
