//! End to end: the user's own files in the real window. Live reload (the test rewrites
//! the file; the window changes, keeping its place), a half-written save that is not
//! shown as errors, a broken save shown in the problems panel with the dataset kept,
//! File > Open of a CSV whose header needs the column-mapping step, extra columns in
//! the details, and the recent files.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use fantoccini::Client;
use serde_json::Value;

use crate::driver::{
    click_css, click_id, finish, fresh, js, open_file_menu, save_screenshot, screenshots_dir,
    start_with_env, wait_until,
};

const COMPANY: &str = r#"{
  "format": "orgpath/1",
  "meta": { "title": { "ja": "小さな会社", "en": "A small company" } },
  "nodes": [
    { "id": "co", "kind": "organisation", "label": { "ja": "会社", "en": "Company" } },
    { "id": "dev", "kind": "department", "label": { "ja": "開発部", "en": "Development" } },
    { "id": "ops", "kind": "department", "label": { "ja": "運用部", "en": "Operations" } },
    { "id": "sre", "kind": "team", "label": { "ja": "SRE チーム", "en": "SRE team" } }
  ],
  "hierarchy": [
    { "child": "dev", "parent": "co" },
    { "child": "ops", "parent": "co" },
    { "child": "sre", "parent": "ops" }
  ]
}
"#;

/// The same company, grown: a QA team under development, which is renamed.
fn grown(dev_ja: &str) -> String {
    COMPANY
        .replace("\"開発部\"", &format!("\"{dev_ja}\""))
        .replace(
            r#"{ "id": "sre", "kind": "team""#,
            r#"{ "id": "qa", "kind": "team", "label": { "ja": "品質保証チーム", "en": "QA team" } },
    { "id": "sre", "kind": "team""#,
        )
        .replace(
            r#"{ "child": "sre", "parent": "ops" }"#,
            r#"{ "child": "sre", "parent": "ops" },
    { "child": "qa", "parent": "dev" }"#,
        )
}

/// A spreadsheet export whose columns orgpath cannot guess: the mapping step names them.
const STAFF: &str =
    "Code,Boss,FullName,Extension\nA1,,本社,100\nA2,A1,開発部,200\nA3,A1,運用部,300\n";

/// Writes like an editor that saves in place: truncate, then write.
fn save(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

/// The problem messages `orgpath validate --json` prints for a file.
fn cli_messages(path: &Path) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_orgpath"))
        .args(["validate", "--json"])
        .arg(path)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).expect("validate --json prints JSON");
    v["problems"]
        .as_array()
        .expect("a failing file has problems")
        .iter()
        .map(|p| p["message"].as_str().unwrap().to_owned())
        .collect()
}

async fn panel_messages(client: &Client) -> Vec<String> {
    serde_json::from_value(js(client, "return [...document.querySelectorAll('#problems .problem-message')].map(p => p.textContent)").await).unwrap()
}

async fn has_card(client: &Client, id: &str) -> bool {
    js(
        client,
        &format!("return !!document.querySelector(\"#scroller g.card[data-id='{id}']\")"),
    )
    .await
        == Value::Bool(true)
}

