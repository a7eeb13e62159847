//! The library API: one call checks a file with profiles, licence policy and foreign
//! formats; the repository is read only through `Resources`, so an in-memory
//! repository gives the same findings as the same files on disk.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::fs;
use std::path::{Path, PathBuf};

use publiccode::{DirResources, MemoryResources, Severity};
use publiccode_check::{CheckOptions, Checker, Files, InputFormat, Policy};

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

fn read(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn codes(report: &publiccode_check::FileReport) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .map(|d| format!("{}:{}:{}", d.line, d.code, d.key))
        .collect()
}

/// A copy of a folder on disk, in memory.
fn memory_copy(dir: &Path) -> MemoryResources {
    let mut mem = MemoryResources::new();
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((d, prefix)) = stack.pop() {
        for e in fs::read_dir(&d).expect("repo dir").flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let rel = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}/{name}")
            };
            if e.path().is_dir() {
                stack.push((e.path(), rel));
            } else {
                mem.insert(rel, read(&e.path()));
            }
        }
    }
    mem
}

#[test]
fn licence_text_mismatch_through_memory_and_disk() {
    let case = testdata().join("profiles/none/text-mismatch");
    let bytes = read(&case.with_extension("yml"));
    let repo = case.with_extension("repo");
    let checker = Checker::new();
    let on_disk = checker.check_in("publiccode.yml", &bytes, &DirResources::new(&repo));
    let in_memory = checker.check_in("publiccode.yml", &bytes, &memory_copy(&repo));
    assert!(codes(&on_disk).contains(&"28:PL004:legal.license".to_string()));
    assert_eq!(on_disk, in_memory);
    // Without a repository, the licence text is not looked at.
    let alone = checker.check("publiccode.yml", &bytes);
    assert!(!codes(&alone).iter().any(|c| c.contains("PL004")));
}

#[test]
fn profile_repo_files_through_memory() {
    let case = testdata().join("profiles/ch/repo-files");
    let bytes = read(&case.with_extension("yml"));
    let policy = Policy::load(&["ch".to_string()], None).expect("ch loads");
    let checker = Checker::with_policy(policy);
    let disk = checker.check_in(
        "publiccode.yml",
        &bytes,
        &DirResources::new(case.with_extension("repo")),
    );
    let only_readme = MemoryResources::new().with_file("README.md", "# x");
    let memory = checker.check_in("publiccode.yml", &bytes, &only_readme);
    let count = |r: &publiccode_check::FileReport| {
        r.diagnostics.iter().filter(|d| d.code == "PRCH02").count()
    };
    assert_eq!(count(&disk), 5);
    assert_eq!(disk, memory);
    let complete = MemoryResources::new()
        .with_file("README.md", "")
        .with_file("LICENCE", "")
        .with_file("CONTRIBUTING.md", "")
        .with_file("CODE_OF_CONDUCT.md", "")
        .with_file("CHANGELOG", "")
        .with_file("THIRD-PARTY-LICENSES.txt", "");
    assert_eq!(
        count(&checker.check_in("publiccode.yml", &bytes, &complete)),
        0
    );
}

#[test]
fn local_checks_off_and_warnings_as_errors() {
    let case = testdata().join("profiles/none/text-mismatch");
    let bytes = read(&case.with_extension("yml"));
    let repo = DirResources::new(case.with_extension("repo"));
    let checker = Checker::new().with_options(
        CheckOptions::default()
            .with_local_checks(false)
            .with_warnings_as_errors(true),
    );
    let report = checker.check_files("publiccode.yml", &bytes, Files::repository(&repo));
    assert!(!codes(&report).iter().any(|c| c.contains("PL004")));
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| d.severity != Severity::Warning)
    );
    assert!(!report.is_valid() || report.diagnostics.is_empty());
}

#[test]
fn merged_report_is_sorted() {
    let bytes = read(&testdata().join("profiles/none/deprecated-id.yml"));
    let report = Checker::new().check("publiccode.yml", &bytes);
    let positions: Vec<(usize, usize)> = report
        .diagnostics
        .iter()
        .map(|d| (d.line, d.column))
        .collect();
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(positions, sorted);
    assert!(report.diagnostics.iter().any(|d| d.code == "PL001"));
    assert_eq!(report.format, InputFormat::Publiccode);
}

#[test]
fn foreign_formats_share_the_byte_front_end() {
    // Invalid UTF-8 on line 2: the same position in every format.
    let bad = b"{\n  \"name\": \"\xff\"\n}\n";
    let checker = Checker::new();
    let json = checker.check("code.json", bad);
    assert_eq!(json.format, InputFormat::CodeJson);
    let d = &json.diagnostics[0];
    assert_eq!((d.code.as_ref(), d.line, d.column), ("CJ001", 2, 12));
    let yml = checker.check("publiccode.yml", bad);
    let d = &yml.diagnostics[0];
    assert_eq!((d.code.as_ref(), d.line, d.column), ("PC001", 2, 12));
    // A byte order mark is removed by both, and positions count from after it.
    let ore =
        checker.with_options(CheckOptions::default().with_input_format(Some(InputFormat::Ore)));
    let report = ore.check("record.yml", b"\xEF\xBB\xBFschemaVersion: 1\n\xfe");
    assert_eq!(report.format, InputFormat::Ore);
    let d = &report.diagnostics[0];
    assert_eq!((d.code.as_ref(), d.line, d.column), ("OR001", 2, 1));
}

#[test]
fn library_messages_name_no_command_or_flag() {
    let root = testdata();
    let mut seen = 0;
    for dir in ["examples/invalid", "profiles/it", "profiles/none"] {
        for e in fs::read_dir(root.join(dir)).expect("testdata").flatten() {
            let p = e.path();
            if p.extension().is_none_or(|x| x != "yml") {
                continue;
            }
            let policy = Policy::load(&["it".to_string()], None).expect("it loads");
            let report = Checker::with_policy(policy).check_in(
                "publiccode.yml",
                &read(&p),
                &DirResources::new(p.parent().unwrap_or(Path::new("."))),
            );
            for d in &report.diagnostics {
                seen += 1;
                let text = format!("{} {}", d.message, d.help.as_deref().unwrap_or(""));
                assert!(
                    !text.contains("`publiccode ") && !text.contains(" --"),
                    "{}: {} names the command line: {text}",
                    p.display(),
                    d.code
                );
            }
        }
    }
    assert!(seen > 50, "only {seen} diagnostics looked at");
}

/// A file that cannot be read gets one PC009 error and counts as unreadable, not as an
/// invalid descriptor (front ends report it as an I/O error).
#[test]
fn an_unreadable_file_is_pc009() {
    let r = publiccode_check::FileReport::unreadable("no/such/publiccode.yml", "no such file");
    assert!(r.unreadable);
    let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code.as_ref()).collect();
    assert_eq!(codes, ["PC009"]);
    assert!(r.diagnostics[0].message.contains("no such file"));
}
