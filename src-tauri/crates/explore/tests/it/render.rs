//! The painters: SVG is a pure, deterministic, escaped formatter; PNG draws Japanese
//! with the embedded font and refuses text it cannot draw.

use orgpath_explore::render::png::{fontdb, missing_glyphs};
use orgpath_explore::render::{self, Background, PngError, SvgOptions, Theme};
use orgpath_explore::scene::{Accent, CardSpec, Lang, Scene, SizedCard, TypeScale, View};
use orgpath_explore::views::{self, SceneOptions};
use resvg::{tiny_skia, usvg};

fn one_card(title: &str) -> Scene {
    let ts = TypeScale::STANDARD;
    let card = SizedCard::new(
        CardSpec {
            id: "a&b",
            title,
            caption: Some("チーム".into()),
            badge: None,
            accent: Accent::Group(0),
            description: Some("<desc>"),
            illustrative: false,
            emphasis: false,
            collapsed: None,
        },
        &ts,
    )
    .place(0.0, 0.0);
    let mut s = Scene {
        view: View::Org,
        lang: Lang::Ja,
        width: 0.0,
        height: 0.0,
        title: "T <&>".into(),
        description: "D".into(),
        regions: vec![],
        edges: vec![],
        cards: vec![card],
        labels: vec![],
        legend: vec![],
    };
    s.fit(ts.margin);
    s
}

/// Pixels that are clearly ink (dark) in an RGBA PNG.
fn ink(png: &[u8]) -> usize {
    let pixmap = tiny_skia::Pixmap::decode_png(png).unwrap();
    pixmap
        .pixels()
        .iter()
        .filter(|p| {
            p.alpha() > 200 && u32::from(p.red()) + u32::from(p.green()) + u32::from(p.blue()) < 200
        })
        .count()
}

#[test]
fn svg_escapes_text_and_ids_and_carries_title_desc_and_data_ids() {
    let s = one_card("A <b> & \"c\"");
    let svg = render::svg(&s, &SvgOptions::default());
    assert!(
        svg.contains("<title id=\"orgpath-title\">T &lt;&amp;&gt;</title>"),
        "{svg}"
    );
    assert!(svg.contains("<desc id=\"orgpath-desc\">D</desc>"));
    assert!(svg.contains("data-id=\"a&amp;b\""));
    assert!(svg.contains(">A &lt;b&gt; &amp; &quot;c&quot;</text>"));
    assert!(svg.contains("<title>A &lt;b&gt; &amp; &quot;c&quot;\n&lt;desc&gt;</title>"));
    assert!(!svg.contains("<b>"));
    // Well-formed: usvg parses it.
    usvg::Tree::from_str(&svg, &usvg::Options::default()).expect("parses");
}

#[test]
fn every_view_gives_the_same_svg_bytes_twice() {
    let d = orgpath_explore::builtin().unwrap();
    for view in View::ALL {
        for lang in [Lang::Ja, Lang::En] {
            let o = SceneOptions::new(lang);
            let a = render::svg(&views::scene(&d, view, &o), &SvgOptions::default());
            let b = render::svg(&views::scene(&d, view, &o), &SvgOptions::default());
            assert_eq!(a, b, "{view:?} {lang:?}");
        }
    }
}

