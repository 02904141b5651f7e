//! The relationship map: one node at the centre, everyone it works with around it,
//! grouped, with one labelled, typed edge per relation.
//!
//! Shown: the focal node, every node with a relation to it (either direction), and
//! the nodes related to those (the second ring) while the map stays small enough to
//! read. Every relation between two shown nodes is drawn. The geometry comes from
//! [`crate::layout::hub`].

use std::collections::BTreeSet;

use crate::layout::hub::{self, HubGroup, HubLink};
use crate::scene::{
    Accent, CardSpec, EdgeRole, Lang, LegendEntry, Scene, SizedCard, Swatch, TextRole, TypeScale,
    View,
};
use orgpath_model::dataset::{Dataset, Node};

use super::{accent, badge, caption, group_key, kind_key, SceneOptions, ILLUSTRATIVE_KEY};

/// Most cards the map shows before it leaves out the second ring.
const MAX_CARDS: usize = 32;

/// The node the map centres on: the requested one, else the dataset's focus, else the
/// node with most relations (the first in file order on a tie).
pub fn focal<'d>(dataset: &'d Dataset, options: &SceneOptions) -> Option<&'d Node> {
    let asked = options.focus.as_deref().and_then(|id| dataset.node(id));
    let default = || {
        dataset
            .meta()
            .focus
            .as_deref()
            .and_then(|id| dataset.node(id))
    };
    let busiest = || {
        let mut best: Option<(&Node, usize)> = None;
        for n in dataset.nodes() {
            let k = dataset.relations_of(&n.id).count();
            if best.is_none_or(|(_, b)| k > b) {
                best = Some((n, k));
            }
        }
        best.map(|(n, _)| n)
    };
    asked.or_else(default).or_else(busiest)
}

/// Ids the map shows besides the focal node: everyone related to it (the first
/// ring), and a few of their own partners (the second ring), those with most
/// relations into the first ring first. The second ring is kept to about a quarter of
/// the first, so the map stays about the focal node.
fn shown(dataset: &Dataset, focal: &str) -> BTreeSet<String> {
    let mut first: BTreeSet<String> = BTreeSet::new();
    for r in dataset.relations_of(focal) {
        let other = if r.from == focal { &r.to } else { &r.from };
        if other != focal {
            first.insert(other.clone());
        }
    }
    let budget = (first.len() / 4)
        .max(1)
        .min(MAX_CARDS.saturating_sub(first.len()));
    let mut second: Vec<(usize, usize, &str)> = Vec::new();
    for (order, n) in dataset.nodes().enumerate() {
        if n.id == focal || first.contains(&n.id) {
            continue;
        }
        let ties = dataset
            .relations_of(&n.id)
            .filter(|r| first.contains(&r.from) || first.contains(&r.to))
            .count();
        if ties > 0 {
            second.push((ties, order, &n.id));
        }
    }
    second.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut all = first;
    all.extend(
        second
            .into_iter()
            .take(budget)
            .map(|(_, _, id)| id.to_owned()),
    );
    all
}

/// The ids the map draws with `options`, ignoring filters: the focal node and the
/// nodes around it.
pub fn members(dataset: &Dataset, options: &SceneOptions) -> BTreeSet<String> {
    let Some(focus) = focal(dataset, options) else {
        return BTreeSet::new();
    };
    let mut ids = shown(dataset, &focus.id);
    ids.insert(focus.id.clone());
    ids
}

fn card(dataset: &Dataset, node: &Node, emphasis: bool, options: &SceneOptions) -> SizedCard {
    let sized = card_at(dataset, node, emphasis, options, &options.scale);
    // A title that wraps only a character or two onto its last line reads badly; a
    // little more width usually pulls them back.
    let titles: Vec<f32> = sized
        .0
        .texts
        .iter()
        .filter(|t| t.role == TextRole::Title)
        .map(|t| t.width)
        .collect();
    if titles.len() > 1 && titles[titles.len() - 1] < options.scale.max_title_width * 0.2 {
        let mut wider = options.scale;
        wider.max_title_width *= 1.2;
        let again = card_at(dataset, node, emphasis, options, &wider);
        if again
            .0
            .texts
            .iter()
            .filter(|t| t.role == TextRole::Title)
            .count()
            < titles.len()
        {
            return again;
        }
    }
    sized
}

