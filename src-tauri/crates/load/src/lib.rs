//! orgpath's loaders: bytes to a validated [`Dataset`], the second floor.
//!
//! Owns file access (bounded reads of regular files only), text encodings, the JSON
//! format, CSV and TSV files, manifests, and validation ([`validate`]: every problem
//! at once, each with its place). It builds on `orgpath-model` alone: it may not know
//! how a view is drawn or that a window exists. The one thing it asks of the views,
//! what each draws (for tours' spotlights), comes in as a [`Drawings`] passed to every
//! load; `orgpath-explore` passes the views' own answer.
//!
//! Files to a validated [`Dataset`]: the orgpath JSON format, CSV and TSV files of
//! nodes and of relations, and a small JSON manifest that ties CSV files together.
//!
//! Loading keeps positions: serde's line and column for syntax and shape errors, a
//! pointer index for validation problems in JSON, and each field's row and column
//! (and file) for CSV, so every problem says where it is.
//!
//! # CSV files
//!
//! **Nodes** (one row per person or unit): a header row, then one row each. Columns
//! are recognised by name: as written, then ignoring case, spaces, `_`, `-` and
//! brackets, then by names that only suggest the field (`department_id` is a unit's
//! id when nothing else is; see `columns::Level`). Two columns tie only at one level:
//!
//! | field | recognised headers (some) | |
//! |---|---|---|
//! | `id` | id, employee_id, 社員番号; for units department_id, 部署コード | required |
//! | `parent` | parent, parentId, manager_id, ManagerID, reports_to, 上司ID, 上司, 親部署 | required; empty for the top; several ids separated by `;` |
//! | `name` | name, full_name, 氏名, 名前; for units 部署名 | required, or `first_name` + `last_name` |
//! | `name_en` | name_en, english_name, 英語名 | |
//! | `first_name`, `last_name` | first_name, given_name, 名; last_name, surname, 姓 | joined "姓 名" when Japanese, "First Last" otherwise |
//! | `title`, `title_en` | title, position, job_title, 役職 | |
//! | `group` | group, department, department_name, 部署, 部署名, 部門, 所属 | one colour per group in diagrams |
//! | `group_id` | group_id, department_id, 部署コード | keys the group; `group` labels it |
//! | `photo` | photo, image, 写真 | a PNG or JPEG file from the CSV file's folder, at most 1 MB; web addresses are not fetched |
//! | `kind` | kind, type, 種別 | organisation, department, team, role, person, external, career_stage (or 会社, 部門, チーム, 役職, 人物, 外部); default person in a file of people, else role with a title, else team |
//! | `description`, `description_en` | description, 説明, 概要 | |
//! | `illustrative` | illustrative, example, 例 | yes/no, true/false, 1/0, はい/いいえ, 例 |
//!
//! A text in one language stands for both when its `_en` (or Japanese) column is
//! empty. Every other column is kept: its non-empty cells become the node's
//! `attributes`, shown in the details panel under the column's header. A parent
//! column named like a manager's (`manager_id`, `上司ID`) makes "reports to" lines.
//! When the header is not recognised, map the columns explicitly: `--map
//! parent=ManagerID,name=FullName` (fields as in the table above), a manifest's
//! `map`, or the window's column-mapping step ([`csv_header`]).
//!
//! **Relations** (optional, `--relations links.csv` or the manifest's `relations`):
//! `source`, `target` (node ids; also from/to, 起点/相手), `kind` (a relation kind id;
//! empty: `related`), `label`, `label_en`, `description`, `description_en`,
//! `illustrative`. Kinds need no declaring: each becomes a relation kind labelled by
//! its id (`asks_questions` reads "asks questions"). Map its columns with
//! `--map relations.source=From`.
//!
//! Files are UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark,
//! or Shift_JIS / CP932, detected or chosen ([`Encoding`], `--encoding`). Quoted
//! fields may hold commas, quotes (doubled) and line breaks. `.tsv` and `.tab` files
//! are tab-separated; a `.csv` or `.txt` file whose header has more tabs than commas
//! is read as tab-separated too (Excel's "Unicode text").
//!
//! # Manifest
//!
//! A `.json` file whose `format` is `orgpath-csv/1` opens CSV files together (paths
//! relative to the manifest and inside its folder, links followed; only `nodes` is
//! required):
//!
//! ```json
//! {
//!   "format": "orgpath-csv/1",
//!   "nodes": "people.csv",
//!   "relations": "links.csv",
//!   "encoding": "shift_jis",
//!   "map": { "parent": "ManagerID", "relations.source": "From" },
//!   "title": { "ja": "開発本部", "en": "Engineering" }
//! }
//! ```
//!
//! A `.json` file whose `format` is anything else is read as an orgpath dataset.

