//! GitLab Code Quality reports (`--format gitlab`): the JSON array GitLab reads from a
//! `codequality` artifact to annotate merge requests.
//!
//! Each diagnostic becomes one issue with the fields GitLab documents as required:
//! `description`, `check_name`, `fingerprint`, `severity` (`info`, `minor`, `major`,
//! `critical`, `blocker`) and `location.path` / `location.lines.begin`. The fingerprint
//! hashes the path, code, key and message (not the line), so an issue keeps its identity
//! when lines move and GitLab can tell new issues from fixed ones between branches.

use publiccode::Severity;
use serde::Serialize;

use super::FileResult;

/// One Code Quality issue.
#[derive(Serialize)]
pub struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    categories: [&'static str; 1],
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// GitLab's severity for ours: errors break the build (`major`), warnings are `minor`,
/// notes are `info`.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Note => "info",
        // Levels added later render as the mildest one.
        _ => "info",
    }
}

/// The path as GitLab wants it: relative to the project root (the working directory in
/// a pipeline), with forward slashes.
pub fn repo_path(path: &str) -> String {
    let mut p = path.replace('\\', "/");
    if std::path::Path::new(&p).is_absolute()
        && let Ok(cwd) = std::env::current_dir()
        && let Ok(rel) = std::path::Path::new(&p).strip_prefix(&cwd)
    {
        p = rel.to_string_lossy().replace('\\', "/");
    }
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.to_string();
    }
    p
}

/// A 128-bit FNV-1a hash in hex: stable across runs, platforms and versions of Rust
/// (unlike `std`'s hasher), which is what a fingerprint needs.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x6c62_272e_07bb_0142;
    for part in parts {
        for &byte in part.as_bytes().iter().chain(std::iter::once(&0xff)) {
            a = (a ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
            b = (b ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3 ^ 0x9e37);
        }
    }
    format!("{a:016x}{b:016x}")
}

/// What a streamed report remembers between files: how often each path came before
/// (a hash and a count per path, never the diagnostics), so that a file listed twice
/// gets the fingerprints the whole-report renderer gives it.
#[derive(Debug, Default)]
pub struct Fingerprints {
    paths: std::collections::HashMap<u64, usize>,
}

/// The issues of one file, in order. The `n`-th issue of a run with the same path,
/// code, key and message gets the fingerprint of that identity and `n` (the first one
/// the identity's own): the same file listed again counts on from its previous
/// listings, which hold the same diagnostics.
pub fn file_issues<'a>(r: &'a FileResult, seen: &mut Fingerprints) -> Vec<Issue<'a>> {
    use std::hash::{Hash, Hasher};
    let path = repo_path(&r.path);
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    path.hash(&mut hasher);
    let listed = seen.paths.entry(hasher.finish()).or_insert(0);
    let before = *listed;
    *listed += 1;
    let bases: Vec<String> = r
        .diagnostics
        .iter()
        .map(|d| fingerprint(&[&path, &d.code, d.key.as_str(), &d.message]))
        .collect();
    let mut in_file = std::collections::HashMap::<&str, usize>::new();
    for base in &bases {
        *in_file.entry(base.as_str()).or_insert(0) += 1;
    }
    let mut here = std::collections::HashMap::<&str, usize>::new();
    let mut issues = Vec::with_capacity(r.diagnostics.len());
    for (d, base) in r.diagnostics.iter().zip(&bases) {
        let in_file = in_file.get(base.as_str()).copied().unwrap_or(1);
        let j = here.entry(base.as_str()).or_insert(0);
        *j += 1;
        let n = before * in_file + *j;
        let description = if d.key.is_empty() {
            format!("{} [{}]", d.message, d.code)
        } else {
            format!("{}: {} [{}]", d.key, d.message, d.code)
        };
        issues.push(Issue {
            kind: "issue",
            description,
            check_name: &d.code,
            fingerprint: if n == 1 {
                base.clone()
            } else {
                fingerprint(&[base, &n.to_string()])
            },
            severity: severity(d.severity),
            categories: ["Style"],
            location: Location {
                path: path.clone(),
                lines: Lines {
                    begin: d.line.max(1),
                },
            },
        });
    }
    issues
}

/// Renders all results as a Code Quality report in one piece: the reference the
/// streamed report is compared with.
#[cfg(test)]
pub fn render(results: &[FileResult]) -> String {
    let mut issues = Vec::new();
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for r in results {
        let path = repo_path(&r.path);
        for d in &r.diagnostics {
            let description = if d.key.is_empty() {
                format!("{} [{}]", d.message, d.code)
            } else {
                format!("{}: {} [{}]", d.key, d.message, d.code)
            };
            // The same problem twice in one file still gets two distinct fingerprints.
            let base = fingerprint(&[&path, &d.code, d.key.as_str(), &d.message]);
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            let fingerprint = if *n == 1 {
                base
            } else {
                fingerprint(&[&base, &n.to_string()])
            };
            issues.push(Issue {
                kind: "issue",
                description,
                check_name: &d.code,
                fingerprint,
                severity: severity(d.severity),
                categories: ["Style"],
                location: Location {
                    path: path.clone(),
                    lines: Lines {
                        begin: d.line.max(1),
                    },
                },
            });
        }
    }
    let mut s = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}
