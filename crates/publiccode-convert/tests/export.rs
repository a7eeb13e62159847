//! Every export of every valid fixture and corpus file is checked against its target's
//! schema with the jsonschema crate, offline: code.json against the GSA 2.0.0 release
//! schema, ORE against the derived ORE code schema, codemeta against the subset schema
//! in `testdata/export/`, and `json` against our own latest publiccode.yml schema.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::{Path, PathBuf};

use publiccode::{Options, validate_str};
use publiccode_convert::schema::schema;
use publiccode_convert::{ExportOptions, Format, export};
use serde_json::Value;

/// Vendored reference data (conformance fixtures, standard examples, corpus, schemas).
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata");
const TESTDATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata");

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

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
fn exports_match_their_schemas() {
    let gsa = read_json(
        &Path::new(SHARED).join("reference-schemas/us/gsa-code-gov-data/schema-2.0.0.json"),
    );
    let code_json = jsonschema::draft4::new(&gsa).unwrap_or_else(|e| panic!("{e}"));
    let ore_schema = read_json(
        &Path::new(SHARED).join("reference-schemas/canada/derived/ore-code.derived.schema.json"),
    );
    let ore = jsonschema::draft202012::new(&ore_schema).unwrap_or_else(|e| panic!("{e}"));
    let cm_schema = read_json(&Path::new(TESTDATA).join("export/codemeta-3.0.schema.json"));
    let codemeta = jsonschema::draft202012::new(&cm_schema).unwrap_or_else(|e| panic!("{e}"));
    let latest = schema(publiccode::spec::Version::V0_7);
    let own = jsonschema::draft202012::new(&latest).unwrap_or_else(|e| panic!("{e}"));

    let opts = ExportOptions {
        agency: Some("GSA".into()),
        labor_hours: Some(120.0),
        contact_email: Some("opensource@example.gov".into()),
        admin_code: Some("tbs-sct".into()),
        category: Some("43232400".into()),
        created: Some("2024-01-01".into()),
        metadata_last_updated: Some("2026-11-25".into()),
        ..ExportOptions::default()
    };
    let mut files = Vec::new();
    for sub in [
        "conformance/publiccode-parser-go/testdata/v0/valid",
        "conformance/standard-examples",
        "corpus/publiccode",
    ] {
        yaml_files(&Path::new(SHARED).join(sub), &mut files);
    }
    let mut checked = 0;
    let mut failures = Vec::new();
    for f in &files {
        let Ok(src) = std::fs::read_to_string(f) else {
            continue;
        };
        let report = validate_str(&src, &Options::default());
        let (true, Some(tree)) = (report.is_valid(), &report.tree) else {
            continue;
        };
        checked += 1;
        for (format, validator, name) in [
            (Format::CodeJson, &code_json, "code-json"),
            (Format::Ore, &ore, "ore"),
            (Format::Codemeta, &codemeta, "codemeta"),
            (Format::Json, &own, "json"),
        ] {
            let out = export(tree, format, &opts);
            let errs: Vec<String> = validator
                .iter_errors(&out.value)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            if !errs.is_empty() {
                failures.push(format!("{} ({name}): {errs:?}", f.display()));
            }
            // Round trip: our own validator accepts the export as its format, and
            // recognises the format by itself.
            let foreign = match format {
                Format::CodeJson => Some(publiccode_check::InputFormat::CodeJson),
                Format::Ore => Some(publiccode_check::InputFormat::Ore),
                _ => None,
            };
            if let Some(input) = foreign {
                let text = serde_json::to_string_pretty(&out.value).unwrap_or_default();
                let detected = publiccode_check::detect_format("export.json", text.as_bytes());
                if detected != input {
                    failures.push(format!(
                        "{} ({name}): detected as {detected:?}",
                        f.display()
                    ));
                }
                let errs: Vec<String> = publiccode_check::validate_foreign(input, text.as_bytes())
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| format!("{} {} {}", d.code, d.key, d.message))
                    .collect();
                if !errs.is_empty() {
                    failures.push(format!(
                        "{} ({name}) does not validate: {errs:?}",
                        f.display()
                    ));
                }
            }
            let allowed_missing = out.missing.iter().all(|m| m.starts_with("description."));
            if !allowed_missing {
                failures.push(format!(
                    "{} ({name}): missing {:?}",
                    f.display(),
                    out.missing
                ));
            }
        }
    }
    eprintln!("{checked} valid files exported to 4 formats");
    assert!(checked > 100);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn missing_fields_are_reported_not_invented() {
    let src = std::fs::read_to_string(
        Path::new(SHARED).join("conformance/standard-examples/v0.7.0/publiccode.minimal.yml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let report = validate_str(&src, &Options::default());
    let tree = report.tree.unwrap_or_else(|| panic!("parses"));
    let out = export(&tree, Format::CodeJson, &ExportOptions::default());
    assert!(
        out.missing.iter().any(|m| m.starts_with("laborHours")),
        "{:?}",
        out.missing
    );
    assert!(out.value.get("laborHours").is_none());
    let out = export(&tree, Format::Ore, &ExportOptions::default());
    assert!(out.missing.iter().any(|m| m.starts_with("adminCode")));
    assert!(out.missing.iter().any(|m| m.starts_with("category")));
    // Left out, never written as an empty value; no flag named by the library.
    assert!(out.value.get("adminCode").is_none(), "{}", out.value);
    assert!(out.value["releases"][0].get("category").is_none());
    for format in [Format::Ore, Format::CodeJson] {
        let out = export(&tree, format, &ExportOptions::default());
        let text = out.value.to_string();
        assert!(!text.contains("\"\""), "{text}");
        assert!(
            out.missing.iter().all(|m| !m.contains("--")),
            "{:?}",
            out.missing
        );
    }
}

#[test]
fn invalid_source_values_are_not_exported() {
    let src = std::fs::read_to_string(Path::new(TESTDATA).join("examples/invalid/publiccode.yml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let report = validate_str(&src, &Options::default());
    let out =
        publiccode_convert::export_valid(&report, Format::CodeJson, &ExportOptions::default());
    let release = &out.value["releases"][0];
    // releaseDate `2019-13-01`-like values and a closed-list violation are left out …
    assert!(release.get("date").is_none(), "{release}");
    assert!(release.get("status").is_none(), "{release}");
    // … and said.
    for key in ["releaseDate", "developmentStatus"] {
        assert!(
            out.missing
                .iter()
                .any(|m| m.starts_with(&format!("{key} (invalid in the source"))),
            "{key}: {:?}",
            out.missing
        );
    }
    // The plain export (no report) would have copied them.
    let tree = report.tree.clone().unwrap_or_else(|| panic!("parses"));
    let raw = export(&tree, Format::CodeJson, &ExportOptions::default());
    assert!(raw.value["releases"][0].get("date").is_some());
}

#[test]
fn json_export_is_latest_version() {
    let src = "publiccodeYmlVersion: \"0.2\"\nname: x\nurl: https://example.org/x.git\nlegal:\n  license: MIT\n  repoOwner: Comune di X\nIT:\n  piattaforme:\n    spid: true\n  riuso:\n    codiceIPA: c_x\n";
    let report = validate_str(src, &Options::default());
    let tree = report.tree.unwrap_or_else(|| panic!("parses"));
    let out = export(&tree, Format::Json, &ExportOptions::default());
    assert_eq!(out.value["publiccodeYmlVersion"], "0");
    assert_eq!(out.value["supports"][0]["id"], "alias:spid");
    assert_eq!(out.value["organisation"]["uri"], "urn:x-italian-pa:c_x");
    assert_eq!(out.value["organisation"]["name"], "Comune di X");
    assert!(out.value.get("IT").is_none());
    assert!(out.value["legal"].get("repoOwner").is_none());
}
