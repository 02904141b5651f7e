// Generated from the Rust types in src-tauri/crates by `cargo test -p orgpath-explore`
// with ORGPATH_BLESS=1. Do not edit: change the Rust types and regenerate.

export type View = "org" | "relationships" | "career" | "flow";

export type Lang = "ja" | "en";

export type Theme = "light" | "dark" | "projector";

export type Background = "theme" | "white" | "transparent";

export type Format = "svg" | "png" | "pdf";

export type SlideFormat = "png" | "pdf";

export type PaperSize = "a4" | "a3" | "a2" | "a1" | "letter" | "legal" | "tabloid";

export type DirectionChoice = "auto" | "lr" | "rl" | "td" | "bu";

export type TransitionKind = "entry" | "promotion" | "track_choice" | "role_move";

export type Text = { ja: string, en: string, };

export type SourceDocument = { title: string, author?: string, date?: string, url?: string, };

export type Meta = { title: Text, description?: Text, source?: SourceDocument, focus?: string, };

export type DatasetMeta = { 
/**
 * The views with something to show, in order ([`views::has_data`]): the window
 * lists only these.
 */
views: Array<View>, title: Text, description?: Text, source?: SourceDocument, focus?: string, };

export type Passage = { id: string, section: Text, quote: string, };

export type Group = { id: string, label: Text, description?: Text, };

export type ViewRequest = { view: View, lang: Lang, theme: Theme, 
/**
 * Organisation view: which way the tree grows, or "auto": the direction and
 * compaction that fit `viewport` best (16:9 without one); the payload says which.
 */
direction: DirectionChoice, 
/**
 * Organisation view: children in grids of columns (with "auto": decided there).
 */
compact: boolean, 
/**
 * The window's diagram area in CSS px. The organisation view then fits it: "auto"
 * picks the arrangement for it, compact grids get their columns for it, and a
 * tree opened with nothing folded (and `user_folds` unset) folds whole levels
 * until its text is readable when the drawing fits it (`views::org::fit`).
 */
viewport?: Viewport, 
/**
 * The folds are the user's: `collapsed` is drawn as it is, even when empty (the
 * user unfolded everything), and nothing is folded for them.
 */
user_folds?: boolean, 
/**
 * Organisation view: unfold one level of this folded unit before drawing: it
 * leaves `collapsed` and its children with children join it (shown with "+N").
 * The payload's `collapsed` is the result.
 */
unfold?: string, 
/**
 * Organisation view: fold the whole tree to this many levels (1: the roots alone,
 * each with its "+N"; more than the tree has: nothing folded) before `unfold` and
 * `reveal` apply. The folds are then the user's, whatever `user_folds` says.
 */
fold_level?: number, 
/**
 * Organisation view: unfold what hides this unit (each folded unit above it opens
 * one level), so a search result or a jump shows it.
 */
reveal?: string, 
/**
 * Relationship view: the node at the centre.
 */
focus?: string, 
/**
 * Organisation view: ids whose subtrees are folded away (shown with a count).
 */
collapsed: Array<string>, 
/**
 * Legend entries switched off, by their `LegendItem::key`: "kind:<relation kind
 * id>", "group:<group id>", "secondary" (matrix lines) and "illustrative".
 */
hidden?: Array<string>, 
/**
 * Presenting: the id of a tour. The drawing is then the step's view and focus,
 * with the cards and links outside its spotlight dimmed; `view`, `focus`,
 * `collapsed` and `hidden` give way to the step, the look (language, theme, tree
 * direction) stays the request's.
 */
tour?: string, 
/**
 * Presenting: the step of `tour`, 0-based (default 0).
 */
step?: number, };

export type Viewport = { width: number, height: number, };

export type LegendItem = { 
/**
 * A small SVG drawing of the swatch, in the view's theme.
 */
swatch_svg: string, label: string, 
/**
 * The filter key this entry toggles (put it in `ViewRequest::hidden` to switch
 * the entry off); absent for entries that cannot be filtered.
 */
key?: string, 
/**
 * Switched off: the view leaves out (or dims) what the entry stands for.
 */
hidden: boolean, 
/**
 * How many links of the view the entry stands for (a relation kind's).
 */
count?: number, 
/**
 * The name of the family the entry is listed under (one of
 * `ViewPayload::families`); a family's entries follow each other.
 */
family?: string, };

export type LegendFamily = { name: string, 
/**
 * The links its kinds have, together.
 */
count: number, 
/**
 * A solid line in the family's colour with its arrowhead, when its kinds share
 * one colour.
 */
swatch_svg?: string, };

