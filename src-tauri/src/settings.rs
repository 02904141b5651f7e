//! What the app remembers between runs: the window's size and place, and the files
//! opened recently. One small JSON file in the config folder, always written whole
//! through a temporary file and a rename (`write_atomic`), so a crash or a power cut
//! mid-save leaves the old settings or the new ones, never half of either.
//!
//! This replaces tauri-plugin-window-state, which writes its file in place with
//! `std::fs::write`: killed mid-write, that leaves a truncated file.

use std::path::{Path, PathBuf};

use orgpath_explore::load::LoadOptions;
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

/// The largest settings file read. Eight recent files and a window's place are a few
/// KB; anything past this was not written by orgpath.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// How many set-aside copies of unreadable settings are kept (`settings.json.unreadable`,
/// `.unreadable.2`, …); past that, the oldest is replaced.
pub const MAX_ASIDE: usize = 10;

/// The widest or tallest window restored, in physical pixels: larger than any screen
/// made (two 8K monitors side by side are 15,360 wide), small enough that a window
/// this size is a buffer the compositor can allocate.
pub const MAX_SIDE: u32 = 16_384;

/// The farthest a window's corner is put from the origin. Monitors arranged side by
/// side reach a few ten thousand pixels.
pub const MAX_COORDINATE: i32 = 100_000;

impl Geometry {
    /// The geometry if a window can be put there: a size of at least one pixel and at
    /// most [`MAX_SIDE`], a corner within [`MAX_COORDINATE`]. A file edited by hand
    /// (or by another program) could ask for a 4-billion-pixel window.
    pub fn sane(self) -> Option<Geometry> {
        let size_ok = (1..=MAX_SIDE).contains(&self.width) && (1..=MAX_SIDE).contains(&self.height);
        let place_ok = self.x.unsigned_abs() <= MAX_COORDINATE.unsigned_abs()
            && self.y.unsigned_abs() <= MAX_COORDINATE.unsigned_abs();
        (size_ok && place_ok).then_some(self)
    }
}

impl Settings {
    /// What a parsed file holds that orgpath can use: a geometry that is sane, and at
    /// most [`MAX_RECENT`] recent files, each once.
    fn sanitized(mut self) -> Settings {
        self.window = self.window.and_then(Geometry::sane);
        let mut seen = std::collections::HashSet::new();
        self.recent
            .retain(|r| !r.path.as_os_str().is_empty() && seen.insert(r.path.clone()));
        self.recent.truncate(MAX_RECENT);
        self
    }
}

/// Reads the settings. A missing file gives the defaults. A file that cannot be used
/// (not a regular file, larger than [`MAX_BYTES`], or not parsing: edited by hand, or
/// written by a future version) is set aside rather than overwritten, so nothing in
/// it is lost (earlier set-aside copies are kept, numbered), and the defaults are
/// used. What parses is kept only as far as it is sane (see [`Settings::sanitized`]).
pub fn load(path: &Path) -> Settings {
    let bytes = orgpath_explore::load::read_capped(path, MAX_BYTES);
    let why = match bytes {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Settings::default(),
        Err(e) => e.to_string(),
        Ok(bytes) => match serde_json::from_slice::<Settings>(&bytes) {
            Ok(s) => return s.sanitized(),
            Err(e) => e.to_string(),
        },
    };
    let aside = aside_name(path);
    match std::fs::rename(path, &aside) {
        Ok(()) => eprintln!(
            "orgpath: {} could not be read ({why}); kept as {} and starting with default settings",
            path.display(),
            aside.display()
        ),
        Err(e) => eprintln!(
            "orgpath: {} could not be read ({why}) nor set aside ({e}); starting with default settings",
            path.display()
        ),
    }
    Settings::default()
}

/// Where to set an unreadable settings file aside: the first free numbered name, or,
/// when all [`MAX_ASIDE`] are taken, the oldest of them.
fn aside_name(path: &Path) -> PathBuf {
    let name = |n: usize| {
        if n == 1 {
            path.with_extension("json.unreadable")
        } else {
            path.with_extension(format!("json.unreadable.{n}"))
        }
    };
    let mut oldest: Option<(std::time::SystemTime, PathBuf)> = None;
    for n in 1..=MAX_ASIDE {
        let candidate = name(n);
        // symlink_metadata: a dangling link still takes the name.
        match std::fs::symlink_metadata(&candidate) {
            Err(_) => return candidate,
            Ok(meta) => {
                let modified = meta.modified().unwrap_or(std::time::UNIX_EPOCH);
                if oldest.as_ref().is_none_or(|(t, _)| modified < *t) {
                    oldest = Some((modified, candidate));
                }
            }
        }
    }
    oldest.map_or_else(|| name(1), |(_, p)| p)
}

