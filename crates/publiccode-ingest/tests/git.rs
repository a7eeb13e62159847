//! Git sources: a local repository read from its default branch without a checkout,
//! and a remote one served by a real `git daemon` on 127.0.0.1, cloned shallow and
//! blob-less.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

mod common;

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use publiccode_ingest::{Catalogue, Fetch, IngestOptions, ingest};

fn git(dir: &Path, args: &[&str]) {
    let st = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.org",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .stdout(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("git is needed for this test: {e}"));
    assert!(st.success(), "git {args:?}");
}

/// A repository with a descriptor committed on its default branch and a different,
/// uncommitted one in the work tree (which must not be read).
fn repo(dir: &Path, url: &str) {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    git(dir, &["init", "-q"]);
    put(dir, &descriptor("gitapp", url, "urn:x-italian-pa:c_a547"));
    git(dir, &["add", "publiccode.yml"]);
    git(dir, &["commit", "-q", "-m", "descriptor"]);
    put(dir, "not: committed\n");
}

#[test]
fn local_repository_default_branch() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let r = dir.path().join("repo");
    repo(&r, "https://example.org/g/gitapp");
    git(
        &r,
        &[
            "remote",
            "add",
            "origin",
            "https://example.org/g/gitapp.git",
        ],
    );
    let mut cat = Catalogue::open(&dir.path().join("c.sqlite").display().to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    let s = ingest(
        &mut cat,
        &[format!("git:{}", r.display())],
        &IngestOptions::default(),
        &mut |_| {},
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((s.counts.added, s.counts.valid), (1, 1), "{s:?}");
    assert_eq!(
        count(
            &mut cat,
            "SELECT COUNT(*) FROM software WHERE id = 'example.org/g/gitapp' AND active = 1"
        ),
        1
    );
    // A folder that is not a repository is a failed item, with the reason.
    let plain = dir.path().join("plain");
    put(&plain, "x: 1\n");
    let s = ingest(
        &mut cat,
        &[format!("git:{}", plain.display())],
        &IngestOptions::default(),
        &mut |_| {},
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.counts.failed, 1);
}

/// A running `git daemon`. `git daemon` execs `git-daemon` as a child of its own, so
/// the daemon's pid file, not the spawned process, says what to stop.
struct Daemon(Child, std::path::PathBuf);

impl Drop for Daemon {
    fn drop(&mut self) {
        if let Ok(pid) = std::fs::read_to_string(&self.1) {
            let _ = Command::new("kill").arg(pid.trim()).status();
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Approves every host: the tests talk to 127.0.0.1 only.
struct AllowLocal;

impl Fetch for AllowLocal {
    fn get(&self, url: &str, _max: usize) -> Result<Vec<u8>, String> {
        Err(format!("no web in this test: {url}"))
    }
    fn raw_candidates(&self, _repo_url: &str) -> Vec<String> {
        Vec::new()
    }
    fn approve_git(&self, _url: &str) -> Result<Vec<String>, String> {
        Ok(Vec::new())
    }
}

#[test]
fn remote_repository_over_git_daemon() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let base = dir.path().join("served");
    let work = dir.path().join("work");
    repo(&work, "https://example.org/g/remote");
    git(&work, &["config", "uploadpack.allowFilter", "true"]);
    std::fs::create_dir_all(&base).unwrap_or_else(|e| panic!("{e}"));
    let bare = base.join("remote.git");
    let st = Command::new("git")
        .args(["clone", "-q", "--bare"])
        .arg(&work)
        .arg(&bare)
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(st.success());
    git(&bare, &["config", "uploadpack.allowFilter", "true"]);
    let port = free_port();
    let pid_file = dir.path().join("daemon.pid");
    let _daemon = Daemon(
        Command::new("git")
            .args([
                "daemon",
                "--reuseaddr",
                "--export-all",
                "--listen=127.0.0.1",
            ])
            .arg(format!("--pid-file={}", pid_file.display()))
            .arg(format!("--port={port}"))
            .arg(format!("--base-path={}", base.display()))
            .arg(&base)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("git daemon: {e}")),
        pid_file,
    );
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "git daemon did not start"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let url = format!("git://127.0.0.1:{port}/remote.git");
    let mut cat = Catalogue::open(&dir.path().join("c.sqlite").display().to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    // Without a fetcher (no network checks configured) a remote source is refused.
    let s = ingest(
        &mut cat,
        std::slice::from_ref(&url),
        &IngestOptions::default(),
        &mut |_| {},
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.counts.failed, 1);
    let allow = AllowLocal;
    let opts = IngestOptions::default().with_fetch(&allow);
    let s = ingest(&mut cat, std::slice::from_ref(&url), &opts, &mut |_| {})
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((s.counts.added, s.counts.failed), (1, 0), "{s:?}");
    // Keyed by where it was found; its url names another repository: a technical fork.
    let id = "127.0.0.1/remote";
    assert_eq!(
        count(
            &mut cat,
            &format!(
                "SELECT COUNT(*) FROM software WHERE id = '{id}' AND fork_of = 'example.org/g/remote'"
            )
        ),
        1
    );
    // A repository that does not exist is a failed item.
    let s = ingest(
        &mut cat,
        &[format!("git://127.0.0.1:{port}/nothing.git")],
        &opts,
        &mut |_| {},
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.counts.failed, 1);
}
