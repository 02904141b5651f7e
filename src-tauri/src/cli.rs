//! The command line: `orgpath` opens the window; `orgpath validate FILE` checks a file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::TypedValueParser as _;
use clap::{Parser, Subcommand};
use orgpath_explore::export::{Format, SlideFormat};
use orgpath_explore::render::pdf::PaperSize;
use orgpath_explore::render::{Background, Theme};
use orgpath_explore::view_model::DirectionChoice;
use orgpath_explore::{Dataset, Encoding, Lang, LoadOptions, Problem, View};

/// `println!` for a line that may quote a file's text or a path: control characters
/// and bidirectional marks are written out (`orgpath_explore::problem::shown`), so what a
/// file holds cannot drive the terminal.
macro_rules! say {
    ($($arg:tt)*) => {
        println!("{}", orgpath_explore::problem::shown(&format!($($arg)*)))
    };
}

/// `eprintln!` likewise (see [`say`]).
macro_rules! tell {
    ($($arg:tt)*) => {
        eprintln!("{}", orgpath_explore::problem::shown(&format!($($arg)*)))
    };
}

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
    /// Dataset to open instead of the built-in one: .json (the orgpath format, or a
    /// manifest naming CSV files), .csv, .tsv or .txt
    pub file: Option<PathBuf>,

    /// The same as FILE
    #[arg(long, value_name = "FILE", conflicts_with = "file")]
    pub data: Option<PathBuf>,

    #[command(flatten)]
    pub csv: CsvArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The dataset the window opens, if one was named (as FILE or --data).
    pub fn dataset_path(&self) -> Option<&Path> {
        self.file.as_deref().or(self.data.as_deref())
    }
}

/// How to read CSV files: the same flags wherever a dataset is named.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct CsvArgs {
    /// CSV text encoding: auto (detect UTF-8, UTF-16 with a byte-order mark, Shift_JIS),
    /// utf-8, utf-16 or shift_jis (also sjis, cp932)
    #[arg(long, value_name = "ENCODING", value_parser = parse_encoding)]
    pub encoding: Option<Encoding>,
    /// Which CSV column holds which field, when the header names them otherwise:
    /// FIELD=COLUMN,... e.g. parent=ManagerID,name=FullName (fields: id, parent, name,
    /// name_en, first_name, last_name, title, title_en, group, group_id, photo, kind,
    /// description, description_en, illustrative; relations.source, relations.target,
    /// ... for the relations file). May be repeated
    #[arg(long, value_name = "FIELD=COLUMN,...", value_parser = check_map)]
    pub map: Vec<String>,
    /// A relations CSV to open with the nodes CSV: source,target,kind,label,label_en
    #[arg(long, value_name = "FILE")]
    pub relations: Option<PathBuf>,
}

fn parse_encoding(s: &str) -> Result<Encoding, String> {
    s.parse()
}

fn parse_fit(s: &str) -> Result<orgpath_explore::export::Fit, String> {
    orgpath_explore::export::Fit::parse(s)
}

fn check_map(s: &str) -> Result<String, String> {
    orgpath_explore::parse_map(s).map(|_| s.to_owned())
}

