//! The text normalisation of the SPDX detector (askalono, inlined in the `spdx` crate as
//! `detection::preproc`), rewritten without regular expressions, so that a text can be
//! compared with the compile-time table in microseconds and with exactly the scores the
//! full detector would give.
//!
//! Each step of `spdx::detection::preproc` is written here with the same effect, and the
//! regular expression it replaces is quoted above it. [`uncollapsed`] runs the steps up
//! to punctuation and lower case in one pass over the lines (a one-file validation run
//! pays for every pass over a 35 kB GPL text); the tests check it against the steps run
//! one by one (`by_steps`) and the line steps against the full detector's lines. Outside
//! ASCII, only characters whose Unicode classes are known here are handled (letters,
//! the usual quotes, dashes and spaces, ©, ®, …); a text with any other character or a
//! capital sigma, or one whose lines share tied comment prefixes (the full detector
//! picks one at random), is reported as unsupported and goes to the full detector.

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

/// What a run of characters of class `k` is folded into by the line steps; `None` for
/// the classes that are not folded.
fn folded_byte(k: Class) -> Option<u8> {
    match k {
        Class::Horizontal => Some(b' '),
        Class::Quote => Some(b'\''),
        Class::Dash => Some(b'-'),
        Class::Open => Some(b'('),
        Class::Close => Some(b')'),
        Class::Connector => Some(b'_'),
        _ => None,
    }
}

/// The length of the run of ASCII word characters (letters, digits) `bytes` starts
/// with: most of a licence text, copied by the steps below without a look at each class.
fn word_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|&&b| ASCII_CLASSES.get(usize::from(b)) == Some(&Class::Word))
        .count()
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
#[cfg(test)]
pub fn processed(text: &str) -> Option<String> {
    uncollapsed(text).map(|t| collapse_whitespace(&t))
}

/// The processed text before its white space is collapsed: the same words, separated by
/// runs of ASCII white space (`\s+` → ` ` leaves nothing else to do, see
/// [`crate::grams::Grams::of`]). `None` when this module cannot promise the full
/// detector's result.
///
/// Each byte of an ASCII line goes through the line steps and straight on to the
/// vertical-space, punctuation and lower-case step ([`one_pass`]); only the texts that
/// step cannot settle take [`two_passes`].
pub fn uncollapsed(text: &str) -> Option<String> {
    let text = nfc_of_known(text)?;
    one_pass(&text).or_else(|| two_passes(&text))
}

/// Normalised bytes of each line kept for the comment-prefix step: consecutive lines of
/// a licence text share a few bytes at most, unless they sit in a comment block.
const KEPT: usize = 32;

/// The first [`KEPT`] normalised bytes of a line (fewer if a character straddles the
/// limit), and whether the line has more.
#[derive(Default)]
struct Kept {
    bytes: Vec<u8>,
    truncated: bool,
}

impl Kept {
    fn clear(&mut self) {
        self.bytes.clear();
        self.truncated = false;
    }

    fn push(&mut self, bytes: &[u8]) {
        if self.truncated {
            return;
        }
        let room = KEPT.saturating_sub(self.bytes.len());
        if bytes.len() > room {
            self.truncated = true;
        }
        self.bytes
            .extend_from_slice(bytes.get(..room.min(bytes.len())).unwrap_or_default());
    }

    /// A character beyond ASCII: kept whole or not at all.
    fn push_char(&mut self, bytes: &[u8]) {
        if self.truncated || self.bytes.len() + bytes.len() > KEPT {
            self.truncated = true;
        } else {
            self.bytes.extend_from_slice(bytes);
        }
    }

    /// The kept bytes of a whole normalised line.
    fn set(&mut self, line: &str) {
        let mut end = KEPT.min(line.len());
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        self.bytes.clear();
        self.bytes
            .extend_from_slice(line.as_bytes().get(..end).unwrap_or_default());
        self.truncated = end < line.len();
    }

