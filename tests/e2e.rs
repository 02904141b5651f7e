//! End to end: the real app in a real window, driven through tauri-driver and
//! WebKitWebDriver. Needs a display (the test scripts start Xvfb) and `tauri-driver`
//! on PATH (`cargo install tauri-driver --locked`). Without them the test fails,
//! unless ORGPATH_E2E=skip, when it says it was skipped: never a silent pass.

use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use orgpath_core::TreeNode;
use serde_json::{json, Value};

/// Stops tauri-driver with SIGTERM: a killed driver leaves WebKitWebDriver holding its
/// port and the next run fails.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.0.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn screenshots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return p.into();
    }
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|p| p.join("bin/tauri-driver"));
    match cargo_bin {
        Some(p) if p.exists() => p,
        _ => PathBuf::from("tauri-driver"),
    }
}

/// Starts tauri-driver and connects a WebDriver session to a fresh orgpath window.
async fn start() -> Option<(Driver, Client)> {
    if std::env::var_os("DISPLAY").is_none() {
        if std::env::var("ORGPATH_E2E").as_deref() == Ok("skip") {
            println!("e2e: SKIPPED (no DISPLAY and ORGPATH_E2E=skip)");
            return None;
        }
        panic!("no DISPLAY: start Xvfb (the README's test command does), or set ORGPATH_E2E=skip to skip the end-to-end tests");
    }
    let port = free_port();
    let native = free_port();
    // The app inherits this through tauri-driver and WebKitWebDriver: Export writes
    // here instead of opening the save dialog.
    let save_path = screenshots_dir().join("exported-from-window.png");
    let _ = std::fs::remove_file(&save_path);
    let child = Command::new(tauri_driver())
        .env("ORGPATH_SAVE_PATH", &save_path)
        .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
        // A log file, not the test's own stdio: a window left behind by a crashed run
        // must not hold the CI log's pipe open.
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(screenshots_dir().join("tauri-driver.log")).unwrap())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start tauri-driver ({e}): install it with `cargo install tauri-driver --locked`"));
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "tauri-driver did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        json!({ "application": env!("CARGO_BIN_EXE_orgpath") }),
    );
    caps.insert("browserName".into(), json!("wry"));
    // tauri-driver listens before WebKitWebDriver is ready: the first session request
    // can fail with an incomplete response, so try a few times before giving up.
    let mut attempt = 0;
    let client = loop {
        attempt += 1;
        match ClientBuilder::native()
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => break c,
            Err(e) if attempt < 5 => {
                eprintln!("e2e: session attempt {attempt} failed ({e}); retrying");
                tokio::time::sleep(Duration::from_millis(500 * attempt)).await;
            }
            Err(e) => panic!("WebDriver session: {e}"),
        }
    };
    Some((driver, client))
}

