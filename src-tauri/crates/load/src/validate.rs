//! Raw file types to a [`Dataset`], or every problem at once.
//!
//! Rules run in one pass and never stop at the first failure: a user fixing a file
//! wants the whole list. Each problem carries a JSON pointer; the caller's
//! [`Locate`] adds the line and column (JSON) or row and column (CSV).

use std::cell::OnceCell;
use std::collections::HashMap;

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use orgpath_model::close::close_to;
use orgpath_model::dataset::*;
use orgpath_model::limits::{
    MAX_DEPTH, MAX_LINKS, MAX_NAME_CHARS, MAX_NODES, MAX_PROBLEMS, MAX_SUGGESTIONS, MAX_TEXT_CHARS,
};
use orgpath_model::locate::escape_token;
use orgpath_model::problem::{Code, Location, Problem};
use orgpath_model::raw::*;
use orgpath_model::View;
use orgpath_model::{Drawings, Drawn};

/// Turns a pointer into a full location in the original file.
pub trait Locate {
    fn locate(&self, pointer: &str) -> Location;
}

/// A locator that knows only pointers (for data built in memory).
pub struct PointerOnly;

impl Locate for PointerOnly {
    fn locate(&self, pointer: &str) -> Location {
        Location::pointer(pointer)
    }
}

/// Validates `raw`, returning the dataset or every problem found (the first
/// [`MAX_PROBLEMS`] of them, then a count of the rest).
pub fn validate(
    raw: &RawDataset,
    locate: &dyn Locate,
    views: &dyn Drawings,
) -> Result<Dataset, Vec<Problem>> {
    validate_with_text_limits(raw, locate, views, MAX_NAME_CHARS, MAX_TEXT_CHARS)
}

/// [`validate`] holding names to `name_chars` characters and descriptions to
/// `text_chars` instead of [`MAX_NAME_CHARS`] and [`MAX_TEXT_CHARS`]. No file is
/// loaded this way: it lets tests give the layouts and painters texts past the limits,
/// which they must handle as fast as any other (the limits keep files sensible, not
/// the drawing safe).
#[doc(hidden)]
pub fn validate_with_text_limits(
    raw: &RawDataset,
    locate: &dyn Locate,
    views: &dyn Drawings,
    name_chars: usize,
    text_chars: usize,
) -> Result<Dataset, Vec<Problem>> {
    let mut v = Validator {
        problems: Vec::new(),
        locate,
        views,
        omitted: 0,
        first_omitted: None,
        suggestions: 0,
        limits: [name_chars, text_chars],
    };
    // Past the size limits nothing else is checked: the rules would run for minutes on
    // a file that cannot be shown anyway.
    if v.too_large(raw) {
        return Err(v.problems);
    }
    let dataset = v.dataset(raw);
    if v.problems.is_empty() {
        return Ok(dataset);
    }
    if let Some(code) = v.first_omitted {
        v.problems.push(Problem::new(
            code,
            Location::default(),
            format!(
                "and {} more problems, not listed (a report lists the first {MAX_PROBLEMS})",
                v.omitted
            ),
            "fix the problems above and load the file again; one mistake repeated on every row, such as a shifted column, often causes them all",
        ));
    }
    Err(v.problems)
}

struct Validator<'l> {
    problems: Vec<Problem>,
    locate: &'l dyn Locate,
    /// What each view draws, for the tours' spotlights and lit links.
    views: &'l dyn Drawings,
    /// Problems found past [`MAX_PROBLEMS`]: counted, not located or listed.
    omitted: usize,
    first_omitted: Option<Code>,
    /// "Did you mean" hints given so far (each compares with every known id).
    suggestions: usize,
    /// The most characters in a name and in a description (see [`Length`]).
    limits: [usize; 2],
}

/// A tour step, as the checks of its cards and links need it.
struct StepAt<'a> {
    /// The step's pointer.
    base: &'a str,
    /// "tour \"…\", step N", for messages.
    what: &'a str,
    /// `None` when missing or unknown (reported).
    view: Option<View>,
    /// The relationships view's focus, when it names a node.
    focus: Option<&'a str>,
}

/// The ids each kind of reference may name, collected before any is checked.
struct Known<'a> {
    sources: Ids<'a>,
    groups: Ids<'a>,
    nodes: Ids<'a>,
    kinds: Ids<'a>,
    tracks: Ids<'a>,
    capabilities: Ids<'a>,
}

/// The graph being built: every node, the edges added so far, and each id's node.
struct NodeGraph {
    graph: DiGraph<Node, Edge>,
    index: FastMap<String, NodeIndex>,
}

impl NodeGraph {
    /// Adds an edge between two nodes whose ids are known to resolve.
    fn link(&mut self, from: &str, to: &str, edge: Edge) {
        self.graph.add_edge(self.index[from], self.index[to], edge);
    }
}

/// Ids of one collection, with where each was first defined.
struct Ids<'a> {
    what: &'static str,
    /// Each id's first position in its collection.
    first: FastMap<&'a str, usize>,
    /// The ids in order, sorted once when a hint first needs them.
    sorted: OnceCell<Vec<&'a str>>,
}

impl<'a> Ids<'a> {
    fn contains(&self, id: &str) -> bool {
        self.first.contains_key(id)
    }

    /// A few known ids, to suggest in a hint: the closest to `near` when `suggest`
    /// (which compares `near` with every id), else the first few in order.
    fn sample(&self, near: &str, suggest: bool) -> String {
        let all = self.sorted.get_or_init(|| {
            let mut all: Vec<&str> = self.first.keys().copied().collect();
            all.sort_unstable();
            all
        });
        let lower = near.to_lowercase();
        let candidates = if suggest && !lower.is_empty() {
            &all[..]
        } else {
            &[][..]
        };
        let mut close: Vec<(usize, &str)> = candidates
            .iter()
            .filter_map(|k| {
                let kl = k.to_lowercase();
                close_to(&kl, &lower).map(|d| (d, *k))
            })
            .collect();
        close.sort();
        let close: Vec<&str> = close.into_iter().map(|(_, k)| k).take(3).collect();
        if !close.is_empty() {
            return format!("did you mean {}?", quote_list(&close));
        }
        if all.is_empty() {
            return format!("there are no {}s defined yet", self.what);
        }
        let shown: Vec<&str> = all.iter().take(6).copied().collect();
        let more = if all.len() > shown.len() { ", …" } else { "" };
        format!("known {} ids: {}{more}", self.what, quote_list(&shown))
    }
}

fn quote_list(ids: &[&str]) -> String {
    ids.iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn ptr(base: &str, field: &str) -> String {
    format!("{base}/{}", escape_token(field))
}

/// Where a checked value is, as a JSON pointer written out only when a problem is
/// reported there. Validating 100,000 rows used to write about a million pointers
/// that no problem read; this made validation several times faster.
trait Pointer {
    fn pointer(&self) -> String;
}

impl Pointer for &str {
    fn pointer(&self) -> String {
        (*self).to_owned()
    }
}

impl Pointer for &String {
    fn pointer(&self) -> String {
        (*self).clone()
    }
}

/// `base`/`field`, the field's name escaped.
struct At<'a>(&'a str, &'a str);

impl Pointer for At<'_> {
    fn pointer(&self) -> String {
        ptr(self.0, self.1)
    }
}

