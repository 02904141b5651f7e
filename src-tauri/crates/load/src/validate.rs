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

use orgpath_model::both;
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

use crate::words;

/// Names the item a message is about ("node \"sales\"", "ノード「sales」"), made only
/// when a problem is reported: most items have none, and a large file has many.
type What<'a> = &'a dyn Fn() -> Text;

/// What one collection's items are called, in both languages.
#[derive(Debug, Clone, Copy)]
struct Noun {
    en: &'static str,
    ja: &'static str,
}

const SOURCE: Noun = Noun {
    en: "source passage",
    ja: "出典の箇所",
};
const GROUP: Noun = Noun {
    en: "group",
    ja: "グループ",
};
const NODE: Noun = Noun {
    en: "node",
    ja: "ノード",
};
const KIND: Noun = Noun {
    en: "relation kind",
    ja: "関係の種類",
};
const TRACK: Noun = Noun {
    en: "track",
    ja: "トラック",
};
const CAPABILITY: Noun = Noun {
    en: "capability",
    ja: "能力",
};
const FLOW: Noun = Noun {
    en: "flow",
    ja: "フロー",
};
const TOUR: Noun = Noun {
    en: "tour",
    ja: "ツアー",
};
const STEP: Noun = Noun {
    en: "step",
    ja: "ステップ",
};
const EXAMPLE: Noun = Noun {
    en: "example",
    ja: "例",
};
const VIEW: Noun = Noun {
    en: "view",
    ja: "ビュー",
};
const CARD: Noun = Noun {
    en: "card",
    ja: "カード",
};

impl Noun {
    /// One item by its id: `node "sales"`, `ノード「sales」`.
    fn named(self, id: &str) -> Text {
        let Noun { en, ja } = self;
        both!("{en} \"{id}\"", "{ja}「{id}」")
    }
}

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
            both!(
                "and {n} more problems, not listed (a report lists the first {MAX_PROBLEMS})",
                "ほかに {n} 件の問題があります（一覧に載せるのは最初の {MAX_PROBLEMS} 件です）",
                n = v.omitted
            ),
            words::fix_above(),
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
    what: What<'a>,
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
    what: Noun,
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
    fn sample(&self, near: &str, suggest: bool) -> Text {
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
        let Noun { en, ja } = self.what;
        if !close.is_empty() {
            return both!(
                "did you mean {list}?",
                "{list} のことですか？",
                list = quote_list(&close)
            );
        }
        if all.is_empty() {
            return both!(
                "there are no {en}s defined yet",
                "{ja}はまだ 1 つもありません"
            );
        }
        let shown: Vec<&str> = all.iter().take(6).copied().collect();
        let more = if all.len() > shown.len() { ", …" } else { "" };
        both!(
            "known {en} ids: {list}{more}",
            "ある{ja}の ID: {list}{more}",
            list = quote_list(&shown)
        )
    }

    /// Whether a hint from [`Ids::sample`] suggests ids close to the one given.
    fn suggests(hint: &Text) -> bool {
        hint.en.starts_with("did you mean")
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
    fn what(self) -> Text {
        match self {
            Length::Name => both!("a label, title or name", "ラベル・タイトル・名前"),
            Length::Prose => both!(
                "a description, caption, note or quote",
                "説明・キャプション・メモ・引用"
            ),
        }
    }
}

/// A field of an item in Japanese, as messages name it.
fn field_ja(field: &str) -> &str {
    match field {
        "label" => "ラベル",
        "description" => "説明",
        "title" => "タイトル",
        "short" => "略称",
        "section" => "節",
        "author" => "著者",
        "date" => "日付",
        "url" => "URL",
        other => other,
    }
}