    /// The prefix this line and the `next` share, as the comment-prefix step sees it;
    /// `None` when it may run past the bytes kept.
    fn common<'a>(&'a self, next: &Kept) -> Option<&'a str> {
        let n = self
            .bytes
            .iter()
            .zip(&next.bytes)
            .take_while(|(a, b)| a == b)
            .count();
        let past = |k: &Kept| k.truncated && n == k.bytes.len();
        if past(self) || past(next) {
            return None;
        }
        Some(lcs_substr(
            std::str::from_utf8(&self.bytes).ok()?,
            std::str::from_utf8(&next.bytes).ok()?,
        ))
    }
}

/// [`uncollapsed`] in one pass over the text (NFC already applied): `None` when the
/// comment-prefix step needs more than the bytes [`Kept`] of each line, or has
/// something to remove, or the text is not supported.
fn one_pass(text: &str) -> Option<String> {
    let mut clean = Cleaner::with_capacity(text.len());
    let mut prev = Kept::default();
    let mut cur = Kept::default();
    let mut line_buf = Vec::new();
    let mut prefixes = Prefixes::default();
    let mut lines = 0usize;
    for line in text.split('\n') {
        if lines > 0 {
            clean.newline();
        }
        lines += 1;
        cur.clear();
        if !clean.feed_raw_line(line, &mut cur) {
            line_buf.clear();
            normalise_line_bytes(line, &mut line_buf);
            let line = std::str::from_utf8(&line_buf).ok()?;
            clean.feed(line);
            cur.set(line);
        }
        if lines > 1 {
            prefixes.add(prev.common(&cur)?);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    match prefixes.common(lines)? {
        None => clean.finish(),
        Some(_) => None,
    }
}

/// [`uncollapsed`] for any text (NFC already applied): one pass over the lines does
/// the line steps, counts the prefixes consecutive lines share (`remove_common_tokens`)
/// and feeds the line to the vertical-space, punctuation and lower-case step; a text
/// whose lines do share a comment prefix is read a second time, with the prefix
/// removed.
fn two_passes(text: &str) -> Option<String> {
    let mut prev = Vec::new();
    let mut cur = Vec::new();
    let mut prefixes = Prefixes::default();
    let mut clean = Cleaner::with_capacity(text.len());
    let mut lines = 0usize;
    for line in text.split('\n') {
        if lines > 0 {
            clean.newline();
        }
        lines += 1;
        cur.clear();
        normalise_line_bytes(line, &mut cur);
        let line = std::str::from_utf8(&cur).ok()?;
        if lines > 1 {
            prefixes.add(lcs_substr(std::str::from_utf8(&prev).ok()?, line));
        }
        clean.feed(line);
        std::mem::swap(&mut prev, &mut cur);
    }
    let Some(prefix) = prefixes.common(lines)? else {
        return clean.finish();
    };
    // A comment block: the lines again, without their prefix.
    let mut clean = Cleaner::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            clean.newline();
        }
        cur.clear();
        normalise_line_bytes(line, &mut cur);
        let line = std::str::from_utf8(&cur).ok()?;
        clean.feed(line.strip_prefix(prefix.as_str()).unwrap_or(line).trim());
    }
    clean.finish()
}

/// `text` in NFC (as the detector puts it), or `None` when it holds a character of class
/// [`Class::Unknown`]. Only the non-ASCII runs are looked at: the NFC quick check
/// starts afresh at every ASCII character, so each run can be checked on its own; when
/// one is not surely in NFC (NFC may join it with the letter before it), the whole text
/// is normalised and then checked.
fn nfc_of_known(text: &str) -> Option<Cow<'_, str>> {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut nfc = true;
    while let Some(i) = bytes[at..].iter().position(|&b| !b.is_ascii()) {
        let start = at + i;
        let end = bytes[start..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |j| start + j);
        let run = text.get(start..end)?;
        if is_nfc_quick(run.chars()) != IsNormalized::Yes {
            // NFC may join the run with the ASCII letter before it: the whole text
            // is normalised, then checked.
            nfc = false;
            break;
        }
        if run.chars().any(|c| class(c) == Class::Unknown) {
            return None;
        }
        at = end;
    }
    if nfc {
        return Some(Cow::Borrowed(text));
    }
    let text: String = text.nfc().collect();
    if text.chars().any(|c| class(c) == Class::Unknown) {
        return None;
    }
    Some(Cow::Owned(text))
}

