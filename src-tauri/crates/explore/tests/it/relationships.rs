//! The relationship map: nothing overlaps, every relation is drawn and labelled,
//! edges start and end on their cards, and the same input gives the same scene.

use std::collections::BTreeSet;

use orgpath_explore::dataset::Dataset;
use orgpath_explore::font::Metrics;
use orgpath_explore::raw::*;
use orgpath_explore::scene::{EdgeRole, Lang, Point, Rect, Scene, Swatch, TypeScale, View};
use orgpath_explore::validate::{validate, PointerOnly};
use orgpath_explore::views::{self, SceneOptions};
use proptest::prelude::*;

use crate::common;
use common::segment_enters;

fn options(lang: Lang, scale: TypeScale) -> SceneOptions {
    let mut o = SceneOptions::new(lang);
    o.scale = scale;
    o
}

fn map(d: &Dataset, o: &SceneOptions) -> Scene {
    views::scene(d, View::Relationships, o)
}

fn all_options() -> Vec<SceneOptions> {
    let mut out = Vec::new();
    for lang in [Lang::Ja, Lang::En] {
        for scale in [TypeScale::STANDARD, TypeScale::PROJECTOR] {
            out.push(options(lang, scale));
        }
    }
    out
}

/// The box a text run's glyphs occupy.
fn text_rect(t: &orgpath_explore::scene::TextRun) -> Rect {
    let m = Metrics::get();
    let (a, d) = (m.ascent() * t.size, m.descent() * t.size);
    Rect {
        x: t.x,
        y: t.y - a,
        w: t.width,
        h: a + d,
    }
}

fn contains(outer: &Rect, inner: &Rect) -> bool {
    outer.x <= inner.x + 0.01
        && outer.y <= inner.y + 0.01
        && inner.right() <= outer.right() + 0.01
        && inner.bottom() <= outer.bottom() + 0.01
}

fn on_border(p: &Point, r: &Rect) -> bool {
    let near = |a: f32, b: f32| (a - b).abs() < 0.01;
    let within = |v: f32, lo: f32, hi: f32| v >= lo - 0.01 && v <= hi + 0.01;
    ((near(p.x, r.x) || near(p.x, r.right())) && within(p.y, r.y, r.bottom()))
        || ((near(p.y, r.y) || near(p.y, r.bottom())) && within(p.x, r.x, r.right()))
}

