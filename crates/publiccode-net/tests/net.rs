//! The network checks against servers started here on 127.0.0.1 (never the internet).
//! Private hosts are allowed in these tests only, through the guard policy.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "test code: a failed step stops the test loudly (clippy.toml covers #[test] functions, not their helpers)"
)]

mod support;

use std::time::{Duration, Instant};

use publiccode::{Diagnostic, Severity};
use publiccode_net::{FetchOptions, FileContext, GuardPolicy, NetChecker, NetOptions, USER_AGENT};
use support::{Reply, git_project, reply, serve};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";

fn options() -> FetchOptions {
    FetchOptions {
        guard: GuardPolicy::allow_all(),
        timeout: Duration::from_secs(5),
        ..FetchOptions::default()
    }
}

fn check_with(yaml: &str, fetch: FetchOptions, cx: &FileContext) -> Vec<Diagnostic> {
    let report = publiccode::validate_str(yaml, &publiccode::Options::default());
    assert!(report.tree.is_some(), "the test descriptor parses");
    NetChecker::new(NetOptions {
        fetch,
        ..NetOptions::default()
    })
    .check(&report, cx)
}

fn check(yaml: &str) -> Vec<Diagnostic> {
    check_with(yaml, options(), &FileContext::default())
}

fn doc(fields: &str) -> String {
    format!("publiccodeYmlVersion: \"0.4\"\nname: test\n{fields}")
}

fn codes(ds: &[Diagnostic]) -> Vec<(String, Severity, String)> {
    ds.iter()
        .map(|d| (d.code.to_string(), d.severity, d.key.to_string()))
        .collect()
}

fn only(ds: &[Diagnostic]) -> &Diagnostic {
    assert_eq!(ds.len(), 1, "{ds:#?}");
    &ds[0]
}

#[test]
fn reachable_url_gives_nothing_and_names_the_tool() {
    let s = serve(|_| reply(200, &[("Content-Type", "text/html")], "<html>hi</html>"));
    let ds = check(&doc(&format!("landingURL: {}\n", s.url("/"))));
    assert!(ds.is_empty(), "{ds:#?}");
    let reqs = s.requests();
    assert_eq!(reqs.len(), 1, "HEAD answered 200: no GET needed");
    assert_eq!(reqs[0].method, "HEAD");
    assert_eq!(reqs[0].header("user-agent"), Some(USER_AGENT));
    assert!(USER_AGENT.starts_with(concat!("publiccode/", env!("CARGO_PKG_VERSION"))));
    assert_eq!(reqs[0].header("authorization"), None);
    assert_eq!(reqs[0].header("cookie"), None);
}

#[test]
fn head_refused_then_ranged_get() {
    let s = serve(|r| {
        if r.method == "HEAD" {
            reply(405, &[], "")
        } else {
            reply(206, &[("Content-Type", "text/html")], "<html>")
        }
    });
    let ds = check(&doc(&format!("landingURL: {}\n", s.url("/page"))));
    assert!(ds.is_empty(), "{ds:#?}");
    let reqs = s.requests();
    assert_eq!(
        reqs.iter().map(|r| r.method.as_str()).collect::<Vec<_>>(),
        ["HEAD", "GET"]
    );
    assert_eq!(reqs[1].header("range"), Some("bytes=0-16383"));
}

#[test]
fn not_found_and_gone_are_errors() {
    let s = serve(|r| {
        if r.path == "/gone" {
            reply(410, &[], "")
        } else {
            reply(404, &[], "no")
        }
    });
    let ds = check(&doc(&format!(
        "landingURL: {}\nroadmap: {}\n",
        s.url("/missing"),
        s.url("/gone")
    )));
    assert_eq!(
        codes(&ds),
        [
            ("PN001".into(), Severity::Error, "landingURL".into()),
            ("PN001".into(), Severity::Error, "roadmap".into()),
        ]
    );
    assert!(ds[0].message.contains("404 Not Found"), "{}", ds[0].message);
    assert!(ds[1].message.contains("410 Gone"), "{}", ds[1].message);
    assert_eq!((ds[0].line, ds[0].column), (3, 13));
}

