//! Any bytes as an orgpath JSON file: loading never panics, and a file that loads draws
//! every view as well-formed SVG (see `orgpath_fuzz::exercise`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    orgpath_fuzz::exercise(orgpath_explore::load_json(data, "fuzz.json"));
});
