//! The checked-in schemas in `schemas/` are what the generator produces now; every
//! valid fixture passes the latest schema; the invalid fixtures whose only problems a
//! JSON Schema can express fail it. Run with `PUBLICCODE_BLESS=1` to rewrite the files.

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
use publiccode::{Options, validate_str};
use publiccode_convert::schema::{VERSIONS, file_name, schema, schema_text};
use publiccode_convert::to_json;

/// Vendored reference data (conformance fixtures, standard examples, corpus, schemas).
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata");
const SCHEMAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schemas");

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

#[test]
fn checked_in_schemas_are_fresh() {
    let update = std::env::var_os("PUBLICCODE_BLESS").is_some();
    let mut stale = Vec::new();
    for v in VERSIONS {
        let path = Path::new(SCHEMAS).join(file_name(*v));
        let want = schema_text(*v);
        if update {
            std::fs::write(&path, &want)
                .unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
            continue;
        }
        if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale schemas (run PUBLICCODE_BLESS=1 cargo test -p publiccode-convert --test schema): {stale:?}"
    );
}

#[test]
fn schemas_are_valid_2020_12() {
    for v in VERSIONS {
        let s = schema(*v);
        assert!(
            jsonschema::draft202012::meta::is_valid(&s),
            "{}",
            v.as_str()
        );
        jsonschema::draft202012::new(&s).unwrap_or_else(|e| panic!("{}: {e}", v.as_str()));
    }
}

/// Codes a JSON Schema can express exactly (type, presence, closed lists, unknown keys;
/// not dates, whose calendar a pattern cannot check).
const SCHEMA_CODES: &[&str] = &[
    code::UNKNOWN_KEY,
    code::MISSING_KEY,
    code::EMPTY_LIST,
    code::YAML11_BOOLEAN,
    code::NOT_IN_LIST,
    code::INVALID_CATEGORY,
    code::INVALID_SCOPE,
];

#[test]
fn fixtures_against_the_latest_schema() {
    let latest = schema(publiccode::spec::Version::V0_7);
    let validator = jsonschema::draft202012::new(&latest).unwrap_or_else(|e| panic!("{e}"));
    let mut files = Vec::new();
    for sub in [
        "conformance/publiccode-parser-go/testdata/v0",
        "conformance/standard-examples",
        "corpus/publiccode",
    ] {
        yaml_files(&Path::new(SHARED).join(sub), &mut files);
    }
    assert!(files.len() > 300, "fixtures not found under {SHARED}");
    let (mut valid, mut caught) = (0, 0);
    let mut failures = Vec::new();
    for f in &files {
        let Ok(src) = std::fs::read_to_string(f) else {
            continue;
        };
        let report = validate_str(&src, &Options::default());
        let Some(tree) = &report.tree else { continue };
        let json = to_json(tree);
        let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
        if errors.is_empty() {
            valid += 1;
            let problems: Vec<String> = validator
                .iter_errors(&json)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            if !problems.is_empty() {
                failures.push(format!(
                    "{}: valid but fails the schema: {problems:?}",
                    f.display()
                ));
            }
        } else if errors.iter().all(|d| {
            SCHEMA_CODES.contains(&d.code.as_ref()) && !d.key.as_str().starts_with("description")
        }) {
            caught += 1;
            if validator.is_valid(&json) {
                let codes: Vec<_> = errors
                    .iter()
                    .map(|d| format!("{} {}", d.code, d.key))
                    .collect();
                failures.push(format!(
                    "{}: invalid ({codes:?}) but passes the schema",
                    f.display()
                ));
            }
        }
    }
    eprintln!("{valid} valid files pass, {caught} invalid files checked to fail");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
