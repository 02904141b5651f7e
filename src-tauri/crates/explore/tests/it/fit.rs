//! The organisation tree fitted to a box: the automatic choice of arrangement fits
//! wide and deep trees better than any fixed direction, and a people-sized tree
//! opens (auto arrangement, levels folded) with every card's text readable at the
//! zoom that fits the window, nothing overlapping and no line through a card.

use std::collections::HashSet;

use orgpath_explore::layout::tidy::{self, Arrangement, Direction, Sizes, TreeItem};
use orgpath_explore::render::Theme;
use orgpath_explore::scene::{Accent, CardSpec, Scene, SizedCard, TypeScale, View};
use orgpath_explore::view_model::{self, DirectionChoice, ViewRequest, Viewport};
use orgpath_explore::views::org::{self, FitTarget, READABLE_PX};
use orgpath_explore::views::{self, SceneOptions};
use orgpath_explore::Dataset;
use orgpath_explore::Lang;

use crate::common;

/// A small deterministic generator (xorshift64*), so the trees are the same on
/// every run without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const FIRST: [&str; 12] = [
    "Steven",
    "Neena",
    "Lex",
    "Alexander",
    "Bruce",
    "Diana",
    "Valli",
    "Nancy",
    "Daniel",
    "Ismael",
    "Jose Manuel",
    "Luis",
];
const LAST: [&str; 10] = [
    "King",
    "Kochhar",
    "De Haan",
    "Hunold",
    "Ernst",
    "Lorentz",
    "Pataballa",
    "Greenberg",
    "Faviet",
    "Sciarra",
];
const POSITIONS: [&str; 8] = [
    "Chief Operating Officer",
    "Engineering Manager",
    "Senior Software Engineer",
    "Accountant",
    "Sales Representative",
    "Product Designer",
    "Support Specialist",
    "Data Analyst",
];
const DEPARTMENTS: [&str; 5] = ["Executive", "Engineering", "Finance", "Sales", "Support"];

/// A people-like organisation of `n` as `id,parentId,name,position,department`
/// CSV: random shape, seeded. Each row's manager is an earlier row drawn as
/// `⌊u^lean · i⌋` for a uniform u: `lean` 1 gives a random recursive tree (a handful of
/// reports each, depth growing with log n), larger leans pile reports on the first
/// managers (a flat top: the CEO with dozens of reports).
fn people_csv(n: usize, seed: u64, lean: i32) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut out = String::from("id,parentId,name,position,department\n");
    for i in 0..n {
        let parent = if i == 0 {
            String::new()
        } else {
            format!("p{}", (rng.unit().powi(lean) * i as f64) as usize)
        };
        let name = format!(
            "{} {}",
            FIRST[rng.below(FIRST.len())],
            LAST[rng.below(LAST.len())]
        );
        let position = POSITIONS[rng.below(POSITIONS.len())];
        let department = DEPARTMENTS[rng.below(DEPARTMENTS.len())];
        out.push_str(&format!("p{i},{parent},{name},{position},{department}\n"));
    }
    out
}

fn people(n: usize, seed: u64, lean: i32) -> Dataset {
    orgpath_explore::load_csv(people_csv(n, seed, lean).as_bytes(), "people.csv")
        .unwrap_or_else(|r| panic!("{r}"))
}

fn request(viewport: Option<(f32, f32)>) -> ViewRequest {
    ViewRequest {
        view: View::Org,
        lang: Lang::En,
        theme: Theme::Light,
        direction: DirectionChoice::Auto,
        compact: false,
        focus: None,
        collapsed: Vec::new(),
        hidden: Vec::new(),
        tour: None,
        step: None,
        viewport: viewport.map(|(width, height)| Viewport { width, height }),
        user_folds: None,
        unfold: None,
        fold_level: None,
        reveal: None,
    }
}

/// The window's fit zoom (ui/src/zoom.ts `fitZoom`): whole drawing, never above 1.
fn window_zoom(width: f32, height: f32, box_: (f32, f32)) -> f32 {
    (box_.0 / width).min(box_.1 / height).min(1.0)
}

