//! `validate --fix --unsafe-fixes`: the suggested (did-you-mean) fixes are applied only
//! on request, as ruff does; without it the summary says how many more it would apply;
//! without `--fix` the flag is refused.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_publiccode");

fn invalid_example() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/examples/invalid/publiccode.yml");
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn run(args: &[&str], file: &Path) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .arg(file)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("publiccode.yml");
    std::fs::write(&file, invalid_example()).expect("write");
    (tmp, file)
}

#[test]
fn without_fix_the_flag_is_refused_and_nothing_is_written() {
    let (_tmp, file) = copy();
    let (code, out, err) = run(&["validate", "--unsafe-fixes"], &file);
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(out, "");
    assert_eq!(
        err,
        "error: --unsafe-fixes adds the suggested fixes to what --fix applies; use it together with --fix\n"
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        invalid_example()
    );
}

#[test]
fn the_summary_counts_safe_and_suggested_fixes() {
    let (_tmp, file) = copy();
    let (code, out, _) = run(&["validate", "--no-local-checks"], &file);
    assert_eq!(code, 1);
    assert!(
        out.ends_with(
            "9 errors, 3 warnings\n3 problems fixable with --fix, 5 more with --fix --unsafe-fixes (suggestions: check the result)\n"
        ),
        "{out}"
    );
}

#[test]
fn fix_applies_only_safe_fixes_and_says_how_many_more_unsafe_fixes_would() {
    let (_tmp, file) = copy();
    let (code, out, err) = run(&["validate", "--no-local-checks", "--fix"], &file);
    assert_eq!(code, 1, "{out}{err}");
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(text.contains("localisationReady: true"), "{text}");
    assert!(text.contains("- cloud-managment"), "{text}");
    assert!(text.contains("developmentStatus: Stable"), "{text}");
    assert!(
        out.ends_with(
            "7 errors, 3 warnings\n5 problems fixable with --fix --unsafe-fixes (suggestions: check the result)\n"
        ),
        "{out}"
    );
}

#[test]
fn fix_with_unsafe_fixes_applies_the_suggestions_and_checks_again() {
    let (_tmp, file) = copy();
    let (code, out, err) = run(
        &["validate", "--no-local-checks", "--fix", "--unsafe-fixes"],
        &file,
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("fixed 8 problems in"), "{err}");
    let text = std::fs::read_to_string(&file).expect("read");
    for fixed in [
        "localisationReady: true",
        "- cloud-management",
        "developmentStatus: stable",
        "\n  en:\n",
        "- en-GB",
    ] {
        assert!(text.contains(fixed), "{fixed}: {text}");
    }
    // The report describes the file as it now is.
    assert!(!out.contains("PC302"), "{out}");
    assert!(!out.contains("PC301"), "{out}");
    assert!(!out.contains("fixable"), "{out}");
    let (code, again, _) = run(&["validate", "--no-local-checks", "-f", "short"], &file);
    assert_eq!(code, 1);
    assert_eq!(again.lines().count(), 5, "{again}");
}

#[test]
fn diff_shows_the_suggested_fixes_without_writing() {
    let (_tmp, file) = copy();
    let (code, out, _) = run(
        &[
            "validate",
            "--no-local-checks",
            "--fix",
            "--unsafe-fixes",
            "--diff",
        ],
        &file,
    );
    assert_eq!(code, 1);
    assert!(out.contains("+  - cloud-management\n"), "{out}");
    assert!(out.contains("-  - cloud-managment\n"), "{out}");
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        invalid_example()
    );
}
