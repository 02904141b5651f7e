//! The organisation tree as the window draws it.
//!
//! A node with several parents appears once, under its first parent; its other
//! parents are listed in `extra_parents` so the diagram can draw them as secondary
//! (matrix) lines. Only organisational kinds take part: career stages live in the
//! career view.

use serde::Serialize;

use crate::graph::{Dataset, Group, Meta, Passage, Text};
use crate::model::NodeKind;

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
}

impl Dataset {
    /// The organisation tree: roots in file order, children in hierarchy order.
    pub fn org_tree(&self) -> OrgTree {
        let in_tree = |id: &str| self.node(id).is_some_and(|n| n.kind.is_organisational());
        let roots = self
            .nodes()
            .filter(|n| n.kind.is_organisational())
            .filter(|n| !self.parents(&n.id).into_iter().any(in_tree))
            .map(|n| self.tree_node(&n.id, None))
            .collect();
        OrgTree {
            meta: self.meta.clone(),
            groups: self.groups.clone(),
            roots,
        }
    }

    fn tree_node(&self, id: &str, drawn_under: Option<&str>) -> TreeNode {
        let n = self.node(id).expect("tree ids come from the dataset");
        let parents: Vec<&str> = self
            .parents(id)
            .into_iter()
            .filter(|p| self.node(p).is_some_and(|p| p.kind.is_organisational()))
            .collect();
        let children = self
            .children(id)
            .into_iter()
            .filter(|c| self.node(c).is_some_and(|c| c.kind.is_organisational()))
            // Drawn under its first parent only; the hierarchy is acyclic, so this ends.
            .filter(|c| {
                self.parents(c)
                    .into_iter()
                    .find(|p| self.node(p).is_some_and(|p| p.kind.is_organisational()))
                    == Some(id)
            })
            .map(|c| self.tree_node(c, Some(id)))
            .collect();
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
                .into_iter()
                .filter(|p| Some(*p) != drawn_under)
                .map(str::to_owned)
                .collect(),
            children,
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
            NodeKind::External => "external",
            NodeKind::CareerStage => "career_stage",
        }
    }
}
