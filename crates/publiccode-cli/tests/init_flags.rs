//! `publiccode init --yes` over many combinations of flags (a deterministic generator):
//! every complete combination writes a file that validates with no errors or warnings, and
//! leaving out any one required flag exits with 2 and names that flag.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::process::Command;

const STATUS: &[&str] = &["concept", "development", "beta", "stable", "obsolete"];
const TYPES: &[&str] = &[
    "standalone/web",
    "standalone/desktop",
    "library",
    "addon",
    "configurationFiles",
];
const PLATFORMS: &[&str] = &["web", "linux", "windows", "mac", "android", "ios"];
/// Profiles whose requirements these flags meet; `init_profiles.rs` covers every shipped
/// profile with the flags each needs.
const PROFILES: &[&str] = &["", "it", "ca", "fr", "eu"];
const MAINTENANCE: &[&str] = &["internal", "community", "contract", "none"];
const LICENSES: &[&str] = &["EUPL-1.2", "MIT", "AGPL-3.0-or-later", "Apache-2.0 OR MIT"];
const LONG: &str = "This software helps public administrations do their work: it keeps records, \
     sends notices to citizens, and produces the reports that the law requires, \"quoted\" #not-a-comment: yes.";

fn combination(i: usize) -> Vec<String> {
    let pick = |list: &[&str], salt: usize| {
        list[(i * 7 + salt * 13 + i / (salt + 1)) % list.len()].to_string()
    };
    let mut args: Vec<String> = vec![
        "--name".into(),
        format!("Tool {i}: yes"),
        "--url".into(),
        format!("https://github.com/acme/tool-{i}"),
        "--development-status".into(),
        pick(STATUS, 1),
        "--software-type".into(),
        pick(TYPES, 2),
        "--platform".into(),
        pick(PLATFORMS, 3),
        "--license".into(),
        pick(LICENSES, 4),
    ];
    let profile = pick(PROFILES, 5);
    let mut langs: Vec<String> = match profile.as_str() {
        "it" => vec!["it".into()],
        "ca" => vec!["en".into(), "fr".into()],
        "fr" => vec!["fr".into()],
        _ => vec!["en".into()],
    };
    if i.is_multiple_of(3) && !langs.contains(&"pt-BR".to_string()) {
        langs.push("pt-BR".into());
        args.extend([
            "--language".into(),
            langs[0].clone(),
            "--language".into(),
            "pt-BR".into(),
        ]);
    }
    if !profile.is_empty() {
        args.extend(["--profile".into(), profile.clone()]);
    }
    if profile == "it" || profile == "eu" || i % 4 == 1 {
        args.extend([
            "--organisation-uri".into(),
            "urn:x-italian-pa:c_h501".into(),
        ]);
    }
    for (n, l) in langs.iter().enumerate() {
        let prefix = if n == 0 {
            String::new()
        } else {
            format!("{l}=")
        };
        args.extend([
            "--short-description".into(),
            format!("{prefix}Short description {i} in {l}: 'quoted' & more"),
            "--long-description".into(),
            format!("{prefix}{LONG}"),
            "--feature".into(),
            format!("{prefix}Feature one"),
        ]);
        if i.is_multiple_of(2) {
            args.extend(["--feature".into(), format!("{prefix}- feature two")]);
        }
    }
    let m = pick(MAINTENANCE, 6);
    args.extend(["--maintenance".into(), m.clone()]);
    match m.as_str() {
        "internal" | "community" => {
            args.extend(["--contact".into(), "Ada Lovelace <ada@example.org>".into()])
        }
        "contract" => args.extend([
            "--contractor".into(),
            "Acme Srl <info@acme.example>".into(),
            "--contract-until".into(),
            "2030-01-31".into(),
        ]),
        _ => {}
    }
    if i % 5 == 2 {
        args.extend([
            "--category".into(),
            "it-development".into(),
            "--scope".into(),
            "government".into(),
        ]);
    }
    if i % 6 == 3 {
        args.extend([
            "--software-version".into(),
            "1.0".into(),
            "--release-date".into(),
            "2024-02-29".into(),
        ]);
    }
    if i % 2 == 1 {
        args.push("--no-comments".into());
    }
    if i % 7 == 4 {
        args.push("--localisation-ready".into());
    }
    args
}

fn run(dir: &std::path::Path, args: &[String]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_publiccode"))
        .args(["init", "--yes", "--stdout", "--no-infer", "--dir"])
        .arg(dir)
        .args(args)
        .output()
        .expect("run publiccode")
}

#[test]
fn every_combination_of_flags_validates() {
    let dir = std::env::temp_dir().join(format!("publiccode-init-flags-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for i in 0..60 {
        let args = combination(i);
        let out = run(&dir, &args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "combination {i} {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report = publiccode::validate_str(&stdout, &publiccode::Options::default());
        let bad: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity >= publiccode::Severity::Warning)
            .map(|d| format!("{} {} {}", d.code, d.key, d.message))
            .collect();
        assert!(
            bad.is_empty(),
            "combination {i} {args:?}: {bad:?}\n{stdout}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn each_missing_required_flag_is_named() {
    let dir = std::env::temp_dir().join(format!("publiccode-init-missing-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let full = combination(1);
    for flag in [
        "--name",
        "--url",
        "--development-status",
        "--software-type",
        "--platform",
        "--license",
        "--maintenance",
        "--long-description",
        "--short-description",
        "--feature",
    ] {
        let mut args = Vec::new();
        let mut skip = false;
        for a in &full {
            if skip {
                skip = false;
                continue;
            }
            if a == flag {
                skip = true;
                continue;
            }
            args.push(a.clone());
        }
        let out = run(&dir, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "without {flag}: {stderr}");
        assert!(
            stderr.contains(flag),
            "without {flag}, stderr does not name it:\n{stderr}"
        );
        assert!(out.stdout.is_empty());
    }
    let _ = std::fs::remove_dir_all(&dir);
}
