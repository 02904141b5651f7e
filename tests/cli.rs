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

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("orgpath-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn export_writes_every_view_in_both_languages_as_svg_and_png() {
    let dir = temp_dir("views");
    for view in ["org", "relationships", "career", "flow"] {
        for lang in ["ja", "en"] {
            for ext in ["svg", "png"] {
                let out_path = dir.join(format!("{view}-{lang}.{ext}"));
                let out = orgpath(&[
                    "export",
                    "--view",
                    view,
                    "--lang",
                    lang,
                    "-o",
                    out_path.to_str().unwrap(),
                ]);
                assert!(
                    out.status.success(),
                    "{view} {lang} {ext}: {}",
                    text(&out.stderr)
                );
                let bytes = std::fs::read(&out_path).unwrap();
                if ext == "png" {
                    assert!(
                        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
                        "{view} {lang}: a PNG"
                    );
                } else {
                    let svg = String::from_utf8(bytes).unwrap();
                    assert!(
                        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
                        "{view} {lang}"
                    );
                    assert!(
                        svg.contains(&format!("lang=\"{lang}\""))
                            && svg.contains(&format!("data-view=\"{view}\""))
                    );
                    assert!(
                        svg.matches("class=\"card\"").count() >= 5,
                        "{view} {lang}: cards drawn"
                    );
                }
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn export_options_change_the_output_and_bad_options_are_refused() {
    let dir = temp_dir("options");
    let path = |n: &str| dir.join(n).to_str().unwrap().to_owned();
    let run = |args: &[&str]| orgpath(&[&["export", "--view", "org"], args].concat());
    assert!(run(&["--scale", "2", "-o", &path("x2.png")])
        .status
        .success());
    assert!(run(&["-o", &path("x1.png")]).status.success());
    let (a, b) = (
        std::fs::read(path("x1.png")).unwrap(),
        std::fs::read(path("x2.png")).unwrap(),
    );
    let width = |png: &[u8]| u32::from_be_bytes(png[16..20].try_into().unwrap());
    assert_eq!(width(&b), 2 * width(&a), "scale 2 doubles the pixels");
    assert!(run(&[
        "--theme",
        "projector",
        "--direction",
        "td",
        "--compact",
        "-o",
        &path("p.svg")
    ])
    .status
    .success());
    assert!(
        std::fs::read_to_string(path("p.svg"))
            .unwrap()
            .contains("font-size=\"36\""),
        "projector type scale"
    );
    assert!(run(&[
        "--theme",
        "dark",
        "--background",
        "transparent",
        "-o",
        &path("d.svg")
    ])
    .status
    .success());
    assert!(!std::fs::read_to_string(path("d.svg"))
        .unwrap()
        .contains("class=\"background\""));

    let out = run(&["--scale", "5", "-o", &path("bad.png")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("between 1 and 4"));
    let out = run(&["-o", &path("bad.gif")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("name a .svg or .png file"));
    let out = orgpath(&[
        "export",
        "--view",
        "relationships",
        "--focus",
        "nobody",
        "-o",
        &path("f.svg"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("--focus nobody"));
    let out = orgpath(&[
        "export",
        "--view",
        "org",
        "--data",
        "tests/fixtures/json/cycle.json",
        "-o",
        &path("c.svg"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("error[cycle]"));
    // Nothing half-written: no output, no temporary files for the refused exports.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with("bad")
            && !n.starts_with("f.")
            && !n.starts_with("c.")
            && !n.contains("orgpath-tmp")),
        "{names:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn export_of_a_users_csv_works() {
    let dir = temp_dir("csv");
    let out_path = dir.join("org.png");
    let out = orgpath(&[
        "export",
        "--view",
        "org",
        "--data",
        "tests/fixtures/csv/basic.csv",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::read(&out_path).unwrap().starts_with(b"\x89PNG"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn export_can_fold_subtrees_away_with_a_count() {
    let dir = temp_dir("collapse");
    let out_path = dir.join("org.svg");
    let out = orgpath(&[
        "export",
        "--view",
        "org",
        "--lang",
        "en",
        "--collapse",
        "sales",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let svg = std::fs::read_to_string(&out_path).unwrap();
    assert!(
        svg.contains("data-id=\"sales\"") && !svg.contains("data-id=\"csam\""),
        "the roles under sales are folded away"
    );
    assert!(
        svg.contains("Department · +6</text>"),
        "the fold shows how many units it hides"
    );
    let out = orgpath(&[
        "export",
        "--view",
        "org",
        "--collapse",
        "nobody",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("--collapse nobody"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn export_hides_what_the_legend_filters_and_refuses_unknown_keys() {
    let dir = temp_dir("hide");
    let out_path = dir.join("rel.svg");
    let export = |extra: &[&str]| {
        let mut args = vec![
            "export",
            "--view",
            "relationships",
            "--lang",
            "en",
            "-o",
            out_path.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        orgpath(&args)
    };
    let out = export(&[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let all = std::fs::read_to_string(&out_path).unwrap();
    assert!(
        all.contains("data-kind=\"asks_questions\""),
        "drawn unfiltered"
    );
    let out = export(&["--hide", "kind:asks_questions", "--hide", "illustrative"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let filtered = std::fs::read_to_string(&out_path).unwrap();
    assert!(!filtered.contains("data-kind=\"asks_questions\""));
    assert!(
        filtered.contains("data-hidden=\"true\""),
        "the exported legend still lists the hidden kind, faintly"
    );
    let out = export(&["--hide", "kind:nothing"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--hide kind:nothing: no relation kind"),
        "{}",
        text(&out.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
}
