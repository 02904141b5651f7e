//! Export: a view of a dataset to SVG, PNG or PDF bytes, and an atomic file write.
//!
//! The CLI (`orgpath export`) and the window's Export both call [`export`], so the
//! same options give the same bytes.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::pdf::{self, Paper, PdfError};
use crate::png::{MAX_PIXELS, MAX_SCALE, MAX_SIDE, MIN_SCALE};
use crate::slide::{self, Slide};
use crate::{Background, PngError, SvgOptions, Theme};
use orgpath_draw::scene::{Lang, TypeScale, View};
use orgpath_draw::views::{self, Direction, SceneOptions};
use orgpath_model::both;
use orgpath_model::dataset::Dataset;
use orgpath_model::Text;

/// The file format of an export of one view: "svg", "png" or "pdf".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Format {
    Svg,
    Png,
    /// A poster: one page, or an overview and tiles (see [`pdf::poster`]).
    Pdf,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Svg, Format::Png, Format::Pdf];

    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            "pdf" => Some(Format::Pdf),
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
            Format::Pdf => "pdf",
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
    /// PNG only: pixels per drawing pixel, [`MIN_SCALE`] to [`MAX_SCALE`]; the
    /// largest scale up to this that fits the pixel limits is used.
    pub scale: f32,
    /// PNG only: fit the image into this box instead of using `scale`.
    pub fit: Option<Fit>,
    /// PDF only: the paper; None gives small drawings a page of their own size and
    /// tiles large ones on A4.
    pub paper: Option<Paper>,
    pub direction: Direction,
    pub compact: bool,
    /// Organisation view, compact: the grids' column factor (see
    /// [`SceneOptions::columns`]).
    pub columns: f32,
    /// Organisation view, compact: grids shaped to a box of this width ÷ height
    /// instead of `columns` (see [`SceneOptions::shape`]).
    pub shape: Option<f32>,
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
            fit: None,
            paper: None,
            direction: Direction::LeftRight,
            compact: false,
            columns: SceneOptions::new(lang).columns,
            shape: None,
            focus: None,
            collapsed: Default::default(),
            hidden: Default::default(),
        }
    }

    /// Organisation view: picks the direction, compaction and grid columns that fit
    /// the drawing best into the box the export fills (the `--fit` box, the paper, or
    /// else a 16:9 screen), the choice the window makes for its own size. Nothing is
    /// folded: an export holds the whole tree. Person data keeps top-down unless
    /// another arrangement fits clearly better.
    pub fn choose_arrangement(&mut self, dataset: &Dataset) {
        use orgpath_draw::views::org::{fit, prefers_top_down, FitTarget};
        if self.view != View::Org {
            return;
        }
        // A paper is turned to the drawing's shape, so both ways round are tried.
        let boxes: Vec<(f32, f32)> = match (self.fit, self.paper) {
            (Some(Fit::Pixels { width, height }), _) => vec![(width as f32, height as f32)],
            (Some(Fit::Paper(p)), _) | (None, Some(p)) => {
                vec![(p.width, p.height), (p.height, p.width)]
            }
            (None, None) => vec![(1920.0, 1080.0)],
        };
        let options = self.scene_options();
        let prefers_top_down = prefers_top_down(dataset);
        let chosen = boxes
            .into_iter()
            .map(|(width, height)| {
                let target = FitTarget {
                    width,
                    height,
                    auto: true,
                    prefers_top_down,
                    fold: false,
                };
                fit(dataset, &options, target)
            })
            .reduce(|a, b| if b.zoom > a.zoom { b } else { a })
            .expect("one box at least")
            .arrangement;
        self.direction = chosen.direction;
        self.compact = chosen.compact;
        self.columns = chosen.columns;
        self.shape = chosen.shape;
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
        o.columns = self.columns;
        o.shape = self.shape;
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
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// An unknown tour or step.
    #[error("{0}")]
    Tour(String),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The largest scale at which a `w` x `h` drawing stays inside a `bw` x `bh` pixel box.
/// The plain ratio is not enough: the image's sides are rounded up (so no drawing is
/// cut), and a ratio a hair over the exact one made `--fit 1000x1000` 1001 px tall.
fn scale_into((w, h): (f32, f32), (bw, bh): (f32, f32)) -> f32 {
    let mut scale = (bw / w.max(1.0)).min(bh / h.max(1.0));
    // The overshoot is a rounding error: a step or two down is enough.
    for _ in 0..64 {
        let (pw, ph) = crate::png::pixels(w, h, scale);
        if pw as f32 <= bw && ph as f32 <= bh {
            return scale;
        }
        scale = scale.next_down();
    }
    scale * 0.999
}

/// The box a PNG is fitted into.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fit {
    Pixels {
        width: u32,
        height: u32,
    },
    /// A paper size at [`FIT_DPI`], turned to match the drawing.
    Paper(Paper),
}

