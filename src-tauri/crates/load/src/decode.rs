//! Bytes to text. JSON is UTF-8 by definition; CSV files come in whatever encoding the
//! spreadsheet that saved them chose, so they are detected, or read as the user says.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use orgpath_model::both;
use orgpath_model::problem::{Code, Location, Problem};
use orgpath_model::Text;

/// The text encoding of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename_all = "snake_case")]
pub enum Encoding {
    /// Detect: a UTF-16 or UTF-8 byte-order mark; else UTF-8 if the bytes are UTF-8;
    /// else, unless they are UTF-8 cut inside the last character (refused), Shift_JIS
    /// if they are that.
    #[default]
    Auto,
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16: the byte-order mark says which way round; without one, little-endian
    /// (what Windows writes).
    Utf16,
    /// Shift_JIS as Windows writes it (CP932 / Windows-31J), Excel's plain "CSV" on a
    /// Japanese system.
    ShiftJis,
}

impl Encoding {
    /// The name the command line and the manifest use.
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Auto => "auto",
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::ShiftJis => "shift_jis",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Encoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let key: String = s
            .trim()
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "auto" => Ok(Encoding::Auto),
            "utf8" => Ok(Encoding::Utf8),
            "utf16" | "utf16le" | "utf16be" | "unicode" => Ok(Encoding::Utf16),
            "shiftjis" | "sjis" | "cp932" | "windows31j" | "ms932" => Ok(Encoding::ShiftJis),
            _ => Err(format!(
                "unknown encoding \"{s}\": use auto, utf-8, utf-16 or shift_jis (also sjis, cp932)"
            )),
        }
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

/// Line and column (1-based, columns in characters) just after `text`.
fn end_of(text: &str) -> (u32, u32) {
    let line = text.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = text.rfind('\n').map_or(0, |p| p + 1);
    let column = text[line_start..].chars().count() + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

/// Why bytes are not UTF-8, placed after the text before the fault (line, column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotUtf8 {
    /// A byte no UTF-8 text has there.
    Bad((u32, u32)),
    /// The last character is cut short: the bytes end inside it. `ascii` says whether
    /// all the text before it is ASCII.
    Cut { at: (u32, u32), ascii: bool },
}

/// Where UTF-8 decoding of `bytes` fails, if it does.
fn utf8(bytes: &[u8]) -> Result<&str, NotUtf8> {
    std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        // The prefix is valid by definition; the lossy form only avoids an unwrap.
        let at = end_of(&String::from_utf8_lossy(before));
        // No error length: the input ended inside a character (its last 1 to 3 bytes).
        match e.error_len() {
            None => NotUtf8::Cut {
                at,
                ascii: before.is_ascii(),
            },
            Some(_) => NotUtf8::Bad(at),
        }
    })
}

/// A file that is UTF-8 to its last character, which it ends in the middle of: a
/// file cut short, or one read while it is still being saved (live reload retries
/// on an error, so this must be one). Read as Shift_JIS instead, such a file would
/// open with a garbled ending and look fine. Only text that is all ASCII before the
/// cut could also be Shift_JIS (a last character whose bytes begin like UTF-8 ones),
/// so only then does the hint mention it.
fn cut_problem(at: (u32, u32), ascii: bool, csv: bool) -> Box<Problem> {
    let mut hint = both!(
        "if another program is saving the file, wait until it has finished and open it again; otherwise it was cut short (a copy or download interrupted): save or copy it again",
        "別のプログラムが保存している途中なら、終わるのを待ってから開き直してください。そうでなければファイルが途中で切れています（コピーやダウンロードの中断）。保存かコピーをやり直してください"
    );
    let mut cli = None;
    if ascii && csv {
        cli = Some(format!(
            "{}; if it is a Shift_JIS file, choose that encoding (--encoding shift_jis)",
            hint.en
        ));
        // The window has no encoding to choose before a file opens: it asks for the
        // file saved again instead.
        hint.en.push_str(
            "; if it is a Shift_JIS file, save it again as UTF-8 (in Excel: \"CSV UTF-8\")",
        );
        hint.ja.push_str(
            "。Shift_JIS のファイルなら、UTF-8 で保存し直してください（Excel では「CSV UTF-8」）",
        );
    }
    let problem = Problem::new(
        Code::Encoding,
        Location::line_column(at.0, at.1),
        both!(
            "the file ends in the middle of a UTF-8 character: it may have been cut off, or still be being saved",
            "ファイルが UTF-8 の文字の途中で終わっています。途中で切れたか、まだ保存中かもしれません"
        ),
        hint,
    );
    Box::new(match cli {
        Some(cli) => problem.with_cli_hint(cli),
        None => problem,
    })
}

