//! Helpers shared by the view tests: the option sets every view is checked under,
//! and the geometry predicates they use.
#![allow(dead_code)] // each test binary uses its own subset

use orgpath_core::scene::{Lang, Point, Rect, TypeScale};
use orgpath_core::views::SceneOptions;

pub fn options(lang: Lang, scale: TypeScale) -> SceneOptions {
    let mut o = SceneOptions::new(lang);
    o.scale = scale;
    o
}

pub fn all_options() -> Vec<SceneOptions> {
    let mut out = Vec::new();
    for lang in [Lang::Ja, Lang::En] {
        for scale in [TypeScale::STANDARD, TypeScale::PROJECTOR] {
            out.push(options(lang, scale));
        }
    }
    out
}

/// True when the segment a-b passes through the inside of `r` (its border shrunk by
/// half a pixel, so touching the border does not count). Liang-Barsky clipping.
pub fn segment_hits(a: Point, b: Point, r: &Rect) -> bool {
    let e = 0.5;
    let (x0, y0, x1, y1) = (r.x + e, r.y + e, r.right() - e, r.bottom() - e);
    if x1 <= x0 || y1 <= y0 {
        return false;
    }
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let mut t0: f32 = 0.0;
    let mut t1: f32 = 1.0;
    for (p, q) in [
        (-dx, a.x - x0),
        (dx, x1 - a.x),
        (-dy, a.y - y0),
        (dy, y1 - a.y),
    ] {
        if p == 0.0 {
            if q <= 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 < t1
}

pub fn on_border(p: Point, r: &Rect) -> bool {
    let e = 0.6;
    let within_x = p.x >= r.x - e && p.x <= r.right() + e;
    let within_y = p.y >= r.y - e && p.y <= r.bottom() + e;
    (within_x && ((p.y - r.y).abs() <= e || (p.y - r.bottom()).abs() <= e))
        || (within_y && ((p.x - r.x).abs() <= e || (p.x - r.right()).abs() <= e))
}
