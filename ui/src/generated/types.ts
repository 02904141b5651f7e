// Generated from the Rust types in src-tauri/core by `cargo test -p orgpath-core`
// with ORGPATH_BLESS=1. Do not edit: change the Rust types and regenerate.

export type Text = { ja: string, en: string, };

export type SourceDocument = { title: string, author?: string, date?: string, url?: string, };

export type Meta = { title: Text, description?: Text, source?: SourceDocument, focus?: string, };

export type Passage = { id: string, section: Text, quote: string, };

export type Group = { id: string, label: Text, description?: Text, };

export type ViewRequest = { 
/**
 * "org", "relationships", "career" or "flow".
 */
view: string, 
/**
 * "ja" or "en".
 */
lang: string, 
/**
 * "light", "dark" or "projector".
 */
theme: string, 
/**
 * Organisation view: "lr", "rl", "td" or "bu".
 */
direction: string, compact: boolean, 
/**
 * Relationship view: the node at the centre.
 */
focus?: string, 
/**
 * Organisation view: ids whose subtrees are folded away (shown with a count).
 */
collapsed: Array<string>, };

export type LegendItem = { 
/**
 * A small SVG drawing of the swatch, in the view's theme.
 */
swatch_svg: string, label: string, };

export type ViewPayload = { svg: string, width: number, height: number, title: string, legend: Array<LegendItem>, 
/**
 * Ids of the cards drawn, in drawing order.
 */
ids: Array<string>, };

export type Details = { id: string, 
/**
 * What the item is, e.g. "部門" / "Department" or "対応の手順" / "Step".
 */
kind: Text, label: Text, title?: Text, description?: Text, group?: Text, track?: Text, illustrative: boolean, source?: Passage, 
/**
 * Parents, in hierarchy order (labels).
 */
parents: Array<Text>, 
/**
 * Relationships touching the item, as "kind → other" lines.
 */
relations: Array<Text>, 
/**
 * How many units sit under it in the organisation tree.
 */
children: number, };

export type ExportRequest = { view: ViewRequest, 
/**
 * "svg" or "png".
 */
format: string, 
/**
 * PNG pixel scale, 1 to 4.
 */
scale: number, 
/**
 * "theme", "white" or "transparent".
 */
background: string, };

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
