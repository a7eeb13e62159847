//! `publiccode completions SHELL`, `publiccode man` and `--version`: the scripts and
//! pages are generated from the live clap definition, so they name every subcommand.

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

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("spawn {BIN}: {e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn completions_for_every_shell() {
    // What each shell's script must contain to be loadable by that shell.
    let shells = [
        ("bash", "complete -F _publiccode"),
        ("zsh", "#compdef publiccode"),
        ("fish", "complete -c publiccode"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "set edit:completion:arg-completer[publiccode]"),
    ];
    for (shell, marker) in shells {
        let (status, out, err) = run(&["completions", shell]);
        assert_eq!(status, 0, "{shell}: {err}");
        assert!(out.contains(marker), "{shell} script lacks {marker:?}");
        for sub in ["validate", "explain", "upgrade", "warnings-as-errors"] {
            assert!(out.contains(sub), "{shell} script lacks {sub}");
        }
    }
    let (status, _, err) = run(&["completions", "tcsh"]);
    assert_eq!(status, 2);
    assert!(err.contains("invalid value"), "{err}");
}

#[test]
fn bash_script_is_valid_bash() {
    let (_, script, _) = run(&["completions", "bash"]);
    let Ok(out) = Command::new("bash").args(["-n", "-c", &script]).output() else {
        println!("bash not installed: syntax check skipped");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn man_pages() {
    let (status, page, _) = run(&["man"]);
    assert_eq!(status, 0);
    assert!(page.contains(".TH publiccode 1"), "{page}");
    assert!(page.contains("validate"));
    let (status, page, _) = run(&["man", "validate"]);
    assert_eq!(status, 0);
    assert!(page.contains(".TH publiccode-validate 1"), "{page}");
    assert!(page.contains("warnings\\-as\\-errors"), "{page}");
    let (status, _, err) = run(&["man", "nosuch"]);
    assert_eq!(status, 2);
    assert!(err.contains("unknown command `nosuch`"), "{err}");

    let dir = std::env::temp_dir().join(format!("publiccode-man-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (status, _, err) = run(&["man", "--out-dir", &dir.display().to_string()]);
    assert_eq!(status, 0, "{err}");
    for name in [
        "publiccode.1",
        "publiccode-validate.1",
        "publiccode-explain.1",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        assert!(text.contains(".TH"), "{name} missing or empty");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn version_names_the_standard_versions() {
    let (status, out, _) = run(&["--version"]);
    assert_eq!(status, 0);
    assert!(out.starts_with(&format!("publiccode {}", env!("CARGO_PKG_VERSION"))));
    for v in ["0.2", "0.3", "0.4", "0.5", "0.6", "0.7"] {
        assert!(out.contains(v), "{out}");
    }
    assert!(out.contains("latest 0.7.0"), "{out}");
}
