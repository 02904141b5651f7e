//! A fixture per validation rule (tests/fixtures/), each asserting the message and
//! where the problem is.

use std::path::PathBuf;

use orgpath_explore::{load_file, load_json, Code, Problem, Report};

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures")
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
    assert!(
        p.message.en.contains("expected `,` or `}`"),
        "{}",
        p.message.en
    );
    assert!(p.cli_hint().contains("missing comma"), "{}", p.cli_hint());
}

#[test]
fn wrong_shape_names_pointer_and_position() {
    let p = only("json/shape.json");
    assert_eq!(p.code, Code::Shape);
    assert_eq!(p.at.pointer.as_deref(), Some("/nodes/0/kind"));
    assert_eq!(p.at.line, Some(5));
    assert!(
        p.message.en.contains("unknown variant `wizard`"),
        "{}",
        p.message.en
    );
    assert!(
        p.message.en.contains("organisation"),
        "lists the allowed kinds: {}",
        p.message.en
    );
}

#[test]
fn unknown_field_is_a_shape_problem() {
    let p = only("json/unknown_field.json");
    assert_eq!(p.code, Code::Shape);
    assert!(
        p.message.en.contains("unknown field `lable`"),
        "{}",
        p.message.en
    );
    assert!(
        p.message.en.contains("label"),
        "suggests the known fields: {}",
        p.message.en
    );
    assert_eq!(p.at.line, Some(5));
}

#[test]
fn unsupported_format() {
    let p = only("json/format.json");
    assert_eq!(p.code, Code::Format);
    assert_eq!(at(&p), (Some("/format"), Some(2), Some(13)));
    assert!(p.message.en.contains("orgchart/7"));
    assert!(p.cli_hint().contains("\"format\": \"orgpath/1\""));
}

#[test]
fn missing_and_blank_text() {
    let p = problems("json/missing_text.json");
    assert_eq!(p.len(), 2, "{p:#?}");
    assert_eq!(p[0].code, Code::MissingText);
    // The missing member is located at its object, the label on line 6.
    assert_eq!(at(&p[0]), (Some("/nodes/1/label/en"), Some(6), Some(43)));
    assert_eq!(p[0].message.en, "English text of node \"b\" is missing");
    assert_eq!(p[1].code, Code::MissingText);
    assert_eq!(at(&p[1]), (Some("/nodes/2/label/ja"), Some(7), Some(51)));
    assert_eq!(p[1].message.en, "Japanese text of node \"c\" is blank");
}

#[test]
fn duplicate_id_points_at_both() {
    let p = only("json/duplicate_id.json");
    assert_eq!(p.code, Code::DuplicateId);
    assert_eq!(at(&p), (Some("/nodes/1/id"), Some(6), Some(13)));
    assert!(
        p.message
            .en
            .contains("already used at /nodes/0/id (line 5)"),
        "{}",
        p.message.en
    );
}

#[test]
fn unknown_id_suggests_a_near_match() {
    let p = only("json/unknown_id.json");
    assert_eq!(p.code, Code::UnknownId);
    assert_eq!(at(&p), (Some("/hierarchy/0/parent"), Some(9), Some(33)));
    assert_eq!(
        p.message.en,
        "\"parent\" refers to unknown node \"support\""
    );
    assert!(
        p.cli_hint().contains("did you mean \"support-team\"?"),
        "{}",
        p.cli_hint()
    );
}

#[test]
fn self_loop() {
    let p = only("json/self_loop.json");
    assert_eq!(p.code, Code::SelfLoop);
    assert_eq!(at(&p), (Some("/hierarchy/0/parent"), Some(8), Some(31)));
    assert!(p.message.en.contains("its own parent"));
}

