//! Source snippets for human output in time proportional to the snippet, not the file.
//!
//! miette's own `SourceCode` for strings scans the text from its start for every
//! diagnostic, and the old renderer copied the whole file for each one: 40,000
//! duplicate keys in a 320 KB file took 25 s. Here one escaped copy of the file and
//! one line index are shared by every diagnostic of the file, and each snippet is cut
//! out by binary search.

use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use publiccode::LineIndex;

/// Longest source line shown in a snippet, in bytes.
pub const MAX_LINE: usize = 1000;

/// Longest span shown as a snippet, in bytes.
pub const MAX_SPAN: usize = 16 * 1024;

/// One file's text, escaped for printing (see [`crate::escape::source`]), shared.
#[derive(Clone)]
pub struct Source {
    inner: Arc<Inner>,
}

struct Inner {
    name: String,
    index: LineIndex,
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("name", &self.inner.name)
            .finish_non_exhaustive()
    }
}

impl Source {
    /// Escapes and indexes `text` once; `name` is shown above each snippet.
    pub fn new(name: &str, text: &str) -> Source {
        let safe = crate::escape::source(text);
        Source {
            inner: Arc::new(Inner {
                name: crate::escape::line(name).into_owned(),
                index: LineIndex::new(&safe),
            }),
        }
    }

    /// Whether `start..end` is a valid span of the text that makes a readable snippet:
    /// its lines are at most [`MAX_LINE`] bytes and it spans at most [`MAX_SPAN`] bytes.
    /// (A one-megabyte line printed under each of its diagnostics helps nobody; the
    /// diagnostic keeps its line and column.)
    pub fn contains(&self, start: usize, end: usize) -> bool {
        let index = &self.inner.index;
        let text = index.text();
        if !(start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
            && end - start <= MAX_SPAN)
        {
            return false;
        }
        let (first, _) = index.line_col(start);
        let (last, _) = index.line_col(end);
        (first..=last).all(|l| index.line_range(l).len() <= MAX_LINE)
    }
}

impl SourceCode for Source {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let index = &self.inner.index;
        let text = index.text();
        let start = span.offset();
        let end = start + span.len();
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let (first_line, column) = index.line_col(start);
        let (last_line, _) = index.line_col(end.saturating_sub(1).max(start));
        // Context lines stop before a line too long to show.
        let short = |l: usize| index.line_range(l).len() <= MAX_LINE;
        let mut from_line = first_line;
        while from_line > 1 && first_line - from_line < context_lines_before && short(from_line - 1)
        {
            from_line -= 1;
        }
        let mut to_line = last_line;
        while to_line < index.line_count()
            && to_line - last_line < context_lines_after
            && short(to_line + 1)
        {
            to_line += 1;
        }
        let (data_start, data_column) = if context_lines_before == 0 {
            (start, column - 1)
        } else {
            (index.line_range(from_line).start, 0)
        };
        // Up to and including the last line's break.
        let data_end = if to_line < index.line_count() {
            index.line_range(to_line + 1).start
        } else {
            text.len()
        };
        let data_end = data_end.max(end).min(text.len());
        let data = text.as_bytes().get(data_start..data_end).unwrap_or(&[]);
        Ok(Box::new(MietteSpanContents::new_named(
            self.inner.name.clone(),
            data,
            (data_start, data_end - data_start).into(),
            from_line - 1,
            data_column,
            to_line - from_line + 1,
        )))
    }
}
