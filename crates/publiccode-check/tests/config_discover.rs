//! Configuration discovery on a real directory tree: precedence of file names, tables
//! that must be present, and the repository root as the end of the walk.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::{Path, PathBuf};

use publiccode_check::config;

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let p =
            std::env::temp_dir().join(format!("publiccode-config-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("temp dir");
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn write(path: &Path, text: &str) {
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

#[test]
fn walks_up_and_respects_precedence() {
    let t = TempDir::new("walk");
    let root = &t.0;
    std::fs::create_dir_all(root.join(".git")).expect("git dir");
    write(&root.join("pyproject.toml"), "[project]\nname = \"x\"\n");
    write(
        &root.join("Cargo.toml"),
        "[package]\nname = \"x\"\n[package.metadata.publiccode]\nprofiles = [\"fr\"]\n",
    );
    let deep = root.join("a/b");
    std::fs::create_dir_all(&deep).expect("mkdir");
    // pyproject.toml has no [tool.publiccode]: skipped; Cargo.toml's table is used.
    let c = config::discover(&deep).expect("ok").expect("found");
    assert_eq!(c.path, root.join("Cargo.toml"));
    assert_eq!(c.profiles, Some(vec!["fr".to_string()]));

    // A publiccode.toml in the same folder wins.
    write(&root.join("publiccode.toml"), "profiles = [\"it\"]\n");
    let c = config::discover(&deep).expect("ok").expect("found");
    assert_eq!(c.path, root.join("publiccode.toml"));

    // A nearer one wins over the root's.
    write(
        &root.join("a/.publiccode.toml"),
        "warnings-as-errors = true\n",
    );
    let c = config::discover(&deep).expect("ok").expect("found");
    assert_eq!(c.path, root.join("a/.publiccode.toml"));
    assert_eq!(c.warnings_as_errors, Some(true));
}

#[test]
fn stops_at_the_repository_root() {
    let t = TempDir::new("stop");
    write(&t.0.join("publiccode.toml"), "profiles = [\"it\"]\n");
    let repo = t.0.join("repo");
    std::fs::create_dir_all(repo.join(".git")).expect("git dir");
    assert!(config::discover(&repo).expect("ok").is_none());
}

#[test]
fn a_broken_file_is_an_error_with_a_position() {
    let t = TempDir::new("broken");
    std::fs::create_dir_all(t.0.join(".git")).expect("git dir");
    write(
        &t.0.join("publiccode.toml"),
        "ignore = [\"PC105\"]\nformat = 3\n",
    );
    let errs = config::discover(&t.0).expect_err("broken");
    assert_eq!(errs.len(), 1);
    assert_eq!((errs[0].line, errs[0].column), (2, 10));
    assert_eq!(errs[0].key, "format");
    assert_eq!(errs[0].message, "must be a string, not integer");
    // A broken pyproject.toml that has nothing to do with publiccode is skipped.
    std::fs::remove_file(t.0.join("publiccode.toml")).expect("rm");
    write(&t.0.join("pyproject.toml"), "[project\n");
    assert!(config::discover(&t.0).expect("ok").is_none());
    // --config on a file without the table says so.
    let errs = config::load(&t.0.join("pyproject.toml")).expect_err("no table");
    assert!(errs[0].message.contains("[tool.publiccode]"));
}
