//! Search over every label, title and description, in both languages.
//!
//! A [`SearchIndex`] folds every searchable text once (width, kana, case) into one
//! buffer; a query is then one byte search per way of reading it, so a search of
//! 100,000 people answers well inside a round trip even while an export runs. The
//! window keeps one index per dataset; [`search`] builds a throwaway one for a single
//! question (the CLI, tests).

use memchr::memmem;
use serde::Serialize;

use orgpath_draw::scene::Lang;
use orgpath_draw::views::kind_name;
use orgpath_model::dataset::{Dataset, Node, Step, Text};

use crate::explore::{step_kind, Membership};

/// Most hits a search returns.
pub const MAX_HITS: usize = 50;

/// Snippets are trimmed to about this many characters around the match.
const SNIPPET_CHARS: usize = 60;

/// One search result: a node or a flow step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SearchHit {
    pub id: String,
    pub label: Text,
    /// What the item is, e.g. "部門" / "Department", or "対応の手順" / "Step".
    pub kind: Text,
    /// Where the query matched: "label" (a node's label or short name), "step" (a
    /// flow step's label), "title" or "description".
    pub field: String,
    /// The matched text in the language it matched in, trimmed to about 60
    /// characters around the match ("…" marks a cut).
    pub snippet: String,
    /// The views that draw a card with this id under their default options: "org",
    /// "relationships" (the map around its default centre; any node can be put at the
    /// centre with `ViewRequest::focus`), "career", "flow".
    pub views: Vec<String>,
}

/// Text folded for matching, with where each folded character came from.
struct Folded {
    chars: Vec<char>,
    /// For each folded character, the byte range of the original it stands for.
    spans: Vec<(usize, usize)>,
}

/// Half-width katakana U+FF66..=U+FF9D, as full-width katakana.
const HALF_KATAKANA: &str =
    "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";
const VOICEABLE: &str = "かきくけこさしすせそたちつてとはひふへほう";
const VOICED: &str = "がぎぐげござじずぜぞだぢづでどばびぶべぼゔ";
const SEMI_VOICEABLE: &str = "はひふへほ";
const SEMI_VOICED: &str = "ぱぴぷぺぽ";

/// Folds `s` for matching: full-width ASCII and half-width katakana to their usual
/// forms (the NFKC mappings a search box meets), katakana to hiragana, and lower
/// case. Each folded character remembers its span in `s`, so a match can be shown in
/// the original text.
fn fold(s: &str) -> Folded {
    let mut chars: Vec<char> = Vec::with_capacity(s.len());
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        let end = i + c.len_utf8();
        let code = c as u32;
        // A half-width (semi-)voiced mark joins the kana before it: ｶﾞ is が.
        if code == 0xFF9E || code == 0xFF9F {
            let table = if code == 0xFF9E {
                (VOICEABLE, VOICED)
            } else {
                (SEMI_VOICEABLE, SEMI_VOICED)
            };
            if let Some(last) = chars.last_mut() {
                if let Some(k) = table.0.chars().position(|x| x == *last) {
                    *last = table.1.chars().nth(k).expect("tables match");
                    if let Some(span) = spans.last_mut() {
                        span.1 = end;
                    }
                    continue;
                }
            }
            chars.push(if code == 0xFF9E { '゛' } else { '゜' });
            spans.push((i, end));
            continue;
        }
        let c = match code {
            0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
            0x3000 => ' ',
            0xFF61 => '。',
            0xFF62 => '「',
            0xFF63 => '」',
            0xFF64 => '、',
            0xFF65 => '・',
            0xFF66..=0xFF9D => HALF_KATAKANA
                .chars()
                .nth((code - 0xFF66) as usize)
                .unwrap_or(c),
            _ => c,
        };
        let c = match c as u32 {
            // Katakana ァ..ヶ to hiragana ぁ..ゖ.
            k @ 0x30A1..=0x30F6 => char::from_u32(k - 0x60).unwrap_or(c),
            _ => c,
        };
        for l in c.to_lowercase() {
            chars.push(l);
            spans.push((i, end));
        }
    }
    Folded { chars, spans }
}

