//! Slides to a PDF deck, one page per slide, with krilla and krilla-svg.
//!
//! Each slide's SVG is read by usvg with the same font database the PNG painter uses
//! (the embedded Noto Sans JP only), and drawn onto a page with its text kept as text:
//! the fonts are embedded as subsets with a Unicode map, so captions and labels can be
//! searched, selected and copied, Japanese included.

use krilla::destination::XyzDestination;
use krilla::geom::{Point, Size};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::Document;
use krilla_svg::{SurfaceExt, SvgSettings};
use resvg::usvg;

use crate::scene::Lang;

use super::png::usvg_options;

/// A page in PDF points: 13.33 x 7.5 in, the usual widescreen slide.
pub const PAGE_WIDTH: f32 = 960.0;
pub const PAGE_HEIGHT: f32 = 540.0;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PdfError {
    #[error("the deck has no pages")]
    Empty,
    #[error("slide {page} could not be read: {message}")]
    Svg { page: usize, message: String },
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// One page of a deck: its SVG and the title of its bookmark.
pub struct Page<'a> {
    pub svg: &'a str,
    pub bookmark: String,
}

/// A deck of `pages`, titled `title`, in `lang`.
pub fn deck(pages: &[Page<'_>], title: &str, lang: Lang) -> Result<Vec<u8>, PdfError> {
    if pages.is_empty() {
        return Err(PdfError::Empty);
    }
    let options = usvg_options(lang);
    let size = Size::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("a positive page size");
    let mut document = Document::new();
    let mut outline = Outline::new();
    for (i, page) in pages.iter().enumerate() {
        let tree = usvg::Tree::from_str(page.svg, &options).map_err(|e| PdfError::Svg {
            page: i + 1,
            message: e.to_string(),
        })?;
        let mut p = document.start_page_with(PageSettings::new(size));
        let mut surface = p.surface();
        surface.draw_svg(
            &tree,
            size,
            SvgSettings {
                embed_text: true,
                ..SvgSettings::default()
            },
        );
        surface.finish();
        p.finish();
        outline.push_child(OutlineNode::new(
            page.bookmark.clone(),
            XyzDestination::new(i, Point::from_xy(0.0, 0.0)),
        ));
    }
    document.set_outline(outline);
    document.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language(lang.as_str().to_owned())
            .creator("orgpath".to_owned()),
    );
    document
        .finish()
        .map_err(|e| PdfError::Write(e.to_string()))
}
