//! The Explorer against the built-in dataset: search, paths, career routes, the
//! track comparison, details, edge details, legend filters and outlines.

use crate::common;

use orgpath_explore::explore::{
    career_places, career_routes, compare_tracks, edge_details, node_list, path_pair, paths,
};
use orgpath_explore::scene::{EdgeRole, Lang, View};
use orgpath_explore::search::{search, SearchHit, MAX_HITS};
use orgpath_explore::view_model::{self, outline, ViewRequest};
use orgpath_explore::views::{self, SceneOptions};
use orgpath_explore::Dataset;

fn data() -> Dataset {
    orgpath_explore::builtin().expect("the built-in dataset is valid")
}

fn ids(hits: &[SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.id.as_str()).collect()
}

fn request(view: &str, lang: &str) -> ViewRequest {
    serde_json::from_value(serde_json::json!({
        "view": view,
        "lang": lang,
        "theme": "light",
        "direction": "lr",
        "compact": false,
    }))
    .unwrap()
}

// ---- search ----

#[test]
fn search_finds_support_in_japanese_english_katakana_hiragana_and_romaji() {
    let d = data();
    let expected = ["database-team", "paas-team", "stage-support-engineer"];
    for q in ["サポート", "さぽーと", "ｻﾎﾟｰﾄ", "sapo-to"] {
        let hits = search(&d, q, Lang::Ja);
        for id in expected {
            assert!(ids(&hits).contains(&id), "{q}: {:?}", ids(&hits));
        }
        let hit = hits.iter().find(|h| h.id == "paas-team").unwrap();
        assert_eq!(hit.field, "label", "{q}");
        assert!(hit.snippet.contains("サポート"), "{q}: {}", hit.snippet);
    }
    let hits = search(&d, "support", Lang::En);
    for id in expected.iter().chain(&["css"]) {
        assert!(ids(&hits).contains(id), "{:?}", ids(&hits));
    }
    // "Support engineer" starts with the query; the others only contain it.
    assert_eq!(hits[0].id, "stage-support-engineer", "{:?}", ids(&hits));
    assert_eq!(hits[0].snippet, "Support engineer");
}

#[test]
fn search_ranks_exact_before_prefix_and_ignores_width_and_case() {
    let d = data();
    for q in ["ＣＳＡ", "csa", " CSA "] {
        let hits = search(&d, q, Lang::En);
        assert_eq!(hits[0].id, "csa", "{q}: {:?}", ids(&hits));
        // CSAM starts with the query but is not it.
        let csam = hits.iter().position(|h| h.id == "csam").unwrap();
        assert!(csam > 0, "{q}");
    }
    let hits = search(&d, "ｃｓｓ", Lang::Ja);
    assert_eq!(hits[0].id, "css", "{:?}", ids(&hits));
}

#[test]
fn search_reports_kind_field_snippet_and_views() {
    let d = data();
    let hits = search(&d, "マネージャー", Lang::Ja);
    let manager = hits.iter().find(|h| h.id == "stage-manager").unwrap();
    assert_eq!(manager.kind.en, "Career stage");
    assert_eq!(manager.views, ["career"]);

    let hits = search(&d, "Customer inquiry", Lang::En);
    let step = hits
        .iter()
        .find(|h| h.id == "inquiry")
        .expect("a flow step");
    assert_eq!(step.field, "step");
    assert_eq!(step.kind.en, "Step");
    assert_eq!(step.views, ["flow"]);

    let hits = search(&d, "CSS", Lang::En);
    let css = hits.iter().find(|h| h.id == "css").unwrap();
    assert_eq!(css.views, ["org", "relationships"]);

    // Snippets stay short, around the match.
    for h in search(&d, "の", Lang::Ja) {
        assert!(h.snippet.chars().count() <= 62, "{}", h.snippet);
        assert!(h.snippet.contains('の'), "{}: {}", h.id, h.snippet);
    }
}

