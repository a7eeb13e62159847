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
    assert!(err.contains("agency (use --agency)"), "{err}");
    assert!(v["releases"][0].get("name").is_some());
    let (_, v, err) = export(&[
        "--to",
        "code-json",
        "--labor-hours",
        "42",
        "--agency",
        "GSA",
    ]);
    assert!(!err.contains("missing: laborHours"), "{err}");
    assert_eq!(v["releases"][0]["laborHours"], 42.0);
    assert_eq!(v["agency"], "GSA");
    assert!(!err.contains("missing: agency"), "{err}");
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
