//! What floats over the diagram never covers what it is about, in the real 1280x800
//! window: the hover tooltip stays inside the diagram canvas (off the details panel),
//! shows nothing over empty canvas and never outlives a language switch (nor does a
//! control's, which is the window's own too, off the details panel); the minimap
//! moves off the selected card; the notes on opening d3-org-chart's sample sit in one
//! line under the chart, not over it; and the top bar's words are never cut, in
//! Japanese and English. Screenshots of the built-in data before anything is unfolded;
//! none of d3-org-chart's sample, whose screenshot call never returns (see people.rs).

use std::time::Duration;

use fantoccini::actions::{InputSource, MouseActions, PointerAction};
use fantoccini::Client;
use orgpath_explore::font::phrases;
use serde_json::{json, Value};

use crate::driver::{
    click_id, js, on_fresh_window, on_fresh_window_with, save_screenshot, wait_until,
};

/// Moves the pointer to (x, y), window coordinates (a real move: the page gets
/// pointerover and pointermove).
async fn hover(client: &Client, x: f64, y: f64) {
    let moves = MouseActions::new("mouse".into()).then(PointerAction::MoveTo {
        duration: Some(Duration::from_millis(50)),
        x: x.round(),
        y: y.round(),
    });
    client.perform_actions(moves).await.expect("pointer move");
}

/// A box from the page, `[left, top, right, bottom]`.
type Rect = [f64; 4];

fn rect(v: &Value) -> Rect {
    serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("a box: {v} ({e})"))
}

fn overlap(a: Rect, b: Rect) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

fn within(a: Rect, b: Rect) -> bool {
    a[0] >= b[0] - 0.5 && a[1] >= b[1] - 0.5 && a[2] <= b[2] + 0.5 && a[3] <= b[3] + 0.5
}

/// A page function that gives an element's box as `[left, top, right, bottom]`.
const BOX: &str = "const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };";

/// Card `id`'s box.
async fn card_box(client: &Client, id: &str) -> Rect {
    box_of(
        client,
        &format!("#scroller g.card[data-id='{id}'] .card-bg"),
    )
    .await
}

/// Selects card `id` as a click on it does (without moving the pointer).
async fn select_card(client: &Client, id: &str) {
    js(client, &format!("document.querySelector(\"#scroller g.card[data-id='{id}'] .card-bg\").dispatchEvent(new MouseEvent('click', {{ bubbles: true }}))")).await;
}

/// Waits for the diagram to be drawn in `lang`.
async fn drawn_in(client: &Client, lang: &str) {
    wait_until(
        client,
        &format!(
            "return document.querySelector('#scroller svg')?.getAttribute('lang') === '{lang}'"
        ),
        lang,
    )
    .await;
}

async fn box_of(client: &Client, css: &str) -> Rect {
    rect(
        &js(
            client,
            &format!("{BOX} return box(document.querySelector(\"{css}\"))"),
        )
        .await,
    )
}

/// The boxes of the drawn cards, by id.
async fn card_boxes(client: &Client) -> Vec<(String, Rect)> {
    let v = js(
        client,
        &format!("{BOX} return [...document.querySelectorAll('#scroller g.card')].map(g => [g.dataset.id, box(g.querySelector('.card-bg') ?? g)])"),
    )
    .await;
    serde_json::from_value(v).unwrap()
}

/// The tooltip on show: its box and text, or null.
const TIP: &str = "const t = document.getElementById('tip'); if (t.hidden || document.body.dataset.tip !== 'shown') return null; const r = t.getBoundingClientRect(); return { box: [r.left, r.top, r.right, r.bottom], text: t.textContent, head: t.querySelector('.tip-head')?.textContent };";

/// Waits for the tooltip and returns it.
async fn tip(client: &Client, what: &str) -> Value {
    wait_until(client, TIP, what).await
}

