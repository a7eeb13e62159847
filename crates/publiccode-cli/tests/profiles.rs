//! End-to-end tests of `publiccode profiles`, `validate --profile` and the foreign
//! formats through the real binary.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_publiccode"))
}

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("run publiccode");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn lists_every_profile() {
    let (code, out, _) = run(bin().arg("profiles"));
    assert_eq!(code, 0);
    for id in [
        "it",
        "de-opencode",
        "ch",
        "fr",
        "eu",
        "eu-joinup",
        "ee",
        "es",
        "uk",
        "ca",
        "oss-basic",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(&format!("{id} "))),
            "{id} missing in:\n{out}"
        );
    }
}

#[test]
fn shows_rules_with_source_and_inferred_marker() {
    let (code, out, _) = run(bin().args(["profiles", "show", "it"]));
    assert_eq!(code, 0);
    assert!(out.contains("PRIT01") && out.contains("error"));
    assert!(out.contains("source: https://"));
    assert!(out.contains("[inferred]"));
    let (code, _, err) = run(bin().args(["profiles", "show", "nowhere"]));
    assert_eq!(code, 2);
    assert!(err.contains("unknown profile"));
}

#[test]
fn ipa_codes_checked_by_default_and_replaced_by_a_list() {
    let dir = testdata().join("profiles/it");
    // The shipped list knows c_h501 (Roma) but not c_zzzz.
    let (code, out, _) = run(bin()
        .args(["validate", "--format", "short", "--profile", "it"])
        .arg(dir.join("ipa-not-in-list.yml")));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("[PC321]") && out.contains("c_zzzz"), "{out}");
    assert!(!out.contains("[PRIT01]"), "{out}");
    let (code, out, _) = run(bin()
        .args(["validate", "--format", "short"])
        .arg(dir.join("pass.yml")));
    assert!(!out.contains("PC321"), "{code} {out}");
    // A list given on the command line replaces the shipped one.
    let list = std::env::temp_dir().join(format!("publiccode-ipa-{}.txt", std::process::id()));
    std::fs::write(&list, "# newer list\nC_ZZZZ\n").expect("write list");
    let (_, out, _) = run(bin()
        .args(["validate", "--format", "short", "--ipa-codes"])
        .arg(&list)
        .arg(dir.join("ipa-not-in-list.yml")));
    assert!(!out.contains("PC321"), "{out}");
    let (_, out, _) = run(bin()
        .args(["validate", "--format", "short", "--ipa-codes"])
        .arg(&list)
        .arg(dir.join("pass.yml")));
    let _ = std::fs::remove_file(&list);
    assert!(out.contains("[PC321]") && out.contains("c_h501"), "{out}");
    let (code, _, err) = run(bin()
        .args(["validate", "--ipa-codes", "/nonexistent/ipa.txt"])
        .arg(dir.join("pass.yml")));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn broken_profile_file_points_into_it() {
    let tmp = std::env::temp_dir().join(format!("publiccode-profile-{}.yml", std::process::id()));
    std::fs::write(
        &tmp,
        "id: mine\nname: Mine\ncountry: X\ndescription: d\nrules:\n  - code: X1\n    kind: nope\n    severity: error\n    message: m\n    source: https://example.org\n",
    )
    .expect("write temp profile");
    let (code, _, err) = run(bin()
        .args(["validate", "--profile"])
        .arg(&tmp)
        .arg(testdata().join("profiles/it/pass.yml")));
    let _ = std::fs::remove_file(&tmp);
    assert_eq!(code, 2);
    assert!(err.contains(":7:11:"), "{err}");
}

#[test]
fn explain_covers_profile_rules() {
    let (code, out, _) = run(bin().args(["explain", "PRFR01"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("data.gouv.fr"));
}

#[test]
fn foreign_formats_are_detected() {
    let (code, out, _) = run(bin()
        .args(["validate", "--format", "short"])
        .arg(testdata().join("code-json/dsacms-string-usage-type.json")));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("[CJ006]"), "{out}");
    let (code, out, _) = run(bin()
        .args(["validate", "--format", "short", "--input-format", "ore"])
        .arg(testdata().join("ore/code-status.yml")));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("[OR004]"), "{out}");
}

#[test]
fn a_users_licence_list_replaces_the_shipped_one() {
    let dir = std::env::temp_dir().join(format!("publiccode-cc0-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let case = dir.join("publiccode.yml");
    std::fs::copy(
        testdata().join("profiles/de-opencode/license-cc0.yml"),
        &case,
    )
    .expect("copy");
    let (code, out, _) = run(bin()
        .args([
            "validate",
            "--format",
            "short",
            "--no-local-checks",
            "--profile",
            "de-opencode",
        ])
        .arg(&case));
    assert!(
        !out.contains("PRDE08"),
        "CC0-1.0 is on openCoDE's list: {out}"
    );
    assert_eq!(code, 0, "{out}");
    let list = std::env::temp_dir().join(format!("publiccode-approved-{}.txt", std::process::id()));
    std::fs::write(&list, "MIT\nEUPL-1.2\n").expect("write list");
    let (code, out, _) = run(bin()
        .args([
            "validate",
            "--format",
            "short",
            "--no-local-checks",
            "--profile",
            "de-opencode",
        ])
        .arg(format!(
            "--profile-list=opencode-approved={}",
            list.display()
        ))
        .arg(&case));
    assert!(out.contains("[PRDE08]"), "{out}");
    assert_eq!(code, 0, "a warning only: {out}");
    let (code, _, err) = run(bin()
        .args(["validate", "--profile-list", "nope=x.txt"])
        .arg(&case));
    let _ = std::fs::remove_file(&list);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, 2);
    assert!(err.contains("unknown data list `nope`"), "{err}");
}

#[test]
fn a_yaml_file_name_is_an_error_under_de_opencode() {
    let dir = std::env::temp_dir().join(format!("publiccode-de-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("publiccode.yaml");
    std::fs::copy(testdata().join("profiles/de-opencode/realistic.yml"), &file).expect("copy");
    let (code, out, _) = run(bin()
        .args([
            "validate",
            "--format",
            "short",
            "--no-local-checks",
            "--profile",
            "de-opencode",
        ])
        .arg(&file));
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("[PRDE09]"), "{out}");
}
