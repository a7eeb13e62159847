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
//! Commands run from `tests/cli`. `UPDATE_GOLDEN=1 cargo test --test cli` rewrites the
//! expected output after a deliberate change.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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

#[test]
fn golden_command_lines() {
    let dir = cases_dir();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/cli exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "case"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty());
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for path in &entries {
        let text = std::fs::read_to_string(path).expect("readable case");
        let case = parse(&text).unwrap_or_else(|| panic!("malformed case {}", path.display()));
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
        let mut child = cmd.spawn().expect("binary runs");
        if let (Some(input), Some(mut pipe)) = (&case.stdin, child.stdin.take()) {
            use std::io::Write;
            let file = std::fs::read(dir.join(input)).expect("stdin file");
            pipe.write_all(&file).expect("write stdin");
        }
        let out = child.wait_with_output().expect("binary finishes");
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        let status = out.status.code().unwrap_or(-1);
        if update {
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
            std::fs::write(path, format!("{head}\n---\n{stdout}")).expect("write case");
            continue;
        }
        if status != case.status || stdout != case.stdout {
            failures.push(format!(
                "{}: status {} (expected {})\n--- stdout ---\n{}\n--- expected ---\n{}\n--- stderr ---\n{}",
                path.display(),
                status,
                case.status,
                stdout,
                case.stdout,
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
