//! Problems found while loading or validating a dataset, and where they are.
//!
//! Every loader and every validation rule reports through [`Problem`], so the CLI,
//! the window and the tests print them the same way: `file:line:column: message`,
//! then the JSON pointer (or CSV column) and a hint saying what to do.
//!
//! Each problem is written in Japanese and English where it is raised ([`both!`]):
//! the rule and its words stay together, a [`Text`] cannot be made with one language
//! missing, and no table keyed by message has to be kept in step with the rules. The
//! window shows the language the user chose; the command line prints the English
//! ([`Problem::cli`]). A hint that names a command-line flag names what the window
//! offers instead, and keeps the flag for the command line ([`Problem::cli_hint`]).

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

use crate::vocab::Text;

/// Text in English and Japanese, each written like `format!`'s. Named values come
/// after, as `name = value`, and are read once; after a `;`, texts in both languages,
/// each placeholder taking the side of its own language:
/// `both!("row {line}: {what}", "{line} 行目: {what}"; what = node_name)`.
#[macro_export]
macro_rules! both {
    ($en:literal, $ja:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        $(let $name = $value;)*
        $crate::vocab::Text {
            en: format!($en),
            ja: format!($ja),
        }
    }};
    ($en:literal, $ja:literal $(, $name:ident = $value:expr)* ; $($text:ident = $both:expr),+ $(,)?) => {{
        $(let $name = $value;)*
        $(let $text: &$crate::vocab::Text = &$both;)+
        let en = {
            $(let $text = &$text.en;)+
            format!($en)
        };
        let ja = {
            $(let $text = &$text.ja;)+
            format!($ja)
        };
        $crate::vocab::Text { en, ja }
    }};
}

/// A stable, machine-readable name for each rule; tests and the UI match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(rename_all = "kebab-case")]
pub enum Code {
    /// The file could not be read at all.
    Io,
    /// The file is larger than orgpath will load.
    TooLarge,
    /// A label, name or description is longer than orgpath takes (see `limits`).
    TooLong,
    /// The bytes are not UTF-8.
    Encoding,
    /// Not well-formed JSON.
    Syntax,
    /// Well-formed JSON of the wrong shape (wrong type, unknown field, bad enum value).
    Shape,
    /// `format` is missing or not `orgpath/1`.
    Format,
    /// A required field is missing or blank.
    Missing,
    /// Japanese or English text is missing or blank.
    MissingText,
    /// An id is not usable (empty, or has spaces or odd characters).
    BadId,
    /// Two items of one collection share an id.
    DuplicateId,
    /// A reference names an id that does not exist.
    UnknownId,
    /// An edge from an item to itself.
    SelfLoop,
    /// The hierarchy goes round in a circle.
    Cycle,
    /// The same edge is listed twice.
    DuplicateEdge,
    /// A CSV file's header lacks a required column, or repeats one, or a column
    /// mapping names a column the header does not have.
    Header,
    /// The dataset has nothing to show.
    Empty,
    /// A value outside what its field allows (an unknown view, a zoom out of range).
    BadValue,
    /// A tour step names a card or link its view does not draw.
    NotInView,
    /// A photo column's cell names no usable photo (a missing file, a file outside the
    /// CSV's folder or too large, not PNG or JPEG, a web address).
    Photo,
}

/// How much a problem matters. Errors refuse the file; warnings and notices are listed
/// while the file opens (a missing photo loses a picture, not the organisation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    #[default]
    Error,
    /// Something in the file is wrong, but orgpath can do without it.
    Warning,
    /// Nothing is wrong, but orgpath did not do what the file may expect.
    Notice,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
        }
    }

    pub fn is_error(&self) -> bool {
        *self == Severity::Error
    }
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Io => "io",
            Code::TooLarge => "too-large",
            Code::TooLong => "too-long",
            Code::Encoding => "encoding",
            Code::Syntax => "syntax",
            Code::Shape => "shape",
            Code::Format => "format",
            Code::Missing => "missing",
            Code::MissingText => "missing-text",
            Code::BadId => "bad-id",
            Code::DuplicateId => "duplicate-id",
            Code::UnknownId => "unknown-id",
            Code::SelfLoop => "self-loop",
            Code::Cycle => "cycle",
            Code::DuplicateEdge => "duplicate-edge",
            Code::Header => "header",
            Code::Empty => "empty",
            Code::BadValue => "bad-value",
            Code::NotInView => "not-in-view",
            Code::Photo => "photo",
        }
    }
}

/// Where a problem is. JSON problems carry a pointer and, when it can be found in the
/// text, its line and column; CSV problems carry the line, the column number and the
/// column's name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Location {
    /// The file the problem is in, when it is not the report's own file: a relations
    /// CSV opened beside a nodes CSV, or the CSV files a manifest names. The window
    /// groups problems by it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub file: Option<String>,
    /// RFC 6901 JSON pointer, e.g. `/nodes/3/label/en`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pointer: Option<String>,
    /// 1-based line in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub line: Option<u32>,
    /// 1-based column (a character column in JSON, a field number in CSV).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub column: Option<u32>,
    /// CSV column name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

