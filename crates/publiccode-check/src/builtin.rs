//! The profiles shipped in the binary: the YAML files of `schemas/profiles/`, compiled
//! in with `include_str!` and parsed once.

use std::sync::OnceLock;

use publiccode::rules::{ExampleKind, Examples, RuleInfo};

use crate::profile::{self, Profile};

/// The shipped profile files: (file name, text).
pub const FILES: &[(&str, &str)] = &[
    ("it.yml", include_str!("../profiles/it.yml")),
    (
        "de-opencode.yml",
        include_str!("../profiles/de-opencode.yml"),
    ),
    ("ch.yml", include_str!("../profiles/ch.yml")),
    ("fr.yml", include_str!("../profiles/fr.yml")),
    ("eu.yml", include_str!("../profiles/eu.yml")),
    ("eu-joinup.yml", include_str!("../profiles/eu-joinup.yml")),
    ("ee.yml", include_str!("../profiles/ee.yml")),
    ("es.yml", include_str!("../profiles/es.yml")),
    ("uk.yml", include_str!("../profiles/uk.yml")),
    ("ca.yml", include_str!("../profiles/ca.yml")),
    ("oss-basic.yml", include_str!("../profiles/oss-basic.yml")),
];

/// Every shipped profile, parsed. A shipped file that does not parse is left out (a test
/// makes sure none does).
pub fn all() -> &'static [Profile] {
    static ALL: OnceLock<Vec<Profile>> = OnceLock::new();
    ALL.get_or_init(|| {
        FILES
            .iter()
            .filter_map(|(name, text)| profile::parse(text, name).ok())
            .collect()
    })
}

/// The shipped profile with this id.
pub fn get(id: &str) -> Option<&'static Profile> {
    all().iter().find(|p| p.id == id)
}

/// The rules of the shipped profiles, in the registry's shape (for `explain`). A rule's
/// `example` (publiccode.yml text checked under its profile) becomes its examples.
pub fn rule_infos() -> &'static [RuleInfo] {
    static INFOS: OnceLock<Vec<RuleInfo>> = OnceLock::new();
    INFOS.get_or_init(|| {
        let mut out = Vec::new();
        // Built once per process from the shipped files, so the leak is bounded.
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        for p in all() {
            let id = leak(p.id.clone());
            for r in &p.rules {
                let marker = if r.inferred {
                    " Inferred: our reading, not a written requirement."
                } else {
                    ""
                };
                let info = RuleInfo::new(
                    leak(r.code.clone()),
                    leak(if r.name.is_empty() {
                        r.code.to_lowercase()
                    } else {
                        r.name.clone()
                    }),
                    r.severity,
                    leak(format!("[{}] {}", p.id, r.message)),
                    leak(format!(
                        "Profile `{}` ({}), rule kind `{}`.{}{} {}Source: {}",
                        p.id,
                        p.name,
                        r.check.kind(),
                        marker,
                        r.rationale
                            .as_deref()
                            .map(|w| format!(" Why: {}.", w.trim_end_matches('.')))
                            .unwrap_or_default(),
                        r.help
                            .as_deref()
                            .map(|h| format!("Help: {}. ", h.trim_end_matches('.')))
                            .unwrap_or_default(),
                        r.source
                    )),
                );
                out.push(match &r.example {
                    Some(e) => info.examples(Examples::new(
                        match &e.covered_by {
                            Some(c) => ExampleKind::Described {
                                covered_by: leak(c.clone()),
                            },
                            None => ExampleKind::Profile(id),
                        },
                        leak(e.fails.clone()),
                        leak(e.passes.clone()),
                    )),
                    None => info,
                });
            }
        }
        out
    })
}
