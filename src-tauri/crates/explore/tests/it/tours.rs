//! Tours on screen and on slides: what a step draws and dims, where its camera looks,
//! what the window receives, and the slides (deterministic SVG, PNG sizes, a PDF deck).

use std::collections::BTreeSet;
use std::path::PathBuf;

use orgpath_explore::dataset::TourStep;
use orgpath_explore::export::{export_tour, png_paths, TourExportOptions, TourFiles, TourFormat};
use orgpath_explore::render::slide::{self, Layout};
use orgpath_explore::render::Theme;
use orgpath_explore::scene::{Lang, Rect, TypeScale, View};
use orgpath_explore::tour::{self, DIAGRAM_AREA};
use orgpath_explore::view_model::{self, ViewRequest};
use orgpath_explore::views::{self, Direction, SceneOptions};
use orgpath_explore::Dataset;

fn data() -> Dataset {
    orgpath_explore::builtin().unwrap()
}

fn small() -> Dataset {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/json/tour_valid.json");
    orgpath_explore::load_file(&path).unwrap()
}

fn projector(lang: Lang) -> SceneOptions {
    let mut o = SceneOptions::new(lang);
    o.scale = TypeScale::PROJECTOR;
    o
}

fn request(tour: Option<&str>, step: Option<u32>) -> ViewRequest {
    let mut r: ViewRequest = serde_json::from_value(serde_json::json!({
        "view": "org",
        "lang": "en",
        "theme": "projector",
        "direction": "lr",
        "compact": false,
    }))
    .unwrap();
    r.tour = tour.map(str::to_owned);
    r.step = step;
    r
}

fn contains(outer: &orgpath_explore::tour::CameraBox, r: &Rect) -> bool {
    outer.x <= r.x + 0.01
        && outer.y <= r.y + 0.01
        && outer.x + outer.w >= r.right() - 0.01
        && outer.y + outer.h >= r.bottom() - 0.01
}

/// What validation takes a view to draw is what the view draws: every card and every
/// edge, in every view, around every possible focus of the relationship map.
#[test]
fn what_validation_knows_a_view_draws_is_what_it_draws() {
    let d = data();
    let mut cases: Vec<(View, Option<String>)> = View::ALL.iter().map(|&v| (v, None)).collect();
    cases.extend(d.nodes().map(|n| (View::Relationships, Some(n.id.clone()))));
    for (view, focus) in cases {
        let drawn = views::drawn(&d, view, focus.as_deref());
        let mut o = SceneOptions::new(Lang::En);
        o.focus = focus.clone();
        let scene = views::scene(&d, view, &o);
        let cards: BTreeSet<String> = scene.cards.iter().map(|c| c.id.clone()).collect();
        let edges: BTreeSet<(String, String)> = scene
            .edges
            .iter()
            .map(|e| (e.from.clone(), e.to.clone()))
            .collect();
        assert_eq!(drawn.cards, cards, "{view:?} around {focus:?}");
        assert_eq!(drawn.links, edges, "{view:?} around {focus:?}");
    }
}

#[test]
fn a_step_dims_what_it_does_not_spotlight_and_lights_its_links() {
    let d = data();
    let t = d.tour("css-relationships").unwrap();
    // Step 5: CSS, CSAM, ATU and STU, and the links between them.
    let i = step_where(t, |s| s.spotlight.iter().any(|x| x == "csam"));
    let step = tour::step(&d, &t.id, i, &projector(Lang::Ja)).unwrap();
    let lit: BTreeSet<&str> = ["css", "csam", "atu", "stu"].into();
    assert_eq!(step.scene.view, View::Relationships);
    for c in &step.scene.cards {
        assert_eq!(c.dimmed, !lit.contains(c.id.as_str()), "{}", c.id);
    }
    for e in &step.scene.edges {
        let between = lit.contains(e.from.as_str()) && lit.contains(e.to.as_str());
        assert_eq!(e.dimmed, !between, "{} -> {}", e.from, e.to);
    }
    assert!(step.scene.edges.iter().any(|e| !e.dimmed));
    assert!(step.scene.edges.iter().any(|e| e.dimmed));

    // A listed link is lit though one end is not spotlit.
    let s = small();
    let step = tour::step(&s, "intro", 1, &projector(Lang::En)).unwrap();
    let e = step
        .scene
        .edges
        .iter()
        .find(|e| e.from == "ask" && e.to == "look")
        .unwrap();
    assert!(!e.dimmed);
    let other = step.scene.edges.iter().find(|e| e.from == "look").unwrap();
    assert!(other.dimmed);
    assert!(
        step.scene
            .cards
            .iter()
            .find(|c| c.id == "ask")
            .unwrap()
            .dimmed
    );

    // A step that spotlights nothing dims nothing.
    let step = tour::step(&s, "intro", 2, &projector(Lang::En)).unwrap();
    assert!(step.scene.cards.iter().all(|c| !c.dimmed));
    assert!(step.scene.edges.iter().all(|e| !e.dimmed));
}

