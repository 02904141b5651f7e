//! The bad-file corpus (`tests/fixtures/bad/`): every file is refused with exactly the
//! message pinned in `tests/fixtures/bad/expected/`, and the window is told the very
//! same problems as `orgpath validate` prints. `ORGPATH_BLESS=1` rewrites the pinned
//! messages (review the diff before committing).

use std::path::{Path, PathBuf};
use std::process::Command;

use orgpath_app::session::{self, Source};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus, sorted, as paths relative to the repository (as a user would type them).
fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/bad"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| Path::new("tests/fixtures/bad").join(e.file_name()))
        .collect();
    files.sort();
    files
}

fn validate(args: &[&str], file: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_orgpath"))
        .arg("validate")
        .args(args)
        .arg(file)
        .current_dir(root())
        .output()
        .unwrap()
}

#[test]
fn every_bad_file_gets_its_pinned_message() {
    let files = corpus();
    assert!(files.len() >= 50, "the corpus has {} files", files.len());
    let bless = std::env::var_os("ORGPATH_BLESS").is_some();
    let expected_dir = root().join("tests/fixtures/bad/expected");
    let mut failures = Vec::new();
    for file in &files {
        let before = std::fs::read(root().join(file)).unwrap();
        let out = validate(&[], file);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}: not refused\n{}",
            file.display(),
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(!stderr.contains("panicked"), "{}: {stderr}", file.display());
        let pinned = expected_dir.join(format!(
            "{}.txt",
            file.file_name().unwrap().to_string_lossy()
        ));
        if bless {
            std::fs::create_dir_all(&expected_dir).unwrap();
            std::fs::write(&pinned, &stderr).unwrap();
        } else {
            let want = std::fs::read_to_string(&pinned).unwrap_or_else(|_| {
                panic!(
                    "{} has no pinned message: run with ORGPATH_BLESS=1",
                    file.display()
                )
            });
            if want != stderr {
                failures.push(format!(
                    "{}\n--- pinned\n{want}\n--- got\n{stderr}",
                    file.display()
                ));
            }
        }
        // orgpath never writes to a file it opens.
        assert_eq!(
            std::fs::read(root().join(file)).unwrap(),
            before,
            "{} was changed",
            file.display()
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} messages differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
    // No pinned message is left over from a file that is gone.
    for e in std::fs::read_dir(&expected_dir).unwrap().flatten() {
        let name = e
            .file_name()
            .to_string_lossy()
            .trim_end_matches(".txt")
            .to_owned();
        assert!(
            root().join("tests/fixtures/bad").join(&name).is_file(),
            "stale pinned message {name}"
        );
    }
}

#[test]
fn the_window_is_told_the_same_problems_as_validate_prints() {
    for file in corpus() {
        let out = validate(&["--json"], &file);
        let cli: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert_eq!(cli["ok"], false, "{}", file.display());
        // What the window receives: the report of the same load, sent with the
        // `orgpath://problems` event and drawn by the problems panel.
        let path = root().join(&file);
        let report = match session::load(&Source {
            path: path.clone(),
            options: Default::default(),
        }) {
            Ok(_) => panic!("{} opened in the window", file.display()),
            Err(r) => r,
        };
        let window = serde_json::to_value(&report.problems).unwrap();
        // The CLI names the file as typed; the window as picked (absolute).
        let relative = |v: &Value| {
            serde_json::from_str::<Value>(
                &v.to_string()
                    .replace(&path.display().to_string(), &file.display().to_string()),
            )
            .unwrap()
        };
        let (window, cli) = (relative(&window), relative(&cli["problems"]));
        let (window, cli) = (window.as_array().unwrap(), cli.as_array().unwrap());
        assert_eq!(window.len(), cli.len(), "{}", file.display());
        for (w, c) in window.iter().zip(cli) {
            // The same problem at the same place; the window has it in both languages,
            // the English as the CLI prints it. Only a hint naming a command-line flag
            // differs: the window names its own step instead.
            for key in ["code", "at", "severity"] {
                assert_eq!(w.get(key), c.get(key), "{}: {key}", file.display());
            }
            assert_eq!(w["message"]["en"], c["message"], "{}", file.display());
            let (window_hint, cli_hint) = (w["hint"]["en"].as_str(), c["hint"].as_str());
            if cli_hint.is_some_and(|h| h.contains("--")) {
                assert!(
                    !window_hint.unwrap().contains("--"),
                    "{}: {w}",
                    file.display()
                );
            } else {
                assert_eq!(window_hint, cli_hint, "{}", file.display());
            }
        }
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let dir = root().join("target/corpus");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.csv");
    // A sparse file: 200 MB long, no disk used.
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap();
    drop(f);
    let started = std::time::Instant::now();
    let out = validate(&[], &path);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[too-large]: the file is 200 MB; orgpath loads files up to 32 MB"),
        "{stderr}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "refused without reading it"
    );
    std::fs::remove_file(&path).unwrap();
}