/// `base`/`index`/`field`: a member of a list.
struct Item<'a>(&'a str, usize, &'a str);

impl Pointer for Item<'_> {
    fn pointer(&self) -> String {
        format!("{}/{}/{}", self.0, self.1, escape_token(self.2))
    }
}

/// A pointer made by a closure, for the odd place the structs above do not fit.
struct Lazy<F>(F);

impl<F: Fn() -> String> Pointer for Lazy<F> {
    fn pointer(&self) -> String {
        (self.0)()
    }
}

/// `pointer`/`field`: a member of a value whose own pointer is not written yet.
struct Under<'a, P>(&'a P, &'a str);

impl<P: Pointer> Pointer for Under<'_, P> {
    fn pointer(&self) -> String {
        ptr(&self.0.pointer(), self.1)
    }
}

/// The last token of a pointer: the field a value is in ("label", "description").
fn last_token(pointer: &str) -> &str {
    pointer.rsplit('/').next().unwrap_or(pointer)
}

/// Which length limit a text is under: [`MAX_NAME_CHARS`] or [`MAX_TEXT_CHARS`].
#[derive(Debug, Clone, Copy)]
enum Length {
    /// A label, title or name: drawn on cards, links, legends and slides.
    Name = 0,
    /// A description, caption, speaker note, quote or attribute value: read in full.
    Prose = 1,
}

impl Length {
    fn what(self) -> &'static str {
        match self {
            Length::Name => "a label, title or name",
            Length::Prose => "a description, caption, note or quote",
        }
    }
}

impl<'l> Validator<'l> {
    fn report(&mut self, code: Code, pointer: &str, message: String, hint: impl Into<String>) {
        if self.full(code) {
            return;
        }
        let at = self.locate.locate(pointer);
        self.problems.push(Problem::new(code, at, message, hint));
    }

    /// True once the report holds [`MAX_PROBLEMS`]: counts the problem as omitted, so
    /// callers can skip the work of describing it.
    fn full(&mut self, code: Code) -> bool {
        if self.problems.len() < MAX_PROBLEMS {
            return false;
        }
        self.omitted += 1;
        self.first_omitted.get_or_insert(code);
        true
    }

    /// Whether the next unknown id may get a "did you mean" hint.
    fn take_suggestion(&mut self) -> bool {
        self.suggestions += 1;
        self.suggestions <= MAX_SUGGESTIONS
    }

    /// Reports a dataset past [`MAX_NODES`] or [`MAX_LINKS`].
    fn too_large(&mut self, raw: &RawDataset) -> bool {
        let links = raw.hierarchy.len() + raw.relations.len() + raw.career.transitions.len();
        if raw.nodes.len() > MAX_NODES {
            self.report(
                Code::TooLarge,
                "/nodes",
                format!(
                    "the dataset has {} nodes; orgpath loads up to {MAX_NODES}",
                    raw.nodes.len()
                ),
                "split the organisation into several files (one per division, say), or check that this is the right file",
            );
        }
        if links > MAX_LINKS {
            self.report(
                Code::TooLarge,
                "/hierarchy",
                format!(
                    "the dataset has {links} links (parents, relations and career moves); orgpath loads up to {MAX_LINKS}"
                ),
                "split the organisation into several files, or check the parent column: each ';' in it adds a parent",
            );
        }
        !self.problems.is_empty()
    }

    fn text(&mut self, t: &RawText, pointer: impl Pointer, what: &str, length: Length) -> Text {
        // One text standing for both languages (a CSV file's single name column) is
        // one problem when too long, not two.
        let same = t.ja.as_deref().map(str::trim) == t.en.as_deref().map(str::trim);
        let mut get = |value: &Option<String>, lang: &str, name: &str, measure: bool| -> String {
            match value.as_deref().map(str::trim) {
                Some(s) if !s.is_empty() => {
                    if !measure {
                        return s.to_owned();
                    }
                    self.length(s, Under(&pointer, lang), length, || {
                        // "the English label of node …", but "the English text of
                        // the caption of …" where `what` names the field already.
                        let at = pointer.pointer();
                        let field = if what.starts_with("the ") || what.starts_with("a ") {
                            "text"
                        } else {
                            last_token(&at)
                        };
                        format!("the {name} {field} of {what}")
                    });
                    s.to_owned()
                }
                found => {
                    let missing = if found.is_some() {
                        "is blank"
                    } else {
                        "is missing"
                    };
                    self.report(
                        Code::MissingText,
                        &ptr(&pointer.pointer(), lang),
                        format!("{name} text of {what} {missing}"),
                        format!("add \"{lang}\": \"…\" ({name}); every label and description needs both Japanese and English"),
                    );
                    String::new()
                }
            }
        };
        let ja = get(
            &t.ja,
            "ja",
            if same {
                "Japanese and English"
            } else {
                "Japanese"
            },
            true,
        );
        let en = get(&t.en, "en", "English", !same);
        Text { ja, en }
    }

    fn opt_text(
        &mut self,
        t: &Option<RawText>,
        pointer: impl Pointer,
        what: &str,
        length: Length,
    ) -> Option<Text> {
        t.as_ref().map(|t| self.text(t, pointer, what, length))
    }

    /// Reports `value` when it has more characters than `length` allows. `what` says
    /// whose value it is ("the English label of node \"sales\""), written only then.
    fn length(
        &mut self,
        value: &str,
        pointer: impl Pointer,
        length: Length,
        what: impl FnOnce() -> String,
    ) {
        let max = self.limits[length as usize];
        // No character is shorter than a byte: most values pass on their byte length.
        if value.len() <= max {
            return;
        }
        let n = value.chars().count();
        if n <= max || self.full(Code::TooLong) {
            return;
        }
        let pointer = pointer.pointer();
        let hint = match length {
            Length::Name => "shorten it: names are drawn in at most three lines and cut with \"…\" after that; put longer text in a description",
            Length::Prose => "shorten it to the part worth reading here, and keep the full text in a document of its own",
        };
        self.report(
            Code::TooLong,
            &pointer,
            format!(
                "{} is {n} characters long; orgpath takes up to {max} characters in {}",
                what(),
                length.what()
            ),
            hint,
        );
    }

    /// A node's further facts (`node` is its index: the pointer is written only for a
    /// problem); a fact without a name could not be shown as one.
    fn attributes(&mut self, attrs: &[RawAttribute], node: usize, what: &str) -> Vec<Attribute> {
        for (j, a) in attrs.iter().enumerate() {
            if a.name.trim().is_empty() {
                self.report(
                    Code::Missing,
                    &format!("/nodes/{node}/attributes/{j}/name"),
                    format!("an attribute of {what} has no name"),
                    "give it a \"name\" such as \"Email\", or remove it",
                );
            }
            let name = a.name.trim();
            let at =
                |field: &'static str| Lazy(move || format!("/nodes/{node}/attributes/{j}/{field}"));
            self.length(name, at("name"), Length::Name, || {
                format!("the name of an attribute of {what}")
            });
            self.length(&a.value, at("value"), Length::Prose, || {
                format!("the \"{name}\" of {what}")
            });
        }
        attrs
            .iter()
            .map(|a| Attribute {
                name: a.name.trim().to_owned(),
                value: a.value.clone(),
            })
            .collect()
    }

