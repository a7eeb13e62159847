//! Effects behind small traits: reading and listing the files of the repository that
//! holds a descriptor (logo, screenshots, licence texts, the files a profile asks for).
//! The checkers only see [`Resources`], so they build for wasm32, tests run on
//! in-memory files ([`MemoryResources`]) and a crawler can check a repository it only
//! holds through an API.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Why a referenced file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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

/// What kind of thing a directory entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum EntryKind {
    /// A regular file (or a link to one).
    File,
    /// A directory (or a link to one).
    Dir,
    /// Anything else (a FIFO, a device, a dangling link).
    Other,
}

/// One entry of a directory listing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Entry {
    /// The file name (not a path).
    pub name: String,
    /// What it is.
    pub kind: EntryKind,
}

impl Entry {
    /// An entry named `name` of kind `kind`.
    pub fn new(name: impl Into<String>, kind: EntryKind) -> Entry {
        Entry {
            name: name.into(),
            kind,
        }
    }

    /// Whether the entry is a regular file.
    pub fn is_file(&self) -> bool {
        self.kind == EntryKind::File
    }
}

/// Reads and lists files by their path relative to the folder of a publiccode.yml
/// (`/`-separated; `""` is that folder itself).
pub trait Resources: Sync {
    /// Reads at most `limit` bytes of `relative`.
    fn read(&self, relative: &str, limit: usize) -> Result<Vec<u8>, ResourceError>;
    /// Lists the directory `relative`, sorted by name. The default lists nothing, for
    /// sources that can only read.
    fn list(&self, relative: &str) -> Result<Vec<Entry>, ResourceError> {
        let _ = relative;
        Ok(Vec::new())
    }
    /// Reads all of `relative`, or refuses with [`ResourceError::TooLarge`] when it is
    /// larger than `limit` bytes (sources that know the size refuse without reading).
    fn read_whole(&self, relative: &str, limit: usize) -> Result<Vec<u8>, ResourceError> {
        let bytes = self.read(relative, limit.saturating_add(1))?;
        if bytes.len() > limit {
            return Err(ResourceError::TooLarge(bytes.len() as u64));
        }
        Ok(bytes)
    }
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
    /// Found on the first read or listing: finding it costs a walk to `/` (a
    /// `canonicalize` and a `.git` look-up per ancestor), which a check that reads no
    /// file (`--no-local-checks`, a batch of thousands) should not pay.
    root: std::sync::OnceLock<PathBuf>,
}

impl DirResources {
    /// Resolves paths relative to `base`, confined to the repository that holds it
    /// (the nearest folder with `.git`, else `base` itself, as [`repository_root`]
    /// finds it when the first file is read or listed).
    pub fn new(base: impl Into<PathBuf>) -> DirResources {
        DirResources {
            base: base.into(),
            root: std::sync::OnceLock::new(),
        }
    }

    /// Resolves paths relative to `base`, confined to `root`.
    pub fn with_root(base: impl Into<PathBuf>, root: impl Into<PathBuf>) -> DirResources {
        DirResources {
            base: base.into(),
            root: std::sync::OnceLock::from(root.into()),
        }
    }

    /// The folder reads are confined to.
    fn root(&self) -> &Path {
        self.root
            .get_or_init(|| repository_root(&self.base, None))
            .as_path()
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.base.join(Path::new(relative))
    }
}

impl Resources for DirResources {
    fn read(&self, relative: &str, limit: usize) -> Result<Vec<u8>, ResourceError> {
        read_confined(
            self.root(),
            &self.path(relative),
            limit,
            OverLimit::Truncate,
        )
    }

    fn read_whole(&self, relative: &str, limit: usize) -> Result<Vec<u8>, ResourceError> {
        read_confined(self.root(), &self.path(relative), limit, OverLimit::Refuse)
    }

