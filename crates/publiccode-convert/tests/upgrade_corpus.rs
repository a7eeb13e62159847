//! Every conformance fixture and corpus file that validates before `upgrade` still
//! validates after it, with no deprecation warning left except where the upgrade
//! reported a decision for a person; a second upgrade changes nothing; the 0.5
//! downgrade of the result validates too. Each file is its own test
//! (`upgrade::<folder>/<file>`), so a failure names it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};
use publiccode::rules::code;
use publiccode::spec::versions::Version;
use publiccode::{Options, validate_str};
use publiccode_convert::{downgrade, upgrade};

/// Vendored reference data (conformance fixtures, standard examples, corpus, schemas).
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata");

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    // A missing folder gives fewer files, which `files_present` reports.
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
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

/// One file: if it validates, its upgrade validates, leaves no deprecation (unless it
/// left a decision for a person), is stable, and downgrades to a valid 0.5 file.
fn upgrade_keeps_it_valid(f: &Path) -> Result<(), Failed> {
    let mut failures = Vec::new();
    let Ok(src) = std::fs::read_to_string(f) else {
        // Not UTF-8: not a descriptor the upgrade can take.
        return Ok(());
    };
    let report = validate_str(&src, &Options::default());
    if !report.is_valid() {
        return Ok(());
    }
    let out = upgrade(&src).map_err(|e| format!("{}: refused: {e}", f.display()))?;
    let after = validate_str(&out.text, &Options::default());
    if !after.is_valid() {
        failures.push(format!(
            "{}: invalid after upgrade:\n{}",
            f.display(),
            out.text
        ));
    }
    let left = deprecations(&out.text);
    if out.notes.is_empty() && !left.is_empty() {
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
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n").into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(SHARED);
    let mut files = Vec::new();
    for sub in [
        "conformance/publiccode-parser-go/testdata",
        "conformance/standard-examples",
        "corpus/publiccode",
    ] {
        yaml_files(&root.join(sub), &mut files);
    }
    let count = files.len();
    let mut trials = vec![Trial::test("files_present", move || {
        if count > 300 {
            Ok(())
        } else {
            Err(format!("only {count} files under {SHARED}: vendored data missing?").into())
        }
    })];
    for f in files {
        let name = f.strip_prefix(root).unwrap_or(&f).display().to_string();
        trials.push(Trial::test(format!("upgrade::{name}"), move || {
            upgrade_keeps_it_valid(&f)
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}
