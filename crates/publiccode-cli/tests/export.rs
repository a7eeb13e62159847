//! `publiccode export`: JSON on standard output, missing fields on standard error with
//! exit code 1, flags filling them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_publiccode");
const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../testdata/conformance/standard-examples/v0.7.0/publiccode.yml"
);

fn export(args: &[&str]) -> (i32, serde_json::Value, String) {
    let out = Command::new(BIN)
        .arg("export")
        .args(args)
        .arg(EXAMPLE)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let v = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.code().unwrap_or(-1),
        v,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn code_json_reports_then_accepts_labor_hours() {
    let (code, v, err) = export(&["--to", "code-json"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("laborHours"), "{err}");
    assert!(
        err.contains(
            "error: could not fill agency (publiccode.yml has no equivalent); give it with --agency"
        ),
        "{err}"
    );
    assert!(v["releases"][0].get("name").is_some());
    let (_, v, err) = export(&[
        "--to",
        "code-json",
        "--labor-hours",
        "42",
        "--agency",
        "GSA",
    ]);
    assert!(!err.contains("laborHours"), "{err}");
    assert_eq!(v["releases"][0]["laborHours"], 42.0);
    assert_eq!(v["agency"], "GSA");
    assert!(!err.contains("agency"), "{err}");
    // The example's placeholder video URL is invalid: left out, and said.
    assert!(
        err.contains("description.en.videos[0] (invalid in the source"),
        "{err}"
    );
}

#[test]
fn json_and_codemeta() {
    let (_, v, _) = export(&["--to", "json"]);
    assert_eq!(v["publiccodeYmlVersion"], "0");
    let (_, v, _) = export(&["--to", "codemeta"]);
    assert_eq!(v["@context"], "https://w3id.org/codemeta/3.0");
}

/// What the export lacks, from its `error: could not fill FIELD …` lines.
fn unfilled(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix("error: could not fill "))
        .map(|l| l.split([' ', ',']).next().unwrap_or("").to_string())
        .collect()
}

/// Round trip over the shipped examples: `export --to ore` and `--to code-json` write
/// what our own `validate` accepts as ORE and code.json (detected by itself), or every
/// error `validate` finds in the export is a field the export said it could not fill.
#[test]
fn exports_validate_as_their_format_or_say_what_they_could_not_fill() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut sources = vec![
        root.join("testdata/examples/valid/publiccode.yml"),
        root.join("testdata/examples/invalid/publiccode.yml"),
        root.join("publiccode.yml"),
    ];
    for v in ["v0.7.0", "v0.5.0", "v0.4.0", "0.1"] {
        for f in ["publiccode.yml", "publiccode.minimal.yml"] {
            sources.push(
                root.join("testdata/conformance/standard-examples")
                    .join(v)
                    .join(f),
            );
        }
    }
    let all = [
        "--agency",
        "GSA",
        "--labor-hours",
        "10",
        "--contact-email",
        "opensource@example.gov",
        "--admin-code",
        "tbs-sct",
        "--category",
        "43232400",
        "--created",
        "2024-01-01",
        "--metadata-last-updated",
        "2024-01-02",
    ];
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut checked = 0;
    for src in &sources {
        assert!(src.is_file(), "test data missing: {}", src.display());
        let source_valid = Command::new(BIN)
            .args(["validate", "-q", "--no-local-checks"])
            .arg(src)
            .output()
            .expect("runs")
            .status
            .success();
        for (to, prefix) in [("ore", "OR"), ("code-json", "CJ")] {
            for flags in [&all[..], &[]] {
                let out = Command::new(BIN)
                    .args(["export", "--to", to])
                    .args(flags)
                    .arg(src)
                    .output()
                    .expect("runs");
                let err = String::from_utf8_lossy(&out.stderr).into_owned();
                let said = unfilled(&err);
                let file = tmp.path().join(format!("{to}.json"));
                std::fs::write(&file, &out.stdout).expect("write");
                // No --input-format: the export is recognised as its format.
                let check = Command::new(BIN)
                    .args(["validate", "-f", "json"])
                    .arg(&file)
                    .output()
                    .expect("runs");
                let v: serde_json::Value =
                    serde_json::from_slice(&check.stdout).expect("validate JSON");
                let diags = v["files"][0]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                let what = format!("{} --to {to} {flags:?}\n{err}\n{v:#}", src.display());
                for d in &diags {
                    let code = d["code"].as_str().unwrap_or("");
                    assert!(code.starts_with(prefix), "{what}");
                    if d["severity"] != "error" {
                        continue;
                    }
                    let key = d["key"].as_str().unwrap_or("");
                    let field = key.strip_prefix("releases[0].").unwrap_or(key);
                    // The field itself, or the object left out because of it.
                    let named = |s: &String| {
                        s == field || s.strip_prefix(field).is_some_and(|r| r.starts_with('.'))
                    };
                    assert!(
                        said.iter().any(named),
                        "{field}: error in the export that it did not name\n{what}"
                    );
                }
                // Nothing unfilled is written as an empty value.
                assert!(
                    !String::from_utf8_lossy(&out.stdout).contains("\"\""),
                    "{what}"
                );
                if source_valid && !flags.is_empty() {
                    assert!(said.is_empty(), "{what}");
                    assert_eq!(check.status.code(), Some(0), "{what}");
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, sources.len() * 4);
}
