//! The four views of a dataset, each a [`Scene`]: organisation tree, relationship
//! map, career paths and inquiry flow. A view picks what to show and how to caption
//! it; the geometry comes from `crate::layout`.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::scene::{
    Accent, EdgeRole, Lang, LegendEntry, Scene, Swatch, TypeScale, View, LINE_HUES,
};
use orgpath_model::dataset::{Dataset, Node, Text};
use orgpath_model::raw::{LineStyle, NodeKind, TransitionKind};
use orgpath_model::{Drawings, Drawn};

mod career;
pub mod flow;
pub mod org;
pub mod relationships;

pub use crate::layout::tidy::Direction;

/// What to draw and how.
#[derive(Debug, Clone)]
pub struct SceneOptions {
    pub lang: Lang,
    pub scale: TypeScale,
    /// Organisation view: which way the tree grows.
    pub direction: Direction,
    /// Organisation view: place every node's children in a grid of columns under it
    /// (leaves and subtrees alike), so wide levels stay narrow.
    pub compact: bool,
    /// Organisation view, compact: the grids' columns, as a multiple of √(children)
    /// (`layout::tree::grid_columns`); [`org::fit`] tunes it to a target box.
    pub columns: f32,
    /// Organisation view, compact: instead of `columns`, grids shaped to a box of this
    /// width ÷ height (`layout::tidy::Rows::Shape`); [`org::fit`] may choose it.
    pub shape: Option<f32>,
    /// Organisation view: nodes whose subtrees are hidden (shown with a count).
    pub collapsed: HashSet<String>,
    /// Relationship view: the node at the centre (default: the dataset's focus).
    pub focus: Option<String>,
    /// Legend filters switched off: "kind:<relation kind id>", "group:<group id>",
    /// "secondary" (matrix lines) and "illustrative". The relationship map and the
    /// career view leave hidden items out; the organisation tree and the flow keep
    /// their shape and dim them. Hidden entries stay in the legend, marked hidden.
    pub hidden: BTreeSet<String>,
}

impl SceneOptions {
    pub fn new(lang: Lang) -> SceneOptions {
        SceneOptions {
            lang,
            scale: TypeScale::STANDARD,
            direction: Direction::LeftRight,
            compact: false,
            columns: 1.0,
            shape: None,
            collapsed: HashSet::new(),
            focus: None,
            hidden: BTreeSet::new(),
        }
    }
}

/// Lays out `view` of `dataset`.
pub fn scene(dataset: &Dataset, view: View, options: &SceneOptions) -> Scene {
    match view {
        View::Org => org::scene(dataset, options),
        View::Relationships => relationships::scene(dataset, options),
        View::Career => career::scene(dataset, options),
        View::Flow => flow::scene(dataset, options),
    }
}

/// Whether `view` has something of `dataset` to show: a relationship map needs
/// relations, the career paths career stages or moves, the inquiry flow a flow. (An
/// HR export has none of them: offering those views would show one lone card or an
/// empty page.) The organisation is offered whenever nothing else is.
pub fn has_data(dataset: &Dataset, view: View) -> bool {
    match view {
        View::Org => {
            dataset.nodes().any(|n| n.kind.is_organisational())
                || !View::ALL[1..].iter().any(|&v| has_data(dataset, v))
        }
        View::Relationships => !dataset.relations().is_empty(),
        View::Career => {
            !dataset.transitions().is_empty()
                || dataset.nodes().any(|n| n.kind == NodeKind::CareerStage)
        }
        View::Flow => flow::drawn(dataset).is_some(),
    }
}

/// The views that have something of `dataset` to show ([`has_data`]), in order.
pub fn with_data(dataset: &Dataset) -> Vec<View> {
    View::ALL
        .into_iter()
        .filter(|&v| has_data(dataset, v))
        .collect()
}

/// The filter key of a group's legend entry.
pub fn group_key(id: &str) -> String {
    format!("group:{id}")
}

