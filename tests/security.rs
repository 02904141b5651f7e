//! The security baseline, read from the files Tauri builds from.

use std::path::PathBuf;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_json(rel: &str) -> Value {
    let text = std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn csp_directive<'a>(csp: &'a Value, name: &str) -> &'a str {
    csp[name]
        .as_str()
        .unwrap_or_else(|| panic!("CSP has no {name}"))
}

#[test]
fn csp_is_strict() {
    let conf = read_json("tauri.conf.json");
    let csp = &conf["app"]["security"]["csp"];
    assert!(csp.is_object(), "the CSP must be set (not null): {csp}");
    let script = csp_directive(csp, "script-src");
    assert_eq!(script, "'self'", "scripts only from the app itself");
    assert_eq!(csp_directive(csp, "default-src"), "'self'");
    assert_eq!(csp_directive(csp, "object-src"), "'none'");
    for (name, value) in csp.as_object().unwrap() {
        let value = value.as_str().unwrap();
        for bad in ["'unsafe-eval'", "*", "https:", "http:"] {
            assert!(
                !value.split_whitespace().any(|s| s == bad),
                "{name} allows {bad}"
            );
        }
        if name != "connect-src" {
            assert!(!value.contains("http"), "{name} names a URL: {value}");
        }
    }
    assert_eq!(
        conf["app"]["security"]["dangerousDisableAssetCspModification"],
        Value::Null
    );
}

#[test]
fn no_global_tauri_and_no_remote_urls_in_config() {
    let conf = read_json("tauri.conf.json");
    assert_eq!(
        conf["app"]["withGlobalTauri"], false,
        "the UI imports @tauri-apps/api instead"
    );
    assert!(
        conf["build"]["devUrl"].is_null(),
        "no dev server: every build embeds ui/dist"
    );
    let text = conf.to_string();
    for url in text.split('"').filter(|s| s.starts_with("http")) {
        assert_eq!(url, "http://ipc.localhost", "remote URL in tauri.conf.json");
    }
    for window in conf["app"]["windows"].as_array().unwrap() {
        assert!(
            window["url"].is_null() || !window["url"].as_str().unwrap().contains("://"),
            "windows load the bundled UI only"
        );
    }
}

/// Permissions of Tauri's core a capability may hold: listening to the events the
/// backend sends one window (the presenter's keys, where the tour is).
const CORE_ALLOWED: [&str; 2] = ["core:event:allow-listen", "core:event:allow-unlisten"];

/// The capability files, by identifier, each with its windows and permissions.
fn capabilities() -> Vec<(String, Vec<String>, Vec<String>)> {
    let dir = root().join("src-tauri/capabilities");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let cap: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let strings = |v: &Value| -> Vec<String> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    p.as_str()
                        .or_else(|| p["identifier"].as_str())
                        .unwrap()
                        .to_owned()
                })
                .collect()
        };
        assert!(
            cap["remote"].is_null(),
            "{}: no remote URLs may use the IPC",
            path.display()
        );
        for p in cap["permissions"].as_array().unwrap() {
            let scope = p.to_string();
            assert!(
                !scope.contains("**") && !scope.contains("$HOME"),
                "broad scope in {scope}"
            );
        }
        out.push((
            cap["identifier"].as_str().unwrap().to_owned(),
            strings(&cap["windows"]),
            strings(&cap["permissions"]),
        ));
    }
    out.sort();
    out
}

#[test]
fn capabilities_are_minimal() {
    let conf = read_json("tauri.conf.json");
    let listed: Vec<&str> = conf["app"]["security"]["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(listed, ["main-window", "presenter-window"]);
    let caps = capabilities();
    let names: Vec<(&str, &[String])> = caps
        .iter()
        .map(|(id, w, _)| (id.as_str(), w.as_slice()))
        .collect();
    assert_eq!(
        names,
        [
            ("main-window", &["main".to_owned()][..]),
            ("presenter-window", &["presenter".to_owned()][..])
        ],
        "one capability per window"
    );
    for (cap, _, perms) in &caps {
        for id in perms {
            assert!(!id.contains('*'), "{cap}: wildcard permission {id}");
            assert!(
                !id.ends_with(":default") && !id.contains("allow-all"),
                "{cap}: broad permission {id}: grant single commands"
            );
            assert!(
                !id.contains(':') || CORE_ALLOWED.contains(&id.as_str()),
                "{cap}: {id} is not one of the core permissions orgpath needs"
            );
        }
    }
    // The presenter window reads and steps the tour; it cannot write or copy anything.
    let presenter = &caps[1].2;
    for forbidden in [
        "allow-export-view",
        "allow-export-tour",
        "allow-copy-png",
        "allow-copy-text",
        "allow-present",
    ] {
        assert!(
            !presenter.iter().any(|p| p == forbidden),
            "presenter window holds {forbidden}"
        );
    }
}

#[test]
fn ui_sources_load_nothing_remote() {
    let mut files = vec![root().join("ui/index.html")];
    for entry in std::fs::read_dir(root().join("ui/src")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            files.push(path);
        }
    }
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, line) in text.lines().enumerate() {
            let cleaned = line.replace("http://www.w3.org/2000/svg", "");
            assert!(
                !cleaned.contains("http://")
                    && !cleaned.contains("https://")
                    && !cleaned.contains("//cdn"),
                "{}:{}: remote URL: {line}",
                f.display(),
                i + 1
            );
        }
    }
}

/// `identifier = "x"` and `commands.allow = ["y"]` pairs of the app's permission file.
fn app_permissions() -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(root().join("src-tauri/permissions/app.toml")).unwrap();
    let quoted = |line: &str| -> Vec<String> {
        line.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    };
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with("identifier") {
            out.push((quoted(line).remove(0), Vec::new()));
        } else if line.starts_with("commands.allow") {
            out.last_mut()
                .expect("commands after an identifier")
                .1
                .extend(quoted(line));
        }
    }
    out
}

#[test]
fn the_capability_grants_exactly_one_permission_per_command() {
    let perms = app_permissions();
    // The capabilities together list every permission of the app, and nothing else
    // of the app's (each window holds only what it uses).
    let mut listed: Vec<String> = capabilities()
        .into_iter()
        .flat_map(|(_, _, p)| p)
        .filter(|p| !CORE_ALLOWED.contains(&p.as_str()))
        .collect();
    listed.sort();
    listed.dedup();
    let mut defined: Vec<String> = perms.iter().map(|(id, _)| id.clone()).collect();
    defined.sort();
    assert_eq!(listed, defined);
    // Each permission allows one command, named after it.
    for (id, commands) in &perms {
        assert_eq!(commands.len(), 1, "{id}");
        assert_eq!(*id, format!("allow-{}", commands[0].replace('_', "-")));
    }
    // Every command the app registers has its permission, and no permission is spare.
    let lib = std::fs::read_to_string(root().join("src-tauri/src/lib.rs")).unwrap();
    let handler = lib
        .split("generate_handler![")
        .nth(1)
        .and_then(|s| s.split(']').next())
        .expect("lib.rs registers its commands with generate_handler!");
    let mut registered: Vec<String> = handler
        .split(',')
        .map(|s| {
            s.trim()
                .trim_start_matches("commands::")
                .trim_start_matches("stage::")
                .to_owned()
        })
        .filter(|s| !s.is_empty())
        .collect();
    let mut allowed: Vec<String> = perms.iter().map(|(_, c)| c[0].clone()).collect();
    registered.sort();
    allowed.sort();
    assert_eq!(registered, allowed);
}
