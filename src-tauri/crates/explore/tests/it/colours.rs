//! Colours and line styles that can be told apart, read back from the SVG as it is
//! painted (the window, PNG, PDF and slides all draw that SVG): no two relation kinds
//! share both stroke colour and line style, twelve groups get twelve colours far
//! apart, and groups past the twelfth differ from the first twelve by a pattern.

use std::collections::{BTreeMap, BTreeSet};

use orgpath_explore::export::{export, ExportOptions, Format};
use orgpath_explore::render::Theme;
use orgpath_explore::scene::{legend_sections, Lang, LegendSection, View, GROUP_HUES};
use orgpath_explore::views::{self, SceneOptions};
use orgpath_explore::{load_csv, Dataset};

/// The value of attribute `name` in the element text `el`.
fn attr<'a>(el: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = el.find(&key)? + key.len();
    Some(&el[at..at + el[at..].find('"')?])
}

/// The elements named `tag` (`<tag ...>` up to its `>`) in `s`, in order.
fn elements<'a>(s: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(at) = rest.find(&open) {
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        out.push(&rest[at..end]);
        rest = &rest[end..];
    }
    out
}

/// How one edge is painted: its stroke colour, its line style as drawn (dash
/// pattern, or "double" for two rails), its width and its arrowhead.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Stroke {
    colour: String,
    style: String,
    width: String,
    head: String,
}

/// Each relation kind's strokes in a drawn SVG, from its `g.edge[data-kind]` groups.
fn strokes_by_kind(svg: &str) -> BTreeMap<String, BTreeSet<Stroke>> {
    let mut out: BTreeMap<String, BTreeSet<Stroke>> = BTreeMap::new();
    for chunk in svg.split("<g class=\"edge\"").skip(1) {
        let g = &chunk[..chunk.find("</g>").unwrap()];
        let Some(kind) = attr(g, "data-kind") else {
            continue;
        };
        let paths = elements(g, "path");
        let stroke = match paths.as_slice() {
            // Two rails: a wide line in the colour, a canvas-coloured core with the head.
            [rail, core] => Stroke {
                colour: attr(rail, "stroke").unwrap().to_owned(),
                style: "double".into(),
                width: attr(rail, "stroke-width").unwrap().to_owned(),
                head: attr(core, "marker-end").unwrap_or("").to_owned(),
            },
            [line] => Stroke {
                colour: attr(line, "stroke").unwrap().to_owned(),
                style: attr(line, "stroke-dasharray").unwrap_or("solid").to_owned(),
                width: attr(line, "stroke-width").unwrap().to_owned(),
                head: attr(line, "marker-end").unwrap_or("").to_owned(),
            },
            other => panic!("edge of {kind} drawn with {} paths", other.len()),
        };
        out.entry(kind.to_owned()).or_default().insert(stroke);
    }
    out
}

fn relationship_svg(d: &Dataset, lang: Lang, theme: Theme) -> String {
    let mut options = ExportOptions::new(View::Relationships, lang, Format::Svg);
    options.theme = theme;
    String::from_utf8(export(d, &options).unwrap()).unwrap()
}

/// Asserts that each kind is drawn one way, and no two kinds share both colour and
/// line style (so not the whole stroke either).
fn assert_kinds_apart(strokes: &BTreeMap<String, BTreeSet<Stroke>>, what: &str) {
    let mut seen: BTreeMap<(String, String), String> = BTreeMap::new();
    for (kind, s) in strokes {
        assert_eq!(
            s.len(),
            1,
            "{what}: {kind} is drawn in more than one way: {s:?}"
        );
        let s = s.first().unwrap();
        if let Some(other) = seen.insert((s.colour.clone(), s.style.clone()), kind.clone()) {
            panic!(
                "{what}: {kind} and {other} share colour {} and style {}",
                s.colour, s.style
            );
        }
    }
}

