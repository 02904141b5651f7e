//! orgpath's painters: a scene to files, the fourth floor.
//!
//! Owns the SVG writer (a pure formatter: the window shows its output and the exporter
//! saves it), PNG through resvg with the embedded font, PDF posters tiled without
//! cutting a card and PDF decks, tour steps as slides, the themes' colours, and the
//! export of whole files ([`export`]: written atomically). It reads scenes from
//! `orgpath-draw` and may not know how files are loaded or that a window exists.

mod clip;
pub mod export;
pub mod pdf;
pub mod png;
pub mod slide;
pub mod svg;
pub mod theme;

pub use png::{png, PngError};
pub use svg::{svg, SvgOptions};
pub use theme::{Background, Theme};

/// The built-in dataset, for tests of the painters.
#[cfg(test)]
pub(crate) fn builtin() -> orgpath_model::Dataset {
    let json = orgpath_model::BUILTIN_JSON.as_bytes();
    let views = orgpath_draw::views::ViewDrawings;
    orgpath_load::load_json(json, orgpath_model::BUILTIN_NAME, &views)
        .unwrap_or_else(|r| panic!("{r}"))
}

/// A generated organisation of `n` people, for tests of large drawings.
#[cfg(test)]
pub(crate) fn people(n: usize, seed: u64) -> orgpath_model::Dataset {
    let csv = orgpath_load::generate::people_csv(n, seed);
    let views = orgpath_draw::views::ViewDrawings;
    orgpath_load::load_csv(csv.as_bytes(), "p.csv", &views).unwrap_or_else(|r| panic!("{r}"))
}
