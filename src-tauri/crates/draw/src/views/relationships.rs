//! The relationship map: one node at the centre, everyone it works with around it,
//! grouped, with one labelled, typed edge per relation.
//!
//! Shown: the focal node, every node with a relation to it (either direction), and
//! the nodes related to those (the second ring) while the map stays small enough to
//! read. Every relation between two shown nodes is drawn. The geometry comes from
//! [`crate::layout::hub`].

use std::collections::{BTreeSet, HashMap};

use crate::layout::hub::{self, HubGroup, HubLink};
use crate::scene::{
    Accent, Card, CardSpec, Edge, EdgeRole, Lang, LegendEntry, Scene, SizedCard, TextRole,
    TypeScale, View,
};
use orgpath_model::dataset::{Dataset, Node, Relation};

use super::{
    accent, badge, caption, group_key, kind_key, IllustrativeWording, Legend, SceneOptions,
    ILLUSTRATIVE_KEY,
};

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
    asked.or_else(default).or_else(|| dataset.busiest())
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
    // The second ring from the first ring's own relations, not by asking every node:
    // a map of a large file is drawn in time that grows with the focal node's
    // neighbourhood, not with the file. Each relation has one end in the first ring
    // and the candidate at the other, so it counts once.
    let mut ties: HashMap<&str, usize> = HashMap::new();
    for f in &first {
        for r in dataset.relations_of(f) {
            let other = if r.from == *f { &r.to } else { &r.from };
            if other != focal && !first.contains(other) {
                *ties.entry(other.as_str()).or_default() += 1;
            }
        }
    }
    let mut second: Vec<(usize, usize, &str)> = ties
        .into_iter()
        .filter_map(|(id, k)| Some((k, dataset.position(id)?, id)))
        .collect();
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

/// The relationship map around the focal node ([`focal`]): its partners grouped
/// round it, one labelled edge per relation, less what the filters hide.
pub fn scene(dataset: &Dataset, options: &SceneOptions) -> Scene {
    let lang = options.lang;
    let view_name = lang.pick(&View::Relationships.name()).to_owned();
    let mut scene = Scene::empty(View::Relationships, lang, view_name.clone());
    let Some(focus) = focal(dataset, options) else {
        scene.description = match lang {
            Lang::Ja => "データにノードがないため、関わりを表示できません。".into(),
            Lang::En => "The dataset has no nodes, so there are no relationships to show.".into(),
        };
        scene.fit(options.scale.margin);
        return scene;
    };
    let all = shown(dataset, &focus.id);
    let ids = unfiltered(dataset, &all, &options.hidden);
    let groups = groups(dataset, &ids, options);
    let relations = relations(dataset, &focus.id, &ids, options);
    let placed = hub::layout(
        card(dataset, focus, true, options),
        groups,
        &relations.links,
        &options.scale,
    );
    let mut cards = vec![placed.hub];
    cards.extend(placed.cards);
    let map = Map {
        focus: &focus.id,
        all: &all,
        ids: &ids,
        cards: &cards,
        edges: &placed.edges,
        links: &placed.links,
        relations: &relations,
    };
    scene.legend = legend(dataset, options, &map);
    let focus_name = name(focus, lang);
    scene.title = format!("{view_name}: {focus_name}");
    scene.description = describe(lang, &focus_name, cards.len() - 1, placed.edges.len());
    scene.cards = cards;
    scene.regions = placed.regions;
    scene.edges = placed.edges;
    scene.labels = placed.labels;
    scene.fit(options.scale.margin);
    scene
}

