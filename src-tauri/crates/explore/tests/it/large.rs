//! A large organisation opens folded, and only then: the window's first drawing of a
//! tree over `OPEN_WHOLE_UP_TO` units shows a few levels with "+N" counts.

use orgpath_explore::render::Theme;
use orgpath_explore::view_model::{
    self, DirectionChoice, ViewRequest, OPEN_WHOLE_UP_TO, OPEN_WITH,
};
use orgpath_explore::{Lang, View};

/// A tree of `n` units, each taking up to `k` children breadth first.
fn organisation(n: usize, k: usize) -> String {
    let mut nodes = Vec::with_capacity(n);
    let mut hierarchy = Vec::with_capacity(n);
    for i in 0..n {
        nodes.push(format!(
            r#"{{"id":"u{i}","kind":"team","label":{{"ja":"チーム{i}","en":"Team {i}"}}}}"#
        ));
        if i > 0 {
            hierarchy.push(format!(r#"{{"child":"u{i}","parent":"u{}"}}"#, (i - 1) / k));
        }
    }
    format!(
        r#"{{"format":"orgpath/1","meta":{{"title":{{"ja":"大きな会社","en":"A large company"}}}},"nodes":[{}],"hierarchy":[{}]}}"#,
        nodes.join(","),
        hierarchy.join(",")
    )
}

fn org_request(collapsed: Vec<String>) -> ViewRequest {
    ViewRequest {
        view: View::Org,
        lang: Lang::En,
        theme: Theme::Light,
        direction: DirectionChoice::Lr,
        compact: false,
        focus: None,
        collapsed,
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

#[test]
fn a_large_organisation_opens_folded_and_a_chosen_fold_is_kept() {
    let n = OPEN_WHOLE_UP_TO + 10_000;
    let d = orgpath_explore::load_json(organisation(n, 6).as_bytes(), "large.json")
        .unwrap_or_else(|r| panic!("{r}"));
    let p = view_model::view(&d, &org_request(Vec::new())).unwrap();
    assert!(!p.collapsed.is_empty(), "folded on opening");
    assert!(p.ids.len() <= OPEN_WITH, "{} cards shown", p.ids.len());
    assert!(p.ids.len() >= 200, "several levels shown: {}", p.ids.len());
    // Every folded unit is drawn, with its count.
    for id in &p.collapsed {
        assert!(p.ids.contains(id), "{id} drawn");
    }
    assert!(p.svg.contains("+"), "counts on the folded cards");
    // Unfolding one keeps the rest folded and shows its children.
    let mut rest = p.collapsed.clone();
    let opened = rest.remove(0);
    let q = view_model::view(&d, &org_request(rest.clone())).unwrap();
    assert_eq!(q.collapsed, rest);
    assert!(q.ids.len() > p.ids.len());
    let _ = opened;
}

#[test]
fn a_small_organisation_opens_whole() {
    let d = orgpath_explore::load_json(organisation(3_000, 4).as_bytes(), "small.json")
        .unwrap_or_else(|r| panic!("{r}"));
    let p = view_model::view(&d, &org_request(Vec::new())).unwrap();
    assert!(p.collapsed.is_empty());
    assert_eq!(p.ids.len(), 3_000);
    let builtin = orgpath_explore::builtin().unwrap();
    assert!(view_model::view(&builtin, &org_request(Vec::new()))
        .unwrap()
        .collapsed
        .is_empty());
}

/// The payload's geometry lists what the SVG paints, in its order: the window pairs
/// the two by position instead of reading the SVG back.
#[test]
fn the_geometry_matches_the_drawing_in_every_view() {
    let d = orgpath_explore::builtin().unwrap();
    for view in View::ALL {
        for lang in Lang::ALL {
            let mut r = org_request(Vec::new());
            r.view = view;
            r.lang = lang;
            let p = view_model::view(&d, &r).unwrap();
            let ids: Vec<&str> = p
                .svg
                .split("<g class=\"card\" data-id=\"")
                .skip(1)
                .map(|s| &s[..s.find('"').unwrap()])
                .collect();
            let boxes: Vec<&str> = p.geometry.cards.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(ids, boxes, "{view:?} {lang:?}");
            let edges = p.svg.matches("<g class=\"edge\" ").count();
            assert_eq!(edges, p.geometry.edges.len(), "{view:?} {lang:?}");
            let labels = p.svg.matches("<g class=\"edge-label\"").count();
            assert_eq!(labels, p.geometry.labels.len(), "{view:?} {lang:?}");
            assert_eq!(p.view, view);
        }
    }
}
