//! Small text checks: lengths in grapheme clusters, MIME types, e-mail addresses, and
//! "did you mean" suggestions.

use unicode_segmentation::UnicodeSegmentation;

/// Length in grapheme clusters, as the reference validator counts.
pub fn grapheme_len(s: &str) -> usize {
    s.graphemes(true).count()
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
        assert!(is_mime_type("text/plain"));
        assert!(is_mime_type("application/vnd.ms-excel"));
        assert!(!is_mime_type("foo"));
        assert!(is_email("a@example.org"));
        assert!(!is_email("not-an-email"));
        assert_eq!(closest("Stable", &["stable", "beta"]), Some("stable"));
        assert_eq!(closest("stabel", &["stable", "beta"]), Some("stable"));
        assert_eq!(closest("zzz", &["stable", "beta"]), None);
    }
}
