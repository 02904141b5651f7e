//! Generated organisation trees, shared by the criterion benches and the comparison
//! with d3-hierarchy and Graphviz (`.ci/bench`), so every tool lays out the same tree.
//!
//! A tree is a list of nodes in which every node's parent comes before it (node 0 is
//! the root). The generator is deterministic (a fixed-seed xorshift, no extra crates)
//! and shaped like an organisation chart: breadth first, each node in turn takes 2–12
//! reports, or none (an individual contributor) with probability 35%, so branching is
//! bounded, leaves sit on every level and not only the last, and the depth grows like
//! log n (6 levels at 1k, 7 at 10k, 9 at 100k; 86% of the nodes are leaves, as in a
//! real company): neither a path nor a star.

use orgpath_explore::layout::tidy::{Shape, Spacing, TreeItem, ROOT};
use orgpath_explore::scene::{Accent, CardSpec, SizedCard, TypeScale};

/// The sizes the benches and the comparison run on.
pub const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// One generated node.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub parent: Option<usize>,
    pub label: String,
    pub caption: String,
    /// Shows the "example" badge, like illustrative nodes of the real data.
    pub badge: bool,
    pub group: u32,
}

/// xorshift64*: small, fast and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// Labels of every length a card meets: short ones on one line, long ones that wrap to
/// two or three lines (and the longest get an ellipsis), Japanese and English mixed.
const LABELS: [&str; 12] = [
    "Team {}",
    "チーム{}",
    "Sales {}",
    "営業部{}",
    "Platform Engineering {}",
    "データベース基盤サポートチーム{}",
    "Customer Success Operations and Enablement Group {}",
    "カスタマーサクセス推進本部 第{}グループ",
    "QA {}",
    "人事{}",
    "Research and Development Division for Applied Machine Learning Systems {}",
    "経営企画室 事業開発・アライアンス推進担当 第{}課（東日本エリア統括）",
];

const CAPTIONS: [&str; 6] = [
    "Team · Lead",
    "チーム · リーダー",
    "Department",
    "部門 · 本部長",
    "Role · Engineer",
    "ロール",
];

/// The tree of `n` nodes (n ≥ 1) for `seed`.
pub fn generate(n: usize, seed: u64) -> Vec<Node> {
    let mut rng = Rng::new(seed);
    let mut nodes = Vec::with_capacity(n);
    let node = |rng: &mut Rng, i: usize, parent: Option<usize>| Node {
        parent,
        label: LABELS[rng.range(0, LABELS.len() - 1)].replace("{}", &i.to_string()),
        caption: CAPTIONS[rng.range(0, CAPTIONS.len() - 1)].to_owned(),
        badge: rng.chance(5),
        group: rng.range(0, 7) as u32,
    };
    nodes.push(node(&mut rng, 0, None));
    // Breadth first: each node in turn takes its reports, so parents precede children.
    let mut next_parent = 0;
    while nodes.len() < n {
        let reports = if next_parent == 0 {
            rng.range(4, 12)
        } else if rng.chance(35) {
            0
        } else {
            rng.range(2, 12)
        };
        for _ in 0..reports {
            if nodes.len() == n {
                break;
            }
            let i = nodes.len();
            nodes.push(node(&mut rng, i, Some(next_parent)));
        }
        next_parent += 1;
        if next_parent == nodes.len() && nodes.len() < n {
            // Every node so far chose no reports (cannot happen past the root, which
            // always takes some, but keep the generator total).
            let i = nodes.len();
            nodes.push(node(&mut rng, i, Some(i - 1)));
        }
    }
    nodes
}

/// The seed every bench and the comparison use.
pub const SEED: u64 = 0x0A6_9A7A;

/// The id a node's card gets.
pub fn id(i: usize) -> String {
    format!("n{i}")
}

/// Measures and wraps every node's card (the text half of laying out a view).
pub fn sized_cards(nodes: &[Node], ts: &TypeScale) -> Vec<SizedCard> {
    nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let id = id(i);
            SizedCard::new(
                CardSpec {
                    id: &id,
                    title: &n.label,
                    caption: Some(n.caption.clone()),
                    badge: n.badge.then_some("例"),
                    accent: Accent::Group(n.group),
                    description: None,
                    illustrative: n.badge,
                    emphasis: false,
                    collapsed: None,
                },
                ts,
            )
        })
        .collect()
}