export type ViewPayload = { svg: string, width: number, height: number, title: string, legend: Array<LegendItem>, 
/**
 * The headings of the legend's families, in the legend's order.
 */
families: Array<LegendFamily>, 
/**
 * Ids of the cards drawn, in drawing order.
 */
ids: Array<string>, 
/**
 * The view drawn (a tour step picks its own).
 */
view: View, 
/**
 * Where everything in `svg` is, from the scene: the window reads geometry here,
 * never from the SVG's text or attributes.
 */
geometry: Geometry, 
/**
 * Organisation view: the ids whose subtrees are folded in this drawing. Equal to
 * the request's, unless the request folded nothing and the tree is too large to
 * open whole (see [`auto_collapse`]): then the window adopts these.
 */
collapsed: Array<string>, 
/**
 * Organisation view: the direction drawn, which "auto" chose; other views: the
 * request's.
 */
direction: DirectionChoice, 
/**
 * Organisation view: whether the drawing is compact (which "auto" chose).
 */
compact: boolean, 
/**
 * Organisation view: how many levels the whole tree has (what "fold to level"
 * can ask for), folded or not; 0 in the other views.
 */
levels: number, 
/**
 * Presenting: the step drawn, when the request named a tour.
 */
step?: StepInfo, 
/**
 * Presenting: the step as its slide, the very SVG `export-tour` writes (title
 * band, the diagram as the camera frames it, the caption). The window shows this
 * on the projector, so the room sees exactly the slide; `svg` (the whole step) is
 * what the camera glides over between two framings of one view.
 */
slide?: string, 
/**
 * Presenting: the part of `svg` the slide's diagram area shows (its `viewBox`), which
 * the camera glides between.
 */
slide_frame?: CameraBox, };

export type Geometry = { cards: Array<CardBox>, edges: Array<EdgeBox>, 
/**
 * The `i`th `g.edge-label` of the SVG is in the `i`th box.
 */
labels: Array<Bounds>, colours: Colours, };

export type CardBox = { id: string, bounds: Bounds, 
/**
 * Organisation view: how many units are folded under it (drawn as "+N").
 */
folded?: number, 
/**
 * The view's subject (the relationship map's focal card).
 */
emphasis: boolean, };

export type EdgeBox = { from: string, to: string, 
/**
 * A relation's kind id; empty for the tree's and the flow's own lines.
 */
kind: string, bounds: Bounds, 
/**
 * The route's corners, x and y in turn.
 */
points: Array<number>, };

export type Bounds = { x: number, y: number, w: number, h: number, };

export type Colours = { card: string, border: string, line: string, };

export type StepInfo = { 
/**
 * The tour's id.
 */
tour: string, 
/**
 * The tour's title.
 */
title: Text, 
/**
 * 0-based; the progress reads `index + 1` / `count`.
 */
index: number, count: number, 
/**
 * The view the step shows.
 */
view: View, caption: Text, 
/**
 * Presenter notes.
 */
notes?: Text, 
/**
 * The next step's caption; absent on the last step.
 */
next_caption?: Text, 
/**
 * Ids of the spotlit cards (every other card is dimmed; none when empty).
 */
spotlight: Array<string>, 
/**
 * What to frame, in diagram units.
 */
camera: CameraBox, 
/**
 * The passage of the source the step rests on.
 */
source?: Passage, };

export type CameraBox = { x: number, y: number, w: number, h: number, };

export type TourSummary = { id: string, title: Text, description?: Text, 
/**
 * How many steps it has.
 */
steps: number, };

export type TourExportRequest = { 
/**
 * The tour's id.
 */
tour: string, lang: Lang, 
/**
 * PNG height in px: 1080 (1920x1080) or 2160 (3840x2160). The PDF is vector.
 */
size: number, 
/**
 * PNG (one file per step) or PDF (one page per step).
 */
format: SlideFormat, 
/**
 * The projector's by default.
 */
theme?: Theme, };

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
children: number, 
/**
 * The same relationships grouped by kind, kinds in the dataset's order.
 */
relation_groups: Array<RelationGroup>, 
/**
 * Career moves into the item, in file order.
 */
transitions_in: Array<CareerStep>, 
/**
 * Career moves out of the item, in file order.
 */
transitions_out: Array<CareerStep>, 
/**
 * Further facts as "name: value" lines, in file order (a CSV file's other columns).
 */
attributes: Array<Attribute>, };

export type Attribute = { name: string, value: string, };

