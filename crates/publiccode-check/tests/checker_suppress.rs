//! Inline suppressions and `ignore` applied by the library [`Checker`]: what is silenced,
//! what is reported about the suppressions themselves, and that they work with profile
//! codes too.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use publiccode_check::{CheckOptions, Checker, Policy};

const BASE: &str = "publiccodeYmlVersion: \"0.4\"
name: Medusa
url: \"https://github.com/italia/medusa.git\"
softwareVersion: \"dev\"
releaseDate: \"2017-04-15\"
platforms:
  - web
categories:
  - cloud-management
developmentStatus: development
softwareType: \"standalone/desktop\"
description:
  en:
    shortDescription: A rather short description which is probably useless
    longDescription: >
      Very long description of this software, also split on multiple rows. You should
      note what the software is and why one should need it. This is 158 characters.
    features:
      - Just one feature
legal:
  license: AGPL-3.0-or-later
maintenance:
  type: \"community\"
  contacts:
    - name: Francesco Rossi
localisation:
  localisationReady: true
  availableLanguages:
    - en
";

fn codes(r: &publiccode_check::FileReport) -> Vec<(String, usize)> {
    r.diagnostics
        .iter()
        .map(|d| (d.code.to_string(), d.line))
        .collect()
}

#[test]
fn a_clean_base_has_only_the_version_warning() {
    let r = Checker::new().check("publiccode.yml", BASE.as_bytes());
    assert_eq!(codes(&r), [("PC105".to_string(), 1)]);
    assert_eq!(r.suppressed, 0);
}

#[test]
fn file_line_and_unused_suppressions() {
    let text = format!(
        "# publiccode: ignore-file PC105 -- regional catalogue reads 0.4\n{BASE}\
         inputTypes: [text/plain]  # publiccode: ignore PC501\n\
         # publiccode: ignore PC501, PC319 -- kept for the portal\n\
         outputTypes: [text/plain]\n"
    );
    let r = Checker::new().check("publiccode.yml", text.as_bytes());
    // PC105 (file), PC501 on both lines silenced; PC319 never fired on that line.
    assert_eq!(r.suppressed, 3);
    let got = codes(&r);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "PC020");
    assert!(r.diagnostics[0].message.contains("no PC319 diagnostic"));
    assert!(r.is_valid());
}

#[test]
fn ignore_list_and_warnings_as_errors() {
    let text = format!("{BASE}inputTypes: [text/plain]\n");
    let opts = CheckOptions::default()
        .with_ignore(vec!["PC105".into()])
        .with_warnings_as_errors(true);
    let r = Checker::new()
        .with_options(opts)
        .check("publiccode.yml", text.as_bytes());
    assert_eq!(
        codes(&r).iter().map(|c| c.0.as_str()).collect::<Vec<_>>(),
        ["PC501"]
    );
    assert!(!r.is_valid(), "the remaining warning is an error");
    // Suppression comments can be turned off.
    let text = format!("{BASE}inputTypes: [text/plain]  # publiccode: ignore PC501\n");
    let opts = CheckOptions::default().with_inline_suppressions(false);
    let r = Checker::new()
        .with_options(opts)
        .check("publiccode.yml", text.as_bytes());
    assert!(codes(&r).iter().any(|c| c.0 == "PC501"));
    assert_eq!(r.suppressed, 0);
}

#[test]
fn profile_codes_and_unknown_codes() {
    let policy = Policy::load(&["it".to_string()], None).expect("it profile");
    let checker = Checker::with_policy(policy);
    let plain = checker.check("publiccode.yml", BASE.as_bytes());
    let prit: Vec<(String, usize)> = codes(&plain)
        .into_iter()
        .filter(|c| c.0.starts_with("PRIT"))
        .collect();
    assert!(
        !prit.is_empty(),
        "the it profile reports something on the base"
    );
    let (code, _) = &prit[0];
    let text = format!("# publiccode: ignore-file {code} PX999\n{BASE}");
    let r = checker.check("publiccode.yml", text.as_bytes());
    assert!(!codes(&r).iter().any(|c| &c.0 == code), "{code} silenced");
    let unknown = r
        .diagnostics
        .iter()
        .find(|d| d.code == "PC020")
        .expect("PX999 reported");
    assert!(unknown.message.contains("`PX999` is not a known rule code"));
}