    fn list(&self, relative: &str) -> Result<Vec<Entry>, ResourceError> {
        let dir = if relative.is_empty() {
            self.base.clone()
        } else {
            self.path(relative)
        };
        let dir = resolve_confined(self.root(), &dir)?;
        let read = std::fs::read_dir(&dir).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ResourceError::NotFound,
            _ => ResourceError::Unreadable(e.to_string()),
        })?;
        let mut out: Vec<Entry> = read
            .flatten()
            .map(|e| {
                // Follow links, as `read` does.
                let kind = match std::fs::metadata(e.path()) {
                    Ok(m) if m.is_file() => EntryKind::File,
                    Ok(m) if m.is_dir() => EntryKind::Dir,
                    _ => EntryKind::Other,
                };
                Entry::new(e.file_name().to_string_lossy().into_owned(), kind)
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    fn display(&self, relative: &str) -> String {
        self.path(relative).display().to_string()
    }
}

/// No file access at all: every file is missing and every folder empty.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoResources;

impl Resources for NoResources {
    fn read(&self, _relative: &str, _limit: usize) -> Result<Vec<u8>, ResourceError> {
        Err(ResourceError::NotFound)
    }
}

/// Files held in memory, for tests and for callers that fetch a repository through an
/// API. Folders are implied by the paths of the files.
#[derive(Debug, Clone, Default)]
pub struct MemoryResources {
    files: BTreeMap<String, Vec<u8>>,
}

impl MemoryResources {
    /// No files.
    pub fn new() -> MemoryResources {
        MemoryResources::default()
    }

    /// Adds (or replaces) the file at `relative` (`/`-separated).
    pub fn with_file(mut self, relative: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        self.insert(relative, bytes);
        self
    }

    /// Adds (or replaces) the file at `relative` (`/`-separated).
    pub fn insert(&mut self, relative: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        let path = normalise(&relative.into());
        self.files.insert(path, bytes.into());
    }
}

/// `./a//b/` → `a/b`.
fn normalise(relative: &str) -> String {
    relative
        .split(['/', '\\'])
        .filter(|s| !s.is_empty() && *s != ".")
        .collect::<Vec<_>>()
        .join("/")
}

impl Resources for MemoryResources {
    fn read(&self, relative: &str, limit: usize) -> Result<Vec<u8>, ResourceError> {
        let path = normalise(relative);
        match self.files.get(&path) {
            Some(bytes) => Ok(bytes[..bytes.len().min(limit)].to_vec()),
            None if self
                .files
                .keys()
                .any(|k| k.starts_with(&format!("{path}/"))) =>
            {
                Err(ResourceError::NotRegular)
            }
            None => Err(ResourceError::NotFound),
        }
    }

    fn list(&self, relative: &str) -> Result<Vec<Entry>, ResourceError> {
        let dir = normalise(relative);
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        let mut out: Vec<Entry> = Vec::new();
        for key in self.files.keys() {
            let Some(rest) = key.strip_prefix(&prefix) else {
                continue;
            };
            let entry = match rest.split_once('/') {
                Some((folder, _)) => Entry::new(folder, EntryKind::Dir),
                None => Entry::new(rest, EntryKind::File),
            };
            if out.last() != Some(&entry) {
                out.push(entry);
            }
        }
        if out.is_empty() && !dir.is_empty() {
            return Err(ResourceError::NotFound);
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out.dedup();
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_lists_files_and_implied_folders() {
        let r = MemoryResources::new()
            .with_file("LICENSE", "MIT")
            .with_file("LICENSES/MIT.txt", "MIT")
            .with_file("./docs/a/b.png", "x");
        let names: Vec<(String, EntryKind)> = r
            .list("")
            .into_iter()
            .flatten()
            .map(|e| (e.name, e.kind))
            .collect();
        assert_eq!(
            names,
            vec![
                ("LICENSE".to_string(), EntryKind::File),
                ("LICENSES".to_string(), EntryKind::Dir),
                ("docs".to_string(), EntryKind::Dir),
            ]
        );
        assert_eq!(r.read("LICENSES/MIT.txt", 2), Ok(b"MI".to_vec()));
        assert_eq!(r.read("nope", 10), Err(ResourceError::NotFound));
        assert_eq!(r.read("docs", 10), Err(ResourceError::NotRegular));
        assert_eq!(r.list("nope"), Err(ResourceError::NotFound));
    }

    #[test]
    fn dir_confines_to_the_git_folder_found_on_first_read() {
        let tmp = std::env::temp_dir().join(format!("pc-resources-root-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        let repo = tmp.join("repo");
        std::fs::create_dir_all(repo.join(".git")).expect("mkdir");
        std::fs::create_dir_all(repo.join("sub")).expect("mkdir");
        std::fs::write(repo.join("inside.txt"), "in").expect("write");
        std::fs::write(tmp.join("outside.txt"), "out").expect("write");
        let r = DirResources::new(repo.join("sub"));
        assert_eq!(r.read("../inside.txt", 10), Ok(b"in".to_vec()));
        assert_eq!(
            r.read("../../outside.txt", 10),
            Err(ResourceError::OutsideRepository)
        );
        let names: Vec<String> = r.list("..").into_iter().flatten().map(|e| e.name).collect();
        assert_eq!(names, [".git", "inside.txt", "sub"]);
        assert_eq!(r.list("../.."), Err(ResourceError::OutsideRepository));
        // Without `.git`, the folder itself is the root.
        let plain = DirResources::new(tmp.join("repo/sub"));
        std::fs::remove_dir_all(repo.join(".git")).expect("rmdir");
        assert_eq!(
            plain.read("../inside.txt", 10),
            Err(ResourceError::OutsideRepository)
        );
        let _ = std::fs::remove_dir_all(&tmp);
    }

    #[test]
    fn dir_lists_sorted() {
        let r = DirResources::new(env!("CARGO_MANIFEST_DIR"));
        let names: Vec<String> = r.list("").into_iter().flatten().map(|e| e.name).collect();
        let cargo = names.iter().position(|n| n == "Cargo.toml");
        let src = names.iter().position(|n| n == "src");
        assert!(cargo.is_some() && src.is_some() && cargo < src, "{names:?}");
        assert_eq!(r.list("no-such-dir"), Err(ResourceError::NotFound));
    }
}
