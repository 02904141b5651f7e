//! Robustness properties (issue 6), beside the fuzz targets in `fuzz/`:
//! - loading never panics, on arbitrary bytes and on valid files damaged a little
//!   (bytes flipped, inserted, removed; cut short);
//! - a valid dataset written back to JSON loads to the same graph;
//! - the organisation view of any valid dataset keeps its geometry: every card inside
//!   the drawing, no two cards overlapping, every edge from a card's border to a card's
//!   border.

use crate::common;

use std::collections::BTreeSet;

use orgpath_explore::raw::*;
use orgpath_explore::scene::{Lang, Scene, View};
use orgpath_explore::validate::{validate, PointerOnly};
use orgpath_explore::views::{self, Direction, SceneOptions};
use orgpath_explore::{load_csv, load_json, Dataset};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------
// Damaged files
// ---------------------------------------------------------------------------------

/// One small change to a file's bytes.
#[derive(Debug, Clone)]
enum Damage {
    Flip {
        at: prop::sample::Index,
        bit: u8,
    },
    Set {
        at: prop::sample::Index,
        byte: u8,
    },
    Insert {
        at: prop::sample::Index,
        byte: u8,
    },
    Remove {
        at: prop::sample::Index,
    },
    CutAt {
        at: prop::sample::Index,
    },
    /// A copy of one stretch of the file pasted over another (libFuzzer's CrossOver,
    /// within one file): repeated brackets, ids and rows.
    Copy {
        from: prop::sample::Index,
        to: prop::sample::Index,
        len: usize,
    },
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<prop::sample::Index>(), 0u8..8).prop_map(|(at, bit)| Damage::Flip { at, bit }),
        // Bytes that matter to JSON and CSV, and a few that are not text at all.
        (
            any::<prop::sample::Index>(),
            prop::sample::select(&b"{}[]\",:;\n\r\\ 0a\x00\xff\xe3"[..])
        )
            .prop_map(|(at, byte)| Damage::Set { at, byte }),
        (
            any::<prop::sample::Index>(),
            prop::sample::select(&b"{}[]\",:;\n\r\\ 0a\x00\xff\xe3"[..])
        )
            .prop_map(|(at, byte)| Damage::Insert { at, byte }),
        any::<prop::sample::Index>().prop_map(|at| Damage::Remove { at }),
        any::<prop::sample::Index>().prop_map(|at| Damage::CutAt { at }),
        (
            any::<prop::sample::Index>(),
            any::<prop::sample::Index>(),
            1usize..200
        )
            .prop_map(|(from, to, len)| Damage::Copy { from, to, len }),
    ]
}

fn apply(bytes: &mut Vec<u8>, d: &Damage) {
    if bytes.is_empty() {
        return;
    }
    let n = bytes.len();
    match d {
        Damage::Flip { at, bit } => bytes[at.index(n)] ^= 1 << bit,
        Damage::Set { at, byte } => bytes[at.index(n)] = *byte,
        Damage::Insert { at, byte } => bytes.insert(at.index(n + 1), *byte),
        Damage::Remove { at } => {
            bytes.remove(at.index(n));
        }
        Damage::CutAt { at } => bytes.truncate(at.index(n)),
        Damage::Copy { from, to, len } => {
            let from = from.index(n);
            let piece: Vec<u8> = bytes[from..(from + len).min(n)].to_vec();
            let to = to.index(n);
            let end = (to + piece.len()).min(n);
            bytes.splice(to..end, piece);
        }
    }
}

/// What a loaded dataset must allow: every view drawn, without a panic.
fn draw_all(d: &Dataset) {
    for (_, scene) in common::every_view(d, &SceneOptions::new(Lang::Ja)) {
        let _ = orgpath_explore::render::svg(&scene, &Default::default());
    }
}

const BASIC_CSV: &str = include_str!("../../../../../tests/fixtures/csv/basic.csv");

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn loaders_never_panic_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = load_json(&bytes, "any.json");
        if let Ok(d) = load_csv(&bytes, "any.csv") {
            draw_all(&d);
        }
    }

    /// The built-in dataset (85 KB, every section of the format) with up to four small
    /// changes. Most damaged copies are refused; the rest still load.
    #[test]
    fn a_damaged_builtin_dataset_loads_or_is_refused(changes in proptest::collection::vec(damage(), 1..5)) {
        let mut bytes = orgpath_explore::BUILTIN_JSON.as_bytes().to_vec();
        for c in &changes {
            apply(&mut bytes, c);
        }
        match load_json(&bytes, "damaged.json") {
            Ok(d) => prop_assert!(d.node_count() > 0),
            Err(r) => {
                prop_assert!(!r.problems.is_empty());
                // Every problem says where it is: a line, or a pointer into the file.
                for p in &r.problems {
                    prop_assert!(p.at.line.is_some() || p.at.pointer.is_some(), "{p:?}");
                }
            }
        }
    }

    #[test]
    fn a_damaged_csv_file_loads_and_draws_or_is_refused(changes in proptest::collection::vec(damage(), 1..6)) {
        let mut bytes = BASIC_CSV.as_bytes().to_vec();
        for c in &changes {
            apply(&mut bytes, c);
        }
        match load_csv(&bytes, "damaged.csv") {
            Ok(d) => draw_all(&d),
            Err(r) => prop_assert!(!r.problems.is_empty()),
        }
    }
}

