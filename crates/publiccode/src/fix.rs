//! Applying fixes: text edits over byte ranges, in the manner of ruff. Everything
//! outside the edited ranges (comments, key order, formatting) stays byte for byte.

use crate::yaml::{self, LoadErrorKind};
use crate::{Applicability, Diagnostic, Edit, Options, Severity, validate_str};

/// How [`fix_document`] chooses and judges fixes.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct FixOptions {
    /// Apply the did-you-mean (`Suggested`) fixes too, not only the safe ones.
    pub include_suggested: bool,
    /// Parser limits for the re-parse of the fixed text.
    pub limits: yaml::Limits,
    /// The text is a publiccode.yml: the fixed text must also not have more errors
    /// under the standard's rules than the original (off for other formats).
    pub publiccode_rules: bool,
}

impl Default for FixOptions {
    fn default() -> Self {
        FixOptions {
            include_suggested: false,
            limits: yaml::Limits::default(),
            publiccode_rules: true,
        }
    }
}

impl FixOptions {
    /// The defaults: safe fixes only, default limits, publiccode.yml rules.
    pub fn new() -> FixOptions {
        FixOptions::default()
    }

    /// Whether the did-you-mean (`Suggested`) fixes are applied too.
    #[must_use]
    pub fn with_suggested(mut self, yes: bool) -> FixOptions {
        self.include_suggested = yes;
        self
    }

    /// Parser limits for the re-parse.
    #[must_use]
    pub fn with_limits(mut self, limits: yaml::Limits) -> FixOptions {
        self.limits = limits;
        self
    }

    /// Whether the text is judged by the standard's rules too (a publiccode.yml).
    #[must_use]
    pub fn with_publiccode_rules(mut self, yes: bool) -> FixOptions {
        self.publiccode_rules = yes;
        self
    }
}

/// What [`fix_document`] decided.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FixOutcome {
    /// No fix applies, or the fixes change nothing.
    Unchanged,
    /// The fixed text (byte order mark kept) and how many fixes it holds.
    Fixed {
        /// The whole new text, to be written.
        text: String,
        /// Number of fixes applied.
        applied: usize,
    },
    /// The fixed text parses worse than the original: it must not be written.
    Refused {
        /// Why, in one English sentence.
        reason: String,
    },
}

/// What a YAML text looks like to the loader: enough to tell whether a fix made it worse.
#[derive(Debug, PartialEq, Eq)]
struct Shape {
    parsed: bool,
    problems: usize,
    nodes: usize,
}

fn shape(text: &str, limits: yaml::Limits) -> Shape {
    let index = crate::LineIndex::new(text);
    match yaml::load(text, &index, limits) {
        Ok((root, problems)) => Shape {
            parsed: true,
            problems: problems.len(),
            nodes: root.map_or(0, |r| r.size()),
        },
        Err(problems) => Shape {
            parsed: false,
            problems: problems
                .iter()
                .filter(|p| p.kind != LoadErrorKind::DuplicateKey)
                .count(),
            nodes: 0,
        },
    }
}

/// Applies the fixes of `diagnostics` to `source` (the text they were computed on, a
/// leading byte order mark allowed and kept), then parses the result again. The fixed
/// text is returned only when it parses at least as well as the original: it still
/// parses if the original did, with no new loader problem and the same number of
/// nodes (fixes change values, never the structure), and, for a publiccode.yml, no
/// more errors than before. Otherwise the outcome is [`FixOutcome::Refused`].
pub fn fix_document(source: &str, diagnostics: &[Diagnostic], options: FixOptions) -> FixOutcome {
    let (bom, body) = match source.strip_prefix('\u{FEFF}') {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", source),
    };
    let (fixed, applied) = apply_fixes(body, diagnostics, options.include_suggested);
    if applied == 0 || fixed == body {
        return FixOutcome::Unchanged;
    }
    let before = shape(body, options.limits);
    let after = shape(&fixed, options.limits);
    if before.parsed && !after.parsed {
        return FixOutcome::Refused {
            reason: "the fixed text would not parse as YAML".into(),
        };
    }
    if after.problems > before.problems || (before.parsed && after.nodes != before.nodes) {
        return FixOutcome::Refused {
            reason: "the fixes would change the structure of the document".into(),
        };
    }
    if options.publiccode_rules {
        let opts = Options {
            limits: options.limits,
            max_bytes: usize::MAX,
            ..Options::default()
        };
        let errors = |t: &str| {
            validate_str(t, &opts)
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count()
        };
        if errors(&fixed) > errors(body) {
            return FixOutcome::Refused {
                reason: "the fixed text would have more errors than the original".into(),
            };
        }
    }
    FixOutcome::Fixed {
        text: format!("{bom}{fixed}"),
        applied,
    }
}

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
    // Chosen edits by start, so that an overlap test is a look at two neighbours
    // (linear in the number of fixes overall, whatever a file holds).
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let overlaps = |taken: &std::collections::BTreeMap<usize, usize>, e: &Edit| {
        let (s, t) = (e.span.start, e.span.end);
        let before = taken
            .range(..=s)
            .next_back()
            .is_some_and(|(&cs, &ce)| s < ce || (cs == s && (ce == t || s == t)));
        let after = taken
            .range(s..)
            .next()
            .is_some_and(|(&cs, _)| cs < t || cs == s);
        before || after
    };
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for edits in fixes {
        let in_bounds = edits.iter().all(|e| {
            e.span.end <= source.len()
                && source.is_char_boundary(e.span.start)
                && source.is_char_boundary(e.span.end)
        });
        if !in_bounds || edits.iter().any(|e| overlaps(&taken, e)) {
            continue;
        }
        for e in edits {
            taken.insert(e.span.start, e.span.end);
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

    fn fixed(src: &str) -> FixOutcome {
        let body = src.strip_prefix('\u{FEFF}').unwrap_or(src);
        let report = validate_str(body, &Options::default());
        fix_document(src, &report.diagnostics, FixOptions::default())
    }

    #[test]
    fn keeps_anchor_tag_and_bom() {
        let src = "\u{FEFF}localisation:\n  localisationReady: &y yes\n  availableLanguages: [en]\nx: *y\n";
        let FixOutcome::Fixed { text, .. } = fixed(src) else {
            panic!("not fixed: {:?}", fixed(src));
        };
        assert_eq!(
            text,
            "\u{FEFF}localisation:\n  localisationReady: &y true\n  availableLanguages: [en]\nx: *y\n"
        );
    }

    #[test]
    fn lone_cr_and_non_ascii_put_the_fix_in_place() {
        for brk in ["\r", "\n", "\r\n"] {
            let src = format!(
                "name: é{brk}localisation:{brk}  localisationReady: yes{brk}  availableLanguages: [en]{brk}"
            );
            let FixOutcome::Fixed { text, .. } = fixed(&src) else {
                panic!("not fixed for {brk:?}");
            };
            assert_eq!(text, src.replace("yes", "true"), "{brk:?}");
        }
    }

    #[test]
    fn a_fix_that_breaks_the_text_is_refused() {
        let src = "localisation:\n  localisationReady: yes\n";
        let mut report = validate_str(src, &Options::default());
        for d in &mut report.diagnostics {
            if let Some(f) = &mut d.fix {
                f.edits[0].replacement = "[true".into();
            }
        }
        assert!(matches!(
            fix_document(src, &report.diagnostics, FixOptions::default()),
            FixOutcome::Refused { .. }
        ));
    }
}
