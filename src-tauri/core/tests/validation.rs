//! A fixture per validation rule (tests/fixtures/), each asserting the message and
//! where the problem is.

use std::path::PathBuf;

use orgpath_core::{load_file, Code, Problem, Report};

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel)
}

fn problems(rel: &str) -> Vec<Problem> {
    match load_file(&fixture(rel)) {
        Ok(_) => panic!("{rel} should not load"),
        Err(Report { problems, .. }) => problems,
    }
}

/// The one problem a fixture must produce.
fn only(rel: &str) -> Problem {
    let p = problems(rel);
    assert_eq!(p.len(), 1, "{rel}: expected one problem, got {p:#?}");
    p.into_iter().next().unwrap()
}

fn at(p: &Problem) -> (Option<&str>, Option<u32>, Option<u32>) {
    (p.at.pointer.as_deref(), p.at.line, p.at.column)
}

#[test]
fn valid_file_loads_with_matrix_parents() {
    let d = load_file(&fixture("json/valid_small.json")).unwrap();
    assert_eq!(d.node_count(), 4);
    assert_eq!(d.parents("sre"), ["ops", "dev"]);
    assert_eq!(d.children("co"), ["dev", "ops"]);
    let tree = d.org_tree();
    assert_eq!(tree.roots.len(), 1);
    // Drawn once, under its first parent; the second parent is a matrix link.
    let ops = &tree.roots[0].children[1];
    assert_eq!(ops.children[0].id, "sre");
    assert_eq!(ops.children[0].extra_parents, ["dev"]);
    assert!(tree.roots[0].children[0].children.is_empty());
}

#[test]
fn syntax_error_names_line_and_column() {
    let p = only("json/syntax.json");
    assert_eq!(p.code, Code::Syntax);
    assert_eq!(at(&p), (None, Some(4), Some(3)));
    assert!(p.message.contains("expected `,` or `}`"), "{}", p.message);
    assert!(p.hint.contains("missing comma"), "{}", p.hint);
}

#[test]
fn wrong_shape_names_pointer_and_position() {
    let p = only("json/shape.json");
    assert_eq!(p.code, Code::Shape);
    assert_eq!(p.at.pointer.as_deref(), Some("/nodes/0/kind"));
    assert_eq!(p.at.line, Some(5));
    assert!(
        p.message.contains("unknown variant `wizard`"),
        "{}",
        p.message
    );
    assert!(
        p.message.contains("organisation"),
        "lists the allowed kinds: {}",
        p.message
    );
}

#[test]
fn unknown_field_is_a_shape_problem() {
    let p = only("json/unknown_field.json");
    assert_eq!(p.code, Code::Shape);
    assert!(p.message.contains("unknown field `lable`"), "{}", p.message);
    assert!(
        p.message.contains("label"),
        "suggests the known fields: {}",
        p.message
    );
    assert_eq!(p.at.line, Some(5));
}

#[test]
fn unsupported_format() {
    let p = only("json/format.json");
    assert_eq!(p.code, Code::Format);
    assert_eq!(at(&p), (Some("/format"), Some(2), Some(13)));
    assert!(p.message.contains("orgchart/7"));
    assert!(p.hint.contains("\"format\": \"orgpath/1\""));
}

#[test]
fn missing_and_blank_text() {
    let p = problems("json/missing_text.json");
    assert_eq!(p.len(), 2, "{p:#?}");
    assert_eq!(p[0].code, Code::MissingText);
    // The missing member is located at its object, the label on line 6.
    assert_eq!(at(&p[0]), (Some("/nodes/1/label/en"), Some(6), Some(43)));
    assert_eq!(p[0].message, "English text of node \"b\" is missing");
    assert_eq!(p[1].code, Code::MissingText);
    assert_eq!(at(&p[1]), (Some("/nodes/2/label/ja"), Some(7), Some(51)));
    assert_eq!(p[1].message, "Japanese text of node \"c\" is blank");
}

