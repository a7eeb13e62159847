//! Diagnostics as data: what every rule produces and every front end renders.
//!
//! A [`Diagnostic`] is plain data. The library never prints one; the CLI turns them
//! into human, JSON, SARIF, GitHub or one-line output, and other tools can do the same.

use std::borrow::Cow;

use serde::Serialize;

use crate::KeyPath;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
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
#[non_exhaustive]
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
    /// Key path in the reference validator's form (`maintenance.contacts[0].email`,
    /// `description[pt-BR].features`); empty for file-level problems.
    pub key: KeyPath,
    /// Byte range of the offending key or value; `None` when there is no position.
    pub span: Option<Span>,
    /// The value the diagnostic is about, when `span` is its key (value problems are
    /// reported at the key, as the reference validator does): human output underlines
    /// this instead.
    #[serde(skip)]
    pub value_span: Option<Span>,
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
        key: impl Into<KeyPath>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code: code.into(),
            severity,
            key: key.into(),
            span: None,
            value_span: None,
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

/// Maps byte offsets to 1-based lines and character columns, and the parser's
/// character positions back to byte offsets, in time linear in the text.
///
/// A line ends at `\n`, `\r\n` or a lone `\r`: the YAML parser's notion of a line, so
/// that line numbers, columns and fix positions agree with the parser whatever line
/// breaks a file mixes. Columns count Unicode scalar values (characters), as the parser
/// does. For non-ASCII text a sparse table of character counts (one entry every
/// `CHECKPOINT` bytes) keeps every conversion O(1) amortised instead of counting
/// from the start of a line, which made one long non-ASCII line quadratic.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the first byte of each line.
    starts: Vec<usize>,
    /// `(byte, chars)`: `chars` characters precede byte offset `byte` (a character
    /// boundary), about every [`CHECKPOINT`] bytes, ending with the text's length;
    /// empty for ASCII text.
    checkpoints: Vec<(usize, usize)>,
    ascii: bool,
    text: std::sync::Arc<str>,
}

