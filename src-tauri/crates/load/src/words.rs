//! Phrases more than one loader says, written once in both languages.

use orgpath_model::both;
use orgpath_model::Text;

pub(crate) fn empty_file() -> Text {
    both!("the file is empty", "ファイルが空です")
}

/// For a dataset past the most nodes orgpath loads.
pub(crate) fn split_file() -> Text {
    both!(
        "split the organisation into several files (one per division, say), or check that this is the right file",
        "組織をいくつかのファイルに分けるか（たとえば部門ごと）、正しいファイルか確かめてください"
    )
}

/// For a quoted CSV field that never closes.
pub(crate) fn close_quote() -> Text {
    both!(
        "close the field with a double quote; a quote inside a field is written twice (\"\")",
        "フィールドを二重引用符で閉じてください。フィールドの中の引用符は 2 つ重ねて書きます（\"\"）"
    )
}

/// "row 12: ", put before a problem found in a CSV row.
pub(crate) fn row(line: u32) -> Text {
    both!("row {line}: ", "{line} 行目: ")
}

/// For a report cut short: the rest of its problems are counted, not listed.
pub(crate) fn fix_above() -> Text {
    both!(
        "fix the problems above and load the file again; one mistake repeated on every row, such as a shifted column, often causes them all",
        "上の問題を直してから読み込み直してください。列のずれのように、全部の行で繰り返された 1 つの間違いが原因のことがよくあります"
    )
}

/// For a hierarchy past the limits, which a parent column usually explains.
pub(crate) fn parent_column() -> Text {
    both!(
        "check the parent column: each ';' in it adds a parent",
        "parent の列を確かめてください。';' を書くたびに親が 1 つ増えます"
    )
}
