//! Deep structures and the size limits (`orgpath_explore::limits`).
//!
//! A hierarchy as deep as [`MAX_DEPTH`] loads and draws every view, its SVG export and
//! its outline on a 256 KB stack (a quarter of a typical thread's): any traversal
//! that recursed once per level would overflow it. Past each limit, loading stops
//! with a message naming the limit instead of running out of time or memory.

use std::time::{Duration, Instant};

use orgpath_explore::export::{self, ExportOptions, Format};
use orgpath_explore::limits::{MAX_DEPTH, MAX_LINKS, MAX_NODES, MAX_PROBLEMS};
use orgpath_explore::raw::*;
use orgpath_explore::render::Theme;
use orgpath_explore::scene::{Lang, View};
use orgpath_explore::validate::{validate, PointerOnly};
use orgpath_explore::view_model::{self, DirectionChoice, ViewRequest};
use orgpath_explore::{explore, load_csv, load_json, Code, Dataset, Report};

const SMALL_STACK: usize = 256 * 1024;

/// Runs `f` on a thread with a 256 KB stack. A stack overflow aborts the whole test
/// binary, which fails the test run as surely as a failed assertion.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(f)
        .expect("a thread")
        .join()
        .expect("no panic")
}

/// `id,parent,name` rows, each the child of the one before: `levels` levels.
fn chain_csv(levels: usize) -> String {
    let mut s = String::with_capacity(levels * 24);
    s.push_str("id,parent,name\n");
    for i in 0..levels {
        let parent = if i == 0 {
            String::new()
        } else {
            (i - 1).to_string()
        };
        s.push_str(&format!("{i},{parent},部署{i}\n"));
    }
    s
}