/// The ways a query is read: as typed (folded), and, when it is all romaji, as the
/// hiragana it spells ("sapo-to" finds サポート).
fn query_variants(query: &str) -> Vec<String> {
    use wana_kana::ConvertJapanese;
    let mut out: Vec<String> = vec![fold(query).chars.into_iter().collect()];
    let romaji = query
        .chars()
        .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '\'' || c == ' ');
    if romaji && query.chars().any(|c| c.is_ascii_alphabetic()) {
        let kana = query.to_ascii_lowercase().as_str().to_hiragana();
        // Only a complete reading: "support" leaves letters over and is English.
        if !kana.chars().any(|c| c.is_ascii_alphabetic()) && kana.chars().count() >= 2 {
            let folded: String = fold(&kana).chars.into_iter().collect();
            if !out.contains(&folded) {
                out.push(folded);
            }
        }
    }
    out
}

/// How well a match ranks; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    Exact,
    Prefix,
    WordStart,
    Substring,
    Title,
    Description,
}

/// What a searchable text is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Label,
    Step,
    Title,
    Description,
}

impl Field {
    fn as_str(self) -> &'static str {
        match self {
            Field::Label => "label",
            Field::Step => "step",
            Field::Title => "title",
            Field::Description => "description",
        }
    }
}

/// The tier of a match of `len` bytes at byte `at` of the folded `text`.
fn tier(field: Field, text: &str, at: usize, len: usize) -> Tier {
    match field {
        Field::Title => Tier::Title,
        Field::Description => Tier::Description,
        Field::Label | Field::Step => {
            if at == 0 && len == text.len() {
                Tier::Exact
            } else if at == 0 {
                Tier::Prefix
            } else if !text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            {
                Tier::WordStart
            } else {
                Tier::Substring
            }
        }
    }
}

/// One searchable thing: a node, or a flow step whose id no node has.
enum Item {
    Node(String),
    Step(String),
}

impl Item {
    fn id(&self) -> &str {
        match self {
            Item::Node(id) | Item::Step(id) => id,
        }
    }
}

/// What a text is and the text, if the item has it.
type Searchable<'d> = (Field, Option<&'d Text>);

/// A node's searchable texts, in the order they win ties.
fn node_texts(n: &Node) -> [Searchable<'_>; 4] {
    [
        (Field::Label, Some(&n.label)),
        (Field::Label, n.short.as_ref()),
        (Field::Title, n.title.as_ref()),
        (Field::Description, n.description.as_ref()),
    ]
}

/// A flow step's searchable texts, in the order they win ties.
fn step_texts(st: &Step) -> [Searchable<'_>; 2] {
    [
        (Field::Step, Some(&st.label)),
        (Field::Description, st.description.as_ref()),
    ]
}

/// One folded text in the index's buffer.
struct Entry {
    /// Byte range in [`SearchIndex::folded`].
    start: u32,
    end: u32,
    /// Index into [`SearchIndex::items`].
    item: u32,
    /// Place among its item's texts ([`node_texts`], [`step_texts`]).
    text: u8,
    field: Field,
    /// The language it is in; `None` when both languages say the same.
    lang: Option<Lang>,
}

/// What decides which match of an item is shown; lower wins: the tier, then the
/// text's place, the language (the asked-for one first), the way the query was read
/// and the place of the match: the order a plain scan would meet them in.
type Rank = (Tier, u8, u8, usize, usize);

/// Every searchable text of a dataset, folded once. Built for one dataset, and only
/// asked about that dataset.
pub struct SearchIndex {
    /// The folded texts, each ended by a NUL (which no folded query holds, so no match
    /// runs from one text into the next).
    folded: String,
    entries: Vec<Entry>,
    items: Vec<Item>,
    members: Membership,
}

impl SearchIndex {
    /// Folds every node's labels, short names, titles and descriptions and every flow
    /// step's label and description (a step whose id a node or an earlier step has is
    /// not a second item).
    pub fn new(dataset: &Dataset) -> SearchIndex {
        let mut index = SearchIndex {
            folded: String::new(),
            entries: Vec::new(),
            items: Vec::new(),
            members: Membership::of(dataset),
        };
        let mut seen = std::collections::HashSet::new();
        for n in dataset.nodes() {
            seen.insert(n.id.as_str());
            index.add(Item::Node(n.id.clone()), &node_texts(n));
        }
        for flow in dataset.flows() {
            for st in &flow.steps {
                if seen.insert(&st.id) {
                    index.add(Item::Step(st.id.clone()), &step_texts(st));
                }
            }
        }
        index
    }

