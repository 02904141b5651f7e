// Interface strings in both languages. Data text comes from the dataset, never here.
import type { Text } from "./generated/types";

export type Lang = "ja" | "en";

export const ui = {
  views: { ja: "ビュー", en: "Views" },
  org: { ja: "組織図", en: "Organisation" },
  relationships: { ja: "部署間の関わり", en: "Relationships" },
  career: { ja: "キャリアパス", en: "Career paths" },
  flow: { ja: "問い合わせ対応の流れ", en: "Inquiry flow" },
  layout: { ja: "レイアウト", en: "Layout" },
  compact: { ja: "末端をまとめて縦に並べる", en: "Stack leaf teams (compact)" },
  compactTip: { ja: "上下方向のツリーで有効 (C)", en: "For top-down and bottom-up trees (C)" },
  directionTip: { ja: "ツリーの向き (D で切り替え)", en: "Tree direction (D to cycle)" },
  legend: { ja: "凡例", en: "Legend" },
  source: { ja: "出典", en: "Source" },
  sourcePassage: { ja: "根拠となる記述", en: "Source passage" },
  noSource: { ja: "出典の記述は指定されていません。", en: "No source passage is given." },
  example: { ja: "例", en: "example" },
  exampleNote: {
    ja: "この項目は図のために補ったもので、記事には書かれていません。",
    en: "This item was added for the diagram; the source does not state it.",
  },
  title: { ja: "肩書き・担当", en: "Title" },
  group: { ja: "グループ", en: "Group" },
  track: { ja: "トラック", en: "Track" },
  parents: { ja: "所属", en: "Part of" },
  relations: { ja: "関わり", en: "Relationships" },
  showRelations: { ja: "この部署を中心に関わりを表示", en: "Show its relationships" },
  close: { ja: "閉じる (Esc)", en: "Close (Esc)" },
  zoomIn: { ja: "拡大 (+)", en: "Zoom in (+)" },
  zoomOut: { ja: "縮小 (−)", en: "Zoom out (−)" },
  zoomReset: { ja: "等倍 (0)", en: "Actual size (0)" },
  zoomFit: { ja: "全体", en: "Fit" },
  zoomFitTip: { ja: "全体を表示 (F)", en: "Fit to window (F)" },
  langTip: { ja: "表示言語 (L で切り替え)", en: "Language (L to switch)" },
  themeTip: { ja: "配色 (T で切り替え)", en: "Theme (T to cycle)" },
  light: { ja: "ライト", en: "Light" },
  dark: { ja: "ダーク", en: "Dark" },
  projector: { ja: "投影", en: "Projector" },
  loadFailed: { ja: "図を表示できませんでした", en: "The diagram could not be shown" },
  empty: { ja: "このデータにはこのビューで描ける項目がありません。", en: "This dataset has nothing to draw in this view." },
} satisfies Record<string, Text>;

export function t(text: Text, lang: Lang): string {
  return text[lang];
}
