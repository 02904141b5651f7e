//! Every problem, warning and notice in Japanese as well as English, and in the window's
//! words: checked twice. Once on what the loaders say about every fixture (the bad and
//! hostile files, the CSV and JSON fixtures, files made here for the rest), and once
//! on the loaders' source, so that a message no fixture reaches is checked too.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use orgpath_explore::{load_csv_with, load_path, Code, Encoding, LoadOptions, Problem, Report};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

/// Hiragana, katakana or a kanji: text a Japanese reader reads as Japanese.
fn japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3041}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'))
}

/// Every file under `dir`, recursively, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else if p.is_file() {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// The problems a load gives: its report when refused, its warnings and notices when
/// opened.
fn said(result: Result<orgpath_explore::Loaded, Report>) -> Vec<Problem> {
    match result {
        Ok(loaded) => loaded.dataset.notices().to_vec(),
        Err(report) => report.problems,
    }
}

/// What is wrong with one problem's words, if anything.
fn check(p: &Problem) -> Vec<String> {
    let mut wrong = Vec::new();
    for (what, text) in [("message", &p.message), ("hint", &p.hint)] {
        if text.ja.trim().is_empty() || text.en.trim().is_empty() {
            wrong.push(format!("{what}: a language is empty"));
        }
        if text.ja == text.en {
            wrong.push(format!("{what}: the Japanese is the English"));
        }
        if !japanese(&text.ja) {
            wrong.push(format!("{what}: the Japanese has no Japanese in it"));
        }
    }
    // The window offers its own steps, never the command line's flags.
    for hint in [&p.hint.en, &p.hint.ja] {
        if hint.contains("--") || hint.contains("command line") || hint.contains("`orgpath") {
            wrong.push(format!("the window's hint names the command line: {hint}"));
        }
    }
    wrong
}

