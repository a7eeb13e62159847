//! Finding the descriptor: without a path every command uses `publiccode.yml`, then
//! `publiccode.yaml`, and says which; a missing file or a folder without descriptors
//! is an I/O error (exit 2) that names the path once and is not counted as a file.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_publiccode");

fn valid_example() -> String {
    let p =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/examples/valid/publiccode.yml");
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out: Output = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn without_a_path_publiccode_yaml_is_used_and_named() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::write(tmp.path().join("publiccode.yaml"), valid_example()).expect("write");
    let (code, out, err) = run(tmp.path(), &["validate", "--no-local-checks"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(err, "using publiccode.yaml\n");
    assert!(out.contains("publiccode.yaml"), "{out}");
    // Machine formats: the file in the report, nothing about it on either stream.
    let (code, out, err) = run(tmp.path(), &["validate", "--no-local-checks", "-f", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(err, "");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["files"][0]["path"], "publiccode.yaml");
    // upgrade and export find it too.
    let (code, out, err) = run(tmp.path(), &["upgrade", "--check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("publiccode.yaml: up to date"), "{out}");
    assert!(err.contains("using publiccode.yaml"), "{err}");
    let (code, out, err) = run(tmp.path(), &["export", "--to", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("using publiccode.yaml"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["name"], "publiccode");
    // init stops: the repository already has a descriptor.
    let (code, _, err) = run(tmp.path(), &["init", "--yes"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("publiccode.yaml already exists"), "{err}");
}

#[test]
fn with_both_names_yml_wins_and_the_other_is_reported_ignored() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::write(tmp.path().join("publiccode.yml"), valid_example()).expect("write");
    std::fs::write(tmp.path().join("publiccode.yaml"), "not: [valid").expect("write");
    let (code, out, err) = run(tmp.path(), &["validate", "--no-local-checks"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("using publiccode.yml\n"), "{err}");
    assert!(
        err.contains("warning: publiccode.yaml is ignored: publiccode.yml is used"),
        "{err}"
    );
    // The warning is given in every format.
    let (code, out, err) = run(
        tmp.path(),
        &["validate", "--no-local-checks", "-f", "short"],
    );
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(!err.contains("using"), "{err}");
    assert!(err.contains("publiccode.yaml is ignored"), "{err}");
}

#[test]
fn no_descriptor_here_is_an_io_error_naming_the_folder_once() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = run(tmp.path(), &["validate"]);
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(out, "no file checked; 1 path could not be read\n");
    let cwd = tmp.path().canonicalize().expect("cwd");
    assert_eq!(
        err,
        format!(
            "error: {}: no publiccode.yml or publiccode.yaml in this folder\n",
            cwd.display()
        )
    );
    // A YAML file of another name: say how to check it.
    std::fs::write(tmp.path().join("foo.yml"), valid_example()).expect("write");
    let (code, _, err) = run(tmp.path(), &["validate"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("give the path of foo.yml to check it"),
        "{err}"
    );
    let (code, _, err) = run(tmp.path(), &["upgrade"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.starts_with("error: ") && err.contains("foo.yml"),
        "{err}"
    );
    let (code, out, err) = run(tmp.path(), &["export", "--to", "json"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(
        err.starts_with("error: ") && err.contains("foo.yml"),
        "{err}"
    );
}

#[test]
fn a_missing_file_is_an_io_error_with_the_path_once_not_an_invalid_file() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::write(tmp.path().join("publiccode.yml"), valid_example()).expect("write");
    let (code, out, err) = run(
        tmp.path(),
        &[
            "validate",
            "--no-local-checks",
            "nope.yml",
            "publiccode.yml",
        ],
    );
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(err, "error: nope.yml: no such file\n");
    assert!(
        out.ends_with(
            "1 file: 1 valid, 0 invalid; 0 errors, 0 warnings; 1 path could not be read\n"
        ),
        "{out}"
    );
    assert!(!out.contains("nope.yml"), "{out}");
    for format in ["json", "sarif", "short", "github", "gitlab", "junit"] {
        let (code, out, err) = run(tmp.path(), &["validate", "-f", format, "nope.yml"]);
        assert_eq!(code, 2, "{format}: {out}{err}");
        assert_eq!(err, "error: nope.yml: no such file\n", "{format}");
        assert!(!out.contains("nope.yml"), "{format}: {out}");
    }
    // --statistics counts the files read, and names the others as errors.
    let (code, out, err) = run(tmp.path(), &["validate", "--statistics", "nope.yml"]);
    assert_eq!((code, err.as_str()), (2, "error: nope.yml: no such file\n"));
    assert!(!out.contains("PC009"), "{out}");
    let (_, out, _) = run(tmp.path(), &["validate", "-f", "json", "nope.yml"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["summary"]["files"], 0);
    assert_eq!(v["summary"]["invalid"], 0);
    let (code, _, err) = run(tmp.path(), &["upgrade", "nope.yml"]);
    assert_eq!((code, err.as_str()), (2, "error: nope.yml: no such file\n"));
    let (code, _, err) = run(tmp.path(), &["export", "--to", "json", "nope.yml"]);
    assert_eq!((code, err.as_str()), (2, "error: nope.yml: no such file\n"));
}

#[test]
fn a_folder_without_descriptors_says_how_to_pass_other_yaml_files() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(tmp.path().join("empty")).expect("mkdir");
    std::fs::create_dir_all(tmp.path().join("other/sub")).expect("mkdir");
    std::fs::write(tmp.path().join("other/sub/foo.yml"), valid_example()).expect("write");
    let (code, out, err) = run(tmp.path(), &["validate", "empty"]);
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(
        err,
        "error: empty: no publiccode.yml or publiccode.yaml in this folder or below\n"
    );
    assert!(!out.contains("invalid"), "{out}");
    let (code, _, err) = run(tmp.path(), &["validate", "other"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err,
        "error: other: no publiccode.yml or publiccode.yaml in this folder or below; \
         give the path of other/sub/foo.yml to check it\n"
    );
    let (code, _, _) = run(
        tmp.path(),
        &["validate", "--no-local-checks", "other/sub/foo.yml"],
    );
    assert_eq!(code, 0);
}
