//! CSV files as real exports write them: columns named in many ways, first and last
//! names apart, extra columns, a relations file beside the nodes file, a manifest
//! tying them together, and the encodings spreadsheets save in. Each problem names
//! its file, row and column.

use std::path::{Path, PathBuf};

use orgpath_explore::raw::{HierarchyKind, NodeKind};
use orgpath_explore::scene::{Lang, View};
use orgpath_explore::view_model::details;
use orgpath_explore::views::{self, SceneOptions};
use orgpath_explore::{
    csv_header, load_csv, load_csv_with, load_path, parse_map, Code, Dataset, Encoding,
    LoadOptions, Problem, Report,
};

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures")
        .join(rel)
}

fn load(text: &str) -> Dataset {
    load_csv(text.as_bytes(), "org.csv").unwrap_or_else(|r| panic!("{r}"))
}

fn load_mapped(text: &str, map: &str) -> Result<Dataset, Report> {
    let options = LoadOptions {
        map: parse_map(map).unwrap(),
        ..LoadOptions::default()
    };
    load_csv_with(text.as_bytes(), "org.csv", &options)
}

fn problems(text: &str) -> Vec<Problem> {
    match load_csv(text.as_bytes(), "org.csv") {
        Ok(_) => panic!("expected problems in:\n{text}"),
        Err(r) => r.problems,
    }
}

/// A folder of its own under the system's temporary folder, emptied first.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("orgpath-csv-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

// Column names.

#[test]
fn every_listed_spelling_of_id_parent_and_name_is_recognised() {
    for id in [
        "id",
        "ID",
        "employee_id",
        "Employee ID",
        "社員番号",
        "部署コード",
    ] {
        for parent in [
            "parent",
            "parentId",
            "parent_id",
            "Parent ID",
            "manager_id",
            "ManagerID",
            "reports_to",
            "上司ID",
            "上司",
            "親部署",
        ] {
            for name in ["name", "full_name", "FullName", "氏名", "名前", "部署名"] {
                let text = format!("{id},{parent},{name}\nco,,会社\ndev,co,開発部\n");
                let d = load_csv(text.as_bytes(), "org.csv")
                    .unwrap_or_else(|r| panic!("header {id},{parent},{name}: {r}"));
                assert_eq!(d.parents("dev"), ["co"], "{text}");
                assert_eq!(d.node("dev").unwrap().label.ja, "開発部", "{text}");
            }
        }
    }
}

#[test]
fn title_group_and_english_columns_are_recognised_in_their_variants() {
    for title in ["title", "position", "job_title", "Job Title", "役職"] {
        for group in ["group", "department", "Department", "部署", "部門"] {
            let text = format!(
                "id,parent,name,{title},{group},name_en\nco,,会社,,,Company\nlead,co,田中,部長,営業 東日本,Tanaka\n"
            );
            let d = load(&text);
            let lead = d.node("lead").unwrap();
            assert_eq!(lead.title.as_ref().unwrap().ja, "部長", "{title}");
            // A plain title makes a role; a job position says the rows are people.
            let kind = if title == "title" {
                NodeKind::Role
            } else {
                NodeKind::Person
            };
            assert_eq!(lead.kind, kind, "{title}");
            assert_eq!(lead.group.as_deref(), Some("営業-東日本"), "{group}");
            assert_eq!(d.group("営業-東日本").unwrap().label.ja, "営業 東日本");
            assert_eq!(lead.label.en, "Tanaka");
        }
    }
}

#[test]
fn a_manager_column_makes_reports_to_lines_and_a_parent_column_part_of_lines() {
    let d = load("id,manager_id,name\na,,A\nb,a,B\n");
    assert_eq!(
        d.hierarchy().collect::<Vec<_>>(),
        [("b", "a", HierarchyKind::ReportsTo)]
    );
    let d = load("id,parent,name\na,,A\nb,a,B\n");
    assert_eq!(
        d.hierarchy().collect::<Vec<_>>(),
        [("b", "a", HierarchyKind::PartOf)]
    );
}

#[test]
fn first_and_last_names_join_in_the_order_of_their_language() {
    let d = load("id,parent,姓,名\n1,,山田,太郎\n2,1,Lovelace,Ada\n");
    assert_eq!(d.node("1").unwrap().label.ja, "山田 太郎");
    assert_eq!(d.node("1").unwrap().label.en, "山田 太郎");
    assert_eq!(d.node("2").unwrap().label.en, "Ada Lovelace");
    let d = load("id,parent,first_name,last_name\n1,,Ada,\n");
    assert_eq!(
        d.node("1").unwrap().label.en,
        "Ada",
        "one part alone is the name"
    );
    // A name column says it all: the parts are kept as attributes.
    let d = load("id,parent,name,first_name,last_name\n1,,A. Lovelace,Ada,Lovelace\n");
    let n = d.node("1").unwrap();
    assert_eq!(n.label.en, "A. Lovelace");
    let attrs: Vec<(&str, &str)> = n
        .attributes
        .iter()
        .map(|a| (a.name.as_str(), a.value.as_str()))
        .collect();
    assert_eq!(attrs, [("first_name", "Ada"), ("last_name", "Lovelace")]);
}

