//! Local file checks stay inside the repository: `..`, absolute paths and symbolic
//! links that lead out are refused with one message whether or not the target exists;
//! FIFOs, devices and `/proc` entries are never opened; sizes are checked before
//! reading. Each case is bounded in time (a hang guard, not a benchmark).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]
#![cfg(unix)]

use std::path::Path;
use std::time::{Duration, Instant};

use publiccode::resources::{OverLimit, read_confined, repository_root};
use publiccode::{DirResources, Options, ResourceError, Resources, validate_str};

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir(dir.path().join(".git")).expect("mkdir .git");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir sub");
    std::fs::write(dir.path().join("logo.png"), b"\x89PNG\r\n\x1a\n").expect("write");
    dir
}

fn authors_messages(res: &DirResources, authors: &str) -> Vec<String> {
    let text = format!("publiccodeYmlVersion: \"0.4\"\nlegal:\n  authorsFile: {authors}\n");
    let report = validate_str(&text, &Options::new().with_resources(res));
    report
        .diagnostics
        .iter()
        .filter(|d| d.key == "legal.authorsFile" && d.code == publiccode::rules::code::FILE_MISSING)
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn dot_dot_and_absolute_paths_are_refused_without_telling_existence() {
    let dir = repo();
    let res = DirResources::new(dir.path().join("sub"));
    // Inside the repository through `..`: allowed (the root is the folder with .git).
    assert_eq!(
        res.read("../logo.png", 64).map(|b| b.len()),
        Ok(8),
        "a file of the same repository"
    );
    let existing = res.read("../../../../../../../../etc/passwd", 64);
    let missing = res.read("../../../../../../../../etc/no-such-file-here", 64);
    assert_eq!(existing, Err(ResourceError::OutsideRepository));
    assert_eq!(missing, Err(ResourceError::OutsideRepository));
    let a = authors_messages(&res, "../../../../../../../../etc/shadow");
    let b = authors_messages(&res, "../../../../../../../../etc/no-such-file-here");
    assert_eq!(a.len(), 1, "{a:?}");
    assert!(a[0].contains("outside the repository"), "{a:?}");
    assert_eq!(
        a[0].replace("shadow", "X"),
        b[0].replace("no-such-file-here", "X")
    );
}

#[test]
fn symlinks_out_of_the_repository_are_refused() {
    let dir = repo();
    let outside = tempfile::tempdir().expect("temporary folder");
    std::fs::write(outside.path().join("secret"), "s").expect("write");
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(outside.path(), &link).expect("symlink");
    std::os::unix::fs::symlink(outside.path().join("secret"), dir.path().join("s.txt"))
        .expect("symlink");
    let res = DirResources::new(dir.path());
    assert_eq!(
        res.read("link/secret", 64),
        Err(ResourceError::OutsideRepository)
    );
    assert_eq!(
        res.read("link/missing", 64),
        Err(ResourceError::OutsideRepository)
    );
    assert_eq!(
        res.read("link/a/b/c", 64),
        Err(ResourceError::OutsideRepository)
    );
    assert_eq!(res.read("s.txt", 64), Err(ResourceError::OutsideRepository));
    assert_eq!(res.read("missing.png", 64), Err(ResourceError::NotFound));
    // A link inside the repository is followed.
    std::os::unix::fs::symlink(dir.path().join("logo.png"), dir.path().join("l.png"))
        .expect("symlink");
    assert!(res.read("l.png", 64).is_ok());
}

#[test]
fn fifos_and_proc_entries_are_never_opened() {
    let dir = repo();
    let fifo = dir.path().join("AUTHORS");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    std::os::unix::fs::symlink("/proc/kmsg", dir.path().join("kmsg")).expect("symlink");
    let res = DirResources::new(dir.path());
    let start = Instant::now();
    assert_eq!(res.read("AUTHORS", 64), Err(ResourceError::NotRegular));
    assert_eq!(res.read("kmsg", 64), Err(ResourceError::OutsideRepository));
    let msgs = authors_messages(&res, "AUTHORS");
    assert!(msgs[0].contains("not a regular file"), "{msgs:?}");
    // Even with the whole file system as the repository, /proc is not read.
    let everything = DirResources::with_root("/", "/");
    assert_eq!(
        everything.read("/proc/kmsg", 64),
        Err(ResourceError::NotRegular)
    );
    assert_eq!(
        everything.read("/proc/self/status", 64),
        Err(ResourceError::NotRegular)
    );
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn sizes_are_checked_before_reading() {
    let dir = repo();
    let big = dir.path().join("LICENSE");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(2 << 30).expect("a sparse 2 GB file");
    let start = Instant::now();
    assert_eq!(
        read_confined(dir.path(), &big, 1 << 20, OverLimit::Refuse),
        Err(ResourceError::TooLarge(2 << 30))
    );
    // Truncating reads read only the head.
    let head = read_confined(dir.path(), &big, 4096, OverLimit::Truncate).expect("read");
    assert_eq!(head.len(), 4096);
    assert!(start.elapsed() < Duration::from_secs(2));
}

#[test]
fn repository_root_is_base_dir_then_git_then_the_folder() {
    let dir = repo();
    let sub = dir.path().join("sub");
    let real = |p: &Path| std::fs::canonicalize(p).expect("canonical");
    assert_eq!(real(&repository_root(&sub, None)), real(dir.path()));
    assert_eq!(repository_root(&sub, Some(&sub)), sub);
    let plain = tempfile::tempdir().expect("temporary folder");
    assert_eq!(
        real(&repository_root(plain.path(), None)),
        real(plain.path())
    );
}