impl Location {
    pub fn pointer(pointer: impl Into<String>) -> Self {
        Location {
            pointer: Some(pointer.into()),
            ..Location::default()
        }
    }

    pub fn line_column(line: u32, column: u32) -> Self {
        Location {
            line: Some(line),
            column: Some(column),
            ..Location::default()
        }
    }
}

/// One thing wrong with a file, as the window is told it: in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Problem {
    pub code: Code,
    /// What is wrong, in one sentence.
    pub message: Text,
    pub at: Location,
    /// What to do about it, in the window's words.
    pub hint: Text,
    /// The hint the command line gives, where it differs from `hint.en`: it names
    /// the command line's flags (`--map`, `--encoding`) where the window names its
    /// own steps (Map columns…).
    #[serde(skip)]
    #[ts(skip)]
    pub cli_hint: Option<String>,
    /// Left out of JSON for errors, so the reports of refused files read as before.
    #[serde(default, skip_serializing_if = "Severity::is_error")]
    #[ts(as = "Option<Severity>", optional)]
    pub severity: Severity,
}

/// A problem as the command line prints it: English, with its own hint.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct CliProblem<'p> {
    pub code: Code,
    pub message: &'p str,
    pub at: &'p Location,
    pub hint: &'p str,
    #[serde(skip_serializing_if = "Severity::is_error")]
    pub severity: Severity,
}

impl Problem {
    pub fn new(code: Code, at: Location, message: Text, hint: Text) -> Self {
        Problem {
            code,
            message,
            at,
            hint,
            cli_hint: None,
            severity: Severity::Error,
        }
    }

    /// The same problem at another severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The same problem, with the hint the command line gives instead of `hint.en`.
    pub fn with_cli_hint(mut self, hint: impl Into<String>) -> Self {
        self.cli_hint = Some(hint.into());
        self
    }

    /// The hint as the command line gives it.
    pub fn cli_hint(&self) -> &str {
        self.cli_hint.as_deref().unwrap_or(&self.hint.en)
    }

    /// The problem as the command line prints it (`orgpath validate --json`).
    pub fn cli(&self) -> CliProblem<'_> {
        CliProblem {
            code: self.code,
            message: &self.message.en,
            at: &self.at,
            hint: self.cli_hint(),
            severity: self.severity,
        }
    }

    /// Puts `prefix` before the message in both languages ("row 3: …").
    pub fn prefixed(mut self, prefix: &Text) -> Self {
        self.message.en.insert_str(0, &prefix.en);
        self.message.ja.insert_str(0, &prefix.ja);
        self
    }
}

/// Every problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Report {
    /// The file as the user named it.
    pub file: String,
    pub problems: Vec<Problem>,
}

impl Report {
    /// The problems as the command line prints them (`orgpath validate --json`).
    pub fn cli(&self) -> Vec<CliProblem<'_>> {
        self.problems.iter().map(Problem::cli).collect()
    }

    pub fn single(file: impl Into<String>, problem: Problem) -> Self {
        Report {
            file: file.into(),
            problems: vec![problem],
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Messages quote the file's own text (ids, headers, values): shown escaped, so
        // a file cannot move the cursor, recolour or reorder what a terminal shows.
        write!(
            f,
            "{}[{}]: {}",
            self.severity.as_str(),
            self.code.as_str(),
            shown(&self.message.en)
        )?;
        if let Some(pointer) = &self.at.pointer {
            write!(
                f,
                "\n  at {}",
                if pointer.is_empty() {
                    Cow::Borrowed("/ (the document)")
                } else {
                    shown(pointer)
                }
            )?;
        }
        if let Some(field) = &self.at.field {
            write!(f, "\n  column \"{}\"", shown(field))?;
        }
        write!(f, "\n  hint: {}", shown(self.cli_hint()))
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.problems {
            write!(
                f,
                "{}",
                shown(problem.at.file.as_deref().unwrap_or(&self.file))
            )?;
            match (problem.at.line, problem.at.column) {
                (Some(line), Some(column)) => write!(f, ":{line}:{column}")?,
                (Some(line), None) => write!(f, ":{line}")?,
                _ => {}
            }
            writeln!(f, ": {problem}")?;
        }
        let n = self.problems.len();
        write!(
            f,
            "{n} problem{} found in {}",
            if n == 1 { "" } else { "s" },
            shown(&self.file)
        )
    }
}

/// Text from a file as a message shows it: control characters (a NUL, a tab, an
/// escape that would start a terminal sequence) and the invisible marks that reorder
/// text (bidirectional overrides and isolates) written out as escapes, so they are
/// seen rather than obeyed; everything else as it is.
pub fn shown(value: &str) -> Cow<'_, str> {
    fn hidden(c: char) -> bool {
        c.is_control()
            || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    }
    if !value.chars().any(hidden) {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        if hidden(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

impl std::error::Error for Report {}
