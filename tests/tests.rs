//! One test binary for the app package: fast to link.

// An end-to-end scenario is a script read top to bottom, one user's session at a time;
// the 150-line rule is for the code the app runs (fnlen.py and clippy check it there).
#![allow(clippy::too_many_lines)]

// The command line: validate, help, version, schema.
mod cli;
// Starting tauri-driver and a WebDriver session on the real window.
mod driver;
// The real window under Xvfb through tauri-driver and WebKitWebDriver.
mod e2e;
// The bad-file corpus: pinned messages, the same in the window as in the CLI.
mod corpus;
// The first look at an organisation: what opens, folds under the pointer, the path panel.
mod first_look;
// The user's own files in the real window: open, reload, problems, mapping, recent.
mod own_files;
// d3-org-chart's sample of people in the real window: names, titles, departments.
mod people;
// Files made to hang, exhaust memory, read outside what was opened, or drive the
// terminal: each answered in < 2 s and < 300 MB.
mod hostile;
// SIGKILL during 200 exports never leaves a half-written file.
mod kill;
// Generated organisations of 100 to 100,000 people export as PNG and PDF.
mod export_sizes;
// A 100,000-person export renders while views and search answer within 100 ms.
mod responsive;
// CSP, capabilities and remote URLs.
mod security;
// Japanese breaks between phrases in the real window (cards and panels).
mod breaks;
// Tooltips, the minimap and the notes bar never cover what they are about; the top
// bar's words are never cut.
mod overlays;
// Start-up: the first frame is the diagram; a second launch opens its file in the one
// window; Help › About.
mod start;