#[test]
fn duplicate_id_points_at_both() {
    let p = only("json/duplicate_id.json");
    assert_eq!(p.code, Code::DuplicateId);
    assert_eq!(at(&p), (Some("/nodes/1/id"), Some(6), Some(13)));
    assert!(
        p.message.contains("already used at /nodes/0/id (line 5)"),
        "{}",
        p.message
    );
}

#[test]
fn unknown_id_suggests_a_near_match() {
    let p = only("json/unknown_id.json");
    assert_eq!(p.code, Code::UnknownId);
    assert_eq!(at(&p), (Some("/hierarchy/0/parent"), Some(9), Some(33)));
    assert_eq!(p.message, "\"parent\" refers to unknown node \"support\"");
    assert!(
        p.hint.contains("did you mean \"support-team\"?"),
        "{}",
        p.hint
    );
}

#[test]
fn self_loop() {
    let p = only("json/self_loop.json");
    assert_eq!(p.code, Code::SelfLoop);
    assert_eq!(at(&p), (Some("/hierarchy/0/parent"), Some(8), Some(31)));
    assert!(p.message.contains("its own parent"));
}

#[test]
fn cycle_names_its_members_in_order() {
    let p = only("json/cycle.json");
    assert_eq!(p.code, Code::Cycle);
    assert_eq!(
        p.message,
        "the hierarchy goes round in a circle: a → b → c → a"
    );
    assert_eq!(p.at.pointer.as_deref(), Some("/hierarchy/2"));
    assert_eq!(p.at.line, Some(12));
}

#[test]
fn duplicate_edge() {
    let p = only("json/duplicate_edge.json");
    assert_eq!(p.code, Code::DuplicateEdge);
    assert_eq!(at(&p), (Some("/hierarchy/1"), Some(10), Some(5)));
    assert!(p.message.contains("also /hierarchy/0"));
}

#[test]
fn bad_id() {
    let p = only("json/bad_id.json");
    assert_eq!(p.code, Code::BadId);
    assert_eq!(p.at.pointer.as_deref(), Some("/nodes/0/id"));
    assert!(p.message.contains("\"sales team\""));
}

#[test]
fn every_problem_is_reported_at_once() {
    let p = problems("json/many_problems.json");
    let codes: Vec<Code> = p.iter().map(|p| p.code).collect();
    assert_eq!(
        codes,
        [
            Code::MissingText, // meta title en
            Code::DuplicateId, // a twice
            Code::UnknownId,   // group nope
            Code::MissingText, // c label ja
            Code::SelfLoop,    // c under c
            Code::UnknownId,   // parent zzz
            Code::UnknownId,   // kind tells
        ],
        "{p:#?}"
    );
    assert!(
        p.iter().all(|p| p.at.line.is_some()),
        "every problem has a line: {p:#?}"
    );
}

