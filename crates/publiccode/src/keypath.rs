//! Key paths: which key of a publiccode.yml a diagnostic is about.
//!
//! A [`KeyPath`] is built segment by segment while walking a document, printed in
//! every output format, compared when suppressing or replacing diagnostics, and read
//! back from text (suppression comments, profile rules). One type does all of it, so
//! the written form cannot drift between crates.
//!
//! The written form is the reference validator's (publiccode-parser-go), which users
//! and tools already match against:
//!
//! - keys are joined with dots: `maintenance.type`;
//! - list items are indexed in brackets: `maintenance.contacts[0].email`;
//! - a language key that is not a single word is written in brackets:
//!   `description[pt-BR].features`, while `description.en.features` keeps the dot;
//! - a key that contains `.`, `[` or `]` (or is empty) is quoted in brackets:
//!   `["a.b"]`, so that every path reads back as the same segments.
//!
//! `description.pt-BR.genericName` and `description[pt-BR].genericName` name the same
//! key (the reference uses both forms, depending on the rule): they compare equal and
//! hash alike, and each is printed as it was written.
//!
//! ```
//! use publiccode::KeyPath;
//!
//! let path = KeyPath::root().key("description").lang("pt-BR").key("features").index(0);
//! assert_eq!(path.to_string(), "description[pt-BR].features[0]");
//! assert_eq!(path.to_string().parse::<KeyPath>(), Ok(path.clone()));
//! assert!(path.starts_with(&"description".parse().unwrap()));
//! assert_eq!(path, "description.pt-BR.features[0]");
//! ```

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::hash::{Hash, Hasher};

use serde::{Serialize, Serializer};

/// A key path such as `description[pt-BR].features[0]`; see the [module docs](self).
#[derive(Debug, Clone, Default, Eq)]
pub struct KeyPath {
    /// The written form; always well formed (every constructor guarantees it).
    text: String,
}

/// One step of a [`KeyPath`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Segment<'a> {
    /// A mapping key (`maintenance`, `pt-BR`).
    Key(Cow<'a, str>),
    /// A list position, from 0.
    Index(usize),
}

/// Text that is not a key path (an unclosed bracket, an empty segment …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPathError {
    /// The text.
    pub text: String,
    /// Byte offset of the problem in `text`.
    pub at: usize,
}

impl fmt::Display for KeyPathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a key path (at byte {}): write keys joined by dots, with list \
             positions and language tags in brackets (`description[pt-BR].features[0]`)",
            self.text, self.at
        )
    }
}

impl std::error::Error for KeyPathError {}

/// Whether `k` can be written bare after a dot.
fn bare_key(k: &str) -> bool {
    !k.is_empty() && !k.contains(['.', '[', ']', '"'])
}

impl KeyPath {
    /// The empty path: the document itself (file-level diagnostics).
    pub fn root() -> KeyPath {
        KeyPath::default()
    }

    /// Whether this is the document itself.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The written form.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// This path followed by the mapping key `k` (`a` + `b` = `a.b`).
    #[must_use]
    pub fn key(mut self, k: &str) -> KeyPath {
        self.push_key(k);
        self
    }

    /// This path followed by a language key: bracketed unless it is a single word, as
    /// the reference writes it (`description.en`, `description[pt-BR]`).
    #[must_use]
    pub fn lang(mut self, tag: &str) -> KeyPath {
        self.push_lang(tag);
        self
    }

    /// This path followed by list position `i` (`a` + 2 = `a[2]`).
    #[must_use]
    pub fn index(mut self, i: usize) -> KeyPath {
        self.push_index(i);
        self
    }

    /// Appends the mapping key `k`; see [`KeyPath::key`].
    pub fn push_key(&mut self, k: &str) {
        if bare_key(k) {
            if !self.text.is_empty() {
                self.text.push('.');
            }
            self.text.push_str(k);
        } else {
            self.push_quoted(k);
        }
    }