/// Nothing overlaps, no line passes through a card.
fn assert_clean(scene: &Scene, what: &str) {
    let cards = &scene.cards;
    for (i, a) in cards.iter().enumerate() {
        for b in &cards[i + 1..] {
            assert!(
                !a.rect.overlaps(&b.rect),
                "{what}: {} overlaps {}",
                a.id,
                b.id
            );
        }
    }
    for e in &scene.edges {
        for w in e.points.windows(2) {
            for c in cards {
                assert!(
                    !common::segment_hits(w[0], w[1], &c.rect),
                    "{what}: edge {}→{} crosses {}",
                    e.from,
                    e.to,
                    c.id
                );
            }
        }
    }
}

/// Opens `d` as the window does in a `box_` viewport, and checks the text size at
/// the fit zoom. Returns the payload's folds.
fn opens_readable(d: &Dataset, box_: (f32, f32), what: &str) -> Vec<String> {
    let p = view_model::view(d, &request(Some(box_))).unwrap();
    let dir = p.direction.fixed().expect("a concrete direction");
    // The same drawing, as a scene, to read its text runs.
    let target = FitTarget {
        width: box_.0,
        height: box_.1,
        auto: true,
        prefers_top_down: org::prefers_top_down(d),
        fold: true,
    };
    let options = SceneOptions::new(orgpath_explore::scene::Lang::En);
    let fitted = org::fit(d, &options, target);
    assert_eq!(fitted.collapsed, p.collapsed, "{what}");
    assert_eq!(fitted.arrangement.direction, dir, "{what}");
    assert_eq!(fitted.arrangement.compact, p.compact, "{what}");
    let mut o = options.clone();
    o.direction = dir;
    o.compact = fitted.arrangement.compact;
    o.columns = fitted.arrangement.columns;
    o.shape = fitted.arrangement.shape;
    o.collapsed = fitted.collapsed.iter().cloned().collect();
    let scene = views::scene(d, View::Org, &o);
    assert_eq!((scene.width, scene.height), (p.width, p.height), "{what}");
    assert_eq!(scene.cards.len(), p.ids.len());
    let zoom = window_zoom(p.width, p.height, box_);
    let smallest = scene.texts().map(|t| t.size).fold(f32::INFINITY, f32::min);
    assert!(
        smallest * zoom >= READABLE_PX,
        "{what}: smallest text {smallest} px at zoom {zoom:.3} is {:.2} px on screen ({} cards, {:?})",
        smallest * zoom,
        scene.cards.len(),
        fitted.arrangement
    );
    assert_clean(&scene, what);
    // As many levels as allow it: one more unfolded level is no longer readable.
    if !p.collapsed.is_empty() {
        let mut deeper: HashSet<String> = p.collapsed.iter().cloned().collect();
        for id in &p.collapsed {
            org::unfold_one_level(d, &mut deeper, id);
        }
        let mut o = options.clone();
        o.collapsed = deeper;
        let next = org::fit(
            d,
            &o,
            FitTarget {
                fold: false,
                ..target
            },
        );
        assert!(
            next.zoom * next.smallest_text < READABLE_PX,
            "{what}: one more level would still read at {:.2} px",
            next.zoom * next.smallest_text
        );
    }
    p.collapsed
}

#[test]
fn people_trees_of_100_and_1000_open_readable_and_clean_at_1280x800_and_1920x1080() {
    for (n, seed, lean) in [(100, 1, 1), (100, 2, 2), (1_000, 3, 1), (1_000, 4, 2)] {
        let d = people(n, seed, lean);
        assert!(org::prefers_top_down(&d), "people with positions are roles");
        for box_ in [(1280.0, 800.0), (1920.0, 1080.0)] {
            let what = format!(
                "{n} people (seed {seed}, lean {lean}) in {}x{}",
                box_.0, box_.1
            );
            let folded = opens_readable(&d, box_, &what);
            if n == 1_000 {
                assert!(
                    !folded.is_empty(),
                    "{what}: 1,000 cards cannot all be readable"
                );
            }
        }
    }
}

