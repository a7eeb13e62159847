//! Effects behind small traits: reading files that a descriptor refers to, and (in a
//! later capability) the network. The core only sees these traits, so it builds for
//! wasm32 and tests can run on in-memory files.

use std::path::{Path, PathBuf};

/// Why a referenced file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResourceError {
    /// There is no such file (inside the repository).
    NotFound,
    /// It exists but cannot be read (a directory, permissions …).
    Unreadable(String),
    /// The path leads out of the repository (through `..`, an absolute path or a
    /// symbolic link). Whether such a file exists is deliberately not told.
    OutsideRepository,
    /// Not a regular file (a FIFO, a device, a directory, a `/proc` entry): never opened.
    NotRegular,
    /// Larger than the caller's limit; the size is known from the file system, nothing
    /// was read.
    TooLarge(u64),
}

impl std::fmt::Display for ResourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResourceError::NotFound => f.write_str("no such file"),
            ResourceError::Unreadable(e) => f.write_str(e),
            ResourceError::OutsideRepository => {
                f.write_str("the path leads outside the repository")
            }
            ResourceError::NotRegular => f.write_str("not a regular file"),
            ResourceError::TooLarge(n) => write!(f, "the file is too large ({n} bytes)"),
        }
    }
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

/// The repository root that local file checks are confined to: `base_dir` when given,
/// else the nearest folder holding `.git` from the descriptor's folder up, else the
/// descriptor's folder.
pub fn repository_root(descriptor_dir: &Path, base_dir: Option<&Path>) -> PathBuf {
    if let Some(b) = base_dir {
        return b.to_path_buf();
    }
    let start = std::fs::canonicalize(descriptor_dir).unwrap_or_else(|_| descriptor_dir.into());
    let mut dir = Some(start.as_path());
    while let Some(d) = dir {
        if std::fs::symlink_metadata(d.join(".git")).is_ok() {
            return d.to_path_buf();
        }
        dir = d.parent();
    }
    descriptor_dir.to_path_buf()
}

/// Whether a read should cut a large file at the limit or refuse it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverLimit {
    /// Read the first `limit` bytes (file headers).
    Truncate,
    /// Refuse with [`ResourceError::TooLarge`], before reading anything.
    Refuse,
}

/// `path` with `.` and `..` resolved lexically (no file system access).
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Resolves `path` (absolute, or relative to the current folder) to its real location,
/// provided that location is inside `root`: lexically first (so `../../etc/shadow` is
/// refused without touching the file system), then through every symbolic link. A path
/// that does not exist is `NotFound` only when its deepest existing ancestor is inside
/// the root, so nothing is told about files outside it.
pub fn resolve_confined(root: &Path, path: &Path) -> Result<PathBuf, ResourceError> {
    let root = std::fs::canonicalize(root).map_err(|_| ResourceError::OutsideRepository)?;
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| ResourceError::Unreadable(e.to_string()))?
            .join(path)
    };
    // The lexical check works on the real location of the deepest existing ancestor.
    let lexical = normalize(&absolute);
    let mut ancestor = lexical.as_path();
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    let real_ancestor = loop {
        match std::fs::canonicalize(ancestor) {
            Ok(real) => break real,
            Err(_) => {
                let (Some(parent), Some(name)) = (ancestor.parent(), ancestor.file_name()) else {
                    return Err(ResourceError::OutsideRepository);
                };
                rest.push(name);
                ancestor = parent;
            }
        }
    };
    let mut real = real_ancestor;
    for name in rest.iter().rev() {
        real.push(name);
    }
    if !real.starts_with(&root) {
        return Err(ResourceError::OutsideRepository);
    }
    if !rest.is_empty() {
        return Err(ResourceError::NotFound);
    }
    // Kernel interfaces are never files to read, whatever the root.
    if ["/proc", "/sys", "/dev"]
        .iter()
        .any(|p| real.starts_with(p))
    {
        return Err(ResourceError::NotRegular);
    }
    Ok(real)
}

/// Reads a regular file inside `root`: resolved with [`resolve_confined`], checked to
/// be a regular file of acceptable size before it is opened, opened without following
/// a link and without blocking (so a FIFO swapped in at the last moment cannot hang the
/// run), and checked again on the open handle.
pub fn read_confined(
    root: &Path,
    path: &Path,
    limit: usize,
    over: OverLimit,
) -> Result<Vec<u8>, ResourceError> {
    use std::io::Read;
    let real = resolve_confined(root, path)?;
    let meta = std::fs::metadata(&real).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ResourceError::NotFound,
        _ => ResourceError::Unreadable(e.to_string()),
    })?;
    if !meta.is_file() {
        return Err(ResourceError::NotRegular);
    }
    if over == OverLimit::Refuse && meta.len() > limit as u64 {
        return Err(ResourceError::TooLarge(meta.len()));
    }
    let mut open = std::fs::OpenOptions::new();
    open.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        open.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    let file = open
        .open(&real)
        .map_err(|e| ResourceError::Unreadable(e.to_string()))?;
    let meta = file
        .metadata()
        .map_err(|e| ResourceError::Unreadable(e.to_string()))?;
    if !meta.is_file() {
        return Err(ResourceError::NotRegular);
    }
    if over == OverLimit::Refuse && meta.len() > limit as u64 {
        return Err(ResourceError::TooLarge(meta.len()));
    }
    let mut buf = Vec::with_capacity((meta.len() as usize).min(limit));
    file.take(limit as u64)
        .read_to_end(&mut buf)
        .map_err(|e| ResourceError::Unreadable(e.to_string()))?;
    Ok(buf)
}

/// Files on the local disk, relative to a base directory, confined to a repository
/// root (see [`repository_root`] and [`resolve_confined`]).
#[derive(Debug, Clone)]
pub struct DirResources {
    base: PathBuf,
    root: PathBuf,
}

impl DirResources {
    /// Resolves paths relative to `base`, confined to the repository that holds it
    /// (the nearest folder with `.git`, else `base` itself).
    pub fn new(base: impl Into<PathBuf>) -> DirResources {
        let base = base.into();
        let root = repository_root(&base, None);
        DirResources { base, root }
    }

    /// Resolves paths relative to `base`, confined to `root`.
    pub fn with_root(base: impl Into<PathBuf>, root: impl Into<PathBuf>) -> DirResources {
        DirResources {
            base: base.into(),
            root: root.into(),
        }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.base.join(Path::new(relative))
    }
}

impl Resources for DirResources {
    fn read(&self, relative: &str, limit: usize) -> Result<Vec<u8>, ResourceError> {
        read_confined(&self.root, &self.path(relative), limit, OverLimit::Truncate)
    }

    fn display(&self, relative: &str) -> String {
        self.path(relative).display().to_string()
    }
}

/// No file access at all: every local check is skipped.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoResources;