#[test]
fn no_two_builtin_relation_kinds_share_colour_and_line_style() {
    let d = orgpath_explore::builtin().unwrap();
    for theme in Theme::ALL {
        for lang in [Lang::Ja, Lang::En] {
            let strokes = strokes_by_kind(&relationship_svg(&d, lang, theme));
            let what = format!("{theme:?} {lang:?}");
            // Every kind the map around CSS draws (all of them but "sells through",
            // whose ends are not on it).
            assert!(strokes.len() >= 13, "{what}: {} kinds drawn", strokes.len());
            assert_kinds_apart(&strokes, &what);
        }
    }
    // In greyscale, arrowhead and line style still tell every kind apart.
    let strokes = strokes_by_kind(&relationship_svg(&d, Lang::En, Theme::Light));
    let grey: BTreeSet<(String, String)> = strokes
        .values()
        .map(|s| {
            let s = s.first().unwrap();
            // The marker's shape: its id less the colour.
            let shape = s.head.rsplit_once('-').map_or("", |(shape, _)| shape);
            (shape.to_owned(), s.style.clone())
        })
        .collect();
    assert_eq!(grey.len(), strokes.len(), "head and style: {grey:?}");
    // The pairs the issue named: drawn differently now.
    let one = |k: &str| strokes[k].first().unwrap().clone();
    let (asks, sells) = (one("asks_questions"), one("sells_to"));
    assert_ne!(asks.colour, sells.colour, "asks questions / sells to");
    assert_ne!(
        asks.head, sells.head,
        "asks questions / sells to: arrowheads"
    );
    let (plans, closely) = (one("discusses_plans"), one("works_closely_with"));
    assert_ne!(plans.colour, closely.colour);
    assert_ne!(plans.style, closely.style);
}

#[test]
fn kinds_of_one_family_share_colour_and_arrowhead_and_differ_by_style() {
    let d = orgpath_explore::builtin().unwrap();
    let strokes = strokes_by_kind(&relationship_svg(&d, Lang::En, Theme::Light));
    let mut families: BTreeMap<String, Vec<Stroke>> = BTreeMap::new();
    for k in d.relation_kinds() {
        let family = k.family.as_ref().expect("every built-in kind has a family");
        if let Some(s) = strokes.get(&k.id) {
            families
                .entry(family.en.clone())
                .or_default()
                .push(s.first().unwrap().clone());
        }
    }
    assert_eq!(families.len(), 4, "{families:?}");
    let mut colours = BTreeSet::new();
    for (name, members) in &families {
        let first = &members[0];
        assert!(
            members
                .iter()
                .all(|m| m.colour == first.colour && m.head == first.head),
            "{name}: {members:?}"
        );
        let styles: BTreeSet<&str> = members.iter().map(|m| m.style.as_str()).collect();
        assert_eq!(styles.len(), members.len(), "{name}: {members:?}");
        colours.insert((first.colour.clone(), first.head.clone()));
    }
    assert_eq!(
        colours.len(),
        families.len(),
        "one colour and head a family"
    );
}

#[test]
fn the_relationship_legend_is_grouped_by_family_with_counts() {
    let d = orgpath_explore::builtin().unwrap();
    for lang in [Lang::Ja, Lang::En] {
        let s = views::scene(&d, View::Relationships, &SceneOptions::new(lang));
        let sections = legend_sections(&s.legend);
        let families: Vec<(&str, u32, usize)> = sections
            .iter()
            .filter_map(|s| match s {
                LegendSection::Family {
                    name,
                    count,
                    entries,
                    hue,
                } => {
                    assert!(hue.is_some(), "{name}: one colour");
                    Some((*name, *count, entries.len()))
                }
                LegendSection::Single(_) => None,
            })
            .collect();
        assert_eq!(families.len(), 4, "{families:?}");
        // The counts add up to the links drawn, and each kind counts its own.
        let total: u32 = families.iter().map(|f| f.1).sum();
        assert_eq!(total as usize, s.edges.len());
        for e in s.legend.iter().filter(|e| e.family.is_some()) {
            let kind = e.key.as_deref().unwrap().trim_start_matches("kind:");
            let drawn = s.edges.iter().filter(|x| x.kind == kind).count();
            assert_eq!(e.count, Some(drawn as u32), "{kind}");
        }
        // Four headings and five groups: nine lines where there were eighteen.
        assert!(sections.len() <= 10, "{} sections", sections.len());
    }
}

