//! The four views of a dataset, each a [`Scene`]: organisation tree, relationship
//! map, career paths and inquiry flow. A view picks what to show and how to caption
//! it; the geometry comes from `crate::layout`.

use std::collections::HashSet;

use crate::graph::{Dataset, Node, Text};
use crate::model::NodeKind;
use crate::scene::{Accent, Lang, Scene, TypeScale, View};

mod career;
mod flow;
mod org;
mod relationships;

pub use crate::layout::tree::Direction;

/// What to draw and how.
#[derive(Debug, Clone)]
pub struct SceneOptions {
    pub lang: Lang,
    pub scale: TypeScale,
    /// Organisation view: which way the tree grows.
    pub direction: Direction,
    /// Organisation view: stack the leaf children of a node in a column, so wide
    /// levels stay narrow.
    pub compact: bool,
    /// Organisation view: nodes whose subtrees are hidden (shown with a count).
    pub collapsed: HashSet<String>,
    /// Relationship view: the node at the centre (default: the dataset's focus).
    pub focus: Option<String>,
}

impl SceneOptions {
    pub fn new(lang: Lang) -> SceneOptions {
        SceneOptions {
            lang,
            scale: TypeScale::STANDARD,
            direction: Direction::LeftRight,
            compact: false,
            collapsed: HashSet::new(),
            focus: None,
        }
    }
}

/// Lays out `view` of `dataset`.
pub fn scene(dataset: &Dataset, view: View, options: &SceneOptions) -> Scene {
    match view {
        View::Org => org::scene(dataset, options),
        View::Relationships => relationships::scene(dataset, options),
        View::Career => career::scene(dataset, options),
        View::Flow => flow::scene(dataset, options),
    }
}

/// The "example" badge on illustrative items.
pub fn badge(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "例",
        Lang::En => "example",
    }
}

pub fn kind_name(kind: NodeKind) -> Text {
    let (ja, en) = match kind {
        NodeKind::Organisation => ("組織", "Organisation"),
        NodeKind::Department => ("部門", "Department"),
        NodeKind::Team => ("チーム", "Team"),
        NodeKind::Role => ("ロール", "Role"),
        NodeKind::External => ("社外", "External"),
        NodeKind::CareerStage => ("キャリア段階", "Career stage"),
    };
    Text {
        ja: ja.into(),
        en: en.into(),
    }
}

/// The caption under a card's title: kind, then the abbreviation when the title does
/// not already show it, then the job title.
pub fn caption(node: &Node, lang: Lang) -> String {
    let label = lang.pick(&node.label);
    let mut parts = vec![lang.pick(&kind_name(node.kind)).to_owned()];
    if let Some(short) = &node.short {
        let s = lang.pick(short);
        if !label.contains(s) {
            parts.push(s.to_owned());
        }
    }
    if let Some(title) = &node.title {
        parts.push(lang.pick(title).to_owned());
    }
    parts.join(" · ")
}

/// A node's colour role: its group's position in the dataset's group list.
pub fn accent(dataset: &Dataset, node: &Node) -> Accent {
    node.group
        .as_deref()
        .and_then(|g| dataset.groups().iter().position(|x| x.id == g))
        .map_or(Accent::Neutral, |i| Accent::Group(i as u8))
}
