//! Reading `publiccode.yml` from a git repository's default branch without a checkout.
//!
//! We drive the `git` command rather than a Rust git library: it speaks every
//! transport (local, `git://`, smart HTTP), and it supports shallow, blob-less partial
//! clones (`--depth 1 --filter=blob:none`), so only the commit, its trees and the one
//! blob we read cross the network. gix, the pure-Rust alternative, has no partial-clone
//! filters yet. The command runs with prompts and credential helpers off, a time limit,
//! and (for remote hosts) the address the SSRF guard approved pinned with
//! `http.curloptResolve`, so DNS cannot be swapped between the check and the fetch.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How to run git.
#[derive(Debug, Clone)]
pub struct GitOptions {
    /// Longest a clone or read may take.
    pub timeout: Duration,
    /// Largest descriptor read.
    pub max_bytes: usize,
    /// `host:port:address` entries for `http.curloptResolve` (pinned DNS answers).
    pub resolve: Vec<String>,
}

impl Default for GitOptions {
    fn default() -> Self {
        GitOptions {
            timeout: Duration::from_secs(60),
            max_bytes: 1 << 20,
            resolve: Vec::new(),
        }
    }
}

/// A descriptor read from a repository.
#[derive(Debug)]
pub struct GitFile {
    /// Its name at the root (`publiccode.yml`).
    pub name: &'static str,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

fn git(dir: Option<&Path>, opts: &GitOptions) -> Command {
    let mut c = Command::new("git");
    if let Some(d) = dir {
        c.arg("-C").arg(d);
    }
    c.args([
        "-c",
        "credential.helper=",
        "-c",
        "core.askPass=",
        "-c",
        "protocol.file.allow=always",
    ]);
    for r in &opts.resolve {
        c.arg("-c").arg(format!("http.curloptResolve={r}"));
    }
    c.env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_ASKPASS", "")
        .env("SSH_ASKPASS", "")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .stdin(Stdio::null());
    c
}

/// Runs a command with a deadline, keeping at most `max` bytes of its output.
fn run(mut cmd: Command, deadline: Instant, max: usize) -> Result<(bool, Vec<u8>, String), String> {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let out_thread = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.take(max as u64 + 1).read_to_end(&mut buf);
            // Drain the rest so git is not blocked on a full pipe.
            let _ = std::io::copy(s, &mut std::io::sink());
        }
        buf
    });
    let err_thread = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stderr.as_mut() {
            let _ = s.take(64 * 1024).read_to_end(&mut buf);
            let _ = std::io::copy(s, &mut std::io::sink());
        }
        buf
    });
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err("git timed out".into());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("git: {e}")),
        }
    };
    let out = out_thread.join().unwrap_or_default();
    let err = err_thread.join().unwrap_or_default();
    let err = String::from_utf8_lossy(&err)
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string();
    Ok((status.success(), out, err))
}

fn show(dir: &Path, opts: &GitOptions, deadline: Instant) -> Result<Option<GitFile>, String> {
    for name in crate::source::DESCRIPTOR_NAMES {
        let mut c = git(Some(dir), opts);
        c.args(["show", &format!("HEAD:{name}")]);
        let (ok, bytes, _) = run(c, deadline, opts.max_bytes)?;
        if ok {
            if bytes.len() > opts.max_bytes {
                return Err(format!("{name} is larger than {} bytes", opts.max_bytes));
            }
            return Ok(Some(GitFile { name, bytes }));
        }
    }
    Ok(None)
}

/// Reads the descriptor of a local repository (a checkout or a bare repository) from
/// its `HEAD` commit; `Ok(None)` when the tree has none.
pub fn read_local(repo: &Path, opts: &GitOptions) -> Result<Option<GitFile>, String> {
    let deadline = Instant::now() + opts.timeout;
    let mut c = git(Some(repo), opts);
    c.args(["rev-parse", "--verify", "--quiet", "HEAD"]);
    let (ok, _, _) = run(c, deadline, 256)?;
    if !ok {
        return Err(format!(
            "{}: not a git repository with commits",
            repo.display()
        ));
    }
    show(repo, opts, deadline)
}

/// Reads the descriptor of a remote repository's default branch through a shallow,
/// blob-less clone into a temporary folder (removed afterwards).
pub fn read_remote(url: &str, opts: &GitOptions) -> Result<Option<GitFile>, String> {
    let deadline = Instant::now() + opts.timeout;
    let tmp = tempfile::Builder::new()
        .prefix("publiccode-ingest-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    let mut c = git(None, opts);
    c.args([
        "clone",
        "--quiet",
        "--bare",
        "--depth",
        "1",
        "--filter=blob:none",
        "--no-tags",
        "--single-branch",
        "--",
        url,
    ])
    .arg(tmp.path());
    let (ok, _, err) = run(c, deadline, 1024)?;
    if !ok {
        return Err(if err.is_empty() {
            "git clone failed".to_string()
        } else {
            err
        });
    }
    show(tmp.path(), opts, deadline)
}

/// The `origin` remote URL of the checkout containing `dir` (nearest `.git` above),
/// read from its config file without running git.
pub fn origin_of(dir: &Path) -> Option<String> {
    let mut cur = Some(dir);
    while let Some(d) = cur {
        let dot = d.join(".git");
        let config = if dot.is_dir() {
            Some(dot.join("config"))
        } else if dot.is_file() {
            // A worktree or submodule: `gitdir: PATH`.
            std::fs::read_to_string(&dot).ok().and_then(|t| {
                let p = PathBuf::from(t.trim().strip_prefix("gitdir:")?.trim());
                let p = if p.is_absolute() { p } else { d.join(p) };
                let common = std::fs::read_to_string(p.join("commondir"))
                    .ok()
                    .map(|c| p.join(c.trim()))
                    .unwrap_or(p);
                Some(common.join("config"))
            })
        } else {
            None
        };
        if let Some(cfg) = config {
            let text = std::fs::read_to_string(cfg).ok()?;
            return remote_url(&text, "origin");
        }
        cur = d.parent();
    }
    None
}

/// The `url` of `[remote "NAME"]` in a git config text.
fn remote_url(config: &str, name: &str) -> Option<String> {
    let header = format!("[remote \"{name}\"]");
    let mut inside = false;
    for line in config.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            inside = t == header;
        } else if inside
            && let Some((k, v)) = t.split_once('=')
            && k.trim() == "url"
        {
            return Some(v.trim().to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn remote_url_from_config() {
        let cfg = "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = https://a/b\n[remote \"origin\"]\n\turl = git@github.com:o/r.git\n\tfetch = +refs/heads/*\n";
        assert_eq!(
            super::remote_url(cfg, "origin").as_deref(),
            Some("git@github.com:o/r.git")
        );
        assert_eq!(super::remote_url(cfg, "none"), None);
    }
}
