//! Fitting the organisation tree to a box: the arrangement that shows it largest and,
//! for the window, what to fold so every card's text reads at the zoom that fits it.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

use crate::layout::tidy::{self, Arrangement, Direction, Sizes, ROOT};
use orgpath_model::dataset::Dataset;
use orgpath_model::org_tree::{OrgTree, TreeNode};
use orgpath_model::raw::NodeKind;

use super::{item, outside, SceneOptions};

/// The smallest text, in screen px, a tree opens with: it is folded until every card's
/// title and caption is at least this large at the zoom that fits the window.
pub const READABLE_PX: f32 = 11.0;

/// Most folded units [`fit`] tries to open one by one (each try measures the cards
/// drawn): past that, the folds stay as they are.
const MAX_TRIES: usize = 64;

/// What to fit a tree into, and what may change to fit it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitTarget {
    /// The box, in px at zoom 1 (the window's diagram area, a 16:9 slide, a page).
    pub width: f32,
    pub height: f32,
    /// Choose the direction and compaction; otherwise the options' own are kept (and a
    /// compact tree only has its grids' columns tuned).
    pub auto: bool,
    /// With `auto`: top-down is the arrangement to keep unless another fits clearly
    /// better (person data, as org-chart tools draw it); otherwise left-right (units,
    /// orgpath's look). See [`prefers_top_down`].
    pub prefers_top_down: bool,
    /// Fold so the text stays readable ([`READABLE_PX`]) at the fit zoom, keeping as
    /// much of the tree open as allows it. Otherwise the options' folds are kept.
    pub fold: bool,
}

/// How a tree fits its target.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    pub arrangement: Arrangement,
    /// The units folded (sorted): the options' own unless the target folds.
    pub collapsed: Vec<String>,
    /// The zoom that fits the drawing's cards (never above 1).
    pub zoom: f32,
    /// The smallest title or caption drawn, in px at zoom 1.
    pub smallest_text: f32,
}

/// Whether a dataset's tree reads best top-down: every unit in it is a person (or a
/// role), as in the org charts people draw. Units (departments, teams) keep orgpath's
/// left-right look.
pub fn prefers_top_down(dataset: &Dataset) -> bool {
    let mut any = false;
    for n in dataset.nodes().filter(|n| n.kind.is_organisational()) {
        if !matches!(n.kind, NodeKind::Person | NodeKind::Role) {
            return false;
        }
        any = true;
    }
    any
}

/// The units of the level under `level`, in breadth-first order.
fn next_level<'t>(level: &[&'t TreeNode]) -> Vec<&'t TreeNode> {
    level.iter().flat_map(|n| n.children.iter()).collect()
}

/// The folds that show the levels down to `level` and no further: its units with
/// children of their own.
fn folds_at(level: &[&TreeNode]) -> HashSet<String> {
    level
        .iter()
        .filter(|n| !n.children.is_empty())
        .map(|n| n.id.clone())
        .collect()
}

/// The folds of "fold to level N": the tree shows `level` levels (1: the roots alone,
/// each with its "+N"); a level past the deepest unfolds everything. Only the levels
/// down to it are walked.
pub fn fold_to_level(dataset: &Dataset, level: usize) -> HashSet<String> {
    let mut units: Vec<&TreeNode> = dataset.org_tree().roots.iter().collect();
    for _ in 1..level {
        units = next_level(&units);
    }
    folds_at(&units)
}