    fn add(&mut self, item: Item, texts: &[Searchable]) {
        let at = u32::try_from(self.items.len()).expect("fewer than 2^32 items");
        self.items.push(item);
        for (place, &(field, text)) in texts.iter().enumerate() {
            let Some(text) = text else { continue };
            let both = text.ja == text.en;
            let langs: &[Lang] = if both {
                &[Lang::Ja]
            } else {
                &[Lang::Ja, Lang::En]
            };
            for &l in langs {
                let start = self.folded.len();
                self.folded.extend(fold(l.pick(text)).chars);
                let end = self.folded.len();
                self.folded.push('\0');
                self.entries.push(Entry {
                    start: u32::try_from(start).expect("under 4 GiB of text"),
                    end: u32::try_from(end).expect("under 4 GiB of text"),
                    item: at,
                    text: u8::try_from(place).unwrap_or(u8::MAX),
                    field,
                    lang: (!both).then_some(l),
                });
            }
        }
    }

    /// Incremental search over every node's labels, short names, titles and
    /// descriptions and every flow step's label and description, in both languages.
    ///
    /// Matching ignores case, full-width and half-width forms, and katakana versus
    /// hiragana; a query written in romaji also matches the kana it spells. Hits rank
    /// exact label, then label prefix, label word start, label substring, title,
    /// description; ties by id. One hit per id, at most [`MAX_HITS`]. `lang` picks the
    /// snippet when both languages match equally well. A blank query finds nothing.
    pub fn search(&self, dataset: &Dataset, query: &str, lang: Lang) -> Vec<SearchHit> {
        let query: String = query.trim().chars().filter(|&c| c != '\0').collect();
        let queries = query_variants(&query);
        if queries.iter().all(|q| q.chars().all(char::is_whitespace)) {
            return Vec::new();
        }
        let best = self.best_per_item(&queries, lang);
        let mut hits: Vec<(Rank, u32, usize)> = best
            .into_iter()
            .enumerate()
            .filter_map(|(item, b)| b.map(|(rank, entry)| (rank, item as u32, entry)))
            .collect();
        let by_tier_then_id = |a: &(Rank, u32, usize), b: &(Rank, u32, usize)| {
            let id = |h: &(Rank, u32, usize)| self.items[h.1 as usize].id();
            a.0 .0.cmp(&b.0 .0).then_with(|| id(a).cmp(id(b)))
        };
        if hits.len() > MAX_HITS {
            hits.select_nth_unstable_by(MAX_HITS - 1, by_tier_then_id);
            hits.truncate(MAX_HITS);
        }
        hits.sort_by(by_tier_then_id);
        hits.into_iter()
            .filter_map(|(rank, item, entry)| self.hit(dataset, &queries, rank, item, entry, lang))
            .collect()
    }

    /// For each item, its best match's rank and entry (see [`Rank`]).
    fn best_per_item(&self, queries: &[String], lang: Lang) -> Vec<Option<(Rank, usize)>> {
        let mut best: Vec<Option<(Rank, usize)>> = Vec::new();
        best.resize_with(self.items.len(), || None);
        let hay = self.folded.as_bytes();
        for (variant, q) in queries.iter().enumerate() {
            if q.is_empty() {
                continue;
            }
            // Matches come in buffer order, so the entry holding each is found by
            // walking forward, not by a search per match.
            let mut e = 0;
            for at in memmem::find_iter(hay, q.as_bytes()) {
                while self.entries[e].end as usize <= at {
                    e += 1;
                }
                let entry = &self.entries[e];
                let text = &self.folded[entry.start as usize..entry.end as usize];
                let tier = tier(entry.field, text, at - entry.start as usize, q.len());
                let lang_place = u8::from(entry.lang.is_some_and(|l| l != lang));
                let rank = (tier, entry.text, lang_place, variant, at);
                let slot = &mut best[entry.item as usize];
                if slot.as_ref().is_none_or(|(r, _)| rank < *r) {
                    *slot = Some((rank, e));
                }
            }
        }
        best
    }

