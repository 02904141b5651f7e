//! The inquiry flow view: the main sequence in reading order, side paths beside it,
//! links that skip steps routed round the cards, and the worked examples listed; on
//! the built-in data and on generated flows.

use orgpath_explore::dataset::{Flow, FlowLink};
use orgpath_explore::raw::*;
use orgpath_explore::render::theme::Palette;
use orgpath_explore::render::Theme;
use orgpath_explore::scene::{Accent, Edge, EdgeRole, Lang, Scene, Swatch, TypeScale, View};
use orgpath_explore::validate::{validate, PointerOnly};
use orgpath_explore::views::{self, SceneOptions};
use orgpath_explore::Dataset;
use proptest::prelude::*;

use crate::common;
use common::*;

fn flow(d: &Dataset, o: &SceneOptions) -> Scene {
    views::scene(d, View::Flow, o)
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn builtin_flow_has_clean_geometry_in_every_language_and_scale() {
    let d = orgpath_explore::builtin().unwrap();
    for o in all_options() {
        let s = flow(&d, &o);
        assert_eq!(s.view, View::Flow);
        assert_eq!(s.cards.len(), d.flows()[0].steps.len());
        if let Some(p) = geometry_problem(&s, Regions::BesideCards) {
            panic!("{:?} {}: {p}", o.lang, o.scale.title);
        }
    }
}

#[test]
fn every_link_is_an_arrow_of_its_kind_with_its_label() {
    let d = orgpath_explore::builtin().unwrap();
    let f = inquiry(&d);
    for o in all_options() {
        let s = flow(&d, &o);
        assert_eq!(s.edges.len(), f.links.len());
        let labels = squash(
            &s.labels
                .iter()
                .flat_map(|l| l.texts.iter().map(|t| t.text.clone()))
                .collect::<String>(),
        );
        for l in &f.links {
            let e = s
                .edges
                .iter()
                .find(|e| e.from == l.from && e.to == l.to)
                .unwrap_or_else(|| panic!("no edge {} -> {}", l.from, l.to));
            assert!(e.arrow);
            match l.kind {
                FlowLinkKind::Next if skips(f, l) => assert_eq!(
                    (e.role, e.style),
                    (EdgeRole::FlowShortcut, LineStyle::Dotted)
                ),
                FlowLinkKind::Next => {
                    assert_eq!((e.role, e.style), (EdgeRole::FlowNext, LineStyle::Solid))
                }
                FlowLinkKind::Branch => {
                    assert_eq!((e.role, e.style), (EdgeRole::FlowBranch, LineStyle::Dashed))
                }
            }
            if let Some(label) = &l.label {
                assert!(
                    labels.contains(&squash(o.lang.pick(label))),
                    "label of {} -> {}",
                    l.from,
                    l.to
                );
            }
        }
        assert_eq!(
            s.labels.len(),
            f.links.iter().filter(|l| l.label.is_some()).count()
        );
    }
}

/// The flow view of `d` under every option set, with the options.
fn every_drawing(d: &Dataset) -> Vec<(SceneOptions, Scene)> {
    all_options()
        .into_iter()
        .map(|o| {
            let s = flow(d, &o);
            (o, s)
        })
        .collect()
}

/// The built-in inquiry flow.
fn inquiry(d: &Dataset) -> &Flow {
    d.flows().iter().find(|f| f.id == "inquiry-flow").unwrap()
}

/// Whether a next link skips steps: another path of next links leads from its source
/// to its target.
fn skips(f: &Flow, link: &FlowLink) -> bool {
    let mut seen = vec![link.from.as_str()];
    let mut todo = vec![link.from.as_str()];
    while let Some(at) = todo.pop() {
        for l in &f.links {
            let other = std::ptr::eq(l, link) || l.kind != FlowLinkKind::Next || l.from != at;
            if other || seen.contains(&l.to.as_str()) {
                continue;
            }
            if l.to == link.to {
                return true;
            }
            seen.push(&l.to);
            todo.push(&l.to);
        }
    }
    false
}

/// The built-in flow's shortcuts, as drawn: ② → ④, ② → ⑤ and ④ → ⑥.
fn shortcuts(s: &Scene) -> Vec<&Edge> {
    let out: Vec<&Edge> = s
        .edges
        .iter()
        .filter(|e| e.role == EdgeRole::FlowShortcut)
        .collect();
    let ends: Vec<(&str, &str)> = out.iter().map(|e| (&*e.from, &*e.to)).collect();
    assert_eq!(
        ends,
        [
            ("receive", "reproduce"),
            ("receive", "read-logs"),
            ("reproduce", "answer")
        ]
    );
    out
}

#[test]
fn shortcuts_have_a_line_head_colour_label_and_legend_entry_of_their_own() {
    let d = orgpath_explore::builtin().unwrap();
    for (o, s) in every_drawing(&d) {
        let f = inquiry(&d);
        let next = s
            .edges
            .iter()
            .find(|e| e.role == EdgeRole::FlowNext)
            .unwrap();
        for e in shortcuts(&s) {
            assert_ne!(e.style, next.style);
            assert_ne!(e.role.head(), next.role.head());
            for theme in [Theme::Light, Theme::Dark, Theme::Projector] {
                let p = Palette::of(theme);
                assert_ne!(p.edge(e.role), p.edge(next.role), "{theme:?}");
                assert_ne!(p.edge(e.role), p.edge(EdgeRole::FlowBranch), "{theme:?}");
            }
            // Labelled with the data's words, in the drawing's language.
            let link = f
                .links
                .iter()
                .find(|l| l.from == e.from && l.to == e.to)
                .unwrap();
            let words = o
                .lang
                .pick(link.label.as_ref().expect("a shortcut's label"));
            let i = s.edges.iter().position(|x| std::ptr::eq(x, e)).unwrap() as u32;
            let label = s.labels.iter().find(|l| l.edge == i).expect("drawn label");
            let drawn: String = label.texts.iter().map(|t| t.text.as_str()).collect();
            assert_eq!(squash(&drawn), squash(words));
            assert_eq!(e.label.as_deref(), Some(words));
        }
        assert!(s.legend.iter().any(|l| l.swatch
            == Swatch::Line {
                role: EdgeRole::FlowShortcut,
                style: LineStyle::Dotted
            }));
    }
}

#[test]
fn shortcuts_cross_neither_each_other_nor_a_card_nor_a_label_and_run_apart() {
    let d = orgpath_explore::builtin().unwrap();
    for (o, s) in every_drawing(&d) {
        let cuts = shortcuts(&s);
        for (i, a) in cuts.iter().enumerate() {
            for b in &cuts[i + 1..] {
                assert!(
                    !polylines_meet(&a.points, &b.points),
                    "{} -> {} meets {} -> {}",
                    a.from,
                    a.to,
                    b.from,
                    b.to
                );
                // Lines side by side are told apart: their long runs are well apart.
                let run = |e: &Edge| (e.points[1], e.points[2]);
                let ((a0, a1), (b0, b1)) = (run(a), run(b));
                if a0.y.max(a1.y) > b0.y.min(b1.y) && b0.y.max(b1.y) > a0.y.min(a1.y) {
                    assert!(
                        (a0.x - b0.x).abs() >= o.scale.sibling_gap,
                        "{} and {} run {} px apart",
                        a.to,
                        b.to,
                        (a0.x - b0.x).abs()
                    );
                }
            }
            for w in a.points.windows(2) {
                for c in &s.cards {
                    let end = (c.id == a.from && w[0] == a.points[0])
                        || (c.id == a.to && w[1] == *a.points.last().unwrap());
                    assert!(
                        end || !segment_hits(w[0], w[1], &c.rect),
                        "{} -> {} crosses {}",
                        a.from,
                        a.to,
                        c.id
                    );
                }
            }
        }
        // No line runs through a shortcut's label.
        for l in &s.labels {
            if s.edges[l.edge as usize].role != EdgeRole::FlowShortcut {
                continue;
            }
            for e in &s.edges {
                assert!(
                    !e.points
                        .windows(2)
                        .any(|w| segment_hits(w[0], w[1], &l.rect)),
                    "{} -> {} runs through the label of a shortcut",
                    e.from,
                    e.to
                );
            }
        }
    }
}

#[test]
fn the_main_sequence_reads_top_to_bottom_with_side_paths_beside_it() {
    let d = orgpath_explore::builtin().unwrap();
    for o in all_options() {
        let s = flow(&d, &o);
        let card = |id: &str| {
            &s.cards
                .iter()
                .find(|c| c.id == id)
                .unwrap_or_else(|| panic!("no card {id}"))
                .rect
        };
        let main = [
            "inquiry",
            "receive",
            "check-docs",
            "reproduce",
            "read-logs",
            "answer",
        ];
        for w in main.windows(2) {
            assert!(
                card(w[0]).bottom() < card(w[1]).y,
                "{} above {}",
                w[0],
                w[1]
            );
        }
        // One column: every main step overlaps the first one's x range.
        let first = card(main[0]);
        for id in main {
            assert!(
                card(id).x < first.right() && first.x < card(id).right(),
                "{id} out of the main column"
            );
        }
        let main_right = main.iter().map(|id| card(id).right()).fold(0.0, f32::max);
        for id in ["team-consult", "global-consult", "hand-over"] {
            assert!(card(id).x > main_right, "{id} beside the main column");
        }
        // Side paths start below the step they branch from.
        assert!(card("team-consult").y > card("receive").bottom());
        assert!(card("global-consult").y > card("team-consult").bottom());
        // A skip (receive -> reproduce) bends round check-docs instead of going through.
        let skip = s
            .edges
            .iter()
            .find(|e| e.from == "receive" && e.to == "reproduce")
            .unwrap();
        assert!(skip.points.len() > 2);
    }
}

#[test]
fn steps_show_their_actor_and_colour() {
    let d = orgpath_explore::builtin().unwrap();
    let f = &d.flows()[0];
    for o in all_options() {
        let s = flow(&d, &o);
        for st in &f.steps {
            let c = s.cards.iter().find(|c| c.id == st.id).unwrap();
            assert!(squash(&c.full_label).contains(&squash(o.lang.pick(&st.label))));
            if let Some(actor) = st.actor.as_deref().and_then(|a| d.node(a)) {
                let text: String = c.texts.iter().map(|t| t.text.as_str()).collect();
                assert!(
                    squash(&text).contains(&squash(o.lang.pick(&actor.label))),
                    "actor of {}",
                    st.id
                );
                assert_eq!(c.accent, views::accent(&d, actor));
            } else {
                assert_eq!(c.accent, Accent::Neutral);
            }
            assert_eq!(c.illustrative, st.illustrative);
        }
        assert!(s.legend.iter().any(|l| matches!(
            l.swatch,
            Swatch::Line {
                role: EdgeRole::FlowNext,
                style: LineStyle::Solid
            }
        )));
        assert!(s.legend.iter().any(|l| matches!(
            l.swatch,
            Swatch::Line {
                role: EdgeRole::FlowBranch,
                style: LineStyle::Dashed
            }
        )));
    }
}

#[test]
fn worked_examples_are_listed_with_their_paths() {
    let d = orgpath_explore::builtin().unwrap();
    let f = &d.flows()[0];
    for o in all_options() {
        let s = flow(&d, &o);
        let r = s
            .regions
            .iter()
            .find(|r| r.id == "examples")
            .expect("examples region");
        let text = squash(
            &r.texts
                .iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
        for e in &f.examples {
            assert!(
                text.contains(&squash(o.lang.pick(&e.label))),
                "example {}",
                e.id
            );
            // The path, as the steps' numbers.
            let numbers: Vec<String> = e
                .path
                .iter()
                .map(|p| {
                    let i = f.steps.iter().position(|st| &st.id == p).unwrap() + 1;
                    char::from_u32(0x2460 + i as u32 - 1).unwrap().to_string()
                })
                .collect();
            assert!(text.contains(&numbers.join("→")), "path of {}", e.id);
        }
        for t in &r.texts {
            assert!(
                t.x >= r.rect.x && t.x + t.width <= r.rect.right() + 0.5,
                "{} sticks out",
                t.text
            );
        }
        for l in &s.labels {
            assert!(!r.rect.overlaps(&l.rect));
        }
    }
}

#[test]
fn the_view_is_deterministic_and_fitted() {
    let d = orgpath_explore::builtin().unwrap();
    for o in all_options() {
        let a = flow(&d, &o);
        assert_eq!(a, flow(&orgpath_explore::builtin().unwrap(), &o));
        assert!(a.width > 0.0 && a.height > 0.0);
        assert_eq!(a.title, o.lang.pick(&d.flows()[0].label));
        assert!(!a.description.is_empty());
    }
}

fn base() -> RawDataset {
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
    raw
}

#[test]
fn a_dataset_without_flows_gives_an_empty_scene() {
    let d = validate(&base(), &PointerOnly, &orgpath_explore::ViewDrawings).unwrap();
    for o in all_options() {
        let s = flow(&d, &o);
        assert!(
            s.cards.is_empty() && s.edges.is_empty() && s.regions.is_empty() && s.legend.is_empty()
        );
        assert!(s.width > 0.0);
    }
}

#[test]
fn the_first_flow_is_drawn_when_none_is_the_inquiry_flow() {
    let mut raw = base();
    for id in ["one", "two"] {
        raw.flows.push(RawFlow {
            id: id.into(),
            label: RawText::new(format!("流れ{id}"), format!("Flow {id}")),
            steps: vec![RawStep {
                id: format!("{id}-s"),
                label: RawText::new("手順", "Step"),
                illustrative: true,
                ..RawStep::default()
            }],
            ..RawFlow::default()
        });
    }
    let d = validate(&raw, &PointerOnly, &orgpath_explore::ViewDrawings).unwrap();
    let s = flow(&d, &options(Lang::En, TypeScale::STANDARD));
    assert_eq!(s.cards.len(), 1);
    assert_eq!(s.cards[0].id, "one-s");
    assert!(s.cards[0].illustrative && s.cards[0].texts.iter().any(|t| t.text == "example"));
    assert!(s.legend.iter().any(|l| l.swatch == Swatch::Illustrative));
}

const WORDS: [&str; 6] = [
    "確認",
    "Check the documentation and the specs",
    "ログを調査する",
    "Answer",
    "お客様と同じ構成を再現して動作を報告する",
    "Hand over",
];

/// A random flow: steps with random next and branch links (cycles and skips
/// included), labels of random length, and examples along random paths.
fn flow_dataset() -> impl Strategy<Value = RawDataset> {
    (
        1usize..10,
        proptest::collection::vec(
            (
                any::<prop::sample::Index>(),
                any::<prop::sample::Index>(),
                any::<bool>(),
                proptest::option::of(0usize..6),
            ),
            0..16,
        ),
        proptest::collection::vec(0usize..6, 10),
    )
        .prop_map(|(n, links, words)| {
            let mut raw = base();
            let mut f = RawFlow {
                id: "f".into(),
                label: RawText::new("流れ", "Flow"),
                ..RawFlow::default()
            };
            for i in 0..n {
                let w = WORDS[words[i % words.len()]];
                f.steps.push(RawStep {
                    id: format!("s{i}"),
                    label: RawText::new(format!("{w}{i}"), format!("{w} {i}")),
                    actor: (i % 2 == 0).then(|| "a".into()),
                    illustrative: i % 4 == 3,
                    ..RawStep::default()
                });
            }
            for (a, b, branch, label) in links {
                let (a, b) = (a.index(n), b.index(n));
                if a == b {
                    continue;
                }
                f.links.push(RawFlowLink {
                    from: format!("s{a}"),
                    to: format!("s{b}"),
                    kind: if branch {
                        FlowLinkKind::Branch
                    } else {
                        FlowLinkKind::Next
                    },
                    label: label.map(|w| RawText::new(WORDS[w], WORDS[(w + 1) % WORDS.len()])),
                });
            }
            f.examples.push(RawExample {
                id: "e".into(),
                label: RawText::new("質問", "A question"),
                description: RawText::new("対応", "Handling"),
                path: (0..n).map(|i| format!("s{i}")).collect(),
                source: None,
            });
            raw.flows.push(f);
            raw
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn generated_flows_never_overlap_or_cross(raw in flow_dataset(), en in any::<bool>(), projector in any::<bool>()) {
        let d = validate(&raw, &PointerOnly, &orgpath_explore::ViewDrawings).expect("generated datasets are valid");
        let o = options(if en { Lang::En } else { Lang::Ja }, if projector { TypeScale::PROJECTOR } else { TypeScale::STANDARD });
        let s = flow(&d, &o);
        prop_assert_eq!(s.cards.len(), raw.flows[0].steps.len());
        prop_assert_eq!(s.edges.len(), raw.flows[0].links.len());
        let problem = geometry_problem(&s, Regions::BesideCards);
        prop_assert!(problem.is_none(), "{}", problem.unwrap_or_default());
        prop_assert_eq!(&s, &flow(&d, &o));
        // Shortcuts routed along the cards' sides (leaving sideways) never meet.
        let sideways: Vec<&Edge> = s
            .edges
            .iter()
            .filter(|e| e.role == EdgeRole::FlowShortcut && e.points[0].y == e.points[1].y)
            .collect();
        for (i, a) in sideways.iter().enumerate() {
            for b in &sideways[i + 1..] {
                prop_assert!(!polylines_meet(&a.points, &b.points), "{} -> {} meets {} -> {}", a.from, a.to, b.from, b.to);
            }
        }
    }
}
