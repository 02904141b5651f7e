//! End to end: the real app in a real window, driven through tauri-driver and
//! WebKitWebDriver. Needs a display (the test scripts start Xvfb) and `tauri-driver`
//! on PATH (`cargo install tauri-driver --locked`). Without them the test fails,
//! unless ORGPATH_E2E=skip, when it says it was skipped: never a silent pass.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use orgpath_core::TreeNode;
use serde_json::{json, Value};

use crate::driver::{
    click_css, click_id, finish, fresh, js, save_screenshot, screenshots_dir, start, wait_until,
};

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
        // Start from a known state: earlier runs persist their choices.
        fresh(&client).await;

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
        click_id(&client, "lang-en").await;
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
        click_css(
            &client,
            &format!("#scroller g.card[data-id='{}'] .card-bg", first.id),
        )
        .await;
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
        click_id(&client, "export-open").await;
        wait_until(
            &client,
            "return !document.getElementById('export-dialog').hidden",
            "the export panel",
        )
        .await;
        js(&client, "const set = (id, v) => { const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event('change')); }; \
                     set('export-view', 'org'); set('export-format', 'png'); set('export-scale', '2'); set('export-theme', 'dark'); set('export-lang', 'en'); set('export-background', 'theme');").await;
        save_screenshot(&client, "export-panel.png").await;
        click_id(&client, "export-save").await;
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
        click_id(&client, "export-copy").await;
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
        click_id(&client, "export-cancel").await;

        // Every view draws in the window: cards that neither overlap nor clip their text.
        for view in ["relationships", "career", "flow", "org"] {
            click_id(&client, &format!("view-{view}")).await;
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
        click_id(&client, "theme-projector").await;
        wait_until(&client, "return document.documentElement.dataset.theme === 'projector' && !!document.querySelector('#scroller text[font-size=\"36\"]')", "projector type").await;
        save_screenshot(&client, "projector-org-en.png").await;
    });
    finish(client, checks.await).await;
}

/// Sets a <select> and tells the page, as a person picking an option would.
async fn choose(client: &Client, id: &str, value: &str) {
    js(
        client,
        &format!(
            "const e = document.getElementById('{id}'); e.value = '{value}'; e.dispatchEvent(new Event('change')); return e.value"
        ),
    )
    .await;
}

