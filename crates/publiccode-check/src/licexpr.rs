//! SPDX licence expressions as a small tree, and the one notion of a descriptor's
//! *code term* that every profile uses.
//!
//! Guidelines in Italy (CC-BY-4.0 for documentation), the United Kingdom (OGL-UK-3.0)
//! and France (etalab-2.0, ODbL-1.0 for data) prescribe a second licence for documents
//! and data, so `EUPL-1.2 AND CC-BY-4.0` is a normal `legal.license`. A rule about the
//! *code* licence judges the code term: what is left of a top-level `AND` once the
//! documentation and data licences are taken out. An expression made only of such
//! licences (`OGL-UK-3.0`, `CC-BY-4.0`) is its own code term, so it is judged as a code
//! licence, and usually fails.

/// A licence expression: terms joined by `AND` and `OR` (a `WITH` exception stays
/// inside its term).
#[derive(Debug, Clone, PartialEq)]
pub enum Tree {
    /// One licence requirement.
    Term(spdx::LicenseReq),
    /// Every part applies.
    And(Vec<Tree>),
    /// Any one part may be chosen.
    Or(Vec<Tree>),
}

/// Builds the tree of a parsed expression.
pub fn tree(expr: &spdx::Expression) -> Option<Tree> {
    let mut stack: Vec<Tree> = Vec::new();
    for node in expr.iter() {
        match node {
            spdx::expression::ExprNode::Req(r) => stack.push(Tree::Term(r.req.clone())),
            spdx::expression::ExprNode::Op(op) => {
                let b = stack.pop()?;
                let a = stack.pop()?;
                let and = matches!(op, spdx::expression::Operator::And);
                stack.push(join(a, b, and));
            }
        }
    }
    if stack.len() == 1 { stack.pop() } else { None }
}

/// `a op b`, flattening nested runs of the same operator.
fn join(a: Tree, b: Tree, and: bool) -> Tree {
    let mut parts = Vec::new();
    for t in [a, b] {
        match (t, and) {
            (Tree::And(v), true) | (Tree::Or(v), false) => parts.extend(v),
            (t, _) => parts.push(t),
        }
    }
    if and {
        Tree::And(parts)
    } else {
        Tree::Or(parts)
    }
}

/// SPDX ids of licences written for documentation, data or other works that are not
/// software: Creative Commons (except CC0, also used for code), open-government and
/// open-data licences, free documentation licences.
pub fn is_non_code_licence(id: &str) -> bool {
    let id = id.to_ascii_lowercase();
    const PREFIXES: &[&str] = &[
        "cc-by-", "ogl-", "odbl-", "odc-by-", "pddl-", "gfdl-", "dl-de-", "cdla-", "ogdl-",
        "nlod-", "etalab-", "ofl-", "cc-pddc",
    ];
    PREFIXES.iter().any(|p| id.starts_with(p))
}

/// Whether every term of `t` is a documentation or data licence.
fn non_code_only(t: &Tree) -> bool {
    match t {
        Tree::Term(r) => match &r.license {
            spdx::LicenseItem::Spdx { id, .. } => is_non_code_licence(id.name),
            spdx::LicenseItem::Other(_) => false,
        },
        Tree::And(v) | Tree::Or(v) => v.iter().all(non_code_only),
    }
}

/// The code term: a top-level `AND` without its documentation and data parts; the
/// whole expression when that would leave nothing.
pub fn code_term(t: &Tree) -> Tree {
    if let Tree::And(parts) = t {
        let code: Vec<Tree> = parts
            .iter()
            .filter(|p| !non_code_only(p))
            .cloned()
            .collect();
        match code.len() {
            0 => {}
            1 => return code.into_iter().next().unwrap_or_else(|| t.clone()),
            _ => return Tree::And(code),
        }
    }
    t.clone()
}

/// Whether the expression can be satisfied with the terms `pred` accepts: every part
/// of an `AND`, at least one part of an `OR`.
pub fn satisfiable(t: &Tree, pred: &dyn Fn(&spdx::LicenseReq) -> bool) -> bool {
    match t {
        Tree::Term(r) => pred(r),
        Tree::And(v) => v.iter().all(|p| satisfiable(p, pred)),
        Tree::Or(v) => v.iter().any(|p| satisfiable(p, pred)),
    }
}