#[test]
fn a_header_without_the_required_columns_lists_them_and_says_how_to_map() {
    let p = problems("EmpNo,Boss,FullName,Email\n1,,Sato,\n");
    let got: Vec<(Code, Option<&str>)> =
        p.iter().map(|p| (p.code, p.at.field.as_deref())).collect();
    assert_eq!(
        got,
        [(Code::Header, Some("id")), (Code::Header, Some("parent"))]
    );
    assert_eq!(p[1].at.line, Some(1));
    assert!(
        p[1].message.en.starts_with(
            "the header has no \"parent\" column (parent or manager id (empty for the top); found: \"EmpNo\", \"Boss\", \"FullName\", \"Email\")"
        ),
        "{}",
        p[1].message.en
    );
    assert!(
        p[1].cli_hint().contains("--map parent=<column>"),
        "{}",
        p[1].cli_hint()
    );
    assert!(
        p[1].cli_hint().contains("column-mapping step"),
        "{}",
        p[1].cli_hint()
    );
    assert!(
        p[1].cli_hint().contains("manager_id"),
        "{}",
        p[1].cli_hint()
    );
}

#[test]
fn two_columns_for_one_field_are_a_problem_until_the_map_chooses() {
    let text = "id,社員番号,parent,name\na,1,,A\n";
    let p = problems(text);
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(p[0].code, Code::Header);
    assert_eq!(
        p[0].message.en,
        "columns \"id\" and \"社員番号\" both look like the id column"
    );
    assert_eq!((p[0].at.line, p[0].at.column), (Some(1), Some(2)));
    assert!(
        p[0].cli_hint().contains("--map id=<column>"),
        "{}",
        p[0].cli_hint()
    );
    let d = load_mapped(text, "id=社員番号").unwrap();
    let n = d.node("1").unwrap();
    assert_eq!(n.attributes[0].name, "id", "the other column is kept");
    assert_eq!(n.attributes[0].value, "a");
}

// The map.

#[test]
fn an_explicit_map_overrides_recognition() {
    let text = "EmpNo,Boss,name,FullName\n1,,x,Sato Hanako\n2,1,y,Suzuki Ichiro\n";
    let d = load_mapped(text, "id=EmpNo,parent=Boss,name=FullName").unwrap();
    assert_eq!(d.parents("2"), ["1"]);
    let n = d.node("2").unwrap();
    assert_eq!(n.label.en, "Suzuki Ichiro");
    assert_eq!(n.attributes.len(), 1, "the unmapped name column is kept");
    assert_eq!(
        (
            n.attributes[0].name.as_str(),
            n.attributes[0].value.as_str()
        ),
        ("name", "y")
    );
    // Case and spaces in the map's column names do not matter.
    let d = load_mapped(text, "id=empno, parent = boss, name=full name").unwrap();
    assert_eq!(d.node("1").unwrap().label.en, "Sato Hanako");
}

#[test]
fn a_map_naming_a_missing_column_says_which_columns_there_are() {
    let err = load_mapped("EmpNo,Boss,FullName\n1,,A\n", "id=EmpNo,parent=Bos").unwrap_err();
    assert_eq!(err.problems.len(), 1, "{err}");
    let p = &err.problems[0];
    assert_eq!(p.code, Code::Header);
    assert_eq!(p.at.field.as_deref(), Some("Bos"));
    assert_eq!(
        p.message.en,
        "the column map gives parent the column \"Bos\", but the header has no such column (columns: \"EmpNo\", \"Boss\", \"FullName\")"
    );
    assert!(
        p.cli_hint().starts_with("did you mean \"Boss\"?"),
        "{}",
        p.cli_hint()
    );
}

#[test]
fn a_map_of_unknown_fields_is_refused_before_reading() {
    let e = parse_map("boss=ManagerID").unwrap_err();
    assert!(e.starts_with("unknown field \"boss\""), "{e}");
    assert!(e.contains("relations.source"), "{e}");
    // Through LoadOptions directly (the window), too.
    let options = LoadOptions {
        map: vec![("boss".into(), "x".into())],
        ..LoadOptions::default()
    };
    let err = load_csv_with(b"id,parent,name\na,,A\n", "org.csv", &options).unwrap_err();
    assert_eq!(err.problems[0].code, Code::BadValue, "{err}");
    assert!(err.problems[0].message.en.contains("\"boss\""), "{err}");
}

