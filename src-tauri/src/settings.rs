//! What the app remembers between runs: the window's size and place, and the files
//! opened recently. One small JSON file in the config folder, always written whole
//! through a temporary file and a rename (`write_atomic`), so a crash or a power cut
//! mid-save leaves the old settings or the new ones, never half of either.
//!
//! This replaces tauri-plugin-window-state, which writes its file in place with
//! `std::fs::write`: killed mid-write, that leaves a truncated file.

use std::path::{Path, PathBuf};

use orgpath_core::load::LoadOptions;
use serde::{Deserialize, Serialize};

/// How many recent files the File menu lists.
pub const MAX_RECENT: usize = 8;

/// The window's outer position and inner size in physical pixels, when it was last
/// neither maximised nor fullscreen, and whether it was maximised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Geometry {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
    #[serde(default)]
    pub maximized: bool,
}

/// A file opened before, with the options it opened with (a column map, an encoding).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recent {
    pub path: PathBuf,
    #[serde(default)]
    pub options: LoadOptions,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub window: Option<Geometry>,
    /// Newest first.
    #[serde(default)]
    pub recent: Vec<Recent>,
}

impl Settings {
    /// Puts `recent` first, drops an older entry for the same file, keeps at most
    /// [`MAX_RECENT`].
    pub fn remember(&mut self, mut recent: Recent) {
        // A path from the command line may be relative; the list must work from
        // wherever the app starts next time.
        if let Ok(absolute) = std::fs::canonicalize(&recent.path) {
            recent.path = absolute;
        }
        self.recent.retain(|r| r.path != recent.path);
        self.recent.insert(0, recent);
        self.recent.truncate(MAX_RECENT);
    }
}

/// The settings file in `dir`.
pub fn file_in(dir: &Path) -> PathBuf {
    dir.join("settings.json")
}

/// Reads the settings. A missing file gives the defaults. A file that does not parse
/// (edited by hand, or written by a future version) is set aside as
/// `settings.json.unreadable` rather than overwritten, so nothing in it is lost, and
/// the defaults are used.
pub fn load(path: &Path) -> Settings {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(_) => return Settings::default(),
    };
    match serde_json::from_slice(&bytes) {
        Ok(s) => s,
        Err(e) => {
            let aside = path.with_extension("json.unreadable");
            eprintln!(
                "orgpath: {} could not be read ({e}); kept as {} and starting with default settings",
                path.display(),
                aside.display()
            );
            let _ = std::fs::rename(path, aside);
            Settings::default()
        }
    }
}

/// Writes the settings atomically, creating the folder if needed.
pub fn save(path: &Path, settings: &Settings) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let json = serde_json::to_vec_pretty(settings).map_err(std::io::Error::other)?;
    orgpath_core::export::write_atomic(path, &json).map_err(std::io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("orgpath-settings-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn round_trip_and_recent_order() {
        let dir = temp_dir("round");
        let path = file_in(&dir);
        let mut s = Settings::default();
        for i in 0..10 {
            s.remember(Recent { path: PathBuf::from(format!("/data/{i}.csv")), options: LoadOptions::default() });
        }
        s.remember(Recent { path: PathBuf::from("/data/3.csv"), options: LoadOptions::default() });
        assert_eq!(s.recent.len(), MAX_RECENT);
        assert_eq!(s.recent[0].path, PathBuf::from("/data/3.csv"));
        assert_eq!(s.recent.iter().filter(|r| r.path == Path::new("/data/3.csv")).count(), 1);
        s.window = Some(Geometry { x: 10, y: -20, width: 1280, height: 800, maximized: true });
        save(&path, &s).unwrap();
        assert_eq!(load(&path), s);
        // No temporary file is left beside it.
        let names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("settings.json")]);
    }

    #[test]
    fn an_unreadable_file_is_set_aside_not_lost() {
        let dir = temp_dir("bad");
        let path = file_in(&dir);
        std::fs::write(&path, b"{\"recent\": [").unwrap();
        assert_eq!(load(&path), Settings::default());
        assert_eq!(std::fs::read(dir.join("settings.json.unreadable")).unwrap(), b"{\"recent\": [");
        assert!(!path.exists());
    }
}
