//! Fixture-driven tests of `publiccode upgrade`: each `testdata/upgrade/<case>.yml`
//! upgrades to `<case>.expected.yml` byte for byte, upgrading that again changes
//! nothing, `--check` tells the two apart, and `--downgrade-to 0.5` of the result gives
//! `<case>.downgraded.yml`. Run with `UPDATE_EXPECT=1` to rewrite the expected files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_publiccode");
const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/upgrade");

fn run(args: &[&str], stdin: &str) -> (i32, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn {BIN}: {e}"));
    if let Some(mut i) = child.stdin.take() {
        // A command that refuses its flags exits before reading: a broken pipe is fine.
        if let Err(e) = i.write_all(stdin.as_bytes())
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            panic!("stdin: {e}");
        }
    }
    let out = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("wait: {e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn cases() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(CASES)
        .unwrap_or_else(|e| panic!("{CASES}: {e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let n = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            n.ends_with(".yml") && !n.ends_with(".expected.yml") && !n.ends_with(".downgraded.yml")
        })
        .collect();
    v.sort();
    v
}

fn check_or_update(path: &Path, got: &str, failures: &mut Vec<String>) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, got).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let want = std::fs::read_to_string(path).unwrap_or_default();
    if want != got {
        failures.push(format!("{}: differs; got:\n{got}", path.display()));
    }
}

#[test]
fn upgrade_fixtures() {
    let cases = cases();
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for case in cases {
        let src =
            std::fs::read_to_string(&case).unwrap_or_else(|e| panic!("{}: {e}", case.display()));
        let (code, up) = run(&["upgrade", "-"], &src);
        assert_eq!(code, 0, "{}", case.display());
        check_or_update(&case.with_extension("expected.yml"), &up, &mut failures);
        let (_, again) = run(&["upgrade", "-"], &up);
        if again != up {
            failures.push(format!(
                "{}: second upgrade changed the file",
                case.display()
            ));
        }
        let (c_old, _) = run(&["upgrade", "--check", "-"], &src);
        let (c_new, _) = run(&["upgrade", "--check", "-"], &up);
        if up != src && (c_old != 1 || c_new != 0) {
            failures.push(format!(
                "{}: --check exit codes {c_old}/{c_new}, expected 1/0",
                case.display()
            ));
        }
        let (code, down) = run(&["upgrade", "--downgrade-to", "0.5", "-"], &up);
        assert_eq!(code, 0, "{}", case.display());
        if down.contains("\nsupports:") {
            failures.push(format!("{}: supports left after downgrade", case.display()));
        }
        check_or_update(&case.with_extension("downgraded.yml"), &down, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn refuses_unknown_downgrade_target() {
    let (code, _) = run(
        &["upgrade", "--downgrade-to", "0.3", "-"],
        "publiccodeYmlVersion: \"0\"\n",
    );
    assert_eq!(code, 2);
}
