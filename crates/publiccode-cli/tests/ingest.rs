//! `publiccode ingest`, `report` and `catalogue` as a user runs them: a run killed with
//! SIGKILL at a random moment leaves the catalogue consistent and the next run carries
//! on (SQLite, and PostgreSQL when `.ci/run` started one); the HTML report loads in
//! headless Chromium at phone width without console errors and shows the rows; search
//! and export work from the command line.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use publiccode_ingest::Catalogue;

const BIN: &str = env!("CARGO_BIN_EXE_publiccode");

fn descriptor(i: usize) -> String {
    format!(
        r#"publiccodeYmlVersion: "0"
name: app{i}
url: "https://example.org/g/app{i}"
platforms: [web]
categories: [it-development]
developmentStatus: stable
softwareType: "standalone/web"
description:
  en:
    shortDescription: Appointment booking number {i} for citizens
    longDescription: >-
      The booking service lets citizens book appointments with the municipality
      online, with reminders, accessibility support and an administration console
      for the staff who manage the calendars of every office.
    features: [Online booking]
legal:
  license: EUPL-1.2
maintenance:
  type: community
  contacts:
    - name: Ada Lovelace
      email: ada@example.org
localisation:
  localisationReady: true
  availableLanguages: [en]
"#
    )
}

fn tree(root: &Path, n: usize) {
    for i in 0..n {
        let d = root.join(format!("r{i:05}"));
        std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
        let text = if i % 10 == 3 {
            format!(
                "publiccodeYmlVersion: \"0\"\nname: broken{i}\nurl: \"https://example.org/g/broken{i}\"\n"
            )
        } else {
            descriptor(i)
        };
        std::fs::write(d.join("publiccode.yml"), text).unwrap_or_else(|e| panic!("{e}"));
    }
}

fn count(cat: &mut Catalogue, sql: &str) -> i64 {
    cat.query(sql, &[])
        .ok()
        .and_then(|r| r.first().and_then(|r| r.first()).map(|v| v.int()))
        .unwrap_or(-1)
}

fn consistent(cat: &mut Catalogue) {
    assert_eq!(
        count(
            cat,
            "SELECT COUNT(*) FROM queue q WHERE q.state = 'done' AND q.outcome IN ('added','changed','unchanged') \
             AND NOT EXISTS (SELECT 1 FROM software s WHERE s.id = q.software_id)"
        ),
        0
    );
    assert_eq!(
        count(
            cat,
            "SELECT COUNT(*) FROM software s WHERE NOT EXISTS (SELECT 1 FROM history h WHERE h.software_id = s.id)"
        ),
        0
    );
}

fn ingest(db: &str, src: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.args(["ingest", "--quiet", "--batch", "40", "--db", db])
        .arg(src);
    c
}

/// Kills `publiccode ingest` once it has stored some but not all descriptors, then
/// checks the catalogue and lets a second run finish the same run.
fn kill_and_resume(db: &str, n: usize) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let src = dir.path().join("src");
    tree(&src, n);
    let mut child = ingest(db, &src)
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let start = Instant::now();
    let mut stored = 0;
    while stored == 0 {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "nothing stored in 60 s"
        );
        std::thread::sleep(Duration::from_millis(5));
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if let Ok(mut cat) = Catalogue::open(db) {
            stored = count(&mut cat, "SELECT COUNT(*) FROM software");
        }
    }
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
    let mut cat = Catalogue::open(db).unwrap_or_else(|e| panic!("{e}"));
    consistent(&mut cat);
    let before = count(&mut cat, "SELECT COUNT(*) FROM software");
    assert!(before > 0, "the killed run stored nothing");
    drop(cat);
    let out = ingest(db, &src)
        .arg("--json")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let mut cat = Catalogue::open(db).unwrap_or_else(|e| panic!("{e}"));
    consistent(&mut cat);
    assert_eq!(count(&mut cat, "SELECT COUNT(*) FROM software"), n as i64);
    assert_eq!(
        count(&mut cat, "SELECT COUNT(*) FROM queue WHERE state <> 'done'"),
        0
    );
    assert_eq!(
        count(&mut cat, "SELECT COUNT(*) FROM history"),
        n as i64,
        "no descriptor stored twice"
    );
    if before < n as i64 {
        assert_eq!(summary["resumed"], true, "{summary}");
        assert_eq!(
            summary["counts"]["added"].as_i64(),
            Some(n as i64 - before),
            "{summary}"
        );
    }
    assert_eq!(summary["complete"], true);
    assert_eq!(
        count(
            &mut cat,
            "SELECT COUNT(*) FROM software WHERE valid = 0 AND active = 0"
        ),
        (n / 10) as i64
    );
}

