//! Reading a file the user named, boundedly: only regular files, and never more than a
//! limit, however large the file says it is or turns out to be.
//!
//! The size the file system reports is not enough: `/dev/zero` and `/proc` files
//! report 0 and never end (or end late), a named pipe blocks the reader until another
//! program writes, and a file can grow between the check and the read. So the file is
//! opened without blocking, its type is checked on the open handle (a path swapped for
//! a pipe after a check cannot slip through), and the read stops one byte past the
//! limit.

use std::fmt;
use std::fs::{File, FileType};
use std::io::{self, Read};
use std::path::Path;

use orgpath_model::both;
use orgpath_model::Text;

/// An error orgpath words itself, in both languages; shown as the English, as an
/// [`io::Error`] shows its inner error.
#[derive(Debug)]
pub(crate) struct Said(pub Text);

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.en)
    }
}

impl std::error::Error for Said {}

/// The words of an error made here, in both languages; `None` for the system's own.
pub(crate) fn said(e: &io::Error) -> Option<&Text> {
    e.get_ref()?.downcast_ref::<Said>().map(|s| &s.0)
}

/// What a path names when it is not a regular file, for the message.
fn kind_of(ft: &FileType) -> Text {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return both!("a named pipe (FIFO)", "名前付きパイプ（FIFO）");
        }
        if ft.is_char_device() || ft.is_block_device() {
            return both!("a device", "デバイス");
        }
        if ft.is_socket() {
            return both!("a socket", "ソケット");
        }
    }
    if ft.is_dir() {
        return both!("a folder", "フォルダー");
    }
    both!("not a regular file", "ふつうのファイルではないもの")
}

fn refuse(ft: &FileType) -> io::Error {
    if ft.is_dir() {
        return io::Error::new(
            io::ErrorKind::IsADirectory,
            Said(both!(
                "this is a folder, not a file",
                "これはファイルではなくフォルダーです"
            )),
        );
    }
    let kind = kind_of(ft);
    io::Error::new(
        io::ErrorKind::InvalidInput,
        Said(both!(
            "this is {kind}, not a file saved on disk",
            "これはディスクに保存されたファイルではなく{kind}です";
            kind = kind
        )),
    )
}

/// The error [`read_capped`] gives for a file past its limit.
pub fn too_large(size: Option<u64>, limit: u64) -> io::Error {
    let mb = |b: u64| b.div_ceil(1024 * 1024);
    let limit = mb(limit);
    let message = match size {
        Some(size) => both!(
            "the file is {size} MB; orgpath loads files up to {limit} MB",
            "ファイルが {size} MB あります。orgpath が読み込めるのは {limit} MB までです",
            size = mb(size)
        ),
        None => both!(
            "the file is larger than the {limit} MB orgpath loads",
            "ファイルが orgpath の読み込める {limit} MB より大きいです"
        ),
    };
    io::Error::new(io::ErrorKind::FileTooLarge, Said(message))
}

/// Opens `path` for reading if it is a regular file (symbolic links followed), without
/// ever waiting on a pipe or a device.
pub fn open_regular(path: &Path) -> io::Result<File> {
    // The path's type first, for the message: opening a socket fails with "no such
    // device or address", which says nothing useful.
    let ft = std::fs::metadata(path)?.file_type();
    if !ft.is_file() {
        return Err(refuse(&ft));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // A pipe put in the file's place after the check would block `open` until a
        // writer came; non-blocking, it opens at once and the check below refuses it.
        // On a regular file the flag changes nothing.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let ft = file.metadata()?.file_type();
    if !ft.is_file() {
        return Err(refuse(&ft));
    }
    Ok(file)
}

/// The bytes of the regular file at `path`, refused with
/// [`io::ErrorKind::FileTooLarge`] when it holds more than `limit` bytes: before
/// reading when its size says so, else as soon as the read passes the limit.
pub fn read_capped(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(too_large(Some(size), limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(None, limit));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn devices_pipes_and_endless_files_are_refused_at_once() {
        let t = std::time::Instant::now();
        let e = read_capped(Path::new("/dev/zero"), 1024).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput, "{e}");
        assert!(e.to_string().contains("a device"), "{e}");
        let dir = std::env::temp_dir().join(format!("orgpath-read-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("pipe.csv");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let e = read_capped(&fifo, 1024).unwrap_err();
        assert!(e.to_string().contains("named pipe"), "{e}");
        let link = dir.join("zero.csv");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(read_capped(&link, 1024)
            .unwrap_err()
            .to_string()
            .contains("a device"));
        assert_eq!(
            read_capped(&dir, 1024).unwrap_err().kind(),
            io::ErrorKind::IsADirectory
        );
        // A /proc file says it is empty and is not: read up to the limit, then refused.
        let e = read_capped(Path::new("/proc/self/maps"), 16).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge, "{e}");
        assert!(t.elapsed() < std::time::Duration::from_secs(1));
        let file = dir.join("ok.csv");
        std::fs::write(&file, b"id,parent,name\n").unwrap();
        assert_eq!(read_capped(&file, 15).unwrap(), b"id,parent,name\n");
        assert_eq!(
            read_capped(&file, 14).unwrap_err().kind(),
            io::ErrorKind::FileTooLarge
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
