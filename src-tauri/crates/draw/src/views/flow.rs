//! Inquiry flow: the steps of a flow (the one with id "inquiry-flow", else the first),
//! numbered in the dataset's reading order. The main sequence runs top to bottom in
//! one column; steps reached only by branch links (asking the team, handing over) sit
//! in a second column beside it. Shortcuts, the main-sequence links that skip steps,
//! are drawn in a style of their own and run in the gutters beside the column: two
//! that would cross on one side go on opposite sides. The worked examples are listed
//! beside the diagram with the numbers of the steps they take.
//!
//! Geometry comes from [`crate::layout::layered`].

use std::collections::HashMap;

use crate::font::Weight;
use crate::layout::layered::{
    layers, layout, rows_from_layers, Item, Lane, Layered, Link, LinkLabel, Side,
};
use crate::scene::{
    Accent, Card, CardSpec, EdgeRole, Lang, LegendEntry, Rect, Region, Scene, SizedCard,
    TextColumn, TextRole, TextStyle, TypeScale, View,
};
use orgpath_model::dataset::{Dataset, Flow, FlowLink};
use orgpath_model::raw::{FlowLinkKind, LineStyle};

use super::career::number;
use super::{
    accent, badge, group_key, IllustrativeWording, Legend, SceneOptions, ILLUSTRATIVE_KEY,
};

/// Most steps side by side in one row of a column.
const PER_ROW: usize = 3;

/// The inquiry flow: its steps numbered in reading order, the main sequence in one
/// column and the side paths beside it, and the worked examples to the right.
pub fn scene(dataset: &Dataset, options: &SceneOptions) -> Scene {
    let lang = options.lang;
    let mut s = Scene::empty(View::Flow, lang, lang.pick(&View::Flow.name()).to_owned());
    if let Some(flow) = drawn(dataset) {
        draw(dataset, flow, options, &mut s);
    }
    s.fit(options.scale.margin);
    s
}

/// The flow the view draws: the one with id "inquiry-flow", else the first.
pub fn drawn(dataset: &Dataset) -> Option<&Flow> {
    dataset
        .flows()
        .iter()
        .find(|f| f.id == "inquiry-flow")
        .or_else(|| dataset.flows().first())
}

/// Fills `s` with `flow`: lays out its steps and links, adds the examples panel,
/// dims what the filters switch off, and writes the legend, title and description.
fn draw(dataset: &Dataset, flow: &Flow, options: &SceneOptions, s: &mut Scene) {
    let lang = options.lang;
    let ts = &options.scale;
    let graph = Graph::of(flow);
    let grid = grid(flow, &graph);
    let placed = layout(
        Layered {
            full_rows: 0,
            lanes: grid.lanes(),
            items: items(dataset, flow, options, &grid),
            links: links(&graph, &grid, lang),
        },
        ts,
    );
    let mut regions = placed.regions;
    if !flow.examples.is_empty() && !placed.cards.is_empty() {
        regions.push(examples_region(
            flow,
            &graph.index,
            lang,
            ts,
            &placed.bounds,
        ));
    }
    let mut cards = placed.cards;
    dim_filtered(dataset, flow, options, &mut cards);
    s.legend = legend(dataset, options, flow, &graph, &grid, &cards);
    s.title = lang.pick(&flow.label).to_owned();
    s.description = flow.description.as_ref().map_or_else(
        || lang.pick(&flow.label).to_owned(),
        |d| lang.pick(d).to_owned(),
    );
    s.regions = regions;
    s.edges = placed.edges;
    s.cards = cards;
    s.labels = placed.labels;
}

/// A flow's steps and the links between two different steps.
struct Graph<'d> {
    /// A step's position in the flow, by id.
    index: HashMap<&'d str, usize>,
    /// Each link with the positions of its ends, in file order.
    links: Vec<(usize, usize, &'d FlowLink)>,
}