/// Bytes between two checkpoints of [`LineIndex`].
const CHECKPOINT: usize = 256;

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let (starts, ascii) = line_starts(text.as_bytes());
        let checkpoints = if ascii {
            Vec::new()
        } else {
            char_checkpoints(text)
        };
        LineIndex {
            starts,
            checkpoints,
            ascii,
            text: text.into(),
        }
    }

    /// Number of characters in `text[..offset]` (`offset` clamped to a boundary).
    pub fn char_count(&self, offset: usize) -> usize {
        let offset = self.floor_boundary(offset.min(self.text.len()));
        if self.ascii {
            return offset;
        }
        let k = self
            .checkpoints
            .partition_point(|&(b, _)| b <= offset)
            .saturating_sub(1);
        let (b, c) = self.checkpoints.get(k).copied().unwrap_or((0, 0));
        c + count_chars(&self.text.as_bytes()[b..offset])
    }

    /// The byte offset of the character with 0-based index `chars` (the parser's
    /// `Marker::index`); the text's length when past the end.
    pub fn char_to_byte(&self, chars: usize) -> usize {
        if self.ascii {
            return chars.min(self.text.len());
        }
        if self
            .checkpoints
            .last()
            .is_some_and(|&(_, total)| chars >= total)
        {
            return self.text.len();
        }
        let k = self
            .checkpoints
            .partition_point(|&(_, c)| c <= chars)
            .saturating_sub(1);
        let (b, c) = self.checkpoints.get(k).copied().unwrap_or((0, 0));
        skip_chars(self.text.as_bytes(), b, chars - c.min(chars))
    }

    /// [`LineIndex::char_to_byte`] for positions that mostly move forward (a parser's
    /// events): `cursor` holds the last conversion, and a position at or a little after
    /// it is reached by scanning on from there instead of from a checkpoint.
    pub fn char_to_byte_from(&self, cursor: &mut CharCursor, chars: usize) -> usize {
        if self.ascii {
            return chars.min(self.text.len());
        }
        let byte = if chars >= cursor.chars && chars - cursor.chars <= CHECKPOINT {
            skip_chars(self.text.as_bytes(), cursor.byte, chars - cursor.chars)
        } else {
            self.char_to_byte(chars)
        };
        *cursor = CharCursor { chars, byte };
        byte
    }

    fn floor_boundary(&self, mut at: usize) -> usize {
        while at > 0 && !self.text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    /// The 0-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The 1-based line and 1-based character column of byte `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_boundary(offset.min(self.text.len()));
        let line = self.line_of(offset);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let col = if self.ascii {
            offset - start
        } else {
            self.char_count(offset) - self.char_count(start)
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
        self.char_to_byte(self.char_count(start) + col)
    }

    /// The byte range of 1-based `line`, without its line break.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return self.text.len()..self.text.len();
        };
        let mut end = self.starts.get(line).copied().unwrap_or(self.text.len());
        let bytes = self.text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        self.text.get(self.line_range(line)).unwrap_or("")
    }

    /// The indexed text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The indexed text, shared.
    pub fn shared_text(&self) -> std::sync::Arc<str> {
        self.text.clone()
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// The byte offset of each line's start in `bytes` (lines end at LF, CR LF or a lone
/// CR), and whether `bytes` are all ASCII: one pass, eight bytes at a time, that finds
/// the line feeds of a word from a mask and looks at single bytes only in a word holding
/// a CR. Plain safe code the compiler optimises well: run-time CPU feature detection
/// (`memchr`) costs more than indexing a descriptor in a one-file run.
fn line_starts(bytes: &[u8]) -> (Vec<usize>, bool) {
    const LOW7: u64 = u64::from_le_bytes([0x7F; 8]);
    const LO: u64 = u64::from_le_bytes([0x01; 8]);
    const HI: u64 = u64::from_le_bytes([0x80; 8]);
    // 0x80 in each byte of `w` that is `b`, zero elsewhere (exact: no carry crosses a
    // byte, since each byte's low seven bits plus 0x7F stay below 0x100).
    let bytes_equal = |w: u64, b: u8| {
        let x = w ^ (LO * u64::from(b));
        !(((x & LOW7) + LOW7) | x | LOW7)
    };
    let mut starts = Vec::with_capacity(bytes.len() / 32 + 2);
    starts.push(0);
    let mut high = 0u64;
    let scan = |from: usize, to: usize, starts: &mut Vec<usize>| {
        for (k, &b) in bytes[from..to].iter().enumerate() {
            let i = from + k;
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
    };
    let words = bytes.chunks_exact(8);
    let tail = words.remainder().len();
    for (k, word) in words.enumerate() {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let w = u64::from_le_bytes(w);
        high |= w;
        if bytes_equal(w, b'\r') != 0 {
            scan(k * 8, k * 8 + 8, &mut starts);
            continue;
        }
        // Byte j of the word is bits 8j..8j+7 (little-endian reading).
        let mut lf = bytes_equal(w, b'\n');
        while lf != 0 {
            starts.push(k * 8 + lf.trailing_zeros() as usize / 8 + 1);
            lf &= lf - 1;
        }
    }
    let end = bytes.len();
    scan(end - tail, end, &mut starts);
    let ascii = high & HI == 0 && bytes[end - tail..].is_ascii();
    (starts, ascii)
}

/// `(byte, chars)` pairs for [`LineIndex::checkpoints`]: a character boundary about
/// every [`CHECKPOINT`] bytes and the characters before it, ending with the text's
/// length.
fn char_checkpoints(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut checkpoints = Vec::with_capacity(bytes.len() / CHECKPOINT + 2);
    let mut chars = 0usize;
    let mut last = 0usize;
    let mut next = 0usize;
    while next <= bytes.len() {
        let mut at = next.min(bytes.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        chars += count_chars(&bytes[last..at]);
        checkpoints.push((at, chars));
        last = at;
        if next == bytes.len() {
            break;
        }
        next = (next + CHECKPOINT).min(bytes.len());
    }
    checkpoints
}

/// The last position [`LineIndex::char_to_byte_from`] converted: `chars` characters
/// precede byte `byte`.
#[derive(Debug, Clone, Copy, Default)]
pub struct CharCursor {
    chars: usize,
    byte: usize,
}

/// The byte offset `n` characters after the character boundary `from` in UTF-8 `bytes`
/// (their length when the text ends first).
fn skip_chars(bytes: &[u8], from: usize, n: usize) -> usize {
    let mut i = from;
    let mut n = n;
    // ASCII runs (most of a descriptor, even a non-English one) eight bytes at a step.
    while n >= 8 {
        match bytes.get(i..i + 8) {
            Some(word) if word.is_ascii() => {
                i += 8;
                n -= 8;
            }
            _ => break,
        }
    }
    for _ in 0..n {
        if i >= bytes.len() {
            return bytes.len();
        }
        i += 1;
        while i < bytes.len() && (bytes[i] as i8) < -0x40 {
            i += 1;
        }
    }
    i.min(bytes.len())
}

/// Characters in a UTF-8 byte slice (bytes that do not continue a sequence).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Just;

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let text = "a\nb\r\nc\rd";
        let ix = LineIndex::new(text);
        assert_eq!(ix.line_count(), 4);
        assert_eq!(ix.line_col(text.find('d').unwrap_or(0)), (4, 1));
        assert_eq!(ix.line_col(text.find('c').unwrap_or(0)), (3, 1));
        assert_eq!(ix.line_text(2), "b");
        assert_eq!(ix.line_text(3), "c");
    }

    /// The line starts and the ASCII flag the plain way: a loop over every byte.
    fn line_starts_plainly(bytes: &[u8]) -> (Vec<usize>, bool) {
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        (starts, bytes.is_ascii())
    }

    #[test]
    fn word_scan_agrees_with_the_plain_loop() {
        let pieces: [&[u8]; 10] = [
            b"a",
            b"\n",
            b"\r",
            b"\r\n",
            b"\xc3\xa9",
            b"\x80",
            b"\x7f",
            b"\x0b",
            b"12345678",
            b"\x8a\x8d\x0a",
        ];
        // Every mix of pieces, at every alignment.
        for seed in 0u64..4000 {
            let mut bytes = Vec::new();
            let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
            for _ in 0..(seed % 23) {
                bytes.extend_from_slice(pieces[(x % 10) as usize]);
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
            }
            assert_eq!(
                line_starts(&bytes),
                line_starts_plainly(&bytes),
                "{bytes:?}"
            );
        }
    }

    proptest::proptest! {
        /// Any bytes: the same line starts and ASCII flag.
        #[test]
        fn line_starts_agree(bytes in proptest::collection::vec(
            proptest::prop_oneof![Just(b'\n'), Just(b'\r'), Just(b'a'), Just(0xc3u8), proptest::num::u8::ANY],
            0..80,
        )) {
            proptest::prop_assert_eq!(line_starts(&bytes), line_starts_plainly(&bytes));
        }
    }

    #[test]
    fn positions_in_ascii_runs_between_non_ascii() {
        // Runs of every length around the eight-byte steps of `skip_chars`.
        let mut text = String::new();
        for run in 0..40 {
            text.push_str(&"abcdefghij".repeat(run / 10 + 1)[..run]);
            text.push(if run % 2 == 0 { 'é' } else { '\u{1F600}' });
            text.push('\n');
        }
        let ix = LineIndex::new(&text);
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        for step in [1, 5, 8, 9, 13, 40] {
            let mut cursor = CharCursor::default();
            for (chars, &b) in bytes.iter().enumerate().step_by(step) {
                assert_eq!(ix.char_to_byte(chars), b);
                assert_eq!(ix.char_to_byte_from(&mut cursor, chars), b);
            }
        }
    }

    #[test]
    fn columns_and_offsets_round_trip_on_non_ascii() {
        let mut text = String::new();
        for i in 0..2000 {
            text.push_str(if i % 3 == 0 { "é" } else { "a\u{1F600}" });
            if i % 500 == 0 {
                text.push('\r');
            }
        }
        let ix = LineIndex::new(&text);
        let mut chars = 0;
        for (b, _) in text.char_indices() {
            assert_eq!(ix.char_to_byte(chars), b);
            assert_eq!(ix.char_count(b), chars);
            let (line, col) = ix.line_col(b);
            assert_eq!(ix.offset(line, col - 1), b);
            chars += 1;
        }
        assert_eq!(ix.char_to_byte(chars + 5), text.len());
        // The forward cursor agrees, whatever order positions come in.
        let mut cursor = CharCursor::default();
        let order = (0..chars + 3)
            .step_by(7)
            .chain((0..chars).rev().step_by(301));
        for c in order {
            assert_eq!(
                ix.char_to_byte_from(&mut cursor, c),
                ix.char_to_byte(c),
                "{c}"
            );
        }
    }
}