/// The resolution `--fit a4` and the other paper sizes mean: good print quality, and
/// an A4 page (1240x1754 px) stays a modest file.
pub const FIT_DPI: f32 = 150.0;

impl Fit {
    /// "1920x1080" (any WxH), "hd" (1920x1080), "4k" (3840x2160), or a paper size
    /// ("a4", "a3", "letter", …) at [`FIT_DPI`].
    pub fn parse(s: &str) -> Result<Fit, String> {
        let lower = s.trim().to_ascii_lowercase();
        match lower.as_str() {
            "hd" | "1080p" => {
                return Ok(Fit::Pixels {
                    width: 1920,
                    height: 1080,
                })
            }
            "4k" | "uhd" => {
                return Ok(Fit::Pixels {
                    width: 3840,
                    height: 2160,
                })
            }
            _ => {}
        }
        if let Some(p) = Paper::parse(&lower) {
            return Ok(Fit::Paper(p));
        }
        let bad = || {
            format!(
                "\"{s}\" is not a size: use WIDTHxHEIGHT in pixels (e.g. 1920x1080), hd, 4k, or a paper size ({})",
                Paper::names()
            )
        };
        let (w, h) = lower.split_once('x').ok_or_else(bad)?;
        let (w, h): (u32, u32) = (
            w.trim().parse().map_err(|_| bad())?,
            h.trim().parse().map_err(|_| bad())?,
        );
        if w < 16 || h < 16 {
            return Err(format!("{s}: a side must be at least 16 px"));
        }
        Ok(Fit::Pixels {
            width: w,
            height: h,
        })
    }

    /// The box in pixels for a `w` x `h` drawing (papers turn to match it).
    pub fn pixels(self, w: f32, h: f32) -> (f32, f32) {
        match self {
            Fit::Pixels { width, height } => (width as f32, height as f32),
            Fit::Paper(p) => {
                let (a, b) = p.oriented(w, h);
                ((a / 72.0 * FIT_DPI).round(), (b / 72.0 * FIT_DPI).round())
            }
        }
    }

    /// As the user would write it: "1920x1080", "a4 at 150 dpi".
    pub fn describe(self) -> String {
        match self {
            Fit::Pixels { width, height } => format!("{width}x{height} px"),
            Fit::Paper(p) => format!("{} at {FIT_DPI} dpi", p.name.to_uppercase()),
        }
    }
}

/// One export: its bytes, and what the user should know about how it was made, in
/// both languages (the window shows its own; the command line prints the English).
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub bytes: Vec<u8>,
    /// What was made, e.g. "1195x17868 px" or "12 pages on A4".
    pub summary: Text,
    /// Set when the export differs from what was asked: a PNG drawn at a smaller scale
    /// to fit the pixel limits, a poster whose type is smaller than readable.
    pub note: Option<Note>,
}

/// A note on an export: in the window's words, and as the command line says it (which
/// names its flags where the window names its choices).
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub text: Text,
    pub cli: String,
}

/// The bytes of one export.
pub fn export(dataset: &Dataset, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    export_file(dataset, options).map(|e| e.bytes)
}

