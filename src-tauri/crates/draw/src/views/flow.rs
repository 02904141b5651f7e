//! Inquiry flow: the steps of a flow (the one with id "inquiry-flow", else the first),
//! numbered in the dataset's reading order. The main sequence runs top to bottom in
//! one column; steps reached only by branch links (asking the team, handing over) sit
//! in a second column beside it. Links that skip steps go round the cards. The worked
//! examples are listed beside the diagram with the numbers of the steps they take.
//!
//! Geometry comes from [`crate::layout::layered`].

use std::collections::HashMap;

use crate::font::{wrap, Metrics, Weight};
use crate::layout::layered::{
    layers, layout, rows_from_layers, Item, Lane, Layered, Link, LinkLabel,
};
use crate::scene::{
    baseline, Accent, CardSpec, EdgeRole, Lang, LegendEntry, Rect, Region, Scene, SizedCard,
    Swatch, TextRole, TextRun, TypeScale, View,
};
use orgpath_model::dataset::{Dataset, Flow};
use orgpath_model::raw::{FlowLinkKind, LineStyle};

use super::career::number;
use super::{accent, badge, group_key, SceneOptions, ILLUSTRATIVE_KEY};

/// Most steps side by side in one row of a column.
const PER_ROW: usize = 3;

pub fn scene(dataset: &Dataset, options: &SceneOptions) -> Scene {
    let lang = options.lang;
    let ts = &options.scale;
    let flow = drawn(dataset);
    let mut s = Scene {
        view: View::Flow,
        lang,
        width: 0.0,
        height: 0.0,
        title: lang.pick(&View::Flow.name()).to_owned(),
        description: String::new(),
        regions: Vec::new(),
        edges: Vec::new(),
        cards: Vec::new(),
        labels: Vec::new(),
        legend: Vec::new(),
    };
    if let Some(flow) = flow {
        draw(dataset, flow, options, &mut s);
    }
    s.fit(ts.margin);
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

fn draw(dataset: &Dataset, flow: &Flow, options: &SceneOptions, s: &mut Scene) {
    let lang = options.lang;
    let ts = &options.scale;
    let steps = &flow.steps;
    let index: HashMap<&str, usize> = steps
        .iter()
        .enumerate()
        .map(|(i, st)| (st.id.as_str(), i))
        .collect();
    let links: Vec<(usize, usize, &orgpath_model::dataset::FlowLink)> = flow
        .links
        .iter()
        .filter_map(|l| Some((*index.get(l.from.as_str())?, *index.get(l.to.as_str())?, l)))
        .filter(|(a, b, _)| a != b)
        .collect();

    // The main column holds every step on the main sequence, and any step no branch
    // leads to; the rest are side paths.
    let mut on_next = vec![false; steps.len()];
    let mut branched_to = vec![false; steps.len()];
    for &(a, b, l) in &links {
        match l.kind {
            FlowLinkKind::Next => {
                on_next[a] = true;
                on_next[b] = true;
            }
            FlowLinkKind::Branch => branched_to[b] = true,
        }
    }
    let side: Vec<bool> = (0..steps.len())
        .map(|i| !on_next[i] && branched_to[i])
        .collect();
    let lane: Vec<usize> = side.iter().map(|&x| usize::from(x)).collect();
    let layer = layers(
        steps.len(),
        &links.iter().map(|&(a, b, _)| (a, b)).collect::<Vec<_>>(),
    );
    let (row, _) = rows_from_layers(&layer, &lane, PER_ROW);
    let lanes: Vec<Lane> = (0..=lane.iter().copied().max().unwrap_or(0))
        .map(|_| Lane { region: None })
        .collect();

    let items: Vec<Item> = steps
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
                ts,
            );
            Item {
                card,
                row: row[i],
                lane: lane[i],
            }
        })
        .collect();
    let edges: Vec<Link> = links
        .iter()
        .map(|&(from, to, l)| {
            let (role, style) = match l.kind {
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
            }
        })
        .collect();

    let placed = layout(
        Layered {
            full_rows: 0,
            lanes,
            items,
            links: edges,
        },
        ts,
    );
    let mut regions = placed.regions;
    if !flow.examples.is_empty() && !placed.cards.is_empty() {
        regions.push(examples_region(flow, &index, lang, ts, &placed.bounds));
    }

    // Filters keep the sequence: steps of hidden groups, and illustrative steps when
    // asked, are dimmed.
    let hidden = &options.hidden;
    let mut cards = placed.cards;
    for (c, st) in cards.iter_mut().zip(steps) {
        let group = st
            .actor
            .as_deref()
            .and_then(|a| dataset.node(a))
            .and_then(|a| a.group.as_deref());
        c.dimmed = group.is_some_and(|g| hidden.contains(&group_key(g)))
            || (st.illustrative && hidden.contains(ILLUSTRATIVE_KEY));
    }

    let mut legend = Vec::new();
    if !cards.is_empty() {
        let mut groups: Vec<usize> = cards
            .iter()
            .filter_map(|c| {
                if let Accent::Group(g) = c.accent {
                    Some(g as usize)
                } else {
                    None
                }
            })
            .collect();
        groups.sort_unstable();
        groups.dedup();
        for g in groups {
            if let Some(group) = dataset.groups().get(g) {
                legend.push(LegendEntry::keyed(
                    Swatch::Fill {
                        accent: Accent::Group(g as u8),
                    },
                    lang.pick(&group.label),
                    group_key(&group.id),
                    hidden,
                ));
            }
        }
        let (next, branch) = match lang {
            Lang::Ja => ("次の手順", "必要に応じて"),
            Lang::En => ("Next step", "When needed"),
        };
        if links.iter().any(|(_, _, l)| l.kind == FlowLinkKind::Next) {
            legend.push(LegendEntry::plain(
                Swatch::Line {
                    role: EdgeRole::FlowNext,
                    style: LineStyle::Solid,
                },
                next,
            ));
        }
        if links.iter().any(|(_, _, l)| l.kind == FlowLinkKind::Branch) {
            legend.push(LegendEntry::plain(
                Swatch::Line {
                    role: EdgeRole::FlowBranch,
                    style: LineStyle::Dashed,
                },
                branch,
            ));
        }
        if steps.iter().any(|st| st.illustrative) {
            let label = match lang {
                Lang::Ja => "例: 出典にない、図のための例",
                Lang::En => "example: not in the source",
            };
            legend.push(LegendEntry::keyed(
                Swatch::Illustrative,
                label,
                ILLUSTRATIVE_KEY.into(),
                hidden,
            ));
        }
    }

    s.title = lang.pick(&flow.label).to_owned();
    s.description = flow.description.as_ref().map_or_else(
        || lang.pick(&flow.label).to_owned(),
        |d| lang.pick(d).to_owned(),
    );
    s.regions = regions;
    s.edges = placed.edges;
    s.cards = cards;
    s.labels = placed.labels;
    s.legend = legend;
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
    let m = Metrics::get();
    let pad = (ts.pad * 1.5).round();
    let width = (ts.max_title_width * 1.6).round();
    let inner = width - 2.0 * pad;
    let x = bounds.right() + ts.level_gap * 0.75;
    let y = bounds.y;
    let mut texts = Vec::new();
    let mut cursor = y + pad;
    let line = |texts: &mut Vec<TextRun>,
                cursor: &mut f32,
                text: String,
                size: f32,
                weight: Weight,
                role: TextRole,
                height: f32,
                indent: f32| {
        let w = m.width(&text, size, weight);
        texts.push(TextRun {
            x: x + pad + indent,
            y: *cursor + baseline(size, height),
            text,
            size,
            weight,
            role,
            width: w,
        });
        *cursor += height;
    };
    let heading = match lang {
        Lang::Ja => "対応の例",
        Lang::En => "Worked examples",
    };
    line(
        &mut texts,
        &mut cursor,
        heading.into(),
        ts.title,
        Weight::Bold,
        TextRole::Heading,
        ts.title_line(),
        0.0,
    );
    let caption_line = ts.caption_line();
    for (k, e) in flow.examples.iter().enumerate() {
        cursor += ts.pad;
        let lead = match lang {
            Lang::Ja => format!("例{}  ", k + 1),
            Lang::En => format!("Example {}  ", k + 1),
        };
        for l in wrap(
            &format!("{lead}{}", lang.pick(&e.label)),
            ts.label,
            Weight::Bold,
            inner,
            3,
        ) {
            line(
                &mut texts,
                &mut cursor,
                l,
                ts.label,
                Weight::Bold,
                TextRole::Label,
                caption_line,
                0.0,
            );
        }
        let path: Vec<String> = e
            .path
            .iter()
            .filter_map(|p| index.get(p.as_str()))
            .map(|&i| number(i + 1))
            .collect();
        if !path.is_empty() {
            for l in wrap(&path.join(" → "), ts.label, Weight::Regular, inner, 2) {
                line(
                    &mut texts,
                    &mut cursor,
                    l,
                    ts.label,
                    Weight::Regular,
                    TextRole::Label,
                    caption_line,
                    0.0,
                );
            }
        }
        let indent = ts.pad;
        for l in wrap(
            lang.pick(&e.description),
            ts.caption,
            Weight::Regular,
            inner - indent,
            4,
        ) {
            line(
                &mut texts,
                &mut cursor,
                l,
                ts.caption,
                Weight::Regular,
                TextRole::Caption,
                caption_line,
                indent,
            );
        }
    }
    let h = (cursor + pad - y).ceil();
    Region {
        id: "examples".into(),
        rect: Rect { x, y, w: width, h },
        accent: Accent::Neutral,
        texts,
    }
}
