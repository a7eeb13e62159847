//! `legal.license`: SPDX expressions through the `spdx` crate.

use spdx::{Expression, ParseMode};

/// What the licence check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LicenseFinding {
    /// Not a valid expression: message, and the byte range of the bad term in the string.
    Invalid {
        /// What is wrong.
        message: String,
        /// Byte range in the expression.
        span: std::ops::Range<usize>,
        /// A corrected expression when a lenient reading finds one.
        suggestion: Option<String>,
    },
    /// A deprecated identifier (`GPL-3.0`), with its replacements.
    Deprecated {
        /// The identifier.
        id: String,
        /// Byte range in the expression.
        span: std::ops::Range<usize>,
        /// Suggested replacements.
        replacements: Vec<String>,
    },
    /// No term is OSI-approved or FSF-libre.
    NotOpenSource,
    /// A `LicenseRef-` term.
    LicenseRef {
        /// The term.
        id: String,
    },
}

/// The operators of an expression written in the wrong case (`or`, `And`, `with`), as
/// their byte range and the capitalised operator. SPDX 2.3 Annex D.2: operators are
/// case-sensitive.
pub fn operator_case(expr: &str) -> Vec<(std::ops::Range<usize>, &'static str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in expr
        .char_indices()
        .chain(std::iter::once((expr.len(), ' ')))
    {
        let sep = c.is_whitespace() || c == '(' || c == ')';
        match (sep, start) {
            (false, None) => start = Some(i),
            (true, Some(b)) => {
                let tok = &expr[b..i];
                let upper = ["AND", "OR", "WITH"]
                    .into_iter()
                    .find(|op| tok.eq_ignore_ascii_case(op));
                if let Some(op) = upper.filter(|op| tok != *op) {
                    out.push((b..i, op));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Checks an SPDX expression and returns every finding (empty when all is well).
pub fn check_license(expr: &str) -> Vec<LicenseFinding> {
    let mut out = Vec::new();
    let lenient = ParseMode {
        allow_deprecated: true,
        ..ParseMode::STRICT
    };
    let parsed = match Expression::parse_mode(expr, lenient) {
        Ok(e) => e,
        Err(err) => {
            let suggestion = Expression::parse_mode(expr, ParseMode::LAX)
                .ok()
                .map(|e| canonical_lax(&e));
            out.push(LicenseFinding::Invalid {
                // The spdx crate's wording, in this tool's plural style.
                message: err.reason.to_string().replace("character(s)", "characters"),
                span: err.span.clone(),
                suggestion,
            });
            return out;
        }
    };
    let mut any_open = false;
    for req in parsed.requirements() {
        match &req.req.license {
            spdx::LicenseItem::Spdx { id, .. } => {
                if id.is_osi_approved() || id.is_fsf_free_libre() {
                    any_open = true;
                }
                if id.is_deprecated() {
                    let name = id.name.to_string();
                    let base = name.trim_end_matches('+');
                    let replacements = if base.starts_with("GPL-")
                        || base.starts_with("LGPL-")
                        || base.starts_with("AGPL-")
                        || base.starts_with("GFDL-")
                    {
                        vec![format!("{base}-only"), format!("{base}-or-later")]
                    } else {
                        Vec::new()
                    };
                    out.push(LicenseFinding::Deprecated {
                        id: name,
                        span: req.span.start as usize..req.span.end as usize,
                        replacements,
                    });
                }
            }
            spdx::LicenseItem::Other(other) => {
                any_open = true;
                out.push(LicenseFinding::LicenseRef {
                    id: other.lic_ref.to_string(),
                });
            }
        }
    }
    if !any_open {
        out.push(LicenseFinding::NotOpenSource);
    }
    out
}

fn canonical_lax(e: &Expression) -> String {
    e.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licenses() {
        assert!(check_license("AGPL-3.0-or-later").is_empty());
        assert!(check_license("EUPL-1.2 OR AGPL-3.0-or-later").is_empty());
        assert!(check_license("MIT WITH Bison-exception-2.2").is_empty());
        assert!(matches!(
            check_license("GPL-3.0")[0],
            LicenseFinding::Deprecated { .. }
        ));
        assert!(matches!(
            check_license("MIT OR NOPE")[0],
            LicenseFinding::Invalid { .. }
        ));
        assert!(matches!(
            check_license("LicenseRef-Proprietary")[0],
            LicenseFinding::LicenseRef { .. }
        ));
    }

    #[test]
    fn operator_case_is_found() {
        let ops =
            operator_case("MIT or (Apache-2.0 And GPL-2.0-only with Classpath-exception-2.0) OR X");
        let got: Vec<(&str, &str)> = ops
            .iter()
            .map(|(r, up)| {
                (
                    &"MIT or (Apache-2.0 And GPL-2.0-only with Classpath-exception-2.0) OR X"
                        [r.clone()],
                    *up,
                )
            })
            .collect();
        assert_eq!(got, [("or", "OR"), ("And", "AND"), ("with", "WITH")]);
        assert!(operator_case("EUPL-1.2 OR MIT").is_empty());
        assert!(operator_case("LicenseRef-or").is_empty());
    }
}
