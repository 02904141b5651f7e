//! The orgpath JSON format: serde's line and column for syntax and shape errors, and
//! a pointer index that places validation problems in the text.

use crate::validate::{validate, Locate};
use orgpath_model::both;
use orgpath_model::dataset::Dataset;
use orgpath_model::limits::{MAX_LINKS, MAX_NODES};
use orgpath_model::locate::PointerIndex;
use orgpath_model::problem::{Code, Location, Problem, Report};
use orgpath_model::raw::RawDataset;
use orgpath_model::Drawings;
use orgpath_model::Text;

use super::decode::decode_utf8;
use super::{count_byte, grouped};

/// Parses the orgpath JSON format without validating it.
pub fn parse_json(bytes: &[u8], file: &str) -> Result<RawDataset, Report> {
    let text = decode_utf8(bytes).map_err(|p| Report::single(file, *p))?;
    count_lists(text).map_err(|p| Report::single(file, *p))?;
    parse_text(text, file)
}

/// Which list a JSON array is, for its limit; for an object, what its members are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    /// The document's own object, whose members name the lists.
    Document,
    /// The `career` object, whose `transitions` are links.
    Career,
    Nodes,
    /// `hierarchy`, `relations` and `career.transitions` (the pointer of each), limited
    /// together.
    Links(&'static str),
    /// Anything else: groups, attributes, tour steps…
    Other,
}

/// The list a member of an object is, by its name.
fn member(object: List, name: &[u8]) -> List {
    match (object, name) {
        (List::Document, b"nodes") => List::Nodes,
        (List::Document, b"hierarchy") => List::Links("/hierarchy"),
        (List::Document, b"relations") => List::Links("/relations"),
        (List::Document, b"career") => List::Career,
        (List::Career, b"transitions") => List::Links("/career/transitions"),
        _ => List::Other,
    }
}

/// An array or object open where the count has got to.
struct Open {
    list: List,
    array: bool,
    /// Items so far (arrays): the first, then one a comma.
    items: usize,
    /// Where the last string in it starts and ends (objects whose members name lists).
    name: (usize, usize),
}

/// The index of the quote that closes the string opening at `start`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        // Most of a dataset is text in strings: jump to the next quote or backslash
        // (a byte at a time, this scan cost a third as much as parsing).
        i += memchr::memchr2(b'"', b'\\', bytes.get(i..)?)?;
        match bytes[i] {
            b'\\' => i += 2,
            _ => return Some(i),
        }
    }
}

/// Counts the items of every list in a dataset before it is parsed, and refuses the
/// first list past its limit: `nodes` [`MAX_NODES`], the links together
/// [`MAX_LINKS`], any other list [`MAX_NODES`] too (no real dataset has a list of a
/// million sources or groups, and its items cost what nodes do). Parsing builds a
/// struct of hundreds of bytes for each `{}` of three, so a 15 MB file of five million
/// empty nodes took 3 GB before validation counted them.
///
/// A byte scan, not a serde pass: it only has to find brackets, commas and a few
/// member names, and skips the text of strings eight bytes at a time. Text it cannot
/// follow (malformed, nested past serde's 128 levels) is left to the parse to report.
/// Files with too few commas to pass a limit are not scanned, which is every file
/// but the largest real ones.
fn count_lists(text: &str) -> Result<(), Box<Problem>> {
    if text.len() <= 2 * MAX_NODES || count_byte(text.as_bytes(), b',') < MAX_NODES {
        return Ok(());
    }
    match list_past(text, MAX_NODES, MAX_LINKS) {
        Some((offset, list, index)) => Err(Box::new(too_long(text, offset, list, index))),
        None => Ok(()),
    }
}

