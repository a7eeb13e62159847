//! `validate --fix` describes the file as it is after fixing: a file whose only
//! problems are fixable is reported valid with exit code 0, and `--fix --diff` keeps
//! standard output for the patch alone.

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

/// Valid apart from two problems with safe fixes (an unquoted version and a YAML 1.1
/// boolean).
const FIXABLE: &str = "publiccodeYmlVersion: 0.2
name: Medusa
url: https://github.com/italia/medusa
platforms: [web]
developmentStatus: stable
softwareType: standalone/web
description:
  en:
    shortDescription: A tool that turns photos of paper forms into structured data.
    longDescription: >-
      Medusa reads photos of paper forms filled in by citizens, recognises the
      fields and their values, and stores them as structured records that the
      offices of a municipality can search, check and export to other systems.
    features:
      - Form recognition
legal:
  license: EUPL-1.2
maintenance:
  type: none
localisation:
  localisationReady: yes
  availableLanguages: [en]
";

fn temp_file(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("publiccode-fix-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("publiccode.yml");
    std::fs::write(&file, FIXABLE).expect("write fixture");
    file
}

#[test]
fn fix_reports_the_fixed_file() {
    let file = temp_file("recheck");
    let out = Command::new(BIN)
        .args(["validate", "--fix", "--no-local-checks", "--format", "json"])
        .arg(&file)
        .output()
        .expect("run publiccode");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("fixed 2 problems"), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(v["summary"]["errors"], 0, "{v}");
    assert_eq!(v["summary"]["valid"], 1, "{v}");
    let now = std::fs::read_to_string(&file).expect("read back");
    assert!(now.contains("localisationReady: true"), "{now}");
    let _ = std::fs::remove_dir_all(file.parent().expect("parent"));
}

#[test]
fn fix_diff_prints_only_the_patch() {
    let file = temp_file("diff");
    let out = Command::new(BIN)
        .args([
            "validate",
            "--fix",
            "--diff",
            "--no-local-checks",
            "--format",
            "json",
        ])
        .arg(&file)
        .output()
        .expect("run publiccode");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("--- a/"), "{stdout}");
    assert!(
        stdout.lines().all(|l| l.starts_with(['-', '+', ' ', '@'])),
        "not a clean unified diff:\n{stdout}"
    );
    // The report went to standard error, and the file is untouched.
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"summary\""));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), FIXABLE);
    assert_eq!(out.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(file.parent().expect("parent"));
}

#[test]
fn refused_flag_combinations_say_why() {
    for (args, why) in [
        (
            &["validate", "--diff", "x.yml"][..],
            "use it together with --fix",
        ),
        (&["validate", "--fix", "-"][..], "cannot fix standard input"),
        (
            &["upgrade", "--check", "--diff", "x.yml"][..],
            "use one of them",
        ),
        (
            &["init", "--yes", "--stdout", "-o", "x.yml"][..],
            "use one of them",
        ),
    ] {
        let out = Command::new(BIN)
            .args(args)
            .output()
            .expect("run publiccode");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(why), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn init_stops_when_a_descriptor_exists() {
    for name in ["publiccode.yml", "publiccode.yaml"] {
        let dir = std::env::temp_dir().join(format!(
            "publiccode-init-exists-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join(name), FIXABLE).expect("write");
        let out = Command::new(BIN)
            .args(["init", "--yes", "--no-infer", "--dir"])
            .arg(&dir)
            .output()
            .expect("run publiccode");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(name)
                && stderr.contains("publiccode upgrade")
                && stderr.contains("--force"),
            "{stderr}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
