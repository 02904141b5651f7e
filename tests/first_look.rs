//! The first look at an organisation in the real 1280x800 window: it opens with as
//! much as reads, around the dataset's subject, using the window; unfolding keeps the
//! clicked card where it is; "Unfold all" and "Fold to level N" work from the keys and
//! the details panel; the path panel opens on two linked items. Screenshots only
//! before anything is unfolded: once a window has unfolded a card, WebKitWebDriver's
//! screenshot call can hang (see people.rs).

use fantoccini::Client;
use serde_json::{json, Value};

use crate::driver::{click_css, click_id, js, on_fresh_window, save_screenshot, wait_until};

/// What the first screen shows, measured in the window: the cards drawn, the smallest
/// title or caption on screen (badges are markers, set smaller on purpose), and the
/// share of the diagram area the cards span (their bounding box) and cover (their own
/// area), from the drawn elements' boxes.
const FIRST_SCREEN: &str = "const s = document.getElementById('scroller'); const b = s.getBoundingClientRect();\
     const cards = [...s.querySelectorAll('g.card .card-bg')].map(e => e.getBoundingClientRect());\
     const zoom = Number(document.body.dataset.zoom);\
     const sizes = [...s.querySelectorAll('g.card text')].filter(t => !t.previousElementSibling?.classList.contains('badge')).map(t => Number(t.getAttribute('font-size')));\
     const x0 = Math.min(...cards.map(r => r.left)), y0 = Math.min(...cards.map(r => r.top));\
     const x1 = Math.max(...cards.map(r => r.right)), y1 = Math.max(...cards.map(r => r.bottom));\
     const area = b.width * b.height;\
     return { window: [innerWidth, innerHeight], area: [b.width, b.height], zoom,\
       ids: [...s.querySelectorAll('g.card')].map(g => g.dataset.id),\
       smallest: Math.min(...sizes) * zoom,\
       spanned: (x1 - x0) * (y1 - y0) / area,\
       covered: cards.reduce((a, r) => a + r.width * r.height, 0) / area,\
       inside: x0 >= b.left - 0.5 && y0 >= b.top - 0.5 && x1 <= b.right + 0.5 && y1 <= b.bottom + 0.5 };";

/// A card's place on screen (its background's top-left corner), or null.
fn place_of(id: &str) -> String {
    format!("const r = document.querySelector(\"#scroller g.card[data-id='{id}'] .card-bg\")?.getBoundingClientRect(); return r ? [r.left, r.top] : null")
}

/// The number of cards drawn.
async fn cards(client: &Client) -> usize {
    js(
        client,
        "return document.querySelectorAll('#scroller g.card').length",
    )
    .await
    .as_u64()
    .unwrap() as usize
}

/// Waits for the drawing to hold `n` cards and the camera to stop (an eased move takes
/// at most 250 ms: the place of the first card is the same twice, 300 ms apart).
async fn settled(client: &Client, n: usize, what: &str) {
    wait_until(
        client,
        &format!("return document.querySelectorAll('#scroller g.card').length === {n}"),
        what,
    )
    .await;
    let mut last = Value::Null;
    for _ in 0..20 {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let now = js(client, "return [document.getElementById('scroller').scrollLeft, document.getElementById('scroller').scrollTop, document.body.dataset.zoom, document.querySelector('#scroller svg')?.getAttribute('style')]").await;
        if now == last {
            return;
        }
        last = now;
    }
    panic!("{what}: the camera did not stop");
}

/// Checks the first screen and saves it: every card reads, the subject's teams are
/// drawn, and the cards use the window.
async fn first_screen(client: &Client, lang: &str) -> Value {
    let v = js(client, FIRST_SCREEN).await;
    println!("e2e: first screen ({lang}): {v}");
    assert_eq!(v["window"], json!([1280, 800]), "the window's size");
    let num = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
    assert!(num("smallest") >= 11.0, "{lang}: text under 11 px: {v}");
    assert_eq!(
        v["inside"],
        json!(true),
        "{lang}: a card outside the window: {v}"
    );
    assert!(
        num("spanned") >= 0.4,
        "{lang}: the cards span under 40 %: {v}"
    );
    let ids: Vec<String> = serde_json::from_value(v["ids"].clone()).unwrap();
    for id in [
        "microsoft",
        "css",
        "paas-team",
        "database-team",
        "global-css",
    ] {
        assert!(
            ids.contains(&id.to_owned()),
            "{lang}: {id} not on the first screen: {ids:?}"
        );
    }
    let shot = save_screenshot(client, &format!("first-screen-{lang}.png")).await;
    println!("e2e: screenshot {}", shot.display());
    v
}

