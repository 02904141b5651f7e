//! Nothing lost: `orgpath export` killed with SIGKILL at random points, 200 times,
//! never leaves its target half-written. After every kill the target is byte for byte
//! either the complete old file or the complete new one.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn work_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/kill-test");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An organisation big enough that its SVG takes a moment to write: 1,000 units, names
/// in Japanese, four levels.
fn write_dataset(path: &Path) {
    let mut csv = String::from("id,parent,name,name_en\n");
    csv.push_str("root,,本社,Head office\n");
    for i in 0..1000 {
        let parent = if i < 10 {
            "root".to_owned()
        } else {
            format!("u{}", i / 10 - 1)
        };
        csv.push_str(&format!("u{i},{parent},第{i}チーム,Team {i}\n"));
    }
    std::fs::write(path, csv).unwrap();
}

fn export_command(data: &Path, out: &Path, lang: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_orgpath"));
    c.args(["export", "--view", "org", "--lang", lang, "--data"])
        .arg(data)
        .arg("-o")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// A small generator (xorshift), seeded from the clock and printed, so a failure can be
/// replayed with ORGPATH_KILL_SEED.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn temp_files(dir: &Path, pid: Option<u32>) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref().is_ok_and(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.ends_with(".orgpath-tmp")
                    && pid.is_none_or(|pid| name.contains(&format!(".{pid}-")))
            })
        })
        .count()
}

#[test]
fn exports_killed_at_random_points_leave_the_old_or_the_new_file() {
    let dir = work_dir();
    let data = dir.join("org.csv");
    write_dataset(&data);
    let out = dir.join("org.svg");

    // The two complete files: Japanese and English labels.
    let mut complete = Vec::new();
    for lang in ["ja", "en"] {
        assert!(export_command(&data, &out, lang)
            .status()
            .unwrap()
            .success());
        complete.push(std::fs::read(&out).unwrap());
    }
    // How long an export takes here: the median of five (the machine may be busy).
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let started = Instant::now();
            assert!(export_command(&data, &out, "en")
                .status()
                .unwrap()
                .success());
            started.elapsed()
        })
        .collect();
    times.sort();
    let took = times[2];
    assert_ne!(complete[0], complete[1]);
    assert!(
        complete[0].len() > 300_000,
        "a large file: {} bytes",
        complete[0].len()
    );

    let seed = std::env::var("ORGPATH_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    println!("kill test: seed {seed} (ORGPATH_KILL_SEED replays it); one export takes {took:?}");
    let mut rng = Rng(seed);
    // Kill anywhere from start-up to a little past the usual end of an export.
    let window = took.as_micros() as u64 * 11 / 10;
    let (mut killed, mut finished, mut mid_write, mut changed) = (0, 0, 0, 0);
    let mut expected_now = 1usize; // the English file was written last
    for i in 0..200 {
        let lang = if i % 2 == 0 { 0 } else { 1 };
        let mut child = export_command(&data, &out, ["ja", "en"][lang])
            .spawn()
            .unwrap();
        let pid = child.id();
        if i % 2 == 0 {
            // Anywhere from start-up to a little past the usual end.
            std::thread::sleep(Duration::from_micros(rng.next() % window.max(1)));
        } else {
            // Into the write itself: wait for the temporary file to appear, then kill
            // within the next 3 ms (writing, flushing or renaming).
            let tmp = dir.join(format!(".org.svg.{pid}-0.orgpath-tmp"));
            let deadline = Instant::now() + took * 20;
            while !tmp.exists() && Instant::now() < deadline && child.try_wait().unwrap().is_none()
            {
                std::thread::sleep(Duration::from_micros(100));
            }
            std::thread::sleep(Duration::from_micros(rng.next() % 3000));
        }
        // SIGKILL: no destructor, no signal handler, no flush runs.
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            finished += 1;
        } else {
            killed += 1;
        }
        // A temporary file left behind means the kill landed between creating it and
        // the rename: the write itself was interrupted.
        if temp_files(&dir, Some(pid)) > 0 {
            mid_write += 1;
        }
        let now = std::fs::read(&out).unwrap();
        let which = complete.iter().position(|c| *c == now).unwrap_or_else(|| {
            panic!(
                "run {i} (seed {seed}): the target is neither complete file ({} bytes)",
                now.len()
            )
        });
        if which != expected_now {
            changed += 1;
            expected_now = which;
        }
        if status.success() {
            assert_eq!(which, lang, "run {i}: a finished export wrote its file");
        }
    }
    println!(
        "kill test: 200 exports: {killed} killed ({mid_write} while the temporary file existed), {finished} finished; the target changed {changed} times and was always a complete file"
    );
    assert!(
        killed >= 50,
        "most runs must be killed to test anything: {killed}"
    );
    assert!(
        mid_write >= 20,
        "kills must land while the file is being written: {mid_write}"
    );
    // Stale temporary files of killed exports are cleared by the next export to the
    // same target; the last one finished here, so none is left.
    let last = export_command(&data, &out, "ja").status().unwrap();
    assert!(last.success());
    assert_eq!(
        temp_files(&dir, None),
        0,
        "the next export clears temporary files of killed ones"
    );
}
