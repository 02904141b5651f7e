//! Career paths: the shared stages at the top (joining, training, first role), then
//! one lane per career track side by side, and an area for the moves out to other
//! roles. Every transition is an arrow with its label and the numbers of what the move
//! builds; the numbered list of capabilities sits under the diagram.
//!
//! Geometry comes from [`crate::layout::layered`].

use std::collections::{HashMap, HashSet};

use crate::font::{wrap, Metrics, Weight};
use crate::layout::layered::{
    layers, layout, rows_from_layers, Item, Lane, LaneRegion, Layered, Link, LinkLabel,
};
use crate::scene::{
    baseline, Accent, CardSpec, EdgeRole, Lang, LegendEntry, Rect, Region, Scene, SizedCard,
    Swatch, TextRole, TextRun, View,
};
use orgpath_model::dataset::{Dataset, Node, Transition};
use orgpath_model::raw::{LineStyle, NodeKind};

use super::{accent, badge, caption, SceneOptions, ILLUSTRATIVE_KEY};

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

pub fn scene(dataset: &Dataset, options: &SceneOptions) -> Scene {
    let lang = options.lang;
    let ts = &options.scale;
    let tracks = dataset.tracks();
    // The "illustrative" filter leaves out the stages and moves the source does not state.
    let hide_illustrative = options.hidden.contains(ILLUSTRATIVE_KEY);
    let transitions: Vec<&Transition> = dataset
        .transitions()
        .iter()
        .filter(|t| !(hide_illustrative && t.illustrative))
        .collect();

    // The nodes of the view, in file order: every career stage, and every node a
    // transition starts or ends at.
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

    let mut entered = vec![false; nodes.len()];
    for &(_, b) in &moves {
        entered[b] = true;
    }
    let section: Vec<Section> = nodes
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
        .collect();

    // Lanes: each track that holds a node, in the dataset's order, then the moves out.
    let mut lanes = Vec::new();
    let mut lane_of_section: Vec<(Section, usize)> = Vec::new();
    for (t, track) in tracks.iter().enumerate() {
        if section.contains(&Section::Track(t)) {
            lane_of_section.push((Section::Track(t), lanes.len()));
            lanes.push(Lane {
                region: Some(LaneRegion {
                    id: format!("track-{}", track.id),
                    accent: Accent::Track(t as u8),
                    heading: lang.pick(&track.label).to_owned(),
                }),
            });
        }
    }
    if section.contains(&Section::Out) {
        lane_of_section.push((Section::Out, lanes.len()));
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
    let lane_of = |s: Section| {
        lane_of_section
            .iter()
            .find(|(x, _)| *x == s)
            .map_or(0, |&(_, l)| l)
    };

    // Rows: shared stages by the moves between them, then each lane by its own moves.
    let mut row = vec![0usize; nodes.len()];
    let mut full_rows = 0;
    {
        let members: Vec<usize> = (0..nodes.len())
            .filter(|&i| section[i] == Section::Shared)
            .collect();
        let layer = local_layers(&members, &moves);
        let (rows, count) = rows_from_layers(&layer, &vec![0; members.len()], SHARED_PER_ROW);
        for (j, &i) in members.iter().enumerate() {
            row[i] = rows[j];
        }
        full_rows = full_rows.max(count);
    }
    // Lanes list their nodes in file order, except the moves out, which follow the
    // order of the moves that reach them.
    let mut laned: Vec<usize> = (0..nodes.len())
        .filter(|&i| section[i] != Section::Shared && section[i] != Section::Out)
        .collect();
    let mut listed = vec![false; nodes.len()];
    for &(_, b) in &moves {
        if section[b] == Section::Out && !listed[b] {
            listed[b] = true;
            laned.push(b);
        }
    }
    let mut layer_of = vec![0usize; nodes.len()];
    for &(s, _) in &lane_of_section {
        let members: Vec<usize> = laned.iter().copied().filter(|&i| section[i] == s).collect();
        for (j, l) in local_layers(&members, &moves).into_iter().enumerate() {
            layer_of[members[j]] = l;
        }
    }
    let layer: Vec<usize> = laned.iter().map(|&i| layer_of[i]).collect();
    let lane: Vec<usize> = laned.iter().map(|&i| lane_of(section[i])).collect();
    let (rows, _) = rows_from_layers(&layer, &lane, LANE_PER_ROW);
    for (j, &i) in laned.iter().enumerate() {
        row[i] = full_rows + rows[j];
    }

    // Cards, shared first, then lane by lane; `item[i]` is node i's card.
    let order: Vec<usize> = (0..nodes.len())
        .filter(|&i| section[i] == Section::Shared)
        .chain(laned.iter().copied())
        .collect();
    let mut item = vec![0usize; nodes.len()];
    for (k, &i) in order.iter().enumerate() {
        item[i] = k;
    }
    let items: Vec<Item> = order
        .iter()
        .map(|&i| {
            let n = nodes[i];
            let accent = match section[i] {
                Section::Track(t) => Accent::Track(t as u8),
                _ => accent(dataset, n),
            };
            let caption = if n.kind == NodeKind::CareerStage {
                n.title.as_ref().map(|t| lang.pick(t).to_owned())
            } else {
                Some(caption(n, lang))
            };
            let card = SizedCard::new(
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
                ts,
            );
            let lane = match section[i] {
                Section::Shared => 0,
                s => lane_of(s),
            };
            Item {
                card,
                row: row[i],
                lane,
            }
        })
        .collect();

    // Capabilities are numbered in the dataset's order; a move's label lists the
    // numbers of what it builds.
    let caps = dataset.capabilities();
    let links: Vec<Link> = transitions
        .iter()
        .filter_map(|t| {
            let (from, to) = (
                item[*index.get(t.from.as_str())?],
                item[*index.get(t.to.as_str())?],
            );
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
            let label = match (t.label.as_ref().map(|l| lang.pick(l).to_owned()), note) {
                (Some(text), note) => Some(LinkLabel { text, note }),
                (None, Some(note)) => Some(LinkLabel {
                    text: note,
                    note: None,
                }),
                (None, None) => None,
            };
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
                label,
                kind: t.kind.as_str().to_owned(),
            })
        })
        .collect();

    let placed = layout(
        Layered {
            full_rows,
            lanes,
            items,
            links,
        },
        ts,
    );
    let mut regions = placed.regions;
    if !placed.cards.is_empty() && !caps.is_empty() {
        regions.push(capability_region(dataset, lang, ts, &placed.bounds));
    }

    let mut legend = Vec::new();
    if !placed.cards.is_empty() {
        for (t, track) in tracks.iter().enumerate() {
            if section.contains(&Section::Track(t)) {
                legend.push(LegendEntry::plain(
                    Swatch::Fill {
                        accent: Accent::Track(t as u8),
                    },
                    lang.pick(&track.label),
                ));
            }
        }
        if !placed.edges.is_empty() {
            let label = match lang {
                Lang::Ja => "キャリアの移動",
                Lang::En => "Career move",
            };
            legend.push(LegendEntry::plain(
                Swatch::Line {
                    role: EdgeRole::Transition,
                    style: LineStyle::Solid,
                },
                label,
            ));
        }
        // Listed while the unfiltered view would show an illustrative item.
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
            legend.push(LegendEntry::keyed(
                Swatch::Illustrative,
                super_illustrative(lang),
                ILLUSTRATIVE_KEY.into(),
                &options.hidden,
            ));
        }
    }

    let title = lang.pick(&View::Career.name()).to_owned();
    let description = describe(dataset, lang, nodes.len(), placed.edges.len(), &section);
    let mut s = Scene {
        view: View::Career,
        lang,
        width: 0.0,
        height: 0.0,
        title,
        description,
        regions,
        edges: placed.edges,
        cards: placed.cards,
        labels: placed.labels,
        legend,
    };
    s.fit(ts.margin);
    s
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

fn super_illustrative(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "例: 出典にない、図のための例",
        Lang::En => "example: not in the source",
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