export type RelationGroup = { 
/**
 * The relation kind's id.
 */
kind: string, 
/**
 * The kind's label, e.g. "質問する" / "asks questions of".
 */
label: Text, items: Array<RelationItem>, };

export type RelationItem = { 
/**
 * The other end.
 */
id: string, label: Text, 
/**
 * The item is the relation's `from`.
 */
outgoing: boolean, 
/**
 * The relation's own label, or its kind's.
 */
text: Text, };

export type ExportRequest = { view: ViewRequest, format: Format, 
/**
 * PNG pixel scale, 0.25 to 4 (the largest that fits the pixel limits up to this
 * is used).
 */
scale: number, 
/**
 * PNG: fit into a box instead of `scale`: "1920x1080", "4k", "a4", … (any size,
 * so text; see `Fit::parse`).
 */
fit?: string, 
/**
 * PDF: the paper; absent for a page the drawing's size (small drawings) or A4
 * tiles (large ones).
 */
paper?: PaperSize, background: Background, };

export type ExportSaved = { path: string, 
/**
 * In both languages: the window shows its own.
 */
summary: Text, note: Text | null, };

export type SearchHit = { id: string, label: Text, 
/**
 * What the item is, e.g. "部門" / "Department", or "対応の手順" / "Step".
 */
kind: Text, 
/**
 * Where the query matched: "label" (a node's label or short name), "step" (a
 * flow step's label), "title" or "description".
 */
field: string, 
/**
 * The matched text in the language it matched in, trimmed to about 60
 * characters around the match ("…" marks a cut).
 */
snippet: string, 
/**
 * The views that draw a card with this id under their default options: "org",
 * "relationships" (the map around its default centre; any node can be put at the
 * centre with `ViewRequest::focus`), "career", "flow".
 */
views: Array<string>, };

export type NodeEntry = { id: string, label: Text, 
/**
 * What the node is, e.g. "部門" / "Department".
 */
kind: Text, 
/**
 * The views that draw it, as in [`SearchHit::views`].
 */
views: Array<string>, };

export type PathsResult = { 
/**
 * A shortest path; the first by ids when several are as short. `None` when the
 * two are not connected.
 */
shortest?: NodePath, 
/**
 * Other simple paths of at most `max_len` links, by length, then by ids.
 */
others: Array<NodePath>, 
/**
 * More paths within `max_len` existed than were returned.
 */
truncated: boolean, };

export type PathPair = { from: string, to: string, };

export type NodePath = { nodes: Array<string>, steps: Array<PathStep>, };

export type PathStep = { from: string, to: string, from_label: Text, to_label: Text, 
/**
 * "hierarchy", or the relation kind's id.
 */
kind: string, 
/**
 * The link as read in the direction walked: "の一部" / "is part of" and
 * "を含む" / "contains" for the hierarchy; a relation's label (or its kind's).
 */
text: Text, 
/**
 * Walked in the link's own direction: child to parent for the hierarchy (as the
 * file writes it), `from` to `to` for a relation.
 */
forward: boolean, };

export type CareerRoutes = { 
/**
 * Shortest first, then by the ids along the way.
 */
routes: Array<CareerRoute>, 
/**
 * More routes existed than were returned.
 */
truncated: boolean, };

export type CareerRoute = { steps: Array<CareerStep>, };

export type CareerStep = { from: string, to: string, from_label: Text, to_label: Text, kind: TransitionKind, 
/**
 * e.g. "昇進" / "Promotion".
 */
kind_label: Text, 
/**
 * Labels of what the move builds, in the dataset's capability order.
 */
builds: Array<Text>, 
/**
 * The track the move leads into (or stays on), if any.
 */
track?: Text, illustrative: boolean, 
/**
 * The move's own text (its `label` in the file), e.g. "合格後、一年目から問い合わせ対応".
 */
description?: Text, };

export type Place = { id: string, label: Text, track?: Text, illustrative: boolean, };

export type TrackColumn = { id: string, label: Text, description?: Text, 
/**
 * In order along the track.
 */
stages: Array<TrackStage>, };

export type TrackStage = { id: string, label: Text, description?: Text, illustrative: boolean, 
/**
 * What the moves into this stage build.
 */
builds: Array<Text>, };

export type EdgeDetails = { from: string, to: string, from_label: Text, to_label: Text, 
/**
 * Hierarchy first, then relations, then career moves, each in file order; or the
 * flow links between two steps.
 */
items: Array<EdgeItem>, };

