//! The window's fonts, served from the bytes the exporter embeds (`fonts://localhost/…`,
//! the page's `@font-face`): one copy of Noto Sans JP in the binary, not a second one
//! among the page's assets, and no decompression at start-up. Tauri keeps the page's
//! assets brotli-compressed in the binary and unpacks each on request: the two 5.4 MB
//! fonts were 11 MB more binary and a decompression before the first diagram.

use std::borrow::Cow;

use orgpath_explore::font::{BOLD, REGULAR};
use tauri::http::{Response, StatusCode};

/// The URI scheme the page loads its fonts from (the CSP's `font-src` names it).
pub const SCHEME: &str = "fonts";

/// The answer to a request for `path` on [`SCHEME`]: one of the two fonts, or 404.
pub fn respond(path: &str) -> Response<Cow<'static, [u8]>> {
    let body = match path {
        "/NotoSansJP-Regular.ttf" => REGULAR,
        "/NotoSansJP-Bold.ttf" => BOLD,
        _ => {
            return Response::builder()
                .status(StatusCode::NOT_FOUND)
                .body(Cow::Borrowed(&[][..]))
                .expect("a static response");
        }
    };
    Response::builder()
        .header("Content-Type", "font/ttf")
        // The page (tauri://localhost) is another origin: fonts need CORS.
        .header("Access-Control-Allow-Origin", "*")
        .body(Cow::Borrowed(body))
        .expect("a static response")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_gets_the_exporters_fonts_and_nothing_else() {
        assert_eq!(respond("/NotoSansJP-Regular.ttf").body().as_ref(), REGULAR);
        assert_eq!(respond("/NotoSansJP-Bold.ttf").body().as_ref(), BOLD);
        assert_eq!(respond("/../Cargo.toml").status(), StatusCode::NOT_FOUND);
        assert_eq!(
            respond("/NotoSansJP-Regular.ttf").headers()["Content-Type"],
            "font/ttf"
        );
    }

    /// The page's `@font-face` rules name exactly these files on this scheme.
    #[test]
    fn the_page_asks_for_these_fonts() {
        let css = include_str!("../../ui/src/style.css");
        for file in ["NotoSansJP-Regular.ttf", "NotoSansJP-Bold.ttf"] {
            assert!(
                css.contains(&format!("url(\"{SCHEME}://localhost/{file}\")")),
                "{file}"
            );
        }
    }
}
