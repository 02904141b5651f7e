//! Career paths: the shared stages at the top (joining, training, first role), then
//! one lane per career track side by side, and an area for the moves out to other
//! roles. Every transition is an arrow with its label and the numbers of what the move
//! builds; the numbered list of capabilities sits under the diagram.
//!
//! Geometry comes from [`crate::layout::layered`].

use std::collections::{HashMap, HashSet};

use crate::font::{wrap, Metrics, Weight};
use crate::layout::layered::{
    layers, layout, rows_from_layers, Item, Lane, LaneRegion, Layered, Link, LinkLabel, Placed,
};
use crate::scene::{
    baseline, Accent, CardSpec, EdgeRole, Lang, LegendEntry, Rect, Region, Scene, SizedCard,
    TextRole, TextRun, View,
};
use orgpath_model::dataset::{Dataset, Node, Transition};
use orgpath_model::raw::{LineStyle, NodeKind};

use super::{accent, badge, caption, IllustrativeWording, Legend, SceneOptions, ILLUSTRATIVE_KEY};

/// Most cards side by side in one row of the shared stages, and of a lane.
const SHARED_PER_ROW: usize = 4;
const LANE_PER_ROW: usize = 3;

/// Where a node goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Shared,
    Track(usize),
    Out,
}

/// The career view: the shared stages, a lane per track, the moves out, and the
/// numbered capabilities under them.
pub fn scene(dataset: &Dataset, options: &SceneOptions) -> Scene {
    let lang = options.lang;
    let ts = &options.scale;
    let members = members(dataset, options);
    let lanes = lanes(dataset, lang, &members.section);
    let rows = rows(&members, &lanes);
    let (items, item) = items(dataset, options, &members, &lanes, &rows);
    let links = links(dataset, lang, &members, &item);
    let placed = layout(
        Layered {
            full_rows: rows.full_rows,
            lanes: lanes.lanes,
            items,
            links,
        },
        ts,
    );
    let mut scene = Scene::empty(
        View::Career,
        lang,
        lang.pick(&View::Career.name()).to_owned(),
    );
    scene.legend = legend(dataset, options, &members.section, &placed);
    scene.description = describe(
        dataset,
        lang,
        members.nodes.len(),
        placed.edges.len(),
        &members.section,
    );
    scene.regions = placed.regions;
    if !placed.cards.is_empty() && !dataset.capabilities().is_empty() {
        scene
            .regions
            .push(capability_region(dataset, lang, ts, &placed.bounds));
    }
    scene.edges = placed.edges;
    scene.cards = placed.cards;
    scene.labels = placed.labels;
    scene.fit(ts.margin);
    scene
}

/// What the view draws, before anything is measured.
struct Members<'d> {
    /// The transitions the filters leave, in file order.
    transitions: Vec<&'d Transition>,
    /// Every career stage and every node a transition starts or ends at, in file order.
    nodes: Vec<&'d Node>,
    /// A node's position in `nodes`, by id.
    index: HashMap<&'d str, usize>,
    /// The moves between two different nodes, as positions in `nodes`.
    moves: Vec<(usize, usize)>,
    /// Where each of `nodes` goes.
    section: Vec<Section>,
}

/// Takes the dataset and the filters; gives the nodes and moves the view draws and
/// where each node goes. The "illustrative" filter leaves out the stages and moves
/// the source does not state.
fn members<'d>(dataset: &'d Dataset, options: &SceneOptions) -> Members<'d> {
    let hide_illustrative = options.hidden.contains(ILLUSTRATIVE_KEY);
    let transitions: Vec<&Transition> = dataset
        .transitions()
        .iter()
        .filter(|t| !(hide_illustrative && t.illustrative))
        .collect();
    let involved: HashSet<&str> = transitions
        .iter()
        .flat_map(|t| [t.from.as_str(), t.to.as_str()])
        .collect();
    let nodes: Vec<&Node> = dataset
        .nodes()
        .filter(|n| n.kind == NodeKind::CareerStage || involved.contains(n.id.as_str()))
        .filter(|n| !(hide_illustrative && n.illustrative))
        .collect();
    let index: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let moves: Vec<(usize, usize)> = transitions
        .iter()
        .filter_map(|t| Some((*index.get(t.from.as_str())?, *index.get(t.to.as_str())?)))
        .filter(|(a, b)| a != b)
        .collect();
    let section = sections(dataset, &nodes, &moves);
    Members {
        transitions,
        nodes,
        index,
        moves,
        section,
    }
}

