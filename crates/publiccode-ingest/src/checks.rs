//! Checks only a catalogue can make: whether the descriptor's `url` is the repository
//! it was found in (technical forks), and whether `organisation.uri` names the
//! publisher that owns the code hosting.
//!
//! They follow the Developers Italia crawler (`crawler/crawler.go`, `validateFile`):
//! the url comparison ignores the scheme and case; the publisher check compares
//! `organisation.uri` with the catalogue's namespace plus the publisher's id.

use publiccode::rules::{ExampleKind, Examples, RuleInfo};
use publiccode::{Diagnostic, Severity};
use serde_json::Value as Json;

use crate::publishers::Publishers;

/// Where a descriptor was found.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// A path or URL, as the report shows it.
    pub source: String,
    /// The normalised repository that holds it, when known (a git source, a raw URL on
    /// a forge, a checkout with a remote).
    pub repository: Option<String>,
}

/// The catalogue's rules, for `explain`. A catalogue's state (where a descriptor was
/// found, who owns the code hosting) cannot be written as a snippet: the examples say it,
/// and the named test shows it.
pub const RULES: &[RuleInfo] = &[
    RuleInfo::new(
        "PI001",
        "url-elsewhere",
        Severity::Warning,
        "The descriptor's url names another repository than the one it was found in.",
        "Catalogues list a piece of software once, from the repository its `url` names. A \
descriptor found in another repository is a technical fork (a copy kept to build or deploy the \
software) or a `url` that was not updated after a move. It is stored inactive. Put the repository's \
own URL in `url`, or remove the copied publiccode.yml from the fork. Source: Developers Italia crawler, \
crawler/crawler.go (validateFile).",
    )
    .examples(Examples::new(
        ExampleKind::Described {
            covered_by: "crates/publiccode-ingest/tests/scenarios/mod.rs::full_scenario",
        },
        r#"url: https://example.org/g/app3  # found in example.org/someone/app3-fork
"#,
        r#"url: https://example.org/g/app3  # found in example.org/g/app3
"#,
    )),
    RuleInfo::new(
        "PI002",
        "publisher-mismatch",
        Severity::Error,
        "organisation.uri does not name the publisher that owns this code hosting.",
        "With a publishers file, every repository under a publisher's code hosting URLs \
belongs to that publisher, and `organisation.uri` must be the catalogue's namespace plus the publisher's \
id or alternative id (`urn:x-italian-pa:c_a547`), compared without case. Source: Developers Italia \
crawler, crawler/crawler.go (validateFile).",
    )
    .examples(Examples::new(
        ExampleKind::Described {
            covered_by: "crates/publiccode-ingest/tests/sqlite.rs::publisher_check",
        },
        r#"organisation:
  uri: urn:x-italian-pa:c_h501  # the code hosting belongs to publisher c_a547
"#,
        r#"organisation:
  uri: urn:x-italian-pa:c_a547
"#,
    )),
    RuleInfo::new(
        "PI003",
        "url-missing",
        Severity::Warning,
        "The descriptor has no usable url, so the catalogue keys it by where it was found.",
        "A catalogue keys software by its repository URL. Without a `url` that parses, \
the source path or URL is used, and the same software found twice cannot be recognised as one.",
    )
    .examples(Examples::new(
        ExampleKind::Described {
            covered_by: "crates/publiccode-ingest/tests/sqlite.rs::a_descriptor_without_url_is_keyed_by_where_it_was_found",
        },
        r#"name: Medusa  # no url
"#,
        r#"name: Medusa
url: https://example.org/g/medusa
"#,
    )),
];

/// PI001 and PI003: the declared url against where the file was found. Sets `fork_of`
/// to the declared repository for a technical fork.
pub fn location(
    found: &Found,
    url: &str,
    declared: Option<&str>,
    fork_of: &mut String,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    match (declared, found.repository.as_deref()) {
        (None, _) => out.push(
            Diagnostic::new(
                "PI003",
                Severity::Warning,
                "url",
                "the descriptor has no usable url; the catalogue keys it by where it was found",
            )
            .with_help("write the repository's URL in `url`"),
        ),
        (Some(d), Some(r)) if d != r => {
            *fork_of = d.to_string();
            out.push(
                Diagnostic::new(
                    "PI001",
                    Severity::Warning,
                    "url",
                    format!(
                        "found in {r}, but url is {url}: a technical fork, or a url to correct"
                    ),
                )
                .with_help(
                    "put this repository's own URL in `url`, or remove the copied publiccode.yml",
                ),
            );
        }
        _ => {}
    }
    out
}

/// PI002: organisation.uri against the publisher owning the code hosting. Returns the
/// diagnostics and the publisher's name.
pub fn publisher(p: &Publishers, found: &Found, json: &Json) -> (Vec<Diagnostic>, Option<String>) {
    let Some(repo) = found.repository.as_deref() else {
        return (Vec::new(), None);
    };
    let Some(owner) = p.owner_of(repo) else {
        return (Vec::new(), None);
    };
    let uri = json
        .get("organisation")
        .and_then(|o| o.get("uri"))
        .and_then(Json::as_str)
        .unwrap_or("")
        .trim();
    let ids: Vec<String> = std::iter::once(owner.id.as_str())
        .chain(owner.alternative_id.as_deref())
        .filter(|s| !s.is_empty())
        .map(|id| format!("{}{id}", p.namespace))
        .collect();
    if ids.is_empty() || ids.iter().any(|e| e.eq_ignore_ascii_case(uri)) {
        return (Vec::new(), Some(owner.name.clone()));
    }
    let d = Diagnostic::new(
        "PI002",
        Severity::Error,
        "organisation.uri",
        format!(
            "{repo} belongs to {} ({}), but organisation.uri is {}",
            owner.name,
            ids.join(" or "),
            if uri.is_empty() { "missing" } else { uri }
        ),
    )
    .with_help(format!("write `uri: \"{}\"` under `organisation`", ids[0]));
    (vec![d], Some(owner.name.clone()))
}