/// The index of the first step of `t` that `pred` holds for.
fn step_where(t: &orgpath_explore::dataset::Tour, pred: impl Fn(&TourStep) -> bool) -> usize {
    t.steps.iter().position(pred).unwrap()
}

/// The lit links of a step's scene, as (from, to).
fn lit_links(scene: &orgpath_explore::scene::Scene) -> BTreeSet<(String, String)> {
    scene
        .edges
        .iter()
        .filter(|e| !e.dimmed)
        .map(|e| (e.from.clone(), e.to.clone()))
        .collect()
}

#[test]
fn each_worked_example_lights_exactly_its_own_route() {
    let d = data();
    let flow = views::flow::drawn(&d).unwrap();
    let t = d.tour("inquiry-journey").unwrap();
    assert!(!flow.examples.is_empty());
    for e in &flow.examples {
        // The step that tells the example follows it.
        let i = t
            .steps
            .iter()
            .position(|s| s.route == e.path)
            .unwrap_or_else(|| panic!("no step follows example {}", e.id));
        for lang in [Lang::Ja, Lang::En] {
            let step = tour::step(&d, &t.id, i, &projector(lang)).unwrap();
            let route: BTreeSet<(String, String)> = e
                .path
                .windows(2)
                .map(|w| (w[0].clone(), w[1].clone()))
                .collect();
            assert_eq!(lit_links(&step.scene), route, "example {}", e.id);
            let lit: BTreeSet<&str> = step
                .scene
                .cards
                .iter()
                .filter(|c| !c.dimmed)
                .map(|c| c.id.as_str())
                .collect();
            assert_eq!(lit, e.path.iter().map(String::as_str).collect(), "{}", e.id);
        }
    }
    // Example 1 (① → ② → ③ → ④ → ⑥) does not also light the ② → ④ shortcut.
    let i = step_where(t, |s| s.route.iter().any(|x| x == "check-docs"));
    let step = tour::step(&d, &t.id, i, &projector(Lang::En)).unwrap();
    assert!(!lit_links(&step.scene).contains(&("receive".to_owned(), "reproduce".to_owned())));
}

/// No flow step of a built-in tour lights two routes between the same two cards: its
/// lit links, taken without direction, hold no cycle.
#[test]
fn no_flow_step_lights_two_routes_between_the_same_cards() {
    let d = data();
    for t in d.tours() {
        for (i, s) in t.steps.iter().enumerate() {
            if s.view != View::Flow {
                continue;
            }
            let step = tour::step(&d, &t.id, i, &projector(Lang::En)).unwrap();
            // Union-find over the cards: a link joining two cards already joined closes
            // a cycle.
            let mut root: std::collections::HashMap<String, String> = Default::default();
            fn find(root: &std::collections::HashMap<String, String>, x: &str) -> String {
                let mut x = x.to_owned();
                while let Some(p) = root.get(&x).filter(|p| **p != x) {
                    x = p.clone();
                }
                x
            }
            for (a, b) in lit_links(&step.scene) {
                let (ra, rb) = (find(&root, &a), find(&root, &b));
                assert_ne!(
                    ra,
                    rb,
                    "{} step {}: {a} and {b} are lit twice over",
                    t.id,
                    i + 1
                );
                root.insert(ra, rb);
            }
        }
    }
}