#[test]
fn search_views_agree_with_the_scenes_drawn() {
    let d = data();
    let options = SceneOptions::new(Lang::Ja);
    let drawn: Vec<(View, Vec<String>)> = View::ALL
        .into_iter()
        .map(|v| {
            let s = views::scene(&d, v, &options);
            (v, s.cards.iter().map(|c| c.id.clone()).collect())
        })
        .collect();
    // Every card of every view is findable by its exact label, with its views.
    for (_, cards) in &drawn {
        for id in cards {
            let label = d
                .node(id)
                .map(|n| n.label.ja.clone())
                .unwrap_or_else(|| view_model::details(&d, id).unwrap().label.ja);
            let hit = search(&d, &label, Lang::Ja)
                .into_iter()
                .find(|h| &h.id == id)
                .unwrap_or_else(|| panic!("{id} not found by {label}"));
            let expected: Vec<String> = drawn
                .iter()
                .filter(|(_, c)| c.contains(id))
                .map(|(v, _)| v.as_str().to_owned())
                .collect();
            assert_eq!(hit.views, expected, "{id}");
        }
    }
}

#[test]
fn the_node_list_holds_every_node_in_file_order_with_its_views() {
    let d = data();
    let list = node_list(&d);
    let ids: Vec<&str> = list.iter().map(|n| n.id.as_str()).collect();
    let expected: Vec<&str> = d.nodes().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, expected);
    let csa = list.iter().find(|n| n.id == "csa").unwrap();
    assert_eq!(csa.views, ["org", "relationships", "career"]);
    assert_eq!(csa.kind.en, "Role");
}

#[test]
fn search_of_nothing_finds_nothing_and_caps_hits() {
    let d = data();
    assert!(search(&d, "", Lang::Ja).is_empty());
    assert!(search(&d, "   　", Lang::Ja).is_empty());
    assert!(search(&d, "zzzzqqq", Lang::En).is_empty());
    assert!(search(&d, "e", Lang::En).len() <= MAX_HITS);
}

#[test]
fn search_is_fast_enough_to_run_on_every_key() {
    let d = data();
    let start = std::time::Instant::now();
    for q in ["s", "su", "sup", "supp", "サ", "サポ", "サポー", "サポート"] {
        search(&d, q, Lang::Ja);
    }
    let each = start.elapsed() / 8;
    // Debug build, shared machine: generous, but catches a quadratic slip.
    assert!(each.as_millis() < 50, "{each:?} a search");
}

// ---- paths ----

#[test]
fn the_path_panel_proposes_two_linked_items() {
    let d = data();
    // Nothing selected: the dataset's subject (CSS, its focus) and the unit most
    // related to it.
    let pair = path_pair(&d, None).unwrap().expect("a pair");
    assert_eq!(pair.from, "css");
    let shortest = |from: &str, to: &str| paths(&d, from, to, 6, 8).unwrap().shortest;
    let p = shortest(&pair.from, &pair.to).expect("the default pair is connected");
    assert_eq!(p.steps.len(), 1, "one link apart: {:?}", p.nodes);
    // Whatever is selected, the pair is connected, and starts there when it links to
    // anything (career stages link by career moves only, which paths do not walk).
    for n in d.nodes() {
        let pair = path_pair(&d, Some(&n.id)).unwrap().expect("a pair");
        let linked = d.relations_of(&n.id).next().is_some()
            || !d.parents(&n.id).is_empty()
            || !d.children(&n.id).is_empty();
        assert_eq!(pair.from == n.id, linked, "{}: {pair:?}", n.id);
        assert_ne!(pair.to, pair.from);
        assert!(
            shortest(&pair.from, &pair.to).is_some(),
            "{} → {}",
            pair.from,
            pair.to
        );
    }
    // Most related: the most relations between the two. Customers send CSS their
    // inquiries (and more): CSS is theirs.
    let customers = path_pair(&d, Some("customers")).unwrap().unwrap();
    let count = |a: &str, b: &str| {
        d.relations_of(a)
            .filter(|r| (r.from == a && r.to == b) || (r.from == b && r.to == a))
            .count()
    };
    for other in d.nodes().filter(|o| o.id != "customers") {
        assert!(count("customers", &customers.to) >= count("customers", &other.id));
    }
    // A file of people has no relations: the pair is a reporting line.
    let people = orgpath_explore::generate::people_csv(50, 3);
    let people = orgpath_explore::load_csv(people.as_bytes(), "people.csv").unwrap();
    let pair = path_pair(&people, None).unwrap().expect("a reporting line");
    assert!(
        people.parents(&pair.from).contains(&pair.to.as_str())
            || people.children(&pair.from).contains(&pair.to.as_str())
    );
    // Nothing linked at all: no pair; an unknown id is named.
    let lone =
        orgpath_explore::load_csv(b"id,parent,name\na,,A\nb,,B\n".as_slice(), "lone.csv").unwrap();
    assert_eq!(path_pair(&lone, None).unwrap(), None);
    assert_eq!(path_pair(&lone, Some("a")).unwrap(), None);
    assert!(path_pair(&d, Some("nobody"))
        .unwrap_err()
        .contains("nobody"));
}

