//! Scenarios run against both engines (SQLite in `sqlite.rs`, PostgreSQL in
//! `postgres.rs`): the same behaviour is expected of each.

use crate::common::*;
use publiccode_ingest::{Catalogue, IngestOptions, ingest, report};

/// One ingest of one folder.
pub fn run(
    cat: &mut Catalogue,
    src: &std::path::Path,
    opts: &IngestOptions<'_>,
) -> publiccode_ingest::Summary {
    ingest(cat, &[src.display().to_string()], opts, &mut |_| {}).unwrap_or_else(|e| panic!("{e}"))
}

/// Ingest, re-run, change, history, forks, duplicates, search, export and report.
pub fn full_scenario(db: &str) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let src = dir.path().join("src");
    tree(&src, 30);
    // An invalid one, a fork (url elsewhere than its checkout), and a duplicate.
    put(
        &src.join("broken"),
        "publiccodeYmlVersion: \"0\"\nname: broken\nurl: \"https://example.org/g/broken\"\n",
    );
    put(
        &src.join("fork"),
        &descriptor(
            "app3",
            "https://example.org/g/app3",
            "urn:x-italian-pa:c_a547",
        ),
    );
    checkout(&src.join("fork"), "git@example.org:someone/app3-fork.git");
    put(
        &src.join("zz-dup"),
        &descriptor(
            "app5",
            "https://EXAMPLE.org/g/app5.git/",
            "urn:x-italian-pa:c_a547",
        ),
    );

    let mut cat = Catalogue::open(db).unwrap_or_else(|e| panic!("{e}"));
    let opts = IngestOptions::default();
    let s = run(&mut cat, &src, &opts);
    assert!(s.complete && !s.resumed);
    assert_eq!(s.queued, 33);
    let c = s.counts;
    assert_eq!((c.added, c.duplicate, c.failed), (32, 1, 0), "{c:?}");
    assert_eq!(count(&mut cat, "SELECT COUNT(*) FROM software"), 32);
    assert_eq!(
        count(
            &mut cat,
            "SELECT COUNT(*) FROM software WHERE valid = 0 AND active = 0"
        ),
        1
    );
    assert_eq!(
        count(
            &mut cat,
            "SELECT COUNT(*) FROM software WHERE id = 'example.org/someone/app3-fork' AND active = 0 AND fork_of = 'example.org/g/app3'"
        ),
        1,
        "the fork is keyed by where it was found and stored inactive"
    );
    let rows = cat
        .query(
            "SELECT diagnostics FROM software WHERE id = 'example.org/someone/app3-fork'",
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let diags = rows[0][0].text().to_string();
    assert!(diags.contains("PI001"), "the fork says why: {diags}");
    assert_consistent(&mut cat);

    // Idempotent: the same sources again change nothing but last_seen.
    let s2 = run(&mut cat, &src, &opts);
    assert_eq!(
        (s2.counts.unchanged, s2.counts.added, s2.counts.changed),
        (32, 0, 0)
    );
    assert_ne!(s.run, s2.run);
    assert_eq!(count(&mut cat, "SELECT COUNT(*) FROM history"), 32);

    // A fixed descriptor becomes valid; the history says so.
    put(
        &src.join("broken"),
        &descriptor(
            "broken",
            "https://example.org/g/broken",
            "urn:x-italian-pa:c_a547",
        ),
    );
    let s3 = run(&mut cat, &src, &opts);
    assert_eq!((s3.counts.changed, s3.counts.unchanged), (1, 31));
    assert_eq!(
        count(
            &mut cat,
            "SELECT COUNT(*) FROM history WHERE software_id = 'example.org/g/broken' AND detail = 'changed, now valid'"
        ),
        1
    );
    assert_eq!(
        count(
            &mut cat,
            "SELECT COUNT(*) FROM software WHERE first_seen < last_changed AND id = 'example.org/g/broken'"
        ),
        1
    );
    assert_consistent(&mut cat);

    // Search and export.
    assert_eq!(
        cat.search("app7", 10).unwrap_or_else(|e| panic!("{e}")),
        ["example.org/g/app7"]
    );
    assert!(
        cat.search("\"; DROP TABLE software; --", 10)
            .unwrap_or_else(|e| panic!("{e}"))
            .is_empty()
    );
    let rows = report::export_rows(&mut cat).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rows.len(), 32);
    assert_eq!(rows[0]["publiccode"]["publiccodeYmlVersion"], "0");
    let mut csv = Vec::new();
    report::write_csv(&rows, &mut csv).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(String::from_utf8_lossy(&csv).lines().count(), 33);

    // The report names the fork, the change and the duplicate.
    let r = report::gather(&mut cat).unwrap_or_else(|e| panic!("{e}"));
    let md = report::markdown(&r);
    assert!(
        md.contains("example.org/someone/app3-fork | technical fork"),
        "{md}"
    );
    assert!(
        md.contains("example.org/g/broken | listed | 0 | 0 | changed, now valid"),
        "{md}"
    );
    assert!(md.contains("duplicate: same repository as"), "{md}");
}

/// A run stopped after two batches is resumed, not restarted.
pub fn resume_scenario(db: &str) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let src = dir.path().join("src");
    tree(&src, 50);
    let mut opts = IngestOptions::default();
    opts.batch = 10;
    opts.max_batches = Some(2);
    let mut cat = Catalogue::open(db).unwrap_or_else(|e| panic!("{e}"));
    let s = run(&mut cat, &src, &opts);
    assert!(!s.complete);
    assert_eq!(s.counts.added, 20);
    assert_consistent(&mut cat);
    drop(cat);
    opts.max_batches = None;
    let mut cat = Catalogue::open(db).unwrap_or_else(|e| panic!("{e}"));
    let s2 = run(&mut cat, &src, &opts);
    assert!(s2.resumed && s2.complete);
    assert_eq!(s2.run, s.run);
    assert_eq!(
        s2.counts.added, 30,
        "the second run carries on, it does not start again"
    );
    assert_eq!(count(&mut cat, "SELECT COUNT(*) FROM software"), 50);
    assert_consistent(&mut cat);
}
