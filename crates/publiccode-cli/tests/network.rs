//! `publiccode validate --network` end to end, against listeners started here on
//! 127.0.0.1. "Offline means offline" is proven by counting the connections a local
//! listener accepts while the descriptor's every URL points at it: without `--network`
//! the count stays 0, while the same run with `--network --allow-private-hosts` does
//! connect (so the counter would have seen a leak).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_publiccode");

/// A listener that counts connections and answers each request with `status` after
/// `delay`.
fn listener(status: u16, delay: Duration) -> (SocketAddr, Arc<AtomicUsize>) {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let addr = l.local_addr().expect("local address");
    let count = Arc::new(AtomicUsize::new(0));
    let c = count.clone();
    std::thread::spawn(move || {
        for stream in l.incoming() {
            let Ok(mut stream) = stream else { continue };
            c.fetch_add(1, Ordering::SeqCst);
            std::thread::spawn(move || {
                let mut reader = BufReader::new(match stream.try_clone() {
                    Ok(s) => s,
                    Err(_) => return,
                });
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                    if line == "\r\n" {
                        break;
                    }
                    line.clear();
                }
                std::thread::sleep(delay);
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
            });
        }
    });
    (addr, count)
}

fn temp_descriptor(name: &str, body: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "publiccode-cli-net-{name}-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("publiccode.yml");
    std::fs::write(&file, body).expect("write descriptor");
    file
}

fn descriptor_pointing_at(addr: SocketAddr) -> String {
    let u = |p: &str| format!("http://{addr}{p}");
    format!(
        "publiccodeYmlVersion: \"0.4\"\nname: test\nurl: {}\nlandingURL: {}\nroadmap: {}\nlogo: {}\n\
description:\n  en:\n    documentation: {}\n    apiDocumentation: {}\n    screenshots:\n      - {}\n    videos:\n      - {}\n\
maintenance:\n  type: contract\n  contractors:\n    - name: X\n      until: \"2030-01-01\"\n      website: {}\n",
        u("/repo"),
        u("/landing"),
        u("/roadmap"),
        u("/logo.png"),
        u("/doc"),
        u("/api"),
        u("/shot.png"),
        u("/video"),
        u("/contractor"),
    )
}

fn run(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn {BIN}: {e}"));
    if let (Some(text), Some(mut i)) = (stdin, child.stdin.take()) {
        let _ = i.write_all(text.as_bytes());
    }
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn codes(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let mut out = Vec::new();
    for f in v["files"].as_array().into_iter().flatten() {
        for d in f["diagnostics"].as_array().into_iter().flatten() {
            out.push(format!(
                "{} {}",
                d["code"].as_str().unwrap_or(""),
                d["key"].as_str().unwrap_or("")
            ));
        }
    }
    out
}

#[test]
fn offline_means_offline() {
    let (addr, connections) = listener(200, Duration::ZERO);
    let text = descriptor_pointing_at(addr);
    let file = temp_descriptor("offline", &text);
    let path = file.to_string_lossy().to_string();
    // Every offline mode: a file in a folder, local checks off, standard input.
    for args in [
        vec!["validate", "-f", "json", path.as_str()],
        vec!["validate", "-f", "json", "--no-local-checks", path.as_str()],
        vec!["validate", "-f", "short", path.as_str()],
    ] {
        let (_, out, err) = run(&args, None);
        assert!(
            !out.contains("\"PN0") && !out.contains("[PN0"),
            "{args:?}: {out}{err}"
        );
    }
    let (_, out, _) = run(&["validate", "-f", "json", "-"], Some(&text));
    assert!(!out.contains("\"PN0"), "{out}");
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        connections.load(Ordering::SeqCst),
        0,
        "validate without --network opened a connection"
    );
    // --network with the guard on: every URL is loopback, none is contacted.
    let (_, out, err) = run(
        &["validate", "-f", "json", "--network", path.as_str()],
        None,
    );
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(connections.load(Ordering::SeqCst), 0, "{out}{err}");
    let found = codes(&out);
    assert!(found.contains(&"PN008 landingURL".to_string()), "{found:?}");
    assert!(found.contains(&"PN008 url".to_string()), "{found:?}");
    // The positive control: allowed, the same file does connect.
    let (_, out, err) = run(
        &[
            "validate",
            "-f",
            "json",
            "--network",
            "--allow-private-hosts",
            path.as_str(),
        ],
        None,
    );
    assert!(
        connections.load(Ordering::SeqCst) > 0,
        "the counter sees connections: {out}{err}"
    );
    let _ = std::fs::remove_dir_all(file.parent().unwrap_or(&file));
}

