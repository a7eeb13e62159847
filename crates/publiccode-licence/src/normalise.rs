//! The text normalisation of the SPDX detector (askalono, inlined in the `spdx` crate as
//! `detection::preproc`), rewritten without regular expressions, so that a text can be
//! compared with the compile-time table in microseconds and with exactly the scores the
//! full detector would give.
//!
//! Each function below is one step of `spdx::detection::preproc`, in the same order and
//! with the same effect; the regular expression it replaces is quoted above it. Outside
//! ASCII, only characters whose Unicode classes are known here are handled (letters,
//! the usual quotes, dashes and spaces, ©, ®, …); a text with any other character, or
//! one whose lines share a comment prefix (a step whose outcome the full detector picks
//! at random between ties), is reported as unsupported and goes to the full detector.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// How a character takes part in normalisation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// `\w` (letters, digits) other than connector punctuation.
    Word,
    /// `\p{Pc}`: also `\w`, but runs are folded into one `_`.
    Connector,
    /// Horizontal white space of `normalize_horizontal_whitespace`: space, tab, `\p{Zs}`,
    /// `/`, `\`.
    Horizontal,
    /// Other white space (`\r`, `\x0B`, `\x0C`), kept until the vertical step.
    Vertical,
    /// Quotes (`"`, `'`, `\p{Pi}`, `\p{Pf}`), written as `'`.
    Quote,
    /// Dashes (`\p{Pd}`), written as `-`.
    Dash,
    /// Opening brackets (`\p{Ps}`), written as `(`.
    Open,
    /// Closing brackets (`\p{Pe}`), written as `)`.
    Close,
    /// Other punctuation (`\p{Po}`), kept until punctuation is removed.
    Other,
    /// Neither `\w`, `\s` nor `\pP`: removed by `remove_junk`.
    Junk,
    /// A character this module does not classify.
    Unknown,
}

/// The class of each ASCII character, looked up instead of matched: [`class`] runs
/// several times over every character of a licence text.
static ASCII_CLASSES: [Class; 128] = {
    let mut table = [Class::Junk; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = ascii_class(i as u8);
        i += 1;
    }
    table
};

const fn ascii_class(c: u8) -> Class {
    match c {
        // The detector's class `[ \t\p{Zs} \\ / \| \x2044 ]` reads `\x2044` as
        // `\x20` followed by `44`: every `4` is horizontal white space to it.
        b' ' | b'\t' | b'/' | b'\\' | b'4' => Class::Horizontal,
        b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => Class::Word,
        b'_' => Class::Connector,
        b'\r' | b'\x0B' | b'\x0C' => Class::Vertical,
        b'"' | b'\'' => Class::Quote,
        b'-' => Class::Dash,
        b'(' | b'[' | b'{' => Class::Open,
        b')' | b']' | b'}' => Class::Close,
        b'!' | b'#' | b'%' | b'&' | b'*' | b',' | b'.' | b':' | b';' | b'?' | b'@' => Class::Other,
        // `$ + < = > ^ ` | ~` are symbols; control characters are neither.
        _ => Class::Junk,
    }
}

#[inline]
fn class(c: char) -> Class {
    match ASCII_CLASSES.get(c as usize) {
        Some(&k) => k,
        None => class_beyond_ascii(c),
    }
}

