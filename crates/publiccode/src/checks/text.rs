//! Small text checks: lengths in grapheme clusters, MIME types, e-mail addresses, and
//! "did you mean" suggestions.

use unicode_segmentation::UnicodeSegmentation;

/// Length in grapheme clusters, as the reference validator counts.
pub fn grapheme_len(s: &str) -> usize {
    // Fast paths: in ASCII, and in Latin text (every character below U+0300, where the
    // combining marks start, or common punctuation and currency signs), every character
    // is a cluster of its own, except that CR LF is one cluster.
    let crlf = || s.as_bytes().windows(2).filter(|w| w == b"\r\n").count();
    if s.is_ascii() {
        return s.len() - crlf();
    }
    if s.chars().all(single_cluster) {
        return s.chars().count() - crlf();
    }
    s.graphemes(true).count()
}

/// Characters that never join a neighbour into one grapheme cluster (Grapheme_Cluster_Break
/// Any or Control, apart from CR before LF).
fn single_cluster(c: char) -> bool {
    (c as u32) < 0x300
        || matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{20A0}'..='\u{20C0}')
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
pub fn closest<'a>(value: &str, list: &[&'a str]) -> Option<&'a str> {
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

/// Edit distance, bounded in cost by the short inputs it is used on.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
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

    proptest::proptest! {
        /// The ASCII fast path agrees with the grapheme segmenter on any ASCII text.
        #[test]
        fn ascii_fast_path_counts_clusters(s in "[\\x00-\\x7f]{0,64}") {
            proptest::prop_assert_eq!(grapheme_len(&s), s.graphemes(true).count());
        }

        /// So does the Latin fast path, and the slow path with combining marks mixed in.
        #[test]
        fn latin_fast_path_counts_clusters(
            s in "[\\x00-\\u{2ff}\\u{2010}-\\u{2027}\\u{2030}-\\u{205e}\\u{20a0}-\\u{20c0}\\u{301}\\u{200d}]{0,64}"
        ) {
            proptest::prop_assert_eq!(grapheme_len(&s), s.graphemes(true).count());
        }
    }
}
