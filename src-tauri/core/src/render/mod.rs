//! Painters: scene to SVG (a pure formatter), and SVG to PNG with the embedded font.

pub mod png;
pub mod svg;
pub mod theme;

pub use png::{png, PngError};
pub use svg::{svg, SvgOptions};
pub use theme::{Background, Theme};