/// The map in brief, for a slide that shows the whole of it and must read from the
/// back of the room: the focal node, and in each group's panel one card standing for
/// its members (their short names, and how many links they have with the focal
/// node), joined to the focal node by one line labelled with the families of those
/// links. The steps after it show the groups in full.
pub fn overview(dataset: &Dataset, options: &SceneOptions) -> Scene {
    let mut scene = scene(dataset, options);
    let Some(focus) = focal(dataset, options) else {
        return scene;
    };
    let all = shown(dataset, &focus.id);
    let ids = unfiltered(dataset, &all, &options.hidden);
    let relations = relations(dataset, &focus.id, &ids, options);
    let mut links = Vec::new();
    let groups: Vec<HubGroup> = groups(dataset, &ids, options)
        .into_iter()
        .map(|g| {
            let (card, link) = summary(dataset, &focus.id, &g, &relations, options);
            links.extend(link);
            HubGroup {
                cards: vec![card],
                ..g
            }
        })
        .collect();
    let placed = hub::layout(
        card(dataset, focus, true, options),
        groups,
        &links,
        &options.scale,
    );
    let mut edges = placed.edges;
    // One line stands for links both ways: no arrowhead says which.
    for e in &mut edges {
        e.arrow = false;
    }
    scene.cards = std::iter::once(placed.hub).chain(placed.cards).collect();
    scene.regions = placed.regions;
    scene.edges = edges;
    scene.labels = placed.labels;
    scene.fit(options.scale.margin);
    scene
}

/// The id of the card standing for group `id` in [`overview`].
pub fn summary_id(group: &str) -> String {
    format!("group:{group}")
}

/// Takes a group of the map; gives the card standing for its members, and the line
/// from the focal node to it when any of them has a link with the focal node (drawn
/// in the colour and style of the kind they have most, the first on a tie).
fn summary(
    dataset: &Dataset,
    focus: &str,
    g: &HubGroup,
    relations: &Relations<'_>,
    options: &SceneOptions,
) -> (SizedCard, Option<HubLink>) {
    let lang = options.lang;
    let members: BTreeSet<&str> = g.cards.iter().map(|c| c.0.id.as_str()).collect();
    let names: Vec<String> = g
        .cards
        .iter()
        .filter_map(|c| dataset.node(&c.0.id))
        .map(|n| name(n, lang))
        .collect();
    let with_focus: Vec<&HubLink> = relations
        .links
        .iter()
        .filter(|l| {
            (l.from == focus && members.contains(l.to.as_str()))
                || (l.to == focus && members.contains(l.from.as_str()))
        })
        .collect();
    let n = with_focus.len();
    let count = match lang {
        Lang::Ja => format!("{} と関わり {n} 件", name_of(dataset, focus, lang)),
        Lang::En => format!(
            "{n} link{} with {}",
            if n == 1 { "" } else { "s" },
            name_of(dataset, focus, lang)
        ),
    };
    let id = summary_id(&g.id);
    let joined = names.join(match lang {
        Lang::Ja => "・",
        Lang::En => ", ",
    });
    let card = SizedCard::new(
        CardSpec {
            id: &id,
            title: &joined,
            caption: Some(count),
            badge: None,
            accent: g.accent,
            description: None,
            illustrative: false,
            emphasis: false,
            collapsed: None,
        },
        &options.scale,
    );
    let kinds = dataset.relation_kinds();
    let mut tally: Vec<(usize, &HubLink)> = Vec::new();
    let mut families: Vec<String> = Vec::new();
    for l in &with_focus {
        match tally.iter_mut().find(|(_, t)| t.kind == l.kind) {
            Some((k, _)) => *k += 1,
            None => tally.push((1, l)),
        }
        let kind = kinds.iter().find(|k| k.id == l.kind);
        let family = kind.map(|k| lang.pick(k.family.as_ref().unwrap_or(&k.label)).to_owned());
        if let Some(f) = family.filter(|f| !families.contains(f)) {
            families.push(f);
        }
    }
    // The kind they have most; `max_by_key` keeps the last of equals, so reversed.
    let top = tally.iter().rev().max_by_key(|(k, _)| *k).map(|(_, l)| *l);
    let link = top.map(|l| HubLink {
        from: focus.to_owned(),
        to: id.clone(),
        role: l.role,
        style: l.style,
        label: families.join(match lang {
            Lang::Ja => "・",
            Lang::En => "; ",
        }),
        kind: l.kind.clone(),
    });
    (card, link)
}

