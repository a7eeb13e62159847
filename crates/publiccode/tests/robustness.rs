//! Hostile input: each case gets a clear diagnostic quickly, with bounded memory, and
//! never a panic. (The bound on time is a hang guard, not a benchmark.)

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use std::time::{Duration, Instant};

use publiccode::{Options, Report, validate_bytes};

fn check(bytes: &[u8]) -> (Report, Duration) {
    let start = Instant::now();
    let report = validate_bytes(bytes, &Options::default());
    (report, start.elapsed())
}

fn codes(r: &Report) -> Vec<String> {
    r.diagnostics.iter().map(|d| d.code.to_string()).collect()
}

#[test]
fn billion_laughs() {
    let mut text = String::from(
        "publiccodeYmlVersion: \"0\"\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let (r, t) = check(text.as_bytes());
    assert_eq!(codes(&r), ["PC006"]);
    assert!(r.diagnostics[0].message.contains("billion laughs"));
    assert!(t < Duration::from_secs(2), "{t:?}");
}

#[test]
fn deep_nesting() {
    for text in [
        "[".repeat(10_000),
        "a:\n".to_string() + &"- ".repeat(10_000),
        "{a: ".repeat(10_000),
    ] {
        let (r, t) = check(text.as_bytes());
        assert!(!r.is_valid());
        assert!(
            codes(&r).iter().all(|c| c == "PC006" || c == "PC002"),
            "{:?}",
            codes(&r)
        );
        assert!(t < Duration::from_secs(2), "{t:?}");
    }
}

#[test]
fn fifty_megabytes() {
    let big = vec![b'a'; 50 * 1024 * 1024];
    let (r, t) = check(&big);
    assert_eq!(codes(&r), ["PC005"]);
    assert!(t < Duration::from_secs(1), "{t:?}");
}

#[test]
fn invalid_utf8_and_nul() {
    let (r, _) = check(b"publiccodeYmlVersion: \"0\"\nname: caf\xe9\n");
    assert_eq!(codes(&r), ["PC001"]);
    assert_eq!((r.diagnostics[0].line, r.diagnostics[0].column), (2, 10));
    let (r, _) = check(b"publiccodeYmlVersion: \"0\"\nname: a\0b\n");
    assert_eq!(codes(&r), ["PC002"]);
    let (r, _) = check(b"\xEF\xBB\xBFpubliccodeYmlVersion: \"0\"\n");
    assert!(
        !codes(&r).contains(&"PC001".to_string()),
        "a BOM is accepted"
    );
}

#[test]
fn odd_documents() {
    for (text, code) in [
        ("", "PC007"),
        ("# only a comment\n", "PC007"),
        ("- a\n- b\n", "PC008"),
        ("just text", "PC008"),
        ("a: 1\n---\nb: 2\n", "PC003"),
        ("a: [1, 2\n", "PC002"),
        ("a: *nope\n", "PC002"),
        ("a: 1\na: 2\n", "PC004"),
        ("? [a, b]\n: c\n", "PC201"),
    ] {
        let (r, _) = check(text.as_bytes());
        assert!(
            codes(&r).contains(&code.to_string()),
            "{text:?}: {:?}",
            codes(&r)
        );
    }
}

/// Arbitrary byte soup never panics and every position is inside the input.
#[test]
fn random_bytes() {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let alphabet = b"ab:- \n\t[]{},&*!|>'\"#%@`?~0.";
    for _ in 0..3000 {
        let len = (seed % 200) as usize;
        let mut bytes = Vec::with_capacity(len);
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            bytes.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        let (r, _) = check(&bytes);
        for d in &r.diagnostics {
            if let Some(span) = d.span {
                assert!(span.end <= bytes.len() + 1, "{bytes:?}: {d:?}");
            }
        }
    }
}

/// One 200 KB string aliased 190,000 times (a 770 KB file) asked for about 38 GB when
/// only nodes were counted: the bytes that aliases copy are capped too.
#[test]
fn one_long_string_aliased_many_times() {
    let mut text = format!(
        "publiccodeYmlVersion: \"0.4\"\nx: &s {}\ny: [",
        "x".repeat(200_000)
    );
    for _ in 0..190_000 {
        text.push_str("*s, ");
    }
    text.push_str("]\n");
    assert!(text.len() < 1 << 20);
    let (r, t) = check(text.as_bytes());
    assert_eq!(codes(&r), ["PC006"]);
    assert!(
        r.diagnostics[0].message.contains("bytes"),
        "{:?}",
        r.diagnostics
    );
    assert!(t < Duration::from_secs(10), "{t:?}");
}

/// Positions on one long non-ASCII line are computed in linear time (a 1 MB line took
/// 308 s when every column was counted from the start of the line).
#[test]
fn long_non_ascii_line() {
    let mut text = String::from("publiccodeYmlVersion: \"0.4\"\nname: [");
    while text.len() < (1 << 20) - 16 {
        text.push_str("é\u{1F600}, ");
    }
    text.push_str("]\n");
    let (r, t) = check(text.as_bytes());
    assert!(!r.is_valid());
    assert!(t < Duration::from_secs(10), "{t:?}");
    // The same shape with a lone CR before it: positions stay exact.
    let text = "publiccodeYmlVersion: \"0.4\"\rname: é\rlocalisation:\r  localisationReady: yes\r";
    let (r, _) = check(text.as_bytes());
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == "PC205")
        .expect("a YAML 1.1 boolean");
    assert_eq!((d.line, d.column), (4, 22));
    let span = d.span.expect("a span");
    assert_eq!(&text[span.range()], "yes");
}
