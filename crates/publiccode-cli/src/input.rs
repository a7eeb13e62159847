//! Reading inputs with one size limit for every command (`validate`, `upgrade`), chosen
//! before reading from the flag or the file name, never from the content: text that
//! merely looks like code.json cannot raise it. A file over the limit is refused with
//! its real size (from the file system, or counted on standard input), never truncated.

use std::io::Read;

use crate::discover::Input;

/// Largest publiccode.yml accepted, in bytes.
pub const MAX_BYTES: usize = 1 << 20;

/// Why an input was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Larger than the limit; `size` is the real size.
    TooLarge {
        /// The input's size in bytes.
        size: u64,
        /// The limit it exceeds.
        limit: usize,
    },
    /// Not readable (missing, a folder, a FIFO, permissions …): why, without the path
    /// (the caller names the input once).
    Io(String),
}

impl ReadError {
    /// The PC005 message for [`ReadError::TooLarge`], the I/O message otherwise.
    pub fn message(&self) -> String {
        match self {
            ReadError::TooLarge { size, limit } => {
                format!("the file is {size} bytes, more than the limit of {limit} bytes")
            }
            ReadError::Io(m) => m.clone(),
        }
    }
}

/// The size limit for `path`: the foreign formats' larger one only when the format is
/// forced with a flag or named by the file (`code.json`, an ORE `_data/` folder).
pub fn limit_for(path: &str, forced_foreign: Option<bool>) -> usize {
    let foreign = match forced_foreign {
        Some(f) => f,
        None => {
            let unix = path.replace('\\', "/");
            let name = unix.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
            name == "code.json" || unix.contains("_data/code/") || unix.contains("_data/software/")
        }
    };
    if foreign {
        publiccode_check::foreign::MAX_FOREIGN_BYTES
    } else {
        MAX_BYTES
    }
}

/// Why `e` stopped the reading of a file, without its path.
fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// What is known of an input before it is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// Nothing: the file system is asked what it is.
    Nothing,
    /// The listing of its folder, just read, says it is a regular file (not a link):
    /// it is opened without asking first, and checked on the open handle.
    RegularFile,
}

/// Reads an input of at most `limit` bytes. A file's size is checked before it is
/// read; a FIFO, folder or device is refused without being opened for reading.
pub fn read_bounded(input: &Input, limit: usize) -> Result<Vec<u8>, ReadError> {
    read_known(input, limit, Known::Nothing)
}

/// [`read_bounded`], skipping the look before opening when `known` says the input is
/// a regular file (one system call fewer per file of a directory search). The answer
/// is the same: the open handle is checked for being a regular file within the limit.
pub fn read_known(input: &Input, limit: usize, known: Known) -> Result<Vec<u8>, ReadError> {
    match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            let mut stdin = std::io::stdin().lock();
            (&mut stdin)
                .take(limit as u64 + 1)
                .read_to_end(&mut buf)
                .map_err(|e| ReadError::Io(format!("cannot read: {e}")))?;
            if buf.len() > limit {
                // Count the rest without keeping it, to report the real size.
                let rest = std::io::copy(&mut stdin, &mut std::io::sink()).unwrap_or(0);
                return Err(ReadError::TooLarge {
                    size: buf.len() as u64 + rest,
                    limit,
                });
            }
            Ok(buf)
        }
        Input::File(p) => {
            if known == Known::Nothing {
                look_before_opening(p, limit)?;
            }
            let mut open = std::fs::OpenOptions::new();
            open.read(true);
            #[cfg(unix)]
            {
                // Swapped for a FIFO after the check: do not block on it.
                use std::os::unix::fs::OpenOptionsExt;
                open.custom_flags(libc::O_NONBLOCK);
            }
            let file = open.open(p).map_err(|e| ReadError::Io(io_message(&e)))?;
            let meta = file.metadata().map_err(|e| ReadError::Io(io_message(&e)))?;
            refuse_by_metadata(&meta, limit)?;
            let mut buf = Vec::with_capacity(meta.len() as usize);
            file.take(limit as u64 + 1)
                .read_to_end(&mut buf)
                .map_err(|e| ReadError::Io(io_message(&e)))?;
            if buf.len() > limit {
                // It grew while being read.
                return Err(ReadError::TooLarge {
                    size: meta.len().max(buf.len() as u64),
                    limit,
                });
            }
            Ok(buf)
        }
    }
}

/// Refuses a folder, a FIFO or device, or a file over `limit`, from its metadata,
/// before it is opened.
fn look_before_opening(p: &std::path::Path, limit: usize) -> Result<(), ReadError> {
    let meta = std::fs::metadata(p).map_err(|e| ReadError::Io(io_message(&e)))?;
    if meta.is_dir() {
        return Err(ReadError::Io("a folder, not a file".to_string()));
    }
    refuse_by_metadata(&meta, limit)
}

/// Refuses what is not a regular file, or a file over `limit`: the same answer before
/// opening (from the path) and after (from the open handle).
fn refuse_by_metadata(meta: &std::fs::Metadata, limit: usize) -> Result<(), ReadError> {
    if !meta.is_file() {
        return Err(ReadError::Io(
            "not a regular file (a FIFO or a device?)".to_string(),
        ));
    }
    if meta.len() > limit as u64 {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(r: Result<Vec<u8>, ReadError>) -> Result<Vec<u8>, String> {
        r.map_err(|e| e.message())
    }

    /// A file the listing called regular reads as the plain path reads it, and when
    /// something else took its place (a FIFO, a larger file) it is refused the same way.
    #[test]
    fn a_listed_regular_file_reads_as_an_unknown_one() {
        let dir = std::env::temp_dir().join(format!("pc-input-known-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(dir.join("small.yml"), "name: x\n").expect("write");
        std::fs::write(dir.join("empty.yml"), "").expect("write");
        std::fs::write(dir.join("large.yml"), "x".repeat(100)).expect("write");
        let mut names = vec!["small.yml", "empty.yml", "large.yml", "missing.yml"];
        #[cfg(unix)]
        {
            let made = std::process::Command::new("mkfifo")
                .arg(dir.join("fifo.yml"))
                .status()
                .expect("mkfifo runs");
            assert!(made.success(), "mkfifo");
            names.push("fifo.yml");
        }
        for name in names {
            let input = Input::File(dir.join(name));
            for limit in [50, 1000] {
                assert_eq!(
                    outcome(read_known(&input, limit, Known::RegularFile)),
                    outcome(read_bounded(&input, limit)),
                    "{name}, limit {limit}"
                );
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