/// A node's short name, by id.
fn name_of(dataset: &Dataset, id: &str, lang: Lang) -> String {
    dataset
        .node(id)
        .map_or_else(|| id.to_owned(), |n| name(n, lang))
}

/// Takes the ids round the focal node; gives those the filters leave: hidden groups
/// and (when asked) illustrative nodes leave the map. The focal node is not among
/// them and always stays.
fn unfiltered(
    dataset: &Dataset,
    all: &BTreeSet<String>,
    hidden: &BTreeSet<String>,
) -> BTreeSet<String> {
    let filtered = |n: &Node| {
        n.group
            .as_deref()
            .is_some_and(|g| hidden.contains(&group_key(g)))
            || (n.illustrative && hidden.contains(ILLUSTRATIVE_KEY))
    };
    all.iter()
        .filter(|id| dataset.node(id).is_some_and(|n| !filtered(n)))
        .cloned()
        .collect()
}

/// Takes the ids drawn round the focal node; gives their cards by group, in the
/// dataset's order, and the nodes without a known group last, as "Other".
fn groups(dataset: &Dataset, ids: &BTreeSet<String>, options: &SceneOptions) -> Vec<HubGroup> {
    let lang = options.lang;
    let mut groups: Vec<HubGroup> = Vec::new();
    // The shown nodes in file order: looked up, not found by scanning the file.
    let mut shown: Vec<(usize, &Node)> = ids
        .iter()
        .filter_map(|id| Some((dataset.position(id)?, dataset.node(id)?)))
        .collect();
    shown.sort_by_key(|&(at, _)| at);
    for (gi, g) in dataset.groups().iter().enumerate() {
        let cards: Vec<SizedCard> = shown
            .iter()
            .filter(|(_, n)| n.group.as_deref() == Some(&g.id))
            .map(|&(_, n)| card(dataset, n, false, options))
            .collect();
        if !cards.is_empty() {
            groups.push(HubGroup {
                id: g.id.clone(),
                heading: lang.pick(&g.label).to_owned(),
                accent: Accent::Group(gi as u32),
                cards,
            });
        }
    }
    let known = |n: &Node| {
        n.group
            .as_deref()
            .is_some_and(|g| dataset.group(g).is_some())
    };
    let others: Vec<SizedCard> = shown
        .iter()
        .filter(|(_, n)| !known(n))
        .map(|&(_, n)| card(dataset, n, false, options))
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
    groups
}

/// The relations the map draws.
struct Relations<'d> {
    /// One per relation drawn, for the layout.
    links: Vec<HubLink>,
    /// The relation behind each of `links`.
    relations: Vec<&'d Relation>,
    /// By relation kind: how many the map would draw but for the kind's filter.
    present: Vec<u32>,
    /// By relation kind: its hue ([`super::relation_hues`]).
    hues: Vec<u32>,
}

/// Takes the shown ids; gives every relation between two shown nodes, in file order,
/// less the hidden kinds (and illustrative relations, when hidden).
fn relations<'d>(
    dataset: &'d Dataset,
    focus: &str,
    ids: &BTreeSet<String>,
    options: &SceneOptions,
) -> Relations<'d> {
    let hidden = &options.hidden;
    let is_shown = |id: &str| id == focus || ids.contains(id);
    let kinds = dataset.relation_kinds();
    let mut drawn = Relations {
        links: Vec::new(),
        relations: Vec::new(),
        present: vec![0; kinds.len()],
        hues: super::relation_hues(dataset),
    };
    for r in dataset.relations() {
        if r.from == r.to || !is_shown(&r.from) || !is_shown(&r.to) {
            continue;
        }
        let Some(k) = kinds.iter().position(|k| k.id == r.kind) else {
            continue;
        };
        if r.illustrative && hidden.contains(ILLUSTRATIVE_KEY) {
            continue;
        }
        drawn.present[k] += 1;
        if hidden.contains(&kind_key(&r.kind)) {
            continue;
        }
        let text = r.label.as_ref().unwrap_or(&kinds[k].label);
        drawn.links.push(HubLink {
            from: r.from.clone(),
            to: r.to.clone(),
            role: EdgeRole::Relation {
                kind: k as u32,
                hue: drawn.hues[k],
            },
            style: kinds[k].style,
            label: options.lang.pick(text).to_owned(),
            kind: r.kind.clone(),
        });
        drawn.relations.push(r);
    }
    drawn
}