fn class_beyond_ascii(c: char) -> Class {
    if c.is_alphabetic() {
        // Alphabetic is part of `\w` and of no punctuation or space class.
        return Class::Word;
    }
    match c {
        '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            Class::Horizontal
        }
        '\u{AB}' | '\u{BB}' | '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{201C}' | '\u{201D}'
        | '\u{201F}' | '\u{2039}' | '\u{203A}' => Class::Quote,
        '\u{2010}'..='\u{2015}' => Class::Dash,
        // SINGLE and DOUBLE LOW-9 QUOTATION MARK are Ps.
        '\u{201A}' | '\u{201E}' => Class::Open,
        '\u{A1}'
        | '\u{A7}'
        | '\u{B6}'
        | '\u{B7}'
        | '\u{BF}'
        | '\u{2016}'
        | '\u{2017}'
        | '\u{2020}'..='\u{2027}'
        | '\u{2030}'
        | '\u{2032}'
        | '\u{2033}' => Class::Other,
        // Symbols (Sc, Sk, Sm, So), other numbers (No) and format characters (Cf).
        '\u{A2}'..='\u{A6}'
        | '\u{A8}'
        | '\u{A9}'
        | '\u{AC}'
        | '\u{AD}'
        | '\u{AE}'
        | '\u{AF}'
        | '\u{B0}'
        | '\u{B1}'
        | '\u{B2}'
        | '\u{B3}'
        | '\u{B4}'
        | '\u{B8}'
        | '\u{B9}'
        | '\u{BC}'..='\u{BE}'
        | '\u{D7}'
        | '\u{F7}'
        | '\u{200B}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{2060}'
        | '\u{20AC}'
        | '\u{2122}'
        | '\u{FEFF}' => Class::Junk,
        _ => Class::Unknown,
    }
}

/// The processed text the full detector builds its word pairs from (`text_processed`),
/// or `None` when this module cannot promise the same result.
pub fn processed(text: &str) -> Option<String> {
    let text: Cow<'_, str> = if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    };
    // Every ASCII character has a class.
    if !text.is_ascii() && text.chars().any(|c| class(c) == Class::Unknown) {
        return None;
    }
    // ASCII lines (most lines of most texts) take the byte pass.
    let mut joined = Vec::with_capacity(text.len());
    let mut other = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            joined.push(b'\n');
        }
        if line.is_ascii() {
            normalise_line_ascii(line, &mut joined);
        } else {
            other.clear();
            normalise_line(line, &mut other);
            joined.extend_from_slice(other.as_bytes());
        }
    }
    let joined = String::from_utf8(joined).ok()?;
    let joined = remove_common_tokens(&joined)?;
    let text = if joined.is_ascii() {
        vertical_punctuation_lowercase_ascii(&joined)?
    } else {
        // `to_lowercase` of a whole text differs from lowering characters one by one
        // (a final sigma), so other texts take the three steps one by one.
        let text = normalize_vertical_whitespace(&joined);
        let text = remove_punctuation(&text);
        text.to_lowercase()
    };
    let text = remove_title_line(&text);
    let text = remove_copyright_statements(text);
    Some(collapse_whitespace(&text))
}

/// `apply_normalizers` for one line (NFC already applied): `remove_junk`
/// (`[^\w\s\pP]+` → ``), `blackbox_urls` (`https?://\S+` → `http://blackboxed/url`),
/// `normalize_horizontal_whitespace` (`[ \t\p{Zs}\\/|\x20 4 4]+` → ` `, see [`class`]),
/// `normalize_punctuation` (runs of quotes → `'`, dashes → `-`, `\p{Ps}` → `(`, `\p{Pe}`
/// → `)`, `\p{Pc}` → `_`) and `trim`.
fn normalise_line(line: &str, out: &mut String) {
    let no_junk: Cow<'_, str> = if line.chars().any(|c| class(c) == Class::Junk) {
        Cow::Owned(line.chars().filter(|&c| class(c) != Class::Junk).collect())
    } else {
        Cow::Borrowed(line)
    };
    let urls = blackbox_urls(&no_junk);
    let start = out.len();
    let mut prev: Option<Class> = None;
    for c in urls.chars() {
        let k = class(c);
        let folded = matches!(
            k,
            Class::Horizontal
                | Class::Quote
                | Class::Dash
                | Class::Open
                | Class::Close
                | Class::Connector
        );
        if folded && prev == Some(k) {
            continue;
        }
        prev = Some(k);
        match k {
            Class::Horizontal => out.push(' '),
            Class::Quote => out.push('\''),
            Class::Dash => out.push('-'),
            Class::Open => out.push('('),
            Class::Close => out.push(')'),
            Class::Connector => out.push('_'),
            _ => out.push(c),
        }
    }
    // `trim`: only this line's part of `out`.
    let trimmed_end = out[start..].trim_end().len();
    out.truncate(start + trimmed_end);
    let lead = out[start..].len() - out[start..].trim_start().len();
    if lead > 0 {
        out.replace_range(start..start + lead, "");
    }
}