/// The explorer, as a student uses it: search and jump, details with clickable
/// neighbours, the legend as a filter, a path between two items, a career route,
/// keyboard-only navigation, and a language switch that keeps the selection.
#[tokio::test]
async fn explorer_search_details_filters_paths_routes_keyboard_and_language() {
    let Some((_driver, client)) = start().await else {
        return;
    };
    let c = client.clone();
    let checks = tokio::spawn(async move {
        let client = c;
        // Start from a known state: earlier runs persist their choices.
        fresh(&client).await;
        let dataset = orgpath_core::builtin().unwrap();

        // Search: romaji finds katakana; Enter jumps to the best hit and selects it.
        let search = client.find(Locator::Id("search")).await.unwrap();
        search.click().await.unwrap();
        search.send_keys("sapo-to").await.unwrap();
        let hits = wait_until(
            &client,
            "const h = [...document.querySelectorAll('#search-results .hit')].map(e => e.dataset.id); \
             const err = document.querySelector('#search-results .error'); if (err) throw new Error(err.textContent); return h.length ? h : false",
            "search hits",
        )
        .await;
        // (A failed search shows its error in the list: say it when this fails.)
        let hits: Vec<String> = serde_json::from_value(hits).unwrap();
        assert!(hits.contains(&"paas-team".to_owned()), "{hits:?}");
        save_screenshot(&client, "explorer-search.png").await;
        search.send_keys("\u{E007}").await.unwrap();
        let first = &hits[0];
        wait_until(
            &client,
            &format!("return document.querySelector('#scroller g.card.selected')?.dataset.id === '{first}' && !document.getElementById('details').hidden"),
            "the jump to the first hit",
        )
        .await;
        save_screenshot(&client, "explorer-search-jump.png").await;

        // Details: relationships grouped by kind, each neighbour a link that selects it.
        click_id(&client, "view-org").await;
        wait_until(&client, "return document.body.dataset.view === 'org' && !!document.querySelector(\"#scroller g.card[data-id='css']\")", "the organisation view").await;
        click_css(&client, "#scroller g.card[data-id='css'] .card-bg").await;
        wait_until(
            &client,
            "return document.querySelectorAll('#details .relation-group .item-link').length > 0",
            "grouped relationships in the details",
        )
        .await;
        let groups = js(&client, "return [...document.querySelectorAll('#details .relation-group')].map(g => g.dataset.kind)").await;
        let d = orgpath_core::window::details(&dataset, "css").unwrap();
        let expected: Vec<&str> = d.relation_groups.iter().map(|g| g.kind.as_str()).collect();
        assert_eq!(groups, json!(expected));
        save_screenshot(&client, "explorer-details.png").await;
        let neighbour = d.relation_groups[0].items[0].id.clone();
        click_css(
            &client,
            &format!("#details .relation-group .item-link[data-id='{neighbour}']"),
        )
        .await;
        wait_until(
            &client,
            &format!("return document.querySelector('#scroller g.card.selected')?.dataset.id === '{neighbour}'"),
            "the neighbour selected",
        )
        .await;

        // Filters: the legend is the filter. Hiding a relation kind in the relationship
        // map removes exactly its edges, and showing it again brings them back.
        click_id(&client, "view-relationships").await;
        wait_until(&client, "return document.body.dataset.view === 'relationships' && document.querySelectorAll('#scroller g.edge').length > 0", "the relationship map").await;
        let key = js(&client, "return document.querySelector('#legend .legend-toggle[data-key^=\"kind:\"]')?.dataset.key").await;
        let key = key
            .as_str()
            .expect("a relation kind in the legend")
            .to_owned();
        let kind = key.trim_start_matches("kind:").to_owned();
        let count = format!(
            "return document.querySelectorAll('#scroller g.edge[data-kind=\"{kind}\"]').length"
        );
        let before = js(&client, &count).await.as_u64().unwrap();
        assert!(before > 0, "{kind} has edges");
        click_css(
            &client,
            &format!("#legend .legend-toggle[data-key='{key}']"),
        )
        .await;
        wait_until(&client, &format!("{count} === 0"), "the kind hidden").await;
        let pressed = js(&client, &format!("return document.querySelector('#legend .legend-toggle[data-key=\"{key}\"]').getAttribute('aria-pressed')")).await;
        assert_eq!(pressed, json!("false"));
        save_screenshot(&client, "explorer-filter.png").await;
        click_css(
            &client,
            &format!("#legend .legend-toggle[data-key='{key}']"),
        )
        .await;
        wait_until(
            &client,
            &format!("{count} === {before}"),
            "the kind shown again",
        )
        .await;

        // Clicking a link explains it: what kind it is and the passage it rests on.
        let edge = js(&client, "const e = document.querySelector('#scroller g.edge .edge-hit'); if (!e) return null; \
                                const g = e.closest('g.edge'); return [g.dataset.from, g.dataset.to, g.dataset.kind]").await;
        let edge: Vec<String> =
            serde_json::from_value(edge).expect("a clickable link in the relationship map");
        js(&client, &format!("document.querySelector('#scroller g.edge[data-from=\"{}\"][data-to=\"{}\"] .edge-hit').dispatchEvent(new MouseEvent('click', {{ bubbles: true }}))", edge[0], edge[1])).await;
        wait_until(&client, "return document.getElementById('details').dataset.kind === 'edge' && document.querySelectorAll('#details .edge-item').length > 0", "the link explained").await;
        let explained = orgpath_core::explore::edge_details(&dataset, &edge[0], &edge[1])
            .expect("the link exists");
        let kinds = js(
            &client,
            "return [...document.querySelectorAll('#details .edge-item')].map(e => e.dataset.kind)",
        )
        .await;
        assert_eq!(
            kinds,
            json!(explained
                .items
                .iter()
                .map(|i| i.kind.clone())
                .collect::<Vec<_>>())
        );
        save_screenshot(&client, "explorer-edge.png").await;

        // Linked views: the CSA selected in the relationship map is the CSA selected in
        // the career view.
        click_css(&client, "#scroller g.card[data-id='csa'] .card-bg").await;
        wait_until(
            &client,
            "return document.querySelector('#scroller g.card.selected')?.dataset.id === 'csa'",
            "CSA selected",
        )
        .await;
        click_id(&client, "view-career").await;
        wait_until(&client, "return document.body.dataset.view === 'career' && document.querySelector('#scroller g.card.selected')?.dataset.id === 'csa'", "CSA selected in the career view").await;
        save_screenshot(&client, "explorer-linked-career.png").await;
        click_id(&client, "view-relationships").await;
        wait_until(&client, "return document.body.dataset.view === 'relationships' && !!document.querySelector('#scroller g.card')", "the relationship map again").await;

        // A path between two items: listed step by step and highlighted in the diagram.
        click_id(&client, "paths-open").await;
        wait_until(
            &client,
            "return !!document.getElementById('path-from')",
            "the paths panel",
        )
        .await;
        choose(&client, "path-from", "customers").await;
        choose(&client, "path-to", "hq-product-groups").await;
        click_id(&client, "path-go").await;
        wait_until(
            &client,
            "return document.querySelectorAll('#path-results .path').length > 0",
            "paths",
        )
        .await;
        let found =
            orgpath_core::explore::paths(&dataset, "customers", "hq-product-groups", 6, 8).unwrap();
        let shortest = found.shortest.unwrap();
        let listed = js(&client, "return [...document.querySelectorAll('#path-results .path')[0].querySelectorAll('.item-link')].map(e => e.dataset.id)").await;
        assert_eq!(listed, json!(shortest.nodes));
        let lit = js(&client, "return [...document.querySelectorAll('#scroller g.card.on-path')].map(e => e.dataset.id)").await;
        let lit: Vec<String> = serde_json::from_value(lit).unwrap();
        assert!(
            !lit.is_empty() && lit.iter().all(|id| shortest.nodes.contains(id)),
            "{lit:?}"
        );
        save_screenshot(&client, "explorer-path.png").await;

        // A career route: from joining to CSA, shown in the career view.
        click_id(&client, "career-open").await;
        wait_until(&client, "return !!document.getElementById('route-from') && document.querySelectorAll('#track-compare .track').length === 2", "the career panel with both tracks").await;
        choose(&client, "route-from", "stage-entry").await;
        choose(&client, "route-to", "csa").await;
        click_id(&client, "route-go").await;
        wait_until(&client, "return document.body.dataset.view === 'career' && document.querySelectorAll('#route-results .path').length > 0 && document.querySelectorAll('#scroller g.card.on-path').length > 0", "a career route in the career view").await;
        let routes =
            orgpath_core::explore::career_routes(&dataset, "stage-entry", "csa", 6).unwrap();
        let first_route: Vec<String> = std::iter::once(routes.routes[0].steps[0].from.clone())
            .chain(routes.routes[0].steps.iter().map(|s| s.to.clone()))
            .collect();
        let lit = js(&client, "return [...document.querySelectorAll('#scroller g.card.on-path')].map(e => e.dataset.id)").await;
        let lit: Vec<String> = serde_json::from_value(lit).unwrap();
        assert!(
            lit.contains(&"stage-entry".to_owned())
                && lit.iter().all(|id| first_route.contains(id)),
            "{lit:?} vs {first_route:?}"
        );
        save_screenshot(&client, "explorer-career-route.png").await;
        click_id(&client, "details-close").await;

        // Keyboard only: Tab into the diagram, arrows along the tree, Enter opens details.
        click_id(&client, "view-org").await;
        wait_until(&client, "return document.body.dataset.view === 'org' && !!document.querySelector('#scroller g.card')", "the organisation view").await;
        js(&client, "document.getElementById('zoom-fit').focus()").await;
        let mut on_card = false;
        for _ in 0..10 {
            client
                .active_element()
                .await
                .unwrap()
                .send_keys("\u{E004}")
                .await
                .unwrap();
            if js(
                &client,
                "return !!document.activeElement?.matches?.('g.card')",
            )
            .await
                == json!(true)
            {
                on_card = true;
                break;
            }
        }
        assert!(on_card, "Tab reaches the diagram");
        let root = js(&client, "return document.activeElement.dataset.id").await;
        let tree = dataset.org_tree();
        assert_eq!(root, json!(tree.roots[0].id));
        client
            .active_element()
            .await
            .unwrap()
            .send_keys("\u{E014}")
            .await
            .unwrap(); // ArrowRight
        let child = tree.roots[0].children[0].id.clone();
        wait_until(
            &client,
            &format!("return document.activeElement?.dataset?.id === '{child}'"),
            "ArrowRight to the first child",
        )
        .await;
        client
            .active_element()
            .await
            .unwrap()
            .send_keys("\u{E015}")
            .await
            .unwrap(); // ArrowDown
        let sibling = tree.roots[0].children[1].id.clone();
        wait_until(
            &client,
            &format!("return document.activeElement?.dataset?.id === '{sibling}'"),
            "ArrowDown to the next sibling",
        )
        .await;
        client
            .active_element()
            .await
            .unwrap()
            .send_keys("\u{E007}")
            .await
            .unwrap(); // Enter
        wait_until(&client, &format!("return !document.getElementById('details').hidden && document.querySelector('#scroller g.card.selected')?.dataset.id === '{sibling}'"), "Enter opens the details").await;
        save_screenshot(&client, "explorer-keyboard.png").await;

        // A touchpad pinch, as the backend forwards it on Linux (WebKitGTK would
        // otherwise magnify the whole page): the diagram zooms, the page does not.
        let before = js(
            &client,
            "return document.getElementById('zoom-reset').textContent",
        )
        .await;
        js(&client, "const b = document.getElementById('scroller').getBoundingClientRect(); const x = b.left + b.width / 2, y = b.top + b.height / 2; \
                     for (const [phase, scale] of [['begin', 1], ['change', 1.2], ['change', 1.5], ['end', 1.5]]) \
                       window.dispatchEvent(new CustomEvent('orgpath-pinch', { detail: { phase, scale, x, y } }));").await;
        let after = js(
            &client,
            "return document.getElementById('zoom-reset').textContent",
        )
        .await;
        let pct = |v: &Value| {
            v.as_str()
                .unwrap()
                .trim_end_matches('%')
                .parse::<f64>()
                .unwrap()
        };
        assert!(
            (pct(&after) / pct(&before) - 1.5).abs() < 0.05,
            "pinch ×1.5: {before} → {after}"
        );
        assert_eq!(
            js(
                &client,
                "return window.visualViewport ? window.visualViewport.scale : 1"
            )
            .await,
            json!(1)
        );
        click_id(&client, "zoom-fit").await;

        // The outline: the diagram as text, which Copy puts on the clipboard.
        click_id(&client, "outline-open").await;
        let outline = wait_until(
            &client,
            "return document.getElementById('outline-text')?.textContent || false",
            "the outline",
        )
        .await;
        let outline = outline.as_str().unwrap().to_owned();
        for n in &tree.roots[0].children {
            assert!(
                outline.contains(&n.label.ja),
                "{} in the outline",
                n.label.ja
            );
        }
        click_id(&client, "outline-copy").await;
        wait_until(
            &client,
            "return document.body.dataset.copiedText === 'true'",
            "the outline copied",
        )
        .await;
        let clip = Command::new("xclip")
            .args(["-selection", "clipboard", "-o"])
            .output()
            .expect("xclip (the test scripts install it)");
        assert_eq!(
            String::from_utf8_lossy(&clip.stdout).trim_end(),
            outline.trim_end()
        );
        save_screenshot(&client, "explorer-outline.png").await;
        click_id(&client, "details-close").await;
        click_css(
            &client,
            &format!("#scroller g.card[data-id='{sibling}'] .card-bg"),
        )
        .await;
        wait_until(&client, &format!("return !document.getElementById('details').hidden && document.querySelector('#scroller g.card.selected')?.dataset.id === '{sibling}'"), "the selection again").await;

        // Language switch keeps the selection and the viewport.
        let scroll = js(
            &client,
            "const s = document.getElementById('scroller'); return [s.scrollLeft, s.scrollTop]",
        )
        .await;
        click_id(&client, "lang-ja").await;
        wait_until(
            &client,
            "return document.querySelector('#scroller svg')?.getAttribute('lang') === 'ja'",
            "Japanese",
        )
        .await;
        wait_until(&client, &format!("return document.querySelector('#scroller g.card.selected')?.dataset.id === '{sibling}'"), "the selection kept").await;
        let label = dataset.node(&sibling).unwrap().label.ja.clone();
        wait_until(
            &client,
            &format!(
                "return document.querySelector('#details .details-title')?.textContent === {}",
                json!(label)
            ),
            "the details in Japanese",
        )
        .await;
        let after = js(
            &client,
            "const s = document.getElementById('scroller'); return [s.scrollLeft, s.scrollTop]",
        )
        .await;
        let near = |a: &Value, b: &Value| (a.as_f64().unwrap() - b.as_f64().unwrap()).abs() <= 80.0;
        assert!(
            near(&scroll[0], &after[0]) && near(&scroll[1], &after[1]),
            "viewport moved: {scroll} → {after}"
        );
        save_screenshot(&client, "explorer-language-kept.png").await;
    });
    finish(client, checks.await).await;
}

