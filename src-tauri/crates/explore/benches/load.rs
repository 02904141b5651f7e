//! Loading at scale: parse + validate of a generated organisation of 100,000 units, as
//! CSV and as JSON (criterion groups `load/csv/N` and `load/json/N`).
//!
//!     cargo bench -p orgpath-explore --bench load                 # 10k and 100k rows
//!     cargo bench -p orgpath-explore --bench load -- load/csv     # a filter, as usual
//!
//! Target (issue 6, release build, medians): parse + validate of 100k rows ≤ 150 ms.
//! The bytes are in memory before the timed region (reading the file is the disk's
//! business); everything from bytes to a validated `Dataset` is timed, and the
//! dataset is dropped outside it.
//!
//! `ORGPATH_LOAD_WRITE=DIR` [`ORGPATH_LOAD_SIZES="100000"`] writes `org-N.csv` and
//! `org-N.json` instead, for `.ci/bench-load`, which times `orgpath validate` on them.
//!
//! The organisation: breadth first, each unit taking 5 to 10 children; about a third
//! of the rows are people (a title, so a role); columns id, parent, name (Japanese),
//! name_en, title and group, the way an HR export looks.

// The app's allocator (see src-tauri/src/main.rs): loading allocates a few strings per
// row, and glibc's malloc and free were a third of the time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput};

const SIZES: [usize; 2] = [10_000, 100_000];
const SEED: u64 = 0x0A6_9A7A;

/// xorshift64*: deterministic, no extra crates.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
}

const UNITS: [(&str, &str); 10] = [
    ("営業", "Sales"),
    ("開発", "Engineering"),
    ("人事", "People"),
    ("経理", "Finance"),
    ("総務", "General Affairs"),
    ("企画", "Planning"),
    ("品質保証", "Quality Assurance"),
    ("情報システム", "IT Systems"),
    ("法務", "Legal"),
    ("カスタマーサクセス", "Customer Success"),
];
const LEVELS: [(&str, &str); 5] = [
    ("本部", "Division"),
    ("部", "Department"),
    ("課", "Section"),
    ("チーム", "Team"),
    ("グループ", "Group"),
];
const SURNAMES: [&str; 10] = [
    "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
];
const GIVEN: [&str; 8] = [
    "翔太",
    "美咲",
    "大輔",
    "陽菜",
    "健一",
    "さくら",
    "拓海",
    "葵",
];
const TITLES: [&str; 5] = ["部長", "課長", "主任", "担当", "マネージャー"];
const GROUPS: [&str; 8] = [
    "東日本",
    "西日本",
    "本社",
    "海外",
    "研究所",
    "工場",
    "物流",
    "子会社",
];

/// One row: id, parent, name, name_en, title, group.
struct Row {
    parent: Option<usize>,
    name: String,
    name_en: String,
    title: Option<&'static str>,
    group: &'static str,
}

fn organisation(n: usize) -> Vec<Row> {
    let mut rng = Rng(SEED);
    let mut rows: Vec<Row> = Vec::with_capacity(n);
    let mut depth: Vec<usize> = Vec::with_capacity(n);
    let mut next_parent = 0;
    while rows.len() < n {
        let parent = if rows.is_empty() {
            None
        } else {
            Some(next_parent)
        };
        let children = if rows.is_empty() { 1 } else { rng.range(5, 10) };
        for _ in 0..children {
            if rows.len() == n {
                break;
            }
            let i = rows.len();
            let d = parent.map_or(0, |p| depth[p] + 1);
            // People (with a title) below the second level, a third of the time.
            let person = d >= 2 && rng.range(0, 2) == 0;
            let row = if person {
                Row {
                    parent,
                    name: format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN)),
                    name_en: format!("Person {i}"),
                    title: Some(TITLES[rng.range(0, TITLES.len() - 1)]),
                    group: rng.pick(&GROUPS),
                }
            } else {
                let (ja, en) = UNITS[rng.range(0, UNITS.len() - 1)];
                let (lja, len) = LEVELS[d.min(LEVELS.len() - 1)];
                Row {
                    parent,
                    name: format!("{ja}第{i}{lja}"),
                    name_en: format!("{en} {len} {i}"),
                    title: None,
                    group: rng.pick(&GROUPS),
                }
            };
            rows.push(row);
            depth.push(d);
        }
        if rows.len() > 1 {
            next_parent += 1;
        }
        // People have no reports: skip to the next unit that may.
        while next_parent < rows.len() && rows[next_parent].title.is_some() {
            next_parent += 1;
        }
        if next_parent >= rows.len() {
            next_parent = rows.len() - 1;
        }
    }
    rows
}

fn id(i: usize) -> String {
    format!("E{i:07}")
}

