//! The organisation tree view.

use crate::graph::Dataset;
use crate::layout::tree::{self, TreeItem, TreeOptions};
use crate::model::LineStyle;
use crate::scene::{Accent, CardSpec, EdgeRole, LegendEntry, Scene, SizedCard, Swatch, View};
use crate::tree::TreeNode;

use super::{accent, badge, caption, group_key, SceneOptions, ILLUSTRATIVE_KEY, SECONDARY_KEY};

pub fn scene(dataset: &Dataset, options: &SceneOptions) -> Scene {
    let lang = options.lang;
    let tree = dataset.org_tree();
    let roots = tree
        .roots
        .iter()
        .map(|r| item(dataset, r, options))
        .collect();
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

fn has_extra_parents(nodes: &[TreeNode]) -> bool {
    nodes
        .iter()
        .any(|n| !n.extra_parents.is_empty() || has_extra_parents(&n.children))
}

fn count(n: &TreeNode) -> u32 {
    n.children.iter().map(|c| 1 + count(c)).sum()
}

fn item(dataset: &Dataset, n: &TreeNode, options: &SceneOptions) -> TreeItem {
    let lang = options.lang;
    let node = dataset.node(&n.id).expect("tree ids come from the dataset");
    let collapsed = (options.collapsed.contains(&n.id) && !n.children.is_empty()).then(|| count(n));
    let card = SizedCard::new(
        CardSpec {
            id: &n.id,
            title: lang.pick(&n.label),
            caption: Some(caption(node, lang)),
            badge: n.illustrative.then(|| badge(lang)),
            accent: accent(dataset, node),
            description: n.description.as_ref().map(|d| lang.pick(d)),
            illustrative: n.illustrative,
            emphasis: false,
            collapsed,
        },
        &options.scale,
    );
    TreeItem {
        card,
        // A folded subtree is not drawn: do not measure its cards.
        children: if collapsed.is_some() {
            Vec::new()
        } else {
            n.children
                .iter()
                .map(|c| item(dataset, c, options))
                .collect()
        },
        // Hidden matrix lines are left out of the layout altogether.
        extra_parents: if options.hidden.contains(SECONDARY_KEY) {
            Vec::new()
        } else {
            n.extra_parents.clone()
        },
    }
}