/// [`normalise_line`] for an ASCII line, on bytes: junk is skipped as the line is read.
/// A line holding `http` once its junk is gone (where a URL may start) takes
/// [`normalise_line`] itself.
fn normalise_line_ascii(line: &str, out: &mut Vec<u8>) {
    let start = out.len();
    let mut prev: Option<Class> = None;
    let mut junk = false;
    for &b in line.as_bytes() {
        let k = ASCII_CLASSES
            .get(usize::from(b))
            .copied()
            .unwrap_or(Class::Unknown);
        if k == Class::Junk {
            junk = true;
            continue;
        }
        let folded = matches!(
            k,
            Class::Horizontal
                | Class::Quote
                | Class::Dash
                | Class::Open
                | Class::Close
                | Class::Connector
        );
        if folded && prev == Some(k) {
            continue;
        }
        prev = Some(k);
        out.push(match k {
            Class::Horizontal => b' ',
            Class::Quote => b'\'',
            Class::Dash => b'-',
            Class::Open => b'(',
            Class::Close => b')',
            Class::Connector => b'_',
            _ => b,
        });
    }
    // Folding never joins letters, so only junk can make an `http` the line lacks.
    let url = line.contains("http") || (junk && out[start..].windows(4).any(|w| w == b"http"));
    if url {
        out.truncate(start);
        let mut s = String::new();
        normalise_line(line, &mut s);
        out.extend_from_slice(s.as_bytes());
        return;
    }
    // `trim` (ASCII white space is `\t`..=`\r` and space, as `char::is_whitespace`).
    let end = out[start..]
        .iter()
        .rposition(|&b| !is_ascii_space(b))
        .map_or(start, |i| start + i + 1);
    out.truncate(end);
    let lead = out[start..]
        .iter()
        .take_while(|&&b| is_ascii_space(b))
        .count();
    if lead > 0 {
        out.drain(start..start + lead);
    }
}

/// `char::is_whitespace` for a byte of an ASCII text (`\x0B` included, unlike
/// `u8::is_ascii_whitespace`).
fn is_ascii_space(b: u8) -> bool {
    b == b' ' || (b'\t'..=b'\r').contains(&b)
}