#[test]
fn the_builtin_organisation_opens_readable_at_common_window_sizes() {
    let d = orgpath_explore::builtin().unwrap();
    assert!(
        !org::prefers_top_down(&d),
        "departments keep the left-right look"
    );
    for box_ in [(1280.0, 800.0), (1920.0, 1080.0), (1024.0, 640.0)] {
        opens_readable(&d, box_, &format!("built-in in {}x{}", box_.0, box_.1));
    }
}

#[test]
fn the_folds_a_user_made_are_kept_even_when_none_are_left() {
    let d = people(300, 7, 1);
    let mut r = request(Some((1280.0, 800.0)));
    let opened = view_model::view(&d, &r).unwrap();
    assert!(!opened.collapsed.is_empty(), "300 people open folded");
    // Unfolding one level of a folded card: it opens, its children fold.
    r.collapsed = opened.collapsed.clone();
    r.user_folds = Some(true);
    r.unfold = Some(opened.collapsed[0].clone());
    let once = view_model::view(&d, &r).unwrap();
    assert!(!once.collapsed.contains(&opened.collapsed[0]));
    assert!(once.ids.len() > opened.ids.len(), "its children are drawn");
    // Everything unfolded by the user stays unfolded: nothing is folded for them.
    r.unfold = None;
    r.collapsed = Vec::new();
    let all = view_model::view(&d, &r).unwrap();
    assert!(all.collapsed.is_empty());
    assert_eq!(all.ids.len(), 300);
    // Without `user_folds`, nothing folded means "fold for me".
    r.user_folds = None;
    assert_eq!(
        view_model::view(&d, &r).unwrap().collapsed,
        opened.collapsed
    );
    // An unknown id is named.
    r.unfold = Some("nobody".into());
    let err = view_model::view(&d, &r).unwrap_err();
    assert!(err.contains("nobody"), "{err}");
}

/// A card the size the people view draws, for the layout-only tests.
fn card(id: &str, title: &str, ts: &TypeScale) -> SizedCard {
    SizedCard::new(
        CardSpec {
            id,
            title,
            caption: Some("Senior Software Engineer".into()),
            badge: None,
            accent: Accent::Neutral,
            description: None,
            illustrative: false,
            emphasis: false,
            collapsed: None,
        },
        ts,
    )
}

/// A tree from a parent list (parents before children), as layout items.
fn items(parents: &[Option<usize>], ts: &TypeScale) -> Vec<TreeItem> {
    let n = parents.len();
    let mut slots: Vec<Option<TreeItem>> = (0..n)
        .map(|i| {
            Some(TreeItem {
                card: card(&format!("n{i}"), &format!("Person {i}"), ts),
                children: Vec::new(),
                extra_parents: Vec::new(),
            })
        })
        .collect();
    let mut roots = Vec::new();
    for i in (0..n).rev() {
        let it = slots[i].take().unwrap();
        match parents[i] {
            Some(p) => slots[p].as_mut().unwrap().children.insert(0, it),
            None => roots.insert(0, it),
        }
    }
    roots
}

fn zoom_of(sizes: &Sizes, a: Arrangement, target: (f32, f32), ts: &TypeScale) -> f32 {
    tidy::fit_zoom(
        sizes.extent(a, tidy::Spacing::of(ts)).unwrap(),
        ts.margin,
        target,
    )
}