/// Copies of the cards, to feed `tree::layout` (which consumes its input) again.
pub fn clone_cards(cards: &[SizedCard]) -> Vec<SizedCard> {
    cards.iter().map(|c| SizedCard(c.0.clone())).collect()
}

/// Nests the cards into the layout's input, children in node order. Iterative: a
/// child always comes after its parent, so walking backwards moves every subtree into
/// its parent before the parent itself is moved.
pub fn forest(parents: &[Option<usize>], cards: Vec<SizedCard>) -> Vec<TreeItem> {
    assert_eq!(parents.len(), cards.len());
    let mut items: Vec<Option<TreeItem>> = cards
        .into_iter()
        .map(|card| {
            Some(TreeItem {
                card,
                children: Vec::new(),
                extra_parents: Vec::new(),
            })
        })
        .collect();
    let mut roots = Vec::new();
    for i in (0..items.len()).rev() {
        let mut item = items[i].take().expect("each node is moved once");
        item.children.reverse();
        match parents[i] {
            Some(p) => {
                assert!(p < i, "node {i}'s parent {p} must come before it");
                items[p]
                    .as_mut()
                    .expect("a parent is moved after its children")
                    .children
                    .push(item);
            }
            None => roots.push(item),
        }
    }
    roots.reverse();
    roots
}

pub fn parents(nodes: &[Node]) -> Vec<Option<usize>> {
    nodes.iter().map(|n| n.parent).collect()
}

/// The depth of the deepest node and the most children any node has.
pub fn shape(parents: &[Option<usize>]) -> (usize, usize) {
    let mut depth = vec![0usize; parents.len()];
    let mut kids = vec![0usize; parents.len()];
    for (i, p) in parents.iter().enumerate() {
        if let Some(p) = *p {
            depth[i] = depth[p] + 1;
            kids[p] += 1;
        }
    }
    (
        depth.iter().copied().max().unwrap_or(0),
        kids.iter().copied().max().unwrap_or(0),
    )
}

/// Escapes a string for a JSON document.
fn json_str(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// The tree as the JSON `d3.stratify()` reads by default: `[{"id", "parentId", ...}]`,
/// with each card's measured size, which the orgpath side reads back too.
pub fn to_json(nodes: &[Node], cards: &[SizedCard]) -> String {
    let mut out = String::with_capacity(nodes.len() * 120);
    out.push_str("[\n");
    for (i, (n, c)) in nodes.iter().zip(cards).enumerate() {
        let parent = n.parent.map_or("null".to_owned(), |p| json_str(&id(p)));
        out.push_str(&format!(
            "{{\"id\":{},\"parentId\":{},\"label\":{},\"caption\":{},\"badge\":{},\"group\":{},\"w\":{},\"h\":{}}}{}\n",
            json_str(&id(i)),
            parent,
            json_str(&n.label),
            json_str(&n.caption),
            n.badge,
            n.group,
            c.width(),
            c.height(),
            if i + 1 < nodes.len() { "," } else { "" }
        ));
    }
    out.push_str("]\n");
    out
}

/// Reads [`to_json`]'s output back. Parents must precede children, as generated.
pub fn from_json(text: &str) -> Vec<Node> {
    let v: serde_json::Value = serde_json::from_str(text).expect("the tree file is JSON");
    let rows = v.as_array().expect("the tree file is an array");
    let mut index = std::collections::HashMap::with_capacity(rows.len());
    let mut nodes = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let s = |k: &str| {
            r[k].as_str()
                .unwrap_or_else(|| panic!("node {i}: {k} is a string"))
                .to_owned()
        };
        let id = s("id");
        let parent = r["parentId"].as_str().map(|p| {
            *index
                .get(p)
                .unwrap_or_else(|| panic!("node {id}: parent {p} must come before it"))
        });
        nodes.push(Node {
            parent,
            label: s("label"),
            caption: s("caption"),
            badge: r["badge"].as_bool().unwrap_or(false),
            group: r["group"].as_u64().unwrap_or(0) as u32,
        });
        index.insert(id, i);
    }
    nodes
}

