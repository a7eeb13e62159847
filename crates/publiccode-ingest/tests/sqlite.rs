//! The embedded catalogue end to end: sources found in a tree of checkouts, software
//! keyed by repository, re-runs that change nothing, history of changes, invalid
//! descriptors stored inactive, technical forks, duplicates, the publisher check,
//! search and export.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

mod common;
mod scenarios;

use common::*;
use publiccode_ingest::{Catalogue, IngestOptions, Publishers, ingest};
use scenarios::run;

fn db(dir: &tempfile::TempDir) -> String {
    dir.path().join("c.sqlite").display().to_string()
}

#[test]
fn ingest_rerun_change_and_history() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    scenarios::full_scenario(&db(&dir));
}

#[test]
fn interrupted_run_resumes() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    scenarios::resume_scenario(&db(&dir));
}

#[test]
fn publisher_check() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let src = dir.path().join("src");
    put(
        &src.join("ok"),
        &descriptor(
            "ok",
            "https://github.com/comune/ok",
            "urn:x-italian-pa:C_A547",
        ),
    );
    checkout(&src.join("ok"), "https://github.com/comune/ok.git");
    put(
        &src.join("bad"),
        &descriptor(
            "bad",
            "https://github.com/comune/bad",
            "urn:x-italian-pa:other",
        ),
    );
    checkout(&src.join("bad"), "https://github.com/comune/bad.git");
    let publishers = Publishers::parse(
        "- name: Comune di Prova\n  id: c_a547\n  codeHosting:\n    - url: https://github.com/comune\n",
        "urn:x-italian-pa:",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut cat = Catalogue::open(&dir.path().join("c.sqlite").display().to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    let opts = IngestOptions::default().with_publishers(&publishers);
    let s = run(&mut cat, &src, &opts);
    assert_eq!((s.counts.valid, s.counts.invalid), (1, 1));
    let rows = cat
        .query(
            "SELECT diagnostics FROM software WHERE id = 'github.com/comune/bad'",
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let diags = rows[0][0].text().to_string();
    assert!(
        diags.contains("PI002") && diags.contains("urn:x-italian-pa:c_a547"),
        "{diags}"
    );
}

#[test]
fn bad_sources_are_errors() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut cat = Catalogue::open(&dir.path().join("c.sqlite").display().to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    let opts = IngestOptions::default();
    let missing = dir.path().join("nope").display().to_string();
    assert!(ingest(&mut cat, &[missing], &opts, &mut |_| {}).is_err());
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap_or_else(|e| panic!("{e}"));
    let e = ingest(&mut cat, &[empty.display().to_string()], &opts, &mut |_| {})
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("no publiccode.yml"), "{e}");
}

#[test]
fn a_descriptor_without_url_is_keyed_by_where_it_was_found() {
    let found = publiccode_ingest::checks::Found {
        source: "src/app".into(),
        repository: Some("example.org/g/app".into()),
    };
    let mut fork_of = String::new();
    let ds = publiccode_ingest::checks::location(&found, "", None, &mut fork_of);
    let codes: Vec<&str> = ds.iter().map(|d| d.code.as_ref()).collect();
    assert_eq!(codes, ["PI003"]);
    assert!(fork_of.is_empty());
    let ds = publiccode_ingest::checks::location(
        &found,
        "https://example.org/g/app",
        Some("example.org/g/app"),
        &mut fork_of,
    );
    assert!(ds.is_empty(), "{ds:?}");
}
