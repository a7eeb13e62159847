//! Small text checks: lengths in grapheme clusters, MIME types, e-mail addresses, and
//! "did you mean" suggestions.

use unicode_segmentation::UnicodeSegmentation;

/// Length in grapheme clusters, as the reference validator counts.
pub fn grapheme_len(s: &str) -> usize {
    // Fast paths: in ASCII, and in Latin text (every character below U+0300, where the
    // combining marks start, or common punctuation and currency signs), every character
    // is a cluster of its own, except that CR LF is one cluster. Each is one pass over
    // the text (descriptions run to thousands of characters, in every file).
    let crlf = || {
        if s.as_bytes().contains(&b'\r') {
            s.as_bytes().windows(2).filter(|w| w == b"\r\n").count()
        } else {
            0
        }
    };
    if s.is_ascii() {
        return s.len() - crlf();
    }
    // Every character below U+0300 is ASCII or starts with a byte below 0xCC: then the
    // characters are the bytes that do not continue a sequence, counted in one
    // vectorised pass with no decoding.
    let (starts, high) = s.as_bytes().iter().fold((0usize, 0u8), |(n, high), &b| {
        (n + usize::from((b as i8) >= -0x40), high.max(b))
    });
    if high < 0xCC {
        return starts - crlf();
    }
    let mut chars = 0usize;
    for c in s.chars() {
        if !single_cluster(c) {
            return s.graphemes(true).count();
        }
        chars += 1;
    }
    chars - crlf()
}

/// Characters that never join a neighbour into one grapheme cluster (Grapheme_Cluster_Break
/// Any or Control, apart from CR before LF).
fn single_cluster(c: char) -> bool {
    (c as u32) < 0x300
        || matches!(
            c,
            // Zero-width space and the direction marks (Control).
            '\u{200B}' | '\u{200E}' | '\u{200F}'
            // Punctuation, currency signs.
            | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{20A0}'..='\u{20C0}'
            // Arrows, mathematical operators, technical symbols, box drawing, shapes,
            // dingbats: no marks among them (the marks for symbols are U+20D0–U+20FF).
            | '\u{2190}'..='\u{2BFF}'
            // The object and replacement characters.
            | '\u{FFFC}' | '\u{FFFD}'
        )
}

/// The reference validator's MIME check:
/// `^ *([A-Za-z0-9][A-Za-z0-9!#$&^_-]{0,126})/([A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}) *$`.
pub fn is_mime_type(s: &str) -> bool {
    let s = s.trim_matches(' ');
    let Some((t, sub)) = s.split_once('/') else {
        return false;
    };
    fn part(p: &str, extra: &[u8]) -> bool {
        let b = p.as_bytes();
        !b.is_empty()
            && b.len() <= 127
            && b[0].is_ascii_alphanumeric()
            && b[1..]
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
    }
    part(t, b"!#$&^_-") && part(sub, b"!#$&^_.+-")
}

/// An RFC 5322 e-mail address.
pub fn is_email(s: &str) -> bool {
    email_address::EmailAddress::is_valid(s)
}

