//! The Explorer: questions the window asks of a dataset beyond drawing it. Search
//! over every label, the paths that connect two units, the career routes between two
//! stages, the two tracks side by side, what links two cards, and a plain-text
//! outline of a view for screen readers and copying.
//!
//! Everything here speaks ids and [`Text`]; graphs are built locally from the
//! dataset's public lists, so no graph index leaves this module. Results are
//! deterministic: every tie is broken by id or by file order.

use std::cmp::Reverse;
use std::collections::hash_map::RandomState;

use orgpath_model::close::close_to;
use orgpath_render::export::ExportOptions;
use std::collections::{BTreeSet, HashMap, HashSet};

use petgraph::algo::{all_simple_paths, astar};
use petgraph::graph::{DiGraph, NodeIndex, UnGraph};
use serde::Serialize;

use orgpath_draw::layout::layered::layers;
use orgpath_draw::scene::{Lang, View};
use orgpath_draw::views::{self, kind_name, transition_kind_name, SceneOptions};
use orgpath_model::dataset::{Dataset, Node, Passage, Relation, Step, Text, Transition};
use orgpath_model::raw::{FlowLinkKind, HierarchyKind, NodeKind, TransitionKind};

/// Longest path (in edges) [`paths`] enumerates, whatever it is asked for.
pub const MAX_PATH_LEN: usize = 8;

/// Most simple paths or routes enumerated before giving up (and saying so).
const ENUMERATION_BUDGET: usize = 20_000;

// ---------------------------------------------------------------------------------
// Which views draw which ids (search hits and pickers say)
// ---------------------------------------------------------------------------------

/// Which views draw which ids, under default options.
pub(crate) struct Membership {
    org: HashSet<String>,
    relationships: BTreeSet<String>,
    career: HashSet<String>,
    flow: HashSet<String>,
}

impl Membership {
    pub(crate) fn of(dataset: &Dataset) -> Membership {
        let mut org = HashSet::new();
        let mut stack: Vec<&orgpath_model::org_tree::TreeNode> = Vec::new();
        let tree = dataset.org_tree();
        stack.extend(tree.roots.iter());
        while let Some(n) = stack.pop() {
            org.insert(n.id.clone());
            stack.extend(n.children.iter());
        }
        let relationships = views::relationships::members(dataset, &SceneOptions::new(Lang::Ja));
        let career = career_members(dataset)
            .into_iter()
            .map(|n| n.id.clone())
            .collect();
        let flow = views::flow::drawn(dataset)
            .map(|f| f.steps.iter().map(|s| s.id.clone()).collect())
            .unwrap_or_default();
        Membership {
            org,
            relationships,
            career,
            flow,
        }
    }

    pub(crate) fn views(&self, id: &str) -> Vec<String> {
        let mut out = Vec::new();
        if self.org.contains(id) {
            out.push(View::Org.as_str().to_owned());
        }
        if self.relationships.contains(id) {
            out.push(View::Relationships.as_str().to_owned());
        }
        if self.career.contains(id) {
            out.push(View::Career.as_str().to_owned());
        }
        if self.flow.contains(id) {
            out.push(View::Flow.as_str().to_owned());
        }
        out
    }
}

/// The nodes the career view draws: every career stage and every node a transition
/// starts or ends at, in file order.
fn career_members(dataset: &Dataset) -> Vec<&Node> {
    let involved: HashSet<&str> = dataset
        .transitions()
        .iter()
        .flat_map(|t| [t.from.as_str(), t.to.as_str()])
        .collect();
    dataset
        .nodes()
        .filter(|n| n.kind == NodeKind::CareerStage || involved.contains(n.id.as_str()))
        .collect()
}

pub(crate) fn step_kind() -> Text {
    Text {
        ja: "対応の手順".into(),
        en: "Step".into(),
    }
}

/// A node, for pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct NodeEntry {
    pub id: String,
    pub label: Text,
    /// What the node is, e.g. "部門" / "Department".
    pub kind: Text,
    /// The views that draw it, as in [`SearchHit::views`].
    pub views: Vec<String>,
}

/// Every node in file order, with the views that draw it: the choices of the path
/// and route pickers.
pub fn node_list(dataset: &Dataset) -> Vec<NodeEntry> {
    let members = Membership::of(dataset);
    dataset
        .nodes()
        .map(|n| NodeEntry {
            id: n.id.clone(),
            label: n.label.clone(),
            kind: kind_name(n.kind),
            views: members.views(&n.id),
        })
        .collect()
}

// ---------------------------------------------------------------------------------
// Paths between nodes
// ---------------------------------------------------------------------------------