    /// Collects the ids of one collection, reporting bad and duplicate ones.
    fn ids<'a, T>(
        &mut self,
        what: &'static str,
        base: &str,
        items: &'a [T],
        id: impl Fn(&'a T) -> &'a str,
    ) -> Ids<'a> {
        let mut first: FastMap<&'a str, usize> =
            FastMap::with_capacity_and_hasher(items.len(), Default::default());
        for (i, item) in items.iter().enumerate() {
            let value = id(item);
            // An id that is unusable but not blank is still an id: references to it
            // resolve, so one bad id is one problem, not one more per reference.
            if !self.check_id(value, Item(base, i, "id"), what) && value.trim().is_empty() {
                continue;
            }
            if let Some(&prev) = first.get(value) {
                if self.full(Code::DuplicateId) {
                    continue;
                }
                let prev = format!("{base}/{prev}/id");
                let loc = self.locate.locate(&prev);
                let where_ = match (loc.pointer, loc.line) {
                    (Some(p), Some(l)) => format!("{p} (line {l})"),
                    (None, Some(l)) => format!("line {l}"),
                    _ => prev,
                };
                self.report(
                    Code::DuplicateId,
                    &format!("{base}/{i}/id"),
                    format!("duplicate {what} id \"{value}\": already used at {where_}"),
                    format!("give each {what} its own id, or merge the two entries"),
                );
            } else {
                first.insert(value, i);
            }
        }
        Ids {
            what,
            first,
            sorted: OnceCell::new(),
        }
    }

    fn check_id(&mut self, value: &str, pointer: impl Pointer, what: &str) -> bool {
        if value.trim().is_empty() {
            self.report(
                Code::Missing,
                &pointer.pointer(),
                format!("{what} has no id"),
                format!("add an \"id\" such as \"my-{what}\"; other items refer to it"),
            );
            return false;
        }
        if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            self.report(
                Code::BadId,
                &pointer.pointer(),
                format!(
                    "{what} id \"{}\" contains spaces or control characters",
                    shown(value)
                ),
                "use letters, digits, '-', '_' or '.', e.g. \"sales-team\"",
            );
            return false;
        }
        true
    }

    /// Reports a reference to an id that does not exist. Returns whether it resolves.
    fn reference(
        &mut self,
        ids: &Ids<'_>,
        value: &str,
        pointer: impl Pointer,
        field: &str,
    ) -> bool {
        self.resolve(ids, value, pointer, field).is_some()
    }

    /// Like [`Self::reference`], returning where in its collection the id is first
    /// defined (for nodes, the graph index: nodes are added in file order).
    fn resolve(
        &mut self,
        ids: &Ids<'_>,
        value: &str,
        pointer: impl Pointer,
        field: &str,
    ) -> Option<usize> {
        if value.trim().is_empty() {
            self.report(
                Code::Missing,
                &pointer.pointer(),
                format!("\"{field}\" is empty"),
                format!("name the id of a {}", ids.what),
            );
            return None;
        }
        if let Some(&at) = ids.first.get(value) {
            return Some(at);
        }
        if self.full(Code::UnknownId) {
            return None;
        }
        let suggest = self.take_suggestion();
        self.report(
            Code::UnknownId,
            &pointer.pointer(),
            format!("\"{field}\" refers to unknown {} \"{value}\"", ids.what),
            format!(
                "{}; or add a {} with this id",
                ids.sample(value, suggest),
                ids.what
            ),
        );
        None
    }

    fn opt_reference(
        &mut self,
        ids: &Ids<'_>,
        value: &Option<String>,
        pointer: impl Pointer,
        field: &str,
    ) {
        if let Some(v) = value {
            self.reference(ids, v, pointer, field);
        }
    }

    /// Checks every section of `raw` in file order and builds the dataset; what fails
    /// is reported and replaced by a stand-in, so one pass finds every problem.
    fn dataset(&mut self, raw: &RawDataset) -> Dataset {
        let meta = self.meta(raw);
        let known = self.known(raw);
        if raw.nodes.is_empty() {
            self.report(
                Code::Empty,
                "/nodes",
                "the dataset has no nodes".into(),
                "add at least one node to \"nodes\"",
            );
        }
        if let Some(focus) = &raw.meta.focus {
            self.reference(&known.nodes, focus, "/meta/focus", "focus");
        }
        let sources = self.sources(raw);
        let groups = self.groups(raw);
        let mut graph = self.nodes(raw, &known);
        let hierarchy_edges = self.hierarchy(raw, &known, &mut graph.graph);
        let relation_kinds = self.relation_kinds(raw);
        let relations = self.relations(raw, &known, &mut graph);
        let tracks = self.tracks(raw, &known);
        let capabilities = self.capabilities(raw, &known);
        let transitions = self.transitions(raw, &known, &mut graph);
        let flows = raw
            .flows
            .iter()
            .enumerate()
            .map(|(i, f)| self.flow(f, &format!("/flows/{i}"), &known.nodes, &known.sources))
            .collect();

        let mut dataset = Dataset::from_parts(Parts {
            meta,
            sources,
            groups,
            graph: graph.graph,
            index: graph.index,
            relation_kinds,
            relations,
            tracks,
            capabilities,
            transitions,
            flows,
            hierarchy_edges,
        });
        // Tours name cards of the views, so they are checked against the views the
        // rest of the file makes.
        let tours = self.tours(raw, &dataset, &known.nodes, &known.sources);
        dataset.set_tours(tours);
        dataset
    }

    /// Checks the format tag and the texts of `meta`; gives the dataset's [`Meta`].
    fn meta(&mut self, raw: &RawDataset) -> Meta {
        if raw.format != FORMAT {
            let message = if raw.format.is_empty() {
                "\"format\" is missing".to_owned()
            } else {
                format!("unsupported format \"{}\"", raw.format.escape_debug())
            };
            self.report(
                Code::Format,
                "/format",
                message,
                format!("put \"format\": \"{FORMAT}\" at the top of the file"),
            );
        }
        Meta {
            title: self.text(
                &raw.meta.title,
                "/meta/title",
                "the dataset title",
                Length::Name,
            ),
            description: self.opt_text(
                &raw.meta.description,
                "/meta/description",
                "the dataset description",
                Length::Prose,
            ),
            source: raw.meta.source.as_ref().map(|s| {
                let fields = [
                    ("title", Some(&s.title), Length::Name),
                    ("author", s.author.as_ref(), Length::Name),
                    ("date", s.date.as_ref(), Length::Name),
                    ("url", s.url.as_ref(), Length::Prose),
                ];
                for (field, value, length) in fields {
                    if let Some(value) = value {
                        self.length(value, At("/meta/source", field), length, || {
                            format!("the {field} of the source document")
                        });
                    }
                }
                SourceDocument {
                    title: s.title.clone(),
                    author: s.author.clone(),
                    date: s.date.clone(),
                    url: s.url.clone(),
                }
            }),
            focus: raw.meta.focus.clone(),
        }
    }

    /// Collects the ids of every collection that references name, reporting bad and
    /// duplicate ids before any reference is checked against them.
    fn known<'a>(&mut self, raw: &'a RawDataset) -> Known<'a> {
        let known = Known {
            sources: self.ids("source passage", "/sources", &raw.sources, |p| &p.id),
            groups: self.ids("group", "/groups", &raw.groups, |g| &g.id),
            nodes: self.ids("node", "/nodes", &raw.nodes, |n| &n.id),
            kinds: self.ids(
                "relation kind",
                "/relation_kinds",
                &raw.relation_kinds,
                |k| &k.id,
            ),
            tracks: self.ids("track", "/career/tracks", &raw.career.tracks, |t| &t.id),
            capabilities: self.ids(
                "capability",
                "/career/capabilities",
                &raw.career.capabilities,
                |c| &c.id,
            ),
        };
        // Nothing refers to a flow: its ids are collected for their problems only.
        let flow_ids = self.ids("flow", "/flows", &raw.flows, |f| &f.id);
        drop(flow_ids);
        known
    }

    /// Checks the source passages: each needs a quote within the length limit.
    fn sources(&mut self, raw: &RawDataset) -> Vec<Passage> {
        raw.sources
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let base = format!("/sources/{i}");
                if p.quote.trim().is_empty() {
                    self.report(
                        Code::Missing,
                        &ptr(&base, "quote"),
                        format!("source passage \"{}\" has no quote", p.id),
                        "quote the passage of the source document, in its own language",
                    );
                }
                self.length(&p.quote, At(&base, "quote"), Length::Prose, || {
                    format!("the quote of source passage \"{}\"", p.id)
                });
                Passage {
                    id: p.id.clone(),
                    section: self.text(
                        &p.section,
                        At(&base, "section"),
                        "a source section",
                        Length::Name,
                    ),
                    quote: p.quote.clone(),
                }
            })
            .collect()
    }

    /// Checks the groups' labels and descriptions.
    fn groups(&mut self, raw: &RawDataset) -> Vec<Group> {
        raw.groups
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let base = format!("/groups/{i}");
                let what = format!("group \"{}\"", g.id);
                Group {
                    id: g.id.clone(),
                    label: self.text(&g.label, At(&base, "label"), &what, Length::Name),
                    description: self.opt_text(
                        &g.description,
                        At(&base, "description"),
                        &what,
                        Length::Prose,
                    ),
                }
            })
            .collect()
    }

    /// Checks each node (kind, references, texts, attributes) and gives the graph
    /// holding every node in file order, without edges yet, with the index of ids.
    fn nodes(&mut self, raw: &RawDataset, known: &Known<'_>) -> NodeGraph {
        let mut graph: DiGraph<Node, Edge> =
            DiGraph::with_capacity(raw.nodes.len(), raw.hierarchy.len() + raw.relations.len());
        let mut index: FastMap<String, NodeIndex> =
            FastMap::with_capacity_and_hasher(raw.nodes.len(), Default::default());
        for (i, n) in raw.nodes.iter().enumerate() {
            let what = format!("node \"{}\"", n.id);
            let kind = n.kind.unwrap_or_else(|| {
                self.report(
                    Code::Missing,
                    &format!("/nodes/{i}/kind"),
                    format!("{what} has no kind"),
                    "add \"kind\": one of organisation, department, team, role, external, career_stage",
                );
                NodeKind::Team
            });
            self.opt_reference(&known.groups, &n.group, Item("/nodes", i, "group"), "group");
            self.opt_reference(
                &known.sources,
                &n.source,
                Item("/nodes", i, "source"),
                "source",
            );
            if let Some(track) = &n.track {
                self.reference(&known.tracks, track, Item("/nodes", i, "track"), "track");
            }
            let node = Node {
                id: n.id.clone(),
                kind,
                label: self.text(&n.label, Item("/nodes", i, "label"), &what, Length::Name),
                short: self.opt_text(&n.short, Item("/nodes", i, "short"), &what, Length::Name),
                title: self.opt_text(&n.title, Item("/nodes", i, "title"), &what, Length::Name),
                description: self.opt_text(
                    &n.description,
                    Item("/nodes", i, "description"),
                    &what,
                    Length::Prose,
                ),
                group: n.group.clone(),
                track: n.track.clone(),
                illustrative: n.illustrative,
                source: n.source.clone(),
                attributes: self.attributes(&n.attributes, i, &what),
                photo: n.photo.clone(),
            };
            let ix = graph.add_node(node);
            // Duplicates were reported above; the first definition wins.
            index.entry(n.id.clone()).or_insert(ix);
        }
        NodeGraph { graph, index }
    }

    /// Adds the hierarchy's parent -> child edges to `graph`, reporting self-loops,
    /// duplicates and cycles; gives how many edges were added.
    fn hierarchy(
        &mut self,
        raw: &RawDataset,
        known: &Known<'_>,
        graph: &mut DiGraph<Node, Edge>,
    ) -> usize {
        // Edges are keyed by node position (a node's position is its graph index), so
        // each edge costs two id lookups and one insert.
        let mut seen_edges: FastMap<(usize, usize), usize> =
            FastMap::with_capacity_and_hasher(raw.hierarchy.len(), Default::default());
        let mut hierarchy_edges = 0;
        // Each hierarchy edge's entry in the file, by edge index, for cycle messages.
        let mut edge_entry: Vec<usize> = Vec::with_capacity(raw.hierarchy.len());
        for (i, h) in raw.hierarchy.iter().enumerate() {
            let child = self.resolve(
                &known.nodes,
                &h.child,
                Item("/hierarchy", i, "child"),
                "child",
            );
            let parent = self.resolve(
                &known.nodes,
                &h.parent,
                Item("/hierarchy", i, "parent"),
                "parent",
            );
            self.opt_reference(
                &known.sources,
                &h.source,
                Item("/hierarchy", i, "source"),
                "source",
            );
            let (Some(c), Some(p)) = (child, parent) else {
                continue;
            };
            if c == p {
                self.report(
                    Code::SelfLoop,
                    &format!("/hierarchy/{i}/parent"),
                    format!("\"{}\" is listed as its own parent", h.child),
                    "a unit cannot be part of itself: name a different parent, or remove this edge",
                );
                continue;
            }
            if let Some(prev) = seen_edges.get(&(c, p)) {
                self.report(
                    Code::DuplicateEdge,
                    &format!("/hierarchy/{i}"),
                    format!(
                        "\"{}\" is listed under \"{}\" twice (also /hierarchy/{prev})",
                        h.child, h.parent
                    ),
                    "remove one of the two entries",
                );
                continue;
            }
            seen_edges.insert((c, p), i);
            // Only hierarchy edges exist yet: this edge's index is edge_entry's length.
            graph.add_edge(
                NodeIndex::new(p),
                NodeIndex::new(c),
                Edge::Hierarchy(h.kind),
            );
            edge_entry.push(i);
            hierarchy_edges += 1;
        }
        self.cycles(graph, &edge_entry);
        hierarchy_edges
    }

    /// Checks the relation kinds' labels.
    fn relation_kinds(&mut self, raw: &RawDataset) -> Vec<RelationKind> {
        raw.relation_kinds
            .iter()
            .enumerate()
            .map(|(i, k)| RelationKind {
                id: k.id.clone(),
                label: self.text(
                    &k.label,
                    &format!("/relation_kinds/{i}/label"),
                    &format!("relation kind \"{}\"", k.id),
                    Length::Name,
                ),
                style: k.style,
                family: self.opt_text(
                    &k.family,
                    &format!("/relation_kinds/{i}/family"),
                    &format!("the family of relation kind \"{}\"", k.id),
                    Length::Name,
                ),
            })
            .collect()
    }

    /// Checks each relation (references, self-loops, duplicates, texts) and adds an
    /// edge to `graph` for each sound one; gives every relation, sound or not.
    fn relations(
        &mut self,
        raw: &RawDataset,
        known: &Known<'_>,
        graph: &mut NodeGraph,
    ) -> Vec<Relation> {
        let mut relations = Vec::with_capacity(raw.relations.len());
        let mut seen_relations: FastMap<(&str, &str, &str), usize> = FastMap::default();
        for (i, r) in raw.relations.iter().enumerate() {
            let base = format!("/relations/{i}");
            let what = format!("relation {} → {}", r.from, r.to);
            let ok = self.reference(&known.nodes, &r.from, At(&base, "from"), "from")
                & self.reference(&known.nodes, &r.to, At(&base, "to"), "to")
                & self.reference(&known.kinds, &r.kind, At(&base, "kind"), "kind");
            self.opt_reference(&known.sources, &r.source, At(&base, "source"), "source");
            if ok && r.from == r.to {
                self.report(
                    Code::SelfLoop,
                    &ptr(&base, "to"),
                    format!("relation \"{}\" goes from \"{}\" to itself", r.kind, r.from),
                    "point \"to\" at another node, or remove the relation",
                );
            } else if ok {
                if let Some(prev) = seen_relations.insert((&r.from, &r.to, &r.kind), i) {
                    self.report(Code::DuplicateEdge, &base, format!("relation \"{}\" from \"{}\" to \"{}\" is listed twice (also /relations/{prev})", r.kind, r.from, r.to), "remove one of the two entries");
                } else {
                    graph.link(&r.from, &r.to, Edge::Relation(relations.len()));
                }
            }
            relations.push(Relation {
                from: r.from.clone(),
                to: r.to.clone(),
                kind: r.kind.clone(),
                label: self.opt_text(&r.label, At(&base, "label"), &what, Length::Name),
                description: self.opt_text(
                    &r.description,
                    At(&base, "description"),
                    &what,
                    Length::Prose,
                ),
                illustrative: r.illustrative,
                source: r.source.clone(),
            });
        }
        relations
    }

    /// Checks the career tracks' sources and texts.
    fn tracks(&mut self, raw: &RawDataset, known: &Known<'_>) -> Vec<Track> {
        let tracks = raw.career.tracks.iter().enumerate();
        tracks
            .map(|(i, t)| {
                let (label, description) = self.career_item(
                    known,
                    (&t.id, &t.label, &t.description, &t.source),
                    &format!("/career/tracks/{i}"),
                    "track",
                );
                Track {
                    id: t.id.clone(),
                    label,
                    description,
                    source: t.source.clone(),
                }
            })
            .collect()
    }

    /// Checks the career capabilities' sources and texts.
    fn capabilities(&mut self, raw: &RawDataset, known: &Known<'_>) -> Vec<Capability> {
        let capabilities = raw.career.capabilities.iter().enumerate();
        capabilities
            .map(|(i, c)| {
                let (label, description) = self.career_item(
                    known,
                    (&c.id, &c.label, &c.description, &c.source),
                    &format!("/career/capabilities/{i}"),
                    "capability",
                );
                Capability {
                    id: c.id.clone(),
                    label,
                    description,
                    illustrative: c.illustrative,
                    source: c.source.clone(),
                }
            })
            .collect()
    }

    /// Checks a track's or capability's source, and gives its label and description:
    /// `item` is its (id, label, description, source) at `base`.
    fn career_item(
        &mut self,
        known: &Known<'_>,
        item: (&str, &RawText, &RawText, &Option<String>),
        base: &str,
        noun: &str,
    ) -> (Text, Text) {
        let (id, label, description, source) = item;
        let what = format!("{noun} \"{id}\"");
        self.opt_reference(&known.sources, source, At(base, "source"), "source");
        (
            self.text(label, At(base, "label"), &what, Length::Name),
            self.text(description, At(base, "description"), &what, Length::Prose),
        )
    }

    /// Checks each career transition (references, kind, self-loops, label) and adds
    /// an edge to `graph` for each sound one; gives every transition, sound or not.
    fn transitions(
        &mut self,
        raw: &RawDataset,
        known: &Known<'_>,
        graph: &mut NodeGraph,
    ) -> Vec<Transition> {
        let mut transitions = Vec::with_capacity(raw.career.transitions.len());
        for (i, t) in raw.career.transitions.iter().enumerate() {
            let base = format!("/career/transitions/{i}");
            let what = format!("transition {} → {}", t.from, t.to);
            let ok = self.reference(&known.nodes, &t.from, At(&base, "from"), "from")
                & self.reference(&known.nodes, &t.to, At(&base, "to"), "to");
            for (j, b) in t.builds.iter().enumerate() {
                self.reference(
                    &known.capabilities,
                    b,
                    &format!("{base}/builds/{j}"),
                    "builds",
                );
            }
            self.opt_reference(&known.sources, &t.source, At(&base, "source"), "source");
            let kind = t.kind.unwrap_or_else(|| {
                self.report(
                    Code::Missing,
                    &ptr(&base, "kind"),
                    format!("{what} has no kind"),
                    "add \"kind\": one of entry, promotion, track_choice, role_move",
                );
                TransitionKind::Promotion
            });
            if ok && t.from == t.to {
                self.report(
                    Code::SelfLoop,
                    &ptr(&base, "to"),
                    format!("transition from \"{}\" to itself", t.from),
                    "point \"to\" at the next stage or role",
                );
            } else if ok {
                graph.link(&t.from, &t.to, Edge::Transition(transitions.len()));
            }
            transitions.push(Transition {
                from: t.from.clone(),
                to: t.to.clone(),
                kind,
                label: self.opt_text(&t.label, At(&base, "label"), &what, Length::Name),
                builds: t.builds.clone(),
                illustrative: t.illustrative,
                source: t.source.clone(),
            });
        }
        transitions
    }

    fn tours(
        &mut self,
        raw: &RawDataset,
        dataset: &Dataset,
        node_ids: &Ids<'_>,
        source_ids: &Ids<'_>,
    ) -> Vec<Tour> {
        if raw.tours.is_empty() {
            return Vec::new();
        }
        let tour_ids = self.ids("tour", "/tours", &raw.tours, |t| &t.id);
        drop(tour_ids);
        let mut views = DrawnCache::new(dataset, self.views);
        raw.tours
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let base = format!("/tours/{i}");
                let what = format!("tour \"{}\"", t.id);
                let title = self.text(&t.title, At(&base, "title"), &what, Length::Name);
                let description = self.opt_text(&t.description, At(&base, "description"), &what, Length::Prose);
                if t.steps.is_empty() {
                    self.report(
                        Code::Empty,
                        &ptr(&base, "steps"),
                        format!("{what} has no steps"),
                        "add at least one step: a \"view\", the cards to \"spotlight\" and a \"caption\"",
                    );
                }
                let steps = t
                    .steps
                    .iter()
                    .enumerate()
                    .map(|(j, s)| {
                        let b = format!("{base}/steps/{j}");
                        let what = format!("{what}, step {}", j + 1);
                        self.tour_step(s, &b, &what, &mut views, node_ids, source_ids)
                    })
                    .collect();
                Tour {
                    id: t.id.clone(),
                    title,
                    description,
                    steps,
                }
            })
            .collect()
    }

    /// Checks one tour step: its view and focus, then that every card it spotlights,
    /// every link it lights and its camera's target are drawn in that view.
    fn tour_step(
        &mut self,
        s: &RawTourStep,
        base: &str,
        what: &str,
        views: &mut DrawnCache<'_>,
        node_ids: &Ids<'_>,
        source_ids: &Ids<'_>,
    ) -> TourStep {
        let view = self.step_view(s, base, what);
        self.step_focus(s, base, view, node_ids);
        // The focus counts only when it names a node; a bad one was reported above.
        let focus = s.focus.as_deref().filter(|f| node_ids.contains(f));
        let at = StepAt {
            base,
            what,
            view,
            focus,
        };
        for (k, id) in s.spotlight.iter().enumerate() {
            self.card(
                id,
                &format!("{base}/spotlight/{k}"),
                "spotlight",
                view,
                focus,
                views,
            );
        }
        let edges = self.lit_edges(s, &at, views);
        let camera = s.camera.as_ref().map(|c| self.camera(c, &at, views));
        self.opt_reference(source_ids, &s.source, At(base, "source"), "source");
        TourStep {
            view: view.unwrap_or(View::Org),
            focus: s.focus.clone(),
            spotlight: s.spotlight.clone(),
            edges,
            camera,
            caption: self.text(
                &s.caption,
                At(base, "caption"),
                &format!("the caption of {what}"),
                Length::Prose,
            ),
            notes: self.opt_text(
                &s.notes,
                At(base, "notes"),
                &format!("the notes of {what}"),
                Length::Prose,
            ),
            source: s.source.clone(),
        }
    }

    /// Reads a tour step's view, reporting a missing or unknown one (then `None`).
    fn step_view(&mut self, s: &RawTourStep, base: &str, what: &str) -> Option<View> {
        if s.view.trim().is_empty() {
            self.report(
                Code::Missing,
                &ptr(base, "view"),
                format!("{what} has no view"),
                format!("add \"view\": one of {}", view_list()),
            );
            return None;
        }
        let view = View::parse(&s.view);
        if view.is_none() {
            let names = Ids {
                what: "view",
                first: View::ALL.iter().map(|v| (v.as_str(), 0)).collect(),
                sorted: OnceCell::new(),
            };
            let near = names.sample(&s.view, true);
            let hint = if near.starts_with("did you mean") {
                format!("{near} The views are {}", view_list())
            } else {
                format!("use one of {}", view_list())
            };
            self.report(
                Code::BadValue,
                &ptr(base, "view"),
                format!("unknown view \"{}\"", s.view.escape_debug()),
                hint,
            );
        }
        view
    }

    /// Checks a tour step's focus: a node, and only in the relationships view (or
    /// in a step whose view is already reported).
    fn step_focus(&mut self, s: &RawTourStep, base: &str, view: Option<View>, node_ids: &Ids<'_>) {
        let Some(focus) = &s.focus else {
            return;
        };
        match view {
            Some(View::Relationships) | None => {
                self.reference(node_ids, focus, At(base, "focus"), "focus");
            }
            Some(v) => self.report(
                Code::BadValue,
                &ptr(base, "focus"),
                format!(
                    "\"focus\" applies to the relationships view only, not the {} view",
                    v.as_str()
                ),
                "remove \"focus\", or make this step's \"view\" \"relationships\"",
            ),
        }
    }

    /// Checks the links a tour step lights: both ends drawn in its view and joined
    /// there by a drawn link. Gives the links as written, sound or not.
    fn lit_edges(
        &mut self,
        s: &RawTourStep,
        at: &StepAt<'_>,
        views: &mut DrawnCache<'_>,
    ) -> Vec<(String, String)> {
        let (view, focus) = (at.view, at.focus);
        let mut edges = Vec::with_capacity(s.edges.len());
        for (k, e) in s.edges.iter().enumerate() {
            let b = format!("{}/edges/{k}", at.base);
            let from = self.card(&e.from, &ptr(&b, "from"), "from", view, focus, views);
            let to = self.card(&e.to, &ptr(&b, "to"), "to", view, focus, views);
            if let (true, true, Some(v)) = (from, to, view) {
                let drawn = views.get(v, focus);
                if !drawn.joins(&e.from, &e.to) {
                    let others = drawn.linked_to(&e.from);
                    let hint = if others.is_empty() {
                        format!(
                            "\"{}\" has no links in this view; remove this entry",
                            e.from
                        )
                    } else {
                        let shown: Vec<&str> = others.iter().take(6).copied().collect();
                        format!(
                            "\"{}\" is linked to {} here; light one of those links",
                            e.from,
                            quote_list(&shown)
                        )
                    };
                    self.report(
                        Code::NotInView,
                        &b,
                        format!(
                            "no link between \"{}\" and \"{}\" is drawn in the {}",
                            e.from,
                            e.to,
                            view_phrase(v, focus, views)
                        ),
                        hint,
                    );
                }
            }
            edges.push((e.from.clone(), e.to.clone()));
        }
        edges
    }

    /// Checks a tour step's camera: a target drawn in its view and a zoom within
    /// [`MIN_ZOOM`]..=[`MAX_ZOOM`] (clamped when outside, 1 when missing).
    fn camera(&mut self, c: &RawCamera, at: &StepAt<'_>, views: &mut DrawnCache<'_>) -> Camera {
        let b = ptr(at.base, "camera");
        self.card(
            &c.target,
            &ptr(&b, "target"),
            "target",
            at.view,
            at.focus,
            views,
        );
        let zoom = match c.zoom {
            None => {
                self.report(
                    Code::Missing,
                    &ptr(&b, "zoom"),
                    format!("the camera of {} has no zoom", at.what),
                    format!("add \"zoom\": {ZOOM_HINT}"),
                );
                1.0
            }
            Some(z) if !(MIN_ZOOM..=MAX_ZOOM).contains(&z) => {
                self.report(
                    Code::BadValue,
                    &ptr(&b, "zoom"),
                    format!("zoom {z} is out of range"),
                    format!("use {ZOOM_HINT}"),
                );
                z.clamp(MIN_ZOOM, MAX_ZOOM)
            }
            Some(z) => z,
        };
        Camera {
            target: c.target.clone(),
            zoom,
        }
    }

    /// Checks that `id` is a card the step's view draws. Returns whether it is.
    fn card(
        &mut self,
        id: &str,
        pointer: &str,
        field: &str,
        view: Option<View>,
        focus: Option<&str>,
        views: &mut DrawnCache<'_>,
    ) -> bool {
        if id.trim().is_empty() {
            self.report(
                Code::Missing,
                pointer,
                format!("\"{field}\" is empty"),
                "name the id of a card the step's view draws",
            );
            return false;
        }
        let Some(v) = view else {
            // The view is unknown (reported); only check that the id exists at all.
            if !views.known(id) && !self.full(Code::UnknownId) {
                let suggest = self.take_suggestion();
                let hint = views.near(id, None, suggest);
                self.report(
                    Code::UnknownId,
                    pointer,
                    format!("\"{field}\" refers to unknown id \"{id}\""),
                    hint,
                );
            }
            return false;
        };
        if views.get(v, focus).cards.contains(id) {
            return true;
        }
        if !views.known(id) {
            if self.full(Code::UnknownId) {
                return false;
            }
            let suggest = self.take_suggestion();
            let hint = views.near(id, Some((v, focus)), suggest);
            self.report(
                Code::UnknownId,
                pointer,
                format!("\"{field}\" refers to unknown id \"{id}\""),
                hint,
            );
            return false;
        }
        let elsewhere: Vec<&str> = View::ALL
            .into_iter()
            .filter(|&w| w != v)
            .filter(|&w| views.get(w, None).cards.contains(id))
            .map(View::as_str)
            .collect();
        let mut hint = match elsewhere.as_slice() {
            [] => "no other view draws it".to_owned(),
            [one] => format!("the {one} view draws it: make that this step's \"view\""),
            many => format!(
                "the {} views draw it: make one of them this step's \"view\"",
                and_list(many)
            ),
        };
        if v == View::Relationships {
            hint.push_str("; or set \"focus\" to a node it works with");
        }
        hint.push_str(", or name a card this view draws");
        self.report(
            Code::NotInView,
            pointer,
            format!(
                "\"{id}\" is not drawn in the {}",
                view_phrase(v, focus, views)
            ),
            hint,
        );
        false
    }

    /// Reports each circle in the hierarchy once, naming its members in order; when
    /// there is none, reports a hierarchy deeper than [`MAX_DEPTH`] levels.
    ///
    /// Iterative throughout: petgraph's `tarjan_scc` recurses once per level and
    /// overflowed the stack on a chain of 100,000 levels.
    fn cycles(&mut self, graph: &DiGraph<Node, Edge>, edge_entry: &[usize]) {
        let n = graph.node_count();
        let peeled = peel(graph);
        if peeled.taken == n {
            self.too_deep(graph, &peeled.level);
            return;
        }

        // The circles are the strongly connected components of what is left (with more
        // than one member: self-loops never reach the graph). filter_map keeps the
        // nodes' relative order, so sorting by index sorts in file order.
        let rest = graph.filter_map(
            |v, _| (peeled.parents_left[v.index()] > 0).then_some(v),
            |_, e| matches!(e, Edge::Hierarchy(_)).then_some(()),
        );
        let mut sccs = kosaraju_scc(&rest);
        sccs.retain(|c| c.len() > 1);
        // The components' order depends on the graph's shape; sort so messages are stable.
        for c in &mut sccs {
            c.sort_unstable();
        }
        sccs.sort_unstable();
        let mut walk = Walk {
            member: vec![false; rest.node_count()],
            on_path: vec![false; rest.node_count()],
        };
        for scc in sccs {
            if self.full(Code::Cycle) {
                continue;
            }
            let circle = walk.circle(&rest, &scc);
            self.circle(graph, &rest, &circle, edge_entry);
        }
    }

    /// Reports the deepest node when the hierarchy, free of circles, is deeper than
    /// [`MAX_DEPTH`]; `level` is each node's, as [`peel`] gives them.
    fn too_deep(&mut self, graph: &DiGraph<Node, Edge>, level: &[usize]) {
        // The first of the deepest nodes, so the message is stable.
        let deepest = (0..level.len()).rev().max_by_key(|&i| level[i]);
        if let Some(i) = deepest.filter(|&i| level[i] > MAX_DEPTH) {
            self.report(
                Code::TooLarge,
                &format!("/nodes/{i}"),
                format!(
                    "the hierarchy is {} levels deep down to \"{}\"; orgpath draws up to {MAX_DEPTH} levels",
                    level[i],
                    graph[NodeIndex::new(i)].id
                ),
                "check the parent column: a chain this long usually means each row names the row above it as its parent",
            );
        }
    }

    /// Reports one circle of the hierarchy (nodes of `rest`, in order from the top
    /// down) at the entry of its closing edge.
    fn circle(
        &mut self,
        graph: &DiGraph<Node, Edge>,
        rest: &DiGraph<NodeIndex, ()>,
        circle: &[NodeIndex],
        edge_entry: &[usize],
    ) {
        let names: Vec<&str> = circle.iter().map(|&m| graph[rest[m]].id.as_str()).collect();
        let last = circle[circle.len() - 1];
        let pointer = graph
            .find_edge(rest[last], rest[circle[0]])
            .and_then(|e| edge_entry.get(e.index()))
            .map_or_else(|| "/hierarchy".into(), |i| format!("/hierarchy/{i}"));
        // A circle through thousands of units is named by its start.
        let shown = if names.len() > 12 {
            format!(
                "{} → … {} more …",
                names[..10].join(" → "),
                names.len() - 10
            )
        } else {
            names.join(" → ")
        };
        // Edges run parent -> child, so the path reads from the top down.
        self.report(
            Code::Cycle,
            &pointer,
            format!(
                "the hierarchy goes round in a circle: {shown} → {}",
                names[0]
            ),
            "each of these is listed as a parent of the next; remove one of these parent links",
        );
    }

    fn flow(&mut self, f: &RawFlow, base: &str, node_ids: &Ids<'_>, source_ids: &Ids<'_>) -> Flow {
        let what = format!("flow \"{}\"", f.id);
        let label = self.text(&f.label, At(base, "label"), &what, Length::Name);
        let description = self.opt_text(
            &f.description,
            At(base, "description"),
            &what,
            Length::Prose,
        );
        let step_base = ptr(base, "steps");
        let step_ids = self.ids("step", &step_base, &f.steps, |s| &s.id);
        if f.steps.is_empty() {
            self.report(
                Code::Empty,
                &step_base,
                format!("{what} has no steps"),
                "add the steps of the flow in reading order",
            );
        }
        let steps = f
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let b = format!("{step_base}/{i}");
                let what = format!("step \"{}\"", s.id);
                self.opt_reference(node_ids, &s.actor, At(&b, "actor"), "actor");
                self.opt_reference(source_ids, &s.source, At(&b, "source"), "source");
                Step {
                    id: s.id.clone(),
                    label: self.text(&s.label, At(&b, "label"), &what, Length::Name),
                    description: self.opt_text(
                        &s.description,
                        At(&b, "description"),
                        &what,
                        Length::Prose,
                    ),
                    actor: s.actor.clone(),
                    illustrative: s.illustrative,
                    source: s.source.clone(),
                }
            })
            .collect();
        let links = f
            .links
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let b = format!("{base}/links/{i}");
                let ok = self.reference(&step_ids, &l.from, At(&b, "from"), "from")
                    & self.reference(&step_ids, &l.to, At(&b, "to"), "to");
                if ok && l.from == l.to {
                    self.report(
                        Code::SelfLoop,
                        &ptr(&b, "to"),
                        format!("flow link from step \"{}\" to itself", l.from),
                        "point \"to\" at the step that follows",
                    );
                }
                FlowLink {
                    from: l.from.clone(),
                    to: l.to.clone(),
                    kind: l.kind,
                    label: self.opt_text(&l.label, At(&b, "label"), "a flow link", Length::Name),
                }
            })
            .collect();
        let example_ids = self.ids("example", &ptr(base, "examples"), &f.examples, |e| &e.id);
        drop(example_ids);
        let examples = f
            .examples
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let b = format!("{base}/examples/{i}");
                let what = format!("example \"{}\"", e.id);
                for (j, s) in e.path.iter().enumerate() {
                    self.reference(&step_ids, s, &format!("{b}/path/{j}"), "path");
                }
                self.opt_reference(source_ids, &e.source, At(&b, "source"), "source");
                Example {
                    id: e.id.clone(),
                    label: self.text(&e.label, At(&b, "label"), &what, Length::Name),
                    description: self.text(
                        &e.description,
                        At(&b, "description"),
                        &what,
                        Length::Prose,
                    ),
                    path: e.path.clone(),
                    source: e.source.clone(),
                }
            })
            .collect();
        Flow {
            id: f.id.clone(),
            label,
            description,
            steps,
            links,
            examples,
        }
    }
}