/// The layout invariants every relationship map keeps, whatever the data.
fn check_geometry(s: &Scene) -> Result<(), String> {
    let cards = &s.cards;
    for (i, a) in cards.iter().enumerate() {
        for b in &cards[i + 1..] {
            if a.rect.overlaps(&b.rect) {
                return Err(format!("cards {} and {} overlap", a.id, b.id));
            }
        }
    }
    let headings: Vec<(String, Rect)> = s
        .regions
        .iter()
        .flat_map(|r| r.texts.iter().map(move |t| (r.id.clone(), text_rect(t))))
        .collect();
    for (i, l) in s.labels.iter().enumerate() {
        let text: String = l.texts.iter().map(|t| t.text.as_str()).collect();
        for c in cards {
            if l.rect.overlaps(&c.rect) {
                return Err(format!("label {text:?} overlaps card {}", c.id));
            }
        }
        for (id, h) in &headings {
            if l.rect.overlaps(h) {
                return Err(format!(
                    "label {text:?} overlaps the heading of region {id}"
                ));
            }
        }
        for o in &s.labels[i + 1..] {
            if l.rect.overlaps(&o.rect) {
                return Err(format!("label {text:?} overlaps another label"));
            }
        }
        for (ei, e) in s.edges.iter().enumerate() {
            if ei as u32 == l.edge {
                continue;
            }
            if e.points
                .windows(2)
                .any(|w| segment_enters(&w[0], &w[1], &l.rect, 1.0))
            {
                return Err(format!(
                    "label {text:?} is crossed by edge {} -> {}",
                    e.from, e.to
                ));
            }
        }
        for t in &l.texts {
            if !contains(&l.rect, &text_rect(t)) {
                return Err(format!("label text {:?} sticks out of its box", t.text));
            }
        }
    }
    let mut labelled = vec![0; s.edges.len()];
    for l in &s.labels {
        labelled[l.edge as usize] += 1;
    }
    for (ei, e) in s.edges.iter().enumerate() {
        if labelled[ei] != 1 {
            return Err(format!(
                "edge {} -> {} has {} labels",
                e.from, e.to, labelled[ei]
            ));
        }
        if !e.arrow || e.points.len() < 2 {
            return Err(format!(
                "edge {} -> {} has no arrow or no route",
                e.from, e.to
            ));
        }
        let from = cards
            .iter()
            .find(|c| c.id == e.from)
            .ok_or(format!("edge from unknown card {}", e.from))?;
        let to = cards
            .iter()
            .find(|c| c.id == e.to)
            .ok_or(format!("edge to unknown card {}", e.to))?;
        if !on_border(&e.points[0], &from.rect) || !on_border(e.points.last().unwrap(), &to.rect) {
            return Err(format!(
                "edge {} -> {} does not end on its cards' borders",
                e.from, e.to
            ));
        }
        for w in e.points.windows(2) {
            if w[0].x != w[1].x && w[0].y != w[1].y {
                return Err(format!("edge {} -> {} has a slanted segment", e.from, e.to));
            }
            for c in cards {
                if segment_enters(&w[0], &w[1], &c.rect, 0.5) {
                    return Err(format!(
                        "edge {} -> {} runs through card {}",
                        e.from, e.to, c.id
                    ));
                }
            }
        }
    }
    // Every card but the focal one sits in a region; regions do not overlap.
    for c in cards.iter().filter(|c| !c.emphasis) {
        if !s.regions.iter().any(|r| contains(&r.rect, &c.rect)) {
            return Err(format!("card {} is in no region", c.id));
        }
    }
    for (i, a) in s.regions.iter().enumerate() {
        for b in &s.regions[i + 1..] {
            if a.rect.overlaps(&b.rect) {
                return Err(format!("regions {} and {} overlap", a.id, b.id));
            }
        }
        for c in cards.iter().filter(|c| c.emphasis) {
            if a.rect.overlaps(&c.rect) {
                return Err(format!("the focal card overlaps region {}", a.id));
            }
        }
    }
    if cards.iter().filter(|c| c.emphasis).count() != 1 {
        return Err("there must be exactly one focal card".into());
    }
    // Nothing outside the canvas.
    let canvas = Rect {
        x: 0.0,
        y: 0.0,
        w: s.width,
        h: s.height,
    };
    for r in cards
        .iter()
        .map(|c| &c.rect)
        .chain(s.labels.iter().map(|l| &l.rect))
        .chain(s.regions.iter().map(|r| &r.rect))
    {
        if !contains(&canvas, r) {
            return Err("something lies outside the canvas".into());
        }
    }
    Ok(())
}

/// Every relation between two shown nodes has its own edge, with its text.
fn check_relations(d: &Dataset, s: &Scene) -> Result<(), String> {
    let shown: BTreeSet<&str> = s.cards.iter().map(|c| c.id.as_str()).collect();
    let mut used = vec![false; s.edges.len()];
    for r in d.relations() {
        if !shown.contains(r.from.as_str()) || !shown.contains(r.to.as_str()) {
            continue;
        }
        let k = d
            .relation_kinds()
            .iter()
            .position(|k| k.id == r.kind)
            .unwrap();
        let kind = &d.relation_kinds()[k];
        let want = s
            .lang
            .pick(r.label.as_ref().unwrap_or(&kind.label))
            .to_owned();
        let found = s.edges.iter().enumerate().position(|(i, e)| {
            !used[i]
                && e.from == r.from
                && e.to == r.to
                && matches!(e.role, EdgeRole::Relation { kind, .. } if kind == k as u32)
                && e.style == kind.style
        });
        let Some(i) = found else {
            return Err(format!("no edge for {} -{}-> {}", r.from, r.kind, r.to));
        };
        used[i] = true;
        let label = s
            .labels
            .iter()
            .find(|l| l.edge as usize == i)
            .ok_or("edge without label")?;
        let lines: Vec<&str> = label.texts.iter().map(|t| t.text.as_str()).collect();
        let squash = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        if squash(&lines.concat()) != squash(&want) {
            return Err(format!(
                "label of {} -{}-> {} reads {lines:?}, not {want:?}",
                r.from, r.kind, r.to
            ));
        }
    }
    if used.iter().any(|u| !u) {
        return Err("an edge draws no relation".into());
    }
    Ok(())
}

