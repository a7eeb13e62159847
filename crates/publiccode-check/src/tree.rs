//! Small helpers over the core's spanned YAML tree: resolving dotted key paths with
//! wildcards, and placing diagnostics on nodes. Shared by profiles and foreign formats.

use publiccode::Span;
use publiccode::yaml::{Node, NodeKind};

/// Every node reached by `path` (`a.b`, `description.*.longDescription`), with its key
/// path in the reference validator's form (`maintenance.contacts[0].email`).
pub(crate) fn resolve<'a>(root: &'a Node, path: &str) -> Vec<(String, &'a Node)> {
    let mut cur: Vec<(String, &Node)> = vec![(String::new(), root)];
    for seg in path.split('.').filter(|s| !s.is_empty()) {
        let mut next = Vec::new();
        for (p, node) in cur {
            match (&node.kind, seg) {
                (NodeKind::Mapping(entries), "*") => {
                    for e in entries {
                        if let Some(k) = e.key_str() {
                            next.push((join(&p, k), &e.value));
                        }
                    }
                }
                (NodeKind::Sequence(items), _) if seg == "*" => {
                    for (i, item) in items.iter().enumerate() {
                        next.push((format!("{p}[{i}]"), item));
                    }
                }
                (NodeKind::Sequence(items), _) => {
                    for (i, item) in items.iter().enumerate() {
                        if let Some(v) = item.get(seg) {
                            next.push((join(&format!("{p}[{i}]"), seg), v));
                        }
                    }
                }
                (NodeKind::Mapping(_), _) => {
                    if let Some(v) = node.get(seg) {
                        next.push((join(&p, seg), v));
                    }
                }
                _ => {}
            }
        }
        cur = next;
    }
    cur
}

/// `a` + `.` + `b`, or `b` when `a` is empty.
pub(crate) fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a}.{b}")
    }
}

/// The deepest existing node on `path` (for placing a "missing key" diagnostic), with
/// its span. Falls back to the root.
pub(crate) fn nearest_span(root: &Node, path: &str) -> Span {
    let mut node = root;
    for seg in path.split('.') {
        match node.entry(seg) {
            Some(e) => node = &e.value,
            None => break,
        }
    }
    Span::new(node.span.start, node.span.start)
}

/// Whether a node holds a value (not null, not an empty string, list or mapping).
pub(crate) fn is_present(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Scalar(s) => !node.is_null() && !s.value.trim().is_empty(),
        NodeKind::Sequence(v) => !v.is_empty(),
        NodeKind::Mapping(v) => !v.is_empty(),
    }
}

/// Case-insensitive glob match with `*` (any run of characters) and `?` (one).
pub(crate) fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let t: Vec<char> = text.to_lowercase().chars().collect();
    let (mut pi, mut ti) = (0usize, 0usize);
    let (mut star, mut mark) = (None::<usize>, 0usize);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn globs() {
        assert!(glob("urn:x-italian-pa:*", "urn:x-italian-pa:c_h501"));
        assert!(glob("README*", "readme.md"));
        assert!(!glob("*.svg", "logo.png"));
        assert!(glob("https://ld.admin.ch/*", "https://ld.admin.ch/FCh"));
    }
}
