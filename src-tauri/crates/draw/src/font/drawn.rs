//! Line breaks as the built-in dataset is drawn: every view and every tour step, at
//! the standard and the projector scale, read back from the scenes' text runs; and
//! the wrapping rules on its Japanese texts at any width.

use orgpath_model::{Lang, View};
use proptest::prelude::*;

use super::{bad_break, piece, wrap, Breaks, Metrics, Weight, ONCE_BROKEN};
use crate::scene::{Scene, TextRun, TypeScale};
use crate::views::{self, SceneOptions};

/// The breaks of one scene that are wrong: between consecutive lines of one text (runs
/// of one card, region or label with the same role, size and weight).
fn bad_breaks(scene: &Scene, what: &str) -> Vec<String> {
    let blocks = scene
        .cards
        .iter()
        .map(|c| &c.texts)
        .chain(scene.regions.iter().map(|r| &r.texts))
        .chain(scene.labels.iter().map(|l| &l.texts));
    let same = |a: &TextRun, b: &TextRun| {
        a.role == b.role && a.size == b.size && a.weight == b.weight && b.y > a.y
    };
    blocks
        .flat_map(|texts| texts.windows(2))
        .filter(|w| same(&w[0], &w[1]))
        .filter_map(|w| bad_break(&w[0].text, &w[1].text, ONCE_BROKEN))
        .map(|p| format!("{what}: {p}"))
        .collect()
}

/// Every scene the built-in dataset draws in Japanese: each view and each tour step,
/// at both scales.
fn builtin_scenes() -> Vec<(String, Scene)> {
    let d = crate::builtin();
    let mut out = Vec::new();
    for (name, scale) in [
        ("standard", TypeScale::STANDARD),
        ("projector", TypeScale::PROJECTOR),
    ] {
        let mut options = SceneOptions::new(Lang::Ja);
        options.scale = scale;
        for view in View::ALL {
            out.push((
                format!("{view:?} at {name}"),
                views::scene(&d, view, &options),
            ));
        }
        for tour in d.tours() {
            for i in 0..tour.steps.len() {
                let step = crate::tour::step(&d, &tour.id, i, &options).unwrap();
                out.push((format!("{} step {} at {name}", tour.id, i + 1), step.scene));
            }
        }
    }
    out
}

#[test]
fn builtin_drawings_break_japanese_between_phrases_and_keep_kinsoku() {
    let scenes = builtin_scenes();
    let problems: Vec<String> = scenes
        .iter()
        .flat_map(|(what, scene)| bad_breaks(scene, what))
        .collect();
    assert!(
        problems.is_empty(),
        "{} bad breaks:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // Not vacuous: the words are drawn whole. システム and 営業チーム are only in the
    // tours' captions, which the slides wrap (render::slide's tests check those).
    let drawn: String = scenes
        .iter()
        .flat_map(|(_, s)| s.texts().map(|t| t.text.as_str()))
        .collect();
    for w in ONCE_BROKEN {
        if !["システム", "営業チーム"].contains(w) {
            assert!(drawn.contains(w), "{w} is not drawn whole anywhere");
        }
    }
}

/// The Japanese texts of the built-in dataset, each once: from the list of their
/// phrases that the window's tests read (written by orgpath-explore's
/// `bindings::phrases`, which checks that it is current).
fn builtin_texts() -> Vec<String> {
    let cuts: Vec<Vec<String>> =
        serde_json::from_str(include_str!("../../../../../ui/src/generated/phrases.json"))
            .expect("ui/src/generated/phrases.json");
    cuts.into_iter().map(|c| c.concat()).collect()
}

/// The widest piece of `text` when it breaks `breaks`, trimmed, in px.
fn widest(text: &str, breaks: Breaks, size: f32, weight: Weight) -> f32 {
    let mut at = 0;
    let mut most = 0.0f32;
    while at < text.len() {
        let p = piece(text, at, breaks);
        let w = Metrics::get().width(text[at..p.end].trim_end(), size, weight);
        most = most.max(w);
        at = p.end;
    }
    most
}

/// Where each line after the first starts in `text`: the lines must be the text
/// itself, in order, less the spaces dropped at the breaks.
fn line_starts(text: &str, lines: &[String]) -> Vec<usize> {
    let mut at = 0;
    let mut starts = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            at += text[at..].len() - text[at..].trim_start_matches(' ').len();
            starts.push(at);
        }
        assert!(
            text[at..].starts_with(l.as_str()),
            "line {i} {l:?} is not the text at {at}: {text:?} as {lines:?}"
        );
        at += l.len();
    }
    assert!(
        text[at..].trim_matches(' ').is_empty(),
        "{:?} is lost from {text:?} as {lines:?}",
        &text[at..]
    );
    starts
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    /// With room for its widest unbreakable piece, a text wraps whole: the lines join
    /// back into it, none is wider than the limit, kinsoku holds at every break; and
    /// with room for its widest phrase, every break falls between phrases.
    #[test]
    fn japanese_wraps_whole_between_phrases(
        pick in any::<prop::sample::Index>(),
        cut in any::<(prop::sample::Index, prop::sample::Index)>(),
        size in prop::sample::select(vec![12.0f32, 14.0, 16.0, 24.0, 32.0]),
        bold in any::<bool>(),
        ems in 1.0f32..40.0,
    ) {
        let texts = builtin_texts();
        let whole = pick.get(&texts);
        // A stretch of it, so that breaks fall everywhere.
        let bounds: Vec<usize> = whole.char_indices().map(|(i, _)| i).chain([whole.len()]).collect();
        let (a, b) = (*cut.0.get(&bounds), *cut.1.get(&bounds));
        let text = &whole[a.min(b)..a.max(b)];
        let weight = if bold { Weight::Bold } else { Weight::Regular };
        let chars = widest(text, Breaks::Characters, size, weight);
        let max_width = (ems * size).max(chars);
        let lines = wrap(text, size, weight, max_width, usize::MAX);
        let starts = line_starts(text, &lines);
        let m = Metrics::get();
        for l in &lines {
            prop_assert!(m.width(l, size, weight) <= max_width, "{l:?} wider than {max_width}");
        }
        for w in lines.windows(2) {
            prop_assert_eq!(bad_break(&w[0], &w[1], &[]), None);
        }
        if max_width >= widest(text, Breaks::Phrases, size, weight) {
            let phrases = super::phrases(text);
            let mut ends = phrases.iter().scan(0, |at, p| { *at += p.len(); Some(*at) });
            for s in starts {
                prop_assert!(ends.any(|e| e == s), "a break at {} inside a phrase of {:?}", s, phrases);
            }
        }
    }

    /// At any width and line count, no line is wider than the limit unless it is a
    /// single character that cannot be broken (the ellipsis, at the narrowest).
    #[test]
    fn no_line_is_wider_than_the_limit(
        pick in any::<prop::sample::Index>(),
        size in prop::sample::select(vec![12.0f32, 16.0, 32.0]),
        max_width in -4.0f32..400.0,
        max_lines in 1usize..6,
    ) {
        let texts = builtin_texts();
        let text = pick.get(&texts);
        let lines = wrap(text, size, Weight::Regular, max_width, max_lines);
        prop_assert!(lines.len() <= max_lines);
        for l in &lines {
            prop_assert!(
                Metrics::get().width(l, size, Weight::Regular) <= max_width || l.chars().count() == 1,
                "{:?} is wider than {}", l, max_width
            );
        }
    }
}
