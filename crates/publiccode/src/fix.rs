//! Applying fixes: text edits over byte ranges, in the manner of ruff. Everything
//! outside the edited ranges (comments, key order, formatting) stays byte for byte.

use crate::{Applicability, Diagnostic, Edit};

/// Applies the edits of every fix in `diagnostics` whose applicability is allowed
/// (`Safe`, plus `Suggested` when `include_suggested`). Overlapping edits after the
/// first are skipped. Returns the new text and how many fixes were applied.
pub fn apply_fixes(
    source: &str,
    diagnostics: &[Diagnostic],
    include_suggested: bool,
) -> (String, usize) {
    let mut fixes: Vec<&Vec<Edit>> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| include_suggested || f.applicability == Applicability::Safe)
        .map(|f| &f.edits)
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|e| e.span.start).min().unwrap_or(0));
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for edits in fixes {
        let overlaps = edits.iter().any(|e| {
            chosen.iter().any(|c| {
                e.span.start < c.span.end && c.span.start < e.span.end
                    || (e.span.start == c.span.start && e.span.end == c.span.end)
            })
        });
        let in_bounds = edits.iter().all(|e| {
            e.span.end <= source.len()
                && source.is_char_boundary(e.span.start)
                && source.is_char_boundary(e.span.end)
        });
        if overlaps || !in_bounds {
            continue;
        }
        chosen.extend(edits.iter());
        applied += 1;
    }
    (apply_edits(source, &chosen), applied)
}

/// Applies non-overlapping edits (in any order) to `source`.
pub fn apply_edits(source: &str, edits: &[&Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(source.len());
    let mut pos = 0;
    for e in sorted {
        if e.span.start < pos || e.span.end > source.len() {
            continue;
        }
        out.push_str(&source[pos..e.span.start]);
        out.push_str(&e.replacement);
        pos = e.span.end;
    }
    out.push_str(&source[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, validate_str};

    #[test]
    fn fixes_yaml11_booleans_and_keeps_comments() {
        let src = "# comment\nlocalisation:\n  localisationReady: yes # keep\n";
        let report = validate_str(src, &Options::default());
        let (fixed, n) = apply_fixes(src, &report.diagnostics, false);
        assert_eq!(n, 1);
        assert_eq!(
            fixed,
            "# comment\nlocalisation:\n  localisationReady: true # keep\n"
        );
    }
}
