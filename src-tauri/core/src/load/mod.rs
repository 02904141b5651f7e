//! Bytes to a validated [`Dataset`]: JSON (the orgpath format) and CSV (basic form).
//!
//! Loading keeps positions: serde's line and column for syntax and shape errors, a
//! pointer index for validation problems in JSON, and each field's row and column
//! for CSV, so every problem says where it is.

use std::collections::HashMap;
use std::path::Path;

use crate::graph::Dataset;
use crate::locate::PointerIndex;
use crate::model::*;
use crate::problem::{Code, Location, Problem, Report};
use crate::validate::{validate, Locate};

/// Files above this size are refused before reading: a dataset meant for a diagram is
/// kilobytes, and a 200 MB file is almost surely the wrong file.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// What a file holds, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Json,
    Csv,
}

impl FileKind {
    pub fn of(path: &Path) -> FileKind {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") => FileKind::Csv,
            _ => FileKind::Json,
        }
    }
}

/// Reads and validates a JSON or CSV file (chosen by extension).
pub fn load_file(path: &Path) -> Result<Dataset, Report> {
    let name = path.display().to_string();
    let io_problem = |e: std::io::Error| {
        let hint = match e.kind() {
            std::io::ErrorKind::NotFound => {
                "check the path; relative paths start from the current folder"
            }
            std::io::ErrorKind::PermissionDenied => "check that you may read this file",
            _ => "check that the path names a readable file",
        };
        Report::single(
            &name,
            Problem::new(
                Code::Io,
                Location::default(),
                format!("cannot read the file: {e}"),
                hint,
            ),
        )
    };
    let meta = std::fs::metadata(path).map_err(io_problem)?;
    if meta.is_dir() {
        return Err(Report::single(
            &name,
            Problem::new(
                Code::Io,
                Location::default(),
                "this is a folder, not a file",
                "name a .json or .csv file",
            ),
        ));
    }
    if meta.len() > MAX_BYTES {
        return Err(Report::single(
            &name,
            Problem::new(
                Code::TooLarge,
                Location::default(),
                format!("the file is {} MB; orgpath loads files up to {} MB", meta.len() / (1024 * 1024), MAX_BYTES / (1024 * 1024)),
                "check that this is the right file; an organisation of thousands of units is a few MB",
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(io_problem)?;
    match FileKind::of(path) {
        FileKind::Json => load_json(&bytes, &name),
        FileKind::Csv => load_csv(&bytes, &name),
    }
}

/// Strips a UTF-8 byte-order mark and checks the encoding.
fn decode<'b>(bytes: &'b [u8], file: &str) -> Result<&'b str, Report> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        Report::single(
            file,
            Problem::new(
                Code::Encoding,
                Location::line_column(line as u32, column as u32),
                "the file is not UTF-8 text (nor, for a CSV file, UTF-16 or Shift_JIS)",
                "save it as UTF-8 (in Excel: \"CSV UTF-8\"; in an editor: encoding UTF-8)",
            ),
        )
    })
}

/// Decodes a CSV file. Spreadsheets save CSV in more encodings than JSON allows:
/// UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark (Excel's
/// "Unicode text"), and, in Japan, Shift_JIS / CP932 (Excel's plain "CSV"). A file
/// that is valid UTF-8 is read as UTF-8; one that is not, but is valid Shift_JIS
/// (Windows-31J, as encoding_rs defines it), is read as that. Anything else is an
/// error at the first byte that is not UTF-8.
fn decode_csv<'b>(bytes: &'b [u8], file: &str) -> Result<std::borrow::Cow<'b, str>, Report> {
    use std::borrow::Cow;
    for (bom, encoding) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return encoding
                .decode_without_bom_handling_and_without_replacement(rest)
                .ok_or_else(|| {
                    Report::single(
                        file,
                        Problem::new(
                            Code::Encoding,
                            Location::default(),
                            format!(
                                "the file starts as {} text but is not valid {} throughout",
                                encoding.name(),
                                encoding.name()
                            ),
                            "save it again as UTF-8 (in Excel: \"CSV UTF-8\")",
                        ),
                    )
                });
        }
    }
    match decode(bytes, file) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(not_utf8) => encoding_rs::SHIFT_JIS
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or(not_utf8),
    }
}

