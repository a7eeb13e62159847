//! Every conformance fixture and corpus file that validates before `upgrade` still
//! validates after it, with no deprecation warning left except where the upgrade
//! reported a decision for a person; a second upgrade changes nothing; the 0.5
//! downgrade of the result validates too.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::{Path, PathBuf};

use publiccode::rules::code;
use publiccode::spec::versions::Version;
use publiccode::{Options, validate_str};
use publiccode_convert::{downgrade, upgrade};

/// Vendored reference data (conformance fixtures, standard examples, corpus, schemas).
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata");

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        panic!(
            "test data missing: {} (vendored under testdata/)",
            dir.display()
        );
    };
    let mut entries: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "yml" || e == "yaml") {
            out.push(p);
        }
    }
}

fn deprecations(text: &str) -> Vec<String> {
    validate_str(text, &Options::default())
        .diagnostics
        .iter()
        .filter(|d| {
            [
                code::DEPRECATED_KEY,
                code::LOWERCASE_IT,
                code::LOWERCASE_COUNTRY,
                code::VERSION_NOT_LATEST,
            ]
            .contains(&d.code.as_ref())
        })
        .map(|d| format!("{}: {}", d.key, d.message))
        .collect()
}

#[test]
fn upgrade_keeps_valid_files_valid() {
    let mut files = Vec::new();
    for sub in [
        "conformance/publiccode-parser-go/testdata",
        "conformance/standard-examples",
        "corpus/publiccode",
    ] {
        yaml_files(&Path::new(SHARED).join(sub), &mut files);
    }
    assert!(files.len() > 300, "fixtures not found under {SHARED}");
    let (mut valid, mut upgraded, mut with_notes, mut refused) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for f in &files {
        let Ok(src) = std::fs::read_to_string(f) else {
            continue;
        };
        let report = validate_str(&src, &Options::default());
        if !report.is_valid() {
            continue;
        }
        valid += 1;
        let out = match upgrade(&src) {
            Ok(o) => o,
            Err(e) => {
                refused += 1;
                failures.push(format!("{}: refused: {e}", f.display()));
                continue;
            }
        };
        if out.text != src {
            upgraded += 1;
        }
        let after = validate_str(&out.text, &Options::default());
        if !after.is_valid() {
            failures.push(format!(
                "{}: invalid after upgrade:\n{}",
                f.display(),
                out.text
            ));
        }
        let left = deprecations(&out.text);
        if !out.notes.is_empty() {
            with_notes += 1;
        } else if !left.is_empty() {
            failures.push(format!("{}: deprecations left: {left:?}", f.display()));
        }
        match upgrade(&out.text) {
            Ok(again) if again.text == out.text => {}
            Ok(again) => failures.push(format!(
                "{}: second upgrade changed:\n{}\n----\n{}",
                f.display(),
                out.text,
                again.text
            )),
            Err(e) => failures.push(format!("{}: second upgrade refused: {e}", f.display())),
        }
        match downgrade(&out.text, Version::V0_5) {
            Ok(d) => {
                let r = validate_str(&d.text, &Options::default());
                if !r.is_valid() {
                    failures.push(format!("{}: invalid after downgrade", f.display()));
                }
                if d.text.contains("\nsupports:") {
                    failures.push(format!("{}: supports left after downgrade", f.display()));
                }
            }
            Err(e) => failures.push(format!("{}: downgrade refused: {e}", f.display())),
        }
    }
    eprintln!(
        "{} files, {valid} valid before upgrade, {upgraded} changed, {with_notes} with notes for a person, {refused} refused",
        files.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
