//! Every integration test of the core, one binary (fast to link), one module a
//! subject, as ripgrep's `tests/tests.rs`. They run the front door, `orgpath_explore`,
//! as the app and the command line do.

// Shared helpers: option sets, geometry predicates, the load-then-every-view harness.
mod common;

// The career paths view.
mod career;
// Colours and line styles told apart: relation kinds, twelve groups and more.
mod colours;
// The built-in dataset holds everything CONTENT.md asks for.
mod content;
// CSV files as real exports write them.
mod csv;
// Deep structures and the size limits.
mod deep;
// CSV encodings: UTF-8, UTF-16, Shift_JIS.
mod encodings;
// The explorer: search, paths, career routes, outline.
mod explore;
// The organisation tree fitted to a box.
mod fit;
// The inquiry flow view.
mod flow;
// Three hundred groups: each its own legend entry, filter and accent.
mod groups;
// Generated files (schema, TypeScript) are not stale.
mod generated;
// The built-in drawings, byte for byte.
mod golden;
// Hostile files refused early.
mod hostile;
// Every problem in Japanese as well as English, and in the window's words.
mod japanese;
// A large organisation opens folded.
mod large;
// Texts past the limits still draw fast.
mod long_labels;
// Files of people as other tools write them.
mod people;
// Property tests of the loaders.
mod props;
// The relationship map.
mod relationships;
// The painters: SVG, PNG, PDF.
mod render;
// Robustness properties beside the fuzz targets.
mod robust;
// Slides readable from the back row.
mod slides_read;
// Tours on screen and on slides.
mod tours;
// Properties of the tree layout.
mod tree_layout;
// A fixture per validation rule.
mod validation;