#[test]
fn shortest_path_from_customers_to_the_product_groups_goes_through_css() {
    let d = data();
    let r = paths(&d, "customers", "hq-product-groups", 4, 10).unwrap();
    let p = r.shortest.expect("connected");
    assert_eq!(p.nodes, ["customers", "css", "hq-product-groups"]);
    assert_eq!(p.steps.len(), 2);
    assert_eq!(p.steps[0].kind, "sends_inquiries");
    assert!(p.steps[0].forward);
    assert_eq!(p.steps[1].kind, "asks_questions");
    assert_eq!(p.steps[1].from_label.en, "CSS (Customer Service & Support)");
    // Others are longer or equal, sorted by length, and each is a simple path.
    let mut last = 2;
    for o in &r.others {
        assert!(o.steps.len() >= last && o.steps.len() <= 4, "{:?}", o.nodes);
        last = o.steps.len();
        assert_eq!(o.nodes.first().unwrap(), "customers");
        assert_eq!(o.nodes.last().unwrap(), "hq-product-groups");
        let mut seen = o.nodes.clone();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), o.nodes.len(), "simple: {:?}", o.nodes);
        assert_eq!(o.steps.len() + 1, o.nodes.len());
    }
    assert!(r.others.len() <= 10);
}

#[test]
fn hierarchy_steps_read_in_the_direction_walked() {
    let d = data();
    let up = paths(&d, "app-service-pod", "microsoft", 3, 5).unwrap();
    let p = up.shortest.unwrap();
    // Two paths of three links tie; "css" sorts before "hq-product-groups".
    assert_eq!(
        p.nodes,
        ["app-service-pod", "paas-team", "css", "microsoft"]
    );
    assert!(p.steps.iter().all(|s| s.kind == "hierarchy" && s.forward));
    assert_eq!(p.steps[0].text.en, "is part of");
    assert_eq!(p.steps[0].text.ja, "の一部");
    assert_eq!(up.others[0].nodes[2], "hq-product-groups");

    let down = paths(&d, "microsoft", "css", 1, 5)
        .unwrap()
        .shortest
        .unwrap();
    assert_eq!(down.steps[0].text.en, "contains");
    assert!(!down.steps[0].forward);
}

#[test]
fn paths_respect_the_limits_and_say_when_they_cut() {
    let d = data();
    let one = paths(&d, "customers", "hq-product-groups", 6, 1).unwrap();
    assert_eq!(one.others.len(), 1);
    assert!(one.truncated);
    // Too short a limit still gives the shortest path, and nothing else.
    let short = paths(&d, "app-service-pod", "partners", 1, 10).unwrap();
    assert!(short.shortest.unwrap().steps.len() > 1);
    assert!(short.others.is_empty());
    // Career stages are not on the organisation graph.
    let none = paths(&d, "css", "stage-manager", 4, 10).unwrap();
    assert!(none.shortest.is_none() && none.others.is_empty());
}

#[test]
fn unknown_ids_are_errors_that_name_them() {
    let d = data();
    let e = paths(&d, "csss", "css", 3, 3).unwrap_err();
    assert!(e.contains("\"csss\"") && e.contains("did you mean"), "{e}");
    let e = paths(&d, "css", "nobody-at-all", 3, 3).unwrap_err();
    assert!(e.contains("\"nobody-at-all\""), "{e}");
    assert!(career_routes(&d, "stage-entryy", "csa", 5)
        .unwrap_err()
        .contains("\"stage-entry\""));
    assert!(edge_details(&d, "css", "nobody").is_none());
}

// ---- careers ----

#[test]
fn career_route_from_joining_to_csa() {
    let d = data();
    let r = career_routes(&d, "stage-entry", "csa", 5).unwrap();
    assert_eq!(r.routes.len(), 1);
    assert!(!r.truncated);
    let steps = &r.routes[0].steps;
    let kinds: Vec<&str> = steps.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(kinds, ["entry", "promotion", "role_move"]);
    assert_eq!(steps[0].from, "stage-entry");
    assert_eq!(steps[2].to, "csa");
    assert_eq!(steps[2].kind_label.en, "Move to another role");
    assert!(steps[1].builds.len() >= 6, "the first role builds most");
    assert!(steps[2]
        .builds
        .iter()
        .any(|b| b.en.contains("communicat") || b.ja.contains("コミュニケーション")));
    assert!(steps[0].description.is_some());
    assert!(steps.iter().all(|s| !s.illustrative));
}

