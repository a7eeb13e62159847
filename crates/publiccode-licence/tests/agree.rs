//! The compile-time table gives the full detector's answers: the canonical texts of
//! testdata/licences/ (SPDX License List texts, see its README) in the forms real
//! repositories carry them, the licence files of the test repositories, and texts that
//! are no licence. Every common licence in its usual forms is settled by the table
//! alone (no detection data loaded).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::{Path, PathBuf};

use publiccode_licence::{Detection, THRESHOLD, closest, closest_full, detect};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

fn read(path: &Path) -> String {
    match std::fs::read(path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => panic!("test data missing: {}: {e}", path.display()),
    }
}

/// Re-wraps every paragraph at `width` columns.
fn rewrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for para in text.split("\n\n") {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && line.len() + 1 + word.len() > width {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&line);
        out.push_str("\n\n");
    }
    out
}

/// The text up to (not including) the first of `markers` it contains.
fn cut(text: &str, markers: &[&str]) -> String {
    let at = markers
        .iter()
        .filter_map(|m| text.find(m))
        .min()
        .unwrap_or(text.len());
    text[..at].to_string()
}

/// The forms a licence text takes in repositories.
fn variants(id: &str, text: &str) -> Vec<(String, String)> {
    let copyright = "Copyright (c) 2026 Comune di Esempio <info@example.org>\n";
    let mut v = vec![
        ("canonical".to_string(), text.to_string()),
        ("copyright".into(), format!("{copyright}\n{text}")),
        (
            "markdown title".into(),
            format!("# {id} License\n\n{copyright}\n{text}"),
        ),
        ("wrapped at 72".into(), rewrap(text, 72)),
        (
            "wrapped at 80, CRLF".into(),
            rewrap(&format!("{copyright}\n{text}"), 80).replace('\n', "\r\n"),
        ),
        (
            "indented".into(),
            text.lines()
                .map(|l| format!("    {l}\n"))
                .collect::<String>(),
        ),
        (
            "accented holder".into(),
            format!("Copyright © 2024–2026 Città di Torino — Servizi Informatici\n\n{text}"),
        ),
        (
            "several holders".into(),
            format!(
                "Copyright (C) 2019 Regione Lombardia\nCopyright (C) 2021-2026 Comune di Milano\n\n{text}"
            ),
        ),
    ];
    let body = cut(
        text,
        &[
            "END OF TERMS AND CONDITIONS",
            "How to Apply These Terms",
            "APPENDIX: How to apply",
            "Exhibit A - Source Code Form License Notice",
            "Appendix\n",
        ],
    );
    if body.len() < text.len() {
        v.push(("without appendix".into(), format!("{copyright}\n{body}")));
    }
    v
}

fn same(a: &Option<Detection>, b: &Option<Detection>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.id == b.id && a.score == b.score,
        (None, None) => true,
        _ => false,
    }
}

/// Compares the table's answers with the full detector's; returns the failures, and
/// whether the table settled the text alone.
fn check(label: &str, text: &str) -> (Vec<String>, bool) {
    let full = closest_full(text);
    let full_detected = full.clone().filter(|d| d.score >= THRESHOLD);
    let quick = detect(text);
    let near = closest(text);
    let mut failures = Vec::new();
    if !same(&quick, &full_detected) {
        failures.push(format!("{label}: detect {quick:?}, full detector {full:?}"));
    }
    if !same(&near, &full) {
        failures.push(format!("{label}: closest {near:?}, full detector {full:?}"));
    }
    (failures, quick.is_some_and(|d| d.fast))
}

#[test]
fn table_agrees_with_the_full_detector() {
    let dir = root().join("licences");
    let mut cases: Vec<(String, String)> = Vec::new();
    let mut common = Vec::new();
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.flatten().map(|e| e.path()).collect(),
        Err(e) => panic!("test data missing: {}: {e}", dir.display()),
    };
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    assert!(
        files.len() >= 15,
        "expected the 15 licence texts in {}",
        dir.display()
    );
    for path in &files {
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = read(path);
        for (form, variant) in variants(&id, &text) {
            let label = format!("{id} ({form})");
            if matches!(
                form.as_str(),
                "canonical"
                    | "copyright"
                    | "markdown title"
                    | "wrapped at 72"
                    | "wrapped at 80, CRLF"
                    | "accented holder"
            ) {
                common.push(label.clone());
            }
            cases.push((label, variant));
        }
    }
    // The licence files of the test repositories.
    for repo in [
        "init/rust-dual/repo/LICENSE-APACHE",
        "init/rust-dual/repo/LICENSE-MIT",
        "init/python-ca/repo/LICENSE",
        "init/go-reuse-it/repo/LICENSES/EUPL-1.2.txt",
        "init/go-reuse-it/repo/LICENSES/MIT.txt",
        "profiles/none/text-match.repo/LICENSE",
        "profiles/it/pass.repo/LICENSE",
        "profiles/ch/pass.repo/LICENSE",
    ] {
        cases.push((repo.to_string(), read(&root().join(repo))));
    }
    // Texts that are no licence.
    for (label, text) in [
        ("empty", ""),
        ("one word", "x"),
        (
            "pointer",
            "See LICENSE-MIT and LICENSE-APACHE for the terms.",
        ),
        (
            "readme",
            "# Example\n\nThis repository holds the code of the example service of the \
             municipality. It is published under an open source licence; see the \
             publiccode.yml file for details and the docs folder for how to install it.\n",
        ),
    ] {
        cases.push((label.to_string(), text.to_string()));
    }
    // The full detector is slow: spread the cases over the cores.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = cases.len().div_ceil(workers);
    let results: Vec<(String, Vec<String>, bool)> = std::thread::scope(|s| {
        let handles: Vec<_> = cases
            .chunks(chunk.max(1))
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|(label, text)| {
                            let (f, fast) = check(label, text);
                            (label.clone(), f, fast)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    assert_eq!(results.len(), cases.len(), "a worker failed");
    let failures: Vec<&String> = results.iter().flat_map(|r| &r.1).collect();
    let fast: Vec<&String> = results.iter().filter(|r| r.2).map(|r| &r.0).collect();
    assert!(failures.is_empty(), "{failures:#?}");
    let slow: Vec<&String> = common.iter().filter(|l| !fast.contains(l)).collect();
    assert!(
        slow.is_empty(),
        "the table does not settle these common forms: {slow:?}"
    );
}