export type EdgeItem = { 
/**
 * "hierarchy", a relation kind's id, "transition", or a flow link's "next" or
 * "branch".
 */
kind: string, 
/**
 * The link read from `EdgeDetails::from` to `EdgeDetails::to` when `forward`,
 * else the other way: e.g. "is part of", a relation's label, a move's kind.
 */
label: Text, 
/**
 * Runs from `EdgeDetails::from` to `EdgeDetails::to`.
 */
forward: boolean, description?: Text, source?: Passage, };

export type Code = "io" | "too-large" | "too-long" | "encoding" | "syntax" | "shape" | "format" | "missing" | "missing-text" | "bad-id" | "duplicate-id" | "unknown-id" | "self-loop" | "cycle" | "duplicate-edge" | "header" | "empty" | "bad-value" | "not-in-view" | "photo";

export type Severity = "error" | "warning" | "notice";

export type Location = { 
/**
 * The file the problem is in, when it is not the report's own file: a relations
 * CSV opened beside a nodes CSV, or the CSV files a manifest names. The window
 * groups problems by it.
 */
file?: string, 
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
message: Text, at: Location, 
/**
 * What to do about it, in the window's words.
 */
hint: Text, 
/**
 * Left out of JSON for errors, so the reports of refused files read as before.
 */
severity?: Severity, };

export type Report = { 
/**
 * The file as the user named it.
 */
file: string, problems: Array<Problem>, };

export type Encoding = "auto" | "utf8" | "utf16" | "shift_jis";

export type LoadOptions = { encoding: Encoding, 
/**
 * Field → header text, e.g. `("parent", "ManagerID")`; later entries win. Fields:
 * id, parent, name, name_en, first_name, last_name, title, title_en, group,
 * group_id, photo, kind, description, description_en, illustrative;
 * `relations.` + source, target,
 * kind, label, label_en, description, description_en, illustrative for the
 * relations file.
 */
map: Array<[string, string]>, 
/**
 * A relations CSV opened together with a nodes CSV (replaces a manifest's).
 */
relations?: string, };

export type CsvHeader = { 
/**
 * The nodes file (for a manifest, the file it names).
 */
file: string, 
/**
 * The header row, in order.
 */
columns: Array<string>, 
/**
 * Every field orgpath reads, in a fixed order.
 */
fields: Array<FieldGuess>, 
/**
 * The encoding the file was read as.
 */
encoding: Encoding, 
/**
 * Why the file does not open as it is: a required field without a column, or two
 * columns that look like the same field. Empty when it would open.
 */
problems: Array<Problem>, };

export type FieldGuess = { 
/**
 * The field's name, as `--map` writes it (`parent`, `name_en`).
 */
field: string, 
/**
 * The file does not open without it (`name` is also satisfied by `first_name` or
 * `last_name`).
 */
required: boolean, 
/**
 * The header of the column recognised or mapped for it.
 */
column?: string, 
/**
 * The column was chosen by the map, not recognised by its name.
 */
mapped: boolean, 
/**
 * What the field holds, for the mapping step.
 */
label: Text, };

// Every value of each closed set, in Rust's order.
export const VIEWS: readonly View[] = ["org", "relationships", "career", "flow"] as const;
export const LANGS: readonly Lang[] = ["ja", "en"] as const;
export const THEMES: readonly Theme[] = ["light", "dark", "projector"] as const;
export const BACKGROUNDS: readonly Background[] = ["theme", "white", "transparent"] as const;
export const FORMATS: readonly Format[] = ["svg", "png", "pdf"] as const;
export const SLIDE_FORMATS: readonly SlideFormat[] = ["png", "pdf"] as const;
export const PAPER_SIZES: readonly PaperSize[] = ["a4", "a3", "a2", "a1", "letter", "legal", "tabloid"] as const;
export const DIRECTIONS: readonly DirectionChoice[] = ["auto", "td", "lr", "bu", "rl"] as const;

// Where lines break (orgpath_draw::font): characters that may not start a line,
// that may not end one, and the ranges of the scripts set without spaces.
export const NO_LINE_START: string = "!),.:;?]}»‐’”、。々〉》」』】〕〗〙〜〟〻ぁぃぅぇぉっゃゅょゎゕゖゝゞ゠ァィゥェォッャュョヮヵヶ・ーヽヾ！），．：；？］｝～｠";
export const NO_LINE_END: string = "([{«‘“〈《「『【〔〖〘〝（［｛｟";
export const UNSPACED: readonly (readonly [number, number])[] = [[0x3000, 0x30FF], [0x3400, 0x4DBF], [0x4E00, 0x9FFF], [0xF900, 0xFAFF], [0xFF00, 0xFFEF]];
