//! Where descriptors come from, and how each is read.
//!
//! A run's sources are expanded into queue items, one per descriptor to read:
//! `file:PATH` (a local file, found directly or by searching a folder), `git:URL`
//! (a repository, local or remote, read from its default branch), `url:URL` (a raw
//! descriptor on the web) and `repo:URL` (a forge repository page, turned into a raw
//! URL). The item text is the queue key, so the same descriptor is never queued twice
//! in one run.

use std::path::{Path, PathBuf};

use crate::checks::Found;
use crate::{Error, git, urlnorm};

/// Descriptor file names searched for in folders and tried, in this order, at a git
/// repository's root and a web domain's `.well-known/`.
pub const DESCRIPTOR_NAMES: &[&str] = &["publiccode.yml", "publiccode.yaml"];

/// Folders never searched.
const SKIP_DIRS: &[&str] = &[".git", "node_modules", "target", "vendor", ".venv"];

/// Deepest folder searched below a source folder.
const MAX_DEPTH: usize = 32;

/// Expands one command-line source into queue items. `git` forces a local path to be
/// read as a git repository.
pub fn expand(arg: &str, as_git: bool, out: &mut Vec<String>) -> Result<(), Error> {
    if arg.starts_with("git://") || arg.starts_with("ssh://") {
        out.push(format!("git:{arg}"));
        return Ok(());
    }
    if let Some(rest) = arg
        .strip_prefix("git:")
        .or_else(|| arg.strip_prefix("git+"))
    {
        out.push(format!("git:{}", absolute_if_path(rest)));
        return Ok(());
    }
    if arg.starts_with("http://") || arg.starts_with("https://") {
        // A bare web address (`https://example.org`) is a domain: its descriptor is
        // published at /.well-known/publiccode.yml.
        let rest = arg.split_once("://").map_or("", |(_, r)| r);
        if !rest.trim_end_matches('/').contains('/') && !rest.contains(['?', '#']) {
            out.push(format!(
                "url:{}/.well-known/publiccode.yml",
                arg.trim_end_matches('/')
            ));
            return Ok(());
        }
        out.push(if as_git || arg.ends_with(".git") {
            format!("git:{arg}")
        } else {
            url_item(arg)
        });
        return Ok(());
    }
    let path = Path::new(arg);
    let meta = std::fs::metadata(path).map_err(|e| Error::Source(format!("{arg}: {e}")))?;
    if as_git {
        out.push(format!("git:{}", absolute(path).display()));
    } else if meta.is_dir() {
        let before = out.len();
        walk(&absolute(path), 0, out)?;
        if out.len() == before {
            return Err(Error::Source(format!(
                "{arg}: no publiccode.yml or publiccode.yaml in this folder or below"
            )));
        }
    } else if meta.is_file() {
        out.push(format!("file:{}", absolute(path).display()));
    } else {
        return Err(Error::Source(format!(
            "{arg}: not a regular file or folder"
        )));
    }
    Ok(())
}

/// Reads a list file: one source a line (raw descriptor URLs, repository URLs, bare web
/// domains looked up at `/.well-known/publiccode.yml`, git URLs, paths); `#` comments
/// and blank lines are skipped.
pub fn expand_list(text: &str, out: &mut Vec<String>) -> Result<(), Error> {
    for (n, line) in text.lines().enumerate() {
        let line = line.split(" #").next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !line.contains('/') && !line.contains(':') && line.contains('.') {
            out.push(format!("url:https://{line}/.well-known/publiccode.yml"));
            continue;
        }
        expand(line, false, out).map_err(|e| Error::Source(format!("line {}: {e}", n + 1)))?;
    }
    Ok(())
}