#[test]
fn builtin_map_keeps_every_invariant_in_both_languages_and_scales() {
    let d = orgpath_explore::builtin().unwrap();
    for o in all_options() {
        let s = map(&d, &o);
        let what = format!("{:?} {}", o.lang, o.scale.title);
        check_geometry(&s).unwrap_or_else(|e| panic!("{what}: {e}"));
        check_relations(&d, &s).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(s.width > 0.0 && s.height > 0.0);
    }
}

#[test]
fn builtin_map_centres_on_css_and_shows_who_it_works_with() {
    let d = orgpath_explore::builtin().unwrap();
    let s = map(&d, &options(Lang::Ja, TypeScale::STANDARD));
    let focal: Vec<&str> = s
        .cards
        .iter()
        .filter(|c| c.emphasis)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(focal, ["css"]);
    assert_eq!(s.title, "部署間の関わり: CSS");
    assert!(!s.description.is_empty());
    let ids: BTreeSet<&str> = s.cards.iter().map(|c| c.id.as_str()).collect();
    // Everyone CSS has a relation with, either way.
    for r in d.relations_of("css") {
        assert!(
            ids.contains(r.from.as_str()) && ids.contains(r.to.as_str()),
            "{} -> {}",
            r.from,
            r.to
        );
    }
    // The second ring: partners through GPS, the PaaS team through the product groups.
    assert!(
        ids.contains("partners") && ids.contains("paas-team"),
        "{ids:?}"
    );
    assert!(
        !ids.contains("stage-entry"),
        "career stages have no relations here"
    );
    // The relations between other nodes are drawn too.
    assert!(s
        .edges
        .iter()
        .any(|e| e.from == "gps" && e.to == "partners"));
    assert!(s
        .edges
        .iter()
        .any(|e| e.from == "atu" && e.to == "customers"));
    assert!(s
        .edges
        .iter()
        .any(|e| e.from == "paas-team" && e.to == "hq-product-groups"));
    // The three relations from CSS to the product groups are three separate edges
    // that share no point.
    let hq: Vec<_> = s
        .edges
        .iter()
        .filter(|e| e.from == "css" && e.to == "hq-product-groups")
        .collect();
    assert_eq!(hq.len(), 3);
    for (i, a) in hq.iter().enumerate() {
        for b in &hq[i + 1..] {
            assert!(
                a.points.iter().all(|p| !b.points.contains(p)),
                "parallel edges share a point"
            );
        }
    }
    // Regions: one per group shown, each holding its own cards, titled in the language.
    let region_ids: Vec<&str> = s.regions.iter().map(|r| r.id.as_str()).collect();
    for g in ["support", "hq", "sales", "marketing", "external"] {
        assert!(region_ids.contains(&g), "{region_ids:?}");
    }
    assert!(!region_ids.contains(&"career"));
    for c in s.cards.iter().filter(|c| !c.emphasis) {
        let group = d.node(&c.id).unwrap().group.clone().unwrap();
        let r = s.regions.iter().find(|r| r.id == group).unwrap();
        assert!(contains(&r.rect, &c.rect), "{} not in region {group}", c.id);
    }
    let external = s.regions.iter().find(|r| r.id == "external").unwrap();
    assert_eq!(external.texts[0].text, "社外");
    let en = map(&d, &options(Lang::En, TypeScale::STANDARD));
    assert_eq!(en.title, "Relationships: CSS");
    assert_eq!(
        en.regions
            .iter()
            .find(|r| r.id == "external")
            .unwrap()
            .texts[0]
            .text,
        "Outside Microsoft"
    );
}

#[test]
fn builtin_legend_lists_the_kinds_and_groups_shown() {
    let d = orgpath_explore::builtin().unwrap();
    let s = map(&d, &options(Lang::En, TypeScale::STANDARD));
    let kinds: BTreeSet<u32> = s
        .edges
        .iter()
        .filter_map(|e| match e.role {
            EdgeRole::Relation { kind, .. } => Some(kind),
            _ => None,
        })
        .collect();
    let lines: BTreeSet<u32> = s
        .legend
        .iter()
        .filter_map(|e| match &e.swatch {
            Swatch::Line {
                role: EdgeRole::Relation { kind, .. },
                ..
            } => Some(*kind),
            _ => None,
        })
        .collect();
    assert_eq!(lines, kinds);
    assert!(s
        .legend
        .iter()
        .any(|e| e.label == "sells through" || e.label == "gives technical help to"));
    let fills = s
        .legend
        .iter()
        .filter(|e| matches!(e.swatch, Swatch::Fill { .. }))
        .count();
    assert_eq!(fills, 5, "support, HQ, sales, marketing, outside");
    // Nothing shown is illustrative in the built-in data.
    assert!(!s.legend.iter().any(|e| e.swatch == Swatch::Illustrative));
}

