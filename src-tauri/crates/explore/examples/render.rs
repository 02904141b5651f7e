//! Renders one view of the built-in dataset (or a file) to PNG or SVG, for looking
//! at layouts while working on them:
//!
//!     cargo run -p orgpath-explore --example render -- VIEW LANG OUT.(png|svg) [projector|dark] [DATA]
//!
//! The app's own `orgpath export` is the user-facing command.

use orgpath_explore::render::{self, Background, SvgOptions, Theme};
use orgpath_explore::scene::{Lang, TypeScale, View};
use orgpath_explore::views::{self, SceneOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: render VIEW(org|relationships|career|flow) LANG(ja|en) OUT.(png|svg) [light|dark|projector] [DATA]");
        std::process::exit(2);
    }
    let view = View::parse(&args[0]).expect("view: org, relationships, career or flow");
    let lang = Lang::parse(&args[1]).expect("lang: ja or en");
    let theme = args.get(3).map_or(Theme::Light, |t| {
        Theme::parse(t).expect("theme: light, dark or projector")
    });
    let dataset = match args.get(4) {
        Some(path) => orgpath_explore::load_file(path.as_ref()),
        None => orgpath_explore::builtin(),
    }
    .unwrap_or_else(|r| panic!("{r}"));
    let mut options = SceneOptions::new(lang);
    if theme == Theme::Projector {
        options.scale = TypeScale::PROJECTOR;
    }
    let scene = views::scene(&dataset, view, &options);
    let svg = render::svg(
        &scene,
        &SvgOptions {
            theme,
            background: Background::Theme,
            legend: true,
        },
    );
    let out = &args[2];
    if out.ends_with(".svg") {
        std::fs::write(out, svg).unwrap();
    } else {
        std::fs::write(
            out,
            render::png(&scene, &svg, 1.0).unwrap_or_else(|e| panic!("{e}")),
        )
        .unwrap();
    }
    eprintln!(
        "{out}: {} cards, {} edges, {} labels, {}x{}",
        scene.cards.len(),
        scene.edges.len(),
        scene.labels.len(),
        scene.width,
        scene.height
    );
}
