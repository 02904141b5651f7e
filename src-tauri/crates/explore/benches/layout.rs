//! Benchmarks of layout, SVG and PNG (criterion), and orgpath's side of the comparison
//! with d3-hierarchy and Graphviz that `.ci/bench` runs.
//!
//!     cargo bench -p orgpath-explore --bench layout                  # every criterion group
//!     cargo bench -p orgpath-explore --bench layout -- layout/tree   # a filter, as usual
//!
//! Groups, on generated organisation trees of 1k, 10k and 100k nodes (`common`):
//! - `layout/tree/N`: `tidy::layout` alone. The cards are measured (font metrics and
//!   wrapping) before the timed region; `iter_batched` hands each iteration a fresh
//!   forest, since the layout consumes its input.
//! - `layout/cards_and_tree/N`: measuring every card, then the layout: what laying out
//!   a view of that size really costs.
//! - `svg/N`: `render::svg` of the laid-out tree (legend on, light theme).
//! - `wrap/KIND/N`: wrapping one label of N characters (see [`bench_wrap`]).
//! - `png/...`: see [`bench_png`].
//!
//! Targets (release build, the project's 2-core machine, medians): tree layout 10k
//! ≤ 5 ms and 100k ≤ 50 ms (and ≥ 10x faster than d3-hierarchy's `tree()`, checked by
//! `.ci/bench`), SVG of 10k ≤ 100 ms, 3840x2160 PNG of the relationships view ≤ 300 ms.
//!
//! Two more modes, chosen by environment variables instead of criterion (this is the
//! one bench target of the crate, so the comparison tool lives here too):
//! - `ORGPATH_BENCH_WRITE=DIR` [`ORGPATH_BENCH_SIZES="1000 10000"`]: writes
//!   `tree-N.json` (read by d3's side and by the mode below), `tree-N.dot` (for dot)
//!   and `org-N.json` (the same tree as an orgpath dataset, for the window's frame
//!   times: `.ci/bench-frames`).
//! - `ORGPATH_BENCH_FILE=DIR/tree-N.json` [`ORGPATH_BENCH_RUNS=15`]: reads that tree and
//!   times `tidy::layout` in-process, file reading and card measuring excluded, and
//!   prints the medians as `key=value` on one line.
//!
//! `ORGPATH_BENCH_SIZES` also limits the criterion groups' sizes, for a quick run.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{BatchSize, BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput};
use orgpath_explore::font::{self, Weight};
use orgpath_explore::layout::tidy::{self, TreeOptions};
use orgpath_explore::render::{self, png, SvgOptions};
use orgpath_explore::scene::{Card, Edge, Lang, Scene, TypeScale, View};
use orgpath_explore::views::{self, SceneOptions};
use resvg::{tiny_skia, usvg};

mod common;

use common::{Node, SEED, SIZES};

/// The 4K target of the PNG benches.
const TARGET_W: u32 = 3840;
const TARGET_H: u32 = 2160;

struct Fixture {
    n: usize,
    nodes: Vec<Node>,
    parents: Vec<Option<usize>>,
    cards: Vec<orgpath_explore::scene::SizedCard>,
}

fn fixture(n: usize, ts: &TypeScale) -> Fixture {
    let nodes = common::generate(n, SEED);
    let parents = common::parents(&nodes);
    let cards = common::sized_cards(&nodes, ts);
    Fixture {
        n,
        nodes,
        parents,
        cards,
    }
}

fn lay_out(f: &Fixture, ts: &TypeScale) -> (Vec<Card>, Vec<Edge>) {
    tidy::layout(
        common::forest(&f.parents, common::clone_cards(&f.cards)),
        &TreeOptions::default(),
        ts,
    )
}

/// The laid-out tree as the org view would frame it.
fn scene(f: &Fixture, ts: &TypeScale) -> Scene {
    let (cards, edges) = lay_out(f, ts);
    let mut s = Scene {
        view: View::Org,
        lang: Lang::Ja,
        width: 0.0,
        height: 0.0,
        title: format!("組織図 — {} nodes", f.n),
        description: format!("{} 個の部署・チーム・ロールの階層", f.n),
        regions: Vec::new(),
        edges,
        cards,
        labels: Vec::new(),
        legend: Vec::new(),
    };
    s.fit(ts.margin);
    s
}

/// Fast benches: 30 samples in criterion's usual 5 s.
fn quick(g: &mut BenchmarkGroup<'_, WallTime>) {
    g.sample_size(30)
        .sampling_mode(SamplingMode::Auto)
        .measurement_time(Duration::from_secs(5));
}