/// A path between two nodes: its nodes in order and the link walked at each step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct NodePath {
    pub nodes: Vec<String>,
    pub steps: Vec<PathStep>,
}

/// One step of a [`NodePath`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PathStep {
    pub from: String,
    pub to: String,
    pub from_label: Text,
    pub to_label: Text,
    /// "hierarchy", or the relation kind's id.
    pub kind: String,
    /// The link as read in the direction walked: "の一部" / "is part of" and
    /// "を含む" / "contains" for the hierarchy; a relation's label (or its kind's).
    pub text: Text,
    /// Walked in the link's own direction: child to parent for the hierarchy (as the
    /// file writes it), `from` to `to` for a relation.
    pub forward: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PathsResult {
    /// A shortest path; the first by ids when several are as short. `None` when the
    /// two are not connected.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shortest: Option<NodePath>,
    /// Other simple paths of at most `max_len` links, by length, then by ids.
    pub others: Vec<NodePath>,
    /// More paths within `max_len` existed than were returned.
    pub truncated: bool,
}

/// A link between two nodes in the undirected graph [`paths`] walks.
#[derive(Clone, Copy)]
enum Link<'d> {
    Hierarchy { child: &'d str, kind: HierarchyKind },
    Relation(&'d Relation),
}

/// "no node has the id …", with a close id when there is one.
fn unknown_node(dataset: &Dataset, id: &str) -> String {
    let lower = id.to_lowercase();
    let mut close: Vec<(usize, &str)> = dataset
        .nodes()
        .filter_map(|n| Some((close_to(&n.id.to_lowercase(), &lower)?, n.id.as_str())))
        .collect();
    close.sort();
    match close.first() {
        Some((_, k)) => format!("no node has the id \"{id}\"; did you mean \"{k}\"?"),
        None => format!("no node has the id \"{id}\""),
    }
}

fn node_or_err<'d>(dataset: &'d Dataset, id: &str) -> Result<&'d Node, String> {
    dataset.node(id).ok_or_else(|| unknown_node(dataset, id))
}

fn hierarchy_text(kind: HierarchyKind, upward: bool) -> Text {
    let (ja, en) = match (kind, upward) {
        (HierarchyKind::PartOf, true) => ("の一部", "is part of"),
        (HierarchyKind::PartOf, false) => ("を含む", "contains"),
        (HierarchyKind::ReportsTo, true) => ("に報告する", "reports to"),
        (HierarchyKind::ReportsTo, false) => ("の報告を受ける", "is reported to by"),
    };
    Text {
        ja: ja.into(),
        en: en.into(),
    }
}

fn relation_text(dataset: &Dataset, r: &Relation) -> Text {
    r.label.clone().unwrap_or_else(|| {
        dataset
            .relation_kinds()
            .iter()
            .find(|k| k.id == r.kind)
            .map_or_else(
                || Text {
                    ja: r.kind.clone(),
                    en: r.kind.clone(),
                },
                |k| k.label.clone(),
            )
    })
}

/// The undirected graph of hierarchy edges and relations: one graph edge per pair of
/// nodes, holding every link between them (hierarchy first, then relations in file
/// order), so paths are not repeated once per parallel link.
struct LinkGraph<'d> {
    graph: UnGraph<&'d str, Vec<Link<'d>>>,
    index: HashMap<&'d str, NodeIndex>,
}

impl<'d> LinkGraph<'d> {
    fn new(dataset: &'d Dataset) -> LinkGraph<'d> {
        let mut graph: UnGraph<&'d str, Vec<Link<'d>>> = UnGraph::default();
        let mut index = HashMap::new();
        for n in dataset.nodes() {
            index.insert(n.id.as_str(), graph.add_node(n.id.as_str()));
        }
        let mut add = |a: &str, b: &str, link: Link<'d>| {
            let (Some(&a), Some(&b)) = (index.get(a), index.get(b)) else {
                return;
            };
            if a == b {
                return;
            }
            match graph.find_edge(a, b) {
                Some(e) => graph[e].push(link),
                None => {
                    graph.add_edge(a, b, vec![link]);
                }
            }
        };
        for (child, parent, kind) in dataset.hierarchy() {
            add(child, parent, Link::Hierarchy { child, kind });
        }
        for r in dataset.relations() {
            add(&r.from, &r.to, Link::Relation(r));
        }
        LinkGraph { graph, index }
    }