#[test]
fn dimmed_cards_edges_and_their_labels_are_painted_faint() {
    let d = data();
    let step = tour::step(&d, "css-relationships", 4, &projector(Lang::En)).unwrap();
    let svg = orgpath_explore::render::svg(
        &step.scene,
        &orgpath_explore::render::SvgOptions {
            theme: Theme::Projector,
            ..Default::default()
        },
    );
    let dimmed_cards = step.scene.cards.iter().filter(|c| c.dimmed).count();
    let dimmed_edges = step.scene.edges.iter().filter(|e| e.dimmed).count();
    let dimmed_labels = step
        .scene
        .labels
        .iter()
        .filter(|l| step.scene.edges[l.edge as usize].dimmed)
        .count();
    assert!(dimmed_edges > 0 && dimmed_labels > 0);
    assert_eq!(
        svg.matches("data-dimmed=\"true\" opacity=\"0.25\"").count(),
        dimmed_cards + dimmed_edges + dimmed_labels
    );
    // Faint edges are drawn first, so a lit edge is never under a faint one.
    let first_lit = svg.find("<g class=\"edge\" data-from").unwrap();
    let last_faint = svg.rfind("<g class=\"edge\" data-from=\"").unwrap();
    assert!(svg[first_lit..].contains("data-dimmed"));
    assert!(!svg[last_faint..]
        .split('\n')
        .next()
        .unwrap()
        .contains("data-dimmed"));
}

#[test]
fn the_camera_frames_the_spotlight_or_the_target_at_its_zoom() {
    let d = data();
    for t in d.tours() {
        for (i, s) in t.steps.iter().enumerate() {
            let step = tour::step(&d, &t.id, i, &projector(Lang::Ja)).unwrap();
            let cam = step.camera;
            for c in step
                .scene
                .cards
                .iter()
                .filter(|c| s.spotlight.contains(&c.id))
            {
                assert!(
                    contains(&cam, &c.rect),
                    "{} step {i}: {} outside {cam:?}",
                    t.id,
                    c.id
                );
            }
            // Spotlit cards are never framed closer than the projector's own size.
            if !s.spotlight.is_empty() {
                let zoom = (DIAGRAM_AREA.w / cam.w).min(DIAGRAM_AREA.h / cam.h);
                assert!(zoom <= 1.0 + 1e-4, "{} step {i}: zoom {zoom}", t.id);
            } else {
                assert_eq!((cam.w, cam.h), (step.scene.width, step.scene.height));
            }
        }
    }
    // An explicit camera: the area's size over the zoom, centred on the target.
    let s = small();
    let step = tour::step(&s, "intro", 1, &projector(Lang::En)).unwrap();
    let (w, h) = (DIAGRAM_AREA.w / 2.0, DIAGRAM_AREA.h / 2.0);
    assert!((step.camera.w - w).abs() < 0.01 && (step.camera.h - h).abs() < 0.01);
    let look = step.scene.cards.iter().find(|c| c.id == "look").unwrap();
    assert!(contains(&step.camera, &look.rect));
    // In the standard type scale, the same zoom is a smaller box.
    let step = tour::step(&s, "intro", 1, &SceneOptions::new(Lang::En)).unwrap();
    let unit = TypeScale::STANDARD.title / TypeScale::PROJECTOR.title;
    assert!((step.camera.w - w * unit).abs() < 0.01, "{:?}", step.camera);
}

#[test]
fn the_window_gets_the_step_its_caption_notes_next_caption_and_camera() {
    let d = data();
    let p = view_model::view(&d, &request(Some("inquiry-journey"), Some(4))).unwrap();
    let info = p.step.as_ref().unwrap();
    let t = d.tour("inquiry-journey").unwrap();
    assert_eq!(info.tour, "inquiry-journey");
    assert_eq!((info.index, info.count), (4, t.steps.len() as u32));
    assert_eq!(info.view, View::Flow);
    assert_eq!(info.caption, t.steps[4].caption);
    assert_eq!(info.notes, t.steps[4].notes);
    assert_eq!(info.next_caption.as_ref(), Some(&t.steps[5].caption));
    assert_eq!(info.spotlight, t.steps[4].spotlight);
    assert_eq!(info.source.as_ref().unwrap().id, "src-example-apim");
    assert!(p.svg.contains("data-view=\"flow\""));
    assert!(p.svg.contains("data-dimmed=\"true\""));
    assert_eq!(p.ids.len(), 9);
    assert!(info.camera.w > 0.0 && info.camera.h > 0.0);
    assert!(info.camera.x + info.camera.w <= p.width + 0.01);

    // The last step has no next caption; no step given is the first.
    let last = (t.steps.len() - 1) as u32;
    let p = view_model::view(&d, &request(Some("inquiry-journey"), Some(last))).unwrap();
    assert_eq!(p.step.unwrap().next_caption, None);
    let p = view_model::view(&d, &request(Some("career-tracks"), None)).unwrap();
    assert_eq!(p.step.as_ref().unwrap().index, 0);
    assert!(p.svg.contains("data-view=\"career\""));

    // The JSON the window reads.
    let json = serde_json::to_value(
        view_model::view(&d, &request(Some("css-relationships"), Some(1))).unwrap(),
    )
    .unwrap();
    let step = &json["step"];
    assert_eq!(step["index"], 1);
    assert_eq!(step["count"], 8);
    for key in ["x", "y", "w", "h"] {
        assert!(step["camera"][key].is_number(), "{step}");
    }
    assert!(step["next_caption"]["ja"].is_string());
    // Without a tour there is no step.
    let json = serde_json::to_value(view_model::view(&d, &request(None, None)).unwrap()).unwrap();
    assert!(json.get("step").is_none());
}

