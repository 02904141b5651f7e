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
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        Report::single(file, json_problem(&path, e.into_inner()))
    })?;
    // Trailing characters after the document are a syntax error too.
    de.end()
        .map_err(|e| Report::single(file, json_problem(".", e)))?;
    Ok(value)
}

fn json_problem(path: &str, inner: serde_json::Error) -> Problem {
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
