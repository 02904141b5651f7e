// Generated from the Rust types in src-tauri/core by `cargo test -p orgpath-core`
// with ORGPATH_BLESS=1. Do not edit: change the Rust types and regenerate.

export type Text = { ja: string, en: string, };

export type NodeKind = "organisation" | "department" | "team" | "role" | "external" | "career_stage";

export type SourceDocument = { title: string, author?: string, date?: string, url?: string, };

export type Meta = { title: Text, description?: Text, source?: SourceDocument, focus?: string, };

export type Passage = { id: string, section: Text, quote: string, };

export type Group = { id: string, label: Text, description?: Text, };

export type TreeNode = { id: string, kind: NodeKind, label: Text, short?: Text, title?: Text, description?: Text, group?: string, illustrative: boolean, 
/**
 * The passage of the source document this node rests on.
 */
source?: Passage, 
/**
 * Parents other than the one the node is drawn under.
 */
extra_parents: Array<string>, children: Array<TreeNode>, };

export type OrgTree = { meta: Meta, groups: Array<Group>, roots: Array<TreeNode>, };

export type Code = "io" | "too-large" | "encoding" | "syntax" | "shape" | "format" | "missing" | "missing-text" | "bad-id" | "duplicate-id" | "unknown-id" | "self-loop" | "cycle" | "duplicate-edge" | "header" | "empty";

export type Location = { 
/**
 * RFC 6901 JSON pointer, e.g. `/nodes/3/label/en`.
 */
pointer?: string, 
/**
 * 1-based line in the file.
 */
line?: number, 
/**
 * 1-based column (a character column in JSON, a field number in CSV).
 */
column?: number, 
/**
 * CSV column name.
 */
field?: string, };

export type Problem = { code: Code, 
/**
 * What is wrong, in one sentence.
 */
message: string, at: Location, 
/**
 * What to do about it.
 */
hint: string, };

export type Report = { 
/**
 * The file as the user named it.
 */
file: string, problems: Array<Problem>, };
