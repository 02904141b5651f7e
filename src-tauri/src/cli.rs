//! The command line: `orgpath` opens the window; `orgpath validate FILE` checks a file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use orgpath_core::Dataset;

#[derive(Debug, Parser)]
#[command(
    name = "orgpath",
    version,
    about = "Explore an organisation and the career paths through it as interactive diagrams."
)]
#[command(
    long_about = "Explore an organisation and the career paths through it as interactive diagrams.\n\nWith no arguments, opens the window on the built-in dataset (Microsoft Japan's Customer Service & Support, from an intern's article). Give a .json or .csv file to open your own organisation."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Dataset to open instead of the built-in one (.json in the orgpath format, or .csv)
    pub file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a dataset and print every problem with its line and column (exit 1), or a summary (exit 0)
    Validate {
        /// A .json file in the orgpath format, or a .csv file (id,parent,name,...)
        file: PathBuf,
        /// Print the result as JSON (for editors and scripts)
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schema of the dataset format
    Schema,
}

/// One line that says what a dataset holds.
pub fn summary(d: &Dataset) -> String {
    let steps: usize = d.flows().iter().map(|f| f.steps.len()).sum();
    let n = |count: usize, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    format!(
        "{}, {}, {} of {}, {}, {}, {} ({})",
        n(d.node_count(), "node", "nodes"),
        n(
            d.hierarchy_edge_count(),
            "hierarchy edge",
            "hierarchy edges"
        ),
        n(d.relations().len(), "relation", "relations"),
        n(d.relation_kinds().len(), "kind", "kinds"),
        n(d.tracks().len(), "career track", "career tracks"),
        n(d.transitions().len(), "transition", "transitions"),
        n(d.flows().len(), "flow", "flows"),
        n(steps, "step", "steps"),
    )
}

/// `orgpath validate FILE`.
pub fn validate(file: &Path, json: bool) -> ExitCode {
    match orgpath_core::load_file(file) {
        Ok(d) => {
            if json {
                println!(
                    "{}",
                    serde_json::json!({ "file": file.display().to_string(), "ok": true, "summary": summary(&d) })
                );
            } else {
                println!("ok: {}: {}", file.display(), summary(&d));
            }
            ExitCode::SUCCESS
        }
        Err(report) => {
            if json {
                println!(
                    "{}",
                    serde_json::json!({ "file": report.file, "ok": false, "problems": report.problems })
                );
            } else {
                eprintln!("{report}");
            }
            ExitCode::FAILURE
        }
    }
}