// Extra columns.

#[test]
fn extra_columns_are_kept_in_order_and_reach_the_details_panel() {
    let text = "id,Email,parent,name,内線,Location\nco,,,Company,,\ndev,dev@example.com,co,Dev,123,Tokyo\n";
    let d = load(text);
    assert!(
        d.node("co").unwrap().attributes.is_empty(),
        "empty cells are skipped"
    );
    let shown = details(&d, "dev").unwrap().attributes;
    let shown: Vec<(&str, &str)> = shown
        .iter()
        .map(|a| (a.name.as_str(), a.value.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("Email", "dev@example.com"),
            ("内線", "123"),
            ("Location", "Tokyo")
        ]
    );
}

#[test]
fn attributes_are_part_of_the_json_format_too() {
    let json = r#"{"format":"orgpath/1","meta":{"title":{"ja":"t","en":"t"}},
        "nodes":[{"id":"a","kind":"team","label":{"ja":"A","en":"A"},
                  "attributes":[{"name":"Email","value":"a@example.com"},{"name":" ","value":"x"}]}]}"#;
    let err = orgpath_explore::load_json(json.as_bytes(), "a.json").unwrap_err();
    assert_eq!(err.problems.len(), 1, "{err}");
    assert_eq!(err.problems[0].code, Code::Missing);
    assert_eq!(
        err.problems[0].at.pointer.as_deref(),
        Some("/nodes/0/attributes/1/name")
    );
    let d = orgpath_explore::load_json(
        json.replace("\"name\":\" \"", "\"name\":\"Room\"")
            .as_bytes(),
        "a.json",
    )
    .unwrap();
    assert_eq!(details(&d, "a").unwrap().attributes[1].name, "Room");
}

// Values.

#[test]
fn illustrative_takes_yes_and_no_in_english_and_japanese() {
    let mut text = String::from("id,parent,name,illustrative\nroot,,R,\n");
    let values = [
        ("yes", true),
        ("no", false),
        ("TRUE", true),
        ("false", false),
        ("1", true),
        ("0", false),
        ("はい", true),
        ("いいえ", false),
        ("例", true),
        ("", false),
    ];
    for (i, (v, _)) in values.iter().enumerate() {
        text.push_str(&format!("n{i},root,N,{v}\n"));
    }
    let d = load(&text);
    for (i, (v, expected)) in values.iter().enumerate() {
        assert_eq!(
            d.node(&format!("n{i}")).unwrap().illustrative,
            *expected,
            "{v}"
        );
    }
    let p = problems("id,parent,name,Example\na,,A,maybe\n");
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(p[0].code, Code::BadValue);
    assert_eq!(
        (p[0].at.line, p[0].at.column, p[0].at.field.as_deref()),
        (Some(2), Some(4), Some("Example"))
    );
    assert_eq!(p[0].message.en, "row 2: \"maybe\" is not yes or no");
    assert!(
        p[0].cli_hint().contains("はい/いいえ"),
        "{}",
        p[0].cli_hint()
    );
}

#[test]
fn description_en_pairs_with_description_and_either_stands_for_both() {
    let d = load(
        "id,parent,name,description,description_en\na,,A,作る,Builds\nb,a,B,作る,\nc,a,C,,Runs\n",
    );
    let desc = |id: &str| {
        let t = d.node(id).unwrap().description.clone().unwrap();
        (t.ja, t.en)
    };
    assert_eq!(desc("a"), ("作る".into(), "Builds".into()));
    assert_eq!(desc("b"), ("作る".into(), "作る".into()));
    assert_eq!(desc("c"), ("Runs".into(), "Runs".into()));
}

#[test]
fn kinds_are_read_in_english_or_japanese_and_unknown_ones_named() {
    let d = load("id,parent,name,kind\nco,,C,Organization\nd,co,D,部門\nt,d,T,team\n");
    assert_eq!(d.node("co").unwrap().kind, NodeKind::Organisation);
    assert_eq!(d.node("d").unwrap().kind, NodeKind::Department);
    // A row problem and a validation problem are reported together, in row order.
    let p = problems("id,parent,name,kind\nco,,C,\nx,nobody,X,\ny,co,Y,squad\n");
    let got: Vec<(Code, Option<u32>)> = p.iter().map(|p| (p.code, p.at.line)).collect();
    assert_eq!(
        got,
        [(Code::UnknownId, Some(3)), (Code::Shape, Some(4))],
        "{p:#?}"
    );
    assert_eq!(p[1].message.en, "row 4: unknown kind \"squad\"");
}

#[test]
fn a_row_without_a_name_is_reported_once() {
    let p = problems("id,parent,name,name_en\na,,A,\nb,a,,\n");
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(p[0].code, Code::MissingText);
    assert_eq!((p[0].at.line, p[0].at.column), (Some(3), Some(3)));
    assert_eq!(p[0].message.en, "row 3: \"b\" has no name");
}

