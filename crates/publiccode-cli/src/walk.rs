//! The directory search behind [`crate::discover`]: every descriptor below a folder,
//! depth first in name order, skipping `.git`, `target` and `node_modules` folders and
//! what `.ignore` files, `.gitignore` files (inside a git or jj repository) and the
//! repository's `info/exclude` leave out, including those of the folders above the
//! one searched. These are the rules of the `ignore` crate's walker as the search used
//! it before; it is done here because that walker asks the file system about five
//! ignore and repository files in every folder, and the configuration look-up asked
//! about five more. Here each folder is listed once and its listing answers those
//! questions: a folder costs no further system call unless it holds one of those
//! files. The tests compare it with the `ignore` walker.

use std::ffi::{OsStr, OsString};
use std::fs::FileType;
use std::path::{Path, PathBuf};

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use publiccode_check::config::Listed;

use crate::discover::{DESCRIPTOR_NAMES, MAX_DEPTH};

/// A folder's entries as one listing gave them, sorted by name, so that what is asked
/// about the folder later (is there a `.gitignore`, a `publiccode.toml`, a `.git`?)
/// needs no further system call.
#[derive(Debug)]
pub struct Listing {
    entries: Vec<(OsString, FileType)>,
}

/// A listing, and the entries of it whose type could not be told (path, error).
type ListingRead = (Listing, Vec<(PathBuf, std::io::Error)>);

impl Listing {
    /// Lists `dir`, sorted by name.
    fn read(dir: &Path) -> std::io::Result<ListingRead> {
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            match entry {
                Err(e) => errors.push((dir.to_path_buf(), e)),
                Ok(entry) => match entry.file_type() {
                    Ok(t) => entries.push((entry.file_name(), t)),
                    Err(e) => errors.push((entry.path(), e)),
                },
            }
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        Ok((Listing { entries }, errors))
    }

    /// The type of the entry `name` (not following a link), if the folder has one.
    fn get(&self, name: &str) -> Option<FileType> {
        self.entries
            .binary_search_by(|(n, _)| n.as_os_str().cmp(OsStr::new(name)))
            .ok()
            .and_then(|i| self.entries.get(i))
            .map(|(_, t)| *t)
    }

    /// What the listing says about `name`, for the configuration look-up: a link is
    /// [`Listed::Unsure`], since what it points to is not listed.
    pub fn listed(&self, name: &str) -> Listed {
        match self.get(name) {
            None => Listed::Absent,
            Some(t) if t.is_file() => Listed::File,
            Some(t) if t.is_dir() => Listed::Dir,
            Some(_) => Listed::Unsure,
        }
    }
}

/// What the search reports, in the order it meets it.
pub enum Event<'l> {
    /// A descriptor (a regular file or a link), and the listing of its folder.
    File(PathBuf, &'l Listing),
    /// A folder [`MAX_DEPTH`] + 1 levels down: not searched.
    TooDeep(PathBuf),
    /// A folder that could not be listed, or an entry whose type could not be told.
    Unreadable(PathBuf, std::io::Error),
}

/// The ignore rules of one folder.
#[derive(Default)]
struct Level {
    ignore: Option<Gitignore>,
    gitignore: Option<Gitignore>,
    exclude: Option<Gitignore>,
    /// The folder holds `.git` (or `.jj`): a repository's root.
    has_git: bool,
}

impl Level {
    /// The rules of `dir` (a folder of the search), read only where its listing shows
    /// the files.
    fn listed(dir: &Path, listing: &Listing) -> Level {
        let has = |name: &str| listing.get(name).is_some();
        Level::build(dir, &has).0
    }

    /// The rules of `dir`, `has` saying which names may be there; with the errors the
    /// `ignore` crate reports for folders above the search (not for those in it).
    fn build(dir: &Path, has: &dyn Fn(&str) -> bool) -> (Level, Vec<ignore::Error>) {
        let mut errors = Vec::new();
        let git_type = if has(".git") {
            dir.join(".git").metadata().ok().map(|m| m.file_type())
        } else {
            None
        };
        let has_jj = has(".jj") && dir.join(".jj").exists();
        let mut level = Level {
            has_git: git_type.is_some() || has_jj,
            ..Level::default()
        };
        if has(".ignore") {
            level.ignore = Some(matcher(dir, &dir.join(".ignore"), &mut errors));
        }
        if has(".gitignore") {
            level.gitignore = Some(matcher(dir, &dir.join(".gitignore"), &mut errors));
        }
        if has(".git") {
            match git_common_dir(dir, git_type) {
                Ok(common) => {
                    level.exclude = Some(matcher(dir, &common.join("info/exclude"), &mut errors));
                }
                Err(Some(e)) => errors.push(e),
                Err(None) => {}
            }
        }
        (level, errors)
    }