/// The filter key of a relation kind's legend entry.
pub fn kind_key(id: &str) -> String {
    format!("kind:{id}")
}

/// The filter key of matrix (secondary) parent lines.
pub const SECONDARY_KEY: &str = "secondary";

/// The filter key of illustrative items.
pub const ILLUSTRATIVE_KEY: &str = "illustrative";

/// Checks a filter key against the dataset: what is wrong with it, if anything.
pub fn check_filter_key(dataset: &Dataset, key: &str) -> Result<(), String> {
    if key == SECONDARY_KEY || key == ILLUSTRATIVE_KEY {
        return Ok(());
    }
    if let Some(id) = key.strip_prefix("kind:") {
        return if dataset.relation_kinds().iter().any(|k| k.id == id) {
            Ok(())
        } else {
            Err(format!("no relation kind has the id \"{id}\""))
        };
    }
    if let Some(id) = key.strip_prefix("group:") {
        return if dataset.group(id).is_some() {
            Ok(())
        } else {
            Err(format!("no group has the id \"{id}\""))
        };
    }
    Err(format!(
        "unknown filter \"{key}\": use kind:<relation kind id>, group:<group id>, secondary or illustrative"
    ))
}

/// A view's legend, built entry by entry in the order the view lists them. The view
/// says what it draws; the builder knows each entry's swatch, label and filter key,
/// and marks the entries the options switch off as hidden.
pub(crate) struct Legend<'a> {
    dataset: &'a Dataset,
    lang: Lang,
    hidden: &'a BTreeSet<String>,
    entries: Vec<LegendEntry>,
}

/// How the legend names illustrative items: the organisation tree and the
/// relationship map say "illustrative", the career view and the flow "example", as
/// their badges do.
#[derive(Clone, Copy)]
pub(crate) enum IllustrativeWording {
    Illustrative,
    Example,
}

