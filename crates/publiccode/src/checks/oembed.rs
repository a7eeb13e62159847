//! oEmbed video links: the standard's `description.*.videos` entries must be URLs
//! of a known oEmbed provider, so that catalogues can embed them.
//!
//! A URL is an oEmbed URL when it matches one of the URL schemes of the provider
//! list in `data::oembed`. A scheme such as `https://*.youtube.com/watch*`
//! is matched against the whole URL, case-sensitively, with `*` standing for any
//! sequence of characters (except a newline), as if each `*` were `.*` in an
//! anchored regular expression. So `https://*.youtube.com/watch*` needs a
//! subdomain, and nothing else is a wildcard (`?` and `.` are literal).
//!
//! The reference validator matches through go-oembed, whose translation differs
//! in corner cases: there an `http://` scheme also matches `https://`, a `*` in
//! the host does not cross a `/`, and an unescaped `.` matches any character.
//!
//! The matcher is a hand-written wildcard match (no regex), `O(url × scheme)` in
//! the worst case; URLs longer than [`MAX_URL_LEN`] bytes never match.

use crate::data::oembed::PROVIDERS;

/// URLs longer than this many bytes are never considered oEmbed URLs; this
/// bounds the work a hostile document can cause.
pub const MAX_URL_LEN: usize = 4096;

/// Whether the URL matches one of the embedded oEmbed provider URL schemes.
pub fn is_oembed_url(url: &str) -> bool {
    provider_for(url).is_some()
}

/// The provider name for a matching URL (`https://youtu.be/abc` → `"YouTube"`):
/// the first provider of the list with a scheme that matches.
pub fn provider_for(url: &str) -> Option<&'static str> {
    if url.len() > MAX_URL_LEN {
        return None;
    }
    PROVIDERS
        .iter()
        .find(|p| {
            p.schemes
                .iter()
                .any(|s| glob_match(s.as_bytes(), url.as_bytes()))
        })
        .map(|p| p.name)
}

/// Whether `text` matches `pattern` as a whole, where `*` in the pattern matches
/// any run of bytes other than `\n` and every other byte matches itself.
///
/// Classic two-pointer matching: on a mismatch, go back to the last `*` and let
/// it absorb one more byte. Earlier stars never need revisiting, so the worst
/// case is `O(text.len() * pattern.len())`.
fn glob_match(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    // Where to resume after the last star: (pattern index after it, text index it starts at).
    let mut star: Option<(usize, usize)> = None;
    while let Some(&c) = text.get(t) {
        match pattern.get(p) {
            Some(b'*') => {
                p += 1;
                star = Some((p, t));
            }
            Some(&pc) if pc == c => {
                p += 1;
                t += 1;
            }
            _ => match star {
                // The star absorbs one more byte, unless that byte is a newline.
                Some((sp, st)) if text.get(st) != Some(&b'\n') => {
                    p = sp;
                    t = st + 1;
                    star = Some((sp, t));
                }
                _ => return false,
            },
        }
    }
    pattern
        .get(p..)
        .is_some_and(|rest| rest.iter().all(|&b| b == b'*'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_video_urls_match() {
        assert!(is_oembed_url("https://www.youtube.com/watch?v=abc"));
        assert!(is_oembed_url("https://youtu.be/abc"));
        assert!(is_oembed_url("https://vimeo.com/123"));
        assert_eq!(
            provider_for("https://www.youtube.com/watch?v=abc"),
            Some("YouTube")
        );
        assert_eq!(provider_for("https://youtu.be/abc"), Some("YouTube"));
        assert_eq!(provider_for("https://vimeo.com/123"), Some("Vimeo"));
    }

    #[test]
    fn other_urls_do_not_match() {
        assert!(!is_oembed_url("https://example.com/video.mp4"));
        assert!(!is_oembed_url("https://youtube.com/xxxxxxxx"));
        assert_eq!(provider_for("https://example.com/video.mp4"), None);
        assert!(!is_oembed_url(""));
        assert!(!is_oembed_url("*"));
        // Anchored at both ends: a scheme is not a substring search.
        assert!(!is_oembed_url("see https://youtu.be/abc"));
        // Case-sensitive, like the reference's regular expressions.
        assert!(!is_oembed_url("HTTPS://YOUTU.BE/abc"));
    }

    #[test]
    fn subdomain_wildcard_needs_a_subdomain() {
        // `https://*.youtube.com/watch*`: the `.` after the star is literal.
        assert!(!is_oembed_url("https://youtube.com/watch?v=abc"));
        assert!(is_oembed_url("https://m.youtube.com/watch?v=abc"));
    }

    #[test]
    fn long_input_never_matches() {
        let long = format!("https://youtu.be/{}", "a".repeat(MAX_URL_LEN));
        assert!(!is_oembed_url(&long));
        let just_fits = format!("https://youtu.be/{}", "a".repeat(MAX_URL_LEN - 17));
        assert_eq!(just_fits.len(), MAX_URL_LEN);
        assert!(is_oembed_url(&just_fits));
    }

    #[test]
    fn glob_semantics() {
        let m = |p: &str, t: &str| glob_match(p.as_bytes(), t.as_bytes());
        assert!(m("", ""));
        assert!(!m("", "a"));
        assert!(m("*", ""));
        assert!(m("*", "anything"));
        assert!(m("a*", "a"));
        assert!(m("a*c", "abbbc"));
        assert!(m("a*b*c", "axxbyyc"));
        assert!(m("a*b*c", "abcbc"));
        assert!(!m("a*b*c", "axxbyy"));
        assert!(m("**a", "a"));
        assert!(!m("a?c", "abc"));
        assert!(m("a?c", "a?c"));
        assert!(!m("a*c", "ab\nc"));
        assert!(m("https://*.example.com/*", "https://a.b.example.com/x/y"));
        assert!(!m("https://*.example.com/*", "https://example.com/x"));
        assert!(m("ü*", "ü漢字"));
    }

    #[test]
    fn worst_case_is_bounded() {
        // Many stars against a long non-matching text stays fast.
        let pattern = "*a*a*a*a*a*a*a*a*b";
        let text = "a".repeat(MAX_URL_LEN);
        assert!(!glob_match(pattern.as_bytes(), text.as_bytes()));
    }

    #[test]
    fn every_provider_has_a_name_and_schemes() {
        assert!(PROVIDERS.len() > 300);
        for p in PROVIDERS {
            assert!(!p.name.is_empty());
            assert!(!p.schemes.is_empty());
        }
    }
}