    /// Whether any ignore file of the folder says something.
    fn has_rules(&self) -> bool {
        [&self.ignore, &self.gitignore, &self.exclude]
            .iter()
            .any(|m| m.as_ref().is_some_and(|m| !m.is_empty()))
    }
}

/// The rules of the ignore file `file`, applying below `dir` (none when it does not
/// exist or does not build, as in the `ignore` crate); errors other than reading ones
/// are kept in `errors`.
fn matcher(dir: &Path, file: &Path, errors: &mut Vec<ignore::Error>) -> Gitignore {
    let mut builder = GitignoreBuilder::new(dir);
    if file.exists()
        && let Some(e) = builder.add(file)
        && !e.is_io()
    {
        errors.push(e);
    }
    match builder.build() {
        Ok(g) => g,
        Err(e) => {
            errors.push(e);
            Gitignore::empty()
        }
    }
}

/// The folder holding a repository's `info/exclude`: `dir/.git`, or for a worktree
/// (`.git` a file saying `gitdir: …`) the common folder its `commondir` names, as the
/// `ignore` crate finds it. `Err(None)`: no such folder, nothing to report.
fn git_common_dir(
    dir: &Path,
    git_type: Option<FileType>,
) -> Result<PathBuf, Option<ignore::Error>> {
    use std::io::BufRead;
    let git = dir.join(".git");
    if !git_type.is_some_and(|t| t.is_file()) {
        return Ok(git);
    }
    let with_path = |e: std::io::Error, path: &Path| ignore::Error::WithPath {
        path: path.to_path_buf(),
        err: Box::new(ignore::Error::Io(e)),
    };
    let file = std::fs::File::open(&git).map_err(|e| Some(with_path(e, &git)))?;
    let line = match std::io::BufReader::new(file).lines().next() {
        Some(Ok(line)) => line,
        Some(Err(e)) => return Err(Some(with_path(e, &git))),
        None => return Err(None),
    };
    let Some(real) = line.strip_prefix("gitdir: ") else {
        return Err(None);
    };
    let real = PathBuf::from(real);
    let commondir = real.join("commondir");
    let Ok(file) = std::fs::File::open(&commondir) else {
        return Err(None);
    };
    let line = match std::io::BufReader::new(file).lines().next() {
        Some(Ok(line)) => line,
        Some(Err(e)) => return Err(Some(with_path(e, &commondir))),
        None => return Err(None),
    };
    Ok(if line.starts_with('.') {
        real.join(line)
    } else {
        PathBuf::from(line)
    })
}

/// The rules of the folders above a search's folder.
pub struct Rules {
    /// The searched folder's real location.
    base: PathBuf,
    /// From `/` down to the folder above the searched one.
    levels: Vec<Level>,
}

impl Rules {
    /// The rules of the folders above `dir` (looked up once per search), and the
    /// error to report before anything else when one of their ignore files is broken.
    pub fn parents(dir: &Path) -> (Option<Rules>, Option<ignore::Error>) {
        let Ok(base) = dir.canonicalize() else {
            return (None, None);
        };
        let mut ancestors: Vec<&Path> = base.ancestors().skip(1).collect();
        ancestors.reverse();
        let mut errors = Vec::new();
        let mut levels = Vec::new();
        for a in ancestors {
            let (level, errs) = Level::build(a, &|_| true);
            errors.extend(errs);
            levels.push(level);
        }
        let error = match errors.len() {
            0 => None,
            1 => errors.pop(),
            _ => Some(ignore::Error::Partial(errors)),
        };
        let rules = Rules { base, levels };
        (Some(rules), error)
    }
}

/// `path` without the text `prefix` at its start (compared as text, as the `ignore`
/// crate does), or `path` itself.
fn strip<'p>(prefix: &Path, path: &'p Path) -> &'p Path {
    match (prefix.to_str(), path.to_str()) {
        (Some(prefix), Some(s)) => s.strip_prefix(prefix).map_or(path, Path::new),
        _ => path.strip_prefix(prefix).unwrap_or(path),
    }
}

/// One directory search.
pub struct Search<'r> {
    root: &'r Path,
    parents: Option<Rules>,
    /// The rules of the folders being searched, outermost first.
    levels: Vec<Level>,
}