/// One export, with its summary and any note about sizes (see [`Exported`]).
pub fn export_file(dataset: &Dataset, options: &ExportOptions) -> Result<Exported, ExportError> {
    let scene = views::scene(dataset, options.view, &options.scene_options());
    let svg_options = SvgOptions {
        theme: options.theme,
        background: options.background,
        legend: true,
    };
    match options.format {
        Format::Svg => {
            let svg = crate::svg(&scene, &svg_options);
            let n = svg.len();
            Ok(Exported {
                summary: both!("{n} bytes", "{n} バイト"),
                bytes: svg.into_bytes(),
                note: None,
            })
        }
        Format::Png => {
            let (w, h) = crate::svg::canvas_size(&scene, &svg_options);
            let wanted = match options.fit {
                Some(fit) => {
                    let (bw, bh) = fit.pixels(w, h);
                    scale_into((w, h), (bw, bh))
                }
                None => {
                    if !(MIN_SCALE..=MAX_SCALE).contains(&options.scale) {
                        return Err(PngError::Scale(options.scale).into());
                    }
                    options.scale
                }
            };
            let raster = crate::png::scene_png(&scene, &svg_options, wanted)?;
            let (width, height, scale) = (raster.width, raster.height, short(raster.scale));
            let summary = both!(
                "{width}x{height} px at scale {scale}",
                "{width}×{height} px（倍率 {scale}）"
            );
            let note = (raster.scale < wanted).then(|| {
                let (ww, wh) = crate::png::pixels(w, h, wanted);
                let want = short(wanted);
                let asked = match options.fit {
                    Some(fit) => both!(
                        "fitted into {fit} (scale {want})",
                        "{fit} に合わせた（倍率 {want}）",
                        fit = fit.describe()
                    ),
                    None => both!("at scale {want}", "倍率 {want} の"),
                };
                let text = both!(
                    "the image {asked} would be {ww}x{wh} px, over the PNG limits ({MAX_SIDE} px a side, {mpx} Mpx in all); drawn at scale {scale} ({width}x{height} px) instead. For full detail export PDF or SVG",
                    "{asked}画像は {ww}×{wh} px になり、PNG の上限（1 辺 {MAX_SIDE} px、全体で {mpx} Mpx）を超えるので、倍率 {scale}（{width}×{height} px）で描きました。細部まで残すには PDF か SVG で書き出してください",
                    mpx = MAX_PIXELS / (1024 * 1024);
                    asked = asked
                );
                Note {
                    cli: text.en.clone(),
                    text,
                }
            });
            Ok(Exported {
                bytes: raster.png,
                summary,
                note,
            })
        }
        Format::Pdf => {
            let mut missing = crate::png::missing_glyphs(&scene);
            missing.extend(
                orgpath_draw::font::Metrics::get()
                    .missing(&scene.title, orgpath_draw::font::Weight::Bold),
            );
            missing.sort_unstable();
            missing.dedup();
            if !missing.is_empty() {
                return Err(PngError::MissingGlyphs { chars: missing }.into());
            }
            let title = if scene.title.is_empty() {
                "orgpath".to_owned()
            } else {
                scene.title.clone()
            };
            let poster = pdf::poster(&scene, &svg_options, options.paper, &title)?;
            let plan = &poster.plan;
            let paper = plan.paper.map_or_else(
                || both!("a page the drawing's size", "図の大きさのページ"),
                |p| {
                    let p = p.to_uppercase();
                    both!("{p}", "{p}")
                },
            );
            let pt = format!("{:.1}", plan.title_pt);
            let summary = if plan.single() {
                both!("1 page, {paper}", "1 ページ（{paper}）"; paper = paper)
            } else {
                both!(
                    "{pages} pages on {paper}: an overview and {tiles} tiles ({rows} rows x {cols} columns), card titles at {pt} pt",
                    "{paper} に {pages} ページ: 全体図と {tiles} 枚の分割（{rows} 行 × {cols} 列）、カードの題は {pt} pt",
                    pages = plan.pages(),
                    tiles = plan.tiles.len(),
                    rows = plan.rows,
                    cols = plan.cols;
                    paper = paper
                )
            };
            let note = (!plan.single() && plan.title_pt < pdf::READABLE_PT - 0.05).then(|| {
                let (readable, most) = (pdf::READABLE_PT, pdf::MAX_PAGES);
                // The command line names its flag, the window its paper choice.
                let said = |paper: &str| {
                    format!("card titles print at {pt} pt, below the {readable} pt readable size, to keep to {most} pages; a larger {paper} (a3, a2, a1) gives larger type, and SVG keeps every detail")
                };
                Note {
                    text: Text {
                        en: said("paper"),
                        ja: format!("{most} ページに収めるため、カードの題は読みやすい大きさ {readable} pt より小さい {pt} pt で印刷されます。大きな用紙（A3・A2・A1）を選ぶと文字が大きくなり、SVG なら細部まで残ります"),
                    },
                    cli: said("--paper"),
                }
            });
            Ok(Exported {
                bytes: poster.pdf,
                summary,
                note,
            })
        }
    }
}

