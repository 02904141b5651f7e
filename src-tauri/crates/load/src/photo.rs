//! A photo column's cells to pictures on the cards. A cell names a PNG or JPEG file
//! relative to the CSV file's folder; the file is read once (cells that share a photo
//! share it) and kept as a `data:` URI, so the window, the SVG, the PNG and the PDF all
//! draw it with no further file access. Web addresses are not fetched: orgpath only
//! ever reads the files the user opened, and those beside them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use orgpath_model::both;
use orgpath_model::Text;

/// The largest photo read. A card draws it at 40 px; a 1 MB picture is already
/// hundreds of times that, and a hundred of them still fit the window comfortably.
pub(crate) const MAX_PHOTO_BYTES: u64 = 1024 * 1024;

/// The most photo bytes one file reads in all: every photo is drawn into every
/// export and sent to the window inside the SVG, so thousands of large ones would
/// make each redraw slow. 64 MB is 640 photos of 100 KB.
pub(crate) const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024;

/// Why a cell gives no photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// An http(s) address: not fetched (said once per file, not per row).
    Remote,
    /// Anything else, said for the row: what is wrong and what to do.
    Unusable { message: Text, hint: Text },
}

/// Reads photos for one file's rows, remembering each file read.
pub(crate) struct Photos {
    /// The CSV file's folder, resolved; `None` when it cannot be (then only web
    /// addresses are recognised and every path is refused).
    folder: Option<PathBuf>,
    read: HashMap<PathBuf, Result<Arc<str>, Refusal>>,
    /// Each cell's answer, so a large file that repeats a cell (a placeholder picture)
    /// resolves the path once.
    cells: HashMap<String, Result<Arc<str>, Refusal>>,
    /// Bytes read so far, against [`MAX_TOTAL_BYTES`].
    total: u64,
}

impl Photos {
    pub fn new(folder: Option<&Path>) -> Photos {
        let folder = folder.map(|f| {
            if f.as_os_str().is_empty() {
                Path::new(".")
            } else {
                f
            }
        });
        Photos {
            folder: folder.and_then(|f| f.canonicalize().ok()),
            read: HashMap::new(),
            cells: HashMap::new(),
            total: 0,
        }
    }

    /// The photo a cell names, as a `data:` URI.
    pub fn get(&mut self, cell: &str) -> Result<Arc<str>, Refusal> {
        if let Some(known) = self.cells.get(cell) {
            return known.clone();
        }
        let result = self.resolve(cell);
        self.cells.insert(cell.to_owned(), result.clone());
        result
    }

    fn resolve(&mut self, cell: &str) -> Result<Arc<str>, Refusal> {
        let lower = cell.trim().to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            return Err(Refusal::Remote);
        }
        let unusable = |message, hint| Refusal::Unusable { message, hint };
        let Some(folder) = self.folder.clone() else {
            return Err(unusable(
                both!(
                    "the photo \"{cell}\" cannot be found: the CSV file's folder is unknown",
                    "写真「{cell}」が見つかりません。CSV ファイルのフォルダーがわかりません"
                ),
                both!(
                    "open the CSV file from its folder",
                    "CSV ファイルをそのフォルダーから開いてください"
                ),
            ));
        };
        let named = folder.join(cell.trim());
        let resolved = match named.canonicalize() {
            Ok(p) => p,
            Err(_) => {
                return Err(unusable(
                    both!(
                        "the photo file \"{cell}\" does not exist",
                        "写真のファイル「{cell}」がありません"
                    ),
                    both!(
                        "name a PNG or JPEG file by its path from the CSV file's folder (e.g. photos/tanaka.jpg), or leave the cell empty",
                        "CSV ファイルのフォルダーからのパスで PNG か JPEG のファイルを書く（例: photos/tanaka.jpg）か、セルを空にしてください"
                    ),
                ))
            }
        };
        // Symbolic links and `..` are resolved first, so a photo cannot reach outside
        // the folder the user chose to open.
        if !resolved.starts_with(&folder) {
            return Err(unusable(
                both!(
                    "the photo \"{cell}\" is outside the CSV file's folder",
                    "写真「{cell}」が CSV ファイルのフォルダーの外にあります"
                ),
                both!(
                    "put the photo in the CSV file's folder (or a folder inside it) and name it from there",
                    "写真を CSV ファイルのフォルダー（またはその中のフォルダー）に置いて、そこからのパスを書いてください"
                ),
            ));
        }
        if let Some(known) = self.read.get(&resolved) {
            return known.clone();
        }
        let result = read_photo(&resolved, cell, MAX_TOTAL_BYTES.saturating_sub(self.total));
        if let Ok(uri) = &result {
            self.total += uri.len() as u64 * 3 / 4;
        }
        self.read.insert(resolved, result.clone());
        result
    }
}

