//! Golden tests of real command lines. Each `tests/cli/<name>.case` file (at the
//! repository root) holds the arguments, the expected exit status and the expected
//! standard output:
//!
//! ```text
//! args: validate -f short ../../testdata/examples/valid
//! status: 0
//! ---
//! <expected stdout>
//! ```
//!
//! Commands run from `tests/cli`. Each case is its own test (`cli::<name>`), so a failure
//! names it; `PUBLICCODE_BLESS=1 cargo test -p publiccode-cli --test cli` rewrites the
//! expected output after a deliberate change.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use libtest_mimic::{Arguments, Failed, Trial};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cli")
}

struct Case {
    args: Vec<String>,
    stdin: Option<String>,
    status: i32,
    stdout: String,
}

fn parse(text: &str) -> Option<Case> {
    let (head, stdout) = text.split_once("\n---\n")?;
    let mut args = Vec::new();
    let mut status = 0;
    let mut stdin = None;
    for line in head.lines() {
        if let Some(a) = line.strip_prefix("args:") {
            args = a.split_whitespace().map(str::to_string).collect();
        } else if let Some(s) = line.strip_prefix("status:") {
            status = s.trim().parse().ok()?;
        } else if let Some(s) = line.strip_prefix("stdin:") {
            stdin = Some(s.trim().to_string());
        }
    }
    Some(Case {
        args,
        stdin,
        status,
        stdout: stdout.to_string(),
    })
}

/// Runs one case and compares (or, blessing, rewrites) its status and standard output.
fn run_case(path: &Path) -> Result<(), Failed> {
    let dir = cases_dir();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let case = parse(&text).ok_or_else(|| format!("malformed case {}", path.display()))?;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_publiccode"));
    cmd.args(&case.args)
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.stdin(if case.stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("the binary does not run: {e}"))?;
    if let (Some(input), Some(mut pipe)) = (&case.stdin, child.stdin.take()) {
        use std::io::Write;
        let file = std::fs::read(dir.join(input)).map_err(|e| format!("stdin file: {e}"))?;
        pipe.write_all(&file)
            .map_err(|e| format!("write stdin: {e}"))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("the binary does not finish: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let status = out.status.code().unwrap_or(-1);
    if std::env::var_os("PUBLICCODE_BLESS").is_some() {
        let head = text.split_once("\n---\n").map(|(h, _)| h).unwrap_or("");
        let head: String = head
            .lines()
            .map(|l| {
                if l.starts_with("status:") {
                    format!("status: {status}")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(path, format!("{head}\n---\n{stdout}"))
            .map_err(|e| format!("write case: {e}"))?;
        return Ok(());
    }
    if status != case.status || stdout != case.stdout {
        return Err(format!(
            "{}: status {} (expected {})\n--- stdout ---\n{}\n--- expected ---\n{}\n--- stderr ---\n{}",
            path.display(),
            status,
            case.status,
            stdout,
            case.stdout,
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let dir = cases_dir();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "case"))
        .collect();
    entries.sort();
    let count = entries.len();
    let mut trials = vec![Trial::test("cases_present", move || {
        if count >= 10 {
            Ok(())
        } else {
            Err(format!("only {count} cases in {}", dir.display()).into())
        }
    })];
    for path in entries {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        trials.push(Trial::test(format!("cli::{name}"), move || run_case(&path)));
    }
    libtest_mimic::run(&args, trials).exit();
}
