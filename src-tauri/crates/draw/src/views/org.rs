//! The organisation tree view.

use std::collections::HashSet;

use crate::layout::tidy::{self, Arrangement, Direction, Sizes, TreeItem, TreeOptions};
use crate::scene::{
    Accent, Card, CardSpec, Edge, EdgeRole, Lang, LegendEntry, PersonSpec, Scene, SizedCard, View,
};
use orgpath_model::dataset::Dataset;
use orgpath_model::org_tree::{OrgTree, TreeNode};
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
    let roots = items(dataset, &tree.roots, options);
    let tree_options = TreeOptions {
        direction: options.direction,
        compact: options.compact,
        columns: options.columns,
        collapsed: options.collapsed.clone(),
    };
    let (mut cards, edges) = tidy::layout(roots, &tree_options, &options.scale);
    dim_filtered(dataset, options, &mut cards);
    let title = format!(
        "{} — {}",
        lang.pick(&View::Org.name()),
        lang.pick(&dataset.meta().title)
    );
    let mut scene = Scene::empty(View::Org, lang, title);
    scene.legend = legend(dataset, options, tree, &cards, &edges);
    scene.description = describe(dataset, lang, &cards);
    scene.edges = edges;
    scene.cards = cards;
    scene.fit(options.scale.margin);
    scene
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

/// The smallest text, in screen px, a tree opens with: levels are folded until every
/// card's title and caption is at least this large at the zoom that fits the window.
pub const READABLE_PX: f32 = 11.0;

/// What to fit a tree into, and what may change to fit it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitTarget {
    /// The box, in px at zoom 1 (the window's diagram area, a 16:9 slide, a page).
    pub width: f32,
    pub height: f32,
    /// Choose the direction and compaction; otherwise the options' own are kept (and a
    /// compact tree only has its grids' columns tuned).
    pub auto: bool,
    /// With `auto`: top-down is the arrangement to keep unless another fits clearly
    /// better (person data, as org-chart tools draw it); otherwise left-right (units,
    /// orgpath's look). See [`prefers_top_down`].
    pub prefers_top_down: bool,
    /// Fold whole levels so the text stays readable ([`READABLE_PX`]) at the fit zoom,
    /// keeping as many levels open as allow it. Otherwise the options' folds are kept.
    pub fold: bool,
}

/// How a tree fits its target.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    pub arrangement: Arrangement,
    /// The units folded (sorted): the options' own unless the target folds.
    pub collapsed: Vec<String>,
    /// The zoom that fits the drawing's cards (never above 1).
    pub zoom: f32,
    /// The smallest title or caption drawn, in px at zoom 1.
    pub smallest_text: f32,
}

/// Whether a dataset's tree reads best top-down: every unit in it is a person (or a
/// role), as in the org charts people draw. Units (departments, teams) keep orgpath's
/// left-right look.
pub fn prefers_top_down(dataset: &Dataset) -> bool {
    let mut any = false;
    for n in dataset.nodes().filter(|n| n.kind.is_organisational()) {
        if !matches!(n.kind, NodeKind::Person | NodeKind::Role) {
            return false;
        }
        any = true;
    }
    any
}

/// Fits the organisation tree into `target`: the arrangement that fits it at the
/// largest zoom ([`tidy::choose`]) and, when the target folds, the deepest level to
/// fold at so the text stays readable. Levels are tried from the top, one at a time,
/// and only the cards down to the level tried are measured: a level whose cards
/// cannot fit at a readable size (by their count and smallest possible size) ends the
/// search unmeasured, so a huge tree costs little more than its top levels.
pub fn fit(dataset: &Dataset, options: &SceneOptions, target: FitTarget) -> Fitted {
    let tree = dataset.org_tree();
    fit_tree(dataset, tree, options, target)
}

fn fit_tree(
    dataset: &Dataset,
    tree: &OrgTree,
    options: &SceneOptions,
    target: FitTarget,
) -> Fitted {
    let ts = &options.scale;
    let size = (target.width.max(1.0), target.height.max(1.0));
    let candidates: Vec<Arrangement> = if target.auto {
        let preferred = Arrangement::tidy(if target.prefers_top_down {
            Direction::TopDown
        } else {
            Direction::LeftRight
        });
        tidy::candidates(preferred, true)
    } else if options.compact {
        // The factor the options name first (it wins unless another fits clearly
        // better), then the others.
        std::iter::once(options.columns)
            .chain(tidy::COLUMN_FACTORS)
            .map(|c| Arrangement::compact(options.direction, c))
            .collect()
    } else {
        vec![Arrangement::tidy(options.direction)]
    };
    // One try: the tree drawn with `collapsed`, in the arrangement that fits best.
    let attempt = |collapsed: HashSet<String>| -> Fitted {
        let mut o = options.clone();
        o.collapsed = collapsed;
        let items = items(dataset, &tree.roots, &o);
        let sizes = Sizes::of(&items, &o.collapsed);
        let (arrangement, zoom) =
            tidy::choose(&sizes, &candidates, size, ts).unwrap_or((candidates[0], 1.0));
        let mut collapsed: Vec<String> = o.collapsed.into_iter().collect();
        collapsed.sort();
        Fitted {
            arrangement,
            collapsed,
            zoom,
            smallest_text: smallest_text(&items).unwrap_or(ts.caption),
        }
    };
    if !target.fold {
        return attempt(options.collapsed.clone());
    }
    // The levels of the tree, breadth first (iterative: any depth).
    let mut levels: Vec<Vec<&TreeNode>> = Vec::new();
    let mut level: Vec<&TreeNode> = tree.roots.iter().collect();
    while !level.is_empty() {
        let next = level.iter().flat_map(|n| n.children.iter()).collect();
        levels.push(std::mem::replace(&mut level, next));
    }
    let fold_at = |d: usize| -> HashSet<String> {
        levels.get(d).map_or_else(HashSet::new, |l| {
            l.iter()
                .filter(|n| !n.children.is_empty())
                .map(|n| n.id.clone())
                .collect()
        })
    };
    // The least room a card can take on screen at a readable size: no card is
    // narrower than the minimum width or shorter than a title line.
    let least = (ts.min_card_width + 2.0 * ts.pad)
        * ts.title_line()
        * (READABLE_PX / ts.caption.min(ts.title)).powi(2);
    let mut fitted = attempt(fold_at(0));
    let mut shown = levels.first().map_or(0, Vec::len);
    for (d, level) in levels.iter().enumerate().skip(1) {
        shown += level.len();
        if shown as f32 * least > size.0 * size.1 {
            break;
        }
        let next = attempt(fold_at(d));
        if next.zoom * next.smallest_text < READABLE_PX {
            break;
        }
        fitted = next;
    }
    fitted
}

/// The smallest text on the cards (title, caption, badge, reports line), walking the
/// items without recursion.
fn smallest_text(items: &[TreeItem]) -> Option<f32> {
    let mut least: Option<f32> = None;
    let mut stack: Vec<&TreeItem> = items.iter().collect();
    while let Some(it) = stack.pop() {
        for t in &it.card.0.texts {
            least = Some(least.map_or(t.size, |l| l.min(t.size)));
        }
        stack.extend(it.children.iter());
    }
    least
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