#[test]
fn cycle_names_its_members_in_order() {
    let p = only("json/cycle.json");
    assert_eq!(p.code, Code::Cycle);
    assert_eq!(
        p.message.en,
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
    assert!(p.message.en.contains("also /hierarchy/0"));
}

#[test]
fn bad_id() {
    let p = only("json/bad_id.json");
    assert_eq!(p.code, Code::BadId);
    assert_eq!(p.at.pointer.as_deref(), Some("/nodes/0/id"));
    assert!(p.message.en.contains("\"sales team\""));
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
        .en
        .starts_with("cannot read the file"));
    let report = load_file(&fixture("json")).unwrap_err();
    assert!(report.problems[0].message.en.contains("folder"));
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
    assert_eq!(lead.kind, orgpath_explore::raw::NodeKind::Role);
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
    assert_eq!(
        p.message.en,
        "row 4: \"parent\" refers to unknown node \"cq\""
    );
    assert!(
        p.cli_hint().starts_with("did you mean \"co\""),
        "{}",
        p.cli_hint()
    );
    assert_eq!(
        p.at.pointer, None,
        "CSV problems speak rows, not JSON pointers"
    );
}

#[test]
fn csv_missing_header_column() {
    let p = only("csv/missing_header.csv");
    assert_eq!(p.code, Code::Header);
    assert!(
        p.message.en.contains("no \"parent\" column"),
        "{}",
        p.message.en
    );
    assert!(p.cli_hint().contains("id,parent,name"));
}

#[test]
fn csv_bad_quote() {
    let p = only("csv/bad_quote.csv");
    assert_eq!(p.code, Code::Syntax);
    assert_eq!(p.at.line, Some(3));
    assert!(p.message.en.contains("never closed"), "{}", p.message.en);
}

#[test]
fn csv_cycle_and_duplicates() {
    let p = only("csv/cycle.csv");
    assert_eq!(p.code, Code::Cycle);
    assert!(p.message.en.contains("a → b → c → a"), "{}", p.message.en);
    let p = problems("csv/duplicate.csv");
    let codes: Vec<Code> = p.iter().map(|p| p.code).collect();
    assert_eq!(codes, [Code::DuplicateId, Code::Missing], "{p:#?}");
    assert_eq!(p[0].at.line, Some(3));
    assert_eq!(
        p[0].message.en,
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
        p.message.en,
        "the file is 200 MB; orgpath loads files up to 32 MB"
    );
    assert!(p.cli_hint().contains("right file"));
    std::fs::remove_dir_all(&dir).ok();
}

// Tours.

#[test]
fn every_tour_problem_is_reported_with_where_and_a_hint() {
    let p = problems("json/tour_problems.json");
    let got: Vec<(Code, &str, u32, u32, &str)> = p
        .iter()
        .map(|p| {
            (
                p.code,
                p.at.pointer.as_deref().unwrap_or(""),
                p.at.line.unwrap_or(0),
                p.at.column.unwrap_or(0),
                p.message.en.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                Code::DuplicateId,
                "/tours/2/id",
                36,
                13,
                "duplicate tour id \"t1\": already used at /tours/0/id (line 25)"
            ),
            (
                Code::MissingText,
                "/tours/0/title/en",
                26,
                36,
                "English text of tour \"t1\" is blank"
            ),
            (
                Code::BadValue,
                "/tours/0/steps/0/view",
                28,
                18,
                "unknown view \"relationship\""
            ),
            (
                Code::BadValue,
                "/tours/0/steps/1/focus",
                29,
                34,
                "\"focus\" applies to the relationships view only, not the org view"
            ),
            (
                Code::UnknownId,
                "/tours/0/steps/1/spotlight/0",
                29,
                59,
                "\"spotlight\" refers to unknown id \"suport\""
            ),
            (
                Code::NotInView,
                "/tours/0/steps/1/spotlight/1",
                29,
                69,
                "\"junior\" is not drawn in the org view"
            ),
            (
                Code::UnknownId,
                "/tours/0/steps/2/edges/0/to",
                30,
                80,
                "\"to\" refers to unknown id \"nowhere\""
            ),
            (
                Code::BadValue,
                "/tours/0/steps/2/camera/zoom",
                30,
                131,
                "zoom 5 is out of range"
            ),
            (
                Code::MissingText,
                "/tours/0/steps/2/caption/en",
                30,
                146,
                "English text of the caption of tour \"t1\", step 3 is missing"
            ),
            (
                Code::NotInView,
                "/tours/0/steps/3/edges/0/to",
                31,
                97,
                "\"co\" is not drawn in the relationships view around \"support\""
            ),
            (
                Code::UnknownId,
                "/tours/0/steps/3/source",
                31,
                153,
                "\"source\" refers to unknown source passage \"nope\""
            ),
            (
                Code::Empty,
                "/tours/1/steps",
                34,
                64,
                "tour \"t2\" has no steps"
            ),
            (
                Code::NotInView,
                "/tours/2/steps/0/edges/0",
                38,
                64,
                "no link between \"clients\" and \"support\" is drawn in the org view"
            ),
        ],
        "{p:#?}"
    );
    let hint = |i: usize| p[i].cli_hint();
    assert_eq!(
        hint(2),
        "did you mean \"relationships\"? The views are \"org\", \"relationships\", \"career\", \"flow\""
    );
    assert_eq!(hint(4), "did you mean \"support\"?");
    assert_eq!(
        hint(5),
        "the career view draws it: make that this step's \"view\", or name a card this view draws"
    );
    assert_eq!(
        hint(6),
        "known card ids: \"ask\", \"reply\" (cards the flow view draws)"
    );
    assert!(
        hint(7).contains("0.25") && hint(7).contains("4"),
        "{}",
        hint(7)
    );
    assert!(
        hint(9).starts_with("the org view draws it") && hint(9).contains("\"focus\""),
        "{}",
        hint(9)
    );
    assert_eq!(
        hint(12),
        "\"clients\" has no links in this view; remove this entry"
    );
}

