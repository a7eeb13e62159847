//! Helpers for editing YAML text through the spanned tree: whole-line ranges of
//! mapping entries, indentation detection, and scalar quoting. The upgrader and the
//! downgrader build their text edits with these, so that bytes outside the edited
//! ranges never change.

use publiccode::yaml::{Entry, Node, NodeKind, ScalarStyle, core_type, yaml11_bool};
use publiccode::{Edit, Span};

/// The byte offset of the start of the line holding `pos`.
pub fn line_start(src: &str, pos: usize) -> usize {
    let pos = floor(src, pos);
    src[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// The byte offset just past the newline ending the line holding `pos` (or the end).
pub fn line_end(src: &str, pos: usize) -> usize {
    let pos = floor(src, pos);
    src[pos..].find('\n').map_or(src.len(), |i| pos + i + 1)
}

/// `pos` clamped to the text and moved back to a character boundary.
fn floor(src: &str, pos: usize) -> usize {
    let mut pos = pos.min(src.len());
    while !src.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// The column (in bytes) of `pos` on its line.
pub fn column(src: &str, pos: usize) -> usize {
    floor(src, pos) - line_start(src, pos)
}

/// Whether only spaces stand between the start of the line and `pos`.
fn starts_line(src: &str, pos: usize) -> bool {
    src[line_start(src, pos)..floor(src, pos)]
        .bytes()
        .all(|b| b == b' ')
}

/// The indentation (leading spaces) of a line starting at `start`, and whether the
/// line is a comment line (`None` when the line is blank).
fn line_kind(src: &str, start: usize) -> Option<(usize, bool)> {
    let end = line_end(src, start);
    let line = &src[start..end];
    let indent = line.bytes().take_while(|b| *b == b' ').count();
    let rest = line[indent..].trim_end();
    if rest.is_empty() {
        None
    } else {
        Some((indent, rest.starts_with('#')))
    }
}

/// The last byte of a node's content, skipping whitespace the parser may include at
/// the end of a block collection.
fn content_end(src: &str, entry: &Entry) -> usize {
    let end = floor(src, entry.value.span.end.max(entry.key.span.end));
    let trimmed = src[..end].trim_end_matches([' ', '\n', '\r', '\t']);
    trimmed.len().max(entry.key.span.end)
}

/// The byte range of a block mapping entry as whole lines: the comment lines directly
/// above it at the same indentation, the entry, and the deeper-indented comment lines
/// right after it. `None` when the entry does not start its line (flow style, or the
/// first key of a `- ` sequence item), where removing lines would break the file.
pub fn entry_lines(src: &str, entry: &Entry) -> Option<Span> {
    let key_start = entry.key.span.start;
    if !starts_line(src, key_start) {
        return None;
    }
    let col = column(src, key_start);
    let mut start = line_start(src, key_start);
    while start > 0 {
        let prev = line_start(src, start - 1);
        match line_kind(src, prev) {
            Some((indent, true)) if indent == col => start = prev,
            _ => break,
        }
    }
    let last = content_end(src, entry);
    let mut end = line_end(src, last.saturating_sub(1).max(key_start));
    while end < src.len() {
        match line_kind(src, end) {
            Some((indent, true)) if indent > col => end = line_end(src, end),
            _ => break,
        }
    }
    Some(Span::new(start, end))
}

/// The byte offset just past the last line of an entry's content (where a new sibling
/// line can be inserted).
pub fn after_entry(src: &str, entry: &Entry) -> usize {
    let last = content_end(src, entry);
    line_end(src, last.saturating_sub(1).max(entry.key.span.start))
}

/// An edit deleting `span`.
pub fn delete(span: Span) -> Edit {
    Edit {
        span,
        replacement: String::new(),
    }
}

/// An edit replacing `span` with `text`.
pub fn replace(span: Span, text: impl Into<String>) -> Edit {
    Edit {
        span,
        replacement: text.into(),
    }
}

/// How the file indents: the unit for nested mappings and the offset of `- ` under
/// a key (0 for `key:\n- item`, the unit for `key:\n  - item`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Indent {
    /// Spaces per nesting level.
    pub unit: usize,
    /// Spaces before `- ` relative to the parent key.
    pub seq: usize,
}

impl Indent {
    /// Detects the indentation of a file from its first nested block mapping and its
    /// first block sequence; two spaces when nothing tells.
    pub fn detect(src: &str, root: &Node) -> Indent {
        let mut unit = None;
        let mut seq = None;
        for e in root.as_mapping().unwrap_or(&[]) {
            let key_col = column(src, e.key.span.start);
            if e.value.flow {
                continue;
            }
            match &e.value.kind {
                NodeKind::Mapping(children) if unit.is_none() => {
                    if let Some(c) = children.first() {
                        let d = column(src, c.key.span.start).saturating_sub(key_col);
                        if d > 0 {
                            unit = Some(d);
                        }
                    }
                }
                NodeKind::Sequence(items) if seq.is_none() => {
                    if let Some(item) = items.first() {
                        let ls = line_start(src, item.span.start);
                        if let Some(dash) = src.get(ls..item.span.start).and_then(|p| p.find('-')) {
                            seq = Some(dash.saturating_sub(key_col));
                        }
                    }
                }
                _ => {}
            }
        }
        let unit = unit.unwrap_or(2);
        Indent {
            unit,
            seq: seq.unwrap_or(unit),
        }
    }

    /// `n` levels of indentation.
    pub fn pad(&self, n: usize) -> String {
        " ".repeat(self.unit * n)
    }
}

/// A scalar as YAML text: the original bytes when the node is a one-line scalar,
/// otherwise a double-quoted string.
pub fn scalar_text(src: &str, node: &Node) -> Option<String> {
    let s = node.as_scalar()?;
    let raw = src.get(node.span.range())?;
    let one_line = !raw.contains('\n')
        && matches!(
            s.style,
            ScalarStyle::Plain | ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
        );
    if one_line && !raw.is_empty() {
        Some(raw.to_string())
    } else {
        Some(quote(&s.value))
    }
}

/// `value` as a YAML scalar that reads back as the same string: plain when that is
/// unambiguous, double-quoted otherwise.
pub fn quote(value: &str) -> String {
    let plain_ok = !value.is_empty()
        && core_type(value) == publiccode::yaml::CoreType::Str
        && yaml11_bool(value).is_none()
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || " _-./:@()".contains(c))
        && !value.starts_with([' ', '-', ':', '@'])
        && !value.ends_with([' ', ':'])
        && !value.contains(": ");
    if plain_ok {
        value.to_string()
    } else {
        serde_json::to_string(value).unwrap_or_else(|_| format!("\"{value}\""))
    }
}