/// The first item past a limit (`max_items` for any list but the links, `max_links`
/// for the links together): its byte offset, its list and its index there.
fn list_past(text: &str, max_items: usize, max_links: usize) -> Option<(usize, List, usize)> {
    let bytes = text.as_bytes();
    let next_byte = |from: usize| {
        (from..bytes.len()).find(|&j| !matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r'))
    };
    let mut open: Vec<Open> = Vec::new();
    // Items of the link lists already closed.
    let mut links = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let end = string_end(bytes, i)?;
                if let Some(top) = open.last_mut() {
                    top.name = (i + 1, end);
                }
                i = end;
            }
            b'[' | b'{' => {
                let array = bytes[i] == b'[';
                let list = match open.last() {
                    // A document that is an array is refused as such by the parse.
                    None if array => return None,
                    None => List::Document,
                    Some(o) if !o.array && matches!(o.list, List::Document | List::Career) => {
                        member(o.list, &bytes[o.name.0..o.name.1])
                    }
                    Some(_) => List::Other,
                };
                if open.len() >= 128 {
                    return None;
                }
                open.push(Open {
                    list,
                    array,
                    items: 0,
                    name: (0, 0),
                });
                // An array's first item has no comma before it.
                let first = if array { next_byte(i + 1)? } else { i };
                if array && bytes[first] != b']' {
                    if let Some(past) = add_item(&mut open, links, max_items, max_links) {
                        return Some((first, past.0, past.1));
                    }
                }
            }
            b',' if open.last().is_some_and(|o| o.array) => {
                if let Some(past) = add_item(&mut open, links, max_items, max_links) {
                    return Some((next_byte(i + 1)?, past.0, past.1));
                }
            }
            b']' | b'}' => {
                let closed = open.pop()?;
                if matches!(closed.list, List::Links(_)) && closed.array {
                    links += closed.items;
                }
                if open.is_empty() {
                    return None;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Counts an item of the innermost (array) list; its list and index if it passes a
/// limit. `links` are the items of the link lists already closed.
fn add_item(
    open: &mut [Open],
    links: usize,
    max_items: usize,
    max_links: usize,
) -> Option<(List, usize)> {
    let top = open.last_mut()?;
    top.items += 1;
    let past = match top.list {
        List::Links(_) => links + top.items > max_links,
        _ => top.items > max_items,
    };
    past.then_some((top.list, top.items - 1))
}

/// The problem of a list past its limit, at the item `index` that passes it.
fn too_long(text: &str, offset: usize, list: List, index: usize) -> Problem {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let (pointer, message, hint) = match list {
        List::Nodes => (
            Some(format!("/nodes/{index}")),
            both!(
                "the dataset has more than {n} nodes; orgpath loads up to {n}",
                "データセットのノードが {n} 個を超えています。orgpath が読み込めるのは {n} 個までです",
                n = grouped(MAX_NODES)
            ),
            crate::words::split_file(),
        ),
        List::Links(base) => (
            Some(format!("{base}/{index}")),
            both!(
                "the dataset has more than {n} links (parents, relations and career moves together); orgpath loads up to {n}",
                "データセットのつながり（親、関係、キャリアの移動の合計）が {n} 本を超えています。orgpath が読み込めるのは {n} 本までです",
                n = grouped(MAX_LINKS)
            ),
            both!(
                "split the organisation into several files, or check that this is the right file",
                "組織をいくつかのファイルに分けるか、正しいファイルか確かめてください"
            ),
        ),
        _ => (
            None,
            both!(
                "this list has more than {n} items; no list in a dataset may be longer than the most nodes it may have",
                "このリストの項目が {n} 個を超えています。データセットのリストはノードの上限より長くできません",
                n = grouped(MAX_NODES)
            ),
            both!(
                "check that this is the right file: no real organisation has lists this long",
                "正しいファイルか確かめてください。実際の組織でこれほど長いリストはありません"
            ),
        ),
    };
    Problem::new(
        Code::TooLarge,
        Location {
            pointer,
            ..Location::line_column(
                u32::try_from(line).unwrap_or(u32::MAX),
                u32::try_from(column).unwrap_or(u32::MAX),
            )
        },
        message,
        hint,
    )
}

/// Parses any JSON document type with the same positions and wording as a dataset.
pub(super) fn parse_as<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    file: &str,
) -> Result<T, Report> {
    let text = decode_utf8(bytes).map_err(|p| Report::single(file, *p))?;
    parse_text(text, file)
}

fn parse_text<T: serde::de::DeserializeOwned>(text: &str, file: &str) -> Result<T, Report> {
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
            crate::words::empty_file(),
            one_object(),
        ));
    }
    let (en, ja) = match start.as_bytes()[0] {
        b'{' | b'/' | b'\'' => return None, // an object, or a syntax error said later
        b'[' => ("an array ([…])", "配列（[…]）"),
        b'"' => ("a string", "文字列"),
        b't' | b'f' => ("true or false", "true か false"),
        b'n' => ("null", "null"),
        b'-' | b'0'..=b'9' => ("a number", "数"),
        _ => return None,
    };
    let offset = text.len() - start.len();
    let line = text[..offset].matches('\n').count() + 1;
    let column = text[..offset]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count())
        + 1;
    Some(Problem::new(
        Code::Shape,
        Location {
            pointer: Some(String::new()),
            ..Location::line_column(
                u32::try_from(line).unwrap_or(u32::MAX),
                u32::try_from(column).unwrap_or(u32::MAX),
            )
        },
        both!(
            "the document is {en}, not an object",
            "文書がオブジェクトではなく{ja}です"
        ),
        one_object(),
    ))
}