impl<'l> Validator<'l> {
    fn report(&mut self, code: Code, pointer: &str, message: Text, hint: Text) {
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
                both!(
                    "the dataset has {n} nodes; orgpath loads up to {MAX_NODES}",
                    "データセットにノードが {n} 個あります。orgpath が読み込めるのは {MAX_NODES} 個までです",
                    n = raw.nodes.len()
                ),
                words::split_file(),
            );
        }
        if links > MAX_LINKS {
            self.report(
                Code::TooLarge,
                "/hierarchy",
                both!(
                    "the dataset has {links} links (parents, relations and career moves); orgpath loads up to {MAX_LINKS}",
                    "データセットにつながり（親、関係、キャリアの移動）が {links} 本あります。orgpath が読み込めるのは {MAX_LINKS} 本までです"
                ),
                both!(
                    "split the organisation into several files, or check the parent column: each ';' in it adds a parent",
                    "組織をいくつかのファイルに分けるか、parent の列を確かめてください。';' を書くたびに親が 1 つ増えます"
                ),
            );
        }
        !self.problems.is_empty()
    }

    fn text(&mut self, t: &RawText, pointer: impl Pointer, what: What<'_>, length: Length) -> Text {
        // One text standing for both languages (a CSV file's single name column) is
        // one problem when too long, not two.
        let same = t.ja.as_deref().map(str::trim) == t.en.as_deref().map(str::trim);
        let mut get = |value: &Option<String>, lang: &str, name: Text, measure: bool| -> String {
            match value.as_deref().map(str::trim) {
                Some(s) if !s.is_empty() => {
                    if !measure {
                        return s.to_owned();
                    }
                    self.length(s, Under(&pointer, lang), length, || {
                        // "the English label of node …", but "the English text of
                        // the caption of …" where `what` names the field already.
                        let (at, item) = (pointer.pointer(), what());
                        let names_field = item.en.starts_with("the ") || item.en.starts_with("a ");
                        let field = if names_field { "text" } else { last_token(&at) };
                        let ja_field = if names_field { "文" } else { field_ja(field) };
                        both!(
                            "the {name} {field} of {item}",
                            "{item}の{name}の{ja_field}";
                            name = name,
                            item = item
                        )
                    });
                    s.to_owned()
                }
                found => {
                    let (en, ja) = if found.is_some() {
                        ("is blank", "空です")
                    } else {
                        ("is missing", "ありません")
                    };
                    let item = what();
                    self.report(
                        Code::MissingText,
                        &ptr(&pointer.pointer(), lang),
                        both!(
                            "{name} text of {item} {en}",
                            "{item}の{name}の文が{ja}";
                            name = name,
                            item = item
                        ),
                        both!(
                            "add \"{lang}\": \"…\" ({name}); every label and description needs both Japanese and English",
                            "\"{lang}\": \"…\"（{name}）を書き足してください。ラベルと説明にはすべて日本語と英語が要ります";
                            name = name
                        ),
                    );
                    String::new()
                }
            }
        };
        let ja = get(
            &t.ja,
            "ja",
            if same {
                both!("Japanese and English", "日本語と英語")
            } else {
                both!("Japanese", "日本語")
            },
            true,
        );
        let en = get(&t.en, "en", both!("English", "英語"), !same);
        Text { ja, en }
    }

    fn opt_text(
        &mut self,
        t: &Option<RawText>,
        pointer: impl Pointer,
        what: What<'_>,
        length: Length,
    ) -> Option<Text> {
        t.as_ref().map(|t| self.text(t, pointer, what, length))
    }

    /// An item's label (a name) and optional description (prose), at `base`/label and
    /// `base`/description; `what` names the item in messages.
    fn label_and_description(
        &mut self,
        label: &RawText,
        description: &Option<RawText>,
        base: &str,
        what: What<'_>,
    ) -> (Text, Option<Text>) {
        (
            self.text(label, At(base, "label"), what, Length::Name),
            self.opt_text(description, At(base, "description"), what, Length::Prose),
        )
    }

    /// Reports `value` when it has more characters than `length` allows. `what` says
    /// whose value it is ("the English label of node \"sales\""), written only then.
    fn length(
        &mut self,
        value: &str,
        pointer: impl Pointer,
        length: Length,
        what: impl FnOnce() -> Text,
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
            Length::Name => both!(
                "shorten it: names are drawn in at most three lines and cut with \"…\" after that; put longer text in a description",
                "短くしてください。名前は 3 行までで描き、その先は「…」で切ります。長い文は説明に書いてください"
            ),
            Length::Prose => both!(
                "shorten it to the part worth reading here, and keep the full text in a document of its own",
                "ここで読む価値のある部分まで短くし、全文は別の文書に残してください"
            ),
        };
        let (item, kind) = (what(), length.what());
        self.report(
            Code::TooLong,
            &pointer,
            both!(
                "{item} is {n} characters long; orgpath takes up to {max} characters in {kind}",
                "{item}が {n} 文字あります。orgpath が{kind}に取るのは {max} 文字までです";
                item = item,
                kind = kind
            ),
            hint,
        );
    }

    /// A node's further facts (`node` is its index: the pointer is written only for a
    /// problem); a fact without a name could not be shown as one.
    fn attributes(
        &mut self,
        attrs: &[RawAttribute],
        node: usize,
        what: What<'_>,
    ) -> Vec<Attribute> {
        for (j, a) in attrs.iter().enumerate() {
            if a.name.trim().is_empty() {
                let item = what();
                self.report(
                    Code::Missing,
                    &format!("/nodes/{node}/attributes/{j}/name"),
                    both!(
                        "an attribute of {item} has no name",
                        "{item}の属性に名前がありません";
                        item = item
                    ),
                    both!(
                        "give it a \"name\" such as \"Email\", or remove it",
                        "\"name\"（例: \"Email\"）を付けるか、その属性を消してください"
                    ),
                );
            }
            let name = a.name.trim();
            let at =
                |field: &'static str| Lazy(move || format!("/nodes/{node}/attributes/{j}/{field}"));
            self.length(name, at("name"), Length::Name, || {
                let item = what();
                both!(
                    "the name of an attribute of {item}",
                    "{item}の属性の名前";
                    item = item
                )
            });
            self.length(&a.value, at("value"), Length::Prose, || {
                let item = what();
                both!(
                    "the \"{name}\" of {item}",
                    "{item}の「{name}」";
                    item = item
                )
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
        what: Noun,
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
                let place = match (loc.pointer, loc.line) {
                    (Some(p), Some(l)) => both!("{p} (line {l})", "{p}（{l} 行目）"),
                    (None, Some(l)) => both!("line {l}", "{l} 行目"),
                    _ => both!("{prev}", "{prev}"),
                };
                let Noun { en, ja } = what;
                self.report(
                    Code::DuplicateId,
                    &format!("{base}/{i}/id"),
                    both!(
                        "duplicate {en} id \"{value}\": already used at {place}",
                        "{ja}の ID「{value}」が重複しています（{place}ですでに使われています）";
                        place = place
                    ),
                    both!(
                        "give each {en} its own id, or merge the two entries",
                        "{ja}ごとに別の ID を付けるか、2 つの項目を 1 つにまとめてください"
                    ),
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

    fn check_id(&mut self, value: &str, pointer: impl Pointer, what: Noun) -> bool {
        let Noun { en, ja } = what;
        if value.trim().is_empty() {
            self.report(
                Code::Missing,
                &pointer.pointer(),
                both!("{en} has no id", "{ja}に ID がありません"),
                both!(
                    "add an \"id\" such as \"my-{en}\"; other items refer to it",
                    "\"id\"（例: \"my-{en}\"）を書き足してください。ほかの項目がこれを参照します"
                ),
            );
            return false;
        }
        if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            self.report(
                Code::BadId,
                &pointer.pointer(),
                both!(
                    "{en} id \"{id}\" contains spaces or control characters",
                    "{ja}の ID「{id}」に空白か制御文字が入っています",
                    id = shown(value)
                ),
                both!(
                    "use letters, digits, '-', '_' or '.', e.g. \"sales-team\"",
                    "英字・数字・'-'・'_'・'.' を使ってください。例: \"sales-team\""
                ),
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
        let Noun { en, ja } = ids.what;
        if value.trim().is_empty() {
            self.report(
                Code::Missing,
                &pointer.pointer(),
                empty_field(field),
                both!("name the id of a {en}", "{ja}の ID を書いてください"),
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
        let sample = ids.sample(value, suggest);
        self.report(
            Code::UnknownId,
            &pointer.pointer(),
            both!(
                "\"{field}\" refers to unknown {en} \"{value}\"",
                "「{field}」が知らない{ja}「{value}」を指しています"
            ),
            both!(
                "{sample}; or add a {en} with this id",
                "{sample}。またはこの ID の{ja}を書き足してください";
                sample = sample
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
                both!(
                    "the dataset has no nodes",
                    "データセットにノードがありません"
                ),
                both!(
                    "add at least one node to \"nodes\"",
                    "\"nodes\" にノードを 1 つ以上書いてください"
                ),
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
        let tracks = self.career_items(
            &known,
            (&raw.career.tracks, "/career/tracks", TRACK),
            |t| (&t.id, &t.label, &t.description, &t.source),
            |t, label, description| Track {
                id: t.id.clone(),
                label,
                description,
                source: t.source.clone(),
            },
        );
        let capabilities = self.career_items(
            &known,
            (&raw.career.capabilities, "/career/capabilities", CAPABILITY),
            |c| (&c.id, &c.label, &c.description, &c.source),
            |c, label, description| Capability {
                id: c.id.clone(),
                label,
                description,
                illustrative: c.illustrative,
                source: c.source.clone(),
            },
        );
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
                both!("\"format\" is missing", "\"format\" がありません")
            } else {
                both!(
                    "unsupported format \"{format}\"",
                    "対応していない形式「{format}」です",
                    format = raw.format.escape_debug()
                )
            };
            self.report(
                Code::Format,
                "/format",
                message,
                both!(
                    "put \"format\": \"{FORMAT}\" at the top of the file",
                    "ファイルの先頭に \"format\": \"{FORMAT}\" を書いてください"
                ),
            );
        }
        Meta {
            title: self.text(
                &raw.meta.title,
                "/meta/title",
                &|| both!("the dataset title", "データセットのタイトル"),
                Length::Name,
            ),
            description: self.opt_text(
                &raw.meta.description,
                "/meta/description",
                &|| both!("the dataset description", "データセットの説明"),
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
                            both!(
                                "the {field} of the source document",
                                "出典文書の{ja}",
                                ja = field_ja(field)
                            )
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
            sources: self.ids(SOURCE, "/sources", &raw.sources, |p| &p.id),
            groups: self.ids(GROUP, "/groups", &raw.groups, |g| &g.id),
            nodes: self.ids(NODE, "/nodes", &raw.nodes, |n| &n.id),
            kinds: self.ids(KIND, "/relation_kinds", &raw.relation_kinds, |k| &k.id),
            tracks: self.ids(TRACK, "/career/tracks", &raw.career.tracks, |t| &t.id),
            capabilities: self.ids(
                CAPABILITY,
                "/career/capabilities",
                &raw.career.capabilities,
                |c| &c.id,
            ),
        };
        // Nothing refers to a flow: its ids are collected for their problems only.
        let flow_ids = self.ids(FLOW, "/flows", &raw.flows, |f| &f.id);
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
                let id = &p.id;
                if p.quote.trim().is_empty() {
                    self.report(
                        Code::Missing,
                        &ptr(&base, "quote"),
                        both!(
                            "source passage \"{id}\" has no quote",
                            "出典の箇所「{id}」に引用がありません"
                        ),
                        both!(
                            "quote the passage of the source document, in its own language",
                            "出典文書のその箇所を、元の言語のまま引用してください"
                        ),
                    );
                }
                self.length(&p.quote, At(&base, "quote"), Length::Prose, || {
                    both!(
                        "the quote of source passage \"{id}\"",
                        "出典の箇所「{id}」の引用"
                    )
                });
                Passage {
                    id: p.id.clone(),
                    section: self.text(
                        &p.section,
                        At(&base, "section"),
                        &|| both!("a source section", "出典の節"),
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
                let what = || GROUP.named(&g.id);
                let (label, description) =
                    self.label_and_description(&g.label, &g.description, &base, &what);
                Group {
                    id: g.id.clone(),
                    label,
                    description,
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
            let what = || NODE.named(&n.id);
            let kind = n.kind.unwrap_or_else(|| {
                self.report(
                    Code::Missing,
                    &format!("/nodes/{i}/kind"),
                    no_kind(&what()),
                    both!(
                        "add \"kind\": one of organisation, department, team, role, external, career_stage",
                        "\"kind\" を書き足してください: organisation, department, team, role, external, career_stage のどれか"
                    ),
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
                kind_guessed: n.kind_guessed,
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
                    both!(
                        "\"{child}\" is listed as its own parent",
                        "「{child}」が自分自身の親になっています",
                        child = &h.child
                    ),
                    both!(
                        "a unit cannot be part of itself: name a different parent, or remove this edge",
                        "部署は自分自身に属せません。別の親を書くか、このつながりを消してください"
                    ),
                );
                continue;
            }
            if let Some(prev) = seen_edges.get(&(c, p)) {
                self.report(
                    Code::DuplicateEdge,
                    &format!("/hierarchy/{i}"),
                    both!(
                        "\"{child}\" is listed under \"{parent}\" twice (also /hierarchy/{prev})",
                        "「{child}」が「{parent}」の下に 2 回書かれています（/hierarchy/{prev} にも）",
                        child = &h.child,
                        parent = &h.parent
                    ),
                    remove_one(),
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
                    &|| KIND.named(&k.id),
                    Length::Name,
                ),
                style: k.style,
                family: self.opt_text(
                    &k.family,
                    &format!("/relation_kinds/{i}/family"),
                    &|| {
                        both!(
                            "the family of {kind}",
                            "{kind}の分類";
                            kind = KIND.named(&k.id)
                        )
                    },
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
            let what = || {
                both!(
                    "relation {from} → {to}",
                    "関係 {from} → {to}",
                    from = &r.from,
                    to = &r.to
                )
            };
            let ok = self.reference(&known.nodes, &r.from, At(&base, "from"), "from")
                & self.reference(&known.nodes, &r.to, At(&base, "to"), "to")
                & self.reference(&known.kinds, &r.kind, At(&base, "kind"), "kind");
            self.opt_reference(&known.sources, &r.source, At(&base, "source"), "source");
            if ok && r.from == r.to {
                self.report(
                    Code::SelfLoop,
                    &ptr(&base, "to"),
                    both!(
                        "relation \"{kind}\" goes from \"{from}\" to itself",
                        "関係「{kind}」が「{from}」から自分自身に向かっています",
                        kind = &r.kind,
                        from = &r.from
                    ),
                    both!(
                        "point \"to\" at another node, or remove the relation",
                        "\"to\" を別のノードに向けるか、この関係を消してください"
                    ),
                );
            } else if ok {
                if let Some(prev) = seen_relations.insert((&r.from, &r.to, &r.kind), i) {
                    let (kind, from, to) = (&r.kind, &r.from, &r.to);
                    self.report(
                        Code::DuplicateEdge,
                        &base,
                        both!(
                            "relation \"{kind}\" from \"{from}\" to \"{to}\" is listed twice (also /relations/{prev})",
                            "「{from}」から「{to}」への関係「{kind}」が 2 回書かれています（/relations/{prev} にも）"
                        ),
                        remove_one(),
                    );
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

    /// Checks career tracks or capabilities (`raw`, at `base`/i, each called a `noun` in
    /// messages): each one's source, label and description. `fields` gives an item's
    /// (id, label, description, source); `build` makes the checked item from the raw one
    /// with its label and description.
    fn career_items<R, T>(
        &mut self,
        known: &Known<'_>,
        (raw, base, noun): (&[R], &str, Noun),
        fields: impl Fn(&R) -> (&str, &RawText, &RawText, &Option<String>),
        build: impl Fn(&R, Text, Text) -> T,
    ) -> Vec<T> {
        raw.iter()
            .enumerate()
            .map(|(i, item)| {
                let (id, label, description, source) = fields(item);
                let base = format!("{base}/{i}");
                let what = || noun.named(id);
                self.opt_reference(&known.sources, source, At(&base, "source"), "source");
                let label = self.text(label, At(&base, "label"), &what, Length::Name);
                let description =
                    self.text(description, At(&base, "description"), &what, Length::Prose);
                build(item, label, description)
            })
            .collect()
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
            let what = || {
                both!(
                    "transition {from} → {to}",
                    "移動 {from} → {to}",
                    from = &t.from,
                    to = &t.to
                )
            };
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
                    no_kind(&what()),
                    both!(
                        "add \"kind\": one of entry, promotion, track_choice, role_move",
                        "\"kind\" を書き足してください: entry, promotion, track_choice, role_move のどれか"
                    ),
                );
                TransitionKind::Promotion
            });
            if ok && t.from == t.to {
                self.report(
                    Code::SelfLoop,
                    &ptr(&base, "to"),
                    both!(
                        "transition from \"{from}\" to itself",
                        "「{from}」から自分自身への移動です",
                        from = &t.from
                    ),
                    both!(
                        "point \"to\" at the next stage or role",
                        "\"to\" を次の段階か役割に向けてください"
                    ),
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
        let tour_ids = self.ids(TOUR, "/tours", &raw.tours, |t| &t.id);
        drop(tour_ids);
        let mut views = DrawnCache::new(dataset, self.views);
        raw.tours
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let base = format!("/tours/{i}");
                let what = || TOUR.named(&t.id);
                let title = self.text(&t.title, At(&base, "title"), &what, Length::Name);
                let description = self.opt_text(&t.description, At(&base, "description"), &what, Length::Prose);
                if t.steps.is_empty() {
                    self.report(
                        Code::Empty,
                        &ptr(&base, "steps"),
                        no_steps(&what()),
                        both!(
                            "add at least one step: a \"view\", the cards to \"spotlight\" and a \"caption\"",
                            "ステップを 1 つ以上書き足してください: \"view\"、\"spotlight\" するカード、\"caption\""
                        ),
                    );
                }
                let steps = t
                    .steps
                    .iter()
                    .enumerate()
                    .map(|(j, s)| {
                        let b = format!("{base}/steps/{j}");
                        let what = || {
                            let tour = what();
                            both!(
                                "{tour}, step {n}",
                                "{tour}のステップ {n}",
                                n = j + 1;
                                tour = tour
                            )
                        };
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
        what: What<'_>,
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
        let route = s
            .example
            .as_deref()
            .map(|e| self.step_example(e, &at, views))
            .unwrap_or_default();
        let mut spotlight = s.spotlight.clone();
        spotlight.extend(route.iter().filter(|id| !s.spotlight.contains(id)).cloned());
        let camera = s.camera.as_ref().map(|c| self.camera(c, &at, views));
        self.opt_reference(source_ids, &s.source, At(base, "source"), "source");
        TourStep {
            view: view.unwrap_or(View::Org),
            focus: s.focus.clone(),
            spotlight,
            edges,
            route,
            camera,
            caption: self.text(
                &s.caption,
                At(base, "caption"),
                &|| {
                    let step = what();
                    both!(
                        "the caption of {step}",
                        "{step}のキャプション";
                        step = step
                    )
                },
                Length::Prose,
            ),
            notes: self.opt_text(
                &s.notes,
                At(base, "notes"),
                &|| {
                    let step = what();
                    both!(
                        "the notes of {step}",
                        "{step}のメモ";
                        step = step
                    )
                },
                Length::Prose,
            ),
            source: s.source.clone(),
        }
    }

    /// Reads a tour step's view, reporting a missing or unknown one (then `None`).
    fn step_view(&mut self, s: &RawTourStep, base: &str, what: What<'_>) -> Option<View> {
        let list = view_list();
        if s.view.trim().is_empty() {
            let step = what();
            self.report(
                Code::Missing,
                &ptr(base, "view"),
                both!(
                    "{step} has no view",
                    "{step}にビューがありません";
                    step = step
                ),
                both!(
                    "add \"view\": one of {list}",
                    "\"view\" を書き足してください: {list} のどれか"
                ),
            );
            return None;
        }
        let view = View::parse(&s.view);
        if view.is_none() {
            let names = Ids {
                what: VIEW,
                first: View::ALL.iter().map(|v| (v.as_str(), 0)).collect(),
                sorted: OnceCell::new(),
            };
            let near = names.sample(&s.view, true);
            let hint = if Ids::suggests(&near) {
                both!(
                    "{near} The views are {list}",
                    "{near} ビューは {list} です";
                    near = near
                )
            } else {
                both!("use one of {list}", "{list} のどれかを使ってください")
            };
            self.report(
                Code::BadValue,
                &ptr(base, "view"),
                both!(
                    "unknown view \"{view}\"",
                    "知らないビュー「{view}」です",
                    view = s.view.escape_debug()
                ),
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
                both!(
                    "\"focus\" applies to the relationships view only, not the {v} view",
                    "\"focus\" は relationships ビューだけに使えます（これは {v} ビューです）",
                    v = v.as_str()
                ),
                both!(
                    "remove \"focus\", or make this step's \"view\" \"relationships\"",
                    "\"focus\" を消すか、このステップの \"view\" を \"relationships\" にしてください"
                ),
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
                    let (from, to) = (&e.from, &e.to);
                    let hint = if others.is_empty() {
                        both!(
                            "\"{from}\" has no links in this view; remove this entry",
                            "「{from}」はこのビューでどこともつながっていません。この項目を消してください"
                        )
                    } else {
                        let shown: Vec<&str> = others.iter().take(6).copied().collect();
                        both!(
                            "\"{from}\" is linked to {list} here; light one of those links",
                            "「{from}」はここで {list} とつながっています。そのどれかを光らせてください",
                            list = quote_list(&shown)
                        )
                    };
                    let phrase = view_phrase(v, focus, views);
                    self.report(
                        Code::NotInView,
                        &b,
                        both!(
                            "no link between \"{from}\" and \"{to}\" is drawn in the {phrase}",
                            "{phrase}には「{from}」と「{to}」の間のつながりが描かれていません";
                            phrase = phrase
                        ),
                        hint,
                    );
                }
            }
            edges.push((e.from.clone(), e.to.clone()));
        }
        edges
    }

    /// Checks the worked example a tour step follows: a flow step, naming an example
    /// of a flow whose every step leads to the next by a link the flow view draws.
    /// Gives the example's path (empty when it cannot be followed).
    fn step_example(
        &mut self,
        id: &str,
        at: &StepAt<'_>,
        views: &mut DrawnCache<'_>,
    ) -> Vec<String> {
        let b = ptr(at.base, "example");
        let step = (at.what)();
        if at.view.is_some_and(|v| v != View::Flow) {
            self.report(
                Code::BadValue,
                &b,
                both!(
                    "{step} follows a worked example, which only a flow step can show",
                    "{step}は対応の例をたどっていますが、例を示せるのはフローのステップだけです";
                    step = step
                ),
                both!(
                    "set \"view\" to \"flow\", or remove \"example\"",
                    "\"view\" を \"flow\" にするか、\"example\" を消してください"
                ),
            );
            return Vec::new();
        }
        let dataset = views.dataset;
        let flows = dataset.flows();
        let Some(example) = flows.iter().flat_map(|f| &f.examples).find(|e| e.id == id) else {
            let ids: Vec<&str> = flows
                .iter()
                .flat_map(|f| f.examples.iter().map(|e| e.id.as_str()))
                .take(6)
                .collect();
            self.report(
                Code::UnknownId,
                &b,
                both!(
                    "no worked example has the id \"{id}\"",
                    "ID「{id}」の対応の例はありません"
                ),
                if ids.is_empty() {
                    both!(
                        "the dataset's flows have no \"examples\"; remove \"example\"",
                        "データセットのフローに \"examples\" がありません。\"example\" を消してください"
                    )
                } else {
                    both!(
                        "name one of {list}",
                        "{list} のどれかを書いてください",
                        list = quote_list(&ids)
                    )
                },
            );
            return Vec::new();
        };
        let drawn = views.get(View::Flow, None);
        let gap = example
            .path
            .windows(2)
            .find(|w| !drawn.joins(&w[0], &w[1]))
            .map(|w| (w[0].clone(), w[1].clone()));
        if let Some((from, to)) = gap {
            self.report(
                Code::NotInView,
                &b,
                both!(
                    "the flow view draws no link from \"{from}\" to \"{to}\", so example \"{id}\" cannot be followed",
                    "フロー ビューには「{from}」から「{to}」へのつながりが描かれていないため、例「{id}」をたどれません"
                ),
                both!(
                    "add that link to the flow's \"links\", or correct the example's \"path\"",
                    "そのつながりをフローの \"links\" に書き足すか、例の \"path\" を直してください"
                ),
            );
            return Vec::new();
        }
        example.path.clone()
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
                let step = (at.what)();
                self.report(
                    Code::Missing,
                    &ptr(&b, "zoom"),
                    both!(
                        "the camera of {step} has no zoom",
                        "{step}のカメラに zoom がありません";
                        step = step
                    ),
                    both!(
                        "add \"zoom\": {ZOOM_HINT}",
                        "\"zoom\" を書き足してください: {ZOOM_HINT_JA}"
                    ),
                );
                1.0
            }
            Some(z) if !(MIN_ZOOM..=MAX_ZOOM).contains(&z) => {
                self.report(
                    Code::BadValue,
                    &ptr(&b, "zoom"),
                    both!("zoom {z} is out of range", "ズーム {z} が範囲の外です"),
                    both!("use {ZOOM_HINT}", "{ZOOM_HINT_JA}を使ってください"),
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
                empty_field(field),
                both!(
                    "name the id of a card the step's view draws",
                    "ステップのビューが描くカードの ID を書いてください"
                ),
            );
            return false;
        }
        let Some(v) = view else {
            // The view is unknown (reported); only check that the id exists at all.
            if !views.known(id) {
                self.unknown_card(id, pointer, field, None, views);
            }
            return false;
        };
        if views.get(v, focus).cards.contains(id) {
            return true;
        }
        if !views.known(id) {
            self.unknown_card(id, pointer, field, Some((v, focus)), views);
            return false;
        }
        let elsewhere: Vec<&str> = View::ALL
            .into_iter()
            .filter(|&w| w != v)
            .filter(|&w| views.get(w, None).cards.contains(id))
            .map(View::as_str)
            .collect();
        let mut hint = match elsewhere.as_slice() {
            [] => both!("no other view draws it", "ほかのビューも描いていません"),
            [one] => both!(
                "the {one} view draws it: make that this step's \"view\"",
                "{one} ビューが描いています。それをこのステップの \"view\" にしてください"
            ),
            many => both!(
                "the {en} views draw it: make one of them this step's \"view\"",
                "{ja} ビューが描いています。そのどれかをこのステップの \"view\" にしてください",
                en = and_list(many),
                ja = many.join("、")
            ),
        };
        if v == View::Relationships {
            hint.en
                .push_str("; or set \"focus\" to a node it works with");
            hint.ja
                .push_str("。または \"focus\" をこれと関わるノードにしてください");
        }
        hint.en.push_str(", or name a card this view draws");
        hint.ja
            .push_str("。またはこのビューが描くカードを書いてください");
        let phrase = view_phrase(v, focus, views);
        self.report(
            Code::NotInView,
            pointer,
            both!(
                "\"{id}\" is not drawn in the {phrase}",
                "{phrase}に「{id}」は描かれていません";
                phrase = phrase
            ),
            hint,
        );
        false
    }

    /// Reports a card id that names no node or step, with the near ones as a hint:
    /// among the cards of `view` when it is known, else among every node and step.
    fn unknown_card(
        &mut self,
        id: &str,
        pointer: &str,
        field: &str,
        view: Option<(View, Option<&str>)>,
        views: &mut DrawnCache<'_>,
    ) {
        if self.full(Code::UnknownId) {
            return;
        }
        let suggest = self.take_suggestion();
        let hint = views.near(id, view, suggest);
        self.report(
            Code::UnknownId,
            pointer,
            both!(
                "\"{field}\" refers to unknown id \"{id}\"",
                "「{field}」が知らない ID「{id}」を指しています"
            ),
            hint,
        );
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
                both!(
                    "the hierarchy is {n} levels deep down to \"{id}\"; orgpath draws up to {MAX_DEPTH} levels",
                    "「{id}」まで階層が {n} 段あります。orgpath が描くのは {MAX_DEPTH} 段までです",
                    n = level[i],
                    id = &graph[NodeIndex::new(i)].id
                ),
                both!(
                    "check the parent column: a chain this long usually means each row names the row above it as its parent",
                    "parent の列を確かめてください。これほど長い連なりは、たいてい各行がすぐ上の行を親にしているためです"
                ),
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
            both!(
                "{start} → … {n} more …",
                "{start} → … ほか {n} 件 …",
                start = names[..10].join(" → "),
                n = names.len() - 10
            )
        } else {
            let all = names.join(" → ");
            both!("{all}", "{all}")
        };
        let first = names[0];
        // Edges run parent -> child, so the path reads from the top down.
        self.report(
            Code::Cycle,
            &pointer,
            both!(
                "the hierarchy goes round in a circle: {shown} → {first}",
                "階層が輪になっています: {shown} → {first}";
                shown = shown
            ),
            both!(
                "each of these is listed as a parent of the next; remove one of these parent links",
                "それぞれが次のものの親になっています。このうち 1 つの親のつながりを消してください"
            ),
        );
    }

    fn flow(&mut self, f: &RawFlow, base: &str, node_ids: &Ids<'_>, source_ids: &Ids<'_>) -> Flow {
        let what = || FLOW.named(&f.id);
        let (label, description) =
            self.label_and_description(&f.label, &f.description, base, &what);
        let step_base = ptr(base, "steps");
        let step_ids = self.ids(STEP, &step_base, &f.steps, |s| &s.id);
        if f.steps.is_empty() {
            self.report(
                Code::Empty,
                &step_base,
                no_steps(&what()),
                both!(
                    "add the steps of the flow in reading order",
                    "フローのステップを読む順に書き足してください"
                ),
            );
        }
        let steps = f
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let b = format!("{step_base}/{i}");
                let what = || STEP.named(&s.id);
                self.opt_reference(node_ids, &s.actor, At(&b, "actor"), "actor");
                self.opt_reference(source_ids, &s.source, At(&b, "source"), "source");
                let (label, description) =
                    self.label_and_description(&s.label, &s.description, &b, &what);
                Step {
                    id: s.id.clone(),
                    label,
                    description,
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
                        both!(
                            "flow link from step \"{from}\" to itself",
                            "ステップ「{from}」から自分自身へのフローのつながりです",
                            from = &l.from
                        ),
                        both!(
                            "point \"to\" at the step that follows",
                            "\"to\" を次のステップに向けてください"
                        ),
                    );
                }
                FlowLink {
                    from: l.from.clone(),
                    to: l.to.clone(),
                    kind: l.kind,
                    label: self.opt_text(
                        &l.label,
                        At(&b, "label"),
                        &|| both!("a flow link", "フローのつながり"),
                        Length::Name,
                    ),
                }
            })
            .collect();
        let example_ids = self.ids(EXAMPLE, &ptr(base, "examples"), &f.examples, |e| &e.id);
        drop(example_ids);
        let examples = f
            .examples
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let b = format!("{base}/examples/{i}");
                let what = || EXAMPLE.named(&e.id);
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
const ZOOM_HINT_JA: &str =
    "0.25（遠く）から 4（近く）までのズーム。1 でプロジェクターの文字の大きさで図を描きます";

/// `"field" is empty`, for a reference left blank.
fn empty_field(field: &str) -> Text {
    both!("\"{field}\" is empty", "「{field}」が空です")
}

/// An item without its kind.
fn no_kind(what: &Text) -> Text {
    both!(
        "{what} has no kind",
        "{what}に種類がありません";
        what = what
    )
}

/// A tour or flow without steps.
fn no_steps(what: &Text) -> Text {
    both!(
        "{what} has no steps",
        "{what}にステップがありません";
        what = what
    )
}

/// For an entry listed twice.
fn remove_one() -> Text {
    both!(
        "remove one of the two entries",
        "2 つのうち 1 つを消してください"
    )
}

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
fn view_phrase(view: View, focus: Option<&str>, views: &DrawnCache<'_>) -> Text {
    if view == View::Relationships {
        if let Some(f) = views.drawings.focal(views.dataset, focus) {
            return both!(
                "relationships view around \"{f}\"",
                "「{f}」を中心にした relationships ビュー"
            );
        }
    }
    let v = view.as_str();
    both!("{v} view", "{v} ビュー")
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
    fn near(&mut self, id: &str, view: Option<(View, Option<&str>)>, suggest: bool) -> Text {
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
            what: CARD,
            first: all.iter().map(|k| (k.as_str(), 0)).collect(),
            sorted: OnceCell::new(),
        };
        let sample = ids.sample(id, suggest);
        match view {
            Some((v, _)) if !Ids::suggests(&sample) => both!(
                "{sample} (cards the {v} view draws)",
                "{sample}（{v} ビューが描くカード）",
                v = v.as_str();
                sample = sample
            ),
            _ => sample,
        }
    }
}

/// An id as a message shows it (see [`orgpath_model::problem::shown`]).
fn shown(value: &str) -> String {
    orgpath_model::problem::shown(value).into_owned()
}
