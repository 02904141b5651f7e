//! The one font orgpath draws with, and its metrics.
//!
//! Noto Sans JP (OFL, `data/fonts/`) is embedded in the binary and used three ways:
//! layout measures text with these metrics, the PNG exporter renders with these exact
//! files, and the window loads the same files through `@font-face`. One font, so the
//! screen, the SVG and the PNG agree on every width.

use std::sync::OnceLock;

/// The family name the SVG asks for; the window's `@font-face` declares the same.
pub const FAMILY: &str = "Noto Sans JP";

/// The CSS `font-family` list written into SVG: the bundled family first, then the
/// system CJK family Debian ships, then the generic fallback.
pub const FAMILY_LIST: &str = "'Noto Sans JP', 'Noto Sans CJK JP', sans-serif";

pub static REGULAR: &[u8] = include_bytes!("../../../data/fonts/NotoSansJP-Regular.ttf");
pub static BOLD: &[u8] = include_bytes!("../../../data/fonts/NotoSansJP-Bold.ttf");

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
        let advance = self.advances(weight);
        let units: u64 = text.chars().map(|c| u64::from(advance(c))).sum();
        self.px(units, size, weight)
    }

    /// Each character's advance in font units. There is no kerning or shaping, so a
    /// text's width is the sum of its characters' advances: [`wrap`] measures each
    /// character once and every line and prefix from running sums.
    fn advances(&self, weight: Weight) -> impl Fn(char) -> u16 + '_ {
        let face = self.face(weight);
        let notdef = face.glyph_hor_advance(ttf_parser::GlyphId(0)).unwrap_or(0);
        move |c| {
            let g = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
            face.glyph_hor_advance(g).unwrap_or(notdef)
        }
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

/// Characters that must not start a line in Japanese (kinsoku shori, the common set).
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〉'
            | '》'
            | '・'
            | 'ー'
            | '々'
            | '！'
            | '？'
            | ')'
            | ']'
            | '}'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'っ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ッ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
    )
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Where `text` may break: the end of each piece, a piece being a Latin word with its
/// trailing space, or one CJK character (with any following characters that may not
/// start a line). Pieces cover the text in order, so their ends are all that is needed.
fn piece_ends(chars: &[char]) -> Vec<usize> {
    let mut ends: Vec<usize> = Vec::new();
    // The piece being built is chars[start..i]; it is empty when start == i.
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        let building = start < i;
        if no_line_start(c) && !building {
            if let Some(last) = ends.last_mut() {
                *last = i + 1;
                start = i + 1;
                continue;
            }
        }
        if is_cjk(c) && !no_line_start(c) {
            if building {
                ends.push(i);
            }
            ends.push(i + 1);
            start = i + 1;
        } else if c == ' ' {
            ends.push(i + 1);
            start = i + 1;
        }
        // Anything else joins the piece being built (a space always ends a piece, so
        // the piece never ends with one here).
    }
    if start < chars.len() {
        ends.push(chars.len());
    }
    ends
}

/// A text measured once: its characters, where each starts, and the running sum of
/// their advances, so the width of any run of it is one subtraction.
struct Measured<'t> {
    text: &'t str,
    chars: Vec<char>,
    /// Byte offset of each character, then the text's length.
    at: Vec<usize>,
    /// `sum[i]`: the advances of the first `i` characters, in font units.
    sum: Vec<u64>,
    size: f32,
    weight: Weight,
}

impl<'t> Measured<'t> {
    fn new(text: &'t str, size: f32, weight: Weight) -> Self {
        let advance = Metrics::get().advances(weight);
        let n = text.chars().count();
        let (mut chars, mut at, mut sum) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n + 1),
            Vec::with_capacity(n + 1),
        );
        let mut total = 0u64;
        for (i, c) in text.char_indices() {
            chars.push(c);
            at.push(i);
            sum.push(total);
            total += u64::from(advance(c));
        }
        at.push(text.len());
        sum.push(total);
        Measured {
            text,
            chars,
            at,
            sum,
            size,
            weight,
        }
    }

    /// Width in px of `units` font units.
    fn px(&self, units: u64) -> f32 {
        Metrics::get().px(units, self.size, self.weight)
    }

    /// Font units of the characters `from..to`.
    fn units(&self, from: usize, to: usize) -> u64 {
        self.sum[to] - self.sum[from]
    }

    fn str(&self, from: usize, to: usize) -> &'t str {
        &self.text[self.at[from]..self.at[to]]
    }

    /// The runs of characters `runs` (line ranges) joined, ellipsized when wider than
    /// `max_width`.
    fn line(&self, runs: &[(usize, usize)], max_width: f32) -> String {
        let units: u64 = runs.iter().map(|&(a, b)| self.units(a, b)).sum();
        if self.px(units) <= max_width {
            return runs.iter().map(|&(a, b)| self.str(a, b)).collect();
        }
        self.ellipsize(runs, max_width)
    }

    /// The longest start of the joined `runs` that fits `max_width` with "…" after it,
    /// its trailing spaces trimmed. A longer start is never narrower, so the first
    /// character that does not fit ends the search: one pass over what is kept.
    fn ellipsize(&self, runs: &[(usize, usize)], max_width: f32) -> String {
        let ellipsis = u64::from(Metrics::get().advances(self.weight)('…'));
        let mut units = 0u64;
        // The kept text ends in run `keep.0`, before character `keep.1`.
        let mut keep = (0, runs.first().map_or(0, |r| r.0));
        'scan: for (r, &(a, b)) in runs.iter().enumerate() {
            for i in a..b {
                units += self.units(i, i + 1);
                // Trailing spaces are trimmed, so only a visible character adds width.
                if !self.chars[i].is_whitespace() {
                    if self.px(units + ellipsis) > max_width {
                        break 'scan;
                    }
                    keep = (r, i + 1);
                }
            }
        }
        let mut out: String = runs[..keep.0]
            .iter()
            .map(|&(a, b)| self.str(a, b))
            .collect();
        if let Some(&(a, _)) = runs.get(keep.0) {
            out.push_str(self.str(a, keep.1));
        }
        out.push('…');
        out
    }
}

