//! End to end: the window keeps answering while a large export renders. A generated
//! organisation of 100,000 people is opened, a PNG export of its whole organisation view
//! starts, and while it renders the page switches views and searches through the same
//! commands the UI calls, timing each round trip in the page with `performance.now()`:
//! searches, views and details must each come back within 100 ms (see `checks` for
//! the two in a hundred the machine may delay). Then the PNG must be on
//! disk, whole.

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::Client;
use serde_json::Value;

use crate::driver::{finish, js, start_with_env, wait_until};

/// People in the organisation: the largest size `tests/export_sizes.rs` exports.
const PEOPLE: usize = 100_000;
/// The longest a command may take to answer while the export renders.
const BUDGET_MS: f64 = 100.0;

/// Runs in the page. After one untimed search (the index is ready), one pass of each
/// lane with the window idle; then the export
/// starts, and two lanes run side by side until it settles, as a user searching and
/// switching views would: the heavy lane searches and draws the organisation and the
/// relationship map (work that would grow with the 100,000 people but for the search
/// index and the tree and relations the dataset keeps), the quick lane switches
/// to the views and details whose own work is small; each waits a moment between
/// steps, as a person would (250 ms and 25 ms). Each round trip is timed from `invoke`
/// to its answer. `window.__responsive` holds the times and the result.
const RUN: &str = r#"
const invoke = window.__TAURI_INTERNALS__.invoke;
const r = window.__responsive = { times: [], saved: null, error: null, exportMs: null };
const look = { lang: 'en', theme: 'light', direction: 'auto', compact: false, collapsed: [], hidden: [],
               viewport: { width: 1200, height: 760 } };
const view = (v) => ['get_view', { request: { ...look, view: v } }];
const lanes = {
  heavy: [['search', { query: 'Kochhar', lang: 'en' }], view('org'), ['search', { query: 'Engineer', lang: 'en' }],
          view('relationships'), ['search', { query: 'p4242', lang: 'ja' }]],
  quick: [view('career'), ['get_details', { id: 'p0' }], view('flow'), ['get_meta', {}]],
};
const pass = async (lane, phase, gap = 0) => {
  for (const [command, args] of lanes[lane]) {
    if (gap) await new Promise(done => setTimeout(done, gap));
    const t = performance.now();
    await invoke(command, args);
    r.times.push({ lane, command, what: args.request?.view ?? args.query ?? args.id ?? null,
                   ms: performance.now() - t, phase, during: phase === 'export' && r.saved === null });
  }
};
const running = () => r.saved === null && r.error === null;
(async () => {
  // The search index is built once, on a worker, after the file opens; a first search
  // waits for it. What is timed is answering while an export runs, so begin when the
  // index is there: one search, untimed.
  await invoke('search', { query: 'ready', lang: 'en' });
  // And let the window settle from its first draw: the idle pass is timed idle.
  await new Promise(done => setTimeout(done, 1500));
  await pass('heavy', 'idle');
  await pass('quick', 'idle');
  const started = performance.now();
  const whole = { ...look, view: 'org', direction: 'td', user_folds: true };
  invoke('export_view', { request: { view: whole, format: 'png', scale: 1, background: 'theme' } })
    .then(saved => { r.saved = saved; r.exportMs = performance.now() - started; },
          e => { r.error = 'export: ' + JSON.stringify(e); });
  await Promise.all(['heavy', 'quick'].map(async (lane) => {
    while (running()) await pass(lane, 'export', lane === 'quick' ? 25 : 250);
  }));
})().catch(e => { r.error = 'round trip: ' + JSON.stringify(e); });
return true;
"#;

/// The median and the largest of `ms`.
fn median_and_max(ms: &mut [f64]) -> (f64, f64) {
    ms.sort_by(f64::total_cmp);
    (ms[ms.len() / 2], ms[ms.len() - 1])
}

/// Whether `bytes` is a whole PNG: the signature, then chunks each with its length,
/// ending exactly with IEND.
fn whole_png(bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return false;
    }
    let mut at = 8;
    while at + 12 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        let kind = &bytes[at + 4..at + 8];
        at += 12 + len;
        if kind == b"IEND" {
            return at == bytes.len();
        }
    }
    false
}