#[test]
fn same_input_same_scene() {
    let d = orgpath_explore::builtin().unwrap();
    for o in all_options() {
        assert_eq!(map(&d, &o), map(&d, &o));
    }
}

#[test]
fn any_node_can_be_the_focus_and_unknown_ids_fall_back() {
    let d = orgpath_explore::builtin().unwrap();
    for n in d.nodes() {
        let mut o = options(Lang::En, TypeScale::STANDARD);
        o.focus = Some(n.id.clone());
        let s = map(&d, &o);
        let focal: Vec<&str> = s
            .cards
            .iter()
            .filter(|c| c.emphasis)
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(focal, [n.id.as_str()]);
        check_geometry(&s).unwrap_or_else(|e| panic!("focus {}: {e}", n.id));
        check_relations(&d, &s).unwrap_or_else(|e| panic!("focus {}: {e}", n.id));
    }
    let mut o = options(Lang::Ja, TypeScale::STANDARD);
    o.focus = Some("no-such-node".into());
    let s = map(&d, &o);
    assert!(s.cards.iter().any(|c| c.emphasis && c.id == "css"));
}

fn small(nodes: usize, relations: &[(usize, usize)], focus: Option<&str>) -> Dataset {
    let mut raw = RawDataset {
        format: FORMAT.into(),
        ..RawDataset::default()
    };
    raw.meta.title = RawText::new("題", "Title");
    raw.meta.focus = focus.map(str::to_owned);
    for i in 0..nodes {
        raw.nodes.push(RawNode {
            id: format!("n{i}"),
            kind: Some(NodeKind::Team),
            label: RawText::new(format!("ノード{i}"), format!("Node {i}")),
            ..RawNode::default()
        });
    }
    raw.relation_kinds.push(RawRelationKind {
        id: "k".into(),
        label: RawText::new("関わる", "works with"),
        style: LineStyle::Solid,
        family: None,
    });
    for &(a, b) in relations {
        raw.relations.push(RawRelation {
            from: format!("n{a}"),
            to: format!("n{b}"),
            kind: "k".into(),
            ..RawRelation::default()
        });
    }
    validate(&raw, &PointerOnly, &orgpath_explore::ViewDrawings).expect("valid")
}

#[test]
fn without_relations_only_the_focal_card_is_drawn() {
    let d = small(3, &[], Some("n1"));
    for o in all_options() {
        let s = map(&d, &o);
        assert_eq!(s.cards.len(), 1);
        assert_eq!(s.cards[0].id, "n1");
        assert!(s.cards[0].emphasis);
        assert!(s.edges.is_empty() && s.labels.is_empty() && s.regions.is_empty());
        check_geometry(&s).unwrap();
    }
    // No focus in the data: the node with most relations.
    let d = small(4, &[(0, 1), (2, 3), (3, 1)], None);
    let s = map(&d, &options(Lang::En, TypeScale::STANDARD));
    assert!(s.cards.iter().any(|c| c.emphasis && c.id == "n1"));
    // Ungrouped nodes get an "Other" region.
    assert_eq!(s.regions.len(), 1);
    assert_eq!(s.regions[0].texts[0].text, "Other");
    check_geometry(&s).unwrap();
    check_relations(&d, &s).unwrap();
}

#[test]
fn a_big_map_is_laid_out_quickly_and_keeps_every_invariant() {
    let mut raw = RawDataset {
        format: FORMAT.into(),
        ..RawDataset::default()
    };
    raw.meta.title = RawText::new("題", "Title");
    for g in 0..8 {
        raw.groups.push(RawGroup {
            id: format!("g{g}"),
            label: RawText::new(format!("グループ{g}"), format!("Group {g}")),
            description: None,
        });
    }
    for i in 0..300 {
        raw.nodes.push(RawNode {
            id: format!("n{i}"),
            kind: Some(NodeKind::Team),
            label: RawText::new(format!("ノード{i}"), format!("Node {i}")),
            group: Some(format!("g{}", i % 8)),
            ..RawNode::default()
        });
    }
    raw.relation_kinds.push(RawRelationKind {
        id: "k".into(),
        label: RawText::new("関わる", "works with"),
        style: LineStyle::Dashed,
        family: None,
    });
    let mut seen = BTreeSet::new();
    let mut x: u64 = 7;
    let mut next = |n: u64| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) % n
    };
    for i in 1..150 {
        seen.insert((0, i));
    }
    for _ in 0..400 {
        let (a, b) = (next(160), next(300));
        if a != b {
            seen.insert((a, b));
        }
    }
    for (a, b) in seen {
        raw.relations.push(RawRelation {
            from: format!("n{a}"),
            to: format!("n{b}"),
            kind: "k".into(),
            ..RawRelation::default()
        });
    }
    let d = validate(&raw, &PointerOnly, &orgpath_explore::ViewDrawings).expect("valid");
    let start = std::time::Instant::now();
    let s = map(&d, &options(Lang::Ja, TypeScale::STANDARD));
    let took = start.elapsed();
    assert!(s.cards.len() > 150, "{}", s.cards.len());
    assert!(took.as_secs_f32() < 20.0, "took {took:?}");
    check_geometry(&s).unwrap();
    check_relations(&d, &s).unwrap();
}