/// The closest value of `list` to `value` (case-insensitive equality first, then edit
/// distance at most a third of the length).
///
/// Called only for a value that is already wrong (an unknown key, a value outside its
/// list), but then once per candidate: a candidate whose length alone puts it out of
/// reach is skipped, and the distance stops as soon as it passes the bound, with no
/// allocation per candidate. [`levenshtein`] is the plain distance it agrees with.
pub fn closest<'a>(value: &str, list: &[&'a str]) -> Option<&'a str> {
    if let Some(hit) = list.iter().find(|c| c.eq_ignore_ascii_case(value)) {
        return Some(hit);
    }
    let lower: Vec<char> = value.to_lowercase().chars().take(MAX_CHARS).collect();
    let mut cand: Vec<char> = Vec::with_capacity(MAX_CHARS);
    let mut rows = Rows::default();
    let mut best: Option<(usize, &str)> = None;
    for c in list {
        // Only a distance below the best so far, and within the candidate's bound, wins.
        let bound = match best {
            Some((0, _)) => break,
            Some((bd, _)) => (c.len() / 3).clamp(1, 2).min(bd - 1),
            None => (c.len() / 3).clamp(1, 2),
        };
        cand.clear();
        if c.is_ascii() {
            cand.extend(
                c.bytes()
                    .take(MAX_CHARS)
                    .map(|b| char::from(b.to_ascii_lowercase())),
            );
        } else {
            cand.extend(c.to_lowercase().chars().take(MAX_CHARS));
        }
        if lower.len().abs_diff(cand.len()) > bound {
            continue;
        }
        if let Some(d) = rows.distance_within(&lower, &cand, bound) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Characters of each input that the edit distance looks at: did-you-mean candidates
/// are short, and the cost stays bounded whatever a file holds.
const MAX_CHARS: usize = 64;

/// Edit distance, bounded in cost by the short inputs it is used on.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(MAX_CHARS).collect();
    let b: Vec<char> = b.chars().take(MAX_CHARS).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The two rows of the edit-distance table, reused from one candidate to the next.
#[derive(Default)]
struct Rows {
    prev: Vec<usize>,
    cur: Vec<usize>,
}

impl Rows {
    /// [`levenshtein`] of `a` and `b` when it is at most `bound`, else `None`: a row
    /// whose every entry is past the bound can only lead to a larger distance, so the
    /// table stops there.
    fn distance_within(&mut self, a: &[char], b: &[char], bound: usize) -> Option<usize> {
        self.prev.clear();
        self.prev.extend(0..=b.len());
        self.cur.clear();
        self.cur.resize(b.len() + 1, 0);
        for (i, ca) in a.iter().enumerate() {
            self.cur[0] = i + 1;
            let mut row_min = self.cur[0];
            for (j, cb) in b.iter().enumerate() {
                let cost = usize::from(ca != cb);
                let v = (self.prev[j] + cost)
                    .min(self.prev[j + 1] + 1)
                    .min(self.cur[j] + 1);
                self.cur[j + 1] = v;
                row_min = row_min.min(v);
            }
            if row_min > bound {
                return None;
            }
            std::mem::swap(&mut self.prev, &mut self.cur);
        }
        Some(self.prev[b.len()]).filter(|&d| d <= bound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks() {
        assert_eq!(grapheme_len("e\u{301}"), 1);
        // The ASCII fast path counts as the segmenter does, CR LF included.
        for ascii in [
            "",
            "a",
            "abc",
            "a\r\nb",
            "\r\n\r\n",
            "\r\r\n\n",
            "\n\r",
            "x\ty\0z\x7f",
        ] {
            assert_eq!(
                grapheme_len(ascii),
                ascii.graphemes(true).count(),
                "{ascii:?}"
            );
        }
        assert!(is_mime_type("text/plain"));
        assert!(is_mime_type("application/vnd.ms-excel"));
        assert!(!is_mime_type("foo"));
        assert!(is_email("a@example.org"));
        assert!(!is_email("not-an-email"));
        assert_eq!(closest("Stable", &["stable", "beta"]), Some("stable"));
        assert_eq!(closest("stabel", &["stable", "beta"]), Some("stable"));
        assert_eq!(closest("zzz", &["stable", "beta"]), None);
    }

    /// The plain did-you-mean search that [`closest`] speeds up.
    fn closest_plainly<'a>(value: &str, list: &[&'a str]) -> Option<&'a str> {
        if let Some(hit) = list.iter().find(|c| c.eq_ignore_ascii_case(value)) {
            return Some(hit);
        }
        let lower = value.to_lowercase();
        let mut best: Option<(usize, &str)> = None;
        for c in list {
            let d = levenshtein(&lower, &c.to_lowercase());
            if d <= (c.len() / 3).clamp(1, 2) && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, c));
            }
        }
        best.map(|(_, c)| c)
    }

    #[test]
    fn closest_agrees_with_the_plain_search_on_the_lists() {
        let lists: [&[&str]; 3] = [
            crate::spec::lists::CATEGORIES,
            crate::spec::lists::SCOPES,
            &["stable", "beta", "İx", "ÀB", "a", "ab"],
        ];
        for list in lists {
            for v in list
                .iter()
                .copied()
                .chain(["", "x", "stabel", "accountng", "İX", "àb"])
            {
                let mut probes = vec![v.to_string(), v.to_uppercase()];
                for i in 0..v.chars().count() {
                    let mut cs: Vec<char> = v.chars().collect();
                    cs.remove(i);
                    probes.push(cs.iter().collect());
                    cs.insert(i, 'q');
                    probes.push(cs.iter().collect());
                }
                for p in probes {
                    assert_eq!(closest(&p, list), closest_plainly(&p, list), "{p:?}");
                }
            }
        }
    }

    #[test]
    fn single_cluster_characters_never_join_a_neighbour() {
        // A mark, joiner, prepended character, regional indicator or Hangul jamo would
        // join one of these pairs into fewer clusters.
        for c in (0..=0xFFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| single_cluster(c))
        {
            assert_eq!(
                format!("a{c}a").graphemes(true).count(),
                3,
                "{:x}",
                c as u32
            );
            assert_eq!(
                format!("{c}{c}").graphemes(true).count(),
                2,
                "{:x}",
                c as u32
            );
        }
    }

    proptest::proptest! {
        /// The bounded search agrees with the plain one on any value.
        #[test]
        fn closest_agrees_with_the_plain_search(
            v in "[a-zA-Zİàé_ -]{0,20}",
            list in proptest::collection::vec("[a-zİàé_-]{0,12}", 0..8),
        ) {
            let list: Vec<&str> = list.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(closest(&v, &list), closest_plainly(&v, &list));
        }

        /// The ASCII fast path agrees with the grapheme segmenter on any ASCII text.
        #[test]
        fn ascii_fast_path_counts_clusters(s in "[\\x00-\\x7f]{0,64}") {
            proptest::prop_assert_eq!(grapheme_len(&s), s.graphemes(true).count());
        }

        /// So does the Latin fast path, and the slow path with combining marks mixed in.
        #[test]
        fn latin_fast_path_counts_clusters(
            s in "[\\x00-\\u{2ff}\\u{200b}\\u{200e}\\u{200f}\\u{2010}-\\u{2027}\\u{2030}-\\u{205e}\\u{20a0}-\\u{20c0}\\u{2190}-\\u{2bff}\\u{fffc}\\u{fffd}\\u{301}\\u{200d}]{0,64}"
        ) {
            proptest::prop_assert_eq!(grapheme_len(&s), s.graphemes(true).count());
        }
    }
}