pub mod generate;
pub mod validate;

mod columns;
mod decode;
mod file;
mod json;
mod manifest;
mod photo;
mod table;
mod words;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use orgpath_model::both;
use orgpath_model::dataset::{Dataset, Text};
use orgpath_model::problem::{Code, Location, Problem, Report};
use orgpath_model::Drawings;

pub use columns::{is_relations_header, parse_map};
pub use decode::Encoding;
pub use file::{open_regular, read_capped};
pub use json::{load_json, parse_json};
pub use manifest::MANIFEST_FORMAT;

use columns::NODE_FIELDS;
use table::{Input, Settings};

pub use orgpath_model::limits::MAX_BYTES;

/// A count with thousands separators, as limits are written in messages.
pub(crate) fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// How many times `byte` occurs in `bytes` (memchr's vectorised search: counting a
/// byte at a time took a third of the refusal of a 30 MB CSV file in a debug build).
pub(crate) fn count_byte(bytes: &[u8], byte: u8) -> usize {
    memchr::memchr_iter(byte, bytes).count()
}

/// How to read CSV files: chosen on the command line, in the window, or kept with a
/// recently opened file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct LoadOptions {
    pub encoding: Encoding,
    /// Field → header text, e.g. `("parent", "ManagerID")`; later entries win. Fields:
    /// id, parent, name, name_en, first_name, last_name, title, title_en, group,
    /// group_id, photo, kind, description, description_en, illustrative;
    /// `relations.` + source, target,
    /// kind, label, label_en, description, description_en, illustrative for the
    /// relations file.
    pub map: Vec<(String, String)>,
    /// A relations CSV opened together with a nodes CSV (replaces a manifest's).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub relations: Option<PathBuf>,
}

/// A loaded dataset and every file read to make it (a manifest, a nodes file, a
/// relations file), for watching them for changes.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub dataset: Dataset,
    pub files: Vec<PathBuf>,
}

/// What a file holds, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `.json`: an orgpath dataset or a manifest, by its `format`.
    Json,
    /// `.csv`: comma-separated (tab-separated if its header says so).
    Csv,
    /// `.tsv`, `.tab`: tab-separated.
    Tsv,
    /// `.txt` or anything else: JSON if it starts with `{`, else delimited text.
    Other,
}

impl FileKind {
    pub fn of(path: &Path) -> FileKind {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("json") => FileKind::Json,
            Some("csv") => FileKind::Csv,
            Some("tsv" | "tab") => FileKind::Tsv,
            _ => FileKind::Other,
        }
    }
}

/// Checks that `path` is a regular file of a size orgpath loads, without reading it.
fn read_check(path: &Path) -> Result<(), Box<Problem>> {
    let meta = std::fs::metadata(path).map_err(|e| io_problem(&e))?;
    if !meta.is_file() {
        // Opening says what it is (a folder, a pipe, a device) without reading.
        return file::open_regular(path)
            .map(drop)
            .map_err(|e| io_problem(&e));
    }
    if meta.len() > MAX_BYTES {
        return Err(io_problem(&file::too_large(Some(meta.len()), MAX_BYTES)));
    }
    Ok(())
}

