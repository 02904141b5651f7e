//! What both fuzz targets do with a load's result: a report must say something; a
//! dataset must draw. Any panic here (an assertion below, or one inside orgpath) is a
//! crash libFuzzer keeps as a reproducer.

use std::collections::HashSet;

use orgpath_explore::render::Theme;
use orgpath_explore::view_model::{self, DirectionChoice, ViewRequest};
use orgpath_explore::{Dataset, Lang, Report, View};

fn request(view: View, lang: Lang) -> ViewRequest {
    ViewRequest {
        view,
        lang,
        theme: Theme::Light,
        direction: DirectionChoice::Lr,
        compact: false,
        focus: None,
        collapsed: Vec::new(),
        hidden: Vec::new(),
        tour: None,
        step: None,
        viewport: None,
        user_folds: None,
        unfold: None,
        fold_level: None,
        reveal: None,
    }
}

fn well_formed(svg: &str, what: &str) {
    if let Err(e) = roxmltree::Document::parse(svg) {
        panic!("{what}: the SVG is not well-formed XML: {e}");
    }
}

/// Checks a load's result: problems are described, datasets draw.
pub fn exercise(result: Result<Dataset, Report>) {
    let d = match result {
        Ok(d) => d,
        Err(report) => {
            assert!(!report.problems.is_empty(), "a failed load names a problem");
            for p in &report.problems {
                assert!(!p.message.en.trim().is_empty(), "a problem says what: {p:?}");
                assert!(!p.message.ja.trim().is_empty(), "in Japanese too: {p:?}");
            }
            let _ = report.to_string();
            return;
        }
    };
    for view in View::ALL {
        // Languages alternate by view: both are drawn, at half the cost.
        let lang = if view as usize % 2 == 0 { Lang::Ja } else { Lang::En };
        let r = request(view, lang);
        // A view may refuse a request (none here should), but must not panic.
        if let Ok(p) = view_model::view(&d, &r) {
            well_formed(&p.svg, view.as_str());
            let mut seen = HashSet::new();
            for id in &p.ids {
                assert!(seen.insert(id), "{}: card {id} drawn twice", view.as_str());
            }
            if view == View::Org {
                for id in &p.ids {
                    assert!(d.node(id).is_some(), "org card {id} is a node");
                }
            }
            for item in &p.legend {
                well_formed(&item.swatch_svg, "legend swatch");
            }
        }
        let _ = view_model::outline(&d, &r);
    }
    for n in d.nodes().take(3) {
        let _ = view_model::details(&d, &n.id);
    }
    for tour in d.tours() {
        for step in 0..tour.steps.len() {
            let mut r = request(View::Org, Lang::Ja);
            r.tour = Some(tour.id.clone());
            r.step = Some(step as u32);
            if let Ok(p) = view_model::view(&d, &r) {
                well_formed(&p.svg, "tour step");
            }
        }
    }
}