/// The same chain in the JSON format.
fn chain_json(levels: usize) -> String {
    let nodes: Vec<String> = (0..levels)
        .map(|i| {
            format!(r#"{{"id":"u{i}","kind":"team","label":{{"ja":"部署{i}","en":"Unit {i}"}}}}"#)
        })
        .collect();
    let hierarchy: Vec<String> = (1..levels)
        .map(|i| format!(r#"{{"child":"u{i}","parent":"u{}"}}"#, i - 1))
        .collect();
    format!(
        r#"{{"format":"orgpath/1","meta":{{"title":{{"ja":"鎖","en":"Chain"}}}},"nodes":[{}],"hierarchy":[{}]}}"#,
        nodes.join(","),
        hierarchy.join(",")
    )
}

fn request(view: View) -> ViewRequest {
    ViewRequest {
        view,
        lang: Lang::Ja,
        theme: Theme::Light,
        direction: DirectionChoice::Lr,
        compact: false,
        focus: None,
        collapsed: Vec::new(),
        hidden: Vec::new(),
        tour: None,
        step: None,
        viewport: None,
        user_folds: None,
        unfold: None,
        fold_level: None,
        reveal: None,
    }
}

/// Everything the window and the exports do with a freshly opened dataset.
fn draw_everything(d: &Dataset, deepest: &str) {
    for view in View::ALL {
        let p = view_model::view(d, &request(view))
            .unwrap_or_else(|e| panic!("{} view: {e}", view.as_str()));
        assert!(
            p.svg.starts_with("<svg"),
            "{} view is an SVG",
            view.as_str()
        );
        let outline = view_model::outline(d, &request(view)).expect("outline");
        assert!(!outline.is_empty());
        if view == View::Org {
            // The window opens a chain this long folded, a few thousand levels shown.
            assert!(!p.collapsed.is_empty(), "folded on opening");
            assert!(
                p.ids.len() <= view_model::OPEN_WITH + 1,
                "{} cards",
                p.ids.len()
            );
            // The whole chain as the outline: one line per unit, plus the title.
            assert_eq!(
                outline.lines().count(),
                MAX_DEPTH + 1,
                "{}",
                &outline[..200]
            );
            // Indentation stops growing; the deepest lines say their level instead.
            let last = outline.lines().last().unwrap_or_default();
            assert!(
                last.starts_with(&format!("{}[{MAX_DEPTH}] ", "  ".repeat(64))),
                "{last}"
            );
            assert!(outline.len() < 30 * 1024 * 1024, "{} bytes", outline.len());
        }
    }
    // The SVG export of the whole chain, nothing folded: every level laid out.
    let options = ExportOptions::new(View::Org, Lang::En, Format::Svg);
    let svg = String::from_utf8(export::export(d, &options).expect("export")).expect("UTF-8");
    assert_eq!(svg.matches("<g class=\"card\" ").count(), MAX_DEPTH);
    assert!(
        svg.contains(&format!("data-id=\"{deepest}\"")),
        "the deepest unit is drawn"
    );
    let details = view_model::details(d, deepest).expect("details of the deepest unit");
    assert_eq!(details.parents.len(), 1);
    assert_eq!(explore::node_list(d).len(), MAX_DEPTH);
}

#[test]
fn a_csv_chain_as_deep_as_the_limit_loads_and_draws_on_a_small_stack() {
    let text = chain_csv(MAX_DEPTH);
    on_small_stack(move || {
        let d = load_csv(text.as_bytes(), "chain.csv").unwrap_or_else(|r| panic!("{r}"));
        assert_eq!(d.node_count(), MAX_DEPTH);
        draw_everything(&d, &(MAX_DEPTH - 1).to_string());
    });
}

#[test]
fn a_json_chain_as_deep_as_the_limit_loads_and_draws_on_a_small_stack() {
    let text = chain_json(MAX_DEPTH);
    on_small_stack(move || {
        let d = load_json(text.as_bytes(), "chain.json").unwrap_or_else(|r| panic!("{r}"));
        assert_eq!(d.node_count(), MAX_DEPTH);
        draw_everything(&d, &format!("u{}", MAX_DEPTH - 1));
    });
}

fn only_problem(r: &Report) -> &orgpath_explore::Problem {
    assert_eq!(r.problems.len(), 1, "{r}");
    &r.problems[0]
}

#[test]
fn one_level_past_the_depth_limit_is_refused_by_name() {
    let text = chain_csv(MAX_DEPTH + 1);
    let r = on_small_stack(move || load_csv(text.as_bytes(), "chain.csv").map(|_| ()))
        .expect_err("past the limit");
    let p = only_problem(&r);
    assert_eq!(p.code, Code::TooLarge);
    assert!(
        p.message
            .en
            .contains(&format!("{} levels deep", MAX_DEPTH + 1))
            && p.message.en.contains(&format!("up to {MAX_DEPTH} levels"))
            && p.message.en.contains(&format!("\"{MAX_DEPTH}\"")),
        "{}",
        p.message.en
    );
    // The row of the deepest unit (the header is line 1).
    assert_eq!(p.at.line, Some(MAX_DEPTH as u32 + 2), "{r}");
}

/// JSON nested far past serde_json's limit of 128 levels, wherever it may be nested.
#[test]
fn json_nested_ten_thousand_levels_is_a_clean_error() {
    let deep = |inner: &str| format!("{}{inner}{}", "[".repeat(10_000), "]".repeat(10_000));
    let objects = format!("{}{}", r#"{"a":"#.repeat(10_000), "}".repeat(10_000));
    let files = vec![
        deep(""),
        deep("1"),
        objects.clone(),
        format!(r#"{{"format":"orgpath/1","meta":{}}}"#, deep("")),
        format!(
            r#"{{"format":"orgpath/1","nodes":[{{"id":{}}}]}}"#,
            deep("")
        ),
        format!(r#"{{"format":"orgpath/1","nodes":{objects}}}"#),
        // Unclosed: the end of the file comes first.
        "[".repeat(10_000),
        r#"{"a":"#.repeat(10_000),
    ];
    for (i, text) in files.into_iter().enumerate() {
        let r = on_small_stack(move || load_json(text.as_bytes(), "deep.json").map(|_| ()))
            .expect_err("not a dataset");
        let p = &r.problems[0];
        assert!(
            matches!(p.code, Code::Syntax | Code::Shape),
            "file {i}: {r}"
        );
        assert!(p.at.line.is_some(), "file {i} says where: {r}");
    }
    // The pointer index, which reads text serde has accepted, stops at its own depth.
    let text = deep("");
    on_small_stack(move || {
        let index = orgpath_explore::locate::PointerIndex::new(&text);
        assert_eq!(index.locate(""), Some((1, 1)));
    });
}

/// Past the node and link limits, validation stops at once with one problem each:
/// the limits are checked before any rule runs.
#[test]
fn past_the_node_and_link_limits_nothing_else_is_checked() {
    on_small_stack(|| {
        let mut raw = RawDataset::default();
        // Empty ids and no format: each would be a problem of its own if checked.
        raw.nodes.resize_with(MAX_NODES + 1, RawNode::default);
        let t = Instant::now();
        let problems = validate(&raw, &PointerOnly, &orgpath_explore::ViewDrawings)
            .expect_err("too many nodes");
        assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].code, Code::TooLarge);
        assert_eq!(
            problems[0].message.en,
            format!(
                "the dataset has {} nodes; orgpath loads up to {MAX_NODES}",
                MAX_NODES + 1
            )
        );
        assert_eq!(problems[0].at.pointer.as_deref(), Some("/nodes"));

        raw.nodes.truncate(2);
        raw.relations
            .resize_with(MAX_LINKS + 1, RawRelation::default);
        let problems = validate(&raw, &PointerOnly, &orgpath_explore::ViewDrawings)
            .expect_err("too many links");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].code, Code::TooLarge);
        assert!(
            problems[0]
                .message
                .en
                .contains(&format!("{} links", MAX_LINKS + 1)),
            "{}",
            problems[0].message.en
        );
    });
}

/// A file that repeats one mistake on every row lists the first problems and counts
/// the rest, quickly: each listed unknown id compares itself with every known id.
#[test]
fn a_mistake_on_every_row_is_listed_up_to_the_limit_and_counted() {
    let rows = 20_000;
    let mut text = String::from("id,parent,name\n");
    for i in 0..rows {
        // Every parent is missing: "p0" names no row.
        text.push_str(&format!("n{i},p{i},名前{i}\n"));
    }
    let t = Instant::now();
    let r = load_csv(text.as_bytes(), "shifted.csv").expect_err("unknown parents");
    // Generous for a debug build on a busy machine; before the limit this took minutes.
    assert!(t.elapsed() < Duration::from_secs(30), "{:?}", t.elapsed());
    assert_eq!(r.problems.len(), MAX_PROBLEMS + 1);
    assert!(r.problems[..MAX_PROBLEMS]
        .iter()
        .all(|p| p.code == Code::UnknownId));
    let last = &r.problems[MAX_PROBLEMS];
    assert_eq!(last.code, Code::UnknownId);
    assert!(
        last.message.en.contains(&format!(
            "and {} more problems, not listed (a report lists the first {MAX_PROBLEMS})",
            rows - MAX_PROBLEMS
        )),
        "{}",
        last.message.en
    );
    // The first rows still get a "did you mean" hint, the later ones a short list.
    assert!(
        r.problems[0].cli_hint().contains("did you mean"),
        "{}",
        r.problems[0].cli_hint()
    );
    assert!(
        r.problems[MAX_PROBLEMS - 1]
            .cli_hint()
            .contains("known node ids"),
        "{}",
        r.problems[MAX_PROBLEMS - 1].cli_hint()
    );
}

/// A circle through every row is reported once, named by its start, found without
/// recursion.
#[test]
fn a_circle_through_a_hundred_thousand_rows_is_one_short_problem() {
    let n = 100_000;
    let mut text = String::from("id,parent,name\n");
    for i in 0..n {
        text.push_str(&format!("{i},{},名前{i}\n", (i + n - 1) % n));
    }
    let r = on_small_stack(move || load_csv(text.as_bytes(), "circle.csv").map(|_| ()))
        .expect_err("a circle");
    let p = only_problem(&r);
    assert_eq!(p.code, Code::Cycle);
    assert_eq!(
        p.message.en,
        format!(
            "row 2: the hierarchy goes round in a circle: 0 → 1 → 2 → 3 → 4 → 5 → 6 → 7 → 8 → 9 → … {} more … → 0",
            n - 10
        )
    );
}