/// A scale as people write it: "0.25", "1", "0.472".
fn short(scale: f32) -> String {
    let s = format!("{scale:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The file format of a tour's slides: "png" (one file per step) or "pdf" (a deck).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum SlideFormat {
    Png,
    Pdf,
}

impl SlideFormat {
    pub const ALL: [SlideFormat; 2] = [SlideFormat::Png, SlideFormat::Pdf];
}

/// How a tour is exported.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TourFormat {
    /// One PNG per step: scale 1 is 1920x1080, scale 2 is 3840x2160.
    Png { scale: f32 },
    /// One PDF deck, one page per step, its text kept as text.
    Pdf,
}

impl TourFormat {
    /// The format, and the PNG height in px (1080 or 2160).
    pub fn new(format: SlideFormat, size: u32) -> Result<TourFormat, String> {
        let scale = match size {
            1080 => 1.0,
            2160 => 2.0,
            _ => return Err(format!("size must be 1080 or 2160, not {size}")),
        };
        Ok(match format {
            SlideFormat::Png => TourFormat::Png { scale },
            SlideFormat::Pdf => TourFormat::Pdf,
        })
    }

    pub fn extension(self) -> &'static str {
        match self {
            TourFormat::Png { .. } => "png",
            TourFormat::Pdf => "pdf",
        }
    }
}

#[derive(Debug, Clone)]
pub struct TourExportOptions {
    pub tour: String,
    pub lang: Lang,
    /// The projector theme by default: slides are for a room.
    pub theme: Theme,
    pub format: TourFormat,
    /// Organisation-view steps: which way the tree grows.
    pub direction: Direction,
}

impl TourExportOptions {
    pub fn new(tour: &str, lang: Lang, format: TourFormat) -> TourExportOptions {
        TourExportOptions {
            tour: tour.to_owned(),
            lang,
            theme: Theme::Projector,
            format,
            direction: Direction::LeftRight,
        }
    }
}

/// What a tour export writes.
#[derive(Debug, Clone, PartialEq)]
pub enum TourFiles {
    /// One PNG per step, in order.
    Png(Vec<Vec<u8>>),
    Pdf(Vec<u8>),
}

/// Every step of a tour as a slide. Slides always use the projector's type scale: they
/// are shown on a 1920x1080 screen whatever their colours.
pub fn tour_slides(
    dataset: &Dataset,
    tour: &str,
    lang: Lang,
    theme: Theme,
    direction: Direction,
) -> Result<Vec<Slide>, ExportError> {
    let tour = orgpath_draw::tour::find(dataset, tour).map_err(ExportError::Tour)?;
    let mut options = SceneOptions::new(lang);
    options.scale = TypeScale::PROJECTOR;
    options.direction = direction;
    (0..tour.steps.len())
        .map(|i| {
            let step = orgpath_draw::tour::step(dataset, &tour.id, i, &options)
                .map_err(ExportError::Tour)?;
            Ok(slide::slide(&step, theme))
        })
        .collect()
}

/// The bytes of a tour export.
pub fn export_tour(
    dataset: &Dataset,
    options: &TourExportOptions,
) -> Result<TourFiles, ExportError> {
    let slides = tour_slides(
        dataset,
        &options.tour,
        options.lang,
        options.theme,
        options.direction,
    )?;
    match options.format {
        TourFormat::Png { scale } => {
            // Rasterising is most of the time: one slide per core.
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
            let chunk = slides.len().div_ceil(threads).max(1);
            let pngs: Vec<Result<Vec<Vec<u8>>, PngError>> = std::thread::scope(|s| {
                let handles: Vec<_> = slides
                    .chunks(chunk)
                    .map(|part| s.spawn(move || part.iter().map(|sl| sl.png(scale)).collect()))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("a slide renderer does not panic"))
                    .collect()
            });
            let mut out = Vec::with_capacity(slides.len());
            for part in pngs {
                out.extend(part?);
            }
            Ok(TourFiles::Png(out))
        }
        TourFormat::Pdf => {
            let tour =
                orgpath_draw::tour::find(dataset, &options.tour).map_err(ExportError::Tour)?;
            for sl in &slides {
                let mut missing = crate::png::missing_glyphs(&sl.scene);
                missing.extend(crate::png::missing_in(&sl.texts));
                missing.sort_unstable();
                missing.dedup();
                if !missing.is_empty() {
                    return Err(PngError::MissingGlyphs { chars: missing }.into());
                }
            }
            let pages: Vec<pdf::Page<'_>> = slides
                .iter()
                .zip(&tour.steps)
                .enumerate()
                .map(|(i, (sl, st))| pdf::Page {
                    svg: &sl.svg,
                    bookmark: format!("{}. {}", i + 1, options.lang.pick(&st.caption)),
                })
                .collect();
            Ok(TourFiles::Pdf(pdf::deck(
                &pages,
                options.lang.pick(&tour.title),
                options.lang,
            )?))
        }
    }
}

