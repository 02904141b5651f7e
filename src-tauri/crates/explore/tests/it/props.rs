//! Property tests of the loaders: no input makes them panic, and generated valid
//! datasets always load and draw every node exactly once.

use orgpath_explore::locate::PointerIndex;
use orgpath_explore::raw::*;
use orgpath_explore::validate::{validate, PointerOnly};
use orgpath_explore::{load_csv, load_json};
use proptest::prelude::*;

/// A random forest: node i's parents are drawn from nodes before it, so it is acyclic.
fn forest() -> impl Strategy<Value = RawDataset> {
    (1usize..40).prop_flat_map(|n| {
        proptest::collection::vec(
            proptest::collection::vec(any::<prop::sample::Index>(), 0..3),
            n,
        )
        .prop_map(move |parents| {
            let mut raw = RawDataset {
                format: FORMAT.into(),
                ..RawDataset::default()
            };
            raw.meta.title = RawText::new("題", "Title");
            for (i, ps) in parents.iter().enumerate() {
                raw.nodes.push(RawNode {
                    id: format!("n{i}"),
                    kind: Some(NodeKind::Team),
                    label: RawText::new(format!("ノード{i}"), format!("Node {i}")),
                    ..RawNode::default()
                });
                if i > 0 {
                    let mut seen = Vec::new();
                    for p in ps {
                        let p = p.index(i);
                        if !seen.contains(&p) {
                            seen.push(p);
                            raw.hierarchy.push(RawHierarchyEdge {
                                child: format!("n{i}"),
                                parent: format!("n{p}"),
                                ..Default::default()
                            });
                        }
                    }
                }
            }
            raw
        })
    })
}

fn count(nodes: &[orgpath_explore::TreeNode]) -> usize {
    nodes.iter().map(|n| 1 + count(&n.children)).sum()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn json_loader_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = load_json(&bytes, "fuzz.json");
    }

    #[test]
    fn json_loader_never_panics_on_near_json(s in r#"[\{\}\[\]":,a-z0-9 \n\\]{0,200}"#) {
        let _ = load_json(s.as_bytes(), "fuzz.json");
        let _ = PointerIndex::new(&s).locate("/nodes/0/id");
    }

    #[test]
    fn csv_loader_never_panics(s in r#"[a-c0-9,;"\n\r ]{0,200}"#) {
        let input = format!("id,parent,name\n{s}");
        let _ = load_csv(input.as_bytes(), "fuzz.csv");
        let _ = load_csv(s.as_bytes(), "fuzz.csv");
    }

    #[test]
    fn generated_forests_load_and_draw_each_node_once(raw in forest()) {
        let d = validate(&raw, &PointerOnly, &orgpath_explore::ViewDrawings).expect("acyclic forests are valid");
        let tree = d.org_tree();
        prop_assert_eq!(count(&tree.roots), raw.nodes.len());
        // Round trip through JSON text keeps it valid, and every problem-free file
        // gives the same dataset.
        let text = serde_json::to_string_pretty(&raw).unwrap();
        let again = load_json(text.as_bytes(), "gen.json").expect("serialised form loads");
        prop_assert_eq!(again.node_count(), raw.nodes.len());
    }

    #[test]
    fn every_value_of_a_generated_file_is_located(raw in forest()) {
        let text = serde_json::to_string_pretty(&raw).unwrap();
        let index = PointerIndex::new(&text);
        for (i, _) in raw.nodes.iter().enumerate() {
            let (line, col) = index.locate(&format!("/nodes/{i}/id")).expect("located");
            // The located line holds the id's key.
            let l = text.lines().nth(line as usize - 1).unwrap();
            prop_assert!(l.contains("\"id\""), "line {} col {}: {}", line, col, l);
        }
    }

    #[test]
    fn a_back_edge_is_always_reported_as_a_cycle(raw in forest(), pick in any::<prop::sample::Index>()) {
        let mut raw = raw;
        prop_assume!(!raw.hierarchy.is_empty());
        let e = raw.hierarchy[pick.index(raw.hierarchy.len())].clone();
        raw.hierarchy.push(RawHierarchyEdge { child: e.parent.clone(), parent: e.child.clone(), ..Default::default() });
        let problems = validate(&raw, &PointerOnly, &orgpath_explore::ViewDrawings).unwrap_err();
        prop_assert!(problems.iter().any(|p| p.code == orgpath_explore::Code::Cycle), "{:?}", problems);
    }
}