/// Waits for the export the page started to settle, up to `limit`.
async fn export_settled(client: &Client, limit: Duration) -> Value {
    let deadline = Instant::now() + limit;
    loop {
        let r = js(client, "return window.__responsive").await;
        if !r["saved"].is_null() || !r["error"].is_null() {
            return r;
        }
        assert!(Instant::now() < deadline, "the export did not finish: {r}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

async fn checks(client: Client, png: &Path) {
    // Loading 100,000 people in a debug build takes a while: wait longer than `fresh`.
    let deadline = Instant::now() + Duration::from_secs(180);
    while js(&client, "return document.body.dataset.ready === 'true'").await != Value::Bool(true) {
        assert!(Instant::now() < deadline, "the 100,000 people never drew");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    wait_until(
        &client,
        "return !!window.__TAURI_INTERNALS__ && document.querySelectorAll('#scroller g.card').length > 0",
        "the organisation's cards",
    )
    .await;
    js(&client, RUN).await;
    let r = export_settled(&client, Duration::from_secs(600)).await;
    assert!(r["error"].is_null(), "{}", r["error"]);
    let times = r["times"].as_array().expect("round trips");
    let export_ms = r["exportMs"].as_f64().unwrap_or(f64::NAN);
    println!("e2e: the {PEOPLE}-person PNG export took {export_ms:.0} ms");
    for (lane, phase) in [
        ("heavy", "idle"),
        ("heavy", "export"),
        ("quick", "idle"),
        ("quick", "export"),
    ] {
        let mut ms: Vec<f64> = times
            .iter()
            .filter(|t| t["lane"] == lane && t["phase"] == phase)
            .filter(|t| phase == "idle" || t["during"] == Value::Bool(true))
            .map(|t| t["ms"].as_f64().unwrap())
            .collect();
        assert!(
            ms.len() >= 3,
            "only {} {lane} round trips ({phase})",
            ms.len()
        );
        let (median, max) = median_and_max(&mut ms);
        println!(
            "e2e: {lane} round trips, {}: {} of them, median {median:.1} ms, max {max:.1} ms",
            if phase == "idle" {
                "window idle"
            } else {
                "during the export"
            },
            ms.len()
        );
    }
    // Both lanes are held to the budget: search answers from an index built once per
    // dataset, and the organisation and the map are drawn from what the dataset keeps
    // (its tree, each node's relations), so neither grows with the 100,000 people.
    // When the export and the heavy lane held the async runtime's two workers, one
    // quick round trip in ten took over 100 ms, the slowest 3.3 s; since, about one in
    // a thousand, the slowest 0.2 s: on a shared 2-core machine the scheduler alone
    // now and then delays one with nothing in the app in the way (with the PNG encoder
    // busy on one of the two cores, the heavy lane's slowest is 73-99 ms in quiet runs).
    // So two in a hundred may pass the budget, never by much.
    for lane in ["heavy", "quick"] {
        let ms: Vec<f64> = times
            .iter()
            .filter(|t| t["lane"] == lane)
            .map(|t| t["ms"].as_f64().unwrap())
            .collect();
        let over = ms.iter().filter(|&&ms| ms >= BUDGET_MS).count();
        let worst = ms.iter().copied().fold(0.0, f64::max);
        let slow: Vec<String> = times
            .iter()
            .filter(|t| t["lane"] == lane && t["ms"].as_f64().unwrap() >= BUDGET_MS)
            .map(|t| {
                format!(
                    "{} {} ({}): {} ms",
                    t["command"], t["what"], t["phase"], t["ms"]
                )
            })
            .collect();
        assert!(
            over * 50 <= ms.len().max(100) && worst < 2.5 * BUDGET_MS,
            "{over} of {} {lane} round trips took {BUDGET_MS} ms or more, the slowest {worst:.0} ms: {slow:?}",
            ms.len()
        );
    }
    assert_eq!(r["saved"]["path"].as_str(), png.to_str());
    let bytes = std::fs::read(png).expect("the exported PNG");
    assert!(whole_png(&bytes), "{} is not a whole PNG", png.display());
}

#[tokio::test]
async fn window_answers_within_100_ms_while_100k_people_export() {
    let dir = std::env::temp_dir().join(format!("orgpath-responsive-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("people-100000.csv");
    std::fs::write(&csv, orgpath_explore::generate::people_csv(PEOPLE, 7)).unwrap();
    let png = dir.join("org-100000.png");
    let arg = csv.display().to_string();
    let Some((_driver, client)) = start_with_env(&[&arg], &[("ORGPATH_SAVE_PATH", &png)]).await
    else {
        return;
    };
    let c = client.clone();
    let outcome = tokio::spawn(async move { checks(c, &png).await }).await;
    // Before `finish`, which reports a failure by panicking.
    let _ = std::fs::remove_dir_all(&dir);
    finish(client, outcome).await;
}
