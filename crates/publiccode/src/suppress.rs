//! Inline suppressions: YAML comments in the descriptor that silence diagnostics a team
//! has decided to live with, in the manner of ruff's `# noqa` and eslint's
//! `eslint-disable-next-line`.
//!
//! ```yaml
//! it:                       # publiccode: ignore PC502 -- the catalogue still reads `it`
//! # publiccode: ignore PC501 -- kept until the portal reads 0.7
//! inputTypes: [text/plain]
//! # publiccode: ignore-file PC105 -- we stay on 0.2 for the regional catalogue
//! ```
//!
//! - `# publiccode: ignore CODE[, CODE …] [-- reason]` at the end of a line silences those
//!   codes on that line; on a line of its own, on the next line that holds content.
//! - `# publiccode: ignore-file CODE[, CODE …] [-- reason]` on a line of its own silences
//!   them in the whole file, including diagnostics that have no position.
//!
//! Codes are required: a blanket suppression would hide the next, unrelated problem.
//! A suppression that silences nothing is reported ([`code::UNUSED_SUPPRESSION`]), so
//! suppressions do not outlive the problem; a malformed one is reported too
//! ([`code::INVALID_SUPPRESSION`]). Neither of those two can itself be suppressed inline.
//!
//! Text that looks like a comment inside a quoted or block scalar is not a comment: the
//! parsed tree, when there is one, tells them apart.

use crate::rules::code;
use crate::yaml::{Node, NodeKind, ScalarStyle};
use crate::{Diagnostic, LineIndex, Severity, Span};

/// The word that starts a suppression comment (`# publiccode: ignore …`).
pub const MARKER: &str = "publiccode:";

/// Where a suppression applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Diagnostics on this 1-based line.
    Line(usize),
    /// Every diagnostic of the file.
    File,
}

/// One code named by a suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuppressedCode {
    /// The code, uppercase (`PC501`).
    pub code: String,
    /// Where it is written in the comment.
    pub span: Span,
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The codes it silences.
    pub codes: Vec<SuppressedCode>,
    /// The line it covers, or the whole file.
    pub scope: Scope,
    /// The text after `--`, when given.
    pub reason: Option<String>,
    /// The whole comment, from `#`.
    pub span: Span,
}

/// Every suppression comment of a file, and the malformed ones as diagnostics.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    /// The well-formed suppressions, in document order.
    pub items: Vec<Suppression>,
    /// [`code::INVALID_SUPPRESSION`] warnings for comments that could not be read.
    pub invalid: Vec<Diagnostic>,
}

/// What [`Suppressions::apply`] did.
#[derive(Debug, Clone, Default)]
pub struct Applied {
    /// The diagnostics still reported, followed by the unused-suppression and
    /// invalid-suppression warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// The diagnostics that a suppression silenced.
    pub suppressed: Vec<Diagnostic>,
}

/// Directive words that are recognised as an attempt at a suppression, so that a
/// misspelt one is reported instead of silently doing nothing.
const NEAR_MISSES: &[&str] = &[
    "ignore-line",
    "ignore-next-line",
    "ignorefile",
    "ignore_file",
    "disable",
    "disable-next-line",
    "disable-file",
    "noqa",
    "allow",
    "skip",
];

/// Finds the suppression comments of `source`. `tree` is the parsed document, when it
/// parsed: it keeps text inside quoted and block scalars from being read as comments.
pub fn parse(source: &str, tree: Option<&Node>) -> Suppressions {
    // Every directive, and every mistake reported about one, starts with the marker:
    // most files have none, and need no further look.
    if !source.contains(MARKER) {
        return Suppressions::default();
    }
    let mut scalars = Vec::new();
    if let Some(t) = tree {
        collect_scalar_spans(t, source, &mut scalars);
    }
    let in_scalar = |at: usize| scalars.iter().any(|s: &Span| s.start <= at && at < s.end);
    let index = LineIndex::new(source);
    let mut out = Suppressions::default();
    let mut pending_own_line: Vec<Suppression> = Vec::new();
    let mut offset = 0;
    for (i, raw) in source.split_inclusive('\n').enumerate() {
        let line_no = i + 1;
        let line_start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let comment_at = find_comment(line, |col| in_scalar(line_start + col));
        let content = match comment_at {
            Some(c) => &line[..c],
            None => line,
        };
        let own_line = content.trim().is_empty();
        if !own_line && !pending_own_line.is_empty() {
            for mut s in pending_own_line.drain(..) {
                s.scope = Scope::Line(line_no);
                out.items.push(s);
            }
        }
        let Some(c) = comment_at else {
            continue;
        };
        let body = &line[c + 1..];
        let body_start = line_start + c + 1;
        let trimmed = body.trim_start();
        let Some(after_marker) = trimmed.strip_prefix(MARKER) else {
            continue;
        };
        let directive_start = body_start + (body.len() - trimmed.len()) + MARKER.len();
        let comment_span = Span::new(line_start + c, line_start + line.len());
        match read_directive(after_marker, directive_start, comment_span, &index) {
            Ok(Some((file_wide, codes, reason))) => {
                let s = Suppression {
                    codes,
                    scope: if file_wide {
                        Scope::File
                    } else {
                        Scope::Line(line_no)
                    },
                    reason,
                    span: comment_span,
                };
                place(s, own_line, &mut out, &mut pending_own_line, &index);
            }
            Ok(None) => {}
            Err(d) => out.invalid.push(*d),
        }
    }
    // An own-line suppression with no content after it covers nothing.
    for s in pending_own_line {
        out.invalid.push(
            Diagnostic::new(
                code::INVALID_SUPPRESSION,
                Severity::Warning,
                "",
                "this suppression is followed by no line it could apply to",
            )
            .at(s.span, &index),
        );
    }
    out
}

