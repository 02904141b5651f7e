//! The organisation tree as the window draws it.
//!
//! A node with several parents appears once, under its first parent; its other
//! parents are listed in `extra_parents` so the diagram can draw them as secondary
//! (matrix) lines. Only organisational kinds take part: career stages live in the
//! career view.

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::dataset::{Dataset, Edge, Group, Meta, Passage, Text};
use crate::raw::NodeKind;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct OrgTree {
    pub meta: Meta,
    pub groups: Vec<Group>,
    pub roots: Vec<TreeNode>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct TreeNode {
    pub id: String,
    pub kind: NodeKind,
    pub label: Text,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short: Option<Text>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    pub illustrative: bool,
    /// The passage of the source document this node rests on.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Passage>,
    /// Parents other than the one the node is drawn under.
    pub extra_parents: Vec<String>,
    pub children: Vec<TreeNode>,
    /// How many units sit under this one, counted once when the tree is built: a
    /// folded card's "+N" asked for it by walking the subtree, and a folded root of
    /// 100,000 people walked them all on every view.
    #[serde(skip)]
    #[ts(skip)]
    under: usize,
    /// How many levels its subtree has (1 for a unit with nothing under it), counted
    /// when the tree is built: "fold to level N" offers one button per level.
    #[serde(skip)]
    #[ts(skip)]
    levels: usize,
}

impl Dataset {
    /// The organisation tree: roots in file order, children in hierarchy order.
    ///
    /// Built once, on first use, and kept with the dataset: every organisation view,
    /// fit and search asks for it, and with 100,000 people building it took most of a
    /// view's time. Built without recursion, and dropped without it (see the `Drop`
    /// below), so a chain of any depth fits the stack.
    pub fn org_tree(&self) -> &OrgTree {
        self.org_tree.get_or_init(|| self.build_org_tree())
    }

    fn build_org_tree(&self) -> OrgTree {
        let g = &self.graph;
        let n = g.node_count();
        let organisational = |i: NodeIndex| g[i].kind.is_organisational();
        // Each unit's organisational parents in file order (edge indices grow in file
        // order); it is drawn under the first, the others are its matrix parents.
        let mut parents: Vec<Vec<NodeIndex>> = vec![Vec::new(); n];
        let mut drawn_children: Vec<Vec<NodeIndex>> = vec![Vec::new(); n];
        for e in g.edge_references() {
            if !matches!(e.weight(), Edge::Hierarchy(_)) {
                continue;
            }
            let (parent, child) = (e.source(), e.target());
            if !(organisational(parent) && organisational(child)) {
                continue;
            }
            if parents[child.index()].is_empty() {
                drawn_children[parent.index()].push(child);
            }
            parents[child.index()].push(parent);
        }
        let roots: Vec<NodeIndex> = g
            .node_indices()
            .filter(|&i| organisational(i) && parents[i.index()].is_empty())
            .collect();

        // Pre-order, each entry with its parent's place in the order. The hierarchy is
        // acyclic, so each unit is met once; `seen` makes sure of it regardless.
        let mut order: Vec<(NodeIndex, Option<usize>)> = Vec::new();
        let mut seen = vec![false; n];
        let mut stack: Vec<(NodeIndex, Option<usize>)> =
            roots.iter().rev().map(|&r| (r, None)).collect();
        while let Some((i, up)) = stack.pop() {
            if std::mem::replace(&mut seen[i.index()], true) {
                continue;
            }
            let at = order.len();
            order.push((i, up));
            stack.extend(
                drawn_children[i.index()]
                    .iter()
                    .rev()
                    .map(|&c| (c, Some(at))),
            );
        }

        // Backwards, every unit's subtree is complete when it is reached: move it into
        // its parent (children arrive last first, so each list is reversed once, when
        // its owner is moved).
        let mut built: Vec<Option<TreeNode>> = order
            .iter()
            .map(|&(i, up)| {
                let drawn_under = up.map(|u| order[u].0);
                Some(self.tree_node(i, drawn_under, &parents[i.index()]))
            })
            .collect();
        let mut roots = Vec::new();
        for at in (0..order.len()).rev() {
            let Some(mut node) = built[at].take() else {
                continue;
            };
            node.children.reverse();
            match order[at].1.and_then(|u| built[u].as_mut()) {
                Some(parent) => {
                    parent.under += 1 + node.under;
                    parent.levels = parent.levels.max(1 + node.levels);
                    parent.children.push(node);
                }
                None => roots.push(node),
            }
        }
        roots.reverse();
        OrgTree {
            meta: self.meta.clone(),
            groups: self.groups.clone(),
            roots,
        }
    }

    /// One unit, without its children.
    fn tree_node(
        &self,
        i: NodeIndex,
        drawn_under: Option<NodeIndex>,
        parents: &[NodeIndex],
    ) -> TreeNode {
        let n = &self.graph[i];
        TreeNode {
            id: n.id.clone(),
            kind: n.kind,
            label: n.label.clone(),
            short: n.short.clone(),
            title: n.title.clone(),
            description: n.description.clone(),
            group: n.group.clone(),
            illustrative: n.illustrative,
            source: n.source.as_deref().and_then(|s| self.source(s)).cloned(),
            extra_parents: parents
                .iter()
                .filter(|&&p| Some(p) != drawn_under)
                .map(|&p| self.graph[p].id.clone())
                .collect(),
            children: Vec::new(),
            under: 0,
            levels: 1,
        }
    }
}

impl TreeNode {
    /// How many units sit under this one (not counting itself).
    pub fn descendants(&self) -> usize {
        self.under
    }

    /// How many levels its subtree has, itself included (1 with nothing under it).
    pub fn levels(&self) -> usize {
        self.levels
    }
}

impl OrgTree {
    /// How many levels the tree has (0 when it is empty).
    pub fn levels(&self) -> usize {
        self.roots.iter().map(TreeNode::levels).max().unwrap_or(0)
    }
}

/// Dropping a tree the default way recurses once per level; this takes the nodes
/// apart with a stack instead.
impl Drop for TreeNode {
    fn drop(&mut self) {
        let mut stack = std::mem::take(&mut self.children);
        while let Some(mut node) = stack.pop() {
            stack.append(&mut node.children);
        }
    }
}

impl NodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Organisation => "organisation",
            NodeKind::Department => "department",
            NodeKind::Team => "team",
            NodeKind::Role => "role",
            NodeKind::Person => "person",
            NodeKind::External => "external",
            NodeKind::CareerStage => "career_stage",
        }
    }
}
