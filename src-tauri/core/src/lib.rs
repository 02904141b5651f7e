//! orgpath's core: the data model, loaders, validation and queries.
//!
//! No Tauri and no GTK here, so everything builds and tests anywhere; the app shell
//! and the CLI are thin layers over these functions.
//!
//! The data path: bytes → [`load`] (positions kept) → [`validate`] (every problem at
//! once) → [`Dataset`] (petgraph) → queries such as [`Dataset::org_tree`].

pub mod bindings;
pub mod explore;
pub mod export;
pub mod font;
pub mod generate;
pub mod graph;
pub mod layout;
pub mod limits;
pub mod load;
pub mod locate;
pub mod model;
pub mod problem;
pub mod render;
pub mod scene;
pub mod tour;
pub mod tree;
pub mod validate;
pub mod views;
pub mod window;

pub use graph::{Dataset, Text};
pub use load::{
    csv_header, load_csv, load_csv_with, load_file, load_json, load_path, parse_map, CsvHeader,
    Encoding, FieldGuess, LoadOptions, Loaded,
};
pub use problem::{Code, Location, Problem, Report};
pub use tree::{OrgTree, TreeNode};

/// The built-in dataset's file name, as problems name it.
pub const BUILTIN_NAME: &str = "data/orgpath.json";

/// The built-in dataset, embedded so the app runs with no files beside it.
pub const BUILTIN_JSON: &str = include_str!("../../../data/orgpath.json");

/// Loads the built-in dataset. A test keeps it valid; the app still shows the report
/// rather than crashing if a broken file is ever embedded.
pub fn builtin() -> Result<Dataset, Report> {
    load_json(BUILTIN_JSON.as_bytes(), BUILTIN_NAME)
}