/// Files a directive: file-wide ones (only on a line of their own), own-line ones
/// for the next line with content, the others for their own line.
fn place(
    s: Suppression,
    own_line: bool,
    out: &mut Suppressions,
    pending_own_line: &mut Vec<Suppression>,
    index: &LineIndex,
) {
    if s.scope == Scope::File {
        if own_line {
            out.items.push(s);
        } else {
            out.invalid.push(
                Diagnostic::new(
                    code::INVALID_SUPPRESSION,
                    Severity::Warning,
                    "",
                    "`ignore-file` must be on a line of its own",
                )
                .at(s.span, index)
                .with_help("move the comment to a line of its own, for example the first line"),
            );
        }
    } else if own_line {
        pending_own_line.push(s);
    } else {
        out.items.push(s);
    }
}

type Directive = (bool, Vec<SuppressedCode>, Option<String>);

/// Reads `ignore CODES -- reason` after the marker. `Ok(None)` for a comment that only
/// happens to start with `publiccode:` (`# publiccode: maintained by …`).
fn read_directive(
    text: &str,
    start: usize,
    comment: Span,
    index: &LineIndex,
) -> Result<Option<Directive>, Box<Diagnostic>> {
    let invalid = |message: String| {
        Box::new(
            Diagnostic::new(code::INVALID_SUPPRESSION, Severity::Warning, "", message)
                .at(comment, index)
                .with_help(
                    "write `# publiccode: ignore PC501 -- reason` (see `publiccode explain PC021`)",
                ),
        )
    };
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let word_len = rest
        .find(|c: char| c.is_whitespace() || c == ',')
        .unwrap_or(rest.len());
    let word = &rest[..word_len];
    let file_wide = match word {
        "ignore" => false,
        "ignore-file" => true,
        w if NEAR_MISSES.contains(&w.to_ascii_lowercase().as_str()) => {
            return Err(invalid(format!(
                "unknown suppression `{w}`: write `ignore` (this line or the next) or `ignore-file`"
            )));
        }
        _ => return Ok(None),
    };
    let after_word = &rest[word_len..];
    let (codes_text, reason) = match after_word.find("--") {
        Some(i) => {
            let r = after_word[i + 2..].trim();
            (
                &after_word[..i],
                if r.is_empty() {
                    None
                } else {
                    Some(r.to_string())
                },
            )
        }
        None => (after_word, None),
    };
    let codes_start = start + lead + word_len;
    let mut codes = Vec::new();
    let mut pos = 0;
    for token in codes_text.split([',', ' ', '\t']) {
        let tok_start = pos;
        pos += token.len() + 1;
        if token.is_empty() {
            continue;
        }
        if !is_code(token) {
            return Err(invalid(format!(
                "`{token}` is not a rule code (codes look like PC501; put a reason after `--`)"
            )));
        }
        let s = codes_start + tok_start;
        codes.push(SuppressedCode {
            code: token.to_ascii_uppercase(),
            span: Span::new(s, s + token.len()),
        });
    }
    if codes.is_empty() {
        return Err(invalid(
            "a suppression must name the codes it silences".to_string(),
        ));
    }
    Ok(Some((file_wide, codes, reason)))
}

/// Letters then digits: `PC501`, `PRIT03`, `PL002`.
fn is_code(s: &str) -> bool {
    let letters = s.chars().take_while(char::is_ascii_alphabetic).count();
    letters >= 2 && s.len() > letters && s[letters..].chars().all(|c| c.is_ascii_digit())
}

