//! Golden tests of `publiccode init`: each case in `testdata/init/<case>/` is a
//! repository built here (files from `repo/`, then `git init`, a commit, the remote and
//! the tags listed in `git`), the arguments in `args` (one per line), and the expected
//! standard output (`expected.yml`), standard error (`expected.stderr`, when present,
//! with the temporary path written `<DIR>`) and exit code (`exit`, default 0).
//! Each case is its own test (`init::<case>`); `PUBLICCODE_BLESS=1 cargo test -p
//! publiccode-cli --test init_golden` rewrites the expected files. Without git the cases
//! are listed as ignored.

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

use libtest_mimic::{Arguments, Failed, Trial};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/init")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for e in std::fs::read_dir(from).expect("read fixture dir").flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy fixture file");
        }
    }
}

fn git(dir: &Path, args: &[&str], date: &str) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=Fixture",
            "-c",
            "user.email=fixture@example.org",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Builds the fixture repository of `case` in a fresh temporary directory.
/// The folder is `<tmp>/publiccode-init-<pid>-<purpose>/<case>`, so that the directory
/// name, which inference may use as `name`, is the case's name.
pub fn build_repo(case: &Path, purpose: &str) -> Option<PathBuf> {
    let name = case.file_name()?.to_string_lossy().to_string();
    let dir = std::env::temp_dir()
        .join(format!("publiccode-init-{}-{purpose}", std::process::id()))
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&case.join("repo"), &dir);
    let spec = std::fs::read_to_string(case.join("git")).unwrap_or_default();
    if !git(&dir, &["init", "-q"], "2024-01-01T12:00:00Z") {
        return None;
    }
    git(&dir, &["add", "-A"], "2024-01-01T12:00:00Z");
    git(
        &dir,
        &["commit", "-q", "--allow-empty", "-m", "initial"],
        "2024-01-01T12:00:00Z",
    );
    for line in spec.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        match parts.as_slice() {
            ["remote", name, url] => {
                git(&dir, &["remote", "add", name, url], "2024-01-01T12:00:00Z");
            }
            ["tag", tag, date] => {
                let when = format!("{date}T12:00:00Z");
                git(&dir, &["commit", "-q", "--allow-empty", "-m", tag], &when);
                git(&dir, &["tag", "-a", tag, "-m", tag], &when);
            }
            _ => {}
        }
    }
    Some(dir)
}

fn check(path: &Path, actual: &str, failures: &mut Vec<String>) {
    if std::env::var_os("PUBLICCODE_BLESS").is_some() {
        std::fs::write(path, actual).expect("write expected file");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected != actual {
        failures.push(format!(
            "{} differs:\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        ));
    }
}

/// One case: `init --yes --stdout` in its repository against the expected files.
fn golden_case(case: &Path) -> Result<(), Failed> {
    let mut failures = Vec::new();
    let dir = build_repo(case, "golden").ok_or("cannot build the fixture repository")?;
    let args: Vec<String> = std::fs::read_to_string(case.join("args"))
        .map_err(|e| format!("{}: {e}", case.join("args").display()))?
        .lines()
        .map(str::to_string)
        .collect();
    let out = Command::new(env!("CARGO_BIN_EXE_publiccode"))
        .arg("init")
        .arg("--yes")
        .arg("--stdout")
        .arg("--dir")
        .arg(&dir)
        .args(&args)
        .output()
        .map_err(|e| format!("run publiccode: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).replace(&dir.display().to_string(), "<DIR>");
    let want_exit: i32 = std::fs::read_to_string(case.join("exit"))
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    if out.status.code() != Some(want_exit) {
        failures.push(format!(
            "{}: exit {:?}, expected {want_exit}\n{stderr}",
            case.display(),
            out.status.code()
        ));
    }
    check(&case.join("expected.yml"), &stdout, &mut failures);
    check(&case.join("expected.stderr"), &stderr, &mut failures);
    if want_exit == 0 {
        // The file must validate with zero errors and zero warnings, local files included.
        let resources = publiccode::DirResources::new(&dir);
        let opts = publiccode::Options::new().with_resources(&resources);
        let report = publiccode::validate_str(&stdout, &opts);
        let bad: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity >= publiccode::Severity::Warning)
            .map(|d| format!("{} {} {}", d.code, d.key, d.message))
            .collect();
        if !bad.is_empty() {
            failures.push(format!(
                "{}: output does not validate cleanly: {bad:?}",
                case.display()
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n\n").into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let no_git = Command::new("git").arg("--version").output().is_err();
    if no_git {
        eprintln!("git is not installed: the init golden cases are ignored");
    }
    let dir = cases_dir();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("args").is_file())
        .collect();
    cases.sort();
    let count = cases.len();
    let mut trials = vec![
        Trial::test("cases_present", move || {
            if count >= 5 {
                Ok(())
            } else {
                Err(format!("only {count} cases in {}", dir.display()).into())
            }
        }),
        Trial::test("writes_atomically_and_refuses_to_overwrite", || {
            writes_atomically_and_refuses_to_overwrite();
            Ok(())
        })
        .with_ignored_flag(no_git),
    ];
    for case in cases {
        let name = case
            .file_name()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        trials.push(
            Trial::test(format!("init::{name}"), move || golden_case(&case))
                .with_ignored_flag(no_git),
        );
    }
    libtest_mimic::run(&args, trials).exit();
}

fn writes_atomically_and_refuses_to_overwrite() {
    let case = cases_dir().join("rust-dual");
    let Some(dir) = build_repo(&case, "write") else {
        eprintln!("skipping: git is not installed");
        return;
    };
    let args: Vec<String> = std::fs::read_to_string(case.join("args"))
        .expect("args")
        .lines()
        .map(str::to_string)
        .collect();
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_publiccode"))
            .args(["init", "--yes", "--quiet", "--dir"])
            .arg(&dir)
            .args(&args)
            .args(extra)
            .output()
            .expect("run publiccode")
    };
    let first = run(&[]);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let file = dir.join("publiccode.yml");
    assert!(file.is_file());
    let second = run(&[]);
    assert_eq!(second.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&second.stderr).contains("--force"));
    let third = run(&["--force"]);
    assert_eq!(third.status.code(), Some(0));
    // `publiccode validate` accepts the written file.
    let v = Command::new(env!("CARGO_BIN_EXE_publiccode"))
        .arg("validate")
        .arg(&file)
        .output()
        .expect("run validate");
    assert_eq!(
        v.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&v.stdout)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
