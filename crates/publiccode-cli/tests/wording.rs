//! One voice across the tool: every help line the checks give on the vendored
//! fixtures is an instruction ("add …", "write …", "use …") or a did-you-mean
//! question, and no message or help says "file(s)".

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

const BIN: &str = env!("CARGO_BIN_EXE_publiccode");

/// The verbs a help line may start with.
const IMPERATIVE: &[&str] = &[
    "add", "check", "choose", "did", "give", "ignore", "look", "move", "propose", "publish",
    "quote", "re-save", "remove", "rename", "replace", "rewrite", "run", "start", "upgrade", "use",
    "write",
];

fn fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    let rd = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("test data missing: {}: {e}", dir.display()));
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            fixtures(&p, out);
        } else if p
            .extension()
            .is_some_and(|e| e == "yml" || e == "yaml" || e == "json")
            && !p.to_string_lossy().contains("reference-schemas")
        {
            out.push(p);
        }
    }
}

#[test]
fn help_lines_are_imperative_and_plurals_are_spelled_out() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata");
    let mut files = Vec::new();
    for sub in [
        "rules",
        "profiles",
        "conformance",
        "suppressions",
        "code-json",
        "ore",
    ] {
        fixtures(&root.join(sub), &mut files);
    }
    assert!(files.len() > 200, "fixtures missing: {}", files.len());
    let mut rules = Vec::new();
    fixtures(&root.join("rules"), &mut rules);
    let mut profile_files = Vec::new();
    fixtures(&root.join("profiles"), &mut profile_files);
    // (No profile, local checks on the rule fixtures that exercise them, then every
    // fixture, then each profile on its own fixtures; local checks only once: licence
    // detection is slow in a debug build.)
    let mut runs: Vec<(Vec<&str>, &Vec<PathBuf>)> = vec![(vec![], &rules)];
    runs.push((vec!["--no-local-checks"], &files));
    for p in [
        "it",
        "de-opencode",
        "ch",
        "fr",
        "eu",
        "eu-joinup",
        "ee",
        "es",
        "uk",
    ] {
        runs.push((vec!["--no-local-checks", "--profile", p], &profile_files));
    }
    let mut bad = std::collections::BTreeSet::new();
    let mut helps = 0;
    // A plural in brackets ("file(s)"); "http(s)" is a scheme, not a plural.
    let bracket_plural = |s: &str| {
        s.to_ascii_lowercase()
            .replace("http(s)", "")
            .contains("(s)")
    };
    for (flags, inputs) in &runs {
        let profile = flags.join(" ");
        let mut cmd = Command::new(BIN);
        cmd.args(["validate", "-f", "json", "--no-config"])
            .args(flags);
        let out = cmd.args(inputs.iter()).output().expect("runs");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{profile}: {e}: {}", String::from_utf8_lossy(&out.stderr)));
        for file in v["files"].as_array().into_iter().flatten() {
            for d in file["diagnostics"].as_array().into_iter().flatten() {
                let code = d["code"].as_str().unwrap_or("");
                let message = d["message"].as_str().unwrap_or("");
                if let Some(help) = d["help"].as_str() {
                    helps += 1;
                    let first = help.split([' ', ',']).next().unwrap_or("");
                    if !IMPERATIVE.contains(&first) {
                        bad.insert(format!("{code} help: {help}"));
                    }
                    if bracket_plural(help) {
                        bad.insert(format!("{code} help: {help}"));
                    }
                }
                if bracket_plural(message) {
                    bad.insert(format!("{code} message: {message}"));
                }
            }
        }
    }
    assert!(helps > 100, "only {helps} help lines seen");
    assert!(
        bad.is_empty(),
        "{} help lines or messages out of style:\n{}",
        bad.len(),
        bad.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// Every command's failures start with `error: `, and counts are spelled out.
#[test]
fn commands_share_one_error_prefix_and_plural_style() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let example = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/examples/invalid/publiccode.yml");
    let file = tmp.path().join("publiccode.yml");
    std::fs::copy(&example, &file).expect("copy");
    let run = |args: &[&str]| {
        let out = Command::new(BIN)
            .args(args)
            .current_dir(tmp.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run(&["upgrade", "publiccode.yml"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("publiccode.yml: 4 changes\n"), "{err}");
    assert!(!err.contains("(s)"), "{err}");
    for (args, status) in [
        (&["init", "--yes"][..], 2),
        (
            &["init", "--yes", "--dir", "nowhere", "--profile", "nope"][..],
            2,
        ),
        (&["validate", "--diff"][..], 2),
        (&["validate", "missing.yml"][..], 2),
        (&["upgrade", "missing.yml"][..], 2),
        (&["export", "--to", "ore", "missing.yml"][..], 2),
        (&["validate", "--format", "nope"][..], 2),
        (&["explain", "PC999"][..], 2),
    ] {
        let (code, err) = run(args);
        assert_eq!(code, status, "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(!err.contains("publiccode init:"), "{args:?}: {err}");
    }
}