/// Wraps `text` into at most `max_lines` lines (at least one) no wider than
/// `max_width`. A last line that still does not fit ends with an ellipsis; the caller
/// keeps the full text for the tooltip and the details panel.
///
/// Lines break between pieces (see [`piece_ends`]) and lose their trailing spaces;
/// lines past `max_lines` join the last one (without the spaces they lost), which is
/// then ellipsized. Linear in the text's length: each character is measured once and
/// every width is a difference of running sums, so a 100,000-character label takes
/// milliseconds (measuring each candidate line afresh took minutes).
pub fn wrap(
    text: &str,
    size: f32,
    weight: Weight,
    max_width: f32,
    max_lines: usize,
) -> Vec<String> {
    // Most labels fit: measure them without keeping anything.
    if Metrics::get().width(text, size, weight) <= max_width {
        return vec![text.to_owned()];
    }
    let t = Measured::new(text, size, weight);
    // Lines as character ranges, trailing whitespace left out.
    let mut lines: Vec<(usize, usize)> = Vec::new();
    // The line being filled starts at `start`; `solid` ends the last visible
    // character so far, so a line trimmed of trailing spaces ends at max(solid, start).
    let (mut start, mut solid, mut empty) = (0, 0, true);
    let mut from = 0;
    for end in piece_ends(&t.chars) {
        let line_solid = solid;
        if let Some(k) = t.chars[from..end].iter().rposition(|c| !c.is_whitespace()) {
            solid = from + k + 1;
        }
        if empty || t.px(t.units(start, solid.max(start))) <= max_width {
            empty = false;
        } else {
            lines.push((start, line_solid.max(start)));
            start = from;
        }
        from = end;
    }
    if solid > start {
        lines.push((start, solid));
    }
    let max_lines = max_lines.max(1);
    let rest = if lines.len() > max_lines {
        lines.split_off(max_lines - 1)
    } else {
        Vec::new()
    };
    // Any line still too wide (one long word, or the joined last line) is shortened.
    let mut out: Vec<String> = lines.iter().map(|r| t.line(&[*r], max_width)).collect();
    if !rest.is_empty() {
        out.push(t.line(&rest, max_width));
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
        let d = crate::builtin().unwrap();
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
    fn wraps_latin_at_spaces_and_japanese_anywhere_but_before_closing_marks() {
        let lines = wrap(
            "Customer Success Account Manager",
            16.0,
            Weight::Bold,
            150.0,
            3,
        );
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines
            .iter()
            .all(|l| !l.starts_with(' ') && !l.ends_with(' ')));
        assert_eq!(lines.join(" "), "Customer Success Account Manager");
        let lines = wrap(
            "データベースのサポートチーム。",
            16.0,
            Weight::Bold,
            100.0,
            3,
        );
        assert!(lines.len() >= 2, "{lines:?}");
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
    }

    #[test]
    fn too_long_text_ends_with_an_ellipsis() {
        let lines = wrap(&"長".repeat(100), 16.0, Weight::Regular, 100.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(Metrics::get().width(&lines[1], 16.0, Weight::Regular) <= 100.0);
    }

    /// The wrapping orgpath had before it was made linear, kept as the reference the
    /// new one must match character for character. It measured each candidate line
    /// and each shortened prefix afresh: quadratic in the text's length.
    mod oracle {
        use super::super::{is_cjk, no_line_start, Metrics, Weight};

        fn pieces(text: &str) -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            let mut cur = String::new();
            for c in text.chars() {
                if no_line_start(c) && cur.is_empty() {
                    if let Some(last) = out.last_mut() {
                        last.push(c);
                        continue;
                    }
                }
                if is_cjk(c) && !no_line_start(c) {
                    if !cur.is_empty() {
                        out.push(std::mem::take(&mut cur));
                    }
                    out.push(c.to_string());
                } else if c == ' ' {
                    cur.push(c);
                    out.push(std::mem::take(&mut cur));
                } else {
                    if cur.ends_with(' ') {
                        out.push(std::mem::take(&mut cur));
                    }
                    cur.push(c);
                }
            }
            if !cur.is_empty() {
                out.push(cur);
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
            let mut lines: Vec<String> = Vec::new();
            let mut line = String::new();
            for piece in pieces(text) {
                let candidate = format!("{line}{piece}");
                if line.is_empty() || m.width(candidate.trim_end(), size, weight) <= max_width {
                    line = candidate;
                } else {
                    lines.push(line.trim_end().to_owned());
                    line = piece;
                }
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
    fn wrapping_takes_time_in_proportion_to_the_text() {
        use std::time::{Duration, Instant};
        // Latin without a space (one piece, ellipsized), Latin words (many pieces, the
        // rest joined then ellipsized), Japanese (a piece a character).
        let kinds: [(&str, fn(usize) -> String); 3] = [
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
            // Linear: about the same. The quadratic algorithm took ten times as long
            // (4 s for 10,000 characters; 100,000 never finished).
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