/// Sends one key (a WebDriver key code or text) to whatever has focus.
async fn key(client: &Client, k: &str) {
    client
        .active_element()
        .await
        .unwrap()
        .send_keys(k)
        .await
        .unwrap();
}

const F5: &str = "\u{E035}";
const RIGHT: &str = "\u{E014}";
const LEFT: &str = "\u{E012}";
const PAGE_DOWN: &str = "\u{E00F}";
const PAGE_UP: &str = "\u{E00E}";
const HOME: &str = "\u{E011}";
const END: &str = "\u{E010}";
const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";

/// Presenting, as a recruiter does it with a clicker: F5 starts the first tour
/// fullscreen in the projector theme with the chrome hidden; the clicker's keys step
/// through it (each step spotlights exactly the cards the data names); a number and
/// Enter jumps; B and W black and white the screen out; the presenter window follows;
/// Esc leaves and puts the window back as it was.
#[tokio::test]
async fn presenting_a_tour_with_clicker_keys_blackout_presenter_and_escape() {
    let Some((_driver, client)) = start().await else {
        return;
    };
    let c = client.clone();
    let checks = tokio::spawn(async move {
        let client = c;
        fresh(&client).await;
        let dataset = orgpath_core::builtin().unwrap();
        let tours = orgpath_core::tour::summaries(&dataset);
        assert!(tours.len() >= 3, "the built-in tours");
        let tour = &tours[0];
        wait_until(
            &client,
            &format!(
                "return document.querySelectorAll('#tours .tour').length === {}",
                tours.len()
            ),
            "the tours listed",
        )
        .await;

        // What the data says each step shows, from the same core the window uses.
        let step_info = |i: u32| {
            let request = orgpath_core::window::ViewRequest {
                view: "org".into(),
                lang: "ja".into(),
                theme: "projector".into(),
                direction: "lr".into(),
                compact: false,
                focus: None,
                collapsed: Vec::new(),
                hidden: Vec::new(),
                tour: Some(tour.id.clone()),
                step: Some(i),
            };
            orgpath_core::window::view(&dataset, &request).unwrap()
        };
        // The cards a step leaves bright: its spotlight, or every card when it names
        // none (an overview).
        let check_step = |i: u32| {
            let payload = step_info(i);
            let info = payload.step.expect("a step");
            let mut lit = if info.spotlight.is_empty() {
                payload.ids.clone()
            } else {
                info.spotlight.clone()
            };
            lit.sort();
            lit.dedup();
            (info, lit)
        };
        let lit_now = "return [...document.querySelectorAll('#scroller g.card')].filter(g => g.getAttribute('data-dimmed') !== 'true').map(g => g.dataset.id).sort()";

        key(&client, F5).await;
        wait_until(&client, "return document.body.dataset.presenting === 'true' && document.body.dataset.step === '1' && document.documentElement.dataset.theme === 'projector'", "presentation mode").await;
        let (info, lit) = check_step(0);
        wait_until(
            &client,
            &format!(
                "return document.getElementById('present-caption-text').textContent === {}",
                json!(info.caption.ja)
            ),
            "the first caption",
        )
        .await;
        assert_eq!(js(&client, lit_now).await, json!(lit), "step 1 spotlight");
        assert_eq!(
            js(
                &client,
                "return getComputedStyle(document.querySelector('.topbar')).display"
            )
            .await,
            json!("none"),
            "chrome hidden"
        );
        assert_eq!(
            js(
                &client,
                "return document.getElementById('present-progress').textContent"
            )
            .await,
            json!(format!("1 / {}", tour.steps))
        );
        let body_px = js(&client, "return parseFloat(getComputedStyle(document.getElementById('present-caption')).fontSize)").await;
        assert!(
            body_px.as_f64().unwrap() >= 28.0,
            "caption type {body_px} px"
        );
        save_screenshot(&client, "present-step-1.png").await;

        // The clicker's keys, and a typed step number.
        let n = tour.steps;
        for (k, expect) in [
            (RIGHT, 2),
            (PAGE_DOWN, 3),
            (" ", 4),
            (LEFT, 3),
            (PAGE_UP, 2),
            (END, n),
            (HOME, 1),
        ] {
            key(&client, k).await;
            wait_until(
                &client,
                &format!("return document.body.dataset.step === '{expect}'"),
                &format!("step {expect}"),
            )
            .await;
        }
        key(&client, "3").await;
        key(&client, ENTER).await;
        wait_until(
            &client,
            "return document.body.dataset.step === '3'",
            "a typed jump to step 3",
        )
        .await;
        let (info, lit) = check_step(2);
        wait_until(
            &client,
            &format!(
                "return document.getElementById('present-caption-text').textContent === {}",
                json!(info.caption.ja)
            ),
            "the third caption",
        )
        .await;
        wait_until(
            &client,
            &format!(
                "return JSON.stringify((() => {{ {lit_now} }})()) === {}",
                json!(json!(lit).to_string())
            ),
            "step 3 spotlight",
        )
        .await;
        save_screenshot(&client, "present-step-3.png").await;

        // The presenter window (P): the current caption, the notes, the next step and
        // a timer; its keys drive the tour.
        let main_window = client.window().await.unwrap();
        key(&client, "p").await;
        let deadline = Instant::now() + Duration::from_secs(20);
        let presenter = loop {
            let all = client.windows().await.unwrap();
            if let Some(w) = all.into_iter().find(|w| *w != main_window) {
                break w;
            }
            assert!(Instant::now() < deadline, "the presenter window opened");
            tokio::time::sleep(Duration::from_millis(200)).await;
        };
        client.switch_to_window(presenter).await.unwrap();
        wait_until(&client, &format!("return document.body.dataset.presenter === 'true' && document.body.dataset.step === '3' && document.getElementById('presenter-caption').textContent === {}", json!(info.caption.ja)), "the presenter window on step 3").await;
        let next = check_step(3).0;
        wait_until(&client, &format!("return document.getElementById('presenter-next-caption').textContent === {} && !!document.querySelector('#presenter-preview svg')", json!(next.caption.ja)), "the next step's preview").await;
        if let Some(notes) = &info.notes {
            let shown = js(
                &client,
                "return document.getElementById('presenter-notes').innerText",
            )
            .await;
            assert!(
                squeeze(shown.as_str().unwrap()).contains(&squeeze(&notes.ja)),
                "notes: {shown}"
            );
        }
        wait_until(
            &client,
            "return /^\\d\\d:\\d\\d$/.test(document.getElementById('presenter-timer').textContent)",
            "the timer",
        )
        .await;
        save_screenshot(&client, "presenter-view.png").await;
        key(&client, RIGHT).await;
        wait_until(
            &client,
            "return document.body.dataset.step === '4'",
            "the presenter's key moves the tour",
        )
        .await;
        client.switch_to_window(main_window).await.unwrap();
        wait_until(
            &client,
            "return document.body.dataset.step === '4'",
            "the main window on step 4",
        )
        .await;
        key(&client, LEFT).await;
        wait_until(
            &client,
            "return document.body.dataset.step === '3'",
            "back to step 3",
        )
        .await;

        // Blackout and whiteout, and back. (No WebDriver screenshot of a blank screen:
        // WebKitWebDriver does not return one; .ci and the note use drive-window's.)
        let blank = |want: &str| {
            format!("return ((document.body.dataset.blank || 'none') + ' ' + document.getElementById('blank').hidden) === '{want}'")
        };
        key(&client, "b").await;
        wait_until(&client, &blank("black false"), "blackout").await;
        key(&client, "b").await;
        wait_until(&client, &blank("none true"), "blackout off").await;
        key(&client, "w").await;
        wait_until(&client, &blank("white false"), "whiteout").await;
        key(&client, ".").await;
        wait_until(&client, &blank("black false"), "'.' blacks out").await;
        key(&client, RIGHT).await;
        wait_until(
            &client,
            "return !document.body.dataset.blank && document.body.dataset.step === '4'",
            "stepping ends a blackout",
        )
        .await;

        // Esc leaves: chrome back, the theme as it was, not fullscreen.
        key(&client, ESCAPE).await;
        wait_until(&client, "return !document.body.dataset.presenting && getComputedStyle(document.querySelector('.topbar')).display !== 'none' && document.documentElement.dataset.theme === 'light'", "presentation left").await;
        save_screenshot(&client, "present-left.png").await;

        // The tour's slides from the window: a PDF deck through the same exporter as
        // `orgpath export-tour`, with every caption as real text.
        click_id(&client, "export-open").await;
        wait_until(
            &client,
            "return !document.getElementById('export-dialog').hidden",
            "the export panel",
        )
        .await;
        choose(&client, "export-what", &format!("tour:{}", tour.id)).await;
        choose(&client, "export-format", "pdf").await;
        choose(&client, "export-lang", "ja").await;
        assert_eq!(
            js(&client, "return [document.getElementById('export-view').hidden, document.getElementById('export-size').hidden, document.getElementById('export-copy').disabled]").await,
            json!([true, true, true]),
            "a tour shows its own options (a PDF deck has no pixel size)"
        );
        save_screenshot(&client, "export-tour-panel.png").await;
        click_id(&client, "export-save").await;
        let saved = wait_until(&client, "return document.body.dataset.exported || document.getElementById('export-status').classList.contains('error') && document.getElementById('export-status').textContent", "the deck written").await;
        let saved = PathBuf::from(saved.as_str().unwrap());
        let pdf = std::fs::read(&saved).unwrap_or_else(|e| panic!("{}: {e}", saved.display()));
        assert!(pdf.starts_with(b"%PDF"), "a PDF");
        let text = Command::new("pdftotext")
            .arg(&saved)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils, installed by .ci/setup)");
        let text = squeeze(&String::from_utf8_lossy(&text.stdout));
        for i in 0..tour.steps {
            let caption = squeeze(&check_step(i).0.caption.ja);
            assert!(
                text.contains(&caption),
                "step {} caption in the deck: {caption}",
                i + 1
            );
        }
        click_id(&client, "export-cancel").await;
    });
    finish(client, checks.await).await;
}
