//! Honest verdicts on URLs: what a status code, a firewall challenge or a network
//! failure means for "is this link alive?".
//!
//! HEAD first (cheap), then a small ranged GET when HEAD gives anything but a clean
//! 2xx (many servers refuse or mishandle HEAD). 404/410 mean "not found"; 401, 403,
//! 429, 5xx and firewall challenge pages mean "could not verify" (a warning), because
//! a firewall in front of a live page answers exactly like that.

use url::Url;

use crate::fetch::{FetchError, Fetcher, Method, Response};

/// Bytes requested by the ranged GET of a reachability check: enough to recognise a
/// challenge page.
pub const PROBE_RANGE: u64 = 16 * 1024;

/// What a reachability check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// The URL answers (2xx, or 416 to the ranged GET).
    Ok(Box<Response>),
    /// 404 or 410.
    NotFound(Box<Response>),
    /// The server would not say: 401, 403, 429, 5xx, a challenge page, another status.
    Unverifiable {
        /// The response.
        response: Box<Response>,
        /// Why, in words (`403 Forbidden, a firewall challenge page`).
        why: String,
    },
    /// No answer at all.
    Failed(FetchError),
}

/// The reason phrase of common status codes.
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        206 => "Partial Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        410 => "Gone",
        416 => "Range Not Satisfiable",
        418 => "I'm a teapot",
        429 => "Too Many Requests",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// `404 Not Found`.
pub fn status_text(status: u16) -> String {
    let r = reason_phrase(status);
    if r.is_empty() {
        format!("HTTP {status}")
    } else {
        format!("{status} {r}")
    }
}

/// Whether a response is a web application firewall's challenge or block page, and
/// whose (`Cloudflare`, `AWS WAF` …, or `a firewall`).
pub fn challenge(r: &Response) -> Option<&'static str> {
    if r.header("cf-mitigated")
        .is_some_and(|v| v.eq_ignore_ascii_case("challenge"))
    {
        return Some("Cloudflare");
    }
    if let Some(v) = r.header("x-amzn-waf-action")
        && matches!(
            v.to_ascii_lowercase().as_str(),
            "captcha" | "challenge" | "block"
        )
    {
        return Some("AWS WAF");
    }
    let head = &r.body[..r.body.len().min(PROBE_RANGE as usize)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    // Markers that only a challenge page carries.
    const STRONG: &[(&str, &str)] = &[
        ("challenge-platform", "Cloudflare"),
        ("cf-chl-", "Cloudflare"),
        ("_incapsula_resource", "Imperva"),
        ("px-captcha", "PerimeterX"),
        ("ddos-guard", "DDoS-Guard"),
        ("sucuri website firewall", "Sucuri"),
    ];
    // Markers that an ordinary page may contain too: trusted only on an error status.
    const WEAK: &[(&str, &str)] = &[
        ("just a moment...", "Cloudflare"),
        ("attention required! | cloudflare", "Cloudflare"),
        ("checking your browser", "a firewall"),
        ("captcha", "a firewall"),
        ("anubis", "Anubis"),
    ];
    if let Some((_, who)) = STRONG.iter().find(|(m, _)| text.contains(m)) {
        return Some(who);
    }
    if r.is_success() {
        return None;
    }
    WEAK.iter()
        .find(|(m, _)| text.contains(m))
        .map(|(_, who)| *who)
        .or_else(|| {
            let server = r.header("server").unwrap_or("").to_ascii_lowercase();
            (matches!(r.status, 403 | 503)
                && (server.contains("cloudflare") || server.contains("akamai")))
            .then_some("a firewall")
        })
}

/// Classifies one response.
pub fn classify(r: Response) -> Reach {
    if let Some(who) = challenge(&r) {
        let who = if who == "a firewall" {
            "a firewall challenge page".to_string()
        } else {
            format!("a {who} challenge page")
        };
        return Reach::Unverifiable {
            why: format!("{}, {who}", status_text(r.status)),
            response: Box::new(r),
        };
    }
    match r.status {
        200..=299 | 416 => Reach::Ok(Box::new(r)),
        404 | 410 => Reach::NotFound(Box::new(r)),
        429 => {
            let why = match r.header("retry-after") {
                Some(v) => format!("{} (Retry-After: {})", status_text(429), v.trim()),
                None => status_text(429),
            };
            Reach::Unverifiable {
                why,
                response: Box::new(r),
            }
        }
        s => Reach::Unverifiable {
            why: status_text(s),
            response: Box::new(r),
        },
    }
}

/// Checks that `url` is reachable: HEAD, then a ranged GET unless HEAD answered with a
/// clean 2xx.
pub fn reach(fetcher: &Fetcher, url: &Url) -> Reach {
    match fetcher.fetch(url, Method::Head) {
        Err(e @ (FetchError::Timeout { .. } | FetchError::Deadline)) => return Reach::Failed(e),
        Err(
            e @ (FetchError::Refused { .. }
            | FetchError::Dns { .. }
            | FetchError::RedirectLoop { .. }
            | FetchError::TooManyRedirects { .. }
            | FetchError::BadUrl(_)),
        ) => return Reach::Failed(e),
        Ok(r) if r.is_success() && challenge(&r).is_none() => return Reach::Ok(Box::new(r)),
        _ => {}
    }
    match fetcher.fetch(url, Method::Get(Some(PROBE_RANGE))) {
        Ok(r) => classify(r),
        Err(e) => Reach::Failed(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, headers: &[(&str, &str)], body: &str) -> Response {
        Response {
            status,
            url: Url::parse("https://example.org/").unwrap_or_else(|_| unreachable!()),
            redirects: Vec::new(),
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: body.as_bytes().to_vec(),
            truncated: false,
        }
    }

    #[test]
    fn statuses() {
        assert!(matches!(classify(resp(200, &[], "")), Reach::Ok(_)));
        assert!(matches!(classify(resp(206, &[], "")), Reach::Ok(_)));
        assert!(matches!(classify(resp(410, &[], "")), Reach::NotFound(_)));
        let Reach::Unverifiable { why, .. } = classify(resp(429, &[("retry-after", "120")], ""))
        else {
            panic!("429")
        };
        assert_eq!(why, "429 Too Many Requests (Retry-After: 120)");
        let Reach::Unverifiable { why, .. } = classify(resp(
            403,
            &[("server", "cloudflare")],
            "<!DOCTYPE html><title>Just a moment...</title>",
        )) else {
            panic!("403")
        };
        assert_eq!(why, "403 Forbidden, a Cloudflare challenge page");
        let Reach::Unverifiable { why, .. } =
            classify(resp(200, &[("cf-mitigated", "challenge")], ""))
        else {
            panic!("200 challenge")
        };
        assert_eq!(why, "200 OK, a Cloudflare challenge page");
        // A page that merely mentions a captcha is fine when it is served with 200.
        assert!(matches!(
            classify(resp(200, &[], "<html>How our captcha works</html>")),
            Reach::Ok(_)
        ));
        assert_eq!(status_text(599), "HTTP 599");
    }
}