#[test]
fn challenge_page_is_only_a_warning() {
    let s = serve(|_| {
        reply(
            403,
            &[("Server", "cloudflare"), ("Content-Type", "text/html")],
            "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>\
             <script src=\"/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1\"></script></body></html>",
        )
    });
    let ds = check(&doc(&format!("landingURL: {}\n", s.url("/"))));
    let d = only(&ds);
    assert_eq!((d.code.as_ref(), d.severity), ("PN004", Severity::Warning));
    assert!(
        d.message.contains("could not verify") && d.message.contains("403 Forbidden"),
        "{}",
        d.message
    );
    assert!(
        d.message.contains("Cloudflare challenge page"),
        "{}",
        d.message
    );
}

#[test]
fn unauthorized_is_only_a_warning() {
    let s = serve(|_| reply(401, &[("WWW-Authenticate", "Basic")], ""));
    let ds = check(&doc(&format!("roadmap: {}\n", s.url("/"))));
    let d = only(&ds);
    assert_eq!((d.code.as_ref(), d.severity), ("PN004", Severity::Warning));
    assert!(d.message.contains("401 Unauthorized"), "{}", d.message);
}

#[test]
fn rate_limit_quotes_retry_after() {
    let s = serve(|_| reply(429, &[("Retry-After", "120")], "slow down"));
    let ds = check(&doc(&format!("landingURL: {}\n", s.url("/"))));
    let d = only(&ds);
    assert_eq!((d.code.as_ref(), d.severity), ("PN004", Severity::Warning));
    assert!(
        d.message
            .contains("429 Too Many Requests (Retry-After: 120)"),
        "{}",
        d.message
    );
}

