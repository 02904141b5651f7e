//! Hostile files (issue 12): files under the size limit made to pass a count limit
//! (rows, columns, fields, parents, list items) are refused with a problem naming the
//! limit and where it was passed, and refused early: in under 2 s and 300 MB of heap,
//! in a debug build, where reading them whole took up to minutes and gigabytes.
//! `cargo run -p orgpath-explore --example hostile` measures the same files as the CLI
//! loads them (time and peak resident memory).
//!
//! Heap is measured by a counting allocator; the cases take a lock so one runs at a
//! time and each peak is its own.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use orgpath_explore::limits::{MAX_COLUMNS, MAX_LINKS, MAX_NODES};
use orgpath_explore::{csv_header, load_csv, load_json, load_path, Code, LoadOptions, Report};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = NOW.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is passed to the system allocator as it is; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            // Counted as the new block and the old one together for a moment, as a
            // copying realloc holds them.
            grew(new_size);
            NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const MAX_TIME: Duration = Duration::from_secs(2);
const MAX_HEAP: usize = 300 * 1024 * 1024;

/// Loads with `load`, and checks that it is refused within the time and heap limits.
/// The time is the best of three tries, so a machine busy with other work does not fail
/// the test; the heap is the same every time.
fn refused_early(what: &str, load: impl Fn() -> Result<(), Report>) -> Report {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mut best = Duration::MAX;
    let mut report = None;
    for _ in 0..3 {
        let before = NOW.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let start = Instant::now();
        let result = load();
        let took = start.elapsed();
        let heap = PEAK.load(Ordering::Relaxed) - before;
        assert!(
            heap < MAX_HEAP,
            "{what}: {} MB of heap",
            heap / (1024 * 1024)
        );
        eprintln!(
            "{what}: {took:?}, {:.1} MB of heap",
            heap as f64 / 1048576.0
        );
        best = best.min(took);
        report = Some(result.expect_err(what));
        if best < MAX_TIME {
            break;
        }
    }
    assert!(best < MAX_TIME, "{what}: refused after {best:?}");
    report.unwrap()
}

