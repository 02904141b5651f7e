//! End to end: d3-org-chart's own sample (`tests/fixtures/d3-org-chart/data.csv`, 107
//! people) opens in the real window with no flags. Cards read the full name and the
//! job title, departments colour the cards and fill the legend, and the window lists
//! the one notice `orgpath validate` prints (its photos are web addresses, which are
//! not fetched). No WebDriver screenshot here: once this window has unfolded a card,
//! WebKitWebDriver's screenshot call never returned (seen in every run on 2026-12-02);
//! the screenshots in `tests/screenshots/` are taken with drive-window instead.

use std::path::PathBuf;
use std::process::Command;

use fantoccini::Client;
use serde_json::Value;

use crate::driver::{click_id, js, on_fresh_window_with, wait_until};

/// The notices of the file as the window has them, in Japanese and English.
fn window_notices(path: &std::path::Path) -> Vec<orgpath_explore::Text> {
    let source = orgpath_app::session::Source {
        path: path.to_owned(),
        options: Default::default(),
    };
    let loaded = orgpath_app::session::load(&source).expect("the sample opens");
    loaded
        .dataset
        .notices()
        .iter()
        .map(|p| p.message.clone())
        .collect()
}

pub(crate) fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/d3-org-chart/data.csv")
}

/// The notice messages `orgpath validate --json` prints for a file that opens: the
/// English.
fn cli_notices(path: &std::path::Path) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_orgpath"))
        .args(["validate", "--json"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["message"].as_str().unwrap().to_owned())
        .collect()
}

/// The drawn lines of a card (its `<text>` elements but the avatar's initials; not the
/// tooltip).
async fn card_lines(client: &Client, id: &str) -> Vec<String> {
    serde_json::from_value(js(client, &format!("return [...document.querySelectorAll(\"#scroller g.card[data-id='{id}'] text:not(.avatar-initials)\")].map(t => t.textContent)")).await).unwrap()
}

async fn initials(client: &Client, id: &str) -> String {
    js(client, &format!("return document.querySelector(\"#scroller g.card[data-id='{id}'] text.avatar-initials\").textContent")).await.as_str().unwrap().to_owned()
}

/// The fill of a card's coloured strip (its department's colour).
async fn strip(client: &Client, id: &str) -> String {
    js(client, &format!("return document.querySelector(\"#scroller g.card[data-id='{id}'] rect[clip-path]\").getAttribute('fill')")).await.as_str().unwrap().to_owned()
}

#[tokio::test]
async fn d3_org_chart_sample_opens_with_names_titles_and_departments() {
    let path = sample();
    let arg = path.display().to_string();
    on_fresh_window_with(&[&arg], move |client| async move {
        wait_until(&client, "return !!document.querySelector(\"#scroller g.card[data-id='100']\")", "Steven King's card").await;
        let king = card_lines(&client, "100").await;
        assert_eq!(king[0], "Steven King", "{king:?}");
        assert!(king.iter().any(|l| l == "Chief Operating Officer"), "{king:?}");
        assert!(king.iter().any(|l| l == "部下 14 人"), "{king:?}");
        assert!(!king.iter().any(|l| l.contains('·')), "no kind word, no dangling separator: {king:?}");
        // The photos are web addresses: initials in their place.
        assert_eq!(initials(&client, "100").await, "SK");
        // Steven King's 14 reports may be folded at first (the window keeps text at
        // 11 px or more when fitted, and a small window cannot show them all); his "+N"
        // opens them. Executive and Shipping then differ in colour, and the
        // legend names the departments.
        js(&client, "const plus = document.querySelector(\"#scroller .unfold-hit[data-unfold='100']\"); if (plus) plus.dispatchEvent(new MouseEvent('click', { bubbles: true })); return true").await;
        wait_until(&client, "return !!document.querySelector(\"#scroller g.card[data-id='120']\")", "Steven King's reports unfolded").await;
        assert_ne!(strip(&client, "100").await, strip(&client, "120").await);
        let legend = js(&client, "return document.getElementById('legend').textContent").await;
        for dept in ["Executive", "Purchasing", "Shipping"] {
            assert!(legend.as_str().unwrap().contains(dept), "{legend}");
        }
        // The photos are web addresses: said once, the same as the command line says
        // (in the window's language, Japanese here).
        wait_until(&client, "return document.body.dataset.notes === '1'", "the notes panel").await;
        let shown: Vec<String> = serde_json::from_value(js(&client, "return [...document.querySelectorAll('#problems .problem-message')].map(p => p.textContent)").await).unwrap();
        let notices = window_notices(&path);
        assert_eq!(shown, notices.iter().map(|t| t.ja.clone()).collect::<Vec<_>>());
        assert_eq!(cli_notices(&path), notices.into_iter().map(|t| t.en).collect::<Vec<_>>());
        click_id(&client, "problems-close").await;

        click_id(&client, "lang-en").await;
        wait_until(&client, "return [...document.querySelectorAll(\"#scroller g.card[data-id='100'] text\")].some(t => t.textContent === '14 direct reports')", "the English cards").await;
        let king = card_lines(&client, "100").await;
        assert_eq!(king[0], "Steven King", "{king:?}");
        assert!(king.iter().any(|l| l == "Chief Operating Officer"), "{king:?}");
    })
    .await;
}