    /// Appends a language key; see [`KeyPath::lang`].
    pub fn push_lang(&mut self, tag: &str) {
        if !tag.is_empty() && tag.chars().all(|c| c.is_ascii_alphabetic()) {
            self.push_key(tag);
        } else if bare_key(tag) && !tag.bytes().all(|b| b.is_ascii_digit()) {
            self.text.push('[');
            self.text.push_str(tag);
            self.text.push(']');
        } else {
            self.push_quoted(tag);
        }
    }

    /// Appends list position `i`; see [`KeyPath::index`].
    pub fn push_index(&mut self, i: usize) {
        let _ = write!(self.text, "[{i}]");
    }

    fn push_quoted(&mut self, k: &str) {
        self.text.push_str("[\"");
        for c in k.chars() {
            if c == '"' || c == '\\' {
                self.text.push('\\');
            }
            self.text.push(c);
        }
        self.text.push_str("\"]");
    }

    /// The segments, first to last.
    pub fn segments(&self) -> impl Iterator<Item = Segment<'_>> + '_ {
        // The text is well formed by construction, so the parser cannot fail here.
        Segments {
            rest: &self.text,
            first: true,
        }
        .map_while(Result::ok)
    }

    /// The number of segments.
    pub fn len(&self) -> usize {
        self.segments().count()
    }

    /// The last segment, `None` for the root.
    pub fn last(&self) -> Option<Segment<'_>> {
        self.segments().last()
    }

    /// The path without its last segment (`a.b[0]` → `a.b`); the root stays the root.
    #[must_use]
    pub fn parent(&self) -> KeyPath {
        let n = self.len().saturating_sub(1);
        let mut out = KeyPath::root();
        for seg in self.segments().take(n) {
            out.push_segment(&seg);
        }
        out
    }

    /// Appends one segment (a key in its plain form: see [`KeyPath::push_key`]).
    pub fn push_segment(&mut self, seg: &Segment<'_>) {
        match seg {
            Segment::Key(k) => self.push_key(k),
            Segment::Index(i) => self.push_index(*i),
        }
    }

    /// Whether `base` is this path or one of its ancestors, segment by segment
    /// (`IT.riuso` starts with `IT`; `ITALY` does not; everything starts with the root).
    pub fn starts_with(&self, base: &KeyPath) -> bool {
        let mut mine = self.segments();
        base.segments().all(|b| mine.next().is_some_and(|m| m == b))
    }

    /// Reads a written key path (the inverse of [`Display`](fmt::Display)); the empty
    /// text is the root.
    pub fn parse(text: &str) -> Result<KeyPath, KeyPathError> {
        let mut it = Segments {
            rest: text,
            first: true,
        };
        for seg in it.by_ref() {
            if let Err(off) = seg {
                return Err(KeyPathError {
                    text: text.to_string(),
                    at: off,
                });
            }
        }
        // Keep the form as written (dots or brackets around language tags).
        Ok(KeyPath {
            text: text.to_string(),
        })
    }
}

/// The segment parser behind [`KeyPath::segments`] and [`KeyPath::parse`]; an error
/// carries the byte offset (in the rest) where the text stopped being a path.
struct Segments<'a> {
    rest: &'a str,
    first: bool,
}

impl<'a> Iterator for Segments<'a> {
    type Item = Result<Segment<'a>, usize>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let first = std::mem::replace(&mut self.first, false);
        let item = if let Some(inner) = self.rest.strip_prefix('[') {
            parse_bracket(inner).map(|(seg, used)| {
                self.rest = &inner[used..];
                seg
            })
        } else {
            let body = if first {
                Some(self.rest)
            } else {
                self.rest.strip_prefix('.')
            };
            match body {
                Some(body) => {
                    let end = body.find(['.', '[', ']', '"']).unwrap_or(body.len());
                    if end == 0 || body[end..].starts_with([']', '"']) {
                        Err(0)
                    } else {
                        self.rest = &body[end..];
                        Ok(Segment::Key(Cow::Borrowed(&body[..end])))
                    }
                }
                None => Err(0),
            }
        };
        if item.is_err() {
            self.rest = "";
        }
        Some(item)
    }
}