    /// The hit for `item`, whose best match is `rank` in `entry`.
    fn hit(
        &self,
        dataset: &Dataset,
        queries: &[String],
        rank: Rank,
        item: u32,
        entry: usize,
        lang: Lang,
    ) -> Option<SearchHit> {
        let (_, _, _, variant, at) = rank;
        let entry = &self.entries[entry];
        let (id, label, kind, texts): (&str, &Text, Text, Vec<Searchable>) =
            match &self.items[item as usize] {
                Item::Node(id) => {
                    let n = dataset.node(id)?;
                    (id, &n.label, kind_name(n.kind), node_texts(n).to_vec())
                }
                Item::Step(id) => {
                    let st = dataset
                        .flows()
                        .iter()
                        .flat_map(|f| &f.steps)
                        .find(|s| &s.id == id)?;
                    (id, &st.label, step_kind(), step_texts(st).to_vec())
                }
            };
        let text = texts.get(entry.text as usize)?.1?;
        let original = entry.lang.unwrap_or(lang).pick(text);
        // Where the match sits in the original: the folded characters before it and
        // in it, mapped back through the fold's spans.
        let folded = fold(original);
        let first = self.folded[entry.start as usize..at].chars().count();
        let count = queries[variant].chars().count();
        let span = (folded.spans[first].0, folded.spans[first + count - 1].1);
        Some(SearchHit {
            id: id.to_owned(),
            label: label.clone(),
            kind,
            field: entry.field.as_str().to_owned(),
            snippet: snippet(original, span),
            views: self.members.views(id),
        })
    }
}

/// Incremental search over every node's labels, short names, titles and
/// descriptions and every flow step's label and description, in both languages.
///
/// Matching ignores case, full-width and half-width forms, and katakana versus
/// hiragana; a query written in romaji also matches the kana it spells. Hits rank
/// exact label, then label prefix, label word start, label substring, title,
/// description; ties by id. One hit per id, at most [`MAX_HITS`]. `lang` picks the
/// snippet when both languages match equally well. A blank query finds nothing.
///
/// Builds an index for this one question; to ask many, keep a [`SearchIndex`].
pub fn search(dataset: &Dataset, query: &str, lang: Lang) -> Vec<SearchHit> {
    SearchIndex::new(dataset).search(dataset, query, lang)
}