/// Parses the orgpath JSON format without validating it.
pub fn parse_json(bytes: &[u8], file: &str) -> Result<RawDataset, Report> {
    let text = decode(bytes, file)?;
    let mut de = serde_json::Deserializer::from_str(text);
    let raw: RawDataset = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        Report::single(file, json_problem(&path, e.into_inner()))
    })?;
    // Trailing characters after the document are a syntax error too.
    de.end()
        .map_err(|e| Report::single(file, json_problem(".", e)))?;
    Ok(raw)
}

fn json_problem(path: &str, inner: serde_json::Error) -> Problem {
    let at = Location::line_column(inner.line() as u32, inner.column() as u32);
    // serde_json appends " at line L column C"; the location says that already.
    let message = inner.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m)
        .to_owned();
    use serde_json::error::Category;
    match inner.classify() {
        Category::Syntax | Category::Eof => Problem::new(
            Code::Syntax,
            at,
            format!("not valid JSON: {message}"),
            "look just before this position for a missing comma, quote or bracket, or a trailing comma",
        ),
        Category::Io => Problem::new(Code::Io, at, message, "check that the file is readable"),
        Category::Data => {
            let pointer = if path == "." { String::new() } else { to_pointer(path) };
            Problem::new(
                Code::Shape,
                Location { pointer: Some(pointer), ..at },
                message,
                "compare this value with the format in data/schema.json (field names, value types, allowed words)",
            )
        }
    }
}

/// serde_path_to_error writes `nodes[3].label`; problems use JSON pointers.
fn to_pointer(path: &str) -> String {
    let mut out = String::new();
    for seg in path.split('.') {
        let (name, rest) = seg.split_once('[').map_or((seg, ""), |(n, r)| (n, r));
        if !name.is_empty() && name != "?" {
            out.push('/');
            out.push_str(&crate::locate::escape_token(name));
        }
        for idx in rest.split('[') {
            let idx = idx.trim_end_matches(']');
            if !idx.is_empty() {
                out.push('/');
                out.push_str(idx);
            }
        }
    }
    out
}

struct JsonLocator<'a>(PointerIndex<'a>);

impl Locate for JsonLocator<'_> {
    fn locate(&self, pointer: &str) -> Location {
        let (line, column) = self
            .0
            .locate(pointer)
            .map_or((None, None), |(l, c)| (Some(l), Some(c)));
        Location {
            pointer: Some(pointer.to_owned()),
            line,
            column,
            field: None,
        }
    }
}

/// Parses and validates the orgpath JSON format.
pub fn load_json(bytes: &[u8], file: &str) -> Result<Dataset, Report> {
    let raw = parse_json(bytes, file)?;
    let text = decode(bytes, file)?;
    validate(&raw, &JsonLocator(PointerIndex::new(text))).map_err(|problems| Report {
        file: file.to_owned(),
        problems,
    })
}

/// The CSV columns orgpath reads. `id`, `parent` and `name` are required.
pub const CSV_COLUMNS: [&str; 8] = [
    "id",
    "parent",
    "name",
    "name_en",
    "title",
    "group",
    "description",
    "kind",
];

/// Where each CSV-made value came from, by pointer.
struct CsvLocator {
    at: HashMap<String, Location>,
}

impl Locate for CsvLocator {
    fn locate(&self, pointer: &str) -> Location {
        let mut p = pointer;
        loop {
            if let Some(loc) = self.at.get(p) {
                return loc.clone();
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return Location::default(),
            }
        }
    }
}