/// Parses what follows a `[`: digits, a quoted key or a language tag, then `]`.
/// Returns the segment and the bytes used (including the `]`).
fn parse_bracket(inner: &str) -> Result<(Segment<'_>, usize), usize> {
    if let Some(quoted) = inner.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = quoted.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some((_, e)) => out.push(e),
                    None => return Err(0),
                },
                '"' => {
                    return if quoted[i + 1..].starts_with(']') {
                        Ok((Segment::Key(Cow::Owned(out)), 1 + i + 2))
                    } else {
                        Err(0)
                    };
                }
                c => out.push(c),
            }
        }
        return Err(0);
    }
    let end = inner.find(']').ok_or(0usize)?;
    let body = &inner[..end];
    if body.is_empty() || body.contains(['[', '"']) {
        return Err(0);
    }
    let seg = if body.bytes().all(|b| b.is_ascii_digit()) {
        Segment::Index(body.parse().map_err(|_| 0usize)?)
    } else {
        Segment::Key(Cow::Borrowed(body))
    };
    Ok((seg, end + 1))
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::str::FromStr for KeyPath {
    type Err = KeyPathError;

    fn from_str(s: &str) -> Result<KeyPath, KeyPathError> {
        KeyPath::parse(s)
    }
}

impl PartialEq for KeyPath {
    fn eq(&self, other: &KeyPath) -> bool {
        self.text == other.text || self.segments().eq(other.segments())
    }
}

impl Hash for KeyPath {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for seg in self.segments() {
            seg.hash(state);
        }
    }
}

impl PartialOrd for KeyPath {
    fn partial_cmp(&self, other: &KeyPath) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for KeyPath {
    /// Segment by segment; a key sorts before an index at the same depth.
    fn cmp(&self, other: &KeyPath) -> std::cmp::Ordering {
        fn rank<'a>(s: &'a Segment<'a>) -> (u8, usize, &'a str) {
            match s {
                Segment::Key(k) => (0, 0, k),
                Segment::Index(i) => (1, *i, ""),
            }
        }
        let (a, b): (Vec<_>, Vec<_>) = (self.segments().collect(), other.segments().collect());
        a.iter().map(rank).cmp(b.iter().map(rank))
    }
}

impl PartialEq<str> for KeyPath {
    fn eq(&self, other: &str) -> bool {
        self.text == other || KeyPath::parse(other).is_ok_and(|p| *self == p)
    }
}

impl PartialEq<&str> for KeyPath {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl PartialEq<KeyPath> for &str {
    fn eq(&self, other: &KeyPath) -> bool {
        *other == **self
    }
}

impl PartialEq<KeyPath> for str {
    fn eq(&self, other: &KeyPath) -> bool {
        *other == *self
    }
}

impl From<&str> for KeyPath {
    /// Reads `text` as a key path; text that is not one becomes a single (quoted) key,
    /// so nothing is lost.
    fn from(text: &str) -> KeyPath {
        KeyPath::parse(text).unwrap_or_else(|_| KeyPath::root().key(text))
    }
}

impl From<String> for KeyPath {
    /// See [`From<&str>`](#impl-From%3C%26str%3E-for-KeyPath).
    fn from(text: String) -> KeyPath {
        match KeyPath::parse(&text) {
            Ok(_) => KeyPath { text },
            Err(_) => KeyPath::root().key(&text),
        }
    }
}

impl From<&String> for KeyPath {
    fn from(text: &String) -> KeyPath {
        KeyPath::from(text.as_str())
    }
}

impl From<&KeyPath> for KeyPath {
    fn from(path: &KeyPath) -> KeyPath {
        path.clone()
    }
}

impl Serialize for KeyPath {
    /// As the written form, a string: the JSON and SARIF contracts.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> KeyPath {
        KeyPath::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn builds_the_reference_form() {
        let contacts = KeyPath::root()
            .key("maintenance")
            .key("contacts")
            .index(0)
            .key("email");
        assert_eq!(contacts.as_str(), "maintenance.contacts[0].email");
        let en = KeyPath::root()
            .key("description")
            .lang("en")
            .key("features");
        assert_eq!(en.as_str(), "description.en.features");
        let pt = KeyPath::root()
            .key("description")
            .lang("pt-BR")
            .key("features");
        assert_eq!(pt.as_str(), "description[pt-BR].features");
        assert_eq!(KeyPath::root().index(3).as_str(), "[3]");
        assert_eq!(KeyPath::root().key("a.b").key("c").as_str(), "[\"a.b\"].c");
        assert_eq!(KeyPath::root().key("").as_str(), "[\"\"]");
        assert_eq!(KeyPath::root().lang("12").as_str(), "[\"12\"]");
        assert_eq!(
            KeyPath::root().key("x").lang("a]\"b").as_str(),
            "x[\"a]\\\"b\"]"
        );
    }