#[test]
fn an_unknown_tour_or_step_is_a_clear_error() {
    let d = data();
    let e = view_model::view(&d, &request(Some("nope"), None)).unwrap_err();
    assert_eq!(
        e,
        "no tour has the id \"nope\"; the tours are \"css-relationships\", \"inquiry-journey\", \"career-tracks\""
    );
    let e = view_model::view(&d, &request(Some("career-tracks"), Some(7))).unwrap_err();
    assert_eq!(
        e,
        "tour \"career-tracks\" has 7 steps (0 to 6); there is no step 7"
    );
    let e = view_model::view(&d, &request(None, Some(2))).unwrap_err();
    assert!(e.contains("\"step\" needs a \"tour\""), "{e}");
    let summaries = tour::summaries(&d);
    let ids: Vec<(&str, u32)> = summaries.iter().map(|t| (t.id.as_str(), t.steps)).collect();
    assert_eq!(
        ids,
        [
            ("css-relationships", 8),
            ("inquiry-journey", 7),
            ("career-tracks", 7)
        ]
    );
}

fn slides(d: &Dataset, tour: &str, lang: Lang) -> Vec<slide::Slide> {
    orgpath_explore::export::tour_slides(d, tour, lang, Theme::Projector, Direction::LeftRight)
        .unwrap()
}

#[test]
fn a_slide_is_deterministic_16_9_and_carries_its_caption_progress_and_title() {
    let d = data();
    for lang in [Lang::Ja, Lang::En] {
        let a = slides(&d, "css-relationships", lang);
        let b = slides(&d, "css-relationships", lang);
        let t = d.tour("css-relationships").unwrap();
        assert_eq!(a.len(), t.steps.len());
        for (i, (x, y)) in a.iter().zip(&b).enumerate() {
            assert_eq!(x.svg, y.svg, "slide {i} differs between runs");
            assert!(x.svg.starts_with(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1920\" height=\"1080\" viewBox=\"0 0 1920 1080\""
            ));
            let progress = format!(">{} / {}</text>", i + 1, t.steps.len());
            assert!(x.svg.contains(&progress), "{progress}");
            assert!(x.svg.contains(&format!(">{}</text>", lang.pick(&t.title))));
            // The caption's lines, in order, make the whole caption, at 28 px or more.
            let caption: Vec<&orgpath_explore::scene::TextRun> = x
                .texts
                .iter()
                .filter(|r| r.role == orgpath_explore::scene::TextRole::Label)
                .collect();
            let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            let joined: String = caption.iter().map(|r| r.text.as_str()).collect();
            assert_eq!(squash(&joined), squash(lang.pick(&t.steps[i].caption)));
            assert!(caption.iter().all(|r| r.size >= 28.0));
            for r in &caption {
                let escaped = orgpath_explore::render::svg::escape(&r.text);
                assert!(x.svg.contains(&format!(">{escaped}</text>")), "{}", r.text);
                // Every band's text stays on the slide.
                assert!(r.x >= 0.0 && r.x + r.width <= 1920.0 && r.y <= 1080.0);
            }
            // The diagram: every spotlit card; cards the camera does not show are left
            // out (a PDF would keep their clipped text).
            assert!(x.svg.contains("<svg class=\"diagram\""));
            for id in &t.steps[i].spotlight {
                assert!(x.svg.contains(&format!("data-id=\"{id}\"")), "{id}");
            }
            let drawn = x.svg.matches("<g class=\"card\"").count();
            assert!(drawn <= x.scene.cards.len());
            if !t.steps[i].spotlight.is_empty() {
                assert!(
                    drawn < x.scene.cards.len(),
                    "step {i} frames part of the map"
                );
            }
        }
    }
}

