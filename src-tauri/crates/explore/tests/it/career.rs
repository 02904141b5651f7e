//! The career paths view: shared stages, one lane per track side by side, the moves
//! out, every transition an arrow that goes round cards, labels clear of cards and of
//! each other; on the built-in data and on generated datasets.

use orgpath_explore::raw::*;
use orgpath_explore::scene::{Accent, EdgeRole, Lang, Point, Rect, Scene, Swatch, TypeScale, View};
use orgpath_explore::validate::{validate, PointerOnly};
use orgpath_explore::views::{self, SceneOptions};
use orgpath_explore::Dataset;
use proptest::prelude::*;

use crate::common;
use common::*;

fn career(d: &Dataset, o: &SceneOptions) -> Scene {
    views::scene(d, View::Career, o)
}

fn contains(outer: &Rect, inner: &Rect) -> bool {
    inner.x >= outer.x
        && inner.y >= outer.y
        && inner.right() <= outer.right()
        && inner.bottom() <= outer.bottom()
}

fn all_text(s: &Scene) -> String {
    s.texts()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_segment_check_sees_crossings_and_ignores_touching() {
    let r = Rect {
        x: 10.0,
        y: 10.0,
        w: 20.0,
        h: 10.0,
    };
    let p = Point::new;
    assert!(segment_hits(p(0.0, 15.0), p(40.0, 15.0), &r));
    assert!(segment_hits(p(20.0, 0.0), p(20.0, 12.0), &r));
    assert!(segment_hits(p(0.0, 0.0), p(40.0, 30.0), &r));
    assert!(
        !segment_hits(p(0.0, 10.0), p(40.0, 10.0), &r),
        "along the border"
    );
    assert!(
        !segment_hits(p(20.0, 0.0), p(20.0, 10.0), &r),
        "ends on the border"
    );
    assert!(!segment_hits(p(0.0, 25.0), p(40.0, 25.0), &r));
    assert!(
        on_border(p(20.0, 10.0), &r)
            && on_border(p(30.0, 12.0), &r)
            && !on_border(p(20.0, 15.0), &r)
    );
}

#[test]
fn the_geometry_check_catches_crossings_and_covered_cards() {
    let d = orgpath_explore::builtin().unwrap();
    let s = career(&d, &options(Lang::En, TypeScale::STANDARD));
    assert_eq!(geometry_problem(&s, Regions::HoldCards), None);
    let rect = |id: &str| s.cards.iter().find(|c| c.id == id).unwrap().rect.clone();
    // A straight line from joining to the first role runs through the training card.
    let mut bad = s.clone();
    let (a, b) = (rect("stage-entry"), rect("stage-support-engineer"));
    let mut edge = bad.edges[0].clone();
    edge.from = "stage-entry".into();
    edge.to = "stage-support-engineer".into();
    edge.points = vec![
        Point::new(a.centre().x, a.bottom()),
        Point::new(a.centre().x, b.y),
    ];
    bad.edges.push(edge);
    assert!(geometry_problem(&bad, Regions::HoldCards)
        .unwrap()
        .contains("crosses card stage-learning"));
    let mut bad = s.clone();
    bad.labels[0].rect = rect("csa");
    assert!(geometry_problem(&bad, Regions::HoldCards)
        .unwrap()
        .contains("covers card"));
    let mut bad = s.clone();
    bad.cards[1].rect = bad.cards[0].rect.clone();
    assert!(geometry_problem(&bad, Regions::HoldCards)
        .unwrap()
        .contains("overlap"));
}

#[test]
fn builtin_career_view_has_clean_geometry_in_every_language_and_scale() {
    let d = orgpath_explore::builtin().unwrap();
    for o in all_options() {
        let s = career(&d, &o);
        assert_eq!(s.view, View::Career);
        assert!(!s.cards.is_empty());
        if let Some(p) = geometry_problem(&s, Regions::HoldCards) {
            panic!("{:?} {}: {p}", o.lang, o.scale.title);
        }
    }
}

#[test]
fn every_transition_is_an_arrow_with_its_label() {
    let d = orgpath_explore::builtin().unwrap();
    for o in all_options() {
        let s = career(&d, &o);
        assert_eq!(s.edges.len(), d.transitions().len());
        let labels = squash(
            &s.labels
                .iter()
                .flat_map(|l| l.texts.iter().map(|t| t.text.clone()))
                .collect::<String>(),
        );
        for t in d.transitions() {
            let edge = s
                .edges
                .iter()
                .find(|e| e.from == t.from && e.to == t.to)
                .unwrap_or_else(|| panic!("no edge {} -> {}", t.from, t.to));
            assert_eq!(edge.role, EdgeRole::Transition);
            assert!(edge.arrow);
            let want = if t.illustrative {
                LineStyle::Dashed
            } else {
                LineStyle::Solid
            };
            assert_eq!(edge.style, want, "{} -> {}", t.from, t.to);
            if let Some(label) = &t.label {
                assert!(
                    labels.contains(&squash(o.lang.pick(label))),
                    "label of {} -> {} missing",
                    t.from,
                    t.to
                );
            }
        }
        // Every label belongs to a transition that has text.
        for l in &s.labels {
            assert!(!l.texts.is_empty());
        }
    }
}

#[test]
fn track_stages_sit_in_their_lanes_side_by_side_below_the_shared_stages() {
    let d = orgpath_explore::builtin().unwrap();
    for o in all_options() {
        let s = career(&d, &o);
        let region = |id: &str| {
            s.regions
                .iter()
                .find(|r| r.id == id)
                .unwrap_or_else(|| panic!("no region {id}"))
        };
        let card = |id: &str| {
            s.cards
                .iter()
                .find(|c| c.id == id)
                .unwrap_or_else(|| panic!("no card {id}"))
        };
        for (i, t) in d.tracks().iter().enumerate() {
            let lane = region(&format!("track-{}", t.id));
            assert_eq!(lane.accent, Accent::Track(i as u32));
            assert!(
                lane.texts.iter().any(|x| x.text == o.lang.pick(&t.label)),
                "lane heading of {}",
                t.id
            );
            for n in d
                .nodes()
                .filter(|n| n.track.as_deref() == Some(t.id.as_str()))
            {
                let c = card(&n.id);
                assert!(contains(&lane.rect, &c.rect), "{} outside its lane", n.id);
                assert_eq!(c.accent, Accent::Track(i as u32));
            }
        }
        let (a, b) = (
            &region("track-specialist").rect,
            &region("track-management").rect,
        );
        assert!(a.right() <= b.x || b.right() <= a.x, "lanes overlap in x");
        assert!((a.y - b.y).abs() < 0.5, "lanes side by side, not stacked");
        // Shared stages above the lanes, in order.
        let chain = ["stage-entry", "stage-learning", "stage-support-engineer"];
        for w in chain.windows(2) {
            assert!(card(w[0]).rect.bottom() < card(w[1]).rect.y);
        }
        assert!(card("stage-support-engineer").rect.bottom() <= a.y);
        // Promotions go down their lane.
        assert!(card("stage-specialist").rect.bottom() < card("stage-senior-specialist").rect.y);
        assert!(card("stage-manager").rect.bottom() < card("stage-senior-manager").rect.y);
        // The moves out have their own area.
        let out = region("moves-out");
        for id in ["csa", "hq-product-groups"] {
            assert!(
                contains(&out.rect, &card(id).rect),
                "{id} outside the moves-out area"
            );
        }
        assert!(!out.rect.overlaps(a) && !out.rect.overlaps(b));
    }
}

#[test]
fn illustrative_items_are_marked() {
    let d = orgpath_explore::builtin().unwrap();
    for o in all_options() {
        let s = career(&d, &o);
        let badge = views::badge(o.lang);
        for n in d.nodes() {
            let Some(c) = s.cards.iter().find(|c| c.id == n.id) else {
                continue;
            };
            assert_eq!(c.illustrative, n.illustrative, "{}", n.id);
            let has_badge = c.texts.iter().any(|t| t.text == badge);
            assert_eq!(has_badge, n.illustrative, "badge on {}", n.id);
        }
        assert!(s.cards.iter().any(|c| c.illustrative));
        assert!(s.legend.iter().any(|l| l.swatch == Swatch::Illustrative));
        for (i, t) in d.tracks().iter().enumerate() {
            assert!(s.legend.iter().any(|l| l.swatch
                == Swatch::Fill {
                    accent: Accent::Track(i as u32)
                }
                && l.label == o.lang.pick(&t.label)));
        }
        assert!(s.legend.iter().any(|l| matches!(
            l.swatch,
            Swatch::Line {
                role: EdgeRole::Transition,
                ..
            }
        )));
    }
}

#[test]
fn what_the_work_builds_is_listed() {
    let d = orgpath_explore::builtin().unwrap();
    for o in all_options() {
        let s = career(&d, &o);
        let text = all_text(&s);
        for c in d.capabilities() {
            assert!(
                text.contains(o.lang.pick(&c.label)),
                "capability {} missing",
                c.id
            );
        }
        let caps = s
            .regions
            .iter()
            .find(|r| r.id == "capabilities")
            .expect("capability region");
        for c in &s.cards {
            assert!(!caps.rect.overlaps(&c.rect));
        }
        for l in &s.labels {
            assert!(!caps.rect.overlaps(&l.rect));
        }
        // The move into the first role names what it builds (①..⑥).
        let labels: String = s
            .labels
            .iter()
            .flat_map(|l| l.texts.iter().map(|t| t.text.clone()))
            .collect();
        assert!(labels.contains('①') && labels.contains('⑥'), "{labels}");
    }
}

#[test]
fn the_view_is_deterministic_and_fitted() {
    let d = orgpath_explore::builtin().unwrap();
    for o in all_options() {
        let a = career(&d, &o);
        let b = career(&orgpath_explore::builtin().unwrap(), &o);
        assert_eq!(a, b);
        assert!(a.width > 0.0 && a.height > 0.0);
        assert!(!a.title.is_empty() && !a.description.is_empty());
    }
}

#[test]
fn a_dataset_without_career_data_gives_an_empty_scene() {
    let mut raw = RawDataset {
        format: FORMAT.into(),
        ..RawDataset::default()
    };
    raw.meta.title = RawText::new("題", "Title");
    raw.nodes.push(RawNode {
        id: "a".into(),
        kind: Some(NodeKind::Team),
        label: RawText::new("チーム", "Team"),
        ..RawNode::default()
    });
    let d = validate(&raw, &PointerOnly, &orgpath_explore::ViewDrawings).unwrap();
    for o in all_options() {
        let s = career(&d, &o);
        assert!(
            s.cards.is_empty()
                && s.edges.is_empty()
                && s.labels.is_empty()
                && s.regions.is_empty()
                && s.legend.is_empty()
        );
        assert!(s.width > 0.0);
    }
}

#[test]
fn backward_moves_skips_and_cycles_still_go_round_cards() {
    // a -> b -> c -> a, a -> c (skip), a track with a demotion, a move out and back.
    let mut raw = RawDataset {
        format: FORMAT.into(),
        ..RawDataset::default()
    };
    raw.meta.title = RawText::new("題", "Title");
    raw.career.tracks.push(RawTrack {
        id: "t".into(),
        label: RawText::new("トラック", "Track"),
        description: RawText::new("説明", "About"),
        source: None,
    });
    for (id, track) in [
        ("a", None),
        ("b", None),
        ("c", None),
        ("t1", Some("t")),
        ("t2", Some("t")),
        ("t3", Some("t")),
    ] {
        raw.nodes.push(RawNode {
            id: id.into(),
            kind: Some(NodeKind::CareerStage),
            label: RawText::new(format!("段階{id}"), format!("Stage {id}")),
            track: track.map(Into::into),
            ..RawNode::default()
        });
    }
    raw.nodes.push(RawNode {
        id: "r".into(),
        kind: Some(NodeKind::Role),
        label: RawText::new("ロール", "Role"),
        ..RawNode::default()
    });
    for (from, to) in [
        ("a", "b"),
        ("b", "c"),
        ("c", "a"),
        ("a", "c"),
        ("c", "t1"),
        ("t1", "t2"),
        ("t2", "t3"),
        ("t3", "t1"),
        ("t1", "t3"),
        ("c", "r"),
        ("r", "b"),
        ("t3", "r"),
    ] {
        raw.career.transitions.push(RawTransition {
            from: from.into(),
            to: to.into(),
            kind: Some(TransitionKind::Promotion),
            label: Some(RawText::new(
                format!("{from}から{to}へ"),
                format!("{from} to {to}"),
            )),
            ..RawTransition::default()
        });
    }
    let d = validate(&raw, &PointerOnly, &orgpath_explore::ViewDrawings).unwrap();
    for o in all_options() {
        let s = career(&d, &o);
        assert_eq!(s.edges.len(), raw.career.transitions.len());
        assert_eq!(s.labels.len(), raw.career.transitions.len());
        if let Some(p) = geometry_problem(&s, Regions::HoldCards) {
            panic!("{:?}: {p}", o.lang);
        }
    }
}

#[test]
fn a_long_chain_with_many_moves_lays_out_without_recursion() {
    let n = 5000;
    let mut raw = RawDataset {
        format: FORMAT.into(),
        ..RawDataset::default()
    };
    raw.meta.title = RawText::new("題", "Title");
    raw.career.tracks.push(RawTrack {
        id: "t".into(),
        label: RawText::new("トラック", "Track"),
        description: RawText::new("説明", "About"),
        source: None,
    });
    for i in 0..n {
        raw.nodes.push(RawNode {
            id: format!("s{i}"),
            kind: Some(NodeKind::CareerStage),
            label: RawText::new(format!("段階{i}"), format!("Stage {i}")),
            track: (i % 2 == 1).then(|| "t".into()),
            ..RawNode::default()
        });
        if i > 0 {
            raw.career.transitions.push(RawTransition {
                from: format!("s{}", i - 1),
                to: format!("s{i}"),
                kind: Some(TransitionKind::Promotion),
                ..RawTransition::default()
            });
        }
        if i > 7 && i % 7 == 0 {
            raw.career.transitions.push(RawTransition {
                from: format!("s{i}"),
                to: format!("s{}", i - 7),
                kind: Some(TransitionKind::RoleMove),
                ..RawTransition::default()
            });
        }
    }
    let d = validate(&raw, &PointerOnly, &orgpath_explore::ViewDrawings).unwrap();
    let start = std::time::Instant::now();
    let s = career(&d, &options(Lang::En, TypeScale::STANDARD));
    assert_eq!(s.cards.len(), n);
    assert_eq!(s.edges.len(), raw.career.transitions.len());
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

const WORDS: [&str; 8] = [
    "段階",
    "Senior",
    "マネージャー",
    "Principal engineer",
    "リード",
    "Architect of cloud solutions",
    "チーム",
    "長い名前のロールと肩書きの例",
];

/// A small career graph: stages (some on tracks), roles, and random moves.
fn career_dataset() -> impl Strategy<Value = RawDataset> {
    (
        1usize..10,
        0usize..3,
        0usize..4,
        proptest::collection::vec(
            (
                any::<prop::sample::Index>(),
                any::<prop::sample::Index>(),
                any::<bool>(),
                any::<bool>(),
                0usize..8,
            ),
            0..20,
        ),
        proptest::collection::vec((0usize..4, 0usize..8, any::<bool>()), 10),
    )
        .prop_map(|(stages, track_count, roles, moves, shapes)| {
            let mut raw = RawDataset {
                format: FORMAT.into(),
                ..RawDataset::default()
            };
            raw.meta.title = RawText::new("題", "Title");
            for t in 0..track_count {
                raw.career.tracks.push(RawTrack {
                    id: format!("t{t}"),
                    label: RawText::new(format!("トラック{t}"), format!("Track {t}")),
                    description: RawText::new("説明", "About"),
                    source: None,
                });
            }
            raw.career.capabilities.push(RawCapability {
                id: "cap".into(),
                label: RawText::new("力", "Skill"),
                description: RawText::new("説明", "About"),
                illustrative: false,
                source: None,
            });
            for i in 0..stages {
                let (track, word, illustrative) = shapes[i % shapes.len()];
                raw.nodes.push(RawNode {
                    id: format!("s{i}"),
                    kind: Some(NodeKind::CareerStage),
                    label: RawText::new(
                        format!("{}{i}", WORDS[word]),
                        format!("{} {i}", WORDS[word]),
                    ),
                    track: (track < track_count).then(|| format!("t{track}")),
                    illustrative,
                    ..RawNode::default()
                });
            }
            for i in 0..roles {
                raw.nodes.push(RawNode {
                    id: format!("r{i}"),
                    kind: Some(NodeKind::Role),
                    label: RawText::new(format!("ロール{i}"), format!("Role {i}")),
                    ..RawNode::default()
                });
            }
            let total = stages + roles;
            for (a, b, labelled, builds, word) in moves {
                let (a, b) = (a.index(total), b.index(total));
                if a == b {
                    continue;
                }
                let id = |i: usize| {
                    if i < stages {
                        format!("s{i}")
                    } else {
                        format!("r{}", i - stages)
                    }
                };
                raw.career.transitions.push(RawTransition {
                    from: id(a),
                    to: id(b),
                    kind: Some(TransitionKind::Promotion),
                    label: labelled
                        .then(|| RawText::new(WORDS[word], WORDS[(word + 3) % WORDS.len()])),
                    builds: if builds {
                        vec!["cap".into()]
                    } else {
                        Vec::new()
                    },
                    illustrative: word % 3 == 0,
                    ..RawTransition::default()
                });
            }
            raw
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn generated_career_views_never_overlap_or_cross(raw in career_dataset(), en in any::<bool>(), projector in any::<bool>()) {
        let d = validate(&raw, &PointerOnly, &orgpath_explore::ViewDrawings).expect("generated datasets are valid");
        let o = options(if en { Lang::En } else { Lang::Ja }, if projector { TypeScale::PROJECTOR } else { TypeScale::STANDARD });
        let s = career(&d, &o);
        prop_assert_eq!(s.edges.len(), raw.career.transitions.len());
        let problem = geometry_problem(&s, Regions::HoldCards);
        prop_assert!(problem.is_none(), "{}", problem.unwrap_or_default());
        prop_assert_eq!(&s, &career(&d, &o));
    }
}
