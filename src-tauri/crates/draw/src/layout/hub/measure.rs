//! Measure: the cards, their groups, the links between them and each card's link
//! ends, with every card grown tall enough for its lanes.

use std::collections::BTreeMap;

use super::{End, Gauge, HubGroup, HubLink, Item, Link, Net, HUB};
use crate::font::Weight;
use crate::scene::{label_box, Point, TypeScale};

/// Measure: takes the hub's id, the groups and the links; gives the cards (the first
/// of a repeated id wins, the hub's included), each group's heading and members, the
/// links between known, distinct cards, and each card's link ends, with every card
/// grown tall enough for its lanes. Nothing is placed yet.
pub(super) fn measure(
    hub_id: &str,
    groups: Vec<HubGroup>,
    links: &[HubLink],
    ts: &TypeScale,
    g: &Gauge,
) -> Net {
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    ids.insert(hub_id.to_owned(), HUB);
    let mut net = Net {
        items: Vec::new(),
        heads: Vec::new(),
        members: Vec::new(),
        ls: Vec::new(),
    };
    for grp in groups {
        let gi = net.heads.len();
        let mut list = Vec::new();
        for card in grp.cards {
            if ids.contains_key(&card.0.id) {
                continue;
            }
            ids.insert(card.0.id.clone(), net.items.len());
            list.push(net.items.len());
            net.items.push(Item {
                card,
                group: gi,
                ends: Vec::new(),
                x: 0.0,
                y: 0.0,
            });
        }
        // A heading is one line, cut with "…" past two card titles' width: it sets
        // its column's width, and with it every card's in the column.
        let heading = crate::font::wrap(
            &grp.heading,
            g.heading_size,
            Weight::Bold,
            ts.max_title_width * 2.0,
            1,
        )
        .concat();
        net.heads.push((grp.id, heading, grp.accent));
        net.members.push(list);
    }
    net.ls = connect(&ids, links, ts);
    add_ends(&mut net.items, &net.ls);
    grow_cards(&mut net.items, g);
    net
}

/// Takes the ids cards answer to and the input links; gives the links between known,
/// distinct cards, with their labels' sizes.
fn connect(ids: &BTreeMap<String, usize>, links: &[HubLink], ts: &TypeScale) -> Vec<Link> {
    let mut ls: Vec<Link> = Vec::new();
    for (input, l) in links.iter().enumerate() {
        let (Some(&a), Some(&b)) = (ids.get(&l.from), ids.get(&l.to)) else {
            continue;
        };
        if a == b {
            continue;
        }
        let (r, _) = label_box(&l.label, Point::new(0.0, 0.0), ts);
        ls.push(Link {
            a,
            b,
            input,
            label: (r.w, r.h),
        });
    }
    ls
}

/// Gives each card an end per link it takes part in. A hub link's label sits at its
/// card end, any other link's at its source.
fn add_ends(items: &mut [Item], ls: &[Link]) {
    for (li, l) in ls.iter().enumerate() {
        if l.touches_hub() {
            items[l.card_end()].ends.push(End {
                link: li,
                inner: true,
                label: Some(l.label),
                y: 0.0,
            });
        } else {
            items[l.a].ends.push(End {
                link: li,
                inner: false,
                label: Some(l.label),
                y: 0.0,
            });
            items[l.b].ends.push(End {
                link: li,
                inner: false,
                label: None,
                y: 0.0,
            });
        }
    }
}

/// Grows each card to hold the lanes of its ends on either border.
fn grow_cards(items: &mut [Item], g: &Gauge) {
    for it in items {
        let need = |inner: bool| {
            let hs: Vec<f32> = it
                .ends
                .iter()
                .filter(|e| e.inner == inner)
                .map(|e| e.label.map_or(g.bare_lane, |l| l.1))
                .collect();
            if hs.is_empty() {
                0.0
            } else {
                hs.iter().sum::<f32>() + g.lane_gap * (hs.len() - 1) as f32 + 2.0 * g.lane_margin
            }
        };
        let h = it.card.0.rect.h.max(need(true)).max(need(false)).ceil();
        it.card.0.rect.h = h;
    }
}
