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

/// Reads an input of at most `limit` bytes. A file's size is checked before it is
/// read; a FIFO, folder or device is refused without being opened for reading.
pub fn read_bounded(input: &Input, limit: usize) -> Result<Vec<u8>, ReadError> {
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
            let meta = std::fs::metadata(p).map_err(|e| ReadError::Io(io_message(&e)))?;
            if meta.is_dir() {
                return Err(ReadError::Io("a folder, not a file".to_string()));
            }
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
            if !meta.is_file() {
                return Err(ReadError::Io(
                    "not a regular file (a FIFO or a device?)".to_string(),
                ));
            }
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