fn read_photo(path: &Path, cell: &str, room: u64) -> Result<Arc<str>, Refusal> {
    let unusable = |message, hint| Refusal::Unusable { message, hint };
    let unreadable = |e: std::io::Error| {
        unusable(
            both!(
                "the photo file \"{cell}\" cannot be read: {e}",
                "写真のファイル「{cell}」を読めません: {e}"
            ),
            both!(
                "check that you may read the file",
                "このファイルを読む権限があるか確かめてください"
            ),
        )
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(unusable(
            both!(
                "the photo \"{cell}\" is not a file",
                "写真「{cell}」がファイルではありません"
            ),
            both!(
                "name a PNG or JPEG file",
                "PNG か JPEG のファイルを書いてください"
            ),
        ));
    }
    if meta.len() > MAX_PHOTO_BYTES {
        return Err(unusable(
            both!(
                "the photo file \"{cell}\" is {kb} KB; orgpath reads photos up to {max} KB",
                "写真のファイル「{cell}」が {kb} KB あります。orgpath が読む写真は {max} KB までです",
                kb = meta.len() / 1024,
                max = MAX_PHOTO_BYTES / 1024
            ),
            both!(
                "save a smaller copy (a card shows it at 40 px: 200 px square is plenty)",
                "小さくしたコピーを保存してください（カードには 40 px で表示します。200 px 四方で十分です）"
            ),
        ));
    }
    if meta.len() > room {
        return Err(unusable(
            both!(
                "the photo file \"{cell}\" is not read: the file's photos already fill the {mb} MB orgpath reads for one file",
                "写真のファイル「{cell}」は読みませんでした。このファイルの写真が、orgpath が 1 ファイルで読む {mb} MB をすでに使い切っています",
                mb = MAX_TOTAL_BYTES / (1024 * 1024)
            ),
            both!(
                "save smaller copies of the photos (a card shows them at 40 px: 200 px square is plenty)",
                "写真を小さくしたコピーを保存してください（カードには 40 px で表示します。200 px 四方で十分です）"
            ),
        ));
    }
    // Bounded even if the file grows after the size check, and never a pipe put in
    // its place meanwhile.
    let bytes = super::file::read_capped(path, MAX_PHOTO_BYTES).map_err(|e| {
        if e.kind() == std::io::ErrorKind::FileTooLarge {
            unusable(
                both!(
                    "the photo file \"{cell}\" grew while it was read",
                    "写真のファイル「{cell}」が読んでいる間に大きくなりました"
                ),
                both!("load the file again", "ファイルを読み込み直してください"),
            )
        } else {
            unreadable(e)
        }
    })?;
    let mime = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else {
        return Err(unusable(
            both!(
                "the photo file \"{cell}\" is not a PNG or JPEG picture",
                "写真のファイル「{cell}」が PNG や JPEG の画像ではありません"
            ),
            both!(
                "save the photo as PNG or JPEG",
                "写真を PNG か JPEG で保存してください"
            ),
        ));
    };
    Ok(Arc::from(format!("data:{mime};base64,{}", base64(&bytes))))
}

/// Standard base64 with padding (RFC 4648), as `data:` URIs take it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
    }

    #[test]
    fn web_addresses_are_not_fetched() {
        let mut photos = Photos::new(Some(Path::new(".")));
        assert_eq!(
            photos.get("https://example.com/a.png"),
            Err(Refusal::Remote)
        );
        assert_eq!(photos.get("HTTP://example.com/a.png"), Err(Refusal::Remote));
    }
}
