//! Text from a checked file, made harmless for whoever reads the output.
//!
//! Keys, messages, paths and source snippets come from files written by strangers. A
//! terminal obeys escape sequences (ESC, OSC 8 links, cursor moves), a CR can overwrite
//! what was printed, a line break can start a GitHub workflow command (`::set-env`,
//! `::add-mask::`) or split one diagnostic into two in `short` output, and BiDi
//! overrides reorder what the reader sees. Every formatter passes such text through
//! here.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal or a log as it is: C0 and C1 controls, DEL,
/// line and paragraph separators, and the Unicode bidirectional formatting characters.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200e}' | '\u{200f}'
        | '\u{2028}' | '\u{2029}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{feff}')
}

/// `s` on one line with every unsafe character written as an escape (`\x1b`, `\n`,
/// `\u{202e}`), so the text is shown, never obeyed, and stays one line.
pub fn line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) && (c as u32) < 0x80 => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A copy of a whole source text, safe to print as snippets, with every byte offset
/// unchanged: line breaks stay (a lone CR becomes LF, the parser's line break), tabs
/// stay, and each other unsafe character becomes visible stand-ins of the same UTF-8
/// length (`?` for one byte, `??` for two, U+FFFD for three).
pub fn source(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\t') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => out.push(' '),
            '\r' => out.push('\n'),
            c if is_unsafe(c) => match c.len_utf8() {
                1 => out.push('?'),
                2 => out.push_str("??"),
                3 => out.push('\u{fffd}'),
                _ => out.push_str("????"),
            },
            c => out.push(c),
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(
            line("a\x1b[31mb\r\n::set-env"),
            "a\\x1b[31mb\\r\\n::set-env"
        );
        assert_eq!(line("x\u{202e}y\u{9b}"), "x\\u{202e}y\\u{9b}");
        assert_eq!(line("plain é"), "plain é");
        assert_eq!(
            line("\x1b]8;;http://evil\x07link\x1b]8;;\x07"),
            "\\x1b]8;;http://evil\\x07link\\x1b]8;;\\x07"
        );
    }

    #[test]
    fn source_keeps_every_offset() {
        let s = "a\x1bb\rc\r\nd\u{202e}e\u{85}f\tg\n";
        let t = source(s);
        assert_eq!(t.len(), s.len());
        assert_eq!(t, "a?b\nc \nd\u{fffd}e??f\tg\n");
        for (i, _) in s.char_indices() {
            assert!(t.is_char_boundary(i));
        }
    }
}
