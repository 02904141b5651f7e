//! The one font orgpath draws with, and its metrics.
//!
//! Noto Sans JP (OFL, `data/fonts/`) is embedded in the binary and used three ways:
//! layout measures text with these metrics, the PNG exporter renders with these exact
//! files, and the window loads the same files through `@font-face`. One font, so the
//! screen, the SVG and the PNG agree on every width.

use std::sync::OnceLock;

#[cfg(test)]
mod drawn;
mod phrase;

/// The family name the SVG asks for; the window's `@font-face` declares the same.
pub const FAMILY: &str = "Noto Sans JP";

/// The CSS `font-family` list written into SVG: the bundled family first, then the
/// system CJK family Debian ships, then the generic fallback.
pub const FAMILY_LIST: &str = "'Noto Sans JP', 'Noto Sans CJK JP', sans-serif";

pub static REGULAR: &[u8] = include_bytes!("../../../../data/fonts/NotoSansJP-Regular.ttf");
pub static BOLD: &[u8] = include_bytes!("../../../../data/fonts/NotoSansJP-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Weight {
    Regular,
    Bold,
}

impl Weight {
    pub fn css(self) -> u16 {
        match self {
            Weight::Regular => 400,
            Weight::Bold => 700,
        }
    }
}

/// Advance widths of the embedded faces.
pub struct Metrics {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

impl Metrics {
    /// The process-wide metrics, parsed once.
    pub fn get() -> &'static Metrics {
        static METRICS: OnceLock<Metrics> = OnceLock::new();
        METRICS.get_or_init(|| Metrics {
            regular: ttf_parser::Face::parse(REGULAR, 0).expect("the embedded regular face parses"),
            bold: ttf_parser::Face::parse(BOLD, 0).expect("the embedded bold face parses"),
        })
    }

    fn face(&self, weight: Weight) -> &ttf_parser::Face<'static> {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Width of `text` at `size` px: the sum of glyph advances. Missing characters
    /// count as the notdef glyph's advance, like the renderer draws them.
    pub fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        let units: u64 = text
            .chars()
            .map(|c| u64::from(self.advance(c, weight)))
            .sum();
        self.px(units, size, weight)
    }

    /// A character's advance in font units. There is no kerning or shaping, so a
    /// text's width is the sum of its characters' advances: [`wrap`] adds them up as
    /// it goes and stops reading where a line is cut.
    fn advance(&self, c: char, weight: Weight) -> u16 {
        let face = self.face(weight);
        let notdef = ttf_parser::GlyphId(0);
        let g = face.glyph_index(c).unwrap_or(notdef);
        face.glyph_hor_advance(g)
            .or_else(|| face.glyph_hor_advance(notdef))
            .unwrap_or(0)
    }

    /// `units` of the face at `size` px. The sum is taken in whole units and scaled
    /// once, so a text's width does not depend on how it was summed.
    fn px(&self, units: u64, size: f32, weight: Weight) -> f32 {
        units as f32 * (size / f32::from(self.face(weight).units_per_em()))
    }

    /// Characters of `text` the face has no glyph for (control characters aside).
    pub fn missing(&self, text: &str, weight: Weight) -> Vec<char> {
        let face = self.face(weight);
        let mut out: Vec<char> = text
            .chars()
            .filter(|c| !c.is_control() && face.glyph_index(*c).is_none())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Ascender as a fraction of the font size, for placing baselines.
    pub fn ascent(&self) -> f32 {
        f32::from(self.regular.ascender()) / f32::from(self.regular.units_per_em())
    }

    /// Descender (positive) as a fraction of the font size.
    pub fn descent(&self) -> f32 {
        -f32::from(self.regular.descender()) / f32::from(self.regular.units_per_em())
    }
}

