//! orgpath's questions and view-model, and the core's front door: the top floor.
//!
//! Owns what the window and the command line ask of a dataset: search ([`search`]),
//! paths between units, career routes and the outline ([`explore`]), and the IPC view-model, what the
//! window gets for each request (scene geometry and the SVG to show, details, export
//! requests: [`view_model`]), with their TypeScript declarations ([`bindings`]). It
//! may use every floor below and must not know Tauri, GTK or the window's code.
//!
//! As the front door it also re-exports the floors under their own names and wires
//! the loaders to the views: [`load_json`], [`load_path`] and the rest check tours
//! against what each view draws, which the loader alone cannot know.
//!
//! The data path, floor by floor:
//! file → `orgpath-load` (bounded read, raw types, validation) → [`Dataset`]
//! (`orgpath-model`) → view → layout → scene (`orgpath-draw`) → SVG, PNG, PDF,
//! slides, export (`orgpath-render`) → queries and view-model (here) → the shell.

pub mod bindings;
pub mod explore;
pub mod search;
pub mod view_model;

use std::path::Path;

pub use orgpath_draw::views::ViewDrawings;
pub use orgpath_draw::{font, layout, scene, tour, views};
/// The loaders, without the views' checks: use the functions at this crate's root.
pub use orgpath_load as load;
pub use orgpath_load::{
    csv_header, parse_map, CsvHeader, Encoding, FieldGuess, LoadOptions, Loaded,
};
pub use orgpath_load::{generate, validate};
pub use orgpath_load::{is_relations_header, looks_like_relations};
pub use orgpath_model::{close, dataset, limits, locate, org_tree, problem, raw, vocab};
pub use orgpath_model::{
    Code, Dataset, Lang, Location, OrgTree, Problem, Report, Text, TreeNode, View, BUILTIN_JSON,
    BUILTIN_NAME,
};
pub use orgpath_render as render;
pub use orgpath_render::export;

/// Parses and validates the orgpath JSON format (see [`orgpath_load::load_json`]).
pub fn load_json(bytes: &[u8], file: &str) -> Result<Dataset, Report> {
    orgpath_load::load_json(bytes, file, &ViewDrawings)
}

/// Parses and validates a CSV file with the default options.
pub fn load_csv(bytes: &[u8], file: &str) -> Result<Dataset, Report> {
    orgpath_load::load_csv(bytes, file, &ViewDrawings)
}

/// Parses and validates a nodes CSV held in memory, read as `options` say.
pub fn load_csv_with(bytes: &[u8], file: &str, options: &LoadOptions) -> Result<Dataset, Report> {
    orgpath_load::load_csv_with(bytes, file, options, &ViewDrawings)
}

/// Reads and validates a dataset with the default options (see [`load_path`]).
pub fn load_file(path: &Path) -> Result<Dataset, Report> {
    orgpath_load::load_file(path, &ViewDrawings)
}

/// Reads and validates a dataset file of any kind orgpath opens (see
/// [`orgpath_load::load_path`]).
pub fn load_path(path: &Path, options: &LoadOptions) -> Result<Loaded, Report> {
    orgpath_load::load_path(path, options, &ViewDrawings)
}

/// Loads the built-in dataset. A test keeps it valid; the app still shows the report
/// rather than crashing if a broken file is ever embedded.
pub fn builtin() -> Result<Dataset, Report> {
    load_json(BUILTIN_JSON.as_bytes(), BUILTIN_NAME)
}