/// Fits the organisation tree into `target`: the arrangement that fits it at the
/// largest zoom ([`tidy::choose`]) and, when the target folds, as much of the tree as
/// reads at that zoom. A tree whose every card reads opens whole. Otherwise whole
/// levels are tried from the top, one at a time, and then the units folded at the
/// last level that read are opened one by one, those with fewest children first, each
/// kept when everything still reads, so the drawing uses the room a level too many
/// would overfill. Only the cards drawn in a try are measured (each once per fit), and
/// a try whose cards could not read by their count alone (at their smallest possible
/// size) is not made: a huge tree costs little more than its top levels.
pub fn fit(dataset: &Dataset, options: &SceneOptions, target: FitTarget) -> Fitted {
    let tree = dataset.org_tree();
    let (roots, out) = outside::split(dataset, &tree.roots, options.lang);
    let mut measures = Measures {
        dataset,
        options,
        cards: HashMap::new(),
    };
    // The group outside the organisation is the same whatever folds: measured once.
    let beside = out.map(|o| {
        let sizes: Vec<(f32, f32)> = o
            .nodes
            .iter()
            .map(|n| {
                let (w, h, _) = measures.card(n, false);
                (w, h)
            })
            .collect();
        outside::block(&sizes, &o.heading, &options.scale)
    });
    let mut fitter = Fitter {
        candidates: candidates(options, target),
        size: (target.width.max(1.0), target.height.max(1.0)),
        options,
        measures,
        tree,
        roots,
        beside,
    };
    if !target.fold {
        let t = fitter.attempt(&options.collapsed);
        return t.fitted(&options.collapsed);
    }
    let (mut collapsed, level, fitted) = fitter.whole_levels();
    let fitted = fitter.open_more(&level, &mut collapsed, fitted);
    fitted.fitted(&collapsed)
}

/// The arrangements a fit compares, the one to keep unless another is clearly better
/// first.
fn candidates(options: &SceneOptions, target: FitTarget) -> Vec<Arrangement> {
    if target.auto {
        let preferred = Arrangement::tidy(if target.prefers_top_down {
            Direction::TopDown
        } else {
            Direction::LeftRight
        });
        tidy::candidates(preferred, true, (target.width, target.height))
    } else if options.compact {
        // The factor the options name first (it wins unless another fits clearly
        // better), then the others.
        std::iter::once(options.columns)
            .chain(tidy::COLUMN_FACTORS)
            .map(|c| Arrangement::compact(options.direction, c))
            .collect()
    } else {
        vec![Arrangement::tidy(options.direction)]
    }
}

/// One try: the tree drawn with some folds, in the arrangement that fits it best.
#[derive(Debug, Clone, Copy)]
struct Try {
    arrangement: Arrangement,
    zoom: f32,
    smallest_text: f32,
    /// How many cards it draws.
    cards: usize,
}

impl Try {
    fn reads(&self) -> bool {
        self.zoom * self.smallest_text >= READABLE_PX
    }

    fn fitted(self, collapsed: &HashSet<String>) -> Fitted {
        let mut collapsed: Vec<String> = collapsed.iter().cloned().collect();
        collapsed.sort();
        Fitted {
            arrangement: self.arrangement,
            collapsed,
            zoom: self.zoom,
            smallest_text: self.smallest_text,
        }
    }
}

/// What the tries of one fit share.
struct Fitter<'a> {
    candidates: Vec<Arrangement>,
    size: (f32, f32),
    options: &'a SceneOptions,
    measures: Measures<'a>,
    tree: &'a OrgTree,
    /// The roots of the organisation: those outside it are `beside`, their block's
    /// size.
    roots: Vec<&'a TreeNode>,
    beside: Option<(f32, f32)>,
}

impl<'a> Fitter<'a> {
    fn attempt(&mut self, collapsed: &HashSet<String>) -> Try {
        let ts = &self.options.scale;
        let (mut sizes, smallest) = self.measures.sizes(&self.roots, collapsed);
        sizes.beside = self.beside;
        let (arrangement, zoom) = tidy::choose(&sizes, &self.candidates, self.size, ts)
            .unwrap_or((self.candidates[0], 1.0));
        Try {
            arrangement,
            zoom,
            smallest_text: if smallest.is_finite() {
                smallest
            } else {
                ts.caption
            },
            cards: sizes.parent.len(),
        }
    }