/// `text` cut to about [`SNIPPET_CHARS`] characters around the byte range `at`.
fn snippet(text: &str, at: (usize, usize)) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.len() <= SNIPPET_CHARS {
        return text.to_owned();
    }
    let first = chars.iter().position(|&(i, _)| i >= at.0).unwrap_or(0);
    let last = chars
        .iter()
        .rposition(|&(i, _)| i < at.1)
        .unwrap_or(first)
        .max(first);
    let matched = last + 1 - first;
    let before = SNIPPET_CHARS.saturating_sub(matched) / 3;
    let start = first.saturating_sub(before);
    let end = (start + SNIPPET_CHARS.max(matched)).min(chars.len());
    let start = end.saturating_sub(SNIPPET_CHARS.max(matched)).min(start);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(chars[start..end].iter().map(|&(_, c)| c));
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(s: &str) -> String {
        fold(s).chars.into_iter().collect()
    }

    #[test]
    fn folding_joins_widths_kana_and_case() {
        assert_eq!(folded("ＣＳＳ　Ｓｕｐｐｏｒｔ"), "css support");
        assert_eq!(folded("サポート"), "さぽーと");
        assert_eq!(folded("ｻﾎﾟｰﾄ"), "さぽーと");
        assert_eq!(folded("ﾃﾞｰﾀﾍﾞｰｽ"), "でーたべーす");
        assert_eq!(folded("ﾞ"), "゛", "a lone mark stays a mark");
    }

    #[test]
    fn folded_spans_point_back_into_the_original() {
        let f = fold("aｶﾞb");
        assert_eq!(f.chars, vec!['a', 'が', 'b']);
        assert_eq!(f.spans[1], (1, 7), "the kana and its mark");
        assert_eq!(f.spans[2], (7, 8));
    }

    #[test]
    fn romaji_queries_are_also_read_as_kana() {
        let v = query_variants("sapo-to");
        assert_eq!(v.len(), 2);
        assert_eq!(v[1], "さぽーと");
        assert_eq!(query_variants("support").len(), 1, "not all romaji");
        assert_eq!(query_variants("サポート").len(), 1);
    }

    #[test]
    fn tiers_rank_exact_before_prefix_before_word_start_before_substring() {
        let q = "team";
        let tier_in = |t: &str, field: Field| {
            let t = folded(t);
            t.find(q).map(|at| tier(field, &t, at, q.len()))
        };
        let tier = |t: &str| tier_in(t, Field::Label);
        assert_eq!(tier("Team"), Some(Tier::Exact));
        assert_eq!(tier("Teamwork"), Some(Tier::Prefix));
        assert_eq!(tier("Support team"), Some(Tier::WordStart));
        assert_eq!(tier("Steamer"), Some(Tier::Substring));
        assert_eq!(tier("Nothing"), None);
        assert_eq!(
            tier_in("Support team", Field::Description),
            Some(Tier::Description)
        );
    }

    #[test]
    fn snippets_keep_the_match_and_mark_cuts() {
        let long = format!("{}needle{}", "a".repeat(100), "b".repeat(100));
        let at = long.find("needle").unwrap();
        let s = snippet(&long, (at, at + 6));
        assert!(s.contains("needle"), "{s}");
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.chars().count() <= SNIPPET_CHARS + 2, "{s}");
        assert_eq!(snippet("short", (0, 5)), "short");
    }

    /// The plain scan the index replaces: every text folded at query time, every
    /// place tried in turn, the first best kept. The index must answer as it does.
    fn scan(dataset: &Dataset, query: &str, lang: Lang) -> Vec<(String, String, String)> {
        let queries: Vec<Vec<char>> = query_variants(query.trim())
            .iter()
            .map(|q| q.chars().collect())
            .collect();
        if queries.iter().all(|q| q.iter().all(|c| c.is_whitespace())) {
            return Vec::new();
        }
        let langs = if lang == Lang::Ja {
            [Lang::Ja, Lang::En]
        } else {
            [Lang::En, Lang::Ja]
        };
        let mut hits: Vec<(Tier, String, String, String)> = Vec::new();
        let mut item = |id: &str, texts: &[(Field, Option<&Text>)]| {
            let mut best: Option<(Tier, Field, String)> = None;
            for &(field, text) in texts {
                let Some(text) = text else { continue };
                for l in langs {
                    let t = l.pick(text);
                    let f = fold(t);
                    for q in queries
                        .iter()
                        .filter(|q| !q.is_empty() && q.len() <= f.chars.len())
                    {
                        for at in 0..=f.chars.len() - q.len() {
                            if f.chars[at..at + q.len()] != q[..] {
                                continue;
                            }
                            let folded: String = f.chars.iter().collect();
                            let byte = f.chars[..at].iter().map(|c| c.len_utf8()).sum();
                            let qlen = q.iter().map(|c| c.len_utf8()).sum();
                            let tier = tier(field, &folded, byte, qlen);
                            if best.as_ref().is_none_or(|b| tier < b.0) {
                                let span = (f.spans[at].0, f.spans[at + q.len() - 1].1);
                                best = Some((tier, field, snippet(t, span)));
                            }
                        }
                    }
                }
            }
            if let Some((tier, field, snip)) = best {
                hits.push((tier, id.to_owned(), field.as_str().to_owned(), snip));
            }
        };
        let mut seen = std::collections::HashSet::new();
        for n in dataset.nodes() {
            seen.insert(n.id.clone());
            item(&n.id, &node_texts(n));
        }
        for st in dataset.flows().iter().flat_map(|f| &f.steps) {
            if seen.insert(st.id.clone()) {
                item(&st.id, &step_texts(st));
            }
        }
        hits.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        hits.truncate(MAX_HITS);
        hits.into_iter()
            .map(|(_, id, field, snip)| (id, field, snip))
            .collect()
    }

    #[test]
    fn the_index_answers_as_a_plain_scan_does() {
        let datasets = [
            crate::builtin().expect("built-in"),
            crate::load_csv(crate::generate::people_csv(400, 3).as_bytes(), "p.csv")
                .expect("generated"),
        ];
        for dataset in &datasets {
            let index = SearchIndex::new(dataset);
            // Queries from the data itself (every label's first characters, a middle
            // piece, the whole), and the hard cases: romaji, widths, one letter.
            let mut queries: Vec<String> = [
                "e",
                "a",
                "sapo-to",
                "ＣＳ",
                "ｻﾎﾟｰﾄ",
                "チーム",
                "部",
                " ",
                "\0",
            ]
            .map(String::from)
            .to_vec();
            for n in dataset.nodes().step_by(7) {
                for t in [&n.label.ja, &n.label.en] {
                    let c: Vec<char> = t.chars().collect();
                    queries.push(c.iter().take(2).collect());
                    queries.push(c.iter().skip(c.len() / 3).take(3).collect());
                    queries.push(t.clone());
                }
            }
            for q in &queries {
                for lang in [Lang::Ja, Lang::En] {
                    let got: Vec<(String, String, String)> = index
                        .search(dataset, q, lang)
                        .into_iter()
                        .map(|h| (h.id, h.field, h.snippet))
                        .collect();
                    assert_eq!(got, scan(dataset, q, lang), "query {q:?} in {lang:?}");
                }
            }
        }
    }
}