/// Where each node goes: its track's lane; else the shared stages for a career stage
/// or a node no move enters; else the moves out.
fn sections(dataset: &Dataset, nodes: &[&Node], moves: &[(usize, usize)]) -> Vec<Section> {
    let tracks = dataset.tracks();
    let mut entered = vec![false; nodes.len()];
    for &(_, b) in moves {
        entered[b] = true;
    }
    nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            match n
                .track
                .as_deref()
                .and_then(|t| tracks.iter().position(|x| x.id == t))
            {
                Some(t) => Section::Track(t),
                None if n.kind == NodeKind::CareerStage || !entered[i] => Section::Shared,
                None => Section::Out,
            }
        })
        .collect()
}

/// The lanes under the shared stages, and which lane holds which section.
struct Lanes {
    lanes: Vec<Lane>,
    of_section: Vec<(Section, usize)>,
}

impl Lanes {
    /// The lane of a section (0 for the shared stages, which span every lane).
    fn of(&self, s: Section) -> usize {
        self.of_section
            .iter()
            .find(|(x, _)| *x == s)
            .map_or(0, |&(_, l)| l)
    }
}

/// Takes the sections in use; gives a lane for each track that holds a node, in the
/// dataset's order, then one for the moves out.
fn lanes(dataset: &Dataset, lang: Lang, section: &[Section]) -> Lanes {
    let mut lanes = Vec::new();
    let mut of_section: Vec<(Section, usize)> = Vec::new();
    for (t, track) in dataset.tracks().iter().enumerate() {
        if section.contains(&Section::Track(t)) {
            of_section.push((Section::Track(t), lanes.len()));
            lanes.push(Lane {
                region: Some(LaneRegion {
                    id: format!("track-{}", track.id),
                    accent: Accent::Track(t as u32),
                    heading: lang.pick(&track.label).to_owned(),
                }),
            });
        }
    }
    if section.contains(&Section::Out) {
        of_section.push((Section::Out, lanes.len()));
        let heading = match lang {
            Lang::Ja => "他のロールへ",
            Lang::En => "To other roles",
        };
        lanes.push(Lane {
            region: Some(LaneRegion {
                id: "moves-out".into(),
                accent: Accent::Neutral,
                heading: heading.into(),
            }),
        });
    }
    Lanes { lanes, of_section }
}

/// The grid rows of the nodes.
struct Rows {
    /// Node i's row.
    row: Vec<usize>,
    /// How many rows the shared stages take across the whole width.
    full_rows: usize,
    /// The nodes in lanes, in the order the lanes list them.
    laned: Vec<usize>,
}

/// Takes the members and their lanes; gives each node's row: the shared stages by
/// the moves between them, then each lane by its own moves, under the shared rows.
fn rows(m: &Members<'_>, lanes: &Lanes) -> Rows {
    let n = m.nodes.len();
    let mut row = vec![0usize; n];
    let shared: Vec<usize> = (0..n)
        .filter(|&i| m.section[i] == Section::Shared)
        .collect();
    let layer = local_layers(&shared, &m.moves);
    let (rows, full_rows) = rows_from_layers(&layer, &vec![0; shared.len()], SHARED_PER_ROW);
    for (j, &i) in shared.iter().enumerate() {
        row[i] = rows[j];
    }
    let laned = laned(m);
    let mut layer_of = vec![0usize; n];
    for &(s, _) in &lanes.of_section {
        let members: Vec<usize> = laned
            .iter()
            .copied()
            .filter(|&i| m.section[i] == s)
            .collect();
        for (j, l) in local_layers(&members, &m.moves).into_iter().enumerate() {
            layer_of[members[j]] = l;
        }
    }
    let layer: Vec<usize> = laned.iter().map(|&i| layer_of[i]).collect();
    let lane: Vec<usize> = laned.iter().map(|&i| lanes.of(m.section[i])).collect();
    let (rows, _) = rows_from_layers(&layer, &lane, LANE_PER_ROW);
    for (j, &i) in laned.iter().enumerate() {
        row[i] = full_rows + rows[j];
    }
    Rows {
        row,
        full_rows,
        laned,
    }
}

/// The nodes in lanes: track nodes in file order, then the moves out in the order
/// of the moves that reach them.
fn laned(m: &Members<'_>) -> Vec<usize> {
    let mut laned: Vec<usize> = (0..m.nodes.len())
        .filter(|&i| m.section[i] != Section::Shared && m.section[i] != Section::Out)
        .collect();
    let mut listed = vec![false; m.nodes.len()];
    for &(_, b) in &m.moves {
        if m.section[b] == Section::Out && !listed[b] {
            listed[b] = true;
            laned.push(b);
        }
    }
    laned
}

