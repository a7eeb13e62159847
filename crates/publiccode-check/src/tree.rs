//! Small helpers over the core's spanned YAML tree: resolving dotted key paths with
//! wildcards, and placing diagnostics on nodes. Shared by profiles and foreign formats.

use publiccode::yaml::{Node, NodeKind};
use publiccode::{KeyPath, Span};

/// Every node reached by `path` (`a.b`, `description.*.longDescription`), with its key
/// path in the reference validator's form (`maintenance.contacts[0].email`).
pub(crate) fn resolve<'a>(root: &'a Node, path: &str) -> Vec<(KeyPath, &'a Node)> {
    let mut cur: Vec<(KeyPath, &Node)> = vec![(KeyPath::root(), root)];
    for seg in path.split('.').filter(|s| !s.is_empty()) {
        let mut next = Vec::new();
        for (p, node) in cur {
            match (&node.kind, seg) {
                (NodeKind::Mapping(entries), "*") => {
                    for e in entries {
                        if let Some(k) = e.key_str() {
                            next.push((p.clone().key(k), &e.value));
                        }
                    }
                }
                (NodeKind::Sequence(items), _) if seg == "*" => {
                    for (i, item) in items.iter().enumerate() {
                        next.push((p.clone().index(i), item));
                    }
                }
                (NodeKind::Sequence(items), _) => {
                    for (i, item) in items.iter().enumerate() {
                        if let Some(v) = item.get(seg) {
                            next.push((p.clone().index(i).key(seg), v));
                        }
                    }
                }
                (NodeKind::Mapping(_), _) => {
                    if let Some(v) = node.get(seg) {
                        next.push((p.clone().key(seg), v));
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

/// Case-insensitive glob match with `*` (any run of characters, `/` included) and `?`
/// (one), by `globset`. Profiles use only these two wildcards: every other character
/// (`[`, `{`, `\` …) matches itself.
pub(crate) fn glob(pattern: &str, text: &str) -> bool {
    thread_local! {
        /// Compiled patterns: a profile has a handful, matched against every file.
        static MATCHERS: std::cell::RefCell<std::collections::HashMap<String, Option<globset::GlobMatcher>>> =
            std::cell::RefCell::default();
    }
    MATCHERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() > 1024 {
            cache.clear();
        }
        cache
            .entry(pattern.to_string())
            .or_insert_with(|| compile_glob(pattern))
            .as_ref()
            .is_some_and(|m| m.is_match(text))
    })
}

fn compile_glob(pattern: &str) -> Option<globset::GlobMatcher> {
    let mut escaped = String::with_capacity(pattern.len());
    for c in pattern.chars() {
        if matches!(c, '[' | ']' | '{' | '}' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    globset::GlobBuilder::new(&escaped)
        .case_insensitive(true)
        .literal_separator(false)
        .backslash_escape(true)
        .build()
        // Every metacharacter but `*` and `?` is escaped, so the pattern always builds.
        .ok()
        .map(|g| g.compile_matcher())
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
        // Only `*` and `?` are wildcards.
        assert!(glob("a?c", "abc") && !glob("a?c", "ac"));
        assert!(glob("x[1]{a,b}\\*", "X[1]{A,B}\\yz"));
        assert!(!glob("x[12]", "x1"));
        assert!(glob("*/*", "a/b/c") && glob("**", "anything"));
    }
}
