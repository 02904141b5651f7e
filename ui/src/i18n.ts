// Interface strings in both languages, kept as data in strings.json (one entry a line,
// for translators to edit without reading code) and typed here. Data text comes from
// the dataset, never here.
import type { Lang, Text } from "./generated/types";
import strings from "./strings.json";

export type { Lang };

export const ui = strings.ui satisfies Record<string, Text>;
/** Opening files (files.ts): the File menu, dropping, problems, the column-mapping step. */
export const fileText = strings.files satisfies Record<string, Text>;

export function t(text: Text, lang: Lang): string {
  return text[lang];
}