/// `https?://\S+` → `http://blackboxed/url`.
fn blackbox_urls(s: &str) -> Cow<'_, str> {
    if !s.contains("http") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("http") {
        let after = &rest[i + 4..];
        let scheme = if after.starts_with("://") {
            Some(3)
        } else if after.starts_with("s://") {
            Some(4)
        } else {
            None
        };
        let body = scheme.map(|n| &after[n..]);
        match body {
            Some(body) if body.chars().next().is_some_and(|c| !c.is_whitespace()) => {
                out.push_str(&rest[..i]);
                out.push_str("http://blackboxed/url");
                let end = body.find(char::is_whitespace).unwrap_or(body.len());
                rest = &body[end..];
            }
            _ => {
                // No URL here: keep the first byte ('h') and look further.
                out.push_str(&rest[..=i]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `remove_common_tokens`: drops a prefix shared by at least 80 % of the lines (comment
/// markers). `None` when the full detector would choose between tied prefixes at random.
fn remove_common_tokens(input: &str) -> Option<Cow<'_, str>> {
    let lines: Vec<&str> = input.split('\n').collect();
    let mut counts: Vec<(&str, u32)> = Vec::new();
    for pair in lines.windows(2) {
        let common = lcs_substr(pair[0], pair[1]);
        if common.len() > 3 {
            match counts.iter_mut().find(|(p, _)| *p == common) {
                Some((_, n)) => *n += 1,
                // The detector starts a new prefix at 1 and adds 1 at once.
                None => counts.push((common, 2)),
            }
        }
    }
    let Some(max) = counts.iter().map(|(_, n)| *n).max() else {
        return Some(Cow::Borrowed(input));
    };
    let threshold = (0.8f32 * lines.len() as f32) as u32;
    let triggering: Vec<&str> = counts
        .iter()
        .filter(|(_, n)| *n == max)
        .map(|(p, _)| *p)
        .filter(|p| {
            counts
                .iter()
                .filter(|(s, _)| s.starts_with(p))
                .map(|(_, n)| *n)
                .sum::<u32>()
                >= threshold
        })
        .collect();
    let ties = counts.iter().filter(|(_, n)| *n == max).count();
    match (triggering.as_slice(), ties) {
        ([], _) => Some(Cow::Borrowed(input)),
        ([prefix], 1) => {
            let mut rem = String::with_capacity(input.len());
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    rem.push('\n');
                }
                rem.push_str(line.strip_prefix(prefix).unwrap_or(line).trim());
            }
            Some(Cow::Owned(rem))
        }
        _ => None,
    }
}

/// The common byte prefix of two lines, cut back to a character boundary and trimmed.
fn lcs_substr<'a>(a: &'a str, b: &str) -> &'a str {
    let n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let mut end = n.min(a.len());
    while !a.is_char_boundary(end) {
        end -= 1;
    }
    a[..end].trim()
}

/// `[\r\n\v\f]` → `\n`, then `\n{3,}` → `\n\n`.
fn normalize_vertical_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut newlines = 0;
    for c in s.chars() {
        if matches!(c, '\r' | '\n' | '\x0B' | '\x0C') {
            newlines += 1;
            continue;
        }
        flush_newlines(&mut out, newlines);
        newlines = 0;
        out.push(c);
    }
    flush_newlines(&mut out, newlines);
    out
}

fn flush_newlines(out: &mut String, n: usize) {
    let n = if n >= 3 { 2 } else { n };
    for _ in 0..n {
        out.push('\n');
    }
}

/// [`normalize_vertical_whitespace`], [`remove_punctuation`] and lowercasing of an
/// ASCII text in one pass: a run of line breaks is written out (as one or two `\n`)
/// before the next character, whether punctuation then removes that character or not,
/// as the separate steps do.
fn vertical_punctuation_lowercase_ascii(s: &str) -> Option<String> {
    let mut out = Vec::with_capacity(s.len());
    let mut newlines = 0usize;
    for &b in s.as_bytes() {
        if matches!(b, b'\r' | b'\n' | b'\x0B' | b'\x0C') {
            newlines += 1;
            continue;
        }
        if newlines > 0 {
            out.extend_from_slice(&b"\n\n"[..newlines.min(2)]);
            newlines = 0;
        }
        let k = ASCII_CLASSES.get(usize::from(b)).copied();
        if matches!(k, Some(Class::Word | Class::Connector)) || b.is_ascii_whitespace() {
            out.push(b.to_ascii_lowercase());
        }
    }
    out.extend_from_slice(&b"\n\n"[..newlines.min(2)]);
    String::from_utf8(out).ok()
}

/// `[^\w\s]+` → ``. After the line steps, only word characters, white space and
/// punctuation are left.
fn remove_punctuation(s: &str) -> String {
    s.chars()
        .filter(|&c| matches!(class(c), Class::Word | Class::Connector) || c.is_whitespace())
        .collect()
}