/// Slow benches: 10 samples of equal batches, and the time they need (about 10
/// iterations), so a full run stays within minutes and criterion has nothing to warn.
fn slow(g: &mut BenchmarkGroup<'_, WallTime>, seconds: u64) {
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(seconds));
}

fn bench_layout(c: &mut Criterion, fixtures: &[Fixture], ts: &TypeScale) {
    let mut g = c.benchmark_group("layout");
    let options = TreeOptions::default();
    for f in fixtures {
        g.throughput(Throughput::Elements(f.n as u64));
        if f.n < 100_000 {
            quick(&mut g);
        } else {
            slow(&mut g, 5);
        }
        let shape = common::flat(&f.parents, &f.cards);
        let spacing = common::spacing(ts);
        g.bench_with_input(BenchmarkId::new("positions", f.n), &shape, |b, shape| {
            b.iter_with_large_drop(|| tidy::positions(shape, spacing).expect("a valid shape"))
        });
        g.bench_with_input(BenchmarkId::new("tree", f.n), f, |b, f| {
            b.iter_batched(
                || common::forest(&f.parents, common::clone_cards(&f.cards)),
                |items| tidy::layout(items, &options, ts),
                BatchSize::LargeInput,
            )
        });
        if f.n >= 100_000 {
            slow(&mut g, 12);
        }
        g.bench_with_input(BenchmarkId::new("cards_and_tree", f.n), f, |b, f| {
            b.iter_with_large_drop(|| {
                tidy::layout(
                    common::forest(&f.parents, common::sized_cards(&f.nodes, ts)),
                    &options,
                    ts,
                )
            })
        });
    }
    g.finish();
}

fn bench_svg(c: &mut Criterion, fixtures: &[Fixture], ts: &TypeScale) {
    let mut g = c.benchmark_group("svg");
    let options = SvgOptions::default();
    for f in fixtures {
        let s = scene(f, ts);
        g.throughput(Throughput::Elements(f.n as u64));
        if f.n < 100_000 {
            quick(&mut g);
        } else {
            slow(&mut g, 12);
        }
        g.bench_with_input(BenchmarkId::from_parameter(f.n), &s, |b, s| {
            b.iter_with_large_drop(|| render::svg(s, &options))
        });
    }
    g.finish();
}

/// `font::wrap` of one label of 1,000 to 100,000 characters into a card's three title
/// lines: one word (no break, cut with "…"), words, and Japanese. Only what is shown
/// is read, so the three sizes should cost about the same (a word is still read to
/// its end, to find where the next line starts).
///
/// Medians measured on the project's 2-core machine (bench profile without LTO), for
/// 1k / 10k / 100k characters: word 8 µs / 28 µs / 235 µs, words 9.4 µs each,
/// Japanese 6.2 µs each. With Japanese broken between BudouX's phrases (each gap
/// scored, up to the cut): word 8.7 µs / 53 µs / 397 µs, words 9.4-10 µs, Japanese
/// 8.6-10 µs each, against 9.0 / 30 / 314, 8.3 and 5.2-5.6 µs for the character
/// breaks in the same session. The first, quadratic algorithm: word 27 ms / 2.6 s / 302 s
/// (one run), words 21 ms / 2.3 s / 313 s, Japanese 33 ms / 3.1 s / 292 s.
fn bench_wrap(c: &mut Criterion, ts: &TypeScale) {
    let mut g = c.benchmark_group("wrap");
    quick(&mut g);
    // A kind of text, and how to make one of n characters.
    type Make = fn(usize) -> String;
    let kinds: [(&str, Make); 3] = [
        ("word", |n| "x".repeat(n)),
        ("words", |n| "word ".repeat(n / 5)),
        ("japanese", |n| "長い名前の部署。".repeat(n / 8)),
    ];
    for (kind, make) in kinds {
        for n in [1_000, 10_000, 100_000] {
            let text = make(n);
            g.bench_with_input(BenchmarkId::new(kind, n), &text, |b, text| {
                b.iter(|| font::wrap(text, ts.title, Weight::Bold, ts.max_title_width, 3))
            });
        }
    }
    g.finish();
}

/// The `width` and `height` attributes of an SVG document's root.
fn svg_size(svg: &str) -> (f32, f32) {
    let attr = |name: &str| -> f32 {
        let head = &svg[..svg.find('>').expect("an svg root")];
        let at = head.find(&format!(" {name}=\"")).expect("a size attribute") + name.len() + 3;
        head[at..at + head[at..].find('"').unwrap()]
            .parse()
            .expect("a number")
    };
    (attr("width"), attr("height"))
}

