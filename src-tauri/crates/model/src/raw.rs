//! Raw serde types of the orgpath JSON format (`format: "orgpath/1"`).
//!
//! These types mirror the file as written: they accept missing text and unknown
//! references so that `validate` can report every problem at once, with where it is,
//! instead of serde stopping at the first one. `data/schema.json` is generated from
//! them (see [`json_schema`]); the schema is stricter than the types: the fields that
//! validation insists on are listed as required on each type (serde's defaults would
//! otherwise make every field optional).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The only format tag this version reads.
pub const FORMAT: &str = "orgpath/1";

/// Text in Japanese and English. Both are required; validation reports a missing or
/// blank one with its JSON pointer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Text", extend("required" = ["ja", "en"]))]
pub struct RawText {
    /// Japanese text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(min = 1), regex(pattern = r"\S"))]
    pub ja: Option<String>,
    /// English text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", length(min = 1), regex(pattern = r"\S"))]
    pub en: Option<String>,
}

impl RawText {
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Self {
        RawText {
            ja: Some(ja.into()),
            en: Some(en.into()),
        }
    }
}

/// A whole dataset: an organisation, its relationships, career paths and flows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "orgpath dataset",
    description = "An organisation and the career paths through it, in Japanese and English (format orgpath/1)."
)]
pub struct RawDataset {
    /// Optional pointer to the JSON Schema, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Format tag: must be "orgpath/1".
    #[serde(default)]
    #[schemars(extend("const" = "orgpath/1"))]
    pub format: String,
    /// Title, description and provenance of the dataset.
    #[serde(default)]
    pub meta: RawMeta,
    /// Passages of the source document that items cite.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<RawPassage>,
    /// Node groups (e.g. "sales-side roles"); each gets one colour in diagrams.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<RawGroup>,
    /// Departments, teams, roles, external parties and career stages.
    #[serde(default)]
    pub nodes: Vec<RawNode>,
    /// Hierarchy edges, child to parent. A node may have several parents (matrix).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hierarchy: Vec<RawHierarchyEdge>,
    /// Kinds of relationship, each with its own text and line style.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relation_kinds: Vec<RawRelationKind>,
    /// Typed, directed, labelled relationships between nodes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<RawRelation>,
    /// The career graph: tracks, what the work builds, and the moves between stages.
    #[serde(default, skip_serializing_if = "RawCareer::is_empty")]
    pub career: RawCareer,
    /// Ordered flows, such as how an inquiry is handled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<RawFlow>,
    /// Guided tours for presenting: each step shows one view with some cards
    /// spotlit (the rest dimmed), a caption and presenter notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tours: Vec<RawTour>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Meta", extend("required" = ["title"]))]
pub struct RawMeta {
    /// Dataset title, shown in the window's top bar.
    #[serde(default)]
    pub title: RawText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<RawText>,
    /// The document the dataset was made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<RawSourceDocument>,
    /// Node the relationship view centres on by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "SourceDocument")]
pub struct RawSourceDocument {
    /// Title as published (any language).
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Publication date, YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where to read it; shown as text only, never loaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A passage of the source document that items cite by id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Passage", extend("required" = ["id", "section", "quote"]))]
pub struct RawPassage {
    #[serde(default)]
    pub id: String,
    /// The section heading the passage sits under.
    #[serde(default)]
    pub section: RawText,
    /// The passage, quoted in the source's own language.
    #[serde(default)]
    pub quote: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Group", extend("required" = ["id", "label"]))]
pub struct RawGroup {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub label: RawText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<RawText>,
}

/// What a node is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
    ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A whole company.
    Organisation,
    /// A division or department.
    Department,
    /// A team or sub-team.
    Team,
    /// A role or position (a job, not a unit).
    Role,
    /// One person: a row of a file of people (an HR export, an org-chart tool's data).
    Person,
    /// A party outside the organisation: customers, partner companies.
    External,
    /// A stage in a career (entry, learning, a level on a track).
    CareerStage,
}

impl NodeKind {
    /// Kinds that belong in the organisation tree.
    pub fn is_organisational(self) -> bool {
        !matches!(self, NodeKind::CareerStage)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Node", extend("required" = ["id", "kind", "label"]))]
pub struct RawNode {
    /// Unique among nodes; letters, digits, '-', '_' and '.'.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    #[schemars(with = "NodeKind")]
    pub kind: Option<NodeKind>,
    /// Full name.
    #[serde(default)]
    pub label: RawText,
    /// Abbreviation shown where space is short (e.g. "CSA").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<RawText>,
    /// Job title or subtitle shown under the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<RawText>,
    /// What the node is or does; when given, both languages are required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<RawText>,
    /// Id of a group in `groups`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Career stages only: id of a track in `career.tracks`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
    /// True when the item is not stated by the source and was added for the diagram.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub illustrative: bool,
    /// Id of a passage in `sources`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Further facts shown in the details panel as "name: value" lines, in this order
    /// (e.g. an email or a location). A CSV file's columns that orgpath does not
    /// recognise become these, named by their header.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<RawAttribute>,
    /// The person's photo as a `data:` URI, read by the CSV loader from the file its
    /// photo column names (checked: inside the CSV's folder, PNG or JPEG, size-capped).
    /// Not part of the JSON format: a dataset file names no local files.
    #[serde(skip)]
    #[schemars(skip)]
    pub photo: Option<std::sync::Arc<str>>,
    /// The kind was guessed (a CSV file without a kind column): the card then does not
    /// name it, so an `id,parent,name` file's cards are not all labelled "Team". Not
    /// part of the JSON format, where the kind is required.
    #[serde(skip)]
    #[schemars(skip)]
    pub kind_guessed: bool,
}

/// One further fact about a node, shown as written (it is not translated).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Attribute", extend("required" = ["name", "value"]))]
pub struct RawAttribute {
    /// What the value is, e.g. "内線" or "Email".
    #[serde(default)]
    #[schemars(length(min = 1), regex(pattern = r"\S"))]
    pub name: String,
    #[serde(default)]
    pub value: String,
}

/// How a child belongs to its parent.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum HierarchyKind {
    /// The child unit is part of the parent unit.
    #[default]
    PartOf,
    /// The child reports to the parent (a person or role line).
    ReportsTo,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "HierarchyEdge", extend("required" = ["child", "parent"]))]
pub struct RawHierarchyEdge {
    #[serde(default)]
    pub child: String,
    #[serde(default)]
    pub parent: String,
    #[serde(default)]
    pub kind: HierarchyKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// How a relationship kind is drawn; kinds differ by more than colour so that they
/// survive greyscale printing.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum LineStyle {
    #[default]
    Solid,
    Dashed,
    Dotted,
    Double,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "RelationKind", extend("required" = ["id", "label"]))]
pub struct RawRelationKind {
    #[serde(default)]
    pub id: String,
    /// Verb phrase, e.g. "asks questions of".
    #[serde(default)]
    pub label: RawText,
    #[serde(default)]
    pub style: LineStyle,
    /// The family the kind belongs to, e.g. "asking questions": the legend lists
    /// the kinds of one family together under its name, and they share a colour
    /// (each with its own line style). Kinds with the same family text are one family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<RawText>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Relation", extend("required" = ["from", "to", "kind"]))]
pub struct RawRelation {
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// Id of a kind in `relation_kinds`.
    #[serde(default)]
    pub kind: String,
    /// Specific text for this edge; the kind's text is used when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<RawText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<RawText>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub illustrative: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Career")]
pub struct RawCareer {
    /// Career tracks, e.g. technical specialist and management.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tracks: Vec<RawTrack>,
    /// What the work builds (skills, experience), cited by transitions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capabilities: Vec<RawCapability>,
    /// Moves between career stages and roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transitions: Vec<RawTransition>,
}

impl RawCareer {
    pub fn is_empty(&self) -> bool {
        self.tracks.is_empty() && self.capabilities.is_empty() && self.transitions.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Track", extend("required" = ["id", "label", "description"]))]
pub struct RawTrack {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub label: RawText,
    #[serde(default)]
    pub description: RawText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Capability", extend("required" = ["id", "label", "description"]))]
pub struct RawCapability {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub label: RawText,
    #[serde(default)]
    pub description: RawText,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub illustrative: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// What kind of career move a transition is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum TransitionKind {
    /// Joining: from entry into the first stage.
    Entry,
    /// Moving up within the same track or stage sequence.
    Promotion,
    /// Choosing one of several tracks.
    TrackChoice,
    /// Moving to another role or department.
    RoleMove,
}

impl TransitionKind {
    /// The id as the file writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            TransitionKind::Entry => "entry",
            TransitionKind::Promotion => "promotion",
            TransitionKind::TrackChoice => "track_choice",
            TransitionKind::RoleMove => "role_move",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Transition", extend("required" = ["from", "to", "kind"]))]
pub struct RawTransition {
    /// Node id (a career stage or a role).
    #[serde(default)]
    pub from: String,
    /// Node id (a career stage or a role).
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    #[schemars(with = "TransitionKind")]
    pub kind: Option<TransitionKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<RawText>,
    /// Ids of capabilities this step builds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub builds: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub illustrative: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Flow", extend("required" = ["id", "label", "steps"]))]
pub struct RawFlow {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub label: RawText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<RawText>,
    /// Steps in reading order; ids are unique within the flow.
    #[serde(default)]
    pub steps: Vec<RawStep>,
    /// Directed links between steps: the main sequence and its branches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<RawFlowLink>,
    /// Worked examples that follow a path through the steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<RawExample>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Step", extend("required" = ["id", "label"]))]
pub struct RawStep {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub label: RawText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<RawText>,
    /// Node id of who performs the step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub illustrative: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// How one step leads to the next.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum FlowLinkKind {
    /// The main sequence.
    #[default]
    Next,
    /// A side path taken when needed (e.g. ask the global community).
    Branch,
}

impl FlowLinkKind {
    /// The id as the file writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            FlowLinkKind::Next => "next",
            FlowLinkKind::Branch => "branch",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "FlowLink", extend("required" = ["from", "to"]))]
pub struct RawFlowLink {
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub kind: FlowLinkKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<RawText>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Example", extend("required" = ["id", "label", "description", "path"]))]
pub struct RawExample {
    #[serde(default)]
    pub id: String,
    /// The inquiry, as the customer put it.
    #[serde(default)]
    pub label: RawText,
    /// How it was handled.
    #[serde(default)]
    pub description: RawText,
    /// Step ids, in order.
    #[serde(default)]
    pub path: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A guided tour: steps to present one after another, in the window or as slides.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Tour", extend("required" = ["id", "title", "steps"]))]
pub struct RawTour {
    /// Unique among tours; names exported files, e.g. `01-<id>.png`.
    #[serde(default)]
    pub id: String,
    /// Shown in the title band of every step.
    #[serde(default)]
    pub title: RawText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<RawText>,
    /// The steps, in presenting order; at least one.
    #[serde(default)]
    #[schemars(length(min = 1))]
    pub steps: Vec<RawTourStep>,
}

/// One step of a tour: a view, what it spotlights, where the camera looks, and what
/// the presenter says.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "TourStep",
    extend("required" = ["view", "spotlight", "caption"])
)]
pub struct RawTourStep {
    /// The view the step shows.
    #[serde(default)]
    #[schemars(extend("enum" = ["org", "relationships", "career", "flow"]))]
    pub view: String,
    /// Relationships view only: the node at the centre of the map (default: the
    /// dataset's focus).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    /// Ids of cards drawn in the step's view (nodes; flow steps in the flow view) to
    /// raise; every other card is dimmed. Empty: nothing is dimmed.
    #[serde(default)]
    pub spotlight: Vec<String>,
    /// Links to light besides those between two spotlit cards (which are lit
    /// anyway); either direction matches. Every other link is dimmed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edges: Vec<RawTourEdge>,
    /// Flow view only: the id of a worked example of the flow that the step follows.
    /// Its steps are spotlit, and of the links between them only those from each step
    /// of its path to the next are lit (a shortcut between two of its steps that the
    /// example does not take stays dim).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// Where the camera looks; by default it frames the spotlit cards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub camera: Option<RawCamera>,
    /// What the audience reads, under the diagram.
    #[serde(default)]
    pub caption: RawText,
    /// What the presenter reads (the presenter view; not on the slides).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<RawText>,
    /// Id of the passage in `sources` the step rests on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A link a tour step lights: two cards of the step's view that a drawn link joins.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "TourEdge", extend("required" = ["from", "to"]))]
pub struct RawTourEdge {
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

/// Where a tour step's camera looks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Camera", extend("required" = ["target", "zoom"]))]
pub struct RawCamera {
    /// Id of a card drawn in the step's view, centred on screen.
    #[serde(default)]
    pub target: String,
    /// 1 draws the diagram at the projector's type size on a 1920x1080 slide; 2 is
    /// twice as close, 0.5 shows four times the area.
    #[serde(default)]
    #[schemars(with = "f32", range(min = 0.25, max = 4.0))]
    pub zoom: Option<f32>,
}

/// The JSON Schema of the format, as committed at `data/schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(RawDataset);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    text.push('\n');
    text
}