#[test]
fn redirect_loop_is_an_error_and_ends() {
    let s = serve(|r| {
        let next = if r.path == "/a" { "/b" } else { "/a" };
        reply(302, &[("Location", next)], "")
    });
    let start = Instant::now();
    let ds = check(&doc(&format!("landingURL: {}\n", s.url("/a"))));
    let d = only(&ds);
    assert_eq!((d.code.as_ref(), d.severity), ("PN007", Severity::Error));
    assert!(d.message.contains("redirect loop"), "{}", d.message);
    assert!(s.requests().len() <= 4, "{}", s.requests().len());
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn redirects_are_followed_up_to_the_limit() {
    let s = serve(|r| {
        let n: u32 = r.path.trim_start_matches('/').parse().unwrap_or(0);
        if n >= 3 {
            reply(200, &[], "")
        } else {
            reply(301, &[("Location", &format!("/{}", n + 1))], "")
        }
    });
    assert!(check(&doc(&format!("landingURL: {}\n", s.url("/0")))).is_empty());
    let s2 = serve(|r| {
        let n: u32 = r.path.trim_start_matches('/').parse().unwrap_or(0);
        reply(307, &[("Location", &format!("/{}", n + 1))], "")
    });
    let ds = check(&doc(&format!("landingURL: {}\n", s2.url("/0"))));
    let d = only(&ds);
    assert_eq!(d.code, "PN007");
    assert!(
        d.message.contains("more than 10 redirects"),
        "{}",
        d.message
    );
}

#[test]
fn redirect_to_a_private_address_is_refused_without_the_allowance() {
    // The target: a second server that must never see a connection.
    let target = serve(|_| reply(200, &[], "internal"));
    let port = target.addr.port();
    let spellings = [
        format!("http://127.0.0.1:{port}/"),
        format!("http://0x7f000001:{port}/"),
        format!("http://2130706433:{port}/"),
        format!("http://0177.0.0.1:{port}/"),
        format!("http://127.1:{port}/"),
        format!("http://[::ffff:127.0.0.1]:{port}/"),
        format!("http://localhost:{port}/"),
        "http://169.254.169.254/latest/meta-data/".to_string(),
    ];
    let n = spellings.len();
    let redirector = serve(move |r| {
        let i: usize = r.path.trim_start_matches('/').parse().unwrap_or(0);
        reply(302, &[("Location", spellings[i % n].as_str())], "")
    });
    // Only the redirecting server itself is allowed: a private intranet host, say.
    let guarded = FetchOptions {
        guard: GuardPolicy {
            allow_private: false,
            allowed: vec![redirector.addr],
        },
        timeout: Duration::from_secs(5),
        ..FetchOptions::default()
    };
    let mut fields = String::from("description:\n  en:\n    videos:\n");
    for i in 0..n {
        fields.push_str(&format!("      - {}\n", redirector.url(&format!("/{i}"))));
    }
    let ds = check_with(&doc(&fields), guarded, &FileContext::default());
    assert_eq!(ds.len(), n, "{ds:#?}");
    for d in &ds {
        assert_eq!(
            (d.code.as_ref(), d.severity),
            ("PN008", Severity::Warning),
            "{d:#?}"
        );
    }
    assert!(
        ds.iter().any(|d| d.message.contains("cloud metadata")),
        "{ds:#?}"
    );
    assert!(ds.iter().any(|d| d.message.contains("loopback")), "{ds:#?}");
    assert_eq!(
        target.connections(),
        0,
        "no connection reached the private target"
    );
    // The first hop too: a literal private address is refused before connecting.
    let ds = check_with(
        &doc(&format!("landingURL: http://0x7f.1:{port}/\n")),
        FetchOptions::default(),
        &FileContext::default(),
    );
    assert_eq!(only(&ds).code, "PN008");
    assert_eq!(target.connections(), 0);
    // With the allowance, the same redirect is followed.
    let ds = check(&doc(&format!("landingURL: {}\n", redirector.url("/0"))));
    assert!(ds.is_empty(), "{ds:#?}");
    assert!(target.connections() > 0);
}

#[test]
fn slow_server_times_out_with_a_warning() {
    let s = serve(|_| Reply::Slow(Duration::from_secs(4), Box::new(reply(200, &[], ""))));
    let opts = FetchOptions {
        timeout: Duration::from_millis(400),
        ..options()
    };
    let start = Instant::now();
    let ds = check_with(
        &doc(&format!("landingURL: {}\n", s.url("/"))),
        opts,
        &FileContext::default(),
    );
    let elapsed = start.elapsed();
    let d = only(&ds);
    assert_eq!((d.code.as_ref(), d.severity), ("PN005", Severity::Warning));
    assert!(
        d.message.contains("timed out after 400 ms"),
        "{}",
        d.message
    );
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
}

#[test]
fn trickling_body_times_out() {
    // Headers at once, then a byte every 100 ms: the timeout covers the body too.
    let s = serve(|r| {
        if r.method == "HEAD" {
            reply(405, &[], "")
        } else {
            Reply::Trickle(Duration::from_millis(100))
        }
    });
    let opts = FetchOptions {
        timeout: Duration::from_millis(700),
        ..options()
    };
    let start = Instant::now();
    let ds = check_with(
        &doc(&format!("logo: {}\n", s.url("/logo.png"))),
        opts,
        &FileContext::default(),
    );
    let elapsed = start.elapsed();
    let d = only(&ds);
    assert_eq!(
        (d.code.as_ref(), d.severity),
        ("PN005", Severity::Warning),
        "{d:#?}"
    );
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
}

#[test]
fn deadline_bounds_the_whole_run() {
    let s = serve(|_| Reply::Slow(Duration::from_secs(5), Box::new(reply(200, &[], ""))));
    let mut fields = String::from("description:\n  en:\n    videos:\n");
    for i in 0..6 {
        fields.push_str(&format!("      - {}\n", s.url(&format!("/{i}"))));
    }
    let opts = FetchOptions {
        timeout: Duration::from_secs(30),
        deadline: Some(Instant::now() + Duration::from_millis(600)),
        per_host: 2,
        ..options()
    };
    let start = Instant::now();
    let ds = check_with(&doc(&fields), opts, &FileContext::default());
    let elapsed = start.elapsed();
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    assert_eq!(ds.len(), 6, "{ds:#?}");
    for d in &ds {
        assert_eq!((d.code.as_ref(), d.severity), ("PN006", Severity::Warning));
        assert!(d.message.contains("deadline"), "{}", d.message);
    }
    // Only two requests (the per-host limit) were ever started on the slow host.
    assert!(
        s.stats
            .max_in_flight
            .load(std::sync::atomic::Ordering::SeqCst)
            <= 2
    );
}

#[test]
fn per_host_limit_and_one_cache_per_run() {
    let s = serve(|_| Reply::Slow(Duration::from_millis(150), Box::new(reply(200, &[], ""))));
    let mut fields = String::from("description:\n  en:\n    videos:\n");
    for i in 0..6 {
        fields.push_str(&format!("      - {}\n", s.url(&format!("/{i}"))));
    }
    // The same URL many times: fetched once.
    for _ in 0..5 {
        fields.push_str(&format!("      - {}\n", s.url("/0")));
    }
    let opts = FetchOptions {
        per_host: 2,
        ..options()
    };
    let checker = NetChecker::new(NetOptions {
        fetch: opts,
        ..NetOptions::default()
    });
    let report = publiccode::validate_str(&doc(&fields), &publiccode::Options::default());
    assert!(checker.check(&report, &FileContext::default()).is_empty());
    // A second file in the same run: all cached.
    assert!(checker.check(&report, &FileContext::default()).is_empty());
    assert_eq!(s.requests().len(), 6, "one HEAD per distinct URL");
    assert_eq!(checker.fetcher().requests_sent(), 6);
    let max = s
        .stats
        .max_in_flight
        .load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        (1..=2).contains(&max),
        "at most 2 at once on one host, saw {max}"
    );
}