impl<'d> Graph<'d> {
    fn of(flow: &'d Flow) -> Graph<'d> {
        let index: HashMap<&str, usize> = flow
            .steps
            .iter()
            .enumerate()
            .map(|(i, st)| (st.id.as_str(), i))
            .collect();
        let links = flow
            .links
            .iter()
            .filter_map(|l| Some((*index.get(l.from.as_str())?, *index.get(l.to.as_str())?, l)))
            .filter(|(a, b, _)| a != b)
            .collect();
        Graph { index, links }
    }

    fn has(&self, kind: FlowLinkKind) -> bool {
        self.links.iter().any(|(_, _, l)| l.kind == kind)
    }
}

/// Where each step goes: its row, and its column (0 the main one, 1 the side paths).
struct Grid {
    row: Vec<usize>,
    lane: Vec<usize>,
    /// Each step's layer: one below its lowest predecessor.
    layer: Vec<usize>,
}

impl Grid {
    /// One lane per column in use, without a region.
    fn lanes(&self) -> Vec<Lane> {
        (0..=self.lane.iter().copied().max().unwrap_or(0))
            .map(|_| Lane { region: None })
            .collect()
    }
}

/// Takes the flow's links; gives each step's place. The main column holds every step
/// on the main sequence, and any step no branch leads to; the rest are side paths.
/// Rows follow the links' layers.
fn grid(flow: &Flow, graph: &Graph<'_>) -> Grid {
    let n = flow.steps.len();
    let mut on_next = vec![false; n];
    let mut branched_to = vec![false; n];
    for &(a, b, l) in &graph.links {
        match l.kind {
            FlowLinkKind::Next => {
                on_next[a] = true;
                on_next[b] = true;
            }
            FlowLinkKind::Branch => branched_to[b] = true,
        }
    }
    let lane: Vec<usize> = (0..n)
        .map(|i| usize::from(!on_next[i] && branched_to[i]))
        .collect();
    let layer = layers(
        n,
        &graph
            .links
            .iter()
            .map(|&(a, b, _)| (a, b))
            .collect::<Vec<_>>(),
    );
    let (row, _) = rows_from_layers(&layer, &lane, PER_ROW);
    Grid { row, lane, layer }
}

/// Whether the link from step `a` to step `b` of `kind` is a shortcut: a
/// main-sequence link that passes over a layer of steps.
fn is_shortcut(kind: FlowLinkKind, a: usize, b: usize, grid: &Grid) -> bool {
    kind == FlowLinkKind::Next && grid.layer[b] > grid.layer[a] + 1
}

/// The side each shortcut runs along, by link: shortcuts in one column whose spans
/// of rows interleave (one starts inside the other and ends below it) would cross on
/// one side, so they take opposite sides; the first of each such chain goes left. A
/// shortcut the sides cannot keep apart (an odd ring of interleaving ones), or whose
/// ends are in different columns, gets none and is routed through the channels.
fn sides(graph: &Graph<'_>, grid: &Grid) -> Vec<Option<Side>> {
    let links = &graph.links;
    let shortcut: Vec<usize> = (0..links.len())
        .filter(|&i| {
            let (a, b, l) = links[i];
            is_shortcut(l.kind, a, b, grid) && grid.lane[a] == grid.lane[b]
        })
        .collect();
    let span = |i: usize| (grid.row[links[i].0], grid.row[links[i].1]);
    let interleave = |i: usize, j: usize| {
        let ((a1, b1), (a2, b2)) = (span(i), span(j));
        grid.lane[links[i].0] == grid.lane[links[j].0]
            && ((a1 < a2 && a2 < b1 && b1 < b2) || (a2 < a1 && a1 < b2 && b2 < b1))
    };
    let mut side: Vec<Option<Side>> = vec![None; links.len()];
    let mut odd = vec![false; links.len()];
    for &first in &shortcut {
        if side[first].is_some() {
            continue;
        }
        side[first] = Some(Side::Left);
        let mut queue = vec![first];
        while let Some(i) = queue.pop() {
            let other = match side[i] {
                Some(Side::Left) => Side::Right,
                _ => Side::Left,
            };
            for &j in shortcut.iter().filter(|&&j| interleave(i, j)) {
                match side[j] {
                    None => {
                        side[j] = Some(other);
                        queue.push(j);
                    }
                    Some(s) if s != other => odd[j] = true,
                    Some(_) => {}
                }
            }
        }
    }
    for (i, o) in odd.into_iter().enumerate() {
        if o {
            side[i] = None;
        }
    }
    side
}

/// A card per step, numbered, captioned with its actor and in the actor's colour.
fn items(dataset: &Dataset, flow: &Flow, options: &SceneOptions, grid: &Grid) -> Vec<Item> {
    let lang = options.lang;
    flow.steps
        .iter()
        .enumerate()
        .map(|(i, st)| {
            let actor = st.actor.as_deref().and_then(|a| dataset.node(a));
            let title = numbered(i + 1, lang.pick(&st.label), lang);
            let card = SizedCard::new(
                CardSpec {
                    id: &st.id,
                    title: &title,
                    caption: actor.map(|a| lang.pick(&a.label).to_owned()),
                    badge: st.illustrative.then(|| badge(lang)),
                    accent: actor.map_or(Accent::Neutral, |a| accent(dataset, a)),
                    description: st.description.as_ref().map(|d| lang.pick(d)),
                    illustrative: st.illustrative,
                    emphasis: false,
                    collapsed: None,
                },
                &options.scale,
            );
            Item {
                card,
                row: grid.row[i],
                lane: grid.lane[i],
            }
        })
        .collect()
}

/// An arrow per link: solid for the main sequence, dotted (in a colour and with a
/// head of its own) for a shortcut, dashed for a branch.
fn links(graph: &Graph<'_>, grid: &Grid, lang: Lang) -> Vec<Link> {
    let side = sides(graph, grid);
    graph
        .links
        .iter()
        .zip(side)
        .map(|(&(from, to, l), side)| {
            let (role, style) = match l.kind {
                _ if is_shortcut(l.kind, from, to, grid) => {
                    (EdgeRole::FlowShortcut, LineStyle::Dotted)
                }
                FlowLinkKind::Next => (EdgeRole::FlowNext, LineStyle::Solid),
                FlowLinkKind::Branch => (EdgeRole::FlowBranch, LineStyle::Dashed),
            };
            let label = l.label.as_ref().map(|t| LinkLabel {
                text: lang.pick(t).to_owned(),
                note: None,
            });
            Link {
                from,
                to,
                role,
                style,
                label,
                kind: l.kind.as_str().to_owned(),
                side,
            }
        })
        .collect()
}

/// Dims the steps the filters switch off: filters keep the sequence, so steps of
/// hidden groups, and illustrative steps when asked, stay in place, faint.
fn dim_filtered(dataset: &Dataset, flow: &Flow, options: &SceneOptions, cards: &mut [Card]) {
    let hidden = &options.hidden;
    for (c, st) in cards.iter_mut().zip(&flow.steps) {
        let group = st
            .actor
            .as_deref()
            .and_then(|a| dataset.node(a))
            .and_then(|a| a.group.as_deref());
        c.dimmed = group.is_some_and(|g| hidden.contains(&group_key(g)))
            || (st.illustrative && hidden.contains(ILLUSTRATIVE_KEY));
    }
}

/// The legend of a drawing with steps: their actors' groups (in the dataset's
/// order), the kinds of link drawn, and "example" when a step is illustrative.
fn legend(
    dataset: &Dataset,
    options: &SceneOptions,
    flow: &Flow,
    graph: &Graph<'_>,
    grid: &Grid,
    cards: &[Card],
) -> Vec<LegendEntry> {
    let mut legend = Legend::new(dataset, options);
    if cards.is_empty() {
        return legend.finish();
    }
    let mut groups: Vec<usize> = cards
        .iter()
        .filter_map(|c| match c.accent {
            Accent::Group(g) => Some(g as usize),
            _ => None,
        })
        .collect();
    groups.sort_unstable();
    groups.dedup();
    for g in groups {
        legend.group(g);
    }
    if graph.has(FlowLinkKind::Next) {
        legend.line(
            EdgeRole::FlowNext,
            LineStyle::Solid,
            "次の手順",
            "Next step",
        );
    }
    if graph
        .links
        .iter()
        .any(|&(a, b, l)| is_shortcut(l.kind, a, b, grid))
    {
        legend.line(
            EdgeRole::FlowShortcut,
            LineStyle::Dotted,
            "手順を飛ばす近道",
            "Shortcut (skips steps)",
        );
    }
    if graph.has(FlowLinkKind::Branch) {
        legend.line(
            EdgeRole::FlowBranch,
            LineStyle::Dashed,
            "必要に応じて",
            "When needed",
        );
    }
    if flow.steps.iter().any(|st| st.illustrative) {
        legend.illustrative(IllustrativeWording::Example);
    }
    legend.finish()
}

/// A step's title with its number: "①お客様からの問い合わせ", "① Customer inquiry".
fn numbered(n: usize, label: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{}{label}", number(n)),
        Lang::En => format!("{} {label}", number(n)),
    }
}