/// Parses a CSV file of the basic form into the raw model, with where each value came
/// from.
fn parse_csv(text: &str, file: &str) -> Result<(RawDataset, CsvLocator), Report> {
    let mut problems = Vec::new();
    if let Some(line) = unterminated_quote(text) {
        return Err(Report::single(
            file,
            Problem::new(
                Code::Syntax,
                Location::line_column(line, 1),
                format!("not valid CSV: the quoted field that opens on line {line} is never closed"),
                "close the field with a double quote; a quote inside a field is written twice (\"\")",
            ),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let csv_error = |e: csv::Error| {
        let line = e.position().map_or(1, |p| p.line() as u32);
        Problem::new(Code::Syntax, Location::line_column(line, 1), format!("not valid CSV: {e}"), "check the quoting on this line: a field with a comma or line break must be in double quotes, and a quote inside it doubled (\"\")")
    };
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(Report::single(file, csv_error(e))),
    };
    let mut col: HashMap<&str, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        let name = h.trim().to_ascii_lowercase();
        let Some(known) = CSV_COLUMNS.iter().find(|c| **c == name) else {
            continue;
        };
        if col.insert(known, i).is_some() {
            problems.push(Problem::new(
                Code::Header,
                Location {
                    line: Some(1),
                    column: Some(i as u32 + 1),
                    field: Some(h.to_owned()),
                    pointer: None,
                },
                format!("column \"{name}\" appears twice in the header"),
                "keep one column of each name",
            ));
        }
    }
    for required in ["id", "parent", "name"] {
        if !col.contains_key(required) {
            problems.push(Problem::new(
                Code::Header,
                Location { line: Some(1), column: None, field: Some(required.to_owned()), pointer: None },
                format!("the header has no \"{required}\" column (found: {})", headers.iter().collect::<Vec<_>>().join(", ")),
                "the first row must name the columns: id,parent,name (optional: name_en,title,group,description,kind)",
            ));
        }
    }
    if !problems.is_empty() {
        return Err(Report {
            file: file.to_owned(),
            problems,
        });
    }

    let mut raw = RawDataset {
        format: FORMAT.to_owned(),
        ..RawDataset::default()
    };
    let title = Path::new(file)
        .file_stem()
        .map_or_else(|| file.to_owned(), |s| s.to_string_lossy().into_owned());
    raw.meta.title = RawText::new(title.clone(), title);
    let mut at: HashMap<String, Location> = HashMap::new();
    let mut groups: Vec<String> = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(csv_error(e));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as u32);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue; // blank lines that spreadsheets leave at the end
        }
        let i = raw.nodes.len();
        let field_loc = |name: &str| {
            let c = col.get(name).copied();
            Location {
                pointer: None,
                line: Some(line),
                column: c.map(|c| c as u32 + 1),
                field: Some(name.to_owned()),
            }
        };
        let get = |name: &str| {
            col.get(name)
                .and_then(|&c| record.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let id = get("id").unwrap_or_default();
        let name = get("name");
        let name_en = get("name_en");
        let kind_text = get("kind");
        let kind = match kind_text.as_deref() {
            None => Some(if get("title").is_some() {
                NodeKind::Role
            } else {
                NodeKind::Team
            }),
            Some(k) => match serde_json::from_value::<NodeKind>(serde_json::Value::String(
                k.to_ascii_lowercase(),
            )) {
                Ok(k) => Some(k),
                Err(_) => {
                    problems.push(Problem::new(
                        Code::Shape,
                        field_loc("kind"),
                        format!("row {line}: unknown kind \"{k}\""),
                        "use one of organisation, department, team, role, external, career_stage, or leave it empty",
                    ));
                    None
                }
            },
        };
        let group = get("group");
        if let Some(g) = &group {
            if !groups.contains(g) {
                groups.push(g.clone());
            }
        }
        let base = format!("/nodes/{i}");
        at.insert(
            base.clone(),
            Location {
                line: Some(line),
                column: Some(1),
                ..Location::default()
            },
        );
        at.insert(format!("{base}/id"), field_loc("id"));
        at.insert(format!("{base}/label"), field_loc("name"));
        at.insert(format!("{base}/kind"), field_loc("kind"));
        at.insert(format!("{base}/group"), field_loc("group"));
        at.insert(format!("{base}/title"), field_loc("title"));
        at.insert(format!("{base}/description"), field_loc("description"));
        // A row without an id is reported once, as such, not again for each parent.
        if let Some(parents) = get("parent").filter(|_| !id.is_empty()) {
            for parent in parents.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                let h = format!("/hierarchy/{}", raw.hierarchy.len());
                at.insert(h.clone(), field_loc("parent"));
                at.insert(format!("{h}/child"), field_loc("id"));
                raw.hierarchy.push(RawHierarchyEdge {
                    child: id.clone(),
                    parent: parent.to_owned(),
                    kind: HierarchyKind::PartOf,
                    source: None,
                });
            }
        }
        // The basic form has one name column: a name given in one language stands for
        // both, so a plain list of names loads without a second column.
        let en = name_en.clone().or_else(|| name.clone());
        let ja = name.clone().or(name_en);
        raw.nodes.push(RawNode {
            id,
            kind: kind.or(Some(NodeKind::Team)),
            label: RawText { ja, en },
            title: get("title").map(|t| RawText::new(t.clone(), t)),
            description: get("description").map(|d| RawText::new(d.clone(), d)),
            group,
            ..RawNode::default()
        });
    }
    raw.groups = groups
        .into_iter()
        .map(|g| RawGroup {
            id: g.replace(char::is_whitespace, "-"),
            label: RawText::new(g.clone(), g),
            description: None,
        })
        .collect();
    for n in &mut raw.nodes {
        if let Some(g) = &mut n.group {
            *g = g.replace(char::is_whitespace, "-");
        }
    }
    if !problems.is_empty() {
        return Err(Report {
            file: file.to_owned(),
            problems,
        });
    }
    Ok((raw, CsvLocator { at }))
}

