//! Web sources against a small HTTP server on 127.0.0.1 started by the test: raw
//! descriptor URLs, a web domain's /.well-known/publiccode.yml, a transient 503 retried
//! with backoff, a 404 recorded as a failure, an oversized body refused, and the SSRF
//! guard refusing the loopback address unless private hosts are allowed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use common::*;
use publiccode_ingest::{Catalogue, IngestOptions, NetFetch, ingest};
use publiccode_net::{FetchOptions, Fetcher, GuardPolicy};

/// Serves `routes` (path → (status, body)); `/flaky` answers 503 once, then 200.
fn serve(routes: HashMap<String, (u16, String)>) -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen = log.clone();
    let flaky = Arc::new(AtomicUsize::new(0));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).map(|n| n == 0).unwrap_or(true) || h == "\r\n" {
                    break;
                }
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            if let Ok(mut l) = seen.lock() {
                l.push(path.clone());
            }
            let (status, body) =
                if path == "/flaky/publiccode.yml" && flaky.fetch_add(1, Ordering::SeqCst) == 0 {
                    (503, "busy".to_string())
                } else {
                    routes
                        .get(&path)
                        .cloned()
                        .unwrap_or((404, "not found".into()))
                };
            let mut s = &stream;
            let _ = write!(
                s,
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (port, log)
}

#[test]
fn web_sources() {
    let mut routes = HashMap::new();
    routes.insert(
        "/raw/a/publiccode.yml".to_string(),
        (
            200,
            descriptor(
                "webapp",
                "https://example.org/g/webapp",
                "urn:x-italian-pa:c_a547",
            ),
        ),
    );
    routes.insert(
        "/.well-known/publiccode.yml".to_string(),
        (
            200,
            descriptor(
                "site",
                "https://example.org/g/site",
                "urn:x-italian-pa:c_a547",
            ),
        ),
    );
    routes.insert(
        "/flaky/publiccode.yml".to_string(),
        (
            200,
            descriptor(
                "flaky",
                "https://example.org/g/flaky",
                "urn:x-italian-pa:c_a547",
            ),
        ),
    );
    routes.insert(
        "/big/publiccode.yml".to_string(),
        (200, "x".repeat(300_000)),
    );
    let (port, log) = serve(routes);
    let base = format!("http://127.0.0.1:{port}");
    let list = format!(
        "{base}/raw/a/publiccode.yml\n{base}\n{base}/flaky/publiccode.yml\n{base}/gone/publiccode.yml\n{base}/big/publiccode.yml\n"
    );
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("c.sqlite").display().to_string();

    // The guard refuses 127.0.0.1 by default: nothing reaches the server.
    let strict = NetFetch::new(Fetcher::new(FetchOptions::default()));
    let mut opts = IngestOptions::default().with_fetch(&strict);
    opts.lists = vec![list.clone()];
    let mut cat = Catalogue::open(&db).unwrap_or_else(|e| panic!("{e}"));
    let s = ingest(&mut cat, &[], &opts, &mut |_| {}).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.counts.failed, 5, "{s:?}");
    assert!(
        log.lock().map(|l| l.is_empty()).unwrap_or(false),
        "the guard let a request through"
    );

    // Allowed (as for an intranet): fetched, retried, failures recorded.
    let fo = FetchOptions {
        guard: GuardPolicy::allow_all(),
        max_body: 200_000,
        ..FetchOptions::default()
    };
    let mut open = NetFetch::new(Fetcher::new(fo));
    open.backoff = std::time::Duration::from_millis(10);
    let mut opts = IngestOptions::default().with_fetch(&open);
    opts.lists = vec![list];
    opts.max_bytes = 100_000;
    let s = ingest(&mut cat, &[], &opts, &mut |_| {}).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((s.counts.added, s.counts.failed), (3, 2), "{s:?}");
    let failed = cat
        .query(
            "SELECT item, message FROM queue WHERE run_id = ?1 AND outcome = 'failed' ORDER BY seq",
            &[s.run.into()],
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(failed[0][1].text().contains("HTTP 404"), "{failed:?}");
    assert!(
        failed[1][1].text().contains("larger than the limit"),
        "{failed:?}"
    );
    assert_eq!(
        count(
            &mut cat,
            "SELECT COUNT(*) FROM software WHERE name = 'site'"
        ),
        1
    );
    let hits = log
        .lock()
        .map(|l| l.iter().filter(|p| p.starts_with("/flaky")).count())
        .unwrap_or(0);
    assert_eq!(hits, 2, "the 503 was retried once");
}