    /// The most cards that could read in the box: none is narrower than the minimum
    /// width or shorter than a title line.
    fn most_cards(&self) -> usize {
        let ts = &self.options.scale;
        let least = (ts.min_card_width + 2.0 * ts.pad)
            * ts.title_line()
            * (READABLE_PX / ts.caption.min(ts.title)).powi(2);
        (self.size.0 * self.size.1 / least) as usize
    }

    /// The deepest whole level that reads: its folds, its units and its try (the roots
    /// alone, folded, when no level reads). Levels are walked only as deep as tried.
    fn whole_levels(&mut self) -> (HashSet<String>, Vec<&'a TreeNode>, Try) {
        let most = self.most_cards();
        let mut level: Vec<&'a TreeNode> = self.tree.roots.iter().collect();
        let mut folds = folds_at(&level);
        let mut fitted = self.attempt(&folds);
        let mut shown = level.len();
        loop {
            let next = next_level(&level);
            shown += next.len();
            if next.is_empty() || shown > most {
                break;
            }
            let next_folds = folds_at(&next);
            let tried = self.attempt(&next_folds);
            if !tried.reads() {
                break;
            }
            (folds, level, fitted) = (next_folds, next, tried);
        }
        (folds, level, fitted)
    }

    /// Opens the folded units of `level` (and what they reveal folded) one at a time,
    /// fewest children first, then in breadth-first order, keeping each opening when
    /// the text still reads (the dataset's subject first: see [`Queue`]). A unit is
    /// passed over unmeasured when its children would bring the count past
    /// [`Fitter::most_cards`]; at most [`MAX_TRIES`] are measured.
    fn open_more(
        &mut self,
        level: &[&'a TreeNode],
        collapsed: &mut HashSet<String>,
        mut fitted: Try,
    ) -> Try {
        let mut drawn = fitted.cards;
        let most = self.most_cards();
        let mut queue = Queue::new(self.tree, self.measures.dataset.meta().focus.as_deref());
        for n in level.iter().filter(|n| collapsed.contains(&n.id)) {
            queue.push(n, None);
        }
        let mut tries = 0;
        // Units whose opening did not read, to try again after others opened.
        let mut passed: Vec<(&'a TreeNode, bool)> = Vec::new();
        loop {
            let mut opened = false;
            while let Some((k, (n, under))) = queue.pop() {
                if drawn + k > most {
                    continue;
                }
                if tries == MAX_TRIES {
                    return fitted;
                }
                tries += 1;
                let revealed: Vec<&'a TreeNode> = n
                    .children
                    .iter()
                    .filter(|c| !c.children.is_empty())
                    .collect();
                collapsed.remove(&n.id);
                collapsed.extend(revealed.iter().map(|c| c.id.clone()));
                let next = self.attempt(collapsed);
                if next.reads() {
                    (drawn, fitted, opened) = (next.cards, next, true);
                    for c in revealed {
                        queue.push(c, Some((n, under)));
                    }
                } else {
                    for c in &revealed {
                        collapsed.remove(&c.id);
                    }
                    collapsed.insert(n.id.clone());
                    passed.push((n, under));
                }
            }
            // An opening changes the layout (rows pack anew, another arrangement may
            // win), so a unit that did not read before may read now.
            if !opened || passed.is_empty() {
                return fitted;
            }
            for (n, under) in passed.drain(..) {
                queue.again(n, under);
            }
        }
    }
}

/// Folded units to open: the dataset's subject first (its focus, the units above it
/// and those under it), then those with fewest children, then in the order they came.
struct Queue<'a> {
    order: BinaryHeap<Reverse<(bool, usize, usize)>>,
    /// Each unit, and whether it is the subject or under it.
    nodes: Vec<(&'a TreeNode, bool)>,
    /// The ids from a root down to the subject.
    subject: HashSet<&'a str>,
}

impl<'a> Queue<'a> {
    fn new(tree: &'a OrgTree, focus: Option<&str>) -> Queue<'a> {
        let mut subject = HashSet::new();
        // Depth-first with the path so far (iterative: any depth).
        let mut stack: Vec<(&TreeNode, usize)> = tree.roots.iter().map(|r| (r, 0)).collect();
        let mut path: Vec<&'a str> = Vec::new();
        while let Some((n, depth)) = stack.pop().filter(|_| focus.is_some()) {
            path.truncate(depth);
            path.push(n.id.as_str());
            if Some(n.id.as_str()) == focus {
                subject.extend(path.iter().copied());
                break;
            }
            stack.extend(n.children.iter().map(|c| (c, depth + 1)));
        }
        Queue {
            order: BinaryHeap::new(),
            nodes: Vec::new(),
            subject,
        }
    }

    /// Queues `n`, which `from` revealed (`None` for a unit folded from the start).
    fn push(&mut self, n: &'a TreeNode, from: Option<(&'a TreeNode, bool)>) {
        let on_path = self.subject.contains(n.id.as_str());
        // Under the subject: revealed by the subject or by a unit under it.
        let under = from.is_some_and(|(p, under)| {
            under || (self.subject.contains(p.id.as_str()) && self.is_focus(p))
        });
        let first = on_path || under;
        self.order
            .push(Reverse((!first, n.children.len(), self.nodes.len())));
        self.nodes.push((n, under || (on_path && self.is_focus(n))));
    }

    /// Queues `n` again, as it was queued first (`under`: it is, or is under, the
    /// subject).
    fn again(&mut self, n: &'a TreeNode, under: bool) {
        let first = under || self.subject.contains(n.id.as_str());
        self.order
            .push(Reverse((!first, n.children.len(), self.nodes.len())));
        self.nodes.push((n, under));
    }

    /// Whether `n` is the subject itself: the deepest unit on the path.
    fn is_focus(&self, n: &TreeNode) -> bool {
        self.subject.contains(n.id.as_str())
            && !n
                .children
                .iter()
                .any(|c| self.subject.contains(c.id.as_str()))
    }

    /// The next unit, with how many children it has and whether it is (under) the
    /// subject.
    fn pop(&mut self) -> Option<(usize, (&'a TreeNode, bool))> {
        let Reverse((_, k, i)) = self.order.pop()?;
        Some((k, self.nodes[i]))
    }
}

/// Each unit's card measured once per fit (open and folded apart: a folded card's
/// caption carries its "+N"): its size and its smallest text.
struct Measures<'a> {
    dataset: &'a Dataset,
    options: &'a SceneOptions,
    cards: HashMap<(&'a str, bool), (f32, f32, f32)>,
}

impl<'a> Measures<'a> {
    fn card(&mut self, n: &'a TreeNode, folded: bool) -> (f32, f32, f32) {
        let (dataset, options) = (self.dataset, self.options);
        *self
            .cards
            .entry((n.id.as_str(), folded))
            .or_insert_with(|| {
                let it = item(dataset, n, options, folded);
                let smallest = it
                    .card
                    .0
                    .texts
                    .iter()
                    .map(|t| t.size)
                    .fold(f32::INFINITY, f32::min);
                (it.card.width(), it.card.height(), smallest)
            })
    }

    /// The sizes of the forest drawn with `collapsed`, in the pre-order the layout
    /// takes (as `items` builds it), and its smallest text (infinite for no text).
    fn sizes(&mut self, roots: &[&'a TreeNode], collapsed: &HashSet<String>) -> (Sizes, f32) {
        let mut s = Sizes::default();
        let mut smallest = f32::INFINITY;
        let mut stack: Vec<(&'a TreeNode, u32)> = roots.iter().rev().map(|&r| (r, ROOT)).collect();
        while let Some((n, parent)) = stack.pop() {
            let ix = s.parent.len() as u32;
            let folded = collapsed.contains(&n.id);
            let (w, h, t) = self.card(n, folded && !n.children.is_empty());
            s.parent.push(parent);
            s.width.push(w);
            s.height.push(h);
            smallest = smallest.min(t);
            if !folded {
                stack.extend(n.children.iter().rev().map(|c| (c, ix)));
            }
        }
        (s, smallest)
    }
}
