//! TypeScript declarations of the types that cross to the window, generated from the
//! Rust types and committed at `ui/src/generated/types.ts`; a test fails when the
//! committed file is stale.

use ts_rs::{Config, TS};

use crate::explore::{
    CareerRoute, CareerRoutes, CareerStep, EdgeDetails, EdgeItem, NodeEntry, NodePath, PathStep,
    PathsResult, Place, SearchHit, TrackColumn, TrackStage,
};
use crate::view_model::{
    Details, ExportRequest, ExportSaved, LegendItem, RelationGroup, RelationItem,
    TourExportRequest, ViewPayload, ViewRequest, Viewport,
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
        Text::decl(&cfg),
        SourceDocument::decl(&cfg),
        Meta::decl(&cfg),
        Passage::decl(&cfg),
        Group::decl(&cfg),
        ViewRequest::decl(&cfg),
        Viewport::decl(&cfg),
        LegendItem::decl(&cfg),
        ViewPayload::decl(&cfg),
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
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