#[test]
fn the_automatic_choice_fits_wide_and_deep_trees_better_than_a_fixed_direction() {
    let ts = TypeScale::STANDARD;
    let mut rng = Rng(42);
    // Wide: a manager with 80 reports, a few of them with teams of their own.
    let mut wide = vec![None];
    for _ in 0..80 {
        wide.push(Some(0));
    }
    for _ in 0..40 {
        let p = 1 + rng.below(80);
        wide.push(Some(p));
    }
    // Deep: a chain of 14 managers, each with three reports besides the next one.
    let mut deep = vec![None];
    let mut boss = 0;
    for _ in 0..14 {
        for _ in 0..3 {
            deep.push(Some(boss));
        }
        deep.push(Some(boss));
        boss = deep.len() - 1;
    }
    for (name, parents) in [("wide", wide), ("deep", deep)] {
        let roots = items(&parents, &ts);
        let sizes = Sizes::of(&roots, &HashSet::new());
        for target in [(1920.0, 1080.0), (1280.0, 800.0), (794.0, 1123.0)] {
            let preferred = Arrangement::tidy(Direction::TopDown);
            let (chosen, zoom) = tidy::choose(
                &sizes,
                &tidy::candidates(preferred, true, target),
                target,
                &ts,
            )
            .unwrap();
            for direction in Direction::ALL {
                let fixed = zoom_of(&sizes, Arrangement::tidy(direction), target, &ts);
                assert!(
                    zoom > fixed * tidy::CLEARLY_BETTER - 1e-4,
                    "{name} in {target:?}: {chosen:?} at {zoom:.3} vs {direction:?} at {fixed:.3}"
                );
            }
            // And the zoom it reports is the zoom of the layout it builds.
            let options = tidy::TreeOptions {
                direction: chosen.direction,
                compact: chosen.compact,
                columns: chosen.columns,
                shape: chosen.shape,
                collapsed: HashSet::new(),
            };
            let (cards, _) = tidy::layout(items(&parents, &ts), &options, &ts);
            let (w, h) = cards.iter().fold((0.0f32, 0.0f32), |(w, h), c| {
                (w.max(c.rect.right()), h.max(c.rect.bottom()))
            });
            let (x0, y0) = cards.iter().fold((f32::MAX, f32::MAX), |(x, y), c| {
                (x.min(c.rect.x), y.min(c.rect.y))
            });
            let built = tidy::fit_zoom((w - x0, h - y0), ts.margin, target);
            assert!((built - zoom).abs() < 1e-3, "{name}: {built} vs {zoom}");
        }
    }
}

#[test]
fn a_small_tree_keeps_the_preferred_arrangement() {
    // Everything fits at 100 %: no reason to change the look.
    let ts = TypeScale::STANDARD;
    let roots = items(&[None, Some(0), Some(0), Some(1)], &ts);
    let sizes = Sizes::of(&roots, &HashSet::new());
    for preferred in [
        Arrangement::tidy(Direction::LeftRight),
        Arrangement::tidy(Direction::TopDown),
    ] {
        let (chosen, zoom) = tidy::choose(
            &sizes,
            &tidy::candidates(preferred, true, (1280.0, 800.0)),
            (1280.0, 800.0),
            &ts,
        )
        .unwrap();
        assert_eq!(chosen, preferred);
        assert_eq!(zoom, 1.0);
    }
}

#[test]
fn compact_grids_hold_leaves_and_subtrees_together() {
    // A root whose children mix leaves and managers: every child in the grid, below
    // the root, in rows of at most ⌈√k⌉ columns.
    let ts = TypeScale::STANDARD;
    let mut parents = vec![None];
    for i in 0..9 {
        parents.push(Some(0));
        if i % 3 == 0 {
            let me = parents.len() - 1;
            parents.push(Some(me));
            parents.push(Some(me));
        }
    }
    let options = tidy::TreeOptions {
        direction: Direction::TopDown,
        compact: true,
        columns: 1.0,
        shape: None,
        collapsed: HashSet::new(),
    };
    let (cards, edges) = tidy::layout(items(&parents, &ts), &options, &ts);
    let root = &cards[0];
    let kids: Vec<_> = cards
        .iter()
        .enumerate()
        .filter(|(i, _)| parents[*i] == Some(0))
        .map(|(_, c)| c)
        .collect();
    assert_eq!(kids.len(), 9);
    let mut rows: Vec<f32> = kids.iter().map(|c| c.rect.y).collect();
    rows.sort_by(f32::total_cmp);
    rows.dedup();
    assert_eq!(rows.len(), 3, "9 children in 3 rows of 3: {rows:?}");
    assert!(kids.iter().all(|c| c.rect.y > root.rect.bottom()));
    // The grid is narrower than a row of nine.
    let span = kids.iter().map(|c| c.rect.right()).fold(0.0, f32::max)
        - kids.iter().map(|c| c.rect.x).fold(f32::MAX, f32::min);
    let row_of_nine: f32 = kids.iter().map(|c| c.rect.w).sum();
    assert!(span < row_of_nine / 2.0, "{span} vs {row_of_nine}");
    // Every child hangs from the root by one edge, and no edge crosses a card.
    assert_eq!(edges.iter().filter(|e| e.from == "n0").count(), 9);
    for e in &edges {
        for w in e.points.windows(2) {
            for c in &cards {
                assert!(
                    !common::segment_hits(w[0], w[1], &c.rect),
                    "{}→{} crosses {}",
                    e.from,
                    e.to,
                    c.id
                );
            }
        }
    }
}

