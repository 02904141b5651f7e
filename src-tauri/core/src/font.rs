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
        let face = self.face(weight);
        let scale = size / f32::from(face.units_per_em());
        let notdef = face.glyph_hor_advance(ttf_parser::GlyphId(0)).unwrap_or(0);
        let units: u32 = text
            .chars()
            .map(|c| {
                let g = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                u32::from(face.glyph_hor_advance(g).unwrap_or(notdef))
            })
            .sum();
        units as f32 * scale
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

/// Breakable pieces: a Latin word with its trailing space, or one CJK character
/// (with any following characters that may not start a line).
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

/// Wraps `text` into at most `max_lines` lines no wider than `max_width`. A last line
/// that still does not fit ends with an ellipsis; the caller keeps the full text for
/// the tooltip and the details panel.
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
    // Any line still too wide (one long word, or the merged last line) is shortened.
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
}