    #[test]
    fn parse_and_display_round_trip() {
        let odd = KeyPath::root()
            .key("we\"ird.")
            .lang("a]b")
            .index(7)
            .key("[x]");
        for text in [
            "",
            "url",
            "maintenance.contacts[0].email",
            "description[pt-BR].features[0]",
            "description.en-US.genericName",
            "[0]",
            "a[1][2].b",
            "[\"a.b\"].c",
            odd.as_str(),
        ] {
            let path = p(text);
            assert_eq!(path.to_string(), text);
            assert_eq!(p(&path.to_string()), path);
            // Rebuilding from the segments gives the same path.
            let mut again = KeyPath::root();
            for seg in path.segments() {
                again.push_segment(&seg);
            }
            assert_eq!(again, path, "{text}");
        }
        assert_eq!(
            odd.segments().collect::<Vec<_>>(),
            vec![
                Segment::Key("we\"ird.".into()),
                Segment::Key("a]b".into()),
                Segment::Index(7),
                Segment::Key("[x]".into()),
            ]
        );
    }

    #[test]
    fn rejects_what_is_not_a_path() {
        for bad in [
            ".a", "a.", "a..b", "a[", "a[]", "a]b", "a[0", "a[\"x]", "a[\"x\"", "a\"b", "[x[y]]",
        ] {
            assert!(KeyPath::parse(bad).is_err(), "{bad:?}");
            // Such text still converts, as one quoted key.
            assert_eq!(KeyPath::from(bad).segments().count(), 1, "{bad:?}");
        }
    }

    #[test]
    fn both_language_forms_name_the_same_key() {
        let dotted = p("description.pt-BR.genericName");
        let bracketed = p("description[pt-BR].genericName");
        assert_eq!(dotted, bracketed);
        use std::hash::BuildHasher;
        let state = std::collections::hash_map::RandomState::new();
        assert_eq!(state.hash_one(&dotted), state.hash_one(&bracketed));
        // Each keeps its written form.
        assert_eq!(dotted.to_string(), "description.pt-BR.genericName");
        assert_eq!(bracketed, "description.pt-BR.genericName");
        assert_ne!(p("a.b"), p("a[0]"));
    }

    #[test]
    fn ancestors_go_by_segment() {
        assert!(p("IT.riuso.codiceIPA").starts_with(&p("IT")));
        assert!(p("IT").starts_with(&p("IT")));
        assert!(p("a[0].b").starts_with(&p("a")));
        assert!(p("a[0].b").starts_with(&KeyPath::root()));
        assert!(!p("ITALY").starts_with(&p("IT")));
        assert!(!p("IT").starts_with(&p("IT.riuso")));
        assert_eq!(p("a.b[0]").parent(), p("a.b"));
        assert_eq!(p("a").parent(), KeyPath::root());
        assert_eq!(p("a.b[0]").last(), Some(Segment::Index(0)));
        assert_eq!(p("a.b[0]").len(), 3);
    }

    #[test]
    fn serialises_as_the_written_form() {
        let json = serde_json::to_string(&p("description[pt-BR].features[0]")).unwrap_or_default();
        assert_eq!(json, "\"description[pt-BR].features[0]\"");
    }
}
