//! Real descriptors: every file in `testdata/corpus/publiccode` gets a verdict without
//! a panic, and our verdict (local checks off) is compared with the reference
//! validator's offline verdict in `REFERENCE.tsv`. Each disagreement must belong to a
//! known, explained kind (see `classify`), and agreement must stay at or above 95%.
//! Each file is its own test (`corpus::<file>`); `corpus::summary` checks the rate.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use libtest_mimic::{Arguments, Failed, Trial};

use publiccode::{Options, validate_bytes};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/corpus/publiccode")
}

/// Why we and the reference disagree on a file, judged from the reference's messages
/// and ours. `None` means unexplained.
fn classify(
    reference: &str,
    ours: &[publiccode::Diagnostic],
    we_invalid: bool,
) -> Option<&'static str> {
    let ref_errors: Vec<&str> = reference
        .split('|')
        .filter(|m| m.contains(": error: "))
        .collect();
    if !we_invalid {
        // The reference refused the file; we accept it. Every reference error must be
        // one we deliberately do not raise.
        let explained = ref_errors.iter().all(|m| {
            m.contains("Italian Public Administration Code")
                || m.contains("longDescription is a required field")
                || m.contains("features must contain more than 0 items")
                || m.contains("fundedBy[") && m.contains("uri is a required field")
                || m.contains("unsupported version: '0.6")
                || m.contains("platforms: wrong type")
                || m.contains("platforms: platforms must contain")
                || m.contains("is not a valid video URL") // go-oembed scheme conversion differs
                || m.contains("description: description must contain more than 0 items")
                || m.contains("is a required field") && m.contains(":0:0:")
        });
        return explained.then_some(
            "reference-only error (iPA list, per-language keys, fundedBy, 0.6, platforms string)",
        );
    }
    // We refuse a file the reference accepted.
    let explained = ours.iter().filter(|d| d.is_error()).all(|d| {
        matches!(d.code.as_ref(), "PC401" | "PC205" | "PC304")
            || d.key.as_str().starts_with("fundedBy") && d.key.as_str().ends_with(".name")
            || d.code == "PC307"
            || d.code == "PC319"
            || d.code == "PC004"
    });
    explained
        .then_some("our-only error (fundedBy name, duplicate keys, registry-checked language tags)")
}

/// `REFERENCE.tsv`'s rows: file, the reference's verdict, its output.
fn rows() -> Result<Vec<(String, String, String)>, String> {
    let dir = corpus();
    let tsv = std::fs::read_to_string(dir.join("REFERENCE.tsv")).map_err(|e| {
        format!(
            "corpus not found at {} (vendored under testdata/corpus): {e}",
            dir.display()
        )
    })?;
    let rows: Vec<(String, String, String)> = tsv
        .lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.splitn(3, '\t').collect();
            let [file, verdict, output] = cols[..] else {
                return None;
            };
            Some((file.to_string(), verdict.to_string(), output.to_string()))
        })
        .collect();
    if rows.len() < 300 {
        return Err(format!(
            "only {} corpus files listed in REFERENCE.tsv: vendored data missing?",
            rows.len()
        ));
    }
    Ok(rows)
}

/// One file: `Ok(None)` when we agree with the reference, `Ok(Some(kind))` for an
/// explained disagreement, `Err` for an unexplained one.
fn verdict(file: &str, verdict: &str, output: &str) -> Result<Option<&'static str>, String> {
    let bytes =
        std::fs::read(corpus().join(file)).map_err(|e| format!("cannot read {file}: {e}"))?;
    let report = validate_bytes(&bytes, &Options::default());
    let we_invalid = !report.is_valid();
    if we_invalid == (verdict == "invalid") {
        return Ok(None);
    }
    let ours: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}:{} {} {} {}", d.line, d.column, d.code, d.key, d.message))
        .collect();
    match classify(output, &report.diagnostics, we_invalid) {
        Some(kind) => Ok(Some(kind)),
        None => Err(format!(
            "{file}: unexplained disagreement: reference {verdict}: {output}\n    ours: {ours:?}"
        )),
    }
}

/// The agreement rate over the corpus, and the explained disagreements by kind.
fn summary(rows: &[(String, String, String)]) -> Result<(), Failed> {
    let total = rows.len();
    let mut agree = 0;
    let mut kinds: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (file, v, output) in rows {
        match verdict(file, v, output) {
            Ok(None) => agree += 1,
            Ok(Some(kind)) => kinds.entry(kind).or_default().push(file.clone()),
            // Reported by the file's own test.
            Err(_) => {}
        }
    }
    eprintln!(
        "corpus: {agree}/{total} verdicts agree ({:.1}%)",
        100.0 * agree as f64 / total as f64
    );
    for (k, files) in &kinds {
        eprintln!("  {} x {k}: {}", files.len(), files.join(" "));
    }
    if agree * 100 >= total * 95 {
        Ok(())
    } else {
        Err(format!("agreement {agree}/{total} below 95%").into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let trials = match rows() {
        Err(e) => vec![Trial::test("corpus::files_present", move || {
            Err(e.clone().into())
        })],
        Ok(rows) => {
            let rows = Arc::new(rows);
            let mut trials = Vec::new();
            for k in 0..rows.len() {
                let rows = rows.clone();
                trials.push(Trial::test(format!("corpus::{}", rows[k].0), move || {
                    let (file, v, output) = &rows[k];
                    verdict(file, v, output).map(|_| ()).map_err(Failed::from)
                }));
            }
            trials.push(Trial::test("corpus::summary", move || summary(&rows)));
            trials
        }
    };
    libtest_mimic::run(&args, trials).exit();
}
