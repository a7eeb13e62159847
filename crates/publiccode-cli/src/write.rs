//! Safe writes for `validate --fix`, `upgrade` and `init`.
//!
//! The new text goes to a temporary file with an unpredictable name created with
//! `O_EXCL` in the target's folder (the `tempfile` crate: a planted symlink cannot
//! redirect it), gets the original's mode (and owner, when allowed), is flushed to disk
//! and renamed over the target. On any error the temporary file is removed, so a full
//! disk leaves nothing behind. Just before the rename the target is read again: if it
//! changed since it was read (a concurrent `upgrade`, an editor), nothing is written.
//! A target that is a symbolic link is written through to the file it points at only
//! when that file is inside the repository.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// What the target must hold right before it is replaced.
pub enum Expect<'a> {
    /// Nothing: the file must not exist (a new file; never overwritten).
    Absent,
    /// Bytes for which this returns true (what was read, give or take a BOM).
    Content(&'a dyn Fn(&[u8]) -> bool),
    /// Anything (an explicit `--force`).
    Any,
}

/// Why nothing was written.
#[derive(Debug)]
pub enum WriteError {
    /// The file changed since it was read; it was left as it is.
    Changed,
    /// The file exists although it should not.
    Exists,
    /// The path is a symbolic link to a file outside the repository.
    OutsideRepository,
    /// An I/O error (the temporary file, if any, was removed).
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Changed => {
                f.write_str("the file changed since it was read; nothing was written")
            }
            WriteError::Exists => f.write_str("the file already exists; nothing was written"),
            WriteError::OutsideRepository => f.write_str(
                "it is a symbolic link to a file outside the repository; nothing was written",
            ),
            WriteError::Io(e) => write!(f, "{e}; nothing was written"),
        }
    }
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Largest file compared byte for byte before it is replaced.
const MAX_COMPARE: u64 = 64 << 20;

/// Where the bytes really go: `path`, or the target of the symbolic link `path` when
/// that target is inside `root`.
fn real_target(path: &Path, root: &Path) -> Result<PathBuf, WriteError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            let target = std::fs::canonicalize(path)?;
            let root = std::fs::canonicalize(root)?;
            if target.starts_with(&root) {
                Ok(target)
            } else {
                Err(WriteError::OutsideRepository)
            }
        }
        _ => Ok(path.to_path_buf()),
    }
}

fn check_expected(
    target: &Path,
    expect: &Expect<'_>,
) -> Result<Option<std::fs::Metadata>, WriteError> {
    match std::fs::metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => match expect {
            Expect::Absent | Expect::Any => Ok(None),
            Expect::Content(_) => Err(WriteError::Changed),
        },
        Err(e) => Err(e.into()),
        Ok(meta) => match expect {
            Expect::Absent => Err(WriteError::Exists),
            Expect::Any => Ok(Some(meta)),
            Expect::Content(ok) => {
                if !meta.is_file() || meta.len() > MAX_COMPARE {
                    return Err(WriteError::Changed);
                }
                let now = std::fs::read(target)?;
                if ok(&now) {
                    Ok(Some(meta))
                } else {
                    Err(WriteError::Changed)
                }
            }
        },
    }
}

/// Replaces (or creates) `path` with `bytes`, as described in the module docs. `root`
/// is the repository root that a symlinked `path` must point into.
pub fn write_file(
    path: &Path,
    root: &Path,
    expect: Expect<'_>,
    bytes: &[u8],
) -> Result<(), WriteError> {
    let target = real_target(path, root)?;
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = check_expected(&target, &expect)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.as_file_mut().write_all(bytes)?;
    if let Some(meta) = &meta {
        tmp.as_file().set_permissions(meta.permissions())?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // Keeps the owner when run as root on someone else's file; elsewhere the
            // call is refused and the file is the runner's, as with any editor.
            let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()));
        }
    }
    tmp.as_file().sync_all()?;
    // Read again at the last moment: a change since the first read means someone else
    // wrote the file, and their text wins.
    check_expected(&target, &expect)?;
    match expect {
        Expect::Absent => tmp.persist_noclobber(&target).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                WriteError::Exists
            } else {
                WriteError::Io(e.error)
            }
        })?,
        _ => tmp.persist(&target).map_err(|e| WriteError::Io(e.error))?,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".tmp"))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn replaces_keeps_mode_and_leaves_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("publiccode.yml");
        std::fs::write(&p, "old").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        }
        let same = |b: &[u8]| b == b"old";
        write_file(&p, dir.path(), Expect::Content(&same), b"new").expect("written");
        assert_eq!(std::fs::read(&p).expect("read"), b"new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_changed_file_is_left_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("publiccode.yml");
        std::fs::write(&p, "someone else's").expect("write");
        let same = |b: &[u8]| b == b"old";
        let e = write_file(&p, dir.path(), Expect::Content(&same), b"new");
        assert!(matches!(e, Err(WriteError::Changed)));
        assert_eq!(std::fs::read(&p).expect("read"), b"someone else's");
        assert!(leftovers(dir.path()).is_empty());
        let e = write_file(&p, dir.path(), Expect::Absent, b"new");
        assert!(matches!(e, Err(WriteError::Exists)));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_written_through_only_inside_the_repository() {
        let repo = tempfile::tempdir().expect("tempdir");
        let outside = tempfile::tempdir().expect("tempdir");
        let real = repo.path().join("real.yml");
        std::fs::write(&real, "a").expect("write");
        let link = repo.path().join("publiccode.yml");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        write_file(&link, repo.path(), Expect::Any, b"b").expect("written");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).expect("read"), b"b");
        let far = outside.path().join("x.yml");
        std::fs::write(&far, "a").expect("write");
        let link2 = repo.path().join("other.yml");
        std::os::unix::fs::symlink(&far, &link2).expect("symlink");
        let e = write_file(&link2, repo.path(), Expect::Any, b"b");
        assert!(matches!(e, Err(WriteError::OutsideRepository)));
        assert_eq!(std::fs::read(&far).expect("read"), b"a");
    }

    #[test]
    fn write_errors_leave_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        // The target is a folder: the rename fails after the temporary file was written.
        let p = dir.path().join("publiccode.yml");
        std::fs::create_dir(&p).expect("mkdir");
        std::fs::write(p.join("x"), "x").expect("write");
        let e = write_file(&p, dir.path(), Expect::Any, b"new");
        assert!(matches!(e, Err(WriteError::Io(_))), "{e:?}");
        assert!(leftovers(dir.path()).is_empty());
    }
}