/// `^.*license( version \S+)?( copyright.*)?\n\n` → `` (no flags: the first line only).
fn remove_title_line(s: &str) -> &str {
    let Some(nl) = s.find('\n') else {
        return s;
    };
    if !s[nl..].starts_with("\n\n") {
        return s;
    }
    let first = &s[..nl];
    let title = first.match_indices("license").any(|(i, _)| {
        let rest = &first[i + "license".len()..];
        if rest.is_empty() || rest.starts_with(" copyright") {
            return true;
        }
        let Some(v) = rest.strip_prefix(" version ") else {
            return false;
        };
        // `\S+` then the end, or ` copyright`: the word may stop at any space.
        let word_end = v.find(' ').unwrap_or(v.len());
        if word_end == 0 {
            return false;
        }
        let after = &v[word_end..];
        after.is_empty() || after.starts_with(" copyright")
    });
    if title { &s[nl + 2..] } else { s }
}

/// The three alternatives of `remove_copyright_statements` (`(?mx)`), each match
/// replaced with `\n\n`:
/// 1. `(\n\n|\A\n*)(^\x20*copyright.*?$)+\n\n` — a copyright paragraph of one line;
/// 2. `\A.*copyright.*$` — a first line that mentions copyright;
/// 3. `^copyright(\s+(c|\d+))+.*?$` — a line that looks like a copyright statement.
///
/// At this point the text holds only lower-case word characters, spaces and `\n`.
fn remove_copyright_statements(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut p = 0;
    while p <= b.len() {
        let candidate = p == 0 || b.get(p) == Some(&b'\n') || b[p - 1] == b'\n';
        if candidate && let Some(end) = copyright_match(s, p) {
            out.push_str(&s[copied..p]);
            out.push_str("\n\n");
            copied = end;
            // An empty match cannot happen: every alternative holds "copyright".
            p = end;
            continue;
        }
        p += 1;
    }
    out.push_str(&s[copied.min(s.len())..]);
    out
}

/// End of the match of the copyright expression starting at `p`, if any.
fn copyright_match(s: &str, p: usize) -> Option<usize> {
    let b = s.as_bytes();
    let line_end = |from: usize| s[from..].find('\n').map_or(s.len(), |i| from + i);
    // 1. Paragraph starts: `\n\n` here, then (at the start only) `\A\n*`.
    let mut starts = Vec::with_capacity(2);
    if s[p..].starts_with("\n\n") {
        starts.push(p + 2);
    }
    if p == 0 {
        starts.push(b.iter().take_while(|&&c| c == b'\n').count());
    }
    for q in starts {
        let spaces = b[q..].iter().take_while(|&&c| c == b' ').count();
        if s[q + spaces..].starts_with("copyright") {
            let e = line_end(q + spaces);
            if s[e..].starts_with("\n\n") {
                return Some(e + 2);
            }
        }
    }
    // 2. The first line, when it mentions copyright.
    if p == 0 {
        let e = line_end(0);
        if s[..e].contains("copyright") {
            return Some(e);
        }
    }
    // 3. `^copyright(\s+(c|\d+))+.*?$`.
    let at_line_start = p == 0 || b[p - 1] == b'\n';
    if at_line_start && s[p..].starts_with("copyright") {
        let mut q = p + "copyright".len();
        let mut groups = 0;
        loop {
            let ws = b[q..]
                .iter()
                .take_while(|&&c| c == b' ' || c == b'\n')
                .count();
            if ws == 0 {
                break;
            }
            let r = q + ws;
            if b.get(r) == Some(&b'c') {
                q = r + 1;
            } else {
                let digits = b[r..].iter().take_while(|c| c.is_ascii_digit()).count();
                if digits == 0 {
                    break;
                }
                q = r + digits;
            }
            groups += 1;
        }
        if groups > 0 {
            return Some(line_end(q));
        }
    }
    None
}