// Syntax.

#[test]
fn quoted_fields_hold_commas_quotes_and_line_breaks() {
    let text = "id,parent,name,description\nco,,\"Sales, East\",\"Line one\nline two, with \"\"quotes\"\"\"\nx,nobody,X,\n";
    let err = load_csv(text.as_bytes(), "org.csv").unwrap_err();
    // The quoted line break does not shift the rows after it.
    assert_eq!(err.problems[0].at.line, Some(4), "{err}");
    let d = load(&text.replace("x,nobody", "x,co"));
    let co = d.node("co").unwrap();
    assert_eq!(co.label.ja, "Sales, East");
    assert_eq!(
        co.description.as_ref().unwrap().en,
        "Line one\nline two, with \"quotes\""
    );
}

#[test]
fn a_row_with_more_fields_than_the_header_is_named() {
    let p = problems("id,parent,name\nco,,Sales, East\n");
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(p[0].code, Code::Syntax);
    assert_eq!(p[0].at.line, Some(2));
    assert_eq!(
        p[0].message.en,
        "row 2: 4 fields, but the header names 3 columns"
    );
    assert!(
        p[0].cli_hint().contains("double quotes"),
        "{}",
        p[0].cli_hint()
    );
    // Trailing empty fields, as some spreadsheets write, are no problem.
    load("id,parent,name\nco,,Company,,\n");
}

#[test]
fn an_empty_file_says_so() {
    let p = problems(" \n");
    assert_eq!(p[0].code, Code::Empty);
    assert!(
        p[0].cli_hint().contains("id,parent,name"),
        "{}",
        p[0].cli_hint()
    );
}

