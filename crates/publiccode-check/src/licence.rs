//! Licence policy that applies to everyone, with or without a profile: deprecated SPDX
//! ids, licences that are neither OSI-approved nor FSF-libre, `LicenseRef-` notes, and
//! the licence texts found in a repository checkout compared with `legal.license`.
//!
//! The core validator already reports expressions that do not parse (PC310); the other
//! findings of `publiccode::checks::license` are reported here.

use publiccode::checks::license::{LicenseFinding, check_license};
use publiccode::yaml::Node;
use publiccode::{Diagnostic, Fix, LineIndex, Resources, Severity, Span};

/// Deprecated SPDX identifier.
pub const DEPRECATED: &str = "PL001";
/// Neither OSI-approved nor FSF-libre.
pub const NOT_OPEN: &str = "PL002";
/// `LicenseRef-` term.
pub const LICENSE_REF: &str = "PL003";
/// Repository licence text does not match `legal.license`.
pub const TEXT_MISMATCH: &str = "PL004";

/// Where the licence rules come from.
pub const SPDX_URL: &str = "https://spdx.org/licenses/";

/// Runs the licence checks for everyone on a parsed descriptor. `repo` is the
/// repository holding it, when there is one to look at (for the licence texts).
pub fn check(root: &Node, index: &LineIndex, repo: Option<&dyn Resources>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(node) = root.get("legal").and_then(|l| l.get("license")) else {
        return out;
    };
    let Some(expr) = node.as_str() else {
        return out;
    };
    let text = index.text();
    // Where the expression text starts inside the source: quotes shift it.
    let base = text
        .get(node.span.range())
        .and_then(|raw| raw.find(expr.trim()).map(|i| node.span.start + i))
        .unwrap_or(node.span.start);
    let offset_in_value = expr.len() - expr.trim_start().len();
    let findings = check_license(expr);
    if findings
        .iter()
        .any(|f| matches!(f, LicenseFinding::Invalid { .. }))
    {
        return out;
    }
    for f in findings {
        match f {
            LicenseFinding::Deprecated {
                id,
                span,
                replacements,
            } => {
                let start = base + span.start.saturating_sub(offset_in_value);
                let sp = Span::new(start, start + (span.end - span.start));
                out.push(deprecated_id(&id, sp, &replacements, index));
            }
            LicenseFinding::NotOpenSource => out.push(
                Diagnostic::new(
                    NOT_OPEN,
                    Severity::Warning,
                    "legal.license",
                    format!("`{expr}` is neither OSI-approved nor FSF-libre"),
                )
                .with_help("choose an open source licence, as public code is expected to have one; see https://opensource.org/licenses")
                .with_url("https://opensource.org/licenses")
                .at(node.span, index),
            ),
            LicenseFinding::LicenseRef { id } => out.push(
                Diagnostic::new(
                    LICENSE_REF,
                    Severity::Note,
                    "legal.license",
                    format!("`{id}` is a custom licence reference; its terms cannot be checked"),
                )
                .with_url("https://spdx.github.io/spdx-spec/v2.3/other-licensing-information-detected/")
                .at(node.span, index),
            ),
            LicenseFinding::Invalid { .. } => {}
        }
    }
    if let Some(repo) = repo {
        out.extend(check_texts(expr, node.span, index, repo));
    }
    out
}

/// A deprecated SPDX identifier at `sp`, with its replacements as help and a fix.
fn deprecated_id(id: &str, sp: Span, replacements: &[String], index: &LineIndex) -> Diagnostic {
    let mut d = Diagnostic::new(
        DEPRECATED,
        Severity::Warning,
        "legal.license",
        format!("`{id}` is a deprecated SPDX identifier"),
    )
    .with_url(SPDX_URL)
    .at(sp, index);
    if replacements.is_empty() {
        d = d.with_help("use the current SPDX identifier, see https://spdx.org/licenses/");
    } else {
        d = d.with_help(format!(
            "write {} to say which one you mean",
            replacements
                .iter()
                .map(|r| format!("`{r}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ));
        if let Some(first) = replacements.first() {
            d = d.with_fix(Fix::suggested(
                format!("write `{first}`"),
                sp,
                first.clone(),
            ));
        }
    }
    d
}

/// The licence files of a checkout, as paths relative to its root: LICENSE*,
/// LICENCE*, COPYING* in the root and every file in LICENSES/, each group sorted.
pub fn licence_files(repo: &dyn Resources) -> Vec<String> {
    let mut out: Vec<String> = repo
        .list("")
        .unwrap_or_default()
        .into_iter()
        .filter(|e| {
            let name = e.name.to_uppercase();
            e.is_file()
                && (name.starts_with("LICENSE")
                    || name.starts_with("LICENCE")
                    || name.starts_with("COPYING"))
        })
        .map(|e| e.name)
        .collect();
    out.extend(
        repo.list("LICENSES")
            .unwrap_or_default()
            .into_iter()
            .filter(|e| e.is_file())
            .map(|e| format!("LICENSES/{}", e.name)),
    );
    out
}

use publiccode_licence::family;

/// Largest licence text read.
const MAX_LICENCE_BYTES: usize = 1 << 20;

fn check_texts(expr: &str, span: Span, index: &LineIndex, repo: &dyn Resources) -> Vec<Diagnostic> {
    let files = licence_files(repo);
    if files.is_empty() {
        return Vec::new();
    }
    let declared: Vec<String> = match spdx::Expression::parse_mode(expr, spdx::ParseMode::LAX) {
        Ok(e) => e
            .requirements()
            .map(|r| match &r.req.license {
                spdx::LicenseItem::Spdx { id, .. } => family(id.name),
                spdx::LicenseItem::Other(o) => o.lic_ref.to_ascii_lowercase(),
            })
            .collect(),
        Err(_) => return Vec::new(),
    };
    let mut out = Vec::new();
    // A licence text larger than the limit is skipped without being read (a sparse
    // 2 GB LICENSE costs nothing).
    for rel in files {
        let Ok(bytes) = repo.read_whole(&rel, MAX_LICENCE_BYTES) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        // The common licences are recognised from a compile-time table; only other
        // texts load the full detection data (about 100 ms).
        let Some(publiccode_licence::Detection {
            id: found, score, ..
        }) = publiccode_licence::detect(&text)
        else {
            continue;
        };
        if !declared.contains(&family(&found)) {
            out.push(
                Diagnostic::new(
                    TEXT_MISMATCH,
                    Severity::Warning,
                    "legal.license",
                    format!(
                        "{rel} holds the text of {found} ({:.0}% match), which legal.license (`{expr}`) does not mention",
                        score * 100.0
                    ),
                )
                .with_help("make legal.license name every licence the repository is released under, or fix the licence file")
                .with_url(SPDX_URL)
                .at(span, index),
            );
        }
    }
    out
}
