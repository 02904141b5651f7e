// Keep a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use orgpath_app::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(Command::Validate { file, json }) => cli::validate(&file, json),
        Some(Command::Export(export)) => cli::export(&export),
        Some(Command::Schema) => {
            print!("{}", orgpath_core::model::json_schema());
            ExitCode::SUCCESS
        }
        None => {
            let dataset = match &args.file {
                Some(path) => orgpath_core::load_file(path),
                None => orgpath_core::builtin(),
            };
            match dataset {
                Ok(dataset) => match orgpath_app::run(dataset) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => {
                        eprintln!("orgpath: the window could not start: {e}");
                        ExitCode::FAILURE
                    }
                },
                Err(report) => {
                    eprintln!("{report}");
                    eprintln!("orgpath: not opened; fix the problems above, or run `orgpath` alone for the built-in dataset");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