/// Each text of the top bar that is cut (scrolls inside its box), the search field's
/// placeholder when it is wider than the field's inside (measured with the field's own
/// font), and the title: its full text, the part on show, and whether it is cut.
const TOP_BAR: &str = "const cut = [...document.querySelectorAll('.topbar button, .topbar .dataset-title, .topbar .brand')]\
       .filter(e => e.offsetParent && e.scrollWidth > e.clientWidth + 0.5)\
       .map(e => `${e.id || e.className}: ${e.textContent} (${e.scrollWidth} > ${e.clientWidth})`);\
     const s = document.getElementById('search'); const cs = getComputedStyle(s);\
     const g = document.createElement('canvas').getContext('2d'); g.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;\
     const inside = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);\
     const placeholder = g.measureText(s.placeholder).width;\
     const t = document.getElementById('dataset-title');\
     const shown = [...t.querySelectorAll('.title-phrase:not([hidden])')].map(p => [...p.childNodes].filter(n => !(n.nodeType === 1 && n.hidden)).map(n => n.textContent).join('')).join('');\
     const bar = document.querySelector('.topbar').getBoundingClientRect();\
     const over = [...document.querySelector('.topbar').children].filter(e => e.offsetParent).map(e => e.getBoundingClientRect()).filter(r => r.right > bar.right + 0.5 || r.left < bar.left - 0.5).length;\
     const sb = document.getElementById('sidebar'); const side = sb.getBoundingClientRect(); const scs = getComputedStyle(sb);\
     const dir = document.getElementById('direction-switch').getBoundingClientRect();\
     const from = side.left + sb.clientLeft + parseFloat(scs.paddingLeft), to = side.left + sb.clientLeft + sb.clientWidth - parseFloat(scs.paddingRight);\
     return { cut, placeholder: [s.placeholder, placeholder, inside], title: [t.getAttribute('aria-label'), shown, t.classList.contains('cut'), t.textContent], over,\
       direction: [dir.left - from, to - dir.right] };";

/// The top bar at 1280x800 in `lang`: no text cut, the placeholder whole, the title
/// whole or cut between phrases with its full name as its accessible name, nothing past
/// the bar's edge, and the direction buttons inside the sidebar's padding.
async fn top_bar(client: &Client, lang: &str, full: &str) {
    let v = js(client, TOP_BAR).await;
    println!("e2e: top bar ({lang}): {v}");
    assert_eq!(v["cut"], json!([]), "{lang}: cut texts in the top bar");
    let (text, width, inside): (String, f64, f64) =
        serde_json::from_value(v["placeholder"].clone()).unwrap();
    assert!(
        width <= inside,
        "{lang}: the placeholder {text:?} is {width} px in a field {inside} px wide"
    );
    assert_eq!(v["over"], json!(0), "{lang}: a control past the bar's edge");
    let (label, shown, is_cut, whole): (String, String, bool, String) =
        serde_json::from_value(v["title"].clone()).unwrap();
    assert_eq!(label, full, "{lang}: the title's accessible name");
    assert_eq!(whole, full, "{lang}: the title's text");
    if is_cut {
        // Cut after a phrase (its trailing spaces and separators left out).
        let mut end = 0;
        let ok = phrases(full).iter().any(|p| {
            end += p.len();
            full[..end].trim_end_matches(|c: char| c.is_whitespace() || ":：、，,・—–-".contains(c))
                == shown
        });
        assert!(
            ok && !shown.is_empty(),
            "{lang}: the title {full:?} is cut inside a phrase: {shown:?}"
        );
    } else {
        assert_eq!(shown, full, "{lang}: the whole title");
    }
    let [left, right]: [f64; 2] = serde_json::from_value(v["direction"].clone()).unwrap();
    assert!(
        left.abs() <= 0.5 && right.abs() <= 0.5,
        "{lang}: the direction buttons stand {left} and {right} px off the sidebar's padding (inside it, flush with it)"
    );
}

/// A point of the diagram canvas over nothing drawn (no card, link or label), away from
/// the controls over it.
const EMPTY_POINT: &str = "const s = document.getElementById('scroller').getBoundingClientRect();\
     for (let y = s.top + 24; y < s.bottom - 120; y += 16) for (let x = s.left + 24; x < s.right - 200; x += 16) {\
       const e = document.elementFromPoint(x, y);\
       if (e && e.closest('#scroller') && !e.closest('g.card, g.edge, g.edge-label, [data-unfold]')) return [x, y]; }\
     return null;";

