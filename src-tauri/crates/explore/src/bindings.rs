//! TypeScript declarations of the types that cross to the window, generated from the
//! Rust types and committed at `ui/src/generated/types.ts`; a test fails when the
//! committed file is stale.

use ts_rs::{Config, TS};

use orgpath_model::raw::TransitionKind;
use orgpath_model::{Lang, View};
use orgpath_render::export::{Format, SlideFormat};
use orgpath_render::pdf::PaperSize;
use orgpath_render::{Background, Theme};

use crate::explore::{
    CareerRoute, CareerRoutes, CareerStep, EdgeDetails, EdgeItem, NodeEntry, NodePath, PathPair,
    PathStep, PathsResult, Place, TrackColumn, TrackStage,
};
use crate::search::SearchHit;
use crate::view_model::{
    Bounds, CardBox, Colours, Details, DirectionChoice, EdgeBox, ExportRequest, ExportSaved,
    Geometry, LegendFamily, LegendItem, RelationGroup, RelationItem, TourExportRequest,
    ViewPayload, ViewRequest, Viewport,
};
use orgpath_draw::font;
use orgpath_draw::tour::{CameraBox, StepInfo, TourSummary};
use orgpath_load::{CsvHeader, Encoding, FieldGuess, LoadOptions};
use orgpath_model::dataset::{Attribute, Group, Meta, Passage, SourceDocument, Text};
use orgpath_model::problem::{Code, Location, Problem, Report, Severity};

/// Where the generated file lives, relative to the repository root.
pub const TYPESCRIPT_PATH: &str = "ui/src/generated/types.ts";

/// The contents of `ui/src/generated/types.ts`.
pub fn typescript() -> String {
    let cfg = Config::new();
    let decls = [
        View::decl(&cfg),
        Lang::decl(&cfg),
        Theme::decl(&cfg),
        Background::decl(&cfg),
        Format::decl(&cfg),
        SlideFormat::decl(&cfg),
        PaperSize::decl(&cfg),
        DirectionChoice::decl(&cfg),
        TransitionKind::decl(&cfg),
        Text::decl(&cfg),
        SourceDocument::decl(&cfg),
        Meta::decl(&cfg),
        crate::view_model::DatasetMeta::decl(&cfg),
        Passage::decl(&cfg),
        Group::decl(&cfg),
        ViewRequest::decl(&cfg),
        Viewport::decl(&cfg),
        LegendItem::decl(&cfg),
        LegendFamily::decl(&cfg),
        ViewPayload::decl(&cfg),
        Geometry::decl(&cfg),
        CardBox::decl(&cfg),
        EdgeBox::decl(&cfg),
        Bounds::decl(&cfg),
        Colours::decl(&cfg),
        StepInfo::decl(&cfg),
        CameraBox::decl(&cfg),
        TourSummary::decl(&cfg),
        TourExportRequest::decl(&cfg),
        Details::decl(&cfg),
        Attribute::decl(&cfg),
        RelationGroup::decl(&cfg),
        RelationItem::decl(&cfg),
        ExportRequest::decl(&cfg),
        ExportSaved::decl(&cfg),
        SearchHit::decl(&cfg),
        NodeEntry::decl(&cfg),
        PathsResult::decl(&cfg),
        PathPair::decl(&cfg),
        NodePath::decl(&cfg),
        PathStep::decl(&cfg),
        CareerRoutes::decl(&cfg),
        CareerRoute::decl(&cfg),
        CareerStep::decl(&cfg),
        Place::decl(&cfg),
        TrackColumn::decl(&cfg),
        TrackStage::decl(&cfg),
        EdgeDetails::decl(&cfg),
        EdgeItem::decl(&cfg),
        Code::decl(&cfg),
        Severity::decl(&cfg),
        Location::decl(&cfg),
        Problem::decl(&cfg),
        Report::decl(&cfg),
        Encoding::decl(&cfg),
        LoadOptions::decl(&cfg),
        CsvHeader::decl(&cfg),
        FieldGuess::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types in src-tauri/crates by `cargo test -p orgpath-explore`\n\
         // with ORGPATH_BLESS=1. Do not edit: change the Rust types and regenerate.\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    // The values of each closed set, so the window lists them from here rather than
    // from a hand-copied array.
    out.push_str("// Every value of each closed set, in Rust's order.\n");
    let lists = [
        ("VIEWS", "View", values(&View::ALL)),
        ("LANGS", "Lang", values(&Lang::ALL)),
        ("THEMES", "Theme", values(&Theme::ALL)),
        ("BACKGROUNDS", "Background", values(&Background::ALL)),
        ("FORMATS", "Format", values(&Format::ALL)),
        ("SLIDE_FORMATS", "SlideFormat", values(&SlideFormat::ALL)),
        ("PAPER_SIZES", "PaperSize", values(&PaperSize::ALL)),
        (
            "DIRECTIONS",
            "DirectionChoice",
            values(&DirectionChoice::ALL),
        ),
    ];
    for (name, ty, list) in lists {
        out.push_str(&format!(
            "export const {name}: readonly {ty}[] = [{list}] as const;\n"
        ));
    }
    out.push_str(&line_breaking());
    out
}

/// The drawing's line-breaking sets, for the window's HTML (`ui/src/phrases.ts`) to
/// break where the drawing does.
fn line_breaking() -> String {
    let chars = |set: &[char]| serde_json::to_string(&set.iter().collect::<String>()).unwrap();
    let ranges: Vec<String> = font::UNSPACED
        .iter()
        .map(|&(lo, hi)| format!("[0x{:04X}, 0x{:04X}]", u32::from(lo), u32::from(hi)))
        .collect();
    format!(
        "\n// Where lines break (orgpath_draw::font): characters that may not start a line,\n\
         // that may not end one, and the ranges of the scripts set without spaces.\n\
         export const NO_LINE_START: string = {};\n\
         export const NO_LINE_END: string = {};\n\
         export const UNSPACED: readonly (readonly [number, number])[] = [{}];\n",
        chars(font::NO_LINE_START),
        chars(font::NO_LINE_END),
        ranges.join(", ")
    )
}

/// Where the phrases of the built-in dataset's Japanese texts are written, relative to
/// the repository root: the window's tests check that it cuts them the same way.
pub const PHRASES_PATH: &str = "ui/src/generated/phrases.json";

/// The contents of `ui/src/generated/phrases.json`: every Japanese text of the
/// built-in dataset, once, cut into the phrases the drawing wraps by
/// ([`font::phrases`]), one text a line.
pub fn phrases() -> String {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    match v {
                        serde_json::Value::String(s) if k == "ja" => out.push(s.clone()),
                        _ => walk(v, out),
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let data: serde_json::Value =
        serde_json::from_str(orgpath_model::BUILTIN_JSON).expect("the built-in dataset");
    let mut texts = Vec::new();
    walk(&data, &mut texts);
    texts.sort();
    texts.dedup();
    let lines: Vec<String> = texts
        .iter()
        .filter(|t| !t.is_empty())
        .map(|t| serde_json::to_string(&font::phrases(t)).unwrap())
        .collect();
    format!("[\n{}\n]\n", lines.join(",\n"))
}

/// The values as serde writes them, quoted and comma-separated.
fn values<T: serde::Serialize>(all: &[T]) -> String {
    all.iter()
        .map(|v| serde_json::to_string(v).expect("a unit variant serialises"))
        .collect::<Vec<_>>()
        .join(", ")
}
