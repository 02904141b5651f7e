//! Themes: the colours a painter gives to the scene's roles.

use orgpath_draw::scene::{Accent, EdgeRole, GROUP_HUES, LINE_HUES};
use serde::{Deserialize, Serialize};

/// The colours of a drawing: "light", "dark" or "projector".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Theme {
    Light,
    Dark,
    /// High contrast (at least 7:1 for text) and, with `TypeScale::PROJECTOR`, large type.
    Projector,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::Projector];

    pub fn parse(s: &str) -> Option<Theme> {
        match s {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "projector" => Some(Theme::Projector),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Projector => "projector",
        }
    }
}

/// What is behind the diagram in an export: "theme", "white" or "transparent".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Background {
    /// The theme's canvas colour.
    Theme,
    White,
    Transparent,
}

impl Background {
    pub const ALL: [Background; 3] = [
        Background::Theme,
        Background::White,
        Background::Transparent,
    ];

    pub fn parse(s: &str) -> Option<Background> {
        match s {
            "theme" => Some(Background::Theme),
            "white" => Some(Background::White),
            "transparent" => Some(Background::Transparent),
            _ => None,
        }
    }
}

/// Group colours: Okabe–Ito's seven, then five more from Paul Tol's and ColorBrewer's
/// colour-blind-aware sets, chosen to stay apart from the seven (CIE76 distance at
/// least 13 for normal, deuteranopic and protanopic sight) and visible on light and
/// dark cards alike. Groups past the twelfth reuse them with a pattern
/// ([`Accent::pattern`]).
const GROUPS: [&str; GROUP_HUES as usize] = [
    "#0072B2", "#D55E00", "#E69F00", "#CC79A7", "#009E73", "#56B4E9", "#F0E442", "#AA3377",
    "#999933", "#6655CC", "#FB9A99", "#CAB2D6",
];
/// Relation kinds' line colours on light backgrounds: blue, vermillion, green,
/// purple first (a family each, far apart for every kind of colour vision), then
/// brown, indigo, slate and violet; each at least 4.5:1 on the light canvas, since
/// edge labels are set in them.
const LINES_LIGHT: [&str; LINE_HUES as usize] = [
    "#0072B2", "#C04F00", "#00795A", "#A8528A", "#6B4226", "#3B2F9E", "#2B3440", "#7A2E8E",
];
/// The same hues for the dark canvas (at least 5.6:1 on it); the last is yellow, the
/// hue left that stays apart from the others there.
const LINES_DARK: [&str; LINE_HUES as usize] = [
    "#56B4E9", "#F08A4B", "#3CC49A", "#E39AC6", "#B8865A", "#7E9CFF", "#DDE2EA", "#F0E442",
];
/// The two career tracks own one colour each in every view.
const TRACKS: [&str; 2] = ["#009E73", "#D55E00"];

pub struct Palette {
    pub canvas: &'static str,
    pub surface: &'static str,
    pub emphasis_fill: &'static str,
    pub ink: &'static str,
    pub ink2: &'static str,
    pub border: &'static str,
    pub link: &'static str,
    pub badge_fill: &'static str,
    pub badge_stroke: &'static str,
    pub badge_ink: &'static str,
    pub region_opacity: &'static str,
    /// Slides: the caption band behind the text.
    pub panel: &'static str,
    /// Slides: the progress bar.
    pub progress: &'static str,
    /// Multiplies line widths (thicker on a projector).
    pub line_scale: f32,
    lines: &'static [&'static str; LINE_HUES as usize],
}

impl Palette {
    pub fn of(theme: Theme) -> Palette {
        match theme {
            Theme::Light => Palette {
                canvas: "#F7F8FA",
                surface: "#FFFFFF",
                emphasis_fill: "#EEF5FB",
                ink: "#1C2430",
                ink2: "#4A5566",
                border: "#B9C1CD",
                link: "#8A94A6",
                badge_fill: "#FFF4D6",
                badge_stroke: "#B07800",
                badge_ink: "#6B4A00",
                region_opacity: "0.07",
                panel: "#ECEFF3",
                progress: "#0072B2",
                line_scale: 1.0,
                lines: &LINES_LIGHT,
            },
            Theme::Dark => Palette {
                canvas: "#14171C",
                surface: "#1F242C",
                emphasis_fill: "#1B2D3D",
                ink: "#E8ECF2",
                ink2: "#AAB3C0",
                border: "#46505F",
                link: "#7D8796",
                badge_fill: "#3A2F10",
                badge_stroke: "#E0B040",
                badge_ink: "#F5D67A",
                region_opacity: "0.12",
                panel: "#1F242C",
                progress: "#56B4E9",
                line_scale: 1.0,
                lines: &LINES_DARK,
            },
            // Black on white: 21:1 for titles, #333 captions at 12.6:1.
            Theme::Projector => Palette {
                canvas: "#FFFFFF",
                surface: "#FFFFFF",
                emphasis_fill: "#E8F1FA",
                ink: "#000000",
                ink2: "#333333",
                border: "#333333",
                link: "#333333",
                badge_fill: "#FFF0C2",
                badge_stroke: "#7A5200",
                badge_ink: "#4D3300",
                region_opacity: "0.08",
                panel: "#F0F0F0",
                progress: "#0072B2",
                line_scale: 2.0,
                lines: &LINES_LIGHT,
            },
        }
    }

    /// The colour of an accent. A group past the [`GROUP_HUES`]th shares its colour
    /// with an earlier one and is told apart by [`Accent::pattern`].
    pub fn accent(&self, a: Accent) -> &'static str {
        match a {
            Accent::Group(i) => GROUPS[(i % GROUP_HUES) as usize],
            Accent::Track(i) => TRACKS[i as usize % TRACKS.len()],
            Accent::Neutral => self.link,
        }
    }

    pub fn edge(&self, role: EdgeRole) -> &'static str {
        match role {
            EdgeRole::Hierarchy | EdgeRole::Secondary | EdgeRole::FlowBranch => self.link,
            EdgeRole::Relation { hue, .. } => self.lines[(hue % LINE_HUES) as usize],
            EdgeRole::Transition => self.ink2,
            EdgeRole::FlowNext => self.ink2,
            // The first line hue: a flow draws no relation, so it is free there.
            EdgeRole::FlowShortcut => self.lines[0],
        }
    }

    /// Label text for an edge: the edge's colour where it is dark enough to read.
    pub fn edge_text(&self, role: EdgeRole) -> &'static str {
        match role {
            EdgeRole::Relation { .. } | EdgeRole::FlowShortcut => self.edge(role),
            _ => self.ink2,
        }
    }
}
