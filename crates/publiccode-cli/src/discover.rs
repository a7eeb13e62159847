//! Turning command-line paths into the list of files to check.

use std::path::{Path, PathBuf};

pub use crate::walk::Listing;

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
    for_each_listed(args, |item, _| found(item));
}

/// [`for_each`], with the listing of the folder each file was found in (for files a
/// directory search found), so that what the caller asks about that folder (its
/// configuration files, `.git`) needs no further file-system call.
pub fn for_each_listed(
    args: &[String],
    mut found: impl FnMut(Result<Input, WalkError>, Option<&Listing>) -> bool,
) {
    if args.is_empty() {
        found(
            find_default(Path::new(".")).map(|d| Input::File(d.path)),
            None,
        );
        return;
    }
    for a in args {
        if a == "-" {
            if !found(Ok(Input::Stdin), None) {
                return;
            }
            continue;
        }
        let p = PathBuf::from(a);
        let go_on = if p.is_dir() {
            let mut any = false;
            let go_on = walk(&p, &mut |item, listing| {
                any = true;
                found(item, listing)
            });
            if go_on && !any {
                // A folder without descriptors is an input that cannot be read.
                let others = other_yaml_files(&p, true);
                found(
                    Err(WalkError {
                        message: no_descriptor_message("this folder or below", &others),
                        path: p,
                    }),
                    None,
                )
            } else {
                go_on
            }
        } else {
            found(Ok(Input::File(p)), None)
        };
        if !go_on {
            return;
        }
    }
}

/// What the search hands on: a file or an error, with the listing of the folder the
/// file is in.
type Found<'f> = dyn FnMut(Result<Input, WalkError>, Option<&Listing>) -> bool + 'f;

/// Searches `dir`; returns false when `found` asked to stop.
fn walk(dir: &Path, found: &mut Found<'_>) -> bool {
    let (parents, error) = crate::walk::Rules::parents(dir);
    if let Some(e) = error
        && !found(Err(walk_error(dir, &e)), None)
    {
        return false;
    }
    let mut search = crate::walk::Search::new(dir, parents);
    search.run(&mut |event| match event {
        crate::walk::Event::File(path, listing) => found(Ok(Input::File(path)), Some(listing)),
        crate::walk::Event::TooDeep(path) => found(
            Err(WalkError {
                path,
                message: format!(
                    "folder nested more than {MAX_DEPTH} levels below {}; not searched",
                    dir.display()
                ),
            }),
            None,
        ),
        crate::walk::Event::Unreadable(path, e) => found(
            Err(WalkError {
                message: format!("cannot search folder: {}", io_reason(&path, &e)),
                path,
            }),
            None,
        ),
    })
}

/// Why a folder could not be searched, worded as the `ignore` walker worded it.
fn io_reason(path: &Path, e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::PermissionDenied {
        "permission denied".to_string()
    } else {
        format!("IO error for operation on {}: {e}", path.display())
    }
}