#[test]
fn bands_never_overlap_and_tall_subjects_get_the_side_panel() {
    let d = data();
    let mut layouts = BTreeSet::new();
    for t in d.tours() {
        for lang in [Lang::Ja, Lang::En] {
            for (i, s) in slides(&d, &t.id, lang).iter().enumerate() {
                let step = tour::step(&d, &t.id, i, &projector(lang)).unwrap();
                let max_zoom = step.step.camera.as_ref().map_or(1.0, |c| c.zoom);
                let layout = Layout::for_camera(&step.camera, max_zoom);
                layouts.insert(format!("{layout:?}"));
                let area = layout.area();
                // Band text sits outside the diagram area and inside the slide.
                for r in &s.texts {
                    let rect = Rect {
                        x: r.x,
                        y: r.y - r.size,
                        w: r.width,
                        h: r.size * 1.2,
                    };
                    assert!(
                        !rect.overlaps(&area),
                        "{} {i}: {:?} over the diagram",
                        t.id,
                        r.text
                    );
                    assert!(rect.x >= 0.0 && rect.right() <= 1920.0 && rect.bottom() <= 1080.0);
                }
                // No two runs of band text overlap.
                for (a, ra) in s.texts.iter().enumerate() {
                    for rb in &s.texts[a + 1..] {
                        let ba = Rect {
                            x: ra.x,
                            y: ra.y - ra.size,
                            w: ra.width,
                            h: ra.size * 1.2,
                        };
                        let bb = Rect {
                            x: rb.x,
                            y: rb.y - rb.size,
                            w: rb.width,
                            h: rb.size * 1.2,
                        };
                        assert!(
                            !ba.overlaps(&bb),
                            "{} {i}: {:?} / {:?}",
                            t.id,
                            ra.text,
                            rb.text
                        );
                    }
                }
            }
        }
    }
    // The inquiry flow's worked examples run down one tall column (the tall layout);
    // short subjects beside a long caption get the side panel.
    assert_eq!(layouts.len(), 3, "{layouts:?}");
}

fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let n = |i: usize| u32::from_be_bytes(png[i..i + 4].try_into().unwrap());
    (n(16), n(20))
}

#[test]
fn slide_pngs_are_1920x1080_or_3840x2160_and_not_blank() {
    let d = small();
    let mut o = TourExportOptions::new("intro", Lang::Ja, TourFormat::Png { scale: 1.0 });
    let TourFiles::Png(pngs) = export_tour(&d, &o).unwrap() else {
        panic!("PNG export gave no PNGs")
    };
    assert_eq!(pngs.len(), 3);
    for p in &pngs {
        assert_eq!(png_size(p), (1920, 1080));
    }
    // 4K: one slide is enough to know the size (rendering is the slow part).
    let one = slides(&d, "intro", Lang::En).remove(0);
    let big = one.png(2.0).unwrap();
    assert_eq!(png_size(&big), (3840, 2160));
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&big).unwrap();
    let dark = pixmap
        .pixels()
        .iter()
        .filter(|p| u32::from(p.red()) + u32::from(p.green()) + u32::from(p.blue()) < 150)
        .count();
    assert!(
        dark > 10_000,
        "{dark} dark pixels: text and lines are drawn"
    );
    o.tour = "nope".into();
    assert!(export_tour(&d, &o)
        .unwrap_err()
        .to_string()
        .contains("no tour has the id \"nope\""));
}

#[test]
fn png_sets_go_into_a_folder_or_beside_a_named_file() {
    let p = png_paths(std::path::Path::new("out/slides"), "intro", 2);
    assert_eq!(
        p,
        [
            PathBuf::from("out/slides/01-intro.png"),
            PathBuf::from("out/slides/02-intro.png")
        ]
    );
    let p = png_paths(std::path::Path::new("out/deck.png"), "intro", 2);
    assert_eq!(
        p,
        [
            PathBuf::from("out/deck-01.png"),
            PathBuf::from("out/deck-02.png")
        ]
    );
}