/// The hierarchy taken away from the roots down (see [`peel`]).
struct Peeled {
    /// Each node's parents not taken away: non-zero for the circles and what hangs
    /// below them.
    parents_left: Vec<u32>,
    /// Each node's level (its longest path from a root, a root being level 1), for
    /// the nodes taken away.
    level: Vec<usize>,
    /// How many nodes were taken away: all of them when there is no circle.
    taken: usize,
}

/// Kahn's algorithm: takes away every node whose parents are all taken. What is left
/// is the circles and whatever hangs below them; on the way, each node's level comes
/// for free.
fn peel(graph: &DiGraph<Node, Edge>) -> Peeled {
    let n = graph.node_count();
    let is_hierarchy =
        |e: &petgraph::graph::EdgeReference<'_, Edge>| matches!(e.weight(), Edge::Hierarchy(_));
    let mut parents_left = vec![0u32; n];
    for e in graph.edge_references().filter(is_hierarchy) {
        parents_left[e.target().index()] += 1;
    }
    let mut level = vec![1usize; n];
    let mut ready: Vec<NodeIndex> = graph
        .node_indices()
        .filter(|v| parents_left[v.index()] == 0)
        .collect();
    let mut taken = 0;
    while let Some(v) = ready.pop() {
        taken += 1;
        for e in graph
            .edges_directed(v, Direction::Outgoing)
            .filter(is_hierarchy)
        {
            let c = e.target().index();
            level[c] = level[c].max(level[v.index()] + 1);
            parents_left[c] -= 1;
            if parents_left[c] == 0 {
                ready.push(e.target());
            }
        }
    }
    Peeled {
        parents_left,
        level,
        taken,
    }
}