const WORDS: [&str; 8] = [
    "asks",
    "questions of",
    "hands over work to",
    "reports defects and requests fixes to",
    "相談する",
    "お客様の声をフィードバックする",
    "x",
    "collaborates on incidents with the account team",
];

/// Random groups, nodes and relations (no self-loops, no duplicates).
fn dataset() -> impl Strategy<Value = RawDataset> {
    (1usize..24, 0usize..6, 1usize..5).prop_flat_map(|(n, groups, kinds)| {
        (
            proptest::collection::vec((0..groups + 1, 0usize..8, any::<bool>()), n),
            proptest::collection::vec(
                (0..n, 0..n, 0..kinds, proptest::option::of(0usize..8)),
                0..n * 3,
            ),
            proptest::collection::vec(0usize..4, kinds),
            proptest::option::of(0..n + 1),
        )
            .prop_map(move |(nodes, rels, styles, focus)| {
                let mut raw = RawDataset {
                    format: FORMAT.into(),
                    ..RawDataset::default()
                };
                raw.meta.title = RawText::new("題", "Title");
                raw.meta.focus = focus.map(|f| format!("n{f}"));
                if focus == Some(n) {
                    raw.meta.focus = None;
                }
                for g in 0..groups {
                    raw.groups.push(RawGroup {
                        id: format!("g{g}"),
                        label: RawText::new(format!("グループ{g}"), format!("Group number {g}")),
                        description: None,
                    });
                }
                for (i, &(g, w, ill)) in nodes.iter().enumerate() {
                    raw.nodes.push(RawNode {
                        id: format!("n{i}"),
                        kind: Some(NodeKind::Role),
                        label: RawText::new(
                            format!("{}{i}", WORDS[w]),
                            format!("{} {i}", WORDS[w]),
                        ),
                        group: (g < groups).then(|| format!("g{g}")),
                        illustrative: ill,
                        ..RawNode::default()
                    });
                }
                for (k, &s) in styles.iter().enumerate() {
                    let style = [
                        LineStyle::Solid,
                        LineStyle::Dashed,
                        LineStyle::Dotted,
                        LineStyle::Double,
                    ][s];
                    raw.relation_kinds.push(RawRelationKind {
                        id: format!("k{k}"),
                        label: RawText::new(format!("種類{k}"), format!("kind {k}")),
                        style,
                        family: None,
                    });
                }
                let mut seen = BTreeSet::new();
                for (a, b, k, l) in rels {
                    if a == b || !seen.insert((a, b, k)) {
                        continue;
                    }
                    raw.relations.push(RawRelation {
                        from: format!("n{a}"),
                        to: format!("n{b}"),
                        kind: format!("k{k}"),
                        label: l.map(|w| RawText::new(WORDS[w], WORDS[w])),
                        ..RawRelation::default()
                    });
                }
                raw
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn generated_maps_keep_every_invariant(raw in dataset(), ja in any::<bool>(), projector in any::<bool>()) {
        let d = validate(&raw, &PointerOnly, &orgpath_explore::ViewDrawings).expect("generated datasets are valid");
        let o = options(if ja { Lang::Ja } else { Lang::En }, if projector { TypeScale::PROJECTOR } else { TypeScale::STANDARD });
        let s = map(&d, &o);
        prop_assert_eq!(check_geometry(&s), Ok(()));
        prop_assert_eq!(check_relations(&d, &s), Ok(()));
        prop_assert_eq!(&s, &map(&d, &o));
    }
}
