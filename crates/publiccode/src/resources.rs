//! Effects behind small traits: reading files that a descriptor refers to, and (in a
//! later capability) the network. The core only sees these traits, so it builds for
//! wasm32 and tests can run on in-memory files.

use std::path::{Path, PathBuf};

/// Why a referenced file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResourceError {
    /// There is no such file.
    NotFound,
    /// It exists but cannot be read (a directory, permissions …).
    Unreadable(String),
}

/// Reads files referenced from a publiccode.yml, by their path relative to the file.
pub trait Resources: Sync {
    /// Reads at most `limit` bytes of `relative`.
    fn read(&self, relative: &str, limit: usize) -> Result<Vec<u8>, ResourceError>;
    /// How a relative path is shown to people (an absolute path, say).
    fn display(&self, relative: &str) -> String {
        relative.to_string()
    }
}

/// Files on the local disk, relative to a base directory.
#[derive(Debug, Clone)]
pub struct DirResources {
    base: PathBuf,
}

impl DirResources {
    /// Resolves paths relative to `base`.
    pub fn new(base: impl Into<PathBuf>) -> DirResources {
        DirResources { base: base.into() }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.base.join(Path::new(relative))
    }
}

impl Resources for DirResources {
    fn read(&self, relative: &str, limit: usize) -> Result<Vec<u8>, ResourceError> {
        use std::io::Read;
        let path = self.path(relative);
        let meta = std::fs::metadata(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ResourceError::NotFound,
            _ => ResourceError::Unreadable(e.to_string()),
        })?;
        if !meta.is_file() {
            return Err(ResourceError::Unreadable("not a regular file".into()));
        }
        let file =
            std::fs::File::open(&path).map_err(|e| ResourceError::Unreadable(e.to_string()))?;
        let mut buf = Vec::new();
        file.take(limit as u64)
            .read_to_end(&mut buf)
            .map_err(|e| ResourceError::Unreadable(e.to_string()))?;
        Ok(buf)
    }

    fn display(&self, relative: &str) -> String {
        self.path(relative).display().to_string()
    }
}

/// No file access at all: every local check is skipped.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoResources;
