//! Many groups: every group keeps its own legend entry and its own filter. Group,
//! track and relation-kind indices were `u8` and wrapped past 256, so with 300 groups
//! hiding group 0 also dimmed group 256 and the legend was wrong. Groups past the
//! twelfth colour are told apart by a pattern.

use std::collections::BTreeSet;

use orgpath_explore::scene::{Accent, View};
use orgpath_explore::view_model::{self, ViewRequest};
use orgpath_explore::{load_csv, Dataset};

const GROUPS: usize = 300;

/// A root and two people in each of `GROUPS` departments.
fn many_groups() -> Dataset {
    let mut csv = String::from("id,parent,name,department\nroot,,Head office,\n");
    for i in 0..2 * GROUPS {
        csv.push_str(&format!(
            "p{i},root,Person {i},Department {:03}\n",
            i % GROUPS
        ));
    }
    load_csv(csv.as_bytes(), "groups.csv").unwrap_or_else(|r| panic!("{r}"))
}

fn request(hidden: Vec<String>) -> ViewRequest {
    serde_json::from_value(serde_json::json!({
        "view": "org", "lang": "en", "theme": "light", "direction": "td",
        "compact": true, "collapsed": [], "user_folds": true, "hidden": hidden
    }))
    .unwrap()
}

#[test]
fn three_hundred_groups_each_keep_their_legend_entry_and_filter() {
    let d = many_groups();
    assert_eq!(d.groups().len(), GROUPS);
    let payload = view_model::view(&d, &request(Vec::new())).unwrap();
    let keys: BTreeSet<&str> = payload
        .legend
        .iter()
        .filter_map(|l| l.key.as_deref())
        .filter(|k| k.starts_with("group:"))
        .collect();
    assert_eq!(keys.len(), GROUPS, "one legend entry per group");

    // Hiding the first group dims its two members and nobody else.
    let first = &d.groups()[0].id;
    let members: BTreeSet<String> = d
        .nodes()
        .filter(|n| n.group.as_deref() == Some(first.as_str()))
        .map(|n| n.id.clone())
        .collect();
    assert_eq!(members.len(), 2);
    let mut options = orgpath_explore::views::SceneOptions::new(orgpath_explore::scene::Lang::En);
    options.hidden.insert(format!("group:{first}"));
    let scene = orgpath_explore::views::scene(&d, View::Org, &options);
    let dimmed: BTreeSet<String> = scene
        .cards
        .iter()
        .filter(|c| c.dimmed)
        .map(|c| c.id.clone())
        .collect();
    assert_eq!(dimmed, members);

    // Every group's cards carry an accent of their own: no two groups share one.
    let mut accent_of_group = std::collections::BTreeMap::new();
    for c in &scene.cards {
        if let (Some(n), Accent::Group(_)) = (d.node(&c.id), c.accent) {
            let g = n.group.clone().unwrap();
            let prev = accent_of_group.insert(g.clone(), c.accent);
            assert!(prev.is_none() || prev == Some(c.accent), "{g}");
        }
    }
    let distinct: BTreeSet<String> = accent_of_group.values().map(|a| format!("{a:?}")).collect();
    assert_eq!(distinct.len(), GROUPS, "each group its own accent index");

    // Past the twelfth, a group shares a colour with an earlier one and is told apart
    // by the pattern on its strip and swatch: the first 48 swatches all differ, and
    // only those past the twelfth are patterned.
    let swatches: Vec<&str> = payload
        .legend
        .iter()
        .filter(|l| l.key.as_deref().is_some_and(|k| k.starts_with("group:")))
        .map(|l| l.swatch_svg.as_str())
        .collect();
    let looks: BTreeSet<&str> = swatches[..48].iter().copied().collect();
    assert_eq!(looks.len(), 48, "48 groups, 48 looks");
    for (i, s) in swatches.iter().enumerate() {
        assert_eq!(s.contains("<pattern"), i % 48 >= 12, "group {i}: {s}");
    }

    // The window's legend says which one is off.
    let payload = view_model::view(&d, &request(vec![format!("group:{first}")])).unwrap();
    let off: Vec<&str> = payload
        .legend
        .iter()
        .filter(|l| l.hidden)
        .filter_map(|l| l.key.as_deref())
        .collect();
    assert_eq!(off, [format!("group:{first}").as_str()]);
}
