//! Properties of the tree layout over generated trees, in every direction, tidy and
//! compact (grids of several column factors): no two cards overlap, children sit on
//! the correct side of their parents, no edge passes through a card, every edge joins
//! its two cards, and the result is deterministic.

use std::collections::{HashMap, HashSet};

use orgpath_explore::layout::tidy::{
    self, grid_positions, layout, positions, Direction, Spacing, TreeItem, TreeOptions, ROOT,
};
use orgpath_explore::scene::{Accent, Card, CardSpec, Edge, SizedCard, TypeScale};
use proptest::prelude::*;

use crate::common;
use common::segment_hits as crosses;

/// A generated tree: parents[i] < i for every non-root, labels of varied length.
#[derive(Debug, Clone)]
struct Shape {
    parents: Vec<Option<usize>>,
    labels: Vec<String>,
    extra: Vec<(usize, usize)>,
}

fn shape() -> impl Strategy<Value = Shape> {
    (1usize..60).prop_flat_map(|n| {
        (
            proptest::collection::vec((any::<prop::sample::Index>(), 0u8..10), n),
            proptest::collection::vec("[a-zA-Zあ-ん ]{1,24}", n),
            proptest::collection::vec(
                (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
                0..3,
            ),
        )
            .prop_map(move |(picks, labels, extra)| {
                let parents = picks
                    .iter()
                    .enumerate()
                    .map(|(i, (p, root))| {
                        if i == 0 || *root == 0 {
                            None
                        } else {
                            Some(p.index(i))
                        }
                    })
                    .collect::<Vec<_>>();
                let extra = extra
                    .into_iter()
                    .map(|(a, b)| (a.index(n), b.index(n)))
                    .filter(|(a, b)| a != b)
                    .collect();
                Shape {
                    parents,
                    labels,
                    extra,
                }
            })
    })
}

fn build(shape: &Shape, ts: &TypeScale) -> Vec<TreeItem> {
    let n = shape.parents.len();
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, p) in shape.parents.iter().enumerate() {
        if let Some(p) = p {
            kids[*p].push(i);
        }
    }
    // Extra parents only where they do not make the node its own ancestor's child.
    let mut extra: Vec<Vec<String>> = vec![Vec::new(); n];
    for &(child, parent) in &shape.extra {
        if shape.parents[child].is_some() && !ancestors(shape, parent).contains(&child) {
            extra[child].push(format!("n{parent}"));
        }
    }
    fn make(
        i: usize,
        shape: &Shape,
        kids: &[Vec<usize>],
        extra: &[Vec<String>],
        ts: &TypeScale,
    ) -> TreeItem {
        let id = format!("n{i}");
        let card = SizedCard::new(
            CardSpec {
                id: &id,
                title: &shape.labels[i],
                caption: Some("Team".into()),
                badge: i.is_multiple_of(5).then_some("example"),
                accent: Accent::Neutral,
                description: None,
                illustrative: false,
                emphasis: false,
                collapsed: None,
            },
            ts,
        );
        TreeItem {
            card,
            children: kids[i]
                .iter()
                .map(|&c| make(c, shape, kids, extra, ts))
                .collect(),
            extra_parents: extra[i].clone(),
        }
    }
    (0..n)
        .filter(|&i| shape.parents[i].is_none())
        .map(|r| make(r, shape, &kids, &extra, ts))
        .collect()
}

fn ancestors(shape: &Shape, mut i: usize) -> HashSet<usize> {
    let mut out = HashSet::new();
    out.insert(i);
    while let Some(p) = shape.parents[i] {
        out.insert(p);
        i = p;
    }
    out
}