/// The counting half of `remove_common_tokens`: how often consecutive lines share each
/// (trimmed, longer than 3 bytes) prefix.
#[derive(Default)]
struct Prefixes(Vec<(String, u32)>);

impl Prefixes {
    /// Counts the prefix two consecutive lines share.
    fn add(&mut self, common: &str) {
        if common.len() <= 3 {
            return;
        }
        match self.0.iter_mut().find(|(p, _)| p == common) {
            Some((_, n)) => *n += 1,
            // The detector starts a new prefix at 1 and adds 1 at once.
            None => self.0.push((common.to_string(), 2)),
        }
    }

    /// The deciding half, for a text of `lines` lines: `Some(None)` when no prefix is
    /// removed, `Some(Some(prefix))` when one is, `None` when the full detector would
    /// choose between tied prefixes at random.
    fn common(&self, lines: usize) -> Option<Option<String>> {
        let counts = &self.0;
        let Some(max) = counts.iter().map(|(_, n)| *n).max() else {
            return Some(None);
        };
        let threshold = (0.8f32 * lines as f32) as u32;
        let triggering: Vec<&String> = counts
            .iter()
            .filter(|(_, n)| *n == max)
            .map(|(p, _)| p)
            .filter(|p| {
                counts
                    .iter()
                    .filter(|(s, _)| s.starts_with(p.as_str()))
                    .map(|(_, n)| *n)
                    .sum::<u32>()
                    >= threshold
            })
            .collect();
        let ties = counts.iter().filter(|(_, n)| *n == max).count();
        match (triggering.as_slice(), ties) {
            ([], _) => Some(None),
            ([prefix], 1) => Some(Some((*prefix).clone())),
            _ => None,
        }
    }
}

/// `normalize_vertical_whitespace` (`[\r\n\v\f]` → `\n`, then `\n{3,}` → `\n\n`),
/// `remove_punctuation` (`[^\w\s]+` → ``) and lower case, fed line by line: a run of
/// line breaks is written out (as one or two `\n`) before the next character, whether
/// punctuation then removes that character or not, as the separate steps do.
struct Cleaner {
    out: Vec<u8>,
    newlines: usize,
    /// White space of a line held back by [`Cleaner::feed_raw_line`].
    pending: Vec<u8>,
    /// A capital sigma was seen: `str::to_lowercase` lowers it by its context, which
    /// this character-by-character step does not.
    sigma: bool,
}

impl Cleaner {
    fn with_capacity(n: usize) -> Cleaner {
        Cleaner {
            out: Vec::with_capacity(n),
            newlines: 0,
            pending: Vec::new(),
            sigma: false,
        }
    }

    /// The `\n` between two lines.
    fn newline(&mut self) {
        self.newlines += 1;
    }

    fn flush(&mut self) {
        self.out.extend_from_slice(&b"\n\n"[..self.newlines.min(2)]);
        self.newlines = 0;
    }

    /// One byte of a normalised ASCII line.
    fn feed_byte(&mut self, b: u8) {
        if matches!(b, b'\r' | b'\n' | b'\x0B' | b'\x0C') {
            self.newlines += 1;
            return;
        }
        if self.newlines > 0 {
            self.flush();
        }
        let k = ASCII_CLASSES.get(usize::from(b)).copied();
        if matches!(k, Some(Class::Word | Class::Connector)) || b.is_ascii_whitespace() {
            self.out.push(b.to_ascii_lowercase());
        }
    }

