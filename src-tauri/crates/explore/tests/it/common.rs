//! Helpers shared by the view tests: the option sets every view is checked under,
//! every view of a dataset drawn at once, and the geometry predicates they use.
#![allow(dead_code)] // each test binary uses its own subset

use orgpath_explore::scene::{Lang, Point, Rect, Scene, TypeScale, View};
use orgpath_explore::views::{self, SceneOptions};
use orgpath_explore::Dataset;

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

/// Every view of `dataset` drawn with `options`, in the order of `View::ALL`.
pub fn every_view(dataset: &Dataset, options: &SceneOptions) -> Vec<(View, Scene)> {
    View::ALL
        .iter()
        .map(|&view| (view, views::scene(dataset, view, options)))
        .collect()
}

/// True when the segment a-b passes through the inside of `r` (its border shrunk by
/// half a pixel, so touching the border does not count).
pub fn segment_hits(a: Point, b: Point, r: &Rect) -> bool {
    segment_enters(&a, &b, r, 0.5)
}

/// True when the segment a-b passes through `r` shrunk by `inset` on every side.
/// Liang-Barsky clipping.
pub fn segment_enters(a: &Point, b: &Point, r: &Rect, inset: f32) -> bool {
    let e = inset;
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

/// Whether a view's regions hold its cards (career lanes) or stand beside them (the
/// flow's examples panel, which must not cover a card).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Regions {
    HoldCards,
    BesideCards,
}

/// Geometry every diagram must satisfy; returns the first problem found.
pub fn geometry_problem(s: &Scene, regions: Regions) -> Option<String> {
    for (i, a) in s.cards.iter().enumerate() {
        for b in &s.cards[i + 1..] {
            if a.rect.overlaps(&b.rect) {
                return Some(format!("cards {} and {} overlap", a.id, b.id));
            }
        }
    }
    for e in &s.edges {
        if e.points.len() < 2 {
            return Some(format!(
                "edge {} -> {} has {} points",
                e.from,
                e.to,
                e.points.len()
            ));
        }
        let from = s.cards.iter().find(|c| c.id == e.from)?;
        let to = s.cards.iter().find(|c| c.id == e.to)?;
        if !on_border(e.points[0], &from.rect) || !on_border(*e.points.last()?, &to.rect) {
            return Some(format!(
                "edge {} -> {} does not run border to border",
                e.from, e.to
            ));
        }
        let last = e.points.len() - 2;
        for (k, w) in e.points.windows(2).enumerate() {
            for c in &s.cards {
                let own_end = (c.id == e.from && k == 0) || (c.id == e.to && k == last);
                if !own_end && segment_hits(w[0], w[1], &c.rect) {
                    return Some(format!(
                        "edge {} -> {} crosses card {} ({:?} - {:?})",
                        e.from, e.to, c.id, w[0], w[1]
                    ));
                }
            }
        }
    }
    for (i, l) in s.labels.iter().enumerate() {
        if l.edge as usize >= s.edges.len() {
            return Some(format!("label {i} names no edge"));
        }
        for c in &s.cards {
            if l.rect.overlaps(&c.rect) {
                return Some(format!(
                    "label {:?} covers card {}",
                    l.texts.first().map(|t| &t.text),
                    c.id
                ));
            }
        }
        for m in &s.labels[i + 1..] {
            if l.rect.overlaps(&m.rect) {
                return Some(format!(
                    "labels {:?} and {:?} overlap",
                    l.texts.first().map(|t| &t.text),
                    m.texts.first().map(|t| &t.text)
                ));
            }
        }
    }
    if regions == Regions::BesideCards {
        for r in &s.regions {
            for c in &s.cards {
                if r.rect.overlaps(&c.rect) {
                    return Some(format!("region {} covers card {}", r.id, c.id));
                }
            }
        }
    }
    // Fitted: nothing outside the canvas.
    let inside = |r: &Rect| {
        r.x >= -0.01 && r.y >= -0.01 && r.right() <= s.width + 0.01 && r.bottom() <= s.height + 0.01
    };
    if !s.cards.iter().all(|c| inside(&c.rect))
        || !s.regions.iter().all(|r| inside(&r.rect))
        || !s.labels.iter().all(|l| inside(&l.rect))
    {
        return Some("something lies outside the canvas".into());
    }
    None
}

/// Whether two closed segments share a point (crossing, touching or overlapping).
pub fn segments_meet(a: Point, b: Point, c: Point, d: Point) -> bool {
    let e = 0.01;
    let cross =
        |o: Point, p: Point, q: Point| (p.x - o.x) * (q.y - o.y) - (p.y - o.y) * (q.x - o.x);
    let sign = |v: f32| {
        if v > e {
            1
        } else if v < -e {
            -1
        } else {
            0
        }
    };
    let within = |o: Point, p: Point, q: Point| {
        q.x >= o.x.min(p.x) - e
            && q.x <= o.x.max(p.x) + e
            && q.y >= o.y.min(p.y) - e
            && q.y <= o.y.max(p.y) + e
    };
    let (d1, d2) = (sign(cross(c, d, a)), sign(cross(c, d, b)));
    let (d3, d4) = (sign(cross(a, b, c)), sign(cross(a, b, d)));
    (d1 * d2 < 0 && d3 * d4 < 0)
        || (d1 == 0 && within(c, d, a))
        || (d2 == 0 && within(c, d, b))
        || (d3 == 0 && within(a, b, c))
        || (d4 == 0 && within(a, b, d))
}

/// Whether two polylines share a point.
pub fn polylines_meet(a: &[Point], b: &[Point]) -> bool {
    a.windows(2)
        .any(|s| b.windows(2).any(|t| segments_meet(s[0], s[1], t[0], t[1])))
}

#[test]
fn segments_meet_when_they_cross_touch_or_overlap_only() {
    let p = Point::new;
    assert!(segments_meet(
        p(0.0, 0.0),
        p(10.0, 10.0),
        p(0.0, 10.0),
        p(10.0, 0.0)
    ));
    assert!(segments_meet(
        p(0.0, 0.0),
        p(10.0, 0.0),
        p(10.0, 0.0),
        p(10.0, 5.0)
    ));
    assert!(segments_meet(
        p(0.0, 0.0),
        p(10.0, 0.0),
        p(5.0, 0.0),
        p(20.0, 0.0)
    ));
    assert!(!segments_meet(
        p(0.0, 0.0),
        p(10.0, 0.0),
        p(11.0, 0.0),
        p(20.0, 0.0)
    ));
    assert!(!segments_meet(
        p(0.0, 0.0),
        p(10.0, 0.0),
        p(5.0, 1.0),
        p(5.0, 9.0)
    ));
    assert!(!segments_meet(
        p(0.0, 0.0),
        p(0.0, 10.0),
        p(2.0, 0.0),
        p(2.0, 10.0)
    ));
}
