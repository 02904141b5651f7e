//! The validated dataset: petgraph wrapped in domain types.
//!
//! A [`Dataset`] can only be made by `validate`, so every id it holds resolves and the
//! hierarchy has no cycle. Graph indices never leave this module: callers speak ids.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;

use crate::raw::{FlowLinkKind, HierarchyKind, LineStyle, NodeKind, TransitionKind};
use crate::vocab::View;

pub use crate::vocab::Text;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Meta {
    pub title: Text,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceDocument>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SourceDocument {
    pub title: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A cited passage of the source document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Passage {
    pub id: String,
    pub section: Text,
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Group {
    pub id: String,
    pub label: Text,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
    pub label: Text,
    pub short: Option<Text>,
    pub title: Option<Text>,
    pub description: Option<Text>,
    pub group: Option<String>,
    pub track: Option<String>,
    pub illustrative: bool,
    pub source: Option<String>,
    /// Further facts, in file order (a CSV file's unrecognised columns).
    pub attributes: Vec<Attribute>,
    /// The photo as a `data:` URI (PNG or JPEG), drawn on the card. Never sent as
    /// JSON: the cards carry it, inside the SVG.
    #[serde(skip)]
    pub photo: Option<std::sync::Arc<str>>,
    /// The file did not say the kind; it was guessed from the row (see
    /// `RawNode::kind_guessed`). Cards leave a guessed kind unsaid.
    #[serde(skip)]
    pub kind_guessed: bool,
}

/// One further fact about a node: "name: value" in the details panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Attribute {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelationKind {
    pub id: String,
    pub label: Text,
    pub style: LineStyle,
    /// The family the kind is listed under in the legend; kinds of one family share a
    /// colour and differ by their line style.
    pub family: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Relation {
    pub from: String,
    pub to: String,
    pub kind: String,
    pub label: Option<Text>,
    pub description: Option<Text>,
    pub illustrative: bool,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Track {
    pub id: String,
    pub label: Text,
    pub description: Text,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Capability {
    pub id: String,
    pub label: Text,
    pub description: Text,
    pub illustrative: bool,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transition {
    pub from: String,
    pub to: String,
    pub kind: TransitionKind,
    pub label: Option<Text>,
    pub builds: Vec<String>,
    pub illustrative: bool,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flow {
    pub id: String,
    pub label: Text,
    pub description: Option<Text>,
    pub steps: Vec<Step>,
    pub links: Vec<FlowLink>,
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub id: String,
    pub label: Text,
    pub description: Option<Text>,
    pub actor: Option<String>,
    pub illustrative: bool,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowLink {
    pub from: String,
    pub to: String,
    pub kind: FlowLinkKind,
    pub label: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    pub id: String,
    pub label: Text,
    pub description: Text,
    pub path: Vec<String>,
    pub source: Option<String>,
}

/// A guided tour, validated: every id it names is drawn in its step's view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tour {
    pub id: String,
    pub title: Text,
    pub description: Option<Text>,
    pub steps: Vec<TourStep>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TourStep {
    pub view: View,
    pub focus: Option<String>,
    pub spotlight: Vec<String>,
    /// Links to light, as (from, to) card ids; either direction matches.
    pub edges: Vec<(String, String)>,
    /// The path of the worked example the step follows (its steps are in
    /// `spotlight` too): then only the links from each of its steps to the next are
    /// lit, besides `edges`. Empty when the step follows none.
    pub route: Vec<String>,
    pub camera: Option<Camera>,
    pub caption: Text,
    pub notes: Option<Text>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Camera {
    pub target: String,
    /// 0.25 to 4.
    pub zoom: f32,
}

/// What an edge of the graph means. Relations and transitions point into the
/// dataset's lists so their text lives in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// Parent to child.
    Hierarchy(HierarchyKind),
    Relation(usize),
    Transition(usize),
}

/// A hash map with foldhash's hasher: several times faster than std's SipHash on the
/// short ids a dataset is keyed by (SipHash was an eighth of loading 100,000 rows),
/// and still seeded at random per process, so a file cannot be made of colliding ids.
pub type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// A validated dataset.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub(crate) meta: Meta,
    pub(crate) sources: Vec<Passage>,
    pub(crate) groups: Vec<Group>,
    pub(crate) graph: DiGraph<Node, Edge>,
    pub(crate) index: FastMap<String, NodeIndex>,
    pub(crate) relation_kinds: Vec<RelationKind>,
    pub(crate) relations: Vec<Relation>,
    pub(crate) tracks: Vec<Track>,
    pub(crate) capabilities: Vec<Capability>,
    pub(crate) transitions: Vec<Transition>,
    pub(crate) flows: Vec<Flow>,
    pub(crate) tours: Vec<Tour>,
    pub(crate) hierarchy_edges: usize,
    /// What the loader noticed but did not refuse the file for (a photo it could not
    /// use, web addresses it does not fetch), in file order.
    pub(crate) notices: Vec<crate::problem::Problem>,
    /// The file has a photo column: every person's card keeps a place for a photo,
    /// with initials where there is none.
    pub(crate) photo_column: bool,
    /// For each node (by graph index), its relations' places in `relations`, in file
    /// order: `relations_of` is asked for every node of a map, and scanning every
    /// relation each time made the default map of a large file quadratic.
    pub(crate) relations_at: Vec<Vec<u32>>,
    /// The organisation tree, once asked for (see [`Dataset::org_tree`]).
    pub(crate) org_tree: std::sync::OnceLock<crate::org_tree::OrgTree>,
}

/// Everything a [`Dataset`] is made of, checked: what the validator (in
/// `orgpath-load`) hands over. The graph's indices go in here and never come out.
#[derive(Debug)]
pub struct Parts {
    pub meta: Meta,
    pub sources: Vec<Passage>,
    pub groups: Vec<Group>,
    pub graph: DiGraph<Node, Edge>,
    pub index: FastMap<String, NodeIndex>,
    pub relation_kinds: Vec<RelationKind>,
    pub relations: Vec<Relation>,
    pub tracks: Vec<Track>,
    pub capabilities: Vec<Capability>,
    pub transitions: Vec<Transition>,
    pub flows: Vec<Flow>,
    pub hierarchy_edges: usize,
}

impl Dataset {
    /// The dataset of checked parts, with no tours yet (tours are checked against the
    /// views this dataset draws, so they come after: [`Dataset::set_tours`]).
    pub fn from_parts(p: Parts) -> Dataset {
        let mut relations_at = vec![Vec::new(); p.graph.node_count()];
        for (k, r) in p.relations.iter().enumerate() {
            let k = u32::try_from(k).expect("fewer than 2^32 relations");
            let ends = [Some(&r.from), (r.to != r.from).then_some(&r.to)];
            for id in ends.into_iter().flatten() {
                if let Some(i) = p.index.get(id) {
                    relations_at[i.index()].push(k);
                }
            }
        }
        Dataset {
            relations_at,
            meta: p.meta,
            sources: p.sources,
            groups: p.groups,
            graph: p.graph,
            index: p.index,
            relation_kinds: p.relation_kinds,
            relations: p.relations,
            tracks: p.tracks,
            capabilities: p.capabilities,
            transitions: p.transitions,
            flows: p.flows,
            tours: Vec::new(),
            hierarchy_edges: p.hierarchy_edges,
            notices: Vec::new(),
            photo_column: false,
            org_tree: std::sync::OnceLock::new(),
        }
    }

    /// The checked tours.
    pub fn set_tours(&mut self, tours: Vec<Tour>) {
        self.tours = tours;
    }

    /// What the loader noticed without refusing the file, and whether the file has a
    /// photo column.
    pub fn set_notices(&mut self, notices: Vec<crate::problem::Problem>, photo_column: bool) {
        self.notices = notices;
        self.photo_column = photo_column;
    }

    /// Warnings and notices found while loading: the file opened, but the user should
    /// know (`orgpath validate` prints them, the window lists them).
    pub fn notices(&self) -> &[crate::problem::Problem] {
        &self.notices
    }

    /// Whether people's cards show photos (or initials in their place). O(1): every
    /// card asks. A photo only ever comes from a photo column.
    pub fn has_photos(&self) -> bool {
        self.photo_column
    }

    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&i| &self.graph[i])
    }

    /// Nodes in file order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.graph.node_indices().map(|i| &self.graph[i])
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn hierarchy_edge_count(&self) -> usize {
        self.hierarchy_edges
    }

    pub fn sources(&self) -> &[Passage] {
        &self.sources
    }

    pub fn source(&self, id: &str) -> Option<&Passage> {
        self.sources.iter().find(|p| p.id == id)
    }

    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    pub fn relation_kinds(&self) -> &[RelationKind] {
        &self.relation_kinds
    }

    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    pub fn tracks(&self) -> &[Track] {
        &self.tracks
    }

    pub fn capabilities(&self) -> &[Capability] {
        &self.capabilities
    }

    pub fn transitions(&self) -> &[Transition] {
        &self.transitions
    }

    pub fn flows(&self) -> &[Flow] {
        &self.flows
    }

    /// Guided tours, in file order.
    pub fn tours(&self) -> &[Tour] {
        &self.tours
    }

    pub fn tour(&self, id: &str) -> Option<&Tour> {
        self.tours.iter().find(|t| t.id == id)
    }

    /// Parents of `id` in the order the file lists the hierarchy edges; the first is
    /// the primary parent, any others are matrix (dotted-line) parents.
    pub fn parents(&self, id: &str) -> Vec<&str> {
        self.hierarchy_neighbours(id, Direction::Incoming)
    }

    /// Children of `id` in the order the file lists the hierarchy edges.
    pub fn children(&self, id: &str) -> Vec<&str> {
        self.hierarchy_neighbours(id, Direction::Outgoing)
    }

    fn hierarchy_neighbours(&self, id: &str, dir: Direction) -> Vec<&str> {
        let Some(&i) = self.index.get(id) else {
            return Vec::new();
        };
        let mut edges: Vec<_> = self
            .graph
            .edges_directed(i, dir)
            .filter(|e| matches!(e.weight(), Edge::Hierarchy(_)))
            .map(|e| {
                (
                    e.id(),
                    if dir == Direction::Outgoing {
                        e.target()
                    } else {
                        e.source()
                    },
                )
            })
            .collect();
        // petgraph walks edges newest first; file order is what users expect.
        edges.sort_by_key(|&(e, _)| e);
        edges
            .into_iter()
            .map(|(_, n)| self.graph[n].id.as_str())
            .collect()
    }

    /// Every hierarchy edge as (child, parent, kind), in file order.
    pub fn hierarchy(&self) -> impl Iterator<Item = (&str, &str, HierarchyKind)> + '_ {
        // Edge indices grow in insertion order, and validation adds the hierarchy in
        // file order.
        self.graph
            .edge_indices()
            .filter_map(|e| match self.graph[e] {
                Edge::Hierarchy(kind) => {
                    let (parent, child) = self.graph.edge_endpoints(e)?;
                    Some((
                        self.graph[child].id.as_str(),
                        self.graph[parent].id.as_str(),
                        kind,
                    ))
                }
                _ => None,
            })
    }

    /// Relations that start or end at `id`, in file order.
    pub fn relations_of<'s>(&'s self, id: &str) -> impl Iterator<Item = &'s Relation> + 's {
        let at: &[u32] = self
            .index
            .get(id)
            .map_or(&[], |i| &self.relations_at[i.index()]);
        at.iter().map(|&k| &self.relations[k as usize])
    }

    /// The node with the most relations, the first in file order of those tied.
    pub fn busiest(&self) -> Option<&Node> {
        let mut best: Option<(NodeIndex, usize)> = None;
        for i in self.graph.node_indices() {
            let k = self.relations_at[i.index()].len();
            if best.is_none_or(|(_, b)| k > b) {
                best = Some((i, k));
            }
        }
        best.map(|(i, _)| &self.graph[i])
    }

    /// The language the file's names are written in (see [`Lang::of_names`]): what an
    /// export speaks unless told, so an English file's export does not say "部下 14 人".
    pub fn language(&self) -> crate::vocab::Lang {
        crate::vocab::Lang::of_names(self.nodes().map(|n| n.label.ja.as_str()))
    }

    /// The place of node `id` in file order.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).map(|i| i.index())
    }
}
