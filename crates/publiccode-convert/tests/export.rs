//! Every export of every valid fixture and corpus file is checked against its target's
//! schema with the jsonschema crate, offline: code.json against the GSA 2.0.0 release
//! schema, ORE against the derived ORE code schema, codemeta against the subset schema
//! in `testdata/export/`, and `json` against our own latest publiccode.yml schema.

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
    let release = gsa["properties"]["releases"]["items"].clone();
    let code_json = jsonschema::draft4::new(&release).unwrap_or_else(|e| panic!("{e}"));
    let ore_schema = read_json(
        &Path::new(SHARED).join("reference-schemas/canada/derived/ore-code.derived.schema.json"),
    );
    let ore = jsonschema::draft202012::new(&ore_schema).unwrap_or_else(|e| panic!("{e}"));
    let cm_schema = read_json(&Path::new(TESTDATA).join("export/codemeta-3.0.schema.json"));
    let codemeta = jsonschema::draft202012::new(&cm_schema).unwrap_or_else(|e| panic!("{e}"));
    let latest = schema(publiccode::spec::Version::V0_7);
    let own = jsonschema::draft202012::new(&latest).unwrap_or_else(|e| panic!("{e}"));

    let opts = ExportOptions {
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