// ---------------------------------------------------------------------------------
// Generated valid datasets
// ---------------------------------------------------------------------------------

/// Text with what JSON must escape and what pointers must escape, in both scripts.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ぁ-んァ-ン一-龥\"\\\\/~<>&\n\t]{0,10}".prop_map(|s| format!("T{s}"))
}

fn raw_text() -> impl Strategy<Value = RawText> {
    (text(), text()).prop_map(|(ja, en)| RawText::new(ja, en))
}

/// One node's own choices: kind, label, title, group pick, parents picked among the
/// nodes before it (so the hierarchy is acyclic), and the kind of each parent link.
#[derive(Debug, Clone)]
struct NodeChoice {
    kind: NodeKind,
    label: RawText,
    title: Option<RawText>,
    id_suffix: String,
    group: Option<prop::sample::Index>,
    parents: Vec<(prop::sample::Index, bool)>,
}

fn node_choice() -> impl Strategy<Value = NodeChoice> {
    (
        prop::sample::select(vec![
            NodeKind::Organisation,
            NodeKind::Department,
            NodeKind::Team,
            NodeKind::Team,
            NodeKind::Role,
            NodeKind::External,
            NodeKind::CareerStage,
        ]),
        raw_text(),
        proptest::option::of(raw_text()),
        "[a-z0-9~/._-]{0,4}",
        proptest::option::of(any::<prop::sample::Index>()),
        proptest::collection::vec((any::<prop::sample::Index>(), any::<bool>()), 0..3),
    )
        .prop_map(
            |(kind, label, title, id_suffix, group, parents)| NodeChoice {
                kind,
                label,
                title,
                id_suffix,
                group,
                parents,
            },
        )
}

/// A valid dataset: nodes of every kind, matrix parents, groups, relation kinds and
/// relations, ids with characters JSON pointers escape.
fn dataset() -> impl Strategy<Value = RawDataset> {
    (
        proptest::collection::vec(node_choice(), 1..30),
        proptest::collection::vec(raw_text(), 0..4),
        proptest::collection::vec(raw_text(), 0..3),
        proptest::collection::vec(
            (
                any::<prop::sample::Index>(),
                any::<prop::sample::Index>(),
                any::<prop::sample::Index>(),
            ),
            0..20,
        ),
    )
        .prop_map(|(choices, groups, kinds, relations)| {
            let mut raw = RawDataset {
                format: FORMAT.into(),
                ..RawDataset::default()
            };
            raw.meta.title = RawText::new("題", "Title");
            raw.groups = groups
                .into_iter()
                .enumerate()
                .map(|(i, label)| RawGroup {
                    id: format!("g{i}"),
                    label,
                    description: None,
                })
                .collect();
            let ids: Vec<String> = choices
                .iter()
                .enumerate()
                .map(|(i, c)| format!("n{i}-{}", c.id_suffix))
                .collect();
            for (i, c) in choices.into_iter().enumerate() {
                let group = match (&c.group, raw.groups.len()) {
                    (Some(g), n) if n > 0 => Some(format!("g{}", g.index(n))),
                    _ => None,
                };
                raw.nodes.push(RawNode {
                    id: ids[i].clone(),
                    kind: Some(c.kind),
                    label: c.label,
                    title: c.title,
                    group,
                    ..RawNode::default()
                });
                let mut seen = BTreeSet::new();
                for (p, reports) in c.parents {
                    if i == 0 {
                        break;
                    }
                    let p = p.index(i);
                    if seen.insert(p) {
                        raw.hierarchy.push(RawHierarchyEdge {
                            child: ids[i].clone(),
                            parent: ids[p].clone(),
                            kind: if reports {
                                HierarchyKind::ReportsTo
                            } else {
                                HierarchyKind::PartOf
                            },
                            source: None,
                        });
                    }
                }
            }
            raw.relation_kinds = kinds
                .into_iter()
                .enumerate()
                .map(|(i, label)| RawRelationKind {
                    id: format!("k{i}"),
                    label,
                    style: LineStyle::Solid,
                    family: None,
                })
                .collect();
            let mut seen = BTreeSet::new();
            if !raw.relation_kinds.is_empty() {
                for (a, b, k) in relations {
                    let (a, b) = (a.index(ids.len()), b.index(ids.len()));
                    let k = k.index(raw.relation_kinds.len());
                    if a != b && seen.insert((a, b, k)) {
                        raw.relations.push(RawRelation {
                            from: ids[a].clone(),
                            to: ids[b].clone(),
                            kind: format!("k{k}"),
                            ..RawRelation::default()
                        });
                    }
                }
            }
            raw
        })
}

/// The graph of a dataset, as comparable values: nodes (id, kind, labels, title,
/// group) in order, hierarchy edges and relations in order.
type Shape = (
    Vec<(
        String,
        NodeKind,
        (String, String),
        Option<(String, String)>,
        Option<String>,
    )>,
    Vec<(String, String, HierarchyKind)>,
    Vec<(String, String, String)>,
);