    /// The link to show for walking `a` to `b`: the hierarchy when there is one, else
    /// the first relation walked forward, else the first relation.
    fn step(&self, dataset: &Dataset, a: &str, b: &str) -> Option<PathStep> {
        let e = self.graph.find_edge(self.index[a], self.index[b])?;
        let links = &self.graph[e];
        let link = links
            .iter()
            .find(|l| matches!(l, Link::Hierarchy { .. }))
            .or_else(|| {
                links
                    .iter()
                    .find(|l| matches!(l, Link::Relation(r) if r.from == a))
            })
            .or_else(|| links.first())?;
        let (kind, text, forward) = match *link {
            Link::Hierarchy { child, kind } => {
                let upward = child == a;
                ("hierarchy".to_owned(), hierarchy_text(kind, upward), upward)
            }
            Link::Relation(r) => (r.kind.clone(), relation_text(dataset, r), r.from == a),
        };
        Some(PathStep {
            from: a.to_owned(),
            to: b.to_owned(),
            from_label: dataset.node(a)?.label.clone(),
            to_label: dataset.node(b)?.label.clone(),
            kind,
            text,
            forward,
        })
    }

    fn path(&self, dataset: &Dataset, nodes: Vec<&str>) -> NodePath {
        let steps = nodes
            .windows(2)
            .filter_map(|w| self.step(dataset, w[0], w[1]))
            .collect();
        NodePath {
            nodes: nodes.into_iter().map(str::to_owned).collect(),
            steps,
        }
    }
}

/// Sorts paths by length, then by their ids, and removes repeats.
fn sort_paths(paths: &mut Vec<Vec<&str>>) {
    paths.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    paths.dedup();
}

/// How `from` and `to` are connected through the hierarchy and the relations, read
/// in either direction: a shortest path, and the other simple paths of at most
/// `max_len` links (at most [`MAX_PATH_LEN`]), at most `max_paths` of them.
///
/// ```text
///   microsoft ── css ── paas-team        css → microsoft: "is part of"
///                 │                      microsoft → css: "contains"
///              customers  (relation: "sends inquiries to")
/// ```
///
/// Unknown ids are an error naming the id (and a close one when there is one).
pub fn paths(
    dataset: &Dataset,
    from: &str,
    to: &str,
    max_len: usize,
    max_paths: usize,
) -> Result<PathsResult, String> {
    node_or_err(dataset, from)?;
    node_or_err(dataset, to)?;
    let g = LinkGraph::new(dataset);
    if from == to {
        return Ok(PathsResult {
            shortest: Some(g.path(dataset, vec![from])),
            others: Vec::new(),
            truncated: false,
        });
    }
    let (a, b) = (g.index[from], g.index[to]);
    let Some((len, found)) = astar(&g.graph, a, |n| n == b, |_| 1usize, |_| 0) else {
        return Ok(PathsResult {
            shortest: None,
            others: Vec::new(),
            truncated: false,
        });
    };
    let limit = max_len.clamp(1, MAX_PATH_LEN);
    if len > limit {
        // Longer than asked for: the shortest still says how they connect.
        let nodes = found.into_iter().map(|n| g.graph[n]).collect();
        return Ok(PathsResult {
            shortest: Some(g.path(dataset, nodes)),
            others: Vec::new(),
            truncated: false,
        });
    }
    let mut truncated = false;
    let mut all: Vec<Vec<&str>> = Vec::new();
    for p in all_simple_paths::<Vec<NodeIndex>, _, RandomState>(&g.graph, a, b, 0, Some(limit - 1))
    {
        if all.len() == ENUMERATION_BUDGET {
            truncated = true;
            break;
        }
        all.push(p.into_iter().map(|n| g.graph[n]).collect());
    }
    sort_paths(&mut all);
    // Cut short, the enumeration may have missed every shortest path: A* found one.
    if all.first().is_none_or(|p| p.len() > len + 1) {
        all.insert(0, found.into_iter().map(|n| g.graph[n]).collect());
    }
    let mut all = all.into_iter();
    let shortest = all.next().map(|p| g.path(dataset, p));
    let rest: Vec<Vec<&str>> = all.collect();
    truncated |= rest.len() > max_paths;
    let others = rest
        .into_iter()
        .take(max_paths)
        .map(|p| g.path(dataset, p))
        .collect();
    Ok(PathsResult {
        shortest,
        others,
        truncated,
    })
}

/// Two nodes the path panel proposes: one link apart, so the first answer is a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PathPair {
    pub from: String,
    pub to: String,
}

