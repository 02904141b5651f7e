//! Hostile files (issue 12) and how long, and how much memory, loading each takes:
//!
//!     cargo run -p orgpath-explore --example hostile -- write DIR     # writes the files
//!     cargo run -p orgpath-explore --example hostile -- load FILE [RELATIONS.csv]
//!
//! `load` does what `orgpath validate FILE` does (`load_path`, with the app's allocator)
//! and prints the time, the peak resident memory of the process (Linux: VmHWM) and
//! the first problem. One file a process, so each peak is that file's alone.
//!
//! The files, each at most `MAX_BYTES`:
//! - `rows-5m.csv`: a header, then five million rows `n,p,x`;
//! - `header-1m.csv`: a header of a million columns, then one row;
//! - `field-1m.csv`: a row of a million fields under a three-column header;
//! - `parents-3m.csv`: one row whose parent cell lists three million parents;
//! - `nodes.csv` + `links-5m.csv`: a relations file of five million rows;
//! - `empty-5m.json`: `{"nodes":[{},{},…]}`, five million empty nodes;
//! - `empty-1m.json`: the same with `MAX_NODES` empty nodes (within the limit);
//! - `max-rows.csv`: `MAX_NODES` valid rows, a tree (within the limit: it loads);
//! - `org-200k.json`: a valid organisation of 200,000 units (it loads).

// The app's allocator (see src-tauri/src/main.rs), so the peak is the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use orgpath_explore::limits::MAX_NODES;
use orgpath_explore::{load_path, LoadOptions};

fn write(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let put = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text)?;
        println!("{} ({} bytes)", path.display(), text.len());
        std::io::Result::Ok(())
    };

    let mut s = String::from("id,parent,name\n");
    s.push_str(&"n,p,x\n".repeat(5_000_000));
    put("rows-5m.csv", &s)?;

    let mut s = String::from("id,parent,name");
    for c in 0..1_000_000 {
        write!(s, ",c{c}").unwrap();
    }
    s.push_str("\na,,A\n");
    put("header-1m.csv", &s)?;

    let mut s = String::from("id,parent,name\na,,A");
    s.push_str(&",x".repeat(1_000_000));
    s.push('\n');
    put("field-1m.csv", &s)?;

    let mut s = String::from("id,parent,name\na,,A\nb,");
    s.push_str(&"a;".repeat(3_000_000));
    s.push_str(",B\n");
    put("parents-3m.csv", &s)?;

    put("nodes.csv", "id,parent,name\na,,A\nb,a,B\n")?;
    let mut s = String::from("source,target\n");
    s.push_str(&"a,b\n".repeat(5_000_000));
    put("links-5m.csv", &s)?;

    for (name, n) in [("empty-5m.json", 5_000_000), ("empty-1m.json", MAX_NODES)] {
        let mut s = String::from(r#"{"format":"orgpath/1","nodes":["#);
        s.push_str(&"{},".repeat(n));
        s.pop();
        s.push_str("]}");
        put(name, &s)?;
    }

    let mut s = String::from("id,parent,name\n");
    for i in 0..MAX_NODES {
        if i == 0 {
            s.push_str("0,,n0\n");
        } else {
            writeln!(s, "{i},{},n{i}", (i - 1) / 8).unwrap();
        }
    }
    put("max-rows.csv", &s)?;

    // A valid JSON organisation past the size at which lists are counted first, to
    // time that count.
    let n = 200_000;
    let mut s = String::from(
        r#"{"format":"orgpath/1","meta":{"title":{"ja":"会社","en":"Company"}},"nodes":["#,
    );
    for i in 0..n {
        write!(
            s,
            r#"{}{{"id":"u{i}","kind":"team","label":{{"ja":"チーム{i}","en":"Team {i}"}}}}"#,
            if i == 0 { "" } else { "," }
        )
        .unwrap();
    }
    s.push_str(r#"],"hierarchy":["#);
    for i in 1..n {
        write!(
            s,
            r#"{}{{"child":"u{i}","parent":"u{}"}}"#,
            if i == 1 { "" } else { "," },
            (i - 1) / 6
        )
        .unwrap();
    }
    s.push_str("]}");
    put("org-200k.json", &s)?;
    Ok(())
}

/// The process's peak resident memory in MB, where the system says (Linux).
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn load(file: &Path, relations: Option<PathBuf>) {
    let options = LoadOptions {
        relations,
        ..LoadOptions::default()
    };
    let start = Instant::now();
    let result = load_path(file, &options);
    let took = start.elapsed();
    let outcome = match &result {
        Ok(l) => format!("ok, {} nodes", l.dataset.nodes().count()),
        Err(r) => {
            let p = &r.problems[0];
            format!(
                "refused, {} problems; first: [{}] {:?}:{:?}:{:?}: {} ({})",
                r.problems.len(),
                p.code.as_str(),
                p.at.file,
                p.at.line,
                p.at.column,
                p.message.en,
                p.cli_hint()
            )
        }
    };
    let peak = peak_mb().map_or_else(|| "?".to_owned(), |m| format!("{m:.0} MB"));
    println!(
        "{}: {:.2} s, peak {peak}: {outcome}",
        file.display(),
        took.as_secs_f64()
    );
    drop(result);
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["write", dir] => {
            if let Err(e) = write(Path::new(dir)) {
                eprintln!("cannot write: {e}");
                return ExitCode::FAILURE;
            }
        }
        ["load", file] => load(Path::new(file), None),
        ["load", file, relations] => load(Path::new(file), Some(relations.into())),
        _ => {
            eprintln!("usage: hostile write DIR | hostile load FILE [RELATIONS.csv]");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
