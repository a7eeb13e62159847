//! Diagnostics as data: what every rule produces and every front end renders.
//!
//! A [`Diagnostic`] is plain data. The library never prints one; the CLI turns them
//! into human, JSON, SARIF, GitHub or one-line output, and other tools can do the same.

use std::borrow::Cow;

use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Information that needs no action (for example a `LicenseRef-` licence).
    Note,
    /// Something to fix, that does not make the file invalid.
    Warning,
    /// The file does not follow the standard.
    Error,
}

impl Severity {
    /// The lowercase English word for the severity, as used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A byte range in the source text, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// An empty span at `at`.
    pub fn point(at: usize) -> Span {
        Span { start: at, end: at }
    }

    /// The range, for slicing.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// One text replacement: the bytes of `span` become `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// What is replaced (an empty span inserts).
    pub span: Span,
    /// The new text.
    pub replacement: String,
}

/// Whether a fix can be applied without asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Mechanical and certain: `--fix` applies it.
    Safe,
    /// A suggestion that needs a person's judgement: shown, never applied silently.
    Suggested,
}

/// A remedy for a diagnostic, as text edits in the manner of ruff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, in a few words ("write `true`").
    pub title: String,
    /// Whether it is safe to apply unattended.
    pub applicability: Applicability,
    /// The edits, non-overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A safe fix replacing one span.
    pub fn safe(title: impl Into<String>, span: Span, replacement: impl Into<String>) -> Fix {
        Fix {
            title: title.into(),
            applicability: Applicability::Safe,
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }

    /// A suggested (not automatically applied) fix replacing one span.
    pub fn suggested(title: impl Into<String>, span: Span, replacement: impl Into<String>) -> Fix {
        Fix {
            title: title.into(),
            applicability: Applicability::Suggested,
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }
}

/// One finding about one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable rule code (`PC203`); see [`crate::rules`].
    pub code: Cow<'static, str>,
    /// Error, warning or note.
    pub severity: Severity,
    /// Key path in the reference validator's form (`maintenance.contacts[0].email`); empty for
    /// file-level problems.
    pub key: String,
    /// Byte range of the offending key or value; `None` when there is no position.
    pub span: Option<Span>,
    /// 1-based line, 0 when there is no position.
    pub line: usize,
    /// 1-based column in characters, 0 when there is no position.
    pub column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to put it right.
    pub help: Option<String>,
    /// A link to the rule's source (a law, a guideline, the standard).
    pub url: Option<String>,
    /// A mechanical remedy, when one exists.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic with no position yet; see [`Diagnostic::at`].
    pub fn new(
        code: impl Into<Cow<'static, str>>,
        severity: Severity,
        key: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code: code.into(),
            severity,
            key: key.into(),
            span: None,
            line: 0,
            column: 0,
            message: message.into(),
            help: None,
            url: None,
            fix: None,
        }
    }

    /// Places the diagnostic at `span`, computing line and column from `index`.
    pub fn at(mut self, span: Span, index: &crate::LineIndex) -> Diagnostic {
        let (line, column) = index.line_col(span.start);
        self.span = Some(span);
        self.line = line;
        self.column = column;
        self
    }

    /// Adds help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a fix.
    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }

    /// Adds a source URL.
    pub fn with_url(mut self, url: impl Into<String>) -> Diagnostic {
        self.url = Some(url.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Maps byte offsets to 1-based lines and character columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    ascii: bool,
    text: std::sync::Arc<str>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            ascii: text.is_ascii(),
            text: text.into(),
        }
    }

    /// The 1-based line and 1-based character column of byte `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.starts.get(line).copied().unwrap_or(0);
        let col = if self.ascii {
            offset - start
        } else {
            self.text
                .get(start..offset)
                .map(|s| s.chars().count())
                .unwrap_or(offset - start)
        };
        (line + 1, col + 1)
    }

    /// The byte offset of a 1-based line and a 0-based character column.
    pub fn offset(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        if self.ascii {
            return (start + col).min(self.text.len());
        }
        let rest = self.text.get(start..).unwrap_or("");
        match rest.char_indices().nth(col) {
            Some((i, _)) => start + i,
            None => self.text.len(),
        }
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self.starts.get(line).copied().unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// The indexed text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}