/// The map as laid out, for its legend.
struct Map<'a, 'd> {
    focus: &'a str,
    /// Every id round the focal node, filtered or not.
    all: &'a BTreeSet<String>,
    /// Those the filters leave.
    ids: &'a BTreeSet<String>,
    /// The focal node's card first.
    cards: &'a [Card],
    edges: &'a [Edge],
    /// The relation (in `relations`) behind each edge.
    links: &'a [usize],
    relations: &'a Relations<'d>,
}

/// The legend: the kinds drawn (by family, each with how many links it has), the
/// groups drawn, and "illustrative" when anything is; a filtered entry stays, marked
/// hidden, while the unfiltered map would draw it.
fn legend(dataset: &Dataset, options: &SceneOptions, map: &Map<'_, '_>) -> Vec<LegendEntry> {
    let hidden = &options.hidden;
    let mut legend = Legend::new(dataset, options);
    let relations = map.relations;
    for (k, kind) in dataset.relation_kinds().iter().enumerate() {
        let drawn = map
            .edges
            .iter()
            .any(|e| matches!(e.role, EdgeRole::Relation { kind, .. } if kind == k as u32));
        let present = relations.present[k];
        if drawn || (present > 0 && hidden.contains(&kind_key(&kind.id))) {
            legend.relation_kind(k, relations.hues[k], present);
        }
    }
    let around = || map.all.iter().filter_map(|id| dataset.node(id));
    for (gi, g) in dataset.groups().iter().enumerate() {
        let drawn = map
            .cards
            .iter()
            .any(|c| c.accent == Accent::Group(gi as u32));
        let filtered_out = hidden.contains(&group_key(&g.id))
            && around().any(|n| n.group.as_deref() == Some(&g.id));
        if drawn || filtered_out {
            legend.group(gi);
        }
    }
    let is_shown = |id: &str| id == map.focus || map.ids.contains(id);
    let illustrative = map.cards.iter().any(|c| c.illustrative)
        || map
            .links
            .iter()
            .any(|&i| map.relations.relations[i].illustrative)
        || (hidden.contains(ILLUSTRATIVE_KEY)
            && (around().any(|n| n.illustrative)
                || dataset
                    .relations()
                    .iter()
                    .any(|r| r.illustrative && is_shown(&r.from) && is_shown(&r.to))));
    if illustrative {
        legend.illustrative(IllustrativeWording::Illustrative);
    }
    legend.finish()
}

/// What the map shows, in a sentence: `n` partners round the focal node and `m`
/// relationships among them.
fn describe(lang: Lang, focus_name: &str, n: usize, m: usize) -> String {
    match (lang, n) {
        (Lang::Ja, 0) => format!("{focus_name} には、データ上の関わりがありません。"),
        (Lang::En, 0) => format!("The data records no relationships for {focus_name}."),
        (Lang::Ja, _) => format!("{focus_name} を中心に、関わりのある {n} の部署・ロール・社外の相手と、その {m} 件の関わり方を示します。"),
        (Lang::En, _) => format!("Who {focus_name} works with, inside and outside the organisation: {n} units, roles and outside parties, and {m} relationships between them."),
    }
}
