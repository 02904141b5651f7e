//! The organisation tree view.

use crate::graph::Dataset;
use crate::layout::tree::{self, TreeItem, TreeOptions};
use crate::model::{LineStyle, NodeKind};
use crate::scene::{
    Accent, CardSpec, EdgeRole, LegendEntry, PersonSpec, Scene, SizedCard, Swatch, View,
};
use crate::tree::TreeNode;

use super::{
    accent, badge, caption, group_key, initials, reports_line, SceneOptions, ILLUSTRATIVE_KEY,
    SECONDARY_KEY,
};

pub fn scene(dataset: &Dataset, options: &SceneOptions) -> Scene {
    let lang = options.lang;
    let tree = dataset.org_tree();
    let roots = items(dataset, &tree.roots, options);
    let tree_options = TreeOptions {
        direction: options.direction,
        compact: options.compact,
        collapsed: options.collapsed.clone(),
    };
    let (mut cards, edges) = tree::layout(roots, &tree_options, &options.scale);

    // Filters keep the tree's shape: hidden groups and illustrative units are dimmed.
    let hidden = &options.hidden;
    let hidden_group = |a: Accent| match a {
        Accent::Group(i) => dataset
            .groups()
            .get(i as usize)
            .is_some_and(|g| hidden.contains(&group_key(&g.id))),
        _ => false,
    };
    for c in &mut cards {
        c.dimmed = hidden_group(c.accent) || (c.illustrative && hidden.contains(ILLUSTRATIVE_KEY));
    }

    let mut legend = Vec::new();
    for (i, g) in dataset.groups().iter().enumerate() {
        if cards.iter().any(|c| c.accent == Accent::Group(i as u8)) {
            legend.push(LegendEntry::keyed(
                Swatch::Fill {
                    accent: Accent::Group(i as u8),
                },
                lang.pick(&g.label),
                group_key(&g.id),
                hidden,
            ));
        }
    }
    if cards.iter().any(|c| c.illustrative) {
        let label = match lang {
            crate::scene::Lang::Ja => "例示（記事にない補足）",
            crate::scene::Lang::En => "Illustrative (not in the source)",
        };
        legend.push(LegendEntry::keyed(
            Swatch::Illustrative,
            label,
            ILLUSTRATIVE_KEY.into(),
            hidden,
        ));
    }
    // A hidden secondary line is still listed (switched off) when the tree has one.
    if edges.iter().any(|e| e.role == EdgeRole::Secondary)
        || (hidden.contains(SECONDARY_KEY) && has_extra_parents(&tree.roots))
    {
        let label = match lang {
            crate::scene::Lang::Ja => "兼務・副次的な所属",
            crate::scene::Lang::En => "Secondary (matrix) parent",
        };
        legend.push(LegendEntry::keyed(
            Swatch::Line {
                role: EdgeRole::Secondary,
                style: LineStyle::Dashed,
            },
            label,
            SECONDARY_KEY.into(),
            hidden,
        ));
    }

    let title = format!(
        "{} — {}",
        lang.pick(&View::Org.name()),
        lang.pick(&dataset.meta().title)
    );
    let description = match lang {
        crate::scene::Lang::Ja => format!("{} 個の部署・チーム・ロールの階層", cards.len()),
        crate::scene::Lang::En => format!(
            "The hierarchy of {} departments, teams and roles",
            cards.len()
        ),
    };
    let mut scene = Scene {
        view: View::Org,
        lang,
        width: 0.0,
        height: 0.0,
        title,
        description,
        regions: Vec::new(),
        edges,
        cards,
        labels: Vec::new(),
        legend,
    };
    scene.fit(options.scale.margin);
    scene
}

/// Whether any unit of the forest has a matrix parent. Iterative, like every walk of
/// the tree here: a chain of any depth fits the stack.
fn has_extra_parents(nodes: &[TreeNode]) -> bool {
    let mut stack: Vec<&TreeNode> = nodes.iter().collect();
    while let Some(n) = stack.pop() {
        if !n.extra_parents.is_empty() {
            return true;
        }
        stack.extend(n.children.iter());
    }
    false
}

/// The layout's input for a forest: the same shape, each unit's card sized, folded
/// subtrees left out (their cards are not measured).
fn items(dataset: &Dataset, roots: &[TreeNode], options: &SceneOptions) -> Vec<TreeItem> {
    // Pre-order, each entry with its parent's place in the order; then backwards,
    // moving each complete subtree into its parent, as `Dataset::org_tree` does.
    let mut order: Vec<(&TreeNode, Option<usize>)> = Vec::new();
    let mut stack: Vec<(&TreeNode, Option<usize>)> =
        roots.iter().rev().map(|r| (r, None)).collect();
    while let Some((n, up)) = stack.pop() {
        let at = order.len();
        order.push((n, up));
        if !options.collapsed.contains(&n.id) {
            stack.extend(n.children.iter().rev().map(|c| (c, Some(at))));
        }
    }
    let mut built: Vec<Option<TreeItem>> = order
        .iter()
        .map(|&(n, _)| Some(item(dataset, n, options)))
        .collect();
    let mut out = Vec::new();
    for at in (0..order.len()).rev() {
        let Some(mut it) = built[at].take() else {
            continue;
        };
        it.children.reverse();
        match order[at].1.and_then(|u| built[u].as_mut()) {
            Some(parent) => parent.children.push(it),
            None => out.push(it),
        }
    }
    out.reverse();
    out
}

/// One unit's card, without its children. A person's card has one fixed width, the
/// job title as its caption, the photo (or initials) when the file has a photo column,
/// and how many report to them directly.
fn item(dataset: &Dataset, n: &TreeNode, options: &SceneOptions) -> TreeItem {
    let lang = options.lang;
    // Tree ids come from the dataset; were one missing, the card would only lose its
    // caption and colour.
    let node = dataset.node(&n.id);
    let collapsed = (options.collapsed.contains(&n.id) && !n.children.is_empty())
        .then(|| u32::try_from(n.descendants()).unwrap_or(u32::MAX));
    let title = lang.pick(&n.label);
    let spec = CardSpec {
        id: &n.id,
        title,
        caption: node
            .map(|node| caption(node, lang))
            .filter(|c| !c.is_empty()),
        badge: n.illustrative.then(|| badge(lang)),
        accent: node.map_or(Accent::Neutral, |node| accent(dataset, node)),
        description: n.description.as_ref().map(|d| lang.pick(d)),
        illustrative: n.illustrative,
        emphasis: false,
        collapsed,
    };
    let card = match node.filter(|node| node.kind == NodeKind::Person) {
        Some(person) => SizedCard::person(
            spec,
            PersonSpec {
                avatar: dataset
                    .has_photos()
                    .then(|| (person.photo.clone(), initials(title))),
                // Direct reports only: the tree's children of this person, folded or
                // not (a folded card still has them).
                detail: (!n.children.is_empty()).then(|| reports_line(n.children.len(), lang)),
            },
            &options.scale,
        ),
        None => SizedCard::new(spec, &options.scale),
    };
    TreeItem {
        card,
        children: Vec::new(),
        // Hidden matrix lines are left out of the layout altogether.
        extra_parents: if options.hidden.contains(SECONDARY_KEY) {
            Vec::new()
        } else {
            n.extra_parents.clone()
        },
    }
}