#[test]
fn timeout_and_deadline_flags() {
    let (addr, _) = listener(200, Duration::from_secs(5));
    let file = temp_descriptor(
        "slow",
        &format!(
            "publiccodeYmlVersion: \"0.4\"\nname: t\nlandingURL: http://{addr}/a\nroadmap: http://{addr}/b\n"
        ),
    );
    let path = file.to_string_lossy().to_string();
    let start = Instant::now();
    let (code, out, err) = run(
        &[
            "validate",
            "-f",
            "json",
            "--network",
            "--allow-private-hosts",
            "--timeout",
            "300ms",
            path.as_str(),
        ],
        None,
    );
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );
    let found = codes(&out);
    assert!(
        found.contains(&"PN005 landingURL".to_string()),
        "{found:?} {err}"
    );
    assert!(out.contains("timed out after 300 ms"), "{out}");
    assert_ne!(code, 2, "{err}");
    let start = Instant::now();
    let (_, out, _) = run(
        &[
            "validate",
            "-f",
            "json",
            "--network",
            "--allow-private-hosts",
            "--timeout",
            "30",
            "--deadline",
            "1s",
            path.as_str(),
        ],
        None,
    );
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );
    let found = codes(&out);
    assert!(found.contains(&"PN006 roadmap".to_string()), "{found:?}");
    // Network flags without --network are a usage error, not silently ignored.
    let (code, _, err) = run(&["validate", "--timeout", "3", path.as_str()], None);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(
        &["validate", "--network", "--timeout", "soon", path.as_str()],
        None,
    );
    assert_eq!(code, 2, "{err}");
    let _ = std::fs::remove_dir_all(file.parent().unwrap_or(&file));
}

#[test]
fn oembed_endpoint_and_base_url_flags() {
    let (addr, connections) = listener(404, Duration::ZERO);
    let text = "publiccodeYmlVersion: \"0.4\"\nname: t\nlogo: img/logo.png\ndescription:\n  en:\n    videos:\n      - https://www.youtube.com/watch?v=gone\n";
    let endpoint = format!("http://{addr}/oembed");
    let base = format!("http://{addr}/raw/");
    let (code, out, err) = run(
        &[
            "validate",
            "-f",
            "json",
            "--network",
            "--allow-private-hosts",
            "--oembed-endpoint",
            endpoint.as_str(),
            "--base-url",
            base.as_str(),
            "-",
        ],
        Some(text),
    );
    let found = codes(&out);
    assert!(
        found.contains(&"PN030 description.en.videos[0]".to_string()),
        "{found:?} {err}"
    );
    assert!(found.contains(&"PN001 logo".to_string()), "{found:?} {err}");
    assert!(
        out.contains(&format!("http://{addr}/raw/img/logo.png")),
        "{out}"
    );
    assert_eq!(code, 1);
    assert_eq!(connections.load(Ordering::SeqCst), 2);
}

#[test]
fn explain_knows_the_network_codes() {
    let (code, out, _) = run(&["explain", "PN004"], None);
    assert_eq!(code, 0);
    assert!(out.contains("could-not-verify"), "{out}");
    let (_, list, _) = run(&["explain"], None);
    for r in publiccode_net::RULES {
        assert!(list.contains(r.code), "{} missing from explain", r.code);
    }
}
