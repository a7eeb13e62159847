//! `validate` streams: results come out in input order while the search and the
//! checks run, closed pipes end the run quietly, and folders the search cannot enter
//! are reported in their place.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::io::Read;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_publiccode");

fn corpus_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/corpus/publiccode")
}

/// The corpus copied into one folder per descriptor, named so that sorting by name
/// differs from sorting by number (`10` before `9`).
fn corpus_tree() -> (tempfile::TempDir, Vec<String>) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut files: Vec<_> = std::fs::read_dir(corpus_dir())
        .expect("testdata/corpus/publiccode")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(files.len() > 300, "corpus incomplete");
    let mut expected = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let dir = tmp.path().join(format!("{}", i + 1));
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::copy(f, dir.join("publiccode.yml")).expect("copy");
        expected.push(format!("{}", i + 1));
    }
    expected.sort();
    (tmp, expected)
}

#[test]
fn directory_results_in_sorted_input_order() {
    let (tmp, names) = corpus_tree();
    let out = Command::new(BIN)
        .args(["validate", "--format", "json", "--no-local-checks"])
        .arg(tmp.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let paths: Vec<String> = doc["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            let p = f["path"].as_str().unwrap_or("");
            let dir = std::path::Path::new(p).parent().and_then(|d| d.file_name());
            dir.map(|d| d.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(paths, names);
    assert_eq!(doc["summary"]["files"], names.len());
    // The short format of the same run lists the same files in the same order.
    let short = Command::new(BIN)
        .args(["validate", "--format", "short", "--no-local-checks"])
        .arg(tmp.path())
        .output()
        .expect("runs");
    let mut seen: Vec<String> = Vec::new();
    for line in String::from_utf8_lossy(&short.stdout).lines() {
        let p = line.split(":").next().unwrap_or("").to_string();
        if seen.last() != Some(&p) {
            seen.push(p);
        }
    }
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted);
}

#[test]
fn closed_pipe_exits_quietly() {
    let (tmp, _) = corpus_tree();
    for args in [
        vec!["explain".to_string()],
        vec![
            "validate".into(),
            "--format".into(),
            "short".into(),
            tmp.path().display().to_string(),
        ],
    ] {
        let mut child = Command::new(BIN)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        // Read one byte, then close the pipe as `head -c 1` does.
        let mut stdout = child.stdout.take().expect("stdout");
        let mut one = [0u8; 1];
        stdout.read_exact(&mut one).expect("some output");
        drop(stdout);
        let out = child.wait_with_output().expect("exits");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn too_deep_trees_are_reported() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut deep = tmp.path().to_path_buf();
    for _ in 0..70 {
        deep.push("d");
    }
    std::fs::create_dir_all(&deep).expect("mkdir");
    std::fs::write(deep.join("publiccode.yml"), "publiccodeYmlVersion: \"0\"\n").expect("write");
    std::fs::copy(
        corpus_dir().join("0001.yml"),
        tmp.path().join("publiccode.yml"),
    )
    .expect("copy");
    let out = Command::new(BIN)
        .args(["validate", "--format", "short", "--no-local-checks"])
        .arg(tmp.path())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{text}");
    // An I/O error, on standard error with the folder named once.
    assert!(
        err.starts_with("error: ") && err.contains("folder nested more than 64 levels"),
        "{err}"
    );
}
