//! Frame times in the real window while a script pans and zooms a large organisation:
//! the measurement behind "large organisations stay fluid" (issue 4). A benchmark, not
//! a test (timings on a shared machine are information):
//!
//!     bash .ci/bench-frames        # generates 10k and 100k organisations, runs this
//!
//! or by hand, with a display, tauri-driver and WebKitWebDriver:
//!
//!     ORGPATH_FRAMES_FILES=a.json,b.json cargo bench --bench frames
//!
//! For each file it opens the window on it (release build), then in the webview pans
//! for 240 animation frames (24 px right, 12 px down, turning at the edges) and zooms
//! for 120 (Ctrl + wheel about the middle: 60 in, 60 out, as a touchpad pinch arrives),
//! and prints one line of `key=value`: the interval between animation frames (median and
//! 95th percentile), and how long the first drawing took after a reload.

use serde_json::Value;

#[path = "../driver.rs"]
mod driver;

use driver::{finish, fresh, js, save_screenshot, start_with};

fn main() {
    // `cargo bench` passes --bench; nothing else is accepted.
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(run());
}

async fn run() {
    let files = std::env::var("ORGPATH_FRAMES_FILES")
        .expect("ORGPATH_FRAMES_FILES: dataset files, comma-separated");
    for file in files.split(',').filter(|f| !f.is_empty()) {
        let Some((_driver, client)) = start_with(&[file]).await else {
            return;
        };
        let c = client.clone();
        let file = file.to_owned();
        let checks = tokio::spawn(async move {
            let client = c;
            let opened = fresh(&client).await;
            let shape = js(&client, "const s = document.querySelector('#scroller svg'); const d = document.body.dataset; \
                return `cards=${d.cards} in_document=${s.querySelectorAll('g.card').length} virtual=${d.virtual} folded=${[...s.querySelectorAll('g.card')].filter(g => /\\+\\d/.test(g.textContent)).length} size=${s.getAttribute('width')}x${s.getAttribute('height')}`").await;
            save_screenshot(
                &client,
                &format!(
                    "frames-{}.png",
                    std::path::Path::new(&file)
                        .file_stem()
                        .unwrap()
                        .to_string_lossy()
                ),
            )
            .await;
            // Pan: 240 frames of 24 px right and 12 px down (back at the edges); then zoom:
            // 60 frames in and 60 out with Ctrl + wheel about the middle, as a touchpad
            // pinch arrives. Frame time = the interval between animation frames.
            let script = r#"
                const done = arguments[arguments.length - 1];
                const s = document.getElementById('scroller');
                const times = { pan: [], zoom: [] };
                let last = 0, n = 0, dx = 24, dy = 12;
                const b = s.getBoundingClientRect();
                function pan(t) {
                  if (last) times.pan.push(t - last);
                  last = t;
                  if (s.scrollLeft + s.clientWidth >= s.scrollWidth - 30 || (dx < 0 && s.scrollLeft <= 30)) dx = -dx;
                  if (s.scrollTop + s.clientHeight >= s.scrollHeight - 30 || (dy < 0 && s.scrollTop <= 30)) dy = -dy;
                  s.scrollLeft += dx; s.scrollTop += dy;
                  if (++n < 240) requestAnimationFrame(pan); else { n = 0; last = 0; requestAnimationFrame(zoom); }
                }
                function zoom(t) {
                  if (last) times.zoom.push(t - last);
                  last = t;
                  s.dispatchEvent(new WheelEvent('wheel', { deltaY: n < 60 ? -40 : 40, ctrlKey: true, clientX: b.left + b.width / 2, clientY: b.top + b.height / 2, bubbles: true, cancelable: true }));
                  if (++n < 120) requestAnimationFrame(zoom); else done(times);
                }
                requestAnimationFrame(pan);
            "#;
            let times = client
                .execute_async(script, vec![])
                .await
                .expect("the scripted pan and zoom");
            let stats = |v: &Value| {
                let mut xs: Vec<f64> = v
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(Value::as_f64)
                    .collect();
                xs.sort_by(f64::total_cmp);
                let q = |p: f64| xs[((xs.len() as f64 - 1.0) * p).round() as usize];
                (q(0.5), q(0.95), xs.len())
            };
            let (pm, p95, pn) = stats(&times["pan"]);
            let (zm, z95, zn) = stats(&times["zoom"]);
            println!(
                "frames file={} compositing={} opened_ms={} {} pan_median_ms={pm:.1} pan_p95_ms={p95:.1} pan_frames={pn} pan_fps={:.0} zoom_median_ms={zm:.1} zoom_p95_ms={z95:.1} zoom_frames={zn} zoom_fps={:.0}",
                file,
                if std::env::var("WEBKIT_DISABLE_COMPOSITING_MODE").is_ok_and(|v| v != "0") { "off" } else { "default" },
                opened.as_millis(),
                shape.as_str().unwrap_or_default(),
                1000.0 / pm,
                1000.0 / zm
            );
        });
        finish(client, checks.await).await;
    }
}
