//! Helpers shared by the ingestion tests: descriptors written on the fly, trees of
//! checkouts, and queries that check the catalogue's invariants.
#![allow(dead_code)]

use std::path::Path;

use publiccode_ingest::Catalogue;

/// A valid descriptor for `url`, named `name`, published by `org_uri`.
pub fn descriptor(name: &str, url: &str, org_uri: &str) -> String {
    const TEMPLATE: &str = r#"publiccodeYmlVersion: "0"
name: NAME
url: "URL"
platforms:
  - web
categories:
  - it-development
developmentStatus: stable
softwareType: "standalone/web"
organisation:
  name: Comune di Prova
  uri: "ORG"
description:
  en:
    shortDescription: The NAME service for citizens
    longDescription: >-
      NAME lets citizens book appointments with the municipality online, with
      reminders, accessibility support and an administration console for the staff
      who manage the calendars of every office, with reports and exports.
    features:
      - Online booking
legal:
  license: EUPL-1.2
maintenance:
  type: community
  contacts:
    - name: Ada Lovelace
      email: ada@example.org
localisation:
  localisationReady: true
  availableLanguages:
    - en
"#;
    TEMPLATE
        .replace("NAME", name)
        .replace("URL", url)
        .replace("ORG", org_uri)
}

/// Writes `text` as `dir/publiccode.yml`, creating folders.
pub fn put(dir: &Path, text: &str) {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    std::fs::write(dir.join("publiccode.yml"), text).unwrap_or_else(|e| panic!("{e}"));
}

/// Makes `dir` look like a checkout whose `origin` is `url`.
pub fn checkout(dir: &Path, url: &str) {
    let git = dir.join(".git");
    std::fs::create_dir_all(&git).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        git.join("config"),
        format!("[core]\n\tbare = false\n[remote \"origin\"]\n\turl = {url}\n"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
}

/// A tree of `n` checkouts with distinct valid descriptors.
pub fn tree(root: &Path, n: usize) {
    for i in 0..n {
        put(
            &root.join(format!("r{i:05}")),
            &descriptor(
                &format!("app{i}"),
                &format!("https://example.org/g/app{i}"),
                "urn:x-italian-pa:c_a547",
            ),
        );
    }
}

/// One integer from a query.
pub fn count(cat: &mut Catalogue, sql: &str) -> i64 {
    cat.query(sql, &[])
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .first()
        .and_then(|r| r.first())
        .map_or(-1, |v| v.int())
}

/// The invariants a catalogue keeps whatever happened to the process writing it:
/// every item marked done that gave a descriptor has its software row; every software
/// row has at least one history entry; the open-run index holds.
pub fn assert_consistent(cat: &mut Catalogue) {
    let orphans = count(
        cat,
        "SELECT COUNT(*) FROM queue q WHERE q.state = 'done' AND q.outcome IN ('added','changed','unchanged') \
         AND NOT EXISTS (SELECT 1 FROM software s WHERE s.id = q.software_id)",
    );
    assert_eq!(orphans, 0, "done items without their software row");
    let no_history = count(
        cat,
        "SELECT COUNT(*) FROM software s WHERE NOT EXISTS (SELECT 1 FROM history h WHERE h.software_id = s.id)",
    );
    assert_eq!(no_history, 0, "software rows without history");
    let open = count(cat, "SELECT COUNT(*) FROM runs WHERE state = 'open'");
    assert!(open <= 1, "{open} open runs for one set of sources");
}

/// A fresh, empty PostgreSQL database for one test, on the server named by
/// `PUBLICCODE_TEST_PG` (which `.ci/run` starts). Without the variable the test is
/// skipped with a notice, except under CI, where it fails: CI must run it.
pub fn pg_database(name: &str) -> Option<String> {
    let Ok(admin) = std::env::var("PUBLICCODE_TEST_PG") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "PUBLICCODE_TEST_PG is not set: .ci/run starts a PostgreSQL server for these tests"
        );
        eprintln!(
            "PUBLICCODE_TEST_PG not set: skipping the PostgreSQL test `{name}` (tools/pg-test-server.sh starts one)"
        );
        return None;
    };
    let db = format!("t_{name}_{}", std::process::id());
    let mut c = postgres::Client::connect(&admin, postgres::NoTls)
        .unwrap_or_else(|e| panic!("{admin}: {e}"));
    for sql in [
        format!("DROP DATABASE IF EXISTS {db}"),
        format!("CREATE DATABASE {db}"),
    ] {
        c.batch_execute(&sql)
            .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
    }
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    Some(format!("{base}/{db}"))
}
