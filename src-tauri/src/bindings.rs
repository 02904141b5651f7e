//! The shell's types as TypeScript, for the window: the event payloads and answers
//! the shell (not the core) defines, the presenter's commands and the events' names,
//! written to `ui/src/generated/shell.ts` beside the core's `types.ts`. A test fails
//! when the committed file is stale.

use ts_rs::{Config, TS};

use crate::commands::{About, CurrentFile, RecentEntry};
use crate::events::{
    StageCommand, COMMAND_EVENT, DATASET_EVENT, LOADING_EVENT, PROBLEMS_EVENT, STAGE_EVENT,
};
use crate::session::{Failed, Opened, Outcome, Why};
use crate::stage::Stage;

/// Where the generated file lives, relative to the repository root.
pub const TYPESCRIPT_PATH: &str = "ui/src/generated/shell.ts";

/// The contents of `ui/src/generated/shell.ts`.
pub fn typescript() -> String {
    let cfg = Config::new();
    let decls = [
        Why::decl(&cfg),
        Opened::decl(&cfg),
        Failed::decl(&cfg),
        Outcome::decl(&cfg),
        RecentEntry::decl(&cfg),
        CurrentFile::decl(&cfg),
        About::decl(&cfg),
        Stage::decl(&cfg),
        StageCommand::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the shell's Rust types (src-tauri/src/bindings.rs) by\n\
         // `cargo test -p orgpath --lib` with ORGPATH_BLESS=1. Do not edit.\n\n\
         import type { CsvHeader, Lang, Report, SourceDocument } from \"./types\";\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    let events = [
        ("dataset", DATASET_EVENT),
        ("problems", PROBLEMS_EVENT),
        ("loading", LOADING_EVENT),
        ("stage", STAGE_EVENT),
        ("stageCommand", COMMAND_EVENT),
    ];
    out.push_str("// The events' names.\nexport const EVENTS = {\n");
    for (key, name) in events {
        out.push_str(&format!("  {key}: \"{name}\",\n"));
    }
    out.push_str("} as const;\n");
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn shell_bindings_are_current() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(super::TYPESCRIPT_PATH);
        let expected = super::typescript();
        if std::env::var_os("ORGPATH_BLESS").is_some() {
            std::fs::write(&path, &expected).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("{} cannot be read ({e}): generate it with `ORGPATH_BLESS=1 cargo test -p orgpath --lib`", super::TYPESCRIPT_PATH)
        });
        assert!(
            committed == expected,
            "{} is stale: regenerate it with `ORGPATH_BLESS=1 cargo test -p orgpath --lib` and commit the result",
            super::TYPESCRIPT_PATH
        );
    }
}