/// The pair the path panel opens with: `from` (the selected item) and the node most
/// related to it: the most relations between the two, then the one with most
/// relations overall, then the first in file order; its first parent, else its first
/// child, when it has no relations. Without `from`, or when `from` links to nothing,
/// the dataset's subject (its focus, else its busiest node) and the node most related
/// to it. `None` when the dataset has no link at all; an unknown `from` is an error.
pub fn path_pair(dataset: &Dataset, from: Option<&str>) -> Result<Option<PathPair>, String> {
    if let Some(id) = from {
        node_or_err(dataset, id)?;
        if let Some(to) = most_related(dataset, id) {
            return Ok(Some(PathPair {
                from: id.to_owned(),
                to,
            }));
        }
    }
    let subject = dataset
        .meta()
        .focus
        .as_deref()
        .and_then(|id| dataset.node(id))
        .or_else(|| dataset.busiest());
    let pair = |n: &Node| {
        most_related(dataset, &n.id).map(|to| PathPair {
            from: n.id.clone(),
            to,
        })
    };
    // A subject that links to nothing (a file with no relations): the first node
    // that does, in file order.
    Ok(subject
        .and_then(pair)
        .or_else(|| dataset.nodes().find_map(pair)))
}

/// The node most related to `id` (see [`path_pair`]), or `None` when nothing links to it.
fn most_related(dataset: &Dataset, id: &str) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for r in dataset.relations_of(id) {
        let other = if r.from == id { &r.to } else { &r.from };
        if other != id {
            *counts.entry(other.as_str()).or_default() += 1;
        }
    }
    let rank = |other: &str| {
        (
            Reverse(counts[other]),
            Reverse(dataset.relations_of(other).count()),
            dataset.position(other).unwrap_or(usize::MAX),
        )
    };
    let best = counts.keys().copied().min_by_key(|o| rank(o));
    best.map(str::to_owned).or_else(|| {
        let parents = dataset.parents(id);
        let children = dataset.children(id);
        parents
            .first()
            .or_else(|| children.first())
            .map(|s| (*s).to_owned())
    })
}

// ---------------------------------------------------------------------------------
// Careers
// ---------------------------------------------------------------------------------

/// One career move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CareerStep {
    pub from: String,
    pub to: String,
    pub from_label: Text,
    pub to_label: Text,
    pub kind: TransitionKind,
    /// e.g. "昇進" / "Promotion".
    pub kind_label: Text,
    /// Labels of what the move builds, in the dataset's capability order.
    pub builds: Vec<Text>,
    /// The track the move leads into (or stays on), if any.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub track: Option<Text>,
    pub illustrative: bool,
    /// The move's own text (its `label` in the file), e.g. "合格後、一年目から問い合わせ対応".
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CareerRoute {
    pub steps: Vec<CareerStep>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CareerRoutes {
    /// Shortest first, then by the ids along the way.
    pub routes: Vec<CareerRoute>,
    /// More routes existed than were returned.
    pub truncated: bool,
}

/// A node on the career graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Place {
    pub id: String,
    pub label: Text,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub track: Option<Text>,
    pub illustrative: bool,
}

/// A stage of a career track.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct TrackStage {
    pub id: String,
    pub label: Text,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub illustrative: bool,
    /// What the moves into this stage build.
    pub builds: Vec<Text>,
}

/// One track, for the side-by-side comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct TrackColumn {
    pub id: String,
    pub label: Text,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// In order along the track.
    pub stages: Vec<TrackStage>,
}

fn track_label(dataset: &Dataset, node: &Node) -> Option<Text> {
    let t = node.track.as_deref()?;
    dataset
        .tracks()
        .iter()
        .find(|x| x.id == t)
        .map(|x| x.label.clone())
}

fn capability_labels(dataset: &Dataset, ids: &[String]) -> Vec<Text> {
    dataset
        .capabilities()
        .iter()
        .filter(|c| ids.contains(&c.id))
        .map(|c| c.label.clone())
        .collect()
}

/// A transition as the window shows it.
pub fn career_step(dataset: &Dataset, t: &Transition) -> CareerStep {
    let label = |id: &str| {
        dataset.node(id).map_or_else(
            || Text {
                ja: id.to_owned(),
                en: id.to_owned(),
            },
            |n| n.label.clone(),
        )
    };
    let track = dataset
        .node(&t.to)
        .and_then(|n| track_label(dataset, n))
        .or_else(|| dataset.node(&t.from).and_then(|n| track_label(dataset, n)));
    CareerStep {
        from: t.from.clone(),
        to: t.to.clone(),
        from_label: label(&t.from),
        to_label: label(&t.to),
        kind: t.kind,
        kind_label: transition_kind_name(t.kind),
        builds: capability_labels(dataset, &t.builds),
        track,
        illustrative: t.illustrative,
        description: t.label.clone(),
    }
}