/// What an orgpath file is, for a file that is empty or not an object.
fn one_object() -> Text {
    both!(
        "an orgpath file is one JSON object: {{\"format\": \"orgpath/1\", \"meta\": …, \"nodes\": […]}}; see data/orgpath.json",
        "orgpath のファイルは 1 つの JSON オブジェクトです: {{\"format\": \"orgpath/1\", \"meta\": …, \"nodes\": […]}}。data/orgpath.json を見てください"
    )
}

/// The hint for a syntax error, from what stands at its position: JSON's usual
/// surprises (comments, single quotes, a trailing comma) get a hint of their own.
fn syntax_hint(text: &str, line: usize, column: usize) -> Text {
    let at_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let rest: String = at_line.chars().skip(column.saturating_sub(1)).collect();
    let rest = rest.trim_start();
    if rest.starts_with("//") || rest.starts_with("/*") {
        both!(
            "JSON has no comments: remove the comment, or put the note in a \"description\"",
            "JSON にはコメントが書けません。コメントを消すか、メモを \"description\" に書いてください"
        )
    } else if rest.starts_with('\'') {
        both!(
            "JSON strings and names are in double quotes (\"…\"), not single quotes",
            "JSON の文字列と名前は一重引用符ではなく二重引用符（\"…\"）で囲みます"
        )
    } else if rest.starts_with(',') || rest.starts_with('}') || rest.starts_with(']') {
        both!(
            "look for a comma too many just before this position (JSON allows no trailing comma), or a value left out",
            "この位置の直前に余分なカンマ（JSON では末尾のカンマは使えません）か、抜けた値がないか見てください"
        )
    } else {
        both!(
            "look just before this position for a missing comma, quote or bracket, or a trailing comma",
            "この位置の直前に、抜けたカンマ・引用符・かっこ、または末尾の余分なカンマがないか見てください"
        )
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
    // serde_json's words in Japanese where they are known, else as it writes them.
    let detail = serde_in_japanese(&message).unwrap_or_else(|| message.clone());
    match inner.classify() {
        Category::Syntax => Problem::new(
            Code::Syntax,
            at,
            both!("not valid JSON: {message}", "JSON として正しくありません: {detail}"),
            syntax_hint(text, inner.line(), inner.column()),
        ),
        Category::Eof => Problem::new(
            Code::Syntax,
            // serde puts the end of a file after its last line's last character (column
            // 0 on an empty last line); the last character is where to look.
            end_of(text),
            both!(
                "not valid JSON: the file ends in the middle ({message})",
                "JSON として正しくありません: ファイルが途中で終わっています（{detail}）"
            ),
            both!(
                "the file may be cut short (a copy or a save interrupted); otherwise look for a bracket or quote that is never closed",
                "ファイルが途中で切れているかもしれません（コピーや保存の中断）。そうでなければ、閉じていないかっこや引用符を探してください"
            ),
        ),
        Category::Io => Problem::new(
            Code::Io,
            at,
            both!("{message}", "ファイルを読めません: {message}"),
            both!("check that the file is readable", "ファイルが読めるか確かめてください"),
        ),
        Category::Data => {
            let pointer = if path == "." { String::new() } else { to_pointer(path) };
            Problem::new(
                Code::Shape,
                Location { pointer: Some(pointer), ..at },
                both!("{message}", "値の形が形式に合いません: {detail}"),
                both!(
                    "compare this value with the format in data/schema.json (field names, value types, allowed words)",
                    "この値を data/schema.json の形式（フィールド名、値の型、使える語）と比べてください"
                ),
            )
        }
    }
}

/// What serde_json says of a document, in Japanese, for the messages a hand-written
/// file meets (its syntax errors, and fields and values the format does not have);
/// `None` for the rare rest, which are shown as serde_json words them. The names and
/// values it quotes stay as they are.
fn serde_in_japanese(message: &str) -> Option<String> {
    let fixed = match message {
        "expected `:`" => "`:` があるはずの所です",
        "expected `,` or `]`" => "`,` か `]` があるはずの所です",
        "expected `,` or `}`" => "`,` か `}` があるはずの所です",
        "expected value" => "値があるはずの所です",
        "expected ident" => "true・false・null のどれかがあるはずの所です",
        "expected `\"`" => "`\"` があるはずの所です",
        "key must be a string" => "名前は二重引用符で囲んだ文字列で書きます",
        "trailing comma" => "末尾に余分なカンマがあります",
        "trailing characters" => "文書の終わりの後に文字があります",
        "invalid escape" => "正しくないエスケープです",
        "invalid number" => "正しくない数です",
        "number out of range" => "数が大きすぎます",
        "EOF while parsing a list" => "リストの途中です",
        "EOF while parsing an object" => "オブジェクトの途中です",
        "EOF while parsing a string" => "文字列の途中です",
        "EOF while parsing a value" => "値の途中です",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "文字列の中に制御文字（改行やタブなど）があります。\\n のように書いてください"
        }
        "recursion limit exceeded" => "入れ子が深すぎます",
        _ => "",
    };
    if !fixed.is_empty() {
        return Some(fixed.to_owned());
    }
    // "unknown field `x`, expected one of `a`, `b`", and the like for variants.
    let allowed = |rest: &str| {
        rest.split_once(", expected ")
            .map(|(name, wanted)| {
                let wanted = wanted.trim_start_matches("one of ");
                (name.to_owned(), format!("（使えるのは {wanted}）"))
            })
            .unwrap_or_else(|| (rest.to_owned(), String::new()))
    };
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (name, wanted) = allowed(rest);
        return Some(format!("知らないフィールド {name} です{wanted}"));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (name, wanted) = allowed(rest);
        return Some(format!("知らない値 {name} です{wanted}"));
    }
    if let Some(name) = message.strip_prefix("missing field ") {
        return Some(format!("フィールド {name} がありません"));
    }
    if let Some(name) = message.strip_prefix("duplicate field ") {
        return Some(format!("フィールド {name} が 2 回あります"));
    }
    let (got, wanted) = message
        .strip_prefix("invalid type: ")?
        .split_once(", expected ")?;
    Some(format!(
        "値の型が違います（{got} ですが、{wanted} であるはずです）"
    ))
}