impl<'r> Search<'r> {
    /// A search of `root`, under the rules of the folders above it.
    pub fn new(root: &'r Path, parents: Option<Rules>) -> Search<'r> {
        Search {
            root,
            parents,
            levels: Vec::new(),
        }
    }

    /// Searches; `emit` returns whether to go on, and the answer is false when it
    /// asked to stop.
    pub fn run(&mut self, emit: &mut dyn FnMut(Event<'_>) -> bool) -> bool {
        self.folder(self.root, 0, emit)
    }

    fn folder(
        &mut self,
        dir: &Path,
        depth: usize,
        emit: &mut dyn FnMut(Event<'_>) -> bool,
    ) -> bool {
        let (listing, errors) = match Listing::read(dir) {
            Ok(read) => read,
            Err(e) => return emit(Event::Unreadable(dir.to_path_buf(), e)),
        };
        for (path, e) in errors {
            if !emit(Event::Unreadable(path, e)) {
                return false;
            }
        }
        self.levels.push(Level::listed(dir, &listing));
        let go_on = self.entries(dir, depth, &listing, emit);
        self.levels.pop();
        go_on
    }

    fn entries(
        &mut self,
        dir: &Path,
        depth: usize,
        listing: &Listing,
        emit: &mut dyn FnMut(Event<'_>) -> bool,
    ) -> bool {
        for (name, kind) in &listing.entries {
            let path = dir.join(name);
            let is_dir = kind.is_dir();
            if self.ignored(&path, is_dir) {
                continue;
            }
            let go_on = if is_dir {
                if matches!(name.to_str(), Some(".git" | "target" | "node_modules")) {
                    continue;
                }
                if depth + 1 > MAX_DEPTH {
                    emit(Event::TooDeep(path))
                } else {
                    self.folder(&path, depth + 1, emit)
                }
            } else if (kind.is_file() || kind.is_symlink())
                && name.to_str().is_some_and(|n| DESCRIPTOR_NAMES.contains(&n))
            {
                emit(Event::File(path, listing))
            } else {
                continue;
            };
            if !go_on {
                return false;
            }
        }
        true
    }

    /// Whether the ignore rules leave `path` out: the innermost `.ignore` that says
    /// anything about it decides, else the innermost `.gitignore` or `info/exclude`
    /// up to the repository's root (only inside a repository).
    fn ignored(&self, path: &Path, is_dir: bool) -> bool {
        let path = strip(Path::new("./"), path);
        let parents = self.parents.as_ref();
        let above = parents.map_or(&[][..], |p| p.levels.as_slice());
        let any_git = self.levels.iter().chain(above).any(|l| l.has_git);
        let mut found = Found::new();
        for level in self.levels.iter().rev() {
            found.consult(level, path, is_dir, any_git);
        }
        if let Some(parents) = parents
            && parents.levels.iter().any(Level::has_rules)
        {
            let relative = if self.root == Path::new(".") {
                path
            } else {
                let root = strip(Path::new("./"), self.root);
                strip(Path::new("/"), strip(root, path))
            };
            let path = parents.base.join(relative);
            for level in parents.levels.iter().rev() {
                found.consult(level, &path, is_dir, any_git);
            }
        }
        found
            .ignore
            .or(found.gitignore)
            .or(found.exclude)
            .is_ignore()
    }
}

/// The first answer of each kind of ignore file, innermost folder first.
struct Found<'g> {
    ignore: Match<&'g ignore::gitignore::Glob>,
    gitignore: Match<&'g ignore::gitignore::Glob>,
    exclude: Match<&'g ignore::gitignore::Glob>,
    /// A repository's root was passed: outer `.gitignore` files no longer apply.
    saw_git: bool,
}

impl<'g> Found<'g> {
    fn new() -> Found<'g> {
        Found {
            ignore: Match::None,
            gitignore: Match::None,
            exclude: Match::None,
            saw_git: false,
        }
    }

    fn consult(&mut self, level: &'g Level, path: &Path, is_dir: bool, any_git: bool) {
        let ask =
            |m: &'g Option<Gitignore>| m.as_ref().map_or(Match::None, |m| m.matched(path, is_dir));
        if self.ignore.is_none() {
            self.ignore = ask(&level.ignore);
        }
        if any_git && !self.saw_git {
            if self.gitignore.is_none() {
                self.gitignore = ask(&level.gitignore);
            }
            if self.exclude.is_none() {
                self.exclude = ask(&level.exclude);
            }
        }
        self.saw_git |= level.has_git;
    }
}
