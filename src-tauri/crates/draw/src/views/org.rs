//! The organisation tree view.

use std::collections::HashSet;

use crate::layout::tidy::{self, TreeItem, TreeOptions};
use crate::scene::{
    Accent, Card, CardSpec, Edge, EdgeRole, Lang, LegendEntry, PersonSpec, Rect, Scene, SizedCard,
    View,
};
use orgpath_model::dataset::Dataset;
use orgpath_model::org_tree::{OrgTree, TreeNode};

mod fit;
mod outside;

pub use fit::{fit, fold_to_level, prefers_top_down, FitTarget, Fitted, READABLE_PX};
use orgpath_model::raw::NodeKind;

use super::{
    accent, badge, caption, group_key, initials, reports_line, IllustrativeWording, Legend,
    SceneOptions, ILLUSTRATIVE_KEY, SECONDARY_KEY,
};

/// The organisation tree: every unit's card in the tidy (or compact) tree, matrix
/// lines unless hidden, and the legend.
pub fn scene(dataset: &Dataset, options: &SceneOptions) -> Scene {
    let lang = options.lang;
    let tree = dataset.org_tree();
    let (inside, outside) = outside::split(dataset, &tree.roots, lang);
    let roots = items(dataset, &inside, options);
    let tree_options = TreeOptions {
        direction: options.direction,
        compact: options.compact,
        columns: options.columns,
        shape: options.shape,
        collapsed: options.collapsed.clone(),
    };
    let (mut cards, edges) = tidy::layout(roots, &tree_options, &options.scale);
    let mut regions = Vec::new();
    if let Some(out) = &outside {
        let sized = out
            .nodes
            .iter()
            .map(|n| item(dataset, n, options, false).card)
            .collect();
        let (placed, region) = outside::place(sized, out, bounds(&cards), &options.scale);
        cards.extend(placed);
        regions.push(region);
    }
    dim_filtered(dataset, options, &mut cards);
    let title = format!(
        "{} — {}",
        lang.pick(&View::Org.name()),
        lang.pick(&dataset.meta().title)
    );
    let mut scene = Scene::empty(View::Org, lang, title);
    scene.legend = legend(dataset, options, tree, &cards, &edges);
    scene.description = describe(dataset, lang, &cards);
    scene.regions = regions;
    scene.edges = edges;
    scene.cards = cards;
    scene.fit(options.scale.margin);
    scene
}

/// The box the cards span, `None` for no cards.
fn bounds(cards: &[Card]) -> Option<Rect> {
    let first = cards.first()?.rect.clone();
    Some(cards.iter().skip(1).fold(first, |r, c| {
        let (x, y) = (r.x.min(c.rect.x), r.y.min(c.rect.y));
        Rect {
            x,
            y,
            w: r.right().max(c.rect.right()) - x,
            h: r.bottom().max(c.rect.bottom()) - y,
        }
    }))
}

/// Dims the cards the legend's filters switch off. Filters keep the tree's shape:
/// hidden groups and illustrative units stay in place, faint.
fn dim_filtered(dataset: &Dataset, options: &SceneOptions, cards: &mut [Card]) {
    let hidden = &options.hidden;
    let hidden_group = |a: Accent| match a {
        Accent::Group(i) => dataset
            .groups()
            .get(i as usize)
            .is_some_and(|g| hidden.contains(&group_key(&g.id))),
        _ => false,
    };
    for c in cards {
        c.dimmed = hidden_group(c.accent) || (c.illustrative && hidden.contains(ILLUSTRATIVE_KEY));
    }
}

/// The tree's legend: the groups its cards show, "illustrative" when a card is, and
/// the matrix lines when the tree has one (listed, switched off, while hidden).
fn legend(
    dataset: &Dataset,
    options: &SceneOptions,
    tree: &OrgTree,
    cards: &[Card],
    edges: &[Edge],
) -> Vec<LegendEntry> {
    let mut legend = Legend::new(dataset, options);
    for i in 0..dataset.groups().len() {
        if cards.iter().any(|c| c.accent == Accent::Group(i as u32)) {
            legend.group(i);
        }
    }
    if cards.iter().any(|c| c.illustrative) {
        legend.illustrative(IllustrativeWording::Illustrative);
    }
    if edges.iter().any(|e| e.role == EdgeRole::Secondary)
        || (options.hidden.contains(SECONDARY_KEY) && has_extra_parents(&tree.roots))
    {
        legend.secondary();
    }
    legend.finish()
}