    /// The line steps ([`normalise_line_bytes`]) and this step at once, for a raw line
    /// without a URL (what most lines are): the normalised line is never written out,
    /// only its first bytes into `kept`. White space is held back until a character
    /// follows it (`trim`). `false`, with nothing fed, for other lines.
    fn feed_raw_line(&mut self, line: &str, kept: &mut Kept) -> bool {
        if line.contains("http") {
            return false;
        }
        let saved = (self.out.len(), self.newlines, self.sigma);
        let bytes = line.as_bytes();
        let mut prev: Option<Class> = None;
        let mut started = false;
        let mut junk = false;
        self.pending.clear();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let run = word_run(bytes.get(i..).unwrap_or_default());
            if run > 0 {
                let word = bytes.get(i..i + run).unwrap_or_default();
                i += run;
                prev = Some(Class::Word);
                started = true;
                self.feed_pending(kept);
                if self.newlines > 0 {
                    self.flush();
                }
                self.out.extend(word.iter().map(u8::to_ascii_lowercase));
                kept.push(word);
                continue;
            }
            let (k, c) = match ASCII_CLASSES.get(usize::from(b)) {
                Some(&k) => (k, char::from(b)),
                None => match line.get(i..).and_then(|rest| rest.chars().next()) {
                    Some(c) => (class(c), c),
                    None => return self.undo(saved),
                },
            };
            let raw = bytes.get(i..i + c.len_utf8()).unwrap_or_default();
            i += raw.len().max(1);
            if k == Class::Junk {
                junk = true;
                continue;
            }
            let folded = folded_byte(k);
            if folded.is_some() && prev == Some(k) {
                continue;
            }
            prev = Some(k);
            let c = folded.map_or(c, char::from);
            if c.is_ascii() && is_ascii_space(c as u8) {
                // Kept only if a character follows (`trim`).
                if started {
                    self.pending.push(c as u8);
                }
                continue;
            }
            started = true;
            self.feed_pending(kept);
            if c.is_ascii() {
                self.feed_byte(c as u8);
                kept.push(&[c as u8]);
            } else {
                self.feed_other(c);
                kept.push_char(raw);
            }
        }
        // Folding never joins letters, so only junk can make an `http` the line lacks.
        if junk {
            let rest: String = line.chars().filter(|&c| class(c) != Class::Junk).collect();
            if rest.contains("http") {
                return self.undo(saved);
            }
        }
        true
    }

    /// Takes back what [`Cleaner::feed_raw_line`] fed of a line: `false`.
    fn undo(&mut self, (out, newlines, sigma): (usize, usize, bool)) -> bool {
        self.out.truncate(out);
        self.newlines = newlines;
        self.sigma = sigma;
        false
    }

    /// A character beyond ASCII of a normalised line.
    fn feed_other(&mut self, c: char) {
        if self.newlines > 0 {
            self.flush();
        }
        self.feed_char(c);
    }

    /// The white space held back, now that a character follows it.
    #[inline]
    fn feed_pending(&mut self, kept: &mut Kept) {
        match self.pending.as_slice() {
            [] => return,
            [b' '] if self.newlines == 0 => {
                // One space between words: most of the text.
                self.out.push(b' ');
                kept.push(b" ");
                self.pending.clear();
                return;
            }
            _ => {}
        }
        let pending = std::mem::take(&mut self.pending);
        for &c in &pending {
            self.feed_byte(c);
        }
        kept.push(&pending);
        self.pending = pending;
        self.pending.clear();
    }

    fn feed(&mut self, line: &str) {
        let bytes = line.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if matches!(b, b'\r' | b'\n' | b'\x0B' | b'\x0C') {
                self.newlines += 1;
                i += 1;
                continue;
            }
            if self.newlines > 0 {
                self.flush();
            }
            let run = word_run(bytes.get(i..).unwrap_or_default());
            if run > 0 {
                let word = bytes.get(i..i + run).unwrap_or_default();
                self.out.extend(word.iter().map(u8::to_ascii_lowercase));
                i += run;
                continue;
            }
            if let Some(&k) = ASCII_CLASSES.get(usize::from(b)) {
                if matches!(k, Class::Word | Class::Connector) || b.is_ascii_whitespace() {
                    self.out.push(b.to_ascii_lowercase());
                }
                i += 1;
                continue;
            }
            let Some(c) = line.get(i..).and_then(|rest| rest.chars().next()) else {
                return;
            };
            i += c.len_utf8();
            self.feed_char(c);
        }
    }

    fn feed_char(&mut self, c: char) {
        if matches!(class(c), Class::Word | Class::Connector) || c.is_whitespace() {
            self.sigma |= c == 'Σ';
            let mut buf = [0u8; 4];
            for l in c.to_lowercase() {
                self.out
                    .extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
            }
        }
    }

    fn finish(mut self) -> Option<String> {
        self.flush();
        if self.sigma {
            return None;
        }
        let mut text = String::from_utf8(self.out).ok()?;
        // The title line and the copyright statements, removed in place.
        let title = text.len() - remove_title_line(&text).len();
        let statements = copyright_statements(text.get(title..)?);
        for r in statements.iter().rev() {
            text.replace_range(title + r.start..title + r.end, "\n\n");
        }
        text.replace_range(..title, "");
        Some(text)
    }
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
        let folded = folded_byte(k);
        if folded.is_some() && prev == Some(k) {
            continue;
        }
        prev = Some(k);
        out.push(folded.map_or(c, char::from));
    }
    // `trim`: only this line's part of `out`.
    let trimmed_end = out[start..].trim_end().len();
    out.truncate(start + trimmed_end);
    let lead = out[start..].len() - out[start..].trim_start().len();
    if lead > 0 {
        out.replace_range(start..start + lead, "");
    }
}