fn io_problem(e: &std::io::Error) -> Box<Problem> {
    use std::io::ErrorKind;
    // Our own errors say it all in both languages; the system's own words stay as it
    // gives them, after ours.
    let ours = |ja: &str| match file::said(e) {
        Some(text) => text.clone(),
        None => Text {
            en: e.to_string(),
            ja: format!("{ja}: {e}"),
        },
    };
    let cannot = both!("cannot read the file: {e}", "ファイルを読めません: {e}");
    let (code, message, hint) = match e.kind() {
        ErrorKind::NotFound => (
            Code::Io,
            cannot,
            both!(
                "check the path; relative paths start from the current folder",
                "パスを確かめてください。相対パスは現在のフォルダーから数えます"
            ),
        ),
        ErrorKind::PermissionDenied => (
            Code::Io,
            cannot,
            both!(
                "check that you may read this file",
                "このファイルを読む権限があるか確かめてください"
            ),
        ),
        ErrorKind::IsADirectory => (
            Code::Io,
            ours("ファイルではなくフォルダーです"),
            both!(
                "name a .json, .csv or .tsv file",
                ".json、.csv、.tsv のファイルを選んでください"
            ),
        ),
        ErrorKind::InvalidInput => (
            Code::Io,
            ours("ふつうのファイルではありません"),
            both!(
                "name a .json, .csv or .tsv file saved on disk (orgpath does not read pipes or devices)",
                "ディスクに保存された .json、.csv、.tsv のファイルを選んでください（orgpath はパイプやデバイスを読みません）"
            ),
        ),
        ErrorKind::FileTooLarge => (
            Code::TooLarge,
            ours("ファイルが大きすぎます"),
            both!(
                "check that this is the right file; an organisation of thousands of units is a few MB",
                "正しいファイルか確かめてください。数千の部署がある組織でも数 MB です"
            ),
        ),
        _ => (
            Code::Io,
            cannot,
            both!(
                "check that the path names a readable file",
                "パスが読めるファイルを指しているか確かめてください"
            ),
        ),
    };
    Box::new(Problem::new(code, Location::default(), message, hint))
}

/// The bytes of a file orgpath may load: a regular file of at most [`MAX_BYTES`],
/// read through a bounded reader.
fn read(path: &Path) -> Result<Vec<u8>, Box<Problem>> {
    file::read_capped(path, MAX_BYTES).map_err(|e| io_problem(&e))
}

/// Whether JSON bytes are a manifest rather than a dataset, by their `format`. Bytes
/// that are not a JSON object say no, and the dataset loader then says what is wrong.
fn is_manifest(bytes: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(default)]
        format: Option<String>,
    }
    decode::decode_utf8(bytes)
        .ok()
        .and_then(|text| serde_json::from_str::<Probe>(text).ok())
        .is_some_and(|p| p.format.as_deref() == Some(MANIFEST_FORMAT))
}

/// Reads and validates a dataset with the default options (see [`load_path`]).
pub fn load_file(path: &Path, views: &dyn Drawings) -> Result<Dataset, Report> {
    load_path(path, &LoadOptions::default(), views).map(|l| l.dataset)
}