#[test]
fn a_pdf_deck_has_one_page_per_step_and_embeds_its_fonts() {
    let d = small();
    let o = TourExportOptions::new("intro", Lang::Ja, TourFormat::Pdf);
    let TourFiles::Pdf(pdf) = export_tour(&d, &o).unwrap() else {
        panic!("PDF export gave no PDF")
    };
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    let pages = text.matches("/Type/Page").count() - text.matches("/Type/Pages").count();
    assert_eq!(pages, 3, "one page per step");
    // Subset fonts with a Unicode map: the text can be searched and copied.
    assert!(text.contains("NotoSansJP"), "the font is embedded");
    assert!(text.contains("/ToUnicode"), "glyphs map back to text");
    // Same input, same bytes.
    let TourFiles::Pdf(again) = export_tour(&d, &o).unwrap() else {
        unreachable!()
    };
    assert_eq!(pdf, again);
}

/// Every slide of every built-in tour, in both languages.
fn every_slide() -> Vec<(String, usize, Lang, slide::Slide)> {
    let d = data();
    let mut out = Vec::new();
    for t in d.tours() {
        for lang in [Lang::Ja, Lang::En] {
            for (i, s) in slides(&d, &t.id, lang).into_iter().enumerate() {
                out.push((t.id.clone(), i, lang, s));
            }
        }
    }
    out
}

fn inside(view: &orgpath_explore::tour::CameraBox, r: &Rect) -> bool {
    view.x <= r.x + 0.5
        && view.y <= r.y + 0.5
        && view.x + view.w >= r.right() - 0.5
        && view.y + view.h >= r.bottom() - 0.5
}

/// Slide rule 1: a card is on a slide whole, with every line of its text, or not at
/// all; a card the frame would cut is not in the slide's SVG (nor its PDF page).
#[test]
fn a_card_on_a_slide_is_whole_with_all_its_text_or_not_there() {
    let mut cut_seen = 0;
    for (tour, i, lang, s) in every_slide() {
        let at = format!("{tour} step {} ({lang:?})", i + 1);
        for c in &s.shown.cards {
            assert!(inside(&s.view_box, &c.rect), "{at}: {} is cut", c.id);
            let whole = s.scene.cards.iter().find(|k| k.id == c.id).unwrap();
            assert_eq!(c.texts, whole.texts, "{at}: {} lost a line", c.id);
            for t in &c.texts {
                assert!(
                    inside(&s.view_box, &slide::text_box(t)),
                    "{at}: {:?}",
                    t.text
                );
            }
        }
        for c in &s.scene.cards {
            let meets = c.rect.overlaps(&Rect {
                x: s.view_box.x,
                y: s.view_box.y,
                w: s.view_box.w,
                h: s.view_box.h,
            });
            if meets && !inside(&s.view_box, &c.rect) {
                cut_seen += 1;
                let id = format!(
                    "data-id=\"{}\"",
                    orgpath_explore::render::svg::escape(&c.id)
                );
                let diagram = &s.svg[s.svg.find("<svg class=\"diagram\"").unwrap()..];
                let diagram = &diagram[..diagram.find("</svg>").unwrap()];
                assert!(
                    !diagram.contains(&id),
                    "{at}: {} is cut by the frame but drawn",
                    c.id
                );
                // Nor a line that ends on it.
                assert!(
                    s.shown.edges.iter().all(|e| e.from != c.id && e.to != c.id),
                    "{at}: a link ends on {}, which is not drawn",
                    c.id
                );
            }
        }
    }
    // The built-in tours frame parts of large maps: the rule is exercised.
    assert!(cut_seen > 10, "only {cut_seen} cards met a frame edge");
}