#[tokio::test]
async fn own_files_live_reload_problems_mapping_and_recent() {
    let dir: PathBuf = screenshots_dir().join("own-files");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let company = dir.join("company.json");
    save(&company, COMPANY);
    let staff = dir.join("staff.csv");
    save(&staff, STAFF);

    let company_arg = company.display().to_string();
    let config = dir.join("config");
    let Some((_driver, client)) = start_with_env(
        &[&company_arg],
        &[
            ("ORGPATH_OPEN_PATH", &staff),
            ("ORGPATH_CONFIG_DIR", &config),
        ],
    )
    .await
    else {
        return;
    };
    let c = client.clone();
    let outcome = tokio::spawn(async move {
        let client = c;
        fresh(&client).await;
        assert_eq!(js(&client, "return document.getElementById('dataset-title').textContent").await, "小さな会社");
        assert!(has_card(&client, "sre").await);

        // Select a card and zoom in: a reload must keep both.
        click_css(&client, "#scroller g.card[data-id='dev'] .card-bg").await;
        wait_until(&client, "return !document.getElementById('details').hidden", "the details").await;
        click_id(&client, "zoom-in").await;
        let zoom = js(&client, "return document.getElementById('zoom-reset').textContent").await;

        // Live reload: another program saves the file; the window follows.
        let saved = Instant::now();
        save(&company, &grown("開発本部"));
        wait_until(&client, "return !!document.querySelector(\"#scroller g.card[data-id='qa']\")", "the reloaded diagram").await;
        let took = saved.elapsed();
        println!("own files: a saved change reached the window in {took:?}");
        assert!(took < Duration::from_secs(2), "reload took {took:?}");
        assert_eq!(js(&client, "return document.querySelector('#scroller g.card.selected')?.dataset.id").await, "dev", "the selection is kept");
        wait_until(&client, "return document.querySelector('#details .details-title')?.textContent === '開発本部'", "the details re-read").await;
        assert_eq!(js(&client, "return document.getElementById('zoom-reset').textContent").await, zoom, "the zoom is kept");
        assert!(js(&client, "return document.getElementById('file-status').textContent").await.as_str().unwrap().contains("company.json"));
        save_screenshot(&client, "own-reloaded.png").await;

        // A save caught half-way: not a wall of errors, just the finished file a moment later.
        let full = grown("開発センター");
        save(&company, &full[..full.len() / 2]);
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert!(js(&client, "return document.getElementById('problems').hidden").await == Value::Bool(true), "a half-written file is not shown as problems");
        save(&company, &full);
        wait_until(&client, "return document.querySelector('#details .details-title')?.textContent === '開発センター'", "the finished save").await;
        assert!(js(&client, "return document.getElementById('problems').hidden").await == Value::Bool(true));

        // A broken save: the problems panel, the same problems as `orgpath validate`,
        // and the last good version stays on screen.
        let broken = full.replace(r#""id": "qa","#, r#""id": "qa""#);
        save(&company, &broken);
        wait_until(&client, "return !document.getElementById('problems').hidden", "the problems panel").await;
        assert_eq!(panel_messages(&client).await, cli_messages(&company));
        let where_ = js(&client, "return document.querySelector('#problems .problem-where').textContent").await;
        assert!(where_.as_str().unwrap().starts_with("company.json · "), "{where_}");
        assert!(has_card(&client, "qa").await, "the last good version stays");
        assert_eq!(js(&client, "return document.querySelector('#problems .problem').dataset.code").await, "syntax");
        save_screenshot(&client, "own-reload-problems.png").await;
        save(&company, &full);
        wait_until(&client, "return document.getElementById('problems').hidden", "the panel to go once fixed").await;

        // File > Open: a CSV whose header orgpath cannot read. The panel says so (as the
        // CLI does) and offers the mapping step; the company stays on screen.
        open_file_menu(&client).await;
        click_id(&client, "menu-open").await;
        wait_until(&client, "return !document.getElementById('problems').hidden && !!document.getElementById('problems-map')", "the header problems").await;
        assert_eq!(panel_messages(&client).await, cli_messages(&staff));
        assert!(has_card(&client, "qa").await);
        save_screenshot(&client, "own-open-problems.png").await;
        click_id(&client, "problems-map").await;
        wait_until(&client, "return !document.getElementById('mapping-dialog').hidden", "the mapping step").await;
        for (field, column) in [("id", "Code"), ("parent", "Boss"), ("name", "FullName")] {
            js(&client, &format!("const s = document.getElementById('map-{field}'); s.value = '{column}'; return s.value")).await;
        }
        save_screenshot(&client, "own-mapping.png").await;
        click_id(&client, "mapping-open").await;
        wait_until(&client, "return !!document.querySelector(\"#scroller g.card[data-id='A2']\")", "the mapped file").await;
        assert!(js(&client, "return document.getElementById('problems').hidden").await == Value::Bool(true));
        assert!(!has_card(&client, "qa").await, "the new dataset replaced the old");
        // An HR export has nothing for the map, the career paths or the flow: the view
        // list offers only the organisation.
        let offered = js(&client, "return [...document.querySelectorAll('#views button')].map(b => b.id)").await;
        assert_eq!(offered, serde_json::json!(["view-org"]));
        // The column nobody asked for is kept and shown.
        click_css(&client, "#scroller g.card[data-id='A2'] .card-bg").await;
        wait_until(&client, "return [...document.querySelectorAll('#details .details-attributes dt')].some(d => d.textContent === 'Extension')", "the extra column").await;
        assert_eq!(js(&client, "return document.querySelector('#details .details-attributes dd').textContent").await, "200");
        save_screenshot(&client, "own-mapped.png").await;

        // The recent files: the mapped CSV first, then the file the app started on.
        open_file_menu(&client).await;
        wait_until(&client, "return !!document.getElementById('menu-recent-1')", "the recent list").await;
        let names = js(&client, "return [...document.querySelectorAll('#file-menu [id^=menu-recent] .menu-label')].map(e => e.textContent)").await;
        assert_eq!(names, serde_json::json!(["staff.csv", "company.json"]));
        save_screenshot(&client, "own-menu.png").await;
        click_id(&client, "menu-recent-1").await;
        wait_until(&client, "return !!document.querySelector(\"#scroller g.card[data-id='qa']\")", "the recent file").await;
        assert_eq!(js(&client, "return document.getElementById('dataset-title').textContent").await, "小さな会社");

        // The settings were written whole, and list both files.
        let s: Value = serde_json::from_slice(&std::fs::read(config.join("settings.json")).unwrap()).unwrap();
        assert_eq!(s["recent"].as_array().unwrap().len(), 2);
    })
    .await;
    finish(client, outcome).await;
}