#[test]
fn a_unit_folded_away_is_revealed_with_its_siblings() {
    let d = people(300, 7, 1);
    let mut r = request(Some((1280.0, 800.0)));
    let opened = view_model::view(&d, &r).unwrap();
    // The deepest unit is folded away on opening.
    let tree = d.org_tree();
    let mut deepest = (0usize, String::new());
    let mut stack: Vec<(&orgpath_explore::TreeNode, usize)> =
        tree.roots.iter().map(|n| (n, 0)).collect();
    while let Some((n, depth)) = stack.pop() {
        if depth > deepest.0 {
            deepest = (depth, n.id.clone());
        }
        stack.extend(n.children.iter().map(|c| (c, depth + 1)));
    }
    assert!(!opened.ids.contains(&deepest.1));
    r.collapsed = opened.collapsed.clone();
    r.user_folds = Some(true);
    r.reveal = Some(deepest.1.clone());
    let shown = view_model::view(&d, &r).unwrap();
    assert!(shown.ids.contains(&deepest.1), "revealed");
    // Only the way down to it opened: far fewer cards than the whole tree.
    assert!(shown.ids.len() < 150, "{} cards", shown.ids.len());
    assert!(!shown.collapsed.is_empty());
}

#[test]
fn a_tour_step_under_auto_is_drawn_as_the_slides_draw_it() {
    let d = orgpath_explore::builtin().unwrap();
    let tour = d.tours()[0].id.clone();
    let mut r = request(Some((1280.0, 800.0)));
    r.tour = Some(tour);
    let auto = view_model::view(&d, &r).unwrap();
    assert_eq!(auto.direction, DirectionChoice::Lr);
    r.direction = DirectionChoice::Lr;
    assert_eq!(view_model::view(&d, &r).unwrap().svg, auto.svg);
}

/// The window's diagram area in a 1280x800 window: the window less the sidebar (232 px)
/// and the top bar and view title (48 + 32 px), a pixel short on each side
/// (ui/src/state.ts `viewportSize`).
const WINDOW_AREA: (f32, f32) = (1046.0, 718.0);

/// The share of `box_` the drawing's cards span on screen at the window's fit zoom:
/// the box around them, and the cards themselves.
fn coverage(scene: &Scene, box_: (f32, f32)) -> (f32, f32) {
    let zoom = window_zoom(scene.width, scene.height, box_);
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    let mut cards = 0.0;
    for c in &scene.cards {
        (x0, y0) = (x0.min(c.rect.x), y0.min(c.rect.y));
        (x1, y1) = (x1.max(c.rect.right()), y1.max(c.rect.bottom()));
        cards += c.rect.w * c.rect.h;
    }
    let area = box_.0 * box_.1;
    (
        (x1 - x0) * (y1 - y0) * zoom * zoom / area,
        cards * zoom * zoom / area,
    )
}

/// The arrangement "auto" picks for `box_` with the options' folds as they are.
fn fit_as_it_is(d: &Dataset, o: &SceneOptions, box_: (f32, f32)) -> org::Fitted {
    org::fit(
        d,
        o,
        FitTarget {
            width: box_.0,
            height: box_.1,
            auto: true,
            prefers_top_down: org::prefers_top_down(d),
            fold: false,
        },
    )
}