#[test]
fn hiding_a_kind_keeps_its_entry_in_its_family_with_its_count() {
    let d = orgpath_explore::builtin().unwrap();
    let mut o = SceneOptions::new(Lang::En);
    o.hidden.insert("kind:asks_questions".into());
    let s = views::scene(&d, View::Relationships, &o);
    let e = s
        .legend
        .iter()
        .find(|e| e.key.as_deref() == Some("kind:asks_questions"))
        .unwrap();
    assert!(e.hidden);
    assert_eq!(e.count, Some(4), "the links it would draw");
    assert_eq!(e.family.as_deref(), Some("Asking questions"));
    assert!(s.edges.iter().all(|x| x.kind != "asks_questions"));
}

/// A dataset of `n` kinds of relation between a hub and its partners, as a CSV pair
/// gives them (styles by turns, no families).
fn many_kinds(n: usize) -> Dataset {
    let mut nodes = String::from("id,parent,name\nhub,,Hub\n");
    let mut links = String::from("source,target,kind\n");
    for i in 0..n {
        nodes.push_str(&format!("p{i},hub,Partner {i}\n"));
        links.push_str(&format!("hub,p{i},kind_{i:02}\n"));
    }
    let dir = std::env::temp_dir().join(format!("orgpath-kinds-{n}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("nodes.csv"), nodes).unwrap();
    std::fs::write(dir.join("links.csv"), links).unwrap();
    let options = orgpath_explore::LoadOptions {
        relations: Some(dir.join("links.csv")),
        ..Default::default()
    };
    let d = orgpath_explore::load_path(&dir.join("nodes.csv"), &options)
        .unwrap_or_else(|r| panic!("{r}"))
        .dataset;
    std::fs::remove_dir_all(&dir).ok();
    d
}

#[test]
fn up_to_thirty_two_kinds_of_a_file_are_all_drawn_apart() {
    let d = many_kinds(32);
    assert_eq!(d.relation_kinds().len(), 32);
    for theme in [Theme::Light, Theme::Dark] {
        let strokes = strokes_by_kind(&relationship_svg(&d, Lang::En, theme));
        assert_eq!(strokes.len(), 32);
        assert_kinds_apart(&strokes, &format!("{theme:?}"));
    }
    // Without families, more than four kinds are listed under one heading.
    let s = views::scene(&d, View::Relationships, &SceneOptions::new(Lang::En));
    let families: BTreeSet<&str> = s
        .legend
        .iter()
        .filter_map(|e| e.family.as_deref())
        .collect();
    assert_eq!(families, BTreeSet::from(["Relationships"]));
}

/// A root and two people in each of `n` departments.
fn departments(n: usize) -> Dataset {
    let mut csv = String::from("id,parent,name,department\nroot,,Head office,\n");
    for i in 0..2 * n {
        csv.push_str(&format!("p{i},root,Person {i},Department {:02}\n", i % n));
    }
    load_csv(csv.as_bytes(), "departments.csv").unwrap_or_else(|r| panic!("{r}"))
}

/// The organisation view's SVG, as exported.
fn org_svg(d: &Dataset, theme: Theme) -> String {
    let mut options = ExportOptions::new(View::Org, Lang::En, Format::Svg);
    options.theme = theme;
    String::from_utf8(export(d, &options).unwrap()).unwrap()
}

/// Each department's card strip paint (its colour, or `url(#pattern)`), by group id.
fn strip_paints(d: &Dataset, svg: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for chunk in svg.split("<g class=\"card\"").skip(1) {
        let id = attr(chunk, "data-id").unwrap();
        let Some(group) = d.node(id).and_then(|n| n.group.clone()) else {
            continue;
        };
        let strip = elements(chunk, "rect")
            .into_iter()
            .find(|r| r.contains("clip-path=") && !r.contains("card-bg"))
            .unwrap();
        let paint = attr(strip, "fill").unwrap().to_owned();
        if let Some(prev) = out.insert(group.clone(), paint.clone()) {
            assert_eq!(prev, paint, "{group}: one paint for its cards");
        }
    }
    out
}

/// sRGB `#RRGGBB` to CIE L*a*b* (D65).
fn lab(hex: &str) -> [f64; 3] {
    let c = |i: usize| {
        let v = f64::from(u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap()) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let (r, g, b) = (c(0), c(1), c(2));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 0.008856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    [
        116.0 * f(y) - 16.0,
        500.0 * (f(x) - f(y)),
        200.0 * (f(y) - f(z)),
    ]
}

/// CIE76 colour difference: about 2.3 is just noticeable; 20 is plainly another colour.
fn delta_e(a: &str, b: &str) -> f64 {
    let (a, b) = (lab(a), lab(b));
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

#[test]
fn twelve_departments_get_twelve_colours_far_apart() {
    let d = departments(12);
    assert_eq!(d.groups().len(), 12);
    for theme in [Theme::Light, Theme::Dark] {
        let paints = strip_paints(&d, &org_svg(&d, theme));
        assert_eq!(paints.len(), 12, "{theme:?}: every department drawn");
        let colours: BTreeSet<&str> = paints.values().map(String::as_str).collect();
        assert_eq!(colours.len(), 12, "{theme:?}: {paints:?}");
        for c in &colours {
            assert!(
                c.starts_with('#'),
                "{theme:?}: the first twelve are plain: {c}"
            );
        }
        let colours: Vec<&str> = colours.into_iter().collect();
        for (i, a) in colours.iter().enumerate() {
            for b in &colours[i + 1..] {
                let de = delta_e(a, b);
                assert!(de >= 20.0, "{theme:?}: {a} and {b} are only {de:.1} apart");
            }
        }
    }
}

#[test]
fn departments_past_the_twelfth_differ_by_a_pattern() {
    let n = 4 * GROUP_HUES as usize;
    let d = departments(n);
    for theme in [Theme::Light, Theme::Dark] {
        let svg = org_svg(&d, theme);
        let paints = strip_paints(&d, &svg);
        assert_eq!(paints.len(), n);
        // Every department its own paint: colour for the first twelve, the same
        // colours with stripes, dots and checks for the next thirty-six.
        let distinct: BTreeSet<&String> = paints.values().collect();
        assert_eq!(distinct.len(), n, "{theme:?}");
        for (i, g) in d.groups().iter().enumerate() {
            let paint = &paints[&g.id];
            if i < GROUP_HUES as usize {
                assert!(paint.starts_with('#'), "{}: {paint}", g.id);
                continue;
            }
            let first = &paints[&d.groups()[i % GROUP_HUES as usize].id];
            let id = paint
                .strip_prefix("url(#")
                .and_then(|p| p.strip_suffix(')'))
                .unwrap_or_else(|| panic!("{}: {paint} is not a pattern", g.id));
            // The pattern is of the colour of the group it shares it with, and defined.
            let def = svg
                .find(&format!("<pattern id=\"{id}\""))
                .map(|at| &svg[at..at + svg[at..].find("</pattern>").unwrap()])
                .unwrap_or_else(|| panic!("{id} is not defined"));
            assert!(def.contains(&format!("fill=\"{first}\"")), "{def}");
        }
        // The legend shows each department as its cards do.
        let legend = &svg[svg.find("<g class=\"legend\">").unwrap()..];
        let swatches: BTreeSet<&str> = elements(legend, "rect")
            .into_iter()
            .filter_map(|r| attr(r, "fill"))
            .collect();
        for paint in paints.values() {
            assert!(
                swatches.contains(paint.as_str()),
                "{paint} not in the legend"
            );
        }
    }
}