/// [`normalise_line`] on bytes, appended to `out`: junk is skipped as the line is read,
/// and a character beyond ASCII is decoded only where one starts. A line holding `http`
/// once its junk is gone (where a URL may start) takes [`normalise_line`] itself.
fn normalise_line_bytes(line: &str, out: &mut Vec<u8>) {
    let start = out.len();
    let mut prev: Option<Class> = None;
    let mut junk = false;
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let run = word_run(bytes.get(i..).unwrap_or_default());
        if run > 0 {
            out.extend_from_slice(bytes.get(i..i + run).unwrap_or_default());
            i += run;
            prev = Some(Class::Word);
            continue;
        }
        let (k, len) = match ASCII_CLASSES.get(usize::from(b)) {
            Some(&k) => (k, 1),
            None => line
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .map_or((Class::Unknown, 1), |c| (class(c), c.len_utf8())),
        };
        let here = i;
        i += len;
        if k == Class::Junk {
            junk = true;
            continue;
        }
        let folded = folded_byte(k);
        if folded.is_some() && prev == Some(k) {
            continue;
        }
        prev = Some(k);
        match folded {
            Some(f) => out.push(f),
            None => out.extend_from_slice(bytes.get(here..i).unwrap_or_default()),
        }
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
    // `trim`: what is left beyond ASCII are letters and punctuation, never white space
    // (ASCII white space is `\t`..=`\r` and space, as `char::is_whitespace`).
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

/// The common byte prefix of two lines, cut back to a character boundary and trimmed.
fn lcs_substr<'a>(a: &'a str, b: &str) -> &'a str {
    let n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let mut end = n.min(a.len());
    while !a.is_char_boundary(end) {
        end -= 1;
    }
    a[..end].trim()
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

/// `remove_copyright_statements` (`(?mx)`, each match replaced with `\n\n`), as the
/// step-by-step reference: see [`copyright_statements`].
#[cfg(test)]
fn remove_copyright_statements(s: &str) -> String {
    let mut out = s.to_string();
    for r in copyright_statements(s).iter().rev() {
        out.replace_range(r.clone(), "\n\n");
    }
    out
}