/// Marks kept from one component's walk to the next, so each walk costs its own
/// size, not the graph's.
struct Walk {
    member: Vec<bool>,
    on_path: Vec<bool>,
}

impl Walk {
    /// One circle through a strongly connected component `scc` of `rest`: walks from
    /// its first member, always to the first member inside it, until the walk meets
    /// itself.
    fn circle(&mut self, rest: &DiGraph<NodeIndex, ()>, scc: &[NodeIndex]) -> Vec<NodeIndex> {
        for &m in scc {
            self.member[m.index()] = true;
        }
        let mut path = vec![scc[0]];
        self.on_path[scc[0].index()] = true;
        let mut closes_at = scc[0];
        while let Some(next) = rest
            .neighbors(*path.last().unwrap_or(&scc[0]))
            .filter(|m| self.member[m.index()])
            .min()
        {
            if self.on_path[next.index()] {
                closes_at = next;
                break;
            }
            self.on_path[next.index()] = true;
            path.push(next);
        }
        for &m in scc {
            self.member[m.index()] = false;
            self.on_path[m.index()] = false;
        }
        // The walk may close on a later member than the first: the circle starts there.
        let from = path.iter().position(|&m| m == closes_at).unwrap_or(0);
        path.split_off(from)
    }
}

/// Tour camera zoom limits.
pub const MIN_ZOOM: f32 = 0.25;
pub const MAX_ZOOM: f32 = 4.0;
const ZOOM_HINT: &str =
    "a zoom from 0.25 (far out) to 4 (close in); 1 draws the diagram at the projector's type size";

