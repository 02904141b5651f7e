use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn orgpath(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orgpath"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run orgpath")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn validate_builtin_dataset_exits_0_with_a_summary() {
    let out = orgpath(&["validate", "data/orgpath.json"]);
    let stdout = text(&out.stdout);
    assert!(
        out.status.success(),
        "stdout: {stdout}\nstderr: {}",
        text(&out.stderr)
    );
    assert!(stdout.starts_with("ok: data/orgpath.json: "), "{stdout}");
    assert!(
        stdout.contains(" nodes, ") && stdout.contains(" relations of "),
        "{stdout}"
    );
}

#[test]
fn validate_broken_json_exits_1_with_file_line_column() {
    let out = orgpath(&["validate", "tests/fixtures/json/syntax.json"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("tests/fixtures/json/syntax.json:4:3: error[syntax]: not valid JSON"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: "), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn validate_prints_every_problem() {
    let out = orgpath(&["validate", "tests/fixtures/json/many_problems.json"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.matches("error[").count(), 7, "{stderr}");
    assert!(
        stderr
            .trim_end()
            .ends_with("7 problems found in tests/fixtures/json/many_problems.json"),
        "{stderr}"
    );
}

#[test]
fn validate_csv_with_unknown_parent_names_the_row() {
    let out = orgpath(&["validate", "tests/fixtures/csv/unknown_parent.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("tests/fixtures/csv/unknown_parent.csv:4:2: error[unknown-id]: row 4: \"parent\" refers to unknown node \"cq\""),
        "{stderr}"
    );
    assert!(stderr.contains("column \"parent\""), "{stderr}");
}

#[test]
fn validate_valid_csv_exits_0() {
    let out = orgpath(&["validate", "tests/fixtures/csv/basic.csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("5 nodes"));
}

#[test]
fn validate_json_output_is_machine_readable() {
    let out = orgpath(&["validate", "--json", "tests/fixtures/json/unknown_id.json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["ok"], false);
    assert_eq!(v["problems"][0]["code"], "unknown-id");
    assert_eq!(v["problems"][0]["at"]["pointer"], "/hierarchy/0/parent");
    assert_eq!(v["problems"][0]["at"]["line"], 9);
}

#[test]
fn validate_missing_file_exits_1_and_says_so() {
    let out = orgpath(&["validate", "no/such/file.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("cannot read the file"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn opening_a_broken_file_reports_instead_of_opening_a_window() {
    let out = orgpath(&["tests/fixtures/json/cycle.json"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("error[cycle]"), "{stderr}");
    assert!(stderr.contains("not opened"), "{stderr}");
}

#[test]
fn help_and_version() {
    let out = orgpath(&["--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    assert!(
        help.contains("validate") && help.contains("built-in dataset"),
        "{help}"
    );
    let out = orgpath(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout).trim(),
        format!("orgpath {}", env!("CARGO_PKG_VERSION"))
    );
    let out = orgpath(&["frobnicate", "x"]);
    assert_eq!(out.status.code(), Some(2), "usage errors exit 2");
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let out = orgpath(&["schema"]);
    assert!(out.status.success());
    let committed = std::fs::read_to_string(root().join("data/schema.json")).unwrap();
    assert_eq!(text(&out.stdout), committed);
}