/// The tree for Graphviz: left to right like orgpath's default, every node a fixed
/// box of its card's size (points = px at 72 dpi; no label, so dot measures no text),
/// and the same gaps between siblings and levels as orgpath's standard type scale.
pub fn to_dot(nodes: &[Node], cards: &[SizedCard], ts: &TypeScale) -> String {
    let mut out = String::with_capacity(nodes.len() * 60);
    out.push_str("digraph org {\n");
    out.push_str(&format!(
        "  graph [rankdir=LR, nodesep={:.3}, ranksep={:.3}];\n",
        ts.sibling_gap / 72.0,
        ts.level_gap / 72.0
    ));
    out.push_str("  node [shape=box, fixedsize=true, label=\"\"];\n");
    for (i, c) in cards.iter().enumerate() {
        out.push_str(&format!(
            "  n{i} [width={:.3}, height={:.3}];\n",
            c.width() / 72.0,
            c.height() / 72.0
        ));
    }
    for (i, n) in nodes.iter().enumerate() {
        if let Some(p) = n.parent {
            out.push_str(&format!("  n{p} -> n{i};\n"));
        }
    }
    out.push_str("}\n");
    out
}

/// The tree as the coordinate pass reads it (`tree::positions`): flat, in pre-order,
/// left to right (a card's width along the growth direction, its height across). The
/// counterpart of d3's `stratify()`, and untimed like it.
pub fn flat(parents: &[Option<usize>], cards: &[SizedCard]) -> Shape {
    let n = parents.len();
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, p) in parents.iter().enumerate() {
        match p {
            Some(p) => kids[*p].push(i),
            None => roots.push(i),
        }
    }
    let mut order = vec![0u32; n];
    let mut shape = Shape::default();
    let mut stack: Vec<(usize, u32)> = roots.iter().rev().map(|&r| (r, ROOT)).collect();
    while let Some((i, parent)) = stack.pop() {
        order[i] = shape.parent.len() as u32;
        shape.parent.push(parent);
        shape.main_ext.push(cards[i].width());
        shape.cross_ext.push(cards[i].height());
        stack.extend(kids[i].iter().rev().map(|&c| (c, order[i])));
    }
    shape
}

/// The gaps of the standard type scale, as `tree::layout` uses them.
pub fn spacing(ts: &TypeScale) -> Spacing {
    Spacing {
        gap: ts.sibling_gap,
        level_gap: ts.level_gap,
    }
}

/// The tree as an orgpath dataset (`orgpath/1` JSON), to open in the window: every
/// node a team with its label in both languages, the root an organisation.
pub fn to_orgpath_json(nodes: &[Node]) -> String {
    let mut out = String::with_capacity(nodes.len() * 160);
    out.push_str("{\"format\":\"orgpath/1\",\"meta\":{\"title\":{\"ja\":");
    out.push_str(&json_str(&format!("生成した組織（{} 部署）", nodes.len())));
    out.push_str(",\"en\":");
    out.push_str(&json_str(&format!(
        "A generated organisation ({} units)",
        nodes.len()
    )));
    out.push_str("}},\n\"nodes\":[\n");
    for (i, n) in nodes.iter().enumerate() {
        let kind = if n.parent.is_none() {
            "organisation"
        } else {
            "team"
        };
        out.push_str(&format!(
            "{{\"id\":{},\"kind\":\"{kind}\",\"label\":{{\"ja\":{},\"en\":{}}},\"illustrative\":{}}}{}\n",
            json_str(&id(i)),
            json_str(&n.label),
            json_str(&n.label),
            n.badge,
            if i + 1 < nodes.len() { "," } else { "" }
        ));
    }
    out.push_str("],\n\"hierarchy\":[\n");
    let mut first = true;
    for (i, n) in nodes.iter().enumerate() {
        if let Some(p) = n.parent {
            if !first {
                out.push_str(",\n");
            }
            first = false;
            out.push_str(&format!(
                "{{\"child\":{},\"parent\":{}}}",
                json_str(&id(i)),
                json_str(&id(p))
            ));
        }
    }
    out.push_str("\n]}\n");
    out
}
