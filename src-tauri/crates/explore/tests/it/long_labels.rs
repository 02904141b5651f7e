//! Texts far past the validation limits still draw fast: every view of a dataset
//! whose labels, titles and captions are 100,000 characters long exports to SVG, PNG
//! and PDF in under a second each, and so does its tour. Wrapping used to be quadratic
//! in a label's length (a 10,000-character label took 4 s, 100,000 never finished).
//!
//! Files are held to `limits::MAX_NAME_CHARS`, so the dataset is validated without
//! the length limits: the painters must not rely on them.

use std::time::{Duration, Instant};

use crate::common;

use orgpath_explore::export::{
    export, export_tour, ExportOptions, Format, TourExportOptions, TourFormat,
};
use orgpath_explore::raw::RawDataset;
use orgpath_explore::scene::{Lang, View};
use orgpath_explore::validate::{validate_with_text_limits, PointerOnly};
use orgpath_explore::views::SceneOptions;
use orgpath_explore::Dataset;

const LONG: usize = 100_000;

/// The tour fixture with a long text in every place a name is drawn: a Latin word
/// with no space to break at, Latin words, Japanese.
fn dataset() -> Dataset {
    let word = "x".repeat(LONG);
    let words = "word ".repeat(LONG / 5);
    let kanji = "長い名前の部署。".repeat(LONG / 8);
    let json = format!(
        r#"{{
  "format": "orgpath/1",
  "meta": {{"title": {{"ja": "{kanji}", "en": "{words}"}}, "focus": "support"}},
  "groups": [{{"id": "g", "label": {{"ja": "{kanji}", "en": "{word}"}}}}],
  "nodes": [
    {{"id": "co", "kind": "organisation", "label": {{"ja": "{kanji}", "en": "{words}"}},
      "title": {{"ja": "{kanji}", "en": "{words}"}}, "group": "g"}},
    {{"id": "support", "kind": "team", "label": {{"ja": "{word}", "en": "{word}"}},
      "description": {{"ja": "{kanji}", "en": "{words}"}}}},
    {{"id": "sales", "kind": "team", "label": {{"ja": "営業", "en": "Sales"}}}},
    {{"id": "clients", "kind": "external", "label": {{"ja": "{kanji}", "en": "{words}"}}}},
    {{"id": "junior", "kind": "career_stage", "label": {{"ja": "{kanji}", "en": "{words}"}}, "track": "t"}},
    {{"id": "senior", "kind": "career_stage", "label": {{"ja": "新人", "en": "Senior"}}, "track": "t"}}
  ],
  "hierarchy": [{{"child": "support", "parent": "co"}}, {{"child": "sales", "parent": "co"}}],
  "relation_kinds": [{{"id": "helps", "label": {{"ja": "{kanji}", "en": "{words}"}}}}],
  "relations": [
    {{"from": "support", "to": "clients", "kind": "helps", "label": {{"ja": "{kanji}", "en": "{word}"}}}},
    {{"from": "sales", "to": "support", "kind": "helps"}}
  ],
  "career": {{
    "tracks": [{{"id": "t", "label": {{"ja": "{kanji}", "en": "{words}"}}, "description": {{"ja": "{kanji}", "en": "{words}"}}}}],
    "capabilities": [{{"id": "c", "label": {{"ja": "{kanji}", "en": "{words}"}}, "description": {{"ja": "d", "en": "d"}}}}],
    "transitions": [{{"from": "junior", "to": "senior", "kind": "promotion",
      "label": {{"ja": "{kanji}", "en": "{words}"}}, "builds": ["c"]}}]
  }},
  "flows": [{{
    "id": "f",
    "label": {{"ja": "{kanji}", "en": "{words}"}},
    "steps": [
      {{"id": "ask", "label": {{"ja": "{kanji}", "en": "{word}"}}, "actor": "support"}},
      {{"id": "look", "label": {{"ja": "調べる", "en": "Look into it"}}}}
    ],
    "links": [{{"from": "ask", "to": "look", "label": {{"ja": "{kanji}", "en": "{words}"}}}}],
    "examples": [{{"id": "e", "label": {{"ja": "{kanji}", "en": "{words}"}},
      "description": {{"ja": "{kanji}", "en": "{words}"}}, "path": ["ask", "look"]}}]
  }}],
  "tours": [{{
    "id": "intro",
    "title": {{"ja": "{kanji}", "en": "{words}"}},
    "steps": [
      {{"view": "org", "spotlight": ["co"], "caption": {{"ja": "{kanji}", "en": "{words}"}}}},
      {{"view": "relationships", "spotlight": ["support"], "caption": {{"ja": "{kanji}", "en": "{word}"}}}},
      {{"view": "flow", "spotlight": ["ask"], "caption": {{"ja": "{kanji}", "en": "{words}"}}}}
    ]
  }}]
}}"#
    );
    let raw: RawDataset = serde_json::from_str(&json).unwrap();
    validate_with_text_limits(
        &raw,
        &PointerOnly,
        &orgpath_explore::ViewDrawings,
        usize::MAX,
        usize::MAX,
    )
    .unwrap_or_else(|p| panic!("{p:#?}"))
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    let took = started.elapsed();
    eprintln!("{what}: {took:?}");
    assert!(took < Duration::from_secs(1), "{what} took {took:?}");
    out
}

#[test]
fn every_view_with_100000_character_labels_exports_in_under_a_second() {
    let d = dataset();
    assert_eq!(d.node("co").unwrap().label.en.len(), LONG - 1, "trimmed");
    for view in View::ALL {
        for lang in [Lang::En, Lang::Ja] {
            for format in [Format::Svg, Format::Png, Format::Pdf] {
                let what = format!("{} {lang:?} {}", view.as_str(), format.extension());
                let bytes = timed(&what, || {
                    export(&d, &ExportOptions::new(view, lang, format))
                })
                .unwrap_or_else(|e| panic!("{what}: {e}"));
                assert!(!bytes.is_empty(), "{what}");
            }
        }
    }
}

#[test]
fn a_tour_with_100000_character_titles_and_captions_exports_in_under_a_second_a_slide() {
    let d = dataset();
    for format in [TourFormat::Pdf, TourFormat::Png { scale: 1.0 }] {
        let what = format!("tour {}", format.extension());
        let started = Instant::now();
        export_tour(&d, &TourExportOptions::new("intro", Lang::En, format))
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let took = started.elapsed();
        eprintln!("{what} (3 slides): {took:?}");
        assert!(took < Duration::from_secs(3), "{what} took {took:?}");
    }
}

#[test]
fn long_labels_are_cut_rather_than_widening_the_drawing() {
    let d = dataset();
    for lang in [Lang::En, Lang::Ja] {
        for (view, scene) in common::every_view(&d, &SceneOptions::new(lang)) {
            // A few cards and columns wide: a 100,000-character name drawn whole
            // would make it hundreds of thousands of pixels wide.
            assert!(
                scene.width < 3000.0 && scene.height < 3000.0,
                "{} {lang:?}: {} x {}",
                view.as_str(),
                scene.width,
                scene.height
            );
        }
    }
}