/// Decodes all of `bytes` with `encoding`, or says at which line and column the first
/// malformed byte sits (in the text decoded before it).
fn strict(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> Result<String, (u32, u32)> {
    use encoding_rs::DecoderResult;
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::new();
    let mut src = bytes;
    loop {
        let need = decoder
            .max_utf8_buffer_length_without_replacement(src.len())
            .unwrap_or(src.len().saturating_mul(3));
        out.reserve(need);
        let (result, read) = decoder.decode_to_string_without_replacement(src, &mut out, true);
        src = src.get(read..).unwrap_or_default();
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => continue,
            DecoderResult::Malformed(..) => return Err(end_of(&out)),
        }
    }
}

/// The encoding a byte-order mark announces, for hints.
fn bom_of(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(UTF8_BOM) {
        Some("UTF-8")
    } else if bytes.starts_with(UTF16LE_BOM) || bytes.starts_with(UTF16BE_BOM) {
        Some("UTF-16")
    } else {
        None
    }
}

/// Strips a UTF-8 byte-order mark and checks that the rest is UTF-8 (JSON files).
/// Errors are boxed: a problem is large, and the happy path should not pay for it.
pub(crate) fn decode_utf8(bytes: &[u8]) -> Result<&str, Box<Problem>> {
    // JSON is UTF-8 by its standard; a UTF-16 file (Windows' "Unicode") is the usual
    // way that goes wrong, and the byte-order mark says so at once.
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Box::new(Problem::new(
            Code::Encoding,
            Location::line_column(1, 1),
            both!(
                "the file is UTF-16 text (it starts with a UTF-16 byte-order mark); JSON files are UTF-8",
                "このファイルは UTF-16 のテキストです（UTF-16 のバイト順マークで始まります）。JSON ファイルは UTF-8 で書きます"
            ),
            both!(
                "save it as UTF-8 (in an editor: encoding UTF-8; in Notepad: Save as, Encoding UTF-8)",
                "UTF-8 で保存してください（エディターでは文字コード UTF-8、メモ帳では「名前を付けて保存」で文字コード UTF-8）"
            ),
        )));
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    utf8(bytes).map_err(|e| match e {
        NotUtf8::Cut { at, ascii } => cut_problem(at, ascii, false),
        NotUtf8::Bad((line, column)) => Box::new(Problem::new(
            Code::Encoding,
            Location::line_column(line, column),
            both!(
                "the file is not UTF-8 text",
                "ファイルが UTF-8 のテキストではありません"
            ),
            both!(
                "save it as UTF-8 (in an editor: encoding UTF-8)",
                "UTF-8 で保存してください（エディターでは文字コード UTF-8）"
            ),
        )),
    })
}