/// Every route along the career moves from `from` to `to` that visits no place
/// twice: shortest first, then by ids; at most `max_routes`.
///
/// ```text
///   stage-entry → stage-learning → stage-support-engineer ─┬→ stage-specialist
///                                                          ├→ stage-manager
///                                                          └→ csa
/// ```
pub fn career_routes(
    dataset: &Dataset,
    from: &str,
    to: &str,
    max_routes: usize,
) -> Result<CareerRoutes, String> {
    node_or_err(dataset, from)?;
    node_or_err(dataset, to)?;
    // One graph edge per ordered pair: the first move between them in file order.
    let mut graph: DiGraph<&str, &Transition> = DiGraph::new();
    let mut index: HashMap<&str, NodeIndex> = HashMap::new();
    for t in dataset.transitions() {
        for id in [t.from.as_str(), t.to.as_str()] {
            if !index.contains_key(id) {
                index.insert(id, graph.add_node(id));
            }
        }
        let (a, b) = (index[t.from.as_str()], index[t.to.as_str()]);
        if a != b && graph.find_edge(a, b).is_none() {
            graph.add_edge(a, b, t);
        }
    }
    let (Some(&a), Some(&b)) = (index.get(from), index.get(to)) else {
        return Ok(CareerRoutes {
            routes: Vec::new(),
            truncated: false,
        });
    };
    if a == b {
        return Ok(CareerRoutes {
            routes: Vec::new(),
            truncated: false,
        });
    }
    let mut truncated = false;
    let mut all: Vec<Vec<&str>> = Vec::new();
    for p in all_simple_paths::<Vec<NodeIndex>, _, RandomState>(&graph, a, b, 0, None) {
        if all.len() == ENUMERATION_BUDGET {
            truncated = true;
            break;
        }
        all.push(p.into_iter().map(|n| graph[n]).collect());
    }
    sort_paths(&mut all);
    truncated |= all.len() > max_routes;
    let routes = all
        .into_iter()
        .take(max_routes)
        .map(|p| CareerRoute {
            steps: p
                .windows(2)
                .filter_map(|w| {
                    let e = graph.find_edge(index[w[0]], index[w[1]])?;
                    Some(career_step(dataset, graph[e]))
                })
                .collect(),
        })
        .collect();
    Ok(CareerRoutes { routes, truncated })
}