/// The byte column of the `#` that starts a comment on `line`, if any: a `#` at the
/// start or after a blank, outside quotes and outside the scalars of the tree.
fn find_comment(line: &str, in_scalar: impl Fn(usize) -> bool) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if q == b'"' && b == b'\\' {
                    i += 2;
                    continue;
                }
                if b == q {
                    if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    quote = None;
                }
            }
            None => {
                if b == b'#' && (i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') {
                    if !in_scalar(i) {
                        return Some(i);
                    }
                } else if (b == b'"' || b == b'\'')
                    && (i == 0
                        || matches!(
                            bytes[i - 1],
                            b' ' | b'\t' | b'[' | b'{' | b',' | b':' | b'-'
                        ))
                    && !in_scalar(i)
                {
                    quote = Some(b);
                }
            }
        }
        i += 1;
    }
    None
}

/// Spans of the scalars whose text can hold a `#` that is not a comment: block scalars
/// whole, and the lines of a quoted scalar before its last one. Within a line, quotes are
/// followed by [`find_comment`] itself; that also keeps a comment after the closing quote
/// of a quoted scalar, which the parser's span may reach over, a comment.
fn collect_scalar_spans(node: &Node, source: &str, out: &mut Vec<Span>) {
    match &node.kind {
        NodeKind::Scalar(s) => match s.style {
            ScalarStyle::Plain => {}
            ScalarStyle::Literal | ScalarStyle::Folded => out.push(node.span),
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                let last_line = source
                    .get(..node.span.end)
                    .and_then(|t| t.rfind('\n'))
                    .map_or(0, |i| i + 1);
                if last_line > node.span.start {
                    out.push(Span::new(node.span.start, last_line));
                }
            }
        },
        NodeKind::Sequence(items) => items
            .iter()
            .for_each(|n| collect_scalar_spans(n, source, out)),
        NodeKind::Mapping(entries) => {
            for e in entries {
                collect_scalar_spans(&e.key, source, out);
                collect_scalar_spans(&e.value, source, out);
            }
        }
    }
}

impl Suppressions {
    /// Removes the diagnostics a suppression covers, then adds a warning for every code
    /// of a suppression that silenced nothing, and the invalid-suppression warnings.
    /// `is_known` says whether a code exists at all, for a sharper message.
    pub fn apply(
        &self,
        diagnostics: Vec<Diagnostic>,
        index: &LineIndex,
        is_known: &dyn Fn(&str) -> bool,
    ) -> Applied {
        let mut used: Vec<Vec<bool>> = self
            .items
            .iter()
            .map(|s| vec![false; s.codes.len()])
            .collect();
        let mut out = Applied::default();
        for d in diagnostics {
            let exempt = d.code == code::UNUSED_SUPPRESSION || d.code == code::INVALID_SUPPRESSION;
            let mut hit = false;
            if !exempt {
                for (si, s) in self.items.iter().enumerate() {
                    let applies = match s.scope {
                        Scope::File => true,
                        Scope::Line(l) => d.line == l && d.line > 0,
                    };
                    if !applies {
                        continue;
                    }
                    for (ci, c) in s.codes.iter().enumerate() {
                        if c.code.eq_ignore_ascii_case(&d.code) {
                            used[si][ci] = true;
                            hit = true;
                        }
                    }
                }
            }
            if hit {
                out.suppressed.push(d);
            } else {
                out.diagnostics.push(d);
            }
        }
        for (si, s) in self.items.iter().enumerate() {
            for (ci, c) in s.codes.iter().enumerate() {
                if used[si][ci] {
                    continue;
                }
                let (message, help) = if !is_known(&c.code) {
                    (
                        format!("unused suppression: `{}` is not a known rule code", c.code),
                        "`publiccode explain` lists the codes".to_string(),
                    )
                } else {
                    let place = match s.scope {
                        Scope::File => "in this file".to_string(),
                        Scope::Line(l) => format!("on line {l}"),
                    };
                    (
                        format!("unused suppression: no {} diagnostic {place}", c.code),
                        format!("remove `{}` from the comment", c.code),
                    )
                };
                out.diagnostics.push(
                    Diagnostic::new(code::UNUSED_SUPPRESSION, Severity::Warning, "", message)
                        .at(c.span, index)
                        .with_help(help),
                );
            }
        }
        out.diagnostics.extend(self.invalid.iter().cloned());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(code: &'static str, line: usize) -> Diagnostic {
        let mut d = Diagnostic::new(code, Severity::Warning, "k", "m");
        d.line = line;
        d.column = 1;
        d
    }

    fn known(_: &str) -> bool {
        true
    }

    #[test]
    fn same_line_next_line_and_file() {
        let src = "a: 1 # publiccode: ignore PC501 -- reason\n\
                   # publiccode: ignore PC105, PC502\n\
                   \n\
                   # an ordinary comment\n\
                   b: 2\n\
                   # publiccode: ignore-file PC320 -- phones\n";
        let s = parse(src, None);
        assert!(s.invalid.is_empty(), "{:?}", s.invalid);
        assert_eq!(s.items.len(), 3);
        assert_eq!(s.items[0].scope, Scope::Line(1));
        assert_eq!(s.items[0].reason.as_deref(), Some("reason"));
        assert_eq!(s.items[1].scope, Scope::Line(5));
        assert_eq!(s.items[2].scope, Scope::File);
        let codes: Vec<&str> = s.items[1].codes.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["PC105", "PC502"]);
        let span = s.items[0].codes[0].span;
        assert_eq!(&src[span.range()], "PC501");

        let index = LineIndex::new(src);
        let applied = s.apply(
            vec![
                diag("PC501", 1),
                diag("PC501", 2),
                diag("PC105", 5),
                diag("PC320", 9),
                diag("PC320", 0),
            ],
            &index,
            &known,
        );
        let kept: Vec<(&str, usize)> = applied
            .diagnostics
            .iter()
            .map(|d| (&*d.code, d.line))
            .collect();
        // PC501 on line 2 is not covered; PC502 on line 5 was never reported.
        assert_eq!(kept, [("PC501", 2), ("PC020", 2)]);
        assert_eq!(applied.suppressed.len(), 4);
        assert!(
            applied.diagnostics[1]
                .message
                .contains("no PC502 diagnostic on line 5")
        );
        assert_eq!(applied.diagnostics[1].column, 29);
    }

