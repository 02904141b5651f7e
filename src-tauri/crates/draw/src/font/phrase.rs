//! Where Japanese text may break between phrases: BudouX's published Japanese model
//! (`data/budoux/ja.json`, Apache-2.0), read by a small scorer that gives the answers
//! BudouX's own parser gives.
//!
//! The model is about 1,600 weights, each for one, two or three characters at a fixed
//! place around a gap between two characters: six single characters (three before the
//! gap, three after), three pairs and four triples. A gap is a phrase boundary when the
//! weights that match add up to more than half of all the weights. The `budoux` crate
//! on crates.io carries the model of 2022 and an older scoring, and allocates a string
//! per feature; reading the current model here keeps the Rust drawing and the window
//! (which runs the npm package's parser on the same file) in step.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// The model as the npm package `budoux` 0.9.2 ships it (see `data/budoux/README.md`).
static MODEL_JSON: &str = include_str!("../../../../../data/budoux/ja.json");

/// The feature groups: their name in the model, and the characters they read, as a
/// start and a length in the window of six characters around a gap (0..3 before it,
/// 3..6 after). BudouX calls them UW (one character), BW (two) and TW (three).
const GROUPS: [(&str, usize, usize); 13] = [
    ("UW1", 0, 1),
    ("UW2", 1, 1),
    ("UW3", 2, 1),
    ("UW4", 3, 1),
    ("UW5", 4, 1),
    ("UW6", 5, 1),
    ("BW1", 1, 2),
    ("BW2", 2, 2),
    ("BW3", 3, 2),
    ("TW1", 0, 3),
    ("TW2", 1, 3),
    ("TW3", 2, 3),
    ("TW4", 3, 3),
];

struct Model {
    /// Every weight, by group and characters ([`key`]).
    weights: FxHashMap<u64, i64>,
    /// Minus the sum of all weights: a gap is a boundary when twice the sum of its
    /// matching weights outweighs it (BudouX's "score > 0" with its base score of
    /// half the sum, kept in whole numbers).
    base: i64,
}

/// The key of group `group` and `chars`: the group in the top bits, then each
/// character in 16 bits. Every character of the model is in the Basic Multilingual
/// Plane (checked as it is read), so a window with any other character matches
/// nothing and is not looked up.
fn key(group: usize, chars: impl Iterator<Item = char>) -> Option<u64> {
    let mut k = group as u64;
    for c in chars {
        let c = u16::try_from(u32::from(c)).ok()?;
        k = (k << 16) | u64::from(c);
    }
    Some(k)
}

impl Model {
    fn get() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| Model::read(MODEL_JSON))
    }

    fn read(json: &str) -> Model {
        let groups: FxHashMap<String, FxHashMap<String, i64>> =
            serde_json::from_str(json).expect("the bundled BudouX model is JSON");
        let mut weights = FxHashMap::default();
        let mut sum = 0;
        for (name, features) in &groups {
            let (group, len) = GROUPS
                .iter()
                .enumerate()
                .find_map(|(i, (n, _, len))| (n == name).then_some((i, *len)))
                .unwrap_or_else(|| panic!("the BudouX model has an unknown group {name}"));
            for (chars, &w) in features {
                assert_eq!(chars.chars().count(), len, "{name} {chars:?}");
                let k = key(group, chars.chars())
                    .unwrap_or_else(|| panic!("{name} {chars:?} is outside the BMP"));
                weights.insert(k, w);
                sum += w;
            }
        }
        Model {
            weights,
            base: -sum,
        }
    }
}

/// Whether BudouX puts a phrase boundary at byte `at` of `text` (a character
/// boundary inside it). Like BudouX, it reads the three characters on each side, and
/// a window cut short by either end of the text matches nothing there.
///
/// BudouX's JavaScript counts UTF-16 units where this counts characters: the two
/// differ only within three characters of one outside the Basic Multilingual Plane,
/// which the model never names.
pub(super) fn boundary(text: &str, at: usize) -> bool {
    let mut window = [None; 6];
    for (i, c) in text[..at].chars().rev().take(3).enumerate() {
        window[2 - i] = Some(c);
    }
    for (i, c) in text[at..].chars().take(3).enumerate() {
        window[3 + i] = Some(c);
    }
    let model = Model::get();
    let mut score = model.base;
    for (group, &(_, start, len)) in GROUPS.iter().enumerate() {
        let chars = &window[start..start + len];
        if chars.iter().all(Option::is_some) {
            if let Some(w) =
                key(group, chars.iter().flatten().copied()).and_then(|k| model.weights.get(&k))
            {
                score += 2 * w;
            }
        }
    }
    score > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text cut at every boundary BudouX finds, gaps next to spaces and all.
    fn parse(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut from = 0;
        for (at, _) in text.char_indices().skip(1) {
            if boundary(text, at) {
                out.push(&text[from..at]);
                from = at;
            }
        }
        out.push(&text[from..]);
        out
    }

    #[test]
    fn reads_the_whole_model() {
        let m = Model::get();
        // 1,630 weights in BudouX 0.9.2's Japanese model.
        assert_eq!(m.weights.len(), 1630);
        assert!(m.base < 0, "{}", m.base);
    }

    #[test]
    fn gives_the_phrases_budoux_documents() {
        // BudouX's README and its JavaScript tests.
        assert_eq!(parse("今日は天気です。"), ["今日は", "天気です。"]);
        assert_eq!(parse("これはテストです。"), ["これは", "テストです。"]);
        assert_eq!(parse(""), [""]);
        assert_eq!(parse("あ"), ["あ"]);
    }

    #[test]
    fn gives_the_phrases_budouxs_own_parser_gives() {
        // As the npm package's `Parser` with this model splits them (`ui/src/phrases.test.ts`
        // checks the window's side on every text of the built-in dataset).
        for (text, phrases) in [
            (
                "アジア太平洋地域のミーティング",
                &["アジア太平洋地域の", "ミーティング"][..],
            ),
            ("パートナー企業への営業", &["パートナー企業への", "営業"]),
            ("システム構築の支援", &["システム構築の", "支援"]),
            (
                "お客様からの問い合わせに対し技術的な支援を行う",
                &[
                    "お客様からの",
                    "問い合わせに",
                    "対し技術的な",
                    "支援を",
                    "行う",
                ],
            ),
            (
                "ATU・STU などの営業チームと CSS が協業します。",
                &["ATU・STU などの", "営業チームと", " CSS が", "協業します。"],
            ),
        ] {
            assert_eq!(parse(text), phrases, "{text}");
        }
    }
}
