//! One descriptor as the catalogue keeps it: checked, normalised to JSON, and keyed
//! by its repository.

use publiccode::{Diagnostic, Severity};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use crate::checks::{self, Found};
use crate::urlnorm;

/// A checked descriptor, ready to store.
#[derive(Debug, Clone)]
pub struct Record {
    /// The queue item it came from.
    pub item: String,
    /// The catalogue key: the normalised repository URL (where the file was found
    /// when known, else the declared `url`, else the source itself).
    pub id: String,
    /// `url` as declared.
    pub url: String,
    /// `name`.
    pub name: String,
    /// Every `shortDescription`, joined, for search.
    pub description: String,
    /// `organisation.uri`, else `organisation.name`, else the publisher from the
    /// publishers file.
    pub publisher: String,
    /// `publiccodeYmlVersion`.
    pub version: String,
    /// Where it was found (path or URL).
    pub source: String,
    /// The text as found (lossy UTF-8 when it is not UTF-8).
    pub raw: String,
    /// Normalised JSON (`null` when it does not parse).
    pub json: String,
    /// No error.
    pub valid: bool,
    /// Number of errors.
    pub errors: i64,
    /// Number of warnings.
    pub warnings: i64,
    /// Diagnostics as a JSON array.
    pub diagnostics: String,
    /// The normalised `url` it declares, when that is another repository.
    pub fork_of: String,
    /// SHA-256 of the raw bytes.
    pub hash: String,
}

impl Record {
    /// Listed in the catalogue: valid, and not a technical fork.
    pub fn active(&self) -> bool {
        self.valid && self.fork_of.is_empty()
    }

    /// The diagnostics, parsed back.
    pub fn diagnostic_values(&self) -> Vec<Json> {
        serde_json::from_str(&self.diagnostics).unwrap_or_default()
    }
}

/// Builds a record from a descriptor's bytes, its parsed tree and diagnostics and where
/// it was found; adds the catalogue's own checks.
pub fn build(
    item: &str,
    found: &Found,
    bytes: &[u8],
    version: Option<&str>,
    tree: Option<&publiccode::yaml::Node>,
    mut diagnostics: Vec<Diagnostic>,
    publishers: Option<&crate::publishers::Publishers>,
) -> Record {
    let json = tree.map(publiccode_convert::to_json).unwrap_or(Json::Null);
    let text = |v: Option<&Json>| v.and_then(Json::as_str).unwrap_or("").trim().to_string();
    let url = text(json.get("url"));
    let name = text(json.get("name"));
    let mut description = Vec::new();
    if let Some(Json::Object(langs)) = json.get("description") {
        for d in langs.values() {
            let s = text(d.get("shortDescription"));
            if !s.is_empty() {
                description.push(s);
            }
        }
    }
    let org = json.get("organisation");
    let mut publisher = text(org.and_then(|o| o.get("uri")));
    if publisher.is_empty() {
        publisher = text(org.and_then(|o| o.get("name")));
    }
    let declared = urlnorm::normalise(&url);
    let mut fork_of = String::new();
    diagnostics.extend(checks::location(
        found,
        &url,
        declared.as_deref(),
        &mut fork_of,
    ));
    if let Some(p) = publishers {
        let (d, name) = checks::publisher(p, found, &json);
        diagnostics.extend(d);
        if publisher.is_empty() {
            publisher = name.unwrap_or_default();
        }
    }
    let id = found
        .repository
        .clone()
        .or(declared)
        .unwrap_or_else(|| found.source.clone());
    diagnostics.sort_by_key(|d| (d.line, d.column));
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count() as i64;
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count() as i64;
    Record {
        item: item.to_string(),
        id,
        url,
        name,
        description: description.join(" "),
        publisher,
        version: version.unwrap_or_default().to_string(),
        source: found.source.clone(),
        raw: String::from_utf8_lossy(bytes).into_owned(),
        json: json.to_string(),
        valid: errors == 0,
        errors,
        warnings,
        diagnostics: serde_json::to_string(&diagnostics).unwrap_or_else(|_| "[]".into()),
        fork_of,
        hash: hex(&Sha256::digest(bytes)),
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}