#[tokio::test]
async fn the_first_look_opens_what_reads_and_folds_stay_under_the_pointer() {
    on_fresh_window(|client| async move {
        let dataset = orgpath_explore::builtin().unwrap();
        let total = dataset
            .org_tree()
            .roots
            .iter()
            .map(|r| 1 + r.descendants())
            .sum::<usize>();
        assert_eq!(total, 21, "the built-in organisation's units");

        // The first screen, in Japanese, then in English (opened afresh in English).
        let ja = first_screen(&client, "ja").await;
        js(&client, "localStorage.setItem('orgpath.lang', 'en')").await;
        client.refresh().await.unwrap();
        wait_until(&client, "return document.body.dataset.ready === 'true' && document.querySelector('#scroller svg')?.getAttribute('lang') === 'en'", "English").await;
        first_screen(&client, "en").await;
        let opened = ja["ids"].as_array().unwrap().len();

        // Unfolding keeps the clicked card where it is. Zoomed out a step first, so what
        // opens stays in the window and nothing needs to move.
        js(&client, "document.getElementById('zoom-out').click()").await;
        settled(&client, cards(&client).await, "zoomed out").await;
        let folded = js(&client, "return [...document.querySelectorAll('#scroller .unfold-hit')].map(e => e.dataset.unfold)").await;
        let folded: Vec<String> = serde_json::from_value(folded).unwrap();
        let target = ["marketing", "global-css", "paas-team"]
            .into_iter()
            .find(|id| folded.iter().any(|f| f == id))
            .expect("a small folded unit");
        let before = js(&client, &place_of(target)).await;
        let n = cards(&client).await;
        // A real click on the "+N" (WebDriver moves the pointer there).
        click_css(
            &client,
            &format!("#scroller .unfold-hit[data-unfold='{target}']"),
        )
        .await;
        let grown = n + dataset.children(target).len();
        settled(&client, grown, "the unfolded card's children").await;
        let after = js(&client, &place_of(target)).await;
        println!("e2e: {target} at {before} before unfolding, {after} after");
        let moved = |a: &Value, b: &Value, k: usize| {
            (a[k].as_f64().unwrap() - b[k].as_f64().unwrap()).abs()
        };
        assert!(
            moved(&before, &after, 0) <= 2.0 && moved(&before, &after, 1) <= 2.0,
            "{target} moved under the pointer: {before} → {after}"
        );

        // Unfold all (U): every unit; then the opened drawing is brought into view.
        js(&client, "document.getElementById('canvas').focus()").await;
        crate::e2e::key(&client, "u").await;
        settled(&client, total, "Unfold all (U)").await;
        assert_eq!(
            js(
                &client,
                "return document.querySelectorAll('#scroller .unfold-hit').length"
            )
            .await,
            json!(0)
        );
        let whole = js(&client, FIRST_SCREEN).await;
        assert_eq!(
            whole["inside"],
            json!(true),
            "after U, the whole tree is in view: {whole}"
        );

        // Fold to level 2 (Shift+2): the roots and their children.
        crate::e2e::key(&client, "\u{E008}2\u{E000}").await;
        settled(&client, 7, "Fold to level 2 (Shift+2)").await;
        let drawn = js(
            &client,
            "return [...document.querySelectorAll('#scroller g.card')].map(g => g.dataset.id)",
        )
        .await;
        assert_eq!(
            drawn,
            json!([
                "microsoft",
                "css",
                "hq-product-groups",
                "sales",
                "marketing",
                "customers",
                "partners"
            ])
        );

        // The same from the details panel: fold to level 1, then unfold all.
        click_css(&client, "#scroller g.card[data-id='microsoft'] .card-bg").await;
        wait_until(
            &client,
            "return !!document.getElementById('fold-level-1')",
            "the details panel's folds",
        )
        .await;
        let levels = js(
            &client,
            "return document.querySelectorAll('#tree-folds .level-button').length",
        )
        .await;
        assert_eq!(levels, json!(4), "one button per level of the tree");
        click_id(&client, "fold-level-1").await;
        settled(&client, 3, "Fold to level 1 (panel)").await;
        wait_until(&client, "return !!document.getElementById('unfold-all') && !document.getElementById('unfold-all').disabled", "Unfold all enabled").await;
        click_id(&client, "unfold-all").await;
        settled(&client, total, "Unfold all (panel)").await;
        assert!(opened < total, "the first screen folded what did not read");
    })
    .await;
}

#[tokio::test]
async fn the_path_panel_opens_on_two_linked_items() {
    on_fresh_window(|client| async move {
        let dataset = orgpath_explore::builtin().unwrap();
        let shown = |client: Client| async move {
            wait_until(&client, "return document.querySelectorAll('#path-results .path').length > 0 || !!document.querySelector('#path-results .muted')", "the path panel's answer").await;
            js(&client, "return { from: document.getElementById('path-from').value, to: document.getElementById('path-to').value, \
                          paths: document.querySelectorAll('#path-results .path').length, hint: document.getElementById('path-hint')?.textContent ?? '' }").await
        };

        // P with nothing selected: the subject and the item most related to it.
        js(&client, "document.getElementById('canvas').focus()").await;
        crate::e2e::key(&client, "p").await;
        let v = shown(client.clone()).await;
        println!("e2e: P: {v}");
        let pair = orgpath_explore::explore::path_pair(&dataset, None)
            .unwrap()
            .unwrap();
        assert_eq!(
            (v["from"].as_str().unwrap(), v["to"].as_str().unwrap()),
            (pair.from.as_str(), pair.to.as_str())
        );
        assert!(
            v["paths"].as_u64().unwrap() > 0,
            "the default pair is connected: {v}"
        );
        assert!(
            !v["hint"].as_str().unwrap().is_empty(),
            "the panel says how to pick others"
        );
        save_screenshot(&client, "first-look-paths.png").await;

        // A card selected, then P: from it to the item most related to it.
        click_id(&client, "details-close").await;
        click_css(&client, "#scroller g.card[data-id='customers'] .card-bg").await;
        wait_until(&client, "return document.querySelector('#scroller g.card.selected')?.dataset.id === 'customers'", "customers selected").await;
        js(&client, "document.getElementById('canvas').focus()").await;
        crate::e2e::key(&client, "p").await;
        wait_until(
            &client,
            "return document.getElementById('path-from')?.value === 'customers'",
            "the path from customers",
        )
        .await;
        let v = shown(client.clone()).await;
        println!("e2e: P on customers: {v}");
        let pair = orgpath_explore::explore::path_pair(&dataset, Some("customers"))
            .unwrap()
            .unwrap();
        assert_eq!(v["to"].as_str().unwrap(), pair.to);
        assert!(v["paths"].as_u64().unwrap() > 0, "connected: {v}");
    })
    .await;
}