fn check(
    cards: &[Card],
    edges: &[Edge],
    shape: &Shape,
    direction: Direction,
) -> Result<(), TestCaseError> {
    let by_id: HashMap<&str, &Card> = cards.iter().map(|c| (c.id.as_str(), c)).collect();
    prop_assert_eq!(cards.len(), shape.parents.len());
    for (i, a) in cards.iter().enumerate() {
        for b in &cards[i + 1..] {
            prop_assert!(
                !a.rect.overlaps(&b.rect),
                "{} overlaps {}: {:?} {:?}",
                a.id,
                b.id,
                a.rect,
                b.rect
            );
        }
        // Text stays inside the card.
        for t in &a.texts {
            prop_assert!(
                t.x >= a.rect.x && t.x + t.width <= a.rect.right() + 0.01,
                "text of {} outside its card",
                a.id
            );
        }
    }
    for (i, p) in shape.parents.iter().enumerate() {
        let Some(p) = p else { continue };
        let (c, p) = (
            by_id[format!("n{i}").as_str()],
            by_id[format!("n{p}").as_str()],
        );
        let ok = match direction {
            Direction::LeftRight => c.rect.x >= p.rect.right(),
            Direction::RightLeft => c.rect.right() <= p.rect.x,
            Direction::TopDown => c.rect.y >= p.rect.bottom(),
            Direction::BottomUp => c.rect.bottom() <= p.rect.y,
        };
        prop_assert!(
            ok,
            "{:?}: child {} on the wrong side of {}",
            direction,
            c.id,
            p.id
        );
    }
    for e in edges {
        // Every edge starts on its source card's border and ends on its target's.
        let (from, to) = (by_id[e.from.as_str()], by_id[e.to.as_str()]);
        let (a, b) = (e.points[0], e.points[e.points.len() - 1]);
        prop_assert!(
            on_border(a, &from.rect),
            "{:?} {}→{} starts off its card",
            direction,
            e.from,
            e.to
        );
        prop_assert!(
            on_border(b, &to.rect),
            "{:?} {}→{} ends off its card",
            direction,
            e.from,
            e.to
        );
        for w in e.points.windows(2) {
            // Orthogonal.
            prop_assert!((w[0].x - w[1].x).abs() < 0.01 || (w[0].y - w[1].y).abs() < 0.01);
            for c in cards {
                prop_assert!(
                    !crosses(w[0], w[1], &c.rect),
                    "{:?} edge {}→{} ({:?}) crosses {} {:?}",
                    direction,
                    e.from,
                    e.to,
                    e.role,
                    c.id,
                    c.rect
                );
            }
        }
    }
    Ok(())
}

/// Whether `p` lies on the border of `r`.
fn on_border(p: orgpath_explore::scene::Point, r: &orgpath_explore::scene::Rect) -> bool {
    let near = |a: f32, b: f32| (a - b).abs() < 0.05;
    let within = |v: f32, lo: f32, hi: f32| v >= lo - 0.05 && v <= hi + 0.05;
    ((near(p.x, r.x) || near(p.x, r.right())) && within(p.y, r.y, r.bottom()))
        || ((near(p.y, r.y) || near(p.y, r.bottom())) && within(p.x, r.x, r.right()))
}

const FACTORS: [f32; 4] = [0.5, 1.0, 2.0, 0.0];
/// Grids shaped to boxes: none (the factor), wide, tall.
const SHAPES: [Option<f32>; 3] = [None, Some(16.0 / 9.0), Some(0.7)];

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn no_overlaps_right_sides_and_no_edge_through_a_card(shape in shape(), d in 0usize..4, compact in any::<bool>(), f in 0usize..4, s in 0usize..3) {
        let direction = Direction::ALL[d];
        let ts = TypeScale::STANDARD;
        let options = TreeOptions { direction, compact, columns: FACTORS[f], shape: SHAPES[s], collapsed: HashSet::new() };
        let (cards, edges) = layout(build(&shape, &ts), &options, &ts);
        check(&cards, &edges, &shape, direction)?;
        // Deterministic: the same input gives the same output.
        let (again, again_edges) = layout(build(&shape, &ts), &options, &ts);
        prop_assert_eq!(cards, again);
        prop_assert_eq!(edges, again_edges);
    }

    #[test]
    fn projector_scale_keeps_the_properties(shape in shape(), d in 0usize..4) {
        let ts = TypeScale::PROJECTOR;
        let direction = Direction::ALL[d];
        let options = TreeOptions { direction, compact: true, columns: 1.0, shape: Some(16.0 / 9.0), collapsed: HashSet::new() };
        let (cards, edges) = layout(build(&shape, &ts), &options, &ts);
        check(&cards, &edges, &shape, direction)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// The coordinate pass on its own (what `.ci/bench` compares with d3's `tree()`)
    /// puts every node where the whole layout puts its card.
    #[test]
    fn the_coordinate_pass_is_the_layout(shape in shape(), compact in any::<bool>()) {
        let ts = TypeScale::STANDARD;
        let direction = if compact { Direction::TopDown } else { Direction::LeftRight };
        let options = TreeOptions { direction, compact, columns: 1.0, shape: None, collapsed: HashSet::new() };
        let mut plain = shape.clone();
        plain.extra.clear();
        let (cards, edges) = layout(build(&plain, &ts), &options, &ts);
        // Cards come in pre-order; the edges name each card's parent.
        let index: HashMap<&str, usize> =
            cards.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
        let mut flat = tidy::Shape {
            parent: vec![ROOT; cards.len()],
            ..Default::default()
        };
        for e in &edges {
            flat.parent[index[e.to.as_str()]] = index[e.from.as_str()] as u32;
        }
        let (along, across): (Vec<f32>, Vec<f32>) = if compact {
            cards.iter().map(|c| (c.rect.h, c.rect.w)).unzip()
        } else {
            cards.iter().map(|c| (c.rect.w, c.rect.h)).unzip()
        };
        flat.main_ext = along;
        flat.cross_ext = across;
        let spacing = Spacing {
            gap: ts.sibling_gap,
            level_gap: ts.level_gap,
        };
        let (main, cross) = if compact {
            let g = grid_positions(&flat, 1.0, spacing).expect("the layout's order is a pre-order");
            (g.main, g.cross)
        } else {
            let p = positions(&flat, spacing).expect("the layout's order is a pre-order");
            (p.main, p.cross)
        };
        let placed = tidy::Positions { main, cross, ..Default::default() };
        for (i, c) in cards.iter().enumerate() {
            let (main, cross) = if compact { (c.rect.y, c.rect.x) } else { (c.rect.x, c.rect.y) };
            prop_assert!((placed.main[i] - main).abs() < 0.01, "{}: main {} vs {}", c.id, placed.main[i], main);
            prop_assert!((placed.cross[i] - cross).abs() < 0.01, "{}: cross {} vs {}", c.id, placed.cross[i], cross);
        }
    }
}