#[test]
fn career_route_from_support_engineer_to_manager_is_a_track_choice() {
    let d = data();
    let r = career_routes(&d, "stage-support-engineer", "stage-manager", 5).unwrap();
    assert_eq!(r.routes.len(), 1);
    let s = &r.routes[0].steps[0];
    assert_eq!(s.kind, orgpath_explore::raw::TransitionKind::TrackChoice);
    assert_eq!(s.track.as_ref().unwrap().en, "Management");
    assert_eq!(s.to_label.ja, "マネージャー");
    // Nothing leads back down.
    let back = career_routes(&d, "stage-manager", "stage-entry", 5).unwrap();
    assert!(back.routes.is_empty());
}

#[test]
fn career_places_start_with_joining() {
    let d = data();
    let places = career_places(&d);
    assert_eq!(places[0].id, "stage-entry");
    let pos = |id: &str| places.iter().position(|p| p.id == id).unwrap();
    assert!(pos("stage-learning") < pos("stage-support-engineer"));
    assert!(pos("stage-support-engineer") < pos("csa"));
    assert!(pos("stage-manager") < pos("stage-senior-manager"));
    let senior = &places[pos("stage-senior-manager")];
    assert!(senior.illustrative);
    assert_eq!(senior.track.as_ref().unwrap().en, "Management");
    assert_eq!(
        places.len(),
        d.transitions()
            .iter()
            .flat_map(|t| [&t.from, &t.to])
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    );
}

#[test]
fn compare_tracks_gives_both_tracks_in_order() {
    let d = data();
    let tracks = compare_tracks(&d);
    assert_eq!(tracks.len(), 2);
    assert_eq!(tracks[0].id, "specialist");
    assert_eq!(tracks[1].id, "management");
    for t in &tracks {
        assert!(!t.stages.is_empty(), "{}", t.id);
        assert!(t.description.is_some());
    }
    let stages: Vec<&str> = tracks[1].stages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(stages, ["stage-manager", "stage-senior-manager"]);
    assert!(tracks[1].stages[1].illustrative);
}

// ---- details ----

#[test]
fn details_group_relations_by_kind_and_list_moves() {
    let d = data();
    let css = view_model::details(&d, "css").unwrap();
    let kinds: Vec<&str> = css
        .relation_groups
        .iter()
        .map(|g| g.kind.as_str())
        .collect();
    // Kinds in the dataset's order.
    let order: Vec<&str> = d
        .relation_kinds()
        .iter()
        .map(|k| k.id.as_str())
        .filter(|k| kinds.contains(k))
        .collect();
    assert_eq!(kinds, order);
    let asks = css
        .relation_groups
        .iter()
        .find(|g| g.kind == "asks_questions")
        .unwrap();
    let hq = asks
        .items
        .iter()
        .find(|i| i.id == "hq-product-groups")
        .unwrap();
    assert!(hq.outgoing);
    let ce = asks.items.iter().find(|i| i.id == "ce").unwrap();
    assert!(!ce.outgoing);
    let total: usize = css.relation_groups.iter().map(|g| g.items.len()).sum();
    assert_eq!(total, css.relations.len());

    let eng = view_model::details(&d, "stage-support-engineer").unwrap();
    assert_eq!(eng.transitions_in.len(), 1);
    assert_eq!(eng.transitions_in[0].from, "stage-learning");
    assert_eq!(eng.transitions_out.len(), 4);
}

#[test]
fn edge_details_explain_every_link_between_two_cards() {
    let d = data();
    let e = edge_details(&d, "hq-product-groups", "css").unwrap();
    let kinds: Vec<&str> = e.items.iter().map(|i| i.kind.as_str()).collect();
    assert_eq!(kinds, ["asks_questions", "feeds_back", "reports_defects"]);
    assert!(e.items.iter().all(|i| !i.forward), "they run css → hq");
    assert!(e.items.iter().all(|i| i.source.is_some()));

    let h = edge_details(&d, "css", "microsoft").unwrap();
    assert_eq!(h.items[0].kind, "hierarchy");
    assert_eq!(h.items[0].label.en, "is part of");

    let t = edge_details(&d, "stage-support-engineer", "csa").unwrap();
    assert_eq!(t.items[0].kind, "transition");

    let f = edge_details(&d, "receive", "team-consult").unwrap();
    assert_eq!(f.items[0].kind, "branch");
    assert_eq!(f.items[0].label.en, "consult along the way");

    assert!(edge_details(&d, "css", "stage-manager").is_none());
}

