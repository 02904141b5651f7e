//! End to end: the user's own files in the real window. Live reload (the test rewrites
//! the file; the window changes, keeping its place), a half-written save that is not
//! shown as errors, a broken save shown in the problems panel with the dataset kept,
//! File > Open of a CSV whose header needs the column-mapping step, extra columns in
//! the details, and the recent files.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use fantoccini::Client;
use orgpath_app::session::{self, Source};
use orgpath_explore::Problem;
use serde_json::Value;

use crate::driver::{
    click_css, click_id, finish, fresh, js, open_file_menu, save_screenshot, screenshots_dir,
    start_with, start_with_env, wait_until,
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

/// The problem messages `orgpath validate --json` prints for a file: the English.
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

/// The problems the window is told about a file: the same load as `orgpath validate`.
fn window_problems(path: &Path) -> Vec<Problem> {
    match session::load(&Source {
        path: path.to_owned(),
        options: Default::default(),
    }) {
        Ok(_) => panic!("{} opened", path.display()),
        Err(report) => report.problems,
    }
}

/// The problem messages the window shows for a file in `lang`.
fn messages_in(path: &Path, lang: &str) -> Vec<String> {
    window_problems(path)
        .into_iter()
        .map(|p| {
            if lang == "ja" {
                p.message.ja
            } else {
                p.message.en
            }
        })
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
        // In the window's language (Japanese, its default), the same problems.
        assert_eq!(panel_messages(&client).await, messages_in(&company, "ja"));
        assert_eq!(messages_in(&company, "en"), cli_messages(&company));
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
        assert_eq!(panel_messages(&client).await, messages_in(&staff, "ja"));
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

/// The hints the panel shows, as a person reads them.
async fn panel_hints(client: &Client) -> Vec<String> {
    serde_json::from_value(js(client, "return [...document.querySelectorAll('#problems .problem-hint')].map(p => p.textContent)").await).unwrap()
}

/// A bad file opened from outside (`orgpath bad.csv`, as a double-click or "Open With"
/// arrives) starts the window anyway: the built-in dataset behind, the problems panel
/// in front in the window's language, and Map columns… for a header problem, which
/// then opens the file.
#[tokio::test]
async fn a_bad_file_from_outside_opens_the_window_on_its_problems() {
    let bad =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/csv-no-id-column.csv");
    let Some((_driver, client)) = start_with(&[bad.to_str().unwrap()]).await else {
        return;
    };
    let c = client.clone();
    let outcome = tokio::spawn(async move {
        let client = c;
        // A fresh page (Japanese, the default) asks for the problems again.
        fresh(&client).await;
        let panel = "return !document.getElementById('problems').hidden && !!document.getElementById('problems-map')";
        wait_until(&client, panel, "the problems panel over the built-in dataset").await;
        let builtin = orgpath_explore::builtin().unwrap();
        let title = builtin.meta().title.clone();
        assert_eq!(js(&client, "return document.getElementById('dataset-title').textContent").await, title.ja.as_str());
        let cards = "return document.querySelectorAll('#scroller g.card').length";
        assert!(js(&client, cards).await.as_u64().unwrap() > 0, "the built-in dataset is drawn behind");
        let problems = window_problems(&bad);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, orgpath_explore::Code::Header);
        // Japanese: the message, the hint naming the window's step, the panel's words.
        assert_eq!(panel_messages(&client).await, messages_in(&bad, "ja"));
        let hints = panel_hints(&client).await;
        assert!(hints[0].contains("列を対応づける…") && !hints[0].contains("--map"), "{hints:?}");
        assert_eq!(js(&client, "return document.getElementById('problems-map').textContent").await, "列を対応づける…");
        let head = js(&client, "return document.getElementById('problems-title').textContent").await;
        assert_eq!(head, "csv-no-id-column.csvを開けませんでした");
        let kept = js(&client, "return document.querySelector('#problems .problems-kept').textContent").await;
        assert_eq!(kept.as_str().unwrap(), format!("代わりに表示しているデータ: {}", title.ja));
        save_screenshot(&client, "bad-file-problems-ja.png").await;

        // English: the same panel in the window's other language.
        click_id(&client, "lang-en").await;
        wait_until(&client, "return document.getElementById('problems-map')?.textContent === 'Map columns…'", "the panel in English").await;
        assert_eq!(panel_messages(&client).await, messages_in(&bad, "en"));
        let hints = panel_hints(&client).await;
        assert!(hints[0].contains("Map columns…") && !hints[0].contains("--map"), "{hints:?}");
        assert!(!hints[0].contains("command line"), "{hints:?}");
        assert_eq!(
            js(&client, "return document.getElementById('problems-title').textContent").await,
            "csv-no-id-column.csv could not be opened"
        );
        save_screenshot(&client, "bad-file-problems-en.png").await;

        // Map columns… opens the file with its id column chosen.
        click_id(&client, "problems-map").await;
        wait_until(&client, "return !document.getElementById('mapping-dialog').hidden", "the mapping step").await;
        assert_eq!(js(&client, "return document.getElementById('mapping-title').textContent").await, "Map the columns");
        js(&client, "const s = document.getElementById('map-id'); s.value = 'code'; return s.value").await;
        click_id(&client, "mapping-open").await;
        wait_until(&client, "return document.getElementById('problems').hidden && !!document.querySelector(\"#scroller g.card[data-id='co']\")", "the mapped file").await;
        assert!(has_card(&client, "sre").await, "the file replaced the built-in dataset");
    })
    .await;
    finish(client, outcome).await;
}