/// The 3840x2160 target, two ways:
///
/// - `png/4k/VIEW`: a built-in view through the exporter's own `render::png`, at the
///   scale that makes the image's larger side 3840 px (clamped to the exporter's 1–4):
///   what "export PNG at 4K" costs. `png/4k_export/VIEW` adds building the scene and
///   its SVG. The font database is built once per process (`png::fontdb()`, a
///   `OnceLock`); its one-time cost is printed, not benched.
/// - `png/generated_in_3840x2160/N`: a generated tree is far larger than 16384 px at
///   scale 1, which `render::png` rightly refuses, so its SVG is parsed with the same
///   options as `render::png` (same font database) and drawn scaled down into a fixed
///   3840x2160 pixmap, then encoded: parsing and text shaping grow with N, painting
///   and encoding stay 4K. The 100k tree is skipped with a message: its SVG has more
///   elements than usvg's fixed limit of 1,000,000, so no PNG of it can be made.
///
/// The relationships view is the target's subject (≤ 300 ms); the org view is benched
/// beside it. A view that is still empty is skipped with a message.
fn bench_png(c: &mut Criterion, fixtures: &[Fixture], ts: &TypeScale) {
    let t = Instant::now();
    let _ = png::fontdb();
    eprintln!(
        "font database built once for this process in {:.3} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    let mut g = c.benchmark_group("png");
    slow(&mut g, 8);
    let dataset = orgpath_explore::builtin().unwrap_or_else(|r| panic!("{r}"));
    let options = SceneOptions::new(Lang::Ja);
    let svg_options = SvgOptions::default();
    for view in [View::Relationships, View::Org] {
        let s = views::scene(&dataset, view, &options);
        if s.cards.is_empty() {
            eprintln!("png/4k/{}: skipped, the view is still empty", view.as_str());
            continue;
        }
        let svg = render::svg(&s, &svg_options);
        let (w, h) = svg_size(&svg);
        let scale = (TARGET_W as f32 / w.max(h)).clamp(1.0, 4.0);
        let bytes = render::png(&s, &svg, scale).expect("the view renders");
        eprintln!(
            "png/4k/{}: {w}x{h} px at scale {scale:.3} = {:.0}x{:.0} px, {} cards, {} KiB",
            view.as_str(),
            (w * scale).ceil(),
            (h * scale).ceil(),
            s.cards.len(),
            bytes.len() / 1024
        );
        g.bench_function(BenchmarkId::new("4k", view.as_str()), |b| {
            b.iter(|| render::png(&s, &svg, scale).unwrap())
        });
        g.bench_function(BenchmarkId::new("4k_export", view.as_str()), |b| {
            b.iter(|| {
                let s = views::scene(&dataset, view, &options);
                let svg = render::svg(&s, &svg_options);
                render::png(&s, &svg, scale).unwrap()
            })
        });
    }

    for f in fixtures {
        let s = scene(f, ts);
        let svg = render::svg(&s, &svg_options);
        // usvg refuses documents of more than 1,000,000 elements (a safety limit), which
        // a 100k tree's SVG exceeds: say so instead of benching an error.
        if let Err(e) = png_in_target(&s, &svg) {
            let elements = svg.matches('<').count() - svg.matches("</").count();
            eprintln!(
                "png/generated_in_3840x2160/{}: skipped, resvg cannot read its SVG ({} MB, ~{elements} elements): {e}",
                f.n,
                svg.len() / 1_000_000
            );
            continue;
        }
        g.throughput(Throughput::Elements(f.n as u64));
        slow(&mut g, if f.n < 10_000 { 12 } else { 40 });
        g.bench_with_input(
            BenchmarkId::new("generated_in_3840x2160", f.n),
            &(s, svg),
            |b, (s, svg)| b.iter(|| png_in_target(s, svg).unwrap()),
        );
    }
    g.finish();
}

/// `render::png`'s steps, but into a fixed 3840x2160 pixmap with the drawing scaled
/// to fit and centred.
fn png_in_target(scene: &Scene, svg: &str) -> Result<Vec<u8>, usvg::Error> {
    let options = usvg::Options {
        font_family: orgpath_explore::font::FAMILY.to_owned(),
        fontdb: png::fontdb(),
        languages: vec![scene.lang.as_str().to_owned()],
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)?;
    let size = tree.size();
    let k = (TARGET_W as f32 / size.width()).min(TARGET_H as f32 / size.height());
    let (dx, dy) = (
        (TARGET_W as f32 - size.width() * k) / 2.0,
        (TARGET_H as f32 - size.height() * k) / 2.0,
    );
    let mut pixmap = tiny_skia::Pixmap::new(TARGET_W, TARGET_H).expect("a 4K pixmap");
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(k, k).post_translate(dx, dy),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap.encode_png().expect("the PNG encodes"))
}

