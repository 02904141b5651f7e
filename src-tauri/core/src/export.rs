//! Export: a view of a dataset to SVG or PNG bytes, and an atomic file write.
//!
//! The CLI (`orgpath export`) and the window's Export both call [`export`], so the
//! same options give the same bytes.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::graph::Dataset;
use crate::render::{self, Background, PngError, SvgOptions, Theme};
use crate::scene::{Lang, TypeScale, View};
use crate::views::{self, Direction, SceneOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            _ => None,
        }
    }

    /// The format a file name asks for, by extension.
    pub fn of_path(path: &Path) -> Option<Format> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::parse)
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub view: View,
    pub lang: Lang,
    pub theme: Theme,
    pub background: Background,
    pub format: Format,
    /// PNG only: 1 to 4.
    pub scale: f32,
    pub direction: Direction,
    pub compact: bool,
    pub focus: Option<String>,
    /// Organisation view: ids whose subtrees are folded away.
    pub collapsed: std::collections::HashSet<String>,
    /// Legend filters switched off (see [`SceneOptions::hidden`]).
    pub hidden: std::collections::BTreeSet<String>,
}

impl ExportOptions {
    pub fn new(view: View, lang: Lang, format: Format) -> ExportOptions {
        ExportOptions {
            view,
            lang,
            theme: Theme::Light,
            background: Background::Theme,
            format,
            scale: 1.0,
            direction: Direction::LeftRight,
            compact: false,
            focus: None,
            collapsed: Default::default(),
            hidden: Default::default(),
        }
    }

    /// The scene options these export options imply: the projector theme brings its
    /// large type scale, so the diagram reflows rather than being enlarged.
    pub fn scene_options(&self) -> SceneOptions {
        let mut o = SceneOptions::new(self.lang);
        o.scale = if self.theme == Theme::Projector {
            TypeScale::PROJECTOR
        } else {
            TypeScale::STANDARD
        };
        o.direction = self.direction;
        o.compact = self.compact;
        o.focus = self.focus.clone();
        o.collapsed = self.collapsed.clone();
        o.hidden = self.hidden.clone();
        o
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Png(#[from] PngError),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The bytes of one export.
pub fn export(dataset: &Dataset, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    let scene = views::scene(dataset, options.view, &options.scene_options());
    let svg = render::svg(
        &scene,
        &SvgOptions {
            theme: options.theme,
            background: options.background,
            legend: true,
        },
    );
    Ok(match options.format {
        Format::Svg => svg.into_bytes(),
        Format::Png => render::png(&scene, &svg, options.scale)?,
    })
}

/// Writes `bytes` to `path` atomically: into a temporary file in the same folder,
/// flushed to disk, then renamed over the target. An interrupted export leaves the
/// old file (if any) untouched and no half-written file behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let err = |source| ExportError::Write {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| {
        err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the path names no file",
        ))
    })?;
    let mut n = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(
            ".{}.{}-{n}.orgpath-tmp",
            name.to_string_lossy(),
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(err(e)),
        }
    };
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(err(e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_whole_files_and_leaves_no_temporary() {
        let dir = std::env::temp_dir().join(format!("orgpath-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.svg");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second, longer").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second, longer");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.svg")]);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = std::env::temp_dir().join(format!("orgpath-atomic-fail-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.png");
        write_atomic(&path, b"old").unwrap();
        // A folder where the file should go: the rename fails, the temporary goes.
        let blocked = dir.join("sub");
        std::fs::create_dir_all(blocked.join("x")).unwrap();
        assert!(write_atomic(&blocked, b"new").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        let stray: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("orgpath-tmp"))
            .collect();
        assert!(stray.is_empty(), "{stray:?}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
