//! `init --profile X` for every shipped profile: the file `init --yes --profile X`
//! writes (with the flags a user would give, and a repository holding the documents
//! the profile expects) passes `validate --profile X` with no error and no warning.
//! The flags are derived from the profile's own rules, so a profile added later is
//! covered without editing this test.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::path::Path;
use std::process::Command;

use publiccode::Severity;
use publiccode_check::{Check, builtin};

const LONG: &str = "This software helps public administrations keep their records, send notices to \
citizens and produce the reports that the law requires, with an audit trail for every change.";

/// Licences to try, each with the opening of its text (the checker's licence-text rule
/// recognises these titles; MIT has no title and goes through text detection).
const LICENCES: &[(&str, &str)] = &[
    (
        "EUPL-1.2",
        "EUROPEAN UNION PUBLIC LICENCE v. 1.2\nEUPL © the European Union 2007, 2016\n",
    ),
    (
        "Apache-2.0",
        "Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/\n",
    ),
    (
        "AGPL-3.0-or-later",
        "GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007\n",
    ),
    ("MPL-2.0", "Mozilla Public License Version 2.0\n"),
    ("MIT", "MIT License\n\nCopyright (c) 2026 Example\n"),
];

/// Every document any repo-files rule names, so that no profile misses one.
fn write_repository(dir: &Path, licence_text: &str) {
    std::fs::create_dir_all(dir).expect("temp dir");
    for f in [
        "README.md",
        "CONTRIBUTING.md",
        "CODE_OF_CONDUCT.md",
        "CHANGELOG.md",
        "SECURITY.md",
        "THIRD-PARTY-LICENSES.md",
        "ROADMAP.md",
        "AUTHORS.md",
        "GOVERNANCE.md",
    ] {
        std::fs::write(dir.join(f), format!("# {f}\n")).expect("write document");
    }
    std::fs::write(dir.join("LICENSE"), licence_text).expect("write licence");
    std::fs::write(
        dir.join("logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>\n",
    )
    .expect("write logo");
}

/// The flags a user would give for profile `p`: the profile's URL host, an organisation
/// URI of the profile's form, enough description languages, and a fitting licence.
fn flags_for(p: &publiccode_check::Profile, licence: &str) -> Vec<String> {
    let mut url = "https://github.com/example-org/records".to_string();
    let mut org: Option<String> = None;
    let mut langs: Vec<String> = Vec::new();
    let mut min = 1;
    let mut extra: Vec<String> = Vec::new();
    for r in &p.rules {
        match &r.check {
            Check::UrlHost { key, hosts, .. } if key == "url" => {
                if let Some(h) = hosts.iter().find(|h| !h.contains('*')) {
                    url = format!("https://{h}/example-org/records");
                }
            }
            Check::OrganisationUri { patterns, ipa, .. } => {
                org = Some(match patterns.first() {
                    Some(pat) if *ipa || pat.starts_with("urn:x-italian-pa:") => {
                        "urn:x-italian-pa:c_h501".into()
                    }
                    Some(pat) => pat.replace('*', "example"),
                    None => "https://www.example.org/".into(),
                });
            }
            Check::RequiredKeys(keys) if r.severity >= Severity::Warning => {
                for k in keys {
                    let flag: &[&str] = match k.as_str() {
                        "legal.mainCopyrightOwner" => &["--copyright-owner", "City of Example"],
                        "organisation.name" => &["--organisation-name", "City of Example"],
                        "categories" => &["--category", "it-development"],
                        "intendedAudience.scope" => &["--scope", "government"],
                        "intendedAudience.countries" => &["--country", "IT"],
                        "softwareVersion" => &["--software-version", "1.0.0"],
                        "releaseDate" => &["--release-date", "2026-01-15"],
                        _ => &[],
                    };
                    extra.extend(flag.iter().map(|s| s.to_string()));
                    if k == "organisation.name" && org.is_none() {
                        org = Some("https://www.example.org/".into());
                    }
                }
            }
            Check::Languages { required, min: m } => {
                for l in required {
                    if !langs.contains(l) {
                        langs.push(l.clone());
                    }
                }
                min = min.max(*m);
            }
            _ => {}
        }
    }
    for extra in ["en", "de", "fr", "it"] {
        if langs.len() >= min {
            break;
        }
        if !langs.iter().any(|l| l == extra) {
            langs.push(extra.into());
        }
    }
    if langs.is_empty() {
        langs.push("en".into());
    }
    let mut args: Vec<String> = [
        "--name",
        "Records",
        "--url",
        &url,
        "--landing-url",
        "https://www.example.org/records",
        "--logo",
        "logo.svg",
        "--platform",
        "web",
        "--development-status",
        "stable",
        "--software-type",
        "standalone/web",
        "--license",
        licence,
        "--maintenance",
        "internal",
        "--contact",
        "Ada Lovelace <ada@example.org>",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(extra);
    if let Some(o) = org {
        args.extend(["--organisation-uri".into(), o]);
    }
    for l in &langs {
        args.extend(["--language".into(), l.clone()]);
    }
    for l in &langs {
        args.extend([
            "--short-description".into(),
            format!("{l}=Records for public administrations"),
            "--long-description".into(),
            format!("{l}={LONG}"),
            "--feature".into(),
            format!("{l}=Audit trail"),
        ]);
    }
    args
}

/// `init --yes --profile` then `validate --profile` in a fresh repository.
fn attempt(
    dir: &Path,
    p: &publiccode_check::Profile,
    licence: &str,
    text: &str,
) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    write_repository(dir, text);
    let out = Command::new(env!("CARGO_BIN_EXE_publiccode"))
        .args([
            "init",
            "--yes",
            "--no-infer",
            "--quiet",
            "--profile",
            &p.id,
            "--dir",
        ])
        .arg(dir)
        .args(flags_for(p, licence))
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.code() != Some(0) {
        return Err(format!(
            "init exit {:?}\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let out = Command::new(env!("CARGO_BIN_EXE_publiccode"))
        .args(["validate", "--format", "short", "--profile", &p.id])
        .arg(dir.join("publiccode.yml"))
        .output()
        .map_err(|e| e.to_string())?;
    let report = String::from_utf8_lossy(&out.stdout);
    let bad: Vec<&str> = report
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .collect();
    if out.status.code() != Some(0) || !bad.is_empty() {
        return Err(format!(
            "validate exit {:?}\n{}\n{}",
            out.status.code(),
            bad.join("\n"),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

#[test]
fn every_shipped_profile_scaffolds_a_file_that_passes_it() {
    let root =
        std::env::temp_dir().join(format!("publiccode-init-profiles-{}", std::process::id()));
    let mut failures = Vec::new();
    assert!(!builtin::all().is_empty());
    for p in builtin::all() {
        // The profile's licence rules decide which licence fits: the first candidate
        // with which both commands succeed cleanly wins.
        let mut attempts = Vec::new();
        for (licence, text) in LICENCES {
            match attempt(&root.join(&p.id), p, licence, text) {
                Ok(()) => {
                    attempts.clear();
                    break;
                }
                Err(e) => attempts.push(format!("with {licence}: {e}")),
            }
        }
        if !attempts.is_empty() {
            failures.push(format!("profile {}:\n{}", p.id, attempts.join("\n")));
        }
    }
    let _ = std::fs::remove_dir_all(&root);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