// ---- filters ----

#[test]
fn hiding_a_kind_removes_exactly_its_edges_and_marks_the_legend() {
    let d = data();
    for lang in [Lang::Ja, Lang::En] {
        let all = views::scene(&d, View::Relationships, &SceneOptions::new(lang));
        let k = d
            .relation_kinds()
            .iter()
            .position(|k| k.id == "asks_questions")
            .unwrap();
        let of_kind = |e: &&orgpath_explore::scene::Edge| matches!(e.role, EdgeRole::Relation { kind, .. } if kind == k as u32);
        let before = all.edges.iter().filter(of_kind).count();
        assert!(before > 0);

        let mut o = SceneOptions::new(lang);
        o.hidden.insert("kind:asks_questions".into());
        let some = views::scene(&d, View::Relationships, &o);
        assert_eq!(some.edges.iter().filter(of_kind).count(), 0);
        assert_eq!(some.edges.len(), all.edges.len() - before);
        assert_eq!(
            some.labels.len(),
            some.edges.len(),
            "labels go with their edges"
        );
        assert_eq!(some.cards.len(), all.cards.len(), "cards stay");
        let entry = some
            .legend
            .iter()
            .find(|e| e.key.as_deref() == Some("kind:asks_questions"))
            .expect("still listed");
        assert!(entry.hidden);
        assert!(some.legend.iter().filter(|e| e.hidden).count() == 1);
        assert_eq!(some.legend.len(), all.legend.len());
        assert_eq!(
            common::geometry_problem(&some, common::Regions::HoldCards),
            None
        );
    }
}

#[test]
fn hiding_a_group_drops_its_cards_but_never_the_focal_one() {
    let d = data();
    let mut o = SceneOptions::new(Lang::En);
    o.hidden.insert("group:sales".into());
    o.hidden.insert("group:support".into());
    let s = views::scene(&d, View::Relationships, &o);
    assert!(
        s.cards.iter().any(|c| c.id == "css" && c.emphasis),
        "focal stays"
    );
    for c in s.cards.iter().filter(|c| !c.emphasis) {
        let g = d.node(&c.id).unwrap().group.as_deref();
        assert!(g != Some("sales") && g != Some("support"), "{}", c.id);
    }
    for e in &s.edges {
        assert!(s.cards.iter().any(|c| c.id == e.from) && s.cards.iter().any(|c| c.id == e.to));
    }
    let sales = s
        .legend
        .iter()
        .find(|e| e.key.as_deref() == Some("group:sales"))
        .expect("listed while hidden");
    assert!(sales.hidden);
    assert_eq!(
        common::geometry_problem(&s, common::Regions::HoldCards),
        None
    );
}

#[test]
fn the_org_view_dims_hidden_groups_and_keeps_its_shape() {
    let d = data();
    let all = views::scene(&d, View::Org, &SceneOptions::new(Lang::Ja));
    let mut o = SceneOptions::new(Lang::Ja);
    o.hidden.insert("group:sales".into());
    let dim = views::scene(&d, View::Org, &o);
    assert_eq!(all.cards.len(), dim.cards.len());
    for (a, b) in all.cards.iter().zip(&dim.cards) {
        assert_eq!(a.rect, b.rect, "same layout");
        let sales = d.node(&a.id).unwrap().group.as_deref() == Some("sales");
        assert_eq!(b.dimmed, sales, "{}", a.id);
        assert!(!a.dimmed);
    }
    let svg = orgpath_explore::render::svg(&dim, &Default::default());
    assert_eq!(
        svg.matches("data-dimmed=\"true\" opacity=\"0.25\"").count(),
        dim.cards.iter().filter(|c| c.dimmed).count()
    );
    let payload = view_model::view(&d, &{
        let mut r = request("org", "ja");
        r.hidden = vec!["group:sales".into()];
        r
    })
    .unwrap();
    let sales = payload
        .legend
        .iter()
        .find(|l| l.key.as_deref() == Some("group:sales"))
        .unwrap();
    assert!(sales.hidden);
    assert!(payload
        .legend
        .iter()
        .filter(|l| l.key.is_some())
        .all(|l| l.hidden == (l.key.as_deref() == Some("group:sales"))));
}