fn view_list() -> String {
    let names: Vec<&str> = View::ALL.iter().map(|v| v.as_str()).collect();
    quote_list(&names)
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "relationships view around \"css\"", "career view".
fn view_phrase(view: View, focus: Option<&str>, views: &DrawnCache<'_>) -> String {
    if view == View::Relationships {
        if let Some(f) = views.drawings.focal(views.dataset, focus) {
            return format!("relationships view around \"{f}\"");
        }
    }
    format!("{} view", view.as_str())
}

/// What each view draws, worked out once per (view, focus).
struct DrawnCache<'d> {
    dataset: &'d Dataset,
    drawings: &'d dyn Drawings,
    drawn: HashMap<(View, Option<String>), Drawn>,
}

impl<'d> DrawnCache<'d> {
    fn new(dataset: &'d Dataset, drawings: &'d dyn Drawings) -> Self {
        DrawnCache {
            dataset,
            drawings,
            drawn: HashMap::new(),
        }
    }

    fn get(&mut self, view: View, focus: Option<&str>) -> &Drawn {
        // Only the relationship map depends on the focus.
        let focus = focus.filter(|_| view == View::Relationships);
        let (dataset, drawings) = (self.dataset, self.drawings);
        self.drawn
            .entry((view, focus.map(str::to_owned)))
            .or_insert_with(|| drawings.drawn(dataset, view, focus))
    }

