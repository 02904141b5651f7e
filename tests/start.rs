//! Start-up, end to end: the window appears once, already showing its diagram (a
//! screenshot taken as soon as it maps, outside WebDriver); a second `orgpath FILE`
//! while the app runs opens that file in the one window; Help › About opens from the
//! keyboard with the version, the licences and the built-in data's article, in
//! Japanese and English.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::driver::{
    app, finish, js, on_fresh_window, screenshots_dir, start_with_env, stop, wait_until,
};

/// No display: skipped with ORGPATH_E2E=skip, like the WebDriver tests.
fn have_display() -> bool {
    if std::env::var_os("DISPLAY").is_some() {
        return true;
    }
    assert!(
        std::env::var("ORGPATH_E2E").as_deref() == Ok("skip"),
        "no DISPLAY: start Xvfb, or set ORGPATH_E2E=skip to skip the end-to-end tests"
    );
    println!("e2e: SKIPPED (no DISPLAY and ORGPATH_E2E=skip)");
    false
}

/// Ends a process this test started (and waits for it) whatever the test did.
struct Started(Child);

impl Drop for Started {
    fn drop(&mut self) {
        stop(&mut self.0);
    }
}

/// A display of this test's own (Xvfb, 1600x1000, no window manager): no other test's
/// window can cover the one it screenshots.
fn own_display() -> (Started, String) {
    let n = (110..200)
        .find(|n| {
            !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
        })
        .expect("a free display number");
    let display = format!(":{n}");
    let child = Command::new("Xvfb")
        .args([
            display.as_str(),
            "-screen",
            "0",
            "1600x1000x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb runs (Debian package xvfb)");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
        assert!(Instant::now() < deadline, "Xvfb {display} did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    (Started(child), display)
}

/// The ids of the mapped windows named "orgpath …" (the main window's title) on
/// `display`.
fn orgpath_windows(display: &str) -> Vec<String> {
    let out = Command::new("xdotool")
        .env("DISPLAY", display)
        .args(["search", "--onlyvisible", "--name", "^orgpath"])
        .output()
        .expect("xdotool runs (Debian package xdotool)");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

/// A screenshot of window `id` as RGB pixels (ImageMagick's `import`, PPM).
fn screenshot(display: &str, id: &str) -> Option<Vec<[u8; 3]>> {
    let out = Command::new("import")
        .env("DISPLAY", display)
        .args(["-window", id, "ppm:-"])
        .output()
        .ok()?;
    let ppm = out.stdout;
    // P6\n<w> <h>\n<max>\n then the pixels: the header is three whitespace-ended fields.
    let mut fields = 0;
    let mut at = 0;
    while fields < 4 && at < ppm.len() {
        if ppm[at].is_ascii_whitespace() {
            fields += 1;
        }
        at += 1;
    }
    (fields == 4 && ppm.starts_with(b"P6")).then(|| {
        ppm[at..]
            .chunks_exact(3)
            .map(|p| [p[0], p[1], p[2]])
            .collect()
    })
}

/// The share of `settled`'s ink (every pixel but its two commonest colours: the canvas
/// and the panels' surface, white in the light theme like an empty page) that `first`
/// already has: under a half for a page with its chrome but no cards, 1 when the
/// diagram is there.
fn share_of_ink(first: &[[u8; 3]], settled: &[[u8; 3]]) -> f64 {
    let mut counts = std::collections::HashMap::new();
    for p in settled {
        *counts.entry(*p).or_insert(0usize) += 1;
    }
    let mut by_count: Vec<_> = counts.into_iter().collect();
    by_count.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let plain: Vec<[u8; 3]> = by_count.iter().take(2).map(|(p, _)| *p).collect();
    let ink: Vec<usize> = (0..settled.len())
        .filter(|&i| !plain.contains(&settled[i]))
        .collect();
    let same = ink
        .iter()
        .filter(|&&i| first.get(i) == Some(&settled[i]))
        .count();
    same as f64 / ink.len().max(1) as f64
}

#[test]
#[ignore = "not met yet: the window maps about 0.2 s before its first diagram (issue 18, item 2). A window created hidden drew its first diagram for a 0-pixel viewport (fitted at 10 %, empty), so it was taken back out"]
fn the_first_frame_shown_is_the_diagram() {
    if !have_display() {
        return;
    }
    let (_xvfb, display) = own_display();
    let config = screenshots_dir().join("config-first-frame");
    let _ = std::fs::remove_dir_all(&config);
    let child = Command::new(app())
        .env("DISPLAY", &display)
        .env("ORGPATH_CONFIG_DIR", &config)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the app starts");
    let _app = Started(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    let id = loop {
        if let Some(id) = orgpath_windows(&display).pop() {
            break id;
        }
        assert!(Instant::now() < deadline, "no window in 30 s");
        std::thread::sleep(Duration::from_millis(5));
    };
    let mapped = Instant::now();
    let first = screenshot(&display, &id).expect("a screenshot as the window maps");
    let took = mapped.elapsed();
    // Whatever still comes (the minimap, a focus ring) has come by then.
    std::thread::sleep(Duration::from_secs(3));
    let settled = screenshot(&display, &id).expect("a screenshot of the settled window");
    assert_eq!(first.len(), settled.len(), "the window kept its size");
    let share = share_of_ink(&first, &settled);
    println!(
        "first frame (taken {} ms after the window mapped): {:.2} of the settled picture's ink",
        took.as_millis(),
        share
    );
    assert!(
        share >= 0.9,
        "the window showed before its diagram: the first screenshot has {share:.2} of the settled picture's ink"
    );
}

/// A D-Bus session bus of this test's own: the single-instance lock lives on it.
fn session_bus() -> (Started, String) {
    let mut child = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-daemon runs (Debian package dbus)");
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    (Started(child), line.trim().to_owned())
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[tokio::test]
async fn a_second_launch_opens_its_file_in_the_running_window() {
    if !have_display() {
        return;
    }
    let (_bus, address) = session_bus();
    let config = screenshots_dir().join("config-second-launch");
    let _ = std::fs::remove_dir_all(&config);
    let first = fixture("csv/basic.csv");
    let env: [(&str, &Path); 2] = [
        ("DBUS_SESSION_BUS_ADDRESS", Path::new(&address)),
        ("ORGPATH_CONFIG_DIR", &config),
    ];
    let Some((_driver, client)) = start_with_env(&[first.to_str().unwrap()], &env).await else {
        return;
    };
    let c = client.clone();
    let outcome = tokio::spawn(async move {
        wait_until(
            &c,
            "return document.body.dataset.ready === 'true' && [...document.querySelectorAll('#scroller g.card')].some(g => g.textContent.includes('開発部') || g.textContent.includes('Development'))",
            "the first file's cards",
        )
        .await;
        let before = js(&c, "return document.title").await;
        // The second launch, from another folder, naming its file relative to it.
        let second = Command::new(app())
            .current_dir(fixture("d3-org-chart"))
            .arg("data.csv")
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .env("ORGPATH_CONFIG_DIR", &config)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the second launch runs");
        // It hands its file over and exits; a second app would stay (and be ended).
        let mut second = Started(second);
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(status) = second.0.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "the second launch stayed: a second app");
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        assert!(status.success(), "the second launch exits cleanly: {status}");
        wait_until(
            &c,
            "return [...document.querySelectorAll('#scroller g.card')].some(g => g.textContent.includes('Steven King'))",
            "the second file's cards in the first window",
        )
        .await;
        let handles = c.windows().await.unwrap();
        assert_eq!(handles.len(), 1, "one window");
        let title = js(&c, "return document.title").await;
        assert_ne!(title, before, "the title follows the second file");
    })
    .await;
    finish(client, outcome).await;
}

/// The About dialog's text once it is open.
async fn about_text(client: &fantoccini::Client) -> String {
    wait_until(
        client,
        "return !document.getElementById('about-dialog').hidden && document.getElementById('about-body').textContent.includes('SIL')",
        "the About dialog",
    )
    .await;
    js(
        client,
        "return document.getElementById('about-body').innerText",
    )
    .await
    .as_str()
    .unwrap()
    .to_owned()
}

/// Every one of `wants` is in `text` (the About dialog in `lang`).
fn assert_all(text: &str, wants: &[&str], lang: &str) {
    for want in wants {
        assert!(text.contains(want), "{want:?} in the {lang} About: {text}");
    }
}

async fn press(client: &fantoccini::Client, key: &str) {
    client
        .active_element()
        .await
        .unwrap()
        .send_keys(key)
        .await
        .unwrap();
}

#[tokio::test]
async fn about_opens_from_the_keyboard_in_both_languages() {
    on_fresh_window(|client| async move {
        let version = env!("CARGO_PKG_VERSION");
        // F1 from the diagram.
        js(&client, "document.getElementById('canvas').focus()").await;
        press(&client, "\u{E031}").await;
        let ja = about_text(&client).await;
        let ja_version = format!("バージョン {version}");
        let wants = [
            "orgpath について",
            &ja_version,
            "MIT",
            "Noto Sans JP",
            "SIL Open Font License 1.1",
            "Apache License 2.0",
            "インターン生から見た Customer Service & Support",
            "Saya Inagaki",
        ];
        assert_all(&ja, &wants, "Japanese");
        assert_eq!(
            js(&client, "return document.activeElement.id").await,
            json!("about-close"),
            "focus goes into the dialog"
        );
        // Esc closes it and gives the focus back.
        press(&client, "\u{E00C}").await;
        wait_until(
            &client,
            "return document.getElementById('about-dialog').hidden && document.activeElement.id === 'canvas'",
            "the dialog closed, focus back",
        )
        .await;
        // English, and from the sidebar's button with Enter.
        js(&client, "document.getElementById('lang-en').click()").await;
        wait_until(
            &client,
            "return document.getElementById('about-show').textContent.startsWith('About orgpath')",
            "the English button",
        )
        .await;
        js(&client, "document.getElementById('about-show').focus()").await;
        press(&client, "\u{E007}").await;
        let en = about_text(&client).await;
        let en_version = format!("Version {version}");
        let wants = [
            "About orgpath",
            &en_version,
            "Licences",
            "orgpath: MIT",
            "SIL Open Font License 1.1",
            "Source of the built-in data",
            "インターン生から見た Customer Service & Support",
        ];
        assert_all(&en, &wants, "English");
        press(&client, "\u{E00C}").await;
        wait_until(
            &client,
            "return document.getElementById('about-dialog').hidden && document.activeElement.id === 'about-show'",
            "the dialog closed, focus back on its button",
        )
        .await;
    })
    .await;
}