/// `ids` in career order: by the moves among them (a place comes after every place
/// that leads to it; cycles broken by file order), ties in file order.
fn career_order<'d>(dataset: &'d Dataset, ids: &[&'d Node]) -> Vec<&'d Node> {
    let local: HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let edges: Vec<(usize, usize)> = dataset
        .transitions()
        .iter()
        .filter_map(|t| Some((*local.get(t.from.as_str())?, *local.get(t.to.as_str())?)))
        .collect();
    let layer = layers(ids.len(), &edges);
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by_key(|&i| (layer[i], i));
    order.into_iter().map(|i| ids[i]).collect()
}

/// Every node a career move starts or ends at, in career order: joining first, then
/// each place after the places that lead to it (ties in file order).
pub fn career_places(dataset: &Dataset) -> Vec<Place> {
    let involved: HashSet<&str> = dataset
        .transitions()
        .iter()
        .flat_map(|t| [t.from.as_str(), t.to.as_str()])
        .collect();
    let nodes: Vec<&Node> = dataset
        .nodes()
        .filter(|n| involved.contains(n.id.as_str()))
        .collect();
    career_order(dataset, &nodes)
        .into_iter()
        .map(|n| Place {
            id: n.id.clone(),
            label: n.label.clone(),
            track: track_label(dataset, n),
            illustrative: n.illustrative,
        })
        .collect()
}

/// The career tracks side by side, in the dataset's order: each with its stages in
/// order along the track and what the moves into each stage build.
pub fn compare_tracks(dataset: &Dataset) -> Vec<TrackColumn> {
    dataset
        .tracks()
        .iter()
        .map(|track| {
            let members: Vec<&Node> = dataset
                .nodes()
                .filter(|n| n.track.as_deref() == Some(track.id.as_str()))
                .collect();
            let stages = career_order(dataset, &members)
                .into_iter()
                .map(|n| {
                    let built: Vec<String> = dataset
                        .transitions()
                        .iter()
                        .filter(|t| t.to == n.id)
                        .flat_map(|t| t.builds.iter().cloned())
                        .collect();
                    TrackStage {
                        id: n.id.clone(),
                        label: n.label.clone(),
                        description: n.description.clone(),
                        illustrative: n.illustrative,
                        builds: capability_labels(dataset, &built),
                    }
                })
                .collect();
            TrackColumn {
                id: track.id.clone(),
                label: track.label.clone(),
                description: Some(track.description.clone()),
                stages,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------
// What links two cards
// ---------------------------------------------------------------------------------

/// One link between two items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct EdgeItem {
    /// "hierarchy", a relation kind's id, "transition", or a flow link's "next" or
    /// "branch".
    pub kind: String,
    /// The link read from `EdgeDetails::from` to `EdgeDetails::to` when `forward`,
    /// else the other way: e.g. "is part of", a relation's label, a move's kind.
    pub label: Text,
    /// Runs from `EdgeDetails::from` to `EdgeDetails::to`.
    pub forward: bool,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Passage>,
}

/// Everything that links two items, in either direction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct EdgeDetails {
    pub from: String,
    pub to: String,
    pub from_label: Text,
    pub to_label: Text,
    /// Hierarchy first, then relations, then career moves, each in file order; or the
    /// flow links between two steps.
    pub items: Vec<EdgeItem>,
}

fn find_step<'d>(dataset: &'d Dataset, id: &str) -> Option<&'d Step> {
    dataset
        .flows()
        .iter()
        .flat_map(|f| f.steps.iter())
        .find(|s| s.id == id)
}

/// What links `from` and `to` (nodes, or flow steps): every hierarchy edge, relation
/// and career move between them, in either direction. `None` when either id is
/// unknown or nothing links them.
pub fn edge_details(dataset: &Dataset, from: &str, to: &str) -> Option<EdgeDetails> {
    let source = |s: &Option<String>| s.as_deref().and_then(|s| dataset.source(s)).cloned();
    let mut items = Vec::new();
    let (from_label, to_label) = match (dataset.node(from), dataset.node(to)) {
        (Some(a), Some(b)) => {
            for (child, parent, kind) in dataset.hierarchy() {
                if (child, parent) == (from, to) || (child, parent) == (to, from) {
                    items.push(EdgeItem {
                        kind: "hierarchy".into(),
                        label: hierarchy_text(kind, child == from),
                        forward: child == from,
                        description: None,
                        source: None,
                    });
                }
            }
            for r in dataset.relations() {
                if (r.from == from && r.to == to) || (r.from == to && r.to == from) {
                    items.push(EdgeItem {
                        kind: r.kind.clone(),
                        label: relation_text(dataset, r),
                        forward: r.from == from,
                        description: r.description.clone(),
                        source: source(&r.source),
                    });
                }
            }
            for t in dataset.transitions() {
                if (t.from == from && t.to == to) || (t.from == to && t.to == from) {
                    items.push(EdgeItem {
                        kind: "transition".into(),
                        label: transition_kind_name(t.kind),
                        forward: t.from == from,
                        description: t.label.clone(),
                        source: source(&t.source),
                    });
                }
            }
            (a.label.clone(), b.label.clone())
        }
        (None, None) => {
            let (a, b) = (find_step(dataset, from)?, find_step(dataset, to)?);
            for flow in dataset.flows() {
                if !flow.steps.iter().any(|s| s.id == from) {
                    continue;
                }
                for l in &flow.links {
                    if (l.from == from && l.to == to) || (l.from == to && l.to == from) {
                        let label = l.label.clone().unwrap_or_else(|| match l.kind {
                            FlowLinkKind::Next => Text {
                                ja: "次の手順".into(),
                                en: "Next step".into(),
                            },
                            FlowLinkKind::Branch => Text {
                                ja: "必要に応じて".into(),
                                en: "When needed".into(),
                            },
                        });
                        items.push(EdgeItem {
                            kind: l.kind.as_str().to_owned(),
                            label,
                            forward: l.from == from,
                            description: None,
                            source: None,
                        });
                    }
                }
            }
            (a.label.clone(), b.label.clone())
        }
        _ => return None,
    };
    if items.is_empty() {
        return None;
    }
    Some(EdgeDetails {
        from: from.to_owned(),
        to: to.to_owned(),
        from_label,
        to_label,
        items,
    })
}

// ---------------------------------------------------------------------------------
// Outline
// ---------------------------------------------------------------------------------

/// The current view as indented plain text in its language, for screen readers and
/// the Copy button: the organisation as a tree (two spaces a level); the relationship
/// map as its centre, then each group with its members and their relations; the
/// career paths as the stages, each track's stages and the moves; the flow as
/// numbered steps with their side paths. Filters and folds apply as in the drawing.
pub fn outline(dataset: &Dataset, options: &ExportOptions) -> Result<String, String> {
    if let Some(focus) = &options.focus {
        node_or_err(dataset, focus)?;
    }
    let scene_options = options.scene_options();
    let lang = options.lang;
    let mut out = String::new();
    match options.view {
        View::Org => outline_org(dataset, &scene_options, &mut out),
        View::Relationships => outline_relationships(dataset, &scene_options, &mut out),
        View::Career => outline_career(dataset, &scene_options, &mut out),
        View::Flow => outline_flow(dataset, lang, &mut out),
    }
    Ok(out)
}

/// Indentation stops growing at this depth: past it the outline of a long chain would
/// grow with the square of its length (a 100,000-level chain: 10 GB of spaces), and
/// the deeper lines say their level instead.
const MAX_INDENT: usize = 64;

/// A stage's line, one level in, marked when illustrative.
fn marked_line(out: &mut String, lang: Lang, label: &Text, illustrative: bool) {
    let text = format!("{}{}", lang.pick(label), example_mark(lang, illustrative));
    line(out, 1, &text);
}

fn line(out: &mut String, depth: usize, text: &str) {
    for _ in 0..depth.min(MAX_INDENT) {
        out.push_str("  ");
    }
    if depth > MAX_INDENT {
        out.push_str(&format!("[{depth}] "));
    }
    out.push_str(text);
    out.push('\n');
}

fn example_mark(lang: Lang, illustrative: bool) -> String {
    if illustrative {
        format!(" ({})", views::badge(lang))
    } else {
        String::new()
    }
}

fn outline_org(dataset: &Dataset, options: &SceneOptions, out: &mut String) {
    let lang = options.lang;
    line(
        out,
        0,
        &format!(
            "{} — {}",
            lang.pick(&View::Org.name()),
            lang.pick(&dataset.meta().title)
        ),
    );
    // Depth first with a stack: a chain of any depth fits it.
    let mut stack: Vec<(&orgpath_model::org_tree::TreeNode, usize)> = Vec::new();
    let tree = dataset.org_tree();
    stack.extend(tree.roots.iter().rev().map(|r| (r, 0)));
    while let Some((n, depth)) = stack.pop() {
        let mut text = lang.pick(&n.label).to_owned();
        if let Some(title) = &n.title {
            text.push_str(" — ");
            text.push_str(lang.pick(title));
        }
        text.push_str(&example_mark(lang, n.illustrative));
        let folded = options.collapsed.contains(&n.id) && !n.children.is_empty();
        if folded {
            text.push_str(&format!(" (+{})", n.descendants()));
        }
        line(out, depth + 1, &text);
        if !folded {
            stack.extend(n.children.iter().rev().map(|c| (c, depth + 1)));
        }
    }
}

fn outline_relationships(dataset: &Dataset, options: &SceneOptions, out: &mut String) {
    let lang = options.lang;
    let scene = views::scene(dataset, View::Relationships, options);
    line(out, 0, &scene.title);
    let Some(hub) = scene.cards.iter().find(|c| c.emphasis) else {
        line(out, 0, &scene.description);
        return;
    };
    let centre = match lang {
        Lang::Ja => "中心",
        Lang::En => "Centre",
    };
    line(out, 0, &format!("{centre}: {}", hub.full_label));
    let name = |id: &str| -> String {
        scene
            .cards
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_owned(), |c| c.full_label.clone())
    };
    let region_of = |id: &str| {
        let group = dataset.node(id).and_then(|n| n.group.as_deref());
        match group {
            Some(g) if dataset.group(g).is_some() => g,
            _ => "other",
        }
    };
    for region in &scene.regions {
        let heading: Vec<&str> = region.texts.iter().map(|t| t.text.as_str()).collect();
        line(out, 0, "");
        line(out, 0, &heading.join(" "));
        for card in scene
            .cards
            .iter()
            .filter(|c| !c.emphasis && region_of(&c.id) == region.id)
        {
            line(
                out,
                1,
                &format!(
                    "{}{}",
                    card.full_label,
                    example_mark(lang, card.illustrative)
                ),
            );
            for e in &scene.edges {
                // An unlabelled link reads "→ name", not "→ name: ".
                let label = e
                    .label
                    .as_deref()
                    .map(|l| format!(": {l}"))
                    .unwrap_or_default();
                if e.from == card.id {
                    line(out, 2, &format!("→ {}{label}", name(&e.to)));
                } else if e.to == card.id {
                    line(out, 2, &format!("← {}{label}", name(&e.from)));
                }
            }
        }
    }
}