/// Whether the expression can be satisfied without any term `pred` rejects... that is,
/// a licence on a blocked list only matters when it cannot be avoided.
pub fn avoidable(t: &Tree, bad: &dyn Fn(&spdx::LicenseReq) -> bool) -> bool {
    satisfiable(t, &|r| !bad(r))
}

/// Whether a requirement is named by a list of SPDX ids (case-insensitive). A
/// deprecated bare id (`GPL-3.0`) and a `+` are read as the `-or-later` form; `-only`
/// and the bare id match themselves.
pub fn listed(req: &spdx::LicenseReq, ids: &dyn Fn(&str) -> bool) -> bool {
    match &req.license {
        spdx::LicenseItem::Spdx { id, or_later } => {
            let later = format!("{}-or-later", id.name);
            (!or_later && ids(id.name))
                || (id.is_deprecated() && ids(&later))
                || (*or_later && (ids(&later) || ids(&format!("{}+", id.name))))
        }
        spdx::LicenseItem::Other(_) => false,
    }
}

/// Renders a tree back as an SPDX expression (for messages).
pub fn render(t: &Tree) -> String {
    fn inner(t: &Tree, top: bool) -> String {
        match t {
            Tree::Term(r) => r.to_string(),
            Tree::And(v) | Tree::Or(v) => {
                let op = if matches!(t, Tree::And(_)) {
                    " AND "
                } else {
                    " OR "
                };
                let s = v
                    .iter()
                    .map(|p| inner(p, false))
                    .collect::<Vec<_>>()
                    .join(op);
                if top { s } else { format!("({s})") }
            }
        }
    }
    inner(t, true)
}

/// Parses `text` leniently (deprecated ids allowed, as PL001 reports them).
pub fn parse(text: &str) -> Option<Tree> {
    let lenient = spdx::ParseMode {
        allow_deprecated: true,
        ..spdx::ParseMode::STRICT
    };
    let expr = spdx::Expression::parse_mode(text, lenient).ok()?;
    tree(&expr)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> String {
        render(&code_term(&parse(s).unwrap()))
    }

    #[test]
    fn code_terms() {
        assert_eq!(code("EUPL-1.2 AND CC-BY-4.0"), "EUPL-1.2");
        assert_eq!(code("MIT AND OGL-UK-3.0"), "MIT");
        assert_eq!(code("MIT AND etalab-2.0 AND ODbL-1.0"), "MIT");
        assert_eq!(code("OGL-UK-3.0"), "OGL-UK-3.0");
        assert_eq!(code("CC-BY-4.0 AND OGL-UK-3.0"), "CC-BY-4.0 AND OGL-UK-3.0");
        assert_eq!(
            code("(MIT OR Apache-2.0) AND CC-BY-SA-4.0"),
            "MIT OR Apache-2.0"
        );
        assert_eq!(
            code("MIT AND Apache-2.0 AND CC0-1.0"),
            "MIT AND Apache-2.0 AND CC0-1.0"
        );
        assert_eq!(
            code("GPL-3.0-only OR CC-BY-4.0"),
            "GPL-3.0-only OR CC-BY-4.0"
        );
    }

    #[test]
    fn lists_and_satisfiability() {
        let ids = |s: &str| {
            ["MIT", "GPL-3.0-or-later"]
                .iter()
                .any(|a| a.eq_ignore_ascii_case(s))
        };
        let ok = |s: &str| satisfiable(&parse(s).unwrap(), &|r| listed(r, &ids));
        assert!(ok("MIT"));
        assert!(ok("GPL-3.0")); // deprecated bare id read as -or-later
        assert!(!ok("GPL-3.0-only"));
        assert!(ok("MIT OR EUPL-1.2"));
        assert!(!ok("MIT AND EUPL-1.2"));
        let bad = |s: &str| s.eq_ignore_ascii_case("CC-BY-NC-4.0");
        let avoid = |s: &str| avoidable(&parse(s).unwrap(), &|r| listed(r, &bad));
        assert!(avoid("MIT OR CC-BY-NC-4.0"));
        assert!(!avoid("MIT AND CC-BY-NC-4.0"));
    }
}
