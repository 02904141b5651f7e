//! A manifest: a small JSON file (`"format": "orgpath-csv/1"`) that names a nodes CSV
//! file, an optional relations CSV file, their encoding and column map, and the
//! dataset's title, so a folder of exports opens as one dataset with one click.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use orgpath_model::both;
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
    let mut problems = Vec::new();

    let named = encoding(&manifest, &locator).unwrap_or_else(|p| {
        problems.push(*p);
        Encoding::Auto
    });
    let encoding = if options.encoding == Encoding::Auto {
        named
    } else {
        options.encoding
    };
    let mut map = Vec::new();
    for (field, column) in &manifest.map {
        match map_entry(field, column, &locator) {
            Ok(entry) => map.push(entry),
            Err(p) => problems.push(*p),
        }
    }
    map.extend(options.map.iter().cloned());

    let dir = path.parent().unwrap_or(Path::new(""));
    let nodes = match manifest.nodes.as_deref().map(str::trim) {
        Some(file) if !file.is_empty() => named_file(dir, file, "nodes", &locator)
            .map_err(|p| problems.push(*p))
            .ok(),
        _ => {
            problems.push(Problem::new(
                Code::Missing,
                locator.locate("/nodes"),
                both!(
                    "the manifest names no nodes file",
                    "マニフェストにノードのファイルが書かれていません"
                ),
                both!(
                    "add \"nodes\": \"people.csv\" (a CSV file with id, parent and name columns, beside the manifest)",
                    "\"nodes\": \"people.csv\" を書き足してください（id・parent・name の列がある CSV ファイルを、マニフェストと同じフォルダーに）"
                ),
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
        (None, Some(file)) if !file.is_empty() => named_file(dir, file, "relations", &locator)
            .map_err(|p| problems.push(*p))
            .ok(),
        _ => None,
    };
    let title = manifest.title.and_then(title);

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

/// The manifest's encoding: detected when it names none; a name orgpath does not know
/// is a problem.
fn encoding(manifest: &Manifest, locator: &JsonLocator<'_>) -> Result<Encoding, Box<Problem>> {
    match manifest.encoding.as_deref().map(str::parse::<Encoding>) {
        None => Ok(Encoding::Auto),
        Some(Ok(e)) => Ok(e),
        Some(Err(e)) => Err(Box::new(Problem::new(
            Code::BadValue,
            locator.locate("/encoding"),
            both!(
                "{e}",
                "orgpath の知らない文字コードです: {name}",
                name = shown(manifest.encoding.as_deref().unwrap_or_default())
            ),
            both!(
                "write \"encoding\": \"shift_jis\" (or auto, utf-8, utf-16), or leave it out to detect",
                "\"encoding\": \"shift_jis\"（または auto、utf-8、utf-16）と書くか、書かずに判定させてください"
            ),
        ))),
    }
}

/// One entry of the manifest's map, with its field's canonical key; an unknown field
/// or an empty column is a problem.
fn map_entry(
    field: &str,
    column: &str,
    locator: &JsonLocator<'_>,
) -> Result<(String, String), Box<Problem>> {
    let at = || locator.locate(&format!("/map/{}", escape_token(field)));
    match canonical_key(field) {
        Some(key) if !column.trim().is_empty() => Ok((key, column.to_owned())),
        Some(_) => Err(Box::new(Problem::new(
            Code::Missing,
            at(),
            both!(
                "the map gives \"{field}\" no column",
                "map で「{field}」に列が指定されていません"
            ),
            both!(
                "write the column's header as the file has it, e.g. \"parent\": \"ManagerID\"",
                "ファイルにあるとおりの列見出しを書いてください。例: \"parent\": \"ManagerID\""
            ),
        ))),
        None => Err(Box::new(Problem::new(
            Code::BadValue,
            at(),
            both!(
                "the map names an unknown field \"{field}\"",
                "map に知らないフィールド「{field}」があります"
            ),
            super::columns::fields_are(),
        ))),
    }
}

/// The path of the `what` file ("nodes", "relations") the manifest names at
/// `/{what}`, relative to its folder `dir`, once it is known to be inside that folder
/// and readable.
fn named_file(
    dir: &Path,
    file: &str,
    what: &str,
    locator: &JsonLocator<'_>,
) -> Result<PathBuf, Box<Problem>> {
    let at = || locator.locate(&format!("/{what}"));
    let full = dir.join(file);
    if !inside(dir, file) {
        // Not read, and not even checked for existence: a manifest is a file
        // someone may have sent, and what it names outside its folder is the
        // user's, not the sender's.
        let relations = what == "relations";
        let cli = format!(
            "put the {what} file in the manifest's folder (or a folder inside it) and name it from there, or open it yourself{}",
            if relations { " (--relations FILE)" } else { " (File > Open, or `orgpath FILE`)" }
        );
        // The window opens a relations file dropped on it with its nodes file.
        let hint = if relations {
            both!(
                "put the relations file in the manifest's folder (or a folder inside it) and name it from there, or open it yourself (drop it on the window together with the nodes file)",
                "関係ファイルをマニフェストのフォルダー（またはその中のフォルダー）に置いてそこから名前を書くか、自分で開いてください（ノードのファイルと一緒にウィンドウにドロップ）"
            )
        } else {
            both!(
                "put the nodes file in the manifest's folder (or a folder inside it) and name it from there, or open it yourself (File › Open)",
                "ノードのファイルをマニフェストのフォルダー（またはその中のフォルダー）に置いてそこから名前を書くか、自分で開いてください（ファイル › 開く）"
            )
        };
        return Err(Box::new(
            Problem::new(
                Code::BadValue,
                at(),
                both!(
                    "the {what} file \"{file}\" is outside the manifest's folder",
                    "{ja}のファイル「{file}」がマニフェストのフォルダーの外にあります",
                    file = shown(file),
                    ja = what_ja(what)
                ),
                hint,
            )
            .with_cli_hint(cli),
        ));
    }
    super::read_check(&full)
        .map(|()| full.clone())
        .map_err(|p| {
            let (file, full) = (shown(file), full.display());
            Box::new(Problem::new(
                p.code,
                at(),
                both!(
                    "the {what} file \"{file}\" ({full}): {message}",
                    "{ja}のファイル「{file}」（{full}）: {message}",
                    ja = what_ja(what);
                    message = p.message
                ),
                both!(
                    "paths in a manifest start from the manifest's folder; {hint}",
                    "マニフェストのパスはマニフェストのフォルダーから数えます。{hint}";
                    hint = p.hint
                ),
            ))
        })
}

/// "nodes" or "relations" in Japanese, for messages.
fn what_ja(what: &str) -> &'static str {
    if what == "relations" {
        "関係"
    } else {
        "ノード"
    }
}

/// The manifest's title, one language standing for both as in the CSV columns; none
/// when both are blank.
fn title(t: RawText) -> Option<RawText> {
    let ja = t.ja.filter(|s| !s.trim().is_empty());
    let en = t.en.filter(|s| !s.trim().is_empty());
    match (ja, en) {
        (None, None) => None,
        (ja, en) => Some(RawText {
            ja: ja.clone().or(en.clone()),
            en: en.or(ja),
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