impl CsvArgs {
    /// The options for the loader.
    pub fn load_options(&self) -> LoadOptions {
        LoadOptions {
            encoding: self.encoding.unwrap_or_default(),
            map: self
                .map
                .iter()
                // Checked when the flag was parsed.
                .flat_map(|m| orgpath_explore::parse_map(m).unwrap_or_default())
                .collect(),
            relations: self.relations.clone(),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a dataset and print every problem with its line and column (exit 1), or a summary (exit 0)
    Validate {
        /// A .json file (the orgpath format, or a manifest), or a .csv/.tsv file
        /// (id,parent,name,...)
        file: PathBuf,
        /// Print the result as JSON (for editors and scripts)
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        csv: CsvArgs,
    },
    /// Print the JSON Schema of the dataset format
    Schema,
    /// Write a view as SVG, PNG or PDF (the same bytes the window's Export writes)
    Export(Box<ExportArgs>),
    /// Write a guided tour as slides: one PNG per step, or a PDF deck (one page per step)
    #[command(name = "export-tour")]
    ExportTour(Box<ExportTourArgs>),
}

/// The dataset an export draws from, and how to read it.
#[derive(Debug, clap::Args)]
pub struct DatasetArgs {
    /// Dataset to draw (.json, .csv or .tsv); the built-in one when absent
    #[arg(long)]
    pub data: Option<PathBuf>,
    #[command(flatten)]
    pub csv: CsvArgs,
}

impl DatasetArgs {
    /// The dataset in --data, or the built-in one; a file that does not load prints its
    /// report and gives the exit code to return.
    fn load(&self) -> Result<Dataset, ExitCode> {
        match &self.data {
            Some(path) => {
                orgpath_explore::load_path(path, &self.csv.load_options()).map(|l| l.dataset)
            }
            None => orgpath_explore::builtin(),
        }
        .map_err(|report| {
            eprintln!("{report}");
            ExitCode::FAILURE
        })
    }
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Which diagram
    #[arg(long, value_enum)]
    pub view: View,
    #[command(flatten)]
    pub dataset: DatasetArgs,
    /// The language of labels and captions [default: the file's: ja when its names are
    /// in Japanese script, en otherwise]
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// projector: high contrast and large type
    #[arg(long, value_enum, default_value_t = Theme::Light)]
    pub theme: Theme,
    /// By default from the output file's extension
    #[arg(long, value_enum, ignore_case = true)]
    pub format: Option<Format>,
    /// PNG pixel scale, 0.25 to 4 (fractions allowed). A drawing too large for the PNG
    /// limits (16384 px a side, 64 Mpx) is drawn at the largest scale that fits, and
    /// the scale used is printed
    #[arg(long, default_value_t = 1.0, conflicts_with = "fit")]
    pub scale: f32,
    /// PNG: fit the image into a box instead of --scale: WIDTHxHEIGHT in pixels
    /// (1920x1080), hd, 4k, or a paper size at 150 dpi (a4, a3, a2, a1, letter, legal,
    /// tabloid; turned to the drawing's shape)
    #[arg(long, value_name = "SIZE", value_parser = parse_fit)]
    pub fit: Option<orgpath_explore::export::Fit>,
    /// PDF: the paper (a4, a3, a2, a1, letter, legal, tabloid), turned to the
    /// drawing's shape. A drawing that does not fit one page readably (card titles at
    /// 8 pt) is tiled: an overview page, then overlapping pages, at most 100. Without
    /// it, a drawing that fits A3 readably gets one page of its own size, a larger one A4 tiles
    #[arg(long, value_enum, ignore_case = true)]
    pub paper: Option<PaperSize>,
    #[arg(long, value_enum, default_value_t = Background::Theme)]
    pub background: Background,
    /// Organisation view: the direction the tree grows; auto picks the direction and
    /// compaction that fit the --fit box, the paper or a 16:9 screen best (top-down for
    /// people unless another fits clearly better)
    #[arg(long, value_enum, default_value_t = DirectionChoice::Auto)]
    pub direction: DirectionChoice,
    /// Organisation view: children in a grid of columns under their parent, at every
    /// level (with a fixed --direction)
    #[arg(long)]
    pub compact: bool,
    /// Relationships view: the node at the centre
    #[arg(long)]
    pub focus: Option<String>,
    /// Organisation view: fold away the units under this node (repeat for several)
    #[arg(long, value_name = "ID")]
    pub collapse: Vec<String>,
    /// Leave out (relationships, career) or dim (organisation, flow) what a legend entry
    /// stands for: kind:<relation kind id>, group:<group id>, secondary or illustrative
    /// (repeat for several)
    #[arg(long, value_name = "KEY")]
    pub hide: Vec<String>,
    /// The file to write (written atomically: an interrupted export leaves no half file)
    #[arg(short, long)]
    pub output: PathBuf,
}

#[derive(Debug, clap::Args)]
// The dataset's help as a tour reads it: tours are written in .json files only.
#[command(mut_arg("data", |a| a.help("Dataset to read the tour from (.json); the built-in one when absent")))]
pub struct ExportTourArgs {
    /// The tour's id (`orgpath validate` lists them)
    #[arg(long)]
    pub tour: String,
    #[command(flatten)]
    pub dataset: DatasetArgs,
    /// The language of labels and captions [default: the file's: ja when its names are
    /// in Japanese script, en otherwise]
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// PNG height in px: 1080 (1920x1080) or 2160 (3840x2160); a PDF is vector
    #[arg(long, default_value_t = 1080, value_parser = clap::builder::PossibleValuesParser::new(["1080", "2160"]).map(|s| s.parse::<u32>().expect("listed values are numbers")))]
    pub size: u32,
    /// By default pdf for a .pdf output, else png
    #[arg(long, value_enum)]
    pub format: Option<SlideFormat>,
    /// Colours of the slides (the type is always the projector's)
    #[arg(long, value_enum, default_value_t = Theme::Projector)]
    pub theme: Theme,
    /// pdf: the file to write. png: a folder (created) that gets 01-<tour>.png, 02-…;
    /// or NAME.png, which gives NAME-01.png, NAME-02.png, … beside it. Every file is
    /// written atomically
    #[arg(short, long)]
    pub output: PathBuf,
}

/// One line that says what a dataset holds.
pub fn summary(d: &Dataset) -> String {
    let steps: usize = d.flows().iter().map(|f| f.steps.len()).sum();
    let n = |count: usize, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    let tours = if d.tours().is_empty() {
        String::new()
    } else {
        let ids: Vec<&str> = d.tours().iter().map(|t| t.id.as_str()).collect();
        format!(
            ", {}: {}",
            n(d.tours().len(), "tour", "tours"),
            ids.join(", ")
        )
    };
    format!(
        "{}, {}, {} of {}, {}, {}, {} ({}){tours}",
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
pub fn validate(file: &Path, json: bool, options: &LoadOptions) -> ExitCode {
    match orgpath_explore::load_path(file, options).map(|l| l.dataset) {
        Ok(d) => {
            if json {
                println!(
                    "{}",
                    serde_json::json!({ "file": file.display().to_string(), "ok": true, "summary": summary(&d), "notices": d.notices().iter().map(Problem::cli).collect::<Vec<_>>() })
                );
            } else {
                say!("ok: {}: {}", file.display(), summary(&d));
                // Warnings and notices go to stderr, as problems do, one file:line each.
                for p in d.notices() {
                    let at = match (p.at.line, p.at.column) {
                        (Some(line), Some(column)) => format!(":{line}:{column}"),
                        (Some(line), None) => format!(":{line}"),
                        _ => String::new(),
                    };
                    // One problem is several lines, each escaped by its Display.
                    let name =
                        p.at.file
                            .as_deref()
                            .map_or_else(|| file.display().to_string(), str::to_owned);
                    eprintln!("{}{at}: {p}", orgpath_explore::problem::shown(&name));
                }
            }
            ExitCode::SUCCESS
        }
        Err(report) => {
            if json {
                println!(
                    "{}",
                    serde_json::json!({ "file": report.file, "ok": false, "problems": report.cli() })
                );
            } else {
                eprintln!("{report}");
            }
            ExitCode::FAILURE
        }
    }
}

/// `orgpath export`.
pub fn export(args: &ExportArgs) -> ExitCode {
    use orgpath_explore::export::{export_file, write_atomic, ExportOptions};
    use orgpath_explore::render::png::{MAX_SCALE, MIN_SCALE};

    let format = match args.format.or_else(|| Format::of_path(&args.output)) {
        Some(f) => f,
        None => {
            tell!("orgpath export: cannot tell the format of {}: name a .svg, .png or .pdf file, or give --format", args.output.display());
            return ExitCode::from(2);
        }
    };
    if !(MIN_SCALE..=MAX_SCALE).contains(&args.scale) {
        tell!(
            "orgpath export: --scale must be between {MIN_SCALE} and {MAX_SCALE} (got {})",
            args.scale
        );
        return ExitCode::from(2);
    }
    if args.fit.is_some() && format != Format::Png {
        tell!("orgpath export: --fit sizes a PNG; for a PDF give --paper");
        return ExitCode::from(2);
    }
    if args.paper.is_some() && format != Format::Pdf {
        tell!("orgpath export: --paper sizes a PDF; for a PNG give --fit");
        return ExitCode::from(2);
    }
    let dataset = match args.dataset.load() {
        Ok(d) => d,
        Err(code) => return code,
    };
    let lang = args.lang.unwrap_or_else(|| dataset.language());
    let mut options = ExportOptions::new(args.view, lang, format);
    options.theme = args.theme;
    options.background = args.background;
    options.scale = args.scale;
    options.fit = args.fit;
    options.paper = args.paper.map(PaperSize::paper);
    options.compact = args.compact;
    options.focus = args.focus.clone();
    if let Some(unknown) = args.collapse.iter().find(|id| dataset.node(id).is_none()) {
        tell!("orgpath export: --collapse {unknown}: no node has this id");
        return ExitCode::FAILURE;
    }
    options.collapsed = args.collapse.iter().cloned().collect();
    for key in &args.hide {
        if let Err(e) = orgpath_explore::views::check_filter_key(&dataset, key) {
            tell!("orgpath export: --hide {key}: {e}");
            return ExitCode::FAILURE;
        }
    }
    options.hidden = args.hide.iter().cloned().collect();
    match args.direction.fixed() {
        Some(d) => options.direction = d,
        None => options.choose_arrangement(&dataset),
    }
    if let Some(focus) = &options.focus {
        if dataset.node(focus).is_none() {
            tell!("orgpath export: --focus {focus}: no node has this id");
            return ExitCode::FAILURE;
        }
    }
    let exported = match export_file(&dataset, &options) {
        Ok(e) => e,
        Err(e) => {
            tell!("orgpath export: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(note) = &exported.note {
        tell!("orgpath export: note: {}", note.cli);
    }
    match write_atomic(&args.output, &exported.bytes) {
        Ok(()) => {
            say!(
                "wrote {} ({}; {} bytes)",
                args.output.display(),
                exported.summary.en,
                exported.bytes.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            tell!("orgpath export: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `orgpath export-tour`.
pub fn export_tour(args: &ExportTourArgs) -> ExitCode {
    use orgpath_explore::export::{export_tour, write_tour, TourExportOptions, TourFormat};

    let format = match args.format {
        Some(f) => f,
        None if args
            .output
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf")) =>
        {
            SlideFormat::Pdf
        }
        None => SlideFormat::Png,
    };
    let format = TourFormat::new(format, args.size).expect("clap lets through 1080 and 2160 only");
    let dataset = match args.dataset.load() {
        Ok(d) => d,
        Err(code) => return code,
    };
    let lang = args.lang.unwrap_or_else(|| dataset.language());
    let mut options = TourExportOptions::new(&args.tour, lang, format);
    options.theme = args.theme;
    let files = match export_tour(&dataset, &options) {
        Ok(f) => f,
        Err(e) => {
            tell!("orgpath export-tour: {e}");
            return ExitCode::FAILURE;
        }
    };
    match write_tour(&files, &args.output, &args.tour) {
        Ok(paths) => {
            for p in &paths {
                say!("wrote {}", p.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            tell!("orgpath export-tour: {e}");
            ExitCode::FAILURE
        }
    }
}