#[test]
fn a_chain_of_a_million_is_placed_without_recursion() {
    let n = 1_000_000usize;
    let shape = tidy::Shape {
        parent: (0..n)
            .map(|i| if i == 0 { ROOT } else { i as u32 - 1 })
            .collect(),
        main_ext: vec![100.0; n],
        cross_ext: vec![40.0; n],
    };
    let spacing = Spacing {
        gap: 16.0,
        level_gap: 64.0,
    };
    let placed = positions(&shape, spacing).expect("a chain is in pre-order");
    assert_eq!(placed.level_start.len(), n);
    // Every level one further along (f32 sums drift at 10^8 px, so no exact end).
    assert_eq!(placed.main[1], 164.0);
    assert!(placed.main.windows(2).all(|w| w[1] > w[0]));
    assert!(placed.cross.iter().all(|&c| c == 0.0));
    // The compact pass too: one column, each block under its parent.
    let grid = grid_positions(&shape, 1.0, spacing).expect("a chain is in pre-order");
    assert_eq!(grid.main[1], 132.0);
    assert!(grid.main.windows(2).all(|w| w[1] > w[0]));
}

#[test]
fn a_shape_out_of_pre_order_is_refused() {
    let spacing = Spacing {
        gap: 16.0,
        level_gap: 64.0,
    };
    let shape = |parent: Vec<u32>| tidy::Shape {
        main_ext: vec![10.0; parent.len()],
        cross_ext: vec![10.0; parent.len()],
        parent,
    };
    // A parent after its child.
    assert!(positions(&shape(vec![1, ROOT]), spacing).is_none());
    assert!(grid_positions(&shape(vec![1, ROOT]), 1.0, spacing).is_none());
    // 0 ─ 1, 0 ─ 2 ─ 3, then 4 under 1, whose subtree was already closed.
    assert!(positions(&shape(vec![ROOT, 0, 0, 2, 1]), spacing).is_none());
    // Arrays of different lengths.
    let mut bad = shape(vec![ROOT, 0]);
    bad.cross_ext.pop();
    assert!(positions(&bad, spacing).is_none());
    assert!(grid_positions(&bad, 1.0, spacing).is_none());
    // And the same shapes, well formed, are placed.
    assert!(positions(&shape(vec![ROOT, 0, 0, 2, 0]), spacing).is_some());
    assert!(grid_positions(&shape(vec![ROOT, 0, 0, 2, 0]), 1.0, spacing).is_some());
}

#[test]
fn a_chain_of_twenty_thousand_does_not_overflow_the_stack() {
    // ELK overflows its stack at 19k nodes; the layout itself is iterative. Building
    // and dropping the nested input is recursive, so run it on a thread with a known
    // stack to keep this test about the layout.
    std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(|| {
            let ts = TypeScale::STANDARD;
            let n: usize = 20_000;
            let shape = Shape {
                parents: (0..n).map(|i| i.checked_sub(1)).collect(),
                labels: (0..n).map(|i| format!("L{i}")).collect(),
                extra: Vec::new(),
            };
            let (cards, edges) = layout(build(&shape, &ts), &TreeOptions::default(), &ts);
            assert_eq!(cards.len(), n);
            assert_eq!(edges.len(), n - 1);
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn collapsed_subtrees_hide_their_children() {
    let ts = TypeScale::STANDARD;
    let shape = Shape {
        parents: vec![None, Some(0), Some(1), Some(1)],
        labels: vec!["a".into(), "b".into(), "c".into(), "d".into()],
        extra: Vec::new(),
    };
    let options = TreeOptions {
        direction: Direction::LeftRight,
        compact: false,
        columns: 1.0,
        shape: None,
        collapsed: ["n1".to_owned()].into(),
    };
    let (cards, edges) = layout(build(&shape, &ts), &options, &ts);
    assert_eq!(
        cards.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["n0", "n1"]
    );
    assert_eq!(edges.len(), 1);
}