    #[test]
    fn comment_after_a_quoted_scalar() {
        let src = "v: \"0.4\"  # publiccode: ignore PC105 -- x\nw: 'a\n  # publiccode: ignore PC1\n  b'  # publiccode: ignore PC2\n";
        let report = crate::validate_str(src, &crate::Options::default());
        let s = parse(src, report.tree.as_ref());
        let got: Vec<(Scope, &str)> = s
            .items
            .iter()
            .map(|i| (i.scope, i.codes[0].code.as_str()))
            .collect();
        assert_eq!(got, [(Scope::Line(1), "PC105"), (Scope::Line(4), "PC2")]);
    }

    #[test]
    fn hash_inside_scalars_is_not_a_comment() {
        let src = "a: \"x # publiccode: ignore PC501\"\nb: |\n  # publiccode: ignore PC502\n  text\nc: 'it''s # publiccode: ignore PC503'\n";
        let report = crate::validate_str(src, &crate::Options::default());
        let s = parse(src, report.tree.as_ref());
        assert!(s.items.is_empty(), "{:?}", s.items);
        assert!(s.invalid.is_empty());
    }

    #[test]
    fn malformed_ones_are_reported() {
        let src = "# publiccode: ignore\na: 1\n# publiccode: ignore because reasons\nb: 2\nc: 3 # publiccode: ignore-file PC105\n# publiccode: disable PC105\nd: 4\n# publiccode: maintained by the city\n# publiccode: ignore PC105\n";
        let s = parse(src, None);
        let lines: Vec<(usize, &str)> = s
            .invalid
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(lines.len(), 5, "{lines:?}");
        assert!(lines[0].1.contains("must name the codes"));
        assert!(lines[1].1.contains("`because` is not a rule code"));
        assert!(lines[2].1.contains("line of its own"));
        assert!(lines[3].1.contains("unknown suppression `disable`"));
        assert!(lines[4].1.contains("followed by no line"));
        assert!(s.items.is_empty());
    }

    #[test]
    fn unknown_codes_say_so() {
        let src = "a: 1 # publiccode: ignore PC999\n";
        let s = parse(src, None);
        let applied = s.apply(vec![], &LineIndex::new(src), &|c| c != "PC999");
        assert_eq!(applied.diagnostics.len(), 1);
        assert!(
            applied.diagnostics[0]
                .message
                .contains("not a known rule code")
        );
    }

    #[test]
    fn suppression_warnings_cannot_be_suppressed_inline() {
        let src = "a: 1 # publiccode: ignore PC020\n";
        let s = parse(src, None);
        let applied = s.apply(vec![diag("PC020", 1)], &LineIndex::new(src), &known);
        assert_eq!(applied.suppressed.len(), 0);
        assert_eq!(applied.diagnostics.len(), 2);
    }
}