impl<'a> Legend<'a> {
    pub(crate) fn new(dataset: &'a Dataset, options: &'a SceneOptions) -> Legend<'a> {
        Legend {
            dataset,
            lang: options.lang,
            hidden: &options.hidden,
            entries: Vec::new(),
        }
    }

    /// Group `index` of the dataset's list: its colour, toggled by its filter key.
    /// Nothing for an index past the list.
    pub(crate) fn group(&mut self, index: usize) {
        let dataset = self.dataset;
        if let Some(g) = dataset.groups().get(index) {
            let accent = Accent::Group(index as u32);
            self.push(
                Swatch::Fill { accent },
                self.lang.pick(&g.label),
                Some(group_key(&g.id)),
            );
        }
    }

    /// Career track `index` of the dataset's list: its colour, which filters nothing.
    pub(crate) fn track(&mut self, index: usize) {
        let dataset = self.dataset;
        if let Some(t) = dataset.tracks().get(index) {
            let accent = Accent::Track(index as u32);
            self.push(Swatch::Fill { accent }, self.lang.pick(&t.label), None);
        }
    }

    /// Relation kind `index` of the dataset's list, drawn in `hue`, standing for
    /// `count` links: its line, toggled by its key, under its family's name.
    pub(crate) fn relation_kind(&mut self, index: usize, hue: u32, count: u32) {
        let dataset = self.dataset;
        if let Some(k) = dataset.relation_kinds().get(index) {
            let role = EdgeRole::Relation {
                kind: index as u32,
                hue,
            };
            let swatch = Swatch::Line {
                role,
                style: k.style,
            };
            self.push(swatch, self.lang.pick(&k.label), Some(kind_key(&k.id)));
            if let Some(entry) = self.entries.last_mut() {
                entry.count = Some(count);
                entry.family = k.family.as_ref().map(|f| self.lang.pick(f).to_owned());
            }
        }
    }

    /// A line that filters nothing, named `ja` or `en`.
    pub(crate) fn line(&mut self, role: EdgeRole, style: LineStyle, ja: &str, en: &str) {
        let label = match self.lang {
            Lang::Ja => ja,
            Lang::En => en,
        };
        self.push(Swatch::Line { role, style }, label, None);
    }

    /// The organisation tree's matrix (secondary) parent lines, toggled by
    /// [`SECONDARY_KEY`].
    pub(crate) fn secondary(&mut self) {
        let label = match self.lang {
            Lang::Ja => "兼務・副次的な所属",
            Lang::En => "Secondary (matrix) parent",
        };
        let swatch = Swatch::Line {
            role: EdgeRole::Secondary,
            style: LineStyle::Dashed,
        };
        self.push(swatch, label, Some(SECONDARY_KEY.into()));
    }

    /// Illustrative items, toggled by [`ILLUSTRATIVE_KEY`].
    pub(crate) fn illustrative(&mut self, wording: IllustrativeWording) {
        let label = match (wording, self.lang) {
            (IllustrativeWording::Illustrative, Lang::Ja) => "例示（記事にない補足）",
            (IllustrativeWording::Illustrative, Lang::En) => "Illustrative (not in the source)",
            (IllustrativeWording::Example, Lang::Ja) => "例: 出典にない、図のための例",
            (IllustrativeWording::Example, Lang::En) => "example: not in the source",
        };
        self.push(Swatch::Illustrative, label, Some(ILLUSTRATIVE_KEY.into()));
    }

    /// Adds an entry that toggles `key`, if given.
    fn push(&mut self, swatch: Swatch, label: &str, key: Option<String>) {
        self.entries.push(match key {
            Some(key) => LegendEntry::keyed(swatch, label, key, self.hidden),
            None => LegendEntry::plain(swatch, label),
        });
    }

    /// The entries, in the order they were added, but for families: a family's
    /// entries are moved up to follow its first. Relation kinds without a family
    /// are listed under one of their own when there are more than
    /// [`LOOSE_KINDS`], so a long legend still reads as a few headings.
    pub(crate) fn finish(self) -> Vec<LegendEntry> {
        let mut entries = self.entries;
        let is_kind = |e: &LegendEntry| {
            matches!(
                e.swatch,
                Swatch::Line {
                    role: EdgeRole::Relation { .. },
                    ..
                }
            )
        };
        let loose = entries
            .iter()
            .filter(|e| is_kind(e) && e.family.is_none())
            .count();
        if loose > LOOSE_KINDS {
            let named = entries.iter().any(|e| e.family.is_some());
            let name = match (self.lang, named) {
                (Lang::Ja, true) => "その他の関わり",
                (Lang::Ja, false) => "関わり",
                (Lang::En, true) => "Other relationships",
                (Lang::En, false) => "Relationships",
            };
            for e in entries
                .iter_mut()
                .filter(|e| is_kind(e) && e.family.is_none())
            {
                e.family = Some(name.to_owned());
            }
        }
        // A stable sort on the position of each entry's family's first entry.
        let mut first: HashMap<String, usize> = HashMap::new();
        let mut ranked: Vec<(usize, LegendEntry)> = entries
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                let rank = e.family.clone().map_or(i, |f| *first.entry(f).or_insert(i));
                (rank, e)
            })
            .collect();
        ranked.sort_by_key(|&(rank, _)| rank);
        ranked.into_iter().map(|(_, e)| e).collect()
    }
}

/// The most relation kinds without a family the legend lists loose; more are listed
/// under a family of their own.
const LOOSE_KINDS: usize = 4;