/// Hovers card `id` near its right edge, beside the open details panel, and checks its
/// tooltip: inside the diagram canvas, off the panel, naming the card.
async fn hover_beside_details(client: &Client, id: &str, lang: &str) -> Value {
    let panel = box_of(client, "#details").await;
    let canvas = box_of(client, "#scroller").await;
    let card = card_box(client, id).await;
    println!("e2e: hovering {id} at {card:?}, the details panel at {panel:?} ({lang})");
    hover(client, card[2] - 12.0, (card[1] + card[3]) / 2.0).await;
    let shown = tip(client, &format!("the tooltip of {id} ({lang})")).await;
    let tip_box = rect(&shown["box"]);
    println!("e2e: tooltip ({lang}) {shown}");
    assert!(
        !overlap(tip_box, panel),
        "{lang}: the tooltip {tip_box:?} covers the details panel {panel:?}"
    );
    assert!(
        within(tip_box, canvas),
        "{lang}: the tooltip {tip_box:?} leaves the diagram canvas {canvas:?}"
    );
    let label = js(client, &format!("return document.querySelector(\"#scroller g.card[data-id='{id}']\").getAttribute('aria-label')")).await;
    assert_eq!(shown["head"], label, "{lang}: the tooltip names the card");
    shown
}

/// The minimap's box, and whether it is seen.
const MINIMAP: &str = "const m = document.getElementById('minimap'); const r = m.getBoundingClientRect(); return { box: [r.left, r.top, r.right, r.bottom], seen: getComputedStyle(m).visibility === 'visible', corner: m.dataset.corner ?? 'br' };";

/// Checks that the minimap, when seen, covers none of `cards`.
async fn minimap_clear_of(client: &Client, cards: &[(String, Rect)], what: &str) {
    let map = js(client, MINIMAP).await;
    if map["seen"] != json!(true) {
        return;
    }
    let at = rect(&map["box"]);
    for (id, b) in cards {
        assert!(
            !overlap(at, *b),
            "{what}: the minimap {map} covers {id} at {b:?}"
        );
    }
}

/// Scrolls so that card `id` lies under the minimap: the card's corner that faces the
/// window's middle on the minimap's middle (its bottom-right corner for a minimap at
/// the bottom right), so that the whole card is in view and selecting it moves nothing.
fn under_minimap(id: &str) -> String {
    format!(
        "const s = document.getElementById('scroller'); const b = s.getBoundingClientRect(); const m = document.getElementById('minimap').getBoundingClientRect();\
         const r = document.querySelector(\"#scroller g.card[data-id='{id}'] .card-bg\").getBoundingClientRect();\
         const mx = (m.left + m.right) / 2, my = (m.top + m.bottom) / 2;\
         s.scrollLeft += (mx > (b.left + b.right) / 2 ? r.right : r.left) - mx; s.scrollTop += (my > (b.top + b.bottom) / 2 ? r.bottom : r.top) - my; return true;"
    )
}

/// Zoomed in, a card scrolled under the minimap and selected: the minimap goes to
/// another corner (or away).
async fn minimap_moves_off_the_selection(client: &Client) {
    for _ in 0..5 {
        click_id(client, "zoom-in").await;
    }
    wait_until(
        client,
        &format!("{MINIMAP} return m.classList.contains('idle') ? null : true"),
        "the minimap, zoomed in",
    )
    .await;
    // A card not selected yet, under the minimap once the camera has stopped (the
    // minimap may first move off the card already selected).
    let ids: Vec<String> = serde_json::from_value(js(client, "return [...document.querySelectorAll('#scroller g.card:not(.selected)')].map(g => g.dataset.id)").await).unwrap();
    let mut found = None;
    for id in ids {
        js(client, &under_minimap(&id)).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let map = js(client, MINIMAP).await;
        let card = card_box(client, &id).await;
        let view = box_of(client, "#scroller").await;
        if map["seen"] == json!(true) && overlap(rect(&map["box"]), card) && within(card, view) {
            found = Some((id, map, card));
            break;
        }
    }
    let (id, before, card) = found.expect("a card brought under the minimap");
    println!("e2e: {id} at {card:?} under the minimap {before}");
    select_card(client, &id).await;
    wait_until(client, &format!("return document.querySelector(\"#scroller g.card[data-id='{id}']\").classList.contains('selected')"), "the selection").await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    let after = js(client, MINIMAP).await;
    let card = card_box(client, &id).await;
    println!("e2e: the minimap {before} → {after} for {id} at {card:?}");
    minimap_clear_of(client, &[(id.clone(), card)], "the selected card").await;
    assert_ne!(
        after["corner"], before["corner"],
        "the minimap moved (or hid)"
    );
}