#[test]
fn sqlite_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("c.sqlite").display().to_string();
    kill_and_resume(&db, 2000);
}

#[test]
fn postgres_survives_kill_9() {
    let Ok(admin) = std::env::var("PUBLICCODE_TEST_PG") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "PUBLICCODE_TEST_PG is not set under CI"
        );
        eprintln!("PUBLICCODE_TEST_PG not set: skipping the PostgreSQL kill test");
        return;
    };
    let name = format!("t_cli_kill_{}", std::process::id());
    let mut c =
        postgres::Client::connect(&admin, postgres::NoTls).unwrap_or_else(|e| panic!("{e}"));
    for sql in [
        format!("DROP DATABASE IF EXISTS {name}"),
        format!("CREATE DATABASE {name}"),
    ] {
        c.batch_execute(&sql).unwrap_or_else(|e| panic!("{e:?}"));
    }
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    kill_and_resume(&format!("{base}/{name}"), 2000);
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn search_export_and_reports() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let src = dir.path().join("src");
    tree(&src, 12);
    let db = dir.path().join("c.sqlite").display().to_string();
    let (code, _, err) = run(&["ingest", "--db", &db, &src.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("12 descriptors (11 valid, 1 invalid): 12 added"),
        "{err}"
    );

    let (code, out, _) = run(&["catalogue", "--db", &db, "search", "booking number 7"]);
    assert_eq!(code, 0);
    assert_eq!(out, "example.org/g/app7\tapp7\tlisted\n");

    let (code, out, _) = run(&["catalogue", "--db", &db, "export", "-f", "ndjson"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 12);
    let first: serde_json::Value =
        serde_json::from_str(out.lines().next().unwrap_or("")).unwrap_or_default();
    assert_eq!(first["publiccode"]["legal"]["license"], "EUPL-1.2");
    let (_, csv, _) = run(&["catalogue", "--db", &db, "export", "-f", "csv"]);
    assert!(
        csv.starts_with("id,url,name,publisher,version,valid,active"),
        "{csv}"
    );
    let (_, json, _) = run(&["catalogue", "--db", &db, "export", "-f", "json"]);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&json)
            .map(|v| v.as_array().map(Vec::len))
            .ok()
            .flatten(),
        Some(12)
    );

    let (code, md, _) = run(&["report", "--db", &db]);
    assert_eq!(code, 0);
    assert!(md.contains("| example.org/g/broken3 | invalid |"), "{md}");
    assert!(md.contains("PC203"), "{md}");
    let (code, json, _) = run(&["report", "--db", &db, "-f", "json"]);
    assert_eq!(code, 0);
    let r: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(
        (
            r["total"].as_i64(),
            r["active"].as_i64(),
            r["invalid"].as_i64()
        ),
        (Some(12), Some(11), Some(1))
    );

    // A missing catalogue is a usage error, not an empty report.
    let (code, _, err) = run(&[
        "report",
        "--db",
        &dir.path().join("nope.sqlite").display().to_string(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("no such catalogue"), "{err}");
    let (code, _, err) = run(&["ingest", "--db", &db]);
    assert_eq!(code, 2, "{err}");

    html_in_chromium(&db, dir.path());
}

/// The HTML report in headless Chromium (Debian's package), at phone width: it loads
/// with no console message and the DOM holds one row per repository.
fn html_in_chromium(db: &str, dir: &Path) {
    let html = dir.join("report.html");
    let (code, _, err) = run(&[
        "report",
        "--db",
        db,
        "-f",
        "html",
        "-o",
        &html.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&html).unwrap_or_default();
    assert!(
        !text.contains("http://") && !text.contains("https://example.com"),
        "no external assets"
    );
    let chromium = ["chromium", "chromium-browser"].into_iter().find(|c| {
        Command::new(c)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
    });
    let Some(chromium) = chromium else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is not installed under CI (.ci/run installs it)"
        );
        eprintln!("chromium not installed: skipping the browser check of the HTML report");
        return;
    };
    let profile = dir.join("chromium-profile");
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=390,844",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let dom = String::from_utf8_lossy(&out.stdout);
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    assert_eq!(dom.matches("class=\"software\"").count(), 12, "{dom}");
    assert!(
        dom.contains("12 repositories, 11 listed, 1 invalid"),
        "{dom}"
    );
    let console: Vec<&str> = log.lines().filter(|l| l.contains("CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:?}");
}
