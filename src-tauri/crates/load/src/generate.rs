//! Generated people data: organisations of any size with random shapes, for the export
//! tests and benchmarks (`cargo run -p orgpath-explore --example people -- N SEED`).
//!
//! Deterministic: the same `(n, seed)` gives the same bytes on every platform (a
//! SplitMix64 stream, no floating point in the choices), so a failing size can be
//! reproduced from its seed alone.

use std::fmt::Write;

/// SplitMix64: tiny, fast and well mixed; all a shape generator needs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FIRST: [&str; 24] = [
    "Aiko", "Ben", "Chiara", "Daniel", "Emi", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kenji",
    "Lena", "Mateo", "Nadia", "Oscar", "Priya", "Quentin", "Rina", "Sofia", "Takumi", "Ursula",
    "Victor", "Wen", "Yuki",
];
const LAST: [&str; 24] = [
    "Abe", "Brown", "Costa", "Dubois", "Endo", "Fischer", "Garcia", "Hayashi", "Ivanova", "Jensen",
    "Kato", "Lopez", "Mori", "Nakamura", "Okafor", "Petrov", "Quinn", "Rossi", "Sato", "Tanaka",
    "Ueda", "Vargas", "Watanabe", "Yamamoto",
];
const POSITIONS: [&str; 12] = [
    "Engineer",
    "Senior Engineer",
    "Designer",
    "Product Manager",
    "Analyst",
    "Team Lead",
    "Sales Representative",
    "Account Manager",
    "Support Specialist",
    "Recruiter",
    "Accountant",
    "Researcher",
];
const DEPARTMENTS: [&str; 10] = [
    "Engineering",
    "Design",
    "Product",
    "Sales",
    "Marketing",
    "Support",
    "People",
    "Finance",
    "Research",
    "Operations",
];

/// The header of [`people_csv`]: d3-org-chart's column names.
pub const HEADER: &str = "id,parentId,name,position,department_name";

/// `n` people (at least one) as CSV: `id,parentId,name,position,department_name`, the
/// first row the root. Each seed gives its own shape: how often a person reports to a
/// recent hire (deep chains), to anyone (bushy), or to one of a few hubs (very wide
/// teams) is drawn from the seed, so different seeds stress different layouts.
pub fn people_csv(n: usize, seed: u64) -> String {
    let n = n.max(1);
    let mut rng = Rng(seed ^ 0x6F72_6770_6174_6821);
    // Weights out of 100 of the three ways to pick a manager.
    let deep = 20 + rng.below(50);
    let broad = rng.below(100 - deep);
    let mut out = String::with_capacity(n * 56 + 64);
    out.push_str(HEADER);
    out.push('\n');
    // Departments follow the tree: a person is in their manager's department, except
    // the root's direct reports (and now and then someone else) who start a new one.
    let mut dept = vec![0usize; n];
    for i in 0..n {
        let name = format!(
            "{} {}",
            FIRST[rng.below(FIRST.len())],
            LAST[rng.below(LAST.len())]
        );
        let position = if i == 0 {
            "Chief Executive Officer"
        } else {
            POSITIONS[rng.below(POSITIONS.len())]
        };
        let parent = if i == 0 {
            None
        } else {
            let roll = rng.below(100);
            Some(if roll < deep {
                // A recent hire: long chains.
                i - 1 - rng.below(i.min(40))
            } else if roll < deep + broad {
                rng.below(i)
            } else {
                // One of the first few people: very wide teams.
                rng.below(i.min(1 + (i as f64).sqrt() as usize / 4))
            })
        };
        dept[i] = match parent {
            None => 0,
            Some(0) => rng.below(DEPARTMENTS.len()),
            Some(p) if rng.below(50) == 0 => (dept[p] + 1) % DEPARTMENTS.len(),
            Some(p) => dept[p],
        };
        let _ = writeln!(
            out,
            "p{i},{},{name},{position},{}",
            parent.map_or(String::new(), |p| format!("p{p}")),
            DEPARTMENTS[dept[i]]
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_file_and_other_seeds_other_shapes() {
        assert_eq!(people_csv(500, 7), people_csv(500, 7));
        assert_ne!(people_csv(500, 7), people_csv(500, 8));
        let csv = people_csv(1000, 3);
        assert_eq!(csv.lines().count(), 1001);
        assert!(csv.starts_with(HEADER));
    }

    #[test]
    fn generated_people_load_as_one_tree() {
        for seed in 0..4 {
            let csv = people_csv(300, seed);
            let d = crate::load_csv(
                csv.as_bytes(),
                "people.csv",
                &orgpath_draw::views::ViewDrawings,
            )
            .unwrap_or_else(|r| panic!("{r}"));
            assert_eq!(d.node_count(), 300);
            assert_eq!(
                d.hierarchy_edge_count(),
                299,
                "every person but the root has a manager"
            );
        }
    }
}
