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

#[test]
fn capabilities_are_minimal() {
    let conf = read_json("tauri.conf.json");
    let listed: Vec<&str> = conf["app"]["security"]["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(listed, ["main-window"]);
    let dir = root().join("src-tauri/capabilities");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let cap: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        seen += 1;
        assert!(
            cap["remote"].is_null(),
            "{}: no remote URLs may use the IPC",
            path.display()
        );
        assert_eq!(
            cap["windows"],
            serde_json::json!(["main"]),
            "{}",
            path.display()
        );
        for p in cap["permissions"].as_array().unwrap() {
            let id = p.as_str().or_else(|| p["identifier"].as_str()).unwrap();
            assert!(!id.contains('*'), "wildcard permission {id}");
            assert!(
                !id.ends_with(":default") && !id.contains("allow-all"),
                "broad permission {id}: grant single commands"
            );
            let scope = p.to_string();
            assert!(
                !scope.contains("**") && !scope.contains("$HOME"),
                "broad scope in {id}"
            );
        }
    }
    assert_eq!(seen, 1, "one capability file, for the one window");
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
    // The capability lists every permission of the app, and nothing else.
    let cap = read_json("src-tauri/capabilities/main.json");
    let mut listed: Vec<String> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect();
    let mut defined: Vec<String> = perms.iter().map(|(id, _)| id.clone()).collect();
    listed.sort();
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
        .map(|s| s.trim().trim_start_matches("commands::").to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    let mut allowed: Vec<String> = perms.iter().map(|(_, c)| c[0].clone()).collect();
    registered.sort();
    allowed.sort();
    assert_eq!(registered, allowed);
}
