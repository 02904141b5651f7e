//! The built-in dataset (`data/orgpath.json`) holds everything CONTENT.md asks for.
//!
//! `ITEMS` mirrors CONTENT.md item by item, in its order: each entry names what must
//! exist for that item (nodes, hierarchy edges, relations, tracks, capabilities,
//! transitions, flow steps, links and examples). The test walks the whole list and
//! fails once, naming every missing or incomplete item, so a content gap is fixed in
//! one pass rather than one failure at a time.
//!
//! Everything CONTENT.md lists is stated by the article, so every required item must
//! also carry Japanese and English text, cite a passage, and not be flagged
//! illustrative. The items the dataset adds for the diagram alone (level names on the
//! career tracks) are listed in `ILLUSTRATIVE`, and must be flagged.

use std::collections::BTreeSet;
use std::path::Path;

use orgpath_explore::raw::{
    FlowLinkKind, HierarchyKind, NodeKind, RawDataset, RawText, TransitionKind,
};

/// The one flow CONTENT.md asks for.
const FLOW: &str = "inquiry-flow";

/// One thing a CONTENT.md item needs in the dataset.
enum Need {
    /// A node with this id and kind.
    Node(&'static str, NodeKind),
    /// A `part_of` hierarchy edge: child, parent.
    PartOf(&'static str, &'static str),
    /// A node with no parent (outside the organisation, or its top).
    Root(&'static str),
    /// A relation: from, kind, to.
    Relation(&'static str, &'static str, &'static str),
    /// A career track.
    Track(&'static str),
    /// A career stage on a track: stage id, track id.
    OnTrack(&'static str, &'static str),
    /// Something the work builds, cited by at least one transition.
    Capability(&'static str),
    /// A career transition: from, to, kind.
    Transition(&'static str, &'static str, TransitionKind),
    /// Steps of the inquiry flow.
    Steps(&'static [&'static str]),
    /// Who performs a step of the inquiry flow: step, node.
    Actor(&'static str, &'static str),
    /// A link of the inquiry flow: from, to, kind.
    Link(&'static str, &'static str, FlowLinkKind),
    /// A worked example of the inquiry flow, with its path of steps.
    Example(&'static str, &'static [&'static str]),
}

use Need::*;

/// One item of CONTENT.md and what it needs.
struct Item {
    content: &'static str,
    needs: &'static [Need],
}

const ITEMS: &[Item] = &[
    // ## Organisation (hierarchy)
    // - Microsoft
    Item {
        content: "Microsoft",
        needs: &[Node("microsoft", NodeKind::Organisation), Root("microsoft")],
    },
    // - CSS (Customer Service & Support): support engineers in 191 countries
    Item {
        content: "CSS (Customer Service & Support)",
        needs: &[
            Node("css", NodeKind::Department),
            PartOf("css", "microsoft"),
        ],
    },
    // - Azure PaaS support team (Microsoft Japan), two sub-teams
    Item {
        content: "Azure PaaS support team (Microsoft Japan)",
        needs: &[
            Node("paas-team", NodeKind::Team),
            PartOf("paas-team", "css"),
        ],
    },
    // - App Service POD: Azure App Service
    Item {
        content: "App Service POD",
        needs: &[
            Node("app-service-pod", NodeKind::Team),
            PartOf("app-service-pod", "paas-team"),
        ],
    },
    // - Developer POD: API Management, Azure Batch, Blob Storage
    Item {
        content: "Developer POD",
        needs: &[
            Node("developer-pod", NodeKind::Team),
            PartOf("developer-pod", "paas-team"),
        ],
    },
    // - Other support teams, e.g. the database support team (SQL Database)
    Item {
        content: "Other support teams, e.g. the database support team",
        needs: &[
            Node("database-team", NodeKind::Team),
            PartOf("database-team", "css"),
        ],
    },
    // - US headquarters product groups (development divisions)
    Item {
        content: "US headquarters product groups",
        needs: &[
            Node("hq-product-groups", NodeKind::Department),
            PartOf("hq-product-groups", "microsoft"),
        ],
    },
    // - Sales-side roles: CE, CSA, CSAM, STU, ATU, GPS
    Item {
        content: "Sales-side roles: CE, CSA, CSAM, STU, ATU, GPS",
        needs: &[
            Node("sales", NodeKind::Department),
            PartOf("sales", "microsoft"),
            Node("ce", NodeKind::Role),
            PartOf("ce", "sales"),
            Node("csa", NodeKind::Role),
            PartOf("csa", "sales"),
            Node("csam", NodeKind::Role),
            PartOf("csam", "sales"),
            // The article calls STU and ATU sales teams.
            Node("stu", NodeKind::Team),
            PartOf("stu", "sales"),
            Node("atu", NodeKind::Team),
            PartOf("atu", "sales"),
            Node("gps", NodeKind::Role),
            PartOf("gps", "sales"),
        ],
    },
    // - Marketing-side roles: PMM, CMO
    Item {
        content: "Marketing-side roles: PMM, CMO",
        needs: &[
            Node("marketing", NodeKind::Department),
            PartOf("marketing", "microsoft"),
            Node("pmm", NodeKind::Role),
            PartOf("pmm", "marketing"),
            // Central Marketing Org.: an organisation, not a job.
            Node("cmo", NodeKind::Department),
            PartOf("cmo", "marketing"),
        ],
    },
    // - Customers (outside Microsoft) and partner companies (Microsoft sells through them)
    Item {
        content: "Customers and partner companies",
        needs: &[
            Node("customers", NodeKind::External),
            Root("customers"),
            Node("partners", NodeKind::External),
            Root("partners"),
            Relation("microsoft", "sells_through", "partners"),
        ],
    },
    // ## Relationships with CSS
    // - US HQ product groups: questions, customer voice, defects; PaaS works with them often
    Item {
        content: "Relationship: US HQ product groups",
        needs: &[
            Relation("css", "asks_questions", "hq-product-groups"),
            Relation("css", "feeds_back", "hq-product-groups"),
            Relation("css", "reports_defects", "hq-product-groups"),
            Relation("paas-team", "works_closely_with", "hq-product-groups"),
        ],
    },
    // - CE: delivers premier support; asks CSS about products and implementation
    Item {
        content: "Relationship: CE (Customer Engineer)",
        needs: &[
            Relation("ce", "supports", "customers"),
            Relation("ce", "asks_questions", "css"),
        ],
    },
    // - CSA: drives cloud adoption; goes through CSS to ask the HQ product groups
    Item {
        content: "Relationship: CSA (Cloud Solution Architect)",
        needs: &[Relation("csa", "goes_through", "css")],
    },
    // - CSAM: discusses projects and plans; CSS works with CSAM, ATU, STU on high-impact problems
    Item {
        content: "Relationship: CSAM (Customer Success Account Manager)",
        needs: &[
            Relation("csam", "discusses_plans", "customers"),
            Relation("css", "collaborates_on_incidents", "csam"),
            Relation("css", "collaborates_on_incidents", "atu"),
            Relation("css", "collaborates_on_incidents", "stu"),
        ],
    },
    // - STU: asks CSS product questions
    Item {
        content: "Relationship: STU (Specialist Team Unit)",
        needs: &[Relation("stu", "asks_questions", "css")],
    },
    // - ATU: the sales team that owns a customer account
    Item {
        content: "Relationship: ATU (Account Team Unit)",
        needs: &[
            Relation("atu", "sells_to", "customers"),
            Relation("css", "collaborates_on_incidents", "atu"),
        ],
    },
    // - GPS: sales to partner companies; asks CSS product questions
    Item {
        content: "Relationship: GPS (Global Partner Solutions)",
        needs: &[
            Relation("gps", "sells_to", "partners"),
            Relation("gps", "asks_questions", "css"),
        ],
    },
    // - PMM: asks for event talks and books
    Item {
        content: "Relationship: PMM (Product Marketing Manager)",
        needs: &[Relation("pmm", "requests_talks", "css")],
    },
    // - CMO: asks for internal event talks
    Item {
        content: "Relationship: CMO (Central Marketing Org.)",
        needs: &[Relation("cmo", "requests_talks", "css")],
    },
    // - Customers: send inquiries to CSS by email and phone
    Item {
        content: "Relationship: customers",
        needs: &[
            Relation("customers", "sends_inquiries", "css"),
            Relation("css", "supports", "customers"),
        ],
    },
    // - Other CSS teams and the global CSS community: split / hand over; global product
    //   consultation meetings; the optional daily Asia-Pacific meeting
    Item {
        content: "Relationship: other CSS teams and the global CSS community",
        needs: &[
            Relation("css", "hands_over", "database-team"),
            Node("global-css", NodeKind::Team),
            PartOf("global-css", "css"),
            Relation("css", "consults", "global-css"),
            Node("apac-meeting", NodeKind::Team),
            PartOf("apac-meeting", "global-css"),
            Relation("css", "consults", "apac-meeting"),
        ],
    },
    // ## How an inquiry is handled
    // Customer inquiry -> support engineer -> documentation -> reproduce -> logs -> answer
    Item {
        content: "Inquiry flow: the main sequence",
        needs: &[
            Steps(&[
                "inquiry",
                "receive",
                "check-docs",
                "reproduce",
                "read-logs",
                "answer",
            ]),
            Actor("inquiry", "customers"),
            Actor("receive", "paas-team"),
            Link("inquiry", "receive", FlowLinkKind::Next),
            Link("receive", "check-docs", FlowLinkKind::Next),
            Link("check-docs", "reproduce", FlowLinkKind::Next),
            Link("reproduce", "read-logs", FlowLinkKind::Next),
            Link("read-logs", "answer", FlowLinkKind::Next),
        ],
    },
    // Along the way: team chat and meetings -> global consultation -> split or hand over
    Item {
        content: "Inquiry flow: consulting along the way",
        needs: &[
            Steps(&["team-consult", "global-consult", "hand-over"]),
            Actor("global-consult", "global-css"),
            Link("receive", "team-consult", FlowLinkKind::Branch),
            Link("team-consult", "global-consult", FlowLinkKind::Branch),
            Link("team-consult", "hand-over", FlowLinkKind::Branch),
        ],
    },
    // Example: restricting which domains can call API Management
    Item {
        content: "Example inquiry: API Management domains",
        needs: &[Example(
            "example-apim-domains",
            &["inquiry", "receive", "check-docs", "reproduce", "answer"],
        )],
    },
    // Example: an error on an HTTP request
    Item {
        content: "Example inquiry: HTTP request error",
        needs: &[Example(
            "example-http-error",
            &["inquiry", "receive", "read-logs", "answer"],
        )],
    },
    // Example: a sudden rise in a storage account's cost
    Item {
        content: "Example inquiry: storage account cost",
        needs: &[Example(
            "example-storage-cost",
            &["inquiry", "receive", "reproduce", "answer"],
        )],
    },
    // ## Career path
    // - Entry: new graduates and mid-career hires
    Item {
        content: "Career: entry (new graduates and mid-career hires)",
        needs: &[
            Node("stage-entry", NodeKind::CareerStage),
            Transition("stage-entry", "stage-learning", TransitionKind::Entry),
        ],
    },
    // - Learning: training; after passing it, real inquiries from the first year
    Item {
        content: "Career: learning",
        needs: &[
            Node("stage-learning", NodeKind::CareerStage),
            Transition(
                "stage-learning",
                "stage-support-engineer",
                TransitionKind::Promotion,
            ),
        ],
    },
    // - Support engineer
    Item {
        content: "Career: support engineer",
        needs: &[Node("stage-support-engineer", NodeKind::CareerStage)],
    },
    // - Two tracks: technical specialist and management
    Item {
        content: "Career: the specialist and management tracks",
        needs: &[
            Track("specialist"),
            Track("management"),
            Node("stage-specialist", NodeKind::CareerStage),
            OnTrack("stage-specialist", "specialist"),
            Node("stage-manager", NodeKind::CareerStage),
            OnTrack("stage-manager", "management"),
            Transition(
                "stage-support-engineer",
                "stage-specialist",
                TransitionKind::TrackChoice,
            ),
            Transition(
                "stage-support-engineer",
                "stage-manager",
                TransitionKind::TrackChoice,
            ),
        ],
    },
    // - Moves out of CSS: to other roles such as CSA, or to the product groups
    Item {
        content: "Career: moves out of CSS",
        needs: &[
            Transition("stage-support-engineer", "csa", TransitionKind::RoleMove),
            Transition(
                "stage-support-engineer",
                "hq-product-groups",
                TransitionKind::RoleMove,
            ),
        ],
    },
    // - What the work builds
    Item {
        content: "Career: what the work builds",
        needs: &[
            Capability("cap-current-tech"),
            Capability("cap-daily-variety"),
            Capability("cap-teamwork"),
            Capability("cap-communication"),
            Capability("cap-global"),
            Capability("cap-hands-on"),
        ],
    },
];

/// Items the article does not state, added for the diagram: the level names on the
/// two career tracks and the promotions to them. These, and only these, are flagged
/// illustrative. Written as `illustrative_items` names them.
const ILLUSTRATIVE: &[&str] = &[
    "node stage-senior-specialist",
    "node stage-senior-manager",
    "transition stage-specialist -> stage-senior-specialist",
    "transition stage-manager -> stage-senior-manager",
];

fn dataset() -> RawDataset {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../data/orgpath.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str::<RawDataset>(&text)
        .unwrap_or_else(|e| panic!("{} does not deserialise: {e}", path.display()))
}

/// Text that the model holds either as required or as optional: the checks below read
/// both the same way, so they do not depend on which fields the model makes optional.
trait MaybeText {
    fn maybe_text(&self) -> Option<&RawText>;
}

impl MaybeText for RawText {
    fn maybe_text(&self) -> Option<&RawText> {
        Some(self)
    }
}

impl MaybeText for Option<RawText> {
    fn maybe_text(&self) -> Option<&RawText> {
        self.as_ref()
    }
}

fn filled(text: &RawText) -> bool {
    let ok = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
    ok(&text.ja) && ok(&text.en)
}

/// Collects the problems of one content item.
struct Check<'a> {
    data: &'a RawDataset,
    sources: BTreeSet<&'a str>,
    item: &'static str,
    problems: Vec<String>,
}

impl<'a> Check<'a> {
    fn fail(&mut self, what: String) {
        self.problems.push(format!("[{}] {what}", self.item));
    }

    fn text(&mut self, what: &str, field: &str, text: Option<&RawText>) {
        match text {
            Some(t) if filled(t) => {}
            Some(_) => self.fail(format!("{what}: {field} lacks ja or en text")),
            None => self.fail(format!("{what}: no {field}")),
        }
    }

    /// A stated item: cites a passage that exists, and is not flagged illustrative.
    fn stated(&mut self, what: &str, source: Option<&str>, illustrative: bool) {
        if illustrative {
            self.fail(format!(
                "{what} is stated by the article but flagged illustrative"
            ));
        }
        match source {
            Some(s) if self.sources.contains(s) => {}
            Some(s) => self.fail(format!("{what} cites unknown source {s}")),
            None => self.fail(format!("{what} cites no source")),
        }
    }

    /// Checks one need of the organisation; the career's and the flow's go on in
    /// [`Self::need_career_or_flow`].
    fn need(&mut self, need: &Need) {
        let data = self.data;
        match *need {
            Node(id, kind) => {
                let what = format!("node {id} ({kind:?})");
                match data.nodes.iter().find(|n| n.id == id) {
                    None => self.fail(format!("missing {what}")),
                    Some(n) => {
                        if n.kind != Some(kind) {
                            self.fail(format!("{what} has kind {:?}", n.kind));
                        }
                        self.text(&what, "label", n.label.maybe_text());
                        self.text(&what, "description", n.description.maybe_text());
                        if let Some(text) = n.short.maybe_text() {
                            self.text(&what, "short", Some(text));
                        }
                        if let Some(text) = n.title.maybe_text() {
                            self.text(&what, "title", Some(text));
                        }
                        self.stated(&what, n.source.as_deref(), n.illustrative);
                    }
                }
            }
            PartOf(child, parent) => {
                let found = data.hierarchy.iter().any(|h| {
                    h.child == child && h.parent == parent && h.kind == HierarchyKind::PartOf
                });
                if !found {
                    self.fail(format!("missing hierarchy edge {child} part_of {parent}"));
                }
            }
            Root(id) => {
                if let Some(h) = data.hierarchy.iter().find(|h| h.child == id) {
                    self.fail(format!("{id} should have no parent, has {}", h.parent));
                }
            }
            Relation(from, kind, to) => {
                let what = format!("relation {from} -{kind}-> {to}");
                match data
                    .relations
                    .iter()
                    .find(|r| r.from == from && r.kind == kind && r.to == to)
                {
                    None => self.fail(format!("missing {what}")),
                    Some(r) => {
                        match data.relation_kinds.iter().find(|k| k.id == kind) {
                            Some(k) => self.text(&what, "kind label", k.label.maybe_text()),
                            None => {
                                self.fail(format!("{what}: kind {kind} is not in relation_kinds"))
                            }
                        }
                        if let Some(text) = r.label.maybe_text() {
                            self.text(&what, "label", Some(text));
                        }
                        self.text(&what, "description", r.description.maybe_text());
                        self.stated(&what, r.source.as_deref(), r.illustrative);
                    }
                }
            }
            _ => self.need_career_or_flow(need),
        }
    }

    /// Checks one need of the career paths or the inquiry flow.
    fn need_career_or_flow(&mut self, need: &Need) {
        let data = self.data;
        let flow = data.flows.iter().find(|f| f.id == FLOW);
        match *need {
            Track(id) => {
                let what = format!("track {id}");
                match data.career.tracks.iter().find(|t| t.id == id) {
                    None => self.fail(format!("missing {what}")),
                    Some(t) => {
                        self.text(&what, "label", t.label.maybe_text());
                        self.text(&what, "description", t.description.maybe_text());
                        // Tracks cannot be flagged: both come from the article.
                        self.stated(&what, t.source.as_deref(), false);
                    }
                }
            }
            OnTrack(stage, track) => {
                let on = data
                    .nodes
                    .iter()
                    .find(|n| n.id == stage)
                    .and_then(|n| n.track.as_deref());
                if on != Some(track) {
                    self.fail(format!(
                        "stage {stage} should be on track {track}, is on {on:?}"
                    ));
                }
            }
            Capability(id) => {
                let what = format!("capability {id}");
                match data.career.capabilities.iter().find(|c| c.id == id) {
                    None => self.fail(format!("missing {what}")),
                    Some(c) => {
                        self.text(&what, "label", c.label.maybe_text());
                        self.text(&what, "description", c.description.maybe_text());
                        self.stated(&what, c.source.as_deref(), c.illustrative);
                        if !data
                            .career
                            .transitions
                            .iter()
                            .any(|t| t.builds.iter().any(|b| b == id))
                        {
                            self.fail(format!("{what} is built by no transition"));
                        }
                    }
                }
            }
            Transition(from, to, kind) => {
                let what = format!("transition {from} -> {to} ({kind:?})");
                match data
                    .career
                    .transitions
                    .iter()
                    .find(|t| t.from == from && t.to == to)
                {
                    None => self.fail(format!("missing {what}")),
                    Some(t) => {
                        if t.kind != Some(kind) {
                            self.fail(format!("{what} has kind {:?}", t.kind));
                        }
                        self.text(&what, "label", t.label.maybe_text());
                        self.stated(&what, t.source.as_deref(), t.illustrative);
                    }
                }
            }
            Steps(ids) => {
                for &id in ids {
                    let what = format!("step {FLOW}/{id}");
                    match flow.and_then(|f| f.steps.iter().find(|s| s.id == id)) {
                        None => self.fail(format!("missing {what}")),
                        Some(s) => {
                            self.text(&what, "label", s.label.maybe_text());
                            self.text(&what, "description", s.description.maybe_text());
                            self.stated(&what, s.source.as_deref(), s.illustrative);
                        }
                    }
                }
            }
            Actor(step, actor) => {
                let found = flow.and_then(|f| f.steps.iter().find(|s| s.id == step));
                if found.and_then(|s| s.actor.as_deref()) != Some(actor) {
                    self.fail(format!("step {FLOW}/{step} should be performed by {actor}"));
                }
            }
            Link(from, to, kind) => {
                let found = flow.is_some_and(|f| {
                    f.links
                        .iter()
                        .any(|l| l.from == from && l.to == to && l.kind == kind)
                });
                if !found {
                    self.fail(format!("missing {kind:?} link {FLOW}/{from} -> {to}"));
                }
            }
            Example(id, path) => {
                let what = format!("example {FLOW}/{id}");
                match flow.and_then(|f| f.examples.iter().find(|e| e.id == id)) {
                    None => self.fail(format!("missing {what}")),
                    Some(e) => {
                        self.text(&what, "label", e.label.maybe_text());
                        self.text(&what, "description", e.description.maybe_text());
                        self.stated(&what, e.source.as_deref(), false);
                        if e.path != path {
                            self.fail(format!("{what} has path {:?}, expected {path:?}", e.path));
                        }
                    }
                }
            }
            Node(..) | PartOf(..) | Root(..) | Relation(..) => unreachable!("checked by need"),
        }
    }
}

#[test]
fn the_dataset_holds_every_content_item() {
    let data = dataset();
    assert_eq!(data.format, orgpath_explore::raw::FORMAT);
    let sources = data.sources.iter().map(|p| p.id.as_str()).collect();
    let mut check = Check {
        data: &data,
        sources,
        item: "",
        problems: Vec::new(),
    };
    for item in ITEMS {
        check.item = item.content;
        for need in item.needs {
            check.need(need);
        }
    }
    check.item = "meta";
    check.text("meta", "title", data.meta.title.maybe_text());
    check.text("meta", "description", data.meta.description.maybe_text());
    assert!(
        check.problems.is_empty(),
        "{} problem(s) with the built-in dataset against CONTENT.md:\n  {}",
        check.problems.len(),
        check.problems.join("\n  ")
    );
}

/// Every flagged item in the dataset, named as in `ILLUSTRATIVE`.
fn illustrative_items(data: &RawDataset) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    out.extend(
        data.nodes
            .iter()
            .filter(|n| n.illustrative)
            .map(|n| format!("node {}", n.id)),
    );
    out.extend(
        data.relations
            .iter()
            .filter(|r| r.illustrative)
            .map(|r| format!("relation {} -{}-> {}", r.from, r.kind, r.to)),
    );
    out.extend(
        data.career
            .capabilities
            .iter()
            .filter(|c| c.illustrative)
            .map(|c| format!("capability {}", c.id)),
    );
    out.extend(
        data.career
            .transitions
            .iter()
            .filter(|t| t.illustrative)
            .map(|t| format!("transition {} -> {}", t.from, t.to)),
    );
    for flow in &data.flows {
        out.extend(
            flow.steps
                .iter()
                .filter(|s| s.illustrative)
                .map(|s| format!("step {}/{}", flow.id, s.id)),
        );
    }
    out
}

#[test]
fn only_what_the_article_does_not_state_is_illustrative() {
    let data = dataset();
    let mut problems = Vec::new();

    let flagged = illustrative_items(&data);
    let expected: BTreeSet<String> = ILLUSTRATIVE.iter().map(|s| s.to_string()).collect();
    for item in expected.difference(&flagged) {
        problems.push(format!(
            "{item} is not stated by the article but not flagged illustrative (or missing)"
        ));
    }
    for item in flagged.difference(&expected) {
        problems.push(format!(
            "{item} is flagged illustrative but not listed as an addition"
        ));
    }

    // A career stage CONTENT.md does not name is a diagram addition, so it must be flagged.
    let named: BTreeSet<&str> = ITEMS
        .iter()
        .flat_map(|i| i.needs)
        .filter_map(|n| match n {
            Node(id, NodeKind::CareerStage) => Some(*id),
            _ => None,
        })
        .collect();
    for n in &data.nodes {
        if n.kind == Some(NodeKind::CareerStage)
            && !named.contains(n.id.as_str())
            && !n.illustrative
        {
            problems.push(format!(
                "career stage {} is not in CONTENT.md but not flagged illustrative",
                n.id
            ));
        }
        // Illustrative stages still need text: the app shows them with an "example" badge.
        if n.illustrative
            && !(n.label.maybe_text().is_some_and(filled)
                && n.description.maybe_text().is_some_and(filled))
        {
            problems.push(format!("illustrative node {} lacks ja or en text", n.id));
        }
    }
    for t in data.career.transitions.iter().filter(|t| t.illustrative) {
        if !t.label.maybe_text().is_some_and(filled) {
            problems.push(format!(
                "illustrative transition {} -> {} lacks ja or en label",
                t.from, t.to
            ));
        }
    }

    assert!(
        problems.is_empty(),
        "illustrative flags are wrong:\n  {}",
        problems.join("\n  ")
    );
}

/// The built-in tours (issue 5): id, the view every step shows, and what the tour
/// must spotlight along the way.
const TOURS: &[(&str, &str, &[&str])] = &[
    // Who CSS works with, and why: each group of the relationship map.
    (
        "css-relationships",
        "relationships",
        &[
            "customers",
            "partners",
            "hq-product-groups",
            "ce",
            "csa",
            "csam",
            "stu",
            "atu",
            "gps",
            "pmm",
            "cmo",
            "database-team",
            "global-css",
            "apac-meeting",
        ],
    ),
    // How a customer's inquiry gets solved: every step of the flow.
    (
        "inquiry-journey",
        "flow",
        &[
            "inquiry",
            "receive",
            "check-docs",
            "reproduce",
            "read-logs",
            "answer",
            "team-consult",
            "global-consult",
            "hand-over",
        ],
    ),
    // A career at CSS and its two tracks: entry to the tracks, and the moves out.
    (
        "career-tracks",
        "career",
        &[
            "stage-entry",
            "stage-learning",
            "stage-support-engineer",
            "stage-specialist",
            "stage-manager",
            "stage-senior-specialist",
            "stage-senior-manager",
            "csa",
            "hq-product-groups",
        ],
    ),
];

#[test]
fn the_builtin_tours_hold_what_issue_5_asks_for() {
    let data = dataset();
    let sources: BTreeSet<&str> = data.sources.iter().map(|p| p.id.as_str()).collect();
    let illustrative: BTreeSet<&str> = data
        .nodes
        .iter()
        .filter(|n| n.illustrative)
        .map(|n| n.id.as_str())
        .collect();
    let mut problems = Vec::new();
    for &(id, view, must) in TOURS {
        let Some(tour) = data.tours.iter().find(|t| t.id == id) else {
            problems.push(format!("missing tour {id}"));
            continue;
        };
        if !filled(&tour.title) || !tour.description.as_ref().is_some_and(filled) {
            problems.push(format!("{id}: title or description lacks ja or en"));
        }
        if !(5..=9).contains(&tour.steps.len()) {
            problems.push(format!("{id}: {} steps, not 5 to 9", tour.steps.len()));
        }
        let mut lit = BTreeSet::new();
        for (i, s) in tour.steps.iter().enumerate() {
            let what = format!("{id} step {}", i + 1);
            if s.view != view {
                problems.push(format!("{what}: view {}, not {view}", s.view));
            }
            if !filled(&s.caption) || !s.notes.as_ref().is_some_and(filled) {
                problems.push(format!("{what}: caption or notes lack ja or en"));
            }
            // A step cites the article, unless it is about what the article does not say.
            let about_examples = s
                .spotlight
                .iter()
                .any(|x| illustrative.contains(x.as_str()));
            match &s.source {
                Some(src) if !sources.contains(src.as_str()) => {
                    problems.push(format!("{what}: cites unknown source {src}"))
                }
                None if !about_examples => problems.push(format!("{what}: cites no source")),
                _ => {}
            }
            lit.extend(s.spotlight.iter().map(String::as_str));
        }
        for m in must {
            if !lit.contains(m) {
                problems.push(format!("{id}: no step spotlights {m}"));
            }
        }
    }
    // The inquiry tour walks through each of the article's three examples: one step
    // follows the example (spotlighting its path, lighting its route) and cites the
    // example's passage.
    let flow = data.flows.iter().find(|f| f.id == FLOW).unwrap();
    let inquiry = data.tours.iter().find(|t| t.id == "inquiry-journey");
    for e in &flow.examples {
        let shown = inquiry.is_some_and(|t| {
            t.steps
                .iter()
                .any(|s| s.example.as_ref() == Some(&e.id) && s.source == e.source)
        });
        if !shown {
            problems.push(format!("inquiry-journey: no step shows example {}", e.id));
        }
    }
    assert!(
        problems.is_empty(),
        "the built-in tours:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn every_builtin_tour_step_draws_and_its_caption_fits_the_slide_whole() {
    use orgpath_explore::render::slide::{caption_layout, Layout};
    use orgpath_explore::scene::{Lang, TypeScale};
    use orgpath_explore::views::SceneOptions;

    // Loading validates every step against the views (ids drawn, links drawn, zoom).
    let d = orgpath_explore::builtin().unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(d.tours().len(), TOURS.len());
    let mut problems = Vec::new();
    for tour in d.tours() {
        for (i, s) in tour.steps.iter().enumerate() {
            for lang in [Lang::Ja, Lang::En] {
                let mut options = SceneOptions::new(lang);
                options.scale = TypeScale::PROJECTOR;
                let step = orgpath_explore::tour::step(&d, &tour.id, i, &options).unwrap();
                let drawn: BTreeSet<&str> =
                    step.scene.cards.iter().map(|c| c.id.as_str()).collect();
                for id in &s.spotlight {
                    if !drawn.contains(id.as_str()) {
                        problems.push(format!("{} step {}: {id} is not drawn", tour.id, i + 1));
                    }
                }
                // The caption is set whole at 32 px in the band under the diagram (the
                // widest caption box; taller subjects get a side panel with more lines).
                let caption = lang.pick(&s.caption);
                let (size, _) = caption_layout(caption, Layout::Bottom);
                if size != 32.0 {
                    problems.push(format!(
                        "{} step {} ({}): caption does not fit three lines at 32 px",
                        tour.id,
                        i + 1,
                        lang.as_str()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