/// Slide rule 2: a panel (a group of the map, a career lane) keeps its heading whole,
/// slid into view when the frame cuts the panel, or is left out.
#[test]
fn a_panel_on_a_slide_keeps_its_whole_heading() {
    let mut moved = 0;
    for (tour, i, lang, s) in every_slide() {
        let at = format!("{tour} step {} ({lang:?})", i + 1);
        for r in &s.shown.regions {
            let whole = s.scene.regions.iter().find(|k| k.id == r.id).unwrap();
            assert_eq!(
                r.texts.len(),
                whole.texts.len(),
                "{at}: {} lost its heading",
                r.id
            );
            for (t, w) in r.texts.iter().zip(&whole.texts) {
                assert_eq!(t.text, w.text);
                assert!(
                    inside(&s.view_box, &slide::text_box(t)),
                    "{at}: {:?} is cut",
                    t.text
                );
                // Inside its own panel, and over none of the cards.
                assert!(
                    r.rect.x <= t.x && t.x + t.width <= r.rect.right() + 0.5,
                    "{at}: {:?}",
                    t.text
                );
                for c in &s.shown.cards {
                    assert!(
                        !c.rect.overlaps(&slide::text_box(t)),
                        "{at}: {:?} over {}",
                        t.text,
                        c.id
                    );
                }
                moved += usize::from(t.x != w.x || t.y != w.y);
            }
        }
    }
    eprintln!("{moved} headings slid into view");
}

/// Slide rule 3: an edge label is whole or absent, and belongs to a drawn link.
#[test]
fn an_edge_label_on_a_slide_is_whole_and_on_a_drawn_link() {
    for (tour, i, lang, s) in every_slide() {
        let at = format!("{tour} step {} ({lang:?})", i + 1);
        for l in &s.shown.labels {
            assert!((l.edge as usize) < s.shown.edges.len(), "{at}");
            assert!(inside(&s.view_box, &l.rect), "{at}: a label is cut");
            for t in &l.texts {
                assert!(
                    inside(&s.view_box, &slide::text_box(t)),
                    "{at}: {:?}",
                    t.text
                );
            }
        }
    }
}

/// Slide rule 4: the bands' text (title, view, progress, caption, source) is whole:
/// each line inside the slide and clear of the diagram area, none wider than its band.
#[test]
fn band_text_is_whole() {
    for (tour, i, lang, s) in every_slide() {
        let at = format!("{tour} step {} ({lang:?})", i + 1);
        for t in &s.texts {
            let b = slide::text_box(t);
            assert!(
                b.x >= 0.0 && b.right() <= 1920.0 && b.y >= 0.0 && b.bottom() <= 1080.0,
                "{at}: {:?}",
                t.text
            );
            assert!(
                !b.overlaps(&s.area),
                "{at}: {:?} runs into the diagram",
                t.text
            );
        }
    }
}

/// Slide rule 5, on the PDF deck: each page's text, as a PDF reader extracts it, is
/// exactly the lines the slide drew (whose cards are whole, rule 1): no clipped text
/// of a card outside the frame reaches a page, and nothing drawn is missing.
#[test]
fn a_pdf_page_holds_only_whole_lines() {
    let d = data();
    let dir = std::env::temp_dir().join(format!("orgpath-deck-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for t in d.tours() {
        let lang = Lang::En;
        let o = TourExportOptions::new(&t.id, lang, TourFormat::Pdf);
        let TourFiles::Pdf(pdf) = export_tour(&d, &o).unwrap() else {
            panic!("no PDF")
        };
        let path = dir.join(format!("{}.pdf", t.id));
        std::fs::write(&path, &pdf).unwrap();
        let shown = slides(&d, &t.id, lang);
        for (i, s) in shown.iter().enumerate() {
            let page = (i + 1).to_string();
            let out = std::process::Command::new("pdftotext")
                .args(["-f", &page, "-l", &page, "-raw"])
                .arg(&path)
                .arg("-")
                .output()
                .expect("pdftotext (poppler-utils) is installed by .ci/setup");
            assert!(out.status.success());
            let text = String::from_utf8(out.stdout).unwrap();
            let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            // Every line the slide drew, squashed: a page's text must be made of them.
            let mut lines: Vec<String> = s
                .texts
                .iter()
                .chain(s.shown.texts())
                .map(|r| squash(&r.text))
                .filter(|l| !l.is_empty())
                .collect();
            lines.sort_by_key(|l| std::cmp::Reverse(l.chars().count()));
            // The page holds every line the slide drew, and nothing else: the page is
            // the slide, whose cards are whole (the rules above).
            let mut rest = squash(&text);
            for l in &lines {
                assert!(
                    rest.contains(l.as_str()),
                    "{} page {page}: {l:?} is not on the page",
                    t.id
                );
                rest = rest.replacen(l.as_str(), "", 1);
            }
            assert!(
                rest.is_empty(),
                "{} page {page}: text not from a whole line: {rest:?}",
                t.id
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