/// Characters that may not start a line (kinsoku shori, after JIS X 4051): closing
/// brackets and quotes, full stops and commas, the middle dot, iteration marks, the
/// long vowel mark, small kana, hyphens and the wave dash; in code point order. They
/// stay with the character before them.
pub const NO_LINE_START: &[char] = &[
    '!', ')', ',', '.', ':', ';', '?', ']', '}', '»', '‐', '’', '”', '、', '。', '々', '〉', '》',
    '」', '』', '】', '〕', '〗', '〙', '〜', '〟', '〻', 'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ',
    'ゅ', 'ょ', 'ゎ', 'ゕ', 'ゖ', 'ゝ', 'ゞ', '゠', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ',
    'ョ', 'ヮ', 'ヵ', 'ヶ', '・', 'ー', 'ヽ', 'ヾ', '！', '）', '，', '．', '：', '；', '？', '］',
    '｝', '～', '｠',
];

/// Characters that may not end a line: opening brackets and quotes, in code point
/// order. They stay with the character after them.
pub const NO_LINE_END: &[char] = &[
    '(', '[', '{', '«', '‘', '“', '〈', '《', '「', '『', '【', '〔', '〖', '〘', '〝', '（', '［',
    '｛', '｟',
];

/// The characters set without spaces between words, where lines break between phrases
/// (and, in a phrase wider than the line, between characters): CJK punctuation, kana,
/// ideographs and the full-width forms. Latin text breaks at spaces only.
pub const UNSPACED: &[(char, char)] = &[
    ('\u{3000}', '\u{30FF}'),
    ('\u{3400}', '\u{4DBF}'),
    ('\u{4E00}', '\u{9FFF}'),
    ('\u{F900}', '\u{FAFF}'),
    ('\u{FF00}', '\u{FFEF}'),
];

fn no_line_start(c: char) -> bool {
    NO_LINE_START.binary_search(&c).is_ok()
}

fn no_line_end(c: char) -> bool {
    NO_LINE_END.binary_search(&c).is_ok()
}

fn is_cjk(c: char) -> bool {
    c >= UNSPACED[0].0 && UNSPACED.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// How finely a text breaks: between phrases, or, inside a phrase too wide for a line
/// of its own, between characters.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Breaks {
    Phrases,
    Characters,
}

/// Whether a line may break between `a` and `b`, the characters before and after byte
/// `at` of `text`:
///
/// - never before a space (spaces end the line they follow, which drops them), before
///   a character that may not start a line, or after one that may not end a line;
/// - after a space;
/// - where Japanese (or Chinese) meets anything, between phrases as BudouX finds them
///   ([`phrase`]), or between any two characters with [`Breaks::Characters`];
/// - nowhere else: a Latin word does not break.
///
/// Latin within a word, the most common gap, is ruled out by the first comparisons.
fn breaks_between(a: char, b: char, text: &str, at: usize, breaks: Breaks) -> bool {
    if b == ' ' || (a != ' ' && !is_cjk(a) && !is_cjk(b)) {
        return false;
    }
    if no_line_start(b) || no_line_end(a) {
        return false;
    }
    a == ' ' || breaks == Breaks::Characters || phrase::boundary(text, at)
}

/// The phrases of `text`: it cut wherever a line may break ([`breaks_between`]), the
/// pieces [`wrap`] fills lines with. Joined, they give back the text.
pub fn phrases(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let end = piece(text, at, Breaks::Phrases).end;
        out.push(&text[at..end]);
        at = end;
    }
    out
}

/// Words orgpath once broke inside on cards, slides and panels (システ|ム, 問|い合わせ,
/// ドキュ|メント, リクエス|ト, パート|ナー企業, 営|業チーム, ミーティ|ング, 調査|し):
/// what the tests of the drawing, the painters and the window give [`bad_break`].
pub const ONCE_BROKEN: &[&str] = &[
    "システム",
    "問い合わせ",
    "ドキュメント",
    "リクエスト",
    "パートナー企業",
    "営業チーム",
    "ミーティング",
    "調査し",
];