/// As much as reads is open: no unit left folded opens (alone, by one level) with
/// every card still readable in `box_`.
fn nothing_more_reads(
    d: &Dataset,
    lang: orgpath_explore::scene::Lang,
    box_: (f32, f32),
    collapsed: &[String],
    what: &str,
) {
    for id in collapsed {
        let mut more: HashSet<String> = collapsed.iter().cloned().collect();
        org::unfold_one_level(d, &mut more, id);
        let mut o = SceneOptions::new(lang);
        o.collapsed = more;
        let next = fit_as_it_is(d, &o, box_);
        assert!(
            next.zoom * next.smallest_text < READABLE_PX,
            "{what}: {id} would open and still read"
        );
    }
}

/// The drawing the window gets for `d` opened in `box_`, as a scene.
fn opened_scene(d: &Dataset, lang: orgpath_explore::scene::Lang, box_: (f32, f32)) -> Scene {
    let mut r = request(Some(box_));
    r.lang = lang;
    let p = view_model::view(d, &r).unwrap();
    let mut o = SceneOptions::new(lang);
    o.direction = p.direction.fixed().unwrap();
    o.compact = p.compact;
    o.collapsed = p.collapsed.iter().cloned().collect();
    let fitted = fit_as_it_is(d, &o, box_);
    o.direction = fitted.arrangement.direction;
    o.compact = fitted.arrangement.compact;
    o.columns = fitted.arrangement.columns;
    o.shape = fitted.arrangement.shape;
    let scene = views::scene(d, View::Org, &o);
    assert_eq!(scene.cards.len(), p.ids.len());
    scene
}

#[test]
fn a_tree_that_reads_whole_opens_unfolded_and_a_larger_one_folded_to_what_reads() {
    // 21 people, each seed its own shape: those whose every card can read in the
    // window open unfolded, the others folded to what reads (a person's card, three
    // lines at a fixed width, is large: 21 of them do not read whole in 1046x718).
    for seed in 1..=6 {
        let csv = orgpath_explore::generate::people_csv(21, seed);
        let d = orgpath_explore::load_csv(csv.as_bytes(), "people.csv").unwrap();
        let what = format!("21 people (seed {seed})");
        let all = fit_as_it_is(
            &d,
            &SceneOptions::new(orgpath_explore::scene::Lang::En),
            WINDOW_AREA,
        );
        let reads = all.zoom * all.smallest_text >= READABLE_PX;
        let folded = opens_readable(&d, WINDOW_AREA, &what);
        println!(
            "{what}: reads whole: {reads}, opens with {} folded",
            folded.len()
        );
        assert_eq!(folded.is_empty(), reads, "{what}");
        if reads {
            let scene = opened_scene(&d, orgpath_explore::scene::Lang::En, WINDOW_AREA);
            assert_eq!(scene.cards.len(), 21, "{what}");
        }
    }
    // 21 units of a department file (a company, 4 divisions, 16 teams): open whole.
    let mut csv = String::from("id,parent,name,kind\nco,,Contoso,organisation\n");
    for i in 0..4 {
        csv.push_str(&format!("d{i},co,Division {i},department\n"));
        for j in 0..4 {
            csv.push_str(&format!("t{i}{j},d{i},Team {i}-{j},team\n"));
        }
    }
    let d = orgpath_explore::load_csv(csv.as_bytes(), "units.csv").unwrap();
    assert_eq!(d.nodes().count(), 21);
    assert!(opens_readable(&d, WINDOW_AREA, "21 units").is_empty());
    let scene = opened_scene(&d, orgpath_explore::scene::Lang::En, WINDOW_AREA);
    assert_eq!(scene.cards.len(), 21);
    // 1,000 people: folded to what reads. (These shapes put 60 to 120 people under
    // the root, which cannot read at once: the root opens alone.)
    for seed in [1, 2, 3] {
        let csv = orgpath_explore::generate::people_csv(1_000, seed);
        let d = orgpath_explore::load_csv(csv.as_bytes(), "people.csv").unwrap();
        let what = format!("1,000 people (seed {seed})");
        let folded = opens_readable(&d, WINDOW_AREA, &what);
        assert!(!folded.is_empty(), "{what}: 1,000 cards cannot all read");
        nothing_more_reads(
            &d,
            orgpath_explore::scene::Lang::En,
            WINDOW_AREA,
            &folded,
            &what,
        );
    }
}

