//! The window's round trips on a large organisation (criterion): searching and
//! drawing the organisation and the relationship map of 100,000 generated people,
//! the questions `tests/responsive.rs` asks the real window while an export runs.
//!
//!     cargo bench -p orgpath-explore --bench explore                # every group
//!     cargo bench -p orgpath-explore --bench explore -- search/     # a filter
//!
//! Groups, on `generate::people_csv(100_000, 7)` (the e2e test's file):
//! - `index/100k`: building the search index (once per dataset, on a worker).
//! - `search/100k/QUERY`: one search with the index built.
//! - `view/100k/VIEW`: `view_model::view` of the organisation (fitted to a
//!   1200x760 window, as the window asks) and of the relationship map, with the
//!   dataset's tree already built (the first view builds it).
//!
//! Target (issue 16): each round trip under 100 ms, in the debug build the e2e test
//! runs as well as in release.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode};
use orgpath_explore::scene::Lang;
use orgpath_explore::search::SearchIndex;
use orgpath_explore::view_model::{self, ViewRequest};

const PEOPLE: usize = 100_000;

fn request(view: &str) -> ViewRequest {
    serde_json::from_value(serde_json::json!({
        "view": view, "lang": "en", "theme": "light", "direction": "auto", "compact": false,
        "collapsed": [], "hidden": [], "viewport": { "width": 1200, "height": 760 }
    }))
    .expect("a valid request")
}

fn main() {
    let csv = orgpath_explore::generate::people_csv(PEOPLE, 7);
    let dataset = orgpath_explore::load_csv(csv.as_bytes(), "people.csv").expect("loads");
    let _ = dataset.org_tree();
    let mut c = Criterion::default()
        .configure_from_args()
        .measurement_time(Duration::from_secs(5));

    let mut g = c.benchmark_group("index");
    g.sampling_mode(SamplingMode::Flat).sample_size(10);
    g.bench_function("100k", |b| b.iter(|| black_box(SearchIndex::new(&dataset))));
    g.finish();

    let index = SearchIndex::new(&dataset);
    let mut g = c.benchmark_group("search/100k");
    for (query, lang) in [
        ("Kochhar", Lang::En),
        ("Engineer", Lang::En),
        ("p4242", Lang::Ja),
        ("e", Lang::En),
    ] {
        g.bench_function(query, |b| {
            b.iter(|| black_box(index.search(&dataset, query, lang)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("view/100k");
    for view in ["org", "relationships"] {
        let req = request(view);
        g.bench_function(view, |b| {
            b.iter(|| black_box(view_model::view(&dataset, &req).expect("draws")))
        });
    }
    g.finish();
    c.final_summary();
}
