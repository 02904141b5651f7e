//! Slides read from the back row.

use orgpath_explore::export::tour_slides;
use orgpath_explore::render::Theme;
use orgpath_explore::scene::{Lang, TextRole};
use orgpath_explore::views::Direction;

#[test]
fn probe_sizes() {
    let d = orgpath_explore::builtin().unwrap();
    for t in d.tours() {
        for lang in [Lang::Ja, Lang::En] {
            let slides = tour_slides(&d, &t.id, lang, Theme::Projector, Direction::LeftRight).unwrap();
            for (i, s) in slides.iter().enumerate() {
                let k = s.area.w / s.view_box.w;
                let mut title = f32::MAX;
                let mut other = f32::MAX;
                let mut roles = std::collections::BTreeMap::new();
                for r in s.shown.texts() {
                    let px = r.size * k;
                    roles.entry(format!("{:?}", r.role)).or_insert(r.size);
                    if r.role == TextRole::Title { title = title.min(px) } else { other = other.min(px) }
                }
                eprintln!("{} {} {:?} zoom {:.2} title {:.1} other {:.1} {:?}", t.id, i + 1, lang, k, title, other, roles);
            }
        }
    }
}

#[test]
fn probe_geom() {
    let d = orgpath_explore::builtin().unwrap();
    let mut o = orgpath_explore::views::SceneOptions::new(Lang::Ja);
    o.scale = orgpath_explore::scene::TypeScale::PROJECTOR;
    for (t, i) in [("inquiry-journey", 4), ("css-relationships", 0), ("css-relationships", 1), ("css-relationships", 4), ("career-tracks", 0)] {
        let s = orgpath_explore::tour::step(&d, t, i, &o).unwrap();
        eprintln!("{t} {i}: scene {}x{} camera {:?}", s.scene.width, s.scene.height, s.camera);
        for c in &s.scene.cards { eprintln!("  card {} {:?} dim {}", c.id, c.rect, c.dimmed); }
        for r in &s.scene.regions { eprintln!("  region {} {:?}", r.id, r.rect); }
    }
}

#[test]
fn probe_cams() {
    let d = orgpath_explore::builtin().unwrap();
    for lang in [Lang::Ja, Lang::En] {
    let mut o = orgpath_explore::views::SceneOptions::new(lang);
    o.scale = orgpath_explore::scene::TypeScale::PROJECTOR;
    for t in d.tours() { for i in 0..t.steps.len() {
        let s = orgpath_explore::tour::step(&d, &t.id, i, &o).unwrap();
        let c = s.camera;
        eprintln!("{} {} {:?} cam {:.0}x{:.0} bottom {:.2} side {:.2} tall(976x1032) {:.2}", t.id, i+1, lang, c.w, c.h, (1824.0/c.w).min(688.0/c.h), (1176.0/c.w).min(928.0/c.h), (976.0/c.w).min(1032.0/c.h));
    }}}
}