#[test]
fn not_utf8_names_the_position() {
    let dir = std::env::temp_dir().join(format!("orgpath-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("latin1.json");
    std::fs::write(&path, b"{\n  \"format\": \"caf\xe9\"\n}").unwrap();
    let report = load_file(&path).unwrap_err();
    assert_eq!(report.problems[0].code, Code::Encoding);
    assert_eq!(
        (report.problems[0].at.line, report.problems[0].at.column),
        (Some(2), Some(17))
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn missing_file_and_folder_are_clear() {
    let report = load_file(&fixture("json/does-not-exist.json")).unwrap_err();
    assert_eq!(report.problems[0].code, Code::Io);
    assert!(report.problems[0]
        .message
        .starts_with("cannot read the file"));
    let report = load_file(&fixture("json")).unwrap_err();
    assert!(report.problems[0].message.contains("folder"));
}

#[test]
fn report_display_is_file_line_column() {
    let report = load_file(&fixture("json/unknown_id.json")).unwrap_err();
    let text = report.to_string();
    let first = text.lines().next().unwrap();
    assert!(first.ends_with("unknown_id.json:9:33: error[unknown-id]: \"parent\" refers to unknown node \"support\""), "{first}");
    assert!(text.contains("\n  at /hierarchy/0/parent\n"));
    assert!(text.contains("\n  hint: did you mean \"support-team\"?"));
    assert!(
        text.ends_with(&format!("1 problem found in {}", report.file)),
        "{text}"
    );
}

// CSV: basic form.

#[test]
fn csv_with_bom_multiple_parents_and_optional_columns() {
    let d = load_file(&fixture("csv/basic.csv")).unwrap();
    assert_eq!(d.node_count(), 5);
    assert_eq!(d.parents("sre"), ["ops", "dev"]);
    let dev = d.node("dev").unwrap();
    assert_eq!(dev.label.ja, "開発部");
    assert_eq!(dev.label.en, "Development");
    assert_eq!(dev.group.as_deref(), Some("tech"));
    assert_eq!(
        d.node("sre").unwrap().description.as_ref().unwrap().en,
        "Runs, and builds"
    );
    // One name column stands for both languages.
    assert_eq!(d.node("sre").unwrap().label.en, "SRE");
    let lead = d.node("lead").unwrap();
    assert_eq!(lead.title.as_ref().unwrap().ja, "リーダー");
    assert_eq!(lead.kind, orgpath_core::model::NodeKind::Role);
    assert_eq!(d.org_tree().roots.len(), 1);
}

#[test]
fn csv_unknown_parent_names_the_row_and_column() {
    let p = only("csv/unknown_parent.csv");
    assert_eq!(p.code, Code::UnknownId);
    assert_eq!(
        (p.at.line, p.at.column, p.at.field.as_deref()),
        (Some(4), Some(2), Some("parent"))
    );
    assert_eq!(p.message, "row 4: \"parent\" refers to unknown node \"cq\"");
    assert!(p.hint.starts_with("did you mean \"co\""), "{}", p.hint);
    assert_eq!(
        p.at.pointer, None,
        "CSV problems speak rows, not JSON pointers"
    );
}

#[test]
fn csv_missing_header_column() {
    let p = only("csv/missing_header.csv");
    assert_eq!(p.code, Code::Header);
    assert!(p.message.contains("no \"parent\" column"), "{}", p.message);
    assert!(p.hint.contains("id,parent,name"));
}

#[test]
fn csv_bad_quote() {
    let p = only("csv/bad_quote.csv");
    assert_eq!(p.code, Code::Syntax);
    assert_eq!(p.at.line, Some(3));
    assert!(p.message.contains("never closed"), "{}", p.message);
}

#[test]
fn csv_cycle_and_duplicates() {
    let p = only("csv/cycle.csv");
    assert_eq!(p.code, Code::Cycle);
    assert!(p.message.contains("a → b → c → a"), "{}", p.message);
    let p = problems("csv/duplicate.csv");
    let codes: Vec<Code> = p.iter().map(|p| p.code).collect();
    assert_eq!(codes, [Code::DuplicateId, Code::Missing], "{p:#?}");
    assert_eq!(p[0].at.line, Some(3));
    assert_eq!(
        p[0].message,
        "row 3: duplicate node id \"a\": already used at line 2"
    );
    assert_eq!(p[1].at.line, Some(4));
}

#[test]
fn a_huge_file_is_refused_before_reading() {
    let dir = std::env::temp_dir().join(format!("orgpath-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.json");
    // Sparse: 200 MB on paper, nothing on disk.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let report = load_file(&path).unwrap_err();
    let p = &report.problems[0];
    assert_eq!(p.code, Code::TooLarge);
    assert_eq!(
        p.message,
        "the file is 200 MB; orgpath loads files up to 32 MB"
    );
    assert!(p.hint.contains("right file"));
    std::fs::remove_dir_all(&dir).ok();
}
