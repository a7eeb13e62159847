//! Every file of the vendored corpus (testdata/corpus) of US code.json and Canadian ORE records gets a
//! verdict without a panic; the counts are recorded so that a change in behaviour shows.
//! The corpus is vendored under `testdata/corpus`; a missing folder fails the test.

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

use publiccode::Severity;
use publiccode_check::{InputFormat, detect_format, validate_foreign};

/// The vendored corpus folder; a missing folder fails the test (it never passes empty).
fn corpus(dir: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/corpus")
        .join(dir);
    assert!(
        p.is_dir(),
        "corpus data missing: {} (vendored under testdata/corpus)",
        p.display()
    );
    p
}

/// (valid, valid with warnings, invalid), and the count of each code.
fn verdicts(
    dir: &Path,
    ext: &str,
    expect: InputFormat,
) -> ((usize, usize, usize), BTreeMap<String, usize>) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    let (mut ok, mut warn, mut bad) = (0, 0, 0);
    let mut codes = BTreeMap::new();
    for f in files {
        let bytes = std::fs::read(&f).expect("corpus file");
        assert_eq!(
            detect_format(&f.to_string_lossy(), &bytes),
            expect,
            "{}",
            f.display()
        );
        let report = validate_foreign(expect, &bytes);
        for d in &report.diagnostics {
            *codes.entry(d.code.to_string()).or_insert(0) += 1;
        }
        eprintln!(
            "{}: {} errors, {} warnings",
            f.display(),
            report.count(Severity::Error),
            report.count(Severity::Warning)
        );
        if !report.is_valid() {
            bad += 1;
        } else if report.count(Severity::Warning) > 0 {
            warn += 1;
        } else {
            ok += 1;
        }
    }
    ((ok, warn, bad), codes)
}

#[test]
fn code_json_corpus() {
    let dir = corpus("code-json");
    let (counts, codes) = verdicts(&dir, "json", InputFormat::CodeJson);
    eprintln!("code-json: {counts:?} {codes:?}");
    assert_eq!(counts, EXPECTED_CODE_JSON);
}

#[test]
fn ore_corpus() {
    let dir = corpus("ore");
    let (counts, codes) = verdicts(&dir, "yml", InputFormat::Ore);
    eprintln!("ore: {counts:?} {codes:?}");
    assert_eq!(counts, EXPECTED_ORE);
}

/// (valid, valid with warnings, invalid) over the 20 code.json files.
const EXPECTED_CODE_JSON: (usize, usize, usize) = (2, 6, 12);
/// (valid, valid with warnings, invalid) over the 136 ORE records.
const EXPECTED_ORE: (usize, usize, usize) = (109, 1, 26);