/// Where the matches of `remove_copyright_statements` are, in order (each is replaced
/// with `\n\n`, in place: a match holds "copyright", so the text only shrinks). The
/// expression has three alternatives (`(?mx)`):
/// 1. `(\n\n|\A\n*)(^\x20*copyright.*?$)+\n\n` — a copyright paragraph of one line;
/// 2. `\A.*copyright.*$` — a first line that mentions copyright;
/// 3. `^copyright(\s+(c|\d+))+.*?$` — a line that looks like a copyright statement.
///
/// At this point the text holds only lower-case word characters, spaces and `\n`.
fn copyright_statements(s: &str) -> Vec<std::ops::Range<usize>> {
    let b = s.as_bytes();
    let mut found = Vec::new();
    let mut p = 0;
    // No match starts at the end: every alternative holds "copyright".
    while p < b.len() {
        let candidate = p == 0 || b[p] == b'\n' || b[p - 1] == b'\n';
        if candidate && let Some(end) = copyright_match(s, p) {
            found.push(p..end);
            p = end;
            continue;
        }
        // The next position at a line break or just after one.
        p = if b[p] == b'\n' {
            p + 1
        } else {
            match s.get(p + 1..).and_then(|rest| rest.find('\n')) {
                Some(i) => p + 1 + i,
                None => break,
            }
        };
    }
    found
}

/// End of the match of the copyright expression starting at `p`, if any.
fn copyright_match(s: &str, p: usize) -> Option<usize> {
    let b = s.as_bytes();
    let line_end = |from: usize| s[from..].find('\n').map_or(s.len(), |i| from + i);
    // 1. Paragraph starts: `\n\n` here, then (at the start only) `\A\n*`.
    let paragraph = s[p..].starts_with("\n\n").then_some(p + 2);
    let start = (p == 0).then(|| b.iter().take_while(|&&c| c == b'\n').count());
    for q in paragraph.into_iter().chain(start) {
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
#[cfg(test)]
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

/// The full detector's steps one by one, as this module first wrote them: the
/// reference the one-pass [`uncollapsed`] is tested against.
#[cfg(test)]
mod by_steps {
    use super::*;

    /// The processed text, step by step.
    pub fn processed(text: &str) -> Option<String> {
        let text: Cow<'_, str> =
            if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
                Cow::Borrowed(text)
            } else {
                Cow::Owned(text.nfc().collect())
            };
        if text.chars().any(|c| class(c) == Class::Unknown) {
            return None;
        }
        let mut joined = String::new();
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                joined.push('\n');
            }
            normalise_line(line, &mut joined);
        }
        let joined = remove_common_tokens(&joined)?;
        let text = normalize_vertical_whitespace(&joined);
        let text = remove_punctuation(&text);
        let text = text.to_lowercase();
        let text = remove_title_line(&text);
        let text = remove_copyright_statements(text);
        Some(collapse_whitespace(&text))
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

    /// `[^\w\s]+` → ``. After the line steps, only word characters, white space and
    /// punctuation are left.
    fn remove_punctuation(s: &str) -> String {
        s.chars()
            .filter(|&c| matches!(class(c), Class::Word | Class::Connector) || c.is_whitespace())
            .collect()
    }
}

#[cfg(test)]
pub(crate) mod tests {
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