/// Where a tour's PNG slides go: `PATH/01-<tour>.png`, … in the folder `PATH`; or, when
/// `PATH` names a .png file, `PATH-01.png`, … beside it (`deck.png` gives
/// `deck-01.png`).
pub fn png_paths(path: &Path, tour: &str, count: usize) -> Vec<PathBuf> {
    let as_file = Format::of_path(path) == Some(Format::Png);
    (1..=count)
        .map(|n| {
            if as_file {
                let stem = path
                    .file_stem()
                    .map_or_else(|| "slide".to_owned(), |s| s.to_string_lossy().into_owned());
                path.with_file_name(format!("{stem}-{n:02}.png"))
            } else {
                path.join(format!("{n:02}-{tour}.png"))
            }
        })
        .collect()
}

/// Writes a tour export to `path` (see [`png_paths`] for PNG sets; a PDF goes to `path`
/// itself), each file atomically. Returns the files written.
pub fn write_tour(files: &TourFiles, path: &Path, tour: &str) -> Result<Vec<PathBuf>, ExportError> {
    match files {
        TourFiles::Pdf(bytes) => {
            write_atomic(path, bytes)?;
            Ok(vec![path.to_owned()])
        }
        TourFiles::Png(pngs) => {
            let paths = png_paths(path, tour, pngs.len());
            if let Some(dir) = paths.first().and_then(|p| p.parent()) {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(dir).map_err(|source| ExportError::Write {
                        path: dir.to_owned(),
                        source,
                    })?;
                }
            }
            for (p, bytes) in paths.iter().zip(pngs) {
                write_atomic(p, bytes)?;
            }
            Ok(paths)
        }
    }
}

/// Writes `bytes` to `path` atomically: into a temporary file in the same folder,
/// flushed to disk, then renamed over the target. An interrupted export leaves the
/// old file (if any) untouched and no half-written file behind: a failed write or
/// rename drops the temporary, which removes it; one a killed process left is
/// removed by the next write to the same target (`clear_stale_temporaries`).
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
    let name = name.to_string_lossy();
    clear_stale_temporaries(&dir, &name);
    let mut tmp = temporary(&dir, &name).map_err(err)?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    // The rename is durable once the folder's entry is on disk too; without this a
    // power cut just after could bring back the old file. Not every platform lets a
    // folder be opened for this, so a failure here is not an error.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A new temporary file in `dir` for the target `name`: `.NAME.PID-N.orgpath-tmp`, N
/// the first number free. The process id in the name tells a later write whether
/// the file's writer is gone (see [`clear_stale_temporaries`]). Created with the
/// permissions a new file gets (0666 less the umask), not tempfile's private 0600:
/// it becomes the exported file.
fn temporary(dir: &Path, name: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let pid = std::process::id();
    let mut n = 0u32;
    loop {
        let mut builder = tempfile::Builder::new();
        let prefix = format!(".{name}.{pid}-{n}");
        builder.prefix(&prefix).suffix(".orgpath-tmp").rand_bytes(0);
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        match builder.tempfile_in(dir) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            made => return made,
        }
    }
}