/// `\s+` → ` `, then `trim`.
fn collapse_whitespace(s: &str) -> String {
    if s.is_ascii() {
        let mut out = Vec::with_capacity(s.len());
        let mut space = false;
        for &b in s.as_bytes() {
            if is_ascii_space(b) {
                space = !out.is_empty();
            } else {
                if space {
                    out.push(b' ');
                    space = false;
                }
                out.push(b);
            }
        }
        if let Ok(out) = String::from_utf8(out) {
            return out;
        }
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copyright_lines_and_titles_go() {
        assert_eq!(
            processed("MIT License\n\nCopyright (c) 2024 Someone\n\nPermission is granted.")
                .as_deref(),
            Some("permission is granted")
        );
        assert_eq!(
            processed("Copyright 2020 A\nCopyright 2021 B\n\nSome   text\r\nhere").as_deref(),
            Some("some text here")
        );
    }

    #[test]
    fn urls_punctuation_and_underscores() {
        assert_eq!(
            processed("see <https://example.org/a?b=c> now, don't ___ stop").as_deref(),
            Some("see http blackboxed url now dont _ stop")
        );
        assert_eq!(processed("“Quoted” — text").as_deref(), Some("quoted text"));
    }

    #[test]
    fn the_ascii_pass_is_the_three_steps() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/licences");
        let mut texts: Vec<String> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        assert!(
            texts.len() >= 15,
            "licence texts missing in {}",
            dir.display()
        );
        texts.push("a.\n\n.\n\n\x0Bb\r\r\r\rc -- D_E\x0C\tF!?\n".into());
        for t in texts.iter().filter(|t| t.is_ascii()) {
            let steps = remove_punctuation(&normalize_vertical_whitespace(t)).to_lowercase();
            assert_eq!(vertical_punctuation_lowercase_ascii(t), Some(steps));
        }
    }

    #[test]
    fn unknown_characters_are_unsupported() {
        assert_eq!(processed("text with \u{2028} a line separator"), None);
        assert_eq!(processed("١٢٣ arabic digits"), None);
    }

    #[test]
    fn comment_prefixes_are_removed() {
        let text =
            "# This is the text\n# of a licence that\n# sits in a comment block\n# with a prefix";
        assert_eq!(
            processed(text).as_deref(),
            Some(
                processed(
                    "This is the text\nof a licence that\nsits in a comment block\nwith a prefix"
                )
                .as_deref()
                .unwrap_or("")
            )
        );
    }
}
#[cfg(test)]
mod same_lines {
    /// The line steps give the full detector's normalised lines for every vendored text.
    #[test]
    fn lines_match_the_full_detector() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/licences");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let theirs = spdx::detection::TextData::new(&text).lines().to_vec();
            let mine: Vec<String> = text
                .split('\n')
                .map(|line| {
                    let mut s = String::new();
                    super::normalise_line(line, &mut s);
                    s
                })
                .collect();
            assert_eq!(mine, theirs, "{}", path.display());
            let bytes: Vec<String> = text
                .split('\n')
                .map(|line| {
                    let mut b = Vec::new();
                    super::normalise_line_ascii(line, &mut b);
                    String::from_utf8(b).unwrap_or_default()
                })
                .collect();
            if text.is_ascii() {
                assert_eq!(bytes, theirs, "ASCII pass: {}", path.display());
            }
            seen += 1;
        }
        assert!(seen >= 15, "licence texts missing in {}", dir.display());
    }

    /// The byte pass gives the character pass's lines, junk and URLs included.
    #[test]
    fn the_ascii_line_pass_is_the_line_pass() {
        for line in [
            "",
            "   ",
            " \t a  b\t\t/c\\\\d 4 e \r",
            "ht$tp://example.org/x?y=z done",
            "see <https://example.org/a?b=c> now, don't ___ stop",
            "h$ttp:/ /not a url http:// x https:",
            "\"\"quoted'' -- [[a]] {b} (c) ((d)) __e__ +=<>^`|~$ f",
            "\x0B\x0C\ra.\x01b\x7F",
            "--",
        ] {
            let mut s = String::new();
            super::normalise_line(line, &mut s);
            let mut b = Vec::new();
            super::normalise_line_ascii(line, &mut b);
            assert_eq!(String::from_utf8(b).ok(), Some(s), "{line:?}");
        }
    }
}