async fn wait_until(client: &Client, script: &str, what: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let v = client.execute(script, vec![]).await.expect("script runs");
        if !(v.is_null() || v == json!(false)) {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Each drawn card's title as one string: its bold lines joined (titles wrap), with
/// whitespace removed so wrapped English compares equal.
async fn card_titles(client: &Client) -> Vec<String> {
    let v = client
        .execute(
            "return [...document.querySelectorAll('#scroller g.card')].map(g => [...g.querySelectorAll('text[font-weight=\"700\"]')].map(t => t.textContent).join('').replace(/\\s+/g, ''))",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(v).unwrap()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn flatten<'a>(nodes: &'a [TreeNode], out: &mut Vec<&'a TreeNode>) {
    for n in nodes {
        out.push(n);
        flatten(&n.children, out);
    }
}

async fn save_screenshot(client: &Client, name: &str) -> PathBuf {
    let png = client.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    let path = screenshots_dir().join(name);
    std::fs::write(&path, png).unwrap();
    path
}

/// Runs a script and returns its result.
async fn js(client: &Client, script: &str) -> Value {
    client.execute(script, vec![]).await.expect("script runs")
}

/// Ids of cards whose text runs past their right edge as the webview draws it.
const OVERFLOW: &str = "return [...document.querySelectorAll('#scroller g.card')].filter(g => { const b = g.querySelector('.card-bg').getBBox(); \
     return [...g.querySelectorAll('text')].some(t => { const r = t.getBBox(); return r.x + r.width > b.x + b.width - 2; }); }).map(g => g.dataset.id)";

/// Pairs of cards that overlap on screen.
const OVERLAPS: &str = "const r = [...document.querySelectorAll('#scroller .card-bg')].map(e => e.getBoundingClientRect()); let n = 0; \
     for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length; j++) { const a = r[i], b = r[j]; \
     if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) n++; } return n;";

#[tokio::test]
async fn window_draws_the_builtin_organisation_in_both_languages() {
    let Some((_driver, client)) = start().await else {
        return;
    };
    // Run the checks in a task so a failed assertion still ends the WebDriver session,
    // which closes the window; then report the failure.
    let c = client.clone();
    let checks = tokio::spawn(async move {
        let client = c;
        wait_until(
            &client,
            "return document.body.dataset.ready === 'true'",
            "the first drawing",
        )
        .await;
        // Start from a known state: earlier runs persist their choices.
        js(&client, "localStorage.clear()").await;
        client.refresh().await.unwrap();
        wait_until(
            &client,
            "return document.body.dataset.ready === 'true' && document.body.dataset.view === 'org'",
            "the organisation view",
        )
        .await;

        // Expected labels come from the same dataset the binary embeds: the UI holds no data.
        let tree = orgpath_core::builtin().unwrap().org_tree();
        let mut nodes = Vec::new();
        flatten(&tree.roots, &mut nodes);
        assert!(
            nodes.len() >= 15,
            "the built-in tree has its departments, teams and roles"
        );

        let titles = card_titles(&client).await;
        for n in &nodes {
            assert!(
                titles.contains(&squeeze(&n.label.ja)),
                "Japanese label {:?} of {} not in the window: {titles:?}",
                n.label.ja,
                n.id
            );
        }
        assert_eq!(titles.len(), nodes.len(), "each node drawn once");
        assert_eq!(
            js(
                &client,
                "return document.getElementById('dataset-title').textContent"
            )
            .await,
            json!(tree.meta.title.ja)
        );
        let shot = save_screenshot(&client, "organisation-ja.png").await;
        println!("e2e: screenshot {}", shot.display());
        assert_eq!(js(&client, OVERLAPS).await, json!(0), "overlapping cards");
        assert_eq!(
            js(&client, OVERFLOW).await,
            json!([]),
            "text overflowing its card"
        );

        // Switch to English: every label is redrawn in English.
        client
            .find(Locator::Id("lang-en"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_until(&client, "return [...document.querySelectorAll('#scroller svg')].some(s => s.getAttribute('lang') === 'en')", "English").await;
        let titles = card_titles(&client).await;
        for n in &nodes {
            assert!(
                titles.contains(&squeeze(&n.label.en)),
                "English label {:?} of {} not in the window: {titles:?}",
                n.label.en,
                n.id
            );
        }
        assert_eq!(
            js(&client, OVERFLOW).await,
            json!([]),
            "text overflowing its card (English)"
        );
        save_screenshot(&client, "organisation-en.png").await;

        // Clicking a card opens its details with the description and source passage.
        let first = nodes
            .iter()
            .find(|n| n.description.is_some() && n.source.is_some())
            .expect("a node with a description and source");
        client
            .find(Locator::Css(&format!(
                "#scroller g.card[data-id='{}'] .card-bg",
                first.id
            )))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_until(
            &client,
            "return !document.getElementById('details').hidden",
            "the details panel",
        )
        .await;
        let details = js(
            &client,
            "return document.getElementById('details-body').innerText",
        )
        .await;
        let details = details.as_str().unwrap_or_default();
        assert!(
            details.contains(&first.description.as_ref().unwrap().en),
            "{details}"
        );
        assert!(
            details.contains(&first.source.as_ref().unwrap().quote),
            "{details}"
        );
        save_screenshot(&client, "details-en.png").await;

        // Export from the window writes the same bytes as the CLI with the same options.
        client
            .find(Locator::Id("export-open"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_until(
            &client,
            "return !document.getElementById('export-dialog').hidden",
            "the export panel",
        )
        .await;
        js(&client, "const set = (id, v) => { const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event('change')); }; \
                     set('export-view', 'org'); set('export-format', 'png'); set('export-scale', '2'); set('export-theme', 'dark'); set('export-lang', 'en'); set('export-background', 'theme');").await;
        save_screenshot(&client, "export-panel.png").await;
        client
            .find(Locator::Id("export-save"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let saved = wait_until(
            &client,
            "return document.body.dataset.exported || false",
            "the export to be written",
        )
        .await;
        let saved = PathBuf::from(saved.as_str().unwrap());
        let from_window = std::fs::read(&saved).expect("the exported file");
        let cli_path = screenshots_dir().join("exported-from-cli.png");
        let out = Command::new(env!("CARGO_BIN_EXE_orgpath"))
            .args([
                "export",
                "--view",
                "org",
                "--lang",
                "en",
                "--theme",
                "dark",
                "--format",
                "png",
                "--scale",
                "2",
                "--background",
                "theme",
                "--direction",
                "lr",
                "-o",
            ])
            .arg(&cli_path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let from_cli = std::fs::read(&cli_path).unwrap();
        assert!(
            from_window == from_cli,
            "the window's export ({} bytes) differs from the CLI's ({} bytes)",
            from_window.len(),
            from_cli.len()
        );
        let status = js(
            &client,
            "return document.getElementById('export-status').textContent",
        )
        .await;
        assert!(
            status.as_str().unwrap().contains(saved.to_str().unwrap()),
            "{status}"
        );

        // Copy image: the clipboard holds a PNG of the view while the app runs.
        client
            .find(Locator::Id("export-copy"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_until(&client, "return document.body.dataset.copied === 'true' || document.getElementById('export-status').classList.contains('error')", "the copy").await;
        let status = js(
            &client,
            "return document.getElementById('export-status').textContent",
        )
        .await;
        assert_eq!(
            js(&client, "return document.body.dataset.copied || ''").await,
            json!("true"),
            "{status}"
        );
        let clip = Command::new("xclip")
            .args(["-selection", "clipboard", "-t", "image/png", "-o"])
            .output()
            .expect("xclip (the test scripts install it)");
        assert!(
            clip.status.success() && clip.stdout.starts_with(b"\x89PNG"),
            "clipboard holds a PNG: {}",
            String::from_utf8_lossy(&clip.stderr)
        );
        client
            .find(Locator::Id("export-cancel"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();

        // Every view draws in the window: cards that neither overlap nor clip their text.
        for view in ["relationships", "career", "flow", "org"] {
            client
                .find(Locator::Id(&format!("view-{view}")))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            wait_until(&client, &format!("return document.body.dataset.view === '{view}' && document.querySelectorAll('#scroller g.card').length > 0"), view).await;
            assert_eq!(
                js(&client, OVERLAPS).await,
                json!(0),
                "{view}: overlapping cards"
            );
            assert_eq!(
                js(&client, OVERFLOW).await,
                json!([]),
                "{view}: text overflowing its card"
            );
            save_screenshot(&client, &format!("view-{view}-en.png")).await;
        }
        // The projector theme redraws with large type.
        client
            .find(Locator::Id("theme-projector"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_until(&client, "return document.documentElement.dataset.theme === 'projector' && !!document.querySelector('#scroller text[font-size=\"36\"]')", "projector type").await;
        save_screenshot(&client, "projector-org-en.png").await;
    });
    let outcome = checks.await;
    client.close().await.ok();
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}