/// What is wrong with the break between two lines of one text, if anything: the
/// second starts with a character that may not start a line, the first ends with one
/// that may not end a line, or the break falls inside one of `words`. For the tests
/// that read lines back from what was drawn (a scene, an SVG, a PDF, the window), so
/// they judge breaks by these rules and not by a copy of them.
pub fn bad_break(before: &str, after: &str, words: &[&str]) -> Option<String> {
    let (before, after) = (before.trim_end(), after.trim_start());
    if let Some(c) = after.chars().next().filter(|&c| no_line_start(c)) {
        return Some(format!("{before:?} | {after:?}: a line starts with {c:?}"));
    }
    if let Some(c) = before.chars().next_back().filter(|&c| no_line_end(c)) {
        return Some(format!("{before:?} | {after:?}: a line ends with {c:?}"));
    }
    words.iter().find_map(|w| {
        w.char_indices()
            .skip(1)
            .any(|(i, _)| before.ends_with(&w[..i]) && after.starts_with(&w[i..]))
            .then(|| format!("{before:?} | {after:?}: {w:?} is broken"))
    })
}

/// A breakable piece of text, as byte offsets: from one place a line may break
/// ([`breaks_between`]) to the next. Each piece starts where the one before it ends.
struct Piece {
    end: usize,
    /// The end of its last visible (non-whitespace) character, if it has one.
    solid: Option<usize>,
    /// Whether it has Japanese (or Chinese) in it: only then can it break finer.
    unspaced: bool,
}

/// The piece of `text` that starts at byte `start`.
fn piece(text: &str, start: usize, breaks: Breaks) -> Piece {
    let (mut end, mut solid, mut unspaced) = (start, None, false);
    let mut before = None;
    for (i, c) in text[start..].char_indices() {
        let at = start + i;
        if before.is_some_and(|a| breaks_between(a, c, text, at, breaks)) {
            break;
        }
        end = at + c.len_utf8();
        if !c.is_whitespace() {
            solid = Some(end);
        }
        unspaced |= is_cjk(c);
        before = Some(c);
    }
    Piece {
        end,
        solid,
        unspaced,
    }
}

/// Widths at one size and weight, summed in font units so they do not depend on the
/// order of the sum, and read only as far as they matter.
struct Measure {
    size: f32,
    weight: Weight,
    max_width: f32,
}

impl Measure {
    fn advance(&self, c: char) -> u64 {
        u64::from(Metrics::get().advance(c, self.weight))
    }

    fn fits(&self, units: u64) -> bool {
        Metrics::get().px(units, self.size, self.weight) <= self.max_width
    }

    /// Whether all of `text` fits, read until it does not.
    fn fits_whole(&self, text: &str) -> bool {
        let mut units = 0;
        for c in text.chars() {
            units += self.advance(c);
            if !self.fits(units) {
                return false;
            }
        }
        self.fits(units)
    }

    /// The width of `text` after `before` units on its line: `Some((to its last
    /// visible character, or `before` if it has none; in all))`, or `None` as soon as
    /// a visible character ends past `max_width` (the rest is not read).
    fn run(&self, text: &str, before: u64) -> Option<(u64, u64)> {
        let (mut solid, mut all) = (before, before);
        for c in text.chars() {
            all += self.advance(c);
            if !c.is_whitespace() {
                if !self.fits(all) {
                    return None;
                }
                solid = all;
            }
        }
        Some((solid, all))
    }

    /// The longest start of the joined `runs` (byte ranges of `text`) that fits with
    /// "…" after it, trimmed of trailing spaces, then "…". A longer start is never
    /// narrower, so the first visible character that does not fit ends the search.
    fn ellipsize(&self, text: &str, runs: &[(usize, usize)]) -> String {
        let ellipsis = self.advance('…');
        let mut units = 0;
        // The kept text ends in run `keep.0`, at byte `keep.1`.
        let mut keep = (0, runs.first().map_or(0, |r| r.0));
        'scan: for (r, &(a, b)) in runs.iter().enumerate() {
            for (i, c) in text[a..b].char_indices() {
                units += self.advance(c);
                if !c.is_whitespace() {
                    if !self.fits(units + ellipsis) {
                        break 'scan;
                    }
                    keep = (r, a + i + c.len_utf8());
                }
            }
        }
        let mut out: String = runs[..keep.0].iter().map(|&(a, b)| &text[a..b]).collect();
        if let Some(&(a, _)) = runs.get(keep.0) {
            out.push_str(&text[a..keep.1]);
        }
        out.push('…');
        out
    }
}