/// The line where a quoted field opens and never closes, if one does. The csv crate
/// reads such a field to the end of the file without complaint, which would silently
/// swallow every row after it.
fn unterminated_quote(text: &str) -> Option<u32> {
    let mut line = 1u32;
    let mut open_line = None;
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        match (open_line, c) {
            (None, '"') if at_field_start => open_line = Some(line),
            (Some(_), '"') => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    open_line = None;
                }
            }
            (_, '\n') => line += 1,
            _ => {}
        }
        if open_line.is_none() {
            at_field_start = matches!(c, ',' | '\n' | '\r');
        }
    }
    open_line
}

/// Parses and validates a CSV file of the basic form: a header row naming `id`,
/// `parent` and `name` (optional `name_en`, `title`, `group`, `description`, `kind`);
/// `parent` may list several ids separated by `;`; an empty parent makes a root.
pub fn load_csv(bytes: &[u8], file: &str) -> Result<Dataset, Report> {
    let text = decode_csv(bytes, file)?;
    let (raw, locator) = parse_csv(&text, file)?;
    validate(&raw, &locator).map_err(|problems| Report {
        file: file.to_owned(),
        problems: problems.into_iter().map(csv_wording).collect(),
    })
}

/// Validation speaks of nodes and pointers; a CSV user thinks in rows and columns.
fn csv_wording(mut p: Problem) -> Problem {
    if let Some(line) = p.at.line {
        p.message = format!("row {line}: {}", p.message);
    }
    p.at.pointer = None;
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_to_pointer() {
        assert_eq!(to_pointer("nodes[3].label"), "/nodes/3/label");
        assert_eq!(
            to_pointer("career.transitions[0].kind"),
            "/career/transitions/0/kind"
        );
        assert_eq!(to_pointer("a[1][2]"), "/a/1/2");
    }
}