/// "The hierarchy of 12 departments, teams and roles", or of people when every card
/// is a person.
fn describe(dataset: &Dataset, lang: Lang, cards: &[Card]) -> String {
    let people = cards.iter().all(|c| {
        dataset
            .node(&c.id)
            .is_some_and(|n| n.kind == NodeKind::Person)
    });
    match (lang, people && !cards.is_empty()) {
        (Lang::Ja, true) => format!("{} 人の組織図", cards.len()),
        (Lang::En, true) => format!("The reporting lines of {} people", cards.len()),
        (Lang::Ja, false) => {
            format!("{} 個の部署・チーム・ロールの階層", cards.len())
        }
        (Lang::En, false) => format!(
            "The hierarchy of {} departments, teams and roles",
            cards.len()
        ),
    }
}

/// Unfolds what hides `id`: each folded unit on the way down to it opens by one
/// level ([`unfold_one_level`]), so it is drawn with its siblings and what lies beside
/// its path stays folded. Nothing changes for an id that is drawn already.
pub fn reveal(dataset: &Dataset, collapsed: &mut HashSet<String>, id: &str) {
    let tree = dataset.org_tree();
    // Find the path from a root down to `id` (iterative: any depth).
    let mut stack: Vec<(&TreeNode, usize)> = tree.roots.iter().map(|r| (r, 0)).collect();
    let mut path: Vec<&TreeNode> = Vec::new();
    let mut found = false;
    while let Some((n, depth)) = stack.pop() {
        path.truncate(depth);
        if n.id == id {
            found = true;
            break;
        }
        path.push(n);
        stack.extend(n.children.iter().map(|c| (c, depth + 1)));
    }
    if !found {
        return;
    }
    for n in path {
        if collapsed.contains(&n.id) {
            unfold_one_level(dataset, collapsed, &n.id);
        }
    }
}

/// Unfolds one level of `id`: it leaves `collapsed`, and those of its children that
/// have children of their own join it, so the children show with their "+N" counts.
/// Does nothing for an id that is not folded.
pub fn unfold_one_level(dataset: &Dataset, collapsed: &mut HashSet<String>, id: &str) {
    if !collapsed.remove(id) {
        return;
    }
    let tree = dataset.org_tree();
    let mut stack: Vec<&TreeNode> = tree.roots.iter().collect();
    while let Some(n) = stack.pop() {
        if n.id == id {
            collapsed.extend(
                n.children
                    .iter()
                    .filter(|c| !c.children.is_empty())
                    .map(|c| c.id.clone()),
            );
            return;
        }
        stack.extend(n.children.iter());
    }
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
fn items(dataset: &Dataset, roots: &[&TreeNode], options: &SceneOptions) -> Vec<TreeItem> {
    // Pre-order, each entry with its parent's place in the order; then backwards,
    // moving each complete subtree into its parent, as `Dataset::org_tree` does.
    let mut order: Vec<(&TreeNode, Option<usize>)> = Vec::new();
    let mut stack: Vec<(&TreeNode, Option<usize>)> =
        roots.iter().rev().map(|&r| (r, None)).collect();
    while let Some((n, up)) = stack.pop() {
        let at = order.len();
        order.push((n, up));
        if !options.collapsed.contains(&n.id) {
            stack.extend(n.children.iter().rev().map(|c| (c, Some(at))));
        }
    }
    let mut built: Vec<Option<TreeItem>> = order
        .iter()
        .map(|&(n, _)| Some(item(dataset, n, options, options.collapsed.contains(&n.id))))
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
/// and how many report to them directly. `folded`: drawn with its "+N" (when it has
/// children to fold).
fn item(dataset: &Dataset, n: &TreeNode, options: &SceneOptions, folded: bool) -> TreeItem {
    let lang = options.lang;
    // Tree ids come from the dataset; were one missing, the card would only lose its
    // caption and colour.
    let node = dataset.node(&n.id);
    let collapsed = (folded && !n.children.is_empty())
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