/// A line of a wrapped text, as byte offsets.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    /// The end of its last visible character (`start` when it has none): the line
    /// as drawn, trailing whitespace left out.
    solid: usize,
    /// Its width to `solid` and in all, in font units; `None` once a visible
    /// character ends past `max_width`: nothing more fits on it, and it is cut.
    units: Option<(u64, u64)>,
}

/// Wraps `text` into at most `max_lines` lines (at least one) no wider than
/// `max_width`. A last line that still does not fit ends with an ellipsis; the caller
/// keeps the full text for the tooltip and the details panel.
///
/// Lines break where [`breaks_between`] allows: at spaces, and in Japanese between
/// phrases (BudouX's), never before a closing mark or after an opening one (kinsoku).
/// Only a phrase too wide for a line of its own breaks between its characters,
/// starting on the line it follows. Lines lose their trailing spaces; lines past
/// `max_lines` join the last one (without the spaces they lost), which is then
/// ellipsized. Only what can be shown is measured: the text up to where its last line
/// is cut, each character a few times at most. A 100,000-character label costs about
/// what a short one does; measuring each candidate line and each shortened one
/// afresh, as orgpath first did, took seconds at 10,000 characters and never finished
/// at 100,000.
pub fn wrap(
    text: &str,
    size: f32,
    weight: Weight,
    max_width: f32,
    max_lines: usize,
) -> Vec<String> {
    let m = Measure {
        size,
        weight,
        max_width,
    };
    if m.fits_whole(text) {
        return vec![text.to_owned()];
    }
    let max_lines = max_lines.max(1);
    // The first max_lines - 1 lines, then the lines joined into the last one, with
    // their width (None once one of them is cut).
    let mut lines: Vec<Line> = Vec::new();
    let mut rest: Vec<Line> = Vec::new();
    let mut rest_units = Some(0);
    let mut line: Option<Line> = None;
    let mut at = 0;
    // Up to where a phrase too wide for a line of its own ends: its pieces are
    // characters there.
    let mut fine_until = 0;
    while at < text.len() {
        let breaks = if at < fine_until {
            Breaks::Characters
        } else {
            Breaks::Phrases
        };
        let p = piece(text, at, breaks);
        // The piece joins the line when the line, trimmed, still fits with it.
        let joined = line.as_mut().is_some_and(|l| match (l.units, p.solid) {
            (None, _) => false,
            // Only spaces: the line, trimmed, is as wide as it was (which with a
            // negative max_width is too wide even when empty).
            (Some((solid, _)), None) if !m.fits(solid) => false,
            (Some((solid, all)), None) => {
                l.units = m.run(&text[at..p.end], all).map(|(_, all)| (solid, all));
                true
            }
            (Some((_, all)), Some(end)) => match m.run(&text[at..p.end], all) {
                Some(units) => {
                    l.units = Some(units);
                    l.solid = end;
                    true
                }
                None => false,
            },
        });
        let units = (!joined).then(|| m.run(&text[at..p.end], 0));
        // A phrase too wide for a line of its own breaks between its characters,
        // which fill the line it would have started after.
        if units.is_some_and(|u| u.is_none())
            && breaks == Breaks::Phrases
            && p.unspaced
            && piece(text, at, Breaks::Characters).end < p.end
        {
            fine_until = p.end;
            continue;
        }
        if let Some(units) = units {
            if let Some(done) = line {
                if lines.len() + 1 < max_lines {
                    lines.push(done);
                } else {
                    rest_units = rest_units.zip(done.units).map(|(r, u)| r + u.0);
                    rest.push(done);
                }
            }
            line = Some(Line {
                start: at,
                solid: p.solid.unwrap_or(at),
                units,
            });
        }
        at = p.end;
        // Once the lines joined into the last one are too wide, it is cut within
        // what has been read, and nothing after matters. The line being filled
        // counts once it has something to show: only then is it sure to be kept.
        if lines.len() + 1 == max_lines {
            let filling = line.filter(|l| l.solid > l.start);
            let units = match filling {
                Some(l) => rest_units.zip(l.units).map(|(r, u)| r + u.0),
                None => rest_units,
            };
            if (filling.is_some() || !rest.is_empty()) && !units.is_some_and(|u| m.fits(u)) {
                rest.extend(filling);
                return finish(text, &lines, &rest, &m, true);
            }
        }
    }
    if let Some(l) = line.filter(|l| l.solid > l.start) {
        if lines.len() + 1 < max_lines {
            lines.push(l);
        } else {
            rest.push(l);
        }
    }
    // Had the joined lines been too wide, they would have been cut above.
    finish(text, &lines, &rest, &m, false)
}