fn outline_career(dataset: &Dataset, options: &SceneOptions, out: &mut String) {
    let lang = options.lang;
    let hide = options.hidden.contains(views::ILLUSTRATIVE_KEY);
    line(out, 0, lang.pick(&View::Career.name()));
    let places: Vec<Place> = career_places(dataset)
        .into_iter()
        .filter(|p| !(hide && p.illustrative))
        .collect();
    let (stages, moves) = match lang {
        Lang::Ja => ("段階とロール", "移動"),
        Lang::En => ("Stages and roles", "Moves"),
    };
    line(out, 0, "");
    line(out, 0, stages);
    for p in places.iter().filter(|p| p.track.is_none()) {
        marked_line(out, lang, &p.label, p.illustrative);
    }
    for track in compare_tracks(dataset) {
        line(out, 0, "");
        line(out, 0, lang.pick(&track.label));
        for s in track.stages.iter().filter(|s| !(hide && s.illustrative)) {
            marked_line(out, lang, &s.label, s.illustrative);
        }
    }
    line(out, 0, "");
    line(out, 0, moves);
    for t in dataset
        .transitions()
        .iter()
        .filter(|t| !(hide && t.illustrative))
    {
        let s = career_step(dataset, t);
        if hide
            && [&t.from, &t.to]
                .iter()
                .any(|id| dataset.node(id).is_some_and(|n| n.illustrative))
        {
            continue;
        }
        let mut text = format!(
            "{} → {}: {}",
            lang.pick(&s.from_label),
            lang.pick(&s.to_label),
            lang.pick(&s.kind_label)
        );
        if let Some(d) = &s.description {
            text.push_str(&format!(" — {}", lang.pick(d)));
        }
        if !s.builds.is_empty() {
            let lead = match lang {
                Lang::Ja => "身につく力",
                Lang::En => "builds",
            };
            let sep = match lang {
                Lang::Ja => "、",
                Lang::En => ", ",
            };
            let builds: Vec<&str> = s.builds.iter().map(|b| lang.pick(b)).collect();
            text.push_str(&format!(" ({lead}: {})", builds.join(sep)));
        }
        text.push_str(&example_mark(lang, s.illustrative));
        line(out, 1, &text);
    }
}