    /// The vendored licence texts and the forms repositories carry them in, with every
    /// step's corner: copyright lines and titles, CRLF and lone CR, form feeds, tabs,
    /// comment prefixes, URLs, non-ASCII letters, quotes and spaces, text not in NFC.
    pub(crate) fn texts_and_variants() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/licences");
        let texts: Vec<String> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        assert!(
            texts.len() >= 15,
            "licence texts missing in {}",
            dir.display()
        );
        let mut out = Vec::new();
        for t in &texts {
            let short: String = t.lines().take(12).collect::<Vec<_>>().join("\n");
            for body in [t.as_str(), short.as_str()] {
                out.push(body.to_string());
                out.push(format!("Copyright (c) 2026 Comune di Esempio\n\n{body}"));
                out.push(format!(
                    "# MIT License\n\nCopyright 2020 A\nCopyright 2021 B\n\n{body}"
                ));
                out.push(body.replace('\n', "\r\n"));
                out.push(body.replace('\n', "\r"));
                out.push(body.replace("\n\n", "\n\x0C\n"));
                out.push(body.lines().map(|l| format!("# {l}\n")).collect());
                out.push(body.lines().map(|l| format!(" * {l}\n")).collect());
                out.push(body.lines().map(|l| format!("\t{l}  \n")).collect());
                out.push(format!(
                    "Copyright © 2024–2026 Città di Torino — “Servizi”\u{A0}Informatici\n\n{body}"
                ));
                out.push(format!("Cafe\u{301} n\u{303}o\n{body}"));
            }
        }
        out.extend(
            [
                "a.\n\n.\n\n\x0Bb\r\r\r\rc -- D_E\x0C\tF!?\n",
                "",
                "\n\n\n",
                "license\n\nx y",
                "MIT License version 2 copyright me\n\n\n---\n\nx y z",
                "copyright\n2020 a\nb c\n\n  copyright x\n\nd e",
                "see <https://example.org/a?b=c> now, don't ___ stop",
                "ht$tp://example.org/x done\n-- -- --\n(a) b",
                "ΣΟΦΊΑ ΣΟΦΌΣ text",
                "// one two three four\n// one two three five\n// one two six\n// seven",
                "# a\n# b\n## c\n## d\n",
                "the same long line of text, longer than the bytes kept\nthe same long line of text, longer than the bytes kept\nand one more",
                "x\n    the same long line of text, longer than the bytes kept  \n\tthe same long line of text, longer than the bytes kept!\n",
                "a $line with junk + and = signs\n a $line with junk + and = signs, longer than kept\n",
                "  \t  lead and trail \r\x0B \n\r\r\n--  -- x -- \x0C y\t\n",
                "“the same long line of text, longer than the bytes kept”\n“the same long line of text, longer than the bytes kept”",
                "éééééééééééééééééééééééééééééé\néééééééééééééééééééééééééééééééé\n",
                "éééééééééééééééxéa\néééééééééééééééxéb\néééééééééééééééxéc\n",
            ]
            .map(String::from),
        );
        out
    }

    /// The one pass settles the usual forms, and as the two passes do.
    #[test]
    fn one_pass_is_two_passes() {
        let mut one = 0;
        let all = texts_and_variants();
        for t in &all {
            let Some(t) = nfc_of_known(t) else {
                continue;
            };
            if let Some(mine) = one_pass(&t) {
                one += 1;
                assert_eq!(Some(mine), two_passes(&t), "{t:?}");
            }
        }
        // Not the comment blocks (two in eleven forms) nor the texts refused.
        assert!(
            one * 10 > all.len() * 7,
            "one pass for {one} of {}",
            all.len()
        );
    }

    #[test]
    fn the_one_pass_is_the_steps() {
        let mut checked = 0;
        for t in texts_and_variants() {
            let mine = processed(&t);
            if mine.is_some() {
                checked += 1;
            }
            // The one pass may only refuse what it cannot promise (a capital sigma).
            if mine.is_none() && !t.contains('Σ') {
                assert_eq!(by_steps::processed(&t), None, "{t:?}");
            } else if mine.is_some() {
                assert_eq!(mine, by_steps::processed(&t), "{t:?}");
            }
        }
        assert!(checked > 300, "only {checked} texts compared");
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
                    super::normalise_line_bytes(line, &mut b);
                    String::from_utf8(b).unwrap_or_default()
                })
                .collect();
            assert_eq!(bytes, theirs, "byte pass: {}", path.display());
            seen += 1;
        }
        assert!(seen >= 15, "licence texts missing in {}", dir.display());
    }

    /// The byte pass gives the character pass's lines, junk, URLs and characters beyond
    /// ASCII included.
    #[test]
    fn the_byte_line_pass_is_the_line_pass() {
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
            "Copyright © 2024–2026 Città “di” Torino — ‘Servizi’\u{A0}\u{A0}Informatici …",
            " \u{2003}«a»\u{FEFF}b§ ¶ € ™ ‚low‚‚ end\u{3000}",
            "©http://example.org ©ht©tp x",
        ] {
            let mut s = String::new();
            super::normalise_line(line, &mut s);
            let mut b = Vec::new();
            super::normalise_line_bytes(line, &mut b);
            assert_eq!(String::from_utf8(b).ok(), Some(s), "{line:?}");
        }
    }
}