#[tokio::test]
async fn overlays_never_cover_what_they_are_about() {
    on_fresh_window(|client| async move {
        let meta = orgpath_explore::builtin().unwrap().meta().title.clone();
        js(&client, "document.getElementById('canvas').focus()").await;
        // As the view opens, the minimap (if up) covers none of the cards fitted to.
        minimap_clear_of(&client, &card_boxes(&client).await, "the first screen").await;

        // The top bar at 1280x800, in Japanese and in English.
        assert_eq!(js(&client, "return [innerWidth, innerHeight]").await, json!([1280, 800]));
        top_bar(&client, "ja", &meta.ja).await;
        let shot = save_screenshot(&client, "overlays-first-ja.png").await;
        println!("e2e: screenshot {}", shot.display());
        click_id(&client, "lang-en").await;
        drawn_in(&client, "en").await;
        top_bar(&client, "en", &meta.en).await;
        let shot = save_screenshot(&client, "overlays-first-en.png").await;
        println!("e2e: screenshot {}", shot.display());
        click_id(&client, "lang-ja").await;
        drawn_in(&client, "ja").await;

        // No drawn element keeps an SVG <title> (the browser would show it wherever it
        // likes); the diagram is named for screen readers instead.
        assert_eq!(js(&client, "return document.querySelectorAll('#scroller title').length").await, json!(0));
        let named = js(&client, "return document.querySelector('#scroller svg').getAttribute('aria-label')").await;
        assert!(named.as_str().is_some_and(|n| !n.is_empty()), "the diagram's name: {named}");

        // Empty canvas: no tooltip.
        let empty: [f64; 2] = serde_json::from_value(wait_until(&client, EMPTY_POINT, "a point over nothing").await).unwrap();
        hover(&client, empty[0], empty[1]).await;
        tokio::time::sleep(Duration::from_millis(1200)).await;
        assert_eq!(js(&client, TIP).await, Value::Null, "a tooltip over empty canvas at {empty:?}");

        // The details panel open, the card nearest to it hovered: the tooltip stays in
        // the diagram canvas, off the panel.
        select_card(&client, "microsoft").await;
        wait_until(&client, "return !document.getElementById('details').hidden && !!document.querySelector('#details .details-title')", "the details panel").await;
        tokio::time::sleep(Duration::from_millis(600)).await;
        let canvas = box_of(&client, "#scroller").await;
        let (id, _) = card_boxes(&client)
            .await
            .into_iter()
            .filter(|(_, b)| within(*b, canvas))
            .max_by(|a, b| a.1[2].total_cmp(&b.1[2]))
            .expect("a card in view");
        let shown = hover_beside_details(&client, &id, "ja").await;
        assert!(
            shown["text"].as_str().unwrap().chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "a Japanese tooltip: {shown}"
        );
        let shot = save_screenshot(&client, "overlays-hover-ja.png").await;
        println!("e2e: screenshot {}", shot.display());

        // A language switch with the tooltip up: it goes, and the next one is in the
        // new language.
        crate::e2e::key(&client, "l").await;
        drawn_in(&client, "en").await;
        assert_eq!(js(&client, TIP).await, Value::Null, "a tooltip outlived the language switch");
        assert_eq!(js(&client, "return document.querySelectorAll('#scroller title').length").await, json!(0));
        tokio::time::sleep(Duration::from_millis(600)).await;
        let shown = hover_beside_details(&client, &id, "en").await;
        assert!(
            !shown["text"].as_str().unwrap().chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
            "Japanese kana in the English tooltip: {shown}"
        );
        let shot = save_screenshot(&client, "overlays-hover-en.png").await;
        println!("e2e: screenshot {}", shot.display());

        // A link's panel follows a language switch too (it stayed in the old one).
        js(&client, "document.querySelector('#scroller g.edge path').dispatchEvent(new MouseEvent('click', { bubbles: true }))").await;
        let english = wait_until(&client, "return document.querySelector('#details[data-kind=\"edge\"]:not([hidden]) .edge-items')?.textContent || null", "the link's panel").await;
        crate::e2e::key(&client, "l").await;
        drawn_in(&client, "ja").await;
        let japanese = wait_until(&client, &format!("const t = document.querySelector('#details[data-kind=\"edge\"]:not([hidden]) .edge-items')?.textContent; return t && t !== {english} ? t : null"), "the link's panel in Japanese").await;
        println!("e2e: the link's panel: {english} → {japanese}");
        assert!(
            japanese.as_str().unwrap().chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "the link's panel in Japanese: {japanese}"
        );

        // A control's tooltip is the window's own too: beside the control, off the
        // details panel; clicking the language switch leaves none in the old language.
        let switch = box_of(&client, "#lang-en").await;
        hover(&client, (switch[0] + switch[2]) / 2.0, (switch[1] + switch[3]) / 2.0).await;
        let shown = tip(&client, "the language switch's tooltip").await;
        println!("e2e: the language switch's tooltip {shown}");
        let panel = box_of(&client, "#details").await;
        assert!(!overlap(rect(&shown["box"]), panel), "the switch's tooltip covers the details panel {panel:?}: {shown}");
        assert!(!overlap(rect(&shown["box"]), switch), "the switch's tooltip covers the switch: {shown}");
        assert_eq!(
            js(&client, "return document.getElementById('lang-switch').hasAttribute('title')").await,
            json!(false),
            "the browser has no title of its own to show"
        );
        click_id(&client, "lang-en").await;
        drawn_in(&client, "en").await;
        tokio::time::sleep(Duration::from_millis(800)).await;
        assert_eq!(js(&client, TIP).await, Value::Null, "a tooltip outlived the click on the language switch");

        minimap_moves_off_the_selection(&client).await;
    })
    .await;
}

