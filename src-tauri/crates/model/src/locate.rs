//! Maps JSON pointers back to line and column in the original text.
//!
//! serde gives positions only for the error that stops it; validation works on typed
//! values and knows only pointers. This index, built once from text serde has already
//! accepted, lets every validation problem say where it is in the file as well.

use std::cell::OnceCell;
use std::collections::HashMap;

/// Start offsets of every value in a JSON text, by pointer.
///
/// Built on the first lookup, not by `new`: a valid file is never looked up, and for a
/// 100,000-node file the index (a pointer string per value) cost more than parsing
/// and validating it.
#[derive(Debug, Default)]
pub struct PointerIndex<'a> {
    text: &'a str,
    built: OnceCell<Built>,
}

#[derive(Debug, Default)]
struct Built {
    starts: HashMap<String, usize>,
    line_starts: Vec<usize>,
}

impl<'a> PointerIndex<'a> {
    /// An index of `text`. Malformed input gives a partial index, never a panic.
    pub fn new(text: &'a str) -> Self {
        PointerIndex {
            text,
            built: OnceCell::new(),
        }
    }

    fn built(&self) -> &Built {
        self.built.get_or_init(|| {
            let mut scanner = Scanner {
                bytes: self.text.as_bytes(),
                pos: 0,
                starts: HashMap::new(),
            };
            let mut pointer = String::new();
            scanner.skip_ws();
            // Ignored: on malformed text the index simply holds what was read before.
            let _ = scanner.value(&mut pointer, 0);
            let mut line_starts = vec![0];
            line_starts.extend(
                self.text
                    .bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            );
            Built {
                starts: scanner.starts,
                line_starts,
            }
        })
    }

    /// Line and column (1-based, columns in characters) of the value at `pointer`, or of
    /// its nearest ancestor that exists (a missing field is reported at its object).
    pub fn locate(&self, pointer: &str) -> Option<(u32, u32)> {
        let starts = &self.built().starts;
        let mut p = pointer;
        loop {
            if let Some(&offset) = starts.get(p) {
                return Some(self.line_column(offset));
            }
            if p.is_empty() {
                return None;
            }
            p = &p[..p.rfind('/').unwrap_or(0)];
        }
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_column(&self, offset: usize) -> (u32, u32) {
        let line_starts = &self.built().line_starts;
        let line = line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = line_starts[line];
        let end = offset.min(self.text.len());
        let column = self
            .text
            .get(start..end)
            .map_or(end - start, |s| s.chars().count());
        (to_u32(line + 1), to_u32(column + 1))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

struct Scanner<'b> {
    bytes: &'b [u8],
    pos: usize,
    starts: HashMap<String, usize>,
}

/// Deeper than serde_json's own limit (128): text serde accepted never reaches it.
const MAX_DEPTH: usize = 256;

impl Scanner<'_> {
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn value(&mut self, pointer: &mut String, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.starts.insert(pointer.clone(), self.pos);
        match *self.bytes.get(self.pos)? {
            b'{' => {
                self.pos += 1;
                self.skip_ws();
                if self.bytes.get(self.pos) == Some(&b'}') {
                    self.pos += 1;
                    return Some(());
                }
                loop {
                    self.skip_ws();
                    let key = self.string()?;
                    self.skip_ws();
                    if self.bytes.get(self.pos) != Some(&b':') {
                        return None;
                    }
                    self.pos += 1;
                    self.skip_ws();
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&escape_token(&key));
                    self.value(pointer, depth + 1)?;
                    pointer.truncate(len);
                    self.skip_ws();
                    match self.bytes.get(self.pos)? {
                        b',' => self.pos += 1,
                        b'}' => {
                            self.pos += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.pos += 1;
                self.skip_ws();
                if self.bytes.get(self.pos) == Some(&b']') {
                    self.pos += 1;
                    return Some(());
                }
                let mut i = 0usize;
                loop {
                    self.skip_ws();
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    self.value(pointer, depth + 1)?;
                    pointer.truncate(len);
                    i += 1;
                    self.skip_ws();
                    match self.bytes.get(self.pos)? {
                        b',' => self.pos += 1,
                        b']' => {
                            self.pos += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'"' => self.string().map(drop),
            _ => {
                // Number, true, false or null: skip to the next delimiter.
                while let Some(&b) = self.bytes.get(self.pos) {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.pos += 1;
                }
                Some(())
            }
        }
    }

    /// Reads a string token and returns its decoded value.
    fn string(&mut self) -> Option<String> {
        if self.bytes.get(self.pos) != Some(&b'"') {
            return None;
        }
        let start = self.pos;
        self.pos += 1;
        loop {
            match *self.bytes.get(self.pos)? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    break;
                }
                _ => self.pos += 1,
            }
        }
        let raw = std::str::from_utf8(self.bytes.get(start..self.pos)?).ok()?;
        serde_json::from_str(raw).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values_with_character_columns() {
        let text = "{\n  \"a\": [1, {\"b\": \"日本\", \"c/d\": true}],\n  \"e\": null\n}";
        let index = PointerIndex::new(text);
        assert_eq!(index.locate(""), Some((1, 1)));
        assert_eq!(index.locate("/a"), Some((2, 8)));
        assert_eq!(index.locate("/a/0"), Some((2, 9)));
        assert_eq!(index.locate("/a/1/b"), Some((2, 18)));
        // Columns count characters, so the two-character value moves `c/d` by two.
        assert_eq!(index.locate("/a/1/c~1d"), Some((2, 31)));
        assert_eq!(index.locate("/e"), Some((3, 8)));
    }

    #[test]
    fn missing_member_falls_back_to_its_object() {
        let index = PointerIndex::new("[{\"x\": 1}]");
        assert_eq!(index.locate("/0/label/en"), Some((1, 2)));
    }

    #[test]
    fn malformed_text_never_panics() {
        for text in ["", "{", "[1,", "{\"a\"", "\"\\", "{\"a\":}", "]"] {
            let _ = PointerIndex::new(text).locate("/a/0");
        }
    }
}
