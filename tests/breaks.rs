//! Japanese line breaks in the real window: the lines of the cards as the webview draws
//! the SVG, and the line boxes of the details panel's HTML text at many widths, read
//! back and judged by the drawing's own rules (`font::bad_break`). The PDF deck's lines
//! are checked in `cli.rs`.

use fantoccini::Client;
use orgpath_explore::font::{bad_break, ONCE_BROKEN};
use serde_json::Value;

use crate::driver::{js, on_fresh_window, save_screenshot, show_view, wait_until};

/// Each card's wrapped texts as the webview has them (and the panels' and the links'
/// labels drawn in the SVG): for every card, its `<text>`
/// lines in order, each with its size and weight (a text's lines share both).
const CARD_LINES: &str = "return [...document.querySelectorAll('#scroller g.card, #scroller g.region, #scroller g.edge-label')].map(g => \
     [...g.querySelectorAll('text')].map(t => [t.textContent, t.getAttribute('font-size') + '/' + t.getAttribute('font-weight')]))";

/// The lines of every paragraph of the details panel, and of the tours listed in the
/// sidebar, as laid out: each character's box (a Range over it) starts a new line when
/// it sits lower than the one before.
const PANEL_LINES: &str = "const lines = (el) => { const out = []; let cur = '', top = null; \
     const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT); \
     for (let n = walk.nextNode(); n; n = walk.nextNode()) for (let i = 0; i < n.data.length; i++) { \
       const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1); \
       const b = [...r.getClientRects()].find(b => b.width > 0); \
       if (b && top !== null && b.top > top + b.height / 2) { out.push(cur); cur = ''; } \
       if (b) top = b.top; cur += n.data[i]; } \
     out.push(cur); return out; }; \
     return [...document.querySelectorAll('#details-body p, #details-body h2, #details-body blockquote, #tours .tour')].map(lines)";

/// The wrong breaks between consecutive lines of each text.
fn bad_breaks(texts: &[Vec<String>], what: &str) -> Vec<String> {
    texts
        .iter()
        .flat_map(|lines| lines.windows(2))
        .filter_map(|w| bad_break(&w[0], &w[1], ONCE_BROKEN))
        .map(|p| format!("{what}: {p}"))
        .collect()
}

/// The cards' texts of the view on screen, each a list of lines.
async fn card_texts(client: &Client) -> Vec<Vec<String>> {
    let cards: Vec<Vec<(String, String)>> =
        serde_json::from_value(js(client, CARD_LINES).await).unwrap();
    let mut texts = Vec::new();
    for card in cards {
        let mut text: Vec<String> = Vec::new();
        let mut style = None;
        for (line, s) in card {
            if style.as_ref() != Some(&s) && !text.is_empty() {
                texts.push(std::mem::take(&mut text));
            }
            style = Some(s);
            text.push(line);
        }
        texts.push(text);
    }
    texts
}

/// Opens the details of card `id` in the view on screen: the panel shows a new item.
async fn open_details(client: &Client, id: &str) {
    let title = "return document.querySelector('#details:not([hidden]) .details-title')?.textContent ?? null";
    let before = js(client, title).await;
    js(
        client,
        &format!("document.querySelector(\"#scroller g.card[data-id='{id}'] .card-bg\").dispatchEvent(new MouseEvent('click', {{ bubbles: true }}))"),
    )
    .await;
    wait_until(
        client,
        &format!("const t = (() => {{ {title} }})(); return t !== null && t !== {before} && \
             document.querySelector(\"#scroller g.card[data-id='{id}']\").classList.contains('selected')"),
        &format!("the details of {id}"),
    )
    .await;
}

#[tokio::test]
async fn window_breaks_japanese_between_phrases_on_cards_and_in_panels() {
    on_fresh_window(|client| async move {
        crate::e2e::unfold_all(&client).await;
        let (mut problems, mut seen) = (Vec::new(), String::new());

        // The cards of every view, as drawn at their first fit.
        for view in ["org", "relationships", "career", "flow"] {
            show_view(&client, view).await;
            let texts = card_texts(&client).await;
            problems.extend(bad_breaks(&texts, &format!("{view} cards")));
            seen.extend(texts.iter().flatten().map(String::as_str));
        }
        save_screenshot(&client, "breaks-flow-ja.png").await;

        // The details panel of items whose descriptions hold the words, at widths from
        // narrow to wide, so that the words meet the ends of lines.
        for (view, ids) in [
            (
                "relationships",
                &[
                    "ce",
                    "gps",
                    "partners",
                    "customers",
                    "csa",
                    "hq-product-groups",
                ][..],
            ),
            (
                "flow",
                &["reproduce", "team-consult", "check-docs", "receive"],
            ),
        ] {
            show_view(&client, view).await;
            for id in ids {
                open_details(&client, id).await;
                for width in (240..=480).step_by(16) {
                    js(
                        &client,
                        &format!("document.getElementById('details').style.width = '{width}px'"),
                    )
                    .await;
                    let paragraphs: Value = js(&client, PANEL_LINES).await;
                    let texts: Vec<Vec<String>> = serde_json::from_value(paragraphs).unwrap();
                    problems.extend(bad_breaks(
                        &texts,
                        &format!("details of {id} at {width} px"),
                    ));
                    seen.extend(texts.iter().flatten().map(String::as_str));
                }
                if *id == "gps" {
                    save_screenshot(&client, "breaks-details-ja.png").await;
                }
                js(
                    &client,
                    "document.getElementById('details').style.width = ''",
                )
                .await;
            }
        }
        assert!(
            problems.is_empty(),
            "{} bad breaks:\n{}",
            problems.len(),
            problems.join("\n")
        );
        // Not vacuous: the words were on screen, whole or broken.
        for w in ONCE_BROKEN.iter().filter(|w| **w != "営業チーム") {
            assert!(seen.contains(w), "{w} was not on screen");
        }
    })
    .await;
}