#[test]
fn the_builtin_organisation_opens_with_all_that_reads_around_its_subject() {
    let d = orgpath_explore::builtin().unwrap();
    for lang in [
        orgpath_explore::scene::Lang::Ja,
        orgpath_explore::scene::Lang::En,
    ] {
        let what = format!("built-in ({lang:?}) in the 1280x800 window");
        let mut r = request(Some(WINDOW_AREA));
        r.lang = lang;
        let p = view_model::view(&d, &r).unwrap();
        let scene = opened_scene(&d, lang, WINDOW_AREA);
        let zoom = window_zoom(scene.width, scene.height, WINDOW_AREA);
        let smallest = scene.texts().map(|t| t.size).fold(f32::INFINITY, f32::min);
        assert!(
            smallest * zoom >= READABLE_PX,
            "{what}: {:.2} px",
            smallest * zoom
        );
        // The subject (CSS, the dataset's focus) is open: its teams are drawn.
        for id in ["css", "paas-team", "database-team", "global-css"] {
            assert!(p.ids.iter().any(|i| i == id), "{what}: {id} not drawn");
        }
        assert!(!p.collapsed.contains(&"css".to_owned()), "{what}");
        nothing_more_reads(&d, lang, WINDOW_AREA, &p.collapsed, &what);
        let (spanned, cards) = coverage(&scene, WINDOW_AREA);
        println!(
            "{what}: {} of 21 cards at zoom {zoom:.3}, spanning {:.0} % of the window, cards {:.0} %",
            p.ids.len(),
            spanned * 100.0,
            cards * 100.0
        );
        assert!(p.ids.len() >= 10, "{what}: {} cards", p.ids.len());
        assert!(
            spanned >= 0.4,
            "{what}: the cards span {spanned:.2} of the window"
        );
    }
}

#[test]
fn fold_to_level_shows_that_many_levels() {
    let d = orgpath_explore::builtin().unwrap();
    let mut r = request(Some(WINDOW_AREA));
    let opened = view_model::view(&d, &r).unwrap();
    assert_eq!(opened.levels, 4, "microsoft > css > paas-team > pods");
    // Level 1: the roots alone, each unit with children folded.
    r.fold_level = Some(1);
    let one = view_model::view(&d, &r).unwrap();
    assert_eq!(one.ids, ["microsoft", "customers", "partners"]);
    assert_eq!(one.collapsed, ["microsoft"]);
    // Level 2: their children too.
    r.fold_level = Some(2);
    let two = view_model::view(&d, &r).unwrap();
    assert_eq!(two.ids.len(), 7);
    assert_eq!(two.collapsed, ["css", "marketing", "sales"]);
    // Past the deepest level: nothing folded, every unit drawn, whatever was folded.
    r.fold_level = Some(9);
    r.collapsed = one.collapsed.clone();
    let all = view_model::view(&d, &r).unwrap();
    assert!(all.collapsed.is_empty());
    assert_eq!(all.ids.len(), 21);
    // Then `unfold` applies on top of the level.
    r.fold_level = Some(2);
    r.unfold = Some("css".into());
    let css = view_model::view(&d, &r).unwrap();
    assert_eq!(css.ids.len(), 10);
    assert_eq!(
        css.collapsed,
        ["global-css", "marketing", "paas-team", "sales"]
    );
}