/// Reads and validates a dataset: a `.json` file (an orgpath dataset, or a manifest
/// naming CSV files), a `.csv` file, a `.tsv`/`.tab` file, or a `.txt` file (tab- or
/// comma-separated, by its header). `options` say how to read CSV files.
pub fn load_path(
    path: &Path,
    options: &LoadOptions,
    views: &dyn Drawings,
) -> Result<Loaded, Report> {
    let name = path.display().to_string();
    let bytes = read(path).map_err(|p| Report::single(&name, *p))?;
    let delimited =
        |delimiter: Option<u8>| load_delimited(path, &name, &bytes, delimiter, options, views);
    match FileKind::of(path) {
        FileKind::Json => load_json_path(path, &name, &bytes, options, views),
        FileKind::Csv => delimited(Some(b',')),
        FileKind::Tsv => delimited(Some(b'\t')),
        FileKind::Other => {
            let start = bytes
                .strip_prefix(b"\xEF\xBB\xBF")
                .unwrap_or(&bytes)
                .iter()
                .find(|b| !b.is_ascii_whitespace());
            if start == Some(&b'{') {
                load_json_path(path, &name, &bytes, options, views)
            } else {
                delimited(None)
            }
        }
    }
}

fn load_json_path(
    path: &Path,
    name: &str,
    bytes: &[u8],
    options: &LoadOptions,
    views: &dyn Drawings,
) -> Result<Loaded, Report> {
    if is_manifest(bytes) {
        let plan = manifest::plan(path, bytes, options)?;
        return load_plan(name, &plan, Some(path), views);
    }
    // Options for CSV files mean the user expected one: say so rather than ignore them.
    let for_csv = !options.map.is_empty()
        || options.relations.is_some()
        || !matches!(options.encoding, Encoding::Auto | Encoding::Utf8);
    if for_csv {
        return Err(Report::single(
            name,
            Problem::new(
                Code::BadValue,
                Location::default(),
                both!(
                    "the encoding, column map and relations file apply to CSV files and manifests, and this is an orgpath JSON dataset",
                    "文字コード・列の対応づけ・関係ファイルは CSV ファイルとマニフェストに使うもので、これは orgpath の JSON データセットです"
                ),
                both!(
                    "leave those options out for a JSON dataset (it is always UTF-8 and has its relations inside)",
                    "JSON データセットではそれらの指定を外してください（常に UTF-8 で、関係も中に書かれています）"
                ),
            ),
        ));
    }
    load_json(bytes, name, views).map(|dataset| Loaded {
        dataset,
        files: vec![path.to_owned()],
    })
}

/// A nodes file (and the relations file the options name).
fn load_delimited(
    path: &Path,
    name: &str,
    bytes: &[u8],
    delimiter: Option<u8>,
    options: &LoadOptions,
    views: &dyn Drawings,
) -> Result<Loaded, Report> {
    let relations = options
        .relations
        .as_deref()
        .map(|r| {
            let rel_name = r.display().to_string();
            read(r)
                .map(|b| (b, rel_name.clone(), r.to_owned()))
                .map_err(|p| {
                    let mut p = *p;
                    p.at.file = Some(rel_name.clone());
                    Report::single(
                        name,
                        p.prefixed(&both!("the relations file: ", "関係ファイル: ")),
                    )
                })
        })
        .transpose()?;
    let nodes = Input {
        bytes,
        name: name.to_owned(),
        delimiter,
    };
    let relations_input = relations.as_ref().map(|(b, n, p)| Input {
        bytes: b,
        name: n.clone(),
        delimiter: delimiter_of(p),
    });
    let settings = Settings {
        encoding: options.encoding,
        map: &options.map,
        title: None,
        report_file: name,
        folder: path.parent(),
        views,
    };
    let dataset = table::load_tables(&nodes, relations_input.as_ref(), &settings)?;
    let mut files = vec![path.to_owned()];
    files.extend(relations.map(|(_, _, p)| p));
    Ok(Loaded { dataset, files })
}

/// Whether the file at `path` is a relations CSV: its header row, read as the loader
/// reads it with the default options, names the columns [`is_relations_header`]
/// looks for. A JSON file, one orgpath would not read (a folder, a pipe, one past
/// [`MAX_BYTES`]) and one whose header cannot be read are not.
pub fn looks_like_relations(path: &Path) -> bool {
    if FileKind::of(path) == FileKind::Json {
        return false;
    }
    let Ok(bytes) = read(path) else {
        return false;
    };
    let input = Input {
        bytes: &bytes,
        name: path.display().to_string(),
        delimiter: delimiter_of(path),
    };
    table::header_cells(&input).is_some_and(|cells| is_relations_header(&cells))
}

