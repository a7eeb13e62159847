//! Fixture-driven tests of `publiccode upgrade`: each `testdata/upgrade/<case>.yml`
//! upgrades to `<case>.expected.yml` byte for byte, upgrading that again changes
//! nothing, `--check` tells the two apart, and `--downgrade-to 0.5` of the result gives
//! `<case>.downgraded.yml`. Each case is its own test (`upgrade::<case>`);
//! `PUBLICCODE_BLESS=1` rewrites the expected files.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use libtest_mimic::{Arguments, Failed, Trial};

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
        .into_iter()
        .flatten()
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
    if std::env::var_os("PUBLICCODE_BLESS").is_some() {
        std::fs::write(path, got).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let want = std::fs::read_to_string(path).unwrap_or_default();
    if want != got {
        failures.push(format!("{}: differs; got:\n{got}", path.display()));
    }
}

fn upgrade_fixture(case: &Path) -> Result<(), Failed> {
    let case = case.to_path_buf();
    let mut failures = Vec::new();
    {
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
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n").into())
    }
}

fn refuses_unknown_downgrade_target() {
    let (code, _) = run(
        &["upgrade", "--downgrade-to", "0.3", "-"],
        "publiccodeYmlVersion: \"0\"\n",
    );
    assert_eq!(code, 2);
}

fn main() {
    let args = Arguments::from_args();
    let cases = cases();
    let count = cases.len();
    let mut trials = vec![
        Trial::test("cases_present", move || {
            if count >= 2 {
                Ok(())
            } else {
                Err(format!("only {count} cases in {CASES}").into())
            }
        }),
        Trial::test("refuses_unknown_downgrade_target", || {
            refuses_unknown_downgrade_target();
            Ok(())
        }),
    ];
    for case in cases {
        let name = case
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        trials.push(Trial::test(format!("upgrade::{name}"), move || {
            upgrade_fixture(&case)
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}