/// The notes bar and the cards: the bar's box, the diagram canvas's, and whether the
/// bar is one line under the canvas.
async fn notes_clear_of_cards(client: &Client, what: &str) -> Rect {
    let bar = box_of(client, "#problems").await;
    let canvas = box_of(client, "#scroller").await;
    assert!(
        canvas[3] <= bar[1] + 0.5,
        "{what}: the diagram canvas {canvas:?} runs under the notes {bar:?}"
    );
    for (id, b) in card_boxes(client).await {
        if overlap(b, canvas) {
            assert!(
                !overlap(b, bar),
                "{what}: the notes {bar:?} cover card {id} at {b:?}"
            );
        }
    }
    bar
}

#[tokio::test]
async fn the_notes_on_opening_a_file_leave_the_chart_uncovered() {
    let arg = crate::people::sample().display().to_string();
    on_fresh_window_with(&[&arg], |client| async move {
        for lang in ["ja", "en"] {
            if lang == "en" {
                click_id(&client, "lang-en").await;
                drawn_in(&client, "en").await;
            }
            wait_until(&client, "return document.body.dataset.notes === '1' && !document.getElementById('problems').hidden", "the notes").await;
            tokio::time::sleep(Duration::from_millis(400)).await;
            // One line, docked under the chart; every card of the fitted chart in view.
            let bar = notes_clear_of_cards(&client, lang).await;
            assert!(bar[3] - bar[1] <= 48.0, "{lang}: the notes take {} px, not one line", bar[3] - bar[1]);
            let canvas = box_of(&client, "#scroller").await;
            for (id, b) in card_boxes(&client).await {
                assert!(within(b, canvas), "{lang}: {id} at {b:?} is out of the fitted view {canvas:?}");
            }
            // No WebDriver screenshot of this window: the call never returns for it (see
            // people.rs); drive-window takes them.
            top_bar(&client, lang, "data").await;
        }

        // Opened: the notes under the chart, still clear of it.
        click_id(&client, "notes-toggle").await;
        wait_until(&client, "return !document.getElementById('notes-list').hidden", "the notes opened").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let open = notes_clear_of_cards(&client, "the notes opened").await;
        assert!(js(&client, "return document.querySelector('#notes-list .problem-message').getBoundingClientRect().height > 0").await == json!(true));
        println!("e2e: the notes opened take {} px", open[3] - open[1]);

        // Dismissed: the chart gets the room back, fitted again.
        click_id(&client, "problems-close").await;
        wait_until(&client, "return document.getElementById('problems').hidden", "the notes dismissed").await;
        let canvas = box_of(&client, "#scroller").await;
        let main = box_of(&client, "#canvas").await;
        assert!((canvas[3] - main[3]).abs() <= 0.5, "the canvas {canvas:?} reaches the window's foot {main:?}");
        for (id, b) in card_boxes(&client).await {
            assert!(within(b, canvas), "{id} at {b:?} is out of the refitted view {canvas:?}");
        }
    })
    .await;
}
