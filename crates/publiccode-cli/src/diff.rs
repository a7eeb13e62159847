//! Unified diffs for `--diff` (validate --fix, upgrade): the line diff comes from the
//! `similar` crate; the output keeps the format the tests and users rely on.

use std::fmt::Write as _;

use similar::{Algorithm, ChangeTag, TextDiff};

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// A unified diff of two texts: `--- a/NAME`, `+++ b/NAME`, then hunks of changed
/// lines with 3 lines of context. Lines are compared without their line breaks, so a
/// file's CRLF endings do not show as changes.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_slices(&a, &b);
    let mut out = format!("--- a/{name}\n+++ b/{name}\n");
    for group in diff.grouped_ops(CONTEXT) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let (old_start, new_start) = (first.old_range().start, first.new_range().start);
        let old_len = last.old_range().end - old_start;
        let new_len = last.new_range().end - new_start;
        let _ = writeln!(
            out,
            "@@ -{},{old_len} +{},{new_len} @@",
            old_start + 1,
            new_start + 1
        );
        for op in &group {
            for change in diff.iter_changes(op) {
                out.push(match change.tag() {
                    ChangeTag::Equal => ' ',
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                });
                out.push_str(change.value());
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::unified_diff;

    #[test]
    fn one_changed_line_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\n";
        assert_eq!(
            unified_diff("x.yml", old, new),
            "--- a/x.yml\n+++ b/x.yml\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"
        );
    }

    #[test]
    fn distant_changes_make_two_hunks_and_equal_texts_none() {
        let old: String = (0..20).map(|i| format!("{i}\n")).collect();
        let new = old
            .replacen("1\n", "one\n", 1)
            .replacen("18\n", "eighteen\n", 1);
        let d = unified_diff("f", &old, &new);
        assert_eq!(d.matches("@@ -").count(), 2, "{d}");
        assert!(
            d.contains("-1\n+one\n") && d.contains("-18\n+eighteen\n"),
            "{d}"
        );
        assert_eq!(unified_diff("f", &old, &old), "--- a/f\n+++ b/f\n");
        // An insertion at the end, and CRLF endings are not changes.
        assert_eq!(
            unified_diff("f", "a\r\nb\r\n", "a\nb\nc\n"),
            "--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n b\n+c\n"
        );
    }
}