fn shape(d: &Dataset) -> Shape {
    let pair = |t: &orgpath_explore::Text| (t.ja.clone(), t.en.clone());
    (
        d.nodes()
            .map(|n| {
                (
                    n.id.clone(),
                    n.kind,
                    pair(&n.label),
                    n.title.as_ref().map(pair),
                    n.group.clone(),
                )
            })
            .collect(),
        d.hierarchy()
            .map(|(c, p, k)| (c.to_owned(), p.to_owned(), k))
            .collect(),
        d.relations()
            .iter()
            .map(|r| (r.from.clone(), r.to.clone(), r.kind.clone()))
            .collect(),
    )
}

/// Card and edge geometry of a drawn scene; the first problem found.
fn geometry(s: &Scene) -> Result<(), String> {
    let inside = |r: &orgpath_explore::scene::Rect| {
        r.x >= -0.01 && r.y >= -0.01 && r.right() <= s.width + 0.01 && r.bottom() <= s.height + 0.01
    };
    for c in &s.cards {
        if !inside(&c.rect) {
            return Err(format!(
                "card {} at {:?} is outside {}x{}",
                c.id, c.rect, s.width, s.height
            ));
        }
    }
    for (i, a) in s.cards.iter().enumerate() {
        for b in &s.cards[i + 1..] {
            if a.rect.overlaps(&b.rect) {
                return Err(format!("cards {} and {} overlap", a.id, b.id));
            }
        }
    }
    for e in &s.edges {
        let card = |id: &str| s.cards.iter().find(|c| c.id == id);
        let (Some(from), Some(to)) = (card(&e.from), card(&e.to)) else {
            return Err(format!(
                "edge {} -> {} names a card not drawn",
                e.from, e.to
            ));
        };
        let (Some(&first), Some(&last)) = (e.points.first(), e.points.last()) else {
            return Err(format!("edge {} -> {} has no points", e.from, e.to));
        };
        if e.points.len() < 2
            || !common::on_border(first, &from.rect)
            || !common::on_border(last, &to.rect)
        {
            return Err(format!(
                "edge {} -> {} does not run border to border: {:?}",
                e.from, e.to, e.points
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn a_valid_dataset_written_as_json_loads_to_the_same_graph(raw in dataset()) {
        let direct = validate(&raw, &PointerOnly, &orgpath_explore::ViewDrawings).unwrap_or_else(|p| panic!("generated datasets are valid: {p:?}"));
        let text = serde_json::to_string_pretty(&raw).expect("serialisable");
        let loaded = load_json(text.as_bytes(), "written.json").unwrap_or_else(|r| panic!("{r}\n{text}"));
        prop_assert_eq!(shape(&loaded), shape(&direct));
        // And what was generated is what loaded (validation trims text, so compare
        // the trimmed form).
        let ids: Vec<&str> = loaded.nodes().map(|n| n.id.as_str()).collect();
        let generated: Vec<&str> = raw.nodes.iter().map(|n| n.id.as_str()).collect();
        prop_assert_eq!(ids, generated);
        prop_assert_eq!(loaded.hierarchy_edge_count(), raw.hierarchy.len());
        prop_assert_eq!(loaded.relations().len(), raw.relations.len());
        // Written again from the loaded form's source, the text is the same.
        let again: RawDataset = serde_json::from_str(&text).expect("reads back");
        prop_assert_eq!(serde_json::to_string_pretty(&again).expect("serialisable"), text);
    }

    #[test]
    fn the_org_view_of_a_valid_dataset_keeps_its_geometry(
        raw in dataset(),
        direction in prop::sample::select(Direction::ALL.to_vec()),
        compact in any::<bool>(),
        fold in proptest::collection::vec(any::<prop::sample::Index>(), 0..3),
        lang in prop::sample::select(vec![Lang::Ja, Lang::En]),
    ) {
        let d = validate(&raw, &PointerOnly, &orgpath_explore::ViewDrawings).unwrap_or_else(|p| panic!("valid: {p:?}"));
        let mut options = SceneOptions::new(lang);
        options.direction = direction;
        options.compact = compact;
        for f in &fold {
            options.collapsed.insert(raw.nodes[f.index(raw.nodes.len())].id.clone());
        }
        let scene = views::scene(&d, View::Org, &options);
        if let Err(problem) = geometry(&scene) {
            prop_assert!(false, "{direction:?} compact={compact}: {problem}");
        }
        // Every organisational unit is drawn once, unless it sits in a folded subtree.
        let drawn: Vec<&str> = scene.cards.iter().map(|c| c.id.as_str()).collect();
        let unique: BTreeSet<&str> = drawn.iter().copied().collect();
        prop_assert_eq!(unique.len(), drawn.len(), "a card drawn twice");
        if fold.is_empty() {
            let units = raw.nodes.iter().filter(|n| n.kind.is_some_and(|k| k.is_organisational())).count();
            prop_assert_eq!(drawn.len(), units);
        }
    }
}