/// The line and column of a text's last character.
fn end_of(text: &str) -> Location {
    let body = text.trim_end();
    let line = body.matches('\n').count() + 1;
    let column = body
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count())
        .max(1);
    Location::line_column(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

/// serde_path_to_error writes `nodes[3].label`; problems use JSON pointers.
fn to_pointer(path: &str) -> String {
    let mut out = String::new();
    for seg in path.split('.') {
        let (name, rest) = seg.split_once('[').map_or((seg, ""), |(n, r)| (n, r));
        if !name.is_empty() && name != "?" {
            out.push('/');
            out.push_str(&orgpath_model::locate::escape_token(name));
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
pub fn load_json(bytes: &[u8], file: &str, views: &dyn Drawings) -> Result<Dataset, Report> {
    let raw = parse_json(bytes, file)?;
    let text = decode_utf8(bytes).map_err(|p| Report::single(file, *p))?;
    validate(&raw, &JsonLocator(PointerIndex::new(text)), views).map_err(|problems| Report {
        file: file.to_owned(),
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_json_s_words_are_said_in_japanese() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Doc {
            format: String,
            count: Option<u32>,
        }
        for text in [
            r#"{"format": }"#,
            r#"{"format": "x",}"#,
            r#"{"format" "x"}"#,
            r#"{format: "x"}"#,
            r#"{"format": "x" "count": 1}"#,
            r#"{"format": "x"} extra"#,
            "{\"format\": \"a\nb\"}",
            r#"{"format": "x", "colour": 1}"#,
            r#"{"count": 1}"#,
            r#"{"format": "x", "count": "one"}"#,
            r#"{"format": "x""#,
        ] {
            let p = &parse_text::<Doc>(text, "doc.json").unwrap_err().problems[0];
            assert!(
                !p.message.ja.contains("expected") && !p.message.ja.contains("EOF"),
                "{text}: {}",
                p.message.ja
            );
        }
        assert_eq!(serde_in_japanese("something serde_json says one day"), None);
    }

    #[test]
    fn lists_are_counted_item_by_item_whatever_their_items_hold() {
        fn past(text: &str, items: usize, links: usize) -> Option<(&str, List, usize)> {
            list_past(text, items, links)
                .map(|(offset, list, index)| (&text[offset..offset + 1], list, index))
        }
        // Brackets, commas and escaped quotes inside strings are not structure.
        let text = r#"{"nodes":[{"id":"a,b]","x":[1,2]},"\"],[",{"n":{"nodes":[1,2]}}],"meta":{}}"#;
        assert_eq!(past(text, 3, 9), None);
        assert_eq!(past(text, 2, 9), Some(("{", List::Nodes, 2)));
        // Inner lists are limited too (by the items limit), but are not nodes.
        assert_eq!(
            past(r#"{"nodes":[[1,2,3]]}"#, 2, 9),
            Some(("3", List::Other, 2))
        );
        // Links are counted together, across their lists.
        let text = r#"{"hierarchy":[{},{}],"career":{"tracks":[],"transitions":[{}]},"relations":[{}, {}]}"#;
        assert_eq!(past(text, 9, 5), None);
        assert_eq!(past(text, 9, 4), Some(("{", List::Links("/relations"), 1)));
        assert_eq!(
            past(text, 9, 2),
            Some(("{", List::Links("/career/transitions"), 0))
        );
        // A name only counts in its place: "nodes" inside a group is another list.
        assert_eq!(past(r#"{"groups":[{"nodes":[1,2]}]}"#, 2, 1), None);
        assert_eq!(
            past(r#"{"groups":[{"nodes":[1,2,3]}]}"#, 2, 1),
            Some(("3", List::Other, 2))
        );
        // Text cut short is counted as far as it goes.
        assert_eq!(
            past(r#"{"nodes":[1,2,3,"#, 2, 2),
            Some(("3", List::Nodes, 2))
        );
        // What the count cannot follow is left to the parse to refuse: an array for a
        // document, a string never closed, nesting deeper than serde_json reads.
        assert_eq!(past("[1,2,3,4]", 2, 2), None);
        assert_eq!(past(r#"{"nodes":["1,2,3,4"#, 2, 2), None);
        let deep = format!("{}1,2,3", "[".repeat(200));
        assert_eq!(past(&format!("{{\"x\":{deep}"), 2, 2), None);
    }

    #[test]
    fn the_builtin_dataset_is_counted_exactly() {
        fn longest(v: &serde_json::Value) -> usize {
            match v {
                serde_json::Value::Array(a) => {
                    a.iter().map(longest).max().unwrap_or(0).max(a.len())
                }
                serde_json::Value::Object(o) => o.values().map(longest).max().unwrap_or(0),
                _ => 0,
            }
        }
        let text = orgpath_model::BUILTIN_JSON;
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let raw = parse_as::<RawDataset>(text.as_bytes(), "builtin").unwrap();
        let items = longest(&value);
        let links = raw.hierarchy.len() + raw.relations.len() + raw.career.transitions.len();
        assert_eq!(list_past(text, items, links), None);
        assert!(matches!(
            list_past(text, items, links - 1),
            Some((_, List::Links(_), _))
        ));
        let (_, _, index) = list_past(text, items - 1, links).unwrap();
        assert_eq!(index, items - 1);
    }

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