/// Takes the placed-out members; gives their cards, shared first, then lane by lane,
/// and `item[i]`, node i's position among the cards.
fn items(
    dataset: &Dataset,
    options: &SceneOptions,
    m: &Members<'_>,
    lanes: &Lanes,
    rows: &Rows,
) -> (Vec<Item>, Vec<usize>) {
    let order: Vec<usize> = (0..m.nodes.len())
        .filter(|&i| m.section[i] == Section::Shared)
        .chain(rows.laned.iter().copied())
        .collect();
    let mut item = vec![0usize; m.nodes.len()];
    for (k, &i) in order.iter().enumerate() {
        item[i] = k;
    }
    let items = order
        .iter()
        .map(|&i| Item {
            card: card(dataset, options, m.nodes[i], m.section[i]),
            row: rows.row[i],
            lane: match m.section[i] {
                Section::Shared => 0,
                s => lanes.of(s),
            },
        })
        .collect();
    (items, item)
}

/// A stage's or role's card, in its track's colour when it has one. A career stage's
/// caption is its title alone.
fn card(dataset: &Dataset, options: &SceneOptions, n: &Node, section: Section) -> SizedCard {
    let lang = options.lang;
    let accent = match section {
        Section::Track(t) => Accent::Track(t as u32),
        _ => accent(dataset, n),
    };
    let caption = if n.kind == NodeKind::CareerStage {
        n.title.as_ref().map(|t| lang.pick(t).to_owned())
    } else {
        Some(caption(n, lang))
    };
    SizedCard::new(
        CardSpec {
            id: &n.id,
            title: lang.pick(&n.label),
            caption,
            badge: n.illustrative.then(|| badge(lang)),
            accent,
            description: n.description.as_ref().map(|d| lang.pick(d)),
            illustrative: n.illustrative,
            emphasis: false,
            collapsed: None,
        },
        &options.scale,
    )
}

/// Takes the transitions and the cards' positions; gives an arrow per move, dashed
/// when illustrative, labelled by [`move_label`].
fn links(dataset: &Dataset, lang: Lang, m: &Members<'_>, item: &[usize]) -> Vec<Link> {
    m.transitions
        .iter()
        .filter_map(|t| {
            let (from, to) = (
                item[*m.index.get(t.from.as_str())?],
                item[*m.index.get(t.to.as_str())?],
            );
            let style = if t.illustrative {
                LineStyle::Dashed
            } else {
                LineStyle::Solid
            };
            Some(Link {
                from,
                to,
                role: EdgeRole::Transition,
                style,
                label: move_label(dataset, lang, t),
                kind: t.kind.as_str().to_owned(),
                side: None,
            })
        })
        .collect()
}

/// A move's label and, under it, the numbers of the capabilities it builds (numbered
/// in the dataset's order); the numbers alone when the move has no label.
fn move_label(dataset: &Dataset, lang: Lang, t: &Transition) -> Option<LinkLabel> {
    let caps = dataset.capabilities();
    let numbers: Vec<String> = t
        .builds
        .iter()
        .filter_map(|b| caps.iter().position(|c| &c.id == b))
        .map(|i| number(i + 1))
        .collect();
    let note = (!numbers.is_empty()).then(|| {
        let lead = match lang {
            Lang::Ja => "身につく力",
            Lang::En => "Builds",
        };
        format!("{lead} {}", numbers.join(""))
    });
    match (t.label.as_ref().map(|l| lang.pick(l).to_owned()), note) {
        (Some(text), note) => Some(LinkLabel { text, note }),
        (None, Some(note)) => Some(LinkLabel {
            text: note,
            note: None,
        }),
        (None, None) => None,
    }
}

/// The legend of a drawing with cards: the tracks drawn, the career move line when
/// one is drawn, and "example" while the unfiltered view would show an illustrative
/// item.
fn legend(
    dataset: &Dataset,
    options: &SceneOptions,
    section: &[Section],
    placed: &Placed,
) -> Vec<LegendEntry> {
    let mut legend = Legend::new(dataset, options);
    if placed.cards.is_empty() {
        return legend.finish();
    }
    for t in 0..dataset.tracks().len() {
        if section.contains(&Section::Track(t)) {
            legend.track(t);
        }
    }
    if !placed.edges.is_empty() {
        legend.line(
            EdgeRole::Transition,
            LineStyle::Solid,
            "キャリアの移動",
            "Career move",
        );
    }
    let involved_all = |id: &str| {
        dataset
            .transitions()
            .iter()
            .any(|t| t.from == id || t.to == id)
    };
    if dataset.transitions().iter().any(|t| t.illustrative)
        || dataset
            .nodes()
            .any(|n| n.illustrative && (n.kind == NodeKind::CareerStage || involved_all(&n.id)))
    {
        legend.illustrative(IllustrativeWording::Example);
    }
    legend.finish()
}