/// Each relation kind's hue (below [`LINE_HUES`]), by the kind's position in the
/// dataset's list. A family's kinds take the family's hue (families numbered in the
/// order of their first kind; a kind without a family is a family of its own), so
/// they share colour and arrowhead and differ by line style. A kind whose style
/// another kind already has in that hue takes the next hue free for its style: no two
/// kinds share both hue and style while no style has more than [`LINE_HUES`] kinds.
pub fn relation_hues(dataset: &Dataset) -> Vec<u32> {
    let style_index = |s: LineStyle| match s {
        LineStyle::Solid => 0,
        LineStyle::Dashed => 1,
        LineStyle::Dotted => 2,
        LineStyle::Double => 3,
    };
    let mut taken = [[false; 4]; LINE_HUES as usize];
    let mut families: HashMap<&Text, u32> = HashMap::new();
    let mut next = 0u32;
    let mut fresh = || {
        let hue = next % LINE_HUES;
        next += 1;
        hue
    };
    dataset
        .relation_kinds()
        .iter()
        .map(|k| {
            let preferred = match &k.family {
                Some(f) => *families.entry(f).or_insert_with(&mut fresh),
                None => fresh(),
            };
            let style = style_index(k.style);
            let hue = (0..LINE_HUES)
                .map(|j| (preferred + j) % LINE_HUES)
                .find(|&h| !taken[h as usize][style])
                .unwrap_or(preferred);
            taken[hue as usize][style] = true;
            hue
        })
        .collect()
}

/// The "example" badge on illustrative items.
pub fn badge(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "例",
        Lang::En => "example",
    }
}

pub fn kind_name(kind: NodeKind) -> Text {
    let (ja, en) = match kind {
        NodeKind::Organisation => ("組織", "Organisation"),
        NodeKind::Department => ("部門", "Department"),
        NodeKind::Team => ("チーム", "Team"),
        NodeKind::Role => ("ロール", "Role"),
        // 人物 rather than 社員: a chart of people holds contractors and officers too.
        NodeKind::Person => ("人物", "Person"),
        NodeKind::External => ("社外", "External"),
        NodeKind::CareerStage => ("キャリア段階", "Career stage"),
    };
    Text {
        ja: ja.into(),
        en: en.into(),
    }
}

/// What a career move is, e.g. "昇進" / "Promotion".
pub fn transition_kind_name(kind: TransitionKind) -> Text {
    let (ja, en) = match kind {
        TransitionKind::Entry => ("入社", "Joining"),
        TransitionKind::Promotion => ("昇進", "Promotion"),
        TransitionKind::TrackChoice => ("トラックの選択", "Track choice"),
        TransitionKind::RoleMove => ("別のロールへの異動", "Move to another role"),
    };
    Text {
        ja: ja.into(),
        en: en.into(),
    }
}

/// The caption under a card's title: kind, then the abbreviation when the title does
/// not already show it, then the job title. A person's card says only the job title:
/// a name and a photo say "person" better than a kind word; nor does a card say a
/// kind the file did not (a guess would label every card of an `id,parent,name` file
/// "Team"). Blank parts are left out, so no separator dangles.
pub fn caption(node: &Node, lang: Lang) -> String {
    let label = lang.pick(&node.label);
    let kind = kind_name(node.kind);
    let mut parts: Vec<&str> = Vec::new();
    if node.kind != NodeKind::Person && !node.kind_guessed {
        parts.push(lang.pick(&kind));
    }
    if let Some(short) = &node.short {
        let s = lang.pick(short);
        if !label.contains(s) {
            parts.push(s);
        }
    }
    if let Some(title) = &node.title {
        parts.push(lang.pick(title));
    }
    parts.retain(|p| !p.trim().is_empty());
    parts.join(" · ")
}

/// "12 direct reports" / "部下 12 人": the people (or units) directly under a person.
pub fn reports_line(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("部下 {n} 人"),
        Lang::En if n == 1 => "1 direct report".to_owned(),
        Lang::En => format!("{n} direct reports"),
    }
}