/// Removes temporary files that earlier writes to the same target left when their
/// process was killed (`.NAME.PID-N.orgpath-tmp`, PID no longer running). Only files
/// of that exact shape are touched.
fn clear_stale_temporaries(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(rest) = file
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|f| f.strip_suffix(".orgpath-tmp"))
        else {
            continue;
        };
        let Some(pid) = rest.split_once('-').and_then(|(pid, n)| {
            n.parse::<u32>().ok()?;
            pid.parse::<u32>().ok()
        }) else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a process runs. On Linux /proc tells; elsewhere orgpath cannot tell cheaply
/// and assumes it does, so nothing another process may still be writing is removed.
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder of this test process, named by `tag`.
    fn scratch(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("orgpath-atomic-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn atomic_write_replaces_whole_files_and_leaves_no_temporary() {
        let dir = scratch("plain");
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
        let dir = scratch("fail");
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

    #[cfg(unix)]
    #[test]
    fn an_atomic_write_gets_a_new_file_s_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("mode");
        let plain = dir.join("plain.svg");
        std::fs::write(&plain, b"x").unwrap();
        let atomic = dir.join("atomic.svg");
        write_atomic(&atomic, b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&atomic), mode(&plain));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_write_clears_the_temporaries_of_dead_writers_to_its_target() {
        let dir = scratch("stale");
        // No process has this id (Linux's largest is 2^22); another target's is kept.
        let stale = dir.join(".out.svg.99999999-0.orgpath-tmp");
        let other = dir.join(".other.svg.99999999-0.orgpath-tmp");
        std::fs::write(&stale, b"half").unwrap();
        std::fs::write(&other, b"half").unwrap();
        write_atomic(&dir.join("out.svg"), b"whole").unwrap();
        assert!(!stale.exists() || !cfg!(target_os = "linux"));
        assert!(other.exists());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_reduced_png_says_so_and_a_fitted_one_fills_its_box() {
        let d = crate::people(400, 2);
        let mut o = ExportOptions::new(View::Org, Lang::En, Format::Png);
        o.scale = 4.0;
        let e = export_file(&d, &o).unwrap();
        let note = e.note.expect("400 people at scale 4 are over the limits");
        assert!(
            note.cli.contains("drawn at scale") && note.cli.contains("PDF or SVG"),
            "{note:?}"
        );
        assert!(note.text.ja.contains("PDF か SVG"), "{note:?}");
        o.fit = Some(Fit::Pixels {
            width: 640,
            height: 480,
        });
        let e = export_file(&d, &o).unwrap();
        assert_eq!(e.note, None);
        let png = e.bytes;
        let n = |i: usize| u32::from_be_bytes(png[i..i + 4].try_into().unwrap());
        let (w, h) = (n(16), n(20));
        assert!(w <= 640 && h <= 480 && (w >= 639 || h >= 479), "{w}x{h}");
    }

    /// Every view, the built-in data and people's files of several sizes, every kind
    /// of box: the PNG never passes the box and fills it on one side.
    #[test]
    fn a_fitted_png_never_passes_its_box() {
        let mut data = vec![crate::builtin()];
        data.extend([10, 50, 200].map(|n| crate::people(n, 1)));
        let fits = ["hd", "1920x1080", "4k", "a4", "1000x1000", "777x333", "a3"];
        for d in &data {
            for view in [View::Org, View::Relationships, View::Career, View::Flow] {
                for fit in fits {
                    let mut o = ExportOptions::new(view, Lang::Ja, Format::Png);
                    o.fit = Some(Fit::parse(fit).unwrap());
                    let Ok(e) = export_file(d, &o) else { continue };
                    let png = e.bytes;
                    let n = |i: usize| u32::from_be_bytes(png[i..i + 4].try_into().unwrap());
                    let (w, h) = (n(16) as f32, n(20) as f32);
                    let scene = views::scene(d, view, &o.scene_options());
                    let svg_options = SvgOptions {
                        theme: o.theme,
                        background: o.background,
                        legend: true,
                    };
                    let (sw, sh) = crate::svg::canvas_size(&scene, &svg_options);
                    let (bw, bh) = o.fit.unwrap().pixels(sw, sh);
                    let what = format!("{view:?} --fit {fit}: {w}x{h} in {bw}x{bh}");
                    assert!(w <= bw && h <= bh, "{what}");
                    assert!(w >= bw - 1.0 || h >= bh - 1.0, "{what}");
                }
            }
        }
    }
}
