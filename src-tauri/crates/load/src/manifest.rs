//! A manifest: a small JSON file (`"format": "orgpath-csv/1"`) that names a nodes CSV
//! file, an optional relations CSV file, their encoding and column map, and the
//! dataset's title, so a folder of exports opens as one dataset with one click.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use orgpath_model::locate::{escape_token, PointerIndex};
use orgpath_model::problem::{shown, Code, Problem, Report};
use orgpath_model::raw::RawText;

use super::columns::canonical_key;
use super::decode::{decode_utf8, Encoding};
use super::json::{parse_as, JsonLocator};
use super::LoadOptions;
use crate::validate::Locate as _;

/// The format tag of a manifest.
pub const MANIFEST_FORMAT: &str = "orgpath-csv/1";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(rename = "$schema", default)]
    #[allow(dead_code)] // accepted for editors, not used
    schema: Option<String>,
    #[serde(default)]
    #[allow(dead_code)] // checked before the manifest is parsed
    format: String,
    #[serde(default)]
    nodes: Option<String>,
    #[serde(default)]
    relations: Option<String>,
    #[serde(default)]
    encoding: Option<String>,
    #[serde(default)]
    map: BTreeMap<String, String>,
    #[serde(default)]
    title: Option<RawText>,
}

/// What a manifest resolves to: the files to read and how.
pub(super) struct Plan {
    pub nodes: PathBuf,
    pub relations: Option<PathBuf>,
    pub encoding: Encoding,
    pub map: Vec<(String, String)>,
    pub title: Option<RawText>,
}

/// Reads a manifest and checks that the files it names can be read; `options` from
/// the command line or the window win over the manifest's (the map adds to it).
pub(super) fn plan(path: &Path, bytes: &[u8], options: &LoadOptions) -> Result<Plan, Report> {
    let name = path.display().to_string();
    let manifest: Manifest = parse_as(bytes, &name)?;
    let text = decode_utf8(bytes).map_err(|p| Report::single(&name, *p))?;
    let locator = JsonLocator(PointerIndex::new(text));
    let at = |pointer: &str| locator.locate(pointer);
    let mut problems = Vec::new();

    let encoding = match manifest.encoding.as_deref().map(str::parse::<Encoding>) {
        None => Encoding::Auto,
        Some(Ok(e)) => e,
        Some(Err(e)) => {
            problems.push(Problem::new(
                Code::BadValue,
                at("/encoding"),
                e,
                "write \"encoding\": \"shift_jis\" (or auto, utf-8, utf-16), or leave it out to detect",
            ));
            Encoding::Auto
        }
    };
    let encoding = if options.encoding == Encoding::Auto {
        encoding
    } else {
        options.encoding
    };

    let mut map = Vec::new();
    for (field, column) in &manifest.map {
        match canonical_key(field) {
            Some(key) if !column.trim().is_empty() => map.push((key, column.clone())),
            Some(_) => problems.push(Problem::new(
                Code::Missing,
                at(&format!("/map/{}", escape_token(field))),
                format!("the map gives \"{field}\" no column"),
                "write the column's header as the file has it, e.g. \"parent\": \"ManagerID\"",
            )),
            None => problems.push(Problem::new(
                Code::BadValue,
                at(&format!("/map/{}", escape_token(field))),
                format!("the map names an unknown field \"{field}\""),
                format!("the fields are {}", super::columns::all_keys()),
            )),
        }
    }
    map.extend(options.map.iter().cloned());

    let dir = path.parent().unwrap_or(Path::new(""));
    let resolve = |pointer: &str, file: &str, what: &str| -> Result<PathBuf, Box<Problem>> {
        let full = dir.join(file);
        if !inside(dir, file) {
            // Not read, and not even checked for existence: a manifest is a file
            // someone may have sent, and what it names outside its folder is the
            // user's, not the sender's.
            return Err(Box::new(Problem::new(
                Code::BadValue,
                at(pointer),
                format!("the {what} file \"{}\" is outside the manifest's folder", shown(file)),
                format!(
                    "put the {what} file in the manifest's folder (or a folder inside it) and name it from there, or open it yourself{}",
                    if what == "relations" { " (--relations FILE)" } else { " (File > Open, or `orgpath FILE`)" }
                ),
            )));
        }
        super::read_check(&full)
            .map(|()| full.clone())
            .map_err(|p| {
                Box::new(Problem::new(
                    p.code,
                    at(pointer),
                    format!(
                        "the {what} file \"{}\" ({}): {}",
                        shown(file),
                        full.display(),
                        p.message
                    ),
                    format!(
                        "paths in a manifest start from the manifest's folder; {}",
                        p.hint
                    ),
                ))
            })
    };
    let nodes = match manifest.nodes.as_deref().map(str::trim) {
        Some(file) if !file.is_empty() => resolve("/nodes", file, "nodes")
            .map_err(|p| problems.push(*p))
            .ok(),
        _ => {
            problems.push(Problem::new(
                Code::Missing,
                at("/nodes"),
                "the manifest names no nodes file",
                "add \"nodes\": \"people.csv\" (a CSV file with id, parent and name columns, beside the manifest)",
            ));
            None
        }
    };
    // A relations file given with the manifest replaces the manifest's own.
    let relations = match (
        &options.relations,
        manifest.relations.as_deref().map(str::trim),
    ) {
        (Some(given), _) => Some(given.clone()),
        (None, Some(file)) if !file.is_empty() => resolve("/relations", file, "relations")
            .map_err(|p| problems.push(*p))
            .ok(),
        _ => None,
    };

    let title = manifest.title.and_then(|t| {
        let ja = t.ja.filter(|s| !s.trim().is_empty());
        let en = t.en.filter(|s| !s.trim().is_empty());
        // One language stands for both, as in the CSV columns.
        match (ja, en) {
            (None, None) => None,
            (ja, en) => Some(RawText {
                ja: ja.clone().or(en.clone()),
                en: en.or(ja),
            }),
        }
    });

    match nodes {
        Some(nodes) if problems.is_empty() => Ok(Plan {
            nodes,
            relations,
            encoding,
            map,
            title,
        }),
        _ => Err(Report {
            file: name,
            problems,
        }),
    }
}

/// Whether `file` is inside `dir` once symbolic links and `..` are resolved. A file
/// that does not exist is judged by its path alone (`..` taken off the folder), so
/// the answer does not tell whether something exists outside.
fn inside(dir: &Path, named: &str) -> bool {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(root) = dir.canonicalize() else {
        return false;
    };
    if let Ok(real) = dir.join(named).canonicalize() {
        return real.starts_with(&root);
    }
    let mut lexical = root.clone();
    for part in Path::new(named).components() {
        match part {
            Component::Normal(p) => lexical.push(p),
            Component::ParentDir => {
                if !lexical.pop() {
                    return false;
                }
            }
            Component::CurDir => {}
            // An absolute path to a file that does not exist.
            Component::RootDir | Component::Prefix(_) => return false,
        }
    }
    lexical.starts_with(&root)
}
