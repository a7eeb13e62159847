//! oEmbed endpoints of the video providers that descriptors use, so that a video URL
//! can be checked the way catalogues embed it.
//!
//! The core matches video URLs against the full oEmbed provider list offline (URL
//! schemes only). Here we need the endpoints, and only for video providers that
//! answer anonymous requests; for any other provider the video URL itself is checked
//! for reachability. Endpoints are from each provider's entry in the oEmbed provider
//! list (oembed.com `providers.json`).

use url::Url;

/// `(host suffix, endpoint)`: a video URL whose host is the suffix or ends with
/// `.suffix` is checked at the endpoint.
pub const ENDPOINTS: &[(&str, &str)] = &[
    ("youtube.com", "https://www.youtube.com/oembed"),
    ("youtu.be", "https://www.youtube.com/oembed"),
    ("youtube-nocookie.com", "https://www.youtube.com/oembed"),
    ("vimeo.com", "https://vimeo.com/api/oembed.json"),
    (
        "dailymotion.com",
        "https://www.dailymotion.com/services/oembed",
    ),
    ("dai.ly", "https://www.dailymotion.com/services/oembed"),
    ("loom.com", "https://www.loom.com/v1/oembed"),
    ("wistia.com", "https://fast.wistia.com/oembed"),
    ("ted.com", "https://www.ted.com/services/v1/oembed.json"),
    ("streamable.com", "https://api.streamable.com/oembed.json"),
    ("slideshare.net", "https://www.slideshare.net/api/oembed/2"),
    ("flickr.com", "https://www.flickr.com/services/oembed/"),
];

/// The oEmbed endpoint for a video URL, when its provider is known.
pub fn endpoint_for(video: &Url) -> Option<Url> {
    let host = video.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    ENDPOINTS
        .iter()
        .find(|(suffix, _)| host == *suffix || host.ends_with(&format!(".{suffix}")))
        .and_then(|(_, e)| Url::parse(e).ok())
}

/// The request URL: `endpoint?format=json&url=<video>` (keeping the endpoint's own
/// query parameters).
pub fn request_url(endpoint: &Url, video: &Url) -> Url {
    let mut u = endpoint.clone();
    u.query_pairs_mut()
        .append_pair("format", "json")
        .append_pair("url", video.as_str());
    u
}

/// Whether `body` is an oEmbed JSON document (an object with a string `type`).
pub fn is_oembed_document(body: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .is_some_and(|v| v.get("type").and_then(|t| t.as_str()).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_by_host() {
        let e = |s: &str| {
            Url::parse(s)
                .ok()
                .and_then(|u| endpoint_for(&u))
                .map(|u| u.to_string())
        };
        assert_eq!(
            e("https://www.youtube.com/watch?v=x").as_deref(),
            Some("https://www.youtube.com/oembed")
        );
        assert_eq!(
            e("https://youtu.be/x").as_deref(),
            Some("https://www.youtube.com/oembed")
        );
        assert_eq!(
            e("https://vimeo.com/1").as_deref(),
            Some("https://vimeo.com/api/oembed.json")
        );
        assert_eq!(e("https://notyoutube.com/x"), None);
        let endpoint = Url::parse("http://127.0.0.1:1/oembed?key=1").ok();
        let video = Url::parse("https://youtu.be/a&b").ok();
        if let (Some(endpoint), Some(video)) = (endpoint, video) {
            assert_eq!(
                request_url(&endpoint, &video).as_str(),
                "http://127.0.0.1:1/oembed?key=1&format=json&url=https%3A%2F%2Fyoutu.be%2Fa%26b"
            );
        }
        assert!(is_oembed_document(br#"{"type":"video","version":"1.0"}"#));
        assert!(!is_oembed_document(b"<html>"));
    }
}
