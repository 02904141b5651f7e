// Generated from the shell's Rust types (src-tauri/src/bindings.rs) by
// `cargo test -p orgpath --lib` with ORGPATH_BLESS=1. Do not edit.

import type { CsvHeader, Lang, Report, SourceDocument } from "./types";

export type Why = "open" | "reload";

export type Opened = { generation: number, why: Why, 
/**
 * The file's name (no folder), for the window's status line.
 */
name: string, path: string, 
/**
 * What the file opened with but the user should know (warnings and notices:
 * photos not shown, web addresses not fetched); the window lists them.
 */
notices: Report, };

export type Failed = { why: Why, name: string, report: Report, 
/**
 * For a CSV file whose header orgpath could not read: its columns and what each
 * field would take, for the column-mapping step.
 */
mapping?: CsvHeader, };

export type Outcome = { "outcome": "opened" } & Opened | { "outcome": "failed" } & Failed | { "outcome": "superseded", name: string, };

export type RecentEntry = { name: string, folder: string, 
/**
 * Still there: a moved or deleted file is listed greyed out.
 */
exists: boolean, };

export type CurrentFile = { name: string, path: string, generation: number, 
/**
 * Its warnings and notices, for a window that opened with the file already
 * loaded (from the command line) and so saw no `orgpath://dataset` event.
 */
notices: Report, };

export type About = { version: string, 
/**
 * SPDX, from the workspace's Cargo.toml.
 */
licence: string, builtin_source: SourceDocument | null, };

export type Stage = { tour: string, step: number, lang: Lang, 
/**
 * When this tour started, in milliseconds since the Unix epoch (the timer).
 */
started_ms: number, };

export type StageCommand = "next" | "previous" | "first" | "last" | "black" | "white" | "leave";

// The events' names.
export const EVENTS = {
  dataset: "orgpath://dataset",
  problems: "orgpath://problems",
  loading: "orgpath://loading",
  stage: "orgpath://stage",
  stageCommand: "orgpath://stage-command",
} as const;