/// The letters a person's card shows when it has no photo: the family name's first
/// character for a name in Japanese script (written first, "山田 太郎" → 山), else
/// the first letters of the first and last words ("Steven King" → SK).
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some(first) = words.first() else {
        return String::new();
    };
    if first
        .chars()
        .next()
        .is_some_and(orgpath_model::vocab::is_japanese_char)
    {
        return first.chars().take(1).collect();
    }
    let letter = |w: &str| w.chars().find(|c| c.is_alphanumeric());
    let mut out = String::new();
    out.extend(letter(first).into_iter().flat_map(char::to_uppercase));
    if words.len() > 1 {
        if let Some(last) = words.last() {
            out.extend(letter(last).into_iter().flat_map(char::to_uppercase));
        }
    }
    out
}

/// A node's colour role: its group's position in the dataset's group list.
pub fn accent(dataset: &Dataset, node: &Node) -> Accent {
    node.group
        .as_deref()
        .and_then(|g| dataset.groups().iter().position(|x| x.id == g))
        .map_or(Accent::Neutral, |i| Accent::Group(i as u32))
}

/// The views' answer to what each draws, which the loader asks when it checks tours.
#[derive(Debug, Clone, Copy, Default)]
pub struct ViewDrawings;

impl Drawings for ViewDrawings {
    fn drawn(&self, dataset: &Dataset, view: View, focus: Option<&str>) -> Drawn {
        drawn(dataset, view, focus)
    }

    fn focal(&self, dataset: &Dataset, focus: Option<&str>) -> Option<String> {
        let mut options = SceneOptions::new(Lang::En);
        options.focus = focus.map(str::to_owned);
        relationships::focal(dataset, &options).map(|n| n.id.clone())
    }
}

/// What `view` draws; `focus` is the relationship map's focal node (the dataset's
/// focus when `None`).
pub fn drawn(dataset: &Dataset, view: View, focus: Option<&str>) -> Drawn {
    let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    match view {
        View::Org => {
            let org = |id: &str| dataset.node(id).is_some_and(|n| n.kind.is_organisational());
            Drawn {
                cards: dataset
                    .nodes()
                    .filter(|n| n.kind.is_organisational())
                    .map(|n| n.id.clone())
                    .collect(),
                links: dataset
                    .hierarchy()
                    .filter(|(child, parent, _)| org(child) && org(parent))
                    .map(|(child, parent, _)| pair(parent, child))
                    .collect(),
            }
        }
        View::Relationships => {
            let mut options = SceneOptions::new(Lang::En);
            options.focus = focus.map(str::to_owned);
            let cards = relationships::members(dataset, &options);
            let kinds = dataset.relation_kinds();
            let links = dataset
                .relations()
                .iter()
                .filter(|r| r.from != r.to && cards.contains(&r.from) && cards.contains(&r.to))
                .filter(|r| kinds.iter().any(|k| k.id == r.kind))
                .map(|r| pair(&r.from, &r.to))
                .collect();
            Drawn { cards, links }
        }
        View::Career => {
            let ends: HashSet<&str> = dataset
                .transitions()
                .iter()
                .flat_map(|t| [t.from.as_str(), t.to.as_str()])
                .collect();
            let cards: BTreeSet<String> = dataset
                .nodes()
                .filter(|n| n.kind == NodeKind::CareerStage || ends.contains(n.id.as_str()))
                .map(|n| n.id.clone())
                .collect();
            let links = dataset
                .transitions()
                .iter()
                .filter(|t| t.from != t.to && cards.contains(&t.from) && cards.contains(&t.to))
                .map(|t| pair(&t.from, &t.to))
                .collect();
            Drawn { cards, links }
        }
        View::Flow => {
            let Some(f) = flow::drawn(dataset) else {
                return Drawn::default();
            };
            let cards: BTreeSet<String> = f.steps.iter().map(|s| s.id.clone()).collect();
            let links = f
                .links
                .iter()
                .filter(|l| l.from != l.to && cards.contains(&l.from) && cards.contains(&l.to))
                .map(|l| pair(&l.from, &l.to))
                .collect();
            Drawn { cards, links }
        }
    }
}