#[test]
fn huge_body_is_capped() {
    // HEAD is refused, so the GET is made; the body is 4 GiB, without Content-Length.
    let s = serve(|r| {
        if r.method == "HEAD" {
            reply(405, &[], "")
        } else {
            Reply::Huge(4 << 30)
        }
    });
    let start = Instant::now();
    let ds = check(&doc(&format!(
        "landingURL: {}\nlogo: {}\n",
        s.url("/page"),
        s.url("/logo.png")
    )));
    let elapsed = start.elapsed();
    assert!(ds.is_empty(), "{ds:#?}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
}

#[test]
fn remote_logo_must_be_an_image() {
    let s = serve(|r| match r.path.as_str() {
        "/logo.png" => reply(200, &[("Content-Type", "image/png")], PNG),
        "/fake.png" => reply(200, &[("Content-Type", "text/html")], "<html>login</html>"),
        "/logo" => reply(200, &[("Content-Type", "text/html")], "<html></html>"),
        "/shot.jpg" => reply(404, &[], ""),
        _ => reply(
            200,
            &[("Content-Type", "image/svg+xml")],
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
    });
    let ds = check(&doc(&format!(
        "logo: {}\nmonochromeLogo: {}\ndescription:\n  en:\n    screenshots:\n      - {}\n      - {}\n      - {}\n",
        s.url("/logo.png"),
        s.url("/fake.png"),
        s.url("/logo"),
        s.url("/shot.jpg"),
        s.url("/ok.svg"),
    )));
    assert_eq!(
        codes(&ds),
        [
            ("PN020".into(), Severity::Error, "monochromeLogo".into()),
            (
                "PN020".into(),
                Severity::Error,
                "description.en.screenshots[0]".into()
            ),
            (
                "PN001".into(),
                Severity::Error,
                "description.en.screenshots[1]".into()
            ),
        ],
        "{ds:#?}"
    );
    assert!(
        ds[0].message.contains("PNG signature") && ds[0].message.contains("text/html"),
        "{}",
        ds[0].message
    );
    assert!(ds[1].message.contains("not an image"), "{}", ds[1].message);
}

#[test]
fn relative_paths_resolve_against_the_base_url_outside_a_checkout() {
    let s = serve(|r| match r.path.as_str() {
        "/site/img/logo.png" => reply(200, &[], PNG),
        _ => reply(404, &[], ""),
    });
    let yaml = doc(
        "logo: img/logo.png\ndescription:\n  en:\n    screenshots:\n      - ./img/missing.png\n",
    );
    // In a checkout without a base URL, relative paths are the local checks' business.
    assert!(check(&yaml).is_empty());
    let cx = FileContext {
        remote_relative: true,
        base_url: Some(url::Url::parse(&s.url("/site")).unwrap()),
        oembed_endpoint: None,
    };
    let ds = check_with(&yaml, options(), &cx);
    assert_eq!(
        codes(&ds),
        [(
            "PN001".into(),
            Severity::Error,
            "description.en.screenshots[0]".into()
        )],
        "{ds:#?}"
    );
    assert!(
        ds[0].message.contains("/site/img/missing.png"),
        "{}",
        ds[0].message
    );
}

#[test]
fn git_smart_http_proves_a_repository() {
    let root = git_project("smart");
    let r2 = root.clone();
    let s = serve(move |r| {
        if r.path.starts_with("/repo.git/") {
            Reply::Git(r2.clone())
        } else if r.path == "/web" {
            reply(200, &[("Content-Type", "text/html")], "<html>a page</html>")
        } else {
            reply(404, &[], "")
        }
    });
    // A repository: the discovery answer is enough, nothing is reported.
    assert!(check(&doc(&format!("url: {}\n", s.url("/repo.git")))).is_empty());
    // Without `.git`, the second try (with `.git`) finds it.
    assert!(check(&doc(&format!("url: {}\n", s.url("/repo")))).is_empty());
    // The default branch is read from the advertisement.
    let fetcher = publiccode_net::Fetcher::new(options());
    let refs = publiccode_net::forge::smart_http_refs_url(
        &url::Url::parse(&s.url("/repo.git")).unwrap(),
        false,
    );
    let resp = fetcher
        .fetch(&refs, publiccode_net::Method::Get(None))
        .unwrap();
    let adv = publiccode_net::forge::parse_advertisement(&resp.body).expect("an advertisement");
    assert_eq!(adv.default_branch.as_deref(), Some("trunk"));
    // A web page is reachable but no repository.
    let ds = check(&doc(&format!("url: {}\n", s.url("/web"))));
    let d = only(&ds);
    assert_eq!((d.code.as_ref(), d.severity), ("PN011", Severity::Warning));
    // Nothing at all.
    let ds = check(&doc(&format!("url: {}\n", s.url("/nothing"))));
    assert_eq!(only(&ds).code, "PN001");
    // A relative logo outside a checkout on a plain git host cannot be resolved.
    let cx = FileContext {
        remote_relative: true,
        ..FileContext::default()
    };
    let ds = check_with(
        &doc(&format!("url: {}\nlogo: logo.png\n", s.url("/repo.git"))),
        options(),
        &cx,
    );
    assert_eq!(only(&ds).code, "PN021");
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn videos_are_checked_at_the_oembed_endpoint() {
    let s = serve(|r| {
        let q = r.query.as_str();
        if r.path != "/oembed" || !q.contains("format=json") {
            return reply(400, &[], "");
        }
        if q.contains("ok") {
            reply(
                200,
                &[("Content-Type", "application/json")],
                r#"{"type":"video","version":"1.0","html":"<iframe></iframe>"}"#,
            )
        } else if q.contains("private") {
            reply(401, &[], "Unauthorized")
        } else if q.contains("html") {
            reply(200, &[("Content-Type", "text/html")], "<html></html>")
        } else {
            reply(404, &[], "Not Found")
        }
    });
    let cx = FileContext {
        oembed_endpoint: Some(url::Url::parse(&s.url("/oembed")).unwrap()),
        ..FileContext::default()
    };
    let yaml = doc(
        "description:\n  en:\n    videos:\n      - https://www.youtube.com/watch?v=ok\n      - https://www.youtube.com/watch?v=gone\n      - https://vimeo.com/private\n      - https://vimeo.com/html\n",
    );
    let ds = check_with(&yaml, options(), &cx);
    assert_eq!(
        codes(&ds),
        [
            (
                "PN030".into(),
                Severity::Error,
                "description.en.videos[1]".into()
            ),
            (
                "PN031".into(),
                Severity::Warning,
                "description.en.videos[2]".into()
            ),
            (
                "PN032".into(),
                Severity::Warning,
                "description.en.videos[3]".into()
            ),
        ],
        "{ds:#?}"
    );
    let reqs = s.requests();
    assert_eq!(reqs.len(), 4);
    assert!(reqs.iter().all(|r| r.query.contains("url=https%3A%2F%2F")));
}

#[test]
fn dns_failure_is_an_error() {
    // `.invalid` never resolves (RFC 2606); no packet leaves a machine without DNS either.
    let ds = check(&doc("landingURL: http://no-such-host.invalid/\n"));
    let d = only(&ds);
    assert_eq!(
        (d.code.as_ref(), d.severity),
        ("PN002", Severity::Error),
        "{d:#?}"
    );
}

#[test]
fn connection_refused_is_an_error() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let ds = check(&doc(&format!("landingURL: http://127.0.0.1:{port}/\n")));
    let d = only(&ds);
    assert_eq!(
        (d.code.as_ref(), d.severity),
        ("PN003", Severity::Error),
        "{d:#?}"
    );
}

/// `git daemon` serving a bare repository, stopped on drop.
struct GitDaemon {
    child: std::process::Child,
    port: u16,
}

impl Drop for GitDaemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn git_daemon(root: &std::path::Path) -> GitDaemon {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    // `git daemon` would run `git-daemon` as a child of its own, which killing `git`
    // leaves behind: start `git-daemon` itself.
    let exec_path = std::process::Command::new("git")
        .arg("--exec-path")
        .output()
        .expect("git is installed");
    let exec_path = String::from_utf8_lossy(&exec_path.stdout)
        .trim()
        .to_string();
    let child = std::process::Command::new(std::path::Path::new(&exec_path).join("git-daemon"))
        .arg("--reuseaddr")
        .arg("--export-all")
        .arg("--listen=127.0.0.1")
        .arg(format!("--port={port}"))
        .arg(format!("--base-path={}", root.display()))
        .arg(root)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("git-daemon starts (git is installed)");
    let d = GitDaemon { child, port };
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "git daemon did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    d
}

#[test]
fn git_protocol_url_is_checked_with_git_daemon() {
    let root = git_project("daemon");
    let d = git_daemon(&root);
    let ok = check(&doc(&format!("url: git://127.0.0.1:{}/repo.git\n", d.port)));
    assert!(ok.is_empty(), "{ok:#?}");
    let ds = check(&doc(&format!(
        "url: git://127.0.0.1:{}/missing.git\n",
        d.port
    )));
    let diag = only(&ds);
    assert_eq!(
        (diag.code.as_ref(), diag.severity),
        ("PN001", Severity::Error)
    );
    assert!(
        diag.message.contains("the git server answered"),
        "{}",
        diag.message
    );
    // The guard applies to git:// too.
    let ds = check_with(
        &doc(&format!("url: git://127.0.0.1:{}/repo.git\n", d.port)),
        FetchOptions::default(),
        &FileContext::default(),
    );
    assert_eq!(only(&ds).code, "PN008");
    drop(d);
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn self_hosted_gitlab_views_are_not_the_repository() {
    let s = serve(|r| match r.path.as_str() {
        "/g/r/-/raw/main/logo.png" => reply(200, &[("Content-Type", "image/png")], PNG),
        _ => reply(200, &[("Content-Type", "text/html")], "<html>a page</html>"),
    });
    let has = |ds: &[Diagnostic], code: &str, key: &str| {
        ds.iter().any(|d| d.code.as_ref() == code && d.key == key)
    };
    // A group's page (`/g/-/…`) names no repository.
    let ds = check(&doc(&format!("url: {}\n", s.url("/g/-/issues"))));
    assert!(has(&ds, "PN010", "url"), "{ds:#?}");
    // A tree view inside a repository: the message gives the root.
    let ds = check(&doc(&format!("url: {}\n", s.url("/g/r/-/tree/main/src"))));
    assert!(has(&ds, "PN012", "url"), "{ds:#?}");
    // A blob view of the logo is a web page; the raw file is the image.
    let ds = check(&doc(&format!(
        "logo: {}\n",
        s.url("/g/r/-/blob/main/logo.png")
    )));
    assert!(has(&ds, "PN022", "logo"), "{ds:#?}");
    assert!(!has(&ds, "PN020", "logo"), "the raw file is a PNG: {ds:#?}");
}
