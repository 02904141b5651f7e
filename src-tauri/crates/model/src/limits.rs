//! How big a dataset orgpath takes, in one place.
//!
//! Each limit is far above any real organisation (the largest charts people draw have
//! tens of thousands of units a few dozen levels deep) and low enough that a file
//! past it is refused with a message saying which limit, rather than taking minutes
//! or all of memory. Everything below a limit is handled without recursion, so the
//! stack is never the limit: a 100,000-level chain loads and draws on a 256 KB stack.
//!
//! | what                          | limit                         | checked by            |
//! |-------------------------------|-------------------------------|-----------------------|
//! | file size                     | [`MAX_BYTES`] (32 MB)         | `load::read_capped`, while reading |
//! | JSON nesting                  | 128 levels                    | serde_json, as syntax |
//! | nodes (CSV rows)              | [`MAX_NODES`]                 | before reading: CSV rows counted, JSON lists scanned; validation |
//! | links (hierarchy, relations, career moves) | [`MAX_LINKS`]    | as nodes (a CSV parent cell is counted before its links are kept); validation |
//! | items of any other JSON list  | [`MAX_NODES`]                 | before parsing, as nodes |
//! | CSV columns                   | [`MAX_COLUMNS`]               | the header row, before its columns are matched |
//! | hierarchy depth               | [`MAX_DEPTH`] levels          | validation            |
//! | problems listed in a report   | [`MAX_PROBLEMS`]              | validation            |
//! | a label, title or name        | [`MAX_NAME_CHARS`] characters | validation            |
//! | a description, caption, note or quote | [`MAX_TEXT_CHARS`] characters | validation    |

/// Files above this size are refused (before reading when their size says so, else as
/// the read passes it: see `file::read_capped`): a dataset meant for a diagram is
/// kilobytes, and a 200 MB file is almost surely the wrong file.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// The most nodes a dataset may have. A CSV row is a node, so this is also the row
/// limit. A million is fifty times the size at which a chart opens folded
/// (`window::OPEN_WHOLE_UP_TO`); a 32 MB CSV of bare `id,parent,name` rows could hold
/// several million, which would take gigabytes to validate and lay out.
pub const MAX_NODES: usize = 1_000_000;

/// The most links (hierarchy edges, relations and career moves together). A CSV row
/// may list many parents, so links are bounded apart from nodes: two per node on
/// average is far more than matrix organisations have.
pub const MAX_LINKS: usize = 2 * MAX_NODES;

/// The most levels the hierarchy may have, counted along its longest parent-to-child
/// path (a lone root is one level). Real organisations have a few dozen; a deeper
/// "hierarchy" is almost always a mistake, such as every row naming the row above it
/// as its parent. Traversals are iterative, so this is not a stack limit: it bounds
/// the drawing, whose unfolded export puts one card per level side by side (at this
/// limit, a picture millions of pixels long).
pub const MAX_DEPTH: usize = 100_000;

/// A report lists at most this many problems; the rest are counted in a closing line.
/// Someone fixing a file works from the top, and a file with a shifted column can
/// produce one problem per row: listing a hundred thousand of them (each located and
/// each with a "did you mean" hint) would take longer than it helps.
pub const MAX_PROBLEMS: usize = 500;

/// Unknown ids get a "did you mean" hint, which compares the id with every known id,
/// for this many problems; later ones list a few known ids instead. Bounded so a file
/// of 100,000 rows with 100,000 bad references is still checked in well under a second.
pub const MAX_SUGGESTIONS: usize = 50;

/// The longest label, title or name (of a node, group, relation, kind, track,
/// capability, flow, step, tour, the dataset...), in characters, not bytes. A card
/// shows at most three lines of about 16 Japanese or 28 Latin characters and ends the
/// rest with "…"; even long official unit names run to a few dozen characters. 500 is
/// several times a card's worth, room for a whole sentence pasted by mistake. A name
/// is measured, wrapped and searched wherever its item appears, so a file of
/// 100,000-character names would be slow to open however well each step scales;
/// longer text belongs in a description.
pub const MAX_NAME_CHARS: usize = 500;

/// The longest description, caption, speaker note, quoted passage or attribute value,
/// in characters. These are read in the details panel, a tooltip or a slide's notes:
/// 10,000 characters is about four printed pages, more than any of those can show,
/// while a file of them still validates and searches in well under a second.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// The most columns a CSV file may have. Every column orgpath does not read becomes a
/// line in each card's details panel, so a few dozen is already a long panel; HR
/// exports have tens of columns, the widest a few hundred. Checked on the header row
/// before any work per column (matching names, building attributes), so a header of
/// a million columns is refused at once rather than after minutes of matching.
pub const MAX_COLUMNS: usize = 1_000;