#[test]
fn tab_separated_files_open_by_extension_or_by_their_header() {
    let dir = temp_dir("tsv");
    let tsv = "id\tparent\tname\ttitle\nco\t\tSales, East\t\ndev\tco\tDev\tLead, ops\n";
    for name in ["org.tsv", "org.tab", "org.txt", "org.csv"] {
        let path = write(&dir, name, tsv.as_bytes());
        let d = load_path(&path, &LoadOptions::default())
            .unwrap_or_else(|r| panic!("{name}: {r}"))
            .dataset;
        assert_eq!(d.node("co").unwrap().label.en, "Sales, East", "{name}");
        assert_eq!(
            d.node("dev").unwrap().title.as_ref().unwrap().en,
            "Lead, ops"
        );
    }
    // A .txt file with commas is CSV.
    let path = write(&dir, "commas.txt", b"id,parent,name\nco,,C\n");
    assert_eq!(
        load_path(&path, &LoadOptions::default())
            .unwrap()
            .dataset
            .node_count(),
        1
    );
    // A .tsv file is tab-separated whatever its header looks like.
    let path = write(&dir, "one.tsv", b"id\tparent\tname,with comma\nco\t\tC\n");
    let err = load_path(&path, &LoadOptions::default()).unwrap_err();
    assert!(
        err.problems[0].message.en.contains("no \"name\" column"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

// Relations.

/// A problem's code, file, line, column and column name.
type Place<'a> = (
    Code,
    Option<&'a str>,
    Option<u32>,
    Option<u32>,
    Option<&'a str>,
);

#[test]
fn a_relations_file_adds_relations_and_the_kinds_it_uses() {
    let options = LoadOptions {
        relations: Some(fixture("csv/links.csv")),
        ..LoadOptions::default()
    };
    let loaded = load_path(&fixture("csv/basic.csv"), &options).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(
        loaded.files,
        [fixture("csv/basic.csv"), fixture("csv/links.csv")]
    );
    let d = loaded.dataset;
    let kinds: Vec<(&str, &str, &str)> = d
        .relation_kinds()
        .iter()
        .map(|k| (k.id.as_str(), k.label.ja.as_str(), k.label.en.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("hands_over_to", "hands over to", "hands over to"),
            ("asks-questions", "asks questions", "asks questions"),
            ("related", "関連", "related to"),
        ]
    );
    let styles: std::collections::HashSet<_> = d.relation_kinds().iter().map(|k| k.style).collect();
    assert_eq!(styles.len(), 3, "each kind its own line style");
    let r = &d.relations()[0];
    assert_eq!((r.from.as_str(), r.to.as_str()), ("dev", "ops"));
    assert_eq!(r.label.as_ref().unwrap().ja, "引き渡す");
    assert_eq!(r.label.as_ref().unwrap().en, "hands over to");
    assert_eq!(
        d.relations()[2].label.as_ref().unwrap().en,
        "reports, weekly"
    );
    assert!(d.relations()[1].label.is_none());
}

#[test]
fn problems_in_a_relations_file_name_that_file_its_row_and_column() {
    let links = fixture("csv/links_bad.csv");
    let options = LoadOptions {
        relations: Some(links.clone()),
        ..LoadOptions::default()
    };
    let err = load_path(&fixture("csv/basic.csv"), &options).unwrap_err();
    assert_eq!(err.file, fixture("csv/basic.csv").display().to_string());
    let links = links.display().to_string();
    let got: Vec<Place<'_>> = err
        .problems
        .iter()
        .map(|p| {
            (
                p.code,
                p.at.file.as_deref(),
                p.at.line,
                p.at.column,
                p.at.field.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                Code::UnknownId,
                Some(links.as_str()),
                Some(3),
                Some(2),
                Some("target")
            ),
            (
                Code::BadValue,
                Some(links.as_str()),
                Some(4),
                Some(4),
                Some("illustrative")
            ),
        ],
        "{err}"
    );
    assert_eq!(
        err.problems[0].message.en,
        "row 3: \"to\" refers to unknown node \"dvv\""
    );
    assert!(
        err.problems[0].cli_hint().contains("\"dev\""),
        "{}",
        err.problems[0].cli_hint()
    );
    // The printed report starts each line with the file the problem is in.
    let printed = err.to_string();
    assert!(
        printed.starts_with(&format!("{links}:3:2: error[unknown-id]: row 3:")),
        "{printed}"
    );
}

#[test]
fn a_relations_file_that_cannot_be_read_is_named() {
    let options = LoadOptions {
        relations: Some(fixture("csv/no-such-links.csv")),
        ..LoadOptions::default()
    };
    let err = load_path(&fixture("csv/basic.csv"), &options).unwrap_err();
    let p = &err.problems[0];
    assert_eq!(p.code, Code::Io);
    assert_eq!(
        p.at.file,
        Some(fixture("csv/no-such-links.csv").display().to_string())
    );
    assert!(
        p.message
            .en
            .starts_with("the relations file: cannot read the file"),
        "{}",
        p.message.en
    );
}

#[test]
fn relations_columns_can_be_mapped_too() {
    let dir = temp_dir("relmap");
    let links = write(&dir, "links.csv", "Von,Nach\ndev,ops\n".as_bytes());
    let options = LoadOptions {
        relations: Some(links),
        map: parse_map("relations.source=Von,relations.target=Nach").unwrap(),
        ..LoadOptions::default()
    };
    let d = load_path(&fixture("csv/basic.csv"), &options)
        .unwrap_or_else(|r| panic!("{r}"))
        .dataset;
    assert_eq!(d.relations()[0].to, "ops");
    let options = LoadOptions {
        map: Vec::new(),
        ..options
    };
    let err = load_path(&fixture("csv/basic.csv"), &options).unwrap_err();
    assert!(
        err.problems[0]
            .cli_hint()
            .contains("--map relations.source=<column>"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

// Manifests.

#[test]
fn a_manifest_opens_its_files_with_their_encoding_map_and_title() {
    let manifest = fixture("csv/manifest/org.json");
    let loaded = load_path(&manifest, &LoadOptions::default()).unwrap_or_else(|r| panic!("{r}"));
    assert_eq!(
        loaded.files,
        [
            manifest.clone(),
            fixture("csv/manifest/people.csv"),
            fixture("csv/manifest/links.csv")
        ]
    );
    let d = loaded.dataset;
    assert_eq!(d.meta().title.ja, "サンプル株式会社");
    assert_eq!(d.meta().title.en, "Sample Inc.");
    assert_eq!(d.node("1002").unwrap().label.ja, "佐藤 花子");
    assert_eq!(d.parents("1003"), ["1001"], "the map's ボス column");
    let ext = &d.node("1001").unwrap().attributes;
    assert_eq!(
        (ext[0].name.as_str(), ext[0].value.as_str()),
        ("内線", "100")
    );
    assert_eq!(d.relations()[0].label.as_ref().unwrap().ja, "指導する");
    // The same through load_file, as `orgpath validate` calls it.
    assert_eq!(
        orgpath_explore::load_file(&manifest).unwrap().node_count(),
        3
    );
}

#[test]
fn a_manifest_naming_a_missing_file_points_at_the_name() {
    let manifest = fixture("csv/manifest/missing.json");
    let err = load_path(&manifest, &LoadOptions::default()).unwrap_err();
    assert_eq!(err.file, manifest.display().to_string());
    assert_eq!(err.problems.len(), 1, "{err}");
    let p = &err.problems[0];
    assert_eq!(p.code, Code::Io);
    assert_eq!(p.at.pointer.as_deref(), Some("/nodes"));
    assert_eq!((p.at.line, p.at.column), (Some(3), Some(12)));
    assert!(
        p.message.en.starts_with("the nodes file \"nobody.csv\" ("),
        "{}",
        p.message.en
    );
    assert!(
        p.message.en.contains("cannot read the file"),
        "{}",
        p.message.en
    );
    assert!(
        p.cli_hint()
            .starts_with("paths in a manifest start from the manifest's folder"),
        "{}",
        p.cli_hint()
    );
}

#[test]
fn a_manifests_own_mistakes_are_placed_in_it() {
    let dir = temp_dir("manifest");
    write(&dir, "people.csv", b"id,parent,name\na,,A\n");
    let path = write(
        &dir,
        "m.json",
        br#"{"format": "orgpath-csv/1", "nodes": "people.csv",
  "encoding": "latin1", "map": {"boss": "x"}}"#,
    );
    let err = load_path(&path, &LoadOptions::default()).unwrap_err();
    let got: Vec<(Code, Option<&str>, Option<u32>)> = err
        .problems
        .iter()
        .map(|p| (p.code, p.at.pointer.as_deref(), p.at.line))
        .collect();
    assert_eq!(
        got,
        [
            (Code::BadValue, Some("/encoding"), Some(2)),
            (Code::BadValue, Some("/map/boss"), Some(2)),
        ],
        "{err}"
    );
    let path = write(
        &dir,
        "typo.json",
        br#"{"format": "orgpath-csv/1", "node": "people.csv"}"#,
    );
    let err = load_path(&path, &LoadOptions::default()).unwrap_err();
    assert_eq!(err.problems[0].code, Code::Shape, "{err}");
    assert!(
        err.problems[0].message.en.contains("unknown field `node`"),
        "{err}"
    );
    // Problems in the files it names name those files.
    write(&dir, "people.csv", b"id,parent,name\na,zz,A\n");
    let path = write(
        &dir,
        "ok.json",
        br#"{"format": "orgpath-csv/1", "nodes": "people.csv"}"#,
    );
    let err = load_path(&path, &LoadOptions::default()).unwrap_err();
    assert_eq!(err.file, path.display().to_string());
    assert_eq!(
        err.problems[0].at.file,
        Some(dir.join("people.csv").display().to_string())
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn csv_options_given_for_a_json_dataset_are_refused() {
    let options = LoadOptions {
        map: parse_map("parent=Boss").unwrap(),
        ..LoadOptions::default()
    };
    let err = load_path(&fixture("json/valid_small.json"), &options).unwrap_err();
    assert_eq!(err.problems[0].code, Code::BadValue);
    assert!(
        err.problems[0].message.en.contains("orgpath JSON dataset"),
        "{err}"
    );
}

// Encodings.

const JAPANESE: &str = "社員番号,上司ID,氏名,役職,部署\n1001,,山田 太郎,社長,経営\n1002,1001,佐藤 花子,部長,営業部\n1003,1002,鈴木 一郎,,営業部\n";

fn check_japanese(d: &Dataset) {
    let n = d.node("1002").unwrap();
    assert_eq!(n.label.ja, "佐藤 花子");
    assert_eq!(n.title.as_ref().unwrap().ja, "部長");
    assert_eq!(
        d.group(n.group.as_deref().unwrap()).unwrap().label.ja,
        "営業部"
    );
    assert_eq!(d.parents("1003"), ["1002"]);
    // Employee numbers, a manager column and full names: a file of people.
    assert_eq!(d.node("1003").unwrap().kind, NodeKind::Person);
}

#[test]
fn a_shift_jis_file_exported_by_excel_with_japanese_headers_opens() {
    // Excel's plain "CSV" on a Japanese system: CP932 bytes, CRLF line ends.
    let crlf = JAPANESE.replace('\n', "\r\n");
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&crlf);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the sample is not UTF-8"
    );
    check_japanese(&load_csv(&bytes, "社員.csv").unwrap_or_else(|r| panic!("{r}")));
    let chosen = LoadOptions {
        encoding: Encoding::ShiftJis,
        ..LoadOptions::default()
    };
    check_japanese(&load_csv_with(&bytes, "社員.csv", &chosen).unwrap());
    // The same file on disk, through a path.
    check_japanese(
        &load_path(&fixture("csv/sjis.csv"), &LoadOptions::default())
            .unwrap()
            .dataset,
    );
}

#[test]
fn a_chosen_encoding_is_used_and_a_byte_it_cannot_read_is_placed() {
    let with = |encoding| LoadOptions {
        encoding,
        ..LoadOptions::default()
    };
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(JAPANESE);
    let err = load_csv_with(&sjis, "org.csv", &with(Encoding::Utf8)).unwrap_err();
    let p = &err.problems[0];
    assert_eq!(p.code, Code::Encoding);
    assert_eq!((p.at.line, p.at.column), (Some(1), Some(1)), "{err}");
    assert_eq!(p.message.en, "the file is not valid UTF-8 here");
    assert!(p.cli_hint().contains("encoding auto"), "{}", p.cli_hint());

    // UTF-8 chosen: a byte-order mark is fine; line 3 col 11 holds a Shift_JIS byte.
    let mut mixed = b"\xEF\xBB\xBF".to_vec();
    mixed.extend_from_slice("id,parent,name\na,,A\nb,a,名前 ".as_bytes());
    mixed.extend_from_slice(&[0x83, 0x41, b'\n']);
    let err = load_csv_with(&mixed, "org.csv", &with(Encoding::Utf8)).unwrap_err();
    assert_eq!(
        (err.problems[0].at.line, err.problems[0].at.column),
        (Some(3), Some(8)),
        "{err}"
    );

    // Shift_JIS chosen for a UTF-8 file: the first byte it cannot read is placed.
    // ("à" is C3 A0 in UTF-8: C3 reads as a half-width katakana, A0 as nothing.)
    let utf8 = "id,parent,name\na,,A\nb,a,à\n";
    let err = load_csv_with(utf8.as_bytes(), "org.csv", &with(Encoding::ShiftJis)).unwrap_err();
    assert_eq!(err.problems[0].code, Code::Encoding, "{err}");
    assert_eq!(
        (err.problems[0].at.line, err.problems[0].at.column),
        (Some(3), Some(6)),
        "{err}"
    );
    assert_eq!(
        err.problems[0].message.en,
        "the file is not valid Shift_JIS here"
    );

    // UTF-16 without a byte-order mark is read little-endian, as Windows writes it.
    let le: Vec<u8> = JAPANESE.encode_utf16().flat_map(u16::to_le_bytes).collect();
    check_japanese(&load_csv_with(&le, "org.csv", &with(Encoding::Utf16)).unwrap());
    let err = load_csv_with(&le, "org.csv", &with(Encoding::ShiftJis)).unwrap_err();
    assert_eq!(err.problems[0].code, Code::Encoding);
    // Detected: a UTF-16 byte-order mark, tab-separated as Excel's "Unicode text".
    let tabbed = JAPANESE.replace(',', "\t");
    let mut bom = vec![0xFF, 0xFE];
    bom.extend(tabbed.encode_utf16().flat_map(u16::to_le_bytes));
    check_japanese(&load_csv(&bom, "org.txt").unwrap());
}

// The window's column-mapping step.

#[test]
fn the_header_and_what_orgpath_makes_of_it() {
    let path = fixture("csv/export_unmapped.csv");
    let h = csv_header(&path, &LoadOptions::default()).unwrap();
    assert_eq!(h.columns, ["EmpNo", "Boss", "FullName", "Email"]);
    assert_eq!(h.encoding, Encoding::Utf8);
    let field = |h: &orgpath_explore::CsvHeader, f: &str| {
        let g = h.fields.iter().find(|g| g.field == f).unwrap().clone();
        (g.column, g.mapped, g.required)
    };
    assert_eq!(field(&h, "id"), (None, false, true));
    assert_eq!(field(&h, "name"), (Some("FullName".into()), false, true));
    assert_eq!(field(&h, "title"), (None, false, false));
    assert_eq!(h.problems.len(), 2, "{:#?}", h.problems);
    let fields: Vec<&str> = h.fields.iter().map(|g| g.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "id",
            "parent",
            "name",
            "name_en",
            "first_name",
            "last_name",
            "title",
            "title_en",
            "group",
            "kind",
            "description",
            "description_en",
            "illustrative",
            "group_id",
            "photo"
        ]
    );
    assert!(h
        .fields
        .iter()
        .all(|g| !g.label.ja.is_empty() && !g.label.en.is_empty()));

    let mapped = LoadOptions {
        map: parse_map("id=EmpNo,parent=Boss").unwrap(),
        ..LoadOptions::default()
    };
    let h = csv_header(&path, &mapped).unwrap();
    assert_eq!(field(&h, "parent"), (Some("Boss".into()), true, true));
    assert!(h.problems.is_empty(), "{:#?}", h.problems);
    // And the file then opens, with the unmapped column as an attribute.
    let d = load_path(&path, &mapped).unwrap().dataset;
    assert_eq!(
        d.node("2").unwrap().attributes[0].value,
        "ichiro@example.com"
    );

    let bad = LoadOptions {
        map: parse_map("parent=Bozz").unwrap(),
        ..LoadOptions::default()
    };
    let err = csv_header(&path, &bad).unwrap_err();
    assert!(err.problems[0].cli_hint().contains("\"Boss\""), "{err}");
    // Through a manifest: the file it names, read as it says.
    let h = csv_header(&fixture("csv/manifest/org.json"), &LoadOptions::default()).unwrap();
    assert_eq!(h.encoding, Encoding::ShiftJis);
    assert_eq!(h.columns, ["社員番号", "ボス", "氏名", "内線"]);
    assert_eq!(field(&h, "parent"), (Some("ボス".into()), true, true));
}

// Size.

#[test]
fn a_large_file_loads_and_only_the_first_row_problems_are_listed() {
    let mut text = String::from("id,parent,name,illustrative\n0,,Root,\n");
    for i in 1..20_000 {
        text.push_str(&format!("{i},{},Node {i},maybe\n", i / 8));
    }
    let err = load_csv(text.as_bytes(), "big.csv").unwrap_err();
    assert_eq!(err.problems.len(), 501);
    assert_eq!(
        err.problems[500].message.en,
        "and 19499 more problems in the rows, not listed"
    );
    let d = load(&text.replace(",maybe", ",no"));
    assert_eq!(d.node_count(), 20_000);
}

#[test]
fn a_cell_past_its_length_limit_is_named_by_row_and_column() {
    use orgpath_explore::limits::{MAX_NAME_CHARS, MAX_TEXT_CHARS};
    let name = "長".repeat(MAX_NAME_CHARS + 1);
    let title = "t".repeat(100_000);
    let note = "n".repeat(MAX_TEXT_CHARS + 1);
    let text = format!(
        "id,parent,name,title,Email,Notes\nco,,Company,,,\ndev,co,{name},Engineer,dev@example.com,short\nops,co,Ops,{title},,{note}\n"
    );
    let started = std::time::Instant::now();
    let found = problems(&text);
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    let got: Vec<_> = found
        .iter()
        .map(|p| (p.code, p.at.line, p.at.column, p.at.field.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            // One cell standing for both languages is one problem.
            (Code::TooLong, Some(3), Some(3), Some("name")),
            (Code::TooLong, Some(4), Some(4), Some("title")),
            (Code::TooLong, Some(4), Some(6), Some("Notes")),
        ],
        "{found:#?}"
    );
    assert_eq!(
        found[0].message.en,
        "row 3: the Japanese and English label of node \"dev\" is 501 characters long; orgpath takes up to 500 characters in a label, title or name"
    );
    assert!(
        found[1].message.en.contains("is 100000 characters long"),
        "{}",
        found[1].message.en
    );
    assert!(
        found[2]
            .message
            .en
            .contains("the \"Notes\" of node \"ops\" is 10001 characters long"),
        "{}",
        found[2].message.en
    );
    // At the limits, counted in characters, the file loads.
    let fits = text
        .replace(&name, &"長".repeat(MAX_NAME_CHARS))
        .replace(&title, &"t".repeat(MAX_NAME_CHARS))
        .replace(&note, &"n".repeat(MAX_TEXT_CHARS));
    load(&fits);
}

/// The captions drawn on the organisation's cards, in `lang`.
fn captions(d: &Dataset, lang: Lang) -> Vec<String> {
    d.nodes().map(|n| views::caption(n, lang)).collect()
}

#[test]
fn a_guessed_kind_is_not_written_on_the_card() {
    // No kind column: every unit would be guessed a team, and say so.
    let d = load("id,parent,name\na,,Acme\nb,a,Sales\nc,b,Alice\n");
    assert!(d.nodes().all(|n| n.kind_guessed));
    assert_eq!(captions(&d, Lang::En), ["", "", ""]);
    let svg = orgpath_explore::render::svg(
        &views::scene(&d, View::Org, &SceneOptions::new(Lang::Ja)),
        &Default::default(),
    );
    let drawn: Vec<&str> = svg.split("<text").skip(1).collect();
    assert_eq!(drawn.len(), 3, "one line a card: {svg}");
    assert!(drawn.iter().all(|t| !t.contains("チーム")), "{svg}");
    // A kind the file states is written, and a title still is.
    let d = load("id,parent,name,kind,title\na,,Acme,department,\nb,a,Sales,,Lead\n");
    assert_eq!(captions(&d, Lang::En), ["Department", "Lead"]);
    assert!(!d.node("a").unwrap().kind_guessed && d.node("b").unwrap().kind_guessed);
}

#[test]
fn only_views_with_data_are_offered() {
    let builtin = orgpath_explore::builtin().unwrap();
    assert_eq!(views::with_data(&builtin), View::ALL.to_vec());
    // An HR export: people and their managers, nothing else to map.
    let hr = load("id,parent,name,title\na,,Ada,CEO\nb,a,Bo,Lead\n");
    assert_eq!(views::with_data(&hr), [View::Org]);
    let meta = orgpath_explore::view_model::meta(&hr);
    let json = serde_json::to_value(&meta).unwrap();
    assert_eq!(json["views"], serde_json::json!(["org"]));
    assert!(
        json["title"].is_object(),
        "the meta's own fields stay flat: {json}"
    );
}