#[test]
fn a_valid_tour_loads_with_its_steps() {
    let d = load_file(&fixture("json/tour_valid.json")).unwrap();
    let tour = d.tour("intro").unwrap();
    assert_eq!(tour.steps.len(), 3);
    assert_eq!(tour.title.en, "A small company, introduced");
    let flow = &tour.steps[1];
    assert_eq!(flow.view, orgpath_explore::scene::View::Flow);
    assert_eq!(flow.edges, [("ask".to_owned(), "look".to_owned())]);
    assert_eq!(flow.camera.as_ref().map(|c| c.zoom), Some(2.0));
    assert!(tour.steps[2].spotlight.is_empty());
}

#[test]
fn a_step_may_light_a_link_in_either_direction_and_zoom_at_the_limits() {
    let text = std::fs::read_to_string(fixture("json/tour_valid.json")).unwrap();
    let text = text
        .replace(
            r#""edges": [{"from": "ask", "to": "look"}]"#,
            r#""edges": [{"from": "look", "to": "ask"}]"#,
        )
        .replace(r#""zoom": 2"#, r#""zoom": 4"#);
    assert!(orgpath_explore::load_json(text.as_bytes(), "reversed.json").is_ok());
    for bad in ["4.01", "0.2", "0"] {
        let t = text.replace(r#""zoom": 4"#, &format!(r#""zoom": {bad}"#));
        let report = orgpath_explore::load_json(t.as_bytes(), "zoom.json").unwrap_err();
        assert_eq!(report.problems.len(), 1, "{report}");
        assert_eq!(report.problems[0].code, Code::BadValue);
    }
}

#[test]
fn a_step_follows_a_worked_example_whose_every_step_leads_to_the_next() {
    let text = std::fs::read_to_string(fixture("json/tour_valid.json")).unwrap();
    let links = r#""links": [{"from": "ask", "to": "look"}, {"from": "look", "to": "reply"}]"#;
    let with = |path: &str, flow_step: &str, org_step: &str| {
        text.replace(
            links,
            &format!(
                r#"{links}, "examples": [{{"id": "ex", "label": {{"ja": "例", "en": "Example"}}, "description": {{"ja": "説明", "en": "About"}}, "path": {path}}}]"#
            ),
        )
        .replace(r#""spotlight": ["look"],"#, flow_step)
        .replace(r#""view": "org","#, org_step)
    };
    let path = r#"["ask", "look", "reply"]"#;
    let follows = r#""spotlight": [], "example": "ex","#;
    let d = load_json(
        with(path, follows, r#""view": "org","#).as_bytes(),
        "ex.json",
    )
    .unwrap();
    let step = &d.tour("intro").unwrap().steps[1];
    assert_eq!(step.route, ["ask", "look", "reply"]);
    assert_eq!(step.spotlight, ["ask", "look", "reply"]);

    let refused = |text: String| {
        let report = load_json(text.as_bytes(), "ex.json").unwrap_err();
        assert_eq!(report.problems.len(), 1, "{report}");
        let p = report.problems[0].clone();
        (p.code, p.at.pointer.unwrap_or_default(), p.message.en)
    };
    let unknown = r#""spotlight": [], "example": "nope","#;
    assert_eq!(
        refused(with(path, unknown, r#""view": "org","#)),
        (
            Code::UnknownId,
            "/tours/0/steps/1/example".to_owned(),
            "no worked example has the id \"nope\"".to_owned()
        )
    );
    let (code, pointer, _) = refused(with(path, follows, r#""view": "org", "example": "ex","#));
    assert_eq!(
        (code, pointer.as_str()),
        (Code::BadValue, "/tours/0/steps/2/example")
    );
    let (code, pointer, message) =
        refused(with(r#"["ask", "reply"]"#, follows, r#""view": "org","#));
    assert_eq!(
        (code, pointer.as_str()),
        (Code::NotInView, "/tours/0/steps/1/example")
    );
    assert!(message.contains("from \"ask\" to \"reply\""), "{message}");
}

#[test]
fn a_name_or_description_past_its_length_limit_is_placed_measured_and_refused() {
    use orgpath_explore::limits::{MAX_NAME_CHARS, MAX_TEXT_CHARS};
    let text = std::fs::read_to_string(fixture("json/valid_small.json")).unwrap();
    let with = |dev_en: &str, sre_ja: &str, description: &str| {
        text.replace(r#""en": "Development""#, &format!(r#""en": "{dev_en}""#))
            .replace(r#""ja": "SRE チーム""#, &format!(r#""ja": "{sre_ja}""#))
            .replace(
                r#""en": "Company" }"#,
                &format!(
                    r#""en": "Company" }}, "description": {{ "ja": "{description}", "en": "x" }}"#
                ),
            )
    };
    // At the limits, which count characters: 500 kanji are 1,500 bytes.
    let fits = with(
        &"x".repeat(MAX_NAME_CHARS),
        &"長".repeat(MAX_NAME_CHARS),
        &"説".repeat(MAX_TEXT_CHARS),
    );
    assert!(load_json(fits.as_bytes(), "fits.json").is_ok());

    let over = with(
        &"x".repeat(MAX_NAME_CHARS + 1),
        &"長".repeat(100_000),
        &"説".repeat(MAX_TEXT_CHARS + 1),
    );
    let started = std::time::Instant::now();
    let report = load_json(over.as_bytes(), "over.json").unwrap_err();
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    let got: Vec<_> = report.problems.iter().map(|p| (p.code, at(p))).collect();
    assert_eq!(
        got,
        [
            (
                Code::TooLong,
                (Some("/nodes/0/description/ja"), Some(5), Some(108))
            ),
            (
                Code::TooLong,
                (Some("/nodes/1/label/en"), Some(6), Some(72))
            ),
            (
                Code::TooLong,
                (Some("/nodes/3/label/ja"), Some(8), Some(53))
            ),
        ],
        "{report}"
    );
    let [description, label, kanji] = &report.problems[..] else {
        unreachable!()
    };
    assert_eq!(
        description.message.en,
        "the Japanese description of node \"co\" is 10001 characters long; orgpath takes up to 10000 characters in a description, caption, note or quote"
    );
    assert_eq!(
        label.message.en,
        "the English label of node \"dev\" is 501 characters long; orgpath takes up to 500 characters in a label, title or name"
    );
    assert!(label.cli_hint().contains("shorten it") && label.cli_hint().contains("description"));
    assert!(
        kanji.message.en.contains("is 100000 characters long"),
        "{}",
        kanji.message.en
    );
    assert!(
        description.cli_hint().starts_with("shorten it"),
        "{}",
        description.cli_hint()
    );
}

#[test]
fn every_kind_of_text_is_held_to_its_limit() {
    use orgpath_explore::limits::{MAX_NAME_CHARS, MAX_TEXT_CHARS};
    use serde_json::Value;

    /// Makes the first text of each kind in `v` (the first node's English label, the
    /// first step's caption...) one character too long, returning their pointers:
    /// names, then prose.
    fn lengthen(v: &mut Value) -> (Vec<String>, Vec<String>) {
        let mut seen = std::collections::HashSet::new();
        let mut found = (Vec::new(), Vec::new());
        let mut todo = vec![(v, String::new(), String::new())];
        while let Some((v, pointer, field)) = todo.pop() {
            match v {
                Value::Object(map) => {
                    for (k, v) in map.iter_mut() {
                        todo.push((v, format!("{pointer}/{k}"), k.clone()));
                    }
                }
                Value::Array(items) => {
                    for (i, v) in items.iter_mut().enumerate() {
                        todo.push((v, format!("{pointer}/{i}"), field.clone()));
                    }
                }
                Value::String(s) => {
                    let parent = pointer.rsplit('/').nth(1).unwrap_or_default();
                    let prose = match (field.as_str(), parent) {
                        ("ja" | "en", "description" | "caption" | "notes") => true,
                        ("ja" | "en", _) | ("title" | "author" | "date", "source") => false,
                        ("quote", _) | ("url", "source") => true,
                        _ => continue,
                    };
                    let kind: Vec<&str> = pointer
                        .split('/')
                        .map(|t| if t.parse::<usize>().is_ok() { "*" } else { t })
                        .collect();
                    if !seen.insert(kind.join("/")) {
                        continue;
                    }
                    let limit = if prose {
                        MAX_TEXT_CHARS
                    } else {
                        MAX_NAME_CHARS
                    };
                    // Different in each language: one text standing for both is
                    // reported once.
                    let c = if pointer.ends_with("/en") { "y" } else { "x" };
                    *s = c.repeat(limit + 1);
                    if prose { &mut found.1 } else { &mut found.0 }.push(pointer);
                }
                _ => {}
            }
        }
        found
    }

    // The built-in dataset has every kind of item: groups, tracks, capabilities,
    // flows with examples, tours, passages and a source document.
    let raw: orgpath_explore::raw::RawDataset =
        serde_json::from_str(orgpath_explore::BUILTIN_JSON).unwrap();
    let mut value = serde_json::to_value(&raw).unwrap();
    if let Some(source) = value.pointer_mut("/meta/source") {
        source["url"] = Value::String("https://example.com/".into());
    }
    let (names, prose) = lengthen(&mut value);
    assert!(
        names.len() >= 20 && prose.len() >= 12,
        "{names:#?} {prose:#?}"
    );
    let raw: orgpath_explore::raw::RawDataset = serde_json::from_value(value).unwrap();
    let problems = orgpath_explore::validate::validate(
        &raw,
        &orgpath_explore::validate::PointerOnly,
        &orgpath_explore::ViewDrawings,
    )
    .unwrap_err();
    let mut reported: Vec<&str> = problems
        .iter()
        .filter_map(|p| p.at.pointer.as_deref())
        .collect();
    reported.sort_unstable();
    let mut expected: Vec<&str> = names.iter().chain(&prose).map(String::as_str).collect();
    expected.sort_unstable();
    assert_eq!(reported, expected, "{problems:#?}");
    // Each is held to its own limit.
    for p in &problems {
        assert_eq!(p.code, Code::TooLong);
        let pointer = p.at.pointer.as_deref().unwrap_or_default();
        let limit = if prose.iter().any(|q| q == pointer) {
            MAX_TEXT_CHARS
        } else {
            MAX_NAME_CHARS
        };
        assert!(
            p.message.en.contains(&format!(
                " is {} characters long; orgpath takes up to {limit} ",
                limit + 1
            )),
            "{p}"
        );
    }
}