#[test]
fn hiding_illustrative_items_leaves_them_out_of_the_career_view() {
    let d = data();
    let mut o = SceneOptions::new(Lang::En);
    o.hidden.insert("illustrative".into());
    let s = views::scene(&d, View::Career, &o);
    assert!(!s.cards.iter().any(|c| c.illustrative));
    assert!(!s.cards.iter().any(|c| c.id == "stage-senior-manager"));
    let entry = s
        .legend
        .iter()
        .find(|e| e.key.as_deref() == Some("illustrative"))
        .unwrap();
    assert!(entry.hidden);
    assert_eq!(
        common::geometry_problem(&s, common::Regions::HoldCards),
        None
    );
}

#[test]
fn every_filter_of_every_view_keeps_the_geometry_sound() {
    let d = data();
    for view in View::ALL {
        let regions = if view == View::Flow {
            common::Regions::BesideCards
        } else {
            common::Regions::HoldCards
        };
        for base in common::all_options() {
            let all = views::scene(&d, view, &base);
            for key in all.legend.iter().filter_map(|e| e.key.clone()) {
                let mut o = base.clone();
                o.hidden.insert(key.clone());
                let s = views::scene(&d, view, &o);
                assert_eq!(
                    common::geometry_problem(&s, regions),
                    None,
                    "{view:?} without {key}"
                );
                let entry = s.legend.iter().find(|e| e.key.as_ref() == Some(&key));
                assert!(
                    entry.is_some_and(|e| e.hidden),
                    "{view:?}: {key} listed, hidden"
                );
            }
        }
    }
}

/// A small company whose SRE team sits under operations and, as a matrix line, under
/// development.
fn matrix() -> Dataset {
    orgpath_explore::load_json(
        include_bytes!("../../../../../tests/fixtures/json/valid_small.json"),
        "valid_small.json",
    )
    .unwrap()
}

#[test]
fn hiding_matrix_lines_drops_them_from_the_tree_and_keeps_the_entry() {
    let d = matrix();
    let all = views::scene(&d, View::Org, &SceneOptions::new(Lang::En));
    assert_eq!(
        all.edges
            .iter()
            .filter(|e| e.role == EdgeRole::Secondary)
            .count(),
        1
    );
    let mut o = SceneOptions::new(Lang::En);
    o.hidden.insert("secondary".into());
    let s = views::scene(&d, View::Org, &o);
    assert!(!s.edges.iter().any(|e| e.role == EdgeRole::Secondary));
    assert_eq!(s.edges.len(), all.edges.len() - 1);
    let entry = s
        .legend
        .iter()
        .find(|e| e.key.as_deref() == Some("secondary"))
        .expect("listed while hidden");
    assert!(entry.hidden);
    let svg = orgpath_explore::render::svg(&all, &no_legend());
    assert!(
        svg.contains(
            "data-kind=\"secondary\"><title>Development → SRE team: also contains (matrix)</title>"
        ),
        "{svg}"
    );
}

#[test]
fn paths_walk_matrix_lines_too_and_tie_break_by_id() {
    let d = matrix();
    let r = paths(&d, "sre", "co", 2, 5).unwrap();
    let p = r.shortest.unwrap();
    assert_eq!(p.nodes, ["sre", "dev", "co"]);
    assert_eq!(r.others.len(), 1);
    assert_eq!(r.others[0].nodes, ["sre", "ops", "co"]);
    assert!(!r.truncated);
    assert!(p
        .steps
        .iter()
        .all(|s| s.forward && s.text.en == "is part of"));
    let none = paths(&d, "sre", "co", 2, 0).unwrap();
    assert!(none.others.is_empty() && none.truncated);
}

#[test]
fn filter_keys_are_checked_against_the_dataset() {
    let d = data();
    assert!(views::check_filter_key(&d, "kind:supports").is_ok());
    assert!(views::check_filter_key(&d, "group:sales").is_ok());
    assert!(views::check_filter_key(&d, "secondary").is_ok());
    assert!(views::check_filter_key(&d, "illustrative").is_ok());
    assert!(views::check_filter_key(&d, "kind:nope").is_err());
    assert!(views::check_filter_key(&d, "group:nope").is_err());
    assert!(views::check_filter_key(&d, "colour").is_err());
}

