// Interface strings in both languages. Data text comes from the dataset, never here.
import type { NodeKind, Text } from "./generated/types";

export type Lang = "ja" | "en";

export const ui = {
  views: { ja: "ビュー", en: "Views" },
  orgView: { ja: "組織図", en: "Organisation" },
  legend: { ja: "凡例", en: "Legend" },
  illustrative: { ja: "例示（記事にない補足）", en: "Illustrative (not in the source)" },
  secondary: { ja: "兼務・副次的な所属", en: "Secondary (matrix) parent" },
  source: { ja: "出典", en: "Source" },
  sourcePassage: { ja: "根拠となる記述", en: "Source passage" },
  noSource: { ja: "出典の記述は指定されていません。", en: "No source passage is given." },
  example: { ja: "例", en: "example" },
  exampleNote: {
    ja: "この項目は図のために補ったもので、記事には書かれていません。",
    en: "This item was added for the diagram; the source does not state it.",
  },
  kind: { ja: "種類", en: "Kind" },
  group: { ja: "グループ", en: "Group" },
  title: { ja: "肩書き", en: "Title" },
  otherParents: { ja: "他の所属", en: "Also part of" },
  close: { ja: "閉じる (Esc)", en: "Close (Esc)" },
  zoomIn: { ja: "拡大 (+)", en: "Zoom in (+)" },
  zoomOut: { ja: "縮小 (−)", en: "Zoom out (−)" },
  zoomReset: { ja: "等倍 (0)", en: "Actual size (0)" },
  zoomFit: { ja: "全体", en: "Fit" },
  zoomFitTip: { ja: "全体を表示 (F)", en: "Fit to window (F)" },
  langTip: { ja: "表示言語 (L で切り替え)", en: "Language (L to switch)" },
  loadFailed: { ja: "データを読み込めませんでした", en: "The dataset could not be loaded" },
  empty: { ja: "このデータには組織図に描ける項目がありません。", en: "This dataset has nothing to draw as an organisation tree." },
} satisfies Record<string, Text>;

export const kindNames: Record<NodeKind, Text> = {
  organisation: { ja: "組織", en: "Organisation" },
  department: { ja: "部門", en: "Department" },
  team: { ja: "チーム", en: "Team" },
  role: { ja: "ロール", en: "Role" },
  external: { ja: "社外", en: "External" },
  career_stage: { ja: "キャリア段階", en: "Career stage" },
};

export function t(text: Text, lang: Lang): string {
  return text[lang];
}
