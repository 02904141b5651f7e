//! Writes a generated organisation of people as CSV (id,parentId,name,position,
//! department_name) to standard output or a file, for trying exports at scale:
//!
//!     cargo run -p orgpath-explore --example people -- 10000 42 > people-10k.csv
//!     cargo run -p orgpath-explore --example people -- 250 1 people-250.csv
//!
//! The same N and SEED always give the same file (see orgpath_explore::generate).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage =
        "usage: people N [SEED] [OUT.csv]  (N people, at least 1; SEED a whole number, default 1)";
    let Some(n) = args
        .first()
        .and_then(|a| a.parse::<usize>().ok())
        .filter(|&n| n > 0)
    else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    let seed = match args.get(1).map(|s| s.parse::<u64>()) {
        None => 1,
        Some(Ok(s)) => s,
        Some(Err(_)) => {
            eprintln!("SEED must be a whole number, not {:?}\n{usage}", args[1]);
            return ExitCode::from(2);
        }
    };
    let csv = orgpath_explore::generate::people_csv(n, seed);
    match args.get(2) {
        Some(path) => {
            if let Err(e) = std::fs::write(path, csv) {
                eprintln!("cannot write {path}: {e}");
                return ExitCode::FAILURE;
            }
        }
        None => {
            use std::io::Write;
            if let Err(e) = std::io::stdout().lock().write_all(csv.as_bytes()) {
                eprintln!("cannot write to standard output: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