/// The lines as drawn: each itself, or ellipsized when it does not fit; then the
/// `rest` joined into one, ellipsized when `cut`.
fn finish(text: &str, lines: &[Line], rest: &[Line], m: &Measure, cut: bool) -> Vec<String> {
    let mut out: Vec<String> = lines
        .iter()
        .map(|l| match l.units {
            Some((solid, _)) if m.fits(solid) => text[l.start..l.solid].to_owned(),
            _ => m.ellipsize(text, &[(l.start, l.solid)]),
        })
        .collect();
    if cut {
        let runs: Vec<(usize, usize)> = rest.iter().map(|l| (l.start, l.solid)).collect();
        out.push(m.ellipsize(text, &runs));
    } else if !rest.is_empty() {
        out.push(rest.iter().map(|l| &text[l.start..l.solid]).collect());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_is_full_width_and_latin_narrower() {
        let m = Metrics::get();
        let ja = m.width("日本語", 16.0, Weight::Regular);
        assert!((ja - 48.0).abs() < 0.5, "{ja}");
        let en = m.width("abc", 16.0, Weight::Regular);
        assert!(en > 10.0 && en < 40.0, "{en}");
        assert!(m.width("CSS", 16.0, Weight::Bold) >= m.width("CSS", 16.0, Weight::Regular));
    }

    #[test]
    fn every_character_of_the_builtin_dataset_is_covered() {
        let d = crate::builtin();
        let m = Metrics::get();
        for n in d.nodes() {
            for text in [&n.label.ja, &n.label.en] {
                assert_eq!(m.missing(text, Weight::Bold), Vec::<char>::new(), "{text}");
            }
        }
        assert_eq!(
            m.missing("漢字かなカナ①", Weight::Regular),
            Vec::<char>::new()
        );
        assert_eq!(
            m.missing("a\u{10FFFD}b", Weight::Regular),
            vec!['\u{10FFFD}']
        );
    }

    #[test]
    fn wraps_latin_at_spaces_and_japanese_between_phrases() {
        // Bold 16 px in three lines at the most, as a card's title; each text is too
        // wide for one line.
        let wrapped = |text: &str, width: f32| {
            let lines = wrap(text, 16.0, Weight::Bold, width, 3);
            assert!(lines.len() >= 2, "{lines:?}");
            lines
        };
        let lines = wrapped("Customer Success Account Manager", 150.0);
        assert!(lines
            .iter()
            .all(|l| !l.starts_with(' ') && !l.ends_with(' ')));
        assert_eq!(lines.join(" "), "Customer Success Account Manager");
        let lines = wrapped("データベースのサポートチーム。", 100.0);
        assert!(
            lines
                .iter()
                .all(|l| !l.starts_with('。') && !l.starts_with('ー')),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), "データベースのサポートチーム。");
        let m = Metrics::get();
        assert!(lines
            .iter()
            .all(|l| m.width(l, 16.0, Weight::Bold) <= 100.0));
        // With room for each phrase, the lines are the phrases; with less, a phrase
        // too wide breaks between its characters, filling the line before it.
        let text = "データベースのサポートチーム。";
        assert_eq!(
            wrap(text, 16.0, Weight::Bold, 140.0, 3),
            ["データベースの", "サポートチーム。"]
        );
        assert_eq!(
            wrap(text, 16.0, Weight::Bold, 100.0, 3),
            ["データベース", "のサポート", "チーム。"]
        );
        assert_eq!(
            wrap(
                "お客様からの問い合わせに対し技術的な支援を行う",
                16.0,
                Weight::Bold,
                100.0,
                5
            ),
            ["お客様からの", "問い合わせに", "対し技術的な", "支援を行う"]
        );
    }

    #[test]
    fn too_long_text_ends_with_an_ellipsis() {
        let lines = wrap(&"長".repeat(100), 16.0, Weight::Regular, 100.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(Metrics::get().width(&lines[1], 16.0, Weight::Regular) <= 100.0);
    }

    /// The wrapping orgpath had before it was made linear, kept as the reference the
    /// new one must match character for character. It measures each candidate line
    /// and each shortened prefix afresh (quadratic in the text's length), and cuts the
    /// whole text into phrases first; a phrase wider than a line is broken into its
    /// characters.
    mod oracle {
        use std::collections::VecDeque;

        use super::super::{breaks_between, Breaks, Metrics, Weight};

        /// `text` cut at every place a line may break, each found afresh.
        fn pieces(text: &str, breaks: Breaks) -> Vec<String> {
            let mut out = Vec::new();
            let mut from = 0;
            for (at, b) in text.char_indices().skip(1) {
                let a = text[..at].chars().next_back().unwrap();
                if breaks_between(a, b, text, at, breaks) {
                    out.push(text[from..at].to_owned());
                    from = at;
                }
            }
            if from < text.len() {
                out.push(text[from..].to_owned());
            }
            out
        }

        pub fn wrap(
            text: &str,
            size: f32,
            weight: Weight,
            max_width: f32,
            max_lines: usize,
        ) -> Vec<String> {
            let m = Metrics::get();
            if m.width(text, size, weight) <= max_width {
                return vec![text.to_owned()];
            }
            let fits = |s: &str| m.width(s.trim_end(), size, weight) <= max_width;
            let mut lines: Vec<String> = Vec::new();
            let mut line = String::new();
            let mut queue: VecDeque<String> = pieces(text, Breaks::Phrases).into();
            while let Some(piece) = queue.pop_front() {
                let candidate = format!("{line}{piece}");
                if !line.is_empty() && fits(&candidate) {
                    line = candidate;
                    continue;
                }
                // A phrase too wide for a line of its own is broken into its
                // characters, which are then set one by one, on this line first.
                let characters = pieces(&piece, Breaks::Characters);
                if !fits(&piece) && characters.len() > 1 {
                    for c in characters.into_iter().rev() {
                        queue.push_front(c);
                    }
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line).trim_end().to_owned());
                }
                line = piece;
            }
            if !line.trim().is_empty() {
                lines.push(line.trim_end().to_owned());
            }
            if lines.len() > max_lines {
                let rest = lines[max_lines - 1..].concat();
                lines.truncate(max_lines - 1);
                lines.push(rest);
            }
            for l in &mut lines {
                if m.width(l, size, weight) > max_width {
                    *l = ellipsize(l, size, weight, max_width);
                }
            }
            lines
        }

        fn ellipsize(text: &str, size: f32, weight: Weight, max_width: f32) -> String {
            let m = Metrics::get();
            let mut chars: Vec<char> = text.chars().collect();
            while !chars.is_empty() {
                let s: String = chars.iter().collect::<String>().trim_end().to_owned() + "…";
                if m.width(&s, size, weight) <= max_width {
                    return s;
                }
                chars.pop();
            }
            "…".to_owned()
        }
    }

    /// Texts with every kind of break: words, CJK, closing marks, runs of spaces,
    /// leading and trailing spaces, a word wider than any line, tabs, characters the
    /// font lacks.
    const SAMPLES: &[&str] = &[
        "",
        " ",
        "   ",
        "a",
        "Customer Success Account Manager",
        "  leading and trailing spaces  ",
        "two  spaces   between\twords",
        "Supercalifragilisticexpialidocious-and-then-some-more-without-any-spaces",
        "データベースのサポートチーム。",
        "営業部（東日本）・営業企画課、マーケティング「グループ」。",
        "ッッッ。。。、、、ーーー",
        "。leading closing mark",
        "Mixed 日本語 and English テキスト, with punctuation! (and brackets).",
        "東京　大阪　名古屋　福岡　札幌　仙台　広島",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z",
        "x\u{10FFFD}y\u{10FFFD}z missing glyphs",
        "zero\u{200B}width\u{0301}marks and … ellipses …",
        "Head of Platform Engineering, Site Reliability and Developer Experience",
    ];

    #[test]
    fn wrapping_matches_the_quadratic_algorithm_it_replaced() {
        // Long enough to overflow every line count; the old algorithm is slow on more.
        let long = [
            "長".repeat(120),
            "word ".repeat(50),
            "x".repeat(200),
            "東京 Tokyo 大阪 Osaka。".repeat(12),
        ];
        let texts = SAMPLES
            .iter()
            .copied()
            .chain(long.iter().map(String::as_str));
        for text in texts {
            for (size, weight) in [(16.0, Weight::Bold), (12.0, Weight::Regular)] {
                for max_width in [-1.0, 0.0, 5.0, 14.0, 40.0, 100.0, 150.0, 320.0, 1e6] {
                    for max_lines in 1..=4 {
                        assert_eq!(
                            wrap(text, size, weight, max_width, max_lines),
                            oracle::wrap(text, size, weight, max_width, max_lines),
                            "{text:?} at {size} px {weight:?}, {max_width} wide, {max_lines} lines"
                        );
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 512, .. proptest::prelude::ProptestConfig::default()
        })]

        #[test]
        fn wrapping_matches_the_old_algorithm_on_random_text(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', 'b', 'W', 'i', 'm', '-', ' ', ' ', ' ', '\t', '\u{3000}',
                '長', '日', '本', 'あ', 'ー', '。', '、', 'ッ', '）', '（', '「', '」',
                '.', ',', '!', '(', ')', '…', '\u{10FFFD}', '\u{200B}',
            ]), 0..60),
            max_width in -5.0f32..260.0,
            max_lines in 1usize..5,
            bold in proptest::prelude::any::<bool>(),
        ) {
            let text: String = chars.into_iter().collect();
            let weight = if bold { Weight::Bold } else { Weight::Regular };
            proptest::prop_assert_eq!(
                wrap(&text, 14.0, weight, max_width, max_lines),
                oracle::wrap(&text, 14.0, weight, max_width, max_lines)
            );
        }
    }

    #[test]
    fn wrapping_time_grows_no_faster_than_the_text() {
        use std::time::{Duration, Instant};
        // Latin without a space (one piece, ellipsized), Latin words (many pieces, the
        // rest joined then ellipsized), Japanese (a piece a character).
        // A kind of text, and how to make one of n characters.
        type Make = fn(usize) -> String;
        let kinds: [(&str, Make); 3] = [
            ("one word", |n| "x".repeat(n)),
            ("words", |n| "word ".repeat(n / 5)),
            ("Japanese", |n| "長い名前の部署。".repeat(n / 8)),
        ];
        for (kind, make) in kinds {
            let (short, long) = (make(10_000), make(100_000));
            let lines = wrap(&long, 16.0, Weight::Bold, 200.0, 3);
            assert!(lines.len() <= 3 && lines.last().is_some_and(|l| l.ends_with('…')));
            // Ten wraps of 10,000 characters against one of 100,000, taken in turns and
            // the least of five rounds kept: the two take about as long, so a busy
            // machine (tests run side by side) slows both alike.
            let time = |text: &str, times: usize| {
                let t = Instant::now();
                for _ in 0..times {
                    wrap(text, 16.0, Weight::Bold, 200.0, 3);
                }
                t.elapsed()
            };
            let (mut ten_short, mut long_once) = (Duration::MAX, Duration::MAX);
            for _ in 0..5 {
                ten_short = ten_short.min(time(&short, 10));
                long_once = long_once.min(time(&long, 1));
            }
            // At most linear: about the same or less (only what is shown is read).
            // The quadratic algorithm took ten times as long (4 s for 10,000
            // characters; 100,000 never finished).
            eprintln!("{kind}: 10 x 10,000 characters in {ten_short:?}, 100,000 in {long_once:?}");
            assert!(
                long_once < ten_short * 2 + Duration::from_millis(5),
                "{kind}: 10 x 10,000 characters in {ten_short:?}, 100,000 in {long_once:?}"
            );
            // Generous, for an unoptimised build on a busy machine.
            assert!(
                long_once < Duration::from_millis(500),
                "{kind}: 100,000 characters in {long_once:?}"
            );
        }
    }
}
