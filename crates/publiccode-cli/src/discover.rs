//! Turning command-line paths into the list of files to check.

use std::path::{Path, PathBuf};

/// Names recognised as descriptors when a directory is searched.
pub const DESCRIPTOR_NAMES: &[&str] = &["publiccode.yml", "publiccode.yaml", ".publiccode.yml"];

/// One input to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input.
    Stdin,
    /// A file path (not yet opened).
    File(PathBuf),
}

impl Input {
    /// The path as shown in output.
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

/// How deep a directory search goes below the folder given.
pub const MAX_DEPTH: usize = 64;

/// A folder of the search that could not be looked into: its path and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    /// The folder.
    pub path: PathBuf,
    /// Why, for people.
    pub message: String,
}

/// Expands the arguments: files as they are, directories searched recursively (skipping
/// `.git`, `target`, `node_modules` and what `.gitignore`/`.ignore` files exclude), `-`
/// for standard input, and `./publiccode.yml` when empty. Directory entries are sorted
/// so output order is stable. Folders that cannot be searched are left out; see
/// [`for_each`] to hear about them.
pub fn expand(args: &[String]) -> Vec<Input> {
    let mut out = Vec::new();
    for_each(args, |found| {
        if let Ok(input) = found {
            out.push(input);
        }
        true
    });
    out
}

/// [`expand`], one input at a time as the search finds it (so checking starts before
/// the search ends), with the folders that could not be searched (unreadable, or
/// nested deeper than [`MAX_DEPTH`]) as errors in their place. `found` returns whether
/// to go on.
pub fn for_each(args: &[String], mut found: impl FnMut(Result<Input, WalkError>) -> bool) {
    if args.is_empty() {
        found(Ok(Input::File(PathBuf::from("publiccode.yml"))));
        return;
    }
    for a in args {
        if a == "-" {
            if !found(Ok(Input::Stdin)) {
                return;
            }
            continue;
        }
        let p = PathBuf::from(a);
        let go_on = if p.is_dir() {
            let mut any = false;
            let go_on = walk(&p, &mut |item| {
                any = true;
                found(item)
            });
            if go_on && !any {
                // Report the empty directory as an input that cannot be read.
                found(Ok(Input::File(p)))
            } else {
                go_on
            }
        } else {
            found(Ok(Input::File(p)))
        };
        if !go_on {
            return;
        }
    }
}

/// Searches `dir`; returns false when `found` asked to stop.
fn walk(dir: &Path, found: &mut dyn FnMut(Result<Input, WalkError>) -> bool) -> bool {
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .git_ignore(true)
        .git_exclude(true)
        .ignore(true)
        .parents(true)
        .follow_links(false)
        .max_depth(Some(MAX_DEPTH + 1))
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(|e| {
            let skipped = matches!(
                e.file_name().to_str(),
                Some(".git" | "target" | "node_modules")
            );
            !(skipped && e.file_type().is_some_and(|t| t.is_dir()))
        })
        .build();
    for entry in walker {
        let item = match entry {
            Err(e) => Err(walk_error(dir, &e)),
            Ok(e) => {
                let Some(ft) = e.file_type() else { continue };
                let name = e.file_name().to_string_lossy();
                if ft.is_dir() && e.depth() == MAX_DEPTH + 1 {
                    Err(WalkError {
                        path: e.path().to_path_buf(),
                        message: format!(
                            "folder nested more than {MAX_DEPTH} levels below {}; not searched",
                            dir.display()
                        ),
                    })
                } else if e.depth() > 0
                    && DESCRIPTOR_NAMES.contains(&name.as_ref())
                    && (ft.is_file() || ft.is_symlink())
                {
                    Ok(Input::File(e.path().to_path_buf()))
                } else {
                    continue;
                }
            }
        };
        if !found(item) {
            return false;
        }
    }
    true
}

/// The folder and reason of a search error.
fn walk_error(dir: &Path, e: &ignore::Error) -> WalkError {
    let mut path = dir.to_path_buf();
    let mut err = e;
    loop {
        match err {
            ignore::Error::WithPath {
                path: p,
                err: inner,
            } => {
                path = p.clone();
                err = inner;
            }
            ignore::Error::WithDepth { err: inner, .. }
            | ignore::Error::WithLineNumber { err: inner, .. } => err = inner,
            _ => break,
        }
    }
    let reason = match err {
        ignore::Error::Io(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
            "permission denied".to_string()
        }
        ignore::Error::Io(io) => io.to_string(),
        ignore::Error::Loop { .. } => "a symbolic link loop".to_string(),
        other => other.to_string(),
    };
    WalkError {
        message: format!("cannot search folder: {reason}"),
        path,
    }
}
