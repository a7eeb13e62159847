//! Turning command-line paths into the list of files to check.

use std::path::{Path, PathBuf};

/// Names recognised as descriptors when a directory is searched, and the order in
/// which a command run without a path looks for one in the current folder.
pub const DESCRIPTOR_NAMES: &[&str] = &["publiccode.yml", "publiccode.yaml", ".publiccode.yml"];

/// The descriptor a command uses when it is given no path: the first of
/// [`DESCRIPTOR_NAMES`] in the folder, and the others that exist and are ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultFile {
    /// The file used.
    pub path: PathBuf,
    /// Other descriptors in the same folder that are not used.
    pub ignored: Vec<PathBuf>,
}

/// Finds the descriptor in `dir` (`publiccode.yml`, then `publiccode.yaml`, then
/// `.publiccode.yml`); an error naming the folder when there is none, which says how
/// to pass a differently named YAML file found there.
pub fn find_default(dir: &Path) -> Result<DefaultFile, WalkError> {
    let shown = |name: &str| {
        if dir == Path::new(".") {
            PathBuf::from(name)
        } else {
            dir.join(name)
        }
    };
    let mut found: Vec<PathBuf> = DESCRIPTOR_NAMES
        .iter()
        .map(|n| shown(n))
        .filter(|p| std::fs::symlink_metadata(p).is_ok())
        .collect();
    if found.is_empty() {
        let others = other_yaml_files(dir, false);
        // The current folder is named by its full path: `.` says little.
        let path = if dir == Path::new(".") {
            std::env::current_dir().unwrap_or_else(|_| dir.to_path_buf())
        } else {
            dir.to_path_buf()
        };
        return Err(WalkError {
            path,
            message: no_descriptor_message("this folder", &others),
        });
    }
    let path = found.remove(0);
    Ok(DefaultFile {
        path,
        ignored: found,
    })
}

/// Tells on standard error which descriptor a command run without a path uses (when
/// `announce`: human output, not `--quiet`) and, always, which other ones it ignores.
/// Does nothing when paths were given.
pub fn announce_default(args: &[String], announce: bool) {
    if !args.is_empty() {
        return;
    }
    let Ok(found) = find_default(Path::new(".")) else {
        return;
    };
    let name = crate::escape::line(&found.path.display().to_string()).into_owned();
    if announce {
        eprintln!("using {name}");
    }
    for other in &found.ignored {
        eprintln!(
            "warning: {} is ignored: {name} is used (remove or merge one of them)",
            crate::escape::line(&other.display().to_string())
        );
    }
}

/// The reason given for a folder without descriptors; `others` are YAML files with
/// other names found in it, which the user may have meant.
fn no_descriptor_message(place: &str, others: &[PathBuf]) -> String {
    let mut m = format!("no publiccode.yml or publiccode.yaml in {place}");
    if !others.is_empty() {
        let names: Vec<String> = others
            .iter()
            .take(3)
            .map(|p| crate::escape::line(&p.display().to_string()).into_owned())
            .collect();
        if let [only] = names.as_slice() {
            m.push_str(&format!("; give the path of {only} to check it"));
        } else {
            let more = if others.len() > 3 { ", …" } else { "" };
            m.push_str(&format!(
                "; to check one of {}{more}, give its path",
                names.join(", ")
            ));
        }
    }
    m
}

/// Up to four `.yml`/`.yaml` files in `dir` (below it too when `deep`), sorted, so
/// that a folder without descriptors can say which files it does hold.
fn other_yaml_files(dir: &Path, deep: bool) -> Vec<PathBuf> {
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .git_ignore(true)
        .ignore(true)
        .hidden(true)
        .follow_links(false)
        .max_depth(Some(if deep { MAX_DEPTH } else { 1 }))
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(|e| {
            !matches!(
                e.file_name().to_str(),
                Some(".git" | "target" | "node_modules")
            )
        })
        .build();
    walker
        .flatten()
        .filter(|e| e.depth() > 0 && e.file_type().is_some_and(|t| t.is_file()))
        .filter(|e| {
            let name = e.file_name().to_string_lossy().to_ascii_lowercase();
            name.ends_with(".yml") || name.ends_with(".yaml")
        })
        .map(|e| {
            let p = e.path();
            p.strip_prefix("./").unwrap_or(p).to_path_buf()
        })
        .take(4)
        .collect()
}

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
/// for standard input, and the folder's descriptor (see [`find_default`]) when empty.
/// Directory entries are sorted
/// so output order is stable. Folders that cannot be searched are left out; see
/// [`for_each`] to hear about them.
#[cfg(test)]
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
        found(find_default(Path::new(".")).map(|d| Input::File(d.path)));
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
                // A folder without descriptors is an input that cannot be read.
                let others = other_yaml_files(&p, true);
                found(Err(WalkError {
                    message: no_descriptor_message("this folder or below", &others),
                    path: p,
                }))
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
