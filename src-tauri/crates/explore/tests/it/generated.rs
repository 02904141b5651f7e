//! Generated files are committed; these tests fail when they are stale.
//! Regenerate with `ORGPATH_BLESS=1 cargo test -p orgpath-explore --test it generated`.

use std::path::PathBuf;

fn repo_file(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../..")
        .join(rel)
}

fn check(rel: &str, expected: &str) {
    let path = repo_file(rel);
    if std::env::var_os("ORGPATH_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, expected).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{rel} cannot be read ({e}): generate it with `ORGPATH_BLESS=1 cargo test -p orgpath-explore --test it generated`")
    });
    assert!(
        committed == expected,
        "{rel} is stale: regenerate it with `ORGPATH_BLESS=1 cargo test -p orgpath-explore --test it generated` and commit the result"
    );
}

#[test]
fn json_schema_is_current() {
    check("data/schema.json", &orgpath_explore::raw::json_schema());
}

#[test]
fn typescript_bindings_are_current() {
    check(
        orgpath_explore::bindings::TYPESCRIPT_PATH,
        &orgpath_explore::bindings::typescript(),
    );
}

#[test]
fn phrases_of_the_builtin_texts_are_current() {
    check(
        orgpath_explore::bindings::PHRASES_PATH,
        &orgpath_explore::bindings::phrases(),
    );
}