#[test]
fn units_outside_the_organisation_stand_beside_it_as_a_group() {
    // The built-in customers and partners are external roots: drawn in a framed group
    // of their own right of the tree, top-aligned, in every arrangement, never as
    // roots floating beside it.
    let d = orgpath_explore::builtin().unwrap();
    for lang in Lang::ALL {
        for a in tidy::candidates(
            Arrangement::tidy(Direction::LeftRight),
            true,
            (1280.0, 800.0),
        ) {
            let mut o = SceneOptions::new(lang);
            (o.direction, o.compact, o.columns, o.shape) =
                (a.direction, a.compact, a.columns, a.shape);
            let scene = views::scene(&d, View::Org, &o);
            let what = format!("{lang:?} {a:?}");
            let group = scene
                .regions
                .iter()
                .find(|r| r.id == "outside")
                .unwrap_or_else(|| panic!("{what}: no group outside the organisation"));
            let heading = &group.texts[0].text;
            assert_eq!(
                heading,
                lang.pick(&d.group("external").unwrap().label),
                "{what}"
            );
            let inside = |r: &orgpath_explore::scene::Rect| {
                r.x >= group.rect.x
                    && r.y >= group.rect.y
                    && r.right() <= group.rect.right()
                    && r.bottom() <= group.rect.bottom()
            };
            let top = scene
                .cards
                .iter()
                .map(|c| c.rect.y)
                .fold(f32::MAX, f32::min);
            assert!((group.rect.y - top).abs() < 0.5, "{what}: not top-aligned");
            for c in &scene.cards {
                if ["customers", "partners"].contains(&c.id.as_str()) {
                    assert!(inside(&c.rect), "{what}: {} outside its group", c.id);
                } else {
                    assert!(
                        c.rect.right() < group.rect.x,
                        "{what}: {} not left of the group",
                        c.id
                    );
                }
            }
            assert!(
                common::geometry_problem(&scene, common::Regions::HoldCards).is_none(),
                "{what}: {:?}",
                common::geometry_problem(&scene, common::Regions::HoldCards)
            );
        }
    }
}

#[test]
fn shaped_grids_keep_subtrees_in_one_row_and_fit_the_builtin_tree_larger() {
    // At the window's diagram area on a 1280x800 screen, the shaped arrangement draws
    // the whole built-in tree larger than any column factor does, and no grid with a
    // subtree in it wraps (its children share one band: no trunk past a subtree).
    let d = orgpath_explore::builtin().unwrap();
    let box_ = (1048.0, 720.0);
    let o = SceneOptions::new(Lang::Ja);
    let fitted = org::fit(
        &d,
        &o,
        FitTarget {
            width: box_.0,
            height: box_.1,
            auto: true,
            prefers_top_down: false,
            fold: false,
        },
    );
    assert!(fitted.arrangement.shape.is_some(), "{fitted:?}");
    let zoom_of = |a: Arrangement| {
        let mut o = o.clone();
        (o.direction, o.compact, o.columns, o.shape) = (a.direction, a.compact, a.columns, a.shape);
        let s = views::scene(&d, View::Org, &o);
        window_zoom(s.width, s.height, box_)
    };
    for f in tidy::COLUMN_FACTORS {
        for dir in [Direction::TopDown, Direction::LeftRight] {
            assert!(
                fitted.zoom > zoom_of(Arrangement::compact(dir, f)),
                "{dir:?} {f}"
            );
        }
    }
    let mut shaped = o.clone();
    let a = fitted.arrangement;
    (shaped.direction, shaped.compact, shaped.shape) = (a.direction, true, a.shape);
    let s = views::scene(&d, View::Org, &shaped);
    let at = |id: &str| s.cards.iter().find(|c| c.id == id).unwrap().rect.clone();
    let horizontal = a.direction.horizontal();
    for n in d
        .org_tree()
        .roots
        .iter()
        .flat_map(|r| r.children.iter())
        .chain(&d.org_tree().roots)
    {
        if n.children.iter().any(|c| !c.children.is_empty()) {
            let starts: Vec<f32> = n
                .children
                .iter()
                .map(|c| if horizontal { at(&c.id).x } else { at(&c.id).y })
                .collect();
            assert!(
                starts.iter().all(|v| (v - starts[0]).abs() < 0.5),
                "{}'s children wrap: {starts:?}",
                n.id
            );
        }
    }
}
