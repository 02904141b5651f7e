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
}