/// The search as the `ignore` crate's walker did it, kept to show that
/// [`crate::walk::Search`] finds the same files and errors.
#[cfg(test)]
fn walk_with_ignore(dir: &Path, found: &mut Found<'_>) -> bool {
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
        if !found(item, None) {
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

#[cfg(test)]
mod tests {
    use super::*;

    type Seen = Vec<(Result<Input, WalkError>, bool)>;

    /// What a search reports (each item, and whether a listing came with it), stopping
    /// after `stop_after` items when given.
    fn search(
        walker: fn(&Path, &mut Found<'_>) -> bool,
        dir: &Path,
        stop_after: Option<usize>,
    ) -> (Seen, bool) {
        let mut seen = Vec::new();
        let finished = walker(dir, &mut |item, listing| {
            seen.push((item, listing.is_some()));
            stop_after.is_none_or(|n| seen.len() < n)
        });
        (seen, finished)
    }

    fn mkdir(p: &Path) {
        std::fs::create_dir_all(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    }

    fn write(p: &Path, text: &str) {
        if let Some(d) = p.parent() {
            mkdir(d);
        }
        std::fs::write(p, text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    }

    /// A tree with every rule the search follows: skipped folders, `.ignore` and
    /// `.gitignore` (inside and outside a repository, in the folders above the search
    /// too), whitelists, `info/exclude` of a repository and of a worktree, a jj
    /// repository, links, and folders nested too deep.
    fn tree(base: &Path) -> PathBuf {
        let _ = std::fs::remove_dir_all(base);
        let d = |p: &str| base.join(p);
        let yml = "publiccode.yml";
        write(&d("outer/.ignore"), "from-parent-ignore\n");
        // A broken pattern above the search is reported before anything is found.
        write(&d("outer/.gitignore"), "from-parent-gitignore\nbad{a\n");
        let t = |p: &str| d(&format!("outer/tree/{p}"));
        write(&t(".ignore"), "ign-dir/\n*.yaml\n");
        for p in [
            "a",
            "b/c",
            "node_modules",
            "target",
            "target2",
            "ign-dir",
            "from-parent-ignore",
            "from-parent-gitignore",
            "nogit/x",
            "repo/src",
            "repo/src/sub",
            "repo/built",
            "repo/excluded",
            "repo/rescued",
            "repo/from-parent-gitignore",
            "repo/.git",
            "jj/y",
            "jj/z",
            "wt/wtex",
            "wt/kept",
        ] {
            write(&t(&format!("{p}/{yml}")), "publiccode: x\n");
        }
        write(&t("a/publiccode.yaml"), "x\n");
        write(&t("a/.publiccode.yml"), "x\n");
        write(&t("a/other.yml"), "x\n");
        write(&t("target-file/target"), "x\n");
        write(&t("nogit/.gitignore"), "x/\n");
        mkdir(&t("repo/.git/info"));
        write(&t("repo/.git/info/exclude"), "excluded/\n");
        write(&t("repo/.gitignore"), "built/\n/rescued/\n");
        write(&t("repo/.ignore"), "!rescued/\n");
        write(&t("repo/src/.gitignore"), "sub/\n");
        mkdir(&t("jj/.jj"));
        write(&t("jj/.gitignore"), "y/\n");
        // A worktree: `.git` is a file naming its git folder, whose `commondir` holds
        // `info/exclude`.
        write(&d("gitdirs/common/info/exclude"), "wtex/\n");
        write(&d("gitdirs/wt/commondir"), "../common\n");
        write(
            &t("wt/.git"),
            &format!("gitdir: {}\n", d("gitdirs/wt").display()),
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(t(&format!("a/{yml}")), t(&format!("links/{yml}")))
                .or_else(|_| {
                    mkdir(&t("links"));
                    std::os::unix::fs::symlink(t(&format!("a/{yml}")), t(&format!("links/{yml}")))
                })
                .expect("symlink");
            std::os::unix::fs::symlink(t("a"), t("linkdir")).expect("symlink");
            std::os::unix::fs::symlink(t("nowhere"), t(&format!("b/{yml}"))).expect("symlink");
        }
        // A descriptor at depth 65 is found; the folder at 65 is not searched.
        let mut deep = t("deep");
        for _ in 1..MAX_DEPTH {
            deep.push("d");
        }
        write(&deep.join(yml), "x\n");
        write(&deep.join("d").join(yml), "x\n");
        d("outer/tree")
    }

    #[test]
    fn the_search_finds_what_the_ignore_walker_finds() {
        let base = std::env::temp_dir().join(format!("pc-walk-{}", std::process::id()));
        let root = tree(&base);
        let slash = PathBuf::from(format!("{}/", root.display()));
        let repo = root.join("repo");
        // The same folders named relative to the current one (`../../tmp/…`, `./../…`).
        let cwd = std::env::current_dir().expect("cwd");
        let up = PathBuf::from("../".repeat(cwd.components().count().saturating_sub(1)));
        let relative = up.join(root.strip_prefix("/").unwrap_or(&root));
        let dotted = Path::new(".").join(&relative);
        for dir in [&root, &slash, &repo, &relative, &dotted] {
            let (new, finished) = search(walk, dir, None);
            let (old, old_finished) = search(walk_with_ignore, dir, None);
            let new_items: Vec<_> = new.iter().map(|(i, _)| i.clone()).collect();
            let old_items: Vec<_> = old.iter().map(|(i, _)| i.clone()).collect();
            assert_eq!(new_items, old_items, "{}", dir.display());
            assert!(finished && old_finished);
            // Files come with their folder's listing, errors without.
            assert!(new.iter().all(|(i, listed)| i.is_ok() == *listed));
            for n in 1..4 {
                let (new, finished) = search(walk, dir, Some(n));
                let (old, _) = search(walk_with_ignore, dir, Some(n));
                assert_eq!(new.len(), old.len());
                assert!(!finished || new.len() < n);
            }
        }
        // And what that is, spelled out.
        let (found, _) = search(walk, &root, None);
        let shown: Vec<String> = found
            .iter()
            .map(|(item, _)| match item {
                Ok(input) => input.display().replace(&root.display().to_string(), ""),
                Err(e) => format!("error: {}", e.message),
            })
            .collect();
        let mut expected: Vec<String> = [
            "/a/.publiccode.yml",
            "/a/publiccode.yml",
            "/b/c/publiccode.yml",
            "/b/publiccode.yml",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let broken = shown.first().cloned().unwrap_or_default();
        assert!(
            broken.starts_with("error: cannot search folder: ") && broken.contains("bad{a"),
            "{broken}"
        );
        expected.insert(0, broken);
        expected.push(format!(
            "error: folder nested more than {MAX_DEPTH} levels below {}; not searched",
            root.display()
        ));
        expected.extend(
            [
                "/from-parent-gitignore/publiccode.yml",
                "/jj/z/publiccode.yml",
                "/links/publiccode.yml",
                "/nogit/x/publiccode.yml",
                "/repo/from-parent-gitignore/publiccode.yml",
                "/repo/rescued/publiccode.yml",
                "/repo/src/publiccode.yml",
                "/target2/publiccode.yml",
                "/wt/kept/publiccode.yml",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        let deep_file = format!("/deep{}/publiccode.yml", "/d".repeat(MAX_DEPTH - 1));
        expected.insert(6, deep_file);
        assert_eq!(shown, expected);
        let _ = std::fs::remove_dir_all(&base);
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_folder_is_reported_in_its_place() {
        use std::os::unix::fs::PermissionsExt;
        let base = std::env::temp_dir().join(format!("pc-walk-locked-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        write(&base.join("a/publiccode.yml"), "x\n");
        write(&base.join("locked/publiccode.yml"), "x\n");
        write(&base.join("z/publiccode.yml"), "x\n");
        let locked = base.join("locked");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        if std::fs::read_dir(&locked).is_ok() {
            // Running as root: nothing is unreadable.
            let _ = std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755));
            let _ = std::fs::remove_dir_all(&base);
            return;
        }
        let (new, _) = search(walk, &base, None);
        let (old, _) = search(walk_with_ignore, &base, None);
        let _ = std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755));
        let new: Vec<_> = new.into_iter().map(|(i, _)| i).collect();
        let old: Vec<_> = old.into_iter().map(|(i, _)| i).collect();
        assert_eq!(new, old);
        assert_eq!(
            new.get(1),
            Some(&Err(WalkError {
                path: locked,
                message: "cannot search folder: permission denied".to_string()
            }))
        );
        let _ = std::fs::remove_dir_all(&base);
    }
}