// ---- SVG accessibility ----

fn no_legend() -> orgpath_explore::render::SvgOptions {
    orgpath_explore::render::SvgOptions {
        legend: false,
        ..Default::default()
    }
}

#[test]
fn every_edge_says_what_it_is() {
    let d = data();
    for view in View::ALL {
        let s = views::scene(&d, view, &SceneOptions::new(Lang::En));
        let svg = orgpath_explore::render::svg(&s, &no_legend());
        assert_eq!(
            svg.matches("<g class=\"edge\"").count(),
            s.edges.len(),
            "{view:?}"
        );
        assert_eq!(
            svg.matches("\" data-kind=\"").count(),
            s.edges.len(),
            "{view:?}: every edge has a kind"
        );
        assert_eq!(
            svg.matches("\" data-kind=\"").count(),
            svg.matches("\"><title>").count() - s.cards.len(),
            "{view:?}: and a title"
        );
    }
    let s = views::scene(&d, View::Relationships, &SceneOptions::new(Lang::En));
    let svg = orgpath_explore::render::svg(&s, &Default::default());
    assert!(svg.contains(
        "data-from=\"customers\" data-to=\"css\" data-kind=\"sends_inquiries\"><title>Customers → CSS (Customer Service &amp; Support): sends inquiries (email, phone)</title>"
    ), "{svg}");
    let org = views::scene(&d, View::Org, &SceneOptions::new(Lang::En));
    let svg = orgpath_explore::render::svg(&org, &Default::default());
    assert!(svg.contains("data-kind=\"hierarchy\"><title>Microsoft → CSS (Customer Service &amp; Support): contains</title>"));
}

// ---- outline ----

#[test]
fn the_org_outline_holds_every_card_label_indented_by_depth() {
    let d = data();
    for lang in ["ja", "en"] {
        let r = request("org", lang);
        let text = outline(&d, &r).unwrap();
        let l = Lang::parse(lang).unwrap();
        let scene = views::scene(&d, View::Org, &SceneOptions::new(l));
        for c in &scene.cards {
            assert!(text.contains(&c.full_label), "{lang}: {}", c.full_label);
        }
        let label = |id: &str| l.pick(&d.node(id).unwrap().label).to_owned();
        assert!(
            text.contains(&format!("\n  {}\n", label("microsoft"))),
            "{text}"
        );
        assert!(text.contains(&format!("\n    {}", label("css"))), "{text}");
        assert!(
            text.contains(&format!("\n      {}", label("paas-team"))),
            "{text}"
        );
    }
}

#[test]
fn outlines_of_the_other_views() {
    let d = data();
    let rel = outline(&d, &request("relationships", "en")).unwrap();
    assert!(
        rel.contains("Centre: CSS (Customer Service & Support)"),
        "{rel}"
    );
    assert!(
        rel.contains("→ CSS (Customer Service & Support): sends inquiries (email, phone)"),
        "{rel}"
    );
    let mut hidden = request("relationships", "en");
    hidden.hidden = vec!["kind:sends_inquiries".into()];
    let rel = outline(&d, &hidden).unwrap();
    assert!(!rel.contains("sends inquiries"), "filters apply: {rel}");

    let career = outline(&d, &request("career", "en")).unwrap();
    let joining = career.find("Joining").unwrap();
    let mgmt = career.find("\nManagement\n").expect("track heading");
    let moves = career.find("\nMoves\n").unwrap();
    assert!(joining < mgmt && mgmt < moves, "{career}");
    assert!(
        career.contains("Support engineer → Manager: Track choice"),
        "{career}"
    );

    let flow = outline(&d, &request("flow", "ja")).unwrap();
    assert!(flow.contains("1. "), "{flow}");
    assert!(flow.contains("↳ 7. "), "{flow}");

    let mut bad = request("relationships", "en");
    bad.focus = Some("nobody".into());
    assert!(outline(&d, &bad).unwrap_err().contains("\"nobody\""));
    // A view that does not exist cannot even be asked for.
    let gantt = serde_json::from_value::<ViewRequest>(serde_json::json!({
        "view": "gantt", "lang": "en", "theme": "light", "direction": "lr", "compact": false,
    }));
    assert!(gantt
        .unwrap_err()
        .to_string()
        .contains("unknown variant `gantt`"));
}