/// Loads made here for the problems no fixture file has: a chosen encoding that does
/// not fit, a column map naming an unknown field or a missing column, a relations file
/// that is not there, a header that repeats a field, a photo that is not a picture.
fn made_here() -> Vec<Problem> {
    let dir = std::env::temp_dir().join(format!("orgpath-japanese-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("not-a-photo.png"), "not a picture").unwrap();
    let people = dir.join("people.csv");
    std::fs::write(
        &people,
        "id,parent,name,photo\na,,A,not-a-photo.png\nb,a,B,missing.jpg\nc,a,C,https://example.com/c.jpg\n",
    )
    .unwrap();
    let mut out = said(load_path(&people, &LoadOptions::default()));
    let csv = "id,parent,name\nsales,,営業部\n".as_bytes();
    let with = |options: LoadOptions| match load_csv_with(csv, "x.csv", &options) {
        Ok(_) => Vec::new(),
        Err(r) => r.problems,
    };
    out.extend(with(LoadOptions {
        encoding: Encoding::Utf16,
        ..LoadOptions::default()
    }));
    for map in [("nickname", "name"), ("name", "FullName")] {
        out.extend(with(LoadOptions {
            map: vec![(map.0.into(), map.1.into())],
            ..LoadOptions::default()
        }));
    }
    out.extend(with(LoadOptions {
        relations: Some(dir.join("no-such-links.csv")),
        ..LoadOptions::default()
    }));
    let long = format!(
        "id,parent,name\na,,{}\n",
        "長".repeat(orgpath_explore::limits::MAX_NAME_CHARS + 1)
    );
    out.extend(
        load_csv_with(long.as_bytes(), "long.csv", &LoadOptions::default())
            .err()
            .map_or_else(Vec::new, |r| r.problems),
    );
    let twice = "id,parent,name,氏名\na,,A,Aさん\n".as_bytes();
    out.extend(
        load_csv_with(twice, "twice.csv", &LoadOptions::default())
            .err()
            .map_or_else(Vec::new, |r| r.problems),
    );
    std::fs::remove_dir_all(&dir).unwrap();
    out
}

#[test]
fn every_problem_the_loaders_give_is_in_japanese_and_the_windows_words() {
    let fixtures = root().join("tests/fixtures");
    let mut problems: Vec<(String, Problem)> = Vec::new();
    for file in files_under(&fixtures) {
        let rel = file.strip_prefix(&fixtures).unwrap().display().to_string();
        // The pinned CLI messages and the notes are not datasets.
        if rel.starts_with("bad/expected") || rel.ends_with(".md") || rel.ends_with("LICENSE") {
            continue;
        }
        for p in said(load_path(&file, &LoadOptions::default())) {
            problems.push((rel.clone(), p));
        }
    }
    for p in made_here() {
        problems.push(("(made here)".into(), p));
    }
    let mut failures = Vec::new();
    for (file, p) in &problems {
        for wrong in check(p) {
            failures.push(format!(
                "{file}: [{}] {}: {wrong}",
                p.code.as_str(),
                p.message.en
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The check saw every kind of problem a file can have (the tours' NotInView and
    // the rest included), and the hints that differ on the command line.
    let seen: BTreeSet<&str> = problems.iter().map(|(_, p)| p.code.as_str()).collect();
    for code in [
        Code::Io,
        Code::TooLong,
        Code::Encoding,
        Code::Syntax,
        Code::Shape,
        Code::Format,
        Code::Missing,
        Code::MissingText,
        Code::BadId,
        Code::DuplicateId,
        Code::UnknownId,
        Code::SelfLoop,
        Code::Cycle,
        Code::DuplicateEdge,
        Code::Header,
        Code::Empty,
        Code::BadValue,
        Code::NotInView,
        Code::Photo,
        Code::TooLarge,
    ] {
        assert!(
            seen.contains(code.as_str()),
            "no fixture gives a {} problem: {seen:?}",
            code.as_str()
        );
    }
    assert!(
        problems.iter().any(|(_, p)| p.cli_hint.is_some()),
        "some hints name command-line flags"
    );
}

#[test]
fn a_header_problem_offers_the_windows_mapping_step_and_the_command_line_its_flag() {
    let csv = "code,parent,name\nsales,,営業部\n".as_bytes();
    let r = load_csv_with(csv, "x.csv", &LoadOptions::default()).unwrap_err();
    let p = &r.problems[0];
    assert_eq!(p.code, Code::Header);
    assert!(p.hint.en.contains("Map columns…"), "{}", p.hint.en);
    assert!(p.hint.ja.contains("列を対応づける…"), "{}", p.hint.ja);
    assert!(
        p.cli_hint()
            .contains("--map id=<column> on the command line"),
        "{}",
        p.cli_hint()
    );
    assert!(
        p.message.ja.starts_with("見出しに「id」の列がありません"),
        "{}",
        p.message.ja
    );
    // The printed report and `validate --json` say the command line's words.
    assert!(r.to_string().contains("--map id=<column>"), "{r}");
    let json = serde_json::to_value(r.cli()).unwrap();
    assert_eq!(json[0]["hint"], p.cli_hint());
    assert_eq!(json[0]["message"], p.message.en.as_str());
}

/// One string literal of Rust source at the start of `s` (after blanks): its text with
/// the escapes the loaders use undone, and the rest of `s` after it.
fn literal(s: &str) -> Option<(String, &str)> {
    let s = s.trim_start();
    let body = s.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &body[i + 1..])),
            '\\' => {
                let (_, e) = chars.next()?;
                out.push(if e == 'n' { '\n' } else { e });
            }
            _ => out.push(c),
        }
    }
    None
}

/// A text made only of what it passes on (`"{all}"`), with nothing to translate.
fn only_placeholders(s: &str) -> bool {
    let mut depth = 0;
    s.chars().all(|c| {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        depth > 0 || c == '}'
    })
}

#[test]
fn every_text_the_loaders_write_has_its_japanese() {
    let src = root().join("src-tauri/crates/load/src");
    let mut checked = 0;
    let mut failures = Vec::new();
    for file in files_under(&src) {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        for (at, _) in text.match_indices("both!(") {
            let rest = &text[at + "both!(".len()..];
            let Some((en, rest)) = literal(rest) else {
                continue; // the macro's own definition
            };
            let Some((ja, _)) = rest.trim_start().strip_prefix(',').and_then(literal) else {
                failures.push(format!("{name}: both!({en:?} …) has no second text"));
                continue;
            };
            checked += 1;
            let passes_on = only_placeholders(&en) && en == ja;
            // A name in Japanese brackets ("{ja}「{id}」") is the Japanese form too.
            let has_japanese = japanese(&ja) || ja.contains('「');
            if !passes_on && (!has_japanese || ja == en) {
                failures.push(format!("{name}: {en:?} has no Japanese: {ja:?}"));
            }
        }
    }
    assert!(checked > 150, "only {checked} texts found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
