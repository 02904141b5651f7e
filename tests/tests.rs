//! One test binary for the app package: fast to link.

// The command line: validate, help, version, schema.
mod cli;
// Starting tauri-driver and a WebDriver session on the real window.
mod driver;
// The real window under Xvfb through tauri-driver and WebKitWebDriver.
mod e2e;
// CSP, capabilities and remote URLs.
mod security;
