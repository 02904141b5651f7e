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
    out
}

/// The values as serde writes them, quoted and comma-separated.
fn values<T: serde::Serialize>(all: &[T]) -> String {
    all.iter()
        .map(|v| serde_json::to_string(v).expect("a unit variant serialises"))
        .collect::<Vec<_>>()
        .join(", ")
}
