//! The orgpath JSON format: serde's line and column for syntax and shape errors, and
//! a pointer index that places validation problems in the text.

use crate::graph::Dataset;
use crate::locate::PointerIndex;
use crate::model::RawDataset;
use crate::problem::{Code, Location, Problem, Report};
use crate::validate::{validate, Locate};

use super::decode::decode_utf8;

/// Parses the orgpath JSON format without validating it.
pub fn parse_json(bytes: &[u8], file: &str) -> Result<RawDataset, Report> {
    parse_as(bytes, file)
}

/// Parses any JSON document type with the same positions and wording as a dataset.
pub(super) fn parse_as<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    file: &str,
) -> Result<T, Report> {
    let text = decode_utf8(bytes).map_err(|p| Report::single(file, *p))?;
    if let Some(problem) = not_an_object(text) {
        return Err(Report::single(file, problem));
    }
    // Most files are well formed: parse them at full speed, and only on an error parse
    // again with serde_path_to_error to learn where (it costs about 7% of a large load).
    if let Ok(value) = serde_json::from_str::<T>(text) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        Report::single(file, json_problem(text, &path, e.into_inner()))
    })?;
    // Trailing characters after the document are a syntax error too.
    de.end()
        .map_err(|e| Report::single(file, json_problem(text, ".", e)))?;
    Ok(value)
}

/// An empty file, or a document that is not an object (`[…]`, a string), said plainly:
/// serde would otherwise read an array as a struct's fields in order and complain about
/// its first element.
fn not_an_object(text: &str) -> Option<Problem> {
    let start = text.trim_start();
    if start.is_empty() {
        return Some(Problem::new(
            Code::Empty,
            Location::line_column(1, 1),
            "the file is empty",
            "an orgpath file is one JSON object: {\"format\": \"orgpath/1\", \"meta\": …, \"nodes\": […]}; see data/orgpath.json",
        ));
    }
    let what = match start.as_bytes()[0] {
        b'{' | b'/' | b'\'' => return None, // an object, or a syntax error said later
        b'[' => "an array ([…])",
        b'"' => "a string",
        b't' | b'f' => "true or false",
        b'n' => "null",
        b'-' | b'0'..=b'9' => "a number",
        _ => return None,
    };
    let offset = text.len() - start.len();
    let line = text[..offset].matches('\n').count() + 1;
    let column = text[..offset].rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some(Problem::new(
        Code::Shape,
        Location {
            pointer: Some(String::new()),
            ..Location::line_column(u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(column).unwrap_or(u32::MAX))
        },
        format!("the document is {what}, not an object"),
        "an orgpath file is one JSON object: {\"format\": \"orgpath/1\", \"meta\": …, \"nodes\": […]}; see data/orgpath.json",
    ))
}

/// The hint for a syntax error, from what stands at its position: JSON's usual
/// surprises (comments, single quotes, a trailing comma) get a hint of their own.
fn syntax_hint(text: &str, line: usize, column: usize) -> &'static str {
    let at_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let rest: String = at_line.chars().skip(column.saturating_sub(1)).collect();
    let rest = rest.trim_start();
    if rest.starts_with("//") || rest.starts_with("/*") {
        "JSON has no comments: remove the comment, or put the note in a \"description\""
    } else if rest.starts_with('\'') {
        "JSON strings and names are in double quotes (\"…\"), not single quotes"
    } else if rest.starts_with(',') || rest.starts_with('}') || rest.starts_with(']') {
        "look for a comma too many just before this position (JSON allows no trailing comma), or a value left out"
    } else {
        "look just before this position for a missing comma, quote or bracket, or a trailing comma"
    }
}

fn json_problem(text: &str, path: &str, inner: serde_json::Error) -> Problem {
    let at = Location::line_column(
        u32::try_from(inner.line()).unwrap_or(u32::MAX),
        u32::try_from(inner.column()).unwrap_or(u32::MAX),
    );
    // serde_json appends " at line L column C"; the location says that already.
    let message = inner.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m)
        .to_owned();
    use serde_json::error::Category;
    match inner.classify() {
        Category::Syntax => Problem::new(
            Code::Syntax,
            at,
            format!("not valid JSON: {message}"),
            syntax_hint(text, inner.line(), inner.column()),
        ),
        Category::Eof => Problem::new(
            Code::Syntax,
            // serde puts the end of a file after its last line's last character (column
            // 0 on an empty last line); the last character is where to look.
            end_of(text),
            format!("not valid JSON: the file ends in the middle ({message})"),
            "the file may be cut short (a copy or a save interrupted); otherwise look for a bracket or quote that is never closed",
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

/// The line and column of a text's last character.
fn end_of(text: &str) -> Location {
    let body = text.trim_end();
    let line = body.matches('\n').count() + 1;
    let column = body.rsplit('\n').next().map_or(0, |l| l.chars().count()).max(1);
    Location::line_column(u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(column).unwrap_or(u32::MAX))
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

/// Places pointers in a JSON text.
pub(super) struct JsonLocator<'a>(pub(super) PointerIndex<'a>);

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
            ..Location::default()
        }
    }
}

/// Parses and validates the orgpath JSON format.
pub fn load_json(bytes: &[u8], file: &str) -> Result<Dataset, Report> {
    let raw = parse_json(bytes, file)?;
    let text = decode_utf8(bytes).map_err(|p| Report::single(file, *p))?;
    validate(&raw, &JsonLocator(PointerIndex::new(text))).map_err(|problems| Report {
        file: file.to_owned(),
        problems,
    })
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