/// The delimiter a file's extension fixes: a tab for .tsv and .tab; otherwise (.csv
/// included: spreadsheets write tabs and semicolons under that name too) decided from
/// the header.
fn delimiter_of(path: &Path) -> Option<u8> {
    match FileKind::of(path) {
        FileKind::Tsv => Some(b'\t'),
        _ => None,
    }
}

/// The files a manifest names, read together; problems in them name their own file.
fn load_plan(
    name: &str,
    plan: &manifest::Plan,
    manifest: Option<&Path>,
    views: &dyn Drawings,
) -> Result<Loaded, Report> {
    let in_manifest = |p: Box<Problem>| Report::single(name, *p);
    let read_named = |path: &Path| {
        read(path).map_err(|mut p| {
            p.at.file = Some(path.display().to_string());
            in_manifest(p)
        })
    };
    let nodes_bytes = read_named(&plan.nodes)?;
    let relations_bytes = plan.relations.as_deref().map(read_named).transpose()?;
    let nodes = Input {
        bytes: &nodes_bytes,
        name: plan.nodes.display().to_string(),
        delimiter: delimiter_of(&plan.nodes),
    };
    let relations = match (&plan.relations, &relations_bytes) {
        (Some(path), Some(bytes)) => Some(Input {
            bytes,
            name: path.display().to_string(),
            delimiter: delimiter_of(path),
        }),
        _ => None,
    };
    let settings = Settings {
        encoding: plan.encoding,
        map: &plan.map,
        title: plan.title.clone(),
        report_file: name,
        folder: plan.nodes.parent(),
        views,
    };
    let dataset = table::load_tables(&nodes, relations.as_ref(), &settings)?;
    let files = manifest
        .map(Path::to_owned)
        .into_iter()
        .chain(Some(plan.nodes.clone()))
        .chain(plan.relations.clone())
        .collect();
    Ok(Loaded { dataset, files })
}

/// Parses and validates a CSV file with the default options; see [`load_csv_with`].
pub fn load_csv(bytes: &[u8], file: &str, views: &dyn Drawings) -> Result<Dataset, Report> {
    load_csv_with(bytes, file, &LoadOptions::default(), views)
}

/// Parses and validates a nodes CSV (or TSV, by its header) held in memory; `options`
/// choose the encoding and the column map. A relations file named in the options is
/// read from disk.
pub fn load_csv_with(
    bytes: &[u8],
    file: &str,
    options: &LoadOptions,
    views: &dyn Drawings,
) -> Result<Dataset, Report> {
    load_delimited(Path::new(file), file, bytes, None, options, views).map(|l| l.dataset)
}

/// A header row as the window's column-mapping step shows it: the columns, and the
/// column orgpath reads (or was told to read) for each field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CsvHeader {
    /// The nodes file (for a manifest, the file it names).
    pub file: String,
    /// The header row, in order.
    pub columns: Vec<String>,
    /// Every field orgpath reads, in a fixed order.
    pub fields: Vec<FieldGuess>,
    /// The encoding the file was read as.
    pub encoding: Encoding,
    /// Why the file does not open as it is: a required field without a column, or two
    /// columns that look like the same field. Empty when it would open.
    pub problems: Vec<Problem>,
}

/// One field and the column that fills it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct FieldGuess {
    /// The field's name, as `--map` writes it (`parent`, `name_en`).
    pub field: String,
    /// The file does not open without it (`name` is also satisfied by `first_name` or
    /// `last_name`).
    pub required: bool,
    /// The header of the column recognised or mapped for it.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The column was chosen by the map, not recognised by its name.
    pub mapped: bool,
    /// What the field holds, for the mapping step.
    pub label: Text,
}