/// Layers of `members` (indices into the view's nodes) by the moves among them.
fn local_layers(members: &[usize], moves: &[(usize, usize)]) -> Vec<usize> {
    let local: HashMap<usize, usize> = members.iter().enumerate().map(|(j, &i)| (i, j)).collect();
    let edges: Vec<(usize, usize)> = moves
        .iter()
        .filter_map(|(a, b)| Some((*local.get(a)?, *local.get(b)?)))
        .collect();
    layers(members.len(), &edges)
}

/// ①..⑳, then plain numbers.
pub(crate) fn number(n: usize) -> String {
    match n {
        1..=20 => char::from_u32(0x2460 + n as u32 - 1).map_or_else(|| n.to_string(), String::from),
        _ => format!("({n})"),
    }
}

/// The numbered list of what the work builds, under the diagram, in as many columns as
/// fit its width.
fn capability_region(
    dataset: &Dataset,
    lang: Lang,
    ts: &crate::scene::TypeScale,
    bounds: &Rect,
) -> Region {
    let m = Metrics::get();
    let pad = (ts.pad * 1.5).round();
    let heading = match lang {
        Lang::Ja => "身につく力",
        Lang::En => "What the work builds",
    };
    // An entry is one line, cut with "…" past the diagram's width (or two card
    // titles' width under a narrow diagram): a long name must not widen the drawing.
    let most = (bounds.w - 2.0 * pad).max(ts.max_title_width * 2.0);
    let entries: Vec<(String, f32)> = dataset
        .capabilities()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let text = format!(
                "{} {}{}",
                number(i + 1),
                lang.pick(&c.label),
                if c.illustrative {
                    format!(" ({})", super::badge(lang))
                } else {
                    String::new()
                }
            );
            let text = wrap(&text, ts.label, Weight::Regular, most, 1).concat();
            let w = m.width(&text, ts.label, Weight::Regular);
            (text, w)
        })
        .collect();
    let col_gap = ts.sibling_gap * 2.0;
    let col_w = entries.iter().map(|e| e.1).fold(0.0, f32::max) + col_gap;
    let heading_w = m.width(heading, ts.title, Weight::Bold);
    let avail = (bounds.w - 2.0 * pad).max(col_w);
    let cols = ((avail / col_w).floor() as usize).clamp(1, entries.len().max(1));
    let rows = entries.len().div_ceil(cols);
    let cols = entries.len().div_ceil(rows.max(1)).max(1);
    // Columns share out the width, within reason.
    let step = ((avail + col_gap) / cols as f32).clamp(col_w, col_w * 2.0);
    let line = ts.caption_line();
    let x = bounds.x;
    let y = bounds.bottom() + ts.level_gap * 0.5;
    let mut texts = vec![TextRun {
        x: x + pad,
        y: y + pad + baseline(ts.title, ts.title_line()),
        text: heading.into(),
        size: ts.title,
        weight: Weight::Bold,
        role: TextRole::Heading,
        width: heading_w,
    }];
    let top = y + pad + ts.title_line() + ts.pad * 0.5;
    for (k, (text, w)) in entries.into_iter().enumerate() {
        let (c, r) = (k / rows, k % rows);
        texts.push(TextRun {
            x: x + pad + c as f32 * step,
            y: top + r as f32 * line + baseline(ts.label, line),
            text,
            size: ts.label,
            weight: Weight::Regular,
            role: TextRole::Label,
            width: w,
        });
    }
    // As wide as the diagram above it, so the two line up.
    let w = ((cols as f32 * step - col_gap).max(heading_w) + 2.0 * pad).max(bounds.w);
    let h = top - y + rows as f32 * line + pad;
    Region {
        id: "capabilities".into(),
        rect: Rect {
            x,
            y,
            w: w.ceil(),
            h: h.ceil(),
        },
        accent: Accent::Neutral,
        texts,
    }
}

fn describe(
    dataset: &Dataset,
    lang: Lang,
    nodes: usize,
    moves: usize,
    section: &[Section],
) -> String {
    let title = lang.pick(&dataset.meta().title);
    let tracks: Vec<&str> = dataset
        .tracks()
        .iter()
        .enumerate()
        .filter(|(t, _)| section.contains(&Section::Track(*t)))
        .map(|(_, t)| lang.pick(&t.label))
        .collect();
    match lang {
        Lang::Ja => {
            let mut s = format!("{title}のキャリアパス: 段階とロール {nodes}、移動 {moves}。");
            if !tracks.is_empty() {
                s.push_str(&format!("トラック: {}。", tracks.join("、")));
            }
            s
        }
        Lang::En => {
            let mut s =
                format!("Career paths in {title}: {nodes} stages and roles, {moves} moves.");
            if !tracks.is_empty() {
                s.push_str(&format!(" Tracks: {}.", tracks.join(", ")));
            }
            s
        }
    }
}
