//! The words every floor speaks: bilingual text, and the closed sets of values
//! (which view, which language).
//!
//! They live at the bottom so that the dataset (tours name views), the drawing and the
//! window all share one definition, serialised the same way everywhere.

use serde::{Deserialize, Serialize};

/// Text in Japanese and English, both present and non-blank.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
pub struct Text {
    pub ja: String,
    pub en: String,
}

/// Which diagram a scene shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum View {
    Org,
    Relationships,
    Career,
    Flow,
}

impl View {
    pub const ALL: [View; 4] = [View::Org, View::Relationships, View::Career, View::Flow];

    pub fn as_str(self) -> &'static str {
        match self {
            View::Org => "org",
            View::Relationships => "relationships",
            View::Career => "career",
            View::Flow => "flow",
        }
    }

    pub fn parse(s: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn name(self) -> Text {
        let (ja, en) = match self {
            View::Org => ("組織図", "Organisation"),
            View::Relationships => ("部署間の関わり", "Relationships"),
            View::Career => ("キャリアパス", "Career paths"),
            View::Flow => ("問い合わせ対応の流れ", "Inquiry flow"),
        };
        Text {
            ja: ja.into(),
            en: en.into(),
        }
    }
}

/// Interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    pub fn pick(self, t: &Text) -> &str {
        match self {
            Lang::Ja => &t.ja,
            Lang::En => &t.en,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language names are written in: Japanese when at least half of `names`
    /// have Japanese script (a name with kana or kanji), English otherwise; Japanese
    /// when there are none. What an export of someone's file speaks unless told.
    pub fn of_names<'a>(names: impl Iterator<Item = &'a str>) -> Lang {
        let (mut japanese, mut all) = (0usize, 0usize);
        for name in names {
            all += 1;
            japanese += usize::from(is_japanese(name));
        }
        if all > 0 && japanese * 2 < all {
            Lang::En
        } else {
            Lang::Ja
        }
    }
}

/// A character of Japanese script: kana (full and half width) or a kanji.
pub fn is_japanese_char(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF66}'..='\u{FF9F}')
}

/// Text with Japanese script in it.
pub fn is_japanese(s: &str) -> bool {
    s.chars().any(is_japanese_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_tell_the_language() {
        assert_eq!(Lang::of_names(["Ada King", "Bo Li"].into_iter()), Lang::En);
        assert_eq!(Lang::of_names(["山田 太郎", "Bo Li"].into_iter()), Lang::Ja);
        assert_eq!(
            Lang::of_names(["ｶﾀｶﾅ", "Bo Li", "Cy"].into_iter()),
            Lang::En
        );
        assert_eq!(Lang::of_names(std::iter::empty()), Lang::Ja);
        assert!(is_japanese("CSS サポート") && !is_japanese("Ｓｕｐｐｏｒｔ"));
    }
}