/// Writes the settings atomically, creating the folder if needed.
pub fn save(path: &Path, settings: &Settings) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let json = serde_json::to_vec_pretty(settings).map_err(std::io::Error::other)?;
    orgpath_explore::export::write_atomic(path, &json).map_err(std::io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("orgpath-settings-{name}-{}", std::process::id()));
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
            s.remember(Recent {
                path: PathBuf::from(format!("/data/{i}.csv")),
                options: LoadOptions::default(),
            });
        }
        s.remember(Recent {
            path: PathBuf::from("/data/3.csv"),
            options: LoadOptions::default(),
        });
        assert_eq!(s.recent.len(), MAX_RECENT);
        assert_eq!(s.recent[0].path, PathBuf::from("/data/3.csv"));
        assert_eq!(
            s.recent
                .iter()
                .filter(|r| r.path == Path::new("/data/3.csv"))
                .count(),
            1
        );
        s.window = Some(Geometry {
            x: 10,
            y: -20,
            width: 1280,
            height: 800,
            maximized: true,
        });
        save(&path, &s).unwrap();
        assert_eq!(load(&path), s);
        // No temporary file is left beside it.
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("settings.json")]);
    }

    #[test]
    fn an_unreadable_file_is_set_aside_not_lost() {
        let dir = temp_dir("bad");
        let path = file_in(&dir);
        std::fs::write(&path, b"{\"recent\": [").unwrap();
        assert_eq!(load(&path), Settings::default());
        assert_eq!(
            std::fs::read(dir.join("settings.json.unreadable")).unwrap(),
            b"{\"recent\": ["
        );
        assert!(!path.exists());
    }

    #[test]
    fn set_aside_copies_are_numbered_and_the_oldest_replaced() {
        let dir = temp_dir("aside");
        let path = file_in(&dir);
        for i in 0..MAX_ASIDE + 2 {
            std::fs::write(&path, format!("broken {i}")).unwrap();
            assert_eq!(load(&path), Settings::default());
            // Distinct modification times for "oldest".
            std::thread::sleep(std::time::Duration::from_millis(15));
        }
        assert_eq!(
            std::fs::read(dir.join("settings.json.unreadable.3")).unwrap(),
            b"broken 2"
        );
        assert_eq!(
            std::fs::read(dir.join(format!("settings.json.unreadable.{MAX_ASIDE}"))).unwrap(),
            format!("broken {}", MAX_ASIDE - 1).as_bytes()
        );
        // Two more than there are names: the two oldest (0 and 1) were replaced.
        assert_eq!(
            std::fs::read(dir.join("settings.json.unreadable")).unwrap(),
            format!("broken {MAX_ASIDE}").as_bytes()
        );
        assert_eq!(
            std::fs::read(dir.join("settings.json.unreadable.2")).unwrap(),
            format!("broken {}", MAX_ASIDE + 1).as_bytes()
        );
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), MAX_ASIDE);
    }

    #[cfg(unix)]
    #[test]
    fn endless_or_huge_files_are_set_aside_at_once() {
        let dir = temp_dir("hostile");
        let path = file_in(&dir);
        let t = std::time::Instant::now();
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        assert_eq!(load(&path), Settings::default());
        assert!(
            std::fs::symlink_metadata(dir.join("settings.json.unreadable"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let mut big = b"{\"recent\": [], \"pad\": \"".to_vec();
        big.resize(MAX_BYTES as usize + 10, b'x');
        std::fs::write(&path, &big).unwrap();
        assert_eq!(load(&path), Settings::default());
        assert!(dir.join("settings.json.unreadable.2").exists());
        assert!(t.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn absurd_geometry_and_long_recent_lists_are_cut_to_size() {
        let dir = temp_dir("sanity");
        let path = file_in(&dir);
        let recent: Vec<String> = (0..1000)
            .map(|i| format!("{{\"path\": \"/d/{}.csv\"}}", i % 20))
            .collect();
        let text = format!(
            "{{\"window\": {{\"x\": 0, \"y\": 0, \"width\": 4000000000, \"height\": 600}}, \"recent\": [{}, {{\"path\": \"\"}}]}}",
            recent.join(",")
        );
        std::fs::write(&path, text).unwrap();
        let s = load(&path);
        assert_eq!(s.window, None);
        assert_eq!(s.recent.len(), MAX_RECENT);
        assert_eq!(s.recent[1].path, PathBuf::from("/d/1.csv"));
        let ok = Geometry {
            x: -1920,
            y: 0,
            width: 1280,
            height: 800,
            maximized: false,
        };
        assert_eq!(ok.sane(), Some(ok));
        assert_eq!(Geometry { x: i32::MIN, ..ok }.sane(), None);
        assert_eq!(Geometry { height: 0, ..ok }.sane(), None);
    }
}