/// The header row of a nodes CSV file (or of the one a manifest names) and what orgpath
/// makes of it with `options`. A map naming a column the header lacks is an error; a
/// missing required column is not, it is listed in [`CsvHeader::problems`].
pub fn csv_header(path: &Path, options: &LoadOptions) -> Result<CsvHeader, Report> {
    let name = path.display().to_string();
    let bytes = read(path).map_err(|p| Report::single(&name, *p))?;
    let (nodes_path, encoding, map) = if FileKind::of(path) == FileKind::Json {
        if !is_manifest(&bytes) {
            return Err(Report::single(
                &name,
                Problem::new(
                    Code::Format,
                    Location::default(),
                    both!(
                        "this is an orgpath JSON dataset, not a CSV file: its fields need no mapping",
                        "これは CSV ファイルではなく orgpath の JSON データセットです。列の対応づけは要りません"
                    ),
                    both!("open it as it is", "そのまま開いてください"),
                ),
            ));
        }
        let plan = manifest::plan(path, &bytes, options)?;
        (plan.nodes, plan.encoding, plan.map)
    } else {
        (path.to_owned(), options.encoding, options.map.clone())
    };
    let nodes_name = nodes_path.display().to_string();
    let nodes_bytes = if nodes_path == path {
        bytes
    } else {
        read(&nodes_path).map_err(|p| Report::single(&nodes_name, *p))?
    };
    let input = Input {
        bytes: &nodes_bytes,
        name: nodes_name.clone(),
        delimiter: delimiter_of(&nodes_path),
    };
    let (resolution, used) = table::header(&input, encoding, &map)?;
    if !resolution.map_problems.is_empty() {
        return Err(Report {
            file: nodes_name,
            problems: resolution.map_problems,
        });
    }
    let columns = resolution.columns;
    let fields = NODE_FIELDS
        .iter()
        .enumerate()
        .map(|(i, spec)| FieldGuess {
            field: spec.key.to_owned(),
            required: spec.required,
            column: columns.at[i].and_then(|c| columns.headers.get(c)).cloned(),
            mapped: columns.mapped[i],
            label: Text {
                ja: spec.ja.to_owned(),
                en: spec.en.to_owned(),
            },
        })
        .collect();
    Ok(CsvHeader {
        file: nodes_name,
        columns: columns.headers,
        fields,
        encoding: used,
        problems: resolution.header_problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relations_file_is_told_by_the_header_the_loader_reads() {
        let dir = std::env::temp_dir().join(format!("orgpath-relations-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let p = dir.join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        };
        let shift_jis = encoding_rs::SHIFT_JIS
            .encode("起点,相手,種別\nsales,dev,依頼\n")
            .0;
        for (name, bytes) in [
            ("links.csv", &b"source,target,kind\na,b,works_with\n"[..]),
            ("bom.csv", "\u{feff}\"Source\",\"Target\"\n".as_bytes()),
            ("tabs.tsv", b"target\tsource\tlabel\n"),
            ("from-to.csv", b"from,to,kind\na,b,works_with\n"),
            ("semicolons.csv", b"From;To;Label\na;b;asks\n"),
            ("起点.csv", "起点,相手\n営業,開発\n".as_bytes()),
            ("sjis.csv", &shift_jis),
        ] {
            assert!(looks_like_relations(&write(name, bytes)), "{name}");
        }
        for (name, bytes) in [
            ("people.csv", &b"id,parent,name\na,,A\n"[..]),
            ("dates.csv", b"id,parent,name,from,to\na,,A,2020,2024\n"),
            ("links.json", b"{\"source\": 1, \"target\": 2}"),
            ("empty.csv", b""),
        ] {
            assert!(!looks_like_relations(&write(name, bytes)), "{name}");
        }
        assert!(!looks_like_relations(&dir.join("missing.csv")));
        assert!(!looks_like_relations(&dir));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
