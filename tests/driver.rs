//! Driving the real window: tauri-driver (which starts WebKitWebDriver) and a WebDriver
//! session on a fresh orgpath window. Shared by the end-to-end tests (`tests/e2e.rs`)
//! and the frame-time benchmark (`tests/bench/frames.rs`).
#![allow(dead_code)]

use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// Stops tauri-driver with SIGTERM: a killed driver leaves WebKitWebDriver holding its
/// port and the next run fails.
pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        stop(&mut self.0);
    }
}

/// Ends a process a test started: SIGTERM (so it can end its own children), then
/// SIGKILL after 5 s.
pub fn stop(child: &mut Child) {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .stderr(Stdio::null())
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

pub fn screenshots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The app the window tests drive: `ORGPATH_E2E_APP` when set (a copy of this build,
/// kept from another build into a target folder shared with other checkouts), else the
/// one cargo built for these tests.
pub fn app() -> PathBuf {
    std::env::var_os("ORGPATH_E2E_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_orgpath")))
}

pub fn tauri_driver() -> PathBuf {
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
pub async fn start() -> Option<(Driver, Client)> {
    start_with(&[]).await
}

/// The same, with arguments for the app (a dataset file to open).
pub async fn start_with(args: &[&str]) -> Option<(Driver, Client)> {
    start_with_env(args, &[]).await
}

/// The same, with environment variables for the app (`ORGPATH_OPEN_PATH` answers the
/// open dialog). Each session gets its own empty settings folder, so no run sees the
/// recent files or window place of another.
pub async fn start_with_env(
    args: &[&str],
    env: &[(&str, &std::path::Path)],
) -> Option<(Driver, Client)> {
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
    // here instead of opening the save dialog. One a window: tests run side by side,
    // and a shared name was removed by one window's start under another's export.
    let save_path = screenshots_dir().join(format!("exported-from-window-{port}.png"));
    let _ = std::fs::remove_file(&save_path);
    let config = screenshots_dir().join(format!("config-{port}"));
    let _ = std::fs::remove_dir_all(&config);
    let mut command = Command::new(tauri_driver());
    command
        .env("ORGPATH_CONFIG_DIR", &config)
        .env("ORGPATH_SAVE_PATH", &save_path);
    // The caller's variables win over these defaults.
    for (k, v) in env {
        command.env(k, v);
    }
    let child = command
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
        json!({ "application": app(), "args": args }),
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

pub async fn wait_until(client: &Client, script: &str, what: &str) -> Value {
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

pub async fn save_screenshot(client: &Client, name: &str) -> PathBuf {
    let png = client.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    let path = screenshots_dir().join(name);
    std::fs::write(&path, png).unwrap();
    path
}

/// Runs a script and returns its result.
pub async fn js(client: &Client, script: &str) -> Value {
    client.execute(script, vec![]).await.expect("script runs")
}

/// Waits for the first drawing, forgets what earlier runs chose (view, language, theme
/// live in the window's storage), reloads, and waits for the organisation view: every
/// run starts from the same state. Returns how long the reloaded drawing took.
pub async fn fresh(client: &Client) -> Duration {
    wait_until(
        client,
        "return document.body.dataset.ready === 'true'",
        "the first drawing",
    )
    .await;
    js(client, "localStorage.clear()").await;
    client.refresh().await.unwrap();
    let t = Instant::now();
    wait_until(
        client,
        "return document.body.dataset.ready === 'true' && document.body.dataset.view === 'org'",
        "the organisation view",
    )
    .await;
    t.elapsed()
}

/// Ends the session (which closes the window) whatever the checks did, then reports
/// their failure, if any. The checks run in a task so that a failed assertion still
/// gets here.
pub async fn finish(client: Client, outcome: Result<(), tokio::task::JoinError>) {
    client.close().await.ok();
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// Switches to `view` with its button and waits for its cards.
pub async fn show_view(client: &Client, view: &str) {
    click_id(client, &format!("view-{view}")).await;
    wait_until(
        client,
        &format!("return document.body.dataset.view === '{view}' && document.querySelectorAll('#scroller g.card').length > 0"),
        view,
    )
    .await;
}

/// Runs `checks` on a fresh window on the built-in dataset (reset by [`fresh`]) and
/// ends the session whatever they did ([`finish`]): a failed check still closes the
/// window, then fails the test. Without a display and with ORGPATH_E2E=skip, nothing.
pub async fn on_fresh_window<F, Fut>(checks: F)
where
    F: FnOnce(Client) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    on_fresh_window_with(&[], checks).await;
}

/// The same as [`on_fresh_window`], with arguments for the app (a dataset file to open).
pub async fn on_fresh_window_with<F, Fut>(args: &[&str], checks: F)
where
    F: FnOnce(Client) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let Some((_driver, client)) = start_with(args).await else {
        return;
    };
    let c = client.clone();
    let outcome = tokio::spawn(async move {
        fresh(&c).await;
        checks(c).await;
    })
    .await;
    finish(client, outcome).await;
}

pub async fn click_id(client: &Client, id: &str) {
    click(client, Locator::Id(id), id).await;
}

/// Opens the File menu and waits for it to be filled: the page asks the backend for
/// the recent files first, and until then the last fill's buttons are still there, to
/// be replaced under a click.
pub async fn open_file_menu(client: &Client) {
    click_id(client, "file-open").await;
    wait_until(
        client,
        "return document.getElementById('file-open').getAttribute('aria-expanded') === 'true'",
        "the File menu",
    )
    .await;
}

pub async fn click_css(client: &Client, css: &str) {
    click(client, Locator::Css(css), css).await;
}

async fn click(client: &Client, at: Locator<'_>, what: &str) {
    client
        .find(at)
        .await
        .unwrap_or_else(|e| panic!("{what}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {what}: {e}"));
}