/// The worked examples, to the right of the diagram: each customer question, the
/// numbers of the steps it took, and how it was handled.
fn examples_region(
    flow: &Flow,
    index: &HashMap<&str, usize>,
    lang: Lang,
    ts: &TypeScale,
    bounds: &Rect,
) -> Region {
    let pad = (ts.pad * 1.5).round();
    let width = (ts.max_title_width * 1.6).round();
    let x = bounds.right() + ts.level_gap * 0.75;
    let y = bounds.y;
    let mut panel = TextColumn::new(x + pad, y + pad, width - 2.0 * pad);
    let heading = match lang {
        Lang::Ja => "対応の例",
        Lang::En => "Worked examples",
    };
    let style = |size, weight, role, line| TextStyle {
        size,
        weight,
        role,
        line,
        nudge: 0.0,
    };
    panel.push_line(
        heading.into(),
        style(ts.title, Weight::Bold, TextRole::Heading, ts.title_line()),
    );
    let line = ts.caption_line();
    let label = style(ts.label, Weight::Bold, TextRole::Label, line);
    let path = style(ts.label, Weight::Regular, TextRole::Label, line);
    let description = style(ts.caption, Weight::Regular, TextRole::Caption, line);
    for (k, e) in flow.examples.iter().enumerate() {
        panel.y += ts.pad;
        let lead = match lang {
            Lang::Ja => format!("例{}  ", k + 1),
            Lang::En => format!("Example {}  ", k + 1),
        };
        panel.push_wrapped(&format!("{lead}{}", lang.pick(&e.label)), label, 3);
        let steps: Vec<String> = e
            .path
            .iter()
            .filter_map(|p| index.get(p.as_str()))
            .map(|&i| number(i + 1))
            .collect();
        if !steps.is_empty() {
            panel.push_wrapped(&steps.join(" → "), path, 2);
        }
        panel.indented(ts.pad, |p| {
            p.push_wrapped(lang.pick(&e.description), description, 4)
        });
    }
    let h = (panel.y + pad - y).ceil();
    Region {
        id: "examples".into(),
        rect: Rect { x, y, w: width, h },
        accent: Accent::Neutral,
        texts: panel.texts,
    }
}