    /// A node or a step of any flow.
    fn known(&self, id: &str) -> bool {
        self.dataset.node(id).is_some()
            || self
                .dataset
                .flows()
                .iter()
                .any(|f| f.steps.iter().any(|s| s.id == id))
    }

    /// A hint for an unknown id: near matches among the cards of the step's view, or
    /// among every node and step when the view is unknown.
    fn near(&mut self, id: &str, view: Option<(View, Option<&str>)>, suggest: bool) -> String {
        let dataset = self.dataset;
        let all: Vec<String> = match view {
            Some((v, focus)) => self.get(v, focus).cards.iter().cloned().collect(),
            None => dataset
                .nodes()
                .map(|n| n.id.clone())
                .chain(
                    dataset
                        .flows()
                        .iter()
                        .flat_map(|f| f.steps.iter().map(|s| s.id.clone())),
                )
                .collect(),
        };
        let ids = Ids {
            what: "card",
            first: all.iter().map(|k| (k.as_str(), 0)).collect(),
            sorted: OnceCell::new(),
        };
        let sample = ids.sample(id, suggest);
        match view {
            Some((v, _)) if !sample.starts_with("did you mean") => {
                format!("{sample} (cards the {} view draws)", v.as_str())
            }
            _ => sample,
        }
    }
}

/// An id as a message shows it (see [`orgpath_model::problem::shown`]).
fn shown(value: &str) -> String {
    orgpath_model::problem::shown(value).into_owned()
}