#[test]
fn japanese_labels_are_drawn_as_glyphs_not_boxes() {
    let s = one_card("日本語のラベル");
    let svg = render::svg(
        &s,
        &SvgOptions {
            theme: Theme::Light,
            background: Background::White,
            legend: false,
        },
    );
    let png = render::png(&s, &svg, 2.0).unwrap();
    let drawn = ink(&png);
    assert!(drawn > 500, "text was drawn: {drawn} dark pixels");
    // The same layout with characters the font lacks (private use) draws notdef boxes,
    // which differ from the real glyphs: bypass the coverage check to compare.
    let boxes_svg = svg.replace(
        "日本語のラベル",
        "\u{E000}\u{E001}\u{E002}\u{E003}\u{E004}\u{E005}\u{E006}",
    );
    let options = usvg::Options {
        font_family: "Noto Sans JP".into(),
        fontdb: fontdb(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&boxes_svg, &options).unwrap();
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width() * 2, size.height() * 2).unwrap();
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(2.0, 2.0),
        &mut pixmap.as_mut(),
    );
    let boxes = pixmap.encode_png().unwrap();
    assert_ne!(
        ink(&png),
        ink(&boxes),
        "real glyphs differ from notdef boxes"
    );
    // And a label with no text at all draws less ink than the Japanese one.
    let empty = one_card(" ");
    let empty_png = render::png(
        &empty,
        &render::svg(
            &empty,
            &SvgOptions {
                theme: Theme::Light,
                background: Background::White,
                legend: false,
            },
        ),
        2.0,
    )
    .unwrap();
    assert!(
        ink(&empty_png) + 300 < drawn,
        "the Japanese title added ink"
    );
}

#[test]
fn missing_glyphs_are_refused_with_their_names() {
    let s = one_card("a\u{E000}b");
    assert_eq!(missing_glyphs(&s), vec!['\u{E000}']);
    let svg = render::svg(&s, &SvgOptions::default());
    let err = render::png(&s, &svg, 1.0).unwrap_err();
    assert_eq!(
        err,
        PngError::MissingGlyphs {
            chars: vec!['\u{E000}']
        }
    );
    assert_eq!(err.to_string(), "the font cannot draw this character: '\u{E000}' U+E000 (fonts: Noto Sans JP Regular and Bold, embedded)");
}

#[test]
fn png_size_follows_the_scale_and_the_whole_scene() {
    let d = orgpath_explore::builtin().unwrap();
    let scene = views::scene(&d, View::Org, &SceneOptions::new(Lang::En));
    let svg = render::svg(
        &scene,
        &SvgOptions {
            legend: false,
            ..SvgOptions::default()
        },
    );
    for scale in [1.0, 2.0] {
        let png = render::png(&scene, &svg, scale).unwrap();
        let pixmap = tiny_skia::Pixmap::decode_png(&png).unwrap();
        assert_eq!(pixmap.width(), (scene.width * scale).ceil() as u32);
        assert_eq!(pixmap.height(), (scene.height * scale).ceil() as u32);
    }
    assert_eq!(
        render::png(&scene, &svg, 5.0).unwrap_err(),
        PngError::Scale(5.0)
    );
    // Nothing is cropped: every card lies inside the canvas with the margin around it.
    for c in &scene.cards {
        assert!(
            c.rect.x >= 31.0
                && c.rect.y >= 31.0
                && c.rect.right() <= scene.width - 31.0
                && c.rect.bottom() <= scene.height - 31.0,
            "{}",
            c.id
        );
    }
}

#[test]
fn transparent_background_leaves_corners_clear() {
    let s = one_card("角");
    let svg = render::svg(
        &s,
        &SvgOptions {
            theme: Theme::Dark,
            background: Background::Transparent,
            legend: false,
        },
    );
    let pixmap = tiny_skia::Pixmap::decode_png(&render::png(&s, &svg, 1.0).unwrap()).unwrap();
    assert_eq!(pixmap.pixel(0, 0).unwrap().alpha(), 0);
    let svg = render::svg(
        &s,
        &SvgOptions {
            theme: Theme::Dark,
            background: Background::Theme,
            legend: false,
        },
    );
    let pixmap = tiny_skia::Pixmap::decode_png(&render::png(&s, &svg, 1.0).unwrap()).unwrap();
    assert_eq!(pixmap.pixel(0, 0).unwrap().alpha(), 255);
}

#[test]
fn a_diagram_too_complex_for_png_says_to_export_svg() {
    let s = one_card("a");
    let svg = "<g/>".repeat(1_000_001);
    let err = render::png(&s, &svg, 1.0).unwrap_err();
    assert!(matches!(err, PngError::TooComplex { .. }), "{err}");
    assert!(err.to_string().contains("export SVG instead"));
}
