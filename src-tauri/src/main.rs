// Keep a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

// mimalloc for everything Rust allocates (GTK and WebKit keep their own allocator):
// parse + validate of a 100,000-row CSV takes 128 ms with it and 218 ms with glibc's
// malloc (criterion, `bash .ci/bench-load`), where malloc and free were a third of the
// profile.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use orgpath_app::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(Command::Validate { file, json, csv }) => {
            cli::validate(&file, json, &csv.load_options())
        }
        Some(Command::Export(export)) => cli::export(&export),
        Some(Command::ExportTour(export)) => cli::export_tour(&export),
        Some(Command::Schema) => {
            print!("{}", orgpath_explore::raw::json_schema());
            ExitCode::SUCCESS
        }
        None => {
            // WebKitGTK's accelerated compositing, without a GPU (a virtual display, a
            // VM, a projector laptop on its fallback driver), draws every scroll frame
            // through software GL: 24-40 ms a frame here against 16 ms without it, for a
            // 21-card diagram and a 10,000-card one alike. orgpath draws flat SVG and
            // needs no compositing; a user can still set the variable to 0.
            #[cfg(target_os = "linux")]
            if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
                std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
            }
            let startup = match args.dataset_path() {
                Some(path) => startup(orgpath_app::session::Source {
                    path: path.to_owned(),
                    options: args.csv.load_options(),
                }),
                None => builtin(None),
            };
            // Without a display GTK cannot start, and the window library would panic
            // with a backtrace: say so plainly instead.
            #[cfg(target_os = "linux")]
            if let Err(e) = gtk::init() {
                eprintln!("orgpath: the window could not start: {e}; is there a display? (`orgpath validate FILE` checks a file without one)");
                return ExitCode::FAILURE;
            }
            match startup {
                Ok(startup) => match orgpath_app::run(startup) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => {
                        eprintln!("orgpath: the window could not start: {e}");
                        ExitCode::FAILURE
                    }
                },
                // Only the built-in dataset failing, which its tests rule out.
                Err(report) => {
                    eprintln!("{report}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// What the window opens on for a file named on the command line, which is also how a
/// file double-clicked or opened with orgpath from a file manager arrives. A file that
/// does not open still starts the window: on the built-in dataset, with the file's
/// problems in front (the terminal, if there is one, gets them too).
fn startup(
    source: orgpath_app::session::Source,
) -> Result<orgpath_app::Startup, orgpath_explore::Report> {
    match orgpath_app::session::load(&source) {
        Ok(loaded) => Ok(orgpath_app::Startup {
            dataset: loaded.dataset,
            source: Some(source),
            files: loaded.files,
            refused: None,
        }),
        Err(report) => {
            eprintln!("{report}");
            eprintln!(
                "orgpath: not opened; the window shows these problems over the built-in dataset"
            );
            builtin(Some((source, report)))
        }
    }
}

/// The built-in dataset, with the problems of a file that did not open, if any.
fn builtin(
    refused: Option<(orgpath_app::session::Source, orgpath_explore::Report)>,
) -> Result<orgpath_app::Startup, orgpath_explore::Report> {
    orgpath_explore::builtin().map(|dataset| orgpath_app::Startup {
        dataset,
        source: None,
        files: Vec::new(),
        refused,
    })
}