/// `url:` for what looks like a descriptor, `repo:` for a repository page.
fn url_item(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    if path.ends_with(".yml") || path.ends_with(".yaml") {
        format!("url:{url}")
    } else {
        format!("repo:{url}")
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

fn absolute_if_path(s: &str) -> String {
    if s.contains("://") || s.contains('@') {
        s.to_string()
    } else {
        absolute(Path::new(s)).display().to_string()
    }
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<String>) -> Result<(), Error> {
    if depth > MAX_DEPTH {
        return Err(Error::Source(format!(
            "{}: folders nested more than {MAX_DEPTH} deep",
            dir.display()
        )));
    }
    let rd =
        std::fs::read_dir(dir).map_err(|e| Error::Source(format!("{}: {e}", dir.display())))?;
    let mut entries: Vec<(String, std::fs::FileType)> = rd
        .filter_map(Result::ok)
        .filter_map(|e| Some((e.file_name().into_string().ok()?, e.file_type().ok()?)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    // One descriptor per folder: publiccode.yml wins over publiccode.yaml.
    if let Some(name) = DESCRIPTOR_NAMES
        .iter()
        .find(|n| entries.iter().any(|(e, t)| e == *n && t.is_file()))
    {
        out.push(format!("file:{}", dir.join(name).display()));
    }
    for (name, ty) in entries {
        if ty.is_dir() && !SKIP_DIRS.contains(&name.as_str()) {
            walk(&dir.join(name), depth + 1, out)?;
        }
    }
    Ok(())
}

/// Something that fetches URLs for the `url:` and `repo:` items, with the network
/// crate's guards (SSRF, size caps, timeouts). The CLI provides it.
pub trait Fetch: Send + Sync {
    /// The body of a successful GET of `url`, at most `max` bytes.
    fn get(&self, url: &str, max: usize) -> Result<Vec<u8>, String>;
    /// Raw descriptor URLs to try for a repository page URL, in order.
    fn raw_candidates(&self, repo_url: &str) -> Vec<String>;
    /// Checks a git URL's host before a clone and returns `host:port:address` pins for
    /// `http.curloptResolve` (empty for local paths).
    fn approve_git(&self, url: &str) -> Result<Vec<String>, String>;
}

/// How items are read.
pub struct ReadOptions<'a> {
    /// Largest descriptor read.
    pub max_bytes: usize,
    /// Git settings.
    pub git: git::GitOptions,
    /// For `url:` and `repo:` items; without it they fail with a clear message.
    pub fetch: Option<&'a dyn Fetch>,
}

/// Reads one queue item: the descriptor's bytes and where it was found.
pub fn read(item: &str, opts: &ReadOptions<'_>) -> Result<(Found, Vec<u8>), String> {
    if let Some(p) = item.strip_prefix("file:") {
        let path = Path::new(p);
        let bytes = read_file(path, opts.max_bytes)?;
        let repository = path
            .parent()
            .and_then(git::origin_of)
            .and_then(|u| urlnorm::normalise(&u));
        return Ok((
            Found {
                source: p.to_string(),
                repository,
            },
            bytes,
        ));
    }
    if let Some(u) = item.strip_prefix("git:") {
        let is_remote = u.contains("://") || u.contains('@');
        let file = if is_remote {
            let mut g = opts.git.clone();
            if let Some(f) = opts.fetch {
                g.resolve = f.approve_git(u)?;
            } else if !u.starts_with("file://") {
                return Err("remote git repositories need the network checks (no fetcher)".into());
            }
            git::read_remote(u, &g)?
        } else {
            git::read_local(Path::new(u), &opts.git)?
        };
        let repository = if is_remote {
            urlnorm::normalise(u)
        } else {
            git::origin_of(Path::new(u)).and_then(|o| urlnorm::normalise(&o))
        };
        let Some(file) = file else {
            return Err(
                "no publiccode.yml or publiccode.yaml at the root of the default branch".into(),
            );
        };
        let source = if is_remote {
            format!("{u} ({})", file.name)
        } else {
            format!("{}/{}", u.trim_end_matches('/'), file.name)
        };
        return Ok((Found { source, repository }, file.bytes));
    }
    let fetch = opts
        .fetch
        .ok_or_else(|| "web sources need the network (no fetcher configured)".to_string())?;
    if let Some(u) = item.strip_prefix("url:") {
        let bytes = fetch.get(u, opts.max_bytes)?;
        let repository = urlnorm::repository_of_raw(u);
        return Ok((
            Found {
                source: u.to_string(),
                repository,
            },
            bytes,
        ));
    }
    if let Some(u) = item.strip_prefix("repo:") {
        let mut last = String::from("no raw URL known for this repository");
        for raw in fetch.raw_candidates(u) {
            match fetch.get(&raw, opts.max_bytes) {
                Ok(bytes) => {
                    return Ok((
                        Found {
                            source: raw,
                            repository: urlnorm::normalise(u),
                        },
                        bytes,
                    ));
                }
                Err(e) => last = e,
            }
        }
        return Err(last);
    }
    Err(format!("unknown item {item}"))
}

fn read_file(path: &Path, max: usize) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > max as u64 {
        return Err(format!(
            "{} bytes, more than the limit of {max}",
            meta.len()
        ));
    }
    let mut buf = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(max as u64 + 1).read_to_end(&mut buf))
        .map_err(|e| e.to_string())?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_lines() {
        let mut out = Vec::new();
        expand_list(
            "# comment\n\nhttps://raw.githubusercontent.com/o/r/main/publiccode.yml\n\
             https://github.com/o/r\nexample.org\ngit://host/repo.git  # trailing\n",
            &mut out,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            out,
            [
                "url:https://raw.githubusercontent.com/o/r/main/publiccode.yml",
                "repo:https://github.com/o/r",
                "url:https://example.org/.well-known/publiccode.yml",
                "git:git://host/repo.git",
            ]
        );
    }
}
