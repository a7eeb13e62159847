//! The shared catalogue on a real PostgreSQL server (started by `.ci/run`): the same
//! scenarios as SQLite, and two processes working one run at once without duplicating
//! or losing work.

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
use publiccode_ingest::{Catalogue, IngestOptions, ingest};

#[test]
fn pg_ingest_rerun_change_and_history() {
    let Some(db) = pg_database("full") else {
        return;
    };
    scenarios::full_scenario(&db);
}

#[test]
fn pg_interrupted_run_resumes() {
    let Some(db) = pg_database("resume") else {
        return;
    };
    scenarios::resume_scenario(&db);
}

#[test]
fn pg_two_workers_share_a_run() {
    let Some(db) = pg_database("shared") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let src = dir.path().join("src");
    tree(&src, 200);
    let sources = vec![src.display().to_string()];
    let barrier = std::sync::Barrier::new(2);
    let results: Vec<publiccode_ingest::Summary> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| {
                    // Both open (and migrate) the new catalogue at the same moment, as
                    // two processes started together would.
                    barrier.wait();
                    let mut cat = Catalogue::open(&db).unwrap_or_else(|e| panic!("{e}"));
                    let mut opts = IngestOptions::default();
                    opts.batch = 5;
                    ingest(&mut cat, &sources, &opts, &mut |_| {}).unwrap_or_else(|e| panic!("{e}"))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| panic!("worker panicked")))
            .collect()
    });
    assert_eq!(
        results[0].run, results[1].run,
        "both workers joined one run"
    );
    let added: u64 = results.iter().map(|r| r.counts.added).sum();
    assert_eq!(added, 200, "every item processed exactly once: {results:?}");
    assert!(
        results.iter().all(|r| r.counts.added > 0),
        "both did work: {results:?}"
    );
    let mut cat = Catalogue::open(&db).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(count(&mut cat, "SELECT COUNT(*) FROM software"), 200);
    assert_eq!(count(&mut cat, "SELECT COUNT(*) FROM history"), 200);
    assert_eq!(
        count(&mut cat, "SELECT COUNT(*) FROM queue WHERE state <> 'done'"),
        0
    );
    assert_eq!(
        count(&mut cat, "SELECT COUNT(*) FROM runs WHERE state = 'done'"),
        1
    );
    assert_consistent(&mut cat);
    // Full-text search works the same way.
    assert_eq!(
        cat.search("app17", 5).unwrap_or_else(|e| panic!("{e}")),
        ["example.org/g/app17"]
    );
}