fn to_csv(rows: &[Row]) -> String {
    let mut s = String::with_capacity(rows.len() * 64);
    s.push_str("id,parent,name,name_en,title,group\n");
    for (i, r) in rows.iter().enumerate() {
        let parent = r.parent.map(id).unwrap_or_default();
        let _ = writeln!(
            s,
            "{},{parent},{},{},{},{}",
            id(i),
            r.name,
            r.name_en,
            r.title.unwrap_or(""),
            r.group
        );
    }
    s
}

fn to_json(rows: &[Row]) -> String {
    let mut s = String::with_capacity(rows.len() * 160);
    s.push_str(r#"{"format":"orgpath/1","meta":{"title":{"ja":"大きな会社","en":"A large company"}},"groups":["#);
    for (k, g) in GROUPS.iter().enumerate() {
        let sep = if k == 0 { "" } else { "," };
        let _ = write!(
            s,
            r#"{sep}{{"id":"g{k}","label":{{"ja":"{g}","en":"Group {k}"}}}}"#
        );
    }
    s.push_str(r#"],"nodes":["#);
    for (i, r) in rows.iter().enumerate() {
        let sep = if i == 0 { "" } else { ",\n" };
        let kind = if r.title.is_some() { "role" } else { "team" };
        let g = GROUPS.iter().position(|g| *g == r.group).unwrap_or(0);
        let _ = write!(
            s,
            r#"{sep}{{"id":"{}","kind":"{kind}","label":{{"ja":"{}","en":"{}"}},"group":"g{g}""#,
            id(i),
            r.name,
            r.name_en
        );
        if let Some(t) = r.title {
            let _ = write!(s, r#","title":{{"ja":"{t}","en":"{t}"}}"#);
        }
        s.push('}');
    }
    s.push_str("],\n\"hierarchy\":[");
    let mut first = true;
    for (i, r) in rows.iter().enumerate() {
        if let Some(p) = r.parent {
            let sep = if first { "" } else { ",\n" };
            first = false;
            let _ = write!(s, r#"{sep}{{"child":"{}","parent":"{}"}}"#, id(i), id(p));
        }
    }
    s.push_str("]}\n");
    s
}

fn sizes() -> Vec<usize> {
    match std::env::var("ORGPATH_LOAD_SIZES") {
        Ok(s) => s
            .split([' ', ','])
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().expect("ORGPATH_LOAD_SIZES: row counts"))
            .collect(),
        Err(_) => SIZES.to_vec(),
    }
}

fn write_files(dir: &Path) {
    std::fs::create_dir_all(dir).expect("the output folder");
    for n in sizes() {
        let rows = organisation(n);
        std::fs::write(dir.join(format!("org-{n}.csv")), to_csv(&rows)).expect("CSV written");
        std::fs::write(dir.join(format!("org-{n}.json")), to_json(&rows)).expect("JSON written");
        let levels = {
            let mut depth = vec![1usize; rows.len()];
            for (i, r) in rows.iter().enumerate() {
                if let Some(p) = r.parent {
                    depth[i] = depth[p] + 1;
                }
            }
            depth.into_iter().max().unwrap_or(0)
        };
        let people = rows.iter().filter(|r| r.title.is_some()).count();
        println!("org rows={n} levels={levels} people={people}");
    }
}

fn main() {
    if let Some(dir) = std::env::var_os("ORGPATH_LOAD_WRITE") {
        write_files(Path::new(&dir));
        return;
    }
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .configure_from_args();
    for n in sizes() {
        let rows = organisation(n);
        let csv = to_csv(&rows);
        let json = to_json(&rows);
        // Both must load: a benchmark of the error path would measure nothing useful.
        let d =
            orgpath_explore::load_csv(csv.as_bytes(), "org.csv").unwrap_or_else(|r| panic!("{r}"));
        assert_eq!(d.node_count(), n);
        let d = orgpath_explore::load_json(json.as_bytes(), "org.json")
            .unwrap_or_else(|r| panic!("{r}"));
        assert_eq!(d.node_count(), n);
        drop(d);

        let mut g = c.benchmark_group("load");
        g.throughput(Throughput::Elements(n as u64));
        if n >= 100_000 {
            g.sampling_mode(SamplingMode::Flat)
                .sample_size(15)
                .measurement_time(Duration::from_secs(10));
        }
        // iter_batched with the dataset returned: its drop is not timed.
        g.bench_function(BenchmarkId::new("csv", n), |b| {
            b.iter_batched(
                || (),
                |()| orgpath_explore::load_csv(black_box(csv.as_bytes()), "org.csv"),
                BatchSize::PerIteration,
            )
        });
        g.bench_function(BenchmarkId::new("json", n), |b| {
            b.iter_batched(
                || (),
                |()| orgpath_explore::load_json(black_box(json.as_bytes()), "org.json"),
                BatchSize::PerIteration,
            )
        });
        g.finish();
    }
    c.final_summary();
}
