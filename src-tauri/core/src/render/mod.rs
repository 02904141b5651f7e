//! Painters: scene to SVG (a pure formatter), and SVG to PNG with the embedded font;
//! a tour step as a slide, and slides as a PDF deck.

pub mod pdf;
pub mod png;
pub mod slide;
pub mod svg;
pub mod theme;

pub use png::{png, PngError};
pub use svg::{svg, SvgOptions};
pub use theme::{Background, Theme};