/// Decodes a CSV file. Spreadsheets save CSV in more encodings than JSON allows:
/// UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark (Excel's
/// "Unicode text"), and, in Japan, Shift_JIS / CP932 (Excel's plain "CSV"). With
/// [`Encoding::Auto`], a file that is valid UTF-8 is read as UTF-8; one that is UTF-8
/// but for a cut last character is an error (see [`cut_problem`]); one that is not,
/// but is valid Shift_JIS (Windows-31J, as encoding_rs defines it), is read as that;
/// anything else is an error at the first byte that is not UTF-8. A chosen encoding
/// is used as it is, and an error names the first byte it cannot read.
///
/// Returns the text and the encoding it was read as.
pub(crate) fn decode_text(
    bytes: &[u8],
    encoding: Encoding,
) -> Result<(Cow<'_, str>, Encoding), Box<Problem>> {
    let at = |(line, column): (u32, u32)| Location::line_column(line, column);
    match encoding {
        Encoding::Auto => {
            if bytes.starts_with(UTF16LE_BOM) || bytes.starts_with(UTF16BE_BOM) {
                return utf16(bytes).map(|t| (Cow::Owned(t), Encoding::Utf16)).map_err(|pos| {
                    Box::new(Problem::new(
                        Code::Encoding,
                        at(pos),
                        both!(
                            "the file starts as UTF-16 text (it has a UTF-16 byte-order mark) but is not valid UTF-16 here",
                            "ファイルは UTF-16 のテキストとして始まります（UTF-16 のバイト順マークがあります）が、ここは正しい UTF-16 ではありません"
                        ),
                        both!(
                            "save it again as UTF-8 (in Excel: \"CSV UTF-8\"); a file cut short ends mid-character",
                            "UTF-8 で保存し直してください（Excel では「CSV UTF-8」）。途中で切れたファイルは文字の途中で終わります"
                        ),
                    ))
                });
            }
            let rest = bytes.strip_prefix(UTF8_BOM);
            match utf8(rest.unwrap_or(bytes)) {
                Ok(text) => Ok((Cow::Borrowed(text), Encoding::Utf8)),
                Err(NotUtf8::Cut { at, ascii }) => Err(cut_problem(at, ascii && rest.is_none(), true)),
                // A byte-order mark says UTF-8: no second guess.
                Err(NotUtf8::Bad(pos)) if rest.is_some() => Err(Box::new(Problem::new(
                    Code::Encoding,
                    at(pos),
                    both!(
                        "the file starts as UTF-8 text (it has a UTF-8 byte-order mark) but is not valid UTF-8 here",
                        "ファイルは UTF-8 のテキストとして始まります（UTF-8 のバイト順マークがあります）が、ここは正しい UTF-8 ではありません"
                    ),
                    both!(
                        "save it again as UTF-8 (in Excel: \"CSV UTF-8\")",
                        "UTF-8 で保存し直してください（Excel では「CSV UTF-8」）"
                    ),
                ))),
                Err(NotUtf8::Bad(pos)) => match strict(encoding_rs::SHIFT_JIS, bytes) {
                    Ok(text) => Ok((Cow::Owned(text), Encoding::ShiftJis)),
                    Err(_) => Err(Box::new(Problem::new(
                        Code::Encoding,
                        at(pos),
                        both!(
                            "the file is not UTF-8 text (nor UTF-16 with a byte-order mark, nor Shift_JIS)",
                            "ファイルが UTF-8 のテキストではありません（バイト順マーク付きの UTF-16 でも Shift_JIS でもありません）"
                        ),
                        both!(
                            "save it as UTF-8 (in Excel: \"CSV UTF-8\"; in an editor: encoding UTF-8)",
                            "UTF-8 で保存してください（Excel では「CSV UTF-8」、エディターでは文字コード UTF-8）"
                        ),
                    ).with_cli_hint("save it as UTF-8 (in Excel: \"CSV UTF-8\"; in an editor: encoding UTF-8), or name its encoding with --encoding"))),
                },
            }
        }
        chosen => {
            let result = match chosen {
                Encoding::Utf8 => match utf8(bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes)) {
                    Ok(text) => Ok(Cow::Borrowed(text)),
                    // UTF-8 as asked, but cut short: not a question of encoding.
                    Err(NotUtf8::Cut { at, .. }) => return Err(cut_problem(at, false, true)),
                    Err(NotUtf8::Bad(pos)) => Err(pos),
                },
                Encoding::Utf16 => utf16(bytes).map(Cow::Owned),
                _ => strict(encoding_rs::SHIFT_JIS, bytes).map(Cow::Owned),
            };
            result.map(|t| (t, chosen)).map_err(|pos| {
                let name = match chosen {
                    Encoding::Utf8 => "UTF-8",
                    Encoding::Utf16 => "UTF-16",
                    _ => "Shift_JIS",
                };
                // The command line names the flag's value, the window its choice.
                let said = |auto: &str| {
                    format!("the file was read as {name}, as asked; check which encoding it was saved in and choose that one, or let orgpath detect it ({auto})")
                };
                let mut hint = Text {
                    en: said("Encoding: Detect"),
                    ja: format!("指定どおり {name} として読みました。保存したときの文字コードを確かめてそれを選ぶか、orgpath に判定させてください（文字コード: 自動判定）"),
                };
                let mut cli = said("encoding auto");
                if let Some(bom) = bom_of(bytes).filter(|b| *b != name) {
                    let more = both!(
                        "; it starts with a {bom} byte-order mark, so it is probably {bom}",
                        "。{bom} のバイト順マークで始まるので、おそらく {bom} です"
                    );
                    hint.en.push_str(&more.en);
                    hint.ja.push_str(&more.ja);
                    cli.push_str(&more.en);
                }
                Box::new(
                    Problem::new(
                        Code::Encoding,
                        at(pos),
                        both!(
                            "the file is not valid {name} here",
                            "ファイルのここが正しい {name} ではありません"
                        ),
                        hint,
                    )
                    .with_cli_hint(cli),
                )
            })
        }
    }
}

/// UTF-16: the byte-order mark decides the byte order; without one, little-endian.
fn utf16(bytes: &[u8]) -> Result<String, (u32, u32)> {
    if let Some(rest) = bytes.strip_prefix(UTF16BE_BOM) {
        strict(encoding_rs::UTF_16BE, rest)
    } else {
        strict(
            encoding_rs::UTF_16LE,
            bytes.strip_prefix(UTF16LE_BOM).unwrap_or(bytes),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_in_their_usual_spellings() {
        for (s, e) in [
            ("auto", Encoding::Auto),
            ("UTF-8", Encoding::Utf8),
            ("utf8", Encoding::Utf8),
            ("utf-16", Encoding::Utf16),
            ("UTF16", Encoding::Utf16),
            ("shift_jis", Encoding::ShiftJis),
            ("Shift-JIS", Encoding::ShiftJis),
            ("sjis", Encoding::ShiftJis),
            ("cp932", Encoding::ShiftJis),
        ] {
            assert_eq!(s.parse::<Encoding>(), Ok(e), "{s}");
        }
        assert!("latin1"
            .parse::<Encoding>()
            .unwrap_err()
            .contains("shift_jis"));
    }

    #[test]
    fn a_malformed_byte_is_placed_after_the_text_before_it() {
        // "ab\nあ" then a lone lead byte of a two-byte Shift_JIS character.
        let mut bytes = encoding_rs::SHIFT_JIS.encode("ab\nあ").0.into_owned();
        bytes.push(0x81);
        assert_eq!(strict(encoding_rs::SHIFT_JIS, &bytes), Err((2, 2)));
    }
}
