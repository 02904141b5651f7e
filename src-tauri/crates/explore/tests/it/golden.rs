//! The drawings of the built-in dataset, byte for byte: every view in both languages
//! and three themes as `orgpath export` writes it (SVG), as the window gets it (the
//! view payload's SVG, fitted to a 1280x800 window and unfitted), and every tour step
//! as its slide. The files in `tests/golden/` were written before the core was split
//! into crates; a restructuring must leave them unchanged.
//!
//! `ORGPATH_GOLDEN=write cargo test --test golden` rewrites them after a deliberate
//! change of the drawing (then look at the diff).

use std::path::PathBuf;

use orgpath_explore::export::{export, ExportOptions, Format};
use orgpath_explore::layout::tidy::Direction;
use orgpath_explore::render::Theme;
use orgpath_explore::scene::{Lang, View};

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Every drawing, by file name.
fn drawings() -> Vec<(String, String)> {
    let dataset = orgpath_explore::builtin().unwrap();
    let mut out = Vec::new();
    for view in ["org", "relationships", "career", "flow"] {
        for lang in ["ja", "en"] {
            for theme in ["light", "dark", "projector"] {
                let mut options = ExportOptions::new(
                    View::parse(view).unwrap(),
                    Lang::parse(lang).unwrap(),
                    Format::Svg,
                );
                options.theme = Theme::parse(theme).unwrap();
                options.choose_arrangement(&dataset);
                let svg = export(&dataset, &options).unwrap();
                out.push((
                    format!("export-{view}-{lang}-{theme}.svg"),
                    String::from_utf8(svg).unwrap(),
                ));
            }
            for (fit, viewport) in [
                ("fit", r#","viewport":{"width":1280,"height":800}"#),
                ("whole", ""),
            ] {
                let request = format!(
                    r#"{{"view":"{view}","lang":"{lang}","theme":"light","direction":"auto","compact":false,"collapsed":[]{viewport}}}"#
                );
                let request = serde_json::from_str(&request).unwrap();
                let payload = orgpath_explore::view_model::view(&dataset, &request).unwrap();
                out.push((format!("window-{view}-{lang}-{fit}.svg"), payload.svg));
            }
        }
    }
    for tour in ["css-relationships", "inquiry-journey", "career-tracks"] {
        for lang in ["ja", "en"] {
            let slides = orgpath_explore::export::tour_slides(
                &dataset,
                tour,
                Lang::parse(lang).unwrap(),
                Theme::Projector,
                Direction::LeftRight,
            )
            .unwrap();
            for (i, s) in slides.into_iter().enumerate() {
                out.push((format!("slide-{tour}-{lang}-{:02}.svg", i + 1), s.svg));
            }
        }
    }
    out
}

#[test]
fn builtin_drawings_are_unchanged() {
    let dir = golden_dir();
    let write = std::env::var("ORGPATH_GOLDEN").as_deref() == Ok("write");
    let mut changed = Vec::new();
    let all = drawings();
    assert!(all.len() >= 60, "{} drawings", all.len());
    for (name, svg) in &all {
        let path = dir.join(name);
        if write {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, svg).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (ORGPATH_GOLDEN=write writes it)", path.display()));
        if &want != svg {
            changed.push(name.clone());
        }
    }
    assert!(
        changed.is_empty(),
        "drawings changed: {changed:?} (if on purpose, look at them, then ORGPATH_GOLDEN=write rewrites them)"
    );
}
