//! What each view draws, as the loader needs to know it.
//!
//! A tour step may spotlight only cards its view draws, and light only links it draws.
//! Working that out is the views' business, which sit above the loader; the loader asks
//! through [`Drawings`], and the crate that owns the views answers (the front door,
//! `orgpath-explore`, passes the views' answer to every load).

use std::collections::BTreeSet;

use crate::dataset::Dataset;
use crate::vocab::View;

/// What the views draw, asked by validation of tours.
pub trait Drawings {
    /// What `view` draws; `focus` is the relationship map's focal node (the dataset's
    /// focus when `None`).
    fn drawn(&self, dataset: &Dataset, view: View, focus: Option<&str>) -> Drawn;

    /// The id of the node the relationship map centres on for `focus` (the dataset's
    /// focus when `None`), if any.
    fn focal(&self, dataset: &Dataset, focus: Option<&str>) -> Option<String>;
}

/// The cards and links a view draws, by id, with nothing folded and no filter: what a
/// tour step may spotlight and light. No layout runs, so validation can afford it; a
/// test holds it equal to the scenes' own cards and edges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drawn {
    pub cards: BTreeSet<String>,
    /// (from, to) as the scene's edges run.
    pub links: BTreeSet<(String, String)>,
}

impl Drawn {
    /// Whether a drawn link joins `a` and `b`, in either direction.
    pub fn joins(&self, a: &str, b: &str) -> bool {
        let key = |x: &str, y: &str| (x.to_owned(), y.to_owned());
        self.links.contains(&key(a, b)) || self.links.contains(&key(b, a))
    }

    /// The cards a drawn link joins to `id`, sorted.
    pub fn linked_to(&self, id: &str) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .links
            .iter()
            .filter_map(|(a, b)| {
                if a == id {
                    Some(b.as_str())
                } else if b == id {
                    Some(a.as_str())
                } else {
                    None
                }
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}