fn outline_flow(dataset: &Dataset, lang: Lang, out: &mut String) {
    let Some(flow) = views::flow::drawn(dataset) else {
        line(out, 0, lang.pick(&View::Flow.name()));
        return;
    };
    line(out, 0, lang.pick(&flow.label));
    let number: HashMap<&str, usize> = flow
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i + 1))
        .collect();
    let (when_needed, examples, example) = match lang {
        Lang::Ja => ("必要に応じて", "対応の例", "例"),
        Lang::En => ("when needed", "Worked examples", "Example "),
    };
    for (i, st) in flow.steps.iter().enumerate() {
        let mut text = format!("{}. {}", i + 1, lang.pick(&st.label));
        if let Some(actor) = st.actor.as_deref().and_then(|a| dataset.node(a)) {
            text.push_str(&format!(" — {}", lang.pick(&actor.label)));
        }
        text.push_str(&example_mark(lang, st.illustrative));
        line(out, 0, &text);
        for l in flow.links.iter().filter(|l| l.from == st.id) {
            let Some(&n) = number.get(l.to.as_str()) else {
                continue;
            };
            // The next step in reading order goes without saying.
            if l.kind == FlowLinkKind::Next && n == i + 2 {
                continue;
            }
            let target = lang.pick(&flow.steps[n - 1].label);
            let mut text = match l.kind {
                FlowLinkKind::Next => format!("→ {n}. {target}"),
                FlowLinkKind::Branch => format!("↳ {n}. {target} ({when_needed})"),
            };
            if let Some(label) = &l.label {
                text.push_str(&format!(": {}", lang.pick(label)));
            }
            line(out, 1, &text);
        }
    }
    if !flow.examples.is_empty() {
        line(out, 0, "");
        line(out, 0, examples);
        for (k, e) in flow.examples.iter().enumerate() {
            let path: Vec<String> = e
                .path
                .iter()
                .filter_map(|p| number.get(p.as_str()))
                .map(|n| n.to_string())
                .collect();
            line(
                out,
                1,
                &format!("{example}{}: {}", k + 1, lang.pick(&e.label)),
            );
            if !path.is_empty() {
                line(out, 2, &path.join(" → "));
            }
            line(out, 2, lang.pick(&e.description));
        }
    }
}