fn sizes_from_env() -> Vec<usize> {
    match std::env::var("ORGPATH_BENCH_SIZES") {
        Ok(s) => s
            .split([' ', ','])
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().expect("ORGPATH_BENCH_SIZES: node counts"))
            .collect(),
        Err(_) => SIZES.to_vec(),
    }
}

/// `ORGPATH_BENCH_WRITE`: the comparison's input files.
fn write_trees(dir: &Path, ts: &TypeScale) {
    std::fs::create_dir_all(dir).expect("the output folder");
    for n in sizes_from_env() {
        let nodes = common::generate(n, SEED);
        let cards = common::sized_cards(&nodes, ts);
        std::fs::write(
            dir.join(format!("tree-{n}.json")),
            common::to_json(&nodes, &cards),
        )
        .expect("tree JSON written");
        std::fs::write(
            dir.join(format!("org-{n}.json")),
            common::to_orgpath_json(&nodes),
        )
        .expect("orgpath JSON written");
        std::fs::write(
            dir.join(format!("tree-{n}.dot")),
            common::to_dot(&nodes, &cards, ts),
        )
        .expect("tree DOT written");
        let (depth, widest) = common::shape(&common::parents(&nodes));
        let leaves = n - nodes
            .iter()
            .filter_map(|x| x.parent)
            .collect::<std::collections::HashSet<_>>()
            .len();
        println!(
            "tree nodes={n} levels={} max_children={widest} leaves={leaves}",
            depth + 1
        );
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

/// `ORGPATH_BENCH_FILE`: times the layout of the tree in that file.
fn time_file(path: &Path, ts: &TypeScale) {
    let runs: usize = std::env::var("ORGPATH_BENCH_RUNS")
        .map_or(15, |r| r.parse().expect("ORGPATH_BENCH_RUNS: a count"));
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let nodes = common::from_json(&text);
    let parents = common::parents(&nodes);
    let cards = common::sized_cards(&nodes, ts);
    let options = TreeOptions::default();
    // Untimed warm-up runs, like d3's side: caches, first-touch page faults, the
    // allocator growing its arenas.
    for _ in 0..3 {
        let items = common::forest(&parents, common::clone_cards(&cards));
        let (placed, _) = tidy::layout(items, &options, ts);
        assert_eq!(placed.len(), nodes.len(), "every node placed");
    }

    let shape = common::flat(&parents, &cards);
    let spacing = common::spacing(ts);
    for _ in 0..3 {
        let placed = tidy::positions(&shape, spacing).expect("a valid shape");
        assert_eq!(placed.cross.len(), nodes.len(), "every node placed");
    }
    let mut positions_ms = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let out = black_box(tidy::positions(black_box(&shape), spacing));
        positions_ms.push(t.elapsed().as_secs_f64() * 1e3);
        drop(out);
    }

    let mut layout_ms = Vec::with_capacity(runs);
    for _ in 0..runs {
        let items = common::forest(&parents, common::clone_cards(&cards));
        let t = Instant::now();
        let out = black_box(tidy::layout(black_box(items), &options, ts));
        layout_ms.push(t.elapsed().as_secs_f64() * 1e3);
        drop(out);
    }
    let mut cards_ms = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let out = black_box(tidy::layout(
            common::forest(&parents, common::sized_cards(black_box(&nodes), ts)),
            &options,
            ts,
        ));
        cards_ms.push(t.elapsed().as_secs_f64() * 1e3);
        drop(out);
    }
    let min = layout_ms.iter().copied().fold(f64::INFINITY, f64::min);
    println!(
        "orgpath nodes={} runs={runs} positions_median_ms={:.4} layout_median_ms={:.3} layout_min_ms={min:.3} cards_and_layout_median_ms={:.3}",
        nodes.len(),
        median(positions_ms),
        median(layout_ms),
        median(cards_ms)
    );
}

fn main() {
    let ts = TypeScale::STANDARD;
    if let Some(dir) = std::env::var_os("ORGPATH_BENCH_WRITE") {
        write_trees(Path::new(&dir), &ts);
        return;
    }
    if let Some(file) = std::env::var_os("ORGPATH_BENCH_FILE") {
        time_file(Path::new(&file), &ts);
        return;
    }

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .configure_from_args();
    let fixtures: Vec<Fixture> = sizes_from_env()
        .into_iter()
        .map(|n| fixture(n, &ts))
        .collect();
    bench_wrap(&mut c, &ts);
    bench_layout(&mut c, &fixtures, &ts);
    bench_svg(&mut c, &fixtures, &ts);
    bench_png(&mut c, &fixtures, &ts);
    c.final_summary();
}