fn card_at(
    dataset: &Dataset,
    node: &Node,
    emphasis: bool,
    options: &SceneOptions,
    scale: &TypeScale,
) -> SizedCard {
    let lang = options.lang;
    SizedCard::new(
        CardSpec {
            id: &node.id,
            title: lang.pick(&node.label),
            caption: Some(caption(node, lang)),
            badge: node.illustrative.then(|| badge(lang)),
            accent: accent(dataset, node),
            description: node.description.as_ref().map(|d| lang.pick(d)),
            illustrative: node.illustrative,
            emphasis,
            collapsed: None,
        },
        scale,
    )
}

/// The short name of a node, for the title.
fn name(node: &Node, lang: Lang) -> String {
    lang.pick(node.short.as_ref().unwrap_or(&node.label))
        .to_owned()
}

pub fn scene(dataset: &Dataset, options: &SceneOptions) -> Scene {
    let lang = options.lang;
    let view_name = lang.pick(&View::Relationships.name()).to_owned();
    let mut scene = Scene {
        view: View::Relationships,
        lang,
        width: 0.0,
        height: 0.0,
        title: view_name.clone(),
        description: String::new(),
        regions: Vec::new(),
        edges: Vec::new(),
        cards: Vec::new(),
        labels: Vec::new(),
        legend: Vec::new(),
    };
    let Some(focus) = focal(dataset, options) else {
        scene.description = match lang {
            Lang::Ja => "データにノードがないため、関わりを表示できません。".into(),
            Lang::En => "The dataset has no nodes, so there are no relationships to show.".into(),
        };
        scene.fit(options.scale.margin);
        return scene;
    };
    let all = shown(dataset, &focus.id);
    let hidden = &options.hidden;

    // Filters: hidden groups and (when asked) illustrative nodes leave the map; the
    // focal node always stays.
    let filtered = |n: &Node| {
        n.group
            .as_deref()
            .is_some_and(|g| hidden.contains(&group_key(g)))
            || (n.illustrative && hidden.contains(ILLUSTRATIVE_KEY))
    };
    let ids: BTreeSet<String> = all
        .iter()
        .filter(|id| dataset.node(id).is_some_and(|n| !filtered(n)))
        .cloned()
        .collect();

    // Groups in the dataset's order; nodes without a group last.
    let mut groups: Vec<HubGroup> = Vec::new();
    for (gi, g) in dataset.groups().iter().enumerate() {
        let cards: Vec<SizedCard> = dataset
            .nodes()
            .filter(|n| ids.contains(&n.id) && n.group.as_deref() == Some(&g.id))
            .map(|n| card(dataset, n, false, options))
            .collect();
        if !cards.is_empty() {
            groups.push(HubGroup {
                id: g.id.clone(),
                heading: lang.pick(&g.label).to_owned(),
                accent: Accent::Group(gi as u8),
                cards,
            });
        }
    }
    let known = |n: &Node| {
        n.group
            .as_deref()
            .is_some_and(|g| dataset.group(g).is_some())
    };
    let others: Vec<SizedCard> = dataset
        .nodes()
        .filter(|n| ids.contains(&n.id) && !known(n))
        .map(|n| card(dataset, n, false, options))
        .collect();
    if !others.is_empty() {
        let heading = match lang {
            Lang::Ja => "その他",
            Lang::En => "Other",
        };
        groups.push(HubGroup {
            id: "other".into(),
            heading: heading.into(),
            accent: Accent::Neutral,
            cards: others,
        });
    }

    // Every relation between two shown nodes, in file order, less the hidden kinds.
    let is_shown = |id: &str| id == focus.id || ids.contains(id);
    let kinds = dataset.relation_kinds();
    let mut links = Vec::new();
    let mut relations = Vec::new();
    // Kinds that would be drawn but for the filters, for the legend.
    let mut present = vec![false; kinds.len()];
    for r in dataset.relations() {
        if r.from == r.to || !is_shown(&r.from) || !is_shown(&r.to) {
            continue;
        }
        let Some(k) = kinds.iter().position(|k| k.id == r.kind) else {
            continue;
        };
        present[k] = true;
        if hidden.contains(&kind_key(&r.kind))
            || (r.illustrative && hidden.contains(ILLUSTRATIVE_KEY))
        {
            continue;
        }
        let text = r.label.as_ref().unwrap_or(&kinds[k].label);
        links.push(HubLink {
            from: r.from.clone(),
            to: r.to.clone(),
            role: EdgeRole::Relation(k as u8),
            style: kinds[k].style,
            label: lang.pick(text).to_owned(),
            kind: r.kind.clone(),
        });
        relations.push(r);
    }

    let placed = hub::layout(
        card(dataset, focus, true, options),
        groups,
        &links,
        &options.scale,
    );

    // Legend: the kinds drawn, the groups drawn, and "example" when anything is; a
    // filtered entry stays, marked hidden, while the unfiltered map would draw it.
    let mut legend = Vec::new();
    for (k, kind) in kinds.iter().enumerate() {
        let key = kind_key(&kind.id);
        let drawn = placed
            .edges
            .iter()
            .any(|e| e.role == EdgeRole::Relation(k as u8));
        if drawn || (present[k] && hidden.contains(&key)) {
            legend.push(LegendEntry::keyed(
                Swatch::Line {
                    role: EdgeRole::Relation(k as u8),
                    style: kind.style,
                },
                lang.pick(&kind.label),
                key,
                hidden,
            ));
        }
    }
    let mut cards = vec![placed.hub];
    cards.extend(placed.cards);
    for (gi, g) in dataset.groups().iter().enumerate() {
        let key = group_key(&g.id);
        let drawn = cards.iter().any(|c| c.accent == Accent::Group(gi as u8));
        let filtered_out = hidden.contains(&key)
            && all
                .iter()
                .filter_map(|id| dataset.node(id))
                .any(|n| n.group.as_deref() == Some(&g.id));
        if drawn || filtered_out {
            legend.push(LegendEntry::keyed(
                Swatch::Fill {
                    accent: Accent::Group(gi as u8),
                },
                lang.pick(&g.label),
                key,
                hidden,
            ));
        }
    }
    let illustrative = cards.iter().any(|c| c.illustrative)
        || placed.links.iter().any(|&i| relations[i].illustrative)
        || (hidden.contains(ILLUSTRATIVE_KEY)
            && (all
                .iter()
                .filter_map(|id| dataset.node(id))
                .any(|n| n.illustrative)
                || dataset
                    .relations()
                    .iter()
                    .any(|r| r.illustrative && is_shown(&r.from) && is_shown(&r.to))));
    if illustrative {
        let label = match lang {
            Lang::Ja => "例示（記事にない補足）",
            Lang::En => "Illustrative (not in the source)",
        };
        legend.push(LegendEntry::keyed(
            Swatch::Illustrative,
            label,
            ILLUSTRATIVE_KEY.into(),
            hidden,
        ));
    }

    let focus_name = name(focus, lang);
    scene.title = format!("{view_name}: {focus_name}");
    let (n, m) = (cards.len() - 1, placed.edges.len());
    scene.description = match (lang, n) {
        (Lang::Ja, 0) => format!("{focus_name} には、データ上の関わりがありません。"),
        (Lang::En, 0) => format!("The data records no relationships for {focus_name}."),
        (Lang::Ja, _) => format!("{focus_name} を中心に、関わりのある {n} の部署・ロール・社外の相手と、その {m} 件の関わり方を示します。"),
        (Lang::En, _) => format!("Who {focus_name} works with, inside and outside the organisation: {n} units, roles and outside parties, and {m} relationships between them."),
    };
    scene.cards = cards;
    scene.regions = placed.regions;
    scene.edges = placed.edges;
    scene.labels = placed.labels;
    scene.legend = legend;
    scene.fit(options.scale.margin);
    scene
}
