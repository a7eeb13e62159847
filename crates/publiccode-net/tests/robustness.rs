//! The pure parts (forge URL rules, IP literal parsing, advertisement parsing) never
//! panic, whatever the input: unusual forge URLs crashed other tools (an Azure DevOps
//! URL, a non-repository base URL).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

use proptest::prelude::*;
use publiccode_net::forge;
use url::Url;

fn check_url(s: &str) {
    let _ = publiccode_net::parse_ip_literal(s);
    if let Ok(u) = Url::parse(s) {
        let _ = forge::blob_to_raw(&u);
        if let Some(repo) = forge::parse_repo(&u) {
            let _ = forge::smart_http_refs_url(&repo.root, true);
            let _ = forge::raw_file_url(&repo, "main", "a/b.png");
            let _ = forge::raw_file_url(&repo, "", "");
        }
        let _ = publiccode_net::oembed::endpoint_for(&u);
    }
}

#[test]
fn odd_forge_urls() {
    for s in [
        "https://dev.azure.com/",
        "https://dev.azure.com/org/_git",
        "https://dev.azure.com/org/p/_git/r?path=",
        "https://dev.azure.com/org/p/_git/r?version=G&path=/x",
        "https://github.com/-/-/-/blob",
        "https://gitlab.com/-/blob/x",
        "https://x/-/",
        "https://x/a/b/src/branch",
        "https://bitbucket.org/a/b/src/",
        "https://github.com/o/r/blob/",
        "https://[::1]/o/r",
        "https://user:pass@github.com/o/r.git",
        "https://github.com/o/.git",
        "https://x.visualstudio.com/_git/",
    ] {
        check_url(s);
    }
}

/// Cases per property: `PROPTEST_CASES` (proptest's own variable) when set, else
/// `local`, or `ci` under `CI=true` (fewer locally, so `cargo test` stays fast).
fn cases(local: u32, ci: u32) -> u32 {
    if let Some(n) = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
    {
        return n;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        ci
    } else {
        local
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(300, 2000)))]

    #[test]
    fn forge_rules_never_panic(path in "(/[-a-zA-Z0-9_.~%?=&]{0,12}){0,8}", host in prop::sample::select(vec![
        "github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "dev.azure.com",
        "org.visualstudio.com", "git.example.org", "gitlab.example.org",
    ])) {
        check_url(&format!("https://{host}{path}"));
    }

    #[test]
    fn literals_never_panic(s in "[0-9a-fA-Fx.:\\[\\]%]{0,40}") {
        let _ = publiccode_net::parse_ip_literal(&s);
    }

    #[test]
    fn advertisements_never_panic(body in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = forge::parse_advertisement(&body);
        let _ = forge::parse_daemon_advertisement(&body);
    }
}