fn csv(text: &str) -> Result<(), Report> {
    load_csv(text.as_bytes(), "org.csv").map(drop)
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("orgpath-hostile-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_csv_file_of_millions_of_rows_is_refused_at_the_first_row_past_the_limit() {
    let mut text = String::from("id,parent,name\n");
    text.push_str(&"n,p,x\n".repeat(5_000_000));
    let r = refused_early("5M rows", || csv(&text));
    assert_eq!(r.problems.len(), 1, "{r}");
    let p = &r.problems[0];
    assert_eq!(p.code, Code::TooLarge);
    // The header is line 1, so the row past a million is on the line after it.
    let line = u32::try_from(MAX_NODES + 2).unwrap();
    assert_eq!((p.at.line, p.at.column), (Some(line), Some(1)), "{r}");
    assert!(p.message.en.contains("more than 1,000,000 rows"), "{r}");
    assert!(p.message.en.contains(&format!("line {line}")), "{r}");
    assert!(p.cli_hint().contains("split the organisation"), "{r}");
}

#[test]
fn a_header_of_a_million_columns_is_refused_before_the_columns_are_matched() {
    let mut text = String::from("id,parent,name");
    for c in 0..1_000_000 {
        text.push_str(&format!(",c{c}"));
    }
    text.push_str("\na,,A\n");
    let r = refused_early("1M columns", || csv(&text));
    assert_eq!(r.problems.len(), 1, "{r}");
    let p = &r.problems[0];
    assert_eq!(p.code, Code::TooLarge);
    let column = u32::try_from(MAX_COLUMNS + 1).unwrap();
    assert_eq!((p.at.line, p.at.column), (Some(1), Some(column)), "{r}");
    assert!(
        p.message
            .en
            .contains("the header has 1,000,003 columns; orgpath reads up to 1,000"),
        "{r}"
    );

    // The window's column-mapping step reads the header the same way.
    let dir = temp_dir("header");
    let path = dir.join("wide.csv");
    std::fs::write(&path, &text).unwrap();
    let r = refused_early("1M columns, mapping step", || {
        csv_header(&path, &LoadOptions::default()).map(drop)
    });
    assert_eq!(r.problems[0].code, Code::TooLarge, "{r}");
    std::fs::remove_dir_all(&dir).ok();

    // At the limit, a file opens.
    let mut text = String::from("id,parent,name");
    for c in 3..MAX_COLUMNS {
        text.push_str(&format!(",c{c}"));
    }
    text.push_str("\na,,A\n");
    load_csv(text.as_bytes(), "org.csv").unwrap_or_else(|r| panic!("{r}"));
}

#[test]
fn a_row_of_a_million_fields_is_refused_without_keeping_them() {
    let mut text = String::from("id,parent,name\na,,A");
    text.push_str(&",x".repeat(1_000_000));
    text.push('\n');
    let r = refused_early("1M fields", || csv(&text));
    let p = &r.problems[0];
    assert_eq!(p.code, Code::Syntax, "{r}");
    assert_eq!(p.at.line, Some(2), "{r}");
    assert!(
        p.message
            .en
            .contains("1000003 fields, but the header names 3 columns"),
        "{r}"
    );
}

#[test]
fn a_cell_of_millions_of_parents_is_refused_before_they_are_kept() {
    let mut text = String::from("id,parent,name\na,,A\nb,");
    text.push_str(&"a;".repeat(3_000_000));
    text.push_str(",B\n");
    let r = refused_early("3M parents", || csv(&text));
    assert_eq!(r.problems.len(), 1, "{r}");
    let p = &r.problems[0];
    assert_eq!(p.code, Code::TooLarge);
    assert_eq!((p.at.line, p.at.column), (Some(3), Some(2)), "{r}");
    assert!(p.message.en.contains("more than 2,000,000 links"), "{r}");
    assert!(p.cli_hint().contains("each ';'"), "{r}");
}

#[test]
fn a_relations_file_of_millions_of_rows_is_refused_in_its_own_name() {
    let dir = temp_dir("relations");
    let nodes = dir.join("nodes.csv");
    let links = dir.join("links.csv");
    std::fs::write(&nodes, "id,parent,name\na,,A\nb,a,B\n").unwrap();
    let mut text = String::from("source,target\n");
    text.push_str(&"a,b\n".repeat(5_000_000));
    std::fs::write(&links, &text).unwrap();
    drop(text);
    let options = LoadOptions {
        relations: Some(links.clone()),
        ..LoadOptions::default()
    };
    let r = refused_early("5M relations", || load_path(&nodes, &options).map(drop));
    assert_eq!(r.problems.len(), 1, "{r}");
    let p = &r.problems[0];
    assert_eq!(p.code, Code::TooLarge);
    assert_eq!(
        p.at.file.as_deref(),
        Some(links.display().to_string().as_str())
    );
    let line = u32::try_from(MAX_LINKS + 2).unwrap();
    assert_eq!(p.at.line, Some(line), "{r}");
    assert!(p.message.en.contains("more than 2,000,000 rows"), "{r}");
    std::fs::remove_dir_all(&dir).ok();
}

/// A JSON dataset whose lists are each `n` empty objects, by name.
fn json_lists(lists: &[(&str, usize)]) -> String {
    let mut text = String::from(r#"{"format":"orgpath/1""#);
    for (name, n) in lists {
        text.push_str(&format!(r#","{name}":["#));
        text.push_str(&"{},".repeat(*n));
        text.pop();
        text.push(']');
    }
    text.push('}');
    text
}

#[test]
fn json_of_millions_of_empty_nodes_is_refused_before_it_is_parsed() {
    let text = json_lists(&[("nodes", 5_000_000)]);
    let r = refused_early("5M empty nodes", || {
        load_json(text.as_bytes(), "org.json").map(drop)
    });
    assert_eq!(r.problems.len(), 1, "{r}");
    let p = &r.problems[0];
    assert_eq!(p.code, Code::TooLarge);
    assert_eq!(p.at.pointer.as_deref(), Some("/nodes/1000000"), "{r}");
    // The item past the limit: after the format and 1,000,000 "{}," of three bytes.
    let column = r#"{"format":"orgpath/1","nodes":["#.len() + 3 * MAX_NODES + 1;
    assert_eq!(
        (p.at.line, p.at.column),
        (Some(1), Some(u32::try_from(column).unwrap())),
        "{r}"
    );
    assert!(p.message.en.contains("more than 1,000,000 nodes"), "{r}");
}

#[test]
fn json_links_are_counted_together_and_other_lists_too() {
    let text = json_lists(&[("hierarchy", 1_500_000), ("relations", 1_000_000)]);
    let r = refused_early("2.5M links", || {
        load_json(text.as_bytes(), "org.json").map(drop)
    });
    let p = &r.problems[0];
    assert_eq!(p.code, Code::TooLarge, "{r}");
    assert_eq!(p.at.pointer.as_deref(), Some("/relations/500000"), "{r}");
    assert!(p.message.en.contains("more than 2,000,000 links"), "{r}");

    let text = json_lists(&[("groups", 3_000_000)]);
    let r = refused_early("3M groups", || {
        load_json(text.as_bytes(), "org.json").map(drop)
    });
    let p = &r.problems[0];
    assert_eq!(p.code, Code::TooLarge, "{r}");
    assert!(
        p.message
            .en
            .contains("this list has more than 1,000,000 items"),
        "{r}"
    );
}
