//! orgpath's vocabulary and data: the bottom floor.
//!
//! Owns the raw serde types of the file format ([`raw`]), the validated [`Dataset`]
//! (petgraph inside; indices never leave it) and its organisation tree
//! ([`org_tree`]), the closed sets of values every floor speaks ([`vocab`]), problems
//! with their places ([`problem`], [`locate`]), the size limits ([`limits`]) and the
//! close-match rule behind every "did you mean" ([`close`]).
//!
//! It may not know how files are read, how anything is drawn, or that a window
//! exists: no I/O, no layout, no Tauri. Every other crate builds on this one.

pub mod close;
pub mod dataset;
pub mod drawn;
pub mod limits;
pub mod locate;
pub mod org_tree;
pub mod problem;
pub mod raw;
pub mod vocab;

pub use dataset::{Dataset, Text};
pub use drawn::{Drawings, Drawn};
pub use org_tree::{OrgTree, TreeNode};
pub use problem::{Code, Location, Problem, Report};
pub use vocab::{Lang, View};

/// The built-in dataset's file name, as problems name it.
pub const BUILTIN_NAME: &str = "data/orgpath.json";

/// The built-in dataset, embedded so the app runs with no files beside it.
pub const BUILTIN_JSON: &str = include_str!("../../../../data/orgpath.json");
