//! `publiccode schema [--version V]` prints exactly the checked-in schema files.

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
const SCHEMAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schemas");

#[test]
fn prints_the_checked_in_schemas() {
    for (arg, file) in [
        (None, "0.7"),
        (Some("0.2"), "0.2"),
        (Some("0.5"), "0.5"),
        (Some("0"), "0.7"),
    ] {
        let mut cmd = Command::new(BIN);
        cmd.arg("schema");
        if let Some(v) = arg {
            cmd.args(["--version", v]);
        }
        let out = cmd.output().unwrap_or_else(|e| panic!("{e}"));
        assert!(out.status.success());
        let want = std::fs::read_to_string(format!("{SCHEMAS}/publiccode-{file}.schema.json"))
            .unwrap_or_default();
        assert_eq!(String::from_utf8_lossy(&out.stdout), want, "{arg:?}");
    }
    let out = Command::new(BIN)
        .args(["schema", "--version", "9"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
}
