//! `--format gitlab` and `--format junit` checked against the structure their consumers
//! document: GitLab's Code Quality issue fields, and the JUnit XML elements and attributes
//! (testsuites / testsuite / testcase / failure) that test-report widgets read.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_publiccode");

fn examples() -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/examples");
    assert!(
        dir.join("invalid/publiccode.yml").is_file(),
        "testdata/examples is missing"
    );
    dir
}

fn run(args: &[&str], cwd: &Path, stdin: Option<&str>) -> (i32, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn {BIN}: {e}"));
    if let Some(mut pipe) = child.stdin.take() {
        let _ = pipe.write_all(stdin.unwrap_or("").as_bytes());
    }
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn gitlab_code_quality_fields() {
    let dir = examples();
    let (status, out) = run(&["validate", "-f", "gitlab", "."], &dir, None);
    assert_eq!(status, 1);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let issues = v.as_array().expect("a JSON array of issues");
    assert!(issues.len() >= 5, "{out}");
    let mut fingerprints = std::collections::HashSet::new();
    let mut severities = std::collections::HashSet::new();
    for i in issues {
        assert!(
            i["description"].as_str().is_some_and(|s| !s.is_empty()),
            "{i}"
        );
        let check = i["check_name"].as_str().expect("check_name");
        assert!(
            check.starts_with("PC") || check.starts_with("PL"),
            "{check}"
        );
        let fp = i["fingerprint"].as_str().expect("fingerprint");
        assert_eq!(fp.len(), 32);
        assert!(
            fingerprints.insert(fp.to_string()),
            "duplicate fingerprint {fp}"
        );
        let sev = i["severity"].as_str().expect("severity");
        assert!(
            ["info", "minor", "major", "critical", "blocker"].contains(&sev),
            "{sev}"
        );
        severities.insert(sev.to_string());
        // Relative to the project root, no leading ./
        assert_eq!(i["location"]["path"], "invalid/publiccode.yml");
        assert!(
            i["location"]["lines"]["begin"]
                .as_u64()
                .is_some_and(|n| n >= 1)
        );
    }
    assert!(severities.contains("major") && severities.contains("minor"));

    // Fingerprints do not depend on the line: inserting a comment line keeps them.
    let text = std::fs::read_to_string(dir.join("invalid/publiccode.yml")).expect("read");
    let shifted = format!("# a new first line\n{text}");
    let (_, a) = run(&["validate", "-f", "gitlab", "-"], &dir, Some(&text));
    let (_, b) = run(&["validate", "-f", "gitlab", "-"], &dir, Some(&shifted));
    let fps = |s: &str| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(s).expect("JSON");
        v.as_array()
            .expect("array")
            .iter()
            .map(|i| i["fingerprint"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(fps(&a), fps(&b));

    // A valid file: an empty array.
    let (status, out) = run(
        &["validate", "-f", "gitlab", "valid/publiccode.yml"],
        &dir,
        None,
    );
    assert_eq!(status, 0);
    assert_eq!(out.trim(), "[]");
}

#[test]
fn junit_structure() {
    let dir = examples();
    let (status, out) = run(&["validate", "-f", "junit", "."], &dir, None);
    assert_eq!(status, 1);
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), 2, "one suite per file");
    let mut total_tests = 0;
    let mut total_failures = 0;
    for s in &suites {
        assert_eq!(s.tag_name().name(), "testsuite");
        let cases: Vec<_> = s
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        let failures = cases
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
            .count();
        assert_eq!(s.attribute("tests"), Some(cases.len().to_string().as_str()));
        assert_eq!(s.attribute("failures"), Some(failures.to_string().as_str()));
        total_tests += cases.len();
        total_failures += failures;
        for c in &cases {
            assert!(c.attribute("name").is_some_and(|n| !n.is_empty()));
            assert!(c.attribute("classname").is_some());
            if let Some(f) = c.children().find(|n| n.has_tag_name("failure")) {
                assert!(f.attribute("message").is_some_and(|m| !m.is_empty()));
                assert!(f.attribute("type").is_some_and(|t| t.starts_with("PC")));
                assert!(f.text().is_some_and(|t| t.contains(": error: ")));
            }
        }
    }
    assert_eq!(
        root.attribute("tests"),
        Some(total_tests.to_string().as_str())
    );
    assert_eq!(
        root.attribute("failures"),
        Some(total_failures.to_string().as_str())
    );
    assert!(total_failures >= 5);
    let valid = suites
        .iter()
        .find(|s| s.attribute("name") == Some("valid/publiccode.yml"))
        .expect("valid file's suite");
    assert_eq!(valid.attribute("failures"), Some("0"));

    // Warnings pass unless --warnings-as-errors.
    let (_, strict) = run(
        &[
            "validate",
            "-f",
            "junit",
            "--warnings-as-errors",
            "invalid/publiccode.yml",
        ],
        &dir,
        None,
    );
    let doc2 = roxmltree::Document::parse(&strict).expect("XML");
    let n = |d: &roxmltree::Document| -> usize {
        d.descendants()
            .filter(|n| n.has_tag_name("failure"))
            .count()
    };
    assert!(n(&doc2) > total_failures);
}

#[test]
fn junit_escapes_markup_in_messages() {
    let dir = examples();
    let text = "publiccodeYmlVersion: \"0.4\"\n\"<b>&'x\": 1\n";
    let (_, out) = run(&["validate", "-f", "junit", "-"], &dir, Some(text));
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML despite <, & and quotes");
    assert!(
        doc.descendants()
            .any(|n| n.attribute("name").is_some_and(|a| a.contains("<b>&'x")))
    );
}
