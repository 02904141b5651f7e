//! Exports of generated organisations of 100 to 100,000 people (random shapes, see
//! orgpath_explore::generate) through the real CLI: PNG and PDF never fail for size, a
//! PNG that would be too large is drawn smaller and says so, and the PDF's text is
//! real text that pdftotext reads.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use orgpath_explore::render::png::{MAX_PIXELS, MAX_SIDE};

fn orgpath(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orgpath"))
        .args(args)
        .output()
        .expect("run orgpath")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("orgpath-sizes-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{}", path.display());
    let n = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (n(16), n(20))
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run pdftotext ({e}): install poppler-utils"));
    assert!(out.status.success(), "pdftotext: {}", text(&out.stderr));
    text(&out.stdout)
}

fn pdf_pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("run pdfinfo");
    assert!(out.status.success(), "pdfinfo: {}", text(&out.stderr));
    text(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints the page count")
}

fn run_ok(args: &[&str]) -> Output {
    let out = orgpath(args);
    assert!(
        out.status.success(),
        "orgpath {args:?}: exit {:?}\n{}",
        out.status.code(),
        text(&out.stderr)
    );
    out
}

/// A tree of `n` people exports as PNG and PDF with no failure.
fn exports_at(n: usize, seed: u64) {
    let dir = temp_dir(&n.to_string());
    let csv = dir.join("people.csv");
    let data = orgpath_explore::generate::people_csv(n, seed);
    std::fs::write(&csv, &data).unwrap();
    let names: Vec<&str> = data
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap())
        .collect();
    let png = dir.join("org.png");
    let out = run_ok(&[
        "export",
        "--view",
        "org",
        "--lang",
        "en",
        "--data",
        csv.to_str().unwrap(),
        "-o",
        png.to_str().unwrap(),
    ]);
    let (w, h) = png_size(&png);
    assert!(w <= MAX_SIDE && h <= MAX_SIDE, "{w}x{h}");
    assert!(u64::from(w) * u64::from(h) <= MAX_PIXELS, "{w}x{h}");
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!("{w}x{h} px at scale ")),
        "{stdout}"
    );
    let stderr = text(&out.stderr);
    if !stdout.contains("at scale 1;") {
        // Drawn smaller than asked: one line says so, with the scale and what to use.
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains("drawn at scale") && stderr.contains("export PDF or SVG"),
            "{stderr}"
        );
    } else {
        assert!(stderr.is_empty(), "{stderr}");
    }

    let pdf = dir.join("org.pdf");
    let out = run_ok(&[
        "export",
        "--view",
        "org",
        "--lang",
        "en",
        "--data",
        csv.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let pages = pdf_pages(&pdf);
    assert!((1..=100).contains(&pages), "{pages} pages");
    let stdout = text(&out.stdout);
    assert!(stdout.contains(&format!("{pages} page")), "{stdout}");
    let words = pdftotext(&pdf);
    // The root is on a page, and so are most people (all of them, whole, on some
    // page; pdftotext may join or split a few lines).
    assert!(
        words.contains(names[0]),
        "the root {} is in the text",
        names[0]
    );
    let sample: Vec<&str> = names.iter().step_by((n / 50).max(1)).copied().collect();
    let found = sample.iter().filter(|s| words.contains(*s)).count();
    assert!(
        found * 10 >= sample.len() * 9,
        "pdftotext finds {found} of {} sampled names",
        sample.len()
    );
    if pages > 1 {
        assert!(words.contains("Overview"), "the first page is the overview");
        assert!(
            words.contains(&format!("page 2 of {pages}")),
            "each page says where it is"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_100_person_tree_exports_png_and_pdf() {
    exports_at(100, 11);
}

#[test]
fn a_1000_person_tree_exports_png_and_pdf() {
    exports_at(1_000, 12);
}

#[test]
fn a_10000_person_tree_exports_png_and_pdf() {
    exports_at(10_000, 13);
}

#[test]
fn a_100000_person_tree_exports_png_and_pdf() {
    exports_at(100_000, 14);
}

#[test]
fn fit_and_fractional_scale_size_the_png() {
    let dir = temp_dir("fit");
    let p = |n: &str| dir.join(n).to_str().unwrap().to_owned();
    run_ok(&["export", "--view", "org", "-o", &p("1.png")]);
    run_ok(&[
        "export",
        "--view",
        "org",
        "--scale",
        "0.5",
        "-o",
        &p("half.png"),
    ]);
    let (w1, h1) = png_size(Path::new(&p("1.png")));
    let (wh, hh) = png_size(Path::new(&p("half.png")));
    assert_eq!((wh, hh), (w1.div_ceil(2), h1.div_ceil(2)));
    // Every view in every named box: never past the box, filling one side of it.
    for view in ["org", "relationships", "career", "flow"] {
        for (fit, bw, bh) in [
            ("hd", 1920, 1080),
            ("1920x1080", 1920, 1080),
            ("4k", 3840, 2160),
        ] {
            run_ok(&["export", "--view", view, "--fit", fit, "-o", &p("fit.png")]);
            let (w, h) = png_size(Path::new(&p("fit.png")));
            assert!(w <= bw && h <= bh, "{view} {fit}: {w}x{h}");
            assert!(
                w + 1 >= bw || h + 1 >= bh,
                "{view} {fit}: {w}x{h} fills one side"
            );
        }
        // A4 at 150 dpi, turned to the drawing's shape (the organisation's arrangement
        // is chosen for the paper, so the drawing's shape is this one's).
        run_ok(&["export", "--view", view, "--fit", "a4", "-o", &p("a4.png")]);
        let (w, h) = png_size(Path::new(&p("a4.png")));
        let (bw, bh) = if w > h { (1754, 1240) } else { (1240, 1754) };
        assert!(
            w <= bw && h <= bh && (w + 1 >= bw || h + 1 >= bh),
            "{view} a4: {w}x{h}"
        );
    }

    let out = orgpath(&[
        "export",
        "--view",
        "org",
        "--fit",
        "huge",
        "-o",
        &p("x.png"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("WIDTHxHEIGHT"),
        "{}",
        text(&out.stderr)
    );
    let out = orgpath(&["export", "--view", "org", "--fit", "4k", "-o", &p("x.pdf")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--paper"),
        "{}",
        text(&out.stderr)
    );
    let out = orgpath(&[
        "export",
        "--view",
        "org",
        "--scale",
        "0.1",
        "-o",
        &p("x.png"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("between 0.25 and 4"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_small_view_is_one_pdf_page_of_its_own_size_or_the_paper_asked_for() {
    let dir = temp_dir("paper");
    let p = |n: &str| dir.join(n).to_str().unwrap().to_owned();
    run_ok(&[
        "export",
        "--view",
        "career",
        "--lang",
        "en",
        "-o",
        &p("c.pdf"),
    ]);
    assert_eq!(pdf_pages(Path::new(&p("c.pdf"))), 1);
    run_ok(&[
        "export",
        "--view",
        "career",
        "--lang",
        "en",
        "--format",
        "pdf",
        "--paper",
        "a3",
        "-o",
        &p("c-a3"),
    ]);
    let info = text(
        &Command::new("pdfinfo")
            .arg(p("c-a3"))
            .output()
            .unwrap()
            .stdout,
    );
    assert!(
        info.contains("1190.55 x 841.89") || info.contains("841.89 x 1190.55"),
        "{info}"
    );
    let out = orgpath(&[
        "export",
        "--view",
        "org",
        "--paper",
        "b9",
        "-o",
        &p("x.pdf"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("a4, a3"),
        "{}",
        text(&out.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
}
